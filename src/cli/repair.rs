//! `hailong repair`: brings an inconsistent workspace back to the last consistent state it can
//! prove, and says what it dropped. An import does the same on its way; this command is for a
//! workspace that `score` or `export` refuses.

use super::{emit, fail};
use crate::i18n::{Lang, pick};
use crate::store::{Wait, Workspace};
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
    if !data.join(crate::store::MANIFEST).exists()
        && !data.join(crate::store::MANIFEST_PREV).exists()
    {
        anyhow::bail!(pick(
            lang,
            format!(
                "{} không phải thư mục dữ liệu của hailong (không có manifest.json). Kiểm tra --data",
                data.display()
            ),
            format!(
                "{} is not a hailong workspace (no manifest.json). Check --data",
                data.display()
            )
        ));
    }
    let mut ws = Workspace::open(data).map_err(|e| fail(e, lang))?;
    let wait = if a.no_wait {
        Wait::No
    } else {
        Wait::Block(&|| super::wait_notice(data, lang))
    };
    let guard = ws.lock_writer(wait).map_err(|e| fail(e, lang))?;
    let r = ws.reload(&guard, true).map_err(|e| fail(e, lang))?;
    drop(guard);
    if a.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&r)?))?;
        return Ok(0);
    }
    let out = super::repair_text(&r, lang, false);
    emit(&out)?;
    Ok(0)
}
