//! The workspace on disk: imported ballots and registers as Parquet, and a manifest of sources.
//!
//! Layout (documented for analysts in `docs/workspace.md`):
//! - `manifest.json`: the sources in force, one entry per imported file;
//! - `ballots/<sha256>.parquet`: one row per form, one `UInt8` column per item (`q1`, `q2`, ...;
//!   coding in [`crate::model::Answer`]), with provenance columns;
//! - `registers/<sha256>.parquet`: the residential areas and households of that file;
//! - `tallies/<sha256>.parquet`: area tallies (counts per item) sent instead of forms.
//!
//! Table files are named by the source's content hash and never rewritten, so an import only
//! adds files and then swaps the manifest in one atomic rename. A crash at any point leaves the
//! previous manifest, and so the previous workspace, intact; unreferenced files are removed by
//! the next import. This layer must not score anything: it stores and hands back tables.

pub mod config;

use crate::model::{BatchSummary, ItemTally, Provenance, RegisterArea, SurveyBatch, TallyRow};
use polars::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The manifest's format version.
pub const FORMAT: u32 = 1;

/// Environment variable that makes an import fail just before its final rename (for tests).
pub const FAIL_HOOK: &str = "HAILONG_TEST_FAIL_BEFORE_RENAME";

/// What can go wrong in the workspace.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file or directory of the workspace could not be read or written.
    #[error(
        "Không đọc/ghi được thư mục dữ liệu {path}: {message}. Kiểm tra đường dẫn --data và quyền ghi"
    )]
    Io {
        /// Path.
        path: String,
        /// The system's message.
        message: String,
    },
    /// The manifest is not valid JSON of the expected shape.
    #[error(
        "Tệp {path} bị hỏng: {message}. Khôi phục từ bản sao lưu hoặc nhập lại dữ liệu vào thư mục mới"
    )]
    Manifest {
        /// Path.
        path: String,
        /// Parser message.
        message: String,
    },
    /// A Parquet table could not be written or read.
    #[error("Lỗi bảng dữ liệu {path}: {message}")]
    Table {
        /// Path.
        path: String,
        /// Polars' message.
        message: String,
    },
    /// The test hook stopped the import before its final rename.
    #[error("Dừng nhập dữ liệu trước bước ghi cuối (kiểm thử {FAIL_HOOK})")]
    InjectedFailure,
}

impl crate::i18n::Localized for StoreError {
    fn en(&self) -> String {
        match self {
            StoreError::Io { path, message } => {
                format!(
                    "Cannot read/write the workspace {path}: {message}. Check --data and write permission"
                )
            }
            StoreError::Manifest { path, message } => {
                format!(
                    "{path} is damaged: {message}. Restore a backup or import again into a new directory"
                )
            }
            StoreError::Table { path, message } => format!("Data table {path}: {message}"),
            StoreError::InjectedFailure => {
                format!("Import stopped before its final rename (test hook {FAIL_HOOK})")
            }
        }
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> StoreError + '_ {
    move |e| StoreError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

fn table(path: &Path) -> impl Fn(PolarsError) -> StoreError + '_ {
    move |e| StoreError::Table {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

/// One imported file in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceEntry {
    /// SHA-256 of the file's bytes: also the name of its tables.
    pub sha256: String,
    /// File name (without directories); a later file of the same name for the same commune
    /// replaces this one.
    pub file_name: String,
    /// Commune (canonical name).
    pub commune: String,
    /// Form id.
    pub form: String,
    /// Survey round label ("" when the commune was surveyed once); labels sort by time.
    #[serde(default)]
    pub round: String,
    /// When it was imported (UTC, ISO 8601).
    pub imported_at: String,
    /// Ballots stored.
    pub ballots: u32,
    /// Area tallies stored.
    #[serde(default)]
    pub tallies: u32,
    /// Residential areas this file has data for (forms or a tally): one source per area.
    pub areas: Vec<String>,
    /// Non-empty rows read.
    pub rows_read: u32,
    /// Rows rejected.
    pub rows_rejected: u32,
    /// Whether its forms carry submission keys (exports of KoboToolbox, ODK Central): then a
    /// later export supersedes them submission by submission instead of conflicting by area.
    #[serde(default)]
    pub keyed: bool,
}

/// The list of sources in force.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Format version.
    pub format: u32,
    /// Sources, in import order.
    pub sources: Vec<SourceEntry>,
}

/// What an import did with one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Same bytes already stored: nothing to do.
    Unchanged,
    /// New file.
    Add,
    /// Replaces an earlier version (same commune and file name).
    Replace {
        /// The replaced source's hash.
        old_sha256: String,
    },
    /// Some of its areas already have ballots from another file of the commune.
    Conflict {
        /// Area.
        area: String,
        /// The other file.
        other: String,
    },
}

