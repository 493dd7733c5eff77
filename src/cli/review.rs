//! `hailong review`: lists what the photo reader left to a person, or records decisions
//! (`--set ID:ITEM=VERDICT`), through [`crate::app::review`]; the web page calls the same.

use super::{emit, fail};
use crate::app::AppError;
use crate::app::review::{Asked, DecideRequest, ListRequest, Typed, decide, identify, list};
use crate::i18n::{Lang, Localized, ReviewText as T};
use std::path::Path;

/// Arguments of `review`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Chỉ xã này.
    #[arg(long)]
    pub commune: Option<String>,
    /// Quyết định một mục: MÃ_PHIẾU:MỤC=satisfied|dissatisfied|blank|invalid (lặp lại được).
    #[arg(long = "set", value_name = "ID:ITEM=VERDICT")]
    pub set: Vec<String>,
    /// Nhập mã phiếu cho một trang máy không nhận ra: TỆP:TRANG=MÃ_PHIẾU (lặp lại được).
    #[arg(long = "page", value_name = "FILE:PAGE=ID")]
    pub page: Vec<String>,
    /// Không chờ khi một lần nhập khác đang ghi vào thư mục dữ liệu.
    #[arg(long)]
    pub no_wait: bool,
    /// In kết quả dạng JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `review`.
pub fn run(a: Args, data: &Path, lang: Lang) -> anyhow::Result<u8> {
    // Who decides and how to wait: the same for typed ids and decisions.
    let by = super::os_user();
    let on_wait = || super::present::wait_notice(data, lang);
    let req = DecideRequest {
        data,
        asked: &[],
        by: by.as_deref(),
        only_commune: None,
        no_wait: a.no_wait,
        on_wait: &on_wait,
    };
    if !a.page.is_empty() {
        let typed: Vec<Typed> = a
            .page
            .iter()
            .map(|s| Typed::parse(s))
            .collect::<Result<_, _>>()
            .map_err(|e| fail(e, lang))?;
        let mut code = 0;
        for t in &typed {
            match identify(&req, t) {
                Ok(s) if s.accepted == 1 => {
                    let left = list(&ListRequest {
                        data,
                        commune: None,
                        only_commune: None,
                        write_images: false,
                    })
                    .map_err(|e| fail(e, lang))?
                    .iter()
                    .filter(|p| p.item.is_some())
                    .count();
                    emit(&format!(
                        "{}\n",
                        T::TypedRead.say(lang, &[("id", &t.id), ("left", &left)])
                    ))?;
                }
                Ok(s) => {
                    emit(&super::present::summary_text(&s, lang, false))?;
                    emit(&format!("{}\n", T::TypedUnread.text(lang)))?;
                    code = 1;
                }
                Err(e @ (AppError::PageNotInQueue { .. } | AppError::BadTypedId { .. })) => {
                    emit(&format!("{}\n", e.message(lang)))?;
                    code = 1;
                }
                Err(e) => return Err(fail(e, lang)),
            }
        }
        return Ok(code);
    }
    if !a.set.is_empty() {
        let asked: Vec<Asked> = a
            .set
            .iter()
            .map(|s| Asked::parse(s))
            .collect::<Result<_, _>>()
            .map_err(|e| fail(e, lang))?;
        let req = DecideRequest {
            asked: &asked,
            ..req
        };
        return match decide(&req) {
            Ok(d) if a.json => {
                emit(&format!("{}\n", serde_json::to_string_pretty(&d)?))?;
                Ok(0)
            }
            Ok(d) => {
                emit(&format!(
                    "{}\n",
                    T::Recorded.say(lang, &[("count", &d.recorded), ("left", &d.left)])
                ))?;
                Ok(0)
            }
            // Nothing recorded: the person named an item the queue does not hold.
            Err(e @ AppError::NotInQueue { .. }) => {
                emit(&format!("{}\n", e.message(lang)))?;
                Ok(1)
            }
            Err(e) => Err(fail(e, lang)),
        };
    }
    let req = ListRequest {
        data,
        commune: a.commune.as_deref(),
        only_commune: None,
        write_images: true,
    };
    let pending = list(&req).map_err(|e| fail(e, lang))?;
    if a.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&pending)?))?;
        return Ok(0);
    }
    if pending.is_empty() {
        emit(&format!("{}\n", T::QueueEmpty.text(lang)))?;
        return Ok(0);
    }
    let items = pending.iter().filter(|p| p.item.is_some()).count();
    let pages = pending.len() - items;
    let mut out = format!(
        "{}\n",
        T::QueueHeading.say(lang, &[("items", &items), ("pages", &pages)])
    );
    for p in &pending {
        let reason = T::reason(&p.reason).text(lang);
        let page = p.page.to_string();
        let line = match (&p.id, p.item) {
            (Some(id), Some(item)) => T::QueueItem.fill(
                lang,
                &[
                    ("file", &p.file),
                    ("page", &page),
                    ("id", id),
                    ("item", &item.to_string()),
                    ("reason", reason),
                    ("image", &p.image),
                ],
            ),
            _ => T::QueuePage.fill(
                lang,
                &[
                    ("file", &p.file),
                    ("page", &page),
                    ("reason", reason),
                    ("image", &p.image),
                ],
            ),
        };
        out.push_str(&format!("  {line}\n"));
    }
    out.push_str(&format!("{}\n", T::HowToDecide.text(lang)));
    emit(&out)?;
    Ok(0)
}
