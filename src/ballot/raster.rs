//! The ballot page as grey pixels, drawn from the same drawing list as the PDF: for the
//! synthetic corpus of the reader, the tests and the demo, with no external rasteriser.
//!
//! Edges are anti-aliased by exact pixel coverage, so a box or fiducial lands where the
//! layout says to a fraction of a pixel. This module only draws; it never decides a layout.

use super::draw::{self, Op};
use super::font::{Face, MM_PER_PT};
use super::id::BallotId;
use super::layout::{LayoutError, PAGE_MM, Rect};
use crate::rules::Form;
use ab_glyph::{Font, Glyph, PxScale, point};
use image::{GrayImage, Luma};

/// The page of ballot `id` of `form` for `area_name` at `px_per_mm` (e.g. 11,81 for 300 dpi).
/// A form that cannot be laid out gives a blank page (see [`try_render_page`] for the reason).
pub fn render_page(form: &Form, id: &BallotId, area_name: &str, px_per_mm: f64) -> GrayImage {
    try_render_page(form, id, area_name, px_per_mm).unwrap_or_else(|_| blank(px_per_mm))
}

/// [`render_page`], saying why a form cannot be laid out.
pub fn try_render_page(
    form: &Form,
    id: &BallotId,
    area_name: &str,
    px_per_mm: f64,
) -> Result<GrayImage, LayoutError> {
    let ops = draw::page(form, id, area_name)?;
    Ok(render_ops(&ops, px_per_mm))
}

fn blank(px_per_mm: f64) -> GrayImage {
    let s = px_per_mm.clamp(0.1, 100.0);
    GrayImage::from_pixel(
        (PAGE_MM.0 * s).round() as u32,
        (PAGE_MM.1 * s).round() as u32,
        Luma([255]),
    )
}

/// Draws a list of operations on a white A4 page.
pub fn render_ops(ops: &[Op], px_per_mm: f64) -> GrayImage {
    let s = px_per_mm.clamp(0.1, 100.0);
    let mut img = blank(s);
    for op in ops {
        match op {
            Op::Fill { rect, gray } => fill(&mut img, scaled(*rect, s), *gray),
            Op::Outline { rect, width } => {
                let (o, i) = (rect.grown(width / 2.0), rect.grown(-width / 2.0));
                let bands = [
                    Rect { h: i.y - o.y, ..o },
                    Rect {
                        y: i.y + i.h,
                        h: o.y + o.h - (i.y + i.h),
                        ..o
                    },
                    Rect {
                        y: i.y,
                        w: i.x - o.x,
                        h: i.h,
                        ..o
                    },
                    Rect {
                        x: i.x + i.w,
                        y: i.y,
                        w: o.x + o.w - (i.x + i.w),
                        h: i.h,
                    },
                ];
                for b in bands {
                    fill(&mut img, scaled(b, s), draw::INK);
                }
            }
            Op::Line {
                from,
                to,
                width,
                gray,
            } => line(
                &mut img,
                (from.0 * s, from.1 * s),
                (to.0 * s, to.1 * s),
                width * s,
                *gray,
            ),
            Op::Text {
                x,
                baseline,
                size_pt,
                face,
                text,
            } => glyphs(
                &mut img,
                *face,
                text,
                x * s,
                baseline * s,
                size_pt * MM_PER_PT * s,
            ),
        }
    }
    img
}

/// Mean grey of the pixels of `img` (drawn at `px_per_mm`) wholly inside `r` (mm); white
/// (255) when no pixel is. For tests and measurements: is a box empty, a fiducial solid.
pub fn mean_grey(img: &GrayImage, r: Rect, px_per_mm: f64) -> f64 {
    let s = px_per_mm;
    let (x0, y0) = (
        (r.x * s).ceil().max(0.0) as u32,
        (r.y * s).ceil().max(0.0) as u32,
    );
    let x1 = (((r.x + r.w) * s).floor().max(0.0) as u32).min(img.width());
    let y1 = (((r.y + r.h) * s).floor().max(0.0) as u32).min(img.height());
    let (mut sum, mut n) = (0.0, 0u64);
    for y in y0..y1 {
        for x in x0..x1 {
            sum += f64::from(img.get_pixel(x, y).0[0]);
            n += 1;
        }
    }
    if n == 0 { 255.0 } else { sum / n as f64 }
}

fn scaled(r: Rect, s: f64) -> Rect {
    Rect {
        x: r.x * s,
        y: r.y * s,
        w: r.w * s,
        h: r.h * s,
    }
}

/// Lays `gray` over the pixel with coverage `cov` (0..1).
fn blend(img: &mut GrayImage, x: u32, y: u32, gray: u8, cov: f64) {
    if x >= img.width() || y >= img.height() || cov <= 0.0 {
        return;
    }
    let p = img.get_pixel_mut(x, y);
    let old = f64::from(p.0[0]);
    p.0[0] = (old + (f64::from(gray) - old) * cov.min(1.0)).round() as u8;
}

/// Share of the pixel span `[p, p+1)` inside `[a, b)`.
fn overlap(p: f64, a: f64, b: f64) -> f64 {
    ((p + 1.0).min(b) - p.max(a)).max(0.0)
}

