//! The domain's plain data, shared by every layer: answers, ballots, registers, provenance.
//!
//! Types here hold data and nothing else: no I/O, no polars, no spreadsheets. The answer coding
//! below is also the on-disk coding of the workspace (see `docs/workspace.md`), so it must never
//! change meaning.

use serde::{Deserialize, Serialize};

/// One answer to one item, as stored: a single byte per item per form.
///
/// | code | meaning |
/// |---|---|
/// | 0 | blank (no option marked) |
/// | 1 | Hài lòng (satisfied) |
/// | 2 | Không hài lòng / Chưa hài lòng (not satisfied) |
/// | 3 | invalid (both options, or a value that is neither) |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[repr(u8)]
pub enum Answer {
    /// Nothing marked.
    Blank = 0,
    /// "Hài lòng".
    Satisfied = 1,
    /// "Không hài lòng" (also written "Chưa hài lòng").
    Dissatisfied = 2,
    /// An unreadable value (or, in tables written before code 4 existed, also both options).
    Invalid = 3,
    /// Both options marked on a two-marker sheet: invalid for the item, and a ground of its own
    /// for packs that make such a form invalid as a whole (`any_double_marked`).
    DoubleMarked = 4,
}

impl Answer {
    /// The stored byte.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The answer a stored byte stands for; unknown bytes read as invalid.
    pub fn from_code(code: u8) -> Answer {
        match code {
            0 => Answer::Blank,
            1 => Answer::Satisfied,
            2 => Answer::Dissatisfied,
            4 => Answer::DoubleMarked,
            _ => Answer::Invalid,
        }
    }
}

/// Where a ballot came from inside its file (the file itself is the batch's `sha256`): enough
/// to find the row again in the file people sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// Sheet name inside the workbook.
    pub sheet: String,
    /// 1-based spreadsheet row.
    pub row: u32,
}

/// One returned form (phiếu) of one household.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ballot {
    /// Residential area (khu dân cư) as named in the register.
    pub area: String,
    /// The form's number as written on it, if any.
    pub form_no: Option<String>,
    /// One answer per item, item 1 first.
    pub answers: Vec<Answer>,
    /// "Lý do không hài lòng", free text.
    pub reason: Option<String>,
    /// "Ý kiến khác", free text.
    pub other_opinion: Option<String>,
    /// What the commune wrote in the entry workbook's "Không hợp lệ" column (a reason, or a
    /// mark): the commune declares the whole form invalid (`marked` ground).
    pub marked_invalid: Option<String>,
    /// Where the ballot was read.
    pub provenance: Provenance,
    /// The collection tool's submission key, time and review, when the export has them.
    pub submission: Option<Submission>,
}

impl Ballot {
    /// Whether the ballot counts (a submission the reviewer rejected is stored, so that it
    /// supersedes earlier versions, but never counted).
    pub fn counted(&self) -> bool {
        self.submission.as_ref().is_none_or(|s| s.counted)
    }
}

/// What a collection tool (KoboToolbox, ODK Central) says of one submission.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Submission {
    /// The submission key kept across edits (`KEY`, Kobo's `_id` or `meta/rootUuid`; else
    /// `_uuid` / `instanceID`, the root of a `deprecatedID` chain), without a `uuid:` prefix,
    /// lower case.
    pub id: String,
    /// When it was submitted, ISO 8601 as far as the export says (`2025-10-03T08:15:22`).
    pub submitted_at: Option<String>,
    /// How many times it was edited (`Edits`, or the length of its `deprecatedID` chain).
    pub revision: u32,
    /// `false` when the reviewer rejected it (`validation_status_not_approved`, `rejected`).
    pub counted: bool,
}

/// One residential area of a commune's register at distribution time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterArea {
    /// Name of the area (thôn, bản, tiểu khu).
    pub area: String,
    /// Households (tổng số hộ) when the forms were handed out.
    pub households: u32,
    /// Forms issued (số phiếu phát ra), when the sheet says.
    pub forms_issued: Option<u32>,
}

/// Satisfied and not-satisfied counts of one item in a tally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemTally {
    /// "Hài lòng".
    pub satisfied: u32,
    /// "Không hài lòng".
    pub dissatisfied: u32,
}

/// One residential area's tally, counted on paper and sent instead of the forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TallyRow {
    /// Area.
    pub area: String,
    /// Forms returned.
    pub returned: u32,
    /// Forms issued, when stated.
    pub issued: Option<u32>,
    /// One count pair per item, item 1 first; blanks are `returned − satisfied − dissatisfied`.
    pub items: Vec<ItemTally>,
    /// "Ý kiến khác" counted, when stated.
    pub other_opinions: Option<u32>,
    /// Where it was read.
    pub provenance: Provenance,
}

