//! Exports of digital collection tools (KoboToolbox, ODK, Google Forms) read through a mapping
//! file that says which column is which item and which values mean what.
//!
//! The export is one row per submission; nothing about it is guessed. The mapping is a small TOML
//! file (format in the README); its mistakes are reported like a sheet's, naming the key.

use super::header::is_total_label;
use super::sheet::{Grid, cell_ref, whole_number};
use super::{FileReport, ProblemKind, ReadOptions, Severity};
use crate::model::{Answer, Ballot, Provenance, RegisterArea, Submission, SurveyBatch};
use crate::rules::Form;
use crate::text::{clean, fold};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// A mapping file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Where things are.
    pub mapping: Columns,
    /// Item number → column name.
    pub items: BTreeMap<String, String>,
    /// Which values mean what.
    pub values: Values,
    /// Households per area, when the workspace has no register for the commune yet.
    #[serde(default)]
    pub register: BTreeMap<String, u32>,
    /// Choice code of an area (`ban_na_san`) → its register name (`Bản Nà Sản`).
    #[serde(default)]
    pub areas: BTreeMap<String, String>,
    /// Which review statuses leave a submission out, and which are counted with a warning.
    #[serde(default)]
    pub review: Review,
}

/// Column names and fixed values.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    /// Form id.
    pub form: String,
    /// The commune, when the export is for one commune.
    #[serde(default)]
    pub commune: Option<String>,
    /// The column naming the commune, when it varies by row (then every row must name the
    /// same commune as `--commune` or as the first row that names one).
    #[serde(default)]
    pub commune_column: Option<String>,
    /// Column of the residential area.
    pub area_column: String,
    /// Column of the form's number.
    #[serde(default)]
    pub form_no_column: Option<String>,
    /// Column of the reason for dissatisfaction.
    #[serde(default)]
    pub reason_column: Option<String>,
    /// Column of the other opinions.
    #[serde(default)]
    pub other_column: Option<String>,
    /// Column of the submission key, kept across edits (default: `KEY`, `_id`, `meta/rootUuid`,
    /// else the version key `_uuid`, `meta/instanceID`, … joined by `deprecatedID`).
    #[serde(default)]
    pub id_column: Option<String>,
    /// Column of the submission time (default: `_submission_time`, `SubmissionDate`).
    #[serde(default)]
    pub time_column: Option<String>,
    /// Sheet to read (default: the first).
    #[serde(default)]
    pub sheet: Option<String>,
}

/// Answer values.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Values {
    /// Values meaning "Hài lòng".
    pub satisfied: Vec<String>,
    /// Values meaning "Không hài lòng".
    pub dissatisfied: Vec<String>,
    /// Values meaning no answer (besides an empty cell).
    #[serde(default)]
    pub blank: Vec<String>,
}

/// The review policy: statuses are compared folded, with or without `validation_status_`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// Column of the review status (default: `_validation_status`, `ReviewState`).
    #[serde(default)]
    pub column: Option<String>,
    /// Statuses whose submissions are not counted.
    #[serde(default = "default_exclude")]
    pub exclude: Vec<String>,
    /// Statuses whose submissions are counted with a warning.
    #[serde(default = "default_warn")]
    pub warn: Vec<String>,
}

fn default_exclude() -> Vec<String> {
    vec!["validation_status_not_approved".into(), "rejected".into()]
}

fn default_warn() -> Vec<String> {
    vec!["validation_status_on_hold".into(), "hasIssues".into()]
}

impl Default for Review {
    fn default() -> Review {
        Review {
            column: None,
            exclude: default_exclude(),
            warn: default_warn(),
        }
    }
}

/// Keys that name a submission across its edits, most specific first: ODK Central's `KEY`
/// stays the first instance id for ever; Kobo's `_id` (its database row) and `meta/rootUuid`
/// survive an edit made after an export, when `_uuid` changes and a later export would
/// otherwise count the edited submission a second time.
const STABLE_COLUMNS: &[&str] = &["KEY", "_id", "meta/rootUuid", "meta-rootUuid", "rootUuid"];
/// Keys of one version of a submission (a new one at every edit): the identity only when the
/// export has no stable key, with the `deprecatedID` chain joining the versions.
const VERSION_COLUMNS: &[&str] = &["_uuid", "meta/instanceID", "meta-instanceID", "instanceID"];
const DEPRECATED_COLUMNS: &[&str] = &["meta/deprecatedID", "meta-deprecatedID", "deprecatedID"];
const TIME_COLUMNS: &[&str] = &["_submission_time", "SubmissionDate"];
const EDITS_COLUMNS: &[&str] = &["Edits"];
const REVIEW_COLUMNS: &[&str] = &["_validation_status", "ReviewState"];

impl Mapping {
    /// Reads and parses a mapping file.
    pub fn load(path: &Path) -> Result<Mapping, crate::store::config::SettingsError> {
        load_toml(path)
    }

    /// Parses a mapping's text (`origin` names it in messages).
    pub fn parse(text: &str, origin: &str) -> Result<Mapping, crate::store::config::SettingsError> {
        parse_toml(text, origin)
    }
}

