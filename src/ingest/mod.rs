//! Spreadsheets to ballots: reads survey workbooks and reports every bad cell.
//!
//! A file goes in; out come the ballots and register it holds (a [`SurveyBatch`]) and a
//! [`FileReport`] in which every non-empty input row is either accepted or listed as rejected
//! with file, sheet, cell and reason, and rows that are not forms are left out with theirs (the
//! [`reading::Reading`]). A reading that looks wrong (see [`doubt`]) yields no batch unless the
//! user accepts a partial import: a doubtful file is refused with what was read, never stored
//! with other figures. This layer never writes anything and never decides scores; it knows the
//! workspace only through the problems the store hands back.

pub mod budget;
pub mod criteria;
pub mod criteria_table;
mod disguise;
mod fx;
mod guard;
pub mod header;
mod html;
pub mod layout;
pub mod legacy;
pub mod limits;
pub mod mapping;
pub mod omr;
pub mod pack;
pub mod pack_mapping;
pub mod photos;
pub mod problem;
pub mod reading;
pub mod sheet;
pub mod source;
pub mod styles;

use crate::model::{RegisterArea, SelfAssessment, SurveyBatch};
use crate::rules::Library;
use crate::rules::gazetteer::Gazetteer;
pub use problem::{Location, Problem, ProblemKind, Severity};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;

/// What the reader is told besides the file.
#[derive(Clone, Copy)]
pub struct ReadOptions<'a> {
    /// Forms and rules.
    pub lib: &'a Library,
    /// Units to attribute the file to.
    pub gazetteer: &'a Gazetteer,
    /// `--commune`: overrides what the file says.
    pub commune: Option<&'a str>,
    /// `--form`: overrides what the file says.
    pub form: Option<&'a str>,
    /// Registers already in the workspace, by commune: used when a file has none of its own.
    pub registers: &'a HashMap<String, Vec<RegisterArea>>,
    /// `--mapping`: how to read the export of a digital collection tool.
    pub mapping: Option<&'a mapping::Mapping>,
    /// `--accept-partial`: store a file whose reading looks doubtful (see [`doubt`]).
    pub accept_partial: bool,
}

/// The summary of one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    /// File as named on the command line.
    pub file: String,
    /// SHA-256 of its bytes (empty if it could not be read).
    pub sha256: String,
    /// Layout detected.
    pub layout: Layout,
    /// Commune it was attributed to.
    pub commune: Option<String>,
    /// Form id.
    pub form: Option<String>,
    /// Criteria set id, when the file is a self-assessment of the criteria.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criteria_set: Option<String>,
    /// Areas in the register.
    pub register_areas: u32,
    /// Non-empty ballot rows read.
    pub rows_read: u32,
    /// Rows stored.
    pub accepted: u32,
    /// Rows rejected (each has a problem).
    pub rejected: u32,
    /// Rows left out as duplicates: a submission or a form already read (the latest version
    /// is kept), each named in a warning.
    pub duplicates: u32,
    /// Submissions left out by their review status (rejected by the reviewer).
    pub not_counted: u32,
    /// Every problem, in file order.
    pub problems: Vec<Problem>,
    /// What happened in the workspace.
    pub outcome: Outcome,
    /// What the reader decided: sheets, header, columns, answers, rows left out.
    pub reading: reading::Reading,
}

/// How a file was laid out: its format and the kinds of tables read from it. JSON and the
/// reports write it as they always have: `xlsx (ballots + register)`, `csv (mapping)`, `—`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// The file format (`xlsx`, `ods`, `csv`, …; `—` for a file not read again).
    pub format: String,
    /// The kinds of tables read, in their order (`None`: the reading stopped before them).
    pub parts: Option<Vec<LayoutPart>>,
}

/// One kind of table a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LayoutPart {
    /// Household forms, one per row, with an area column.
    Ballots,
    /// Household forms, one sheet per area.
    BallotsPerArea,
    /// The register of residential areas.
    Register,
    /// Tallies per area.
    Tally,
    /// An export read through a mapping file.
    Mapping,
    /// A self-assessment of the criteria.
    SelfAssessment,
}

impl LayoutPart {
    /// Its code in JSON.
    pub fn code(self) -> &'static str {
        match self {
            LayoutPart::Ballots => "ballots",
            LayoutPart::BallotsPerArea => "ballots-per-area",
            LayoutPart::Register => "register",
            LayoutPart::Tally => "tally",
            LayoutPart::Mapping => "mapping",
            LayoutPart::SelfAssessment => "self-assessment",
        }
    }
}