/// Everything read from one source file for one commune, ready to store.
#[derive(Debug, Clone)]
pub struct SurveyBatch {
    /// Canonical commune name (from the gazetteer).
    pub commune: String,
    /// Survey form id (`xa-ntm`, ...).
    pub form: String,
    /// Survey round label ("" for a single round), set by the importer.
    pub round: String,
    /// SHA-256 of the source file, set by the importer (names its tables).
    pub sha256: String,
    /// The register of residential areas.
    pub register: Vec<RegisterArea>,
    /// Accepted ballots.
    pub ballots: Vec<Ballot>,
    /// Accepted area tallies (never for an area that also has ballots).
    pub tallies: Vec<TallyRow>,
    /// What a person must still decide: marks the photo reader was not sure of, pages it could
    /// not place (only for photographed or scanned ballots; empty for every spreadsheet).
    pub review: Vec<ReviewRow>,
}

/// One thing the reader of photographed ballots left to a person (issue 25): an item whose
/// marks it was not sure of, or a page it could not identify or locate. Stored with the
/// ballots of its file; the item's stored answer stays blank until a person decides it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewRow {
    /// 1-based page of the file.
    pub page: u32,
    /// The ballot id read from the page; empty when the page's id could not be read.
    pub id: String,
    /// Item number; 0 for a whole page the reader could not identify or locate.
    pub item: u32,
    /// Why, as a code (`both_marked`, `faint`, `around_box`, `smudge`, `unsure`; for a page
    /// `no_fiducials`, `no_id`, `id_check_failed`, `unknown_form`, `unknown_ballot`, …).
    pub reason: String,
    /// A PNG picture: the item's two boxes and their surround, or the whole page.
    pub image: Vec<u8>,
    /// The measures the reader decided on, for an item: ink shares (0–1) of the satisfied box
    /// (strong, weak, around) then of the dissatisfied box; empty for a page.
    pub ink: Vec<f32>,
}

/// What planning an import needs to know of a batch once its tables are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchSummary {
    /// Commune.
    pub commune: String,
    /// Form id.
    pub form: String,
    /// Survey round.
    pub round: String,
    /// Areas with data (forms or a tally).
    pub areas: std::collections::BTreeSet<String>,
    /// Ballots.
    pub ballots: u32,
    /// Tallies.
    pub tallies: u32,
    /// Whether its forms carry submission keys (a later export supersedes them by key).
    pub keyed: bool,
    /// The submission keys of its forms.
    pub submission_ids: std::collections::BTreeSet<String>,
}

impl SurveyBatch {
    /// The batch's summary.
    pub fn summary(&self) -> BatchSummary {
        BatchSummary {
            commune: self.commune.clone(),
            form: self.form.clone(),
            round: self.round.clone(),
            areas: self.data_areas().into_iter().map(str::to_string).collect(),
            ballots: self.ballots.iter().filter(|b| b.counted()).count() as u32,
            tallies: self.tallies.len() as u32,
            keyed: self.ballots.iter().any(|b| b.submission.is_some()),
            submission_ids: self
                .ballots
                .iter()
                .filter_map(|b| b.submission.as_ref().map(|s| s.id.clone()))
                .collect(),
        }
    }

    /// Areas that have data (ballots or a tally) in this batch.
    pub fn data_areas(&self) -> std::collections::BTreeSet<&str> {
        self.ballots
            .iter()
            .filter(|b| b.counted())
            .map(|b| b.area.as_str())
            .chain(self.tallies.iter().map(|t| t.area.as_str()))
            .collect()
    }
}

/// A commune's filled self-assessment workbook (bảng tự đánh giá kết quả thực hiện tiêu chí),
/// as read: what the commune wrote, not what hailong concludes from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfAssessment {
    /// Canonical commune name.
    pub commune: String,
    /// Criteria set id.
    pub set: String,
    /// Survey round label ("" for a single round), set by the importer.
    #[serde(default)]
    pub round: String,
    /// The commune group (2026-2030 sets) as the set names it, when the set has groups.
    #[serde(default)]
    pub group: Option<String>,
    /// One row per indicator read, in file order.
    pub indicators: Vec<AssessedIndicator>,
    /// The public postings of the commune's report.
    #[serde(default)]
    pub postings: Vec<Posting>,
    /// The conditions the commune declares (no debt, security standard), by condition id.
    #[serde(default)]
    pub declarations: Vec<Declaration>,
}

/// One indicator as the commune filled it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessedIndicator {
    /// Indicator code as the set writes it.
    pub code: String,
    /// "Kết quả thực hiện" as entered (trimmed; "" when blank).
    pub result: String,
    /// "Tự đánh giá": `Some(true)` Đạt, `Some(false)` Chưa đạt, `None` blank.
    pub self_assessed: Option<bool>,
    /// "Minh chứng, ghi chú".
    pub evidence: String,
    /// Where it was read (`Sheet!F12`), for messages.
    pub cell: String,
}

