//! The province page: every unit of the province, those that sent nothing too, failing and
//! closest first; a search box and filters by verdict and readiness (on the server, and as you
//! type with the script); one card per commune on a phone, a table on a wide screen; the chart
//! and the synthesis workbook.

use super::{
    Frame, Nav, ReadyClass, chart, commune_link, enc, layout, readiness_words, tightest_words,
    verdict_word,
};
use crate::app::province::{Holding, Row, Titles};
use crate::i18n::{Lang, WebText as W};
use crate::score::CommuneScore;
use crate::text::fold;
use maud::{Markup, html};

/// The province page's filters: what the workspace offers, and what was asked for.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Forms with imported sources (ids).
    pub forms: Vec<String>,
    /// Rounds with imported sources, the unlabelled one left out.
    pub rounds: Vec<String>,
    /// Chosen form.
    pub form: Option<String>,
    /// Chosen round.
    pub round: Option<String>,
    /// The search box.
    pub q: String,
    /// The verdict filter (a [`VerdictClass::key`]).
    pub verdict: String,
    /// The readiness filter (a [`ReadyClass::key`]).
    pub ready: String,
}

/// Where a row stands on the survey, as the verdict filter sorts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerdictClass {
    /// The survey passes.
    Passed,
    /// The survey does not pass.
    Failed,
    /// A self-assessment and no survey.
    NoSurvey,
    /// Nothing sent.
    NothingSent,
}

impl VerdictClass {
    /// The value of the verdict filter that keeps this class.
    pub fn key(self) -> &'static str {
        match self {
            VerdictClass::Passed => "dat",
            VerdictClass::Failed => "khong-dat",
            VerdictClass::NoSurvey => "chua-khao-sat",
            VerdictClass::NothingSent => "chua-gui",
        }
    }

    const CHOICES: [(VerdictClass, W); 4] = [
        (VerdictClass::Passed, W::PassedChoice),
        (VerdictClass::Failed, W::FailedChoice),
        (VerdictClass::NoSurvey, W::NoSurveyShort),
        (VerdictClass::NothingSent, W::NothingSent),
    ];
}

/// One row as drawn: its classes for the filters and its words.
struct Shown<'a> {
    row: &'a Row<'a>,
    verdict: VerdictClass,
    ready: ReadyClass,
    ready_words: String,
    search: String,
}

fn shown<'a>(row: &'a Row<'a>, lang: Lang) -> Shown<'a> {
    let (verdict, (ready, ready_words)) = match row.holding {
        Holding::Survey(s) => (
            if s.verdict.passed {
                VerdictClass::Passed
            } else {
                VerdictClass::Failed
            },
            readiness_words(s.readiness.as_ref(), s.criteria.as_ref(), true, true, lang),
        ),
        Holding::SelfAssessment(w) => (
            VerdictClass::NoSurvey,
            readiness_words(w.readiness.as_ref(), Some(&w.criteria), false, true, lang),
        ),
        Holding::Nothing => (
            VerdictClass::NothingSent,
            (
                ReadyClass::NothingSent,
                W::NothingSent.text(lang).to_string(),
            ),
        ),
    };
    let mut search = fold(row.commune);
    for f in row.unit.map(|u| u.former.as_slice()).unwrap_or_default() {
        search.push(' ');
        search.push_str(&fold(f));
    }
    Shown {
        row,
        verdict,
        ready,
        ready_words,
        search,
    }
}

fn keeps(s: &Shown, f: &Filters) -> bool {
    let q = fold(&f.q);
    (q.is_empty() || s.search.contains(&q))
        && (f.verdict.is_empty() || f.verdict == s.verdict.key())
        && (f.ready.is_empty() || f.ready == s.ready.key())
}

