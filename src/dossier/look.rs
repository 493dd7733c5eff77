//! The official look of a Vietnamese administrative document, shared by every dossier sheet.
//!
//! Styles (Times New Roman, Vietnamese number formats) and the blocks every printed sheet opens
//! and closes with: the heading block of Nghị định 30/2020/NĐ-CP (issuing body under its
//! parent, underlined, "Số: …", the national motto, place and date, title), the closing
//! (recipients, signature with room for the seal and the signer's name), the sources line and
//! the one unverified note; [`super::print`] lays them out. The cell-by-cell writers (`heading`,
//! `span`, `page`) remain for sheets that are not printed for the council: the hidden provenance
//! sheet and the workbooks officers fill in. No figure is computed in this file.

use super::print::{Block, Row};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

/// The font of every cell.
pub const FONT: &str = "Times New Roman";

/// The Vietnamese locale tag of every number format: LibreOffice then prints "2.842" and
/// "99,93" whatever the printing computer's own locale (it printed "1,188" beside text reading
/// "1.188", issue #22); Excel follows the system, Vietnamese on the offices' computers.
pub const VI: &str = "[$-42A]";

/// Number format of counts: thousands separator, no decimals ("2.842").
pub const COUNT_FMT: &str = "[$-42A]#,##0";
/// Number format of rates with the default two decimals ("99,93").
pub const RATE_FMT: &str = "[$-42A]0.00";
/// Number format of figures entered by people (results of indicators): as entered ("75,5").
pub const FIGURE_FMT: &str = "[$-42A]General";

/// Number format of rates shown with `decimals` places: the pack's `display_decimals`, so the
/// printed cell shows the same digits as the text report ("67,9", "99,995").
pub fn rate_fmt(decimals: u32) -> String {
    if decimals == 0 {
        format!("{VI}0")
    } else {
        format!("{VI}0.{}", "0".repeat(decimals as usize))
    }
}

/// Who issues the document and who signs it.
#[derive(Debug, Clone, Default)]
pub struct Heading {
    /// The issuing body's upper line, its parent or its whole name: "ỦY BAN MTTQ VIỆT NAM XÃ
    /// CHIỀNG MUNG", "ỦY BAN NHÂN DÂN".
    pub issuing_body: String,
    /// The issuing body, bold and underlined: "BAN THƯỜNG TRỰC", "XÃ CHIỀNG MUNG".
    pub issuing_unit: String,
    /// "Chiềng Mung".
    pub place: String,
    /// The year in the date line.
    pub year: String,
    /// "CHỦ TỊCH".
    pub signer_title: String,
    /// Left blank for signing by hand unless set.
    pub signer_name: String,
    /// The issuer's part of a document number: "MTTQ-BTT" in "Số:     /BC-MTTQ-BTT".
    pub symbol: String,
    /// Signed on behalf of: "TM. BAN THƯỜNG TRỰC".
    pub on_behalf: String,
    /// The province, in words: "Sơn La".
    pub province: String,
}

/// What a cell looks like; [`Look::format`] gives its Excel format and [`Look::font`] the font
/// the layout measures it with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// Plain text, wrapped.
    Text,
    /// Wrapped text in a bordered cell.
    Cell,
    /// Centered, bordered.
    Center,
    /// Bordered count.
    Count,
    /// Bordered rate.
    Rate,
    /// Bordered figure entered by people (as many decimals as entered).
    Figure,
    /// Table header: bold, centered, wrapped, shaded.
    Head,
    /// Bold text.
    Bold,
    /// Bold bordered cell (total rows).
    BoldCell,
    /// Bold bordered, centered.
    BoldCenter,
    /// Bold bordered count.
    BoldCount,
    /// Bold bordered rate.
    BoldRate,
    /// A group row of a table: bold, bordered, shaded.
    Group,
    /// Italic, wrapped.
    Italic,
    /// Italic, centered.
    ItalicCenter,
    /// Bold centered, for headings.
    Heading,
    /// Centered, not bold: the issuing body's parent.
    Plain,
    /// Document title.
    Title,
    /// A failing verdict: bold red.
    Alarm,
    /// A failing verdict in a bordered cell.
    AlarmCell,
    /// Good news: bold green.
    Good,
    /// Body text of a notice: justified, wrapped.
    Paragraph,
    /// "Nơi nhận:": bold italic.
    RecipientsHead,
    /// Small text (recipients, the line naming the sources).
    Small,
    /// Small italic.
    SmallItalic,
    /// Bordered, centered percentage with this many decimals (a figure entered as "75,0%").
    Percent(u8),
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
    others: std::collections::HashMap<Style, Format>,
    /// Size of body text, points.
    body: f64,
}

