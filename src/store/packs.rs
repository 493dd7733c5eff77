//! Answers to survey packs (surveys on scales) in the workspace: one Parquet table per imported
//! file under `packs/<sha256>.parquet`, whose columns are that pack's own (`area`, `row`,
//! `weight`, `gender`, `age_group`, then one `Int64` column per item named by its id, null for
//! a blank cell), and one manifest entry per file in `pack_sources`. The tables are written,
//! published and committed exactly as the NTM forms' are (staging, one atomic swap of the
//! manifest); nothing here knows how answers are scored.

use super::{StoreError, io, table, write_parquet};
use polars::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The directory of pack tables in the workspace.
pub const PACKS: &str = "packs";

/// One imported file of answers to a pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackSource {
    /// SHA-256 of the file: the name of its table.
    pub sha256: String,
    /// File name.
    pub file_name: String,
    /// Pack id.
    pub pack: String,
    /// Unit (commune) as written in the file or given on the command line.
    pub commune: String,
    /// Survey round (`--round`), "" when the commune was surveyed once; a later file of the
    /// same name, pack, commune and round replaces it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub round: String,
    /// When it was imported (UTC).
    pub imported_at: String,
    /// Respondents stored.
    pub respondents: u32,
    /// The item ids of the table's columns, in order.
    pub items: Vec<String>,
}

/// One respondent's row as it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackRow {
    /// Residential area ("" when not given).
    pub area: String,
    /// The row of the sheet it was read from.
    pub row: u32,
    /// Answers (codes) in the order of the items; `None` for a blank cell.
    pub answers: Vec<Option<i64>>,
    /// Survey weight as written.
    pub weight: Option<String>,
    /// Gender as written.
    pub gender: Option<String>,
    /// Age group as written.
    pub age_group: Option<String>,
}

/// The path of a source's table in `dir` (the workspace or a staging directory).
pub fn path(dir: &Path, sha: &str) -> PathBuf {
    dir.join(PACKS).join(format!("{sha}.parquet"))
}

/// Writes a file's rows as a table into `dir` (a staging directory).
pub(super) fn write_into(
    dir: &Path,
    sha: &str,
    items: &[String],
    rows: &[PackRow],
) -> Result<Option<(PathBuf, std::fs::File)>, StoreError> {
    let target = path(dir, sha);
    let texts = |f: fn(&PackRow) -> Option<&str>| rows.iter().map(f).collect::<Vec<_>>();
    let mut cols = vec![
        Column::new(
            "area".into(),
            rows.iter().map(|r| r.area.as_str()).collect::<Vec<_>>(),
        ),
        Column::new("row".into(), rows.iter().map(|r| r.row).collect::<Vec<_>>()),
        Column::new("weight".into(), texts(|r| r.weight.as_deref())),
        Column::new("gender".into(), texts(|r| r.gender.as_deref())),
        Column::new("age_group".into(), texts(|r| r.age_group.as_deref())),
    ];
    for (i, id) in items.iter().enumerate() {
        let v: Vec<Option<i64>> = rows.iter().map(|r| r.answers[i]).collect();
        cols.push(Column::new(id.as_str().into(), v));
    }
    let mut df = DataFrame::new(rows.len(), cols).map_err(table(dir))?;
    write_parquet(&mut df, target)
}

/// The answers of the sources of a unit, as [`read_columns`] reads them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PackAnswers {
    /// `columns[item][respondent]`: a code, or `None` for a blank cell.
    pub columns: Vec<Vec<Option<i64>>>,
    /// Each respondent's weight as written (`None` when blank).
    pub weights: Vec<Option<String>>,
    /// Each respondent's residential area ("" when not given).
    pub areas: Vec<String>,
}

impl PackAnswers {
    /// The respondents for whom `keep(i)` holds, in order.
    pub fn only(&self, keep: impl Fn(usize) -> bool) -> PackAnswers {
        let pick = |n: usize| (0..n).filter(|i| keep(*i));
        PackAnswers {
            columns: self
                .columns
                .iter()
                .map(|c| pick(c.len()).map(|i| c[i]).collect())
                .collect(),
            weights: pick(self.weights.len())
                .map(|i| self.weights[i].clone())
                .collect(),
            areas: pick(self.areas.len())
                .map(|i| self.areas[i].clone())
                .collect(),
        }
    }
}

/// The answers of every source in `sources`, as columns in the order of `items` (an item a
/// table lacks reads as blank), with each respondent's weight as written and area.
pub fn read_columns(
    dir: &Path,
    sources: &[&PackSource],
    items: &[String],
) -> Result<PackAnswers, StoreError> {
    let mut out = PackAnswers {
        columns: vec![Vec::new(); items.len()],
        weights: Vec::new(),
        areas: Vec::new(),
    };
    for s in sources {
        let p = path(dir, &s.sha256);
        let file = std::fs::File::open(&p).map_err(io(&p))?;
        let df = ParquetReader::new(file).finish().map_err(table(&p))?;
        let n = df.height();
        for (i, id) in items.iter().enumerate() {
            match df.column(id) {
                Ok(c) => {
                    let c = c.i64().map_err(table(&p))?;
                    out.columns[i].extend(c.iter());
                }
                Err(_) => out.columns[i].extend(std::iter::repeat_n(None, n)),
            }
        }
        match df.column("weight").ok().and_then(|c| c.str().ok()) {
            Some(c) => out.weights.extend(c.iter().map(|w| w.map(str::to_string))),
            None => out.weights.extend(std::iter::repeat_n(None, n)),
        }
        match df.column("area").ok().and_then(|c| c.str().ok()) {
            Some(c) => out
                .areas
                .extend(c.iter().map(|a| a.unwrap_or_default().to_string())),
            None => out.areas.extend(std::iter::repeat_n(String::new(), n)),
        }
    }
    Ok(out)
}
