//! Intake you can trust (issue #11): exports made the way KoboToolbox, ODK Central and Google
//! Forms make them, and workbooks typed the way communes type them, each imported through the
//! real binary to exact counts.

mod common;

use common::*;
use rstest::rstest;
use serde_json::Value;
use std::path::Path;

const COMMUNE: &str = "Xã Chiềng Mung";
/// The mapping line of the free-text column the exports below have.
const OTHER: &str = "other_column = \"y_kien_khac\"\n";
const NA_SAN: &str = "Bản Nà Sản";
const CO_MUONG: &str = "Bản Co Muông";

/// The commune's register, imported from the canonical workbook `hailong template` writes.
fn register(dir: &Path) {
    let o = run(
        dir,
        &[
            "template",
            "--commune",
            COMMUNE,
            "--area",
            &format!("{NA_SAN}=10"),
            "--area",
            &format!("{CO_MUONG}=8"),
            "--out",
            "reg.xlsx",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let (code, _) = import(dir, &["reg.xlsx"]);
    assert_eq!(code, Some(0));
}

/// A mapping whose items are `{prefix}cau_1` … `{prefix}cau_19`.
fn mapping(area_column: &str, extra: &str) -> String {
    let items: String = (1..=19).map(|i| format!("{i} = \"cau_{i}\"\n")).collect();
    format!(
        "[mapping]\nform = \"xa-ntm\"\ncommune = \"{COMMUNE}\"\narea_column = \"{area_column}\"\n\
         {extra}\n[items]\n{items}\n[values]\n\
         satisfied = [\"1\", \"hai_long\"]\ndissatisfied = [\"0\", \"khong_hai_long\"]\n"
    )
}

/// One submission of an export.
struct Sub {
    id: &'static str,
    area: &'static str,
    /// Items answered "0" / "khong_hai_long" (1-based); the others satisfied.
    dissatisfied: &'static [usize],
    time: &'static str,
    status: &'static str,
    other: &'static str,
}

const fn sub(
    id: &'static str,
    area: &'static str,
    dissatisfied: &'static [usize],
    time: &'static str,
    status: &'static str,
) -> Sub {
    Sub {
        id,
        area,
        dissatisfied,
        time,
        status,
        other: "",
    }
}

fn answers(s: &Sub, yes: &str, no: &str) -> Vec<String> {
    (1..=19)
        .map(|i| if s.dissatisfied.contains(&i) { no } else { yes }.to_string())
        .collect()
}

/// Kobo's export columns: group prefixes with `/`, then its meta columns.
fn kobo_header() -> Vec<String> {
    let mut h = vec!["start".to_string(), "group_info/thon_ban".into()];
    h.extend((1..=19).map(|i| format!("group_q/cau_{i}")));
    h.extend(
        [
            "group_q/y_kien_khac",
            "_id",
            "_uuid",
            "_submission_time",
            "_validation_status",
            "_index",
        ]
        .map(String::from),
    );
    h
}

/// Kobo's `_id`: its database row, the same for every version of a submission.
fn kobo_id(uuid: &str) -> String {
    let n = uuid
        .bytes()
        .fold(0u64, |a, b| a.wrapping_mul(131).wrapping_add(b.into()));
    (1000 + n % 1_000_000).to_string()
}

fn kobo_row(k: usize, s: &Sub) -> Vec<String> {
    let mut r = vec!["2025-10-01T07:00:00.000+07:00".to_string(), s.area.into()];
    r.extend(answers(s, "1", "0"));
    r.extend([
        s.other.to_string(),
        kobo_id(s.id),
        s.id.into(),
        s.time.into(),
        s.status.into(),
        (k + 1).to_string(),
    ]);
    r
}

/// A CSV line with every field quoted as Kobo writes it.
fn csv_line(fields: &[String], sep: char) -> String {
    fields
        .iter()
        .map(|f| format!("\"{}\"", f.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(&sep.to_string())
}

/// Kobo's CSV export (`;`, every field quoted, CRLF) of `subs`.
fn write_kobo_csv(path: &Path, subs: &[Sub]) {
    let mut lines = vec![csv_line(&kobo_header(), ';')];
    lines.extend(
        subs.iter()
            .enumerate()
            .map(|(k, s)| csv_line(&kobo_row(k, s), ';')),
    );
    std::fs::write(path, lines.join("\r\n")).unwrap();
}

/// Six rows: a duplicate of `a` (a later version), one not approved, one on hold, and a free
/// text with the separator inside.
fn kobo_subs() -> Vec<Sub> {
    vec![
        sub(
            "a1",
            "ban_na_san",
            &[],
            "2025-10-02T08:00:00",
            "validation_status_approved",
        ),
        sub("b2", "ban_na_san", &[19], "2025-10-02T09:00:00", ""),
        sub(
            "c3",
            "ban_co_muong",
            &[],
            "2025-10-02T10:00:00",
            "validation_status_not_approved",
        ),
        sub(
            "d4",
            "ban_co_muong",
            &[5],
            "2025-10-02T11:00:00",
            "validation_status_on_hold",
        ),
        sub(
            "a1",
            "ban_na_san",
            &[1],
            "2025-10-03T08:00:00",
            "validation_status_approved",
        ),
        Sub {
            other: "Đường xấu; cần sửa, gấp \"ngay\"",
            ..sub("e5", "ban_co_muong", &[], "2025-10-02T12:00:00", "")
        },
    ]
}

/// What the Kobo export scores to: a1's later version, b2, d4, e5.
fn assert_kobo_score(dir: &Path) {
    let v = score_json(dir, "chieng mung");
    assert_eq!(v["forms"]["returned"], 4, "{v}");
    assert_eq!(v["items"][0]["dissatisfied"], 1); // a1's later version
    assert_eq!(v["items"][0]["satisfied"], 3);
    assert_eq!(v["items"][4]["dissatisfied"], 1); // d4, on hold: counted
    assert_eq!(v["items"][18]["dissatisfied"], 1); // b2
    assert_eq!(v["other_opinions"], 1);
    let area = |name: &str| {
        v["areas"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == name)
            .unwrap()["surveyed"]
            .clone()
    };
    assert_eq!(area(NA_SAN), 2);
    assert_eq!(area(CO_MUONG), 2);
}

/// The first problem of a file report with this code.
fn problem<'a>(file: &'a Value, code: &str) -> &'a Value {
    file["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"]["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {file}"))
}

fn codes(v: &Value, file: usize) -> Vec<String> {
    v["files"][file]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"]["code"].as_str().unwrap().to_string())
        .collect()
}

fn assert_kobo_report(v: &Value) {
    let f = &v["files"][0];
    assert_eq!(f["rows_read"], 6, "{f}");
    assert_eq!(f["accepted"], 4, "{f}");
    assert_eq!(f["duplicates"], 1, "{f}");
    assert_eq!(f["not_counted"], 1, "{f}");
    assert_eq!(f["rejected"], 0, "{f}");
    let c = codes(v, 0);
    for code in [
        "duplicate_submission",
        "review_excluded",
        "review_warning",
        "areas_matched",
        "columns_matched",
    ] {
        assert!(c.contains(&code.to_string()), "{code}: {c:?}");
    }
    // The duplicate names the row kept and its own cell (_id column of its row).
    let dup = problem(f, "duplicate_submission");
    assert_eq!(dup["kind"]["kept_row"], 6);
    assert_eq!(dup["location"]["cell"], "W2");
}

#[test]
fn kobo_csv_with_groups_statuses_and_a_duplicate() {
    let t = tempfile::tempdir().unwrap();
    register(t.path());
    std::fs::write(t.path().join("kobo.toml"), mapping("thon_ban", OTHER)).unwrap();
    write_kobo_csv(&t.path().join("kobo.csv"), &kobo_subs());
    let (code, v) = import(t.path(), &["--mapping", "kobo.toml", "kobo.csv"]);
    assert_eq!(code, Some(0), "{v}");
    assert_kobo_report(&v);
    assert_kobo_score(t.path());
    // The text summary says what was left out, and why.
    let o = run(t.path(), &["check", "--mapping", "kobo.toml", "kobo.csv"]);
    let out = stdout(&o);
    assert!(
        out.contains("bỏ 1 bản trùng, không tính 1 bản bị từ chối khi duyệt"),
        "{out}"
    );
}

#[test]
fn kobo_xlsx_with_labels_that_hold_a_slash() {
    let t = tempfile::tempdir().unwrap();
    register(t.path());
    std::fs::write(t.path().join("kobo.toml"), mapping("thon_ban", OTHER)).unwrap();
    // A label column "Thôn/Bản" beside the field: the field's column is found by its name.
    let mut header = kobo_header();
    header.push("Thôn/Bản".into());
    let mut rows = vec![header.iter().map(|h| s(h)).collect::<Vec<_>>()];
    for (k, sb) in kobo_subs().iter().enumerate() {
        let mut r: Vec<Cell> = kobo_row(k, sb).iter().map(|x| s(x)).collect();
        r.push(s("(nhãn)"));
        rows.push(r);
    }
    write_xlsx(&t.path().join("kobo.xlsx"), &[("data".into(), rows)]);
    let (code, v) = import(t.path(), &["--mapping", "kobo.toml", "kobo.xlsx"]);
    assert_eq!(code, Some(0), "{v}");
    assert_kobo_report(&v);
    assert_kobo_score(t.path());
}

/// An ISO time (`2025-10-03T08:00:00`) as an Excel date serial, as Kobo's XLSX export writes
/// `_submission_time`.
fn excel_serial(iso: &str) -> f64 {
    let p = |a: usize, b: usize| iso[a..b].parse::<i64>().unwrap();
    let (y, m, d) = (p(0, 4), p(5, 7), p(8, 10));
    // Days from civil (Howard Hinnant), then from 1899-12-30.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    (days + 25_569) as f64 + (p(11, 13) * 3600 + p(14, 16) * 60 + p(17, 19)) as f64 / 86_400.0
}

#[test]
fn kobo_xlsx_with_date_cells_and_the_later_version_first() {
    let t = tempfile::tempdir().unwrap();
    register(t.path());
    std::fs::write(t.path().join("kobo.toml"), mapping("thon_ban", OTHER)).unwrap();
    let mut rows = vec![kobo_header().iter().map(|h| s(h)).collect::<Vec<_>>()];
    // Newest first, as an export sorted by date descending: only the time tells which a1 wins.
    for (k, sb) in kobo_subs().iter().enumerate().rev() {
        let mut r: Vec<Cell> = kobo_row(k, sb).iter().map(|x| s(x)).collect();
        r[24] = n(excel_serial(sb.time));
        rows.push(r);
    }
    write_xlsx(&t.path().join("kobo.xlsx"), &[("data".into(), rows)]);
    let (code, v) = import(t.path(), &["--mapping", "kobo.toml", "kobo.xlsx"]);
    assert_eq!(code, Some(0), "{v}");
    let f = &v["files"][0];
    assert_eq!((&f["accepted"], &f["duplicates"]), (&4.into(), &1.into()));
    let dup = problem(f, "duplicate_submission");
    assert_eq!(dup["kind"]["kept_row"], 3);
    assert_eq!(dup["location"]["cell"], "W7");
    assert_kobo_score(t.path());
}

/// One ODK Central submission: key, area, items not satisfied, time, review state, edits.
type OdkRow<'a> = (&'a str, &'a str, &'a [usize], &'a str, &'a str, u32);

