//! The TOML shapes of rule-pack files, exactly as written on disk.
//!
//! Every struct refuses unknown keys so that a typo in a province's file ("treshold_pct") is an
//! error, not a silently ignored rule. Checking cross-references is `super`'s job, not this file's.

use serde::Deserialize;
use std::collections::BTreeMap;

/// `criteria/*.toml`: one criteria set (bộ tiêu chí). Also the shape of a workspace's own set
/// (`<workspace>/criteria/<id>.toml`, written by `hailong criteria import`), hence `Serialize`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaFile {
    /// The set's header.
    pub set: CriteriaSetHeader,
    /// Content groups.
    #[serde(default)]
    pub groups: Vec<GroupDef>,
    /// The criteria.
    pub criteria: Vec<CriterionDef>,
}

/// Header of a criteria set.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaSetHeader {
    /// Identifier used by forms (`xa-ntm-2021-2025`).
    pub id: String,
    /// Official title.
    pub title: String,
    /// The legal document that issues it.
    pub legal_basis: String,
    /// Period (`2021-2025`).
    pub period: String,
    /// Recognition type it serves (`xa-ntm`, `xa-ntm-nang-cao`, `xa-ntm-kieu-mau`).
    pub recognition: String,
    /// Region whose targets are given, if targets vary by region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Commune groups whose targets differ (2026-2030).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commune_groups: Vec<String>,
    /// Number of indicators the decision states.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator_count: Option<u32>,
    /// Where this is stated.
    pub source: String,
    /// Whether `source` was checked.
    pub verified: bool,
    /// Free remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The decision's rule for communes that take another region's targets (QĐ 318, Điều 1:
    /// the especially disadvantaged communes take those of Trung du và miền núi phía Bắc).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special_rule: Option<String>,
    /// The province's document the set was checked against, in words ("Quyết định
    /// 1002/QĐ-UBND ngày 06/6/2022 của UBND tỉnh Sơn La"); only in a set imported from the
    /// province's table. `None`: the shipped draft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// Who imported the province's table (as written in it, or `--by`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported_by: Option<String>,
    /// When it was imported (UTC, ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported_at: Option<String>,
    /// The workbook it was imported from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported_from: Option<ImportedFrom>,
}

/// The workbook a workspace's criteria set was read from.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedFrom {
    /// File name.
    pub file: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
}

/// A content group of criteria.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct GroupDef {
    /// Roman numeral or letter.
    pub code: String,
    /// Name.
    pub name: String,
    /// Where this is stated.
    pub source: String,
    /// Whether `source` was checked.
    pub verified: bool,
}

/// One criterion (tiêu chí).
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionDef {
    /// Number as in the decision (`1` ... `19`, `KM1`).
    pub code: String,
    /// Name.
    pub name: String,
    /// Group code.
    pub group: String,
    /// Full text, where the criterion is a condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Whether the province sets its content.
    #[serde(default)]
    pub provincial: bool,
    /// Where this is stated.
    pub source: String,
    /// Whether `source` was checked.
    pub verified: bool,
    /// Indicators (chỉ tiêu) with targets.
    #[serde(default)]
    pub indicators: Vec<IndicatorDef>,
}

/// One indicator and its target.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDef {
    /// Number (`2.1`).
    pub code: String,
    /// Text.
    pub name: String,
    /// Target as written (`Đạt`, `≥70%`) for the set's `region`, or for any commune group
    /// `targets` does not name; `""` when no source gives it (printed "—", never judged).
    pub target: String,
    /// The draft's guess of a target no source gives (`target = ""`): kept for whoever checks
    /// the official text, never printed nor judged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft_target: Option<String>,
    /// Targets that differ by commune group or region, keyed by the group's name as the set's
    /// header lists it (`commune_groups`); looked up, never typed by the commune.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub targets: BTreeMap<String, String>,
    /// Where this is stated.
    pub source: String,
    /// Whether `source` was checked.
    pub verified: bool,
}

