//! A sheet as a grid addressed by the spreadsheet's own row and column numbers.
//!
//! calamine's ranges start at the first used cell; reports must name cells as people see them
//! (`C17`), so every access here is by absolute position. Values are turned into text or whole
//! numbers here and nowhere else.

use calamine::{Data, Range};

/// A sheet's used range with absolute addressing.
pub struct Grid {
    /// Sheet name.
    pub name: String,
    range: Range<Data>,
    r0: u32,
    c0: u32,
}

impl Grid {
    /// Wraps a calamine range.
    pub fn new(name: String, range: Range<Data>) -> Grid {
        let (r0, c0) = range.start().unwrap_or((0, 0));
        Grid {
            name,
            range,
            r0,
            c0,
        }
    }

    /// One past the last used row (0-based).
    pub fn end_row(&self) -> u32 {
        self.range.end().map(|(r, _)| r + 1).unwrap_or(0)
    }

    /// One past the last used column (0-based).
    pub fn end_col(&self) -> u32 {
        self.range.end().map(|(_, c)| c + 1).unwrap_or(0)
    }

    /// The cell at absolute (row, col), 0-based.
    pub fn get(&self, row: u32, col: u32) -> &Data {
        if row < self.r0 || col < self.c0 {
            return &Data::Empty;
        }
        self.range
            .get(((row - self.r0) as usize, (col - self.c0) as usize))
            .unwrap_or(&Data::Empty)
    }

    /// The cell as trimmed text; numbers without a fraction are written as integers.
    pub fn text(&self, row: u32, col: u32) -> String {
        cell_text(self.get(row, col))
    }

    /// Whether every cell of the row is empty.
    pub fn row_is_empty(&self, row: u32) -> bool {
        (self.c0..self.end_col()).all(|c| cell_text(self.get(row, c)).is_empty())
    }
}

/// Text of a cell value, trimmed.
pub fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A whole number ≥ 0 from a cell: `120`, `120.0`, `"1.200"` (thousands dot) all read.
pub fn whole_number(d: &Data) -> Option<u32> {
    match d {
        Data::Int(i) => u32::try_from(*i).ok(),
        Data::Float(f) if f.fract() == 0.0 && *f >= 0.0 && *f <= u32::MAX as f64 => Some(*f as u32),
        Data::String(s) => {
            let t = s.trim();
            let digits: String = if t.contains('.') && t.split('.').skip(1).all(|g| g.len() == 3) {
                t.replace('.', "")
            } else {
                t.to_string()
            };
            digits.parse().ok()
        }
        _ => None,
    }
}

/// `C17` for 0-based (16, 2).
pub fn cell_ref(row: u32, col: u32) -> String {
    let mut c = col + 1;
    let mut letters = Vec::new();
    while c > 0 {
        let r = (c - 1) % 26;
        letters.push(b'A' + r as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8(letters).expect("ASCII"), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_refs() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(16, 2), "C17");
        assert_eq!(cell_ref(0, 25), "Z1");
        assert_eq!(cell_ref(0, 26), "AA1");
        assert_eq!(cell_ref(9, 701), "ZZ10");
        assert_eq!(cell_ref(0, 702), "AAA1");
    }

    #[test]
    fn whole_numbers() {
        assert_eq!(whole_number(&Data::Float(120.0)), Some(120));
        assert_eq!(whole_number(&Data::String("1.200".into())), Some(1200));
        assert_eq!(whole_number(&Data::Float(1.5)), None);
        assert_eq!(whole_number(&Data::Int(-3)), None);
        assert_eq!(whole_number(&Data::String("mười".into())), None);
    }
}
