//! The workspace on disk: imported ballots and registers as Parquet, and a manifest of sources.
//!
//! Layout (documented for analysts in `docs/workspace.md`):
//! - `manifest.json`: the sources in force, one entry per imported file;
//! - `ballots/<sha256>.parquet`: one row per form, one `UInt8` column per item (`q1`, `q2`, ...;
//!   coding in [`crate::model::Answer`]), with provenance columns;
//! - `registers/<sha256>.parquet`: the residential areas and households of that file;
//! - `tallies/<sha256>.parquet`: area tallies (counts per item) sent instead of forms;
//! - `counts/<sha256>.parquet`: the sums scoring needs, computed from the ballots at import
//!   ([`counts`]).
//! - `users.toml`, `sessions.json`: the accounts and sign-ins of `hailong serve` ([`users`]).
//!
//! Table files are named by the source's content hash and never rewritten, so an import only
//! adds files and then swaps the manifest in one atomic rename. A crash at any point leaves the
//! previous manifest, and so the previous workspace, intact; unreferenced files are removed by
//! a later import. One import writes at a time and readers never see half a commit
//! ([`lock`]); an import's tables wait in its own directory until it commits ([`staging`]).
//! This layer must not score anything: it stores and hands back tables.

pub mod assessments;
pub mod ballots;
pub mod config;
pub mod counts;
pub mod lock;
pub mod packs;
pub mod review;
pub mod staging;
pub mod users;

pub use lock::{ReadGuard, Wait, WriteGuard};
pub use staging::Staging;

use crate::model::{
    BatchSummary, CountGroup, ItemTally, Provenance, RegisterArea, SurveyBatch, TallyRow,
};
use polars::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The manifest's format version.
pub const FORMAT: u32 = 1;

/// Environment variable that makes an import fail just before its final rename (for tests).
pub const FAIL_HOOK: &str = "HAILONG_TEST_FAIL_BEFORE_RENAME";

/// Environment variable naming a step at which an import fails as if the disk had refused the
/// write (for tests): `tables`, `publish`, `manifest` or `rename`.
pub const FAIL_AT: &str = "HAILONG_TEST_FAIL_AT";

/// The directories of table files, one per kind of table.
pub const TABLE_DIRS: [&str; 6] = [
    "ballots",
    "registers",
    "tallies",
    "counts",
    packs::PACKS,
    review::REVIEW,
];

/// The manifest in force.
pub const MANIFEST: &str = "manifest.json";
/// The manifest before the last commit, kept so a damaged manifest can be recovered.
pub const MANIFEST_PREV: &str = "manifest.prev.json";

/// Fails with an injected write error when [`FAIL_AT`] names `step`.
fn fail_point(step: &'static str) -> Result<(), StoreError> {
    match std::env::var(FAIL_AT) {
        Ok(v) if v == step => Err(StoreError::Io {
            path: step.to_string(),
            message: format!("{FAIL_AT}={step}"),
        }),
        _ => Ok(()),
    }
}

/// What can go wrong in the workspace.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file or directory of the workspace could not be read or written.
    Io {
        /// Path.
        path: String,
        /// The system's message.
        message: String,
    },
    /// The manifest is not valid JSON of the expected shape.
    Manifest {
        /// Path.
        path: String,
        /// Parser message.
        message: String,
    },
    /// A Parquet table could not be written or read.
    Table {
        /// Path.
        path: String,
        /// Polars' message.
        message: String,
    },
    /// The test hook stopped the import before its final rename.
    InjectedFailure,
    /// Another process is importing into the workspace and the caller asked not to wait.
    Busy {
        /// The workspace.
        path: String,
    },
    /// The manifest names tables that are not there (left by an older hailong, or files removed
    /// by hand): scoring would silently miss forms, so nothing is scored.
    Inconsistent {
        /// The workspace.
        path: String,
        /// What is missing.
        missing: Vec<MissingTable>,
    },
    /// The manifest cannot be read and no earlier manifest can stand in for it.
    Unrecoverable {
        /// The workspace.
        path: String,
    },
}

/// A table a source of the manifest needs and the workspace does not have (or cannot read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingTable {
    /// Table path relative to the workspace (`registers/<sha>.parquet`).
    pub table: String,
    /// The source's file name.
    pub file_name: String,
    /// Its commune.
    pub commune: String,
    /// Its round ("" for a single round).
    pub round: String,
}

fn missing_list(missing: &[MissingTable]) -> String {
    let mut parts: Vec<String> = missing
        .iter()
        .take(5)
        .map(|m| format!("{} ({}, {})", m.table, m.file_name, m.commune))
        .collect();
    if missing.len() > 5 {
        parts.push(format!("… +{}", missing.len() - 5));
    }
    parts.join("; ")
}

/// What `repair` (or an import finding an inconsistent workspace) did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Repair {
    /// Sources dropped from the manifest because a table of theirs is missing or unreadable.
    pub dropped: Vec<MissingTable>,
    /// Whether the manifest itself was unreadable and the previous one was restored.
    pub restored_previous: bool,
    /// Leftover files removed (tables no manifest names, abandoned staging directories).
    pub removed_files: usize,
}

impl crate::i18n::Localized for StoreError {
    fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::ErrorText as T;
        match self {
            StoreError::Io { path, message } => {
                T::StoreIo.fill(lang, &[("path", path), ("message", message)])
            }
            StoreError::Manifest { path, message } => {
                T::StoreManifest.fill(lang, &[("path", path), ("message", message)])
            }
            StoreError::Table { path, message } => {
                T::StoreTable.fill(lang, &[("path", path), ("message", message)])
            }
            StoreError::InjectedFailure => {
                T::StoreInjectedFailure.fill(lang, &[("hook", FAIL_HOOK)])
            }
            StoreError::Busy { path } => T::StoreBusy.fill(lang, &[("path", path)]),
            StoreError::Inconsistent { path, missing } => T::StoreInconsistent.say(
                lang,
                &[
                    ("path", path),
                    ("count", &missing.len()),
                    ("missing", &missing_list(missing)),
                ],
            ),
            StoreError::Unrecoverable { path } => {
                T::StoreUnrecoverable.fill(lang, &[("path", path)])
            }
        }
    }
}

crate::display_in_vietnamese!(StoreError);

pub(crate) fn io(path: &Path) -> impl Fn(std::io::Error) -> StoreError + '_ {
    move |e| StoreError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

