//! Issue 23, points 7 and 8: accounts per commune on a province server, and the server's
//! safety. Accounts from the command line; sign-in refused, paused after five failures, and a
//! strict cookie; a commune account kept to its commune (pages, `/api`, uploads, with nothing
//! stored for another commune); a province account that sees all and manages accounts; the
//! `Host` of a server without sign-in; the headers of every response; the access code's link
//! and page; and a server off this machine refused without accounts or a code.

mod common;

use common::http::{Resp, Served, get, multipart, request, serve};
use common::*;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples")
            .join(name),
    )
    .unwrap()
}

/// `hailong users ARGS` on the workspace `ws`, with `stdin` piped in.
fn users(ws: &Path, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(bin())
        .env("HAILONG_DATA", ws)
        .arg("users")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn add(ws: &Path, name: &str, role: &str, commune: Option<&str>, password: &str) {
    let mut args = vec!["add", name, "--role", role, "--password-stdin"];
    if let Some(c) = commune {
        args.extend(["--commune", c]);
    }
    let o = users(ws, &args, &format!("{password}\n"));
    assert!(o.status.success(), "{}", stderr(&o));
}

/// A workspace holding Chiềng Mung and Mường Bú, imported on the command line.
fn two_communes(dir: &Path) -> std::path::PathBuf {
    for name in ["chieng-mung.xlsx", "muong-bu.xlsx"] {
        std::fs::write(dir.join(name), sample(name)).unwrap();
    }
    let o = run(dir, &["import", "chieng-mung.xlsx", "muong-bu.xlsx"]);
    assert!(o.status.success(), "{}", stderr(&o));
    dir.join("ws")
}

fn form_post(addr: &str, path: &str, fields: &[(&str, &str)], cookie: Option<&str>) -> Resp {
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    let mut headers = vec![("Content-Type", "application/x-www-form-urlencoded")];
    if let Some(c) = cookie {
        headers.push(("Cookie", c));
    }
    request(addr, "POST", path, &headers, body.as_bytes())
}

fn sign_in(addr: &str, name: &str, password: &str, remember: bool) -> Resp {
    let mut fields = vec![
        ("name", name),
        ("password", password),
        ("next", "/xa/chieng%20mung"),
    ];
    if remember {
        fields.push(("remember", "1"));
    }
    form_post(addr, "/dang-nhap", &fields, None)
}

/// Signs in (not remembered); returns the session cookie's `name=value`.
fn session(addr: &str, name: &str, password: &str) -> String {
    cookie_pair(&sign_in(addr, name, password, false), "hailong_session")
}

fn set_cookies(r: &Resp) -> Vec<&str> {
    r.headers
        .iter()
        .filter(|(k, _)| k == "set-cookie")
        .map(|(_, v)| v.as_str())
        .collect()
}

/// `name=value` of the cookie `name` the response sets.
fn cookie_pair(r: &Resp, name: &str) -> String {
    set_cookies(r)
        .into_iter()
        .find(|c| c.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name} cookie: {:?}", r.headers))
        .split(';')
        .next()
        .unwrap()
        .to_string()
}

fn get_as(addr: &str, path: &str, cookie: &str) -> Resp {
    request(addr, "GET", path, &[("Cookie", cookie)], b"")
}

/// Every path answers `status` to the cookie's holder.
fn assert_statuses(addr: &str, cookie: &str, paths: &[&str], status: u16) {
    for path in paths {
        assert_eq!(get_as(addr, path, cookie).status, status, "{path}");
    }
}

#[test]
fn accounts_are_added_listed_changed_and_removed_on_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    add(&ws, "tinh", "province", None, "mat-khau-tinh");
    add(
        &ws,
        "chieng-mung",
        "commune",
        Some("chieng mung"),
        "mat-khau-xa",
    );
    let text = std::fs::read_to_string(ws.join("users.toml")).unwrap();
    assert!(text.contains("$argon2id$"), "{text}");
    assert!(!text.contains("mat-khau"), "never the password itself");

    let list = users(&ws, &["list"], "");
    let out = stdout(&list);
    assert!(
        out.contains("tinh") && out.contains("Xã Chiềng Mung"),
        "{out}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&users(&ws, &["list", "--json"], "").stdout).unwrap();
    assert_eq!(json[1]["role"], "commune");
    assert_eq!(json[1]["commune"], "Xã Chiềng Mung");
    assert!(json[1].get("password").is_none());

    // Refusals: exit 2, said, nothing changed.
    let taken = users(
        &ws,
        &["add", "TINH", "--role", "province", "--password-stdin"],
        "mot-mat-khau\n",
    );
    assert_eq!(taken.status.code(), Some(2));
    assert!(
        stderr(&taken).contains("Đã có tài khoản"),
        "{}",
        stderr(&taken)
    );
    let short = users(
        &ws,
        &["add", "x", "--role", "province", "--password-stdin"],
        "ngan\n",
    );
    assert_eq!(short.status.code(), Some(2));
    assert!(stderr(&short).contains("ít nhất 8 ký tự"));
    let no_commune = users(
        &ws,
        &[
            "--lang",
            "en",
            "add",
            "y",
            "--role",
            "commune",
            "--password-stdin",
        ],
        "mot-mat-khau\n",
    );
    assert_eq!(no_commune.status.code(), Some(2));
    assert!(stderr(&no_commune).contains("needs its commune"));
    let no_tty = users(&ws, &["add", "z", "--role", "province"], "");
    assert_eq!(no_tty.status.code(), Some(2));
    assert!(stderr(&no_tty).contains("--password-stdin"));
    assert_eq!(
        std::fs::read_to_string(ws.join("users.toml")).unwrap(),
        text
    );

    let passwd = users(
        &ws,
        &["passwd", "chieng-mung", "--password-stdin"],
        "mat-khau-moi\n",
    );
    assert!(passwd.status.success(), "{}", stderr(&passwd));
    assert_ne!(
        std::fs::read_to_string(ws.join("users.toml")).unwrap(),
        text
    );
    let removed = users(&ws, &["remove", "chieng-mung"], "");
    assert!(removed.status.success());
    let unknown = users(&ws, &["remove", "chieng-mung"], "");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("Không có tài khoản chieng-mung"));
    let json: serde_json::Value =
        serde_json::from_slice(&users(&ws, &["list", "--json"], "").stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
}

#[test]
fn sign_in_is_refused_paused_after_five_failures_and_gives_a_strict_cookie() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = two_communes(tmp.path());
    add(&ws, "tinh", "province", None, "mat-khau-tinh");
    add(
        &ws,
        "chieng-mung",
        "commune",
        Some("chieng mung"),
        "mat-khau-xa",
    );
    {
        let s = serve(&ws, "127.0.0.1", &[]);
        // A browser without a sign-in gets the page, in words, with the form.
        let page = get(&s.addr, "/xa/chieng%20mung");
        assert_eq!(page.status, 401);
        let html = page.text();
        assert!(html.contains("Đăng nhập") && html.contains("name=\"password\""));
        assert!(html.contains("value=\"/xa/chieng%20mung\""), "{html}");
        assert!(!html.contains("Bearer"));
        let api = get(&s.addr, "/api/communes");
        assert_eq!(api.status, 401);
        assert!(api.json()["error"].as_str().unwrap().contains("đăng nhập"));

        for attempt in 1..=5 {
            let wrong = sign_in(&s.addr, "chieng-mung", "sai-mat-khau", false);
            assert_eq!(wrong.status, 401, "attempt {attempt}");
            assert!(wrong.text().contains("Sai tên tài khoản hoặc mật khẩu"));
            assert!(set_cookies(&wrong).is_empty());
        }
        // The sixth attempt waits, even with the right password, and says how long.
        let paused = sign_in(&s.addr, "chieng-mung", "mat-khau-xa", false);
        assert_eq!(paused.status, 429);
        // 30 seconds from the fifth failure, less what a loaded machine took to answer since.
        let text = paused.text();
        assert!(
            (25..=30).any(|n| text.contains(&format!("hãy thử lại sau {n} giây"))),
            "{text}"
        );
        assert!(set_cookies(&paused).is_empty());
    }
    // Another server (the pause is per process): the right password signs in.
    let s = serve(&ws, "127.0.0.1", &[]);
    let ok = sign_in(&s.addr, "Chieng-Mung", "mat-khau-xa", false);
    assert_eq!(ok.status, 303, "{}", ok.text());
    assert_eq!(ok.header("location"), Some("/xa/chieng%20mung"));
    let c = set_cookies(&ok)[0];
    for part in ["hailong_session=", "HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(c.contains(part), "{c}");
    }
    assert!(!c.contains("Max-Age") && !c.contains("Secure"), "{c}");
    let session = cookie_pair(&ok, "hailong_session");
    assert_eq!(get_as(&s.addr, "/xa/chieng%20mung", &session).status, 200);
    // "Ghi nhớ": the cookie lasts 30 days.
    let remembered = sign_in(&s.addr, "tinh", "mat-khau-tinh", true);
    assert!(set_cookies(&remembered)[0].contains("Max-Age=2592000"));
    let province = cookie_pair(&remembered, "hailong_session");

    // A restart keeps the sign-ins; signing out ends one.
    drop(s);
    let s = serve(&ws, "127.0.0.1", &["--secure-cookies"]);
    assert_eq!(get_as(&s.addr, "/", &province).status, 200);
    let out = form_post(&s.addr, "/dang-xuat", &[], Some(&province));
    assert_eq!(out.status, 303);
    assert!(
        set_cookies(&out)
            .iter()
            .any(|c| c.starts_with("hailong_session=;") && c.contains("Max-Age=0"))
    );
    assert_eq!(get_as(&s.addr, "/", &province).status, 401);
    let secure = sign_in(&s.addr, "tinh", "mat-khau-tinh", false);
    assert!(set_cookies(&secure)[0].contains("; Secure"));
    // A new password ends the sign-ins made with the old one.
    let o = users(
        &ws,
        &["passwd", "chieng-mung", "--password-stdin"],
        "mat-khau-moi\n",
    );
    assert!(o.status.success());
    assert_eq!(get_as(&s.addr, "/xa/chieng%20mung", &session).status, 401);
}

