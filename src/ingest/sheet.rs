//! A sheet as a grid addressed by the spreadsheet's own row and column numbers.
//!
//! calamine's ranges start at the first used cell; reports must name cells as people see them
//! (`C17`), so every access here is by absolute position. Values are turned into text or whole
//! numbers here and nowhere else.

use calamine::{Data, Range};

/// A sheet's used cells in a dense block, addressed by absolute (row, column).
///
/// Each cell is an index into the sheet's values, of which the first is [`Data::Empty`]: a
/// survey sheet is thousands of cells reading "Hài lòng" or a residential area's name, and an
/// .xlsx names each such text once (its shared strings). Kept once here too, a sheet costs
/// one allocation per distinct text instead of one per cell, and four bytes a cell.
pub struct Grid {
    /// Sheet name.
    pub name: String,
    cells: Vec<u32>,
    values: Vec<Data>,
    r0: u32,
    c0: u32,
    rows: u32,
    cols: u32,
    /// Cells given the value of a merged cell above them (see [`Grid::fill_merged_down`]).
    pub merged_filled: u32,
    /// Whether the sheet has an AutoFilter: rows it hides are read as data all the same.
    pub filtered: bool,
}

impl Grid {
    /// Wraps a calamine range.
    pub fn from_range(name: String, range: Range<Data>) -> Grid {
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let (h, w) = range.get_size();
        let mut values = vec![Data::Empty];
        let cells = range
            .cells()
            .map(|(_, _, d)| match d {
                Data::Empty => 0,
                d => {
                    values.push(d.clone());
                    (values.len() - 1) as u32
                }
            })
            .collect();
        Grid {
            name,
            cells,
            values,
            r0,
            c0,
            rows: h as u32,
            cols: w as u32,
            merged_filled: 0,
            filtered: false,
        }
    }

    /// A sheet with no cells.
    pub fn empty(name: String) -> Grid {
        Grid {
            name,
            cells: Vec::new(),
            values: vec![Data::Empty],
            r0: 0,
            c0: 0,
            rows: 0,
            cols: 0,
            merged_filled: 0,
            filtered: false,
        }
    }

    /// Builds a grid from sparse cells; the caller has bounded the extent (see
    /// [`super::budget`]). The dense block is reserved fallibly all the same: its size comes
    /// from the file, and a failed allocation would abort the process, not just refuse the file.
    pub fn from_cells(name: String, cells: Vec<((u32, u32), Data)>) -> Result<Grid, String> {
        let mut values = Vec::with_capacity(cells.len() + 1);
        values.push(Data::Empty);
        let mut indexed = Vec::with_capacity(cells.len());
        for (pos, d) in cells {
            values.push(d);
            indexed.push((pos, (values.len() - 1) as u32));
        }
        Grid::from_values(name, indexed, values)
    }

    /// Builds a grid from sparse cells given as indices into `values`, whose first value must
    /// be [`Data::Empty`] (see [`Grid::from_cells`] for the bounds).
    pub fn from_values(
        name: String,
        cells: Vec<((u32, u32), u32)>,
        values: Vec<Data>,
    ) -> Result<Grid, String> {
        debug_assert!(matches!(values.first(), Some(Data::Empty)));
        if cells.is_empty() {
            return Ok(Grid::empty(name));
        }
        let (mut r0, mut r1, mut c0, mut c1) = (u32::MAX, 0, u32::MAX, 0);
        for &((r, c), _) in &cells {
            (r0, r1, c0, c1) = (r0.min(r), r1.max(r), c0.min(c), c1.max(c));
        }
        // The last row and column must stay addressable: `end_row()` is one past them.
        if r1 == u32::MAX || c1 == u32::MAX {
            return Err(cell_ref(r1, c1));
        }
        let (rows, cols) = (r1 - r0 + 1, c1 - c0 + 1);
        let len = rows as usize * cols as usize;
        let mut dense = Vec::new();
        dense
            .try_reserve_exact(len)
            .map_err(|_| format!("{rows} × {cols}"))?;
        dense.resize(len, 0);
        for ((r, c), v) in cells {
            dense[(r - r0) as usize * cols as usize + (c - c0) as usize] = v;
        }
        Ok(Grid {
            name,
            cells: dense,
            values,
            r0,
            c0,
            rows,
            cols,
            merged_filled: 0,
            filtered: false,
        })
    }

    /// Gives every empty cell of a merged range's first column the value of the range's
    /// top cell, for ranges taller than one row (an area written once beside its forms, "STT"
    /// merged down a header band). Wider-than-tall ranges keep their value in their first
    /// cell only: an item number merged over its two marker columns names one item, not two.
    /// Ranges are (first row, first column, last row, last column), 0-based.
    pub fn fill_merged_down(&mut self, ranges: &[(u32, u32, u32, u32)]) {
        for &(r0, c0, r1, _) in ranges {
            if r1 <= r0 || c0 < self.c0 || c0 >= self.end_col() || r0 < self.r0 {
                continue;
            }
            let top = self.index(r0, c0);
            if top == 0 {
                continue;
            }
            for r in r0 + 1..=r1.min(self.end_row().saturating_sub(1)) {
                let i = (r - self.r0) as usize * self.cols as usize + (c0 - self.c0) as usize;
                if self.cells[i] == 0 {
                    self.cells[i] = top;
                    self.merged_filled += 1;
                }
            }
        }
    }

