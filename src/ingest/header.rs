//! Recognising header cells and answers as people write them.
//!
//! "Câu 1", "câu 1", "CAU 1", "Nội dung 1", "C1" and "1" all name item 1; "Khu dân cư", "Thôn",
//! "Bản" name the area column. Everything is compared folded (no accents, lower case). This module
//! decides what a cell means, never what to do about it.

use crate::model::Answer;
use crate::text::fold;

/// What a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    /// Residential area.
    Area,
    /// Form number.
    FormNo,
    /// Item `n`.
    Item(u32),
    /// Reason for dissatisfaction.
    Reason,
    /// Other opinions.
    Other,
    /// Households.
    Households,
    /// Forms issued.
    Issued,
    /// Row number.
    Stt,
    /// Household head's name: personal data, never read.
    Name,
}

/// Classifies one header cell.
pub fn classify(cell: &str) -> Option<Col> {
    let f = fold(cell);
    let f = f.trim_end_matches([':', '.', '*']).trim();
    if f.is_empty() {
        return None;
    }
    if f == "stt" || f == "tt" || f == "so tt" {
        return Some(Col::Stt);
    }
    if f.contains("phat ra") {
        return Some(Col::Issued);
    }
    if f.contains("so ho") || f == "ho" || f.contains("tong ho") {
        return Some(Col::Households);
    }
    if f.contains("ly do") {
        return Some(Col::Reason);
    }
    if f.contains("y kien khac") || f == "kien nghi" || f.contains("y kien, kien nghi") {
        return Some(Col::Other);
    }
    if f.contains("ho ten") || f.contains("ten chu ho") || f == "ho va ten" || f == "chu ho" {
        return Some(Col::Name);
    }
    if f.contains("khu dan cu")
        || matches!(
            f,
            "thon"
                | "ban"
                | "thon, ban"
                | "thon/ban"
                | "thon, ban, tieu khu"
                | "tieu khu"
                | "to dan pho"
                | "ap"
        )
    {
        return Some(Col::Area);
    }
    if matches!(
        f,
        "so phieu" | "phieu so" | "ma phieu" | "so thu tu phieu" | "phieu"
    ) {
        return Some(Col::FormNo);
    }
    item_number(f).map(Col::Item)
}

fn item_number(f: &str) -> Option<u32> {
    let rest = [
        "cau hoi so ",
        "cau hoi ",
        "cau so ",
        "cau ",
        "noi dung so ",
        "noi dung ",
        "nd ",
        "c",
        "q",
    ]
    .iter()
    .find_map(|p| f.strip_prefix(p))
    .unwrap_or(f)
    .trim();
    if !rest.is_empty() && rest.len() <= 3 && rest.chars().all(|c| c.is_ascii_digit()) {
        let n: u32 = rest.parse().ok()?;
        (n >= 1).then_some(n)
    } else {
        None
    }
}

/// Reads an answer cell of the one-column-per-item layout; `None` for a value that is neither.
pub fn answer(text: &str) -> Option<Answer> {
    let f = fold(text);
    let f = f.trim_end_matches(['.', '!']).trim();
    match f {
        "" => Some(Answer::Blank),
        "hai long" | "hl" => Some(Answer::Satisfied),
        "khong hai long" | "chua hai long" | "khl" | "chl" | "k hai long" => {
            Some(Answer::Dissatisfied)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        assert_eq!(classify("Câu 1"), Some(Col::Item(1)));
        assert_eq!(classify("CÂU 19"), Some(Col::Item(19)));
        assert_eq!(classify("Nội dung 3"), Some(Col::Item(3)));
        assert_eq!(classify("C12"), Some(Col::Item(12)));
        assert_eq!(classify("7"), Some(Col::Item(7)));
        assert_eq!(classify("Khu dân cư"), Some(Col::Area));
        assert_eq!(classify("Thôn"), Some(Col::Area));
        assert_eq!(classify("Số phiếu"), Some(Col::FormNo));
        assert_eq!(classify("Số phiếu phát ra"), Some(Col::Issued));
        assert_eq!(classify("Tổng số hộ"), Some(Col::Households));
        assert_eq!(classify("Lý do không hài lòng"), Some(Col::Reason));
        assert_eq!(classify("Ý kiến khác"), Some(Col::Other));
        assert_eq!(classify("Họ tên chủ hộ"), Some(Col::Name));
        assert_eq!(classify("Ghi chú"), None);
        assert_eq!(classify("Cầu"), None);
    }

    #[test]
    fn answers() {
        for s in ["Hài lòng", "hài lòng", "HL", "Hai long", " HÀI LÒNG "] {
            assert_eq!(answer(s), Some(Answer::Satisfied), "{s}");
        }
        for s in ["Không hài lòng", "Chưa hài lòng", "KHL", "khong hai long"] {
            assert_eq!(answer(s), Some(Answer::Dissatisfied), "{s}");
        }
        assert_eq!(answer(""), Some(Answer::Blank));
        assert_eq!(answer("x"), None);
        assert_eq!(answer("Có"), None);
    }
}
