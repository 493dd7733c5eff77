//! The repair use case: bring an inconsistent workspace back to the last consistent state it
//! can prove, under the writer's lock, and say what was dropped.

use super::AppError;
use crate::store::{Repair, Wait, Workspace};
use std::path::Path;

/// Repairs the workspace at `data` (waiting for, or with `wait = Wait::No` refusing, a running
/// import). Reads every table's footer, not only its presence.
pub fn repair(data: &Path, wait: Wait) -> Result<Repair, AppError> {
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
