//! Memory budgets, checked before a sheet is built rather than after.
//!
//! A survey workbook is a few thousand cells. A hostile or corrupted one can ask for far more
//! than the machine has with a few bytes: one large shared string referenced by every cell of an
//! .xlsx, an .ods row repeated a million times, an .xls DIMENSION record or cell position out of
//! range (calamine's `Range::from_sparse` then asks for terabytes and the process aborts, taking
//! a whole folder import with it), a CSV line of millions of separators. Allocation failure
//! aborts a Rust process, so the only defence is to measure first: every reader counts cells,
//! extent and string bytes against the bounds of [`super::limits`] — for .xls and .ods by
//! scanning the file before calamine sees it, because calamine builds every sheet while opening
//! the workbook.

use super::limits::{MAX_FILE_BYTES, MAX_GRID_CELLS, MAX_STRING_BYTES, MAX_WORKBOOK_CELLS};
use super::sheet::Grid;
use super::{FileReport, ProblemKind};
use crate::i18n::ProblemText;
use calamine::{Data, DataRef};
use std::io::{Cursor, Read};

/// Most BIFF records scanned in an .xls (bounds the time of the scan, sheet after sheet).
const MAX_XLS_RECORDS: u64 = 50_000_000;

/// A bound that a file passes, with what was measured (the message's detail).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Over {
    /// Sheet, when known.
    pub sheet: Option<String>,
    /// What was measured, e.g. "65536 × 65536" or "9 GB of text".
    pub detail: String,
}

/// Why reading stopped: a bound was passed, or the file cannot be read.
pub enum Stop {
    /// A bound was passed.
    Over(Over),
    /// What the reader said.
    Unreadable(String),
}

impl From<Over> for Stop {
    fn from(o: Over) -> Stop {
        Stop::Over(o)
    }
}

fn over<T, E: From<Over>>(sheet: Option<&str>, detail: String) -> Result<T, E> {
    Err(Over {
        sheet: sheet.map(str::to_string),
        detail,
    }
    .into())
}

/// A unit in both languages, `ô / cells`: a bound's detail is data, said before a language is
/// chosen, and shown as it is in either.
fn unit(u: ProblemText) -> String {
    let (vi, en) = u.texts();
    format!("{vi} / {en}")
}

/// Human size: "9 GB", "300 MB", "12 KB".
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{} GB", b >> 30),
        b if b >= 1 << 20 => format!("{} MB", b >> 20),
        b => format!("{} KB", b >> 10),
    }
}

/// Reports `o` as the file's fatal problem.
pub fn refuse<T>(report: &mut FileReport, o: Over) -> Option<T> {
    let kind = ProblemKind::TooLarge { detail: o.detail };
    report.fatal(o.sheet.as_deref(), None, kind, None);
    None
}

/// Whether a rows × columns extent may be built as a dense grid.
pub fn check_span(sheet: Option<&str>, rows: u64, cols: u64) -> Result<(), Over> {
    if rows.saturating_mul(cols) > MAX_GRID_CELLS {
        return over(sheet, format!("{rows} × {cols}"));
    }
    Ok(())
}

/// Counts what a workbook's sheets cost, across sheets.
#[derive(Default)]
pub struct Budget {
    cells: u64,
    string_bytes: u64,
}

impl Budget {
    /// Charges a sheet's extent (the dense grid it becomes).
    pub fn extent(&mut self, sheet: Option<&str>, rows: u64, cols: u64) -> Result<(), Over> {
        check_span(sheet, rows, cols)?;
        self.cells = self.cells.saturating_add(rows * cols);
        if self.cells > MAX_WORKBOOK_CELLS {
            return over(
                sheet,
                format!("{} {}", self.cells, unit(ProblemText::UnitCells)),
            );
        }
        Ok(())
    }

    /// Charges `bytes` of text.
    pub fn text(&mut self, sheet: Option<&str>, bytes: u64) -> Result<(), Over> {
        self.string_bytes = self.string_bytes.saturating_add(bytes);
        if self.string_bytes > MAX_STRING_BYTES {
            return over(
                sheet,
                format!(
                    "> {} {}",
                    size(self.string_bytes),
                    unit(ProblemText::UnitText)
                ),
            );
        }
        Ok(())
    }
}

