//! Helpers shared by the integration tests: run the real binary in a temp directory (and the
//! developers' `hailong-dev` that generates synthetic workbooks), write fixture workbooks, and
//! read produced workbooks back with calamine.
#![allow(dead_code)]

pub mod http;

use calamine::{Data, Reader, open_workbook_auto};
use rust_xlsxwriter::Workbook;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary under test.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_hailong"))
}

/// The developers' tool: `hailong-dev gen` writes synthetic workbooks (bench/dev/).
pub fn dev_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_hailong-dev"))
}

/// Runs `hailong-dev` with `args` in `dir` (`gen --out DIR …`).
pub fn run_dev(dir: &Path, args: &[&str]) -> Output {
    Command::new(dev_bin())
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run hailong-dev")
}

/// Runs `hailong` with `args` in `dir`, with the workspace at `dir/ws`.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    run_env(dir, args, &[])
}

/// Like [`run`], with extra environment variables.
pub fn run_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(bin());
    c.current_dir(dir)
        .env("HAILONG_DATA", dir.join("ws"))
        .env_remove("HAILONG_TEST_FAIL_BEFORE_RENAME")
        .env_remove("HAILONG_TEST_FAIL_AT");
    for (k, v) in env {
        c.env(k, v);
    }
    c.args(args).output().expect("run hailong")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// A cell to write in a fixture.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    S(String),
    /// Number.
    N(f64),
    /// Nothing.
    E,
}

/// Text cell.
pub fn s(v: &str) -> Cell {
    Cell::S(v.to_string())
}

/// Number cell.
pub fn n(v: f64) -> Cell {
    Cell::N(v)
}

/// One sheet: name and rows of cells from A1.
pub type Sheet = (String, Vec<Vec<Cell>>);

/// Writes a workbook with the given sheets.
pub fn write_xlsx(path: &Path, sheets: &[Sheet]) {
    let mut wb = Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Cell::S(v) => {
                        ws.write_string(r as u32, c as u16, v).unwrap();
                    }
                    Cell::N(v) => {
                        ws.write_number(r as u32, c as u16, *v).unwrap();
                    }
                    Cell::E => {}
                }
            }
        }
    }
    wb.save(path).unwrap();
}

/// Reads every sheet of a workbook as rows of cells from A1 (absolute positions kept).
pub fn read_xlsx(path: &Path) -> Vec<Sheet> {
    let mut wb = open_workbook_auto(path).expect("open workbook");
    let names = wb.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).expect("sheet");
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); r0 as usize];
            for row in range.rows() {
                let mut out = vec![Cell::E; c0 as usize];
                for d in row {
                    out.push(match d {
                        Data::String(v) => Cell::S(v.clone()),
                        Data::Float(v) => Cell::N(*v),
                        Data::Int(v) => Cell::N(*v as f64),
                        Data::Empty => Cell::E,
                        other => Cell::S(other.to_string()),
                    });
                }
                rows.push(out);
            }
            (name, rows)
        })
        .collect()
}

/// The text of a cell in a read-back sheet (`""` when empty or absent).
pub fn text(sheet: &Sheet, row: usize, col: usize) -> String {
    match sheet.1.get(row).and_then(|r| r.get(col)) {
        Some(Cell::S(v)) => v.clone(),
        Some(Cell::N(v)) => v.to_string(),
        _ => String::new(),
    }
}

/// Sets a cell of a read-back sheet, widening its row as needed.
pub fn set_cell(sheet: &mut Sheet, r: usize, c: usize, v: Cell) {
    let row = &mut sheet.1[r];
    if row.len() <= c {
        row.resize(c + 1, Cell::E);
    }
    row[c] = v;
}

/// Indicator `code` of a `score --commune --json` report.
pub fn indicator<'a>(v: &'a serde_json::Value, code: &str) -> &'a serde_json::Value {
    v["criteria"]["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["indicators"].as_array().unwrap())
        .find(|i| i["code"] == code)
        .unwrap_or_else(|| panic!("indicator {code}"))
}