/// Reads and parses a mapping file of any shape (NTM forms' [`Mapping`], survey packs'
/// [`super::pack_mapping::PackMapping`]): errors name the file and the key, as settings' do.
pub fn load_toml<T: serde::de::DeserializeOwned>(
    path: &Path,
) -> Result<T, crate::store::config::SettingsError> {
    let text =
        std::fs::read_to_string(path).map_err(|e| crate::store::config::SettingsError::Read {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
    parse_toml(&text, &path.display().to_string())
}

/// Parses a mapping's text (`origin` names it in messages).
pub fn parse_toml<T: serde::de::DeserializeOwned>(
    text: &str,
    origin: &str,
) -> Result<T, crate::store::config::SettingsError> {
    toml::from_str(text).map_err(|e| crate::store::config::SettingsError::Parse {
        path: origin.to_string(),
        message: e.to_string(),
    })
}

/// The separators tools put between a group and a field: Kobo `/`, ODK Central `-`, others
/// `.` or `:`.
const GROUP_SEPARATORS: [char; 4] = ['/', '-', '.', ':'];

/// The last segment of a folded column name under any group separator.
fn last_segment(folded: &str) -> &str {
    folded
        .rsplit(GROUP_SEPARATORS)
        .next()
        .unwrap_or(folded)
        .trim()
}

/// How a mapping's column name was found in the header row.
#[derive(Debug, PartialEq)]
pub(super) enum Found {
    /// The full name.
    Exact(u32),
    /// By its last segment under a group separator: (column, header as written).
    BySegment(u32, String),
    /// Several columns end the same way.
    Ambiguous(Vec<String>),
    /// Nowhere.
    Missing,
}

/// Finds column `name` in header row `header`: by full name first, then by its last segment
/// (`group_a/thon_ban` finds `thon_ban`, `grp-thon_ban`, `x.thon_ban`; `thon_ban` finds them
/// too), refusing to choose between several.
pub(super) fn find_col(grid: &Grid, header: u32, name: &str) -> Found {
    let want = fold(name);
    let heads: Vec<(u32, String)> = (0..grid.end_col())
        .map(|c| (c, fold(&grid.text(header, c))))
        .filter(|(_, h)| !h.is_empty())
        .collect();
    if let Some((c, _)) = heads.iter().find(|(_, h)| *h == want) {
        return Found::Exact(*c);
    }
    let seg = last_segment(&want);
    let hits: Vec<u32> = heads
        .iter()
        .filter(|(_, h)| !seg.is_empty() && last_segment(h) == seg)
        .map(|(c, _)| *c)
        .collect();
    match hits.as_slice() {
        [] => Found::Missing,
        [c] => Found::BySegment(*c, grid.text(header, *c)),
        many => Found::Ambiguous(many.iter().map(|c| grid.text(header, *c)).collect()),
    }
}

/// The first of `names` found in the header row (full name, else unambiguous last segment).
fn find_any(grid: &Grid, header: u32, names: &[&str]) -> Option<u32> {
    names.iter().find_map(|n| match find_col(grid, header, n) {
        Found::Exact(c) | Found::BySegment(c, _) => Some(c),
        _ => None,
    })
}

/// The first stable key column of the header row. Kobo's `_id` is taken only as written: folded
/// it is "id", which a household or a form number column may well be called.
fn find_stable(grid: &Grid, header: u32) -> Option<u32> {
    STABLE_COLUMNS.iter().find_map(|n| {
        if *n == "_id" {
            (0..grid.end_col()).find(|c| grid.text(header, *c).trim() == "_id")
        } else {
            find_any(grid, header, &[n])
        }
    })
}

/// Whether a header names a version key (`_uuid`, `meta/instanceID`, …).
fn is_version_key(header: &str) -> bool {
    let h = fold(header);
    VERSION_COLUMNS
        .iter()
        .any(|v| last_segment(&h) == last_segment(&fold(v)))
}

/// A submission key as compared: without `uuid:`, lower case, trimmed.
fn submission_key(text: &str) -> Option<String> {
    let t = text.trim();
    let t = t
        .strip_prefix("uuid:")
        .or_else(|| t.strip_prefix("UUID:"))
        .unwrap_or(t);
    (!t.is_empty()).then(|| t.to_lowercase())
}

/// A submission time as ISO 8601 (`2025-10-03T08:15:22`, fractions kept): from an ISO text
/// (`2025-10-03T08:15:22.123Z`, `2025-10-03 08:15:22`) or an Excel date cell. Other spellings
/// give `None`: the export's order then decides.
pub fn iso_time(d: &calamine::Data) -> Option<String> {
    use calamine::Data;
    let serial = match d {
        Data::DateTime(x) => Some(x.as_f64()),
        Data::Float(f) if *f > 20_000.0 && *f < 100_000.0 => Some(*f),
        _ => None,
    };
    if let Some(v) = serial {
        let secs = ((v - 25_569.0) * 86_400.0).round() as i64;
        return Some(crate::text::iso_utc(secs).trim_end_matches('Z').to_string());
    }
    let t = super::sheet::cell_text(d);
    let b = t.as_bytes();
    let iso = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && b[5..7].iter().chain(&b[8..10]).all(u8::is_ascii_digit);
    if !iso {
        return None;
    }
    let t = t.replacen(' ', "T", 1);
    Some(t.trim_end_matches('Z').to_string())
}

/// A review status as compared: folded, without `validation_status`.
fn status_key(s: &str) -> String {
    let f = fold(s);
    f.strip_prefix("validation status ")
        .map(str::to_string)
        .unwrap_or(f)
        .replace(' ', "")
}

/// Whether a register name is a choice code rather than a name people write (`ban_na_san`).
fn looks_like_code(name: &str) -> bool {
    name.contains('_') || (name.is_ascii() && !name.chars().any(|c| c.is_uppercase()))
}

/// One row read, before duplicates and review statuses are judged.
struct Read {
    ballot: Ballot,
    /// Column of its submission key (for the cell of a duplicate's warning).
    id_cell: Option<String>,
    /// Review status as written, with its cell.
    review: Option<(String, String)>,
}

/// The columns a mapping names, found in the header row.
struct Located {
    area: u32,
    items: Vec<u32>,
    form_no: Option<u32>,
    reason: Option<u32>,
    other: Option<u32>,
    commune: Option<u32>,
    /// The submission's key across edits (`KEY`, `_id`, `meta/rootUuid`, or `id_column`).
    stable: Option<u32>,
    /// The key of one version (`_uuid`, `instanceID`), chained through `deprecated`.
    version: Option<u32>,
    deprecated: Option<u32>,
    time: Option<u32>,
    edits: Option<u32>,
    review: Option<u32>,
}

/// Finds every column of the mapping in `header`; reports what is missing or ambiguous.
fn locate(
    grid: &Grid,
    header: u32,
    m: &Mapping,
    item_count: usize,
    report: &mut FileReport,
) -> Option<Located> {
    // (key, name, column used) of every match that was not exact.
    let mut matched: Vec<(String, String, String)> = Vec::new();
    let mut failed = false;
    let header_cells: Vec<String> = (0..grid.end_col())
        .map(|c| grid.text(header, c))
        .filter(|t| !t.is_empty())
        .collect();
    let mut need = |report: &mut FileReport, key: &str, name: &str| -> Option<u32> {
        match find_col(grid, header, name) {
            Found::Exact(c) => Some(c),
            Found::BySegment(c, used) => {
                matched.push((key.to_string(), name.to_string(), used));
                Some(c)
            }
            found => {
                // Either way the mapping cannot be used: one problem on the header row.
                failed = true;
                let kind = match found {
                    Found::Ambiguous(candidates) => ProblemKind::MappingAmbiguous {
                        key: key.to_string(),
                        name: name.to_string(),
                        candidates,
                    },
                    _ => ProblemKind::MappingColumn {
                        key: key.to_string(),
                        name: name.to_string(),
                        header_row: header + 1,
                        found: header_cells.iter().take(12).cloned().collect(),
                    },
                };
                report.fatal(
                    Some(&grid.name),
                    Some(format!("{}", header + 1)),
                    kind,
                    None,
                );
                None
            }
        }
    };
    let area = need(report, "mapping.area_column", &m.mapping.area_column);
    let mut items = vec![None; item_count];
    let mut keys: Vec<(usize, &String)> = m
        .items
        .iter()
        .filter_map(|(k, name)| k.parse::<usize>().ok().map(|n| (n, name)))
        .filter(|(n, _)| (1..=item_count).contains(n))
        .collect();
    keys.sort();
    for (n, name) in keys {
        items[n - 1] = need(report, &format!("items.{n}"), name);
    }
    let mut opt = |report: &mut FileReport, key: &str, name: &Option<String>| {
        name.as_ref().and_then(|n| need(report, key, n))
    };
    let form_no = opt(report, "mapping.form_no_column", &m.mapping.form_no_column);
    let reason = opt(report, "mapping.reason_column", &m.mapping.reason_column);
    let other = opt(report, "mapping.other_column", &m.mapping.other_column);
    let commune = opt(report, "mapping.commune_column", &m.mapping.commune_column);
    let id = opt(report, "mapping.id_column", &m.mapping.id_column);
    let time = opt(report, "mapping.time_column", &m.mapping.time_column);
    let review = opt(report, "review.column", &m.review.column);
    if failed {
        return None;
    }
    // `id_column` names the identity, unless it names a version key (`_uuid`): then that
    // column is chained by `deprecatedID` as when it is found without being named.
    let (stable, version) = match id {
        Some(c) if is_version_key(&grid.text(header, c)) => (None, Some(c)),
        Some(c) => (Some(c), find_any(grid, header, VERSION_COLUMNS)),
        None => (
            find_stable(grid, header),
            find_any(grid, header, VERSION_COLUMNS),
        ),
    };
    if !matched.is_empty() {
        report.push(
            Severity::Warning,
            Some(&grid.name),
            Some(format!("{}", header + 1)),
            ProblemKind::ColumnsMatched {
                pairs: by_prefix(&matched),
            },
            None,
        );
    }
    Some(Located {
        area: area?,
        items: items.into_iter().map(|c| c.unwrap_or(0)).collect(),
        form_no,
        reason,
        other,
        commune,
        stable,
        version,
        deprecated: find_any(grid, header, DEPRECATED_COLUMNS),
        time: time.or_else(|| find_any(grid, header, TIME_COLUMNS)),
        edits: find_any(grid, header, EDITS_COLUMNS),
        review: review.or_else(|| find_any(grid, header, REVIEW_COLUMNS)),
    })
}

/// Matches that were not exact, said once per group prefix ignored:
/// `"group_q/": items.1–19` rather than nineteen pairs.
fn by_prefix(matched: &[(String, String, String)]) -> Vec<String> {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for (key, name, used) in matched {
        let seg = last_segment(&fold(name)).len();
        // The ignored prefix as written: what comes before the field's own last segment.
        let cut = used
            .char_indices()
            .rev()
            .find(|(_, ch)| GROUP_SEPARATORS.contains(ch))
            .map(|(i, ch)| i + ch.len_utf8())
            .unwrap_or(used.len().saturating_sub(seg));
        let prefix = used[..cut].to_string();
        if prefix.is_empty() {
            // The mapping's name has the prefix, the export's column has none.
            groups.push((format!("{name}\" → \"{used}"), vec![key]));
            continue;
        }
        match groups.iter_mut().find(|g| g.0 == prefix) {
            Some(g) => g.1.push(key),
            None => groups.push((prefix, vec![key])),
        }
    }
    groups
        .into_iter()
        .map(|(prefix, keys)| format!("\"{prefix}\": {}", compress_items(&keys)))
        .collect()
}

/// `items.1, items.2, items.3, x` → `items.1–3, x`.
fn compress_items(keys: &[&str]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut run: Option<(u32, u32)> = None;
    let flush = |run: &mut Option<(u32, u32)>, out: &mut Vec<String>| {
        if let Some((a, b)) = run.take() {
            out.push(if a == b {
                format!("items.{a}")
            } else {
                format!("items.{a}–{b}")
            });
        }
    };
    for k in keys {
        match k.strip_prefix("items.").and_then(|n| n.parse::<u32>().ok()) {
            Some(n) => match &mut run {
                Some((_, b)) if *b + 1 == n => *b = n,
                _ => {
                    flush(&mut run, &mut out);
                    run = Some((n, n));
                }
            },
            None => {
                flush(&mut run, &mut out);
                out.push(k.to_string());
            }
        }
    }
    flush(&mut run, &mut out);
    out.join(", ")
}

/// Register areas found by what an export writes: an `[areas]` code, the name itself, or a
/// choice code that folds to exactly one name (`ban_na_san`, `na_san` → "Bản Nà Sản").
struct AreaFinder<'a> {
    names: Vec<&'a str>,
    codes: HashMap<String, usize>,
    /// Codes matched by folding, reported once.
    folded: BTreeMap<String, String>,
    /// What each value written found: every row repeats a few values.
    seen: HashMap<String, Option<usize>>,
}

impl<'a> AreaFinder<'a> {
    fn find(&mut self, written: &str) -> Option<usize> {
        if let Some(hit) = self.seen.get(written) {
            return *hit;
        }
        let hit = self.codes.get(&fold(written)).copied().or_else(|| {
            let i = super::layout::find_area(&self.names, written)?;
            if written.trim().to_lowercase() != self.names[i].to_lowercase() {
                self.folded
                    .insert(written.to_string(), self.names[i].to_string());
            }
            Some(i)
        });
        self.seen.insert(written.to_string(), hit);
        hit
    }
}

/// Reads an export through its mapping.
pub fn read(
    grids: &[Grid],
    m: &Mapping,
    report: &mut FileReport,
    opts: ReadOptions,
) -> Option<SurveyBatch> {
    let form = mapped_form(m, opts, report)?;
    report.form = Some(form.id().to_string());
    report.layout.parts = Some(vec![super::LayoutPart::Mapping]);
    let grid = mapped_sheet(grids, m, report)?;
    check_item_keys(m, form, report)?;
    let header = header_row(grid, &m.mapping.area_column);
    let cols = locate(grid, header, m, form.item_count(), report)?;
    let commune = mapped_commune(grid, header, &cols, m, opts, report)?;
    report.commune = Some(commune.clone());
    let register = mapped_register(m, &commune, opts, report)?;
    report.register_areas = register.len() as u32;
    let mut areas = area_finder(m, &register, report)?;
    let export = Export {
        grid,
        header,
        cols: &cols,
        commune: &commune,
        register: &register,
        values: AnswerValues::of(&m.values),
        replaces: replaced_versions(grid, header, &cols),
        opts,
    };
    let rows = export.read_rows(&mut areas, report);
    if !areas.folded.is_empty() {
        let pairs = areas
            .folded
            .iter()
            .map(|(c, n)| format!("{c} → {n}"))
            .collect();
        report.push(
            Severity::Warning,
            Some(&grid.name),
            Some(cell_ref(header, cols.area)),
            ProblemKind::AreasMatched { pairs },
            None,
        );
    }
    let rows = latest_versions(rows, &grid.name, report);
    let mut ballots = apply_review(rows, &m.review, &grid.name, report);
    refuse_overfull_areas(&mut ballots, &register, grid, cols.area, report);
    report.accepted = ballots.iter().filter(|b| b.counted()).count() as u32;
    let own_register = if m.register.is_empty() {
        Vec::new()
    } else {
        register
    };
    Some(SurveyBatch {
        commune,
        form: form.id().to_string(),
        round: String::new(),
        sha256: report.sha256.clone(),
        register: own_register,
        ballots,
        tallies: Vec::new(),
        review: Vec::new(),
    })
}

/// The form the mapping names; `None` when the library has no such form (said).
fn mapped_form<'a>(
    m: &Mapping,
    opts: ReadOptions<'a>,
    report: &mut FileReport,
) -> Option<&'a Form> {
    let Some(form) = opts.lib.form(&m.mapping.form) else {
        let kind = ProblemKind::UnknownForm {
            id: m.mapping.form.clone(),
            known: opts.lib.forms.keys().cloned().collect(),
        };
        report.fatal(
            None,
            None,
            kind,
            Some(format!("mapping.form = \"{}\"", m.mapping.form)),
        );
        return None;
    };
    Some(form)
}

