//! Problems found while reading a file, each with where it is and what to do about it.
//!
//! A problem is data (kind + location + offending value) so that the same list can be printed
//! as `file › sheet › cell: message (value)`, serialised as JSON, or written to a workbook.

use crate::i18n::Lang;
use serde::Serialize;

/// How bad a problem is, which decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Something people should know; nothing was rejected.
    Warning,
    /// A row or a cell was rejected; the rest of the file was used (exit code 1).
    Error,
    /// The file could not be used at all (exit code 2).
    Fatal,
}

impl Severity {
    /// Its label in the message catalogue.
    pub fn label(self) -> crate::i18n::Label {
        use crate::i18n::Label;
        match self {
            Severity::Warning => Label::Warning,
            Severity::Error => Label::Error,
            Severity::Fatal => Label::Unusable,
        }
    }
}

/// Where a problem is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// File name as given on the command line.
    pub file: String,
    /// Sheet, when known.
    pub sheet: Option<String>,
    /// Cell in A1 notation (`C17`), or a row (`17`), when known.
    pub cell: Option<String>,
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ProblemKind {
    /// The file is not a spreadsheet hailong reads.
    NotSpreadsheet {
        /// What the reader said.
        detail: String,
    },
    /// The file or a sheet passes a size bound (file size, or rows × columns of a sheet).
    TooLarge {
        /// What was measured.
        detail: String,
    },
    /// A zip archive inflates far beyond its size: a decompression bomb.
    Bomb {
        /// Sizes.
        detail: String,
    },
    /// Formula cells without a cached value (the workbook was never recalculated and saved).
    FormulaWithoutValue {
        /// The cells.
        cells: Vec<String>,
    },
    /// Cells whose text was converted to Unicode NFC.
    Converted {
        /// From which encoding ("TCVN3 (ABC)", "VNI", "Unicode NFD").
        encoding: String,
        /// The cells.
        cells: Vec<String>,
    },
    /// The file could not be opened or read.
    Unreadable {
        /// What the system said.
        detail: String,
    },
    /// A sheet the layout needs is missing.
    MissingSheet {
        /// Sheet wanted.
        wanted: String,
        /// Sheets the workbook has.
        found: Vec<String>,
    },
    /// No header row with the needed columns in the first rows.
    MissingHeader {
        /// Which column is missing.
        column: String,
    },
    /// Neither a "Xã:" cell nor `--commune` says which commune the file is for.
    NoCommune,
    /// The commune name does not resolve.
    CommuneLookup {
        /// Message of the gazetteer, in the chosen language.
        message_vi: String,
        /// English message.
        message_en: String,
    },
    /// The unit is a ward, whose households are not surveyed.
    Ward {
        /// Unit.
        name: String,
    },
    /// The file names an old commune, attributed to the merged one.
    OldCommune {
        /// Old name.
        old: String,
        /// New unit.
        new: String,
    },
    /// The form id is unknown, or cannot be told from the sheet.
    UnknownForm {
        /// What was written, if anything.
        id: String,
        /// Known ids.
        known: Vec<String>,
    },
    /// Item columns of the form are missing from the header.
    MissingItems {
        /// Missing item numbers.
        items: Vec<u32>,
    },
    /// A column for an item number the form does not have.
    ExtraItem {
        /// The number.
        item: u32,
    },
    /// An answer that is neither option; the item counts as invalid for that form.
    BadAnswer {
        /// Item number.
        item: u32,
    },
    /// A ballot row without a residential area.
    MissingArea,
    /// A ballot's area is not in the register.
    UnknownArea {
        /// Closest register names.
        suggestions: Vec<String>,
    },
    /// The same form number twice in one area with different answers: both counted.
    DuplicateFormNo {
        /// Row where it first appeared.
        first_row: u32,
    },
    /// The register's household count is not a whole number ≥ 0.
    BadCount,
    /// The register lists an area twice.
    DuplicateArea {
        /// Row of the first listing.
        first_row: u32,
    },
    /// More ballots than households in an area: the area's ballots are rejected.
    TooManyBallots {
        /// Area.
        area: String,
        /// Ballots read.
        ballots: u32,
        /// Households in the register.
        households: u32,
    },
    /// Forms issued is greater than households... or ballots greater than forms issued.
    MoreThanIssued {
        /// Area.
        area: String,
        /// Ballots read.
        ballots: u32,
        /// Forms issued.
        issued: u32,
    },
    /// The register has no area.
    EmptyRegister,
    /// The file does not name its form and several fit: one was assumed.
    FormAssumed {
        /// The form taken.
        id: String,
        /// Forms that fit.
        candidates: Vec<String>,
    },
    /// Both markers of an item are set.
    BothMarked {
        /// Item number.
        item: u32,
    },
    /// The same household (by its id or its head's name) twice in one area.
    DuplicateHousehold {
        /// Row of the first form.
        first_row: u32,
    },
    /// A tally's satisfied + not satisfied exceeds the forms returned.
    TallyOverReturned {
        /// Item.
        item: u32,
        /// Satisfied.
        satisfied: u32,
        /// Not satisfied.
        dissatisfied: u32,
        /// Returned.
        returned: u32,
    },
    /// A tally sheet must give two counts per item.
    TallyNeedsPairs,
    /// An area has both a tally and forms in the same file.
    TallyAndBallots {
        /// Area.
        area: String,
    },
    /// A column the mapping names is not in the export's header row.
    MappingColumn {
        /// Mapping key (`mapping.area_column`, `items.3`).
        key: String,
        /// Column name it gives.
        name: String,
        /// 1-based header row read.
        header_row: u32,
        /// The first columns of that row.
        found: Vec<String>,
    },
    /// Several columns end with the name the mapping gives.
    MappingAmbiguous {
        /// Mapping key.
        key: String,
        /// Column name it gives.
        name: String,
        /// Columns that fit.
        candidates: Vec<String>,
    },
    /// Columns found by their last segment under a group prefix, not by their full name.
    ColumnsMatched {
        /// `"prefix ignored": keys` (`"group_q/": items.1–19`).
        pairs: Vec<String>,
    },
    /// An `[items]` key that is not an item number of the form.
    MappingItemKey {
        /// The key.
        key: String,
        /// Form id.
        form: String,
        /// The form's last item.
        max: u32,
    },
    /// Item numbers of the form with no key in `[items]`.
    MappingItemsMissing {
        /// Missing numbers.
        items: Vec<u32>,
        /// Form id.
        form: String,
    },
    /// A row of an export names another commune than the file's.
    OtherCommuneRow,
    /// An answer the mapping's `[values]` does not list; the item counts as invalid.
    BadMappedAnswer {
        /// Item number.
        item: u32,
        /// Values the mapping accepts.
        accepted: Vec<String>,
    },
    /// An export's area is neither a register name nor an `[areas]` code.
    UnknownAreaCode {
        /// The register's areas.
        register: Vec<String>,
    },
    /// Choice codes matched to register names by folding.
    AreasMatched {
        /// `code → name`.
        pairs: Vec<String>,
    },
    /// An `[areas]` code maps to a name that is not in the register.
    AreaCodeTarget {
        /// The code.
        choice: String,
        /// The register's areas.
        register: Vec<String>,
    },
    /// A `[register]` area written as a choice code, not a name.
    RegisterCode {
        /// What was written.
        name: String,
    },
    /// The same submission key twice: the latest version is kept.
    DuplicateSubmission {
        /// Row of the version kept.
        kept_row: u32,
    },
    /// A submission whose review status leaves it out (rejected, not approved).
    ReviewExcluded,
    /// A submission counted but whose review status asks for a look (on hold, has issues).
    ReviewWarning,
    /// A ballots sheet without an area column whose name and title name no register area.
    NoAreaColumn {
        /// 1-based header row read.
        header_row: u32,
        /// Columns recognised in it.
        recognised: Vec<String>,
    },
    /// The same form number twice in one area with the same answers: typed twice, kept once.
    DuplicateFormTyped {
        /// Row kept.
        first_row: u32,
    },
    /// Submissions of a keyed export already stored from an earlier export.
    SupersedesEarlier {
        /// How many.
        count: u32,
        /// The earlier files.
        files: Vec<String>,
    },
    /// The ballots' areas belong to another stored file of the same commune.
    AreaInOtherFile {
        /// Area.
        area: String,
        /// The other file.
        other: String,
    },
    /// The same file was stored for another commune in this round: it now counts for the
    /// commune of this import only.
    MovedFromCommune {
        /// The commune it counted for until now.
        from: String,
    },
    /// A self-assessment row's code is not an indicator of its criteria set: row rejected.
    UnknownIndicator {
        /// Criteria set id.
        set: String,
    },
    /// The same indicator twice in a self-assessment: the later row rejected.
    DuplicateIndicator {
        /// Row of the first.
        first_row: u32,
    },
    /// "Tự đánh giá" is neither "Đạt" nor "Chưa đạt".
    BadSelfAssessment,
    /// A result below 1 under a percentage target: a cell formatted as % or a real fraction.
    AmbiguousFraction {
        /// The target.
        target: String,
    },
    /// The figure entered contradicts the commune's own assessment of it.
    Contradiction {
        /// Indicator code.
        indicator: String,
        /// Its target.
        target: String,
        /// What the commune assessed (`true`: Đạt).
        self_assessed: bool,
    },
    /// Indicators of the set the workbook does not have.
    MissingIndicators {
        /// Criteria set id.
        set: String,
        /// Their codes.
        codes: Vec<String>,
    },
    /// The criteria set of a self-assessment cannot be told.
    CriteriaSetUnknown {
        /// The sets hailong has.
        known: Vec<String>,
    },
    /// The set's targets depend on the commune group and the workbook names none that fits.
    CommuneGroupMissing {
        /// The set's groups.
        groups: Vec<String>,
    },
    /// A posting date that cannot be read: that posting is not counted.
    BadDate,
    /// A declared condition no rule pack knows: the row is left out.
    UnknownCondition,
    /// Two columns could be the result (or the self-assessment) and neither is the template's.
    AmbiguousColumn {
        /// What the column is.
        column: String,
        /// The header cells.
        cells: Vec<String>,
    },
    /// Two sheets hold rows for the same indicators (an old copy beside the new one).
    IndicatorSheets {
        /// The sheets.
        sheets: Vec<String>,
    },
    /// A part of the self-assessment is absent ("postings", "conditions"): what it decides is
    /// counted as not met.
    MissingPart {
        /// Which part.
        part: String,
    },
    /// Indicators whose row has no self-assessment: counted as not met.
    NotAssessed {
        /// Their codes.
        codes: Vec<String>,
    },
    /// No sheet has a header row naming the form's items: nothing could be read as forms.
    NoItemHeader {
        /// Items the form has.
        items: u32,
        /// What each sheet read showed in its first rows.
        sheets: Vec<String>,
    },
    /// An item's column holds mostly values that are not answers: the column was misread (or
    /// answers are coded without a legend), so the file is refused rather than stored as
    /// invalid answers.
    NotAnswers {
        /// The item.
        item: u32,
        /// The column letter.
        column: String,
        /// The values found, most frequent first, each with its count.
        values: Vec<String>,
        /// Whether the values look like codes (numbers or single letters) with no legend.
        coded: bool,
    },
    /// A totals row disagrees with the rows above it.
    TotalsMismatch {
        /// What was summed (households, forms, …), in Vietnamese and English.
        what_vi: String,
        /// The same in English.
        what_en: String,
        /// The total as written.
        written: u64,
        /// The sum of the rows above.
        computed: u64,
    },
    /// The reading looks wrong: too many rows rejected, or one cause rejecting many rows. The
    /// file is not stored unless the user accepts a partial import.
    Doubtful {
        /// Rows rejected.
        rejected: u32,
        /// Data rows read.
        rows: u32,
        /// The most frequent cause and how many rows it rejected.
        top_cause_vi: String,
        /// The same in English.
        top_cause_en: String,
        /// Rows that cause rejected.
        top_count: u32,
    },
    /// A file or sheet name names several communes (or an old commune merged into several).
    CommuneNameAmbiguous {
        /// The candidates.
        candidates: Vec<String>,
    },
    /// A file stored in part, as the user asked with `--accept-partial`.
    PartialAccepted {
        /// Rows rejected.
        rejected: u32,
        /// Data rows read.
        rows: u32,
    },
    /// The file has no bytes, or only white space (an attachment lost on the way).
    EmptyFile,
    /// A workbook protected by a password to open: its content is encrypted, nothing can be
    /// read until the password is removed in Excel.
    Encrypted,
    /// A document of another kind sent instead of the spreadsheet.
    OtherDocument {
        /// `pdf`, `word`, or `html` (a web page without a table).
        what: String,
    },
    /// A zip of CSV files (ODK Central's "download all"): its main CSV was read.
    ZipOfCsv {
        /// The CSV read, by its name inside the zip.
        read: String,
        /// The other entries: repeat groups' CSVs, folders as `media/ (n)`.
        ignored: Vec<String>,
    },
    /// A zip of CSV files whose main CSV cannot be told: several CSVs without `PARENT_KEY`,
    /// or none.
    ZipOfCsvChoice {
        /// The CSVs that could be it.
        candidates: Vec<String>,
    },
    /// A workbook holding only the register of areas (no forms sheet): stored as the commune's
    /// register, for forms imported later.
    RegisterOnly {
        /// Areas read.
        areas: u32,
    },
    /// A web page (HTML) saved with a spreadsheet's name: its tables were read as sheets.
    HtmlTable {
        /// How many tables were read.
        tables: u32,
    },
}

