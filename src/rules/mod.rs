//! Rule packs as data: criteria sets, survey forms, thresholds and the gazetteer of units.
//!
//! Everything that a new period or a province changes lives in TOML/CSV files under `criteria/`,
//! `surveys/` and `data/`, embedded in the binary so the tool works anywhere. This module loads
//! them strictly and checks their cross-references; it must not know how answers are counted.

pub mod gazetteer;
pub mod schema;
pub mod survey;
pub mod target;

use crate::i18n::{Lang, Localized};
use crate::num::Ratio;
use schema::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// What can be wrong with a rule-pack file. Every variant names the file and the key.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    /// The file could not be read.
    Io {
        /// File path or embedded name.
        file: String,
        /// The system's message.
        message: String,
    },
    /// The TOML is malformed, a key is unknown, or a value has the wrong type.
    Parse {
        /// File.
        file: String,
        /// The parser's message, with line and key.
        message: String,
    },
    /// Two items of a form share a number.
    DuplicateItem {
        /// File.
        file: String,
        /// The repeated number.
        number: u32,
    },
    /// Item numbers have a gap.
    MissingItem {
        /// File.
        file: String,
        /// The missing number.
        number: u32,
    },
    /// A form must have exactly one overall item.
    OverallCount {
        /// File.
        file: String,
        /// How many items say `overall = true`.
        count: usize,
    },
    /// An item refers to a criterion its criteria set lacks.
    UnknownCriterion {
        /// File.
        file: String,
        /// Item number.
        item: u32,
        /// The unknown code.
        code: String,
        /// Criteria set id.
        set: String,
    },
    /// A content item must name at least one criterion; the overall item none.
    ItemCriteria {
        /// File.
        file: String,
        /// Item number.
        item: u32,
        /// Whether it is the overall item, which names criteria (else a content item naming
        /// none).
        overall: bool,
    },
    /// A reference to a set, form or pack that does not exist.
    UnknownRef {
        /// File.
        file: String,
        /// The key holding the reference.
        key: String,
        /// The missing id.
        id: String,
    },
    /// Two files declare the same id, or a set repeats a criterion or group code.
    Duplicate {
        /// File.
        file: String,
        /// Key.
        key: String,
        /// Repeated id.
        id: String,
    },
    /// A threshold is not a percentage between 0 and 100.
    BadThreshold {
        /// File.
        file: String,
        /// Key path.
        key: String,
        /// Value as written.
        value: String,
    },
    /// A form must offer exactly two answers: satisfied and not satisfied.
    Answers {
        /// File.
        file: String,
    },
    /// `extends` forms a loop.
    Cycle {
        /// File.
        file: String,
        /// Pack where the loop closes.
        id: String,
    },
    /// A threshold's source is empty or a placeholder: a value must name where it comes from,
    /// or say `no_source = true` so that it is switched off and listed as having none.
    PlaceholderSource {
        /// File.
        file: String,
        /// Key path of the check.
        key: String,
        /// The source as written.
        value: String,
    },
    /// `display_decimals` outside what a report prints.
    BadDecimals {
        /// File.
        file: String,
        /// Value as written.
        value: u32,
    },
    /// Not exactly one pack says `default = true`.
    DefaultCount {
        /// How many do.
        count: usize,
    },
    /// A workspace's own criteria set does not hold the indicators of the set it replaces.
    SetShape {
        /// File.
        file: String,
        /// Set id.
        set: String,
        /// Indicator codes of the replaced set it lacks, joined.
        missing: String,
        /// Indicator codes the replaced set does not have, joined.
        extra: String,
    },
}

