//! Figures defined as the published reports define them (issue #15), through the real binary:
//! forms with a dissatisfied content item, the pooled rate and its check, and thresholds that
//! no document sets, listed as such in the text, the JSON and the dossier.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::*;
use serde_json::Value;
use std::path::Path;

const SAT: &str = "Hài lòng";
const DIS: &str = "Không hài lòng";

/// Three forms: one dissatisfied on the overall question only, one on item 3 only, one on
/// nothing. Item 5 is left blank on the last form.
fn commune(dir: &Path) {
    let mut c = Canonical::small();
    let answers = |f: &dyn Fn(usize) -> &'static str| -> Vec<String> {
        (1..=19).map(|i| f(i).to_string()).collect()
    };
    let overall_only = answers(&|i| if i == 19 { DIS } else { SAT });
    let item3_only = answers(&|i| if i == 3 { DIS } else { SAT });
    let blank5 = answers(&|i| if i == 5 { "" } else { SAT });
    c.ballots = vec![
        ("Bản Nà Sản".into(), "1".into(), overall_only),
        ("Bản Nà Sản".into(), "2".into(), item3_only),
        ("Bản Co Muông".into(), "1".into(), blank5),
    ];
    c.write(&dir.join("xa.xlsx"));
    assert_eq!(run(dir, &["import", "xa.xlsx"]).status.code(), Some(0));
}

