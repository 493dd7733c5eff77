//! Printed pages planned before a cell is written: the dossier's layout engine.
//!
//! A sheet is described as blocks (heading rows, paragraphs, tables, a signature), every row's
//! height measured from its wrapped text at the printed width ([`super::metrics`]). The plan
//! then cuts pages itself, at 100 % scale, and writes manual page breaks:
//!
//! - a table's header rows are written again at the top of each page the table continues on
//!   (a sheet can hold several tables; Excel's "rows to repeat" holds one);
//! - a header never ends a page alone: it goes with the first three rows of its table, the last
//!   three rows go with what closes the table (a note, the signature);
//! - a merged cell that runs down several rows (a criterion beside its indicators) is cut at the
//!   break and written again, number and name, on the next page, and keeps rows enough on either
//!   side to show it whole.
//!
//! Nothing is shrunk to fit: a table too wide for A4 is split by the sheet that builds it,
//! never scaled (text printed at 4 pt, issue #22). This module lays out; it computes no figure
//! and decides no wording.

use super::look::{Look, Style};
use super::metrics;
use rust_xlsxwriter::{Chart, Worksheet, XlsxError};

/// A4 in points.
const A4: (f64, f64) = (595.3, 841.9);
/// Margins in inches: left (binding side), right, top, bottom; header and footer.
const MARGINS: (f64, f64, f64, f64) = (0.79, 0.59, 0.59, 0.71);
const HEADER_FOOTER: (f64, f64) = (0.3, 0.3);
/// Share of the page height the plan fills: renderers place rows a little differently, and a
/// row that does not fit makes them break before the planned break (a page of one row).
const FILL: f64 = 0.95;

/// The paper a sheet prints on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// A4 upright.
    Portrait,
    /// A4 on its side, for tables too wide to stand.
    Landscape,
}

impl Paper {
    /// Width the text may take, in points.
    pub fn width(self) -> f64 {
        let w = match self {
            Paper::Portrait => A4.0,
            Paper::Landscape => A4.1,
        };
        // Columns are stored in whole pixels of the default font's digits; a renderer rounding
        // them up must not push the last column onto a page of its own.
        w - (MARGINS.0 + MARGINS.1) * 72.0 - 10.0
    }

    /// Height the plan fills, in points.
    pub fn height(self) -> f64 {
        let h = match self {
            Paper::Portrait => A4.1,
            Paper::Landscape => A4.0,
        };
        (h - (MARGINS.2 + MARGINS.3) * 72.0) * FILL
    }

    /// Upright when columns `widths` (points) fit across it, else on its side.
    pub fn for_width(width: f64) -> Paper {
        if width <= Paper::Portrait.width() {
            Paper::Portrait
        } else {
            Paper::Landscape
        }
    }
}

/// A cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A number, shown by its style's number format.
    Number(f64),
    /// Nothing (a bordered empty cell keeps its border).
    Empty,
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}

impl From<u64> for Value {
    fn from(n: u64) -> Value {
        Value::Number(n as f64)
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Value {
        Value::Number(n)
    }
}

/// A cell: its first column, how many columns it spans, its value and style.
#[derive(Debug, Clone)]
pub struct Cell {
    /// First column.
    pub col: u16,
    /// Columns it spans (1 for one).
    pub span: u16,
    /// Value.
    pub value: Value,
    /// Style.
    pub style: Style,
}

/// A row of cells; its height is the tallest wrapped cell, or `min_height` if more.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// Cells, in any order.
    pub cells: Vec<Cell>,
    /// Least height in points (0: from the text).
    pub min_height: f64,
    /// A caption row inside a table's body (a group's name): it stays with the row after it
    /// and is not counted among the rows a page must hold.
    pub caption: bool,
}

impl Row {
    /// An empty row.
    pub fn new() -> Row {
        Row::default()
    }

    /// A row of one cell across columns `col..col + span`.
    pub fn one(col: u16, span: u16, value: impl Into<Value>, style: Style) -> Row {
        Row::new().cell(col, span, value, style)
    }

    /// Adds a cell across `span` columns from `col`.
    pub fn cell(mut self, col: u16, span: u16, value: impl Into<Value>, style: Style) -> Row {
        self.cells.push(Cell {
            col,
            span: span.max(1),
            value: value.into(),
            style,
        });
        self
    }

