//! `hailong serve` over HTTP: every endpoint's status and content type, JSON equal to the CLI's
//! for the same workspace, uploads stored or only checked, a page upload stored only on "Lưu"
//! with the counts of its reading, the template form and its errors in place, the province
//! list of every unit, pages that never answer a browser with JSON, the access token off
//! loopback, the size limit, cross-origin POSTs refused, and workbooks read back with calamine.

mod common;

use common::http::{Resp, get, multipart, request, serve, serve_env};
use common::*;
use std::path::Path;

/// A workspace with the demo's three communes; returns its directory.
fn demo_workspace(dir: &Path) -> std::path::PathBuf {
    let o = run(dir, &["demo", "--out", dir.join("demo").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    dir.join("demo/hailong-data")
}

fn cli_json(ws: &Path, args: &[&str]) -> serde_json::Value {
    let o = std::process::Command::new(bin())
        .env("HAILONG_DATA", ws)
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn saved_workbook(r: &Resp, dir: &Path, name: &str) -> Vec<Sheet> {
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.header("content-type"),
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    );
    assert!(
        r.header("content-disposition")
            .unwrap()
            .contains("attachment")
    );
    let path = dir.join(name);
    std::fs::write(&path, &r.body).unwrap();
    read_xlsx(&path)
}

/// `POST path` with a multipart body.
fn post(addr: &str, path: &str, content_type: &str, body: &[u8]) -> Resp {
    request(addr, "POST", path, &[("Content-Type", content_type)], body)
}

/// The page a POST's "see other" answer sends the browser to.
fn follow(addr: &str, r: &Resp) -> Resp {
    assert_eq!(r.status, 303, "{}", r.text());
    get(addr, r.header("location").expect("a Location"))
}

/// A page's text without its tags (what a reader sees, roughly).
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Whether a workspace's manifest names a file.
fn stored(ws: &Path, file: &str) -> bool {
    std::fs::read_to_string(ws.join("manifest.json")).is_ok_and(|m| m.contains(file))
}

#[test]
fn every_endpoint_answers_with_the_clis_figures() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let ws = demo_workspace(dir);
    let s = serve(&ws, "127.0.0.1", &[]);

    // JSON API = the CLI's JSON for the same workspace.
    let all = get(&s.addr, "/api/communes");
    assert_eq!(all.status, 200);
    assert!(
        all.header("content-type")
            .unwrap()
            .starts_with("application/json")
    );
    assert_eq!(all.json(), cli_json(&ws, &["score", "--all", "--json"]));
    let one = get(&s.addr, "/api/communes/chieng%20mung");
    assert_eq!(one.status, 200);
    assert_eq!(
        one.json(),
        cli_json(&ws, &["score", "--commune", "chieng mung", "--json"])
    );
    let failing = get(&s.addr, "/api/communes?failing=1");
    assert_eq!(
        failing.json(),
        cli_json(&ws, &["score", "--all", "--failing", "--json"])
    );
    let missing = get(&s.addr, "/api/communes/khong%20co");
    assert_eq!(missing.status, 404);
    assert!(
        missing.json()["error"]
            .as_str()
            .unwrap()
            .contains("khong co")
    );

    // Pages: the verdict in the DOM as the CLI words it.
    let province = get(&s.addr, "/");
    assert_eq!(province.status, 200);
    assert!(
        province
            .header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    let html = province.text();
    for c in all.json()["communes"].as_array().unwrap() {
        assert!(html.contains(c["commune"].as_str().unwrap()));
        assert!(html.contains(c["overall"]["rate_display"].as_str().unwrap()));
    }
    assert!(html.contains("<svg"), "the chart is drawn on the server");
    let commune = get(&s.addr, "/xa/chieng%20mung");
    assert_eq!(commune.status, 200);
    let verdict = if one.json()["verdict"]["passed"].as_bool().unwrap() {
        "Kết luận: ĐẠT"
    } else {
        "Kết luận: KHÔNG ĐẠT"
    };
    assert!(commune.text().contains(verdict), "{}", commune.text());
    let en = get(&s.addr, "/xa/chieng%20mung?lang=en");
    assert!(en.text().contains("Verdict: "));
    assert!(en.header("set-cookie").unwrap().contains("hailong_lang=en"));
    for path in ["/nhap", "/mau", "/static/app.css", "/static/app.js"] {
        assert_eq!(get(&s.addr, path).status, 200, "{path}");
    }
    assert_eq!(get(&s.addr, "/khong-co-trang-nay").status, 404);

    // Workbooks.
    let dossier = get(&s.addr, "/api/communes/chieng%20mung/dossier.xlsx");
    let sheets = saved_workbook(&dossier, dir, "d.xlsx");
    assert_eq!(sheets.len(), 10);
    let province_book = get(&s.addr, "/api/province/dossier.xlsx");
    assert!(!saved_workbook(&province_book, dir, "p.xlsx").is_empty());
    let template = get(
        &s.addr,
        "/api/template?form=xa-ntm&commune=Chi%E1%BB%81ng%20Mung&area=B%E1%BA%A3n%20N%C3%A0%20S%E1%BA%A3n%3D120&area=B%E1%BA%A3n%20Co%20Mu%C3%B4ng%3D95",
    );
    let book = saved_workbook(&template, dir, "t.xlsx");
    let register = book.iter().find(|s| s.0 == "Khu dân cư").unwrap();
    let cells: Vec<String> = register
        .1
        .iter()
        .flatten()
        .map(|c| format!("{c:?}"))
        .collect();
    assert!(cells.iter().any(|c| c.contains("Bản Nà Sản")), "{cells:?}");
    assert!(cells.iter().any(|c| c.contains("Chiềng Mung")));
    let bad = get(
        &s.addr,
        "/api/template?commune=Chi%E1%BB%81ng%20Mung&area=nonsense",
    );
    assert_eq!(bad.status, 400);
    assert!(bad.json()["error"].as_str().unwrap().contains("TÊN=SỐ_HỘ"));
}

#[test]
fn uploads_are_stored_or_only_checked_and_report_like_the_cli() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let ws = dir.join("ws");
    // Its own temporary folder, to see that every upload is removed.
    let tmpdir = dir.join("tmp");
    std::fs::create_dir_all(&tmpdir).unwrap();
    let s = serve_env(&ws, "127.0.0.1", &[], &[("TMPDIR", &tmpdir)]);
    let sample =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/ta-xua.xlsx")).unwrap();
    let (ct, body) = multipart(&[("../../Tà Xùa.xlsx", &sample)], &[("check", "1")]);
    let checked = post(&s.addr, "/api/import", &ct, &body);
    assert_eq!(checked.status, 200, "{}", checked.text());
    let v = checked.json();
    assert_eq!(v["files"][0]["outcome"], "checked");
    assert_eq!(
        v["files"][0]["file"], "Tà Xùa.xlsx",
        "the uploaded name, reduced to a base name"
    );
    assert!(!ws.join("manifest.json").exists(), "check=1 stores nothing");

    let (ct, body) = multipart(&[("Tà Xùa.xlsx", &sample)], &[]);
    let stored = post(&s.addr, "/api/import", &ct, &body);
    let v = stored.json();
    assert_eq!(v["files"][0]["outcome"], "stored");
    // The same file through the CLI: the report has the same figures.
    let file = dir.join("Tà Xùa.xlsx");
    std::fs::write(&file, &sample).unwrap();
    let cli = cli_json(
        &dir.join("ws-cli"),
        &["import", "--json", file.to_str().unwrap()],
    );
    for key in ["rows_read", "accepted", "rejected"] {
        assert_eq!(v[key], cli[key], "{key}");
    }
    assert_eq!(
        get(&s.addr, "/api/communes").json(),
        cli_json(&dir.join("ws-cli"), &["score", "--all", "--json"])
    );
    // No temporary upload is left behind.
    let left: Vec<_> = std::fs::read_dir(&tmpdir).unwrap().flatten().collect();
    assert!(left.is_empty(), "{left:?}");

    // The page form gives an HTML reading; a bad file names its problem, in Vietnamese.
    let (ct, body) = multipart(&[("hong.xlsx", b"not a workbook")], &[]);
    let sent = post(&s.addr, "/nhap", &ct, &body);
    let page = follow(&s.addr, &sent);
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(
        text.contains("hong.xlsx") && text.contains("id=\"report\""),
        "{text}"
    );
    assert!(text.contains("không phải bảng tính đọc được"), "{text}");
    // The errors workbook of the same files.
    let errors = post(&s.addr, "/api/import/errors.xlsx", &ct, &body);
    let book = saved_workbook(&errors, dir, "e.xlsx");
    assert!(book[0].1.len() >= 2, "a header and the problem");
}

#[test]
fn off_loopback_needs_a_token_and_requests_without_it_get_401() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let ws = demo_workspace(dir);
    let o = std::process::Command::new(bin())
        .env("HAILONG_DATA", &ws)
        .env_remove("HAILONG_TOKEN")
        .args(["serve", "--listen", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("mã truy cập"));

    let s = serve(&ws, "0.0.0.0", &["--token", "bi-mat-123"]);
    let port = s.addr.rsplit(':').next().unwrap();
    let addr = format!("127.0.0.1:{port}");
    assert_eq!(get(&addr, "/api/communes").status, 401);
    assert_eq!(get(&addr, "/").status, 401);
    let ok = request(
        &addr,
        "GET",
        "/api/communes",
        &[("Authorization", "Bearer bi-mat-123")],
        b"",
    );
    assert_eq!(ok.status, 200);
    let wrong = request(
        &addr,
        "GET",
        "/api/communes",
        &[("Authorization", "Bearer sai")],
        b"",
    );
    assert_eq!(wrong.status, 401);
    // A page link with the token sets a cookie that later pages carry, and leaves the address
    // bar without the token (tests/accounts.rs has the rest of the token's flow).
    let first = get(&addr, "/?token=bi-mat-123");
    assert_eq!(first.status, 303);
    assert_eq!(first.header("location"), Some("/"));
    let cookie = first.header("set-cookie").unwrap();
    assert!(cookie.contains("HttpOnly"));
    let pair = cookie.split(';').next().unwrap();
    let next = request(&addr, "GET", "/xa/chieng%20mung", &[("Cookie", pair)], b"");
    assert_eq!(next.status, 200);
}

#[test]
fn uploads_over_the_limit_and_cross_origin_posts_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let ws = dir.join("ws");
    let s = serve(&ws, "127.0.0.1", &["--max-upload-mb", "1"]);
    let big = vec![b'x'; 3 << 20];
    let (ct, body) = multipart(&[("lon.csv", &big)], &[]);
    let r = post(&s.addr, "/api/import", &ct, &body);
    assert_eq!(r.status, 413);
    assert!(
        r.json()["error"]
            .as_str()
            .unwrap()
            .contains("--max-upload-mb")
    );

    let sample =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/ta-xua.xlsx")).unwrap();
    let (ct, body) = multipart(&[("ta-xua.xlsx", &sample)], &[]);
    let r = request(
        &s.addr,
        "POST",
        "/api/import",
        &[("Content-Type", &ct), ("Origin", "http://evil.example")],
        &body,
    );
    assert_eq!(r.status, 403);
    let r = request(
        &s.addr,
        "POST",
        "/api/import",
        &[("Content-Type", &ct), ("Sec-Fetch-Site", "cross-site")],
        &body,
    );
    assert_eq!(r.status, 403);
    assert!(
        !ws.join("manifest.json").exists(),
        "nothing stored from another site"
    );
    // State never changes on GET.
    assert_eq!(get(&s.addr, "/api/import").status, 405);
    // The same origin is welcome.
    let origin = format!("http://{}", s.addr);
    let r = request(
        &s.addr,
        "POST",
        "/api/import",
        &[("Content-Type", &ct), ("Origin", &origin)],
        &body,
    );
    assert_eq!(r.status, 200, "{}", r.text());
}