/// The canonical workbook of a small commune, for the bad-input tests.
pub struct Canonical {
    /// Commune cell.
    pub commune: String,
    /// Form id.
    pub form: String,
    /// Register rows: area, households.
    pub register: Vec<(String, f64)>,
    /// Ballot rows: area, form no, answers (19 for xa-ntm).
    pub ballots: Vec<(String, String, Vec<String>)>,
}

impl Canonical {
    /// Two areas, a handful of forms, every answer satisfied.
    pub fn small() -> Canonical {
        let yes = |k: usize| vec!["Hài lòng".to_string(); k];
        Canonical {
            commune: "Xã Chiềng Mung".into(),
            form: "xa-ntm".into(),
            register: vec![("Bản Nà Sản".into(), 5.0), ("Bản Co Muông".into(), 4.0)],
            ballots: vec![
                ("Bản Nà Sản".into(), "1".into(), yes(19)),
                ("Bản Nà Sản".into(), "2".into(), yes(19)),
                ("Bản Co Muông".into(), "1".into(), yes(19)),
            ],
        }
    }

    /// The sheets of the workbook (register header at row 5, ballots header at row 3).
    pub fn sheets(&self) -> Vec<Sheet> {
        let mut reg = vec![
            vec![s("DANH SÁCH KHU DÂN CƯ")],
            vec![s("Xã:"), s(&self.commune)],
            vec![s("Mẫu phiếu:"), s(&self.form)],
            vec![],
            vec![
                s("STT"),
                s("Khu dân cư"),
                s("Tổng số hộ"),
                s("Số phiếu phát ra"),
            ],
        ];
        for (i, (a, h)) in self.register.iter().enumerate() {
            reg.push(vec![n(i as f64 + 1.0), s(a), n(*h)]);
        }
        let n_items = self.ballots.first().map(|b| b.2.len()).unwrap_or(19);
        let mut header = vec![s("Khu dân cư"), s("Số phiếu")];
        header.extend((1..=n_items).map(|i| s(&format!("Câu {i}"))));
        header.push(s("Lý do không hài lòng"));
        header.push(s("Ý kiến khác"));
        let mut bal = vec![vec![s("PHIẾU ĐÃ THU VỀ")], vec![], header];
        for (a, no, answers) in &self.ballots {
            let mut row = vec![s(a), s(no)];
            row.extend(
                answers
                    .iter()
                    .map(|x| if x.is_empty() { Cell::E } else { s(x) }),
            );
            bal.push(row);
        }
        vec![("Khu dân cư".into(), reg), ("Phiếu".into(), bal)]
    }

    /// Writes it to `path`.
    pub fn write(&self, path: &Path) {
        write_xlsx(path, &self.sheets());
    }
}

/// Adds the entry workbook's "Không hợp lệ (lý do)" column after the others of a canonical
/// workbook's ballots sheet, with a reason on its `marked`-th form (0-based).
pub fn add_marked_column(sheets: &mut [Sheet], marked: usize) {
    let rows = &mut sheets[1].1;
    let width = rows[2].len();
    rows[2].push(s("Không hợp lệ (lý do)"));
    for (k, row) in rows.iter_mut().skip(3).enumerate() {
        row.resize(width, Cell::E);
        if k == marked {
            row.push(s("Phiếu bị tẩy xóa"));
        }
    }
}

/// A sheet written cell by cell, with merged ranges (first cell holds the text).
pub struct Placed {
    /// Sheet name.
    pub name: String,
    /// (row, col, cell), 0-based.
    pub cells: Vec<(u32, u16, Cell)>,
    /// (first_row, first_col, last_row, last_col).
    pub merges: Vec<(u32, u16, u32, u16)>,
}

impl Placed {
    /// An empty sheet.
    pub fn new(name: &str) -> Placed {
        Placed {
            name: name.to_string(),
            cells: Vec::new(),
            merges: Vec::new(),
        }
    }

    /// Puts a row of cells starting at (row, col).
    pub fn row(&mut self, row: u32, col: u16, cells: Vec<Cell>) -> &mut Placed {
        for (i, c) in cells.into_iter().enumerate() {
            self.cells.push((row, col + i as u16, c));
        }
        self
    }
}

