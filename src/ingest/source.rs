//! Bytes to sheets: opens every supported format within fixed bounds and cleans its text.
//!
//! Formats: .xlsx/.xlsm and .xlsb (streamed cell by cell; .xlsx formulas' cached values), .xls
//! and .ods (through calamine, once a scan of the file has bounded what calamine will build),
//! and .csv (UTF-8 with or without BOM, UTF-16, or Windows-1258; separator told by quoting).
//! Files that are something else under a spreadsheet's name are told apart first
//! ([`super::disguise`]): the zip of CSV files and the HTML table are read, the others refused
//! saying what they are.
//! Hostile files are refused before they can cost much: zip archives whose inflated size is out
//! of proportion, sheets whose extent, cell count or text passes a bound of [`super::limits`]
//! (counted by [`super::budget`]).
//! Legacy TCVN3/VNI text and decomposed Unicode are converted here, and every converted cell is
//! reported.

use super::budget::{self, Budget, Collect, Stop};
use super::disguise::{self, Disguise, NoCsv};
use super::fx::Fx;
use super::legacy;
use super::limits::{MAX_FILE_BYTES, MAX_GRID_CELLS, MAX_INFLATED_BYTES};
use super::reading::SheetReading;
use super::sheet::{Grid, cell_ref};
use super::{FileReport, ProblemKind, Severity};
use calamine::{Data, DataRef, Ods, Reader, Sheets, Xls, Xlsb, Xlsx};
use std::io::Cursor;

/// What kind of container the bytes are.
fn sniff(bytes: &[u8], name: &str) -> &'static str {
    let lower = name.to_lowercase();
    if bytes.starts_with(b"PK\x03\x04") {
        if lower.ends_with(".ods")
            || bytes
                .windows(39)
                .take(200)
                .any(|w| w == b"mimetypeapplication/vnd.oasis.opendocum")
        {
            "ods"
        } else if lower.ends_with(".xlsb") || contains(bytes, b"xl/workbook.bin") {
            "xlsb"
        } else {
            "xlsx"
        }
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        "xls"
    } else if lower.ends_with(".csv") || lower.ends_with(".txt") {
        "csv"
    } else {
        "unknown"
    }
}

fn contains(bytes: &[u8], needle: &[u8]) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle)
}

/// Opens the file's sheets, reporting into `report`; `None` if the file is unusable.
pub fn load(bytes: Vec<u8>, report: &mut FileReport) -> Option<(Vec<Grid>, &'static str)> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let detail = format!("{} MB > {} MB", bytes.len() >> 20, MAX_FILE_BYTES >> 20);
        report.fatal(None, None, ProblemKind::TooLarge { detail }, None);
        return None;
    }
    // Told apart before any reader: what a library would say of these is no help.
    if let Ok(Some(d)) = super::guard::contained(|| disguise::identify(&bytes)) {
        let (mut grids, kind, nfd_label) = load_disguised(bytes, d, report)?;
        for g in &mut grids {
            clean_text(g, report, nfd_label);
        }
        return Some((grids, kind));
    }
    let kind = sniff(&bytes, &report.file);
    let bytes_head: Vec<u8> = if kind == "csv" {
        bytes.clone()
    } else {
        Vec::new()
    };
    if matches!(kind, "xlsx" | "xlsb" | "ods") && !zip_is_sane(&bytes, report) {
        return None;
    }
    if let ("xlsx" | "xlsb", Err(o)) = (kind, budget::scan_shared_strings(&bytes)) {
        return budget::refuse(report, o);
    }
    let read = super::guard::contained(|| match kind {
        "xlsx" => load_xlsx(bytes, report),
        "xlsb" => load_xlsb(bytes, report),
        "csv" => load_csv(&bytes, report),
        "xls" | "ods" => load_other(bytes, kind, report),
        // calamine's own detection would open a zip behind a few stray bytes as an .xlsx, and
        // its whole-sheet reader with it: only what was recognised here is read.
        _ => not_spreadsheet(report, "Cannot detect file format"),
    });
    let grids = match read {
        Ok(grids) => grids?,
        // calamine panicked on a corrupt file: refused like any unreadable one.
        Err(panic) => return not_spreadsheet(report, format!("{kind}: {panic}")),
    };
    let mut grids = grids;
    let nfd_label = if kind == "csv" {
        nfd_label_of(&bytes_head)
    } else {
        "Unicode NFD"
    };
    for g in &mut grids {
        clean_text(g, report, nfd_label);
    }
    Some((grids, kind))
}