#[test]
fn page_uploads_and_cli_imports_at_once_lose_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let ws = dir.join("ws");
    let s = serve(&ws, "127.0.0.1", &[]);
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let uploads: Vec<_> = ["chieng-mung.xlsx", "muong-bu.xlsx"]
        .into_iter()
        .map(|name| {
            let addr = s.addr.clone();
            let data = std::fs::read(samples.join(name)).unwrap();
            std::thread::spawn(move || {
                let (ct, body) = multipart(&[(name, &data)], &[]);
                post(&addr, "/api/import", &ct, &body)
            })
        })
        .collect();
    let cli = std::process::Command::new(bin())
        .env("HAILONG_DATA", &ws)
        .args(["import", samples.join("ta-xua.xlsx").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        cli.status.success(),
        "{}",
        String::from_utf8_lossy(&cli.stderr)
    );
    // Pages read meanwhile never fail.
    for _ in 0..5 {
        let r = get(&s.addr, "/api/communes");
        assert!(r.status == 200 || r.status == 404, "{}", r.text());
    }
    for u in uploads {
        let r = u.join().unwrap();
        assert_eq!(r.status, 200, "{}", r.text());
    }
    let all = get(&s.addr, "/api/communes").json();
    assert_eq!(all["communes"].as_array().unwrap().len(), 3);
}

