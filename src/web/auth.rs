//! Who may use `hailong serve`, and what each one sees: the one call made before routing.
//!
//! [`gate`] answers every request first. It either answers it itself (a refused `Host`, the
//! sign-in page, a sign-in or sign-out, the accounts page, a 403 for another commune) or lets
//! it through with [`Who`] asks, which the page handlers pass on (an upload by a commune account
//! is restricted to its commune by the import itself: [`Who::commune`] goes to the import
//! request's `only_commune`, [`Who::user`] to its `imported_by`).
//!
//! How a server is protected, by what it was started with:
//!
//! | accounts (`users.toml`) | `--token` | listens on | who may use it |
//! |---|---|---|---|
//! | none | none | this machine | anyone on this machine, asking by its own name (`127.0.0.1`, `localhost`, `[::1]`): another `Host` is refused ([`super::security`]) |
//! | none | set | anywhere | whoever has the code (`Authorization: Bearer`, the cookie set by the code page or by a link with `?token=`, which then redirects to the same address without it) |
//! | some | either | anywhere | whoever signs in (a session), or has the code (a province's rights, for scripts) |
//! | none | none | the network | nobody: refused at start; a server whose accounts were all removed since asks for an account that does not exist |
//!
//! Sessions: a random 256-bit id in an `HttpOnly; SameSite=Strict; Path=/` cookie (`Secure`
//! with `--secure-cookies`, or behind a proxy that says https), kept server-side by its SHA-256
//! with the account, a fingerprint of its password hash (a new password ends every sign-in) and
//! its end: 30 days when "remember me" is ticked (the cookie lasts as long), else 12 hours (the
//! cookie ends with the browser). They are kept in the workspace's `sessions.json` too, so a
//! restart signs nobody out. Every request reads `users.toml` afresh: an account removed or
//! changed on the command line takes effect at once.
//!
//! Failed sign-ins are counted per account and per client address: after
//! [`FREE_ATTEMPTS`], each further failure pauses sign-in for that account and that address,
//! 30 seconds and then twice as long each time (at most an hour); the page says how long in
//! words. A success clears both counts.

use super::{Ask, Config, Reply, security};
use crate::app::users::{self, Account, AccountError, NewAccount, Role};
use crate::i18n::{AccountText as T, Lang, Localized, WebText, other_language};
use crate::store::users::StoredSession;
use maud::{DOCTYPE, Markup, html};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tiny_http::{Method, Request};

/// The session cookie.
const SESSION_COOKIE: &str = "hailong_session";
/// The access code's cookie (it holds a digest of the code, never the code).
const TOKEN_COOKIE: &str = "hailong_token";
/// How long a remembered sign-in, and the access code's cookie, last.
const REMEMBERED: Duration = Duration::from_secs(30 * 24 * 3600);
/// How long a sign-in not remembered lasts on the server.
const NOT_REMEMBERED: Duration = Duration::from_secs(12 * 3600);
/// Failed sign-ins allowed before the first pause.
pub const FREE_ATTEMPTS: u32 = 5;
/// The first pause.
const FIRST_PAUSE: Duration = Duration::from_secs(30);
/// The longest pause.
const LONGEST_PAUSE: Duration = Duration::from_secs(3600);
/// A count of failures is forgotten after this long without another.
const FORGET_AFTER: Duration = Duration::from_secs(24 * 3600);
/// The largest sign-in or accounts form read.
const FORM_LIMIT: u64 = 16 << 10;

/// How cookies and client addresses are told (from `hailong serve`'s flags).
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Mark cookies `Secure` (the server is reached over https only).
    pub secure_cookies: bool,
    /// A reverse proxy stands in front: trust its `X-Forwarded-Proto` (cookies `Secure` under
    /// https) and the last address of `X-Forwarded-For` (the client, for the limit on failed
    /// sign-ins).
    pub behind_proxy: bool,
}

/// Who asks: what the handlers may show and store for this request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Who {
    /// The account signed in; `None` without accounts (this machine only, or the access code).
    pub user: Option<String>,
    /// What it may see.
    pub role: Role,
    /// The one commune a commune account sees and uploads for (`None` for the province).
    pub commune: Option<String>,
}

impl Who {
    /// Whoever uses a server that needs no sign-in, or has the access code: the province.
    fn trusted() -> Who {
        Who {
            user: None,
            role: Role::Province,
            commune: None,
        }
    }

    /// Someone not signed in, let through to the stylesheet and script only: sees no commune.
    fn visitor() -> Who {
        Who {
            user: None,
            role: Role::Commune,
            commune: None,
        }
    }