fn export(dir: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    let o = run(
        dir,
        &["export", "--commune", "chieng mung", "--out", "hs.xlsx"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    open_workbook(dir.join("hs.xlsx")).unwrap()
}

fn strings(range: &calamine::Range<Data>) -> Vec<(u32, u32, String)> {
    range
        .cells()
        .filter_map(|(r, c, d)| match d {
            Data::String(s) => Some((r as u32, c as u32, s.clone())),
            _ => None,
        })
        .collect()
}

fn number_right_of(range: &calamine::Range<Data>, label: &str, col: u32) -> f64 {
    let (r, _, _) = strings(range)
        .into_iter()
        .find(|(_, _, s)| s.starts_with(label))
        .unwrap_or_else(|| panic!("no {label:?}"));
    match range.get_value((r, col)) {
        Some(Data::Float(f)) => *f,
        other => panic!("{label}: {other:?}"),
    }
}

/// The count included the overall question, so a form dissatisfied only overall was counted as
/// one "with a dissatisfied content item" (issue #15, point 1).
#[test]
fn regression_forms_with_a_dissatisfied_content_item_leave_out_the_overall_question() {
    let t = tempfile::tempdir().unwrap();
    commune(t.path());
    let v = score_json(t.path(), "chieng mung");
    assert_eq!(v["forms_with_any_dissatisfied"], 1);
    assert_eq!(v["overall"]["dissatisfied"], 1);
    let text = stdout(&run(t.path(), &["score", "--commune", "chieng mung"]));
    assert!(
        text.contains("Phiếu có ít nhất một nội dung không hài lòng: 1 "),
        "{text}"
    );
    let mut wb = export(t.path());
    let s = wb.worksheet_range("Tổng hợp").unwrap();
    assert_eq!(
        number_right_of(&s, "Số phiếu có ít nhất một nội dung không hài lòng", 5),
        1.0
    );
    assert_eq!(
        number_right_of(&s, "Số phiếu không hài lòng ở câu hỏi chung", 5),
        1.0
    );
}

/// 3 forms × 18 content items = 54 slots: 1 blank, 1 not satisfied, so 52 / 53 = 98,11 %.
#[test]
fn the_pooled_rate_leaves_blanks_out_and_can_be_a_check() {
    let t = tempfile::tempdir().unwrap();
    commune(t.path());
    let v = score_json(t.path(), "chieng mung");
    let p = &v["pooled"];
    assert_eq!(
        (&p["satisfied"], &p["answers"], &p["blank"]),
        (&52.into(), &53.into(), &1.into())
    );
    assert_eq!(p["rate_display"], "98,11");
    // The check, as a province writes it: 98,11 % passes 98 with 52 − ⌈51,94⌉ = 0 answers to
    // spare, and fails 98.2 one answer short.
    for (threshold, passed, margin) in [("98", true, 0), ("98.2", false, -1)] {
        std::fs::write(
            t.path().join("ws/tinh.toml"),
            format!(
                "[pack]\nid = \"tinh\"\ntitle = \"Tỉnh\"\nextends = \"son-la-267kh\"\nsource = \"KH\"\nverified = true\n\
                 [forms.xa-ntm.pooled_min]\nthreshold_pct = \"{threshold}\"\nsource = \"KH mục 4\"\nverified = true\n"
            ),
        )
        .unwrap();
        std::fs::write(t.path().join("ws/hailong.toml"), "rules = \"tinh.toml\"\n").unwrap();
        let v = score_json(t.path(), "chieng mung");
        let c = v["verdict"]["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["check"] == "pooled_min")
            .unwrap()
            .clone();
        assert_eq!(c["value_display"], "98,11");
        assert_eq!(c["passed"], passed, "{threshold}");
        assert_eq!(c["margin_households"], margin, "{threshold}");
        assert_eq!(c["margin_unit"], "answers");
    }
}

#[test]
fn a_threshold_without_a_source_is_listed_everywhere_and_not_applied() {
    let t = tempfile::tempdir().unwrap();
    commune(t.path());
    let v = score_json(t.path(), "chieng mung");
    let checks: Vec<&str> = v["verdict"]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["check"].as_str().unwrap())
        .collect();
    assert!(!checks.contains(&"participation_area"), "{checks:?}");
    let ns = &v["verdict"]["no_source"];
    assert_eq!(ns[0]["check"], "participation_area");
    assert_eq!(ns[0]["threshold_display"], "50");
    for lang in [&[][..], &["--lang", "en"][..]] {
        let mut args = vec!["score", "--commune", "chieng mung"];
        args.extend_from_slice(lang);
        let text = stdout(&run(t.path(), &args));
        let needle = if lang.is_empty() {
            "KHÔNG CÓ NGUỒN, không áp dụng"
        } else {
            "NO SOURCE, not applied"
        };
        assert!(text.contains(needle), "{text}");
    }
    let mut wb = export(t.path());
    for sheet in ["Tổng hợp", "Nguồn và kiểm tra"] {
        let s = wb.worksheet_range(sheet).unwrap();
        let cells = strings(&s);
        let row = cells
            .iter()
            .find(|(_, _, x)| x == "Không có nguồn")
            .unwrap_or_else(|| panic!("{sheet}: no \"Không có nguồn\""))
            .0;
        assert!(
            cells
                .iter()
                .any(|(r, _, x)| *r == row && x.starts_with("Tỷ lệ hộ tham gia thấp nhất")),
            "{sheet}: {cells:?}"
        );
    }
}

/// Row heights (points) the sheet at `index` (1-based) sets, by 0-based row.
fn row_heights(path: &Path, index: usize) -> std::collections::BTreeMap<u32, f64> {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    z.by_name(&format!("xl/worksheets/sheet{index}.xml"))
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml.split("<row ")
        .skip(1)
        .filter_map(|row| {
            let head = row.split('>').next().unwrap();
            let attr = |k: &str| {
                head.split(&format!("{k}=\""))
                    .nth(1)
                    .and_then(|x| x.split('"').next())
                    .map(str::to_string)
            };
            Some((
                attr("r")?.parse::<u32>().ok()? - 1,
                attr("ht")?.parse().ok()?,
            ))
        })
        .collect()
}

/// A one-line reason gave its row one line of height, and the item statement merged beside it
/// (four lines in a 40-character column) was cut off on the printed page (issue #15, point 7).
#[test]
fn regression_a_reason_row_is_tall_enough_for_the_item_statement_beside_it() {
    let t = tempfile::tempdir().unwrap();
    let mut c = Canonical::small();
    c.ballots[0].2[2] = DIS.into();
    let mut sheets = c.sheets();
    sheets[1].1[3].resize(2 + 19, Cell::E);
    sheets[1].1[3].push(s("Đường xấu"));
    write_xlsx(&t.path().join("xa.xlsx"), &sheets);
    assert_eq!(run(t.path(), &["import", "xa.xlsx"]).status.code(), Some(0));
    let mut wb = export(t.path());
    let reasons = wb.worksheet_range("Lý do chưa hài lòng").unwrap();
    let (row, _, _) = strings(&reasons)
        .into_iter()
        .find(|(_, c, x)| *c == 2 && x == "Đường xấu")
        .expect("the reason is listed");
    let statement = match reasons.get_value((row, 1)) {
        Some(Data::String(x)) => x.clone(),
        other => panic!("{other:?}"),
    };
    let lines = (statement.chars().count() as f64 / 40.0).ceil();
    assert!(lines >= 2.0, "{statement}");
    let h = row_heights(&t.path().join("hs.xlsx"), 4)[&row];
    assert!(h >= 15.0 * lines, "{h} pt for {lines} lines: {statement}");
}

/// Invalid forms are counted per ground the pack enables, in JSON, text and the dossier
/// (issue #15, point 4: the grounds the stored answers can tell apart).
#[test]
fn invalid_forms_are_counted_per_enabled_ground() {
    let t = tempfile::tempdir().unwrap();
    let mut c = Canonical::small();
    c.ballots[1].2 = vec![String::new(); 19];
    c.ballots[2].2[3] = "x".into();
    c.write(&t.path().join("xa.xlsx"));
    let (_, v) = import(t.path(), &["xa.xlsx"]);
    assert_eq!(v["files"][0]["accepted"], 3, "{v}");
    // Shipped rule: only an all-blank form is invalid.
    let v = score_json(t.path(), "chieng mung");
    assert_eq!(v["forms"]["invalid"], 1);
    let g = &v["forms"]["invalid_by_ground"];
    assert_eq!(
        (&g["all_blank"], &g["any_invalid_item"]),
        (&1.into(), &Value::Null)
    );
    // A pack that also refuses a form with an invalid answer.
    use_invalid_form_pack(
        &t.path().join("ws"),
        "all_blank = true\nany_invalid_item = true",
    );
    let v = score_json(t.path(), "chieng mung");
    assert_eq!(v["forms"]["invalid"], 2);
    assert_eq!(v["forms"]["counted"], 1);
    let g = &v["forms"]["invalid_by_ground"];
    assert_eq!(
        (&g["all_blank"], &g["any_invalid_item"]),
        (&1.into(), &1.into())
    );
    let text = stdout(&run(t.path(), &["score", "--commune", "chieng mung"]));
    assert!(
        text.contains(
            "Phiếu không hợp lệ theo căn cứ: để trống tất cả các câu: 1; có câu trả lời không hợp lệ: 1"
        ),
        "{text}"
    );
    let mut wb = export(t.path());
    let s = wb.worksheet_range("Tổng hợp").unwrap();
    assert_eq!(
        number_right_of(&s, "— trong đó: để trống tất cả các câu", 5),
        1.0
    );
    assert_eq!(
        number_right_of(&s, "— trong đó: có câu trả lời không hợp lệ", 5),
        1.0
    );
}

#[test]
fn forms_the_commune_marked_invalid_count_under_the_marked_ground_when_the_pack_enables_it() {
    let t = tempfile::tempdir().unwrap();
    let c = Canonical::small();
    let mut sheets = c.sheets();
    // A "Không hợp lệ (lý do)" column after the others; the second form is marked.
    add_marked_column(&mut sheets, 1);
    write_xlsx(&t.path().join("xa.xlsx"), &sheets);
    let (_, v) = import(t.path(), &["xa.xlsx"]);
    assert_eq!(v["files"][0]["accepted"], 3, "{v}");
    // The "lý do" in the heading is not the reasons column.
    let v = score_json(t.path(), "chieng mung");
    assert_eq!(
        v["forms"]["invalid"], 0,
        "the shipped rule does not use the mark"
    );
    use_invalid_form_pack(
        &t.path().join("ws"),
        "all_blank = true\nany_invalid_item = false\nmarked = true",
    );
    let v = score_json(t.path(), "chieng mung");
    assert_eq!(v["forms"]["invalid"], 1);
    assert_eq!(v["forms"]["counted"], 2);
    assert_eq!(v["forms"]["invalid_by_ground"]["marked"], 1);
    assert_eq!(v["forms"]["invalid_by_ground"]["all_blank"], 0);
    let text = stdout(&run(t.path(), &["score", "--commune", "chieng mung"]));
    assert!(text.contains("xã ghi là không hợp lệ: 1"), "{text}");
    let mut wb = export(t.path());
    let sheet = wb.worksheet_range("Tổng hợp").unwrap();
    assert_eq!(
        number_right_of(&sheet, "— trong đó: xã ghi là không hợp lệ", 5),
        1.0
    );
}
