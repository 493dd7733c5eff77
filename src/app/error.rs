//! What a use case can fail on, as data: each variant carries what the message needs, and the
//! message exists in both languages ([`Localized`]). Front-ends decide how to show it; nothing
//! here prints.

use crate::i18n::Localized;
use crate::rules::RulesError;
use crate::rules::gazetteer::LookupError;
use crate::score::ScoreError;
use crate::store::StoreError;

/// A use case's failure.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The workspace could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A rule pack, form or criteria set is invalid.
    #[error(transparent)]
    Rules(#[from] RulesError),
    /// Scoring failed.
    #[error(transparent)]
    Score(#[from] ScoreError),
    /// A commune name is not in the gazetteer.
    #[error(transparent)]
    Lookup(#[from] LookupError),
    /// A settings or mapping file does not read.
    #[error(transparent)]
    Settings(#[from] crate::store::config::SettingsError),
    /// An upload is not usable as sent (not multipart, a file over the limit).
    #[error("Tải lên không dùng được: {detail}")]
    BadUpload {
        /// What is wrong.
        detail: String,
    },
    /// An output file could not be written.
    #[error(
        "Không ghi được {path}: {message}. Kiểm tra thư mục và đóng tệp nếu đang mở trong Excel"
    )]
    Write {
        /// The file.
        path: String,
        /// The writer's message.
        message: String,
    },
    /// The paths given hold no spreadsheet at all.
    #[error(
        "Không có bảng tính nào trong {paths} (hailong đọc .xlsx, .xlsm, .xls, .xlsb, .ods, .csv). Kiểm tra đường dẫn"
    )]
    NoSpreadsheet {
        /// The paths given, as typed.
        paths: String,
    },
    /// The workspace holds no commune yet.
    #[error("Thư mục dữ liệu {dir} chưa có xã nào. Hãy chạy `hailong import` trước.")]
    EmptyWorkspace {
        /// The workspace.
        dir: String,
    },
    /// No commune of the workspace is the one asked for.
    #[error("Không xác định được xã \"{wanted}\" trong dữ liệu. Các xã gần đúng: {}", candidates.join("; "))]
    UnknownCommune {
        /// As typed.
        wanted: String,
        /// The closest names in the workspace.
        candidates: Vec<String>,
    },
    /// The commune has no forms of the type asked for.
    #[error("{commune} không có phiếu mẫu \"{form}\". Các mẫu đã nhập: {}", imported.join(", "))]
    FormNotImported {
        /// Commune.
        commune: String,
        /// The form asked for.
        form: String,
        /// Forms imported for it.
        imported: Vec<String>,
    },
    /// The commune was surveyed with several forms and none was chosen.
    #[error("{commune} có nhiều mẫu phiếu ({}): chọn một bằng --form", imported.join(", "))]
    SeveralForms {
        /// Commune.
        commune: String,
        /// Forms imported for it.
        imported: Vec<String>,
    },
    /// No form of the shipped packs has this id.
    #[error("Không có mẫu phiếu \"{form}\". Các mẫu có: {}", known.join(", "))]
    UnknownForm {
        /// As typed.
        form: String,
        /// Known form ids.
        known: Vec<String>,
    },
    /// No criteria set has this id.
    #[error("Không có bộ tiêu chí \"{set}\". Các bộ có: {}", known.join(", "))]
    UnknownCriteriaSet {
        /// As typed.
        set: String,
        /// Known set ids.
        known: Vec<String>,
    },
    /// The commune group typed is not one of the set's groups.
    #[error("Bộ tiêu chí {set} không có nhóm xã \"{group}\". Các nhóm: {}", groups.join("; "))]
    UnknownCommuneGroup {
        /// Set id.
        set: String,
        /// As typed.
        group: String,
        /// The set's groups.
        groups: Vec<String>,
    },
    /// A round was asked for that the workspace (or the commune) does not have.
    #[error("{} không có đợt khảo sát \"{round}\". Các đợt đã nhập: {}", whose.as_deref().unwrap_or("Thư mục dữ liệu"), rounds_vi(rounds))]
    UnknownRound {
        /// The commune, or `None` for the whole workspace.
        whose: Option<String>,
        /// As typed.
        round: String,
        /// Rounds imported.
        rounds: Vec<String>,
    },
    /// A comparison was asked for a commune surveyed once.
    #[error("{commune} chỉ có một đợt khảo sát; nhập đợt khác với --round")]
    SingleRound {
        /// Commune.
        commune: String,
    },
    /// An `--area` of the template is not `NAME=HOUSEHOLDS`.
    #[error("--area \"{spec}\" không đúng dạng TÊN=SỐ_HỘ, ví dụ \"Bản Mung=120\"")]
    BadAreaSpec {
        /// As typed.
        spec: String,
    },
    /// A directory given as a workspace is not one.
    #[error(
        "{dir} không phải thư mục dữ liệu của hailong (không có manifest.json). Kiểm tra --data"
    )]
    NotAWorkspace {
        /// The directory.
        dir: String,
    },
}