fn table(path: &Path) -> impl Fn(PolarsError) -> StoreError + '_ {
    move |e| match e {
        // A full disk or a lost permission is the workspace's problem, not the table's.
        PolarsError::IO { error, .. } => StoreError::Io {
            path: path.display().to_string(),
            message: error.to_string(),
        },
        e => StoreError::Table {
            path: path.display().to_string(),
            message: e.to_string(),
        },
    }
}

/// One imported file in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceEntry {
    /// SHA-256 of the file's bytes: also the name of its tables.
    pub sha256: String,
    /// File name (without directories); a later file of the same name for the same commune
    /// replaces this one.
    pub file_name: String,
    /// Commune (canonical name).
    pub commune: String,
    /// Form id.
    pub form: String,
    /// Survey round label ("" when the commune was surveyed once); labels sort by time.
    #[serde(default)]
    pub round: String,
    /// When it was imported (UTC, ISO 8601).
    pub imported_at: String,
    /// Ballots stored.
    pub ballots: u32,
    /// Area tallies stored.
    #[serde(default)]
    pub tallies: u32,
    /// Residential areas this file has data for (forms or a tally): one source per area.
    pub areas: Vec<String>,
    /// Non-empty rows read.
    pub rows_read: u32,
    /// Rows rejected.
    pub rows_rejected: u32,
    /// Whether its forms carry submission keys (exports of KoboToolbox, ODK Central): then a
    /// later export supersedes them submission by submission instead of conflicting by area.
    #[serde(default)]
    pub keyed: bool,
    /// Who imported it (an account of `hailong serve`, or the OS user of the command line);
    /// absent when not known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported_by: Option<String>,
}

/// The list of sources in force.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Format version.
    pub format: u32,
    /// Sources, in import order.
    pub sources: Vec<SourceEntry>,
    /// Self-assessments of the criteria, in import order (absent from older manifests).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assessments: Vec<assessments::AssessmentEntry>,
    /// Files of answers to survey packs, in import order (absent when there are none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pack_sources: Vec<packs::PackSource>,
}

/// What an import did with one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Same bytes already stored: nothing to do.
    Unchanged,
    /// New file.
    Add,
    /// Replaces an earlier version (same commune and file name).
    Replace {
        /// The replaced source's hash.
        old_sha256: String,
    },
    /// Some of its areas already have ballots from another file of the commune.
    Conflict {
        /// Area.
        area: String,
        /// The other file.
        other: String,
    },
}

/// A workspace directory.
pub struct Workspace {
    dir: PathBuf,
    manifest: Manifest,
    /// The shared hold on the tables while this value reads them (`None` for a view, a
    /// workspace that does not exist yet, or a read-only copy).
    reader: Option<ReadGuard>,
}

pub use crate::model::item_column;

/// Reads a manifest file: `Ok(None)` when there is none.
fn read_manifest(path: &Path) -> Result<Option<Manifest>, StoreError> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| StoreError::Manifest {
                path: path.display().to_string(),
                message: e.to_string(),
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io(path)(e)),
    }
}

fn empty_manifest() -> Manifest {
    Manifest {
        format: FORMAT,
        sources: Vec::new(),
        assessments: Vec::new(),
        pack_sources: Vec::new(),
    }
}

impl Workspace {
    /// Opens (and creates if needed) the workspace at `dir`, to import into it. The manifest
    /// read here only serves to skip files already stored; the import reads it afresh under the
    /// writer's lock ([`Workspace::reload`]) before it plans anything. An inconsistent
    /// workspace is not an error here: the import repairs it under the lock and says so.
    pub fn open(dir: &Path) -> Result<Workspace, StoreError> {
        for sub in TABLE_DIRS.iter().chain(&[staging::STAGING]) {
            std::fs::create_dir_all(dir.join(sub)).map_err(io(dir))?;
        }
        let reader = lock::lock_readers(dir);
        // A damaged manifest is the writer's to recover, under the lock (`reload`).
        let manifest = match read_manifest(&dir.join(MANIFEST)) {
            Ok(m) => m.unwrap_or_else(empty_manifest),
            Err(StoreError::Manifest { .. }) => empty_manifest(),
            Err(e) => return Err(e),
        };
        Ok(Workspace {
            dir: dir.to_path_buf(),
            manifest,
            reader,
        })
    }

    /// Opens an existing workspace for reading only; it is not an error if it is empty. Its
    /// tables stay readable (no import deletes them) for as long as the value lives. A
    /// workspace whose manifest names missing tables is refused with the list, so that nothing
    /// is scored on part of the data.
    pub fn open_existing(dir: &Path) -> Result<Workspace, StoreError> {
        if !dir.join(MANIFEST).exists() {
            return Ok(Workspace::view(dir, empty_manifest()));
        }
        // The hold comes first: a manifest read before it could name tables deleted meanwhile.
        let reader = lock::lock_readers(dir);
        let manifest = read_manifest(&dir.join(MANIFEST))?.unwrap_or_else(empty_manifest);
        let ws = Workspace {
            dir: dir.to_path_buf(),
            manifest,
            reader,
        };
        let missing = ws.missing_tables();
        if !missing.is_empty() {
            return Err(StoreError::Inconsistent {
                path: dir.display().to_string(),
                missing,
            });
        }
        Ok(ws)
    }

    /// A read-only view of `dir` as if `manifest` were in force (to plan several files at once).
    pub fn view(dir: &Path, manifest: Manifest) -> Workspace {
        Workspace {
            dir: dir.to_path_buf(),
            manifest,
            reader: None,
        }
    }

    /// Takes the workspace's writer lock (see [`lock`]).
    pub fn lock_writer(&self, wait: Wait) -> Result<WriteGuard, StoreError> {
        lock::lock_writer(&self.dir, wait)
    }

