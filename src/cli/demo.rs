//! `hailong demo`: runs [`crate::app::demo`] and says what it did, commune by commune.

use super::present::summary_text;
use super::{emit, fail};
use crate::app::demo::{DemoRequest, demo};
use crate::i18n::{Lang, pick};
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
    emit(&format!(
        "{}\n\n",
        pick(
            lang,
            "hailong demo — DỮ LIỆU MẪU: ba xã có thật của tỉnh Sơn La, khu dân cư và câu trả lời là giả định.",
            "hailong demo — SAMPLE DATA: three real Sơn La communes, made-up residential areas and answers."
        )
    ))?;
    // A closed pipe stops the printing, never the demo's files.
    let say = |text: &str| {
        let _ = emit(text);
    };
    let d = demo(&DemoRequest {
        out: a.out.as_deref(),
        lang,
        on_import: &|summary| say(&summary_text(summary, lang)),
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
    emit(&format!(
        "\n{}\n",
        pick(
            lang,
            "Sẵn sàng đề nghị công nhận (khảo sát + tiêu chí + điều kiện):",
            "Ready for recognition (survey + criteria + conditions):"
        )
    ))?;
    for s in &d.all {
        if let Some(r) = &s.readiness {
            let (vi, en) = r.short_text();
            emit(&format!("  {}: {}\n", s.commune, pick(lang, vi, en)))?;
        }
    }
    emit(&format!(
        "\n{}\n",
        pick(
            lang,
            format!(
                "Đã ghi: sổ phiếu mẫu {}, thư mục dữ liệu {}, kết quả (txt, json, hồ sơ Excel từng xã, tổng hợp toàn tỉnh) {}.\nThử tiếp: hailong --data {} score --commune \"chieng mung\"\nHoặc xem trên trình duyệt: hailong --data {} serve --open",
                d.inputs.display(),
                d.data.display(),
                d.reports.display(),
                d.data.display(),
                d.data.display()
            ),
            format!(
                "Wrote: sample workbooks {}, workspace {}, results (txt, json, each commune's Excel dossier, province synthesis) {}.\nNext: hailong --data {} score --commune \"chieng mung\"\nOr in a browser: hailong --data {} serve --open",
                d.inputs.display(),
                d.data.display(),
                d.reports.display(),
                d.data.display(),
                d.data.display()
            )
        )
    ))?;
    Ok(d.exit_code)
}