fn rounds_vi(rounds: &[String]) -> String {
    rounds_list(rounds, "(không đặt tên)")
}

fn rounds_list(rounds: &[String], unnamed: &str) -> String {
    rounds
        .iter()
        .map(|r| {
            if r.is_empty() {
                unnamed.to_string()
            } else {
                format!("\"{r}\"")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl Localized for AppError {
    fn en(&self) -> String {
        use AppError::*;
        match self {
            Store(e) => e.en(),
            Rules(e) => e.en(),
            Score(e) => e.en(),
            Lookup(e) => e.en(),
            Settings(e) => e.en(),
            BadUpload { detail } => format!("The upload cannot be used: {detail}"),
            Write { path, message } => format!(
                "Cannot write {path}: {message}. Check the folder, and close the file if Excel has it open"
            ),
            NoSpreadsheet { paths } => format!(
                "No spreadsheet in {paths} (hailong reads .xlsx, .xlsm, .xls, .xlsb, .ods, .csv). Check the path"
            ),
            EmptyWorkspace { dir } => {
                format!("The workspace {dir} holds no commune yet. Run `hailong import` first.")
            }
            UnknownCommune { wanted, candidates } => format!(
                "Cannot tell which commune \"{wanted}\" is. Closest in the workspace: {}",
                candidates.join("; ")
            ),
            FormNotImported {
                commune,
                form,
                imported,
            } => format!(
                "{commune} has no forms of type \"{form}\". Imported: {}",
                imported.join(", ")
            ),
            SeveralForms { commune, imported } => format!(
                "{commune} has several forms ({}): choose one with --form",
                imported.join(", ")
            ),
            UnknownForm { form, known } => {
                format!("No form \"{form}\". Known forms: {}", known.join(", "))
            }
            UnknownCriteriaSet { set, known } => {
                format!(
                    "No criteria set \"{set}\". Known sets: {}",
                    known.join(", ")
                )
            }
            UnknownCommuneGroup { set, group, groups } => format!(
                "Criteria set {set} has no commune group \"{group}\". Its groups: {}",
                groups.join("; ")
            ),
            UnknownRound {
                whose,
                round,
                rounds,
            } => format!(
                "{} has no survey round \"{round}\". Rounds imported: {}",
                whose.as_deref().unwrap_or("The workspace"),
                rounds_list(rounds, "(unnamed)")
            ),
            SingleRound { commune } => {
                format!("{commune} has a single survey round; import another with --round")
            }
            BadAreaSpec { spec } => {
                format!("--area \"{spec}\" is not NAME=HOUSEHOLDS, e.g. \"Bản Mung=120\"")
            }
            NotAWorkspace { dir } => {
                format!("{dir} is not a hailong workspace (no manifest.json). Check --data")
            }
        }
    }
}
