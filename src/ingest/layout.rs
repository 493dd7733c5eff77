//! Layout detection: what each sheet is, told from the sheet itself.
//!
//! A sheet is a register (areas and households), a ballots sheet (one row per form; one column
//! per item, or two marker columns "Hài lòng | Không hài lòng" under a merged item header; with
//! an area column, or one sheet per area named by its title or sheet name), or an area tally
//! (one row per area with forms returned and per-item counts). Headers are found anywhere in the
//! first 20 rows and matched folded. This module turns sheets into a [`SurveyBatch`] and
//! reports every row it does not use; it never touches the workspace.

use super::header::{self, Col, classify, is_total_label, marker, marker_label};
use super::sheet::{Grid, cell_ref, whole_number};
use super::{FileReport, ProblemKind, ReadOptions, Severity};
use crate::layout as canon;
use crate::model::{Answer, Ballot, ItemTally, Provenance, RegisterArea, SurveyBatch, TallyRow};
use crate::rules::Form;
use crate::rules::gazetteer::UnitKind;
use crate::text::{clean, closest, fold, fold_place};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How far down a header row is looked for.
pub const HEADER_SEARCH_ROWS: u32 = 20;

/// How a sheet's item answers are laid out.
#[derive(Debug, Clone)]
enum Items {
    /// One column per item, holding the answer text (or, in tallies, never).
    Single(Vec<u32>),
    /// Two columns per item: (satisfied, not satisfied).
    Pairs(Vec<(u32, u32)>),
}

/// What a sheet is.
#[derive(Debug, Clone)]
enum Role {
    Register {
        header: u32,
        area: u32,
        households: u32,
        issued: Option<u32>,
    },
    Ballots {
        first_row: u32,
        cols: Vec<(u32, Col)>,
        items: Items,
    },
    Tally {
        first_row: u32,
        cols: Vec<(u32, Col)>,
        items: Items,
    },
}

/// A label cell ("Xã:") in the first rows and the value beside or after it.
pub fn labelled(grid: &Grid, labels: &[&str]) -> Option<(String, String)> {
    for r in 0..grid.end_row().min(HEADER_SEARCH_ROWS) {
        for c in 0..grid.end_col() {
            let t = grid.text(r, c);
            let Some((head, inline)) = t.split_once(':') else {
                continue;
            };
            let h = fold(head);
            if !labels.iter().any(|l| fold(l.trim_end_matches(':')) == h) {
                continue;
            }
            let inline = inline.trim();
            if !inline.is_empty() {
                return Some((cell_ref(r, c), inline.to_string()));
            }
            for c2 in c + 1..grid.end_col() {
                let v = grid.text(r, c2);
                if !v.is_empty() {
                    return Some((cell_ref(r, c2), v));
                }
            }
        }
    }
    None
}

/// Forms tried first when a file does not name its form and several fit.
const PREFERRED_FORMS: &[&str] = &[
    "xa-ntm",
    "xa-ntm-nang-cao",
    "xa-ntm-kieu-mau",
    "xa-ntm-2026-2030",
];

pub(super) const COMMUNE_LABELS: &[&str] = &["Xã", "Tên xã", "Đơn vị"];
const FORM_LABELS: &[&str] = &["Mẫu phiếu"];
const AREA_LABELS: &[&str] = &[
    "Khu dân cư",
    "Bản",
    "Thôn",
    "Tiểu khu",
    "Tổ dân phố",
    "Thôn, bản",
    "Thôn/bản",
];
const HOUSEHOLD_LABELS: &[&str] = &["Tổng số hộ", "Số hộ"];

/// Classifies a header cell, also recognising an item written as its statement.
fn classify_with(cell: &str, statements: &[String]) -> Option<Col> {
    if let Some(c) = classify(cell) {
        return Some(c);
    }
    let f = fold(cell);
    if f.len() < 12 {
        return None;
    }
    statements
        .iter()
        .position(|s| *s == f || (f.len() > 24 && s.starts_with(&f)))
        .map(|i| Col::Item(i as u32 + 1))
}

fn row_cols(grid: &Grid, r: u32, statements: &[String]) -> Vec<(u32, Col)> {
    (0..grid.end_col())
        .filter_map(|c| classify_with(&grid.text(r, c), statements).map(|k| (c, k)))
        .collect()
}

/// Under each item header of row `r`, the satisfied and not-satisfied columns of row `r + 1`.
fn marker_pairs(grid: &Grid, r: u32, item_cols: &[(u32, u32)]) -> Option<Vec<(u32, u32)>> {
    let mut pairs = Vec::new();
    for (k, &(_, c)) in item_cols.iter().enumerate() {
        let end = item_cols
            .get(k + 1)
            .map(|x| x.1)
            .unwrap_or(c + 3)
            .min(grid.end_col());
        let (mut sat, mut dis) = (None, None);
        for cc in c..end.max(c + 1) {
            match marker_label(&grid.text(r + 1, cc)) {
                Some(true) if sat.is_none() => sat = Some(cc),
                Some(false) if dis.is_none() => dis = Some(cc),
                _ => {}
            }
        }
        pairs.push((sat?, dis?));
    }
    Some(pairs)
}

