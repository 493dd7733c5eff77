//! Golden outputs: what `hailong score` prints for the bundled sample communes, kept byte for
//! byte in `tests/golden/`, so that a refactor can show it changed no behaviour.
//!
//! The workspace is the three sample communes of `samples/` (the demo's data, committed and
//! deterministic), imported by the real binary: Xã Mường Bú has a self-assessment that misses
//! two criteria and two conditions, so its report shows passed and failed checks, the criteria
//! and the readiness; with Chiềng Mung (ready) and Tà Xùa (failing, no self-assessment) the
//! `--all` table shows every verdict. Nothing in these outputs depends on the day or the
//! machine (the import time is only written to the dossier); the temporary directory's path is
//! replaced anyway, should an output ever name it.
//!
//! When a change is meant to alter an output, re-bless and review the diff of `tests/golden/`:
//!
//! ```sh
//! HAILONG_BLESS=1 cargo test --test golden
//! ```

mod common;

use common::*;
use std::path::{Path, PathBuf};

/// The commune whose report is kept.
const COMMUNE: &str = "muong bu";

/// The outputs kept: golden file name and `hailong` arguments.
const OUTPUTS: &[(&str, &[&str])] = &[
    ("score-muong-bu.vi.txt", &["score", "--commune", COMMUNE]),
    (
        "score-muong-bu.en.txt",
        &["score", "--commune", COMMUNE, "--lang", "en"],
    ),
    (
        "score-muong-bu.json",
        &["score", "--commune", COMMUNE, "--json"],
    ),
    ("score-all.vi.txt", &["score", "--all"]),
];

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// The output with what may differ from run to run replaced: the temporary directory's path.
fn normalise(out: &str, dir: &Path) -> String {
    let mut s = out.to_string();
    for p in [dir.to_path_buf(), dir.canonicalize().unwrap()] {
        s = s.replace(p.to_str().unwrap(), "<tmp>");
    }
    s
}

/// A short unified-style diff: the lines around the first difference, expected as `-`, actual
/// as `+` (the changed run between the common start and the common end, cut at 20 lines).
fn diff(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.split_inclusive('\n').collect();
    let a: Vec<&str> = actual.split_inclusive('\n').collect();
    let head = e.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let tail = e[head..]
        .iter()
        .rev()
        .zip(a[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (e_mid, a_mid) = (&e[head..e.len() - tail], &a[head..a.len() - tail]);
    let from = head.saturating_sub(3);
    let mut out = format!(
        "@@ -{},{} +{},{} @@\n",
        head + 1,
        e_mid.len(),
        head + 1,
        a_mid.len()
    );
    let line = |mark: char, l: &str| {
        let l = l
            .strip_suffix('\n')
            .map_or(format!("{l}⏎ (no newline at end)"), str::to_string);
        format!("{mark}{l}\n")
    };
    for l in &e[from..head] {
        out.push_str(&line(' ', l));
    }
    const MOST: usize = 20;
    for l in e_mid.iter().take(MOST) {
        out.push_str(&line('-', l));
    }
    if e_mid.len() > MOST {
        out.push_str(&format!("  … {} more expected lines\n", e_mid.len() - MOST));
    }
    for l in a_mid.iter().take(MOST) {
        out.push_str(&line('+', l));
    }
    if a_mid.len() > MOST {
        out.push_str(&format!("  … {} more actual lines\n", a_mid.len() - MOST));
    }
    out
}

/// Compares `actual` with the golden file `name` (or writes it under `HAILONG_BLESS=1`); the
/// mismatch, as a diff, when there is one.
fn check(name: &str, actual: &str) -> Option<String> {
    let path = golden_dir().join(name);
    if std::env::var_os("HAILONG_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(golden_dir()).unwrap();
        std::fs::write(&path, actual).unwrap();
        eprintln!("blessed {}", path.display());
        return None;
    }
    let Ok(expected) = std::fs::read(&path) else {
        return Some(format!("{} is missing\n", path.display()));
    };
    if expected == actual.as_bytes() {
        return None;
    }
    let expected = String::from_utf8_lossy(&expected);
    Some(format!(
        "--- {} (expected)\n+++ actual\n{}",
        path.display(),
        diff(&expected, actual)
    ))
}

#[test]
fn score_outputs_of_the_sample_communes_are_unchanged() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let o = run(dir, &["import", samples.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));

    let mut mismatches = Vec::new();
    for (name, args) in OUTPUTS {
        let o = run(dir, args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        if let Some(d) = check(name, &normalise(&stdout(&o), dir)) {
            let shown: Vec<String> = args
                .iter()
                .map(|a| {
                    if a.contains(' ') {
                        format!("\"{a}\"")
                    } else {
                        a.to_string()
                    }
                })
                .collect();
            mismatches.push(format!("hailong {}\n{d}", shown.join(" ")));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} output(s) differ from tests/golden/:\n\n{}\n\
         If the change is intended, re-bless and review the diff of tests/golden/:\n    \
         HAILONG_BLESS=1 cargo test --test golden\n",
        mismatches.len(),
        mismatches.join("\n")
    );
}

/// The diff shows where two outputs part, with context, and says when only the end differs.
#[test]
fn the_diff_shows_the_first_differing_lines() {
    let d = diff("a\nb\nc\nd\ne\n", "a\nb\nc\nX\ne\n");
    assert_eq!(d, "@@ -4,1 +4,1 @@\n a\n b\n c\n-d\n+X\n");
    let d = diff("a\nb\n", "a\nb");
    assert_eq!(d, "@@ -2,1 +2,1 @@\n a\n-b\n+b⏎ (no newline at end)\n");
}
