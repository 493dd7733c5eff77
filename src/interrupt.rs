//! Ctrl-C as a request, not a kill: long operations ask [`requested`] at safe points and stop
//! there, so the workspace is never left between two states by the user's hand.
//!
//! The front-end installs the handler ([`install`]); this module must not print or decide what
//! a stop means for any operation.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The exit code of a run stopped by Ctrl-C (the shell's convention: 128 + SIGINT).
pub const EXIT_CODE: u8 = 130;

static REQUESTED: AtomicBool = AtomicBool::new(false);
static PRESSES: AtomicUsize = AtomicUsize::new(0);

/// Whether the user asked to stop.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// Installs the Ctrl-C (and termination) handler: the first press asks the running operation
/// to stop at its next safe point and calls `first`; a second press ends the process at once
/// (an import's atomic commit still leaves the last good state).
pub fn install(first: impl Fn() + Send + 'static) {
    let _ = ctrlc::set_handler(move || {
        REQUESTED.store(true, Ordering::SeqCst);
        if PRESSES.fetch_add(1, Ordering::SeqCst) == 0 {
            first();
        } else {
            std::process::exit(i32::from(EXIT_CODE));
        }
    });
}
