//! The commune's appendices for the recognition dossier (`hailong export --commune`).
//!
//! Seven sheets of the survey in a fixed order, then the criteria half (`readiness`), each a printable administrative document. Counts are integer
//! cells; rates are numeric cells holding the official figure (rounded half-up, exactly as
//! `score` shows it) with a two-decimal number format, so the printed page and the report agree
//! to the last digit. Household identifiers appear only when asked for.

use super::look::{
    Closing, Heading, Look, Rows, heading, page, paper, signature, span, wrap_height,
};
use crate::num::Rate;
use crate::num::count;
use crate::rules::{Form, FormRules};
use crate::score::CommuneScore;
use crate::score::render::{margin_text, summary};
use crate::score::texts::Texts;
use crate::store::SourceEntry;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

/// The sheet names, in order.
pub const SHEETS: [&str; 7] = [
    "Tổng hợp",
    "Kết quả theo nội dung",
    "Theo khu dân cư",
    "Lý do chưa hài lòng",
    "Ý kiến khác",
    "Thông báo niêm yết",
    "Nguồn và kiểm tra",
];

/// How the dossier marks a threshold no document sets (not the same as "Chưa" = unverified).
pub const NO_SOURCE: &str = "Không có nguồn";

/// Everything a commune's dossier needs besides the score.
pub struct CommuneDossier<'a> {
    /// The figures and verdict.
    pub score: &'a CommuneScore,
    /// The form.
    pub form: &'a Form,
    /// The rules applied.
    pub rules: &'a FormRules,
    /// Reasons and opinions.
    pub texts: &'a Texts,
    /// The sources in force.
    pub sources: &'a [SourceEntry],
    /// Heading and signature.
    pub heading: Heading,
    /// Whether form numbers may be shown.
    pub include_ids: bool,
    /// The documents of the recognition dossier (the pack's list; empty when it has none).
    pub documents: &'a [crate::rules::schema::DocumentDef],
}

/// Writes a rate as the number its figure shows (rounded half-up to the pack's decimals), so
/// that the cell and the report agree to the last digit.
fn rate(ws: &mut Worksheet, r: u32, c: u16, rate: Rate, f: &Format) -> Result<(), XlsxError> {
    ws.write_number_with_format(r, c, rate.rounded(), f)?;
    Ok(())
}

fn num(ws: &mut Worksheet, r: u32, c: u16, n: u64, f: &Format) -> Result<(), XlsxError> {
    ws.write_number_with_format(r, c, n as f64, f)?;
    Ok(())
}

/// Names sheet `index` and writes its heading block and title; returns the first free row.
fn open_sheet(
    ws: &mut Worksheet,
    look: &Look,
    d: &CommuneDossier,
    index: usize,
    cols: u16,
    title: &[&str],
) -> Result<u32, XlsxError> {
    ws.set_name(SHEETS[index])?;
    heading(ws, look, &d.heading, cols, title)
}

/// Builds the commune's workbook (the caller saves it or sends its bytes).
pub fn build(d: &CommuneDossier) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let look = Look::with_decimals(d.score.display_decimals);
    summary_sheet(wb.add_worksheet(), &look, d)?;
    items_sheet(wb.add_worksheet(), &look, d)?;
    areas_sheet(wb.add_worksheet(), &look, d)?;
    reasons_sheet(wb.add_worksheet(), &look, d)?;
    opinions_sheet(wb.add_worksheet(), &look, d)?;
    notice_sheet(wb.add_worksheet(), &look, d)?;
    sources_sheet(wb.add_worksheet(), &look, d)?;
    let committee = super::readiness::committee_heading(&d.score.commune, &d.heading.year);
    super::readiness::criteria_sheet(wb.add_worksheet(), &look, &committee, d.score)?;
    super::readiness::conditions_sheet(wb.add_worksheet(), &look, &committee, d.score)?;
    super::readiness::checklist_sheet(wb.add_worksheet(), &look, &committee, d.score, d.documents)?;
    Ok(wb)
}