    fn of(a: &Account) -> Who {
        Who {
            user: Some(a.name.clone()),
            role: a.role,
            commune: a.commune.clone(),
        }
    }

    /// Whether it sees every commune (and manages the accounts).
    pub fn sees_all(&self) -> bool {
        self.role == Role::Province
    }

    /// Whether it may see and upload for the commune typed (in a URL: "chieng mung", a
    /// former name), matched as `score --commune` matches names.
    pub fn may_see(&self, commune: &str) -> bool {
        match (self.role, &self.commune) {
            (Role::Province, _) => true,
            (Role::Commune, Some(own)) => users::same_commune(commune, own),
            (Role::Commune, None) => false,
        }
    }
}

/// What the gate decided.
pub enum Gate {
    /// Route the request for this person.
    Pass(Who),
    /// Send this instead.
    Answer(Reply),
}

/// Failed sign-ins of one account or one address.
#[derive(Debug, Clone)]
struct Failures {
    count: u32,
    last: Instant,
    until: Option<Instant>,
}

/// What the server remembers between requests: sign-ins and failed attempts.
pub struct State {
    data: PathBuf,
    /// Sign-ins by the SHA-256 of their id.
    sessions: Mutex<HashMap<String, StoredSession>>,
    failures: Mutex<HashMap<String, Failures>>,
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn sha(text: &str) -> String {
    crate::ingest::sha256_hex(text.as_bytes())
}

impl State {
    /// The state of a server on the workspace `data`, with the sign-ins it keeps.
    pub fn new(data: &Path) -> State {
        let now = now_secs();
        let sessions = crate::store::users::load_sessions(data)
            .into_iter()
            .filter(|s| s.expires > now)
            .map(|s| (s.id_sha256.clone(), s))
            .collect();
        State {
            data: data.to_path_buf(),
            sessions: Mutex::new(sessions),
            failures: Mutex::new(HashMap::new()),
        }
    }

    fn sessions(&self) -> std::sync::MutexGuard<'_, HashMap<String, StoredSession>> {
        self.sessions.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn failures(&self) -> std::sync::MutexGuard<'_, HashMap<String, Failures>> {
        self.failures.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Keeps the sign-ins in the workspace (best effort: losing them only asks people to
    /// sign in again).
    fn persist(&self, sessions: &mut HashMap<String, StoredSession>) {
        let now = now_secs();
        sessions.retain(|_, s| s.expires > now);
        let list: Vec<StoredSession> = sessions.values().cloned().collect();
        let _ = crate::store::users::save_sessions(&self.data, &list);
    }

    /// Opens a sign-in for `a`; returns its id (for the cookie only).
    fn open(&self, a: &Account, remember: bool) -> Option<String> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).ok()?;
        let id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let life = if remember { REMEMBERED } else { NOT_REMEMBERED };
        let session = StoredSession {
            id_sha256: sha(&id),
            user: a.name.clone(),
            stamp: users::stamp(a),
            expires: now_secs() + life.as_secs(),
            remember,
        };
        let mut all = self.sessions();
        all.insert(session.id_sha256.clone(), session);
        self.persist(&mut all);
        Some(id)
    }

    /// Ends the sign-in of this id.
    fn close(&self, id: &str) {
        let mut all = self.sessions();
        if all.remove(&sha(id)).is_some() {
            self.persist(&mut all);
        }
    }

    /// The account signed in with this id, if the sign-in holds: not expired, the account
    /// still there with the same password.
    fn signed_in<'a>(&self, id: &str, accounts: &'a [Account]) -> Option<&'a Account> {
        let key = sha(id);
        let s = self.sessions().get(&key).cloned()?;
        let account = users::named(accounts, &s.user);
        match account {
            Some(a) if s.expires > now_secs() && users::stamp(a) == s.stamp => Some(a),
            _ => {
                let mut all = self.sessions();
                all.remove(&key);
                self.persist(&mut all);
                None
            }
        }
    }

    /// How long sign-in stays paused for any of `keys`, if it is.
    fn paused(&self, keys: &[String], now: Instant) -> Option<Duration> {
        let all = self.failures();
        keys.iter()
            .filter_map(|k| all.get(k)?.until)
            .filter(|until| *until > now)
            .map(|until| until - now)
            .max()
    }

    /// Counts a failed sign-in for each of `keys`, pausing those past the free attempts.
    fn failed(&self, keys: &[String], now: Instant) {
        let mut all = self.failures();
        if all.len() > 10_000 {
            all.retain(|_, f| now.duration_since(f.last) < FORGET_AFTER);
        }
        for k in keys {
            let f = all.entry(k.clone()).or_insert(Failures {
                count: 0,
                last: now,
                until: None,
            });
            if now.duration_since(f.last) >= FORGET_AFTER {
                f.count = 0;
            }
            f.count += 1;
            f.last = now;
            if f.count >= FREE_ATTEMPTS {
                let doublings = (f.count - FREE_ATTEMPTS).min(16);
                let pause = (FIRST_PAUSE * 2u32.pow(doublings)).min(LONGEST_PAUSE);
                f.until = Some(now + pause);
            }
        }
    }

    /// Clears the failures of `keys` after a sign-in.
    fn succeeded(&self, keys: &[String]) {
        let mut all = self.failures();
        for k in keys {
            all.remove(k);
        }
    }
}

