//! Workbooks of answers to a survey pack (`hailong template --pack`): one row per respondent, a
//! column per item headed by its id ("Q1. …"), answers as the scale's labels or as codes.
//!
//! The file goes through the same guards as every survey file ([`super::source::load`]); then
//! the sheet whose header (in the first 20 rows) names every item of the pack is read. Every
//! cell that is not a code of its item's scale (a label it does not have, a number outside the
//! range) is a problem named by its cell, `Phiếu!C17`; a file with any problem is stored not at
//! all. The NTM forms' readers are not involved.

use super::FileReport;
use super::sheet::{Grid, cell_ref, cell_text};
use crate::i18n::{Lang, Localized, PackText as T};
use crate::rules::survey::SurveyPack;
use crate::store::packs::PackRow;
use calamine::Data;

/// What is wrong in a pack workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackProblemKind {
    /// The file cannot be opened (its reader's message, in Vietnamese and in English).
    Unreadable(String, String),
    /// No sheet has a header naming the pack's items.
    NoHeader,
    /// The header lacks these items.
    MissingItems(String),
    /// Neither the file nor the command line names the unit.
    NoCommune,
    /// A text that is neither a label nor a code of the item's scale.
    UnknownAnswer {
        /// Item id.
        item: String,
        /// The labels accepted, joined.
        accepted: String,
    },
    /// A number that is not a code of the item's scale.
    OutOfRange {
        /// Item id.
        item: String,
        /// The codes accepted, in words ("0–10, 99").
        accepted: String,
    },
    /// A file of no respondents.
    NoRows,
    /// A weight that is not a non-negative decimal number.
    BadWeight,
    /// A row of a pack reported per residential area that names none.
    NoArea,
    /// A column the mapping names is not in the export's header row.
    MappingColumn {
        /// The mapping's key (`items.Q1`, `mapping.area_column`).
        key: String,
        /// The column name it gives.
        name: String,
    },
    /// A column name of the mapping fits several columns.
    MappingAmbiguous {
        /// The mapping's key.
        key: String,
        /// The column name it gives.
        name: String,
        /// The columns it fits, joined.
        candidates: String,
    },
    /// Keys of the mapping's `[items]` or `[values]` that are no item or scale of the pack.
    MappingKeys(String),
    /// The mapping was written for another pack.
    MappingPack(String),
    /// A row names another commune than the file's (the value says which).
    OtherCommune,
}

/// A problem and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackProblem {
    /// `Sheet!C17`, or "" for the whole file.
    pub cell: String,
    /// What.
    pub kind: PackProblemKind,
    /// The value as written.
    pub value: String,
}

impl Localized for PackProblem {
    fn message(&self, lang: Lang) -> String {
        let what = match &self.kind {
            PackProblemKind::Unreadable(vi, en) => match lang {
                Lang::Vi => vi.clone(),
                Lang::En => en.clone(),
            },
            PackProblemKind::NoHeader => T::NoHeader.text(lang).to_string(),
            PackProblemKind::MissingItems(ids) => T::MissingItems.fill(lang, &[("ids", ids)]),
            PackProblemKind::NoCommune => T::NoCommune.text(lang).to_string(),
            PackProblemKind::UnknownAnswer { item, accepted } => {
                T::UnknownAnswer.fill(lang, &[("item", item), ("accepted", accepted)])
            }
            PackProblemKind::OutOfRange { item, accepted } => {
                T::OutOfRange.fill(lang, &[("item", item), ("accepted", accepted)])
            }
            PackProblemKind::NoRows => T::NoRows.text(lang).to_string(),
            PackProblemKind::BadWeight => T::BadWeight.text(lang).to_string(),
            PackProblemKind::NoArea => T::NoArea.text(lang).to_string(),
            PackProblemKind::MappingColumn { key, name } => {
                T::MappingColumn.fill(lang, &[("key", key), ("name", name)])
            }
            PackProblemKind::MappingAmbiguous {
                key,
                name,
                candidates,
            } => T::MappingAmbiguous.fill(
                lang,
                &[("key", key), ("name", name), ("candidates", candidates)],
            ),
            PackProblemKind::MappingKeys(keys) => T::MappingKeys.fill(lang, &[("keys", keys)]),
            PackProblemKind::MappingPack(id) => T::MappingPack.fill(lang, &[("id", id)]),
            PackProblemKind::OtherCommune => T::OtherCommune.text(lang).to_string(),
        };
        match (self.cell.is_empty(), self.value.is_empty()) {
            (true, _) => what,
            (false, true) => T::ProblemAt.fill(lang, &[("cell", &self.cell), ("message", &what)]),
            (false, false) => T::ProblemAtValue.fill(
                lang,
                &[
                    ("cell", &self.cell),
                    ("message", &what),
                    ("value", &self.value),
                ],
            ),
        }
    }
}

