//! What a use case can fail on, as data: each variant carries what the message needs, and the
//! message exists in both languages ([`Localized`]). Front-ends decide how to show it; nothing
//! here prints.

use crate::i18n::{ErrorText, Lang, Localized};
use crate::rules::RulesError;
use crate::rules::gazetteer::LookupError;
use crate::score::ScoreError;
use crate::store::StoreError;

/// A use case's failure.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The workspace could not be read or written.
    Store(#[from] StoreError),
    /// A rule pack, form or criteria set is invalid.
    Rules(#[from] RulesError),
    /// Scoring failed.
    Score(#[from] ScoreError),
    /// A commune name is not in the gazetteer.
    Lookup(#[from] LookupError),
    /// Paper ballots cannot be made (`hailong ballot`).
    Ballot(#[from] super::ballot::BallotError),
    /// A survey pack is unknown or invalid.
    Pack(#[from] crate::rules::survey::PackError),
    /// No answers to this pack are in the workspace.
    NoPackAnswers {
        /// Pack id.
        pack: String,
    },
    /// No answers to this pack in the survey round asked for.
    NoPackRound {
        /// Pack id.
        pack: String,
        /// The round asked for.
        round: String,
        /// The rounds there are, joined.
        rounds: String,
    },
    /// `--commune` with a pack reported for the whole province.
    PackWholeProvince {
        /// Pack id.
        pack: String,
    },
    /// A unit's population (`--population`) is below its respondents.
    PopulationBelowRespondents {
        /// The unit.
        unit: String,
        /// The population given.
        population: u64,
        /// Its respondents.
        respondents: u64,
    },
    /// A settings or mapping file does not read.
    Settings(#[from] crate::store::config::SettingsError),
    /// An upload is not usable as sent (not multipart, a file over the limit).
    BadUpload {
        /// What is wrong.
        detail: String,
    },
    /// An output file could not be written.
    Write {
        /// The file.
        path: String,
        /// The writer's message.
        message: String,
    },
    /// The paths given hold no spreadsheet at all.
    NoSpreadsheet {
        /// The paths given, as typed.
        paths: String,
    },
    /// The workspace holds no commune yet.
    EmptyWorkspace {
        /// The workspace.
        dir: String,
    },
    /// No commune of the workspace is the one asked for.
    UnknownCommune {
        /// As typed.
        wanted: String,
        /// The closest names in the workspace.
        candidates: Vec<String>,
    },
    /// The commune has no forms of the type asked for.
    FormNotImported {
        /// Commune.
        commune: String,
        /// The form asked for.
        form: String,
        /// Forms imported for it.
        imported: Vec<String>,
    },
    /// The commune has no survey results yet (a self-assessment only, say).
    NoSurvey {
        /// Commune.
        commune: String,
    },
    /// The commune was surveyed with several forms and none was chosen.
    SeveralForms {
        /// Commune.
        commune: String,
        /// Forms imported for it.
        imported: Vec<String>,
    },
    /// No form of the shipped packs has this id.
    UnknownForm {
        /// As typed.
        form: String,
        /// Known form ids.
        known: Vec<String>,
    },
    /// No criteria set has this id.
    UnknownCriteriaSet {
        /// As typed.
        set: String,
        /// Known set ids.
        known: Vec<String>,
    },
    /// The commune group typed is not one of the set's groups.
    UnknownCommuneGroup {
        /// Set id.
        set: String,
        /// As typed.
        group: String,
        /// The set's groups.
        groups: Vec<String>,
    },
    /// A round was asked for that the workspace (or the commune) does not have.
    UnknownRound {
        /// The commune, or `None` for the whole workspace.
        whose: Option<String>,
        /// As typed.
        round: String,
        /// Rounds imported.
        rounds: Vec<String>,
    },
    /// A comparison was asked for a commune surveyed once.
    SingleRound {
        /// Commune.
        commune: String,
    },
    /// An `--area` of the template is not `NAME=HOUSEHOLDS`.
    BadAreaSpec {
        /// As typed.
        spec: String,
    },
    /// A directory given as a workspace is not one.
    NotAWorkspace {
        /// The directory.
        dir: String,
    },
    /// An input file could not be read.
    Read {
        /// The file.
        path: String,
        /// The system's message.
        message: String,
    },
    /// A `review --set` that is not `ID:ITEM=VERDICT`.
    BadReviewSet {
        /// As typed.
        spec: String,
    },
    /// A decision for an item the review queue does not hold: nothing was recorded.
    NotInQueue {
        /// Ballot id.
        id: String,
        /// Item.
        item: u32,
        /// The commune account's commune, when the queue was only its own.
        commune: Option<String>,
    },
    /// A typed ballot id whose check characters (or shape) are wrong.
    BadTypedId {
        /// As typed.
        id: String,
    },
    /// A page the review queue does not hold (or whose id was typed already).
    PageNotInQueue {
        /// File as listed.
        file: String,
        /// Page.
        page: u32,
    },
    /// A commune's dossier asked for while photographed ballots wait for review.
    ReviewPending {
        /// Commune.
        commune: String,
        /// Items waiting.
        count: u32,
    },
    /// A province's criteria table does not reconcile with its set: nothing was written.
    CriteriaTableRefused {
        /// The table's file name.
        file: String,
        /// Every problem, each with its cell.
        problems: Vec<crate::ingest::criteria_table::TableProblem>,
    },
}

fn rounds_list(rounds: &[String], unnamed: &str) -> String {
    rounds
        .iter()
        .map(|r| {
            if r.is_empty() {
                unnamed.to_string()
            } else {
                format!("\"{r}\"")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl Localized for AppError {
    fn message(&self, lang: Lang) -> String {
        use AppError::*;
        use ErrorText as T;
        match self {
            Store(e) => e.message(lang),
            Rules(e) => e.message(lang),
            Score(e) => e.message(lang),
            Lookup(e) => e.message(lang),
            Settings(e) => e.message(lang),
            Pack(e) => e.message(lang),
            Ballot(e) => e.message(lang),
            NoPackAnswers { pack } => {
                crate::i18n::PackText::NoAnswersImported.fill(lang, &[("pack", pack)])
            }
            NoPackRound {
                pack,
                round,
                rounds,
            } => crate::i18n::PackText::NoRound.fill(
                lang,
                &[("pack", pack), ("round", round), ("rounds", rounds)],
            ),
            PackWholeProvince { pack } => {
                crate::i18n::PackText::WholeProvince.fill(lang, &[("pack", pack)])
            }
            PopulationBelowRespondents {
                unit,
                population,
                respondents,
            } => crate::i18n::PackText::PopulationBelow.say(
                lang,
                &[
                    ("unit", unit),
                    ("population", population),
                    ("respondents", respondents),
                ],
            ),
            BadUpload { detail } => T::BadUpload.fill(lang, &[("detail", detail)]),
            Write { path, message } => T::Write.fill(lang, &[("path", path), ("message", message)]),
            NoSpreadsheet { paths } => T::NoSpreadsheet.fill(lang, &[("paths", paths)]),
            EmptyWorkspace { dir } => T::EmptyWorkspace.fill(lang, &[("dir", dir)]),
            UnknownCommune { wanted, candidates } => T::UnknownCommune.fill(
                lang,
                &[("wanted", wanted), ("candidates", &candidates.join("; "))],
            ),
            FormNotImported {
                commune,
                form,
                imported,
            } => T::FormNotImported.fill(
                lang,
                &[
                    ("commune", commune),
                    ("form", form),
                    ("imported", &imported.join(", ")),
                ],
            ),
            NoSurvey { commune } => T::NoSurvey.fill(lang, &[("commune", commune)]),
            SeveralForms { commune, imported } => T::SeveralForms.fill(
                lang,
                &[("commune", commune), ("imported", &imported.join(", "))],
            ),
            UnknownForm { form, known } => {
                T::UnknownForm.fill(lang, &[("form", form), ("known", &known.join(", "))])
            }
            UnknownCriteriaSet { set, known } => {
                T::UnknownCriteriaSet.fill(lang, &[("set", set), ("known", &known.join(", "))])
            }
            UnknownCommuneGroup { set, group, groups } => T::UnknownCommuneGroup.fill(
                lang,
                &[
                    ("set", set),
                    ("group", group),
                    ("groups", &groups.join("; ")),
                ],
            ),
            UnknownRound {
                whose,
                round,
                rounds,
            } => {
                let rounds = rounds_list(rounds, T::UnnamedRound.text(lang));
                match whose {
                    Some(commune) => T::UnknownRoundOf.fill(
                        lang,
                        &[("commune", commune), ("round", round), ("rounds", &rounds)],
                    ),
                    None => T::UnknownRoundInWorkspace
                        .fill(lang, &[("round", round), ("rounds", &rounds)]),
                }
            }
            SingleRound { commune } => T::SingleRound.fill(lang, &[("commune", commune)]),
            BadAreaSpec { spec } => T::BadAreaSpec.fill(lang, &[("spec", spec)]),
            NotAWorkspace { dir } => T::NotAWorkspace.fill(lang, &[("dir", dir)]),
            Read { path, message } => T::Read.fill(lang, &[("path", path), ("message", message)]),
            BadReviewSet { spec } => crate::i18n::ReviewText::BadSet.fill(lang, &[("spec", spec)]),
            NotInQueue { id, item, commune } => {
                let scope = commune.as_ref().map_or(String::new(), |c| {
                    crate::i18n::ReviewText::OfCommune.fill(lang, &[("commune", c)])
                });
                crate::i18n::ReviewText::NotInQueue
                    .say(lang, &[("id", id), ("item", item), ("scope", &scope)])
            }
            BadTypedId { id } => crate::i18n::ReviewText::BadTypedId.fill(lang, &[("id", id)]),
            PageNotInQueue { file, page } => {
                crate::i18n::ReviewText::PageNotInQueue.say(lang, &[("file", file), ("page", page)])
            }
            ReviewPending { commune, count } => crate::i18n::ReviewText::DossierWaits
                .say(lang, &[("commune", commune), ("count", count)]),
            CriteriaTableRefused { file, problems } => {
                let mut lines = vec![
                    crate::i18n::CriteriaText::Refused
                        .say(lang, &[("file", file), ("count", &problems.len())]),
                ];
                lines.extend(problems.iter().map(|p| format!("  {}", p.message(lang))));
                lines.join("\n")
            }
        }
    }
}

crate::display_in_vietnamese!(AppError);
