//! Where everything sits on a ballot, in millimetres from the page's top-left corner.
//!
//! [`layout_for`] is a pure function of the form: the reader recomputes a page's geometry from
//! the form named in its id and nothing else, so nothing that varies between ballots (commune,
//! area, serial, round) may move a box. The wording is measured with the embedded font's
//! metrics ([`super::font`]); items wrap over up to three lines, and the statement size shrinks
//! from 11 to 10 pt before a form that still does not fit one A4 page is refused.
//!
//! Each box is drawn as a 0,3 mm black outline centred on its [`Rect`]'s edge (so the ink
//! spans the rect grown by 0,15 mm); nothing else is printed inside a box or within 2 mm of it,
//! nor within 2 mm of a QR code or fiducial. This module draws nothing.
//!
//! What the reader must know about the marks: every ballot prints "Đánh dấu ✓ hoặc X vào một ô
//! cho mỗi nội dung" and the correction rule "Nếu đánh nhầm: tô kín ô đã đánh nhầm rồi đánh dấu
//! vào ô kia" (fill the wrong box completely, then mark the other). A box filled solid is
//! therefore a cancelled mark (SDAPS' convention), never an answer by itself:
//! - one box filled, a tick or cross in the other: the other box's answer (the rule as
//!   printed; worth sending to review until a pilot shows it is read right);
//! - one box filled, the other empty: review (some people fill a box as their answer);
//! - both filled, or a fill and anything unclear: review.
//!
//! A fill covers most of the interior (a prototype measured 84 % ink at the 5th percentile),
//! a tick or cross 6–20 %: the two are far apart.

use super::font::{Face, LEADING, MM_PER_PT};
use crate::rules::Form;

/// A rectangle in millimetres from the page's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// `[x, y, w, h]`, as the layout JSON writes a rectangle.
    pub fn to_array(self) -> [f64; 4] {
        [self.x, self.y, self.w, self.h]
    }

    /// The centre.
    pub fn centre(self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// The rectangle grown by `d` on every side (shrunk for a negative `d`).
    pub fn grown(self, d: f64) -> Rect {
        Rect {
            x: self.x - d,
            y: self.y - d,
            w: self.w + 2.0 * d,
            h: self.h + 2.0 * d,
        }
    }
}

/// One item's two answer boxes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ItemBoxes {
    /// The item's number on the form (1-based).
    pub number: u32,
    /// The box under "Hài lòng".
    pub satisfied: Rect,
    /// The box under "Không hài lòng".
    pub dissatisfied: Rect,
}

/// Everything the reader needs to find on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct BallotLayout {
    /// Page size, (210, 297) for A4 portrait.
    pub page_mm: (f64, f64),
    /// Solid squares: top-left, top-right, bottom-left, bottom-right.
    pub fiducials: [Rect; 4],
    /// Top-right and bottom-left QR codes, quiet zone (2 modules) included; the page is blank
    /// for at least 2 mm more around each.
    pub qr: [Rect; 2],
    /// Item 1 first, every item of the form.
    pub items: Vec<ItemBoxes>,
    /// Ruled area for the reasons of dissatisfaction (read only as written / not written).
    pub reason: Rect,
    /// Ruled area for other opinions.
    pub other_opinion: Rect,
}

/// Why a form cannot be laid out on one page.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LayoutError {
    /// The items do not fit one A4 page even at 10 pt.
    DoesNotFit {
        /// Form id.
        form: String,
        /// Its number of items.
        items: usize,
        /// Height the items need at the smallest size, in millimetres.
        needed_mm: f64,
        /// Height available.
        available_mm: f64,
    },
    /// The form's title needs more than two lines even at 10 pt.
    TitleTooLong {
        /// Form id.
        form: String,
    },
}

impl crate::i18n::Localized for LayoutError {
    fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::BallotText as T;
        match self {
            LayoutError::DoesNotFit {
                form,
                items,
                needed_mm,
                available_mm,
            } => T::DoesNotFit.say(
                lang,
                &[
                    ("form", form),
                    ("items", items),
                    ("needed", &needed_mm.ceil()),
                    ("available", &available_mm.floor()),
                ],
            ),
            LayoutError::TitleTooLong { form } => T::TitleTooLong.fill(lang, &[("form", form)]),
        }
    }
}

