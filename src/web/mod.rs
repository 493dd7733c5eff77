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
//! a base name (never written to disk before the import stores them). Imports from the page,
//! from the command line and page reads share the workspace's locks: imports are serialised,
//! reads never see half of one. A page upload is read first and kept in memory ([`uploads`])
//! until the officer confirms it with "Lưu".
//!
//! Requests are served by a fixed pool of workers blocked in tiny_http's `recv()`. The pages'
//! handlers are in [`handlers`], their HTML in [`pages`]; this file parses requests, dispatches
//! them, and answers the JSON API.

pub mod auth;
pub mod forms;
pub mod handlers;
pub mod multipart;
pub mod pages;
pub mod security;
pub mod uploads;

use crate::app::AppError;
use crate::app::import::{Input, MappingInput};
use crate::app::score::{Selection, open};
use crate::i18n::{Lang, Localized, WebText};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use std::collections::HashMap;
use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
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
    stopping: Arc<AtomicBool>,
    workers: Vec<std::thread::JoinHandle<()>>,
}

impl Running {
    /// Blocks until the server stops.
    pub fn wait(mut self) {
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }

    /// Stops accepting requests, lets the requests being answered finish, and returns.
    pub fn stop(mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Each call wakes one worker blocked in `recv()`.
        for _ in &self.workers {
            self.server.unblock();
        }
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

/// Requests handled at once; more wait in the listener's queue.
const WORKERS: usize = 8;

/// What every request's handler shares.
pub struct State {
    /// How the server runs.
    pub cfg: Config,
    /// Every commune's scores, while the workspace is unchanged.
    pub cache: crate::app::score::ScoreCache,
    /// Uploads read and waiting for "Lưu".
    pub uploads: uploads::Uploads,
    /// Sign-ins and failed attempts.
    pub gatekeeper: auth::State,
}

/// Starts the server: a pool of [`WORKERS`] threads, each blocked in `recv()` until a request
/// comes.
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
    // Uploads waiting for "Lưu" may hold twice the largest request.
    let uploads = uploads::Uploads::new(cfg.max_request_bytes.saturating_mul(2));
    let gatekeeper = auth::State::new(&cfg.data);
    let state = Arc::new(State {
        cfg,
        cache: crate::app::score::ScoreCache::default(),
        uploads,
        gatekeeper,
    });
    let stopping = Arc::new(AtomicBool::new(false));
    let workers = (0..WORKERS)
        .map(|_| {
            let (server, state, stopping) = (server.clone(), state.clone(), stopping.clone());
            std::thread::spawn(move || {
                loop {
                    match server.recv() {
                        Ok(req) => handle(&state, req),
                        Err(_) if stopping.load(Ordering::SeqCst) => return,
                        // A connection that failed before its request was read.
                        Err(_) => continue,
                    }
                }
            })
        })
        .collect();
    Ok(Running {
        addr,
        server,
        stopping,
        workers,
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

    /// "See other": after a POST, the page to show (a reload does not post again).
    fn redirect(location: &str) -> Reply {
        let mut r = Reply::new(303, "text/plain; charset=utf-8", Vec::new());
        r.headers.push(("Location".into(), location.to_string()));
        r
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

    fn json_error(status: u16, message: String) -> Reply {
        let mut r = Reply::json(&serde_json::json!({ "error": message }));
        r.status = status;
        r
    }
}

/// What a URL keeps as is: RFC 3986's unreserved characters.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A path segment, query value or `filename*` percent-encoded (UTF-8).
pub fn percent_encode(s: &str) -> String {
    utf8_percent_encode(s, UNRESERVED).to_string()
}

/// A parsed request: method, path segments, query pairs, headers of interest.
pub struct Ask {
    method: Method,
    /// The path as sent.
    path: String,
    /// Path segments, decoded.
    segments: Vec<String>,
    /// Query pairs, decoded, in order (`ten` and `ho` repeat).
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

    /// Whether this asks the JSON API.
    fn api(&self) -> bool {
        self.segments.first().map(String::as_str) == Some("api")
    }

    /// This page's address asking for the other language.
    fn switch_lang(&self) -> String {
        let (other, _) = crate::i18n::other_language(self.lang);
        let mut q = form_urlencoded::Serializer::new(String::new());
        for (k, v) in self
            .query
            .iter()
            .filter(|(k, _)| k != "lang" && k != "token")
        {
            q.append_pair(k, v);
        }
        q.append_pair("lang", other);
        format!("{}?{}", self.path, q.finish())
    }

    /// What the page layout needs of this request, for `who` when the gate let it through.
    fn frame_for(&self, who: &auth::Who) -> pages::Frame {
        pages::Frame {
            user: who.user.clone(),
            ..self.frame()
        }
    }

    /// What the page layout needs of this request.
    fn frame(&self) -> pages::Frame {
        // Today in Vietnam (UTC+7), as printed pages date themselves.
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let today = crate::date::Day((secs + 7 * 3600).div_euclid(86_400)).display();
        pages::Frame {
            lang: self.lang,
            switch_lang: self.switch_lang(),
            today,
            user: None,
        }
    }

    /// An error in the asker's form: JSON for the API, a page for a browser.
    fn error(&self, status: u16, message: String) -> Reply {
        if self.api() {
            Reply::json_error(status, message)
        } else {
            Reply::html(status, pages::error_page(&self.frame(), &message, None))
        }
    }
}

fn parse_ask(req: &Request) -> Ask {
    let url = req.url();
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let segments = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
        .collect();
    let query: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
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
        path: path.to_string(),
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

/// Whether the person asking may see or change the figures of `commune` (`None`: the whole
/// province), as [`auth::gate`] decided who asks. Besides the gate's refusal of another
/// commune's addresses, every page and download of one commune's figures, each row of the
/// province list, and "Lưu" of an upload (each file) ask it.
pub(crate) fn allowed(who: &auth::Who, commune: Option<&str>) -> bool {
    match commune {
        Some(c) => who.may_see(c),
        None => who.sees_all(),
    }
}

/// Who is asking, as an upload waiting for "Lưu" remembers it: only the same person sees, stores
/// or cancels it (the account; empty without accounts).
pub(crate) fn owner(who: &auth::Who) -> String {
    who.user.clone().unwrap_or_default()
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

/// How long the page language is remembered.
const LANG_COOKIE_SECONDS: u32 = 30 * 24 * 3600;

fn handle(state: &State, mut req: Request) {
    let cfg = &state.cfg;
    let ask = parse_ask(&req);
    let reply = if ask.method == Method::Post && !same_origin(&ask) {
        ask.error(403, WebText::OtherSite.text(ask.lang).into())
    } else {
        // ── accounts and safety (src/web/auth.rs): a refused host, the sign-in, a 403 for
        // another commune, or who asks, for the handlers.
        match auth::gate(cfg, &state.gatekeeper, &ask, &mut req) {
            auth::Gate::Answer(reply) => reply,
            auth::Gate::Pass(who) => {
                let body = if ask.method == Method::Post {
                    read_body(cfg, &ask, &mut req)
                } else {
                    Ok(Vec::new())
                };
                match body {
                    Ok(body) => route(state, &ask, &who, &req, body),
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
                "hailong_lang={}; Path=/; Max-Age={LANG_COOKIE_SECONDS}; SameSite=Strict",
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
fn read_body(cfg: &Config, ask: &Ask, req: &mut Request) -> Result<Vec<u8>, Reply> {
    let mb = cfg.max_request_bytes >> 20;
    let too_large = || {
        if ask.api() {
            Reply::json_error(413, WebText::TooLarge.say(ask.lang, &[("mb", &mb)]))
        } else {
            let message = WebText::TooLargePage.say(ask.lang, &[("mb", &mb)]);
            let back = (WebText::ChooseAgain.text(ask.lang), "/nhap");
            Reply::html(
                413,
                pages::error_page(&ask.frame(), &message, Some((back.1, back.0))),
            )
        }
    };
    if req
        .body_length()
        .is_some_and(|n| n as u64 > cfg.max_request_bytes)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    let read = req
        .as_reader()
        .take(cfg.max_request_bytes + 1)
        .read_to_end(&mut body);
    if read.is_err() {
        return Err(ask.error(400, WebText::BodyUnread.text(ask.lang).into()));
    }
    if body.len() as u64 > cfg.max_request_bytes {
        return Err(too_large());
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

fn app_error(e: AppError, ask: &Ask) -> Reply {
    ask.error(status_of(&e), e.message(ask.lang))
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

fn route(state: &State, ask: &Ask, who: &auth::Who, req: &Request, body: Vec<u8>) -> Reply {
    use handlers as h;
    let cfg = &state.cfg;
    let segs: Vec<&str> = ask.segments.iter().map(String::as_str).collect();
    let get = ask.method == Method::Get || ask.method == Method::Head;
    let post = ask.method == Method::Post;
    let result = match (segs.as_slice(), get, post) {
        ([], true, _) => h::province(state, ask, who),
        (["xa", c], true, _) => h::commune(state, ask, who, c),
        (["nhap"], true, _) => Ok(h::upload_form(state, ask, who, None, 200)),
        (["nhap"], _, true) => h::upload_read(state, ask, who, req, &body),
        (["nhap", id], true, _) => Ok(h::upload_page(state, ask, who, id)),
        (["nhap", id, "luu"], _, true) => h::upload_store(state, ask, who, id, &body),
        (["nhap", id, "huy"], _, true) => Ok(h::upload_cancel(state, who, id)),
        (["nhap", id, "loi.xlsx"], true, _) => h::upload_errors(state, ask, who, id),
        (["xac-nhan"], true, _) => h::review_page(state, ask, who),
        (["xac-nhan"], _, true) => h::review_decide(state, ask, who, &body),
        (["xac-nhan", "trang"], _, true) => h::review_identify(state, ask, who, &body),
        (["xac-nhan", "anh", sha, page, item], true, _) => {
            h::review_image(state, ask, who, sha, page, item)
        }
        (["mau"], true, _) => h::template_page(state, ask, who),
        (["khao-sat"], true, _) => pages::pack::list(state, ask, who),
        (["khao-sat", p, c], true, _) => pages::pack::unit(state, ask, who, p, c, false),
        (["khao-sat", p, c, "chi-so.xlsx"], true, _) => {
            pages::pack::unit(state, ask, who, p, c, true)
        }
        (["mau", "so-nhap-phieu"], true, _) => h::entry_workbook(state, ask, who),
        (["mau", "tu-danh-gia"], true, _) => h::self_assessment_workbook(state, ask, who),
        (["static", "app.css"], true, _) => {
            Ok(Reply::new(200, "text/css; charset=utf-8", pages::CSS))
        }
        (["static", "app.js"], true, _) => {
            Ok(Reply::new(200, "text/javascript; charset=utf-8", pages::JS))
        }
        (["api", "communes"], true, _) => {
            state.cache.all(&selection(cfg, ask, None)).and_then(|all| {
                let shown = crate::app::score::only_failing(&all, ask.q("failing").is_some());
                let pending = open(&selection(cfg, ask, None))?.without_survey()?;
                Ok(Reply::json(
                    &serde_json::json!({ "communes": shown, "without_survey": pending }),
                ))
            })
        }
        // As `score --commune --json`: a commune not surveyed yet answers with its readiness.
        (["api", "communes", c], true, _) => open(&selection(cfg, ask, Some(c))).and_then(|s| {
            if !allowed(who, Some(s.commune_name())) {
                return Ok(not_allowed(ask, s.commune_name()));
            }
            match s.commune_without_survey()? {
                Some(w) => Ok(Reply::json(&w)),
                None => s.commune_score().map(|s| Reply::json(&s)),
            }
        }),
        (["api", "communes", c, "dossier.xlsx"], true, _) => commune_dossier(cfg, ask, who, c),
        (["api", "province", "dossier.xlsx"], true, _) => province_dossier(cfg, ask, who),
        (["api", "template"], true, _) => template(cfg, ask),
        (["api", "import"], _, true) => upload(cfg, ask, who, req, body).map(|s| Reply::json(&s)),
        (["api", "import", "errors.xlsx"], _, true) => upload_errors(cfg, ask, who, req, body),
        (_, false, false) => {
            return ask.error(405, WebText::MethodNotAllowed.text(ask.lang).into());
        }
        (["api", ..], _, _)
        | (["mau", ..], _, _)
        | (["nhap", ..], _, _)
        | (["xac-nhan", ..], _, _) => {
            return ask.error(405, WebText::MethodNotAllowed.text(ask.lang).into());
        }
        _ => return ask.error(404, WebText::NoSuchPage.text(ask.lang).into()),
    };
    result.unwrap_or_else(|e| app_error(e, ask))
}

/// The answer to a request for a commune the asker may not see.
fn not_allowed(ask: &Ask, commune: &str) -> Reply {
    ask.error(
        403,
        WebText::NotYourCommune.fill(ask.lang, &[("commune", commune)]),
    )
}

fn commune_dossier(
    cfg: &Config,
    ask: &Ask,
    who: &auth::Who,
    commune: &str,
) -> Result<Reply, AppError> {
    let scope = open(&selection(cfg, ask, Some(commune)))?;
    let name = scope.commune_name();
    if !allowed(who, Some(name)) {
        return Ok(not_allowed(ask, name));
    }
    let built = crate::app::export::commune_dossier(&scope, &cfg.data, false)?;
    Ok(Reply::xlsx(built.bytes, &format!("ho-so-{name}.xlsx")))
}

fn province_dossier(cfg: &Config, ask: &Ask, who: &auth::Who) -> Result<Reply, AppError> {
    if !allowed(who, None) {
        return Ok(ask.error(403, WebText::NotProvince.text(ask.lang).into()));
    }
    let scope = open(&selection(cfg, ask, None))?;
    let bytes = crate::app::export::province_dossier(&scope, &cfg.data)?.bytes;
    Ok(Reply::xlsx(bytes, "tong-hop-toan-tinh.xlsx"))
}

/// `GET /api/template`: the workbooks from query parameters, as the command line takes them.
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
        rows: TEMPLATE_ROWS,
    })?;
    let (name, bytes) = (built.of.commune, built.bytes);
    Ok(Reply::xlsx(bytes, &format!("so-nhap-phieu-{name}.xlsx")))
}

/// Form rows an entry workbook prepares with drop-down lists.
const TEMPLATE_ROWS: u32 = 2000;

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
                    // The API names the server's setting; a page says it in words.
                    let message = if ask.api() {
                        WebText::FileTooLarge
                    } else {
                        WebText::FileTooLargePage
                    };
                    return Err(bad(message.say(
                        ask.lang,
                        &[
                            ("name", name),
                            ("size", &part.data.len().div_ceil(1 << 20)),
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

/// Imports (or, with `store` false, reads and plans) uploaded files; a commune account's for
/// its commune only, each recording who imported it.
fn run_import(
    cfg: &Config,
    who: &auth::Who,
    files: &[Input],
    mapping: Option<&MappingInput>,
    round: &str,
    accept_partial: bool,
    store: bool,
) -> Result<crate::app::import::ImportSummary, AppError> {
    crate::app::import::import_files(&crate::app::import::Request {
        data: &cfg.data,
        inputs: files,
        rules: None,
        commune: None,
        form: None,
        mapping,
        store,
        accept_partial,
        progress: false,
        round,
        no_wait: false,
        on_wait: &|| {},
        only_commune: who.commune.as_deref(),
        imported_by: who.user.as_deref(),
        typed_id: None,
    })
}

/// `POST /api/import`: stored at once, or only checked with `check=1`.
fn upload(
    cfg: &Config,
    ask: &Ask,
    who: &auth::Who,
    req: &Request,
    body: Vec<u8>,
) -> Result<crate::app::import::ImportSummary, AppError> {
    let up = parse_upload(cfg, ask, req, &body)?;
    run_import(
        cfg,
        who,
        &up.files,
        up.mapping.as_ref(),
        &up.round,
        up.accept_partial,
        !up.check,
    )
}

fn upload_errors(
    cfg: &Config,
    ask: &Ask,
    who: &auth::Who,
    req: &Request,
    body: Vec<u8>,
) -> Result<Reply, AppError> {
    let up = parse_upload(cfg, ask, req, &body)?;
    let summary = run_import(
        cfg,
        who,
        &up.files,
        up.mapping.as_ref(),
        &up.round,
        up.accept_partial,
        false,
    )?;
    let bytes = crate::app::export::errors_workbook(&summary.files, ask.lang)?;
    Ok(Reply::xlsx(bytes, "danh-sach-loi.xlsx"))
}