/// How the server is protected, as its workspace and flags say now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// This machine only, no sign-in.
    Open,
    /// The access code.
    Code,
    /// Accounts (and the code, when set).
    Accounts,
    /// Off this machine with neither: nobody.
    Closed,
}

fn token(cfg: &Config) -> Option<&str> {
    cfg.token.as_deref().filter(|t| !t.is_empty())
}

/// What the access code's cookie holds: a digest of the code (the code stays out of the
/// browser's storage).
fn token_cookie_value(token: &str) -> String {
    sha(&format!("hailong-token\n{token}"))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether the request carries the access code (`Authorization: Bearer` or the cookie).
fn has_token(cfg: &Config, ask: &Ask) -> bool {
    let Some(token) = token(cfg) else {
        return false;
    };
    let bearer = ask
        .header("authorization")
        .and_then(|h| h.strip_prefix("Bearer "))
        .is_some_and(|b| constant_time_eq(b.trim().as_bytes(), token.as_bytes()));
    let cookie = ask
        .cookie(TOKEN_COOKIE)
        .is_some_and(|c| constant_time_eq(c.as_bytes(), token_cookie_value(token).as_bytes()));
    bearer || cookie
}

/// Decides who asks, or answers the request itself. Called once per request, before routing.
pub fn gate(cfg: &Config, state: &State, ask: &Ask, req: &mut Request) -> Gate {
    let lang = ask.lang;
    let segs: Vec<&str> = ask.segments.iter().map(String::as_str).collect();
    let api = segs.first() == Some(&"api");
    let accounts = match users::accounts(&cfg.data) {
        Ok(a) => a,
        // A damaged accounts file lets nobody in.
        Err(e) => return Gate::Answer(refusal(500, &e.message(lang), api, lang)),
    };
    let mode = match (accounts.is_empty(), token(cfg).is_some()) {
        (false, _) => Mode::Accounts,
        (true, true) => Mode::Code,
        (true, false) if cfg.listen.ip().is_loopback() => Mode::Open,
        (true, false) => Mode::Closed,
    };
    if mode == Mode::Open && !security::loopback_host(ask.header("host")) {
        let host = ask.header("host").unwrap_or_default();
        let message = T::WrongHost.fill(lang, &[("host", host)]);
        return Gate::Answer(refusal(421, &message, api, lang));
    }
    let url = req.url().to_string();
    match segs.as_slice() {
        ["dang-nhap"] if ask.method == Method::Post => {
            return Gate::Answer(sign_in(cfg, state, ask, req, mode, &accounts));
        }
        ["dang-nhap"] => {
            let next = safe_next(ask.q("next").unwrap_or("/"));
            return Gate::Answer(if mode == Mode::Open {
                redirect(&next, Vec::new())
            } else {
                sign_in_page(200, mode, &next, None, "", lang)
            });
        }
        ["static", ..] => return Gate::Pass(Who::visitor()),
        _ => {}
    }
    let signed_in = ask
        .cookie(SESSION_COOKIE)
        .filter(|_| mode == Mode::Accounts)
        .and_then(|id| state.signed_in(&id, &accounts));
    let who = match (mode, signed_in) {
        (Mode::Open, _) => Who::trusted(),
        (_, Some(a)) => Who::of(a),
        _ if has_token(cfg, ask) => Who::trusted(),
        _ => match (ask.q("token"), token(cfg)) {
            // A link with the code: remembered in a cookie, then out of the address bar.
            (Some(given), Some(t)) if constant_time_eq(given.as_bytes(), t.as_bytes()) => {
                if api || !matches!(ask.method, Method::Get | Method::Head) {
                    Who::trusted()
                } else {
                    let cookie = token_cookie(cfg, ask, t);
                    return Gate::Answer(redirect(&without_param(&url, "token"), vec![cookie]));
                }
            }
            (Some(_), Some(_)) if !api => {
                let wrong = T::WrongCode.text(lang);
                let next = safe_next(&without_param(&url, "token"));
                return Gate::Answer(sign_in_page(401, mode, &next, Some(wrong), "", lang));
            }
            _ if api => {
                return Gate::Answer(refusal(401, T::SignInNeeded.text(lang), true, lang));
            }
            _ => {
                let next = safe_next(&url);
                return Gate::Answer(sign_in_page(401, mode, &next, None, "", lang));
            }
        },
    };
    match segs.as_slice() {
        ["dang-xuat"] => return Gate::Answer(sign_out(cfg, state, ask, &who)),
        ["tai-khoan", ..] => return Gate::Answer(accounts_page(cfg, state, ask, req, &who, mode)),
        _ => {}
    }
    match scope(&who, ask, &segs) {
        Some(refused) => Gate::Answer(refused),
        None => Gate::Pass(who),
    }
}

/// What a commune account may not open: another commune's pages and data, and the province's.
/// Everything not named here as its own is refused, so that a page added later is the
/// province's until it is said otherwise.
fn scope(who: &Who, ask: &Ask, segs: &[&str]) -> Option<Reply> {
    if who.sees_all() {
        return None;
    }
    let lang = ask.lang;
    let name = who.user.clone().unwrap_or_default();
    let own = who.commune.clone().unwrap_or_default();
    let api = segs.first() == Some(&"api");
    let other = || {
        let message = T::OtherCommune.fill(lang, &[("name", &name), ("commune", &own)]);
        Some(refusal(403, &message, api, lang))
    };
    match segs {
        [] => Some(redirect(&commune_path(&own), Vec::new())),
        ["xa", c, ..] | ["api", "communes", c, ..] => (!who.may_see(c)).then(other).flatten(),
        ["api", "template"] | ["mau", ..] => match ask.q("commune") {
            Some(c) if !who.may_see(c) => other(),
            _ => None,
        },
        ["nhap", ..] | ["api", "import", ..] | ["static", ..] => None,
        _ => {
            let message = T::ProvinceOnly.fill(lang, &[("name", &name), ("commune", &own)]);
            Some(refusal(403, &message, api, lang))
        }
    }
}

/// `/xa/<commune>`.
fn commune_path(commune: &str) -> String {
    format!(
        "/xa/{}",
        percent_encoding::utf8_percent_encode(commune, percent_encoding::NON_ALPHANUMERIC)
    )
}

/// Where a sign-in may send the browser: a path of this server, never another site.
fn safe_next(next: &str) -> String {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control)
        && !next.starts_with("/dang-nhap")
        && !next.starts_with("/dang-xuat");
    if ok { next.to_string() } else { "/".into() }
}

