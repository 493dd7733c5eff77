//! Aggregation and verdicts: from a commune's forms to its official figures.
//!
//! A pure core: [`tally`] and [`texts::texts`] compute on [`SurveyData`], plain data the
//! application layer loads from the workspace (register, tallies, and the forms as count groups
//! or as a ballots table). Counting sums the count groups written at import, grouped by area and
//! invalid-ground signature, or, where those cannot stand in for the ballots (keyed or older
//! sources), counts the ballots in polars (one pass, grouped by area); both give the same
//! integers (the property test below, and `tests/counts.rs` through the store). Every rate after
//! that is an exact [`Ratio`], kept as a [`Rate`] in the results, and every comparison with a
//! threshold is exact. Nothing here opens the workspace, reads spreadsheets or writes files;
//! words come from the catalogue ([`crate::i18n`]).

pub mod criteria;
pub mod estimate;
pub mod index;
pub mod render;
pub mod stats;
pub mod texts;
pub mod verdict;

use crate::model::{CountGroup, RegisterArea, TallyRow, item_column};
use crate::num::{Rate, Ratio};
use crate::rules::{CheckKind, Form, FormRules};
use polars::prelude::*;
use serde::Serialize;

// The JSON keys results have always had, each pair written from one Rate.
crate::rate_json!(rate_keys, "rate_pct", "rate_display");
crate::rate_json!(
    dissatisfied_keys,
    "dissatisfied_pct",
    "dissatisfied_display"
);
crate::rate_json!(
    overall_rate_keys,
    "overall_rate_pct",
    "overall_rate_display"
);
crate::rate_json!(value_keys, "value_pct", "value_display");
crate::rate_json!(
    content_mean_keys,
    "content_mean_pct",
    "content_mean_display"
);
crate::rate_json!(
    other_opinions_keys,
    "other_opinions_pct",
    "other_opinions_display"
);

/// Writes per-item rates as `item_rates_pct` and `item_rates_display`.
mod item_rates_keys {
    use crate::num::Rate;
    use serde::ser::SerializeMap;

    pub fn serialize<S: serde::Serializer>(rates: &[Rate], s: S) -> Result<S::Ok, S::Error> {
        let pct: Vec<f64> = rates.iter().map(Rate::pct).collect();
        let display: Vec<String> = rates.iter().map(Rate::to_string).collect();
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("item_rates_pct", &pct)?;
        m.serialize_entry("item_rates_display", &display)?;
        m.end()
    }
}

/// What can go wrong while scoring.
#[derive(Debug, thiserror::Error)]
pub enum ScoreError {
    /// The aggregation failed.
    Aggregate {
        /// Commune.
        commune: String,
        /// Polars' message.
        message: String,
    },
}

impl crate::i18n::Localized for ScoreError {
    fn message(&self, lang: crate::i18n::Lang) -> String {
        match self {
            ScoreError::Aggregate { commune, message } => crate::i18n::ErrorText::ScoreAggregate
                .fill(lang, &[("commune", commune), ("message", message)]),
        }
    }
}

crate::display_in_vietnamese!(ScoreError);

/// Answer counts of one item over the counted forms.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ItemCounts {
    /// "Hài lòng".
    pub satisfied: u64,
    /// "Không hài lòng".
    pub dissatisfied: u64,
    /// Nothing marked.
    pub blank: u64,
    /// Unreadable or both marked.
    pub invalid: u64,
}

impl ItemCounts {
    fn add(&mut self, o: &ItemCounts) {
        self.satisfied += o.satisfied;
        self.dissatisfied += o.dissatisfied;
        self.blank += o.blank;
        self.invalid += o.invalid;
    }

    /// Every counted form, whatever its answer.
    pub fn total(&self) -> u64 {
        self.satisfied + self.dissatisfied + self.blank + self.invalid
    }
}

/// The raw counts of one residential area.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AreaTally {
    /// Area name.
    pub area: String,
    /// Households at distribution.
    pub households: u64,
    /// Forms issued, when the register or tally says.
    pub issued: Option<u64>,
    /// Forms returned (valid or not).
    pub returned: u64,
    /// Forms invalid as a whole.
    pub invalid: u64,
    /// Of the invalid forms, how many meet each ground the pack enables.
    pub invalid_by_ground: InvalidGrounds,
    /// Per-item counts over the area's counted forms.
    pub items: Vec<ItemCounts>,
    /// Counted forms with at least one "Không hài lòng" to a content item (the overall
    /// question is its own figure: reports count "phiếu có nội dung không hài lòng" on content).
    pub any_dissatisfied: u64,
    /// Forms with an "ý kiến khác".
    pub other_opinions: u64,
    /// Whether the area's figures come from a paper tally (which cannot tell how many forms had
    /// at least one "Không hài lòng").
    pub from_tally: bool,
}

/// Forms invalid as a whole, per ground of the pack's rule; `None` for a ground not enabled. A
/// form can meet several grounds (every item blank is not "an invalid item", but a pack may add
/// grounds that overlap), so the grounds need not add up to the invalid forms.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct InvalidGrounds {
    /// Every item blank.
    pub all_blank: Option<u64>,
    /// At least one invalid answer (both options marked, or unreadable).
    pub any_invalid_item: Option<u64>,
    /// At least one item with both options marked.
    pub any_double_marked: Option<u64>,
    /// Marked invalid by the commune in the entry workbook.
    pub marked: Option<u64>,
}

