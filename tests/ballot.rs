//! `hailong ballot` through the real binary: the PDF has one page per ballot issued, the layout
//! JSON is `layout_for`'s, the ids parse, are unique and number 1..=issued per area, the print
//! run is recorded in the workspace, and the printed page (rasterised by poppler when it is
//! installed) has its boxes and fiducials where the layout says and looks like `render_page`.
//! Bad requests are refused with exit 2 and a message in the asked language.

mod common;

use common::{run, stderr, stdout};
use hailong::ballot::raster::mean_grey;
use hailong::ballot::{BallotId, Rect, layout_for, render_page};
use hailong::rules::Library;
use rstest::rstest;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

const AREAS: [(&str, u32); 2] = [("Bản Mòng", 3), ("Bản Nà Sẳng", 2)];

fn print(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "ballot",
        "--form",
        "xa-ntm",
        "--commune",
        "Đoàn Kết",
        "--round",
        "2025-10",
        "--out",
        "phieu.pdf",
        "--layout",
        "phieu.json",
    ];
    let specs: Vec<String> = AREAS.iter().map(|(n, c)| format!("{n}={c}")).collect();
    for s in &specs {
        args.extend(["--area", s]);
    }
    args.extend(extra);
    run(dir, &args)
}

/// Pages of a PDF: the page objects (`/Type/Page`, not `/Pages`), checked against `/Count`.
fn pdf_pages(pdf: &[u8]) -> usize {
    let key = b"/Type/Page";
    let objects = pdf
        .windows(key.len() + 1)
        .filter(|w| w.starts_with(key) && w[key.len()] != b's')
        .count();
    let text = String::from_utf8_lossy(pdf);
    let count: usize = text
        .split("/Count ")
        .nth(1)
        .and_then(|t| t.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .expect("a page tree with /Count");
    assert_eq!(objects, count);
    count
}

fn rect(v: &Value) -> [f64; 4] {
    let a: Vec<f64> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    [a[0], a[1], a[2], a[3]]
}

fn close(a: [f64; 4], b: Rect) -> bool {
    a.iter()
        .zip(b.to_array())
        .all(|(x, y)| (x - y).abs() < 0.001)
}

#[test]
fn a_print_run_gives_one_page_per_ballot_the_layout_and_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let out = print(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("5 phiếu"), "{}", stdout(&out));
    let issued: u32 = AREAS.iter().map(|a| a.1).sum();

    let pdf = std::fs::read(dir.path().join("phieu.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(pdf_pages(&pdf), issued as usize);
    if let Ok(info) = Command::new("pdfinfo")
        .arg(dir.path().join("phieu.pdf"))
        .output()
    {
        let info = String::from_utf8_lossy(&info.stdout).to_string();
        let pages = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .map(str::trim);
        assert_eq!(pages, Some(issued.to_string().as_str()), "{info}");
        assert!(info.contains("595.276 x 841.89 pts (A4)"), "{info}");
    } else {
        eprintln!("pdfinfo not installed: page count checked by parsing only");
    }

    let form = Library::shipped().unwrap().form("xa-ntm").unwrap().clone();
    let layout = layout_for(&form).unwrap();
    let json: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("phieu.json")).unwrap()).unwrap();
    assert_eq!(json["page_mm"], serde_json::json!([210, 297]));
    for (n, f) in layout.fiducials.iter().enumerate() {
        assert!(close(rect(&json["fiducials"][n]), *f));
    }
    let pages = json["pages"].as_array().unwrap();
    assert_eq!(pages.len(), issued as usize);
    let mut ids = BTreeSet::new();
    let mut serials: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (n, page) in pages.iter().enumerate() {
        assert_eq!(page["page"], n + 1);
        let id = BallotId::parse(page["id"].as_str().unwrap()).unwrap();
        assert_eq!(
            (id.form.as_str(), id.commune_code.as_str()),
            ("xa-ntm", "04000")
        );
        assert_eq!(id.round, "2025-10");
        let area = page["area"].as_str().unwrap().to_string();
        assert_eq!(AREAS[id.area_no as usize - 1].0, area);
        serials.entry(area).or_default().push(id.serial);
        assert!(ids.insert(id));
        let items = page["items"].as_array().unwrap();
        assert_eq!(items.len(), form.items.len());
        for (item, boxes) in items.iter().zip(&layout.items) {
            assert_eq!(item["number"], boxes.number);
            assert!(close(rect(&item["satisfied"]), boxes.satisfied));
            assert!(close(rect(&item["dissatisfied"]), boxes.dissatisfied));
        }
    }
    for (name, count) in AREAS {
        assert_eq!(serials[name], (1..=count).collect::<Vec<_>>(), "{name}");
    }

    let issue =
        hailong::store::ballots::find_issue(&dir.path().join("ws"), "XA-NTM", "04000", "2025-10")
            .unwrap()
            .expect("the print run is recorded");
    assert_eq!(issue.commune, "Xã Đoàn Kết");
    let recorded: Vec<(&str, u32)> = issue
        .areas
        .iter()
        .map(|a| (a.name.as_str(), a.issued))
        .collect();
    assert_eq!(recorded, AREAS.to_vec());
    assert_eq!(issue.pdf_sha256, hailong::ingest::sha256_hex(&pdf));
    let text =
        String::from_utf8_lossy(&std::fs::read(dir.path().join("ws/issued-ballots.json")).unwrap())
            .to_string();
    assert!(!text.to_lowercase().contains("hộ gia đình"));

    // The same run again is a reprint; other areas under the same key need --replace.
    assert_eq!(print(dir.path(), &[]).status.code(), Some(0));
    let other = run(
        dir.path(),
        &[
            "ballot",
            "--commune",
            "Đoàn Kết",
            "--round",
            "2025-10",
            "--area",
            "Bản Khác=4",
            "--out",
            "b.pdf",
            "--layout",
            "b.json",
        ],
    );
    assert_eq!(other.status.code(), Some(2));
    assert!(stderr(&other).contains("--replace"), "{}", stderr(&other));
    assert!(!dir.path().join("b.pdf").exists());
}

