//! `hailong import`: reads survey workbooks and stores them in the workspace.
//!
//! Files are read in parallel, then planned one after another against the workspace (unchanged,
//! new, replacing an earlier version, or conflicting with another file's areas) and committed in
//! one atomic step. The report lists every problem as `file › sheet › cell: message (value)`.

use super::{emit, fail, library};
use crate::i18n::{Label, Lang, pick};
use crate::ingest::{FileReport, ProblemKind, ReadOptions, Severity, read_file};
use crate::model::{BatchSummary, SurveyBatch};
use crate::num::count;
use crate::rules::Library;
use crate::rules::gazetteer::Gazetteer;
use crate::store::{Manifest, Plan, SourceEntry, Staging, Wait, Workspace, now_utc};
use rayon::prelude::*;
use serde::Serialize;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Arguments of `import` and `check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Tên xã (khi tệp không ghi, hoặc để ghi đè).
    #[arg(long)]
    pub commune: Option<String>,
    /// Mẫu phiếu (khi tệp không ghi, hoặc để ghi đè).
    #[arg(long)]
    pub form: Option<String>,
    /// Đợt khảo sát (khi một xã được lấy ý kiến nhiều lần), ví dụ "2025-10"; nhãn xếp theo thời gian.
    #[arg(long, default_value = "")]
    pub round: String,
    /// Tệp ánh xạ cột cho dữ liệu xuất từ KoboToolbox, ODK, Google Forms (xem README).
    #[arg(long)]
    pub mapping: Option<PathBuf>,
    /// In kết quả dạng JSON.
    #[arg(long)]
    pub json: bool,
    /// Ghi danh sách lỗi ra tệp Excel để sửa.
    #[arg(long, value_name = "FILE.xlsx")]
    pub errors_xlsx: Option<PathBuf>,
    /// Không chờ khi một lần nhập khác đang ghi vào thư mục dữ liệu: dừng ngay (mã thoát 2).
    #[arg(long)]
    pub no_wait: bool,
    /// Tệp hoặc thư mục bảng tính (.xlsx, .xlsm, .xls, .xlsb, .ods, .csv).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

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

/// What to import and how.
pub struct Request<'a> {
    /// Workspace directory.
    pub data: &'a Path,
    /// Files and directories.
    pub files: &'a [PathBuf],
    /// Rule library.
    pub lib: &'a Library,
    /// `--commune`.
    pub commune: Option<&'a str>,
    /// `--form`.
    pub form: Option<&'a str>,
    /// `--mapping`, loaded.
    pub mapping: Option<&'a crate::ingest::mapping::Mapping>,
    /// `false` for `check`: read and plan, store nothing.
    pub store: bool,
    /// Show a progress bar (on a terminal, for several files).
    pub progress: bool,
    /// Survey round label (`--round`; "" for a single round).
    pub round: &'a str,
    /// Fail at once when another import holds the workspace (instead of waiting).
    pub no_wait: bool,
    /// Told once when the import has to wait for another one.
    pub on_wait: &'a (dyn Fn() + Sync),
}

/// What an import can fail on as a whole (a file's problems are in its report instead).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The workspace could not be read or written.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// The paths given hold no spreadsheet at all.
    #[error(
        "Không có bảng tính nào trong {paths} (hailong đọc .xlsx, .xlsm, .xls, .xlsb, .ods, .csv). Kiểm tra đường dẫn"
    )]
    NoSpreadsheet {
        /// The paths given, as typed.
        paths: String,
    },
}

impl crate::i18n::Localized for ImportError {
    fn en(&self) -> String {
        match self {
            ImportError::Store(e) => e.en(),
            ImportError::NoSpreadsheet { paths } => format!(
                "No spreadsheet in {paths} (hailong reads .xlsx, .xlsm, .xls, .xlsb, .ods, .csv). Check the path"
            ),
        }
    }
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
                    } else if path
                        .extension()
                        .and_then(|x| x.to_str())
                        .is_some_and(|x| SPREADSHEET_EXTS.contains(&x.to_lowercase().as_str()))
                        && !path
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
pub fn import_files(req: &Request) -> Result<ImportSummary, ImportError> {
    let gazetteer = Gazetteer::son_la();
    let paths = expand(req.files);
    if paths.is_empty() {
        return Err(ImportError::NoSpreadsheet {
            paths: req
                .files
                .iter()
                .map(|p| p.display().to_string())
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
        lib: req.lib,
        gazetteer: &gazetteer,
        commune: req.commune,
        form: req.form,
        registers: &registers,
        mapping: req.mapping,
    };
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
            if let Some(st) = &staging {
                st.write_tables(&b, &b.sha256)?;
            }
            done.push((i, b.summary()));
        }
        Ok(done)
    };
    let (mut results, written) = std::thread::scope(|scope| {
        let handle = scope.spawn(move || writer(rx));
        let reports: Vec<Option<FileReport>> = paths
            .par_iter()
            .enumerate()
            .map_with(tx, |tx, (i, p)| {
                if crate::interrupt::requested() {
                    return None;
                }
                let name = p.display().to_string();
                let r = read_one(p, &name, req, &ws, opts);
                if let Some(b) = &bar {
                    b.inc(1);
                }
                let mut r = r;
                // A file whose every row was rejected is not stored at all (a register-only
                // workbook has no rows and is stored; so is an export whose submissions were
                // all left out by review, so that it supersedes earlier versions).
                if r.batch.is_some() && r.report.accepted == 0 && r.report.rejected > 0 {
                    r.batch = None;
                    r.report.outcome = "not_stored".into();
                }
                if let Some(mut b) = r.batch {
                    b.round = req.round.to_string();
                    b.sha256 = r.report.sha256.clone();
                    // The writer only stops early on an error, which is returned below.
                    let _ = tx.send((i, b));
                }
                Some(r.report)
            })
            .collect();
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
        return Ok(interrupted());
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
    let Some(staging) = staging else {
        for (report, batch) in results.iter_mut().filter(|r| r.0.outcome != "not_stored") {
            report.outcome = if batch.is_some() {
                "checked".into()
            } else {
                "refused".into()
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
    for (i, (report, batch)) in results.iter_mut().enumerate() {
        let Some(batch) = batch else {
            if report.outcome != "unchanged" && report.outcome != "not_stored" {
                report.outcome = "refused".into();
            }
            continue;
        };
        let file_name = paths[i]
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        match plan_in(&pending, &ws, &report.sha256, &file_name, batch) {
            Plan::Unchanged => report.outcome = "unchanged".into(),
            Plan::Conflict { area, other } => {
                report.push_file(
                    Severity::Fatal,
                    ProblemKind::AreaInOtherFile { area, other },
                );
                report.outcome = "refused".into();
                report.refuse_all();
            }
            plan => {
                // Submissions an earlier export already brought: said, and counted once.
                if batch.keyed {
                    let view = Workspace::view(ws.dir(), pending.clone());
                    let (count, files) = view.stored_submissions(batch, &file_name)?;
                    if count > 0 {
                        let count = count as u32;
                        let kind = ProblemKind::SupersedesEarlier { count, files };
                        report.push_file(Severity::Warning, kind);
                    }
                }
                report.outcome = if matches!(plan, Plan::Replace { .. }) {
                    "replaced".into()
                } else {
                    "stored".into()
                };
                // The same bytes stored under another commune move to this one: one file is
                // one commune's forms, never counted in two.
                if let Some(other) = pending.sources.iter().find(|s| {
                    s.sha256 == report.sha256
                        && s.round == batch.round
                        && s.commune != batch.commune
                }) {
                    let from = other.commune.clone();
                    report.push_file(Severity::Warning, ProblemKind::MovedFromCommune { from });
                    report.outcome = "replaced".into();
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
                };
                pending.sources.retain(|s| {
                    !(s.round == entry.round
                        && ((s.commune == entry.commune && s.file_name == entry.file_name)
                            || s.sha256 == entry.sha256))
                });
                pending.sources.push(entry.clone());
                to_store.push(entry);
            }
        }
    }
    if !to_store.is_empty() {
        ws.commit(&guard, &staging, &to_store)?;
    }
    drop(guard);
    let mut summary = summarize(results.into_iter().map(|(r, _)| r).collect());
    if repair != crate::store::Repair::default() {
        summary.repair = Some(repair);
    }
    Ok(summary)
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
        _ if files.iter().any(|f| f.outcome == "not_stored") => 1,
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
    p: &Path,
    name: &str,
    req: &Request,
    existing: &Workspace,
    opts: ReadOptions,
) -> crate::ingest::ReadResult {
    let Ok(bytes) = std::fs::read(p) else {
        return read_file(p, name, opts);
    };
    let sha = crate::ingest::sha256_hex(&bytes);
    // Same bytes in the same round: already stored, nothing to read (unless `--commune` asks
    // to attribute the file anew, which the full read and the plan then judge).
    let known = existing
        .stored(&sha, req.round)
        .filter(|_| req.store && req.commune.is_none());
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
        },
        _ => crate::ingest::read_loaded(bytes, sha, name, opts),
    }
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

/// A layout code of the report (`xlsx (ballots + register)`) in `lang`'s words.
fn layout_words(layout: &str, lang: Lang) -> String {
    if layout.is_empty() {
        return "?".into();
    }
    let mut s = layout.to_string();
    for (code, label) in [
        ("ballots-per-area", Label::LayoutBallotsPerArea),
        ("ballots", Label::LayoutBallots),
        ("register", Label::LayoutRegister),
        ("tally", Label::LayoutTally),
        ("mapping", Label::LayoutMapping),
    ] {
        // Codes are whole words between brackets and `+`; longest first.
        s = s
            .split_inclusive(['(', ' ', ')'])
            .map(|w| {
                let t = w.trim_end_matches(['(', ' ', ')']);
                if t == code {
                    format!("{}{}", label.text(lang), &w[t.len()..])
                } else {
                    w.to_string()
                }
            })
            .collect();
    }
    s
}

/// Problems of one file grouped: identical messages of one sheet and severity together, in
/// the order of their first occurrence.
fn grouped(problems: &[crate::ingest::Problem], lang: Lang) -> Vec<Vec<&crate::ingest::Problem>> {
    let mut groups: Vec<Vec<&crate::ingest::Problem>> = Vec::new();
    let mut at: std::collections::HashMap<(Severity, Option<&str>, String), usize> =
        std::collections::HashMap::new();
    for p in problems {
        let key = (p.severity, p.location.sheet.as_deref(), p.message(lang));
        match at.get(&key) {
            Some(i) => groups[*i].push(p),
            None => {
                at.insert(key, groups.len());
                groups.push(vec![p]);
            }
        }
    }
    groups
}

/// How many cells of a group of problems are shown; the rest are in `--json` and the errors
/// workbook.
const SHOWN_CELLS: usize = 5;

/// The summary of an import in `lang`, as printed: one line per file, then its problems with
/// identical ones printed once with their count and first cells.
pub fn summary_text(s: &ImportSummary, lang: Lang) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    if let Some(r) = &s.repair {
        out.push_str(&super::repair_text(r, lang, true));
    }
    if s.interrupted {
        let _ = writeln!(
            out,
            "{}",
            pick(
                lang,
                "Đã dừng theo yêu cầu (Ctrl-C): lần nhập này không lưu gì, thư mục dữ liệu giữ nguyên trạng thái trước.",
                "Stopped (Ctrl-C): this import stored nothing; the workspace is as it was before."
            )
        );
        return out;
    }
    let num = |n: u32| match lang {
        Lang::Vi => count(n as u64),
        Lang::En => n.to_string(),
    };
    // Each kind of row left out is said only when there are some.
    let left_out = |duplicates: u32, not_counted: u32| {
        [
            (Label::Duplicates, duplicates),
            (Label::NotCounted, not_counted),
        ]
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(l, n)| l.fill(lang, &[("count", &num(n))]))
        .collect::<String>()
    };
    for f in &s.files {
        let accepted = num(f.accepted);
        let outcome = match f.outcome.as_str() {
            "stored" => Label::Stored.fill(lang, &[("accepted", &accepted)]),
            "replaced" => Label::Replaced.fill(lang, &[("accepted", &accepted)]),
            "unchanged" => Label::Unchanged.text(lang).to_string(),
            "refused" => Label::Refused.text(lang).to_string(),
            "checked" => Label::Checked.text(lang).to_string(),
            "not_stored" => Label::NotStored.text(lang).to_string(),
            o => o.to_string(),
        };
        let warnings = f
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
            .count();
        let _ = writeln!(
            out,
            "{}",
            Label::FileLine.fill(
                lang,
                &[
                    ("file", &f.file),
                    ("commune", f.commune.as_deref().unwrap_or("?")),
                    ("form", f.form.as_deref().unwrap_or("?")),
                    ("layout", &layout_words(&f.layout, lang)),
                    ("read", &num(f.rows_read)),
                    ("accepted", &accepted),
                    ("rejected", &num(f.rejected)),
                    ("left_out", &left_out(f.duplicates, f.not_counted)),
                    ("warnings", &warnings.to_string()),
                    ("outcome", &outcome),
                ],
            )
        );
        for group in grouped(&f.problems, lang) {
            let p = group[0];
            let tag = p.severity.label().text(lang);
            if group.len() == 1 {
                let _ = writeln!(out, "  [{tag}] {}", p.render(lang));
                continue;
            }
            let mut cells: Vec<String> = group
                .iter()
                .take(SHOWN_CELLS)
                .map(|p| {
                    let c = p.location.cell.clone().unwrap_or_else(|| "?".into());
                    match &p.value {
                        Some(v) => format!("{c} ({v})"),
                        None => c,
                    }
                })
                .collect();
            if group.len() > SHOWN_CELLS {
                cells.push("…".into());
            }
            let mut line = p.location.file.clone();
            if let Some(sh) = &p.location.sheet {
                line.push_str(" › ");
                line.push_str(sh);
            }
            let repeated = Label::Repeated.fill(
                lang,
                &[
                    ("count", &num(group.len() as u32)),
                    ("cells", &cells.join(", ")),
                ],
            );
            let _ = writeln!(out, "  [{tag}] {line}: {} — {repeated}", p.message(lang));
        }
    }
    let (duplicates, not_counted) = s
        .files
        .iter()
        .fold((0, 0), |(d, n), f| (d + f.duplicates, n + f.not_counted));
    let _ = writeln!(
        out,
        "{}",
        Label::TotalLine.fill(
            lang,
            &[
                ("files", &s.files.len().to_string()),
                ("read", &num(s.rows_read)),
                ("accepted", &num(s.accepted)),
                ("rejected", &num(s.rejected)),
                ("left_out", &left_out(duplicates, not_counted)),
            ],
        )
    );
    out
}

/// Runs `import` (`store = true`) or `check` (`store = false`).
pub fn run(a: Args, data: &Path, lang: Lang, store: bool) -> anyhow::Result<u8> {
    let lib = library(lang)?;
    crate::interrupt::install(move || {
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            pick(
                lang,
                "Đang dừng (Ctrl-C)… bấm lần nữa để thoát ngay.",
                "Stopping (Ctrl-C)… press again to quit at once."
            )
        );
    });
    let mapping = match &a.mapping {
        Some(p) => Some(crate::ingest::mapping::Mapping::load(p).map_err(|e| {
            anyhow::anyhow!(pick(
                lang,
                format!("Tệp ánh xạ không đọc được: {e}"),
                format!("Cannot read the mapping file: {e}")
            ))
        })?),
        None => None,
    };
    let req = Request {
        data,
        files: &a.files,
        lib: &lib,
        commune: a.commune.as_deref(),
        form: a.form.as_deref(),
        mapping: mapping.as_ref(),
        store,
        progress: !a.json,
        round: &a.round,
        no_wait: a.no_wait,
        on_wait: &|| super::wait_notice(data, lang),
    };
    let s = import_files(&req).map_err(|e| fail(e, lang))?;
    if let Some(out) = &a.errors_xlsx {
        crate::dossier::errors::write(&s.files, out, lang).map_err(|e| {
            anyhow::anyhow!(pick(
                lang,
                format!("Không ghi được {}: {e}", out.display()),
                format!("Cannot write {}: {e}", out.display())
            ))
        })?;
    }
    if a.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&s)?))?;
    } else {
        emit(&summary_text(&s, lang))?;
    }
    Ok(s.exit_code)
}