/// The province page.
pub fn page(
    frame: &Frame,
    rows: &[Row],
    scores: &[CommuneScore],
    titles: &Titles,
    f: &Filters,
) -> String {
    let lang = frame.lang;
    let t = |m: W| m.text(lang);
    let shown: Vec<Shown> = rows.iter().map(|r| shown(r, lang)).collect();
    let kept = shown.iter().filter(|s| keeps(s, f)).count();
    let surveyed = scores.len();
    // The form is a column only when the workspace holds several.
    let several_forms = f.forms.len() > 1;
    let failing = scores.iter().filter(|s| !s.verdict.passed).count();
    let assessed = shown
        .iter()
        .filter(|s| s.verdict == VerdictClass::NoSurvey)
        .count();
    let nothing = shown
        .iter()
        .filter(|s| s.verdict == VerdictClass::NothingSent)
        .count();
    let body = html! {
        h1 { (t(W::ProvinceResults)) }
        p #overview {
            (W::ProvinceOverview.say(lang, &[
                ("units", &rows.len()),
                ("surveyed", &surveyed),
                ("failing", &failing),
                ("assessed", &assessed),
                ("nothing", &nothing),
            ]))
        }
        @if scores.iter().any(|s| s.verdict.relies_on_unverified) {
            p.warn { (t(W::SomeUnverified)) }
        }
        (filters(f, titles, lang))
        p.note #shown-count aria-live="polite" data-template=(t(W::ShownCount)) {
            (W::ShownCount.say(lang, &[("shown", &kept), ("total", &rows.len())]))
        }
        table.cards #communes {
            thead { tr {
                th scope="col" { (t(W::Commune)) }
                th scope="col" { (t(W::Verdict)) }
                th scope="col" { (t(W::TightestMargin)) }
                th.num scope="col" { (t(W::ParticipationPct)) }
                th.num scope="col" { (t(W::OverallPct)) }
                th scope="col" { (t(W::ReadyForRecognition)) }
                th scope="col" { (t(W::LowestItem)) }
                @if several_forms { th scope="col" { (t(W::Form)) } }
            } }
            tbody {
                @for s in &shown {
                    (row(s, titles, f, keeps(s, f), several_forms, lang))
                }
            }
        }
        h2 { (t(W::Chart)) }
        (chart::chart(scores, lang))
        p.noprint {
            a href=(match &f.round { Some(r) => format!("/api/province/dossier.xlsx?round={}", enc(r)), None => "/api/province/dossier.xlsx".into() }) {
                (t(W::DownloadProvince))
            }
        }
    };
    layout(frame, t(W::Province), Nav::Province, body)
}

/// The search box and the filters: a GET form (the server filters), which the script also
/// applies as you type.
fn filters(f: &Filters, titles: &Titles, lang: Lang) -> Markup {
    let t = |m: W| m.text(lang);
    html! {
        form.filters method="get" action="/" data-live-filter="communes" role="search" {
            div {
                label for="q" { (t(W::Search)) }
                input #q type="search" name="q" value=(f.q) placeholder=(t(W::SearchPlaceholder)) autocomplete="off";
            }
            div {
                label for="verdict" { (t(W::Verdict)) }
                select #verdict name="verdict" {
                    option value="" { (t(W::AllChoice)) }
                    @for (c, words) in VerdictClass::CHOICES {
                        option value=(c.key()) selected[f.verdict == c.key()] { (words.text(lang)) }
                    }
                }
            }
            div {
                label for="ready" { (t(W::ReadyForRecognition)) }
                select #ready name="ready" {
                    option value="" { (t(W::AllChoice)) }
                    @for (c, words) in ReadyClass::CHOICES {
                        option value=(c.key()) selected[f.ready == c.key()] { (words.text(lang)) }
                    }
                }
            }
            @if f.forms.len() > 1 {
                div {
                    label for="form" { (t(W::Form)) }
                    select #form name="form" {
                        option value="" { (t(W::AllForms)) }
                        @for id in &f.forms {
                            option value=(id) selected[f.form.as_deref() == Some(id.as_str())] { (titles.form(id)) }
                        }
                    }
                }
            }
            @if !f.rounds.is_empty() {
                div {
                    label for="round" { (t(W::Round)) }
                    select #round name="round" {
                        option value="" { (t(W::LatestRound)) }
                        @for r in &f.rounds {
                            option value=(r) selected[f.round.as_deref() == Some(r.as_str())] { (r) }
                        }
                    }
                }
            }
            div { button type="submit" { (t(W::Filter)) } }
        }
    }
}