    /// Reads the manifest afresh under the writer's lock: what other imports committed since
    /// this value was opened is the base of the next commit. A damaged manifest is replaced by
    /// the previous one when that one reads (reported in the returned [`Repair`]), and sources
    /// whose tables are missing are dropped from it (likewise reported). `thorough` also reads
    /// every table's Parquet footer (what `repair` does; an import only checks that the files
    /// exist, which is what a crash or a hand can break).
    pub fn reload(&mut self, writer: &WriteGuard, thorough: bool) -> Result<Repair, StoreError> {
        let mut repair = Repair::default();
        let mpath = self.dir.join(MANIFEST);
        self.manifest = match read_manifest(&mpath) {
            Ok(m) => m.unwrap_or_else(empty_manifest),
            Err(StoreError::Manifest { .. }) => {
                match read_manifest(&self.dir.join(MANIFEST_PREV)) {
                    Ok(Some(prev)) => {
                        repair.restored_previous = true;
                        prev
                    }
                    _ => {
                        return Err(StoreError::Unrecoverable {
                            path: self.dir.display().to_string(),
                        });
                    }
                }
            }
            Err(e) => return Err(e),
        };
        repair.dropped = if thorough {
            self.unreadable_tables()
        } else {
            self.missing_tables()
        };
        if repair.restored_previous || !repair.dropped.is_empty() {
            let mut next = self.manifest.clone();
            next.sources.retain(|s| {
                !repair.dropped.iter().any(|m| {
                    m.file_name == s.file_name && m.commune == s.commune && m.round == s.round
                })
            });
            next.pack_sources.retain(|p| {
                !repair
                    .dropped
                    .iter()
                    .any(|m| m.table == format!("{}/{}.parquet", packs::PACKS, p.sha256))
            });
            next.assessments.retain(|a| {
                !repair.dropped.iter().any(|m| {
                    m.file_name == a.file_name && m.commune == a.commune && m.round == a.round
                })
            });
            self.swap_manifest(writer, next)?;
        }
        repair.removed_files = self.collect_garbage(writer);
        Ok(repair)
    }

    /// Tables the manifest's sources need that are not there (a cheap existence check).
    pub fn missing_tables(&self) -> Vec<MissingTable> {
        self.check_tables(|path| path.is_file())
    }

    /// Tables the manifest's sources need that are not there or whose Parquet footer does not
    /// read (the thorough check `repair` makes).
    fn unreadable_tables(&self) -> Vec<MissingTable> {
        self.check_tables(|path| {
            std::fs::File::open(path)
                .ok()
                .and_then(|f| ParquetReader::new(f).num_rows().ok())
                .is_some()
        })
    }

