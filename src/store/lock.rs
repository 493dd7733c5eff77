//! Who may touch the workspace at the same time: one writer, any number of readers.
//!
//! Two lock files, both OS advisory locks (`flock` on Unix, `LockFileEx` on Windows) that the
//! operating system releases when the process dies, as SQLite and git rely on:
//!
//! - `writer.lock`, held exclusively by an import from the moment it reads the manifest it will
//!   change until its commit is done. A second import waits (or, with `--no-wait`, fails at
//!   once); two imports can therefore never lose each other's commits.
//! - `readers.lock`, held *shared* by every command that reads tables (score, export, check, the
//!   web page), and taken *exclusively, without waiting* by the writer's garbage collection.
//!   Readers never wait for an import; an import never deletes a table a reader may still open
//!   (it leaves the garbage for the next commit instead).
//!
//! This module must not know what a manifest or a table is: it only hands out guards.

use super::StoreError;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// File name of the writers' lock, in the workspace directory.
pub const WRITER_LOCK: &str = "writer.lock";
/// File name of the readers' lock, in the workspace directory.
pub const READERS_LOCK: &str = "readers.lock";

/// How a writer behaves when another process holds the workspace.
pub enum Wait<'a> {
    /// Wait for it; the callback is told once, before waiting, so the user knows why nothing
    /// happens.
    Block(&'a dyn Fn()),
    /// Fail at once with [`StoreError::Busy`].
    No,
}

/// The exclusive right to change the workspace; released when dropped or when the process
/// ends, however it ends.
#[derive(Debug)]
pub struct WriteGuard {
    _file: File,
    dir: PathBuf,
}

impl WriteGuard {
    /// The workspace this guard holds.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// A shared hold on the workspace's tables: while any exists, garbage collection deletes nothing.
#[derive(Debug)]
pub struct ReadGuard {
    _file: File,
}

fn open_lock_file(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

/// Takes the writer's lock of the workspace at `dir` (which must exist).
pub fn lock_writer(dir: &Path, wait: Wait) -> Result<WriteGuard, StoreError> {
    let path = dir.join(WRITER_LOCK);
    let file = open_lock_file(&path).map_err(super::io(&path))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => match wait {
            Wait::No => {
                return Err(StoreError::Busy {
                    path: dir.display().to_string(),
                });
            }
            Wait::Block(tell) => {
                tell();
                file.lock().map_err(super::io(&path))?;
            }
        },
        Err(TryLockError::Error(e)) => return Err(super::io(&path)(e)),
    }
    Ok(WriteGuard {
        _file: file,
        dir: dir.to_path_buf(),
    })
}

/// Takes a shared hold on the tables of the workspace at `dir`, waiting only while a garbage
/// collection deletes files (milliseconds). `None` when the lock file cannot be created (a
/// read-only copy of a workspace, where nobody can delete anything anyway).
pub fn lock_readers(dir: &Path) -> Option<ReadGuard> {
    let path = dir.join(READERS_LOCK);
    let file = open_lock_file(&path).or_else(|_| File::open(&path)).ok()?;
    file.lock_shared().ok()?;
    Some(ReadGuard { _file: file })
}

/// Runs `collect` only if no reader holds the tables, holding them exclusively meanwhile.
/// Returns whether it ran: when readers are active the garbage simply waits for a later commit.
pub fn with_no_readers(writer: &WriteGuard, collect: impl FnOnce()) -> bool {
    let path = writer.dir.join(READERS_LOCK);
    let Ok(file) = open_lock_file(&path) else {
        return false;
    };
    if file.try_lock().is_err() {
        return false;
    }
    collect();
    true
}

/// A lock that marks a directory as owned by a living process (a staging directory); another
/// process can tell a dead owner's leftovers by taking it.
#[derive(Debug)]
pub struct OwnerMark {
    _file: File,
}

/// File name of a staging directory's owner mark.
pub const OWNER_MARK: &str = "owner.lock";

/// Marks `dir` as owned by this process until the mark is dropped.
pub fn mark_owner(dir: &Path) -> Result<OwnerMark, StoreError> {
    let path = dir.join(OWNER_MARK);
    let file = open_lock_file(&path).map_err(super::io(&path))?;
    file.try_lock().map_err(|e| match e {
        TryLockError::WouldBlock => StoreError::Busy {
            path: dir.display().to_string(),
        },
        TryLockError::Error(e) => super::io(&path)(e),
    })?;
    Ok(OwnerMark { _file: file })
}

/// Whether the process that marked `dir` has ended (its mark is free, or there is none).
pub fn owner_is_gone(dir: &Path) -> bool {
    let path = dir.join(OWNER_MARK);
    match OpenOptions::new().read(true).write(true).open(&path) {
        Ok(f) => f.try_lock().is_ok(),
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    }
}
