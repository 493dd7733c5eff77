//! The counts written at import (`counts/<sha256>.parquet`) give exactly the figures a
//! recomputation from the ballots gives, under every combination of invalid-form grounds, after
//! imports, unchanged re-imports and replacements (issue #16). The recomputation is the same
//! binary with the counts moved away: scoring then reads the ballots.

mod common;

use common::*;
use std::path::Path;

fn score_all(dir: &Path) -> serde_json::Value {
    let o = run(dir, &["score", "--all", "--json"]);
    assert!(o.status.success(), "score failed: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// `score --all --json` from the counts, and again from the ballots alone.
fn both_ways(dir: &Path) -> (serde_json::Value, serde_json::Value) {
    let counts = dir.join("ws/counts");
    let aside = dir.join("counts-aside");
    let from_counts = score_all(dir);
    std::fs::rename(&counts, &aside).unwrap();
    let from_ballots = score_all(dir);
    std::fs::rename(&aside, &counts).unwrap();
    (from_counts, from_ballots)
}

/// A commune with every kind of form the invalid-form grounds tell apart: all blank, an
/// unreadable answer, only the overall question dissatisfied, a content item dissatisfied, and
/// (in `marked`) one the commune declared invalid.
fn varied(marked: usize, extra: usize) -> Vec<Sheet> {
    let mut c = Canonical::small();
    // Not a commune of the generated samples: its areas would conflict with theirs.
    c.commune = "Xã Chiềng Mai".into();
    let mut only_overall = vec!["Hài lòng".to_string(); 19];
    only_overall[18] = "Không hài lòng".into();
    let mut content = only_overall.clone();
    content[4] = "Không hài lòng".into();
    let mut unreadable = content.clone();
    unreadable[7] = "x".into();
    let mut half_blank = vec![String::new(); 19];
    half_blank[2] = "Hài lòng".into();
    c.ballots
        .push(("Bản Nà Sản".into(), "3".into(), vec![String::new(); 19]));
    c.ballots
        .push(("Bản Nà Sản".into(), "4".into(), unreadable));
    c.ballots
        .push(("Bản Co Muông".into(), "2".into(), only_overall));
    c.ballots.push(("Bản Co Muông".into(), "3".into(), content));
    c.ballots
        .push(("Bản Co Muông".into(), "4".into(), half_blank));
    for k in 0..extra {
        c.ballots.push((
            "Bản Co Muông".into(),
            format!("{}", 10 + k),
            c.ballots[0].2.clone(),
        ));
    }
    let mut sheets = c.sheets();
    add_marked_column(&mut sheets, marked);
    sheets
}

/// Imports `files`, every one stored or unchanged (an unreadable answer is reported as an
/// error of its cell, and the form kept with the answer invalid).
fn import_ok(dir: &Path, files: &[&str]) {
    // The areas with more forms than households are rejected on purpose: stored in part.
    let mut args = vec!["--accept-partial"];
    args.extend_from_slice(files);
    let (_, v) = import(dir, &args);
    for f in v["files"].as_array().unwrap() {
        let outcome = f["outcome"].as_str().unwrap();
        assert!(outcome != "refused", "{v}");
    }
}

fn counts_files(dir: &Path) -> usize {
    std::fs::read_dir(dir.join("ws/counts")).unwrap().count()
}

#[test]
fn stored_counts_score_exactly_as_the_ballots_under_every_invalid_form_rule() {
    let t = tempfile::tempdir().unwrap();
    let o = run_dev(t.path(), &["gen", "--samples", "--out", "gen"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut files: Vec<String> = std::fs::read_dir(t.path().join("gen"))
        .unwrap()
        .map(|e| format!("gen/{}", e.unwrap().file_name().to_string_lossy()))
        // The samples' self-assessments have no ballots, hence no counts.
        .filter(|f| !f.contains("tu-danh-gia"))
        .collect();
    files.sort();
    write_xlsx(&t.path().join("xa.xlsx"), &varied(1, 0));
    files.push("xa.xlsx".into());
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    import_ok(t.path(), &args);
    assert_eq!(
        counts_files(t.path()),
        files.len(),
        "one counts table per source"
    );

    // Same bytes again (nothing written), then a new version of the commune's file: its old
    // counts must stop counting with its old ballots.
    import_ok(t.path(), &args);
    let before = score_all(t.path());
    write_xlsx(&t.path().join("xa.xlsx"), &varied(4, 3));
    import_ok(t.path(), &["xa.xlsx"]);
    // The replaced source's tables stay as long as `manifest.prev.json` names them; the new
    // one has its own counts.
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(t.path().join("ws/manifest.json")).unwrap()).unwrap();
    for src in m["sources"].as_array().unwrap() {
        let sha = src["sha256"].as_str().unwrap();
        assert!(
            t.path().join(format!("ws/counts/{sha}.parquet")).is_file(),
            "{src}"
        );
    }
    let after = score_all(t.path());
    assert_ne!(before, after, "the replacement changed the figures");

    let shipped = both_ways(t.path());
    assert_eq!(shipped.0, shipped.1, "shipped pack");
    for mask in 0..16u8 {
        let on = |bit: u8| mask & (1 << bit) != 0;
        let grounds = format!(
            "all_blank = {}\nany_invalid_item = {}\nany_double_marked = {}\nmarked = {}",
            on(0),
            on(1),
            on(2),
            on(3)
        );
        use_invalid_form_pack(&t.path().join("ws"), &grounds);
        let (from_counts, from_ballots) = both_ways(t.path());
        assert_eq!(from_counts, from_ballots, "{grounds}");
    }
    // Not vacuous: scoring reads the counts (another source's counts in place of one change
    // the figures)...
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(t.path().join("ws/manifest.json")).unwrap()).unwrap();
    let shas: Vec<&str> = m["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["sha256"].as_str().unwrap())
        .collect();
    let path = |sha: &str| t.path().join(format!("ws/counts/{sha}.parquet"));
    let kept = std::fs::read(path(shas[0])).unwrap();
    std::fs::copy(path(shas[1]), path(shas[0])).unwrap();
    let (from_counts, from_ballots) = both_ways(t.path());
    assert_ne!(from_counts, from_ballots, "scoring did not read the counts");
    std::fs::write(path(shas[0]), kept).unwrap();
    // ...and the varied commune has invalid forms under a pack enabling every ground.
    let all = from_all(t.path());
    assert!(all > 0, "{all}");
}

/// Invalid forms over the province under the pack in force (every commune's `forms.invalid`,
/// wherever `score --all` nests them).
fn from_all(dir: &Path) -> u64 {
    fn walk(v: &serde_json::Value) -> u64 {
        match v {
            serde_json::Value::Object(m) => {
                let own = m
                    .get("forms")
                    .and_then(|f| f.get("invalid"))
                    .and_then(|n| n.as_u64())
                    .unwrap_or(0);
                own + m.values().map(walk).sum::<u64>()
            }
            serde_json::Value::Array(a) => a.iter().map(walk).sum(),
            _ => 0,
        }
    }
    walk(&score_all(dir))
}

/// A workspace imported before counts existed (no `counts/` directory at all) scores from its
/// ballots; the next import adds counts for its own files only.
#[test]
fn sources_without_counts_are_scored_from_their_ballots() {
    let t = tempfile::tempdir().unwrap();
    write_xlsx(&t.path().join("xa.xlsx"), &varied(1, 0));
    import_ok(t.path(), &["xa.xlsx"]);
    let expected = score_all(t.path());
    std::fs::remove_dir_all(t.path().join("ws/counts")).unwrap();
    assert_eq!(score_all(t.path()), expected);
    let o = run(t.path(), &["repair"]);
    assert!(
        o.status.success(),
        "a missing counts table is not damage: {}",
        stderr(&o)
    );
    assert_eq!(score_all(t.path()), expected);
}