impl Layout {
    /// A file of this format, its tables not read yet.
    pub fn of(format: &str) -> Layout {
        Layout {
            format: format.to_string(),
            parts: None,
        }
    }

    /// The layout written with `word` for each part (its code, or a label in a language).
    pub fn written(&self, word: impl Fn(LayoutPart) -> String) -> String {
        match &self.parts {
            None => self.format.clone(),
            Some(p) => format!(
                "{} ({})",
                self.format,
                p.iter().map(|k| word(*k)).collect::<Vec<_>>().join(" + ")
            ),
        }
    }
}

impl std::fmt::Display for Layout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.written(|k| k.code().to_string()))
    }
}

impl Serialize for Layout {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// What an import did with a file (its JSON code in brackets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Not decided yet (a run stopped before planning): `""`.
    #[default]
    #[serde(rename = "")]
    Pending,
    /// Stored as a new source (`stored`).
    Stored,
    /// Stored in place of an earlier import of the same name or bytes (`replaced`).
    Replaced,
    /// The same bytes were already stored (`unchanged`).
    Unchanged,
    /// Unusable or in conflict with the workspace: nothing stored (`refused`).
    Refused,
    /// Read and planned by `check`, nothing stored (`checked`).
    Checked,
    /// Every row was rejected: nothing stored (`not_stored`).
    NotStored,
    /// The reading looks wrong: nothing stored (`doubtful`).
    Doubtful,
}

impl Outcome {
    /// The code JSON reports give it.
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Pending => "",
            Outcome::Stored => "stored",
            Outcome::Replaced => "replaced",
            Outcome::Unchanged => "unchanged",
            Outcome::Refused => "refused",
            Outcome::Checked => "checked",
            Outcome::NotStored => "not_stored",
            Outcome::Doubtful => "doubtful",
        }
    }

    /// Whether the workspace holds the file's figures after the run.
    pub fn is_in_workspace(self) -> bool {
        matches!(
            self,
            Outcome::Stored | Outcome::Replaced | Outcome::Unchanged
        )
    }
}

impl PartialEq<&str> for Outcome {
    fn eq(&self, code: &&str) -> bool {
        self.code() == *code
    }
}

impl FileReport {
    fn new(file: &str) -> FileReport {
        FileReport {
            file: file.to_string(),
            sha256: String::new(),
            layout: Layout::default(),
            commune: None,
            form: None,
            criteria_set: None,
            register_areas: 0,
            rows_read: 0,
            accepted: 0,
            rejected: 0,
            duplicates: 0,
            not_counted: 0,
            problems: Vec::new(),
            outcome: Outcome::Pending,
            reading: reading::Reading::default(),
        }
    }

    /// Marks every row read as rejected (the file is refused as a whole).
    pub fn refuse_all(&mut self) {
        self.accepted = 0;
        self.duplicates = 0;
        self.not_counted = 0;
        self.rejected = self.rows_read;
    }

    /// The worst severity among the problems.
    pub fn worst(&self) -> Option<Severity> {
        self.problems.iter().map(|p| p.severity).max()
    }

    /// Whether rows read = accepted + rejected + duplicates + not counted.
    pub fn reconciles(&self) -> bool {
        self.rows_read == self.accepted + self.rejected + self.duplicates + self.not_counted
    }

    /// Adds a problem of the whole file (no sheet, no cell).
    pub fn push_file(&mut self, severity: Severity, kind: ProblemKind) {
        self.push(severity, None, None, kind, None);
    }

    fn push(
        &mut self,
        severity: Severity,
        sheet: Option<&str>,
        cell: Option<String>,
        kind: ProblemKind,
        value: Option<String>,
    ) {
        self.problems.push(Problem {
            severity,
            location: Location {
                file: self.file.clone(),
                sheet: sheet.map(str::to_string),
                cell,
            },
            kind,
            value,
        });
    }

    fn fatal(
        &mut self,
        sheet: Option<&str>,
        cell: Option<String>,
        kind: ProblemKind,
        value: Option<String>,
    ) {
        self.push(Severity::Fatal, sheet, cell, kind, value);
    }
}

/// The outcome of reading one file.
pub struct ReadResult {
    /// The report.
    pub report: FileReport,
    /// The data, unless the file was unusable.
    pub batch: Option<SurveyBatch>,
    /// A self-assessment of the criteria, when the file is one (then `batch` is `None`).
    pub assessment: Option<SelfAssessment>,
}

