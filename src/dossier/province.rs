//! The province synthesis (`hailong export --all`): what an appraisal council prints on A4 at
//! 100 % and signs.
//!
//! Per form, one document: the main table of what an appraiser reads first (households,
//! participation, the overall rate, the lowest item, the verdict, readiness), then the rate of
//! every item as tables split to fit the page at 12 pt, then the wording of the items. Then the
//! charts, each on its own page, whole; and the communes that assessed themselves before their
//! survey. The tables the charts draw are on a hidden sheet, so that the charts' ranges stay
//! contiguous (a table cut by a page break repeats its header inside the range).
//!
//! Each cell holds the official (rounded half-up) figure of `score`, as a number; cells under a
//! threshold of the rule pack are red by conditional formats, so the colour follows the number
//! if someone edits it. Layout is [`super::print`]'s; this file says what the pages hold.

use super::look::{
    BODY_PT, DocKind, FONT, Heading, Look, Style, VI, ending, heading_block, rate_fmt,
    unverified_block,
};
use super::metrics;
use super::print::{Block, Kind, Paper, Plan, Row, Sheet, Table};
use crate::num::{Rate, Ratio};
use crate::rules::CheckKind;
use crate::score::CommuneScore;
use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartDataLabel, ChartFont, ChartFormat, ChartLegendPosition,
    ChartLine, ChartType, ConditionalFormatCell, ConditionalFormatCellRule, Format, Workbook,
    Worksheet, XlsxError,
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

/// Name of the sheet of charts.
pub const CHART_SHEET: &str = "Biểu đồ";

/// Name of the hidden sheet holding the tables the charts draw.
pub const CHART_DATA_SHEET: &str = "Số liệu biểu đồ";

/// The sheet of the communes that assessed themselves and are not surveyed yet.
pub const UNSURVEYED_SHEET: &str = "Chưa có kết quả khảo sát";

/// The recognition a form surveys, in words, from its title: "xã NTM", "xã NTM nâng cao",
/// "xã NTM giai đoạn 2026 - 2030"; a title of another shape is kept whole.
pub fn form_words(title: &str) -> String {
    let t = title.trim();
    let subject = ["xây dựng ", "về "]
        .iter()
        .find_map(|k| t.find(k).map(|i| &t[i + k.len()..]))
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(t);
    subject
        .replace("nông thôn mới", "NTM")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Name of the synthesis sheet of the form titled `title`: "Tổng hợp xã NTM nâng cao",
/// "Tổng hợp xã NTM 2026–2030" (Excel allows 31 characters and none of `[]:*?/\`).
pub fn matrix_sheet(title: &str) -> String {
    let words = form_words(title)
        .replace("giai đoạn ", "")
        .replace(" - ", "–");
    sheet_name(&format!("Tổng hợp {words}"))
}

/// `name` as Excel accepts a sheet name: 31 characters at most, none of `[]:*?/\`.
pub(super) fn sheet_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .take(31)
        .collect();
    clean.trim().trim_matches('\'').to_string()
}

/// `name`, or `name (2)`, `name (3)`… when a sheet already has it.
fn unique(name: String, taken: &mut Vec<String>) -> String {
    let mut out = name.clone();
    let mut k = 2;
    // Excel compares sheet names without case, Vietnamese letters too.
    while taken.iter().any(|t| t.to_lowercase() == out.to_lowercase()) {
        let suffix = format!(" ({k})");
        let keep = 31 - suffix.chars().count();
        out = format!(
            "{}{suffix}",
            name.chars().take(keep).collect::<String>().trim_end()
        );
        k += 1;
    }
    taken.push(out.clone());
    out
}

/// Today as a Vietnamese document prints a date: "12/05/2025".
pub(super) fn today() -> String {
    let s = crate::store::now_utc();
    format!("{}/{}/{}", &s[8..10], &s[5..7], &s[..4])
}

/// A whole number the Vietnamese way: "2.842".
fn thousands(n: u64) -> String {
    Ratio::new(u128::from(n), 1).display(0)
}

/// The province as the text names it: "tỉnh Sơn La".
fn province_words(h: &Heading) -> String {
    format!("tỉnh {}", h.province)
}

/// Where the synthesis goes: the province's steering committee and its coordination office,
/// and the Front's own archive.
fn recipients(h: &Heading) -> Vec<String> {
    let p = province_words(h);
    vec![
        format!("Ban Chỉ đạo các Chương trình mục tiêu quốc gia {p} (báo cáo)"),
        format!("Văn phòng Điều phối nông thôn mới {p}"),
        "Lưu: VT".into(),
    ]
}

/// How every sheet ends: recipients, the signature and the line naming the sources.
fn closing(h: &Heading, widths: &[f64], sources: &str) -> Vec<Block> {
    let r = recipients(h);
    let r: Vec<&str> = r.iter().map(String::as_str).collect();
    ending(h, widths, &r, sources)
}

/// Least width (points, padding included) in which `text` at 12 pt takes at most `lines`
/// lines.
fn fit(text: &str, bold: bool, lines: usize) -> f64 {
    let longest = text
        .split_whitespace()
        .map(|w| metrics::text_width(w, BODY_PT, bold))
        .fold(0.0, f64::max);
    let mut w = longest * 1.04 + 1.0;
    while metrics::lines(text, w, BODY_PT, bold) > lines {
        w += 2.0;
    }
    w + metrics::CELL_PADDING
}

/// Width a number shown as `shown` needs: it never wraps (a cell too narrow prints "###").
fn number_width(shown: &str, bold: bool) -> f64 {
    metrics::text_width(shown, BODY_PT, bold) * 1.1 + metrics::CELL_PADDING
}

/// Cumulative right edges of columns `widths`.
fn edges(widths: &[f64]) -> Vec<f64> {
    widths
        .iter()
        .scan(0.0, |x, w| {
            *x += w;
            Some(*x)
        })
        .collect()
}

/// Lays several tables' columns over one grid of sheet columns, every edge of every table a
/// column edge (edges less than a point apart are one). Returns the grid's widths and, per
/// table, each of its columns as (first grid column, span).
fn grid(tables: &[Vec<f64>]) -> (Vec<f64>, Vec<Vec<(u16, u16)>>) {
    let mut all: Vec<f64> = tables.iter().flat_map(|t| edges(t)).collect();
    all.sort_by(f64::total_cmp);
    all.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    let widths = all
        .iter()
        .scan(0.0, |x, e| {
            let w = e - *x;
            *x = *e;
            Some(w)
        })
        .collect();
    let nearest = |x: f64| {
        all.iter()
            .enumerate()
            .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
            .map_or(0, |(i, _)| i as u16)
    };
    let cols = tables
        .iter()
        .map(|t| {
            let mut first = 0u16;
            edges(t)
                .into_iter()
                .map(|e| {
                    let last = nearest(e).max(first);
                    let c = (first, last - first + 1);
                    first = last + 1;
                    c
                })
                .collect()
        })
        .collect();
    (widths, cols)
}