/// Gathers a streamed sheet's cells (.xlsx, .xlsb) and refuses it as soon as its extent, cell
/// count or text passes a bound — before the text of a cell is copied out of the reader.
///
/// A shared string (the workbook's table of texts) is copied once per sheet however many cells
/// name it; its bytes are still charged for every cell, so the bounds read as before.
pub struct Collect<'b> {
    name: String,
    cells: Vec<((u32, u32), u32)>,
    /// The sheet's values, [`Data::Empty`] first (see [`Grid`]).
    values: Vec<Data>,
    /// Shared strings already copied, by address and length in the reader's table.
    shared: std::collections::HashMap<(usize, usize), u32, super::fx::Fx>,
    bounds: Option<(u32, u32, u32, u32)>,
    budget: &'b mut Budget,
}

impl<'b> Collect<'b> {
    /// A sheet called `name`, charged to `budget`.
    pub fn new(name: &str, budget: &'b mut Budget) -> Collect<'b> {
        Collect {
            name: name.to_string(),
            cells: Vec::new(),
            values: vec![Data::Empty],
            shared: Default::default(),
            bounds: None,
            budget,
        }
    }

    /// Adds a non-empty cell.
    pub fn push(&mut self, (r, c): (u32, u32), value: DataRef<'_>) -> Result<(), Over> {
        let sheet = Some(self.name.as_str());
        let (r0, r1, c0, c1) = self.bounds.unwrap_or((r, r, c, c));
        let b = (r0.min(r), r1.max(r), c0.min(c), c1.max(c));
        self.bounds = Some(b);
        check_span(sheet, (b.1 - b.0) as u64 + 1, (b.3 - b.2) as u64 + 1)?;
        if self.cells.len() as u64 >= MAX_GRID_CELLS {
            return over(
                sheet,
                format!("> {MAX_GRID_CELLS} {}", unit(ProblemText::UnitCells)),
            );
        }
        let text = match &value {
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.len(),
            DataRef::SharedString(s) => s.len(),
            _ => 0,
        };
        self.budget.text(sheet, text as u64)?;
        let v = match value {
            // The reader's table lives as long as the workbook: an address names one string.
            DataRef::SharedString(s) => {
                let next = self.values.len() as u32;
                let v = *self
                    .shared
                    .entry((s.as_ptr() as usize, s.len()))
                    .or_insert(next);
                if v == next {
                    self.values.push(Data::String(s.to_string()));
                }
                v
            }
            value => {
                self.values.push(value.into());
                (self.values.len() - 1) as u32
            }
        };
        self.cells.push(((r, c), v));
        Ok(())
    }

    /// The sheet as a grid, its extent charged to the workbook.
    pub fn finish(self) -> Result<Grid, Over> {
        if let Some((r0, r1, c0, c1)) = self.bounds {
            let (rows, cols) = ((r1 - r0) as u64 + 1, (c1 - c0) as u64 + 1);
            self.budget.extent(Some(&self.name), rows, cols)?;
        }
        Grid::from_values(self.name, self.cells, self.values).map_err(|detail| Over {
            sheet: None,
            detail,
        })
    }
}

/// A dense grid from sparse cells, refused if its extent passes the bounds.
pub fn grid(
    name: String,
    cells: Vec<((u32, u32), Data)>,
    budget: &mut Budget,
) -> Result<Grid, Over> {
    if let Some((rows, cols)) = extent(&cells) {
        budget.extent(Some(&name), rows, cols)?;
    }
    Grid::from_cells(name, cells).map_err(|detail| Over {
        sheet: None,
        detail,
    })
}

/// Rows × columns spanned by sparse cells.
fn extent(cells: &[((u32, u32), Data)]) -> Option<(u64, u64)> {
    let rows = cells.iter().map(|c| c.0.0);
    let cols = cells.iter().map(|c| c.0.1);
    let (r0, r1) = (rows.clone().min()?, rows.max()?);
    let (c0, c1) = (cols.clone().min()?, cols.max()?);
    Some(((r1 - r0) as u64 + 1, (c1 - c0) as u64 + 1))
}

/// The CSV reader's grid, refused (and reported) if it passes the bounds.
pub fn csv_grid(
    name: String,
    cells: Vec<((u32, u32), Data)>,
    report: &mut FileReport,
) -> Option<Grid> {
    match grid(name, cells, &mut Budget::default()) {
        Ok(g) => Some(g),
        Err(o) => refuse(report, o),
    }
}

/// Refuses CSV text with more fields than a sheet may have cells, before it is split: every
/// field, even empty, costs a `String` while the records are built. Every possible separator
/// counts, so this over-estimates for files whose text holds other separators.
pub fn csv_text(text: &str, report: &mut FileReport) -> Option<()> {
    let fields = text
        .bytes()
        .filter(|b| matches!(b, b',' | b';' | b'\t' | b'\n'))
        .count() as u64;
    if fields > 2 * MAX_GRID_CELLS {
        return refuse(
            report,
            Over {
                sheet: None,
                detail: format!("{fields} {}", unit(ProblemText::UnitFields)),
            },
        );
    }
    Some(())
}

/// Refuses an .xlsx (or .xlsb) whose shared-strings table calamine would hold with more
/// memory than the text bound: each string costs its bytes plus a `String` (24 bytes) and its
/// allocation, so millions of tiny strings cost far more than their compressed size suggests.
/// Streamed: `<si>` elements (xlsx) are counted as they inflate, without keeping the part.
pub fn scan_shared_strings(bytes: &[u8]) -> Result<(), Over> {
    Budget::default().text(None, shared_strings_cost(bytes))
}

/// Bytes calamine's shared-strings table will take, estimated from the part (see above).
fn shared_strings_cost(bytes: &[u8]) -> u64 {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return 0;
    };
    let Some(name) = ["xl/sharedStrings.xml", "xl/sharedStrings.bin"]
        .into_iter()
        .find(|n| zip.index_for_name(n).is_some())
    else {
        return 0;
    };
    let Ok(part) = zip.by_name(name) else {
        return 0;
    };
    let (mut strings, mut total, mut tail) = (0u64, 0u64, Vec::new());
    let mut buf = vec![0u8; 1 << 16];
    let mut part = part.take(1 << 30);
    while let Ok(n) = part.read(&mut buf) {
        if n == 0 {
            break;
        }
        total += n as u64;
        // "<si" may straddle two reads: the last two bytes of the previous one are kept.
        tail.extend_from_slice(&buf[..n.min(2)]);
        strings += tail.windows(3).filter(|w| w == b"<si").count() as u64;
        strings += buf[..n].windows(3).filter(|w| w == b"<si").count() as u64;
        tail = buf[n.saturating_sub(2)..n].to_vec();
    }
    // A binary table (.xlsb) has no tags: its size alone is charged.
    total.saturating_add(strings.saturating_mul(48))
}

