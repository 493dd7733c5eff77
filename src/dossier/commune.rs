//! The commune's appendices for the recognition dossier (`hailong export --commune`).
//!
//! Seven sheets of the survey in a fixed order, then the criteria half (`readiness`). Six are
//! administrative documents printed for the appraisal council, laid out by [`super::print`]:
//! legible at 100 % on A4, headers repeated, the signature kept with its table, no tool text.
//! The seventh, the provenance (tool, packs, file hashes), is hidden so that printing leaves it
//! out. Counts are integer cells; rates are numeric cells holding the official figure (rounded
//! half-up, exactly as `score` shows it), so the printed page and the report agree to the last
//! digit. Household identifiers appear only when asked for.

use super::look::{
    DocKind, Heading, Look, Style, ending, heading, heading_block, page, span, unverified_block,
    wrap_height,
};
use super::print::{Block, Group, Paper, Row, Sheet, Table, Value};
use crate::num::Rate;
use crate::num::count;
use crate::rules::{Form, FormRules};
use crate::score::CommuneScore;
use crate::score::render::{margin_text, summary};
use crate::score::texts::Texts;
use crate::store::SourceEntry;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

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

/// A rate as the number its figure shows (rounded half-up to the pack's decimals), so that the
/// cell and the report agree to the last digit.
fn rate(r: Rate) -> Value {
    Value::Number(r.rounded())
}

/// Names the sheet and writes its blocks, pages planned.
fn finish(ws: &mut Worksheet, look: &Look, index: usize, sheet: Sheet) -> Result<(), XlsxError> {
    sheet.write_named(ws, look, SHEETS[index]).map(|_| ())
}

/// The line every printed sheet ends with: where its figures come from, in words.
fn sources_line(d: &CommuneDossier) -> String {
    let files = d.sources.len();
    let date = d
        .sources
        .iter()
        .map(|s| s.imported_at.as_str())
        .max()
        .and_then(crate::date::Day::parse)
        .map(|day| format!(", nhập đến ngày {}", day.display()))
        .unwrap_or_default();
    format!(
        "Nguồn số liệu: phiếu lấy ý kiến của {} khu dân cư ({} tệp do khu dân cư nộp{date}); ngưỡng đánh giá theo {}.",
        d.score.areas.len(),
        files,
        d.rules.pack_title
    )
}

/// The blocks every survey sheet closes with: the Front's signature and the sources line.
fn closing(d: &CommuneDossier, widths: &[f64], recipients: &[&str]) -> Vec<Block> {
    ending(&d.heading, widths, recipients, &sources_line(d))
}

/// Who receives the Front's reports.
const REPORT_TO: [&str; 3] = [
    "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh",
    "Ủy ban nhân dân xã",
    "Lưu: VT.",
];

