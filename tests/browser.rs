//! The pages in a real browser: Debian's chromium, driven by playwright-core (node), loads the
//! province page and a commune page, uploads a workbook through the page's own form, and the
//! verdict text is asserted in the DOM. Screenshots go to `target/screenshots/`. Skipped, saying
//! so, where chromium, node or playwright-core is absent (`.ci/run` installs them).

mod common;

use common::http::serve;
use common::*;
use std::path::Path;
use std::process::Command;

#[test]
fn pages_work_in_chromium_and_an_upload_through_the_page_is_scored() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("tests/browser/pages.mjs");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let driver = root.join("tests/browser/node_modules/playwright-core");
    if !Path::new(&chromium).exists() || !node_ok || !driver.exists() {
        eprintln!(
            "SKIPPED: needs {chromium}, node and tests/browser/node_modules/playwright-core (`.ci/run` installs them)"
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // Two communes in the workspace; the third arrives through the page.
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    for f in [
        "chieng-mung.xlsx",
        "muong-bu.xlsx",
        "chieng-mung-tu-danh-gia.xlsx",
        "muong-bu-tu-danh-gia.xlsx",
    ] {
        std::fs::copy(root.join("samples").join(f), inputs.join(f)).unwrap();
    }
    let o = run(dir, &["import", "in"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let ws = dir.join("ws");
    // The first row is the failing or closest commune; its page must state its verdict first.
    let first = score_all_json(dir)["communes"][0].clone();
    let s = serve(&ws, "127.0.0.1", &[]);
    let shots = root.join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let o = Command::new("node")
        .arg(&script)
        .arg(format!("http://{}", s.addr))
        .arg(root.join("samples/ta-xua.xlsx"))
        .arg(&shots)
        .env("CHROMIUM", &chromium)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "the browser script failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["province_title"], "Kết quả toàn tỉnh");
    assert_eq!(v["province_rows"], 2);
    assert_eq!(v["chart"], 1);
    let word = if first["verdict"]["passed"].as_bool().unwrap() {
        "Kết luận: ĐẠT"
    } else {
        "Kết luận: KHÔNG ĐẠT"
    };
    assert!(
        v["commune_verdict"].as_str().unwrap().starts_with(word),
        "{v}"
    );
    // Readiness is stated under the verdict, as `score` words it.
    let ready = if first["readiness"]["ready"].as_bool().unwrap() {
        "SẴN SÀNG".to_string()
    } else {
        "CHƯA: thiếu".to_string()
    };
    assert!(
        v["commune_readiness"].as_str().unwrap().starts_with(&ready),
        "{v}"
    );
    let report = v["upload_report"].as_str().unwrap();
    assert!(
        report.contains("ta-xua.xlsx") && report.contains("Xã Tà Xùa"),
        "{report}"
    );
    assert_eq!(
        v["province_rows_after"], 3,
        "the uploaded commune is scored"
    );
    let tx = score_all_json(dir)["communes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["commune"] == "Xã Tà Xùa")
        .cloned()
        .unwrap();
    let word = if tx["verdict"]["passed"].as_bool().unwrap() {
        "Kết luận: ĐẠT"
    } else {
        "Kết luận: KHÔNG ĐẠT"
    };
    assert!(
        v["uploaded_verdict"].as_str().unwrap().starts_with(word),
        "the report links to the uploaded commune: {v}"
    );
    assert_eq!(v["english_title"], "Province results");
    for png in [
        "province.png",
        "commune.png",
        "upload.png",
        "province-phone-en.png",
    ] {
        assert!(shots.join(png).metadata().unwrap().len() > 1000, "{png}");
    }
}

fn score_all_json(dir: &Path) -> serde_json::Value {
    let o = run(dir, &["score", "--all", "--json"]);
    assert!(o.status.success());
    serde_json::from_slice(&o.stdout).unwrap()
}
