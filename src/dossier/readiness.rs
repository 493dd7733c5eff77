//! The criteria half of a commune's dossier: the detailed table of criteria results, the
//! conditions of recognition and the checklist of the dossier's documents.
//!
//! These are the commune People's Committee's documents, not the Front's, so they carry the
//! committee's heading and signature. They only lay out what `score::criteria` judged; nothing
//! here decides whether an indicator is met. Household data never appears here.

use super::look::{Heading, Look, page, span};
use crate::rules::schema::{DocumentDef, Produced};
use crate::score::CommuneScore;
use crate::score::criteria::{CriteriaReport, IndicatorResult};
use rust_xlsxwriter::{Worksheet, XlsxError};
use std::collections::BTreeMap;

/// The sheet names, in order, after the survey's seven.
pub const SHEETS: [&str; 3] = [
    "Kết quả thực hiện tiêu chí",
    "Điều kiện công nhận",
    "Danh mục hồ sơ",
];

/// The heading of the commune People's Committee.
pub fn committee_heading(commune: &str, year: &str) -> Heading {
    Heading {
        issuing_body: "ỦY BAN NHÂN DÂN".into(),
        issuing_unit: commune.to_uppercase(),
        place: commune.trim_start_matches("Xã ").to_string(),
        year: year.to_string(),
        signer_title: "CHỦ TỊCH".into(),
        signer_name: String::new(),
        symbol: "UBND".into(),
        on_behalf: "TM. ỦY BAN NHÂN DÂN".into(),
        province: String::new(),
    }
}

fn yes(b: bool) -> &'static str {
    if b { "Đạt" } else { "Chưa đạt" }
}

fn verified(b: bool) -> &'static str {
    if b {
        "Đã xác minh"
    } else {
        "Chưa xác minh"
    }
}

/// The committee's signature block from row `r` on the right half.
fn sign(ws: &mut Worksheet, look: &Look, h: &Heading, r: u32, cols: u16) -> Result<(), XlsxError> {
    super::look::signature_for(ws, look, h, r, cols, "TM. ỦY BAN NHÂN DÂN").map(|_| ())
}

/// Sheet "Kết quả thực hiện tiêu chí".
pub fn criteria_sheet(
    ws: &mut Worksheet,
    look: &Look,
    h: &Heading,
    s: &CommuneScore,
) -> Result<(), XlsxError> {
    ws.set_name(SHEETS[0])?;
    let Some(c) = &s.criteria else {
        return no_criteria(ws, look, h, s);
    };
    let mut t = CriteriaTable {
        ws,
        look,
        c,
        cols: 9,
    };
    let title2 = format!(
        "{}{}",
        c.set_title,
        c.region_or_group
            .as_ref()
            .map(|g| format!(" — {g}"))
            .unwrap_or_default()
    );
    let r = super::look::heading(
        t.ws,
        look,
        h,
        t.cols,
        &["BIỂU CHI TIẾT KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ", &title2],
    )?;
    let (line, _) = c.summary_line();
    let r = t.intro(r, &s.commune, &line)?;
    let r = t.unmet(r + 1)?;
    let common = common_source(c);
    let r = t.common_source_note(r + 1, common)?;
    let hr = r;
    let r = t.table(hr, common)?;
    t.closing(r, &line, h)?;
    page(t.ws, true, Some((hr, hr)))?;
    Ok(())
}

/// The sheet of a commune that has not imported its self-assessment: the heading and how to
/// make one.
fn no_criteria(
    ws: &mut Worksheet,
    look: &Look,
    h: &Heading,
    s: &CommuneScore,
) -> Result<(), XlsxError> {
    let cols: u16 = 9;
    let r = super::look::heading(
        ws,
        look,
        h,
        cols,
        &["BIỂU CHI TIẾT KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ"],
    )?;
    span(
        ws,
        r,
        0,
        cols - 1,
        &format!(
            "{} chưa nhập bảng tự đánh giá kết quả thực hiện tiêu chí. Lập bảng bằng: hailong template --criteria <bộ tiêu chí> --commune \"{}\", điền và nhập (hailong import).",
            s.commune, s.commune
        ),
        &look.alarm,
    )?;
    ws.set_row_height(r, 36)?;
    page(ws, true, None)
}

