//! Survey packs beyond the entry workbook, through the real binary: Kobo and ODK exports read
//! through a mapping (choice names, group prefixes, a bad value refused by its cell), survey
//! rounds kept apart and replaced, and packs reported per residential area and for the whole
//! province. Every expected figure is counted by hand in the comments.

mod common;

use common::{run, stderr, stdout};
use rust_xlsxwriter::Workbook;
use serde_json::Value;
use std::path::Path;

/// Two 5-level items (9 = don't know) in D1 and a 0–10 item (99 = don't know) in D2; `unit`
/// is the pack's unit of report.
fn pack(dir: &Path, unit: &str) -> String {
    let text = format!(
        r#"
[pack]
id = "thu"
title = "Thử"
unit = "{unit}"
min_respondents = 1
decimals = 2
source = "test"

[[scales]]
id = "hl5"
points = [{{ code = 1, label = "Rất không hài lòng" }}, {{ code = 2, label = "Không hài lòng" }},
          {{ code = 3, label = "Bình thường" }}, {{ code = 4, label = "Hài lòng" }}, {{ code = 5, label = "Rất hài lòng" }}]
missing = [{{ code = 9, label = "Không biết" }}]

[[scales]]
id = "d11"
min = 0
max = 10
missing = [{{ code = 99, label = "Không biết" }}]

[[dimensions]]
id = "D1"
title = "Một"

[[dimensions]]
id = "D2"
title = "Hai"

[[items]]
id = "Q1"
dimension = "D1"
scale = "hl5"
text = "Một"

[[items]]
id = "Q2"
dimension = "D1"
scale = "hl5"
text = "Hai"

[[items]]
id = "Q3"
dimension = "D2"
scale = "d11"
text = "Ba"

[[indices]]
id = "D1_top2"
of = "dimension:D1"
method = "top_box"
boxes = [4, 5]

[[indices]]
id = "Q3_nps"
of = "item:Q3"
method = "nps"
promoters = [9, 10]
detractors = [0, 1, 2, 3, 4, 5, 6]
"#
    );
    let name = format!("thu-{unit}.toml");
    std::fs::write(dir.join(&name), text).unwrap();
    name
}

/// Kobo's mapping: choice names of both scales, Q2 found under its own id, areas by code.
const KOBO_MAPPING: &str = r#"
[mapping]
pack = "thu"
commune_column = "xa"
area_column = "thon_ban"
weight_column = "trong_so"

[items]
Q1 = "Q1"
Q3 = "grp_d2/Q3"

[values.hl5]
rat_khong_hai_long = 1
khong_hai_long = 2
binh_thuong = 3
hai_long = 4
rat_hai_long = 5
khong_biet = 9

[values.d11]
khong_biet = 99

[areas]
ban_na_san = "Bản Nà Sản"
ban_co_muong = "Bản Co Muông"
"#;

/// A Kobo-like CSV export (`;`, group prefixes, its own columns around the answers).
/// Rows (area: Q1, Q2, Q3): Nà Sản: 5, 4, 10 · Nà Sản: 3, 9, 9 · Co Muông: 4, 2, 6 ·
/// Co Muông: "Rất hài lòng" (a label), blank, 99 · Co Muông: 1, 4, 7.
fn kobo_csv(dir: &Path, name: &str, q1_of_row3: &str) {
    let rows = [
        ("ban_na_san", "rat_hai_long", "hai_long", "10"),
        ("ban_na_san", "binh_thuong", "khong_biet", "9"),
        ("ban_co_muong", q1_of_row3, "khong_hai_long", "6"),
        ("ban_co_muong", "Rất hài lòng", "", "khong_biet"),
        ("ban_co_muong", "rat_khong_hai_long", "hai_long", "7"),
    ];
    let mut text = String::from(
        "start;xa;grp_thon/thon_ban;grp_d1/Q1;grp_d1/Q2;grp_d2/Q3;trong_so;_id;_uuid\n",
    );
    for (i, (area, q1, q2, q3)) in rows.iter().enumerate() {
        text.push_str(&format!(
            "2026-06-0{d}T08:00:00;chieng_mung;{area};{q1};{q2};{q3};1;{id};uuid-{id}\n",
            d = i + 1,
            id = 100 + i
        ));
    }
    std::fs::write(dir.join(name), text).unwrap();
}

fn json(o: &std::process::Output) -> Value {
    assert!(o.status.success(), "{}\n{}", stdout(o), stderr(o));
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

fn index_of<'a>(unit: &'a Value, id: &str) -> &'a Value {
    unit["indices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("{id} absent: {unit}"))
}

