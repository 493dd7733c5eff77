//! The criteria half of a commune's dossier: the detailed table of criteria results, the
//! conditions of recognition and the checklist of the dossier's documents.
//!
//! These are the commune People's Committee's documents, not the Front's, so they carry the
//! committee's heading and signature. They only lay out what `score::criteria` judged; nothing
//! here decides whether an indicator is met. Household data never appears here, nor any source
//! address or verification mark per row: where the set or the conditions are not checked against
//! the official text, the sheet says so once (issue #22).

use super::look::{DocKind, Heading, Look, Style, ending, heading_block, unverified_block};
use super::print::{Block, Group, Paper, Row, Sheet, Table, Value};
use crate::rules::schema::{DocumentDef, Produced};
use crate::score::CommuneScore;
use crate::score::criteria::{CriteriaReport, IndicatorResult};
use rust_xlsxwriter::{Worksheet, XlsxError};

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

/// Who receives the committee's documents of the dossier.
const SUBMIT_TO: [&str; 2] = ["Hội đồng thẩm định (để thẩm định)", "Lưu: VT."];

fn yes(b: bool) -> &'static str {
    if b { "Đạt" } else { "Chưa đạt" }
}

/// The blocks the committee's sheets close with: signature and the sources line.
fn closing(h: &Heading, widths: &[f64], sources: &str) -> Vec<Block> {
    ending(h, widths, &SUBMIT_TO, sources)
}

fn finish(ws: &mut Worksheet, look: &Look, index: usize, sheet: Sheet) -> Result<(), XlsxError> {
    sheet.write_named(ws, look, SHEETS[index]).map(|_| ())
}

/// Columns of the criteria table, points: TT, criterion, code, indicator, target, result,
/// self-assessment, verdict.
const CRITERIA_WIDTHS: [f64; 8] = [28.0, 112.0, 40.0, 250.0, 82.0, 76.0, 66.0, 72.0];

/// Sheet "Kết quả thực hiện tiêu chí".
pub fn criteria_sheet(
    ws: &mut Worksheet,
    look: &Look,
    h: &Heading,
    s: &CommuneScore,
) -> Result<(), XlsxError> {
    let widths = CRITERIA_WIDTHS.to_vec();
    let cols = widths.len() as u16;
    let Some(c) = &s.criteria else {
        let mut blocks = heading_block(
            h,
            &widths,
            DocKind::Report,
            &["BIỂU CHI TIẾT KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ"],
        );
        blocks.push(Block::Rows {
            rows: vec![Row::one(
                0,
                cols,
                format!(
                    "{} chưa có bảng tự đánh giá kết quả thực hiện các tiêu chí: biểu này được lập khi xã nộp bảng tự đánh giá.",
                    s.commune
                ),
                Style::Alarm,
            )],
            keep: true,
        });
        let sheet = Sheet {
            paper: Paper::Landscape,
            widths,
            blocks,
        };
        return finish(ws, look, 0, sheet);
    };
    let title2 = format!(
        "{}{}",
        c.set_title,
        c.region_or_group
            .as_ref()
            .map(|g| format!(" — {g}"))
            .unwrap_or_default()
    );
    let mut blocks = heading_block(
        h,
        &widths,
        DocKind::Report,
        &["BIỂU CHI TIẾT KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ", &title2],
    );
    let (line, _) = c.summary_line();
    let all_met = c.criteria_met == c.criteria_total;
    let mut intro = vec![
        Row::one(
            0,
            cols,
            format!("{}: {line}.", s.commune),
            if all_met { Style::Good } else { Style::Alarm },
        ),
        Row::one(
            0,
            cols,
            match &c.document {
                Some(d) => format!("Căn cứ: {}; {d}.", c.legal_basis),
                None => format!("Căn cứ: {}.", c.legal_basis),
            },
            Style::Italic,
        ),
    ];
    if let Some(n) = c.indicators_stated {
        intro.push(Row::one(
            0,
            cols,
            format!(
                "Lưu ý: văn bản quy định {n} chỉ tiêu; bộ tiêu chí đang áp dụng mới có {} dòng, tiêu chí chưa có chỉ tiêu được đánh giá theo cả tiêu chí.",
                c.indicators_total
            ),
            Style::Alarm,
        ));
    }
    blocks.push(Block::Rows {
        rows: intro,
        keep: true,
    });
    if c.any_unverified {
        blocks.push(unverified_block(
            "Chỉ tiêu theo bộ tiêu chí chưa được đối chiếu với văn bản của tỉnh (chưa xác minh); chỉ tiêu chưa rõ ghi \"—\". Đối chiếu trước khi trình hồ sơ.",
            &widths,
        ));
    }
    blocks.push(Block::Gap(4.0));
    blocks.push(unmet_block(c, cols));
    blocks.push(Block::Gap(8.0));
    blocks.push(Block::Table(criteria_table(c)));
    blocks.push(Block::Rows {
        rows: vec![Row::new().cell(0, 2, "Tổng cộng", Style::BoldCell).cell(
            2,
            cols - 2,
            line.as_str(),
            Style::BoldCell,
        )],
        keep: true,
    });
    blocks.extend(closing(
        h,
        &widths,
        &format!(
            "Nguồn số liệu: bảng tự đánh giá của Ủy ban nhân dân {}; chỉ tiêu theo {}.",
            s.commune.replacen("Xã ", "xã ", 1),
            c.document.as_deref().unwrap_or(&c.legal_basis)
        ),
    ));
    finish(
        ws,
        look,
        0,
        Sheet {
            paper: Paper::Landscape,
            widths,
            blocks,
        },
    )
}

