//! The two languages of every user-facing message.
//!
//! Vietnamese with full diacritics is the default, English comes with `--lang en`. Each layer's
//! error enum implements [`Localized`]; its `Display` is the Vietnamese text so that nothing
//! reaches a user untranslated by accident.

use std::fmt;

/// The language messages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// Tiếng Việt (default).
    #[default]
    Vi,
    /// English.
    En,
}

/// A message that exists in both languages.
pub trait Localized {
    /// The message in English.
    fn en(&self) -> String;
    /// The message in `lang`.
    fn message(&self, lang: Lang) -> String
    where
        Self: fmt::Display,
    {
        match lang {
            Lang::Vi => self.to_string(),
            Lang::En => self.en(),
        }
    }
}

/// Picks the text of `lang` from a pair.
pub fn pick(lang: Lang, vi: impl Into<String>, en: impl Into<String>) -> String {
    match lang {
        Lang::Vi => vi.into(),
        Lang::En => en.into(),
    }
}

/// The labels of the import summary: every text hailong prints outside a problem, in both
/// languages in one place. Templates name their values in braces (`{file}`), the same in both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// One file's line.
    FileLine,
    /// Duplicates left out of a file, when there were any.
    Duplicates,
    /// Submissions not counted by their review status, when there were any.
    NotCounted,
    /// The last line.
    TotalLine,
    /// Outcome: stored.
    Stored,
    /// Outcome: replaced an earlier import of the same name.
    Replaced,
    /// Outcome: same bytes already stored.
    Unchanged,
    /// Outcome: the file is unusable or conflicts.
    Refused,
    /// Outcome of `check`.
    Checked,
    /// Outcome: every row rejected, nothing stored.
    NotStored,
    /// Outcome: not stored because the reading looks wrong.
    Doubtful,
    /// Severity tag.
    Warning,
    /// Severity tag.
    Error,
    /// Severity tag.
    Unusable,
    /// A group of identical problems.
    Repeated,
    /// Layout: the canonical form rows with an area column.
    LayoutBallots,
    /// Layout: one sheet per area.
    LayoutBallotsPerArea,
    /// Layout: the register of areas.
    LayoutRegister,
    /// Layout: area tallies.
    LayoutTally,
    /// Layout: an export read through a mapping file.
    LayoutMapping,
    /// Layout: a self-assessment of the criteria.
    LayoutAssessment,
    /// A self-assessment file's line in the import report.
    AssessmentLine,
    /// Outcome of a self-assessment stored.
    StoredAssessment,
    /// Outcome of a self-assessment replacing the commune's earlier one.
    ReplacedAssessment,
    /// The errors workbook's sheet.
    ErrorsSheet,
    /// The errors workbook's column headers, `|` between them.
    ErrorsHeaders,
    /// The errors workbook's sheet of readings.
    ReadingSheet,
    /// Its column headers, `|` between them.
    ReadingHeaders,
}