/// SHA-256 in lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads one file. Never panics on bad input: every failure is a problem in the report.
pub fn read_file(path: &Path, name: &str, opts: ReadOptions) -> ReadResult {
    match std::fs::read(path) {
        Ok(bytes) => {
            let sha = sha256_hex(&bytes);
            read_loaded(bytes, sha, name, opts)
        }
        Err(e) => {
            let mut report = FileReport::new(name);
            report.fatal(
                None,
                None,
                ProblemKind::Unreadable {
                    detail: e.to_string(),
                },
                None,
            );
            ReadResult {
                report,
                batch: None,
                assessment: None,
            }
        }
    }
}

/// Reads a file whose bytes and hash the caller already has.
pub fn read_loaded(bytes: Vec<u8>, sha256: String, name: &str, opts: ReadOptions) -> ReadResult {
    let mut report = FileReport::new(name);
    report.sha256 = sha256;
    let (mut batch, assessment) = match read_bytes(bytes, &mut report, opts) {
        Some(Read::Survey(b)) => (Some(b), None),
        Some(Read::Assessment(a)) => (None, Some(a)),
        None => (None, None),
    };
    // A doubtful reading stores nothing unless the user accepts a partial import; a partial
    // store is never silent.
    // (A file of which nothing was accepted is not stored anyway, and says so itself.)
    if batch.is_some()
        && !(report.accepted == 0 && report.rejected > 0)
        && let Some(kind) = doubt(&report)
    {
        if opts.accept_partial {
            let kind = ProblemKind::PartialAccepted {
                rejected: report.rejected,
                rows: report.rows_read,
            };
            report.push_file(Severity::Warning, kind);
        } else {
            report.push_file(Severity::Fatal, kind);
            report.outcome = Outcome::Doubtful;
            batch = None;
        }
    }
    if batch.is_none() && assessment.is_none() {
        // A refused file stores nothing: every row it had is rejected.
        report.refuse_all();
    }
    ReadResult {
        report,
        batch,
        assessment,
    }
}

/// Causes that invalidate a cell but keep its row: they never count as rows rejected.
fn keeps_row(kind: &ProblemKind) -> bool {
    matches!(
        kind,
        ProblemKind::BadAnswer { .. }
            | ProblemKind::BothMarked { .. }
            | ProblemKind::BadMappedAnswer { .. }
            | ProblemKind::FormulaWithoutValue { .. }
    )
}

/// Whether the reading looks wrong, and why: a totals row that does not reconcile, more than
/// 5 % of the data rows rejected, one cause rejecting more than 10 rows, or one value that is
/// not an answer in more than 10 cells. Such a file is not
/// stored as it was read: its figures could be wrong in ways no row error shows.
pub fn doubt(report: &FileReport) -> Option<ProblemKind> {
    let mut causes: Vec<(usize, &Problem, std::collections::BTreeSet<String>)> = Vec::new();
    for p in &report.problems {
        if p.severity != Severity::Error || keeps_row(&p.kind) {
            continue;
        }
        // The row of the cell ("C17" → "17"): several problems of one row are one row.
        let row = p
            .location
            .cell
            .as_deref()
            .map(|c| c.trim_start_matches(|ch: char| ch.is_ascii_alphabetic()))
            .unwrap_or("");
        let key = format!("{}#{row}", p.location.sheet.as_deref().unwrap_or(""));
        let o = p.kind.ordinal();
        match causes.iter_mut().find(|c| c.0 == o) {
            Some(c) => {
                c.2.insert(key);
            }
            None => causes.push((o, p, [key].into_iter().collect())),
        }
    }
    let mismatch = report.problems.iter().find(|p| {
        p.severity == Severity::Error && matches!(p.kind, ProblemKind::TotalsMismatch { .. })
    });
    // One value that is no answer, again and again ("Ko hài lòng" in 40 cells), is a gap in
    // what the reader knows, not 40 officers' slips: storing those answers as invalid would
    // change every rate.
    let mut values: Vec<(&str, &Problem, u32)> = Vec::new();
    for p in &report.problems {
        if !matches!(
            p.kind,
            ProblemKind::BadAnswer { .. } | ProblemKind::BadMappedAnswer { .. }
        ) {
            continue;
        }
        let v = p.value.as_deref().unwrap_or("");
        match values.iter_mut().find(|x| x.0 == v) {
            Some(x) => x.2 += 1,
            None => values.push((v, p, 1)),
        }
    }
    let repeated = values.iter().max_by_key(|x| x.2).filter(|x| x.2 > 10);
    let (rows, rejected) = (report.rows_read, report.rejected);
    let too_many = rows > 0 && rejected as u64 * 20 > rows as u64;
    let top = causes
        .iter()
        .max_by_key(|c| c.2.len())
        .filter(|c| too_many || c.2.len() > 10);
    // The cause said first: a totals row that does not add up, then the rows rejected, then
    // the repeated value (named with it).
    let (problem, value, count) = match (mismatch, top, repeated) {
        (Some(p), _, _) => (p, None, 1),
        (None, Some(c), _) => (c.1, None, c.2.len() as u32),
        (None, None, Some(x)) => (x.1, Some(x.0), x.2),
        (None, None, None) => return None,
    };
    let words = |lang| match value {
        Some(v) => format!("{} ({v})", problem.message(lang)),
        None => problem.message(lang),
    };
    Some(ProblemKind::Doubtful {
        rejected,
        rows,
        top_cause_vi: words(crate::i18n::Lang::Vi),
        top_cause_en: words(crate::i18n::Lang::En),
        top_count: count,
    })
}

