//! Uploads waiting for "Lưu": the files an officer sent, read and planned as the import would
//! (nothing stored), kept in the server's memory under a random id until the officer stores or
//! cancels them, so that the reading shown is the reading stored, and the errors workbook can be
//! downloaded without choosing the files again.
//!
//! Nothing of a pending upload touches the workspace, or the disk: the workspace changes only
//! when "Lưu" runs the import on the same bytes. Pending uploads are bounded in bytes (the oldest
//! goes first) and expire after [`KEPT_FOR`]; a server restart forgets them, and the page then
//! asks for the files again. An upload is kept with the id of whoever sent it (see
//! [`super::owner`]), and only they can see, store or cancel it.

use crate::app::import::{ImportSummary, Input, MappingInput};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long an upload waits for "Lưu".
pub const KEPT_FOR: Duration = Duration::from_secs(2 * 3600);

/// Most uploads kept at once.
const MOST: usize = 64;

/// One upload: its files, the choices sent with them, its reading, and what storing it did.
pub struct Pending {
    /// Its id, in the page's address.
    pub id: String,
    /// Who sent it.
    pub owner: String,
    created: Instant,
    /// The files as sent (emptied once stored).
    pub files: Vec<Input>,
    /// The column mapping sent with them.
    pub mapping: Option<MappingInput>,
    /// The survey round typed.
    pub round: String,
    /// The reading: the import run without storing, planned against the workspace.
    pub reading: ImportSummary,
    /// The import's report once "Lưu" stored it.
    pub stored: Option<ImportSummary>,
}

impl Pending {
    /// A new upload, read.
    pub fn new(
        owner: String,
        files: Vec<Input>,
        mapping: Option<MappingInput>,
        round: String,
        reading: ImportSummary,
    ) -> Pending {
        Pending {
            id: new_id(),
            owner,
            created: Instant::now(),
            files,
            mapping,
            round,
            reading,
            stored: None,
        }
    }

    fn bytes(&self) -> u64 {
        self.files
            .iter()
            .map(|f| match f {
                Input::Bytes { bytes, .. } => bytes.len() as u64,
                Input::Path(_) => 0,
            })
            .sum()
    }
}

/// A random id: 128 bits from the system's generator, in hex.
fn new_id() -> String {
    let mut b = [0u8; 16];
    if getrandom::fill(&mut b).is_err() {
        // No system generator: a time-derived id, still unguessable enough for a local page
        // and never shared between owners (pages check the owner too).
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        b = t.to_le_bytes();
    }
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Whether `id` can be one of ours (checked before any lookup).
pub fn valid_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

/// One upload as the list keeps it: what eviction and lookups need, outside the upload's own
/// lock (held while it is being stored).
struct Slot {
    id: String,
    owner: String,
    created: Instant,
    bytes: AtomicU64,
    pending: Arc<Mutex<Pending>>,
}

/// The uploads waiting, bounded in bytes.
pub struct Uploads {
    slots: Mutex<Vec<Arc<Slot>>>,
    most_bytes: u64,
}

impl Uploads {
    /// At most `most_bytes` of files kept at once.
    pub fn new(most_bytes: u64) -> Uploads {
        Uploads {
            slots: Mutex::new(Vec::new()),
            most_bytes,
        }
    }

    /// Keeps `p`, dropping expired uploads and the oldest ones while there is no room; returns
    /// its id.
    pub fn keep(&self, p: Pending) -> String {
        let slot = Arc::new(Slot {
            id: p.id.clone(),
            owner: p.owner.clone(),
            created: p.created,
            bytes: AtomicU64::new(p.bytes()),
            pending: Arc::new(Mutex::new(p)),
        });
        let id = slot.id.clone();
        let Ok(mut list) = self.slots.lock() else {
            return id;
        };
        list.retain(|s| s.created.elapsed() < KEPT_FOR);
        let size = slot.bytes.load(Ordering::Relaxed);
        let held = |list: &Vec<Arc<Slot>>| -> u64 {
            list.iter().map(|s| s.bytes.load(Ordering::Relaxed)).sum()
        };
        while !list.is_empty() && (list.len() >= MOST || held(&list) + size > self.most_bytes) {
            list.remove(0);
        }
        list.push(slot);
        id
    }

    /// The upload `id` of `owner`, if it is still kept.
    pub fn get(&self, id: &str, owner: &str) -> Option<Arc<Mutex<Pending>>> {
        let list = self.slots.lock().ok()?;
        list.iter()
            .find(|s| s.id == id && s.owner == owner && s.created.elapsed() < KEPT_FOR)
            .map(|s| s.pending.clone())
    }

    /// Says that the upload `id` no longer holds its files (stored: only its reports remain).
    pub fn emptied(&self, id: &str) {
        if let Ok(list) = self.slots.lock()
            && let Some(s) = list.iter().find(|s| s.id == id)
        {
            s.bytes.store(0, Ordering::Relaxed);
        }
    }

    /// Forgets the upload `id` of `owner`.
    pub fn forget(&self, id: &str, owner: &str) {
        if let Ok(mut list) = self.slots.lock() {
            list.retain(|s| !(s.id == id && s.owner == owner));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary() -> ImportSummary {
        ImportSummary {
            files: Vec::new(),
            rows_read: 0,
            accepted: 0,
            rejected: 0,
            duplicates: 0,
            not_counted: 0,
            exit_code: 0,
            repair: None,
            interrupted: false,
        }
    }

    fn pending(owner: &str, size: usize) -> Pending {
        let files = vec![Input::Bytes {
            name: "a.xlsx".into(),
            bytes: vec![0; size],
        }];
        Pending::new(owner.into(), files, None, String::new(), summary())
    }

    #[test]
    fn kept_for_its_owner_only_and_the_oldest_goes_when_full() {
        let u = Uploads::new(100);
        let a = u.keep(pending("", 60));
        assert!(valid_id(&a));
        assert!(u.get(&a, "").is_some());
        assert!(u.get(&a, "someone else").is_none());
        let b = u.keep(pending("", 60));
        assert!(u.get(&a, "").is_none(), "no room for both");
        assert!(u.get(&b, "").is_some());
        u.forget(&b, "");
        assert!(u.get(&b, "").is_none());
        assert!(!valid_id("../x"));
    }
}