/// An area tally sheet ("Tổng hợp") of xã Tà Xùa with its header written: commune and form in
/// row 1, then "STT | Khu dân cư | Số hộ | Số phiếu phát ra | Số phiếu thu về" and per item a
/// merged "Câu i" over "Hài lòng | Không hài lòng" (rows 3-4); area rows start at row 5.
pub fn tally_header(items: u16) -> Placed {
    let mut p = Placed::new("Tổng hợp");
    p.row(0, 0, vec![s("Xã: Tà Xùa"), Cell::E, s("Mẫu phiếu: xa-ntm")]);
    p.row(
        2,
        0,
        vec![
            s("STT"),
            s("Khu dân cư"),
            s("Số hộ"),
            s("Số phiếu phát ra"),
            s("Số phiếu thu về"),
        ],
    );
    for i in 0..items {
        let c = 5 + 2 * i;
        p.row(2, c, vec![s(&format!("Câu {}", i + 1))]);
        p.merges.push((2, c, 2, c + 1));
        p.row(3, c, vec![s("Hài lòng"), s("Không hài lòng")]);
    }
    p
}

/// Adds a placed sheet's cells (not its merges) to a workbook, for a test that then sets what
/// `write_placed` does not (hidden sheets, filters, hidden rows).
pub fn add_placed<'a>(wb: &'a mut Workbook, p: &Placed) -> &'a mut rust_xlsxwriter::Worksheet {
    let ws = wb.add_worksheet();
    ws.set_name(&p.name).unwrap();
    for (r, c, cell) in &p.cells {
        match cell {
            Cell::S(v) => drop(ws.write_string(*r, *c, v).unwrap()),
            Cell::N(v) => drop(ws.write_number(*r, *c, *v).unwrap()),
            Cell::E => {}
        }
    }
    ws
}

/// Writes placed sheets, merging ranges as Excel users do for two-level headers.
pub fn write_placed(path: &Path, sheets: &[Placed]) {
    let mut wb = Workbook::new();
    for p in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&p.name).unwrap();
        let fmt = rust_xlsxwriter::Format::new();
        for &(r1, c1, r2, c2) in &p.merges {
            let text = p
                .cells
                .iter()
                .find(|(r, c, _)| *r == r1 && *c == c1)
                .map(|x| match &x.2 {
                    Cell::S(s) => s.clone(),
                    Cell::N(n) => n.to_string(),
                    Cell::E => String::new(),
                });
            ws.merge_range(r1, c1, r2, c2, &text.unwrap_or_default(), &fmt)
                .unwrap();
        }
        for (r, c, cell) in &p.cells {
            if p.merges
                .iter()
                .any(|&(r1, c1, r2, c2)| *r >= r1 && *r <= r2 && *c >= c1 && *c <= c2)
            {
                continue;
            }
            match cell {
                Cell::S(v) => {
                    ws.write_string(*r, *c, v).unwrap();
                }
                Cell::N(v) => {
                    ws.write_number(*r, *c, *v).unwrap();
                }
                Cell::E => {}
            }
        }
    }
    wb.save(path).unwrap();
}

