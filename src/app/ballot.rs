//! The ballot use case: the PDF of one commune's paper ballots, the layout JSON that says
//! where every box is, and the record of the print run in the workspace.
//!
//! Serials run 1..=issued per area, in the order the areas are given; ids carry no household.
//! The geometry is [`crate::ballot::layout_for`]'s, a function of the form alone, so the JSON
//! written here and the reader's own computation cannot disagree.

use super::AppError;
use crate::ballot::{BallotId, BallotLayout, IdError, LayoutError, Rect, draw, layout_for};
use crate::i18n::{BallotText as T, Lang, Localized};
use crate::rules::gazetteer::{Gazetteer, UnitKind};
use crate::store::ballots::{Issue, IssuedArea};
use serde_json::{Value, json};
use std::path::Path;

/// What ballots to make.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The workspace whose rules name the forms (its `hailong.toml`, else the shipped rules).
    pub data: &'a Path,
    /// Form id.
    pub form: &'a str,
    /// Commune, as typed (found in the gazetteer).
    pub commune: &'a str,
    /// Residential areas as `NAME=FORMS ISSUED`, in id order.
    pub areas: &'a [String],
    /// Survey round ("" for a single round).
    pub round: &'a str,
}

/// Why ballots cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum BallotError {
    /// The form does not fit one page.
    Layout(#[from] LayoutError),
    /// The PDF writer failed.
    Pdf(#[from] crate::ballot::pdf::PdfError),
    /// The record of print runs could not be read or written, or conflicts.
    Issued(#[from] crate::store::ballots::IssuedError),
    /// An `--area` is not `NAME=COUNT` with a count in 1..=99.999.
    BadArea {
        /// As typed.
        spec: String,
    },
    /// No `--area` at all.
    NoArea,
    /// More than 99 areas.
    TooManyAreas {
        /// How many.
        count: usize,
    },
    /// The same area name twice.
    DuplicateArea {
        /// Its name.
        area: String,
    },
    /// The round has characters an id cannot hold.
    BadRound {
        /// As typed.
        round: String,
    },
    /// The form id has characters an id cannot hold.
    BadFormId {
        /// Form id.
        form: String,
    },
    /// The unit named is a ward.
    NotACommune {
        /// Its name.
        unit: String,
    },
}

impl Localized for BallotError {
    fn message(&self, lang: Lang) -> String {
        match self {
            BallotError::Layout(e) => e.message(lang),
            BallotError::Pdf(e) => e.message(lang),
            BallotError::Issued(e) => e.message(lang),
            BallotError::BadArea { spec } => T::BadArea.fill(lang, &[("spec", spec)]),
            BallotError::NoArea => T::NoArea.text(lang).to_string(),
            BallotError::TooManyAreas { count } => T::TooManyAreas.say(lang, &[("count", count)]),
            BallotError::DuplicateArea { area } => T::DuplicateArea.fill(lang, &[("area", area)]),
            BallotError::BadRound { round } => T::BadRound.fill(lang, &[("round", round)]),
            BallotError::BadFormId { form } => T::BadFormId.fill(lang, &[("form", form)]),
            BallotError::NotACommune { unit } => T::NotACommune.fill(lang, &[("unit", unit)]),
        }
    }
}

crate::display_in_vietnamese!(BallotError);

/// The ballots made, ready to save.
#[derive(Debug, Clone)]
pub struct Printed {
    /// The PDF, one page per ballot.
    pub pdf: Vec<u8>,
    /// The layout JSON (see [`layout_json`]).
    pub layout_json: Vec<u8>,
    /// The print run, as the workspace records it.
    pub issue: Issue,
    /// Pages (= ballots) in the PDF.
    pub pages: u32,
    /// The form's wording is not checked against the original (`verified = false`).
    pub unverified: bool,
}

/// Parses `NAME=COUNT` (the name may hold `=`; the last one separates).
fn parse_area(spec: &str) -> Result<(String, u32), BallotError> {
    spec.rsplit_once('=')
        .and_then(|(n, c)| Some((n.trim(), c.trim().parse::<u32>().ok()?)))
        .filter(|(n, c)| !n.is_empty() && (1..=99_999).contains(c))
        .map(|(n, c)| (n.to_string(), c))
        .ok_or_else(|| BallotError::BadArea {
            spec: spec.to_string(),
        })
}

/// The areas of a request, numbered from 1.
fn areas(specs: &[String]) -> Result<Vec<IssuedArea>, BallotError> {
    if specs.is_empty() {
        return Err(BallotError::NoArea);
    }
    if specs.len() > 99 {
        return Err(BallotError::TooManyAreas { count: specs.len() });
    }
    let mut out: Vec<IssuedArea> = Vec::new();
    for (n, spec) in specs.iter().enumerate() {
        let (name, issued) = parse_area(spec)?;
        let key = crate::text::fold_place(&name);
        if out.iter().any(|a| crate::text::fold_place(&a.name) == key) {
            return Err(BallotError::DuplicateArea { area: name });
        }
        out.push(IssuedArea {
            number: n as u32 + 1,
            name,
            issued,
        });
    }
    Ok(out)
}

/// Makes the ballots of `req` (nothing is written).
pub fn build(req: &Request) -> Result<Printed, AppError> {
    let lib = super::score::library_for(req.data, None)?;
    let form = lib.form(req.form).ok_or_else(|| AppError::UnknownForm {
        form: req.form.to_string(),
        known: lib.forms.keys().cloned().collect(),
    })?;
    let unit = Gazetteer::son_la().resolve(req.commune)?.unit.clone();
    if unit.kind == UnitKind::Phuong {
        return Err(BallotError::NotACommune { unit: unit.name }.into());
    }
    let areas = areas(req.areas)?;
    let id_of = |area_no: u32, serial: u32| BallotId {
        form: form.id().to_string(),
        commune_code: unit.code.clone(),
        area_no,
        serial,
        round: req.round.to_string(),
    };
    match id_of(1, 1).validate() {
        Err(IdError::Unencodable("form")) => {
            return Err(BallotError::BadFormId {
                form: form.id().to_string(),
            }
            .into());
        }
        Err(_) => {
            return Err(BallotError::BadRound {
                round: req.round.to_string(),
            }
            .into());
        }
        Ok(()) => {}
    }
    let layout = layout_for(form).map_err(BallotError::from)?;
    let ballots: Vec<(BallotId, &str)> = areas
        .iter()
        .flat_map(|a| (1..=a.issued).map(move |s| (a.number, s, a.name.as_str())))
        .map(|(n, s, name)| (id_of(n, s), name))
        .collect();
    let (common, own) = draw::pages(form, &ballots).map_err(BallotError::from)?;
    let title = format!("{} — {}", form.header.title, unit.name);
    let pdf = crate::ballot::pdf::write(&common, own, &title).map_err(BallotError::from)?;
    let layout_json = layout_json(&layout, &ballots);
    let issue = Issue {
        form: form.id().to_string(),
        commune: unit.name.clone(),
        commune_code: unit.code.clone(),
        round: req.round.to_string(),
        areas: areas.clone(),
        printed_at: crate::store::now_utc(),
        pdf_sha256: crate::ingest::sha256_hex(&pdf),
    };
    Ok(Printed {
        pdf,
        layout_json,
        issue,
        pages: ballots.len() as u32,
        unverified: !form.header.verified || form.items.iter().any(|i| !i.verified),
    })
}

/// Records a print run in the workspace `data` (see [`crate::store::ballots::save_issue`]).
pub fn record(data: &Path, issue: &Issue, replace: bool) -> Result<(), AppError> {
    crate::store::ballots::save_issue(data, issue, replace)
        .map_err(|e| AppError::from(BallotError::from(e)))
}

/// A millimetre value for the JSON: 0,001 mm precision, whole numbers without a fraction.
fn mm(v: f64) -> Value {
    let r = (v * 1000.0).round() / 1000.0;
    if r.fract() == 0.0 && r.abs() < 1e9 {
        json!(r as i64)
    } else {
        json!(r)
    }
}

fn rect(r: Rect) -> Value {
    Value::Array(r.to_array().into_iter().map(mm).collect())
}

/// The layout JSON: `{"page_mm": [210, 297], "fiducials": [...], "qr": [...], "reason": ...,
/// "other_opinion": ..., "pages": [{"page": 1, "id": "…", "area": "…", "items": [{"number": 1,
/// "satisfied": [x, y, w, h], "dissatisfied": [x, y, w, h]}]}]}`, millimetres from the page's
/// top-left corner.
pub fn layout_json(layout: &BallotLayout, ballots: &[(BallotId, &str)]) -> Vec<u8> {
    let items: Vec<Value> = layout
        .items
        .iter()
        .map(|i| {
            json!({
                "number": i.number,
                "satisfied": rect(i.satisfied),
                "dissatisfied": rect(i.dissatisfied),
            })
        })
        .collect();
    let pages: Vec<Value> = ballots
        .iter()
        .enumerate()
        .map(|(n, (id, area))| {
            json!({"page": n + 1, "id": id.encode(), "area": area, "items": items})
        })
        .collect();
    let doc = json!({
        "page_mm": [mm(layout.page_mm.0), mm(layout.page_mm.1)],
        "fiducials": layout.fiducials.iter().map(|r| rect(*r)).collect::<Vec<_>>(),
        "qr": layout.qr.iter().map(|r| rect(*r)).collect::<Vec<_>>(),
        "reason": rect(layout.reason),
        "other_opinion": rect(layout.other_opinion),
        "pages": pages,
    });
    let mut out = serde_json::to_vec(&doc).unwrap_or_default();
    out.push(b'\n');
    out
}