#[test]
fn a_commune_account_sees_and_uploads_only_its_commune() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    add(
        &ws,
        "chieng-mung",
        "commune",
        Some("Chiềng Mung"),
        "mat-khau-xa",
    );
    let s = serve(&ws, "127.0.0.1", &[]);
    let me = session(&s.addr, "chieng-mung", "mat-khau-xa");
    let upload = |name: &str, path: &str| {
        let (ct, body) = multipart(&[(name, &sample(name))], &[]);
        let headers = [("Content-Type", ct.as_str()), ("Cookie", me.as_str())];
        request(&s.addr, "POST", path, &headers, &body)
    };
    // Its own commune's workbook is stored, with who imported it.
    let own = upload("chieng-mung.xlsx", "/api/import");
    assert_eq!(own.status, 200, "{}", own.text());
    assert_eq!(own.json()["files"][0]["outcome"], "stored");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(ws.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["sources"][0]["imported_by"], "chieng-mung");
    // Another commune's is refused with the reason, nothing stored.
    let other = upload("muong-bu.xlsx", "/api/import");
    assert_eq!(other.status, 200);
    let f = &other.json()["files"][0];
    assert_eq!(f["outcome"], "refused", "{f}");
    assert_eq!(f["accepted"], 0);
    let refusal = f["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"]["code"] == "not_your_commune")
        .unwrap_or_else(|| panic!("{f}"));
    assert_eq!(refusal["severity"], "fatal");
    assert_eq!(refusal["kind"]["commune"], "Xã Mường Bú");
    assert_eq!(refusal["kind"]["allowed"], "Xã Chiềng Mung");
    // The page shows the file's reading first, at the address its answer sends the browser to.
    let sent = upload("muong-bu.xlsx", "/nhap");
    let reading = sent
        .header("location")
        .unwrap_or_else(|| panic!("{}", sent.text()));
    let page = get_as(&s.addr, reading, &me).text();
    assert!(page.contains("tệp này là của Xã Mường Bú"), "{page}");
    assert!(page.contains("chỉ nhập được phiếu của Xã Chiềng Mung"));
    let o = run(tmp.path(), &["score", "--all", "--json"]);
    let all: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let communes: Vec<&str> = all["communes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["commune"].as_str().unwrap())
        .collect();
    assert_eq!(communes, ["Xã Chiềng Mung"], "nothing of Mường Bú stored");

    // Mường Bú arrives from the command line; the commune account still cannot see it.
    std::fs::write(tmp.path().join("muong-bu.xlsx"), sample("muong-bu.xlsx")).unwrap();
    assert!(
        run(tmp.path(), &["import", "muong-bu.xlsx"])
            .status
            .success()
    );
    let mine = get_as(&s.addr, "/xa/chieng%20mung", &me);
    assert_eq!(mine.status, 200);
    assert!(
        mine.text().contains("bởi chieng-mung"),
        "who imported is shown"
    );
    assert_eq!(
        get_as(&s.addr, "/api/communes/chieng%20mung", &me).status,
        200
    );
    let theirs = get_as(&s.addr, "/xa/muong%20bu", &me);
    assert_eq!(theirs.status, 403);
    assert!(
        theirs
            .header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        theirs
            .text()
            .contains("chỉ được xem và nhập phiếu của Xã Chiềng Mung")
    );
    let api = get_as(&s.addr, "/api/communes/muong%20bu", &me);
    assert_eq!(api.status, 403);
    assert!(
        api.json()["error"]
            .as_str()
            .unwrap()
            .contains("Xã Chiềng Mung")
    );
    let province_wide = [
        "/api/communes/muong%20bu/dossier.xlsx",
        "/api/communes",
        "/api/province/dossier.xlsx",
        "/api/template?commune=muong%20bu",
    ];
    assert_statuses(&s.addr, &me, &province_wide, 403);
    // The province page leads to its own commune; its own account page says what it is.
    let home = get_as(&s.addr, "/", &me);
    assert_eq!(home.status, 303);
    assert!(home.header("location").unwrap().starts_with("/xa/X"));
    let account = get_as(&s.addr, "/tai-khoan", &me);
    assert_eq!(account.status, 200);
    assert!(account.text().contains("thuộc Xã Chiềng Mung"));
    let add = form_post(
        &s.addr,
        "/tai-khoan/them",
        &[
            ("name", "x"),
            ("role", "province"),
            ("password", "12345678"),
        ],
        Some(&me),
    );
    assert_eq!(add.status, 403);
}