#[test]
fn the_pages_show_readiness_and_the_self_assessment_template_downloads() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let ws = demo_workspace(dir);
    let s = serve(&ws, "127.0.0.1", &[]);
    // The demo's Chiềng Mung is ready, Mường Bú is not: the province table says both.
    let province = get(&s.addr, "/").text();
    assert!(province.contains("Sẵn sàng công nhận"), "{province}");
    assert!(province.contains(">Sẵn sàng<"), "{province}");
    assert!(
        province.contains("Thiếu 2 tiêu chí: 2.1, 3.1"),
        "the criteria not met, by their indicators: {province}"
    );
    let page = get(&s.addr, "/xa/muong%20bu").text();
    assert!(page.contains("id=\"readiness\""), "{page}");
    assert!(
        page.contains("đạt 17/19 tiêu chí, 55/57 chỉ tiêu"),
        "{page}"
    );
    let json = get(&s.addr, "/api/communes/muong%20bu").json();
    assert_eq!(json["readiness"]["ready"], false);
    assert_eq!(json["criteria"]["criteria_met"], 17);
    let tpl = get(
        &s.addr,
        "/api/template?criteria=xa-ntm-2026-2030&commune=chieng%20mung&group=3",
    );
    let sheets = saved_workbook(&tpl, dir, "t.xlsx");
    let names: Vec<&str> = sheets.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(names, ["Tự đánh giá", "Công khai", "Điều kiện công nhận"]);
    assert!(
        sheets[0].1.iter().flatten().any(|c| *c
            == Cell::S(
                "Nhóm 3 (xã khu vực II, III vùng đồng bào dân tộc thiểu số và miền núi)".into()
            )),
        "the group chosen is written"
    );
    let bad = get(
        &s.addr,
        "/api/template?criteria=khong-co&commune=chieng%20mung",
    );
    assert_eq!(bad.status, 400, "{}", bad.text());
}