/// `(numerator, denominator, display)` of index `id`.
fn figure(unit: &Value, id: &str) -> (i64, i64, String) {
    let f = index_of(unit, id);
    (
        f["numerator"].as_i64().unwrap(),
        f["denominator"].as_i64().unwrap(),
        f["display"].as_str().unwrap().to_string(),
    )
}

fn manifest(d: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(d.join("ws/manifest.json")).unwrap()).unwrap()
}

#[test]
fn a_kobo_csv_is_read_through_its_mapping_and_a_bad_value_refused_by_its_cell() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let p = pack(d, "xa");
    std::fs::write(d.join("kobo.toml"), KOBO_MAPPING).unwrap();
    kobo_csv(d, "sai.csv", "hai_long_lam");
    let o = kobo(d, "import", &p, "sai.csv");
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    // The third respondent is the sheet's 4th row; Q1 is the 4th column (D).
    assert!(
        out.contains("!D4") && out.contains("hai_long_lam") && out.contains("rat_hai_long = 5"),
        "{out}"
    );
    assert!(!d.join("ws/manifest.json").exists() || manifest(d)["pack_sources"].is_null());

    // A mapping naming an item the pack does not have, or written for another pack, is refused
    // before any cell is read.
    for (bad, said) in [
        (KOBO_MAPPING.replace("Q3 = ", "Q9 = "), "items.Q9"),
        (
            KOBO_MAPPING.replace("pack = \"thu\"", "pack = \"khac\""),
            "\"khac\"",
        ),
    ] {
        std::fs::write(d.join("sai.toml"), bad).unwrap();
        let o = mapped(d, "check", &p, "sai.toml", &["--commune", "X"], "sai.csv");
        assert_eq!(o.status.code(), Some(1));
        assert!(stdout(&o).contains(said), "{}", stdout(&o));
    }

    kobo_csv(d, "tot.csv", "4");
    let o = kobo(d, "import", &p, "tot.csv");
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let o = run(
        d,
        &[
            "index",
            "--pack-file",
            &p,
            "--commune",
            "chieng mung",
            "--json",
        ],
    );
    let u = json(&o);
    assert_eq!(u["unit"], "Chiềng Mung");
    assert_eq!(u["respondents"], 5);
    // D1 pools Q1 (5, 3, 4, 5, 1: 5 answers, 3 at 4–5) and Q2 (4, [9], 2, blank, 4: 3 answers,
    // 2 at 4–5): 5 / 8 = 62,5 %.
    assert_eq!(figure(&u, "D1_top2"), (5, 8, "62,50".into()));
    // Q3: 10, 9, 6, [99], 7: 4 answers, 2 promoters, 1 detractor → 100 × 1 / 4 = 25.
    assert_eq!(figure(&u, "Q3_nps"), (1, 4, "25,00".into()));
    let q1 = &u["items"][0];
    assert_eq!(q1["counts"]["5"], 2, "{q1}");
    assert_eq!(q1["counts"]["3"], 1, "{q1}");
    let q2 = &u["items"][1];
    assert_eq!(
        (q2["answers"].as_i64(), q2["blank"].as_i64()),
        (Some(3), Some(1))
    );
    assert_eq!(q2["counts"]["9"], 1, "{q2}");
    // Areas are stored under their names, the weights as written.
    assert_eq!(u["weighting"]["used"], true);
}

/// An ODK-like workbook: `grp_d1/Q1` columns found by item id alone (no `[items]`), codes
/// written as numbers, `khong_biet` as a choice name, a fixed commune; `shift` adds to Q3.
fn odk_xlsx(dir: &Path, name: &str, rows: &[(&str, [&str; 3])]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("data").unwrap();
    for (c, h) in [
        "SubmissionDate",
        "grp_thon/thon",
        "grp_d1/Q1",
        "grp_d1/Q2",
        "grp_d2/Q3",
        "meta/instanceID",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (area, answers)) in rows.iter().enumerate() {
        let row = r as u32 + 1;
        ws.write_string(row, 0, "2026-06-01T08:00:00.000Z").unwrap();
        ws.write_string(row, 1, *area).unwrap();
        for (i, a) in answers.iter().enumerate() {
            match a.parse::<f64>() {
                Ok(n) => ws.write_number(row, 2 + i as u16, n).unwrap(),
                Err(_) => ws.write_string(row, 2 + i as u16, *a).unwrap(),
            };
        }
        ws.write_string(row, 5, format!("uuid:{name}-{r}")).unwrap();
    }
    wb.save(dir.join(name)).unwrap();
}