    /// The rows `from..to` of the sheet as a sheet of their own, addressed as before (a CSV
    /// holds its register and its forms one above the other: each table is read as a sheet).
    pub fn rows_part(&self, from: u32, to: u32) -> Grid {
        let mut values = vec![Data::Empty];
        let mut remap: std::collections::HashMap<u32, u32> = Default::default();
        let mut cells = Vec::new();
        for r in from.max(self.r0)..to.min(self.end_row()) {
            for c in self.c0..self.end_col() {
                let v = self.index(r, c);
                if v == 0 {
                    continue;
                }
                let k = *remap.entry(v).or_insert_with(|| {
                    values.push(self.values[v as usize].clone());
                    (values.len() - 1) as u32
                });
                cells.push(((r, c), k));
            }
        }
        // The cells come from this grid, whose extent was bounded: an error cannot happen, and
        // would leave an empty part rather than a panic.
        let mut g = Grid::from_values(self.name.clone(), cells, values)
            .unwrap_or_else(|_| Grid::empty(self.name.clone()));
        g.merged_filled = self.merged_filled;
        g.filtered = self.filtered;
        g
    }

    /// The index of the cell's value (0 for empty): equal indices hold equal values.
    pub fn index(&self, row: u32, col: u32) -> u32 {
        if row < self.r0 || col < self.c0 || row >= self.end_row() || col >= self.end_col() {
            return 0;
        }
        self.cells[(row - self.r0) as usize * self.cols as usize + (col - self.c0) as usize]
    }

    /// The first used row (0-based).
    pub fn r0_row(&self) -> u32 {
        self.r0
    }

    /// The first used column (0-based).
    pub fn c0_col(&self) -> u32 {
        self.c0
    }

    /// One past the last used row (0-based).
    pub fn end_row(&self) -> u32 {
        self.r0 + self.rows
    }

    /// One past the last used column (0-based).
    pub fn end_col(&self) -> u32 {
        self.c0 + self.cols
    }

    /// The cell at absolute (row, col), 0-based.
    pub fn get(&self, row: u32, col: u32) -> &Data {
        if row < self.r0 || col < self.c0 || row >= self.end_row() || col >= self.end_col() {
            return &Data::Empty;
        }
        let v =
            self.cells[(row - self.r0) as usize * self.cols as usize + (col - self.c0) as usize];
        &self.values[v as usize]
    }

    /// The texts of the sheet's string cells, each at least once (a text many cells share
    /// comes once).
    pub fn strings(&self) -> impl Iterator<Item = &str> {
        self.values.iter().filter_map(|d| {
            if let Data::String(s) = d {
                Some(s.as_str())
            } else {
                None
            }
        })
    }

    /// Replaces every string value for which `change` gives a new text, and returns the
    /// positions of the cells changed, row by row, each with what `change` said of it.
    pub fn replace_strings<T: Copy>(
        &mut self,
        mut change: impl FnMut(&str) -> Option<(String, T)>,
    ) -> Vec<((u32, u32), T)> {
        let mut changed: Vec<Option<T>> = vec![None; self.values.len()];
        for (v, d) in self.values.iter_mut().enumerate() {
            if let Data::String(s) = d
                && let Some((new, what)) = change(s)
            {
                *s = new;
                changed[v] = Some(what);
            }
        }
        if changed.iter().all(Option::is_none) {
            return Vec::new();
        }
        let (r0, c0, cols) = (self.r0, self.c0, self.cols.max(1));
        self.cells
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                let what = changed[*v as usize]?;
                Some(((r0 + i as u32 / cols, c0 + i as u32 % cols), what))
            })
            .collect()
    }

    /// The cell as trimmed text; numbers without a fraction are written as integers.
    pub fn text(&self, row: u32, col: u32) -> String {
        cell_text(self.get(row, col))
    }

    /// Whether every cell of the row is empty.
    pub fn row_is_empty(&self, row: u32) -> bool {
        (self.c0..self.end_col()).all(|c| match self.get(row, c) {
            Data::Empty => true,
            Data::String(s) => s.trim().is_empty(),
            _ => false,
        })
    }

    /// The cell's text without copying when it is a string (trimmed); numbers and others are
    /// formatted as by [`Grid::text`].
    pub fn str_at(&self, row: u32, col: u32) -> std::borrow::Cow<'_, str> {
        match self.get(row, col) {
            Data::String(s) => std::borrow::Cow::Borrowed(s.trim()),
            Data::Empty => std::borrow::Cow::Borrowed(""),
            other => std::borrow::Cow::Owned(cell_text(other)),
        }
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
            // A unit after the number ("98 hộ", "1.350 hộ", "120 phiếu") is the column's word.
            let t = s.trim();
            let t = ["hộ", "Hộ", "HỘ", "phiếu", "Phiếu", "ho", "phieu"]
                .iter()
                .find_map(|u| t.strip_suffix(u))
                .map(str::trim_end)
                .filter(|n| !n.is_empty())
                .unwrap_or(t);
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
    // In u64: a hostile file may name row or column u32::MAX, and its name must still print.
    let mut c = col as u64 + 1;
    let mut letters = Vec::new();
    while c > 0 {
        let r = (c - 1) % 26;
        letters.push(b'A' + r as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!(
        "{}{}",
        String::from_utf8(letters).expect("ASCII"),
        row as u64 + 1
    )
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
        // Regression (blind try): a register giving its households with the unit.
        assert_eq!(whole_number(&Data::String("98 hộ".into())), Some(98));
        assert_eq!(whole_number(&Data::String("1.350 hộ".into())), Some(1350));
        assert_eq!(whole_number(&Data::String("hộ".into())), None);
        assert_eq!(whole_number(&Data::Float(1.5)), None);
        assert_eq!(whole_number(&Data::Int(-3)), None);
        assert_eq!(whole_number(&Data::String("mười".into())), None);
    }
}