#[test]
fn a_province_account_sees_every_commune_and_manages_accounts() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = two_communes(tmp.path());
    add(&ws, "tinh", "province", None, "mat-khau-tinh");
    let s = serve(&ws, "127.0.0.1", &[]);
    let me = session(&s.addr, "tinh", "mat-khau-tinh");
    let everything = [
        "/",
        "/xa/muong%20bu",
        "/xa/chieng%20mung",
        "/api/communes",
        "/api/communes/muong%20bu",
    ];
    assert_statuses(&s.addr, &me, &everything, 200);
    let page = get_as(&s.addr, "/tai-khoan", &me);
    assert_eq!(page.status, 200);
    assert!(page.text().contains("id=\"accounts\"") && page.text().contains(">tinh<"));
    let added = form_post(
        &s.addr,
        "/tai-khoan/them",
        &[
            ("name", "muong-bu"),
            ("role", "commune"),
            ("commune", "muong bu"),
            ("password", "mat-khau-mb"),
            ("password2", "mat-khau-mb"),
        ],
        Some(&me),
    );
    assert_eq!(added.status, 200, "{}", added.text());
    assert!(added.text().contains("Đã tạo tài khoản muong-bu"));
    let differ = form_post(
        &s.addr,
        "/tai-khoan/them",
        &[
            ("name", "khac"),
            ("role", "province"),
            ("password", "mat-khau-1"),
            ("password2", "mat-khau-2"),
        ],
        Some(&me),
    );
    assert_eq!(differ.status, 400);
    assert!(differ.text().contains("không giống nhau"));
    let json: serde_json::Value =
        serde_json::from_slice(&users(&ws, &["list", "--json"], "").stdout).unwrap();
    assert_eq!(json[1]["commune"], "Xã Mường Bú");
    // The new account works at once, and ends when removed.
    let mb = session(&s.addr, "muong-bu", "mat-khau-mb");
    assert_eq!(get_as(&s.addr, "/xa/muong%20bu", &mb).status, 200);
    let removed = form_post(
        &s.addr,
        "/tai-khoan/xoa",
        &[("name", "muong-bu")],
        Some(&me),
    );
    assert!(removed.text().contains("Đã xoá tài khoản muong-bu"));
    assert_eq!(get_as(&s.addr, "/xa/muong%20bu", &mb).status, 401);
    let myself = form_post(&s.addr, "/tai-khoan/xoa", &[("name", "tinh")], Some(&me));
    assert!(myself.text().contains("Không xoá tài khoản đang đăng nhập"));
}