/// The URL without one query parameter.
fn without_param(url: &str, key: &str) -> String {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && p.split('=').next() != Some(key))
        .collect();
    if kept.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

/// Whether cookies are to be marked `Secure`.
fn secure(cfg: &Config, ask: &Ask) -> bool {
    cfg.auth.secure_cookies
        || (cfg.auth.behind_proxy
            && ask
                .header("x-forwarded-proto")
                .is_some_and(|p| p.trim().eq_ignore_ascii_case("https")))
}

fn cookie(cfg: &Config, ask: &Ask, name: &str, value: &str, life: Option<Duration>) -> String {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict");
    if let Some(life) = life {
        c.push_str(&format!("; Max-Age={}", life.as_secs()));
    }
    if secure(cfg, ask) {
        c.push_str("; Secure");
    }
    c
}

fn token_cookie(cfg: &Config, ask: &Ask, token: &str) -> String {
    cookie(
        cfg,
        ask,
        TOKEN_COOKIE,
        &token_cookie_value(token),
        Some(REMEMBERED),
    )
}

/// The client's address, as the limit on failed sign-ins counts it.
fn client(cfg: &Config, ask: &Ask, req: &Request) -> String {
    let forwarded = ask
        .header("x-forwarded-for")
        .filter(|_| cfg.auth.behind_proxy)
        .and_then(|f| f.rsplit(',').next())
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty());
    forwarded
        .or_else(|| req.remote_addr().map(|a| a.ip().to_string()))
        .unwrap_or_default()
}