// ---------------------------------------------------------------------------------------------
// .ods: content.xml is scanned for repeats before calamine expands them.

/// calamine's own caps on an .ods sheet (rows, columns).
const ODS_MAX_ROWS: u64 = 1_048_576;
const ODS_MAX_COLS: u64 = 16_384;

#[derive(Default)]
struct OdsTable {
    name: String,
    row: u64,
    first: Option<u64>,
    /// One past the last row with a value: trailing empty rows (LibreOffice writes a million)
    /// are dropped by calamine.
    end: u64,
    width: u64,
}

/// What the scan of an .ods learns beside the extents: calamine keeps neither.
#[derive(Debug, Default)]
pub struct OdsExtras {
    /// Merged ranges per sheet, (first row, first column, last row, last column), 0-based.
    pub merges: std::collections::HashMap<String, Vec<(u32, u32, u32, u32)>>,
    /// Sheets whose style hides them (`table:display="false"`). calamine sees it only when
    /// the style's properties element has content; LibreOffice writes it self-closed.
    pub hidden: std::collections::HashSet<String>,
}

/// Scans an .ods file's content.xml and refuses it if calamine would build sheets larger than
/// the bounds: the extent from the first to the last row with a value, repeats included, and
/// the text of repeated cells counted once per copy. Unreadable files pass: calamine says why.
pub fn scan_ods(bytes: &[u8]) -> Result<OdsExtras, Stop> {
    use quick_xml::events::Event;
    let mut extras = OdsExtras::default();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(extras);
    };
    let Ok(content) = zip.by_name("content.xml") else {
        return Ok(extras);
    };
    let mut hidden_styles: std::collections::HashSet<String> = Default::default();
    let mut style: Option<String> = None;
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(content.take(1 << 30)));
    // As calamine reads it: an end tag that does not match is no error (a scan that stopped
    // there would let calamine build the rest unmeasured).
    xml.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut budget = Budget::default();
    let mut table = OdsTable::default();
    // Current row: repeats, columns so far, end of the last cell with a value.
    let (mut row_reps, mut col, mut row_width) = (1u64, 0u64, 0u64);
    let mut cell_reps = 0u64;
    let repeats = |e: &quick_xml::events::BytesStart, key: &str| -> u64 {
        e.try_get_attribute(key)
            .ok()
            .flatten()
            .and_then(|a| a.value.parse::<u64>().ok())
            .unwrap_or(1)
    };
    loop {
        let ev = match xml.read_event_into(&mut buf) {
            Ok(Event::Eof) => break,
            // calamine stops on the same error, but maybe after building what follows.
            Err(e) => return Err(Stop::Unreadable(format!("content.xml: {e}"))),
            Ok(ev) => ev,
        };
        match &ev {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "style:style" => {
                    style = e
                        .try_get_attribute("style:name")
                        .ok()
                        .flatten()
                        .map(|a| a.value.into_owned());
                }
                "style:table-properties" => {
                    let hides = e
                        .try_get_attribute("table:display")
                        .ok()
                        .flatten()
                        .is_some_and(|a| a.value.as_ref() == "false");
                    if let (true, Some(st)) = (hides, &style) {
                        hidden_styles.insert(st.clone());
                    }
                }
                "table:table" => {
                    let name = e
                        .try_get_attribute("table:name")
                        .ok()
                        .flatten()
                        .map(|a| a.value.into_owned())
                        .unwrap_or_default();
                    let hidden = e
                        .try_get_attribute("table:style-name")
                        .ok()
                        .flatten()
                        .is_some_and(|a| hidden_styles.contains(a.value.as_ref()));
                    if hidden {
                        extras.hidden.insert(name.to_string());
                    }
                    table = OdsTable {
                        name,
                        ..Default::default()
                    };
                }
                "table:table-row" => {
                    row_reps = repeats(e, "table:number-rows-repeated")
                        .min(ODS_MAX_ROWS.saturating_sub(table.row));
                    (col, row_width) = (0, 0);
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    cell_reps = repeats(e, "table:number-columns-repeated")
                        .min(ODS_MAX_COLS.saturating_sub(col));
                    let valued = matches!(ev, Event::Start(_))
                        || e.attributes().flatten().any(|a| {
                            matches!(a.key.as_ref(), "office:value-type" | "table:formula")
                        });
                    let (rows_spanned, cols_spanned) = (
                        repeats(e, "table:number-rows-spanned"),
                        repeats(e, "table:number-columns-spanned"),
                    );
                    if (rows_spanned > 1 || cols_spanned > 1)
                        && table.row < u32::MAX as u64
                        && col < u32::MAX as u64
                    {
                        let (r, c) = (table.row as u32, col as u32);
                        let last = |start: u32, n: u64| {
                            start.saturating_add((n.min(u32::MAX as u64) as u32).saturating_sub(1))
                        };
                        extras
                            .merges
                            .entry(table.name.to_string())
                            .or_default()
                            .push((r, c, last(r, rows_spanned), last(c, cols_spanned)));
                    }
                    col += cell_reps;
                    if valued {
                        row_width = col;
                        let attrs: u64 =
                            e.attributes().flatten().map(|a| a.value.len() as u64).sum();
                        let copies = cell_reps.saturating_mul(row_reps);
                        budget.text(Some(&table.name), attrs.saturating_mul(copies))?;
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                let copies = cell_reps.saturating_mul(row_reps);
                budget.text(Some(&table.name), (t.len() as u64).saturating_mul(copies))?;
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                if row_width > 0 {
                    let first = *table.first.get_or_insert(table.row);
                    table.width = table.width.max(row_width);
                    table.end = table.row + row_reps;
                    check_span(Some(&table.name), table.end - first, table.width)?;
                }
                table.row += row_reps;
                row_reps = 1;
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let Some(first) = table.first {
                    budget.extent(Some(&table.name), table.end - first, table.width)?;
                }
            }
            Event::End(e) if e.name().as_ref() == "table:table-cell" => cell_reps = 0,
            _ => {}
        }
        buf.clear();
    }
    Ok(extras)
}