/// `score --json` of a commune.
pub fn score_json(dir: &Path, commune: &str) -> serde_json::Value {
    let o = run(dir, &["score", "--commune", commune, "--json"]);
    assert!(o.status.success(), "score failed: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// `import --json` with `args`: the exit code and the report, after checking that nothing
/// panicked and that every file reconciles (rows read = accepted + rejected + duplicates + not
/// counted).
pub fn import(dir: &Path, args: &[&str]) -> (Option<i32>, serde_json::Value) {
    let mut all = vec!["import", "--json"];
    all.extend_from_slice(args);
    let o = run(dir, &all);
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|_| panic!("json: {}{}", stdout(&o), stderr(&o)));
    for f in v["files"].as_array().unwrap() {
        let n = |k: &str| f[k].as_u64().unwrap();
        assert_eq!(
            n("rows_read"),
            n("accepted") + n("rejected") + n("duplicates") + n("not_counted"),
            "reconciliation of {f}"
        );
    }
    (o.status.code(), v)
}

/// Makes the workspace `ws` score under a province pack extending Sơn La's, whose
/// `[forms.xa-ntm.invalid_form]` table holds `grounds` (TOML lines of its keys).
pub fn use_invalid_form_pack(ws: &Path, grounds: &str) {
    std::fs::write(
        ws.join("tinh.toml"),
        format!(
            "[pack]\nid = \"tinh\"\ntitle = \"Tỉnh\"\nextends = \"son-la-267kh\"\nsource = \"KH\"\nverified = true\n\
             [forms.xa-ntm.invalid_form]\n{grounds}\n\
             source = \"Luật Trưng cầu ý dân 2015, Điều 41 (tương tự)\"\nverified = false\n"
        ),
    )
    .unwrap();
    std::fs::write(ws.join("hailong.toml"), "rules = \"tinh.toml\"\n").unwrap();
}

/// Address space (KiB) of [`run_capped`]: 2 GiB, the cap under which issue 14's mutants aborted.
pub const MEMORY_CAP_KIB: u64 = 2 * 1024 * 1024;

/// Like [`run`], under an address-space cap (`ulimit -v` in `sh`, which every Unix has): an
/// allocation past it fails, and a process that does not measure first aborts (exit 134).
pub fn run_capped(dir: &Path, args: &[&str]) -> Output {
    let mut c = Command::new("sh");
    c.current_dir(dir)
        .env("HAILONG_DATA", dir.join("ws"))
        .env_remove("HAILONG_TEST_FAIL_BEFORE_RENAME")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_CAP_KIB} && exec \"$0\" \"$@\""))
        .arg(bin())
        .args(args);
    c.output().expect("run hailong under a memory cap")
}

/// Asserts that `o` ended as hailong ends, not as a crash: exit 0, 1 or 2, and no panic.
pub fn assert_no_crash(o: &Output, what: &str) {
    let code = o.status.code();
    assert!(
        matches!(code, Some(0..=2)),
        "{what}: exit {code:?} (101 = panic, 134 or a signal = abort)\n{}{}",
        stdout(o),
        stderr(o)
    );
    assert!(!stderr(o).contains("panicked"), "{what}: {}", stderr(o));
}

/// LibreOffice's command, when it is installed (`.ci/run` installs it where apt-get is).
pub fn soffice() -> Option<&'static str> {
    ["soffice", "libreoffice"]
        .into_iter()
        .find(|b| Command::new(b).arg("--version").output().is_ok())
}

