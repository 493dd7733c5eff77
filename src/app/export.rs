//! The export use cases: a commune's dossier appendices, and the province synthesis.
//!
//! Everything the workbooks need is gathered here (scores, texts, sources, the office's heading
//! from `hailong.toml`) and handed to [`crate::dossier`], which only lays it out.

use super::AppError;
use super::score::{Scope, score_commune};
use crate::dossier::commune::{CommuneDossier, write as write_commune};
use crate::dossier::look::Heading;
use crate::score::CommuneScore;
use crate::store::Workspace;
use crate::store::config::{Config, Office};
use std::path::Path;

fn year() -> String {
    crate::store::now_utc()[..4].to_string()
}

/// A heading from the workspace's settings, with defaults for what they leave out.
fn heading_from(office: &Office, body: String, place: String) -> Heading {
    let or = |v: &Option<String>, d: &str| v.clone().unwrap_or_else(|| d.to_string());
    Heading {
        issuing_body: or(&office.issuing_body, &body),
        issuing_unit: or(&office.issuing_unit, "BAN THƯỜNG TRỰC"),
        place: or(&office.place, &place),
        year: year(),
        signer_title: or(&office.signer_title, "CHỦ TỊCH"),
        signer_name: or(&office.signer_name, ""),
    }
}

/// The heading of a commune's documents: the workspace's settings, else from the commune.
pub fn commune_heading(office: &Office, commune: &str) -> Heading {
    heading_from(
        office,
        format!("ỦY BAN MTTQ VIỆT NAM {}", commune.to_uppercase()),
        commune.trim_start_matches("Xã ").to_string(),
    )
}

/// The heading of the province's documents.
pub fn province_heading(office: &Office) -> Heading {
    heading_from(
        office,
        "ỦY BAN MTTQ VIỆT NAM TỈNH SƠN LA".into(),
        "Sơn La".into(),
    )
}

/// One commune's dossier to write.
pub struct CommuneExport<'a> {
    /// The workspace.
    pub ws: &'a Workspace,
    /// Its directory (for `hailong.toml`).
    pub data: &'a Path,
    /// Rules and forms.
    pub lib: &'a crate::rules::Library,
    /// Commune (canonical name).
    pub commune: &'a str,
    /// Form, when the commune has several.
    pub form: Option<&'a str>,
    /// Show form numbers in the reasons and opinions.
    pub include_ids: bool,
    /// Output workbook.
    pub out: &'a Path,
}

/// Writes the dossier of one commune of the workspace; returns its score.
pub fn export_commune(e: &CommuneExport) -> Result<CommuneScore, AppError> {
    let config = Config::load(e.data)?;
    let s = score_commune(e.ws, e.lib, e.commune, e.form)?;
    let f = e.lib.form(&s.form).ok_or_else(|| AppError::UnknownForm {
        form: s.form.clone(),
        known: e.lib.forms.keys().cloned().collect(),
    })?;
    let rules = e.lib.rules_for(e.lib.default_pack(), &s.form)?;
    let texts =
        crate::score::texts::texts(e.ws, e.commune, &s.form, f.item_count(), e.include_ids)?;
    let sources: Vec<crate::store::SourceEntry> =
        e.ws.sources_of(e.commune, &s.form)
            .into_iter()
            .cloned()
            .collect();
    let documents = e
        .lib
        .recognition_for(e.lib.default_pack(), &f.header.recognition)
        .map(|r| r.documents)
        .unwrap_or_default();
    let d = CommuneDossier {
        score: &s,
        form: f,
        rules: &rules,
        texts: &texts,
        sources: &sources,
        heading: commune_heading(&config.office, e.commune),
        include_ids: e.include_ids,
        documents: &documents,
    };
    write_commune(&d, e.out).map_err(write_error(e.out))?;
    Ok(s)
}

fn write_error(path: &Path) -> impl Fn(rust_xlsxwriter::XlsxError) -> AppError + '_ {
    move |x| AppError::Write {
        path: path.display().to_string(),
        message: x.to_string(),
    }
}

/// Writes the province synthesis of the scope's communes to `out`; returns their scores.
pub fn export_province(
    scope: &Scope,
    data: &Path,
    out: &Path,
) -> Result<Vec<CommuneScore>, AppError> {
    let config = Config::load(data)?;
    let all = scope.all_scores(false)?;
    if all.is_empty() {
        return Err(AppError::EmptyWorkspace {
            dir: data.display().to_string(),
        });
    }
    let pending = scope.without_survey()?;
    let unsurveyed: Vec<crate::dossier::province::Unsurveyed> = pending
        .iter()
        .map(|w| crate::dossier::province::Unsurveyed {
            commune: &w.commune,
            criteria: &w.criteria,
            readiness: w.readiness.as_ref(),
        })
        .collect();
    crate::dossier::province::write(&all, &unsurveyed, &province_heading(&config.office), out)
        .map_err(write_error(out))?;
    Ok(all)
}

/// The reasons and other opinions of the scope's commune (form numbers only with `include_ids`).
pub fn texts(
    scope: &Scope,
    score: &CommuneScore,
    include_ids: bool,
) -> Result<crate::score::texts::Texts, AppError> {
    let f = scope
        .lib
        .form(&score.form)
        .ok_or_else(|| AppError::UnknownForm {
            form: score.form.clone(),
            known: scope.lib.forms.keys().cloned().collect(),
        })?;
    Ok(crate::score::texts::texts(
        &scope.ws,
        &score.commune,
        &score.form,
        f.item_count(),
        include_ids,
    )?)
}