/// ODK Central's export: `-` between group and field, its meta columns, `ReviewState`, `Edits`.
fn odk_csv(rows: &[OdkRow]) -> String {
    let mut h = vec!["SubmissionDate".to_string(), "grp-thon_ban".into()];
    h.extend((1..=19).map(|i| format!("grp-cau_{i}")));
    h.extend(
        [
            "grp-y_kien_khac",
            "meta-instanceID",
            "KEY",
            "SubmitterID",
            "SubmitterName",
            "AttachmentsPresent",
            "AttachmentsExpected",
            "Status",
            "ReviewState",
            "DeviceID",
            "Edits",
            "FormVersion",
        ]
        .map(String::from),
    );
    let mut lines = vec![h.join(",")];
    for (k, (key, area, dis, time, review, edits)) in rows.iter().enumerate() {
        let mut r = vec![time.to_string(), area.to_string()];
        r.extend((1..=19).map(|i| {
            if dis.contains(&i) {
                "khong_hai_long"
            } else {
                "hai_long"
            }
            .to_string()
        }));
        r.extend([
            "\"Cần làm đường, sửa cầu\"".to_string(),
            format!("uuid:{key}-v{edits}"),
            format!("uuid:{key}"),
            (5 + k).to_string(),
            "Thu thập viên".into(),
            "0".into(),
            "0".into(),
            String::new(),
            review.to_string(),
            "collect:abc".into(),
            edits.to_string(),
            "2025100101".into(),
        ]);
        lines.push(r.join(","));
    }
    lines.join("\n") + "\n"
}

