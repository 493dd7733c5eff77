//! National-scale scoring in memory, for the benchmark: millions of forms grouped at once.
//!
//! The forms are generated straight into the store's layout (one row per form, one `UInt8`
//! column per item) with integer commune and area keys, then counted with the same
//! expressions as `tally` on polars' streaming engine (the library's own, not a copy).

use crate::workbooks::Rng;
use hailong::score::{answer_counts, answer_counts_without_invalid};
use hailong::store::item_column;
use polars::prelude::*;
use std::time::{Duration, Instant};

/// What one run measured.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NationalRun {
    /// Forms.
    pub forms: usize,
    /// Items per form.
    pub items: usize,
    /// Communes.
    pub communes: u32,
    /// Groups (commune × area) counted.
    pub groups: usize,
    /// Time to build the table.
    pub generate: Duration,
    /// Time to count every answer of every group.
    pub aggregate: Duration,
    /// The process's peak resident memory so far (MiB), from /proc.
    pub peak_mib: f64,
    /// Sum of every satisfied count (a checksum that the work was done).
    pub satisfied: u64,
}

/// Peak resident set size of this process in MiB (Linux), 0 elsewhere.
pub fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

fn engine() -> Engine {
    match std::env::var("HAILONG_BENCH_ENGINE").as_deref() {
        Ok("in-memory") => Engine::InMemory,
        _ => Engine::Streaming,
    }
}

/// Builds `forms` forms over `communes` communes of 12 areas and counts them.
pub fn run(forms: usize, items: usize, communes: u32, seed: u64) -> PolarsResult<NationalRun> {
    let t0 = Instant::now();
    let mut rng = Rng::new(seed);
    // One integer key per residential area (commune × 12 + area): grouping on one u32 column is
    // what a workspace-wide count needs, and cheaper than two keys.
    let group: Vec<u32> = (0..forms)
        .map(|k| (k as u64 * communes as u64 / forms as u64) as u32 * 12 + (k % 12) as u32)
        .collect();
    let mut cols = vec![Column::new("area_key".into(), group)];
    for i in 1..=items {
        // 2 % not satisfied, 0,5 % blank, the rest satisfied; 8 answers per random draw.
        let mut v = Vec::with_capacity(forms);
        while v.len() < forms {
            let r = rng.next_u64();
            for b in 0..8 {
                let x = (r >> (b * 8)) as u8;
                v.push(if x < 5 {
                    2
                } else if x < 6 {
                    0
                } else {
                    1
                });
            }
        }
        v.truncate(forms);
        cols.push(Column::new(item_column(i).into(), v));
    }
    let df = DataFrame::new(forms, cols)?;
    let generate = t0.elapsed();
    let t1 = Instant::now();
    // One cheap pass tells whether any answer is invalid (code 3); without any, blanks follow
    // from the two other counts.
    let max = df
        .clone()
        .lazy()
        .select(
            (1..=items)
                .map(|i| col(item_column(i)).max())
                .collect::<Vec<_>>(),
        )
        .collect()?;
    let mut any_invalid = false;
    for c in max.columns() {
        any_invalid |= c.cast(&DataType::UInt32)?.u32()?.get(0).unwrap_or(0) >= 3;
    }
    let aggs = if any_invalid {
        answer_counts(items)
    } else {
        answer_counts_without_invalid(items)
    };
    let out = df
        .lazy()
        .group_by([col("area_key")])
        .agg(aggs)
        .collect_with_engine(engine())?
        .unwrap_single();
    let aggregate = t1.elapsed();
    let mut satisfied = 0u64;
    for i in 1..=items {
        satisfied += out.column(&format!("_s{i}"))?.u64()?.sum().unwrap_or(0);
    }
    Ok(NationalRun {
        forms,
        items,
        communes,
        groups: out.height(),
        generate,
        aggregate,
        peak_mib: peak_rss_mib(),
        satisfied,
    })
}