impl InvalidGrounds {
    /// The enabled grounds with their counts and catalogue labels, in rule order.
    pub fn listed(&self) -> Vec<(crate::i18n::ReportText, u64)> {
        use crate::i18n::ReportText as R;
        [
            (self.all_blank, R::GroundAllBlank),
            (self.any_invalid_item, R::GroundInvalidItem),
            (self.any_double_marked, R::GroundDoubleMarked),
            (self.marked, R::GroundMarked),
        ]
        .into_iter()
        .filter_map(|(n, t)| n.map(|n| (t, n)))
        .collect()
    }

    fn add(&mut self, o: &InvalidGrounds) {
        let sum = |a: Option<u64>, b: Option<u64>| match (a, b) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
        };
        self.all_blank = sum(self.all_blank, o.all_blank);
        self.any_invalid_item = sum(self.any_invalid_item, o.any_invalid_item);
        self.any_double_marked = sum(self.any_double_marked, o.any_double_marked);
        self.marked = sum(self.marked, o.marked);
    }

    /// Zero for every enabled ground, so a report shows "0" rather than nothing.
    fn enabled(rule: &crate::rules::InvalidFormRule) -> InvalidGrounds {
        InvalidGrounds {
            all_blank: rule.all_blank.then_some(0),
            any_invalid_item: rule.any_invalid_item.then_some(0),
            any_double_marked: rule.any_double_marked.then_some(0),
            marked: rule.marked.then_some(0),
        }
    }
}

impl AreaTally {
    /// Forms counted (returned minus invalid).
    pub fn counted(&self) -> u64 {
        self.returned - self.invalid
    }
}

/// The tally of `area`, appended (without households) when the register does not list it.
fn area_entry<'a>(areas: &'a mut Vec<AreaTally>, area: &str, n: usize) -> &'a mut AreaTally {
    let idx = match areas.iter().position(|a| a.area == area) {
        Some(i) => i,
        None => {
            areas.push(AreaTally {
                area: area.to_string(),
                items: vec![ItemCounts::default(); n],
                ..Default::default()
            });
            areas.len() - 1
        }
    };
    &mut areas[idx]
}

fn add_tallies(areas: &mut Vec<AreaTally>, tallies: &[crate::model::TallyRow], n: usize) {
    for t in tallies {
        let a = area_entry(areas, &t.area, n);
        a.from_tally = true;
        if let Some(i) = t.issued {
            a.issued = Some(i as u64);
        }
        a.returned += t.returned as u64;
        a.other_opinions += t.other_opinions.unwrap_or(0) as u64;
        for (c, it) in a.items.iter_mut().zip(&t.items) {
            let (s, d) = (it.satisfied as u64, it.dissatisfied as u64);
            c.add(&ItemCounts {
                satisfied: s,
                dissatisfied: d,
                blank: t.returned as u64 - s - d,
                invalid: 0,
            });
        }
    }
}

/// Per item, the count of each answer code: `_s{i}`, `_d{i}`, `_b{i}` (satisfied, not
/// satisfied, blank) over the `q{i}` columns; invalid answers are the group's forms less these.
/// One pass, summing booleans: this is what keeps grouping millions of forms cheap (one byte
/// per answer, no strings).
pub fn answer_counts(n: usize) -> Vec<Expr> {
    counts_of(n, &[(1u8, "s"), (2, "d"), (0, "b")])
}

/// Only `_s{i}` and `_d{i}`: enough when no answer is invalid (blank = forms − s − d), which a
/// caller can know from one cheap `max` pass; a third fewer sums over millions of rows.
pub fn answer_counts_without_invalid(n: usize) -> Vec<Expr> {
    counts_of(n, &[(1u8, "s"), (2, "d")])
}

fn counts_of(n: usize, codes: &[(u8, &str)]) -> Vec<Expr> {
    let mut aggs = Vec::with_capacity(codes.len() * n);
    for i in 1..=n {
        for &(code, tag) in codes {
            aggs.push(
                col(item_column(i))
                    .eq(lit(code))
                    .sum()
                    .cast(DataType::UInt64)
                    .alias(format!("_{tag}{i}")),
            );
        }
    }
    aggs
}

/// What one commune's score needs, as the application layer loads it from the workspace for
/// one form and round: plain data, so that counting never reads the disk.
#[derive(Debug, Clone, Default)]
pub struct SurveyData {
    /// The residential areas and their households.
    pub register: Vec<RegisterArea>,
    /// Paper tallies per area.
    pub tallies: Vec<TallyRow>,
    /// The household forms, in the cheapest shape that gives their sums.
    pub counted: Counted,
}

/// The household forms of a commune, as the store can give them.
#[derive(Debug, Clone, Default)]
pub enum Counted {
    /// No household form (tallies only, or nothing yet).
    #[default]
    Nothing,
    /// The per-source sums written at import, grouped by area and invalid-ground signature.
    Groups(Vec<CountGroup>),
    /// The forms themselves, one row each (keyed or older sources, whose sums cannot stand in).
    Ballots(DataFrame),
}