/// Widens columns `from..` of `widths` (all but the last) to the next of `targets` when it is a
/// few points away, so that two tables on one sheet share that edge rather than add a thin
/// column; the last column takes what is left of `total`. (Widening further would take the room
/// from the last column, whose text wraps: the readiness ran to three lines.)
fn snap(widths: &mut [f64], from: usize, targets: &[f64], total: f64) {
    const NEAR: f64 = 8.0;
    let n = widths.len();
    let mut room = total - widths.iter().sum::<f64>();
    for i in from..n.saturating_sub(1) {
        let end: f64 = widths[..=i].iter().sum();
        if let Some(t) = targets.iter().find(|t| **t >= end - 0.5) {
            let d = (t - end).max(0.0);
            if d <= NEAR.min(room) {
                widths[i] += d;
                room -= d;
            }
        }
    }
    if let Some(last) = widths.last_mut() {
        *last = (*last + room).max(40.0);
    }
}

/// Red on pink: a figure under its threshold.
fn below_format() -> Format {
    Format::new()
        .set_background_color("#FFC7CE")
        .set_font_color("#9C0006")
}

/// The threshold (percent) of the rule pack's check `k`, if it sets one.
fn threshold(s: &CommuneScore, k: CheckKind) -> Option<f64> {
    s.verdict
        .checks
        .iter()
        .find(|c| c.check == k)
        .map(|c| c.threshold_pct)
}

/// Cells to colour red under a threshold: columns `cols` (first, last) of table `table`'s body
/// rows.
struct Mark {
    table: usize,
    cols: (u16, u16),
    below: f64,
}

/// The sheet rows body row `i` of each table was written at: `rows[n][i]`, from the plan (every
/// written row is one entry of a page, repeated headers included).
fn body_rows(plan: &Plan, tables: usize) -> Vec<Vec<u32>> {
    let mut rows = vec![Vec::new(); tables];
    for (r, k) in plan.pages.iter().flatten().enumerate() {
        if let Kind::Body(n) = k
            && let Some(t) = rows.get_mut(*n)
        {
            t.push(r as u32);
        }
    }
    rows
}

/// Adds the red-under-threshold conditional formats of `marks`, one per run of consecutive
/// rows (a table continuing on the next page has its header between two runs).
fn colour(ws: &mut Worksheet, plan: &Plan, marks: &[Mark]) -> Result<(), XlsxError> {
    let tables = marks.iter().map(|m| m.table + 1).max().unwrap_or(0);
    let rows = body_rows(plan, tables);
    let red = below_format();
    for m in marks {
        let rs = &rows[m.table];
        let mut k = 0;
        while k < rs.len() {
            let mut j = k;
            while j + 1 < rs.len() && rs[j + 1] == rs[j] + 1 {
                j += 1;
            }
            let cf = ConditionalFormatCell::new()
                .set_rule(ConditionalFormatCellRule::LessThan(m.below))
                .set_format(&red);
            ws.add_conditional_format(rs[k], m.cols.0, rs[j], m.cols.1, &cf)?;
            k = j + 1;
        }
    }
    Ok(())
}

/// Builds the province workbook: the synthesis of each form, the charts (their tables on a
/// hidden sheet), and the communes that assessed themselves before their survey (a sheet only
/// when there are some).
pub fn build(
    scores: &[CommuneScore],
    unsurveyed: &[Unsurveyed],
    h: &Heading,
) -> Result<Workbook, XlsxError> {
    let mut wb = super::look::workbook()?;
    // One pack governs a province run, so the first commune's decimals are every commune's.
    let look = Look::with_decimals(scores.first().map_or(2, |s| s.display_decimals));
    let today = today();
    let mut by_form: BTreeMap<&str, Vec<&CommuneScore>> = BTreeMap::new();
    for s in scores {
        by_form.entry(s.form.as_str()).or_default().push(s);
    }
    for list in by_form.values_mut() {
        list.sort_by(|a, b| a.commune.cmp(&b.commune));
    }
    let mut taken = vec![
        CHART_SHEET.to_string(),
        CHART_DATA_SHEET.to_string(),
        UNSURVEYED_SHEET.to_string(),
    ];
    let forms: Vec<FormDoc> = by_form
        .values()
        .map(|list| FormDoc {
            list: list.clone(),
            h,
            today: &today,
            sheet: unique(matrix_sheet(&list[0].form_title), &mut taken),
        })
        .collect();
    for f in &forms {
        let (sheet, marks) = f.sheet();
        let ws = wb.add_worksheet();
        ws.set_name(&f.sheet)?;
        let plan = sheet.write(ws, &look)?;
        colour(ws, &plan, &marks)?;
    }
    if !forms.is_empty() {
        let mut data = Worksheet::new();
        let refs = chart_data(&mut data, &look, &forms, scores)?;
        let sheet = charts_sheet(&look, h, &forms, &refs, &today)?;
        let ws = wb.add_worksheet();
        ws.set_name(CHART_SHEET)?;
        sheet.write(ws, &look)?;
        if !unsurveyed.is_empty() {
            unsurveyed_sheet(wb.add_worksheet(), &look, h, unsurveyed, &today)?;
        }
        data.set_name(CHART_DATA_SHEET)?.set_hidden(true);
        wb.push_worksheet(data);
    } else if !unsurveyed.is_empty() {
        unsurveyed_sheet(wb.add_worksheet(), &look, h, unsurveyed, &today)?;
    }
    Ok(wb)
}

/// One form's synthesis: its communes in name order, the heading, and its sheet's name.
struct FormDoc<'a> {
    list: Vec<&'a CommuneScore>,
    h: &'a Heading,
    today: &'a str,
    sheet: String,
}

/// Headers of the main table, in order.
const MAIN: [&str; 8] = [
    "STT",
    "Xã",
    "Số hộ",
    "Tỷ lệ tham gia (%)",
    "Tỷ lệ hài lòng câu hỏi chung (%)",
    "Nội dung có tỷ lệ hài lòng thấp nhất (%)",
    "Kết luận",
    "Sẵn sàng công nhận",
];

