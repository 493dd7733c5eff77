//! A province's criteria table: the indicators of a criteria set as the province's decision
//! states them, typed into the workbook `hailong criteria template` writes or pasted from a
//! Word copy of the decision.
//!
//! Columns are found by the meaning of their headers (accents and case ignored), never by
//! position: "TT"/"STT" (the criterion's number), "Tên tiêu chí", "Mã chỉ tiêu"/"Chỉ tiêu số",
//! "Nội dung"/"Nội dung chỉ tiêu", the target ("Chỉ tiêu", "Mức đạt", "Chỉ tiêu theo vùng", or
//! the column of the set's region, also in the second row of a two-row header), "Văn bản căn
//! cứ"/"Căn cứ"/"Nguồn", and "Đã đối chiếu". A table pasted from Word keeps the criterion's
//! number and name only on its first row (merged cells arrive blank) and writes the indicator's
//! code at the start of its text ("1.1. Có quy hoạch …"); a cell of several paragraphs arrives
//! as several rows, read as one. The document cited comes from a "Văn bản của tỉnh:" line above
//! the table or from each row's source column.
//!
//! The table must reconcile with the set it replaces, or nothing of it is taken: every
//! indicator of the set exactly once (a province corrects texts, targets and documents; the
//! decision's 57 indicators and their numbering are not the province's to change), each under
//! its own criterion, with a text and a target. A target hailong cannot read as a figure is
//! kept as words when it is words ("≥95% hợp vệ sinh (trong đó ≥35% nước sạch)") and said; one
//! that looks like a figure and is not ("≥7O%", "70%?") is refused. Every problem names its
//! cell. This layer reads; writing the set is `app`'s.

use super::sheet::{Grid, cell_ref, cell_text};
use super::{FileReport, Problem};
use crate::i18n::{CriteriaText as T, Lang, Localized};
use crate::rules::CriteriaSet;
use crate::rules::target::Target;
use crate::text::fold;
use calamine::Data;
use std::collections::{BTreeMap, HashSet};

/// One indicator as the province's table states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// Indicator code (`2.1`; the criterion's own code for a criterion of one indicator).
    pub code: String,
    /// The criterion it belongs to.
    pub criterion: String,
    /// Its text.
    pub text: String,
    /// Its target for the set's region, as written.
    pub target: String,
    /// The document the row cites (`None`: the table's document).
    pub source: Option<String>,
    /// Marked as checked against the document ("Đã đối chiếu"); every row when the table
    /// has no such column (a table pasted from the decision is the document itself).
    pub checked: bool,
    /// Where its code was read (`Sheet!C17`).
    pub cell: String,
    /// Its row (0-based).
    pub row: u32,
}

/// A province's criteria table, reconciled with the set it replaces.
#[derive(Debug, Clone)]
pub struct ProvinceTable {
    /// Sheet read.
    pub sheet: String,
    /// The document cited above the table ("Văn bản của tỉnh:"), if any.
    pub document: Option<String>,
    /// Who imported it, as written above the table ("Người nhập:"), if anyone.
    pub by: Option<String>,
    /// Every indicator of the set, in the set's order.
    pub rows: Vec<TableRow>,
    /// Codes of the indicators whose target is stated in words hailong does not read.
    pub text_targets: Vec<String>,
    /// Criterion names as the table writes them, by criterion code.
    pub criterion_names: BTreeMap<String, String>,
}

/// What is wrong with a province's criteria table.
#[derive(Debug, Clone)]
pub enum TableProblemKind {
    /// The file cannot be read as a spreadsheet (the reader's own problem).
    File(Problem),
    /// No header row of a criteria table.
    NoTable,
    /// No target column.
    NoTargetColumn {
        /// The set's region.
        region: String,
    },
    /// A row with a text and no code.
    NoCode,
    /// A code the set does not have.
    UnknownCode {
        /// As read.
        code: String,
        /// Set id.
        set: String,
    },
    /// A code read twice.
    DuplicateCode {
        /// The code.
        code: String,
        /// Where it was first read.
        first: String,
    },
    /// An indicator of the set the table lacks.
    MissingCode {
        /// The code.
        code: String,
        /// Set id.
        set: String,
        /// Indicators of the set.
        total: usize,
    },
    /// The criterion number beside an indicator is another criterion's.
    CriterionMismatch {
        /// As written.
        criterion: String,
        /// The indicator.
        code: String,
        /// Its criterion.
        expected: String,
    },
    /// An indicator without text.
    EmptyText {
        /// The indicator.
        code: String,
    },
    /// An indicator without target.
    EmptyTarget {
        /// The indicator.
        code: String,
    },
    /// A target that looks like a figure and is not one.
    BadTarget {
        /// The indicator.
        code: String,
    },
    /// No document cited, above the table or on the row.
    NoDocument,
    /// Nobody named as importing it.
    NoImporter,
}

