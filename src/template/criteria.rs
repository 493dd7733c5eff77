//! `hailong template --criteria`: the self-assessment workbook of one commune for one criteria
//! set, which the commune fills and `import` reads back.
//!
//! Three sheets: the indicators with their targets looked up for the commune's region or
//! group ("Tự đánh giá"), the public postings of the commune's report ("Công khai") and the
//! conditions the commune declares ("Điều kiện công nhận"). Targets are written by hailong,
//! never typed by the commune. The headers are the ones `ingest::criteria` recognises; the
//! workbook holds no formula (a formula saved without its value would read as blank).

use crate::dossier::look::{Heading, Look, heading, page, span};
use crate::rules::schema::{ConditionDef, ConditionKind};
use crate::rules::{AssessRow, CriteriaSet};
use rust_xlsxwriter::{DataValidation, Format, FormatAlign, Workbook, XlsxError};
use std::path::Path;

/// Sheet names.
pub const SHEET_INDICATORS: &str = "Tự đánh giá";
/// Sheet of the public postings.
pub const SHEET_POSTING: &str = "Công khai";
/// Sheet of the declared conditions.
pub const SHEET_CONDITIONS: &str = "Điều kiện công nhận";

/// The header of the indicators table.
pub const HEADERS: [&str; 8] = [
    "STT",
    "Tiêu chí",
    "Mã chỉ tiêu",
    "Nội dung chỉ tiêu",
    "Chỉ tiêu quy định",
    "Kết quả thực hiện",
    "Tự đánh giá",
    "Minh chứng, ghi chú",
];

/// What to write.
pub struct CriteriaTemplate<'a> {
    /// Canonical commune name ("Xã Chiềng Mung").
    pub commune: &'a str,
    /// The criteria set.
    pub set: &'a CriteriaSet,
    /// The commune group, for a set with groups (`None`: the commune chooses it in the sheet).
    pub group: Option<&'a str>,
    /// The conditions of recognition (those `declared` get a row to fill).
    pub conditions: &'a [ConditionDef],
    /// Rows prepared for postings.
    pub posting_rows: u32,
    /// Values to fill in (the demo's sample communes); `None` for a blank workbook.
    pub fill: Option<&'a Filled>,
}

/// What a filled-in workbook says (the demo's samples are written this way).
#[derive(Debug, Clone, Default)]
pub struct Filled {
    /// Indicator code → (result, self-assessment, evidence).
    pub results: std::collections::BTreeMap<String, (String, bool, String)>,
    /// Postings: (day, form, place).
    pub postings: Vec<(crate::date::Day, String, String)>,
    /// Declared conditions: (condition id, declared met, document).
    pub declarations: Vec<(String, bool, String)>,
}

fn yes_no_word(b: bool) -> &'static str {
    if b { "Đạt" } else { "Chưa đạt" }
}

/// Where the indicators table starts (0-based row of its header).
pub const HEADER_ROW: u32 = 12;

/// Writes the workbook to `out`.
pub fn write(t: &CriteriaTemplate, out: &Path) -> Result<(), XlsxError> {
    build(t)?.save(out)
}

/// Builds the workbook in memory.
pub fn build(t: &CriteriaTemplate) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let look = Look::new();
    indicators(&mut wb, &look, t)?;
    postings(&mut wb, &look, t)?;
    conditions(&mut wb, &look, t)?;
    Ok(wb)
}

fn commune_heading(commune: &str) -> Heading {
    Heading {
        issuing_body: "ỦY BAN NHÂN DÂN".into(),
        issuing_unit: commune.to_uppercase(),
        place: commune.trim_start_matches("Xã ").to_string(),
        year: crate::store::now_utc()[..4].to_string(),
        signer_title: "CHỦ TỊCH".into(),
        signer_name: String::new(),
        ..Heading::default()
    }
}

fn yes_no_list() -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_list_strings(&["Đạt", "Chưa đạt"])?
        .set_error_title("Giá trị không hợp lệ")?
        .set_error_message("Chọn \"Đạt\" hoặc \"Chưa đạt\".")
}