impl Label {
    /// Every label, for the catalogue's test.
    pub const ALL: &'static [Label] = &[
        Label::FileLine,
        Label::Duplicates,
        Label::NotCounted,
        Label::TotalLine,
        Label::Stored,
        Label::Replaced,
        Label::Unchanged,
        Label::Refused,
        Label::Checked,
        Label::NotStored,
        Label::Doubtful,
        Label::Warning,
        Label::Error,
        Label::Unusable,
        Label::Repeated,
        Label::LayoutBallots,
        Label::LayoutBallotsPerArea,
        Label::LayoutRegister,
        Label::LayoutTally,
        Label::LayoutMapping,
        Label::LayoutAssessment,
        Label::AssessmentLine,
        Label::StoredAssessment,
        Label::ReplacedAssessment,
        Label::ErrorsSheet,
        Label::ErrorsHeaders,
        Label::ReadingSheet,
        Label::ReadingHeaders,
    ];

    /// (Vietnamese, English).
    pub fn texts(self) -> (&'static str, &'static str) {
        match self {
            Label::FileLine => (
                "{file}: {commune}, mẫu {form}, bố cục {layout} — đọc {read} dòng, nhận {accepted}, loại {rejected}{left_out}, cảnh báo {warnings} → {outcome}",
                "{file}: {commune}, form {form}, layout {layout} — read {read} rows, accepted {accepted}, rejected {rejected}{left_out}, warnings {warnings} → {outcome}",
            ),
            Label::Duplicates => (", bỏ {count} bản trùng", ", {count} duplicates merged"),
            Label::NotCounted => (
                ", không tính {count} bản bị từ chối khi duyệt",
                ", {count} rejected by review not counted",
            ),
            Label::TotalLine => (
                "Tổng: {files} tệp; đọc {read} dòng = nhận {accepted} + loại {rejected}{left_out}.",
                "Total: {files} file(s); read {read} rows = accepted {accepted} + rejected {rejected}{left_out}.",
            ),
            Label::Stored => ("đã lưu {accepted} phiếu", "stored {accepted} forms"),
            Label::Replaced => (
                "đã thay bản nhập trước, lưu {accepted} phiếu",
                "replaced the earlier import, stored {accepted} forms",
            ),
            Label::Unchanged => (
                "không đổi (đã nhập trước đó)",
                "unchanged (imported before)",
            ),
            Label::Refused => ("TỪ CHỐI, không lưu", "REFUSED, not stored"),
            Label::Checked => ("đã kiểm tra (chưa lưu)", "checked (not stored)"),
            Label::NotStored => (
                "không lưu: mọi dòng đều bị loại",
                "not stored: every row was rejected",
            ),
            Label::Doubtful => (
                "KHÔNG LƯU: cách đọc có vẻ sai (xem hailong check; --accept-partial để lưu phần đọc được)",
                "NOT STORED: the reading looks wrong (see hailong check; --accept-partial stores what was read)",
            ),
            Label::Warning => ("cảnh báo", "warning"),
            Label::Error => ("lỗi", "error"),
            Label::Unusable => ("không dùng được", "unusable"),
            Label::Repeated => ("{count} lần, tại {cells}", "{count} times, at {cells}"),
            Label::LayoutBallots => ("phiếu từng hộ", "household forms"),
            Label::LayoutBallotsPerArea => ("mỗi khu một sheet", "one sheet per area"),
            Label::LayoutRegister => ("danh sách khu dân cư", "register"),
            Label::LayoutTally => ("bảng tổng hợp theo khu", "area tallies"),
            Label::LayoutMapping => ("qua tệp ánh xạ", "through a mapping"),
            Label::LayoutAssessment => ("bảng tự đánh giá tiêu chí", "criteria self-assessment"),
            Label::AssessmentLine => (
                "{file}: {commune}, bộ tiêu chí {set}, bố cục {layout} — đọc {read} chỉ tiêu, nhận {accepted}, loại {rejected}, cảnh báo {warnings} → {outcome}",
                "{file}: {commune}, criteria set {set}, layout {layout} — read {read} indicators, accepted {accepted}, rejected {rejected}, warnings {warnings} → {outcome}",
            ),
            Label::StoredAssessment => (
                "đã lưu bảng tự đánh giá ({accepted} chỉ tiêu)",
                "stored the self-assessment ({accepted} indicators)",
            ),
            Label::ReplacedAssessment => (
                "đã thay bảng tự đánh giá trước đó ({accepted} chỉ tiêu)",
                "replaced the earlier self-assessment ({accepted} indicators)",
            ),
            Label::ErrorsSheet => ("Lỗi cần sửa", "Problems"),
            Label::ErrorsHeaders => (
                "Tệp|Sheet|Ô|Mức độ|Nội dung|Giá trị",
                "File|Sheet|Cell|Severity|Message|Value",
            ),
            Label::ReadingSheet => ("Cách đọc", "Reading"),
            Label::ReadingHeaders => (
                "Tệp|Sheet|Vị trí|Mục|Đã đọc thế nào",
                "File|Sheet|Where|What|How it was read",
            ),
        }
    }

    /// The text in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        let (vi, en) = self.texts();
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// The template in `lang` with its `{name}` values filled in.
    pub fn fill(self, lang: Lang, values: &[(&str, &str)]) -> String {
        let mut s = self.text(lang).to_string();
        for (k, v) in values {
            s = s.replace(&format!("{{{k}}}"), v);
        }
        s
    }

    /// A file's outcome code (`stored`, `replaced`, …) in `lang`'s words, with its accepted
    /// rows where the words say them.
    pub fn outcome(code: &str, accepted: &str, lang: Lang) -> String {
        Label::outcome_for(code, accepted, false, lang)
    }

    /// [`Label::outcome`] for a file that is a self-assessment of the criteria (`assessment`),
    /// whose accepted rows are indicators, not forms.
    pub fn outcome_for(code: &str, accepted: &str, assessment: bool, lang: Lang) -> String {
        match code {
            "stored" if assessment => Label::StoredAssessment.fill(lang, &[("accepted", accepted)]),
            "replaced" if assessment => {
                Label::ReplacedAssessment.fill(lang, &[("accepted", accepted)])
            }
            "stored" => Label::Stored.fill(lang, &[("accepted", accepted)]),
            "replaced" => Label::Replaced.fill(lang, &[("accepted", accepted)]),
            "unchanged" => Label::Unchanged.text(lang).to_string(),
            "refused" => Label::Refused.text(lang).to_string(),
            "checked" => Label::Checked.text(lang).to_string(),
            "not_stored" => Label::NotStored.text(lang).to_string(),
            "doubtful" => Label::Doubtful.text(lang).to_string(),
            other => other.to_string(),
        }
    }
}

/// The `{name}` placeholders of a template, sorted.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out: Vec<&str> = template
        .split('{')
        .skip(1)
        .filter_map(|p| p.split_once('}').map(|x| x.0))
        .collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_has_both_languages_with_the_same_values() {
        // ALL lists every variant, in order (a label added at the end must be added to ALL).
        assert_eq!(Label::ALL.len(), Label::ReadingHeaders as usize + 1);
        for (i, l) in Label::ALL.iter().enumerate() {
            assert_eq!(*l as usize, i, "{l:?}");
        }
        for l in Label::ALL {
            let (vi, en) = l.texts();
            assert!(!vi.trim().is_empty() && !en.trim().is_empty(), "{l:?}");
            assert_ne!(vi, en, "{l:?} is not translated");
            assert_eq!(placeholders(vi), placeholders(en), "{l:?}");
        }
    }
}