/// Reads or refuses a file that [`disguise::identify`] recognised: its grids, the format it
/// is reported as, and the label of its decomposed text.
fn load_disguised(
    bytes: Vec<u8>,
    d: Disguise,
    report: &mut FileReport,
) -> Option<(Vec<Grid>, &'static str, &'static str)> {
    let refuse = |report: &mut FileReport, kind| {
        report.fatal(None, None, kind, None);
        None
    };
    let other = |what: &str| ProblemKind::OtherDocument { what: what.into() };
    match d {
        Disguise::Empty => refuse(report, ProblemKind::EmptyFile),
        Disguise::Encrypted => refuse(report, ProblemKind::Encrypted),
        Disguise::Pdf => refuse(report, other("pdf")),
        Disguise::Word => refuse(report, other("word")),
        Disguise::CsvZip => {
            if !zip_is_sane(&bytes, report) {
                return None;
            }
            let picked = super::guard::contained(|| disguise::pick_csv(&bytes))
                .unwrap_or_else(|panic| Err(NoCsv::Unreadable(panic)));
            let csv = match picked {
                Ok(csv) => csv,
                Err(NoCsv::Choice(candidates)) => {
                    return refuse(report, ProblemKind::ZipOfCsvChoice { candidates });
                }
                Err(NoCsv::TooLarge(detail)) => {
                    return refuse(report, ProblemKind::TooLarge { detail });
                }
                Err(NoCsv::Unreadable(detail)) => {
                    return refuse(report, ProblemKind::Unreadable { detail });
                }
            };
            report.push(
                Severity::Warning,
                None,
                None,
                ProblemKind::ZipOfCsv {
                    read: csv.name.clone(),
                    ignored: csv.ignored,
                },
                None,
            );
            let stem = std::path::Path::new(&csv.name)
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default();
            let grids = load_csv_named(&csv.bytes, stem, report)?;
            Some((grids, "csv", nfd_label_of(&csv.bytes)))
        }
        Disguise::Html => {
            let (text, _) = decode_text(&bytes);
            let tables = match super::html::tables(&text) {
                Ok(t) => t,
                Err(o) => return budget::refuse(report, o),
            };
            let stem = file_stem(&report.file);
            let mut grids = Vec::new();
            let mut budget = Budget::default();
            for (i, cells) in tables.into_iter().filter(|t| !t.is_empty()).enumerate() {
                let name = match i {
                    0 => stem.clone(),
                    _ => format!("{stem} ({})", i + 1),
                };
                match budget::grid(name, cells, &mut budget) {
                    Ok(g) => grids.push(g),
                    Err(o) => return budget::refuse(report, o),
                }
            }
            if grids.is_empty() {
                return refuse(report, other("html"));
            }
            let tables = grids.len() as u32;
            report.push(
                Severity::Warning,
                None,
                None,
                ProblemKind::HtmlTable { tables },
                None,
            );
            Some((grids, "html", nfd_label_of(&bytes)))
        }
    }
}

/// The label of decomposed text converted in a text file: Windows-1258 keeps tones as
/// combining marks, so its text is normalised like NFD text.
fn nfd_label_of(bytes: &[u8]) -> &'static str {
    if decode_text(bytes).1 == "Windows-1258" {
        "Windows-1258"
    } else {
        "Unicode NFD"
    }
}

/// A file's name without folder and extension: the sheet name of a one-sheet text file.
fn file_stem(file: &str) -> String {
    std::path::Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default()
}