impl Localized for RulesError {
    fn message(&self, lang: Lang) -> String {
        use crate::i18n::ErrorText as T;
        match self {
            RulesError::Io { file, message } => {
                T::RulesIo.fill(lang, &[("file", file), ("message", message)])
            }
            RulesError::Parse { file, message } => {
                T::RulesParse.fill(lang, &[("file", file), ("message", message)])
            }
            RulesError::DuplicateItem { file, number } => {
                T::RulesDuplicateItem.say(lang, &[("file", file), ("number", number)])
            }
            RulesError::MissingItem { file, number } => {
                T::RulesMissingItem.say(lang, &[("file", file), ("number", number)])
            }
            RulesError::OverallCount { file, count } => {
                T::RulesOverallCount.say(lang, &[("file", file), ("count", count)])
            }
            RulesError::UnknownCriterion {
                file,
                item,
                code,
                set,
            } => T::RulesUnknownCriterion.say(
                lang,
                &[("file", file), ("item", item), ("code", code), ("set", set)],
            ),
            RulesError::ItemCriteria {
                file,
                item,
                overall,
            } => {
                let text = if *overall {
                    T::RulesOverallWithCriteria
                } else {
                    T::RulesItemWithoutCriteria
                };
                text.say(lang, &[("file", file), ("item", item)])
            }
            RulesError::UnknownRef { file, key, id } => {
                T::RulesUnknownRef.fill(lang, &[("file", file), ("key", key), ("id", id)])
            }
            RulesError::Duplicate { file, key, id } => {
                T::RulesDuplicate.fill(lang, &[("file", file), ("key", key), ("id", id)])
            }
            RulesError::BadThreshold { file, key, value } => {
                T::RulesBadThreshold.fill(lang, &[("file", file), ("key", key), ("value", value)])
            }
            RulesError::Answers { file } => T::RulesAnswers.fill(lang, &[("file", file)]),
            RulesError::Cycle { file, id } => {
                T::RulesCycle.fill(lang, &[("file", file), ("id", id)])
            }
            RulesError::PlaceholderSource { file, key, value } => T::RulesPlaceholderSource
                .fill(lang, &[("file", file), ("key", key), ("value", value)]),
            RulesError::BadDecimals { file, value } => {
                T::RulesBadDecimals.say(lang, &[("file", file), ("value", value)])
            }
            RulesError::DefaultCount { count } => {
                T::RulesDefaultCount.say(lang, &[("count", count)])
            }
            RulesError::SetShape {
                file,
                set,
                missing,
                extra,
            } => T::RulesSetShape.fill(
                lang,
                &[
                    ("file", file),
                    ("set", set),
                    ("missing", missing),
                    ("extra", extra),
                ],
            ),
        }
    }
}

crate::display_in_vietnamese!(RulesError);

/// The rule-pack files shipped inside the binary, by path relative to the project root.
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "criteria/xa-ntm-2021-2025.toml",
        include_str!("../../criteria/xa-ntm-2021-2025.toml"),
    ),
    (
        "criteria/xa-ntm-nang-cao-2021-2025.toml",
        include_str!("../../criteria/xa-ntm-nang-cao-2021-2025.toml"),
    ),
    (
        "criteria/xa-ntm-kieu-mau-2021-2025.toml",
        include_str!("../../criteria/xa-ntm-kieu-mau-2021-2025.toml"),
    ),
    (
        "criteria/xa-ntm-2026-2030.toml",
        include_str!("../../criteria/xa-ntm-2026-2030.toml"),
    ),
    (
        "surveys/forms/xa-ntm.toml",
        include_str!("../../surveys/forms/xa-ntm.toml"),
    ),
    (
        "surveys/forms/xa-ntm-nang-cao.toml",
        include_str!("../../surveys/forms/xa-ntm-nang-cao.toml"),
    ),
    (
        "surveys/forms/xa-ntm-kieu-mau.toml",
        include_str!("../../surveys/forms/xa-ntm-kieu-mau.toml"),
    ),
    (
        "surveys/forms/xa-ntm-2026-2030.toml",
        include_str!("../../surveys/forms/xa-ntm-2026-2030.toml"),
    ),
    (
        "surveys/rules/national-90hd.toml",
        include_str!("../../surveys/rules/national-90hd.toml"),
    ),
    (
        "surveys/rules/son-la-267kh.toml",
        include_str!("../../surveys/rules/son-la-267kh.toml"),
    ),
];

/// A checked criteria set.
#[derive(Debug, Clone)]
pub struct CriteriaSet {
    /// File it came from.
    pub file: String,
    /// Header.
    pub header: CriteriaSetHeader,
    /// Groups.
    pub groups: Vec<GroupDef>,
    /// Criteria in order.
    pub criteria: Vec<CriterionDef>,
}

impl CriteriaSet {
    /// The set a parsed file holds, not checked yet.
    fn from_file(file: &str, f: CriteriaFile) -> CriteriaSet {
        CriteriaSet {
            file: file.into(),
            header: f.set,
            groups: f.groups,
            criteria: f.criteria,
        }
    }

    /// The criterion with `code`.
    pub fn criterion(&self, code: &str) -> Option<&CriterionDef> {
        self.criteria.iter().find(|c| c.code == code)
    }