/// Sheet "Tổng hợp": the verdict, the general figures and the conditions behind the verdict,
/// signed by the Front.
fn summary_sheet(ws: &mut Worksheet, look: &Look, d: &CommuneDossier) -> Result<(), XlsxError> {
    let s = d.score;
    let mut heights = Rows::default();
    let cols = 7;
    let title = format!(
        "về kết quả xây dựng nông thôn mới — {} ({})",
        s.commune,
        s.form_title
            .trim_start_matches("Phiếu lấy ý kiến sự hài lòng của người dân về kết quả xây dựng ")
    );
    let r = open_sheet(
        ws,
        look,
        d,
        0,
        cols,
        &[
            "BÁO CÁO KẾT QUẢ LẤY Ý KIẾN SỰ HÀI LÒNG CỦA NGƯỜI DÂN",
            &title,
        ],
    )?;
    let mut sheet = Summary {
        ws: &mut *ws,
        look,
        s,
        heights: &mut heights,
        cols,
    };
    let r = sheet.verdict(r)?;
    let r = sheet.figures(r + 1)?;
    let r = sheet.conditions(r + 1)?;
    let last = r - 1;
    let r = r + 1;
    span(ws, r, 0, cols - 1, &s.invalid_form_rule, &look.italic)?;
    heights.set(ws, r, 30)?;
    let r = r + 2;
    signature(ws, look, &d.heading, r, cols)?;
    let widths = [34.0, 11.0, 11.0, 11.0, 16.0, 36.0, 11.0];
    let closing = Closing { last, signature: r };
    paper(ws, &widths, None, &heights, closing)
}

/// What every section of the summary sheet writes with, so a section takes only its first row.
struct Summary<'a, 'w> {
    ws: &'w mut Worksheet,
    look: &'a Look,
    s: &'a CommuneScore,
    heights: &'w mut Rows,
    cols: u16,
}

impl Summary<'_, '_> {
    /// The verdict line, and the warning when it rests on unverified rules; returns the next row.
    fn verdict(&mut self, mut r: u32) -> Result<u32, XlsxError> {
        let (ws, look, s, cols) = (&mut *self.ws, self.look, self.s, self.cols);
        let verdict = {
            let vi = crate::i18n::Lang::Vi;
            format!(
                "KẾT LUẬN: {} — {}",
                crate::i18n::ReportText::verdict(s.verdict.passed).text(vi),
                summary(s, vi)
            )
        };
        span(
            ws,
            r,
            0,
            cols - 1,
            &verdict,
            if s.verdict.passed {
                &look.good
            } else {
                &look.alarm
            },
        )?;
        self.heights.set(ws, r, 36)?;
        r += 1;
        if s.verdict.relies_on_unverified {
            span(
                ws,
                r,
                0,
                cols - 1,
                "Lưu ý: kết luận dựa trên ngưỡng hoặc quy tắc chưa xác minh với văn bản gốc (xem sheet \"Nguồn và kiểm tra\").",
                &look.alarm,
            )?;
            self.heights.set(ws, r, 30)?;
            r += 1;
        }
        Ok(r)
    }

    /// Section I, the general figures, one numbered row each; returns the next row.
    fn figures(&mut self, mut r: u32) -> Result<u32, XlsxError> {
        let (ws, look, cols) = (&mut *self.ws, self.look, self.cols);
        span(ws, r, 0, cols - 1, "I. SỐ LIỆU CHUNG", &look.bold)?;
        r += 1;
        ws.write_string_with_format(r, 0, "STT", &look.head)?;
        span(ws, r, 1, 4, "Chỉ tiêu", &look.head)?;
        span(ws, r, 5, 6, "Số liệu", &look.head)?;
        r += 1;
        for (i, (label, n, rt)) in figure_rows(self.s).iter().enumerate() {
            num(ws, r, 0, i as u64 + 1, &look.center)?;
            ws.merge_range(r, 1, r, 4, label, &look.cell)?;
            self.heights.set(ws, r, wrap_height(&[(label, 49.0)]))?;
            ws.merge_range(r, 5, r, 6, "", &look.count)?;
            match (n, rt) {
                (Some(n), _) => num(ws, r, 5, *n, &look.count)?,
                (None, Some(t)) => rate(ws, r, 5, *t, &look.rate)?,
                (None, None) => {
                    ws.write_string_with_format(r, 5, "không có số liệu", &look.center)?;
                }
            }
            r += 1;
        }
        Ok(r)
    }

