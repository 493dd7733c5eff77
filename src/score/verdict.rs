//! The checks of a verdict, compared exactly, each with its margin in households.
//!
//! A rate x/n passes a threshold t (in percent) exactly when x ≥ ⌈t·n/100⌉, so every margin is
//! an integer: the adverse answers a passing check can absorb and still pass (one more flips
//! it), or, negative, how many are missing for a failing check to pass. Nothing here rounds.

use super::{AreaTally, CheckResult, ItemCounts};
use crate::num::Ratio;
use crate::rules::{CheckKind, CheckRule, Form};
use serde::Serialize;

/// What a margin counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MarginUnit {
    /// Households (forms, or one answer per form).
    Households,
    /// Single answers (the mean over content items: one household gives several).
    Answers,
}

/// The smallest count x with x / den ≥ t %, i.e. ⌈t·den / 100⌉.
pub fn needed(t: Ratio, den: u64) -> u64 {
    let num = t.numer() * den as u128;
    let d = t.denom() * 100;
    num.div_ceil(d) as u64
}

fn margin(have: u64, need: u64) -> i64 {
    have as i64 - need as i64
}

/// The commune's totals that checks look at.
pub struct Totals<'a> {
    /// The form.
    pub form: &'a Form,
    /// Per-item counts over the commune's counted forms.
    pub items: &'a [ItemCounts],
    /// Forms counted.
    pub counted: u64,
    /// Forms returned.
    pub returned: u64,
    /// Households.
    pub households: u64,
    /// Areas.
    pub areas: &'a [AreaTally],
    /// Decimals of the displayed value.
    pub decimals: u32,
}

/// A check measured: value, what it is about, margin, and what the margin counts.
type Measure = (Ratio, Option<String>, i64, MarginUnit);

/// The weakest area's participation; the margin over every failing area.
fn participation_area(t: &Totals, th: Ratio) -> Measure {
    let per: Vec<(Ratio, &str, i64)> = t
        .areas
        .iter()
        .filter(|a| a.households > 0)
        .map(|a| {
            (
                Ratio::percent_of(a.returned, a.households),
                a.area.as_str(),
                margin(a.returned, needed(th, a.households)),
            )
        })
        .collect();
    let weakest = per.iter().min_by(|a, b| a.0.cmp(&b.0));
    // Failing: households missing over all failing areas; passing: the weakest area's room.
    let short: i64 = per.iter().filter(|x| x.2 < 0).map(|x| x.2).sum();
    let m = if short < 0 {
        short
    } else {
        per.iter().map(|x| x.2).min().unwrap_or(0)
    };
    (
        weakest.map(|w| w.0).unwrap_or(Ratio::zero()),
        weakest.map(|w| w.1.to_string()),
        m,
        MarginUnit::Households,
    )
}

/// The weakest content item; the margin of the item nearest to flipping.
fn item_floor(t: &Totals, th: Ratio, content: &[usize]) -> Measure {
    let worst = content
        .iter()
        .map(|k| {
            (
                Ratio::percent_of(t.items[*k].satisfied, t.counted),
                *k,
                margin(t.items[*k].satisfied, needed(th, t.counted)),
            )
        })
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    // The item nearest to flipping decides the margin (one household answers every item).
    let m = content
        .iter()
        .map(|k| margin(t.items[*k].satisfied, needed(th, t.counted)))
        .min()
        .unwrap_or(0);
    match worst {
        Some((v, k, _)) => (
            v,
            Some(format!("Câu {}", t.form.items[k].number)),
            m,
            MarginUnit::Households,
        ),
        None => (Ratio::zero(), None, 0, MarginUnit::Households),
    }
}

/// The weakest item of any area; the margin of the cell nearest to flipping.
fn area_item_floor(t: &Totals, th: Ratio) -> Measure {
    let cells: Vec<(Ratio, String, i64)> = t
        .areas
        .iter()
        .filter(|a| a.counted() > 0)
        .flat_map(|a| {
            a.items.iter().enumerate().map(move |(k, c)| {
                (
                    Ratio::percent_of(c.satisfied, a.counted()),
                    format!("{} — Câu {}", a.area, k + 1),
                    margin(c.satisfied, needed(th, a.counted())),
                )
            })
        })
        .collect();
    let worst = cells.iter().min_by(|a, b| a.0.cmp(&b.0));
    let m = cells.iter().map(|c| c.2).min().unwrap_or(0);
    (
        worst.map(|w| w.0).unwrap_or(Ratio::zero()),
        worst.map(|w| w.1.clone()),
        m,
        MarginUnit::Households,
    )
}