/// A form's fields (`application/x-www-form-urlencoded`), read within [`FORM_LIMIT`].
fn form(req: &mut Request) -> HashMap<String, String> {
    let mut body = Vec::new();
    let _ = req.as_reader().take(FORM_LIMIT).read_to_end(&mut body);
    form_urlencoded::parse(&body).into_owned().collect()
}

/// "30 giây", "2 phút".
fn wait_words(wait: Duration, lang: Lang) -> String {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    if secs < 120 {
        T::Seconds.say(lang, &[("n", &secs)])
    } else {
        T::Minutes.say(lang, &[("n", &secs.div_ceil(60))])
    }
}

/// `POST /dang-nhap`: an account's name and password, or the access code.
fn sign_in(
    cfg: &Config,
    state: &State,
    ask: &Ask,
    req: &mut Request,
    mode: Mode,
    accounts: &[Account],
) -> Reply {
    let lang = ask.lang;
    let fields = form(req);
    let field = |k: &str| fields.get(k).map(String::as_str).unwrap_or_default();
    let next = safe_next(fields.get("next").map_or("/", String::as_str));
    let now = Instant::now();
    let ip = format!("address {}", client(cfg, ask, req));
    let page = |status, message: &str, name: &str| {
        sign_in_page(status, mode, &next, Some(message), name, lang)
    };
    match mode {
        Mode::Open => redirect(&next, Vec::new()),
        Mode::Closed => sign_in_page(401, mode, &next, None, "", lang),
        Mode::Code => {
            let keys = [ip];
            if let Some(wait) = state.paused(&keys, now) {
                let words = wait_words(wait, lang);
                return page(429, &T::Locked.fill(lang, &[("wait", &words)]), "");
            }
            let t = token(cfg).unwrap_or_default();
            if constant_time_eq(field("code").trim().as_bytes(), t.as_bytes()) {
                state.succeeded(&keys);
                redirect(&next, vec![token_cookie(cfg, ask, t)])
            } else {
                state.failed(&keys, now);
                page(401, T::WrongCode.text(lang), "")
            }
        }
        Mode::Accounts => {
            let name = field("name").trim();
            let keys = [ip, format!("account {}", name.to_lowercase())];
            if let Some(wait) = state.paused(&keys, now) {
                let words = wait_words(wait, lang);
                return page(429, &T::Locked.fill(lang, &[("wait", &words)]), name);
            }
            let found = users::verify_in(accounts, name, field("password"));
            let remember = !field("remember").is_empty();
            match found.and_then(|a| state.open(a, remember).map(|id| (a, id))) {
                Some((_, id)) => {
                    state.succeeded(&keys);
                    let life = remember.then_some(REMEMBERED);
                    let c = cookie(cfg, ask, SESSION_COOKIE, &id, life);
                    redirect(&next, vec![c])
                }
                None => {
                    state.failed(&keys, now);
                    page(401, T::WrongPassword.text(lang), name)
                }
            }
        }
    }
}

/// `POST /dang-xuat` ends the sign-in and forgets the code; `GET` shows the button.
fn sign_out(cfg: &Config, state: &State, ask: &Ask, who: &Who) -> Reply {
    let lang = ask.lang;
    if ask.method != Method::Post {
        let body = html! {
            h1 { (T::SignOut.text(lang)) }
            (signed_in_line(who, lang))
        };
        return html_reply(200, page(T::SignOut.text(lang), lang, true, body));
    }
    if let Some(id) = ask.cookie(SESSION_COOKIE) {
        state.close(&id);
    }
    let expired = |name| cookie(cfg, ask, name, "", Some(Duration::ZERO));
    redirect("/", vec![expired(SESSION_COOKIE), expired(TOKEN_COOKIE)])
}

/// Who is signed in, with the sign-out button (nothing without accounts).
fn signed_in_line(who: &Who, lang: Lang) -> Markup {
    html! {
        @if let Some(name) = &who.user {
            form.signed-in method="post" action="/dang-xuat" {
                (T::SignedInAs.fill(lang, &[("name", name)])) " "
                button type="submit" { (T::SignOut.text(lang)) }
            }
        }
    }
}