/// The box around the dark pixels (< 128) in `r` grown by 1 mm, in mm: [left, top, right,
/// bottom]. (Edges, not an ink centroid: a rasteriser may widen a thin line by a pixel.)
fn ink_box(img: &image::GrayImage, r: Rect, s: f64) -> [f64; 4] {
    let r = r.grown(1.0);
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for y in (r.y * s) as u32..((r.y + r.h) * s) as u32 {
        for x in (r.x * s) as u32..((r.x + r.w) * s) as u32 {
            if img.get_pixel(x, y).0[0] < 128 {
                let (x, y) = (f64::from(x), f64::from(y));
                b = [
                    b[0].min(x),
                    b[1].min(y),
                    b[2].max(x + 1.0),
                    b[3].max(y + 1.0),
                ];
            }
        }
    }
    b.map(|v| v / s)
}

/// The ink of `r` (a box's outline, a fiducial) spans what the layout says, to a pixel at
/// 100 dpi (0,254 mm) plus the outline's half width, on the printed page and on
/// `render_page`'s.
fn same_place(printed: &image::GrayImage, ours: &image::GrayImage, r: Rect, s: f64) {
    let want = [r.x, r.y, r.x + r.w, r.y + r.h];
    for (who, img) in [("pdf", printed), ("render_page", ours)] {
        let got = ink_box(img, r, s);
        for (g, w) in got.iter().zip(want) {
            assert!(
                (g - w).abs() < 0.45,
                "{who}: ink of {r:?} spans {got:.2?}, the layout says {want:.2?}"
            );
        }
    }
}

/// Mean absolute difference of two images over `r`.
fn diff(a: &image::GrayImage, b: &image::GrayImage, r: Rect, s: f64) -> f64 {
    let (x0, y0) = ((r.x * s) as u32, (r.y * s) as u32);
    let (x1, y1) = (((r.x + r.w) * s) as u32, ((r.y + r.h) * s) as u32);
    let mut sum = 0.0;
    let mut n = 0.0;
    for y in y0..y1 {
        for x in x0..x1 {
            sum += (f64::from(a.get_pixel(x, y).0[0]) - f64::from(b.get_pixel(x, y).0[0])).abs();
            n += 1.0;
        }
    }
    sum / n
}

