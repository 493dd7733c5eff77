//! The criteria set of a workspace: the province's own table in place of the shipped draft.
//!
//! The shipped 2021-2025 indicator texts and targets are a recalled draft. A province has the
//! official text: `template` writes the set in force as a table to correct, `import` reads the
//! corrected table (`ingest::criteria_table`) into `<workspace>/criteria/<set>.toml` — the
//! same TOML as a shipped set, with `document`, `imported_by`, `imported_at` and
//! `imported_from` in its `[set]` block and each checked indicator `verified = true` with the
//! document it cites — and `diff` lists what differs from the draft. [`library_for`] puts the
//! workspace's set in place of the shipped one for every command that reads the workspace
//! (score, export, template, import, serve): it is the one place a library is resolved.
//!
//! [`library_for`]: super::score::library_for

use super::AppError;
use super::output::{Built, bytes};
use crate::ingest::criteria_table::{ProvinceTable, TableProblem};
use crate::rules::schema::{CriteriaFile, ImportedFrom};
use crate::rules::{CriteriaSet, Library, RulesError};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Folder of the workspace's own criteria sets.
pub const DIR: &str = "criteria";
/// The set a command works on when none is named.
pub const DEFAULT_SET: &str = "xa-ntm-2021-2025";

/// Where a workspace keeps its own version of set `id`.
pub fn set_path(data: &Path, id: &str) -> PathBuf {
    data.join(DIR).join(format!("{id}.toml"))
}

/// The workspace's own criteria sets, as (file, text), in name order.
pub(crate) fn workspace_sets(data: &Path) -> Result<Vec<(String, String)>, AppError> {
    let Ok(entries) = std::fs::read_dir(data.join(DIR)) else {
        return Ok(Vec::new());
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let file = p.display().to_string();
            std::fs::read_to_string(&p)
                .map(|text| (file.clone(), text))
                .map_err(|e| {
                    AppError::Rules(RulesError::Io {
                        file,
                        message: e.to_string(),
                    })
                })
        })
        .collect()
}

/// The set `id` (or the default) of a library, or the error listing the known ones.
fn set_of<'a>(lib: &'a Library, id: Option<&str>) -> Result<&'a CriteriaSet, AppError> {
    let id = id.unwrap_or(DEFAULT_SET);
    lib.criteria_sets
        .get(id)
        .ok_or_else(|| AppError::UnknownCriteriaSet {
            set: id.to_string(),
            known: lib.criteria_sets.keys().cloned().collect(),
        })
}

/// Whether a set in force is the workspace's own (imported from the province's table).
pub fn is_imported(set: &CriteriaSet) -> bool {
    set.header.imported_from.is_some()
}

/// What `criteria template` wrote.
#[derive(Debug, Clone)]
pub struct TemplateWritten {
    /// Set id.
    pub set: String,
    /// Indicator rows.
    pub rows: usize,
    /// Pre-filled from the province's table imported earlier (else from the shipped draft).
    pub from_workspace: bool,
}

/// The table of set `set` (default [`DEFAULT_SET`]) to check against the province's document,
/// pre-filled with the set in force for the workspace.
pub fn template(data: &Path, set: Option<&str>) -> Result<Built<TemplateWritten>, AppError> {
    let lib = super::score::library_for(data, None)?;
    let set = set_of(&lib, set)?;
    let imported = is_imported(set);
    let t = crate::template::criteria_table::CriteriaTable { set, imported };
    let bytes = bytes(crate::template::criteria_table::build(&t))?;
    let of = TemplateWritten {
        set: set.header.id.clone(),
        rows: set.criteria.iter().map(|c| c.indicators.len()).sum(),
        from_workspace: imported,
    };
    Ok(Built { of, bytes })
}

/// What to import.
#[derive(Debug, Clone, Copy)]
pub struct ImportRequest<'a> {
    /// Workspace.
    pub data: &'a Path,
    /// The province's table.
    pub file: &'a Path,
    /// Set id (default [`DEFAULT_SET`]).
    pub set: Option<&'a str>,
    /// Who imports it, when the table does not say ("Người nhập:").
    pub by: Option<&'a str>,
}

/// One field of an indicator that differs between two versions of a set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// Indicator code.
    pub code: String,
    /// `text`, `target`, `verified` or `source`.
    pub field: Field,
    /// In the shipped draft.
    pub draft: String,
    /// In the workspace's set.
    pub now: String,
}

/// A field of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Its text.
    Text,
    /// Its target.
    Target,
    /// Whether it is verified (`true`/`false`).
    Verified,
    /// The document it cites.
    Source,
}

