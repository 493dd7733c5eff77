//! The ballot's typeface, embedded: Liberation Serif (SIL Open Font License 1.1, see
//! `assets/fonts/LICENSE-Liberation.txt`), which has every Vietnamese letter precomposed.
//!
//! The layout measures text with these metrics, the raster renderer draws these outlines and
//! the PDF embeds (a subset of) these very files, so a line that fits on screen fits on paper.
//! This module only measures and wraps; it draws nothing.

use ab_glyph::{Font, FontRef};
use std::sync::OnceLock;

/// Millimetres per typographic point.
pub const MM_PER_PT: f64 = 25.4 / 72.0;

/// Line height as a multiple of the font size.
pub const LEADING: f64 = 1.2;

/// The two faces a ballot uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    /// Body text.
    Regular,
    /// Title and column heads.
    Bold,
}

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf");

impl Face {
    /// The font file.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => REGULAR,
            Face::Bold => BOLD,
        }
    }

    /// The parsed font.
    pub fn font(self) -> &'static FontRef<'static> {
        static FONTS: OnceLock<[FontRef<'static>; 2]> = OnceLock::new();
        let fonts = FONTS.get_or_init(|| {
            // Both files are compiled in and parsed by a unit test: this cannot fail at run time.
            [REGULAR, BOLD].map(|b| FontRef::try_from_slice(b).expect("embedded font parses"))
        });
        &fonts[self as usize]
    }

    /// Font units per em.
    pub fn units_per_em(self) -> f64 {
        f64::from(self.font().units_per_em().unwrap_or(2048.0))
    }

    /// Ascent of a `size_pt` font, in millimetres (baseline to the top of tall letters).
    pub fn ascent_mm(self, size_pt: f64) -> f64 {
        f64::from(self.font().ascent_unscaled()) / self.units_per_em() * size_pt * MM_PER_PT
    }

    /// Width of `text` set at `size_pt`, in millimetres, kerning included.
    pub fn width_mm(self, text: &str, size_pt: f64) -> f64 {
        let font = self.font();
        let mut units = 0.0f64;
        let mut prev = None;
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(p) = prev {
                units += f64::from(font.kern_unscaled(p, id));
            }
            units += f64::from(font.h_advance_unscaled(id));
            prev = Some(id);
        }
        units / self.units_per_em() * size_pt * MM_PER_PT
    }

    /// `text` broken into lines no wider than `width_mm` at `size_pt`: greedily at spaces, a
    /// word wider than a line broken between letters.
    pub fn wrap(self, text: &str, size_pt: f64, width_mm: f64) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if self.width_mm(&candidate, size_pt) <= width_mm {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                line.push(c);
                if self.width_mm(&line, size_pt) > width_mm && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::replace(&mut line, c.to_string()));
                }
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_parse_and_hold_vietnamese_letters() {
        for face in [Face::Regular, Face::Bold] {
            for c in "ĐđƯưƠơẠạẢảẤấẦầẨẩẪẫẬậỆệỘộỰựỸỹ".chars()
            {
                assert_ne!(face.font().glyph_id(c).0, 0, "{face:?} lacks {c}");
            }
        }
    }

    #[test]
    fn wrap_keeps_every_word_and_every_line_fits() {
        let text = "Đường giao thông trên địa bàn xã (đường xã, đường thôn, bản, ngõ xóm, nội \
                    đồng) được cứng hóa, đi lại thuận tiện quanh năm";
        let lines = Face::Regular.wrap(text, 10.0, 60.0);
        assert!(lines.len() >= 2);
        assert_eq!(lines.join(" "), text);
        for l in &lines {
            assert!(Face::Regular.width_mm(l, 10.0) <= 60.0, "{l}");
        }
        // 10 pt is about 3,5 mm: an em-wide letter.
        let m = Face::Regular.width_mm("M", 10.0);
        assert!((2.5..3.6).contains(&m), "{m}");
    }
}
