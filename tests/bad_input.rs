//! Bad input gives a message naming file, sheet and cell, the right exit code, and no panic.

mod common;

use common::*;
use rstest::rstest;

fn tmp_with(c: &Canonical) -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    c.write(&t.path().join("xa.xlsx"));
    t
}

fn assert_no_panic(o: &std::process::Output) {
    assert!(!stderr(o).contains("panicked"), "{}", stderr(o));
}

#[test]
fn a_file_that_is_not_a_spreadsheet_is_unusable() {
    let t = tempfile::tempdir().unwrap();
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/not-a-workbook.xlsx");
    let o = run(t.path(), &["import", fixture.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_no_panic(&o);
    let out = stdout(&o);
    assert!(
        out.contains("not-a-workbook.xlsx: không phải bảng tính đọc được"),
        "{out}"
    );
    assert!(
        !t.path()
            .join("ws/ballots")
            .read_dir()
            .unwrap()
            .any(|_| true)
    );
}

#[test]
fn a_register_alone_is_stored_as_the_register_and_unreadable_forms_are_named() {
    // A workbook with only the register (the forms come later): stored as the register.
    let c = Canonical::small();
    let t = tempfile::tempdir().unwrap();
    let sheets: Vec<Sheet> = c.sheets().into_iter().filter(|s| s.0 != "Phiếu").collect();
    write_xlsx(&t.path().join("xa.xlsx"), &sheets);
    let o = run(t.path(), &["import", "xa.xlsx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("tệp chỉ có danh sách khu dân cư (2 khu)"),
        "{}",
        stdout(&o)
    );
    // A forms sheet whose header names no item is not silently dropped beside a register:
    // said as what is missing, with what each sheet showed.
    let mut sheets = c.sheets();
    for cell in sheets[1].1[2].iter_mut() {
        if let Cell::S(v) = cell
            && v.starts_with("Câu ")
        {
            *v = v.replace("Câu ", "Mục ");
        }
    }
    write_xlsx(&t.path().join("xa2.xlsx"), &sheets);
    let o = run(t.path(), &["import", "xa2.xlsx"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("xa2.xlsx: không sheet nào có dòng tiêu đề ghi các câu của phiếu"),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains("\"Khu dân cư\": danh sách khu dân cư (dòng 5)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn an_answer_that_is_neither_option_is_reported_with_its_cell_and_counted_invalid() {
    let mut c = Canonical::small();
    c.ballots[1].2[2] = "Có".into(); // third ballot row (row 5), item 3 (column E)
    let t = tmp_with(&c);
    let o = run(t.path(), &["import", "xa.xlsx"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("xa.xlsx › Phiếu › E5: câu 3: câu trả lời không phải"),
        "{out}"
    );
    assert!(out.contains("(Có)"), "{out}");
    let v: serde_json::Value = serde_json::from_slice(
        &run(t.path(), &["score", "--commune", "chieng mung", "--json"]).stdout,
    )
    .unwrap();
    assert_eq!(v["items"][2]["invalid"], 1);
    assert_eq!(v["items"][2]["satisfied"], 2);
    assert_eq!(v["forms"]["counted"], 3);
}

#[test]
fn an_area_missing_from_the_register_rejects_the_row_with_a_suggestion() {
    let mut c = Canonical::small();
    c.ballots[2].0 = "Bản Co Muôn".into();
    let t = tmp_with(&c);
    // One row of three rejected: the reading looks wrong, nothing is stored…
    let o = run(t.path(), &["import", "xa.xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    assert!(
        out.contains("xa.xlsx › Phiếu › A6: khu dân cư không có trong sheet"),
        "{out}"
    );
    assert!(out.contains("Có phải: Bản Co Muông"), "{out}");
    assert!(out.contains("KHÔNG LƯU: cách đọc có vẻ sai"), "{out}");
    // …unless the user accepts storing what was read.
    let o = run(t.path(), &["import", "--accept-partial", "xa.xlsx"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("đọc 3 dòng, nhận 2, loại 1"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn more_ballots_than_households_rejects_the_area_and_names_the_register_cell() {
    let mut c = Canonical::small();
    c.register[1].1 = 0.0; // Bản Co Muông: 0 households, 1 ballot
    let t = tmp_with(&c);
    let o = run(t.path(), &["import", "--accept-partial", "xa.xlsx"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains(
            "xa.xlsx › Khu dân cư › C7: khu dân cư \"Bản Co Muông\" có 1 phiếu nhưng chỉ có 0 hộ"
        ),
        "{out}"
    );
    assert!(out.contains("đọc 3 dòng, nhận 2, loại 1"), "{out}");
}

#[rstest]
#[case::missing_area(|c: &mut Canonical| c.ballots[0].0 = String::new(), "A4")]
#[case::unknown_area(|c: &mut Canonical| c.ballots[1].0 = "Bản Không Có".into(), "A5")]
fn rejected_rows_reconcile(#[case] spoil: fn(&mut Canonical), #[case] cell: &str) {
    let mut c = Canonical::small();
    spoil(&mut c);
    let t = tmp_with(&c);
    let o = run(
        t.path(),
        &["import", "--json", "--accept-partial", "xa.xlsx"],
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = &v["files"][0];
    assert_eq!(f["rows_read"], 3);
    assert_eq!(f["accepted"], 2);
    assert_eq!(f["rejected"], 1);
    assert_eq!(f["problems"][0]["location"]["cell"], cell);
    assert_eq!(f["problems"][0]["location"]["sheet"], "Phiếu");
}

#[test]
fn messages_come_in_english_with_lang_en() {
    let mut c = Canonical::small();
    c.ballots[0].2[0] = "maybe".into();
    let t = tmp_with(&c);
    let o = run(t.path(), &["--lang", "en", "import", "xa.xlsx"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("xa.xlsx › Phiếu › C4: item 1: the answer is neither"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_ward_or_an_unknown_commune_is_refused() {
    let mut c = Canonical::small();
    c.commune = "Phường Tô Hiệu".into();
    let t = tmp_with(&c);
    let o = run(t.path(), &["import", "xa.xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("xa.xlsx › Khu dân cư › B2: Phường Tô Hiệu là phường"),
        "{}",
        stdout(&o)
    );

    c.commune = "Xã Không Có".into();
    c.write(&t.path().join("xa.xlsx"));
    let o = run(t.path(), &["import", "xa.xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("Không tìm thấy xã \"Xã Không Có\""),
        "{}",
        stdout(&o)
    );
}

#[test]
fn an_old_commune_name_is_attributed_to_the_merged_commune_with_a_warning() {
    let mut c = Canonical::small();
    c.commune = "Xã Mường Bon".into();
    let t = tmp_with(&c);
    let o = run(t.path(), &["import", "xa.xlsx"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).contains("tên xã cũ \"Xã Mường Bon\"; từ 01/7/2025 thuộc Xã Chiềng Mung"),
        "{}",
        stdout(&o)
    );
    assert!(
        run(t.path(), &["score", "--commune", "Mường Bon"])
            .status
            .success()
    );
}

#[test]
fn score_names_match_without_accents_and_ambiguity_lists_candidates() {
    let t = tempfile::tempdir().unwrap();
    let mut c = Canonical::small();
    c.write(&t.path().join("a.xlsx"));
    c.commune = "Xã Chiềng Mai".into();
    c.write(&t.path().join("b.xlsx"));
    assert_eq!(
        run(t.path(), &["import", "a.xlsx", "b.xlsx"]).status.code(),
        Some(0)
    );
    assert!(
        run(t.path(), &["score", "--commune", "chieng mung"])
            .status
            .success()
    );
    let o = run(t.path(), &["score", "--commune", "chieng"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("Xã Chiềng Mai; Xã Chiềng Mung"),
        "{}",
        stderr(&o)
    );
    let o = run(t.path(), &["score", "--commune", "Tà Xùa"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("Không xác định được xã \"Tà Xùa\""),
        "{}",
        stderr(&o)
    );
}

#[test]
fn two_files_with_ballots_for_the_same_area_are_never_added_together() {
    let t = tempfile::tempdir().unwrap();
    let c = Canonical::small();
    c.write(&t.path().join("a.xlsx"));
    assert_eq!(run(t.path(), &["import", "a.xlsx"]).status.code(), Some(0));
    let mut c2 = Canonical::small();
    c2.ballots.truncate(1);
    c2.write(&t.path().join("b.xlsx"));
    let o = run(t.path(), &["import", "b.xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("đã có phiếu từ tệp a.xlsx"),
        "{}",
        stdout(&o)
    );
    let v: serde_json::Value = serde_json::from_slice(
        &run(t.path(), &["score", "--commune", "chieng mung", "--json"]).stdout,
    )
    .unwrap();
    assert_eq!(v["forms"]["returned"], 3);
}

#[test]
fn two_households_whose_heads_share_a_name_are_both_counted_and_names_are_never_stored() {
    // Regression (issue 20): a name column was taken as the household's identity, and the
    // second "Lò Văn A" of a bản was rejected as a duplicate.
    let c = Canonical::small();
    let mut sheets = c.sheets();
    let header = &mut sheets[1].1[2];
    header.resize(21, Cell::E);
    header.push(s("Họ tên chủ hộ"));
    for (row, name) in [(3, "Lò Văn A"), (4, "lò văn a"), (5, "Cầm Thị B")] {
        sheets[1].1[row].resize(21, Cell::E);
        sheets[1].1[row].push(s(name));
    }
    let t = tempfile::tempdir().unwrap();
    write_xlsx(&t.path().join("xa.xlsx"), &sheets);
    let o = run(t.path(), &["import", "xa.xlsx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(
        !out.contains("Lò Văn A") && !out.contains("lò văn a"),
        "a name is never echoed: {out}"
    );
    assert!(out.contains("đọc 3 dòng, nhận 3, loại 0"), "{out}");
    use polars::prelude::*;
    for e in std::fs::read_dir(t.path().join("ws/ballots")).unwrap() {
        let df = ParquetReader::new(std::fs::File::open(e.unwrap().path()).unwrap())
            .finish()
            .unwrap();
        for c in df.columns() {
            if let Ok(strs) = c.str() {
                for v in strs.iter().flatten() {
                    assert!(
                        !v.contains("Lò Văn") && !v.contains("Cầm Thị"),
                        "name stored in {}",
                        c.name()
                    );
                }
            }
        }
    }
}

/// Regression (issue #26): `check --no-wait` was accepted and ignored (check never waits).
#[test]
fn check_refuses_no_wait_instead_of_ignoring_it() {
    let t = tempfile::tempdir().unwrap();
    for (lang, needle) in [
        ("vi", "chỉ dùng với hailong import"),
        ("en", "for hailong import only"),
    ] {
        let o = common::run(t.path(), &["--lang", lang, "check", "--no-wait", "x.xlsx"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(
            common::stderr(&o).contains(needle),
            "{}",
            common::stderr(&o)
        );
    }
}

/// Regression (issue #26): `demo --data DIR` was accepted and ignored (the demo writes its own
/// workspace under `--out`); it is refused with the reason, and nothing is written.
#[test]
fn demo_refuses_data_instead_of_ignoring_it() {
    let t = tempfile::tempdir().unwrap();
    for (lang, needle) in [("vi", "không dùng --data"), ("en", "takes no --data")] {
        let o = common::run(
            t.path(),
            &["--lang", lang, "demo", "--data", "ws", "--out", "mau"],
        );
        assert_eq!(o.status.code(), Some(2));
        assert!(
            common::stderr(&o).contains(needle),
            "{}",
            common::stderr(&o)
        );
        assert!(!t.path().join("mau").exists() && !t.path().join("ws").exists());
    }
}