/// What `criteria import` did.
#[derive(Debug, Clone)]
pub struct Imported {
    /// Set id.
    pub set: String,
    /// Where the workspace's set was written.
    pub path: PathBuf,
    /// The document cited.
    pub document: String,
    /// Who imported it.
    pub by: String,
    /// When (UTC, ISO 8601).
    pub at: String,
    /// Indicators read.
    pub rows: usize,
    /// Codes of the indicators not marked as checked (kept unverified).
    pub unchecked: Vec<String>,
    /// Codes of the targets stated in words.
    pub text_targets: Vec<String>,
    /// Indicators whose text or target differs from the shipped draft.
    pub changed: usize,
}

/// The library a workspace resolves to, without its own criteria sets: what they replace.
fn base_library(data: &Path) -> Result<Library, AppError> {
    super::score::library_without_workspace_sets(data, None)
}

/// Reads the province's table and writes it as the workspace's set, atomically; a table with
/// any problem writes nothing and is refused with every problem and its cell.
pub fn import(req: &ImportRequest) -> Result<Imported, AppError> {
    let base = base_library(req.data)?;
    let draft = set_of(&base, req.set)?;
    let name = req.file.file_name().map_or_else(
        || req.file.display().to_string(),
        |n| n.to_string_lossy().to_string(),
    );
    let bytes = std::fs::read(req.file).map_err(|e| AppError::Read {
        path: req.file.display().to_string(),
        message: e.to_string(),
    })?;
    let sha256 = crate::ingest::sha256_hex(&bytes);
    let refused = |problems: Vec<TableProblem>| AppError::CriteriaTableRefused {
        file: name.clone(),
        problems,
    };
    let mut table = crate::ingest::criteria_table::read(bytes, &name, draft).map_err(refused)?;
    let by = table
        .by
        .take()
        .filter(|b| !b.trim().is_empty())
        .or(req.by.map(str::to_string))
        .ok_or_else(|| {
            refused(vec![TableProblem {
                file: name.clone(),
                sheet: Some(table.sheet.clone()),
                cell: None,
                kind: crate::ingest::criteria_table::TableProblemKind::NoImporter,
                value: None,
            }])
        })?;
    let at = crate::store::now_utc();
    let file = province_set(draft, &table, &by, &at, ImportedFrom { file: name, sha256 });
    let text = to_toml(&file)?;
    let path = set_path(req.data, &draft.header.id);
    // What is written must load as it will be loaded: checked before it replaces anything.
    let mut check = base.clone();
    check.override_set(&path.display().to_string(), &text)?;
    check.check()?;
    let changed = changes(draft, &check.criteria_sets[&draft.header.id]);
    std::fs::create_dir_all(req.data.join(DIR)).map_err(|e| AppError::Write {
        path: req.data.join(DIR).display().to_string(),
        message: e.to_string(),
    })?;
    super::output::save(&path, text.as_bytes())?;
    Ok(Imported {
        set: draft.header.id.clone(),
        path,
        document: file.set.document.clone().unwrap_or_default(),
        by,
        at,
        rows: table.rows.len(),
        unchecked: table
            .rows
            .iter()
            .filter(|r| !r.checked)
            .map(|r| r.code.clone())
            .collect(),
        text_targets: table.text_targets.clone(),
        changed: reworded(&changed),
    })
}

/// The shipped set with the province's rows in place of its indicators.
fn province_set(
    draft: &CriteriaSet,
    table: &ProvinceTable,
    by: &str,
    at: &str,
    from: ImportedFrom,
) -> CriteriaFile {
    // Every row has a document: its own, or the table's (checked by the reader).
    let document = table
        .document
        .clone()
        .or_else(|| table.rows.iter().find_map(|r| r.source.clone()));
    let mut header = draft.header.clone();
    header.source = document.clone().unwrap_or_default();
    header.verified = true;
    header.document = document.clone();
    header.imported_by = Some(by.to_string());
    header.imported_at = Some(at.to_string());
    header.imported_from = Some(from);
    let criteria = draft
        .criteria
        .iter()
        .map(|c| {
            let mut c = c.clone();
            if let Some(name) = table.criterion_names.get(&c.code) {
                c.name = name.clone();
            }
            for i in &mut c.indicators {
                let Some(row) = table.rows.iter().find(|r| r.code == i.code) else {
                    continue;
                };
                i.name = row.text.clone();
                i.target = row.target.clone();
                i.draft_target = None;
                i.targets.clear();
                i.source = row
                    .source
                    .clone()
                    .or_else(|| document.clone())
                    .unwrap_or_default();
                i.verified = row.checked;
            }
            c
        })
        .collect();
    CriteriaFile {
        set: header,
        groups: draft.groups.clone(),
        criteria,
    }
}