/// Counts one commune's forms, grouped by area (register order; areas without forms included,
/// forms of areas missing from the register appended).
pub fn tally(
    data: &SurveyData,
    commune: &str,
    form: &Form,
    rules: &FormRules,
) -> Result<Vec<AreaTally>, ScoreError> {
    let n = form.item_count();
    let mut areas: Vec<AreaTally> = data
        .register
        .iter()
        .map(|r| AreaTally {
            area: r.area.clone(),
            households: r.households as u64,
            issued: r.forms_issued.map(u64::from),
            items: vec![ItemCounts::default(); n],
            ..Default::default()
        })
        .collect();
    add_tallies(&mut areas, &data.tallies, n);
    match &data.counted {
        Counted::Nothing => Ok(areas),
        Counted::Groups(groups) => {
            add_groups(&mut areas, groups, form, rules);
            Ok(areas)
        }
        Counted::Ballots(ballots) => tally_ballots(ballots, commune, form, rules, areas),
    }
}

/// Adds the stored count groups of a commune's sources: a group is invalid as a whole when the
/// pack's rule enables one of the grounds its signature meets (what the ballot path decides
/// form by form).
fn add_groups(areas: &mut Vec<AreaTally>, groups: &[CountGroup], form: &Form, rules: &FormRules) {
    let n = form.item_count();
    let overall = form.items.iter().position(|i| i.overall).unwrap_or(n);
    let ifr = &rules.invalid_form;
    for g in groups {
        let sig = &g.signature;
        let invalid = (ifr.all_blank && sig.all_blank)
            || (ifr.any_invalid_item && sig.any_invalid_item)
            || (ifr.any_double_marked && sig.any_double_marked)
            || (ifr.marked && sig.marked);
        let a = area_entry(areas, &g.area, n);
        a.returned += g.forms;
        a.other_opinions += g.other_opinions;
        let met = |on: bool, meets: bool| on.then_some(if meets { g.forms } else { 0 });
        if invalid {
            a.invalid += g.forms;
            a.invalid_by_ground.add(&InvalidGrounds {
                all_blank: met(ifr.all_blank, sig.all_blank),
                any_invalid_item: met(ifr.any_invalid_item, sig.any_invalid_item),
                any_double_marked: met(ifr.any_double_marked, sig.any_double_marked),
                marked: met(ifr.marked, sig.marked),
            });
            continue;
        }
        a.any_dissatisfied += g.content_dissatisfied(overall);
        for (i, c) in a.items.iter_mut().enumerate() {
            let (s, d, b) = (g.satisfied[i], g.dissatisfied[i], g.blank[i]);
            c.add(&ItemCounts {
                satisfied: s,
                dissatisfied: d,
                blank: b,
                invalid: g.forms - s - d - b,
            });
        }
    }
}