    fn check_tables(&self, ok: impl Fn(&Path) -> bool) -> Vec<MissingTable> {
        let mut out = Vec::new();
        for a in &self.manifest.assessments {
            if !assessments::path(&self.dir, &a.sha256).is_file() {
                out.push(MissingTable {
                    table: format!("{}/{}.json", assessments::ASSESSMENTS, a.sha256),
                    file_name: a.file_name.clone(),
                    commune: a.commune.clone(),
                    round: a.round.clone(),
                });
            }
        }
        for p in &self.manifest.pack_sources {
            let rel = format!("{}/{}.parquet", packs::PACKS, p.sha256);
            if !ok(&self.dir.join(&rel)) {
                out.push(MissingTable {
                    table: rel,
                    file_name: p.file_name.clone(),
                    commune: p.commune.clone(),
                    round: String::new(),
                });
            }
        }
        for s in &self.manifest.sources {
            // No `counts`: they are derived from the ballots and scoring reads the ballots when
            // they are missing (sources imported before them have none), so their absence loses
            // nothing and dropping a source for it would lose its forms.
            let needed = [
                ("registers", true),
                ("ballots", s.ballots > 0),
                ("tallies", s.tallies > 0),
            ];
            for (sub, need) in needed {
                let rel = format!("{sub}/{}.parquet", s.sha256);
                if need && !ok(&self.dir.join(&rel)) {
                    out.push(MissingTable {
                        table: rel,
                        file_name: s.file_name.clone(),
                        commune: s.commune.clone(),
                        round: s.round.clone(),
                    });
                }
            }
        }
        out
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The sources in force.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The source already stored with these bytes in this round, if any: importing it again
    /// changes nothing, so it need not even be read.
    pub fn stored(&self, sha: &str, round: &str) -> Option<&SourceEntry> {
        self.manifest
            .sources
            .iter()
            .find(|s| s.sha256 == sha && s.round == round)
    }

    /// What importing `batch` from the file `file_name` with hash `sha` would do.
    pub fn plan(&self, sha: &str, file_name: &str, batch: &BatchSummary) -> Plan {
        let same_scope = |s: &&SourceEntry| s.commune == batch.commune && s.round == batch.round;
        if self
            .stored(sha, &batch.round)
            .is_some_and(|s| s.commune == batch.commune)
        {
            return Plan::Unchanged;
        }
        let same_name = self
            .manifest
            .sources
            .iter()
            .filter(same_scope)
            .find(|s| s.file_name == file_name);
        let areas = &batch.areas;
        for s in self.manifest.sources.iter().filter(same_scope) {
            if Some(s) == same_name || s.sha256 == sha || s.form != batch.form {
                continue;
            }
            // Two exports with submission keys: the later supersedes the earlier submission
            // by submission when the ballots are read (see `ballots`), nothing conflicts.
            if s.keyed && batch.keyed {
                continue;
            }
            if let Some(a) = s.areas.iter().find(|a| areas.contains(a.as_str())) {
                return Plan::Conflict {
                    area: a.clone(),
                    other: s.file_name.clone(),
                };
            }
        }
        match same_name {
            Some(s) => Plan::Replace {
                old_sha256: s.sha256.clone(),
            },
            None => Plan::Add,
        }
    }

    /// Makes the sources (whose tables `staging` holds) part of the workspace, replacing
    /// earlier versions, in one atomic swap of the manifest; then removes what no manifest
    /// needs any more. The caller holds the writer's lock and has [`reload`](Self::reload)ed.
    pub fn commit(
        &mut self,
        writer: &WriteGuard,
        staging: &Staging,
        entries: &[SourceEntry],
    ) -> Result<(), StoreError> {
        self.commit_all(writer, staging, entries, &[])
    }

    /// [`commit`](Self::commit) with self-assessments too, in the same swap of the manifest.
    pub fn commit_all(
        &mut self,
        writer: &WriteGuard,
        staging: &Staging,
        entries: &[SourceEntry],
        assessed: &[(assessments::AssessmentEntry, crate::model::SelfAssessment)],
    ) -> Result<(), StoreError> {
        let mut next = self.manifest.clone();
        for (entry, sa) in assessed {
            assessments::write(&self.dir, &entry.sha256, sa)?;
            next.assessments.retain(|a| !a.replaced_by(entry));
            next.assessments.push(entry.clone());
        }
        for entry in entries {
            next.sources.retain(|s| {
                !(s.round == entry.round
                    && ((s.commune == entry.commune && s.file_name == entry.file_name)
                        || s.sha256 == entry.sha256))
            });
            next.sources.push(entry.clone());
        }
        let shas: Vec<&str> = entries.iter().map(|e| e.sha256.as_str()).collect();
        staging.publish(writer, &shas)?;
        self.swap_manifest(writer, next)?;
        self.collect_garbage(writer);
        Ok(())
    }

    /// Makes files of answers to survey packs (whose tables `staging` holds) part of the
    /// workspace in one atomic swap of the manifest; a file of the same name, pack, commune and
    /// round is replaced. The caller holds the writer's lock and has [`reload`](Self::reload)ed.
    pub fn commit_packs(
        &mut self,
        writer: &WriteGuard,
        staging: &Staging,
        entries: &[packs::PackSource],
    ) -> Result<(), StoreError> {
        let mut next = self.manifest.clone();
        for e in entries {
            next.pack_sources.retain(|p| {
                !((p.pack == e.pack
                    && p.commune == e.commune
                    && p.round == e.round
                    && p.file_name == e.file_name)
                    || p.sha256 == e.sha256)
            });
            next.pack_sources.push(e.clone());
        }
        let shas: Vec<&str> = entries.iter().map(|e| e.sha256.as_str()).collect();
        staging.publish(writer, &shas)?;
        self.swap_manifest(writer, next)?;
        self.collect_garbage(writer);
        Ok(())
    }

    /// The files of answers to pack `pack` in force.
    pub fn pack_sources(&self, pack: &str) -> Vec<&packs::PackSource> {
        self.manifest
            .pack_sources
            .iter()
            .filter(|p| p.pack == pack)
            .collect()
    }

    /// The answers of the files `sources`, as columns in the order of `items`, with the
    /// respondents' weights.
    pub fn pack_columns(
        &self,
        sources: &[&packs::PackSource],
        items: &[String],
    ) -> Result<packs::PackAnswers, StoreError> {
        packs::read_columns(&self.dir, sources, items)
    }

    /// Writes `next` as the manifest in force, keeping the one it replaces as
    /// `manifest.prev.json`. The temporary name is this process's own.
    fn swap_manifest(&mut self, _writer: &WriteGuard, next: Manifest) -> Result<(), StoreError> {
        let mpath = self.dir.join(MANIFEST);
        let tmp = self
            .dir
            .join(format!("{MANIFEST}.{}.tmp", std::process::id()));
        let json = serde_json::to_vec_pretty(&next).map_err(|e| StoreError::Manifest {
            path: mpath.display().to_string(),
            message: e.to_string(),
        })?;
        let written = fail_point("manifest").and_then(|()| write_synced(&tmp, &json));
        let swapped = written.and_then(|()| {
            if std::env::var_os(FAIL_HOOK).is_some() {
                return Err(StoreError::InjectedFailure);
            }
            fail_point("rename")?;
            // The previous manifest is kept (a copy, so the one in force never stops existing).
            if mpath.exists() {
                let prev = self.dir.join(MANIFEST_PREV);
                let _ = std::fs::copy(&mpath, &prev);
            }
            std::fs::rename(&tmp, &mpath).map_err(io(&mpath))
        });
        if let Err(e) = swapped {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        sync_dir(&self.dir);
        self.manifest = next;
        Ok(())
    }

    /// Removes what no manifest needs: table files named by neither the manifest in force nor
    /// the previous one, temporary manifests and abandoned staging directories. Only under the
    /// writer's lock, and only while no reader holds the tables (otherwise the files wait for a
    /// later commit). Returns how many files or directories were removed.
    fn collect_garbage(&mut self, writer: &WriteGuard) -> usize {
        // This value's own hold would make it a reader of itself.
        self.reader = None;
        let mut live: std::collections::HashSet<String> = self
            .manifest
            .sources
            .iter()
            .map(|s| format!("{}.parquet", s.sha256))
            .collect();
        live.extend(
            self.manifest
                .assessments
                .iter()
                .map(|a| format!("{}.json", a.sha256)),
        );
        live.extend(
            self.manifest
                .pack_sources
                .iter()
                .map(|p| format!("{}.parquet", p.sha256)),
        );
        if let Ok(Some(prev)) = read_manifest(&self.dir.join(MANIFEST_PREV)) {
            live.extend(prev.sources.iter().map(|s| format!("{}.parquet", s.sha256)));
            live.extend(
                prev.pack_sources
                    .iter()
                    .map(|p| format!("{}.parquet", p.sha256)),
            );
            live.extend(
                prev.assessments
                    .iter()
                    .map(|a| format!("{}.json", a.sha256)),
            );
        }
        let mut removed = 0;
        lock::with_no_readers(writer, || {
            for sub in TABLE_DIRS.iter().chain(&[assessments::ASSESSMENTS]) {
                let Ok(entries) = std::fs::read_dir(self.dir.join(sub)) else {
                    continue;
                };
                for e in entries.flatten() {
                    let name = e.file_name().to_string_lossy().to_string();
                    if !live.contains(&name) && std::fs::remove_file(e.path()).is_ok() {
                        removed += 1;
                    }
                }
            }
            removed += staging::remove_abandoned(writer, &self.dir).len();
        });
        if let Ok(entries) = std::fs::read_dir(&self.dir) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().to_string();
                if name.starts_with(&format!("{MANIFEST}."))
                    && name.ends_with(".tmp")
                    && std::fs::remove_file(e.path()).is_ok()
                {
                    removed += 1;
                }
            }
        }
        removed
    }

    fn ballots_path(&self, sha: &str) -> PathBuf {
        self.dir.join("ballots").join(format!("{sha}.parquet"))
    }

    fn tallies_path(&self, sha: &str) -> PathBuf {
        self.dir.join("tallies").join(format!("{sha}.parquet"))
    }

    fn counts_path(&self, sha: &str) -> PathBuf {
        self.dir.join("counts").join(format!("{sha}.parquet"))
    }

    fn register_path(&self, sha: &str) -> PathBuf {
        self.dir.join("registers").join(format!("{sha}.parquet"))
    }

    /// Sources of one commune and form in one survey round.
    pub fn sources_of(&self, commune: &str, form: &str, round: &str) -> Vec<&SourceEntry> {
        self.manifest
            .sources
            .iter()
            .filter(|s| s.commune == commune && s.form == form && s.round == round)
            .collect()
    }

