//! `hailong serve`: the workspace in a browser, for the people who never open a terminal.
//!
//! A front-end like `cli/`: it parses HTTP requests into the application's requests, calls one
//! [`crate::app`] function, and renders the result as HTML ([`pages`]), JSON (the CLI's shapes,
//! from the same structs) or a workbook. It must hold no business logic. Everything it serves
//! is in the binary (no CDN, works offline).
//!
//! Safety: it binds to loopback unless told otherwise, and then only with accounts or an
//! access token ([`auth`]: who may ask, what a commune account sees; [`security`]: the headers
//! of every response, and the `Host` a server without sign-in answers);
//! state-changing requests are POST only and refused from another origin; uploads are bounded
//! per file and per request before they are read, and read from memory under names reduced to
//! a base name (never written to disk before the import stores them). Imports from the page, from the command line and
//! page reads share the workspace's locks: imports are serialised, reads never see half of one.

pub mod auth;
pub mod multipart;
pub mod pages;
pub mod security;

use crate::app::AppError;
use crate::app::import::{Input, MappingInput};
use crate::app::score::{Selection, open};
use crate::i18n::{Lang, Localized, WebText};
use std::collections::HashMap;
use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tiny_http::{Header, Method, Request, Response, Server};

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// The workspace.
    pub data: PathBuf,
    /// Access token: required when listening beyond loopback.
    pub token: Option<String>,
    /// Largest upload request, bytes.
    pub max_request_bytes: u64,
    /// Largest uploaded file, bytes.
    pub max_file_bytes: u64,
    /// How sign-in cookies and client addresses are told.
    pub auth: auth::Settings,
}

/// Why the server does not start.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// Listening beyond this machine without accounts or a token would hand the workspace to
    /// the network.
    TokenRequired {
        /// The address asked for.
        addr: String,
    },
    /// The address cannot be bound.
    Bind {
        /// The address.
        addr: String,
        /// The system's message.
        message: String,
    },
}

impl Localized for WebError {
    fn message(&self, lang: Lang) -> String {
        match self {
            WebError::TokenRequired { addr } => {
                crate::i18n::AccountText::AccessRequired.fill(lang, &[("addr", addr)])
            }
            WebError::Bind { addr, message } => {
                WebText::CannotListen.fill(lang, &[("addr", addr), ("message", message)])
            }
        }
    }
}

crate::display_in_vietnamese!(WebError);

