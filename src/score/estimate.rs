//! Beyond the official arithmetic, and always labelled so: the 95 % interval of each index of a
//! survey pack and its weighted estimate, as the R `survey` package reads a simple random
//! sample. The official figure is [`super::index`]'s exact count; nothing here changes it or
//! enters a verdict.
//!
//! Every item-scoped index is a mean of per-observation values `y` (an answer, or a respondent
//! for `all_items_top_box`): 0/1 for shares, −1/0/1 for NPS, `x − min` (rescaled) or `x` (mean)
//! for means, so that the index is `mult × ȳ` with `mult = k × factor / width`. Hence:
//!
//! - shares (`top_box`, `all_items_top_box`): the Wilson interval of `Σy` out of `n`;
//! - NPS and means: the normal interval `ȳ ± z √(v f / n)` with the plug-in variance
//!   `v = Σy²/n − ȳ²` from the exact counts (for NPS `p⁺ + p⁻ − (p⁺ − p⁻)²`);
//! - `f`, the finite-population correction `(N − r)/(N − 1)` when the unit's population `N` is
//!   given (`r` its respondents), else 1;
//! - weighted estimates (a weight column on every respondent of the unit): the ratio estimator
//!   `Σ w y / Σ w` over the same observations, exact. Renormalising the weights within the unit
//!   (`w · r / Σw`) leaves a ratio unchanged, so the unit's own weights are used as written.
//!   Weighted means of indices average the components' weighted estimates with the pack's
//!   weights. No interval is given for weighted means of indices (their components share
//!   respondents; the covariance is not estimated).
//!
//! Answers pooled over several items are treated as independent observations, as the Wilson
//! interval already printed for shares did; said in `docs/methodology.md`.

use super::index::{Exact, IndexFigure, Seen, UnitIndices, all_in_boxes, combine, seen};
use super::stats::{fpc, normal95, wilson95_fpc};
use crate::num::Ratio;
use crate::rules::survey::{Method, Scope, SurveyPack};

/// Which interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntervalKind {
    /// Wilson score interval (shares).
    Wilson,
    /// Normal interval from the plug-in variance (NPS and means).
    Normal,
}

impl IntervalKind {
    /// The name in JSON.
    pub fn key(self) -> &'static str {
        match self {
            IntervalKind::Wilson => "wilson",
            IntervalKind::Normal => "normal",
        }
    }
}

/// A 95 % interval on the index's own scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Lower end.
    pub low: f64,
    /// Upper end.
    pub high: f64,
    /// How it was computed.
    pub kind: IntervalKind,
    /// Whether the finite-population correction was applied.
    pub fpc: bool,
}

/// One index's figures beyond the official arithmetic.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexEstimate {
    /// Index id.
    pub id: String,
    /// Its 95 % interval (`None` for weighted means of indices).
    pub interval: Option<Interval>,
    /// Its weighted estimate (`None` without usable weights).
    pub weighted: Option<Exact>,
}

/// Whether the unit's answers carry weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weighting {
    /// No respondent has a weight.
    None,
    /// Every respondent has one: weighted estimates given.
    Used,
    /// Some respondents lack a usable weight (blank or not a number; every one when all the
    /// weights are zero): no weighted estimate.
    Unusable {
        /// Respondents without a usable weight.
        without: u64,
    },
}

/// A unit's figures beyond the official arithmetic.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimates {
    /// Per index with an official value, in the same order.
    pub indices: Vec<IndexEstimate>,
    /// Whether weights were used.
    pub weighting: Weighting,
    /// The unit's population, when given.
    pub population: Option<u64>,
}

/// Per-observation values of an item-scoped index: `(respondent, y)`, and `mult`, `lo`, `hi`
/// such that the index is `mult × ȳ` and every `y` lies in `[lo, hi]`.
struct Observations {
    obs: Vec<(usize, i64)>,
    mult: Ratio,
    range: (i64, i64),
}

fn observations(
    pack: &SurveyPack,
    def: &crate::rules::survey::IndexDef,
    items: &[usize],
    columns: &[Vec<Option<i64>>],
) -> Observations {
    let sc = &pack.scales[def.scale.unwrap_or(0)];
    let k = IndexFigure::scale(def.method);
    let factor = def.factor.unwrap_or(Ratio::new(1, 1));
    let mut obs = Vec::new();
    let (width, range) = match def.method {
        Method::AllItemsTopBox => {
            for (r, a) in all_in_boxes(pack, &def.boxes, items, columns)
                .into_iter()
                .enumerate()
            {
                if let Some(top) = a {
                    obs.push((r, i64::from(top)));
                }
            }
            (1, (0, 1))
        }
        m => {
            for &it in items {
                for (r, a) in columns[it].iter().enumerate() {
                    let y = match (seen(pack, it, *a), m) {
                        (Seen::Out, _) => continue,
                        (Seen::Unscored, Method::TopBox | Method::Nps) => 0,
                        (Seen::Unscored, _) => continue,
                        (Seen::Scored(x), Method::TopBox) => i64::from(def.boxes.contains(&x)),
                        (Seen::Scored(x), Method::Nps) => {
                            i64::from(def.boxes.contains(&x))
                                - i64::from(def.detractors.contains(&x))
                        }
                        (Seen::Scored(x), Method::RescaledMean) => x - sc.min,
                        (Seen::Scored(x), _) => x,
                    };
                    obs.push((r, y));
                }
            }
            match m {
                Method::TopBox => (1, (0, 1)),
                Method::Nps => (1, (-1, 1)),
                Method::RescaledMean => ((sc.max - sc.min) as u128, (0, sc.max - sc.min)),
                _ => (1, (sc.min, sc.max)),
            }
        }
    };
    let mult = Ratio::new(k, width.max(1))
        .checked_mul(factor)
        .unwrap_or(Ratio::new(k, 1));
    Observations { obs, mult, range }
}

