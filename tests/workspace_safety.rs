//! The workspace never loses an import: concurrent imports, readers during imports, kills at
//! random moments, injected write failures, a full disk, damaged manifests, closed pipes and
//! Ctrl-C, each through the real binary on generated workbooks.

mod common;

use common::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Generates `n` small communes' workbooks into `dir/name` (one file per commune).
fn generate(dir: &Path, name: &str, n: usize, households: u64, seed: u64) -> Vec<PathBuf> {
    let out = dir.join(name);
    let o = run_dev(
        dir,
        &[
            "gen",
            "--out",
            out.to_str().unwrap(),
            "--communes",
            &n.to_string(),
            "--households",
            &households.to_string(),
            "--areas",
            "3",
            "--seed",
            &seed.to_string(),
        ],
    );
    assert!(o.status.success(), "gen: {}", stderr(&o));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

fn hailong(ws: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.env("HAILONG_DATA", ws)
        .env_remove("HAILONG_TEST_FAIL_BEFORE_RENAME")
        .env_remove("HAILONG_TEST_FAIL_AT")
        .args(args);
    c
}

fn import_cmd(ws: &Path, files: &[PathBuf]) -> Command {
    let mut c = hailong(ws, &["import", "--json"]);
    c.args(files).stdout(Stdio::piped()).stderr(Stdio::piped());
    c
}

/// `score --all --json` of a workspace, as a value (panics when it fails).
fn score_all(ws: &Path) -> serde_json::Value {
    let o = hailong(ws, &["score", "--all", "--json"]).output().unwrap();
    assert!(
        o.status.success(),
        "score --all failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

fn manifest(ws: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(ws.join("manifest.json")).unwrap()).unwrap()
}

fn communes(ws: &Path) -> BTreeSet<String> {
    manifest(ws)["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["commune"].as_str().unwrap().to_string())
        .collect()
}

/// The table files a manifest's sources and self-assessments have, as `dir/name`: a source's
/// register always, its ballots and their counts when it stored forms, its tallies when it
/// stored tallies; a self-assessment's document.
fn tables_named(m: &serde_json::Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for s in m["sources"].as_array().into_iter().flatten() {
        let sha = s["sha256"].as_str().unwrap();
        let forms = s["ballots"].as_u64().unwrap() > 0;
        let tallies = s["tallies"].as_u64().unwrap() > 0;
        for (sub, has) in [
            ("registers", true),
            ("ballots", forms),
            ("counts", forms),
            ("tallies", tallies),
        ] {
            if has {
                out.insert(format!("{sub}/{sha}.parquet"));
            }
        }
    }
    for a in m["assessments"].as_array().into_iter().flatten() {
        out.insert(format!(
            "assessments/{}.json",
            a["sha256"].as_str().unwrap()
        ));
    }
    out
}

/// Every table the manifest names exists. (Right after a kill, tables no manifest names may
/// also be there: the next import removes them.)
fn assert_complete(ws: &Path) {
    let files = table_files(ws);
    let missing: Vec<String> = tables_named(&manifest(ws))
        .difference(&files)
        .cloned()
        .collect();
    assert!(
        missing.is_empty(),
        "tables the manifest names are missing: {missing:?}"
    );
}

/// Every table the manifest names exists, and every table file belongs to a source or
/// self-assessment in force: of `manifest.json`, or of `manifest.prev.json`, whose tables the
/// store keeps for `repair` (docs/workspace.md). No orphans, once an import has committed.
fn assert_consistent(ws: &Path) {
    assert_complete(ws);
    let mut live = tables_named(&manifest(ws));
    if let Ok(prev) = std::fs::read(ws.join("manifest.prev.json")) {
        live.extend(tables_named(&serde_json::from_slice(&prev).unwrap()));
    }
    let orphans: Vec<String> = table_files(ws).difference(&live).cloned().collect();
    assert!(
        orphans.is_empty(),
        "table files that no manifest names (orphans, or a table directory this test does not \
         know): {orphans:?}"
    );
}

/// Every file in the workspace's table directories (every directory but `staging/`, which
/// holds imports not yet committed), as `dir/name`.
fn table_files(ws: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for d in std::fs::read_dir(ws).into_iter().flatten().flatten() {
        let sub = d.file_name().to_string_lossy().to_string();
        if sub == "staging" || !d.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        for e in std::fs::read_dir(d.path()).into_iter().flatten().flatten() {
            out.insert(format!("{sub}/{}", e.file_name().to_string_lossy()));
        }
    }
    out
}

fn staging_is_empty(ws: &Path) -> bool {
    std::fs::read_dir(ws.join("staging")).map_or(true, |mut rd| rd.next().is_none())
}

/// The reference: the same files imported one after another.
fn sequential(dir: &Path, files: &[PathBuf]) -> serde_json::Value {
    let ws = dir.join("sequential");
    for f in files {
        let o = import_cmd(&ws, std::slice::from_ref(f)).output().unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    score_all(&ws)
}

fn concurrent_imports(n: usize, rounds: usize) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let files = generate(dir, "in", 2 * n, 60, 7);
    let expected = sequential(dir, &files);
    let all: BTreeSet<String> = communes(&dir.join("sequential"));
    assert_eq!(all.len(), 2 * n);
    for round in 0..rounds {
        let ws = dir.join(format!("ws-{round}"));
        let children: Vec<Child> = files
            .chunks(2)
            .map(|chunk| import_cmd(&ws, chunk).spawn().unwrap())
            .collect();
        for c in children {
            let o = c.wait_with_output().unwrap();
            assert_eq!(
                o.status.code(),
                Some(0),
                "an import failed: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        assert_eq!(communes(&ws), all, "round {round}: communes lost");
        assert_consistent(&ws);
        assert_eq!(score_all(&ws), expected, "round {round}: scores differ");
        assert!(staging_is_empty(&ws));
    }
}

#[test]
fn two_concurrent_imports_lose_nothing() {
    concurrent_imports(2, 3);
}

#[test]
fn three_concurrent_imports_lose_nothing() {
    concurrent_imports(3, 2);
}

#[test]
fn eight_concurrent_imports_lose_nothing() {
    concurrent_imports(8, 2);
}

#[test]
fn a_second_writer_with_no_wait_fails_at_once_naming_the_other_import() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let files = generate(dir, "in", 1, 40, 3);
    let ws = dir.join("ws");
    assert_eq!(
        import_cmd(&ws, &files).output().unwrap().status.code(),
        Some(0)
    );
    // Hold the writer's lock as another import would.
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(ws.join("writer.lock"))
        .unwrap();
    lock.lock().unwrap();
    let other = generate(dir, "more", 2, 40, 4);
    let o = hailong(&ws, &["import", "--no-wait"])
        .arg(&other[1])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("đang được nhập bởi tiến trình khác"), "{err}");
    let en = hailong(&ws, &["--lang", "en", "import", "--no-wait"])
        .arg(&other[1])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&en.stderr).contains("another process"));
    // Without --no-wait it waits, says so, and completes once the lock is released.
    let child = hailong(&ws, &["import"])
        .arg(&other[1])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    drop(lock);
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Đang chờ"));
    assert_eq!(communes(&ws).len(), 2);
    // Readers are never blocked by a writer.
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(ws.join("writer.lock"))
        .unwrap();
    lock.lock().unwrap();
    let start = Instant::now();
    score_all(&ws);
    assert!(start.elapsed() < Duration::from_secs(20));
}

#[test]
fn readers_never_fail_while_imports_replace_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let ws = dir.join("ws");
    // Two versions of the same communes' files under the same names: each import replaces the
    // tables the readers are reading.
    let a = generate(dir, "a", 3, 80, 11);
    let b = generate(dir, "b", 3, 80, 12);
    let live = dir.join("live");
    std::fs::create_dir_all(&live).unwrap();
    let copy_all = |from: &[PathBuf]| {
        for f in from {
            std::fs::copy(f, live.join(f.file_name().unwrap())).unwrap();
        }
    };
    copy_all(&a);
    assert_eq!(
        import_cmd(&ws, std::slice::from_ref(&live))
            .output()
            .unwrap()
            .status
            .code(),
        Some(0)
    );
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let readers: Vec<_> = [
        vec!["score", "--all", "--json"],
        vec!["export", "--all", "--out", "p.xlsx"],
    ]
    .into_iter()
    .enumerate()
    .map(|(k, args)| {
        let ws = ws.clone();
        let stop = stop.clone();
        let out_dir = dir.join(format!("reader-{k}"));
        std::fs::create_dir_all(&out_dir).unwrap();
        std::thread::spawn(move || {
            let mut runs = 0;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let o = hailong(&ws, &args).current_dir(&out_dir).output().unwrap();
                assert!(
                    o.status.success(),
                    "{args:?} failed during an import: {}",
                    String::from_utf8_lossy(&o.stderr)
                );
                runs += 1;
            }
            runs
        })
    })
    .collect();
    for k in 0..8 {
        copy_all(if k % 2 == 0 { &b } else { &a });
        let o = import_cmd(&ws, std::slice::from_ref(&live))
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    for r in readers {
        assert!(r.join().expect("a reader failed") > 0);
    }
    assert_consistent(&ws);
}

