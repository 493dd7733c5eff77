//! The score use cases: one commune, every commune, and the change between two survey rounds.
//!
//! A front-end resolves its input into a [`Selection`] (workspace, commune or all, form, round,
//! rule file); [`open`] turns it into a [`Scope`] once — rule library loaded, workspace opened
//! under a reader's hold, commune found, round checked — and the functions below score within
//! it. The round is part of the request, never state a caller has to remember to reset.

use super::AppError;
use crate::num::{Rate, Ratio};
use crate::rules::Library;
use crate::rules::gazetteer::Gazetteer;
use crate::score::criteria::{
    CriteriaReport, MissingAssessment, Readiness, SurveyOutcome, evaluate_criteria,
    evaluate_readiness,
};
use crate::score::texts::Texts;
use crate::score::{CommuneScore, Counted, SurveyData, score, tally};
use crate::store::Workspace;
use crate::text::{closest, fold_place};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::Path;

/// What a front-end asks to score or export, as given.
#[derive(Debug, Clone, Copy)]
pub struct Selection<'a> {
    /// Workspace directory.
    pub data: &'a Path,
    /// The commune as typed (`None`: every commune of the workspace).
    pub commune: Option<&'a str>,
    /// The form, when a commune has several (with every commune: only this form).
    pub form: Option<&'a str>,
    /// The survey round (`None`: each commune's latest).
    pub round: Option<&'a str>,
    /// A province's rule file, instead of the workspace's `hailong.toml` or the default.
    pub rules: Option<&'a Path>,
}

/// A selection resolved: everything a score needs, found once. Immutable: the round asked
/// for is passed down to every read, never set on the workspace.
pub struct Scope {
    /// The workspace.
    ws: Workspace,
    /// Rules, forms and criteria in force.
    lib: Library,
    /// The commune's canonical name (`None`: every commune).
    commune: Option<String>,
    /// The form asked for.
    form: Option<String>,
    /// The round asked for (`None`: each commune's latest).
    round: Option<String>,
}

/// Resolves a selection: loads the rules, opens the workspace, finds the commune and checks
/// that the round exists.
pub fn open(sel: &Selection) -> Result<Scope, AppError> {
    let lib = library_for(sel.data, sel.rules)?;
    let ws = Workspace::open_existing(sel.data)?;
    let commune = sel
        .commune
        .map(|wanted| find_commune(&ws, wanted))
        .transpose()?;
    check_round(&ws, commune.as_deref(), sel.round)?;
    Ok(Scope {
        ws,
        lib,
        commune,
        form: sel.form.map(str::to_string),
        round: sel.round.map(str::to_string),
    })
}

impl Scope {
    /// The commune of the scope (an empty name when the scope is every commune).
    pub fn commune_name(&self) -> &str {
        self.commune.as_deref().unwrap_or_default()
    }

    /// The rules, forms and criteria in force.
    pub fn library(&self) -> &Library {
        &self.lib
    }

    /// The workspace read.
    pub fn workspace(&self) -> &Workspace {
        &self.ws
    }

    /// The round asked for (`None`: each commune's latest).
    pub fn round(&self) -> Option<&str> {
        self.round.as_deref()
    }

    /// Scores the scope's commune.
    pub fn commune_score(&self) -> Result<CommuneScore, AppError> {
        let commune = self.commune_name();
        let form_id = form_of(&self.ws, commune, self.form.as_deref())?;
        score_form(
            &self.ws,
            &self.lib,
            commune,
            &form_id,
            self.round.as_deref(),
        )
    }

    /// The reasons and other opinions behind a score of the scope (form numbers only with
    /// `include_ids`).
    pub fn texts(&self, score: &CommuneScore, include_ids: bool) -> Result<Texts, AppError> {
        let f = form_def(&self.lib, &score.form)?;
        if !self
            .ws
            .has_ballots(&score.commune, &score.form, &score.round)
        {
            return Ok(Texts::default());
        }
        let ballots =
            self.ws
                .ballots_with_text(&score.commune, &score.form, &score.round, f.item_count())?;
        Ok(crate::score::texts::texts(
            &ballots,
            &score.commune,
            f.item_count(),
            include_ids,
        )?)
    }

    /// The stored sources behind a score of the scope.
    pub fn sources(&self, score: &CommuneScore) -> Vec<crate::store::SourceEntry> {
        self.ws
            .sources_of(&score.commune, &score.form, &score.round)
            .into_iter()
            .cloned()
            .collect()
    }