/// One problem of a province's criteria table, with the cell it is in.
#[derive(Debug, Clone)]
pub struct TableProblem {
    /// File name.
    pub file: String,
    /// Sheet, when the problem is in one.
    pub sheet: Option<String>,
    /// Cell (`C17`), when the problem is in one.
    pub cell: Option<String>,
    /// What is wrong.
    pub kind: TableProblemKind,
    /// The value found, when there is one.
    pub value: Option<String>,
}

impl TableProblem {
    /// Where it is: `file › Sheet!C17`, `file › Sheet`, or `file`.
    pub fn place(&self) -> String {
        match (&self.sheet, &self.cell) {
            (Some(s), Some(c)) => format!("{} › {s}!{c}", self.file),
            (Some(s), None) => format!("{} › {s}", self.file),
            _ => self.file.clone(),
        }
    }
}

impl Localized for TableProblem {
    fn message(&self, lang: Lang) -> String {
        use TableProblemKind as K;
        let message = match &self.kind {
            K::File(p) => return p.message(lang),
            K::NoTable => T::NoTable.text(lang).to_string(),
            K::NoTargetColumn { region } => T::NoTargetColumn.fill(lang, &[("region", region)]),
            K::NoCode => T::NoCode.text(lang).to_string(),
            K::UnknownCode { code, set } => {
                T::UnknownCode.fill(lang, &[("code", code), ("set", set)])
            }
            K::DuplicateCode { code, first } => {
                T::DuplicateCode.fill(lang, &[("code", code), ("first", first)])
            }
            K::MissingCode { code, set, total } => {
                T::MissingCode.say(lang, &[("code", code), ("set", set), ("total", total)])
            }
            K::CriterionMismatch {
                criterion,
                code,
                expected,
            } => T::CriterionMismatch.fill(
                lang,
                &[
                    ("criterion", criterion),
                    ("code", code),
                    ("expected", expected),
                ],
            ),
            K::EmptyText { code } => T::EmptyText.fill(lang, &[("code", code)]),
            K::EmptyTarget { code } => T::EmptyTarget.fill(lang, &[("code", code)]),
            K::BadTarget { code } => T::BadTarget.fill(lang, &[("code", code)]),
            K::NoDocument => T::NoDocument.text(lang).to_string(),
            K::NoImporter => T::NoImporter.text(lang).to_string(),
        };
        let place = self.place();
        match &self.value {
            Some(v) => T::ProblemAtValue.fill(
                lang,
                &[("place", &place), ("message", &message), ("value", v)],
            ),
            None => T::ProblemAt.fill(lang, &[("place", &place), ("message", &message)]),
        }
    }
}

crate::display_in_vietnamese!(TableProblem);

/// Labels of the line above the table that cites the province's document.
pub const DOCUMENT_LABELS: &[&str] = &[
    "Văn bản của tỉnh",
    "Văn bản",
    "Văn bản căn cứ",
    "Căn cứ",
    "Quyết định",
];
/// Labels of the line above the table that names who imports it.
pub const IMPORTER_LABELS: &[&str] = &["Người nhập", "Người lập", "Người đối chiếu"];

/// The columns of a criteria table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Col {
    /// The criterion's number (or a running number, told by its values).
    Tt,
    /// The criterion's name.
    CriterionName,
    /// The indicator's code.
    Code,
    /// The indicator's text.
    Text,
    /// The target.
    Target,
    /// The document the row cites.
    Source,
    /// Marked as checked.
    Checked,
}

