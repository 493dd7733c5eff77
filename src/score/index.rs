//! The indices of a survey pack for one unit, from its respondents' answers: pure arithmetic on
//! plain data, no disk.
//!
//! Every index is an exact fraction of integer counts, reported with its numerator and
//! denominator, so that `value = k × factor × numerator / denominator` where `k` is 100 for
//! the shares and rescaled scores (`top_box`, `rescaled_mean`, `nps`, `all_items_top_box`) and 1
//! for `mean` and `weighted_mean` (whose numerator and denominator are the reduced fraction of
//! the weighted mean). Rounding happens only in [`Exact::display`]: half-up on the magnitude
//! (half away from zero for a negative NPS, as Excel's ROUND does).
//!
//! Counting rules: a blank cell and a `missing` code leave every denominator; an `unscored` code
//! ("Don't know" in the NHS Friends and Family Test) counts in the denominators of `top_box`,
//! `nps` and `all_items_top_box` and stays out of means; a `reverse` item's scored code `x`
//! counts as `min + max − x` before any method.

use crate::num::Ratio;
use crate::rules::survey::{CodeKind, Method, Scope, SurveyPack};
use std::collections::BTreeMap;

/// A signed exact fraction (an NPS, or a weighted mean of them, may be negative).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exact {
    /// Whether it is below zero (never for zero itself).
    pub negative: bool,
    /// Its magnitude.
    pub magnitude: Ratio,
}

impl Exact {
    /// `num / den`, signed by `num`.
    pub(crate) fn of(num: i128, den: u128) -> Exact {
        Exact::signed(num < 0, Ratio::new(num.unsigned_abs(), den))
    }

    /// `magnitude`, below zero when `negative` (zero is never negative).
    pub(crate) fn signed(negative: bool, magnitude: Ratio) -> Exact {
        Exact {
            negative: negative && magnitude.numer() != 0,
            magnitude,
        }
    }

    /// `self × r`; `None` on overflow.
    pub(crate) fn mul(self, r: Ratio) -> Option<Exact> {
        Some(Exact::signed(self.negative, self.magnitude.checked_mul(r)?))
    }

    /// `self + other`; `None` on overflow.
    pub(crate) fn add(self, other: Exact) -> Option<Exact> {
        if self.negative == other.negative {
            return Some(Exact::signed(
                self.negative,
                self.magnitude.checked_add(other.magnitude)?,
            ));
        }
        // Opposite signs: the larger magnitude keeps its sign.
        let (self_larger, diff) = self.magnitude.signed_diff(other.magnitude);
        let negative = if self_larger {
            self.negative
        } else {
            other.negative
        };
        Some(Exact::signed(negative, diff))
    }

    /// The nearest `f64`, for JSON only.
    pub fn to_f64(&self) -> f64 {
        let m = self.magnitude.to_f64();
        if self.negative { -m } else { m }
    }

    /// Vietnamese display rounded half-up on the magnitude: `90,56`, `-12,50`.
    pub fn display(&self, decimals: u32) -> String {
        let shown = self.magnitude.display(decimals);
        let zero = self.magnitude.round_half_up_scaled(decimals) == 0;
        if self.negative && !zero {
            format!("-{shown}")
        } else {
            shown
        }
    }

    /// `numerator / denominator` of the value, reduced, numerator signed.
    pub fn fraction(&self) -> (i128, u128) {
        let n = self.magnitude.numer() as i128;
        (if self.negative { -n } else { n }, self.magnitude.denom())
    }
}

/// One index's figure.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexFigure {
    /// The index id.
    pub id: String,
    /// Its method.
    pub method: Method,
    /// The exact value.
    pub value: Exact,
    /// Numerator (see the module's formula).
    pub numerator: i128,
    /// Denominator.
    pub denominator: u128,
    /// The pack's factor, if any.
    pub factor: Option<Ratio>,
}

impl IndexFigure {
    /// `k` of `value = k × factor × numerator / denominator`.
    pub fn scale(method: Method) -> u128 {
        match method {
            Method::Mean | Method::WeightedMean => 1,
            _ => 100,
        }
    }
}

/// Why an index has no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Absence {
    /// The unit has fewer respondents than the pack's minimum.
    BelowMinimum {
        /// Respondents of the unit.
        respondents: u64,
        /// The pack's `min_respondents`.
        min: u32,
    },
    /// Nothing in scope counts (nobody answered, or only missing codes).
    NoAnswers,
    /// A component of a weighted mean has no value.
    ComponentAbsent(String),
    /// The components' weights sum to zero.
    ZeroWeights,
}

