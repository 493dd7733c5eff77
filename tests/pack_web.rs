//! The survey pack pages of `hailong serve` (issue #24): the list of packs with their
//! communes, a commune's index table with the CLI's figures to the digit (and the interval and
//! weighted estimate labelled beyond the official arithmetic), the report workbook downloaded,
//! and a commune or pack that does not exist refused.

mod common;

use common::http::{get, serve};
use common::*;

#[test]
fn the_pack_pages_show_the_clis_figures() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let o = run(dir, &["demo", "--out", "demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let ws = dir.join("demo/hailong-data");
    let s = serve(&ws, "127.0.0.1", &[]);

    let list = get(&s.addr, "/khao-sat");
    assert_eq!(list.status, 200, "{}", list.text());
    let html = list.text();
    assert!(html.contains("niem-tin-thu-nghiem"), "{html}");
    assert!(
        html.contains("/khao-sat/niem-tin-thu-nghiem/M%C6%B0%E1%BB%9Dng%20B%C3%BA"),
        "{html}"
    );

    let page = get(&s.addr, "/khao-sat/niem-tin-thu-nghiem/muong%20bu");
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    let o = std::process::Command::new(bin())
        .env("HAILONG_DATA", &ws)
        .args([
            "index",
            "--pack",
            "niem-tin-thu-nghiem",
            "--commune",
            "muong bu",
            "--json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for i in v["indices"].as_array().unwrap() {
        let display = i["display"].as_str().unwrap();
        let cells = format!(
            "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\"><strong>{display}</strong></td>",
            i["numerator"], i["denominator"]
        );
        assert!(html.contains(&cells), "{} {cells}", i["id"]);
        // Mường Bú's answers carry weights: each index its weighted estimate.
        if let Some(w) = i["weighted"]["display"].as_str() {
            assert!(html.contains(w), "{w}");
        }
    }
    assert!(html.contains("ngoài cách tính chính thức"));
    assert!(html.contains("verified = false"));

    let xlsx = get(
        &s.addr,
        "/khao-sat/niem-tin-thu-nghiem/muong%20bu/chi-so.xlsx",
    );
    assert_eq!(xlsx.status, 200);
    let path = dir.join("chi-so.xlsx");
    std::fs::write(&path, &xlsx.body).unwrap();
    let book = read_xlsx(&path);
    assert_eq!(book[0].0, "Chỉ số");

    assert_eq!(
        get(&s.addr, "/khao-sat/niem-tin-thu-nghiem/khong%20co").status,
        404
    );
    assert_ne!(get(&s.addr, "/khao-sat/khong-co/muong%20bu").status, 200);
}
