//! The review use cases (issue 25): list what the photo reader left to a person, worst first,
//! and record people's decisions.
//!
//! Front-ends (`hailong review`, the web page) call these and render; neither decides what
//! counts as pending nor checks a decision itself, so the two give the same result. Nothing
//! here reads a picture: the pictures were cut by the reader at import and are only handed on.

use super::AppError;
use crate::score::AwaitingReview;
use crate::store::review::{Decision, QueueRow, Verdict};
use crate::store::{Wait, Workspace, now_utc};
use serde::Serialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The folder, inside the workspace, where the queue's pictures are written for people to open.
pub const IMAGES: &str = "review-images";

/// One thing waiting for a person.
#[derive(Debug, Clone, Serialize)]
pub struct Pending {
    /// The photographed file's name.
    pub file: String,
    /// Its SHA-256 (the picture's address on the web page).
    #[serde(skip)]
    pub sha256: String,
    /// 1-based page of the file.
    pub page: u32,
    /// The ballot id read from the page (`null` for a page whose id could not be read).
    pub id: Option<String>,
    /// Item number (`null` for a whole page).
    pub item: Option<u32>,
    /// Why it waits (a code; see `docs/ballots.md`).
    pub reason: String,
    /// The picture (PNG) of the two boxes, or of the page, as a path people can open.
    pub image: String,
    /// Commune.
    pub commune: String,
    /// Form id.
    pub form: String,
    /// Survey round ("" for a single round).
    pub round: String,
    /// The reader's measures: ink shares of the satisfied box (strong, weak, around) then of
    /// the dissatisfied box; empty for a page.
    pub ink: Vec<f32>,
    /// The picture's bytes, for a front-end that shows it itself.
    #[serde(skip)]
    pub png: Vec<u8>,
}

/// What to list.
pub struct ListRequest<'a> {
    /// Workspace.
    pub data: &'a Path,
    /// Only this commune (as typed; resolved here).
    pub commune: Option<&'a str>,
    /// The one commune the person may see (a commune account).
    pub only_commune: Option<&'a str>,
    /// Write the pictures into the workspace's `review-images/` (the command line); a web page
    /// shows them from memory instead.
    pub write_images: bool,
}

/// The queue, worst first: pages the reader could not place, then both boxes marked, ink
/// around the boxes, smudges, unclear and faint marks; within each, by file, page and item.
pub fn list(req: &ListRequest) -> Result<Vec<Pending>, AppError> {
    let ws = Workspace::open_existing(req.data)?;
    let commune = scope(&ws, req.commune, req.only_commune)?;
    let decided = decided_keys(&ws)?;
    let mut out = Vec::new();
    for (c, form, round) in triples(&ws, commune.as_deref()) {
        for q in pending_rows(&ws, &c, &form, &round, &decided)? {
            out.push(Pending {
                file: q.file.clone(),
                sha256: q.sha256.clone(),
                page: q.row.page,
                id: (!q.row.id.is_empty()).then(|| q.row.id.clone()),
                item: (q.row.item > 0).then_some(q.row.item),
                reason: q.row.reason.clone(),
                image: String::new(),
                commune: c.clone(),
                form: form.clone(),
                round: round.clone(),
                ink: q.row.ink.clone(),
                png: q.row.image,
            });
        }
    }
    out.sort_by(|a, b| (rank(a), &a.file, a.page, a.item).cmp(&(rank(b), &b.file, b.page, b.item)));
    if req.write_images {
        write_images(req.data, &mut out)?;
    }
    Ok(out)
}

/// How many items and pages of one commune, form and round wait for a person.
pub fn waiting(
    ws: &Workspace,
    commune: &str,
    form: &str,
    round: &str,
) -> Result<AwaitingReview, AppError> {
    let decided = decided_keys(ws)?;
    let rows = pending_rows(ws, commune, form, round, &decided)?;
    Ok(AwaitingReview {
        items: rows.iter().filter(|q| q.row.item > 0).count() as u32,
        pages: rows.iter().filter(|q| q.row.item == 0).count() as u32,
    })
}

/// One decision asked for: ballot id, item, verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    /// Ballot id as printed.
    pub id: String,
    /// Item number.
    pub item: u32,
    /// What the person saw.
    pub verdict: Verdict,
}

impl Asked {
    /// Reads `ID:ITEM=VERDICT` (the id itself may hold colons: the last one before `=` splits).
    pub fn parse(spec: &str) -> Result<Asked, AppError> {
        let bad = || AppError::BadReviewSet {
            spec: spec.to_string(),
        };
        let (left, verdict) = spec.rsplit_once('=').ok_or_else(bad)?;
        let (id, item) = left.rsplit_once(':').ok_or_else(bad)?;
        let item: u32 = item.trim().parse().map_err(|_| bad())?;
        let verdict = Verdict::parse(verdict).ok_or_else(bad)?;
        let id = id.trim();
        if id.is_empty() || item == 0 {
            return Err(bad());
        }
        Ok(Asked {
            id: id.to_string(),
            item,
            verdict,
        })
    }
}