/// Counts the ballots themselves (one polars pass, grouped by area and invalidity).
fn tally_ballots(
    ballots: &DataFrame,
    commune: &str,
    form: &Form,
    rules: &FormRules,
    mut areas: Vec<AreaTally>,
) -> Result<Vec<AreaTally>, ScoreError> {
    let n = form.item_count();
    let err = |e: PolarsError| ScoreError::Aggregate {
        commune: commune.into(),
        message: e.to_string(),
    };
    let q: Vec<Expr> = (1..=n).map(|i| col(item_column(i))).collect();
    // Flat horizontal any/all: a chain of 19 `or`s makes a deep expression tree, and polars'
    // recursive optimiser overflowed the 2 MiB stack of a rayon worker under `score --all`.
    let eqs = |code: u8| {
        q.iter()
            .map(|c| c.clone().eq(lit(code)))
            .collect::<Vec<_>>()
    };
    let any_of = |code: u8| any_horizontal(eqs(code)).unwrap_or(lit(false));
    // The forms "with a dissatisfied content item" look at content items only: a district had
    // 264 such forms and 4 dissatisfied on the overall question (domain notes §3).
    let content_dis: Vec<Expr> = form
        .items
        .iter()
        .enumerate()
        .filter(|(_, it)| !it.overall)
        .map(|(k, _)| q[k].clone().eq(lit(2u8)))
        .collect();
    let any_content_dis = any_horizontal(content_dis).unwrap_or(lit(false));
    let all_of = |code: u8| all_horizontal(eqs(code)).unwrap_or(lit(false));
    // Tables written before the "Không hợp lệ" column existed do not have it: nothing marked.
    let has_marked = ballots.schema().contains("marked_invalid");
    let marked = if has_marked {
        col("marked_invalid").is_not_null()
    } else {
        lit(false)
    };
    // Code 3 is an unreadable answer, code 4 both options marked: both are invalid items.
    let any_invalid_item = any_of(3).or(any_of(4));
    let mut invalid = lit(false);
    if rules.invalid_form.all_blank {
        invalid = invalid.or(all_of(0));
    }
    if rules.invalid_form.any_invalid_item {
        invalid = invalid.or(any_invalid_item.clone());
    }
    if rules.invalid_form.any_double_marked {
        invalid = invalid.or(any_of(4));
    }
    if rules.invalid_form.marked {
        invalid = invalid.or(marked.clone());
    }
    let mut aggs = vec![
        all_of(0).sum().cast(DataType::UInt64).alias("_g_blank"),
        any_invalid_item
            .sum()
            .cast(DataType::UInt64)
            .alias("_g_item"),
        any_of(4).sum().cast(DataType::UInt64).alias("_g_double"),
        marked.sum().cast(DataType::UInt64).alias("_g_marked"),
        len().cast(DataType::UInt64).alias("_n"),
        col("_dis").sum().cast(DataType::UInt64).alias("_dis"),
        col("other_opinion")
            .is_not_null()
            .sum()
            .cast(DataType::UInt64)
            .alias("_other"),
    ];
    aggs.extend(answer_counts(n));
    let df = ballots
        .clone()
        .lazy()
        .with_columns([invalid.alias("_invalid"), any_content_dis.alias("_dis")])
        .group_by([col("area"), col("_invalid")])
        .agg(aggs)
        .collect_with_engine(Engine::Streaming)
        .map_err(err)?
        .unwrap_single();
    let get = |name: &str| -> Result<Vec<u64>, ScoreError> {
        Ok(df
            .column(name)
            .and_then(|c| c.u64().cloned())
            .map_err(err)?
            .into_no_null_iter()
            .collect())
    };
    let area_col: Vec<String> = df
        .column("area")
        .and_then(|c| c.str().cloned())
        .map_err(err)?
        .iter()
        .map(|s| s.unwrap_or_default().to_string())
        .collect();
    let inv_col: Vec<bool> = df
        .column("_invalid")
        .and_then(|c| c.bool().cloned())
        .map_err(err)?
        .iter()
        .map(|b| b.unwrap_or(false))
        .collect();
    let (count, dis, other) = (get("_n")?, get("_dis")?, get("_other")?);
    let (g_blank, g_item) = (get("_g_blank")?, get("_g_item")?);
    let (g_double, g_marked) = (get("_g_double")?, get("_g_marked")?);
    let ifr = &rules.invalid_form;
    let mut items: Vec<[Vec<u64>; 4]> = Vec::with_capacity(n);
    for i in 1..=n {
        let (sat, dis, blank) = (
            get(&format!("_s{i}"))?,
            get(&format!("_d{i}"))?,
            get(&format!("_b{i}"))?,
        );
        // Invalid answers are whatever is left of the group's forms.
        let inv = (0..count.len())
            .map(|r| count[r] - sat[r] - dis[r] - blank[r])
            .collect();
        items.push([sat, dis, blank, inv]);
    }
    for row in 0..df.height() {
        let a = area_entry(&mut areas, &area_col[row], n);
        a.returned += count[row];
        a.other_opinions += other[row];
        if inv_col[row] {
            a.invalid += count[row];
            a.invalid_by_ground.add(&InvalidGrounds {
                all_blank: ifr.all_blank.then_some(g_blank[row]),
                any_invalid_item: ifr.any_invalid_item.then_some(g_item[row]),
                any_double_marked: ifr.any_double_marked.then_some(g_double[row]),
                marked: ifr.marked.then_some(g_marked[row]),
            });
            continue;
        }
        a.any_dissatisfied += dis[row];
        for (i, [s, d, b, x]) in items.iter().enumerate() {
            a.items[i].add(&ItemCounts {
                satisfied: s[row],
                dissatisfied: d[row],
                blank: b[row],
                invalid: x[row],
            });
        }
    }
    Ok(areas)
}

/// One item's figures.
#[derive(Debug, Clone, Serialize)]
pub struct ItemScore {
    /// Item number.
    pub number: u32,
    /// Criteria codes ("" for the overall item).
    pub criterion: String,
    /// The statement.
    pub statement: String,
    /// Satisfied answers.
    pub satisfied: u64,
    /// Dissatisfied answers.
    pub dissatisfied: u64,
    /// Blank answers.
    pub blank: u64,
    /// Invalid answers.
    pub invalid: u64,
    /// Satisfied / forms counted (JSON: `rate_pct`, `rate_display`).
    #[serde(flatten, serialize_with = "rate_keys::serialize")]
    pub rate: Rate,
    /// Dissatisfied / forms counted (JSON: `dissatisfied_pct`, `dissatisfied_display`).
    #[serde(flatten, serialize_with = "dissatisfied_keys::serialize")]
    pub dissatisfied_rate: Rate,
    /// Beyond the official figure: confidence interval and worst case (see docs/methodology.md).
    pub statistics: Option<stats::RateStats>,
}

/// Households and participation.
#[derive(Debug, Clone, Serialize)]
pub struct Households {
    /// Households at distribution.
    pub total: u64,
    /// Households whose form came back.
    pub surveyed: u64,
    /// Participation (JSON: `rate_pct`, `rate_display`).
    #[serde(flatten, serialize_with = "rate_keys::serialize")]
    pub rate: Rate,
}