fn zip_is_sane(bytes: &[u8], report: &mut FileReport) -> bool {
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => {
            report.fatal(
                None,
                None,
                ProblemKind::NotSpreadsheet {
                    detail: format!("zip: {e}"),
                },
                None,
            );
            return false;
        }
    };
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let Ok(meta) = archive.by_index_raw(i) else {
            continue;
        };
        total = total.saturating_add(meta.size());
        let ratio = meta.size() / meta.compressed_size().max(1);
        if total > MAX_INFLATED_BYTES || (meta.size() > 64 << 20 && ratio > 200) {
            let detail = format!("{} KB → {} MB", bytes.len() >> 10, total >> 20);
            report.fatal(None, None, ProblemKind::Bomb { detail }, None);
            return false;
        }
    }
    true
}

fn not_spreadsheet<T>(report: &mut FileReport, e: impl std::fmt::Display) -> Option<T> {
    report.fatal(
        None,
        None,
        ProblemKind::NotSpreadsheet {
            detail: e.to_string(),
        },
        None,
    );
    None
}

fn unreadable<T>(report: &mut FileReport, sheet: &str, e: impl std::fmt::Display) -> Option<T> {
    report.fatal(
        Some(sheet),
        None,
        ProblemKind::Unreadable {
            detail: e.to_string(),
        },
        None,
    );
    None
}

fn too_large(report: &mut FileReport, sheet: &str, rows: u64, cols: u64) {
    let detail = format!("{rows} × {cols}");
    report.fatal(Some(sheet), None, ProblemKind::TooLarge { detail }, None);
}

fn unread(e: impl std::fmt::Display) -> Stop {
    Stop::Unreadable(e.to_string())
}

/// Reads sheets cell by cell through `read`, which fills one sheet's [`Collect`]; the first
/// sheet that passes a bound or cannot be read makes the whole file unusable.
fn stream_sheets(
    names: Vec<String>,
    report: &mut FileReport,
    mut read: impl FnMut(&str, &mut Collect, &mut FileReport) -> Result<(), Stop>,
) -> Option<Vec<Grid>> {
    let mut budget = Budget::default();
    let mut grids = Vec::new();
    for name in names {
        let mut cells = Collect::new(&name, &mut budget);
        match read(&name, &mut cells, report) {
            Ok(()) => {}
            Err(Stop::Over(o)) => return budget::refuse(report, o),
            Err(Stop::Unreadable(e)) => return unreadable(report, &name, e),
        }
        match cells.finish() {
            Ok(g) => grids.push(g),
            Err(o) => return budget::refuse(report, o),
        }
    }
    Some(grids)
}

/// The sheets to read: hidden and very hidden ones are left out (an older copy of the data, a
/// lookup list) and said in the reading.
fn visible_sheets(meta: &[calamine::Sheet], report: &mut FileReport) -> Vec<String> {
    let mut names = Vec::new();
    for s in meta {
        match s.visible {
            calamine::SheetVisible::Visible => names.push(s.name.clone()),
            calamine::SheetVisible::Hidden => report
                .reading
                .sheets
                .push(SheetReading::new(&s.name, "hidden")),
            calamine::SheetVisible::VeryHidden => report
                .reading
                .sheets
                .push(SheetReading::new(&s.name, "very_hidden")),
        }
    }
    names
}