fn list_cells(cells: &[String]) -> String {
    const SHOWN: usize = 20;
    let mut s = cells
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if cells.len() > SHOWN {
        s.push_str(&format!(", … (+{})", cells.len() - SHOWN));
    }
    s
}

/// One problem.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    /// How bad.
    pub severity: Severity,
    /// Where.
    pub location: Location,
    /// What.
    pub kind: ProblemKind,
    /// The offending value as written, if any.
    pub value: Option<String>,
}

impl Problem {
    /// The message alone, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use ProblemKind::*;
        let vi = lang == Lang::Vi;
        match &self.kind {
            // The reader's own words (`detail`) stay in the JSON for support: a library's
            // English never reaches the officer.
            NotSpreadsheet { .. } => {
                if vi {
                    "không phải bảng tính đọc được (.xlsx, .xlsm, .xls, .ods, .csv) hoặc tệp đã bị hỏng. Hãy mở tệp bằng Excel và lưu lại dạng Excel .xlsx".into()
                } else {
                    "not a readable spreadsheet (.xlsx, .xlsm, .xls, .ods, .csv), or the file is damaged. Open it in Excel and save it as Excel .xlsx".into()
                }
            }
            TooLarge { detail } => {
                if vi {
                    format!(
                        "tệp hoặc sheet quá lớn để là một bảng phiếu ({detail}); hãy tách tệp hoặc xóa các ô thừa"
                    )
                } else {
                    format!(
                        "the file or sheet is too large to be a survey sheet ({detail}); split it or clear stray cells"
                    )
                }
            }
            Bomb { detail } => {
                if vi {
                    format!(
                        "tệp nén giải ra dung lượng bất thường ({detail}): từ chối để bảo vệ máy"
                    )
                } else {
                    format!(
                        "the archive inflates to an abnormal size ({detail}): refused to protect the machine"
                    )
                }
            }
            FormulaWithoutValue { cells } => {
                if vi {
                    format!(
                        "{} ô có công thức nhưng chưa có giá trị tính sẵn ({}): mở tệp bằng Excel, tính lại và lưu",
                        cells.len(),
                        list_cells(cells)
                    )
                } else {
                    format!(
                        "{} formula cells have no cached value ({}): open the file in Excel, recalculate and save",
                        cells.len(),
                        list_cells(cells)
                    )
                }
            }
            Converted { encoding, cells } => {
                if vi {
                    format!(
                        "đã chuyển {} ô từ mã {encoding} sang Unicode: {}",
                        cells.len(),
                        list_cells(cells)
                    )
                } else {
                    format!(
                        "converted {} cells from {encoding} to Unicode: {}",
                        cells.len(),
                        list_cells(cells)
                    )
                }
            }
            Unreadable { detail } => {
                if vi {
                    format!("không mở được tệp: {detail}")
                } else {
                    format!("cannot open the file: {detail}")
                }
            }
            MissingSheet { wanted, found } => {
                if vi {
                    format!(
                        "thiếu sheet \"{wanted}\" (tệp có: {}). Hãy dùng mẫu do `hailong template` tạo",
                        found.join(", ")
                    )
                } else {
                    format!(
                        "sheet \"{wanted}\" is missing (the file has: {}). Use the workbook `hailong template` writes",
                        found.join(", ")
                    )
                }
            }
            MissingHeader { column } => {
                if vi {
                    format!("không tìm thấy dòng tiêu đề có cột \"{column}\" trong 20 dòng đầu")
                } else {
                    format!("no header row with a \"{column}\" column in the first 20 rows")
                }
            }
            NoCommune => {
                if vi {
                    "không rõ tệp của xã nào: ghi \"Xã:\" và tên xã ở đầu sheet \"Khu dân cư\", hoặc dùng --commune".into()
                } else {
                    "which commune the file is for is not said: write \"Xã:\" and the name at the top of the register sheet, or pass --commune".into()
                }
            }
            CommuneLookup {
                message_vi,
                message_en,
            } => {
                if vi {
                    message_vi.clone()
                } else {
                    message_en.clone()
                }
            }
            Ward { name } => {
                if vi {
                    format!(
                        "{name} là phường: hộ dân ở phường không thuộc diện lấy ý kiến về xây dựng nông thôn mới"
                    )
                } else {
                    format!(
                        "{name} is a ward: households of wards are not surveyed for new-rural recognition"
                    )
                }
            }
            OldCommune { old, new } => {
                if vi {
                    format!(
                        "tệp ghi tên xã cũ \"{old}\"; từ 01/7/2025 thuộc {new}: số liệu được tính cho {new}"
                    )
                } else {
                    format!(
                        "the file names the former commune \"{old}\"; since 1 July 2025 it is part of {new}: counted for {new}"
                    )
                }
            }
            UnknownForm { id, known } if id.is_empty() => {
                if vi {
                    format!(
                        "không nhận ra mẫu phiếu: dòng tiêu đề không ghi đủ các câu của một mẫu nào (Câu 1 … Câu N, câu cuối là câu hỏi chung). Hãy kiểm tra dòng tiêu đề, hoặc ghi ô \"Mẫu phiếu:\" / dùng --form với một trong: {}",
                        known.join(", ")
                    )
                } else {
                    format!(
                        "the form is not recognised: no header row names every item of one form (Câu 1 … Câu N, the last being the overall question). Check the header row, or write the \"Mẫu phiếu:\" cell / pass --form with one of: {}",
                        known.join(", ")
                    )
                }
            }
            UnknownForm { id, known } => {
                if vi {
                    format!(
                        "không rõ mẫu phiếu \"{id}\"; ghi ô \"Mẫu phiếu:\" là một trong: {} hoặc dùng --form",
                        known.join(", ")
                    )
                } else {
                    format!(
                        "unknown form \"{id}\"; write one of {} in the \"Mẫu phiếu:\" cell or pass --form",
                        known.join(", ")
                    )
                }
            }
            MissingItems { items } => {
                let list = items
                    .iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                if vi {
                    format!("thiếu cột của câu {list} theo mẫu phiếu")
                } else {
                    format!("columns for items {list} of the form are missing")
                }
            }
            ExtraItem { item } => {
                if vi {
                    format!("có cột câu {item} nhưng mẫu phiếu không có câu này")
                } else {
                    format!("a column for item {item}, which the form does not have")
                }
            }
            BadAnswer { item } => {
                if vi {
                    format!(
                        "câu {item}: câu trả lời không phải \"Hài lòng\" hay \"Không hài lòng\"; câu này của phiếu được tính là không hợp lệ"
                    )
                } else {
                    format!(
                        "item {item}: the answer is neither \"Hài lòng\" nor \"Không hài lòng\"; the item counts as invalid for this form"
                    )
                }
            }
            MissingArea => {
                if vi {
                    "phiếu không ghi khu dân cư: dòng bị loại, hãy điền khu dân cư".into()
                } else {
                    "the form names no residential area: row rejected, fill in the area".into()
                }
            }
            UnknownArea { suggestions } => {
                if vi {
                    format!(
                        "khu dân cư không có trong sheet \"Khu dân cư\": dòng bị loại. Có phải: {}?",
                        suggestions.join(", ")
                    )
                } else {
                    format!(
                        "residential area not in the register sheet: row rejected. Did you mean: {}?",
                        suggestions.join(", ")
                    )
                }
            }
            DuplicateFormNo { first_row } => {
                if vi {
                    format!(
                        "số phiếu trùng với dòng {first_row} của cùng khu dân cư nhưng câu trả lời khác: hai hộ được ghi cùng một số, cả hai phiếu đều được tính; hãy sửa số phiếu"
                    )
                } else {
                    format!(
                        "form number repeats row {first_row} of the same area with other answers: two households given one number, both forms counted; correct the number"
                    )
                }
            }
            BadCount => {
                if vi {
                    "số hộ phải là số nguyên không âm: khu dân cư bị loại".into()
                } else {
                    "households must be a whole number ≥ 0: area rejected".into()
                }
            }
            DuplicateArea { first_row } => {
                if vi {
                    format!("khu dân cư đã có ở dòng {first_row}: dòng bị loại")
                } else {
                    format!("the area is already listed in row {first_row}: row rejected")
                }
            }
            TooManyBallots {
                area,
                ballots,
                households,
            } => {
                if vi {
                    format!(
                        "khu dân cư \"{area}\" có {ballots} phiếu nhưng chỉ có {households} hộ: toàn bộ phiếu của khu bị loại, hãy kiểm tra số hộ hoặc phiếu nhập trùng"
                    )
                } else {
                    format!(
                        "area \"{area}\" has {ballots} forms but only {households} households: all its forms are rejected; check the household count or duplicated forms"
                    )
                }
            }
            MoreThanIssued {
                area,
                ballots,
                issued,
            } => {
                if vi {
                    format!(
                        "khu dân cư \"{area}\" có {ballots} phiếu thu về nhưng chỉ phát ra {issued}: toàn bộ phiếu của khu bị loại"
                    )
                } else {
                    format!(
                        "area \"{area}\" returned {ballots} forms but only {issued} were issued: all its forms are rejected"
                    )
                }
            }
            BothMarked { item } => {
                if vi {
                    format!(
                        "câu {item}: đánh dấu cả \"Hài lòng\" và \"Không hài lòng\"; câu này của phiếu được tính là không hợp lệ"
                    )
                } else {
                    format!(
                        "item {item}: both \"Hài lòng\" and \"Không hài lòng\" are marked; the item counts as invalid for this form"
                    )
                }
            }
            DuplicateHousehold { first_row } => {
                if vi {
                    format!(
                        "hộ này đã có phiếu ở dòng {first_row} của cùng khu dân cư: dòng bị loại"
                    )
                } else {
                    format!(
                        "this household already has a form in row {first_row} of the same area: row rejected"
                    )
                }
            }
            TallyOverReturned {
                item,
                satisfied,
                dissatisfied,
                returned,
            } => {
                if vi {
                    format!(
                        "câu {item}: hài lòng {satisfied} + không hài lòng {dissatisfied} lớn hơn số phiếu thu về {returned}: dòng bị loại"
                    )
                } else {
                    format!(
                        "item {item}: satisfied {satisfied} + not satisfied {dissatisfied} exceeds the {returned} forms returned: row rejected"
                    )
                }
            }
            TallyNeedsPairs => {
                if vi {
                    "bảng tổng hợp phải có hai cột cho mỗi câu (Hài lòng | Không hài lòng)".into()
                } else {
                    "a tally sheet needs two columns per item (Hài lòng | Không hài lòng)".into()
                }
            }
            TallyAndBallots { area } => {
                if vi {
                    format!(
                        "khu dân cư \"{area}\" có cả bảng tổng hợp và phiếu từng hộ: chỉ được gửi một nguồn cho mỗi khu, tệp bị từ chối"
                    )
                } else {
                    format!(
                        "area \"{area}\" has both a tally and household forms: one source per area, file refused"
                    )
                }
            }
            MappingColumn {
                key,
                name,
                header_row,
                found,
            } => {
                if vi {
                    format!(
                        "không có cột \"{name}\" ({key} trong tệp ánh xạ) ở dòng tiêu đề {header_row}; dòng này có: {}",
                        found.join(", ")
                    )
                } else {
                    format!(
                        "no column \"{name}\" ({key} in the mapping file) in header row {header_row}; that row has: {}",
                        found.join(", ")
                    )
                }
            }
            MappingAmbiguous {
                key,
                name,
                candidates,
            } => {
                if vi {
                    format!(
                        "{key} = \"{name}\" khớp nhiều cột ({}): ghi tên cột đầy đủ trong tệp ánh xạ",
                        candidates.join(", ")
                    )
                } else {
                    format!(
                        "{key} = \"{name}\" fits several columns ({}): write the full column name in the mapping file",
                        candidates.join(", ")
                    )
                }
            }
            ColumnsMatched { pairs } => {
                if vi {
                    format!(
                        "cột tìm theo phần cuối tên, bỏ tiền tố nhóm {}",
                        pairs.join("; ")
                    )
                } else {
                    format!(
                        "columns found by the last part of their name, ignoring the group prefix {}",
                        pairs.join("; ")
                    )
                }
            }
            MappingItemKey { key, form, max } => {
                if vi {
                    format!(
                        "khóa items.{key} trong tệp ánh xạ không phải số câu: mẫu {form} có câu 1 đến {max}"
                    )
                } else {
                    format!(
                        "key items.{key} of the mapping file is not an item number: form {form} has items 1 to {max}"
                    )
                }
            }
            MappingItemsMissing { items, form } => {
                let list = items
                    .iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                if vi {
                    format!(
                        "bảng [items] của tệp ánh xạ thiếu khóa của câu {list} (mẫu {form}): thêm dòng như `{} = \"tên_cột\"`",
                        items[0]
                    )
                } else {
                    format!(
                        "the mapping's [items] table lacks keys for items {list} (form {form}): add lines like `{} = \"column_name\"`",
                        items[0]
                    )
                }
            }
            OtherCommuneRow => {
                if vi {
                    "dòng của xã khác: mỗi lần nhập một xã (dùng --commune): dòng bị loại".into()
                } else {
                    "a row of another commune: import one commune at a time (use --commune): row rejected".into()
                }
            }
            BadMappedAnswer { item, accepted } => {
                if vi {
                    format!(
                        "câu {item}: giá trị không có trong [values] của tệp ánh xạ (nhận: {}); câu này của phiếu được tính là không hợp lệ",
                        accepted.join(", ")
                    )
                } else {
                    format!(
                        "item {item}: a value the mapping's [values] does not list (accepted: {}); the item counts as invalid for this form",
                        accepted.join(", ")
                    )
                }
            }
            UnknownAreaCode { register } => {
                if vi {
                    format!(
                        "khu dân cư không có trong danh sách của xã ({}) và không có trong bảng [areas] của tệp ánh xạ: dòng bị loại",
                        register.join(", ")
                    )
                } else {
                    format!(
                        "residential area neither in the commune's register ({}) nor in the mapping's [areas] table: row rejected",
                        register.join(", ")
                    )
                }
            }
            AreasMatched { pairs } => {
                if vi {
                    format!(
                        "mã khu dân cư được khớp với tên trong danh sách (bỏ dấu): {}. Nếu sai, ghi bảng [areas] trong tệp ánh xạ",
                        pairs.join("; ")
                    )
                } else {
                    format!(
                        "area codes matched to register names (accents folded): {}. If wrong, write an [areas] table in the mapping file",
                        pairs.join("; ")
                    )
                }
            }
            AreaCodeTarget { choice, register } => {
                if vi {
                    format!(
                        "[areas] \"{choice}\" trỏ tới khu dân cư không có trong danh sách của xã ({})",
                        register.join(", ")
                    )
                } else {
                    format!(
                        "[areas] \"{choice}\" names an area that is not in the commune's register ({})",
                        register.join(", ")
                    )
                }
            }
            RegisterCode { name } => {
                if vi {
                    format!(
                        "[register] \"{name}\" là mã lựa chọn, không phải tên khu dân cư: ghi tên thật (\"Bản Nà Sản\") và đặt mã vào bảng [areas]"
                    )
                } else {
                    format!(
                        "[register] \"{name}\" is a choice code, not an area's name: write the real name (\"Bản Nà Sản\") and put the code in an [areas] table"
                    )
                }
            }
            DuplicateSubmission { kept_row } => {
                if vi {
                    format!(
                        "bản nộp trùng mã với dòng {kept_row}: chỉ tính một lần, giữ bản mới nhất (dòng {kept_row})"
                    )
                } else {
                    format!(
                        "the same submission as row {kept_row}: counted once, the latest version (row {kept_row}) is kept"
                    )
                }
            }
            ReviewExcluded => {
                if vi {
                    "bản nộp bị người duyệt từ chối: không tính".into()
                } else {
                    "submission rejected by the reviewer: not counted".into()
                }
            }
            ReviewWarning => {
                if vi {
                    "bản nộp đang chờ duyệt hoặc có vấn đề: vẫn tính, hãy xem lại".into()
                } else {
                    "submission on hold or flagged by the reviewer: counted, have a look".into()
                }
            }
            NoAreaColumn {
                header_row,
                recognised,
            } => {
                if vi {
                    format!(
                        "sheet phiếu không có cột khu dân cư (thôn, bản, tổ dân phố, …) ở dòng tiêu đề {header_row} (nhận ra: {}), và tên sheet hay ô tiêu đề \"Bản: …\" không phải khu dân cư nào trong danh sách: sheet bị loại. Thêm cột \"Khu dân cư\"",
                        recognised.join(", ")
                    )
                } else {
                    format!(
                        "the ballots sheet has no residential-area column (thôn, bản, tổ dân phố, …) in header row {header_row} (recognised: {}), and neither its name nor a \"Bản: …\" title cell is an area of the register: sheet rejected. Add a \"Khu dân cư\" column",
                        recognised.join(", ")
                    )
                }
            }
            DuplicateFormTyped { first_row } => {
                if vi {
                    format!(
                        "số phiếu và mọi câu trả lời trùng với dòng {first_row}: một phiếu nhập hai lần, chỉ tính một lần"
                    )
                } else {
                    format!(
                        "form number and every answer repeat row {first_row}: one form typed twice, counted once"
                    )
                }
            }
            FormAssumed { id, candidates } => {
                if vi {
                    format!(
                        "tệp không ghi mẫu phiếu; các mẫu {} đều khớp số câu, đã lấy mẫu \"{id}\". Nếu sai, ghi ô \"Mẫu phiếu:\" hoặc dùng --form",
                        candidates.join(", ")
                    )
                } else {
                    format!(
                        "the file does not name its form; {} all fit, \"{id}\" was taken. If wrong, fill the \"Mẫu phiếu:\" cell or pass --form",
                        candidates.join(", ")
                    )
                }
            }
            EmptyRegister => {
                if vi {
                    "không có danh sách khu dân cư và số hộ, và thư mục dữ liệu chưa có danh sách của xã này: hãy nhập trước sổ phiếu chuẩn có sheet \"Khu dân cư\" (`hailong template … --area …` tạo sổ này), hoặc thêm bảng [register] vào tệp ánh xạ".into()
                } else {
                    "no register of areas and households in the file, and none for this commune in the workspace: first import the canonical workbook with its register sheet (`hailong template … --area …` writes one), or add a [register] table to the mapping file".into()
                }
            }
            SupersedesEarlier { count, files } => {
                if vi {
                    format!(
                        "{count} bản nộp đã có từ lần xuất trước ({}): mỗi bản chỉ tính một lần, bản mới nhất được dùng",
                        files.join(", ")
                    )
                } else {
                    format!(
                        "{count} submissions were already stored from an earlier export ({}): each counted once, the latest version is used",
                        files.join(", ")
                    )
                }
            }
            AreaInOtherFile { area, other } => {
                if vi {
                    format!(
                        "khu dân cư \"{area}\" đã có phiếu từ tệp {other}: một khu dân cư chỉ nhận một nguồn, tệp bị từ chối"
                    )
                } else {
                    format!(
                        "area \"{area}\" already has forms from {other}: one source per area, file refused"
                    )
                }
            }
            MovedFromCommune { from } => {
                if vi {
                    format!(
                        "tệp này đã được nhập cho xã {from}; nay chỉ tính cho xã của lần nhập này (một tệp không tính cho hai xã)"
                    )
                } else {
                    format!(
                        "this file was stored for {from}; it now counts for this import's commune only (one file never counts for two communes)"
                    )
                }
            }
            UnknownIndicator { set } => {
                if vi {
                    format!(
                        "mã chỉ tiêu không có trong bộ tiêu chí {set}: dòng bị loại; sửa mã theo mẫu (hailong template --criteria {set})"
                    )
                } else {
                    format!(
                        "this indicator code is not in criteria set {set}: row rejected; correct the code as in the template (hailong template --criteria {set})"
                    )
                }
            }
            DuplicateIndicator { first_row } => {
                if vi {
                    format!(
                        "chỉ tiêu đã có ở dòng {first_row}: dòng sau bị loại; giữ một dòng cho mỗi chỉ tiêu"
                    )
                } else {
                    format!(
                        "the indicator is already in row {first_row}: the later row is rejected; keep one row per indicator"
                    )
                }
            }
            BadSelfAssessment => {
                if vi {
                    "tự đánh giá phải là \"Đạt\" hoặc \"Chưa đạt\": chỉ tiêu được tính là chưa đạt; chọn trong danh sách".into()
                } else {
                    "the self-assessment must be \"Đạt\" or \"Chưa đạt\": counted as not met; pick from the list".into()
                }
            }
            AmbiguousFraction { target } => {
                if vi {
                    format!(
                        "kết quả nhỏ hơn 1 với chỉ tiêu {target}: không rõ là phần trăm hay phân số (ô định dạng %?); hailong không so với chỉ tiêu; ghi rõ, ví dụ \"93%\""
                    )
                } else {
                    format!(
                        "a result below 1 under target {target}: a percentage or a fraction (a cell formatted as %?); hailong does not read it against the target; write it plainly, e.g. \"93%\""
                    )
                }
            }
            Contradiction {
                indicator: code,
                target,
                self_assessed,
            } => {
                let (vi_claim, en_claim) = if *self_assessed {
                    ("Đạt", "met")
                } else {
                    ("Chưa đạt", "not met")
                };
                if vi {
                    format!(
                        "chỉ tiêu {code}: kết quả mâu thuẫn với tự đánh giá \"{vi_claim}\" (chỉ tiêu quy định {target}); tính là chưa đạt; sửa kết quả hoặc tự đánh giá"
                    )
                } else {
                    format!(
                        "indicator {code}: the result contradicts the self-assessment \"{en_claim}\" (target {target}); counted as not met; correct the result or the assessment"
                    )
                }
            }
            MissingIndicators { set, codes } => {
                if vi {
                    format!(
                        "thiếu {} chỉ tiêu của bộ {set}: {}; các chỉ tiêu này được tính là chưa đạt; thêm dòng theo mẫu",
                        codes.len(),
                        list_cells(codes)
                    )
                } else {
                    format!(
                        "{} indicators of set {set} are missing: {}; they count as not met; add their rows as in the template",
                        codes.len(),
                        list_cells(codes)
                    )
                }
            }
            CriteriaSetUnknown { known } => {
                if vi {
                    format!(
                        "không xác định được bộ tiêu chí của bảng tự đánh giá; ghi dòng \"Bộ tiêu chí: <mã>\" ở đầu trang, mã là một trong: {}",
                        known.join(", ")
                    )
                } else {
                    format!(
                        "cannot tell the self-assessment's criteria set; write a line \"Bộ tiêu chí: <id>\" at the top, the id one of: {}",
                        known.join(", ")
                    )
                }
            }
            CommuneGroupMissing { groups } => {
                if vi {
                    format!(
                        "bộ tiêu chí này có chỉ tiêu theo nhóm xã nhưng tệp không ghi nhóm xã hợp lệ; ghi \"Nhóm xã: …\" là một trong: {}",
                        groups.join("; ")
                    )
                } else {
                    format!(
                        "this set's targets depend on the commune group but the file names no valid group; write \"Nhóm xã: …\" as one of: {}",
                        groups.join("; ")
                    )
                }
            }
            BadDate => {
                if vi {
                    "không đọc được ngày (ghi ngày/tháng/năm, ví dụ 12/03/2025): lần công khai này không được tính".into()
                } else {
                    "cannot read the date (write day/month/year, e.g. 12/03/2025): this posting is not counted".into()
                }
            }
            NotAssessed { codes } => {
                if vi {
                    format!(
                        "{} chỉ tiêu chưa tự đánh giá (Đạt / Chưa đạt): {}; được tính là chưa đạt",
                        codes.len(),
                        list_cells(codes)
                    )
                } else {
                    format!(
                        "{} indicators have no self-assessment (Đạt / Chưa đạt): {}; counted as not met",
                        codes.len(),
                        list_cells(codes)
                    )
                }
            }
            AmbiguousColumn { column, cells } => {
                if vi {
                    format!(
                        "có nhiều cột có thể là \"{column}\" ({}): không đoán; đặt tên cột cần đọc là \"{column}\" hoặc xóa cột thừa",
                        cells.join(", ")
                    )
                } else {
                    format!(
                        "several columns could be \"{column}\" ({}): not guessed; name the one to read \"{column}\" or remove the others",
                        cells.join(", ")
                    )
                }
            }
            IndicatorSheets { sheets } => {
                if vi {
                    format!(
                        "các sheet {} cùng ghi các chỉ tiêu này: giữ một sheet (xóa hoặc chuyển bản cũ ra tệp khác)",
                        sheets.join(", ")
                    )
                } else {
                    format!(
                        "sheets {} both hold these indicators: keep one sheet (delete the old copy or move it to another file)",
                        sheets.join(", ")
                    )
                }
            }
            MissingPart { part } => {
                let (vi_part, en_part, vi_what, en_what) = if part == "postings" {
                    (
                        "Công khai",
                        "Công khai (postings)",
                        "điều kiện công khai báo cáo",
                        "the posting condition",
                    )
                } else {
                    (
                        "Điều kiện công nhận",
                        "Điều kiện công nhận (declared conditions)",
                        "các điều kiện xã kê khai",
                        "the declared conditions",
                    )
                };
                if vi {
                    format!(
                        "tệp không có sheet \"{vi_part}\": {vi_what} được tính là chưa đạt; dùng mẫu có đủ các sheet (tệp CSV chỉ giữ một sheet)"
                    )
                } else {
                    format!(
                        "the file has no sheet \"{en_part}\": {en_what} count as not met; use a workbook with every sheet (a CSV keeps only one)"
                    )
                }
            }
            UnknownCondition => {
                if vi {
                    "điều kiện không có trong quy tắc công nhận: dòng bị bỏ qua; dùng mã điều kiện như trong mẫu".into()
                } else {
                    "no recognition rule has this condition: row left out; use the condition codes of the template".into()
                }
            }
            NoItemHeader { items, sheets } => {
                if vi {
                    format!(
                        "không sheet nào có dòng tiêu đề ghi các câu của phiếu (Câu 1 … Câu {items}, hoặc \"1. Quy hoạch\" …) trong 20 dòng đầu; đã xem: {}. Hãy thêm dòng tiêu đề, hoặc dùng mẫu do `hailong template` tạo",
                        sheets.join("; ")
                    )
                } else {
                    format!(
                        "no sheet has a header row naming the form's items (Câu 1 … Câu {items}, or \"1. Quy hoạch\" …) in its first 20 rows; looked at: {}. Add a header row, or use the workbook `hailong template` writes",
                        sheets.join("; ")
                    )
                }
            }
            NotAnswers {
                item,
                column,
                values,
                coded,
            } => {
                let shown = values.join(", ");
                match (vi, coded) {
                    (true, true) => format!(
                        "cột {column} (câu {item}) ghi mã ({shown}) nhưng tệp không có chú thích mã: không đoán. Hãy thêm một dòng chú thích phía trên bảng, ví dụ \"Cách ghi: 1 - Hài lòng; 2 - Không hài lòng\", hoặc ghi bằng chữ. Tệp không được lưu"
                    ),
                    (true, false) => format!(
                        "cột {column} (câu {item}) phần lớn không phải câu trả lời ({shown}): có thể cột bị đọc sai. Tệp không được lưu; hãy ghi \"Hài lòng\" / \"Không hài lòng\" hoặc kiểm tra dòng tiêu đề"
                    ),
                    (false, true) => format!(
                        "column {column} (item {item}) holds codes ({shown}) but the file has no legend for them: not guessed. Add a legend line above the table, e.g. \"Cách ghi: 1 - Hài lòng; 2 - Không hài lòng\", or write the answers out. The file was not stored"
                    ),
                    (false, false) => format!(
                        "column {column} (item {item}) mostly holds values that are not answers ({shown}): the column may be misread. The file was not stored; write \"Hài lòng\" / \"Không hài lòng\" or check the header row"
                    ),
                }
            }
            TotalsMismatch {
                what_vi,
                what_en,
                written,
                computed,
            } => {
                // A register's or tally's totals refuse the file; a forms sheet's totals (what
                // they count is not said) are only a warning.
                let refused = self.severity != Severity::Warning;
                match (vi, refused) {
                    (true, true) => format!(
                        "dòng tổng ghi {written} {what_vi} nhưng cộng các dòng trên được {computed}: số liệu không khớp, tệp không được lưu. Hãy kiểm tra lại các dòng hoặc dòng tổng"
                    ),
                    (true, false) => format!(
                        "dòng tổng ghi {written} {what_vi}, không khớp với các dòng phiếu phía trên ({computed} hài lòng): dòng tổng không được tính, hãy kiểm tra lại"
                    ),
                    (false, true) => format!(
                        "the totals row says {written} {what_en} but the rows above add up to {computed}: the figures do not reconcile, the file was not stored. Check the rows or the totals row"
                    ),
                    (false, false) => format!(
                        "the totals row says {written} {what_en}, which does not match the forms above ({computed} satisfied): the totals row is not counted, check it"
                    ),
                }
            }
            Doubtful {
                rejected,
                rows,
                top_cause_vi,
                top_cause_en,
                top_count,
            } => {
                if vi {
                    format!(
                        "KHÔNG LƯU: cách đọc có vẻ sai — {rejected}/{rows} dòng bị loại; lỗi gặp nhiều nhất: \"{top_cause_vi}\" ({top_count} lần). Xem cách đọc bằng `hailong check TỆP`, sửa tệp rồi nhập lại; nếu đúng là chỉ lưu phần đọc được, nhập lại với --accept-partial"
                    )
                } else {
                    format!(
                        "NOT STORED: the reading looks wrong — {rejected}/{rows} rows rejected; the most frequent problem: \"{top_cause_en}\" ({top_count} times). See the reading with `hailong check FILE`, fix the file and import again; to store only what was read, import again with --accept-partial"
                    )
                }
            }
            CommuneNameAmbiguous { candidates } => {
                if vi {
                    format!(
                        "tên tệp hoặc sheet có thể là nhiều xã ({}): không đoán. Hãy ghi dòng \"Xã: …\" trong tệp hoặc dùng --commune",
                        candidates.join(", ")
                    )
                } else {
                    format!(
                        "the file or sheet name may name several communes ({}): not guessed. Write a \"Xã: …\" line in the file or pass --commune",
                        candidates.join(", ")
                    )
                }
            }
            PartialAccepted { rejected, rows } => {
                if vi {
                    format!(
                        "đã lưu MỘT PHẦN theo --accept-partial: {rejected}/{rows} dòng bị loại không được tính"
                    )
                } else {
                    format!(
                        "stored IN PART as --accept-partial asked: {rejected}/{rows} rejected rows are not counted"
                    )
                }
            }
            EmptyFile => {
                if vi {
                    "tệp rỗng: không có dữ liệu nào; hãy gửi lại tệp bảng tính".into()
                } else {
                    "the file is empty: it holds no data; send the spreadsheet again".into()
                }
            }
            Encrypted => {
                if vi {
                    "tệp có mật khẩu: mở bằng Excel, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc › Mã hóa bằng mật khẩu, xóa mật khẩu) rồi lưu lại".into()
                } else {
                    "the workbook is password-protected: open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password, clear it) and save it again".into()
                }
            }
            OtherDocument { what } => {
                let (vi_what, en_what) = match what.as_str() {
                    "pdf" => ("tệp PDF", "a PDF file"),
                    "word" => ("văn bản Word", "a Word document"),
                    _ => (
                        "trang web (HTML) không có bảng",
                        "a web page (HTML) without a table",
                    ),
                };
                if vi {
                    format!(
                        "đây là {vi_what}, không phải bảng tính: hailong đọc bảng tính (.xlsx, .xls, .ods, .csv); hãy gửi tệp Excel gốc"
                    )
                } else {
                    format!(
                        "this is {en_what}, not a spreadsheet: hailong reads spreadsheets (.xlsx, .xls, .ods, .csv); send the original Excel file"
                    )
                }
            }
            ZipOfCsv { read, ignored } => {
                let (vi_rest, en_rest) = if ignored.is_empty() {
                    (String::new(), String::new())
                } else {
                    (
                        format!("; bỏ qua: {}", list_cells(ignored)),
                        format!("; ignored: {}", list_cells(ignored)),
                    )
                };
                if vi {
                    format!(
                        "tệp nén (zip) chứa các tệp CSV (như ODK Central xuất): đã đọc {read}{vi_rest}"
                    )
                } else {
                    format!("a zip of CSV files (as ODK Central exports): read {read}{en_rest}")
                }
            }
            ZipOfCsvChoice { candidates } => {
                if candidates.is_empty() {
                    if vi {
                        "tệp nén (zip) không có tệp CSV chính nào (tệp có cột PARENT_KEY là nhóm câu hỏi lặp): hãy giải nén và nhập tệp bảng phiếu".into()
                    } else {
                        "the zip holds no main CSV file (a file with a PARENT_KEY column is a repeat group): unzip it and import the survey file".into()
                    }
                } else if vi {
                    format!(
                        "tệp nén (zip) có nhiều tệp CSV có thể là bảng phiếu ({}): không đoán; hãy giải nén và nhập tệp cần dùng",
                        candidates.join(", ")
                    )
                } else {
                    format!(
                        "the zip holds several CSV files that could be the survey ({}): not guessed; unzip it and import the one you mean",
                        candidates.join(", ")
                    )
                }
            }
            RegisterOnly { areas } => {
                if vi {
                    format!(
                        "tệp chỉ có danh sách khu dân cư ({areas} khu), không có sheet phiếu: đã lưu danh sách để dùng cho các tệp phiếu nhập sau"
                    )
                } else {
                    format!(
                        "the file holds only the register of areas ({areas} areas) and no forms sheet: the register was stored for forms imported later"
                    )
                }
            }
            HtmlTable { tables } => {
                if vi {
                    format!(
                        "tệp là trang web (HTML) được lưu với tên Excel: đã đọc {tables} bảng của trang như bảng tính; nên mở bằng Excel và lưu lại dạng .xlsx"
                    )
                } else {
                    format!(
                        "the file is a web page (HTML) saved as Excel: its {tables} table(s) were read as sheets; better open it in Excel and save it as .xlsx"
                    )
                }
            }
        }
    }

    /// `file › sheet › cell: message (value)`.
    pub fn render(&self, lang: Lang) -> String {
        let mut s = self.location.file.clone();
        if let Some(sh) = &self.location.sheet {
            s.push_str(" › ");
            s.push_str(sh);
        }
        if let Some(c) = &self.location.cell {
            s.push_str(" › ");
            s.push_str(c);
        }
        s.push_str(": ");
        s.push_str(&self.message(lang));
        if let Some(v) = &self.value {
            s.push_str(&format!(" ({v})"));
        }
        s
    }
}

