//! The pages' handlers: each reads its request, calls the application, and renders a page of
//! [`super::pages`] (or a workbook). Nothing here decides a figure.
//!
//! The upload is two steps: `POST /nhap` reads the files as the import would, stores nothing,
//! keeps them ([`super::uploads`]) and shows their reading at `/nhap/{id}`; `POST
//! /nhap/{id}/luu` imports the same bytes. Every page of one commune's figures, each row of the
//! province list and each file stored asks [`super::allowed`].

use super::pages::{self, template::AreaField, upload::Limits};
use super::{
    Ask, Reply, State, allowed, auth::Who, forms, not_allowed, owner, run_import, selection,
};
use crate::app::AppError;
use crate::app::score::open;
use crate::i18n::{Localized, WebText as W};
use tiny_http::Request;

/// `GET /`: every unit of the province.
pub fn province(state: &State, ask: &Ask, who: &Who) -> Result<Reply, AppError> {
    let cfg = &state.cfg;
    let all = state.cache.all(&selection(cfg, ask, None))?;
    let scope = open(&selection(cfg, ask, None))?;
    let pending = scope.without_survey()?;
    let choices = crate::app::score::choices(&cfg.data)?;
    let titles = crate::app::province::titles_in(scope.library());
    let units = crate::app::province::units();
    // Only the communes the asker may see (a copy only when that is not all of them).
    let scores: std::borrow::Cow<[_]> = if who.sees_all() {
        std::borrow::Cow::Borrowed(all.as_slice())
    } else {
        all.iter()
            .filter(|s| allowed(who, Some(&s.commune)))
            .cloned()
            .collect()
    };
    let rows: Vec<_> = crate::app::province::glance(&units, &scores, &pending)
        .into_iter()
        .filter(|r| allowed(who, Some(r.commune)))
        .collect();
    let q = |k: &str| ask.q(k).unwrap_or_default().to_string();
    let filters = pages::province::Filters {
        forms: choices.forms.into_iter().collect(),
        rounds: choices
            .rounds
            .into_iter()
            .filter(|r| !r.is_empty())
            .collect(),
        form: ask.q("form").map(str::to_string),
        round: ask.q("round").map(str::to_string),
        q: q("q"),
        verdict: q("verdict"),
        ready: q("ready"),
    };
    Ok(Reply::html(
        200,
        pages::province::page(&ask.frame_for(who), &rows, &scores, &titles, &filters),
    ))
}

/// `GET /xa/{commune}`: a commune's page (the name matched as the CLI matches it).
pub fn commune(state: &State, ask: &Ask, who: &Who, commune: &str) -> Result<Reply, AppError> {
    let scope = open(&selection(&state.cfg, ask, Some(commune)))?;
    if !allowed(who, Some(scope.commune_name())) {
        return Ok(not_allowed(ask, scope.commune_name()));
    }
    if let Some(w) = scope.commune_without_survey()? {
        return Ok(Reply::html(
            200,
            pages::commune::without_survey(&ask.frame_for(who), &w),
        ));
    }
    let score = match scope.commune_score() {
        // Surveyed with several forms: the page of each, by its title.
        Err(AppError::SeveralForms { commune, imported }) => {
            let titles = crate::app::province::titles_in(scope.library());
            let forms: Vec<(String, String)> = imported
                .iter()
                .map(|f| (f.clone(), titles.form(f).to_string()))
                .collect();
            let page = pages::commune::choose_form(&ask.frame_for(who), &commune, &forms);
            return Ok(Reply::html(200, page));
        }
        r => r?,
    };
    let texts = scope.texts(&score, false)?;
    // The comparison is offered when the commune has an earlier round; its absence is no error.
    let comparison = scope.compare("").ok();
    let set = crate::app::criteria::in_force(scope.library(), &score.form);
    // The files behind the figures and who imported each.
    let importers = super::auth::importers(&scope.sources(&score), ask.lang);
    Ok(Reply::html(
        200,
        pages::commune::page(
            &ask.frame_for(who),
            &score,
            &texts,
            comparison.as_ref(),
            set.as_ref(),
            importers,
        ),
    ))
}

