//! Spreadsheets to ballots: reads survey workbooks and reports every bad cell.
//!
//! A file goes in; out come the ballots and register it holds (a [`SurveyBatch`]) and a
//! [`FileReport`] in which every non-empty input row is either accepted or listed as rejected
//! with file, sheet, cell and reason. This layer never writes anything and never decides
//! scores; it knows the workspace only through the problems the store hands back.

pub mod header;
pub mod legacy;
pub mod problem;
pub mod sheet;

use crate::layout;
use crate::model::{Answer, Ballot, Provenance, RegisterArea, SurveyBatch};
use crate::rules::Library;
use crate::rules::gazetteer::{Gazetteer, UnitKind};
use crate::text::{clean, closest, fold, fold_place};
use calamine::{Reader, open_workbook_auto_from_rs};
use header::{Col, classify};
pub use problem::{Location, Problem, ProblemKind, Severity};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sheet::{Grid, cell_ref, whole_number};
use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;
use std::path::Path;

/// How far down a header row is looked for.
const HEADER_SEARCH_ROWS: u32 = 20;

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
}

/// The summary of one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    /// File as named on the command line.
    pub file: String,
    /// SHA-256 of its bytes (empty if it could not be read).
    pub sha256: String,
    /// Layout detected.
    pub layout: String,
    /// Commune it was attributed to.
    pub commune: Option<String>,
    /// Form id.
    pub form: Option<String>,
    /// Areas in the register.
    pub register_areas: u32,
    /// Non-empty ballot rows read.
    pub rows_read: u32,
    /// Rows stored.
    pub accepted: u32,
    /// Rows rejected (each has a problem).
    pub rejected: u32,
    /// Every problem, in file order.
    pub problems: Vec<Problem>,
    /// What happened in the workspace (`stored`, `unchanged`, `replaced`, `refused`, `checked`).
    pub outcome: String,
}

impl FileReport {
    fn new(file: &str) -> FileReport {
        FileReport {
            file: file.to_string(),
            sha256: String::new(),
            layout: String::new(),
            commune: None,
            form: None,
            register_areas: 0,
            rows_read: 0,
            accepted: 0,
            rejected: 0,
            problems: Vec::new(),
            outcome: String::new(),
        }
    }

    /// The worst severity among the problems.
    pub fn worst(&self) -> Option<Severity> {
        self.problems.iter().map(|p| p.severity).max()
    }

    /// Whether rows read = accepted + rejected.
    pub fn reconciles(&self) -> bool {
        self.rows_read == self.accepted + self.rejected
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
}

/// SHA-256 in lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads one file. Never panics on bad input: every failure is a problem in the report.
pub fn read_file(path: &Path, name: &str, opts: ReadOptions) -> ReadResult {
    let mut report = FileReport::new(name);
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            report.fatal(
                None,
                None,
                ProblemKind::Unreadable {
                    detail: e.to_string(),
                },
                None,
            );
            return ReadResult {
                report,
                batch: None,
            };
        }
    };
    report.sha256 = sha256_hex(&bytes);
    let batch = read_bytes(bytes, &mut report, opts);
    ReadResult { report, batch }
}

fn read_bytes(bytes: Vec<u8>, report: &mut FileReport, opts: ReadOptions) -> Option<SurveyBatch> {
    let mut wb = match open_workbook_auto_from_rs(Cursor::new(bytes)) {
        Ok(wb) => wb,
        Err(e) => {
            report.fatal(
                None,
                None,
                ProblemKind::NotSpreadsheet {
                    detail: e.to_string(),
                },
                None,
            );
            return None;
        }
    };
    let names = wb.sheet_names();
    let mut grids = Vec::new();
    for n in &names {
        match wb.worksheet_range(n) {
            Ok(r) => grids.push(Grid::new(n.clone(), r)),
            Err(e) => {
                report.fatal(
                    Some(n),
                    None,
                    ProblemKind::Unreadable {
                        detail: e.to_string(),
                    },
                    None,
                );
                return None;
            }
        }
    }
    report.layout = "canonical".into();
    let find = |wanted: &str| grids.iter().position(|g| fold(&g.name) == fold(wanted));
    let Some(reg_i) = find(layout::REGISTER_SHEET) else {
        report.fatal(
            None,
            None,
            ProblemKind::MissingSheet {
                wanted: layout::REGISTER_SHEET.into(),
                found: names.clone(),
            },
            None,
        );
        return None;
    };
    let Some(bal_i) = find(layout::BALLOT_SHEET) else {
        report.fatal(
            None,
            None,
            ProblemKind::MissingSheet {
                wanted: layout::BALLOT_SHEET.into(),
                found: names.clone(),
            },
            None,
        );
        return None;
    };
    let (reg, bal) = (&grids[reg_i], &grids[bal_i]);

    let commune = resolve_commune(reg, report, opts)?;
    report.commune = Some(commune.clone());
    let form = resolve_form(reg, bal, report, opts)?;
    report.form = Some(form.clone());

    let register = read_register(reg, report)?;
    report.register_areas = register.areas.len() as u32;
    let ballots = read_ballots(bal, &register, &form, report, opts)?;
    debug_assert!(report.reconciles());
    Some(SurveyBatch {
        commune,
        form,
        register: register.areas,
        ballots,
    })
}

