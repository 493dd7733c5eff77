//! The province synthesis (`hailong export --all`): one commune × item matrix per form, coloured
//! against the thresholds, and native Excel charts.
//!
//! Each cell holds the official (rounded half-up) figure of `score`; the colours are Excel
//! conditional formats, so they follow the numbers if someone edits a cell.

use super::commune::rate_value;
use super::look::{Heading, Look, heading, page, signature, span};
use crate::rules::CheckKind;
use crate::score::CommuneScore;
use crate::score::render::margin_text;
use rust_xlsxwriter::{
    Chart, ChartType, ConditionalFormat3ColorScale, ConditionalFormatCell,
    ConditionalFormatCellRule, Format, Workbook, XlsxError,
};
use std::collections::BTreeMap;
use std::path::Path;

/// Bins of the distribution of overall rates: (label, lower bound inclusive).
const BINS: [(&str, f64); 6] = [
    ("< 80%", 0.0),
    ("80 - < 85%", 80.0),
    ("85 - < 90%", 85.0),
    ("90 - < 95%", 90.0),
    ("95 - < 98%", 95.0),
    ("≥ 98%", 98.0),
];

/// Name of the matrix sheet of `form`.
pub fn matrix_sheet(form: &str) -> String {
    format!("Tổng hợp {form}")
}

