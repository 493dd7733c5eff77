//! `hailong-dev bench`: the measurements `bench/run.sh` cannot take from outside.

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Arguments of `bench`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to measure.
    #[command(subcommand)]
    pub what: What,
}

/// The measurements.
#[derive(Debug, clap::Subcommand)]
pub enum What {
    /// The parse floor: calamine reading every cell of every workbook under DIR, in parallel.
    Floor {
        /// Directory of workbooks.
        dir: PathBuf,
    },
    /// National in-memory scoring: N forms × items, grouped by commune and area.
    National {
        /// Forms.
        #[arg(long, default_value_t = 10_000_000)]
        forms: usize,
        /// Items per form.
        #[arg(long, default_value_t = 19)]
        items: usize,
        /// Communes.
        #[arg(long, default_value_t = 8_000)]
        communes: u32,
    },
}

/// Runs `bench`; prints one JSON object.
pub fn run(a: Args) -> anyhow::Result<u8> {
    match a.what {
        What::Floor { dir } => {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "xlsx"))
                .collect();
            files.sort();
            let t = Instant::now();
            let cells: Vec<u64> = files
                .par_iter()
                .map(|p| parse_floor(p))
                .collect::<Result<_, _>>()
                .map_err(anyhow::Error::msg)?;
            let secs = t.elapsed().as_secs_f64();
            println!(
                "{}",
                serde_json::json!({ "files": files.len(), "cells": cells.iter().sum::<u64>(), "seconds": secs })
            );
        }
        What::National {
            forms,
            items,
            communes,
        } => {
            let r = crate::national::run(forms, items, communes, 2025)?;
            println!(
                "{}",
                serde_json::json!({
                    "forms": r.forms, "items": r.items, "communes": r.communes, "groups": r.groups,
                    "generate_seconds": r.generate.as_secs_f64(), "aggregate_seconds": r.aggregate.as_secs_f64(),
                    "peak_mib": r.peak_mib, "satisfied": r.satisfied
                })
            );
        }
    }
    Ok(0)
}

/// The parse floor of the benchmark: calamine reading every cell of every sheet of `path` and
/// nothing else (no layout, no checks); returns the number of non-empty cells.
pub fn parse_floor(path: &Path) -> Result<u64, String> {
    use calamine::{Reader, open_workbook_auto};
    let mut wb = open_workbook_auto(path).map_err(|e| e.to_string())?;
    let mut cells = 0u64;
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).map_err(|e| e.to_string())?;
        cells += range.used_cells().count() as u64;
    }
    Ok(cells)
}