/// The source most targets share, said once above the table; a row names its own only when it
/// differs (57 repetitions of one long citation would double the pages).
fn common_source(c: &CriteriaReport) -> &str {
    let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
    for i in c.criteria.iter().flat_map(|cr| &cr.indicators) {
        *tally.entry(i.source.as_str()).or_default() += 1;
    }
    tally
        .iter()
        .max_by_key(|(_, n)| **n)
        .map(|(s, _)| *s)
        .unwrap_or("")
}

/// Why an unmet indicator is unmet, in the dossier's words.
fn unmet_reason(i: &IndicatorResult) -> String {
    match (&i.result, i.self_assessed, i.agrees) {
        (None, _, _) => "không có trong bảng tự đánh giá".to_string(),
        (_, None, _) => "chưa tự đánh giá".to_string(),
        (_, Some(_), Some(false)) => format!(
            "kết quả {} mâu thuẫn với tự đánh giá \"{}\" (chỉ tiêu {})",
            i.result.as_deref().unwrap_or(""),
            yes(i.self_assessed == Some(true)),
            i.target
        ),
        (Some(res), Some(false), _) => {
            format!(
                "xã tự đánh giá chưa đạt (kết quả {res}, chỉ tiêu {})",
                i.target
            )
        }
        _ => "chưa đạt".to_string(),
    }
}

/// The criteria sheet's parts once the self-assessment is there: each takes its first row and
/// returns the next.
struct CriteriaTable<'a, 'w> {
    ws: &'w mut Worksheet,
    look: &'a Look,
    c: &'a CriteriaReport,
    cols: u16,
}

impl CriteriaTable<'_, '_> {
    /// The summary line, the legal basis and, when the text states more indicators than the
    /// data holds, a warning.
    fn intro(&mut self, mut r: u32, commune: &str, line: &str) -> Result<u32, XlsxError> {
        let (ws, look, c, cols) = (&mut *self.ws, self.look, self.c, self.cols);
        let all_met = c.criteria_met == c.criteria_total;
        span(
            ws,
            r,
            0,
            cols - 1,
            &format!("{commune}: {line}."),
            if all_met { &look.good } else { &look.alarm },
        )?;
        r += 1;
        span(
            ws,
            r,
            0,
            cols - 1,
            &format!("Căn cứ: {}. Bảng tự đánh giá: {}.", c.legal_basis, c.file),
            &look.italic,
        )?;
        r += 1;
        if let Some(n) = c.indicators_stated {
            span(
                ws,
                r,
                0,
                cols - 1,
                &format!(
                    "Lưu ý: văn bản quy định {n} chỉ tiêu; dữ liệu của hailong mới có {} dòng, tiêu chí chưa có chỉ tiêu được đánh giá theo cả tiêu chí.",
                    c.indicators_total
                ),
                &look.alarm,
            )?;
            r += 1;
        }
        Ok(r)
    }

    /// The unmet indicators first, plainly, one line each with its reason.
    fn unmet(&mut self, mut r: u32) -> Result<u32, XlsxError> {
        let (ws, look, c, cols) = (&mut *self.ws, self.look, self.c, self.cols);
        let unmet: Vec<_> = c
            .criteria
            .iter()
            .flat_map(|cr| cr.indicators.iter().map(move |i| (cr, i)))
            .filter(|(_, i)| !i.met)
            .collect();
        if unmet.is_empty() {
            span(
                ws,
                r,
                0,
                cols - 1,
                "Không có chỉ tiêu chưa đạt.",
                &look.good,
            )?;
            return Ok(r + 1);
        }
        span(
            ws,
            r,
            0,
            cols - 1,
            &format!("CÁC CHỈ TIÊU CHƯA ĐẠT ({}):", unmet.len()),
            &look.alarm,
        )?;
        r += 1;
        for (cr, i) in &unmet {
            span(
                ws,
                r,
                0,
                cols - 1,
                &format!(
                    "– Tiêu chí {} {}, chỉ tiêu {}: {}",
                    cr.code,
                    cr.name,
                    i.code,
                    unmet_reason(i)
                ),
                &look.text.clone().set_text_wrap(),
            )?;
            ws.set_row_height(r, 18)?;
            r += 1;
        }
        Ok(r)
    }