#[test]
fn a_commune_not_surveyed_yet_has_its_page_and_api_answer() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let ws = demo_workspace(dir);
    // A commune without any survey assesses itself.
    let o = std::process::Command::new(bin())
        .env("HAILONG_DATA", &ws)
        .args([
            "template",
            "--criteria",
            "xa-ntm-2021-2025",
            "--commune",
            "chieng hac",
            "--out",
        ])
        .arg(dir.join("ch.xlsx"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = std::process::Command::new(bin())
        .env("HAILONG_DATA", &ws)
        .args(["import"])
        .arg(dir.join("ch.xlsx"))
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let s = serve(&ws, "127.0.0.1", &[]);
    let province = get(&s.addr, "/").text();
    let row = province
        .split("<tr")
        .find(|r| r.contains("Xã Chiềng Hặc"))
        .unwrap_or_else(|| panic!("{province}"));
    assert!(row.contains("data-verdict=\"chua-khao-sat\""), "{row}");
    assert!(row.contains("Chưa có kết quả khảo sát"), "{row}");
    let page = get(&s.addr, "/xa/chieng%20hac");
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(
        page.text()
            .contains("Chưa có kết quả lấy ý kiến sự hài lòng")
    );
    assert_eq!(
        get(&s.addr, "/api/communes/chieng%20hac").json(),
        cli_json(&ws, &["score", "--commune", "chieng hac", "--json"])
    );
    assert_eq!(
        get(&s.addr, "/api/communes").json(),
        cli_json(&ws, &["score", "--all", "--json"])
    );
}

/// Issue 20: an upload whose reading looks wrong is not stored; the page shows the reading and
/// the officer may store what was read by ticking "lưu cả tệp có cách đọc đáng ngờ"
/// (`accept_partial`) before "Lưu".
#[test]
fn a_doubtful_upload_is_stored_only_when_the_officer_accepts_it() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    let s = serve(&ws, "127.0.0.1", &[]);
    let mut c = Canonical::small();
    c.ballots[2].0 = "Bản Không Có".into();
    let file = tmp.path().join("xa.xlsx");
    c.write(&file);
    let bytes = std::fs::read(&file).unwrap();
    let (ct, body) = multipart(&[("xa.xlsx", &bytes)], &[]);
    let sent = post(&s.addr, "/nhap", &ct, &body);
    let reading = sent.header("location").unwrap().to_string();
    let html = follow(&s.addr, &sent).text();
    assert!(html.contains("Chưa lưu: cách đọc có vẻ sai"), "{html}");
    assert!(html.contains("class=\"reading\""), "{html}");
    assert!(html.contains("name=\"accept_partial\""), "{html}");
    // Pressing "Lưu" without the box stores nothing of the doubtful file.
    let luu = format!("{reading}/luu");
    let form = [("Content-Type", "application/x-www-form-urlencoded")];
    let again = request(&s.addr, "POST", &luu, &form, b"");
    assert!(follow(&s.addr, &again).text().contains("Chưa lưu"));
    assert!(!stored(&ws, "xa.xlsx"));
    // Sent again and stored with the box ticked.
    let sent = post(&s.addr, "/nhap", &ct, &body);
    let luu = format!("{}/luu", sent.header("location").unwrap());
    let done = request(&s.addr, "POST", &luu, &form, b"accept_partial=1");
    let html = follow(&s.addr, &done).text();
    assert!(html.contains("Đã lưu 2 dòng"), "{html}");
    assert!(stored(&ws, "xa.xlsx"));
    // The API takes the same choice.
    let (ct, body) = multipart(&[("xa.xlsx", &bytes)], &[("accept_partial", "1")]);
    let r = post(&s.addr, "/api/import", &ct, &body);
    let v = r.json();
    assert_eq!(v["files"][0]["outcome"], "unchanged", "{v}");
}