#[test]
fn kill_at_random_points_keeps_the_workspace_consistent_and_a_reimport_completes_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let files = generate(dir, "in", 6, 200, 21);
    let expected = sequential(dir, &files);
    let ws = dir.join("ws");
    // A first part imported for good; kills happen while the rest goes in.
    assert_eq!(
        import_cmd(&ws, &files[..2]).output().unwrap().status.code(),
        Some(0)
    );
    let before = score_all(&ws);
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..12 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_millis(seed % 1200);
        let mut child = import_cmd(&ws, &files[2..]).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        // Whatever the moment, the workspace reads: either as before or with the new files.
        let now = score_all(&ws);
        assert!(
            now == before || now == expected,
            "a killed import left a state that is neither before nor after"
        );
        assert_complete(&ws);
        if now == expected {
            // Start again from the first part (a replacement of the same names is a new import).
            std::fs::remove_dir_all(&ws).unwrap();
            assert_eq!(
                import_cmd(&ws, &files[..2]).output().unwrap().status.code(),
                Some(0)
            );
        }
    }
    let o = import_cmd(&ws, &files[2..]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(score_all(&ws), expected);
    assert_consistent(&ws);
    assert!(
        staging_is_empty(&ws),
        "killed imports' staging directories are removed"
    );
}