    /// Scores every commune of the scope (`failing`: only those that do not pass).
    pub fn all_scores(&self, failing: bool) -> Result<Vec<CommuneScore>, AppError> {
        let mut all = score_all(
            &self.ws,
            &self.lib,
            self.form.as_deref(),
            self.round.as_deref(),
        )?;
        all.retain(|s| shown(s, failing));
        Ok(all)
    }

    /// Communes whose self-assessment is imported but whose survey is not (yet): the procedure
    /// has the commune assess itself before the Front surveys it, so a province sees them too.
    pub fn without_survey(&self) -> Result<Vec<WithoutSurvey>, AppError> {
        without_survey(&self.ws, &self.lib, &self.filter(None))
    }

    /// The scope's commune when it has a self-assessment and no survey (`None` otherwise).
    pub fn commune_without_survey(&self) -> Result<Option<WithoutSurvey>, AppError> {
        let commune = self.commune_name();
        if self
            .ws
            .manifest()
            .sources
            .iter()
            .any(|s| s.commune == commune)
        {
            return Ok(None);
        }
        Ok(
            without_survey(&self.ws, &self.lib, &self.filter(Some(commune)))?
                .into_iter()
                .next(),
        )
    }

    fn filter<'a>(&'a self, commune: Option<&'a str>) -> Filter<'a> {
        Filter {
            commune,
            form: self.form.as_deref(),
            round: self.round.as_deref(),
        }
    }

    /// Compares the scope's round (or the latest) with `base` ("" for the round before).
    pub fn compare(&self, base: &str) -> Result<Comparison, AppError> {
        let commune = self.commune_name().to_string();
        let form_id = form_of(&self.ws, &commune, self.form.as_deref())?;
        let rounds = self.ws.rounds(&commune, &form_id);
        let now_round = self
            .round
            .clone()
            .unwrap_or_else(|| rounds.last().cloned().unwrap_or_default());
        let base_round = if base.is_empty() {
            let pos = rounds.iter().position(|r| *r == now_round).unwrap_or(0);
            match pos.checked_sub(1) {
                Some(p) => rounds[p].clone(),
                None => return Err(AppError::SingleRound { commune }),
            }
        } else {
            base.to_string()
        };
        for r in [&now_round, &base_round] {
            if !rounds.contains(r) {
                return Err(AppError::UnknownRound {
                    whose: Some(commune),
                    round: r.clone(),
                    rounds,
                });
            }
        }
        let b = score_form(&self.ws, &self.lib, &commune, &form_id, Some(&base_round))?;
        let n = score_form(&self.ws, &self.lib, &commune, &form_id, Some(&now_round))?;
        // Shown with the decimals of the pack in force now, like every other rate.
        let dp = n.display_decimals;
        let mut changes = vec![change(
            0,
            crate::i18n::ReportText::Participation
                .text(crate::i18n::Lang::Vi)
                .to_string(),
            b.households.rate.ratio(),
            n.households.rate.ratio(),
            dp,
        )];
        for (x, y) in b.items.iter().zip(&n.items) {
            changes.push(change(
                y.number,
                y.statement.clone(),
                x.rate.ratio(),
                y.rate.ratio(),
                dp,
            ));
        }
        Ok(Comparison {
            commune,
            form: form_id,
            base_round,
            round: now_round,
            changes,
        })
    }
}

/// Every commune's scores kept for as long as the workspace and its settings are unchanged: a
/// long-running front-end (the web page) answers the province view without re-reading every
/// ballot on each request. The key is the bytes of `manifest.json`, `hailong.toml` and
/// `review.json` (a commit always rewrites the manifest, a review decision the last), with the
/// form and round asked for.
#[derive(Default)]
pub struct ScoreCache {
    entry: std::sync::Mutex<Option<(CacheKey, std::sync::Arc<Vec<CommuneScore>>)>>,
}

#[derive(PartialEq, Eq)]
struct CacheKey {
    manifest: Vec<u8>,
    settings: Vec<u8>,
    decisions: Vec<u8>,
    form: Option<String>,
    round: Option<String>,
    rules: Option<std::path::PathBuf>,
}

