//! The review queue of photographed ballots (issue 25): what the reader left to a person, and
//! what people decided.
//!
//! The queue itself is data of the imported files: each photographed file's undecided items
//! and unplaced pages are a table `review/<sha256>.parquet` beside its ballots, written and
//! published with them and collected with them, so the queue always belongs to the sources in
//! force. People's decisions are the workspace's own file `review.json`, keyed by ballot id
//! and item (a ballot photographed again keeps its decisions), replaced atomically under the
//! writer's lock. The ballots the score reads have the decisions applied
//! ([`apply_decisions`]); an undecided item stays blank, and whoever reports a score says how
//! many wait.
//!
//! Nothing here decides a mark or reads a picture: the reader (`ingest::omr`) decides, people
//! decide; this module only keeps both.

use super::{StoreError, WriteGuard, io, table};
use crate::model::{Answer, ReviewRow, SurveyBatch, item_column};
use polars::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The directory of the queue tables.
pub const REVIEW: &str = "review";
/// The decisions file.
pub const DECISIONS: &str = "review.json";

/// What a person decided for one item of one ballot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// "Hài lòng" is marked.
    Satisfied,
    /// "Không hài lòng" is marked.
    Dissatisfied,
    /// Nothing is marked (a smudge, a stray line).
    Blank,
    /// The item cannot count (both marked, unreadable).
    Invalid,
}

impl Verdict {
    /// The stored answer it stands for.
    pub fn answer(self) -> Answer {
        match self {
            Verdict::Satisfied => Answer::Satisfied,
            Verdict::Dissatisfied => Answer::Dissatisfied,
            Verdict::Blank => Answer::Blank,
            Verdict::Invalid => Answer::Invalid,
        }
    }

    /// The verdict a word of the command line or the web page names (`satisfied`, `hl`, …).
    pub fn parse(word: &str) -> Option<Verdict> {
        let w = crate::text::fold(word.trim());
        match w.as_str() {
            "satisfied" | "hl" | "hai long" | "1" => Some(Verdict::Satisfied),
            "dissatisfied" | "khl" | "khong hai long" | "2" => Some(Verdict::Dissatisfied),
            "blank" | "trong" | "0" => Some(Verdict::Blank),
            "invalid" | "khong hop le" | "3" => Some(Verdict::Invalid),
            _ => None,
        }
    }
}

/// One decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The ballot id as printed on the ballot.
    pub id: String,
    /// Item number.
    pub item: u32,
    /// What was decided.
    pub verdict: Verdict,
    /// Who decided (an account of `hailong serve`, or the OS user of the command line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// When (UTC, ISO 8601).
    pub at: String,
}

/// A page nobody could identify, whose ballot id a person typed: it was read again as that
/// ballot (a source of its own), so it leaves the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageDecision {
    /// The SHA-256 of the file the page is in.
    pub sha256: String,
    /// 1-based page.
    pub page: u32,
    /// The id typed.
    pub id: String,
    /// Who typed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// When (UTC, ISO 8601).
    pub at: String,
}

/// The decisions file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct DecisionsFile {
    format: u32,
    decisions: Vec<Decision>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pages: Vec<PageDecision>,
}

/// One entry of the queue as stored, with the file it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueRow {
    /// The file's name as imported.
    pub file: String,
    /// The file's SHA-256 (its tables' name).
    pub sha256: String,
    /// What the reader left.
    pub row: ReviewRow,
}

/// Where a source's queue table lives.
pub fn path(dir: &Path, sha: &str) -> PathBuf {
    dir.join(REVIEW).join(format!("{sha}.parquet"))
}

/// The queue table of a batch: one row per item or page left to a person.
pub(super) fn review_frame(batch: &SurveyBatch) -> PolarsResult<DataFrame> {
    let r = &batch.review;
    let ink = |k: usize| -> Vec<Option<f32>> { r.iter().map(|x| x.ink.get(k).copied()).collect() };
    let images: Vec<&[u8]> = r.iter().map(|x| x.image.as_slice()).collect();
    DataFrame::new_infer_height(vec![
        Column::new(
            "page".into(),
            r.iter().map(|x| x.page).collect::<Vec<u32>>(),
        ),
        Column::new(
            "ballot_id".into(),
            r.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "item".into(),
            r.iter().map(|x| x.item).collect::<Vec<u32>>(),
        ),
        Column::new(
            "reason".into(),
            r.iter().map(|x| x.reason.as_str()).collect::<Vec<_>>(),
        ),
        Column::new("image".into(), images),
        Column::new("satisfied_ink".into(), ink(0)),
        Column::new("satisfied_weak".into(), ink(1)),
        Column::new("satisfied_around".into(), ink(2)),
        Column::new("dissatisfied_ink".into(), ink(3)),
        Column::new("dissatisfied_weak".into(), ink(4)),
        Column::new("dissatisfied_around".into(), ink(5)),
    ])
}