/// The sheet to read: the one the mapping names, else the first; `None` when there is no
/// such sheet (said).
fn mapped_sheet<'g>(grids: &'g [Grid], m: &Mapping, report: &mut FileReport) -> Option<&'g Grid> {
    let grid = pick_sheet(grids, m.mapping.sheet.as_deref());
    let Some(grid) = grid else {
        let kind = ProblemKind::MissingSheet {
            wanted: m.mapping.sheet.clone().unwrap_or_default(),
            found: grids.iter().map(|g| g.name.clone()).collect(),
        };
        report.fatal(None, None, kind, None);
        return None;
    };
    Some(grid)
}

/// The sheet a mapping names (compared folded), else the first.
pub(super) fn pick_sheet<'g>(grids: &'g [Grid], wanted: Option<&str>) -> Option<&'g Grid> {
    match wanted {
        Some(s) => grids.iter().find(|g| fold(&g.name) == fold(s)),
        None => grids.first(),
    }
}

/// The header row of an export: the first of its first 20 rows where column `name` is found
/// (else the first row).
pub(super) fn header_row(grid: &Grid, name: &str) -> u32 {
    (0..grid.end_row().min(20))
        .find(|r| !matches!(find_col(grid, *r, name), Found::Missing))
        .unwrap_or(0)
}

