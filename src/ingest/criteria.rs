//! Self-assessment workbooks: a commune's results per indicator of its criteria set, the public
//! postings of its report, and the conditions it declares.
//!
//! The workbook hailong writes (`template --criteria`) is one example; communes retype it, add
//! columns, drop the code column, split the table over two sheets or order the sheets otherwise.
//! Columns are found by the meaning of their headers (a vocabulary, accents, case and legacy
//! fonts ignored); of two columns that could both be the result or the claim, the template's
//! word decides, and without it nothing is guessed. The code column is found by its header or by
//! which column holds the set's codes; the set by the "Bộ tiêu chí" line or the only set the
//! codes fit; the claim by one "Tự đánh giá" column or two tick columns "Đạt" | "Chưa đạt"; a
//! result typed into a % cell by the cell's format (.xlsx, .ods). Every row is either read or reported
//! with its cell. This layer reads; whether the commune is ready is `score`'s call.

use super::layout::{COMMUNE_LABELS, HEADER_SEARCH_ROWS, labelled};
use super::sheet::{Grid, cell_ref, cell_text};
use super::{FileReport, ProblemKind, ReadOptions, Severity};
use crate::date::Day;
use crate::model::{AssessedIndicator, Declaration, Posting, SelfAssessment};
use crate::rules::schema::ConditionKind;
use crate::rules::target::{Target, yes_no};
use crate::rules::{AssessRow, CriteriaSet};
use crate::text::fold;
use calamine::Data;
use std::collections::{BTreeMap, BTreeSet, HashSet};

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

fn classify_folded(f: &str) -> Option<SaCol> {
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

/// The header words each column is called in the template: when a sheet has two columns of
/// one kind ("Kết quả năm 2023", "Kết quả thực hiện"), the template's word decides.
fn canonical(k: SaCol) -> &'static str {
    match k {
        SaCol::Code => "ma chi tieu",
        SaCol::Name => "noi dung chi tieu",
        SaCol::Target => "chi tieu quy dinh",
        SaCol::Result => "ket qua thuc hien",
        SaCol::SelfAssessed => "tu danh gia",
        SaCol::Evidence => "minh chung, ghi chu",
        SaCol::Criterion => "tieu chi",
    }
}

/// The text as written and, when it reads as text typed in a legacy font (TCVN3, VNI: pasted
/// from an old document into a Unicode sheet), as converted; each folded.
fn readings(text: &str) -> Vec<(String, Option<&'static str>)> {
    let mut out = vec![(fold(text), None)];
    if text.is_ascii() || !super::legacy::maybe_legacy(text) {
        return out;
    }
    for (enc, name) in [
        (super::legacy::Legacy::Tcvn3, "TCVN3 (ABC)"),
        (super::legacy::Legacy::Vni, "VNI"),
    ] {
        if let Some(c) = super::legacy::convert(text, enc) {
            out.push((fold(&c), Some(name)));
        }
    }
    out
}

/// "Đạt" / "Chưa đạt" in any spelling or legacy font; the encoding when one was converted.
fn yes_no_any(text: &str) -> Option<(bool, Option<&'static str>)> {
    if let Some(b) = yes_no(text) {
        return Some((b, None));
    }
    readings(text)
        .into_iter()
        .skip(1)
        .find_map(|(f, enc)| yes_no(&f).map(|b| (b, enc)))
}

/// The header row of an indicators sheet.
struct Header {
    row: u32,
    cols: BTreeMap<SaCol, u32>,
    /// "Đạt" and "Chưa đạt" as two columns marked with an x, instead of one column.
    tick: Option<(u32, u32)>,
    /// First data row.
    first: u32,
    /// Kinds that two columns claim, neither the template's word: (kind, cells).
    ambiguous: Vec<(SaCol, Vec<String>)>,
}

