//! `hailong template`: the canonical entry workbook for one commune and one form.
//!
//! The workbook is the tool's own preferred input: a register sheet, a ballots sheet with a
//! dropdown per item, and the items' statements. It must stay readable by `ingest` unchanged;
//! the shared names live in `layout`. It writes no data of any household.

pub mod criteria;
pub mod criteria_table;
pub mod pack;

use crate::layout::*;
use crate::model::RegisterArea;
use crate::rules::Form;
use rust_xlsxwriter::{
    DataValidation, Format, FormatAlign, FormatBorder, Note, Workbook, XlsxError,
};

/// What to put in a template.
#[derive(Debug, Clone)]
pub struct TemplateSpec<'a> {
    /// Commune name as it should appear.
    pub commune: &'a str,
    /// The form.
    pub form: &'a Form,
    /// Areas to pre-fill in the register (may be empty).
    pub areas: &'a [RegisterArea],
    /// Rows of the ballots sheet that get dropdowns.
    pub ballot_rows: u32,
    /// A line saying the data are a sample, for the demo's workbooks.
    pub sample_note: Option<&'a str>,
}

fn font() -> Format {
    Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(12)
}

/// Builds the template workbook in memory (the demo and tests add rows to it).
pub fn build(spec: &TemplateSpec) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let title = font().set_bold().set_font_size(14);
    let header = header_format();
    let cell = font().set_border(FormatBorder::Thin);
    let n_items = spec.form.item_count() as u16;

    register_sheet(&mut wb, spec)?;

    // Ballots sheet.
    let bal = wb.add_worksheet();
    bal.set_name(BALLOT_SHEET)?;
    bal.write_string_with_format(
        0,
        0,
        format!(
            "PHIẾU ĐÃ THU VỀ (mỗi dòng một phiếu) — {} — {}",
            spec.commune, spec.form.header.title
        ),
        &title,
    )?;
    if let Some(note) = spec.sample_note {
        bal.write_string_with_format(1, 0, note, &font().set_italic().set_font_color("#C00000"))?;
    }
    let hr = BALLOT_HEADER_ROW;
    bal.write_string_with_format(hr, 0, H_AREA, &header)?;
    bal.write_string_with_format(hr, 1, H_FORM_NO, &header)?;
    for item in &spec.form.items {
        let col = 1 + item.number as u16;
        bal.write_string_with_format(hr, col, item_header(item.number), &header)?;
        let label = if item.overall {
            "Câu hỏi chung: "
        } else {
            ""
        };
        let note = Note::new(format!("{label}{}", item.statement)).set_author("hailong");
        bal.insert_note(hr, col, &note)?;
        bal.set_column_width(col, 10)?;
    }
    let reason_col = 2 + n_items;
    bal.write_string_with_format(hr, reason_col, H_REASON, &header)?;
    bal.write_string_with_format(hr, reason_col + 1, H_OTHER, &header)?;
    // Where the commune declares a form invalid (a reason, or a mark): read as the `marked`
    // ground, counted only by packs that enable it.
    bal.write_string_with_format(hr, reason_col + 2, H_MARKED_INVALID, &header)?;
    bal.insert_note(
        hr,
        reason_col + 2,
        &Note::new(
            "Ghi lý do nếu phiếu không hợp lệ (tẩy xóa, không rõ hộ...); để trống nếu hợp lệ.",
        )
        .set_author("hailong"),
    )?;
    bal.set_column_width(0, 24)?;
    bal.set_column_width(1, 10)?;
    bal.set_column_width(reason_col, 36)?;
    bal.set_column_width(reason_col + 1, 36)?;
    bal.set_column_width(reason_col + 2, 24)?;
    bal.set_row_height(hr, 30)?;
    bal.set_freeze_panes(hr + 1, 2)?;
    let last = hr + spec.ballot_rows.max(1);
    let answers = DataValidation::new()
        .allow_list_strings(&[SATISFIED, DISSATISFIED])?
        .set_error_title("Giá trị không hợp lệ")?
        .set_error_message("Chọn \"Hài lòng\" hoặc \"Không hài lòng\", hoặc để trống.")?;
    bal.add_data_validation(hr + 1, 2, last, 1 + n_items, &answers)?;
    let areas_ref = format!(
        "='{REGISTER_SHEET}'!$B${}:$B${}",
        REGISTER_HEADER_ROW + 2,
        REGISTER_HEADER_ROW + 501
    );
    let area_list = DataValidation::new()
        .allow_list_formula(rust_xlsxwriter::Formula::new(areas_ref))
        .set_error_message("Chọn một khu dân cư có trong sheet \"Khu dân cư\".")?;
    bal.add_data_validation(hr + 1, 0, last, 0, &area_list)?;
    bal.set_paper_size(9);
    bal.set_landscape();
    bal.set_margins(0.5, 0.5, 0.7, 0.7, 0.3, 0.3);
    bal.set_print_fit_to_pages(1, 0);
    bal.set_repeat_rows(hr, hr)?;

    // Items sheet.
    let items = wb.add_worksheet();
    items.set_name(ITEMS_SHEET)?;
    items.write_string_with_format(0, 0, spec.form.header.title.as_str(), &title)?;
    for (c, h) in ["Câu", "Nội dung", "Tiêu chí"].iter().enumerate() {
        items.write_string_with_format(2, c as u16, *h, &header)?;
    }
    let wrap = cell.clone().set_text_wrap();
    for (i, item) in spec.form.items.iter().enumerate() {
        let r = 3 + i as u32;
        items.write_number_with_format(r, 0, item.number as f64, &cell)?;
        items.write_string_with_format(r, 1, &item.statement, &wrap)?;
        let crit = if item.overall {
            "Câu hỏi chung".to_string()
        } else {
            item.criteria.join(", ")
        };
        items.write_string_with_format(r, 2, crit, &cell)?;
    }
    items.set_column_width(0, 6)?;
    items.set_column_width(1, 90)?;
    items.set_column_width(2, 14)?;
    items.set_paper_size(9);
    items.set_print_fit_to_pages(1, 0);
    Ok(wb)
}

