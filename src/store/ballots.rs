//! The print runs of paper ballots (`hailong ballot`), kept in the workspace so that a later
//! import of photographed ballots can map an id to its area's name and to the register (forms
//! issued per area), and so that returned/issued reconciles.
//!
//! One JSON file, `issued-ballots.json`, rewritten whole under the workspace's writer lock
//! through a temporary file. An issue is keyed by (form, commune code, round); reprinting the
//! same areas replaces it, a print run with other areas under the same key is refused unless
//! replacing is asked for (ids already handed out would otherwise point to another area).
//! No household appears here: serials are not tied to households. This module stores and
//! finds records; it decides nothing about ballots.

use super::lock::{self, Wait};
use crate::i18n::{BallotText as T, Lang, Localized};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// File name in the workspace directory.
pub const ISSUED: &str = "issued-ballots.json";

/// One area of a print run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedArea {
    /// Number in the ids (1-based, the order given to `hailong ballot --area`).
    pub number: u32,
    /// The area's name as given.
    pub name: String,
    /// Forms issued = the highest serial printed (serials run 1..=issued).
    pub issued: u32,
}

/// One print run of ballots for a commune, form and round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// Form id (`xa-ntm`).
    pub form: String,
    /// The commune's canonical name.
    pub commune: String,
    /// Its gazetteer code, as in the ids.
    pub commune_code: String,
    /// Round as given ("" for a single round); ids print it upper-cased.
    pub round: String,
    /// Areas in id order.
    pub areas: Vec<IssuedArea>,
    /// When the ballots were made (UTC, ISO 8601).
    pub printed_at: String,
    /// SHA-256 of the PDF written.
    pub pdf_sha256: String,
}

impl Issue {
    /// Whether this issue has the key (form, commune code, round), form and round compared
    /// ignoring ASCII case (ids print them upper-cased).
    pub fn is(&self, form: &str, commune_code: &str, round: &str) -> bool {
        self.form.eq_ignore_ascii_case(form)
            && self.commune_code == commune_code
            && self.round.eq_ignore_ascii_case(round)
    }

    /// The area numbered `number`.
    pub fn area(&self, number: u32) -> Option<&IssuedArea> {
        self.areas.iter().find(|a| a.number == number)
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct IssuedFile {
    format: u32,
    issues: Vec<Issue>,
}

/// What can go wrong with the record of print runs.
#[derive(Debug, thiserror::Error)]
pub enum IssuedError {
    /// The file or the workspace's lock could not be read or written.
    Io {
        /// Path.
        path: String,
        /// The system's message.
        message: String,
    },
    /// The file is not the JSON this module writes.
    Damaged {
        /// Path.
        path: String,
        /// The parser's message.
        message: String,
    },
    /// Ballots of this form, commune and round were printed before for other areas.
    Conflict {
        /// Form id.
        form: String,
        /// Commune.
        commune: String,
        /// Round.
        round: String,
        /// When the earlier run was made.
        printed_at: String,
    },
}

impl Localized for IssuedError {
    fn message(&self, lang: Lang) -> String {
        match self {
            IssuedError::Io { path, message } | IssuedError::Damaged { path, message } => {
                T::StoreUnreadable.fill(lang, &[("file", path), ("message", message)])
            }
            IssuedError::Conflict {
                form,
                commune,
                round,
                printed_at,
            } => T::IssueConflict.fill(
                lang,
                &[
                    ("form", form),
                    ("commune", commune),
                    ("round", round),
                    ("when", printed_at),
                ],
            ),
        }
    }
}

crate::display_in_vietnamese!(IssuedError);

fn io(path: &Path) -> impl Fn(std::io::Error) -> IssuedError + '_ {
    move |e| IssuedError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

/// Every print run recorded in the workspace `dir` (none when it has no record).
pub fn issues(dir: &Path) -> Result<Vec<Issue>, IssuedError> {
    let path = dir.join(ISSUED);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(&path)(e)),
    };
    serde_json::from_slice::<IssuedFile>(&bytes)
        .map(|f| f.issues)
        .map_err(|e| IssuedError::Damaged {
            path: path.display().to_string(),
            message: e.to_string(),
        })
}

