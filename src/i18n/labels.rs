//! The labels of the import summary and the errors workbook.

use super::Lang;
use crate::ingest::{LayoutPart, Outcome};

crate::catalogue! {
    /// The labels of the import summary: every text hailong prints outside a problem, in both
    /// languages in one place. Templates name their values in braces (`{file}`), the same in both.
    pub enum Label {
        /// One file's line.
        FileLine => (
            "{file}: {commune}, mẫu {form}, bố cục {layout} — đọc {read} dòng, nhận {accepted}, loại {rejected}{left_out}, cảnh báo {warnings} → {outcome}",
            "{file}: {commune}, form {form}, layout {layout} — read {read} rows, accepted {accepted}, rejected {rejected}{left_out}, warnings {warnings} → {outcome}",
        ),
        /// Duplicates left out of a file, when there were any.
        Duplicates => (", bỏ {count} bản trùng", ", {count} duplicates merged"),
        /// Submissions not counted by their review status, when there were any.
        NotCounted => (
            ", không tính {count} bản bị từ chối khi duyệt",
            ", {count} rejected by review not counted",
        ),
        /// The last line.
        TotalLine => (
            "Tổng: {files} tệp; đọc {read} dòng = nhận {accepted} + loại {rejected}{left_out}.",
            "Total: {files} file(s); read {read} rows = accepted {accepted} + rejected {rejected}{left_out}.",
        ),
        /// Outcome: stored.
        Stored => ("đã lưu {accepted} phiếu", "stored {accepted} forms"),
        /// Outcome: replaced an earlier import of the same name.
        Replaced => (
            "đã thay bản nhập trước, lưu {accepted} phiếu",
            "replaced the earlier import, stored {accepted} forms",
        ),
        /// Outcome: same bytes already stored.
        Unchanged => (
            "không đổi (đã nhập trước đó)",
            "unchanged (imported before)",
        ),
        /// Outcome: the file is unusable or conflicts.
        Refused => ("TỪ CHỐI, không lưu", "REFUSED, not stored"),
        /// Outcome of `check`.
        Checked => ("đã kiểm tra (chưa lưu)", "checked (not stored)"),
        /// Outcome: every row rejected, nothing stored.
        NotStored => (
            "không lưu: mọi dòng đều bị loại",
            "not stored: every row was rejected",
        ),
        /// Outcome: not stored because the reading looks wrong.
        Doubtful => (
            "KHÔNG LƯU: cách đọc có vẻ sai (xem hailong check; --accept-partial để lưu phần đọc được)",
            "NOT STORED: the reading looks wrong (see hailong check; --accept-partial stores what was read)",
        ),
        /// Severity tag.
        Warning => ("cảnh báo", "warning"),
        /// Severity tag.
        Error => ("lỗi", "error"),
        /// Severity tag.
        Unusable => ("không dùng được", "unusable"),
        /// A group of identical problems.
        Repeated => ("{count} lần, tại {cells}", "{count} times, at {cells}"),
        /// Layout: the canonical form rows with an area column.
        LayoutBallots => ("phiếu từng hộ", "household forms"),
        /// Layout: one sheet per area.
        LayoutBallotsPerArea => ("mỗi khu một sheet", "one sheet per area"),
        /// Layout: the register of areas.
        LayoutRegister => ("danh sách khu dân cư", "register"),
        /// Layout: area tallies.
        LayoutTally => ("bảng tổng hợp theo khu", "area tallies"),
        /// Layout: an export read through a mapping file.
        LayoutMapping => ("qua tệp ánh xạ", "through a mapping"),
        /// Layout: a self-assessment of the criteria.
        LayoutAssessment => ("bảng tự đánh giá tiêu chí", "criteria self-assessment"),
        /// A self-assessment file's line in the import report.
        AssessmentLine => (
            "{file}: {commune}, bộ tiêu chí {set}, bố cục {layout} — đọc {read} chỉ tiêu, nhận {accepted}, loại {rejected}, cảnh báo {warnings} → {outcome}",
            "{file}: {commune}, criteria set {set}, layout {layout} — read {read} indicators, accepted {accepted}, rejected {rejected}, warnings {warnings} → {outcome}",
        ),
        /// Outcome of a self-assessment stored.
        StoredAssessment => (
            "đã lưu bảng tự đánh giá ({accepted} chỉ tiêu)",
            "stored the self-assessment ({accepted} indicators)",
        ),
        /// Outcome of a self-assessment replacing the commune's earlier one.
        ReplacedAssessment => (
            "đã thay bảng tự đánh giá trước đó ({accepted} chỉ tiêu)",
            "replaced the earlier self-assessment ({accepted} indicators)",
        ),
        /// The errors workbook's sheet.
        ErrorsSheet => ("Lỗi cần sửa", "Problems"),
        /// The errors workbook's column headers, `|` between them.
        ErrorsHeaders => (
            "Tệp|Sheet|Ô|Mức độ|Nội dung|Giá trị",
            "File|Sheet|Cell|Severity|Message|Value",
        ),
        /// The errors workbook's sheet of readings.
        ReadingSheet => ("Cách đọc", "Reading"),
        /// Its column headers, `|` between them.
        ReadingHeaders => (
            "Tệp|Sheet|Vị trí|Mục|Đã đọc thế nào",
            "File|Sheet|Where|What|How it was read",
        ),
    }
}

impl Label {
    /// The words for a kind of table in a file's layout.
    pub fn layout(part: LayoutPart) -> Label {
        match part {
            LayoutPart::Ballots => Label::LayoutBallots,
            LayoutPart::BallotsPerArea => Label::LayoutBallotsPerArea,
            LayoutPart::Register => Label::LayoutRegister,
            LayoutPart::Tally => Label::LayoutTally,
            LayoutPart::Mapping => Label::LayoutMapping,
            LayoutPart::SelfAssessment => Label::LayoutAssessment,
        }
    }

    /// A file's outcome in `lang`'s words, with its accepted rows where the words say them
    /// (indicators, not forms, for a self-assessment of the criteria: `assessment`).
    pub fn outcome_for(outcome: Outcome, accepted: &str, assessment: bool, lang: Lang) -> String {
        let with = |l: Label| l.fill(lang, &[("accepted", accepted)]);
        match outcome {
            Outcome::Stored if assessment => with(Label::StoredAssessment),
            Outcome::Replaced if assessment => with(Label::ReplacedAssessment),
            Outcome::Stored => with(Label::Stored),
            Outcome::Replaced => with(Label::Replaced),
            Outcome::Unchanged => Label::Unchanged.text(lang).to_string(),
            Outcome::Refused => Label::Refused.text(lang).to_string(),
            Outcome::Checked => Label::Checked.text(lang).to_string(),
            Outcome::NotStored => Label::NotStored.text(lang).to_string(),
            Outcome::Doubtful => Label::Doubtful.text(lang).to_string(),
            Outcome::Pending => String::new(),
        }
    }
}
