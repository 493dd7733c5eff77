//! `hailong ballot`: parses the arguments, calls [`crate::app::ballot`], saves the PDF and the
//! layout JSON, records the print run in the workspace and says what it wrote.

use super::{emit, fail};
use crate::i18n::{BallotText as T, Lang};
use std::path::{Path, PathBuf};

/// Arguments of `ballot`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Mẫu phiếu (xa-ntm, xa-ntm-nang-cao, xa-ntm-kieu-mau, xa-ntm-2026-2030).
    #[arg(long, default_value = "xa-ntm")]
    pub form: String,
    /// Tên xã.
    #[arg(long)]
    pub commune: String,
    /// Khu dân cư và số phiếu phát ra, dạng "Bản Mòng=120" (lặp lại được).
    #[arg(long = "area", value_name = "TÊN=SỐ_PHIẾU", required = true)]
    pub areas: Vec<String>,
    /// Đợt khảo sát (ví dụ 2025-10).
    #[arg(long, default_value = "")]
    pub round: String,
    /// Tệp PDF cần ghi.
    #[arg(long)]
    pub out: PathBuf,
    /// Tệp JSON bố cục ô đánh dấu cần ghi.
    #[arg(long)]
    pub layout: PathBuf,
    /// Thay đợt in đã ghi nhận với các khu dân cư khác.
    #[arg(long)]
    pub replace: bool,
}

/// Runs `ballot`.
pub fn run(a: Args, data: &Path, lang: Lang) -> anyhow::Result<u8> {
    let printed = crate::app::ballot::build(&crate::app::ballot::Request {
        data,
        form: &a.form,
        commune: &a.commune,
        areas: &a.areas,
        round: &a.round,
    })
    .map_err(|e| fail(e, lang))?;
    // The record first: a print run that conflicts with one recorded writes no PDF to hand out.
    crate::app::ballot::record(data, &printed.issue, a.replace).map_err(|e| fail(e, lang))?;
    crate::app::output::save(&a.out, &printed.pdf).map_err(|e| fail(e, lang))?;
    crate::app::output::save(&a.layout, &printed.layout_json).map_err(|e| fail(e, lang))?;
    let issue = &printed.issue;
    let mut text = T::Wrote.say(
        lang,
        &[
            ("pages", &printed.pages),
            ("areas", &issue.areas.len()),
            ("commune", &issue.commune),
            ("form", &issue.form),
            ("pdf", &a.out.display()),
            ("layout", &a.layout.display()),
        ],
    );
    text.push('\n');
    text.push_str(&T::Recorded.say(lang, &[("data", &data.display())]));
    text.push('\n');
    if printed.unverified {
        text.push_str(&T::Unverified.fill(lang, &[("form", &issue.form)]));
        text.push('\n');
    }
    emit(&text)?;
    Ok(0)
}