    /// The group named `text` among the set's commune groups: by its full name, or by its
    /// number ("3", "Nhóm 3", "nhom 3"). `None` when the set has no groups or none fits.
    pub fn commune_group(&self, text: &str) -> Option<&str> {
        let want = crate::text::fold(text.trim());
        if want.is_empty() {
            return None;
        }
        let number = |s: &str| {
            let f = crate::text::fold(s);
            let f = f.strip_prefix("nhom").unwrap_or(&f).trim().to_string();
            f.split(|c: char| !c.is_ascii_digit())
                .next()
                .filter(|d| !d.is_empty())
                .map(str::to_string)
        };
        self.header
            .commune_groups
            .iter()
            .find(|g| crate::text::fold(g) == want)
            .or_else(|| {
                let n = number(text)?;
                self.header
                    .commune_groups
                    .iter()
                    .find(|g| number(g).as_deref() == Some(n.as_str()))
            })
            .map(String::as_str)
    }

    /// The rows a commune assesses itself on: every indicator, with the target for its region
    /// or `group`. A criterion whose indicators the data does not list yet (the 2026-2030 set)
    /// is assessed as one row coded like the criterion, its target "Đạt", unverified.
    pub fn rows(&self, group: Option<&str>) -> Vec<AssessRow> {
        let mut out = Vec::new();
        for c in &self.criteria {
            if c.indicators.is_empty() {
                out.push(AssessRow {
                    criterion: c.code.clone(),
                    code: c.code.clone(),
                    name: c.text.clone().unwrap_or_else(|| c.name.clone()),
                    target: "Đạt".into(),
                    source: format!(
                        "{}: bộ dữ liệu chưa có các chỉ tiêu của tiêu chí này, tự đánh giá theo cả tiêu chí",
                        self.header.legal_basis
                    ),
                    verified: false,
                    whole_criterion: true,
                });
                continue;
            }
            for i in &c.indicators {
                let target = group
                    .and_then(|g| i.targets.get(g))
                    .unwrap_or(&i.target)
                    .clone();
                out.push(AssessRow {
                    criterion: c.code.clone(),
                    code: i.code.clone(),
                    name: i.name.clone(),
                    target,
                    source: i.source.clone(),
                    verified: i.verified,
                    whole_criterion: false,
                });
            }
        }
        out
    }

    /// The region whose targets the set gives, or its commune groups joined, for headings.
    pub fn region(&self) -> Option<&str> {
        self.header.region.as_deref()
    }

    /// The name of group `code`.
    pub fn group_name(&self, code: &str) -> &str {
        self.groups
            .iter()
            .find(|g| g.code == code)
            .map_or("", |g| g.name.as_str())
    }
}

/// One row of a commune's self-assessment: an indicator and its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessRow {
    /// Criterion code.
    pub criterion: String,
    /// Indicator code (`2.1`), or the criterion's own code for a whole-criterion row.
    pub code: String,
    /// Indicator text.
    pub name: String,
    /// Target for the commune's region or group, as written.
    pub target: String,
    /// Where the target is stated.
    pub source: String,
    /// Whether `source` was checked.
    pub verified: bool,
    /// The set lists no indicators for this criterion: the row stands for all of it.
    pub whole_criterion: bool,
}

/// The conditions of recognition and dossier documents a pack sets for one recognition type.
#[derive(Debug, Clone, Default)]
pub struct Recognition {
    /// Pack that states them.
    pub pack: String,
    /// Recognition type (`xa-ntm`).
    pub recognition: String,
    /// Conditions, in order.
    pub conditions: Vec<ConditionDef>,
    /// Documents of the dossier, in order.
    pub documents: Vec<DocumentDef>,
}

/// One item of a checked form.
#[derive(Debug, Clone)]
pub struct Item {
    /// 1-based number.
    pub number: u32,
    /// Statement.
    pub statement: String,
    /// Criteria codes asked about.
    pub criteria: Vec<String>,
    /// Whether it is the overall question.
    pub overall: bool,
    /// Source of the wording.
    pub source: String,
    /// Whether the wording was checked.
    pub verified: bool,
}

/// A checked survey form: items sorted by number, exactly one overall item.
#[derive(Debug, Clone)]
pub struct Form {
    /// File it came from.
    pub file: String,
    /// Header.
    pub header: FormHeader,
    /// Items, item 1 first.
    pub items: Vec<Item>,
}

impl Form {
    /// The form id.
    pub fn id(&self) -> &str {
        &self.header.id
    }

    /// Number of items, the overall one included.
    pub fn item_count(&self) -> usize {
        self.items.len()
    }

    /// The overall item.
    pub fn overall(&self) -> &Item {
        self.items
            .iter()
            .find(|i| i.overall)
            .expect("checked at load: one overall item")
    }

    /// The content items (all but the overall one).
    pub fn content_items(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| !i.overall)
    }
}

