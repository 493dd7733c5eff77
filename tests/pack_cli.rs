//! Survey packs through the real binary: template, import (good and refused files), index in
//! both languages and as JSON, and a malformed pack refused with its line.

mod common;

use common::{run, run_dev, stderr, stdout};
use rust_xlsxwriter::Workbook;
use std::path::Path;

/// A filled workbook of the shipped pack: `rows` respondents, `bad` cells written as given.
fn filled(dir: &Path, name: &str, rows: u32, bad: &[(u32, u16, &str)]) {
    let mut wb = Workbook::new();
    let ws = common::pilot_pack_sheet(&mut wb, "Chiềng Mung");
    let hr = common::PILOT_HEADER_ROW;
    for r in 0..rows {
        let row = hr + 1 + r;
        ws.write_number(row, 0, f64::from(r + 1)).unwrap();
        ws.write_string(row, 1, "Bản Nà Sản").unwrap();
        for i in 1..=12u16 {
            // Respondent r answers level 1 + (r + i) % 5: labels on even rows, codes on odd.
            let level = 1 + (r + u32::from(i)) % 5;
            if r % 2 == 0 {
                let label = [
                    "Rất không hài lòng",
                    "Không hài lòng",
                    "Bình thường",
                    "Hài lòng",
                    "Rất hài lòng",
                ][level as usize - 1];
                ws.write_string(row, 1 + i, label).unwrap();
            } else {
                ws.write_number(row, 1 + i, f64::from(level)).unwrap();
            }
        }
        ws.write_number(row, 14, f64::from(r % 11)).unwrap();
    }
    for (r, c, v) in bad {
        ws.write_string(*r, *c, *v).unwrap();
    }
    wb.save(dir.join(name)).unwrap();
}