/// The unmet indicators first, plainly, one line each with its reason.
fn unmet_block(c: &CriteriaReport, cols: u16) -> Block {
    let unmet: Vec<_> = c
        .criteria
        .iter()
        .flat_map(|cr| cr.indicators.iter().map(move |i| (cr, i)))
        .filter(|(_, i)| !i.met)
        .collect();
    if unmet.is_empty() {
        return Block::Rows {
            rows: vec![Row::one(
                0,
                cols,
                "Không có chỉ tiêu chưa đạt.",
                Style::Good,
            )],
            keep: true,
        };
    }
    let mut rows = vec![Row::one(
        0,
        cols,
        format!("CÁC CHỈ TIÊU CHƯA ĐẠT ({}):", unmet.len()),
        Style::Alarm,
    )];
    rows.extend(unmet.iter().map(|(cr, i)| {
        Row::one(
            0,
            cols,
            format!(
                "– Tiêu chí {} {}, chỉ tiêu {}: {}",
                cr.code,
                cr.name,
                i.code,
                unmet_reason(i)
            ),
            Style::Text,
        )
    }));
    Block::Rows { rows, keep: false }
}

/// A target as printed: "—" where the set does not know it.
fn target(i: &IndicatorResult) -> String {
    if i.target_known {
        i.target.trim().to_string()
    } else {
        "—".to_string()
    }
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
            target(i)
        ),
        (Some(res), Some(false), _) => {
            format!(
                "xã tự đánh giá chưa đạt (kết quả {res}, chỉ tiêu {})",
                target(i)
            )
        }
        _ => "chưa đạt".to_string(),
    }
}

/// A result as entered, as a number where it is one ("75,0%" → 75,0 %, "1.200" → 1.200) so the
/// sheet's figures are numbers (they were all text, issue #22); otherwise the text.
pub fn figure(text: &str) -> (Value, Style) {
    let t = text.trim();
    let (digits, percent) = match t.strip_suffix('%') {
        Some(d) => (d.trim_end(), true),
        None => (t, false),
    };
    let plain = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (int, frac) = match digits.split_once(',') {
        Some((i, f)) if plain(f) => (i, f),
        Some(_) => return (Value::Text(text.to_string()), Style::Center),
        None => (digits, ""),
    };
    // Thousands dots only where every group after the first has three digits.
    let mut groups = int.split('.');
    let first = groups.next().unwrap_or("");
    let rest: Vec<&str> = groups.collect();
    if !plain(first)
        || first.len() > 3 && !rest.is_empty()
        || rest.iter().any(|g| g.len() != 3 || !plain(g))
    {
        return (Value::Text(text.to_string()), Style::Center);
    }
    let number: String = std::iter::once(first).chain(rest).collect::<String>()
        + if frac.is_empty() { "" } else { "." }
        + frac;
    match number.parse::<f64>() {
        Ok(x) if percent => (
            Value::Number(x / 100.0),
            Style::Percent(frac.len().min(3) as u8),
        ),
        Ok(x) => (Value::Number(x), Style::Figure),
        Err(_) => (Value::Text(text.to_string()), Style::Center),
    }
}

/// The table: a shaded row per group, each criterion's indicators with the criterion merged
/// beside them (written again where a page cuts it).
fn criteria_table(c: &CriteriaReport) -> Table {
    let cols = CRITERIA_WIDTHS.len() as u16;
    let mut t = Table {
        head: vec![Row::texts(
            [
                "TT",
                "Tên tiêu chí",
                "Mã chỉ tiêu",
                "Nội dung chỉ tiêu",
                "Chỉ tiêu quy định",
                "Kết quả thực hiện",
                "Xã tự đánh giá",
                "Đánh giá",
            ],
            Style::Head,
        )],
        ..Table::default()
    };
    let mut group = "";
    for (n, cr) in c.criteria.iter().enumerate() {
        if cr.group != group {
            group = &cr.group;
            let caption = Row::new()
                .cell(0, 1, cr.group.as_str(), Style::Group)
                .cell(1, cols - 1, cr.group_name.as_str(), Style::Group)
                .caption();
            t.body.push(caption);
        }
        let first = t.body.len();
        for i in &cr.indicators {
            t.body.push(indicator(i));
        }
        if t.body.len() > first {
            let last = t.body.len() - 1;
            t.groups.push(Group {
                col: 0,
                first,
                last,
                value: Value::Number((n + 1) as f64),
                style: Style::Center,
            });
            t.groups.push(Group {
                col: 1,
                first,
                last,
                value: format!("{}. {} — {}", cr.code, cr.name, yes(cr.met)).into(),
                style: Style::Cell,
            });
        }
    }
    t
}

