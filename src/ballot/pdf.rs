//! The ballots as one PDF, one A4 portrait page per ballot, drawn from the same drawing list as
//! [`super::raster`]. The two faces are embedded and subset by `krilla`, so every Vietnamese
//! letter prints the same on any PC; nothing depends on the fonts installed where it prints.
//!
//! Coordinates: the drawing list is in millimetres from the top-left corner, krilla's page
//! space in points from the top-left corner, so a point is `mm × 72 / 25,4`. This module draws
//! what it is given and decides nothing about where.

use super::draw::Op;
use super::font::Face;
use super::layout::PAGE_MM;
use krilla::Document;
use krilla::color::luma;
use krilla::geom::{PathBuilder, Point};
use krilla::graphic::Graphic;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, LineCap, LineJoin, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

/// Points per millimetre.
const PT: f32 = 72.0 / 25.4;

/// Why the PDF could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// krilla refused the document (its message).
    Krilla(String),
}

impl crate::i18n::Localized for PdfError {
    fn message(&self, lang: crate::i18n::Lang) -> String {
        match self {
            PdfError::Krilla(m) => crate::i18n::BallotText::PdfFailed.fill(lang, &[("message", m)]),
        }
    }
}

crate::display_in_vietnamese!(PdfError);

fn fill_of(gray: u8) -> Fill {
    Fill {
        paint: luma::Color::new(gray).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn stroke_of(width: f64, gray: u8, cap: LineCap) -> Stroke {
    Stroke {
        paint: luma::Color::new(gray).into(),
        width: width as f32 * PT,
        miter_limit: 10.0,
        line_cap: cap,
        line_join: LineJoin::Miter,
        opacity: NormalizedF32::ONE,
        dash: None,
    }
}

fn rect_path(x: f64, y: f64, w: f64, h: f64) -> Option<krilla::geom::Path> {
    let mut pb = PathBuilder::new();
    pb.push_rect(krilla::geom::Rect::from_xywh(
        x as f32 * PT,
        y as f32 * PT,
        w as f32 * PT,
        h as f32 * PT,
    )?);
    pb.finish()
}

fn draw(surface: &mut Surface, ops: &[Op], fonts: &[Font; 2]) {
    for op in ops {
        match op {
            Op::Fill { rect, gray } => {
                if let Some(path) = rect_path(rect.x, rect.y, rect.w, rect.h) {
                    surface.set_fill(Some(fill_of(*gray)));
                    surface.set_stroke(None);
                    surface.draw_path(&path);
                }
            }
            Op::Outline { rect, width } => {
                if let Some(path) = rect_path(rect.x, rect.y, rect.w, rect.h) {
                    surface.set_fill(None);
                    surface.set_stroke(Some(stroke_of(*width, 0, LineCap::Butt)));
                    surface.draw_path(&path);
                }
            }
            Op::Line {
                from,
                to,
                width,
                gray,
            } => {
                let mut pb = PathBuilder::new();
                pb.move_to(from.0 as f32 * PT, from.1 as f32 * PT);
                pb.line_to(to.0 as f32 * PT, to.1 as f32 * PT);
                if let Some(path) = pb.finish() {
                    surface.set_fill(None);
                    surface.set_stroke(Some(stroke_of(*width, *gray, LineCap::Round)));
                    surface.draw_path(&path);
                }
            }
            Op::Text {
                x,
                baseline,
                size_pt,
                face,
                text,
            } => {
                surface.set_fill(Some(fill_of(0)));
                surface.set_stroke(None);
                surface.draw_text(
                    Point::from_xy(*x as f32 * PT, *baseline as f32 * PT),
                    fonts[*face as usize].clone(),
                    *size_pt as f32,
                    text,
                    false,
                    TextDirection::LeftToRight,
                );
            }
        }
    }
}

/// A PDF titled `title` with one A4 portrait page per item of `own`, each page `common`
/// followed by its own operations. `common` is written once and referenced by every page (a
/// PDF form XObject): 3.000 ballots do not repeat the wording 3.000 times.
pub fn write(
    common: &[Op],
    own: impl IntoIterator<Item = Vec<Op>>,
    title: &str,
) -> Result<Vec<u8>, PdfError> {
    let font = |face: Face| {
        Font::new(face.bytes().into(), 0)
            .ok_or_else(|| PdfError::Krilla("the embedded font does not load".into()))
    };
    let fonts = [font(Face::Regular)?, font(Face::Bold)?];
    let mut document = Document::new();
    document.set_metadata(
        krilla::metadata::Metadata::new()
            .title(title.to_string())
            .creator("hailong".to_string()),
    );
    let settings = PageSettings::from_wh(PAGE_MM.0 as f32 * PT, PAGE_MM.1 as f32 * PT)
        .ok_or_else(|| PdfError::Krilla("page size".into()))?;
    let mut shared: Option<Graphic> = None;
    for ops in own {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        let graphic = shared.get_or_insert_with(|| {
            let mut builder = surface.stream_builder();
            let mut sub = builder.surface();
            draw(&mut sub, common, &fonts);
            sub.finish();
            Graphic::new(builder.finish(), false)
        });
        surface.draw_graphic(graphic.clone());
        draw(&mut surface, &ops, &fonts);
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| PdfError::Krilla(format!("{e:?}")))
}