/// Size of body text, points.
pub const BODY_PT: f64 = 12.0;
/// Size of small text (recipients, the sources line), points.
pub const SMALL_PT: f64 = 11.0;
/// Size of a document title, points.
pub const TITLE_PT: f64 = 14.0;

impl Look {
    /// The formats, all in Times New Roman, rates with two decimals.
    pub fn new() -> Look {
        Look::with_decimals(2)
    }

    /// The formats, rates shown with `decimals` places.
    pub fn with_decimals(decimals: u32) -> Look {
        Look::sized(decimals, BODY_PT)
    }

    /// The formats with body text at `body` points: 11 for a dense sheet that must stand on one
    /// page with its signature (well above the two thirds of 12 pt a printed page must keep).
    pub fn sized(decimals: u32, body: f64) -> Look {
        let rate_fmt = rate_fmt(decimals);
        let base = Format::new()
            .set_font_name(FONT)
            .set_font_size(body)
            .set_align(FormatAlign::VerticalCenter);
        let bordered = base.clone().set_border(FormatBorder::Thin).set_text_wrap();
        let center = bordered.clone().set_align(FormatAlign::Center);
        let small = base
            .clone()
            .set_font_size(body - (BODY_PT - SMALL_PT))
            .set_text_wrap();
        let others = [
            (Style::Text, base.clone().set_text_wrap()),
            (Style::Figure, center.clone().set_num_format(FIGURE_FMT)),
            (Style::BoldCenter, center.clone().set_bold()),
            (
                Style::Group,
                bordered.clone().set_bold().set_background_color("#F2F2F2"),
            ),
            (
                Style::ItalicCenter,
                base.clone()
                    .set_italic()
                    .set_text_wrap()
                    .set_align(FormatAlign::Center),
            ),
            (
                Style::Plain,
                base.clone().set_align(FormatAlign::Center).set_text_wrap(),
            ),
            (
                Style::AlarmCell,
                center.clone().set_bold().set_font_color("#C00000"),
            ),
            (
                Style::Paragraph,
                base.clone()
                    .set_text_wrap()
                    .set_align(FormatAlign::Justify)
                    .set_align(FormatAlign::Top),
            ),
            (Style::RecipientsHead, base.clone().set_bold().set_italic()),
            (Style::Small, small.clone()),
            (Style::SmallItalic, small.set_italic()),
        ]
        .into_iter()
        .chain((0..=3u8).map(|d| {
            let fmt = if d == 0 {
                format!("{VI}0%")
            } else {
                format!("{VI}0.{}%", "0".repeat(d as usize))
            };
            (Style::Percent(d), center.clone().set_num_format(fmt))
        }))
        .collect();
        Look {
            text: base.clone(),
            cell: bordered.clone(),
            center,
            count: bordered.clone().set_num_format(COUNT_FMT),
            rate: bordered.clone().set_num_format(&rate_fmt),
            head: bordered
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color("#DDEBF7"),
            bold: base.clone().set_bold().set_text_wrap(),
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
                .set_font_size(TITLE_PT)
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            alarm: base
                .clone()
                .set_bold()
                .set_font_color("#C00000")
                .set_text_wrap(),
            good: base.set_bold().set_font_color("#006100").set_text_wrap(),
            others,
            body,
        }
    }

    /// The Excel format of `style`.
    pub fn format(&self, style: Style) -> &Format {
        match style {
            Style::Cell => &self.cell,
            Style::Center => &self.center,
            Style::Count => &self.count,
            Style::Rate => &self.rate,
            Style::Head => &self.head,
            Style::Bold => &self.bold,
            Style::BoldCell => &self.bold_cell,
            Style::BoldCount => &self.bold_count,
            Style::BoldRate => &self.bold_rate,
            Style::Italic => &self.italic,
            Style::Heading => &self.heading,
            Style::Title => &self.title,
            Style::Alarm => &self.alarm,
            Style::Good => &self.good,
            other => self.others.get(&other).unwrap_or(&self.text),
        }
    }