/// Whether a sheet shows the sign of a cell merged down its rows: in a row of answers, a cell
/// before the first answer is empty where the row above has a value (an area written once
/// beside its forms). Only the cells before each row's first answer are looked at.
fn may_have_merged_rows(g: &Grid) -> bool {
    let judge = |d: &Data| match d {
        Data::String(s) => {
            super::header::answer(s).is_some_and(|a| a != crate::model::Answer::Blank)
                || super::header::marker(s) == Some(true)
        }
        // A coded answer (1, 2) or a mark.
        Data::Int(i) => (0..=9).contains(i),
        Data::Float(f) => f.fract() == 0.0 && (0.0..=9.0).contains(f),
        _ => false,
    };
    // Judged once per value: the same area name stands on every row (0 unknown, 1 no, 2 yes).
    let mut seen: Vec<u8> = Vec::new();
    let mut answer_like = |r: u32, c: u32| -> bool {
        let idx = g.index(r, c) as usize;
        if idx >= 4096 {
            return judge(g.get(r, c));
        }
        if seen.len() <= idx {
            seen.resize(idx + 1, 0);
        }
        if seen[idx] == 0 {
            seen[idx] = 1 + u8::from(judge(g.get(r, c)));
        }
        seen[idx] == 2
    };
    let mut above: Option<u32> = None;
    for r in g.r0_row()..g.end_row() {
        // A number is an answer code only beside another one: alone it is a row number.
        let first = (g.c0_col()..g.end_col()).find(|c| {
            answer_like(r, *c)
                && (matches!(g.get(r, *c), Data::String(_)) || answer_like(r, *c + 1))
        });
        // Both rows must hold answers: under a header, empty cells are no sign of a merge.
        let (Some(first), Some(_)) = (first, std::mem::replace(&mut above, first)) else {
            continue;
        };
        if (g.c0_col()..first).any(|c| {
            matches!(g.get(r, c), Data::Empty)
                && matches!(g.get(r - 1, c), Data::String(_))
                && !answer_like(r - 1, c)
        }) {
            return true;
        }
    }
    false
}

/// Merged ranges as (first row, first column, last row, last column).
fn ranges(dims: &[calamine::Dimensions]) -> Vec<(u32, u32, u32, u32)> {
    dims.iter()
        .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
        .collect()
}

fn load_xlsx(bytes: Vec<u8>, report: &mut FileReport) -> Option<Vec<Grid>> {
    let mut wb = match Xlsx::new(Cursor::new(bytes)) {
        Ok(wb) => wb,
        Err(e) => return not_spreadsheet(report, e),
    };
    let names = visible_sheets(wb.sheets_metadata(), report);
    let mut grids = stream_sheets(names, report, |name, cells, report| {
        let mut reader = wb.worksheet_cells_reader(name).map_err(unread)?;
        let mut no_value: Vec<String> = Vec::new();
        while let Some(cell) = reader.next_cell_with_formula().map_err(unread)? {
            if matches!(cell.value, DataRef::Empty) {
                if cell.formula.is_some() {
                    no_value.push(cell_ref(cell.pos.0, cell.pos.1));
                }
                continue;
            }
            // A shared string is borrowed here: its size is charged before it is copied.
            cells.push(cell.pos, cell.value)?;
        }
        if !no_value.is_empty() {
            report.push(
                Severity::Error,
                Some(name),
                no_value.first().cloned(),
                ProblemKind::FormulaWithoutValue { cells: no_value },
                None,
            );
        }
        Ok(())
    })?;
    // An AutoFilter is a defined name of the workbook ("_xlnm._FilterDatabase" = "'Phiếu'!$A$3:…"):
    // said, since the rows it hides are read as data.
    let filters: Vec<String> = wb
        .defined_names()
        .iter()
        .filter(|(n, _)| n.ends_with("_FilterDatabase"))
        .map(|(_, v)| v.clone())
        .collect();
    for g in &mut grids {
        g.filtered = filters.iter().any(|v| {
            let sheet = v.rsplit_once('!').map(|x| x.0).unwrap_or("");
            sheet.trim_matches('\'') == g.name
        });
        // Merges are read only where the cells show a sign of them: calamine finds them by
        // parsing the whole sheet again, which cost 40 % of an import of sheets without any.
        // A sheet whose merges cannot be read is read without them.
        if may_have_merged_rows(g)
            && let Ok(dims) = wb.merge_cells_by_sheet_name(&g.name)
        {
            g.fill_merged_down(&ranges(&dims));
        }
    }
    Some(grids)
}

