//! `hailong template`: parses the arguments, calls [`crate::app::template`], says what it wrote.

use super::{emit, fail};
use crate::i18n::{CliText as C, Lang};
use std::path::{Path, PathBuf};

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
    /// Bảng tự đánh giá kết quả thực hiện tiêu chí theo bộ tiêu chí này (xa-ntm-2021-2025,
    /// xa-ntm-2026-2030, ...) thay cho sổ nhập phiếu / write the criteria self-assessment
    /// workbook of this set instead of the entry workbook.
    #[arg(long, value_name = "BỘ_TIÊU_CHÍ", conflicts_with_all = ["areas"])]
    pub criteria: Option<String>,
    /// Sổ nhập của bộ khảo sát theo thang đo (surveys/packs) / the entry workbook of a survey
    /// pack.
    #[arg(long, conflicts_with_all = ["criteria", "pack_file"])]
    pub pack: Option<String>,
    /// Tệp bộ khảo sát của tỉnh / a survey pack file.
    #[arg(long, conflicts_with = "criteria")]
    pub pack_file: Option<PathBuf>,
    /// Nhóm xã (bộ tiêu chí 2026-2030: 1, 2 hoặc 3) / commune group.
    #[arg(long, requires = "criteria")]
    pub group: Option<String>,
}

/// Runs `template`.
pub fn run(a: Args, data: &Path, lang: Lang) -> anyhow::Result<u8> {
    if let Some(pack) = super::index::choice(&a.pack, &a.pack_file) {
        let built = crate::app::pack::template(&crate::app::pack::TemplateRequest {
            pack,
            commune: &a.commune,
            areas: &a.areas,
            rows: a.rows.min(5000),
        })
        .map_err(|e| fail(e, lang))?;
        crate::app::output::save(&a.out, &built.bytes).map_err(|e| fail(e, lang))?;
        let (pack, commune, items) = built.of;
        emit(&format!(
            "{}\n",
            crate::i18n::PackText::WroteTemplate.say(
                lang,
                &[
                    ("path", &a.out.display()),
                    ("pack", &pack),
                    ("commune", &commune),
                    ("items", &items),
                ],
            )
        ))?;
        return Ok(0);
    }
    if let Some(set) = &a.criteria {
        let built = crate::app::template::build_criteria(&crate::app::template::CriteriaRequest {
            set,
            commune: &a.commune,
            group: a.group.as_deref(),
            data,
        })
        .map_err(|e| fail(e, lang))?;
        crate::app::output::save(&a.out, &built.bytes).map_err(|e| fail(e, lang))?;
        let w = built.of;
        let region = match (&w.region_or_group, w.group_left_open) {
            (Some(r), _) => r.clone(),
            (None, true) => C::GroupLeftOpen.text(lang).to_string(),
            (None, false) => C::NationalTargets.text(lang).to_string(),
        };
        emit(&format!(
            "{}\n",
            C::WroteAssessmentWorkbook.say(
                lang,
                &[
                    ("path", &a.out.display()),
                    ("commune", &w.commune),
                    ("set", &w.set),
                    ("rows", &w.rows),
                    ("region", &region),
                ],
            )
        ))?;
        return Ok(0);
    }
    let built = crate::app::template::build(&crate::app::template::Request {
        data,
        form: &a.form,
        commune: &a.commune,
        areas: &a.areas,
        rows: a.rows,
    })
    .map_err(|e| fail(e, lang))?;
    crate::app::output::save(&a.out, &built.bytes).map_err(|e| fail(e, lang))?;
    let w = built.of;
    emit(&format!(
        "{}\n",
        C::WroteEntryWorkbook.say(
            lang,
            &[
                ("path", &a.out.display()),
                ("commune", &w.commune),
                ("form", &w.form),
            ],
        )
    ))?;
    Ok(0)
}