fn analyze(grid: &Grid, form: &Form, statements: &[String]) -> Option<Role> {
    for r in 0..grid.end_row().min(HEADER_SEARCH_ROWS) {
        let cols = row_cols(grid, r, statements);
        let has = |k: Col| cols.iter().any(|(_, c)| *c == k);
        let col = |k: Col| col_of(&cols, k);
        // (item, column), left to right.
        let mut item_cols: Vec<(u32, u32)> = item_columns(&cols)
            .into_iter()
            .map(|(c, i)| (i, c))
            .collect();
        // A header row names at least half of the form's items; a stray "1" is not a header.
        if item_cols.len() * 2 < form.item_count() {
            item_cols.clear();
        }
        if item_cols.is_empty() {
            if let (Some(area), Some(households)) = (col(Col::Area), col(Col::Households)) {
                return Some(Role::Register {
                    header: r,
                    area,
                    households,
                    issued: col(Col::Issued),
                });
            }
            continue;
        }
        let pairs = marker_pairs(grid, r, &item_cols);
        let tally = has(Col::Returned);
        let items = match pairs {
            Some(p) => Items::Pairs(p),
            None => Items::Single(item_cols.iter().map(|x| x.1).collect()),
        };
        let first_row = if matches!(items, Items::Pairs(_)) {
            r + 2
        } else {
            r + 1
        };
        return Some(if tally {
            Role::Tally {
                first_row,
                cols,
                items,
            }
        } else {
            Role::Ballots {
                first_row,
                cols,
                items,
            }
        });
    }
    None
}

/// The column of header `k`, if the header row has it.
fn col_of(cols: &[(u32, Col)], k: Col) -> Option<u32> {
    cols.iter().find(|(_, c)| *c == k).map(|(i, _)| *i)
}

/// (column, item number) of every item header, left to right.
fn item_columns(cols: &[(u32, Col)]) -> Vec<(u32, u32)> {
    let mut v: Vec<(u32, u32)> = cols
        .iter()
        .filter_map(|(c, k)| {
            if let Col::Item(i) = k {
                Some((*c, *i))
            } else {
                None
            }
        })
        .collect();
    v.sort();
    v
}

/// The item numbers of the header, in the order of `Items`.
fn item_numbers(cols: &[(u32, Col)]) -> Vec<u32> {
    item_columns(cols).into_iter().map(|x| x.1).collect()
}