/// A label cell ("Xã:") in the first rows of the sheet and the value beside or after it.
fn labelled(grid: &Grid, label: &str) -> Option<(String, String)> {
    let key = fold(label);
    let key = key.trim_end_matches(':');
    for r in 0..grid.end_row().min(HEADER_SEARCH_ROWS) {
        for c in 0..grid.end_col() {
            let t = grid.text(r, c);
            let f = fold(&t);
            if let Some(rest) = f.strip_prefix(key)
                && rest.starts_with(':')
            {
                // Value in the same cell after the colon, else the next non-empty cell.
                let inline = t
                    .split_once(':')
                    .map(|(_, v)| v.trim().to_string())
                    .unwrap_or_default();
                if !inline.is_empty() {
                    return Some((cell_ref(r, c), inline));
                }
                for c2 in c + 1..grid.end_col() {
                    let v = grid.text(r, c2);
                    if !v.is_empty() {
                        return Some((cell_ref(r, c2), v));
                    }
                }
            }
        }
    }
    None
}

fn resolve_commune(reg: &Grid, report: &mut FileReport, opts: ReadOptions) -> Option<String> {
    let (cell, written) = match opts.commune {
        Some(c) => (None, c.to_string()),
        None => match labelled(reg, layout::COMMUNE_LABEL) {
            Some((cell, v)) => (Some(cell), v),
            None => {
                report.fatal(Some(&reg.name), None, ProblemKind::NoCommune, None);
                return None;
            }
        },
    };
    let sheet = cell.as_ref().map(|_| reg.name.as_str());
    match opts.gazetteer.resolve(&written) {
        Ok(r) => {
            if r.unit.kind == UnitKind::Phuong {
                report.fatal(
                    sheet,
                    cell,
                    ProblemKind::Ward {
                        name: r.unit.name.clone(),
                    },
                    Some(written),
                );
                return None;
            }
            if let Some(old) = r.via_old {
                report.push(
                    Severity::Warning,
                    sheet,
                    cell,
                    ProblemKind::OldCommune {
                        old,
                        new: r.unit.name.clone(),
                    },
                    Some(written),
                );
            }
            Some(r.unit.name.clone())
        }
        Err(e) => {
            use crate::i18n::Localized;
            report.fatal(
                sheet,
                cell,
                ProblemKind::CommuneLookup {
                    message_vi: e.to_string(),
                    message_en: e.en(),
                },
                Some(written),
            );
            None
        }
    }
}

fn resolve_form(
    reg: &Grid,
    bal: &Grid,
    report: &mut FileReport,
    opts: ReadOptions,
) -> Option<String> {
    let known: Vec<String> = opts.lib.forms.keys().cloned().collect();
    let (cell, written) = match opts.form {
        Some(f) => (None, Some(f.to_string())),
        None => match labelled(reg, layout::FORM_LABEL) {
            Some((c, v)) => (Some(c), Some(v)),
            None => (None, None),
        },
    };
    if let Some(w) = written {
        let id = opts.lib.forms.keys().find(|k| fold(k) == fold(&w));
        return match id {
            Some(id) => Some(id.clone()),
            None => {
                let sheet = cell.as_ref().map(|_| reg.name.as_str());
                report.fatal(
                    sheet,
                    cell,
                    ProblemKind::UnknownForm {
                        id: w.clone(),
                        known,
                    },
                    Some(w),
                );
                None
            }
        };
    }
    // No form named: the only form with as many items as the header has item columns.
    let n_items = find_header(bal, |cols| cols.iter().any(|c| matches!(c, Col::Area)))
        .map(|(_, cols)| cols.iter().filter(|c| matches!(c, Col::Item(_))).count())
        .unwrap_or(0);
    let fits: Vec<&String> = opts
        .lib
        .forms
        .iter()
        .filter(|(_, f)| f.item_count() == n_items)
        .map(|(k, _)| k)
        .collect();
    if fits.len() == 1 {
        return Some(fits[0].clone());
    }
    report.fatal(
        Some(&reg.name),
        None,
        ProblemKind::UnknownForm {
            id: String::new(),
            known,
        },
        None,
    );
    None
}