/// The header row of the indicators sheet and its columns.
fn indicators_header(g: &Grid) -> Option<Header> {
    for r in 0..g.end_row().min(HEADER_SEARCH_ROWS) {
        let mut found: BTreeMap<SaCol, Vec<(u32, String)>> = BTreeMap::new();
        let mut dat = None;
        let mut chua = None;
        for c in 0..g.end_col() {
            for (f, _) in readings(&g.str_at(r, c)) {
                let f = f.trim_end_matches([':', '*', ' ']).to_string();
                if f == "dat" {
                    dat = dat.or(Some(c));
                } else if f == "chua dat" || f == "khong dat" {
                    chua = chua.or(Some(c));
                }
                if let Some(k) = classify_folded(&f) {
                    found.entry(k).or_default().push((c, f));
                    break;
                }
            }
        }
        // Tick columns in this row, or in the row under a "Tự đánh giá" spanning them.
        let mut tick = dat.zip(chua);
        let mut first = r + 1;
        if tick.is_none()
            && let Some(cands) = found.get(&SaCol::SelfAssessed)
            && r + 1 < g.end_row()
        {
            let c = cands[0].0;
            let below = |c: u32| fold(&g.str_at(r + 1, c));
            if below(c) == "dat" && matches!(below(c + 1).as_str(), "chua dat" | "khong dat") {
                tick = Some((c, c + 1));
                first = r + 2;
            }
        }
        let has_self = found.contains_key(&SaCol::SelfAssessed) || tick.is_some();
        if !(has_self && (found.contains_key(&SaCol::Result) || found.contains_key(&SaCol::Code))) {
            continue;
        }
        let mut cols = BTreeMap::new();
        let mut ambiguous = Vec::new();
        for (k, cands) in found {
            let pick = match cands.as_slice() {
                [one] => Some(one.0),
                many => many
                    .iter()
                    .find(|(_, f)| f == canonical(k))
                    .map(|(c, _)| *c)
                    .or_else(|| {
                        // Only the columns that carry the commune's figures and claims must
                        // be unique; two "Ghi chú" columns are harmless.
                        if matches!(k, SaCol::Result | SaCol::SelfAssessed) && tick.is_none() {
                            ambiguous
                                .push((k, many.iter().map(|(c, _)| cell_ref(r, *c)).collect()));
                            None
                        } else {
                            Some(many[0].0)
                        }
                    }),
            };
            if let Some(c) = pick {
                cols.insert(k, c);
            }
        }
        return Some(Header {
            row: r,
            cols,
            tick,
            first,
            ambiguous,
        });
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

/// The commune named in a heading cell: "Xã: Chiềng Mung" (also in a legacy font), "UBND XÃ
/// CHIỀNG MUNG", "ỦY BAN NHÂN DÂN XÃ CHIỀNG MUNG", "XÃ CHIỀNG MUNG" — what a retyped workbook
/// keeps when it drops the "Xã:" line.
fn commune_in_headings(grids: &[Grid], opts: ReadOptions) -> Option<String> {
    for g in grids {
        for r in 0..g.end_row().min(12) {
            for c in 0..g.end_col().min(12) {
                let text = g.text(r, c);
                for (f, _) in readings(&text) {
                    let name = ["ubnd xa ", "uy ban nhan dan xa ", "xa: ", "xa:", "xa "]
                        .iter()
                        .find_map(|p| f.strip_prefix(p));
                    if let Some(name) = name
                        && opts
                            .gazetteer
                            .resolve(name.trim())
                            .is_ok_and(|u| u.unit.kind == crate::rules::gazetteer::UnitKind::Xa)
                    {
                        return Some(name.trim().to_string());
                    }
                }
            }
        }
    }
    None
}

/// Reads a self-assessment workbook. `raw` is the file's bytes when it is a small .xlsx (to
/// tell percentage cells from fractions).
pub fn read(
    grids: &[Grid],
    report: &mut FileReport,
    opts: ReadOptions,
    raw: Option<&[u8]>,
) -> Option<SelfAssessment> {
    let sheets: Vec<(usize, Header)> = grids
        .iter()
        .enumerate()
        .filter_map(|(i, g)| indicators_header(g).map(|h| (i, h)))
        .collect();
    let (first_sheet, first_header) = sheets.first()?;
    report.layout.parts = Some(vec![super::LayoutPart::SelfAssessment]);
    refuse_ambiguous_columns(grids, &sheets, report)?;
    let commune = assessed_commune(grids, report, opts)?;
    report.commune = Some(commune.clone());
    let code_cols = code_columns(grids, &sheets, opts);
    let Some(Some(_)) = code_cols.first() else {
        report.fatal(
            Some(&grids[*first_sheet].name),
            Some(cell_ref(first_header.row, 0)),
            ProblemKind::MissingHeader {
                column: "Mã chỉ tiêu".into(),
            },
            None,
        );
        return None;
    };
    let codes: Vec<(u32, String, bool)> = sheets
        .iter()
        .zip(&code_cols)
        .filter_map(|((i, h), c)| c.map(|c| (&grids[*i], h, c)))
        .flat_map(|(g, h, c)| {
            (h.first..g.end_row()).map(move |r| {
                let d = g.get(r, c);
                (r, code_text(d), matches!(d, Data::Float(_)))
            })
        })
        .filter(|(_, t, _)| code_like(t))
        .collect();
    let set = resolve_set(grids, &codes, report, opts)?;
    report.criteria_set = Some(set.header.id.clone());
    let group = resolve_group(grids, set, report);
    let rows = set.rows(group.as_deref());
    let mut a = Assessing {
        grids,
        set,
        by_code: rows.iter().map(|r| (r.code.as_str(), r)).collect(),
        criterion_codes: set.criteria.iter().map(|c| c.code.as_str()).collect(),
        indicators: Vec::new(),
        seen: BTreeMap::new(),
        converted: Vec::new(),
        blank: Vec::new(),
    };
    a.refuse_indicators_in_two_sheets(&sheets, &code_cols, report)?;
    for ((si, h), code_col) in sheets.iter().zip(&code_cols) {
        let Some(code_col) = *code_col else { continue };
        let g = &grids[*si];
        let percent = raw
            .and_then(|b| super::styles::percent_cells(b, &g.name))
            .unwrap_or_default();
        let s = IndicatorSheet {
            si: *si,
            g,
            h,
            code_col,
            percent,
        };
        for r in h.first..g.end_row() {
            a.read_row(&s, r, report)?;
        }
    }
    let indicators = a.report_gaps(&grids[*first_sheet].name, &rows, report);
    let skip: BTreeSet<usize> = sheets.iter().map(|(i, _)| *i).collect();
    let postings = read_postings(grids, &skip, report);
    let declarations = read_declarations(grids, &skip, report, opts);
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

/// Two columns that could both be the result or the claim, neither the template's word:
/// which one is meant is not guessed, and the file is refused (said).
fn refuse_ambiguous_columns(
    grids: &[Grid],
    sheets: &[(usize, Header)],
    report: &mut FileReport,
) -> Option<()> {
    if let Some((i, (k, cells))) = sheets
        .iter()
        .find_map(|(i, h)| h.ambiguous.first().map(|a| (i, a)))
    {
        let column = match k {
            SaCol::Result => "Kết quả thực hiện",
            _ => "Tự đánh giá",
        };
        report.fatal(
            Some(&grids[*i].name),
            cells.first().cloned(),
            ProblemKind::AmbiguousColumn {
                column: column.into(),
                cells: cells.clone(),
            },
            None,
        );
        return None;
    }
    Some(())
}

/// The commune assessed: `--commune`, the "Xã:" line, else a heading that names it.
fn assessed_commune(grids: &[Grid], report: &mut FileReport, opts: ReadOptions) -> Option<String> {
    let found = (opts.commune.is_none()
        && grids.iter().all(|g| labelled(g, COMMUNE_LABELS).is_none()))
    .then(|| commune_in_headings(grids, opts))
    .flatten();
    let opts_commune = ReadOptions {
        commune: found.as_deref().or(opts.commune),
        ..opts
    };
    super::layout::resolve_commune(grids, report, opts_commune)
}

/// The code column of each sheet: by its header, or the column holding most of the codes of
/// some set.
fn code_columns(grids: &[Grid], sheets: &[(usize, Header)], opts: ReadOptions) -> Vec<Option<u32>> {
    let all_codes: BTreeSet<String> = opts
        .lib
        .criteria_sets
        .values()
        .flat_map(|s| s.rows(None).into_iter().map(|r| r.code))
        .collect();
    let mut code_cols = Vec::new();
    for (i, h) in sheets {
        let g = &grids[*i];
        let col = match h.cols.get(&SaCol::Code) {
            Some(c) => Some(*c),
            None => (0..g.end_col())
                .map(|c| {
                    let n = (h.first..g.end_row())
                        .filter(|r| all_codes.contains(&code_text(g.get(*r, c))))
                        .count();
                    (n, c)
                })
                .max_by_key(|(n, c)| (*n, std::cmp::Reverse(*c)))
                .filter(|(n, _)| *n >= 2)
                .map(|(_, c)| c),
        };
        code_cols.push(col);
    }
    code_cols
}

/// An indicators sheet being read: its index among the grids, header, code column, and the
/// cells its file formats as percentages.
struct IndicatorSheet<'a> {
    si: usize,
    g: &'a Grid,
    h: &'a Header,
    code_col: u32,
    percent: HashSet<(u32, u32)>,
}

/// The claim of one row as written: its text and its cell.
struct Claim {
    text: String,
    cell: u32,
    /// For two tick columns, which one is marked (`Some(None)` neither, `None` both); `None`
    /// for one column.
    ticked: Option<Option<Option<bool>>>,
}

/// Reading the indicators of a workbook against its criteria set: what is read so far, and
/// what is said at the end.
struct Assessing<'a> {
    grids: &'a [Grid],
    set: &'a CriteriaSet,
    by_code: BTreeMap<&'a str, &'a AssessRow>,
    criterion_codes: BTreeSet<&'a str>,
    indicators: Vec<AssessedIndicator>,
    /// Code → (sheet, row) where it was first read.
    seen: BTreeMap<String, (usize, u32)>,
    /// Cells read from a legacy font.
    converted: Vec<String>,
    /// Indicators without a claim.
    blank: Vec<String>,
}

impl Assessing<'_> {
    /// The same indicators in two sheets (an old copy beside the new one) are refused before
    /// anything is read from either: which one the commune means cannot be told.
    fn refuse_indicators_in_two_sheets(
        &self,
        sheets: &[(usize, Header)],
        code_cols: &[Option<u32>],
        report: &mut FileReport,
    ) -> Option<()> {
        let grids = self.grids;
        let mut owner: BTreeMap<&str, usize> = BTreeMap::new();
        for ((si, h), code_col) in sheets.iter().zip(code_cols) {
            let Some(c) = *code_col else { continue };
            let g = &grids[*si];
            for r in h.first..g.end_row() {
                let code = code_text(g.get(r, c));
                let Some((known, _)) = self.by_code.get_key_value(code.as_str()) else {
                    continue;
                };
                match owner.get(known) {
                    Some(other) if other != si => {
                        report.fatal(
                            Some(&g.name),
                            Some(cell_ref(r, c)),
                            ProblemKind::IndicatorSheets {
                                sheets: vec![grids[*other].name.clone(), g.name.clone()],
                            },
                            Some(code),
                        );
                        return None;
                    }
                    _ => {
                        owner.insert(known, *si);
                    }
                }
            }
        }
        Some(())
    }

    /// Reads row `r` of an indicators sheet: a heading or a note left out, an indicator read
    /// (its problems said), or rejected; `None` when the file is refused.
    fn read_row(&mut self, s: &IndicatorSheet, r: u32, report: &mut FileReport) -> Option<()> {
        let (g, si, code_col) = (s.g, &s.si, s.code_col);
        let col = |k: SaCol| s.h.cols.get(&k).copied();
        let code = code_text(g.get(r, code_col));
        let result_cell = col(SaCol::Result)
            .map(|c| g.get(r, c).clone())
            .unwrap_or(Data::Empty);
        let result = cell_text(&result_cell);
        let claim = claim_of(s, r);
        let self_blank = match claim.ticked {
            Some(t) => t == Some(None),
            None => claim.text.is_empty(),
        };
        let filled = !self_blank || !result.is_empty();
        let Some(code) = self.row_code(s, r, code, filled) else {
            return Some(());
        };
        report.rows_read += 1;
        let at = |c: u32| Some(cell_ref(r, c));
        let Some(row) = self.by_code.get(code.as_str()).copied() else {
            report.rejected += 1;
            report.push(
                Severity::Error,
                Some(&g.name),
                at(code_col),
                ProblemKind::UnknownIndicator {
                    set: self.set.header.id.clone(),
                },
                Some(code),
            );
            return Some(());
        };
        if let Some((fs, fr)) = self.seen.get(&code) {
            if fs != si {
                // The same indicators in two sheets: an old copy, or a copy per version.
                report.fatal(
                    Some(&g.name),
                    at(code_col),
                    ProblemKind::IndicatorSheets {
                        sheets: vec![self.grids[*fs].name.clone(), g.name.clone()],
                    },
                    Some(code),
                );
                return None;
            }
            report.rejected += 1;
            report.push(
                Severity::Error,
                Some(&g.name),
                at(code_col),
                ProblemKind::DuplicateIndicator { first_row: fr + 1 },
                Some(code),
            );
            return Some(());
        }
        self.seen.insert(code.clone(), (*si, r));
        let self_assessed = self.self_assessed(s, r, &claim, report);
        if self_blank {
            self.blank.push(code.clone());
        }
        let target = Target::parse(&row.target);
        let result_col = col(SaCol::Result).unwrap_or(code_col);
        let result_text = self.result_text(s, r, row, &target, &result_cell, report);
        if let (Some(claimed), Some(reading)) = (self_assessed, target.judge(&result_text))
            && claimed != reading
        {
            report.push(
                Severity::Error,
                Some(&g.name),
                at(result_col),
                ProblemKind::Contradiction {
                    indicator: code.clone(),
                    target: row.target.clone(),
                    self_assessed: claimed,
                },
                Some(result_text.clone()),
            );
        }
        report.accepted += 1;
        self.indicators.push(AssessedIndicator {
            code,
            result: result_text,
            self_assessed,
            evidence: col(SaCol::Evidence)
                .map(|c| g.text(r, c))
                .unwrap_or_default(),
            cell: format!("{}!{}", g.name, cell_ref(r, claim.cell)),
        });
        Some(())
    }

    /// The indicator code of row `r` as it is meant, or `None` for a heading or a note, which
    /// carry no assessment.
    fn row_code(
        &self,
        s: &IndicatorSheet,
        r: u32,
        mut code: String,
        filled: bool,
    ) -> Option<String> {
        // Heading rows (a group "I", a criterion "1" with its name) and notes under the
        // table carry no assessment.
        if !self.by_code.contains_key(code.as_str()) && !filled {
            let heading = self.criterion_codes.contains(code.as_str())
                || self.set.groups.iter().any(|x| x.code == code);
            if heading || code.is_empty() || !code_like(&code) {
                return None;
            }
        }
        // A code typed as a number loses its trailing zero: the second "17.1" is 17.10.
        if self.seen.contains_key(&code)
            && matches!(s.g.get(r, s.code_col), Data::Float(_))
            && self.by_code.contains_key(format!("{code}0").as_str())
            && !self.seen.contains_key(&format!("{code}0"))
        {
            code = format!("{code}0");
        }
        Some(code)
    }

    /// The claim of row `r`: "Đạt" (`Some(true)`), "Chưa đạt", or none; a mark that is
    /// neither (both tick columns marked, or another word) is said and read as none.
    fn self_assessed(
        &mut self,
        s: &IndicatorSheet,
        r: u32,
        claim: &Claim,
        report: &mut FileReport,
    ) -> Option<bool> {
        // The claim, or `Err` for a mark that is neither "Đạt" nor "Chưa đạt" (both tick
        // columns marked, or another word).
        let read = match claim.ticked {
            Some(Some(t)) => Ok(t),
            Some(None) => Err(()),
            None => match yes_no_any(&claim.text) {
                Some((b, enc)) => {
                    if enc.is_some() {
                        self.converted.push(cell_ref(r, claim.cell));
                    }
                    Ok(Some(b))
                }
                None if claim.text.is_empty() => Ok(None),
                None => Err(()),
            },
        };
        read.unwrap_or_else(|()| {
            report.push(
                Severity::Error,
                Some(&s.g.name),
                Some(cell_ref(r, claim.cell)),
                ProblemKind::BadSelfAssessment,
                Some(claim.text.clone()),
            );
            None
        })
    }

    /// Row `r`'s result as it is judged against the target: a % cell's figure as a
    /// percentage, a fraction that may be one marked "(?)" (said), "Đạt" typed in a legacy
    /// font converted; else as written.
    fn result_text(
        &mut self,
        s: &IndicatorSheet,
        r: u32,
        row: &AssessRow,
        target: &Target,
        result_cell: &Data,
        report: &mut FileReport,
    ) -> String {
        let result = cell_text(result_cell);
        let result_col = s.h.cols.get(&SaCol::Result).copied().unwrap_or(s.code_col);
        // A percentage typed into a cell formatted as % arrives as a fraction (0,935): the
        // format says so in an .xlsx or .ods; elsewhere which was meant cannot be told, and the
        // figure is not read against the target.
        let fraction = matches!(result_cell, Data::Float(f) if *f > 0.0 && *f < 1.0)
            && row.target.contains('%');
        match result_cell {
            Data::Float(_) | Data::Int(_) if s.percent.contains(&(r, result_col)) => {
                let v = match result_cell {
                    Data::Int(i) => *i as f64,
                    Data::Float(f) => *f,
                    _ => 0.0,
                } * 100.0;
                let t = format!("{v:.6}");
                format!(
                    "{}%",
                    t.trim_end_matches('0')
                        .trim_end_matches('.')
                        .replace('.', ",")
                )
            }
            _ if fraction => {
                report.push(
                    Severity::Warning,
                    Some(&s.g.name),
                    Some(cell_ref(r, result_col)),
                    ProblemKind::AmbiguousFraction {
                        target: row.target.clone(),
                    },
                    Some(result.clone()),
                );
                format!("{result} (?)")
            }
            _ => match (target, yes_no(&result)) {
                // "§¹t" typed in a legacy font reads as "Đạt".
                (Target::Reached, None) => match yes_no_any(&result) {
                    Some((b, Some(_))) => {
                        self.converted.push(cell_ref(r, result_col));
                        if b { "Đạt" } else { "Chưa đạt" }.to_string()
                    }
                    _ => result,
                },
                _ => result,
            },
        }
    }

    /// Says, on the first indicators sheet, the cells read from a legacy font, the indicators
    /// without a claim and those of the set the workbook lacks; the indicators read.
    fn report_gaps(
        self,
        first_sheet: &str,
        rows: &[AssessRow],
        report: &mut FileReport,
    ) -> Vec<AssessedIndicator> {
        if !self.converted.is_empty() {
            report.push(
                Severity::Warning,
                Some(first_sheet),
                None,
                ProblemKind::Converted {
                    encoding: "TCVN3/VNI".into(),
                    cells: self.converted,
                },
                None,
            );
        }
        if !self.blank.is_empty() {
            report.push(
                Severity::Warning,
                Some(first_sheet),
                None,
                ProblemKind::NotAssessed { codes: self.blank },
                None,
            );
        }
        let missing: Vec<String> = rows
            .iter()
            .filter(|r| !self.seen.contains_key(&r.code))
            .map(|r| r.code.clone())
            .collect();
        if !missing.is_empty() {
            report.push(
                Severity::Error,
                Some(first_sheet),
                None,
                ProblemKind::MissingIndicators {
                    set: self.set.header.id.clone(),
                    codes: missing,
                },
                None,
            );
        }
        self.indicators
    }
}

