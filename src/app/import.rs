//! The import and check use case: files to stored sources.
//!
//! Files are read in parallel, then planned one after another against the workspace (unchanged,
//! new, replacing an earlier version, or conflicting with another file's areas) and committed in
//! one atomic step under the workspace's writer lock. Returns the report of every file; printing
//! it is the front-end's business.

use super::AppError;
use crate::ingest::mapping::Mapping;
use crate::ingest::{FileReport, Outcome, ProblemKind, ReadOptions, Severity, read_file};
use crate::model::{BatchSummary, SurveyBatch};
use crate::rules::gazetteer::Gazetteer;
use crate::store::assessments::AssessmentEntry;
use crate::store::{Manifest, Plan, SourceEntry, Staging, Wait, Workspace, now_utc};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The outcome of an import run.
#[derive(Debug, Serialize)]
pub struct ImportSummary {
    /// One report per file.
    pub files: Vec<FileReport>,
    /// Non-empty rows read over all files.
    pub rows_read: u32,
    /// Rows stored (or already stored).
    pub accepted: u32,
    /// Rows rejected.
    pub rejected: u32,
    /// Rows left out as duplicates.
    pub duplicates: u32,
    /// Submissions not counted by their review status.
    pub not_counted: u32,
    /// The exit code the run deserves.
    pub exit_code: u8,
    /// What the import repaired in an inconsistent workspace before committing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repair: Option<crate::store::Repair>,
    /// Whether Ctrl-C stopped the run before it stored anything.
    pub interrupted: bool,
}

const SPREADSHEET_EXTS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods", "csv"];

/// One input of an import: a file or folder on disk, or a file uploaded as bytes with the name
/// its user gave it (read straight from memory, never through a temporary file).
#[derive(Debug, Clone)]
pub enum Input {
    /// A spreadsheet, or a folder searched for spreadsheets.
    Path(PathBuf),
    /// An uploaded spreadsheet.
    Bytes {
        /// The file name as uploaded (reports and the manifest name the file by it).
        name: String,
        /// Its content.
        bytes: Vec<u8>,
    },
}

/// A column mapping for exports of form tools, as the user gave it.
#[derive(Debug, Clone)]
pub enum MappingInput {
    /// A mapping file (`--mapping`).
    Path(PathBuf),
    /// A mapping's text (uploaded), named by `origin` in messages.
    Text {
        /// Where it came from (the uploaded file's name).
        origin: String,
        /// The TOML text.
        text: String,
    },
}

/// What to import and how, as a front-end was asked: raw choices, resolved here once so that
/// every front-end imports under the same rules.
pub struct Request<'a> {
    /// Workspace directory.
    pub data: &'a Path,
    /// Files, folders, or uploaded files.
    pub inputs: &'a [Input],
    /// A province's rule file, instead of the workspace's `hailong.toml` or the shipped rules.
    pub rules: Option<&'a Path>,
    /// `--commune`.
    pub commune: Option<&'a str>,
    /// `--form`.
    pub form: Option<&'a str>,
    /// `--mapping`.
    pub mapping: Option<&'a MappingInput>,
    /// `false` for `check`: read and plan, store nothing.
    pub store: bool,
    /// `--accept-partial`: store a file even when its reading looks doubtful.
    pub accept_partial: bool,
    /// Show a progress bar (on a terminal, for several files).
    pub progress: bool,
    /// Survey round label (`--round`; "" for a single round).
    pub round: &'a str,
    /// Fail at once when another import holds the workspace (instead of waiting).
    pub no_wait: bool,
    /// Told once when the import has to wait for another one.
    pub on_wait: &'a (dyn Fn() + Sync),
    /// The one commune the importer may import for (a commune account of `hailong serve`):
    /// a file read as another commune's is refused, naming both, and nothing of it is stored;
    /// a file that names no commune is read as this one's.
    pub only_commune: Option<&'a str>,
    /// Who imports (an account of `hailong serve`, the OS user of the command line), recorded
    /// with each source stored.
    pub imported_by: Option<&'a str>,
    /// The ballot id a person typed for a photographed page whose QR code did not read (the
    /// review queue's manual id entry): photos are read as that ballot.
    pub typed_id: Option<&'a crate::ballot::id::BallotId>,
}