fn to_toml(file: &CriteriaFile) -> Result<String, AppError> {
    let body = toml::to_string(file).map_err(|e| AppError::Write {
        path: "(toml)".into(),
        message: e.to_string(),
    })?;
    Ok(format!(
        "# Bộ tiêu chí của tỉnh, nhập bằng `hailong criteria import` từ {} — thay bộ cùng mã của hailong\n# cho thư mục dữ liệu này. Sửa bằng cách nhập lại bảng, không sửa tay.\n\n{body}",
        file.set
            .imported_from
            .as_ref()
            .map_or("", |f| f.file.as_str())
    ))
}

/// How many indicators differ in text or target (not only in their source or flag).
fn reworded(changes: &[FieldChange]) -> usize {
    let mut codes: Vec<&str> = changes
        .iter()
        .filter(|c| matches!(c.field, Field::Text | Field::Target))
        .map(|c| c.code.as_str())
        .collect();
    codes.dedup();
    codes.len()
}

/// Every field that differs between the draft and the set in force, indicator by indicator.
fn changes(draft: &CriteriaSet, now: &CriteriaSet) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let indicators = |s: &CriteriaSet| -> Vec<crate::rules::schema::IndicatorDef> {
        s.criteria
            .iter()
            .flat_map(|c| c.indicators.iter().cloned())
            .collect()
    };
    let was = indicators(draft);
    for n in indicators(now) {
        let Some(d) = was.iter().find(|d| d.code == n.code) else {
            continue;
        };
        for (field, a, b) in [
            (Field::Text, d.name.clone(), n.name.clone()),
            (Field::Target, d.target.clone(), n.target.clone()),
            (
                Field::Verified,
                d.verified.to_string(),
                n.verified.to_string(),
            ),
            (Field::Source, d.source.clone(), n.source.clone()),
        ] {
            if a != b {
                out.push(FieldChange {
                    code: n.code.clone(),
                    field,
                    draft: a,
                    now: b,
                });
            }
        }
    }
    out
}

/// How the workspace's set differs from the shipped draft.
#[derive(Debug, Clone, Serialize)]
pub struct SetDiff {
    /// Set id.
    pub set: String,
    /// Whether the workspace has its own set (else it uses the draft).
    pub imported: bool,
    /// The document cited, when imported.
    pub document: Option<String>,
    /// Who imported it.
    pub imported_by: Option<String>,
    /// When.
    pub imported_at: Option<String>,
    /// From which file (and its SHA-256).
    pub imported_from: Option<ImportedFrom>,
    /// Indicators verified in the set in force.
    pub verified: usize,
    /// Indicators of the set.
    pub indicators: usize,
    /// Indicators whose text or target differs.
    pub changed: usize,
    /// Every field that differs, indicator by indicator.
    pub changes: Vec<FieldChange>,
}

/// What differs between the workspace's set `set` (default [`DEFAULT_SET`]) and the draft.
pub fn diff(data: &Path, set: Option<&str>) -> Result<SetDiff, AppError> {
    let base = base_library(data)?;
    let lib = super::score::library_for(data, None)?;
    let draft = set_of(&base, set)?;
    let now = set_of(&lib, set)?;
    let changes = changes(draft, now);
    let all = || now.criteria.iter().flat_map(|c| &c.indicators);
    Ok(SetDiff {
        set: now.header.id.clone(),
        imported: is_imported(now),
        document: now.header.document.clone(),
        imported_by: now.header.imported_by.clone(),
        imported_at: now.header.imported_at.clone(),
        imported_from: now.header.imported_from.clone(),
        verified: all().filter(|i| i.verified).count(),
        indicators: all().count(),
        changed: reworded(&changes),
        changes,
    })
}

/// The criteria set in force for a form, as a page names it.
#[derive(Debug, Clone, Serialize)]
pub struct SetInForce {
    /// Set id.
    pub id: String,
    /// Title.
    pub title: String,
    /// The province's document it was checked against (`None`: the shipped draft).
    pub document: Option<String>,
    /// Indicators not verified.
    pub unverified: usize,
}

/// The criteria set a form's items refer to, as in force in `lib`.
pub fn in_force(lib: &Library, form: &str) -> Option<SetInForce> {
    let set = lib.set_of_form(form)?;
    Some(SetInForce {
        id: set.header.id.clone(),
        title: set.header.title.clone(),
        document: set.header.document.clone(),
        unverified: set
            .criteria
            .iter()
            .flat_map(|c| &c.indicators)
            .filter(|i| !i.verified)
            .count(),
    })
}