/// `/tai-khoan`: the account's own line; for the province, every account, add and remove.
fn accounts_page(
    cfg: &Config,
    state: &State,
    ask: &Ask,
    req: &mut Request,
    who: &Who,
    mode: Mode,
) -> Reply {
    let lang = ask.lang;
    let segs: Vec<&str> = ask.segments.iter().map(String::as_str).collect();
    let post = ask.method == Method::Post;
    if !who.sees_all() {
        if post {
            let name = who.user.clone().unwrap_or_default();
            let own = who.commune.clone().unwrap_or_default();
            let message = T::ProvinceOnly.fill(lang, &[("name", &name), ("commune", &own)]);
            return refusal(403, &message, false, lang);
        }
        let body = html! {
            h1 { (T::Accounts.text(lang)) }
            p { (T::YourCommune.fill(lang, &[
                ("name", who.user.as_deref().unwrap_or_default()),
                ("commune", who.commune.as_deref().unwrap_or_default()),
            ])) }
            (signed_in_line(who, lang))
        };
        return html_reply(200, page(T::Accounts.text(lang), lang, true, body));
    }
    let mut notice: Option<String> = None;
    let mut problem: Option<String> = None;
    let mut kept = HashMap::new();
    match (segs.as_slice(), post) {
        (["tai-khoan"], false) => {}
        (["tai-khoan", "them"], true) => {
            let fields = form(req);
            let field = |k: &str| fields.get(k).map(String::as_str).unwrap_or_default();
            let role = if field("role") == "province" {
                Role::Province
            } else {
                Role::Commune
            };
            let added = if field("password") != field("password2") {
                Err(AccountError::PasswordsDiffer)
            } else {
                users::add(&NewAccount {
                    data: &cfg.data,
                    name: field("name"),
                    role,
                    commune: Some(field("commune")).filter(|_| role == Role::Commune),
                    password: field("password"),
                })
            };
            match added {
                Ok(a) => notice = Some(T::AddedWeb.fill(lang, &[("name", &a.name)])),
                Err(e) => {
                    problem = Some(e.message(lang));
                    kept = fields;
                }
            }
        }
        (["tai-khoan", "xoa"], true) => {
            let fields = form(req);
            let name = fields.get("name").cloned().unwrap_or_default();
            match users::remove(&cfg.data, &name, who.user.as_deref()) {
                Ok(a) => {
                    // Its sign-ins end with it (they would fail at their next request anyway).
                    let mut all = state.sessions();
                    all.retain(|_, s| !s.user.eq_ignore_ascii_case(&a.name));
                    state.persist(&mut all);
                    notice = Some(T::RemovedWeb.fill(lang, &[("name", &a.name)]));
                }
                Err(e) => problem = Some(e.message(lang)),
            }
        }
        _ => {
            let message = WebText::MethodNotAllowed.text(lang);
            return refusal(405, message, false, lang);
        }
    }
    let listed = match users::list(&cfg.data) {
        Ok(l) => l,
        Err(e) => return refusal(500, &e.message(lang), false, lang),
    };
    let keep = |k: &str| kept.get(k).cloned().unwrap_or_default();
    let body = html! {
        h1 { (T::Accounts.text(lang)) }
        (signed_in_line(who, lang))
        @if let Some(n) = &notice { p.note role="status" { (n) } }
        @if let Some(p) = &problem { p.warn role="alert" { (p) } }
        @if mode == Mode::Closed || listed.is_empty() {
            p.note { (T::SignInIntro.text(lang)) }
        } @else {
            div.scroll { table #accounts {
                thead { tr {
                    th { (T::Name.text(lang)) } th { (T::Role.text(lang)) }
                    th { (T::Commune.text(lang)) } th { (T::Created.text(lang)) } th {}
                } }
                tbody { @for a in &listed { tr {
                    td { (a.name) }
                    td { (users::role_word(a.role, lang)) }
                    td { (a.commune.as_deref().unwrap_or("")) }
                    td { (shown_time(&a.created_at)) }
                    td { @if who.user.as_deref() != Some(a.name.as_str()) {
                        form method="post" action="/tai-khoan/xoa" {
                            input type="hidden" name="name" value=(a.name);
                            button type="submit" { (T::Remove.text(lang)) }
                        }
                    } }
                } } }
            } }
        }
        h2 { (T::AddAccount.text(lang)) }
        form method="post" action="/tai-khoan/them" {
            label for="name" { (T::AccountName.text(lang)) }
            input #name name="name" required autocomplete="off" autocapitalize="none" value=(keep("name"));
            label for="role" { (T::Role.text(lang)) }
            select #role name="role" {
                option value="commune" selected[keep("role") != "province"] { (T::RoleCommune.text(lang)) }
                option value="province" selected[keep("role") == "province"] { (T::RoleProvince.text(lang)) }
            }
            label for="commune" { (T::Commune.text(lang)) }
            input #commune name="commune" value=(keep("commune")) aria-describedby="commune-hint";
            p.note #commune-hint { (T::CommuneHint.text(lang)) }
            label for="password" { (T::Password.text(lang)) }
            input #password name="password" type="password" required autocomplete="new-password" minlength=(users::MIN_PASSWORD);
            label for="password2" { (T::PasswordAgain.text(lang)) }
            input #password2 name="password2" type="password" required autocomplete="new-password" minlength=(users::MIN_PASSWORD);
            p { button type="submit" { (T::Add.text(lang)) } }
        }
    };
    let status = if problem.is_some() { 400 } else { 200 };
    html_reply(status, page(T::Accounts.text(lang), lang, true, body))
}