#[test]
fn odk_central_csv_with_review_states_and_an_edited_submission() {
    let t = tempfile::tempdir().unwrap();
    register(t.path());
    std::fs::write(t.path().join("odk.toml"), mapping("thon_ban", OTHER)).unwrap();
    // The edited version comes first in the file: the edit count decides, not the order.
    let csv = odk_csv(&[
        ("k1", NA_SAN, &[2], "2025-10-02T08:00:00.000Z", "edited", 1),
        ("k2", NA_SAN, &[], "2025-10-02T09:00:00.000Z", "rejected", 0),
        (
            "k3",
            CO_MUONG,
            &[3],
            "2025-10-02T10:00:00.000Z",
            "hasIssues",
            0,
        ),
        ("k1", NA_SAN, &[], "2025-10-02T08:00:00.000Z", "", 0),
        (
            "k4",
            CO_MUONG,
            &[],
            "2025-10-02T11:00:00.000Z",
            "approved",
            0,
        ),
    ]);
    std::fs::write(t.path().join("odk.csv"), csv).unwrap();
    let (code, v) = import(t.path(), &["--mapping", "odk.toml", "odk.csv"]);
    assert_eq!(code, Some(0), "{v}");
    let f = &v["files"][0];
    assert_eq!(
        (
            &f["rows_read"],
            &f["accepted"],
            &f["duplicates"],
            &f["not_counted"]
        ),
        (&5.into(), &3.into(), &1.into(), &1.into()),
        "{f}"
    );
    let score = score_json(t.path(), "chieng mung");
    assert_eq!(score["forms"]["returned"], 3);
    assert_eq!(score["items"][1]["dissatisfied"], 1); // k1's edit
    assert_eq!(score["items"][2]["dissatisfied"], 1); // k3, has issues: counted
    assert_eq!(score["other_opinions"], 3);
}

/// `text` in UTF-16 with its byte-order mark, as Excel's "Unicode text" writes it.
fn utf16(text: &str, order: fn(u16) -> [u8; 2]) -> Vec<u8> {
    std::iter::once(0xFEFF)
        .chain(text.encode_utf16())
        .flat_map(order)
        .collect()
}

#[test]
fn deprecated_id_chains_in_utf16_tab_separated_text() {
    let t = tempfile::tempdir().unwrap();
    register(t.path());
    std::fs::write(t.path().join("m.toml"), mapping("thon_ban", "")).unwrap();
    let mut h = vec![
        "meta/instanceID".to_string(),
        "meta/deprecatedID".into(),
        "thon_ban".into(),
    ];
    h.extend((1..=19).map(|i| format!("cau_{i}")));
    let mut lines = vec![h.join("\t")];
    // x1 edited into x2, x2 into x3; y1 alone.
    for (id, dep, dis) in [
        ("uuid:x1", "", 1usize),
        ("uuid:y1", "", 4),
        ("uuid:x2", "uuid:x1", 2),
        ("uuid:x3", "uuid:x2", 3),
    ] {
        let mut r = vec![id.to_string(), dep.to_string(), CO_MUONG.to_string()];
        r.extend((1..=19).map(|i| if i == dis { "0" } else { "1" }.to_string()));
        lines.push(r.join("\t"));
    }
    let text = lines.join("\r\n");
    for (name, bytes) in [
        ("le.txt", utf16(&text, u16::to_le_bytes)),
        ("be.csv", utf16(&text, u16::to_be_bytes)),
    ] {
        std::fs::write(t.path().join(name), bytes).unwrap();
        let (code, v) = import(t.path(), &["--mapping", "m.toml", name]);
        assert_eq!(code, Some(0), "{name}: {v}");
        let f = &v["files"][0];
        assert_eq!(f["rows_read"], 4, "{name}");
        assert_eq!(f["accepted"], 2, "{name}");
        assert_eq!(f["duplicates"], 2, "{name}");
        let score = score_json(t.path(), "chieng mung");
        // Only x3 and y1 count (the second file supersedes the first by key, no double count).
        assert_eq!(score["forms"]["returned"], 2, "{name}");
        assert_eq!(score["items"][2]["dissatisfied"], 1, "{name}");
        assert_eq!(score["items"][0]["dissatisfied"], 0, "{name}");
        assert_eq!(score["items"][3]["dissatisfied"], 1, "{name}");
    }
}

#[test]
fn a_later_timestamped_re_export_supersedes_the_earlier_one_submission_by_submission() {
    let t = tempfile::tempdir().unwrap();
    register(t.path());
    std::fs::write(t.path().join("kobo.toml"), mapping("thon_ban", OTHER)).unwrap();
    let write = |name: &str, subs: &[Sub]| write_kobo_csv(&t.path().join(name), subs);
    let first = "xa_ntm_-_all_versions_-_2025-10-01-08-00-00.csv";
    write(
        first,
        &[
            sub("a1", "ban_na_san", &[], "2025-10-01T08:00:00", ""),
            sub("b2", "ban_na_san", &[], "2025-10-01T09:00:00", ""),
            sub(
                "c3",
                "ban_co_muong",
                &[],
                "2025-10-01T10:00:00",
                "validation_status_not_approved",
            ),
            sub(
                "d4",
                "ban_co_muong",
                &[],
                "2025-10-01T11:00:00",
                "validation_status_approved",
            ),
        ],
    );
    let (code, v) = import(t.path(), &["--mapping", "kobo.toml", first]);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(score_json(t.path(), "chieng mung")["forms"]["returned"], 3);
    // A week later: a1 edited, c3 approved after all, d4 now rejected, e5 new.
    let second = "xa_ntm_-_all_versions_-_2025-10-08-09-30-00.csv";
    write(
        second,
        &[
            sub("a1", "ban_na_san", &[1], "2025-10-07T08:00:00", ""),
            sub("b2", "ban_na_san", &[], "2025-10-01T09:00:00", ""),
            sub(
                "c3",
                "ban_co_muong",
                &[],
                "2025-10-01T10:00:00",
                "validation_status_approved",
            ),
            sub(
                "d4",
                "ban_co_muong",
                &[],
                "2025-10-01T11:00:00",
                "validation_status_not_approved",
            ),
            sub("e5", "ban_co_muong", &[7], "2025-10-06T10:00:00", ""),
        ],
    );
    let (code, v) = import(t.path(), &["--mapping", "kobo.toml", second]);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["files"][0]["outcome"], "stored");
    // The four submissions the first export brought are said to be superseded.
    let sup = problem(&v["files"][0], "supersedes_earlier");
    assert_eq!(sup["kind"]["count"], 4);
    assert_eq!(sup["kind"]["files"], serde_json::json!([first]));
    let score = score_json(t.path(), "chieng mung");
    // a1 (edited), b2, c3, e5: d4 is rejected by the later review; nothing counted twice.
    assert_eq!(score["forms"]["returned"], 4, "{score}");
    assert_eq!(score["items"][0]["dissatisfied"], 1);
    assert_eq!(score["items"][6]["dissatisfied"], 1);
    // The earlier export importing again changes nothing, and the newer versions still win.
    let (code, v) = import(t.path(), &["--mapping", "kobo.toml", first]);
    assert_eq!(code, Some(0));
    assert_eq!(v["files"][0]["outcome"], "unchanged");
    assert_eq!(score_json(t.path(), "chieng mung"), score);
    let m: Value =
        serde_json::from_slice(&std::fs::read(t.path().join("ws/manifest.json")).unwrap()).unwrap();
    let keyed: Vec<bool> = m["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["keyed"].as_bool().unwrap())
        .collect();
    assert_eq!(keyed, [false, true, true]);
}

