//! Which cells of an .xlsx or .ods sheet are formatted as percentages.
//!
//! calamine gives a cell typed "93%" in Excel as the number 0.93 and keeps no trace of its
//! format. Where a value's meaning depends on it (a result read against a percentage target),
//! this module reads the format from the workbook itself: the sheet's cell styles (`s=`), the
//! style table (`cellXfs`) and its number formats (built-in 9 and 10, or any custom code with a
//! `%` outside quotes); in an .ods, the cells typed `percentage`. Small, self-contained and
//! used only on small workbooks (a commune's self-assessment): it must never be put on the path
//! of every survey cell.

use quick_xml::events::Event;
use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

/// The largest part read (a self-assessment's parts are a few kilobytes).
const MAX_PART: u64 = 8 << 20;

fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let f = zip.by_name(name).ok()?;
    let mut out = Vec::new();
    f.take(MAX_PART).read_to_end(&mut out).ok()?;
    Some(out)
}

fn attr(e: &quick_xml::events::BytesStart, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key || a.key.local_name().as_ref() == key)
        .map(|a| a.value.into_owned())
}

/// Walks the start (and empty) elements of a part.
fn each(xml: &[u8], mut f: impl FnMut(&quick_xml::events::BytesStart)) {
    let mut r = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match r.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => f(&e),
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
}

/// Whether a number format code shows a percentage (a `%` outside quotes and escapes).
pub fn is_percent_code(code: &str) -> bool {
    let (mut quoted, mut escaped) = (false, false);
    for c in code.chars() {
        match (c, quoted, escaped) {
            (_, _, true) => escaped = false,
            ('\\', false, _) => escaped = true,
            ('"', _, _) => quoted = !quoted,
            ('%', false, _) => return true,
            _ => {}
        }
    }
    false
}

/// The style indexes (`cellXfs` positions) whose number format is a percentage.
fn percent_styles(styles: &[u8]) -> HashSet<usize> {
    let mut custom: HashMap<String, bool> = HashMap::new();
    let mut xfs: Vec<String> = Vec::new();
    let mut in_cell_xfs = false;
    let mut r = quick_xml::Reader::from_reader(styles);
    let mut buf = Vec::new();
    loop {
        match r.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "numFmt" => {
                    if let (Some(id), Some(code)) = (attr(&e, "numFmtId"), attr(&e, "formatCode")) {
                        custom.insert(id, is_percent_code(&code));
                    }
                }
                "cellXfs" => in_cell_xfs = true,
                "xf" if in_cell_xfs => xfs.push(attr(&e, "numFmtId").unwrap_or_default()),
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == "cellXfs" => in_cell_xfs = false,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    xfs.iter()
        .enumerate()
        .filter(|(_, id)| matches!(id.as_str(), "9" | "10") || custom.get(*id) == Some(&true))
        .map(|(i, _)| i)
        .collect()
}

/// `F26` → (25, 5), 0-based.
fn position(r: &str) -> Option<(u32, u32)> {
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    let mut col: u32 = 0;
    for b in letters.bytes() {
        if !b.is_ascii_uppercase() {
            return None;
        }
        col = col.checked_mul(26)?.checked_add(u32::from(b - b'A') + 1)?;
    }
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

/// The cells of sheet `sheet` of an .xlsx or .ods whose format is a percentage, 0-based
/// (row, col); `None` when the bytes are neither or the sheet is not found.
pub fn percent_cells(bytes: &[u8], sheet: &str) -> Option<HashSet<(u32, u32)>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    if zip.index_for_name("content.xml").is_some() {
        return ods_percent_cells(&part(&mut zip, "content.xml")?, sheet);
    }
    let styles = percent_styles(&part(&mut zip, "xl/styles.xml").unwrap_or_default());
    // The sheet's part: workbook.xml names it by relationship id, the rels file gives the path.
    let mut rid = None;
    each(&part(&mut zip, "xl/workbook.xml")?, |e| {
        if e.local_name().as_ref() == "sheet" && attr(e, "name").as_deref() == Some(sheet) {
            rid = attr(e, "id");
        }
    });
    let rid = rid?;
    let mut target = None;
    each(&part(&mut zip, "xl/_rels/workbook.xml.rels")?, |e| {
        if attr(e, "Id").as_deref() == Some(rid.as_str()) {
            target = attr(e, "Target");
        }
    });
    let target = target?;
    let path = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("xl/{target}"),
    };
    let mut out = HashSet::new();
    if styles.is_empty() {
        return Some(out);
    }
    each(&part(&mut zip, &path)?, |e| {
        if e.local_name().as_ref() == "c"
            && let Some(s) = attr(e, "s").and_then(|s| s.parse::<usize>().ok())
            && styles.contains(&s)
            && let Some(p) = attr(e, "r").as_deref().and_then(position)
        {
            out.insert(p);
        }
    });
    Some(out)
}