impl crate::i18n::Localized for Absence {
    fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::PackText as T;
        match self {
            Absence::BelowMinimum { respondents, min } => {
                T::BelowMinimum.say(lang, &[("respondents", respondents), ("min", min)])
            }
            Absence::NoAnswers => T::NoAnswers.text(lang).to_string(),
            Absence::ComponentAbsent(id) => T::ComponentAbsent.fill(lang, &[("id", id)]),
            Absence::ZeroWeights => T::ZeroWeights.text(lang).to_string(),
        }
    }
}

/// An index without a value, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AbsentIndex {
    /// The index id.
    pub id: String,
    /// Its method.
    pub method: Method,
    /// Why.
    pub why: Absence,
}

/// One item's answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemCounts {
    /// Item id.
    pub id: String,
    /// Answers that count (scored and unscored codes; not blanks, not missing codes).
    pub answers: u64,
    /// Blank cells.
    pub blank: u64,
    /// Respondents per code as answered (before any reversal), missing codes included.
    pub counts: BTreeMap<i64, u64>,
}

/// A unit's indices.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitIndices {
    /// Respondents (rows) of the unit.
    pub respondents: u64,
    /// Indices with a value, in the pack's order.
    pub indices: Vec<IndexFigure>,
    /// Indices without one, in the pack's order, with the reason.
    pub absent: Vec<AbsentIndex>,
    /// Every item's counts.
    pub items: Vec<ItemCounts>,
}

/// The answers of a unit: `columns[item][respondent]`, a code or `None` for a blank cell, in
/// the order of the pack's items; every column as long as the unit has respondents.
pub fn compute(pack: &SurveyPack, columns: &[Vec<Option<i64>>]) -> UnitIndices {
    let respondents = columns.first().map_or(0, |c| c.len()) as u64;
    let items = pack
        .items
        .iter()
        .zip(columns)
        .map(|(item, col)| {
            let scale = &pack.scales[item.scale];
            let mut counts = BTreeMap::new();
            let (mut answers, mut blank) = (0, 0);
            for a in col {
                match a {
                    None => blank += 1,
                    Some(c) => {
                        *counts.entry(*c).or_insert(0) += 1;
                        if matches!(scale.kind(*c), Some(CodeKind::Scored | CodeKind::Unscored)) {
                            answers += 1;
                        }
                    }
                }
            }
            ItemCounts {
                id: item.id.clone(),
                answers,
                blank,
                counts,
            }
        })
        .collect();
    let mut out = UnitIndices {
        respondents,
        indices: Vec::new(),
        absent: Vec::new(),
        items,
    };
    if respondents < u64::from(pack.min_respondents) {
        out.absent = pack
            .indices
            .iter()
            .map(|d| AbsentIndex {
                id: d.id.clone(),
                method: d.method,
                why: Absence::BelowMinimum {
                    respondents,
                    min: pack.min_respondents,
                },
            })
            .collect();
        return out;
    }
    let mut results: Vec<Option<Result<IndexFigure, Absence>>> = vec![None; pack.indices.len()];
    for &i in &pack.order {
        let r = figure(pack, i, columns, &results);
        results[i] = Some(r);
    }
    for (def, r) in pack.indices.iter().zip(results) {
        match r {
            Some(Ok(f)) => out.indices.push(f),
            Some(Err(why)) => out.absent.push(AbsentIndex {
                id: def.id.clone(),
                method: def.method,
                why,
            }),
            None => {}
        }
    }
    out
}

/// An answer as a method sees it.
pub(crate) enum Seen {
    /// Out of the denominator (blank, missing, not a code of the scale).
    Out,
    /// Counted in shares, not in means.
    Unscored,
    /// A scored code, reversed if the item is.
    Scored(i64),
}

/// How `item`'s answer `a` counts.
pub(crate) fn seen(pack: &SurveyPack, item: usize, a: Option<i64>) -> Seen {
    let it = &pack.items[item];
    let sc = &pack.scales[it.scale];
    match a.map(|c| (c, sc.kind(c))) {
        Some((c, Some(CodeKind::Scored))) => {
            Seen::Scored(if it.reverse { sc.min + sc.max - c } else { c })
        }
        Some((_, Some(CodeKind::Unscored))) => Seen::Unscored,
        _ => Seen::Out,
    }
}