/// Item keys first: a key missing from [items] is the mapping's fault, not the export's. A
/// key that is no item of the form, or an item without a key, refuses the file (said).
fn check_item_keys(m: &Mapping, form: &Form, report: &mut FileReport) -> Option<()> {
    for k in m.items.keys() {
        if !matches!(k.parse::<usize>(), Ok(n) if n >= 1 && n <= form.item_count()) {
            let kind = ProblemKind::MappingItemKey {
                key: k.clone(),
                form: form.id().to_string(),
                max: form.item_count() as u32,
            };
            report.fatal(None, None, kind, None);
            return None;
        }
    }
    let missing: Vec<u32> = (1..=form.item_count() as u32)
        .filter(|i| !m.items.keys().any(|k| k.parse::<u32>() == Ok(*i)))
        .collect();
    if !missing.is_empty() {
        let kind = ProblemKind::MappingItemsMissing {
            items: missing,
            form: form.id().to_string(),
        };
        report.fatal(None, None, kind, None);
        return None;
    }
    Some(())
}

/// Commune: --commune, the mapping, or the first row's commune column, resolved in the
/// gazetteer; `None` when none is named or the name is no commune (said).
fn mapped_commune(
    grid: &Grid,
    header: u32,
    cols: &Located,
    m: &Mapping,
    opts: ReadOptions,
    report: &mut FileReport,
) -> Option<String> {
    let written = opts
        .commune
        .map(str::to_string)
        .or(m.mapping.commune.clone())
        .or_else(|| {
            // The first row that names one: blank rows may stand under the header.
            cols.commune.and_then(|c| {
                (header + 1..grid.end_row())
                    .map(|r| grid.text(r, c))
                    .find(|t| !t.is_empty())
            })
        });
    let Some(written) = written.filter(|w| !w.is_empty()) else {
        report.fatal(None, None, ProblemKind::NoCommune, None);
        return None;
    };
    match opts.gazetteer.resolve(&written) {
        Ok(r) => Some(r.unit.name.clone()),
        Err(e) => {
            use crate::i18n::Localized;
            report.fatal(
                None,
                None,
                ProblemKind::CommuneLookup {
                    message_vi: e.to_string(),
                    message_en: e.en(),
                },
                Some(written),
            );
            None
        }
    }
}

