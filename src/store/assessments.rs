//! Self-assessments in the workspace: one small JSON document per imported workbook, named by
//! the workbook's hash, in `assessments/`, and listed in the manifest beside the survey sources.
//!
//! They are a few kilobytes (57 rows), so they are written straight into place under the
//! writer's lock, synced, before the manifest that names them; the manifest swap is still the
//! one moment an import takes effect. One self-assessment is in force per commune, criteria set
//! and round: a later one replaces it. Nothing here judges them (`score::criteria` does).

use super::{StoreError, Workspace, io, sync_dir, write_synced};
use crate::model::SelfAssessment;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Directory of the self-assessments, in the workspace.
pub const ASSESSMENTS: &str = "assessments";

/// One imported self-assessment in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentEntry {
    /// SHA-256 of the workbook: also the name of its document.
    pub sha256: String,
    /// File name (without directories).
    pub file_name: String,
    /// Commune (canonical name).
    pub commune: String,
    /// Criteria set id.
    pub set: String,
    /// Survey round label ("" for a single round).
    #[serde(default)]
    pub round: String,
    /// When it was imported (UTC, ISO 8601).
    pub imported_at: String,
    /// Indicator rows read.
    pub rows_read: u32,
    /// Rows rejected.
    pub rows_rejected: u32,
    /// Who imported it (an account of `hailong serve`, or the OS user of the command line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported_by: Option<String>,
}

impl AssessmentEntry {
    /// Whether `other` takes this one's place: same commune, set and round, or the same bytes.
    pub fn replaced_by(&self, other: &AssessmentEntry) -> bool {
        (self.commune == other.commune && self.set == other.set && self.round == other.round)
            || (self.sha256 == other.sha256 && self.round == other.round)
    }
}

/// The document's path for `sha`.
pub fn path(dir: &Path, sha: &str) -> PathBuf {
    dir.join(ASSESSMENTS).join(format!("{sha}.json"))
}

/// Writes the document of `sa` (under the writer's lock, before the manifest names it). A
/// document already there has the same content: it is named by the workbook's bytes and the
/// reading of those bytes.
pub(super) fn write(dir: &Path, sha: &str, sa: &SelfAssessment) -> Result<(), StoreError> {
    let to = path(dir, sha);
    let folder = dir.join(ASSESSMENTS);
    std::fs::create_dir_all(&folder).map_err(io(&folder))?;
    let tmp = folder.join(format!("{sha}.{}.tmp", std::process::id()));
    let json = serde_json::to_vec_pretty(sa).map_err(|e| StoreError::Table {
        path: to.display().to_string(),
        message: e.to_string(),
    })?;
    write_synced(&tmp, &json)?;
    std::fs::rename(&tmp, &to).map_err(io(&to))?;
    sync_dir(&folder);
    Ok(())
}

impl Workspace {
    /// The self-assessments in force.
    pub fn assessment_entries(&self) -> &[AssessmentEntry] {
        &self.manifest.assessments
    }

    /// The self-assessment of `commune` for criteria set `set` in `round` (`None`: the commune's
    /// latest round that has one).
    pub fn assessment(
        &self,
        commune: &str,
        set: &str,
        round: Option<&str>,
    ) -> Result<Option<(AssessmentEntry, SelfAssessment)>, StoreError> {
        let mut mine = self
            .manifest
            .assessments
            .iter()
            .filter(|a| a.commune == commune && a.set == set);
        let entry = match round {
            Some(r) => mine.rfind(|a| a.round == r),
            None => mine.max_by(|a, b| a.round.cmp(&b.round)),
        };
        let Some(entry) = entry else {
            return Ok(None);
        };
        let p = path(&self.dir, &entry.sha256);
        let bytes = std::fs::read(&p).map_err(io(&p))?;
        let sa = serde_json::from_slice(&bytes).map_err(|e| StoreError::Table {
            path: p.display().to_string(),
            message: e.to_string(),
        })?;
        Ok(Some((entry.clone(), sa)))
    }
}