#[test]
fn injected_write_failures_leave_the_previous_state_and_nothing_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let files = generate(dir, "in", 3, 60, 5);
    let ws = dir.join("ws");
    assert_eq!(
        import_cmd(&ws, &files[..1]).output().unwrap().status.code(),
        Some(0)
    );
    let before = score_all(&ws);
    let tables = table_files(&ws);
    let manifest_bytes = std::fs::read(ws.join("manifest.json")).unwrap();
    for step in ["tables", "publish", "manifest", "rename"] {
        let o = hailong(&ws, &["import"])
            .args(&files[1..])
            .env("HAILONG_TEST_FAIL_AT", step)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "step {step}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("Không đọc/ghi được"), "step {step}: {err}");
        assert!(!err.contains("panicked"));
        assert_eq!(
            std::fs::read(ws.join("manifest.json")).unwrap(),
            manifest_bytes
        );
        assert_eq!(score_all(&ws), before, "step {step}");
        assert!(staging_is_empty(&ws), "step {step}: staging left behind");
        let left: Vec<String> = std::fs::read_dir(&ws)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "step {step}: {left:?}");
        if step != "rename" && step != "manifest" {
            assert_eq!(table_files(&ws), tables, "step {step}: tables left behind");
        }
    }
    // The next import completes and removes whatever a failure could leave.
    let o = import_cmd(&ws, &files[1..]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(communes(&ws).len(), 3);
    assert_consistent(&ws);
}

