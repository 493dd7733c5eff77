//! The template page's fields read and checked, each error kept beside its field in words: a
//! residential area is a name and a number of households typed in two fields, never
//! "Tên=Số hộ" in one; what people slip into them ("Bản Nà Sản 120" with no households, "=1.200"
//! as a name, "1.200" as households) is recognised and said.

use super::pages::template::{AreaField, EntryForm, SelfForm};
use crate::app::province::Titles;
use crate::i18n::{Lang, Localized, WebText as W};
use crate::text::fold;

/// Rows of area fields the form shows at least (more when more were typed or asked for).
pub const AREA_ROWS: usize = 5;

/// The values of `key` in a query, in order.
fn all<'a>(query: &'a [(String, String)], key: &str) -> Vec<&'a str> {
    query
        .iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .collect()
}

fn one<'a>(query: &'a [(String, String)], key: &str) -> &'a str {
    all(query, key).first().copied().unwrap_or("").trim()
}

/// A number of households as people type it: `120`, `1.200` or `1,200` (thousands grouped),
/// with spaces; `None` when it is not a whole number.
pub fn households(text: &str) -> Option<u32> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let groups: Vec<&str> = t.split(['.', ',']).collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3);
    if groups.len() > 1 && !grouped {
        return None;
    }
    groups.concat().parse().ok()
}

/// The number a name ends with ("Bản Nà Sản 120" → "120"), if any.
fn trailing_number(name: &str) -> Option<&str> {
    let last = name.rsplit(' ').next()?;
    (name.contains(' ') && households(last).is_some()).then_some(last)
}

/// The commune as the list gives it, or a former name resolved (with a note saying so).
fn commune(text: &str, lang: Lang) -> (String, Option<String>, Option<String>) {
    if text.is_empty() {
        return (
            String::new(),
            Some(W::ChooseCommuneError.text(lang).into()),
            None,
        );
    }
    match crate::app::province::resolve(text) {
        Ok(r) => {
            let note = r
                .via_old
                .as_ref()
                .map(|old| W::FormerNameResolved.fill(lang, &[("old", old), ("name", &r.name)]));
            (r.name, None, note)
        }
        Err(e) => (text.to_string(), Some(e.message(lang)), None),
    }
}

/// The commune of a query: nothing when the form was not sent yet, else [`commune`].
fn commune_of(query: &[(String, String)], lang: Lang) -> (String, Option<String>, Option<String>) {
    match one(query, "commune") {
        "" if !query.iter().any(|(k, _)| k == "commune") => (String::new(), None, None),
        c => commune(c, lang),
    }
}

/// The entry workbook's form from a query: its fields as typed, with their errors, and the
/// areas as `NAME=HOUSEHOLDS` when nothing is wrong. `more` adds an empty row ("Thêm bản"
/// without the script).
pub fn entry(
    query: &[(String, String)],
    titles: &Titles,
    more: bool,
    lang: Lang,
) -> (EntryForm, Option<Vec<String>>) {
    let (commune, commune_error, commune_note) = commune_of(query, lang);
    let form = match one(query, "form") {
        "" => titles
            .forms
            .first()
            .map(|f| f.0.clone())
            .unwrap_or_default(),
        f => f.to_string(),
    };
    let form_error = (!titles.forms.iter().any(|(id, _)| *id == form))
        .then(|| W::UnknownFormError.text(lang).to_string());
    let names = all(query, "ten");
    let counts = all(query, "ho");
    let typed = names.len().max(counts.len());
    let mut areas: Vec<AreaField> = (0..typed)
        .map(|i| AreaField {
            name: names.get(i).unwrap_or(&"").trim().to_string(),
            households: counts.get(i).unwrap_or(&"").trim().to_string(),
            ..AreaField::default()
        })
        .collect();
    let mut specs = Vec::new();
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (i, a) in areas.iter_mut().enumerate() {
        if a.name.is_empty() && a.households.is_empty() {
            continue;
        }
        let count = households(&a.households);
        if a.name.is_empty() {
            a.name_error = Some(W::AreaNameMissing.text(lang).into());
        } else if a.name.contains('=') {
            a.name_error = Some(W::AreaNameWithEquals.text(lang).into());
        } else if let Some(&(_, first)) = seen.iter().find(|(k, _)| *k == fold(&a.name)) {
            a.name_error = Some(W::AreaRepeated.say(lang, &[("row", &first)]));
        }
        if a.households.is_empty() {
            // "Bản Nà Sản 120": the households typed into the name, said there.
            match trailing_number(&a.name) {
                Some(n) if a.name_error.is_none() => {
                    a.name_error = Some(W::NumberInName.fill(lang, &[("number", n)]))
                }
                _ => a.households_error = Some(W::HouseholdsMissing.text(lang).into()),
            }
        } else {
            match count {
                None => {
                    a.households_error = Some(W::HouseholdsNotNumber.text(lang).into());
                }
                Some(0) => a.households_error = Some(W::HouseholdsZero.text(lang).into()),
                Some(_) => {}
            }
        }
        seen.push((fold(&a.name), i + 1));
        if let (None, None, Some(n)) = (&a.name_error, &a.households_error, count) {
            specs.push(format!("{}={n}", a.name));
        }
    }
    let wanted = areas.len().max(AREA_ROWS) + usize::from(more);
    areas.resize_with(wanted, AreaField::default);
    let ok = commune_error.is_none()
        && !commune.is_empty()
        && form_error.is_none()
        && areas
            .iter()
            .all(|a| a.name_error.is_none() && a.households_error.is_none());
    let f = EntryForm {
        commune,
        commune_error,
        commune_note,
        form,
        form_error,
        areas,
    };
    (f, ok.then_some(specs))
}

