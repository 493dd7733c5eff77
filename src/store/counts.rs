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

pub use crate::model::count_groups;
use crate::model::{CountGroup, Signature, SurveyBatch};
use polars::prelude::*;

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