#[test]
fn a_file_without_submission_keys_keeps_one_source_per_area() {
    let t = tempfile::tempdir().unwrap();
    register(t.path());
    std::fs::write(t.path().join("g.toml"), mapping("thon_ban", "")).unwrap();
    let mut h = vec!["thon_ban".to_string()];
    h.extend((1..=19).map(|i| format!("cau_{i}")));
    let row = |area: &str| {
        let mut r = vec![area.to_string()];
        r.extend((1..=19).map(|_| "1".to_string()));
        r.join(",")
    };
    let body = [h.join(","), row(NA_SAN), row(NA_SAN)].join("\n");
    std::fs::write(t.path().join("one.csv"), &body).unwrap();
    std::fs::write(t.path().join("two.csv"), body + "\n").unwrap();
    let (code, _) = import(t.path(), &["--mapping", "g.toml", "one.csv"]);
    assert_eq!(code, Some(0));
    let (code, v) = import(t.path(), &["--mapping", "g.toml", "two.csv"]);
    assert_eq!(code, Some(2), "{v}");
    assert_eq!(codes(&v, 0), ["area_in_other_file"]);
    assert_eq!(score_json(t.path(), "chieng mung")["forms"]["returned"], 2);
}

/// Google Forms: question texts as headers (commas inside, so quoted), a timestamp, free text
/// with commas, quotes and a line break.
fn google_forms_csv() -> String {
    let q = |i: usize| format!("\"Câu {i}. Ông/bà có hài lòng với nội dung {i}, kể cả …?\"");
    let mut h = vec!["Dấu thời gian".to_string(), "\"Thôn, bản\"".into()];
    h.extend((1..=19).map(q));
    h.push("\"Ý kiến khác (nếu có), ghi rõ\"".into());
    let mut lines = vec![h.join(",")];
    for k in 0..5 {
        let mut r = vec![
            format!("03/10/2025 08:1{k}:00"),
            if k < 3 { NA_SAN } else { CO_MUONG }.to_string(),
        ];
        r.extend((1..=19).map(|i| {
            if i == k + 1 {
                "Không hài lòng"
            } else {
                "Hài lòng"
            }
            .to_string()
        }));
        r.push(if k == 1 {
            "\"Đường, cầu; trường \"\"tốt\"\",\nnhưng còn xa\"".into()
        } else {
            String::new()
        });
        lines.push(r.join(","));
    }
    lines.join("\n")
}

fn google_mapping() -> String {
    let items: String = (1..=19)
        .map(|i| format!("{i} = \"Câu {i}. Ông/bà có hài lòng với nội dung {i}, kể cả …?\"\n"))
        .collect();
    format!(
        "[mapping]\nform = \"xa-ntm\"\ncommune = \"{COMMUNE}\"\narea_column = \"Thôn, bản\"\n\
         other_column = \"Ý kiến khác (nếu có), ghi rõ\"\n\n[items]\n{items}\n[values]\n\
         satisfied = [\"Hài lòng\"]\ndissatisfied = [\"Không hài lòng\"]\n"
    )
}

#[rstest]
#[case::utf8_comma("forms.csv", "utf8")]
#[case::utf8_bom("forms-bom.csv", "bom")]
#[case::utf16le("forms-le.txt", "utf16le")]
#[case::semicolon_sep_line("forms-sep.csv", "sep")]
fn google_forms_csv_with_quoted_commas(#[case] name: &str, #[case] how: &str) {
    let t = tempfile::tempdir().unwrap();
    register(t.path());
    std::fs::write(t.path().join("g.toml"), google_mapping()).unwrap();
    let text = google_forms_csv();
    let bytes: Vec<u8> = match how {
        "utf8" => text.into_bytes(),
        "bom" => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        "utf16le" => utf16(&text, u16::to_le_bytes),
        // Re-saved by Excel in a Vietnamese locale: `;` between fields, `sep=;` on top.
        _ => {
            let recs = hailong::ingest::source::csv_records(&text, ',');
            let out: Vec<String> = recs
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|f| format!("\"{}\"", f.replace('"', "\"\"")))
                        .collect::<Vec<_>>()
                        .join(";")
                })
                .collect();
            format!("sep=;\r\n{}", out.join("\r\n")).into_bytes()
        }
    };
    std::fs::write(t.path().join(name), bytes).unwrap();
    let (code, v) = import(t.path(), &["--mapping", "g.toml", name]);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["files"][0]["accepted"], 5, "{v}");
    assert_eq!(v["files"][0]["problems"], serde_json::json!([]), "{v}");
    let score = score_json(t.path(), "chieng mung");
    assert_eq!(score["forms"]["returned"], 5);
    for i in 0..5 {
        assert_eq!(score["items"][i]["dissatisfied"], 1, "item {}", i + 1);
    }
    assert_eq!(score["other_opinions"], 1);
}

