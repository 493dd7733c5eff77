//! The province synthesis (`hailong export --all`): one commune × item matrix per form, coloured
//! against the thresholds, and native Excel charts.
//!
//! Each cell holds the official (rounded half-up) figure of `score`; the colours are Excel
//! conditional formats, so they follow the numbers if someone edits a cell.

use super::look::{Heading, Look, heading, page, signature, span};
use crate::rules::CheckKind;
use crate::score::CommuneScore;
use crate::score::render::margin_text;
use rust_xlsxwriter::{
    Chart, ChartType, ConditionalFormat3ColorScale, ConditionalFormatCell,
    ConditionalFormatCellRule, Format, Workbook, Worksheet, XlsxError,
};
use std::collections::BTreeMap;

/// Bins of the distribution of overall rates: (label, lower bound inclusive).
const BINS: [(&str, f64); 6] = [
    ("< 80%", 0.0),
    ("80 - < 85%", 80.0),
    ("85 - < 90%", 85.0),
    ("90 - < 95%", 90.0),
    ("95 - < 98%", 95.0),
    ("≥ 98%", 98.0),
];

/// Name of the sheet of charts and the tables they draw.
pub const CHART_SHEET: &str = "Biểu đồ";

/// Adds the series of column `col` over rows `first..=last` of a chart's table, named by the
/// table's first column.
fn series(chart: &mut Chart, name: &str, first: u32, last: u32, col: u16) {
    chart
        .add_series()
        .set_name(name)
        .set_categories((CHART_SHEET, first, 0, last, 0))
        .set_values((CHART_SHEET, first, col, last, col));
}

/// The title and header row of a chart's table; returns its first data row.
fn table_head(
    ws: &mut rust_xlsxwriter::Worksheet,
    look: &Look,
    row: u32,
    title: &str,
    headers: [&str; 3],
) -> Result<u32, XlsxError> {
    span(ws, row, 0, 2, title, &look.bold)?;
    for (c, t) in headers.iter().enumerate() {
        ws.write_string_with_format(row + 1, c as u16, *t, &look.head)?;
    }
    Ok(row + 2)
}

/// Communes sorted by the overall rate (highest first, exact values; ties by name) as columns,
/// with the overall threshold as a line; the table the chart draws sits left of it. Returns the
/// next free row.
fn communes_chart(
    ws: &mut rust_xlsxwriter::Worksheet,
    look: &Look,
    form: &str,
    list: &[&CommuneScore],
    row: u32,
) -> Result<u32, XlsxError> {
    let mut sorted = list.to_vec();
    sorted.sort_by(|a, b| {
        b.overall
            .rate
            .cmp(&a.overall.rate)
            .then(a.commune.cmp(&b.commune))
    });
    let threshold = sorted.iter().find_map(|s| s.overall_threshold_pct());
    let first = table_head(
        ws,
        look,
        row,
        &format!("Xã theo tỷ lệ hài lòng câu hỏi chung — {form}"),
        ["Xã", "Hài lòng câu hỏi chung (%)", "Ngưỡng (%)"],
    )?;
    for (k, s) in sorted.iter().enumerate() {
        let r = first + k as u32;
        ws.write_string_with_format(r, 0, &s.commune, &look.cell)?;
        ws.write_number_with_format(r, 1, s.overall.rate.rounded(), &look.rate)?;
        if let Some(t) = threshold {
            ws.write_number_with_format(r, 2, t, &look.rate)?;
        }
    }
    let last = first + sorted.len() as u32 - 1;
    let mut bars = Chart::new(ChartType::Column);
    bars.title()
        .set_name(&format!("Tỷ lệ hài lòng câu hỏi chung theo xã — {form}"));
    series(&mut bars, "Hài lòng câu hỏi chung (%)", first, last, 1);
    if threshold.is_some() {
        let mut line = Chart::new(ChartType::Line);
        series(&mut line, "Ngưỡng (%)", first, last, 2);
        bars.combine(&line);
    }
    bars.y_axis().set_name("%");
    bars.set_width(960).set_height(420);
    ws.insert_chart(row, 4, &bars)?;
    Ok((last + 2).max(row + 23))
}