#[test]
fn template_import_and_index_of_the_shipped_pack() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let o = run(
        d,
        &[
            "template",
            "--pack",
            "niem-tin-thu-nghiem",
            "--commune",
            "Chiềng Mung",
            "--area",
            "Bản Nà Sản=120",
            "--out",
            "t.xlsx",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let sheets = common::read_xlsx(&d.join("t.xlsx"));
    let (_, rows) = sheets.iter().find(|(n, _)| n == "Phiếu").unwrap();
    let headers: Vec<String> = rows[4]
        .iter()
        .map(|c| match c {
            common::Cell::S(s) => s.clone(),
            _ => String::new(),
        })
        .collect();
    assert!(headers[2].starts_with("Q1. Cán bộ xã"), "{headers:?}");
    assert_eq!(headers.iter().filter(|h| h.starts_with('Q')).count(), 13);

    // The template itself reads back (no respondents yet): refused, nothing stored.
    let o = run(d, &["import", "--pack", "niem-tin-thu-nghiem", "t.xlsx"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));

    filled(d, "tot.xlsx", 40, &[]);
    // Row 7 (0-based 6) is the 3rd respondent; column D is Q2; O is Q13.
    filled(d, "sai.xlsx", 40, &[(6, 3, "Hài lòng lắm"), (7, 14, "11")]);
    let o = run(
        d,
        &[
            "import",
            "--pack",
            "niem-tin-thu-nghiem",
            "tot.xlsx",
            "sai.xlsx",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("tot.xlsx: Chiềng Mung") && out.contains("đã lưu"),
        "{out}"
    );
    assert!(
        out.contains("Phiếu!D7") && out.contains("Hài lòng lắm"),
        "{out}"
    );
    assert!(out.contains("Phiếu!O8") && out.contains("(11)"), "{out}");
    let manifest = std::fs::read_to_string(d.join("ws/manifest.json")).unwrap();
    assert!(
        manifest.contains("tot.xlsx") && !manifest.contains("sai.xlsx"),
        "{manifest}"
    );
    // Again: unchanged.
    let o = run(d, &["import", "--pack", "niem-tin-thu-nghiem", "tot.xlsx"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("không đổi"));

    let o = run(
        d,
        &[
            "index",
            "--pack",
            "niem-tin-thu-nghiem",
            "--commune",
            "chieng mung",
            "--json",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["unit"], "Chiềng Mung");
    assert_eq!(v["respondents"], 40);
    let idx = v["indices"].as_array().unwrap();
    let d1 = idx.iter().find(|i| i["id"] == "D1_top2").unwrap();
    // Q1–Q4 over 40 respondents: level 1 + (r + i) % 5 is 4 or 5 for 2 of every 5 → 64/160.
    assert_eq!(
        (d1["numerator"].as_i64(), d1["denominator"].as_u64()),
        (Some(64), Some(160))
    );
    assert_eq!(d1["display"], "40,00");
    // Beyond the official arithmetic: the Wilson interval of 64/160, on the index's scale.
    let ci = d1["interval95"]
        .as_array()
        .expect("an interval for a top-box share");
    let (lo, hi) = (ci[0].as_f64().unwrap(), ci[1].as_f64().unwrap());
    assert!(
        (lo - 32.7294).abs() < 1e-3 && (hi - 47.7395).abs() < 1e-3,
        "{ci:?}"
    );
    // Every index on answers has one (Wilson for shares, normal for means and NPS); a
    // weighted mean of indices has none.
    for i in idx {
        let method = i["method"].as_str().unwrap();
        let share = ["top_box", "all_items_top_box"].contains(&method);
        assert_eq!(i["interval95"].is_array(), method != "weighted_mean", "{i}");
        if method != "weighted_mean" {
            assert_eq!(i["interval_method"] == "wilson", share, "{i}");
            assert_eq!(i["fpc"], false, "{i}");
        }
        assert!(i["weighted"].is_null(), "no weight column: {i}");
    }
    for i in idx {
        let k = if ["mean", "weighted_mean"].contains(&i["method"].as_str().unwrap()) {
            1.0
        } else {
            100.0
        };
        let f = k * i["numerator"].as_f64().unwrap() / i["denominator"].as_f64().unwrap();
        assert!((f - i["value"].as_f64().unwrap()).abs() < 1e-9, "{i}");
    }
    let q13 = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "Q13")
        .unwrap();
    assert_eq!(q13["answers"], 40);
    assert_eq!(q13["counts"]["0"], 4);

    let o = run(
        d,
        &[
            "--lang",
            "en",
            "index",
            "--pack",
            "niem-tin-thu-nghiem",
            "--all",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Indices:") && out.contains("D1_top2 (top_box): 40,00 = 100 × 64/160"),
        "{out}"
    );
    assert!(out.contains("verified = false"), "{out}");
}

#[test]
fn a_unit_under_the_minimum_gets_counts_and_the_reason() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    filled(d, "it.xlsx", 12, &[]);
    assert!(
        run(d, &["import", "--pack", "niem-tin-thu-nghiem", "it.xlsx"])
            .status
            .success()
    );
    let o = run(
        d,
        &[
            "index",
            "--pack",
            "niem-tin-thu-nghiem",
            "--commune",
            "Chiềng Mung",
        ],
    );
    let out = stdout(&o);
    assert!(
        out.contains("chỉ có 12 người trả lời, dưới mức tối thiểu 30"),
        "{out}"
    );
    assert!(out.contains("Q1: 12 câu trả lời"), "{out}");
}

#[test]
fn a_malformed_pack_file_is_refused_with_its_line() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let text = include_str!("../surveys/packs/niem-tin-thu-nghiem.toml").replacen(
        "boxes = [4, 5]",
        "boxes = [4, 6]",
        1,
    );
    std::fs::write(d.join("p.toml"), &text).unwrap();
    let line = text.lines().position(|l| l.contains("[4, 6]")).unwrap() + 1;
    let o = run(
        d,
        &[
            "template",
            "--pack-file",
            "p.toml",
            "--commune",
            "X",
            "--out",
            "t.xlsx",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("dòng {line}")) && err.contains("indices[0].boxes"),
        "{err}"
    );
    let o = run(d, &["index", "--pack", "khong-co", "--all"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("niem-tin-thu-nghiem"));
}

#[test]
fn generated_communes_index_all() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let o = run_dev(
        d,
        &[
            "packs",
            "--out",
            "gen",
            "--communes",
            "3",
            "--respondents",
            "35",
            "--items",
            "8",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(d, &["import", "--pack-file", "gen/pack.toml", "gen"]);
    assert!(o.status.success(), "{}", stdout(&o));
    let o = run(
        d,
        &["index", "--pack-file", "gen/pack.toml", "--all", "--json"],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let units = v["units"].as_array().unwrap();
    assert_eq!(units.len(), 3);
    for u in units {
        assert_eq!(u["respondents"], 35);
        assert!(u["absent"].as_array().unwrap().is_empty(), "{u}");
    }
}