#[test]
fn coded_areas_map_through_the_areas_table_and_unknown_codes_list_the_register() {
    let t = tempfile::tempdir().unwrap();
    register(t.path());
    let extra = "\n[areas]\n\"ns\" = \"Bản Nà Sản\"\n\"cm\" = \"Co Muông\"\n";
    std::fs::write(t.path().join("c.toml"), mapping("thon_ban", extra)).unwrap();
    let mut h = vec!["group/thon_ban".to_string()];
    h.extend((1..=19).map(|i| format!("group/cau_{i}")));
    let mut lines = vec![h.join(",")];
    for code in ["ns", "cm", "cm", "xyz", "ban_na_san"] {
        let mut r = vec![code.to_string()];
        r.extend((1..=19).map(|_| "1".to_string()));
        lines.push(r.join(","));
    }
    std::fs::write(t.path().join("c.csv"), lines.join("\n")).unwrap();
    // One row of five rejected: not stored as read…
    let (code, v) = import(t.path(), &["--mapping", "c.toml", "c.csv"]);
    assert_eq!(code, Some(2), "{v}");
    assert_eq!(v["files"][0]["outcome"], "doubtful", "{v}");
    // …unless the user accepts the part that was read.
    let (code, v) = import(
        t.path(),
        &["--accept-partial", "--mapping", "c.toml", "c.csv"],
    );
    assert_eq!(code, Some(1), "{v}");
    let f = &v["files"][0];
    assert_eq!((&f["accepted"], &f["rejected"]), (&4.into(), &1.into()));
    let bad = problem(f, "unknown_area_code");
    assert_eq!(bad["location"]["cell"], "A5");
    assert_eq!(
        bad["kind"]["register"],
        serde_json::json!([NA_SAN, CO_MUONG])
    );
    // The folded match of "ban_na_san" is said, not silent.
    assert!(codes(&v, 0).contains(&"areas_matched".to_string()));
    let score = score_json(t.path(), "chieng mung");
    assert_eq!(score["forms"]["returned"], 4);
    assert_eq!(score["households"]["total"], 18);
}

#[test]
fn register_areas_must_be_names_not_codes() {
    let t = tempfile::tempdir().unwrap();
    let extra = "\n[register]\n\"ban_na_san\" = 10\n";
    std::fs::write(t.path().join("c.toml"), mapping("thon_ban", extra)).unwrap();
    let mut h = vec!["thon_ban".to_string()];
    h.extend((1..=19).map(|i| format!("cau_{i}")));
    let mut r = vec!["ban_na_san".to_string()];
    r.extend((1..=19).map(|_| "1".to_string()));
    std::fs::write(
        t.path().join("c.csv"),
        [h.join(","), r.join(",")].join("\n"),
    )
    .unwrap();
    let (code, v) = import(t.path(), &["--mapping", "c.toml", "c.csv"]);
    assert_eq!(code, Some(2), "{v}");
    assert_eq!(codes(&v, 0), ["register_code"]);
}