/// Mounts a tmpfs of `kb` KiB at `at`, when this machine lets the tests (root in CI).
fn small_disk(at: &Path, kb: u64) -> bool {
    std::fs::create_dir_all(at).unwrap();
    Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={kb}k"), "tmpfs"])
        .arg(at)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn a_full_disk_fails_clearly_and_keeps_the_previous_state() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let disk = dir.join("disk");
    if !small_disk(&disk, 64) {
        eprintln!("SKIPPED: cannot mount a tmpfs here (not root, or no mount permission)");
        return;
    }
    let result = std::panic::catch_unwind(|| {
        let ws = disk.join("ws");
        let small = generate(dir, "small", 1, 30, 1);
        assert_eq!(
            import_cmd(&ws, &small).output().unwrap().status.code(),
            Some(0)
        );
        let before = score_all(&ws);
        let big = generate(dir, "big", 8, 1500, 2);
        let o = hailong(&ws, &["import"]).args(&big).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr).to_string();
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains("dung lượng đĩa"), "{err}");
        assert!(!err.contains("panicked"));
        assert_eq!(score_all(&ws), before);
        assert!(
            staging_is_empty(&ws),
            "a failed import leaves nothing behind"
        );
    });
    let _ = Command::new("umount").arg(&disk).status();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn a_read_only_workspace_fails_with_exit_2_and_still_reads() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let ws = dir.join("ws");
    let files = generate(dir, "in", 2, 40, 8);
    assert_eq!(
        import_cmd(&ws, &files[..1]).output().unwrap().status.code(),
        Some(0)
    );
    let before = score_all(&ws);
    let disk = dir.join("ro");
    if !small_disk(&disk, 4096) {
        eprintln!("SKIPPED: cannot mount here (not root, or no mount permission)");
        return;
    }
    let result = std::panic::catch_unwind(|| {
        // A copy of the workspace on a file system mounted read-only: root ignores permission
        // bits, a read-only mount it cannot.
        let copy = disk.join("ws");
        assert!(
            Command::new("cp")
                .arg("-r")
                .arg(&ws)
                .arg(&copy)
                .status()
                .unwrap()
                .success()
        );
        assert!(
            Command::new("mount")
                .args(["-o", "remount,ro"])
                .arg(&disk)
                .status()
                .unwrap()
                .success()
        );
        let o = hailong(&copy, &["import"]).arg(&files[1]).output().unwrap();
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("Không đọc/ghi được"), "{err}");
        assert_eq!(
            score_all(&copy),
            before,
            "a read-only workspace still scores"
        );
    });
    let _ = Command::new("umount").arg(&disk).status();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn a_manifest_naming_a_missing_table_is_reported_and_repaired() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let files = generate(dir, "in", 3, 40, 9);
    let ws = dir.join("ws");
    assert_eq!(
        import_cmd(&ws, &files).output().unwrap().status.code(),
        Some(0)
    );
    let m = manifest(&ws);
    let victim = &m["sources"][1];
    let sha = victim["sha256"].as_str().unwrap();
    let lost = victim["commune"].as_str().unwrap().to_string();
    std::fs::remove_file(ws.join("ballots").join(format!("{sha}.parquet"))).unwrap();
    for args in [
        vec!["score", "--all"],
        vec!["export", "--all", "--out", "x.xlsx"],
        vec!["score", "--commune", &lost],
    ] {
        let o = hailong(&ws, &args).current_dir(dir).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains(&format!("ballots/{sha}.parquet")) && err.contains("hailong repair"),
            "{args:?}: {err}"
        );
    }
    let o = hailong(&ws, &["repair"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains(&lost) && out.contains(sha), "{out}");
    assert_eq!(communes(&ws).len(), 2);
    score_all(&ws);
    // A second repair has nothing to do; the re-import brings the commune back.
    let again = hailong(&ws, &["repair"]).output().unwrap();
    assert!(String::from_utf8_lossy(&again.stdout).contains("không có gì phải sửa"));
    assert_eq!(
        import_cmd(&ws, &files).output().unwrap().status.code(),
        Some(0)
    );
    assert_eq!(communes(&ws).len(), 3);
}

#[test]
fn an_import_into_an_inconsistent_workspace_repairs_it_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let files = generate(dir, "in", 2, 40, 10);
    let ws = dir.join("ws");
    assert_eq!(
        import_cmd(&ws, &files[..1]).output().unwrap().status.code(),
        Some(0)
    );
    let sha = manifest(&ws)["sources"][0]["sha256"]
        .as_str()
        .unwrap()
        .to_string();
    std::fs::remove_file(ws.join("registers").join(format!("{sha}.parquet"))).unwrap();
    let o = hailong(&ws, &["import"]).arg(&files[1]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("[sửa]") && out.contains(&sha), "{out}");
    assert_eq!(communes(&ws).len(), 1);
    score_all(&ws);
}

