//! `hailong criteria template|import|diff`: the province's own criteria table. Parses the
//! arguments, calls [`crate::app::criteria`], says what it did.
//!
//! Exit codes: 0 done; 1 the table was refused (every problem listed with its cell, nothing
//! written); 2 unusable input or wrong usage.

use super::{emit, fail};
use crate::app::AppError;
use crate::app::criteria::{self, Field};
use crate::i18n::{CriteriaText as T, Lang, Localized};
use std::path::{Path, PathBuf};

/// Arguments of `criteria`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Việc cần làm / what to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands of `criteria`.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Ghi bảng tiêu chí (Excel) điền sẵn để đối chiếu với văn bản của tỉnh / write the criteria
    /// table to check against the province's document.
    Template {
        /// Bộ tiêu chí (mặc định xa-ntm-2021-2025).
        #[arg(long)]
        set: Option<String>,
        /// Tệp Excel cần ghi.
        #[arg(long, default_value = "bang-tieu-chi.xlsx")]
        out: PathBuf,
    },
    /// Nhập bảng tiêu chí của tỉnh vào thư mục dữ liệu / import the province's criteria table.
    Import {
        /// Tệp bảng tiêu chí (.xlsx, .xls, .ods, .csv).
        file: PathBuf,
        /// Bộ tiêu chí (mặc định xa-ntm-2021-2025).
        #[arg(long)]
        set: Option<String>,
        /// Người nhập (họ tên, chức vụ), khi bảng không ghi "Người nhập:".
        #[arg(long)]
        by: Option<String>,
    },
    /// Liệt kê chỗ khác giữa bộ tiêu chí của thư mục dữ liệu và bản dự thảo / what differs from
    /// the shipped draft.
    Diff {
        /// Bộ tiêu chí (mặc định xa-ntm-2021-2025).
        #[arg(long)]
        set: Option<String>,
        /// In dạng JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs `criteria`.
pub fn run(a: Args, data: &Path, lang: Lang) -> anyhow::Result<u8> {
    match a.command {
        Command::Template { set, out } => {
            let built = criteria::template(data, set.as_deref()).map_err(|e| fail(e, lang))?;
            crate::app::output::save(&out, &built.bytes).map_err(|e| fail(e, lang))?;
            let w = built.of;
            let from = if w.from_workspace {
                T::FromWorkspace
            } else {
                T::FromDraft
            };
            emit(&format!(
                "{}\n",
                T::TemplateWritten.say(
                    lang,
                    &[
                        ("set", &w.set),
                        ("rows", &w.rows),
                        ("from", &from.text(lang)),
                        ("path", &out.display()),
                    ],
                )
            ))?;
            Ok(0)
        }
        Command::Import { file, set, by } => {
            let req = criteria::ImportRequest {
                data,
                file: &file,
                set: set.as_deref(),
                by: by.as_deref(),
            };
            match criteria::import(&req) {
                Ok(done) => {
                    emit(&imported(&done, lang))?;
                    Ok(0)
                }
                Err(e @ AppError::CriteriaTableRefused { .. }) => {
                    emit(&format!("{}\n", e.message(lang)))?;
                    Ok(1)
                }
                Err(e) => Err(fail(e, lang)),
            }
        }
        Command::Diff { set, json } => {
            let d = criteria::diff(data, set.as_deref()).map_err(|e| fail(e, lang))?;
            if json {
                emit(&format!("{}\n", serde_json::to_string_pretty(&d)?))?;
            } else {
                emit(&diff(&d, lang))?;
            }
            Ok(0)
        }
    }
}

fn imported(d: &criteria::Imported, lang: Lang) -> String {
    let mut o = T::Imported.say(
        lang,
        &[
            ("set", &d.set),
            ("document", &d.document),
            ("rows", &d.rows),
            ("checked", &(d.rows - d.unchecked.len())),
            ("by", &d.by),
            ("at", &d.at),
            ("path", &d.path.display()),
        ],
    );
    o.push('\n');
    for (codes, text) in [
        (&d.unchecked, T::Unchecked),
        (&d.text_targets, T::TextTargets),
    ] {
        if !codes.is_empty() {
            o.push_str(&text.say(
                lang,
                &[("count", &codes.len()), ("codes", &codes.join(", "))],
            ));
            o.push('\n');
        }
    }
    o.push_str(&T::ChangedCount.say(lang, &[("count", &d.changed)]));
    o.push('\n');
    o
}

fn diff(d: &criteria::SetDiff, lang: Lang) -> String {
    if !d.imported {
        return format!(
            "{}\n",
            T::DraftInForce.say(
                lang,
                &[
                    ("set", &d.set),
                    ("verified", &d.verified),
                    ("total", &d.indicators),
                ],
            )
        );
    }
    let mut o = T::WorkspaceInForce.say(
        lang,
        &[
            ("set", &d.set),
            ("document", &d.document.as_deref().unwrap_or_default()),
            ("by", &d.imported_by.as_deref().unwrap_or_default()),
            ("at", &d.imported_at.as_deref().unwrap_or_default()),
            (
                "file",
                &d.imported_from.as_ref().map_or("", |f| f.file.as_str()),
            ),
            ("count", &d.changed),
        ],
    );
    o.push('\n');
    let shown = |field: Field, v: &str| -> String {
        match (field, v) {
            (Field::Verified, "true") => T::Yes.text(lang).into(),
            (Field::Verified, _) => T::No.text(lang).into(),
            (_, "") => "—".into(),
            _ => format!("“{v}”"),
        }
    };
    for c in &d.changes {
        let field = match c.field {
            Field::Text => T::FieldText,
            Field::Target => T::FieldTarget,
            Field::Verified => T::FieldVerified,
            Field::Source => T::FieldSource,
        };
        o.push_str(&T::DiffLine.fill(
            lang,
            &[
                ("code", &c.code),
                ("field", field.text(lang)),
                ("draft", &shown(c.field, &c.draft)),
                ("now", &shown(c.field, &c.now)),
            ],
        ));
        o.push('\n');
    }
    o
}