/// Form counts.
#[derive(Debug, Clone, Serialize)]
pub struct Forms {
    /// Forms returned.
    pub returned: u64,
    /// Forms counted.
    pub counted: u64,
    /// Forms invalid as a whole.
    pub invalid: u64,
    /// Forms issued, when every area's register says.
    pub issued: Option<u64>,
    /// Forms issued but not returned.
    pub missing: Option<u64>,
    /// Invalid forms per ground of the pack's rule (`null` for a ground not enabled).
    pub invalid_by_ground: InvalidGrounds,
}

/// One residential area's figures.
#[derive(Debug, Clone, Serialize)]
pub struct AreaScore {
    /// Name.
    pub name: String,
    /// Households.
    pub households_total: u64,
    /// Forms returned.
    pub surveyed: u64,
    /// Participation (JSON: `rate_pct`, `rate_display`).
    #[serde(flatten, serialize_with = "rate_keys::serialize")]
    pub rate: Rate,
    /// Forms counted.
    pub counted: u64,
    /// Overall item's rate in the area (JSON: `overall_rate_pct`, `overall_rate_display`).
    #[serde(flatten, serialize_with = "overall_rate_keys::serialize")]
    pub overall_rate: Rate,
    /// Every item's rate in the area, item 1 first (JSON: `item_rates_pct`,
    /// `item_rates_display`).
    #[serde(flatten, serialize_with = "item_rates_keys::serialize")]
    pub item_rates: Vec<Rate>,
}

/// One check of the verdict.
#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    /// Rule key (`overall_min`, ...).
    pub check: CheckKind,
    /// Label in Vietnamese.
    pub label: String,
    /// The value (JSON: `value_pct`, `value_display`).
    #[serde(flatten, serialize_with = "value_keys::serialize")]
    pub value: Rate,
    /// Threshold, percent.
    pub threshold_pct: f64,
    /// Threshold as written in the rule file.
    pub threshold_display: String,
    /// Whether value ≥ threshold, compared exactly.
    pub passed: bool,
    /// Positive: adverse answers the check can absorb and still pass (one more flips it);
    /// negative: how many are missing for it to pass.
    pub margin_households: i64,
    /// What the margin counts (households, or single answers for the content mean).
    pub margin_unit: verdict::MarginUnit,
    /// What the value is about (the weakest area or item), if any.
    pub subject: Option<String>,
    /// Source of the threshold.
    pub source: String,
    /// Whether the threshold was checked against its source.
    pub verified: bool,
    /// Whether no document sets the threshold (applied only because the pack enabled it).
    pub no_source: bool,
    /// Pack that set it.
    pub pack: String,
}

/// The pooled rate over content answers (xã Tam Giang: 2.216 / 2.256 = 98,23 %).
#[derive(Debug, Clone, Serialize)]
pub struct Pooled {
    /// "Hài lòng" answers to content items, all items together.
    pub satisfied: u64,
    /// "Hài lòng" plus "Không hài lòng" answers to content items: the denominator.
    pub answers: u64,
    /// Content answers left blank on counted forms (not in the denominator).
    pub blank: u64,
    /// Content answers invalid on counted forms (not in the denominator).
    pub invalid: u64,
    /// satisfied / answers (JSON: `rate_pct`, `rate_display`).
    #[serde(flatten, serialize_with = "rate_keys::serialize")]
    pub rate: Rate,
}

/// A check the pack names but no document sets: not applied, listed so nobody mistakes its
/// absence for a pass.
#[derive(Debug, Clone, Serialize)]
pub struct NoSourceCheck {
    /// Rule key.
    pub check: CheckKind,
    /// Label in Vietnamese.
    pub label: String,
    /// Threshold as written.
    pub threshold_display: String,
    /// The threshold.
    #[serde(skip)]
    pub threshold: Ratio,
    /// What is known instead of a source.
    pub source: String,
    /// Pack that names it.
    pub pack: String,
}

/// The verdict.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    /// Every check passed.
    pub passed: bool,
    /// The checks in report order.
    pub checks: Vec<CheckResult>,
    /// Checks not applied because no document sets their value.
    pub no_source: Vec<NoSourceCheck>,
    /// Some threshold or rule used is unverified.
    pub relies_on_unverified: bool,
}

