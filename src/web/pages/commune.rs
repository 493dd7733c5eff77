//! The commune page: the verdict and readiness first, the figures they rest on, then every
//! check, item, area, reason and other opinion (each a card on a phone, a table on a wide
//! screen), the comparison with the previous round, the dossier, and the criteria.

use super::{Frame, Nav, enc, head, layout, margin_words, readiness_words, verdict_word};
use crate::app::criteria::SetInForce;
use crate::app::score::{Comparison, WithoutSurvey};
use crate::i18n::{Lang, WebText as W, pick};
use crate::score::criteria::{CriteriaReport, Readiness};
use crate::score::texts::Texts;
use crate::score::{CommuneScore, render};
use maud::{Markup, html};

/// The page of a surveyed commune.
pub fn page(
    frame: &Frame,
    s: &CommuneScore,
    texts: &Texts,
    cmp: Option<&Comparison>,
    set: Option<&SetInForce>,
    importers: Markup,
) -> String {
    let lang = frame.lang;
    let t = |m: W| m.text(lang);
    let (ready_class, ready_words) =
        readiness_words(s.readiness.as_ref(), s.criteria.as_ref(), true, false, lang);
    let body = html! {
        h1 { (s.commune) }
        // Said first: every figure below is provisional while photographed ballots wait.
        @if s.awaiting_review.any() {
            p.warn role="alert" {
                (crate::i18n::ReviewText::Provisional.say(lang, &[
                    ("items", &s.awaiting_review.items),
                    ("pages", &s.awaiting_review.pages),
                    ("commune", &s.commune),
                ]))
                " " a href="/xac-nhan" { (t(W::Review)) }
            }
        }
        p.sub {
            (s.form_title)
            @if !s.round.is_empty() { (W::FactsRound.fill(lang, &[("round", &s.round)])) }
        }
        p.verdict.ok[s.verdict.passed].bad[!s.verdict.passed] #verdict {
            (t(W::Verdict)) ": " (verdict_word(s.verdict.passed, lang)) " — " (render::summary(s, lang))
        }
        @if s.readiness.is_some() {
            p.verdict.ok[ready_class == super::ReadyClass::Ready].bad[ready_class != super::ReadyClass::Ready] #readiness {
                (t(W::ReadyForRecognition)) ": " (ready_words)
            }
        }
        @if s.verdict.relies_on_unverified {
            p.warn { (t(W::VerdictUnverified)) }
        }
        ul.facts {
            li { span.k { (t(W::Surveyed)) } span.v { (s.households.surveyed) " / " (s.households.total) } " (" (s.households.rate.to_string()) "%)" }
            li { span.k { (t(W::OverallPct)) } span.v { (s.overall.rate.to_string()) "%" } }
            li { span.k { (t(W::FormsReturned)) } span.v { (s.forms.returned) } }
            li { span.k { (t(W::OtherOpinions)) } span.v { (s.other_opinions) } }
        }
        p.note { (W::RulesInForce.fill(lang, &[("rules", &s.rule_pack_title)])) }
        nav.toc.noprint aria-label=(t(W::OnThisPage)) {
            @for (id, label) in [
                ("muc-dieu-kien", W::Checks),
                ("muc-noi-dung", W::Items),
                ("muc-khu-dan-cu", W::Areas),
                ("muc-ly-do", W::Reasons),
                ("muc-y-kien", W::OtherOpinions),
                ("muc-cong-nhan", W::ReadinessTitle),
                ("muc-tieu-chi", W::CriteriaResults),
            ].into_iter().filter(|(id, _)| *id != "muc-cong-nhan" || s.readiness.is_some()) {
                a href=(format!("#{id}")) { (t(label)) }
            }
        }
        (checks(s, lang))
        (items(s, lang))
        (areas(s, lang))
        (reasons(texts, lang))
        (opinions(texts, lang))
        @if let Some(c) = cmp { (comparison(c, lang)) }
        p.noprint {
            a.button href=(dossier_link(s)) { (t(W::DownloadDossier)) }
        }
        (readiness_section(s.readiness.as_ref(), lang))
        @if let Some(set) = set { (set_in_force(set, lang)) }
        (criteria_section(s.criteria.as_ref(), lang))
        (importers)
    };
    layout(frame, &s.commune, Nav::Other, body)
}

