//! Survey packs (surveys on scales): the entry workbook, the import of filled workbooks and the
//! indices per unit, as plain functions on resolved requests. The arithmetic is
//! [`crate::score::index`]'s; the reading [`crate::ingest::pack`]'s; the storage
//! [`crate::store::packs`]'.

use super::AppError;
use super::output::{Built, bytes};
use crate::dossier::pack::{PackReport, UnitFigures};
use crate::ingest::pack::{PackProblem, PackProblemKind};
use crate::num::Ratio;
use crate::rules::survey::{PackUnit, SurveyPack};
use crate::score::estimate::{Estimates, estimate};
use crate::score::index::{UnitIndices, compute};
use crate::store::packs::PackSource;
use crate::store::{Staging, Wait, Workspace, now_utc};
use std::path::{Path, PathBuf};

/// Which pack: a shipped one by id, or a file.
#[derive(Debug, Clone, Copy)]
pub enum PackChoice<'a> {
    /// `--pack ID`.
    Id(&'a str),
    /// `--pack-file FILE`.
    File(&'a Path),
}

/// The pack chosen.
pub fn load(choice: PackChoice) -> Result<SurveyPack, AppError> {
    Ok(match choice {
        PackChoice::Id(id) => SurveyPack::shipped(id)?,
        PackChoice::File(p) => SurveyPack::from_file(p)?,
    })
}

/// The entry workbook of a pack for a unit.
pub struct TemplateRequest<'a> {
    /// The pack.
    pub pack: PackChoice<'a>,
    /// The unit's name.
    pub commune: &'a str,
    /// `--area` values (`Name` or `Name=households`; only the name is used).
    pub areas: &'a [String],
    /// Rows with dropdowns.
    pub rows: u32,
}

/// What the workbook was built for: (pack id, unit, items).
pub fn template(req: &TemplateRequest) -> Result<Built<(String, String, usize)>, AppError> {
    let pack = load(req.pack)?;
    let areas: Vec<String> = req
        .areas
        .iter()
        .map(|a| {
            a.rsplit_once('=')
                .filter(|(_, h)| h.trim().parse::<u32>().is_ok())
                .map_or(a.as_str(), |(n, _)| n)
                .trim()
                .to_string()
        })
        .filter(|a| !a.is_empty())
        .collect();
    let wb = crate::template::pack::build(&crate::template::pack::PackTemplate {
        pack: &pack,
        commune: req.commune.trim(),
        areas: &areas,
        rows: req.rows,
    });
    Ok(Built {
        of: (
            pack.id.clone(),
            req.commune.trim().to_string(),
            pack.items.len(),
        ),
        bytes: bytes(wb)?,
    })
}

/// An import of filled pack workbooks.
pub struct ImportRequest<'a> {
    /// Workspace.
    pub data: &'a Path,
    /// The pack.
    pub pack: PackChoice<'a>,
    /// Files or folders.
    pub files: &'a [PathBuf],
    /// `--commune` (over the file's "Xã:" cell).
    pub commune: Option<&'a str>,
    /// `--mapping`: the files are exports of a collection tool, read through this mapping.
    pub mapping: Option<&'a Path>,
    /// `--round` ("" when the commune is surveyed once).
    pub round: &'a str,
    /// `false` for `check`.
    pub store: bool,
    /// Fail at once when another import holds the workspace.
    pub no_wait: bool,
    /// Told once when the import has to wait.
    pub on_wait: &'a (dyn Fn() + Sync),
}

/// What became of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PackOutcome {
    /// Stored.
    Stored,
    /// Stored in place of an earlier file of the same name.
    Replaced,
    /// The same bytes were stored before.
    Unchanged,
    /// Read and found right (`check`).
    Checked,
    /// Not stored: its problems say why.
    Refused,
}

/// One file's report.
#[derive(Debug, Clone)]
pub struct PackFileReport {
    /// The file as given.
    pub file: String,
    /// The unit.
    pub commune: Option<String>,
    /// Respondents read.
    pub respondents: u32,
    /// What became of it.
    pub outcome: PackOutcome,
    /// Its problems (cells named `Sheet!C17`).
    pub problems: Vec<PackProblem>,
}

/// An import's report.
#[derive(Debug, Clone)]
pub struct PackImportSummary {
    /// Pack id.
    pub pack: String,
    /// The survey round imported ("" when unnamed).
    pub round: String,
    /// One report per file.
    pub files: Vec<PackFileReport>,
    /// 0 every file used, 1 some refused.
    pub exit_code: u8,
}

fn spreadsheets(files: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for f in files {
        if f.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(f)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                        ["xlsx", "xlsm", "xls", "xlsb", "ods", "csv"]
                            .contains(&e.to_ascii_lowercase().as_str())
                    })
                })
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(f.clone());
        }
    }
    out
}