#[test]
fn a_damaged_manifest_is_recovered_from_the_previous_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let files = generate(dir, "in", 2, 40, 13);
    let ws = dir.join("ws");
    for f in &files {
        assert_eq!(
            import_cmd(&ws, std::slice::from_ref(f))
                .output()
                .unwrap()
                .status
                .code(),
            Some(0)
        );
    }
    std::fs::write(ws.join("manifest.json"), b"{\"format\": 1, \"sources\": [").unwrap();
    let o = hailong(&ws, &["score", "--all"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bị hỏng"));
    let o = hailong(&ws, &["repair"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("manifest.prev.json"));
    // The previous manifest is the state before the last import: the first commune.
    assert_eq!(communes(&ws).len(), 1);
    score_all(&ws);
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let files = generate(dir, "in", 3, 40, 14);
    let ws = dir.join("ws");
    assert_eq!(
        import_cmd(&ws, &files).output().unwrap().status.code(),
        Some(0)
    );
    for args in [
        vec!["score", "--all", "--json"],
        vec!["score", "--all"],
        vec!["import", "--json", "in"],
    ] {
        let mut child = hailong(&ws, &args)
            .current_dir(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before anything is read, as `| head -0` would.
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
    }
}

#[test]
fn ctrl_c_during_an_import_keeps_the_last_good_state_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let files = generate(dir, "in", 12, 1500, 15);
    let ws = dir.join("ws");
    assert_eq!(
        import_cmd(&ws, &files[..1]).output().unwrap().status.code(),
        Some(0)
    );
    let manifest_bytes = std::fs::read(ws.join("manifest.json")).unwrap();
    let child = hailong(&ws, &["import"])
        .args(&files[1..])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let o = child.wait_with_output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    if o.status.code() == Some(0) {
        eprintln!("the import finished before Ctrl-C arrived; nothing to check");
        return;
    }
    assert_eq!(o.status.code(), Some(130), "{out}");
    assert!(out.contains("Đã dừng"), "{out}");
    assert_eq!(
        std::fs::read(ws.join("manifest.json")).unwrap(),
        manifest_bytes
    );
    assert!(staging_is_empty(&ws));
}

#[test]
fn an_empty_folder_is_exit_2_not_zero_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    std::fs::write(dir.join("empty/ghi-chu.txt.bak"), b"notes").unwrap();
    let o = run(dir, &["import", "empty"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("Không có bảng tính nào"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.join("ws/manifest.json").exists());
    let o = run(dir, &["--lang", "en", "check", "empty"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("No spreadsheet"));
}

#[test]
fn a_round_that_does_not_exist_is_an_error_listing_the_rounds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let files = generate(dir, "in", 1, 40, 16);
    let f = files[0].to_str().unwrap();
    assert_eq!(
        run(dir, &["import", "--round", "2025-03", f]).status.code(),
        Some(0)
    );
    assert_eq!(
        run(dir, &["import", "--round", "2025-10", f]).status.code(),
        Some(0)
    );
    let commune = manifest(&dir.join("ws"))["sources"][0]["commune"]
        .as_str()
        .unwrap()
        .to_string();
    for args in [
        vec!["score", "--commune", &commune, "--round", "2024-01"],
        vec!["score", "--all", "--round", "2024-01"],
        vec!["export", "--all", "--round", "2024-01", "--out", "x.xlsx"],
        vec![
            "export",
            "--commune",
            &commune,
            "--round",
            "2024-01",
            "--out",
            "x.xlsx",
        ],
    ] {
        let o = run(dir, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(
            err.contains("2024-01") && err.contains("\"2025-03\", \"2025-10\""),
            "{args:?}: {err}"
        );
    }
    assert!(!dir.join("x.xlsx").exists());
}

#[test]
fn a_stored_file_imported_again_for_another_commune_counts_in_one_commune_only() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let files = generate(dir, "in", 1, 40, 17);
    let f = files[0].to_str().unwrap();
    assert_eq!(run(dir, &["import", f]).status.code(), Some(0));
    let first = communes(&dir.join("ws"));
    let o = run(dir, &["import", "--commune", "Xã Chiềng Mung", f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("đã được nhập cho xã"), "{}", stdout(&o));
    let now = communes(&dir.join("ws"));
    assert_eq!(now.len(), 1, "{now:?}");
    assert_ne!(now, first);
    assert_eq!(
        manifest(&dir.join("ws"))["sources"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}