crate::display_in_vietnamese!(LayoutError);

/// A4 portrait.
pub const PAGE_MM: (f64, f64) = (210.0, 297.0);
/// Side of a fiducial square; centres are `FIDUCIAL_INSET` from both nearest edges.
pub const FIDUCIAL: f64 = 8.0;
/// Distance of a fiducial's centre from the page edges.
pub const FIDUCIAL_INSET: f64 = 14.0;
/// Side of a QR code with its quiet zone.
pub const QR_SIDE: f64 = 27.0;
/// Side of an answer box.
pub const BOX: f64 = 7.0;
/// Width of a box's outline (centred on the box's edge).
pub const BOX_LINE: f64 = 0.3;
/// Horizontal centres of the "Hài lòng" and "Không hài lòng" boxes (26 mm apart).
pub const BOX_CENTRES: (f64, f64) = (160.0, 186.0);
/// Left edge of the item numbers and of the statements; right edge of the statements (3,5 mm
/// clear of the first box).
pub(crate) const NUMBER_X: f64 = 19.0;
pub(crate) const TEXT_X: f64 = 26.0;
pub(crate) const TEXT_RIGHT: f64 = 153.0;
/// Left and right edges of the header text (left of the top QR code).
pub(crate) const HEADER_X: f64 = 22.0;
pub(crate) const HEADER_RIGHT: f64 = 157.0;
/// Top of the title.
pub(crate) const TITLE_TOP: f64 = 9.0;
/// Baseline of the heads of the columns (the second line of "Không / hài lòng").
pub(crate) const HEADS_BASELINE: f64 = 47.0;
/// The items' band.
pub(crate) const ITEMS_TOP: f64 = 49.5;
pub(crate) const ITEMS_BOTTOM: f64 = 253.0;
/// Least distance between two items' box tops: 3,5 mm of white between boxes, so a 13 mm
/// patch centred on a box holds no other box.
pub(crate) const MIN_PITCH: f64 = 10.5;
/// White above and below an item's text.
const ROW_PAD: f64 = 0.8;
/// Sizes tried for the statements, largest first; 10 pt is the floor.
const ITEM_SIZES: [f64; 3] = [11.0, 10.5, 10.0];
const TITLE_SIZES: [f64; 3] = [12.0, 11.0, 10.0];
/// Most lines of one statement.
const MAX_LINES: usize = 3;

/// Lines of text set at one size: each with its baseline (mm from the top).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Lines {
    /// Size in points.
    pub size_pt: f64,
    /// (baseline, text).
    pub lines: Vec<(f64, String)>,
}

/// The layout with the form-dependent text placed: what [`super::draw`] draws.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Plan {
    /// The geometry.
    pub layout: BallotLayout,
    /// The form's title, in bold.
    pub title: Lines,
    /// Each item's statement, in item order.
    pub items: Vec<Lines>,
    /// Each item's row (top, height), for the separators.
    pub rows: Vec<(f64, f64)>,
}

/// Baseline of the first of `n` lines at `size_pt` centred vertically in `[top, top + h]`.
fn first_baseline(face: Face, size_pt: f64, n: usize, top: f64, h: f64) -> f64 {
    let lh = size_pt * LEADING * MM_PER_PT;
    let descent = f64::from(ab_glyph::Font::descent_unscaled(face.font())) / face.units_per_em()
        * size_pt
        * MM_PER_PT;
    let ascent = face.ascent_mm(size_pt);
    // The line box is `lh` high with the glyphs' ascent + |descent| centred in it.
    let inner = (lh - (ascent - descent)) / 2.0;
    top + (h - n as f64 * lh) / 2.0 + inner + ascent
}

fn square(cx: f64, cy: f64, side: f64) -> Rect {
    Rect {
        x: cx - side / 2.0,
        y: cy - side / 2.0,
        w: side,
        h: side,
    }
}