/// Writes `dir/tinh.toml`: a province's own form, `xa-ntm-tinh` (the shipped `xa-ntm` under
/// another id), which the shipped rules do not know.
fn province_form(dir: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let form = std::fs::read_to_string(root.join("surveys/forms/xa-ntm.toml"))
        .unwrap()
        .replace("id = \"xa-ntm\"", "id = \"xa-ntm-tinh\"");
    std::fs::write(dir.join("tinh.toml"), form).unwrap();
}

/// Makes `ws` a workspace whose `hailong.toml` names the province's rules beside it.
fn uses_province_rules(ws: &Path) {
    std::fs::create_dir_all(ws).unwrap();
    std::fs::write(ws.join("hailong.toml"), "rules = \"../tinh.toml\"\n").unwrap();
}

/// Issue 21: the command line and the page import under the same rules — the workspace's
/// `hailong.toml`. Its rule file defines a province's own form, which the shipped rules do not
/// know: a front-end that read with the shipped rules would refuse the file.
#[test]
fn cli_and_upload_import_under_the_workspaces_rules() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    province_form(dir);
    // Tà Xùa's sample, naming the province's form.
    let mut sheets = read_xlsx(&root.join("samples/ta-xua.xlsx"));
    let mut renamed = 0;
    for (_, rows) in sheets.iter_mut() {
        for cell in rows.iter_mut().flatten() {
            if matches!(cell, Cell::S(v) if v == "xa-ntm") {
                *cell = s("xa-ntm-tinh");
                renamed += 1;
            }
        }
    }
    assert_eq!(renamed, 1, "the sample names its form once");
    let file = dir.join("ta-xua.xlsx");
    write_xlsx(&file, &sheets);
    let (cli_ws, page_ws) = (dir.join("ws-cli"), dir.join("ws-page"));
    for ws in [&cli_ws, &page_ws] {
        uses_province_rules(ws);
    }

    let cli = cli_json(&cli_ws, &["import", "--json", file.to_str().unwrap()]);
    let server = serve(&page_ws, "127.0.0.1", &[]);
    let bytes = std::fs::read(&file).unwrap();
    let (ct, body) = multipart(&[("ta-xua.xlsx", &bytes)], &[]);
    let page = post(&server.addr, "/api/import", &ct, &body).json();

    assert_eq!(cli["files"][0]["outcome"], "stored", "{cli}");
    assert_eq!(cli["files"][0]["form"], "xa-ntm-tinh");
    // The same report, but for the file's name (a path on the command line).
    let mut files = (cli["files"].clone(), page["files"].clone());
    for f in [&mut files.0, &mut files.1] {
        f[0]["file"] = serde_json::Value::Null;
    }
    assert_eq!(files.0, files.1);
    for key in ["rows_read", "accepted", "rejected", "exit_code"] {
        assert_eq!(cli[key], page[key], "{key}");
    }
    let scores = |ws: &Path| cli_json(ws, &["score", "--all", "--json"]);
    assert_eq!(scores(&cli_ws), scores(&page_ws));
    assert_eq!(scores(&cli_ws)["communes"][0]["form"], "xa-ntm-tinh");
}

/// Issue 21: the entry workbook follows the workspace's rules too, from the command line and
/// from the page: a province's own form named in `hailong.toml` gets its workbook, which then
/// imports under that form (the shipped rules alone refuse the form).
#[test]
fn the_entry_workbook_follows_the_workspaces_rules() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    province_form(dir);
    let ws = dir.join("ws");
    uses_province_rules(&ws);
    let args = |data: &Path, out: &str| {
        run(
            dir,
            &[
                "--data",
                data.to_str().unwrap(),
                "template",
                "--form",
                "xa-ntm-tinh",
                "--commune",
                "chieng mung",
                "--area",
                "Bản Nà Sản=3",
                "--rows",
                "5",
                "--out",
                out,
            ],
        )
    };
    let refused = args(&dir.join("no-rules"), "shipped.xlsx");
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    let o = args(&ws, "tinh.xlsx");
    assert!(o.status.success(), "{}", stderr(&o));
    let book = read_xlsx(&dir.join("tinh.xlsx"));
    let named = book
        .iter()
        .flat_map(|(_, rows)| rows.iter().flatten())
        .any(|c| matches!(c, Cell::S(v) if v == "xa-ntm-tinh"));
    assert!(named, "the workbook names the province's form");

    let server = serve(&ws, "127.0.0.1", &[]);
    let r = get(
        &server.addr,
        "/api/template?form=xa-ntm-tinh&commune=chieng%20mung&area=B%E1%BA%A3n%20A%3D3",
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let page = dir.join("page.xlsx");
    std::fs::write(&page, &r.body).unwrap();
    let book = read_xlsx(&page);
    assert!(
        book.iter()
            .flat_map(|(_, rows)| rows.iter().flatten())
            .any(|c| matches!(c, Cell::S(v) if v == "xa-ntm-tinh"))
    );
}