#[test]
fn mapping_messages_name_the_mapping_and_the_values_it_accepts() {
    let t = tempfile::tempdir().unwrap();
    register(t.path());
    // Item 7 has no key in [items].
    let m = mapping("thon_ban", "").replace("7 = \"cau_7\"\n", "");
    std::fs::write(t.path().join("m.toml"), m).unwrap();
    let mut h = vec!["thon_ban".to_string()];
    h.extend((1..=19).map(|i| format!("cau_{i}")));
    let mut r = vec![NA_SAN.to_string()];
    r.extend((1..=19).map(|i| if i == 2 { "co" } else { "1" }.to_string()));
    std::fs::write(
        t.path().join("e.csv"),
        [h.join(","), r.join(",")].join("\n"),
    )
    .unwrap();
    let o = run(t.path(), &["import", "--mapping", "m.toml", "e.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("bảng [items] của tệp ánh xạ thiếu khóa của câu 7"),
        "{}",
        stdout(&o)
    );
    std::fs::write(t.path().join("m.toml"), mapping("thon_ban", "")).unwrap();
    let o = run(
        t.path(),
        &["--lang", "en", "import", "--mapping", "m.toml", "e.csv"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains(
            "e.csv › e › C2: item 2: a value the mapping's [values] does not list (accepted: 1, hai_long, 0, khong_hai_long)"
        ),
        "{}",
        stdout(&o)
    );
    // A column that is missing names the key, the header row and what that row has.
    let m = mapping("thon_ban", "").replace("\"cau_3\"", "\"cau_three\"");
    std::fs::write(t.path().join("m.toml"), m).unwrap();
    // (Other bytes: e.csv is already stored, so importing it again would not read it.)
    let mut bytes = std::fs::read(t.path().join("e.csv")).unwrap();
    bytes.push(b'\n');
    std::fs::write(t.path().join("f.csv"), bytes).unwrap();
    let (code, v) = import(t.path(), &["--mapping", "m.toml", "f.csv"]);
    assert_eq!(code, Some(2));
    let p = &v["files"][0]["problems"][0]["kind"];
    assert_eq!(p["code"], "mapping_column");
    assert_eq!(p["key"], "items.3");
    assert_eq!(p["header_row"], 1);
}

/// A canonical-looking workbook whose ballots sheet heads its area column `area_header`, with
/// a household-name column and STT beside it (recognised and ignored).
fn typed_workbook(path: &Path, area_header: &str, rows: &[(&str, &str, usize)]) {
    let mut reg = vec![
        vec![s("Xã:"), s(COMMUNE)],
        vec![s("Mẫu phiếu:"), s("xa-ntm")],
        vec![s("STT"), s("Khu dân cư"), s("Tổng số hộ")],
        vec![n(1.0), s(NA_SAN), n(10.0)],
        vec![n(2.0), s(CO_MUONG), n(8.0)],
    ];
    reg.push(vec![]);
    let mut header = vec![
        s("STT"),
        s("Họ và tên chủ hộ"),
        s(area_header),
        s("Số phiếu"),
    ];
    header.extend((1..=19).map(|i| s(&format!("Câu {i}"))));
    let mut bal = vec![vec![s("PHIẾU LẤY Ý KIẾN")], header];
    for (k, (area, no, dis)) in rows.iter().enumerate() {
        let name = format!("Nguyễn Văn {}", ["An", "Bình", "Chi", "Dũng", "Hà"][k % 5]);
        let mut r = vec![n(k as f64 + 1.0), s(&name), s(area), s(no)];
        r.extend((1..=19).map(|i| {
            s(if i == *dis {
                "Không hài lòng"
            } else {
                "Hài lòng"
            })
        }));
        bal.push(r);
    }
    write_xlsx(path, &[("DS".into(), reg), ("Nhập phiếu".into(), bal)]);
}

#[rstest]
#[case("Thôn/Bản")]
#[case("Bản - Tiểu khu")]
#[case("Tên thôn, tổ dân phố")]
#[case("TDP")]
#[case("KDC")]
#[case("Tên bản")]
#[case("Xóm")]
#[case("Ấp")]
#[case("Buôn/Làng")]
#[case("Khu dân cư (thôn, bản)")]
fn area_columns_are_found_by_their_vocabulary(#[case] header: &str) {
    let t = tempfile::tempdir().unwrap();
    let rows = [(NA_SAN, "1", 1), ("Nà Sản", "2", 2), (CO_MUONG, "1", 3)];
    typed_workbook(&t.path().join("xa.xlsx"), header, &rows);
    let (code, v) = import(t.path(), &["xa.xlsx"]);
    assert_eq!(code, Some(0), "{header}: {v}");
    assert_eq!(v["files"][0]["accepted"], 3, "{header}");
    assert_eq!(v["files"][0]["problems"], serde_json::json!([]), "{header}");
    let score = score_json(t.path(), "chieng mung");
    assert_eq!(score["forms"]["returned"], 3);
}

#[test]
fn duplicate_form_numbers_are_kept_once_when_identical_and_both_counted_when_not() {
    let t = tempfile::tempdir().unwrap();
    let rows = [
        (NA_SAN, "1", 1),
        (NA_SAN, "2", 2),
        (NA_SAN, "1", 1), // typed twice
        (NA_SAN, "2", 5), // another household given number 2
        (CO_MUONG, "1", 3),
    ];
    typed_workbook(&t.path().join("xa.xlsx"), "Thôn, bản", &rows);
    let (code, v) = import(t.path(), &["xa.xlsx"]);
    assert_eq!(code, Some(0), "{v}");
    let f = &v["files"][0];
    assert_eq!(
        (&f["rows_read"], &f["accepted"], &f["duplicates"]),
        (&5.into(), &4.into(), &1.into())
    );
    let p = f["problems"].as_array().unwrap();
    assert_eq!(p.len(), 2, "{v}");
    assert_eq!(p[0]["kind"]["code"], "duplicate_form_typed");
    assert_eq!(p[0]["kind"]["first_row"], 3);
    assert_eq!(p[0]["location"]["cell"], "D5");
    assert_eq!(p[1]["kind"]["code"], "duplicate_form_no");
    assert_eq!(p[1]["kind"]["first_row"], 4);
    assert_eq!(p[1]["location"]["cell"], "D6");
    let score = score_json(t.path(), "chieng mung");
    assert_eq!(score["forms"]["returned"], 4);
    assert_eq!(score["items"][4]["dissatisfied"], 1);
    let o = run(t.path(), &["check", "xa.xlsx"]);
    assert!(stdout(&o).contains("bỏ 1 bản trùng"), "{}", stdout(&o));
}

#[test]
fn a_sheet_without_an_area_column_is_refused_once_never_guessed_and_nothing_is_stored() {
    let t = tempfile::tempdir().unwrap();
    register(t.path());
    let mut header = vec![s("STT"), s("Họ và tên"), s("Số phiếu")];
    header.extend((1..=19).map(|i| s(&format!("Câu {i}"))));
    let mut rows = vec![
        vec![s("Xã:"), s(COMMUNE)],
        vec![s("Mẫu phiếu:"), s("xa-ntm")],
        header,
    ];
    for k in 0..40 {
        let mut r = vec![
            n(k as f64 + 1.0),
            s(&format!("Lò Văn {k}")),
            n(k as f64 + 1.0),
        ];
        r.extend((1..=19).map(|_| s("Hài lòng")));
        rows.push(r);
    }
    write_xlsx(&t.path().join("phieu.xlsx"), &[("Sheet1".into(), rows)]);
    let before = std::fs::read(t.path().join("ws/manifest.json")).unwrap();
    let (code, v) = import(t.path(), &["phieu.xlsx"]);
    assert_eq!(code, Some(1), "{v}");
    let f = &v["files"][0];
    assert_eq!((&f["rows_read"], &f["rejected"]), (&40.into(), &40.into()));
    assert_eq!(f["outcome"], "not_stored");
    assert_eq!(codes(&v, 0), ["no_area_column"]);
    assert_eq!(f["problems"][0]["location"]["cell"], "3");
    assert_eq!(
        f["problems"][0]["kind"]["recognised"],
        serde_json::json!(["STT", "Họ và tên", "Số phiếu", "19 × Câu"])
    );
    assert_eq!(
        std::fs::read(t.path().join("ws/manifest.json")).unwrap(),
        before,
        "workspace changed"
    );
    let o = run(t.path(), &["import", "phieu.xlsx"]);
    let out = stdout(&o);
    assert!(out.contains("→ không lưu"), "{out}");
    assert!(!out.contains("đã lưu"), "{out}");
    // One problem line, after the reading (shown in full: nothing was stored).
    assert_eq!(
        out.lines().filter(|l| l.starts_with("  [")).count(),
        1,
        "{out}"
    );
    assert!(out.contains("Sheet \"Sheet1\""), "{out}");
}

#[test]
fn an_all_rejected_file_is_not_stored_and_identical_problems_are_grouped() {
    let t = tempfile::tempdir().unwrap();
    register(t.path());
    let rows: Vec<(&str, &str, usize)> = (0..12).map(|_| ("Bản Không Có", "1", 1)).collect();
    let rows: Vec<(&str, String, usize)> = rows
        .iter()
        .enumerate()
        .map(|(k, r)| (r.0, (k + 1).to_string(), r.2))
        .collect();
    let rows: Vec<(&str, &str, usize)> = rows.iter().map(|r| (r.0, r.1.as_str(), r.2)).collect();
    typed_workbook(&t.path().join("sai.xlsx"), "Khu dân cư", &rows);
    let (code, v) = import(t.path(), &["sai.xlsx"]);
    assert_eq!(code, Some(1), "{v}");
    assert_eq!(v["files"][0]["outcome"], "not_stored");
    // Every row's problem is in the JSON with its cell.
    let p = v["files"][0]["problems"].as_array().unwrap();
    assert_eq!(p.len(), 12);
    assert!(p.iter().all(|p| p["location"]["cell"].is_string()));
    let o = run(t.path(), &["--lang", "en", "import", "sai.xlsx"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("→ not stored: every row was rejected"),
        "{out}"
    );
    assert!(
        out.contains("12 times, at C3 (Bản Không Có), C4 (Bản Không Có)"),
        "{out}"
    );
    // The twelve problems grouped in one line, after the reading.
    assert_eq!(
        out.lines().filter(|l| l.starts_with("  [")).count(),
        1,
        "{out}"
    );
    // The errors workbook has them all.
    let o = run(
        t.path(),
        &["check", "--errors-xlsx", "loi.xlsx", "sai.xlsx"],
    );
    assert_eq!(o.status.code(), Some(1));
    let wb = read_xlsx(&t.path().join("loi.xlsx"));
    assert_eq!(wb[0].1.len(), 13);
    // A file with some rows rejected says how many were stored.
    let rows = [("Bản Không Có", "1", 1), (NA_SAN, "2", 1)];
    typed_workbook(&t.path().join("mot-phan.xlsx"), "Khu dân cư", &rows);
    let o = run(t.path(), &["import", "mot-phan.xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("KHÔNG LƯU"), "{}", stdout(&o));
    let o = run(t.path(), &["import", "--accept-partial", "mot-phan.xlsx"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("→ đã lưu 1 phiếu"), "{}", stdout(&o));
    assert!(stdout(&o).contains("đã lưu MỘT PHẦN"), "{}", stdout(&o));
}

#[test]
fn english_everywhere_with_lang_en() {
    let t = tempfile::tempdir().unwrap();
    register(t.path());
    std::fs::write(t.path().join("kobo.toml"), mapping("thon_ban", OTHER)).unwrap();
    write_kobo_csv(&t.path().join("kobo.csv"), &kobo_subs());
    let o = run(
        t.path(),
        &[
            "--lang",
            "en",
            "import",
            "--mapping",
            "kobo.toml",
            "kobo.csv",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("layout csv (through a mapping)"), "{out}");
    assert!(
        out.contains("1 duplicates merged, 1 rejected by review not counted"),
        "{out}"
    );
    assert!(out.contains("→ stored 4 forms"), "{out}");
    // Nothing Vietnamese but the data itself (names, the file's own values).
    for word in [
        "đọc",
        "nhận",
        "loại",
        "cảnh báo",
        "lưu",
        "dòng",
        "cột",
        "tệp",
    ] {
        assert!(!out.contains(word), "{word}: {out}");
    }
}

#[rstest]
#[case::kobo('/')]
#[case::odk_central('-')]
#[case::dotted('.')]
#[case::colon(':')]
fn group_prefixes_under_any_separator(#[case] sep: char) {
    let t = tempfile::tempdir().unwrap();
    register(t.path());
    std::fs::write(t.path().join("m.toml"), mapping("group_a/thon_ban", "")).unwrap();
    let mut h = vec![format!("group_a{sep}thon_ban")];
    h.extend((1..=19).map(|i| format!("nhom_b{sep}cau_{i}")));
    let mut r = vec![NA_SAN.to_string()];
    r.extend((1..=19).map(|i| if i == 4 { "0" } else { "1" }.to_string()));
    std::fs::write(
        t.path().join("x.csv"),
        [h.join(","), r.join(",")].join("\n"),
    )
    .unwrap();
    let (code, v) = import(t.path(), &["--mapping", "m.toml", "x.csv"]);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["files"][0]["accepted"], 1);
    // Not an exact match: the columns used are said.
    let p = &v["files"][0]["problems"][0];
    assert_eq!(p["kind"]["code"], "columns_matched", "{v}");
    let said = if sep == '/' {
        serde_json::json!([format!("\"nhom_b{sep}\": items.1–19")])
    } else {
        serde_json::json!([
            format!("\"group_a{sep}\": mapping.area_column"),
            format!("\"nhom_b{sep}\": items.1–19")
        ])
    };
    assert_eq!(p["kind"]["pairs"], said);
    assert_eq!(
        score_json(t.path(), "chieng mung")["items"][3]["dissatisfied"],
        1
    );
}

#[test]
fn a_name_that_fits_two_columns_is_refused_not_guessed() {
    let t = tempfile::tempdir().unwrap();
    register(t.path());
    std::fs::write(t.path().join("m.toml"), mapping("thon_ban", "")).unwrap();
    let mut h = vec!["thon_ban".to_string(), "nhom_1/cau_1".into()];
    h.extend((1..=19).map(|i| format!("nhom_2/cau_{i}")));
    let mut r = vec![NA_SAN.to_string(), "1".into()];
    r.extend((1..=19).map(|_| "1".to_string()));
    std::fs::write(
        t.path().join("x.csv"),
        [h.join(","), r.join(",")].join("\n"),
    )
    .unwrap();
    let (code, v) = import(t.path(), &["--mapping", "m.toml", "x.csv"]);
    assert_eq!(code, Some(2), "{v}");
    let p = &v["files"][0]["problems"][0]["kind"];
    assert_eq!(p["code"], "mapping_ambiguous");
    assert_eq!(
        p["candidates"],
        serde_json::json!(["nhom_1/cau_1", "nhom_2/cau_1"])
    );
}

#[test]
fn the_review_policy_is_the_mappings_to_change() {
    let t = tempfile::tempdir().unwrap();
    register(t.path());
    // On hold is not counted either; approved or not, nothing else is looked at.
    let review = "\n[review]\nexclude = [\"Not Approved\", \"on_hold\"]\nwarn = []\n";
    let m = mapping("thon_ban", &format!("{OTHER}{review}"));
    std::fs::write(t.path().join("kobo.toml"), m).unwrap();
    write_kobo_csv(&t.path().join("kobo.csv"), &kobo_subs());
    let (code, v) = import(t.path(), &["--mapping", "kobo.toml", "kobo.csv"]);
    assert_eq!(code, Some(0), "{v}");
    let f = &v["files"][0];
    assert_eq!((&f["accepted"], &f["not_counted"]), (&3.into(), &2.into()));
    assert!(!codes(&v, 0).contains(&"review_warning".to_string()));
    assert_eq!(score_json(t.path(), "chieng mung")["forms"]["returned"], 3);
}

/// Kobo's CSV export of `rows` (`_id` or its stand-in, `_uuid`, submission): the header's
/// `_id` column renamed `stable` (`meta/rootUuid` in newer exports).
fn write_kobo_versions(path: &Path, stable: &str, rows: &[(&str, &str, Sub)]) {
    let mut header = kobo_header();
    header[22] = stable.into();
    let mut lines = vec![csv_line(&header, ';')];
    for (k, (key, uuid, sb)) in rows.iter().enumerate() {
        let mut r = kobo_row(k, sb);
        r[22] = key.to_string();
        r[23] = uuid.to_string();
        lines.push(csv_line(&r, ';'));
    }
    std::fs::write(path, lines.join("\r\n")).unwrap();
}

/// Issue 20 §3: a Kobo submission edited after a first export keeps its `_id` (or
/// `meta/rootUuid`) and gets a new `_uuid`; the later export replaces it, never adds it.
#[rstest]
#[case::kobo_id("_id", "501", "502")]
#[case::root_uuid("meta/rootUuid", "uuid:r-a1", "uuid:r-b2")]
fn an_edited_kobo_submission_with_a_new_uuid_is_counted_once(
    #[case] stable: &str,
    #[case] a1: &str,
    #[case] b2: &str,
) {
    let t = tempfile::tempdir().unwrap();
    register(t.path());
    std::fs::write(t.path().join("kobo.toml"), mapping("thon_ban", OTHER)).unwrap();
    let time = "2025-10-01T08:00:00";
    write_kobo_versions(
        &t.path().join("first.csv"),
        stable,
        &[
            (a1, "u-a1", sub("u-a1", "ban_na_san", &[], time, "")),
            (b2, "u-b2", sub("u-b2", "ban_co_muong", &[], time, "")),
        ],
    );
    let (code, v) = import(t.path(), &["--mapping", "kobo.toml", "first.csv"]);
    assert_eq!(code, Some(0), "{v}");
    // a1 edited on the server: new `_uuid`, same key and submission time.
    write_kobo_versions(
        &t.path().join("second.csv"),
        stable,
        &[
            (
                a1,
                "u-a1-edit",
                sub("u-a1-edit", "ban_na_san", &[1, 2], time, ""),
            ),
            (b2, "u-b2", sub("u-b2", "ban_co_muong", &[], time, "")),
        ],
    );
    let (code, v) = import(t.path(), &["--mapping", "kobo.toml", "second.csv"]);
    assert_eq!(code, Some(0), "{v}");
    let sup = problem(&v["files"][0], "supersedes_earlier");
    assert_eq!(sup["kind"]["count"], 2, "{v}");
    let score = score_json(t.path(), "chieng mung");
    assert_eq!(score["forms"]["returned"], 2, "{score}");
    assert_eq!(score["items"][0]["dissatisfied"], 1, "{score}");
    assert_eq!(score["items"][1]["dissatisfied"], 1, "{score}");
    assert_eq!(score["items"][2]["dissatisfied"], 0, "{score}");
}

/// ODK Central's export with `meta-deprecatedID`: `KEY` stays the submission's, whatever the
/// instance ids say, and within one export the latest version wins.
fn odk_versions_csv(rows: &[(&str, &str, &str, &[usize])]) -> String {
    let mut h = vec!["SubmissionDate".to_string(), "grp-thon_ban".into()];
    h.extend((1..=19).map(|i| format!("grp-cau_{i}")));
    h.extend(["meta-instanceID", "meta-deprecatedID", "KEY"].map(String::from));
    let mut lines = vec![h.join(",")];
    for (key, instance, deprecated, dis) in rows {
        let mut r = vec!["2025-10-02T08:00:00.000Z".to_string(), NA_SAN.into()];
        r.extend((1..=19).map(|i| if dis.contains(&i) { "0" } else { "1" }.to_string()));
        r.extend([
            instance.to_string(),
            deprecated.to_string(),
            key.to_string(),
        ]);
        lines.push(r.join(","));
    }
    lines.join("\n") + "\n"
}

#[test]
fn odk_central_key_is_the_identity_of_an_edited_submission() {
    let t = tempfile::tempdir().unwrap();
    register(t.path());
    std::fs::write(t.path().join("odk.toml"), mapping("thon_ban", "")).unwrap();
    let first = odk_versions_csv(&[
        ("uuid:k1", "uuid:k1", "", &[]),
        ("uuid:k2", "uuid:k2", "", &[]),
    ]);
    std::fs::write(t.path().join("first.csv"), first).unwrap();
    let (code, v) = import(t.path(), &["--mapping", "odk.toml", "first.csv"]);
    assert_eq!(code, Some(0), "{v}");
    // k1 edited twice; its versions listed newest first, each naming the one it replaces.
    let second = odk_versions_csv(&[
        ("uuid:k1", "uuid:k1-e2", "uuid:k1-e1", &[3]),
        ("uuid:k1", "uuid:k1-e1", "uuid:k1", &[2]),
        ("uuid:k2", "uuid:k2", "", &[]),
    ]);
    std::fs::write(t.path().join("second.csv"), second).unwrap();
    let (code, v) = import(t.path(), &["--mapping", "odk.toml", "second.csv"]);
    assert_eq!(code, Some(0), "{v}");
    let f = &v["files"][0];
    assert_eq!(
        (&f["accepted"], &f["duplicates"]),
        (&2.into(), &1.into()),
        "{f}"
    );
    // The duplicate is reported at its KEY cell (column X) with the row kept.
    let dup = problem(f, "duplicate_submission");
    assert_eq!(dup["location"]["cell"], "X3", "{dup}");
    assert_eq!(dup["kind"]["kept_row"], 2, "{dup}");
    assert_eq!(dup["value"], "k1", "{dup}");
    let score = score_json(t.path(), "chieng mung");
    assert_eq!(score["forms"]["returned"], 2, "{score}");
    assert_eq!(score["items"][2]["dissatisfied"], 1, "{score}");
    assert_eq!(score["items"][1]["dissatisfied"], 0, "{score}");
}
