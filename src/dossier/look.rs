//! The official look of a Vietnamese administrative document, shared by every dossier sheet.
//!
//! Heading block (issuing body left, national motto right), place and date line, title, then the
//! table, then the signature block; Times New Roman; A4 with margins, header rows repeated,
//! fit to the page width. Only layout lives here: no figure is computed in this file.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

/// The font of every cell.
pub const FONT: &str = "Times New Roman";

/// Number format of counts: thousands separator, no decimals (Excel shows the reader's locale,
/// "2.842" in Vietnamese).
pub const COUNT_FMT: &str = "#,##0";
/// Number format of rates with the default two decimals ("99,93" in Vietnamese).
pub const RATE_FMT: &str = "0.00";

/// Number format of rates shown with `decimals` places: the pack's `display_decimals`, so the
/// printed cell shows the same digits as the text report ("67,9", "99,995").
pub fn rate_fmt(decimals: u32) -> String {
    if decimals == 0 {
        "0".to_string()
    } else {
        format!("0.{}", "0".repeat(decimals as usize))
    }
}

/// Who issues the document and who signs it.
#[derive(Debug, Clone)]
pub struct Heading {
    /// "ỦY BAN MTTQ VIỆT NAM XÃ CHIỀNG MUNG".
    pub issuing_body: String,
    /// "BAN THƯỜNG TRỰC".
    pub issuing_unit: String,
    /// "Chiềng Mung".
    pub place: String,
    /// The year in the date line.
    pub year: String,
    /// "CHỦ TỊCH".
    pub signer_title: String,
    /// Left blank for signing by hand unless set.
    pub signer_name: String,
}

/// The formats of a sheet.
pub struct Look {
    /// Plain text.
    pub text: Format,
    /// Wrapped text in a bordered cell.
    pub cell: Format,
    /// Centered, bordered.
    pub center: Format,
    /// Bordered count.
    pub count: Format,
    /// Bordered rate.
    pub rate: Format,
    /// Table header: bold, centered, wrapped, shaded.
    pub head: Format,
    /// Bold text.
    pub bold: Format,
    /// Bold bordered cell (total rows).
    pub bold_cell: Format,
    /// Bold bordered count.
    pub bold_count: Format,
    /// Bold bordered rate.
    pub bold_rate: Format,
    /// Italic.
    pub italic: Format,
    /// Bold centered, for headings.
    pub heading: Format,
    /// Document title.
    pub title: Format,
    /// A failing verdict: bold red.
    pub alarm: Format,
    /// Good news: bold green.
    pub good: Format,
}

impl Look {
    /// The formats, all in Times New Roman, rates with two decimals.
    pub fn new() -> Look {
        Look::with_decimals(2)
    }

    /// The formats, rates shown with `decimals` places.
    pub fn with_decimals(decimals: u32) -> Look {
        let rate_fmt = rate_fmt(decimals);
        let base = Format::new()
            .set_font_name(FONT)
            .set_font_size(12)
            .set_align(FormatAlign::VerticalCenter);
        let bordered = base.clone().set_border(FormatBorder::Thin).set_text_wrap();
        Look {
            text: base.clone(),
            cell: bordered.clone(),
            center: bordered.clone().set_align(FormatAlign::Center),
            count: bordered.clone().set_num_format(COUNT_FMT),
            rate: bordered.clone().set_num_format(&rate_fmt),
            head: bordered
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color("#DDEBF7"),
            bold: base.clone().set_bold(),
            bold_cell: bordered.clone().set_bold(),
            bold_count: bordered.clone().set_bold().set_num_format(COUNT_FMT),
            bold_rate: bordered.clone().set_bold().set_num_format(&rate_fmt),
            italic: base.clone().set_italic().set_text_wrap(),
            heading: base
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            title: base
                .clone()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            alarm: base
                .clone()
                .set_bold()
                .set_font_color("#C00000")
                .set_text_wrap(),
            good: base.set_bold().set_font_color("#006100").set_text_wrap(),
        }
    }
}

impl Default for Look {
    fn default() -> Self {
        Look::new()
    }
}

/// Merges `c1..=c2` of row `r` (or writes one cell when they are the same).
pub fn span(
    ws: &mut Worksheet,
    r: u32,
    c1: u16,
    c2: u16,
    text: &str,
    f: &Format,
) -> Result<(), XlsxError> {
    if c2 > c1 {
        ws.merge_range(r, c1, r, c2, text, f)?;
    } else {
        ws.write_string_with_format(r, c1, text, f)?;
    }
    Ok(())
}