fn limits(state: &State) -> Limits {
    Limits {
        file_mb: state.cfg.max_file_bytes >> 20,
        upload_mb: state.cfg.max_request_bytes >> 20,
    }
}

/// `GET /nhap`: the upload form (with `notice`, why the officer is back here).
pub fn upload_form(
    state: &State,
    ask: &Ask,
    who: &Who,
    notice: Option<&str>,
    status: u16,
) -> Reply {
    let rounds: Vec<String> = crate::app::score::choices(&state.cfg.data)
        .map(|c| c.rounds.into_iter().filter(|r| !r.is_empty()).collect())
        .unwrap_or_default();
    Reply::html(
        status,
        pages::upload::form(&ask.frame_for(who), limits(state), &rounds, notice),
    )
}

/// `POST /nhap`: reads the files sent as the import would (nothing stored), keeps them, and
/// sends the browser to their reading.
pub fn upload_read(
    state: &State,
    ask: &Ask,
    who: &Who,
    req: &Request,
    body: &[u8],
) -> Result<Reply, AppError> {
    let cfg = &state.cfg;
    let up = match super::parse_upload(cfg, ask, req, body) {
        Ok(up) => up,
        Err(e) => return Ok(upload_refused(ask, who, &e.message(ask.lang))),
    };
    if up.files.is_empty() {
        return Ok(upload_form(
            state,
            ask,
            who,
            Some(W::NoFileChosen.text(ask.lang)),
            400,
        ));
    }
    let reading = match run_import(
        cfg,
        who,
        &up.files,
        up.mapping.as_ref(),
        &up.round,
        false,
        false,
    ) {
        Ok(r) => r,
        Err(e @ (AppError::Settings(_) | AppError::NoSpreadsheet { .. })) => {
            return Ok(upload_refused(ask, who, &e.message(ask.lang)));
        }
        Err(e) => return Err(e),
    };
    let pending = super::uploads::Pending::new(owner(who), up.files, up.mapping, up.round, reading);
    let id = state.uploads.keep(pending);
    Ok(Reply::redirect(&format!("/nhap/{id}")))
}

/// An upload that cannot be read at all: why, and the way back to the form.
fn upload_refused(ask: &Ask, who: &Who, message: &str) -> Reply {
    Reply::html(
        400,
        pages::error_page(
            &ask.frame_for(who),
            message,
            Some(("/nhap", W::ChooseAgain.text(ask.lang))),
        ),
    )
}

/// The upload `id` of the asker, or the form saying it is gone.
fn pending(
    state: &State,
    ask: &Ask,
    who: &Who,
    id: &str,
) -> Result<std::sync::Arc<std::sync::Mutex<super::uploads::Pending>>, Reply> {
    super::uploads::valid_id(id)
        .then(|| state.uploads.get(id, &owner(who)))
        .flatten()
        .ok_or_else(|| upload_form(state, ask, who, Some(W::UploadExpired.text(ask.lang)), 404))
}

/// `GET /nhap/{id}`: the upload's reading, or what was stored.
pub fn upload_page(state: &State, ask: &Ask, who: &Who, id: &str) -> Reply {
    let p = match pending(state, ask, who, id) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let titles = crate::app::province::titles(&state.cfg.data).unwrap_or_default();
    let Ok(p) = p.lock() else {
        return ask.error(500, W::UploadExpired.text(ask.lang).into());
    };
    Reply::html(
        200,
        pages::upload::reading(&ask.frame_for(who), &p, &titles),
    )
}