    /// Cells one column each from column 0, all in `style`.
    pub fn texts<S: Into<Value>>(values: impl IntoIterator<Item = S>, style: Style) -> Row {
        values
            .into_iter()
            .enumerate()
            .fold(Row::new(), |r, (c, v)| r.cell(c as u16, 1, v, style))
    }

    /// Marks the row as a caption within a table's body.
    pub fn caption(mut self) -> Row {
        self.caption = true;
        self
    }

    /// Sets the least height.
    pub fn at_least(mut self, h: f64) -> Row {
        self.min_height = self.min_height.max(h);
        self
    }
}

/// A cell merged down a run of a table's body rows (a criterion beside its indicators).
#[derive(Debug, Clone)]
pub struct Group {
    /// Column.
    pub col: u16,
    /// First body row (index into the table's body).
    pub first: usize,
    /// Last body row, inclusive.
    pub last: usize,
    /// Value, written again on each page the run continues on.
    pub value: Value,
    /// Style.
    pub style: Style,
}

/// A table: a title kept with it, header rows repeated on every page, body rows.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Rows above the header (a caption such as "I. SỐ LIỆU CHUNG"), kept with it.
    pub title: Vec<Row>,
    /// Header rows, written again at the top of every continuation page.
    pub head: Vec<Row>,
    /// Body rows.
    pub body: Vec<Row>,
    /// Cells merged down runs of body rows.
    pub groups: Vec<Group>,
    /// Header cells merged down two header rows: (column, first head row, last head row).
    pub head_merges: Vec<(u16, usize, usize)>,
}

/// A part of a sheet.
pub enum Block {
    /// Rows printed as they come (`keep`: all on one page).
    Rows {
        /// The rows.
        rows: Vec<Row>,
        /// Kept on one page.
        keep: bool,
    },
    /// A table.
    Table(Table),
    /// Blank space of this height, dropped at the top of a page.
    Gap(f64),
    /// What closes a table (signature, recipients): kept on one page, and with the last rows of
    /// the table before it.
    Closing(Vec<Row>),
    /// A chart of this height (points) across the page, kept whole on one page.
    Chart(Box<Chart>, f64),
    /// A new page.
    Break,
}

/// A sheet to print: paper, column widths (points) and blocks.
pub struct Sheet {
    /// Paper.
    pub paper: Paper,
    /// Column widths in points; they must fit [`Paper::width`].
    pub widths: Vec<f64>,
    /// Blocks, top to bottom.
    pub blocks: Vec<Block>,
}

/// What one row of the written sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A header row of table `n` (written again on continuation pages).
    Head(usize),
    /// A body row of table `n`.
    Body(usize),
    /// Anything else.
    Other,
}

/// How the plan printed: per page, the kinds of its rows, for tests and for what reports on the
/// layout.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// Pages, each the kinds of its rows top to bottom.
    pub pages: Vec<Vec<Kind>>,
}

impl Plan {
    /// Body rows of any table on page `p`.
    pub fn body_rows(&self, p: usize) -> usize {
        self.pages[p]
            .iter()
            .filter(|k| matches!(k, Kind::Body(_)))
            .count()
    }
}

/// One row of the flattened sheet before pages are cut.
struct Line<'a> {
    row: Option<&'a Row>,
    height: f64,
    kind: Kind,
    /// Stays on the page of the next line.
    keep_next: bool,
    /// Blank space: dropped at the top of a page.
    gap: bool,
    /// Body row index within its table.
    body: usize,
    /// A caption row of a table's body.
    caption: bool,
    chart: Option<&'a Chart>,
    brk: bool,
}

impl Sheet {
    /// Width of columns `c..c + span` in points.
    pub fn span_width(&self, c: u16, span: u16) -> f64 {
        self.widths
            .iter()
            .skip(c as usize)
            .take(span.max(1) as usize)
            .sum::<f64>()
            * self.narrowing()
    }