/// The sign-in page: an account's name and password, or the access code, or (a server off
/// this machine with neither) what the administrator must do.
fn sign_in_page(
    status: u16,
    mode: Mode,
    next: &str,
    message: Option<&str>,
    name: &str,
    lang: Lang,
) -> Reply {
    let alert = html! { @if let Some(m) = message { p.warn role="alert" { (m) } } };
    let (title, body) = match mode {
        Mode::Code => (
            T::CodeTitle.text(lang),
            html! {
                h1 { (T::CodeTitle.text(lang)) }
                p { (T::CodeIntro.text(lang)) }
                (alert)
                form method="post" action="/dang-nhap" {
                    input type="hidden" name="next" value=(next);
                    label for="code" { (T::Code.text(lang)) }
                    input #code name="code" type="password" required autocomplete="current-password" autofocus;
                    p { button type="submit" { (T::Continue.text(lang)) } }
                }
            },
        ),
        Mode::Closed => (
            T::SignIn.text(lang),
            html! {
                h1 { (T::SignIn.text(lang)) }
                p.warn { (T::NoAccountYet.text(lang)) }
            },
        ),
        Mode::Accounts | Mode::Open => (
            T::SignIn.text(lang),
            html! {
                h1 { (T::SignIn.text(lang)) }
                p.note { (T::SignInIntro.text(lang)) }
                (alert)
                form method="post" action="/dang-nhap" {
                    input type="hidden" name="next" value=(next);
                    label for="name" { (T::AccountName.text(lang)) }
                    input #name name="name" required autocomplete="username" autocapitalize="none" value=(name) autofocus[name.is_empty()];
                    label for="password" { (T::Password.text(lang)) }
                    input #password name="password" type="password" required autocomplete="current-password" autofocus[!name.is_empty()];
                    label { input name="remember" type="checkbox" value="1"; " " (T::Remember.text(lang)) }
                    p { button type="submit" { (T::SignIn.text(lang)) } }
                }
            },
        ),
    };
    html_reply(status, page(title, lang, false, body))
}

/// A refusal: a short page for a browser, `{"error": …}` for `/api`.
fn refusal(status: u16, message: &str, api: bool, lang: Lang) -> Reply {
    if api {
        let body =
            serde_json::to_vec_pretty(&serde_json::json!({ "error": message })).unwrap_or_default();
        return reply(status, "application/json; charset=utf-8", body, Vec::new());
    }
    let body = html! {
        h1 { (T::NotAllowed.text(lang)) }
        p.warn { (message) }
        p { a href="/" { (T::Home.text(lang)) } }
    };
    html_reply(status, page(T::NotAllowed.text(lang), lang, false, body))
}

fn reply(status: u16, content_type: &str, body: Vec<u8>, headers: Vec<(String, String)>) -> Reply {
    Reply {
        status,
        content_type: content_type.to_string(),
        body,
        headers,
    }
}

fn html_reply(status: u16, html: String) -> Reply {
    reply(
        status,
        "text/html; charset=utf-8",
        html.into_bytes(),
        Vec::new(),
    )
}

/// `303 See Other` to `to`, setting `cookies`.
fn redirect(to: &str, cookies: Vec<String>) -> Reply {
    let mut headers = vec![("Location".to_string(), to.to_string())];
    headers.extend(cookies.into_iter().map(|c| ("Set-Cookie".to_string(), c)));
    reply(303, "text/plain; charset=utf-8", Vec::new(), headers)
}