/// A workspace directory.
pub struct Workspace {
    dir: PathBuf,
    manifest: Manifest,
    /// The survey round read by `sources_of` (`None`: each commune's latest round).
    round: Option<String>,
}

/// Column name of item `n`.
pub fn item_column(n: usize) -> String {
    format!("q{n}")
}

impl Workspace {
    /// Opens (and creates if needed) the workspace at `dir`.
    pub fn open(dir: &Path) -> Result<Workspace, StoreError> {
        std::fs::create_dir_all(dir.join("ballots")).map_err(io(dir))?;
        std::fs::create_dir_all(dir.join("registers")).map_err(io(dir))?;
        std::fs::create_dir_all(dir.join("tallies")).map_err(io(dir))?;
        let mpath = dir.join("manifest.json");
        let manifest = match std::fs::read(&mpath) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| StoreError::Manifest {
                path: mpath.display().to_string(),
                message: e.to_string(),
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Manifest {
                format: FORMAT,
                sources: Vec::new(),
            },
            Err(e) => return Err(io(&mpath)(e)),
        };
        Ok(Workspace {
            dir: dir.to_path_buf(),
            manifest,
            round: None,
        })
    }

    /// Opens an existing workspace for reading only; it is not an error if it is empty.
    pub fn open_existing(dir: &Path) -> Result<Workspace, StoreError> {
        if !dir.join("manifest.json").exists() {
            return Ok(Workspace {
                dir: dir.to_path_buf(),
                manifest: Manifest {
                    format: FORMAT,
                    sources: Vec::new(),
                },
                round: None,
            });
        }
        Workspace::open(dir)
    }