    /// Section II, the conditions of the verdict: each check, then each threshold no document
    /// sets; returns the row after the table.
    fn conditions(&mut self, mut r: u32) -> Result<u32, XlsxError> {
        let (ws, look, s, cols) = (&mut *self.ws, self.look, self.s, self.cols);
        span(
            ws,
            r,
            0,
            cols - 1,
            "II. CÁC ĐIỀU KIỆN CỦA KẾT LUẬN",
            &look.bold,
        )?;
        r += 1;
        for (c, h) in [
            "Điều kiện",
            "Giá trị (%)",
            "Ngưỡng (%)",
            "Kết quả",
            "Biên",
            "Nguồn",
            "Đã xác minh",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string_with_format(r, c as u16, *h, &look.head)?;
        }
        r += 1;
        for c in &s.verdict.checks {
            let label = match &c.subject {
                Some(x) => format!("{} ({x})", c.label),
                None => c.label.clone(),
            };
            ws.write_string_with_format(r, 0, &label, &look.cell)?;
            rate(ws, r, 1, c.value, &look.rate)?;
            ws.write_number_with_format(r, 2, c.threshold_pct, &look.rate)?;
            ws.write_string_with_format(
                r,
                3,
                if c.passed { "Đạt" } else { "Không đạt" },
                if c.passed {
                    &look.center
                } else {
                    &look.bold_cell
                },
            )?;
            ws.write_string_with_format(r, 4, margin_text(c, crate::i18n::Lang::Vi), &look.cell)?;
            ws.write_string_with_format(r, 5, &c.source, &look.cell)?;
            ws.write_string_with_format(
                r,
                6,
                if c.verified { "Có" } else { "Chưa" },
                &look.center,
            )?;
            self.heights
                .set(ws, r, wrap_height(&[(&label, 34.0), (&c.source, 36.0)]))?;
            r += 1;
        }
        for c in &s.verdict.no_source {
            ws.write_string_with_format(r, 0, &c.label, &look.cell)?;
            ws.write_string_with_format(r, 1, "", &look.cell)?;
            ws.write_number_with_format(r, 2, c.threshold.to_f64(), &look.rate)?;
            ws.write_string_with_format(r, 3, "Không áp dụng", &look.center)?;
            ws.write_string_with_format(r, 4, "", &look.cell)?;
            ws.write_string_with_format(r, 5, &c.source, &look.cell)?;
            ws.write_string_with_format(r, 6, NO_SOURCE, &look.center)?;
            self.heights
                .set(ws, r, wrap_height(&[(&c.label, 34.0), (&c.source, 36.0)]))?;
            r += 1;
        }
        Ok(r)
    }
}