/// Files below this size keep their bytes for a second look at cell formats: a self-assessment
/// is 15–60 KB; a commune's survey workbook (hundreds of KB) is never copied.
const SMALL_WORKBOOK: usize = 256 << 10;

/// What a file turned out to hold.
enum Read {
    Survey(SurveyBatch),
    Assessment(SelfAssessment),
}

/// The report of a file already stored with the same bytes: nothing is read again.
pub fn unchanged_report(
    name: &str,
    sha256: &str,
    commune: &str,
    form: &str,
    rows_read: u32,
    rejected: u32,
    accepted: u32,
) -> FileReport {
    let mut r = FileReport::new(name);
    r.sha256 = sha256.to_string();
    r.layout = Layout::of("—");
    r.commune = Some(commune.to_string());
    r.form = Some(form.to_string());
    r.rows_read = rows_read;
    r.rejected = rejected;
    r.accepted = accepted.min(rows_read.saturating_sub(rejected));
    // The rest were left out (duplicates, or not counted by their review status).
    r.duplicates = rows_read - rejected - r.accepted;
    r.outcome = Outcome::Unchanged;
    r
}

fn read_bytes(bytes: Vec<u8>, report: &mut FileReport, opts: ReadOptions) -> Option<Read> {
    // A self-assessment is a few kilobytes; its cell formats are read from its bytes (a copy
    // kept only for small zip files, never for a survey's tens of megabytes).
    let small_zip =
        (bytes.len() < SMALL_WORKBOOK && bytes.starts_with(b"PK")).then(|| bytes.clone());
    let (grids, format) = source::load(bytes, report)?;
    report.layout = Layout::of(format);
    if opts.mapping.is_none() && criteria::looks_like(&grids) {
        let a = criteria::read(&grids, report, opts, small_zip.as_deref())?;
        debug_assert!(report.reconciles());
        return Some(Read::Assessment(a));
    }
    let batch = match opts.mapping {
        Some(m) => mapping::read(&grids, m, report, opts),
        None => layout::read(&grids, report, opts),
    }?;
    debug_assert!(report.reconciles());
    Some(Read::Survey(batch))
}
#[cfg(test)]
mod outcome_tests {
    use super::{Layout, LayoutPart, Outcome};

    #[test]
    fn a_layout_serialises_as_the_string_reports_always_had() {
        let mut l = Layout::of("xlsx");
        assert_eq!(serde_json::to_value(&l).unwrap(), "xlsx");
        l.parts = Some(vec![LayoutPart::Ballots, LayoutPart::Register]);
        assert_eq!(
            serde_json::to_value(&l).unwrap(),
            "xlsx (ballots + register)"
        );
        l.parts = Some(vec![LayoutPart::Mapping]);
        assert_eq!(l.to_string(), "xlsx (mapping)");
        assert_eq!(Layout::of("—").to_string(), "—");
    }

    #[test]
    fn every_outcome_serialises_as_its_code() {
        use Outcome::*;
        for o in [
            Pending, Stored, Replaced, Unchanged, Refused, Checked, NotStored, Doubtful,
        ] {
            assert_eq!(serde_json::to_value(o).unwrap(), o.code(), "{o:?}");
        }
    }
}
