//! Intake that shows its reading and never stores a misreading (issue 20): one named test per
//! class of workbook that used to be stored with wrong figures, each through the real binary
//! on a workbook written here, asserting the figures `score` then reports (or that nothing was
//! stored) and what the reading says.

mod common;
use common::*;
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

const ITEMS: usize = 19;

/// A commune's truth: areas with households, and forms (area, answers, other opinion).
struct Truth {
    areas: Vec<(&'static str, u32)>,
    forms: Vec<(&'static str, Vec<&'static str>, &'static str)>,
}

fn truth() -> Truth {
    let hl = || vec!["Hài lòng"; ITEMS];
    let mut some_no = hl();
    some_no[2] = "Không hài lòng";
    some_no[18] = "Không hài lòng";
    Truth {
        areas: vec![("Bản Nà Sản", 6), ("Bản Co Muông", 5)],
        forms: vec![
            ("Bản Nà Sản", hl(), "Đề nghị làm đường"),
            ("Bản Nà Sản", some_no.clone(), ""),
            ("Bản Nà Sản", hl(), ""),
            ("Bản Nà Sản", hl(), ""),
            ("Bản Co Muông", some_no, "Cần thêm đèn"),
            ("Bản Co Muông", hl(), ""),
            ("Bản Co Muông", hl(), ""),
        ],
    }
}

/// The register sheet, with the commune line.
fn register(t: &Truth, extra: &[Vec<Cell>]) -> Placed {
    let mut p = Placed::new("Khu dân cư");
    p.row(0, 0, vec![s("Xã:"), s("Xã Chiềng Mung")]);
    p.row(1, 0, vec![s("Mẫu phiếu:"), s("xa-ntm")]);
    p.row(3, 0, vec![s("STT"), s("Khu dân cư"), s("Tổng số hộ")]);
    let mut r = 4;
    for (i, (a, h)) in t.areas.iter().enumerate() {
        p.row(r, 0, vec![n(i as f64 + 1.0), s(a), n(*h as f64)]);
        r += 1;
    }
    for row in extra {
        p.row(r, 0, row.clone());
        r += 1;
    }
    p
}

/// The forms sheet: header at row 3 (`STT | Khu dân cư | Câu 1 … | Ý kiến khác`), forms
/// from row 4; `extra` rows follow the forms.
fn forms(t: &Truth, header: impl Fn(usize) -> String, extra: &[Vec<Cell>]) -> Placed {
    let mut p = Placed::new("Phiếu");
    p.row(0, 0, vec![s("BIỂU TỔNG HỢP PHIẾU LẤY Ý KIẾN")]);
    let mut h = vec![s("STT"), s("Khu dân cư")];
    h.extend((1..=ITEMS).map(|i| s(&header(i))));
    h.push(s("Ý kiến khác"));
    p.row(2, 0, h);
    let mut r = 3;
    for (i, (a, answers, other)) in t.forms.iter().enumerate() {
        let mut row = vec![n(i as f64 + 1.0), s(a)];
        row.extend(answers.iter().map(|x| s(x)));
        row.push(if other.is_empty() { Cell::E } else { s(other) });
        p.row(r, 0, row);
        r += 1;
    }
    for row in extra {
        p.row(r, 0, row.clone());
        r += 1;
    }
    p
}

fn cau(i: usize) -> String {
    format!("Câu {i}")
}

/// Imports `file` into `dir/ws` and returns the exit code and the file's report.
fn import_one(dir: &Path, file: &Path, extra: &[&str]) -> (Option<i32>, serde_json::Value) {
    let mut args = vec![file.to_str().unwrap()];
    args.extend_from_slice(extra);
    let (code, v) = import(dir, &args);
    (code, v["files"][0].clone())
}

/// Asserts that the commune's score shows exactly the truth: households, forms returned, and
/// per item the satisfied and not satisfied counts, and the other opinions.
fn assert_scores_truth(dir: &Path, t: &Truth) {
    let v = score_json(dir, "Chiềng Mung");
    let households: u32 = t.areas.iter().map(|a| a.1).sum();
    assert_eq!(v["households"]["total"], households, "{v}");
    assert_eq!(v["forms"]["returned"], t.forms.len(), "{v}");
    for i in 0..ITEMS {
        let sat = t.forms.iter().filter(|f| f.1[i] == "Hài lòng").count();
        let dis = t
            .forms
            .iter()
            .filter(|f| f.1[i] == "Không hài lòng")
            .count();
        let item = if i + 1 == ITEMS {
            &v["overall"]
        } else {
            &v["items"][i]
        };
        assert_eq!(item["satisfied"], sat, "item {}: {item}", i + 1);
        assert_eq!(item["dissatisfied"], dis, "item {}: {item}", i + 1);
    }
    let opinions = t.forms.iter().filter(|f| !f.2.is_empty()).count();
    assert_eq!(v["other_opinions"], opinions, "{v}");
}

fn excluded_whys(report: &serde_json::Value) -> Vec<String> {
    report["reading"]["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["excluded"].as_array().unwrap().clone())
        .map(|e| e["why"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn plain_workbook_reads_to_the_truth() {
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let f = d.path().join("x.xlsx");
    write_placed(&f, &[register(&t, &[]), forms(&t, cau, &[])]);
    let (code, r) = import_one(d.path(), &f, &[]);
    assert_eq!(code, Some(0), "{r}");
    assert_scores_truth(d.path(), &t);
}

#[test]
fn repeated_household_names_are_two_households() {
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let mut p = forms(&t, cau, &[]);
    // A name column after the answers: "Lò Văn Ước" heads two households of Bản Nà Sản.
    let c = (2 + ITEMS + 1) as u16;
    p.row(2, c, vec![s("Họ và tên chủ hộ")]);
    for r in 3..3 + t.forms.len() as u32 {
        p.row(
            r,
            c,
            vec![s(if r < 6 {
                "Lò Văn Ước"
            } else {
                "Quàng Thị Xuân"
            })],
        );
    }
    let f = d.path().join("x.xlsx");
    write_placed(&f, &[register(&t, &[]), p]);
    let (code, r) = import_one(d.path(), &f, &[]);
    assert_eq!(code, Some(0), "{r}");
    assert_eq!(r["rejected"], 0, "{r}");
    assert_scores_truth(d.path(), &t);
}

#[test]
fn totals_row_under_the_forms_is_not_a_form() {
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    // "Cộng" with the count of "Hài lòng" per item, in the STT column.
    let mut total = vec![s("Cộng"), Cell::E];
    for i in 0..ITEMS {
        total.push(n(
            t.forms.iter().filter(|f| f.1[i] == "Hài lòng").count() as f64
        ));
    }
    let f = d.path().join("x.xlsx");
    write_placed(&f, &[register(&t, &[]), forms(&t, cau, &[total])]);
    let (code, r) = import_one(d.path(), &f, &[]);
    assert_eq!(code, Some(0), "{r}");
    assert_eq!(r["rows_read"], t.forms.len(), "{r}");
    assert!(excluded_whys(&r).contains(&"totals".to_string()), "{r}");
    assert_scores_truth(d.path(), &t);
}

#[test]
fn unlabelled_totals_row_is_recognised_by_its_arithmetic() {
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let mut total = vec![Cell::E, Cell::E];
    for i in 0..ITEMS {
        total.push(n(
            t.forms.iter().filter(|f| f.1[i] == "Hài lòng").count() as f64
        ));
    }
    let f = d.path().join("x.xlsx");
    write_placed(&f, &[register(&t, &[]), forms(&t, cau, &[total])]);
    let (code, r) = import_one(d.path(), &f, &[]);
    assert_eq!(code, Some(0), "{r}");
    assert!(
        excluded_whys(&r).contains(&"totals_by_arithmetic".to_string()),
        "{r}"
    );
    assert_scores_truth(d.path(), &t);
}

#[test]
fn commune_totals_row_under_the_register_is_not_an_area() {
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let total = vec![Cell::E, s("Cộng toàn xã"), n(11.0)];
    let f = d.path().join("x.xlsx");
    write_placed(&f, &[register(&t, &[total]), forms(&t, cau, &[])]);
    let (code, r) = import_one(d.path(), &f, &[]);
    assert_eq!(code, Some(0), "{r}");
    assert_eq!(r["register_areas"], 2, "{r}");
    assert_scores_truth(d.path(), &t);
}

#[test]
fn register_totals_that_do_not_add_up_store_nothing() {
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let total = vec![Cell::E, s("Tổng cộng"), n(12.0)];
    let f = d.path().join("x.xlsx");
    write_placed(&f, &[register(&t, &[total]), forms(&t, cau, &[])]);
    let (code, r) = import_one(d.path(), &f, &[]);
    assert_eq!(code, Some(2), "{r}");
    assert_eq!(r["outcome"], "doubtful", "{r}");
    let text = r["problems"].to_string();
    assert!(text.contains("totals_mismatch"), "{r}");
    let o = run(d.path(), &["score", "--commune", "Chiềng Mung", "--json"]);
    assert!(!o.status.success(), "{}", stdout(&o));
}

#[test]
fn date_line_and_signature_block_are_not_forms() {
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    // The date and the signatures stand under the item columns, as they are printed.
    let mut date = vec![Cell::E; 12];
    date.push(s("Chiềng Mung, ngày 15 tháng 10 năm 2025"));
    let mut titles = vec![Cell::E, s("Người tổng hợp")];
    titles.resize(12, Cell::E);
    titles.push(s("TRƯỞNG BAN CÔNG TÁC MẶT TRẬN"));
    let mut sign = vec![Cell::E, s("(Ký, ghi rõ họ tên)")];
    sign.resize(12, Cell::E);
    sign.push(s("(Ký, ghi rõ họ tên)"));
    let mut names = vec![Cell::E, s("Lò Thị Hoa")];
    names.resize(12, Cell::E);
    names.push(s("Cà Văn Pọm"));
    let f = d.path().join("x.xlsx");
    write_placed(
        &f,
        &[
            register(&t, &[]),
            forms(&t, cau, &[vec![], date, titles, vec![], sign, names]),
        ],
    );
    let (code, r) = import_one(d.path(), &f, &[]);
    assert_eq!(code, Some(0), "{r}");
    let whys = excluded_whys(&r);
    for w in ["date_line", "signature", "after_table"] {
        assert!(whys.contains(&w.to_string()), "{w}: {r}");
    }
    assert_scores_truth(d.path(), &t);
}

#[test]
fn hidden_sheet_with_an_older_copy_is_not_read() {
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let f = d.path().join("x.xlsx");
    let mut wb = Workbook::new();
    add_placed(&mut wb, &register(&t, &[]));
    add_placed(&mut wb, &forms(&t, cau, &[]));
    // The older copy, hidden, with one more form: read, its forms would count twice.
    let mut extra = vec![n(8.0), s("Bản Nà Sản")];
    extra.extend((0..ITEMS).map(|_| s("Hài lòng")));
    let mut old = forms(&t, cau, &[extra]);
    old.name = "Phiếu (cũ)".into();
    add_placed(&mut wb, &old).set_hidden(true);
    wb.save(&f).unwrap();
    let (code, r) = import_one(d.path(), &f, &[]);
    assert_eq!(code, Some(0), "{r}");
    let hidden: Vec<&serde_json::Value> = r["reading"]["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["status"] == "hidden")
        .collect();
    assert_eq!(hidden.len(), 1, "{r}");
    assert_eq!(hidden[0]["name"], "Phiếu (cũ)");
    assert_scores_truth(d.path(), &t);
}

#[test]
fn words_for_no_opinion_are_not_opinions() {
    let d = tempfile::tempdir().unwrap();
    let mut t = truth();
    let nothing = ["Không", "Không có ý kiến", "-", "không có", "Không ý kiến"];
    let f = d.path().join("x.xlsx");
    let mut p = forms(&t, cau, &[]);
    let c = (2 + ITEMS) as u16;
    let mut k = 0;
    for (i, form) in t.forms.iter().enumerate() {
        if form.2.is_empty() {
            p.row(3 + i as u32, c, vec![s(nothing[k % nothing.len()])]);
            k += 1;
        }
    }
    write_placed(&f, &[register(&t, &[]), p]);
    let (code, r) = import_one(d.path(), &f, &[]);
    assert_eq!(code, Some(0), "{r}");
    // The truth has two opinions; the five "no opinion" cells add none.
    t.forms.retain(|_| true);
    assert_scores_truth(d.path(), &t);
}

#[test]
fn commune_named_only_in_the_file_name_matches_by_whole_words() {
    let t = truth();
    for (file, commune) in [
        ("Xa Muong Lan.xlsx", "Mường Lạn"),
        ("Xã Mường La - tổng hợp.xlsx", "Mường La"),
        ("muong-lam_2025.xlsx", "Mường Lầm"),
        ("Chieng Mung.xlsx", "Chiềng Mung"),
    ] {
        let d = tempfile::tempdir().unwrap();
        let mut reg = register(&t, &[]);
        reg.cells.retain(|(r, _, _)| *r >= 2);
        let f = d.path().join(file);
        write_placed(&f, &[reg, forms(&t, cau, &[])]);
        let (code, r) = import_one(d.path(), &f, &["--form", "xa-ntm"]);
        assert_eq!(code, Some(0), "{file}: {r}");
        assert!(
            r["commune"].as_str().unwrap().ends_with(commune),
            "{file}: {}",
            r["commune"]
        );
        assert_eq!(r["reading"]["commune_from"]["how"], "file_name", "{r}");
    }
}

#[test]
fn coded_answers_are_read_by_the_legend_in_the_file() {
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let mut coded = Truth {
        areas: t.areas.clone(),
        forms: Vec::new(),
    };
    for (a, answers, o) in &t.forms {
        let codes: Vec<&'static str> = answers
            .iter()
            .map(|x| if *x == "Hài lòng" { "1" } else { "2" })
            .collect();
        coded.forms.push((*a, codes, *o));
    }
    let mut p = forms(&coded, cau, &[]);
    p.row(1, 0, vec![s("Cách ghi: 1 - Hài lòng; 2 - Không hài lòng")]);
    // Codes typed as numbers, as Excel stores them.
    for cell in p.cells.iter_mut() {
        if cell.0 >= 3
            && (2..2 + ITEMS as u16).contains(&cell.1)
            && let Cell::S(v) = &cell.2
        {
            cell.2 = n(v.parse().unwrap());
        }
    }
    let f = d.path().join("x.xlsx");
    write_placed(&f, &[register(&t, &[]), p]);
    let (code, r) = import_one(d.path(), &f, &[]);
    assert_eq!(code, Some(0), "{r}");
    assert_eq!(r["reading"]["legends"].as_array().unwrap().len(), 1, "{r}");
    assert_scores_truth(d.path(), &t);
}

#[test]
fn coded_answers_without_a_legend_are_refused_with_the_values() {
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let mut p = forms(&t, cau, &[]);
    for cell in p.cells.iter_mut() {
        if cell.0 >= 3
            && (2..2 + ITEMS as u16).contains(&cell.1)
            && let Cell::S(v) = &cell.2
        {
            cell.2 = n(if v == "Hài lòng" { 1.0 } else { 2.0 });
        }
    }
    let f = d.path().join("x.xlsx");
    write_placed(&f, &[register(&t, &[]), p]);
    let (code, r) = import_one(d.path(), &f, &[]);
    assert_eq!(code, Some(2), "{r}");
    let problems = r["problems"].to_string();
    assert!(problems.contains("not_answers"), "{r}");
    // Named with its cell: the first code of the first item's column (C4).
    let p = r["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"]["code"] == "not_answers")
        .unwrap();
    assert_eq!(p["location"]["sheet"], "Phiếu", "{p}");
    assert_eq!(p["location"]["cell"], "C4", "{p}");
    let o = run(d.path(), &["check", f.to_str().unwrap()]);
    let out = stdout(&o);
    assert!(out.contains("chú thích mã"), "{out}");
    assert!(out.contains("\"1\" ×"), "{out}");
    let o = run(d.path(), &["--lang", "en", "check", f.to_str().unwrap()]);
    assert!(stdout(&o).contains("no legend"), "{}", stdout(&o));
}

#[test]
fn yes_no_answers_to_the_overall_question_are_read() {
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let mut p = forms(&t, cau, &[]);
    let last = (2 + ITEMS - 1) as u16;
    for cell in p.cells.iter_mut() {
        if cell.0 >= 3
            && cell.1 == last
            && let Cell::S(v) = &cell.2
        {
            cell.2 = s(if v == "Hài lòng" { "Có" } else { "Không" });
        }
    }
    let f = d.path().join("x.xlsx");
    write_placed(&f, &[register(&t, &[]), p]);
    let (code, r) = import_one(d.path(), &f, &[]);
    assert_eq!(code, Some(0), "{r}");
    assert_scores_truth(d.path(), &t);
}

#[test]
fn area_cell_merged_down_its_rows_applies_to_every_row() {
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let mut p = forms(&t, cau, &[]);
    // Each area written once, merged down its forms.
    let mut start = 3u32;
    for (a, _) in &t.areas {
        let k = t.forms.iter().filter(|f| f.0 == *a).count() as u32;
        p.merges.push((start, 1, start + k - 1, 1));
        start += k;
    }
    let f = d.path().join("x.xlsx");
    write_placed(&f, &[register(&t, &[]), p]);
    let (code, r) = import_one(d.path(), &f, &[]);
    assert_eq!(code, Some(0), "{r}");
    assert_scores_truth(d.path(), &t);
    let filled: u64 = r["reading"]["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["merged_cells_filled"].as_u64().unwrap())
        .sum();
    assert_eq!(filled, t.forms.len() as u64 - 2, "{r}");
}

#[test]
fn three_row_merged_header_with_marker_columns_is_read() {
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let mut p = Placed::new("Tổng hợp phiếu");
    // Row 1: STT, Bản (each merged down three rows), a group heading over the items; row 2:
    // item numbers, each merged over two columns; row 3: Hài lòng | Không hài lòng.
    p.row(0, 0, vec![s("STT"), s("Bản"), s("Nội dung lấy ý kiến")]);
    p.merges.push((0, 0, 2, 0));
    p.merges.push((0, 1, 2, 1));
    p.merges.push((0, 2, 0, 2 + 2 * ITEMS as u16 - 1));
    for i in 0..ITEMS as u16 {
        let c = 2 + 2 * i;
        p.row(1, c, vec![s(&format!("{}", i + 1))]);
        p.merges.push((1, c, 1, c + 1));
        p.row(2, c, vec![s("HL"), s("KHL")]);
    }
    for (k, (a, answers, _)) in t.forms.iter().enumerate() {
        let r = 3 + k as u32;
        p.row(r, 0, vec![n(k as f64 + 1.0), s(a)]);
        for (i, x) in answers.iter().enumerate() {
            let c = 2 + 2 * i as u16 + u16::from(*x != "Hài lòng");
            p.row(r, c, vec![s("x")]);
        }
    }
    let f = d.path().join("x.xlsx");
    let mut t2 = truth();
    for f in t2.forms.iter_mut() {
        f.2 = "";
    }
    write_placed(&f, &[register(&t, &[]), p]);
    let (code, r) = import_one(d.path(), &f, &[]);
    assert_eq!(code, Some(0), "{r}");
    let sheet = &r["reading"]["sheets"][1];
    assert_eq!(sheet["header_rows"], serde_json::json!([1, 3]), "{r}");
    assert_scores_truth(d.path(), &t2);
}

#[test]
fn item_headers_that_carry_their_text_are_items() {
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let names = [
        "Quy hoạch",
        "Giao thông",
        "Thủy lợi và phòng, chống thiên tai",
        "Điện",
        "Trường học",
        "Cơ sở vật chất văn hóa",
        "Cơ sở hạ tầng thương mại nông thôn",
        "Thông tin và Truyền thông",
        "Nhà ở dân cư",
        "Thu nhập",
        "Nghèo đa chiều",
        "Lao động",
        "Tổ chức sản xuất",
        "Giáo dục và Đào tạo",
        "Y tế",
        "Văn hóa",
        "Môi trường và an toàn thực phẩm",
        "Hệ thống chính trị và tiếp cận pháp luật",
        "Hài lòng chung",
    ];
    for style in 0..3 {
        let d2 = tempfile::tempdir().unwrap();
        let header = |i: usize| match style {
            0 => format!("Câu {i}. {}", names[i - 1]),
            1 => format!("{i}. {}", names[i - 1]),
            _ => format!("Nội dung {i}: {}", names[i - 1]),
        };
        let f = d2.path().join("x.xlsx");
        write_placed(&f, &[register(&t, &[]), forms(&t, header, &[])]);
        let (code, r) = import_one(d2.path(), &f, &[]);
        assert_eq!(code, Some(0), "style {style}: {r}");
        assert_scores_truth(d2.path(), &t);
    }
    drop(d);
}

#[test]
fn a_file_with_many_rows_rejected_is_not_stored_unless_accepted() {
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let mut p = forms(&t, cau, &[]);
    // Two of seven forms name an area the register does not have.
    for cell in p.cells.iter_mut() {
        if (cell.0 == 3 || cell.0 == 4) && cell.1 == 1 {
            cell.2 = s("Bản Không Có");
        }
    }
    let f = d.path().join("x.xlsx");
    write_placed(&f, &[register(&t, &[]), p]);
    let o = run(d.path(), &["import", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains("KHÔNG LƯU"), "{out}");
    assert!(out.contains("--accept-partial"), "{out}");
    // The reading is shown in full.
    assert!(out.contains("Sheet \"Phiếu\""), "{out}");
    let o = run(d.path(), &["score", "--commune", "Chiềng Mung", "--json"]);
    assert!(!o.status.success(), "{}", stdout(&o));
    let (code, r) = import_one(d.path(), &f, &["--accept-partial"]);
    assert_eq!(code, Some(1), "{r}");
    assert_eq!(r["outcome"], "stored", "{r}");
    assert!(
        r["problems"].to_string().contains("partial_accepted"),
        "{r}"
    );
    let v = score_json(d.path(), "Chiềng Mung");
    assert_eq!(v["forms"]["returned"], 5, "{v}");
}

#[test]
fn check_prints_the_reading_and_import_its_summary() {
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let total = vec![s("Cộng"), Cell::E];
    let f = d.path().join("x.xlsx");
    write_placed(&f, &[register(&t, &[]), forms(&t, cau, &[total])]);
    let o = run(d.path(), &["check", f.to_str().unwrap()]);
    let out = stdout(&o);
    assert!(out.contains("Sheet \"Phiếu\": đã đọc"), "{out}");
    assert!(out.contains("B = khu dân cư"), "{out}");
    assert!(out.contains("Dòng 11: dòng cộng/tổng"), "{out}");
    assert!(out.contains("\"Hài lòng\" → Hài lòng"), "{out}");
    let o = run(d.path(), &["--lang", "en", "check", f.to_str().unwrap()]);
    assert!(stdout(&o).contains("Row 11: totals row"), "{}", stdout(&o));
    let o = run(d.path(), &["import", f.to_str().unwrap()]);
    let out = stdout(&o);
    assert!(out.contains("không phải phiếu: 1 dòng cộng/tổng"), "{out}");
    let o = run(d.path(), &["check", "--json", f.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["files"][0]["reading"]["sheets"][1]["columns"][1]["role"],
        "area"
    );
    let _ = Format::new();
}

#[test]
fn a_visible_copy_of_the_forms_sheet_is_read_once() {
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let mut copy = forms(&t, cau, &[]);
    copy.name = "Phiếu (2)".into();
    let f = d.path().join("x.xlsx");
    write_placed(&f, &[register(&t, &[]), forms(&t, cau, &[]), copy]);
    let (code, r) = import_one(d.path(), &f, &[]);
    assert_eq!(code, Some(0), "{r}");
    let sheet = &r["reading"]["sheets"][2];
    assert_eq!(sheet["status"], "copy", "{r}");
    assert_eq!(sheet["copy_of"], "Phiếu", "{r}");
    assert_scores_truth(d.path(), &t);
}

#[test]
fn a_tally_whose_totals_row_does_not_add_up_stores_nothing() {
    let d = tempfile::tempdir().unwrap();
    let mut p = tally_header(19);
    let rows = [("Bản Nà Sản", 6.0, 4.0), ("Bản Co Muông", 5.0, 3.0)];
    for (k, (a, hh, returned)) in rows.iter().enumerate() {
        let mut row = vec![n(k as f64 + 1.0), s(a), n(*hh), n(*hh), n(*returned)];
        for _ in 0..19 {
            row.extend([n(*returned), n(0.0)]);
        }
        p.row(4 + k as u32, 0, row);
    }
    // Forms returned: 4 + 3 = 7, but the totals row says 8.
    p.row(
        6,
        0,
        vec![Cell::E, s("Tổng cộng"), n(11.0), n(11.0), n(8.0)],
    );
    let f = d.path().join("tong-hop.xlsx");
    write_placed(&f, std::slice::from_ref(&p));
    let (code, r) = import_one(d.path(), &f, &[]);
    assert_eq!(code, Some(2), "{r}");
    assert_eq!(r["outcome"], "doubtful", "{r}");
    assert!(r["problems"].to_string().contains("\"computed\":7"), "{r}");
    // Written right, the same sheet is stored.
    let mut p2 = p;
    p2.cells.retain(|c| c.0 != 6);
    p2.row(
        6,
        0,
        vec![Cell::E, s("Tổng cộng"), n(11.0), n(11.0), n(7.0)],
    );
    write_placed(&f, &[p2]);
    let (code, r) = import_one(d.path(), &f, &[]);
    assert_eq!(code, Some(0), "{r}");
}

#[test]
fn a_file_name_naming_two_communes_is_refused_with_the_candidates() {
    let t = truth();
    let d = tempfile::tempdir().unwrap();
    let mut reg = register(&t, &[]);
    reg.cells.retain(|(r, _, _)| *r >= 2);
    let f = d.path().join("Chieng Mung - Muong Bu.xlsx");
    write_placed(&f, &[reg, forms(&t, cau, &[])]);
    let (code, r) = import_one(d.path(), &f, &["--form", "xa-ntm"]);
    assert_eq!(code, Some(2), "{r}");
    let p = r["problems"].to_string();
    assert!(p.contains("commune_name_ambiguous"), "{r}");
    assert!(p.contains("Chiềng Mung") && p.contains("Mường Bú"), "{r}");
}

#[test]
fn a_header_repeated_at_a_page_break_is_not_a_form() {
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let mut p = forms(&t, cau, &[]);
    // The header again after the third form, as a printed page break repeats it.
    let mut header = vec![s("STT"), s("Khu dân cư")];
    header.extend((1..=ITEMS).map(|i| s(&cau(i))));
    header.push(s("Ý kiến khác"));
    let moved: Vec<(u32, u16, Cell)> = p
        .cells
        .iter()
        .filter(|c| c.0 >= 6)
        .map(|(r, c, v)| (r + 1, *c, v.clone()))
        .collect();
    p.cells.retain(|c| c.0 < 6);
    p.cells.extend(moved);
    p.row(6, 0, header);
    let f = d.path().join("x.xlsx");
    write_placed(&f, &[register(&t, &[]), p]);
    let (code, r) = import_one(d.path(), &f, &[]);
    assert_eq!(code, Some(0), "{r}");
    assert!(
        excluded_whys(&r).contains(&"repeated_header".to_string()),
        "{r}"
    );
    assert_scores_truth(d.path(), &t);
}

#[test]
fn the_errors_workbook_carries_the_reading() {
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let total = vec![s("Cộng"), Cell::E];
    let f = d.path().join("x.xlsx");
    write_placed(&f, &[register(&t, &[]), forms(&t, cau, &[total])]);
    let o = run(
        d.path(),
        &["check", "--errors-xlsx", "loi.xlsx", f.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let wb = read_xlsx(&d.path().join("loi.xlsx"));
    let reading = wb
        .iter()
        .find(|s| s.0 == "Cách đọc")
        .expect("a reading sheet");
    assert_eq!(text(reading, 0, 4), "Đã đọc thế nào");
    let rows: Vec<String> = (1..reading.1.len())
        .map(|r| {
            (0..5)
                .map(|c| text(reading, r, c))
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect();
    assert!(
        rows.iter()
            .any(|r| r.contains("Phiếu | dòng 11 | Không phải phiếu | dòng cộng/tổng")),
        "{rows:#?}"
    );
    assert!(
        rows.iter().any(|r| r.contains("| B | Cột | khu dân cư")),
        "{rows:#?}"
    );
}

#[test]
fn an_ods_from_libreoffice_with_a_hidden_copy_and_merged_areas_reads_exactly() {
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let mut p = forms(&t, cau, &[]);
    let mut start = 3u32;
    for (a, _) in &t.areas {
        let k = t.forms.iter().filter(|f| f.0 == *a).count() as u32;
        p.merges.push((start, 1, start + k - 1, 1));
        start += k;
    }
    // The older copy, hidden as LibreOffice hides a sheet: with one more form.
    let mut old = forms(&t, cau, &[]);
    old.name = "Phiếu cũ".into();
    old.row(20, 1, vec![s("Bản Nà Sản"), s("Hài lòng")]);
    let f = d.path().join("x.ods");
    write_ods(&f, &[register(&t, &[]), p, old], &["Phiếu cũ"]);
    let (code, r) = import_one(d.path(), &f, &[]);
    assert_eq!(code, Some(0), "{r}");
    assert!(
        r["reading"].to_string().contains("\"status\":\"hidden\""),
        "{r}"
    );
    assert_scores_truth(d.path(), &t);
}

#[test]
fn an_unknown_answer_written_again_and_again_stores_nothing() {
    // Regression (blind try): an officer's own abbreviation, unknown to the reader, in every
    // "not satisfied" cell was stored as invalid answers: 0 % not satisfied everywhere.
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let mut p = forms(&t, cau, &[]);
    // The three forms of Bản Co Muông (rows 8–10): under half of each column, in 50 cells.
    for cell in p.cells.iter_mut() {
        if cell.0 >= 7 && matches!(&cell.2, Cell::S(v) if v == "Hài lòng") {
            cell.2 = s("Hài lòng lắm");
        }
    }
    let f = d.path().join("x.xlsx");
    write_placed(&f, &[register(&t, &[]), p]);
    let (code, r) = import_one(d.path(), &f, &[]);
    assert_eq!(code, Some(2), "{r}");
    assert_eq!(r["outcome"], "doubtful", "{r}");
    assert!(r["problems"].to_string().contains("Hài lòng lắm"), "{r}");
}

#[test]
fn subtotals_after_each_area_labelled_or_not_are_not_forms() {
    // Regression (blind try): a subtotal after each bản was checked against every row above,
    // so the second one "did not add up", and an unlabelled one after the second bản was
    // taken for a form.
    for labelled in [true, false] {
        let d = tempfile::tempdir().unwrap();
        let t = truth();
        let mut p = Placed::new("Phiếu");
        let mut h = vec![s("STT"), s("Khu dân cư")];
        h.extend((1..=ITEMS).map(|i| s(&cau(i))));
        p.row(2, 0, h);
        let mut r = 3;
        for (area, _) in &t.areas {
            let mine: Vec<_> = t.forms.iter().filter(|f| f.0 == *area).collect();
            for (k, (a, answers, _)) in mine.iter().enumerate() {
                let mut row = vec![n(k as f64 + 1.0), s(a)];
                row.extend(answers.iter().map(|x| s(x)));
                p.row(r, 0, row);
                r += 1;
            }
            let mut sub = if labelled {
                vec![s(&format!("Cộng {area}")), Cell::E]
            } else {
                vec![Cell::E, Cell::E]
            };
            for i in 0..ITEMS {
                sub.push(n(
                    mine.iter().filter(|f| f.1[i] == "Hài lòng").count() as f64
                ));
            }
            p.row(r, 0, sub);
            r += 1;
        }
        let f = d.path().join("x.xlsx");
        let mut t2 = truth();
        for f in t2.forms.iter_mut() {
            f.2 = "";
        }
        write_placed(&f, &[register(&t, &[]), p]);
        let (code, rep) = import_one(d.path(), &f, &[]);
        assert_eq!(code, Some(0), "labelled {labelled}: {rep}");
        assert!(
            !rep["problems"].to_string().contains("totals_mismatch"),
            "{rep}"
        );
        assert_eq!(excluded_whys(&rep).len(), 2, "{rep}");
        assert_scores_truth(d.path(), &t2);
    }
}

#[test]
fn areas_written_once_per_block_are_carried_to_the_forms_below_them() {
    // Regression (blind try): the area written on the first form of its block and left blank
    // below (not merged), a very common way to type a list, was refused row by row.
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let mut p = forms(&t, cau, &[]);
    let mut seen: Vec<String> = Vec::new();
    p.cells.retain(|(r, c, v)| {
        if *r < 3 || *c != 1 {
            return true;
        }
        let Cell::S(a) = v else { return true };
        if seen.contains(a) {
            false
        } else {
            seen.push(a.clone());
            true
        }
    });
    let f = d.path().join("x.xlsx");
    write_placed(&f, &[register(&t, &[]), p]);
    let (code, r) = import_one(d.path(), &f, &[]);
    assert_eq!(code, Some(0), "{r}");
    assert_eq!(r["reading"]["sheets"][1]["areas_carried"], 5, "{r}");
    assert_scores_truth(d.path(), &t);
    // A form whose area is missing in a list where areas repeat is still a missing area.
    let d = tempfile::tempdir().unwrap();
    let mut p = forms(&t, cau, &[]);
    p.cells.retain(|(r, c, _)| !(*r == 5 && *c == 1));
    let f = d.path().join("x.xlsx");
    write_placed(&f, &[register(&t, &[]), p]);
    let (_, r) = import_one(d.path(), &f, &["--accept-partial"]);
    assert_eq!(r["rejected"], 1, "{r}");
    assert!(r["problems"].to_string().contains("missing_area"), "{r}");
}

#[test]
fn a_commune_named_only_in_a_title_line_is_found_and_said() {
    // Regression (blind try): "BIỂU TỔNG HỢP … - XÃ MƯỜNG LẠN" was the only place the commune
    // was written, and the file was refused.
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let mut reg = register(&t, &[]);
    reg.cells.retain(|(r, _, _)| *r >= 2);
    let mut p = forms(&t, cau, &[]);
    p.cells.retain(|(r, _, _)| *r != 0);
    p.row(
        0,
        0,
        vec![s("BIỂU TỔNG HỢP PHIẾU LẤY Ý KIẾN - XÃ MƯỜNG LẠN")],
    );
    let f = d.path().join("tong-hop.xlsx");
    write_placed(&f, &[reg, p]);
    let (code, r) = import_one(d.path(), &f, &["--form", "xa-ntm"]);
    assert_eq!(code, Some(0), "{r}");
    assert_eq!(r["commune"], "Xã Mường Lạn", "{r}");
    assert_eq!(r["reading"]["commune_from"]["how"], "title", "{r}");
}

#[test]
fn rows_a_filter_hides_are_read_as_data_and_the_filter_is_said() {
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let f = d.path().join("x.xlsx");
    let mut wb = Workbook::new();
    add_placed(&mut wb, &register(&t, &[]));
    {
        let ws = add_placed(&mut wb, &forms(&t, cau, &[]));
        // A filter on the area, hiding Bản Co Muông's forms (rows 8–10).
        ws.autofilter(2, 0, 2 + t.forms.len() as u32, 1 + ITEMS as u16 + 1)
            .unwrap();
        for r in 7..10 {
            ws.set_row_hidden(r).unwrap();
        }
    }
    wb.save(&f).unwrap();
    let (code, r) = import_one(d.path(), &f, &[]);
    assert_eq!(code, Some(0), "{r}");
    assert_eq!(r["reading"]["sheets"][1]["filtered"], true, "{r}");
    assert_scores_truth(d.path(), &t);
    let o = run(d.path(), &["check", f.to_str().unwrap()]);
    assert!(stdout(&o).contains("Sheet có bộ lọc"), "{}", stdout(&o));
}

#[test]
fn a_folder_with_the_forms_before_their_register_imports_both() {
    // Regression (blind try): the forms file was read before the register's file of the same
    // folder, found no register, and was refused; the result depended on the files' names.
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let dir = d.path().join("nop");
    std::fs::create_dir(&dir).unwrap();
    let mut p = forms(&t, cau, &[]);
    p.row(1, 0, vec![s("Xã: Chiềng Mung")]);
    write_placed(&dir.join("a-phieu.xlsx"), &[p]);
    write_placed(&dir.join("b-danh-sach.xlsx"), &[register(&t, &[])]);
    let (code, v) = import(d.path(), &["nop"]);
    assert_eq!(code, Some(0), "{v}");
    assert_scores_truth(d.path(), &t);
}

#[test]
fn a_summary_by_item_beside_a_register_is_refused_not_stored_as_a_register() {
    // Regression (second blind try): a commune summary with the items as rows (Câu | HL | KHL |
    // %) beside the register was stored as the register alone: the commune showed no forms.
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let mut p = Placed::new("Tổng hợp");
    p.row(
        0,
        0,
        vec![
            s("Nội dung"),
            s("Hài lòng"),
            s("Không hài lòng"),
            s("Tỷ lệ"),
        ],
    );
    for i in 1..=ITEMS {
        p.row(i as u32, 0, vec![s(&cau(i)), n(6.0), n(1.0), s("85,71%")]);
    }
    let f = d.path().join("x.xlsx");
    write_placed(&f, &[register(&t, &[]), p]);
    let (code, r) = import_one(d.path(), &f, &[]);
    assert_eq!(code, Some(2), "{r}");
    assert!(r["problems"].to_string().contains("no_item_header"), "{r}");
}

#[test]
fn spare_item_columns_no_form_fills_are_left_out() {
    // Regression (second blind try): a template with unused "Câu 20", "Câu 21" columns was
    // refused as another form; filled, they still are.
    let d = tempfile::tempdir().unwrap();
    let t = truth();
    let mut p = forms(&t, cau, &[]);
    let c = (2 + ITEMS + 1) as u16;
    p.row(2, c, vec![s("Câu 20"), s("Câu 21")]);
    let f = d.path().join("x.xlsx");
    write_placed(&f, &[register(&t, &[]), p]);
    let (code, r) = import_one(d.path(), &f, &["--form", "xa-ntm"]);
    assert_eq!(code, Some(0), "{r}");
    assert_scores_truth(d.path(), &t);
    let mut p = forms(&t, cau, &[]);
    p.row(2, c, vec![s("Câu 20")]);
    p.row(3, c, vec![s("Hài lòng")]);
    let f = d.path().join("y.xlsx");
    write_placed(&f, &[register(&t, &[]), p]);
    let (code, r) = import_one(d.path(), &f, &["--form", "xa-ntm"]);
    assert_eq!(code, Some(2), "{r}");
    assert!(r["problems"].to_string().contains("extra_item"), "{r}");
}
