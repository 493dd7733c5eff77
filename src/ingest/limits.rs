//! The bounds on what one input file may cost, in one place.
//!
//! [`super::source`] opens files and refuses those past a bound; [`super::budget`] counts cells
//! and text against the same bounds while a sheet is read. Both need the numbers, and neither
//! should depend on the other for them, so they live here: a reader of either file finds every
//! limit, and how they relate (a workbook may hold two sheets' worth of cells), on one page.

/// Most bytes a file may have.
pub const MAX_FILE_BYTES: u64 = 256 << 20;
/// Most bytes a zip-based workbook may inflate to.
pub const MAX_INFLATED_BYTES: u64 = 1 << 30;
/// Most cells a sheet may span (rows × columns of its used block): about 160 MB in memory.
pub const MAX_GRID_CELLS: u64 = 5_000_000;
/// Most cells (extent of every sheet together) one file may make calamine build.
pub const MAX_WORKBOOK_CELLS: u64 = 2 * MAX_GRID_CELLS;
/// Most bytes of text all the sheets of one file may hold once read (each cell's own copy).
pub const MAX_STRING_BYTES: u64 = 256 << 20;