/// The print run of (form, commune code, round) in the workspace `dir`, form and round
/// compared ignoring ASCII case: what an id's fields name.
pub fn find_issue(
    dir: &Path,
    form: &str,
    commune_code: &str,
    round: &str,
) -> Result<Option<Issue>, IssuedError> {
    Ok(issues(dir)?
        .into_iter()
        .find(|i| i.is(form, commune_code, round)))
}

/// Records `issue` in the workspace `dir` (created if needed), under its writer lock. A run
/// with the same key and the same areas replaces the earlier one (a reprint); other areas
/// under the same key are refused unless `replace`.
pub fn save_issue(dir: &Path, issue: &Issue, replace: bool) -> Result<(), IssuedError> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let _writer = lock::lock_writer(dir, Wait::Block(&|| {})).map_err(|e| IssuedError::Io {
        path: dir.display().to_string(),
        message: e.message(Lang::En),
    })?;
    let mut all = issues(dir)?;
    if let Some(old) = all
        .iter()
        .find(|i| i.is(&issue.form, &issue.commune_code, &issue.round))
        && old.areas != issue.areas
        && !replace
    {
        return Err(IssuedError::Conflict {
            form: issue.form.clone(),
            commune: issue.commune.clone(),
            round: issue.round.clone(),
            printed_at: old.printed_at.clone(),
        });
    }
    all.retain(|i| !i.is(&issue.form, &issue.commune_code, &issue.round));
    all.push(issue.clone());
    let path = dir.join(ISSUED);
    let text = serde_json::to_vec_pretty(&IssuedFile {
        format: 1,
        issues: all,
    })
    .map_err(|e| IssuedError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io(&path))?;
    std::io::Write::write_all(&mut tmp, &text).map_err(io(&path))?;
    tmp.as_file().sync_all().map_err(io(&path))?;
    tmp.persist(&path).map_err(|e| io(&path)(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue(areas: &[(&str, u32)]) -> Issue {
        Issue {
            form: "xa-ntm".into(),
            commune: "Xã Đoàn Kết".into(),
            commune_code: "04000".into(),
            round: "2025-10".into(),
            areas: areas
                .iter()
                .enumerate()
                .map(|(n, (name, issued))| IssuedArea {
                    number: n as u32 + 1,
                    name: name.to_string(),
                    issued: *issued,
                })
                .collect(),
            printed_at: "2026-12-01T08:00:00Z".into(),
            pdf_sha256: "ab".into(),
        }
    }

    #[test]
    fn saves_finds_by_id_fields_and_refuses_a_different_run_under_the_same_key() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            find_issue(dir.path(), "XA-NTM", "04000", "2025-10")
                .unwrap()
                .is_none()
        );
        let first = issue(&[("Bản Mòng", 120), ("Bản Nà", 80)]);
        save_issue(dir.path(), &first, false).unwrap();
        let found = find_issue(dir.path(), "XA-NTM", "04000", "2025-10")
            .unwrap()
            .unwrap();
        assert_eq!(found, first);
        assert_eq!(found.area(2).unwrap().issued, 80);
        assert!(
            find_issue(dir.path(), "xa-ntm", "04000", "2026-04")
                .unwrap()
                .is_none()
        );
        // A reprint of the same areas replaces; other areas are refused, then replaced on demand.
        save_issue(dir.path(), &first, false).unwrap();
        let other = issue(&[("Bản Mòng", 130)]);
        assert!(matches!(
            save_issue(dir.path(), &other, false),
            Err(IssuedError::Conflict { .. })
        ));
        save_issue(dir.path(), &other, true).unwrap();
        assert_eq!(issues(dir.path()).unwrap(), vec![other]);
    }

    #[test]
    fn a_damaged_record_is_an_error_not_an_empty_list() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(ISSUED), b"{not json").unwrap();
        assert!(matches!(
            issues(dir.path()),
            Err(IssuedError::Damaged { .. })
        ));
        assert!(save_issue(dir.path(), &issue(&[("A", 1)]), true).is_err());
    }
}
