//! Self-assessment workbooks: a commune's results per indicator of its criteria set, the public
//! postings of its report, and the conditions it declares.
//!
//! The workbook hailong writes (`template --criteria`) is one example; communes retype it, add
//! columns, drop the code column or order the sheets otherwise. Columns are found by the meaning
//! of their headers (a vocabulary, accents and case ignored), the code column by its header or,
//! failing that, by which column holds the set's indicator codes; the set by the "Bộ tiêu chí"
//! line or, failing that, by the only set whose codes the rows fit. Every row is either read or
//! reported with its cell. This layer reads; whether the commune is ready is `score`'s call.

use super::layout::{HEADER_SEARCH_ROWS, labelled};
use super::sheet::{Grid, cell_ref, cell_text};
use super::{FileReport, ProblemKind, ReadOptions, Severity};
use crate::date::Day;
use crate::model::{AssessedIndicator, Declaration, Posting, SelfAssessment};
use crate::rules::schema::ConditionKind;
use crate::rules::target::{Target, yes_no};
use crate::rules::{AssessRow, CriteriaSet};
use crate::text::fold;
use calamine::Data;
use std::collections::{BTreeMap, BTreeSet};

/// The columns of the indicators sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum SaCol {
    Code,
    Name,
    Target,
    Result,
    SelfAssessed,
    Evidence,
    Criterion,
}

fn classify(cell: &str) -> Option<SaCol> {
    let f = fold(cell);
    let f = f.trim_end_matches([':', '*', ' ']);
    if f.is_empty() {
        return None;
    }
    let starts = |p: &str| f.starts_with(p);
    Some(
        if f.contains("tu danh gia")
            || f == "danh gia"
            || starts("danh gia ")
            || starts("muc do dat")
            || f == "dat/chua dat"
        {
            SaCol::SelfAssessed
        } else if f.contains("minh chung") || starts("ghi chu") || f == "tai lieu kiem chung" {
            SaCol::Evidence
        } else if starts("ket qua")
            || starts("hien trang")
            || f == "thuc hien"
            || starts("so lieu")
            || starts("gia tri thuc hien")
        {
            SaCol::Result
        } else if starts("ma chi tieu")
            || f == "ma"
            || f == "ma so"
            || starts("so hieu")
            || f == "chi tieu so"
        {
            SaCol::Code
        } else if starts("noi dung") || starts("ten chi tieu") {
            SaCol::Name
        } else if starts("chi tieu")
            || starts("muc quy dinh")
            || starts("yeu cau")
            || starts("muc chi tieu")
            || starts("muc dat chuan")
        {
            SaCol::Target
        } else if starts("tieu chi") || starts("ten tieu chi") {
            SaCol::Criterion
        } else {
            return None;
        },
    )
}

/// The header row of the indicators sheet and its columns.
fn indicators_header(g: &Grid) -> Option<(u32, BTreeMap<SaCol, u32>)> {
    for r in 0..g.end_row().min(HEADER_SEARCH_ROWS) {
        let mut cols = BTreeMap::new();
        for c in 0..g.end_col() {
            if let Some(k) = classify(&g.str_at(r, c)) {
                cols.entry(k).or_insert(c);
            }
        }
        if cols.contains_key(&SaCol::SelfAssessed)
            && (cols.contains_key(&SaCol::Result) || cols.contains_key(&SaCol::Code))
        {
            return Some((r, cols));
        }
    }
    None
}

/// Whether the workbook is a self-assessment (its indicators sheet is found).
pub fn looks_like(grids: &[Grid]) -> bool {
    grids.iter().any(|g| indicators_header(g).is_some())
}

const SET_LABELS: &[&str] = &["Bộ tiêu chí", "Bộ tiêu chí áp dụng"];
const GROUP_LABELS: &[&str] = &["Nhóm xã", "Nhóm", "Vùng", "Vùng/nhóm xã", "Nhóm xã/vùng"];

