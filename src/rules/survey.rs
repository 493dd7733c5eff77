//! Survey packs: scales, questions, dimensions, weights and index formulas of a survey beyond
//! the two-valued NTM forms, as data (`surveys/packs/*.toml`, or a province's own file).
//!
//! A pack is loaded strictly: unknown keys, an unknown scale or dimension, an item in no
//! dimension, a weight that is not a decimal number, a cycle among indices, or boxes outside
//! the scale are refused naming the key and the line. Every weight and factor is an exact
//! decimal. How answers are counted is [`crate::score::index`]'s business, not this file's.

use crate::i18n::{Lang, Localized, PackText as T};
use crate::num::Ratio;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use toml::Spanned;

/// The survey packs shipped inside the binary, by path relative to the project root.
pub const SHIPPED_PACKS: &[(&str, &str)] = &[(
    "surveys/packs/niem-tin-thu-nghiem.toml",
    include_str!("../../surveys/packs/niem-tin-thu-nghiem.toml"),
)];

/// What is wrong with a pack file.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    /// The file could not be read.
    Io {
        /// File.
        file: String,
        /// The system's message.
        message: String,
    },
    /// Malformed TOML, an unknown key or a value of the wrong type (the parser names the line).
    Parse {
        /// File.
        file: String,
        /// The parser's message.
        message: String,
    },
    /// A value is wrong; `key` and `line` say where.
    Invalid {
        /// File.
        file: String,
        /// The key, as a path (`items[3].scale`).
        key: String,
        /// 1-based line of the key's value or block.
        line: usize,
        /// What is wrong.
        problem: Problem,
    },
    /// No shipped pack has this id.
    Unknown {
        /// As asked.
        id: String,
        /// The shipped ids, joined.
        known: String,
    },
}