/// .xlsb, streamed cell by cell like .xlsx: calamine's `worksheet_range` would build the dense
/// range of whatever positions the cells claim.
fn load_xlsb(bytes: Vec<u8>, report: &mut FileReport) -> Option<Vec<Grid>> {
    let mut wb = match Xlsb::new(Cursor::new(bytes)) {
        Ok(wb) => wb,
        Err(e) => return not_spreadsheet(report, e),
    };
    stream_sheets(wb.sheet_names(), report, |name, cells, _| {
        let mut reader = wb.worksheet_cells_reader(name).map_err(unread)?;
        while let Some(c) = reader.next_cell().map_err(unread)? {
            if !matches!(c.get_value(), DataRef::Empty) {
                cells.push(c.get_position(), c.get_value().clone())?;
            }
        }
        Ok(())
    })
}

fn load_other(bytes: Vec<u8>, kind: &str, report: &mut FileReport) -> Option<Vec<Grid>> {
    // calamine builds every sheet of an .xls or .ods while opening it: measure first.
    let scanned = match kind {
        "xls" => budget::scan_xls(&bytes).map(|()| budget::OdsExtras::default()),
        _ => budget::scan_ods(&bytes),
    };
    let extras = match scanned {
        Ok(x) => x,
        Err(Stop::Over(o)) => return budget::refuse(report, o),
        Err(Stop::Unreadable(e)) => return not_spreadsheet(report, e),
    };
    let cursor = Cursor::new(bytes);
    let opened = match kind {
        "xls" => Xls::new(cursor).map(Sheets::Xls).map_err(|e| e.to_string()),
        _ => Ods::new(cursor).map(Sheets::Ods).map_err(|e| e.to_string()),
    };
    let mut wb = match opened {
        Ok(wb) => wb,
        Err(e) => return not_spreadsheet(report, e),
    };
    let mut grids = Vec::new();
    // An .ods sheet hidden by a style calamine did not read is hidden all the same.
    let meta: Vec<calamine::Sheet> = wb
        .sheets_metadata()
        .iter()
        .map(|m| {
            let mut m = m.clone();
            if extras.hidden.contains(&m.name) && m.visible == calamine::SheetVisible::Visible {
                m.visible = calamine::SheetVisible::Hidden;
            }
            m
        })
        .collect();
    let names = visible_sheets(&meta, report);
    for name in names {
        match wb.worksheet_range(&name) {
            Ok(r) => {
                let (h, w) = r.get_size();
                if h as u64 * w as u64 > MAX_GRID_CELLS {
                    too_large(report, &name, h as u64, w as u64);
                    return None;
                }
                let mut g = Grid::from_range(name.clone(), r);
                if let Sheets::Xls(x) = &wb
                    && let Ok(dims) = x.merge_cells_by_sheet_name(&name)
                {
                    g.fill_merged_down(&ranges(&dims));
                }
                if let Some(m) = extras.merges.get(&name) {
                    g.fill_merged_down(m);
                }
                grids.push(g);
            }
            Err(e) => {
                return unreadable(report, &name, e);
            }
        }
    }
    Some(grids)
}

/// Decodes CSV bytes: UTF-16 (Excel's "Unicode text", by its BOM or its NUL bytes), UTF-8
/// (BOM stripped), or else Windows-1258.
pub fn decode_text(bytes: &[u8]) -> (String, &'static str) {
    let utf16 = if bytes.starts_with(b"\xFF\xFE") {
        Some((encoding_rs::UTF_16LE, "UTF-16LE", 2))
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some((encoding_rs::UTF_16BE, "UTF-16BE", 2))
    } else {
        // No BOM: ASCII text in UTF-16 has a NUL in every other byte.
        let head = &bytes[..bytes.len().min(512) & !1];
        let nul = |odd: usize| {
            head.iter()
                .skip(odd)
                .step_by(2)
                .filter(|b| **b == 0)
                .count()
        };
        if head.len() >= 8 && nul(1) * 2 > head.len() / 2 && nul(0) == 0 {
            Some((encoding_rs::UTF_16LE, "UTF-16LE", 0))
        } else if head.len() >= 8 && nul(0) * 2 > head.len() / 2 && nul(1) == 0 {
            Some((encoding_rs::UTF_16BE, "UTF-16BE", 0))
        } else {
            None
        }
    };
    if let Some((enc, label, skip)) = utf16 {
        let (text, _) = enc.decode_without_bom_handling(&bytes[skip..]);
        return (text.into_owned(), label);
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => (
            s.to_string(),
            if body.len() < bytes.len() {
                "UTF-8 BOM"
            } else {
                "UTF-8"
            },
        ),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1258.decode(body);
            (text.into_owned(), "Windows-1258")
        }
    }
}