/// The kinds of check a rule can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// Participation over the commune.
    ParticipationCommune,
    /// Participation in the weakest residential area.
    ParticipationArea,
    /// Rate of the overall item.
    OverallMin,
    /// Mean of the content items' rates.
    ContentMeanMin,
    /// The lowest content item's rate.
    ItemFloor,
    /// The lowest item rate in any residential area.
    AreaItemFloor,
    /// Every "Hài lòng" answer to a content item over every answer given to one.
    PooledMin,
}

impl CheckKind {
    /// Every kind, in report order.
    pub const ALL: [CheckKind; 7] = [
        CheckKind::ParticipationCommune,
        CheckKind::ParticipationArea,
        CheckKind::OverallMin,
        CheckKind::ContentMeanMin,
        CheckKind::ItemFloor,
        CheckKind::AreaItemFloor,
        CheckKind::PooledMin,
    ];

    /// The key used in rule files and JSON.
    pub fn key(self) -> &'static str {
        match self {
            CheckKind::ParticipationCommune => "participation_commune",
            CheckKind::ParticipationArea => "participation_area",
            CheckKind::OverallMin => "overall_min",
            CheckKind::ContentMeanMin => "content_mean_min",
            CheckKind::ItemFloor => "item_floor",
            CheckKind::AreaItemFloor => "area_item_floor",
            CheckKind::PooledMin => "pooled_min",
        }
    }

    /// A short label for tables, Vietnamese and English.
    pub fn label(self) -> (&'static str, &'static str) {
        self.text().texts()
    }

    /// The short label in `lang`.
    pub fn name(self, lang: crate::i18n::Lang) -> &'static str {
        self.text().text(lang)
    }

    fn text(self) -> crate::i18n::ReportText {
        use crate::i18n::ReportText as R;
        match self {
            CheckKind::ParticipationCommune => R::CheckParticipationCommune,
            CheckKind::ParticipationArea => R::CheckParticipationArea,
            CheckKind::OverallMin => R::CheckOverallMin,
            CheckKind::ContentMeanMin => R::CheckContentMeanMin,
            CheckKind::ItemFloor => R::CheckItemFloor,
            CheckKind::AreaItemFloor => R::CheckAreaItemFloor,
            CheckKind::PooledMin => R::CheckPooledMin,
        }
    }

    fn of(def: &FormRulesDef, kind: CheckKind) -> Option<&CheckDef> {
        match kind {
            CheckKind::ParticipationCommune => def.participation_commune.as_ref(),
            CheckKind::ParticipationArea => def.participation_area.as_ref(),
            CheckKind::OverallMin => def.overall_min.as_ref(),
            CheckKind::ContentMeanMin => def.content_mean_min.as_ref(),
            CheckKind::ItemFloor => def.item_floor.as_ref(),
            CheckKind::AreaItemFloor => def.area_item_floor.as_ref(),
            CheckKind::PooledMin => def.pooled_min.as_ref(),
        }
    }
}

/// One threshold in force, after `extends` is resolved.
#[derive(Debug, Clone)]
pub struct CheckRule {
    /// What is checked.
    pub kind: CheckKind,
    /// Minimum percentage, exact.
    pub threshold: Ratio,
    /// The threshold as written in the file.
    pub threshold_text: String,
    /// Source document.
    pub source: String,
    /// Whether the value was checked against its source.
    pub verified: bool,
    /// Whether no document sets the value (`no_source = true`).
    pub no_source: bool,
    /// Pack that set it.
    pub pack: String,
}

/// The invalid-form rule in force.
#[derive(Debug, Clone)]
pub struct InvalidFormRule {
    /// A form with every item blank is invalid.
    pub all_blank: bool,
    /// A form with any invalid item is invalid.
    pub any_invalid_item: bool,
    /// A form with an item whose two options are both marked is invalid.
    pub any_double_marked: bool,
    /// A form the commune marked invalid ("Không hợp lệ" column) is invalid.
    pub marked: bool,
    /// Source.
    pub source: String,
    /// Verified.
    pub verified: bool,
}

impl Default for InvalidFormRule {
    fn default() -> Self {
        InvalidFormRule {
            all_blank: true,
            any_invalid_item: false,
            any_double_marked: false,
            marked: false,
            source: "mặc định của hailong".into(),
            verified: false,
        }
    }
}

