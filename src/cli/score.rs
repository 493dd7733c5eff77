//! `hailong score`: parses the selection, calls [`crate::app::score`] for one commune, every
//! commune (`--all`) or the change between two rounds (`--compare`), and prints it.

use super::{emit, fail};
use crate::app::score::open;
use crate::i18n::{CliText as C, Lang, ReportText, pick};
use crate::score::{CommuneScore, render};
use std::path::Path;

/// Arguments of `score`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Xã, đợt, quy tắc.
    #[command(flatten)]
    pub sel: super::Selection,
    /// Chỉ các xã không đạt (với --all).
    #[arg(long, requires = "all")]
    pub failing: bool,
    /// So sánh với một đợt trước (mặc định: đợt liền trước).
    #[arg(long, num_args = 0..=1, default_missing_value = "", conflicts_with = "all")]
    pub compare: Option<String>,
    /// In kết quả dạng JSON.
    #[arg(long)]
    pub json: bool,
}

fn print_all(all: &[CommuneScore], lang: Lang) -> anyhow::Result<()> {
    let t = |c: C| c.text(lang);
    emit(&format!(
        "{:<24} {:<16} {:>9} {:>10} {:>18} {:<10} {:<40} {}\n",
        t(C::CommuneColumn),
        t(C::FormColumn),
        t(C::ParticipationColumn),
        t(C::OverallColumn),
        t(C::LowestItemColumn),
        t(C::VerdictColumn),
        t(C::MarginColumn),
        t(C::ReadyColumn)
    ))?;
    for s in all {
        let lowest = s
            .lowest_item()
            .map(|i| C::LowestItem.say(lang, &[("number", &i.number), ("rate", &i.rate)]))
            .unwrap_or_default();
        let tight = s.tightest_check();
        let ready = crate::score::criteria::Readiness::short_in(s.readiness.as_ref(), lang);
        emit(&format!(
            "{:<24} {:<16} {:>9} {:>10} {:>18} {:<10} {:<40} {}\n",
            s.commune,
            s.form,
            s.households.rate.to_string(),
            s.overall.rate.to_string(),
            lowest,
            ReportText::verdict(s.verdict.passed).text(lang),
            tight
                .map(|c| format!("{} ({})", render::margin_text(c, lang), c.check.name(lang)))
                .unwrap_or_default(),
            ready
        ))?;
    }
    Ok(())
}

/// The communes with a self-assessment and no survey yet, under the table.
fn print_pending(pending: &[crate::app::score::WithoutSurvey], lang: Lang) -> anyhow::Result<()> {
    if pending.is_empty() {
        return Ok(());
    }
    emit(&format!("\n{}\n", C::WithoutSurveyHeading.text(lang)))?;
    for w in pending {
        let (vi, en) = w.criteria.summary_line();
        let ready = crate::score::criteria::Readiness::short_in(w.readiness.as_ref(), lang);
        emit(&format!(
            "  {}: {} — {}\n",
            w.commune,
            pick(lang, vi, en),
            ready
        ))?;
    }
    Ok(())
}

/// Runs `score`.
pub fn run(a: Args, data: &Path, lang: Lang) -> anyhow::Result<u8> {
    let scope = open(&a.sel.resolve(data)).map_err(|e| fail(e, lang))?;
    if a.sel.all {
        let all = scope.all_scores(a.failing).map_err(|e| fail(e, lang))?;
        let pending = scope.without_survey().map_err(|e| fail(e, lang))?;
        if a.json {
            emit(&format!(
                "{}\n",
                serde_json::to_string_pretty(
                    &serde_json::json!({ "communes": all, "without_survey": pending })
                )?
            ))?;
        } else {
            print_all(&all, lang)?;
            for s in all.iter().filter(|s| s.awaiting_review.any()) {
                emit(&render::awaiting_line(s, lang))?;
            }
            print_pending(&pending, lang)?;
        }
        return Ok(0);
    }
    // A commune that has assessed itself and is not surveyed yet: its criteria and readiness.
    if let Some(w) = scope.commune_without_survey().map_err(|e| fail(e, lang))? {
        if a.json {
            emit(&format!("{}\n", serde_json::to_string_pretty(&w)?))?;
        } else {
            emit(&format!(
                "{} — {}\n{}",
                w.commune,
                C::NoSurveyYet.text(lang),
                render::readiness_text(Some(&w.criteria), w.readiness.as_ref(), lang)
            ))?;
        }
        return Ok(0);
    }
    if let Some(base) = &a.compare {
        let c = scope.compare(base).map_err(|e| fail(e, lang))?;
        if a.json {
            emit(&format!("{}\n", serde_json::to_string_pretty(&c)?))?;
        } else {
            emit(&format!(
                "{}\n",
                C::CompareHeading.fill(
                    lang,
                    &[
                        ("commune", &c.commune),
                        ("base", &c.base_round),
                        ("round", &c.round),
                    ],
                )
            ))?;
            for ch in &c.changes {
                let label = if ch.number == 0 {
                    ReportText::Participation.text(lang).to_string()
                } else {
                    ch.label.chars().take(60).collect()
                };
                emit(&format!(
                    "{:>4} {:<60} {:>8} → {:>8} {:>9}\n",
                    ch.number,
                    label,
                    ch.base,
                    ch.rate,
                    ch.signed()
                ))?;
            }
        }
        return Ok(0);
    }
    let s = scope.commune_score().map_err(|e| fail(e, lang))?;
    if a.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&s)?))?;
    } else {
        emit(&render::text(&s, lang))?;
    }
    Ok(0)
}