/// Least width of the readiness column: its text wraps, the row grows.
const READY_MIN: f64 = 130.0;
/// Widest the commune column grows for a long name (longer names wrap).
const COMMUNE_MAX: f64 = 150.0;

/// The columns of a form's sheet, in points, before they are laid on one grid.
struct Columns {
    paper: Paper,
    /// The main table's columns.
    main: Vec<f64>,
    /// Items per rate table.
    per_table: usize,
    /// Width of an item's column.
    item: f64,
}

impl FormDoc<'_> {
    fn first(&self) -> &CommuneScore {
        self.list[0]
    }

    /// "Câu 7: 85,20": the lowest content item and its rate.
    fn lowest(s: &CommuneScore) -> String {
        s.lowest_item()
            .map(|i| format!("Câu {}: {}", i.number, i.rate))
            .unwrap_or_else(|| "—".into())
    }

    /// "SẴN SÀNG" or "CHƯA: thiếu …", with the criteria met when the commune assessed them.
    fn readiness(s: &CommuneScore) -> String {
        let Some(r) = &s.readiness else {
            return "—".into();
        };
        let mut t = r.short_text().0;
        if let Some(c) = &s.criteria {
            t.push_str(&format!(
                " (đạt {}/{} tiêu chí)",
                c.criteria_met, c.criteria_total
            ));
        }
        t
    }

    /// The one note of the sheet when what its conclusions rest on is not checked against its
    /// document: the survey's thresholds, the recognition conditions, the criteria set.
    fn unverified(&self) -> Option<String> {
        let any = |f: &dyn Fn(&CommuneScore) -> bool| self.list.iter().any(|s| f(s));
        let parts: Vec<&str> = [
            (
                any(&|s| s.verdict.relies_on_unverified),
                "ngưỡng đánh giá sự hài lòng",
            ),
            (
                any(&|s| s.readiness.as_ref().is_some_and(|r| r.any_unverified)),
                "điều kiện công nhận",
            ),
            (
                any(&|s| s.criteria.as_ref().is_some_and(|c| c.any_unverified)),
                "bộ tiêu chí",
            ),
        ]
        .into_iter()
        .filter_map(|(on, what)| on.then_some(what))
        .collect();
        let list = match parts.as_slice() {
            [] => return None,
            [one] => one.to_string(),
            [init @ .., last] => format!("{} và {last}", init.join(", ")),
        };
        Some(format!(
            "Kết luận dựa trên {list} chưa được đối chiếu với văn bản gốc (chưa xác minh)."
        ))
    }

    /// Header of item `i`'s column: "Câu 7", the overall item "Câu 19 (chung)".
    fn item_head(&self, i: usize) -> String {
        let it = &self.first().items[i];
        if it.criterion.is_empty() {
            format!("Câu {} (chung)", it.number)
        } else {
            format!("Câu {}", it.number)
        }
    }

    /// The columns' least widths from what they hold, the paper they need, and how the items
    /// split into tables that fit it.
    fn columns(&self) -> Columns {
        let dp = self.first().display_decimals;
        let rate = Ratio::new(100, 1).display(dp);
        let stt = fit(MAIN[0], true, 1).max(number_width(&self.list.len().to_string(), false));
        let commune = self
            .list
            .iter()
            .map(|s| fit(&s.commune, false, 1))
            .fold(fit(MAIN[1], true, 1), f64::max)
            .min(COMMUNE_MAX);
        // Headers in two or three lines, figures and the lowest item on one: the readiness,
        // last, takes the rest of the page and wraps.
        let households = self
            .list
            .iter()
            .map(|s| number_width(&thousands(s.households.total), false))
            .fold(fit(MAIN[2], true, 1), f64::max);
        let lowest = self
            .list
            .iter()
            .map(|s| fit(&Self::lowest(s), false, 1))
            .fold(fit(MAIN[5], true, 3), f64::max);
        let main = vec![
            stt,
            commune,
            households,
            fit(MAIN[3], true, 2).max(number_width(&rate, false)),
            fit(MAIN[4], true, 3).max(number_width(&rate, false)),
            lowest,
            fit(MAIN[6], true, 1).max(fit("Không đạt", true, 1)),
            fit(MAIN[7], true, 2).max(READY_MIN),
        ];
        let paper = Paper::for_width(main.iter().sum());
        let n = self.first().items.len().max(1);
        let item_min = (0..n)
            .map(|i| fit(&self.item_head(i), true, 2))
            .fold(number_width(&rate, false), f64::max);
        let room = paper.width() - stt - commune;
        let fits = ((room / item_min).floor() as usize).max(1);
        let tables = n.div_ceil(fits);
        let per_table = n.div_ceil(tables);
        Columns {
            paper,
            main,
            per_table,
            item: room / per_table as f64,
        }
    }

    /// The sheet and the cells to colour red under a threshold.
    fn sheet(&self) -> (Sheet, Vec<Mark>) {
        let first = self.first();
        let Columns {
            paper,
            mut main,
            per_table,
            item,
        } = self.columns();
        let total = paper.width();
        let lead = main[0] + main[1];
        let item_edges: Vec<f64> = (1..=per_table).map(|j| lead + j as f64 * item).collect();
        snap(&mut main, 2, &item_edges, total);
        let n = first.items.len();
        let chunks: Vec<(usize, usize)> = (0..n)
            .step_by(per_table.max(1))
            .map(|a| (a, (a + per_table).min(n)))
            .collect();
        let mut layouts = vec![main.clone()];
        for (a, b) in &chunks {
            let mut w = vec![main[0], main[1]];
            w.extend(std::iter::repeat_n(item, b - a));
            layouts.push(w);
        }
        layouts.push(vec![main[0], total - main[0]]);
        let (widths, cols) = grid(&layouts);
        let span = |t: usize, c: usize| cols[t][c];
        let cell = |row: Row, t: usize, c: usize, v: super::print::Value, s: Style| {
            let (first, span) = span(t, c);
            row.cell(first, span, v, s)
        };

        let subject = first_upper(
            first
                .form_title
                .find("về ")
                .map_or(first.form_title.as_str(), |i| &first.form_title[i..]),
        );
        let mut subtitle = format!("{subject} trên địa bàn {}", province_words(self.h));
        if !first.round.is_empty() {
            subtitle.push_str(&format!(" (đợt {})", first.round));
        }
        let mut blocks = heading_block(
            self.h,
            &widths,
            DocKind::Report,
            &[
                "TỔNG HỢP KẾT QUẢ LẤY Ý KIẾN SỰ HÀI LÒNG CỦA NGƯỜI DÂN",
                &subtitle,
            ],
        );
        if let Some(note) = self.unverified() {
            blocks.push(unverified_block(&note, &widths));
            blocks.push(Block::Gap(6.0));
        }
        let caption = |text: String| Row::one(0, widths.len() as u16, text, Style::Bold);

        // 1. The main table.
        let head = MAIN.iter().enumerate().fold(Row::new(), |r, (c, t)| {
            cell(r, 0, c, (*t).into(), Style::Head)
        });
        let body = self
            .list
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let ready = Self::readiness(s);
                let values: [(super::print::Value, Style); 8] = [
                    ((k as u64 + 1).into(), Style::Center),
                    (s.commune.as_str().into(), Style::Cell),
                    (s.households.total.into(), Style::Count),
                    (s.households.rate.rounded().into(), Style::Rate),
                    (s.overall.rate.rounded().into(), Style::Rate),
                    (Self::lowest(s).into(), Style::Center),
                    if s.verdict.passed {
                        ("Đạt".into(), Style::Center)
                    } else {
                        ("Không đạt".into(), Style::AlarmCell)
                    },
                    (ready.into(), Style::Cell),
                ];
                values
                    .into_iter()
                    .enumerate()
                    .fold(Row::new(), |r, (c, (v, st))| cell(r, 0, c, v, st))
            })
            .collect();
        blocks.push(Block::Table(Table {
            title: vec![caption(
                "1. Kết quả lấy ý kiến và kết luận của từng xã".into(),
            )],
            head: vec![head],
            body,
            groups: vec![],
            head_merges: vec![],
        }));
        let mut marks = Vec::new();
        let range = |t: usize, c: usize| {
            let (a, s) = span(t, c);
            (a, a + s - 1)
        };
        if let Some(t) = threshold(first, CheckKind::ParticipationCommune) {
            marks.push(Mark {
                table: 0,
                cols: range(0, 3),
                below: t,
            });
        }
        let overall_min = threshold(first, CheckKind::OverallMin);
        if let Some(t) = overall_min {
            marks.push(Mark {
                table: 0,
                cols: range(0, 4),
                below: t,
            });
        }

        // 2. The rate of every item, as many tables as the page needs.
        let floor = threshold(first, CheckKind::ItemFloor);
        for (j, (a, b)) in chunks.iter().enumerate() {
            let t = j + 1;
            let head = (*a..*b).enumerate().fold(
                cell(
                    cell(Row::new(), t, 0, "STT".into(), Style::Head),
                    t,
                    1,
                    "Xã".into(),
                    Style::Head,
                ),
                |r, (c, i)| cell(r, t, c + 2, self.item_head(i).into(), Style::Head),
            );
            let body = self
                .list
                .iter()
                .enumerate()
                .map(|(k, s)| {
                    let r = cell(Row::new(), t, 0, (k as u64 + 1).into(), Style::Center);
                    let r = cell(r, t, 1, s.commune.as_str().into(), Style::Cell);
                    (*a..*b).enumerate().fold(r, |r, (c, i)| {
                        cell(r, t, c + 2, s.items[i].rate.rounded().into(), Style::Rate)
                    })
                })
                .collect();
            let text = if j == 0 {
                "2. Tỷ lệ hài lòng từng nội dung (%)"
            } else {
                "2. Tỷ lệ hài lòng từng nội dung (%) (tiếp theo)"
            };
            let numbers = (
                first.items[*a].number,
                first.items[b.saturating_sub(1)].number,
            );
            blocks.push(Block::Gap(8.0));
            blocks.push(Block::Table(Table {
                title: vec![caption(format!(
                    "{text} — câu {} đến câu {}",
                    numbers.0, numbers.1
                ))],
                head: vec![head],
                body,
                groups: vec![],
                head_merges: vec![],
            }));
            for (c, i) in (*a..*b).enumerate() {
                let overall = first.items[i].criterion.is_empty();
                if let Some(below) = if overall { overall_min } else { floor } {
                    marks.push(Mark {
                        table: t,
                        cols: range(t, c + 2),
                        below,
                    });
                }
            }
        }

        // 3. What each item asks.
        let t = chunks.len() + 1;
        let head = cell(
            cell(Row::new(), t, 0, "Câu".into(), Style::Head),
            t,
            1,
            "Nội dung".into(),
            Style::Head,
        );
        let body = first
            .items
            .iter()
            .map(|it| {
                let text = if it.criterion.is_empty() {
                    format!("{} (câu hỏi chung)", it.statement)
                } else {
                    it.statement.clone()
                };
                cell(
                    cell(Row::new(), t, 0, u64::from(it.number).into(), Style::Center),
                    t,
                    1,
                    text.into(),
                    Style::Cell,
                )
            })
            .collect();
        blocks.push(Block::Gap(8.0));
        blocks.push(Block::Table(Table {
            title: vec![caption("3. Nội dung các câu hỏi của phiếu".into())],
            head: vec![head],
            body,
            groups: vec![],
            head_merges: vec![],
        }));

        let counted: u64 = self.list.iter().map(|s| s.forms.counted).sum();
        blocks.extend(closing(
            self.h,
            &widths,
            &format!(
                "Nguồn số liệu: kết quả lấy ý kiến của {} xã ({} phiếu được tính), tổng hợp ngày {}.",
                self.list.len(),
                thousands(counted),
                self.today
            ),
        ));
        (
            Sheet {
                paper,
                widths,
                blocks,
            },
            marks,
        )
    }
}