/// `POST /nhap/{id}/luu`: imports the upload's files (once; a second press shows the report).
pub fn upload_store(
    state: &State,
    ask: &Ask,
    who: &Who,
    id: &str,
    body: &[u8],
) -> Result<Reply, AppError> {
    let p = match pending(state, ask, who, id) {
        Ok(p) => p,
        Err(r) => return Ok(r),
    };
    let accept_partial =
        form_urlencoded::parse(body).any(|(k, v)| k == "accept_partial" && v != "0");
    let Ok(mut p) = p.lock() else {
        return Ok(ask.error(500, W::UploadExpired.text(ask.lang).into()));
    };
    if p.stored.is_none() {
        // A commune account's import refuses another commune's file itself (its
        // `only_commune`), naming both, as the reading already said.
        let files = std::mem::take(&mut p.files);
        match run_import(
            &state.cfg,
            who,
            &files,
            p.mapping.as_ref(),
            &p.round,
            accept_partial,
            true,
        ) {
            Ok(s) => {
                p.stored = Some(s);
                state.uploads.emptied(id);
            }
            Err(e) => {
                p.files = files;
                return Err(e);
            }
        }
    }
    Ok(Reply::redirect(&format!("/nhap/{id}")))
}

/// `POST /nhap/{id}/huy`: forgets the upload.
pub fn upload_cancel(state: &State, who: &Who, id: &str) -> Reply {
    if super::uploads::valid_id(id) {
        state.uploads.forget(id, &owner(who));
    }
    Reply::redirect("/nhap")
}

/// `GET /nhap/{id}/loi.xlsx`: the errors workbook of the upload, without sending it again.
pub fn upload_errors(state: &State, ask: &Ask, who: &Who, id: &str) -> Result<Reply, AppError> {
    let p = match pending(state, ask, who, id) {
        Ok(p) => p,
        Err(r) => return Ok(r),
    };
    let Ok(p) = p.lock() else {
        return Ok(ask.error(500, W::UploadExpired.text(ask.lang).into()));
    };
    let s = p.stored.as_ref().unwrap_or(&p.reading);
    let bytes = crate::app::export::errors_workbook(&s.files, ask.lang)?;
    Ok(Reply::xlsx(bytes, "danh-sach-loi.xlsx"))
}

/// The template page's two forms as the query fills them.
struct TemplateForms {
    titles: crate::app::province::Titles,
    entry: pages::template::EntryForm,
    /// The entry workbook's areas (`NAME=HOUSEHOLDS`), when its form holds no error.
    areas: Option<Vec<String>>,
    own: pages::template::SelfForm,
    /// The self-assessment's form holds no error.
    own_ok: bool,
}

/// The entry workbook's form and the self-assessment's, from the query.
fn forms_of(state: &State, ask: &Ask) -> Result<TemplateForms, AppError> {
    let titles = crate::app::province::titles(&state.cfg.data)?;
    let (entry, areas) = forms::entry(&ask.query, &titles, ask.q("them").is_some(), ask.lang);
    let (own, own_ok) = forms::self_assessment(&ask.query, &titles, ask.lang);
    Ok(TemplateForms {
        titles,
        entry,
        areas,
        own,
        own_ok,
    })
}

fn template_reply(
    ask: &Ask,
    who: &Who,
    status: u16,
    titles: &crate::app::province::Titles,
    entry: &pages::template::EntryForm,
    own: &pages::template::SelfForm,
) -> Reply {
    let units = crate::app::province::units();
    Reply::html(
        status,
        pages::template::page(&ask.frame_for(who), &units, titles, entry, own),
    )
}

/// `GET /mau`: the forms, filled with what the query holds (after "Thêm bản" without the
/// script), errors left for the download to say.
pub fn template_page(state: &State, ask: &Ask, who: &Who) -> Result<Reply, AppError> {
    let TemplateForms {
        titles,
        mut entry,
        mut own,
        ..
    } = forms_of(state, ask)?;
    entry.commune_error = None;
    entry.form_error = None;
    for a in &mut entry.areas {
        *a = AreaField {
            name: std::mem::take(&mut a.name),
            households: std::mem::take(&mut a.households),
            ..AreaField::default()
        };
    }
    own.commune_error = None;
    own.set_error = None;
    own.group_error = None;
    // A commune account's own commune, chosen already.
    if let Some(c) = who.commune.as_ref().filter(|_| entry.commune.is_empty()) {
        entry.commune = c.clone();
        own.commune = c.clone();
    }
    Ok(template_reply(ask, who, 200, &titles, &entry, &own))
}