/// The claim cells of row `r`: one column, or two tick columns.
fn claim_of(s: &IndicatorSheet, r: u32) -> Claim {
    let g = s.g;
    match s.h.tick {
        Some((yes, no)) => {
            let (y, n) = (g.text(r, yes), g.text(r, no));
            let t = match (y.is_empty(), n.is_empty()) {
                (false, true) => Some(Some(true)),
                (true, false) => Some(Some(false)),
                (true, true) => Some(None),
                (false, false) => None,
            };
            Claim {
                text: format!("{y}|{n}"),
                cell: yes,
                ticked: Some(t),
            }
        }
        None => {
            let c =
                s.h.cols
                    .get(&SaCol::SelfAssessed)
                    .copied()
                    .unwrap_or(s.code_col);
            Claim {
                text: g.text(r, c),
                cell: c,
                ticked: None,
            }
        }
    }
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

/// The first sheet other than the indicators' (`skip`) with a header row `kind` classifies to
/// include every key of `needed`: the sheet, its header row and the columns by key. When there
/// is none, the part is said to be absent ("postings", "conditions"): what it decides is then
/// counted as not met, which the reader must know.
fn part_sheet<'g>(
    grids: &'g [Grid],
    skip: &BTreeSet<usize>,
    kind: impl Fn(&str) -> Option<u8>,
    needed: &[u8],
    part: &str,
    report: &mut FileReport,
) -> Option<(&'g Grid, u32, BTreeMap<u8, u32>)> {
    let found = grids
        .iter()
        .enumerate()
        .filter(|(i, _)| !skip.contains(i))
        .find_map(|(_, g)| header_with(g, &kind, needed).map(|(h, cols)| (g, h, cols)));
    if found.is_none() {
        report.push_file(
            Severity::Warning,
            ProblemKind::MissingPart { part: part.into() },
        );
    }
    found
}

