//! The report workbook of a survey pack (`hailong index --out`): what a Front committee prints
//! on A4 at 100 % and signs, for one unit or for every unit of the province.
//!
//! Three printed sheets, each opening with the official heading and, when the pack is not
//! checked against its sources, the one note saying so; each ending with the signature and the
//! line naming its sources:
//!
//! - *Chỉ số*: per unit, every index of the pack with its numerator, denominator and value (the
//!   official, exact figure rounded half-up), its 95 % interval and, where the answers carry
//!   weights, its weighted estimate — both labelled beyond the official arithmetic; a unit
//!   under the pack's minimum gets the reason instead of indices;
//! - *Câu hỏi*: the items by dimension with the respondents at each point of their scale
//!   (summed over the units), blanks and answers counted;
//! - *Biểu đồ*: the indices by unit sorted (one unit: its indices sorted), and each scale's
//!   items as stacked bars of their answers' distribution. The tables the charts draw sit on a
//!   hidden sheet.
//!
//! The figures are [`crate::score::index`]'s and [`crate::score::estimate`]'s; this file only
//! lays them out on [`super::print`]'s pages.

use super::look::{DocKind, Heading, Look, Style, ending, heading_block, unverified_block};
use super::print::{Block, Paper, Row, Sheet, Table, Value};
use super::province::{chart, chart_pages, chart_widths, labels, name_every_category, today};
use crate::i18n::{Lang, Localized};
use crate::rules::survey::{Method, Scale, Scope, SurveyPack, items_by_dimension};
use crate::score::estimate::{Estimates, IndexEstimate, Weighting};
use crate::score::index::{Absence, Exact, IndexFigure, UnitIndices};
use rust_xlsxwriter::{
    Chart, ChartFormat, ChartSolidFill, ChartType, Workbook, Worksheet, XlsxError,
};
use std::collections::BTreeMap;

/// The sheet of indices.
pub const INDEX_SHEET: &str = "Chỉ số";
/// The sheet of items.
pub const ITEMS_SHEET: &str = "Câu hỏi";
/// The sheet of charts.
pub const CHART_SHEET: &str = "Biểu đồ";
/// The hidden sheet of the charts' tables.
pub const DATA_SHEET: &str = "Số liệu biểu đồ";

/// What the interval and weighted columns are, said in their headers.
pub const BEYOND: &str = "ngoài cách tính chính thức";

/// One unit's figures.
pub struct UnitFigures<'a> {
    /// The unit's name.
    pub unit: &'a str,
    /// The official figures.
    pub indices: &'a UnitIndices,
    /// Intervals and weighted estimates.
    pub estimates: &'a Estimates,
}

/// What the workbook reports.
pub struct PackReport<'a> {
    /// The pack.
    pub pack: &'a SurveyPack,
    /// The units, in the order printed.
    pub units: &'a [UnitFigures<'a>],
    /// The heading (the commune's committee, or the province's).
    pub heading: &'a Heading,
    /// Every unit of the province (titles and recipients say so).
    pub province: bool,
    /// Files of answers the figures come from.
    pub files: usize,
    /// When the last was imported (UTC, as stored: `2026-12-05T…`).
    pub imported_at: &'a str,
}

/// Builds the workbook.
pub fn build(r: &PackReport) -> Result<Workbook, XlsxError> {
    let mut wb = super::look::workbook()?;
    let look = Look::with_decimals(r.pack.decimals);
    let ws = wb.add_worksheet();
    index_sheet(r).write_named(ws, &look, INDEX_SHEET)?;
    let ws = wb.add_worksheet();
    items_sheet(r).write_named(ws, &look, ITEMS_SHEET)?;
    let mut data = Worksheet::new();
    let refs = chart_data(&mut data, &look, r)?;
    let sheet = chart_pages(
        &look,
        &chart_widths(),
        &|| opening(r, &chart_widths(), "BIỂU ĐỒ KẾT QUẢ KHẢO SÁT"),
        &|| charts(r, &refs),
        &|| closing(r, &chart_widths()),
    )?;
    sheet.write_named(wb.add_worksheet(), &look, CHART_SHEET)?;
    data.set_name(DATA_SHEET)?.set_hidden(true);
    wb.push_worksheet(data);
    Ok(wb)
}