/// Converts `file` with LibreOffice to `ext` in `out_dir` (HOME in `dir`, so parallel tests
/// do not share a profile).
pub fn convert(soffice: &str, dir: &Path, file: &Path, ext: &str, out_dir: &Path) {
    let o = Command::new(soffice)
        .args(["--headless", "--convert-to", ext, "--outdir"])
        .arg(out_dir)
        .arg(file)
        .env("HOME", dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Writes an .ods as LibreOffice Calc saves one: every placed sheet, merged ranges as spanned
/// and covered cells, and the sheets named in `hidden` hidden by a table style whose
/// properties element is self-closed (as LibreOffice writes it).
pub fn write_ods(path: &Path, sheets: &[Placed], hidden: &[&str]) {
    use std::io::Write;
    let esc = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut x = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" "#,
        r#"xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" "#,
        r#"xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" "#,
        r#"xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2">"#,
        r#"<office:automatic-styles>"#,
        r#"<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true" style:writing-mode="lr-tb"/></style:style>"#,
        r#"<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false" style:writing-mode="lr-tb"/></style:style>"#,
        r#"</office:automatic-styles><office:body><office:spreadsheet>"#
    ));
    for p in sheets {
        let style = if hidden.contains(&p.name.as_str()) {
            "ta2"
        } else {
            "ta1"
        };
        x.push_str(&format!(
            r#"<table:table table:name="{}" table:style-name="{style}">"#,
            esc(&p.name)
        ));
        let rows = p.cells.iter().map(|c| c.0 + 1).max().unwrap_or(0);
        let cols = p.cells.iter().map(|c| c.1 + 1).max().unwrap_or(0);
        for r in 0..rows {
            x.push_str("<table:table-row>");
            for c in 0..cols {
                let covered = p.merges.iter().any(|&(r1, c1, r2, c2)| {
                    r >= r1 && r <= r2 && c >= c1 && c <= c2 && (r, c) != (r1, c1)
                });
                if covered {
                    x.push_str("<table:covered-table-cell/>");
                    continue;
                }
                let span = p
                    .merges
                    .iter()
                    .find(|m| (m.0, m.1) == (r, c))
                    .map(|m| {
                        format!(
                            r#" table:number-rows-spanned="{}" table:number-columns-spanned="{}""#,
                            m.2 - m.0 + 1,
                            m.3 - m.1 + 1
                        )
                    })
                    .unwrap_or_default();
                match p.cells.iter().find(|x| (x.0, x.1) == (r, c)).map(|x| &x.2) {
                    Some(Cell::S(t)) => x.push_str(&format!(
                        r#"<table:table-cell{span} office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                        esc(t)
                    )),
                    Some(Cell::N(n)) => x.push_str(&format!(
                        r#"<table:table-cell{span} office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
                    )),
                    _ => x.push_str(&format!("<table:table-cell{span}/>")),
                }
            }
            x.push_str("</table:table-row>");
        }
        x.push_str("</table:table>");
    }
    x.push_str("</office:spreadsheet></office:body></office:document-content>");
    let mut out = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    out.start_file("mimetype", stored).unwrap();
    out.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    out.start_file(
        "META-INF/manifest.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    out.write_all(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?>"#,
            r#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">"#,
            r#"<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>"#,
            r#"<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>"#,
            r#"</manifest:manifest>"#
        )
        .as_bytes(),
    )
    .unwrap();
    out.start_file("content.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    out.write_all(x.as_bytes()).unwrap();
    out.finish().unwrap();
}

/// A figure as `score --json` displays it ("1.188", "93,19"), as a number.
pub fn displayed(display: &serde_json::Value) -> f64 {
    display
        .as_str()
        .expect("a displayed figure")
        .replace('.', "")
        .replace(',', ".")
        .parse()
        .expect("a number")
}

/// A form's sheet of the province synthesis read back: per commune, the main table's cells by
/// header, and the item tables' cells by item number.
#[derive(Debug, Default)]
pub struct Synthesis {
    /// Commune → header → cell.
    pub main: std::collections::BTreeMap<String, std::collections::BTreeMap<String, Cell>>,
    /// Commune → item number → cell.
    pub items: std::collections::BTreeMap<String, std::collections::BTreeMap<u32, Cell>>,
}

/// Reads a synthesis sheet: a row starting "STT" is a table's header (again at the top of each
/// page the table continues on), a row starting with a number one of its communes; any other
/// row ends the table. The main table is the one with "Số hộ"; the others hold "Câu N" columns.
pub fn read_synthesis(sheet: &Sheet) -> Synthesis {
    let mut out = Synthesis::default();
    let mut head: Option<Vec<(usize, String)>> = None;
    for row in &sheet.1 {
        match row.first() {
            Some(Cell::S(s)) if s == "STT" => {
                head = Some(
                    row.iter()
                        .enumerate()
                        .filter_map(|(c, x)| match x {
                            Cell::S(s) => Some((c, s.clone())),
                            _ => None,
                        })
                        .collect(),
                );
            }
            Some(Cell::N(_)) if head.is_some() => {
                let h = head.as_ref().unwrap();
                let at = |c: usize| row.get(c).cloned().unwrap_or(Cell::E);
                let xa = h.iter().find(|(_, t)| t == "Xã").expect("a Xã column").0;
                let Cell::S(commune) = at(xa) else {
                    panic!("no commune in {row:?}")
                };
                if h.iter().any(|(_, t)| t == "Số hộ") {
                    let cells = h.iter().map(|(c, t)| (t.clone(), at(*c))).collect();
                    assert!(
                        out.main.insert(commune.clone(), cells).is_none(),
                        "{commune} twice in the main table"
                    );
                } else {
                    for (c, t) in h {
                        let Some(n) = t
                            .strip_prefix("Câu ")
                            .and_then(|x| x.split_whitespace().next())
                            .and_then(|x| x.parse::<u32>().ok())
                        else {
                            continue;
                        };
                        let old = out
                            .items
                            .entry(commune.clone())
                            .or_default()
                            .insert(n, at(*c));
                        assert!(old.is_none(), "{commune}: item {n} twice");
                    }
                }
            }
            _ => head = None,
        }
    }
    out
}