/// Writes the heading block, the date line and the title over `cols` columns; returns the first
/// free row.
pub fn heading(
    ws: &mut Worksheet,
    look: &Look,
    h: &Heading,
    cols: u16,
    title: &[&str],
) -> Result<u32, XlsxError> {
    let half = (cols / 2).max(1);
    let right_end = cols.max(2) - 1;
    let left_end = half.saturating_sub(1);
    span(ws, 0, 0, left_end, &h.issuing_body, &look.heading)?;
    span(
        ws,
        0,
        half,
        right_end,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        &look.heading,
    )?;
    span(ws, 1, 0, left_end, &h.issuing_unit, &look.heading)?;
    span(
        ws,
        1,
        half,
        right_end,
        "Độc lập - Tự do - Hạnh phúc",
        &look.heading,
    )?;
    span(ws, 2, half, right_end, "―――――――――――――", &look.heading)?;
    let date = format!("{}, ngày ...... tháng ...... năm {}", h.place, h.year);
    span(
        ws,
        3,
        half,
        right_end,
        &date,
        &look.italic.clone().set_align(FormatAlign::Center),
    )?;
    let mut r = 5;
    for (i, line) in title.iter().enumerate() {
        let f = if i == 0 { &look.title } else { &look.heading };
        span(ws, r, 0, right_end, line, f)?;
        ws.set_row_height(r, if line.chars().count() > 90 { 36 } else { 20 })?;
        r += 1;
    }
    Ok(r + 1)
}

/// Writes the Front's signature block from row `r` on the right half; returns the next free row.
pub fn signature(
    ws: &mut Worksheet,
    look: &Look,
    h: &Heading,
    r: u32,
    cols: u16,
) -> Result<u32, XlsxError> {
    signature_for(ws, look, h, r, cols, "TM. BAN THƯỜNG TRỰC")
}

/// A signature block signed on behalf of `body` ("TM. ỦY BAN NHÂN DÂN"); returns the next row.
pub fn signature_for(
    ws: &mut Worksheet,
    look: &Look,
    h: &Heading,
    r: u32,
    cols: u16,
    body: &str,
) -> Result<u32, XlsxError> {
    let half = (cols / 2).max(1);
    let right_end = cols.max(2) - 1;
    span(ws, r, half, right_end, body, &look.heading)?;
    span(ws, r + 1, half, right_end, &h.signer_title, &look.heading)?;
    span(
        ws,
        r + 2,
        half,
        right_end,
        "(Ký, ghi rõ họ tên, đóng dấu)",
        &look.italic.clone().set_align(FormatAlign::Center),
    )?;
    span(ws, r + 6, half, right_end, &h.signer_name, &look.heading)?;
    Ok(r + 7)
}

/// A4, margins, repeated header rows, fit to width; `landscape` for wide tables.
pub fn page(
    ws: &mut Worksheet,
    landscape: bool,
    repeat: Option<(u32, u32)>,
) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    if landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_margins(0.6, 0.5, 0.7, 0.7, 0.3, 0.3);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_footer("&C&\"Times New Roman\"Trang &P/&N");
    if let Some((a, b)) = repeat {
        ws.set_repeat_rows(a, b)?;
    }
    Ok(())
}

/// The row heights a sheet sets, remembered so that its page breaks can be planned: a sheet
/// cannot be asked afterwards how tall its rows are.
#[derive(Debug, Default)]
pub struct Rows(std::collections::BTreeMap<u32, f64>);

/// Estimated height of a row the sheet leaves at its default: LibreOffice grows rows of 12 pt
/// Times New Roman a little past Excel's 15 pt, so a little more is assumed.
const DEFAULT_ROW_PT: f64 = 17.0;

impl Rows {
    /// Sets row `r`'s height on the sheet and remembers it.
    pub fn set(
        &mut self,
        ws: &mut Worksheet,
        r: u32,
        height: impl Into<f64>,
    ) -> Result<(), XlsxError> {
        let height = height.into();
        ws.set_row_height(r, height)?;
        self.0.insert(r, height);
        Ok(())
    }

    fn height(&self, r: u32) -> f64 {
        // The heading block ([`heading`]) sets its title rows to 20 or 36 pt itself.
        let default = if r < HEADING_ROWS {
            22.0
        } else {
            DEFAULT_ROW_PT
        };
        self.0.get(&r).copied().unwrap_or(default)
    }
}

/// Rows of the heading block and title, before any table.
const HEADING_ROWS: u32 = 8;

/// A4 in points, and the margins [`paper`] sets (inches).
const A4: (f64, f64) = (595.3, 841.9);
const MARGIN_LR: (f64, f64) = (0.6, 0.5);
const MARGIN_TB: (f64, f64) = (0.7, 0.7);

/// Printed width of columns `widths` (Excel character units) in points: Excel draws a column
/// of w characters as ⌊7w + 5⌋ pixels of 0.75 pt.
fn sheet_width_pt(widths: &[f64]) -> f64 {
    widths.iter().map(|w| (7.0 * w + 5.0).floor() * 0.75).sum()
}

/// Where the signature block sits: the last table row (or note) it closes, and its first row.
pub struct Closing {
    /// The last row of what the signature closes (table or note under it).
    pub last: u32,
    /// The signature block's first row (it takes 7).
    pub signature: u32,
}

