//! The template use case: the canonical entry workbook for one commune and form.

use super::AppError;
use super::output::{Built, bytes};
use crate::model::RegisterArea;
use crate::rules::gazetteer::Gazetteer;
use crate::template::TemplateSpec;
use std::path::Path;

/// What entry workbook to write.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The workspace whose rules name the forms (its `hailong.toml`, else the shipped rules).
    pub data: &'a Path,
    /// Form id.
    pub form: &'a str,
    /// Commune, as typed (found in the gazetteer).
    pub commune: &'a str,
    /// Residential areas as `NAME=HOUSEHOLDS`.
    pub areas: &'a [String],
    /// Form rows prepared with drop-down lists.
    pub rows: u32,
}

/// What was written.
#[derive(Debug, Clone)]
pub struct Written {
    /// The commune's canonical name.
    pub commune: String,
    /// The form id.
    pub form: String,
}

/// Parses `NAME=HOUSEHOLDS` (the name may itself hold `=`; the last one separates).
pub fn parse_area(spec: &str) -> Result<RegisterArea, AppError> {
    spec.rsplit_once('=')
        .and_then(|(n, h)| Some((n.trim(), h.trim().parse::<u32>().ok()?)))
        .filter(|(n, _)| !n.is_empty())
        .map(|(name, households)| RegisterArea {
            area: name.to_string(),
            households,
            forms_issued: None,
        })
        .ok_or_else(|| AppError::BadAreaSpec {
            spec: spec.to_string(),
        })
}

/// Builds the entry workbook of `req` with the forms of the workspace's rules.
pub fn build(req: &Request) -> Result<Built<Written>, AppError> {
    let lib = super::score::library_for(req.data, None)?;
    let form = lib.form(req.form).ok_or_else(|| AppError::UnknownForm {
        form: req.form.to_string(),
        known: lib.forms.keys().cloned().collect(),
    })?;
    let commune = Gazetteer::son_la().resolve(req.commune)?.unit.name.clone();
    let areas = req
        .areas
        .iter()
        .map(|s| parse_area(s))
        .collect::<Result<Vec<_>, _>>()?;
    let spec = TemplateSpec {
        commune: &commune,
        form,
        areas: &areas,
        ballot_rows: req.rows,
        sample_note: None,
    };
    let bytes = bytes(crate::template::build(&spec))?;
    Ok(Built {
        of: Written {
            commune,
            form: form.id().to_string(),
        },
        bytes,
    })
}

/// What self-assessment workbook to write.
#[derive(Debug, Clone, Copy)]
pub struct CriteriaRequest<'a> {
    /// Criteria set id (`xa-ntm-2021-2025`).
    pub set: &'a str,
    /// Commune, as typed (found in the gazetteer).
    pub commune: &'a str,
    /// Commune group, for a set whose targets depend on it ("3", "Nhóm 3").
    pub group: Option<&'a str>,
    /// The workspace whose rules give the set and its conditions (its `hailong.toml`, else the
    /// shipped rules).
    pub data: &'a Path,
}

/// What self-assessment workbook was written.
#[derive(Debug, Clone)]
pub struct CriteriaWritten {
    /// The commune's canonical name.
    pub commune: String,
    /// The set id.
    pub set: String,
    /// Indicator rows.
    pub rows: usize,
    /// The region or group whose targets were written (`None`: none applies, or see
    /// `group_left_open`).
    pub region_or_group: Option<String>,
    /// The set's targets depend on a commune group that was not given: the commune chooses it.
    pub group_left_open: bool,
}

/// Builds the self-assessment workbook of `req`.
pub fn build_criteria(req: &CriteriaRequest) -> Result<Built<CriteriaWritten>, AppError> {
    let lib = super::score::library_for(req.data, None)?;
    let set = lib
        .criteria_sets
        .get(req.set)
        .ok_or_else(|| AppError::UnknownCriteriaSet {
            set: req.set.to_string(),
            known: lib.criteria_sets.keys().cloned().collect(),
        })?;
    let commune = Gazetteer::son_la().resolve(req.commune)?.unit.name.clone();
    let group = match req.group {
        None => None,
        Some(g) => Some(
            set.commune_group(g)
                .ok_or_else(|| AppError::UnknownCommuneGroup {
                    set: set.header.id.clone(),
                    group: g.to_string(),
                    groups: set.header.commune_groups.clone(),
                })?,
        ),
    };
    let conditions = lib
        .recognition_for(lib.default_pack(), &set.header.recognition)
        .map(|r| r.conditions)
        .unwrap_or_default();
    let t = crate::template::criteria::CriteriaTemplate {
        commune: &commune,
        set,
        group,
        conditions: &conditions,
        posting_rows: 12,
        fill: None,
    };
    let bytes = bytes(crate::template::criteria::build(&t))?;
    let of = CriteriaWritten {
        commune,
        set: set.header.id.clone(),
        rows: set.rows(group).len(),
        region_or_group: group
            .map(str::to_string)
            .or_else(|| set.region().map(str::to_string)),
        group_left_open: group.is_none() && !set.header.commune_groups.is_empty(),
    };
    Ok(Built { of, bytes })
}
