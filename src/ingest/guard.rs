//! A panic inside calamine becomes a refused file, not a crashed import.
//!
//! calamine indexes into its buffers without checking on some corrupt inputs (a truncated .xls
//! compound file panics in `cfb::Sectors::get`). hailong must not panic on any input, and one
//! bad file must not end a folder import, so every call into calamine runs under
//! [`contained`]: a panic there is caught and reported as an unreadable file. While a reader
//! runs, the panic hook stays quiet on that thread (its message becomes the report's detail);
//! anywhere else, panics are printed as usual.

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

thread_local! {
    static INSIDE: Cell<bool> = const { Cell::new(false) };
    static MESSAGE: RefCell<String> = const { RefCell::new(String::new()) };
}

fn install_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if INSIDE.with(Cell::get) {
                // "calamine-0.38.0/src/cfb.rs:320": which crate, without the machine's paths.
                let place = info
                    .location()
                    .map(|l| {
                        // From the crate's folder: ".../calamine-0.38.0/src/xlsb/mod.rs".
                        let path = l.file();
                        let start = path
                            .rfind("/src/")
                            .and_then(|i| path[..i].rfind('/'))
                            .map_or(0, |i| i + 1);
                        format!(" ({}:{})", &path[start..], l.line())
                    })
                    .unwrap_or_default();
                let what = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                MESSAGE.with(|m| *m.borrow_mut() = format!("{what}{place}"));
            } else {
                default(info);
            }
        }));
    });
}

/// Runs `read` (a call into calamine); a panic in it is returned as its message.
pub fn contained<T>(read: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    let was = INSIDE.with(|i| i.replace(true));
    let out = catch_unwind(AssertUnwindSafe(read));
    INSIDE.with(|i| i.set(was));
    out.map_err(|_| MESSAGE.with(|m| std::mem::take(&mut *m.borrow_mut())))
}