/// `surveys/forms/*.toml`: one questionnaire (phiếu).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormFile {
    /// The form's header.
    pub form: FormHeader,
    /// Items in order.
    pub items: Vec<ItemDef>,
}

/// Header of a form.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormHeader {
    /// Identifier (`xa-ntm`).
    pub id: String,
    /// Title printed on the form.
    pub title: String,
    /// Criteria set the items refer to.
    pub criteria_set: String,
    /// Recognition type.
    pub recognition: String,
    /// The answer options, satisfied first.
    pub answers: Vec<String>,
    /// Where this is stated.
    pub source: String,
    /// Whether `source` was checked.
    pub verified: bool,
    /// Free remark.
    #[serde(default)]
    pub note: Option<String>,
}

/// One numbered item of a form.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    /// 1-based number as printed.
    pub number: u32,
    /// The statement people answer.
    pub statement: String,
    /// Criteria the item asks about (empty for the overall item).
    #[serde(default)]
    pub criteria: Vec<String>,
    /// Whether this is the overall question.
    #[serde(default)]
    pub overall: bool,
    /// Where this is stated.
    pub source: String,
    /// Whether `source` was checked.
    pub verified: bool,
}

/// `surveys/rules/*.toml`: thresholds for one or more forms.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    /// The pack's header.
    pub pack: PackHeader,
    /// Rules per form id.
    #[serde(default)]
    pub forms: BTreeMap<String, FormRulesDef>,
    /// Conditions of recognition and the dossier's documents, per recognition type
    /// (`xa-ntm`, as a criteria set's `recognition` names it).
    #[serde(default)]
    pub recognition: BTreeMap<String, RecognitionDef>,
}

/// What recognition asks besides the survey: conditions and the dossier's documents. The
/// nearest pack (following `extends`) that has a `[recognition.X]` table decides all of it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecognitionDef {
    /// Conditions, in the order reports list them.
    #[serde(default)]
    pub conditions: Vec<ConditionDef>,
    /// The documents of the dossier (danh mục hồ sơ), in order.
    #[serde(default)]
    pub documents: Vec<DocumentDef>,
}

/// How a condition of recognition is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionKind {
    /// Every criterion of the set met, by the imported self-assessment.
    AllCriteria,
    /// The satisfaction survey passes under the pack.
    Survey,
    /// The commune's report posted publicly `min_times` within `within_days` days.
    Posting,
    /// Declared by the commune in its workbook with the document that attests it.
    Declared,
}

/// One condition of recognition.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionDef {
    /// Identifier, also the code of a declared condition in the workbook (`no_debt`).
    pub id: String,
    /// How it is judged.
    pub kind: ConditionKind,
    /// The condition, in Vietnamese.
    pub text: String,
    /// The condition, in English.
    pub text_en: String,
    /// A few words for tables ("công khai"); the text when absent.
    #[serde(default)]
    pub short: Option<String>,
    /// A few words for tables, in English.
    #[serde(default)]
    pub short_en: Option<String>,
    /// `posting`: least number of postings.
    #[serde(default)]
    pub min_times: Option<u32>,
    /// `posting`: the window they must fall within, in days.
    #[serde(default)]
    pub within_days: Option<u32>,
    /// Where it is stated.
    pub source: String,
    /// Whether `source` was checked.
    pub verified: bool,
}

/// What hailong produces of a dossier document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Produced {
    /// The survey's report and appendices (`export --commune`).
    SurveyReport,
    /// The criteria results table (sheet "Kết quả thực hiện tiêu chí").
    CriteriaTable,
    /// The conditions of recognition (sheet "Điều kiện công nhận").
    Conditions,
}

/// One document of a recognition dossier.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentDef {
    /// Name, in Vietnamese.
    pub name: String,
    /// Name, in English.
    pub name_en: String,
    /// What of it hailong produces, if anything.
    #[serde(default)]
    pub produced: Option<Produced>,
    /// Where the document list is stated.
    pub source: String,
    /// Whether `source` was checked.
    pub verified: bool,
}