/// The register the export is read against: the mapping's [register], else the workspace's
/// for the commune; `None` when there is neither or [register] holds a code (said).
fn mapped_register(
    m: &Mapping,
    commune: &str,
    opts: ReadOptions,
    report: &mut FileReport,
) -> Option<Vec<RegisterArea>> {
    // [register] holds real names: a code there would become an area nobody can find.
    if let Some(code) = m.register.keys().find(|a| looks_like_code(a)) {
        let kind = ProblemKind::RegisterCode { name: code.clone() };
        report.fatal(None, None, kind, None);
        return None;
    }
    if m.register.is_empty() {
        match opts.registers.get(commune) {
            Some(r) => Some(r.clone()),
            None => {
                report.fatal(None, None, ProblemKind::EmptyRegister, None);
                None
            }
        }
    } else {
        Some(
            m.register
                .iter()
                .map(|(a, h)| RegisterArea {
                    area: clean(a),
                    households: *h,
                    forms_issued: None,
                })
                .collect(),
        )
    }
}

/// The finder of the register's areas, with the mapping's [areas] codes; `None` when a code
/// names no area of the register (said).
fn area_finder<'a>(
    m: &Mapping,
    register: &'a [RegisterArea],
    report: &mut FileReport,
) -> Option<AreaFinder<'a>> {
    let names: Vec<&str> = register.iter().map(|a| a.area.as_str()).collect();
    let mut codes = HashMap::new();
    for (code, name) in &m.areas {
        match super::layout::find_area(&names, name) {
            Some(i) => {
                codes.insert(fold(code), i);
            }
            None => {
                let kind = ProblemKind::AreaCodeTarget {
                    choice: code.clone(),
                    register: names.iter().map(|n| n.to_string()).collect(),
                };
                report.fatal(None, None, kind, Some(name.clone()));
                return None;
            }
        }
    }
    Some(AreaFinder {
        names,
        codes,
        folded: BTreeMap::new(),
        seen: HashMap::new(),
    })
}