/// How strongly a header names the target column: the region's own column beats the
/// province's or a plain "Chỉ tiêu", which beats the decision's "Chỉ tiêu chung".
fn target_rank(f: &str, region: &str) -> Option<u8> {
    if !region.is_empty() && squeeze(f).contains(region) {
        return Some(3);
    }
    if f.starts_with("chi tieu chung") {
        return Some(1);
    }
    [
        "chi tieu",
        "muc dat",
        "muc quy dinh",
        "muc chi tieu",
        "yeu cau",
    ]
    .iter()
    .any(|p| f.starts_with(p))
    .then_some(2)
}

/// A region's name folded without spaces and without "và" ("Trung du miền núi phía Bắc" and
/// "Trung du và miền núi phía Bắc" are one region).
fn squeeze(f: &str) -> String {
    f.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && *w != "va")
        .collect()
}

fn classify(f: &str) -> Option<Col> {
    let f = f.trim_end_matches([':', '*', ' ']);
    let starts = |p: &str| f.starts_with(p);
    Some(if starts("da doi chieu") || starts("doi chieu") {
        Col::Checked
    } else if starts("van ban") || starts("can cu") || starts("nguon") {
        Col::Source
    } else if starts("ma chi tieu") || f == "chi tieu so" || f == "ma" || f == "ma so" {
        Col::Code
    } else if matches!(f, "tt" | "stt" | "so tt" | "so thu tu") {
        Col::Tt
    } else if starts("noi dung") || starts("ten chi tieu") {
        Col::Text
    } else if starts("ten tieu chi") || f == "tieu chi" {
        Col::CriterionName
    } else {
        return None;
    })
}

/// The header of the table: its columns, the target column and the first data row.
struct Header {
    row: u32,
    cols: BTreeMap<Col, u32>,
    first: u32,
}

fn header(g: &Grid, region: &str) -> Option<Header> {
    let rows = g.end_row().min(super::layout::HEADER_SEARCH_ROWS);
    for r in 0..rows {
        let mut cols = BTreeMap::new();
        let mut target: Option<(u8, u32)> = None;
        let mut see = |f: &str, c: u32, cols: &mut BTreeMap<Col, u32>| {
            if let Some(k) = classify(f) {
                cols.entry(k).or_insert(c);
            } else if let Some(rank) = target_rank(f, region)
                && target.is_none_or(|(best, _)| rank > best)
            {
                target = Some((rank, c));
            }
        };
        for c in 0..g.end_col() {
            see(&fold(&g.str_at(r, c)), c, &mut cols);
        }
        if !cols.contains_key(&Col::Text)
            || !(cols.contains_key(&Col::Code) || cols.contains_key(&Col::Tt))
        {
            continue;
        }
        // A two-row header: the regions under "Chỉ tiêu theo vùng".
        let mut first = r + 1;
        if r + 1 < g.end_row() {
            let region_below = (0..g.end_col()).find(|c| {
                let f = fold(&g.str_at(r + 1, *c));
                !region.is_empty() && squeeze(&f).contains(region)
            });
            if let Some(c) = region_below {
                target = Some((3, c));
                first = r + 2;
            }
        }
        if let Some((_, c)) = target {
            cols.insert(Col::Target, c);
        }
        return Some(Header {
            row: r,
            cols,
            first,
        });
    }
    None
}