/// The rows of section I in their order: (label, count, rate).
fn figure_rows(s: &CommuneScore) -> Vec<(String, Option<u64>, Option<Rate>)> {
    let pooled_label = format!(
        "Tỷ lệ hài lòng chung của các câu trả lời nội dung (%): {} / {} câu trả lời; không tính {} câu để trống, {} câu không hợp lệ",
        count(s.pooled.satisfied),
        count(s.pooled.answers),
        count(s.pooled.blank),
        count(s.pooled.invalid)
    );
    let mut rows: Vec<(String, Option<u64>, Option<Rate>)> = vec![
        (
            "Số hộ tại thời điểm phát phiếu".into(),
            Some(s.households.total),
            None,
        ),
        ("Số phiếu phát ra".into(), s.forms.issued, None),
        ("Số phiếu thu về".into(), Some(s.forms.returned), None),
        (
            "Số phiếu thiếu (phát ra mà không thu về)".into(),
            s.forms.missing,
            None,
        ),
        ("Số phiếu hợp lệ".into(), Some(s.forms.counted), None),
        ("Số phiếu không hợp lệ".into(), Some(s.forms.invalid), None),
    ];
    // Each enabled ground right under the invalid forms it breaks down.
    rows.extend(
        s.forms
            .invalid_by_ground
            .listed()
            .into_iter()
            .map(|(t, n)| {
                let vi = t.text(crate::i18n::Lang::Vi);
                (format!("— trong đó: {vi}"), Some(n), None)
            }),
    );
    rows.extend(vec![
        (
            "Tỷ lệ hộ tham gia (%)".into(),
            None,
            Some(s.households.rate),
        ),
        (
            "Tỷ lệ hài lòng câu hỏi chung (%)".into(),
            None,
            Some(s.overall.rate),
        ),
        (
            "Bình quân tỷ lệ hài lòng các nội dung (%)".into(),
            None,
            Some(s.content_mean),
        ),
        (pooled_label, None, Some(s.pooled.rate)),
        (
            "Số phiếu có ít nhất một nội dung không hài lòng (không kể câu hỏi chung)".into(),
            Some(s.forms_with_any_dissatisfied),
            None,
        ),
        (
            "Số phiếu không hài lòng ở câu hỏi chung".into(),
            Some(s.overall.dissatisfied),
            None,
        ),
        ("Số ý kiến khác".into(), Some(s.other_opinions), None),
        (
            "Tỷ lệ phiếu có ý kiến khác (%)".into(),
            None,
            Some(s.other_opinions_rate),
        ),
    ]);
    rows
}

fn items_sheet(ws: &mut Worksheet, look: &Look, d: &CommuneDossier) -> Result<(), XlsxError> {
    let s = d.score;
    let mut rows = Rows::default();
    let cols = 7;
    let mut r = open_sheet(
        ws,
        look,
        d,
        1,
        cols,
        &["KẾT QUẢ LẤY Ý KIẾN THEO TỪNG NỘI DUNG", &s.commune],
    )?;
    let h0 = r;
    ws.merge_range(r, 0, r + 1, 0, "STT", &look.head)?;
    ws.merge_range(r, 1, r + 1, 1, "Nội dung", &look.head)?;
    ws.merge_range(r, 2, r + 1, 2, "Tổng số phiếu", &look.head)?;
    ws.merge_range(r, 3, r, 4, "Hài lòng", &look.head)?;
    ws.merge_range(r, 5, r, 6, "Không hài lòng", &look.head)?;
    for (c, h) in [
        (3, "Số phiếu"),
        (4, "Tỷ lệ %"),
        (5, "Số phiếu"),
        (6, "Tỷ lệ %"),
    ] {
        ws.write_string_with_format(r + 1, c, h, &look.head)?;
    }
    r += 2;
    for it in &s.items {
        num(ws, r, 0, it.number as u64, &look.center)?;
        let text = if it.criterion.is_empty() {
            format!("{} (câu hỏi chung)", it.statement)
        } else {
            it.statement.clone()
        };
        ws.write_string_with_format(r, 1, &text, &look.cell)?;
        rows.set(ws, r, wrap_height(&[(&text, 60.0)]))?;
        num(ws, r, 2, s.forms.counted, &look.count)?;
        num(ws, r, 3, it.satisfied, &look.count)?;
        rate(ws, r, 4, it.rate, &look.rate)?;
        num(ws, r, 5, it.dissatisfied, &look.count)?;
        rate(ws, r, 6, it.dissatisfied_rate, &look.rate)?;
        r += 1;
    }
    // Total row: the mean over the content items.
    let content: Vec<&crate::score::ItemScore> =
        s.items.iter().filter(|i| !i.criterion.is_empty()).collect();
    let dis_sum: u64 = content.iter().map(|i| i.dissatisfied).sum();
    let dis_mean = crate::num::Ratio::percent_of(dis_sum, s.forms.counted * content.len() as u64);
    ws.write_string_with_format(r, 0, "", &look.bold_cell)?;
    ws.write_string_with_format(
        r,
        1,
        format!("Bình quân các nội dung 1 - {}", content.len()),
        &look.bold_cell,
    )?;
    num(ws, r, 2, s.forms.counted, &look.bold_count)?;
    num(
        ws,
        r,
        3,
        content.iter().map(|i| i.satisfied).sum(),
        &look.bold_count,
    )?;
    rate(ws, r, 4, s.content_mean, &look.bold_rate)?;
    num(ws, r, 5, dis_sum, &look.bold_count)?;
    rate(
        ws,
        r,
        6,
        Rate::new(dis_mean, s.display_decimals),
        &look.bold_rate,
    )?;
    let last = r;
    r += 2;
    span(
        ws,
        r,
        0,
        cols - 1,
        "Tỷ lệ % = số phiếu / tổng số phiếu hợp lệ; số phiếu ở dòng bình quân là tổng số câu trả lời của các nội dung.",
        &look.italic,
    )?;
    rows.set(ws, r, 30)?;
    signature(ws, look, &d.heading, r + 2, cols)?;
    let widths = [6.0, 60.0, 10.0, 10.0, 9.0, 10.0, 9.0];
    let closing = Closing {
        last,
        signature: r + 2,
    };
    paper(ws, &widths, Some((h0, h0 + 1)), &rows, closing)
}