/// Reads every file; stores those without a problem in one commit (nothing of a refused file).
pub fn import(req: &ImportRequest) -> Result<PackImportSummary, AppError> {
    let pack = load(req.pack)?;
    let mapping = req
        .mapping
        .map(crate::ingest::pack_mapping::PackMapping::load)
        .transpose()?;
    let round = req.round.trim();
    let items: Vec<String> = pack.items.iter().map(|i| i.id.clone()).collect();
    let paths = spreadsheets(req.files);
    if paths.is_empty() {
        return Err(AppError::NoSpreadsheet {
            paths: req
                .files
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    let mut ws = if req.store {
        Workspace::open(req.data)?
    } else {
        Workspace::open_existing(req.data)?
    };
    let staging = if req.store {
        Some(Staging::create(req.data)?)
    } else {
        None
    };
    let mut reports = Vec::new();
    let mut entries: Vec<PackSource> = Vec::new();
    for path in &paths {
        let shown = path.display().to_string();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| shown.clone());
        let bytes = std::fs::read(path).map_err(|e| AppError::Read {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        let sha = crate::ingest::sha256_hex(&bytes);
        let mut read = match &mapping {
            Some(m) => crate::ingest::pack_mapping::read(bytes, &name, &pack, m, req.commune),
            None => crate::ingest::pack::read(bytes, &name, &pack),
        };
        let commune = req
            .commune
            .map(str::to_string)
            .or(read.commune.clone())
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty());
        if commune.is_none() && read.problems.is_empty() {
            read.problems.push(PackProblem {
                cell: String::new(),
                kind: PackProblemKind::NoCommune,
                value: String::new(),
            });
        }
        let mut report = PackFileReport {
            file: shown,
            commune: commune.clone(),
            respondents: read.rows.len() as u32,
            outcome: PackOutcome::Checked,
            problems: read.problems,
        };
        if !report.problems.is_empty() {
            report.outcome = PackOutcome::Refused;
        } else if let (Some(st), Some(commune)) = (&staging, commune) {
            let stored = ws
                .manifest()
                .pack_sources
                .iter()
                .find(|p| {
                    p.pack == pack.id
                        && p.commune == commune
                        && p.round == round
                        && p.file_name == name
                })
                .cloned();
            if stored.as_ref().is_some_and(|p| p.sha256 == sha) {
                report.outcome = PackOutcome::Unchanged;
            } else {
                st.write_pack(&sha, &items, &read.rows)?;
                report.outcome = if stored.is_some() {
                    PackOutcome::Replaced
                } else {
                    PackOutcome::Stored
                };
                entries.push(PackSource {
                    sha256: sha,
                    file_name: name,
                    pack: pack.id.clone(),
                    commune,
                    round: round.to_string(),
                    imported_at: now_utc(),
                    respondents: read.rows.len() as u32,
                    items: items.clone(),
                });
            }
        }
        reports.push(report);
    }
    if let (Some(st), false) = (&staging, entries.is_empty()) {
        let wait = if req.no_wait {
            Wait::No
        } else {
            Wait::Block(req.on_wait)
        };
        let guard = ws.lock_writer(wait)?;
        ws.reload(&guard, false)?;
        ws.commit_packs(&guard, st, &entries)?;
    }
    let exit_code = u8::from(reports.iter().any(|r| r.outcome == PackOutcome::Refused));
    Ok(PackImportSummary {
        pack: pack.id,
        round: round.to_string(),
        files: reports,
        exit_code,
    })
}

/// A pack with answers in the workspace: its id, its title if it is shipped (a province's own
/// pack file is not known without the file), and its units in name order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    /// Pack id.
    pub pack: String,
    /// Title of the shipped pack of that id.
    pub title: Option<String>,
    /// Units with answers.
    pub units: Vec<String>,
}

/// The packs with answers in the workspace at `data`, and the shipped packs without any (an
/// empty `units`), ids in order.
pub fn answered(data: &Path) -> Result<Vec<Answered>, AppError> {
    let ws = Workspace::open_existing(data)?;
    let mut ids: Vec<String> = SurveyPack::shipped_ids();
    ids.extend(ws.manifest().pack_sources.iter().map(|p| p.pack.clone()));
    ids.sort();
    ids.dedup();
    Ok(ids
        .into_iter()
        .map(|id| {
            let mut units: Vec<String> = ws
                .pack_sources(&id)
                .iter()
                .map(|s| s.commune.clone())
                .collect();
            units.sort_by_key(|u| crate::text::fold(u));
            units.dedup();
            Answered {
                title: SurveyPack::shipped(&id).ok().map(|p| p.title),
                pack: id,
                units,
            }
        })
        .collect())
}

/// Indices of a pack per unit.
pub struct IndexRequest<'a> {
    /// Workspace.
    pub data: &'a Path,
    /// The pack.
    pub pack: PackChoice<'a>,
    /// One commune (matched without accents or case), or every commune (`None`). A pack
    /// reported per residential area gives the commune's areas.
    pub commune: Option<&'a str>,
    /// `--round`: one survey round; `None` takes each commune's latest.
    pub round: Option<&'a str>,
    /// Units' populations (`--population NAME=N`), for the finite-population correction of
    /// the intervals; names matched as `commune` is.
    pub population: &'a [(String, u64)],
}

/// One unit's indices.
#[derive(Debug, Clone)]
pub struct UnitReport {
    /// The unit: a commune, a residential area, or the province.
    pub unit: String,
    /// The commune of a residential area (`None` for a commune or the province).
    pub commune: Option<String>,
    /// The survey round of its answers ("" when unnamed).
    pub round: String,
    /// The pack's figures.
    pub indices: UnitIndices,
    /// Beyond the official arithmetic: intervals and weighted estimates.
    pub estimates: Estimates,
    /// Files of answers the unit's figures come from.
    pub files: usize,
    /// When the last of them was imported (UTC, as stored).
    pub imported_at: String,
}

/// A unit's name as names are matched: without accents, case, or a leading "xã".
fn unit_key(s: &str) -> String {
    let f = crate::text::fold(s);
    f.strip_prefix("xa ").map(str::to_string).unwrap_or(f)
}

/// A respondent's weight as written: a decimal number (`1,25` or `1.25`) or nothing usable.
fn weight(text: &str) -> Option<Ratio> {
    Ratio::parse_decimal(text)
}

/// What one unit's figures are computed from: its files, and for a residential area the
/// respondents of that area among them.
struct Scope<'s> {
    unit: String,
    commune: Option<String>,
    round: String,
    sources: Vec<&'s PackSource>,
    /// The area's key ([`unit_key`]); `None` takes every respondent.
    area: Option<String>,
}