    /// The latest survey round of a commune and form ("" when it has none or one unnamed).
    pub fn latest_round(&self, commune: &str, form: &str) -> String {
        self.rounds(commune, form).pop().unwrap_or_default()
    }

    /// The survey rounds of a commune and form, earliest first (labels sort by time).
    pub fn rounds(&self, commune: &str, form: &str) -> Vec<String> {
        let set: std::collections::BTreeSet<&str> = self
            .manifest
            .sources
            .iter()
            .filter(|s| s.commune == commune && s.form == form)
            .map(|s| s.round.as_str())
            .collect();
        set.into_iter().map(str::to_string).collect()
    }

    /// The sources of one commune and form whose ballots count (a keyed source without forms
    /// still supersedes submissions).
    fn ballot_sources(&self, commune: &str, form: &str, round: &str) -> Vec<&SourceEntry> {
        self.sources_of(commune, form, round)
            .into_iter()
            .filter(|s| s.ballots > 0 || s.keyed)
            .collect()
    }

    /// The ballots of one commune and form as a lazy scan over its sources' tables.
    ///
    /// Forms with a submission key are counted once over all the sources of the commune, form
    /// and round: the version with the most edits wins, then the latest `submitted_at`, then the
    /// later import. Submissions the reviewer rejected (`counted` false) are left out after
    /// that, so a rejection in a later export also removes the earlier version.
    pub fn ballots(&self, commune: &str, form: &str, round: &str) -> Result<LazyFrame, StoreError> {
        let sources = self.ballot_sources(commune, form, round);
        if sources.iter().any(|s| s.keyed) {
            return self.merged_ballots(&sources);
        }
        let paths: Vec<PlRefPath> = sources
            .iter()
            .map(|s| PlRefPath::new(self.ballots_path(&s.sha256).display().to_string()))
            .collect();
        let args = ScanArgsParquet {
            allow_missing_columns: true,
            ..Default::default()
        };
        LazyFrame::scan_parquet_files(paths.into_iter().collect(), args).map_err(table(&self.dir))
    }

    /// The ballots of one commune, form and round read into memory (see [`Workspace::ballots`]):
    /// what the score and the texts compute on, so that neither reads the disk.
    pub fn ballots_table(
        &self,
        commune: &str,
        form: &str,
        round: &str,
    ) -> Result<DataFrame, StoreError> {
        self.ballots(commune, form, round)?
            .collect_with_engine(Engine::Streaming)
            .map(|q| q.unwrap_single())
            .map_err(table(&self.dir))
    }

    /// The forms of one commune, form and round that wrote a reason or another opinion, with
    /// their area, number, texts and answers: what the texts of a dossier or page need. The
    /// filter and the columns are pushed into the scan, so a commune page reads the few forms
    /// with text, not every form.
    pub fn ballots_with_text(
        &self,
        commune: &str,
        form: &str,
        round: &str,
        n_items: usize,
    ) -> Result<DataFrame, StoreError> {
        let mut cols = vec![
            col("area"),
            col("form_no"),
            col("reason"),
            col("other_opinion"),
        ];
        cols.extend((1..=n_items).map(|i| col(item_column(i))));
        self.ballots(commune, form, round)?
            .filter(
                col("reason")
                    .is_not_null()
                    .or(col("other_opinion").is_not_null()),
            )
            .select(cols)
            .collect()
            .map_err(table(&self.dir))
    }

    /// Of `ids`, those already stored by other keyed sources of the commune, form and round
    /// (not the file `file_name`, which a new version replaces), with the files holding them.
    pub fn stored_submissions(
        &self,
        batch: &BatchSummary,
        file_name: &str,
    ) -> Result<(usize, Vec<String>), StoreError> {
        let mut found = std::collections::BTreeSet::new();
        let mut files = Vec::new();
        for s in self.manifest.sources.iter().filter(|s| {
            s.keyed
                && s.commune == batch.commune
                && s.form == batch.form
                && s.round == batch.round
                && s.file_name != file_name
        }) {
            let path = self.ballots_path(&s.sha256);
            if !path.exists() {
                continue;
            }
            let file = std::fs::File::open(&path).map_err(io(&path))?;
            let df = ParquetReader::new(file)
                .with_columns(Some(vec!["submission_id".to_string()]))
                .finish()
                .map_err(table(&path))?;
            let ids = df
                .column("submission_id")
                .and_then(|c| c.str().cloned())
                .map_err(table(&path))?;
            let before = found.len();
            found.extend(
                ids.iter()
                    .flatten()
                    .filter(|id| batch.submission_ids.contains(*id))
                    .map(str::to_string),
            );
            if found.len() > before {
                files.push(s.file_name.clone());
            }
        }
        Ok((found.len(), files))
    }

    /// The ballots of sources some of which carry submission keys, each submission once.
    fn merged_ballots(&self, sources: &[&SourceEntry]) -> Result<LazyFrame, StoreError> {
        let mut all: Option<DataFrame> = None;
        for (order, s) in sources.iter().enumerate() {
            let path = self.ballots_path(&s.sha256);
            if !path.exists() {
                continue;
            }
            let file = std::fs::File::open(&path).map_err(io(&path))?;
            let mut df = ParquetReader::new(file).finish().map_err(table(&path))?;
            let n = df.height();
            for (name, dtype) in submission_schema() {
                if df.column(name).is_err() {
                    df.with_column(Column::full_null(name.into(), n, &dtype))
                        .map_err(table(&path))?;
                }
            }
            df.with_column(Column::new("_order".into(), vec![order as u32; n]))
                .map_err(table(&path))?;
            all = Some(match all {
                None => df,
                Some(mut a) => {
                    let df = df
                        .select(a.get_column_names_owned())
                        .map_err(table(&path))?;
                    a.vstack_mut(&df).map_err(table(&path))?;
                    a
                }
            });
        }
        let Some(df) = all else {
            return LazyFrame::scan_parquet_files(
                Vec::<PlRefPath>::new().into_iter().collect(),
                ScanArgsParquet::default(),
            )
            .map_err(table(&self.dir));
        };
        let mask = latest_submissions(&df).map_err(table(&self.dir))?;
        let df = df
            .filter(&mask)
            .and_then(|d| d.drop("_order"))
            .map_err(table(&self.dir))?;
        // Photographed ballots are keyed by their printed id: people's decisions on what the
        // reader left apply here, before anything counts.
        let decisions = review::decisions(&self.dir)?;
        let df = review::apply_decisions(df, &decisions).map_err(table(&self.dir))?;
        Ok(df.lazy())
    }

