//! `demo`: imports the bundled sample workbooks of three Sơn La communes into a fresh
//! workspace, scores and exports each, and writes the province synthesis; then fills sample
//! answers to the pilot survey pack on scales for two communes (generated here, the same on
//! every run), imports them and writes their index reports. Needs no network and no setup.
//! The front-end only says what happened.

use super::AppError;
use super::export::{commune_dossier, province_dossier};
use super::import::{ImportSummary, Input, Request, import_files};
use super::output::save;
use super::score::{Selection, open};
use crate::i18n::Lang;
use crate::score::CommuneScore;
use std::path::{Path, PathBuf};

/// The sample workbooks, embedded at build time (made by `hailong-dev gen --samples samples`).
const SAMPLE_FILES: &[(&str, &[u8])] = &[
    (
        "chieng-mung.xlsx",
        include_bytes!("../../samples/chieng-mung.xlsx"),
    ),
    (
        "muong-bu.xlsx",
        include_bytes!("../../samples/muong-bu.xlsx"),
    ),
    ("ta-xua.xlsx", include_bytes!("../../samples/ta-xua.xlsx")),
    (
        "chieng-mung-tu-danh-gia.xlsx",
        include_bytes!("../../samples/chieng-mung-tu-danh-gia.xlsx"),
    ),
    (
        "muong-bu-tu-danh-gia.xlsx",
        include_bytes!("../../samples/muong-bu-tu-danh-gia.xlsx"),
    ),
];

/// What `demo` is asked.
pub struct DemoRequest<'a> {
    /// Where to write the workspace and reports (`None`: a new temporary directory, kept).
    pub out: Option<&'a Path>,
    /// The language of the written reports.
    pub lang: Lang,
    /// Told each commune's score as soon as its reports are written.
    pub on_commune: &'a dyn Fn(&CommuneScore),
    /// Told the import summary before the communes are scored.
    pub on_import: &'a dyn Fn(&ImportSummary),
    /// Told what the paper-ballot step did (printed, photographed, read, reviewed).
    pub on_photos: &'a dyn Fn(&PhotoDemo),
}

/// The paper-ballot step of the demo (issue 25): ballots printed for one area of a fourth
/// commune, marked and photographed synthetically, read back, the review queue decided from the
/// marks known to have been drawn.
#[derive(Debug, Clone)]
pub struct PhotoDemo {
    /// The commune.
    pub commune: String,
    /// Ballots printed (= photographed).
    pub printed: u32,
    /// Ballots read from the photos.
    pub read: u32,
    /// Items the reader left to a person, decided by the demo from the known marks.
    pub reviewed: u32,
    /// Pages whose QR code did not read, identified by the demo typing their printed id.
    pub typed: u32,
    /// Items the reader decided alone.
    pub automatic: u32,
    /// Where the PDF, the layout and the photos are.
    pub folder: PathBuf,
}

