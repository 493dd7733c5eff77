//! `hailong template`: parses the arguments, calls [`crate::app::template`], says what it wrote.

use super::{emit, fail};
use crate::i18n::{Lang, pick};
use std::path::PathBuf;

/// Arguments of `template`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Mẫu phiếu (xa-ntm, xa-ntm-nang-cao, xa-ntm-kieu-mau, xa-ntm-2026-2030).
    #[arg(long, default_value = "xa-ntm")]
    pub form: String,
    /// Tên xã.
    #[arg(long)]
    pub commune: String,
    /// Khu dân cư và số hộ, dạng "Bản Mung=120" (lặp lại được).
    #[arg(long = "area", value_name = "TÊN=SỐ_HỘ")]
    pub areas: Vec<String>,
    /// Số dòng phiếu có sẵn danh sách chọn.
    #[arg(long, default_value_t = 2000)]
    pub rows: u32,
    /// Tệp Excel cần ghi.
    #[arg(long)]
    pub out: PathBuf,
}

/// Runs `template`.
pub fn run(a: Args, lang: Lang) -> anyhow::Result<u8> {
    let w = crate::app::template::write(&crate::app::template::Request {
        form: &a.form,
        commune: &a.commune,
        areas: &a.areas,
        rows: a.rows,
        out: &a.out,
    })
    .map_err(|e| fail(e, lang))?;
    emit(&format!(
        "{}\n",
        pick(
            lang,
            format!(
                "Đã ghi sổ nhập phiếu {} cho {} (mẫu {}).",
                a.out.display(),
                w.commune,
                w.form
            ),
            format!(
                "Wrote the entry workbook {} for {} (form {}).",
                a.out.display(),
                w.commune,
                w.form
            )
        )
    ))?;
    Ok(0)
}
