//! Photographed ballots end to end (issue 25), through the real binary: print a run with
//! `hailong ballot --data`, render and mark its pages with known answers, photograph them
//! synthetically, import the photos, decide the review queue from the known answers with
//! `hailong review --set`, and check that the score counts exactly the marked answers, that the
//! dossier waits for the queue, that a sheet photographed twice counts once and that a photo of
//! something else is listed without stopping the batch.

mod common;

use common::*;
use hailong::ballot::id::BallotId;
use hailong::ingest::omr::sim::{self, Condition, Rng, Truth};
use std::collections::HashMap;
use std::path::Path;

const PPM: f64 = 8.0;
const COMMUNE: &str = "Chiềng Mung";

/// Prints `n` ballots for one area, marks and photographs them into `dir/anh`, returns the
/// truth of every (id, item).
fn photographed(dir: &Path, n: u32, seed: u64) -> HashMap<(String, u32), Truth> {
    let o = run(
        dir,
        &[
            "--data",
            "ws",
            "ballot",
            "--commune",
            COMMUNE,
            "--area",
            &format!("Bản Mung={n}"),
            "--out",
            "phieu.pdf",
            "--layout",
            "phieu.json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let layout: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("phieu.json")).unwrap()).unwrap();
    let lib = hailong::rules::Library::shipped().unwrap();
    let form = lib.form("xa-ntm").unwrap();
    let geometry = hailong::ballot::layout::layout_for(form).unwrap();
    std::fs::create_dir_all(dir.join("anh")).unwrap();
    let mut truth = HashMap::new();
    let mut rng = Rng::new(seed);
    for page in layout["pages"].as_array().unwrap() {
        let text = page["id"].as_str().unwrap();
        let id = BallotId::parse(text).unwrap();
        let mut img =
            hailong::ballot::raster::render_page(form, &id, page["area"].as_str().unwrap(), PPM);
        let items = sim::plan(&geometry, &sim::REALISTIC, &mut rng);
        sim::draw(&mut img, PPM, &geometry, &items, &mut rng);
        let (jpeg, _) = sim::capture(&img, PPM, Condition::Phone, 2400, &mut rng);
        let serial = id.serial;
        std::fs::write(dir.join(format!("anh/IMG_{serial:04}.jpg")), jpeg).unwrap();
        if serial == 1 {
            // The same sheet photographed a second time: another photo, the same marks.
            let (again, _) = sim::capture(&img, PPM, Condition::Phone, 2400, &mut rng);
            std::fs::write(dir.join("lan2.jpg"), again).unwrap();
        }
        for it in items {
            truth.insert((text.to_string(), it.number), it.truth);
        }
    }
    truth
}

fn word(t: Truth) -> &'static str {
    match t {
        Truth::Satisfied => "satisfied",
        Truth::Dissatisfied => "dissatisfied",
        Truth::Blank => "blank",
        Truth::Invalid => "invalid",
    }
}

#[test]
fn photographed_ballots_score_exactly_their_marks_once_the_queue_is_decided() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path();
    let n = 6;
    let truth = photographed(dir, n, 25);
    // The same sheet photographed twice, and a photo of something else.
    std::fs::rename(dir.join("lan2.jpg"), dir.join("anh/IMG_0001-lan2.jpg")).unwrap();
    let noise = image::GrayImage::from_fn(640, 480, |x, y| {
        image::Luma([((x * 7 + y * 13) % 251) as u8])
    });
    noise.save(dir.join("anh/khac.png")).unwrap();

    let (code, report) = import(dir, &["--data", "ws", "anh"]);
    // The photo of something else is rejected (listed); the batch goes on.
    assert_eq!(code, Some(1), "{report}");
    let files = report["files"].as_array().unwrap();
    let other = files
        .iter()
        .find(|f| f["file"].as_str().unwrap().ends_with("khac.png"))
        .unwrap();
    assert_eq!(other["accepted"], 0);
    assert_eq!(
        other["problems"][0]["kind"]["code"], "page_unread",
        "{other}"
    );
    let stored: u64 = files.iter().map(|f| f["accepted"].as_u64().unwrap()).sum();
    assert_eq!(stored, u64::from(n) + 1, "every ballot, one of them twice");
    // The second photo of a sheet is said, and counted once (below: forms returned = n).
    let said: Vec<&serde_json::Value> = files
        .iter()
        .flat_map(|f| f["problems"].as_array().unwrap())
        .filter(|p| p["kind"]["code"] == "ballot_twice")
        .collect();
    assert_eq!(said.len(), 1, "{report}");
    assert!(said[0]["kind"]["id"].as_str().unwrap().contains("/00001/"));

    // The queue, from the command line, decided from the known marks.
    let o = run(dir, &["--data", "ws", "review", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let queue: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let before = score_json_in(dir);
    let waiting = before["awaiting_review"]["items"].as_u64().unwrap();
    let distinct: std::collections::BTreeSet<(String, u64)> = queue
        .iter()
        .filter(|q| !q["item"].is_null())
        .map(|q| {
            (
                q["id"].as_str().unwrap().to_string(),
                q["item"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(waiting as usize, distinct.len());
    if waiting > 0 {
        // The dossier waits for the queue, and says why.
        let o = run(
            dir,
            &[
                "--data",
                "ws",
                "export",
                "--commune",
                COMMUNE,
                "--out",
                "hs.xlsx",
            ],
        );
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(stderr(&o).contains("chờ xác nhận"), "{}", stderr(&o));
        assert!(!dir.join("hs.xlsx").exists());
        let text = run(dir, &["--data", "ws", "score", "--commune", COMMUNE]);
        assert!(
            stdout(&text)
                .lines()
                .next()
                .unwrap()
                .contains("mục chờ xác nhận")
        );
    }
    for q in &queue {
        assert!(Path::new(q["image"].as_str().unwrap()).exists(), "{q}");
    }
    let mut sets = vec!["--data", "ws", "review"];
    let specs: Vec<String> = distinct
        .iter()
        .map(|(id, item)| format!("{id}:{item}={}", word(truth[&(id.clone(), *item as u32)])))
        .collect();
    for s in &specs {
        sets.push("--set");
        sets.push(s);
    }
    if !specs.is_empty() {
        let o = run(dir, &sets);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }

    // Now every item counts exactly what was marked.
    let after = score_json_in(dir);
    assert_eq!(after["awaiting_review"]["items"], 0);
    assert_eq!(after["forms"]["returned"], u64::from(n));
    for item in after["items"].as_array().unwrap() {
        let k = item["number"].as_u64().unwrap() as u32;
        let count = |want: Truth| {
            truth
                .iter()
                .filter(|((_, i), t)| *i == k && **t == want)
                .count() as u64
        };
        assert_eq!(item["satisfied"], count(Truth::Satisfied), "item {k}");
        assert_eq!(item["dissatisfied"], count(Truth::Dissatisfied), "item {k}");
        assert_eq!(item["blank"], count(Truth::Blank), "item {k}");
        assert_eq!(item["invalid"], count(Truth::Invalid), "item {k}");
    }
    let o = run(
        dir,
        &[
            "--data",
            "ws",
            "export",
            "--commune",
            COMMUNE,
            "--out",
            "hs.xlsx",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(dir, &["--data", "ws", "review"]);
    assert!(stdout(&o).contains("Không còn mục nào"), "{}", stdout(&o));
}

#[test]
fn a_decision_for_an_item_not_in_the_queue_records_nothing() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path();
    photographed(dir, 1, 7);
    let (_, _) = import(dir, &["--data", "ws", "anh"]);
    let o = run(
        dir,
        &[
            "--data",
            "ws",
            "review",
            "--set",
            "HL1/XA-NTM/00000/01/00001//ZZ:3=satisfied",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("không có trong hàng chờ"),
        "{}",
        stdout(&o)
    );
    assert!(!dir.join("ws/review.json").exists());
    let o = run(dir, &["--data", "ws", "review", "--set", "nonsense"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

fn score_json_in(dir: &Path) -> serde_json::Value {
    let o = run(
        dir,
        &["--data", "ws", "score", "--commune", COMMUNE, "--json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

/// The web page decides as the command line does: the same decisions, one workspace through
/// `POST /xac-nhan` and its copy through `review --set`, give the same score.
#[test]
fn the_web_review_and_the_command_line_give_the_same_result() {
    use common::http::{get, request, serve};
    let t = tempfile::tempdir().unwrap();
    let dir = t.path();
    let truth = photographed(dir, 4, 11);
    let (_, _) = import(dir, &["--data", "ws", "anh"]);
    copy_dir(&dir.join("ws"), &dir.join("ws2"));
    let o = run(dir, &["--data", "ws", "review", "--json"]);
    let queue: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let items: Vec<(String, u32)> = queue
        .iter()
        .filter(|q| !q["item"].is_null())
        .map(|q| {
            (
                q["id"].as_str().unwrap().to_string(),
                q["item"].as_u64().unwrap() as u32,
            )
        })
        .collect();
    let served = serve(&dir.join("ws2"), "127.0.0.1", &[]);
    let page = get(&served.addr, "/xac-nhan");
    assert_eq!(page.status, 200);
    let html = page.text();
    // Every picture of the queue is served as a PNG (while it waits).
    if let Some(src) = html.split("src=\"/xac-nhan/anh/").nth(1) {
        let path = format!("/xac-nhan/anh/{}", src.split('"').next().unwrap());
        let img = get(&served.addr, &path);
        assert_eq!(img.status, 200);
        assert_eq!(img.header("content-type"), Some("image/png"));
        assert!(img.body.starts_with(b"\x89PNG"));
    }
    for (id, item) in &items {
        assert!(
            html.contains(&format!("value=\"{id}\"")),
            "{id} not on the page"
        );
        let verdict = word(truth[&(id.clone(), *item)]);
        let body = format!(
            "id={}&item={item}&verdict={verdict}",
            hailong::web::percent_encode(id)
        );
        let r = request(
            &served.addr,
            "POST",
            "/xac-nhan",
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Origin", &format!("http://{}", served.addr)),
            ],
            body.as_bytes(),
        );
        assert_eq!(r.status, 303, "{}", r.text());
        let sets = format!("{id}:{item}={verdict}");
        let o = run(dir, &["--data", "ws", "review", "--set", &sets]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    drop(served);
    let score = |ws: &str| {
        let o = run(
            dir,
            &["--data", ws, "score", "--commune", COMMUNE, "--json"],
        );
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        (v["items"].clone(), v["awaiting_review"].clone())
    };
    let (cli, cli_waiting) = score("ws");
    let (web, web_waiting) = score("ws2");
    assert_eq!(cli, web);
    assert_eq!(cli_waiting["items"], 0);
    assert_eq!(web_waiting["items"], 0);
    let decisions: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("ws2/review.json")).unwrap()).unwrap();
    assert_eq!(
        decisions["decisions"].as_array().unwrap().len(),
        items.len()
    );
}

/// A sheet whose QR codes are gone (torn off, covered): the page waits in the queue of the one
/// print run it can belong to, a person types the id printed on it, and it is read and counted;
/// an id that does not check is refused and the page still waits.
#[test]
fn a_page_whose_id_did_not_read_is_counted_once_a_person_types_it() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path();
    let o = run(
        dir,
        &[
            "--data",
            "ws",
            "ballot",
            "--commune",
            COMMUNE,
            "--area",
            "Bản Mung=2",
            "--out",
            "phieu.pdf",
            "--layout",
            "phieu.json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let layout: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("phieu.json")).unwrap()).unwrap();
    let text = layout["pages"][1]["id"].as_str().unwrap().to_string();
    let id = BallotId::parse(&text).unwrap();
    let lib = hailong::rules::Library::shipped().unwrap();
    let form = lib.form("xa-ntm").unwrap();
    let geometry = hailong::ballot::layout::layout_for(form).unwrap();
    let mut img = hailong::ballot::raster::render_page(form, &id, "Bản Mung", PPM);
    let mut rng = Rng::new(3);
    let items = sim::plan(&geometry, &sim::REALISTIC, &mut rng);
    sim::draw(&mut img, PPM, &geometry, &items, &mut rng);
    // Both QR codes covered (and the id under them left to be read by a person).
    for q in geometry.qr {
        for y in (q.y * PPM) as u32..((q.y + q.h) * PPM) as u32 {
            for x in (q.x * PPM) as u32..((q.x + q.w) * PPM) as u32 {
                img.put_pixel(x, y, image::Luma([255]));
            }
        }
    }
    let (jpeg, _) = sim::capture(&img, PPM, Condition::Phone, 2400, &mut rng);
    std::fs::create_dir_all(dir.join("anh")).unwrap();
    std::fs::write(dir.join("anh/IMG_9.jpg"), jpeg).unwrap();
    let (code, report) = import(dir, &["--data", "ws", "anh"]);
    assert_eq!(code, Some(1), "{report}");
    let o = run(dir, &["--data", "ws", "review", "--json"]);
    let queue: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(queue.len(), 1, "{queue:?}");
    assert!(
        queue[0]["item"].is_null() && queue[0]["reason"] == "no_id",
        "{queue:?}"
    );
    let before = score_json_in(dir);
    assert_eq!(before["forms"]["returned"], 0);
    assert_eq!(before["awaiting_review"]["pages"], 1);

    // A mistyped id: refused by its check characters, nothing read.
    let wrong = format!("{}X", &text[..text.len() - 1]);
    let o = run(
        dir,
        &[
            "--data",
            "ws",
            "review",
            "--page",
            &format!("IMG_9.jpg:1={wrong}"),
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert_eq!(score_json_in(dir)["awaiting_review"]["pages"], 1);

    let o = run(
        dir,
        &[
            "--data",
            "ws",
            "review",
            "--page",
            &format!("IMG_9.jpg:1={text}"),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let o = run(dir, &["--data", "ws", "review", "--json"]);
    let queue: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert!(queue.iter().all(|q| !q["item"].is_null()), "{queue:?}");
    let specs: Vec<String> = queue
        .iter()
        .map(|q| {
            let item = q["item"].as_u64().unwrap() as u32;
            let truth = items.iter().find(|i| i.number == item).unwrap().truth;
            format!("{text}:{item}={}", word(truth))
        })
        .collect();
    for s in &specs {
        let o = run(dir, &["--data", "ws", "review", "--set", s]);
        assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    }
    let after = score_json_in(dir);
    assert_eq!(after["forms"]["returned"], 1);
    assert_eq!(after["awaiting_review"]["pages"], 0);
    assert_eq!(after["awaiting_review"]["items"], 0);
    for item in after["items"].as_array().unwrap() {
        let k = item["number"].as_u64().unwrap() as u32;
        let truth = items.iter().find(|i| i.number == k).unwrap().truth;
        let want = |t: Truth| u64::from(truth == t);
        assert_eq!(item["satisfied"], want(Truth::Satisfied), "item {k}");
        assert_eq!(item["dissatisfied"], want(Truth::Dissatisfied), "item {k}");
    }
}