/// The page of a commune that assessed itself and has no survey yet.
pub fn without_survey(frame: &Frame, w: &WithoutSurvey) -> String {
    let lang = frame.lang;
    let (class, words) =
        readiness_words(w.readiness.as_ref(), Some(&w.criteria), false, false, lang);
    let body = html! {
        h1 { (w.commune) }
        p.verdict.none #verdict { (W::NoSurveyYet.text(lang)) }
        @if w.readiness.is_some() {
            p.verdict.ok[class == super::ReadyClass::Ready].bad[class != super::ReadyClass::Ready] #readiness {
                (W::ReadyForRecognition.text(lang)) ": " (words)
            }
        }
        (readiness_section(w.readiness.as_ref(), lang))
        (criteria_section(Some(&w.criteria), lang))
    };
    layout(frame, &w.commune, Nav::Other, body)
}

/// The page of a commune surveyed with several forms, asked for without one: a link to each.
pub fn choose_form(frame: &Frame, commune: &str, forms: &[(String, String)]) -> String {
    let lang = frame.lang;
    let body = html! {
        h1 { (commune) }
        p { (W::SeveralFormsChoose.text(lang)) }
        ul #forms {
            @for (id, title) in forms {
                li { a href=(super::commune_link(commune, Some(id), None)) { (title) } }
            }
        }
    };
    layout(frame, commune, Nav::Other, body)
}

fn dossier_link(s: &CommuneScore) -> String {
    let mut link = format!(
        "/api/communes/{}/dossier.xlsx?form={}",
        enc(&s.commune),
        enc(&s.form)
    );
    if !s.round.is_empty() {
        link.push_str(&format!("&round={}", enc(&s.round)));
    }
    link
}

fn pass_fail(passed: bool) -> &'static str {
    if passed { "pass" } else { "fail" }
}

/// Every check of the verdict: value, threshold, result, margin, source.
fn checks(s: &CommuneScore, lang: Lang) -> Markup {
    let t = |m: W| m.text(lang);
    html! {
        h2 #muc-dieu-kien { (t(W::Checks)) }
        table.cards #checks {
            (head(&[(t(W::Check), false), (t(W::ValuePct), true), (t(W::ThresholdPct), true), (t(W::Result), false), (t(W::Margin), false), (t(W::Source), false), (t(W::Verified), false)]))
            tbody {
                @for c in &s.verdict.checks {
                    tr {
                        td.lead data-label=(t(W::Check)) {
                            (c.check.name(lang))
                            @if let Some(x) = &c.subject { " (" (x) ")" }
                        }
                        td.num data-label=(t(W::ValuePct)) { (c.value.to_string()) }
                        td.num data-label=(t(W::ThresholdPct)) { (c.threshold_display) }
                        td data-label=(t(W::Result)) { span class=(pass_fail(c.passed)) { (verdict_word(c.passed, lang)) } }
                        td data-label=(t(W::Margin)) { (margin_words(c, lang)) }
                        td.text data-label=(t(W::Source)) { span.note { (c.source) } }
                        td data-label=(t(W::Verified)) { (t(W::verified(c.verified))) }
                    }
                }
            }
        }
    }
}

/// The answers to each question: on a phone, one card per item, its text in full width.
fn items(s: &CommuneScore, lang: Lang) -> Markup {
    let t = |m: W| m.text(lang);
    html! {
        h2 #muc-noi-dung { (t(W::Items)) }
        table.cards.compact #items {
            (head(&[(t(W::Item), true), (t(W::Statement), false), (t(W::Satisfied), true), (t(W::NotSatisfied), true), (t(W::Blank), true), (t(W::RatePct), true)]))
            tbody {
                @for i in &s.items {
                    tr {
                        td.lead.nw data-label=(t(W::Item)) {
                            (W::ItemNumber.say(lang, &[("number", &i.number)]))
                            span.phone-only { ": " (i.rate.to_string()) "%" }
                        }
                        td.text data-label=(t(W::Statement)) { (i.statement) }
                        td.num data-label=(t(W::Satisfied)) { (i.satisfied) }
                        td.num data-label=(t(W::NotSatisfied)) { (i.dissatisfied) }
                        td.num data-label=(t(W::Blank)) { (i.blank) }
                        td.num.wide-only data-label=(t(W::RatePct)) { (i.rate.to_string()) }
                    }
                }
            }
        }
    }
}