/// Issue 23: an upload through the page shows its reading and stores nothing until "Lưu"; the
/// reading's counts are the stored counts; the errors workbook downloads from the reading; a
/// second "Lưu" stores nothing twice; "Huỷ" forgets the upload.
#[test]
fn a_page_upload_is_stored_only_after_luu_with_the_counts_of_its_reading() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    let s = serve(&ws, "127.0.0.1", &[]);
    let sample =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/ta-xua.xlsx")).unwrap();
    let (ct, body) = multipart(&[("ta-xua.xlsx", &sample)], &[]);
    let sent = post(&s.addr, "/nhap", &ct, &body);
    let at = sent.header("location").unwrap().to_string();
    assert!(at.starts_with("/nhap/"), "{at}");
    let reading = follow(&s.addr, &sent).text();
    assert!(reading.contains("Chưa lưu gì"), "{reading}");
    assert!(!stored(&ws, "ta-xua.xlsx"), "nothing stored before Lưu");
    assert_eq!(
        get(&s.addr, "/api/communes").json()["communes"],
        serde_json::json!([])
    );
    // The check through the API gives the reading's counts.
    let (ct2, body2) = multipart(&[("ta-xua.xlsx", &sample)], &[("check", "1")]);
    let check = post(&s.addr, "/api/import", &ct2, &body2).json();
    let accepted = check["files"][0]["accepted"].as_u64().unwrap();
    assert!(
        reading.contains(&format!("Sẽ lưu khi bấm “Lưu”: {accepted} dòng")),
        "{reading}"
    );
    // The errors workbook of the reading, without sending the file again.
    let book = get(&s.addr, &format!("{at}/loi.xlsx"));
    assert!(!saved_workbook(&book, tmp.path(), "loi.xlsx").is_empty());

    let form = [("Content-Type", "application/x-www-form-urlencoded")];
    let done = request(&s.addr, "POST", &format!("{at}/luu"), &form, b"");
    let report = follow(&s.addr, &done).text();
    assert!(
        report.contains(&format!("Đã lưu {accepted} dòng")),
        "{report}"
    );
    assert!(stored(&ws, "ta-xua.xlsx"));
    let all = get(&s.addr, "/api/communes").json();
    assert_eq!(all["communes"][0]["commune"], "Xã Tà Xùa");
    // The report links to the commune stored.
    assert!(
        report.contains("href=\"/xa/X%C3%A3%20T%C3%A0%20X%C3%B9a"),
        "{report}"
    );
    // A second press (a reload, a double click) stores nothing more.
    let manifest = std::fs::read(ws.join("manifest.json")).unwrap();
    let again = request(&s.addr, "POST", &format!("{at}/luu"), &form, b"");
    assert_eq!(again.status, 303);
    assert_eq!(std::fs::read(ws.join("manifest.json")).unwrap(), manifest);

    // Cancelled: gone, and the page says so in words.
    let sent = post(&s.addr, "/nhap", &ct, &body);
    let at = sent.header("location").unwrap().to_string();
    let cancel = request(&s.addr, "POST", &format!("{at}/huy"), &form, b"");
    assert_eq!(cancel.header("location"), Some("/nhap"));
    let gone = get(&s.addr, &at);
    assert_eq!(gone.status, 404);
    assert!(
        gone.text().contains("Không còn bản đọc này"),
        "{}",
        gone.text()
    );
    assert_eq!(get(&s.addr, "/nhap/khong-phai-ma").status, 404);
}