/// Writes the register sheet ("Khu dân cư") of the canonical workbook.
pub fn register_sheet(wb: &mut Workbook, spec: &TemplateSpec) -> Result<(), XlsxError> {
    let title = font().set_bold().set_font_size(14);
    let bold = font().set_bold();
    let header = header_format();
    let cell = font().set_border(FormatBorder::Thin);
    let reg = wb.add_worksheet();
    reg.set_name(REGISTER_SHEET)?;
    reg.write_string_with_format(
        0,
        0,
        "DANH SÁCH KHU DÂN CƯ VÀ SỐ HỘ TẠI THỜI ĐIỂM PHÁT PHIẾU",
        &title,
    )?;
    reg.write_string_with_format(1, 0, COMMUNE_LABEL, &bold)?;
    reg.write_string_with_format(1, 1, spec.commune, &font())?;
    reg.write_string_with_format(2, 0, FORM_LABEL, &bold)?;
    reg.write_string_with_format(2, 1, spec.form.id(), &font())?;
    reg.write_string_with_format(2, 2, &spec.form.header.title, &font().set_italic())?;
    if let Some(note) = spec.sample_note {
        reg.write_string_with_format(3, 0, note, &font().set_italic().set_font_color("#C00000"))?;
    }
    let hr = REGISTER_HEADER_ROW;
    for (c, h) in [H_STT, H_AREA, H_HOUSEHOLDS, H_ISSUED].iter().enumerate() {
        reg.write_string_with_format(hr, c as u16, *h, &header)?;
    }
    for (i, a) in spec.areas.iter().enumerate() {
        let r = hr + 1 + i as u32;
        reg.write_number_with_format(r, 0, (i + 1) as f64, &cell)?;
        reg.write_string_with_format(r, 1, &a.area, &cell)?;
        reg.write_number_with_format(r, 2, a.households as f64, &cell)?;
        if let Some(n) = a.forms_issued {
            reg.write_number_with_format(r, 3, n as f64, &cell)?;
        }
    }
    reg.set_column_width(0, 8)?;
    reg.set_column_width(1, 32)?;
    reg.set_column_width(2, 14)?;
    reg.set_column_width(3, 16)?;
    reg.set_freeze_panes(hr + 1, 0)?;
    reg.set_paper_size(9);
    reg.set_margins(0.6, 0.6, 0.8, 0.8, 0.3, 0.3);
    reg.set_print_fit_to_pages(1, 0);
    reg.set_repeat_rows(hr, hr)?;
    let nonneg = DataValidation::new()
        .allow_whole_number(rust_xlsxwriter::DataValidationRule::GreaterThanOrEqualTo(0))
        .set_error_message("Nhập số nguyên không âm")?;
    reg.add_data_validation(hr + 1, 2, hr + 500, 3, &nonneg)?;

    Ok(())
}

fn header_format() -> Format {
    font()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color("#DDEBF7")
}
