//! docs/workspace.md is checked against the tables the tool writes: every documented column
//! exists with its type, and every written column is documented.

mod common;

use common::*;
use polars::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

/// table name → (column pattern, documented type).
fn documented() -> BTreeMap<String, Vec<(String, String)>> {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/workspace.md"))
            .unwrap();
    let mut out = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in doc.lines() {
        if let Some(t) = line.strip_prefix("<!-- table: ") {
            current = Some(t.trim_end_matches(" -->").to_string());
            out.insert(current.clone().unwrap(), Vec::new());
        } else if line.starts_with("<!-- end -->") {
            current = None;
        } else if let Some(t) = &current
            && line.starts_with("| `")
        {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let ty = cells[2].split_whitespace().next().unwrap().to_string();
            for name in cells[1].split(['…', ' ']).filter(|x| x.starts_with('`')) {
                out.get_mut(t)
                    .unwrap()
                    .push((name.trim_matches('`').to_string(), ty.clone()));
            }
        }
    }
    out
}

/// Whether a written column matches a documented name ("q1", "qN" stand for every q<number>).
fn matches(doc: &str, col: &str) -> bool {
    if doc == col {
        return true;
    }
    let prefix = doc.trim_end_matches(|c: char| c.is_ascii_digit() || c == 'N');
    doc.len() > prefix.len()
        && col.starts_with(prefix)
        && col[prefix.len()..].chars().all(|c| c.is_ascii_digit())
        && !col[prefix.len()..].is_empty()
}

fn type_name(dt: &DataType) -> String {
    match dt {
        DataType::String => "String".into(),
        DataType::UInt8 => "UInt8".into(),
        DataType::UInt32 => "UInt32".into(),
        DataType::Float32 => "Float32".into(),
        DataType::Binary => "Binary".into(),
        other => format!("{other:?}"),
    }
}

#[test]
fn the_workspace_document_matches_the_tables() {
    let t = tempfile::tempdir().unwrap();
    assert!(run(t.path(), &["demo", "--out", "demo"]).status.success());
    // A tally file too, so that every table exists.
    let mut p = Placed::new("Tổng hợp");
    p.row(0, 0, vec![s("Xã: Chiềng Mai"), s("Mẫu phiếu: xa-ntm")]);
    p.row(
        2,
        0,
        vec![s("Khu dân cư"), s("Số hộ"), s("Số phiếu thu về")],
    );
    for i in 0..19u16 {
        p.row(2, 3 + 2 * i, vec![s(&format!("Câu {}", i + 1))]);
        p.row(3, 3 + 2 * i, vec![s("Hài lòng"), s("Không hài lòng")]);
    }
    let mut row = vec![s("Bản Hẹ"), n(10.0), n(8.0)];
    row.extend((0..19).flat_map(|_| [n(7.0), n(1.0)]));
    p.row(4, 0, row);
    write_placed(&t.path().join("tally.xlsx"), &[p]);
    let data = t.path().join("demo/hailong-data");
    let o = run(
        t.path(),
        &["--data", data.to_str().unwrap(), "import", "tally.xlsx"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));

    let doc = documented();
    // `review`: the demo's photographed ballots leave their reader's doubts in it.
    for table in ["ballots", "registers", "tallies", "counts", "review"] {
        let cols = &doc[table];
        let file = std::fs::read_dir(data.join(table))
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let df = ParquetReader::new(std::fs::File::open(&file).unwrap())
            .finish()
            .unwrap();
        for c in df.columns() {
            let name = c.name().as_str();
            let documented = cols.iter().find(|(d, _)| matches(d, name));
            let Some((_, ty)) = documented else {
                panic!("{table}.{name} is not documented")
            };
            assert_eq!(&type_name(c.dtype()), ty, "{table}.{name}");
        }
        for (d, _) in cols {
            assert!(
                df.columns().iter().any(|c| matches(d, c.name().as_str())),
                "{table}.{d} is documented but not written"
            );
        }
    }
    // The manifest's keys.
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(data.join("manifest.json")).unwrap()).unwrap();
    let doc_text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/workspace.md"))
            .unwrap();
    for k in m["sources"][0].as_object().unwrap().keys() {
        assert!(
            doc_text.contains(&format!("`{k}`")),
            "manifest key {k} is not documented"
        );
    }
}
