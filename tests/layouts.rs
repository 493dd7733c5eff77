//! Every layout and format communes send, each imported to the exact counts it holds, with
//! rows read = accepted + rejected asserted on every import.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

#[derive(Clone, Copy, PartialEq, Debug)]
enum A {
    S,
    D,
    B,
}

const COMMUNE: &str = "Xã Tà Xùa";
const AREAS: [(&str, f64); 2] = [("Bản Tà Xùa", 6.0), ("Bản Háng Đồng", 5.0)];

/// Nine forms: five from the first area, four from the second; a mix of all answers.
fn forms() -> Vec<(usize, Vec<A>)> {
    (0..9)
        .map(|k| {
            let area = usize::from(k >= 5);
            let answers = (0..19)
                .map(|i| match (k * 5 + i * 2) % 11 {
                    0 => A::D,
                    1 if k % 3 == 0 => A::B,
                    _ => A::S,
                })
                .collect();
            (area, answers)
        })
        .collect()
}

/// Text variants people type, cycling through them.
fn typed(a: A, k: usize) -> Cell {
    let sat = ["Hài lòng", "hài lòng", "HL", "Hai long"];
    let dis = ["Không hài lòng", "Chưa hài lòng", "KHL"];
    match a {
        A::S => s(sat[k % sat.len()]),
        A::D => s(dis[k % dis.len()]),
        A::B => Cell::E,
    }
}

/// The score holds exactly the answers of `forms`.
fn assert_counts(v: &Value, forms: &[(usize, Vec<A>)]) {
    assert_counts_of(v, forms, 11);
}

/// Like [`assert_counts`] with the commune's household total given.
fn assert_counts_of(v: &Value, forms: &[(usize, Vec<A>)], households: u64) {
    assert_eq!(v["commune"], COMMUNE);
    assert_eq!(v["forms"]["returned"], forms.len());
    for i in 0..19 {
        let count = |want: A| forms.iter().filter(|f| f.1[i] == want).count();
        let item = &v["items"][i];
        assert_eq!(item["satisfied"], count(A::S), "item {}", i + 1);
        assert_eq!(item["dissatisfied"], count(A::D), "item {}", i + 1);
        assert_eq!(item["blank"], count(A::B), "item {}", i + 1);
    }
    assert_eq!(v["households"]["total"], households);
    for (k, (name, hh)) in AREAS.iter().enumerate() {
        let area = v["areas"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == *name)
            .expect(name);
        assert_eq!(area["households_total"], *hh as u64);
        assert_eq!(area["surveyed"], forms.iter().filter(|f| f.0 == k).count());
    }
}