/// The rules for one form under one pack, ready to apply.
#[derive(Debug, Clone)]
pub struct FormRules {
    /// Pack id.
    pub pack: String,
    /// Pack title.
    pub pack_title: String,
    /// Whether the pack's governing document was checked.
    pub pack_verified: bool,
    /// Form id.
    pub form: String,
    /// Checks in report order.
    pub checks: Vec<CheckRule>,
    /// Checks whose value no document sets (`no_source = true`): not applied unless the pack
    /// enables them explicitly, and listed in every report as "no source".
    pub no_source: Vec<CheckRule>,
    /// Invalid-form rule.
    pub invalid_form: InvalidFormRule,
    /// Decimals of every displayed rate (the nearest pack that says; 2 by default).
    pub display_decimals: u32,
}

impl FormRules {
    /// Whether any value the verdict relies on is unverified.
    pub fn any_unverified(&self) -> bool {
        !self.pack_verified
            || self.checks.iter().any(|c| !c.verified)
            || !self.invalid_form.verified
    }
}

/// A checked rule pack (its own file only; `extends` is followed by [`Library::rules_for`]).
#[derive(Debug, Clone)]
pub struct Pack {
    /// File it came from.
    pub file: String,
    /// Parsed content.
    pub def: PackFile,
}

/// All criteria sets, forms and packs, cross-checked.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// Criteria sets by id.
    pub criteria_sets: BTreeMap<String, CriteriaSet>,
    /// Forms by id.
    pub forms: BTreeMap<String, Form>,
    /// Packs by id.
    pub packs: BTreeMap<String, Pack>,
}

fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, RulesError> {
    toml::from_str(text).map_err(|e| RulesError::Parse {
        file: file.to_string(),
        message: e.to_string(),
    })
}

impl Library {
    /// The files shipped with hailong.
    pub fn shipped() -> Result<Library, RulesError> {
        let mut lib = Library::default();
        for (file, text) in SHIPPED {
            lib.add_text(file, text)?;
        }
        lib.check()?;
        Ok(lib)
    }

    /// The shipped files plus a province's own pack file (which may extend a shipped pack).
    pub fn with_extra(extra: &Path) -> Result<Library, RulesError> {
        let mut lib = Library::default();
        for (file, text) in SHIPPED {
            lib.add_text(file, text)?;
        }
        let name = extra.display().to_string();
        let text = std::fs::read_to_string(extra).map_err(|e| RulesError::Io {
            file: name.clone(),
            message: e.to_string(),
        })?;
        let before: BTreeSet<String> = lib.packs.keys().cloned().collect();
        lib.add_text(&name, &text)?;
        // The province's pack is the one in force: it becomes the default.
        let extra_id = lib
            .packs
            .iter()
            .find(|(id, p)| !before.contains(*id) || p.file == name)
            .map(|(id, _)| id.clone());
        if let Some(id) = extra_id {
            for (pid, p) in lib.packs.iter_mut() {
                p.def.pack.default = *pid == id;
            }
        }
        lib.check()?;
        Ok(lib)
    }

