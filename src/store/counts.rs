//! Per-source answer counts: `counts/<sha256>.parquet`, written at import in the same commit as
//! the ballots they are computed from.
//!
//! Scoring a commune used to re-aggregate every ballot file on every score; these small tables
//! hold exactly the sums it needs, so it reads a few dozen rows instead. They are a pure
//! function of the source's ballots and of nothing else: not of the rule pack (which decides
//! which forms are invalid), not of the form definition (which says which item is the overall
//! one). To stay independent of the pack, forms are grouped by area and by their *invalid-ground
//! signature* (the four facts any pack's `invalid_form` rule can look at); a pack then sums the
//! groups it counts and the groups it rejects. To stay independent of the form definition, the
//! forms "with a dissatisfied content item" are kept as the forms with any dissatisfied item
//! and, per item, the forms whose only dissatisfied item it is: whichever item is the overall
//! one, the content count is the first less the second.
//!
//! The ballots stay the source of truth: a missing counts table (a source imported before they
//! existed) only means scoring reads the ballots, and a test recomputes every figure from them.
//! Sources with submission keys are counted from the ballots too: their submissions are
//! deduplicated across sources, which per-source sums cannot do.

use crate::model::{Ballot, SurveyBatch};
use polars::prelude::*;

/// The four facts about a form that a pack's `invalid_form` rule can look at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Signature {
    /// Every item blank (code 0).
    pub all_blank: bool,
    /// Some item unreadable or double-marked (code 3 or 4).
    pub any_invalid_item: bool,
    /// Some item double-marked (code 4).
    pub any_double_marked: bool,
    /// The commune wrote something in the "Không hợp lệ" column.
    pub marked: bool,
}

impl Signature {
    /// The signature of one ballot.
    pub fn of(b: &Ballot) -> Signature {
        let codes = || b.answers.iter().map(|a| a.code());
        Signature {
            all_blank: !b.answers.is_empty() && codes().all(|c| c == 0),
            any_invalid_item: codes().any(|c| c == 3 || c == 4),
            any_double_marked: codes().any(|c| c == 4),
            marked: b.marked_invalid.is_some(),
        }
    }
}

/// The sums over one area's forms of one signature.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CountGroup {
    /// Residential area.
    pub area: String,
    /// What the group's forms have in common.
    pub signature: Signature,
    /// Forms.
    pub forms: u64,
    /// Per item (item 1 first): forms answering "Hài lòng".
    pub satisfied: Vec<u64>,
    /// Per item: forms answering "Không hài lòng".
    pub dissatisfied: Vec<u64>,
    /// Per item: forms leaving it blank (invalid answers are the forms less these three).
    pub blank: Vec<u64>,
    /// Forms with at least one "Không hài lòng", whatever the item.
    pub any_dissatisfied: u64,
    /// Per item: forms whose only "Không hài lòng" is this item.
    pub only_dissatisfied: Vec<u64>,
    /// Forms with an "ý kiến khác".
    pub other_opinions: u64,
}

impl CountGroup {
    /// Forms with a "Không hài lòng" to an item other than `overall` (a content item).
    pub fn content_dissatisfied(&self, overall: usize) -> u64 {
        self.any_dissatisfied - self.only_dissatisfied.get(overall).copied().unwrap_or(0)
    }
}

/// The groups of a batch's ballots, areas in order of first appearance, signatures sorted.
pub fn count_groups(batch: &SurveyBatch) -> Vec<CountGroup> {
    let n = batch.ballots.first().map(|b| b.answers.len()).unwrap_or(0);
    let mut out: Vec<CountGroup> = Vec::new();
    // Few groups per source (areas × the handful of signatures that occur): a linear search
    // is cheaper than hashing the area name of every form.
    for b in &batch.ballots {
        let signature = Signature::of(b);
        let g = match out
            .iter()
            .rposition(|g| g.signature == signature && g.area == b.area)
        {
            Some(i) => &mut out[i],
            None => {
                out.push(CountGroup {
                    area: b.area.clone(),
                    signature,
                    satisfied: vec![0; n],
                    dissatisfied: vec![0; n],
                    blank: vec![0; n],
                    only_dissatisfied: vec![0; n],
                    ..Default::default()
                });
                out.last_mut().expect("just pushed")
            }
        };
        g.forms += 1;
        let mut dis = None;
        let mut n_dis = 0;
        for (i, a) in b.answers.iter().enumerate() {
            match a.code() {
                0 => g.blank[i] += 1,
                1 => g.satisfied[i] += 1,
                2 => {
                    g.dissatisfied[i] += 1;
                    dis = Some(i);
                    n_dis += 1;
                }
                _ => {}
            }
        }
        if n_dis > 0 {
            g.any_dissatisfied += 1;
        }
        if let (1, Some(i)) = (n_dis, dis) {
            g.only_dissatisfied[i] += 1;
        }
        if b.other_opinion.is_some() {
            g.other_opinions += 1;
        }
    }
    // Stable: areas keep their order of first appearance.
    let mut order: Vec<String> = Vec::new();
    for g in &out {
        if !order.contains(&g.area) {
            order.push(g.area.clone());
        }
    }
    out.sort_by_cached_key(|g| (order.iter().position(|a| *a == g.area), g.signature));
    out
}