fn register_sheet(name: &str, header_row: u32) -> Placed {
    let mut p = Placed::new(name);
    p.row(0, 0, vec![s("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]);
    p.row(1, 0, vec![s("Độc lập - Tự do - Hạnh phúc")]);
    p.row(2, 0, vec![s("Xã: Tà Xùa")]);
    p.row(header_row, 0, vec![s("Số hộ"), s("Thôn, bản"), s("STT")]);
    for (k, (a, h)) in AREAS.iter().enumerate() {
        p.row(
            header_row + 1 + k as u32,
            0,
            vec![n(*h), s(a), n(k as f64 + 1.0)],
        );
    }
    p
}

#[test]
fn canonical_with_title_rows_reordered_columns_and_header_variants() {
    let t = tempfile::tempdir().unwrap();
    let statement4 = hailong::rules::Library::shipped()
        .unwrap()
        .form("xa-ntm")
        .unwrap()
        .items[3]
        .statement
        .clone();
    let mut b = Placed::new("Tổng hợp phiếu");
    b.row(0, 0, vec![s("ỦY BAN MTTQ VIỆT NAM XÃ TÀ XÙA")]);
    b.row(1, 3, vec![s("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]);
    let mut header = vec![
        s("Ý kiến khác"),
        s("Nội dung 1"),
        s("C2"),
        s("3"),
        s(&statement4),
    ];
    header.extend((5..=19).map(|i| {
        if i == 7 {
            s("  câu   7 ")
        } else {
            s(&format!("CÂU {i}"))
        }
    }));
    header.extend([s("THÔN"), s("Phiếu số")]);
    b.row(9, 1, header);
    let f = forms();
    for (k, (area, answers)) in f.iter().enumerate() {
        let mut row = vec![if k == 2 {
            s("Ý kiến về đường")
        } else {
            Cell::E
        }];
        row.extend(answers.iter().map(|a| typed(*a, k)));
        row.extend([s(&AREAS[*area].0.to_lowercase()), n(k as f64 + 1.0)]);
        b.row(10 + k as u32, 1, row);
    }
    write_placed(
        &t.path().join("ta-xua.xlsx"),
        &[register_sheet("DS hộ", 6), b],
    );
    let (code, v) = import(t.path(), &["ta-xua.xlsx"]);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["files"][0]["rows_read"], 9);
    // Item 4's header is xã NTM's own statement, so the form is told without a "Mẫu phiếu" cell.
    assert_eq!(v["files"][0]["form"], "xa-ntm");
    assert_eq!(v["files"][0]["problems"], serde_json::json!([]));
    let score = score_json(t.path(), "ta xua");
    assert_counts(&score, &f);
    assert_eq!(score["other_opinions"], 1);
}

fn two_marker_sheet(marks: &[&str], both_on: Option<(usize, usize)>) -> Placed {
    let mut b = Placed::new("Phiếu");
    b.row(0, 0, vec![s("Xã:"), s(COMMUNE)]);
    b.row(1, 0, vec![s("Mẫu phiếu:"), s("xa-ntm")]);
    b.row(4, 0, vec![s("Khu dân cư"), s("Số phiếu")]);
    for i in 0..19u16 {
        let c = 2 + 2 * i;
        b.row(4, c, vec![s(&format!("Câu {}", i + 1))]);
        b.merges.push((4, c, 4, c + 1));
        b.row(5, c, vec![s("Hài lòng"), s("Không hài lòng")]);
    }
    for (k, (area, answers)) in forms().iter().enumerate() {
        let r = 6 + k as u32;
        b.row(r, 0, vec![s(AREAS[*area].0), n(k as f64 + 1.0)]);
        for (i, a) in answers.iter().enumerate() {
            let c = 2 + 2 * i as u16;
            let m = s(marks[(k + i) % marks.len()]);
            match a {
                A::S => b.row(r, c, vec![m]),
                A::D => b.row(r, c + 1, vec![m]),
                A::B => b.row(r, c, vec![]),
            };
            if both_on == Some((k, i)) {
                b.row(r, c, vec![s("x"), s("x")]);
            }
        }
    }
    b
}

#[test]
fn two_marker_columns_under_merged_item_headers() {
    let t = tempfile::tempdir().unwrap();
    write_placed(
        &t.path().join("hai-cot.xlsx"),
        &[
            register_sheet("Khu dân cư", 4),
            two_marker_sheet(&["x", "X", "✓", "1"], None),
        ],
    );
    let (code, v) = import(t.path(), &["hai-cot.xlsx"]);
    assert_eq!(code, Some(0), "{v}");
    assert!(
        v["files"][0]["layout"]
            .as_str()
            .unwrap()
            .contains("ballots")
    );
    assert_counts(&score_json(t.path(), "ta xua"), &forms());
}

#[test]
fn both_markers_set_make_the_item_invalid_and_name_the_cell() {
    let t = tempfile::tempdir().unwrap();
    write_placed(
        &t.path().join("hai-cot.xlsx"),
        &[
            register_sheet("Khu dân cư", 4),
            two_marker_sheet(&["x"], Some((0, 1))),
        ],
    );
    let (code, v) = import(t.path(), &["hai-cot.xlsx"]);
    assert_eq!(code, Some(1));
    let p = &v["files"][0]["problems"][0];
    assert_eq!(p["kind"]["code"], "both_marked");
    assert_eq!(p["location"]["cell"], "E7"); // form 1 (row 7), item 2 (columns E:F)
    let score = score_json(t.path(), "ta xua");
    assert_eq!(score["items"][1]["invalid"], 1);
    assert_eq!(score["forms"]["returned"], 9);
    // Stored as "both marked", its own code: a pack can make such a form invalid as a whole.
    use_invalid_form_pack(
        &t.path().join("ws"),
        "all_blank = true\nany_invalid_item = false\nany_double_marked = true",
    );
    let score = score_json(t.path(), "ta xua");
    assert_eq!(score["forms"]["invalid"], 1);
    assert_eq!(score["forms"]["counted"], 8);
    assert_eq!(score["forms"]["invalid_by_ground"]["any_double_marked"], 1);
    assert_eq!(
        score["forms"]["invalid_by_ground"]["marked"],
        serde_json::Value::Null
    );
    assert!(
        score["invalid_form_rule"]
            .as_str()
            .unwrap()
            .contains("phiếu có câu đánh dấu cả hai ô")
    );
}

#[test]
fn one_sheet_per_area_named_by_sheet_or_title() {
    let t = tempfile::tempdir().unwrap();
    let f = forms();
    let mut sheets = vec![register_sheet("Khu dân cư", 4)];
    for (k, (area, title)) in [(AREAS[0].0, None), ("Sheet2", Some("Bản: Háng Đồng"))]
        .iter()
        .enumerate()
    {
        let mut p = Placed::new(area);
        p.row(0, 0, vec![s("Xã: Tà Xùa")]);
        if let Some(tt) = title {
            p.row(1, 0, vec![s(tt)]);
        }
        let mut header = vec![s("Số phiếu")];
        header.extend((1..=19).map(|i| s(&format!("Câu {i}"))));
        p.row(3, 0, header);
        for (j, (_, answers)) in f.iter().filter(|x| x.0 == k).enumerate() {
            let mut row = vec![n(j as f64 + 1.0)];
            row.extend(answers.iter().map(|a| typed(*a, j)));
            p.row(4 + j as u32, 0, row);
        }
        sheets.push(p);
    }
    write_placed(&t.path().join("theo-ban.xlsx"), &sheets);
    let (code, v) = import(t.path(), &["theo-ban.xlsx"]);
    assert_eq!(code, Some(0), "{v}");
    assert!(
        v["files"][0]["layout"]
            .as_str()
            .unwrap()
            .contains("ballots-per-area")
    );
    assert_counts(&score_json(t.path(), "ta xua"), &f);
}

/// An area tally sheet: households, issued, returned, and per item HL | KHL counts.
fn tally_sheet(extra_bad_row: bool) -> Placed {
    let f = forms();
    let mut p = tally_header(19);
    for (k, (name, hh)) in AREAS.iter().enumerate() {
        let mine: Vec<&Vec<A>> = f.iter().filter(|x| x.0 == k).map(|x| &x.1).collect();
        let mut row = vec![
            n(k as f64 + 1.0),
            s(name),
            n(*hh),
            n(*hh),
            n(mine.len() as f64),
        ];
        for i in 0..19 {
            row.push(n(mine.iter().filter(|a| a[i] == A::S).count() as f64));
            row.push(n(mine.iter().filter(|a| a[i] == A::D).count() as f64));
        }
        p.row(4 + k as u32, 0, row);
    }
    if extra_bad_row {
        // 3 returned but 3 + 1 answers to item 1: rejected.
        let mut row = vec![
            n(3.0),
            s("Bản Làng Sáng"),
            n(9.0),
            n(9.0),
            n(3.0),
            n(3.0),
            n(1.0),
        ];
        row.extend((1..19).flat_map(|_| [n(3.0), n(0.0)]));
        p.row(6, 0, row);
    }
    // The totals row adds up the households of every row above it.
    let mut total = vec![Cell::E, s("Tổng cộng")];
    total.push(n(if extra_bad_row { 20.0 } else { 11.0 }));
    p.row(7, 0, total);
    p
}

#[test]
fn area_tallies_are_imported_to_their_counts_and_bad_rows_rejected() {
    let t = tempfile::tempdir().unwrap();
    write_placed(&t.path().join("tong-hop.xlsx"), &[tally_sheet(true)]);
    // One area row of three rejected: not stored as read unless accepted.
    let (code, v) = import(t.path(), &["tong-hop.xlsx"]);
    assert_eq!(code, Some(2), "{v}");
    assert_eq!(v["files"][0]["outcome"], "doubtful", "{v}");
    let (code, v) = import(t.path(), &["--accept-partial", "tong-hop.xlsx"]);
    assert_eq!(code, Some(1), "{v}");
    let f = &v["files"][0];
    assert!(f["layout"].as_str().unwrap().contains("tally"));
    assert_eq!(f["rows_read"], 3); // two areas and the bad row; the totals row is not an area
    assert_eq!(f["accepted"], 2);
    assert_eq!(
        f["reading"]["sheets"][0]["excluded"][0]["why"], "totals",
        "{v}"
    );
    let kinds: Vec<&str> = f["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"]["code"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"tally_over_returned"), "{kinds:?}");
    // The rejected row's area stays in the register: its 9 households were asked too.
    let score = score_json(t.path(), "ta xua");
    assert_counts_of(&score, &forms(), 20);
    assert_eq!(score["forms_with_any_dissatisfied_complete"], false);

    // A household-row file for an area that already sent its tally is refused.
    write_placed(
        &t.path().join("hai-cot.xlsx"),
        &[
            register_sheet("Khu dân cư", 4),
            two_marker_sheet(&["x"], None),
        ],
    );
    let (code, v) = import(t.path(), &["hai-cot.xlsx"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        v["files"][0]["problems"][0]["kind"]["code"],
        "area_in_other_file"
    );
    assert_eq!(v["files"][0]["rejected"], 9);
    assert_counts_of(&score_json(t.path(), "ta xua"), &forms(), 20);
}

#[test]
fn a_tally_and_forms_for_the_same_area_in_one_file_are_refused() {
    let t = tempfile::tempdir().unwrap();
    write_placed(
        &t.path().join("ca-hai.xlsx"),
        &[tally_sheet(false), two_marker_sheet(&["x"], None)],
    );
    let (code, v) = import(t.path(), &["ca-hai.xlsx"]);
    assert_eq!(code, Some(2));
    let kinds: Vec<&str> = v["files"][0]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"]["code"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"tally_and_ballots"), "{kinds:?}");
    assert!(!t.path().join("ws/manifest.json").exists());
}

const MAPPING: &str = r#"
[mapping]
form = "xa-ntm"
commune_column = "xa"
area_column = "thon_ban"
form_no_column = "_id"
other_column = "y_kien_khac"

[items]
1 = "cau_1"
2 = "cau_2"
3 = "cau_3"
4 = "cau_4"
5 = "cau_5"
6 = "cau_6"
7 = "cau_7"
8 = "cau_8"
9 = "cau_9"
10 = "cau_10"
11 = "cau_11"
12 = "cau_12"
13 = "cau_13"
14 = "cau_14"
15 = "cau_15"
16 = "cau_16"
17 = "cau_17"
18 = "cau_18"
19 = "cau_chung"

[values]
satisfied = ["1", "hai_long"]
dissatisfied = ["0", "khong_hai_long"]
blank = ["n/a"]

[register]
"Bản Tà Xùa" = 6
"Bản Háng Đồng" = 5
"#;

#[test]
fn kobo_export_through_a_mapping_file() {
    let t = tempfile::tempdir().unwrap();
    std::fs::write(t.path().join("kobo.toml"), MAPPING).unwrap();
    let mut lines = vec![format!(
        "_id;xa;group_a/thon_ban;{};group_b/cau_chung;y_kien_khac",
        (1..=18)
            .map(|i| format!("group_b/cau_{i}"))
            .collect::<Vec<_>>()
            .join(";")
    )];
    for (k, (area, answers)) in forms().iter().enumerate() {
        let vals: Vec<&str> = answers
            .iter()
            .enumerate()
            .map(|(i, a)| match (a, (k + i) % 2) {
                (A::S, 0) => "1",
                (A::S, _) => "hai_long",
                (A::D, 0) => "0",
                (A::D, _) => "khong_hai_long",
                (A::B, 0) => "",
                (A::B, _) => "n/a",
            })
            .collect();
        lines.push(format!(
            "uuid-{k};Tà Xùa;{};{};\"Ý kiến; có dấu chấm phẩy\"",
            AREAS[*area].0,
            vals.join(";")
        ));
    }
    std::fs::write(t.path().join("kobo.csv"), lines.join("\n")).unwrap();
    let (code, v) = import(t.path(), &["--mapping", "kobo.toml", "kobo.csv"]);
    assert_eq!(code, Some(0), "{v}");
    assert!(
        v["files"][0]["layout"]
            .as_str()
            .unwrap()
            .contains("mapping")
    );
    let score = score_json(t.path(), "ta xua");
    assert_counts(&score, &forms());
    assert_eq!(score["other_opinions"], 9);
}

#[test]
fn xlsx_xls_and_ods_read_alike() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut scores = Vec::new();
    for ext in ["xlsx", "xls", "ods", "xlsm"] {
        let t = tempfile::tempdir().unwrap();
        let mut f = fixtures.join(format!("formats.{ext}"));
        if ext == "xlsm" {
            // A macro-enabled workbook is the same package under another name, found in a folder.
            std::fs::create_dir(t.path().join("nop")).unwrap();
            std::fs::copy(
                fixtures.join("formats.xlsx"),
                t.path().join("nop/formats.xlsm"),
            )
            .unwrap();
            f = t.path().join("nop");
        }
        let (code, v) = import(t.path(), &[f.to_str().unwrap()]);
        assert_eq!(code, Some(0), "{ext}: {v}");
        let layout = if ext == "xlsm" { "xlsx" } else { ext };
        assert!(
            v["files"][0]["layout"]
                .as_str()
                .unwrap()
                .starts_with(layout),
            "{ext}: {v}"
        );
        let mut score = score_json(t.path(), "doan ket");
        score.as_object_mut().unwrap().remove("sources");
        scores.push(score);
    }
    assert_eq!(scores[0]["forms"]["returned"], 22);
    assert_eq!(scores[0], scores[1], "xls differs from xlsx");
    assert_eq!(scores[0], scores[2], "ods differs from xlsx");
    assert_eq!(scores[0], scores[3], "xlsm differs from xlsx");
}

/// A register-only workbook, so that files without a register can be read.
fn register_only(dir: &Path, commune: &str, areas: &[(&str, u32)]) {
    let mut args = vec![
        "template".to_string(),
        "--commune".into(),
        commune.into(),
        "--out".into(),
        "reg.xlsx".into(),
    ];
    for (a, h) in areas {
        args.push("--area".into());
        args.push(format!("{a}={h}"));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert!(run(dir, &args).status.success());
    let (code, _) = import(dir, &["reg.xlsx"]);
    assert_eq!(code, Some(0));
}

#[test]
fn csv_in_utf8_with_and_without_bom_and_in_windows_1258() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/windows-1258.csv");
    let bytes = std::fs::read(&fixture).unwrap();
    let (text, enc) = hailong::ingest::source::decode_text(&bytes);
    assert_eq!(enc, "Windows-1258");
    let nfc: String = hailong::ingest::legacy::to_nfc(&text).unwrap_or(text);
    let mut results = Vec::new();
    for (name, content) in [
        ("cp1258.csv", bytes.clone()),
        ("utf8.csv", nfc.as_bytes().to_vec()),
        (
            "bom.csv",
            [b"\xEF\xBB\xBF".as_slice(), nfc.as_bytes()].concat(),
        ),
    ] {
        let t = tempfile::tempdir().unwrap();
        register_only(
            t.path(),
            "Xã Chiềng Mung",
            &[("Bản Nà Sản", 10), ("Bản Co Muông", 8)],
        );
        std::fs::write(t.path().join(name), content).unwrap();
        let (code, v) = import(t.path(), &[name]);
        assert_eq!(code, Some(0), "{name}: {v}");
        assert_eq!(v["files"][0]["rows_read"], 3, "{name}");
        let score = score_json(t.path(), "chieng mung");
        assert_eq!(score["items"][17]["dissatisfied"], 2, "{name}");
        assert_eq!(score["items"][0]["satisfied"], 2, "{name}");
        assert_eq!(score["other_opinions"], 1, "{name}");
        results.push(score["items"].clone());
    }
    assert_eq!(results[0], results[1]);
    assert_eq!(results[1], results[2]);
}

/// The canonical small workbook with every text cell written through `enc`.
fn legacy_workbook(path: &Path, enc: fn(&str) -> String) {
    let c = Canonical::small();
    let sheets: Vec<Sheet> = c
        .sheets()
        .into_iter()
        .map(|(name, rows)| {
            let rows = rows
                .into_iter()
                .map(|r| {
                    r.into_iter()
                        .map(|x| {
                            if let Cell::S(t) = x {
                                Cell::S(enc(&t))
                            } else {
                                x
                            }
                        })
                        .collect()
                })
                .collect();
            (enc(&name), rows)
        })
        .collect();
    write_xlsx(path, &sheets);
}

fn tcvn3(s: &str) -> String {
    // Only the letters this fixture needs, from TCVN 5712 (VN3).
    let table = [
        ('à', '\u{b5}'),
        ('ã', '\u{b7}'),
        ('â', '\u{a9}'),
        ('ư', '\u{ad}'),
        ('ả', '\u{b6}'),
        ('ề', '\u{d2}'),
        ('ô', '\u{ab}'),
        ('ò', '\u{df}'),
        ('ổ', '\u{e6}'),
        ('ố', '\u{e8}'),
        ('ộ', '\u{e9}'),
        ('ế', '\u{d5}'),
        ('ẫ', '\u{c9}'),
        ('Ư', '\u{a6}'),
        ('Ư', '\u{a6}'),
        ('Ê', '\u{a3}'),
        ('Ô', '\u{a4}'),
        ('Â', '\u{a2}'),
        ('Ý', 'Ý'),
        ('á', '\u{b8}'),
        ('ế', '\u{d5}'),
        ('Ã', '\u{b7}'),
        ('Ậ', '\u{cb}'),
        ('Ố', '\u{e8}'),
        ('Ể', '\u{d3}'),
        ('ý', '\u{fd}'),
    ];
    s.chars()
        .map(|c| {
            table
                .iter()
                .find(|(u, _)| *u == c)
                .map(|x| x.1)
                .unwrap_or(c)
        })
        .collect()
}

fn vni(s: &str) -> String {
    let table: [(char, &str); 17] = [
        ('à', "aø"),
        ('ã', "aõ"),
        ('â', "aâ"),
        ('ư', "ö"),
        ('ả', "aû"),
        ('ề', "eà"),
        ('ô', "oâ"),
        ('ò', "oø"),
        ('ổ', "oå"),
        ('ố', "oá"),
        ('ộ', "oä"),
        ('ế', "eá"),
        ('ẫ', "aã"),
        ('á', "aù"),
        ('ý', "yù"),
        ('Ý', "YÙ"),
        ('ọ', "oï"),
    ];
    s.chars()
        .map(|c| {
            table
                .iter()
                .find(|(u, _)| *u == c)
                .map(|x| x.1.to_string())
                .unwrap_or(c.to_string())
        })
        .collect()
}

#[test]
fn tcvn3_and_vni_sheets_come_out_as_unicode_and_the_cells_are_listed() {
    for (label, enc) in [
        ("TCVN3", tcvn3 as fn(&str) -> String),
        ("VNI", vni as fn(&str) -> String),
    ] {
        let t = tempfile::tempdir().unwrap();
        legacy_workbook(&t.path().join("cu.xlsx"), enc);
        assert_ne!(enc("Hài lòng"), "Hài lòng");
        let (code, v) = import(t.path(), &["cu.xlsx"]);
        assert_eq!(code, Some(0), "{label}: {v}");
        let problems = v["files"][0]["problems"].as_array().unwrap();
        let conv: Vec<&Value> = problems
            .iter()
            .filter(|p| p["kind"]["code"] == "converted")
            .collect();
        assert!(!conv.is_empty(), "{label}: {problems:?}");
        assert!(
            conv.iter()
                .all(|p| p["kind"]["encoding"].as_str().unwrap().starts_with(label)),
            "{label}"
        );
        let cells: Vec<&str> = conv
            .iter()
            .flat_map(|p| p["kind"]["cells"].as_array().unwrap())
            .map(|c| c.as_str().unwrap())
            .collect();
        assert!(
            cells.contains(&"B2"),
            "{label}: the commune cell is converted: {cells:?}"
        );
        assert!(
            cells.contains(&"C4"),
            "{label}: an answer cell is converted: {cells:?}"
        );
        let score = score_json(t.path(), "chieng mung");
        assert_eq!(score["commune"], "Xã Chiềng Mung", "{label}");
        let names: Vec<&str> = score["areas"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Bản Nà Sản", "Bản Co Muông"], "{label}");
        assert_eq!(score["items"][0]["satisfied"], 3, "{label}");
    }
}

#[test]
fn decomposed_unicode_is_composed_and_reported() {
    use unicode_normalization::UnicodeNormalization;
    let t = tempfile::tempdir().unwrap();
    legacy_workbook(&t.path().join("nfd.xlsx"), |s| s.nfd().collect());
    let (code, v) = import(t.path(), &["nfd.xlsx"]);
    assert_eq!(code, Some(0), "{v}");
    let conv = v["files"][0]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"]["encoding"] == "Unicode NFD")
        .cloned();
    assert!(conv.is_some(), "{v}");
    let score = score_json(t.path(), "chieng mung");
    assert_eq!(score["areas"][0]["name"], "Bản Nà Sản");
}

#[test]
fn a_directory_imports_every_spreadsheet_under_it() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("nop");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let mut c = Canonical::small();
    c.write(&dir.join("a.xlsx"));
    c.commune = "Xã Chiềng Mai".into();
    c.write(&dir.join("sub/b.xlsx"));
    std::fs::write(dir.join("ghi-chu.txt"), "không phải bảng tính").unwrap();
    let (code, v) = import(t.path(), &["nop"]);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["files"].as_array().unwrap().len(), 2);
    assert_eq!(v["rows_read"], 6);
    assert_eq!(v["accepted"], 6);
}

#[test]
fn check_stores_nothing_and_writes_the_problems_to_a_workbook() {
    let t = tempfile::tempdir().unwrap();
    let mut c = Canonical::small();
    c.ballots[1].2[4] = "có".into();
    c.ballots[2].0 = "Bản Không Có".into();
    c.write(&t.path().join("xa.xlsx"));
    let o = run(t.path(), &["check", "--errors-xlsx", "loi.xlsx", "xa.xlsx"]);
    // One row of three rejected: the check says the import would not store it.
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("KHÔNG LƯU"), "{}", stdout(&o));
    assert!(!t.path().join("ws/manifest.json").exists());
    let sheets = read_xlsx(&t.path().join("loi.xlsx"));
    let s0 = &sheets[0];
    assert_eq!(s0.0, "Lỗi cần sửa");
    assert_eq!(text(s0, 0, 0), "Tệp");
    let rows: Vec<(String, String, String)> = (1..s0.1.len())
        .map(|r| (text(s0, r, 1), text(s0, r, 2), text(s0, r, 5)))
        .collect();
    assert!(
        rows.contains(&("Phiếu".into(), "G5".into(), "có".into())),
        "{rows:?}"
    );
    assert!(
        rows.contains(&("Phiếu".into(), "A6".into(), "Bản Không Có".into())),
        "{rows:?}"
    );
}

#[test]
fn the_commune_is_told_by_a_sheet_name_or_else_the_file_name() {
    for (file, sheet) in [
        ("phieu.xlsx", "Chiềng Mung"),
        ("chieng-mung-2025.xlsx", "Phiếu"),
    ] {
        let t = tempfile::tempdir().unwrap();
        let c = Canonical::small();
        let mut sheets = c.sheets();
        // No "Xã:" cell anywhere.
        sheets[0].1[1] = vec![];
        sheets[1].0 = sheet.to_string();
        write_xlsx(&t.path().join(file), &sheets);
        let (code, v) = import(t.path(), &[file]);
        assert_eq!(code, Some(0), "{file}: {v}");
        assert_eq!(v["files"][0]["commune"], "Xã Chiềng Mung", "{file}");
    }
}