fn areas_sheet(ws: &mut Worksheet, look: &Look, d: &CommuneDossier) -> Result<(), XlsxError> {
    let s = d.score;
    let rows = Rows::default();
    let n = s.items.len() as u16;
    let cols = 6 + n;
    let mut r = open_sheet(
        ws,
        look,
        d,
        2,
        cols,
        &["KẾT QUẢ LẤY Ý KIẾN THEO KHU DÂN CƯ", &s.commune],
    )?;
    let h0 = r;
    for (c, h) in [
        "STT",
        "Khu dân cư",
        "Số hộ",
        "Số hộ tham gia",
        "Tỷ lệ tham gia (%)",
        "Hài lòng câu hỏi chung (%)",
    ]
    .iter()
    .enumerate()
    {
        ws.merge_range(r, c as u16, r + 1, c as u16, h, &look.head)?;
    }
    ws.merge_range(r, 6, r, 5 + n, "Tỷ lệ hài lòng từng câu (%)", &look.head)?;
    for i in 0..n {
        ws.write_string_with_format(r + 1, 6 + i, format!("Câu {}", i + 1), &look.head)?;
    }
    r += 2;
    for (k, a) in s.areas.iter().enumerate() {
        num(ws, r, 0, k as u64 + 1, &look.center)?;
        ws.write_string_with_format(r, 1, &a.name, &look.cell)?;
        num(ws, r, 2, a.households_total, &look.count)?;
        num(ws, r, 3, a.surveyed, &look.count)?;
        rate(ws, r, 4, a.rate, &look.rate)?;
        rate(ws, r, 5, a.overall_rate, &look.rate)?;
        for (i, disp) in a.item_rates.iter().enumerate() {
            rate(ws, r, 6 + i as u16, *disp, &look.rate)?;
        }
        r += 1;
    }
    ws.write_string_with_format(r, 0, "", &look.bold_cell)?;
    ws.write_string_with_format(r, 1, "Toàn xã", &look.bold_cell)?;
    num(ws, r, 2, s.households.total, &look.bold_count)?;
    num(ws, r, 3, s.households.surveyed, &look.bold_count)?;
    rate(ws, r, 4, s.households.rate, &look.bold_rate)?;
    rate(ws, r, 5, s.overall.rate, &look.bold_rate)?;
    for (i, it) in s.items.iter().enumerate() {
        rate(ws, r, 6 + i as u16, it.rate, &look.bold_rate)?;
    }
    signature(ws, look, &d.heading, r + 2, cols)?;
    let mut widths = vec![5.0, 24.0, 10.0, 10.0, 10.0, 10.0];
    widths.resize(cols as usize, 7.5);
    let closing = Closing {
        last: r,
        signature: r + 2,
    };
    paper(ws, &widths, Some((h0, h0 + 1)), &rows, closing)
}