/// Header of a rule pack.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackHeader {
    /// Identifier (`son-la-267kh`).
    pub id: String,
    /// Title shown in reports.
    pub title: String,
    /// Pack whose rules apply where this one says nothing.
    #[serde(default)]
    pub extends: Option<String>,
    /// Province it belongs to.
    #[serde(default)]
    pub province: Option<String>,
    /// Whether this is the pack used when none is named (exactly one shipped pack is).
    #[serde(default)]
    pub default: bool,
    /// The governing document.
    pub source: String,
    /// Whether the document was checked.
    pub verified: bool,
    /// Decimals of every displayed rate (`1` where reports print 67,9 %, `3` where two would
    /// round a near-miss up); inherited through `extends`, 2 when no pack says.
    #[serde(default)]
    pub display_decimals: Option<u32>,
}

/// The rules of one form in one pack; every part is optional and overrides the parent pack's.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormRulesDef {
    /// Which forms are invalid as a whole.
    #[serde(default)]
    pub invalid_form: Option<InvalidFormDef>,
    /// Minimum participation over the commune.
    #[serde(default)]
    pub participation_commune: Option<CheckDef>,
    /// Minimum participation in every residential area.
    #[serde(default)]
    pub participation_area: Option<CheckDef>,
    /// Minimum rate of the overall item.
    #[serde(default)]
    pub overall_min: Option<CheckDef>,
    /// Minimum mean of the content items' rates.
    #[serde(default)]
    pub content_mean_min: Option<CheckDef>,
    /// Minimum rate of every content item.
    #[serde(default)]
    pub item_floor: Option<CheckDef>,
    /// Minimum rate of every item in every residential area.
    #[serde(default)]
    pub area_item_floor: Option<CheckDef>,
    /// Minimum pooled rate: every satisfied content answer over every content answer given.
    #[serde(default)]
    pub pooled_min: Option<CheckDef>,
}

/// A threshold with its provenance.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckDef {
    /// Percentage, written as a decimal (`"90"`, `"92.5"`); compared exactly.
    pub threshold_pct: Threshold,
    /// `false` switches off a check the parent pack has; `true` applies a `no_source` value.
    /// Unset: on, unless `no_source`.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Where the value comes from (a document, never empty nor a placeholder).
    pub source: String,
    /// No document sets this value: `source` then says what is known instead. The check is not
    /// applied unless `enabled = true`, and every report lists it as "no source" (which is not
    /// the same as "unverified": an unverified value has a document nobody has checked yet).
    #[serde(default)]
    pub no_source: bool,
    /// Whether `source` was checked.
    pub verified: bool,
}

/// A threshold as written: a string is preferred, a TOML number is accepted.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Threshold {
    /// `"92.5"`.
    Text(String),
    /// `90`.
    Int(i64),
    /// `92.5` (read through its shortest decimal form).
    Float(f64),
}

impl Threshold {
    /// The decimal text of the threshold.
    pub fn text(&self) -> String {
        match self {
            Threshold::Text(s) => s.clone(),
            Threshold::Int(i) => i.to_string(),
            Threshold::Float(f) => f.to_string(),
        }
    }
}

/// When a whole form is invalid (not counted).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvalidFormDef {
    /// A form with no item answered is invalid.
    pub all_blank: bool,
    /// A form with any invalid item (both marked, unreadable) is invalid.
    pub any_invalid_item: bool,
    /// A form with an item whose two options are both marked is invalid.
    #[serde(default)]
    pub any_double_marked: bool,
    /// A form the commune marked invalid in the entry workbook's "Không hợp lệ" column is
    /// invalid.
    #[serde(default)]
    pub marked: bool,
    /// Where the rule comes from.
    pub source: String,
    /// Whether `source` was checked.
    pub verified: bool,
}