fn indicators(wb: &mut Workbook, look: &Look, t: &CriteriaTemplate) -> Result<(), XlsxError> {
    let set = t.set;
    let ws = wb.add_worksheet();
    ws.set_name(SHEET_INDICATORS)?;
    let cols = HEADERS.len() as u16;
    let h = commune_heading(t.commune);
    let r = heading(
        ws,
        look,
        &h,
        cols,
        &[
            "BIỂU CHI TIẾT KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ (TỰ ĐÁNH GIÁ)",
            &set.header.title,
        ],
    )?;
    // Labelled lines: `import` reads the commune, the set and the group from them.
    let name = t.commune.strip_prefix("Xã ").unwrap_or(t.commune);
    ws.write_string_with_format(r, 0, format!("Xã: {name}"), &look.bold)?;
    ws.write_string_with_format(
        r + 1,
        0,
        format!(
            "Bộ tiêu chí: {} — {}",
            set.header.id, set.header.legal_basis
        ),
        &look.text,
    )?;
    if set.header.commune_groups.is_empty() {
        let region = set.region().unwrap_or("(toàn quốc)");
        ws.write_string_with_format(r + 2, 0, format!("Vùng: {region}"), &look.text)?;
    } else {
        ws.write_string_with_format(r + 2, 0, "Nhóm xã:", &look.bold)?;
        let group_cell = look.cell.clone().set_background_color("#FFF2CC");
        ws.merge_range(r + 2, 1, r + 2, 4, t.group.unwrap_or(""), &group_cell)?;
        let groups: Vec<&str> = set
            .header
            .commune_groups
            .iter()
            .map(String::as_str)
            .collect();
        // Excel limits an inline list to 255 characters: the numbers are enough to choose by.
        let short: Vec<String> = (1..=groups.len()).map(|n| format!("Nhóm {n}")).collect();
        let list = if groups.iter().map(|g| g.len() + 1).sum::<usize>() < 250 {
            groups.iter().map(|g| g.to_string()).collect::<Vec<_>>()
        } else {
            short
        };
        let dv = DataValidation::new().allow_list_strings(&list)?;
        ws.add_data_validation(r + 2, 1, r + 2, 1, &dv)?;
        ws.write_string_with_format(
            r + 3,
            0,
            format!("Nhóm xã là một trong: {}.", groups.join("; ")),
            &look.italic,
        )?;
    }
    let hr = HEADER_ROW.max(r + 5);
    for (c, head) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(hr, c as u16, *head, &look.head)?;
    }
    ws.set_row_height(hr, 32)?;
    let rows = set.rows(t.group);
    let text_cell = look.cell.clone().set_num_format("@");
    let input = text_cell.clone().set_background_color("#FFF2CC");
    let center = look.center.clone();
    let group_row = look.bold_cell.clone().set_background_color("#F2F2F2");
    let mut r = hr + 1;
    let mut stt = 0;
    let mut current_group = "";
    for c in &set.criteria {
        if c.group != current_group {
            current_group = &c.group;
            ws.write_string_with_format(r, 0, &c.group, &group_row)?;
            span(ws, r, 1, cols - 1, set.group_name(&c.group), &group_row)?;
            r += 1;
        }
        let mine: Vec<&AssessRow> = rows.iter().filter(|x| x.criterion == c.code).collect();
        let first = r;
        for row in &mine {
            stt += 1;
            ws.write_number_with_format(r, 0, stt as f64, &center)?;
            ws.write_string_with_format(
                r,
                2,
                &row.code,
                &text_cell.clone().set_align(FormatAlign::Center),
            )?;
            ws.write_string_with_format(r, 3, &row.name, &look.cell)?;
            // A target no source gives is a dash, never the draft's guess.
            let target = match (row.target.trim().is_empty(), row.verified) {
                (true, _) => "—".to_string(),
                (false, true) => row.target.clone(),
                (false, false) => format!("{} (*)", row.target),
            };
            ws.write_string_with_format(r, 4, &target, &center)?;
            match t.fill.and_then(|f| f.results.get(&row.code)) {
                Some((result, own, evidence)) => {
                    ws.write_string_with_format(r, 5, result, &input)?;
                    let f = input.clone().set_align(FormatAlign::Center);
                    ws.write_string_with_format(r, 6, yes_no_word(*own), &f)?;
                    ws.write_string_with_format(r, 7, evidence, &text_cell)?;
                }
                None => {
                    ws.write_blank(r, 5, &input)?;
                    ws.write_blank(r, 6, &input.clone().set_align(FormatAlign::Center))?;
                    ws.write_blank(r, 7, &text_cell)?;
                }
            }
            let lines = crate::dossier::look::wrapped_lines(&row.name, 48).max(1);
            ws.set_row_height(r, 16.0 * lines as f64 + 2.0)?;
            r += 1;
        }
        let label = format!("{}. {}", c.code, c.name);
        if r > first + 1 {
            ws.merge_range(first, 1, r - 1, 1, &label, &look.cell)?;
        } else {
            ws.write_string_with_format(first, 1, &label, &look.cell)?;
        }
    }
    ws.add_data_validation(hr + 1, 6, r.max(hr + 2) - 1, 6, &yes_no_list()?)?;
    let note = look.italic.clone();
    ws.write_string_with_format(
        r + 1,
        0,
        "(*) Chỉ tiêu quy định chưa được đối chiếu với văn bản gốc; kiểm tra trước khi nộp hồ sơ. “—”: chưa có chỉ tiêu trong dữ liệu của hailong.",
        &note,
    )?;
    ws.write_string_with_format(
        r + 2,
        0,
        "Ghi kết quả bằng số (ví dụ 93% hoặc 93,5) khi chỉ tiêu là tỷ lệ; hailong đối chiếu kết quả với chỉ tiêu và báo khi mâu thuẫn với tự đánh giá.",
        &note,
    )?;
    for (c, w) in [6.0, 22.0, 10.0, 48.0, 16.0, 16.0, 12.0, 30.0]
        .iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(hr + 1, 0)?;
    page(ws, true, Some((hr, hr)))?;
    Ok(())
}

