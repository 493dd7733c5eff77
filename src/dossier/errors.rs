//! `--errors-xlsx`: the problems of an import or check as a workbook people can fix from, with
//! a second sheet holding how each file was read.

use crate::i18n::{Label, Lang};
use crate::ingest::FileReport;
use rust_xlsxwriter::{Format, FormatBorder, Workbook, XlsxError};

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Builds one row per problem: file, sheet, cell, severity, message, value.
pub fn build(files: &[FileReport], lang: Lang) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let font = Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(12);
    let head = font
        .clone()
        .set_bold()
        .set_background_color("#DDEBF7")
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let ws = wb.add_worksheet();
    ws.set_name(Label::ErrorsSheet.text(lang))?;
    for (c, h) in Label::ErrorsHeaders.text(lang).split('|').enumerate() {
        ws.write_string_with_format(0, c as u16, h, &head)?;
    }
    let mut r = 1;
    for f in files {
        for p in &f.problems {
            let sev = capitalized(p.severity.label().text(lang));
            let cells = [
                p.location.file.as_str(),
                p.location.sheet.as_deref().unwrap_or(""),
                p.location.cell.as_deref().unwrap_or(""),
                &sev,
                &p.message(lang),
                p.value.as_deref().unwrap_or(""),
            ];
            for (c, v) in cells.iter().enumerate() {
                ws.write_string_with_format(r, c as u16, *v, &font)?;
            }
            r += 1;
        }
    }
    ws.set_column_width(0, 28)?;
    ws.set_column_width(1, 16)?;
    ws.set_column_width(2, 8)?;
    ws.set_column_width(3, 14)?;
    ws.set_column_width(4, 90)?;
    ws.set_column_width(5, 24)?;
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, r.max(1) - 1, 5)?;
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);

    // What the reader decided, file by file: the same reading `hailong check` prints.
    let ws = wb.add_worksheet();
    ws.set_name(Label::ReadingSheet.text(lang))?;
    for (c, h) in Label::ReadingHeaders.text(lang).split('|').enumerate() {
        ws.write_string_with_format(0, c as u16, h, &head)?;
    }
    let mut r = 1;
    for f in files {
        for row in f.reading.rows(lang) {
            ws.write_string_with_format(r, 0, &f.file, &font)?;
            for (c, v) in row.iter().enumerate() {
                ws.write_string_with_format(r, c as u16 + 1, v, &font)?;
            }
            r += 1;
        }
    }
    for (c, w) in [28.0, 16.0, 16.0, 18.0, 80.0].into_iter().enumerate() {
        ws.set_column_width(c as u16, w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, r.max(1) - 1, 4)?;
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    Ok(wb)
}