/// `s` with its first letter upper-case.
fn first_upper(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Where the tables the charts draw sit on the hidden sheet: per form, the rows of the
/// communes and of the items; then the rows of the distribution.
struct ChartRefs {
    forms: Vec<FormRefs>,
    bins: (u32, u32),
    max_bin: u32,
}

/// One form's chart tables: first and last rows of the communes and of the items, and the
/// threshold line the communes are drawn against.
struct FormRefs {
    communes: (u32, u32),
    items: (u32, u32),
    line: Option<f64>,
}

/// Writes the tables the charts draw on the hidden sheet, each contiguous: per form the
/// communes by overall rate (highest first, exact values; ties by name) against the threshold,
/// and the items by the share of counted forms not satisfied province-wide (Σ "Không hài lòng"
/// / Σ forms counted, exact; highest first); then the distribution of the overall rate.
fn chart_data(
    ws: &mut Worksheet,
    look: &Look,
    forms: &[FormDoc],
    scores: &[CommuneScore],
) -> Result<ChartRefs, XlsxError> {
    let mut r = 0u32;
    let mut refs = Vec::new();
    let head = |ws: &mut Worksheet, r: u32, title: &str, cols: &[&str]| {
        ws.write_string_with_format(r, 0, title, &look.bold)?;
        for (c, t) in cols.iter().enumerate() {
            ws.write_string_with_format(r + 1, c as u16, *t, &look.head)?;
        }
        Ok::<u32, XlsxError>(r + 2)
    };
    for f in forms {
        let words = form_words(&f.first().form_title);
        let mut sorted = f.list.clone();
        sorted.sort_by(|a, b| {
            b.overall
                .rate
                .cmp(&a.overall.rate)
                .then(a.commune.cmp(&b.commune))
        });
        let line = sorted.iter().find_map(|s| s.overall_threshold_pct());
        let first = head(
            ws,
            r,
            &format!("Xã theo tỷ lệ hài lòng câu hỏi chung — {words}"),
            &["Xã", "Hài lòng câu hỏi chung (%)", "Ngưỡng (%)"],
        )?;
        for (k, s) in sorted.iter().enumerate() {
            let row = first + k as u32;
            ws.write_string_with_format(row, 0, &s.commune, &look.cell)?;
            ws.write_number_with_format(row, 1, s.overall.rate.rounded(), &look.rate)?;
            if let Some(t) = line {
                ws.write_number_with_format(row, 2, t, &look.rate)?;
            }
        }
        let communes = (first, first + sorted.len() as u32 - 1);
        let list = &f.list;
        let counted: u64 = list.iter().map(|s| s.forms.counted).sum();
        let dp = list[0].display_decimals;
        let mut ranked: Vec<(u32, u64, Ratio)> = (0..list[0].items.len())
            .map(|i| {
                let dis: u64 = list.iter().map(|s| s.items[i].dissatisfied).sum();
                (
                    list[0].items[i].number,
                    dis,
                    Ratio::percent_of(dis, counted),
                )
            })
            .collect();
        ranked.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
        let first = head(
            ws,
            communes.1 + 2,
            &format!("Nội dung theo tỷ lệ không hài lòng toàn tỉnh — {words}"),
            &["Câu", "Số phiếu không hài lòng", "Tỷ lệ không hài lòng (%)"],
        )?;
        for (k, (number, dis, share)) in ranked.iter().enumerate() {
            let row = first + k as u32;
            ws.write_string_with_format(row, 0, format!("Câu {number}"), &look.cell)?;
            ws.write_number_with_format(row, 1, *dis as f64, &look.count)?;
            ws.write_number_with_format(row, 2, Rate::new(*share, dp).rounded(), &look.rate)?;
        }
        let items = (first, first + ranked.len() as u32 - 1);
        refs.push(FormRefs {
            communes,
            items,
            line,
        });
        r = items.1 + 2;
    }
    let first = head(
        ws,
        r,
        "Phân bố các xã theo tỷ lệ hài lòng câu hỏi chung",
        &["Tỷ lệ hài lòng câu hỏi chung", "Số xã"],
    )?;
    let mut counts = [0u32; BINS.len()];
    for s in scores {
        let v = s.overall.rate.rounded();
        let b = BINS.iter().rposition(|(_, lo)| v >= *lo).unwrap_or(0);
        counts[b] += 1;
    }
    for (k, (label, _)) in BINS.iter().enumerate() {
        let row = first + k as u32;
        ws.write_string_with_format(row, 0, *label, &look.cell)?;
        ws.write_number_with_format(row, 1, f64::from(counts[k]), &look.count)?;
    }
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 24)?;
    ws.set_column_width(2, 24)?;
    Ok(ChartRefs {
        forms: refs,
        bins: (first, first + BINS.len() as u32 - 1),
        max_bin: counts.iter().copied().max().unwrap_or(0),
    })
}

