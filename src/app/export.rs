//! The export use cases: a commune's dossier appendices, and the province synthesis.
//!
//! Everything the workbooks need is gathered here (scores, texts, sources, the office's heading
//! from `hailong.toml`) and handed to [`crate::dossier`], which only lays it out.

use super::AppError;
use super::output::{Built, bytes};
use super::score::Scope;
use crate::dossier::commune::{CommuneDossier, build as build_commune};
use crate::dossier::look::Heading;
use crate::score::CommuneScore;
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
        symbol: "MTTQ-BTT".into(),
        on_behalf: "TM. BAN THƯỜNG TRỰC".into(),
        province: province(office),
    }
}

/// The province, in words: the workspace's setting, else Sơn La (the gazetteer shipped).
pub(super) fn province(office: &Office) -> String {
    office.province.clone().unwrap_or_else(|| "Sơn La".into())
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
    let p = province(office);
    heading_from(
        office,
        format!("ỦY BAN MTTQ VIỆT NAM TỈNH {}", p.to_uppercase()),
        p,
    )
}

/// Builds the dossier of the scope's commune (form numbers in the reasons and opinions only
/// with `include_ids`).
pub fn commune_dossier(
    scope: &Scope,
    data: &Path,
    include_ids: bool,
) -> Result<Built<CommuneScore>, AppError> {
    let config = Config::load(data)?;
    let s = scope.commune_score()?;
    // A dossier is signed and filed: never on figures a person has yet to confirm.
    if s.awaiting_review.any() {
        return Err(AppError::ReviewPending {
            commune: s.commune.clone(),
            count: s.awaiting_review.items + s.awaiting_review.pages,
        });
    }
    let lib = scope.library();
    let f = lib.form(&s.form).ok_or_else(|| AppError::UnknownForm {
        form: s.form.clone(),
        known: lib.forms.keys().cloned().collect(),
    })?;
    let rules = lib.rules_for(lib.default_pack(), &s.form)?;
    let texts = scope.texts(&s, include_ids)?;
    let sources = scope.sources(&s);
    let documents = lib
        .recognition_for(lib.default_pack(), &f.header.recognition)
        .map(|r| r.documents)
        .unwrap_or_default();
    let d = CommuneDossier {
        score: &s,
        form: f,
        rules: &rules,
        texts: &texts,
        sources: &sources,
        heading: commune_heading(&config.office, &s.commune),
        include_ids,
        documents: &documents,
    };
    let bytes = bytes(build_commune(&d))?;
    Ok(Built { of: s, bytes })
}

/// Builds the province synthesis of the scope's communes.
pub fn province_dossier(scope: &Scope, data: &Path) -> Result<Built<Vec<CommuneScore>>, AppError> {
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
    let wb = crate::dossier::province::build(&all, &unsurveyed, &province_heading(&config.office));
    Ok(Built {
        of: all,
        bytes: bytes(wb)?,
    })
}

/// The problems and readings of an import or check as a workbook people can fix from.
pub fn errors_workbook(
    files: &[crate::ingest::FileReport],
    lang: crate::i18n::Lang,
) -> Result<Vec<u8>, AppError> {
    bytes(crate::dossier::errors::build(files, lang))
}