    /// Replaces the criteria set of the same id with a workspace's own (`hailong criteria
    /// import` writes it from the province's table): the one explicit way a set is replaced,
    /// since [`Library::add_text`] refuses a repeated id. The replacement must hold exactly
    /// the indicator codes of the set it replaces (forms, self-assessments and the decision's
    /// count rely on them); only texts, targets, sources and flags change. The caller runs
    /// [`Library::check`] afterwards.
    pub fn override_set(&mut self, file: &str, text: &str) -> Result<(), RulesError> {
        let f: CriteriaFile = parse(file, text)?;
        let id = f.set.id.clone();
        let old = self
            .criteria_sets
            .get(&id)
            .ok_or_else(|| RulesError::UnknownRef {
                file: file.to_string(),
                key: "set.id".into(),
                id: id.clone(),
            })?;
        let codes = |criteria: &[CriterionDef]| -> BTreeSet<String> {
            criteria
                .iter()
                .flat_map(|c| c.indicators.iter().map(|i| i.code.clone()))
                .collect()
        };
        let (was, now) = (codes(&old.criteria), codes(&f.criteria));
        if was != now {
            let join = |s: Vec<&String>| {
                s.into_iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            return Err(RulesError::SetShape {
                file: file.to_string(),
                set: id,
                missing: join(was.difference(&now).collect()),
                extra: join(now.difference(&was).collect()),
            });
        }
        self.criteria_sets
            .insert(id, CriteriaSet::from_file(file, f));
        Ok(())
    }

    /// Adds one file; its kind is told by its top-level table (`[set]`, `[form]` or `[pack]`).
    pub fn add_text(&mut self, file: &str, text: &str) -> Result<(), RulesError> {
        let value: toml::Table = parse(file, text)?;
        let dup = |key: &str, id: &str| RulesError::Duplicate {
            file: file.to_string(),
            key: key.to_string(),
            id: id.to_string(),
        };
        if value.contains_key("set") {
            let f: CriteriaFile = parse(file, text)?;
            let id = f.set.id.clone();
            if self.criteria_sets.contains_key(&id) {
                return Err(dup("set.id", &id));
            }
            self.criteria_sets
                .insert(id, CriteriaSet::from_file(file, f));
        } else if value.contains_key("form") {
            let f: FormFile = parse(file, text)?;
            let id = f.form.id.clone();
            if self.forms.contains_key(&id) {
                return Err(dup("form.id", &id));
            }
            let items = f
                .items
                .into_iter()
                .map(|i| Item {
                    number: i.number,
                    statement: i.statement,
                    criteria: i.criteria,
                    overall: i.overall,
                    source: i.source,
                    verified: i.verified,
                })
                .collect();
            self.forms.insert(
                id,
                Form {
                    file: file.into(),
                    header: f.form,
                    items,
                },
            );
        } else if value.contains_key("pack") {
            let f: PackFile = parse(file, text)?;
            let id = f.pack.id.clone();
            if let Some(old) = self.packs.get(&id) {
                // A province file may replace a shipped pack of the same id on purpose only when it
                // is the extra file; shipped files never collide.
                if SHIPPED.iter().all(|(f2, _)| *f2 != file)
                    && SHIPPED.iter().any(|(f2, _)| *f2 == old.file)
                {
                    self.packs.insert(
                        id,
                        Pack {
                            file: file.into(),
                            def: f,
                        },
                    );
                    return Ok(());
                }
                return Err(dup("pack.id", &id));
            }
            self.packs.insert(
                id,
                Pack {
                    file: file.into(),
                    def: f,
                },
            );
        } else {
            return Err(RulesError::Parse {
                file: file.into(),
                message: "thiếu bảng [set], [form] hoặc [pack] ở đầu tệp".into(),
            });
        }
        Ok(())
    }

    /// Cross-checks everything loaded.
    pub fn check(&mut self) -> Result<(), RulesError> {
        for set in self.criteria_sets.values() {
            let mut groups = BTreeSet::new();
            for g in &set.groups {
                if !groups.insert(g.code.as_str()) {
                    return Err(RulesError::Duplicate {
                        file: set.file.clone(),
                        key: "groups.code".into(),
                        id: g.code.clone(),
                    });
                }
            }
            let mut codes = BTreeSet::new();
            for c in &set.criteria {
                if !codes.insert(c.code.as_str()) {
                    return Err(RulesError::Duplicate {
                        file: set.file.clone(),
                        key: "criteria.code".into(),
                        id: c.code.clone(),
                    });
                }
                for i in &c.indicators {
                    if let Some(g) = i
                        .targets
                        .keys()
                        .find(|g| !set.header.commune_groups.contains(g))
                    {
                        return Err(RulesError::UnknownRef {
                            file: set.file.clone(),
                            key: format!("criteria.indicators[{}].targets", i.code),
                            id: g.clone(),
                        });
                    }
                }
                if !set.groups.is_empty() && !groups.contains(c.group.as_str()) {
                    return Err(RulesError::UnknownRef {
                        file: set.file.clone(),
                        key: format!("criteria[{}].group", c.code),
                        id: c.group.clone(),
                    });
                }
            }
        }
        for form in self.forms.values_mut() {
            check_form(form, &self.criteria_sets)?;
        }
        for pack in self.packs.values() {
            let file = &pack.file;
            if let Some(parent) = &pack.def.pack.extends
                && !self.packs.contains_key(parent)
            {
                return Err(RulesError::UnknownRef {
                    file: file.clone(),
                    key: "pack.extends".into(),
                    id: parent.clone(),
                });
            }
            for (form, def) in &pack.def.forms {
                if !self.forms.contains_key(form) {
                    return Err(RulesError::UnknownRef {
                        file: file.clone(),
                        key: format!("forms.{form}"),
                        id: form.clone(),
                    });
                }
                for kind in CheckKind::ALL {
                    if let Some(c) = CheckKind::of(def, kind) {
                        let key = format!("forms.{form}.{}", kind.key());
                        threshold(file, &format!("{key}.threshold_pct"), c)?;
                        if is_placeholder_source(&c.source) {
                            return Err(RulesError::PlaceholderSource {
                                file: file.clone(),
                                key,
                                value: c.source.clone(),
                            });
                        }
                    }
                }
            }
            check_recognition(pack)?;
            if let Some(d) = pack.def.pack.display_decimals
                && d > MAX_DECIMALS
            {
                return Err(RulesError::BadDecimals {
                    file: file.clone(),
                    value: d,
                });
            }
            // Follow extends to find loops.
            let mut seen = BTreeSet::new();
            let mut cur = Some(pack.def.pack.id.clone());
            while let Some(id) = cur {
                if !seen.insert(id.clone()) {
                    return Err(RulesError::Cycle {
                        file: file.clone(),
                        id,
                    });
                }
                cur = self.packs.get(&id).and_then(|p| p.def.pack.extends.clone());
            }
        }
        let defaults = self.packs.values().filter(|p| p.def.pack.default).count();
        if defaults != 1 {
            return Err(RulesError::DefaultCount { count: defaults });
        }
        Ok(())
    }

    /// The id of the default pack.
    pub fn default_pack(&self) -> &str {
        self.packs
            .values()
            .find(|p| p.def.pack.default)
            .map(|p| p.def.pack.id.as_str())
            .expect("checked at load: one default pack")
    }

    /// The form with `id`.
    pub fn form(&self, id: &str) -> Option<&Form> {
        self.forms.get(id)
    }

    /// The rules for `form` under `pack`, following `extends` (the child's value wins per check).
    pub fn rules_for(&self, pack: &str, form: &str) -> Result<FormRules, RulesError> {
        let top = self.packs.get(pack).ok_or_else(|| RulesError::UnknownRef {
            file: "--rules".into(),
            key: "pack".into(),
            id: pack.into(),
        })?;
        let mut chain = Vec::new();
        let mut cur = Some(pack.to_string());
        while let Some(id) = cur {
            let p = &self.packs[&id];
            chain.push(p);
            cur = p.def.pack.extends.clone();
        }
        let mut checks = Vec::new();
        let mut no_source = Vec::new();
        for kind in CheckKind::ALL {
            // The nearest pack that mentions the check decides, including "enabled = false".
            let found = chain.iter().find_map(|p| {
                p.def
                    .forms
                    .get(form)
                    .and_then(|d| CheckKind::of(d, kind))
                    .map(|c| (p, c))
            });
            let Some((p, c)) = found else { continue };
            let rule = CheckRule {
                kind,
                threshold: threshold(&p.file, kind.key(), c)?,
                threshold_text: c.threshold_pct.text(),
                source: c.source.clone(),
                verified: c.verified,
                no_source: c.no_source,
                pack: p.def.pack.id.clone(),
            };
            // A value no document sets is off unless the pack switches it on in so many words.
            match (c.enabled, c.no_source) {
                (Some(true), _) | (None, false) => checks.push(rule),
                (None, true) => no_source.push(rule),
                (Some(false), _) => {}
            }
        }
        let invalid_form = chain
            .iter()
            .find_map(|p| p.def.forms.get(form).and_then(|d| d.invalid_form.clone()))
            .map(|d| InvalidFormRule {
                all_blank: d.all_blank,
                any_invalid_item: d.any_invalid_item,
                any_double_marked: d.any_double_marked,
                marked: d.marked,
                source: d.source,
                verified: d.verified,
            })
            .unwrap_or_default();
        Ok(FormRules {
            pack: top.def.pack.id.clone(),
            pack_title: top.def.pack.title.clone(),
            pack_verified: top.def.pack.verified,
            form: form.to_string(),
            checks,
            no_source,
            invalid_form,
            display_decimals: chain
                .iter()
                .find_map(|p| p.def.pack.display_decimals)
                .unwrap_or(DEFAULT_DECIMALS),
        })
    }
}

impl Library {
    /// The conditions of recognition of `recognition` under `pack`: the nearest pack following
    /// `extends` that has a `[recognition.<type>]` table decides. `None` when no pack has one.
    pub fn recognition_for(&self, pack: &str, recognition: &str) -> Option<Recognition> {
        let mut cur = Some(pack.to_string());
        while let Some(id) = cur {
            let p = self.packs.get(&id)?;
            if let Some(r) = p.def.recognition.get(recognition) {
                return Some(Recognition {
                    pack: id,
                    recognition: recognition.to_string(),
                    conditions: r.conditions.clone(),
                    documents: r.documents.clone(),
                });
            }
            cur = p.def.pack.extends.clone();
        }
        None
    }