/// Whether a code looks like an indicator or criterion number (`2`, `2.1`, `17.10`, `KM1`).
fn code_like(t: &str) -> bool {
    let t = t.trim().trim_end_matches('.');
    !t.is_empty()
        && t.len() <= 8
        && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
        && t.chars().any(|c| c.is_ascii_digit())
}

fn code_text(d: &Data) -> String {
    cell_text(d).trim().trim_end_matches('.').to_string()
}

/// Reads a self-assessment workbook.
pub fn read(grids: &[Grid], report: &mut FileReport, opts: ReadOptions) -> Option<SelfAssessment> {
    let (si, (header, cols)) = grids
        .iter()
        .enumerate()
        .find_map(|(i, g)| indicators_header(g).map(|h| (i, h)))?;
    let g = &grids[si];
    report.layout = format!("{} (self-assessment)", report.layout);
    let commune = super::layout::resolve_commune(grids, report, opts)?;
    report.commune = Some(commune.clone());

    // The code column: by its header, or the column holding the most codes of some set.
    let code_col = match cols.get(&SaCol::Code) {
        Some(c) => *c,
        None => {
            let all: BTreeSet<String> = opts
                .lib
                .criteria_sets
                .values()
                .flat_map(|s| s.rows(None).into_iter().map(|r| r.code))
                .collect();
            let best = (0..g.end_col())
                .map(|c| {
                    let n = (header + 1..g.end_row())
                        .filter(|r| all.contains(&code_text(g.get(*r, c))))
                        .count();
                    (n, c)
                })
                .max_by_key(|(n, c)| (*n, std::cmp::Reverse(*c)));
            match best {
                Some((n, c)) if n >= 2 => c,
                _ => {
                    report.fatal(
                        Some(&g.name),
                        Some(cell_ref(header, 0)),
                        ProblemKind::MissingHeader {
                            column: "Mã chỉ tiêu".into(),
                        },
                        None,
                    );
                    return None;
                }
            }
        }
    };
    let codes: Vec<(u32, String, bool)> = (header + 1..g.end_row())
        .map(|r| {
            let d = g.get(r, code_col);
            (r, code_text(d), matches!(d, Data::Float(_)))
        })
        .filter(|(_, t, _)| code_like(t))
        .collect();
    let set = resolve_set(grids, &codes, report, opts)?;
    report.criteria_set = Some(set.header.id.clone());
    let group = resolve_group(grids, set, report);
    let rows = set.rows(group.as_deref());
    let by_code: BTreeMap<&str, &AssessRow> = rows.iter().map(|r| (r.code.as_str(), r)).collect();
    let criterion_codes: BTreeSet<&str> = set.criteria.iter().map(|c| c.code.as_str()).collect();

    let col = |k: SaCol| cols.get(&k).copied();
    let mut indicators: Vec<AssessedIndicator> = Vec::new();
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    for r in header + 1..g.end_row() {
        let mut code = code_text(g.get(r, code_col));
        let self_text = col(SaCol::SelfAssessed)
            .map(|c| g.text(r, c))
            .unwrap_or_default();
        let result_cell = col(SaCol::Result)
            .map(|c| g.get(r, c).clone())
            .unwrap_or(Data::Empty);
        let result = cell_text(&result_cell);
        let filled = !self_text.is_empty() || !result.is_empty();
        // Heading rows (a group "I", a criterion "1" with its name) carry no assessment.
        if !by_code.contains_key(code.as_str()) {
            if (criterion_codes.contains(code.as_str())
                || set.groups.iter().any(|x| x.code == code))
                && !filled
            {
                continue;
            }
            if code.is_empty() && !filled {
                continue;
            }
        }
        // A code typed as a number loses its trailing zero: the second "17.1" is 17.10.
        if seen.contains_key(&code)
            && matches!(g.get(r, code_col), Data::Float(_))
            && by_code.contains_key(format!("{code}0").as_str())
            && !seen.contains_key(&format!("{code}0"))
        {
            code = format!("{code}0");
        }
        report.rows_read += 1;
        let at = |c: Option<u32>| Some(cell_ref(r, c.unwrap_or(code_col)));
        let Some(row) = by_code.get(code.as_str()) else {
            report.rejected += 1;
            report.push(
                Severity::Error,
                Some(&g.name),
                at(Some(code_col)),
                ProblemKind::UnknownIndicator {
                    set: set.header.id.clone(),
                },
                Some(code),
            );
            continue;
        };
        if let Some(first) = seen.get(&code) {
            report.rejected += 1;
            report.push(
                Severity::Error,
                Some(&g.name),
                at(Some(code_col)),
                ProblemKind::DuplicateIndicator {
                    first_row: first + 1,
                },
                Some(code),
            );
            continue;
        }
        seen.insert(code.clone(), r);
        let self_assessed = yes_no(&self_text);
        if self_assessed.is_none() && !self_text.is_empty() {
            report.push(
                Severity::Error,
                Some(&g.name),
                at(col(SaCol::SelfAssessed)),
                ProblemKind::BadSelfAssessment,
                Some(self_text.clone()),
            );
        }
        let target = Target::parse(&row.target);
        // A percentage typed into a cell formatted as % arrives as a fraction (0,93): which was
        // meant cannot be told, so the figure is not read against the target.
        let fraction =
            matches!(result_cell, Data::Float(f) if f > 0.0 && f < 1.0) && row.target.contains('%');
        let result_text = if fraction {
            report.push(
                Severity::Warning,
                Some(&g.name),
                at(col(SaCol::Result)),
                ProblemKind::AmbiguousFraction {
                    target: row.target.clone(),
                },
                Some(result.clone()),
            );
            format!("{result} (?)")
        } else {
            result
        };
        if let (Some(s), Some(reading)) = (self_assessed, target.judge(&result_text))
            && s != reading
        {
            report.push(
                Severity::Error,
                Some(&g.name),
                at(col(SaCol::Result)),
                ProblemKind::Contradiction {
                    indicator: code.clone(),
                    target: row.target.clone(),
                    self_assessed: s,
                },
                Some(result_text.clone()),
            );
        }
        report.accepted += 1;
        indicators.push(AssessedIndicator {
            code,
            result: result_text,
            self_assessed,
            evidence: col(SaCol::Evidence)
                .map(|c| g.text(r, c))
                .unwrap_or_default(),
            cell: format!(
                "{}!{}",
                g.name,
                cell_ref(r, col(SaCol::SelfAssessed).unwrap_or(code_col))
            ),
        });
    }
    let blank: Vec<String> = indicators
        .iter()
        .filter(|i| i.result.is_empty() && i.self_assessed.is_none())
        .map(|i| i.code.clone())
        .collect();
    if !blank.is_empty() {
        report.push(
            Severity::Warning,
            Some(&g.name),
            None,
            ProblemKind::NotAssessed { codes: blank },
            None,
        );
    }
    let missing: Vec<String> = rows
        .iter()
        .filter(|r| !seen.contains_key(&r.code))
        .map(|r| r.code.clone())
        .collect();
    if !missing.is_empty() {
        report.push(
            Severity::Error,
            Some(&g.name),
            None,
            ProblemKind::MissingIndicators {
                set: set.header.id.clone(),
                codes: missing,
            },
            None,
        );
    }
    let postings = read_postings(grids, si, report);
    let declarations = read_declarations(grids, si, report, opts);
    Some(SelfAssessment {
        commune,
        set: set.header.id.clone(),
        round: String::new(),
        group,
        indicators,
        postings,
        declarations,
    })
}

