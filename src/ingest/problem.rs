//! Problems found while reading a file, each with where it is and what to do about it.
//!
//! A problem is data (kind + location + offending value) so that the same list can be printed
//! as `file › sheet › cell: message (value)`, serialised as JSON, or written to a workbook.

use crate::i18n::Lang;
use serde::Serialize;

/// How bad a problem is, which decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Something people should know; nothing was rejected.
    Warning,
    /// A row or a cell was rejected; the rest of the file was used (exit code 1).
    Error,
    /// The file could not be used at all (exit code 2).
    Fatal,
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
    /// The same form number twice in one area.
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
    /// A row that totals the others ("Tổng cộng"): not a form, skipped.
    TotalRow,
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
    /// The mapping file is wrong or does not fit the export.
    Mapping {
        /// What is wrong.
        detail: String,
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
            NotSpreadsheet { detail } => {
                if vi {
                    format!(
                        "không phải bảng tính đọc được (.xlsx, .xlsm, .xls, .ods): {detail}. Hãy lưu lại tệp dưới dạng Excel .xlsx"
                    )
                } else {
                    format!(
                        "not a readable spreadsheet (.xlsx, .xlsm, .xls, .ods): {detail}. Save the file as Excel .xlsx"
                    )
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
                    format!("số phiếu trùng với dòng {first_row} của cùng khu dân cư: dòng bị loại")
                } else {
                    format!("form number repeats row {first_row} of the same area: row rejected")
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
            TotalRow => {
                if vi {
                    "dòng tổng cộng, không phải một phiếu: bỏ qua".into()
                } else {
                    "a total row, not a form: skipped".into()
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
            Mapping { detail } => {
                if vi {
                    format!("tệp ánh xạ không khớp: {detail}")
                } else {
                    format!("the mapping file does not fit: {detail}")
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
                    "không có danh sách khu dân cư và số hộ (sheet \"Khu dân cư\"), và thư mục dữ liệu chưa có danh sách của xã này: hãy nhập sổ phiếu có sheet \"Khu dân cư\" trước".into()
                } else {
                    "no register of areas and households in the file, and none for this commune in the workspace: import a workbook with a register sheet first".into()
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