/// What is wrong with a value of a pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A reference to a scale that does not exist.
    UnknownScale(String),
    /// A reference to a dimension that does not exist.
    UnknownDimension(String),
    /// A reference to an index that does not exist.
    UnknownIndex(String),
    /// A reference to an item that does not exist.
    UnknownItem(String),
    /// An item without a dimension.
    NoDimension,
    /// A weight or factor that is not a decimal number written as a string.
    NotANumber(String),
    /// Indices that depend on themselves, through the ids listed.
    Cycle(String),
    /// A code of boxes, promoters or detractors that is not a scored point of the scale.
    OutsideScale {
        /// The code.
        code: i64,
        /// The scale.
        scale: String,
    },
    /// An id used twice.
    Duplicate(String),
    /// A scale with neither points nor a range, or both, or a range with `min ≥ max`.
    BadScale,
    /// A code used twice in one scale.
    DuplicateCode(i64),
    /// The items in an index's scope are on different scales.
    MixedScales(String),
    /// `of` is not `item:ID`, `dimension:ID` or a list of index ids, or does not suit the method.
    BadScope(String),
    /// A method needs a key that is missing (`boxes`, `promoters`, `detractors`).
    Missing(&'static str),
    /// `decimals` beyond 4.
    BadDecimals(u32),
    /// A reverse item on a scale whose points do not mirror (`min + max − x` is not a point).
    NoMirror,
    /// `weights` is neither `renormalise` nor `as_given`.
    BadWeights(String),
    /// A pack with no items or no dimensions.
    Empty(&'static str),
}

impl Localized for PackError {
    fn message(&self, lang: Lang) -> String {
        match self {
            PackError::Io { file, message } => {
                T::Io.fill(lang, &[("file", file), ("message", message)])
            }
            PackError::Parse { file, message } => {
                T::Parse.fill(lang, &[("file", file), ("message", message)])
            }
            PackError::Unknown { id, known } => {
                T::UnknownPack.fill(lang, &[("id", id), ("known", known)])
            }
            PackError::Invalid {
                file,
                key,
                line,
                problem,
            } => T::At.say(
                lang,
                &[
                    ("file", file),
                    ("line", line),
                    ("key", key),
                    ("problem", &problem.message(lang)),
                ],
            ),
        }
    }
}

crate::display_in_vietnamese!(PackError);

impl Localized for Problem {
    fn message(&self, lang: Lang) -> String {
        match self {
            Problem::UnknownScale(id) => T::UnknownScale.fill(lang, &[("id", id)]),
            Problem::UnknownDimension(id) => T::UnknownDimension.fill(lang, &[("id", id)]),
            Problem::UnknownIndex(id) => T::UnknownIndex.fill(lang, &[("id", id)]),
            Problem::UnknownItem(id) => T::UnknownItem.fill(lang, &[("id", id)]),
            Problem::NoDimension => T::NoDimension.text(lang).to_string(),
            Problem::NotANumber(v) => T::NotANumber.fill(lang, &[("value", v)]),
            Problem::Cycle(ids) => T::Cycle.fill(lang, &[("ids", ids)]),
            Problem::OutsideScale { code, scale } => {
                T::OutsideScale.say(lang, &[("code", code), ("scale", scale)])
            }
            Problem::Duplicate(id) => T::Duplicate.fill(lang, &[("id", id)]),
            Problem::BadScale => T::BadScale.text(lang).to_string(),
            Problem::DuplicateCode(c) => T::DuplicateCode.say(lang, &[("code", c)]),
            Problem::MixedScales(ids) => T::MixedScales.fill(lang, &[("ids", ids)]),
            Problem::BadScope(v) => T::BadScope.fill(lang, &[("value", v)]),
            Problem::Missing(k) => T::MissingKey.fill(lang, &[("key", k)]),
            Problem::BadDecimals(d) => T::BadDecimals.say(lang, &[("value", d)]),
            Problem::NoMirror => T::NoMirror.text(lang).to_string(),
            Problem::BadWeights(v) => T::BadWeights.fill(lang, &[("value", v)]),
            Problem::Empty(k) => T::Empty.fill(lang, &[("key", k)]),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The file as written.

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    pack: RawHeader,
    #[serde(default)]
    scales: Vec<Spanned<RawScale>>,
    #[serde(default)]
    dimensions: Vec<Spanned<RawDimension>>,
    #[serde(default)]
    items: Vec<Spanned<RawItem>>,
    #[serde(default)]
    indices: Vec<Spanned<RawIndex>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    id: String,
    title: String,
    #[serde(default)]
    unit: PackUnit,
    #[serde(default)]
    min_respondents: u32,
    #[serde(default = "default_decimals")]
    decimals: Spanned<u32>,
    #[serde(default)]
    source: String,
    #[serde(default)]
    verified: bool,
    #[serde(default)]
    note: Option<String>,
}

/// The unit a pack's indices are reported for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PackUnit {
    /// Each residential area (thôn, bản, tổ dân phố) within its commune.
    Thon,
    /// Each commune.
    #[default]
    Xa,
    /// The whole province, one unit.
    Tinh,
}

fn default_decimals() -> Spanned<u32> {
    Spanned::new(0..0, 2)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPoint {
    code: i64,
    label: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    id: String,
    #[serde(default)]
    points: Vec<RawPoint>,
    #[serde(default)]
    min: Option<i64>,
    #[serde(default)]
    max: Option<i64>,
    #[serde(default)]
    min_label: Option<String>,
    #[serde(default)]
    max_label: Option<String>,
    #[serde(default)]
    missing: Vec<RawPoint>,
    #[serde(default)]
    unscored: Vec<RawPoint>,
    #[serde(default)]
    source: String,
    #[serde(default)]
    verified: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDimension {
    id: String,
    title: String,
    #[serde(default)]
    weight: Option<Spanned<toml::Value>>,
    #[serde(default)]
    source: String,
    #[serde(default)]
    verified: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: String,
    #[serde(default)]
    dimension: Option<Spanned<String>>,
    scale: Spanned<String>,
    text: String,
    #[serde(default)]
    weight: Option<Spanned<toml::Value>>,
    #[serde(default)]
    reverse: bool,
    #[serde(default)]
    source: String,
    #[serde(default)]
    verified: bool,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawOf {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndex {
    id: String,
    of: Spanned<RawOf>,
    method: Method,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    boxes: Option<Spanned<Vec<i64>>>,
    #[serde(default)]
    promoters: Option<Spanned<Vec<i64>>>,
    #[serde(default)]
    detractors: Option<Spanned<Vec<i64>>>,
    #[serde(default)]
    weights: Option<Spanned<String>>,
    #[serde(default)]
    weight: Option<Spanned<toml::Value>>,
    #[serde(default)]
    factor: Option<Spanned<toml::Value>>,
    #[serde(default)]
    source: String,
    #[serde(default)]
    verified: bool,
}

// ---------------------------------------------------------------------------------------------
// The checked pack.

/// How an index is computed (`method` in the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Share of answers in `boxes` (answers = scored + unscored codes).
    TopBox,
    /// `100 × Σ(x − min) / (answers × (max − min))` over scored answers.
    RescaledMean,
    /// The plain mean of scored codes.
    Mean,
    /// `100 × (promoters − detractors) / answers`.
    Nps,
    /// Respondents whose every answered item in scope is in `boxes`, over respondents with at
    /// least one answer in scope.
    AllItemsTopBox,
    /// The weighted mean of other indices.
    WeightedMean,
}

impl Method {
    /// The name as the file writes it.
    pub fn key(self) -> &'static str {
        match self {
            Method::TopBox => "top_box",
            Method::RescaledMean => "rescaled_mean",
            Method::Mean => "mean",
            Method::Nps => "nps",
            Method::AllItemsTopBox => "all_items_top_box",
            Method::WeightedMean => "weighted_mean",
        }
    }
}

/// One labelled point of a scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    /// The code stored and typed.
    pub code: i64,
    /// The label offered in the workbook's dropdown.
    pub label: String,
}

/// How a code of a scale counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    /// A point of the scale: counted and scored.
    Scored,
    /// Counted in shares' denominators, out of means ("Don't know" in the NHS FFT).
    Unscored,
    /// Out of every denominator ("không trả lời").
    Missing,
}

/// A scale: labelled points or a numeric range, with its missing and unscored codes.
#[derive(Debug, Clone)]
pub struct Scale {
    /// Id.
    pub id: String,
    /// Labelled points, lowest code first (empty for a numeric range).
    pub points: Vec<Point>,
    /// Lowest scored code.
    pub min: i64,
    /// Highest scored code.
    pub max: i64,
    /// Labels of the range's ends (numeric scales).
    pub min_label: Option<String>,
    /// Label of the top of the range.
    pub max_label: Option<String>,
    /// Codes out of every denominator.
    pub missing: Vec<Point>,
    /// Codes counted in shares, out of means.
    pub unscored: Vec<Point>,
    /// Source.
    pub source: String,
    /// Whether the source was checked.
    pub verified: bool,
}

impl Scale {
    /// How `code` counts, or `None` when it is not a code of this scale.
    pub fn kind(&self, code: i64) -> Option<CodeKind> {
        if self.missing.iter().any(|p| p.code == code) {
            return Some(CodeKind::Missing);
        }
        if self.unscored.iter().any(|p| p.code == code) {
            return Some(CodeKind::Unscored);
        }
        let scored = if self.points.is_empty() {
            (self.min..=self.max).contains(&code)
        } else {
            self.points.iter().any(|p| p.code == code)
        };
        scored.then_some(CodeKind::Scored)
    }

    /// Every labelled code: points, then unscored and missing ones.
    pub fn labelled(&self) -> impl Iterator<Item = &Point> {
        self.points
            .iter()
            .chain(&self.unscored)
            .chain(&self.missing)
    }

    /// The code a label stands for (labels compared without case or surrounding spaces).
    pub fn code_of_label(&self, label: &str) -> Option<i64> {
        let want = crate::text::fold(label);
        self.labelled()
            .find(|p| crate::text::fold(&p.label) == want)
            .map(|p| p.code)
    }
}

/// A dimension (a group of items).
#[derive(Debug, Clone)]
pub struct Dimension {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Weight as written (default 1).
    pub weight: Ratio,
    /// Source.
    pub source: String,
    /// Whether the source was checked.
    pub verified: bool,
}

/// A question.
#[derive(Debug, Clone)]
pub struct PackItem {
    /// Id (`Q1`).
    pub id: String,
    /// Index of its dimension in [`SurveyPack::dimensions`].
    pub dimension: usize,
    /// Index of its scale in [`SurveyPack::scales`].
    pub scale: usize,
    /// The question.
    pub text: String,
    /// Weight as written (default 1).
    pub weight: Ratio,
    /// Whether `x` counts as `min + max − x`.
    pub reverse: bool,
    /// Source.
    pub source: String,
    /// Whether the source was checked.
    pub verified: bool,
}

/// What an index is computed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Items (by index in [`SurveyPack::items`]), from `item:ID` or `dimension:ID`.
    Items(Vec<usize>),
    /// Other indices (by index in [`SurveyPack::indices`]).
    Indices(Vec<usize>),
}

/// An index definition, checked.
#[derive(Debug, Clone)]
pub struct IndexDef {
    /// Id.
    pub id: String,
    /// Title, if given.
    pub title: Option<String>,
    /// `of` as written (`dimension:D1`, or the ids joined).
    pub of: String,
    /// Method.
    pub method: Method,
    /// What it is computed over.
    pub scope: Scope,
    /// The scale of the items in scope (item scopes).
    pub scale: Option<usize>,
    /// `boxes` (top-box methods) or `promoters` (NPS).
    pub boxes: BTreeSet<i64>,
    /// `detractors` (NPS).
    pub detractors: BTreeSet<i64>,
    /// `weights = "as_given"` (weighted means): the weights are used as printed, not rescaled
    /// to sum 1.
    pub as_given: bool,
    /// The weight of this index where another index averages it: its own `weight`, else its
    /// dimension's or item's, else 1.
    pub weight: Ratio,
    /// Multiplier of the value (IKM's × 25), 1 by default.
    pub factor: Option<Ratio>,
    /// Source.
    pub source: String,
    /// Whether the source was checked.
    pub verified: bool,
}

/// A checked survey pack.
#[derive(Debug, Clone)]
pub struct SurveyPack {
    /// Id (`--pack`).
    pub id: String,
    /// Title.
    pub title: String,
    /// Unit reported (`thon`, `xa`, `tinh`).
    pub unit: PackUnit,
    /// Below this many respondents a unit's indices are withheld.
    pub min_respondents: u32,
    /// Decimals of the display.
    pub decimals: u32,
    /// Source.
    pub source: String,
    /// Whether the source was checked.
    pub verified: bool,
    /// Remark.
    pub note: Option<String>,
    /// The file it was read from.
    pub file: String,
    /// Scales.
    pub scales: Vec<Scale>,
    /// Dimensions.
    pub dimensions: Vec<Dimension>,
    /// Items, in the order of the workbook's columns.
    pub items: Vec<PackItem>,
    /// Indices, in the order written.
    pub indices: Vec<IndexDef>,
    /// Indices in an order where each comes after those it averages.
    pub order: Vec<usize>,
}

impl SurveyPack {
    /// The shipped pack `id`.
    pub fn shipped(id: &str) -> Result<SurveyPack, PackError> {
        for (file, text) in SHIPPED_PACKS {
            let pack = SurveyPack::parse(file, text)?;
            if pack.id == id {
                return Ok(pack);
            }
        }
        Err(PackError::Unknown {
            id: id.to_string(),
            known: SurveyPack::shipped_ids().join(", "),
        })
    }

    /// Ids of the shipped packs.
    pub fn shipped_ids() -> Vec<String> {
        SHIPPED_PACKS
            .iter()
            .filter_map(|(f, t)| SurveyPack::parse(f, t).ok().map(|p| p.id))
            .collect()
    }

    /// A pack from a file of the user's.
    pub fn from_file(path: &Path) -> Result<SurveyPack, PackError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| PackError::Io {
            file: file.clone(),
            message: e.to_string(),
        })?;
        SurveyPack::parse(&file, &text)
    }

    /// The pack written in `text` (named `file` in messages), checked.
    pub fn parse(file: &str, text: &str) -> Result<SurveyPack, PackError> {
        let raw: RawFile = toml::from_str(text).map_err(|e| PackError::Parse {
            file: file.to_string(),
            message: e.to_string().trim().to_string(),
        })?;
        Checker { file, text }.check(raw)
    }

    /// The item of id `id`.
    pub fn item(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|i| i.id == id)
    }

    /// Whether any block of the pack is unchecked against its source.
    pub fn relies_on_unverified(&self) -> bool {
        !self.verified
            || self.scales.iter().any(|s| !s.verified)
            || self.dimensions.iter().any(|d| !d.verified)
            || self.items.iter().any(|i| !i.verified)
            || self.indices.iter().any(|i| !i.verified)
    }
}