/// Issue 23: a file whose area another stored file already brought is refused by the check as
/// by the import, with the same counts; the page says the reason first, then how to add a
/// second batch of forms for that area.
#[test]
fn an_area_already_sent_is_refused_by_the_check_as_by_the_import() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let first = dir.join("dot-1.xlsx");
    Canonical::small().write(&first);
    let o = run(dir, &["import", first.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Another file with forms for "Bản Nà Sản".
    let mut c = Canonical::small();
    c.ballots.truncate(2);
    c.ballots[1].1 = "3".into();
    let second = dir.join("dot-2.xlsx");
    c.write(&second);
    let bytes = std::fs::read(&second).unwrap();
    let ws = dir.join("ws");
    let s = serve(&ws, "127.0.0.1", &[]);
    let (ct, body) = multipart(&[("dot-2.xlsx", &bytes)], &[("check", "1")]);
    let check = post(&s.addr, "/api/import", &ct, &body).json();
    let o = std::process::Command::new(bin())
        .env("HAILONG_DATA", &ws)
        .args(["check", "--json", second.to_str().unwrap()])
        .output()
        .unwrap();
    let cli: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let (ct, body) = multipart(&[("dot-2.xlsx", &bytes)], &[]);
    let import = post(&s.addr, "/api/import", &ct, &body).json();
    for v in [&check, &cli, &import] {
        assert_eq!(v["files"][0]["outcome"], "refused", "{v}");
    }
    for key in ["rows_read", "accepted", "rejected"] {
        assert_eq!(check[key], import[key], "{key}");
        assert_eq!(cli[key], import[key], "{key}");
    }
    let sent = post(&s.addr, "/nhap", &ct, &body);
    let page = visible(&follow(&s.addr, &sent).text());
    let reason = page.find("đã có phiếu từ tệp dot-1.xlsx").expect(&page);
    let todo = page.find("Để bổ sung đợt phiếu thứ hai").expect(&page);
    let counts = page.find("Đọc 2 dòng").expect(&page);
    assert!(
        reason < todo && todo < counts,
        "reason, what to do, then counts: {page}"
    );
}

/// Issue 23: every unit of the province's gazetteer is listed, those that sent nothing too; the
/// search box and the filters work without the script (the server filters).
#[test]
fn the_province_page_lists_every_unit_and_filters_on_the_server() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let ws = demo_workspace(dir);
    let s = serve(&ws, "127.0.0.1", &[]);
    let html = get(&s.addr, "/").text();
    let rows: Vec<&str> = html.split("<tr").skip(2).collect();
    assert_eq!(rows.len(), 75, "the gazetteer's 75 units");
    let sent_nothing = rows
        .iter()
        .filter(|r| r.contains("data-verdict=\"chua-gui\""))
        .count();
    // 75 units less the three sample communes and Mường La of the paper ballots.
    assert_eq!(sent_nothing, 71);
    let son = rows.iter().find(|r| r.contains(">Xã Chiềng Sơn<")).unwrap();
    assert!(son.contains("Chưa gửi dữ liệu"), "{son}");
    // A former name finds the commune it became part of.
    let found = get(&s.addr, "/?q=muong+bon").text();
    let shown: Vec<&str> = found
        .split("<tr")
        .skip(2)
        .filter(|r| !r.contains(" hidden"))
        .collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(shown[0].contains("Xã Chiềng Mung"));
    let failing = get(&s.addr, "/?verdict=khong-dat").text();
    let shown = failing
        .split("<tr")
        .skip(2)
        .filter(|r| !r.contains(" hidden"))
        .count();
    // Tà Xùa, and Mường La, whose simulated households marked either box as often.
    assert_eq!(shown, 2);
    // Plain words: no ids of forms or sets, no jargon, no command line.
    for page in ["/", "/xa/chieng%20mung", "/xa/muong%20bu", "/nhap", "/mau"] {
        let text = visible(&get(&s.addr, page).text());
        for word in ["xa-ntm", "Biên (", "dư 0 hộ", "hailong template", "--"] {
            assert!(!text.contains(word), "{page} shows {word:?}: {text}");
        }
    }
}

/// Issue 23: the entry workbook from the form's fields (a former name resolved), and errors
/// beside their field in Vietnamese for what people slip into them.
#[test]
fn the_template_form_builds_the_workbook_and_says_errors_in_place() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let srv = serve(&dir.join("ws"), "127.0.0.1", &[]);
    let q = |pairs: &[(&str, &str)]| -> String {
        pairs
            .iter()
            .map(|(k, v)| {
                format!(
                    "{k}={}",
                    v.bytes().map(|b| format!("%{b:02X}")).collect::<String>()
                )
            })
            .collect::<Vec<_>>()
            .join("&")
    };
    let ok = get(
        &srv.addr,
        &format!(
            "/mau/so-nhap-phieu?{}",
            q(&[
                ("commune", "Mường Bon"),
                ("form", "xa-ntm"),
                ("ten", "Bản Nà Sản"),
                ("ho", "120"),
                ("ten", "Bản Co Muông"),
                ("ho", "1.200"),
                ("ten", "Bản Hụm"),
                ("ho", "95"),
                ("ten", ""),
                ("ho", ""),
            ])
        ),
    );
    let book = saved_workbook(&ok, dir, "t.xlsx");
    let register = book.iter().find(|s| s.0 == "Khu dân cư").unwrap();
    let cells: Vec<&Cell> = register.1.iter().flatten().collect();
    assert!(
        cells.contains(&&s("Xã Chiềng Mung")),
        "the former name resolved"
    );
    for (area, households) in [
        ("Bản Nà Sản", 120.0),
        ("Bản Co Muông", 1200.0),
        ("Bản Hụm", 95.0),
    ] {
        let row = register.1.iter().find(|r| r.contains(&s(area))).unwrap();
        assert!(row.contains(&Cell::N(households)), "{row:?}");
    }
    for (name, households, field, says) in [
        ("Bản Nà Sản 120", "", "ten-1", "Có phải 120 là số hộ?"),
        ("=1.200", "", "ten-1", "Tên bản không ghi dấu “=”"),
        ("Bản A", "=1.200", "ho-1", "Số hộ phải là một số nguyên"),
        ("", "95", "ten-1", "Ghi tên bản"),
    ] {
        let r = get(
            &srv.addr,
            &format!(
                "/mau/so-nhap-phieu?{}",
                q(&[
                    ("commune", "Chiềng Mung"),
                    ("ten", name),
                    ("ho", households)
                ])
            ),
        );
        assert_eq!(r.status, 400);
        assert!(r.header("content-type").unwrap().starts_with("text/html"));
        let html = r.text();
        let error = format!("<p class=\"field-error\" id=\"{field}-error\">{says}");
        assert!(html.contains(&error), "{name:?} {households:?}: {html}");
        assert!(html.contains(&format!("aria-describedby=\"{field}-error\"")));
    }
    // "Thêm bản" without the script: the form again, one row more, what was typed kept.
    let more = get(
        &srv.addr,
        &format!("/mau?{}&them=1", q(&[("ten", "Bản A"), ("ho", "5")])),
    )
    .text();
    assert!(more.contains("id=\"ten-6\""), "{more}");
    assert!(more.contains("value=\"Bản A\""));
    assert!(
        !more.contains("field-error"),
        "no error before the download is asked"
    );
    // The self-assessment by its set's title; a wrong group said beside its field.
    let r = get(
        &srv.addr,
        &format!(
            "/mau/tu-danh-gia?{}",
            q(&[
                ("commune", "Chiềng Mung"),
                ("criteria", "xa-ntm-2026-2030"),
                ("group", "Nhóm 9")
            ])
        ),
    );
    assert_eq!(r.status, 400);
    assert!(
        r.text()
            .contains("<p class=\"field-error\">Nhóm xã này không thuộc"),
        "{}",
        r.text()
    );
}