/// An .ods sheet's cells typed `office:value-type="percentage"`, counting repeated rows and
/// columns as LibreOffice writes them.
fn ods_percent_cells(content: &[u8], sheet: &str) -> Option<HashSet<(u32, u32)>> {
    let mut r = quick_xml::Reader::from_reader(content);
    let mut buf = Vec::new();
    let (mut inside, mut found) = (false, false);
    let (mut row, mut col, mut row_reps) = (0u32, 0u32, 1u32);
    let mut out = HashSet::new();
    let repeats = |e: &quick_xml::events::BytesStart, key: &str| {
        attr(e, key)
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(1)
            .max(1)
    };
    loop {
        let ev = r.read_event_into(&mut buf);
        match &ev {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.name().as_ref() {
                "table:table" => {
                    inside = attr(e, "table:name").as_deref() == Some(sheet);
                    found |= inside;
                    (row, col) = (0, 0);
                }
                "table:table-row" if inside => {
                    row_reps = repeats(e, "table:number-rows-repeated");
                    col = 0;
                    if matches!(ev, Ok(Event::Empty(_))) {
                        row = row.saturating_add(row_reps);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" if inside => {
                    let reps = repeats(e, "table:number-columns-repeated");
                    if attr(e, "office:value-type").as_deref() == Some("percentage") {
                        // A percentage repeated over thousands of cells is a style, not data.
                        for c in col..col.saturating_add(reps.min(1024)) {
                            for rr in row..row.saturating_add(row_reps.min(1024)) {
                                out.insert((rr, c));
                            }
                        }
                    }
                    col = col.saturating_add(reps);
                }
                _ => {}
            },
            Ok(Event::End(e)) => match e.name().as_ref() {
                "table:table-row" if inside => row = row.saturating_add(row_reps),
                "table:table" => inside = false,
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    found.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("0%", true)]
    #[case("0.0%", true)]
    #[case("#,##0.00\" %\"", false)]
    #[case("0\\%", false)]
    #[case("General", false)]
    #[case("dd/mm/yyyy", false)]
    fn percent_codes(#[case] code: &str, #[case] want: bool) {
        assert_eq!(is_percent_code(code), want, "{code}");
    }

    #[test]
    fn finds_the_percent_cells_of_a_sheet() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("Tự đánh giá").unwrap();
        let pct = rust_xlsxwriter::Format::new().set_num_format("0.0%");
        ws.write_number_with_format(25, 5, 0.935, &pct).unwrap();
        ws.write_number(26, 5, 0.5).unwrap();
        let other = wb.add_worksheet();
        other.write_number_with_format(0, 0, 0.2, &pct).unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let cells = percent_cells(&bytes, "Tự đánh giá").unwrap();
        assert_eq!(cells, HashSet::from([(25, 5)]));
        assert_eq!(percent_cells(&bytes, "Không có"), None);
        assert_eq!(percent_cells(b"not a zip", "x"), None);
    }
}