fn postings(wb: &mut Workbook, look: &Look, t: &CriteriaTemplate) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(SHEET_POSTING)?;
    span(
        ws,
        0,
        0,
        4,
        "THEO DÕI CÔNG KHAI BÁO CÁO KẾT QUẢ XÂY DỰNG NÔNG THÔN MỚI",
        &look.title,
    )?;
    span(
        ws,
        1,
        0,
        4,
        &format!(
            "{} — công khai ít nhất 5 lần trong 15 ngày (QĐ 18/2022/QĐ-TTg, Điều 5)",
            t.commune
        ),
        &look.italic.clone().set_align(FormatAlign::Center),
    )?;
    let hr = 3;
    for (c, head) in [
        "Lần",
        "Ngày công khai",
        "Hình thức",
        "Nơi công khai",
        "Ghi chú",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(hr, c as u16, *head, &look.head)?;
    }
    let date = look
        .cell
        .clone()
        .set_num_format("dd/mm/yyyy")
        .set_background_color("#FFF2CC");
    let input = look.cell.clone().set_background_color("#FFF2CC");
    let last = hr + t.posting_rows.max(1);
    let filled = t.fill.map(|f| f.postings.as_slice()).unwrap_or_default();
    for r in hr + 1..=last {
        ws.write_number_with_format(r, 0, (r - hr) as f64, &look.center)?;
        match filled.get((r - hr - 1) as usize) {
            Some((day, form, place)) => {
                // A real date cell, as Excel writes one: the serial day number.
                ws.write_number_with_format(r, 1, (day.0 + 25_569) as f64, &date)?;
                ws.write_string_with_format(r, 2, form, &input)?;
                ws.write_string_with_format(r, 3, place, &input)?;
            }
            None => {
                ws.write_blank(r, 1, &date)?;
                ws.write_blank(r, 2, &input)?;
                ws.write_blank(r, 3, &input)?;
            }
        }
        ws.write_blank(r, 4, &look.cell)?;
    }
    let forms = DataValidation::new()
        .allow_list_strings(&[
            "Niêm yết",
            "Thông báo trên hệ thống truyền thanh",
            "Đăng trên cổng thông tin điện tử",
        ])?
        .ignore_blank(true);
    ws.add_data_validation(hr + 1, 2, last, 2, &forms)?;
    let places = DataValidation::new()
        .allow_list_strings(&[
            "Trụ sở UBND xã",
            "Nhà văn hóa thôn/bản",
            "Hệ thống truyền thanh xã",
        ])?
        .ignore_blank(true);
    ws.add_data_validation(hr + 1, 3, last, 3, &places)?;
    let dates = DataValidation::new()
        .allow_date(rust_xlsxwriter::DataValidationRule::GreaterThan(
            rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1)?,
        ))
        .set_error_message("Ghi ngày dạng ngày/tháng/năm.")?;
    ws.add_data_validation(hr + 1, 1, last, 1, &dates)?;
    for (c, w) in [6.0, 16.0, 34.0, 28.0, 24.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    page(ws, false, Some((hr, hr)))?;
    Ok(())
}

fn conditions(wb: &mut Workbook, look: &Look, t: &CriteriaTemplate) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(SHEET_CONDITIONS)?;
    span(ws, 0, 0, 3, "KÊ KHAI CÁC ĐIỀU KIỆN CÔNG NHẬN", &look.title)?;
    span(
        ws,
        1,
        0,
        3,
        "Ghi văn bản xác nhận (số, ngày, cơ quan ban hành) cho mỗi điều kiện kê khai \"Đạt\".",
        &look.italic.clone().set_align(FormatAlign::Center),
    )?;
    let hr = 3;
    for (c, head) in [
        "Mã",
        "Điều kiện",
        "Kê khai",
        "Văn bản xác nhận (số, ngày, cơ quan)",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(hr, c as u16, *head, &look.head)?;
    }
    let input: Format = look.cell.clone().set_background_color("#FFF2CC");
    let mut r = hr + 1;
    for c in t
        .conditions
        .iter()
        .filter(|c| c.kind == ConditionKind::Declared)
    {
        ws.write_string_with_format(r, 0, &c.id, &look.center)?;
        ws.write_string_with_format(r, 1, &c.text, &look.cell)?;
        let declared = t
            .fill
            .and_then(|f| f.declarations.iter().find(|d| d.0 == c.id));
        match declared {
            Some((_, yes, doc)) => {
                let f = input.clone().set_align(FormatAlign::Center);
                ws.write_string_with_format(r, 2, yes_no_word(*yes), &f)?;
                ws.write_string_with_format(r, 3, doc, &input)?;
            }
            None => {
                ws.write_blank(r, 2, &input.clone().set_align(FormatAlign::Center))?;
                ws.write_blank(r, 3, &input)?;
            }
        }
        ws.set_row_height(r, 34)?;
        r += 1;
    }
    if r > hr + 1 {
        ws.add_data_validation(hr + 1, 2, r - 1, 2, &yes_no_list()?)?;
    }
    for (c, w) in [12.0, 52.0, 12.0, 40.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    page(ws, false, Some((hr, hr)))?;
    Ok(())
}