#[test]
fn a_server_without_sign_in_answers_only_to_this_machines_names() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = two_communes(tmp.path());
    let s = serve(&ws, "127.0.0.1", &[]);
    let port = s.addr.rsplit(':').next().unwrap();
    let with_host = |host: &str, path: &str| request(&s.addr, "GET", path, &[("Host", host)], b"");
    let evil = with_host("evil.example", "/");
    assert_eq!(evil.status, 421);
    assert!(evil.text().contains("evil.example") && evil.text().contains("127.0.0.1"));
    assert_eq!(with_host(&format!("evil.example:{port}"), "/").status, 421);
    let api = with_host("evil.example", "/api/communes");
    assert_eq!(api.status, 421);
    assert!(api.json()["error"].is_string());
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        "localhost".to_string(),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(with_host(&host, "/api/communes").status, 200, "{host}");
    }
}

fn assert_safety_headers(r: &Resp, what: &str) {
    assert_eq!(
        r.header("content-security-policy"),
        Some(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
        ),
        "{what}"
    );
    assert_eq!(r.header("x-frame-options"), Some("DENY"), "{what}");
    assert_eq!(
        r.header("x-content-type-options"),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(r.header("referrer-policy"), Some("same-origin"), "{what}");
}

#[test]
fn every_response_carries_the_safety_headers() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = two_communes(tmp.path());
    {
        let s = serve(&ws, "127.0.0.1", &[]);
        for path in [
            "/",
            "/xa/chieng%20mung",
            "/nhap",
            "/mau",
            "/static/app.css",
            "/khong-co",
        ] {
            assert_safety_headers(&get(&s.addr, path), path);
        }
        assert_safety_headers(&get(&s.addr, "/api/communes"), "api");
        assert_safety_headers(&get(&s.addr, "/api/communes/khong"), "api 404");
        let foreign = request(&s.addr, "GET", "/", &[("Host", "evil.example")], b"");
        assert_safety_headers(&foreign, "421");
        let cross = request(
            &s.addr,
            "POST",
            "/api/import",
            &[("Origin", "http://evil.example")],
            b"",
        );
        assert_eq!(cross.status, 403);
        assert_safety_headers(&cross, "cross-site POST");
    }
    add(&ws, "tinh", "province", None, "mat-khau-tinh");
    add(
        &ws,
        "chieng-mung",
        "commune",
        Some("chieng mung"),
        "mat-khau-xa",
    );
    let s = serve(&ws, "127.0.0.1", &["--token", "ma-so-bi-mat"]);
    assert_safety_headers(&get(&s.addr, "/"), "sign-in page");
    assert_safety_headers(&get(&s.addr, "/dang-nhap"), "sign-in page");
    let ok = sign_in(&s.addr, "chieng-mung", "mat-khau-xa", false);
    assert_safety_headers(&ok, "303");
    let me = cookie_pair(&ok, "hailong_session");
    assert_safety_headers(&get_as(&s.addr, "/xa/muong%20bu", &me), "403");
    assert_safety_headers(&get_as(&s.addr, "/tai-khoan", &me), "accounts");
    assert_safety_headers(&sign_in(&s.addr, "x", "y", false), "401");
}