    /// The line naming the common source of the targets, when there is one.
    fn common_source_note(&mut self, r: u32, common: &str) -> Result<u32, XlsxError> {
        if common.is_empty() {
            return Ok(r);
        }
        span(
            self.ws,
            r,
            0,
            self.cols - 1,
            &format!("Căn cứ chỉ tiêu quy định (trừ dòng ghi khác): {common}."),
            &self.look.italic,
        )?;
        self.ws.set_row_height(r, 32)?;
        Ok(r + 1)
    }

    /// The table from its header row `hr`: a shaded row per group, each criterion's indicators
    /// with the criterion merged beside them.
    fn table(&mut self, hr: u32, common: &str) -> Result<u32, XlsxError> {
        let (ws, look, c, cols) = (&mut *self.ws, self.look, self.c, self.cols);
        for (k, head) in [
            "TT",
            "Tên tiêu chí",
            "Mã chỉ tiêu",
            "Nội dung chỉ tiêu",
            "Chỉ tiêu quy định",
            "Kết quả thực hiện",
            "Xã tự đánh giá",
            "Đánh giá",
            "Căn cứ chỉ tiêu",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string_with_format(hr, k as u16, *head, &look.head)?;
        }
        ws.set_row_height(hr, 32)?;
        let mut r = hr + 1;
        let group_fmt = look.bold_cell.clone().set_background_color("#F2F2F2");
        let mut group = "";
        for (n, cr) in c.criteria.iter().enumerate() {
            if cr.group != group {
                group = &cr.group;
                ws.write_string_with_format(r, 0, &cr.group, &group_fmt)?;
                span(ws, r, 1, cols - 1, &cr.group_name, &group_fmt)?;
                r += 1;
            }
            let first = r;
            for i in &cr.indicators {
                indicator(ws, look, r, i, common)?;
                r += 1;
            }
            let label = format!("{}. {} — {}", cr.code, cr.name, yes(cr.met));
            if r > first + 1 {
                ws.merge_range(first, 0, r - 1, 0, &(n + 1).to_string(), &look.center)?;
                ws.merge_range(first, 1, r - 1, 1, &label, &look.cell)?;
            } else if r == first + 1 {
                ws.write_string_with_format(first, 0, (n + 1).to_string(), &look.center)?;
                ws.write_string_with_format(first, 1, &label, &look.cell)?;
            }
        }
        Ok(r)
    }

    /// The total row, the warning on unverified targets, the committee's signature and the
    /// column widths.
    fn closing(&mut self, mut r: u32, line: &str, h: &Heading) -> Result<(), XlsxError> {
        let (ws, look, cols) = (&mut *self.ws, self.look, self.cols);
        ws.write_string_with_format(r, 1, "Tổng cộng", &look.bold_cell)?;
        span(ws, r, 2, cols - 1, line, &look.bold_cell)?;
        r += 2;
        if self.c.any_unverified {
            span(
                ws,
                r,
                0,
                cols - 1,
                "Chỉ tiêu quy định ghi \"Chưa xác minh\" chưa được đối chiếu với văn bản gốc: kiểm tra trước khi trình hồ sơ.",
                &look.italic,
            )?;
            r += 1;
        }
        sign(ws, look, h, r + 1, cols)?;
        for (k, w) in [5.0, 20.0, 8.0, 44.0, 14.0, 13.0, 11.0, 12.0, 20.0]
            .iter()
            .enumerate()
        {
            ws.set_column_width(k as u16, *w)?;
        }
        Ok(())
    }
}