/// What to decide.
pub struct DecideRequest<'a> {
    /// Workspace.
    pub data: &'a Path,
    /// The decisions.
    pub asked: &'a [Asked],
    /// Who decides (recorded with each decision).
    pub by: Option<&'a str>,
    /// The one commune the person may decide for (a commune account).
    pub only_commune: Option<&'a str>,
    /// Fail at once when an import holds the workspace.
    pub no_wait: bool,
    /// Told once when the decision has to wait for an import.
    pub on_wait: &'a (dyn Fn() + Sync),
}

/// What a decision run did.
#[derive(Debug, Clone, Serialize)]
pub struct Decided {
    /// Decisions recorded.
    pub recorded: u32,
    /// Items still waiting in the communes decided for.
    pub left: u32,
}

/// Records decisions, all or none: every one must name an item in the queue (decided before
/// or not: a decision can be corrected), of the person's own commune for a commune account.
pub fn decide(req: &DecideRequest) -> Result<Decided, AppError> {
    let mut ws = Workspace::open_existing(req.data)?;
    let wait = if req.no_wait {
        Wait::No
    } else {
        Wait::Block(req.on_wait)
    };
    let guard = ws.lock_writer(wait)?;
    ws.reload(&guard, false)?;
    let mut known: HashSet<(String, u32)> = HashSet::new();
    let mut touched = Vec::new();
    for (c, form, round) in triples(&ws, req.only_commune) {
        for q in ws.review_rows(&c, &form, &round)? {
            if q.row.item > 0 {
                known.insert((q.row.id.clone(), q.row.item));
            }
        }
        touched.push((c, form, round));
    }
    let at = now_utc();
    let mut new = Vec::new();
    for a in req.asked {
        if !known.contains(&(a.id.clone(), a.item)) {
            return Err(AppError::NotInQueue {
                id: a.id.clone(),
                item: a.item,
                commune: req.only_commune.map(str::to_string),
            });
        }
        new.push(Decision {
            id: a.id.clone(),
            item: a.item,
            verdict: a.verdict,
            by: req.by.map(str::to_string),
            at: at.clone(),
        });
    }
    ws.record_decisions(&guard, &new)?;
    drop(guard);
    let mut left = 0;
    for (c, form, round) in touched {
        left += waiting(&ws, &c, &form, &round)?.items;
    }
    Ok(Decided {
        recorded: new.len() as u32,
        left,
    })
}

/// The commune asked for, resolved, within what the person may see.
fn scope(
    ws: &Workspace,
    commune: Option<&str>,
    only: Option<&str>,
) -> Result<Option<String>, AppError> {
    match (commune, only) {
        (Some(c), _) => {
            let found = super::score::find_commune(ws, c)?;
            if let Some(own) = only.filter(|o| *o != found) {
                return Err(AppError::UnknownCommune {
                    wanted: c.to_string(),
                    candidates: vec![own.to_string()],
                });
            }
            Ok(Some(found))
        }
        (None, only) => Ok(only.map(str::to_string)),
    }
}

/// Every (commune, form, round) of the sources in force, of one commune when given.
fn triples(ws: &Workspace, commune: Option<&str>) -> Vec<(String, String, String)> {
    let set: std::collections::BTreeSet<(String, String, String)> = ws
        .manifest()
        .sources
        .iter()
        .filter(|s| commune.is_none_or(|c| s.commune == c))
        .map(|s| (s.commune.clone(), s.form.clone(), s.round.clone()))
        .collect();
    set.into_iter().collect()
}

/// What people decided: items by (ballot id, item), pages by (file SHA-256, page).
struct Known {
    items: HashSet<(String, u32)>,
    pages: HashSet<(String, u32)>,
}

fn decided_keys(ws: &Workspace) -> Result<Known, AppError> {
    let (items, pages) = ws.all_decisions()?;
    Ok(Known {
        items: items.into_iter().map(|d| (d.id, d.item)).collect(),
        pages: pages.into_iter().map(|d| (d.sha256, d.page)).collect(),
    })
}

/// The queue rows of one commune, form and round nobody decided yet, an item photographed
/// twice listed once.
fn pending_rows(
    ws: &Workspace,
    commune: &str,
    form: &str,
    round: &str,
    decided: &Known,
) -> Result<Vec<QueueRow>, AppError> {
    let mut seen = HashSet::new();
    Ok(ws
        .review_rows(commune, form, round)?
        .into_iter()
        .filter(|q| match q.row.item {
            0 => !decided.pages.contains(&(q.sha256.clone(), q.row.page)),
            item => !decided.items.contains(&(q.row.id.clone(), item)),
        })
        .filter(|q| q.row.item == 0 || seen.insert((q.row.id.clone(), q.row.item)))
        .collect())
}