/// Asserts that a synthesis sheet holds every commune of `communes` (`score --all --json`
/// entries) once in the main table and every item's rate in the item tables, as numbers equal
/// to the displayed figures.
pub fn assert_synthesis(sheet: &Sheet, communes: &[&serde_json::Value]) {
    let s = read_synthesis(sheet);
    assert_eq!(s.main.len(), communes.len(), "{:?}", s.main.keys());
    assert_eq!(s.items.len(), communes.len(), "{:?}", s.items.keys());
    for c in communes {
        let name = c["commune"].as_str().unwrap();
        let main = &s.main[name];
        let num = |h: &str| match &main[h] {
            Cell::N(v) => *v,
            other => panic!("{name}: {h} is not a number: {other:?}"),
        };
        assert_eq!(num("Số hộ"), c["households"]["total"].as_f64().unwrap());
        assert_eq!(
            num("Tỷ lệ tham gia (%)"),
            displayed(&c["households"]["rate_display"])
        );
        assert_eq!(
            num("Tỷ lệ hài lòng câu hỏi chung (%)"),
            displayed(&c["overall"]["rate_display"])
        );
        let verdict = if c["verdict"]["passed"] == true {
            "Đạt"
        } else {
            "Không đạt"
        };
        assert_eq!(main["Kết luận"], Cell::S(verdict.into()), "{name}");
        let items = c["items"].as_array().unwrap();
        let lowest = items
            .iter()
            .filter(|i| i["criterion"] != "")
            .min_by(|a, b| {
                a["rate_pct"]
                    .as_f64()
                    .unwrap()
                    .total_cmp(&b["rate_pct"].as_f64().unwrap())
            })
            .unwrap();
        assert_eq!(
            main["Nội dung có tỷ lệ hài lòng thấp nhất (%)"],
            Cell::S(format!(
                "Câu {}: {}",
                lowest["number"],
                lowest["rate_display"].as_str().unwrap()
            )),
            "{name}"
        );
        let rates = &s.items[name];
        assert_eq!(rates.len(), items.len(), "{name}: {rates:?}");
        for it in items {
            let n = it["number"].as_u64().unwrap() as u32;
            assert_eq!(
                rates[&n],
                Cell::N(displayed(&it["rate_display"])),
                "{name}: item {n}"
            );
        }
    }
}

/// The text of entry `name` of a zip file (an xlsx package).
pub fn zip_entry(path: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut s).unwrap();
    s
}

/// The header row (0-based) of [`pilot_pack_sheet`].
pub const PILOT_HEADER_ROW: u32 = 3;

/// A sheet "Phiếu" of answers to the pilot survey pack (niem-tin-thu-nghiem) for `commune`:
/// "Xã:" above a header `STT · Khu dân cư · Q1. … · … · Q13. …` (columns A–O) at
/// [`PILOT_HEADER_ROW`]; respondents go below it.
pub fn pilot_pack_sheet<'a>(
    wb: &'a mut Workbook,
    commune: &str,
) -> &'a mut rust_xlsxwriter::Worksheet {
    let ws = wb.add_worksheet();
    ws.set_name("Phiếu").unwrap();
    ws.write_string(0, 0, "Xã:").unwrap();
    ws.write_string(0, 1, commune).unwrap();
    let hr = PILOT_HEADER_ROW;
    ws.write_string(hr, 0, "STT").unwrap();
    ws.write_string(hr, 1, "Khu dân cư").unwrap();
    for i in 1..=13u16 {
        ws.write_string(hr, 1 + i, format!("Q{i}. câu {i}"))
            .unwrap();
    }
    ws
}