impl ScoreCache {
    /// Every commune of the selection (`commune` is ignored), from the cache when nothing
    /// changed since it was filled.
    pub fn all(&self, sel: &Selection) -> Result<std::sync::Arc<Vec<CommuneScore>>, AppError> {
        let read = |name: &str| std::fs::read(sel.data.join(name)).unwrap_or_default();
        let key = CacheKey {
            manifest: read(crate::store::MANIFEST),
            settings: read(crate::store::config::FILE),
            // A decision on the review queue changes figures without a commit of sources.
            decisions: read(crate::store::review::DECISIONS),
            form: sel.form.map(str::to_string),
            round: sel.round.map(str::to_string),
            rules: sel.rules.map(Path::to_path_buf),
        };
        if let Ok(guard) = self.entry.lock()
            && let Some((k, v)) = guard.as_ref()
            && *k == key
        {
            return Ok(v.clone());
        }
        let scope = open(&Selection {
            commune: None,
            ..*sel
        })?;
        let all = std::sync::Arc::new(scope.all_scores(false)?);
        // The manifest read before scoring is the key: if a commit came in between, the next
        // request sees a different manifest and scores again.
        if let Ok(mut guard) = self.entry.lock() {
            *guard = Some((key, all.clone()));
        }
        Ok(all)
    }
}

/// The forms and rounds a workspace holds: what a front-end offers to choose from.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    /// Forms with imported sources.
    pub forms: BTreeSet<String>,
    /// Rounds with imported sources ("" for a single round).
    pub rounds: BTreeSet<String>,
}

/// The forms and rounds of the workspace at `data`.
pub fn choices(data: &Path) -> Result<Choices, AppError> {
    let ws = Workspace::open_existing(data)?;
    let sources = &ws.manifest().sources;
    Ok(Choices {
        forms: sources.iter().map(|s| s.form.clone()).collect(),
        rounds: sources.iter().map(|s| s.round.clone()).collect(),
    })
}

/// Whether a "failing only" filter keeps a score (every score when `failing` is false).
fn shown(s: &CommuneScore, failing: bool) -> bool {
    !failing || !s.verdict.passed
}

/// The scores a "failing only" filter keeps (all of them when `failing` is false).
pub fn only_failing(all: &[CommuneScore], failing: bool) -> Vec<&CommuneScore> {
    all.iter().filter(|s| shown(s, failing)).collect()
}

/// A commune with a self-assessment and no survey results for its criteria set.
#[derive(Debug, Clone, Serialize)]
pub struct WithoutSurvey {
    /// Commune.
    pub commune: String,
    /// Criteria set of the self-assessment.
    pub set: String,
    /// The criteria section, as for a surveyed commune.
    pub criteria: CriteriaReport,
    /// Readiness: the survey condition is not met ("no survey results").
    pub readiness: Option<Readiness>,
}

/// Which self-assessments [`without_survey`] looks at: of one commune or all, of one form's
/// criteria set or all, of one round or any.
pub struct Filter<'a> {
    /// Only this commune.
    pub commune: Option<&'a str>,
    /// Only this form's criteria set.
    pub form: Option<&'a str>,
    /// Only this round.
    pub round: Option<&'a str>,
}

/// The self-assessments (of `commune`, or of every commune) whose commune has no survey
/// source under a form of the same criteria set (only `form`'s set when given).
pub fn without_survey(
    ws: &Workspace,
    lib: &Library,
    filter: &Filter,
) -> Result<Vec<WithoutSurvey>, AppError> {
    let Filter {
        commune,
        form,
        round,
    } = *filter;
    let wanted_set = form
        .and_then(|f| lib.set_of_form(f))
        .map(|s| s.header.id.clone());
    let mut pairs: BTreeSet<(&str, &str)> = BTreeSet::new();
    for a in ws.assessment_entries() {
        if commune.is_some_and(|c| a.commune != c)
            || wanted_set.as_ref().is_some_and(|s| *s != a.set)
            || round.is_some_and(|r| a.round != r)
        {
            continue;
        }
        let surveyed = ws.manifest().sources.iter().any(|s| {
            s.commune == a.commune
                && round.is_none_or(|r| s.round == r)
                && lib
                    .set_of_form(&s.form)
                    .is_some_and(|set| set.header.id == a.set)
        });
        if !surveyed {
            pairs.insert((a.commune.as_str(), a.set.as_str()));
        }
    }
    let mut out = Vec::new();
    for (c, set_id) in pairs {
        let Some(set) = lib.criteria_sets.get(set_id) else {
            continue;
        };
        let Some((entry, sa)) = ws.assessment(c, set_id, round)? else {
            continue;
        };
        let mut criteria = evaluate_criteria(set, &sa);
        criteria.file = entry.file_name.clone();
        let readiness = lib
            .recognition_for(lib.default_pack(), &set.header.recognition)
            .map(|rec| {
                let missing = MissingAssessment::default();
                evaluate_readiness(&rec, Some(&criteria), Some(&sa), None, &missing)
            });
        out.push(WithoutSurvey {
            commune: c.to_string(),
            set: set_id.to_string(),
            criteria,
            readiness,
        });
    }
    Ok(out)
}