/// The fixed parts: fiducials, QR codes, ruled areas.
fn frame() -> ([Rect; 4], [Rect; 2], Rect, Rect) {
    let (w, h) = PAGE_MM;
    let (a, b) = (FIDUCIAL_INSET, FIDUCIAL_INSET);
    let fiducials = [
        square(a, b, FIDUCIAL),
        square(w - a, b, FIDUCIAL),
        square(a, h - b, FIDUCIAL),
        square(w - a, h - b, FIDUCIAL),
    ];
    let qr = [
        Rect {
            x: 189.0 - QR_SIDE,
            y: 8.0,
            w: QR_SIDE,
            h: QR_SIDE,
        },
        Rect {
            x: 21.0,
            y: 256.0,
            w: QR_SIDE,
            h: QR_SIDE,
        },
    ];
    let reason = Rect {
        x: 52.0,
        y: 255.0,
        w: 137.0,
        h: 14.0,
    };
    let other_opinion = Rect {
        x: 52.0,
        y: 270.0,
        w: 137.0,
        h: 14.0,
    };
    (fiducials, qr, reason, other_opinion)
}

/// The statement of an item as printed (NFC: the font has the precomposed letters).
pub(crate) fn nfc(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfc().collect()
}

/// The plan of `form`: geometry and the form's wording placed.
pub(crate) fn plan(form: &Form) -> Result<Plan, LayoutError> {
    let title_text = nfc(&form.header.title);
    let title = TITLE_SIZES
        .iter()
        .map(|&s| (s, Face::Bold.wrap(&title_text, s, HEADER_RIGHT - HEADER_X)))
        .find(|(_, l)| l.len() <= 2)
        .ok_or_else(|| LayoutError::TitleTooLong {
            form: form.id().to_string(),
        })?;
    let title_lh = title.0 * LEADING * MM_PER_PT;
    let t0 = first_baseline(Face::Bold, title.0, 1, TITLE_TOP, title_lh);
    let title = Lines {
        size_pt: title.0,
        lines: title
            .1
            .into_iter()
            .enumerate()
            .map(|(i, l)| (t0 + i as f64 * title_lh, l))
            .collect(),
    };
    let available = ITEMS_BOTTOM - ITEMS_TOP;
    let mut needed = 0.0;
    let mut chosen = None;
    for &size in &ITEM_SIZES {
        let wrapped: Vec<Vec<String>> = form
            .items
            .iter()
            .map(|i| Face::Regular.wrap(&nfc(&i.statement), size, TEXT_RIGHT - TEXT_X))
            .collect();
        let lh = size * LEADING * MM_PER_PT;
        let heights: Vec<f64> = wrapped
            .iter()
            .map(|l| (l.len() as f64 * lh + 2.0 * ROW_PAD).max(MIN_PITCH))
            .collect();
        needed = heights.iter().sum();
        if needed <= available && wrapped.iter().all(|l| l.len() <= MAX_LINES) {
            chosen = Some((size, wrapped, heights));
            break;
        }
    }
    let Some((size, wrapped, heights)) = chosen else {
        return Err(LayoutError::DoesNotFit {
            form: form.id().to_string(),
            items: form.items.len(),
            needed_mm: needed,
            available_mm: available,
        });
    };
    let lh = size * LEADING * MM_PER_PT;
    let mut top = ITEMS_TOP;
    let (mut items, mut texts, mut rows) = (Vec::new(), Vec::new(), Vec::new());
    for ((item, lines), h) in form.items.iter().zip(wrapped).zip(heights) {
        let box_y = top + (h - BOX) / 2.0;
        let boxed = |cx: f64| Rect {
            x: cx - BOX / 2.0,
            y: box_y,
            w: BOX,
            h: BOX,
        };
        items.push(ItemBoxes {
            number: item.number,
            satisfied: boxed(BOX_CENTRES.0),
            dissatisfied: boxed(BOX_CENTRES.1),
        });
        let b0 = first_baseline(Face::Regular, size, lines.len(), top, h);
        texts.push(Lines {
            size_pt: size,
            lines: lines
                .into_iter()
                .enumerate()
                .map(|(i, l)| (b0 + i as f64 * lh, l))
                .collect(),
        });
        rows.push((top, h));
        top += h;
    }
    let (fiducials, qr, reason, other_opinion) = frame();
    Ok(Plan {
        layout: BallotLayout {
            page_mm: PAGE_MM,
            fiducials,
            qr,
            items,
            reason,
            other_opinion,
        },
        title,
        items: texts,
        rows,
    })
}

