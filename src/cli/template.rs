//! `hailong template`: writes the canonical entry workbook for one commune and form.

use super::{emit, fail, library};
use crate::i18n::{Lang, pick};
use crate::model::RegisterArea;
use crate::rules::gazetteer::Gazetteer;
use crate::template::{TemplateSpec, write_template};
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
    let lib = library(lang)?;
    let Some(form) = lib.form(&a.form) else {
        let known: Vec<&str> = lib.forms.keys().map(String::as_str).collect();
        anyhow::bail!(pick(
            lang,
            format!(
                "Không có mẫu phiếu \"{}\". Các mẫu có: {}",
                a.form,
                known.join(", ")
            ),
            format!("No form \"{}\". Known forms: {}", a.form, known.join(", "))
        ));
    };
    let gaz = Gazetteer::son_la();
    let commune = gaz
        .resolve(&a.commune)
        .map_err(|e| fail(e, lang))?
        .unit
        .name
        .clone();
    let mut areas = Vec::new();
    for spec in &a.areas {
        let parsed = spec
            .rsplit_once('=')
            .and_then(|(n, h)| Some((n.trim(), h.trim().parse::<u32>().ok()?)));
        let Some((name, households)) = parsed.filter(|(n, _)| !n.is_empty()) else {
            anyhow::bail!(pick(
                lang,
                format!("--area \"{spec}\" không đúng dạng TÊN=SỐ_HỘ, ví dụ \"Bản Mung=120\""),
                format!("--area \"{spec}\" is not NAME=HOUSEHOLDS, e.g. \"Bản Mung=120\"")
            ));
        };
        areas.push(RegisterArea {
            area: name.to_string(),
            households,
            forms_issued: None,
        });
    }
    let spec = TemplateSpec {
        commune: &commune,
        form,
        areas: &areas,
        ballot_rows: a.rows,
        sample_note: None,
    };
    write_template(&spec, &a.out).map_err(|e| {
        anyhow::anyhow!(pick(
            lang,
            format!("Không ghi được {}: {e}", a.out.display()),
            format!("Cannot write {}: {e}", a.out.display())
        ))
    })?;
    emit(&format!(
        "{}\n",
        pick(
            lang,
            format!(
                "Đã ghi sổ nhập phiếu {} cho {} (mẫu {}).",
                a.out.display(),
                commune,
                form.id()
            ),
            format!(
                "Wrote the entry workbook {} for {} (form {}).",
                a.out.display(),
                commune,
                form.id()
            )
        )
    ))?;
    Ok(0)
}
