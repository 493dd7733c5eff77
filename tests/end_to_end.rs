//! The main job through the real binary: template → filled workbook → import → score.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

/// Answers of form `k` to item `i`, a deterministic mix of all four cases.
fn answer(k: usize, i: usize) -> &'static str {
    match (k * 7 + i * 3) % 23 {
        0 | 1 => "Không hài lòng",
        2 => "",
        3 => "Chưa hài lòng",
        4 => "HL",
        _ => "Hài lòng",
    }
}

/// Fills the template the binary wrote: copies every cell, then adds ballot rows under the
/// ballots header that the template itself put there.
fn fill(template: &Path, out: &Path, rows: &[Vec<String>]) -> usize {
    let mut sheets = read_xlsx(template);
    let bal = sheets
        .iter_mut()
        .find(|s| s.0 == "Phiếu")
        .expect("ballots sheet");
    let header_row = bal
        .1
        .iter()
        .position(|r| r.first() == Some(&s("Khu dân cư")))
        .expect("header row");
    bal.1.truncate(header_row + 1);
    for r in rows {
        bal.1.push(
            r.iter()
                .map(|v| if v.is_empty() { Cell::E } else { s(v) })
                .collect(),
        );
    }
    write_xlsx(out, &sheets);
    header_row
}

#[test]
fn template_fill_import_score_returns_the_filled_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let o = run(
        dir,
        &[
            "template",
            "--form",
            "xa-ntm",
            "--commune",
            "chieng mung",
            "--area",
            "Bản Nà Sản=40",
            "--area",
            "Bản Co Muông=30",
            "--out",
            "phieu.xlsx",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));

    // The template as written: sheets, commune, headers with one column per item.
    let sheets = read_xlsx(&dir.join("phieu.xlsx"));
    let names: Vec<&str> = sheets.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(names, ["Khu dân cư", "Phiếu", "Nội dung phiếu"]);
    assert_eq!(text(&sheets[0], 1, 1), "Xã Chiềng Mung");
    assert_eq!(text(&sheets[0], 2, 1), "xa-ntm");
    assert_eq!(text(&sheets[0], 5, 1), "Bản Nà Sản");
    assert_eq!(text(&sheets[1], 2, 2), "Câu 1");
    assert_eq!(text(&sheets[1], 2, 20), "Câu 19");
    assert_eq!(text(&sheets[1], 2, 21), "Lý do không hài lòng");
    assert_eq!(text(&sheets[2], 21, 0), "19");

    // 36 forms from Nà Sản, 25 from Co Muông; one of them entirely blank (invalid as a whole).
    let mut rows = Vec::new();
    for k in 0..61usize {
        let area = if k < 36 {
            "Bản Nà Sản"
        } else {
            "ban co muong"
        };
        let mut row = vec![area.to_string(), format!("{}", k + 1)];
        for i in 0..19 {
            row.push(if k == 60 {
                String::new()
            } else {
                answer(k, i).to_string()
            });
        }
        row.push(if k % 5 == 0 {
            "Đường xuống cấp".into()
        } else {
            String::new()
        });
        row.push(if k % 9 == 0 {
            "Cần thêm đèn đường".into()
        } else {
            String::new()
        });
        rows.push(row);
    }
    fill(&dir.join("phieu.xlsx"), &dir.join("filled.xlsx"), &rows);

    let o = run(dir, &["import", "filled.xlsx"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("đọc 61 dòng, nhận 61, loại 0"),
        "{}",
        stdout(&o)
    );

    let o = run(dir, &["score", "--commune", "CHIENG MUNG", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["commune"], "Xã Chiềng Mung");
    assert_eq!(v["form"], "xa-ntm");
    assert_eq!(v["rule_pack"], "son-la-267kh");
    assert_eq!(v["households"]["total"], 70);
    assert_eq!(v["households"]["surveyed"], 61);
    assert_eq!(v["forms"]["returned"], 61);
    assert_eq!(v["forms"]["invalid"], 1);
    assert_eq!(v["forms"]["counted"], 60);
    let counted = 60.0;
    for i in 0..19 {
        let (mut sat, mut dis, mut blank) = (0, 0, 0);
        for k in 0..60 {
            match answer(k, i) {
                "Hài lòng" | "HL" => sat += 1,
                "" => blank += 1,
                _ => dis += 1,
            }
        }
        let item = &v["items"][i];
        assert_eq!(item["number"], i + 1);
        assert_eq!(item["satisfied"], sat, "item {}", i + 1);
        assert_eq!(item["dissatisfied"], dis, "item {}", i + 1);
        assert_eq!(item["blank"], blank, "item {}", i + 1);
        let pct = item["rate_pct"].as_f64().unwrap();
        assert!((pct - sat as f64 * 100.0 / counted).abs() < 1e-9);
    }
    assert_eq!(v["overall"]["number"], 19);
    assert_eq!(v["overall"]["satisfied"], v["items"][18]["satisfied"]);
    let any_dis_all = (0..60)
        // Content items only (1-18): the overall question is its own figure (issue #15).
        .filter(|k| (0..18).any(|i| matches!(answer(*k, i), "Không hài lòng" | "Chưa hài lòng")))
        .count();
    assert_eq!(v["forms_with_any_dissatisfied"], any_dis_all);
    assert_eq!(v["other_opinions"], (0..61).filter(|k| k % 9 == 0).count());
    let areas = v["areas"].as_array().unwrap();
    assert_eq!(areas.len(), 2);
    assert_eq!(areas[0]["name"], "Bản Nà Sản");
    assert_eq!(areas[0]["households_total"], 40);
    assert_eq!(areas[0]["surveyed"], 36);
    assert_eq!(areas[0]["rate_display"], "90,00");
    assert_eq!(areas[1]["surveyed"], 25);
    assert_eq!(areas[1]["rate_display"], "83,33");
    assert_eq!(v["households"]["rate_display"], "87,14"); // 61/70 = 87,142857…
    let checks = v["verdict"]["checks"].as_array().unwrap();
    assert!(
        checks
            .iter()
            .all(|c| c["source"].as_str().is_some_and(|s| !s.is_empty()))
    );
    assert!(
        checks
            .iter()
            .any(|c| c["check"] == "overall_min" && c["verified"] == false)
    );
    assert_eq!(v["verdict"]["relies_on_unverified"], true);

    // The human table says the same in Vietnamese, with the unverified warning first.
    let o = run(dir, &["score", "--commune", "chieng mung"]);
    let out = stdout(&o);
    assert!(out.contains("61 / 70 hộ = 87,14%"), "{out}");
    assert!(
        out.lines().take(3).any(|l| l.contains("chưa xác minh")),
        "{out}"
    );
}

#[test]
fn reimport_is_a_no_op_and_a_corrected_file_replaces_its_ballots() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut c = Canonical::small();
    c.write(&dir.join("xa.xlsx"));
    assert_eq!(run(dir, &["import", "xa.xlsx"]).status.code(), Some(0));
    let manifest = std::fs::read(dir.join("ws/manifest.json")).unwrap();

    let o = run(dir, &["import", "xa.xlsx"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("không đổi"), "{}", stdout(&o));
    // Recognised by its hash before any parsing: the report says no layout was read.
    let v: Value =
        serde_json::from_slice(&run(dir, &["import", "--json", "xa.xlsx"]).stdout).unwrap();
    assert_eq!(v["files"][0]["outcome"], "unchanged");
    assert_eq!(v["files"][0]["layout"], "—");
    assert_eq!(v["files"][0]["rows_read"], 3);
    assert_eq!(v["files"][0]["accepted"], 3);
    assert_eq!(
        std::fs::read(dir.join("ws/manifest.json")).unwrap(),
        manifest,
        "unchanged file must not touch the manifest"
    );

    // The corrected file (same name) has one form more: replaces, never adds up.
    c.ballots.push((
        "Bản Co Muông".into(),
        "2".into(),
        vec!["Không hài lòng".into(); 19],
    ));
    c.write(&dir.join("xa.xlsx"));
    let o = run(dir, &["import", "xa.xlsx"]);
    assert!(
        stdout(&o).contains("đã thay bản nhập trước"),
        "{}",
        stdout(&o)
    );
    let v: Value =
        serde_json::from_slice(&run(dir, &["score", "--commune", "chieng mung", "--json"]).stdout)
            .unwrap();
    assert_eq!(v["forms"]["returned"], 4);
    assert_eq!(v["overall"]["dissatisfied"], 1);
    // The replaced table stays only while the previous manifest (kept for recovery) names
    // it: the tables on disk are exactly those of the two manifests.
    let named = |file: &str| -> std::collections::BTreeSet<String> {
        let m: Value =
            serde_json::from_slice(&std::fs::read(dir.join("ws").join(file)).unwrap()).unwrap();
        m["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| format!("{}.parquet", s["sha256"].as_str().unwrap()))
            .collect()
    };
    let on_disk = || -> std::collections::BTreeSet<String> {
        std::fs::read_dir(dir.join("ws/ballots"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect()
    };
    let kept: std::collections::BTreeSet<String> = named("manifest.json")
        .union(&named("manifest.prev.json"))
        .cloned()
        .collect();
    assert_eq!(on_disk(), kept);
    assert_eq!(on_disk().len(), 2);
    // One more correction: the first version is named by no manifest any more, and goes.
    c.ballots.truncate(2);
    c.write(&dir.join("xa.xlsx"));
    assert_eq!(run(dir, &["import", "xa.xlsx"]).status.code(), Some(0));
    assert_eq!(on_disk().len(), 2, "the replaced table is removed");
    assert_eq!(
        on_disk(),
        named("manifest.json")
            .union(&named("manifest.prev.json"))
            .cloned()
            .collect()
    );
}

#[test]
fn failure_before_the_final_rename_leaves_the_workspace_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut c = Canonical::small();
    c.write(&dir.join("xa.xlsx"));
    assert_eq!(run(dir, &["import", "xa.xlsx"]).status.code(), Some(0));
    let before = stdout(&run(dir, &["score", "--commune", "chieng mung", "--json"]));
    let manifest = std::fs::read(dir.join("ws/manifest.json")).unwrap();

    c.ballots.truncate(1);
    c.write(&dir.join("xa.xlsx"));
    let o = run_env(
        dir,
        &["import", "xa.xlsx"],
        &[("HAILONG_TEST_FAIL_BEFORE_RENAME", "1")],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("trước bước ghi cuối"), "{}", stderr(&o));

    assert_eq!(
        std::fs::read(dir.join("ws/manifest.json")).unwrap(),
        manifest
    );
    let after = stdout(&run(dir, &["score", "--commune", "chieng mung", "--json"]));
    assert_eq!(before, after);
    // And the next import completes normally, cleaning what the failed one left.
    assert_eq!(run(dir, &["import", "xa.xlsx"]).status.code(), Some(0));
    let v: Value =
        serde_json::from_slice(&run(dir, &["score", "--commune", "chieng mung", "--json"]).stdout)
            .unwrap();
    assert_eq!(v["forms"]["returned"], 1);
    let leftovers: Vec<String> = std::fs::read_dir(dir.join("ws"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn demo_prints_three_communes() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run(tmp.path(), &["demo", "--out", "demo"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for c in ["Xã Chiềng Mung", "Xã Mường Bú", "Xã Tà Xùa"] {
        assert!(out.contains(&format!("{c} — Phiếu")), "{c} missing:\n{out}");
    }
    assert!(out.contains("DỮ LIỆU MẪU"));
    assert!(
        out.contains("Kết luận: KHÔNG ĐẠT"),
        "one sample commune fails its verdict"
    );
    for f in ["chieng-mung.json", "muong-bu.json", "ta-xua.json"] {
        assert!(tmp.path().join("demo/ket-qua").join(f).exists());
    }
}
