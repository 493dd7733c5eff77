//! `hailong serve` over HTTP: every endpoint's status and content type, JSON equal to the CLI's
//! for the same workspace, uploads stored or only checked, the access token off loopback, the
//! size limit, cross-origin POSTs refused, and workbooks read back with calamine.

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
    let checked = request(
        &s.addr,
        "POST",
        "/api/import",
        &[("Content-Type", &ct)],
        &body,
    );
    assert_eq!(checked.status, 200, "{}", checked.text());
    let v = checked.json();
    assert_eq!(v["files"][0]["outcome"], "checked");
    assert_eq!(
        v["files"][0]["file"], "Tà Xùa.xlsx",
        "the uploaded name, reduced to a base name"
    );
    assert!(!ws.join("manifest.json").exists(), "check=1 stores nothing");

    let (ct, body) = multipart(&[("Tà Xùa.xlsx", &sample)], &[]);
    let stored = request(
        &s.addr,
        "POST",
        "/api/import",
        &[("Content-Type", &ct)],
        &body,
    );
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

    // The page form gives an HTML report; a bad file names its problem.
    let (ct, body) = multipart(&[("hong.xlsx", b"not a workbook")], &[]);
    let page = request(&s.addr, "POST", "/nhap", &[("Content-Type", &ct)], &body);
    assert_eq!(page.status, 200);
    assert!(page.text().contains("hong.xlsx") && page.text().contains("id=\"report\""));
    // The errors workbook of the same files.
    let errors = request(
        &s.addr,
        "POST",
        "/api/import/errors.xlsx",
        &[("Content-Type", &ct)],
        &body,
    );
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
    let r = request(
        &s.addr,
        "POST",
        "/api/import",
        &[("Content-Type", &ct)],
        &body,
    );
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
                request(
                    &addr,
                    "POST",
                    "/api/import",
                    &[("Content-Type", &ct)],
                    &body,
                )
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
    assert!(province.contains(">SẴN SÀNG<"), "{province}");
    assert!(province.contains("CHƯA: thiếu tiêu chí"), "{province}");
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
    assert!(province.contains("id=\"without-survey\""), "{province}");
    assert!(province.contains("Xã Chiềng Hặc"), "{province}");
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
/// the officer may store what was read by ticking "lưu phần đọc được" (`accept_partial`).
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
    let page = request(&s.addr, "POST", "/nhap", &[("Content-Type", &ct)], &body);
    let html = page.text();
    assert!(html.contains("KHÔNG LƯU"), "{html}");
    assert!(html.contains("class=\"reading\""), "{html}");
    assert!(html.contains("name=\"accept_partial\""), "{html}");
    assert!(
        !ws.join("manifest.json").exists() || {
            let m = std::fs::read_to_string(ws.join("manifest.json")).unwrap();
            !m.contains("xa.xlsx")
        }
    );
    let (ct, body) = multipart(&[("xa.xlsx", &bytes)], &[("accept_partial", "1")]);
    let r = request(
        &s.addr,
        "POST",
        "/api/import",
        &[("Content-Type", &ct)],
        &body,
    );
    let v = r.json();
    assert_eq!(v["files"][0]["outcome"], "stored", "{v}");
    assert_eq!(v["files"][0]["accepted"], 2, "{v}");
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
    let page = request(
        &server.addr,
        "POST",
        "/api/import",
        &[("Content-Type", &ct)],
        &body,
    )
    .json();

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
