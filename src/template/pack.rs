//! `hailong template --pack`: the entry workbook of a survey pack for one unit. Sheet "Phiếu":
//! the unit ("Xã:") and the pack above a header row `STT · Khu dân cư · Q1. … · … · Trọng số ·
//! Giới tính · Nhóm tuổi`, one row per respondent, each item with a dropdown of its scale's
//! labels (codes may be typed instead: the dropdown only warns). Sheet "Thang đo": every scale's
//! codes and labels, which the dropdowns list. `ingest::pack` reads it back.

use crate::rules::survey::SurveyPack;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, Format, FormatAlign, FormatBorder, Formula, Workbook,
    XlsxError,
};

/// The answers sheet.
pub const SHEET: &str = "Phiếu";
/// The scales sheet.
pub const SCALES_SHEET: &str = "Thang đo";
/// The header's row (0-based).
pub const HEADER_ROW: u32 = 4;

/// What to put in the workbook.
#[derive(Debug, Clone)]
pub struct PackTemplate<'a> {
    /// The pack.
    pub pack: &'a SurveyPack,
    /// The unit's name.
    pub commune: &'a str,
    /// Residential areas offered in the area column's dropdown.
    pub areas: &'a [String],
    /// Rows given dropdowns.
    pub rows: u32,
}

fn font() -> Format {
    Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(12)
}

/// Builds the workbook in memory.
pub fn build(t: &PackTemplate) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let pack = t.pack;
    let header = font()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color("#DDEBF7");
    let bold = font().set_bold();

    // The scales sheet first in memory (the answers sheet refers to it), shown second.
    let mut ranges: Vec<Option<String>> = Vec::new();
    {
        let sc = wb.add_worksheet();
        sc.set_name(SCALES_SHEET)?;
        sc.write_string_with_format(0, 0, "Mã", &header)?;
        sc.write_string_with_format(0, 1, "Nhãn", &header)?;
        sc.write_string_with_format(0, 2, "Thang đo", &header)?;
        sc.write_string_with_format(0, 3, "Cách tính", &header)?;
        sc.set_column_width(1, 34)?;
        sc.set_column_width(3, 40)?;
        let mut r = 1u32;
        for s in &pack.scales {
            if s.points.is_empty() {
                let ends = format!(
                    "{}–{}{}",
                    s.min,
                    s.max,
                    match (&s.min_label, &s.max_label) {
                        (Some(a), Some(b)) => format!(" ({} = {a}; {} = {b})", s.min, s.max),
                        _ => String::new(),
                    }
                );
                sc.write_string_with_format(r, 0, &ends, &font())?;
                sc.write_string_with_format(r, 2, &s.id, &font())?;
                sc.write_string_with_format(r, 3, "ghi số", &font())?;
                r += 1;
            }
            let listed_from = r;
            for (p, how) in s
                .points
                .iter()
                .map(|p| (p, "tính điểm"))
                .chain(
                    s.unscored
                        .iter()
                        .map(|p| (p, "tính vào mẫu số tỷ lệ, không tính điểm")),
                )
                .chain(s.missing.iter().map(|p| (p, "không tính vào mẫu số")))
            {
                sc.write_number_with_format(r, 0, p.code as f64, &font())?;
                sc.write_string_with_format(r, 1, &p.label, &font())?;
                sc.write_string_with_format(r, 2, &s.id, &font())?;
                sc.write_string_with_format(r, 3, how, &font())?;
                r += 1;
            }
            ranges.push(
                (r > listed_from && !s.points.is_empty())
                    .then(|| format!("='{SCALES_SHEET}'!$B${}:$B${}", listed_from + 1, r)),
            );
        }
    }

    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    ws.write_string_with_format(0, 0, "Xã:", &bold)?;
    ws.write_string_with_format(0, 1, t.commune, &bold)?;
    ws.write_string_with_format(1, 0, "Bộ khảo sát:", &bold)?;
    ws.write_string_with_format(1, 1, &pack.id, &font())?;
    ws.write_string_with_format(2, 0, &pack.title, &bold)?;
    if pack.relies_on_unverified() {
        ws.write_string_with_format(
            3,
            0,
            "Bộ khảo sát chưa được đối chiếu với văn bản gốc (verified = false).",
            &font().set_italic(),
        )?;
    }
    let hr = HEADER_ROW;
    ws.write_string_with_format(hr, 0, "STT", &header)?;
    ws.write_string_with_format(hr, 1, "Khu dân cư", &header)?;
    ws.set_column_width(0, 6)?;
    ws.set_column_width(1, 22)?;
    let first_item = 2u16;
    for (i, it) in pack.items.iter().enumerate() {
        let c = first_item + i as u16;
        ws.write_string_with_format(hr, c, format!("{}. {}", it.id, it.text), &header)?;
        ws.set_column_width(c, 18)?;
    }
    let after = first_item + pack.items.len() as u16;
    for (k, name) in ["Trọng số", "Giới tính", "Nhóm tuổi"].iter().enumerate() {
        ws.write_string_with_format(hr, after + k as u16, *name, &header)?;
        ws.set_column_width(after + k as u16, 12)?;
    }
    ws.set_row_height(hr, 90)?;
    ws.set_freeze_panes(hr + 1, 2)?;
    let last = hr + t.rows.max(1);
    for (i, it) in pack.items.iter().enumerate() {
        let c = first_item + i as u16;
        let s = &pack.scales[it.scale];
        let v = match &ranges[it.scale] {
            Some(range) => DataValidation::new().allow_list_formula(Formula::new(range.clone())),
            None => DataValidation::new().allow_whole_number(
                rust_xlsxwriter::DataValidationRule::Between(s.min as i32, s.max as i32),
            ),
        };
        let v = v
            .set_error_style(DataValidationErrorStyle::Information)
            .set_error_title("Kiểm tra câu trả lời")?
            .set_error_message(
                "Chọn một mức trong danh sách hoặc gõ mã của mức (xem sheet \"Thang đo\").",
            )?;
        ws.add_data_validation(hr + 1, c, last, c, &v)?;
    }
    if !t.areas.is_empty() {
        let names: Vec<&str> = t.areas.iter().map(String::as_str).collect();
        if names.iter().map(|n| n.len() + 1).sum::<usize>() < 250 {
            let v = DataValidation::new()
                .allow_list_strings(&names)?
                .set_error_style(DataValidationErrorStyle::Warning);
            ws.add_data_validation(hr + 1, 1, last, 1, &v)?;
        }
    }
    ws.set_active(true);
    Ok(wb)
}

