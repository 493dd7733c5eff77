//! `hailong demo`: imports the bundled sample workbooks of three Sơn La communes into a fresh
//! temporary workspace and prints their scores. Needs no network and no setup.

use super::present::summary_text;
use super::{emit, fail, library};
use crate::app::export::{CommuneExport, export_commune, export_province};
use crate::app::import::{Request, import_files};
use crate::app::score::{Selection, open};
use crate::i18n::{CliText as C, Lang, pick};
use crate::score::render;
use std::path::PathBuf;

/// The sample workbooks, embedded at build time (made by `hailong gen --samples samples`).
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

/// Arguments of `demo`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the demo's workspace and reports (default: a new temporary directory).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Runs `demo`.
pub fn run(a: Args, lang: Lang) -> anyhow::Result<u8> {
    let lib = library(lang)?;
    let out = match a.out {
        Some(p) => p,
        None => tempfile::Builder::new()
            .prefix("hailong-demo-")
            .tempdir()?
            .keep(),
    };
    let inputs = out.join("du-lieu-mau");
    let data = out.join("hailong-data");
    let reports = out.join("ket-qua");
    for d in [&inputs, &reports] {
        std::fs::create_dir_all(d)?;
    }
    let mut files = Vec::new();
    for (name, bytes) in SAMPLE_FILES {
        let p = inputs.join(name);
        std::fs::write(&p, bytes)?;
        files.push(p);
    }
    emit(&format!("{}\n\n", C::DemoBanner.text(lang)))?;
    let req = Request {
        data: &data,
        files: &files,
        lib: &lib,
        commune: None,
        form: None,
        mapping: None,
        store: true,
        accept_partial: false,
        progress: false,
        round: "",
        no_wait: false,
        on_wait: &|| {},
        names: None,
    };
    let summary = import_files(&req).map_err(|e| fail(e, lang))?;
    emit(&summary_text(&summary, lang))?;
    let scope = open(&Selection {
        data: &data,
        commune: None,
        form: None,
        round: None,
        rules: None,
    })
    .map_err(|e| fail(e, lang))?;
    let mut communes: Vec<String> = scope
        .ws
        .manifest()
        .sources
        .iter()
        .map(|s| s.commune.clone())
        .collect();
    communes.dedup();
    for c in &communes {
        let out = {
            let stem = crate::text::fold_place(c).replace(' ', "-");
            (
                reports.join(&stem),
                reports.join(format!("ho-so-{stem}.xlsx")),
            )
        };
        let e = CommuneExport {
            ws: &scope.ws,
            data: &data,
            lib: &scope.lib,
            commune: c,
            form: None,
            include_ids: false,
            out: &out.1,
        };
        let s = export_commune(&e).map_err(|e| fail(e, lang))?;
        let text = render::text(&s, lang);
        emit(&format!("\n{}\n{text}\n", "=".repeat(100)))?;
        std::fs::write(out.0.with_extension("txt"), &text)?;
        std::fs::write(
            out.0.with_extension("json"),
            serde_json::to_string_pretty(&s)?,
        )?;
    }
    export_province(&scope, &data, &reports.join("tong-hop-toan-tinh.xlsx"))
        .map_err(|e| fail(e, lang))?;
    // Which commune could file its dossier today, and what the others still lack.
    let all = scope.all_scores(false).map_err(|e| fail(e, lang))?;
    emit(&format!("\n{}\n", C::DemoReadyHeading.text(lang)))?;
    for s in &all {
        if let Some(r) = &s.readiness {
            let (vi, en) = r.short_text();
            emit(&format!("  {}: {}\n", s.commune, pick(lang, vi, en)))?;
        }
    }
    emit(&format!(
        "\n{}\n",
        C::DemoWrote.say(
            lang,
            &[
                ("inputs", &inputs.display()),
                ("data", &data.display()),
                ("reports", &reports.display()),
            ],
        )
    ))?;
    Ok(summary.exit_code)
}