fn reasons_sheet(ws: &mut Worksheet, look: &Look, d: &CommuneDossier) -> Result<(), XlsxError> {
    let mut rows = Rows::default();
    let cols: u16 = if d.include_ids { 5 } else { 4 };
    let mut r = open_sheet(
        ws,
        look,
        d,
        3,
        cols,
        &["LÝ DO CHƯA HÀI LÒNG THEO TỪNG NỘI DUNG", &d.score.commune],
    )?;
    let h0 = r;
    let mut headers = vec![
        "Câu",
        "Nội dung",
        "Lý do người dân ghi trên phiếu",
        "Số phiếu",
    ];
    if d.include_ids {
        headers.push("Số thứ tự phiếu");
    }
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *h, &look.head)?;
    }
    r += 1;
    if d.texts.reasons.is_empty() {
        span(
            ws,
            r,
            0,
            cols - 1,
            "Không có phiếu nào ghi lý do chưa hài lòng.",
            &look.cell,
        )?;
        r += 1;
    }
    for (item, list) in &d.texts.reasons {
        let statement = d
            .form
            .items
            .iter()
            .find(|i| i.number == *item)
            .map(|i| i.statement.as_str())
            .unwrap_or("");
        let first = r;
        // The statement spans the item's reason rows: together they must be as tall as it
        // needs, or a printed page cuts it (it overflowed in the PDF rendering, issue #15).
        let statement_height = wrap_height(&[(statement, 40.0)]);
        let mut heights = 0.0;
        for (k, w) in list.iter().enumerate() {
            ws.write_string_with_format(r, 2, &w.text, &look.cell)?;
            let mut h = wrap_height(&[(&w.text, 50.0)]);
            if k + 1 == list.len() {
                h = h.max(statement_height - heights);
            }
            heights += h;
            rows.set(ws, r, h)?;
            num(ws, r, 3, w.count, &look.count)?;
            if d.include_ids {
                ws.write_string_with_format(r, 4, w.form_nos.join(", "), &look.cell)?;
            }
            r += 1;
        }
        if r - 1 > first {
            ws.merge_range(first, 0, r - 1, 0, &item.to_string(), &look.center)?;
            ws.merge_range(first, 1, r - 1, 1, statement, &look.cell)?;
        } else {
            num(ws, first, 0, *item as u64, &look.center)?;
            ws.write_string_with_format(first, 1, statement, &look.cell)?;
        }
    }
    signature(ws, look, &d.heading, r + 1, cols)?;
    let widths = [6.0, 40.0, 50.0, 9.0, 20.0];
    let closing = Closing {
        last: r - 1,
        signature: r + 1,
    };
    paper(ws, &widths[..cols as usize], Some((h0, h0)), &rows, closing)
}

fn opinions_sheet(ws: &mut Worksheet, look: &Look, d: &CommuneDossier) -> Result<(), XlsxError> {
    let mut rows = Rows::default();
    let cols: u16 = if d.include_ids { 5 } else { 4 };
    let mut r = open_sheet(
        ws,
        look,
        d,
        4,
        cols,
        &["Ý KIẾN KHÁC CỦA NGƯỜI DÂN", &d.score.commune],
    )?;
    let h0 = r;
    let mut headers = vec!["STT", "Khu dân cư", "Ý kiến", "Số phiếu"];
    if d.include_ids {
        headers.push("Số thứ tự phiếu");
    }
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *h, &look.head)?;
    }
    r += 1;
    let mut k = 0;
    for (area, list) in &d.texts.opinions {
        for w in list {
            k += 1;
            num(ws, r, 0, k, &look.center)?;
            ws.write_string_with_format(r, 1, area, &look.cell)?;
            ws.write_string_with_format(r, 2, &w.text, &look.cell)?;
            rows.set(ws, r, wrap_height(&[(&w.text, 60.0)]))?;
            num(ws, r, 3, w.count, &look.count)?;
            if d.include_ids {
                ws.write_string_with_format(r, 4, w.form_nos.join(", "), &look.cell)?;
            }
            r += 1;
        }
    }
    if k == 0 {
        span(ws, r, 0, cols - 1, "Không có ý kiến khác.", &look.cell)?;
        r += 1;
    }
    signature(ws, look, &d.heading, r + 1, cols)?;
    let widths = [6.0, 24.0, 60.0, 9.0, 20.0];
    let closing = Closing {
        last: r - 1,
        signature: r + 1,
    };
    paper(ws, &widths[..cols as usize], Some((h0, h0)), &rows, closing)
}