/// One respondent's row of a filled workbook: area, codes in the order of the pack's items
/// (`None` blank), weight as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilledRow {
    /// Residential area.
    pub area: String,
    /// Codes.
    pub codes: Vec<Option<i64>>,
    /// Weight as typed, if any.
    pub weight: Option<String>,
}

/// The entry workbook of `t` filled with `rows`, as a commune's officers would (the demo's
/// sample answers): a labelled code written as its label, a number as a number.
pub fn filled(t: &PackTemplate, rows: &[FilledRow]) -> Result<Workbook, XlsxError> {
    let mut wb = build(t)?;
    let pack = t.pack;
    let ws = wb.worksheet_from_name(SHEET)?;
    let weight_col = 2 + pack.items.len() as u16;
    for (k, row) in rows.iter().enumerate() {
        let r = HEADER_ROW + 1 + k as u32;
        ws.write_number_with_format(r, 0, (k + 1) as f64, &font())?;
        ws.write_string_with_format(r, 1, &row.area, &font())?;
        for (i, (it, code)) in pack.items.iter().zip(&row.codes).enumerate() {
            let Some(code) = code else { continue };
            let c = 2 + i as u16;
            match pack.scales[it.scale].labelled().find(|p| p.code == *code) {
                Some(p) => ws.write_string_with_format(r, c, &p.label, &font())?,
                None => ws.write_number_with_format(r, c, *code as f64, &font())?,
            };
        }
        if let Some(w) = &row.weight {
            ws.write_string_with_format(r, weight_col, w, &font())?;
        }
    }
    Ok(wb)
}