/// Worst first.
fn rank(p: &Pending) -> u8 {
    if p.item.is_none() {
        return 0;
    }
    match p.reason.as_str() {
        "both_marked" => 1,
        "around_box" => 2,
        "smudge" => 3,
        "unsure" => 4,
        "faint" => 5,
        _ => 6,
    }
}

/// Writes each picture as `review-images/<file>-p<page>[-i<item>].png` and notes its path.
fn write_images(data: &Path, out: &mut [Pending]) -> Result<(), AppError> {
    let dir = data.join(IMAGES);
    std::fs::create_dir_all(&dir).map_err(|e| AppError::Write {
        path: dir.display().to_string(),
        message: e.to_string(),
    })?;
    for p in out.iter_mut() {
        let stem: String = p
            .file
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '_' })
            .collect();
        let name = match p.item {
            Some(i) => format!("{stem}-p{}-i{i}.png", p.page),
            None => format!("{stem}-p{}.png", p.page),
        };
        let path: PathBuf = dir.join(name);
        super::output::save(&path, &p.png)?;
        // Absolute: the list is read from wherever the person stands.
        p.image = std::path::absolute(&path)
            .unwrap_or(path)
            .display()
            .to_string();
    }
    Ok(())
}

/// A page's ballot id, typed by a person: `FILE:PAGE=ID`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typed {
    /// The file's name as the queue lists it.
    pub file: String,
    /// 1-based page.
    pub page: u32,
    /// The id as typed (checked by its check characters).
    pub id: String,
}

impl Typed {
    /// Reads `FILE:PAGE=ID`.
    pub fn parse(spec: &str) -> Result<Typed, AppError> {
        let bad = || AppError::BadReviewSet {
            spec: spec.to_string(),
        };
        let (left, id) = spec.split_once('=').ok_or_else(bad)?;
        let (file, page) = left.rsplit_once(':').ok_or_else(bad)?;
        let page: u32 = page.trim().parse().map_err(|_| bad())?;
        if file.trim().is_empty() || id.trim().is_empty() || page == 0 {
            return Err(bad());
        }
        Ok(Typed {
            file: file.trim().to_string(),
            page,
            id: id.trim().to_uppercase(),
        })
    }
}

/// A page of the queue read again as the ballot whose id a person typed: the page's picture is
/// imported as that ballot (a source of its own, so the import's checks all apply: a print run
/// that issued it, its commune's queue, a second photo of it counted once), and when it reads,
/// the page leaves the queue. Its marks the reader is not sure of join the queue as items.
pub fn identify(
    req: &DecideRequest,
    typed: &Typed,
) -> Result<super::import::ImportSummary, AppError> {
    let id = crate::ballot::id::BallotId::parse(&typed.id).map_err(|_| AppError::BadTypedId {
        id: typed.id.clone(),
    })?;
    let ws = Workspace::open_existing(req.data)?;
    let decided = decided_keys(&ws)?;
    let mut found = None;
    for (c, form, round) in triples(&ws, req.only_commune) {
        for q in pending_rows(&ws, &c, &form, &round, &decided)? {
            if q.row.item == 0 && q.file == typed.file && q.row.page == typed.page {
                found = Some((q, c.clone(), round.clone()));
            }
        }
    }
    let Some((q, commune, round)) = found else {
        return Err(AppError::PageNotInQueue {
            file: typed.file.clone(),
            page: typed.page,
        });
    };
    let stem = q.file.rsplit_once('.').map_or(q.file.as_str(), |(s, _)| s);
    let inputs = [super::import::Input::Bytes {
        name: format!("{stem}-trang-{}.png", q.row.page),
        bytes: q.row.image.clone(),
    }];
    let summary = super::import::import_files(&super::import::Request {
        data: req.data,
        inputs: &inputs,
        rules: None,
        commune: Some(&commune),
        form: None,
        mapping: None,
        store: true,
        accept_partial: false,
        progress: false,
        round: &round,
        no_wait: req.no_wait,
        on_wait: req.on_wait,
        only_commune: req.only_commune,
        imported_by: req.by,
        typed_id: Some(&id),
    })?;
    if summary.accepted == 1 {
        let ws = Workspace::open_existing(req.data)?;
        let wait = if req.no_wait {
            Wait::No
        } else {
            Wait::Block(req.on_wait)
        };
        let guard = ws.lock_writer(wait)?;
        ws.record_page(
            &guard,
            crate::store::review::PageDecision {
                sha256: q.sha256,
                page: q.row.page,
                id: id.encode(),
                by: req.by.map(str::to_string),
                at: now_utc(),
            },
        )?;
    }
    Ok(summary)
}