/// One public posting of the commune's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Posting {
    /// "Lần" as written (or the row's rank).
    pub n: u32,
    /// The day, when it could be read.
    pub day: Option<crate::date::Day>,
    /// "Hình thức".
    pub form: String,
    /// "Nơi".
    pub place: String,
}

/// A condition the commune declares, and the document that attests it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declaration {
    /// Condition id in the rule pack (`no_debt`, `security`).
    pub condition: String,
    /// `Some(true)` declared met, `Some(false)` declared not met, `None` blank.
    pub declared: Option<bool>,
    /// The attesting document (number, date), "" when none is named.
    pub document: String,
}

/// Column name of item `n` in the ballots table the store writes and the score reads.
pub fn item_column(n: usize) -> String {
    format!("q{n}")
}

// Counting: the sums the store writes per source at import and the score adds up. They live
// with the domain so that neither layer has to import the other.

/// The four facts about a form that a pack's `invalid_form` rule can look at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Signature {
    /// Every item blank (code 0).
    pub all_blank: bool,
    /// Some item unreadable or double-marked (code 3 or 4).
    pub any_invalid_item: bool,
    /// Some item double-marked (code 4).
    pub any_double_marked: bool,
    /// The commune wrote something in the "Không hợp lệ" column.
    pub marked: bool,
}

impl Signature {
    /// The signature of one ballot.
    pub fn of(b: &Ballot) -> Signature {
        let codes = || b.answers.iter().map(|a| a.code());
        Signature {
            all_blank: !b.answers.is_empty() && codes().all(|c| c == 0),
            any_invalid_item: codes().any(|c| c == 3 || c == 4),
            any_double_marked: codes().any(|c| c == 4),
            marked: b.marked_invalid.is_some(),
        }
    }
}

/// The sums over one area's forms of one signature.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CountGroup {
    /// Residential area.
    pub area: String,
    /// What the group's forms have in common.
    pub signature: Signature,
    /// Forms.
    pub forms: u64,
    /// Per item (item 1 first): forms answering "Hài lòng".
    pub satisfied: Vec<u64>,
    /// Per item: forms answering "Không hài lòng".
    pub dissatisfied: Vec<u64>,
    /// Per item: forms leaving it blank (invalid answers are the forms less these three).
    pub blank: Vec<u64>,
    /// Forms with at least one "Không hài lòng", whatever the item.
    pub any_dissatisfied: u64,
    /// Per item: forms whose only "Không hài lòng" is this item.
    pub only_dissatisfied: Vec<u64>,
    /// Forms with an "ý kiến khác".
    pub other_opinions: u64,
}

impl CountGroup {
    /// Forms with a "Không hài lòng" to an item other than `overall` (a content item).
    pub fn content_dissatisfied(&self, overall: usize) -> u64 {
        self.any_dissatisfied - self.only_dissatisfied.get(overall).copied().unwrap_or(0)
    }
}

/// The groups of a batch's ballots, areas in order of first appearance, signatures sorted.
pub fn count_groups(batch: &SurveyBatch) -> Vec<CountGroup> {
    let n = batch.ballots.first().map(|b| b.answers.len()).unwrap_or(0);
    let mut out: Vec<CountGroup> = Vec::new();
    // Few groups per source (areas × the handful of signatures that occur): a linear search
    // is cheaper than hashing the area name of every form.
    for b in &batch.ballots {
        let signature = Signature::of(b);
        let g = match out
            .iter()
            .rposition(|g| g.signature == signature && g.area == b.area)
        {
            Some(i) => &mut out[i],
            None => {
                out.push(CountGroup {
                    area: b.area.clone(),
                    signature,
                    satisfied: vec![0; n],
                    dissatisfied: vec![0; n],
                    blank: vec![0; n],
                    only_dissatisfied: vec![0; n],
                    ..Default::default()
                });
                out.last_mut().expect("just pushed")
            }
        };
        g.forms += 1;
        let mut dis = None;
        let mut n_dis = 0;
        for (i, a) in b.answers.iter().enumerate() {
            match a.code() {
                0 => g.blank[i] += 1,
                1 => g.satisfied[i] += 1,
                2 => {
                    g.dissatisfied[i] += 1;
                    dis = Some(i);
                    n_dis += 1;
                }
                _ => {}
            }
        }
        if n_dis > 0 {
            g.any_dissatisfied += 1;
        }
        if let (1, Some(i)) = (n_dis, dis) {
            g.only_dissatisfied[i] += 1;
        }
        if b.other_opinion.is_some() {
            g.other_opinions += 1;
        }
    }
    // Stable: areas keep their order of first appearance.
    let mut order: Vec<String> = Vec::new();
    for g in &out {
        if !order.contains(&g.area) {
            order.push(g.area.clone());
        }
    }
    out.sort_by_cached_key(|g| (order.iter().position(|a| *a == g.area), g.signature));
    out
}