/// Writes the province workbook.
pub fn write(scores: &[CommuneScore], h: &Heading, out: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    // One pack governs a province run, so the first commune's decimals are every commune's.
    let look = Look::with_decimals(scores.first().map_or(2, |s| s.display_decimals));
    let mut by_form: BTreeMap<&str, Vec<&CommuneScore>> = BTreeMap::new();
    for s in scores {
        by_form.entry(s.form.as_str()).or_default().push(s);
    }
    let red = Format::new()
        .set_background_color("#FFC7CE")
        .set_font_color("#9C0006");
    let mut charts: Vec<(String, usize, usize, u32)> = Vec::new();
    for (form, list) in &by_form {
        let mut list = list.clone();
        list.sort_by(|a, b| a.commune.cmp(&b.commune));
        let n = list[0].items.len() as u16;
        let cols = 5 + n + 3;
        let ws = wb.add_worksheet();
        let name = matrix_sheet(form);
        ws.set_name(&name)?;
        let mut r = heading(
            ws,
            &look,
            h,
            cols,
            &[
                "TỔNG HỢP KẾT QUẢ LẤY Ý KIẾN SỰ HÀI LÒNG CỦA NGƯỜI DÂN",
                &list[0].form_title,
            ],
        )?;
        if list.iter().any(|s| s.verdict.relies_on_unverified) {
            span(
                ws,
                r,
                0,
                cols - 1,
                "Lưu ý: kết luận dựa trên ngưỡng hoặc quy tắc chưa xác minh với văn bản gốc.",
                &look.alarm,
            )?;
            r += 2;
        }
        let h0 = r;
        for (c, t) in ["STT", "Xã", "Số hộ", "Số hộ tham gia", "Tỷ lệ tham gia (%)"]
            .iter()
            .enumerate()
        {
            ws.merge_range(r, c as u16, r + 1, c as u16, t, &look.head)?;
        }
        ws.merge_range(r, 5, r, 4 + n, "Tỷ lệ hài lòng từng câu (%)", &look.head)?;
        for i in 0..n {
            let overall = list[0].items[i as usize].criterion.is_empty();
            ws.write_string_with_format(
                r + 1,
                5 + i,
                &if overall {
                    format!("Câu {} (chung)", i + 1)
                } else {
                    format!("Câu {}", i + 1)
                },
                &look.head,
            )?;
        }
        for (k, t) in ["Bình quân nội dung (%)", "Kết luận", "Điều kiện sát nhất"]
            .iter()
            .enumerate()
        {
            ws.merge_range(r, 5 + n + k as u16, r + 1, 5 + n + k as u16, t, &look.head)?;
        }
        r += 2;
        let first = r;
        for (k, s) in list.iter().enumerate() {
            ws.write_number_with_format(r, 0, k as f64 + 1.0, &look.center)?;
            ws.write_string_with_format(r, 1, &s.commune, &look.cell)?;
            ws.write_number_with_format(r, 2, s.households.total as f64, &look.count)?;
            ws.write_number_with_format(r, 3, s.households.surveyed as f64, &look.count)?;
            ws.write_number_with_format(r, 4, rate_value(&s.households.rate_display), &look.rate)?;
            for (i, it) in s.items.iter().enumerate() {
                ws.write_number_with_format(
                    r,
                    5 + i as u16,
                    rate_value(&it.rate_display),
                    &look.rate,
                )?;
            }
            ws.write_number_with_format(r, 5 + n, rate_value(&s.content_mean_display), &look.rate)?;
            let pass = if s.verdict.passed {
                "Đạt"
            } else {
                "Không đạt"
            };
            ws.write_string_with_format(
                r,
                6 + n,
                pass,
                if s.verdict.passed {
                    &look.center
                } else {
                    &look.bold_cell
                },
            )?;
            let tight = s.verdict.checks.iter().min_by_key(|c| c.margin_households);
            let t = tight
                .map(|c| format!("{}: {}", c.label, margin_text(c, crate::i18n::Lang::Vi)))
                .unwrap_or_default();
            ws.write_string_with_format(r, 7 + n, &t, &look.cell)?;
            r += 1;
        }
        let last = r - 1;
        // Colours: red under a threshold of the rule pack, a colour scale elsewhere.
        let threshold = |k: CheckKind| {
            list[0]
                .verdict
                .checks
                .iter()
                .find(|c| c.check == k)
                .map(|c| c.threshold_pct)
        };
        if let Some(t) = threshold(CheckKind::ParticipationCommune) {
            let cf = ConditionalFormatCell::new()
                .set_rule(ConditionalFormatCellRule::LessThan(t))
                .set_format(&red);
            ws.add_conditional_format(first, 4, last, 4, &cf)?;
        }
        let overall_col = list[0]
            .items
            .iter()
            .position(|i| i.criterion.is_empty())
            .map(|i| 5 + i as u16);
        if let (Some(t), Some(c)) = (threshold(CheckKind::OverallMin), overall_col) {
            let cf = ConditionalFormatCell::new()
                .set_rule(ConditionalFormatCellRule::LessThan(t))
                .set_format(&red);
            ws.add_conditional_format(first, c, last, c, &cf)?;
        }
        if let Some(t) = threshold(CheckKind::ItemFloor) {
            let cf = ConditionalFormatCell::new()
                .set_rule(ConditionalFormatCellRule::LessThan(t))
                .set_format(&red);
            ws.add_conditional_format(first, 5, last, 4 + n, &cf)?;
        }
        ws.add_conditional_format(first, 5, last, 4 + n, &ConditionalFormat3ColorScale::new())?;
        if let Some(t) = threshold(CheckKind::ContentMeanMin) {
            let cf = ConditionalFormatCell::new()
                .set_rule(ConditionalFormatCellRule::LessThan(t))
                .set_format(&red);
            ws.add_conditional_format(first, 5 + n, last, 5 + n, &cf)?;
        }
        signature(ws, &look, h, last + 2, cols)?;
        ws.set_column_width(0, 5)?;
        ws.set_column_width(1, 22)?;
        for c in 2..5 {
            ws.set_column_width(c, 9)?;
        }
        for c in 5..5 + n {
            ws.set_column_width(c, 7)?;
        }
        ws.set_column_width(5 + n, 11)?;
        ws.set_column_width(6 + n, 11)?;
        ws.set_column_width(7 + n, 40)?;
        page(ws, true, Some((h0, h0 + 1)))?;
        charts.push((name, first as usize, last as usize, n as u32));
    }

    // Charts: per-item rates of every commune, and the distribution of overall rates.
    let ws = wb.add_worksheet();
    ws.set_name("Biểu đồ")?;
    span(
        ws,
        0,
        0,
        9,
        "BIỂU ĐỒ KẾT QUẢ LẤY Ý KIẾN TOÀN TỈNH",
        &look.title,
    )?;
    let mut row = 2u32;
    for (name, first, last, n) in &charts {
        let mut chart = Chart::new(ChartType::Line);
        chart
            .title()
            .set_name(&format!("Tỷ lệ hài lòng từng câu theo xã — {name}"));
        chart.x_axis().set_name("Câu");
        chart.y_axis().set_name("%");
        for r in *first..=*last {
            chart
                .add_series()
                .set_name((name.as_str(), r as u32, 1))
                .set_categories((
                    name.as_str(),
                    *first as u32 - 1,
                    5,
                    *first as u32 - 1,
                    4 + *n as u16,
                ))
                .set_values((name.as_str(), r as u32, 5, r as u32, 4 + *n as u16));
        }
        chart.set_width(900).set_height(420);
        ws.insert_chart(row, 0, &chart)?;
        row += 22;
    }
    // Distribution of the overall rate over all communes and forms.
    span(ws, row, 0, 1, "Tỷ lệ hài lòng câu hỏi chung", &look.head)?;
    ws.write_string_with_format(row, 2, "Số xã", &look.head)?;
    let mut counts = [0u32; BINS.len()];
    for s in scores {
        let v = rate_value(&s.overall.rate_display);
        let b = BINS.iter().rposition(|(_, lo)| v >= *lo).unwrap_or(0);
        counts[b] += 1;
    }
    for (k, (label, _)) in BINS.iter().enumerate() {
        let r = row + 1 + k as u32;
        span(ws, r, 0, 1, label, &look.cell)?;
        ws.write_number_with_format(r, 2, counts[k] as f64, &look.count)?;
    }
    let mut hist = Chart::new(ChartType::Column);
    hist.title()
        .set_name("Phân bố tỷ lệ hài lòng câu hỏi chung của các xã");
    hist.add_series()
        .set_name("Số xã")
        .set_categories(("Biểu đồ", row + 1, 0, row + BINS.len() as u32, 0))
        .set_values(("Biểu đồ", row + 1, 2, row + BINS.len() as u32, 2));
    hist.set_width(700).set_height(380);
    ws.insert_chart(row, 4, &hist)?;
    ws.set_column_width(0, 14)?;
    ws.set_column_width(1, 14)?;
    page(ws, true, None)?;
    wb.save(out)
}