// ---------------------------------------------------------------------------------------------
// .xls: the BIFF stream is scanned for extents, cell positions and shared strings.

fn u16_at(d: &[u8], i: usize) -> u64 {
    d.get(i..i + 2)
        .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]) as u64)
}

fn u32_at(d: &[u8], i: usize) -> u64 {
    d.get(i..i + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64)
}

/// BIFF records from `pos`: (type, data).
fn records(stream: &[u8], mut pos: usize) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let head = stream.get(pos..pos + 4)?;
        let typ = u16::from_le_bytes([head[0], head[1]]);
        let len = u16::from_le_bytes([head[2], head[3]]) as usize;
        let data = stream.get(pos + 4..pos + 4 + len)?;
        pos += 4 + len;
        Some((typ, data))
    })
}

/// Upper bound of each shared string's size once decoded (3 UTF-8 bytes per character), read
/// from the SST record and its CONTINUE records; a string cut by a CONTINUE restarts with a
/// flags byte there, as in calamine.
fn sst_sizes(chunks: &[&[u8]]) -> Vec<u64> {
    let mut sizes = Vec::new();
    let (mut ci, mut off) = (0usize, 8usize);
    // Moves to the next chunk when the current one is used up.
    let next = |ci: &mut usize, off: &mut usize| -> Option<()> {
        while *off >= chunks.get(*ci)?.len() {
            *ci += 1;
            *off = 0;
        }
        Some(())
    };
    let byte = |ci: &mut usize, off: &mut usize| -> Option<u8> {
        next(ci, off)?;
        let b = chunks[*ci][*off];
        *off += 1;
        Some(b)
    };
    while let (Some(lo), Some(hi), Some(flags)) = (
        byte(&mut ci, &mut off),
        byte(&mut ci, &mut off),
        byte(&mut ci, &mut off),
    ) {
        let cch = u16::from_le_bytes([lo, hi]) as u64;
        let mut extra = 0u64;
        if flags & 0x8 != 0 {
            let (Some(a), Some(b)) = (byte(&mut ci, &mut off), byte(&mut ci, &mut off)) else {
                break;
            };
            extra += 4 * u16::from_le_bytes([a, b]) as u64;
        }
        if flags & 0x4 != 0 {
            let mut n = [0u8; 4];
            for x in &mut n {
                let Some(b) = byte(&mut ci, &mut off) else {
                    return sizes;
                };
                *x = b;
            }
            extra += u32::from_le_bytes(n) as u64;
        }
        sizes.push(cch * 3);
        let (mut left, mut wide) = (cch, flags & 1 != 0);
        while left > 0 {
            let Some(chunk) = chunks.get(ci) else {
                return sizes;
            };
            let unit = if wide { 2 } else { 1 };
            let take = left.min((chunk.len().saturating_sub(off) / unit) as u64);
            off += take as usize * unit;
            left -= take;
            if left > 0 {
                ci += 1;
                let Some(flag) = chunks.get(ci).and_then(|c| c.first()) else {
                    return sizes;
                };
                (wide, off) = (flag & 1 != 0, 1);
            }
        }
        // Rich-text runs and extended data are skipped without flags bytes.
        while extra > 0 {
            if next(&mut ci, &mut off).is_none() {
                return sizes;
            }
            let take = extra.min((chunks[ci].len() - off) as u64);
            off += take as usize;
            extra -= take;
        }
    }
    sizes
}

