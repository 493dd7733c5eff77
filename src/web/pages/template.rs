//! The template page: the entry workbook of a commune as a form (the commune picked from the
//! province's list, former names shown; one row of fields per residential area, "Tên bản" and
//! "Số hộ", and "Thêm bản"), and the self-assessment workbook. Errors are shown next to their
//! field, in words.

use super::{Frame, Nav, layout};
use crate::app::province::{Titles, Unit};
use crate::i18n::{Lang, WebText as W};
use crate::text::fold;
use maud::{Markup, html};

/// One residential area's fields, as typed, with their errors.
#[derive(Debug, Clone, Default)]
pub struct AreaField {
    /// "Tên bản".
    pub name: String,
    /// "Số hộ".
    pub households: String,
    /// What is wrong with the name.
    pub name_error: Option<String>,
    /// What is wrong with the households.
    pub households_error: Option<String>,
}

/// The entry workbook's form, as typed, with its errors.
#[derive(Debug, Clone, Default)]
pub struct EntryForm {
    /// The commune chosen (its name in the list).
    pub commune: String,
    /// What is wrong with it.
    pub commune_error: Option<String>,
    /// A former name resolved ("Xã Mường Bon is now part of Xã Chiềng Mung").
    pub commune_note: Option<String>,
    /// The form id chosen.
    pub form: String,
    /// What is wrong with it.
    pub form_error: Option<String>,
    /// The areas' rows.
    pub areas: Vec<AreaField>,
}

/// The self-assessment workbook's form, as typed, with its errors.
#[derive(Debug, Clone, Default)]
pub struct SelfForm {
    /// The commune chosen.
    pub commune: String,
    /// What is wrong with it.
    pub commune_error: Option<String>,
    /// A former name resolved.
    pub commune_note: Option<String>,
    /// The criteria set id chosen.
    pub set: String,
    /// What is wrong with it.
    pub set_error: Option<String>,
    /// The commune group chosen (its full name), or "".
    pub group: String,
    /// What is wrong with it.
    pub group_error: Option<String>,
}

/// The page; `focus` names the form whose errors are shown (its fields described by them).
pub fn page(
    frame: &Frame,
    units: &[Unit],
    titles: &Titles,
    entry: &EntryForm,
    own: &SelfForm,
) -> String {
    let lang = frame.lang;
    let t = |m: W| m.text(lang);
    let has_errors = entry.commune_error.is_some()
        || entry.form_error.is_some()
        || entry
            .areas
            .iter()
            .any(|a| a.name_error.is_some() || a.households_error.is_some());
    let body = html! {
        h1 { (t(W::EntryWorkbook)) }
        p { (t(W::EntryIntro)) }
        @if has_errors { p.bad role="alert" #form-errors { (t(W::FixFields)) } }
        form #so-nhap-phieu method="get" action="/mau/so-nhap-phieu" data-busy=(t(W::Building)) data-download {
            (commune_field("commune", units, &entry.commune, entry.commune_error.as_deref(), entry.commune_note.as_deref(), lang))
            label for="form" { (t(W::Form)) }
            select #form name="form" aria-invalid=[entry.form_error.as_ref().map(|_| "true")] {
                @for (id, title) in &titles.forms {
                    option value=(id) selected[*id == entry.form] { (title) }
                }
            }
            @if let Some(e) = &entry.form_error { p.field-error { (e) } }
            fieldset #areas {
                legend { (t(W::AreasLegend)) }
                p.hint { (t(W::AreasHint)) }
                @for (i, a) in entry.areas.iter().enumerate() {
                    (area_row(i + 1, a, lang))
                }
                button.secondary type="submit" name="them" value="1" formaction="/mau" data-add-row { (t(W::AddArea)) }
            }
            div.actions {
                button type="submit" { (t(W::DownloadWorkbook)) }
            }
            p.status aria-live="polite" {}
        }
        h2 #tu-danh-gia { (t(W::SelfAssessmentWorkbook)) }
        p { (t(W::SelfAssessmentIntro)) }
        form #tu-danh-gia-form method="get" action="/mau/tu-danh-gia" data-busy=(t(W::Building)) data-download {
            (commune_field("sa-commune", units, &own.commune, own.commune_error.as_deref(), own.commune_note.as_deref(), lang))
            label for="criteria" { (t(W::CriteriaSet)) }
            select #criteria name="criteria" aria-invalid=[own.set_error.as_ref().map(|_| "true")] {
                @for s in &titles.sets {
                    option value=(s.id) selected[s.id == own.set] { (s.title) }
                }
            }
            @if let Some(e) = &own.set_error { p.field-error { (e) } }
            label for="group" { (t(W::CommuneGroup)) }
            select #group name="group" aria-invalid=[own.group_error.as_ref().map(|_| "true")] {
                option value="" { (t(W::GroupLeftOpen)) }
                @for g in groups(titles) {
                    option value=(g) selected[g == own.group] { (g) }
                }
            }
            @if let Some(e) = &own.group_error { p.field-error { (e) } }
            div.actions { button type="submit" { (t(W::DownloadSelfAssessment)) } }
            p.status aria-live="polite" {}
        }
    };
    layout(frame, t(W::EntryWorkbook), Nav::Template, body)
}