pub(super) fn resolve_commune(
    grids: &[Grid],
    report: &mut FileReport,
    opts: ReadOptions,
) -> Option<String> {
    let found = grids
        .iter()
        .find_map(|g| labelled(g, COMMUNE_LABELS).map(|(c, v)| (g.name.clone(), c, v)));
    let (sheet, cell, written) = match (opts.commune, found) {
        (Some(c), _) => (None, None, c.to_string()),
        (None, Some((s, c, v))) => (Some(s), Some(c), v),
        (None, None)
            if grids
                .iter()
                .any(|g| opts.gazetteer.resolve(&g.name).is_ok()) =>
        {
            // A sheet named after the commune ("Xã Chiềng Mung", "Chieng Mung").
            let g = grids
                .iter()
                .find(|g| opts.gazetteer.resolve(&g.name).is_ok())
                .expect("checked");
            (Some(g.name.clone()), None, g.name.clone())
        }
        (None, None) => {
            // Last resort: the file name ("chieng-mung.xlsx", "Chiềng Mung_2025.xls").
            let stem = std::path::Path::new(&report.file)
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default();
            let words: String = stem.replace(['-', '_', '.'], " ");
            let hit = opts
                .gazetteer
                .units()
                .iter()
                .find(|u| !words.is_empty() && fold(&words).contains(&fold_place(&u.name)));
            match hit {
                Some(u) => (None, None, u.name.clone()),
                None => {
                    report.fatal(None, None, ProblemKind::NoCommune, None);
                    return None;
                }
            }
        }
    };
    match opts.gazetteer.resolve(&written) {
        Ok(r) => {
            if r.unit.kind == UnitKind::Phuong {
                report.fatal(
                    sheet.as_deref(),
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
                    sheet.as_deref(),
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
            let kind = ProblemKind::CommuneLookup {
                message_vi: e.to_string(),
                message_en: e.en(),
            };
            report.fatal(sheet.as_deref(), cell, kind, Some(written));
            None
        }
    }
}

fn resolve_form<'a>(
    grids: &[Grid],
    report: &mut FileReport,
    opts: ReadOptions<'a>,
) -> Option<&'a Form> {
    let known: Vec<String> = opts.lib.forms.keys().cloned().collect();
    let found = grids
        .iter()
        .find_map(|g| labelled(g, FORM_LABELS).map(|(c, v)| (g.name.clone(), c, v)));
    let written = opts
        .form
        .map(|f| (None, None, f.to_string()))
        .or(found.map(|(s, c, v)| (Some(s), Some(c), v)));
    if let Some((sheet, cell, w)) = written {
        return match opts.lib.forms.values().find(|f| fold(f.id()) == fold(&w)) {
            Some(f) => Some(f),
            None => {
                report.fatal(
                    sheet.as_deref(),
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
    // No form named: the form whose items the headers name, all of them and no more.
    let fits: Vec<&Form> = opts
        .lib
        .forms
        .values()
        .filter(|form| {
            let statements = folded_statements(form);
            grids.iter().any(|g| {
                (0..g.end_row().min(HEADER_SEARCH_ROWS)).any(|r| {
                    let items: BTreeSet<u32> = item_numbers(&row_cols(g, r, &statements))
                        .into_iter()
                        .collect();
                    items.len() == form.item_count()
                        && items.iter().all(|i| *i as usize <= form.item_count())
                })
            })
        })
        .collect();
    if fits.len() == 1 {
        return Some(fits[0]);
    }
    // Several forms have as many items (xã NTM and NTM nâng cao both have 19): take the first
    // in the library's preference order and say so, since the thresholds differ.
    if let Some(f) = PREFERRED_FORMS
        .iter()
        .find_map(|id| fits.iter().find(|f| f.id() == *id))
    {
        let kind = ProblemKind::FormAssumed {
            id: f.id().to_string(),
            candidates: fits.iter().map(|f| f.id().to_string()).collect(),
        };
        report.push(Severity::Warning, None, None, kind, None);
        return Some(f);
    }
    report.fatal(
        None,
        None,
        ProblemKind::UnknownForm {
            id: String::new(),
            known,
        },
        None,
    );
    None
}

fn folded_statements(form: &Form) -> Vec<String> {
    form.items.iter().map(|i| fold(&i.statement)).collect()
}

/// A folded area name without its kind ("ban na san" → "na san").
pub fn strip_area_prefix(folded: &str) -> &str {
    for p in [
        "ban ",
        "thon ",
        "tieu khu ",
        "to dan pho ",
        "khu ",
        "xom ",
        "ap ",
        "to ",
    ] {
        if let Some(rest) = folded.strip_prefix(p) {
            return rest;
        }
    }
    folded
}

/// The register name `written` names: exactly (folded, so a choice code `ban_na_san` finds
/// "Bản Nà Sản"), else without the "Bản"/"Thôn"/… prefix on either side if that leaves exactly
/// one candidate.
pub fn find_area(names: &[&str], written: &str) -> Option<usize> {
    let f = fold_place(written);
    if let Some(i) = names.iter().position(|n| fold_place(n) == f) {
        return Some(i);
    }
    let key = strip_area_prefix(&f);
    let hits: Vec<usize> = names
        .iter()
        .enumerate()
        .filter(|(_, n)| strip_area_prefix(&fold_place(n)) == key)
        .map(|(i, _)| i)
        .collect();
    (hits.len() == 1).then(|| hits[0])
}

/// The register being built from the file: areas in order, with where each came from.
struct Register {
    areas: Vec<RegisterArea>,
    /// Folded name → (index, sheet, 0-based row, households column).
    index: HashMap<String, (usize, String, u32, u32, Option<u32>)>,
    /// Whether the register came from the workspace rather than this file.
    from_workspace: bool,
}

impl Register {
    /// The register area `name` names: exactly (folded), else without the "Bản"/"Thôn"/…
    /// prefix on either side if that leaves one candidate ("Háng Đồng" finds "Bản Háng Đồng").
    fn find(&self, name: &str) -> Option<usize> {
        if let Some(x) = self.index.get(&fold_place(name)) {
            return Some(x.0);
        }
        let folded = fold_place(name);
        let key = strip_area_prefix(&folded);
        let hits: Vec<usize> = self
            .index
            .iter()
            .filter(|(k, _)| strip_area_prefix(k) == key)
            .map(|(_, x)| x.0)
            .collect();
        (hits.len() == 1).then(|| hits[0])
    }
}

fn read_register(
    grid: &Grid,
    header: u32,
    area_c: u32,
    hh_c: u32,
    issued_c: Option<u32>,
    reg: &mut Register,
    report: &mut FileReport,
) {
    for r in header + 1..grid.end_row() {
        let name = clean(&grid.text(r, area_c));
        if name.is_empty() || is_total_label(&name) {
            continue;
        }
        let key = fold_place(&name);
        if let Some((_, sheet, first, _, _)) = reg.index.get(&key) {
            if *sheet == grid.name {
                let kind = ProblemKind::DuplicateArea {
                    first_row: first + 1,
                };
                report.push(
                    Severity::Error,
                    Some(&grid.name),
                    Some(cell_ref(r, area_c)),
                    kind,
                    Some(name),
                );
            }
            continue;
        }
        let Some(households) = whole_number(grid.get(r, hh_c)) else {
            report.push(
                Severity::Error,
                Some(&grid.name),
                Some(cell_ref(r, hh_c)),
                ProblemKind::BadCount,
                Some(grid.text(r, hh_c)),
            );
            continue;
        };
        let forms_issued = match issued_c {
            Some(c) if !grid.text(r, c).is_empty() => match whole_number(grid.get(r, c)) {
                Some(n) => Some(n),
                None => {
                    report.push(
                        Severity::Error,
                        Some(&grid.name),
                        Some(cell_ref(r, c)),
                        ProblemKind::BadCount,
                        Some(grid.text(r, c)),
                    );
                    continue;
                }
            },
            _ => None,
        };
        reg.index
            .insert(key, (reg.areas.len(), grid.name.clone(), r, hh_c, issued_c));
        reg.areas.push(RegisterArea {
            area: name,
            households,
            forms_issued,
        });
    }
}

/// Where a ballots or tally sheet takes its area from.
enum AreaSource {
    Column(u32),
    Fixed { name: String, cell: Option<String> },
}

fn area_source(grid: &Grid, cols: &[(u32, Col)]) -> AreaSource {
    if let Some((c, _)) = cols.iter().find(|(_, k)| *k == Col::Area) {
        return AreaSource::Column(*c);
    }
    match labelled(grid, AREA_LABELS) {
        Some((cell, v)) => AreaSource::Fixed {
            name: clean(&v),
            cell: Some(cell),
        },
        None => AreaSource::Fixed {
            name: clean(&grid.name),
            cell: None,
        },
    }
}

/// A sheet without an area column is one area's only when its name or a title cell names an
/// area of the register. Otherwise it is refused with one problem that names the header row
/// and the columns recognised (never one per row, never guessed): returns whether it was.
fn refuse_unnamed_sheet(
    g: &Grid,
    first_row: u32,
    header_row: u32,
    cols: &[(u32, Col)],
    area_src: &AreaSource,
    reg: &Register,
    report: &mut FileReport,
) -> bool {
    let AreaSource::Fixed { name, .. } = area_src else {
        return false;
    };
    if reg.find(name).is_some() {
        return false;
    }
    let rows = (first_row..g.end_row())
        .filter(|r| !g.row_is_empty(*r))
        .count() as u32;
    report.rows_read += rows;
    report.rejected += rows;
    let mut recognised: Vec<String> = cols
        .iter()
        .filter(|(_, k)| !matches!(k, Col::Item(_)))
        .map(|(c, _)| g.text(header_row - 1, *c))
        .collect();
    let items = cols
        .iter()
        .filter(|(_, k)| matches!(k, Col::Item(_)))
        .count();
    if items > 0 {
        recognised.push(format!("{items} × Câu"));
    }
    let kind = ProblemKind::NoAreaColumn {
        header_row,
        recognised,
    };
    report.push(
        Severity::Error,
        Some(&g.name),
        Some(header_row.to_string()),
        kind,
        Some(name.clone()),
    );
    true
}

/// Reads every sheet of a workbook into a batch.
pub fn read(grids: &[Grid], report: &mut FileReport, opts: ReadOptions) -> Option<SurveyBatch> {
    let commune = resolve_commune(grids, report, opts)?;
    report.commune = Some(commune.clone());
    let form = resolve_form(grids, report, opts)?;
    report.form = Some(form.id().to_string());
    let statements = folded_statements(form);
    let roles: Vec<Option<Role>> = grids
        .iter()
        .map(|g| analyze(g, form, &statements))
        .collect();

    let mut reg = Register {
        areas: Vec::new(),
        index: HashMap::new(),
        from_workspace: false,
    };
    let mut kinds = BTreeSet::new();
    for (g, role) in grids.iter().zip(&roles) {
        match role {
            Some(Role::Register {
                header,
                area,
                households,
                issued,
            }) => {
                kinds.insert("register");
                read_register(g, *header, *area, *households, *issued, &mut reg, report);
            }
            Some(Role::Tally {
                first_row, cols, ..
            }) => {
                kinds.insert("tally");
                let col = |k: Col| col_of(cols, k);
                if let (Some(a), Some(h)) = (col(Col::Area), col(Col::Households)) {
                    read_register(g, first_row - 1, a, h, col(Col::Issued), &mut reg, report);
                }
            }
            Some(Role::Ballots { cols, .. }) => {
                kinds.insert(if cols.iter().any(|(_, k)| *k == Col::Area) {
                    "ballots"
                } else {
                    "ballots-per-area"
                });
                // A per-area sheet may say its households in its title rows ("Số hộ: 120").
                // A sheet name is taken as an area's only if it reads as one ("Bản Nà Sản").
                if let AreaSource::Fixed { name, cell } = area_source(g, cols)
                    && (cell.is_some() || strip_area_prefix(&fold(&name)) != fold(&name))
                    && let Some((cell, v)) = labelled(g, HOUSEHOLD_LABELS)
                    && reg.find(&name).is_none()
                {
                    match v.trim().parse::<u32>() {
                        Ok(h) => {
                            let r = cell[cell.find(|c: char| c.is_ascii_digit()).unwrap_or(0)..]
                                .parse::<u32>()
                                .unwrap_or(1)
                                - 1;
                            reg.index.insert(
                                fold_place(&name),
                                (reg.areas.len(), g.name.clone(), r, 0, None),
                            );
                            reg.areas.push(RegisterArea {
                                area: name,
                                households: h,
                                forms_issued: None,
                            });
                        }
                        Err(_) => report.push(
                            Severity::Error,
                            Some(&g.name),
                            Some(cell),
                            ProblemKind::BadCount,
                            Some(v),
                        ),
                    }
                }
            }
            None => {}
        }
    }
    if roles
        .iter()
        .all(|r| !matches!(r, Some(Role::Ballots { .. }) | Some(Role::Tally { .. })))
    {
        let sheets: Vec<String> = grids.iter().map(|g| g.name.clone()).collect();
        report.fatal(
            None,
            None,
            ProblemKind::MissingSheet {
                wanted: canon::BALLOT_SHEET.into(),
                found: sheets,
            },
            None,
        );
        return None;
    }
    if reg.areas.is_empty() {
        if let Some(areas) = opts.registers.get(&commune) {
            for a in areas {
                reg.index.insert(
                    fold_place(&a.area),
                    (reg.areas.len(), String::new(), 0, 0, None),
                );
                reg.areas.push(a.clone());
            }
            reg.from_workspace = true;
        } else {
            report.fatal(None, None, ProblemKind::EmptyRegister, None);
            return None;
        }
    }
    report.layout = format!(
        "{} ({})",
        report.layout,
        kinds.into_iter().collect::<Vec<_>>().join(" + ")
    );
    report.register_areas = reg.areas.len() as u32;

    let mut ballots = Vec::new();
    let mut tallies = Vec::new();
    let mut seen: Seen = Seen::default();
    for (g, role) in grids.iter().zip(&roles) {
        match role {
            Some(Role::Ballots {
                first_row,
                cols,
                items,
            }) => read_ballots(
                g,
                *first_row,
                cols,
                items,
                form,
                &reg,
                &mut seen,
                &mut ballots,
                report,
            )?,
            Some(Role::Tally {
                first_row,
                cols,
                items,
            }) => read_tallies(g, *first_row, cols, items, form, &reg, &mut tallies, report)?,
            _ => {}
        }
    }

    // One source per area: a tally and forms for the same area are never added together.
    let tallied: BTreeSet<&str> = tallies.iter().map(|t: &TallyRow| t.area.as_str()).collect();
    if let Some(b) = ballots
        .iter()
        .find(|b: &&Ballot| tallied.contains(b.area.as_str()))
    {
        let kind = ProblemKind::TallyAndBallots {
            area: b.area.clone(),
        };
        report.fatal(
            Some(&b.provenance.sheet),
            Some(format!("{}", b.provenance.row)),
            kind,
            None,
        );
        return None;
    }
    check_counts(&reg, &mut ballots, report);
    report.accepted = ballots.len() as u32 + tallies.len() as u32;
    Some(SurveyBatch {
        commune,
        form: form.id().to_string(),
        round: String::new(),
        sha256: report.sha256.clone(),
        register: if reg.from_workspace {
            Vec::new()
        } else {
            reg.areas
        },
        ballots,
        tallies,
    })
}

/// Form numbers and households already seen, per area, for duplicates.
#[derive(Default)]
struct Seen {
    /// (area, form number) → (1-based row, index in the ballots read).
    form_no: HashMap<(usize, String), (u32, usize)>,
    household: HashMap<(usize, String), u32>,
}

#[allow(clippy::too_many_arguments)]
fn read_ballots(
    g: &Grid,
    first_row: u32,
    cols: &[(u32, Col)],
    items: &Items,
    form: &Form,
    reg: &Register,
    seen: &mut Seen,
    out: &mut Vec<Ballot>,
    report: &mut FileReport,
) -> Option<()> {
    let col = |k: Col| col_of(cols, k);
    let numbers = item_numbers(cols);
    let n = form.item_count() as u32;
    if let Some(extra) = numbers.iter().find(|i| **i > n) {
        let c = cols
            .iter()
            .find(|(_, k)| *k == Col::Item(*extra))
            .map(|x| x.0)
            .unwrap_or(0);
        report.fatal(
            Some(&g.name),
            Some(cell_ref(first_row.saturating_sub(1), c)),
            ProblemKind::ExtraItem { item: *extra },
            None,
        );
        return None;
    }
    let missing: Vec<u32> = (1..=n).filter(|i| !numbers.contains(i)).collect();
    if !missing.is_empty() {
        report.fatal(
            Some(&g.name),
            Some(format!("{first_row}")),
            ProblemKind::MissingItems { items: missing },
            None,
        );
        return None;
    }
    let area_src = area_source(g, cols);
    let header_row = match items {
        Items::Pairs(_) => first_row - 1,
        Items::Single(_) => first_row,
    };
    if refuse_unnamed_sheet(g, first_row, header_row, cols, &area_src, reg, report) {
        return Some(());
    }
    let (form_no_c, reason_c, other_c) = (col(Col::FormNo), col(Col::Reason), col(Col::Other));
    let marked_c = col(Col::MarkedInvalid);
    let (name_c, hid_c) = (col(Col::Name), col(Col::HouseholdId));
    let register_names: Vec<&str> = reg.areas.iter().map(|a| a.area.as_str()).collect();
    // Answer positions by item number.
    let mut by_item: Vec<(u32, usize)> = numbers.iter().enumerate().map(|(k, i)| (*i, k)).collect();
    by_item.sort();
    let mut area_cache: HashMap<String, usize> = HashMap::new();
    for r in first_row..g.end_row() {
        if g.row_is_empty(r) {
            continue;
        }
        report.rows_read += 1;
        // Areas repeat on every row: a name found once is found again without folding.
        let raw_area = match &area_src {
            AreaSource::Column(c) => Some(g.str_at(r, *c)),
            AreaSource::Fixed { .. } => None,
        };
        let cached = raw_area
            .as_ref()
            .and_then(|a| area_cache.get(a.as_ref()).copied());
        let idx = if let Some(idx) = cached {
            idx
        } else {
            let (written, area_cell) = match &area_src {
                AreaSource::Column(c) => (clean(&g.str_at(r, *c)), Some(cell_ref(r, *c))),
                AreaSource::Fixed { name, cell } => (name.clone(), cell.clone()),
            };
            if let AreaSource::Column(_) = area_src
                && is_total_label(&written)
            {
                report.push(
                    Severity::Warning,
                    Some(&g.name),
                    area_cell,
                    ProblemKind::TotalRow,
                    Some(written),
                );
                report.rejected += 1;
                continue;
            }
            if written.is_empty() {
                report.push(
                    Severity::Error,
                    Some(&g.name),
                    area_cell,
                    ProblemKind::MissingArea,
                    None,
                );
                report.rejected += 1;
                continue;
            }
            let Some(idx) = reg.find(&written) else {
                let suggestions = closest(&written, register_names.iter().copied(), 3)
                    .into_iter()
                    .map(str::to_string)
                    .collect();
                report.push(
                    Severity::Error,
                    Some(&g.name),
                    area_cell,
                    ProblemKind::UnknownArea { suggestions },
                    Some(written),
                );
                report.rejected += 1;
                continue;
            };
            if let Some(a) = &raw_area {
                area_cache.insert(a.to_string(), idx);
            }
            idx
        };
        let form_no = form_no_c.map(|c| g.text(r, c)).filter(|s| !s.is_empty());
        // A form number seen before in the area is judged once the answers are read.
        let earlier = form_no
            .as_ref()
            .and_then(|no| seen.form_no.get(&(idx, no.clone())).copied());
        // The same household twice: by its id, or by its head's name (compared, never kept).
        let hh_key = hid_c
            .or(name_c)
            .map(|c| (c, fold(&g.str_at(r, c))))
            .filter(|(_, k)| !k.is_empty());
        if let Some((c, key)) = &hh_key
            && let Some(first) = seen.household.get(&(idx, key.clone()))
        {
            let value = if Some(*c) == name_c {
                None
            } else {
                Some(g.text(r, *c))
            };
            report.push(
                Severity::Error,
                Some(&g.name),
                Some(cell_ref(r, *c)),
                ProblemKind::DuplicateHousehold { first_row: *first },
                value,
            );
            report.rejected += 1;
            continue;
        }
        if let Some(no) = &form_no
            && earlier.is_none()
        {
            seen.form_no.insert((idx, no.clone()), (r + 1, out.len()));
        }
        if let Some((_, key)) = hh_key {
            seen.household.insert((idx, key), r + 1);
        }
        let mut answers = Vec::with_capacity(n as usize);
        for (item, k) in &by_item {
            let a = match items {
                Items::Single(cs) => {
                    let text = g.str_at(r, cs[*k]);
                    header::answer(&text).unwrap_or_else(|| {
                        report.push(
                            Severity::Error,
                            Some(&g.name),
                            Some(cell_ref(r, cs[*k])),
                            ProblemKind::BadAnswer { item: *item },
                            Some(text.to_string()),
                        );
                        Answer::Invalid
                    })
                }
                Items::Pairs(ps) => {
                    let (sc, dc) = ps[*k];
                    let (st, dt) = (g.str_at(r, sc), g.str_at(r, dc));
                    match (marker(&st), marker(&dt)) {
                        (Some(true), Some(false)) => Answer::Satisfied,
                        (Some(false), Some(true)) => Answer::Dissatisfied,
                        (Some(false), Some(false)) => Answer::Blank,
                        (Some(true), Some(true)) => {
                            let kind = ProblemKind::BothMarked { item: *item };
                            report.push(
                                Severity::Error,
                                Some(&g.name),
                                Some(cell_ref(r, sc)),
                                kind,
                                Some(format!("{st} | {dt}")),
                            );
                            Answer::DoubleMarked
                        }
                        (s, _) => {
                            let (c, v) = if s.is_none() { (sc, st) } else { (dc, dt) };
                            report.push(
                                Severity::Error,
                                Some(&g.name),
                                Some(cell_ref(r, c)),
                                ProblemKind::BadAnswer { item: *item },
                                Some(v.to_string()),
                            );
                            Answer::Invalid
                        }
                    }
                }
            };
            answers.push(a);
        }
        let text_of = |c: Option<u32>| c.map(|c| clean(&g.str_at(r, c))).filter(|s| !s.is_empty());
        let (reason, other_opinion) = (text_of(reason_c), text_of(other_c));
        let marked_invalid = text_of(marked_c);
        if let (Some((first_row, k)), Some(c)) = (earlier, form_no_c) {
            // The same number twice: one form typed twice if every answer is the same (kept
            // once), else two households given one number (both counted). Either way, said.
            let before = &out[k];
            let same = before.answers == answers
                && before.reason == reason
                && before.other_opinion == other_opinion
                && before.marked_invalid == marked_invalid;
            let kind = if same {
                ProblemKind::DuplicateFormTyped { first_row }
            } else {
                ProblemKind::DuplicateFormNo { first_row }
            };
            report.push(
                Severity::Warning,
                Some(&g.name),
                Some(cell_ref(r, c)),
                kind,
                form_no.clone(),
            );
            if same {
                report.duplicates += 1;
                continue;
            }
        }
        out.push(Ballot {
            area: reg.areas[idx].area.clone(),
            form_no,
            answers,
            reason,
            other_opinion,
            marked_invalid,
            provenance: Provenance {
                sheet: g.name.clone(),
                row: r + 1,
            },
            submission: None,
        });
    }
    Some(())
}

#[allow(clippy::too_many_arguments)]
fn read_tallies(
    g: &Grid,
    first_row: u32,
    cols: &[(u32, Col)],
    items: &Items,
    form: &Form,
    reg: &Register,
    out: &mut Vec<TallyRow>,
    report: &mut FileReport,
) -> Option<()> {
    let col = |k: Col| col_of(cols, k);
    let numbers = item_numbers(cols);
    let n = form.item_count() as u32;
    let missing: Vec<u32> = (1..=n).filter(|i| !numbers.contains(i)).collect();
    let Items::Pairs(pairs) = items else {
        report.fatal(
            Some(&g.name),
            Some(format!("{first_row}")),
            ProblemKind::TallyNeedsPairs,
            None,
        );
        return None;
    };
    if !missing.is_empty() || numbers.iter().any(|i| *i > n) {
        report.fatal(
            Some(&g.name),
            Some(format!("{}", first_row - 1)),
            ProblemKind::MissingItems { items: missing },
            None,
        );
        return None;
    }
    let Some(returned_c) = col(Col::Returned) else {
        return Some(());
    };
    let area_src = area_source(g, cols);
    if refuse_unnamed_sheet(g, first_row, first_row - 1, cols, &area_src, reg, report) {
        return Some(());
    }
    let issued_c = col(Col::Issued);
    let other_c = col(Col::Other);
    let mut by_item: Vec<(u32, usize)> = numbers.iter().enumerate().map(|(k, i)| (*i, k)).collect();
    by_item.sort();
    let register_names: Vec<&str> = reg.areas.iter().map(|a| a.area.as_str()).collect();
    let mut seen: HashMap<usize, u32> = HashMap::new();
    'rows: for r in first_row..g.end_row() {
        if g.row_is_empty(r) {
            continue;
        }
        report.rows_read += 1;
        let (written, area_cell) = match &area_src {
            AreaSource::Column(c) => (clean(&g.str_at(r, *c)), Some(cell_ref(r, *c))),
            AreaSource::Fixed { name, cell } => (name.clone(), cell.clone()),
        };
        if is_total_label(&written) {
            report.push(
                Severity::Warning,
                Some(&g.name),
                area_cell,
                ProblemKind::TotalRow,
                Some(written),
            );
            report.rejected += 1;
            continue;
        }
        let reject =
            |report: &mut FileReport, cell: String, kind: ProblemKind, value: Option<String>| {
                report.push(Severity::Error, Some(&g.name), Some(cell), kind, value);
                report.rejected += 1;
            };
        let Some(idx) = reg.find(&written) else {
            let suggestions = closest(&written, register_names.iter().copied(), 3)
                .into_iter()
                .map(str::to_string)
                .collect();
            reject(
                report,
                area_cell.clone().unwrap_or_else(|| (r + 1).to_string()),
                ProblemKind::UnknownArea { suggestions },
                Some(written),
            );
            continue;
        };
        if let Some(first) = seen.get(&idx) {
            reject(
                report,
                area_cell.clone().unwrap_or_else(|| (r + 1).to_string()),
                ProblemKind::DuplicateArea { first_row: *first },
                Some(written),
            );
            continue;
        }
        let number =
            |c: u32| whole_number(g.get(r, c)).or_else(|| g.text(r, c).is_empty().then_some(0));
        let Some(returned) = number(returned_c) else {
            reject(
                report,
                cell_ref(r, returned_c),
                ProblemKind::BadCount,
                Some(g.text(r, returned_c)),
            );
            continue;
        };
        let issued = issued_c.and_then(|c| whole_number(g.get(r, c)));
        if let (Some(i), Some(c)) = (issued, issued_c)
            && returned > i
        {
            let kind = ProblemKind::MoreThanIssued {
                area: reg.areas[idx].area.clone(),
                ballots: returned,
                issued: i,
            };
            reject(report, cell_ref(r, c), kind, Some(i.to_string()));
            continue;
        }
        let households = reg.areas[idx].households;
        if returned > households {
            let kind = ProblemKind::TooManyBallots {
                area: reg.areas[idx].area.clone(),
                ballots: returned,
                households,
            };
            reject(
                report,
                cell_ref(r, returned_c),
                kind,
                Some(returned.to_string()),
            );
            continue;
        }
        let mut counts = Vec::with_capacity(n as usize);
        for (item, k) in &by_item {
            let (sc, dc) = pairs[*k];
            let (Some(s), Some(d)) = (number(sc), number(dc)) else {
                let c = if number(sc).is_none() { sc } else { dc };
                reject(
                    report,
                    cell_ref(r, c),
                    ProblemKind::BadCount,
                    Some(g.text(r, c)),
                );
                continue 'rows;
            };
            if s + d > returned {
                let kind = ProblemKind::TallyOverReturned {
                    item: *item,
                    satisfied: s,
                    dissatisfied: d,
                    returned,
                };
                reject(report, cell_ref(r, sc), kind, Some(format!("{s} + {d}")));
                continue 'rows;
            }
            counts.push(ItemTally {
                satisfied: s,
                dissatisfied: d,
            });
        }
        seen.insert(idx, r + 1);
        out.push(TallyRow {
            area: reg.areas[idx].area.clone(),
            returned,
            issued,
            items: counts,
            other_opinions: other_c.and_then(|c| whole_number(g.get(r, c))),
            provenance: Provenance {
                sheet: g.name.clone(),
                row: r + 1,
            },
        });
    }
    Some(())
}

/// Areas with more forms than households (or than forms issued) are rejected whole: which of
/// their rows are the wrong ones cannot be told from the sheet.
fn check_counts(reg: &Register, ballots: &mut Vec<Ballot>, report: &mut FileReport) {
    let mut per_area: BTreeMap<&str, u32> = BTreeMap::new();
    for b in ballots.iter() {
        *per_area.entry(b.area.as_str()).or_default() += 1;
    }
    let mut refused: Vec<String> = Vec::new();
    let mut rows: Vec<&(usize, String, u32, u32, Option<u32>)> = reg.index.values().collect();
    rows.sort_by_key(|x| (x.1.clone(), x.2));
    for (idx, sheet, row, hh_c, issued_c) in rows {
        let a = &reg.areas[*idx];
        let got = per_area.get(a.area.as_str()).copied().unwrap_or(0);
        let sheet = (!sheet.is_empty()).then_some(sheet.as_str());
        let cell = |c: u32| sheet.map(|_| cell_ref(*row, c));
        if got > a.households {
            let kind = ProblemKind::TooManyBallots {
                area: a.area.clone(),
                ballots: got,
                households: a.households,
            };
            report.push(
                Severity::Error,
                sheet,
                cell(*hh_c),
                kind,
                Some(a.households.to_string()),
            );
            refused.push(a.area.clone());
        } else if let Some(issued) = a.forms_issued
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
                issued_c.and_then(cell),
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
}