struct Checker<'a> {
    file: &'a str,
    text: &'a str,
}

impl Checker<'_> {
    fn line(&self, span: &std::ops::Range<usize>) -> usize {
        let end = span.start.min(self.text.len());
        self.text[..end].matches('\n').count() + 1
    }

    fn err(&self, key: String, span: &std::ops::Range<usize>, problem: Problem) -> PackError {
        PackError::Invalid {
            file: self.file.to_string(),
            key,
            line: self.line(span),
            problem,
        }
    }

    /// A weight or factor: a decimal written as a string ("0.11"), or a whole number.
    fn decimal(
        &self,
        key: String,
        value: &Option<Spanned<toml::Value>>,
    ) -> Result<Option<Ratio>, PackError> {
        let Some(v) = value else { return Ok(None) };
        let parsed = match v.get_ref() {
            toml::Value::String(s) => Ratio::parse_decimal(s),
            toml::Value::Integer(i) if *i >= 0 => Some(Ratio::new(*i as u128, 1)),
            _ => None,
        };
        match parsed {
            Some(r) => Ok(Some(r)),
            None => Err(self.err(key, &v.span(), Problem::NotANumber(v.get_ref().to_string()))),
        }
    }

    fn check(&self, raw: RawFile) -> Result<SurveyPack, PackError> {
        let RawFile {
            pack,
            scales: raw_scales,
            dimensions: raw_dims,
            items: raw_items,
            indices: raw_indices,
        } = raw;
        if *pack.decimals.get_ref() > 4 {
            return Err(self.err(
                "pack.decimals".into(),
                &pack.decimals.span(),
                Problem::BadDecimals(*pack.decimals.get_ref()),
            ));
        }
        let scales = self.scales(raw_scales)?;
        let dimensions = self.dimensions(raw_dims)?;
        let items = self.items(raw_items, &scales, &dimensions)?;
        let (indices, order) = self.indices(raw_indices, &scales, &dimensions, &items)?;
        Ok(SurveyPack {
            id: pack.id,
            title: pack.title,
            unit: pack.unit,
            min_respondents: pack.min_respondents,
            decimals: pack.decimals.into_inner(),
            source: pack.source,
            verified: pack.verified,
            note: pack.note,
            file: self.file.to_string(),
            scales,
            dimensions,
            items,
            indices,
            order,
        })
    }

    fn scales(&self, raw: Vec<Spanned<RawScale>>) -> Result<Vec<Scale>, PackError> {
        let mut out: Vec<Scale> = Vec::new();
        for (n, s) in raw.into_iter().enumerate() {
            let span = s.span();
            let s = s.into_inner();
            let key = format!("scales[{n}]");
            if out.iter().any(|o| o.id == s.id) {
                return Err(self.err(format!("{key}.id"), &span, Problem::Duplicate(s.id)));
            }
            let (min, max) = match (s.points.is_empty(), s.min, s.max) {
                (false, None, None) => {
                    let codes = s.points.iter().map(|p| p.code);
                    (codes.clone().min().unwrap_or(0), codes.max().unwrap_or(0))
                }
                (true, Some(lo), Some(hi)) if lo < hi => (lo, hi),
                _ => return Err(self.err(key, &span, Problem::BadScale)),
            };
            let mut seen = BTreeSet::new();
            for p in s.points.iter().chain(&s.missing).chain(&s.unscored) {
                if !seen.insert(p.code) {
                    return Err(self.err(key, &span, Problem::DuplicateCode(p.code)));
                }
            }
            if s.points.is_empty() {
                for p in s.missing.iter().chain(&s.unscored) {
                    if (min..=max).contains(&p.code) {
                        return Err(self.err(key, &span, Problem::DuplicateCode(p.code)));
                    }
                }
            }
            let mut points = s.points;
            points.sort_by_key(|p| p.code);
            let to_points = |v: Vec<RawPoint>| -> Vec<Point> {
                v.into_iter()
                    .map(|p| Point {
                        code: p.code,
                        label: p.label,
                    })
                    .collect()
            };
            out.push(Scale {
                id: s.id,
                points: to_points(points),
                min,
                max,
                min_label: s.min_label,
                max_label: s.max_label,
                missing: to_points(s.missing),
                unscored: to_points(s.unscored),
                source: s.source,
                verified: s.verified,
            });
        }
        Ok(out)
    }

    fn dimensions(&self, raw: Vec<Spanned<RawDimension>>) -> Result<Vec<Dimension>, PackError> {
        let mut out: Vec<Dimension> = Vec::new();
        for (n, d) in raw.into_iter().enumerate() {
            let span = d.span();
            let d = d.into_inner();
            if out.iter().any(|o| o.id == d.id) {
                return Err(self.err(
                    format!("dimensions[{n}].id"),
                    &span,
                    Problem::Duplicate(d.id),
                ));
            }
            let weight = self
                .decimal(format!("dimensions[{n}].weight"), &d.weight)?
                .unwrap_or(Ratio::new(1, 1));
            out.push(Dimension {
                id: d.id,
                title: d.title,
                weight,
                source: d.source,
                verified: d.verified,
            });
        }
        if out.is_empty() {
            return Err(self.err("dimensions".into(), &(0..0), Problem::Empty("dimensions")));
        }
        Ok(out)
    }

    fn items(
        &self,
        raw: Vec<Spanned<RawItem>>,
        scales: &[Scale],
        dims: &[Dimension],
    ) -> Result<Vec<PackItem>, PackError> {
        let mut out: Vec<PackItem> = Vec::new();
        for (n, i) in raw.into_iter().enumerate() {
            let span = i.span();
            let i = i.into_inner();
            let key = format!("items[{n}]");
            if out.iter().any(|o| o.id == i.id) {
                return Err(self.err(format!("{key}.id"), &span, Problem::Duplicate(i.id)));
            }
            let scale = scales
                .iter()
                .position(|s| s.id == *i.scale.get_ref())
                .ok_or_else(|| {
                    self.err(
                        format!("{key}.scale"),
                        &i.scale.span(),
                        Problem::UnknownScale(i.scale.get_ref().clone()),
                    )
                })?;
            let dimension = match &i.dimension {
                None => {
                    return Err(self.err(format!("{key}.dimension"), &span, Problem::NoDimension));
                }
                Some(d) if d.get_ref().trim().is_empty() => {
                    return Err(self.err(
                        format!("{key}.dimension"),
                        &d.span(),
                        Problem::NoDimension,
                    ));
                }
                Some(d) => dims
                    .iter()
                    .position(|x| x.id == *d.get_ref())
                    .ok_or_else(|| {
                        self.err(
                            format!("{key}.dimension"),
                            &d.span(),
                            Problem::UnknownDimension(d.get_ref().clone()),
                        )
                    })?,
            };
            let sc = &scales[scale];
            if i.reverse
                && sc
                    .points
                    .iter()
                    .any(|p| sc.kind(sc.min + sc.max - p.code) != Some(CodeKind::Scored))
            {
                return Err(self.err(format!("{key}.reverse"), &span, Problem::NoMirror));
            }
            let weight = self
                .decimal(format!("{key}.weight"), &i.weight)?
                .unwrap_or(Ratio::new(1, 1));
            out.push(PackItem {
                id: i.id,
                dimension,
                scale,
                text: i.text,
                weight,
                reverse: i.reverse,
                source: i.source,
                verified: i.verified,
            });
        }
        if out.is_empty() {
            return Err(self.err("items".into(), &(0..0), Problem::Empty("items")));
        }
        Ok(out)
    }

    fn indices(
        &self,
        raw: Vec<Spanned<RawIndex>>,
        scales: &[Scale],
        dims: &[Dimension],
        items: &[PackItem],
    ) -> Result<(Vec<IndexDef>, Vec<usize>), PackError> {
        let ids: Vec<String> = raw.iter().map(|r| r.get_ref().id.clone()).collect();
        let of_lines: Vec<usize> = raw
            .iter()
            .map(|r| self.line(&r.get_ref().of.span()))
            .collect();
        let mut out: Vec<IndexDef> = Vec::new();
        for (n, r) in raw.into_iter().enumerate() {
            let span = r.span();
            let r = r.into_inner();
            let key = format!("indices[{n}]");
            if out.iter().any(|o| o.id == r.id) {
                return Err(self.err(format!("{key}.id"), &span, Problem::Duplicate(r.id)));
            }
            let of_span = r.of.span();
            let of_err = |p: Problem| self.err(format!("{key}.of"), &of_span, p);
            let (scope, of_text, own_weight) = match r.of.get_ref() {
                RawOf::One(s) => {
                    if let Some(id) = s.strip_prefix("item:") {
                        let i = items
                            .iter()
                            .position(|x| x.id == id)
                            .ok_or_else(|| of_err(Problem::UnknownItem(id.into())))?;
                        (Scope::Items(vec![i]), s.clone(), items[i].weight)
                    } else if let Some(id) = s.strip_prefix("dimension:") {
                        let d = dims
                            .iter()
                            .position(|x| x.id == id)
                            .ok_or_else(|| of_err(Problem::UnknownDimension(id.into())))?;
                        let members: Vec<usize> = (0..items.len())
                            .filter(|&i| items[i].dimension == d)
                            .collect();
                        (Scope::Items(members), s.clone(), dims[d].weight)
                    } else if ids.contains(s) {
                        (
                            Scope::Indices(vec![ids.iter().position(|x| x == s).unwrap_or(0)]),
                            s.clone(),
                            Ratio::new(1, 1),
                        )
                    } else {
                        return Err(of_err(Problem::BadScope(s.clone())));
                    }
                }
                RawOf::Many(list) => {
                    let mut v = Vec::new();
                    for s in list {
                        let i = ids
                            .iter()
                            .position(|x| x == s)
                            .ok_or_else(|| of_err(Problem::UnknownIndex(s.clone())))?;
                        v.push(i);
                    }
                    (Scope::Indices(v), list.join(", "), Ratio::new(1, 1))
                }
            };
            // Which scope each method takes.
            let on_items = r.method != Method::WeightedMean;
            match (&scope, on_items) {
                (Scope::Items(v), true) if !v.is_empty() => {}
                (Scope::Indices(_), false) => {}
                _ => return Err(of_err(Problem::BadScope(of_text))),
            }
            let scale = match &scope {
                Scope::Items(v) => {
                    let first = items[v[0]].scale;
                    if v.iter().any(|&i| items[i].scale != first) {
                        let names: Vec<&str> = v.iter().map(|&i| items[i].id.as_str()).collect();
                        return Err(of_err(Problem::MixedScales(names.join(", "))));
                    }
                    Some(first)
                }
                Scope::Indices(_) => None,
            };
            let codes = |k: &'static str,
                         v: &Option<Spanned<Vec<i64>>>|
             -> Result<BTreeSet<i64>, PackError> {
                let Some(v) = v else {
                    return Err(self.err(format!("{key}.{k}"), &span, Problem::Missing(k)));
                };
                let sc = &scales[scale.unwrap_or(0)];
                for &c in v.get_ref() {
                    if sc.kind(c) != Some(CodeKind::Scored) {
                        return Err(self.err(
                            format!("{key}.{k}"),
                            &v.span(),
                            Problem::OutsideScale {
                                code: c,
                                scale: sc.id.clone(),
                            },
                        ));
                    }
                }
                Ok(v.get_ref().iter().copied().collect())
            };
            let (boxes, detractors) = match r.method {
                Method::TopBox | Method::AllItemsTopBox => {
                    (codes("boxes", &r.boxes)?, BTreeSet::new())
                }
                Method::Nps => (
                    codes("promoters", &r.promoters)?,
                    codes("detractors", &r.detractors)?,
                ),
                _ => (BTreeSet::new(), BTreeSet::new()),
            };
            let as_given = match &r.weights {
                None => false,
                Some(w) => match w.get_ref().as_str() {
                    "renormalise" | "renormalize" => false,
                    "as_given" => true,
                    other => {
                        return Err(self.err(
                            format!("{key}.weights"),
                            &w.span(),
                            Problem::BadWeights(other.into()),
                        ));
                    }
                },
            };
            let weight = self
                .decimal(format!("{key}.weight"), &r.weight)?
                .unwrap_or(own_weight);
            let factor = self.decimal(format!("{key}.factor"), &r.factor)?;
            out.push(IndexDef {
                id: r.id,
                title: r.title,
                of: of_text,
                method: r.method,
                scope,
                scale,
                boxes,
                detractors,
                as_given,
                weight,
                factor,
                source: r.source,
                verified: r.verified,
            });
        }
        let order = self.order(&out, &of_lines)?;
        Ok((out, order))
    }

    /// A topological order of the indices (each after those it averages); a cycle is refused.
    fn order(&self, indices: &[IndexDef], of_lines: &[usize]) -> Result<Vec<usize>, PackError> {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Open,
            Done,
        }
        fn visit(
            i: usize,
            ix: &[IndexDef],
            marks: &mut [Mark],
            path: &mut Vec<usize>,
            out: &mut Vec<usize>,
        ) -> Result<(), Vec<usize>> {
            match marks[i] {
                Mark::Done => return Ok(()),
                Mark::Open => {
                    let from = path.iter().position(|&p| p == i).unwrap_or(0);
                    let mut cycle = path[from..].to_vec();
                    cycle.push(i);
                    return Err(cycle);
                }
                Mark::New => {}
            }
            marks[i] = Mark::Open;
            path.push(i);
            if let Scope::Indices(deps) = &ix[i].scope {
                for &d in deps {
                    visit(d, ix, marks, path, out)?;
                }
            }
            path.pop();
            marks[i] = Mark::Done;
            out.push(i);
            Ok(())
        }
        let mut marks = vec![Mark::New; indices.len()];
        let mut out = Vec::new();
        for i in 0..indices.len() {
            let mut path = Vec::new();
            if let Err(cycle) = visit(i, indices, &mut marks, &mut path, &mut out) {
                let names: Vec<&str> = cycle.iter().map(|&c| indices[c].id.as_str()).collect();
                let first = cycle[0];
                return Err(PackError::Invalid {
                    file: self.file.to_string(),
                    key: format!("indices[{first}].of"),
                    line: of_lines[first],
                    problem: Problem::Cycle(names.join(" → ")),
                });
            }
        }
        Ok(out)
    }
}

/// Ids of a pack's items by dimension, for reports: `(dimension, items)`.
pub fn items_by_dimension(pack: &SurveyPack) -> BTreeMap<usize, Vec<usize>> {
    let mut m: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, it) in pack.items.iter().enumerate() {
        m.entry(it.dimension).or_default().push(i);
    }
    m
}