/// Every item ranked by the share of counted forms not satisfied with it over the province
/// (Σ "Không hài lòng" / Σ forms counted, exact; highest first), as horizontal bars.
fn items_chart(
    ws: &mut rust_xlsxwriter::Worksheet,
    look: &Look,
    form: &str,
    list: &[&CommuneScore],
    row: u32,
) -> Result<u32, XlsxError> {
    let counted: u64 = list.iter().map(|s| s.forms.counted).sum();
    let dp = list[0].display_decimals;
    let mut ranked: Vec<(u32, u64, crate::num::Ratio)> = (0..list[0].items.len())
        .map(|i| {
            let dis: u64 = list.iter().map(|s| s.items[i].dissatisfied).sum();
            (
                list[0].items[i].number,
                dis,
                crate::num::Ratio::percent_of(dis, counted),
            )
        })
        .collect();
    ranked.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    let first = table_head(
        ws,
        look,
        row,
        &format!("Nội dung theo tỷ lệ không hài lòng toàn tỉnh — {form}"),
        ["Câu", "Số phiếu không hài lòng", "Tỷ lệ không hài lòng (%)"],
    )?;
    for (k, (number, dis, share)) in ranked.iter().enumerate() {
        let r = first + k as u32;
        ws.write_string_with_format(r, 0, format!("Câu {number}"), &look.cell)?;
        ws.write_number_with_format(r, 1, *dis as f64, &look.count)?;
        ws.write_number_with_format(
            r,
            2,
            crate::num::Rate::new(*share, dp).rounded(),
            &look.rate,
        )?;
    }
    let last = first + ranked.len() as u32 - 1;
    let mut bars = Chart::new(ChartType::Bar);
    bars.title()
        .set_name(&format!("Tỷ lệ không hài lòng từng câu toàn tỉnh — {form}"));
    series(&mut bars, "Không hài lòng (%)", first, last, 2);
    // Bars run bottom-up; reversing the category axis (y in a bar chart) puts the worst on top.
    bars.y_axis().set_reverse();
    bars.set_width(960).set_height(460);
    ws.insert_chart(row, 4, &bars)?;
    Ok((last + 2).max(row + 25))
}

/// Name of the matrix sheet of `form`.
pub fn matrix_sheet(form: &str) -> String {
    format!("Tổng hợp {form}")
}

/// A commune with a self-assessment and no survey yet, as the synthesis lists it.
pub struct Unsurveyed<'a> {
    /// Commune.
    pub commune: &'a str,
    /// Its criteria results.
    pub criteria: &'a crate::score::criteria::CriteriaReport,
    /// Its readiness.
    pub readiness: Option<&'a crate::score::criteria::Readiness>,
}

/// The sheet of the communes that assessed themselves and are not surveyed yet.
pub const UNSURVEYED_SHEET: &str = "Chưa có kết quả khảo sát";

/// Builds the province workbook: a matrix per form, the charts, and the communes that
/// assessed themselves before their survey (a sheet only when there are some).
pub fn build(
    scores: &[CommuneScore],
    unsurveyed: &[Unsurveyed],
    h: &Heading,
) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    // One pack governs a province run, so the first commune's decimals are every commune's.
    let look = Look::with_decimals(scores.first().map_or(2, |s| s.display_decimals));
    let mut by_form: BTreeMap<&str, Vec<&CommuneScore>> = BTreeMap::new();
    for s in scores {
        by_form.entry(s.form.as_str()).or_default().push(s);
    }
    for (form, list) in &by_form {
        let mut list = list.clone();
        list.sort_by(|a, b| a.commune.cmp(&b.commune));
        let n = list[0].items.len() as u16;
        let m = Matrix {
            look: &look,
            h,
            list: &list,
            n,
            cols: 5 + n + 5,
        };
        m.sheet(wb.add_worksheet(), form)?;
    }
    charts_sheet(wb.add_worksheet(), &look, &by_form, scores)?;
    if !unsurveyed.is_empty() {
        unsurveyed_sheet(wb.add_worksheet(), &look, h, unsurveyed)?;
    }
    Ok(wb)
}

/// One form's matrix sheet and what its parts share: the communes in name order and the
/// number of items.
struct Matrix<'a> {
    look: &'a Look,
    h: &'a Heading,
    list: &'a [&'a CommuneScore],
    /// Items of the form (columns 5 to 4 + n).
    n: u16,
    /// Columns of the sheet.
    cols: u16,
}