/// Every commune group any set names, once.
fn groups(titles: &Titles) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for g in titles.sets.iter().flat_map(|s| &s.groups) {
        if !out.contains(&g.as_str()) {
            out.push(g);
        }
    }
    out
}

/// The commune list (communes only: wards are not surveyed for the programme), each with its
/// former names, and a box that narrows it as you type (with the script).
fn commune_field(
    id: &str,
    units: &[Unit],
    chosen: &str,
    error: Option<&str>,
    note: Option<&str>,
    lang: Lang,
) -> Markup {
    let t = |m: W| m.text(lang);
    let find = format!("{id}-find");
    let err = format!("{id}-error");
    html! {
        label for=(id) { (t(W::Commune)) }
        input #(find) type="search" data-filter-select=(id) placeholder=(t(W::FindCommune))
            aria-label=(t(W::FindCommune)) autocomplete="off";
        select #(id) name="commune"
            aria-invalid=[error.map(|_| "true")] aria-describedby=[error.map(|_| err.as_str())] {
            option value="" { (t(W::ChooseCommune)) }
            @for u in units.iter().filter(|u| !u.ward) {
                option value=(u.name) selected[u.name == chosen]
                    data-names=(fold(&format!("{} {}", u.name, u.former.join(" ")))) {
                    (unit_label(u, lang))
                }
            }
        }
        @if let Some(n) = note { p.hint { (n) } }
        @if let Some(e) = error { p.field-error #(err) { (e) } }
    }
}

/// "Xã Chiềng Mung (gồm xã cũ: Mường Bon, Chiềng Mung)".
fn unit_label(u: &Unit, lang: Lang) -> String {
    let former: Vec<&str> = u
        .former
        .iter()
        .map(|f| f.strip_prefix("Xã ").unwrap_or(f))
        .collect();
    if former.is_empty() || (former.len() == 1 && u.name.ends_with(former[0])) {
        return u.name.clone();
    }
    W::FormedFrom.fill(lang, &[("name", &u.name), ("former", &former.join(", "))])
}

/// One area's row: "Tên bản N" and "Số hộ", their errors under them.
fn area_row(n: usize, a: &AreaField, lang: Lang) -> Markup {
    let t = |m: W| m.text(lang);
    let (ten, ho) = (format!("ten-{n}"), format!("ho-{n}"));
    let (ten_err, ho_err) = (format!("ten-{n}-error"), format!("ho-{n}-error"));
    html! {
        div.area-row {
            label for=(ten) { (W::AreaName.say(lang, &[("number", &n)])) }
            label for=(ho) { (t(W::Households)) }
            input #(ten) name="ten" type="text" value=(a.name) autocomplete="off"
                aria-invalid=[a.name_error.as_ref().map(|_| "true")]
                aria-describedby=[a.name_error.as_ref().map(|_| ten_err.as_str())];
            input #(ho) name="ho" type="text" inputmode="numeric" value=(a.households) autocomplete="off"
                aria-invalid=[a.households_error.as_ref().map(|_| "true")]
                aria-describedby=[a.households_error.as_ref().map(|_| ho_err.as_str())];
            @if let Some(e) = &a.name_error { p.field-error #(ten_err) { (e) } }
            @if let Some(e) = &a.households_error { p.field-error #(ho_err) { (e) } }
        }
    }
}