/// The residential areas: households, participation, overall rate.
fn areas(s: &CommuneScore, lang: Lang) -> Markup {
    let t = |m: W| m.text(lang);
    html! {
        h2 #muc-khu-dan-cu { (t(W::Areas)) }
        table.cards.compact #areas {
            (head(&[(t(W::Area), false), (t(W::Households), true), (t(W::Surveyed), true), (t(W::ParticipationPct), true), (t(W::OverallPct), true)]))
            tbody {
                @for a in &s.areas {
                    tr {
                        td.lead data-label=(t(W::Area)) { (a.name) }
                        td.num data-label=(t(W::Households)) { (a.households_total) }
                        td.num data-label=(t(W::Surveyed)) { (a.surveyed) }
                        td.num data-label=(t(W::ParticipationPct)) { (a.rate.to_string()) }
                        td.num data-label=(t(W::OverallPct)) { (a.overall_rate.to_string()) }
                    }
                }
            }
        }
    }
}

/// The reasons for dissatisfaction: a row per item, its reasons listed with their counts.
fn reasons(texts: &Texts, lang: Lang) -> Markup {
    let t = |m: W| m.text(lang);
    html! {
        h2 #muc-ly-do { (t(W::Reasons)) }
        @if texts.reasons.is_empty() {
            p.note { (t(W::NoReason)) }
        } @else {
            table.cards.compact #reasons {
                (head(&[(t(W::Item), true), (t(W::ReasonsCounted), false)]))
                tbody {
                    @for (item, list) in &texts.reasons {
                        tr {
                            td.lead data-label=(t(W::Item)) { (W::ItemNumber.say(lang, &[("number", item)])) }
                            td.text data-label=(t(W::ReasonsCounted)) { (written(list, lang)) }
                        }
                    }
                }
            }
        }
    }
}

/// Texts with how many forms wrote each: "Chưa thấy chuyển biến rõ — 40 phiếu".
fn written(list: &[crate::score::texts::Written], lang: Lang) -> Markup {
    html! {
        ul.texts {
            @for w in list {
                li { (w.text) " — " (W::FormsWrote.say(lang, &[("count", &w.count)])) }
            }
        }
    }
}

/// The other opinions ("Ý kiến khác"): a row per area, its opinions listed with their counts.
fn opinions(texts: &Texts, lang: Lang) -> Markup {
    let t = |m: W| m.text(lang);
    html! {
        h2 #muc-y-kien { (t(W::OtherOpinions)) }
        @if texts.opinions.is_empty() {
            p.note { (t(W::NoOpinion)) }
        } @else {
            table.cards.compact #opinions {
                (head(&[(t(W::Area), false), (t(W::OpinionsCounted), false)]))
                tbody {
                    @for (area, list) in &texts.opinions {
                        tr {
                            td.lead data-label=(t(W::Area)) { (area) }
                            td.text data-label=(t(W::OpinionsCounted)) { (written(list, lang)) }
                        }
                    }
                }
            }
        }
    }
}

/// Each rate in the earlier round and now, and the change.
fn comparison(c: &Comparison, lang: Lang) -> Markup {
    let t = |m: W| m.text(lang);
    html! {
        h2 { (W::RoundsCompared.fill(lang, &[("base", &c.base_round), ("round", &c.round)])) }
        table.cards.compact #comparison {
            (head(&[(t(W::Item), true), (t(W::Statement), false), (&c.base_round, true), (&c.round, true), (t(W::Change), true)]))
            tbody {
                @for ch in &c.changes {
                    tr {
                        td.lead data-label=(t(W::Item)) {
                            @if ch.number == 0 {
                                (crate::i18n::ReportText::Participation.text(lang))
                            } @else {
                                (W::ItemNumber.say(lang, &[("number", &ch.number)]))
                            }
                        }
                        td.text data-label=(t(W::Statement)) { @if ch.number != 0 { (ch.label) } }
                        td.num data-label=(c.base_round) { (ch.base.to_string()) }
                        td.num data-label=(c.round) { (ch.rate.to_string()) }
                        td.num data-label=(t(W::Change)) { (ch.signed()) }
                    }
                }
            }
        }
    }
}