const ODK_MAPPING: &str = r#"
[mapping]
commune = "Chiềng Mung"
area_column = "thon"

[values.hl5]
khong_biet = 9

[values.d11]
khong_biet = 99
"#;

/// `hailong CMD --pack-file P --mapping M [extra…] FILE`.
fn mapped(
    d: &Path,
    cmd: &str,
    p: &str,
    mapping: &str,
    extra: &[&str],
    file: &str,
) -> std::process::Output {
    let mut args = vec![cmd, "--pack-file", p, "--mapping", mapping];
    args.extend_from_slice(extra);
    args.push(file);
    run(d, &args)
}

/// A Kobo export of Chiềng Mung through [`KOBO_MAPPING`].
fn kobo(d: &Path, cmd: &str, p: &str, file: &str) -> std::process::Output {
    mapped(d, cmd, p, "kobo.toml", &["--commune", "Chiềng Mung"], file)
}

fn import_odk(d: &Path, p: &str, file: &str, round: &str) -> std::process::Output {
    mapped(d, "import", p, "odk.toml", &["--round", round], file)
}

fn index_json(d: &Path, p: &str, extra: &[&str]) -> Value {
    let mut args = vec!["index", "--pack-file", p, "--json"];
    args.extend_from_slice(extra);
    json(&run(d, &args))
}

#[test]
fn odk_rounds_are_kept_apart_and_a_round_imported_again_replaces_itself() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let p = pack(d, "xa");
    std::fs::write(d.join("odk.toml"), ODK_MAPPING).unwrap();
    // June: Q1 5, 4, 2 → 2 of 3 at 4–5; Q2 khong_biet, 5, 1 → 1 of 2. D1: 3 / 5.
    odk_xlsx(
        d,
        "dot1.xlsx",
        &[
            ("Bản Nà Sản", ["5", "khong_biet", "10"]),
            ("Bản Nà Sản", ["4", "5", "0"]),
            ("Bản Co Muông", ["2", "1", "khong_biet"]),
        ],
    );
    let o = import_odk(d, &p, "dot1.xlsx", "2026-06");
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    // December: Q1 1, 1 → 0 of 2; Q2 2, 5 → 1 of 2. D1: 1 / 4.
    odk_xlsx(
        d,
        "dot2.xlsx",
        &[
            ("Bản Nà Sản", ["1", "2", "9"]),
            ("Bản Co Muông", ["1", "5", "8"]),
        ],
    );
    let o = import_odk(d, &p, "dot2.xlsx", "2026-12");
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let rounds: Vec<String> = manifest(d)["pack_sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["round"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(rounds, ["2026-06", "2026-12"]);

    // By default the latest round only.
    let u = index_json(d, &p, &["--commune", "Chiềng Mung"]);
    assert_eq!(
        (u["round"].as_str(), u["respondents"].as_i64()),
        (Some("2026-12"), Some(2))
    );
    assert_eq!(figure(&u, "D1_top2"), (1, 4, "25,00".into()));
    // Q3 December: 9, 8 → 1 promoter, 0 detractors of 2 → 50.
    assert_eq!(figure(&u, "Q3_nps"), (1, 2, "50,00".into()));
    let u = index_json(d, &p, &["--commune", "Chiềng Mung", "--round", "2026-06"]);
    assert_eq!(u["respondents"], 3);
    assert_eq!(figure(&u, "D1_top2"), (3, 5, "60,00".into()));
    // Q3 June: 10, 0, [99] → 1 promoter, 1 detractor of 2 → 0.
    assert_eq!(figure(&u, "Q3_nps"), (0, 2, "0,00".into()));

    // June again under the same name, one respondent fewer: it replaces June, not December.
    odk_xlsx(
        d,
        "dot1.xlsx",
        &[
            ("Bản Nà Sản", ["5", "khong_biet", "10"]),
            ("Bản Nà Sản", ["4", "5", "0"]),
        ],
    );
    let o = import_odk(d, &p, "dot1.xlsx", "2026-06");
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(manifest(d)["pack_sources"].as_array().unwrap().len(), 2);
    let u = index_json(d, &p, &["--commune", "Chiềng Mung", "--round", "2026-06"]);
    assert_eq!(u["respondents"], 2);
    // Q1 5, 4; Q2 [9], 5 → 3 of 3.
    assert_eq!(figure(&u, "D1_top2"), (3, 3, "100,00".into()));
    let u = index_json(d, &p, &["--commune", "Chiềng Mung"]);
    assert_eq!(u["respondents"], 2);
    assert_eq!(u["round"], "2026-12");

    // A round nobody answered is refused, naming the rounds there are.
    let o = run(
        d,
        &[
            "index",
            "--pack-file",
            &p,
            "--commune",
            "Chiềng Mung",
            "--round",
            "2027-06",
        ],
    );
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("\"2026-06\", \"2026-12\""),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_village_pack_reports_each_area_of_the_commune() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let p = pack(d, "thon");
    std::fs::write(d.join("kobo.toml"), KOBO_MAPPING).unwrap();
    kobo_csv(d, "tot.csv", "4");
    let o = kobo(d, "import", &p, "tot.csv");
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let all = index_json(d, &p, &["--commune", "chieng mung"]);
    let units = all["units"].as_array().unwrap();
    let names: Vec<(&str, &str)> = units
        .iter()
        .map(|u| (u["unit"].as_str().unwrap(), u["commune"].as_str().unwrap()))
        .collect();
    assert_eq!(
        names,
        [
            ("Bản Co Muông", "Chiềng Mung"),
            ("Bản Nà Sản", "Chiềng Mung")
        ]
    );
    let (muong, nasan) = (&units[0], &units[1]);
    // Nà Sản: Q1 5, 3; Q2 4, [9] → 2 of 3. Q3 10, 9 → 2 promoters of 2 → 100.
    assert_eq!(nasan["respondents"], 2);
    assert_eq!(figure(nasan, "D1_top2"), (2, 3, "66,67".into()));
    assert_eq!(figure(nasan, "Q3_nps"), (2, 2, "100,00".into()));
    // Co Muông: Q1 4, 5, 1; Q2 2, blank, 4 → 3 of 5. Q3 6, [99], 7 → 0 − 1 of 2 → −50.
    assert_eq!(muong["respondents"], 3);
    assert_eq!(figure(muong, "D1_top2"), (3, 5, "60,00".into()));
    let nps = index_of(muong, "Q3_nps");
    assert_eq!(
        (nps["numerator"].as_i64(), nps["denominator"].as_i64()),
        (Some(-1), Some(2))
    );
    assert_eq!(nps["value"].as_f64(), Some(-50.0));

    // A row without its area cannot be reported per area: refused by its cell.
    let text = std::fs::read_to_string(d.join("tot.csv"))
        .unwrap()
        .replace(";ban_na_san;rat_hai_long", ";;rat_hai_long");
    std::fs::write(d.join("khong-thon.csv"), text).unwrap();
    let o = kobo(d, "check", &p, "khong-thon.csv");
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("!C2"), "{}", stdout(&o));
}