/// Everything `score --commune` reports.
#[derive(Debug, Clone, Serialize)]
pub struct CommuneScore {
    /// Commune.
    pub commune: String,
    /// Form id.
    pub form: String,
    /// Form title.
    pub form_title: String,
    /// Survey round ("" for a single round).
    pub round: String,
    /// Rule pack id.
    pub rule_pack: String,
    /// Rule pack title.
    pub rule_pack_title: String,
    /// Households.
    pub households: Households,
    /// Forms.
    pub forms: Forms,
    /// Items, item 1 first (the overall item included).
    pub items: Vec<ItemScore>,
    /// The overall item.
    pub overall: ItemScore,
    /// Mean of the content items' rates (JSON: `content_mean_pct`, `content_mean_display`).
    #[serde(flatten, serialize_with = "content_mean_keys::serialize")]
    pub content_mean: Rate,
    /// Every content answer pooled: the rate some communes publish instead of the mean.
    pub pooled: Pooled,
    /// Decimals of every `*_display` rate (the rule pack's `display_decimals`).
    pub display_decimals: u32,
    /// Counted forms with at least one "Không hài lòng" to a content item (the overall
    /// question's dissatisfied forms are `overall.dissatisfied`).
    pub forms_with_any_dissatisfied: u64,
    /// False when some area sent only a tally, whose forms cannot be counted this way: then
    /// `forms_with_any_dissatisfied` covers the other areas only.
    pub forms_with_any_dissatisfied_complete: bool,
    /// Areas whose figures come from a paper tally.
    pub tally_areas: Vec<String>,
    /// Forms with an "ý kiến khác".
    pub other_opinions: u64,
    /// Those forms / forms counted (huyện Tân Phước: 39 = 0,33 %; JSON: `other_opinions_pct`,
    /// `other_opinions_display`).
    #[serde(flatten, serialize_with = "other_opinions_keys::serialize")]
    pub other_opinions_rate: Rate,
    /// Residential areas.
    pub areas: Vec<AreaScore>,
    /// The verdict.
    pub verdict: Verdict,
    /// Which forms count as invalid, and its source (Vietnamese; reports word it from
    /// `invalid_form` in their language).
    pub invalid_form_rule: String,
    /// The pack's rule on invalid forms.
    #[serde(skip)]
    pub invalid_form: crate::rules::InvalidFormRule,
    /// Source files in force.
    pub sources: Vec<String>,
    /// The criteria section: the commune's self-assessment judged against its set (`None`:
    /// no self-assessment imported).
    pub criteria: Option<criteria::CriteriaReport>,
    /// Readiness for recognition under the pack's conditions (`None`: the pack states none
    /// for this recognition type).
    pub readiness: Option<criteria::Readiness>,
    /// Photographed ballots' marks and pages still waiting for a person: while any wait, the
    /// figures are provisional (those items count as blank) and no dossier is issued.
    pub awaiting_review: AwaitingReview,
}

/// What of a commune's photographed ballots waits for a person (issue 25).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct AwaitingReview {
    /// Items whose marks the reader was not sure of.
    pub items: u32,
    /// Pages it could not identify or locate.
    pub pages: u32,
}

impl AwaitingReview {
    /// Whether anything waits.
    pub fn any(&self) -> bool {
        self.items > 0 || self.pages > 0
    }
}

impl CommuneScore {
    /// The content item with the lowest rate (the first of equals), as the province tables
    /// show it.
    pub fn lowest_item(&self) -> Option<&ItemScore> {
        self.items
            .iter()
            .filter(|i| !i.criterion.is_empty())
            .min_by(|a, b| a.rate.cmp(&b.rate))
    }

    /// The check with the smallest margin (households short are negative): the one that
    /// decides how close the commune is to the other verdict.
    pub fn tightest_check(&self) -> Option<&CheckResult> {
        self.verdict
            .checks
            .iter()
            .min_by_key(|c| c.margin_households)
    }

    /// The threshold of the overall item's check, percent, if the pack sets one (the line a
    /// chart of overall rates draws).
    pub fn overall_threshold_pct(&self) -> Option<f64> {
        self.verdict
            .checks
            .iter()
            .find(|c| c.check == crate::rules::CheckKind::OverallMin)
            .map(|c| c.threshold_pct)
    }
}

fn item_score(
    form: &Form,
    i: usize,
    c: &ItemCounts,
    counted: u64,
    households: u64,
    not_surveyed: u64,
    decimals: u32,
) -> ItemScore {
    let item = &form.items[i];
    let rate = Ratio::percent_of(c.satisfied, counted);
    let drate = Ratio::percent_of(c.dissatisfied, counted);
    ItemScore {
        number: item.number,
        criterion: item.criteria.join(", "),
        statement: item.statement.clone(),
        satisfied: c.satisfied,
        dissatisfied: c.dissatisfied,
        blank: c.blank,
        invalid: c.invalid,
        rate: Rate::new(rate, decimals),
        dissatisfied_rate: Rate::new(drate, decimals),
        statistics: stats::rate_stats(c.satisfied, counted, households, not_surveyed),
    }
}

/// The mean of content-item rates, exactly.
fn content_mean(form: &Form, items: &[ItemCounts], counted: u64) -> Ratio {
    let mut sum = Ratio::zero();
    let mut k = 0u128;
    for (i, item) in form.items.iter().enumerate() {
        if item.overall {
            continue;
        }
        sum = sum
            .checked_add(Ratio::percent_of(items[i].satisfied, counted))
            .unwrap_or(sum);
        k += 1;
    }
    sum.div_int(k)
}

/// Every content answer pooled: satisfied over satisfied plus not satisfied.
fn pooled(form: &Form, items: &[ItemCounts], decimals: u32) -> Pooled {
    let mut t = ItemCounts::default();
    for (c, item) in items.iter().zip(&form.items) {
        if !item.overall {
            t.add(c);
        }
    }
    let answers = t.satisfied + t.dissatisfied;
    let rate = Ratio::percent_of(t.satisfied, answers);
    Pooled {
        satisfied: t.satisfied,
        answers,
        blank: t.blank,
        invalid: t.invalid,
        rate: Rate::new(rate, decimals),
    }
}