/// Row `r`: one indicator's target, result, self-assessment, verdict and basis.
fn indicator(
    ws: &mut Worksheet,
    look: &Look,
    r: u32,
    i: &IndicatorResult,
    common: &str,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(r, 2, &i.code, &look.center)?;
    ws.write_string_with_format(r, 3, &i.name, &look.cell)?;
    ws.write_string_with_format(r, 4, &i.target, &look.center)?;
    let result = match &i.result {
        Some(x) => x.clone(),
        None => "(thiếu)".into(),
    };
    ws.write_string_with_format(r, 5, &result, &look.center)?;
    let own = i.self_assessed.map(yes).unwrap_or("(trống)");
    ws.write_string_with_format(r, 6, own, &look.center)?;
    let f = if i.met { &look.center } else { &look.alarm };
    let mut verdict = yes(i.met).to_string();
    if i.agrees == Some(false) {
        verdict.push_str(" (mâu thuẫn)");
    }
    ws.write_string_with_format(
        r,
        7,
        &verdict,
        &f.clone().set_border(rust_xlsxwriter::FormatBorder::Thin),
    )?;
    let basis = if i.source == common {
        verified(i.verified).to_string()
    } else {
        format!("{} ({})", i.source, verified(i.verified))
    };
    ws.write_string_with_format(r, 8, &basis, &look.cell)?;
    let lines = super::look::wrapped_lines(&i.name, 40)
        .max(super::look::wrapped_lines(&basis, 20))
        .max(1);
    ws.set_row_height(r, 15.0 * lines as f64 + 3.0)?;
    Ok(())
}

/// Sheet "Điều kiện công nhận".
pub fn conditions_sheet(
    ws: &mut Worksheet,
    look: &Look,
    h: &Heading,
    s: &CommuneScore,
) -> Result<(), XlsxError> {
    ws.set_name(SHEETS[1])?;
    let cols: u16 = 6;
    let mut r = super::look::heading(
        ws,
        look,
        h,
        cols,
        &[
            "KIỂM TRA ĐIỀU KIỆN CÔNG NHẬN",
            &format!("{} — xét công nhận đạt chuẩn nông thôn mới", s.commune),
        ],
    )?;
    let Some(rd) = &s.readiness else {
        span(
            ws,
            r,
            0,
            cols - 1,
            "Bộ quy tắc đang áp dụng không có điều kiện công nhận cho loại công nhận này.",
            &look.alarm,
        )?;
        page(ws, false, None)?;
        return Ok(());
    };
    let (vi, _) = rd.short_text();
    span(
        ws,
        r,
        0,
        cols - 1,
        &format!("Kết luận: {vi}"),
        if rd.ready { &look.good } else { &look.alarm },
    )?;
    r += 2;
    let hr = r;
    for (k, head) in [
        "TT",
        "Điều kiện",
        "Kết quả",
        "Nội dung kiểm tra",
        "Minh chứng",
        "Căn cứ",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(hr, k as u16, *head, &look.head)?;
    }
    r += 1;
    for (n, c) in rd.conditions.iter().enumerate() {
        ws.write_number_with_format(r, 0, (n + 1) as f64, &look.center)?;
        ws.write_string_with_format(r, 1, &c.condition, &look.cell)?;
        let f = if c.met { &look.center } else { &look.alarm };
        ws.write_string_with_format(
            r,
            2,
            yes(c.met),
            &f.clone().set_border(rust_xlsxwriter::FormatBorder::Thin),
        )?;
        ws.write_string_with_format(r, 3, &c.detail, &look.cell)?;
        ws.write_string_with_format(r, 4, &c.evidence, &look.cell)?;
        ws.write_string_with_format(
            r,
            5,
            format!("{} ({})", c.source, verified(c.verified)),
            &look.cell,
        )?;
        let lines = [
            super::look::wrapped_lines(&c.condition, 30),
            super::look::wrapped_lines(&c.detail, 36),
            super::look::wrapped_lines(&c.evidence, 26),
            super::look::wrapped_lines(&c.source, 26),
        ]
        .into_iter()
        .max()
        .unwrap_or(1)
        .max(1);
        ws.set_row_height(r, 15.0 * lines as f64 + 3.0)?;
        r += 1;
    }
    r += 1;
    if rd.any_unverified {
        span(
            ws,
            r,
            0,
            cols - 1,
            "Có điều kiện chưa được đối chiếu với văn bản gốc (Chưa xác minh).",
            &look.italic,
        )?;
        r += 1;
    }
    sign(ws, look, h, r + 1, cols)?;
    for (k, w) in [5.0, 34.0, 10.0, 40.0, 28.0, 28.0].iter().enumerate() {
        ws.set_column_width(k as u16, *w)?;
    }
    page(ws, true, Some((hr, hr)))?;
    Ok(())
}

