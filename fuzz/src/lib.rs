//! What every fuzz target shares: the shipped rules and gazetteer, built once per process, and
//! one call that reads bytes exactly as `hailong check` reads a file of the given name.

use hailong::i18n::Lang;
use hailong::ingest::mapping::Mapping;
use hailong::ingest::{ReadOptions, read_loaded};
use hailong::rules::Library;
use hailong::rules::gazetteer::Gazetteer;
use std::collections::HashMap;
use std::sync::OnceLock;

struct Shipped {
    lib: Library,
    gazetteer: Gazetteer,
    registers: HashMap<String, Vec<hailong::model::RegisterArea>>,
}

fn shipped() -> &'static Shipped {
    static S: OnceLock<Shipped> = OnceLock::new();
    S.get_or_init(|| Shipped {
        lib: Library::shipped().expect("shipped rules"),
        gazetteer: Gazetteer::son_la(),
        registers: HashMap::new(),
    })
}

/// The shipped library (rule packs, forms, criteria).
pub fn library() -> &'static Library {
    &shipped().lib
}

/// Reads `bytes` as a file called `name` (the extension steers format detection), through the
/// layouts or through `mapping`; the result is dropped: only panics, hangs and memory count.
pub fn read_as(name: &str, bytes: &[u8], mapping: Option<&Mapping>) {
    let s = shipped();
    let opts = ReadOptions {
        lib: &s.lib,
        gazetteer: &s.gazetteer,
        commune: None,
        form: None,
        registers: &s.registers,
        mapping,
    };
    let r = read_loaded(bytes.to_vec(), String::new(), name, opts);
    for p in &r.report.problems {
        // Every message is worded in both languages: one that cannot be is a bug as well.
        let _ = (p.message(Lang::Vi), p.message(Lang::En));
        // hailong turns a panic inside calamine into a refused file (ingest::guard), which
        // hides it from libFuzzer: a contained panic in hailong's own code is still a crash.
        let detail = format!("{:?}", p.kind);
        if let Some(place) = panic_place(&detail)
            && !is_dependency(place)
        {
            panic!("contained panic in hailong: {detail}");
        }
    }
}

/// The "dir/src/file.rs:LINE" that ingest::guard appends to a contained panic's message.
fn panic_place(detail: &str) -> Option<&str> {
    let end = detail.rfind(".rs:")?;
    let start = detail[..end].rfind(" (")? + 2;
    Some(&detail[start..end])
}

/// Whether a place is in a registry crate ("calamine-0.38.0/src/cfb") rather than in hailong
/// ("src/ingest/budget", "wt-harden/src/text").
fn is_dependency(place: &str) -> bool {
    let first = place.split('/').next().unwrap_or("");
    first
        .rsplit_once('-')
        .is_some_and(|(_, v)| v.starts_with(|c: char| c.is_ascii_digit()) && v.contains('.'))
}