/// Where the figures come from, in words.
fn subject(r: &PackReport) -> String {
    if r.province {
        format!("Trên địa bàn tỉnh {}", r.heading.province)
    } else {
        r.units
            .first()
            .map(|u| unit_words(u.unit))
            .unwrap_or_default()
    }
}

/// "Xã Chiềng Mung" (a name already saying "Xã" kept as it is).
fn unit_words(unit: &str) -> String {
    if crate::text::fold(unit).starts_with("xa ") {
        unit.to_string()
    } else {
        format!("Xã {unit}")
    }
}

/// The heading, the sheet's title, the pack's title and the unit; the unverified note once.
fn opening(r: &PackReport, widths: &[f64], title: &str) -> Vec<Block> {
    let pack_title = sheet_text(&r.pack.title);
    let subject = subject(r);
    let mut blocks = heading_block(
        r.heading,
        widths,
        DocKind::Report,
        &[title, &pack_title, &subject],
    );
    if r.pack.relies_on_unverified() {
        blocks.push(unverified_block(
            "Bộ khảo sát (thang đo, câu hỏi, trọng số, cách tính chỉ số) là bản thử nghiệm, chưa xác minh với văn bản gốc: các chỉ số chưa phải chỉ số chính thức.",
            widths,
        ));
    }
    blocks
}