/// What hailong produced of a document, said in the checklist.
fn produced(p: Option<Produced>, criteria: Option<&CriteriaReport>) -> String {
    match p {
        Some(Produced::SurveyReport) => {
            "Có: các sheet Tổng hợp … Thông báo niêm yết của tệp này".into()
        }
        Some(Produced::CriteriaTable) if criteria.is_some() => {
            format!(
                "Có: sheet \"{}\" (biểu chi tiết); báo cáo do xã lập",
                SHEETS[0]
            )
        }
        Some(Produced::CriteriaTable) => "Chưa: xã chưa nhập bảng tự đánh giá".into(),
        Some(Produced::Conditions) => format!(
            "Có: sheet \"{}\" (tổng hợp); văn bản xác nhận do xã nộp",
            SHEETS[1]
        ),
        None => "Không: xã lập".into(),
    }
}

/// Sheet "Danh mục hồ sơ".
pub fn checklist_sheet(
    ws: &mut Worksheet,
    look: &Look,
    h: &Heading,
    s: &CommuneScore,
    documents: &[DocumentDef],
) -> Result<(), XlsxError> {
    ws.set_name(SHEETS[2])?;
    let cols: u16 = 4;
    let mut r = super::look::heading(
        ws,
        look,
        h,
        cols,
        &[
            "DANH MỤC HỒ SƠ ĐỀ NGHỊ XÉT, CÔNG NHẬN",
            &format!("{} đạt chuẩn nông thôn mới", s.commune),
        ],
    )?;
    let hr = r;
    for (k, head) in ["TT", "Tài liệu", "hailong lập", "Căn cứ"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(hr, k as u16, *head, &look.head)?;
    }
    r += 1;
    for (n, d) in documents.iter().enumerate() {
        ws.write_number_with_format(r, 0, (n + 1) as f64, &look.center)?;
        ws.write_string_with_format(r, 1, &d.name, &look.cell)?;
        ws.write_string_with_format(r, 2, produced(d.produced, s.criteria.as_ref()), &look.cell)?;
        ws.write_string_with_format(
            r,
            3,
            format!("{} ({})", d.source, verified(d.verified)),
            &look.cell,
        )?;
        let lines = super::look::wrapped_lines(&d.name, 44)
            .max(super::look::wrapped_lines(&d.source, 30))
            .max(1);
        ws.set_row_height(r, 15.0 * lines as f64 + 3.0)?;
        r += 1;
    }
    if documents.is_empty() {
        span(
            ws,
            r,
            0,
            cols - 1,
            "Bộ quy tắc đang áp dụng không có danh mục hồ sơ cho loại công nhận này.",
            &look.alarm,
        )?;
        r += 1;
    }
    r += 1;
    if documents.iter().any(|d| !d.verified) {
        span(
            ws,
            r,
            0,
            cols - 1,
            "Danh mục có tài liệu chưa đối chiếu với văn bản gốc (Chưa xác minh): kiểm tra trước khi trình hồ sơ.",
            &look.italic,
        )?;
    }
    for (k, w) in [5.0, 50.0, 34.0, 34.0].iter().enumerate() {
        ws.set_column_width(k as u16, *w)?;
    }
    page(ws, false, Some((hr, hr)))?;
    Ok(())
}