/// One residential area's figures.
fn area_score(a: &AreaTally, overall_i: usize, dp: u32) -> AreaScore {
    let p = Ratio::percent_of(a.returned, a.households);
    let o = Ratio::percent_of(a.items[overall_i].satisfied, a.counted());
    AreaScore {
        name: a.area.clone(),
        households_total: a.households,
        surveyed: a.returned,
        rate: Rate::new(p, dp),
        counted: a.counted(),
        overall_rate: Rate::new(o, dp),
        item_rates: a
            .items
            .iter()
            .map(|c| Rate::new(Ratio::percent_of(c.satisfied, a.counted()), dp))
            .collect(),
    }
}

/// Which forms the pack counts as invalid, and on whose authority, in `lang` (the score's JSON
/// keeps the Vietnamese; reports word it in theirs).
pub fn invalid_form_rule(ifr: &crate::rules::InvalidFormRule, lang: crate::i18n::Lang) -> String {
    use crate::i18n::ReportText as R;
    let grounds = invalid_form_grounds(ifr, lang);
    let unverified = if ifr.verified {
        ""
    } else {
        R::UnverifiedMark.text(lang)
    };
    R::InvalidFormRule.fill(
        lang,
        &[
            ("grounds", &grounds),
            ("source", &ifr.source),
            ("unverified", unverified),
        ],
    )
}

/// The grounds on which a form is invalid, in words, without their source (the printed dossier
/// names sources once, apart).
pub fn invalid_form_grounds(
    ifr: &crate::rules::InvalidFormRule,
    lang: crate::i18n::Lang,
) -> String {
    use crate::i18n::ReportText as R;
    let what: Vec<&str> = [
        (ifr.all_blank, R::RuleAllBlank),
        (ifr.any_invalid_item, R::RuleInvalidItem),
        (ifr.any_double_marked, R::RuleDoubleMarked),
        (ifr.marked, R::RuleMarked),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, t)| t.text(lang))
    .collect();
    if what.is_empty() {
        R::NoFormInvalid.text(lang).to_string()
    } else {
        what.join("; ")
    }
}

/// The verdict from the checks evaluated, with the checks the pack names but no document sets.
fn verdict_of(rules: &FormRules, checks: Vec<CheckResult>) -> Verdict {
    Verdict {
        passed: checks.iter().all(|c| c.passed),
        relies_on_unverified: rules.any_unverified(),
        checks,
        no_source: rules
            .no_source
            .iter()
            .map(|c| NoSourceCheck {
                check: c.kind,
                label: c.kind.label().0.to_string(),
                threshold_display: verdict::threshold_display(c),
                threshold: c.threshold,
                source: c.source.clone(),
                pack: c.pack.clone(),
            })
            .collect(),
    }
}

/// Computes the figures and the verdict of one commune from its tallies.
pub fn score(
    commune: &str,
    form: &Form,
    rules: &FormRules,
    areas: &[AreaTally],
    sources: Vec<String>,
) -> CommuneScore {
    let n = form.item_count();
    let dp = rules.display_decimals;
    let mut items = vec![ItemCounts::default(); n];
    let (mut households, mut returned, mut invalid, mut any_dis, mut other) = (0, 0, 0, 0, 0);
    let mut grounds = InvalidGrounds::enabled(&rules.invalid_form);
    for a in areas {
        grounds.add(&a.invalid_by_ground);
        households += a.households;
        returned += a.returned;
        invalid += a.invalid;
        any_dis += a.any_dissatisfied;
        other += a.other_opinions;
        for (t, c) in items.iter_mut().zip(&a.items) {
            t.add(c);
        }
    }
    let counted = returned - invalid;
    let item_scores: Vec<ItemScore> = (0..n)
        .map(|i| {
            item_score(
                form,
                i,
                &items[i],
                counted,
                households,
                households.saturating_sub(returned),
                dp,
            )
        })
        .collect();
    let overall_i = form
        .items
        .iter()
        .position(|i| i.overall)
        .expect("one overall item");
    let participation = Ratio::percent_of(returned, households);
    let issued: Option<u64> = areas.iter().map(|a| a.issued).sum();
    let mean = content_mean(form, &items, counted);
    let other_rate = Ratio::percent_of(other, counted);

    let area_scores: Vec<AreaScore> = areas.iter().map(|a| area_score(a, overall_i, dp)).collect();

    let totals = verdict::Totals {
        form,
        items: &items,
        counted,
        returned,
        households,
        areas,
        decimals: dp,
    };
    let checks: Vec<CheckResult> = rules
        .checks
        .iter()
        .map(|rule| verdict::evaluate(rule, &totals))
        .collect();
    let invalid_form_rule = invalid_form_rule(&rules.invalid_form, crate::i18n::Lang::Vi);
    CommuneScore {
        commune: commune.to_string(),
        form: form.id().to_string(),
        form_title: form.header.title.clone(),
        round: String::new(),
        rule_pack: rules.pack.clone(),
        rule_pack_title: rules.pack_title.clone(),
        households: Households {
            total: households,
            surveyed: returned,
            rate: Rate::new(participation, dp),
        },
        forms: Forms {
            returned,
            counted,
            invalid,
            issued,
            missing: issued.map(|i| i.saturating_sub(returned)),
            invalid_by_ground: grounds,
        },
        overall: item_scores[overall_i].clone(),
        items: item_scores,
        content_mean: Rate::new(mean, dp),
        pooled: pooled(form, &items, dp),
        display_decimals: dp,
        forms_with_any_dissatisfied: any_dis,
        forms_with_any_dissatisfied_complete: areas.iter().all(|a| !a.from_tally),
        tally_areas: areas
            .iter()
            .filter(|a| a.from_tally)
            .map(|a| a.area.clone())
            .collect(),
        other_opinions: other,
        other_opinions_rate: Rate::new(other_rate, dp),
        areas: area_scores,
        verdict: verdict_of(rules, checks),
        invalid_form_rule,
        invalid_form: rules.invalid_form.clone(),
        sources,
        criteria: None,
        readiness: None,
        awaiting_review: AwaitingReview::default(),
    }
}