/// The document's font at `size`, for every text of a chart.
pub(super) fn chart_font(size: f64, bold: bool) -> ChartFont {
    let mut f = ChartFont::new();
    f.set_name(FONT).set_size(size);
    if bold {
        f.set_bold();
    }
    f
}

/// A chart titled `title`, its title and axes in the document's font, its legend at the bottom
/// in it too.
pub(super) fn chart(kind: ChartType, title: &str) -> Chart {
    let mut c = Chart::new(kind);
    c.title().set_name(title).set_font(&chart_font(13.0, true));
    let axis = chart_font(11.0, false);
    c.x_axis().set_font(&axis).set_name_font(&axis);
    c.y_axis().set_font(&axis).set_name_font(&axis);
    c.legend()
        .set_font(&axis)
        .set_position(ChartLegendPosition::Bottom);
    c
}

/// Every one of `n` categories (communes) named on the category axis, turned when they are
/// many. (8 pt, two thirds of the body's 12, is the least any printed text may be.)
pub(super) fn name_every_category(c: &mut Chart, n: usize) {
    let (size, turn) = match n {
        0..=12 => (11.0, 0),
        13..=30 => (10.0, -45),
        31..=50 => (9.0, -90),
        _ => (8.0, -90),
    };
    c.x_axis()
        .set_label_interval(1)
        .set_font(chart_font(size, false).set_rotation(turn));
}

/// Values shown on the bars, in the document's font and the number format `fmt`.
pub(super) fn labels(fmt: &str) -> ChartDataLabel {
    let mut l = ChartDataLabel::new();
    l.show_value()
        .set_font(&chart_font(10.0, false))
        .set_num_format(fmt);
    l
}