fn figure(
    pack: &SurveyPack,
    i: usize,
    columns: &[Vec<Option<i64>>],
    done: &[Option<Result<IndexFigure, Absence>>],
) -> Result<IndexFigure, Absence> {
    let def = &pack.indices[i];
    let (num, den): (i128, u128) = match &def.scope {
        Scope::Items(items) => {
            let sc = &pack.scales[def.scale.unwrap_or(0)];
            let cells = || {
                items
                    .iter()
                    .flat_map(|&it| columns[it].iter().map(move |a| seen(pack, it, *a)))
            };
            match def.method {
                Method::TopBox | Method::Nps => {
                    let (mut answers, mut top, mut bottom) = (0u128, 0i128, 0i128);
                    for s in cells() {
                        match s {
                            Seen::Out => {}
                            Seen::Unscored => answers += 1,
                            Seen::Scored(x) => {
                                answers += 1;
                                top += i128::from(def.boxes.contains(&x));
                                bottom += i128::from(def.detractors.contains(&x));
                            }
                        }
                    }
                    (top - bottom, answers)
                }
                Method::RescaledMean | Method::Mean => {
                    let (mut n, mut sum) = (0u128, 0i128);
                    for s in cells() {
                        if let Seen::Scored(x) = s {
                            n += 1;
                            sum += i128::from(if def.method == Method::Mean {
                                x
                            } else {
                                x - sc.min
                            });
                        }
                    }
                    let width = if def.method == Method::Mean {
                        1
                    } else {
                        (sc.max - sc.min) as u128
                    };
                    (sum, n * width)
                }
                Method::AllItemsTopBox => {
                    let per = all_in_boxes(pack, &def.boxes, items, columns);
                    let answered = per.iter().flatten().count() as u128;
                    let all_top = per.iter().filter(|a| **a == Some(true)).count();
                    (all_top as i128, answered)
                }
                Method::WeightedMean => unreachable!("weighted means average indices"),
            }
        }
        Scope::Indices(parts) => combine(pack, def, parts, |p| match &done[p] {
            Some(Ok(f)) => Some(f.value),
            _ => None,
        })?
        .fraction(),
    };
    if den == 0 {
        return Err(Absence::NoAnswers);
    }
    let k = IndexFigure::scale(def.method);
    let mut value = Exact::of(num, den)
        .mul(Ratio::new(k, 1))
        .ok_or(Absence::NoAnswers)?;
    if let Some(f) = def.factor {
        value = value.mul(f).ok_or(Absence::NoAnswers)?;
    }
    Ok(IndexFigure {
        id: def.id.clone(),
        method: def.method,
        value,
        numerator: num,
        denominator: den,
        factor: def.factor,
    })
}

/// Per respondent, whether every answer in scope is in `boxes`: `None` for a respondent with
/// no answer in scope (out of the denominator), `Some(false)` when any answer (an unscored one
/// too) is outside the boxes.
pub(crate) fn all_in_boxes(
    pack: &SurveyPack,
    boxes: &std::collections::BTreeSet<i64>,
    items: &[usize],
    columns: &[Vec<Option<i64>>],
) -> Vec<Option<bool>> {
    let rows = columns.first().map_or(0, |c| c.len());
    let mut out: Vec<Option<bool>> = vec![None; rows];
    for &it in items {
        for (r, a) in columns[it].iter().enumerate() {
            let inside = match seen(pack, it, *a) {
                Seen::Out => continue,
                Seen::Unscored => false,
                Seen::Scored(x) => boxes.contains(&x),
            };
            out[r] = Some(out[r].unwrap_or(true) && inside);
        }
    }
    out
}

/// The weighted mean of index `def`'s components (`parts`), whose values `value` gives
/// (`None`: that component is absent): weights renormalised to sum 1, or as given. The
/// official figure and the weighted estimate (beyond the official arithmetic) average alike.
pub(crate) fn combine(
    pack: &SurveyPack,
    def: &crate::rules::survey::IndexDef,
    parts: &[usize],
    value: impl Fn(usize) -> Option<Exact>,
) -> Result<Exact, Absence> {
    let mut sum = Exact::of(0, 1);
    let mut weights = Ratio::zero();
    for &p in parts {
        let part = value(p).ok_or_else(|| Absence::ComponentAbsent(pack.indices[p].id.clone()))?;
        let w = pack.indices[p].weight;
        sum = sum
            .add(part.mul(w).ok_or(Absence::NoAnswers)?)
            .ok_or(Absence::NoAnswers)?;
        weights = weights.checked_add(w).ok_or(Absence::NoAnswers)?;
    }
    if def.as_given {
        return Ok(sum);
    }
    if weights.numer() == 0 {
        return Err(Absence::ZeroWeights);
    }
    sum.mul(Ratio::new(weights.denom(), weights.numer()))
        .ok_or(Absence::NoAnswers)
}