/// The separator of a CSV text, told by quoting: of `,`, `;`, tab and `|`, the one that splits
/// the first records (quoted fields kept whole, so commas inside answers are content) into the
/// same number of fields, at least two; Excel's `sep=;` first line says it outright.
pub fn detect_delimiter(text: &str) -> char {
    if let Some(rest) = text.strip_prefix("sep=")
        && let Some(c) = rest.chars().next()
        && rest[c.len_utf8()..].starts_with(['\r', '\n'])
    {
        return c;
    }
    // A sample of whole lines is enough.
    let mut end = text.len().min(64 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = match text[..end].rfind('\n') {
        Some(i) if end < text.len() => &text[..i],
        _ => &text[..end],
    };
    [',', ';', '\t', '|']
        .into_iter()
        .map(|d| {
            let recs: Vec<usize> = csv_records(sample, d)
                .iter()
                .filter(|r| r.iter().any(|f| !f.trim().is_empty()))
                .take(50)
                .map(Vec::len)
                .collect();
            let width = recs.iter().copied().max().unwrap_or(0);
            let agree = recs.iter().filter(|n| **n == width).count();
            (width >= 2, agree, width, d)
        })
        .max_by_key(|(ok, agree, width, d)| (*ok, *agree, *width, *d == ','))
        .map(|x| x.3)
        .unwrap_or(',')
}

fn load_csv(bytes: &[u8], report: &mut FileReport) -> Option<Vec<Grid>> {
    let name = file_stem(&report.file);
    load_csv_named(bytes, name, report)
}

/// Reads CSV bytes into one sheet called `name`.
fn load_csv_named(bytes: &[u8], name: String, report: &mut FileReport) -> Option<Vec<Grid>> {
    let (text, _encoding) = decode_text(bytes);
    budget::csv_text(&text, report)?;
    let delim = detect_delimiter(&text);
    // Excel's `sep=;` line is an instruction, not a row: blanked, so rows keep their numbers.
    let text = match text.strip_prefix("sep=") {
        Some(rest) => rest
            .find('\n')
            .map(|i| rest[i..].to_string())
            .unwrap_or_default(),
        None => text,
    };
    let mut cells = Vec::new();
    for (r, rec) in csv_records(&text, delim).into_iter().enumerate() {
        for (c, v) in rec.into_iter().enumerate() {
            if !v.trim().is_empty() {
                cells.push(((r as u32, c as u32), Data::String(v)));
            }
        }
        if cells.len() as u64 > MAX_GRID_CELLS {
            too_large(report, "csv", r as u64 + 1, 0);
            return None;
        }
    }
    Some(vec![budget::csv_grid(name, cells, report)?])
}

/// Splits CSV text into records as a spreadsheet shows them: one row per record, blank lines
/// kept as empty rows (so row numbers match Excel's), quoted fields may hold the delimiter,
/// doubled quotes and line breaks.
pub fn csv_records(text: &str, delim: char) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            c if c == delim => record.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

/// Converts legacy-encoded and decomposed text in place and reports the cells.
fn clean_text(grid: &mut Grid, report: &mut FileReport, nfd_label: &str) {
    // A sheet holds few distinct strings ("Hài lòng", area names) many times over: judge and
    // convert each distinct string once.
    let (legacy, changes) = {
        // Row-major cells repeat their neighbour ("Hài lòng" after "Hài lòng"): skip those
        // before hashing.
        let mut distinct: std::collections::HashSet<&str, Fx> = Default::default();
        let mut last = "";
        for s in grid.strings() {
            if s != last {
                distinct.insert(s);
                last = s;
            }
        }
        let legacy = legacy::detect(distinct.iter().copied());
        let changes: std::collections::HashMap<String, (String, bool), Fx> = distinct
            .iter()
            .filter(|s| !s.is_ascii())
            .filter_map(|s| {
                if let Some(enc) = legacy
                    && let Some(new) = legacy::convert(s, enc)
                {
                    return Some((s.to_string(), (new, true)));
                }
                legacy::to_nfc(s).map(|new| (s.to_string(), (new, false)))
            })
            .collect();
        (legacy, changes)
    };
    let (mut converted, mut normalized) = (Vec::new(), Vec::new());
    if !changes.is_empty() {
        for ((r, c), from_legacy) in grid.replace_strings(|s| changes.get(s).cloned()) {
            if from_legacy {
                converted.push(cell_ref(r, c))
            } else {
                normalized.push(cell_ref(r, c))
            }
        }
    }
    if let Some(enc) = legacy
        && let Some(new) = legacy::convert(&grid.name, enc)
    {
        grid.name = new;
        converted.insert(0, ProblemKind::sheet_name_cell());
    }
    let sheet = grid.name.clone();
    if let (Some(enc), false) = (legacy, converted.is_empty()) {
        report.push(
            Severity::Warning,
            Some(&sheet),
            None,
            ProblemKind::Converted {
                encoding: enc.name().into(),
                cells: converted,
            },
            None,
        );
    }
    if !normalized.is_empty() {
        report.push(
            Severity::Warning,
            Some(&sheet),
            None,
            ProblemKind::Converted {
                encoding: nfd_label.into(),
                cells: normalized,
            },
            None,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_match_the_spreadsheet_view() {
        let recs = csv_records("Xã:,A\r\n\r\nK,\"S, \"\"x\"\"\nline\"\r\nB,1", ',');
        assert_eq!(recs.len(), 4);
        assert_eq!(recs[0], ["Xã:", "A"]);
        assert_eq!(recs[1], [""]);
        assert_eq!(recs[2], ["K", "S, \"x\"\nline"]);
        assert_eq!(recs[3], ["B", "1"]);
    }

    #[test]
    fn separators_are_told_by_quoting() {
        let t = "a,b,c\n\"x; y; z\",2,3\n\"p; q\",4,5\n";
        assert_eq!(detect_delimiter(t), ',');
        let t = "a;b;c\n\"x, y, z\";2;3\n\"p, q\";4;5\n";
        assert_eq!(detect_delimiter(t), ';');
        assert_eq!(detect_delimiter("a\tb\n1\t2\n"), '\t');
        assert_eq!(detect_delimiter("a|b|c\n1|2|3\n"), '|');
        assert_eq!(detect_delimiter("sep=;\na,b;c\n1,2;3\n"), ';');
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let le: Vec<u8> = "Hài,1".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = "Hài,1".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(
            decode_text(&[b"\xFF\xFE".as_slice(), &le].concat()),
            ("Hài,1".into(), "UTF-16LE")
        );
        assert_eq!(
            decode_text(&[b"\xFE\xFF".as_slice(), &be].concat()),
            ("Hài,1".into(), "UTF-16BE")
        );
        assert_eq!(decode_text(&le).1, "UTF-16LE");
    }

    #[test]
    fn text_encodings() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFH\xC3\xA0i").1, "UTF-8 BOM");
        assert_eq!(decode_text("Hài".as_bytes()).1, "UTF-8");
        // "Hài" in Windows-1258: H, a + combining grave (0xCC), i.
        let (t, enc) = decode_text(b"Ha\xCCi");
        assert_eq!(enc, "Windows-1258");
        assert_eq!(crate::ingest::legacy::to_nfc(&t).as_deref(), Some("Hài"));
    }
}