/// A pack workbook as read.
#[derive(Debug, Clone, Default)]
pub struct PackFile {
    /// The unit named in the file ("Xã:" cell), if any.
    pub commune: Option<String>,
    /// The respondents' rows.
    pub rows: Vec<PackRow>,
    /// Every problem; any one means the file is not stored.
    pub problems: Vec<PackProblem>,
}

/// Reads `bytes` (a file named `name`) as answers to `pack`.
pub fn read(bytes: Vec<u8>, name: &str, pack: &SurveyPack) -> PackFile {
    let mut out = PackFile::default();
    let grids = match load_grids(bytes, name) {
        Ok(g) => g,
        Err(p) => {
            out.problems.push(p);
            return out;
        }
    };
    let found = grids.iter().find_map(|g| header(g, pack).map(|h| (g, h)));
    let Some((grid, head)) = found else {
        out.problems.push(whole(best_missing(&grids, pack)));
        return out;
    };
    out.commune = commune_cell(grid, head.row);
    read_rows(grid, &head, pack, &mut out);
    if out.rows.is_empty() && out.problems.is_empty() {
        out.problems.push(whole(PackProblemKind::NoRows));
    }
    out
}

/// The sheets of a file, through the guards of every survey file; the reader's problem when
/// it cannot be opened.
pub(super) fn load_grids(bytes: Vec<u8>, name: &str) -> Result<Vec<Grid>, PackProblem> {
    let mut report = FileReport::new(name);
    match super::source::load(bytes, &mut report) {
        Some((grids, _)) => Ok(grids),
        None => {
            let why = |lang| {
                report
                    .problems
                    .first()
                    .map(|p| p.message(lang))
                    .unwrap_or_default()
            };
            Err(whole(PackProblemKind::Unreadable(
                why(Lang::Vi),
                why(Lang::En),
            )))
        }
    }
}

pub(super) fn whole(kind: PackProblemKind) -> PackProblem {
    PackProblem {
        cell: String::new(),
        kind,
        value: String::new(),
    }
}

/// An export's own value for a code (Kobo's choice name `rat_hai_long` for 5).
#[derive(Debug, Clone)]
pub(super) struct Mapped {
    /// The value folded, as cells are compared.
    pub(super) folded: String,
    /// As the mapping writes it, for messages.
    pub(super) written: String,
    /// The code it stands for.
    pub(super) code: i64,
}

/// Where the header is and what each column holds, with what an export's mapping adds.
#[derive(Default)]
pub(super) struct Header {
    pub(super) row: u32,
    pub(super) items: Vec<u32>,
    pub(super) area: Option<u32>,
    pub(super) weight: Option<u32>,
    pub(super) gender: Option<u32>,
    pub(super) age: Option<u32>,
    /// Per item: the export's own values; empty for a workbook.
    pub(super) values: Vec<Vec<Mapped>>,
    /// Area choice codes (folded) → names.
    pub(super) area_codes: std::collections::HashMap<String, String>,
    /// The area of every row, when the mapping fixes it.
    pub(super) fixed_area: Option<String>,
    /// The column naming each row's commune, and the commune (as compared) it must name.
    pub(super) commune: Option<(u32, String)>,
}

/// The item id a header cell names: "Q1. …", "Q1 …", "Q1".
fn names_item(text: &str, id: &str) -> bool {
    let t = text.trim();
    t.len() >= id.len()
        && t.is_char_boundary(id.len())
        && t[..id.len()].eq_ignore_ascii_case(id)
        && t[id.len()..]
            .chars()
            .next()
            .is_none_or(|c| c == '.' || c == ' ' || c == ':' || c == ')')
}