/// Page setup of a commune dossier sheet: column widths, A4 portrait when they fit it and
/// landscape where they cannot, scaled down only as much as the width needs, the header rows
/// repeated, and the signature block kept on the page of the table it closes.
///
/// Pages are planned from the row heights the sheet set; when the signature could start a page
/// after the table's last row, a manual break before that row carries it to the signature's
/// page. The width stays "fit to one page wide" (LibreOffice keeps manual breaks with it, checked
/// by the PDF test; Excel is said to drop them under any "fit to", which then costs only this
/// guarantee); the scale computed here only sizes the page plan.
pub fn paper(
    ws: &mut Worksheet,
    widths: &[f64],
    repeat: Option<(u32, u32)>,
    rows: &Rows,
    closing: Closing,
) -> Result<(), XlsxError> {
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let width = sheet_width_pt(widths);
    let usable = |paper: f64| paper - (MARGIN_LR.0 + MARGIN_LR.1) * 72.0;
    let landscape = width > usable(A4.0);
    let (paper_w, paper_h) = if landscape { (A4.1, A4.0) } else { A4 };
    let scale = ((100.0 * usable(paper_w) / width).floor() - 1.0).clamp(10.0, 100.0);
    page(ws, landscape, repeat)?;
    let capacity = (paper_h - (MARGIN_TB.0 + MARGIN_TB.1) * 72.0) * 100.0 / scale;
    let repeated: f64 = repeat.map_or(0.0, |(a, b)| (a..=b).map(|r| rows.height(r)).sum());
    let end = closing.signature + 6;
    // The page each row lands on, as a renderer fills pages of `capacity` points.
    let pages = |capacity: f64| {
        let (mut page_no, mut used) = (0u32, 0.0);
        let mut on = Vec::with_capacity(end as usize + 1);
        for r in 0..=end {
            let h = rows.height(r);
            if used + h > capacity && used > 0.0 {
                page_no += 1;
                used = if repeat.is_some_and(|(_, b)| r > b) {
                    repeated
                } else {
                    0.0
                };
            }
            used += h;
            on.push(page_no);
        }
        on
    };
    // Renderers differ from the estimate by a row or two a page (LibreOffice fitted more than
    // it, Excel less): if the signature could land on a page after the table's last row under
    // any of them, the break carries that row to the signature's page.
    let alone = [0.92, 1.0, 1.08].iter().any(|f| {
        let on = pages(capacity * f);
        on[end as usize] != on[closing.last as usize]
    });
    let first_table_row = repeat.map_or(0, |(_, b)| b + 1);
    if alone && closing.last > first_table_row {
        ws.set_page_breaks(&[closing.last])?;
    }
    Ok(())
}

/// Row height (points) that shows `text` wrapped in a column `width` characters wide; Excel and
/// LibreOffice do not grow rows for wrapped text written by a program.
///
/// Lines are counted by wrapping whole words, as the renderer does, into `width − 2` characters
/// (the cell's padding and border): counting characters / width underestimated, and statements
/// were cut off in the PDF rendering (issue #15).
pub fn wrap_height(texts: &[(&str, f64)]) -> f64 {
    let lines = texts
        .iter()
        .map(|(t, w)| wrapped_lines(t, (w - 2.0).max(1.0) as usize) as f64)
        .fold(1.0, f64::max);
    16.0 * lines + 2.0
}

/// Lines `text` takes when its words are wrapped into lines of `width` characters (a word
/// longer than a line is split); explicit line breaks are kept.
pub fn wrapped_lines(text: &str, width: usize) -> usize {
    text.split('\n')
        .map(|para| {
            let (mut lines, mut used) = (1, 0usize);
            for word in para.split_whitespace() {
                let n = word.chars().count();
                let need = if used == 0 { n } else { used + 1 + n };
                if need <= width {
                    used = need;
                } else if used == 0 {
                    // A word wider than the line fills whole lines, the rest starts the next.
                    lines += (n - 1) / width;
                    used = n - (n - 1) / width * width;
                } else {
                    lines += 1 + (n.max(1) - 1) / width;
                    used = n - (n.max(1) - 1) / width * width;
                }
            }
            lines
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_whole() {
        assert_eq!(wrapped_lines("", 10), 1);
        assert_eq!(wrapped_lines("abc def", 7), 1);
        assert_eq!(wrapped_lines("abc defg", 7), 2);
        assert_eq!(wrapped_lines("abcdefghijklmno", 5), 3);
        assert_eq!(wrapped_lines("a\nb", 10), 2);
        // Counting characters says 2 lines of 38; wrapping words takes 3.
        let s = "Hệ thống thủy lợi đảm bảo tưới, tiêu chủ động; xã chủ động phòng, chống thiên tai";
        assert_eq!(wrapped_lines(s, 38), 3);
    }
}