/// A running server: its address, and the handle that stops it.
pub struct Running {
    /// Where it listens (the port is the real one when 0 was asked for).
    pub addr: SocketAddr,
    server: Arc<Server>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Running {
    /// Blocks until the server stops.
    pub fn wait(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }

    /// Stops accepting requests.
    pub fn stop(mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Most requests handled at once; more wait in the listener's queue.
const WORKERS: usize = 8;

/// Starts the server on its own thread.
pub fn start(cfg: Config) -> Result<Running, WebError> {
    // ── accounts and safety (src/web/auth.rs): off this machine only with accounts or a token.
    if !cfg.listen.ip().is_loopback()
        && cfg.token.as_deref().is_none_or(str::is_empty)
        && !crate::app::users::accounts(&cfg.data).is_ok_and(|a| !a.is_empty())
    {
        return Err(WebError::TokenRequired {
            addr: cfg.listen.to_string(),
        });
    }
    let server = Server::http(cfg.listen).map_err(|e| WebError::Bind {
        addr: cfg.listen.to_string(),
        message: e.to_string(),
    })?;
    let addr = server.server_addr().to_ip().unwrap_or(cfg.listen);
    let server = Arc::new(server);
    let cfg = Arc::new(cfg);
    let cache = Arc::new(crate::app::score::ScoreCache::default());
    let gatekeeper = Arc::new(auth::State::new(&cfg.data));
    let busy = Arc::new(AtomicUsize::new(0));
    let srv = server.clone();
    let thread = std::thread::spawn(move || {
        for req in srv.incoming_requests() {
            // A bounded pool: a flood of requests queues instead of spawning without end.
            while busy.load(Ordering::SeqCst) >= WORKERS {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            busy.fetch_add(1, Ordering::SeqCst);
            let (cfg, busy, cache) = (cfg.clone(), busy.clone(), cache.clone());
            let gatekeeper = gatekeeper.clone();
            std::thread::spawn(move || {
                handle(&cfg, &cache, &gatekeeper, req);
                busy.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
    Ok(Running {
        addr,
        server,
        thread: Some(thread),
    })
}

/// What a handler answers.
pub struct Reply {
    status: u16,
    content_type: String,
    body: Vec<u8>,
    headers: Vec<(String, String)>,
}

impl Reply {
    fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            content_type: content_type.to_string(),
            body: body.into(),
            headers: Vec::new(),
        }
    }

    fn html(status: u16, body: String) -> Reply {
        Reply::new(status, "text/html; charset=utf-8", body)
    }

    fn json(value: &impl serde::Serialize) -> Reply {
        match serde_json::to_vec_pretty(value) {
            Ok(b) => Reply::new(200, "application/json; charset=utf-8", b),
            Err(e) => Reply::new(500, "text/plain; charset=utf-8", e.to_string()),
        }
    }

    fn xlsx(bytes: Vec<u8>, file_name: &str) -> Reply {
        let mut r = Reply::new(
            200,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            bytes,
        );
        let ascii: String = crate::text::fold_place(file_name)
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        r.headers.push((
            "Content-Disposition".into(),
            format!(
                "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
                percent_encode(file_name)
            ),
        ));
        r
    }

    fn error(status: u16, message: String, want_json: bool) -> Reply {
        if want_json {
            let mut r = Reply::json(&serde_json::json!({ "error": message }));
            r.status = status;
            r
        } else {
            Reply::new(status, "text/plain; charset=utf-8", message)
        }
    }
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let escaped = (b == b'%')
            .then(|| Some(hex(*bytes.get(i + 1)?)? * 16 + hex(*bytes.get(i + 2)?)?))
            .flatten();
        match (b, escaped) {
            (_, Some(v)) => {
                out.push(v);
                i += 2;
            }
            (b'+', None) => out.push(b' '),
            (b, None) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).to_string()
}

/// A parsed request: method, path segments, query pairs, headers of interest.
pub struct Ask {
    method: Method,
    /// Path segments, decoded.
    segments: Vec<String>,
    /// Query pairs, decoded, in order (`area` repeats).
    query: Vec<(String, String)>,
    headers: HashMap<String, String>,
    /// The page language.
    lang: Lang,
}

impl Ask {
    fn q(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }

    fn cookie(&self, name: &str) -> Option<String> {
        self.header("cookie")?
            .split(';')
            .filter_map(|c| c.trim().split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    }
}

fn parse_ask(req: &Request) -> Ask {
    let url = req.url();
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let segments = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(percent_decode)
        .collect();
    let query: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect();
    let headers = req
        .headers()
        .iter()
        .map(|h| {
            (
                h.field.as_str().as_str().to_ascii_lowercase(),
                h.value.as_str().to_string(),
            )
        })
        .collect();
    let mut ask = Ask {
        method: req.method().clone(),
        segments,
        query,
        headers,
        lang: Lang::Vi,
    };
    let lang = ask
        .q("lang")
        .map(str::to_string)
        .or_else(|| ask.cookie("hailong_lang"));
    ask.lang = if lang.as_deref() == Some("en") {
        Lang::En
    } else {
        Lang::Vi
    };
    ask
}

/// A POST from a page of another site (or a script on one) is refused: the browser says where
/// it comes from in `Origin` or `Sec-Fetch-Site`.
fn same_origin(ask: &Ask) -> bool {
    if let Some(site) = ask.header("sec-fetch-site")
        && !matches!(site, "same-origin" | "none")
    {
        return false;
    }
    match (ask.header("origin"), ask.header("host")) {
        (Some(origin), Some(host)) => {
            origin == format!("http://{host}") || origin == format!("https://{host}")
        }
        (Some(_), None) => false,
        (None, _) => true,
    }
}

fn handle(
    cfg: &Config,
    cache: &crate::app::score::ScoreCache,
    gatekeeper: &auth::State,
    mut req: Request,
) {
    let ask = parse_ask(&req);
    let api = ask.segments.first().map(String::as_str) == Some("api");
    let reply = if ask.method == Method::Post && !same_origin(&ask) {
        Reply::error(403, WebText::OtherSite.text(ask.lang).into(), api)
    } else {
        // ── accounts and safety (src/web/auth.rs): a refused host, the sign-in, a 403 for
        // another commune, or who asks, for the handlers.
        match auth::gate(cfg, gatekeeper, &ask, &mut req) {
            auth::Gate::Answer(reply) => reply,
            auth::Gate::Pass(who) => {
                let body = if ask.method == Method::Post {
                    read_body(cfg, &mut req)
                } else {
                    Ok(Vec::new())
                };
                match body {
                    Ok(body) => route(cfg, cache, &ask, &who, &req, body),
                    Err(r) => r,
                }
            }
        }
    };
    let mut response = Response::from_data(reply.body).with_status_code(reply.status);
    let mut headers = vec![
        ("Content-Type".to_string(), reply.content_type),
        ("Cache-Control".into(), "no-store".into()),
    ];
    // ── accounts and safety (src/web/security.rs): CSP, framing, sniffing, referrer.
    headers.extend(security::headers());
    headers.extend(reply.headers);
    // A language given on a link is remembered for the next pages.
    if let Some(l) = ask.q("lang") {
        headers.push((
            "Set-Cookie".into(),
            format!(
                "hailong_lang={}; Path=/; SameSite=Strict",
                if l == "en" { "en" } else { "vi" }
            ),
        ));
    }
    for (k, v) in headers {
        if let Ok(h) = Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            response.add_header(h);
        }
    }
    // A client that went away is not our error.
    let _ = req.respond(response);
}

/// Reads a POST body within the request limit, refusing a larger one before reading it.
fn read_body(cfg: &Config, req: &mut Request) -> Result<Vec<u8>, Reply> {
    let too_large = |lang: Lang| {
        Reply::error(
            413,
            WebText::TooLarge.say(lang, &[("mb", &(cfg.max_request_bytes >> 20))]),
            true,
        )
    };
    let lang = parse_ask(req).lang;
    if req
        .body_length()
        .is_some_and(|n| n as u64 > cfg.max_request_bytes)
    {
        return Err(too_large(lang));
    }
    let mut body = Vec::new();
    let read = req
        .as_reader()
        .take(cfg.max_request_bytes + 1)
        .read_to_end(&mut body);
    if read.is_err() {
        return Err(Reply::error(400, "body".into(), true));
    }
    if body.len() as u64 > cfg.max_request_bytes {
        return Err(too_large(lang));
    }
    Ok(body)
}

fn status_of(e: &AppError) -> u16 {
    match e {
        AppError::UnknownCommune { .. } | AppError::EmptyWorkspace { .. } => 404,
        AppError::Store(_) | AppError::Score(_) | AppError::Write { .. } => 500,
        _ => 400,
    }
}

fn app_error(e: AppError, lang: Lang, api: bool) -> Reply {
    let status = status_of(&e);
    if api {
        Reply::error(status, e.message(lang), true)
    } else {
        Reply::html(status, pages::error_page(&e.message(lang), lang))
    }
}

fn selection<'a>(cfg: &'a Config, ask: &'a Ask, commune: Option<&'a str>) -> Selection<'a> {
    Selection {
        data: &cfg.data,
        commune,
        form: ask.q("form"),
        round: ask.q("round"),
        rules: None,
    }
}

fn route(
    cfg: &Config,
    cache: &crate::app::score::ScoreCache,
    ask: &Ask,
    who: &auth::Who,
    req: &Request,
    body: Vec<u8>,
) -> Reply {
    let segs: Vec<&str> = ask.segments.iter().map(String::as_str).collect();
    let lang = ask.lang;
    let get = ask.method == Method::Get || ask.method == Method::Head;
    let post = ask.method == Method::Post;
    let result = match (segs.as_slice(), get, post) {
        ([], true, _) => province_page(cfg, cache, ask),
        (["xa", c], true, _) => commune_page(cfg, ask, c),
        (["nhap"], true, _) => Ok(Reply::html(200, pages::upload(None, lang))),
        (["nhap"], _, true) => upload(cfg, ask, who, req, body)
            .map(|s| Reply::html(200, pages::upload(Some(&s), lang))),
        (["mau"], true, _) => Ok(Reply::html(200, pages::template_form(lang))),
        (["static", "app.css"], true, _) => {
            Ok(Reply::new(200, "text/css; charset=utf-8", pages::CSS))
        }
        (["static", "app.js"], true, _) => {
            Ok(Reply::new(200, "text/javascript; charset=utf-8", pages::JS))
        }
        (["api", "communes"], true, _) => cache.all(&selection(cfg, ask, None)).and_then(|all| {
            let shown = crate::app::score::only_failing(&all, ask.q("failing").is_some());
            let pending = open(&selection(cfg, ask, None))?.without_survey()?;
            Ok(Reply::json(
                &serde_json::json!({ "communes": shown, "without_survey": pending }),
            ))
        }),
        // As `score --commune --json`: a commune not surveyed yet answers with its readiness.
        (["api", "communes", c], true, _) => {
            open(&selection(cfg, ask, Some(c))).and_then(|s| match s.commune_without_survey()? {
                Some(w) => Ok(Reply::json(&w)),
                None => s.commune_score().map(|s| Reply::json(&s)),
            })
        }
        (["api", "communes", c, "dossier.xlsx"], true, _) => commune_dossier(cfg, ask, c),
        (["api", "province", "dossier.xlsx"], true, _) => province_dossier(cfg, ask),
        (["api", "template"], true, _) => template(cfg, ask),
        (["api", "import"], _, true) => upload(cfg, ask, who, req, body).map(|s| Reply::json(&s)),
        (["api", "import", "errors.xlsx"], _, true) => upload_errors(cfg, ask, who, req, body),
        (_, false, false) => {
            return Reply::error(405, "GET, POST".into(), segs.first() == Some(&"api"));
        }
        (["api", ..], _, _) | (["mau"], _, _) => {
            return Reply::error(
                405,
                WebText::MethodNotAllowed.text(lang).into(),
                segs.first() == Some(&"api"),
            );
        }
        _ => {
            return Reply::html(404, pages::error_page(WebText::NoSuchPage.text(lang), lang));
        }
    };
    result.unwrap_or_else(|e| app_error(e, lang, segs.first() == Some(&"api")))
}

fn province_page(
    cfg: &Config,
    cache: &crate::app::score::ScoreCache,
    ask: &Ask,
) -> Result<Reply, AppError> {
    let all = cache.all(&selection(cfg, ask, None))?;
    let choices = crate::app::score::choices(&cfg.data)?;
    let filters = pages::Filters {
        forms: choices.forms.into_iter().collect(),
        rounds: choices.rounds.into_iter().collect(),
        form: ask.q("form").map(str::to_string),
        round: ask.q("round").map(str::to_string),
    };
    let pending = open(&selection(cfg, ask, None))?.without_survey()?;
    Ok(Reply::html(
        200,
        pages::province(&all, &pending, &filters, ask.lang),
    ))
}

fn commune_page(cfg: &Config, ask: &Ask, commune: &str) -> Result<Reply, AppError> {
    let scope = open(&selection(cfg, ask, Some(commune)))?;
    if let Some(w) = scope.commune_without_survey()? {
        return Ok(Reply::html(
            200,
            pages::commune_without_survey(&w, ask.lang),
        ));
    }
    let score = scope.commune_score()?;
    let texts = scope.texts(&score, false)?;
    // The comparison is offered when the commune has an earlier round; its absence is no error.
    let comparison = scope.compare("").ok();
    let set = crate::app::criteria::in_force(scope.library(), &score.form);
    let html = pages::commune(&score, &texts, comparison.as_ref(), set.as_ref(), ask.lang);
    // ── accounts (src/web/auth.rs): the files behind the figures and who imported each; the
    // page's template may place `auth::importers` itself.
    let importers = auth::importers(&scope.sources(&score), ask.lang);
    let html = match html.rfind("</main>") {
        Some(at) => format!("{}{importers}{}", &html[..at], &html[at..]),
        None => html,
    };
    Ok(Reply::html(200, html))
}

fn commune_dossier(cfg: &Config, ask: &Ask, commune: &str) -> Result<Reply, AppError> {
    let scope = open(&selection(cfg, ask, Some(commune)))?;
    let built = crate::app::export::commune_dossier(&scope, &cfg.data, false)?;
    let name = scope.commune_name();
    Ok(Reply::xlsx(built.bytes, &format!("ho-so-{name}.xlsx")))
}

fn province_dossier(cfg: &Config, ask: &Ask) -> Result<Reply, AppError> {
    let scope = open(&selection(cfg, ask, None))?;
    let bytes = crate::app::export::province_dossier(&scope, &cfg.data)?.bytes;
    Ok(Reply::xlsx(bytes, "tong-hop-toan-tinh.xlsx"))
}

fn template(cfg: &Config, ask: &Ask) -> Result<Reply, AppError> {
    if let Some(set) = ask.q("criteria").filter(|s| !s.is_empty()) {
        let commune = ask.q("commune").unwrap_or_default().to_string();
        let built = crate::app::template::build_criteria(&crate::app::template::CriteriaRequest {
            set,
            commune: &commune,
            group: ask.q("group").filter(|g| !g.trim().is_empty()),
            data: &cfg.data,
        })?;
        let (name, bytes) = (built.of.commune, built.bytes);
        return Ok(Reply::xlsx(bytes, &format!("tu-danh-gia-{name}.xlsx")));
    }
    let areas: Vec<String> = ask
        .query
        .iter()
        .filter(|(k, v)| k == "area" && !v.trim().is_empty())
        .map(|(_, v)| v.clone())
        .collect();
    let commune = ask.q("commune").unwrap_or_default().to_string();
    let form = ask.q("form").unwrap_or("xa-ntm").to_string();
    let built = crate::app::template::build(&crate::app::template::Request {
        data: &cfg.data,
        form: &form,
        commune: &commune,
        areas: &areas,
        rows: 2000,
    })?;
    let (name, bytes) = (built.of.commune, built.bytes);
    Ok(Reply::xlsx(bytes, &format!("so-nhap-phieu-{name}.xlsx")))
}

/// An upload saved for reading: the files under a temporary directory (removed when dropped),
/// and the names the user gave them.
/// An upload parsed: the files as bytes with their names, and the officer's choices.
struct Upload {
    files: Vec<Input>,
    mapping: Option<MappingInput>,
    check: bool,
    /// The officer confirmed storing a file whose reading looks doubtful.
    accept_partial: bool,
    round: String,
}

fn parse_upload(cfg: &Config, ask: &Ask, req: &Request, body: &[u8]) -> Result<Upload, AppError> {
    let bad = |detail: String| AppError::BadUpload { detail };
    let content_type = req
        .headers()
        .iter()
        .find(|h| h.field.equiv("Content-Type"))
        .map(|h| h.value.as_str().to_string())
        .unwrap_or_default();
    let boundary = multipart::boundary(&content_type).map_err(|e| bad(e.message(ask.lang)))?;
    let parts = multipart::parse(body, &boundary).map_err(|e| bad(e.message(ask.lang)))?;
    let mut up = Upload {
        files: Vec::new(),
        mapping: None,
        check: ask.q("check").is_some_and(|v| v != "0"),
        accept_partial: ask.q("accept_partial").is_some_and(|v| v != "0"),
        round: ask.q("round").unwrap_or_default().to_string(),
    };
    for (i, part) in parts.into_iter().enumerate() {
        match (part.name.as_str(), &part.file_name) {
            ("files", Some(name)) if !part.data.is_empty() || !name.is_empty() => {
                if part.data.len() as u64 > cfg.max_file_bytes {
                    return Err(bad(WebText::FileTooLarge.say(
                        ask.lang,
                        &[
                            ("name", name),
                            ("size", &(part.data.len() >> 20)),
                            ("limit", &(cfg.max_file_bytes >> 20)),
                        ],
                    )));
                }
                let name = multipart::safe_file_name(name).unwrap_or_else(|| format!("tep-{i}"));
                up.files.push(Input::Bytes {
                    name,
                    bytes: part.data,
                });
            }
            ("mapping", Some(name)) if !part.data.is_empty() => {
                up.mapping = Some(MappingInput::Text {
                    origin: name.clone(),
                    text: String::from_utf8_lossy(&part.data).into_owned(),
                });
            }
            ("check", None) => up.check = part.data != b"0" && !part.data.is_empty(),
            ("accept_partial", None) => {
                up.accept_partial = part.data != b"0" && !part.data.is_empty()
            }
            ("round", None) => up.round = String::from_utf8_lossy(&part.data).trim().to_string(),
            _ => {}
        }
    }
    Ok(up)
}

fn run_upload(
    cfg: &Config,
    who: &auth::Who,
    up: &Upload,
    store: bool,
) -> Result<crate::app::import::ImportSummary, AppError> {
    crate::app::import::import_files(&crate::app::import::Request {
        data: &cfg.data,
        inputs: &up.files,
        rules: None,
        commune: None,
        form: None,
        mapping: up.mapping.as_ref(),
        store,
        accept_partial: up.accept_partial,
        progress: false,
        round: &up.round,
        no_wait: false,
        on_wait: &|| {},
        // A commune account uploads for its commune only, and every import says who made it.
        only_commune: who.commune.as_deref(),
        imported_by: who.user.as_deref(),
    })
}

fn upload(
    cfg: &Config,
    ask: &Ask,
    who: &auth::Who,
    req: &Request,
    body: Vec<u8>,
) -> Result<crate::app::import::ImportSummary, AppError> {
    let up = parse_upload(cfg, ask, req, &body)?;
    run_upload(cfg, who, &up, !up.check)
}

fn upload_errors(
    cfg: &Config,
    ask: &Ask,
    who: &auth::Who,
    req: &Request,
    body: Vec<u8>,
) -> Result<Reply, AppError> {
    let up = parse_upload(cfg, ask, req, &body)?;
    let summary = run_upload(cfg, who, &up, false)?;
    let bytes = crate::app::export::errors_workbook(&summary.files, ask.lang)?;
    Ok(Reply::xlsx(bytes, "danh-sach-loi.xlsx"))
}