/// The sheet of postings ("Công khai"): a header with "Lần" and "Ngày".
fn read_postings(grids: &[Grid], skip: &BTreeSet<usize>, report: &mut FileReport) -> Vec<Posting> {
    let mut out = Vec::new();
    let kind = |f: &str| {
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
    };
    let Some((g, header, cols)) = part_sheet(grids, skip, kind, &[0, 1], "postings", report) else {
        return out;
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
    out
}

/// The sheet of declared conditions: a header with "Điều kiện" and "Kê khai" (or "Tự đánh
/// giá"); rows are matched to the packs' declared conditions by id, else by their text.
fn read_declarations(
    grids: &[Grid],
    skip: &BTreeSet<usize>,
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
    let kind = |f: &str| {
        if f == "ma" || f.starts_with("ma dieu kien") {
            Some(0)
        } else if f.starts_with("dieu kien") || f.starts_with("noi dung") {
            Some(1)
        } else if f.contains("ke khai") || f.contains("danh gia") || f.starts_with("ket qua") {
            Some(2)
        } else if f.starts_with("van ban") || f.contains("minh chung") || f.starts_with("tai lieu")
        {
            Some(3)
        } else {
            None
        }
    };
    let Some((g, header, cols)) = part_sheet(grids, skip, kind, &[1, 2], "conditions", report)
    else {
        return out;
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
        let declared = yes_no_any(&value);
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
            declared: declared.map(|(b, _)| b),
            document: text(3),
        });
    }
    out
}

