//! The repair use case: bring an inconsistent workspace back to the last consistent state it
//! can prove, under the writer's lock, and say what was dropped.

use super::AppError;
use crate::store::{Repair, Wait, Workspace};
use std::path::Path;

/// Repairs the workspace at `data`, waiting for a running import (told through `on_wait`), or
/// with `no_wait` refusing it. Reads every table's footer, not only its presence.
pub fn repair(data: &Path, no_wait: bool, on_wait: &(dyn Fn() + Sync)) -> Result<Repair, AppError> {
    let wait = if no_wait {
        Wait::No
    } else {
        Wait::Block(on_wait)
    };
    if !data.join(crate::store::MANIFEST).exists()
        && !data.join(crate::store::MANIFEST_PREV).exists()
    {
        return Err(AppError::NotAWorkspace {
            dir: data.display().to_string(),
        });
    }
    let mut ws = Workspace::open(data)?;
    let guard = ws.lock_writer(wait)?;
    Ok(ws.reload(&guard, true)?)
}