/// The charts: per form the communes by overall rate against the threshold line and the items
/// ranked by the share not satisfied; then the distribution of the overall rate, its axis in
/// whole communes.
fn charts(forms: &[FormDoc], refs: &ChartRefs) -> Vec<Chart> {
    let mut out = Vec::new();
    let dp = forms[0].first().display_decimals;
    let range = |a: u32, b: u32, c: u16| (CHART_DATA_SHEET, a, c, b, c);
    for (f, r) in forms.iter().zip(&refs.forms) {
        let FormRefs {
            communes,
            items,
            line,
        } = r;
        let words = form_words(&f.first().form_title);
        // One line per commune across the items was a tangle at 66 communes (issue #15):
        // instead the communes sorted as bars against the threshold line.
        let mut bars = chart(
            ChartType::Column,
            &format!("Tỷ lệ hài lòng câu hỏi chung của từng xã — {words}"),
        );
        let lowest = f
            .list
            .iter()
            .map(|s| s.overall.rate.rounded())
            .chain(*line)
            .fold(100.0, f64::min);
        let s = bars
            .add_series()
            .set_name("Hài lòng câu hỏi chung (%)")
            .set_categories(range(communes.0, communes.1, 0))
            .set_values(range(communes.0, communes.1, 1));
        if f.list.len() <= 25 {
            s.set_data_label(&labels(&rate_fmt(dp)));
        }
        bars.y_axis()
            .set_name("Tỷ lệ hài lòng (%)")
            .set_num_format(format!("{VI}0"))
            .set_min(((lowest / 10.0).floor() * 10.0 - 10.0).max(0.0))
            .set_max(100);
        name_every_category(&mut bars, f.list.len());
        if line.is_some() {
            let mut l = Chart::new(ChartType::Line);
            l.add_series()
                .set_name("Ngưỡng (%)")
                .set_categories(range(communes.0, communes.1, 0))
                .set_values(range(communes.0, communes.1, 2))
                .set_format(
                    ChartFormat::new()
                        .set_line(ChartLine::new().set_color("#C00000").set_width(2.0)),
                );
            bars.combine(&l);
        } else {
            bars.legend().set_hidden();
        }
        out.push(bars);

        let mut ranked = chart(
            ChartType::Bar,
            &format!("Tỷ lệ không hài lòng từng nội dung trên toàn tỉnh — {words}"),
        );
        ranked
            .add_series()
            .set_name("Không hài lòng (%)")
            .set_categories(range(items.0, items.1, 0))
            .set_values(range(items.0, items.1, 2))
            .set_data_label(&labels(&rate_fmt(dp)))
            .set_gap(60);
        // Bars run bottom-up; reversing the category axis (y in a bar chart) puts the worst on
        // top, and crossing it at its end keeps the value axis at the foot. Every item named.
        ranked
            .y_axis()
            .set_reverse()
            .set_crossing(ChartAxisCrossing::Max)
            .set_label_interval(1);
        ranked
            .x_axis()
            .set_name("Tỷ lệ không hài lòng (%)")
            .set_num_format(format!("{VI}0.0"))
            .set_min(0);
        ranked.legend().set_hidden();
        out.push(ranked);
    }
    let mut hist = chart(
        ChartType::Column,
        "Phân bố các xã theo tỷ lệ hài lòng câu hỏi chung",
    );
    hist.add_series()
        .set_name("Số xã")
        .set_categories(range(refs.bins.0, refs.bins.1, 0))
        .set_values(range(refs.bins.0, refs.bins.1, 1))
        .set_data_label(&labels("0"));
    // Communes are counted whole: the axis steps by whole communes, never 0,2.
    hist.y_axis()
        .set_name("Số xã")
        .set_num_format("0")
        .set_min(0)
        .set_major_unit(f64::from(refs.max_bin.div_ceil(10).max(1)));
    hist.x_axis().set_name("Tỷ lệ hài lòng câu hỏi chung");
    hist.legend().set_hidden();
    out.push(hist);
    out
}

/// Height of a chart with a page to itself, points: a row is at most 409 pt high.
const TALLEST_CHART: f64 = 400.0;

/// The chart sheet: the heading, each chart on its own page, whole, the sources and the
/// signature with the last.
fn charts_sheet(
    look: &Look,
    h: &Heading,
    forms: &[FormDoc],
    refs: &ChartRefs,
    today: &str,
) -> Result<Sheet, XlsxError> {
    let widths = chart_widths();
    let communes: usize = forms.iter().map(|f| f.list.len()).sum();
    let unverified = forms
        .iter()
        .flat_map(|f| &f.list)
        .any(|s| s.verdict.relies_on_unverified);
    let head = || {
        let subtitle = format!("Trên địa bàn {}", province_words(h));
        let mut blocks = heading_block(
            h,
            &widths,
            DocKind::Report,
            &[
                "BIỂU ĐỒ KẾT QUẢ LẤY Ý KIẾN SỰ HÀI LÒNG CỦA NGƯỜI DÂN",
                &subtitle,
            ],
        );
        if unverified {
            blocks.push(unverified_block(
                "Ngưỡng vẽ trên biểu đồ chưa được đối chiếu với văn bản gốc (chưa xác minh).",
                &widths,
            ));
        }
        blocks
    };
    let end = || {
        closing(
            h,
            &widths,
            &format!("Nguồn số liệu: kết quả lấy ý kiến của {communes} xã, tổng hợp ngày {today}."),
        )
    };
    chart_pages(look, &widths, &head, &|| charts(forms, refs), &end)
}

/// The columns of a sheet of charts: six equal, in whole pixels (the chart is sized from the
/// planned widths, the columns are written in whole pixels, and a chart a few pixels wider than
/// its columns printed its edge on a page of its own), across A4 on its side.
pub(super) fn chart_widths() -> Vec<f64> {
    vec![(Paper::Landscape.width() / 6.0 / 0.75).floor() * 0.75; 6]
}