/// The rule library for a workspace: `--rules`, else the workspace's `hailong.toml`, else the
/// shipped default; and the workspace's own criteria sets (`<workspace>/criteria/*.toml`,
/// written by `hailong criteria import`) in place of the sets of the same id. Every command
/// that reads a workspace resolves its library here.
pub fn library_for(data: &Path, rules: Option<&Path>) -> Result<Library, AppError> {
    let mut lib = library_without_workspace_sets(data, rules)?;
    let own = super::criteria::workspace_sets(data)?;
    for (file, text) in &own {
        lib.override_set(file, text)?;
    }
    if !own.is_empty() {
        lib.check()?;
    }
    Ok(lib)
}

/// [`library_for`] without the workspace's own criteria sets: what they replace.
pub(crate) fn library_without_workspace_sets(
    data: &Path,
    rules: Option<&Path>,
) -> Result<Library, AppError> {
    let config = crate::store::config::Config::load(data)?;
    Ok(match rules.map(Path::to_path_buf).or(config.rules) {
        Some(p) => Library::with_extra(&p)?,
        None => Library::shipped()?,
    })
}

/// Finds the workspace's commune that `wanted` names: exact folded match, else through the
/// gazetteer's old names; otherwise an error listing candidates.
pub fn find_commune(ws: &Workspace, wanted: &str) -> Result<String, AppError> {
    // A commune may have its self-assessment before its survey.
    let names: BTreeSet<&str> = ws
        .manifest()
        .sources
        .iter()
        .map(|s| s.commune.as_str())
        .chain(ws.assessment_entries().iter().map(|a| a.commune.as_str()))
        .collect();
    if names.is_empty() {
        return Err(AppError::EmptyWorkspace {
            dir: ws.dir().display().to_string(),
        });
    }
    let key = fold_place(wanted);
    let hits: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| fold_place(n) == key)
        .collect();
    if hits.len() == 1 {
        return Ok(hits[0].to_string());
    }
    if hits.is_empty()
        && let Ok(r) = Gazetteer::son_la().resolve(wanted)
        && names.contains(r.unit.name.as_str())
    {
        return Ok(r.unit.name.clone());
    }
    // Partial matches ("mung") are offered, never taken.
    let partial: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| fold_place(n).contains(&key))
        .collect();
    let candidates: Vec<&str> = if partial.is_empty() {
        closest(wanted, names.iter().copied(), 5)
    } else {
        partial
    };
    Err(AppError::UnknownCommune {
        wanted: wanted.to_string(),
        candidates: candidates.into_iter().map(str::to_string).collect(),
    })
}

/// The form a commune is scored under: `form`, or its only form.
fn form_of(ws: &Workspace, commune: &str, form: Option<&str>) -> Result<String, AppError> {
    let forms: BTreeSet<&str> = ws
        .manifest()
        .sources
        .iter()
        .filter(|s| s.commune == commune)
        .map(|s| s.form.as_str())
        .collect();
    let imported = || forms.iter().map(|f| f.to_string()).collect::<Vec<_>>();
    match form {
        Some(f) if forms.contains(f) => Ok(f.to_string()),
        Some(f) => Err(AppError::FormNotImported {
            commune: commune.to_string(),
            form: f.to_string(),
            imported: imported(),
        }),
        None if forms.len() == 1 => Ok(imported().remove(0)),
        None if forms.is_empty() => Err(AppError::NoSurvey {
            commune: commune.to_string(),
        }),
        None => Err(AppError::SeveralForms {
            commune: commune.to_string(),
            imported: imported(),
        }),
    }
}