#[test]
fn the_access_code_leaves_the_address_bar_and_is_asked_for_in_words() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = two_communes(tmp.path());
    let s: Served = serve(&ws, "127.0.0.1", &["--token", "ma-so-bi-mat"]);
    // A link with the code: the cookie is set and the code leaves the address.
    let link = get(&s.addr, "/xa/chieng%20mung?token=ma-so-bi-mat&lang=en");
    assert_eq!(link.status, 303);
    assert_eq!(link.header("location"), Some("/xa/chieng%20mung?lang=en"));
    let c = set_cookies(&link)
        .into_iter()
        .find(|c| c.starts_with("hailong_token="))
        .unwrap();
    for part in ["HttpOnly", "SameSite=Strict", "Max-Age=2592000", "Path=/"] {
        assert!(c.contains(part), "{c}");
    }
    assert!(
        !c.contains("ma-so-bi-mat"),
        "the code itself is not stored: {c}"
    );
    let cookie = cookie_pair(&link, "hailong_token");
    assert_eq!(get_as(&s.addr, "/xa/chieng%20mung", &cookie).status, 200);
    // Scripts keep the header.
    let api = request(
        &s.addr,
        "GET",
        "/api/communes",
        &[("Authorization", "Bearer ma-so-bi-mat")],
        b"",
    );
    assert_eq!(api.status, 200);
    // Without it, a page asks for the code in words.
    let ask = get(&s.addr, "/");
    assert_eq!(ask.status, 401);
    let html = ask.text();
    assert!(html.contains("Nhập mã truy cập") && html.contains("name=\"code\""));
    assert!(!html.contains("Bearer") && !html.contains("?token="));
    let wrong = form_post(
        &s.addr,
        "/dang-nhap",
        &[("code", "sai"), ("next", "/")],
        None,
    );
    assert_eq!(wrong.status, 401);
    assert!(wrong.text().contains("Mã truy cập không đúng"));
    let right = form_post(
        &s.addr,
        "/dang-nhap",
        &[("code", "ma-so-bi-mat"), ("next", "/xa/muong%20bu")],
        None,
    );
    assert_eq!(right.status, 303);
    assert_eq!(right.header("location"), Some("/xa/muong%20bu"));
    assert_eq!(cookie_pair(&right, "hailong_token"), cookie);
    // A sign-in never sends the browser to another site.
    let away = form_post(
        &s.addr,
        "/dang-nhap",
        &[("code", "ma-so-bi-mat"), ("next", "//evil.example/")],
        None,
    );
    assert_eq!(away.header("location"), Some("/"));
}

