//! The review page of photographed ballots (issue 25): each item the reader was not sure of,
//! worst first, as the picture of its two boxes and four keys (Hài lòng / Không hài lòng /
//! Trống / Không hợp lệ); each page it could not place, as the picture of the page.
//!
//! It only shows what [`crate::app::review::list`] returns and posts what the person chose to
//! [`crate::app::review::decide`]: the command line's `hailong review` gives the same result.

use super::{Frame, Nav, layout};
use crate::app::review::Pending;
use crate::i18n::{ReviewText, WebText as W};
use maud::html;

/// How many items one page shows: enough for a sitting, light enough for a phone.
pub const SHOWN: usize = 40;

/// The address of a queue picture.
pub fn image_href(p: &Pending) -> String {
    format!(
        "/xac-nhan/anh/{}/{}/{}",
        p.sha256,
        p.page,
        p.item.unwrap_or(0)
    )
}

/// The page.
pub fn page(f: &Frame, pending: &[Pending], message: Option<&str>) -> String {
    let lang = f.lang;
    let t = |m: W| m.text(lang);
    let items = pending.iter().filter(|p| p.item.is_some()).count();
    let pages = pending.len() - items;
    let keys = [
        ("satisfied", W::KeySatisfied, "1"),
        ("dissatisfied", W::KeyDissatisfied, "2"),
        ("blank", W::KeyBlank, "3"),
        ("invalid", W::KeyInvalid, "4"),
    ];
    let body = html! {
        h1 { (t(W::Review)) }
        p { (t(W::ReviewIntro)) }
        @if let Some(m) = message {
            p.warn role="alert" { (m) }
        }
        @if pending.is_empty() {
            p.ok { (t(W::ReviewNone)) }
        } @else {
            p { (W::ReviewCount.fill(lang, &[
                ("items", &items.to_string()),
                ("pages", &pages.to_string()),
                ("shown", &pending.len().min(SHOWN).to_string()),
            ])) }
            @for p in pending.iter().take(SHOWN) {
                @let reason = ReviewText::reason(&p.reason).text(lang);
                @match (&p.id, p.item) {
                    (Some(id), Some(item)) => {
                        section.review-item {
                            p { (W::ReviewItem.fill(lang, &[
                                ("commune", &p.commune), ("file", &p.file),
                                ("page", &p.page.to_string()), ("id", id),
                                ("item", &item.to_string()), ("reason", reason),
                            ])) }
                            img src=(image_href(p)) alt=(t(W::BoxesPicture));
                            form method="post" action="/xac-nhan" {
                                input type="hidden" name="id" value=(id);
                                input type="hidden" name="item" value=(item);
                                @for (value, label, key) in keys {
                                    button type="submit" name="verdict" value=(value) accesskey=(key) { (t(label)) }
                                }
                            }
                        }
                    }
                    _ => {
                        section.review-page {
                            p.warn { (W::ReviewPage.fill(lang, &[
                                ("commune", &p.commune), ("file", &p.file),
                                ("page", &p.page.to_string()), ("reason", reason),
                            ])) }
                            img src=(image_href(p)) alt=(t(W::PagePicture));
                            // The id printed under the QR code, typed by the person who reads it.
                            form method="post" action="/xac-nhan/trang" {
                                input type="hidden" name="file" value=(p.file);
                                input type="hidden" name="page" value=(p.page);
                                label { (t(W::TypeBallotId)) " "
                                    input type="text" name="id" required autocomplete="off" spellcheck="false" placeholder="HL1/XA-NTM/…";
                                }
                                button type="submit" { (t(W::ReadWithId)) }
                            }
                        }
                    }
                }
            }
        }
    };
    layout(f, t(W::Review), Nav::Review, body)
}
