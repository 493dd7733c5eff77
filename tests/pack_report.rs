//! The report workbook of a survey pack (`index --out`), read back with calamine: every
//! numerator and denominator recomputed here from the fixture's answers, the values rounded
//! half-up, the intervals from their formulas (Wilson with the finite-population correction,
//! normal for NPS), the weighted estimates by hand; the province's workbook with a unit under
//! the minimum, the counts summed and the charts; and what `index` refuses.

mod common;

use common::{Cell, Sheet, read_xlsx, run, stderr, stdout};
use rust_xlsxwriter::Workbook;
use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;

const PACK: &str = "niem-tin-thu-nghiem";
const Z: f64 = 1.959_963_984_540_054;

/// Respondent `r`'s answer to item `i` (1–13) of the pilot pack: a code, or `None` for a
/// blank cell. Q1–Q12 on 1–5 with 9 "không trả lời"; Q13 on 0–10 with 99.
fn answer(r: u32, i: u32) -> Option<i64> {
    if i == 13 {
        return Some(if r % 9 == 4 {
            99
        } else {
            i64::from((r * 7 + 3) % 11)
        });
    }
    if (r * 5 + i).is_multiple_of(13) {
        Some(9)
    } else if (r + 2 * i) % 17 == 3 {
        None
    } else {
        Some(i64::from(1 + (r * 3 + i * i) % 5))
    }
}

/// Respondent `r`'s weight as typed (decimal comma).
fn weight(r: u32) -> &'static str {
    ["1", "2", "0,5", "1,5"][(r % 4) as usize]
}

fn weight_value(r: u32) -> f64 {
    [1.0, 2.0, 0.5, 1.5][(r % 4) as usize]
}

/// A filled workbook of the pilot pack for `commune`: `rows` respondents, with the weight
/// column when `weights`.
fn filled(dir: &Path, name: &str, commune: &str, rows: u32, weights: bool) {
    let mut wb = Workbook::new();
    let ws = common::pilot_pack_sheet(&mut wb, commune);
    let hr = common::PILOT_HEADER_ROW;
    ws.write_string(hr, 15, "Trọng số").unwrap();
    for r in 0..rows {
        let row = hr + 1 + r;
        ws.write_number(row, 0, f64::from(r + 1)).unwrap();
        ws.write_string(row, 1, "Bản Mòng").unwrap();
        for i in 1..=13u32 {
            if let Some(c) = answer(r, i) {
                ws.write_number(row, 1 + i as u16, c as f64).unwrap();
            }
        }
        if weights {
            ws.write_string(row, 15, weight(r)).unwrap();
        }
    }
    wb.save(dir.join(name)).unwrap();
}

/// Observations of items `items` for `rows` respondents: `(respondent, code)` of every answer
/// that counts (not blank, not a missing code).
fn counted(rows: u32, items: &[u32]) -> Vec<(u32, i64)> {
    let mut out = Vec::new();
    for &i in items {
        for r in 0..rows {
            let missing = if i == 13 { 99 } else { 9 };
            match answer(r, i) {
                Some(c) if c != missing => out.push((r, c)),
                _ => {}
            }
        }
    }
    out
}

/// (numerator, denominator, weighted share) of answers of `items` in `boxes`.
fn top_box(rows: u32, items: &[u32], boxes: &[i64]) -> (i64, u64, f64) {
    let obs = counted(rows, items);
    let k = obs.iter().filter(|(_, c)| boxes.contains(c)).count() as i64;
    let sw: f64 = obs.iter().map(|(r, _)| weight_value(*r)).sum();
    let swy: f64 = obs
        .iter()
        .filter(|(_, c)| boxes.contains(c))
        .map(|(r, _)| weight_value(*r))
        .sum();
    (k, obs.len() as u64, 100.0 * swy / sw)
}

