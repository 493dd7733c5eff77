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
#[case::empty_file("empty.xlsx", 2, "empty.xlsx: tệp rỗng")]
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

/// The memory bombs of issue 14 (tests/fixtures/make_memory_bombs.py): each asked for
/// gigabytes once read and aborted the process under a 2 GiB cap, the .xls ones even without.
const MEMORY_BOMBS: &[&str] = &[
    // One 270 KB shared string in 30,000 cells: 8 GB of copies.
    "shared-string-bomb.xlsx",
    // A row repeated 50,000 times over 1,000 columns: 1.6 GB (11 GB uncapped).
    "repeats-bomb.ods",
    // A DIMENSION record of 2^32 rows: calamine reserves it before reading a cell.
    "dimension.xls",
    // A cell at row 65535, column 65535: calamine's dense range is 137 GB.
    "cell-position.xls",
    // A cell at row 1,000,000, column 16,383.
    "position.xlsb",
];

fn hostile(file: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(file)
}

/// A CSV of 3 MB whose cells span 1,002 rows × 3,000,001 columns (96 GB as a dense grid).
fn write_separator_bomb(path: &Path) {
    let mut csv = format!("x{}x\n", ",".repeat(3_000_000));
    csv.push_str(&"\n".repeat(1000));
    csv.push_str("x\n");
    std::fs::write(path, csv).unwrap();
}

#[test]
fn memory_bombs_are_refused_before_they_are_allocated() {
    let t = tempfile::tempdir().unwrap();
    write_separator_bomb(&t.path().join("separators.csv"));
    let files: Vec<String> = MEMORY_BOMBS
        .iter()
        .map(|f| hostile(f).to_string_lossy().into_owned())
        .chain(["separators.csv".to_string()])
        .collect();
    for file in &files {
        for lang in ["vi", "en"] {
            let start = Instant::now();
            let o = run_capped(t.path(), &["--lang", lang, "check", file]);
            let took = start.elapsed();
            assert_no_crash(&o, file);
            assert_eq!(o.status.code(), Some(2), "{file}: {}", stdout(&o));
            let says = if lang == "vi" {
                "quá lớn để là một bảng phiếu"
            } else {
                "too large to be a survey sheet"
            };
            assert!(stdout(&o).contains(says), "{file}: {}", stdout(&o));
            assert!(took < Duration::from_secs(20), "{file} took {took:?}");
        }
    }
}

#[test]
fn one_memory_bomb_in_a_folder_does_not_take_the_good_files_down() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("nop");
    std::fs::create_dir(&dir).unwrap();
    Canonical::small().write(&dir.join("chieng-mung.xlsx"));
    for f in MEMORY_BOMBS {
        std::fs::copy(hostile(f), dir.join(f)).unwrap();
    }
    write_separator_bomb(&dir.join("separators.csv"));
    let o = run_capped(t.path(), &["import", "nop"]);
    assert_no_crash(&o, "folder");
    // The worst file decides the exit code (an unusable file is 2); the good one is stored.
    assert_eq!(o.status.code(), Some(2), "{}{}", stdout(&o), stderr(&o));
    for f in MEMORY_BOMBS.iter().chain(&["separators.csv"]) {
        assert!(stdout(&o).contains(f), "{f} is named: {}", stdout(&o));
    }
    let v = score_json(t.path(), "Chiềng Mung");
    assert!(v.to_string().contains("Bản Nà Sản"), "{v}");
}

/// Inputs found by the fuzzers (tests/fixtures/fuzz, one per bug, named after it): each is read
/// by `check` under the memory cap and refused with its message, no panic, no abort.
#[rstest]
// calamine built an .xls's sheets from a compound file that the measuring scan could not read
// (DIMENSION: 43 TB reserved); such a file is now refused.
#[case::a_compound_file_the_scan_cannot_read("lenient-compound-file.xls", "compound file")]
// An .xlsx holding the .ods mimetype string was sent to calamine's format detection, which
// opened it as .xlsx and built the whole range (512 GB).
#[case::an_xlsx_taken_for_an_ods("ods-mimetype-in-an-xlsx.xlsx", "'mimetype'")]
// calamine sliced an .xlsb record past its buffer (xlsb/mod.rs:309): contained, refused.
#[case::an_xlsb_record_past_its_buffer(
    "xlsb-record-past-its-buffer.xlsb",
    "(calamine-0.38.0/src/xlsb/mod.rs:309)"
)]
// The .ods scan stopped at an end tag that does not match (calamine reads on) and let calamine
// expand a million repeated rows unmeasured (2 GB, out of memory in the fuzzer).
#[case::an_ods_with_a_mismatched_end_tag(
    "ods-end-tag-mismatch.ods",
    "quá lớn để là một bảng phiếu"
)]
// calamine sliced a truncated .xls past its sectors (cfb.rs:320) and the import panicked (found
// by tests/mutants.rs); the scan before calamine now refuses it, and the guard would contain it.
#[case::a_truncated_compound_file("truncated-compound-file.xls", "compound file: Malformed")]
fn inputs_found_by_fuzzing_are_refused_with_a_message(#[case] file: &str, #[case] says: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(file);
    let t = tempfile::tempdir().unwrap();
    let o = run_capped(t.path(), &["check", path.to_str().unwrap()]);
    assert_no_crash(&o, file);
    assert_eq!(o.status.code(), Some(2), "{file}: {}", stdout(&o));
    assert!(stderr(&o).is_empty(), "{file}: {}", stderr(&o));
    // The reader's own words stay out of the message and in the JSON's detail.
    let json = run_capped(t.path(), &["check", "--json", path.to_str().unwrap()]);
    assert!(
        stdout(&o).contains(says) || stdout(&json).contains(says),
        "{file}: {}{}",
        stdout(&o),
        stdout(&json)
    );
    assert!(!stdout(&o).contains("calamine"), "{file}: {}", stdout(&o));
}

/// A mutant whose commune cell held 1.7 MB of text took 52 s in `check`: every commune's name
/// was compared with all of it (edit distance). Only its first characters are compared now.
#[test]
fn a_megabyte_commune_name_is_looked_up_quickly() {
    let t = tempfile::tempdir().unwrap();
    let name = "Hài lòng ".repeat(200_000);
    std::fs::write(t.path().join("xa.csv"), format!("Xã:,Xã {name}\n")).unwrap();
    let start = Instant::now();
    let o = run(t.path(), &["check", "xa.csv"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Không tìm thấy xã"),
        "{}",
        &stdout(&o)[..300]
    );
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
}