    /// The stored answer counts of one commune and form ([`counts`]), or `None` when they cannot
    /// stand in for the ballots: some source has submission keys (deduplicated across sources,
    /// which per-source sums cannot do), or has no counts table (imported before they existed),
    /// or one that does not read or lacks an item. The caller then reads the ballots, which
    /// give the same figures: a counts table is derived data, never needed for consistency.
    pub fn counts(
        &self,
        commune: &str,
        form: &str,
        round: &str,
        n_items: usize,
    ) -> Result<Option<Vec<CountGroup>>, StoreError> {
        let sources = self.ballot_sources(commune, form, round);
        if sources.iter().any(|s| s.keyed) {
            return Ok(None);
        }
        let mut out = Vec::new();
        for s in sources {
            let path = self.counts_path(&s.sha256);
            let Ok(file) = std::fs::File::open(&path) else {
                return Ok(None);
            };
            let read = read_small(file).and_then(|df| counts::read_groups(&df, n_items));
            match read {
                Ok(Some(groups)) => out.extend(groups),
                // Unreadable derived data is not worth refusing to score: the ballots say it.
                Ok(None) | Err(_) => return Ok(None),
            }
        }
        Ok(Some(out))
    }

    /// The review queue of one commune, form and round as imported: every item and page the
    /// photo reader left to a person, from the sources in force, with their files; decided or
    /// not (see [`Workspace::decisions`]).
    pub fn review_rows(
        &self,
        commune: &str,
        form: &str,
        round: &str,
    ) -> Result<Vec<review::QueueRow>, StoreError> {
        let mut out = Vec::new();
        for s in self.sources_of(commune, form, round) {
            for row in review::read_rows(&self.dir, &s.sha256)? {
                out.push(review::QueueRow {
                    file: s.file_name.clone(),
                    sha256: s.sha256.clone(),
                    row,
                });
            }
        }
        Ok(out)
    }

    /// The decisions people recorded on the review queue.
    pub fn decisions(&self) -> Result<Vec<review::Decision>, StoreError> {
        review::decisions(&self.dir)
    }

    /// Records decisions on the review queue (each replaces an earlier one for the same ballot
    /// and item). The caller holds the writer's lock.
    pub fn record_decisions(
        &self,
        writer: &WriteGuard,
        new: &[review::Decision],
    ) -> Result<(), StoreError> {
        review::record(&self.dir, writer, new, &[])
    }

    /// Records that a page's id was typed (and the page read again as that ballot). The
    /// caller holds the writer's lock.
    pub fn record_page(
        &self,
        writer: &WriteGuard,
        page: review::PageDecision,
    ) -> Result<(), StoreError> {
        review::record(&self.dir, writer, &[], &[page])
    }

    /// The item decisions and the pages whose ids people typed (one read of `review.json`).
    pub fn all_decisions(
        &self,
    ) -> Result<(Vec<review::Decision>, Vec<review::PageDecision>), StoreError> {
        review::all_decisions(&self.dir)
    }

    /// Whether any source of the commune and form has ballots (not only tallies).
    pub fn has_ballots(&self, commune: &str, form: &str, round: &str) -> bool {
        self.sources_of(commune, form, round)
            .iter()
            .any(|s| s.ballots > 0)
    }

    /// The area tallies of one commune and form.
    pub fn tallies(
        &self,
        commune: &str,
        form: &str,
        round: &str,
        n_items: usize,
    ) -> Result<Vec<TallyRow>, StoreError> {
        let mut out = Vec::new();
        for s in self
            .sources_of(commune, form, round)
            .iter()
            .filter(|s| s.tallies > 0)
        {
            let path = self.tallies_path(&s.sha256);
            let file = std::fs::File::open(&path).map_err(io(&path))?;
            let df = read_small(file).map_err(table(&path))?;
            let u32s = |name: &str| -> Result<Vec<Option<u32>>, StoreError> {
                Ok(df
                    .column(name)
                    .and_then(|c| c.u32().cloned())
                    .map_err(table(&path))?
                    .iter()
                    .collect())
            };
            let area: Vec<String> = df
                .column("area")
                .and_then(|c| c.str().cloned())
                .map_err(table(&path))?
                .iter()
                .map(|s| s.unwrap_or_default().to_string())
                .collect();
            let (returned, issued, other, row) = (
                u32s("returned")?,
                u32s("issued")?,
                u32s("other_opinions")?,
                u32s("row")?,
            );
            let mut items = Vec::new();
            for i in 1..=n_items {
                items.push((u32s(&format!("s{i}"))?, u32s(&format!("d{i}"))?));
            }
            for k in 0..df.height() {
                out.push(TallyRow {
                    area: area[k].clone(),
                    returned: returned[k].unwrap_or(0),
                    issued: issued[k],
                    items: items
                        .iter()
                        .map(|(s, d)| ItemTally {
                            satisfied: s[k].unwrap_or(0),
                            dissatisfied: d[k].unwrap_or(0),
                        })
                        .collect(),
                    other_opinions: other[k],
                    provenance: Provenance {
                        sheet: String::new(),
                        row: row[k].unwrap_or(0),
                    },
                });
            }
        }
        Ok(out)
    }

    /// Every commune's register (merged over all its sources), for files that bring none.
    pub fn all_registers(
        &self,
    ) -> Result<std::collections::HashMap<String, Vec<RegisterArea>>, StoreError> {
        let mut out = std::collections::HashMap::new();
        let communes: std::collections::BTreeSet<&str> = self
            .manifest
            .sources
            .iter()
            .map(|s| s.commune.as_str())
            .collect();
        for c in communes {
            let sources: Vec<&SourceEntry> = self
                .manifest
                .sources
                .iter()
                .filter(|s| s.commune == c)
                .collect();
            let areas = self.merge_registers(&sources)?;
            if !areas.is_empty() {
                out.insert(c.to_string(), areas);
            }
        }
        Ok(out)
    }

    /// The register of one commune and form: its sources' registers first, then the commune's
    /// other sources (a file without a register relies on an earlier one). First listing wins.
    pub fn register(
        &self,
        commune: &str,
        form: &str,
        round: &str,
    ) -> Result<Vec<RegisterArea>, StoreError> {
        let mut sources = self.sources_of(commune, form, round);
        sources.extend(
            self.manifest
                .sources
                .iter()
                .filter(|s| s.commune == commune && s.form != form),
        );
        self.merge_registers(&sources)
    }

