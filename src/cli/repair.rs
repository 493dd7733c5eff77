//! `hailong repair`: calls [`crate::app::repair`] and says what it dropped. An import repairs on
//! its way too; this command is for a workspace that `score` or `export` refuses.

use super::{emit, fail};
use crate::i18n::Lang;
use std::path::Path;

/// Arguments of `repair`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Không chờ khi một lần nhập khác đang ghi vào thư mục dữ liệu.
    #[arg(long)]
    pub no_wait: bool,
    /// In kết quả dạng JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `repair`.
pub fn run(a: Args, data: &Path, lang: Lang) -> anyhow::Result<u8> {
    let on_wait = || super::present::wait_notice(data, lang);
    let r = crate::app::repair::repair(data, a.no_wait, &on_wait).map_err(|e| fail(e, lang))?;
    if a.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&r)?))?;
        return Ok(0);
    }
    let out = super::present::repair_text(&r, lang, false);
    emit(&out)?;
    Ok(0)
}
