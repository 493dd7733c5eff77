//! How much room printed text takes: widths of the dossier's font and line wrapping by words.
//!
//! Excel and LibreOffice do not grow a row for wrapped text a program writes, and shrinking a
//! sheet to fit the paper made text illegible (issue #22), so every row height and page break is
//! planned from these measures. They must err wide: a row sized too tall wastes a little paper, a
//! row sized too short cuts text on a signed page.

use super::metrics_table::WIDTHS;

/// Padding inside a bordered cell, left plus right, in points.
pub const CELL_PADDING: f64 = 7.0;

/// Width of `text` set in the dossier's font at `size` points, in points.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    text.chars().map(|c| char_width(c, bold)).sum::<f64>() * size / 1000.0
}

/// Advance width of `c` in thousandths of an em; a character the table lacks counts as a wide
/// letter.
fn char_width(c: char, bold: bool) -> f64 {
    match WIDTHS.binary_search_by_key(&c, |(k, _, _)| *k) {
        Ok(i) => {
            let (_, regular, b) = WIDTHS[i];
            f64::from(if bold { b } else { regular })
        }
        Err(_) if c.is_whitespace() => 250.0,
        Err(_) if (c as u32) < 0x0300 || ('\u{0300}'..='\u{036F}').contains(&c) => {
            // Combining marks (text not in NFC) take no room.
            if ('\u{0300}'..='\u{036F}').contains(&c) {
                0.0
            } else {
                722.0
            }
        }
        Err(_) => 1000.0,
    }
}

/// Lines `text` takes when its words are wrapped into `width` points at `size` (explicit line
/// breaks kept; a word wider than a line is broken, as the renderers do).
pub fn lines(text: &str, width: f64, size: f64, bold: bool) -> usize {
    // 3 % to spare: renderers kern and hint differently from the advance widths.
    let width = (width / 1.03).max(size);
    let space = text_width(" ", size, bold);
    text.split('\n')
        .map(|para| {
            let (mut lines, mut used) = (1usize, 0.0f64);
            for word in para.split_whitespace() {
                let w = text_width(word, size, bold);
                if used == 0.0 {
                    used = w;
                } else if used + space + w <= width {
                    used += space + w;
                    continue;
                } else {
                    lines += 1;
                    used = w;
                }
                // A word wider than the line fills whole lines; the rest starts the next.
                while used > width {
                    lines += 1;
                    used -= width;
                }
            }
            lines
        })
        .sum()
}

/// Height of one line of text at `size` points: what LibreOffice and Excel give a line of
/// Times New Roman, with a little to spare.
pub fn line_height(size: f64) -> f64 {
    size * 1.25
}

/// Height of a row that shows `text` wrapped into `width` points at `size`.
pub fn height(text: &str, width: f64, size: f64, bold: bool) -> f64 {
    lines(text, width, size, bold) as f64 * line_height(size) + 3.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_for_binary_search() {
        assert!(WIDTHS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn widths_follow_the_font() {
        // Times New Roman: "a" is 444/1000 em, "W" 944; bold is wider.
        assert!((text_width("a", 12.0, false) - 5.328).abs() < 0.01);
        assert!(text_width("W", 12.0, false) > text_width("i", 12.0, false) * 3.0);
        assert!(text_width("Đạt", 12.0, true) > text_width("Đạt", 12.0, false));
        // Decomposed and composed Vietnamese measure alike enough.
        let nfd = "Vie\u{0302}\u{0323}t";
        assert!((text_width(nfd, 12.0, false) - text_width("Việt", 12.0, false)).abs() < 3.0);
    }

    #[test]
    fn words_wrap_whole() {
        assert_eq!(lines("", 100.0, 12.0, false), 1);
        assert_eq!(lines("a\nb", 100.0, 12.0, false), 2);
        let s = "Hệ thống thủy lợi đảm bảo tưới, tiêu chủ động; xã chủ động phòng, chống thiên tai";
        let one = text_width(s, 12.0, false);
        assert_eq!(lines(s, one * 1.1, 12.0, false), 1);
        assert_eq!(lines(s, one * 0.6, 12.0, false), 2);
        assert!(lines(s, one * 0.3, 12.0, false) >= 4);
        // A word wider than the line is broken across lines.
        assert_eq!(lines("mmmmmmmmmmmmmmmmmmmm", 60.0, 12.0, false), 4);
    }
}