/// The mapping's answer values, folded as cells are compared, and as written for a problem.
struct AnswerValues {
    sat: Vec<String>,
    dis: Vec<String>,
    blank: Vec<String>,
    accepted: Vec<String>,
}

impl AnswerValues {
    /// The values of the mapping's `[values]`, folded once for every cell.
    fn of(values: &Values) -> AnswerValues {
        let norm = |v: &[String]| v.iter().map(|x| fold(x)).collect::<Vec<_>>();
        AnswerValues {
            sat: norm(&values.satisfied),
            dis: norm(&values.dissatisfied),
            blank: norm(&values.blank),
            accepted: values
                .satisfied
                .iter()
                .chain(&values.dissatisfied)
                .chain(&values.blank)
                .cloned()
                .collect(),
        }
    }
}

/// Version id → the version it replaces, over the whole sheet first: an export sorted newest
/// first lists an edit before the version it names.
fn replaced_versions(grid: &Grid, header: u32, cols: &Located) -> HashMap<String, String> {
    let mut replaces: HashMap<String, String> = HashMap::new();
    if let (Some(v), Some(d)) = (cols.version, cols.deprecated) {
        for r in header + 1..grid.end_row() {
            if let (Some(own), Some(old)) = (
                submission_key(&grid.text(r, v)),
                submission_key(&grid.text(r, d)),
            ) {
                replaces.insert(own, old);
            }
        }
    }
    replaces
}

/// An export being read: its sheet and columns, and what each row is read against.
struct Export<'a> {
    grid: &'a Grid,
    header: u32,
    cols: &'a Located,
    commune: &'a str,
    register: &'a [RegisterArea],
    values: AnswerValues,
    /// Version id → the version it replaces.
    replaces: HashMap<String, String>,
    opts: ReadOptions<'a>,
}

impl Export<'_> {
    /// Reads every row under the header that is not blank.
    fn read_rows(&self, areas: &mut AreaFinder, report: &mut FileReport) -> Vec<Read> {
        let mut rows: Vec<Read> = Vec::new();
        for r in self.header + 1..self.grid.end_row() {
            if self.grid.row_is_empty(r) {
                continue;
            }
            report.rows_read += 1;
            if let Some(row) = self.read_row(r, areas, report) {
                rows.push(row);
            }
        }
        rows
    }

    /// Reads row `r`: its ballot with its submission and review status, or `None` when it is
    /// rejected (said).
    fn read_row(&self, r: u32, areas: &mut AreaFinder, report: &mut FileReport) -> Option<Read> {
        let (grid, cols) = (self.grid, self.cols);
        let reject = |report: &mut FileReport, c: u32, kind: ProblemKind, v: Option<String>| {
            report.push(
                Severity::Error,
                Some(&grid.name),
                Some(cell_ref(r, c)),
                kind,
                v,
            );
            report.rejected += 1;
        };
        if let Some(c) = cols.commune {
            let w = grid.text(r, c);
            let resolved = self.opts.gazetteer.resolve(&w).map(|x| x.unit.name.clone());
            if resolved.ok().as_deref() != Some(self.commune) {
                reject(report, c, ProblemKind::OtherCommuneRow, Some(w));
                return None;
            }
        }
        let area = clean(&grid.text(r, cols.area));
        if is_total_label(&area) || area.is_empty() {
            reject(report, cols.area, ProblemKind::MissingArea, None);
            return None;
        }
        let Some(idx) = areas.find(&area) else {
            let kind = ProblemKind::UnknownAreaCode {
                register: areas.names.iter().map(|n| n.to_string()).collect(),
            };
            reject(report, cols.area, kind, Some(area));
            return None;
        };
        let answers = self.answers(r, report);
        let text_of = |c: Option<u32>| c.map(|c| clean(&grid.text(r, c))).filter(|s| !s.is_empty());
        Some(Read {
            id_cell: cols
                .stable
                .or(cols.version)
                .or(cols.deprecated)
                .map(|c| cell_ref(r, c)),
            review: cols
                .review
                .map(|c| (grid.text(r, c), cell_ref(r, c)))
                .filter(|(v, _)| !v.is_empty()),
            ballot: Ballot {
                area: self.register[idx].area.clone(),
                form_no: text_of(cols.form_no),
                answers,
                reason: text_of(cols.reason),
                other_opinion: text_of(cols.other),
                marked_invalid: None,
                provenance: Provenance {
                    sheet: grid.name.clone(),
                    row: r + 1,
                },
                submission: self.submission(r),
            },
        })
    }

    /// The answers of row `r`, by the mapping's values; a value it does not list is invalid
    /// and said.
    fn answers(&self, r: u32, report: &mut FileReport) -> Vec<Answer> {
        let (grid, v) = (self.grid, &self.values);
        let mut answers = Vec::with_capacity(self.cols.items.len());
        for (i, c) in self.cols.items.iter().enumerate() {
            let text = grid.text(r, *c);
            let f = fold(&text);
            answers.push(if f.is_empty() || v.blank.contains(&f) {
                Answer::Blank
            } else if v.sat.contains(&f) {
                Answer::Satisfied
            } else if v.dis.contains(&f) {
                Answer::Dissatisfied
            } else {
                let kind = ProblemKind::BadMappedAnswer {
                    item: i as u32 + 1,
                    accepted: v.accepted.clone(),
                };
                report.push(
                    Severity::Error,
                    Some(&grid.name),
                    Some(cell_ref(r, *c)),
                    kind,
                    Some(text),
                );
                Answer::Invalid
            });
        }
        answers
    }

    /// Row `r`'s submission: its identity across edits, time and revision, when it has a key.
    fn submission(&self, r: u32) -> Option<Submission> {
        let (grid, cols) = (self.grid, self.cols);
        let key_at = |c: Option<u32>| c.and_then(|c| submission_key(&grid.text(r, c)));
        let (stable, version, deprecated) = (
            key_at(cols.stable),
            key_at(cols.version),
            key_at(cols.deprecated),
        );
        let chained = version.or(deprecated.clone()).map(|own| match deprecated {
            // An edited version names the one it replaces: it takes the key of the first.
            Some(d) => chain_root(&self.replaces, d),
            None => (own, 0),
        });
        // A stable key is the identity even when the row names a deprecated version: the chain
        // then only counts the edits.
        let identity = match (stable, chained) {
            (Some(key), chained) => Some((key, chained.map_or(0, |c| c.1))),
            (None, chained) => chained,
        };
        identity.map(|(id, depth)| {
            let edits = cols
                .edits
                .and_then(|c| whole_number(grid.get(r, c)))
                .unwrap_or(0);
            Submission {
                id,
                submitted_at: cols.time.and_then(|c| iso_time(grid.get(r, c))),
                revision: edits.max(depth),
                counted: true,
            }
        })
    }
}