/// The frame of the pages of this file: the stylesheet of every page, no script; the links to
/// the other pages for someone signed in (`links`).
fn page(title: &str, lang: Lang, links: bool, body: Markup) -> String {
    let (other, other_label) = other_language(lang);
    let w = |m: WebText| m.text(lang);
    html! {
        (DOCTYPE)
        html lang=(if lang == Lang::En { "en" } else { "vi" }) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — hailong" }
                link rel="stylesheet" href="/static/app.css";
            }
            body {
                header {
                    a.brand href="/" { "hailong" }
                    nav aria-label=(w(WebText::Navigation)) {
                        @if links {
                            a href="/" { (w(WebText::Province)) } " · "
                            a href="/nhap" { (w(WebText::Upload)) } " · "
                            a href="/mau" { (w(WebText::EntryWorkbook)) } " · "
                            a href="/tai-khoan" { (T::Accounts.text(lang)) } " · "
                        }
                        a href={ "?lang=" (other) } hreflang=(other) { (other_label) }
                    }
                }
                main { (body) }
            }
        }
    }
    .into_string()
}

/// The files behind a commune's figures with who imported each, for its page (empty when
/// there are none).
pub fn importers(sources: &[crate::store::SourceEntry], lang: Lang) -> Markup {
    if sources.is_empty() {
        return html! {};
    }
    html! {
        section #imported {
            h2 { (T::FilesImported.text(lang)) }
            ul { @for s in sources { li {
                @match &s.imported_by {
                    Some(who) => (T::ImportedBy.fill(lang, &[("file", &s.file_name), ("at", &shown_time(&s.imported_at)), ("who", who)])),
                    None => (T::ImportedAt.fill(lang, &[("file", &s.file_name), ("at", &shown_time(&s.imported_at))])),
                }
            } } }
        }
    }
}

/// A time the workspace keeps (UTC, ISO 8601) as people in Vietnam read it: `dd/mm/yyyy
/// HH:MM` in Vietnam's time (UTC+7 all year); as kept when it does not read.
fn shown_time(iso: &str) -> String {
    let shown = || {
        let (date, time) = iso.strip_suffix('Z')?.split_once('T')?;
        let day = crate::date::Day::parse(date)?;
        let mut parts = time.split(':').map(|p| p.parse::<i64>().ok());
        let (h, m) = (parts.next()??, parts.next()??);
        let minutes = day.0 * 1440 + h * 60 + m + 7 * 60;
        let day = crate::date::Day(minutes.div_euclid(1440));
        let m = minutes.rem_euclid(1440);
        Some(format!("{} {:02}:{:02}", day.display(), m / 60, m % 60))
    };
    shown().unwrap_or_else(|| iso.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_sign_ins_pause_after_five_and_the_pause_doubles() {
        let state = State::new(Path::new("/nonexistent-hailong"));
        let keys = ["account x".to_string()];
        let t0 = Instant::now();
        for i in 0..FREE_ATTEMPTS {
            assert_eq!(state.paused(&keys, t0), None, "attempt {i}");
            state.failed(&keys, t0);
        }
        assert_eq!(state.paused(&keys, t0), Some(FIRST_PAUSE));
        let later = t0 + FIRST_PAUSE + Duration::from_secs(1);
        assert_eq!(state.paused(&keys, later), None);
        state.failed(&keys, later);
        assert_eq!(state.paused(&keys, later), Some(FIRST_PAUSE * 2));
        state.succeeded(&keys);
        assert_eq!(state.paused(&keys, later), None);
    }

    #[test]
    fn waits_are_said_in_words_and_redirects_stay_on_this_server() {
        assert_eq!(
            wait_words(Duration::from_millis(29_200), Lang::Vi),
            "30 giây"
        );
        assert_eq!(wait_words(Duration::from_secs(240), Lang::En), "4 minutes");
        assert_eq!(
            safe_next("/xa/chieng%20mung?lang=en"),
            "/xa/chieng%20mung?lang=en"
        );
        for bad in [
            "//evil.example/",
            "https://evil.example/",
            "/\\evil",
            "/dang-nhap",
        ] {
            assert_eq!(safe_next(bad), "/", "{bad}");
        }
        assert_eq!(
            without_param("/xa/a?token=s&lang=en", "token"),
            "/xa/a?lang=en"
        );
        assert_eq!(without_param("/?token=s", "token"), "/");
        assert_eq!(shown_time("2025-12-31T17:05:09Z"), "01/01/2026 00:05");
        assert_eq!(shown_time("hôm qua"), "hôm qua");
    }

    #[test]
    fn a_commune_account_sees_its_commune_only() {
        let who = Who {
            user: Some("cm".into()),
            role: Role::Commune,
            commune: Some("Xã Chiềng Mung".into()),
        };
        assert!(who.may_see("chieng mung") && !who.may_see("muong bu"));
        assert!(!Who::visitor().may_see("chieng mung"));
        assert!(Who::trusted().may_see("muong bu"));
    }
}