/// One indicator's row: code, text, target, result, self-assessment, verdict.
fn indicator(i: &IndicatorResult) -> Row {
    let (result, result_style) = match &i.result {
        Some(x) => figure(x),
        None => (Value::Text("(thiếu)".into()), Style::Center),
    };
    let own = i.self_assessed.map(yes).unwrap_or("(trống)");
    let mut verdict = yes(i.met).to_string();
    if i.agrees == Some(false) {
        verdict.push_str(" (mâu thuẫn)");
    }
    Row::new()
        .cell(2, 1, i.code.as_str(), Style::Center)
        .cell(3, 1, i.name.as_str(), Style::Cell)
        .cell(4, 1, target(i), Style::Center)
        .cell(5, 1, result, result_style)
        .cell(6, 1, own, Style::Center)
        .cell(
            7,
            1,
            verdict,
            if i.met {
                Style::Center
            } else {
                Style::AlarmCell
            },
        )
}

/// Sheet "Điều kiện công nhận".
pub fn conditions_sheet(
    ws: &mut Worksheet,
    _look: &Look,
    h: &Heading,
    s: &CommuneScore,
) -> Result<(), XlsxError> {
    // Five conditions with their findings and the committee's signature on one page: the sheet
    // is set at 11 pt (12 pt left a page of heading alone before the table).
    let dense = Look::sized(s.display_decimals, 11.0);
    let look = &dense;
    let widths = vec![26.0, 186.0, 62.0, 212.0];
    let cols = widths.len() as u16;
    let mut blocks = heading_block(
        h,
        &widths,
        DocKind::Report,
        &[
            "KIỂM TRA ĐIỀU KIỆN CÔNG NHẬN",
            &format!("{} — xét công nhận đạt chuẩn nông thôn mới", s.commune),
        ],
    );
    let Some(rd) = &s.readiness else {
        blocks.push(Block::Rows {
            rows: vec![Row::one(
                0,
                cols,
                "Bộ quy tắc đang áp dụng không có điều kiện công nhận cho loại công nhận này.",
                Style::Alarm,
            )],
            keep: true,
        });
        return finish(
            ws,
            look,
            1,
            Sheet {
                paper: Paper::Portrait,
                widths,
                blocks,
            },
        );
    };
    let (vi, _) = rd.short_text();
    blocks.push(Block::Rows {
        rows: vec![Row::one(
            0,
            cols,
            format!("Kết luận: {vi}"),
            if rd.ready { Style::Good } else { Style::Alarm },
        )],
        keep: true,
    });
    if rd.any_unverified {
        blocks.push(unverified_block(
            "Có điều kiện chưa được đối chiếu với văn bản gốc (chưa xác minh): đối chiếu trước khi trình hồ sơ.",
            &widths,
        ));
    }
    blocks.push(Block::Gap(8.0));
    // The basis most conditions share, said once above the table; a condition names its own
    // only where it differs (the same decree four times made the table too tall to stand on a
    // page with its signature).
    let common = {
        let mut tally: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for c in &rd.conditions {
            *tally.entry(c.source.as_str()).or_default() += 1;
        }
        tally
            .into_iter()
            .max_by_key(|(_, n)| *n)
            .map(|(s, _)| s)
            .unwrap_or("")
    };
    if !common.is_empty() {
        blocks.push(Block::Rows {
            rows: vec![Row::one(
                0,
                cols,
                format!("Căn cứ: {common} (trừ điều kiện ghi căn cứ riêng)."),
                Style::Italic,
            )],
            keep: true,
        });
        blocks.push(Block::Gap(4.0));
    }
    let body = rd
        .conditions
        .iter()
        .enumerate()
        .map(|(n, c)| {
            // What was found and the evidence named, in one cell: a column of its own made
            // the rows too tall for the table and its signature to share a page.
            let found = if c.evidence.is_empty() || c.detail.contains(&c.evidence) {
                c.detail.clone()
            } else {
                format!("{}\nMinh chứng: {}", c.detail, c.evidence)
            };
            let condition = if c.source == common || c.source.is_empty() {
                c.condition.clone()
            } else {
                format!("{}\n(Căn cứ: {})", c.condition, c.source)
            };
            Row::new()
                .cell(0, 1, (n + 1) as u64, Style::Center)
                .cell(1, 1, condition, Style::Cell)
                .cell(
                    2,
                    1,
                    yes(c.met),
                    if c.met {
                        Style::Center
                    } else {
                        Style::AlarmCell
                    },
                )
                .cell(3, 1, found, Style::Cell)
        })
        .collect();
    blocks.push(Block::Table(Table {
        head: vec![Row::texts(
            [
                "TT",
                "Điều kiện",
                "Kết quả",
                "Nội dung kiểm tra, minh chứng",
            ],
            Style::Head,
        )],
        body,
        ..Table::default()
    }));
    blocks.extend(closing(
        h,
        &widths,
        &format!(
            "Nguồn số liệu: kết quả lấy ý kiến sự hài lòng của người dân và bảng tự đánh giá của Ủy ban nhân dân {}.",
            s.commune.replacen("Xã ", "xã ", 1)
        ),
    ));
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

/// What of a document this dossier holds, said in the checklist.
fn produced(p: Option<Produced>, criteria: Option<&CriteriaReport>) -> String {
    match p {
        Some(Produced::SurveyReport) => {
            "Có: các biểu từ \"Tổng hợp\" đến \"Thông báo niêm yết\" kèm theo".into()
        }
        Some(Produced::CriteriaTable) if criteria.is_some() => {
            format!("Có: biểu \"{}\"; báo cáo do xã lập", SHEETS[0])
        }
        Some(Produced::CriteriaTable) => "Chưa: xã chưa nộp bảng tự đánh giá".into(),
        Some(Produced::Conditions) => format!(
            "Có: biểu \"{}\" (tổng hợp); văn bản xác nhận do xã nộp",
            SHEETS[1]
        ),
        None => "Xã lập".into(),
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
    let widths = vec![28.0, 180.0, 150.0, 128.0];
    let cols = widths.len() as u16;
    let mut blocks = heading_block(
        h,
        &widths,
        DocKind::Report,
        &[
            "DANH MỤC HỒ SƠ ĐỀ NGHỊ XÉT, CÔNG NHẬN",
            &format!("{} đạt chuẩn nông thôn mới", s.commune),
        ],
    );
    if documents.iter().any(|d| !d.verified) {
        blocks.push(unverified_block(
            "Danh mục có tài liệu chưa đối chiếu với văn bản gốc (chưa xác minh): kiểm tra trước khi trình hồ sơ.",
            &widths,
        ));
        blocks.push(Block::Gap(6.0));
    }
    let mut body: Vec<Row> = documents
        .iter()
        .enumerate()
        .map(|(n, d)| {
            Row::new()
                .cell(0, 1, (n + 1) as u64, Style::Center)
                .cell(1, 1, d.name.as_str(), Style::Cell)
                .cell(2, 1, produced(d.produced, s.criteria.as_ref()), Style::Cell)
                .cell(3, 1, d.source.as_str(), Style::Cell)
        })
        .collect();
    if documents.is_empty() {
        body.push(Row::one(
            0,
            cols,
            "Bộ quy tắc đang áp dụng không có danh mục hồ sơ cho loại công nhận này.",
            Style::Cell,
        ));
    }
    blocks.push(Block::Table(Table {
        head: vec![Row::texts(
            ["TT", "Tài liệu", "Kèm theo hồ sơ này", "Căn cứ"],
            Style::Head,
        )],
        body,
        ..Table::default()
    }));
    blocks.extend(closing(
        h,
        &widths,
        "Nguồn: danh mục hồ sơ theo quy định về điều kiện, trình tự, thủ tục xét công nhận xã đạt chuẩn nông thôn mới.",
    ));
    finish(
        ws,
        look,
        2,
        Sheet {
            paper: Paper::Portrait,
            widths,
            blocks,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_that_are_numbers_are_stored_as_numbers() {
        let n = |t: &str| match figure(t) {
            (Value::Number(x), s) => Some((x, s)),
            _ => None,
        };
        assert_eq!(n("75,0%"), Some((0.75, Style::Percent(1))));
        assert_eq!(n("100%"), Some((1.0, Style::Percent(0))));
        assert_eq!(n("1.200"), Some((1200.0, Style::Figure)));
        assert_eq!(n("42,5"), Some((42.5, Style::Figure)));
        assert_eq!(n("3"), Some((3.0, Style::Figure)));
        // Anything else stays as entered.
        for t in ["Đạt", "95 km", "1.2", "12.34.567", "", "1,2,3", "≥70%"] {
            assert_eq!(n(t), None, "{t}");
        }
    }
}