/// The review policy applied: a submission whose status the mapping excludes is kept with its
/// key but not counted (one without a key is dropped), one it warns of is counted; both said.
fn apply_review(
    rows: Vec<Read>,
    review: &Review,
    sheet: &str,
    report: &mut FileReport,
) -> Vec<Ballot> {
    let (exclude, warn) = (
        review
            .exclude
            .iter()
            .map(|s| status_key(s))
            .collect::<Vec<_>>(),
        review
            .warn
            .iter()
            .map(|s| status_key(s))
            .collect::<Vec<_>>(),
    );
    let mut ballots = Vec::new();
    for mut row in rows {
        if let Some((status, cell)) = &row.review {
            let k = status_key(status);
            if exclude.contains(&k) {
                report.push(
                    Severity::Warning,
                    Some(sheet),
                    Some(cell.clone()),
                    ProblemKind::ReviewExcluded,
                    Some(status.clone()),
                );
                report.not_counted += 1;
                // Kept with its key, uncounted: it supersedes an earlier export's version.
                match &mut row.ballot.submission {
                    Some(s) => s.counted = false,
                    None => continue,
                }
            } else if warn.contains(&k) {
                report.push(
                    Severity::Warning,
                    Some(sheet),
                    Some(cell.clone()),
                    ProblemKind::ReviewWarning,
                    Some(status.clone()),
                );
            }
        }
        ballots.push(row.ballot);
    }
    ballots
}

/// Areas with more counted forms than households are refused whole (said at the area's first
/// row): which of their rows are the wrong ones cannot be told.
fn refuse_overfull_areas(
    ballots: &mut Vec<Ballot>,
    register: &[RegisterArea],
    grid: &Grid,
    area_col: u32,
    report: &mut FileReport,
) {
    let mut per_area: HashMap<&str, u32> = HashMap::new();
    for b in ballots.iter().filter(|b| b.counted()) {
        *per_area.entry(b.area.as_str()).or_default() += 1;
    }
    let mut refused: Vec<String> = Vec::new();
    for a in register {
        let n = per_area.get(a.area.as_str()).copied().unwrap_or(0);
        if n > a.households {
            let kind = ProblemKind::TooManyBallots {
                area: a.area.clone(),
                ballots: n,
                households: a.households,
            };
            let first = ballots
                .iter()
                .find(|b| b.area == a.area)
                .map(|b| b.provenance.row);
            report.push(
                Severity::Error,
                Some(&grid.name),
                first.map(|r| cell_ref(r - 1, area_col)),
                kind,
                Some(a.households.to_string()),
            );
            refused.push(a.area.clone());
        }
    }
    if !refused.is_empty() {
        let before = ballots.iter().filter(|b| b.counted()).count();
        ballots.retain(|b| !refused.contains(&b.area));
        report.rejected += (before - ballots.iter().filter(|b| b.counted()).count()) as u32;
        // Uncounted rows of a refused area are rejected too.
        let gone = report.not_counted;
        report.not_counted = ballots.iter().filter(|b| !b.counted()).count() as u32;
        report.rejected += gone - report.not_counted;
    }
}

