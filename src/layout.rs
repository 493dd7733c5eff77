//! The vocabulary of the canonical survey workbook, shared by the template writer and the reader.
//!
//! One place says what the sheets are called and what their headers say, so that the workbook
//! `hailong template` writes is always the one `hailong import` reads best. Recognising the many
//! ways people write the same header is the reader's job (`ingest::header`), not this module's.

/// Sheet with the register of residential areas.
pub const REGISTER_SHEET: &str = "Khu dân cư";
/// Sheet with one row per returned form.
pub const BALLOT_SHEET: &str = "Phiếu";
/// Sheet listing the items' statements, for reference.
pub const ITEMS_SHEET: &str = "Nội dung phiếu";

/// Label of the commune cell (its value is in the next column).
pub const COMMUNE_LABEL: &str = "Xã:";
/// Label of the form-id cell.
pub const FORM_LABEL: &str = "Mẫu phiếu:";

/// Register headers.
pub const H_STT: &str = "STT";
/// Residential area.
pub const H_AREA: &str = "Khu dân cư";
/// Households at distribution.
pub const H_HOUSEHOLDS: &str = "Tổng số hộ";
/// Forms issued.
pub const H_ISSUED: &str = "Số phiếu phát ra";

/// Ballot headers.
pub const H_FORM_NO: &str = "Số phiếu";
/// Reason for dissatisfaction.
pub const H_REASON: &str = "Lý do không hài lòng";
/// Other opinions.
pub const H_OTHER: &str = "Ý kiến khác";
/// The commune declares the form invalid here (a reason or a mark).
pub const H_MARKED_INVALID: &str = "Không hợp lệ (lý do)";

/// Header of item `n`'s column.
pub fn item_header(n: u32) -> String {
    format!("Câu {n}")
}

/// The satisfied option as written in the dropdown.
pub const SATISFIED: &str = "Hài lòng";
/// The not-satisfied option as written in the dropdown.
pub const DISSATISFIED: &str = "Không hài lòng";

/// Row (0-based) of the register's header in the template.
pub const REGISTER_HEADER_ROW: u32 = 4;
/// Row (0-based) of the ballots' header in the template.
pub const BALLOT_HEADER_ROW: u32 = 2;