/// The criteria set: named in a "Bộ tiêu chí:" line, or the only set the codes fit best.
fn resolve_set<'a>(
    grids: &[Grid],
    codes: &[(u32, String, bool)],
    report: &mut FileReport,
    opts: ReadOptions<'a>,
) -> Option<&'a CriteriaSet> {
    let sets = &opts.lib.criteria_sets;
    if let Some((sheet, cell, written)) = grids
        .iter()
        .find_map(|g| labelled(g, SET_LABELS).map(|(c, v)| (g.name.clone(), c, v)))
    {
        let w = fold(&written);
        let hit: Vec<&CriteriaSet> = sets
            .values()
            .filter(|s| w.contains(&fold(&s.header.id)))
            .collect();
        let hit = if hit.is_empty() {
            sets.values()
                .filter(|s| {
                    let t = fold(&s.header.title);
                    w == t || w.starts_with(&t)
                })
                .collect()
        } else {
            hit
        };
        if let [one] = hit.as_slice() {
            return Some(one);
        }
        report.fatal(
            Some(&sheet),
            Some(cell),
            ProblemKind::CriteriaSetUnknown {
                known: sets.keys().cloned().collect(),
            },
            Some(written),
        );
        return None;
    }
    let written: BTreeSet<&str> = codes.iter().map(|(_, c, _)| c.as_str()).collect();
    let mut fits: Vec<(usize, &CriteriaSet)> = sets
        .values()
        .map(|s| {
            let rows = s.rows(None);
            let n = rows
                .iter()
                .filter(|r| written.contains(r.code.as_str()))
                .count();
            (n, s)
        })
        .filter(|(n, _)| *n > 0)
        .collect();
    fits.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    match fits.as_slice() {
        [(n, s), rest @ ..] if rest.first().is_none_or(|(m, _)| m < n) => Some(s),
        _ => {
            report.fatal(
                None,
                None,
                ProblemKind::CriteriaSetUnknown {
                    known: sets.keys().cloned().collect(),
                },
                None,
            );
            None
        }
    }
}