/// One commune: a card on a phone (name, verdict and margin first), a row on a wide screen.
fn row(
    s: &Shown,
    titles: &Titles,
    f: &Filters,
    visible: bool,
    several_forms: bool,
    lang: Lang,
) -> Markup {
    let t = |m: W| m.text(lang);
    let r = s.row;
    html! {
        tr.row-nothing[s.verdict == VerdictClass::NothingSent] hidden[!visible]
            data-search=(s.search) data-verdict=(s.verdict.key()) data-ready=(s.ready.key()) {
            @match r.holding {
                Holding::Survey(sc) => {
                    td.lead.nw data-label=(t(W::Commune)) {
                        a href=(commune_link(&sc.commune, Some(&sc.form), f.round.as_deref())) { (sc.commune) }
                    }
                    td.nw data-label=(t(W::Verdict)) {
                        span class=(if sc.verdict.passed { "pass" } else { "fail" }) { (verdict_word(sc.verdict.passed, lang)) }
                    }
                    td data-label=(t(W::TightestMargin)) { (tightest_words(sc, lang)) }
                    td.num.inl data-label=(t(W::ParticipationPct)) { (sc.households.rate.to_string()) }
                    td.num.inl data-label=(t(W::OverallPct)) { (sc.overall.rate.to_string()) }
                    td data-label=(t(W::ReadyForRecognition)) {
                        span class=(ready_class(s.ready)) { (s.ready_words) }
                    }
                    td.inl data-label=(t(W::LowestItem)) {
                        @if let Some(i) = sc.lowest_item() {
                            (W::LowestItemRate.say(lang, &[("number", &i.number), ("rate", &i.rate.to_string())]))
                        }
                    }
                    @if several_forms { td data-label=(t(W::Form)) { (titles.form(&sc.form)) } }
                }
                Holding::SelfAssessment(w) => {
                    td.lead.nw data-label=(t(W::Commune)) { a href=(commune_link(&w.commune, None, None)) { (w.commune) } }
                    td.nw data-label=(t(W::Verdict)) { span.none { (t(W::NoSurveyShort)) } }
                    td.blank data-label=(t(W::TightestMargin)) {}
                    td.num.blank data-label=(t(W::ParticipationPct)) {}
                    td.num.blank data-label=(t(W::OverallPct)) {}
                    td data-label=(t(W::ReadyForRecognition)) { span class=(ready_class(s.ready)) { (s.ready_words) } }
                    td.blank data-label=(t(W::LowestItem)) {}
                    @if several_forms { td.blank data-label=(t(W::Form)) {} }
                }
                Holding::Nothing => {
                    td.lead.nw data-label=(t(W::Commune)) { (r.commune) }
                    td.nw data-label=(t(W::Verdict)) { span.none { (t(W::NothingSent)) } }
                    td.blank data-label=(t(W::TightestMargin)) {}
                    td.num.blank data-label=(t(W::ParticipationPct)) {}
                    td.num.blank data-label=(t(W::OverallPct)) {}
                    td.blank data-label=(t(W::ReadyForRecognition)) {}
                    td.blank data-label=(t(W::LowestItem)) {}
                    @if several_forms { td.blank data-label=(t(W::Form)) {} }
                }
            }
        }
    }
}

fn ready_class(c: ReadyClass) -> &'static str {
    match c {
        ReadyClass::Ready => "pass",
        ReadyClass::NothingSent | ReadyClass::NotApplicable => "none",
        _ => "fail",
    }
}