#[test]
fn the_printed_page_has_boxes_and_fiducials_where_the_layout_says_and_matches_render_page() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(print(dir.path(), &[]).status.code(), Some(0));
    let rendered = Command::new("pdftoppm")
        .current_dir(dir.path())
        .args([
            "-r",
            "100",
            "-f",
            "1",
            "-l",
            "1",
            "-gray",
            "-png",
            "phieu.pdf",
            "page",
        ])
        .status();
    if !matches!(rendered, Ok(s) if s.success()) {
        eprintln!("pdftoppm (poppler-utils) not installed: the PDF is not rasterised here");
        return;
    }
    let printed = image::open(dir.path().join("page-1.png"))
        .unwrap()
        .to_luma8();
    let s = 100.0 / 25.4;
    let form = Library::shipped().unwrap().form("xa-ntm").unwrap().clone();
    let layout = layout_for(&form).unwrap();
    let json: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("phieu.json")).unwrap()).unwrap();
    let id = BallotId::parse(json["pages"][0]["id"].as_str().unwrap()).unwrap();
    let ours = render_page(&form, &id, AREAS[0].0, s);
    // poppler rounds the page's 1.169,3 px up, we round to nearest: compare the common part.
    assert_eq!(ours.width(), printed.width());
    assert!(ours.height().abs_diff(printed.height()) <= 1);
    for f in layout.fiducials {
        assert!(
            mean_grey(&printed, f.grown(-0.5), s) < 10.0,
            "fiducial {f:?}"
        );
        assert!(
            diff(&printed, &ours, f.grown(1.0), s) < 12.0,
            "fiducial {f:?}"
        );
    }
    for it in &layout.items {
        for b in [it.satisfied, it.dissatisfied] {
            assert!(
                mean_grey(&printed, b.grown(-0.6), s) > 250.0,
                "box {b:?} not white inside"
            );
            // The outline is there: the ring around the edge is darker than paper.
            assert!(
                mean_grey(
                    &printed,
                    Rect {
                        y: b.y - 0.5,
                        h: 1.0,
                        ..b
                    },
                    s
                ) < 215.0,
                "{b:?}"
            );
            same_place(&printed, &ours, b, s);
        }
    }
    for q in layout.qr {
        assert!(diff(&printed, &ours, q, s) < 20.0, "QR {q:?}");
    }
    // The same page: the mean grey of every 5 mm cell agrees (text set by two rasterisers
    // differs pixel by pixel, never by a misplaced word, line or box).
    let mut worst = (0.0, 0.0, 0.0);
    for cy in 0..59 {
        for cx in 0..42 {
            let cell = Rect {
                x: f64::from(cx) * 5.0,
                y: f64::from(cy) * 5.0,
                w: 5.0,
                h: 5.0,
            };
            let d = (mean_grey(&printed, cell, s) - mean_grey(&ours, cell, s)).abs();
            if d > worst.0 {
                worst = (d, cell.x, cell.y);
            }
        }
    }
    assert!(worst.0 < 25.0, "{worst:?}");
}

#[rstest]
#[case::unknown_form(&["--form", "xa-khong-co"], "xa-khong-co")]
#[case::unknown_commune(&["--commune", "Không Có Xã Này"], "Không Có Xã Này")]
#[case::area_without_count(&["--area", "Bản Mòng"], "Bản Mòng")]
#[case::area_of_zero(&["--area", "Bản Mòng=0"], "Bản Mòng=0")]
#[case::same_area_twice(&["--area", "Bản A=2", "--area", "ban a=3"], "ban a")]
#[case::round_with_accents(&["--round", "đợt 1"], "đợt 1")]
#[case::a_ward(&["--commune", "Phường Tô Hiệu"], "Tô Hiệu")]
fn a_bad_request_is_refused_with_exit_2_and_nothing_written(
    #[case] args: &[&str],
    #[case] named: &str,
) {
    let dir = tempfile::tempdir().unwrap();
    let mut all = vec!["ballot", "--out", "x.pdf", "--layout", "x.json"];
    let defaults = [
        ("--form", "xa-ntm"),
        ("--commune", "Đoàn Kết"),
        ("--round", "2025-10"),
    ];
    for (flag, value) in defaults {
        if !args.contains(&flag) {
            all.extend([flag, value]);
        }
    }
    if !args.contains(&"--area") {
        all.extend(["--area", "Bản Mòng=3"]);
    }
    all.extend(args);
    for lang in ["vi", "en"] {
        let mut with_lang = all.clone();
        with_lang.extend(["--lang", lang]);
        let out = run(dir.path(), &with_lang);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains(named), "{lang}: {}", stderr(&out));
        assert!(!dir.path().join("x.pdf").exists());
        assert!(!dir.path().join("ws").join("issued-ballots.json").exists());
    }
}