/// `GET /mau/so-nhap-phieu`: the entry workbook, or the form with its errors beside the fields.
pub fn entry_workbook(state: &State, ask: &Ask, who: &Who) -> Result<Reply, AppError> {
    let TemplateForms {
        titles,
        mut entry,
        areas,
        own,
        ..
    } = forms_of(state, ask)?;
    let Some(areas) = areas else {
        return Ok(template_reply(
            ask,
            who,
            400,
            &titles,
            &entry,
            &blank_self(own),
        ));
    };
    if !allowed(who, Some(&entry.commune)) {
        return Ok(not_allowed(ask, &entry.commune));
    }
    let built = crate::app::template::build(&crate::app::template::Request {
        data: &state.cfg.data,
        form: &entry.form,
        commune: &entry.commune,
        areas: &areas,
        rows: super::TEMPLATE_ROWS,
    });
    match built {
        Ok(b) => Ok(Reply::xlsx(
            b.bytes,
            &format!("so-nhap-phieu-{}.xlsx", b.of.commune),
        )),
        Err(e @ AppError::Lookup(_)) => {
            entry.commune_error = Some(e.message(ask.lang));
            Ok(template_reply(
                ask,
                who,
                400,
                &titles,
                &entry,
                &blank_self(own),
            ))
        }
        Err(e @ AppError::UnknownForm { .. }) => {
            entry.form_error = Some(e.message(ask.lang));
            Ok(template_reply(
                ask,
                who,
                400,
                &titles,
                &entry,
                &blank_self(own),
            ))
        }
        Err(e) => Err(e),
    }
}

/// The self-assessment's form without its errors (the other form was the one sent).
fn blank_self(mut own: pages::template::SelfForm) -> pages::template::SelfForm {
    own.commune_error = None;
    own.set_error = None;
    own.group_error = None;
    own
}

/// `GET /mau/tu-danh-gia`: the self-assessment workbook, or the form with its errors.
pub fn self_assessment_workbook(state: &State, ask: &Ask, who: &Who) -> Result<Reply, AppError> {
    let TemplateForms {
        titles,
        mut entry,
        mut own,
        own_ok: ok,
        ..
    } = forms_of(state, ask)?;
    // The entry form is shown as it was, without errors of its own.
    entry.commune_error = None;
    entry.form_error = None;
    entry.areas = vec![AreaField::default(); forms::AREA_ROWS];
    if !ok {
        return Ok(template_reply(ask, who, 400, &titles, &entry, &own));
    }
    if !allowed(who, Some(&own.commune)) {
        return Ok(not_allowed(ask, &own.commune));
    }
    let built = crate::app::template::build_criteria(&crate::app::template::CriteriaRequest {
        set: &own.set,
        commune: &own.commune,
        group: Some(own.group.as_str()).filter(|g| !g.is_empty()),
        data: &state.cfg.data,
    });
    match built {
        Ok(b) => Ok(Reply::xlsx(
            b.bytes,
            &format!("tu-danh-gia-{}.xlsx", b.of.commune),
        )),
        Err(e @ AppError::Lookup(_)) => {
            own.commune_error = Some(e.message(ask.lang));
            Ok(template_reply(ask, who, 400, &titles, &entry, &own))
        }
        Err(e @ AppError::UnknownCriteriaSet { .. }) => {
            own.set_error = Some(e.message(ask.lang));
            Ok(template_reply(ask, who, 400, &titles, &entry, &own))
        }
        Err(e @ AppError::UnknownCommuneGroup { .. }) => {
            own.group_error = Some(e.message(ask.lang));
            Ok(template_reply(ask, who, 400, &titles, &entry, &own))
        }
        Err(e) => Err(e),
    }
}