/// The first version of the chain that `deprecated` starts (following what each version
/// replaces), and how many edits lead from it to the row naming `deprecated`. A cycle (a
/// corrupt export) stops the walk once every link has been taken.
fn chain_root(replaces: &HashMap<String, String>, deprecated: String) -> (String, u32) {
    let (mut root, mut depth) = (deprecated, 1u32);
    while let Some(older) = replaces.get(&root) {
        if depth as usize > replaces.len() {
            break;
        }
        root = older.clone();
        depth += 1;
    }
    (root, depth)
}

/// Keeps the latest version of each submission key (most edits, then latest time, then the
/// later row); every other version is a duplicate, reported at its key's cell.
fn latest_versions(rows: Vec<Read>, sheet: &str, report: &mut FileReport) -> Vec<Read> {
    let rank = |r: &Read| {
        let s = r.ballot.submission.as_ref();
        (
            s.map(|s| s.revision).unwrap_or(0),
            s.and_then(|s| s.submitted_at.clone()),
            r.ballot.provenance.row,
        )
    };
    let mut best: HashMap<String, usize> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        if let Some(s) = &r.ballot.submission {
            let e = best.entry(s.id.clone()).or_insert(i);
            if rank(r) > rank(&rows[*e]) {
                *e = i;
            }
        }
    }
    let kept_row = |r: &Read| {
        r.ballot
            .submission
            .as_ref()
            .and_then(|s| best.get(&s.id))
            .copied()
    };
    let mut out = Vec::with_capacity(rows.len());
    let winners: Vec<Option<usize>> = rows.iter().map(kept_row).collect();
    let kept_rows: Vec<u32> = winners
        .iter()
        .map(|w| w.map(|k| rows[k].ballot.provenance.row).unwrap_or(0))
        .collect();
    for (i, r) in rows.into_iter().enumerate() {
        match winners[i] {
            Some(k) if k != i => {
                let id = r.ballot.submission.as_ref().map(|s| s.id.clone());
                report.push(
                    Severity::Warning,
                    Some(sheet),
                    r.id_cell.clone(),
                    ProblemKind::DuplicateSubmission {
                        kept_row: kept_rows[i],
                    },
                    id,
                );
                report.duplicates += 1;
            }
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::Data;

    #[test]
    fn submission_times_as_iso() {
        let t = |d: Data| iso_time(&d);
        assert_eq!(
            t(Data::String("2025-10-03T08:15:22.123Z".into())).as_deref(),
            Some("2025-10-03T08:15:22.123")
        );
        assert_eq!(
            t(Data::String("2025-10-03 08:15:22".into())).as_deref(),
            Some("2025-10-03T08:15:22")
        );
        // 45933.5 is 2025-10-03 12:00 in Excel's calendar.
        assert_eq!(
            t(Data::Float(45_933.5)).as_deref(),
            Some("2025-10-03T12:00:00")
        );
        assert_eq!(t(Data::String("03/10/2025 08:15".into())), None);
        assert_eq!(t(Data::Empty), None);
    }

    #[test]
    fn keys_statuses_and_codes() {
        assert_eq!(submission_key(" uuid:AB-12 ").as_deref(), Some("ab-12"));
        assert_eq!(submission_key(""), None);
        assert_eq!(
            status_key("validation_status_on_hold"),
            status_key("On hold")
        );
        assert_eq!(status_key("hasIssues"), status_key("has_issues"));
        assert!(looks_like_code("ban_na_san"));
        assert!(looks_like_code("nasan"));
        assert!(!looks_like_code("Bản Nà Sản"));
        assert!(!looks_like_code("tiểu khu 1"));
    }

    #[test]
    fn chains_resolve_in_any_order_and_stop_on_a_cycle() {
        let m = |pairs: &[(&str, &str)]| -> HashMap<String, String> {
            pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        let replaces = m(&[("x3", "x2"), ("x2", "x1")]);
        assert_eq!(chain_root(&replaces, "x2".into()), ("x1".into(), 2));
        assert_eq!(chain_root(&replaces, "x1".into()), ("x1".into(), 1));
        let cycle = m(&[("a", "b"), ("b", "a")]);
        assert!(chain_root(&cycle, "a".into()).1 <= 3);
    }

    #[test]
    fn stable_keys_come_before_version_keys() {
        assert!(is_version_key("_uuid"));
        assert!(is_version_key("meta/instanceID"));
        assert!(is_version_key("meta-instanceID"));
        assert!(!is_version_key("_id"));
        assert!(!is_version_key("meta/rootUuid"));
        assert!(!is_version_key("ma_ho_so"));
    }

    #[test]
    fn inexact_matches_are_said_per_prefix() {
        let m = |k: &str, n: &str, u: &str| (k.to_string(), n.to_string(), u.to_string());
        let matched = [
            m("mapping.area_column", "thon_ban", "grp-thon_ban"),
            m("items.1", "cau_1", "q/cau_1"),
            m("items.2", "cau_2", "q/cau_2"),
            m("items.3", "cau_3", "q/cau_3"),
            m("items.5", "cau_5", "q/cau_5"),
        ];
        assert_eq!(
            by_prefix(&matched),
            [
                "\"grp-\": mapping.area_column",
                "\"q/\": items.1–3, items.5"
            ]
        );
    }
}