/// Each condition of recognition, met or not, and what was found.
fn readiness_section(r: Option<&Readiness>, lang: Lang) -> Markup {
    let t = |m: W| m.text(lang);
    let Some(r) = r else { return html! {} };
    html! {
        h2 #muc-cong-nhan { (t(W::ReadinessTitle)) }
        table.cards #conditions {
            (head(&[(t(W::Condition), false), (t(W::Result), false), (t(W::Found), false), (t(W::Source), false), (t(W::Verified), false)]))
            tbody {
                @for c in &r.conditions {
                    tr {
                        td.lead data-label=(t(W::Condition)) { (pick(lang, c.condition.as_str(), c.condition_en.as_str())) }
                        td data-label=(t(W::Result)) { span class=(pass_fail(c.met)) { (t(W::met(c.met))) } }
                        td.text data-label=(t(W::Found)) { (pick(lang, c.detail.as_str(), c.detail_en.as_str())) }
                        td.text data-label=(t(W::Source)) { span.note { (c.source) } }
                        td data-label=(t(W::Verified)) { (t(W::verified(c.verified))) }
                    }
                }
            }
        }
    }
}

/// The criteria set in force and whether it was checked against the province's document.
fn set_in_force(set: &SetInForce, lang: Lang) -> Markup {
    use crate::i18n::CriteriaText as C;
    let unverified = set.unverified.to_string();
    let line = match &set.document {
        Some(d) if set.unverified == 0 => {
            C::InForceChecked.fill(lang, &[("title", &set.title), ("document", d)])
        }
        Some(d) => C::InForcePartly.fill(
            lang,
            &[
                ("title", &set.title),
                ("document", d),
                ("unverified", &unverified),
            ],
        ),
        None => C::InForceDraft.fill(lang, &[("title", &set.title)]),
    };
    let checked = set.document.is_some() && set.unverified == 0;
    html! { p.ok[checked].warn[!checked] #criteria-set { (line) } }
}

/// The commune's criteria results, unmet indicators first, or how to send its self-assessment.
fn criteria_section(criteria: Option<&CriteriaReport>, lang: Lang) -> Markup {
    let t = |m: W| m.text(lang);
    let yes_no = |b: bool| W::met(b).text(lang);
    let Some(c) = criteria else {
        return html! {
            h2 #muc-tieu-chi { (t(W::CriteriaResults)) }
            p.warn #criteria-summary {
                (t(W::NoSelfAssessment)) " "
                a href="/mau#tu-danh-gia" { (t(W::GetSelfAssessment)) } " "
                (t(W::ThenUpload)) " "
                a href="/nhap" { (t(W::Upload)) } "."
            }
        };
    };
    let (vi, en) = c.summary_line();
    let mut rows: Vec<_> = c.criteria.iter().flat_map(|cr| &cr.indicators).collect();
    rows.sort_by_key(|i| i.met);
    html! {
        h2 #muc-tieu-chi { (t(W::CriteriaResults)) }
        p #criteria-summary {
            strong { (pick(lang, vi, en)) }
            @if let Some(g) = &c.region_or_group { " (" (g) ")" }
            " — " (c.set_title)
        }
        @if rows.iter().any(|i| !i.met) {
            h3 { (t(W::UnmetIndicators)) }
            ul #unmet {
                @for i in rows.iter().filter(|i| !i.met) {
                    li { strong { (i.code) } " " (i.name) }
                }
            }
        }
        details #criteria {
            summary { (t(W::ShowIndicators)) }
            table.cards {
                (head(&[(t(W::Code), false), (t(W::Indicator), false), (t(W::Target), false), (t(W::Result), false), (t(W::SelfAssessed), false), (t(W::Assessed), false), (t(W::Verified), false)]))
                tbody {
                    @for i in rows {
                        tr {
                            td.lead data-label=(t(W::Code)) { (i.code) }
                            td.text data-label=(t(W::Indicator)) { (i.name) }
                            td data-label=(t(W::Target)) { (i.target) }
                            td data-label=(t(W::Result)) { (i.result.as_deref().unwrap_or("—")) }
                            td data-label=(t(W::SelfAssessed)) { (i.self_assessed.map(yes_no).unwrap_or("—")) }
                            td data-label=(t(W::Assessed)) {
                                span class=(pass_fail(i.met)) { (yes_no(i.met)) }
                                @if i.agrees == Some(false) { " " (t(W::Contradicted)) }
                            }
                            td data-label=(t(W::Verified)) { (t(W::verified(i.verified))) }
                        }
                    }
                }
            }
        }
    }
}