/// The round a commune's score reads: the one asked for, else the commune's latest.
fn round_of(ws: &Workspace, commune: &str, form: &str, round: Option<&str>) -> String {
    round.map_or_else(|| ws.latest_round(commune, form), str::to_string)
}

/// A form of the library, or an error listing the known ones.
fn form_def<'l>(lib: &'l Library, form_id: &str) -> Result<&'l crate::rules::Form, AppError> {
    lib.form(form_id).ok_or_else(|| AppError::UnknownForm {
        form: form_id.to_string(),
        known: lib.forms.keys().cloned().collect(),
    })
}

/// Loads from the workspace what one commune's score needs, for one form and round: the one
/// place the score's input is read from disk.
pub fn survey_data(
    ws: &Workspace,
    commune: &str,
    form: &crate::rules::Form,
    round: &str,
) -> Result<SurveyData, AppError> {
    let (id, n) = (form.id(), form.item_count());
    // The counts written at import give the same sums as the ballots for a few dozen rows
    // read; where they cannot (keyed or older sources), the ballots are read.
    let counted = if !ws.has_ballots(commune, id, round) {
        Counted::Nothing
    } else if let Some(groups) = ws.counts(commune, id, round, n)? {
        Counted::Groups(groups)
    } else {
        Counted::Ballots(ws.ballots_table(commune, id, round)?)
    };
    Ok(SurveyData {
        register: ws.register(commune, id, round)?,
        tallies: ws.tallies(commune, id, round, n)?,
        counted,
    })
}

/// Scores one commune and form in round `asked` (`None`: the commune's latest round; its
/// self-assessment is then its latest too).
fn score_form(
    ws: &Workspace,
    lib: &Library,
    commune: &str,
    form_id: &str,
    asked: Option<&str>,
) -> Result<CommuneScore, AppError> {
    let round = &round_of(ws, commune, form_id, asked);
    let form = form_def(lib, form_id)?;
    let rules = lib.rules_for(lib.default_pack(), form_id)?;
    let data = survey_data(ws, commune, form, round)?;
    let areas = tally(&data, commune, form, &rules)?;
    let sources = ws
        .sources_of(commune, form_id, round)
        .iter()
        .map(|s| format!("{} (SHA-256 {})", s.file_name, s.sha256))
        .collect();
    let mut s = score(commune, form, &rules, &areas, sources);
    s.round = round.to_string();
    s.awaiting_review = super::review::waiting(ws, commune, form_id, round)?;
    attach_readiness(ws, lib, &mut s, asked)?;
    Ok(s)
}

/// Adds the criteria section and the readiness verdict: the commune's self-assessment for
/// the form's criteria set (if imported) and the pack's conditions of recognition.
fn attach_readiness(
    ws: &Workspace,
    lib: &Library,
    s: &mut CommuneScore,
    round: Option<&str>,
) -> Result<(), AppError> {
    let Some(form) = lib.form(&s.form) else {
        return Ok(());
    };
    let Some(set) = lib.criteria_sets.get(&form.header.criteria_set) else {
        return Ok(());
    };
    let assessed = ws.assessment(&s.commune, &set.header.id, round)?;
    let criteria = assessed.as_ref().map(|(entry, sa)| {
        let mut r = evaluate_criteria(set, sa);
        r.file = entry.file_name.clone();
        r
    });
    let survey = SurveyOutcome {
        passed: s.verdict.passed,
        detail: (
            crate::score::render::summary(s, crate::i18n::Lang::Vi),
            crate::score::render::summary(s, crate::i18n::Lang::En),
        ),
    };
    // A self-assessment of another set (2026-2030 beside a 2021-2025 survey) is not this
    // form's: the reader is told which one is missing and which one was imported.
    let missing = MissingAssessment {
        set: set.header.id.clone(),
        form: s.form.clone(),
        others: ws
            .assessment_entries()
            .iter()
            .filter(|a| a.commune == s.commune && a.set != set.header.id)
            .map(|a| a.set.clone())
            .collect(),
    };
    s.readiness = lib
        .recognition_for(lib.default_pack(), &form.header.recognition)
        .map(|rec| {
            evaluate_readiness(
                &rec,
                criteria.as_ref(),
                assessed.as_ref().map(|(_, sa)| sa),
                Some(&survey),
                &missing,
            )
        });
    s.criteria = criteria;
    Ok(())
}