/// Evaluates one check.
pub fn evaluate(rule: &CheckRule, t: &Totals) -> CheckResult {
    let th = rule.threshold;
    let content: Vec<usize> = t
        .form
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| !i.overall)
        .map(|(k, _)| k)
        .collect();
    let overall_i = t
        .form
        .items
        .iter()
        .position(|i| i.overall)
        .expect("one overall item");
    let (value, subject, margin_households, unit) = match rule.kind {
        CheckKind::ParticipationCommune => (
            Ratio::percent_of(t.returned, t.households),
            None,
            margin(t.returned, needed(th, t.households)),
            MarginUnit::Households,
        ),
        CheckKind::ParticipationArea => participation_area(t, th),
        CheckKind::OverallMin => {
            let s = t.items[overall_i].satisfied;
            (
                Ratio::percent_of(s, t.counted),
                None,
                margin(s, needed(th, t.counted)),
                MarginUnit::Households,
            )
        }
        CheckKind::ContentMeanMin => {
            let sum: u64 = content.iter().map(|k| t.items[*k].satisfied).sum();
            let den = t.counted * content.len() as u64;
            (
                Ratio::percent_of(sum, den),
                None,
                margin(sum, needed(th, den)),
                MarginUnit::Answers,
            )
        }
        CheckKind::ItemFloor => item_floor(t, th, &content),
        CheckKind::PooledMin => {
            // Blank and invalid answers are outside the denominator, as in the reports.
            let (sat, dis) = content.iter().fold((0, 0), |(s, d), k| {
                (s + t.items[*k].satisfied, d + t.items[*k].dissatisfied)
            });
            (
                Ratio::percent_of(sat, sat + dis),
                None,
                margin(sat, needed(th, sat + dis)),
                MarginUnit::Answers,
            )
        }
        CheckKind::AreaItemFloor => area_item_floor(t, th),
    };
    // Without a single counted form (or surveyed household) a rate is not a result: the check
    // fails and needs at least one more, whatever the threshold.
    let has_data = match rule.kind {
        CheckKind::ParticipationCommune => t.households > 0,
        CheckKind::ParticipationArea => t.areas.iter().any(|a| a.households > 0),
        CheckKind::OverallMin | CheckKind::ContentMeanMin | CheckKind::ItemFloor => t.counted > 0,
        CheckKind::AreaItemFloor => t.areas.iter().any(|a| a.counted() > 0),
        CheckKind::PooledMin => content
            .iter()
            .any(|k| t.items[*k].satisfied + t.items[*k].dissatisfied > 0),
    };
    let passed = has_data && value >= th;
    let margin_households = if has_data { margin_households } else { -1 };
    CheckResult {
        check: rule.kind,
        label: rule.kind.label().0.to_string(),
        value: crate::num::Rate::new(value, t.decimals),
        threshold_pct: th.to_f64(),
        threshold_display: threshold_display(rule),
        passed,
        margin_households,
        margin_unit: unit,
        subject,
        source: rule.source.clone(),
        verified: rule.verified,
        no_source: rule.no_source,
        pack: rule.pack.clone(),
    }
}

/// A threshold shown as written in its file (`90`, `92,5`), whatever the pack's decimals.
pub fn threshold_display(rule: &CheckRule) -> String {
    rule.threshold.display(decimals_of(&rule.threshold_text))
}

/// Decimals needed to show a threshold as written (`90` → 0, `92.5` → 1).
fn decimals_of(text: &str) -> u32 {
    text.split(['.', ','])
        .nth(1)
        .map(|f| f.len() as u32)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needed_is_the_exact_ceiling() {
        let t = Ratio::new(90, 1);
        assert_eq!(needed(t, 10), 9);
        assert_eq!(needed(t, 11), 10); // 9,9 → 10
        assert_eq!(needed(Ratio::parse_decimal("92.5").unwrap(), 200), 185);
        assert_eq!(needed(Ratio::new(100, 1), 7), 7);
        assert_eq!(needed(Ratio::zero(), 7), 0);
    }
}