/// Builds the commune's workbook (the caller saves it or sends its bytes).
pub fn build(d: &CommuneDossier) -> Result<Workbook, XlsxError> {
    let mut wb = super::look::workbook()?;
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

/// The commune in running text: "xã Chiềng Mung".
fn in_text(commune: &str) -> String {
    commune.replacen("Xã ", "xã ", 1)
}

/// Sheet "Tổng hợp": the verdict, the general figures and the conditions behind the verdict,
/// signed by the Front.
fn summary_sheet(ws: &mut Worksheet, look: &Look, d: &CommuneDossier) -> Result<(), XlsxError> {
    let s = d.score;
    // STT | label (1–4) | figure (5–6); the conditions table: condition (0–1) | value | threshold
    // | result | margin | basis.
    let widths = vec![34.0, 122.0, 52.0, 52.0, 60.0, 60.0, 104.0];
    let subtitle = format!(
        "về kết quả xây dựng nông thôn mới {} ({})",
        in_text(&s.commune),
        s.form_title
            .trim_start_matches("Phiếu lấy ý kiến sự hài lòng của người dân về kết quả xây dựng ")
    );
    let mut blocks = heading_block(
        &d.heading,
        &widths,
        DocKind::Report,
        &[
            "BÁO CÁO",
            "Kết quả lấy ý kiến sự hài lòng của người dân",
            &subtitle,
        ],
    );
    let vi = crate::i18n::Lang::Vi;
    let verdict = format!(
        "KẾT LUẬN: {} — {}",
        crate::i18n::ReportText::verdict(s.verdict.passed).text(vi),
        summary(s, vi)
    );
    let style = if s.verdict.passed {
        Style::Good
    } else {
        Style::Alarm
    };
    blocks.push(Block::Rows {
        rows: vec![Row::one(0, 7, verdict, style)],
        keep: true,
    });
    if s.verdict.relies_on_unverified {
        blocks.push(unverified_block(
            "Lưu ý: kết luận dựa trên ngưỡng hoặc quy tắc chưa xác minh với văn bản gốc; đối chiếu trước khi ký.",
            &widths,
        ));
    }
    blocks.push(Block::Gap(6.0));
    blocks.push(Block::Table(figures_table(s)));
    blocks.push(Block::Gap(8.0));
    blocks.push(Block::Table(conditions_table(s)));
    blocks.push(Block::Gap(6.0));
    blocks.push(Block::Rows {
        rows: vec![Row::one(
            0,
            7,
            format!(
                "Phiếu không hợp lệ: {}.",
                crate::score::invalid_form_grounds(&d.rules.invalid_form, crate::i18n::Lang::Vi)
            ),
            Style::Italic,
        )],
        keep: true,
    });
    blocks.extend(closing(d, &widths, &REPORT_TO));
    let sheet = Sheet {
        paper: Paper::Portrait,
        widths,
        blocks,
    };
    finish(ws, look, 0, sheet)
}

/// Section I, the general figures, one numbered row each.
fn figures_table(s: &CommuneScore) -> Table {
    let body = figure_rows(s)
        .into_iter()
        .enumerate()
        .map(|(i, (label, n, rt))| {
            let row =
                Row::new()
                    .cell(0, 1, i as u64 + 1, Style::Center)
                    .cell(1, 4, label, Style::Cell);
            match (n, rt) {
                (Some(n), _) => row.cell(5, 2, n, Style::Count),
                (None, Some(t)) => row.cell(5, 2, rate(t), Style::Rate),
                (None, None) => row.cell(5, 2, "không có số liệu", Style::Center),
            }
        })
        .collect();
    Table {
        title: vec![Row::one(0, 7, "I. SỐ LIỆU CHUNG", Style::Bold)],
        head: vec![
            Row::new()
                .cell(0, 1, "STT", Style::Head)
                .cell(1, 4, "Chỉ tiêu", Style::Head)
                .cell(5, 2, "Số liệu", Style::Head),
        ],
        body,
        ..Table::default()
    }
}

/// Section II, the conditions of the verdict: each check, then each threshold no document sets.
fn conditions_table(s: &CommuneScore) -> Table {
    let mut body: Vec<Row> = s
        .verdict
        .checks
        .iter()
        .map(|c| {
            let label = match &c.subject {
                Some(x) => format!("{} ({x})", c.label),
                None => c.label.clone(),
            };
            let (result, style) = if c.passed {
                ("Đạt", Style::Center)
            } else {
                ("Không đạt", Style::AlarmCell)
            };
            Row::new()
                .cell(0, 2, label, Style::Cell)
                .cell(2, 1, rate(c.value), Style::Rate)
                .cell(3, 1, c.threshold_pct, Style::Rate)
                .cell(4, 1, result, style)
                .cell(
                    5,
                    1,
                    margin_text(c, crate::i18n::Lang::Vi).to_string(),
                    Style::Center,
                )
                .cell(6, 1, c.source.as_str(), Style::Cell)
        })
        .collect();
    body.extend(s.verdict.no_source.iter().map(|c| {
        Row::new()
            .cell(0, 2, c.label.as_str(), Style::Cell)
            .cell(2, 1, Value::Empty, Style::Cell)
            .cell(3, 1, c.threshold.to_f64(), Style::Rate)
            .cell(4, 1, "Không áp dụng", Style::Center)
            .cell(5, 1, Value::Empty, Style::Cell)
            .cell(6, 1, NO_SOURCE, Style::Cell)
    }));
    Table {
        title: vec![Row::one(
            0,
            7,
            "II. CÁC ĐIỀU KIỆN CỦA KẾT LUẬN",
            Style::Bold,
        )],
        head: vec![
            Row::new()
                .cell(0, 2, "Điều kiện", Style::Head)
                .cell(2, 1, "Giá trị (%)", Style::Head)
                .cell(3, 1, "Ngưỡng (%)", Style::Head)
                .cell(4, 1, "Kết quả", Style::Head)
                .cell(5, 1, "Biên", Style::Head)
                .cell(6, 1, "Căn cứ", Style::Head),
        ],
        body,
        ..Table::default()
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

/// The title lines of a sheet about the commune's survey.
fn titled<'a>(title: &'a str, commune: &'a str) -> [&'a str; 2] {
    [title, commune]
}

fn items_sheet(ws: &mut Worksheet, look: &Look, d: &CommuneDossier) -> Result<(), XlsxError> {
    let s = d.score;
    let widths = vec![32.0, 226.0, 48.0, 46.0, 44.0, 46.0, 44.0];
    let commune = in_text(&s.commune);
    let mut blocks = heading_block(
        &d.heading,
        &widths,
        DocKind::Report,
        &titled("KẾT QUẢ LẤY Ý KIẾN THEO TỪNG NỘI DUNG", &commune),
    );
    let mut body: Vec<Row> = s
        .items
        .iter()
        .map(|it| {
            let text = if it.criterion.is_empty() {
                format!("{} (câu hỏi chung)", it.statement)
            } else {
                it.statement.clone()
            };
            Row::new()
                .cell(0, 1, u64::from(it.number), Style::Center)
                .cell(1, 1, text, Style::Cell)
                .cell(2, 1, s.forms.counted, Style::Count)
                .cell(3, 1, it.satisfied, Style::Count)
                .cell(4, 1, rate(it.rate), Style::Rate)
                .cell(5, 1, it.dissatisfied, Style::Count)
                .cell(6, 1, rate(it.dissatisfied_rate), Style::Rate)
        })
        .collect();
    // Total row: the mean over the content items.
    let content: Vec<&crate::score::ItemScore> =
        s.items.iter().filter(|i| !i.criterion.is_empty()).collect();
    let dis_sum: u64 = content.iter().map(|i| i.dissatisfied).sum();
    let dis_mean = crate::num::Ratio::percent_of(dis_sum, s.forms.counted * content.len() as u64);
    body.push(
        Row::new()
            .cell(0, 1, Value::Empty, Style::BoldCell)
            .cell(
                1,
                1,
                format!("Bình quân các nội dung 1 - {}", content.len()),
                Style::BoldCell,
            )
            .cell(2, 1, s.forms.counted, Style::BoldCount)
            .cell(
                3,
                1,
                content.iter().map(|i| i.satisfied).sum::<u64>(),
                Style::BoldCount,
            )
            .cell(4, 1, rate(s.content_mean), Style::BoldRate)
            .cell(5, 1, dis_sum, Style::BoldCount)
            .cell(
                6,
                1,
                rate(Rate::new(dis_mean, s.display_decimals)),
                Style::BoldRate,
            ),
    );
    let head = vec![
        Row::new()
            .cell(0, 1, "STT", Style::Head)
            .cell(1, 1, "Nội dung", Style::Head)
            .cell(2, 1, "Tổng số phiếu", Style::Head)
            .cell(3, 2, "Hài lòng", Style::Head)
            .cell(5, 2, "Không hài lòng", Style::Head),
        Row::new()
            .cell(3, 1, "Số phiếu", Style::Head)
            .cell(4, 1, "Tỷ lệ %", Style::Head)
            .cell(5, 1, "Số phiếu", Style::Head)
            .cell(6, 1, "Tỷ lệ %", Style::Head),
    ];
    blocks.push(Block::Table(Table {
        head,
        body,
        head_merges: vec![(0, 0, 1), (1, 0, 1), (2, 0, 1)],
        ..Table::default()
    }));
    blocks.push(Block::Gap(6.0));
    blocks.push(Block::Rows {
        rows: vec![Row::one(
            0,
            7,
            "Tỷ lệ % = số phiếu / tổng số phiếu hợp lệ; số phiếu ở dòng bình quân là tổng số câu trả lời của các nội dung.",
            Style::Italic,
        )],
        keep: true,
    });
    blocks.extend(closing(d, &widths, &REPORT_TO));
    finish(
        ws,
        look,
        1,
        Sheet {
            paper: Paper::Portrait,
            widths,
            blocks,
        },
    )
}

/// Width of a rate column of the per-area tables, points: "100,00" in 12 pt with padding.
const RATE_COL: f64 = 50.0;

/// The per-area sheet: participation and the overall rate per area, then the item rates in as
/// many tables as the page width needs (19 items across one A4 printed at 5,6 pt, issue #22).
fn areas_sheet(ws: &mut Worksheet, look: &Look, d: &CommuneDossier) -> Result<(), XlsxError> {
    let s = d.score;
    let paper = Paper::Portrait;
    let fixed = [30.0, 150.0];
    let per_table =
        (((paper.width() - fixed.iter().sum::<f64>()) / RATE_COL).floor() as usize).max(1);
    let n = s.items.len();
    let tables = n.div_ceil(per_table).max(1);
    let per = n.div_ceil(tables).max(4);
    let mut widths = fixed.to_vec();
    widths.resize(2 + per, RATE_COL);
    let cols = widths.len() as u16;
    let commune = in_text(&s.commune);
    let mut blocks = heading_block(
        &d.heading,
        &widths,
        DocKind::Report,
        &titled("KẾT QUẢ LẤY Ý KIẾN THEO KHU DÂN CƯ", &commune),
    );
    // Participation and the overall question, four figures over columns 2–5.
    let mut body: Vec<Row> = s
        .areas
        .iter()
        .enumerate()
        .map(|(k, a)| {
            Row::new()
                .cell(0, 1, k as u64 + 1, Style::Center)
                .cell(1, 1, a.name.as_str(), Style::Cell)
                .cell(2, 1, a.households_total, Style::Count)
                .cell(3, 1, a.surveyed, Style::Count)
                .cell(4, 1, rate(a.rate), Style::Rate)
                .cell(5, 1, rate(a.overall_rate), Style::Rate)
        })
        .collect();
    body.push(
        Row::new()
            .cell(0, 1, Value::Empty, Style::BoldCell)
            .cell(1, 1, "Toàn xã", Style::BoldCell)
            .cell(2, 1, s.households.total, Style::BoldCount)
            .cell(3, 1, s.households.surveyed, Style::BoldCount)
            .cell(4, 1, rate(s.households.rate), Style::BoldRate)
            .cell(5, 1, rate(s.overall.rate), Style::BoldRate),
    );
    blocks.push(Block::Table(Table {
        title: vec![Row::one(
            0,
            cols,
            "1. Tham gia và hài lòng câu hỏi chung",
            Style::Bold,
        )],
        head: vec![Row::texts(
            [
                "STT",
                "Khu dân cư",
                "Số hộ",
                "Số hộ tham gia",
                "Tỷ lệ tham gia (%)",
                "Hài lòng câu hỏi chung (%)",
            ],
            Style::Head,
        )],
        body,
        ..Table::default()
    }));
    for (t, chunk) in s.items.chunks(per).enumerate() {
        let (a, b) = (chunk[0].number, chunk[chunk.len() - 1].number);
        let mut head =
            Row::new()
                .cell(0, 1, "STT", Style::Head)
                .cell(1, 1, "Khu dân cư", Style::Head);
        for (i, it) in chunk.iter().enumerate() {
            head = head.cell(2 + i as u16, 1, format!("Câu {}", it.number), Style::Head);
        }
        let first = chunk[0].number as usize - 1;
        let mut body: Vec<Row> = s
            .areas
            .iter()
            .enumerate()
            .map(|(k, a)| {
                let mut row = Row::new().cell(0, 1, k as u64 + 1, Style::Center).cell(
                    1,
                    1,
                    a.name.as_str(),
                    Style::Cell,
                );
                for i in 0..chunk.len() {
                    if let Some(r) = a.item_rates.get(first + i) {
                        row = row.cell(2 + i as u16, 1, rate(*r), Style::Rate);
                    }
                }
                row
            })
            .collect();
        let mut total = Row::new().cell(0, 1, Value::Empty, Style::BoldCell).cell(
            1,
            1,
            "Toàn xã",
            Style::BoldCell,
        );
        for (i, it) in chunk.iter().enumerate() {
            total = total.cell(2 + i as u16, 1, rate(it.rate), Style::BoldRate);
        }
        body.push(total);
        blocks.push(Block::Gap(10.0));
        blocks.push(Block::Table(Table {
            title: vec![Row::one(
                0,
                cols,
                format!(
                    "{}. Tỷ lệ hài lòng từng nội dung (%), câu {a} đến câu {b}",
                    t + 2
                ),
                Style::Bold,
            )],
            head: vec![head],
            body,
            ..Table::default()
        }));
    }
    blocks.extend(closing(d, &widths, &REPORT_TO));
    finish(
        ws,
        look,
        2,
        Sheet {
            paper,
            widths,
            blocks,
        },
    )
}

/// A printed list of what people wrote on their forms (reasons, other opinions).
struct TextsSheet<'a> {
    /// Index of the sheet's name in [`SHEETS`].
    index: usize,
    /// Title above the commune.
    title: &'a str,
    /// The four column headers (the form numbers' fifth is added when asked for).
    headers: [&'a str; 4],
    /// Column widths without the form numbers, and with them (the fifth is theirs).
    widths: [f64; 4],
    widths_with_ids: [f64; 4],
    /// The row printed when nobody wrote anything.
    empty: &'a str,
}

/// Width of the form numbers' column, points.
const IDS_COL: f64 = 70.0;

/// Writes a list of what people wrote: heading, the table the caller filled (header added
/// here), the Front's closing.
fn texts_sheet(
    ws: &mut Worksheet,
    look: &Look,
    d: &CommuneDossier,
    t: TextsSheet,
    mut table: Table,
) -> Result<(), XlsxError> {
    let mut widths = if d.include_ids {
        t.widths_with_ids.to_vec()
    } else {
        t.widths.to_vec()
    };
    let mut headers = t.headers.to_vec();
    if d.include_ids {
        widths.push(IDS_COL);
        headers.push("Số thứ tự phiếu");
    }
    let cols = widths.len() as u16;
    let commune = in_text(&d.score.commune);
    let mut blocks = heading_block(
        &d.heading,
        &widths,
        DocKind::Report,
        &titled(t.title, &commune),
    );
    table.head = vec![Row::texts(headers, Style::Head)];
    if table.body.is_empty() {
        table.body.push(Row::one(0, cols, t.empty, Style::Cell));
    }
    blocks.push(Block::Table(table));
    blocks.extend(closing(d, &widths, &REPORT_TO));
    let sheet = Sheet {
        paper: Paper::Portrait,
        widths,
        blocks,
    };
    finish(ws, look, t.index, sheet)
}

/// Columns 2–4 of a written text's row: the text, how many forms wrote it, and their numbers
/// when asked for.
fn written(d: &CommuneDossier, row: Row, w: &crate::score::texts::Written) -> Row {
    let row = row
        .cell(2, 1, w.text.as_str(), Style::Cell)
        .cell(3, 1, w.count, Style::Count);
    if d.include_ids {
        row.cell(4, 1, w.form_nos.join(", "), Style::Cell)
    } else {
        row
    }
}

fn reasons_sheet(ws: &mut Worksheet, look: &Look, d: &CommuneDossier) -> Result<(), XlsxError> {
    let mut table = Table::default();
    for (item, list) in &d.texts.reasons {
        let statement = d
            .form
            .items
            .iter()
            .find(|i| i.number == *item)
            .map(|i| i.statement.as_str())
            .unwrap_or("");
        let first = table.body.len();
        for w in list {
            table.body.push(written(d, Row::new(), w));
        }
        if table.body.len() > first {
            let last = table.body.len() - 1;
            table.groups.push(Group {
                col: 0,
                first,
                last,
                value: Value::Number(f64::from(*item)),
                style: Style::Center,
            });
            table.groups.push(Group {
                col: 1,
                first,
                last,
                value: statement.into(),
                style: Style::Cell,
            });
        }
    }
    let t = TextsSheet {
        index: 3,
        title: "LÝ DO CHƯA HÀI LÒNG THEO TỪNG NỘI DUNG",
        headers: [
            "Câu",
            "Nội dung",
            "Lý do người dân ghi trên phiếu",
            "Số phiếu",
        ],
        widths: [32.0, 175.0, 235.0, 44.0],
        widths_with_ids: [32.0, 145.0, 195.0, 44.0],
        empty: "Không có phiếu nào ghi lý do chưa hài lòng.",
    };
    texts_sheet(ws, look, d, t, table)
}

fn opinions_sheet(ws: &mut Worksheet, look: &Look, d: &CommuneDossier) -> Result<(), XlsxError> {
    let mut table = Table::default();
    for (area, list) in &d.texts.opinions {
        let first = table.body.len();
        for w in list {
            let k = table.body.len() as u64 + 1;
            table
                .body
                .push(written(d, Row::new().cell(0, 1, k, Style::Center), w));
        }
        if table.body.len() > first {
            table.groups.push(Group {
                col: 1,
                first,
                last: table.body.len() - 1,
                value: area.as_str().into(),
                style: Style::Cell,
            });
        }
    }
    let t = TextsSheet {
        index: 4,
        title: "Ý KIẾN KHÁC CỦA NGƯỜI DÂN",
        headers: ["STT", "Khu dân cư", "Ý kiến", "Số phiếu"],
        widths: [32.0, 115.0, 295.0, 44.0],
        widths_with_ids: [32.0, 105.0, 235.0, 44.0],
        empty: "Không có ý kiến khác.",
    };
    texts_sheet(ws, look, d, t, table)
}

fn notice_sheet(ws: &mut Worksheet, look: &Look, d: &CommuneDossier) -> Result<(), XlsxError> {
    let s = d.score;
    let widths = vec![81.0; 6];
    let commune = in_text(&s.commune);
    let subtitle = format!(
        "Kết quả lấy ý kiến sự hài lòng của người dân về kết quả xây dựng nông thôn mới {commune}"
    );
    let mut blocks = heading_block(
        &d.heading,
        &widths,
        DocKind::Notice,
        &["THÔNG BÁO", &subtitle],
    );
    let lowest = s.lowest_item();
    let province = if d.heading.province.is_empty() {
        String::new()
    } else {
        format!(" {}", d.heading.province)
    };
    let paragraphs = [
        format!(
            "Thực hiện hướng dẫn của Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh{province} về việc lấy ý kiến sự hài lòng của người dân về kết quả xây dựng nông thôn mới, Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam {commune} thông báo kết quả như sau:"
        ),
        format!(
            "1. Số hộ được lấy ý kiến: {} hộ; số hộ tham gia: {} hộ, đạt {}%. Số phiếu hợp lệ: {} phiếu.",
            count(s.households.total),
            count(s.households.surveyed),
            s.households.rate,
            count(s.forms.counted)
        ),
        format!(
            "2. Số phiếu hài lòng với kết quả xây dựng nông thôn mới của xã (câu hỏi chung): {} phiếu, đạt {}%; không hài lòng: {} phiếu, chiếm {}%.",
            count(s.overall.satisfied),
            s.overall.rate,
            count(s.overall.dissatisfied),
            s.overall.dissatisfied_rate
        ),
        format!(
            "3. Bình quân tỷ lệ hài lòng các nội dung: {}%{}.",
            s.content_mean,
            lowest
                .map(|i| format!(
                    "; nội dung có tỷ lệ hài lòng thấp nhất là nội dung {} ({}%)",
                    i.number, i.rate
                ))
                .unwrap_or_default()
        ),
        format!(
            "4. Số ý kiến khác của người dân: {} ({}% số phiếu hợp lệ).",
            count(s.other_opinions),
            s.other_opinions_rate
        ),
        format!(
            "Thông báo này được niêm yết công khai tại nhà văn hóa các khu dân cư và trụ sở Ủy ban nhân dân {commune}, thông báo trên hệ thống truyền thanh của xã trong thời gian 10 ngày, từ ngày ...... đến ngày ....... Mọi ý kiến phản ánh xin gửi về Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã trong thời gian niêm yết."
        ),
    ];
    for p in paragraphs {
        blocks.push(Block::Rows {
            rows: vec![Row::one(0, 6, p, Style::Paragraph).at_least(20.0)],
            keep: true,
        });
    }
    blocks.extend(closing(
        d,
        &widths,
        &[
            "Các khu dân cư (niêm yết)",
            "Ủy ban nhân dân xã",
            "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh",
            "Lưu: VT.",
        ],
    ));
    finish(
        ws,
        look,
        5,
        Sheet {
            paper: Paper::Portrait,
            widths,
            blocks,
        },
    )
}

/// Sheet "Nguồn và kiểm tra": what the figures were computed from and with (tool, rule pack,
/// form, thresholds and their sources, files and their SHA-256). It is for whoever checks the
/// dossier, not for the council's printed copy: the sheet is hidden, so printing the workbook
/// leaves it out (issue #22), and the printed sheets name their sources in words.
fn sources_sheet(ws: &mut Worksheet, look: &Look, d: &CommuneDossier) -> Result<(), XlsxError> {
    let s = d.score;
    let cols = 6;
    ws.set_name(SHEETS[6])?;
    ws.set_hidden(true);
    let mut r = heading(
        ws,
        look,
        &d.heading,
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
        ws.write_number_with_format(r, 4, f64::from(src.ballots + src.tallies), &look.count)?;
        ws.write_number_with_format(r, 5, f64::from(src.rows_rejected), &look.count)?;
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