/// A sheet of charts on A4 on its side: `head` (the heading), each chart of `charts` on its
/// own page, whole, and `end` (signature, sources) with the last. The first and last charts
/// are as tall as lets the heading stand with the first and the signature with the last: the
/// plan is tried on a scratch sheet from 400 pt down.
pub(super) fn chart_pages(
    look: &Look,
    widths: &[f64],
    head: &dyn Fn() -> Vec<Block>,
    charts: &dyn Fn() -> Vec<Chart>,
    end: &dyn Fn() -> Vec<Block>,
) -> Result<Sheet, XlsxError> {
    let build = |height: f64| {
        let mut blocks = head();
        let all = charts();
        let n = all.len();
        for (k, c) in all.into_iter().enumerate() {
            // The first shares its page with the heading, the last with the signature; those
            // between have a page to themselves.
            let alone = k > 0 && k + 1 < n;
            let h = if alone { TALLEST_CHART } else { height };
            if k > 0 {
                blocks.push(Block::Rows {
                    rows: vec![Row::new().at_least(8.0)],
                    keep: true,
                });
            }
            blocks.push(Block::Chart(Box::new(c), h));
            if k + 1 < n {
                blocks.push(Block::Break);
            }
        }
        blocks.extend(end());
        (
            Sheet {
                paper: Paper::Landscape,
                widths: widths.to_vec(),
                blocks,
            },
            n,
        )
    };
    let mut height = TALLEST_CHART;
    loop {
        let (sheet, n) = build(height);
        let plan = sheet.write(&mut Worksheet::new(), look)?;
        if plan.pages.len() <= n || height <= 160.0 {
            return Ok(sheet);
        }
        height -= 10.0;
    }
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
fn unsurveyed_sheet(
    ws: &mut Worksheet,
    look: &Look,
    h: &Heading,
    unsurveyed: &[Unsurveyed],
    today: &str,
) -> Result<(), XlsxError> {
    ws.set_name(UNSURVEYED_SHEET)?;
    let sheet = unsurveyed_doc(h, unsurveyed, today);
    sheet.write(ws, look)?;
    Ok(())
}

/// The communes that assessed themselves before their survey: what they met and lack.
fn unsurveyed_doc(h: &Heading, unsurveyed: &[Unsurveyed], today: &str) -> Sheet {
    let heads = ["STT", "Xã", "Tiêu chí đạt", "Sẵn sàng công nhận"];
    let paper = Paper::Portrait;
    let mut widths = vec![
        fit(heads[0], true, 1),
        unsurveyed
            .iter()
            .map(|u| fit(u.commune, false, 1))
            .fold(fit(heads[1], true, 1), f64::max)
            .min(COMMUNE_MAX),
        fit(heads[2], true, 2),
    ];
    widths.push(paper.width() - widths.iter().sum::<f64>());
    let mut blocks = heading_block(
        h,
        &widths,
        DocKind::Report,
        &[
            "CÁC XÃ ĐÃ TỰ ĐÁNH GIÁ TIÊU CHÍ, CHƯA CÓ KẾT QUẢ LẤY Ý KIẾN SỰ HÀI LÒNG",
            &format!("Trên địa bàn {}", province_words(h)),
        ],
    );
    if unsurveyed
        .iter()
        .any(|u| u.readiness.is_some_and(|r| r.any_unverified))
    {
        blocks.push(unverified_block(
            "Điều kiện công nhận dựa trên quy định chưa được đối chiếu với văn bản gốc (chưa xác minh).",
            &widths,
        ));
    }
    let body = unsurveyed
        .iter()
        .enumerate()
        .map(|(k, u)| {
            let ready = u.readiness.map(|x| x.short_text().0).unwrap_or_default();
            Row::new()
                .cell(0, 1, k as u64 + 1, Style::Center)
                .cell(1, 1, u.commune, Style::Cell)
                .cell(
                    2,
                    1,
                    format!("{}/{}", u.criteria.criteria_met, u.criteria.criteria_total),
                    Style::Center,
                )
                .cell(3, 1, ready, Style::Cell)
        })
        .collect();
    blocks.push(Block::Table(Table {
        title: vec![],
        head: vec![Row::texts(heads, Style::Head)],
        body,
        groups: vec![],
        head_merges: vec![],
    }));
    blocks.extend(closing(
        h,
        &widths,
        &format!(
            "Nguồn số liệu: bảng tự đánh giá kết quả thực hiện tiêu chí của {} xã, tổng hợp ngày {today}.",
            unsurveyed.len()
        ),
    ));
    Sheet {
        paper,
        widths,
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Library;
    use crate::score::{AreaTally, ItemCounts};

    /// Communes of the shipped form `form`, their answers varied so that some fail, one with a
    /// name long enough to wrap.
    fn scores(form: &str, communes: usize) -> Vec<CommuneScore> {
        let lib = Library::shipped().unwrap();
        let f = lib.form(form).unwrap();
        let rules = lib.rules_for(lib.default_pack(), form).unwrap();
        (0..communes)
            .map(|k| {
                let returned = 40 + k as u64 % 7;
                let items = (0..f.item_count())
                    .map(|i| {
                        let dis = (k as u64 * 3 + i as u64) % 9;
                        ItemCounts {
                            satisfied: returned - dis,
                            dissatisfied: dis,
                            blank: 0,
                            invalid: 0,
                        }
                    })
                    .collect();
                let area = AreaTally {
                    area: "Bản A".into(),
                    households: 55 + k as u64 * 400,
                    issued: None,
                    returned,
                    invalid: 0,
                    invalid_by_ground: Default::default(),
                    items,
                    any_dissatisfied: 0,
                    other_opinions: 0,
                    from_tally: false,
                };
                let name = if k == 1 {
                    "Xã Chiềng Khoong Mường Lạn Phiêng Khoài".to_string()
                } else {
                    format!("Xã Số {k}")
                };
                crate::score::score(&name, f, &rules, &[area], vec!["x.xlsx".into()])
            })
            .collect()
    }

    fn heading() -> Heading {
        Heading {
            issuing_body: "ỦY BAN MTTQ VIỆT NAM TỈNH SƠN LA".into(),
            issuing_unit: "BAN THƯỜNG TRỰC".into(),
            place: "Sơn La".into(),
            year: "2025".into(),
            signer_title: "CHỦ TỊCH".into(),
            on_behalf: "TM. BAN THƯỜNG TRỰC".into(),
            symbol: "MTTQ-BTT".into(),
            province: "Sơn La".into(),
            ..Default::default()
        }
    }

    const FORMS: [&str; 4] = [
        "xa-ntm",
        "xa-ntm-nang-cao",
        "xa-ntm-kieu-mau",
        "xa-ntm-2026-2030",
    ];

    /// Every cell of every table lies within the sheet's columns.
    fn cells_within(sheet: &Sheet) {
        let n = sheet.widths.len() as u16;
        for b in &sheet.blocks {
            let rows: Vec<&Row> = match b {
                Block::Table(t) => t.title.iter().chain(&t.head).chain(&t.body).collect(),
                Block::Rows { rows, .. } | Block::Closing(rows) => rows.iter().collect(),
                _ => vec![],
            };
            for r in rows {
                for c in &r.cells {
                    assert!(c.col + c.span <= n, "{:?} beyond {n} columns", c.value);
                }
            }
        }
    }

    #[test]
    fn sheet_names_are_the_forms_words() {
        let lib = Library::shipped().unwrap();
        let name = |id: &str| matrix_sheet(&lib.form(id).unwrap().header.title);
        assert_eq!(name("xa-ntm"), "Tổng hợp xã NTM");
        assert_eq!(name("xa-ntm-nang-cao"), "Tổng hợp xã NTM nâng cao");
        assert_eq!(name("xa-ntm-kieu-mau"), "Tổng hợp xã NTM kiểu mẫu");
        assert_eq!(name("xa-ntm-2026-2030"), "Tổng hợp xã NTM 2026–2030");
        for f in lib.forms.values() {
            let n = matrix_sheet(&f.header.title);
            assert!(n.chars().count() <= 31, "{n}");
            assert!(!n.contains(|c| "[]:*?/\\".contains(c)), "{n}");
        }
        // A title of another shape is kept, cut to what Excel allows.
        let odd = matrix_sheet("Phiếu khảo sát của tỉnh: đợt 1/2025 [thử]");
        assert_eq!(odd.chars().count(), 31);
        assert!(!odd.contains(['/', ':', '[']), "{odd}");
        let mut taken = vec!["Tổng hợp xã NTM".to_string()];
        assert_eq!(
            unique("Tổng hợp xã NTM".into(), &mut taken),
            "Tổng hợp xã NTM (2)"
        );
    }

    /// Every table of every form's sheet fits its paper at 12 pt: the columns add up to no more
    /// than the paper's width, each item column holds its header and a rate of 100.
    #[test]
    fn every_table_fits_the_paper_width() {
        for form in FORMS {
            for communes in [1, 3, 70] {
                let list = scores(form, communes);
                let doc = FormDoc {
                    list: list.iter().collect(),
                    h: &heading(),
                    today: "01/01/2025",
                    sheet: "x".into(),
                };
                let (sheet, marks) = doc.sheet();
                let width: f64 = sheet.widths.iter().sum();
                assert!(
                    width <= sheet.paper.width() + 0.01,
                    "{form} × {communes}: {width} > {}",
                    sheet.paper.width()
                );
                // The main table's eight columns do not stand on portrait.
                assert_eq!(sheet.paper, Paper::Landscape, "{form}");
                cells_within(&sheet);
                let cols = doc.columns();
                let tables: Vec<&Table> = sheet
                    .blocks
                    .iter()
                    .filter_map(|b| match b {
                        Block::Table(t) => Some(t),
                        _ => None,
                    })
                    .collect();
                let n = list[0].items.len();
                assert_eq!(tables.len(), 2 + n.div_ceil(cols.per_table), "{form}");
                // The item tables together hold every item once, each column wide enough.
                let mut seen = Vec::new();
                for t in &tables[1..tables.len() - 1] {
                    for c in t.head[0].cells.iter().skip(2) {
                        let w = sheet.span_width(c.col, c.span);
                        let super::super::print::Value::Text(h) = &c.value else {
                            panic!()
                        };
                        assert!(w + 0.01 >= fit(h, true, 2), "{form}: {h} in {w}");
                        assert!(w >= number_width("100,00", false), "{form}: {w}");
                        seen.push(h.clone());
                    }
                    assert_eq!(t.body.len(), communes);
                }
                let expect: Vec<String> = (0..n).map(|i| doc.item_head(i)).collect();
                assert_eq!(seen, expect, "{form}");
                // Marks colour real columns of real tables.
                for m in &marks {
                    assert!(m.table < tables.len() && m.cols.1 < sheet.widths.len() as u16);
                }
                // The plan writes.
                let plan = sheet.write(&mut Worksheet::new(), &Look::new()).unwrap();
                assert!(!plan.pages.is_empty());
            }
        }
    }

    #[test]
    fn tables_share_a_grid_of_their_edges() {
        let (w, cols) = grid(&[vec![10.0, 20.0], vec![10.0, 5.0, 15.0], vec![30.0]]);
        assert_eq!(w, vec![10.0, 5.0, 15.0]);
        assert_eq!(
            cols,
            vec![
                vec![(0, 1), (1, 2)],
                vec![(0, 1), (1, 1), (2, 1)],
                vec![(0, 3)]
            ]
        );
        // Edges less than a point apart are one.
        let (w, _) = grid(&[vec![10.0, 20.0], vec![10.4, 19.6]]);
        assert_eq!(w.len(), 2);
        // A column a few points short of an item edge takes it; a far one leaves its room to
        // the last column.
        let mut main = vec![30.0, 100.0, 46.0, 190.0, 150.0];
        snap(&mut main, 2, &[180.0, 380.0], 700.0);
        assert_eq!(main, vec![30.0, 100.0, 50.0, 190.0, 330.0]);
    }

    #[test]
    fn body_rows_skip_repeated_headers() {
        let plan = Plan {
            pages: vec![
                vec![Kind::Other, Kind::Head(0), Kind::Body(0), Kind::Body(0)],
                vec![Kind::Head(0), Kind::Body(0), Kind::Other, Kind::Body(1)],
            ],
        };
        assert_eq!(body_rows(&plan, 2), vec![vec![2, 3, 5], vec![7]]);
    }

    /// Each chart on its own page: the first with the heading, the last with the signature.
    #[test]
    fn each_chart_prints_on_a_page_of_its_own() {
        let look = Look::new();
        let h = heading();
        for forms in [vec!["xa-ntm"], vec!["xa-ntm", "xa-ntm-nang-cao"]] {
            let lists: Vec<Vec<CommuneScore>> = forms.iter().map(|f| scores(f, 67)).collect();
            let docs: Vec<FormDoc> = lists
                .iter()
                .map(|l| FormDoc {
                    list: l.iter().collect(),
                    h: &h,
                    today: "01/01/2025",
                    sheet: "x".into(),
                })
                .collect();
            let all: Vec<CommuneScore> = lists.concat();
            let refs = chart_data(&mut Worksheet::new(), &look, &docs, &all).unwrap();
            let sheet = charts_sheet(&look, &h, &docs, &refs, "01/01/2025").unwrap();
            let plan = sheet.write(&mut Worksheet::new(), &look).unwrap();
            let charts = 2 * forms.len() + 1;
            assert_eq!(plan.pages.len(), charts, "{forms:?}");
            let heights: Vec<f64> = sheet
                .blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Chart(_, h) => Some(*h),
                    _ => None,
                })
                .collect();
            assert_eq!(heights.len(), charts);
            // Whole charts of a readable size, none taller than a row may be.
            assert!(heights.iter().all(|h| (250.0..=TALLEST_CHART).contains(h)));
            cells_within(&sheet);
        }
    }

    #[test]
    fn the_unsurveyed_sheet_fits_portrait() {
        let criteria = crate::score::criteria::CriteriaReport {
            set: String::new(),
            file: String::new(),
            set_title: String::new(),
            legal_basis: String::new(),
            region_or_group: None,
            criteria_met: 19,
            criteria_total: 19,
            indicators_met: 57,
            indicators_total: 57,
            indicators_stated: None,
            contradictions: 0,
            missing: 0,
            any_unverified: false,
            document: None,
            criteria: vec![],
        };
        let u = [Unsurveyed {
            commune: "Xã Mường Bú",
            criteria: &criteria,
            readiness: None,
        }];
        let sheet = unsurveyed_doc(&heading(), &u, "01/01/2025");
        assert_eq!(sheet.paper, Paper::Portrait);
        let width: f64 = sheet.widths.iter().sum();
        assert!(width <= sheet.paper.width() + 0.01);
        cells_within(&sheet);
    }
}
