//! Recognition readiness end to end: the self-assessment workbook written by `template
//! --criteria`, filled by the test as a commune would (all met; two indicators short; a
//! contradiction; a missing indicator; unreadable dates; retyped layouts), imported, scored to
//! exact counts and exported, every workbook read back with calamine.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// Columns of the template's indicators sheet, found by their headers.
struct Layout {
    header: usize,
    code: usize,
    result: usize,
    own: usize,
}

fn layout(sheet: &Sheet) -> Layout {
    let header = (0..sheet.1.len())
        .find(|r| text(sheet, *r, 2) == "Mã chỉ tiêu")
        .expect("header row");
    let col = |name: &str| {
        (0..12)
            .find(|c| text(sheet, header, *c) == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    Layout {
        header,
        code: col("Mã chỉ tiêu"),
        result: col("Kết quả thực hiện"),
        own: col("Tự đánh giá"),
    }
}

/// A result that meets the target as the template wrote it ("≥70%" → "75%", "Đạt" → "Đạt").
fn meeting(target: &str) -> String {
    let t = target.trim_end_matches(" (*)");
    if t.contains('?') || !t.chars().any(|c| c.is_ascii_digit()) {
        return if t == "Không" {
            "Không".into()
        } else {
            "Đạt".into()
        };
    }
    let digits: String = t
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .collect();
    let v: f64 = digits.replace(',', ".").parse().unwrap();
    if t.starts_with('≤') {
        format!("{}%", v / 2.0)
    } else {
        format!("{}%", (v + 1.0).min(100.0))
    }
}

/// How the test fills a template.
#[derive(Default)]
struct Fill {
    /// Code → (result, self-assessment) overriding the all-met default.
    set: BTreeMap<String, (String, String)>,
    /// Codes whose rows are deleted.
    drop: Vec<String>,
    /// Posting dates as typed.
    postings: Vec<String>,
    /// Condition id → (Kê khai, document).
    declare: BTreeMap<String, (String, String)>,
}

fn all_met_fill() -> Fill {
    let mut f = Fill {
        postings: [
            "03/03/2025",
            "06/03/2025",
            "09/03/2025",
            "12/03/2025",
            "15/03/2025",
        ]
        .map(String::from)
        .to_vec(),
        ..Fill::default()
    };
    f.declare.insert(
        "no_debt".into(),
        ("Đạt".into(), "Báo cáo 45/BC-UBND ngày 20/02/2025".into()),
    );
    f.declare.insert(
        "security".into(),
        ("Đạt".into(), "Quyết định 12/QĐ-CAT ngày 10/01/2025".into()),
    );
    f
}

/// All met but 2.2 (62 % under ≥70 %) and 17.1, both assessed "Chưa đạt": two criteria short.
fn two_short_fill() -> Fill {
    let mut f = all_met_fill();
    f.set
        .insert("2.2".into(), ("62%".into(), "Chưa đạt".into()));
    f.set
        .insert("17.1".into(), ("Chưa đạt".into(), "Chưa đạt".into()));
    f
}

/// Reads `template`, fills it as `fill` says and writes `out` (values only, as a commune's
/// re-save of the workbook would keep them).
fn fill_template(template: &Path, out: &Path, fill: &Fill) {
    let mut sheets = read_xlsx(template);
    {
        let ind = &mut sheets[0];
        let l = layout(ind);
        let mut keep = Vec::new();
        for r in 0..ind.1.len() {
            let code = text(ind, r, l.code);
            if r > l.header && fill.drop.contains(&code) {
                continue;
            }
            keep.push(r);
        }
        for r in l.header + 1..ind.1.len() {
            let code = text(ind, r, l.code);
            if code.is_empty() || code.chars().all(|c| c.is_ascii_uppercase()) {
                continue;
            }
            let target = text(ind, r, l.code + 2);
            let (res, own) = fill
                .set
                .get(&code)
                .cloned()
                .unwrap_or_else(|| (meeting(&target), "Đạt".into()));
            set_cell(ind, r, l.result, s(&res));
            set_cell(ind, r, l.own, s(&own));
        }
        ind.1 = keep.into_iter().map(|r| ind.1[r].clone()).collect();
    }
    {
        let post = &mut sheets[1];
        let header = (0..post.1.len())
            .find(|r| text(post, *r, 1) == "Ngày công khai")
            .unwrap();
        for (k, d) in fill.postings.iter().enumerate() {
            set_cell(post, header + 1 + k, 1, s(d));
            set_cell(post, header + 1 + k, 2, s("Niêm yết"));
            set_cell(post, header + 1 + k, 3, s("Nhà văn hóa thôn/bản"));
        }
    }
    {
        let cond = &mut sheets[2];
        for r in 0..cond.1.len() {
            if let Some((v, doc)) = fill.declare.get(&text(cond, r, 0)) {
                set_cell(cond, r, 2, s(v));
                set_cell(cond, r, 3, s(doc));
            }
        }
    }
    write_xlsx(out, &sheets);
}

/// Runs `template --criteria` for `commune` (with `group`), writing `out` in `dir`; it must
/// succeed.
fn write_template(
    dir: &Path,
    set: &str,
    commune: &str,
    group: Option<&str>,
    out: &str,
) -> std::process::Output {
    let mut args = vec![
        "template",
        "--criteria",
        set,
        "--commune",
        commune,
        "--out",
        out,
    ];
    if let Some(g) = group {
        args.extend(["--group", g]);
    }
    let o = run(dir, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    o
}

/// A workspace at `dir/ws` with Chiềng Mung's sample survey (which passes) and the 2021-2025
/// template written for it at `dir/tpl.xlsx`.
fn setup(dir: &Path) {
    let o = run_dev(dir, &["gen", "--samples", "--out", "gen"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (code, _) = import(dir, &["gen/chieng-mung.xlsx"]);
    assert_eq!(code, Some(0));
    write_template(dir, "xa-ntm-2021-2025", "chieng mung", None, "tpl.xlsx");
}

fn criteria(v: &Value) -> (u64, u64, u64, u64) {
    let c = &v["criteria"];
    let n = |k: &str| c[k].as_u64().unwrap_or_else(|| panic!("{k} in {c}"));
    (
        n("criteria_met"),
        n("criteria_total"),
        n("indicators_met"),
        n("indicators_total"),
    )
}

fn condition<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["readiness"]["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("condition {id}"))
}

/// Fills the template of [`setup`] as `fill` says and imports it: the exit code and report.
fn import_filled(dir: &Path, fill: &Fill) -> (Option<i32>, Value) {
    fill_template(&dir.join("tpl.xlsx"), &dir.join("filled.xlsx"), fill);
    import(dir, &["filled.xlsx"])
}

/// The report's first problem of kind `code` (it must be there).
fn problem(v: &Value, code: &str) -> Value {
    problems(v)
        .into_iter()
        .find(|p| p["kind"]["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {v}"))
}

fn problems(v: &Value) -> Vec<Value> {
    v["files"][0]["problems"].as_array().unwrap().clone()
}

#[test]
fn all_met_is_ready_to_the_exact_counts() {
    let t = tempfile::tempdir().unwrap();
    setup(t.path());
    let (code, v) = import_filled(t.path(), &all_met_fill());
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["files"][0]["criteria_set"], "xa-ntm-2021-2025");
    assert_eq!(v["files"][0]["outcome"], "stored");
    let s = score_json(t.path(), "chieng mung");
    assert_eq!(criteria(&s), (19, 19, 57, 57));
    assert_eq!(
        s["criteria"]["region_or_group"],
        "Trung du và miền núi phía Bắc"
    );
    assert_eq!(s["criteria"]["contradictions"], 0);
    let r = &s["readiness"];
    assert_eq!(r["ready"], true, "{r}");
    let ids: Vec<&str> = r["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["all_criteria", "no_debt", "survey", "security", "posting"]
    );
    for c in r["conditions"].as_array().unwrap() {
        assert_eq!(c["met"], true, "{c}");
        assert!(c["source"].as_str().unwrap().contains("QĐ 18/2022"), "{c}");
        assert!(c["verified"].is_boolean());
    }
    assert!(
        condition(&s, "posting")["detail"]
            .as_str()
            .unwrap()
            .starts_with("5 lần công khai trong 15 ngày"),
        "{}",
        condition(&s, "posting")
    );
    // A target hailong reads and agrees with, and one it cannot read.
    let i = indicator(&s, "2.2");
    assert_eq!(
        (i["target"].as_str(), i["agrees"].as_bool()),
        (Some("≥70%"), Some(true))
    );
    assert_eq!(i["verified"], false);
    assert_eq!(indicator(&s, "12.1")["agrees"], Value::Null);

    // The text report says it, and `score --all` lists the commune as ready.
    let o = run(t.path(), &["score", "--commune", "chieng mung"]);
    let out = stdout(&o);
    assert!(out.contains("đạt 19/19 tiêu chí, 57/57 chỉ tiêu"), "{out}");
    assert!(
        out.contains("SẴN SÀNG ĐỀ NGHỊ CÔNG NHẬN: SẴN SÀNG"),
        "{out}"
    );
    let all = stdout(&run(t.path(), &["score", "--all"]));
    assert!(
        all.lines()
            .any(|l| l.contains("Chiềng Mung") && l.ends_with("SẴN SÀNG")),
        "{all}"
    );
}

#[test]
fn two_indicators_short_make_two_criteria_unmet() {
    let t = tempfile::tempdir().unwrap();
    setup(t.path());
    let f = two_short_fill();
    let (code, v) = import_filled(t.path(), &f);
    assert_eq!(code, Some(0), "{v}");
    let s = score_json(t.path(), "chieng mung");
    assert_eq!(criteria(&s), (17, 19, 55, 57));
    let i = indicator(&s, "2.2");
    assert_eq!(i["self_assessed"], false);
    assert_eq!(i["met"], false);
    assert_eq!(
        i["agrees"], true,
        "62% < 70%: the figure agrees with 'Chưa đạt'"
    );
    assert_eq!(s["readiness"]["ready"], false);
    let c = condition(&s, "all_criteria");
    assert_eq!(c["met"], false);
    assert!(
        c["detail"]
            .as_str()
            .unwrap()
            .ends_with("chưa đạt tiêu chí 2, 17"),
        "{c}"
    );
    assert_eq!(condition(&s, "survey")["met"], true);
}

#[test]
fn a_contradiction_is_reported_at_its_cell_and_not_counted() {
    let t = tempfile::tempdir().unwrap();
    setup(t.path());
    let mut f = all_met_fill();
    // "≥95%" with 93 entered and "Đạt".
    f.set.insert("4.2".into(), ("93".into(), "Đạt".into()));
    let (code, v) = import_filled(t.path(), &f);
    assert_eq!(code, Some(1), "a contradiction is an error: {v}");
    let p = problems(&v);
    let c = p
        .iter()
        .find(|p| p["kind"]["code"] == "contradiction")
        .unwrap_or_else(|| panic!("{p:?}"));
    assert_eq!(c["kind"]["indicator"], "4.2");
    assert_eq!(c["location"]["sheet"], "Tự đánh giá");
    let l = layout(&read_xlsx(&t.path().join("filled.xlsx"))[0]);
    let cell = c["location"]["cell"].as_str().unwrap();
    assert!(
        cell.starts_with(char::from(b'A' + l.result as u8)),
        "{cell}"
    );
    assert_eq!(c["value"], "93");
    let s = score_json(t.path(), "chieng mung");
    assert_eq!(criteria(&s), (18, 19, 56, 57));
    let i = indicator(&s, "4.2");
    assert_eq!(
        (
            i["self_assessed"].as_bool(),
            i["agrees"].as_bool(),
            i["met"].as_bool()
        ),
        (Some(true), Some(false), Some(false))
    );
    assert_eq!(s["criteria"]["contradictions"], 1);
    // Said in the message with file › sheet › cell, in both languages.
    let o = run(t.path(), &["check", "filled.xlsx"]);
    assert!(stdout(&o).contains("mâu thuẫn"), "{}", stdout(&o));
    let o = run(t.path(), &["--lang", "en", "check", "filled.xlsx"]);
    assert!(stdout(&o).contains("contradicts"), "{}", stdout(&o));
}

#[test]
fn a_missing_indicator_is_named_and_counts_as_unmet() {
    let t = tempfile::tempdir().unwrap();
    setup(t.path());
    let mut f = all_met_fill();
    f.drop.push("1.2".into());
    let (code, v) = import_filled(t.path(), &f);
    assert_eq!(code, Some(1), "{v}");
    let m = problem(&v, "missing_indicators");
    assert_eq!(m["kind"]["codes"], serde_json::json!(["1.2"]));
    assert_eq!(v["files"][0]["rows_read"], 56);
    let s = score_json(t.path(), "chieng mung");
    assert_eq!(criteria(&s), (18, 19, 56, 57));
    assert_eq!(s["criteria"]["missing"], 1);
    assert_eq!(indicator(&s, "1.2")["result"], Value::Null);
}

#[test]
fn postings_and_declarations_decide_their_conditions() {
    let t = tempfile::tempdir().unwrap();
    setup(t.path());
    let mut f = all_met_fill();
    // Five postings, but over 16 days, one of them unreadable; no document for security.
    f.postings = [
        "01/03/2025",
        "05/03/2025",
        "32/13/2025",
        "10/03/2025",
        "16/03/2025",
        "17/03/2025",
    ]
    .map(String::from)
    .to_vec();
    f.declare
        .insert("security".into(), ("Đạt".into(), String::new()));
    let (code, v) = import_filled(t.path(), &f);
    assert_eq!(code, Some(1), "{v}");
    let bad = problem(&v, "bad_date");
    assert_eq!(bad["location"]["sheet"], "Công khai");
    assert_eq!(bad["value"], "32/13/2025");
    let s = score_json(t.path(), "chieng mung");
    let p = condition(&s, "posting");
    assert_eq!(p["met"], false, "{p}");
    assert!(
        p["detail"]
            .as_str()
            .unwrap()
            .starts_with("4 lần công khai trong 15 ngày"),
        "{p}"
    );
    let sec = condition(&s, "security");
    assert_eq!(sec["met"], false);
    assert!(
        sec["detail"].as_str().unwrap().contains("chưa nêu văn bản"),
        "{sec}"
    );
    assert_eq!(condition(&s, "no_debt")["met"], true);
    assert_eq!(s["readiness"]["ready"], false);
}

#[test]
fn a_later_self_assessment_replaces_the_earlier_and_the_same_is_unchanged() {
    let t = tempfile::tempdir().unwrap();
    setup(t.path());
    fill_template(
        &t.path().join("tpl.xlsx"),
        &t.path().join("v1.xlsx"),
        &all_met_fill(),
    );
    assert_eq!(import(t.path(), &["v1.xlsx"]).0, Some(0));
    let (_, v) = import(t.path(), &["v1.xlsx"]);
    assert_eq!(v["files"][0]["outcome"], "unchanged");
    let mut f = all_met_fill();
    f.set
        .insert("2.2".into(), ("62%".into(), "Chưa đạt".into()));
    fill_template(&t.path().join("tpl.xlsx"), &t.path().join("v2.xlsx"), &f);
    let (_, v) = import(t.path(), &["v2.xlsx"]);
    assert_eq!(v["files"][0]["outcome"], "replaced");
    let s = score_json(t.path(), "chieng mung");
    assert_eq!(criteria(&s), (18, 19, 56, 57));
    assert_eq!(s["criteria"]["file"], "v2.xlsx");
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(t.path().join("ws/manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["assessments"].as_array().unwrap().len(), 1);
}

#[test]
fn the_2026_2030_set_is_assessed_per_criterion_for_the_communes_group() {
    let t = tempfile::tempdir().unwrap();
    let o = run_dev(
        t.path(),
        &[
            "gen",
            "--out",
            "gen",
            "--communes",
            "1",
            "--households",
            "60",
            "--areas",
            "2",
            "--form",
            "xa-ntm-2026-2030",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(import(t.path(), &["gen"]).0, Some(0));
    let m: Value =
        serde_json::from_slice(&std::fs::read(t.path().join("ws/manifest.json")).unwrap()).unwrap();
    let commune = m["sources"][0]["commune"].as_str().unwrap().to_string();
    // Without a group, the template leaves the choice to the commune; import then says so.
    write_template(t.path(), "xa-ntm-2026-2030", &commune, None, "nogroup.xlsx");
    fill_template(
        &t.path().join("nogroup.xlsx"),
        &t.path().join("nogroup-filled.xlsx"),
        &all_met_fill(),
    );
    let (code, v) = run_check(t.path(), "nogroup-filled.xlsx");
    assert_eq!(code, Some(1), "{v}");
    assert!(
        problems(&v)
            .iter()
            .any(|p| p["kind"]["code"] == "commune_group_missing"),
        "{v}"
    );
    // With the group.
    let o = write_template(
        t.path(),
        "xa-ntm-2026-2030",
        &commune,
        Some("3"),
        "tpl.xlsx",
    );
    assert!(stdout(&o).contains("10 chỉ tiêu"), "{}", stdout(&o));
    let mut f = all_met_fill();
    f.set
        .insert("7".into(), ("Chưa đạt".into(), "Chưa đạt".into()));
    let (code, v) = import_filled(t.path(), &f);
    assert_eq!(code, Some(0), "{v}");
    let s = score_json(t.path(), &commune);
    assert_eq!(criteria(&s), (9, 10, 9, 10));
    assert_eq!(s["criteria"]["indicators_stated"], 47);
    assert!(
        s["criteria"]["region_or_group"]
            .as_str()
            .unwrap()
            .starts_with("Nhóm 3")
    );
    assert_eq!(s["readiness"]["ready"], false);
}

fn run_check(dir: &Path, file: &str) -> (Option<i32>, Value) {
    let o = run(dir, &["check", "--json", file]);
    (o.status.code(), serde_json::from_slice(&o.stdout).unwrap())
}

#[test]
fn an_unknown_set_or_group_is_refused_with_the_choices() {
    let t = tempfile::tempdir().unwrap();
    let o = run(
        t.path(),
        &[
            "template",
            "--criteria",
            "xa-ntm-2099",
            "--commune",
            "chieng mung",
            "--out",
            "a.xlsx",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("xa-ntm-2021-2025"), "{}", stderr(&o));
    let o = run(
        t.path(),
        &[
            "template",
            "--criteria",
            "xa-ntm-2026-2030",
            "--group",
            "7",
            "--commune",
            "chieng mung",
            "--out",
            "a.xlsx",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Nhóm 3"), "{}", stderr(&o));
}

/// A self-assessment retyped by a commune: no code header (codes in "TT"), other header
/// words, an extra column, no "Bộ tiêu chí" line, saved as CSV.
#[test]
fn a_retyped_self_assessment_is_read_by_meaning() {
    let t = tempfile::tempdir().unwrap();
    setup(t.path());
    let tpl = read_xlsx(&t.path().join("tpl.xlsx"));
    let l = layout(&tpl[0]);
    let mut csv =
        String::from("Xã: Chiềng Mung\n\nTT;Nội dung;Ghi chú;Chỉ tiêu;Kết quả đạt được;Đánh giá\n");
    let mut n = 0;
    for r in l.header + 1..tpl[0].1.len() {
        let code = text(&tpl[0], r, l.code);
        if code.is_empty() || code.chars().all(|c| c.is_ascii_uppercase()) {
            continue;
        }
        let target = text(&tpl[0], r, l.code + 2);
        let own = if code == "5" {
            "Chưa đạt"
        } else {
            "Đạt"
        };
        let result = if code == "5" {
            "60%".to_string()
        } else {
            meeting(&target)
        };
        // Targets may hold the separator ("…/người; tăng…"): quoted as spreadsheets export.
        csv.push_str(&format!("{code};nội dung;;\"{target}\";{result};{own}\n"));
        n += 1;
    }
    assert_eq!(n, 57);
    std::fs::write(t.path().join("tu-danh-gia.csv"), csv).unwrap();
    let (code, v) = import(t.path(), &["tu-danh-gia.csv"]);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["files"][0]["criteria_set"], "xa-ntm-2021-2025");
    let s = score_json(t.path(), "chieng mung");
    assert_eq!(criteria(&s), (18, 19, 56, 57));
}

fn sheet(path: &Path, name: &str) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    wb.worksheet_range(name).unwrap()
}

fn strings(range: &calamine::Range<Data>) -> Vec<String> {
    range
        .used_cells()
        .filter_map(|(_, _, d)| match d {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_dossier_carries_the_criteria_table_the_conditions_and_the_checklist() {
    let t = tempfile::tempdir().unwrap();
    setup(t.path());
    let f = two_short_fill();
    fill_template(
        &t.path().join("tpl.xlsx"),
        &t.path().join("filled.xlsx"),
        &f,
    );
    import(t.path(), &["filled.xlsx"]);
    let o = run(
        t.path(),
        &["export", "--commune", "chieng mung", "--out", "hs.xlsx"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = t.path().join("hs.xlsx");
    let wb: Xlsx<_> = open_workbook(&out).unwrap();
    let names = wb.sheet_names();
    assert_eq!(
        &names[7..],
        [
            "Kết quả thực hiện tiêu chí",
            "Điều kiện công nhận",
            "Danh mục hồ sơ"
        ]
    );
    let crit = strings(&sheet(&out, "Kết quả thực hiện tiêu chí"));
    assert!(
        crit.iter()
            .any(|s| s == "Xã Chiềng Mung: đạt 17/19 tiêu chí, 55/57 chỉ tiêu."),
        "{crit:?}"
    );
    assert!(
        crit.iter().any(|s| s == "CÁC CHỈ TIÊU CHƯA ĐẠT (2):"),
        "{crit:?}"
    );
    // The unmet are stated before the table: their line comes before the table's header.
    let pos = |needle: &str| crit.iter().position(|s| s.contains(needle)).unwrap();
    assert!(pos("chỉ tiêu 2.2") < pos("Nội dung chỉ tiêu"));
    assert!(crit.iter().any(|s| s == "II"), "groups head the table");
    let cond = sheet(&out, "Điều kiện công nhận");
    let cs = strings(&cond);
    assert!(
        cs.iter()
            .any(|s| s.starts_with("Kết luận: CHƯA: thiếu tiêu chí")),
        "{cs:?}"
    );
    for text in [
        "Đạt đủ các tiêu chí của bộ tiêu chí xã nông thôn mới",
        "Không còn nợ đọng xây dựng cơ bản trong xây dựng nông thôn mới",
        "Báo cáo kết quả xây dựng nông thôn mới được công khai ít nhất 5 lần trong 15 ngày",
    ] {
        // A condition whose basis differs from the sheet's common one carries it on a second
        // line of its cell.
        assert!(
            cs.iter()
                .any(|s| s == text || s.starts_with(&format!("{text}\n(Căn cứ: "))),
            "{text} in {cs:?}"
        );
    }
    let row = (0..cond.height() as u32)
        .find(|r| {
            cond.get_value((*r, 1))
                == Some(&Data::String(
                    "Đạt đủ các tiêu chí của bộ tiêu chí xã nông thôn mới".into(),
                ))
        })
        .unwrap();
    assert_eq!(
        cond.get_value((row, 2)),
        Some(&Data::String("Chưa đạt".into()))
    );
    let list = strings(&sheet(&out, "Danh mục hồ sơ"));
    assert!(
        list.iter()
            .any(|s| s.starts_with("Có: biểu \"Kết quả thực hiện tiêu chí\"")),
        "{list:?}"
    );
    assert!(list.iter().any(|s| s.starts_with("Tờ trình")), "{list:?}");

    // The province synthesis says who is ready and what each lacks.
    let o = run(t.path(), &["export", "--all", "--out", "tinh.xlsx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let p = strings(&sheet(&t.path().join("tinh.xlsx"), "Tổng hợp xã NTM"));
    assert!(p.iter().any(|s| s == "Sẵn sàng công nhận"), "{p:?}");
    assert!(
        p.iter()
            .any(|s| s.starts_with("CHƯA: thiếu tiêu chí") && s.ends_with("(đạt 17/19 tiêu chí)")),
        "{p:?}"
    );
}

#[test]
fn the_demo_has_one_ready_commune_and_one_not_and_says_why() {
    let t = tempfile::tempdir().unwrap();
    let o = run(t.path(), &["demo", "--out", "demo"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("SẴN SÀNG ĐỀ NGHỊ CÔNG NHẬN: SẴN SÀNG"),
        "{out}"
    );
    assert!(
        out.contains("SẴN SÀNG ĐỀ NGHỊ CÔNG NHẬN: CHƯA: thiếu tiêu chí"),
        "{out}"
    );
    let data = t.path().join("demo/hailong-data");
    let j = |c: &str| -> Value {
        let o = run(
            t.path(),
            &[
                "--data",
                data.to_str().unwrap(),
                "score",
                "--commune",
                c,
                "--json",
            ],
        );
        serde_json::from_slice(&o.stdout).unwrap()
    };
    assert_eq!(j("chieng mung")["readiness"]["ready"], true);
    let mb = j("muong bu");
    assert_eq!(mb["readiness"]["ready"], false);
    let lacking: Vec<&str> = mb["readiness"]["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["met"] == false)
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(lacking, ["all_criteria", "security", "posting"]);
}

/// The same filled workbook saved by LibreOffice as .ods and .xls is read to the same counts.
#[test]
fn a_self_assessment_saved_as_ods_or_xls_reads_the_same() {
    let Some(soffice) = soffice() else {
        eprintln!("SKIPPED: LibreOffice is not installed (.ci/run installs it)");
        return;
    };
    let t = tempfile::tempdir().unwrap();
    setup(t.path());
    let mut f = all_met_fill();
    f.set
        .insert("2.2".into(), ("62%".into(), "Chưa đạt".into()));
    fill_template(
        &t.path().join("tpl.xlsx"),
        &t.path().join("filled.xlsx"),
        &f,
    );
    for ext in ["ods", "xls"] {
        let filled = t.path().join("filled.xlsx");
        convert(soffice, t.path(), &filled, ext, &t.path().join(ext));
        let file = format!("{ext}/filled.{ext}");
        let (code, v) = import(t.path(), &[&file]);
        assert_eq!(code, Some(0), "{v}");
        assert_eq!(v["files"][0]["criteria_set"], "xa-ntm-2021-2025");
        let s = score_json(t.path(), "chieng mung");
        assert_eq!(criteria(&s), (18, 19, 56, 57), "{ext}");
        assert_eq!(
            condition(&s, "posting")["met"],
            true,
            "{ext}: dates survive the format"
        );
    }
}

/// An unfilled template imports with a warning naming the indicators not assessed.
#[test]
fn an_unfilled_template_says_what_is_not_assessed() {
    let t = tempfile::tempdir().unwrap();
    setup(t.path());
    let (code, v) = import(t.path(), &["tpl.xlsx"]);
    assert_eq!(code, Some(0), "{v}");
    let w = problem(&v, "not_assessed");
    assert_eq!(w["kind"]["codes"].as_array().unwrap().len(), 57);
    let s = score_json(t.path(), "chieng mung");
    assert_eq!(criteria(&s), (0, 19, 0, 57));
}

/// Every shipped set's template reads back whole, including codes the data writes as `13.?`
/// (numbering not known yet) and sets without a region or groups (kiểu mẫu).
#[test]
fn every_shipped_sets_template_reads_back_whole() {
    let t = tempfile::tempdir().unwrap();
    for (set, rows) in [
        ("xa-ntm-2021-2025", 57),
        ("xa-ntm-nang-cao-2021-2025", 19),
        ("xa-ntm-kieu-mau-2021-2025", 4),
        ("xa-ntm-2026-2030", 10),
    ] {
        let out = format!("{set}.xlsx");
        let mut args = vec![
            "template",
            "--criteria",
            set,
            "--commune",
            "chieng mung",
            "--out",
            &out,
        ];
        if set.ends_with("2030") {
            args.extend(["--group", "2"]);
        }
        let o = run(t.path(), &args);
        assert!(o.status.success(), "{}", stderr(&o));
        let filled = format!("{set}-filled.xlsx");
        fill_template(
            &t.path().join(&out),
            &t.path().join(&filled),
            &all_met_fill(),
        );
        let (code, v) = run_check(t.path(), &filled);
        assert_eq!(code, Some(0), "{set}: {v}");
        let f = &v["files"][0];
        assert_eq!(
            (f["criteria_set"].as_str(), f["accepted"].as_u64()),
            (Some(set), Some(rows))
        );
    }
}

/// A code the set does not have is rejected at its cell; a repeated one keeps the first row.
#[test]
fn unknown_and_repeated_indicator_codes_are_rejected_at_their_cells() {
    let t = tempfile::tempdir().unwrap();
    setup(t.path());
    fill_template(
        &t.path().join("tpl.xlsx"),
        &t.path().join("filled.xlsx"),
        &all_met_fill(),
    );
    let mut sheets = read_xlsx(&t.path().join("filled.xlsx"));
    let l = layout(&sheets[0]);
    let row_of = |sheet: &Sheet, code: &str| {
        (l.header + 1..sheet.1.len())
            .find(|r| text(sheet, *r, l.code) == code)
            .unwrap()
    };
    let r29 = row_of(&sheets[0], "2.4");
    set_cell(&mut sheets[0], r29, l.code, s("2.9"));
    let r11 = row_of(&sheets[0], "1.2");
    let mut copy = sheets[0].1[r11].clone();
    copy[l.code] = s("1.1");
    sheets[0].1[r11] = copy;
    write_xlsx(&t.path().join("bad.xlsx"), &sheets);
    let (code, v) = import(t.path(), &["bad.xlsx"]);
    assert_eq!(code, Some(1), "{v}");
    let p = problems(&v);
    let unknown = p
        .iter()
        .find(|p| p["kind"]["code"] == "unknown_indicator")
        .unwrap();
    assert_eq!(unknown["value"], "2.9");
    let col = char::from(b'A' + l.code as u8);
    assert_eq!(unknown["location"]["cell"], format!("{col}{}", r29 + 1));
    let dup = p
        .iter()
        .find(|p| p["kind"]["code"] == "duplicate_indicator")
        .unwrap();
    assert_eq!(dup["location"]["cell"], format!("{col}{}", r11 + 1));
    assert_eq!(v["files"][0]["rejected"], 2);
    // 2.4 and 1.2 are then missing: named, and not met.
    let missing = p
        .iter()
        .find(|p| p["kind"]["code"] == "missing_indicators")
        .unwrap();
    assert_eq!(missing["kind"]["codes"], serde_json::json!(["1.2", "2.4"]));
    let s = score_json(t.path(), "chieng mung");
    assert_eq!(criteria(&s), (17, 19, 55, 57));
}

// ---------------------------------------------------------------------------------------------
// Regressions found by trying retyped self-assessments (a helper made 36 variants of a filled
// workbook; these are the ones hailong misread or explained badly).

/// A filled workbook's sheets, to edit before writing a variant.
fn filled_sheets(dir: &Path, fill: &Fill) -> Vec<Sheet> {
    fill_template(&dir.join("tpl.xlsx"), &dir.join("base.xlsx"), fill);
    read_xlsx(&dir.join("base.xlsx"))
}

fn row_of(sheet: &Sheet, col: usize, value: &str) -> usize {
    (0..sheet.1.len())
        .find(|r| text(sheet, *r, col) == value)
        .unwrap_or_else(|| panic!("{value}"))
}

/// Inserts an empty column before `col` in every row of a sheet.
fn insert_col(sheet: &mut Sheet, col: usize) {
    for row in &mut sheet.1 {
        if row.len() > col {
            row.insert(col, Cell::E);
        }
    }
}

#[test]
fn regression_conditions_header_xa_ke_khai_is_read() {
    let t = tempfile::tempdir().unwrap();
    setup(t.path());
    let mut sheets = filled_sheets(t.path(), &all_met_fill());
    let h = row_of(&sheets[2], 2, "Kê khai");
    set_cell(&mut sheets[2], h, 2, s("Xã kê khai"));
    set_cell(&mut sheets[2], h, 0, s("Mã điều kiện"));
    write_xlsx(&t.path().join("v.xlsx"), &sheets);
    let (code, v) = import(t.path(), &["v.xlsx"]);
    assert_eq!(code, Some(0), "{v}");
    let s = score_json(t.path(), "chieng mung");
    assert_eq!(condition(&s, "no_debt")["met"], true);
    assert_eq!(condition(&s, "security")["met"], true);
}

#[test]
fn regression_percent_formatted_results_are_read_as_percentages() {
    let t = tempfile::tempdir().unwrap();
    setup(t.path());
    let sheets = filled_sheets(t.path(), &all_met_fill());
    let l = layout(&sheets[0]);
    let r42 = row_of(&sheets[0], l.code, "4.2");
    let r22 = row_of(&sheets[0], l.code, "2.2");
    // As Excel stores "93,5%" typed into a % cell: 0.935 with a percent format; and a plain
    // 0.75 without one, which cannot be told from 0,75 %.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let pct = rust_xlsxwriter::Format::new().set_num_format("0.0%");
    for (k, (name, rows)) in sheets.iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c16) = (r as u32, c as u16);
                if k == 0 && c == l.result && (r as usize == r42 || r as usize == r22) {
                    if r as usize == r42 {
                        ws.write_number_with_format(r, c16, 0.935, &pct).unwrap();
                    } else {
                        ws.write_number(r, c16, 0.75).unwrap();
                    }
                    continue;
                }
                match cell {
                    Cell::S(v) => ws.write_string(r, c16, v).map(|_| ()).unwrap(),
                    Cell::N(v) => ws.write_number(r, c16, *v).map(|_| ()).unwrap(),
                    Cell::E => {}
                }
            }
        }
    }
    wb.save(t.path().join("v.xlsx")).unwrap();
    let (code, v) = import(t.path(), &["v.xlsx"]);
    assert_eq!(
        code,
        Some(1),
        "93,5% under ≥95% with Đạt is a contradiction: {v}"
    );
    let p = problems(&v);
    assert!(
        p.iter()
            .any(|p| p["kind"]["code"] == "contradiction" && p["value"] == "93,5%"),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|p| p["kind"]["code"] == "ambiguous_fraction" && p["value"] == "0.75"),
        "{p:?}"
    );
    let s = score_json(t.path(), "chieng mung");
    assert_eq!(criteria(&s), (18, 19, 56, 57));
    assert_eq!(indicator(&s, "4.2")["result"], "93,5%");
    // Saved by LibreOffice as .ods, the cell is typed "percentage" there: read the same.
    let Some(soffice) = soffice() else {
        eprintln!("SKIPPED (.ods part): LibreOffice is not installed");
        return;
    };
    let v = t.path().join("v.xlsx");
    convert(soffice, t.path(), &v, "ods", &t.path().join("ods"));
    let (code, v) = import(t.path(), &["ods/v.ods"]);
    assert_eq!(code, Some(1), "{v}");
    assert!(
        problems(&v)
            .iter()
            .any(|p| p["kind"]["code"] == "contradiction" && p["value"] == "93,5%"),
        "{v}"
    );
    let s = score_json(t.path(), "chieng mung");
    assert_eq!(criteria(&s), (18, 19, 56, 57));
    assert_eq!(s["criteria"]["file"], "v.ods");
}

#[test]
fn regression_a_second_result_column_is_not_taken_for_the_result() {
    let t = tempfile::tempdir().unwrap();
    setup(t.path());
    let mut sheets = filled_sheets(t.path(), &all_met_fill());
    let l = layout(&sheets[0]);
    insert_col(&mut sheets[0], l.result);
    set_cell(&mut sheets[0], l.header, l.result, s("Kết quả năm 2023"));
    for r in l.header + 1..sheets[0].1.len() {
        if !text(&sheets[0], r, l.code).is_empty() {
            set_cell(&mut sheets[0], r, l.result, s("Chưa đạt"));
        }
    }
    write_xlsx(&t.path().join("v.xlsx"), &sheets);
    let (code, v) = import(t.path(), &["v.xlsx"]);
    assert_eq!(
        code,
        Some(0),
        "the template's 'Kết quả thực hiện' is the one read: {v}"
    );
    assert_eq!(
        criteria(&score_json(t.path(), "chieng mung")),
        (19, 19, 57, 57)
    );
    // Neither named as in the template: refused, both cells named.
    set_cell(
        &mut sheets[0],
        l.header,
        l.result + 1,
        s("Kết quả năm 2024"),
    );
    write_xlsx(&t.path().join("w.xlsx"), &sheets);
    let (code, v) = import(t.path(), &["w.xlsx"]);
    assert_eq!(code, Some(2), "{v}");
    let p = &problems(&v)[0];
    assert_eq!(p["kind"]["code"], "ambiguous_column");
    assert_eq!(p["kind"]["cells"].as_array().unwrap().len(), 2);
}

#[test]
fn regression_indicators_over_two_sheets_are_read_and_an_old_copy_is_refused() {
    let t = tempfile::tempdir().unwrap();
    setup(t.path());
    let sheets = filled_sheets(t.path(), &all_met_fill());
    let l = layout(&sheets[0]);
    let split = row_of(&sheets[0], l.code, "10");
    let mut first = sheets[0].clone();
    let mut second = sheets[0].clone();
    first.1.truncate(split);
    second.0 = "Tự đánh giá (tiếp)".into();
    second.1 = second.1[..=l.header].to_vec();
    second.1.extend(sheets[0].1[split..].iter().cloned());
    let split_book = vec![first, second, sheets[1].clone(), sheets[2].clone()];
    write_xlsx(&t.path().join("split.xlsx"), &split_book);
    let (code, v) = import(t.path(), &["split.xlsx"]);
    assert_eq!(code, Some(0), "{v}");
    let s = score_json(t.path(), "chieng mung");
    assert_eq!(criteria(&s), (19, 19, 57, 57));
    assert_eq!(
        s["readiness"]["ready"], true,
        "the conditions sheet is still found"
    );
    let mut old = sheets[0].clone();
    old.0 = "Tự đánh giá 2023".into();
    let copy_book = vec![old, sheets[0].clone(), sheets[1].clone(), sheets[2].clone()];
    write_xlsx(&t.path().join("copy.xlsx"), &copy_book);
    let (code, v) = import(t.path(), &["copy.xlsx"]);
    assert_eq!(code, Some(2), "{v}");
    let p = &problems(&v)[0];
    assert_eq!(p["kind"]["code"], "indicator_sheets");
    assert_eq!(
        v["files"][0]["rows_read"], 0,
        "nothing read from either sheet"
    );
}

#[test]
fn regression_tick_columns_and_x_marks() {
    let t = tempfile::tempdir().unwrap();
    setup(t.path());
    let mut f = all_met_fill();
    f.set
        .insert("2.2".into(), ("62%".into(), "Chưa đạt".into()));
    let mut sheets = filled_sheets(t.path(), &f);
    let l = layout(&sheets[0]);
    // "Đạt" | "Chưa đạt" as two columns marked with x.
    insert_col(&mut sheets[0], l.own + 1);
    set_cell(&mut sheets[0], l.header, l.own, s("Đạt"));
    set_cell(&mut sheets[0], l.header, l.own + 1, s("Chưa đạt"));
    for r in l.header + 1..sheets[0].1.len() {
        match text(&sheets[0], r, l.own).as_str() {
            "Đạt" => set_cell(&mut sheets[0], r, l.own, s("x")),
            "Chưa đạt" => {
                set_cell(&mut sheets[0], r, l.own, Cell::E);
                set_cell(&mut sheets[0], r, l.own + 1, s("x"));
            }
            _ => {}
        }
    }
    write_xlsx(&t.path().join("tick.xlsx"), &sheets);
    let (code, v) = import(t.path(), &["tick.xlsx"]);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(
        criteria(&score_json(t.path(), "chieng mung")),
        (18, 19, 56, 57)
    );
    // A lone "x" in the one-column layout is not taken for "Đạt".
    let mut sheets = filled_sheets(t.path(), &all_met_fill());
    let r = row_of(&sheets[0], l.code, "3.2");
    set_cell(&mut sheets[0], r, l.own, s("x"));
    write_xlsx(&t.path().join("x.xlsx"), &sheets);
    let (code, v) = import(t.path(), &["x.xlsx"]);
    assert_eq!(code, Some(1), "{v}");
    assert!(
        problems(&v)
            .iter()
            .any(|p| p["kind"]["code"] == "bad_self_assessment" && p["value"] == "x")
    );
}

#[test]
fn regression_legacy_font_cells_and_a_heading_without_the_xa_line() {
    let t = tempfile::tempdir().unwrap();
    setup(t.path());
    let mut sheets = filled_sheets(t.path(), &all_met_fill());
    let l = layout(&sheets[0]);
    // Self-assessments pasted from a TCVN3 (.VnTime) document into a Unicode sheet.
    for r in l.header + 1..sheets[0].1.len() {
        if text(&sheets[0], r, l.own) == "Đạt" {
            set_cell(&mut sheets[0], r, l.own, s("§¹t"));
        }
    }
    // No "Xã:" line: the commune is in the heading ("XÃ CHIỀNG MUNG") only.
    let xa = row_of(&sheets[0], 0, "Xã: Chiềng Mung");
    set_cell(&mut sheets[0], xa, 0, Cell::E);
    write_xlsx(&t.path().join("v.xlsx"), &sheets);
    let (code, v) = import(t.path(), &["v.xlsx"]);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["files"][0]["commune"], "Xã Chiềng Mung");
    let conv = problem(&v, "converted");
    assert_eq!(conv["kind"]["cells"].as_array().unwrap().len(), 57);
    assert_eq!(
        criteria(&score_json(t.path(), "chieng mung")),
        (19, 19, 57, 57)
    );
}

#[test]
fn regression_a_csv_says_its_postings_and_conditions_are_absent() {
    let t = tempfile::tempdir().unwrap();
    setup(t.path());
    let sheets = filled_sheets(t.path(), &all_met_fill());
    let csv: String = sheets[0]
        .1
        .iter()
        .enumerate()
        .map(|(r, row)| {
            (0..row.len())
                .map(|c| format!("\"{}\"", text(&sheets[0], r, c).replace('"', "\"\"")))
                .collect::<Vec<_>>()
                .join(",")
                + "\n"
        })
        .collect();
    std::fs::write(t.path().join("v.csv"), csv).unwrap();
    let (code, v) = import(t.path(), &["v.csv"]);
    assert_eq!(code, Some(0), "{v}");
    let parts: Vec<Value> = problems(&v)
        .into_iter()
        .filter(|p| p["kind"]["code"] == "missing_part")
        .map(|p| p["kind"]["part"].clone())
        .collect();
    assert_eq!(parts, [Value::from("postings"), Value::from("conditions")]);
}

#[test]
fn regression_a_self_assessment_of_another_set_is_named_not_called_absent() {
    let t = tempfile::tempdir().unwrap();
    setup(t.path());
    let o = run(
        t.path(),
        &[
            "template",
            "--criteria",
            "xa-ntm-2026-2030",
            "--group",
            "3",
            "--commune",
            "chieng mung",
            "--out",
            "t26.xlsx",
        ],
    );
    assert!(o.status.success());
    fill_template(
        &t.path().join("t26.xlsx"),
        &t.path().join("f26.xlsx"),
        &all_met_fill(),
    );
    assert_eq!(import(t.path(), &["f26.xlsx"]).0, Some(0));
    let s = score_json(t.path(), "chieng mung");
    assert_eq!(
        s["criteria"],
        Value::Null,
        "the survey is xa-ntm, of the 2021-2025 set"
    );
    let d = condition(&s, "all_criteria")["detail"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        d.contains("xa-ntm-2021-2025") && d.contains("đã nhập bộ xa-ntm-2026-2030"),
        "{d}"
    );
}

/// The commune assesses itself before the Front surveys it: such a commune is listed, with its
/// criteria and what it lacks (the survey first), not left out until its survey arrives.
#[test]
fn a_commune_with_a_self_assessment_and_no_survey_yet_is_listed() {
    let t = tempfile::tempdir().unwrap();
    setup(t.path());
    write_template(t.path(), "xa-ntm-2021-2025", "muong bu", None, "mb.xlsx");
    fill_template(
        &t.path().join("mb.xlsx"),
        &t.path().join("mb-filled.xlsx"),
        &all_met_fill(),
    );
    assert_eq!(import(t.path(), &["mb-filled.xlsx"]).0, Some(0));
    let o = run(t.path(), &["score", "--all", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["communes"].as_array().unwrap().len(),
        1,
        "Chiềng Mung, surveyed"
    );
    let p = &v["without_survey"][0];
    assert_eq!(p["commune"], "Xã Mường Bú");
    assert_eq!(p["criteria"]["criteria_met"], 19);
    assert_eq!(p["readiness"]["ready"], false);
    let lacking: Vec<&str> = p["readiness"]["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["met"] == false)
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(lacking, ["survey"]);
    let text = stdout(&run(t.path(), &["score", "--all"]));
    assert!(
        text.contains("Xã Mường Bú: đạt 19/19 tiêu chí, 57/57 chỉ tiêu — CHƯA: thiếu sự hài lòng"),
        "{text}"
    );
    let one = stdout(&run(t.path(), &["score", "--commune", "muong bu"]));
    assert!(
        one.contains("chưa có kết quả khảo sát sự hài lòng"),
        "{one}"
    );
    assert!(one.contains("đạt 19/19 tiêu chí"), "{one}");

    // The province synthesis lists it on a sheet of its own, on the page engine: heading,
    // header, its row, the sources in words, the signature.
    let o = run(t.path(), &["export", "--all", "--out", "tinh.xlsx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let p = sheet(&t.path().join("tinh.xlsx"), "Chưa có kết quả khảo sát");
    let head = (0..p.height() as u32)
        .find(|r| p.get_value((*r, 0)) == Some(&Data::String("STT".into())))
        .expect("the table's header");
    let row = |c: u32| p.get_value((head + 1, c)).cloned();
    assert_eq!(row(0), Some(Data::Float(1.0)));
    assert_eq!(row(1), Some(Data::String("Xã Mường Bú".into())));
    assert_eq!(row(2), Some(Data::String("19/19".into())));
    assert_eq!(row(3), Some(Data::String("CHƯA: thiếu sự hài lòng".into())));
    let texts = strings(&p);
    assert!(
        texts.iter().any(|s| s
            .starts_with("Nguồn số liệu: bảng tự đánh giá kết quả thực hiện tiêu chí của 1 xã")),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|s| s == "TM. BAN THƯỜNG TRỰC"),
        "{texts:?}"
    );
}

/// A round that so far holds only self-assessments is a round `--round` accepts.
#[test]
fn a_round_of_self_assessments_only_is_a_known_round() {
    let t = tempfile::tempdir().unwrap();
    setup(t.path());
    fill_template(
        &t.path().join("tpl.xlsx"),
        &t.path().join("f.xlsx"),
        &all_met_fill(),
    );
    let (code, v) = import(t.path(), &["--round", "2026", "f.xlsx"]);
    assert_eq!(code, Some(0), "{v}");
    let o = run(t.path(), &["score", "--all", "--round", "2026", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["without_survey"][0]["commune"], "Xã Chiềng Mung");
    let o = run(t.path(), &["score", "--all", "--round", "2030"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "an unknown round is still refused"
    );
}

/// Regression (issue #26): `export --commune` of a commune that has sent its self-assessment and
/// no survey said "several forms ()" and asked for `--form`; it says there is no survey yet.
#[test]
fn a_dossier_without_a_survey_says_so_instead_of_asking_for_a_form() {
    let t = tempfile::tempdir().unwrap();
    let o = run_dev(t.path(), &["gen", "--samples", "--out", "gen"]);
    assert!(o.status.success(), "{}", stderr(&o));
    write_template(
        t.path(),
        "xa-ntm-2021-2025",
        "chieng mung",
        None,
        "tpl.xlsx",
    );
    fill_template(
        &t.path().join("tpl.xlsx"),
        &t.path().join("filled.xlsx"),
        &all_met_fill(),
    );
    let (code, _) = import(t.path(), &["filled.xlsx"]);
    assert_eq!(code, Some(0));
    for (lang, needle) in [
        ("vi", "chưa có kết quả lấy ý kiến sự hài lòng"),
        ("en", "has no survey results yet"),
    ] {
        let o = run(
            t.path(),
            &[
                "--lang",
                lang,
                "export",
                "--commune",
                "chieng mung",
                "--out",
                "hs.xlsx",
            ],
        );
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        let e = stderr(&o);
        assert!(e.contains(needle) && !e.contains("()"), "{e}");
        assert!(!t.path().join("hs.xlsx").exists());
    }
}
