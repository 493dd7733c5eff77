//! The pages of the surveys on scales (issue #24), read-only: `/khao-sat` lists the packs and
//! the communes with answers; `/khao-sat/{pack}/{commune}` shows a commune's index table (the
//! official figure with its numerator and denominator, and beside it, labelled beyond the
//! official arithmetic, the interval and the weighted estimate) and its answers at each point;
//! `/khao-sat/{pack}/{commune}/chi-so.xlsx` is the report workbook `index --out` writes.
//!
//! The handlers are here with their templates (this page is its own module, routed from
//! [`crate::web`]); the figures are [`crate::app::pack`]'s. The gate in front of every page
//! keeps these for the province's accounts (a commune account's addresses are `/xa/…`), and
//! each commune's figures ask [`crate::web::allowed`] too.

use super::{Frame, Nav, enc, head, layout};
use crate::app::AppError;
use crate::app::pack::{Answered, IndexRequest, PackChoice, UnitReport};
use crate::i18n::{Lang, Localized, PackText as T};
use crate::rules::survey::SurveyPack;
use crate::web::{Ask, Reply, State, allowed, auth::Who, not_allowed};
use maud::{Markup, html};

/// `GET /khao-sat`: the packs and their communes.
pub fn list(state: &State, ask: &Ask, who: &Who) -> Result<Reply, AppError> {
    let packs = crate::app::pack::answered(&state.cfg.data)?;
    let packs: Vec<Answered> = packs
        .into_iter()
        .map(|mut p| {
            p.units.retain(|u| allowed(who, Some(u)));
            p
        })
        .collect();
    Ok(Reply::html(200, list_page(&ask.frame_for(who), &packs)))
}

/// `GET /khao-sat/{pack}/{commune}` (and `…/chi-so.xlsx`): a commune's indices of a shipped
/// pack.
pub fn unit(
    state: &State,
    ask: &Ask,
    who: &Who,
    pack: &str,
    commune: &str,
    workbook: bool,
) -> Result<Reply, AppError> {
    let req = IndexRequest {
        data: &state.cfg.data,
        pack: PackChoice::Id(pack),
        commune: Some(commune),
        round: None,
        population: &[],
    };
    // The name as the workspace writes it, before any figure is read.
    let (p, units) = crate::app::pack::index(&req)?;
    let Some(u) = units.first() else {
        return Err(AppError::NoPackAnswers { pack: p.id });
    };
    // A residential area's figures are its commune's to see.
    let owner = u.commune.as_deref().unwrap_or(&u.unit);
    if !allowed(who, Some(owner)) {
        return Ok(not_allowed(ask, owner));
    }
    if workbook {
        let built = crate::app::pack::report(&req)?;
        return Ok(Reply::xlsx(
            built.bytes,
            &format!("chi-so-{}-{}.xlsx", p.id, u.unit),
        ));
    }
    Ok(Reply::html(200, unit_page(&ask.frame_for(who), &p, u)))
}

/// The list of packs.
pub fn list_page(frame: &Frame, packs: &[Answered]) -> String {
    let lang = frame.lang;
    let title = T::WebTitle.text(lang);
    let body = html! {
        h1 { (title) }
        p.sub { (T::WebIntro.text(lang)) }
        @for p in packs {
            section {
                h2 { (p.title.as_deref().unwrap_or(&p.pack)) " (" (p.pack) ")" }
                @if p.title.is_none() {
                    p.note { (T::WebNotShipped.text(lang)) }
                } @else if p.units.is_empty() {
                    p.note { (T::WebNoAnswers.text(lang)) }
                } @else {
                    ul {
                        @for u in &p.units {
                            li { a href=(format!("/khao-sat/{}/{}", enc(&p.pack), enc(u))) { (u) } }
                        }
                    }
                }
            }
        }
    };
    layout(frame, title, Nav::Other, body)
}

/// "32,73 – 47,74", or a dash.
fn interval(u: &UnitReport, id: &str, decimals: u32) -> (String, String) {
    let e = u.estimates.indices.iter().find(|e| e.id == id);
    let shown = |x: f64| crate::num::approx(x, decimals);
    (
        e.and_then(|e| e.interval).map_or("—".into(), |i| {
            format!("{} – {}", shown(i.low), shown(i.high))
        }),
        e.and_then(|e| e.weighted)
            .map_or("—".into(), |w| w.display(decimals)),
    )
}

fn indices(pack: &SurveyPack, u: &UnitReport, lang: Lang) -> Markup {
    let r = &u.indices;
    html! {
        table.wide {
            (head(&[
                (T::WebIndex.text(lang), false),
                (T::WebNumerator.text(lang), true),
                (T::WebDenominator.text(lang), true),
                (T::WebValue.text(lang), true),
                (T::WebInterval.text(lang), true),
                (T::WebWeighted.text(lang), true),
            ]))
            tbody {
                @for def in &pack.indices {
                    tr {
                        th scope="row" { (def.id) br; small { (def.method.key()) " · " (def.of) } }
                        @if let Some(f) = r.indices.iter().find(|f| f.id == def.id) {
                            @let (iv, w) = interval(u, &f.id, pack.decimals);
                            td.num { (f.numerator) }
                            td.num { (f.denominator) }
                            td.num { strong { (f.value.display(pack.decimals)) } }
                            td.num { (iv) }
                            td.num { (w) }
                        } @else if let Some(a) = r.absent.iter().find(|a| a.id == def.id) {
                            td colspan="5" { (T::WebAbsent.fill(lang, &[("reason", &a.why.message(lang))])) }
                        }
                    }
                }
            }
        }
    }
}

fn items(u: &UnitReport, lang: Lang) -> Markup {
    html! {
        table.wide {
            (head(&[
                (T::WebItem.text(lang), false),
                (T::WebCounted.text(lang), true),
                (T::WebBlank.text(lang), true),
                (T::WebCounts.text(lang), false),
            ]))
            tbody {
                @for i in &u.indices.items {
                    tr {
                        th scope="row" { (i.id) }
                        td.num { (i.answers) }
                        td.num { (i.blank) }
                        td { (i.counts.iter().map(|(c, n)| format!("{c}: {n}")).collect::<Vec<_>>().join(" · ")) }
                    }
                }
            }
        }
    }
}

/// A commune's page of a pack.
pub fn unit_page(frame: &Frame, pack: &SurveyPack, u: &UnitReport) -> String {
    let lang = frame.lang;
    let body = html! {
        h1 { (u.unit) }
        p.sub {
            (pack.title) " — "
            (T::WebRespondents.say(lang, &[("count", &u.indices.respondents)]))
        }
        @if pack.relies_on_unverified() {
            p.warn { (T::Unverified.text(lang)) }
        }
        (indices(pack, u, lang))
        h2 { (T::WebItems.text(lang)) }
        (items(u, lang))
        p.noprint {
            a.button href=(format!("/khao-sat/{}/{}/chi-so.xlsx", enc(&pack.id), enc(&u.unit))) {
                (T::WebDownload.text(lang))
            }
            " "
            a href="/khao-sat" { (T::WebBack.text(lang)) }
        }
    };
    layout(frame, &u.unit, Nav::Other, body)
}
