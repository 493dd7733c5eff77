//! What a use case hands back to be saved or sent: built workbooks as bytes, and the one way
//! files are saved. Front-ends never write files themselves.

use super::AppError;
use std::path::Path;

/// A workbook built for the user: its bytes, to save or to send.
pub struct Built<T> {
    /// What it was built from (a score, or every commune's).
    pub of: T,
    /// The `.xlsx` bytes.
    pub bytes: Vec<u8>,
}

/// The bytes of a workbook just built (a failure to build or to serialise is one error).
pub(crate) fn bytes(
    wb: Result<rust_xlsxwriter::Workbook, rust_xlsxwriter::XlsxError>,
) -> Result<Vec<u8>, AppError> {
    wb.and_then(|mut wb| wb.save_to_buffer())
        .map_err(|x| AppError::Write {
            path: "(xlsx)".to_string(),
            message: x.to_string(),
        })
}

/// Saves a built workbook (or any output file) at `out`, through a temporary file beside it so
/// that a half-written file never replaces a good one.
pub fn save(out: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let err = |e: std::io::Error| AppError::Write {
        path: out.display().to_string(),
        message: e.to_string(),
    };
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(err)?;
    std::io::Write::write_all(&mut tmp, bytes).map_err(err)?;
    tmp.persist(out).map_err(|e| err(e.error))?;
    Ok(())
}