    /// What the columns are narrowed by when they are wider than the paper: never printed
    /// across two pages, and measured at the width they print at.
    fn narrowing(&self) -> f64 {
        let total: f64 = self.widths.iter().sum();
        if total > self.paper.width() {
            self.paper.width() / total
        } else {
            1.0
        }
    }

    fn row_height(&self, look: &Look, row: &Row) -> f64 {
        let h = row
            .cells
            .iter()
            .map(|c| self.cell_height(look, c))
            .fold(0.0, f64::max);
        h.max(row.min_height)
    }

    fn cell_height(&self, look: &Look, c: &Cell) -> f64 {
        let (size, bold) = look.font(c.style);
        match &c.value {
            Value::Text(t) => metrics::height(
                t,
                self.span_width(c.col, c.span) - metrics::CELL_PADDING,
                size,
                bold,
            ),
            _ => metrics::line_height(size) + 3.0,
        }
    }

    /// The sheet as lines with their heights and what keeps them together.
    fn lines<'a>(&'a self, look: &Look) -> Vec<Line<'a>> {
        let mut out: Vec<Line> = Vec::new();
        let mut tables = 0usize;
        let line = |row: &'a Row, h: f64, kind: Kind, body: usize| Line {
            row: Some(row),
            height: h,
            kind,
            keep_next: false,
            gap: false,
            body,
            caption: row.caption,
            chart: None,
            brk: false,
        };
        // What follows a closing (the line naming the sources) stays on its page.
        let mut after_closing = false;
        for b in &self.blocks {
            if after_closing
                && matches!(b, Block::Rows { .. } | Block::Gap(_))
                && let Some(l) = out.last_mut()
            {
                l.keep_next = true;
            }
            after_closing = match b {
                Block::Closing(_) => true,
                Block::Gap(_) => after_closing,
                _ => false,
            };
            match b {
                Block::Rows { rows, keep } => {
                    for r in rows {
                        let mut l = line(r, self.row_height(look, r), Kind::Other, 0);
                        l.keep_next = *keep;
                        out.push(l);
                    }
                    if let Some(l) = out.last_mut() {
                        l.keep_next = false;
                    }
                }
                Block::Gap(h) => out.push(Line {
                    row: None,
                    height: *h,
                    kind: Kind::Other,
                    keep_next: false,
                    gap: true,
                    body: 0,
                    caption: false,
                    chart: None,
                    brk: false,
                }),
                Block::Break => out.push(Line {
                    row: None,
                    height: 0.0,
                    kind: Kind::Other,
                    keep_next: false,
                    gap: false,
                    body: 0,
                    caption: false,
                    chart: None,
                    brk: true,
                }),
                Block::Chart(chart, h) => out.push(Line {
                    row: None,
                    height: *h,
                    kind: Kind::Other,
                    keep_next: false,
                    gap: false,
                    body: 0,
                    caption: false,
                    chart: Some(chart),
                    brk: false,
                }),
                Block::Closing(rows) => {
                    // Back through notes and gaps to the last rows of the table it closes.
                    // A page break stops it: a closing after a chart page keeps nothing before.
                    for l in out.iter_mut().rev() {
                        if l.brk {
                            break;
                        }
                        l.keep_next = true;
                        if matches!(l.kind, Kind::Body(_) | Kind::Head(_)) {
                            break;
                        }
                    }
                    for r in rows {
                        let mut l = line(r, self.row_height(look, r), Kind::Other, 0);
                        l.keep_next = true;
                        out.push(l);
                    }
                    if let Some(l) = out.last_mut() {
                        l.keep_next = false;
                    }
                }
                Block::Table(t) => {
                    let n = tables;
                    tables += 1;
                    for r in &t.title {
                        let mut l = line(r, self.row_height(look, r), Kind::Other, 0);
                        l.keep_next = true;
                        out.push(l);
                    }
                    for r in &t.head {
                        let mut l = line(r, self.row_height(look, r), Kind::Head(n), 0);
                        l.keep_next = true;
                        out.push(l);
                    }
                    let start = out.len();
                    let rows = t.body.len();
                    let data = t.body.iter().filter(|r| !r.caption).count();
                    let mut seen = 0;
                    for (i, r) in t.body.iter().enumerate() {
                        let mut l = line(r, self.row_height(look, r), Kind::Body(n), i);
                        if !r.caption {
                            seen += 1;
                        }
                        // The first three rows stay with the header, the last three together,
                        // a caption with the row after it.
                        l.keep_next = i + 1 < rows && (r.caption || seen < 3 || seen + 2 >= data);
                        out.push(l);
                    }
                    if rows == 0
                        && let Some(l) = out.last_mut()
                    {
                        l.keep_next = false;
                    }
                    self.keep_groups(look, t, &mut out[start..]);
                }
            }
        }
        out
    }

    /// Keeps enough rows of each merged run together, at its start and at its end, that the
    /// merged text shows whole on whichever page a break leaves it.
    fn keep_groups(&self, look: &Look, t: &Table, body: &mut [Line]) {
        for g in &t.groups {
            let (size, bold) = look.font(g.style);
            let need = match &g.value {
                Value::Text(s) => metrics::height(
                    s,
                    self.span_width(g.col, 1) - metrics::CELL_PADDING,
                    size,
                    bold,
                ),
                _ => metrics::line_height(size),
            };
            let last = g.last.min(body.len().saturating_sub(1));
            let run: f64 = body[g.first..=last].iter().map(|l| l.height).sum();
            if run < need {
                // Too short for its text even whole: the last row grows.
                body[last].height += need - run;
            }
            let mut got = 0.0;
            for l in body[g.first..last].iter_mut() {
                got += l.height;
                if got >= need {
                    break;
                }
                l.keep_next = true;
            }
            let mut got = 0.0;
            for i in (g.first..=last).rev() {
                got += body[i].height;
                if got >= need || i == g.first {
                    break;
                }
                body[i - 1].keep_next = true;
            }
        }
    }

    /// Cuts the lines into pages: indices of the lines each page holds, the continuation header
    /// of a table counted on the pages it continues on.
    ///
    /// The cut is chosen over the whole sheet, not page by page: filling each page greedily
    /// left a row or two of a table on a page before a closing kept with its last three rows.
    /// Every way to cut is weighed (pages first, then broken keeps, short pages, lone headers,
    /// then empty space on pages before the last), so the rules bend only where no cut keeps
    /// them all (a chunk taller than a page).
    fn pages(&self, lines: &[Line], head_heights: &[f64]) -> Vec<Vec<usize>> {
        let mut pages = Vec::new();
        let mut start = 0;
        for (k, l) in lines.iter().enumerate() {
            if l.brk {
                pages.extend(self.cut(lines, start, k, head_heights));
                start = k + 1;
            }
        }
        pages.extend(self.cut(lines, start, lines.len(), head_heights));
        pages.retain(|p: &Vec<usize>| !p.is_empty());
        pages
    }

    /// The best cut of lines `from..to` (no forced break inside) into pages.
    fn cut(&self, lines: &[Line], from: usize, to: usize, head_heights: &[f64]) -> Vec<Vec<usize>> {
        let cap = self.paper.height();
        let n = to - from;
        if n == 0 {
            return Vec::new();
        }
        // Body rows each table has in this stretch.
        let mut total: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        for l in &lines[from..to] {
            if let (Kind::Body(t), false) = (l.kind, l.caption) {
                *total.entry(t).or_default() += 1;
            }
        }
        // best[a]: (cost, end of the page starting at a) for lines a..to.
        let mut best: Vec<(f64, usize)> = vec![(f64::INFINITY, to); n + 1];
        best[n] = (0.0, to);
        for a in (from..to).rev() {
            // Blank space at the top of a page is dropped.
            let first = (a..to).find(|&k| !lines[k].gap).unwrap_or(to);
            let fresh = match lines.get(first).map(|l| l.kind) {
                Some(Kind::Body(t)) => head_heights[t],
                _ => 0.0,
            };
            let mut h = fresh;
            let mut rows: std::collections::HashMap<usize, usize> =
                std::collections::HashMap::new();
            for b in a + 1..=to {
                let l = &lines[b - 1];
                if b > first {
                    h += l.height;
                }
                if let (Kind::Body(t), false) = (l.kind, l.caption) {
                    *rows.entry(t).or_default() += 1;
                }
                if h > cap && b > a + 1 {
                    break;
                }
                let mut cost = 10_000.0;
                if b < to && l.keep_next {
                    cost += 1_000.0;
                }
                if matches!(l.kind, Kind::Head(_)) && b < to {
                    cost += 5_000.0;
                }
                for (t, r) in &rows {
                    // Where three rows cannot stand on every page (five tall rows and a
                    // closing), the last page is the one to hold fewer.
                    if *r < 3.min(total[t]) {
                        cost += if b < to { 2_000.0 } else { 1_500.0 };
                    }
                }
                if b < to {
                    let slack = (cap - h).max(0.0) / cap;
                    cost += 100.0 * slack * slack;
                }
                let total_cost = cost + best[b - from].0;
                if total_cost < best[a - from].0 {
                    best[a - from] = (total_cost, b);
                }
            }
        }
        let mut out = Vec::new();
        let mut a = from;
        while a < to {
            let b = best[a - from].1.max(a + 1);
            let first = (a..b).find(|&k| !lines[k].gap).unwrap_or(b);
            out.push((first..b).collect());
            a = b;
        }
        out
    }

    /// Names the worksheet `name` and writes the sheet on it (see [`Sheet::write`]).
    pub fn write_named(
        &self,
        ws: &mut Worksheet,
        look: &Look,
        name: &str,
    ) -> Result<Plan, XlsxError> {
        ws.set_name(name)?;
        self.write(ws, look)
    }

    /// Plans the pages and writes the sheet: values, merges, row heights, column widths, page
    /// setup and breaks. Returns the plan.
    pub fn write(&self, ws: &mut Worksheet, look: &Look) -> Result<Plan, XlsxError> {
        let lines = self.lines(look);
        let tables: Vec<&Table> = self
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        let head_heights: Vec<f64> = tables
            .iter()
            .map(|t| t.head.iter().map(|r| self.row_height(look, r)).sum())
            .collect();
        let pages = self.pages(&lines, &head_heights);
        for (c, w) in self.widths.iter().enumerate() {
            let w = w * self.narrowing();
            ws.set_column_width_pixels(c as u16, (w / 0.75).floor() as u32)?;
        }
        let mut plan = Plan::default();
        let mut r: u32 = 0;
        let mut breaks = Vec::new();
        // Group runs cut by breaks: (table, group) → first written row of the current piece.
        for (p, page) in pages.iter().enumerate() {
            if p > 0 {
                breaks.push(r);
            }
            let mut kinds = Vec::new();
            // A table continuing from the previous page: its header again.
            if let Some(&first) = page.first()
                && let Kind::Body(n) = lines[first].kind
                && p > 0
            {
                let t = tables[n];
                let top = r;
                for row in &t.head {
                    self.write_row(ws, look, r, row, self.row_height(look, row))?;
                    kinds.push(Kind::Head(n));
                    r += 1;
                }
                self.head_merges(ws, look, t, top)?;
            }
            let mut k = 0;
            while k < page.len() {
                let l = &lines[page[k]];
                if let Kind::Head(n) = l.kind
                    && (k == 0 || lines[page[k - 1]].kind != Kind::Head(n))
                {
                    self.head_merges(ws, look, tables[n], r)?;
                }
                if let Some(row) = l.row {
                    self.write_row(ws, look, r, row, l.height)?;
                } else if let Some(chart) = l.chart {
                    ws.set_row_height(r, l.height)?;
                    let mut chart = chart.clone();
                    // As wide as the columns written, in their whole pixels: wider, the
                    // chart's edge printed on a page of its own.
                    let px: u32 = self
                        .widths
                        .iter()
                        .map(|w| (w * self.narrowing() / 0.75).floor() as u32)
                        .sum();
                    chart
                        .set_width(px)
                        .set_height(((l.height - 4.0) / 0.75) as u32);
                    ws.insert_chart(r, 0, &chart)?;
                } else {
                    ws.set_row_height(r, l.height)?;
                }
                // The groups of a table: merged over the rows of this page.
                if let Kind::Body(n) = l.kind {
                    let t = tables[n];
                    let first_on_page = k == 0 || lines[page[k - 1]].kind != Kind::Body(n);
                    let last_on_page =
                        k + 1 == page.len() || lines[page[k + 1]].kind != Kind::Body(n);
                    if last_on_page {
                        // The body rows of table n on this page: from..=to (indices), at rows.
                        let mut j = k;
                        while j > 0 && lines[page[j - 1]].kind == Kind::Body(n) {
                            j -= 1;
                        }
                        let _ = first_on_page;
                        let from = lines[page[j]].body;
                        let to = l.body;
                        let top = r - (k - j) as u32;
                        for g in &t.groups {
                            let a = g.first.max(from);
                            let b = g.last.min(to);
                            if a > b {
                                continue;
                            }
                            let (ra, rb) = (top + (a - from) as u32, top + (b - from) as u32);
                            let f = look.format(g.style);
                            match (&g.value, ra == rb) {
                                (Value::Text(s), false) => {
                                    ws.merge_range(ra, g.col, rb, g.col, s, f)?;
                                }
                                (Value::Text(s), true) => {
                                    ws.write_string_with_format(ra, g.col, s, f)?;
                                }
                                (Value::Number(x), false) => {
                                    ws.merge_range(ra, g.col, rb, g.col, "", f)?;
                                    ws.write_number_with_format(ra, g.col, *x, f)?;
                                }
                                (Value::Number(x), true) => {
                                    ws.write_number_with_format(ra, g.col, *x, f)?;
                                }
                                (Value::Empty, false) => {
                                    ws.merge_range(ra, g.col, rb, g.col, "", f)?;
                                }
                                (Value::Empty, true) => {
                                    ws.write_blank(ra, g.col, f)?;
                                }
                            }
                        }
                    }
                }
                kinds.push(l.kind);
                r += 1;
                k += 1;
            }
            plan.pages.push(kinds);
        }
        if !breaks.is_empty() {
            ws.set_page_breaks(&breaks)?;
        }
        self.page_setup(ws)?;
        Ok(plan)
    }

    /// Header cells merged down the header rows written from row `top`.
    fn head_merges(
        &self,
        ws: &mut Worksheet,
        look: &Look,
        t: &Table,
        top: u32,
    ) -> Result<(), XlsxError> {
        for &(col, a, b) in &t.head_merges {
            let Some(cell) = t
                .head
                .get(a)
                .and_then(|r| r.cells.iter().find(|c| c.col == col))
            else {
                continue;
            };
            let text = match &cell.value {
                Value::Text(s) => s.as_str(),
                _ => "",
            };
            ws.merge_range(
                top + a as u32,
                col,
                top + b as u32,
                col + cell.span - 1,
                text,
                look.format(cell.style),
            )?;
        }
        Ok(())
    }

    fn write_row(
        &self,
        ws: &mut Worksheet,
        look: &Look,
        r: u32,
        row: &Row,
        height: f64,
    ) -> Result<(), XlsxError> {
        ws.set_row_height(r, height.max(self.row_height(look, row)))?;
        for c in &row.cells {
            let f = look.format(c.style);
            let last = c.col + c.span - 1;
            if last > c.col {
                match &c.value {
                    Value::Text(s) => {
                        ws.merge_range(r, c.col, r, last, s, f)?;
                    }
                    Value::Number(x) => {
                        ws.merge_range(r, c.col, r, last, "", f)?;
                        ws.write_number_with_format(r, c.col, *x, f)?;
                    }
                    Value::Empty => {
                        ws.merge_range(r, c.col, r, last, "", f)?;
                    }
                }
            } else {
                match &c.value {
                    Value::Text(s) => {
                        ws.write_string_with_format(r, c.col, s, f)?;
                    }
                    Value::Number(x) => {
                        ws.write_number_with_format(r, c.col, *x, f)?;
                    }
                    Value::Empty => {
                        ws.write_blank(r, c.col, f)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// A4, the margins, 100 % scale, the footer naming the sheet and the page.
    fn page_setup(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        ws.set_paper_size(9);
        match self.paper {
            Paper::Portrait => ws.set_portrait(),
            Paper::Landscape => ws.set_landscape(),
        };
        ws.set_margins(
            MARGINS.0,
            MARGINS.1,
            MARGINS.2,
            MARGINS.3,
            HEADER_FOOTER.0,
            HEADER_FOOTER.1,
        );
        ws.set_print_scale(100);
        ws.set_print_first_page_number(1);
        ws.set_footer("&C&\"Times New Roman,Regular\"&10&A - Trang &P");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::Workbook;

    fn table(rows: usize, text: &str) -> Table {
        Table {
            title: vec![],
            head: vec![Row::texts(["STT", "Nội dung"], Style::Head)],
            body: (0..rows)
                .map(|i| {
                    Row::new().cell(0, 1, (i + 1) as u64, Style::Center).cell(
                        1,
                        1,
                        text,
                        Style::Cell,
                    )
                })
                .collect(),
            groups: vec![],
            head_merges: vec![],
        }
    }

    fn sign() -> Block {
        Block::Closing(vec![
            Row::one(1, 1, "TM. BAN THƯỜNG TRỰC", Style::Heading).at_least(90.0),
        ])
    }

    fn plan(blocks: Vec<Block>) -> Plan {
        let look = Look::new();
        let sheet = Sheet {
            paper: Paper::Portrait,
            widths: vec![40.0, 400.0],
            blocks,
        };
        let mut wb = Workbook::new();
        sheet.write(wb.add_worksheet(), &look).unwrap()
    }

    /// Every rule of the page plan, over tables of every length around a page.
    #[test]
    fn no_page_holds_a_lone_header_or_fewer_than_three_rows() {
        for rows in 1..120 {
            for lead in [0.0, 300.0, 600.0] {
                let p = plan(vec![
                    Block::Gap(lead),
                    Block::Table(table(rows, "Một dòng")),
                    Block::Gap(12.0),
                    sign(),
                ]);
                let n = p.pages.len();
                for (i, page) in p.pages.iter().enumerate() {
                    let body = p.body_rows(i);
                    let heads = page.iter().filter(|k| matches!(k, Kind::Head(_))).count();
                    assert!(
                        heads == 0 || body > 0,
                        "rows {rows} lead {lead}: lone header p{i}"
                    );
                    if body > 0 && i > 0 {
                        assert_eq!(page[0], Kind::Head(0), "rows {rows}: no header on p{i}");
                    }
                    if page.iter().any(|k| matches!(k, Kind::Body(_))) {
                        assert!(
                            body >= 3.min(rows),
                            "rows {rows} lead {lead}: {body} rows on p{i}"
                        );
                    }
                    // The signature is on the last page, with table rows.
                    if i + 1 == n {
                        assert!(
                            body >= 3.min(rows),
                            "rows {rows} lead {lead}: signature alone"
                        );
                    }
                }
            }
        }
    }

    /// Rows so tall that a table and its closing cannot share one page: the cut leaves three
    /// rows on either side, never a closing with a row or two.
    #[test]
    fn a_table_too_tall_for_a_page_is_cut_with_three_rows_each_side() {
        let tall = "Dòng dài ".repeat(60);
        for rows in 3..12 {
            for lead in [0.0, 200.0, 400.0] {
                let p = plan(vec![
                    Block::Gap(lead),
                    Block::Table(table(rows, &tall)),
                    sign(),
                ]);
                for (i, _) in p.pages.iter().enumerate() {
                    let body = p.body_rows(i);
                    assert!(
                        body == 0 || body >= 3.min(rows),
                        "rows {rows} lead {lead}: {body} rows on page {i} of {:?}",
                        p.pages
                    );
                }
            }
        }
    }

    #[test]
    fn a_group_cut_by_a_break_is_written_on_both_pages() {
        let mut t = table(80, "Chỉ tiêu");
        t.groups.push(Group {
            col: 0,
            first: 0,
            last: 79,
            value: "1. Quy hoạch".into(),
            style: Style::Cell,
        });
        let look = Look::new();
        let sheet = Sheet {
            paper: Paper::Portrait,
            widths: vec![60.0, 400.0],
            blocks: vec![Block::Table(t)],
        };
        let mut wb = Workbook::new();
        let p = sheet.write(wb.add_worksheet(), &look).unwrap();
        assert!(p.pages.len() >= 2);
        assert!(p.pages.iter().all(|page| page[0] == Kind::Head(0)));
    }
}