fn interval(o: &Observations, method: Method, f: f64, corrected: bool) -> Option<Interval> {
    let n = o.obs.len() as u64;
    let m = o.mult.to_f64();
    let (low, high, kind) = if matches!(method, Method::TopBox | Method::AllItemsTopBox) {
        let k = o.obs.iter().filter(|(_, y)| *y == 1).count() as u64;
        let (a, b) = wilson95_fpc(k, n, f)?;
        (a, b, IntervalKind::Wilson)
    } else {
        let (s, s2) = o.obs.iter().fold((0f64, 0f64), |(s, s2), (_, y)| {
            let y = *y as f64;
            (s + y, s2 + y * y)
        });
        let mean = s / n.max(1) as f64;
        let var = s2 / n.max(1) as f64 - mean * mean;
        let (a, b) = normal95(mean, var, n, f, o.range.0 as f64, o.range.1 as f64)?;
        (a, b, IntervalKind::Normal)
    };
    Some(Interval {
        low: low * m,
        high: high * m,
        kind,
        fpc: corrected,
    })
}

/// `mult × Σ w y / Σ w`, exact; `None` when no observation has weight.
fn weighted(o: &Observations, w: &[Ratio]) -> Option<Exact> {
    let (mut pos, mut neg, mut total) = (Ratio::zero(), Ratio::zero(), Ratio::zero());
    for &(r, y) in &o.obs {
        let wy = w[r].checked_mul(Ratio::new(u128::from(y.unsigned_abs()), 1))?;
        if y >= 0 {
            pos = pos.checked_add(wy)?;
        } else {
            neg = neg.checked_add(wy)?;
        }
        total = total.checked_add(w[r])?;
    }
    if total.numer() == 0 {
        return None;
    }
    let (pos_larger, diff) = pos.signed_diff(neg);
    let mean = diff.checked_div(total)?.checked_mul(o.mult)?;
    Some(Exact::signed(!pos_larger, mean))
}

/// The figures beyond the official arithmetic of a unit whose official figures are `official`:
/// `columns` as [`super::index::compute`] takes them, `weights` one per respondent (`None` when
/// no respondent has a weight; inside, `None` for a blank or unreadable one), `population` the
/// unit's population if known (at least its respondents).
pub fn estimate(
    pack: &SurveyPack,
    columns: &[Vec<Option<i64>>],
    official: &UnitIndices,
    weights: Option<&[Option<Ratio>]>,
    population: Option<u64>,
) -> Estimates {
    let weighting = match weights {
        None => Weighting::None,
        Some(ws) => {
            let without = ws.iter().filter(|w| w.is_none()).count() as u64;
            if !ws.iter().flatten().any(|w| w.numer() != 0) {
                // Every weight zero (or none): no respondent can stand for anyone.
                Weighting::Unusable {
                    without: ws.len() as u64,
                }
            } else if without == 0 {
                Weighting::Used
            } else {
                Weighting::Unusable { without }
            }
        }
    };
    let w: Vec<Ratio> = match (weighting, weights) {
        (Weighting::Used, Some(ws)) => ws.iter().map(|w| w.unwrap_or(Ratio::zero())).collect(),
        _ => Vec::new(),
    };
    let (f, corrected) = match population {
        Some(big) => (fpc(official.respondents, big), true),
        None => (1.0, false),
    };
    let mut done: Vec<Option<Exact>> = vec![None; pack.indices.len()];
    let mut out: Vec<Option<IndexEstimate>> = vec![None; pack.indices.len()];
    for &i in &pack.order {
        let def = &pack.indices[i];
        if !official.indices.iter().any(|x| x.id == def.id) {
            continue;
        }
        let (iv, wv) = match &def.scope {
            Scope::Items(items) => {
                let o = observations(pack, def, items, columns);
                let wv = if w.is_empty() { None } else { weighted(&o, &w) };
                (interval(&o, def.method, f, corrected), wv)
            }
            Scope::Indices(parts) => {
                let wv =
                    combine(pack, def, parts, |p| done[p])
                        .ok()
                        .and_then(|v| match def.factor {
                            Some(fac) => v.mul(fac),
                            None => Some(v),
                        });
                (None, wv.filter(|_| !w.is_empty()))
            }
        };
        done[i] = wv;
        out[i] = Some(IndexEstimate {
            id: def.id.clone(),
            interval: iv,
            weighted: wv,
        });
    }
    // Keep the official order (the pack's), for indices with a value.
    let mut indices = Vec::new();
    for f in &official.indices {
        if let Some(e) = pack
            .indices
            .iter()
            .position(|d| d.id == f.id)
            .and_then(|i| out[i].take())
        {
            indices.push(e);
        }
    }
    Estimates {
        indices,
        weighting,
        population,
    }
}