    /// The font size (points) and weight the layout measures `style` with.
    pub fn font(&self, style: Style) -> (f64, bool) {
        match style {
            Style::Title => (TITLE_PT, true),
            Style::Small | Style::SmallItalic => (self.body - (BODY_PT - SMALL_PT), false),
            Style::Head
            | Style::Bold
            | Style::BoldCell
            | Style::BoldCenter
            | Style::BoldCount
            | Style::BoldRate
            | Style::Group
            | Style::Heading
            | Style::Alarm
            | Style::AlarmCell
            | Style::Good
            | Style::RecipientsHead => (self.body, true),
            _ => (self.body, false),
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

/// A4, margins, repeated header rows, fit to width, for the workbooks officers fill in (the
/// printed dossier is laid out by [`super::print`] at 100 % instead); `landscape` for wide tables.
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

/// A workbook whose default font is the dossier's, Times New Roman 12.
///
/// Column widths are stored in digits of the default font. With Excel's default, Calibri, a
/// computer without Calibri (LibreOffice on Linux) measures those digits in its substitute and
/// printed every column a fifth wider than planned, pushing the last one onto a page of its own
/// (issue #22). Times New Roman, or its metric twin Liberation Serif, is on every computer that
/// prints the dossier, so the widths planned are the widths printed.
pub fn workbook() -> Result<rust_xlsxwriter::Workbook, XlsxError> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let base = Format::new().set_font_name(FONT).set_font_size(BODY_PT);
    // 72 px columns of 8 px digits (Times New Roman 12's "0"), rows of 21 px (15,75 pt).
    wb.set_default_format(&base, 21, 72)?;
    Ok(wb)
}

/// The kind of a document, for its number: "BC" (báo cáo), "TB" (thông báo), "BB" (biểu).
#[derive(Debug, Clone, Copy)]
pub enum DocKind {
    /// Báo cáo.
    Report,
    /// Thông báo.
    Notice,
}

impl DocKind {
    fn code(self) -> &'static str {
        match self {
            DocKind::Report => "BC",
            DocKind::Notice => "TB",
        }
    }
}

/// The national motto's first line; the heading's right half is made wide enough for it.
const MOTTO: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";

/// The column where the heading's right half starts. The right half should hold the motto on
/// one line and the left the issuing body's bold line; among the splits that do, the most even;
/// else the one that falls shortest of it.
fn heading_split(widths: &[f64], body: &str) -> u16 {
    use crate::dossier::metrics::{CELL_PADDING, text_width};
    let total: f64 = widths.iter().sum();
    let need_right = text_width(MOTTO, BODY_PT, true) * 1.06 + CELL_PADDING;
    let need_left = text_width(body, BODY_PT, true) * 1.06 + CELL_PADDING;
    let mut best = (f64::MAX, 1u16);
    let mut left = 0.0;
    for (k, w) in widths
        .iter()
        .enumerate()
        .take(widths.len().saturating_sub(1))
    {
        left += w;
        let right = total - left;
        let short = (need_right - right).max(0.0) + (need_left - left).max(0.0);
        let score = short * 1000.0 + (left - right).abs();
        if score < best.0 {
            best = (score, k as u16 + 1);
        }
    }
    best.1
}

/// The heading block of an administrative document (Nghị định 30/2020/NĐ-CP): issuing body
/// left (its upper line, then the body itself in bold, underlined), the national motto right,
/// the document number and the place and date, then the title lines.
pub fn heading_block(h: &Heading, widths: &[f64], kind: DocKind, title: &[&str]) -> Vec<Block> {
    let n = widths.len() as u16;
    let k = heading_split(widths, &h.issuing_unit)
        .min(n.saturating_sub(1))
        .max(1);
    let (left, right) = ((0u16, k), (k, n - k));
    let row = |l: (&str, Style), r: (&str, Style)| {
        Row::new()
            .cell(left.0, left.1, l.0, l.1)
            .cell(right.0, right.1, r.0, r.1)
    };
    let number = format!("Số:        /{}-{}", kind.code(), h.symbol);
    let date = format!("{}, ngày ...... tháng ...... năm {}", h.place, h.year);
    let mut rows = vec![
        row((&h.issuing_body, Style::Plain), (MOTTO, Style::Heading)),
        row(
            (&h.issuing_unit, Style::Heading),
            ("Độc lập - Tự do - Hạnh phúc", Style::Heading),
        ),
        row(("――――――", Style::Plain), ("――――――――――――", Style::Plain)).at_least(14.0),
        row((&number, Style::Plain), (&date, Style::ItalicCenter)),
    ];
    if h.issuing_body.is_empty() {
        rows.remove(0);
    }
    let mut blocks = vec![Block::Rows { rows, keep: true }, Block::Gap(8.0)];
    let lines: Vec<Row> = title
        .iter()
        .enumerate()
        .map(|(i, t)| Row::one(0, n, *t, if i == 0 { Style::Title } else { Style::Heading }))
        .collect();
    blocks.push(Block::Rows {
        rows: lines,
        keep: true,
    });
    blocks.push(Block::Gap(6.0));
    blocks
}

/// The closing of a document: recipients ("Nơi nhận") left, the signature block right with
/// room for the signature and seal and a line for the signer's name, kept with the last rows of
/// the table above it.
pub fn closing_block(h: &Heading, widths: &[f64], recipients: &[&str]) -> Block {
    let n = widths.len() as u16;
    let k = heading_split(widths, &h.issuing_unit)
        .min(n.saturating_sub(1))
        .max(1);
    let name = if h.signer_name.is_empty() {
        "…………………………………"
    } else {
        h.signer_name.as_str()
    };
    let mut left: Vec<(String, Style)> = Vec::new();
    if !recipients.is_empty() {
        left.push(("Nơi nhận:".into(), Style::RecipientsHead));
        left.extend(recipients.iter().map(|r| (format!("- {r}"), Style::Small)));
    }
    // The signer's title and the instruction beside the first recipients; the rest of the list
    // runs down the room left for the signature, which a spacer completes to its height.
    let right: Vec<(&str, Style)> = vec![
        (&h.on_behalf, Style::Heading),
        (&h.signer_title, Style::Heading),
        ("(Ký, ghi rõ họ tên, đóng dấu)", Style::ItalicCenter),
    ];
    const ROOM: f64 = 56.0;
    let mut rows: Vec<Row> = Vec::new();
    for i in 0..right.len().max(left.len()) {
        let mut row = Row::new();
        if let Some((t, s)) = left.get(i) {
            row = row.cell(0, k, t.as_str(), *s);
        }
        if let Some((t, s)) = right.get(i) {
            row = row.cell(k, n - k, *t, *s);
        }
        rows.push(row);
    }
    let beside = left.len().saturating_sub(right.len()) as f64;
    rows.push(Row::new().at_least((ROOM - beside * 15.0).max(10.0)));
    rows.push(Row::one(k, n - k, name, Style::Heading));
    Block::Closing(rows)
}

/// How a printed sheet ends: the closing (recipients, signature) and the line naming its
/// sources, kept together.
pub fn ending(h: &Heading, widths: &[f64], recipients: &[&str], sources: &str) -> Vec<Block> {
    let mut out = vec![Block::Gap(10.0), closing_block(h, widths, recipients)];
    out.extend(sources_block(sources, widths));
    out
}

/// The one short line a printed document ends with, naming its data sources in words.
pub fn sources_block(text: &str, widths: &[f64]) -> Vec<Block> {
    vec![
        Block::Gap(8.0),
        Block::Rows {
            rows: vec![Row::one(0, widths.len() as u16, text, Style::SmallItalic)],
            keep: true,
        },
    ]
}

/// The one note a sheet prints when what it relies on is not checked against the official text.
pub fn unverified_block(text: &str, widths: &[f64]) -> Block {
    Block::Rows {
        rows: vec![Row::one(0, widths.len() as u16, text, Style::Italic)],
        keep: true,
    }
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