/// The files in force for a group of files: those of `round`, else of their latest round
/// (labels sort by time). Empty when `round` is not among them.
fn in_round<'s>(
    sources: Vec<&'s PackSource>,
    round: Option<&str>,
) -> (String, Vec<&'s PackSource>) {
    let chosen = match round {
        Some(r) => r.trim().to_string(),
        None => sources
            .iter()
            .map(|s| s.round.clone())
            .max()
            .unwrap_or_default(),
    };
    let kept = sources.into_iter().filter(|s| s.round == chosen).collect();
    (chosen, kept)
}

/// The units asked for, in name order, with the files each is computed from.
fn scopes<'s>(
    ws: &Workspace,
    pack: &SurveyPack,
    sources: &[&'s PackSource],
    req: &IndexRequest,
) -> Result<Vec<Scope<'s>>, AppError> {
    let mut communes: Vec<String> = sources.iter().map(|s| s.commune.clone()).collect();
    communes.sort_by_key(|u| crate::text::fold(u));
    communes.dedup();
    if let Some(wanted) = req.commune {
        if pack.unit == PackUnit::Tinh {
            return Err(AppError::PackWholeProvince {
                pack: pack.id.clone(),
            });
        }
        let w = unit_key(wanted);
        let hit: Vec<String> = communes
            .iter()
            .filter(|u| unit_key(u) == w)
            .cloned()
            .collect();
        if hit.is_empty() {
            return Err(AppError::UnknownCommune {
                wanted: wanted.to_string(),
                candidates: communes,
            });
        }
        communes = hit;
    }
    let of = |c: &str| -> Vec<&'s PackSource> {
        sources.iter().copied().filter(|s| s.commune == c).collect()
    };
    let mut out = Vec::new();
    if pack.unit == PackUnit::Tinh {
        let (round, mine) = in_round(sources.to_vec(), req.round);
        if !mine.is_empty() {
            let config = crate::store::config::Config::load(req.data)?;
            out.push(Scope {
                unit: format!("Tỉnh {}", super::export::province(&config.office)),
                commune: None,
                round,
                sources: mine,
                area: None,
            });
        }
    }
    for commune in communes.iter().filter(|_| pack.unit != PackUnit::Tinh) {
        let (round, mine) = in_round(of(commune), req.round);
        if mine.is_empty() {
            continue;
        }
        if pack.unit == PackUnit::Xa {
            out.push(Scope {
                unit: commune.clone(),
                commune: None,
                round,
                sources: mine,
                area: None,
            });
            continue;
        }
        // Its residential areas, each named as first written in name order.
        let answers = ws.pack_columns(&mine, &[])?;
        let mut areas: Vec<String> = answers.areas.clone();
        areas.sort_by_key(|a| (unit_key(a), a.clone()));
        areas.dedup_by_key(|a| unit_key(a));
        for area in areas {
            out.push(Scope {
                area: Some(unit_key(&area)),
                unit: area,
                commune: Some(commune.clone()),
                round: round.clone(),
                sources: mine.clone(),
            });
        }
    }
    if out.is_empty()
        && let Some(r) = req.round
    {
        let mut rounds: Vec<&str> = sources
            .iter()
            .filter(|s| communes.contains(&s.commune))
            .map(|s| s.round.as_str())
            .collect();
        rounds.sort();
        rounds.dedup();
        return Err(AppError::NoPackRound {
            pack: pack.id.clone(),
            round: r.to_string(),
            rounds: rounds
                .iter()
                .map(|r| format!("\"{r}\""))
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    Ok(out)
}

/// The indices asked for, with the pack they were computed under.
pub fn index(req: &IndexRequest) -> Result<(SurveyPack, Vec<UnitReport>), AppError> {
    let pack = load(req.pack)?;
    let ws = Workspace::open_existing(req.data)?;
    let sources = ws.pack_sources(&pack.id);
    if sources.is_empty() {
        return Err(AppError::NoPackAnswers { pack: pack.id });
    }
    let scopes = scopes(&ws, &pack, &sources, req)?;
    for (name, _) in req.population {
        if !scopes.iter().any(|u| unit_key(&u.unit) == unit_key(name)) {
            return Err(AppError::UnknownCommune {
                wanted: name.clone(),
                candidates: scopes.iter().map(|s| s.unit.clone()).collect(),
            });
        }
    }
    let items: Vec<String> = pack.items.iter().map(|i| i.id.clone()).collect();
    let reports = scopes
        .into_iter()
        .map(|scope| {
            let mut answers = ws.pack_columns(&scope.sources, &items)?;
            if let Some(key) = &scope.area {
                let areas = std::mem::take(&mut answers.areas);
                answers = answers.only(|i| unit_key(&areas[i]) == *key);
            }
            let indices = compute(&pack, &answers.columns);
            let population = req
                .population
                .iter()
                .find(|(n, _)| unit_key(n) == unit_key(&scope.unit))
                .map(|(_, n)| *n);
            if let Some(n) = population.filter(|n| *n < indices.respondents) {
                return Err(AppError::PopulationBelowRespondents {
                    unit: scope.unit.clone(),
                    population: n,
                    respondents: indices.respondents,
                });
            }
            let weights: Option<Vec<Option<Ratio>>> =
                answers.weights.iter().any(Option::is_some).then(|| {
                    answers
                        .weights
                        .iter()
                        .map(|w| w.as_deref().and_then(weight))
                        .collect()
                });
            let estimates = estimate(
                &pack,
                &answers.columns,
                &indices,
                weights.as_deref(),
                population,
            );
            Ok(UnitReport {
                indices,
                estimates,
                files: scope.sources.len(),
                imported_at: scope
                    .sources
                    .iter()
                    .map(|s| s.imported_at.clone())
                    .max()
                    .unwrap_or_default(),
                unit: scope.unit,
                commune: scope.commune,
                round: scope.round,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok((pack, reports))
}

/// The report workbook of the indices asked for: one unit's (headed by its commune's Front
/// committee) or every unit's (headed by the province's).
pub fn report(req: &IndexRequest) -> Result<Built<(SurveyPack, Vec<UnitReport>)>, AppError> {
    let (pack, units) = index(req)?;
    let config = crate::store::config::Config::load(req.data)?;
    // One commune's report (its own unit, or its residential areas) is headed by the commune.
    let heading = match (req.commune, units.first()) {
        (Some(_), Some(one)) => super::export::commune_heading(
            &config.office,
            one.commune.as_deref().unwrap_or(&one.unit),
        ),
        _ => super::export::province_heading(&config.office),
    };
    // A residential area is named with its commune: two communes may have a "Bản Mới".
    let names: Vec<String> = units
        .iter()
        .map(|u| match &u.commune {
            Some(c) if req.commune.is_none() => format!("{}, {c}", u.unit),
            _ => u.unit.clone(),
        })
        .collect();
    let figures: Vec<UnitFigures> = units
        .iter()
        .zip(&names)
        .map(|(u, name)| UnitFigures {
            unit: name,
            indices: &u.indices,
            estimates: &u.estimates,
        })
        .collect();
    let imported_at = units
        .iter()
        .map(|u| u.imported_at.as_str())
        .max()
        .unwrap_or("");
    let wb = crate::dossier::pack::build(&PackReport {
        pack: &pack,
        units: &figures,
        heading: &heading,
        province: req.commune.is_none(),
        files: units.iter().map(|u| u.files).sum(),
        imported_at,
    });
    let bytes = bytes(wb)?;
    Ok(Built {
        of: (pack, units),
        bytes,
    })
}
