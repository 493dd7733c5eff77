//! The HTML of `hailong serve`, from maud templates: one layout ([`layout`]), the pages in their
//! modules, and the few plain-word helpers they share.
//!
//! maud escapes every value interpolated into a template; nothing here writes raw HTML (the
//! chart is SVG elements of the same templates). Pages carry no inline script or style: the
//! stylesheet and the script are static files ([`CSS`], [`JS`]), so a strict
//! `Content-Security-Policy: default-src 'self'` holds.
//!
//! Pages are rendered from the application's results: every figure shown is the `*_display`
//! string the CLI prints, so the page, the text report and the dossier agree to the last digit.
//! The words are the catalogue's ([`crate::i18n::WebText`], both languages side by side).

pub mod chart;
pub mod commune;
pub mod pack;
pub mod province;
pub mod review;
pub mod template;
pub mod upload;

use crate::i18n::{Lang, WebText as W, other_language, pick};
use crate::score::CheckResult;
use crate::score::criteria::{CriteriaReport, Readiness};
use maud::{DOCTYPE, Markup, html};

/// The stylesheet, served at `/static/app.css`.
pub const CSS: &str = include_str!("../static/app.css");

/// The script, served at `/static/app.js`; every page works without it.
pub const JS: &str = include_str!("../static/app.js");

/// Which link of the navigation a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// The province page.
    Province,
    /// The upload pages.
    Upload,
    /// The template forms.
    Template,
    /// The review queue of photographed ballots.
    Review,
    /// A commune page or an error.
    Other,
}

/// What the layout needs of a request.
#[derive(Debug, Clone)]
pub struct Frame {
    /// The page language.
    pub lang: Lang,
    /// This page's address with the other language asked for (`/xa/…?lang=en`).
    pub switch_lang: String,
    /// Today, as printed pages date themselves (`dd/mm/yyyy`).
    pub today: String,
    /// The account signed in, if any: the header links to its page.
    pub user: Option<String>,
}

/// The page around `body`: header with the navigation and the language link, the main part,
/// the printed date, the stylesheet and the script.
pub fn layout(f: &Frame, title: &str, nav: Nav, body: Markup) -> String {
    let lang = f.lang;
    let t = |m: W| m.text(lang);
    let (other, other_label) = other_language(lang);
    let link = |href: &'static str, label: W, me: Nav| {
        html! { a href=(href) aria-current=[(nav == me).then_some("page")] { (t(label)) } }
    };
    html! {
        (DOCTYPE)
        html lang=(if lang == Lang::En { "en" } else { "vi" }) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — hailong" }
                link rel="stylesheet" href="/static/app.css";
                script src="/static/app.js" defer {}
            }
            body {
                header.top {
                    a.brand href="/" { "hailong" }
                    nav aria-label=(t(W::Navigation)) {
                        (link("/", W::Province, Nav::Province))
                        (link("/nhap", W::Upload, Nav::Upload))
                        (link("/mau", W::EntryWorkbook, Nav::Template))
                        (link("/xac-nhan", W::Review, Nav::Review))
                        @if let Some(user) = &f.user {
                            a href="/tai-khoan" title=(crate::i18n::AccountText::Accounts.text(lang)) { (user) }
                        }
                        a href=(f.switch_lang) hreflang=(other) lang=(other) { (other_label) }
                    }
                }
                main {
                    p.print-date { (W::PrintedOn.fill(lang, &[("date", &f.today)])) }
                    (body)
                }
            }
        }
    }
    .into_string()
}

/// A page that says what went wrong and what to do; `#message` holds the message, which the
/// upload script shows in place when it gets this page.
pub fn error_page(f: &Frame, message: &str, what_to_do: Option<(&str, &str)>) -> String {
    let lang = f.lang;
    let body = html! {
        h1 { (W::CouldNotDoThat.text(lang)) }
        p.warn #message role="alert" { (message) }
        @if let Some((href, label)) = what_to_do {
            p { a href=(href) { (label) } }
        }
        p { a href="/" { (W::BackToProvince.text(lang)) } }
    };
    layout(f, W::Error.text(lang), Nav::Other, body)
}

/// "ĐẠT" / "KHÔNG ĐẠT", as every report words the verdict.
pub fn verdict_word(passed: bool, lang: Lang) -> &'static str {
    crate::i18n::ReportText::verdict(passed).text(lang)
}

/// A check's margin in words: "dư 3 hộ", "vừa đủ", "thiếu 2 hộ".
pub fn margin_words(c: &CheckResult, lang: Lang) -> String {
    crate::score::render::margin_text(c, lang)
}

/// The check closest to the other verdict, in words: "thiếu 3 hộ — Tỷ lệ hài lòng chung".
pub fn tightest_words(s: &crate::score::CommuneScore, lang: Lang) -> String {
    s.tightest_check()
        .map(|c| {
            W::TightestCheck.fill(
                lang,
                &[
                    ("margin", &margin_words(c, lang)),
                    ("check", c.check.name(lang)),
                ],
            )
        })
        .unwrap_or_default()
}

/// Where a commune stands on recognition, as the province list filters it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadyClass {
    /// Every condition met.
    Ready,
    /// No self-assessment of the criteria imported: the conditions it decides all fail.
    NoSelfAssessment,
    /// Some criterion not met.
    MissingCriteria,
    /// Only other conditions lacking (the survey, the postings, a declaration).
    Other,
    /// Nothing sent at all.
    NothingSent,
    /// No conditions of recognition apply.
    NotApplicable,
}