impl Matrix<'_> {
    /// Writes the whole sheet: heading, table header, a row per commune, colours, signature.
    fn sheet(&self, ws: &mut Worksheet, form: &str) -> Result<(), XlsxError> {
        let look = self.look;
        ws.set_name(matrix_sheet(form))?;
        let mut r = heading(
            ws,
            look,
            self.h,
            self.cols,
            &[
                "TỔNG HỢP KẾT QUẢ LẤY Ý KIẾN SỰ HÀI LÒNG CỦA NGƯỜI DÂN",
                &self.list[0].form_title,
            ],
        )?;
        if self.list.iter().any(|s| s.verdict.relies_on_unverified) {
            span(
                ws,
                r,
                0,
                self.cols - 1,
                "Lưu ý: kết luận dựa trên ngưỡng hoặc quy tắc chưa xác minh với văn bản gốc.",
                &look.alarm,
            )?;
            r += 2;
        }
        let h0 = r;
        self.header(ws, r)?;
        r += 2;
        let first = r;
        for (k, s) in self.list.iter().enumerate() {
            self.row(ws, r, k, s)?;
            r += 1;
        }
        let last = r - 1;
        self.colours(ws, first, last)?;
        signature(ws, look, self.h, last + 2, self.cols)?;
        self.widths(ws)?;
        page(ws, true, Some((h0, h0 + 1)))?;
        Ok(())
    }

    /// The two header rows from row `r`: the commune columns, one per item, the verdict columns.
    fn header(&self, ws: &mut Worksheet, r: u32) -> Result<(), XlsxError> {
        let (look, n) = (self.look, self.n);
        for (c, t) in ["STT", "Xã", "Số hộ", "Số hộ tham gia", "Tỷ lệ tham gia (%)"]
            .iter()
            .enumerate()
        {
            ws.merge_range(r, c as u16, r + 1, c as u16, t, &look.head)?;
        }
        ws.merge_range(r, 5, r, 4 + n, "Tỷ lệ hài lòng từng câu (%)", &look.head)?;
        for i in 0..n {
            let overall = self.list[0].items[i as usize].criterion.is_empty();
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
        for (k, t) in [
            "Bình quân nội dung (%)",
            "Kết luận",
            "Điều kiện sát nhất",
            "Tiêu chí đạt",
            "Sẵn sàng công nhận",
        ]
        .iter()
        .enumerate()
        {
            ws.merge_range(r, 5 + n + k as u16, r + 1, 5 + n + k as u16, t, &look.head)?;
        }
        Ok(())
    }

    /// Row `r`: the `k`-th commune's figures, verdict, tightest condition, criteria, readiness.
    fn row(&self, ws: &mut Worksheet, r: u32, k: usize, s: &CommuneScore) -> Result<(), XlsxError> {
        let (look, n) = (self.look, self.n);
        ws.write_number_with_format(r, 0, k as f64 + 1.0, &look.center)?;
        ws.write_string_with_format(r, 1, &s.commune, &look.cell)?;
        ws.write_number_with_format(r, 2, s.households.total as f64, &look.count)?;
        ws.write_number_with_format(r, 3, s.households.surveyed as f64, &look.count)?;
        ws.write_number_with_format(r, 4, s.households.rate.rounded(), &look.rate)?;
        for (i, it) in s.items.iter().enumerate() {
            ws.write_number_with_format(r, 5 + i as u16, it.rate.rounded(), &look.rate)?;
        }
        ws.write_number_with_format(r, 5 + n, s.content_mean.rounded(), &look.rate)?;
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
        let tight = s.tightest_check();
        let t = tight
            .map(|c| format!("{}: {}", c.label, margin_text(c, crate::i18n::Lang::Vi)))
            .unwrap_or_default();
        ws.write_string_with_format(r, 7 + n, &t, &look.cell)?;
        let criteria = s.criteria.as_ref().map_or_else(
            || "chưa nhập".to_string(),
            |c| format!("{}/{}", c.criteria_met, c.criteria_total),
        );
        ws.write_string_with_format(r, 8 + n, &criteria, &look.center)?;
        let ready = s.readiness.as_ref().map(|x| (x.ready, x.short_text().0));
        match ready {
            Some((ok, text)) => ws.write_string_with_format(
                r,
                9 + n,
                &text,
                if ok { &look.cell } else { &look.bold_cell },
            )?,
            None => ws.write_string_with_format(r, 9 + n, "—", &look.center)?,
        };
        Ok(())
    }

    /// Colours of rows `first..=last`: red under a threshold of the rule pack, a colour scale
    /// elsewhere.
    fn colours(&self, ws: &mut Worksheet, first: u32, last: u32) -> Result<(), XlsxError> {
        let (list, n) = (self.list, self.n);
        let red = Format::new()
            .set_background_color("#FFC7CE")
            .set_font_color("#9C0006");
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
        Ok(())
    }

    /// Column widths: narrow item columns, wide text columns for the condition and readiness.
    fn widths(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        let n = self.n;
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
        ws.set_column_width(8 + n, 10)?;
        ws.set_column_width(9 + n, 36)?;
        Ok(())
    }
}