/// Every commune (and form) of the workspace, scored in parallel, failing and closest first.
pub fn score_all(
    ws: &Workspace,
    lib: &Library,
    form: Option<&str>,
    round: Option<&str>,
) -> Result<Vec<CommuneScore>, AppError> {
    let pairs: BTreeSet<(&str, &str)> = ws
        .manifest()
        .sources
        .iter()
        .filter(|s| form.is_none_or(|f| s.form == f))
        .filter(|s| round.is_none_or(|r| s.round == r))
        .map(|s| (s.commune.as_str(), s.form.as_str()))
        .collect();
    let pairs: Vec<(&str, &str)> = pairs.into_iter().collect();
    let mut all: Vec<CommuneScore> = pairs
        .par_iter()
        .map(|(c, f)| score_form(ws, lib, c, f, round))
        .collect::<Result<Vec<_>, AppError>>()?;
    all.sort_by_key(|s| (s.verdict.passed, tightest(s), s.commune.clone()));
    Ok(all)
}

/// The smallest margin among a score's checks (households short are negative).
pub fn tightest(s: &CommuneScore) -> i64 {
    s.tightest_check().map_or(0, |c| c.margin_households)
}

/// The change of one figure between two rounds.
#[derive(Debug)]
pub struct Change {
    /// Item number (0 for participation).
    pub number: u32,
    /// What it is: the item's statement, or for number 0 the participation (in Vietnamese, as
    /// the JSON has always said; reports word it from [`crate::i18n::ReportText::Participation`]).
    pub label: String,
    /// Rate in the base round.
    pub base: Rate,
    /// Rate in the compared round.
    pub rate: Rate,
    /// The change's size in percentage points.
    pub change: Rate,
    /// Whether the rate went up (or stayed).
    pub up: bool,
}

impl Change {
    /// The change as shown: "+1,25", "−0,40", "±0,00".
    pub fn signed(&self) -> String {
        let sign = if self.change.ratio() == Ratio::zero() {
            "±"
        } else if self.up {
            "+"
        } else {
            "−"
        };
        format!("{sign}{}", self.change)
    }
}

impl Serialize for Change {
    /// The keys and order `score --compare --json` has always had.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut m = s.serialize_struct("Change", 8)?;
        m.serialize_field("number", &self.number)?;
        m.serialize_field("label", &self.label)?;
        m.serialize_field("base_pct", &self.base.pct())?;
        m.serialize_field("rate_pct", &self.rate.pct())?;
        m.serialize_field("base_display", &self.base.to_string())?;
        m.serialize_field("rate_display", &self.rate.to_string())?;
        let d = self.change.pct();
        m.serialize_field("change_pct", &if self.up { d } else { -d })?;
        m.serialize_field("change_display", &self.signed())?;
        m.end()
    }
}

/// `score --compare`: per item, the change from the base round.
#[derive(Debug, Serialize)]
pub struct Comparison {
    /// Commune.
    pub commune: String,
    /// Form.
    pub form: String,
    /// Base round.
    pub base_round: String,
    /// Compared round.
    pub round: String,
    /// Participation, then every item.
    pub changes: Vec<Change>,
}

fn change(number: u32, label: String, base: Ratio, now: Ratio, dp: u32) -> Change {
    let (up, d) = now.signed_diff(base);
    Change {
        number,
        label,
        base: Rate::new(base, dp),
        rate: Rate::new(now, dp),
        change: Rate::new(d, dp),
        up,
    }
}

/// Refuses a round the workspace does not have (for `commune`, or for any commune), listing
/// the rounds it has: a verdict on zero households must never be printed.
pub fn check_round(
    ws: &Workspace,
    commune: Option<&str>,
    round: Option<&str>,
) -> Result<(), AppError> {
    let Some(round) = round else {
        return Ok(());
    };
    let rounds: BTreeSet<&str> = ws
        .manifest()
        .sources
        .iter()
        .filter(|s| commune.is_none_or(|c| s.commune == c))
        .map(|s| s.round.as_str())
        // A round may so far hold self-assessments only.
        .chain(
            ws.assessment_entries()
                .iter()
                .filter(|a| commune.is_none_or(|c| a.commune == c))
                .map(|a| a.round.as_str()),
        )
        .collect();
    if rounds.contains(round) {
        return Ok(());
    }
    Err(AppError::UnknownRound {
        whose: commune.map(str::to_string),
        round: round.to_string(),
        rounds: rounds.into_iter().map(str::to_string).collect(),
    })
}