fn header(g: &Grid, pack: &SurveyPack) -> Option<Header> {
    let last = (g.r0_row() + 20).min(g.end_row());
    for r in g.r0_row()..last {
        let texts: Vec<(u32, String)> = (g.c0_col()..g.end_col())
            .map(|c| (c, g.text(r, c)))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        let items: Option<Vec<u32>> = pack
            .items
            .iter()
            .map(|it| {
                texts
                    .iter()
                    .find(|(_, t)| names_item(t, &it.id))
                    .map(|(c, _)| *c)
            })
            .collect();
        let Some(items) = items else { continue };
        let col = |words: &[&str]| {
            texts
                .iter()
                .find(|(_, t)| {
                    let f = crate::text::fold(t);
                    words
                        .iter()
                        .any(|w| f == *w || f.starts_with(&format!("{w} ")))
                })
                .map(|(c, _)| *c)
        };
        return Some(Header {
            row: r,
            items,
            area: col(&[
                "khu dan cu",
                "thon",
                "ban",
                "thon/ban",
                "to dan pho",
                "area",
            ]),
            weight: col(&["trong so", "weight"]),
            gender: col(&["gioi tinh", "gender"]),
            age: col(&["nhom tuoi", "age group"]),
            ..Header::default()
        });
    }
    None
}

/// The problem of a file whose sheets name no complete set of items: the items the best sheet
/// lacks, or no header at all.
fn best_missing(grids: &[Grid], pack: &SurveyPack) -> PackProblemKind {
    let mut best: Option<Vec<&str>> = None;
    for g in grids {
        let last = (g.r0_row() + 20).min(g.end_row());
        for r in g.r0_row()..last {
            let texts: Vec<String> = (g.c0_col()..g.end_col()).map(|c| g.text(r, c)).collect();
            let missing: Vec<&str> = pack
                .items
                .iter()
                .filter(|it| !texts.iter().any(|t| names_item(t, &it.id)))
                .map(|it| it.id.as_str())
                .collect();
            if missing.len() < pack.items.len()
                && best.as_ref().is_none_or(|b| missing.len() < b.len())
            {
                best = Some(missing);
            }
        }
    }
    match best {
        Some(m) => PackProblemKind::MissingItems(m.join(", ")),
        None => PackProblemKind::NoHeader,
    }
}

/// "Xã: Chiềng Mung" in one cell or over two, above the header.
fn commune_cell(g: &Grid, header_row: u32) -> Option<String> {
    for r in g.r0_row()..header_row {
        for c in g.c0_col()..g.end_col() {
            let t = g.text(r, c);
            let f = crate::text::fold(&t);
            if !(f.starts_with("xa:") || f.starts_with("xa :") || f == "xa") {
                continue;
            }
            let rest = t.split_once(':').map(|x| x.1.trim()).unwrap_or("");
            if !rest.is_empty() {
                return Some(rest.to_string());
            }
            let next = g.text(r, c + 1);
            if !next.is_empty() {
                return Some(next);
            }
        }
    }
    None
}