/// Reads one source's queue table (none: an empty list).
pub(super) fn read_rows(dir: &Path, sha: &str) -> Result<Vec<ReviewRow>, StoreError> {
    let p = path(dir, sha);
    let Ok(file) = std::fs::File::open(&p) else {
        return Ok(Vec::new());
    };
    let df = ParquetReader::new(file).finish().map_err(table(&p))?;
    rows_of(&df).map_err(table(&p))
}

fn rows_of(df: &DataFrame) -> PolarsResult<Vec<ReviewRow>> {
    let page = df.column("page")?.u32()?;
    let id = df.column("ballot_id")?.str()?;
    let item = df.column("item")?.u32()?;
    let reason = df.column("reason")?.str()?;
    let image = df.column("image")?.binary()?;
    let names = [
        "satisfied_ink",
        "satisfied_weak",
        "satisfied_around",
        "dissatisfied_ink",
        "dissatisfied_weak",
        "dissatisfied_around",
    ];
    let ink: Vec<&Float32Chunked> = names
        .iter()
        .map(|n| df.column(n).and_then(|c| c.f32()))
        .collect::<PolarsResult<_>>()?;
    Ok((0..df.height())
        .map(|i| ReviewRow {
            page: page.get(i).unwrap_or(0),
            id: id.get(i).unwrap_or("").to_string(),
            item: item.get(i).unwrap_or(0),
            reason: reason.get(i).unwrap_or("").to_string(),
            image: image.get(i).map(<[u8]>::to_vec).unwrap_or_default(),
            ink: ink.iter().filter_map(|c| c.get(i)).collect(),
        })
        .collect())
}

fn read_file(dir: &Path) -> Result<DecisionsFile, StoreError> {
    let p = dir.join(DECISIONS);
    let Ok(bytes) = std::fs::read(&p) else {
        return Ok(DecisionsFile::default());
    };
    serde_json::from_slice(&bytes).map_err(|e| StoreError::Manifest {
        path: p.display().to_string(),
        message: e.to_string(),
    })
}

/// The decisions recorded in the workspace `dir` (none yet: empty).
pub fn decisions(dir: &Path) -> Result<Vec<Decision>, StoreError> {
    Ok(read_file(dir)?.decisions)
}

/// The item decisions and the pages whose ids people typed, from one read of the file.
pub fn all_decisions(dir: &Path) -> Result<(Vec<Decision>, Vec<PageDecision>), StoreError> {
    let file = read_file(dir)?;
    Ok((file.decisions, file.pages))
}

/// Records `new` decisions, each replacing an earlier one for the same ballot and item, and
/// `pages` typed ids, in one atomic replacement of the decisions file. The caller holds the
/// writer's lock.
pub(super) fn record(
    dir: &Path,
    _writer: &WriteGuard,
    new: &[Decision],
    pages: &[PageDecision],
) -> Result<(), StoreError> {
    let mut file = read_file(dir)?;
    for d in new {
        file.decisions
            .retain(|o| !(o.id == d.id && o.item == d.item));
        file.decisions.push(d.clone());
    }
    for d in pages {
        file.pages
            .retain(|o| !(o.sha256 == d.sha256 && o.page == d.page));
        file.pages.push(d.clone());
    }
    file.format = 1;
    let p = dir.join(DECISIONS);
    let json = serde_json::to_vec_pretty(&file).map_err(|e| StoreError::Manifest {
        path: p.display().to_string(),
        message: e.to_string(),
    })?;
    let tmp = dir.join(format!("{DECISIONS}.{}.tmp", std::process::id()));
    super::write_synced(&tmp, &json)?;
    std::fs::rename(&tmp, &p).map_err(io(&p))?;
    super::sync_dir(dir);
    Ok(())
}