/// Whether a cell holds a code (`2`, `2.1`, `17.10`).
fn code_like(t: &str) -> bool {
    !t.is_empty()
        && t.len() <= 8
        && t.chars().all(|c| c.is_ascii_digit() || c == '.')
        && t.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// A code at the start of a text: "1.1. Có quy hoạch …" → ("1.1", "Có quy hoạch …").
fn leading_code(text: &str) -> Option<(String, String)> {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let code = text[..end].trim_end_matches('.');
    let rest = text[end..].trim_start_matches([' ', ')', '-', '–']).trim();
    (code.contains('.') && code_like(code) && !rest.is_empty())
        .then(|| (code.to_string(), rest.to_string()))
}

/// A group heading's number ("I", "IV").
fn roman(t: &str) -> bool {
    !t.is_empty() && t.len() <= 4 && t.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// Whether a target is words hailong does not read (kept as written), as opposed to a figure
/// mistyped: words hold at least one word of letters only.
fn in_words(t: &str) -> bool {
    t.split(|c: char| c.is_whitespace() || "(),;:/".contains(c))
        .any(|w| w.chars().count() >= 2 && w.chars().all(char::is_alphabetic))
}

/// A row of the table as written, before it is reconciled.
struct Raw {
    row: u32,
    tt: String,
    name: String,
    code: String,
    code_col: u32,
    code_is_number: bool,
    text: String,
    target: String,
    source: String,
    checked: String,
}

fn raw_rows(g: &Grid, h: &Header, percent: &HashSet<(u32, u32)>) -> Vec<Raw> {
    let col = |k: Col| h.cols.get(&k).copied();
    let at = |r: u32, k: Col| col(k).map(|c| g.text(r, c)).unwrap_or_default();
    (h.first..g.end_row())
        .map(|r| {
            let (code_col, code_cell) = match col(Col::Code) {
                Some(c) => (c, g.get(r, c).clone()),
                None => (col(Col::Text).unwrap_or(0), Data::Empty),
            };
            let target = match col(Col::Target).map(|c| (c, g.get(r, c))) {
                // A target typed into a cell formatted as %: its figure as a percentage.
                Some((c, Data::Float(f))) if percent.contains(&(r, c)) => {
                    let v = format!("{:.6}", f * 100.0);
                    format!(
                        "{}%",
                        v.trim_end_matches('0')
                            .trim_end_matches('.')
                            .replace('.', ",")
                    )
                }
                Some((_, d)) => cell_text(d),
                None => String::new(),
            };
            Raw {
                row: r,
                tt: at(r, Col::Tt).trim_end_matches('.').to_string(),
                name: at(r, Col::CriterionName),
                code: cell_text(&code_cell).trim_end_matches('.').to_string(),
                code_col,
                code_is_number: matches!(code_cell, Data::Float(_)),
                text: at(r, Col::Text),
                target,
                source: at(r, Col::Source),
                checked: at(r, Col::Checked),
            }
        })
        .collect()
}

/// Whether the "TT" column numbers the rows (1, 2, 3, … one per indicator) rather than
/// naming each row's criterion.
fn running_numbers(rows: &[Raw], set: &CriteriaSet, has_code: bool) -> bool {
    let numbers: Vec<&str> = rows
        .iter()
        .map(|r| r.tt.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    has_code
        && numbers.len() > set.criteria.len()
        && numbers
            .iter()
            .enumerate()
            .all(|(i, t)| t.parse::<usize>().ok() == Some(i + 1))
}

/// Reconciling the rows of a table with its set.
struct Reading<'a> {
    file: &'a str,
    sheet: &'a str,
    set: &'a CriteriaSet,
    /// Indicator code → its criterion.
    owner: BTreeMap<&'a str, &'a str>,
    rows: Vec<TableRow>,
    /// Code → row index in `rows`.
    seen: BTreeMap<String, usize>,
    problems: Vec<TableProblem>,
    text_targets: Vec<String>,
    criterion_names: BTreeMap<String, String>,
}

impl Reading<'_> {
    fn problem(&mut self, cell: Option<String>, kind: TableProblemKind, value: Option<String>) {
        self.problems.push(TableProblem {
            file: self.file.to_string(),
            sheet: Some(self.sheet.to_string()),
            cell,
            kind,
            value,
        });
    }

    fn read(&mut self, raws: &[Raw], h: &Header, running: bool, checked_column: bool) {
        use TableProblemKind as K;
        let col = |k: Col| h.cols.get(&k).copied();
        let mut criterion: Option<String> = None;
        let mut last: Option<usize> = None;
        for raw in raws {
            let r = raw.row;
            if [&raw.tt, &raw.name, &raw.code, &raw.text, &raw.target]
                .iter()
                .all(|t| t.is_empty())
            {
                continue;
            }
            let tt = if running { "" } else { raw.tt.as_str() };
            if raw.code.is_empty()
                && (roman(tt) || self.set.groups.iter().any(|g| g.code == tt))
                && !code_like(tt)
            {
                // A group's heading ("I. QUY HOẠCH").
                last = None;
                continue;
            }
            if code_like(tt) {
                criterion = Some(tt.to_string());
                last = None;
                if !raw.name.is_empty() {
                    self.criterion_names
                        .insert(tt.to_string(), raw.name.clone());
                }
            }
            let (mut code, text, code_cell) = match (raw.code.as_str(), leading_code(&raw.text)) {
                ("", Some((c, rest))) => (c, rest, col(Col::Text).unwrap_or(raw.code_col)),
                (c, _) => (c.to_string(), raw.text.clone(), raw.code_col),
            };
            if code.is_empty() {
                if raw.text.is_empty() && raw.target.is_empty() {
                    // The criterion's own line, its indicators below.
                    continue;
                }
                let sole = criterion.as_deref().filter(|c| {
                    self.set
                        .criterion(c)
                        .is_some_and(|d| d.indicators.len() == 1 && d.indicators[0].code == **c)
                        && !self.seen.contains_key(*c)
                });
                if let Some(c) = sole {
                    code = c.to_string();
                } else if let (Some(i), true) = (last, tt.is_empty()) {
                    // A cell of several paragraphs pasted from Word: one more line of the row
                    // above.
                    let row = &mut self.rows[i];
                    for (into, more) in [(&mut row.text, &raw.text), (&mut row.target, &raw.target)]
                    {
                        if !more.is_empty() {
                            if !into.is_empty() {
                                into.push(' ');
                            }
                            into.push_str(more);
                        }
                    }
                    continue;
                } else {
                    let c = col(Col::Code).or(col(Col::Text)).unwrap_or(0);
                    self.problem(Some(cell_ref(r, c)), K::NoCode, Some(raw.text.clone()));
                    continue;
                }
            }
            // A code typed as a number loses its trailing zero: the second "17.1" is 17.10.
            if raw.code_is_number
                && self.seen.contains_key(&code)
                && self.owner.contains_key(format!("{code}0").as_str())
                && !self.seen.contains_key(&format!("{code}0"))
            {
                code.push('0');
            }
            let at = cell_ref(r, code_cell);
            let Some(expected) = self.owner.get(code.as_str()).map(|c| c.to_string()) else {
                let set = self.set.header.id.clone();
                self.problem(Some(at), K::UnknownCode { code, set }, None);
                continue;
            };
            if let Some(first) = self.seen.get(&code) {
                let first = self.rows[*first].cell.clone();
                self.problem(Some(at), K::DuplicateCode { code, first }, None);
                continue;
            }
            if code_like(tt) && tt != expected {
                let c = col(Col::Tt).unwrap_or(0);
                let kind = K::CriterionMismatch {
                    criterion: tt.to_string(),
                    code: code.clone(),
                    expected: expected.clone(),
                };
                self.problem(Some(cell_ref(r, c)), kind, None);
            }
            criterion = Some(expected.clone());
            if text.is_empty() {
                let c = col(Col::Text).unwrap_or(0);
                let kind = K::EmptyText { code: code.clone() };
                self.problem(Some(cell_ref(r, c)), kind, None);
            }
            self.read_target(r, &code, &raw.target, col(Col::Target));
            let checked = !checked_column
                || (!raw.checked.is_empty()
                    && !matches!(
                        fold(&raw.checked).as_str(),
                        "khong" | "chua" | "0" | "no" | "-"
                    ));
            self.seen.insert(code.clone(), self.rows.len());
            last = Some(self.rows.len());
            self.rows.push(TableRow {
                code,
                criterion: expected,
                text,
                target: raw.target.clone(),
                source: Some(raw.source.clone()).filter(|s| !s.is_empty()),
                checked,
                cell: format!("{}!{at}", self.sheet),
                row: r,
            });
        }
    }

    fn read_target(&mut self, r: u32, code: &str, target: &str, col: Option<u32>) {
        use TableProblemKind as K;
        let at = Some(cell_ref(r, col.unwrap_or(0)));
        let code = code.to_string();
        if target.is_empty() {
            self.problem(at, K::EmptyTarget { code }, None);
        } else if target.contains('?') {
            self.problem(at, K::BadTarget { code }, Some(target.to_string()));
        } else if Target::parse(target) == Target::Unknown {
            if in_words(target) {
                self.text_targets.push(code);
            } else {
                self.problem(at, K::BadTarget { code }, Some(target.to_string()));
            }
        }
    }

    /// The set's indicators the table lacks, each named where it should have been: before
    /// the next indicator read, or under the last row.
    fn missing(&mut self, h: &Header, end: u32) {
        let codes: Vec<String> = self
            .set
            .criteria
            .iter()
            .flat_map(|c| c.indicators.iter().map(|i| i.code.clone()))
            .collect();
        let total = codes.len();
        let code_col = h
            .cols
            .get(&Col::Code)
            .or(h.cols.get(&Col::Text))
            .copied()
            .unwrap_or(0);
        for (i, code) in codes.iter().enumerate() {
            if self.seen.contains_key(code) {
                continue;
            }
            let row = codes[i + 1..]
                .iter()
                .find_map(|c| self.seen.get(c))
                .map_or(end, |k| self.rows[*k].row);
            let cell = cell_ref(row, code_col);
            let kind = TableProblemKind::MissingCode {
                code: code.clone(),
                set: self.set.header.id.clone(),
                total,
            };
            self.problem(Some(cell), kind, None);
        }
    }
}

/// Reads a province's criteria table for `set` from a file's bytes. `Err` holds every problem;
/// nothing of a table with any problem is taken.
pub fn read(
    bytes: Vec<u8>,
    file: &str,
    set: &CriteriaSet,
) -> Result<ProvinceTable, Vec<TableProblem>> {
    let small_zip = bytes.starts_with(b"PK").then(|| bytes.clone());
    let mut report = FileReport::new(file);
    let refused = |report: &FileReport| -> Vec<TableProblem> {
        report
            .problems
            .iter()
            .filter(|p| p.severity == super::Severity::Fatal)
            .map(|p| TableProblem {
                file: file.to_string(),
                sheet: None,
                cell: None,
                kind: TableProblemKind::File(p.clone()),
                value: None,
            })
            .collect()
    };
    let Some((grids, _)) = super::source::load(bytes, &mut report) else {
        return Err(refused(&report));
    };
    let region = squeeze(&fold(set.region().unwrap_or_default()));
    let Some((g, h)) = grids
        .iter()
        .find_map(|g| header(g, &region).map(|h| (g, h)))
    else {
        return Err(vec![TableProblem {
            file: file.to_string(),
            sheet: grids.first().map(|g| g.name.clone()),
            cell: None,
            kind: TableProblemKind::NoTable,
            value: None,
        }]);
    };
    let mut reading = Reading {
        file,
        sheet: &g.name,
        set,
        owner: set
            .criteria
            .iter()
            .flat_map(|c| {
                c.indicators
                    .iter()
                    .map(move |i| (i.code.as_str(), c.code.as_str()))
            })
            .collect(),
        rows: Vec::new(),
        seen: BTreeMap::new(),
        problems: Vec::new(),
        text_targets: Vec::new(),
        criterion_names: BTreeMap::new(),
    };
    let Some(_) = h.cols.get(&Col::Target) else {
        let region = set.region().unwrap_or_default().to_string();
        reading.problem(
            Some(cell_ref(h.row, 0)),
            TableProblemKind::NoTargetColumn { region },
            None,
        );
        return Err(reading.problems);
    };
    let percent = small_zip
        .as_deref()
        .and_then(|b| super::styles::percent_cells(b, &g.name))
        .unwrap_or_default();
    let raws = raw_rows(g, &h, &percent);
    let running = running_numbers(&raws, set, h.cols.contains_key(&Col::Code));
    reading.read(&raws, &h, running, h.cols.contains_key(&Col::Checked));
    reading.missing(&h, g.end_row());
    let labelled = |labels| super::layout::labelled(g, labels);
    let document = labelled(DOCUMENT_LABELS)
        .map(|(_, v)| v)
        .filter(|v| !crate::rules::is_placeholder_source(v));
    if document.is_none()
        && let Some(row) = reading.rows.iter().find(|r| r.source.is_none())
    {
        let cell = match h.cols.get(&Col::Source) {
            Some(c) => cell_ref(row.row, *c),
            None => cell_ref(h.row, 0),
        };
        reading.problem(Some(cell), TableProblemKind::NoDocument, None);
    }
    if !reading.problems.is_empty() {
        return Err(reading.problems);
    }
    let position: BTreeMap<String, usize> = set
        .criteria
        .iter()
        .flat_map(|c| c.indicators.iter().map(|i| i.code.clone()))
        .enumerate()
        .map(|(i, c)| (c, i))
        .collect();
    let mut rows = reading.rows;
    rows.sort_by_key(|r| position.get(&r.code).copied().unwrap_or(usize::MAX));
    Ok(ProvinceTable {
        sheet: g.name.clone(),
        document,
        by: labelled(IMPORTER_LABELS).map(|(_, v)| v),
        rows,
        text_targets: reading.text_targets,
        criterion_names: reading.criterion_names,
    })
}