/// One file to read, after folders are expanded.
#[derive(Debug, Clone)]
enum Source<'a> {
    Path(PathBuf),
    Bytes { name: &'a str, bytes: &'a [u8] },
}

impl Source<'_> {
    /// The name reports give the file.
    fn shown(&self) -> String {
        match self {
            Source::Path(p) => p.display().to_string(),
            Source::Bytes { name, .. } => name.to_string(),
        }
    }

    /// The name the manifest keeps (the file name without its folder).
    fn file_name(&self) -> String {
        match self {
            Source::Path(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default(),
            Source::Bytes { name, .. } => name.to_string(),
        }
    }

    fn bytes(&self) -> std::io::Result<Vec<u8>> {
        match self {
            Source::Path(p) => std::fs::read(p),
            Source::Bytes { bytes, .. } => Ok(bytes.to_vec()),
        }
    }
}

/// Reads one source. Never panics: every failure is a problem in the report.
fn read_source(src: &Source, name: &str, opts: ReadOptions) -> crate::ingest::ReadResult {
    match src {
        Source::Path(p) => read_file(p, name, opts),
        Source::Bytes { bytes, .. } => {
            let sha = crate::ingest::sha256_hex(bytes);
            crate::ingest::read_loaded(bytes.to_vec(), sha, name, opts)
        }
    }
}

/// The uploaded inputs and the spreadsheets under the path inputs, paths sorted.
fn sources(inputs: &[Input]) -> Vec<Source<'_>> {
    let mut paths = Vec::new();
    let mut uploads = Vec::new();
    for i in inputs {
        match i {
            Input::Path(p) => paths.push(p.clone()),
            Input::Bytes { name, bytes } => uploads.push(Source::Bytes { name, bytes }),
        }
    }
    let mut out: Vec<Source> = expand(&paths).into_iter().map(Source::Path).collect();
    out.extend(uploads);
    out
}

/// Expands directories into the spreadsheets under them, sorted.
fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut stack = vec![p.clone()];
            while let Some(d) = stack.pop() {
                let Ok(rd) = std::fs::read_dir(&d) else {
                    continue;
                };
                for e in rd.flatten() {
                    let path = e.path();
                    if path.is_dir() {
                        stack.push(path);
                    } else if path.extension().and_then(|x| x.to_str()).is_some_and(|x| {
                        let x = x.to_lowercase();
                        SPREADSHEET_EXTS.contains(&x.as_str())
                            || crate::ingest::photos::EXTENSIONS.contains(&x.as_str())
                    }) && !path
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with("~$"))
                    {
                        out.push(path);
                    }
                }
            }
        } else {
            out.push(p.clone());
        }
    }
    out.sort();
    out
}