/// The commune group (or region) whose targets apply: for a set with groups, the workbook must
/// name one; a set without groups has its region.
fn resolve_group(grids: &[Grid], set: &CriteriaSet, report: &mut FileReport) -> Option<String> {
    if set.header.commune_groups.is_empty() {
        return None;
    }
    let found = grids
        .iter()
        .find_map(|g| labelled(g, GROUP_LABELS).map(|(c, v)| (g.name.clone(), c, v)));
    if let Some((_, _, v)) = &found
        && let Some(g) = set.commune_group(v)
    {
        return Some(g.to_string());
    }
    let (sheet, cell, value) = match found {
        Some((s, c, v)) => (Some(s), Some(c), Some(v)),
        None => (None, None, None),
    };
    report.push(
        Severity::Error,
        sheet.as_deref(),
        cell,
        ProblemKind::CommuneGroupMissing {
            groups: set.header.commune_groups.clone(),
        },
        value,
    );
    None
}

/// A date cell: a spreadsheet date, a serial number, or day-first text.
fn day_of(d: &Data) -> Option<Day> {
    match d {
        Data::DateTime(x) => Day::from_serial(x.as_f64()),
        Data::Float(f) => Day::from_serial(*f),
        Data::Int(i) => Day::from_serial(*i as f64),
        Data::DateTimeIso(s) | Data::String(s) => Day::parse(s),
        _ => None,
    }
}

/// The sheet of postings ("Công khai"): a header with "Lần" and "Ngày".
fn read_postings(grids: &[Grid], skip: usize, report: &mut FileReport) -> Vec<Posting> {
    let mut out = Vec::new();
    for (i, g) in grids.iter().enumerate() {
        if i == skip {
            continue;
        }
        let Some((header, cols)) = header_with(
            g,
            |f| {
                if f.starts_with("lan") {
                    Some(0)
                } else if f.starts_with("ngay") || f.starts_with("thoi gian") {
                    Some(1)
                } else if f.starts_with("hinh thuc") {
                    Some(2)
                } else if f.starts_with("noi") || f.starts_with("dia diem") {
                    Some(3)
                } else {
                    None
                }
            },
            &[0, 1],
        ) else {
            continue;
        };
        for r in header + 1..g.end_row() {
            let text = |k: u8| cols.get(&k).map(|c| g.text(r, *c)).unwrap_or_default();
            let date_cell = g.get(r, cols[&1]);
            let (form, place) = (text(2), text(3));
            if cell_text(date_cell).is_empty() && form.is_empty() && place.is_empty() {
                continue;
            }
            let day = day_of(date_cell);
            if day.is_none() {
                report.push(
                    Severity::Error,
                    Some(&g.name),
                    Some(cell_ref(r, cols[&1])),
                    ProblemKind::BadDate,
                    Some(cell_text(date_cell)),
                );
            }
            let n = text(0).parse().unwrap_or(out.len() as u32 + 1);
            out.push(Posting {
                n,
                day,
                form,
                place,
            });
        }
        break;
    }
    out
}