/// (Σ(x − 1), answers × 4, weighted rescaled mean) of 1–5 items.
fn rescaled(rows: u32, items: &[u32]) -> (i64, u64, f64) {
    let obs = counted(rows, items);
    let s: i64 = obs.iter().map(|(_, c)| c - 1).sum();
    let sw: f64 = obs.iter().map(|(r, _)| weight_value(*r)).sum();
    let swy: f64 = obs
        .iter()
        .map(|(r, c)| weight_value(*r) * (c - 1) as f64)
        .sum();
    (s, obs.len() as u64 * 4, 100.0 * swy / (sw * 4.0))
}

/// Respondents whose every counted answer of `items` is 4 or 5, of those with any.
fn all_top(rows: u32, items: &[u32]) -> (i64, u64) {
    let (mut k, mut n) = (0, 0);
    for r in 0..rows {
        let mine: Vec<i64> = items
            .iter()
            .filter_map(|&i| answer(r, i))
            .filter(|c| *c != 9)
            .collect();
        if !mine.is_empty() {
            n += 1;
            k += i64::from(mine.iter().all(|c| *c >= 4));
        }
    }
    (k, n)
}

/// Half-up at two decimals (no tie occurs in these fixtures' hand figures).
fn r2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn sheet<'a>(book: &'a [Sheet], name: &str) -> &'a Sheet {
    book.iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
}

/// The row of the index table whose name cell starts with `id:` (the `nth` such row, for the
/// province's several units).
fn index_row<'a>(s: &'a Sheet, id: &str, nth: usize) -> &'a Vec<Cell> {
    s.1.iter()
        .filter(|row| matches!(row.get(1), Some(Cell::S(t)) if t.starts_with(&format!("{id}:"))))
        .nth(nth)
        .unwrap_or_else(|| panic!("no row {id}"))
}

fn num(row: &[Cell], c: usize) -> f64 {
    match row.get(c) {
        Some(Cell::N(v)) => *v,
        other => panic!("column {c}: {other:?} in {row:?}"),
    }
}

fn txt(row: &[Cell], c: usize) -> String {
    match row.get(c) {
        Some(Cell::S(v)) => v.clone(),
        other => panic!("column {c}: {other:?} in {row:?}"),
    }
}

/// "32,73 – 47,74" as two numbers.
fn interval(text: &str) -> (f64, f64) {
    let (a, b) = text.split_once(" – ").expect("an interval");
    let p = |s: &str| s.trim().replace(',', ".").parse::<f64>().unwrap();
    (p(a), p(b))
}