/// Reads, plans and (unless checking) stores the files of `req` into its workspace.
///
/// Files are read and their tables written into a staging directory without any lock; then,
/// under the workspace's writer lock, the manifest is read afresh, repaired if it must be,
/// the files are planned against it and committed in one atomic step. Ctrl-C before the commit
/// stores nothing; a failure removes what this run wrote.
pub fn import_files(req: &Request) -> Result<ImportSummary, AppError> {
    let lib = super::score::library_for(req.data, req.rules)?;
    let mapping = match req.mapping {
        None => None,
        Some(MappingInput::Path(p)) => Some(Mapping::load(p)?),
        Some(MappingInput::Text { origin, text }) => Some(Mapping::parse(text, origin)?),
    };
    let gazetteer = Gazetteer::son_la();
    let paths = sources(req.inputs);
    if paths.is_empty() {
        return Err(AppError::NoSpreadsheet {
            paths: req
                .inputs
                .iter()
                .map(|i| match i {
                    Input::Path(p) => p.display().to_string(),
                    Input::Bytes { name, .. } => name.clone(),
                })
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    // `check` must not create a workspace; `import` creates it before files are written into it.
    let mut ws = if req.store {
        Workspace::open(req.data)?
    } else {
        Workspace::open_existing(req.data)?
    };
    let staging = if req.store {
        Some(Staging::create(req.data)?)
    } else {
        None
    };
    let registers = ws.all_registers().unwrap_or_default();
    let opts = ReadOptions {
        lib: &lib,
        gazetteer: &gazetteer,
        commune: req.commune,
        form: req.form,
        registers: &registers,
        mapping: mapping.as_ref(),
        accept_partial: req.accept_partial,
    };
    let Some((mut results, assessed)) =
        read_all(req, &paths, &ws, staging.as_ref(), &registers, opts)?
    else {
        return Ok(interrupted());
    };
    // Submission keys planned by this run's earlier files, with their file: two photos of one
    // sheet in one folder are not yet on disk when the second is planned.
    let mut run_ids: HashMap<String, String> = HashMap::new();
    let Some(staging) = staging else {
        // A check plans against the workspace as it is, as the import would (without its
        // lock: nothing is written), so that a file the import would refuse for an area
        // another file already brought is refused here too, with the same counts.
        let mut pending = ws.manifest().clone();
        for (i, (report, batch)) in results.iter_mut().enumerate() {
            if matches!(report.outcome, Outcome::NotStored | Outcome::Doubtful) {
                continue;
            }
            if let Some(batch) = batch {
                plan_survey(
                    &mut pending,
                    &ws,
                    report,
                    batch,
                    paths[i].file_name(),
                    req,
                    &mut run_ids,
                )?;
                if matches!(report.outcome, Outcome::Stored | Outcome::Replaced) {
                    report.outcome = Outcome::Checked;
                }
                continue;
            }
            report.outcome = if assessed.iter().any(|(k, _)| *k == i) {
                Outcome::Checked
            } else {
                Outcome::Refused
            };
        }
        return Ok(summarize(results.into_iter().map(|r| r.0).collect()));
    };
    let wait = if req.no_wait {
        Wait::No
    } else {
        Wait::Block(req.on_wait)
    };
    let guard = ws.lock_writer(wait)?;
    let repair = ws.reload(&guard, false)?;
    let mut pending = ws.manifest().clone();
    let mut to_store: Vec<SourceEntry> = Vec::new();
    let mut assessments_to_store = Vec::new();
    for (i, sa) in assessed {
        let report = &mut results[i].0;
        if let Some(entry) =
            plan_assessment(&mut pending, report, &paths[i].file_name(), sa.clone(), req)
        {
            assessments_to_store.push((entry, sa));
        }
    }
    for (i, (report, batch)) in results.iter_mut().enumerate() {
        if matches!(report.outcome, Outcome::Stored | Outcome::Replaced) {
            // A self-assessment, planned above.
            continue;
        }
        let Some(batch) = batch else {
            if !matches!(
                report.outcome,
                Outcome::Unchanged | Outcome::NotStored | Outcome::Doubtful
            ) {
                report.outcome = Outcome::Refused;
            }
            continue;
        };
        if let Some(entry) = plan_survey(
            &mut pending,
            &ws,
            report,
            batch,
            paths[i].file_name(),
            req,
            &mut run_ids,
        )? {
            to_store.push(entry);
        }
    }
    if !to_store.is_empty() || !assessments_to_store.is_empty() {
        ws.commit_all(&guard, &staging, &to_store, &assessments_to_store)?;
    }
    drop(guard);
    let mut summary = summarize(results.into_iter().map(|(r, _)| r).collect());
    if repair != crate::store::Repair::default() {
        summary.repair = Some(repair);
    }
    Ok(summary)
}

/// What the read stage hands to planning: each file's report with the summary of the batch
/// written for it, and the self-assessments read, by file index.
type ReadAll = (
    Vec<(FileReport, Option<BatchSummary>)>,
    Vec<(usize, crate::model::SelfAssessment)>,
);

/// Reads every file in parallel and writes their tables into `staging` (when storing); `None`
/// when Ctrl-C stopped the run.
fn read_all(
    req: &Request,
    paths: &[Source],
    ws: &Workspace,
    staging: Option<&Staging>,
    registers: &HashMap<String, Vec<crate::model::RegisterArea>>,
    opts: ReadOptions,
) -> Result<Option<ReadAll>, AppError> {
    let bar =
        (req.progress && paths.len() > 1 && std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .then(|| indicatif::ProgressBar::new(paths.len() as u64));
    // Readers run in parallel and hand each batch to one writer thread through a channel of
    // two: memory holds a few files at a time, never every batch of the run, and the Parquet
    // writes overlap the reading without competing with it on the cores. (Writing inside the
    // readers was measured slower and twice the memory: polars' writer is itself parallel.)
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, SurveyBatch)>(2);
    let writer = |rx: std::sync::mpsc::Receiver<(usize, SurveyBatch)>| -> Result<Vec<(usize, BatchSummary)>, crate::store::StoreError> {
        let mut done = Vec::new();
        for (i, b) in rx {
            if let Some(st) = staging {
                st.write_tables(&b, &b.sha256)?;
            }
            done.push((i, b.summary()));
        }
        Ok(done)
    };
    let assessed: std::sync::Mutex<Vec<(usize, crate::model::SelfAssessment)>> =
        std::sync::Mutex::new(Vec::new());
    // Registers the files of this run bring, by commune: a forms file read before its
    // register's file (one folder holding both) is read again with them.
    let brought: std::sync::Mutex<HashMap<String, Vec<crate::model::RegisterArea>>> =
        std::sync::Mutex::new(HashMap::new());
    let (mut results, written) = std::thread::scope(|scope| {
        let handle = scope.spawn(move || writer(rx));
        // What is done with a file read: stored (sent to the writer) or not, and its report.
        let finish = |tx: &std::sync::mpsc::SyncSender<(usize, SurveyBatch)>,
                      i: usize,
                      r: crate::ingest::ReadResult|
         -> FileReport {
            let mut r = r;
            refuse_other_commune(&mut r, req.only_commune);
            // A file whose every row was rejected is not stored at all (a register-only
            // workbook has no rows and is stored; so is an export whose submissions were
            // all left out by review, so that it supersedes earlier versions).
            // (Photographed pages nobody could identify are kept for a person to type their ids.)
            if r.batch.as_ref().is_some_and(|b| b.review.is_empty())
                && r.report.accepted == 0
                && r.report.rejected > 0
            {
                r.batch = None;
                r.report.outcome = Outcome::NotStored;
            }
            if r.assessment.is_some() && r.report.accepted == 0 {
                r.assessment = None;
                r.report.outcome = Outcome::NotStored;
            }
            if let Some(mut a) = r.assessment.take() {
                a.round = req.round.to_string();
                if let Ok(mut list) = assessed.lock() {
                    list.push((i, a));
                }
            }
            if let Some(mut b) = r.batch {
                if !b.register.is_empty()
                    && let Ok(mut m) = brought.lock()
                {
                    m.insert(b.commune.clone(), b.register.clone());
                }
                b.round = req.round.to_string();
                b.sha256 = r.report.sha256.clone();
                // The writer only stops early on an error, which is returned below.
                let _ = tx.send((i, b));
            }
            r.report
        };
        let again_tx = tx.clone();
        let mut reports: Vec<Option<FileReport>> = paths
            .par_iter()
            .enumerate()
            .map_with(tx, |tx, (i, p)| {
                if crate::interrupt::requested() {
                    return None;
                }
                let r = read_one(p, &p.shown(), req, ws, opts);
                if let Some(b) = &bar {
                    b.inc(1);
                }
                Some(finish(tx, i, r))
            })
            .collect();
        // Files refused for want of a register that another file of this run brought.
        let brought = brought.lock().map(|m| m.clone()).unwrap_or_default();
        if !brought.is_empty() && !crate::interrupt::requested() {
            let mut all = registers.clone();
            for (commune, areas) in &brought {
                all.entry(commune.clone()).or_insert_with(|| areas.clone());
            }
            let opts = ReadOptions {
                registers: &all,
                ..opts
            };
            for (i, p) in paths.iter().enumerate() {
                let waiting = reports[i].as_ref().is_some_and(|r| {
                    r.commune.as_ref().is_some_and(|c| brought.contains_key(c))
                        && r.problems
                            .iter()
                            .any(|p| matches!(p.kind, ProblemKind::EmptyRegister))
                });
                if waiting {
                    let name = reports[i]
                        .as_ref()
                        .map(|r| r.file.clone())
                        .unwrap_or_default();
                    let r = read_source(p, &name, opts);
                    reports[i] = Some(finish(&again_tx, i, r));
                }
            }
        }
        drop(again_tx);
        let written = handle.join().unwrap_or_else(|_| {
            Err(crate::store::StoreError::Io {
                path: req.data.display().to_string(),
                message: "writer thread".into(),
            })
        });
        (reports, written)
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if crate::interrupt::requested() {
        // The staging directory goes with `staging`: the workspace is as it was.
        return Ok(None);
    }
    let mut results: Vec<(FileReport, Option<BatchSummary>)> = results
        .iter_mut()
        .map(|r| {
            (
                r.take().expect("every file read when not interrupted"),
                None,
            )
        })
        .collect();
    for (i, summary) in written? {
        results[i].1 = Some(summary);
    }
    let mut assessed = assessed.into_inner().unwrap_or_default();
    assessed.sort_by_key(|(i, _)| *i);
    Ok(Some((results, assessed)))
}

/// Plans one survey file against the manifest as it will be after the files before it:
/// unchanged, refused for a conflict, or a source to store (returned, and added to `pending`).
fn plan_survey(
    pending: &mut Manifest,
    ws: &Workspace,
    report: &mut FileReport,
    batch: &BatchSummary,
    file_name: String,
    req: &Request,
    run_ids: &mut HashMap<String, String>,
) -> Result<Option<SourceEntry>, AppError> {
    match plan_in(pending, ws, &report.sha256, &file_name, batch) {
        Plan::Unchanged => report.outcome = Outcome::Unchanged,
        Plan::Conflict { area, other } => {
            report.push_file(
                Severity::Fatal,
                ProblemKind::AreaInOtherFile { area, other },
            );
            report.outcome = Outcome::Refused;
            report.refuse_all();
        }
        plan => {
            // Submissions an earlier export already brought: said, and counted once.
            if batch.keyed {
                let view = Workspace::view(ws.dir(), pending.clone());
                let (mut count, mut files) = view.stored_submissions(batch, &file_name)?;
                for id in &batch.submission_ids {
                    if let Some(other) = run_ids.get(id).filter(|f| **f != file_name) {
                        count += 1;
                        if !files.contains(other) {
                            files.push(other.clone());
                        }
                    }
                }
                for id in &batch.submission_ids {
                    run_ids
                        .entry(id.clone())
                        .or_insert_with(|| file_name.clone());
                }
                if count > 0 && crate::ingest::photos::is_photo(&file_name) {
                    // A sheet photographed again: said as such, counted once.
                    for id in &batch.submission_ids {
                        let kind = ProblemKind::BallotTwice {
                            id: id.to_uppercase(),
                            seen: files.clone(),
                        };
                        report.push_file(Severity::Warning, kind);
                    }
                } else if count > 0 {
                    let count = count as u32;
                    let kind = ProblemKind::SupersedesEarlier { count, files };
                    report.push_file(Severity::Warning, kind);
                }
            }
            report.outcome = if matches!(plan, Plan::Replace { .. }) {
                Outcome::Replaced
            } else {
                Outcome::Stored
            };
            // The same bytes stored under another commune move to this one: one file is
            // one commune's forms, never counted in two.
            if let Some(other) = pending.sources.iter().find(|s| {
                s.sha256 == report.sha256 && s.round == batch.round && s.commune != batch.commune
            }) {
                let from = other.commune.clone();
                // A commune account never takes a file away from another commune.
                if let Some(own) = req.only_commune {
                    refuse(report, from, own);
                    return Ok(None);
                }
                report.push_file(Severity::Warning, ProblemKind::MovedFromCommune { from });
                report.outcome = Outcome::Replaced;
            }
            let entry = SourceEntry {
                round: batch.round.clone(),
                sha256: report.sha256.clone(),
                file_name,
                commune: batch.commune.clone(),
                form: batch.form.clone(),
                imported_at: now_utc(),
                ballots: batch.ballots,
                tallies: batch.tallies,
                areas: batch.areas.iter().cloned().collect(),
                rows_read: report.rows_read,
                rows_rejected: report.rejected,
                keyed: batch.keyed,
                imported_by: req.imported_by.map(str::to_string),
            };
            pending.sources.retain(|s| {
                !(s.round == entry.round
                    && ((s.commune == entry.commune && s.file_name == entry.file_name)
                        || s.sha256 == entry.sha256))
            });
            pending.sources.push(entry.clone());
            return Ok(Some(entry));
        }
    }
    Ok(None)
}

/// Plans a self-assessment against the pending manifest: unchanged (same bytes, commune and
/// round), or stored, replacing the commune's earlier one for the same set and round.
fn plan_assessment(
    pending: &mut Manifest,
    report: &mut FileReport,
    file_name: &str,
    sa: crate::model::SelfAssessment,
    req: &Request,
) -> Option<AssessmentEntry> {
    let entry = AssessmentEntry {
        sha256: report.sha256.clone(),
        file_name: file_name.to_string(),
        commune: sa.commune.clone(),
        set: sa.set.clone(),
        round: sa.round.clone(),
        imported_at: now_utc(),
        rows_read: report.rows_read,
        rows_rejected: report.rejected,
        imported_by: req.imported_by.map(str::to_string),
    };
    if pending
        .assessments
        .iter()
        .any(|a| a.sha256 == entry.sha256 && a.round == entry.round && a.commune == entry.commune)
    {
        report.outcome = Outcome::Unchanged;
        return None;
    }
    // A commune account never takes a self-assessment away from another commune.
    if let Some(own) = req.only_commune
        && let Some(other) = pending
            .assessments
            .iter()
            .find(|a| a.replaced_by(&entry) && a.commune != own)
    {
        refuse(report, other.commune.clone(), own);
        return None;
    }
    let replaced = pending.assessments.iter().any(|a| a.replaced_by(&entry));
    report.outcome = if replaced {
        Outcome::Replaced
    } else {
        Outcome::Stored
    };
    pending.assessments.retain(|a| !a.replaced_by(&entry));
    pending.assessments.push(entry.clone());
    Some(entry)
}

/// The summary of a run stopped by Ctrl-C before it stored anything.
fn interrupted() -> ImportSummary {
    let mut s = summarize(Vec::new());
    s.interrupted = true;
    s.exit_code = crate::interrupt::EXIT_CODE;
    s
}

fn summarize(files: Vec<FileReport>) -> ImportSummary {
    let worst = files.iter().filter_map(|f| f.worst()).max();
    let exit_code = match worst {
        Some(Severity::Fatal) => 2,
        Some(Severity::Error) => 1,
        // A file with nothing stored because every row was rejected is never a success.
        _ if files.iter().any(|f| f.outcome == Outcome::NotStored) => 1,
        _ => 0,
    };
    ImportSummary {
        rows_read: files.iter().map(|f| f.rows_read).sum(),
        accepted: files.iter().map(|f| f.accepted).sum(),
        rejected: files.iter().map(|f| f.rejected).sum(),
        duplicates: files.iter().map(|f| f.duplicates).sum(),
        not_counted: files.iter().map(|f| f.not_counted).sum(),
        files,
        exit_code,
        repair: None,
        interrupted: false,
    }
}

/// Reads one file, or recognises it as already stored (same bytes, name and round).
fn read_one(
    p: &Source,
    name: &str,
    req: &Request,
    existing: &Workspace,
    opts: ReadOptions,
) -> crate::ingest::ReadResult {
    let Ok(bytes) = p.bytes() else {
        return read_source(p, name, opts);
    };
    let sha = crate::ingest::sha256_hex(&bytes);
    // Same bytes in the same round: already stored, nothing to read (unless `--commune` asks
    // to attribute the file anew, which the full read and the plan then judge).
    let known = existing
        .stored(&sha, req.round)
        .filter(|_| req.store && req.commune.is_none());
    // Photographs and scans of hailong's own ballots: read by the mark reader, placed by the
    // print runs of the workspace.
    if known.is_none() && crate::ingest::photos::is_photo(name) {
        let commune = req
            .commune
            .and_then(|c| opts.gazetteer.resolve(c).ok().map(|m| m.unit.name.clone()))
            .or_else(|| req.only_commune.map(str::to_string));
        let issues = super::photos::PrintRuns::of(existing, commune);
        return crate::ingest::photos::read(&bytes, sha, name, opts.lib, &issues, req.typed_id);
    }
    match known {
        Some(s) => crate::ingest::ReadResult {
            report: crate::ingest::unchanged_report(
                name,
                &sha,
                &s.commune,
                &s.form,
                s.rows_read,
                s.rows_rejected,
                s.ballots + s.tallies,
            ),
            batch: None,
            assessment: None,
        },
        _ => match req.only_commune.filter(|_| opts.commune.is_none()) {
            None => crate::ingest::read_loaded(bytes, sha, name, opts),
            // A file that does not say whose it is, from a commune account: that commune's.
            Some(own) => {
                let r = crate::ingest::read_loaded(bytes.clone(), sha.clone(), name, opts);
                let says_none = r
                    .report
                    .problems
                    .iter()
                    .any(|p| matches!(p.kind, ProblemKind::NoCommune));
                if !says_none {
                    return r;
                }
                let opts = ReadOptions {
                    commune: Some(own),
                    ..opts
                };
                crate::ingest::read_loaded(bytes, sha, name, opts)
            }
        },
    }
}

/// Refuses a file read as another commune's than the one the importer may import for: the
/// reason names both, and nothing of the file is stored (nor checked as storable).
fn refuse_other_commune(r: &mut crate::ingest::ReadResult, only: Option<&str>) {
    let Some(own) = only else {
        return;
    };
    let read_as = r
        .batch
        .as_ref()
        .map(|b| b.commune.clone())
        .or_else(|| r.assessment.as_ref().map(|a| a.commune.clone()))
        .or_else(|| r.report.commune.clone());
    if let Some(commune) = read_as.filter(|c| c != own) {
        r.batch = None;
        r.assessment = None;
        refuse(&mut r.report, commune, own);
    }
}

fn refuse(report: &mut FileReport, commune: String, own: &str) {
    let allowed = own.to_string();
    report.push_file(
        Severity::Fatal,
        ProblemKind::NotYourCommune { commune, allowed },
    );
    report.refuse_all();
    report.outcome = Outcome::Refused;
}

/// Plans against the manifest as it will be after the files before this one.
fn plan_in(
    pending: &Manifest,
    ws: &Workspace,
    sha: &str,
    file_name: &str,
    batch: &BatchSummary,
) -> Plan {
    let view = Workspace::view(ws.dir(), pending.clone());
    view.plan(sha, file_name, batch)
}