/// The chart sheet: per form the communes and the items charts, then the distribution of the
/// overall rate over all communes.
fn charts_sheet(
    ws: &mut Worksheet,
    look: &Look,
    by_form: &BTreeMap<&str, Vec<&CommuneScore>>,
    scores: &[CommuneScore],
) -> Result<(), XlsxError> {
    // Charts: what a reader compares. One line per commune across the items was a tangle at 66
    // communes (issue #15); instead, per form, the communes sorted by overall rate as bars
    // against the threshold line, and the items ranked by the share not satisfied province-wide.
    ws.set_name(CHART_SHEET)?;
    span(
        ws,
        0,
        0,
        9,
        "BIỂU ĐỒ KẾT QUẢ LẤY Ý KIẾN TOÀN TỈNH",
        &look.title,
    )?;
    let mut row = 2u32;
    for (form, list) in by_form {
        row = communes_chart(ws, look, form, list, row)?;
        row = items_chart(ws, look, form, list, row)?;
    }
    distribution_chart(ws, look, scores, row)?;
    ws.set_column_width(0, 22)?;
    ws.set_column_width(1, 14)?;
    ws.set_column_width(2, 14)?;
    page(ws, true, None)
}

/// Distribution of the overall rate over all communes and forms, from row `row`: the table of
/// bins and its column chart.
fn distribution_chart(
    ws: &mut Worksheet,
    look: &Look,
    scores: &[CommuneScore],
    row: u32,
) -> Result<(), XlsxError> {
    span(ws, row, 0, 1, "Tỷ lệ hài lòng câu hỏi chung", &look.head)?;
    ws.write_string_with_format(row, 2, "Số xã", &look.head)?;
    let mut counts = [0u32; BINS.len()];
    for s in scores {
        let v = s.overall.rate.rounded();
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
        .set_categories((CHART_SHEET, row + 1, 0, row + BINS.len() as u32, 0))
        .set_values((CHART_SHEET, row + 1, 2, row + BINS.len() as u32, 2));
    hist.set_width(700).set_height(380);
    ws.insert_chart(row, 4, &hist)?;
    Ok(())
}

/// The sheet of the communes that assessed themselves and are not surveyed yet.
fn unsurveyed_sheet(
    ws: &mut Worksheet,
    look: &Look,
    h: &Heading,
    unsurveyed: &[Unsurveyed],
) -> Result<(), XlsxError> {
    ws.set_name(UNSURVEYED_SHEET)?;
    let r = heading(
        ws,
        look,
        h,
        4,
        &["CÁC XÃ ĐÃ TỰ ĐÁNH GIÁ TIÊU CHÍ, CHƯA CÓ KẾT QUẢ LẤY Ý KIẾN SỰ HÀI LÒNG"],
    )?;
    for (c, t) in ["STT", "Xã", "Tiêu chí đạt", "Sẵn sàng công nhận"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(r, c as u16, *t, &look.head)?;
    }
    for (k, u) in unsurveyed.iter().enumerate() {
        let row = r + 1 + k as u32;
        ws.write_number_with_format(row, 0, k as f64 + 1.0, &look.center)?;
        ws.write_string_with_format(row, 1, u.commune, &look.cell)?;
        let met = format!("{}/{}", u.criteria.criteria_met, u.criteria.criteria_total);
        ws.write_string_with_format(row, 2, &met, &look.center)?;
        let ready = u.readiness.map(|x| x.short_text().0).unwrap_or_default();
        ws.write_string_with_format(row, 3, &ready, &look.bold_cell)?;
    }
    for (c, w) in [6.0, 26.0, 14.0, 60.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    page(ws, false, Some((r, r)))
}
