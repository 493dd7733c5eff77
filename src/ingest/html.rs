//! The tables of an HTML page, read as sheets.
//!
//! Web systems' "export to Excel" buttons, and Excel's own "Web Page" format, write an HTML
//! table under an .xls name; Excel opens it (after a warning), so communes send it on as a
//! workbook. Only what a table needs is read: rows (`tr`), cells (`td`, `th`) with their
//! `colspan` and `rowspan`, character references, and the text of tags inside a cell. A table
//! inside a cell gives its text to that cell. The extent is bounded as any sheet's, cell by
//! cell, so a page cannot make more than [`super::limits::MAX_GRID_CELLS`] cells by spans.

use super::budget::{Over, check_span};
use calamine::Data;

/// Most columns one cell may span (HTML's own limit).
const MAX_COLSPAN: u32 = 1000;
/// Most rows one cell may span (HTML's own limit).
const MAX_ROWSPAN: u32 = 65_534;

/// One table's cells (row, column, value), empty ones left out.
pub type Cells = Vec<((u32, u32), Data)>;

/// The outermost tables of `text`, in order, each as its non-empty cells; refused when one
/// spans more cells than a sheet may.
pub fn tables(text: &str) -> Result<Vec<Cells>, Over> {
    let mut out = Vec::new();
    let mut table: Option<Table> = None;
    // Tables inside the current one: their tags are text separators only.
    let mut nested = 0u32;
    let mut rest = text;
    while let Some(lt) = rest.find('<') {
        if let Some(t) = table.as_mut() {
            t.text(&rest[..lt]);
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        let Some(tag) = Tag::parse(rest) else {
            // A lone "<" is text.
            if let Some(t) = table.as_mut() {
                t.text("<");
            }
            rest = &rest[1..];
            continue;
        };
        rest = &rest[tag.len..];
        if !tag.end && matches!(tag.name.as_str(), "script" | "style") {
            let close = format!("</{}", tag.name);
            rest = find_ci(rest, &close).map_or("", |i| &rest[i..]);
            continue;
        }
        match (tag.name.as_str(), tag.end, table.as_mut()) {
            ("table", false, None) => table = Some(Table::default()),
            ("table", false, Some(t)) => {
                nested += 1;
                t.text(" ");
            }
            ("table", true, Some(t)) if nested > 0 => {
                nested -= 1;
                t.text(" ");
            }
            ("table", true, Some(t)) => {
                t.close_cell();
                out.push(std::mem::take(&mut t.cells));
                table = None;
            }
            (_, _, Some(t)) if nested > 0 => t.text(" "),
            ("tr", false, Some(t)) => t.open_row(),
            ("tr", true, Some(t)) => t.close_row(),
            ("td" | "th", false, Some(t)) => t.open_cell(&tag)?,
            ("td" | "th", true, Some(t)) => t.close_cell(),
            ("br" | "p" | "div" | "li", _, Some(t)) => t.text(" "),
            _ => {}
        }
    }
    if let Some(mut t) = table {
        // A page cut short: what was read of its table is kept.
        t.text(rest);
        t.close_cell();
        out.push(t.cells);
    }
    Ok(out)
}

/// The table being read.
#[derive(Default)]
struct Table {
    cells: Cells,
    /// The current row, once a row or a cell has started.
    row: Option<u32>,
    /// The row the next `tr` starts.
    next_row: u32,
    /// The next column to try in the current row.
    col: u32,
    /// Per column, the first row not covered by a cell spanning rows from above.
    busy: Vec<u32>,
    /// The open cell: where, and its text so far.
    cell: Option<((u32, u32), String)>,
    /// Rows × columns covered so far.
    extent: (u32, u32),
}

impl Table {
    fn text(&mut self, raw: &str) {
        if let Some((_, s)) = self.cell.as_mut() {
            s.push_str(raw);
        }
    }

    fn open_row(&mut self) {
        self.close_row();
        self.row = Some(self.next_row);
        self.next_row = self.next_row.saturating_add(1);
        self.col = 0;
    }

    fn close_row(&mut self) {
        self.close_cell();
        self.row = None;
    }

    fn open_cell(&mut self, tag: &Tag) -> Result<(), Over> {
        self.close_cell();
        // A cell without its `tr` (which browsers allow) starts a row.
        let r = match self.row {
            Some(r) => r,
            None => {
                self.open_row();
                self.next_row - 1
            }
        };
        let span = |name: &str, max: u32| {
            tag.attr(name)
                .and_then(|v| v.trim().parse::<u32>().ok())
                .map_or(1, |n| n.clamp(1, max))
        };
        let (rows, cols) = (span("rowspan", MAX_ROWSPAN), span("colspan", MAX_COLSPAN));
        let mut c = self.col;
        while self.busy.get(c as usize).is_some_and(|&free| free > r) {
            c += 1;
        }
        let (end_row, end_col) = (r.saturating_add(rows), c.saturating_add(cols));
        self.extent = (self.extent.0.max(end_row), self.extent.1.max(end_col));
        check_span(None, self.extent.0 as u64, self.extent.1 as u64)?;
        if rows > 1 {
            if self.busy.len() < end_col as usize {
                self.busy.resize(end_col as usize, 0);
            }
            for b in &mut self.busy[c as usize..end_col as usize] {
                *b = end_row;
            }
        }
        self.col = end_col;
        self.cell = Some(((r, c), String::new()));
        Ok(())
    }

    fn close_cell(&mut self) {
        if let Some((pos, raw)) = self.cell.take() {
            let text = cell_text(&raw);
            if !text.is_empty() {
                self.cells.push((pos, Data::String(text)));
            }
        }
    }
}

/// A tag at the start of `s` (`<td colspan="2">`, `</tr>`), or `None` when `<` starts no tag.
struct Tag {
    /// Lower-case name.
    name: String,
    /// `</…>`.
    end: bool,
    /// Attributes, names lower case, values unquoted and unescaped.
    attrs: Vec<(String, String)>,
    /// Bytes it takes.
    len: usize,
}

/// Most bytes a tag may take: a `<` not closed within them is text, so that a page of
/// unclosed tags is read in one pass, not once per `<`.
const MAX_TAG: usize = 16 << 10;

impl Tag {
    fn parse(s: &str) -> Option<Tag> {
        let mut cut = s.len().min(MAX_TAG);
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        let s = &s[..cut];
        let b = s.as_bytes();
        let mut i = 1;
        let end = b.get(i) == Some(&b'/');
        if end {
            i += 1;
        }
        let start = i;
        if b.get(i) == Some(&b'!') || b.get(i) == Some(&b'?') {
            // A declaration (`<!DOCTYPE …>`, `<?xml …?>`): skipped whole.
            let close = s.find('>')?;
            return Some(Tag {
                name: String::new(),
                end: false,
                attrs: Vec::new(),
                len: close + 1,
            });
        }
        while b
            .get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b':')
        {
            i += 1;
        }
        if i == start {
            return None;
        }
        let name = s[start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while b
                .get(i)
                .is_some_and(|c| c.is_ascii_whitespace() || *c == b'/')
            {
                i += 1;
            }
            match b.get(i) {
                None => return None,
                Some(b'>') => break,
                _ => {}
            }
            let a = i;
            while b
                .get(i)
                .is_some_and(|c| !c.is_ascii_whitespace() && !matches!(c, b'=' | b'>' | b'/'))
            {
                i += 1;
            }
            let attr = s[a..i].to_ascii_lowercase();
            while b.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            let mut value = String::new();
            if b.get(i) == Some(&b'=') {
                i += 1;
                while b.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                let v = match b.get(i) {
                    Some(q @ (b'"' | b'\'')) => {
                        let close = s[i + 1..].find(*q as char)? + i + 1;
                        let v = &s[i + 1..close];
                        i = close + 1;
                        v
                    }
                    _ => {
                        let v0 = i;
                        while b
                            .get(i)
                            .is_some_and(|c| !c.is_ascii_whitespace() && *c != b'>')
                        {
                            i += 1;
                        }
                        &s[v0..i]
                    }
                };
                value = decode_entities(v);
            }
            if attr.is_empty() {
                // A stray "=": step over it.
                i += 1;
            } else {
                attrs.push((attr, value));
            }
        }
        Some(Tag {
            name,
            end,
            attrs,
            len: i + 1,
        })
    }

    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Where `needle` (ASCII) starts in `hay`, case ignored.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// A cell's text: character references decoded, white space (`&nbsp;` too) collapsed.
fn cell_text(raw: &str) -> String {
    decode_entities(raw)
        .split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Named references a Vietnamese page may use besides numeric ones: markup's own, spaces and
/// dashes, and the Latin-1 letters of Vietnamese (the others are written as `&#…;`).
const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("hellip", '…'),
    ("agrave", 'à'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("atilde", 'ã'),
    ("egrave", 'è'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("igrave", 'ì'),
    ("iacute", 'í'),
    ("ograve", 'ò'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("otilde", 'õ'),
    ("ugrave", 'ù'),
    ("uacute", 'ú'),
    ("yacute", 'ý'),
    ("Agrave", 'À'),
    ("Aacute", 'Á'),
    ("Acirc", 'Â'),
    ("Atilde", 'Ã'),
    ("Egrave", 'È'),
    ("Eacute", 'É'),
    ("Ecirc", 'Ê'),
    ("Igrave", 'Ì'),
    ("Iacute", 'Í'),
    ("Ograve", 'Ò'),
    ("Oacute", 'Ó'),
    ("Ocirc", 'Ô'),
    ("Otilde", 'Õ'),
    ("Ugrave", 'Ù'),
    ("Uacute", 'Ú'),
    ("Yacute", 'Ý'),
];

/// Decodes `&name;`, `&#123;` and `&#x7B;`; tags are dropped. An unknown or malformed
/// reference stays as written.
fn decode_entities(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    loop {
        // Tags inside a cell (`<b>`, `<span …>`) are not text.
        let next = rest.find(['&', '<']);
        let Some(i) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            match Tag::parse(rest) {
                Some(t) => rest = &rest[t.len..],
                None => {
                    out.push('<');
                    rest = &rest[1..];
                }
            }
            continue;
        }
        let semi = rest[1..].find(';').map(|j| j + 1).filter(|j| *j <= 12);
        let decoded = semi.and_then(|j| {
            let name = &rest[1..j];
            let c = if let Some(num) = name.strip_prefix('#') {
                let n = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse::<u32>().ok(),
                };
                n.and_then(char::from_u32)
            } else {
                ENTITIES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
            };
            c.map(|c| (c, j + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(cells: &Cells) -> Vec<(u32, u32, String)> {
        cells
            .iter()
            .map(|((r, c), d)| (*r, *c, d.to_string()))
            .collect()
    }

    #[test]
    fn spans_entities_and_inner_tags() {
        let page = "<html><head><style>td{x:<y>}</style></head><body><!-- <table> -->\
            <TABLE border=1><tr><th colspan=\"2\">Xã:&nbsp;Chiềng&#32;Mung</th><td rowspan=2>A&amp;B</td></tr>\
            <tr><td><b>K</b>h&#x1EA3;u</td><td>1<br>2</td></tr>\
            <tr><td>x<td>y<td>&bogus; &lt;z&gt;</tr></table>\
            <table><tr><td>second</td></tr></table></body></html>";
        let t = tables(page).ok().unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(
            texts(&t[0]),
            [
                (0, 0, "Xã: Chiềng Mung".to_string()),
                (0, 2, "A&B".into()),
                (1, 0, "Khảu".into()),
                (1, 1, "1 2".into()),
                (2, 0, "x".into()),
                (2, 1, "y".into()),
                (2, 2, "&bogus; <z>".into()),
            ]
        );
        assert_eq!(texts(&t[1]), [(0, 0, "second".to_string())]);
    }

    #[test]
    fn a_nested_table_gives_its_text_to_the_cell() {
        let t = tables(
            "<table><tr><td>a<table><tr><td>b</td></tr></table>c</td><td>d</td></tr></table>",
        )
        .ok()
        .unwrap();
        assert_eq!(
            texts(&t[0]),
            [(0, 0, "a b c".to_string()), (0, 1, "d".into())]
        );
    }

    #[test]
    fn spans_past_the_bounds_are_refused_and_broken_markup_does_not_panic() {
        let wide = "<table><tr><td rowspan=65534 colspan=1000>x</td></tr></table>";
        assert!(tables(wide).is_err());
        for bad in [
            "<table><tr><td a='x",
            "<table><td>&#xFFFFFFFF;<",
            "<",
            "<table",
            "<<>>&;&#;",
        ] {
            let _ = tables(bad);
        }
    }
}