/// The first row (within the search window) whose classified cells satisfy `ok`.
fn find_header(grid: &Grid, ok: impl Fn(&[Col]) -> bool) -> Option<(u32, Vec<Col>)> {
    for r in 0..grid.end_row().min(HEADER_SEARCH_ROWS) {
        let cols: Vec<Col> = (0..grid.end_col())
            .filter_map(|c| classify(&grid.text(r, c)))
            .collect();
        if ok(&cols) {
            return Some((r, cols));
        }
    }
    None
}

/// Column index of each recognised header in `row`.
fn header_map(grid: &Grid, row: u32) -> Vec<(u32, Col)> {
    (0..grid.end_col())
        .filter_map(|c| classify(&grid.text(row, c)).map(|k| (c, k)))
        .collect()
}

struct Register {
    sheet: String,
    areas: Vec<RegisterArea>,
    /// Folded name → (index into `areas`, 0-based row).
    index: HashMap<String, (usize, u32)>,
    households_col: u32,
    issued_col: Option<u32>,
}

fn read_register(reg: &Grid, report: &mut FileReport) -> Option<Register> {
    let Some((hr, _)) = find_header(reg, |cols| {
        cols.contains(&Col::Area) && cols.contains(&Col::Households)
    }) else {
        report.fatal(
            Some(&reg.name),
            None,
            ProblemKind::MissingHeader {
                column: layout::H_HOUSEHOLDS.into(),
            },
            None,
        );
        return None;
    };
    let map = header_map(reg, hr);
    let col = |k: Col| map.iter().find(|(_, c)| *c == k).map(|(i, _)| *i);
    let (area_c, hh_c, issued_c) = (col(Col::Area)?, col(Col::Households)?, col(Col::Issued));
    let mut reg_out = Register {
        sheet: reg.name.clone(),
        areas: Vec::new(),
        index: HashMap::new(),
        households_col: hh_c,
        issued_col: issued_c,
    };
    for r in hr + 1..reg.end_row() {
        let name = clean(&reg.text(r, area_c));
        if name.is_empty() {
            continue;
        }
        let key = fold_place(&name);
        if let Some((_, first)) = reg_out.index.get(&key) {
            let first_row = first + 1;
            report.push(
                Severity::Error,
                Some(&reg.name),
                Some(cell_ref(r, area_c)),
                ProblemKind::DuplicateArea { first_row },
                Some(name),
            );
            continue;
        }
        let Some(households) = whole_number(reg.get(r, hh_c)) else {
            report.push(
                Severity::Error,
                Some(&reg.name),
                Some(cell_ref(r, hh_c)),
                ProblemKind::BadCount,
                Some(reg.text(r, hh_c)),
            );
            continue;
        };
        let forms_issued = match issued_c {
            Some(c) if !reg.text(r, c).is_empty() => match whole_number(reg.get(r, c)) {
                Some(n) => Some(n),
                None => {
                    report.push(
                        Severity::Error,
                        Some(&reg.name),
                        Some(cell_ref(r, c)),
                        ProblemKind::BadCount,
                        Some(reg.text(r, c)),
                    );
                    continue;
                }
            },
            _ => None,
        };
        reg_out.index.insert(key, (reg_out.areas.len(), r));
        reg_out.areas.push(RegisterArea {
            area: name,
            households,
            forms_issued,
        });
    }
    if reg_out.areas.is_empty() {
        report.fatal(Some(&reg.name), None, ProblemKind::EmptyRegister, None);
        return None;
    }
    Some(reg_out)
}