/// What `demo` wrote.
pub struct Demo {
    /// The sample workbooks.
    pub inputs: PathBuf,
    /// The workspace.
    pub data: PathBuf,
    /// The reports (txt, json, each commune's dossier, the province synthesis).
    pub reports: PathBuf,
    /// Every commune's score, failing and closest first.
    pub all: Vec<CommuneScore>,
    /// The sample answers to the pilot survey pack.
    pub pack_inputs: PathBuf,
    /// The pack's index reports written (each commune's, then the province's).
    pub pack_reports: Vec<PathBuf>,
    /// The import's exit code.
    pub exit_code: u8,
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> AppError + '_ {
    move |e| AppError::Write {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

/// Runs the demo.
pub fn demo(req: &DemoRequest) -> Result<Demo, AppError> {
    let out = match req.out {
        Some(p) => p.to_path_buf(),
        None => tempfile::Builder::new()
            .prefix("hailong-demo-")
            .tempdir()
            .map_err(io(&std::env::temp_dir()))?
            .keep(),
    };
    let inputs = out.join("du-lieu-mau");
    let data = out.join("hailong-data");
    let reports = out.join("ket-qua");
    for d in [&inputs, &reports] {
        std::fs::create_dir_all(d).map_err(io(d))?;
    }
    let mut files = Vec::new();
    for (name, bytes) in SAMPLE_FILES {
        let p = inputs.join(name);
        std::fs::write(&p, bytes).map_err(io(&p))?;
        files.push(Input::Path(p));
    }
    let summary = import_all(&data, &files)?;
    (req.on_import)(&summary);
    // Beside the sample workbooks, not among them: a folder of workbooks imported elsewhere
    // must not bring photos of ballots printed for this workspace.
    let photos = photographed(&data, &out.join("anh-phieu"))?;
    (req.on_photos)(&photos);
    let everyone = Selection {
        data: &data,
        commune: None,
        form: None,
        round: None,
        rules: None,
    };
    let mut communes: Vec<String> = open(&everyone)?
        .workspace()
        .manifest()
        .sources
        .iter()
        .map(|s| s.commune.clone())
        .collect();
    communes.dedup();
    for c in &communes {
        let scope = open(&Selection {
            commune: Some(c),
            ..everyone
        })?;
        let stem = reports.join(crate::text::fold_place(c).replace(' ', "-"));
        let built = commune_dossier(&scope, &data, false)?;
        let name = format!(
            "ho-so-{}.xlsx",
            stem.file_name().unwrap_or_default().display()
        );
        save(&reports.join(name), &built.bytes)?;
        let s = built.of;
        let text = crate::score::render::text(&s, req.lang);
        save(&stem.with_extension("txt"), text.as_bytes())?;
        let json = serde_json::to_string_pretty(&s).unwrap_or_default();
        save(&stem.with_extension("json"), json.as_bytes())?;
        (req.on_commune)(&s);
    }
    let scope = open(&everyone)?;
    let province = province_dossier(&scope, &data)?;
    save(&reports.join("tong-hop-toan-tinh.xlsx"), &province.bytes)?;
    let pack_inputs = out.join("khao-sat-thang-do");
    let (pack_reports, pack_exit) = pack_demo(&pack_inputs, &data, &reports)?;
    Ok(Demo {
        inputs,
        data,
        reports,
        all: province.of,
        pack_inputs,
        pack_reports,
        exit_code: summary.exit_code.max(pack_exit),
    })
}

/// Imports the demo's files into its workspace, as `hailong import` would with no option.
fn import_all(data: &Path, inputs: &[Input]) -> Result<ImportSummary, AppError> {
    import_files(&Request {
        data,
        inputs,
        rules: None,
        commune: None,
        form: None,
        mapping: None,
        store: true,
        accept_partial: false,
        progress: false,
        round: "",
        no_wait: false,
        on_wait: &|| {},
        only_commune: None,
        imported_by: None,
        typed_id: None,
    })
}

/// The commune, area and number of ballots of the paper-ballot step: a commune the sample
/// workbooks do not cover, so that its figures come from the photos alone.
const PHOTO_COMMUNE: &str = "Mường La";
const PHOTO_AREA: &str = "Bản Nà Tòng";
const PHOTO_BALLOTS: u32 = 6;

/// Prints, photographs, reads and reviews the paper ballots of one area.
fn photographed(data: &Path, folder: &Path) -> Result<PhotoDemo, AppError> {
    let folder = folder.to_path_buf();
    std::fs::create_dir_all(&folder).map_err(io(&folder))?;
    let areas = [format!("{PHOTO_AREA}={PHOTO_BALLOTS}")];
    let printed = super::ballot::build(&super::ballot::Request {
        data,
        form: "xa-ntm",
        commune: PHOTO_COMMUNE,
        areas: &areas,
        round: "",
    })?;
    super::ballot::record(data, &printed.issue, true)?;
    save(&folder.join("phieu.pdf"), &printed.pdf)?;
    save(&folder.join("phieu.json"), &printed.layout_json)?;
    let lib = super::score::library_for(data, None)?;
    let form = lib.form("xa-ntm").ok_or_else(|| AppError::UnknownForm {
        form: "xa-ntm".into(),
        known: lib.forms.keys().cloned().collect(),
    })?;
    let mut truth = std::collections::HashMap::new();
    let mut ids = std::collections::HashMap::new();
    let mut photos = Vec::new();
    for serial in 1..=PHOTO_BALLOTS {
        let id = crate::ballot::id::BallotId {
            form: form.id().to_string(),
            commune_code: printed.issue.commune_code.clone(),
            area_no: 1,
            serial,
            round: String::new(),
        };
        // 2.400 px: a phone photo sent as a file, small enough for the demo to stay quick.
        let Some((jpeg, items)) =
            crate::ingest::photos::synthetic_photo(form, &id, PHOTO_AREA, 2400, u64::from(serial))
        else {
            continue;
        };
        let path = folder.join(format!("IMG_{serial:04}.jpg"));
        save(&path, &jpeg)?;
        ids.insert(format!("IMG_{serial:04}.jpg"), id.encode());
        photos.push(Input::Path(path));
        for (item, t) in items {
            truth.insert((id.encode(), item), t);
        }
    }
    let summary = import_all(data, &photos)?;
    // The person at the review page, played from what was drawn: the id typed for a page the
    // reader could not identify (then its own doubtful items join the queue), each doubtful
    // item decided from its mark.
    use crate::ingest::omr::sim::Truth;
    use crate::store::review::Verdict;
    let decide = super::review::DecideRequest {
        data,
        asked: &[],
        by: Some("demo"),
        only_commune: None,
        no_wait: false,
        on_wait: &|| {},
    };
    let (mut reviewed, mut typed) = (0u32, 0u32);
    for _ in 0..2 {
        let queue = super::review::list(&super::review::ListRequest {
            data,
            commune: Some(PHOTO_COMMUNE),
            only_commune: None,
            write_images: false,
        })?;
        for p in queue.iter().filter(|p| p.item.is_none()) {
            let Some(id) = ids.get(&p.file) else { continue };
            let t = super::review::Typed {
                file: p.file.clone(),
                page: p.page,
                id: id.clone(),
            };
            if super::review::identify(&decide, &t)?.accepted == 1 {
                typed += 1;
            }
        }
        let asked: Vec<super::review::Asked> = queue
            .iter()
            .filter_map(|p| {
                let (id, item) = (p.id.clone()?, p.item?);
                let verdict = match truth.get(&(id.clone(), item))? {
                    Truth::Satisfied => Verdict::Satisfied,
                    Truth::Dissatisfied => Verdict::Dissatisfied,
                    Truth::Blank => Verdict::Blank,
                    Truth::Invalid => Verdict::Invalid,
                };
                Some(super::review::Asked { id, item, verdict })
            })
            .collect();
        if !asked.is_empty() {
            super::review::decide(&super::review::DecideRequest {
                asked: &asked,
                ..decide
            })?;
            reviewed += asked.len() as u32;
        }
    }
    let read = summary.accepted + typed;
    let items = read * form.item_count() as u32;
    Ok(PhotoDemo {
        commune: printed.issue.commune,
        printed: PHOTO_BALLOTS,
        read,
        typed,
        reviewed,
        automatic: items.saturating_sub(reviewed),
        folder,
    })
}

/// The pilot survey pack the demo runs.
pub const DEMO_PACK: &str = "niem-tin-thu-nghiem";

/// The demo's units of the pack: commune, file stem, areas, respondents, and whether its
/// answers carry weights (one does, to show the weighted estimates beside the official ones).
const PACK_UNITS: &[(&str, &str, &[&str], u32, bool)] = &[
    (
        "Chiềng Mung",
        "chieng-mung",
        &["Bản Mung", "Bản Nà Sản"],
        48,
        false,
    ),
    (
        "Mường Bú",
        "muong-bu",
        &["Bản Bú", "Bản Lọng Luông"],
        56,
        true,
    ),
];

/// A small deterministic generator (Knuth's MMIX LCG): the sample answers are the same on
/// every run, so the demo's figures can be quoted.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below.max(1)
    }
}

