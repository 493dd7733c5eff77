//! Problems found while reading a file, each with where it is and what to do about it.
//!
//! A problem is data (kind + location + offending value) so that the same list can be printed
//! as `file › sheet › cell: message (value)`, serialised as JSON, or written to a workbook.

use crate::i18n::{Lang, ProblemText};
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
        /// The cells; the sheet's name, when it was converted, first as
        /// [`ProblemKind::sheet_name_cell`].
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
    /// The file is another commune's than the one the importer may import for (a commune
    /// account of `hailong serve`): refused whole, nothing stored.
    NotYourCommune {
        /// The commune the file was read as.
        commune: String,
        /// The importer's commune.
        allowed: String,
    },
    /// A page of a photographed or scanned file that could not be read as a ballot (no corner
    /// squares, no readable id, an id of no ballot printed for this workspace): listed, the
    /// other pages are read.
    PageUnread {
        /// 1-based page of the file.
        page: u32,
        /// Why, as a code (`no_fiducials`, `no_id`, …; see `docs/ballots.md`).
        reason: String,
    },
    /// One ballot photographed more than once (in this file or an earlier one): counted once.
    BallotTwice {
        /// The ballot id.
        id: String,
        /// Where it was seen (`page 2`, `a.jpg`).
        seen: Vec<String>,
    },
    /// Marks the photo reader left to a person: the commune's score is provisional until they
    /// are decided (`hailong review`).
    AwaitingReview {
        /// Items to decide.
        items: u32,
        /// Pages to identify.
        pages: u32,
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
        sheets: Vec<SheetSeen>,
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

/// What a sheet showed in its first rows, when no sheet had a header row naming the form's
/// items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetSeen {
    /// The register of areas, its header at `row` (1-based).
    Register {
        /// The sheet.
        sheet: String,
        /// Header row.
        row: u32,
    },
    /// `row` (1-based) names `found` of the form's `items`, the most of any row.
    Items {
        /// The sheet.
        sheet: String,
        /// The row.
        row: u32,
        /// Items it names.
        found: u32,
        /// Items the form has.
        items: u32,
    },
    /// No row names an item.
    NoItems {
        /// The sheet.
        sheet: String,
    },
}

impl SheetSeen {
    /// What the sheet showed, in `lang`.
    pub fn words(&self, lang: Lang) -> String {
        match self {
            SheetSeen::Register { sheet, row } => {
                ProblemText::SeenRegister.say(lang, &[("sheet", sheet), ("row", row)])
            }
            SheetSeen::Items {
                sheet,
                row,
                found,
                items,
            } => ProblemText::SeenItems.say(
                lang,
                &[
                    ("sheet", sheet),
                    ("row", row),
                    ("found", found),
                    ("items", items),
                ],
            ),
            SheetSeen::NoItems { sheet } => ProblemText::SeenNoItems.say(lang, &[("sheet", sheet)]),
        }
    }
}

/// The JSON says what it always said: the Vietnamese words.
impl Serialize for SheetSeen {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.words(Lang::Vi))
    }
}