/// `text` on one printed line (a pack's title may be written over several lines of its file).
fn sheet_text(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "05/12/2026" from a stored UTC time.
fn date_words(stored: &str) -> String {
    if stored.len() >= 10 {
        format!("{}/{}/{}", &stored[8..10], &stored[5..7], &stored[..4])
    } else {
        today()
    }
}

/// The signature and the line naming the sources.
fn closing(r: &PackReport, widths: &[f64]) -> Vec<Block> {
    let p = format!("tỉnh {}", r.heading.province);
    let recipients: Vec<String> = if r.province {
        vec![
            format!("Thường trực Tỉnh ủy, HĐND, UBND {p} (báo cáo)"),
            "Ủy ban MTTQ Việt Nam các xã".into(),
            "Lưu: VT".into(),
        ]
    } else {
        vec![
            format!("Ban Thường trực Ủy ban MTTQ Việt Nam {p} (báo cáo)"),
            "Lưu: VT".into(),
        ]
    };
    let recipients: Vec<&str> = recipients.iter().map(String::as_str).collect();
    let respondents: u64 = r.units.iter().map(|u| u.indices.respondents).sum();
    let sources = format!(
        "Nguồn số liệu: câu trả lời của {} người ở {} đơn vị ({} tệp, nhập đến ngày {}); chỉ số tính theo bộ khảo sát \"{}\"; tổng hợp ngày {}.",
        count(respondents),
        r.units.len(),
        r.files,
        date_words(r.imported_at),
        sheet_text(&r.pack.title),
        today()
    );
    ending(r.heading, widths, &recipients, &sources)
}

/// A whole number the Vietnamese way: "2.842".
fn count(n: u64) -> String {
    crate::num::count(n)
}

/// An exact value rounded half-up to `decimals`, as the number a cell holds.
pub fn rounded(v: &Exact, decimals: u32) -> f64 {
    let m = v.magnitude.round_half_up_scaled(decimals) as f64 / 10f64.powi(decimals as i32);
    if v.negative { -m } else { m }
}

/// "4–5", "0–6", "1, 3": codes as runs.
fn runs(codes: &std::collections::BTreeSet<i64>) -> String {
    let mut out: Vec<String> = Vec::new();
    let v: Vec<i64> = codes.iter().copied().collect();
    let mut i = 0;
    while i < v.len() {
        let mut j = i;
        while j + 1 < v.len() && v[j + 1] == v[j] + 1 {
            j += 1;
        }
        out.push(if j > i {
            format!("{}–{}", v[i], v[j])
        } else {
            v[i].to_string()
        });
        i = j + 1;
    }
    out.join(", ")
}

/// What an index is, in words: "D1_top2: tỷ lệ câu trả lời ở mức 4–5, nhóm Chính quyền cơ sở".
fn index_words(pack: &SurveyPack, i: usize) -> String {
    let d = &pack.indices[i];
    let what = match (&d.title, d.method) {
        (Some(t), _) => t.clone(),
        (None, Method::TopBox) => format!("tỷ lệ câu trả lời ở mức {}", runs(&d.boxes)),
        (None, Method::RescaledMean) => "điểm quy đổi 0–100".into(),
        (None, Method::Mean) => "điểm trung bình".into(),
        (None, Method::Nps) => format!(
            "NPS: % mức {} trừ % mức {}",
            runs(&d.boxes),
            runs(&d.detractors)
        ),
        (None, Method::AllItemsTopBox) => {
            format!("tỷ lệ người trả lời mọi câu ở mức {}", runs(&d.boxes))
        }
        (None, Method::WeightedMean) => "trung bình có trọng số".into(),
    };
    let scope = match &d.scope {
        Scope::Indices(parts) => parts
            .iter()
            .map(|p| pack.indices[*p].id.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        Scope::Items(items) => match d.of.split_once(':') {
            Some(("dimension", id)) => pack
                .dimensions
                .iter()
                .find(|x| x.id == id)
                .map_or(format!("nhóm {id}"), |x| format!("nhóm {}", x.title)),
            _ => items
                .iter()
                .map(|it| format!("câu {}", pack.items[*it].id))
                .collect::<Vec<_>>()
                .join(", "),
        },
    };
    format!("{}: {what}, {scope}", d.id)
}

/// Whether any unit's answers carry weights (the weighted column is printed then).
fn weighted_anywhere(r: &PackReport) -> bool {
    r.units
        .iter()
        .any(|u| u.estimates.weighting != Weighting::None)
}

/// The interval as printed: "32,73 – 47,74".
fn interval_words(e: Option<&IndexEstimate>, decimals: u32) -> String {
    match e.and_then(|e| e.interval) {
        Some(iv) => format!(
            "{} – {}",
            crate::num::approx(iv.low, decimals),
            crate::num::approx(iv.high, decimals)
        ),
        None => "—".into(),
    }
}

/// A numerator or denominator as a cell: a number while a cell holds it exactly.
fn whole(n: i128) -> Value {
    if n.unsigned_abs() < (1u128 << 53) {
        Value::Number(n as f64)
    } else {
        Value::Text(n.to_string())
    }
}

/// The unit's line above its table: respondents, population, weights.
fn unit_line(k: usize, u: &UnitFigures) -> String {
    let mut line = format!(
        "{k}. {}: {} người trả lời",
        unit_words(u.unit),
        count(u.indices.respondents)
    );
    if let Some(n) = u.estimates.population {
        line.push_str(&format!(
            "; dân số {} (khoảng tin cậy có hiệu chỉnh quần thể hữu hạn)",
            count(n)
        ));
    }
    match u.estimates.weighting {
        Weighting::None => {}
        Weighting::Used => line.push_str("; có cột trọng số"),
        Weighting::Unusable { without } => line.push_str(&format!(
            "; {} người trả lời thiếu trọng số dùng được: không tính ước lượng có trọng số",
            count(without)
        )),
    }
    line
}

/// The sheet of indices, A4 upright.
fn index_sheet(r: &PackReport) -> Sheet {
    let pack = r.pack;
    let dp = pack.decimals;
    let weighted = weighted_anywhere(r);
    let widths: Vec<f64> = if weighted {
        vec![26.0, 142.0, 50.0, 54.0, 50.0, 92.0, 70.0]
    } else {
        vec![26.0, 200.0, 54.0, 58.0, 52.0, 94.0]
    };
    let n = widths.len() as u16;
    let mut blocks = opening(r, &widths, "BÁO CÁO KẾT QUẢ TÍNH CHỈ SỐ");
    blocks.push(Block::Rows {
        rows: vec![Row::one(
            0,
            n,
            "Giá trị tính từ số đếm: tỷ lệ, điểm quy đổi 0–100 và NPS = 100 × tử số / mẫu số; điểm trung bình và trung bình có trọng số = tử số / mẫu số; nhân thêm hệ số nếu bộ khảo sát quy định; làm tròn nửa lên khi hiển thị. Khoảng tin cậy 95 % (Wilson với tỷ lệ, phân phối chuẩn với điểm và NPS) và ước lượng có trọng số (tỷ số có trọng số trong đơn vị) là số liệu tham khảo, ngoài cách tính chính thức.",
            Style::Paragraph,
        )],
        keep: true,
    });
    blocks.push(Block::Gap(6.0));
    let mut head = Row::texts(
        [
            "STT",
            "Chỉ số",
            "Tử số",
            "Mẫu số",
            "Giá trị",
            &format!("Khoảng tin cậy 95 % ({BEYOND})"),
        ],
        Style::Head,
    );
    if weighted {
        head = head.cell(6, 1, format!("Có trọng số ({BEYOND})"), Style::Head);
    }
    for (k, u) in r.units.iter().enumerate() {
        let title = Row::one(0, n, unit_line(k + 1, u), Style::Bold);
        let below = u
            .indices
            .absent
            .iter()
            .find(|a| matches!(a.why, Absence::BelowMinimum { .. }));
        if let Some(a) = below {
            blocks.push(Block::Rows {
                rows: vec![
                    title,
                    Row::one(0, n, a.why.message(Lang::Vi), Style::Italic),
                ],
                keep: true,
            });
            blocks.push(Block::Gap(8.0));
            continue;
        }
        let mut body = Vec::new();
        for (i, def) in pack.indices.iter().enumerate() {
            let stt = Value::Number((i + 1) as f64);
            let name = index_words(pack, i);
            let mut row = Row::new()
                .cell(0, 1, stt, Style::Center)
                .cell(1, 1, name, Style::Cell);
            if let Some(f) = u.indices.indices.iter().find(|f| f.id == def.id) {
                let e = u.estimates.indices.iter().find(|e| e.id == def.id);
                row = row
                    .cell(2, 1, whole(f.numerator), Style::Count)
                    .cell(3, 1, whole(f.denominator as i128), Style::Count)
                    .cell(4, 1, rounded(&f.value, dp), Style::Rate)
                    .cell(5, 1, interval_words(e, dp), Style::Center);
                if weighted {
                    row = match e.and_then(|e| e.weighted) {
                        Some(w) => row.cell(6, 1, rounded(&w, dp), Style::Rate),
                        None => row.cell(6, 1, "—", Style::Center),
                    };
                }
            } else if let Some(a) = u.indices.absent.iter().find(|a| a.id == def.id) {
                row = row.cell(
                    2,
                    n - 2,
                    format!("Không tính: {}", a.why.message(Lang::Vi)),
                    Style::Cell,
                );
            }
            body.push(row);
        }
        blocks.push(Block::Table(Table {
            title: vec![title],
            head: vec![head.clone()],
            body,
            ..Table::default()
        }));
        blocks.push(Block::Gap(8.0));
    }
    blocks.extend(closing(r, &widths));
    Sheet {
        paper: Paper::Portrait,
        widths,
        blocks,
    }
}

/// The codes a scale's table has a column for: scored points, then unscored and missing codes.
fn columns_of(s: &Scale) -> Vec<i64> {
    let scored: Vec<i64> = if s.points.is_empty() {
        (s.min..=s.max).collect()
    } else {
        s.points.iter().map(|p| p.code).collect()
    };
    scored
        .into_iter()
        .chain(s.unscored.iter().map(|p| p.code))
        .chain(s.missing.iter().map(|p| p.code))
        .collect()
}

/// What a scale's codes mean, in one line.
fn legend(s: &Scale) -> String {
    let mut parts: Vec<String> = if s.points.is_empty() {
        let ends = match (&s.min_label, &s.max_label) {
            (Some(a), Some(b)) => format!(" ({} = {a}; {} = {b})", s.min, s.max),
            _ => String::new(),
        };
        vec![format!("thang {}–{}{ends}", s.min, s.max)]
    } else {
        s.points
            .iter()
            .map(|p| format!("{} = {}", p.code, p.label))
            .collect()
    };
    parts.extend(s.unscored.iter().map(|p| {
        format!(
            "{} = {} (tính vào mẫu số tỷ lệ, không tính điểm)",
            p.code, p.label
        )
    }));
    parts.extend(
        s.missing
            .iter()
            .map(|p| format!("{} = {} (không tính vào mẫu số)", p.code, p.label)),
    );
    format!("Mức: {}.", parts.join("; "))
}

/// Every item's counts summed over the units: `(answers, blank, counts by code)`.
fn pooled(r: &PackReport) -> Vec<(u64, u64, BTreeMap<i64, u64>)> {
    let mut out = vec![(0u64, 0u64, BTreeMap::new()); r.pack.items.len()];
    for u in r.units {
        for (i, c) in u.indices.items.iter().enumerate().take(out.len()) {
            out[i].0 += c.answers;
            out[i].1 += c.blank;
            for (code, n) in &c.counts {
                *out[i].2.entry(*code).or_insert(0) += n;
            }
        }
    }
    out
}

/// The scales the items use, in the order of their first item.
fn scales_used(pack: &SurveyPack) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for it in &pack.items {
        if !out.contains(&it.scale) {
            out.push(it.scale);
        }
    }
    out
}

/// The sheet of items by dimension: respondents at each point of the scale.
fn items_sheet(r: &PackReport) -> Sheet {
    let pack = r.pack;
    let scales = scales_used(pack);
    let most = scales
        .iter()
        .map(|&s| columns_of(&pack.scales[s]).len() + 2)
        .max()
        .unwrap_or(2);
    let (id_w, text_min, count_w) = (38.0, 170.0, 31.0);
    let need = id_w + text_min + count_w * most as f64;
    let paper = Paper::for_width(need);
    // The counts keep their width (three digits); the text takes what is left.
    let text_w = (paper.width() - id_w - count_w * most as f64).max(text_min);
    let mut widths = vec![id_w, text_w];
    widths.extend(std::iter::repeat_n(count_w, most));
    let n = widths.len() as u16;
    let mut blocks = opening(r, &widths, "SỐ NGƯỜI TRẢ LỜI THEO TỪNG MỨC CỦA CÂU HỎI");
    if r.province {
        blocks.push(Block::Rows {
            rows: vec![Row::one(
                0,
                n,
                format!("Cộng chung {} đơn vị.", r.units.len()),
                Style::Italic,
            )],
            keep: true,
        });
    }
    let counts = pooled(r);
    let by_dim = items_by_dimension(pack);
    for (k, &s) in scales.iter().enumerate() {
        let sc = &pack.scales[s];
        let codes = columns_of(sc);
        // The text spans the columns this scale does not use, so every table is as wide.
        let spare = (most - codes.len() - 2) as u16;
        let first = 2 + spare;
        let after = first + codes.len() as u16;
        // One header row, the codes' meaning in the legend above: a header merged down two
        // rows across the text's spare columns would overlap the row's own merge.
        let mut head =
            Row::new()
                .cell(0, 1, "Câu", Style::Head)
                .cell(1, 1 + spare, "Nội dung", Style::Head);
        for (j, c) in codes.iter().enumerate() {
            head = head.cell(first + j as u16, 1, c.to_string(), Style::Head);
        }
        head = head.cell(after, 1, "Để trống", Style::Head).cell(
            after + 1,
            1,
            "Được tính",
            Style::Head,
        );
        let mut body = Vec::new();
        for (d, items) in &by_dim {
            let mine: Vec<usize> = items
                .iter()
                .copied()
                .filter(|&i| pack.items[i].scale == s)
                .collect();
            if mine.is_empty() {
                continue;
            }
            let dim = &pack.dimensions[*d];
            body.push(Row::one(0, n, format!("{}. {}", dim.id, dim.title), Style::Group).caption());
            for i in mine {
                let it = &pack.items[i];
                let (answers, blank, by_code) = &counts[i];
                let text = if it.reverse {
                    format!("{} (câu đảo chiều)", it.text)
                } else {
                    it.text.clone()
                };
                let mut row = Row::new().cell(0, 1, it.id.as_str(), Style::Center).cell(
                    1,
                    1 + spare,
                    text,
                    Style::Cell,
                );
                for (j, c) in codes.iter().enumerate() {
                    let v = by_code.get(c).copied().unwrap_or(0);
                    row = row.cell(first + j as u16, 1, v, Style::Count);
                }
                row = row.cell(after, 1, *blank, Style::Count).cell(
                    after + 1,
                    1,
                    *answers,
                    Style::Count,
                );
                body.push(row);
            }
        }
        blocks.push(Block::Table(Table {
            title: vec![
                Row::one(
                    0,
                    n,
                    format!("{}. Câu hỏi theo thang {}–{}", k + 1, sc.min, sc.max),
                    Style::Bold,
                ),
                Row::one(
                    0,
                    n,
                    format!("Số người trả lời theo từng mức. {}", legend(sc)),
                    Style::Italic,
                ),
            ],
            head: vec![head],
            body,
            ..Table::default()
        }));
        blocks.push(Block::Gap(8.0));
    }
    blocks.extend(closing(r, &widths));
    Sheet {
        paper,
        widths,
        blocks,
    }
}

/// Where the charts' tables are on the hidden sheet.
struct Refs {
    /// Per index with a value somewhere: (index, first row, last row) of its units sorted.
    indices: Vec<(usize, u32, u32)>,
    /// One unit: the rows of its indices sorted.
    one: Option<(u32, u32)>,
    /// Per scale: (scale, first row, last row, codes) of its items' counts.
    scales: Vec<(usize, u32, u32, Vec<i64>)>,
}

/// Writes the tables the charts draw: per index the units by value (highest first, exact;
/// ties by name), or one unit's indices by value; per scale the items' counts at each scored
/// (and unscored) point, summed over the units.
fn chart_data(ws: &mut Worksheet, look: &Look, r: &PackReport) -> Result<Refs, XlsxError> {
    let pack = r.pack;
    let dp = pack.decimals;
    let mut row = 0u32;
    let mut refs = Refs {
        indices: Vec::new(),
        one: None,
        scales: Vec::new(),
    };
    let value = |u: &UnitFigures, id: &str| {
        u.indices
            .indices
            .iter()
            .find(|f| f.id == id)
            .map(|f| f.value)
    };
    if r.units.len() == 1 {
        let u = &r.units[0];
        let mut vals: Vec<&IndexFigure> = u.indices.indices.iter().collect();
        vals.sort_by(|a, b| cmp_exact(&b.value, &a.value).then(a.id.cmp(&b.id)));
        if !vals.is_empty() {
            ws.write_string_with_format(row, 0, "Chỉ số", &look.head)?;
            ws.write_string_with_format(row, 1, "Giá trị", &look.head)?;
            let first = row + 1;
            for (k, f) in vals.iter().enumerate() {
                let at = first + k as u32;
                ws.write_string_with_format(at, 0, &f.id, &look.cell)?;
                ws.write_number_with_format(at, 1, rounded(&f.value, dp), &look.rate)?;
            }
            refs.one = Some((first, first + vals.len() as u32 - 1));
            row = first + vals.len() as u32 + 1;
        }
    } else {
        for (i, def) in pack.indices.iter().enumerate() {
            let mut vals: Vec<(&str, Exact)> = r
                .units
                .iter()
                .filter_map(|u| value(u, &def.id).map(|v| (u.unit, v)))
                .collect();
            if vals.is_empty() {
                continue;
            }
            vals.sort_by(|a, b| cmp_exact(&b.1, &a.1).then(a.0.cmp(b.0)));
            ws.write_string_with_format(row, 0, &def.id, &look.head)?;
            ws.write_string_with_format(row, 1, "Giá trị", &look.head)?;
            let first = row + 1;
            for (k, (unit, v)) in vals.iter().enumerate() {
                let at = first + k as u32;
                ws.write_string_with_format(at, 0, *unit, &look.cell)?;
                ws.write_number_with_format(at, 1, rounded(v, dp), &look.rate)?;
            }
            refs.indices.push((i, first, first + vals.len() as u32 - 1));
            row = first + vals.len() as u32 + 1;
        }
    }
    let counts = pooled(r);
    for s in scales_used(pack) {
        let sc = &pack.scales[s];
        let codes: Vec<i64> = columns_of(sc)
            .into_iter()
            .filter(|c| !sc.missing.iter().any(|m| m.code == *c))
            .collect();
        ws.write_string_with_format(row, 0, "Câu", &look.head)?;
        for (j, c) in codes.iter().enumerate() {
            ws.write_string_with_format(row, 1 + j as u16, code_label(sc, *c), &look.head)?;
        }
        let first = row + 1;
        let mut at = first;
        for (i, it) in pack.items.iter().enumerate() {
            if it.scale != s {
                continue;
            }
            ws.write_string_with_format(at, 0, &it.id, &look.cell)?;
            for (j, c) in codes.iter().enumerate() {
                let v = counts[i].2.get(c).copied().unwrap_or(0);
                ws.write_number_with_format(at, 1 + j as u16, v as f64, &look.count)?;
            }
            at += 1;
        }
        refs.scales.push((s, first, at - 1, codes));
        row = at + 1;
    }
    ws.set_column_width(0, 24)?;
    Ok(refs)
}

/// A code's name in a chart's legend: its label, or the number on a numeric scale.
fn code_label(sc: &Scale, code: i64) -> String {
    sc.labelled()
        .find(|p| p.code == code)
        .map_or(code.to_string(), |p| p.label.clone())
}

fn cmp_exact(a: &Exact, b: &Exact) -> std::cmp::Ordering {
    match (a.negative, b.negative) {
        (false, true) => std::cmp::Ordering::Greater,
        (true, false) => std::cmp::Ordering::Less,
        (false, false) => a.magnitude.cmp(&b.magnitude),
        (true, true) => b.magnitude.cmp(&a.magnitude),
    }
}

/// The colour of point `k` of `n` on a scale: red at the bottom, grey in the middle, green at
/// the top, so that the stacked bars read as a diverging scale.
fn point_colour(k: usize, n: usize) -> String {
    let t = if n <= 1 {
        1.0
    } else {
        k as f64 / (n - 1) as f64
    };
    let (lo, mid, hi) = ((192.0, 0.0, 0.0), (191.0, 191.0, 191.0), (0.0, 128.0, 64.0));
    let mix = |a: (f64, f64, f64), b: (f64, f64, f64), s: f64| {
        (
            a.0 + (b.0 - a.0) * s,
            a.1 + (b.1 - a.1) * s,
            a.2 + (b.2 - a.2) * s,
        )
    };
    let c = if t < 0.5 {
        mix(lo, mid, t * 2.0)
    } else {
        mix(mid, hi, (t - 0.5) * 2.0)
    };
    format!("#{:02X}{:02X}{:02X}", c.0 as u8, c.1 as u8, c.2 as u8)
}

/// The charts: the indices by unit (or one unit's indices), sorted; each scale's items as
/// stacked bars of the shares of their answers at each point.
fn charts(r: &PackReport, refs: &Refs) -> Vec<Chart> {
    let pack = r.pack;
    let dp = pack.decimals;
    let fmt = super::look::rate_fmt(dp);
    let range = |a: u32, b: u32, c: u16| (DATA_SHEET, a, c, b, c);
    let mut out = Vec::new();
    if let Some((a, b)) = refs.one {
        let name = r
            .units
            .first()
            .map(|u| unit_words(u.unit))
            .unwrap_or_default();
        let mut c = chart(ChartType::Bar, &format!("Các chỉ số của {name}"));
        c.add_series()
            .set_name("Giá trị")
            .set_categories(range(a, b, 0))
            .set_values(range(a, b, 1))
            .set_data_label(&labels(&fmt))
            .set_gap(60);
        c.y_axis().set_reverse().set_label_interval(1);
        c.legend().set_hidden();
        out.push(c);
    }
    for (i, a, b) in &refs.indices {
        let mut c = chart(
            ChartType::Column,
            &format!("{} — theo đơn vị", index_words(pack, *i)),
        );
        let s = c
            .add_series()
            .set_name("Giá trị")
            .set_categories(range(*a, *b, 0))
            .set_values(range(*a, *b, 1));
        if b - a < 25 {
            s.set_data_label(&labels(&fmt));
        }
        name_every_category(&mut c, (b - a + 1) as usize);
        c.y_axis().set_num_format(format!("{}0", super::look::VI));
        c.legend().set_hidden();
        out.push(c);
    }
    for (s, a, b, codes) in &refs.scales {
        let sc = &pack.scales[*s];
        let mut c = chart(
            ChartType::BarPercentStacked,
            &format!(
                "Phân bố câu trả lời theo mức, thang {}–{} (không tính câu bỏ trống, không trả lời)",
                sc.min, sc.max
            ),
        );
        for (j, code) in codes.iter().enumerate() {
            let col = 1 + j as u16;
            c.add_series()
                .set_name(code_label(sc, *code).as_str())
                .set_categories(range(*a, *b, 0))
                .set_values(range(*a, *b, col))
                .set_format(ChartFormat::new().set_solid_fill(
                    ChartSolidFill::new().set_color(point_colour(j, codes.len()).as_str()),
                ))
                .set_gap(40);
        }
        c.y_axis().set_reverse().set_label_interval(1);
        c.x_axis().set_num_format(format!("{}0%", super::look::VI));
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_print_as_runs() {
        let s = |v: &[i64]| runs(&v.iter().copied().collect());
        assert_eq!(s(&[4, 5]), "4–5");
        assert_eq!(s(&[0, 1, 2, 3, 4, 5, 6]), "0–6");
        assert_eq!(s(&[1, 3, 4]), "1, 3–4");
    }

    #[test]
    fn decimals_print_with_a_comma_and_no_negative_zero() {
        assert_eq!(crate::num::approx(32.72941, 2), "32,73");
        assert_eq!(crate::num::approx(-0.001, 2), "0,00");
        assert_eq!(crate::num::approx(-12.5, 1), "-12,5");
    }

    #[test]
    fn the_scale_runs_from_red_to_green() {
        assert_eq!(point_colour(0, 5), "#C00000");
        assert_eq!(point_colour(4, 5), "#008040");
        assert_eq!(point_colour(2, 5), "#BFBFBF");
    }
}