/// The ballots `df` (one row per form, `form_no` the ballot id) with the decisions applied to
/// their items: what the score and the texts read.
pub(super) fn apply_decisions(df: DataFrame, all: &[Decision]) -> PolarsResult<DataFrame> {
    if all.is_empty() || df.column("form_no").is_err() {
        return Ok(df);
    }
    let by_id: HashMap<&str, Vec<&Decision>> = all.iter().fold(HashMap::new(), |mut m, d| {
        m.entry(d.id.as_str()).or_default().push(d);
        m
    });
    let form_no = df.column("form_no")?.str()?;
    let ids: Vec<Option<String>> = (0..df.height())
        .map(|i| form_no.get(i).map(str::to_string))
        .collect();
    let mut changes: HashMap<u32, Vec<(usize, u8)>> = HashMap::new();
    for (row, id) in ids.iter().enumerate() {
        let Some(found) = id.as_deref().and_then(|i| by_id.get(i)) else {
            continue;
        };
        for d in found {
            changes
                .entry(d.item)
                .or_default()
                .push((row, d.verdict.answer().code()));
        }
    }
    let mut df = df;
    for (item, cells) in changes {
        let name = item_column(item as usize);
        let Ok(column) = df.column(&name) else {
            continue;
        };
        let stored = column.u8()?;
        let mut codes: Vec<Option<u8>> = (0..stored.len()).map(|i| stored.get(i)).collect();
        for (row, code) in cells {
            codes[row] = Some(code);
        }
        df.with_column(Column::new(name.as_str().into(), codes))?;
    }
    Ok(df)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Ballot, Provenance, RegisterArea, Submission};
    use crate::store::{SourceEntry, Staging, Wait, Workspace};

    const ID: &str = "HL1/XA-NTM/04000/01/00001/R/AA";

    fn ballot(id: &str, answers: &[Answer]) -> Ballot {
        Ballot {
            area: "Bản A".into(),
            form_no: Some(id.into()),
            answers: answers.to_vec(),
            reason: None,
            other_opinion: None,
            marked_invalid: None,
            provenance: Provenance {
                sheet: "1".into(),
                row: 1,
            },
            submission: Some(Submission {
                id: id.to_lowercase(),
                submitted_at: None,
                revision: 0,
                counted: true,
            }),
        }
    }

    /// Stores one photographed file whose item 2 waits, and returns the workspace.
    fn stored(dir: &Path) -> Workspace {
        let batch = SurveyBatch {
            commune: "Xã T".into(),
            form: "xa-ntm".into(),
            round: String::new(),
            sha256: "ab".repeat(32),
            register: vec![RegisterArea {
                area: "Bản A".into(),
                households: 2,
                forms_issued: Some(2),
            }],
            ballots: vec![
                ballot(ID, &[Answer::Satisfied, Answer::Blank]),
                ballot("HL1/OTHER", &[Answer::Dissatisfied, Answer::Satisfied]),
            ],
            tallies: Vec::new(),
            review: vec![ReviewRow {
                page: 1,
                id: ID.into(),
                item: 2,
                reason: "both_marked".into(),
                image: vec![0x89, b'P', b'N', b'G'],
                ink: vec![0.2, 0.3, 0.0, 0.25, 0.3, 0.0],
            }],
        };
        let mut ws = Workspace::open(dir).unwrap();
        let staging = Staging::create(dir).unwrap();
        staging.write_tables(&batch, &batch.sha256).unwrap();
        let s = batch.summary();
        let entry = SourceEntry {
            sha256: batch.sha256.clone(),
            file_name: "a.jpg".into(),
            commune: s.commune,
            form: s.form,
            round: String::new(),
            imported_at: String::new(),
            ballots: s.ballots,
            tallies: 0,
            areas: s.areas.into_iter().collect(),
            rows_read: 2,
            rows_rejected: 0,
            keyed: true,
            imported_by: None,
        };
        let guard = ws.lock_writer(Wait::No).unwrap();
        ws.reload(&guard, false).unwrap();
        ws.commit(&guard, &staging, &[entry]).unwrap();
        drop(guard);
        ws
    }

    fn item2(ws: &Workspace) -> Vec<Option<u8>> {
        let df = ws.ballots_table("Xã T", "xa-ntm", "").unwrap();
        let ids = df.column("form_no").unwrap().str().unwrap().clone();
        let q2 = df.column("q2").unwrap().u8().unwrap().clone();
        let mut v: Vec<(String, Option<u8>)> = (0..df.height())
            .map(|i| (ids.get(i).unwrap().to_string(), q2.get(i)))
            .collect();
        v.sort();
        v.into_iter().map(|(_, c)| c).collect()
    }

    #[test]
    fn the_queue_is_stored_with_its_file_and_a_decision_changes_only_its_item() {
        let dir = tempfile::tempdir().unwrap();
        let ws = stored(dir.path());
        let rows = ws.review_rows("Xã T", "xa-ntm", "").unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].file, "a.jpg");
        assert_eq!(rows[0].row.item, 2);
        assert_eq!(rows[0].row.image, vec![0x89, b'P', b'N', b'G']);
        assert_eq!(rows[0].row.ink.len(), 6);
        // Sorted by id: "HL1/OTHER" first, then ID; the waiting item is stored blank.
        assert_eq!(item2(&ws), vec![Some(1), Some(0)]);
        let guard = ws.lock_writer(Wait::No).unwrap();
        let d = |v| Decision {
            id: ID.into(),
            item: 2,
            verdict: v,
            by: Some("an".into()),
            at: "2026-12-05T08:00:00Z".into(),
        };
        ws.record_decisions(&guard, &[d(Verdict::Dissatisfied)])
            .unwrap();
        assert_eq!(item2(&ws), vec![Some(1), Some(2)]);
        // A later decision on the same item replaces the earlier one.
        ws.record_decisions(&guard, &[d(Verdict::Invalid)]).unwrap();
        assert_eq!(item2(&ws), vec![Some(1), Some(3)]);
        assert_eq!(ws.decisions().unwrap().len(), 1);
    }

    #[rstest::rstest]
    #[case("satisfied", Some(Verdict::Satisfied))]
    #[case("HL", Some(Verdict::Satisfied))]
    #[case("Không hài lòng", Some(Verdict::Dissatisfied))]
    #[case("trống", Some(Verdict::Blank))]
    #[case("invalid", Some(Verdict::Invalid))]
    #[case("maybe", None)]
    fn verdict_words(#[case] word: &str, #[case] want: Option<Verdict>) {
        assert_eq!(Verdict::parse(word), want);
    }
}