/// The first row (of the first 20) whose headers `kind` classifies to include every key of
/// `needed`; the columns by key.
fn header_with(
    g: &Grid,
    kind: &impl Fn(&str) -> Option<u8>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Library;
    use crate::rules::gazetteer::Gazetteer;
    use proptest::prelude::*;
    use std::collections::HashMap;

    /// Words a self-assessment is made of: headers, codes, claims, dates, noise.
    const WORDS: &[&str] = &[
        "Mã chỉ tiêu",
        "Tự đánh giá",
        "Kết quả thực hiện",
        "Kết quả 2023",
        "Đạt",
        "Chưa đạt",
        "x",
        "",
        "1.1",
        "2.2",
        "17.10",
        "13.?",
        "9",
        "KM1",
        "≥70%",
        "93,5%",
        "0.5",
        "Lần",
        "Ngày",
        "12/3/2025",
        "31/2/2025",
        "Điều kiện",
        "Kê khai",
        "no_debt",
        "security",
        "Xã: Chiềng Mung",
        "XÃ MƯỜNG BÚ",
        "Bộ tiêu chí: xa-ntm-2021-2025",
        "Nhóm xã: 3",
        "§¹t",
        "Ch\u{ad}a ®¹t",
        "Văn bản",
        "I",
        "Ghi chú",
    ];

    fn grid(name: &str, cells: &[(u32, u32, usize)]) -> Grid {
        let cells = cells
            .iter()
            .map(|(r, c, w)| ((*r, *c), Data::String(WORDS[*w].to_string())))
            .collect();
        Grid::from_cells(name.into(), cells).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Whatever the cells, reading never panics and every row read is accepted or rejected.
        #[test]
        fn reading_any_sheet_never_panics_and_reconciles(
            a in proptest::collection::vec((0u32..30, 0u32..10, 0..WORDS.len()), 0..200),
            b in proptest::collection::vec((0u32..12, 0u32..6, 0..WORDS.len()), 0..40),
        ) {
            let lib = Library::shipped().unwrap();
            let gaz = Gazetteer::son_la();
            let registers = HashMap::new();
            let opts = ReadOptions {
                lib: &lib,
                gazetteer: &gaz,
                commune: None,
                form: None,
                registers: &registers,
                mapping: None,
                accept_partial: false,
            };
            let grids = vec![grid("Tự đánh giá", &a), grid("Công khai", &b)];
            let mut report = FileReport::new("x.xlsx");
            let _ = looks_like(&grids);
            let _ = read(&grids, &mut report, opts, None);
            prop_assert!(report.reconciles(), "{report:?}");
        }
    }
}