/// Issue 23: no page answers a browser with JSON or names a command-line flag; the API keeps
/// its JSON.
#[test]
fn no_page_answers_a_browser_with_json() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let ws = demo_workspace(dir);
    let s = serve(&ws, "127.0.0.1", &["--max-upload-mb", "1"]);
    let big = vec![b'x'; 3 << 20];
    let (ct, body) = multipart(&[("lon.csv", &big)], &[]);
    let large = post(&s.addr, "/nhap", &ct, &body);
    let bad_body = request(
        &s.addr,
        "POST",
        "/nhap",
        &[("Content-Type", "text/plain")],
        b"x",
    );
    for (what, r) in [
        ("no such page", get(&s.addr, "/khong-co")),
        ("unknown commune", get(&s.addr, "/xa/khong%20co")),
        ("unknown round", get(&s.addr, "/?round=2099")),
        ("wrong method", request(&s.addr, "PUT", "/", &[], b"")),
        ("too large", large),
        ("not multipart", bad_body),
        (
            "bad template",
            get(&s.addr, "/mau/so-nhap-phieu?commune=&ten=a"),
        ),
    ] {
        assert!(r.status >= 400, "{what}");
        assert!(
            r.header("content-type").unwrap().starts_with("text/html"),
            "{what}: {}",
            r.text()
        );
        assert!(!visible(&r.text()).contains("--"), "{what}: {}", r.text());
    }
    let large = post(&s.addr, "/nhap", &ct, &body).text();
    assert!(large.contains("tối đa 1 MB mỗi lần gửi"), "{large}");
    assert!(get(&s.addr, "/api/communes/khong%20co").json()["error"].is_string());
}

/// A commune surveyed with two forms, asked for without one: a page to choose, by the forms'
/// titles (not a refusal naming a command-line flag).
#[test]
fn a_commune_with_two_forms_asks_which() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    for (out, form) in [("a", "xa-ntm"), ("b", "xa-ntm-nang-cao")] {
        let o = run_dev(
            dir,
            &[
                "gen",
                "--out",
                out,
                "--communes",
                "1",
                "--households",
                "20",
                "--areas",
                "2",
                "--form",
                form,
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let o = run(dir, &["import", "a", "b"]);
    assert!(o.status.success(), "{}", stdout(&o));
    let s = serve(&dir.join("ws"), "127.0.0.1", &[]);
    let commune = get(&s.addr, "/api/communes").json()["communes"][0]["commune"]
        .as_str()
        .unwrap()
        .to_string();
    let path: String = commune.bytes().map(|b| format!("%{b:02X}")).collect();
    let page = get(&s.addr, &format!("/xa/{path}"));
    assert_eq!(page.status, 200, "{}", page.text());
    let text = visible(&page.text());
    assert!(text.contains("nhiều mẫu phiếu: chọn một"), "{text}");
    assert!(
        !text.contains("xa-ntm") && !text.contains("--form"),
        "{text}"
    );
    assert!(page.text().contains("?form=xa-ntm-nang-cao"));
}