/// Sample answers of `n` respondents: about 2,5 % missing codes and 1 % blanks, the points of a
/// labelled scale drawn leaning to satisfied (less so for `seed` 1), a 0–10 answer as the sum
/// of two draws of 0–5.
fn sample_rows(
    pack: &crate::rules::survey::SurveyPack,
    seed: u64,
    n: u32,
    areas: &[&str],
    weighted: bool,
) -> Vec<crate::template::pack::FilledRow> {
    let mut g = Lcg(seed.wrapping_add(0x5eed));
    (0..n)
        .map(|r| {
            let a = r as usize % areas.len().max(1);
            let codes = pack
                .items
                .iter()
                .map(|it| {
                    let sc = &pack.scales[it.scale];
                    let u = g.next(1000);
                    if u < 25 {
                        return sc.missing.first().map(|p| p.code);
                    }
                    if u < 35 {
                        return None;
                    }
                    if sc.points.is_empty() {
                        let half = ((sc.max - sc.min) / 2 + 1) as u64;
                        let x = sc.min + (g.next(half) + g.next(half)) as i64;
                        return Some(x.min(sc.max));
                    }
                    let lean = 6 - 2 * seed.min(2);
                    let w: Vec<u64> = (0..sc.points.len() as u64)
                        .map(|k| 10 + k * k * lean)
                        .collect();
                    let mut pick = g.next(w.iter().sum());
                    let k = w
                        .iter()
                        .position(|x| {
                            if pick < *x {
                                true
                            } else {
                                pick -= x;
                                false
                            }
                        })
                        .unwrap_or(0);
                    Some(sc.points[k].code)
                })
                .collect();
            crate::template::pack::FilledRow {
                area: areas.get(a).copied().unwrap_or("").to_string(),
                codes,
                weight: weighted.then(|| if a == 0 { "1,2" } else { "0,8" }.to_string()),
            }
        })
        .collect()
}