fn notice_sheet(ws: &mut Worksheet, look: &Look, d: &CommuneDossier) -> Result<(), XlsxError> {
    let s = d.score;
    let mut rows = Rows::default();
    let cols = 6;
    let mut r = open_sheet(
        ws,
        look,
        d,
        5,
        cols,
        &[
            "THÔNG BÁO",
            &format!(
                "Kết quả lấy ý kiến sự hài lòng của người dân về kết quả xây dựng nông thôn mới {}",
                s.commune
            ),
        ],
    )?;
    let body = look
        .text
        .clone()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Justify);
    let lowest = s.lowest_item();
    let paragraphs = vec![
        format!(
            "Thực hiện hướng dẫn của Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh về việc lấy ý kiến sự hài lòng của người dân về kết quả xây dựng nông thôn mới, Ban Thường trực Ủy ban MTTQ Việt Nam {} thông báo kết quả như sau:",
            s.commune.replacen("Xã ", "xã ", 1)
        ),
        format!(
            "1. Số hộ được lấy ý kiến: {} hộ; số hộ tham gia: {} hộ, đạt {}%. Số phiếu hợp lệ: {} phiếu.",
            count(s.households.total),
            count(s.households.surveyed),
            s.households.rate.to_string(),
            count(s.forms.counted)
        ),
        format!(
            "2. Số phiếu hài lòng với kết quả xây dựng nông thôn mới của xã (câu hỏi chung): {} phiếu, đạt {}%; không hài lòng: {} phiếu, chiếm {}%.",
            count(s.overall.satisfied),
            s.overall.rate.to_string(),
            count(s.overall.dissatisfied),
            s.overall.dissatisfied_rate.to_string()
        ),
        format!(
            "3. Bình quân tỷ lệ hài lòng các nội dung: {}%{}.",
            s.content_mean.to_string(),
            lowest.map(|i| format!("; nội dung có tỷ lệ hài lòng thấp nhất là nội dung {} ({}%)", i.number, i.rate)).unwrap_or_default()
        ),
        format!(
            "4. Số ý kiến khác của người dân: {} ({}% số phiếu hợp lệ).",
            count(s.other_opinions),
            s.other_opinions_rate.to_string()
        ),
        "Thông báo này được niêm yết công khai tại nhà văn hóa các khu dân cư và trụ sở Ủy ban nhân dân xã, thông báo trên hệ thống truyền thanh của xã trong thời gian 10 ngày, từ ngày ...... đến ngày ....... Mọi ý kiến phản ánh xin gửi về Ban Thường trực Ủy ban MTTQ Việt Nam xã trong thời gian niêm yết.".to_string(),
    ];
    for p in paragraphs {
        ws.merge_range(r, 0, r, cols - 1, &p, &body)?;
        rows.set(
            ws,
            r,
            16.0 * (p.chars().count() as f64 / 85.0).ceil().max(1.0) + 4.0,
        )?;
        r += 1;
    }
    signature(ws, look, &d.heading, r + 1, cols)?;
    let closing = Closing {
        last: r - 1,
        signature: r + 1,
    };
    paper(ws, &[15.0; 6], None, &rows, closing)
}

