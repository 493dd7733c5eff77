//! Layout detection: what each sheet is, told from the sheet itself.
//!
//! A sheet is a register (areas and households), a ballots sheet (one row per form; one column
//! per item, or two marker columns "Hài lòng | Không hài lòng" under a merged item header; with
//! an area column, or one sheet per area named by its title or sheet name), or an area tally
//! (one row per area with forms returned and per-item counts). Headers are found anywhere in the
//! first 20 rows, may span three rows, and are matched folded; a register with the forms below
//! it on one sheet is read as two tables. This module turns sheets into a [`SurveyBatch`] and
//! records every decision in the file's [`super::reading::Reading`]: each row under a header is
//! a form (read or rejected with its cell) or left out with its reason (totals, footer, repeated
//! header, numbering, blank), and each distinct answer value is read once, by vocabulary, yes/no
//! column or the file's legend, never guessed. A name never identifies a household. It never
//! touches the workspace.

use super::header::{self, Col, classify, is_total_label, marker, marker_label};
use super::problem::SheetSeen;
use super::reading::{AnswerValue, ColumnRole, ExcludedRow, RowWhy, SheetReading};
use super::sheet::{Grid, cell_ref, whole_number};
use super::{FileReport, ProblemKind, ReadOptions, Severity};
use crate::i18n::ProblemText;
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
        /// First row of the header band.
        top: u32,
    },
    Tally {
        first_row: u32,
        cols: Vec<(u32, Col)>,
        items: Items,
        /// First row of the header band.
        top: u32,
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

/// Like [`labelled`], and when the first rows have no such label, anywhere in the sheet (a
/// CSV holding a register and then the forms has the forms' "Xã:" line below the register).
/// Only a label with its value in the same cell ("Xã: Chiềng Mung") is looked for there.
pub fn labelled_anywhere(grid: &Grid, labels: &[&str]) -> Option<(String, String)> {
    if let Some(found) = labelled(grid, labels) {
        return Some(found);
    }
    let wanted: Vec<String> = labels
        .iter()
        .map(|l| fold(l.trim_end_matches(':')))
        .collect();
    let text = grid.strings().find(|t| {
        t.len() < 200
            && t.split_once(':').is_some_and(|(head, value)| {
                !value.trim().is_empty() && wanted.contains(&fold(head))
            })
    })?;
    for r in 0..grid.end_row() {
        for c in grid.c0_col()..grid.end_col() {
            if let calamine::Data::String(t) = grid.get(r, c)
                && t.as_str() == text
            {
                let value = t.split_once(':').map(|x| x.1.trim()).unwrap_or_default();
                return Some((cell_ref(r, c), value.to_string()));
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
    // The overall question, the form's last item, named by what it asks rather than its
    // number ("Đánh giá chung", "Hài lòng chung", "Mức độ hài lòng chung").
    let g = f.trim_end_matches([':', '.']).trim();
    if g == "chung"
        || [
            "danh gia chung",
            "hai long chung",
            "muc do hai long chung",
            "cau hoi chung",
            "cau chung",
            "danh gia tong the",
            "hai long tong the",
        ]
        .iter()
        .any(|w| g.starts_with(w))
    {
        return Some(Col::Item(statements.len() as u32));
    }
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
    let first = grid.r0_row();
    for r in first..grid.end_row().min(first + HEADER_SEARCH_ROWS) {
        let mut cols = row_cols(grid, r, statements);
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
        // A header over several rows: "STT", "Bản", "Ý kiến khác" may stand a row or two above
        // the item numbers (under a group heading, or merged down). A column with no role in
        // the item row takes the role its cell above names.
        let mut top = r;
        for above in (r.saturating_sub(2)..r).rev() {
            // A row above whose cell a merged header cell fills ("STT" merged down) is part
            // of the header band too.
            if (0..grid.end_col()).any(|c| {
                let i = grid.index(above, c);
                i != 0 && i == grid.index(top, c)
            }) {
                top = above;
            }
            for c in 0..grid.end_col() {
                if cols.iter().any(|(cc, _)| *cc == c) {
                    continue;
                }
                if let Some(k) = classify_with(&grid.text(above, c), statements)
                    && !matches!(k, Col::Item(_))
                    && !cols.iter().any(|(_, kk)| *kk == k)
                {
                    cols.push((c, k));
                    top = above;
                }
            }
        }
        return Some(if tally {
            Role::Tally {
                first_row,
                cols,
                items,
                top,
            }
        } else {
            Role::Ballots {
                first_row,
                cols,
                items,
                top,
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
    use super::reading::Origin;
    let found = grids
        .iter()
        .find_map(|g| labelled(g, COMMUNE_LABELS).map(|(c, v)| (g.name.clone(), c, v)))
        .or_else(|| {
            grids.iter().find_map(|g| {
                labelled_anywhere(g, COMMUNE_LABELS).map(|(c, v)| (g.name.clone(), c, v))
            })
        });
    let (sheet, cell, written) = match (opts.commune, found) {
        (Some(c), _) => {
            report.reading.commune_from = Some(Origin {
                how: "flag",
                place: None,
                written: c.to_string(),
            });
            (None, None, c.to_string())
        }
        (None, Some((s, c, v))) => {
            report.reading.commune_from = Some(Origin {
                how: "cell",
                place: Some(format!("{s} › {c}")),
                written: v.clone(),
            });
            (Some(s), Some(c), v)
        }
        (None, None) if let Some((sheet, cell, title, name)) = commune_in_titles(grids, opts) => {
            report.reading.commune_from = Some(Origin {
                how: "title",
                place: Some(format!("{sheet} › {cell}")),
                written: title,
            });
            (Some(sheet), Some(cell), name)
        }
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
            report.reading.commune_from = Some(Origin {
                how: "sheet_name",
                place: None,
                written: g.name.clone(),
            });
            (Some(g.name.clone()), None, g.name.clone())
        }
        (None, None) => {
            // Last resort: the file name ("chieng-mung.xlsx", "Xa Muong Lan_2025.xls").
            let stem = std::path::Path::new(&report.file)
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default();
            match commune_in_name(&stem, opts.gazetteer) {
                Ok(name) => {
                    report.reading.commune_from = Some(Origin {
                        how: "file_name",
                        place: None,
                        written: stem.clone(),
                    });
                    (None, None, name)
                }
                Err(candidates) if candidates.is_empty() => {
                    report.fatal(None, None, ProblemKind::NoCommune, None);
                    return None;
                }
                Err(candidates) => {
                    let kind = ProblemKind::CommuneNameAmbiguous { candidates };
                    report.fatal(None, None, kind, Some(stem));
                    return None;
                }
            }
        }
    };
    // "Chiềng Mung, huyện Mai Sơn", "Chiềng Mung (Mai Sơn)", "Chiềng Mung - Mai Sơn": the
    // commune is the first part when the whole is no name (the district is gone since 2025).
    let resolved = opts.gazetteer.resolve(&written).or_else(|e| {
        let head = written
            .split([',', '(', ';'])
            .next()
            .unwrap_or("")
            .split(" - ")
            .next()
            .unwrap_or("")
            .trim();
        if head.is_empty() || head == written.trim() {
            Err(e)
        } else {
            opts.gazetteer.resolve(head).map_err(|_| e)
        }
    });
    match resolved {
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

/// The commune a title line names after the word "xã" ("BIỂU TỔNG HỢP … - XÃ MƯỜNG LẠN",
/// "ỦY BAN MTTQ VIỆT NAM XÃ CHIỀNG MUNG"), in the first rows of any sheet: (sheet, cell,
/// title, commune) when the titles name exactly one commune.
fn commune_in_titles(
    grids: &[Grid],
    opts: ReadOptions,
) -> Option<(String, String, String, String)> {
    let mut found: Vec<(String, String, String, String)> = Vec::new();
    for g in grids {
        let first = g.r0_row();
        for r in first..g.end_row().min(first + HEADER_SEARCH_ROWS) {
            for c in g.c0_col()..g.end_col() {
                let calamine::Data::String(t) = g.get(r, c) else {
                    continue;
                };
                if t.len() > 300 || t.contains(':') {
                    continue;
                }
                let words = name_words(t, true);
                let Some(at) = words.iter().rposition(|w| w == "xã" || w == "xa") else {
                    continue;
                };
                // "thị xã …" is a town, "toàn xã" a total: not a commune's name.
                if at > 0 && matches!(words[at - 1].as_str(), "thị" | "thi" | "toàn" | "toan") {
                    continue;
                }
                let rest = words[at + 1..].join(" ");
                if rest.is_empty() {
                    continue;
                }
                if let Ok(name) = commune_in_name(&rest, opts.gazetteer)
                    && !found.iter().any(|f| f.3 == name)
                {
                    found.push((g.name.clone(), cell_ref(r, c), t.clone(), name));
                }
            }
        }
    }
    (found.len() == 1).then(|| found.remove(0))
}

/// Words of a name, lower case: with their diacritics (`exact`) or folded.
fn name_words(s: &str, exact: bool) -> Vec<String> {
    let t = if exact {
        crate::text::clean(s).to_lowercase()
    } else {
        fold(s)
    };
    t.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `needle` occurs in `hay` as whole consecutive words.
fn has_words(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// The commune a file or sheet name names, by whole words against the gazetteer (new units
/// first, then the old ones they were formed from): "Xa Muong Lan" is Mường Lạn, never
/// Mường La. With diacritics the name decides between units that fold alike; when it cannot,
/// the candidates are returned (empty: none).
pub(super) fn commune_in_name(
    name: &str,
    gaz: &crate::rules::gazetteer::Gazetteer,
) -> Result<String, Vec<String>> {
    let strip = |n: &str| -> String {
        let f = fold(n);
        for p in ["xa ", "phuong ", "thi tran ", "thi xa ", "huyen "] {
            if f.starts_with(p) {
                return n.trim().chars().skip(p.chars().count()).collect();
            }
        }
        n.trim().to_string()
    };
    let (exact, folded) = (name_words(name, true), name_words(name, false));
    let pick = |names: Vec<(String, String)>| -> Result<String, Vec<String>> {
        // (unit written, what to resolve)
        let hits: Vec<&(String, String)> = names
            .iter()
            .filter(|(n, _)| has_words(&folded, &name_words(&strip(n), false)))
            .collect();
        // A hit inside a longer hit's words ("Chiềng" inside "Chiềng Mung") is not a hit.
        let longest = hits
            .iter()
            .map(|(n, _)| name_words(&strip(n), false).len())
            .max()
            .unwrap_or(0);
        let hits: Vec<&&(String, String)> = hits
            .iter()
            .filter(|(n, _)| name_words(&strip(n), false).len() == longest)
            .collect();
        let mut targets: Vec<&str> = hits.iter().map(|h| h.1.as_str()).collect();
        targets.sort();
        targets.dedup();
        if targets.len() == 1 {
            return Ok(hits[0].1.clone());
        }
        let exact_hits: Vec<&&&(String, String)> = hits
            .iter()
            .filter(|(n, _)| has_words(&exact, &name_words(&strip(n), true)))
            .collect();
        let mut et: Vec<&str> = exact_hits.iter().map(|h| h.1.as_str()).collect();
        et.sort();
        et.dedup();
        if et.len() == 1 {
            return Ok(exact_hits[0].1.clone());
        }
        Err(hits.iter().map(|h| h.0.clone()).collect())
    };
    let new: Vec<(String, String)> = gaz
        .units()
        .iter()
        .map(|u| (u.name.clone(), u.name.clone()))
        .collect();
    match pick(new) {
        Ok(n) => return Ok(n),
        Err(c) if !c.is_empty() => return Err(c),
        Err(_) => {}
    }
    let old: Vec<(String, String)> = gaz
        .units()
        .iter()
        .flat_map(|u| u.formed_from.iter().map(|o| (o.clone(), o.clone())))
        .collect();
    pick(old)
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
        report.reading.form_from = Some(super::reading::Origin {
            how: if sheet.is_some() { "cell" } else { "flag" },
            place: sheet
                .clone()
                .zip(cell.clone())
                .map(|(s, c)| format!("{s} › {c}")),
            written: w.clone(),
        });
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
    if let Some(f) = fits.first() {
        report.reading.form_from = Some(super::reading::Origin {
            how: "headers",
            place: None,
            written: f.id().to_string(),
        });
    }
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
    // With the abbreviations people type: "B. Co Muông", "Th. Đoàn Kết", "TK 2", "TDP 3".
    for p in [
        "ban ",
        "thon ",
        "tieu khu ",
        "to dan pho ",
        "khu ",
        "xom ",
        "ap ",
        "to ",
        "b. ",
        "b.",
        "th. ",
        "tk. ",
        "tk ",
        "tdp ",
        "kdc ",
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
    if hits.len() == 1 {
        return Some(hits[0]);
    }
    let key = unpadded(key);
    let hits: Vec<usize> = names
        .iter()
        .enumerate()
        .filter(|(_, n)| unpadded(strip_area_prefix(&fold_place(n))) == key)
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
        if hits.len() == 1 {
            return Some(hits[0]);
        }
        // Numbers written with leading zeros ("Tổ 01" for "Tổ 1").
        let key = unpadded(key);
        let hits: Vec<usize> = self
            .index
            .iter()
            .filter(|(k, _)| unpadded(strip_area_prefix(k)) == key)
            .map(|(_, x)| x.0)
            .collect();
        (hits.len() == 1).then(|| hits[0])
    }
}

/// A folded name whose numbers lose their leading zeros: "to 01" → "to 1".
fn unpadded(folded: &str) -> String {
    folded
        .split(' ')
        .map(|w| {
            if w.len() > 1 && w.chars().all(|c| c.is_ascii_digit()) {
                let t = w.trim_start_matches('0');
                if t.is_empty() { "0" } else { t }
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of a row for the reading.
fn row_text(grid: &Grid, r: u32) -> String {
    super::reading::row_text((grid.c0_col()..grid.end_col()).map(|c| grid.text(r, c)))
}

/// Which way a row that is not a form ends the table, if it does: a date line, a signature or
/// notes anywhere in the row.
fn footer_of(grid: &Grid, r: u32) -> Option<RowWhy> {
    (grid.c0_col()..grid.end_col()).find_map(|c| match grid.get(r, c) {
        calamine::Data::String(t) => header::footer_kind(t),
        _ => None,
    })
}

/// A register table as analysed: its sheet, its header row and its columns.
#[derive(Clone, Copy)]
struct RegisterTable<'a> {
    g: &'a Grid,
    header: u32,
    area: u32,
    households: u32,
    issued: Option<u32>,
}

/// Households and forms issued of the areas above (all, and since the last totals row: a
/// subtotal), for a totals row to be checked against.
#[derive(Default)]
struct RegisterSums {
    sum: u64,
    sum_issued: u64,
    areas_here: u32,
    since: u64,
    since_issued: u64,
}

/// Reads the areas of a register table into `reg`, leaving out totals, footers and blank rows.
fn read_register(
    t: &RegisterTable,
    reg: &mut Register,
    report: &mut FileReport,
    mut sr: Option<&mut SheetReading>,
) {
    let (grid, area_c, hh_c) = (t.g, t.area, t.households);
    let exclude = |sr: &mut Option<&mut SheetReading>, r: u32, why: RowWhy| {
        if let Some(sr) = sr.as_deref_mut() {
            sr.excluded.push(ExcludedRow {
                row: r + 1,
                why,
                text: row_text(grid, r),
            });
        }
    };
    let mut sums = RegisterSums::default();
    let mut ended = false;
    for r in t.header + 1..grid.end_row() {
        if grid.row_is_empty(r) {
            continue;
        }
        let name = clean(&grid.text(r, area_c));
        let households = whole_number(grid.get(r, hh_c));
        // A totals row ("Cộng", "Tổng cộng", "Cộng toàn xã"), by its label in the area cell or
        // any cell before the counts: never an area; its figures must be the sum of the rows.
        if (0..=area_c.max(hh_c)).any(|c| is_total_label(&grid.text(r, c))) {
            if sums.areas_here > 0 {
                check_register_totals(t, r, households, &sums, report);
            }
            (sums.since, sums.since_issued) = (0, 0);
            exclude(&mut sr, r, RowWhy::Totals);
            continue;
        }
        if households.is_none() {
            if let Some(why) = footer_of(grid, r) {
                ended = true;
                exclude(&mut sr, r, why);
                continue;
            }
            if ended {
                exclude(&mut sr, r, RowWhy::AfterTable);
                continue;
            }
        }
        if name.is_empty() {
            if let Some(why) = unnamed_register_row(t, r, households, &sums, report) {
                exclude(&mut sr, r, why);
            }
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
        let Some((households, forms_issued)) = register_counts(t, r, households, report) else {
            continue;
        };
        sums.sum += households as u64;
        sums.sum_issued += forms_issued.unwrap_or(0) as u64;
        sums.since += households as u64;
        sums.since_issued += forms_issued.unwrap_or(0) as u64;
        sums.areas_here += 1;
        if let Some(sr) = sr.as_deref_mut() {
            sr.data_rows += 1;
        }
        reg.index
            .insert(key, (reg.areas.len(), grid.name.clone(), r, hh_c, t.issued));
        reg.areas.push(RegisterArea {
            area: name,
            households,
            forms_issued,
        });
    }
}

/// A register's totals row must add up the areas above it (all, or since the last subtotal):
/// its households and forms issued are checked, each mismatch said.
fn check_register_totals(
    t: &RegisterTable,
    r: u32,
    households: Option<u32>,
    sums: &RegisterSums,
    report: &mut FileReport,
) {
    let (grid, hh_c, issued_c) = (t.g, t.households, t.issued);
    let checks = [
        (
            households,
            sums.sum,
            sums.since,
            ProblemText::TotalHouseholds,
            hh_c,
        ),
        (
            issued_c.and_then(|c| whole_number(grid.get(r, c))),
            sums.sum_issued,
            sums.since_issued,
            ProblemText::TotalIssued,
            issued_c.unwrap_or(hh_c),
        ),
    ];
    for (written, computed, subtotal, what, c) in checks {
        if let Some(n) = written
            && n as u64 != computed
            && n as u64 != subtotal
        {
            let kind = ProblemKind::totals_mismatch(what, n as u64, computed);
            report.push(
                Severity::Error,
                Some(&grid.name),
                Some(cell_ref(r, c)),
                kind,
                Some(n.to_string()),
            );
        }
    }
}

/// A register row without an area name is a totals row without its label (the sum of the
/// areas above), a blank row, or an area whose name is missing (said): why it is left out.
fn unnamed_register_row(
    t: &RegisterTable,
    r: u32,
    households: Option<u32>,
    sums: &RegisterSums,
    report: &mut FileReport,
) -> Option<RowWhy> {
    // No name and the sum of the areas above: a totals row without its label.
    if let Some(n) = households
        && sums.areas_here >= 2
        && n as u64 == sums.sum
    {
        Some(RowWhy::TotalsByArithmetic)
    } else if households.is_none() {
        Some(RowWhy::Blank)
    } else {
        report.push(
            Severity::Error,
            Some(&t.g.name),
            Some(cell_ref(r, t.area)),
            ProblemKind::MissingArea,
            None,
        );
        None
    }
}

/// A register row's households and forms issued, or `None` when either is not a count (said).
fn register_counts(
    t: &RegisterTable,
    r: u32,
    households: Option<u32>,
    report: &mut FileReport,
) -> Option<(u32, Option<u32>)> {
    let grid = t.g;
    let Some(households) = households else {
        report.push(
            Severity::Error,
            Some(&grid.name),
            Some(cell_ref(r, t.households)),
            ProblemKind::BadCount,
            Some(grid.text(r, t.households)),
        );
        return None;
    };
    let forms_issued = match t.issued {
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
                return None;
            }
        },
        _ => None,
    };
    Some((households, forms_issued))
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

/// Whether two sheets hold the same cells, as text, at the same places.
fn same_cells(a: &Grid, b: &Grid) -> bool {
    (a.r0_row(), a.end_row(), a.c0_col(), a.end_col())
        == (b.r0_row(), b.end_row(), b.c0_col(), b.end_col())
        && (a.r0_row()..a.end_row())
            .all(|r| (a.c0_col()..a.end_col()).all(|c| a.str_at(r, c) == b.str_at(r, c)))
}

/// Where a table of forms or tallies starts below a register on the same sheet: the top of
/// its header band (the item row, and up to two rows above it naming other columns).
fn stacked_table(g: &Grid, from: u32, form: &Form, statements: &[String]) -> Option<u32> {
    let half = form.item_count().div_ceil(2);
    for r in from..g.end_row() {
        // Cheap first: a header row has at least as many cells as half the items.
        let filled = (g.c0_col()..g.end_col())
            .filter(|c| !matches!(g.get(r, *c), calamine::Data::Empty))
            .count();
        if filled < half {
            continue;
        }
        if item_numbers(&row_cols(g, r, statements)).len() < half {
            continue;
        }
        let mut top = r;
        for above in (from.max(r.saturating_sub(2))..r).rev() {
            let named = row_cols(g, above, statements)
                .iter()
                .filter(|(_, k)| !matches!(k, Col::Item(_)))
                .count();
            if named >= 2 {
                top = above;
            } else {
                break;
            }
        }
        return Some(top);
    }
    None
}

/// The reading's columns of a sheet.
fn column_roles(
    g: &Grid,
    header: u32,
    cols: &[(u32, Col)],
    items: Option<&Items>,
) -> Vec<ColumnRole> {
    let mut out: Vec<ColumnRole> = Vec::new();
    let numbers = item_numbers(cols);
    for (c, k) in cols {
        let role = match k {
            Col::Area => "area",
            Col::FormNo => "form_no",
            Col::Item(_) => {
                if matches!(items, Some(Items::Pairs(_))) {
                    continue;
                }
                "item"
            }
            Col::Reason => "reason",
            Col::Other => "other_opinion",
            Col::Households => "households",
            Col::Issued => "issued",
            Col::Returned => "returned",
            Col::HouseholdId => "household_id",
            Col::Stt => "stt",
            Col::Name => "name",
            Col::MarkedInvalid => "marked_invalid",
        };
        let header_text = (header.saturating_sub(2)..=header)
            .rev()
            .map(|r| g.text(r, *c))
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        out.push(ColumnRole {
            column: col_letter(*c),
            header: header_text,
            role,
            item: if let Col::Item(i) = k { Some(*i) } else { None },
        });
    }
    if let Some(Items::Pairs(ps)) = items {
        for (k, (sc, dc)) in ps.iter().enumerate() {
            let item = numbers.get(k).copied();
            for (c, role) in [(*sc, "satisfied_mark"), (*dc, "dissatisfied_mark")] {
                out.push(ColumnRole {
                    column: col_letter(c),
                    header: g.text(header + 1, c),
                    role,
                    item,
                });
            }
        }
    }
    out.sort_by_key(|c| (c.column.len(), c.column.clone()));
    out
}

/// `C` for column 2.
fn col_letter(c: u32) -> String {
    let r = cell_ref(0, c);
    r.trim_end_matches('1').to_string()
}

/// Codes a legend defines, each with how it is read.
type Codes = Vec<(String, Answer)>;

/// The first legend of answer codes in a sheet: its cell, its text, its codes.
fn legend_in(g: &Grid) -> Option<(String, String, Codes)> {
    let text = g.strings().find_map(|t| {
        // Most texts are answers, names or opinions: a legend has a code and is short.
        if t.len() > 300 || !t.bytes().any(|b| b.is_ascii_digit() || b"(:=".contains(&b)) {
            return None;
        }
        let l = header::parse_legend(t)?;
        Some((t.to_string(), l))
    })?;
    for r in 0..g.end_row() {
        for c in g.c0_col()..g.end_col() {
            if let calamine::Data::String(t) = g.get(r, c)
                && *t == text.0
            {
                return Some((cell_ref(r, c), text.0, text.1));
            }
        }
    }
    None
}

/// Reads every sheet of a workbook into a batch.
pub fn read(grids: &[Grid], report: &mut FileReport, opts: ReadOptions) -> Option<SurveyBatch> {
    let commune = resolve_commune(grids, report, opts)?;
    report.commune = Some(commune.clone());
    let form = resolve_form(grids, report, opts)?;
    report.form = Some(form.id().to_string());
    let statements = folded_statements(form);
    let mut parts: Vec<Grid> = Vec::new();
    let mut sheets = Sheets::analyse(grids, &mut parts, form, &statements);
    let copies = sheets.leave_out_copies();
    // Each sheet's reading, in workbook order after the sheets skipped while loading.
    sheets.first_reading = report.reading.sheets.len();
    sheets.record(&copies, report);
    let legends = sheets.legends(report);
    let (mut reg, kinds) = sheets.read_registers(report);
    sheets.refuse_without_table(&reg, form, &statements, report)?;
    if reg.areas.is_empty() {
        workspace_register(&mut reg, &commune, opts, report)?;
    }
    report.layout.parts = Some(kinds.into_iter().collect());
    report.register_areas = reg.areas.len() as u32;
    let (mut ballots, tallies) = sheets.read_tables(&legends, form, &reg, report)?;
    refuse_tally_and_ballots(&ballots, &tallies, report)?;
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
        review: Vec::new(),
    })
}

/// The workbook's sheets as analysed, each with its role: a sheet holding a register with the
/// forms below it (a CSV has one sheet) stands as its two tables, each read as a sheet of its
/// own.
struct Sheets<'g> {
    grids: Vec<&'g Grid>,
    roles: Vec<Option<Role>>,
    /// Where the sheets' readings start in the report's.
    first_reading: usize,
}

impl<'g> Sheets<'g> {
    /// Each sheet analysed once; a sheet split in two has its two parts, kept in `parts`,
    /// analysed instead.
    fn analyse(
        grids: &'g [Grid],
        parts: &'g mut Vec<Grid>,
        form: &Form,
        statements: &[String],
    ) -> Sheets<'g> {
        let mut analysed: Vec<Option<Role>> = Vec::new();
        let mut split_at: Vec<Option<u32>> = Vec::new();
        for g in grids {
            let role = analyze(g, form, statements);
            let at = match &role {
                Some(Role::Register { header, .. }) => {
                    stacked_table(g, header + 1, form, statements)
                }
                _ => None,
            };
            if let Some(at) = at {
                parts.push(g.rows_part(0, at));
                parts.push(g.rows_part(at, g.end_row()));
            }
            analysed.push(role);
            split_at.push(at);
        }
        let parts: &'g Vec<Grid> = parts;
        let mut owned = parts.iter();
        let mut sheets: Vec<&Grid> = Vec::new();
        let mut roles: Vec<Option<Role>> = Vec::new();
        for ((g, at), role) in grids.iter().zip(&split_at).zip(analysed) {
            if at.is_some()
                && let (Some(a), Some(b)) = (owned.next(), owned.next())
            {
                roles.push(analyze(a, form, statements));
                roles.push(analyze(b, form, statements));
                sheets.extend([a, b]);
            } else {
                roles.push(role);
                sheets.push(g);
            }
        }
        Sheets {
            grids: sheets,
            roles,
            first_reading: 0,
        }
    }

    /// A sheet of forms that repeats another cell for cell ("Phiếu (2)", a copy kept before an
    /// edit) is the same forms twice: read once, and the copy said. Per sheet, the sheet it
    /// copies; a copy loses its role.
    fn leave_out_copies(&mut self) -> Vec<Option<String>> {
        let (grids, roles) = (&self.grids, &mut self.roles);
        let mut copies: Vec<Option<String>> = vec![None; grids.len()];
        for k in 0..grids.len() {
            if !matches!(
                roles[k],
                Some(Role::Ballots { .. }) | Some(Role::Tally { .. })
            ) {
                continue;
            }
            if let Some(j) = (0..k).find(|j| {
                matches!(
                    roles[*j],
                    Some(Role::Ballots { .. }) | Some(Role::Tally { .. })
                ) && same_cells(grids[*j], grids[k])
            }) {
                copies[k] = Some(grids[j].name.clone());
                roles[k] = None;
            }
        }
        copies
    }

    /// Records each sheet's reading: whether it was read, what it holds and where.
    fn record(&self, copies: &[Option<String>], report: &mut FileReport) {
        for (k, (g, role)) in self.grids.iter().zip(&self.roles).enumerate() {
            let status = match (role, &copies[k]) {
                (_, Some(_)) => "copy",
                (Some(_), None) => "read",
                (None, None) => "no_table",
            };
            let mut sr = SheetReading::new(&g.name, status);
            sr.copy_of = copies[k].clone();
            sr.filtered = g.filtered;
            sr.merged_cells_filled = g.merged_filled;
            if let Some(role) = role {
                record_role(&mut sr, g, role);
            }
            report.reading.sheets.push(sr);
        }
    }

    /// Legends of answer codes: each sheet's own, recorded in the reading.
    fn legends(&self, report: &mut FileReport) -> Vec<Option<Codes>> {
        self.grids
            .iter()
            .map(|g| {
                let (cell, text, codes) = legend_in(g)?;
                report.reading.legends.push(super::reading::Legend {
                    place: format!("{} › {cell}", g.name),
                    text,
                    codes: codes
                        .iter()
                        .map(|(c, a)| (c.clone(), answer_word(*a)))
                        .collect(),
                });
                Some(codes)
            })
            .collect()
    }

    /// The reading of sheet `k`, to be read into and put back with [`Sheets::put_reading`].
    fn take_reading(&self, k: usize, report: &FileReport) -> SheetReading {
        report
            .reading
            .sheets
            .get(self.first_reading + k)
            .cloned()
            .unwrap_or_else(|| SheetReading::new(&self.grids[k].name, "read"))
    }

    /// Puts back the reading of sheet `k` taken with [`Sheets::take_reading`].
    fn put_reading(&self, k: usize, sr: SheetReading, report: &mut FileReport) {
        if let Some(slot) = report.reading.sheets.get_mut(self.first_reading + k) {
            *slot = sr;
        }
    }

    /// The register the workbook holds (register sheets, a tally's households, a per-area
    /// sheet's households in its title rows), with the kinds of tables it holds.
    fn read_registers(&self, report: &mut FileReport) -> (Register, BTreeSet<super::LayoutPart>) {
        let mut reg = Register {
            areas: Vec::new(),
            index: HashMap::new(),
            from_workspace: false,
        };
        let mut kinds = BTreeSet::new();
        for (k, (g, role)) in self.grids.iter().zip(&self.roles).enumerate() {
            let mut sr = self.take_reading(k, report);
            match role {
                Some(Role::Register {
                    header,
                    area,
                    households,
                    issued,
                }) => {
                    kinds.insert(super::LayoutPart::Register);
                    let t = RegisterTable {
                        g,
                        header: *header,
                        area: *area,
                        households: *households,
                        issued: *issued,
                    };
                    read_register(&t, &mut reg, report, Some(&mut sr));
                }
                Some(Role::Tally {
                    first_row, cols, ..
                }) => {
                    kinds.insert(super::LayoutPart::Tally);
                    let col = |k: Col| col_of(cols, k);
                    if let (Some(a), Some(h)) = (col(Col::Area), col(Col::Households)) {
                        let t = RegisterTable {
                            g,
                            header: first_row - 1,
                            area: a,
                            households: h,
                            issued: col(Col::Issued),
                        };
                        read_register(&t, &mut reg, report, None);
                    }
                }
                Some(Role::Ballots { cols, .. }) => {
                    kinds.insert(if cols.iter().any(|(_, k)| *k == Col::Area) {
                        super::LayoutPart::Ballots
                    } else {
                        super::LayoutPart::BallotsPerArea
                    });
                    households_in_title(g, cols, &mut reg, report);
                }
                None => {}
            }
            self.put_reading(k, sr, report);
        }
        (reg, kinds)
    }

    /// A register alone (the areas and households, imported before the forms) is stored as
    /// such, but only when no other sheet holds anything: a sheet of forms or a summary whose
    /// header was not recognised would otherwise silently go missing (a blind try's summary by
    /// item, items as rows, was stored as a register with no forms). Said either way; `None`
    /// refuses the file.
    fn refuse_without_table(
        &self,
        reg: &Register,
        form: &Form,
        statements: &[String],
        report: &mut FileReport,
    ) -> Option<()> {
        let (grids, roles) = (&self.grids, &self.roles);
        let no_table = roles
            .iter()
            .all(|r| !matches!(r, Some(Role::Ballots { .. }) | Some(Role::Tally { .. })));
        let register_only = no_table
            && !reg.areas.is_empty()
            && grids.iter().zip(roles).all(|(g, role)| {
                matches!(role, Some(Role::Register { .. }))
                    || (g.r0_row()..g.end_row()).all(|r| g.row_is_empty(r))
            });
        if register_only {
            report.push(
                Severity::Warning,
                None,
                None,
                ProblemKind::RegisterOnly {
                    areas: reg.areas.len() as u32,
                },
                None,
            );
        }
        if no_table && !register_only {
            report.fatal(
                None,
                None,
                ProblemKind::NoItemHeader {
                    items: form.item_count() as u32,
                    sheets: self.what_sheets_show(form, statements),
                },
                None,
            );
            return None;
        }
        Some(())
    }

    /// Say what each sheet showed, so that a header the reader did not take is visible.
    fn what_sheets_show(&self, form: &Form, statements: &[String]) -> Vec<SheetSeen> {
        self.grids
            .iter()
            .zip(&self.roles)
            .map(|(g, role)| match role {
                Some(Role::Register { header, .. }) => SheetSeen::Register {
                    sheet: g.name.clone(),
                    row: *header + 1,
                },
                _ => {
                    let best = (0..g.end_row().min(HEADER_SEARCH_ROWS))
                        .map(|r| (r, item_numbers(&row_cols(g, r, statements)).len()))
                        .max_by_key(|(r, n)| (*n, std::cmp::Reverse(*r)));
                    match best {
                        Some((r, n)) if n > 0 => SheetSeen::Items {
                            sheet: g.name.clone(),
                            row: r + 1,
                            found: n as u32,
                            items: form.item_count() as u32,
                        },
                        _ => SheetSeen::NoItems {
                            sheet: g.name.clone(),
                        },
                    }
                }
            })
            .collect()
    }

    /// Reads the forms and tallies of every sheet, each with its legend (its own, else the
    /// workbook's first); `None` when a sheet refuses the file.
    fn read_tables(
        &self,
        legends: &[Option<Codes>],
        form: &Form,
        reg: &Register,
        report: &mut FileReport,
    ) -> Option<(Vec<Ballot>, Vec<TallyRow>)> {
        let workbook_legend = legends.iter().flatten().next().cloned();
        let mut ballots = Vec::new();
        let mut tallies = Vec::new();
        let mut seen: Seen = Seen::default();
        for (k, (g, role)) in self.grids.iter().zip(&self.roles).enumerate() {
            let mut sr = self.take_reading(k, report);
            let legend = legends[k].as_ref().or(workbook_legend.as_ref());
            let done = match role {
                Some(Role::Ballots {
                    first_row,
                    cols,
                    items,
                    ..
                }) => read_ballots(
                    &Table {
                        g,
                        first_row: *first_row,
                        cols,
                        items,
                        legend: legend.map(Vec::as_slice),
                    },
                    form,
                    reg,
                    &mut seen,
                    &mut ballots,
                    report,
                    &mut sr,
                ),
                Some(Role::Tally {
                    first_row,
                    cols,
                    items,
                    ..
                }) => read_tallies(
                    &Table {
                        g,
                        first_row: *first_row,
                        cols,
                        items,
                        legend: None,
                    },
                    form,
                    reg,
                    &mut tallies,
                    report,
                    &mut sr,
                ),
                _ => Some(()),
            };
            self.put_reading(k, sr, report);
            done?;
        }
        Some((ballots, tallies))
    }
}

/// Records in a sheet's reading what its role makes of it: its kind, header rows, first data
/// row and columns.
fn record_role(sr: &mut SheetReading, g: &Grid, role: &Role) {
    match role {
        Role::Register {
            header,
            area,
            households,
            issued,
        } => {
            sr.role = Some("register");
            sr.header_rows = Some((header + 1, header + 1));
            sr.first_data_row = Some(header + 2);
            let mut cols = vec![(*area, Col::Area), (*households, Col::Households)];
            if let Some(i) = issued {
                cols.push((*i, Col::Issued));
            }
            sr.columns = column_roles(g, *header, &cols, None);
        }
        Role::Ballots {
            first_row,
            cols,
            items,
            top,
        }
        | Role::Tally {
            first_row,
            cols,
            items,
            top,
        } => {
            sr.role = Some(if matches!(role, Role::Tally { .. }) {
                "tally"
            } else {
                "ballots"
            });
            sr.header_rows = Some((top + 1, *first_row));
            sr.first_data_row = Some(first_row + 1);
            let header = match items {
                Items::Pairs(_) => first_row - 2,
                Items::Single(_) => first_row - 1,
            };
            sr.columns = column_roles(g, header, cols, Some(items));
        }
    }
}

/// A per-area sheet may say its households in its title rows ("Số hộ: 120"): an area of the
/// register when the register has no such area. A sheet name is taken as an area's only if
/// it reads as one ("Bản Nà Sản").
fn households_in_title(g: &Grid, cols: &[(u32, Col)], reg: &mut Register, report: &mut FileReport) {
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

/// A file without a register reads its forms against the workspace's register of the
/// commune; without one either, it is refused (said).
fn workspace_register(
    reg: &mut Register,
    commune: &str,
    opts: ReadOptions,
    report: &mut FileReport,
) -> Option<()> {
    let Some(areas) = opts.registers.get(commune) else {
        report.fatal(None, None, ProblemKind::EmptyRegister, None);
        return None;
    };
    for a in areas {
        reg.index.insert(
            fold_place(&a.area),
            (reg.areas.len(), String::new(), 0, 0, None),
        );
        reg.areas.push(a.clone());
    }
    reg.from_workspace = true;
    Some(())
}

/// One source per area: a tally and forms for the same area are never added together; such a
/// file is refused (said).
fn refuse_tally_and_ballots(
    ballots: &[Ballot],
    tallies: &[TallyRow],
    report: &mut FileReport,
) -> Option<()> {
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
    Some(())
}

/// How an answer is named in the reading.
fn answer_word(a: Answer) -> &'static str {
    match a {
        Answer::Satisfied => "satisfied",
        Answer::Dissatisfied => "dissatisfied",
        Answer::Blank => "blank",
        _ => "not_an_answer",
    }
}

/// Where a form was first read: (1-based row, index in the ballots read).
type FirstRead = (u32, usize);

/// Form numbers and households already seen, per area, for duplicates.
#[derive(Default)]
struct Seen {
    /// (area, form number) → where the form was first read.
    form_no: HashMap<(usize, String), FirstRead>,
    /// (area, household id) → 1-based row. A household id only: a person's name never
    /// identifies a household (names repeat in every bản).
    household: HashMap<(usize, String), u32>,
}

/// A ballots or tally sheet as analysed: where its data starts and what its columns hold.
struct Table<'a> {
    g: &'a Grid,
    first_row: u32,
    cols: &'a [(u32, Col)],
    items: &'a Items,
    /// The legend of answer codes that applies to the sheet.
    legend: Option<&'a [(String, Answer)]>,
}

/// How one item column's distinct values are read, decided once per distinct value (cells
/// that share a value share its index in the grid) and counted for the reading.
#[derive(Default)]
struct Vocab {
    /// Slots of the first value indices, where a workbook's shared texts ("Hài lòng", "x")
    /// sit: looked up without hashing, every item cell of every row passes here.
    near: Vec<u32>,
    /// Slots of the other value indices.
    far: HashMap<u32, usize, super::fx::Fx>,
    /// (value, reading, how, cells among data rows).
    slots: Vec<(String, Option<Answer>, &'static str, u32)>,
}

/// Value indices below this are looked up in [`Vocab::near`].
const NEAR: u32 = 1024;

impl Vocab {
    fn slot(
        &mut self,
        idx: u32,
        text: impl FnOnce() -> String,
        decide: impl FnOnce(&str) -> (Option<Answer>, &'static str),
    ) -> usize {
        if let Some(s) = self.slot_of(idx) {
            return s;
        }
        let t = text();
        // Values with different indices may share a text (an .xls keeps one per cell).
        let k = match self.slots.iter().position(|x| x.0 == t) {
            Some(k) => k,
            None => {
                let (a, by) = decide(&t);
                self.slots.push((t, a, by, 0));
                self.slots.len() - 1
            }
        };
        if idx < NEAR {
            if self.near.len() <= idx as usize {
                self.near.resize(idx as usize + 1, u32::MAX);
            }
            self.near[idx as usize] = k as u32;
        } else {
            self.far.insert(idx, k);
        }
        k
    }

    /// The slot a value index was given, if it was read.
    fn slot_of(&self, idx: u32) -> Option<usize> {
        if idx < NEAR {
            self.near
                .get(idx as usize)
                .filter(|s| **s != u32::MAX)
                .map(|s| *s as usize)
        } else {
            self.far.get(&idx).copied()
        }
    }
}

/// The header without its item columns numbered beyond `n`, when there are some and every one
/// of their cells below the header is empty.
fn drop_spare_items(
    g: &Grid,
    first_row: u32,
    cols: &[(u32, Col)],
    items: &Items,
    n: u32,
) -> Option<(Vec<(u32, Col)>, Items)> {
    let numbers = item_numbers(cols);
    if numbers.iter().all(|i| *i <= n) {
        return None;
    }
    let columns_of = |k: usize| -> Vec<u32> {
        match items {
            Items::Single(cs) => cs.get(k).copied().into_iter().collect(),
            Items::Pairs(ps) => ps.get(k).map(|p| vec![p.0, p.1]).unwrap_or_default(),
        }
    };
    let empty = |c: u32| (first_row..g.end_row()).all(|r| g.str_at(r, c).is_empty());
    let spare: Vec<usize> = (0..numbers.len()).filter(|k| numbers[*k] > n).collect();
    if !spare.iter().all(|k| columns_of(*k).into_iter().all(empty)) {
        return None;
    }
    let keep = |k: usize| numbers[k] <= n;
    let cols = cols
        .iter()
        .filter(|(_, c)| !matches!(c, Col::Item(i) if *i > n))
        .copied()
        .collect();
    let items = match items {
        Items::Single(cs) => Items::Single(
            cs.iter()
                .enumerate()
                .filter(|(k, _)| keep(*k))
                .map(|(_, c)| *c)
                .collect(),
        ),
        Items::Pairs(ps) => Items::Pairs(
            ps.iter()
                .enumerate()
                .filter(|(k, _)| keep(*k))
                .map(|(_, p)| *p)
                .collect(),
        ),
    };
    Some((cols, items))
}

/// Satisfied and answered cells (or marks) of one item column: of every data row so far, and
/// of those since the last totals row.
#[derive(Clone, Copy, Default)]
struct Running {
    all: (u32, u32),
    since: (u32, u32),
}

impl Running {
    fn add(&mut self, a: Option<Answer>) {
        let sat = u32::from(a == Some(Answer::Satisfied));
        let answered = u32::from(matches!(a, Some(Answer::Satisfied | Answer::Dissatisfied)));
        self.all = (self.all.0 + sat, self.all.1 + answered);
        self.since = (self.since.0 + sat, self.since.1 + answered);
    }

    /// Whether `x` is a total of the rows above: all of them, or those since the last total.
    fn totals(&self, x: u32) -> bool {
        [self.all.0, self.all.1, self.since.0, self.since.1].contains(&x)
    }
}

/// Whether a value looks like an answer code (a number or one letter) rather than words.
fn code_like(t: &str) -> bool {
    let t = t.trim();
    !t.is_empty() && t.len() <= 2 && t.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Reads one answer value of the one-column layout: the vocabulary, then a yes/no answer
/// ("Có"/"Không", checked per column afterwards), then the legend's codes.
fn decide_single(t: &str, legend: Option<&[(String, Answer)]>) -> (Option<Answer>, &'static str) {
    if let Some(a) = header::answer(t) {
        return (Some(a), "vocabulary");
    }
    if let Some(y) = header::yes_no(t) {
        let a = if y {
            Answer::Satisfied
        } else {
            Answer::Dissatisfied
        };
        return (Some(a), "yes_no");
    }
    if let Some(l) = legend {
        let f = fold(t);
        if let Some((_, a)) = l.iter().find(|(c, _)| *c == f) {
            return (Some(*a), "legend");
        }
    }
    (None, "vocabulary")
}

/// Reads one marker cell of the two-column layout.
fn decide_mark(t: &str) -> (Option<Answer>, &'static str) {
    match marker(t) {
        Some(true) => (Some(Answer::Satisfied), "vocabulary"),
        Some(false) => (Some(Answer::Blank), "vocabulary"),
        None => (None, "vocabulary"),
    }
}

/// A value as a count, for totals rows: numbers, or text of digits.
fn count_of(d: &calamine::Data) -> Option<u32> {
    whole_number(d)
}

/// Reads the forms of a ballots sheet into `out`: each row under the header a form (read or
/// rejected with its cell) or left out with its reason, and the sheet's answer values recorded.
fn read_ballots(
    t: &Table,
    form: &Form,
    reg: &Register,
    seen: &mut Seen,
    out: &mut Vec<Ballot>,
    report: &mut FileReport,
    sr: &mut SheetReading,
) -> Option<()> {
    let (g, first_row) = (t.g, t.first_row);
    let n = form.item_count() as u32;
    // Item columns beyond the form's ("Câu 20", "Câu 21" of a template with spare columns)
    // that no row fills are left out; a filled one means another form and refuses the file.
    let spare = drop_spare_items(g, first_row, t.cols, t.items, n);
    let (cols, items): (&[(u32, Col)], &Items) = match &spare {
        Some((c, i)) => (c, i),
        None => (t.cols, t.items),
    };
    check_ballot_items(g, first_row, cols, n, report)?;
    let area_src = area_source(g, cols);
    let header_row = match items {
        Items::Pairs(_) => first_row - 1,
        Items::Single(_) => first_row,
    };
    if refuse_unnamed_sheet(g, first_row, header_row, cols, &area_src, reg, report) {
        return Some(());
    }
    let t = Table { cols, items, ..*t };
    let sheet = BallotSheet::new(t, area_src, reg, n);
    let mut run = sheet.start();
    let first_ballot = out.len();
    for r in first_row..g.end_row() {
        if g.row_is_empty(r) {
            continue;
        }
        sheet.read_row(&mut run, r, seen, out, report, sr);
    }
    sheet.invalidate_mixed_yes_no(&mut run.vocab, &mut out[first_ballot..], report);
    sheet.record_vocabulary(&run.vocab, sr, report)
}

/// A ballots header must number the form's items, all of them and no more: an item beyond
/// them or one missing refuses the file (said).
fn check_ballot_items(
    g: &Grid,
    first_row: u32,
    cols: &[(u32, Col)],
    n: u32,
    report: &mut FileReport,
) -> Option<()> {
    let numbers = item_numbers(cols);
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
    Some(())
}

/// Whether a sheet's areas are written once per block and left blank below (not merged):
/// every area that is written stands once, above a run of blank area cells, in rows that hold
/// answers. Then a blank area cell belongs to the block above it; anywhere else it is a
/// missing area.
fn areas_in_blocks(g: &Grid, first_row: u32, item_cols: &[Vec<u32>], ac: u32) -> bool {
    // Rows with answers: the area cell's value index, 0 when blank.
    let mut rows: Vec<u32> = Vec::new();
    for r in first_row..g.end_row() {
        if item_cols.iter().flatten().any(|c| g.index(r, *c) != 0) {
            rows.push(if g.str_at(r, ac).is_empty() {
                0
            } else {
                g.index(r, ac)
            });
        }
    }
    let blank = rows.iter().filter(|i| **i == 0).count() as u32;
    let first = rows.first().map(|i| *i != 0);
    // Judged by text only when there are blank cells (folding every row costs).
    let mut written: Vec<String> = Vec::new();
    if blank > 0 {
        for (r, i) in (first_row..g.end_row())
            .filter(|r| item_cols.iter().flatten().any(|c| g.index(*r, *c) != 0))
            .zip(&rows)
        {
            let a = g.str_at(r, ac);
            if *i != 0 && !is_total_label(&a) {
                written.push(fold_place(&a));
            }
        }
    }
    let n = written.len();
    written.sort();
    written.dedup();
    // Blocks, not a few forgotten cells: at least as many blank cells as areas.
    blank as usize >= n && first == Some(true) && written.len() == n && n >= 1
}

/// A ballots sheet as read: its header checked, with what each of its rows is read against.
struct BallotSheet<'a> {
    /// The sheet, without the spare item columns left out.
    t: Table<'a>,
    reg: &'a Register,
    register_names: Vec<&'a str>,
    area_src: AreaSource,
    /// Items of the form.
    n: u32,
    /// Item numbers, in header order.
    numbers: Vec<u32>,
    /// Answer positions by item number.
    by_item: Vec<(u32, usize)>,
    /// The columns of each item, in header order: one, or (satisfied, not satisfied).
    item_cols: Vec<Vec<u32>>,
    pairs: bool,
    all_item_cols: BTreeSet<u32>,
    first_item_col: u32,
    form_no_c: Option<u32>,
    reason_c: Option<u32>,
    other_c: Option<u32>,
    marked_c: Option<u32>,
    hid_c: Option<u32>,
    /// Areas written once per block and left blank below (see [`areas_in_blocks`]).
    blocks: bool,
}

/// What reading a ballots sheet's rows gathers as it goes down the sheet.
struct BallotRun {
    vocab: Vec<Vocab>,
    /// Per item column: satisfied and non-blank answers (or marks) of the data rows so far,
    /// and since the last totals row (a subtotal per bản), for a totals row to be recognised
    /// by its arithmetic.
    running: Vec<Vec<Running>>,
    area_cache: HashMap<String, usize>,
    total_cache: HashMap<u32, bool, super::fx::Fx>,
    /// 0 not judged yet, 1 not a totals label, 2 one (see `Vocab::near`).
    total_near: Vec<u8>,
    /// Whether a footer ended the table.
    ended: bool,
    /// The area of the last form read, for areas written once per block.
    last_area: Option<usize>,
    /// How each item cell of the current row reads: its slot in the item's vocabulary.
    row_slots: Vec<usize>,
}

impl<'a> BallotSheet<'a> {
    /// The sheet's columns and areas worked out once, for every row.
    fn new(t: Table<'a>, area_src: AreaSource, reg: &'a Register, n: u32) -> BallotSheet<'a> {
        let (g, first_row, cols, items) = (t.g, t.first_row, t.cols, t.items);
        let col = |k: Col| col_of(cols, k);
        let numbers = item_numbers(cols);
        let register_names: Vec<&str> = reg.areas.iter().map(|a| a.area.as_str()).collect();
        // Answer positions by item number.
        let mut by_item: Vec<(u32, usize)> =
            numbers.iter().enumerate().map(|(k, i)| (*i, k)).collect();
        by_item.sort();
        // The columns of each item, in header order: one, or (satisfied, not satisfied).
        let item_cols: Vec<Vec<u32>> = match items {
            Items::Single(cs) => cs.iter().map(|c| vec![*c]).collect(),
            Items::Pairs(ps) => ps.iter().map(|(s, d)| vec![*s, *d]).collect(),
        };
        let pairs = matches!(items, Items::Pairs(_));
        let all_item_cols: BTreeSet<u32> = item_cols.iter().flatten().copied().collect();
        let first_item_col = all_item_cols.first().copied().unwrap_or(g.end_col());
        let blocks = match area_src {
            AreaSource::Column(ac) => areas_in_blocks(g, first_row, &item_cols, ac),
            AreaSource::Fixed { .. } => false,
        };
        BallotSheet {
            t,
            reg,
            register_names,
            area_src,
            n,
            numbers,
            by_item,
            item_cols,
            pairs,
            all_item_cols,
            first_item_col,
            form_no_c: col(Col::FormNo),
            reason_c: col(Col::Reason),
            other_c: col(Col::Other),
            marked_c: col(Col::MarkedInvalid),
            hid_c: col(Col::HouseholdId),
            blocks,
        }
    }

    /// Nothing read yet: an empty vocabulary and running totals per item column.
    fn start(&self) -> BallotRun {
        BallotRun {
            vocab: (0..self.item_cols.len())
                .map(|_| Vocab::default())
                .collect(),
            running: self
                .item_cols
                .iter()
                .map(|c| vec![Running::default(); c.len()])
                .collect(),
            area_cache: HashMap::new(),
            total_cache: HashMap::default(),
            total_near: Vec::new(),
            ended: false,
            last_area: None,
            row_slots: Vec::with_capacity(self.item_cols.len() * 2),
        }
    }

    /// Reads row `r`: left out with its reason, rejected (said), or a form added to `out`.
    fn read_row(
        &self,
        run: &mut BallotRun,
        r: u32,
        seen: &mut Seen,
        out: &mut Vec<Ballot>,
        report: &mut FileReport,
        sr: &mut SheetReading,
    ) {
        let g = self.t.g;
        let (has_answer, not_answer) = self.read_item_cells(run, r);
        let left_out = match self.totals_row(run, r, not_answer, report) {
            Some(why) => Some(why),
            None => self.not_a_form(run, r, has_answer, not_answer),
        };
        if let Some(why) = left_out {
            sr.excluded.push(ExcludedRow {
                row: r + 1,
                why,
                text: row_text(g, r),
            });
            return;
        }
        report.rows_read += 1;
        sr.data_rows += 1;
        self.count_cells(run);
        let Some(idx) = self.area_of_row(run, r, report, sr) else {
            return;
        };
        run.last_area = Some(idx);
        let Some((form_no, earlier)) = self.identify(r, idx, seen, out.len(), report) else {
            return;
        };
        let answers = self.answers(run, r, report);
        let text_of = |c: Option<u32>| c.map(|c| clean(&g.str_at(r, c))).filter(|s| !s.is_empty());
        let (reason, other_opinion) = (
            text_of(self.reason_c),
            text_of(self.other_c).filter(|s| !header::is_no_opinion(s)),
        );
        let marked_invalid = text_of(self.marked_c);
        let ballot = Ballot {
            area: self.reg.areas[idx].area.clone(),
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
        };
        if let (Some(earlier), Some(c)) = (earlier, self.form_no_c)
            && self.typed_twice(r, c, earlier, &ballot, out, report)
        {
            return;
        }
        out.push(ballot);
    }

    /// How each item cell of row `r` reads, into `run.row_slots`: whether the row holds an
    /// answer, and whether a cell holds something that is not one.
    fn read_item_cells(&self, run: &mut BallotRun, r: u32) -> (bool, bool) {
        let g = self.t.g;
        run.row_slots.clear();
        let mut has_answer = false;
        let mut not_answer = false;
        for (k, cs) in self.item_cols.iter().enumerate() {
            for c in cs {
                let idx = g.index(r, *c);
                let slot = run.vocab[k].slot(
                    idx,
                    || g.str_at(r, *c).to_string(),
                    |v| {
                        if self.pairs {
                            decide_mark(v)
                        } else {
                            decide_single(v, self.t.legend)
                        }
                    },
                );
                match run.vocab[k].slots[slot].1 {
                    Some(Answer::Blank) => {}
                    Some(_) => has_answer = true,
                    None => not_answer = true,
                }
                run.row_slots.push(slot);
            }
        }
        (has_answer, not_answer)
    }

    /// Whether row `r` is a totals row, by its label or by figures that equal the rows above:
    /// a labelled one whose figures do not is said, and the subtotals start again.
    fn totals_row(
        &self,
        run: &mut BallotRun,
        r: u32,
        not_answer: bool,
        report: &mut FileReport,
    ) -> Option<RowWhy> {
        let g = self.t.g;
        let labelled_total = self.labelled_total(run, r);
        // A row whose item cells are all counts that equal the rows above: totals.
        let counts: Option<Vec<u32>> = not_answer
            .then(|| {
                self.item_cols
                    .iter()
                    .flatten()
                    .map(|c| {
                        let d = g.get(r, *c);
                        if matches!(d, calamine::Data::Empty) {
                            Some(0)
                        } else {
                            count_of(d)
                        }
                    })
                    .collect()
            })
            .flatten();
        let arithmetic = counts.as_ref().is_some_and(|v| {
            v.iter().any(|x| *x > 1)
                && v.iter()
                    .zip(run.running.iter().flatten())
                    .all(|(x, run)| run.totals(*x))
        });
        if !(labelled_total || arithmetic) {
            return None;
        }
        if labelled_total
            && let Some(v) = &counts
            && v.iter().any(|x| *x > 1)
            && !arithmetic
        {
            let (written, computed) = v
                .iter()
                .zip(run.running.iter().flatten())
                .find(|(x, run)| !run.totals(**x))
                .map(|(x, run)| (*x as u64, run.all.0 as u64))
                .unwrap_or((0, 0));
            report.push(
                Severity::Warning,
                Some(&g.name),
                Some((r + 1).to_string()),
                ProblemKind::totals_mismatch(ProblemText::TotalAnswers, written, computed),
                None,
            );
        }
        let why = if labelled_total {
            RowWhy::Totals
        } else {
            RowWhy::TotalsByArithmetic
        };
        for run in run.running.iter_mut().flatten() {
            run.since = (0, 0);
        }
        Some(why)
    }

    /// Whether row `r` is a totals row by its label, in a cell before the items (STT, area,
    /// number: where a label stands), judged once per value.
    fn labelled_total(&self, run: &mut BallotRun, r: u32) -> bool {
        let g = self.t.g;
        (g.c0_col()..self.first_item_col)
            .filter(|c| !self.all_item_cols.contains(c))
            .any(|c| {
                let idx = g.index(r, c);
                if idx == 0 {
                    return false;
                }
                if let Some(known) = run.total_near.get(idx as usize).filter(|k| **k != 0) {
                    return *known == 2;
                }
                let total = *run.total_cache.entry(idx).or_insert_with(
                    || matches!(g.get(r, c), calamine::Data::String(s) if is_total_label(s)),
                );
                if idx < NEAR {
                    if run.total_near.len() <= idx as usize {
                        run.total_near.resize(idx as usize + 1, 0);
                    }
                    run.total_near[idx as usize] = 1 + u8::from(total);
                }
                total
            })
    }

    /// Why row `r`, not a totals row, is not a form: a footer or what stands below one, a
    /// legend, the header again, column numbers, or a blank row; `None` for a form.
    fn not_a_form(
        &self,
        run: &mut BallotRun,
        r: u32,
        has_answer: bool,
        not_answer: bool,
    ) -> Option<RowWhy> {
        let g = self.t.g;
        if !has_answer {
            if let Some(why) = footer_of(g, r) {
                run.ended = true;
                return Some(why);
            }
            if run.ended {
                return Some(RowWhy::AfterTable);
            }
            if (g.c0_col()..g.end_col()).any(|c| {
                matches!(g.get(r, c), calamine::Data::String(s) if header::parse_legend(s).is_some())
            }) {
                return Some(RowWhy::Legend);
            }
        }
        if not_answer {
            if self.repeated_header(r, has_answer) {
                return Some(RowWhy::RepeatedHeader);
            }
            if self.column_numbers(r) {
                return Some(RowWhy::Numbering);
            }
        }
        if !has_answer && !not_answer && self.blank_row(r) {
            return Some(RowWhy::Blank);
        }
        None
    }

    /// The header again (a page break): most of its columns named as in the header, or, with
    /// nothing answered, most of the columns beside the items (the group heading row of a
    /// header over several rows), or the "HL | KHL" row under item numbers.
    fn repeated_header(&self, r: u32, has_answer: bool) -> bool {
        let (g, cols) = (self.t.g, self.t.cols);
        let same = |k: &(u32, Col)| classify(&g.text(r, k.0)) == Some(k.1);
        let same_as_header = cols.iter().filter(|k| same(k)).count();
        let others: Vec<&(u32, Col)> = cols
            .iter()
            .filter(|(_, k)| !matches!(k, Col::Item(_)))
            .collect();
        let same_others = others.iter().filter(|k| same(k)).count();
        let marker_row = self.pairs
            && self.item_cols.iter().flatten().all(|c| {
                let t = g.str_at(r, *c);
                t.is_empty() || marker_label(&t).is_some()
            });
        (same_as_header >= 2 && same_as_header * 2 >= cols.len())
            || (!has_answer && same_others >= 2 && same_others * 2 >= others.len())
            || marker_row
    }

    /// Whether row `r` numbers the columns ("1 2 3 4 …", "(1) (2) (3) …").
    fn column_numbers(&self, r: u32) -> bool {
        let g = self.t.g;
        let nums: Vec<u32> = (g.c0_col()..g.end_col())
            .map(|c| g.text(r, c))
            .filter(|x| !x.is_empty())
            .map(|x| x.trim_matches(|c| c == '(' || c == ')').parse::<u32>().ok())
            .collect::<Option<Vec<u32>>>()
            .unwrap_or_default();
        nums.len() >= 4 && nums.windows(2).all(|w| w[1] == w[0] + 1)
    }

    /// Nothing answered: a blank form only if the row says which form (its area written in
    /// the row, a form number, or any text a form holds); else a blank row.
    fn blank_row(&self, r: u32) -> bool {
        let g = self.t.g;
        let written = |c: Option<u32>| c.is_some_and(|c| !g.str_at(r, c).is_empty());
        let area_written =
            matches!(self.area_src, AreaSource::Column(c) if !g.str_at(r, c).is_empty());
        let opinion = self
            .other_c
            .is_some_and(|c| !header::is_no_opinion(&g.str_at(r, c)));
        !(area_written
            || written(self.form_no_c)
            || written(self.reason_c)
            || written(self.marked_c)
            || opinion)
    }

    /// Counts every item cell of a data row: the reading's vocabulary and the running totals.
    fn count_cells(&self, run: &mut BallotRun) {
        let mut i = 0;
        for (k, cs) in self.item_cols.iter().enumerate() {
            for (j, _) in cs.iter().enumerate() {
                let slot = run.row_slots[i];
                run.vocab[k].slots[slot].3 += 1;
                let a = run.vocab[k].slots[slot].1;
                run.running[k][j].add(a);
                i += 1;
            }
        }
    }

    /// The register area of row `r`: its area cell's, the sheet's, or the block's above; `None`
    /// when it is missing or not in the register (rejected, said).
    fn area_of_row(
        &self,
        run: &mut BallotRun,
        r: u32,
        report: &mut FileReport,
        sr: &mut SheetReading,
    ) -> Option<usize> {
        let g = self.t.g;
        // Areas repeat on every row: a name found once is found again without folding.
        let raw_area = match &self.area_src {
            AreaSource::Column(c) => Some(g.str_at(r, *c)),
            AreaSource::Fixed { .. } => None,
        };
        let cached = raw_area
            .as_ref()
            .and_then(|a| run.area_cache.get(a.as_ref()).copied());
        if let Some(idx) = cached {
            return Some(idx);
        }
        let (written, area_cell) = match &self.area_src {
            AreaSource::Column(c) => (clean(&g.str_at(r, *c)), Some(cell_ref(r, *c))),
            AreaSource::Fixed { name, cell } => (name.clone(), cell.clone()),
        };
        // Areas written once per block: the row belongs to the block it stands in.
        if written.is_empty()
            && self.blocks
            && let Some(idx) = run.last_area
        {
            sr.areas_carried += 1;
            Some(idx)
        } else if written.is_empty() {
            report.push(
                Severity::Error,
                Some(&g.name),
                area_cell,
                ProblemKind::MissingArea,
                None,
            );
            report.rejected += 1;
            None
        } else {
            let Some(idx) = self.reg.find(&written) else {
                let suggestions = closest(&written, self.register_names.iter().copied(), 3)
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
                return None;
            };
            if let Some(a) = &raw_area {
                run.area_cache.insert(a.to_string(), idx);
            }
            Some(idx)
        }
    }

    /// Row `r`'s form number and, when the area had that number before, where it was first
    /// read; `None` when the row's household was read before (rejected, said). What is new is
    /// recorded in `seen`, `next` being the index the form will take.
    fn identify(
        &self,
        r: u32,
        idx: usize,
        seen: &mut Seen,
        next: usize,
        report: &mut FileReport,
    ) -> Option<(Option<String>, Option<FirstRead>)> {
        let g = self.t.g;
        let form_no = self
            .form_no_c
            .map(|c| g.text(r, c))
            .filter(|s| !s.is_empty());
        // A form number seen before in the area is judged once the answers are read.
        let earlier = form_no
            .as_ref()
            .and_then(|no| seen.form_no.get(&(idx, no.clone())).copied());
        // The same household twice, by its id (never by a name).
        let hh_key = self
            .hid_c
            .map(|c| (c, fold(&g.str_at(r, c))))
            .filter(|(_, k)| !k.is_empty());
        if let Some((c, key)) = &hh_key
            && let Some(first) = seen.household.get(&(idx, key.clone()))
        {
            report.push(
                Severity::Error,
                Some(&g.name),
                Some(cell_ref(r, *c)),
                ProblemKind::DuplicateHousehold { first_row: *first },
                Some(g.text(r, *c)),
            );
            report.rejected += 1;
            return None;
        }
        if let Some(no) = &form_no
            && earlier.is_none()
        {
            seen.form_no.insert((idx, no.clone()), (r + 1, next));
        }
        if let Some((_, key)) = hh_key {
            seen.household.insert((idx, key), r + 1);
        }
        Some((form_no, earlier))
    }

    /// The answers of row `r`, by item number, each read from its cell or its two marks; one
    /// that cannot be read is invalid and said.
    fn answers(&self, run: &BallotRun, r: u32, report: &mut FileReport) -> Vec<Answer> {
        let mut answers = Vec::with_capacity(self.n as usize);
        for (item, k) in &self.by_item {
            let a = if self.pairs {
                self.marked_answer(run, r, *item, *k, report)
            } else {
                let slot = run.row_slots[*k];
                match run.vocab[*k].slots[slot].1 {
                    Some(a) => a,
                    None => {
                        let Items::Single(cs) = self.t.items else {
                            unreachable!("single")
                        };
                        report.push(
                            Severity::Error,
                            Some(&self.t.g.name),
                            Some(cell_ref(r, cs[*k])),
                            ProblemKind::BadAnswer { item: *item },
                            Some(run.vocab[*k].slots[slot].0.clone()),
                        );
                        Answer::Invalid
                    }
                }
            };
            answers.push(a);
        }
        answers
    }

    /// Item `item`'s answer from its two marker cells (the `k`-th pair of the header).
    fn marked_answer(
        &self,
        run: &BallotRun,
        r: u32,
        item: u32,
        k: usize,
        report: &mut FileReport,
    ) -> Answer {
        let g = self.t.g;
        let (ss, ds) = (run.row_slots[2 * k], run.row_slots[2 * k + 1]);
        let (sa, da) = (run.vocab[k].slots[ss].1, run.vocab[k].slots[ds].1);
        let Items::Pairs(ps) = self.t.items else {
            unreachable!("pairs")
        };
        let (sc, dc) = ps[k];
        match (sa, da) {
            (Some(Answer::Satisfied), Some(Answer::Blank)) => Answer::Satisfied,
            (Some(Answer::Blank), Some(Answer::Satisfied)) => Answer::Dissatisfied,
            (Some(Answer::Blank), Some(Answer::Blank)) => Answer::Blank,
            (Some(Answer::Satisfied), Some(Answer::Satisfied)) => {
                let kind = ProblemKind::BothMarked { item };
                report.push(
                    Severity::Error,
                    Some(&g.name),
                    Some(cell_ref(r, sc)),
                    kind,
                    Some(format!("{} | {}", g.str_at(r, sc), g.str_at(r, dc))),
                );
                Answer::DoubleMarked
            }
            (s, _) => {
                let c = if s.is_none() { sc } else { dc };
                report.push(
                    Severity::Error,
                    Some(&g.name),
                    Some(cell_ref(r, c)),
                    ProblemKind::BadAnswer { item },
                    Some(g.str_at(r, c).to_string()),
                );
                Answer::Invalid
            }
        }
    }

    /// The same number twice: one form typed twice if every answer is the same (kept once),
    /// else two households given one number (both counted). Either way, said; whether
    /// `ballot` is the copy, counted as a duplicate.
    fn typed_twice(
        &self,
        r: u32,
        c: u32,
        (first_row, k): FirstRead,
        ballot: &Ballot,
        out: &[Ballot],
        report: &mut FileReport,
    ) -> bool {
        let before = &out[k];
        let same = before.answers == ballot.answers
            && before.reason == ballot.reason
            && before.other_opinion == ballot.other_opinion
            && before.marked_invalid == ballot.marked_invalid;
        let kind = if same {
            ProblemKind::DuplicateFormTyped { first_row }
        } else {
            ProblemKind::DuplicateFormNo { first_row }
        };
        report.push(
            Severity::Warning,
            Some(&self.t.g.name),
            Some(cell_ref(r, c)),
            kind,
            ballot.form_no.clone(),
        );
        if same {
            report.duplicates += 1;
        }
        same
    }

    /// A yes/no reading holds only in a column of yes/no answers: where "Có"/"Không" stand
    /// beside "Hài lòng"/"Không hài lòng", what "Có" means cannot be told, and it is invalid.
    fn invalidate_mixed_yes_no(
        &self,
        vocab: &mut [Vocab],
        ballots: &mut [Ballot],
        report: &mut FileReport,
    ) {
        let g = self.t.g;
        for (k, v) in vocab.iter_mut().enumerate() {
            let mixed = v.slots.iter().any(|s| s.2 == "yes_no" && s.3 > 0)
                && v.slots.iter().any(|s| {
                    s.2 == "vocabulary"
                        && s.3 > 0
                        && matches!(s.1, Some(Answer::Satisfied | Answer::Dissatisfied))
                });
            if !mixed || self.pairs {
                continue;
            }
            let item = self.numbers[k];
            let Items::Single(cs) = self.t.items else {
                continue;
            };
            for b in ballots.iter_mut() {
                let row = b.provenance.row - 1;
                let slot = v.slot_of(g.index(row, cs[k]));
                if slot.is_some_and(|s| v.slots[s].2 == "yes_no") {
                    b.answers[(item - 1) as usize] = Answer::Invalid;
                    report.push(
                        Severity::Error,
                        Some(&g.name),
                        Some(cell_ref(row, cs[k])),
                        ProblemKind::BadAnswer { item },
                        Some(g.text(row, cs[k])),
                    );
                }
            }
            for s in v.slots.iter_mut().filter(|s| s.2 == "yes_no") {
                s.1 = None;
            }
        }
    }

    /// The reading's vocabulary, and a column that is mostly not answers is a misreading:
    /// refuses the file (said).
    fn record_vocabulary(
        &self,
        vocab: &[Vocab],
        sr: &mut SheetReading,
        report: &mut FileReport,
    ) -> Option<()> {
        for (k, v) in vocab.iter().enumerate() {
            let item = self.numbers[k];
            let mut nonblank = 0u32;
            let mut bad: Vec<(&str, u32)> = Vec::new();
            for (value, a, by, cells) in &v.slots {
                if *cells == 0 {
                    continue;
                }
                let read_as = match (self.pairs, a) {
                    (true, Some(Answer::Satisfied)) => "mark",
                    (true, Some(Answer::Blank)) => "no_mark",
                    (_, Some(a)) => answer_word(*a),
                    (_, None) => "not_an_answer",
                };
                sr.answers.push(AnswerValue {
                    item,
                    value: value.clone(),
                    read_as,
                    by,
                    cells: *cells,
                });
                if *a != Some(Answer::Blank) {
                    nonblank += cells;
                }
                if a.is_none() {
                    bad.push((value, *cells));
                }
            }
            let bad_cells: u32 = bad.iter().map(|b| b.1).sum();
            if bad_cells >= 3 && bad_cells * 2 > nonblank {
                self.refuse_not_answers(k, v, bad, report);
                return None;
            }
        }
        Some(())
    }

    /// Refuses the file for the `k`-th item column, whose values are mostly not answers:
    /// names the most frequent of them and the first cell holding one.
    fn refuse_not_answers(
        &self,
        k: usize,
        v: &Vocab,
        mut bad: Vec<(&str, u32)>,
        report: &mut FileReport,
    ) {
        let (g, items) = (self.t.g, self.t.items);
        let item = self.numbers[k];
        bad.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let coded = bad.iter().all(|(v, _)| code_like(v));
        let column = match items {
            Items::Single(cs) => col_letter(cs[k]),
            Items::Pairs(ps) => format!("{}–{}", col_letter(ps[k].0), col_letter(ps[k].1)),
        };
        let kind = ProblemKind::NotAnswers {
            item,
            column,
            values: bad
                .iter()
                .take(6)
                .map(|(v, n)| format!("\"{v}\" ×{n}"))
                .collect(),
            coded,
        };
        // Where: the first cell of the column holding one of those values.
        let columns: Vec<u32> = match items {
            Items::Single(cs) => vec![cs[k]],
            Items::Pairs(ps) => vec![ps[k].0, ps[k].1],
        };
        let first_bad = (self.t.first_row..g.end_row()).find_map(|r| {
            columns.iter().find_map(|c| {
                let read = v.slot_of(g.index(r, *c)).map(|slot| v.slots[slot].1);
                (read == Some(None)).then(|| cell_ref(r, *c))
            })
        });
        report.fatal(Some(&g.name), first_bad, kind, None);
    }
}

/// Reads the rows of an area tally sheet, one per area, each checked against the register.
fn read_tallies(
    t: &Table,
    form: &Form,
    reg: &Register,
    out: &mut Vec<TallyRow>,
    report: &mut FileReport,
    sr: &mut SheetReading,
) -> Option<()> {
    let (g, first_row, cols) = (t.g, t.first_row, t.cols);
    let col = |k: Col| col_of(cols, k);
    let numbers = item_numbers(cols);
    let n = form.item_count() as u32;
    let missing: Vec<u32> = (1..=n).filter(|i| !numbers.contains(i)).collect();
    let Items::Pairs(pairs) = t.items else {
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
    let mut by_item: Vec<(u32, usize)> = numbers.iter().enumerate().map(|(k, i)| (*i, k)).collect();
    by_item.sort();
    let sheet = TallySheet {
        g,
        pairs,
        returned_c,
        issued_c: col(Col::Issued),
        other_c: col(Col::Other),
        by_item,
        n,
        reg,
        register_names: reg.areas.iter().map(|a| a.area.as_str()).collect(),
    };
    let mut seen: HashMap<usize, u32> = HashMap::new();
    let mut ended = false;
    let mut sums = TallySums::default();
    for r in first_row..g.end_row() {
        if g.row_is_empty(r) {
            continue;
        }
        let (written, area_cell) = match &area_src {
            AreaSource::Column(c) => (clean(&g.str_at(r, *c)), Some(cell_ref(r, *c))),
            AreaSource::Fixed { name, cell } => (name.clone(), cell.clone()),
        };
        let mut exclude = |why: RowWhy| {
            sr.excluded.push(ExcludedRow {
                row: r + 1,
                why,
                text: row_text(g, r),
            })
        };
        // Totals, and whatever stands under the table, are not areas; a totals row's forms
        // returned must be the sum of the rows above.
        if is_total_label(&written)
            || (g.c0_col()..returned_c).any(|c| is_total_label(&g.text(r, c)))
        {
            sheet.check_totals(r, &sums, report);
            sums.returned_since = 0;
            exclude(RowWhy::Totals);
            continue;
        }
        if whole_number(g.get(r, returned_c)).is_none() {
            if let Some(why) = footer_of(g, r) {
                ended = true;
                exclude(why);
                continue;
            }
            if ended || written.is_empty() {
                exclude(if ended {
                    RowWhy::AfterTable
                } else {
                    RowWhy::Blank
                });
                continue;
            }
        }
        report.rows_read += 1;
        sr.data_rows += 1;
        sums.rows_above += 1;
        let returned_here = whole_number(g.get(r, returned_c)).unwrap_or(0) as u64;
        sums.returned_above += returned_here;
        sums.returned_since += returned_here;
        if let Some((idx, row)) = sheet.read_row(r, written, area_cell, &seen, report) {
            seen.insert(idx, r + 1);
            out.push(row);
        }
    }
    Some(())
}

/// Forms returned of the tally rows above (all, and since the last totals row: a subtotal),
/// for a totals row to be checked against.
#[derive(Default)]
struct TallySums {
    rows_above: u32,
    returned_above: u64,
    returned_since: u64,
}

/// A tally sheet as analysed, with what each of its rows is read against.
struct TallySheet<'a> {
    g: &'a Grid,
    /// (satisfied, not satisfied) count columns of each item, in header order.
    pairs: &'a [(u32, u32)],
    returned_c: u32,
    issued_c: Option<u32>,
    other_c: Option<u32>,
    /// (item number, position in `pairs`), by item number.
    by_item: Vec<(u32, usize)>,
    /// Items of the form.
    n: u32,
    reg: &'a Register,
    register_names: Vec<&'a str>,
}

impl TallySheet<'_> {
    /// A totals row's forms returned must be the sum of the rows above (all, or since the last
    /// subtotal): a mismatch is said.
    fn check_totals(&self, r: u32, sums: &TallySums, report: &mut FileReport) {
        let (g, returned_c) = (self.g, self.returned_c);
        if let Some(n) = whole_number(g.get(r, returned_c))
            && sums.rows_above > 0
            && n as u64 != sums.returned_above
            && n as u64 != sums.returned_since
        {
            let kind = ProblemKind::totals_mismatch(
                ProblemText::TotalReturned,
                n as u64,
                sums.returned_above,
            );
            report.push(
                Severity::Error,
                Some(&g.name),
                Some(cell_ref(r, returned_c)),
                kind,
                Some(n.to_string()),
            );
        }
    }

    /// Rejects a row: says why at its cell and counts it.
    fn reject(
        &self,
        report: &mut FileReport,
        cell: String,
        kind: ProblemKind,
        value: Option<String>,
    ) {
        report.push(Severity::Error, Some(&self.g.name), Some(cell), kind, value);
        report.rejected += 1;
    }

    /// A row's count in column `c`: a whole number, an empty cell is 0.
    fn number(&self, r: u32, c: u32) -> Option<u32> {
        whole_number(self.g.get(r, c)).or_else(|| self.g.text(r, c).is_empty().then_some(0))
    }

    /// One data row of the tally for the area `written`: its register index and what it
    /// holds, or `None` when it is rejected (said).
    fn read_row(
        &self,
        r: u32,
        written: String,
        area_cell: Option<String>,
        seen: &HashMap<usize, u32>,
        report: &mut FileReport,
    ) -> Option<(usize, TallyRow)> {
        let (g, reg, returned_c) = (self.g, self.reg, self.returned_c);
        let Some(idx) = reg.find(&written) else {
            let suggestions = closest(&written, self.register_names.iter().copied(), 3)
                .into_iter()
                .map(str::to_string)
                .collect();
            self.reject(
                report,
                area_cell.clone().unwrap_or_else(|| (r + 1).to_string()),
                ProblemKind::UnknownArea { suggestions },
                Some(written),
            );
            return None;
        };
        if let Some(first) = seen.get(&idx) {
            self.reject(
                report,
                area_cell.clone().unwrap_or_else(|| (r + 1).to_string()),
                ProblemKind::DuplicateArea { first_row: *first },
                Some(written),
            );
            return None;
        }
        let Some(returned) = self.number(r, returned_c) else {
            self.reject(
                report,
                cell_ref(r, returned_c),
                ProblemKind::BadCount,
                Some(g.text(r, returned_c)),
            );
            return None;
        };
        let issued = self.issued_c.and_then(|c| whole_number(g.get(r, c)));
        if let (Some(i), Some(c)) = (issued, self.issued_c)
            && returned > i
        {
            let kind = ProblemKind::MoreThanIssued {
                area: reg.areas[idx].area.clone(),
                ballots: returned,
                issued: i,
            };
            self.reject(report, cell_ref(r, c), kind, Some(i.to_string()));
            return None;
        }
        let households = reg.areas[idx].households;
        if returned > households {
            let kind = ProblemKind::TooManyBallots {
                area: reg.areas[idx].area.clone(),
                ballots: returned,
                households,
            };
            self.reject(
                report,
                cell_ref(r, returned_c),
                kind,
                Some(returned.to_string()),
            );
            return None;
        }
        let counts = self.item_counts(r, returned, report)?;
        let row = TallyRow {
            area: reg.areas[idx].area.clone(),
            returned,
            issued,
            items: counts,
            other_opinions: self.other_c.and_then(|c| whole_number(g.get(r, c))),
            provenance: Provenance {
                sheet: g.name.clone(),
                row: r + 1,
            },
        };
        Some((idx, row))
    }

    /// A row's satisfied and not satisfied counts per item, by item number, or `None` when one
    /// is not a count or they add up to more than the forms returned (said).
    fn item_counts(
        &self,
        r: u32,
        returned: u32,
        report: &mut FileReport,
    ) -> Option<Vec<ItemTally>> {
        let mut counts = Vec::with_capacity(self.n as usize);
        for (item, k) in &self.by_item {
            let (sc, dc) = self.pairs[*k];
            let (Some(s), Some(d)) = (self.number(r, sc), self.number(r, dc)) else {
                let c = if self.number(r, sc).is_none() { sc } else { dc };
                self.reject(
                    report,
                    cell_ref(r, c),
                    ProblemKind::BadCount,
                    Some(self.g.text(r, c)),
                );
                return None;
            };
            if s + d > returned {
                let kind = ProblemKind::TallyOverReturned {
                    item: *item,
                    satisfied: s,
                    dissatisfied: d,
                    returned,
                };
                self.reject(report, cell_ref(r, sc), kind, Some(format!("{s} + {d}")));
                return None;
            }
            counts.push(ItemTally {
                satisfied: s,
                dissatisfied: d,
            });
        }
        Some(counts)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_are_found_under_their_abbreviations() {
        let names = ["Bản Co Muông", "Thôn Đoàn Kết", "Tiểu khu 2", "Bản Nà Sản"];
        for (written, want) in [
            ("B. Co Muông", Some(0)),
            ("Th. Đoàn Kết", Some(1)),
            ("TK 2", Some(2)),
            ("ban na san", Some(3)),
            ("Nà Sản", Some(3)),
            ("B. Không Có", None),
            // Regression (blind try): a number written with a leading zero.
            ("Tiểu khu 02", Some(2)),
        ] {
            assert_eq!(find_area(&names, written), want, "{written}");
        }
    }
}
