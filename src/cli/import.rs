//! `hailong import` and `hailong check`: parse the arguments, call [`crate::app::import`], and
//! print its report, every problem as `file › sheet › cell: message (value)`.

use super::present::{summary_text, wait_notice};
use super::{emit, fail};
use crate::app::import::{Input, MappingInput, Request, import_files};
use crate::i18n::{CliText as C, Lang};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Arguments of `import` and `check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Tên xã (khi tệp không ghi, hoặc để ghi đè).
    #[arg(long)]
    pub commune: Option<String>,
    /// Mẫu phiếu (khi tệp không ghi, hoặc để ghi đè).
    #[arg(long)]
    pub form: Option<String>,
    /// Đợt khảo sát (khi một xã được lấy ý kiến nhiều lần), ví dụ "2025-10"; nhãn xếp theo thời gian.
    #[arg(long, default_value = "")]
    pub round: String,
    /// Tệp ánh xạ cột cho dữ liệu xuất từ KoboToolbox, ODK, Google Forms (xem README).
    #[arg(long)]
    pub mapping: Option<PathBuf>,
    /// In kết quả dạng JSON.
    #[arg(long)]
    pub json: bool,
    /// Ghi danh sách lỗi ra tệp Excel để sửa.
    #[arg(long, value_name = "FILE.xlsx")]
    pub errors_xlsx: Option<PathBuf>,
    /// Vẫn lưu tệp có cách đọc đáng ngờ (quá 5% dòng bị loại, hoặc một lỗi lặp lại quá 10 dòng).
    #[arg(long)]
    pub accept_partial: bool,
    /// Không chờ khi một lần nhập khác đang ghi vào thư mục dữ liệu: dừng ngay (mã thoát 2).
    #[arg(long)]
    pub no_wait: bool,
    /// Bộ khảo sát theo thang đo (surveys/packs) mà tệp trả lời / the survey pack the files
    /// answer.
    #[arg(long, conflicts_with_all = ["pack_file", "form", "errors_xlsx", "accept_partial"])]
    pub pack: Option<String>,
    /// Tệp bộ khảo sát của tỉnh / a survey pack file.
    #[arg(long, conflicts_with_all = ["form", "errors_xlsx", "accept_partial"])]
    pub pack_file: Option<PathBuf>,
    /// Tệp hoặc thư mục bảng tính (.xlsx, .xlsm, .xls, .xlsb, .ods, .csv).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Runs `import` (`store = true`) or `check` (`store = false`).
pub fn run(a: Args, data: &Path, lang: Lang, store: bool) -> anyhow::Result<u8> {
    // `check` shares `import`'s arguments; a flag it cannot honour is refused, not ignored.
    if !store && a.no_wait {
        let _ = writeln!(std::io::stderr(), "{}", C::NoWaitOnCheck.text(lang));
        return Ok(2);
    }
    if let Some(pack) = super::index::choice(&a.pack, &a.pack_file) {
        return super::index::run_import(&a, pack, store, data, lang);
    }
    crate::interrupt::install(move || {
        let _ = writeln!(std::io::stderr(), "{}", C::Stopping.text(lang));
    });
    let mapping = a.mapping.clone().map(MappingInput::Path);
    let inputs: Vec<Input> = a.files.iter().cloned().map(Input::Path).collect();
    // Who imports, as the manifest records it: the OS account running the command.
    let os_user = super::os_user();
    let req = Request {
        data,
        inputs: &inputs,
        rules: None,
        commune: a.commune.as_deref(),
        form: a.form.as_deref(),
        mapping: mapping.as_ref(),
        store,
        accept_partial: a.accept_partial,
        progress: !a.json,
        round: &a.round,
        no_wait: a.no_wait,
        on_wait: &|| wait_notice(data, lang),
        only_commune: None,
        imported_by: os_user.as_deref(),
        typed_id: None,
    };
    let s = import_files(&req).map_err(|e| fail(e, lang))?;
    if let Some(out) = &a.errors_xlsx {
        let bytes =
            crate::app::export::errors_workbook(&s.files, lang).map_err(|e| fail(e, lang))?;
        crate::app::output::save(out, &bytes).map_err(|e| fail(e, lang))?;
    }
    if a.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&s)?))?;
    } else {
        emit(&summary_text(&s, lang, !store))?;
    }
    Ok(s.exit_code)
}