fn sources_sheet(ws: &mut Worksheet, look: &Look, d: &CommuneDossier) -> Result<(), XlsxError> {
    let s = d.score;
    let cols = 6;
    let mut r = open_sheet(
        ws,
        look,
        d,
        6,
        cols,
        &["NGUỒN SỐ LIỆU VÀ CĂN CỨ KIỂM TRA", &s.commune],
    )?;
    let kv = |ws: &mut Worksheet, r: &mut u32, k: &str, v: &str| -> Result<(), XlsxError> {
        ws.write_string_with_format(*r, 0, k, &look.bold_cell)?;
        ws.merge_range(*r, 1, *r, cols - 1, v, &look.cell)?;
        ws.set_row_height(*r, wrap_height(&[(v, 130.0)]))?;
        *r += 1;
        Ok(())
    };
    kv(
        ws,
        &mut r,
        "Công cụ",
        &format!(
            "hailong {} — cách tính: docs/methodology.md",
            env!("CARGO_PKG_VERSION")
        ),
    )?;
    kv(
        ws,
        &mut r,
        "Bộ quy tắc",
        &format!(
            "{} ({}){}",
            d.rules.pack_title,
            d.rules.pack,
            if d.rules.pack_verified {
                ""
            } else {
                " — văn bản gốc chưa xác minh"
            }
        ),
    )?;
    kv(
        ws,
        &mut r,
        "Mẫu phiếu",
        &format!(
            "{} ({}) — {}{}",
            d.form.header.title,
            d.form.id(),
            d.form.header.source,
            if d.form.header.verified {
                ""
            } else {
                " — chưa xác minh"
            }
        ),
    )?;
    kv(
        ws,
        &mut r,
        "Đợt khảo sát",
        if s.round.is_empty() {
            "(một đợt)"
        } else {
            &s.round
        },
    )?;
    kv(ws, &mut r, "Phiếu không hợp lệ", &s.invalid_form_rule)?;
    r += 1;
    span(ws, r, 0, cols - 1, "Các ngưỡng áp dụng", &look.bold)?;
    r += 1;
    let h = [
        "Điều kiện",
        "Ngưỡng (%)",
        "Nguồn",
        "",
        "Đã xác minh",
        "Bộ quy tắc",
    ];
    for (c, t) in h.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *t, &look.head)?;
    }
    ws.merge_range(r, 2, r, 3, "Nguồn", &look.head)?;
    r += 1;
    for c in d.rules.checks.iter().chain(&d.rules.no_source) {
        ws.write_string_with_format(r, 0, c.kind.label().0, &look.cell)?;
        ws.write_number_with_format(r, 1, c.threshold.to_f64(), &look.rate)?;
        ws.merge_range(r, 2, r, 3, &c.source, &look.cell)?;
        ws.set_row_height(r, wrap_height(&[(&c.source, 68.0)]))?;
        let status = match (c.no_source, c.verified) {
            (true, _) => NO_SOURCE,
            (false, true) => "Có",
            (false, false) => "Chưa",
        };
        ws.write_string_with_format(r, 4, status, &look.center)?;
        ws.write_string_with_format(r, 5, &c.pack, &look.cell)?;
        r += 1;
    }
    r += 1;
    span(ws, r, 0, cols - 1, "Tệp số liệu đầu vào", &look.bold)?;
    r += 1;
    for (c, t) in [
        "Tệp",
        "SHA-256",
        "",
        "Thời điểm nhập (UTC)",
        "Số phiếu",
        "Dòng bị loại",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(r, c as u16, *t, &look.head)?;
    }
    ws.merge_range(r, 1, r, 2, "SHA-256", &look.head)?;
    r += 1;
    for src in d.sources {
        ws.write_string_with_format(r, 0, &src.file_name, &look.cell)?;
        ws.merge_range(r, 1, r, 2, &src.sha256, &look.cell)?;
        ws.write_string_with_format(r, 3, &src.imported_at, &look.cell)?;
        num(ws, r, 4, (src.ballots + src.tallies) as u64, &look.count)?;
        num(ws, r, 5, src.rows_rejected as u64, &look.count)?;
        r += 1;
    }
    for (c, w) in [
        (0, 30.0),
        (1, 34.0),
        (2, 34.0),
        (3, 22.0),
        (4, 11.0),
        (5, 13.0),
    ] {
        ws.set_column_width(c, w)?;
    }
    page(ws, true, None)
}