/// A rectangle in pixels, edges anti-aliased by coverage.
fn fill(img: &mut GrayImage, r: Rect, gray: u8) {
    let (x0, x1) = (
        r.x.floor().max(0.0) as u32,
        (r.x + r.w).ceil().max(0.0) as u32,
    );
    let (y0, y1) = (
        r.y.floor().max(0.0) as u32,
        (r.y + r.h).ceil().max(0.0) as u32,
    );
    for y in y0..y1.min(img.height()) {
        let cy = overlap(f64::from(y), r.y, r.y + r.h);
        for x in x0..x1.min(img.width()) {
            let c = cy * overlap(f64::from(x), r.x, r.x + r.w);
            blend(img, x, y, gray, c);
        }
    }
}

/// A line with round ends, `width` pixels wide.
fn line(img: &mut GrayImage, a: (f64, f64), b: (f64, f64), width: f64, gray: u8) {
    let r = width / 2.0;
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = (dx * dx + dy * dy).max(1e-12);
    let x0 = (a.0.min(b.0) - r - 1.0).floor().max(0.0) as u32;
    let x1 = (a.0.max(b.0) + r + 1.0).ceil().max(0.0) as u32;
    let y0 = (a.1.min(b.1) - r - 1.0).floor().max(0.0) as u32;
    let y1 = (a.1.max(b.1) + r + 1.0).ceil().max(0.0) as u32;
    for y in y0..y1.min(img.height()) {
        for x in x0..x1.min(img.width()) {
            let (px, py) = (f64::from(x) + 0.5, f64::from(y) + 0.5);
            let t = (((px - a.0) * dx + (py - a.1) * dy) / len2).clamp(0.0, 1.0);
            let (qx, qy) = (a.0 + t * dx - px, a.1 + t * dy - py);
            let d = (qx * qx + qy * qy).sqrt();
            // Coverage of a pixel by the stroke: 1 inside, a linear ramp across its edge.
            blend(img, x, y, gray, (r - d + 0.5).clamp(0.0, 1.0));
        }
    }
}

/// Black text from `(x, baseline)` in pixels, `em` pixels per em.
fn glyphs(img: &mut GrayImage, face: Face, text: &str, x: f64, baseline: f64, em: f64) {
    let font = face.font();
    let upm = face.units_per_em();
    // ab_glyph scales by the font's height (ascent − descent), not by the em.
    let scale = PxScale::from((em * f64::from(font.height_unscaled()) / upm) as f32);
    let per_unit = em / upm;
    let mut pen = x;
    let mut prev = None;
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(p) = prev {
            pen += f64::from(font.kern_unscaled(p, id)) * per_unit;
        }
        let glyph: Glyph = id.with_scale_and_position(scale, point(pen as f32, baseline as f32));
        if let Some(outlined) = font.outline_glyph(glyph) {
            let b = outlined.px_bounds();
            outlined.draw(|gx, gy, cov| {
                let (px, py) = (
                    b.min.x as i64 + i64::from(gx),
                    b.min.y as i64 + i64::from(gy),
                );
                if px >= 0 && py >= 0 {
                    blend(img, px as u32, py as u32, draw::INK, f64::from(cov));
                }
            });
        }
        pen += f64::from(font.h_advance_unscaled(id)) * per_unit;
        prev = Some(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ballot::layout::layout_for;
    use crate::rules::Library;

    fn form() -> Form {
        Library::shipped().unwrap().form("xa-ntm").unwrap().clone()
    }

    fn id() -> BallotId {
        BallotId {
            form: "xa-ntm".into(),
            commune_code: "04000".into(),
            area_no: 2,
            serial: 17,
            round: "2025-10".into(),
        }
    }

    #[test]
    fn fiducials_are_black_and_boxes_empty_where_the_layout_says() {
        let s = 4.0;
        let form = form();
        let img = render_page(&form, &id(), "Bản Mòng", s);
        assert_eq!((img.width(), img.height()), (840, 1188));
        let l = layout_for(&form).unwrap();
        for f in l.fiducials {
            assert!(mean_grey(&img, f, s) < 1.0, "{f:?}");
            // White just outside.
            assert!(
                mean_grey(
                    &img,
                    Rect {
                        x: f.x + f.w + 0.5,
                        w: 1.0,
                        ..f
                    },
                    s
                ) > 250.0
            );
        }
        for it in &l.items {
            for b in [it.satisfied, it.dissatisfied] {
                // Inside the outline: white. On the outline: dark. 2 mm around: white.
                assert!(mean_grey(&img, b.grown(-0.5), s) > 254.0, "{b:?}");
                let top_edge = Rect {
                    y: b.y - 0.4,
                    h: 0.8,
                    ..b
                };
                assert!(mean_grey(&img, top_edge, s) < 200.0, "{b:?}");
                let margin = b.grown(2.0);
                for band in [
                    Rect { h: 1.5, ..margin },
                    Rect {
                        y: b.y + b.h + 0.5,
                        h: 1.5,
                        ..margin
                    },
                ] {
                    assert!(mean_grey(&img, band, s) > 254.0, "{band:?}");
                }
            }
        }
    }

    #[test]
    fn an_unlayable_form_gives_a_blank_page_not_a_panic() {
        let mut form = form();
        let more = form.items[0].clone();
        form.items.extend(std::iter::repeat_n(more, 40));
        let img = render_page(&form, &id(), "x", 1.0);
        assert!(img.pixels().all(|p| p.0[0] == 255));
    }
}