/// The self-assessment's form from a query; `true` when it can be built.
pub fn self_assessment(
    query: &[(String, String)],
    titles: &Titles,
    lang: Lang,
) -> (SelfForm, bool) {
    let (commune, commune_error, commune_note) = commune_of(query, lang);
    let set = match one(query, "criteria") {
        "" => titles
            .sets
            .first()
            .map(|s| s.id.clone())
            .unwrap_or_default(),
        s => s.to_string(),
    };
    let known = titles.sets.iter().find(|s| s.id == set);
    let set_error = known
        .is_none()
        .then(|| W::UnknownSetError.text(lang).to_string());
    let group = one(query, "group").to_string();
    let group_error = match known {
        Some(s) if !group.is_empty() && !s.groups.contains(&group) => Some(
            W::GroupNotOfSet.fill(lang, &[("set", &s.title), ("groups", &s.groups.join("; "))]),
        ),
        _ => None,
    };
    let ok = commune_error.is_none()
        && !commune.is_empty()
        && set_error.is_none()
        && group_error.is_none();
    let f = SelfForm {
        commune,
        commune_error,
        commune_note,
        set,
        set_error,
        group,
        group_error,
    };
    (f, ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles() -> Titles {
        Titles {
            forms: vec![("xa-ntm".into(), "Phiếu xã nông thôn mới".into())],
            sets: Vec::new(),
        }
    }

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn households_as_typed() {
        assert_eq!(households("120"), Some(120));
        assert_eq!(households("1.200"), Some(1200));
        assert_eq!(households("1,200"), Some(1200));
        assert_eq!(households(" 1 200 "), Some(1200));
        assert_eq!(households("1,5"), None);
        assert_eq!(households("=1.200"), None);
        assert_eq!(households("abc"), None);
    }

    #[test]
    fn three_areas_are_read_and_slips_are_errors_beside_their_field() {
        let (f, areas) = entry(
            &q(&[
                ("commune", "Xã Chiềng Mung"),
                ("form", "xa-ntm"),
                ("ten", "Bản Nà Sản"),
                ("ho", "120"),
                ("ten", "Bản Co Muông"),
                ("ho", "1.200"),
                ("ten", "Bản Hụm"),
                ("ho", "95"),
                ("ten", ""),
                ("ho", ""),
            ]),
            &titles(),
            false,
            Lang::Vi,
        );
        assert_eq!(
            areas.unwrap(),
            ["Bản Nà Sản=120", "Bản Co Muông=1200", "Bản Hụm=95"]
        );
        assert_eq!(f.areas.len(), AREA_ROWS);

        let (f, areas) = entry(
            &q(&[
                ("commune", "Mường Bon"),
                ("ten", "Bản Nà Sản 120"),
                ("ho", ""),
                ("ten", "=1.200"),
                ("ho", ""),
                ("ten", "Bản A"),
                ("ho", "=1.200"),
            ]),
            &titles(),
            true,
            Lang::Vi,
        );
        assert!(areas.is_none());
        assert_eq!(f.commune, "Xã Chiềng Mung", "a former name is resolved");
        assert!(f.commune_note.unwrap().contains("Mường Bon"));
        assert!(f.areas[0].name_error.as_ref().unwrap().contains("120"));
        assert!(f.areas[1].name_error.is_some());
        assert!(f.areas[2].households_error.is_some());
        assert_eq!(f.areas.len(), AREA_ROWS + 1, "one more row asked for");
    }
}
