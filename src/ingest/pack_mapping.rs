//! Exports of digital collection tools (KoboToolbox, ODK) answering a survey pack, read through
//! a mapping file: which column is the area (or a fixed area), which column answers which item
//! (by item id), and which of the export's values stand for which codes of each scale.
//!
//! The mapping follows the NTM forms' conventions ([`super::mapping`]: `[mapping]` columns found
//! by full name, then by their last segment after a group prefix, `[areas]` choice codes) and
//! uses its column finder; the rows are then read exactly as a pack workbook's
//! ([`super::pack::read_rows`]), so every wrong cell is a problem by cell and a file with one is
//! stored not at all. It does not judge submissions' review statuses or edits: a pack export is
//! one file per commune and round, replaced whole by a later one.

use super::mapping::{Found, find_col, header_row, pick_sheet};
use super::pack::{Header, Mapped, PackFile, PackProblem, PackProblemKind, read_rows, whole};
use crate::rules::survey::SurveyPack;
use crate::text::fold;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// A pack export's mapping file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackMapping {
    /// Where things are.
    pub mapping: PackColumns,
    /// Item id → column name; an item not listed is looked for under its own id.
    #[serde(default)]
    pub items: BTreeMap<String, String>,
    /// Scale id → (the export's value → code), for the items on that scale. Codes and the
    /// scale's labels are read without being listed.
    #[serde(default)]
    pub values: BTreeMap<String, BTreeMap<String, i64>>,
    /// Choice code of an area (`ban_na_san`) → its name (`Bản Nà Sản`).
    #[serde(default)]
    pub areas: BTreeMap<String, String>,
}

/// Column names and fixed values of a pack export.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackColumns {
    /// The pack the mapping was written for (checked against `--pack` when given).
    #[serde(default)]
    pub pack: Option<String>,
    /// The commune, when the export is for one commune.
    #[serde(default)]
    pub commune: Option<String>,
    /// The column naming the commune (every row must name the file's commune).
    #[serde(default)]
    pub commune_column: Option<String>,
    /// Column of the residential area.
    #[serde(default)]
    pub area_column: Option<String>,
    /// The residential area of every row, when the export is for one area.
    #[serde(default)]
    pub area: Option<String>,
    /// Column of the survey weight.
    #[serde(default)]
    pub weight_column: Option<String>,
    /// Column of the gender.
    #[serde(default)]
    pub gender_column: Option<String>,
    /// Column of the age group.
    #[serde(default)]
    pub age_column: Option<String>,
    /// Sheet to read (default: the first).
    #[serde(default)]
    pub sheet: Option<String>,
}

impl PackMapping {
    /// Reads and parses a mapping file.
    pub fn load(path: &Path) -> Result<PackMapping, crate::store::config::SettingsError> {
        super::mapping::load_toml(path)
    }
}

/// Reads `bytes` (a file named `name`, an export) as answers to `pack` through `m`; `commune`
/// is the command line's, over the mapping's and the commune column's.
pub fn read(
    bytes: Vec<u8>,
    name: &str,
    pack: &SurveyPack,
    m: &PackMapping,
    commune: Option<&str>,
) -> PackFile {
    let mut out = PackFile::default();
    if let Some(p) = m.mapping.pack.as_ref().filter(|p| **p != pack.id) {
        out.problems
            .push(whole(PackProblemKind::MappingPack(p.clone())));
        return out;
    }
    let unknown: Vec<String> = m
        .items
        .keys()
        .filter(|k| pack.item(k).is_none())
        .map(|k| format!("items.{k}"))
        .chain(
            m.values
                .keys()
                .filter(|k| !pack.scales.iter().any(|s| s.id == **k))
                .map(|k| format!("values.{k}")),
        )
        .collect();
    if !unknown.is_empty() {
        out.problems
            .push(whole(PackProblemKind::MappingKeys(unknown.join(", "))));
        return out;
    }
    let grids = match super::pack::load_grids(bytes, name) {
        Ok(g) => g,
        Err(p) => {
            out.problems.push(p);
            return out;
        }
    };
    let Some(grid) = pick_sheet(&grids, m.mapping.sheet.as_deref()) else {
        out.problems.push(whole(PackProblemKind::NoHeader));
        return out;
    };
    // Each item's column: the mapping's, else its own id.
    let columns: Vec<(String, String)> = pack
        .items
        .iter()
        .map(|it| {
            let col = m.items.get(&it.id).cloned().unwrap_or(it.id.clone());
            (format!("items.{}", it.id), col)
        })
        .collect();
    let first = m
        .mapping
        .area_column
        .as_deref()
        .unwrap_or(columns.first().map_or("", |c| c.1.as_str()));
    let row = header_row(grid, first);
    let mut need = |key: &str, name: &str| -> Option<u32> {
        let kind = match find_col(grid, row, name) {
            Found::Exact(c) | Found::BySegment(c, _) => return Some(c),
            Found::Ambiguous(candidates) => PackProblemKind::MappingAmbiguous {
                key: key.to_string(),
                name: name.to_string(),
                candidates: candidates.join(", "),
            },
            Found::Missing => PackProblemKind::MappingColumn {
                key: key.to_string(),
                name: name.to_string(),
            },
        };
        out.problems.push(PackProblem {
            // The header row, as Excel names a whole row.
            cell: format!("{}!{}:{}", grid.name, row + 1, row + 1),
            kind,
            value: String::new(),
        });
        None
    };
    let items: Vec<Option<u32>> = columns.iter().map(|(k, c)| need(k, c)).collect();
    let c = &m.mapping;
    let mut opt = |key: &str, name: &Option<String>| name.as_ref().and_then(|n| need(key, n));
    let area = opt("mapping.area_column", &c.area_column);
    let weight = opt("mapping.weight_column", &c.weight_column);
    let gender = opt("mapping.gender_column", &c.gender_column);
    let age = opt("mapping.age_column", &c.age_column);
    let commune_col = opt("mapping.commune_column", &c.commune_column);
    if !out.problems.is_empty() {
        return out;
    }
    out.commune = commune
        .map(str::to_string)
        .or(c.commune.clone())
        .or_else(|| {
            commune_col.and_then(|col| {
                (row + 1..grid.end_row())
                    .map(|r| grid.text(r, col))
                    .find(|t| !t.is_empty())
            })
        });
    let header = Header {
        row,
        items: items.into_iter().flatten().collect(),
        area,
        weight,
        gender,
        age,
        values: pack
            .items
            .iter()
            .map(|it| {
                let scale = &pack.scales[it.scale].id;
                m.values
                    .get(scale)
                    .into_iter()
                    .flatten()
                    .map(|(v, code)| Mapped {
                        folded: fold(v),
                        written: v.clone(),
                        code: *code,
                    })
                    .collect()
            })
            .collect(),
        area_codes: m
            .areas
            .iter()
            .map(|(code, name)| (fold(code), name.trim().to_string()))
            .collect(),
        fixed_area: c.area.clone().filter(|a| !a.trim().is_empty()),
        commune: commune_col
            .zip(out.commune.as_deref())
            .map(|(col, name)| (col, crate::text::fold_place(name))),
    };
    read_rows(grid, &header, pack, &mut out);
    if out.rows.is_empty() && out.problems.is_empty() {
        out.problems.push(whole(PackProblemKind::NoRows));
    }
    out
}
