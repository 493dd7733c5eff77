//! `hailong demo`: runs [`crate::app::demo`] and says what it did, commune by commune.

use super::present::summary_text;
use super::{emit, fail};
use crate::app::demo::{DemoRequest, demo};
use crate::i18n::{CliText as C, Lang, pick};
use crate::score::render;
use std::path::PathBuf;

/// Arguments of `demo`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the demo's workspace and reports (default: a new temporary directory).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Runs `demo`.
pub fn run(a: Args, lang: Lang) -> anyhow::Result<u8> {
    // The province's name is a name, with its diacritics in English too.
    emit(&format!(
        "{}\n\n",
        C::DemoBanner.fill(lang, &[("province", "Sơn La")])
    ))?;
    // A closed pipe stops the printing, never the demo's files.
    let say = |text: &str| {
        let _ = emit(text);
    };
    let d = demo(&DemoRequest {
        out: a.out.as_deref(),
        lang,
        on_import: &|summary| say(&summary_text(summary, lang, false)),
        on_photos: &|p| {
            say(&format!(
                "\n{}\n",
                C::DemoPhotos.say(
                    lang,
                    &[
                        ("printed", &p.printed),
                        ("commune", &p.commune),
                        ("folder", &p.folder.display()),
                        ("read", &p.read),
                        ("typed", &p.typed),
                        ("automatic", &p.automatic),
                        ("reviewed", &p.reviewed),
                    ],
                )
            ));
        },
        on_commune: &|s| {
            say(&format!(
                "\n{}\n{}\n",
                "=".repeat(100),
                render::text(s, lang)
            ));
        },
    })
    .map_err(|e| fail(e, lang))?;
    // Which commune could file its dossier today, and what the others still lack.
    emit(&format!("\n{}\n", C::DemoReadyHeading.text(lang)))?;
    for s in &d.all {
        if let Some(r) = &s.readiness {
            let (vi, en) = r.short_text();
            emit(&format!("  {}: {}\n", s.commune, pick(lang, vi, en)))?;
        }
    }
    let files: Vec<String> = d
        .pack_reports
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    emit(&format!(
        "\n{}\n",
        C::DemoPacks.say(
            lang,
            &[
                ("pack", &crate::app::demo::DEMO_PACK),
                ("inputs", &d.pack_inputs.display()),
                ("files", &files.join(", ")),
                ("data", &d.data.display()),
            ],
        )
    ))?;
    emit(&format!(
        "\n{}\n",
        C::DemoWrote.say(
            lang,
            &[
                ("inputs", &d.inputs.display()),
                ("data", &d.data.display()),
                ("reports", &d.reports.display()),
            ],
        )
    ))?;
    Ok(d.exit_code)
}