fn read_ballots(
    bal: &Grid,
    register: &Register,
    form_id: &str,
    report: &mut FileReport,
    opts: ReadOptions,
) -> Option<Vec<Ballot>> {
    let form = opts.lib.form(form_id)?;
    let Some((hr, _)) = find_header(bal, |cols| {
        cols.contains(&Col::Area) && cols.iter().any(|c| matches!(c, Col::Item(_)))
    }) else {
        report.fatal(
            Some(&bal.name),
            None,
            ProblemKind::MissingHeader {
                column: layout::H_AREA.into(),
            },
            None,
        );
        return None;
    };
    let map = header_map(bal, hr);
    let col = |k: Col| map.iter().find(|(_, c)| *c == k).map(|(i, _)| *i);
    let area_c = col(Col::Area)?;
    let (form_no_c, reason_c, other_c) = (col(Col::FormNo), col(Col::Reason), col(Col::Other));
    let n = form.item_count() as u32;
    let mut item_cols: Vec<Option<u32>> = vec![None; n as usize];
    for (c, k) in &map {
        if let Col::Item(i) = k {
            if *i > n {
                report.fatal(
                    Some(&bal.name),
                    Some(cell_ref(hr, *c)),
                    ProblemKind::ExtraItem { item: *i },
                    Some(bal.text(hr, *c)),
                );
                return None;
            }
            item_cols[*i as usize - 1].get_or_insert(*c);
        }
    }
    let missing: Vec<u32> = (1..=n)
        .filter(|i| item_cols[*i as usize - 1].is_none())
        .collect();
    if !missing.is_empty() {
        report.fatal(
            Some(&bal.name),
            Some(format!("{}", hr + 1)),
            ProblemKind::MissingItems { items: missing },
            None,
        );
        return None;
    }
    let item_cols: Vec<u32> = item_cols.into_iter().map(|c| c.expect("checked")).collect();

    let mut ballots: Vec<Ballot> = Vec::new();
    let mut seen_no: HashMap<(usize, String), u32> = HashMap::new();
    let register_names: Vec<&str> = register.areas.iter().map(|a| a.area.as_str()).collect();
    for r in hr + 1..bal.end_row() {
        if bal.row_is_empty(r) {
            continue;
        }
        report.rows_read += 1;
        let written = clean(&bal.text(r, area_c));
        if written.is_empty() {
            report.push(
                Severity::Error,
                Some(&bal.name),
                Some(cell_ref(r, area_c)),
                ProblemKind::MissingArea,
                None,
            );
            report.rejected += 1;
            continue;
        }
        let Some(&(idx, _)) = register.index.get(&fold_place(&written)) else {
            let suggestions = closest(&written, register_names.iter().copied(), 3)
                .into_iter()
                .map(str::to_string)
                .collect();
            report.push(
                Severity::Error,
                Some(&bal.name),
                Some(cell_ref(r, area_c)),
                ProblemKind::UnknownArea { suggestions },
                Some(written),
            );
            report.rejected += 1;
            continue;
        };
        let form_no = form_no_c.map(|c| bal.text(r, c)).filter(|s| !s.is_empty());
        if let Some(no) = &form_no {
            if let Some(first) = seen_no.get(&(idx, no.clone())) {
                report.push(
                    Severity::Error,
                    Some(&bal.name),
                    Some(cell_ref(r, form_no_c.expect("set"))),
                    ProblemKind::DuplicateFormNo { first_row: *first },
                    Some(no.clone()),
                );
                report.rejected += 1;
                continue;
            }
            seen_no.insert((idx, no.clone()), r + 1);
        }
        let mut answers = Vec::with_capacity(n as usize);
        for (i, &c) in item_cols.iter().enumerate() {
            let text = bal.text(r, c);
            match header::answer(&text) {
                Some(a) => answers.push(a),
                None => {
                    answers.push(Answer::Invalid);
                    report.push(
                        Severity::Error,
                        Some(&bal.name),
                        Some(cell_ref(r, c)),
                        ProblemKind::BadAnswer { item: i as u32 + 1 },
                        Some(text),
                    );
                }
            }
        }
        let text_of = |c: Option<u32>| c.map(|c| clean(&bal.text(r, c))).filter(|s| !s.is_empty());
        ballots.push(Ballot {
            area: register.areas[idx].area.clone(),
            form_no,
            answers,
            reason: text_of(reason_c),
            other_opinion: text_of(other_c),
            provenance: Provenance {
                source_sha256: report.sha256.clone(),
                sheet: bal.name.clone(),
                row: r + 1,
            },
        });
    }

    // Areas with more forms than households (or than forms issued) are rejected whole: which of
    // their rows are the wrong ones cannot be told from the sheet.
    let mut per_area: BTreeMap<&str, u32> = BTreeMap::new();
    for b in &ballots {
        *per_area.entry(b.area.as_str()).or_default() += 1;
    }
    let mut refused: Vec<String> = Vec::new();
    let mut rows: Vec<&(usize, u32)> = register.index.values().collect();
    rows.sort_by_key(|(_, r)| *r);
    for &&(idx, row) in &rows {
        let a = &register.areas[idx];
        let got = per_area.get(a.area.as_str()).copied().unwrap_or(0);
        let sheet = Some(register.sheet.as_str());
        if got > a.households {
            let kind = ProblemKind::TooManyBallots {
                area: a.area.clone(),
                ballots: got,
                households: a.households,
            };
            report.push(
                Severity::Error,
                sheet,
                Some(cell_ref(row, register.households_col)),
                kind,
                Some(a.households.to_string()),
            );
            refused.push(a.area.clone());
        } else if let (Some(issued), Some(c)) = (a.forms_issued, register.issued_col)
            && got > issued
        {
            let kind = ProblemKind::MoreThanIssued {
                area: a.area.clone(),
                ballots: got,
                issued,
            };
            report.push(
                Severity::Error,
                sheet,
                Some(cell_ref(row, c)),
                kind,
                Some(issued.to_string()),
            );
            refused.push(a.area.clone());
        }
    }
    if !refused.is_empty() {
        let before = ballots.len();
        ballots.retain(|b| !refused.contains(&b.area));
        report.rejected += (before - ballots.len()) as u32;
    }
    report.accepted = ballots.len() as u32;
    Some(ballots)
}