    fn merge_registers(&self, sources: &[&SourceEntry]) -> Result<Vec<RegisterArea>, StoreError> {
        let mut out: Vec<RegisterArea> = Vec::new();
        for s in sources {
            let path = self.register_path(&s.sha256);
            let file = std::fs::File::open(&path).map_err(io(&path))?;
            let df = read_small(file).map_err(table(&path))?;
            let area = df
                .column("area")
                .and_then(|c| c.str().cloned())
                .map_err(table(&path))?;
            let hh = df
                .column("households")
                .and_then(|c| c.u32().cloned())
                .map_err(table(&path))?;
            let issued = df
                .column("forms_issued")
                .and_then(|c| c.u32().cloned())
                .map_err(table(&path))?;
            for i in 0..df.height() {
                let name = area.get(i).unwrap_or_default().to_string();
                if out.iter().any(|a| a.area == name) {
                    continue;
                }
                out.push(RegisterArea {
                    area: name,
                    households: hh.get(i).unwrap_or(0),
                    forms_issued: issued.get(i),
                });
            }
        }
        Ok(out)
    }
}

/// Reads a table of a few dozen rows (a register, tallies, counts) on the calling thread: for
/// so little data, handing columns to the thread pool cost more than decoding them
/// (`score --all` spent most of its system time in `sched_yield`).
fn read_small(file: std::fs::File) -> PolarsResult<DataFrame> {
    ParquetReader::new(file)
        .read_parallel(ParallelStrategy::None)
        .finish()
}

/// Writes a batch's tables into `dir`'s table directories, named by the source's hash (a
/// staging directory: see [`Staging`]). Returns the files written, not yet synced: the caller
/// makes them durable before any manifest names them ([`Staging::publish`]).
fn write_tables_into(
    dir: &Path,
    batch: &SurveyBatch,
    sha: &str,
) -> Result<Vec<(PathBuf, std::fs::File)>, StoreError> {
    fail_point("tables")?;
    let named = |sub: &str| dir.join(sub).join(format!("{sha}.parquet"));
    let mut written = Vec::new();
    if !batch.ballots.is_empty() {
        written.extend(write_parquet(
            &mut ballots_frame(batch, sha).map_err(table(dir))?,
            named("ballots"),
        )?);
        // Counts are written only for ballots (a tally file's tallies are its counts).
        let groups = counts::count_groups(batch);
        written.extend(write_parquet(
            &mut counts::counts_frame(batch, &groups).map_err(table(dir))?,
            named("counts"),
        )?);
    }
    written.extend(write_parquet(
        &mut register_frame(batch).map_err(table(dir))?,
        named("registers"),
    )?);
    if !batch.tallies.is_empty() {
        written.extend(write_parquet(
            &mut tallies_frame(batch, sha).map_err(table(dir))?,
            named("tallies"),
        )?);
    }
    if !batch.review.is_empty() {
        written.extend(write_parquet(
            &mut review::review_frame(batch).map_err(table(dir))?,
            named(review::REVIEW),
        )?);
    }
    Ok(written)
}

/// Makes a rename in `dir` durable (a no-op where directories cannot be opened).
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_unsynced(path, bytes)?.sync_all().map_err(io(path))
}

/// Creates `path` with `bytes`, leaving nothing behind if the disk refuses them. The file is
/// returned open so that it can be synced later (or elsewhere).
fn write_unsynced(path: &Path, bytes: &[u8]) -> Result<std::fs::File, StoreError> {
    use std::io::Write;
    let mut f = std::fs::File::create(path).map_err(io(path))?;
    if let Err(e) = f.write_all(bytes) {
        // A full disk leaves no half table behind to block the next import.
        drop(f);
        let _ = std::fs::remove_file(path);
        return Err(io(path)(e));
    }
    Ok(f)
}

/// Writes a table to `path` in a staging directory, unless it is already there; returns the
/// file written, not yet synced.
///
/// Straight to its final name, without a temporary file and a rename: a staging directory is
/// its import's own and nothing reads it before [`Staging::publish`], which happens only once
/// every table is written and synced; a kill mid-write leaves a directory the next commit
/// removes. (A temporary file and a rename per table were an extra metadata operation each.)
fn write_parquet(
    df: &mut DataFrame,
    path: PathBuf,
) -> Result<Option<(PathBuf, std::fs::File)>, StoreError> {
    if path.exists() {
        // Content-addressed: the same hash means the same table (one import given the same
        // file twice).
        return Ok(None);
    }
    // Encoded in memory first (a source's table is a few MB at most), then written in one
    // call: the Parquet writer's many small writes cost a system call each when unbuffered
    // (17 % of an import's time, measured), and a full disk then surfaces as the system's own
    // error rather than inside the encoder's message. Columns are encoded on the calling
    // thread: it is the import's one writer thread, the readers keep both cores busy, and
    // handing a table of a few thousand rows to polars' pool only made threads wait for each
    // other.
    //
    // Uncompressed, every table: Parquet's dictionary and run-length encodings already make
    // them small (the ballots of 75 communes: 1,8 MB against 1,5 MB with zstd), while zstd
    // set up a compression context for every column of every table — 4 % of an import's CPU
    // (perf) — and a decoder for every column read back, which was 44 % of `score --all` when
    // the counts were compressed.
    let mut bytes = Vec::new();
    ParquetWriter::new(&mut bytes)
        .with_compression(ParquetCompression::Uncompressed)
        .set_parallel(false)
        .finish(df)
        .map_err(table(&path))?;
    let file = write_unsynced(&path, &bytes)?;
    Ok(Some((path, file)))
}

/// `commune`, `form`, `round`, `area`: the columns every row of a source's tables starts with.
fn key_columns<'a>(
    batch: &SurveyBatch,
    areas: impl ExactSizeIterator<Item = &'a str>,
) -> Vec<Column> {
    let n = areas.len();
    vec![
        Column::new("commune".into(), vec![batch.commune.as_str(); n]),
        Column::new("form".into(), vec![batch.form.as_str(); n]),
        Column::new("round".into(), vec![batch.round.as_str(); n]),
        Column::new("area".into(), areas.collect::<Vec<_>>()),
    ]
}