/// Every text of a sheet, joined.
fn all_text(s: &Sheet) -> String {
    s.1.iter()
        .flatten()
        .filter_map(|c| match c {
            Cell::S(t) => Some(t.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The Wilson interval with the finite-population correction `f`, solved here as the roots
/// of `(p̂ − p)² = z² f p(1 − p)/n`, in percent.
fn wilson(k: i64, n: u64, f: f64) -> (f64, f64) {
    let (ph, n) = (k as f64 / n as f64, n as f64);
    let c = Z * Z * f / n;
    let (a, b, cc) = (1.0 + c, -(2.0 * ph + c), ph * ph);
    let d = (b * b - 4.0 * a * cc).sqrt();
    (100.0 * (-b - d) / (2.0 * a), 100.0 * (-b + d) / (2.0 * a))
}

#[test]
fn a_communes_workbook_holds_the_figures_recomputed_here() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let rows = 45;
    filled(d, "a.xlsx", "Chiềng Mung", rows, true);
    let o = run(d, &["import", "--pack", PACK, "a.xlsx"]);
    assert!(o.status.success(), "{}", stdout(&o));
    let o = run(
        d,
        &[
            "index",
            "--pack",
            PACK,
            "--commune",
            "chieng mung",
            "--population",
            "Chiềng Mung=500",
            "--out",
            "chi-so.xlsx",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("chi-so.xlsx"), "{}", stdout(&o));
    let book = read_xlsx(&d.join("chi-so.xlsx"));
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Chỉ số", "Câu hỏi", "Biểu đồ", "Số liệu biểu đồ"]);
    let s = sheet(&book, "Chỉ số");
    let f = (500.0 - 45.0) / 499.0;

    for (id, items) in [
        ("D1_top2", [1, 2, 3, 4]),
        ("D2_top2", [5, 6, 7, 8]),
        ("D3_top2", [9, 10, 11, 12]),
    ] {
        let (k, n, w) = top_box(rows, &items, &[4, 5]);
        let row = index_row(s, id, 0);
        assert_eq!((num(row, 2), num(row, 3)), (k as f64, n as f64), "{id}");
        assert_eq!(num(row, 4), r2(100.0 * k as f64 / n as f64), "{id}");
        let (lo, hi) = interval(&txt(row, 5));
        let (elo, ehi) = wilson(k, n, f);
        assert!(
            (lo - elo).abs() < 0.006 && (hi - ehi).abs() < 0.006,
            "{id}: {lo} {hi} vs {elo} {ehi}"
        );
        assert!(
            (num(row, 6) - r2(w)).abs() < 1e-9,
            "{id}: {} vs {w}",
            num(row, 6)
        );
    }
    let mut scores = Vec::new();
    for (id, items) in [
        ("D1_score", [1, 2, 3, 4]),
        ("D2_score", [5, 6, 7, 8]),
        ("D3_score", [9, 10, 11, 12]),
    ] {
        let (s_, n, w) = rescaled(rows, &items);
        let row = index_row(s, id, 0);
        assert_eq!((num(row, 2), num(row, 3)), (s_ as f64, n as f64), "{id}");
        assert_eq!(num(row, 4), r2(100.0 * s_ as f64 / n as f64), "{id}");
        assert!((num(row, 6) - r2(w)).abs() < 1e-9, "{id}");
        scores.push((100.0 * s_ as f64 / n as f64, w));
    }
    for (id, items) in [
        ("toan_dien_D1", [1, 2, 3, 4]),
        ("toan_dien_D2", [5, 6, 7, 8]),
    ] {
        let (k, n) = all_top(rows, &items);
        let row = index_row(s, id, 0);
        assert_eq!((num(row, 2), num(row, 3)), (k as f64, n as f64), "{id}");
    }
    // Q13 (0–10, 99 missing): NPS and the share 6–10, by hand.
    let q13 = counted(rows, &[13]);
    let n13 = q13.len() as f64;
    let prom = q13.iter().filter(|(_, c)| *c >= 9).count() as f64;
    let det = q13.iter().filter(|(_, c)| *c <= 6).count() as f64;
    let row = index_row(s, "Q13_nps", 0);
    assert_eq!((num(row, 2), num(row, 3)), (prom - det, n13));
    assert_eq!(num(row, 4), r2(100.0 * (prom - det) / n13));
    // Normal interval: variance (p⁺ + p⁻ − (p⁺ − p⁻)²)/n × 100², corrected by f.
    let (pp, pm) = (prom / n13, det / n13);
    let half = Z * ((pp + pm - (pp - pm).powi(2)) / n13 * f).sqrt() * 100.0;
    let centre = 100.0 * (pp - pm);
    let (lo, hi) = interval(&txt(row, 5));
    assert!((lo - (centre - half)).abs() < 0.006 && (hi - (centre + half)).abs() < 0.006);
    let sw: f64 = q13.iter().map(|(r, _)| weight_value(*r)).sum();
    let swy: f64 = q13
        .iter()
        .map(|(r, c)| {
            weight_value(*r) * f64::from(u8::from(*c >= 9))
                - weight_value(*r) * f64::from(u8::from(*c <= 6))
        })
        .sum();
    assert!((num(row, 6) - r2(100.0 * swy / sw)).abs() < 1e-9);
    let (k, n, _) = top_box(rows, &[13], &[6, 7, 8, 9, 10]);
    let row = index_row(s, "tin_cao", 0);
    assert_eq!((num(row, 2), num(row, 3)), (k as f64, n as f64));
    // chung: the mean of the three scores, weights equal; weighted: of the weighted scores.
    let row = index_row(s, "chung", 0);
    let mean = scores.iter().map(|x| x.0).sum::<f64>() / 3.0;
    let wmean = scores.iter().map(|x| x.1).sum::<f64>() / 3.0;
    assert!((num(row, 4) - r2(mean)).abs() < 1e-9);
    assert!((num(row, 6) - r2(wmean)).abs() < 1e-9);
    assert_eq!(txt(row, 5), "—");

    // Labelled: the headers say what is beyond the official arithmetic; the unverified note
    // once a printed sheet; the sources line; the population said.
    let text = all_text(s);
    assert!(
        (0..s.1.len()).any(|r| common::text(s, r, 5)
            == "Khoảng tin cậy 95 % (ngoài cách tính chính thức)"
            && common::text(s, r, 6) == "Có trọng số (ngoài cách tính chính thức)"),
        "{text}"
    );
    assert!(text.contains("dân số 500"), "{text}");
    assert!(
        text.contains("Nguồn số liệu: câu trả lời của 45 người"),
        "{text}"
    );
    for name in ["Chỉ số", "Câu hỏi", "Biểu đồ"] {
        let t = all_text(sheet(&book, name));
        assert_eq!(t.matches("chưa xác minh").count(), 1, "{name}");
        assert!(!t.contains("hailong") && !t.contains(".toml"), "{name}");
    }

    // Items by dimension: respondents at each point of the scale, blanks, answers counted.
    let items = sheet(&book, "Câu hỏi");
    let q1 = items
        .1
        .iter()
        .find(|r| matches!(r.first(), Some(Cell::S(t)) if t == "Q1"))
        .expect("Q1's row");
    let codes: Vec<f64> = q1
        .iter()
        .filter_map(|c| match c {
            Cell::N(v) => Some(*v),
            _ => None,
        })
        .collect();
    let count = |c: i64| (0..rows).filter(|r| answer(*r, 1) == Some(c)).count() as f64;
    let blank = (0..rows).filter(|r| answer(*r, 1).is_none()).count() as f64;
    let want: Vec<f64> = [1, 2, 3, 4, 5, 9]
        .iter()
        .map(|c| count(*c))
        .chain([blank, counted(rows, &[1]).len() as f64])
        .collect();
    assert_eq!(codes, want);
    let q13 = items
        .1
        .iter()
        .find(|r| matches!(r.first(), Some(Cell::S(t)) if t == "Q13"))
        .expect("Q13's row");
    assert_eq!(
        q13.iter().filter(|c| matches!(c, Cell::N(_))).count(),
        11 + 1 + 2
    );
}

#[test]
fn the_provinces_workbook_lists_every_unit_and_draws_its_charts() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    filled(d, "a.xlsx", "Chiềng Mung", 40, false);
    filled(d, "b.xlsx", "Mường Bú", 12, false);
    let o = run(d, &["import", "--pack", PACK, "a.xlsx", "b.xlsx"]);
    assert!(o.status.success(), "{}", stdout(&o));
    let o = run(d, &["index", "--pack", PACK, "--all", "--out", "tinh.xlsx"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let book = read_xlsx(&d.join("tinh.xlsx"));
    let s = sheet(&book, "Chỉ số");
    let text = all_text(s);
    assert!(text.contains("Trên địa bàn tỉnh Sơn La"), "{text}");
    assert!(
        text.contains("Mường Bú: 12 người trả lời")
            && text.contains("chỉ có 12 người trả lời, dưới mức tối thiểu 30"),
        "{text}"
    );
    // No weight column anywhere: no weighted column.
    assert!(!text.contains("Có trọng số"), "{text}");
    let (k, n, _) = top_box(40, &[1, 2, 3, 4], &[4, 5]);
    let row = index_row(s, "D1_top2", 0);
    assert_eq!((num(row, 2), num(row, 3)), (k as f64, n as f64));
    assert_eq!(
        s.1.iter()
            .filter(|r| matches!(r.get(1), Some(Cell::S(t)) if t.starts_with("D1_top2:")))
            .count(),
        1
    );
    // The items' counts are the two units' summed.
    let items = sheet(&book, "Câu hỏi");
    let q2 = items
        .1
        .iter()
        .find(|r| matches!(r.first(), Some(Cell::S(t)) if t == "Q2"))
        .unwrap();
    let fours = (0..40).filter(|r| answer(*r, 2) == Some(4)).count()
        + (0..12).filter(|r| answer(*r, 2) == Some(4)).count();
    let cells: Vec<f64> = q2
        .iter()
        .filter_map(|c| match c {
            Cell::N(v) => Some(*v),
            _ => None,
        })
        .collect();
    assert_eq!(cells[3], fours as f64);
    // Charts: one per index with a value (12 for Chiềng Mung; Mường Bú has none), one stacked
    // bar chart per scale (2); the data sheet hidden.
    let file = std::fs::File::open(d.join("tinh.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let charts: BTreeSet<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.to_string()))
        .filter(|n| n.starts_with("xl/charts/chart"))
        .collect();
    assert_eq!(charts.len(), 12 + 2, "{charts:?}");
    let mut wbxml = String::new();
    zip.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut wbxml)
        .unwrap();
    assert!(
        wbxml.contains(r#"name="Số liệu biểu đồ" sheetId="4" state="hidden""#),
        "{wbxml}"
    );
    let mut c = String::new();
    let stacked = charts.iter().any(|name| {
        c.clear();
        zip.by_name(name).unwrap().read_to_string(&mut c).unwrap();
        c.contains(r#"<c:grouping val="percentStacked"/>"#)
    });
    assert!(stacked);
}

#[test]
fn index_refuses_a_bad_population_and_import_a_bad_weight() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    filled(d, "a.xlsx", "Chiềng Mung", 40, true);
    assert!(
        run(d, &["import", "--pack", PACK, "a.xlsx"])
            .status
            .success()
    );
    for (population, says) in [
        (
            "Chiềng Mung=30",
            "dân số 30 của Chiềng Mung nhỏ hơn số người đã trả lời (40)",
        ),
        ("Chiềng Mung", "TÊN=SỐ"),
        ("Tà Xùa=900", "Tà Xùa"),
    ] {
        let o = run(
            d,
            &["index", "--pack", PACK, "--all", "--population", population],
        );
        assert_eq!(o.status.code(), Some(2), "{population}");
        assert!(stderr(&o).contains(says), "{}", stderr(&o));
    }
    // JSON: the population and the weighting said per unit.
    let o = run(
        d,
        &[
            "index",
            "--pack",
            PACK,
            "--commune",
            "Chiềng Mung",
            "--population",
            "chieng mung=400",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["population"], 400);
    assert_eq!(v["weighting"]["used"], true);
    let d1 = v["indices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "D1_top2")
        .unwrap();
    assert_eq!(d1["fpc"], true);
    assert!(d1["weighted"]["display"].is_string());

    // A weight that is not a number: the file refused, the cell named.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Phiếu").unwrap();
    ws.write_string(0, 0, "Xã:").unwrap();
    ws.write_string(0, 1, "Tà Xùa").unwrap();
    for i in 1..=13u16 {
        ws.write_string(3, i, format!("Q{i}")).unwrap();
    }
    ws.write_string(3, 14, "Trọng số").unwrap();
    for r in 4..40u32 {
        for i in 1..=13u16 {
            ws.write_number(r, i, 4.0).unwrap();
        }
        ws.write_string(r, 14, if r == 6 { "hai" } else { "1" })
            .unwrap();
    }
    wb.save(d.join("b.xlsx")).unwrap();
    let o = run(d, &["import", "--pack", PACK, "b.xlsx"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("Phiếu!O7") && stdout(&o).contains("trọng số"),
        "{}",
        stdout(&o)
    );
}