/// The geometry of a ballot of `form` on A4 portrait.
pub fn layout_for(form: &Form) -> Result<BallotLayout, LayoutError> {
    plan(form).map(|p| p.layout)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Library;

    fn forms() -> Vec<Form> {
        let lib = Library::shipped().unwrap();
        let mut forms: Vec<Form> = lib.forms.values().cloned().collect();
        forms.sort_by(|a, b| a.id().cmp(b.id()));
        forms
    }

    fn overlaps(a: Rect, b: Rect) -> bool {
        a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
    }

    #[test]
    fn every_shipped_form_fits_one_page_with_boxes_clear_of_each_other() {
        for form in forms() {
            let plan = plan(&form).unwrap_or_else(|e| panic!("{e}"));
            let l = &plan.layout;
            assert_eq!(l.items.len(), form.items.len());
            let mut fixed: Vec<Rect> = l.fiducials.to_vec();
            fixed.extend(l.qr.iter().map(|q| q.grown(2.0)));
            fixed.extend([l.reason, l.other_opinion]);
            for (n, it) in l.items.iter().enumerate() {
                assert_eq!(it.number, form.items[n].number);
                for b in [it.satisfied, it.dissatisfied] {
                    assert!(
                        b.y >= ITEMS_TOP && b.y + b.h <= ITEMS_BOTTOM,
                        "{}",
                        form.id()
                    );
                    for f in &fixed {
                        assert!(!overlaps(b.grown(2.0), *f), "{} item {}", form.id(), n + 1);
                    }
                }
                if let Some(next) = l.items.get(n + 1) {
                    assert!(next.satisfied.y - it.satisfied.y >= MIN_PITCH - 1e-9);
                }
            }
            // Every statement line stays left of the boxes' 2 mm margin.
            for lines in &plan.items {
                assert!(lines.size_pt >= 10.0);
                for (_, text) in &lines.lines {
                    let right = TEXT_X + Face::Regular.width_mm(text, lines.size_pt);
                    assert!(right <= BOX_CENTRES.0 - BOX / 2.0 - 2.0, "{text}");
                }
            }
        }
    }

    #[test]
    fn the_layout_depends_on_the_form_only_and_follows_the_design() {
        let forms = forms();
        let a = layout_for(&forms[0]).unwrap();
        assert_eq!(a, layout_for(&forms[0]).unwrap());
        assert_eq!(a.page_mm, (210.0, 297.0));
        // Fiducial centres 14 mm from the edges, 8 mm squares.
        assert_eq!(a.fiducials[0].centre(), (14.0, 14.0));
        assert_eq!(a.fiducials[3].centre(), (196.0, 283.0));
        assert!(a.fiducials.iter().all(|f| f.w == 8.0 && f.h == 8.0));
        // QR top-right and bottom-left.
        assert!(a.qr[0].x > 105.0 && a.qr[0].y < 40.0);
        assert!(a.qr[1].x < 105.0 && a.qr[1].y > 250.0);
    }

    #[test]
    fn a_form_too_long_for_a_page_is_refused() {
        let mut form = forms().into_iter().find(|f| f.items.len() == 19).unwrap();
        let extra = form.items[0].clone();
        for n in 20..=30 {
            let mut i = extra.clone();
            i.number = n;
            form.items.push(i);
        }
        assert!(matches!(
            layout_for(&form),
            Err(LayoutError::DoesNotFit { items: 30, .. })
        ));
    }
}