/// The per-item columns (`s1`, `d1`, `b1`, `only_d1`, ...) and what they hold.
type PerItem = fn(&CountGroup) -> &Vec<u64>;
const PER_ITEM: [(&str, PerItem); 4] = [
    ("s", |g| &g.satisfied),
    ("d", |g| &g.dissatisfied),
    ("b", |g| &g.blank),
    ("only_d", |g| &g.only_dissatisfied),
];

const FLAGS: [&str; 4] = [
    "all_blank",
    "any_invalid_item",
    "any_double_marked",
    "marked",
];

fn flags(s: &Signature) -> [bool; 4] {
    [
        s.all_blank,
        s.any_invalid_item,
        s.any_double_marked,
        s.marked,
    ]
}

/// The counts table of a batch (columns in `docs/workspace.md`).
pub fn counts_frame(batch: &SurveyBatch, groups: &[CountGroup]) -> PolarsResult<DataFrame> {
    let h = groups.len();
    let n = groups.first().map(|g| g.satisfied.len()).unwrap_or(0);
    let u32s = |f: &dyn Fn(&CountGroup) -> u64| -> Vec<u32> {
        groups.iter().map(|g| f(g) as u32).collect()
    };
    let mut cols = super::key_columns(batch, groups.iter().map(|g| g.area.as_str()));
    for (k, name) in FLAGS.iter().enumerate() {
        let v: Vec<bool> = groups.iter().map(|g| flags(&g.signature)[k]).collect();
        cols.push(Column::new((*name).into(), v));
    }
    cols.push(Column::new("forms".into(), u32s(&|g| g.forms)));
    for i in 0..n {
        for (tag, per_item) in PER_ITEM {
            cols.push(Column::new(
                format!("{tag}{}", i + 1).into(),
                u32s(&|g| per_item(g)[i]),
            ));
        }
    }
    cols.push(Column::new(
        "any_dissatisfied".into(),
        u32s(&|g| g.any_dissatisfied),
    ));
    cols.push(Column::new(
        "other_opinions".into(),
        u32s(&|g| g.other_opinions),
    ));
    DataFrame::new(h, cols)
}

/// Reads a counts table back; `None` when it lacks a column for one of the `n_items` items (a
/// table of another form definition: the caller then reads the ballots).
pub fn read_groups(df: &DataFrame, n_items: usize) -> PolarsResult<Option<Vec<CountGroup>>> {
    let u64s = |name: &str| -> PolarsResult<Option<Vec<u64>>> {
        let Ok(c) = df.column(name) else {
            return Ok(None);
        };
        Ok(Some(
            c.u32()?.iter().map(|x| x.unwrap_or(0) as u64).collect(),
        ))
    };
    let bools = |name: &str| -> PolarsResult<Vec<bool>> {
        Ok(df
            .column(name)?
            .bool()?
            .iter()
            .map(|x| x.unwrap_or(false))
            .collect())
    };
    let area: Vec<String> = df
        .column("area")?
        .str()?
        .iter()
        .map(|s| s.unwrap_or_default().to_string())
        .collect();
    let f: Vec<Vec<bool>> = FLAGS.iter().map(|n| bools(n)).collect::<Result<_, _>>()?;
    let (Some(forms), Some(any_dis), Some(other)) = (
        u64s("forms")?,
        u64s("any_dissatisfied")?,
        u64s("other_opinions")?,
    ) else {
        return Ok(None);
    };
    let mut items = Vec::with_capacity(n_items);
    for i in 1..=n_items {
        let mut cols = Vec::with_capacity(PER_ITEM.len());
        for (tag, _) in PER_ITEM {
            cols.push(u64s(&format!("{tag}{i}"))?);
        }
        let [Some(s), Some(d), Some(b), Some(o)] = <[_; 4]>::try_from(cols).expect("four") else {
            return Ok(None);
        };
        items.push([s, d, b, o]);
    }
    let pick = |k: usize, r: usize| items.iter().map(|it| it[k][r]).collect::<Vec<u64>>();
    Ok(Some(
        (0..df.height())
            .map(|r| CountGroup {
                area: area[r].clone(),
                signature: Signature {
                    all_blank: f[0][r],
                    any_invalid_item: f[1][r],
                    any_double_marked: f[2][r],
                    marked: f[3][r],
                },
                forms: forms[r],
                satisfied: pick(0, r),
                dissatisfied: pick(1, r),
                blank: pick(2, r),
                only_dissatisfied: pick(3, r),
                any_dissatisfied: any_dis[r],
                other_opinions: other[r],
            })
            .collect(),
    ))
}