/// Scans an .xls file and refuses it if calamine would build sheets larger than the bounds:
/// each sheet's DIMENSION record and cell positions (as calamine reads them, nested chart
/// substreams skipped), text copied from the shared strings and formulas. Unreadable files
/// pass: calamine says why.
pub fn scan_xls(bytes: &[u8]) -> Result<(), Stop> {
    // A compound file this reader cannot follow is refused rather than passed unmeasured:
    // calamine's own reader is more lenient, and would then build what nobody measured.
    let unreadable = |e: std::io::Error| Stop::Unreadable(format!("compound file: {e}"));
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(unreadable)?;
    let Some(stream_name) = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| cfb.is_stream(n))
    else {
        return Err(Stop::Unreadable("compound file: no Workbook stream".into()));
    };
    let stream = cfb.open_stream(stream_name).map_err(unreadable)?;
    let mut wb = Vec::new();
    stream
        .take(MAX_FILE_BYTES)
        .read_to_end(&mut wb)
        .map_err(unreadable)?;
    // Globals: the sheets' offsets and the shared strings.
    let mut sheets = Vec::new();
    let mut sst: Vec<&[u8]> = Vec::new();
    let mut in_sst = false;
    for (typ, d) in records(&wb, 0) {
        match typ {
            0x0085 => sheets.push(u32_at(d, 0) as usize),
            0x00FC => {
                sst = vec![d];
                in_sst = true;
            }
            0x003C if in_sst => sst.push(d),
            _ => in_sst = false,
        }
    }
    let sst = sst_sizes(&sst);
    let mut budget = Budget::default();
    // calamine keeps every shared string once, plus a String header for each.
    budget.text(None, sst.iter().map(|s| s + 24).sum())?;
    let mut scanned = 0u64;
    for (i, pos) in sheets.into_iter().enumerate() {
        let name = format!("#{}", i + 1);
        let sheet = Some(name.as_str());
        let mut bounds: Option<(u64, u64, u64, u64)> = None;
        let mut add = |r: u64, c: u64| {
            let (r0, r1, c0, c1) = bounds.unwrap_or((r, r, c, c));
            let b = (r0.min(r), r1.max(r), c0.min(c), c1.max(c));
            bounds = Some(b);
            check_span(sheet, b.1 - b.0 + 1, b.3 - b.2 + 1)
        };
        let (mut depth, mut seen_bof) = (0usize, false);
        for (typ, d) in records(&wb, pos) {
            scanned += 1;
            if scanned > MAX_XLS_RECORDS {
                return over(sheet, format!("> {MAX_XLS_RECORDS} records"));
            }
            if depth > 0 {
                match typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            match typ {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x000A => break,
                // DIMENSION: calamine reserves rows × columns from it before reading a cell.
                0x0200 => {
                    let (rf, rl, mut cf, cl) = match d.len() {
                        10 => (u16_at(d, 0), u16_at(d, 2), u16_at(d, 4), u16_at(d, 6)),
                        14 | 16 => (u32_at(d, 0), u32_at(d, 4), u16_at(d, 8), u16_at(d, 10)),
                        _ => break,
                    };
                    if cf > 0xFF || cl < cf {
                        cf = 0;
                    }
                    if rl >= 1 && cl >= 1 {
                        if rl - 1 < rf || cl - 1 < cf {
                            return over(sheet, format!("DIMENSION {rf}..{rl} × {cf}..{cl}"));
                        }
                        check_span(sheet, rl - rf, cl - cf)?;
                    }
                }
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E => add(u16_at(d, 0), u16_at(d, 2))?,
                0x0006 => {
                    add(u16_at(d, 0), u16_at(d, 2))?;
                    // The formula's text: a token names a sheet or a defined name (up to 255
                    // characters) in a handful of bytes.
                    budget.text(sheet, (d.len() as u64).saturating_mul(64))?;
                }
                0x00FD => {
                    add(u16_at(d, 0), u16_at(d, 2))?;
                    let s = sst.get(u32_at(d, 6) as usize).copied().unwrap_or(0);
                    budget.text(sheet, s)?;
                }
                0x00BD if d.len() >= 6 => {
                    let first = u16_at(d, 2);
                    let n = (d.len() as u64 - 6) / 6;
                    add(u16_at(d, 0), first)?;
                    add(u16_at(d, 0), first + n.saturating_sub(1))?;
                }
                _ => {}
            }
        }
        if let Some((r0, r1, c0, c1)) = bounds {
            budget.extent(sheet, r1 - r0 + 1, c1 - c0 + 1)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_strings_are_sized_across_continue_records() {
        // Header (8 bytes); "ab" compressed; "xyz" in UTF-16 cut after "x" by a CONTINUE that
        // restarts with a flags byte (compressed); a rich string with 1 run (4 bytes skipped).
        let mut sst = vec![0u8; 8];
        sst.extend([2, 0, 0, b'a', b'b']);
        sst.extend([3, 0, 1, b'x', 0]);
        let cont = [0u8, b'y', b'z', 1, 0, 0x8, 1, 0, b'q', 1, 2, 3, 4];
        assert_eq!(sst_sizes(&[&sst, &cont]), vec![6, 9, 3]);
    }

    #[test]
    fn shared_strings_are_counted_across_reads() {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        z.start_file(
            "xl/sharedStrings.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        let part = "<si><t>a</t></si>".repeat(100_000);
        z.write_all(part.as_bytes()).unwrap();
        let bytes = z.finish().unwrap().into_inner();
        assert_eq!(
            shared_strings_cost(&bytes),
            part.len() as u64 + 100_000 * 48
        );
    }

    #[test]
    fn an_extent_past_the_bound_is_refused_with_its_size() {
        assert!(check_span(None, 1000, 5000).is_ok());
        let o = check_span(Some("Phiếu"), 65536, 65536).unwrap_err();
        assert_eq!(o.detail, "65536 × 65536");
        let mut b = Budget::default();
        assert!(b.text(None, MAX_STRING_BYTES).is_ok());
        assert!(b.text(None, 1).is_err());
    }
}
