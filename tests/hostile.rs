//! Broken and hostile files: each gives its own message and exit code 1 or 2, quickly, with no
//! panic, and leaves the workspace exactly as it was.

mod common;

use common::*;
use rstest::rstest;
use std::path::Path;
use std::time::{Duration, Instant};

#[rstest]
#[case::truncated_archive("truncated.xlsx", 2, "không phải bảng tính đọc được")]
#[case::decompression_bomb("bomb.xlsx", 2, "tệp nén giải ra dung lượng bất thường")]
#[case::enormous_extent(
    "huge-extent.xlsx",
    2,
    "quá lớn để là một bảng phiếu (1048576 × 16384)"
)]
#[case::formula_without_value(
    "formula-no-value.xlsx",
    2,
    "Phiếu › B4: 1 ô có công thức nhưng chưa có giá trị tính sẵn"
)]
#[case::random_bytes("random.xls", 2, "không phải bảng tính đọc được")]
#[case::empty_file("empty.xlsx", 2, "không phải bảng tính đọc được")]
fn hostile_files_are_refused_with_their_own_message(
    #[case] file: &str,
    #[case] code: i32,
    #[case] says: &str,
) {
    let t = tempfile::tempdir().unwrap();
    // A workspace with data already in it must come out unchanged.
    Canonical::small().write(&t.path().join("ok.xlsx"));
    assert_eq!(run(t.path(), &["import", "ok.xlsx"]).status.code(), Some(0));
    let manifest = std::fs::read(t.path().join("ws/manifest.json")).unwrap();

    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(file);
    let start = Instant::now();
    let o = run(t.path(), &["import", path.to_str().unwrap()]);
    let took = start.elapsed();
    assert!(took < Duration::from_secs(20), "{file} took {took:?}");
    assert_eq!(
        o.status.code(),
        Some(code),
        "{file}: {}{}",
        stdout(&o),
        stderr(&o)
    );
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    assert!(stdout(&o).contains(says), "{file}: {}", stdout(&o));
    assert!(stdout(&o).contains(file), "the message names the file");
    assert_eq!(
        std::fs::read(t.path().join("ws/manifest.json")).unwrap(),
        manifest
    );
    let entries = |d: &str| {
        std::fs::read_dir(t.path().join("ws").join(d))
            .unwrap()
            .count()
    };
    assert_eq!(entries("ballots"), 1);
}

#[test]
fn a_path_like_commune_name_is_never_used_as_a_path() {
    let t = tempfile::tempdir().unwrap();
    let mut c = Canonical::small();
    c.commune = "../../x".into();
    c.write(&t.path().join("xa.xlsx"));
    let o = run(t.path(), &["import", "xa.xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("Không tìm thấy xã \"../../x\""),
        "{}",
        stdout(&o)
    );
    let o = run(
        t.path(),
        &["import", "--commune", "../../../etc/passwd", "xa.xlsx"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(!t.path().join("x").exists() && !t.path().parent().unwrap().join("x").exists());
    // Table files are named by content hash only.
    Canonical::small().write(&t.path().join("ok.xlsx"));
    assert_eq!(run(t.path(), &["import", "ok.xlsx"]).status.code(), Some(0));
    for e in std::fs::read_dir(t.path().join("ws/ballots")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().to_string();
        assert!(
            name.len() == 64 + 8
                && name.ends_with(".parquet")
                && name[..64].chars().all(|c| c.is_ascii_hexdigit()),
            "{name}"
        );
    }
}