impl ReadyClass {
    /// The value of the readiness filter that keeps this class.
    pub fn key(self) -> &'static str {
        match self {
            ReadyClass::Ready => "san-sang",
            ReadyClass::NoSelfAssessment => "chua-tu-danh-gia",
            ReadyClass::MissingCriteria => "thieu-tieu-chi",
            ReadyClass::Other => "dieu-kien-khac",
            ReadyClass::NothingSent => "chua-gui",
            ReadyClass::NotApplicable => "khong-ap-dung",
        }
    }

    /// The filter's choices, in the order offered, with their words.
    pub const CHOICES: [(ReadyClass, W); 5] = [
        (ReadyClass::Ready, W::ReadyShort),
        (ReadyClass::NoSelfAssessment, W::NoSelfAssessmentShort),
        (ReadyClass::MissingCriteria, W::MissingCriteriaChoice),
        (ReadyClass::Other, W::OtherConditionsChoice),
        (ReadyClass::NothingSent, W::NothingSent),
    ];
}

/// Readiness in plain words: "Sẵn sàng", "Chưa nhập bảng tự đánh giá", "Thiếu 2 tiêu chí: 2.1,
/// 17.3", then any other condition lacking. A missing self-assessment fails every condition it
/// decides; it is said once, as what it is, and not as each of those conditions. `short` names a
/// condition not declared by its few words (for lists), else by its text.
pub fn readiness_words(
    r: Option<&Readiness>,
    criteria: Option<&CriteriaReport>,
    surveyed: bool,
    short: bool,
    lang: Lang,
) -> (ReadyClass, String) {
    use crate::rules::schema::ConditionKind as K;
    let Some(r) = r else {
        return (ReadyClass::NotApplicable, "—".into());
    };
    if r.ready {
        return (ReadyClass::Ready, W::ReadyShort.text(lang).into());
    }
    let mut parts: Vec<String> = Vec::new();
    let mut class = ReadyClass::Other;
    if criteria.is_none() {
        parts.push(W::NoSelfAssessmentShort.text(lang).into());
        class = ReadyClass::NoSelfAssessment;
    }
    let mut declared: Vec<String> = Vec::new();
    for c in r.lacking() {
        match (c.kind, criteria) {
            // Said once above.
            (K::AllCriteria | K::Posting | K::Declared, None) => {}
            (K::AllCriteria, Some(report)) => {
                let unmet: Vec<&str> = report
                    .criteria
                    .iter()
                    .filter(|c| !c.met)
                    .flat_map(|c| {
                        let codes: Vec<&str> = c
                            .indicators
                            .iter()
                            .filter(|i| !i.met)
                            .map(|i| i.code.as_str())
                            .collect();
                        if codes.is_empty() {
                            vec![c.code.as_str()]
                        } else {
                            codes
                        }
                    })
                    .collect();
                let n = report.criteria.iter().filter(|c| !c.met).count();
                parts.push(
                    W::MissingCriteria.say(lang, &[("count", &n), ("codes", &unmet.join(", "))]),
                );
                class = ReadyClass::MissingCriteria;
            }
            (K::Survey, _) if surveyed => parts.push(W::SurveyNotPassed.text(lang).into()),
            (K::Survey, _) => parts.push(W::NoSurveyShort.text(lang).into()),
            (K::Posting, Some(_)) => parts.push(W::PostingsLacking.text(lang).into()),
            (K::Declared, Some(_)) if short => {
                declared.push(pick(lang, c.short.as_str(), c.short_en.as_str()))
            }
            (K::Declared, Some(_)) => {
                declared.push(pick(lang, c.condition.as_str(), c.condition_en.as_str()))
            }
        }
    }
    if !declared.is_empty() {
        let sep = if short { " · " } else { "; " };
        parts.push(W::NotDeclared.fill(lang, &[("conditions", &declared.join(sep))]));
    }
    // One sentence: the parts after the first begin in lower case.
    let text = parts
        .iter()
        .enumerate()
        .map(|(i, p)| if i == 0 { p.clone() } else { lower_first(p) })
        .collect::<Vec<_>>()
        .join("; ");
    (class, text)
}

/// `s` with its first letter in lower case.
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A table's header row: each column's words, figures' columns aligned right.
pub fn head(columns: &[(&str, bool)]) -> Markup {
    html! {
        thead { tr {
            @for (label, figure) in columns {
                th.num[*figure] scope="col" { (label) }
            }
        } }
    }
}

/// A path segment or query value percent-encoded for a link.
pub fn enc(s: &str) -> String {
    super::percent_encode(s)
}

/// The page of a commune: its name, and its form and round when there is a choice.
pub fn commune_link(commune: &str, form: Option<&str>, round: Option<&str>) -> String {
    let mut link = format!("/xa/{}", enc(commune));
    let q: Vec<String> = [("form", form), ("round", round)]
        .into_iter()
        .filter_map(|(k, v)| {
            v.filter(|v| !v.is_empty())
                .map(|v| format!("{k}={}", enc(v)))
        })
        .collect();
    if !q.is_empty() {
        link.push('?');
        link.push_str(&q.join("&"));
    }
    link
}
