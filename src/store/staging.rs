//! Where an import writes its tables before it may change the workspace.
//!
//! Reading and converting files is the long part of an import and runs without the writer's
//! lock, so tables are written into a directory of their own, `staging/<process>-<time>/`,
//! marked as owned by the living process. Under the writer's lock, [`Staging::publish`] moves
//! them into `ballots/`, `registers/` and `tallies/` just before the manifest names them. A
//! staging directory disappears with its import, whether it succeeds or fails; one left by a
//! killed process is removed by the next commit, which can tell its owner is gone. Nothing here
//! decides what is in force: that is the manifest's job.
//!
//! Tables are made durable by a thread of their own while the import goes on reading (a
//! `fsync` waits on the disk, and the writer used to wait with it, once per table), and
//! [`Staging::publish`] waits for all of them before it moves any: the data is on disk before
//! the manifest that names it.

use super::lock::{OwnerMark, WriteGuard, mark_owner};
use super::{StoreError, TABLE_DIRS, io};
use crate::model::SurveyBatch;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc::{Sender, channel};
use std::thread::JoinHandle;

/// Directory of the staging areas, in the workspace.
pub const STAGING: &str = "staging";

/// An import's private directory of tables not yet in force.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    workspace: PathBuf,
    mark: Option<OwnerMark>,
    /// The thread syncing the tables written so far (started with the first table).
    syncer: Mutex<Option<Syncer>>,
}

/// Syncs the files it is sent, in order, until the sender is dropped; returns the first error.
#[derive(Debug)]
struct Syncer {
    files: Sender<(PathBuf, File)>,
    done: JoinHandle<Result<(), StoreError>>,
}

impl Syncer {
    fn start() -> Syncer {
        let (files, rx) = channel::<(PathBuf, File)>();
        let done = std::thread::spawn(move || {
            for (path, file) in rx {
                file.sync_all().map_err(io(&path))?;
            }
            Ok(())
        });
        Syncer { files, done }
    }

    /// Waits until every file sent is synced.
    fn finish(self) -> Result<(), StoreError> {
        drop(self.files);
        self.done.join().unwrap_or_else(|_| {
            Err(StoreError::Io {
                path: "fsync".into(),
                message: "syncing thread".into(),
            })
        })
    }
}

impl Staging {
    /// Creates a staging directory in the workspace at `workspace` (which must exist).
    pub fn create(workspace: &Path) -> Result<Staging, StoreError> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let dir = workspace
            .join(STAGING)
            .join(format!("{}-{nanos}", std::process::id()));
        for sub in TABLE_DIRS {
            std::fs::create_dir_all(dir.join(sub)).map_err(io(&dir))?;
        }
        let mark = mark_owner(&dir)?;
        Ok(Staging {
            dir,
            workspace: workspace.to_path_buf(),
            mark: Some(mark),
            syncer: Mutex::new(None),
        })
    }

    /// The staging directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes a batch's tables here (safe to call from several threads for different files).
    /// They are synced in the background; [`Staging::publish`] waits for that.
    pub fn write_tables(&self, batch: &SurveyBatch, sha: &str) -> Result<(), StoreError> {
        let written = super::write_tables_into(&self.dir, batch, sha)?;
        let mut syncer = self.syncer.lock().unwrap_or_else(|e| e.into_inner());
        let syncer = syncer.get_or_insert_with(Syncer::start);
        for (path, file) in written {
            if let Err(std::sync::mpsc::SendError((path, file))) = syncer.files.send((path, file)) {
                // The thread stopped on an error, which `publish` reports; this file is
                // synced here so that nothing written goes unsynced.
                file.sync_all().map_err(io(&path))?;
            }
        }
        Ok(())
    }

    /// Writes the table of a file of answers to a survey pack here, synced in the background.
    pub fn write_pack(
        &self,
        sha: &str,
        items: &[String],
        rows: &[super::packs::PackRow],
    ) -> Result<(), StoreError> {
        let written = super::packs::write_into(&self.dir, sha, items, rows)?;
        let mut syncer = self.syncer.lock().unwrap_or_else(|e| e.into_inner());
        let syncer = syncer.get_or_insert_with(Syncer::start);
        if let Some((path, file)) = written
            && let Err(std::sync::mpsc::SendError((path, file))) = syncer.files.send((path, file))
        {
            file.sync_all().map_err(io(&path))?;
        }
        Ok(())
    }

    /// Waits until every table written here is on disk (the first failure is returned).
    fn sync_written(&self) -> Result<(), StoreError> {
        let syncer = self.syncer.lock().unwrap_or_else(|e| e.into_inner()).take();
        syncer.map_or(Ok(()), Syncer::finish)
    }

    /// Moves the tables of the sources `shas` into the workspace (under its writer's lock),
    /// once every table written here is synced, and makes the moves durable: the manifest
    /// that names them comes after. A table already there is the same table (named by its
    /// content) and is left as it is.
    pub fn publish(&self, writer: &WriteGuard, shas: &[&str]) -> Result<(), StoreError> {
        debug_assert_eq!(writer.dir(), self.workspace);
        self.sync_written()?;
        for sha in shas {
            for sub in TABLE_DIRS {
                let name = format!("{sha}.parquet");
                let from = self.dir.join(sub).join(&name);
                if !from.exists() {
                    continue;
                }
                let to = self.workspace.join(sub).join(&name);
                if to.exists() {
                    continue;
                }
                super::fail_point("publish")?;
                std::fs::rename(&from, &to).map_err(io(&to))?;
            }
        }
        for sub in TABLE_DIRS {
            super::sync_dir(&self.workspace.join(sub));
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // The mark first: on Windows a locked file cannot be removed.
        self.mark.take();
        // The syncing thread holds files of the directory open: it ends first.
        let _ = self.sync_written();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Removes the staging directories of processes that have ended (under the writer's lock, so no
/// living import can be mid-publish). A directory younger than a minute without a mark is left:
/// its owner may be between creating it and marking it.
pub fn remove_abandoned(_writer: &WriteGuard, workspace: &Path) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    let Ok(entries) = std::fs::read_dir(workspace.join(STAGING)) else {
        return removed;
    };
    for e in entries.flatten() {
        let path = e.path();
        let marked = path.join(super::lock::OWNER_MARK).exists();
        let young = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_none_or(|age| age.as_secs() < 60);
        if (!marked && young) || !super::lock::owner_is_gone(&path) {
            continue;
        }
        if std::fs::remove_dir_all(&path).is_ok() {
            removed.push(path);
        }
    }
    removed
}