/// Reads the respondents under the header: every cell that is not a code of its item's scale,
/// every unusable weight, a row of another commune and (for a pack reported per residential
/// area) a row without an area are problems by cell.
pub(super) fn read_rows(g: &Grid, h: &Header, pack: &SurveyPack, out: &mut PackFile) {
    let opt = |r: u32, c: Option<u32>| c.map(|c| g.text(r, c)).filter(|t| !t.is_empty());
    let at = |r: u32, c: u32| format!("{}!{}", g.name, cell_ref(r, c));
    let per_area = pack.unit == crate::rules::survey::PackUnit::Thon;
    if per_area && h.area.is_none() && h.fixed_area.is_none() {
        out.problems.push(whole(PackProblemKind::NoArea));
    }
    for r in h.row + 1..g.end_row() {
        let written = opt(r, h.area);
        let raw: Vec<&Data> = h.items.iter().map(|&c| g.get(r, c)).collect();
        if written.is_none() && raw.iter().all(|d| cell_text(d).is_empty()) {
            continue;
        }
        if let Some((c, want)) = &h.commune {
            let named = g.text(r, *c);
            if !named.is_empty() && crate::text::fold_place(&named) != *want {
                out.problems.push(PackProblem {
                    cell: at(r, *c),
                    kind: PackProblemKind::OtherCommune,
                    value: named,
                });
            }
        }
        let area = match (&h.fixed_area, written) {
            (Some(fixed), _) => fixed.clone(),
            (None, Some(w)) => h
                .area_codes
                .get(&crate::text::fold(&w))
                .cloned()
                .unwrap_or(w),
            (None, None) => String::new(),
        };
        if per_area
            && area.is_empty()
            && let Some(c) = h.area
        {
            out.problems.push(PackProblem {
                cell: at(r, c),
                kind: PackProblemKind::NoArea,
                value: String::new(),
            });
        }
        let mut answers = Vec::with_capacity(raw.len());
        for (i, ((it, &c), d)) in pack.items.iter().zip(&h.items).zip(raw).enumerate() {
            match answer(pack, it, d, h.values.get(i)) {
                Ok(a) => answers.push(a),
                Err(kind) => {
                    out.problems.push(PackProblem {
                        cell: at(r, c),
                        kind,
                        value: cell_text(d),
                    });
                    answers.push(None);
                }
            }
        }
        let weight = opt(r, h.weight);
        if let (Some(w), Some(c)) = (&weight, h.weight)
            && crate::num::Ratio::parse_decimal(w).is_none()
        {
            out.problems.push(PackProblem {
                cell: at(r, c),
                kind: PackProblemKind::BadWeight,
                value: w.clone(),
            });
        }
        out.rows.push(PackRow {
            area,
            row: r + 1,
            answers,
            weight,
            gender: opt(r, h.gender),
            age_group: opt(r, h.age),
        });
    }
}

/// A cell's code: a number, digits, or a label of the item's scale; blank is `None`.
/// `mapped` holds an export's own values for the item (Kobo's choice names, folded), tried
/// before codes and labels.
fn answer(
    pack: &SurveyPack,
    it: &crate::rules::survey::PackItem,
    d: &Data,
    mapped: Option<&Vec<Mapped>>,
) -> Result<Option<i64>, PackProblemKind> {
    let sc = &pack.scales[it.scale];
    let mapped = mapped.map(Vec::as_slice).unwrap_or_default();
    let own = (!mapped.is_empty())
        .then(|| crate::text::fold(&cell_text(d)))
        .and_then(|f| mapped.iter().find(|m| m.folded == f));
    let code = match d {
        _ if own.is_some() => own.map(|m| m.code),
        Data::Empty => return Ok(None),
        Data::Int(i) => Some(*i),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e12 => Some(*f as i64),
        Data::String(s) if s.trim().is_empty() => return Ok(None),
        Data::String(s) => {
            let t = s.trim();
            t.parse::<i64>()
                .ok()
                .or_else(|| sc.code_of_label(t))
                .or_else(|| {
                    // "4 - Hài lòng": a code before its label.
                    t.split([' ', '-', '.', ':'])
                        .next()
                        .and_then(|n| n.parse::<i64>().ok())
                })
        }
        _ => None,
    };
    let accepted = || {
        let mut all = accepted(sc);
        for m in mapped {
            all.push_str(&format!("; {} = {}", m.written, m.code));
        }
        all
    };
    match code {
        Some(c) if sc.kind(c).is_some() => Ok(Some(c)),
        Some(_) if sc.points.is_empty() => Err(PackProblemKind::OutOfRange {
            item: it.id.clone(),
            accepted: accepted(),
        }),
        _ => Err(PackProblemKind::UnknownAnswer {
            item: it.id.clone(),
            accepted: accepted(),
        }),
    }
}

fn accepted(sc: &crate::rules::survey::Scale) -> String {
    let mut parts: Vec<String> = if sc.points.is_empty() {
        vec![format!("{}–{}", sc.min, sc.max)]
    } else {
        Vec::new()
    };
    parts.extend(sc.labelled().map(|p| format!("{} = {}", p.code, p.label)));
    parts.join("; ")
}
