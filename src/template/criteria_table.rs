//! `hailong criteria template`: the table of a criteria set for a province to check against its
//! own decision, pre-filled with the set in force (the shipped draft, or the province's table
//! imported earlier) so that the officer corrects rather than types. `hailong criteria import`
//! reads it back (`ingest::criteria_table`), by the meaning of its headers.
//!
//! One sheet: a header area for the province's document and the person importing it, then one
//! row per indicator. A target no source gives is left empty, the draft's guess shown in a grey
//! note column that the import does not read. No formula (a formula saved without its value
//! would read as blank).

use crate::dossier::look::{Look, page, span, wrapped_lines};
use crate::rules::CriteriaSet;
use rust_xlsxwriter::{DataValidation, FormatAlign, Workbook, XlsxError};

/// Sheet name.
pub const SHEET: &str = "Bảng tiêu chí";

/// The header of the table.
pub const HEADERS: [&str; 8] = [
    "TT",
    "Tên tiêu chí",
    "Mã chỉ tiêu",
    "Nội dung chỉ tiêu",
    "Chỉ tiêu",
    "Văn bản căn cứ",
    "Đã đối chiếu (x)",
    "Ghi chú (bản dự thảo, không nhập)",
];

/// The label of the province's document, read back by the import.
pub const DOCUMENT_LABEL: &str = "Văn bản của tỉnh:";
/// The label of the person importing it, read back by the import.
pub const IMPORTER_LABEL: &str = "Người nhập:";
/// Row (0-based) of the table's header.
pub const HEADER_ROW: u32 = 8;

/// What to write.
pub struct CriteriaTable<'a> {
    /// The set in force, whose rows pre-fill the table.
    pub set: &'a CriteriaSet,
    /// Whether `set` is the province's table imported earlier (its document and rows are then
    /// pre-filled as imported); else the shipped draft.
    pub imported: bool,
}

/// Builds the workbook in memory.
pub fn build(t: &CriteriaTable) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let look = Look::new();
    let set = t.set;
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    let last = HEADERS.len() as u16 - 1;
    span(
        ws,
        0,
        0,
        last,
        "BẢNG TIÊU CHÍ THEO VĂN BẢN CỦA TỈNH",
        &look.title,
    )?;
    span(
        ws,
        1,
        0,
        last,
        &format!("{} ({})", set.header.title, set.header.legal_basis),
        &look.italic.clone().set_align(FormatAlign::Center),
    )?;
    let input = look.cell.clone().set_background_color("#FFF2CC");
    ws.write_string_with_format(3, 0, DOCUMENT_LABEL, &look.bold)?;
    let document = if t.imported {
        set.header.document.clone().unwrap_or_default()
    } else {
        String::new()
    };
    ws.merge_range(3, 2, 3, 5, &document, &input)?;
    ws.write_string_with_format(4, 0, IMPORTER_LABEL, &look.bold)?;
    let by = if t.imported {
        set.header.imported_by.clone().unwrap_or_default()
    } else {
        String::new()
    };
    ws.merge_range(4, 2, 4, 5, &by, &input)?;
    let hint = look.italic.clone();
    ws.write_string_with_format(
        5,
        0,
        "Ghi số, ngày, cơ quan ban hành văn bản của tỉnh, ví dụ: Quyết định 1002/QĐ-UBND ngày 06/6/2022 của UBND tỉnh Sơn La. Người nhập: họ tên, chức vụ.",
        &hint,
    )?;
    let region = set.region().unwrap_or("toàn quốc");
    ws.write_string_with_format(
        6,
        0,
        format!(
            "Sửa nội dung và mức chỉ tiêu (vùng {region}) cho đúng văn bản; đánh dấu x ở cột “Đã đối chiếu” từng dòng đã đối chiếu. Cột “Văn bản căn cứ” để trống: theo văn bản của tỉnh ở trên. Không thêm, bớt chỉ tiêu."
        ),
        &hint,
    )?;
    let hr = HEADER_ROW;
    for (c, head) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(hr, c as u16, *head, &look.head)?;
    }
    ws.set_row_height(hr, 32)?;
    let text_cell = look.cell.clone().set_num_format("@");
    let code = text_cell.clone().set_align(FormatAlign::Center);
    let editable = text_cell.clone().set_background_color("#FFF2CC");
    let editable_center = editable.clone().set_align(FormatAlign::Center);
    let note = look
        .italic
        .clone()
        .set_font_color("#808080")
        .set_text_wrap()
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let mut r = hr + 1;
    for c in &set.criteria {
        for i in &c.indicators {
            // Codes as text: "17.10" typed as a number would read back as 17.1.
            ws.write_string_with_format(r, 0, &c.code, &code)?;
            ws.write_string_with_format(r, 1, &c.name, &text_cell)?;
            ws.write_string_with_format(r, 2, &i.code, &code)?;
            ws.write_string_with_format(r, 3, &i.name, &editable)?;
            ws.write_string_with_format(r, 4, &i.target, &editable_center)?;
            let source = if t.imported && i.verified {
                i.source.as_str()
            } else {
                ""
            };
            ws.write_string_with_format(r, 5, source, &editable)?;
            let checked = if t.imported && i.verified { "x" } else { "" };
            ws.write_string_with_format(r, 6, checked, &editable_center)?;
            let mut remark = Vec::new();
            if i.target.trim().is_empty() {
                remark.push("chưa có mức chỉ tiêu".to_string());
            }
            if let Some(d) = &i.draft_target {
                remark.push(format!("dự thảo: {d}"));
            }
            if !i.verified {
                remark.push("chưa đối chiếu".to_string());
            }
            ws.write_string_with_format(r, 7, remark.join("; "), &note)?;
            let lines = wrapped_lines(&i.name, 52).max(1);
            ws.set_row_height(r, 16.0 * lines as f64 + 2.0)?;
            r += 1;
        }
    }
    if r > hr + 1 {
        let mark = DataValidation::new()
            .allow_list_strings(&["x"])?
            .ignore_blank(true);
        ws.add_data_validation(hr + 1, 6, r - 1, 6, &mark)?;
    }
    for (c, w) in [6.0, 22.0, 9.0, 56.0, 16.0, 30.0, 11.0, 24.0]
        .iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(hr + 1, 0)?;
    page(ws, true, Some((hr, hr)))?;
    Ok(wb)
}