#[test]
fn a_province_pack_pools_every_commune_in_one_unit() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let p = pack(d, "tinh");
    std::fs::write(
        d.join("odk.toml"),
        ODK_MAPPING.replace("commune = \"Chiềng Mung\"\n", ""),
    )
    .unwrap();
    odk_xlsx(
        d,
        "a.xlsx",
        &[
            ("Bản Nà Sản", ["5", "4", "10"]),
            ("Bản Nà Sản", ["1", "2", "3"]),
        ],
    );
    odk_xlsx(d, "b.xlsx", &[("Bản Mòng", ["4", "khong_biet", "9"])]);
    for (file, commune) in [("a.xlsx", "Chiềng Mung"), ("b.xlsx", "Mường Bon")] {
        let o = mapped(d, "import", &p, "odk.toml", &["--commune", commune], file);
        assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    }
    let all = index_json(d, &p, &["--all"]);
    let units = all["units"].as_array().unwrap();
    assert_eq!(units.len(), 1, "{all}");
    let u = &units[0];
    assert_eq!(u["unit"], "Tỉnh Sơn La");
    assert_eq!(u["respondents"], 3);
    // Q1 5, 1, 4; Q2 4, 2, [9] → 3 of 5. Q3 10, 3, 9 → 2 − 1 of 3 → 33,33.
    assert_eq!(figure(u, "D1_top2"), (3, 5, "60,00".into()));
    assert_eq!(figure(u, "Q3_nps"), (1, 3, "33,33".into()));
    // One commune of a province-wide pack is not a unit of it.
    let o = run(d, &["index", "--pack-file", &p, "--commune", "Chiềng Mung"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--all"), "{}", stderr(&o));
}