/// The sheet of declared conditions: a header with "Điều kiện" and "Kê khai" (or "Tự đánh
/// giá"); rows are matched to the packs' declared conditions by id, else by their text.
fn read_declarations(
    grids: &[Grid],
    skip: usize,
    report: &mut FileReport,
    opts: ReadOptions,
) -> Vec<Declaration> {
    let known: Vec<(String, String)> = opts
        .lib
        .packs
        .values()
        .flat_map(|p| p.def.recognition.values())
        .flat_map(|r| &r.conditions)
        .filter(|c| c.kind == ConditionKind::Declared)
        .map(|c| (c.id.clone(), fold(&c.text)))
        .collect();
    let mut out: Vec<Declaration> = Vec::new();
    for (i, g) in grids.iter().enumerate() {
        if i == skip {
            continue;
        }
        let Some((header, cols)) = header_with(
            g,
            |f| {
                if f == "ma" || f.starts_with("ma dieu kien") {
                    Some(0)
                } else if f.starts_with("dieu kien") || f.starts_with("noi dung") {
                    Some(1)
                } else if f.starts_with("ke khai")
                    || f.contains("danh gia")
                    || f.starts_with("ket qua")
                {
                    Some(2)
                } else if f.starts_with("van ban")
                    || f.contains("minh chung")
                    || f.starts_with("tai lieu")
                {
                    Some(3)
                } else {
                    None
                }
            },
            &[1, 2],
        ) else {
            continue;
        };
        for r in header + 1..g.end_row() {
            let text = |k: u8| cols.get(&k).map(|c| g.text(r, *c)).unwrap_or_default();
            let (code, cond, value) = (text(0), text(1), text(2));
            if code.is_empty() && cond.is_empty() {
                continue;
            }
            let fc = fold(&cond);
            let id = known
                .iter()
                .find(|(id, _)| fold(&code) == fold(id))
                .or_else(|| {
                    known.iter().find(|(_, t)| {
                        !fc.is_empty() && (*t == fc || t.contains(&fc) || fc.contains(t.as_str()))
                    })
                })
                .map(|(id, _)| id.clone());
            let Some(id) = id else {
                report.push(
                    Severity::Warning,
                    Some(&g.name),
                    Some(cell_ref(r, cols[&1])),
                    ProblemKind::UnknownCondition,
                    Some(if code.is_empty() { cond } else { code }),
                );
                continue;
            };
            let declared = yes_no(&value);
            if declared.is_none() && !value.is_empty() {
                report.push(
                    Severity::Error,
                    Some(&g.name),
                    Some(cell_ref(r, cols[&2])),
                    ProblemKind::BadSelfAssessment,
                    Some(value.clone()),
                );
            }
            out.retain(|d| d.condition != id);
            out.push(Declaration {
                condition: id,
                declared,
                document: text(3),
            });
        }
        break;
    }
    out
}

/// The first row (of the first 20) whose headers `kind` classifies to include every key of
/// `needed`; the columns by key.
fn header_with(
    g: &Grid,
    kind: impl Fn(&str) -> Option<u8>,
    needed: &[u8],
) -> Option<(u32, BTreeMap<u8, u32>)> {
    for r in 0..g.end_row().min(HEADER_SEARCH_ROWS) {
        let mut cols = BTreeMap::new();
        for c in 0..g.end_col() {
            let f = fold(&g.str_at(r, c));
            if let Some(k) = kind(f.trim_end_matches(':')) {
                cols.entry(k).or_insert(c);
            }
        }
        if needed.iter().all(|k| cols.contains_key(k)) {
            return Some((r, cols));
        }
    }
    None
}
