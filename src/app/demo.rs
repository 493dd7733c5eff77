//! `demo`: imports the bundled sample workbooks of three Sơn La communes into a fresh
//! workspace, scores and exports each, and writes the province synthesis. Needs no network and
//! no setup. The front-end only says what happened.

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
    let summary = import_files(&Request {
        data: &data,
        inputs: &files,
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
    })?;
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
    Ok(Demo {
        inputs,
        data,
        reports,
        all: province.of,
        exit_code: summary.exit_code,
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
        photos.push(Input::Path(path));
        for (item, t) in items {
            truth.insert((id.encode(), item), t);
        }
    }
    let summary = import_files(&Request {
        data,
        inputs: &photos,
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
    })?;
    let queue = super::review::list(&super::review::ListRequest {
        data,
        commune: Some(PHOTO_COMMUNE),
        only_commune: None,
        write_images: false,
    })?;
    use crate::ingest::omr::sim::Truth;
    use crate::store::review::Verdict;
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
            data,
            asked: &asked,
            by: Some("demo"),
            only_commune: None,
            no_wait: false,
            on_wait: &|| {},
        })?;
    }
    let read = summary.accepted;
    let items = read * form.item_count() as u32;
    Ok(PhotoDemo {
        commune: printed.issue.commune,
        printed: PHOTO_BALLOTS,
        read,
        reviewed: asked.len() as u32,
        automatic: items.saturating_sub(asked.len() as u32),
        folder,
    })
}