/// Item numbers, `3, 4, 5`.
fn numbers(items: &[u32]) -> String {
    items
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", ")
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
        let (text, values) = self.wording(lang);
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        text.fill(lang, &values)
    }

    /// The catalogue's message for this problem and the values it names. A table: which
    /// variant, which values; the words are all in [`ProblemText`].
    fn wording(&self, lang: Lang) -> (ProblemText, Vec<(&'static str, String)>) {
        use ProblemKind::*;
        use ProblemText as T;
        // `named![a, b = expr]`: the values `a` (a binding of the same name) and `b`, as text.
        macro_rules! named {
            ($($name:ident $(= $value:expr)?),* $(,)?) => {
                vec![$((stringify!($name), named!(@one $name $(= $value)?))),*]
            };
            (@one $name:ident = $value:expr) => { $value.to_string() };
            (@one $name:ident) => { $name.to_string() };
        }
        let in_lang = |vi: &String, en: &String| match lang {
            Lang::Vi => vi.clone(),
            Lang::En => en.clone(),
        };
        match &self.kind {
            // The reader's own words (`detail`) stay in the JSON for support: a library's
            // English never reaches the officer.
            NotSpreadsheet { .. } => (T::NotSpreadsheet, vec![]),
            TooLarge { detail } => (T::TooLarge, named![detail]),
            Bomb { detail } => (T::Bomb, named![detail]),
            FormulaWithoutValue { cells } => (
                T::FormulaWithoutValue,
                named![count = cells.len(), cells = list_cells(cells)],
            ),
            Converted { encoding, cells } => {
                let cells: Vec<String> = cells
                    .iter()
                    .map(|c| match c == T::SheetName.text(Lang::Vi) {
                        true => T::SheetName.text(lang).to_string(),
                        false => c.clone(),
                    })
                    .collect();
                (
                    T::Converted,
                    named![encoding, count = cells.len(), cells = list_cells(&cells)],
                )
            }
            Unreadable { detail } => (T::Unreadable, named![detail]),
            MissingSheet { wanted, found } => {
                (T::MissingSheet, named![wanted, found = found.join(", ")])
            }
            MissingHeader { column } => (T::MissingHeader, named![column]),
            NoCommune => (T::NoCommune, vec![]),
            CommuneLookup {
                message_vi,
                message_en,
            } => (
                T::CommuneLookup,
                named![message = in_lang(message_vi, message_en)],
            ),
            Ward { name } => (T::Ward, named![name]),
            OldCommune { old, new } => (T::OldCommune, named![old, new]),
            UnknownForm { id, known } if id.is_empty() => {
                (T::FormNotRecognised, named![known = known.join(", ")])
            }
            UnknownForm { id, known } => (T::UnknownForm, named![id, known = known.join(", ")]),
            MissingItems { items } => (T::MissingItems, named![items = numbers(items)]),
            ExtraItem { item } => (T::ExtraItem, named![item]),
            BadAnswer { item } => (T::BadAnswer, named![item]),
            MissingArea => (T::MissingArea, vec![]),
            UnknownArea { suggestions } => {
                (T::UnknownArea, named![suggestions = suggestions.join(", ")])
            }
            DuplicateFormNo { first_row } => (T::DuplicateFormNo, named![first_row]),
            BadCount => (T::BadCount, vec![]),
            DuplicateArea { first_row } => (T::DuplicateArea, named![first_row]),
            TooManyBallots {
                area,
                ballots,
                households,
            } => (T::TooManyBallots, named![area, ballots, households]),
            MoreThanIssued {
                area,
                ballots,
                issued,
            } => (T::MoreThanIssued, named![area, ballots, issued]),
            BothMarked { item } => (T::BothMarked, named![item]),
            DuplicateHousehold { first_row } => (T::DuplicateHousehold, named![first_row]),
            TallyOverReturned {
                item,
                satisfied,
                dissatisfied,
                returned,
            } => (
                T::TallyOverReturned,
                named![item, satisfied, dissatisfied, returned],
            ),
            TallyNeedsPairs => (T::TallyNeedsPairs, vec![]),
            TallyAndBallots { area } => (T::TallyAndBallots, named![area]),
            MappingColumn {
                key,
                name,
                header_row,
                found,
            } => (
                T::MappingColumn,
                named![key, name, header_row, found = found.join(", ")],
            ),
            MappingAmbiguous {
                key,
                name,
                candidates,
            } => (
                T::MappingAmbiguous,
                named![key, name, candidates = candidates.join(", ")],
            ),
            ColumnsMatched { pairs } => (T::ColumnsMatched, named![pairs = pairs.join("; ")]),
            MappingItemKey { key, form, max } => (T::MappingItemKey, named![key, form, max]),
            MappingItemsMissing { items, form } => (
                T::MappingItemsMissing,
                named![items = numbers(items), form, first = items[0]],
            ),
            OtherCommuneRow => (T::OtherCommuneRow, vec![]),
            BadMappedAnswer { item, accepted } => (
                T::BadMappedAnswer,
                named![item, accepted = accepted.join(", ")],
            ),
            UnknownAreaCode { register } => {
                (T::UnknownAreaCode, named![register = register.join(", ")])
            }
            AreasMatched { pairs } => (T::AreasMatched, named![pairs = pairs.join("; ")]),
            AreaCodeTarget { choice, register } => (
                T::AreaCodeTarget,
                named![choice, register = register.join(", ")],
            ),
            RegisterCode { name } => (T::RegisterCode, named![name]),
            DuplicateSubmission { kept_row } => (T::DuplicateSubmission, named![kept_row]),
            ReviewExcluded => (T::ReviewExcluded, vec![]),
            ReviewWarning => (T::ReviewWarning, vec![]),
            NoAreaColumn {
                header_row,
                recognised,
            } => (
                T::NoAreaColumn,
                named![header_row, recognised = recognised.join(", ")],
            ),
            DuplicateFormTyped { first_row } => (T::DuplicateFormTyped, named![first_row]),
            FormAssumed { id, candidates } => (
                T::FormAssumed,
                named![id, candidates = candidates.join(", ")],
            ),
            EmptyRegister => (T::EmptyRegister, vec![]),
            SupersedesEarlier { count, files } => (
                T::SupersedesEarlier,
                named![count, files = files.join(", ")],
            ),
            AreaInOtherFile { area, other } => (T::AreaInOtherFile, named![area, other]),
            MovedFromCommune { from } => (T::MovedFromCommune, named![from]),
            NotYourCommune { commune, allowed } => (T::NotYourCommune, named![commune, allowed]),
            PageUnread { page, reason } => (
                T::PageUnread,
                named![
                    page,
                    reason = crate::i18n::ReviewText::reason(reason).text(lang)
                ],
            ),
            BallotTwice { id, seen } => (T::BallotTwice, named![id, seen = seen.join(", ")]),
            AwaitingReview { items, pages } => (T::AwaitingReview, named![items, pages]),
            UnknownIndicator { set } => (T::UnknownIndicator, named![set]),
            DuplicateIndicator { first_row } => (T::DuplicateIndicator, named![first_row]),
            BadSelfAssessment => (T::BadSelfAssessment, vec![]),
            AmbiguousFraction { target } => (T::AmbiguousFraction, named![target]),
            Contradiction {
                indicator: code,
                target,
                self_assessed,
            } => (
                if *self_assessed {
                    T::ContradictsMet
                } else {
                    T::ContradictsNotMet
                },
                named![code, target],
            ),
            MissingIndicators { set, codes } => (
                T::MissingIndicators,
                named![count = codes.len(), set, codes = list_cells(codes)],
            ),
            CriteriaSetUnknown { known } => {
                (T::CriteriaSetUnknown, named![known = known.join(", ")])
            }
            CommuneGroupMissing { groups } => {
                (T::CommuneGroupMissing, named![groups = groups.join("; ")])
            }
            BadDate => (T::BadDate, vec![]),
            NotAssessed { codes } => (
                T::NotAssessed,
                named![count = codes.len(), codes = list_cells(codes)],
            ),
            AmbiguousColumn { column, cells } => {
                (T::AmbiguousColumn, named![column, cells = cells.join(", ")])
            }
            IndicatorSheets { sheets } => (T::IndicatorSheets, named![sheets = sheets.join(", ")]),
            MissingPart { part } if part == "postings" => (T::MissingPostings, vec![]),
            MissingPart { .. } => (T::MissingConditions, vec![]),
            UnknownCondition => (T::UnknownCondition, vec![]),
            NoItemHeader { items, sheets } => {
                let seen: Vec<String> = sheets.iter().map(|s| s.words(lang)).collect();
                (T::NoItemHeader, named![items, sheets = seen.join("; ")])
            }
            NotAnswers {
                item,
                column,
                values,
                coded,
            } => (
                if *coded {
                    T::CodesWithoutLegend
                } else {
                    T::NotAnswers
                },
                named![column, item, values = values.join(", ")],
            ),
            // A register's or tally's totals refuse the file; a forms sheet's totals (what they
            // count is not said) are only a warning.
            TotalsMismatch {
                what_vi,
                what_en,
                written,
                computed,
            } => (
                if self.severity == Severity::Warning {
                    T::TotalsIgnored
                } else {
                    T::TotalsRefused
                },
                named![written, what = in_lang(what_vi, what_en), computed],
            ),
            Doubtful {
                rejected,
                rows,
                top_cause_vi,
                top_cause_en,
                top_count,
            } => (
                T::Doubtful,
                named![
                    rejected,
                    rows,
                    cause = in_lang(top_cause_vi, top_cause_en),
                    count = top_count,
                ],
            ),
            CommuneNameAmbiguous { candidates } => (
                T::CommuneNameAmbiguous,
                named![candidates = candidates.join(", ")],
            ),
            PartialAccepted { rejected, rows } => (T::PartialAccepted, named![rejected, rows]),
            EmptyFile => (T::EmptyFile, vec![]),
            Encrypted => (T::Encrypted, vec![]),
            OtherDocument { what } => (
                match what.as_str() {
                    "pdf" => T::PdfDocument,
                    "word" => T::WordDocument,
                    _ => T::WebPage,
                },
                vec![],
            ),
            ZipOfCsv { read, ignored } if ignored.is_empty() => (T::ZipOfCsv, named![read]),
            ZipOfCsv { read, ignored } => (
                T::ZipOfCsvIgnoring,
                named![read, ignored = list_cells(ignored)],
            ),
            ZipOfCsvChoice { candidates } if candidates.is_empty() => {
                (T::ZipWithoutMainCsv, vec![])
            }
            ZipOfCsvChoice { candidates } => (
                T::ZipOfCsvChoice,
                named![candidates = candidates.join(", ")],
            ),
            RegisterOnly { areas } => (T::RegisterOnly, named![areas]),
            HtmlTable { tables } => (T::HtmlTable, named![tables]),
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
    /// How `Converted` lists the sheet's name among its cells (the JSON's words, "(tên sheet)";
    /// the message says it in its language).
    pub fn sheet_name_cell() -> String {
        ProblemText::SheetName.text(Lang::Vi).to_string()
    }

    /// A totals row that says `written` of `what` (one of the catalogue's `Total…` words) where
    /// the rows above add up to `computed`.
    pub fn totals_mismatch(what: ProblemText, written: u64, computed: u64) -> ProblemKind {
        let (what_vi, what_en) = what.texts();
        ProblemKind::TotalsMismatch {
            what_vi: what_vi.into(),
            what_en: what_en.into(),
            written,
            computed,
        }
    }

    /// How many variants there are: [`ProblemKind::ordinal`] numbers them 0 to this − 1.
    pub const VARIANTS: usize = 80;

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
            NotYourCommune { .. } => 76,
            PageUnread { .. } => 77,
            BallotTwice { .. } => 78,
            AwaitingReview { .. } => 79,
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
            NotYourCommune {
                commune: "Xã Mường Bú".into(),
                allowed: "Xã Chiềng Mung".into(),
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
                sheets: vec![
                    SheetSeen::Register {
                        sheet: "Khu dân cư".into(),
                        row: 5,
                    },
                    SheetSeen::Items {
                        sheet: "Phiếu".into(),
                        row: 3,
                        found: 2,
                        items: 19,
                    },
                    SheetSeen::NoItems {
                        sheet: "Sheet1".into(),
                    },
                ],
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
            PageUnread {
                page: 2,
                reason: "no_id".into(),
            },
            BallotTwice {
                id: "HL1/XA-NTM/04000/03/00127/2025-10/7K".into(),
                seen: v(&["2", "a.jpg"]),
            },
            AwaitingReview { items: 3, pages: 1 },
        ]
    }

    /// The sheet's name among converted cells and what each sheet showed are data made before
    /// a language is chosen: the message says them in its language, the JSON as it always did.
    #[test]
    fn words_in_the_data_are_said_in_the_language_of_the_message() {
        let problem = |kind| Problem {
            severity: Severity::Warning,
            location: Location {
                file: "a.xlsx".into(),
                sheet: None,
                cell: None,
            },
            kind,
            value: None,
        };
        let converted = problem(ProblemKind::Converted {
            encoding: "VNI".into(),
            cells: vec![ProblemKind::sheet_name_cell(), "A1".into()],
        });
        assert!(converted.message(Lang::Vi).ends_with(": (tên sheet), A1"));
        assert!(converted.message(Lang::En).ends_with(": (sheet name), A1"));
        let seen = problem(ProblemKind::NoItemHeader {
            items: 19,
            sheets: vec![SheetSeen::NoItems {
                sheet: "Sheet1".into(),
            }],
        });
        assert!(
            seen.message(Lang::Vi)
                .contains("\"Sheet1\": không có câu nào.")
        );
        assert!(seen.message(Lang::En).contains("\"Sheet1\": no items."));
        for p in [converted, seen] {
            let json = serde_json::to_string(&p).unwrap();
            assert!(
                json.contains("(tên sheet)") || json.contains("không có câu nào"),
                "{json}"
            );
        }
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