    /// The criteria set a form's items refer to.
    pub fn set_of_form(&self, form: &str) -> Option<&CriteriaSet> {
        self.forms
            .get(form)
            .and_then(|f| self.criteria_sets.get(&f.header.criteria_set))
    }
}

/// A pack's conditions of recognition: unique ids, the numbers a posting condition needs, and
/// a real source for each.
fn check_recognition(pack: &Pack) -> Result<(), RulesError> {
    let file = &pack.file;
    for (rec, def) in &pack.def.recognition {
        let mut ids = BTreeSet::new();
        for c in &def.conditions {
            let key = format!("recognition.{rec}.conditions[{}]", c.id);
            if !ids.insert(c.id.as_str()) {
                return Err(RulesError::Duplicate {
                    file: file.clone(),
                    key: format!("recognition.{rec}.conditions.id"),
                    id: c.id.clone(),
                });
            }
            if c.kind == schema::ConditionKind::Posting
                && (c.min_times.unwrap_or(0) == 0 || c.within_days.unwrap_or(0) == 0)
            {
                return Err(RulesError::Parse {
                    file: file.clone(),
                    message: format!(
                        "{key}: kind = \"posting\" cần min_times và within_days lớn hơn 0"
                    ),
                });
            }
            if is_placeholder_source(&c.source) {
                return Err(RulesError::PlaceholderSource {
                    file: file.clone(),
                    key,
                    value: c.source.clone(),
                });
            }
        }
        for d in &def.documents {
            if is_placeholder_source(&d.source) {
                return Err(RulesError::PlaceholderSource {
                    file: file.clone(),
                    key: format!("recognition.{rec}.documents"),
                    value: d.source.clone(),
                });
            }
        }
    }
    Ok(())
}

/// Decimals of displayed rates when no pack says: what most published reports print.
pub const DEFAULT_DECIMALS: u32 = 2;
/// More decimals than any published report prints is a typo, not a wish.
pub const MAX_DECIMALS: u32 = 4;

/// Whether a source names no document: empty, or a stand-in such as `?`, `TODO`, `...`,
/// `chưa rõ`. What counts as a stand-in is deliberately narrow: a real source that admits doubt
/// ("chưa có bản gốc") is a source with `verified = false`, not a placeholder.
pub fn is_placeholder_source(source: &str) -> bool {
    let t = source.trim().to_lowercase();
    let t = t.trim_matches(|c: char| c.is_ascii_punctuation() || c == '…' || c.is_whitespace());
    t.is_empty()
        || [
            "todo",
            "tbd",
            "fixme",
            "xxx",
            "chưa rõ",
            "không rõ",
            "n/a",
            "na",
        ]
        .contains(&t)
}

fn threshold(file: &str, key: &str, c: &CheckDef) -> Result<Ratio, RulesError> {
    let text = c.threshold_pct.text();
    match Ratio::parse_decimal(&text) {
        Some(r) if r <= Ratio::new(100, 1) => Ok(r),
        _ => Err(RulesError::BadThreshold {
            file: file.into(),
            key: key.into(),
            value: text,
        }),
    }
}

fn check_form(form: &mut Form, sets: &BTreeMap<String, CriteriaSet>) -> Result<(), RulesError> {
    let file = form.file.clone();
    if form.header.answers.len() != 2 {
        return Err(RulesError::Answers { file });
    }
    let set = sets
        .get(&form.header.criteria_set)
        .ok_or_else(|| RulesError::UnknownRef {
            file: file.clone(),
            key: "form.criteria_set".into(),
            id: form.header.criteria_set.clone(),
        })?;
    let mut numbers = BTreeSet::new();
    for item in &form.items {
        if !numbers.insert(item.number) {
            return Err(RulesError::DuplicateItem {
                file,
                number: item.number,
            });
        }
    }
    for expected in 1..=form.items.len() as u32 {
        if !numbers.contains(&expected) {
            return Err(RulesError::MissingItem {
                file,
                number: expected,
            });
        }
    }
    let overall = form.items.iter().filter(|i| i.overall).count();
    if overall != 1 {
        return Err(RulesError::OverallCount {
            file,
            count: overall,
        });
    }
    for item in &form.items {
        if item.overall && !item.criteria.is_empty() {
            return Err(RulesError::ItemCriteria {
                file,
                item: item.number,
                overall: true,
            });
        }
        if !item.overall && item.criteria.is_empty() {
            return Err(RulesError::ItemCriteria {
                file,
                item: item.number,
                overall: false,
            });
        }
        for code in &item.criteria {
            if set.criterion(code).is_none() {
                return Err(RulesError::UnknownCriterion {
                    file,
                    item: item.number,
                    code: code.clone(),
                    set: set.header.id.clone(),
                });
            }
        }
    }
    form.items.sort_by_key(|i| i.number);
    Ok(())
}