/// What the review page lists for the asker: a commune account its own commune, the province
/// everything (or the commune of `?xa=`).
fn review_list(
    state: &State,
    ask: &Ask,
    who: &Who,
) -> Result<Vec<crate::app::review::Pending>, AppError> {
    crate::app::review::list(&crate::app::review::ListRequest {
        data: &state.cfg.data,
        commune: ask.q("xa").filter(|c| !c.is_empty()),
        only_commune: who.commune.as_deref(),
        write_images: false,
    })
}

/// `GET /xac-nhan`: the review queue of photographed ballots.
pub fn review_page(state: &State, ask: &Ask, who: &Who) -> Result<Reply, AppError> {
    let pending = review_list(state, ask, who)?;
    Ok(Reply::html(
        200,
        pages::review::page(&ask.frame_for(who), &pending, None),
    ))
}

/// `GET /xac-nhan/anh/{sha}/{page}/{item}`: one picture of the queue the asker may see.
pub fn review_image(
    state: &State,
    ask: &Ask,
    who: &Who,
    sha: &str,
    page: &str,
    item: &str,
) -> Result<Reply, AppError> {
    let pending = review_list(state, ask, who)?;
    let found = pending.into_iter().find(|p| {
        p.sha256 == sha && p.page.to_string() == page && p.item.unwrap_or(0).to_string() == item
    });
    Ok(match found {
        Some(p) => Reply::new(200, "image/png", p.png),
        None => ask.error(404, W::NoSuchPage.text(ask.lang).into()),
    })
}

/// `POST /xac-nhan`: records one decision (`id`, `item`, `verdict`), by the account signed in.
pub fn review_decide(state: &State, ask: &Ask, who: &Who, body: &[u8]) -> Result<Reply, AppError> {
    let field = |name: &str| {
        form_urlencoded::parse(body)
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    let spec = format!("{}:{}={}", field("id"), field("item"), field("verdict"));
    let decided = crate::app::review::Asked::parse(&spec).and_then(|asked| {
        crate::app::review::decide(&crate::app::review::DecideRequest {
            data: &state.cfg.data,
            asked: &[asked],
            by: who.user.as_deref(),
            only_commune: who.commune.as_deref(),
            no_wait: false,
            on_wait: &|| {},
        })
    });
    match decided {
        Ok(_) => Ok(Reply::redirect("/xac-nhan")),
        Err(e @ (AppError::NotInQueue { .. } | AppError::BadReviewSet { .. })) => {
            let pending = review_list(state, ask, who)?;
            Ok(Reply::html(
                400,
                pages::review::page(&ask.frame_for(who), &pending, Some(&e.message(ask.lang))),
            ))
        }
        Err(e) => Err(e),
    }
}

/// `POST /xac-nhan/trang`: reads a page nobody could identify again as the ballot whose id the
/// person typed (`file`, `page`, `id`).
pub fn review_identify(
    state: &State,
    ask: &Ask,
    who: &Who,
    body: &[u8],
) -> Result<Reply, AppError> {
    let field = |name: &str| {
        form_urlencoded::parse(body)
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    let spec = format!("{}:{}={}", field("file"), field("page"), field("id"));
    let req = crate::app::review::DecideRequest {
        data: &state.cfg.data,
        asked: &[],
        by: who.user.as_deref(),
        only_commune: who.commune.as_deref(),
        no_wait: false,
        on_wait: &|| {},
    };
    let done = crate::app::review::Typed::parse(&spec)
        .and_then(|typed| crate::app::review::identify(&req, &typed));
    let message = match done {
        Ok(s) if s.accepted == 1 => return Ok(Reply::redirect("/xac-nhan")),
        Ok(_) => crate::i18n::ReviewText::TypedUnread
            .text(ask.lang)
            .to_string(),
        Err(
            e @ (AppError::PageNotInQueue { .. }
            | AppError::BadTypedId { .. }
            | AppError::BadReviewSet { .. }),
        ) => e.message(ask.lang),
        Err(e) => return Err(e),
    };
    let pending = review_list(state, ask, who)?;
    Ok(Reply::html(
        400,
        pages::review::page(&ask.frame_for(who), &pending, Some(&message)),
    ))
}
