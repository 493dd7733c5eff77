//! The province at a glance, and what a front-end offers to choose from.
//!
//! Every unit of the province's gazetteer with what the workspace holds for it (a survey, a
//! self-assessment only, or nothing yet), the units as a list to pick a commune from (their
//! former names with them), and the titles of the forms and criteria sets, so that no page has
//! to show an id such as `xa-ntm-2021-2025`.

use super::AppError;
use super::score::WithoutSurvey;
use crate::rules::gazetteer::{Gazetteer, UnitKind};
use crate::score::CommuneScore;
use crate::text::fold_place;
use std::collections::HashSet;
use std::path::Path;

/// One unit of the province after the 2025 merger.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Its name with its prefix ("Xã Chiềng Mung").
    pub name: String,
    /// A ward (phường): not surveyed for the new-rural programme.
    pub ward: bool,
    /// The former units it was formed from, by name ("Xã Mường Bon").
    pub former: Vec<String>,
    /// The district the former units belonged to.
    pub former_district: String,
}

/// The province's units, communes first and then wards, each group by name.
pub fn units() -> Vec<Unit> {
    let mut out: Vec<Unit> = Gazetteer::son_la()
        .units()
        .iter()
        .map(|u| Unit {
            name: u.name.clone(),
            ward: u.kind == UnitKind::Phuong,
            former: u.formed_from.clone(),
            former_district: u.former_district.clone(),
        })
        .collect();
    out.sort_by_cached_key(|u| (u.ward, fold_place(&u.name)));
    out
}

/// A commune's name as typed, resolved to a unit of the province.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The unit's name.
    pub name: String,
    /// The former unit's name, when the text named one.
    pub via_old: Option<String>,
}

/// Resolves a commune's name (new or former, without accents or case) to its unit.
pub fn resolve(name: &str) -> Result<Resolved, AppError> {
    let g = Gazetteer::son_la();
    let r = g.resolve(name)?;
    Ok(Resolved {
        name: r.unit.name.clone(),
        via_old: r.via_old,
    })
}

/// What the workspace holds for one row of the province's list.
#[derive(Debug, Clone, Copy)]
pub enum Holding<'a> {
    /// A scored survey (one row per form when a commune was surveyed with several).
    Survey(&'a CommuneScore),
    /// A self-assessment of the criteria and no survey yet.
    SelfAssessment(&'a WithoutSurvey),
    /// Nothing sent yet.
    Nothing,
}

/// One row of the province's list.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    /// The commune's name.
    pub commune: &'a str,
    /// Its unit in the gazetteer (`None`: a commune of the workspace the gazetteer does not
    /// know, such as another province's).
    pub unit: Option<&'a Unit>,
    /// What the workspace holds for it.
    pub holding: Holding<'a>,
}

/// Every row of the province's list: the surveyed communes in the order given (failing and
/// closest first), then those with a self-assessment only, then every unit that sent nothing.
pub fn glance<'a>(
    units: &'a [Unit],
    scores: &'a [CommuneScore],
    pending: &'a [WithoutSurvey],
) -> Vec<Row<'a>> {
    let unit_of = |name: &str| {
        let key = fold_place(name);
        units.iter().find(|u| fold_place(&u.name) == key)
    };
    let mut seen: HashSet<String> = HashSet::new();
    let mut rows = Vec::with_capacity(units.len() + scores.len());
    for s in scores {
        seen.insert(fold_place(&s.commune));
        rows.push(Row {
            commune: &s.commune,
            unit: unit_of(&s.commune),
            holding: Holding::Survey(s),
        });
    }
    for w in pending {
        seen.insert(fold_place(&w.commune));
        rows.push(Row {
            commune: &w.commune,
            unit: unit_of(&w.commune),
            holding: Holding::SelfAssessment(w),
        });
    }
    for u in units {
        if !seen.contains(&fold_place(&u.name)) {
            rows.push(Row {
                commune: &u.name,
                unit: Some(u),
                holding: Holding::Nothing,
            });
        }
    }
    rows
}

/// A criteria set as a front-end offers it.
#[derive(Debug, Clone)]
pub struct SetTitle {
    /// Its id (what a request names).
    pub id: String,
    /// Its title, in words.
    pub title: String,
    /// The commune groups its targets depend on (2026–2030), by full name.
    pub groups: Vec<String>,
}

/// The titles of the forms and criteria sets in force for a workspace.
#[derive(Debug, Clone, Default)]
pub struct Titles {
    /// (id, title) of every form.
    pub forms: Vec<(String, String)>,
    /// Every criteria set.
    pub sets: Vec<SetTitle>,
}

impl Titles {
    /// The title of form `id` (the id itself when the rules do not know it).
    pub fn form<'a>(&'a self, id: &'a str) -> &'a str {
        self.forms
            .iter()
            .find(|(f, _)| f == id)
            .map_or(id, |(_, t)| t.as_str())
    }

    /// The title of criteria set `id` (the id itself when the rules do not know it).
    pub fn set<'a>(&'a self, id: &'a str) -> &'a str {
        self.sets
            .iter()
            .find(|s| s.id == id)
            .map_or(id, |s| s.title.as_str())
    }
}

/// The titles of the forms and criteria sets under the workspace's rules.
pub fn titles(data: &Path) -> Result<Titles, AppError> {
    Ok(titles_in(&super::score::library_for(data, None)?))
}

/// The titles of the forms and criteria sets of `lib` (a scope's library, already loaded).
pub fn titles_in(lib: &crate::rules::Library) -> Titles {
    Titles {
        forms: lib
            .forms
            .iter()
            .map(|(id, f)| (id.clone(), f.header.title.clone()))
            .collect(),
        sets: lib
            .criteria_sets
            .iter()
            .map(|(id, s)| SetTitle {
                id: id.clone(),
                title: s.header.title.clone(),
                groups: s.header.commune_groups.clone(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unit_is_a_row_when_nothing_was_sent() {
        let units = units();
        let rows = glance(&units, &[], &[]);
        assert_eq!(rows.len(), 75);
        assert!(rows.iter().all(|r| matches!(r.holding, Holding::Nothing)));
        // Communes first, wards last.
        assert!(!rows[0].unit.unwrap().ward);
        assert!(rows[74].unit.unwrap().ward);
        let cm = rows.iter().find(|r| r.commune == "Xã Chiềng Mung").unwrap();
        assert!(cm.unit.unwrap().former.iter().any(|f| f == "Xã Mường Bon"));
    }
}
