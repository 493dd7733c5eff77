//! Exports of digital collection tools (KoboToolbox, ODK, Google Forms) read through a mapping
//! file that says which column is which item and which values mean what.
//!
//! The export is one row per submission; nothing about it is guessed. The mapping is a small TOML
//! file (format in the README); its mistakes are reported like a sheet's, naming the key.

use super::header::is_total_label;
use super::sheet::{Grid, cell_ref};
use super::{FileReport, ProblemKind, ReadOptions, Severity};
use crate::model::{Answer, Ballot, Provenance, RegisterArea, SurveyBatch};
use crate::text::{clean, closest, fold, fold_place};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// A mapping file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Where things are.
    pub mapping: Columns,
    /// Item number → column name.
    pub items: BTreeMap<String, String>,
    /// Which values mean what.
    pub values: Values,
    /// Households per area, when the workspace has no register for the commune yet.
    #[serde(default)]
    pub register: BTreeMap<String, u32>,
}

/// Column names and fixed values.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    /// Form id.
    pub form: String,
    /// The commune, when the export is for one commune.
    #[serde(default)]
    pub commune: Option<String>,
    /// The column naming the commune, when it varies by row (then every row must name the
    /// same commune as `--commune` or as the first row).
    #[serde(default)]
    pub commune_column: Option<String>,
    /// Column of the residential area.
    pub area_column: String,
    /// Column of the form's number or the submission id.
    #[serde(default)]
    pub form_no_column: Option<String>,
    /// Column of the reason for dissatisfaction.
    #[serde(default)]
    pub reason_column: Option<String>,
    /// Column of the other opinions.
    #[serde(default)]
    pub other_column: Option<String>,
    /// Sheet to read (default: the first).
    #[serde(default)]
    pub sheet: Option<String>,
}

/// Answer values.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Values {
    /// Values meaning "Hài lòng".
    pub satisfied: Vec<String>,
    /// Values meaning "Không hài lòng".
    pub dissatisfied: Vec<String>,
    /// Values meaning no answer (besides an empty cell).
    #[serde(default)]
    pub blank: Vec<String>,
}

impl Mapping {
    /// Reads and parses a mapping file.
    pub fn load(path: &Path) -> Result<Mapping, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Mapping::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Parses a mapping file's text (kept apart from [`Mapping::load`] so the parser can be
    /// fuzzed without touching the disk).
    pub fn parse(text: &str) -> Result<Mapping, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }
}

fn find_col(grid: &Grid, header: u32, name: &str) -> Option<u32> {
    let want = fold(name);
    (0..grid.end_col()).find(|c| {
        let f = fold(&grid.text(header, *c));
        f == want || f.rsplit('/').next() == Some(want.as_str())
    })
}