    /// A read-only view of `dir` as if `manifest` were in force (to plan several files at once).
    pub fn view(dir: &Path, manifest: Manifest) -> Workspace {
        Workspace {
            dir: dir.to_path_buf(),
            manifest,
            round: None,
        }
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The sources in force.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The source already stored with these bytes in this round, if any: importing it again
    /// changes nothing, so it need not even be read.
    pub fn stored(&self, sha: &str, round: &str) -> Option<&SourceEntry> {
        self.manifest
            .sources
            .iter()
            .find(|s| s.sha256 == sha && s.round == round)
    }

    /// What importing `batch` from the file `file_name` with hash `sha` would do.
    pub fn plan(&self, sha: &str, file_name: &str, batch: &BatchSummary) -> Plan {
        let same_scope = |s: &&SourceEntry| s.commune == batch.commune && s.round == batch.round;
        if self
            .stored(sha, &batch.round)
            .is_some_and(|s| s.commune == batch.commune)
        {
            return Plan::Unchanged;
        }
        let same_name = self
            .manifest
            .sources
            .iter()
            .filter(same_scope)
            .find(|s| s.file_name == file_name);
        let areas = &batch.areas;
        for s in self.manifest.sources.iter().filter(same_scope) {
            if Some(s) == same_name || s.sha256 == sha || s.form != batch.form {
                continue;
            }
            // Two exports with submission keys: the later supersedes the earlier submission
            // by submission when the ballots are read (see `ballots`), nothing conflicts.
            if s.keyed && batch.keyed {
                continue;
            }
            if let Some(a) = s.areas.iter().find(|a| areas.contains(a.as_str())) {
                return Plan::Conflict {
                    area: a.clone(),
                    other: s.file_name.clone(),
                };
            }
        }
        match same_name {
            Some(s) => Plan::Replace {
                old_sha256: s.sha256.clone(),
            },
            None => Plan::Add,
        }
    }

    /// Writes a batch's tables (named by the source's hash; never rewritten). Safe to call in
    /// parallel for different files, before [`Workspace::commit`] makes them part of the
    /// workspace; until then they are invisible, and removed by the next commit if unused.
    pub fn write_tables(dir: &Path, batch: &SurveyBatch, sha: &str) -> Result<(), StoreError> {
        let named = |sub: &str| dir.join(sub).join(format!("{sha}.parquet"));
        if !batch.ballots.is_empty() {
            write_parquet(
                &mut ballots_frame(batch, sha).map_err(table(dir))?,
                &named("ballots"),
            )?;
        }
        write_parquet(
            &mut register_frame(batch).map_err(table(dir))?,
            &named("registers"),
        )?;
        if !batch.tallies.is_empty() {
            write_parquet(
                &mut tallies_frame(batch, sha).map_err(table(dir))?,
                &named("tallies"),
            )?;
        }
        Ok(())
    }

    /// Makes the sources (whose tables are written) part of the workspace, replacing earlier
    /// versions, in one atomic swap of the manifest.
    pub fn commit(&mut self, entries: &[SourceEntry]) -> Result<(), StoreError> {
        let mut next = self.manifest.clone();
        for entry in entries {
            next.sources.retain(|s| {
                !(s.commune == entry.commune
                    && s.round == entry.round
                    && (s.file_name == entry.file_name || s.sha256 == entry.sha256))
            });
            next.sources.push(entry.clone());
        }
        let mpath = self.dir.join("manifest.json");
        let tmp = self.dir.join("manifest.json.tmp");
        let json = serde_json::to_vec_pretty(&next).expect("manifest serialises");
        write_synced(&tmp, &json)?;
        if std::env::var_os(FAIL_HOOK).is_some() {
            return Err(StoreError::InjectedFailure);
        }
        std::fs::rename(&tmp, &mpath).map_err(io(&mpath))?;
        self.manifest = next;
        self.collect_garbage();
        Ok(())
    }

    /// Removes table files no source refers to (left by replaced files or interrupted imports).
    fn collect_garbage(&self) {
        for sub in ["ballots", "registers", "tallies"] {
            let Ok(entries) = std::fs::read_dir(self.dir.join(sub)) else {
                continue;
            };
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().to_string();
                let live = self
                    .manifest
                    .sources
                    .iter()
                    .any(|s| name == format!("{}.parquet", s.sha256));
                if !live {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
    }

    fn ballots_path(&self, sha: &str) -> PathBuf {
        self.dir.join("ballots").join(format!("{sha}.parquet"))
    }

    fn tallies_path(&self, sha: &str) -> PathBuf {
        self.dir.join("tallies").join(format!("{sha}.parquet"))
    }

    fn register_path(&self, sha: &str) -> PathBuf {
        self.dir.join("registers").join(format!("{sha}.parquet"))
    }

    /// Sources of one commune and form.
    pub fn sources_of(&self, commune: &str, form: &str) -> Vec<&SourceEntry> {
        let round = match &self.round {
            Some(r) => r.clone(),
            None => self.rounds(commune, form).pop().unwrap_or_default(),
        };
        self.manifest
            .sources
            .iter()
            .filter(|s| s.commune == commune && s.form == form && s.round == round)
            .collect()
    }

    /// The survey rounds of a commune and form, earliest first (labels sort by time).
    pub fn rounds(&self, commune: &str, form: &str) -> Vec<String> {
        let set: std::collections::BTreeSet<&str> = self
            .manifest
            .sources
            .iter()
            .filter(|s| s.commune == commune && s.form == form)
            .map(|s| s.round.as_str())
            .collect();
        set.into_iter().map(str::to_string).collect()
    }

    /// Reads round `round` from now on (`None`: each commune's latest round).
    pub fn set_round(&mut self, round: Option<String>) {
        self.round = round;
    }

    /// The ballots of one commune and form as a lazy scan over its sources' tables.
    ///
    /// Forms with a submission key are counted once over all the sources of the commune, form
    /// and round: the version with the most edits wins, then the latest `submitted_at`, then the
    /// later import. Submissions the reviewer rejected (`counted` false) are left out after
    /// that, so a rejection in a later export also removes the earlier version.
    pub fn ballots(&self, commune: &str, form: &str) -> Result<LazyFrame, StoreError> {
        let sources: Vec<&SourceEntry> = self
            .sources_of(commune, form)
            .into_iter()
            .filter(|s| s.ballots > 0 || s.keyed)
            .collect();
        if sources.iter().any(|s| s.keyed) {
            return self.merged_ballots(&sources);
        }
        let paths: Vec<PlRefPath> = sources
            .iter()
            .map(|s| PlRefPath::new(self.ballots_path(&s.sha256).display().to_string()))
            .collect();
        let args = ScanArgsParquet {
            allow_missing_columns: true,
            ..Default::default()
        };
        LazyFrame::scan_parquet_files(paths.into_iter().collect(), args).map_err(table(&self.dir))
    }

    /// Of `ids`, those already stored by other keyed sources of the commune, form and round
    /// (not the file `file_name`, which a new version replaces), with the files holding them.
    pub fn stored_submissions(
        &self,
        batch: &BatchSummary,
        file_name: &str,
    ) -> Result<(usize, Vec<String>), StoreError> {
        let mut found = std::collections::BTreeSet::new();
        let mut files = Vec::new();
        for s in self.manifest.sources.iter().filter(|s| {
            s.keyed
                && s.commune == batch.commune
                && s.form == batch.form
                && s.round == batch.round
                && s.file_name != file_name
        }) {
            let path = self.ballots_path(&s.sha256);
            if !path.exists() {
                continue;
            }
            let file = std::fs::File::open(&path).map_err(io(&path))?;
            let df = ParquetReader::new(file)
                .with_columns(Some(vec!["submission_id".to_string()]))
                .finish()
                .map_err(table(&path))?;
            let ids = df
                .column("submission_id")
                .and_then(|c| c.str().cloned())
                .map_err(table(&path))?;
            let before = found.len();
            found.extend(
                ids.iter()
                    .flatten()
                    .filter(|id| batch.submission_ids.contains(*id))
                    .map(str::to_string),
            );
            if found.len() > before {
                files.push(s.file_name.clone());
            }
        }
        Ok((found.len(), files))
    }

    /// The ballots of sources some of which carry submission keys, each submission once.
    fn merged_ballots(&self, sources: &[&SourceEntry]) -> Result<LazyFrame, StoreError> {
        let mut all: Option<DataFrame> = None;
        for (order, s) in sources.iter().enumerate() {
            let path = self.ballots_path(&s.sha256);
            if !path.exists() {
                continue;
            }
            let file = std::fs::File::open(&path).map_err(io(&path))?;
            let mut df = ParquetReader::new(file).finish().map_err(table(&path))?;
            let n = df.height();
            for (name, dtype) in submission_schema() {
                if df.column(name).is_err() {
                    df.with_column(Column::full_null(name.into(), n, &dtype))
                        .map_err(table(&path))?;
                }
            }
            df.with_column(Column::new("_order".into(), vec![order as u32; n]))
                .map_err(table(&path))?;
            all = Some(match all {
                None => df,
                Some(mut a) => {
                    let df = df
                        .select(a.get_column_names_owned())
                        .map_err(table(&path))?;
                    a.vstack_mut(&df).map_err(table(&path))?;
                    a
                }
            });
        }
        let Some(df) = all else {
            return LazyFrame::scan_parquet_files(
                Vec::<PlRefPath>::new().into_iter().collect(),
                ScanArgsParquet::default(),
            )
            .map_err(table(&self.dir));
        };
        let mask = latest_submissions(&df).map_err(table(&self.dir))?;
        let df = df
            .filter(&mask)
            .and_then(|d| d.drop("_order"))
            .map_err(table(&self.dir))?;
        Ok(df.lazy())
    }

    /// Whether any source of the commune and form has ballots (not only tallies).
    pub fn has_ballots(&self, commune: &str, form: &str) -> bool {
        self.sources_of(commune, form).iter().any(|s| s.ballots > 0)
    }

    /// The area tallies of one commune and form.
    pub fn tallies(
        &self,
        commune: &str,
        form: &str,
        n_items: usize,
    ) -> Result<Vec<TallyRow>, StoreError> {
        let mut out = Vec::new();
        for s in self
            .sources_of(commune, form)
            .iter()
            .filter(|s| s.tallies > 0)
        {
            let path = self.tallies_path(&s.sha256);
            let file = std::fs::File::open(&path).map_err(io(&path))?;
            let df = ParquetReader::new(file).finish().map_err(table(&path))?;
            let u32s = |name: &str| -> Result<Vec<Option<u32>>, StoreError> {
                Ok(df
                    .column(name)
                    .and_then(|c| c.u32().cloned())
                    .map_err(table(&path))?
                    .iter()
                    .collect())
            };
            let area: Vec<String> = df
                .column("area")
                .and_then(|c| c.str().cloned())
                .map_err(table(&path))?
                .iter()
                .map(|s| s.unwrap_or_default().to_string())
                .collect();
            let (returned, issued, other, row) = (
                u32s("returned")?,
                u32s("issued")?,
                u32s("other_opinions")?,
                u32s("row")?,
            );
            let mut items = Vec::new();
            for i in 1..=n_items {
                items.push((u32s(&format!("s{i}"))?, u32s(&format!("d{i}"))?));
            }
            for k in 0..df.height() {
                out.push(TallyRow {
                    area: area[k].clone(),
                    returned: returned[k].unwrap_or(0),
                    issued: issued[k],
                    items: items
                        .iter()
                        .map(|(s, d)| ItemTally {
                            satisfied: s[k].unwrap_or(0),
                            dissatisfied: d[k].unwrap_or(0),
                        })
                        .collect(),
                    other_opinions: other[k],
                    provenance: Provenance {
                        sheet: String::new(),
                        row: row[k].unwrap_or(0),
                    },
                });
            }
        }
        Ok(out)
    }

    /// Every commune's register (merged over all its sources), for files that bring none.
    pub fn all_registers(
        &self,
    ) -> Result<std::collections::HashMap<String, Vec<RegisterArea>>, StoreError> {
        let mut out = std::collections::HashMap::new();
        let communes: std::collections::BTreeSet<&str> = self
            .manifest
            .sources
            .iter()
            .map(|s| s.commune.as_str())
            .collect();
        for c in communes {
            let sources: Vec<&SourceEntry> = self
                .manifest
                .sources
                .iter()
                .filter(|s| s.commune == c)
                .collect();
            let areas = self.merge_registers(&sources)?;
            if !areas.is_empty() {
                out.insert(c.to_string(), areas);
            }
        }
        Ok(out)
    }

    /// The register of one commune and form: its sources' registers first, then the commune's
    /// other sources (a file without a register relies on an earlier one). First listing wins.
    pub fn register(&self, commune: &str, form: &str) -> Result<Vec<RegisterArea>, StoreError> {
        let mut sources = self.sources_of(commune, form);
        sources.extend(
            self.manifest
                .sources
                .iter()
                .filter(|s| s.commune == commune && s.form != form),
        );
        self.merge_registers(&sources)
    }

    fn merge_registers(&self, sources: &[&SourceEntry]) -> Result<Vec<RegisterArea>, StoreError> {
        let mut out: Vec<RegisterArea> = Vec::new();
        for s in sources {
            let path = self.register_path(&s.sha256);
            let file = std::fs::File::open(&path).map_err(io(&path))?;
            let df = ParquetReader::new(file).finish().map_err(table(&path))?;
            let area = df
                .column("area")
                .and_then(|c| c.str().cloned())
                .map_err(table(&path))?;
            let hh = df
                .column("households")
                .and_then(|c| c.u32().cloned())
                .map_err(table(&path))?;
            let issued = df
                .column("forms_issued")
                .and_then(|c| c.u32().cloned())
                .map_err(table(&path))?;
            for i in 0..df.height() {
                let name = area.get(i).unwrap_or_default().to_string();
                if out.iter().any(|a| a.area == name) {
                    continue;
                }
                out.push(RegisterArea {
                    area: name,
                    households: hh.get(i).unwrap_or(0),
                    forms_issued: issued.get(i),
                });
            }
        }
        Ok(out)
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    use std::io::Write;
    let mut f = std::fs::File::create(path).map_err(io(path))?;
    f.write_all(bytes).map_err(io(path))?;
    f.sync_all().map_err(io(path))
}

/// Writes a table to `path` through a temporary file and a rename.
fn write_parquet(df: &mut DataFrame, path: &Path) -> Result<(), StoreError> {
    if path.exists() {
        // Content-addressed: the same hash means the same table.
        return Ok(());
    }
    let tmp = path.with_extension("parquet.tmp");
    let f = std::fs::File::create(&tmp).map_err(io(&tmp))?;
    // Buffered: the Parquet writer emits many small writes (page and thrift headers), and
    // unbuffered they cost a system call each (17 % of an import's time, measured).
    let mut buf = std::io::BufWriter::with_capacity(1 << 20, f);
    ParquetWriter::new(&mut buf)
        .finish(df)
        .map_err(table(&tmp))?;
    std::io::Write::flush(&mut buf).map_err(io(&tmp))?;
    std::fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .map_err(io(&tmp))?;
    std::fs::rename(&tmp, path).map_err(io(path))
}

/// `commune`, `form`, `round`, `area`: the columns every row of a source's tables starts with.
fn key_columns<'a>(
    batch: &SurveyBatch,
    areas: impl ExactSizeIterator<Item = &'a str>,
) -> Vec<Column> {
    let n = areas.len();
    vec![
        Column::new("commune".into(), vec![batch.commune.as_str(); n]),
        Column::new("form".into(), vec![batch.form.as_str(); n]),
        Column::new("round".into(), vec![batch.round.as_str(); n]),
        Column::new("area".into(), areas.collect::<Vec<_>>()),
    ]
}

/// `source_sha256`, `sheet`, `row`: where each row was read.
fn provenance_columns<'a>(
    sha: &str,
    rows: impl Iterator<Item = &'a Provenance> + Clone,
) -> Vec<Column> {
    let sheets: Vec<&str> = rows.clone().map(|p| p.sheet.as_str()).collect();
    let n = sheets.len();
    vec![
        Column::new("source_sha256".into(), vec![sha; n]),
        Column::new("sheet".into(), sheets),
        Column::new("row".into(), rows.map(|p| p.row).collect::<Vec<u32>>()),
    ]
}

fn ballots_frame(batch: &SurveyBatch, sha: &str) -> PolarsResult<DataFrame> {
    let b = &batch.ballots;
    let n = b.len();
    let n_items = b.first().map(|x| x.answers.len()).unwrap_or(0);
    let mut cols = key_columns(batch, b.iter().map(|x| x.area.as_str()));
    cols.push(Column::new(
        "form_no".into(),
        b.iter().map(|x| x.form_no.as_deref()).collect::<Vec<_>>(),
    ));
    for i in 0..n_items {
        let v: Vec<u8> = b.iter().map(|x| x.answers[i].code()).collect();
        cols.push(Column::new(item_column(i + 1).into(), v));
    }
    cols.push(Column::new(
        "reason".into(),
        b.iter().map(|x| x.reason.as_deref()).collect::<Vec<_>>(),
    ));
    cols.push(Column::new(
        "other_opinion".into(),
        b.iter()
            .map(|x| x.other_opinion.as_deref())
            .collect::<Vec<_>>(),
    ));
    cols.extend(provenance_columns(sha, b.iter().map(|x| &x.provenance)));
    let sub = |x: &crate::model::Ballot| x.submission.clone();
    cols.push(Column::new(
        "submission_id".into(),
        b.iter()
            .map(|x| sub(x).map(|s| s.id))
            .collect::<Vec<Option<String>>>(),
    ));
    cols.push(Column::new(
        "submitted_at".into(),
        b.iter()
            .map(|x| sub(x).and_then(|s| s.submitted_at))
            .collect::<Vec<Option<String>>>(),
    ));
    cols.push(Column::new(
        "revision".into(),
        b.iter()
            .map(|x| sub(x).map(|s| s.revision))
            .collect::<Vec<Option<u32>>>(),
    ));
    cols.push(Column::new(
        "counted".into(),
        b.iter().map(|x| x.counted()).collect::<Vec<bool>>(),
    ));
    DataFrame::new(n, cols)
}

/// The columns a ballots table has for submission keys (absent from tables written before
/// them, where they read as null, and `counted` as true).
fn submission_schema() -> [(&'static str, DataType); 4] {
    [
        ("submission_id", DataType::String),
        ("submitted_at", DataType::String),
        ("revision", DataType::UInt32),
        ("counted", DataType::Boolean),
    ]
}

/// Which rows to keep: every form without a key, and of each key the latest version (most
/// edits, then latest `submitted_at`, then later import, then later row), if it is counted.
fn latest_submissions(df: &DataFrame) -> PolarsResult<BooleanChunked> {
    let ids = df.column("submission_id")?.str()?.clone();
    let times = df.column("submitted_at")?.str()?.clone();
    let revs = df.column("revision")?.u32()?.clone();
    let counted = df.column("counted")?.bool()?.clone();
    let order = df.column("_order")?.u32()?.clone();
    let mut best: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let rank = |i: usize| {
        (
            revs.get(i).unwrap_or(0),
            times.get(i).unwrap_or(""),
            order.get(i).unwrap_or(0),
            i,
        )
    };
    for i in 0..df.height() {
        if let Some(id) = ids.get(i) {
            let e = best.entry(id).or_insert(i);
            if rank(i) > rank(*e) {
                *e = i;
            }
        }
    }
    Ok((0..df.height())
        .map(|i| {
            let latest = ids.get(i).is_none_or(|id| best.get(id) == Some(&i));
            latest && counted.get(i).unwrap_or(true)
        })
        .collect())
}

fn tallies_frame(batch: &SurveyBatch, sha: &str) -> PolarsResult<DataFrame> {
    let t = &batch.tallies;
    let n = t.len();
    let n_items = t.first().map(|x| x.items.len()).unwrap_or(0);
    let mut cols = key_columns(batch, t.iter().map(|x| x.area.as_str()));
    cols.push(Column::new(
        "returned".into(),
        t.iter().map(|x| x.returned).collect::<Vec<u32>>(),
    ));
    cols.push(Column::new(
        "issued".into(),
        t.iter().map(|x| x.issued).collect::<Vec<Option<u32>>>(),
    ));
    for i in 0..n_items {
        cols.push(Column::new(
            format!("s{}", i + 1).into(),
            t.iter().map(|x| x.items[i].satisfied).collect::<Vec<u32>>(),
        ));
        cols.push(Column::new(
            format!("d{}", i + 1).into(),
            t.iter()
                .map(|x| x.items[i].dissatisfied)
                .collect::<Vec<u32>>(),
        ));
    }
    cols.push(Column::new(
        "other_opinions".into(),
        t.iter()
            .map(|x| x.other_opinions)
            .collect::<Vec<Option<u32>>>(),
    ));
    cols.extend(provenance_columns(sha, t.iter().map(|x| &x.provenance)));
    DataFrame::new(n, cols)
}

fn register_frame(batch: &SurveyBatch) -> PolarsResult<DataFrame> {
    let r = &batch.register;
    DataFrame::new(
        r.len(),
        vec![
            Column::new("commune".into(), vec![batch.commune.as_str(); r.len()]),
            Column::new(
                "area".into(),
                r.iter().map(|a| a.area.as_str()).collect::<Vec<_>>(),
            ),
            Column::new(
                "households".into(),
                r.iter().map(|a| a.households).collect::<Vec<u32>>(),
            ),
            Column::new(
                "forms_issued".into(),
                r.iter()
                    .map(|a| a.forms_issued)
                    .collect::<Vec<Option<u32>>>(),
            ),
        ],
    )
}

/// Current UTC time as ISO 8601 (`2026-11-22T06:01:00Z`), without a date library.
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    crate::text::iso_utc(secs)
}