impl ProblemKind {
    /// How many variants there are: [`ProblemKind::ordinal`] numbers them 0 to this − 1.
    pub const VARIANTS: usize = 76;

    /// The variant's number. The match has no wildcard, so a new variant does not compile
    /// until it is numbered here, and the catalogue's test then asks for its sample.
    pub fn ordinal(&self) -> usize {
        use ProblemKind::*;
        match self {
            NotSpreadsheet { .. } => 0,
            TooLarge { .. } => 1,
            Bomb { .. } => 2,
            FormulaWithoutValue { .. } => 3,
            Converted { .. } => 4,
            Unreadable { .. } => 5,
            MissingSheet { .. } => 6,
            MissingHeader { .. } => 7,
            NoCommune => 8,
            CommuneLookup { .. } => 9,
            Ward { .. } => 10,
            OldCommune { .. } => 11,
            UnknownForm { .. } => 12,
            MissingItems { .. } => 13,
            ExtraItem { .. } => 14,
            BadAnswer { .. } => 15,
            MissingArea => 16,
            UnknownArea { .. } => 17,
            DuplicateFormNo { .. } => 18,
            BadCount => 19,
            DuplicateArea { .. } => 20,
            TooManyBallots { .. } => 21,
            MoreThanIssued { .. } => 22,
            EmptyRegister => 23,
            FormAssumed { .. } => 24,
            BothMarked { .. } => 25,
            DuplicateHousehold { .. } => 26,
            TallyOverReturned { .. } => 27,
            TallyNeedsPairs => 28,
            TallyAndBallots { .. } => 29,
            MappingColumn { .. } => 30,
            MappingAmbiguous { .. } => 31,
            ColumnsMatched { .. } => 32,
            MappingItemKey { .. } => 33,
            MappingItemsMissing { .. } => 34,
            OtherCommuneRow => 35,
            BadMappedAnswer { .. } => 36,
            UnknownAreaCode { .. } => 37,
            AreasMatched { .. } => 38,
            AreaCodeTarget { .. } => 39,
            RegisterCode { .. } => 40,
            DuplicateSubmission { .. } => 41,
            ReviewExcluded => 42,
            ReviewWarning => 43,
            NoAreaColumn { .. } => 44,
            DuplicateFormTyped { .. } => 45,
            SupersedesEarlier { .. } => 46,
            AreaInOtherFile { .. } => 47,
            MovedFromCommune { .. } => 48,
            UnknownIndicator { .. } => 49,
            DuplicateIndicator { .. } => 50,
            BadSelfAssessment => 51,
            AmbiguousFraction { .. } => 52,
            Contradiction { .. } => 53,
            MissingIndicators { .. } => 54,
            CriteriaSetUnknown { .. } => 55,
            CommuneGroupMissing { .. } => 56,
            BadDate => 57,
            UnknownCondition => 58,
            NotAssessed { .. } => 59,
            AmbiguousColumn { .. } => 60,
            IndicatorSheets { .. } => 61,
            MissingPart { .. } => 62,
            NoItemHeader { .. } => 63,
            NotAnswers { .. } => 64,
            TotalsMismatch { .. } => 65,
            Doubtful { .. } => 66,
            CommuneNameAmbiguous { .. } => 67,
            PartialAccepted { .. } => 68,
            EmptyFile => 69,
            Encrypted => 70,
            OtherDocument { .. } => 71,
            ZipOfCsv { .. } => 72,
            ZipOfCsvChoice { .. } => 73,
            HtmlTable { .. } => 74,
            RegisterOnly { .. } => 75,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(x: &[&str]) -> Vec<String> {
        x.iter().map(|s| s.to_string()).collect()
    }

    /// One of every variant.
    fn samples() -> Vec<ProblemKind> {
        use ProblemKind::*;
        vec![
            NotSpreadsheet {
                detail: "zip".into(),
            },
            TooLarge {
                detail: "1 × 2".into(),
            },
            Bomb {
                detail: "1 KB → 2 MB".into(),
            },
            FormulaWithoutValue { cells: v(&["A1"]) },
            Converted {
                encoding: "VNI".into(),
                cells: v(&["A1"]),
            },
            Unreadable {
                detail: "io".into(),
            },
            MissingSheet {
                wanted: "Phiếu".into(),
                found: v(&["Sheet1"]),
            },
            MissingHeader {
                column: "Khu dân cư".into(),
            },
            NoCommune,
            CommuneLookup {
                message_vi: "không thấy xã".into(),
                message_en: "no such commune".into(),
            },
            Ward {
                name: "Phường Tô Hiệu".into(),
            },
            OldCommune {
                old: "Xã A".into(),
                new: "Xã B".into(),
            },
            UnknownForm {
                id: "x".into(),
                known: v(&["xa-ntm"]),
            },
            MissingItems { items: vec![1, 2] },
            ExtraItem { item: 20 },
            BadAnswer { item: 1 },
            MissingArea,
            UnknownArea {
                suggestions: v(&["Bản Nà Sản"]),
            },
            DuplicateFormNo { first_row: 4 },
            BadCount,
            DuplicateArea { first_row: 4 },
            TooManyBallots {
                area: "Bản A".into(),
                ballots: 3,
                households: 2,
            },
            MoreThanIssued {
                area: "Bản A".into(),
                ballots: 3,
                issued: 2,
            },
            EmptyRegister,
            FormAssumed {
                id: "xa-ntm".into(),
                candidates: v(&["xa-ntm", "xa-ntm-nang-cao"]),
            },
            BothMarked { item: 1 },
            DuplicateHousehold { first_row: 4 },
            TallyOverReturned {
                item: 1,
                satisfied: 3,
                dissatisfied: 2,
                returned: 4,
            },
            TallyNeedsPairs,
            TallyAndBallots {
                area: "Bản A".into(),
            },
            MappingColumn {
                key: "items.1".into(),
                name: "cau_1".into(),
                header_row: 1,
                found: v(&["_id"]),
            },
            MappingAmbiguous {
                key: "items.1".into(),
                name: "cau_1".into(),
                candidates: v(&["a/cau_1", "b/cau_1"]),
            },
            ColumnsMatched {
                pairs: v(&["items.1 = \"cau_1\" → \"g/cau_1\""]),
            },
            MappingItemKey {
                key: "20".into(),
                form: "xa-ntm".into(),
                max: 19,
            },
            MappingItemsMissing {
                items: vec![3],
                form: "xa-ntm".into(),
            },
            OtherCommuneRow,
            BadMappedAnswer {
                item: 1,
                accepted: v(&["1", "0"]),
            },
            UnknownAreaCode {
                register: v(&["Bản Nà Sản"]),
            },
            AreasMatched {
                pairs: v(&["na_san → Bản Nà Sản"]),
            },
            AreaCodeTarget {
                choice: "x".into(),
                register: v(&["Bản Nà Sản"]),
            },
            RegisterCode {
                name: "ban_na_san".into(),
            },
            DuplicateSubmission { kept_row: 5 },
            ReviewExcluded,
            ReviewWarning,
            NoAreaColumn {
                header_row: 3,
                recognised: v(&["STT"]),
            },
            DuplicateFormTyped { first_row: 4 },
            SupersedesEarlier {
                count: 3,
                files: v(&["a.csv"]),
            },
            AreaInOtherFile {
                area: "Bản A".into(),
                other: "a.xlsx".into(),
            },
            MovedFromCommune {
                from: "Xã Mường Bú".into(),
            },
            UnknownIndicator { set: "s".into() },
            DuplicateIndicator { first_row: 4 },
            BadSelfAssessment,
            AmbiguousFraction {
                target: "≥95%".into(),
            },
            Contradiction {
                indicator: "2.1".into(),
                target: "≥95%".into(),
                self_assessed: true,
            },
            MissingIndicators {
                set: "s".into(),
                codes: v(&["1.1"]),
            },
            CriteriaSetUnknown { known: v(&["s"]) },
            CommuneGroupMissing {
                groups: v(&["Nhóm 1"]),
            },
            BadDate,
            UnknownCondition,
            NotAssessed { codes: v(&["1.1"]) },
            AmbiguousColumn {
                column: "Kết quả thực hiện".into(),
                cells: v(&["F14", "H14"]),
            },
            IndicatorSheets {
                sheets: v(&["Tự đánh giá", "Tự đánh giá 2023"]),
            },
            MissingPart {
                part: "postings".into(),
            },
            NoItemHeader {
                items: 19,
                sheets: v(&["Sheet1"]),
            },
            NotAnswers {
                item: 1,
                column: "C".into(),
                values: v(&["1 ×30"]),
                coded: true,
            },
            TotalsMismatch {
                what_vi: "hộ".into(),
                what_en: "households".into(),
                written: 10,
                computed: 9,
            },
            Doubtful {
                rejected: 9,
                rows: 10,
                top_cause_vi: "khu".into(),
                top_cause_en: "area".into(),
                top_count: 9,
            },
            CommuneNameAmbiguous {
                candidates: v(&["Xã A"]),
            },
            PartialAccepted {
                rejected: 1,
                rows: 10,
            },
            EmptyFile,
            Encrypted,
            OtherDocument { what: "pdf".into() },
            ZipOfCsv {
                read: "Phieu.csv".into(),
                ignored: v(&["Phieu-lap.csv", "media/ (3)"]),
            },
            ZipOfCsvChoice {
                candidates: v(&["A.csv", "B.csv"]),
            },
            HtmlTable { tables: 1 },
            RegisterOnly { areas: 3 },
        ]
    }

    /// TEMPORARY (catalogue move): every message rendered, both languages, both severities.
    #[test]
    fn snapshot_tmp() {
        let Ok(dir) = std::env::var("SNAP_OUT") else {
            return;
        };
        use ProblemKind::*;
        let many: Vec<String> = (1..=25).map(|i| format!("A{i}")).collect();
        let mut all = samples();
        all.extend([
            UnknownForm {
                id: String::new(),
                known: v(&["xa-ntm", "b"]),
            },
            Contradiction {
                indicator: "2.1".into(),
                target: "≥95%".into(),
                self_assessed: false,
            },
            MissingPart {
                part: "conditions".into(),
            },
            NotAnswers {
                item: 1,
                column: "C".into(),
                values: v(&["x ×30", "y ×2"]),
                coded: false,
            },
            OtherDocument {
                what: "word".into(),
            },
            OtherDocument {
                what: "html".into(),
            },
            ZipOfCsv {
                read: "Phieu.csv".into(),
                ignored: vec![],
            },
            ZipOfCsvChoice { candidates: vec![] },
            FormulaWithoutValue {
                cells: many.clone(),
            },
            Converted {
                encoding: "TCVN3 (ABC)".into(),
                cells: many.clone(),
            },
            MissingIndicators {
                set: "s".into(),
                codes: many.clone(),
            },
            NotAssessed {
                codes: many.clone(),
            },
            ZipOfCsv {
                read: "Phieu.csv".into(),
                ignored: many.clone(),
            },
            MissingItems {
                items: vec![3, 4, 5],
            },
            MappingItemsMissing {
                items: vec![7, 8],
                form: "f".into(),
            },
        ]);
        let mut out = String::new();
        for kind in all {
            for severity in [Severity::Error, Severity::Warning] {
                let p = Problem {
                    severity,
                    location: Location {
                        file: "a.xlsx".into(),
                        sheet: Some("S".into()),
                        cell: Some("B2".into()),
                    },
                    kind: kind.clone(),
                    value: Some("v".into()),
                };
                for lang in [Lang::Vi, Lang::En] {
                    out.push_str(&format!(
                        "{kind:?} {severity:?} {lang:?}\n{}\n",
                        p.render(lang)
                    ));
                }
                out.push_str(&serde_json::to_string(&p).unwrap());
                out.push('\n');
            }
        }
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(format!("{dir}/problems.txt"), out).unwrap();
    }

    #[test]
    fn every_problem_has_a_message_in_both_languages() {
        let samples = samples();
        let mut ordinals: Vec<usize> = samples.iter().map(ProblemKind::ordinal).collect();
        ordinals.sort_unstable();
        ordinals.dedup();
        assert_eq!(
            ordinals,
            (0..ProblemKind::VARIANTS).collect::<Vec<_>>(),
            "a variant has no sample"
        );
        for kind in samples {
            let p = Problem {
                severity: Severity::Error,
                location: Location {
                    file: "a.xlsx".into(),
                    sheet: None,
                    cell: None,
                },
                kind: kind.clone(),
                value: None,
            };
            let (vi, en) = (p.message(Lang::Vi), p.message(Lang::En));
            assert!(!vi.trim().is_empty() && !en.trim().is_empty(), "{kind:?}");
            assert_ne!(vi, en, "{kind:?} is not translated");
            // Vietnamese is written with its diacritics.
            assert!(!vi.is_ascii(), "{kind:?}: {vi}");
        }
    }
}