/// Reads an export through its mapping.
pub fn read(
    grids: &[Grid],
    m: &Mapping,
    report: &mut FileReport,
    opts: ReadOptions,
) -> Option<SurveyBatch> {
    let bad = |report: &mut FileReport, detail: String| {
        report.fatal(None, None, ProblemKind::Mapping { detail }, None);
    };
    let Some(form) = opts.lib.form(&m.mapping.form) else {
        bad(
            report,
            format!(
                "mapping.form = \"{}\" không phải mẫu phiếu đã biết",
                m.mapping.form
            ),
        );
        return None;
    };
    report.form = Some(form.id().to_string());
    report.layout = format!("{} (mapping)", report.layout);
    let grid = match &m.mapping.sheet {
        Some(s) => grids.iter().find(|g| fold(&g.name) == fold(s)),
        None => grids.first(),
    };
    let Some(grid) = grid else {
        bad(
            report,
            format!(
                "mapping.sheet = \"{}\" không có trong tệp",
                m.mapping.sheet.clone().unwrap_or_default()
            ),
        );
        return None;
    };
    let Some(header) =
        (0..grid.end_row().min(20)).find(|r| find_col(grid, *r, &m.mapping.area_column).is_some())
    else {
        bad(
            report,
            format!(
                "không thấy cột mapping.area_column = \"{}\"",
                m.mapping.area_column
            ),
        );
        return None;
    };
    let need = |report: &mut FileReport, key: &str, name: &str| -> Option<u32> {
        let c = find_col(grid, header, name);
        if c.is_none() {
            report.fatal(
                Some(&grid.name),
                Some(format!("{}", header + 1)),
                ProblemKind::Mapping {
                    detail: format!("không thấy cột {key} = \"{name}\""),
                },
                None,
            );
        }
        c
    };
    let area_c = need(report, "mapping.area_column", &m.mapping.area_column)?;
    let mut item_cols = vec![None; form.item_count()];
    for (k, name) in &m.items {
        let n: usize = match k.parse() {
            Ok(n) if n >= 1 && n <= form.item_count() => n,
            _ => {
                bad(
                    report,
                    format!(
                        "items.{k}: mẫu {} có câu 1 đến {}",
                        form.id(),
                        form.item_count()
                    ),
                );
                return None;
            }
        };
        item_cols[n - 1] = Some(need(report, &format!("items.{k}"), name)?);
    }
    let missing: Vec<u32> = (1..=form.item_count() as u32)
        .filter(|i| item_cols[*i as usize - 1].is_none())
        .collect();
    if !missing.is_empty() {
        report.fatal(
            None,
            None,
            ProblemKind::MissingItems { items: missing },
            None,
        );
        return None;
    }
    let item_cols: Vec<u32> = item_cols.into_iter().map(|c| c.expect("checked")).collect();
    let opt = |report: &mut FileReport, key: &str, name: &Option<String>| -> Option<Option<u32>> {
        match name {
            Some(n) => need(report, key, n).map(Some),
            None => Some(None),
        }
    };
    let form_no_c = opt(report, "mapping.form_no_column", &m.mapping.form_no_column)?;
    let reason_c = opt(report, "mapping.reason_column", &m.mapping.reason_column)?;
    let other_c = opt(report, "mapping.other_column", &m.mapping.other_column)?;
    let commune_c = opt(report, "mapping.commune_column", &m.mapping.commune_column)?;

    // Commune: --commune, the mapping, or the first row's commune column.
    let written = opts
        .commune
        .map(str::to_string)
        .or(m.mapping.commune.clone())
        .or_else(|| commune_c.map(|c| grid.text(header + 1, c)));
    let Some(written) = written.filter(|w| !w.is_empty()) else {
        report.fatal(None, None, ProblemKind::NoCommune, None);
        return None;
    };
    let commune = match opts.gazetteer.resolve(&written) {
        Ok(r) => r.unit.name.clone(),
        Err(e) => {
            use crate::i18n::Localized;
            report.fatal(
                None,
                None,
                ProblemKind::CommuneLookup {
                    message_vi: e.to_string(),
                    message_en: e.en(),
                },
                Some(written),
            );
            return None;
        }
    };
    report.commune = Some(commune.clone());
    let register: Vec<RegisterArea> = if m.register.is_empty() {
        match opts.registers.get(&commune) {
            Some(r) => r.clone(),
            None => {
                report.fatal(None, None, ProblemKind::EmptyRegister, None);
                return None;
            }
        }
    } else {
        m.register
            .iter()
            .map(|(a, h)| RegisterArea {
                area: clean(a),
                households: *h,
                forms_issued: None,
            })
            .collect()
    };
    report.register_areas = register.len() as u32;
    let index: HashMap<String, usize> = register
        .iter()
        .enumerate()
        .map(|(i, a)| (fold_place(&a.area), i))
        .collect();
    let names: Vec<&str> = register.iter().map(|a| a.area.as_str()).collect();
    let norm = |v: &[String]| v.iter().map(|x| fold(x)).collect::<Vec<_>>();
    let (sat, dis, blank) = (
        norm(&m.values.satisfied),
        norm(&m.values.dissatisfied),
        norm(&m.values.blank),
    );

    let mut ballots = Vec::new();
    let mut per_area: HashMap<usize, u32> = HashMap::new();
    for r in header + 1..grid.end_row() {
        if grid.row_is_empty(r) {
            continue;
        }
        report.rows_read += 1;
        if let Some(c) = commune_c {
            let w = grid.text(r, c);
            if opts
                .gazetteer
                .resolve(&w)
                .map(|x| x.unit.name.clone())
                .ok()
                .as_deref()
                != Some(commune.as_str())
            {
                let kind = ProblemKind::Mapping {
                    detail: format!(
                        "dòng của xã khác \"{w}\"; mỗi lần nhập một xã (dùng --commune)"
                    ),
                };
                report.push(
                    Severity::Error,
                    Some(&grid.name),
                    Some(cell_ref(r, c)),
                    kind,
                    Some(w),
                );
                report.rejected += 1;
                continue;
            }
        }
        let area = clean(&grid.text(r, area_c));
        if is_total_label(&area) || area.is_empty() {
            report.push(
                Severity::Error,
                Some(&grid.name),
                Some(cell_ref(r, area_c)),
                ProblemKind::MissingArea,
                None,
            );
            report.rejected += 1;
            continue;
        }
        let Some(&idx) = index.get(&fold_place(&area)) else {
            let suggestions = closest(&area, names.iter().copied(), 3)
                .into_iter()
                .map(str::to_string)
                .collect();
            report.push(
                Severity::Error,
                Some(&grid.name),
                Some(cell_ref(r, area_c)),
                ProblemKind::UnknownArea { suggestions },
                Some(area),
            );
            report.rejected += 1;
            continue;
        };
        let mut answers = Vec::with_capacity(item_cols.len());
        for (i, c) in item_cols.iter().enumerate() {
            let v = grid.text(r, *c);
            let f = fold(&v);
            answers.push(if f.is_empty() || blank.contains(&f) {
                Answer::Blank
            } else if sat.contains(&f) {
                Answer::Satisfied
            } else if dis.contains(&f) {
                Answer::Dissatisfied
            } else {
                report.push(
                    Severity::Error,
                    Some(&grid.name),
                    Some(cell_ref(r, *c)),
                    ProblemKind::BadAnswer { item: i as u32 + 1 },
                    Some(v),
                );
                Answer::Invalid
            });
        }
        *per_area.entry(idx).or_default() += 1;
        let text_of = |c: Option<u32>| c.map(|c| clean(&grid.text(r, c))).filter(|s| !s.is_empty());
        ballots.push(Ballot {
            area: register[idx].area.clone(),
            form_no: text_of(form_no_c),
            answers,
            reason: text_of(reason_c),
            other_opinion: text_of(other_c),
            provenance: Provenance {
                sheet: grid.name.clone(),
                row: r + 1,
            },
        });
    }
    for (idx, n) in per_area {
        let a = &register[idx];
        if n > a.households {
            let kind = ProblemKind::TooManyBallots {
                area: a.area.clone(),
                ballots: n,
                households: a.households,
            };
            report.push(
                Severity::Error,
                None,
                None,
                kind,
                Some(a.households.to_string()),
            );
            let before = ballots.len();
            ballots.retain(|b| b.area != a.area);
            report.rejected += (before - ballots.len()) as u32;
        }
    }
    report.accepted = ballots.len() as u32;
    let own_register = if m.register.is_empty() {
        Vec::new()
    } else {
        register
    };
    Some(SurveyBatch {
        commune,
        form: form.id().to_string(),
        round: String::new(),
        sha256: report.sha256.clone(),
        register: own_register,
        ballots,
        tallies: Vec::new(),
    })
}
