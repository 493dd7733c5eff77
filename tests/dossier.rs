//! The dossier workbooks, read back with calamine and checked cell by cell against
//! `score --json`; the commune dossier rendered to PDF by LibreOffice when it is installed.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::*;
use serde_json::Value;
use std::path::Path;

/// A workspace with the bundled sample communes.
fn demo(dir: &Path) -> std::path::PathBuf {
    let o = run(dir, &["demo", "--out", "demo"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    dir.join("demo/hailong-data")
}

fn cmd(dir: &Path, data: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--data", data.to_str().unwrap()];
    all.extend_from_slice(args);
    run(dir, &all)
}

fn cell(range: &calamine::Range<Data>, r: u32, c: u32) -> Data {
    range.get_value((r, c)).cloned().unwrap_or(Data::Empty)
}

fn find_row(range: &calamine::Range<Data>, col: u32, text: &str) -> u32 {
    (0..range.end().unwrap().0 + 1)
        .find(|r| matches!(cell(range, *r, col), Data::String(s) if s == text))
        .unwrap_or_else(|| panic!("no row with {text:?} in column {col}"))
}

/// The row of item `number` in a table whose first column numbers the items (a table cut by a
/// page break repeats its header, so rows are found, not counted).
fn item_row(range: &calamine::Range<Data>, number: f64) -> u32 {
    (0..range.end().unwrap().0 + 1)
        .find(|r| cell(range, *r, 0) == Data::Float(number))
        .unwrap_or_else(|| panic!("no row of item {number}"))
}

fn float(d: Data) -> f64 {
    match d {
        Data::Float(f) => f,
        Data::Int(i) => i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

fn shown(display: &Value) -> f64 {
    display
        .as_str()
        .unwrap()
        .replace('.', "")
        .replace(',', ".")
        .parse()
        .unwrap()
}

#[test]
fn commune_dossier_cells_equal_the_score() {
    let t = tempfile::tempdir().unwrap();
    let data = demo(t.path());
    let o = cmd(
        t.path(),
        &data,
        &["export", "--commune", "ta xua", "--out", "ta-xua.xlsx"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(
        &cmd(t.path(), &data, &["score", "--commune", "ta xua", "--json"]).stdout,
    )
    .unwrap();

    let mut wb: Xlsx<_> = open_workbook(t.path().join("ta-xua.xlsx")).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Tổng hợp",
            "Kết quả theo nội dung",
            "Theo khu dân cư",
            "Lý do chưa hài lòng",
            "Ý kiến khác",
            "Thông báo niêm yết",
            "Nguồn và kiểm tra",
            "Kết quả thực hiện tiêu chí",
            "Điều kiện công nhận",
            "Danh mục hồ sơ"
        ]
    );

    // 1. Summary: heading block, the failure stated plainly, figures as numbers.
    let s = wb.worksheet_range("Tổng hợp").unwrap();
    assert_eq!(
        cell(&s, 0, 0),
        Data::String("ỦY BAN MTTQ VIỆT NAM XÃ TÀ XÙA".into())
    );
    // The motto sits right of the issuing body (the split follows the columns' widths).
    let motto = (1..8)
        .find(|c| cell(&s, 0, *c) == Data::String("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into()))
        .expect("the national motto in the heading");
    assert_eq!(
        cell(&s, 1, motto),
        Data::String("Độc lập - Tự do - Hạnh phúc".into())
    );
    assert_eq!(cell(&s, 1, 0), Data::String("BAN THƯỜNG TRỰC".into()));
    assert!(
        cell(&s, 3, 0).to_string().starts_with("Số:"),
        "the document number line"
    );
    let verdict_row = (0..20)
        .find(|r| matches!(cell(&s, *r, 0), Data::String(x) if x.starts_with("KẾT LUẬN")))
        .unwrap();
    let verdict = cell(&s, verdict_row, 0).to_string();
    assert!(verdict.starts_with("KẾT LUẬN: KHÔNG ĐẠT"), "{verdict}");
    assert!(verdict.contains("thiếu"), "{verdict}");
    let r = find_row(&s, 1, "Số phiếu thu về");
    assert_eq!(
        float(cell(&s, r, 5)),
        v["forms"]["returned"].as_f64().unwrap()
    );
    let r = find_row(&s, 1, "Tỷ lệ hài lòng câu hỏi chung (%)");
    assert_eq!(float(cell(&s, r, 5)), shown(&v["overall"]["rate_display"]));
    let r = find_row(&s, 0, "Tỷ lệ hài lòng câu hỏi chung");
    assert_eq!(cell(&s, r, 4), Data::String("Không đạt".into()));
    // Unverified thresholds are said once, above the tables, not per row.
    let notes = s
        .cells()
        .filter(|(_, _, d)| d.to_string().to_lowercase().contains("chưa xác minh"))
        .count();
    assert_eq!(notes, 1, "one unverified note on the summary");

    // 2. Items: two-level merged header, one row per item, numbers equal to the score.
    let items = wb.worksheet_range("Kết quả theo nội dung").unwrap();
    let h = find_row(&items, 0, "STT");
    assert_eq!(cell(&items, h, 3), Data::String("Hài lòng".into()));
    assert_eq!(cell(&items, h + 1, 4), Data::String("Tỷ lệ %".into()));
    let merges = wb
        .merge_cells_by_sheet_name("Kết quả theo nội dung")
        .unwrap();
    let has = |r1: u32, c1: u32, r2: u32, c2: u32| {
        merges
            .iter()
            .any(|m| m.start == (r1, c1) && m.end == (r2, c2))
    };
    assert!(has(h, 0, h + 1, 0), "STT spans two header rows");
    assert!(has(h, 3, h, 4), "Hài lòng spans its two columns");
    assert!(has(h, 5, h, 6), "Không hài lòng spans its two columns");
    for it in v["items"].as_array().unwrap() {
        let r = item_row(&items, it["number"].as_f64().unwrap());
        assert_eq!(float(cell(&items, r, 0)), it["number"].as_f64().unwrap());
        assert_eq!(
            float(cell(&items, r, 2)),
            v["forms"]["counted"].as_f64().unwrap()
        );
        assert_eq!(float(cell(&items, r, 3)), it["satisfied"].as_f64().unwrap());
        assert!(
            matches!(cell(&items, r, 4), Data::Float(_)),
            "rates are numeric cells"
        );
        assert_eq!(float(cell(&items, r, 4)), shown(&it["rate_display"]));
        assert_eq!(
            float(cell(&items, r, 5)),
            it["dissatisfied"].as_f64().unwrap()
        );
    }
    let overall_row = item_row(&items, 19.0);
    assert!(
        cell(&items, overall_row, 1)
            .to_string()
            .contains("câu hỏi chung")
    );
    let total = cell(&items, overall_row + 1, 1).to_string();
    assert!(total.starts_with("Bình quân các nội dung"), "{total}");
    assert_eq!(
        float(cell(&items, overall_row + 1, 4)),
        shown(&v["content_mean_display"])
    );

    // 3. Areas: one row per area and the commune total.
    let areas = wb.worksheet_range("Theo khu dân cư").unwrap();
    for a in v["areas"].as_array().unwrap() {
        let r = find_row(&areas, 1, a["name"].as_str().unwrap());
        assert_eq!(
            float(cell(&areas, r, 2)),
            a["households_total"].as_f64().unwrap()
        );
        assert_eq!(float(cell(&areas, r, 3)), a["surveyed"].as_f64().unwrap());
        assert_eq!(float(cell(&areas, r, 4)), shown(&a["rate_display"]));
        assert_eq!(float(cell(&areas, r, 5)), shown(&a["overall_rate_display"]));
    }
    let r = find_row(&areas, 1, "Toàn xã");
    assert_eq!(
        float(cell(&areas, r, 3)),
        v["households"]["surveyed"].as_f64().unwrap()
    );

    // 4-5. Reasons and opinions: texts with counts, no form numbers.
    let reasons = wb.worksheet_range("Lý do chưa hài lòng").unwrap();
    let h = find_row(&reasons, 0, "Câu");
    assert_eq!(
        cell(&reasons, h, 4),
        Data::Empty,
        "no identifier column without --include-names"
    );
    let n_reasons: f64 = (h + 1..reasons.end().unwrap().0)
        .filter_map(|r| {
            if let Data::Float(f) = cell(&reasons, r, 3) {
                Some(f)
            } else {
                None
            }
        })
        .sum();
    assert!(n_reasons > 0.0);
    let opinions = wb.worksheet_range("Ý kiến khác").unwrap();
    let h = find_row(&opinions, 0, "STT");
    let n_op: f64 = (h + 1..opinions.end().unwrap().0)
        .filter_map(|r| {
            if let Data::Float(f) = cell(&opinions, r, 3) {
                Some(f)
            } else {
                None
            }
        })
        .sum();
    assert_eq!(n_op, v["other_opinions"].as_f64().unwrap());

    // 6. The public notice states the figures.
    let notice = wb.worksheet_range("Thông báo niêm yết").unwrap();
    let all_text: String = notice
        .cells()
        .map(|(_, _, d)| d.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        all_text.contains(&format!(
            "đạt {}%",
            v["overall"]["rate_display"].as_str().unwrap()
        )),
        "{all_text}"
    );
    assert!(all_text.contains("10 ngày"));

    // 7. Sources: the rule pack, every threshold with its source, the input file's hash.
    let src = wb.worksheet_range("Nguồn và kiểm tra").unwrap();
    let all_text: String = src
        .cells()
        .map(|(_, _, d)| d.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(all_text.contains("son-la-267kh"));
    for c in v["verdict"]["checks"].as_array().unwrap() {
        assert!(all_text.contains(c["source"].as_str().unwrap()));
    }
    let sha = v["sources"][0]
        .as_str()
        .unwrap()
        .split("SHA-256 ")
        .nth(1)
        .unwrap()
        .trim_end_matches(')');
    assert!(all_text.contains(sha));
}

#[test]
fn identifiers_only_with_include_names() {
    let t = tempfile::tempdir().unwrap();
    let mut c = Canonical::small();
    c.ballots[0].2[2] = "Không hài lòng".into();
    let mut sheets = c.sheets();
    // A reason on the first form: "Lý do không hài lòng" is column V (index 21).
    sheets[1].1[3].resize(22, Cell::E);
    sheets[1].1[3][21] = s("Đường hỏng");
    write_xlsx(&t.path().join("xa.xlsx"), &sheets);
    assert_eq!(run(t.path(), &["import", "xa.xlsx"]).status.code(), Some(0));
    let data = t.path().join("ws");
    for (flag, expect) in [(false, None), (true, Some("1"))] {
        let mut args = vec!["export", "--commune", "chieng mung", "--out", "x.xlsx"];
        if flag {
            args.push("--include-names");
        }
        assert!(cmd(t.path(), &data, &args).status.success());
        let mut wb: Xlsx<_> = open_workbook(t.path().join("x.xlsx")).unwrap();
        let r = wb.worksheet_range("Lý do chưa hài lòng").unwrap();
        let h = find_row(&r, 0, "Câu");
        assert_eq!(cell(&r, h + 1, 2), Data::String("Đường hỏng".into()));
        assert_eq!(float(cell(&r, h + 1, 0)), 3.0);
        match expect {
            None => assert_eq!(cell(&r, h + 1, 4), Data::Empty),
            Some(no) => assert_eq!(cell(&r, h + 1, 4), Data::String(no.into())),
        }
    }
}

/// The demo province exported with `export --all`, and its `score --all --json`.
fn province(dir: &Path) -> (Value, Xlsx<std::io::BufReader<std::fs::File>>) {
    let data = demo(dir);
    let o = cmd(dir, &data, &["export", "--all", "--out", "tinh.xlsx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let all =
        serde_json::from_slice(&cmd(dir, &data, &["score", "--all", "--json"]).stdout).unwrap();
    (all, open_workbook(dir.join("tinh.xlsx")).unwrap())
}

/// The synthesis sheet of the form, in words; the charts; their tables on a hidden sheet.
const SYNTHESIS: &str = "Tổng hợp xã NTM";

#[test]
fn province_synthesis_tables_equal_score_all_and_has_charts() {
    let t = tempfile::tempdir().unwrap();
    let (all, wb) = province(t.path());
    assert_eq!(wb.sheet_names(), [SYNTHESIS, "Biểu đồ", "Số liệu biểu đồ"]);
    let path = t.path().join("tinh.xlsx");
    let book = read_xlsx(&path);
    let communes: Vec<&Value> = all["communes"].as_array().unwrap().iter().collect();
    assert_synthesis(&book[0], &communes);
    // The chart tables are out of the print: a hidden sheet.
    let workbook = zip_entry(&path, "xl/workbook.xml");
    assert!(
        workbook.contains(r#"name="Số liệu biểu đồ" sheetId="3" state="hidden""#),
        "{workbook}"
    );
    // Native charts and conditional formats are in the package.
    let f = std::fs::File::open(&path).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let names: Vec<String> = (0..z.len())
        .map(|i| z.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    assert_eq!(
        names
            .iter()
            .filter(|n| n.starts_with("xl/charts/chart"))
            .count(),
        3,
        "{names:?}"
    );
    let chart = |i: usize| zip_entry(&path, &format!("xl/charts/chart{i}.xml"));
    // Communes as bars against the threshold line; items as horizontal bars; no commune lines.
    let (c1, c2, c3) = (chart(1), chart(2), chart(3));
    assert!(
        c1.contains("<c:barChart>") && c1.contains("<c:lineChart>"),
        "{c1}"
    );
    assert!(c2.contains("<c:barDir val=\"bar\"/>") && !c2.contains("<c:lineChart>"));
    // The distribution counts communes: its axis steps by whole communes from 0, shown whole
    // (it ran 0,2–1,2, issue #22).
    assert!(c3.contains("<c:majorUnit val=\"1\"/>"), "{c3}");
    assert!(c3.contains("<c:min val=\"0\"/>"), "{c3}");
    assert!(c3.contains("formatCode=\"0\""), "{c3}");
    // Every text of every chart in the document's font.
    for c in [&c1, &c2, &c3] {
        assert!(c.contains("typeface=\"Times New Roman\""), "{c}");
        assert!(!c.contains("typeface=\"Calibri\""), "{c}");
    }
    // Rates on the axes printed the Vietnamese way whatever the locale.
    assert!(c1.contains("formatCode=\"[$-42A]0\""), "{c1}");
    let sheet1 = zip_entry(&path, "xl/worksheets/sheet1.xml");
    assert!(sheet1.contains("<conditionalFormatting"));
    assert!(sheet1.contains("<pageSetup") && sheet1.contains("paperSize=\"9\""));
    // Printed at 100 %: nothing shrunk to fit.
    assert!(!sheet1.contains("fitToPage"), "{sheet1}");
    // The overall rate under its threshold is red: Tà Xùa's 84,08 < 90.
    assert!(sheet1.contains("<formula>90</formula>"), "{sheet1}");
}

/// The province synthesis as LibreOffice prints it (issue #22): landscape pages at 100 %, text
/// at the body's size (it printed at 4 pt), nothing of the tool on any page, the unverified
/// note once a sheet, each chart on its own page and the signature on the last.
#[test]
fn the_province_synthesis_prints_legibly_on_a4() {
    let Some(soffice) = soffice() else {
        eprintln!("SKIPPED: LibreOffice is not installed");
        return;
    };
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_err()
    {
        eprintln!("SKIPPED: pdftotext (poppler-utils) is not installed");
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let _ = province(t.path());
    convert(
        soffice,
        t.path(),
        &t.path().join("tinh.xlsx"),
        "pdf",
        t.path(),
    );
    let pdf = t.path().join("tinh.pdf");
    let text = |args: &[&str]| {
        let o = std::process::Command::new("pdftotext")
            .args(args)
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).to_string()
    };
    let layout = text(&["-layout"]);
    let pages: Vec<&str> = layout
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    // The synthesis on three pages, the three charts on three more.
    assert_eq!(pages.len(), 6, "{layout}");
    for needle in [
        "xa-ntm", "http", "hailong", "--", "SHA", "sha256", "docs/", "verify", "nháp",
    ] {
        assert!(!layout.contains(needle), "{needle:?} printed:\n{layout}");
    }
    // Pages by sheet, from the footer ("Tổng hợp xã NTM - Trang 2"; -layout may put a chart's
    // label on its line, columns apart).
    let sheet_of = |p: &str| {
        let line = p
            .lines()
            .rev()
            .find(|l| l.contains(" - Trang "))
            .unwrap_or_else(|| panic!("no footer on {p}"));
        let before = line.split(" - Trang ").next().unwrap();
        before.rsplit("  ").next().unwrap().trim().to_string()
    };
    let sheets: Vec<String> = pages.iter().map(|p| sheet_of(p)).collect();
    assert_eq!(
        sheets,
        [
            SYNTHESIS,
            SYNTHESIS,
            SYNTHESIS,
            "Biểu đồ",
            "Biểu đồ",
            "Biểu đồ"
        ]
    );
    for name in [SYNTHESIS, "Biểu đồ"] {
        let notes: usize = pages
            .iter()
            .zip(&sheets)
            .filter(|(_, s)| *s == name)
            .map(|(p, _)| p.matches("chưa được đối chiếu").count())
            .sum();
        assert_eq!(notes, 1, "{name}: the unverified note once");
    }
    // The signature closes each sheet, on its last page only.
    for (k, p) in pages.iter().enumerate() {
        let last = k + 1 == pages.len() || sheets[k + 1] != sheets[k];
        assert_eq!(p.contains("TM. BAN THƯỜNG TRỰC"), last, "page {}", k + 1);
    }
    // A4 landscape, words the body's size: the median word on each page at least two thirds
    // as tall as a line of 12-pt text (15,6 pt in the bounding boxes).
    let bbox = text(&["-bbox"]);
    let mut pages_seen = 0;
    for page in bbox.split("<page ").skip(1) {
        assert!(
            page.starts_with("width=\"841."),
            "not A4 landscape: {}",
            &page[..40]
        );
        let attr = |w: &str, k: &str| -> f64 {
            let at = w.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
            w[at..].split('"').next().unwrap().parse().unwrap()
        };
        let mut heights: Vec<f64> = page
            .split("<word ")
            .skip(1)
            .map(|w| attr(w, "yMax") - attr(w, "yMin"))
            .collect();
        heights.sort_by(f64::total_cmp);
        let median = heights[heights.len() / 2];
        assert!(
            median >= 15.6 * 2.0 / 3.0,
            "page {}: median word {median} pt",
            pages_seen + 1
        );
        pages_seen += 1;
    }
    assert_eq!(pages_seen, 6);
}

#[test]
fn the_commune_dossier_renders_to_pdf_with_vietnamese_text() {
    let Some(soffice) = soffice() else {
        eprintln!(
            "SKIPPED: LibreOffice is not installed (.ci/run installs it where apt-get is available)"
        );
        return;
    };
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_err()
    {
        eprintln!("SKIPPED: pdftotext (poppler-utils) is not installed");
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let data = demo(t.path());
    assert!(
        cmd(
            t.path(),
            &data,
            &["export", "--commune", "chieng mung", "--out", "cm.xlsx"]
        )
        .status
        .success()
    );
    let o = std::process::Command::new(soffice)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(t.path())
        .arg(t.path().join("cm.xlsx"))
        .env("HOME", t.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = t.path().join("cm.pdf");
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .unwrap();
    let pages: u32 = String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|p| p.trim().parse().unwrap()))
        .unwrap();
    assert!(
        // Ten sheets; the criteria table of 57 indicators takes about five.
        (10..=28).contains(&pages),
        "{pages} pages: every sheet prints, none runs away"
    );
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    for needle in [
        "Hài lòng",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TM. BAN THƯỜNG TRỰC",
        "Chiềng Mung",
    ] {
        assert!(text.contains(needle), "{needle} missing from the PDF");
    }

    // Every page as a PNG in the test's output folder, for a person to look at (issue #15).
    let pngs = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dossier-pdf-pages");
    let _ = std::fs::remove_dir_all(&pngs);
    std::fs::create_dir_all(&pngs).unwrap();
    let o = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "60"])
        .arg(&pdf)
        .arg(pngs.join("page"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let written = std::fs::read_dir(&pngs).unwrap().count() as u32;
    assert_eq!(written, pages, "one PNG per page in {}", pngs.display());

    // Every item statement whole on the items sheet's pages: its words in order, none cut off
    // by a row too short for it. `-layout` keeps each column in place, so the other columns'
    // numbers may come between a statement's words, never instead of them.
    let layout = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let layout = String::from_utf8_lossy(&layout.stdout).to_string();
    let pages_text: Vec<&str> = layout.split('\u{c}').collect();
    let start = pages_text
        .iter()
        .position(|p| p.contains("KẾT QUẢ LẤY Ý KIẾN THEO TỪNG NỘI DUNG"))
        .expect("the items sheet prints");
    let end = pages_text
        .iter()
        .position(|p| p.contains("KẾT QUẢ LẤY Ý KIẾN THEO KHU DÂN CƯ"))
        .expect("the areas sheet prints");
    let words: Vec<&str> = pages_text[start..end]
        .iter()
        .flat_map(|p| p.split_whitespace())
        .collect();
    // The signature block is never alone on a page: the demo's reasons table once filled its
    // page exactly and the signature went over with nothing but the repeated header (issue #15).
    // A page with the signature must show a line its previous page does not (repeated header
    // rows are on both).
    let signature_lines = [
        "TM. BAN THƯỜNG TRỰC",
        "CHỦ TỊCH",
        "(Ký, ghi rõ họ tên, đóng dấu)",
    ];
    for (k, page) in pages_text.iter().enumerate().skip(1) {
        if !page.contains(signature_lines[0]) {
            continue;
        }
        // Words only: -layout spaces a line's columns after what else is on its page.
        let norm = |l: &str| l.split_whitespace().collect::<Vec<_>>().join(" ");
        let before: Vec<String> = pages_text[k - 1].lines().map(norm).collect();
        let own = page.lines().map(norm).any(|l| {
            !l.is_empty()
                && !l.starts_with("Trang ")
                && !signature_lines.contains(&l.as_str())
                && !before.contains(&l)
        });
        assert!(own, "page {}: the signature alone\n{page}", k + 1);
    }

    let form = hailong::rules::Library::shipped().unwrap();
    let mut at = 0;
    for item in &form.form("xa-ntm").unwrap().items {
        for w in item.statement.split_whitespace() {
            at = words[at..]
                .iter()
                .position(|x| *x == w)
                .map(|k| at + k + 1)
                .unwrap_or_else(|| {
                    panic!(
                        "item {}: {w:?} of {:?} not printed",
                        item.number, item.statement
                    )
                });
        }
    }
}

/// One line per commune across the items was unreadable at 66 communes (issue #15, point 8):
/// the chart sheet's tables hold communes sorted by overall rate against the threshold, and
/// items ranked by the share not satisfied province-wide, both equal to `score --all`.
#[test]
fn province_charts_sort_communes_and_rank_items() {
    let t = tempfile::tempdir().unwrap();
    let (all, mut wb) = province(t.path());
    let communes = all["communes"].as_array().unwrap();
    let ch = wb.worksheet_range("Số liệu biểu đồ").unwrap();
    let h = find_row(&ch, 0, "Xã");
    let rates: Vec<(String, f64, f64)> = (0..communes.len() as u32)
        .map(|k| {
            let r = h + 1 + k;
            (
                cell(&ch, r, 0).to_string(),
                float(cell(&ch, r, 1)),
                float(cell(&ch, r, 2)),
            )
        })
        .collect();
    assert!(rates.windows(2).all(|w| w[0].1 >= w[1].1), "{rates:?}");
    for (name, rate, threshold) in &rates {
        let c = communes
            .iter()
            .find(|c| c["commune"] == *name.as_str())
            .unwrap();
        assert_eq!(*rate, shown(&c["overall"]["rate_display"]), "{name}");
        assert_eq!(*threshold, 90.0);
    }
    let h = find_row(&ch, 0, "Câu");
    let counted: f64 = communes
        .iter()
        .map(|c| c["forms"]["counted"].as_f64().unwrap())
        .sum();
    let mut shares = Vec::new();
    for k in 0..19u32 {
        let label = cell(&ch, h + 1 + k, 0).to_string();
        let i: usize = label.trim_start_matches("Câu ").parse().unwrap();
        let dis: f64 = communes
            .iter()
            .map(|c| c["items"][i - 1]["dissatisfied"].as_f64().unwrap())
            .sum();
        assert_eq!(float(cell(&ch, h + 1 + k, 1)), dis, "{label}");
        let share = float(cell(&ch, h + 1 + k, 2));
        assert!(
            (share - dis * 100.0 / counted).abs() <= 0.005 + 1e-9,
            "{label}"
        );
        shares.push(share);
    }
    assert!(shares.windows(2).all(|w| w[0] >= w[1]), "{shares:?}");
}
