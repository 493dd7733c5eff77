//! The gazetteer: Sơn La's 75 units after 1 July 2025 and the old units each was formed from.
//!
//! A file that names an old commune is attributed to the merged one with a warning; a name that
//! fits several units is refused with the candidates. Matching ignores accents, case and the
//! "Xã"/"Phường" prefix. The list is data (`data/sonla-units-2025.csv`), never code.

use crate::i18n::{Lang, Localized};
use crate::text::{closest, fold_place};

const CSV: &str = include_str!("../../data/sonla-units-2025.csv");

/// Level of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// Xã: its households are surveyed.
    Xa,
    /// Phường: not surveyed for NTM.
    Phuong,
}

/// One unit after the 2025 merger.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Code from a public dataset (unverified).
    pub code: String,
    /// Name with prefix ("Xã Chiềng Mung").
    pub name: String,
    /// Level.
    pub kind: UnitKind,
    /// Old units it was formed from.
    pub formed_from: Vec<String>,
    /// The district the old units belonged to.
    pub former_district: String,
}

/// How a name was resolved.
#[derive(Debug, Clone)]
pub struct Resolved<'a> {
    /// The unit.
    pub unit: &'a Unit,
    /// The old unit's name, when the input named one.
    pub via_old: Option<String>,
}

/// A name that does not resolve to exactly one unit.
#[derive(Debug, Clone, thiserror::Error)]
pub enum LookupError {
    /// No unit has this name, old or new.
    Unknown {
        /// Name as given.
        name: String,
        /// Closest names.
        suggestions: Vec<String>,
    },
    /// Several units fit.
    Ambiguous {
        /// Name as given.
        name: String,
        /// The candidates, described.
        candidates: Vec<String>,
    },
}

impl Localized for LookupError {
    fn message(&self, lang: Lang) -> String {
        use crate::i18n::ErrorText as T;
        match self {
            LookupError::Unknown { name, suggestions } => T::LookupUnknown.fill(
                lang,
                &[("name", name), ("suggestions", &suggestions.join(", "))],
            ),
            LookupError::Ambiguous { name, candidates } => T::LookupAmbiguous.fill(
                lang,
                &[("name", name), ("candidates", &candidates.join("; "))],
            ),
        }
    }
}

crate::display_in_vietnamese!(LookupError);

/// The list of units.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    units: Vec<Unit>,
}

impl Gazetteer {
    /// The shipped list for Sơn La.
    pub fn son_la() -> Gazetteer {
        let units = CSV
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .map(|line| {
                let f: Vec<&str> = line.split(',').collect();
                Unit {
                    code: f[0].to_string(),
                    name: f[1].to_string(),
                    kind: if f[2] == "phường" {
                        UnitKind::Phuong
                    } else {
                        UnitKind::Xa
                    },
                    formed_from: f[4]
                        .split(';')
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect(),
                    former_district: f.get(5).unwrap_or(&"").to_string(),
                }
            })
            .collect();
        Gazetteer { units }
    }

    /// Every unit.
    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// Resolves a name typed by a person: a new unit first, then an old one.
    pub fn resolve(&self, name: &str) -> Result<Resolved<'_>, LookupError> {
        let key = fold_place(name);
        let new: Vec<&Unit> = self
            .units
            .iter()
            .filter(|u| fold_place(&u.name) == key)
            .collect();
        if new.len() == 1 {
            return Ok(Resolved {
                unit: new[0],
                via_old: None,
            });
        }
        if new.len() > 1 {
            return Err(LookupError::Ambiguous {
                name: name.into(),
                candidates: new.iter().map(|u| u.name.clone()).collect(),
            });
        }
        let mut old: Vec<(&Unit, &String)> = Vec::new();
        for u in &self.units {
            for o in &u.formed_from {
                if fold_place(o) == key {
                    old.push((u, o));
                }
            }
        }
        match old.len() {
            1 => Ok(Resolved {
                unit: old[0].0,
                via_old: Some(old[0].1.clone()),
            }),
            0 => Err(LookupError::Unknown {
                name: name.into(),
                suggestions: closest(name, self.units.iter().map(|u| u.name.as_str()), 3)
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
            }),
            _ => Err(LookupError::Ambiguous {
                name: name.into(),
                candidates: old
                    .iter()
                    .map(|(u, o)| format!("{o} ({}) → {}", u.former_district, u.name))
                    .collect(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_75_units_8_wards() {
        let g = Gazetteer::son_la();
        assert_eq!(g.units().len(), 75);
        assert_eq!(
            g.units()
                .iter()
                .filter(|u| u.kind == UnitKind::Phuong)
                .count(),
            8
        );
    }

    #[test]
    fn resolves_new_old_and_ambiguous() {
        let g = Gazetteer::son_la();
        assert_eq!(
            g.resolve("chieng mung").unwrap().unit.name,
            "Xã Chiềng Mung"
        );
        let r = g.resolve("Xã Mường Bon").unwrap();
        assert_eq!(r.unit.name, "Xã Chiềng Mung");
        assert_eq!(r.via_old.as_deref(), Some("Xã Mường Bon"));
        // Two old communes named Chiềng Chung went to different new ones.
        assert!(matches!(
            g.resolve("Chiềng Chung"),
            Err(LookupError::Ambiguous { .. })
        ));
        assert!(matches!(
            g.resolve("Hà Nội"),
            Err(LookupError::Unknown { .. })
        ));
    }
}