#[test]
fn off_this_machine_only_with_accounts_or_a_code() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = two_communes(tmp.path());
    let o = Command::new(bin())
        .env("HAILONG_DATA", &ws)
        .env_remove("HAILONG_TOKEN")
        .args(["serve", "--listen", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("hailong users add") && err.contains("--token"),
        "{err}"
    );
    add(&ws, "tinh", "province", None, "mat-khau-tinh");
    let s = serve(&ws, "0.0.0.0", &[]);
    let port = s.addr.rsplit(':').next().unwrap();
    let addr = format!("127.0.0.1:{port}");
    assert_eq!(get(&addr, "/").status, 401);
    let me = session(&addr, "tinh", "mat-khau-tinh");
    assert_eq!(get_as(&addr, "/", &me).status, 200);
}

/// Chromium, when it, node and playwright-core are there (`.ci/run` installs them).
fn chromium() -> Option<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let node = Command::new("node").arg("--version").output();
    let driver = root.join("tests/browser/node_modules/playwright-core");
    if Path::new(&chromium).exists() && node.is_ok_and(|o| o.status.success()) && driver.exists() {
        Some(chromium)
    } else {
        eprintln!("SKIPPED: needs {chromium}, node and tests/browser/node_modules/playwright-core");
        None
    }
}