/// `source_sha256`, `sheet`, `row`: where each row was read.
fn provenance_columns<'a>(
    sha: &str,
    rows: impl Iterator<Item = &'a Provenance> + Clone,
) -> Vec<Column> {
    let sheets: Vec<&str> = rows.clone().map(|p| p.sheet.as_str()).collect();
    let n = sheets.len();
    vec![
        Column::new("source_sha256".into(), vec![sha; n]),
        Column::new("sheet".into(), sheets),
        Column::new("row".into(), rows.map(|p| p.row).collect::<Vec<u32>>()),
    ]
}

fn ballots_frame(batch: &SurveyBatch, sha: &str) -> PolarsResult<DataFrame> {
    let b = &batch.ballots;
    let n = b.len();
    let n_items = b.first().map(|x| x.answers.len()).unwrap_or(0);
    let mut cols = key_columns(batch, b.iter().map(|x| x.area.as_str()));
    cols.push(Column::new(
        "form_no".into(),
        b.iter().map(|x| x.form_no.as_deref()).collect::<Vec<_>>(),
    ));
    for i in 0..n_items {
        let v: Vec<u8> = b.iter().map(|x| x.answers[i].code()).collect();
        cols.push(Column::new(item_column(i + 1).into(), v));
    }
    cols.push(Column::new(
        "reason".into(),
        b.iter().map(|x| x.reason.as_deref()).collect::<Vec<_>>(),
    ));
    cols.push(Column::new(
        "other_opinion".into(),
        b.iter()
            .map(|x| x.other_opinion.as_deref())
            .collect::<Vec<_>>(),
    ));
    cols.push(Column::new(
        "marked_invalid".into(),
        b.iter()
            .map(|x| x.marked_invalid.as_deref())
            .collect::<Vec<_>>(),
    ));
    cols.extend(provenance_columns(sha, b.iter().map(|x| &x.provenance)));
    let sub = |x: &crate::model::Ballot| x.submission.clone();
    cols.push(Column::new(
        "submission_id".into(),
        b.iter()
            .map(|x| sub(x).map(|s| s.id))
            .collect::<Vec<Option<String>>>(),
    ));
    cols.push(Column::new(
        "submitted_at".into(),
        b.iter()
            .map(|x| sub(x).and_then(|s| s.submitted_at))
            .collect::<Vec<Option<String>>>(),
    ));
    cols.push(Column::new(
        "revision".into(),
        b.iter()
            .map(|x| sub(x).map(|s| s.revision))
            .collect::<Vec<Option<u32>>>(),
    ));
    cols.push(Column::new(
        "counted".into(),
        b.iter().map(|x| x.counted()).collect::<Vec<bool>>(),
    ));
    DataFrame::new(n, cols)
}

/// The columns a ballots table has for submission keys (absent from tables written before
/// them, where they read as null, and `counted` as true).
fn submission_schema() -> [(&'static str, DataType); 4] {
    [
        ("submission_id", DataType::String),
        ("submitted_at", DataType::String),
        ("revision", DataType::UInt32),
        ("counted", DataType::Boolean),
    ]
}

/// Which rows to keep: every form without a key, and of each key the latest version (most
/// edits, then latest `submitted_at`, then later import, then later row), if it is counted.
fn latest_submissions(df: &DataFrame) -> PolarsResult<BooleanChunked> {
    let ids = df.column("submission_id")?.str()?.clone();
    let times = df.column("submitted_at")?.str()?.clone();
    let revs = df.column("revision")?.u32()?.clone();
    let counted = df.column("counted")?.bool()?.clone();
    let order = df.column("_order")?.u32()?.clone();
    let mut best: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let rank = |i: usize| {
        (
            revs.get(i).unwrap_or(0),
            times.get(i).unwrap_or(""),
            order.get(i).unwrap_or(0),
            i,
        )
    };
    for i in 0..df.height() {
        if let Some(id) = ids.get(i) {
            let e = best.entry(id).or_insert(i);
            if rank(i) > rank(*e) {
                *e = i;
            }
        }
    }
    Ok((0..df.height())
        .map(|i| {
            let latest = ids.get(i).is_none_or(|id| best.get(id) == Some(&i));
            latest && counted.get(i).unwrap_or(true)
        })
        .collect())
}

fn tallies_frame(batch: &SurveyBatch, sha: &str) -> PolarsResult<DataFrame> {
    let t = &batch.tallies;
    let n = t.len();
    let n_items = t.first().map(|x| x.items.len()).unwrap_or(0);
    let mut cols = key_columns(batch, t.iter().map(|x| x.area.as_str()));
    cols.push(Column::new(
        "returned".into(),
        t.iter().map(|x| x.returned).collect::<Vec<u32>>(),
    ));
    cols.push(Column::new(
        "issued".into(),
        t.iter().map(|x| x.issued).collect::<Vec<Option<u32>>>(),
    ));
    for i in 0..n_items {
        cols.push(Column::new(
            format!("s{}", i + 1).into(),
            t.iter().map(|x| x.items[i].satisfied).collect::<Vec<u32>>(),
        ));
        cols.push(Column::new(
            format!("d{}", i + 1).into(),
            t.iter()
                .map(|x| x.items[i].dissatisfied)
                .collect::<Vec<u32>>(),
        ));
    }
    cols.push(Column::new(
        "other_opinions".into(),
        t.iter()
            .map(|x| x.other_opinions)
            .collect::<Vec<Option<u32>>>(),
    ));
    cols.extend(provenance_columns(sha, t.iter().map(|x| &x.provenance)));
    DataFrame::new(n, cols)
}

fn register_frame(batch: &SurveyBatch) -> PolarsResult<DataFrame> {
    let r = &batch.register;
    DataFrame::new(
        r.len(),
        vec![
            Column::new("commune".into(), vec![batch.commune.as_str(); r.len()]),
            Column::new(
                "area".into(),
                r.iter().map(|a| a.area.as_str()).collect::<Vec<_>>(),
            ),
            Column::new(
                "households".into(),
                r.iter().map(|a| a.households).collect::<Vec<u32>>(),
            ),
            Column::new(
                "forms_issued".into(),
                r.iter()
                    .map(|a| a.forms_issued)
                    .collect::<Vec<Option<u32>>>(),
            ),
        ],
    )
}

/// Current UTC time as ISO 8601 (`2026-11-22T06:01:00Z`), without a date library.
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    crate::text::iso_utc(secs)
}