#[cfg(test)]
mod tests {
    //! The counts written at import tally exactly as the ballots, over random forms and every
    //! combination of invalid-form grounds, on data built in memory (the end-to-end version,
    //! through the store, is `tests/counts.rs`).
    use super::*;
    use crate::model::{Answer, Ballot, Provenance, RegisterArea, SurveyBatch, count_groups};
    use crate::rules::Library;
    use proptest::collection::vec;
    use proptest::prelude::*;

    const AREAS: [&str; 3] = ["Bản A", "Bản B", "Bản C"];

    /// A form: its area, answer codes (0–4), other opinion, marked invalid.
    type Drawn = (usize, Vec<u8>, bool, bool);

    fn batch(forms: &[Drawn], n: usize) -> SurveyBatch {
        SurveyBatch {
            commune: "Xã T".into(),
            form: "xa-ntm".into(),
            round: String::new(),
            sha256: String::new(),
            register: AREAS
                .iter()
                .map(|a| RegisterArea {
                    area: a.to_string(),
                    households: 50,
                    forms_issued: None,
                })
                .collect(),
            ballots: forms
                .iter()
                .enumerate()
                .map(|(row, (a, codes, other, marked))| Ballot {
                    area: AREAS[*a].into(),
                    form_no: None,
                    answers: codes[..n].iter().map(|c| Answer::from_code(*c)).collect(),
                    reason: None,
                    other_opinion: other.then(|| "ý kiến".into()),
                    marked_invalid: marked.then(|| "x".into()),
                    provenance: Provenance {
                        sheet: "Phiếu".into(),
                        row: row as u32 + 4,
                    },
                    submission: None,
                })
                .collect(),
            tallies: Vec::new(),
            review: Vec::new(),
        }
    }

    /// The ballots as the table the store gives the score: area, one `u8` column per item,
    /// the other opinion and the commune's invalid mark.
    fn ballots_frame(b: &SurveyBatch, n: usize) -> DataFrame {
        let mut cols = vec![Column::new(
            "area".into(),
            b.ballots
                .iter()
                .map(|x| x.area.as_str())
                .collect::<Vec<_>>(),
        )];
        for i in 0..n {
            let codes: Vec<u8> = b.ballots.iter().map(|x| x.answers[i].code()).collect();
            cols.push(Column::new(item_column(i + 1).into(), codes));
        }
        let text = |f: fn(&Ballot) -> &Option<String>| -> Vec<Option<&str>> {
            b.ballots.iter().map(|x| f(x).as_deref()).collect()
        };
        cols.push(Column::new(
            "other_opinion".into(),
            text(|x| &x.other_opinion),
        ));
        cols.push(Column::new(
            "marked_invalid".into(),
            text(|x| &x.marked_invalid),
        ));
        DataFrame::new_infer_height(cols).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn count_groups_tally_as_the_ballots(
            forms in vec((0..3usize, vec(0u8..5, 19), any::<bool>(), any::<bool>()), 0..30),
            mask in 0u8..16,
        ) {
            let lib = Library::shipped().unwrap();
            let form = lib.form("xa-ntm").unwrap();
            let n = form.item_count();
            prop_assume!(n <= 19);
            let mut rules = lib.rules_for(lib.default_pack(), "xa-ntm").unwrap();
            let ifr = &mut rules.invalid_form;
            (ifr.all_blank, ifr.any_invalid_item) = (mask & 1 != 0, mask & 2 != 0);
            (ifr.any_double_marked, ifr.marked) = (mask & 4 != 0, mask & 8 != 0);
            let b = batch(&forms, n);
            let data = |counted| SurveyData {
                register: b.register.clone(),
                tallies: Vec::new(),
                counted,
            };
            let from_groups =
                tally(&data(Counted::Groups(count_groups(&b))), "Xã T", form, &rules).unwrap();
            let from_ballots =
                tally(&data(Counted::Ballots(ballots_frame(&b, n))), "Xã T", form, &rules)
                    .unwrap();
            prop_assert_eq!(&from_groups, &from_ballots);
            // Not vacuous: every form is counted somewhere.
            let returned: u64 = from_ballots.iter().map(|a| a.returned).sum();
            prop_assert_eq!(returned, forms.len() as u64);
        }
    }
}