#[test]
fn accounts_work_in_chromium() {
    let Some(chromium) = chromium() else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let ws = two_communes(tmp.path());
    // A server without sign-in, for the page of another site.
    let open = serve(&ws, "127.0.0.1", &[]);
    let open_port = open.addr.rsplit(':').next().unwrap().to_string();
    let ws2 = tmp.path().join("ws2");
    add(&ws2, "tinh", "province", None, "mat-khau-tinh");
    add(
        &ws2,
        "chieng-mung",
        "commune",
        Some("chieng mung"),
        "mat-khau-xa",
    );
    let o = Command::new(bin())
        .env("HAILONG_DATA", &ws2)
        .args([
            "import",
            root.join("samples/chieng-mung.xlsx").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let s = serve(&ws2, "127.0.0.1", &[]);
    let shots = root.join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let o = Command::new("node")
        .arg(root.join("tests/browser/accounts.mjs"))
        .arg(format!("http://{}", s.addr))
        .arg(&open_port)
        .arg(root.join("samples/muong-bu.xlsx"))
        .arg(&shots)
        .env("CHROMIUM", &chromium)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "the browser script failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["sign_in_status"], 401, "{v}");
    assert_eq!(v["sign_in_title"], "Đăng nhập");
    assert_eq!(v["after_sign_in"], "/xa/chieng%20mung", "{v}");
    assert_eq!(v["cookie"]["httpOnly"], true);
    assert_eq!(v["cookie"]["sameSite"], "Strict");
    assert_eq!(v["cookie"]["days"], 30, "ghi nhớ: 30 days");
    assert_eq!(v["other_status"], 403);
    assert!(v["other_text"].as_str().unwrap().contains("Xã Chiềng Mung"));
    let report = v["upload_report"].as_str().unwrap();
    assert!(report.contains("tệp này là của Xã Mường Bú"), "{report}");
    assert!(
        v["account_text"]
            .as_str()
            .unwrap()
            .contains("thuộc Xã Chiềng Mung")
    );
    assert_eq!(v["after_sign_out_status"], 401);
    assert_eq!(v["admin_landing"], "/tai-khoan");
    assert!(
        v["added"]
            .as_str()
            .unwrap()
            .contains("Đã tạo tài khoản muong-bu"),
        "{v}"
    );
    assert_eq!(v["accounts_rows"], 3);
    assert_eq!(v["rebinding_status"], 421);
    assert!(
        v["rebinding_text"]
            .as_str()
            .unwrap()
            .contains("evil.example")
    );
    // The pages of the accounts break no rule of their own policy.
    let mine: Vec<&serde_json::Value> = v["csp"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| {
            let m = m.as_str().unwrap();
            m.starts_with("/tai-khoan") || m.starts_with("/dang-nhap")
        })
        .collect();
    assert!(mine.is_empty(), "{mine:?}");
    eprintln!("CSP reports elsewhere (the pages' own): {}", v["csp"]);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(ws2.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(
        manifest["sources"].as_array().unwrap().len(),
        1,
        "nothing of Mường Bú"
    );
}
