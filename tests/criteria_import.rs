//! The province's own criteria table end to end: `criteria template` pre-filled with the draft,
//! corrected as an officer would and imported; readiness, the score and the dossier then use the
//! corrected texts and targets, verified. Malformed tables are refused naming their cells, with
//! nothing written; a table pasted from a Word copy of the decision reads; `criteria diff`
//! lists what changed.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::*;
use rstest::rstest;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

const DOCUMENT: &str = "Quyết định 1002/QĐ-UBND ngày 06/6/2022 của UBND tỉnh Sơn La";
const BY: &str = "Lò Văn Nam, chuyên viên Văn phòng điều phối NTM tỉnh";
const NEW_1_1: &str = "Có quy hoạch chung xây dựng xã còn thời hạn hoặc đã được rà soát, điều chỉnh theo quy định của pháp luật về quy hoạch (bản của tỉnh)";

/// The table's columns, found by their headers.
struct Cols {
    header: usize,
    tt: usize,
    code: usize,
    text: usize,
    target: usize,
    source: usize,
    checked: usize,
    note: usize,
}

fn cols(sheet: &Sheet) -> Cols {
    let header = (0..sheet.1.len())
        .find(|r| text(sheet, *r, 0) == "TT" && text(sheet, *r, 2) == "Mã chỉ tiêu")
        .expect("header row");
    let col = |name: &str| {
        (0..12)
            .find(|c| text(sheet, header, *c) == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    Cols {
        header,
        tt: col("TT"),
        code: col("Mã chỉ tiêu"),
        text: col("Nội dung chỉ tiêu"),
        target: col("Chỉ tiêu"),
        source: col("Văn bản căn cứ"),
        checked: col("Đã đối chiếu (x)"),
        note: col("Ghi chú (bản dự thảo, không nhập)"),
    }
}

fn row_of(sheet: &Sheet, c: &Cols, code: &str) -> usize {
    (c.header + 1..sheet.1.len())
        .find(|r| text(sheet, *r, c.code) == code)
        .unwrap_or_else(|| panic!("row of {code}"))
}

/// Targets the province's table gives where the draft knows none.
fn province_targets() -> BTreeMap<&'static str, &'static str> {
    [
        ("2.3", "≥70%"),
        ("5", "100%"),
        ("10", "≥45 triệu đồng/người"),
        ("12.1", "≥40%"),
        ("12.2", "≥25%"),
        ("14.3", "≥25%"),
        ("15.1", "≥95%"),
    ]
    .into_iter()
    .collect()
}

/// Writes the template in `dir` and returns it read back.
fn template(dir: &Path) -> Sheet {
    let o = run(dir, &["criteria", "template", "--out", "bang.xlsx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("57 chỉ tiêu"), "{}", stdout(&o));
    read_xlsx(&dir.join("bang.xlsx")).remove(0)
}

/// The template filled as an officer would: the document and the name above the table, the
/// missing targets, 2.2 raised to ≥80 %, 1.1's text corrected, every row marked checked.
fn corrected(mut t: Sheet) -> Sheet {
    let c = cols(&t);
    for r in 0..c.header {
        match text(&t, r, 0).as_str() {
            "Văn bản của tỉnh:" => set_cell(&mut t, r, 2, s(DOCUMENT)),
            "Người nhập:" => set_cell(&mut t, r, 2, s(BY)),
            _ => {}
        }
    }
    let targets = province_targets();
    for r in c.header + 1..t.1.len() {
        let code = text(&t, r, c.code);
        if let Some(v) = targets.get(code.as_str()) {
            set_cell(&mut t, r, c.target, s(v));
        }
        if code == "14.3" {
            set_cell(
                &mut t,
                r,
                c.text,
                s("Tỷ lệ lao động có việc làm qua đào tạo"),
            );
        }
        set_cell(&mut t, r, c.checked, s("x"));
    }
    let r = row_of(&t, &c, "2.2");
    set_cell(&mut t, r, c.target, s("≥80%"));
    let r = row_of(&t, &c, "1.1");
    set_cell(&mut t, r, c.text, s(NEW_1_1));
    t
}

fn write(dir: &Path, name: &str, sheet: Sheet) {
    write_xlsx(&dir.join(name), &[sheet]);
}

/// A workspace at `dir/ws` holding Chiềng Mung's sample survey.
fn with_survey(dir: &Path) {
    let o = run_dev(dir, &["gen", "--samples", "--out", "gen"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (code, _) = import(dir, &["gen/chieng-mung.xlsx"]);
    assert_eq!(code, Some(0));
}

/// A result meeting `target` as the self-assessment template prints it.
fn meeting(target: &str) -> String {
    let t = target.trim_end_matches(" (*)");
    let digits: String = t
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .collect();
    match digits.replace(',', ".").parse::<f64>() {
        Ok(v) if t.starts_with('≤') => format!("{}%", v / 2.0),
        Ok(v) if t.contains('%') => format!("{}%", (v + 1.0).min(100.0)),
        _ if t == "Không" => "Không".into(),
        _ => "Đạt".into(),
    }
}

#[test]
fn a_corrected_table_is_what_readiness_and_the_dossier_use() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path();
    with_survey(dir);

    // The template: Vietnamese headers, pre-filled with the draft, unknown targets empty with
    // the draft's guess in the note column, nothing filled in for the officer.
    let tpl = template(dir);
    let c = cols(&tpl);
    assert_eq!(
        (0..8).map(|k| text(&tpl, c.header, k)).collect::<Vec<_>>(),
        [
            "TT",
            "Tên tiêu chí",
            "Mã chỉ tiêu",
            "Nội dung chỉ tiêu",
            "Chỉ tiêu",
            "Văn bản căn cứ",
            "Đã đối chiếu (x)",
            "Ghi chú (bản dự thảo, không nhập)",
        ]
    );
    assert_eq!(tpl.1.len() - c.header - 1, 57);
    let r = row_of(&tpl, &c, "15.3");
    assert_eq!(text(&tpl, r, c.target), "≤24%");
    assert_eq!(text(&tpl, r, c.tt), "15");
    let r = row_of(&tpl, &c, "2.3");
    assert_eq!(text(&tpl, r, c.target), "");
    assert!(text(&tpl, r, c.note).contains("dự thảo: ≥70% (cứng hóa ≥50%?)"));
    let r = row_of(&tpl, &c, "1.1");
    assert!(text(&tpl, r, c.text).contains("còn thời hạn"));
    assert_eq!(text(&tpl, r, c.source), "");
    assert_eq!(text(&tpl, r, c.checked), "");

    // Corrected and imported.
    write(dir, "bang-cua-tinh.xlsx", corrected(tpl));
    let o = run(dir, &["criteria", "import", "bang-cua-tinh.xlsx"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    assert!(
        out.contains(&format!(
            "Đã nhập bộ tiêu chí xa-ntm-2021-2025 theo {DOCUMENT}: 57 chỉ tiêu, 57 chỉ tiêu đã đối chiếu"
        )),
        "{out}"
    );
    // The province's income target, and the draft's compound and unit targets kept as words.
    assert!(
        out.contains("3 chỉ tiêu ghi mức bằng lời; hailong không đọc kết quả số của xã theo các mức này: 10, 17.1, 17.4"),
        "{out}"
    );
    // 1.1's text, 2.2's target and the seven targets the draft did not know.
    assert!(out.contains("So với bản dự thảo: 9 chỉ tiêu khác"), "{out}");
    let saved = std::fs::read_to_string(dir.join("ws/criteria/xa-ntm-2021-2025.toml")).unwrap();
    for needle in [
        "imported_by = \"Lò Văn Nam",
        "file = \"bang-cua-tinh.xlsx\"",
        "sha256 = \"",
        "imported_at = \"",
    ] {
        assert!(saved.contains(needle), "{needle} in {saved}");
    }

    // `criteria diff` lists the changes.
    let o = run(dir, &["criteria", "diff"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0));
    assert!(out.contains("2.2 — mức chỉ tiêu: “≥70%” → “≥80%”"), "{out}");
    assert!(out.contains("12.1 — mức chỉ tiêu: — → “≥40%”"), "{out}");
    assert!(out.contains("1.1 — nội dung:"), "{out}");
    let o = run(dir, &["--lang", "en", "criteria", "diff", "--json"]);
    let d: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(d["imported"], true);
    assert_eq!(d["verified"], 57);
    assert_eq!(d["document"], DOCUMENT);

    // The commune's self-assessment workbook now carries the province's targets, unmarked.
    let o = run(
        dir,
        &[
            "template",
            "--criteria",
            "xa-ntm-2021-2025",
            "--commune",
            "chieng mung",
            "--out",
            "tu-danh-gia.xlsx",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut sa = read_xlsx(&dir.join("tu-danh-gia.xlsx"));
    let ind = &mut sa[0];
    let header = (0..ind.1.len())
        .find(|r| text(ind, *r, 2) == "Mã chỉ tiêu")
        .unwrap();
    let mut seen_2_2 = false;
    for r in header + 1..ind.1.len() {
        let code = text(ind, r, 2);
        if code.is_empty() || code.chars().all(|ch| ch.is_ascii_uppercase()) {
            continue;
        }
        let target = text(ind, r, 4);
        assert!(!target.ends_with("(*)"), "{code}: {target} is verified now");
        // 75 % under the province's ≥80 %: "Chưa đạt", which the draft's ≥70 % contradicts.
        let (result, own) = if code == "2.2" {
            seen_2_2 = true;
            assert_eq!(target, "≥80%");
            ("75%".to_string(), "Chưa đạt")
        } else {
            (meeting(&target), "Đạt")
        };
        set_cell(ind, r, 5, s(&result));
        set_cell(ind, r, 6, s(own));
    }
    assert!(seen_2_2);
    write_xlsx(&dir.join("tu-danh-gia-da-dien.xlsx"), &sa);
    let (_, v) = import(dir, &["tu-danh-gia-da-dien.xlsx"]);
    assert_eq!(v["files"][0]["criteria_set"], "xa-ntm-2021-2025", "{v}");

    // Readiness reads the corrected targets, and the set is reported verified.
    let s = score_json(dir, "chieng mung");
    let c = &s["criteria"];
    assert_eq!(c["any_unverified"], false, "{c}");
    assert_eq!(c["document"], DOCUMENT);
    assert_eq!(c["contradictions"], 0, "{c}");
    assert_eq!(
        (c["criteria_met"].as_u64(), c["indicators_met"].as_u64()),
        (Some(18), Some(56))
    );
    let i = indicator(&s, "2.2");
    assert_eq!(i["target"], "≥80%");
    assert_eq!(i["agrees"], true);
    assert_eq!(i["verified"], true);
    assert_eq!(i["source"], DOCUMENT);
    let i = indicator(&s, "12.1");
    assert_eq!(
        (i["target"].as_str(), i["target_known"].as_bool()),
        (Some("≥40%"), Some(true))
    );
    assert_eq!(i["agrees"], true);
    assert_eq!(indicator(&s, "1.1")["name"], NEW_1_1);

    // The dossier's criteria sheet prints them, and no unverified mark.
    let o = run(
        dir,
        &["export", "--commune", "chieng mung", "--out", "hs.xlsx"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut wb: Xlsx<_> = open_workbook(dir.join("hs.xlsx")).unwrap();
    let crit = wb.worksheet_range("Kết quả thực hiện tiêu chí").unwrap();
    let strings: Vec<String> = crit
        .used_cells()
        .filter_map(|(_, _, d)| match d {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(strings.iter().any(|s| s.contains(NEW_1_1)), "{strings:?}");
    assert!(strings.iter().any(|s| s.contains("≥80%")), "{strings:?}");
    assert!(
        !strings
            .iter()
            .any(|s| s.to_lowercase().contains("chưa xác minh")),
        "{strings:?}"
    );

    // The commune page names the set in force and says it was checked.
    let server = common::http::serve(&dir.join("ws"), "127.0.0.1", &[]);
    let page = common::http::get(&server.addr, "/xa/X%C3%A3%20Chi%E1%BB%81ng%20Mung").text();
    assert!(
        page.contains(&format!(
            "Bộ tiêu chí áp dụng: Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021 - 2025 — theo văn bản của tỉnh: {DOCUMENT}, đã đối chiếu."
        )),
        "{page}"
    );
}

/// Breaks the corrected table one way; `None` for "leave the document out".
fn broken(t: Sheet, how: &str) -> (Sheet, String) {
    let mut t = corrected(t);
    let c = cols(&t);
    let cell = |col: usize, r: usize| {
        let letter = (b'A' + col as u8) as char;
        format!("Bảng tiêu chí!{letter}{}", r + 1)
    };
    match how {
        "duplicate" => {
            let r = row_of(&t, &c, "2.2");
            set_cell(&mut t, r, c.code, s("2.1"));
            (t, cell(c.code, r))
        }
        "missing" => {
            let r = row_of(&t, &c, "8.3");
            t.1.remove(r);
            // Named where it should have been: the row of 8.4, now at r.
            (t, cell(c.code, r))
        }
        "unknown" => {
            let r = row_of(&t, &c, "2.4");
            set_cell(&mut t, r, c.code, s("2.9"));
            (t, cell(c.code, r))
        }
        "criterion" => {
            let r = row_of(&t, &c, "3.1");
            set_cell(&mut t, r, c.tt, s("2"));
            (t, cell(c.tt, r))
        }
        "target" => {
            let r = row_of(&t, &c, "4.2");
            set_cell(&mut t, r, c.target, s("≥9O%"));
            (t, cell(c.target, r))
        }
        "question" => {
            let r = row_of(&t, &c, "4.2");
            set_cell(&mut t, r, c.target, s("≥95%?"));
            (t, cell(c.target, r))
        }
        "text" => {
            let r = row_of(&t, &c, "6.1");
            set_cell(&mut t, r, c.text, Cell::E);
            (t, cell(c.text, r))
        }
        "document" => {
            for r in 0..c.header {
                if text(&t, r, 0) == "Văn bản của tỉnh:" {
                    set_cell(&mut t, r, 2, Cell::E);
                }
            }
            (t, cell(c.source, c.header + 1))
        }
        other => panic!("{other}"),
    }
}

#[rstest]
#[case::duplicate_code("duplicate", "mã chỉ tiêu \"2.1\" bị trùng")]
#[case::missing_code("missing", "thiếu chỉ tiêu 8.3")]
#[case::unknown_code("unknown", "mã chỉ tiêu \"2.9\" không có trong bộ tiêu chí")]
#[case::criterion_mismatch("criterion", "tiêu chí \"2\" không khớp mã chỉ tiêu 3.1")]
#[case::bad_target("target", "chỉ tiêu 4.2: không đọc được mức chỉ tiêu")]
#[case::placeholder_target("question", "chỉ tiêu 4.2: không đọc được mức chỉ tiêu")]
#[case::empty_text("text", "chỉ tiêu 6.1: nội dung trống")]
#[case::no_document("document", "chưa ghi văn bản căn cứ")]
fn a_malformed_table_is_refused_naming_the_cell(#[case] how: &str, #[case] says: &str) {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path();
    let (table, cell) = broken(template(dir), how);
    write(dir, "bang.xlsx", table);
    let o = run(dir, &["criteria", "import", "bang.xlsx"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}{}", stderr(&o));
    assert!(out.contains("KHÔNG NHẬP bang.xlsx"), "{out}");
    let line = out
        .lines()
        .find(|l| l.contains(says))
        .unwrap_or_else(|| panic!("{says} in {out}"));
    assert!(
        line.contains(&format!("bang.xlsx › {cell}:")),
        "{cell} in {line}"
    );
    assert!(!dir.join("ws/criteria").exists(), "nothing is written");
    // The same in English.
    let o = run(dir, &["--lang", "en", "criteria", "import", "bang.xlsx"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("NOT IMPORTED bang.xlsx"), "{out}");
    assert!(out.contains(&format!("bang.xlsx › {cell}:")), "{out}");
}

/// A table pasted from a Word copy of the decision: a two-row header with the regions under
/// "Chỉ tiêu theo vùng", group headings, the criterion's number and name on its first row only,
/// codes at the start of the texts, a text of two paragraphs arriving as two rows, and the
/// document on a line above the table; who imports it given with `--by`.
#[test]
fn a_table_pasted_from_the_decision_reads() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path();
    let tpl = template(dir);
    let c = cols(&tpl);
    let targets = province_targets();
    let mut rows: Vec<Vec<Cell>> = vec![
        vec![s("PHỤ LỤC I")],
        vec![s(
            "Văn bản: Quyết định 318/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ",
        )],
        vec![],
        vec![
            s("TT"),
            s("Tên tiêu chí"),
            s("Nội dung tiêu chí"),
            s("Chỉ tiêu chung"),
            s("Chỉ tiêu theo vùng"),
        ],
        vec![
            Cell::E,
            Cell::E,
            Cell::E,
            Cell::E,
            s("Đồng bằng sông Hồng"),
            s("Trung du miền núi phía Bắc"),
        ],
        vec![s("I"), s("QUY HOẠCH")],
    ];
    let mut last_criterion = String::new();
    for r in c.header + 1..tpl.1.len() {
        let code = text(&tpl, r, c.code);
        let criterion = text(&tpl, r, c.tt);
        let mut name = text(&tpl, r, c.text);
        let target = targets
            .get(code.as_str())
            .map(|v| v.to_string())
            .unwrap_or_else(|| text(&tpl, r, c.target));
        if code == "14.3" {
            name = "Tỷ lệ lao động có việc làm qua đào tạo".into();
        }
        let first = criterion != last_criterion;
        if first && criterion == "2" {
            rows.push(vec![s("II"), s("HẠ TẦNG KINH TẾ - XÃ HỘI")]);
        }
        let content = if code == criterion {
            name.clone()
        } else {
            format!("{code}. {name}")
        };
        let (tt, crit_name) = if first {
            (s(&criterion), s(&text(&tpl, r, 1)))
        } else {
            (Cell::E, Cell::E)
        };
        if code == "17.1" {
            // Two paragraphs of one cell: the second arrives on a row of its own.
            rows.push(vec![
                tt,
                crit_name,
                s("17.1. Tỷ lệ hộ được sử dụng nước sạch,"),
                s(&target),
                s(&target),
                s(&target),
            ]);
            rows.push(vec![Cell::E, Cell::E, s("hợp vệ sinh theo quy định")]);
        } else {
            rows.push(vec![
                tt,
                crit_name,
                s(&content),
                s(&target),
                s(&target),
                s(&target),
            ]);
        }
        last_criterion = criterion;
    }
    write_xlsx(&dir.join("phu-luc.xlsx"), &[("Sheet1".to_string(), rows)]);
    let o = run(
        dir,
        &["criteria", "import", "phu-luc.xlsx", "--by", "Lò Văn Nam"],
    );
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    assert!(
        out.contains("57 chỉ tiêu, 57 chỉ tiêu đã đối chiếu"),
        "{out}"
    );
    let o = run(dir, &["criteria", "diff", "--json"]);
    let d: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        d["document"],
        "Quyết định 318/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ"
    );
    assert_eq!(d["imported_by"], "Lò Văn Nam");
    let changes = d["changes"].as_array().unwrap();
    // The two paragraphs are one text again: 17.1's text is unchanged.
    assert!(
        !changes
            .iter()
            .any(|c| c["code"] == "17.1" && c["field"] == "text"),
        "{changes:?}"
    );
    assert!(
        changes
            .iter()
            .any(|c| c["code"] == "12.1" && c["now"] == "≥40%")
    );
}

#[test]
fn diff_says_when_the_workspace_uses_the_draft() {
    let t = tempfile::tempdir().unwrap();
    let o = run(t.path(), &["criteria", "diff"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).contains("theo bản dự thảo của hailong, chưa đối chiếu với văn bản của tỉnh (2/57 chỉ tiêu đã xác minh)"),
        "{}",
        stdout(&o)
    );
}
