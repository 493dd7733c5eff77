//! `hailong export`: parses the selection, calls [`crate::app::export`] for the commune's dossier
//! appendices or the province synthesis (`--all`), and says where it wrote them.

use super::{emit, fail};
use crate::app::export::{commune_dossier, province_dossier};
use crate::app::output::save;
use crate::app::score::open;
use crate::i18n::{CliText as C, Lang, ReportText};
use std::path::{Path, PathBuf};

/// Arguments of `export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Xã (hoặc --all: tổng hợp toàn tỉnh), đợt, quy tắc.
    #[command(flatten)]
    pub sel: super::Selection,
    /// Ghi kèm số thứ tự phiếu (định danh hộ) ở các sheet lý do và ý kiến.
    #[arg(long)]
    pub include_names: bool,
    /// Tệp Excel cần ghi.
    #[arg(long)]
    pub out: PathBuf,
}

/// Runs `export`.
pub fn run(a: Args, data: &Path, lang: Lang) -> anyhow::Result<u8> {
    let scope = open(&a.sel.resolve(data)).map_err(|e| fail(e, lang))?;
    if a.sel.all {
        let built = province_dossier(&scope, data).map_err(|e| fail(e, lang))?;
        save(&a.out, &built.bytes).map_err(|e| fail(e, lang))?;
        let all = built.of;
        emit(&format!(
            "{}\n",
            C::WroteSynthesis.say(lang, &[("count", &all.len()), ("path", &a.out.display())])
        ))?;
        return Ok(0);
    }
    let built = match commune_dossier(&scope, data, a.include_names) {
        Ok(b) => b,
        // Not unusable input: the commune's own photographed ballots wait for a person.
        Err(e @ crate::app::AppError::ReviewPending { .. }) => {
            let text = crate::i18n::Localized::message(&e, lang);
            let _ = std::io::Write::write_fmt(&mut std::io::stderr(), format_args!("{text}\n"));
            return Ok(1);
        }
        Err(e) => return Err(fail(e, lang)),
    };
    save(&a.out, &built.bytes).map_err(|e| fail(e, lang))?;
    let s = built.of;
    emit(&format!(
        "{}\n",
        C::WroteDossier.say(
            lang,
            &[
                ("commune", &s.commune),
                ("verdict", &ReportText::verdict(s.verdict.passed).text(lang)),
                ("path", &a.out.display()),
            ],
        )
    ))?;
    Ok(0)
}