/// Writes the sample answers to the pilot pack, imports them, and writes each commune's index
/// report and the province's. Returns the reports and the import's exit code.
fn pack_demo(inputs: &Path, data: &Path, reports: &Path) -> Result<(Vec<PathBuf>, u8), AppError> {
    use super::pack::{ImportRequest, IndexRequest, PackChoice, import, load, report};
    std::fs::create_dir_all(inputs).map_err(io(inputs))?;
    let choice = PackChoice::Id(DEMO_PACK);
    let pack = load(choice)?;
    let mut files = Vec::new();
    for (seed, (commune, stem, areas, n, weighted)) in PACK_UNITS.iter().enumerate() {
        let names: Vec<String> = areas.iter().map(|a| a.to_string()).collect();
        let t = crate::template::pack::PackTemplate {
            pack: &pack,
            commune,
            areas: &names,
            rows: *n,
        };
        let rows = sample_rows(&pack, seed as u64, *n, areas, *weighted);
        let p = inputs.join(format!("niem-tin-{stem}.xlsx"));
        save(
            &p,
            &super::output::bytes(crate::template::pack::filled(&t, &rows))?,
        )?;
        files.push(p);
    }
    let summary = import(&ImportRequest {
        data,
        pack: choice,
        files: &files,
        commune: None,
        mapping: None,
        round: "",
        store: true,
        no_wait: false,
        on_wait: &|| {},
    })?;
    let mut written = Vec::new();
    let units: Vec<(Option<&str>, String)> = PACK_UNITS
        .iter()
        .map(|(c, stem, ..)| (Some(*c), format!("chi-so-niem-tin-{stem}.xlsx")))
        .chain([(None, "chi-so-niem-tin-toan-tinh.xlsx".to_string())])
        .collect();
    for (commune, name) in units {
        let built = report(&IndexRequest {
            data,
            pack: choice,
            commune,
            round: None,
            population: &[],
        })?;
        let p = reports.join(name);
        save(&p, &built.bytes)?;
        written.push(p);
    }
    Ok((written, summary.exit_code))
}
