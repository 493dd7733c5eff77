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
    /// Forms returned (tally sheets).
    Returned,
    /// A household identifier (mã hộ): used only to find duplicates, never stored.
    HouseholdId,
    /// Row number.
    Stt,
    /// Household head's name: personal data, never read.
    Name,
    /// "Không hợp lệ": the commune declares the form invalid, with a reason or a mark.
    MarkedInvalid,
}

/// Classifies one header cell.
pub fn classify(cell: &str) -> Option<Col> {
    let f = fold(cell);
    let f = f.trim_end_matches([':', '.', '*']).trim();
    if f.is_empty() {
        return None;
    }
    // An item header may carry its text ("Câu 9. Nhà ở dân cư", "1. Quy hoạch"): it is read as
    // an item before any word inside the text ("hộ", "thu về") can make it something else.
    if (f.starts_with(|c: char| c.is_ascii_digit())
        || f.starts_with("cau ")
        || f.starts_with("noi dung ")
        || f.starts_with("tieu chi ")
        || f.starts_with("nd "))
        && let Some(n) = item_number(f)
    {
        return Some(Col::Item(n));
    }
    if f == "stt" || f == "tt" || f == "so tt" {
        return Some(Col::Stt);
    }
    if f.contains("phat ra") {
        return Some(Col::Issued);
    }
    if f.contains("thu ve") || f.starts_with("so phieu thu") || f == "phieu thu" {
        return Some(Col::Returned);
    }
    if f == "ma ho" || f == "ma so ho" || f == "ma ho gia dinh" {
        return Some(Col::HouseholdId);
    }
    if f.contains("so ho") || f == "ho" || f.contains("tong ho") {
        return Some(Col::Households);
    }
    // Before "lý do": the column is often headed "Không hợp lệ (lý do)".
    if f.contains("khong hop le") || f == "phieu hong" || f == "huy" {
        return Some(Col::MarkedInvalid);
    }
    if f.contains("ly do") {
        return Some(Col::Reason);
    }
    if f.contains("y kien khac")
        || f.contains("kien nghi")
        || f.contains("de xuat")
        || f.contains("gop y")
    {
        return Some(Col::Other);
    }
    if f.contains("ho ten") || f.contains("ten chu ho") || f == "ho va ten" || f == "chu ho" {
        return Some(Col::Name);
    }
    if is_area_header(f) {
        return Some(Col::Area);
    }
    if matches!(
        f,
        "so phieu" | "phieu so" | "ma phieu" | "so thu tu phieu" | "stt phieu" | "phieu"
    ) {
        return Some(Col::FormNo);
    }
    item_number(f).map(Col::Item)
}

/// Words for a residential area, folded: the unit itself (khu dân cư, thôn, bản, tổ dân phố,
/// tiểu khu, xóm, ấp, buôn, làng, …) and its abbreviations (KDC, TDP).
const AREA_WORDS: &[&str] = &[
    "khu dan cu",
    // An address column of a form list holds the bản: its values must still be areas of the
    // register, or the row is rejected.
    "dia chi",
    "dia ban",
    "kdc",
    "thon",
    "ban",
    "to dan pho",
    "tdp",
    "to",
    "tieu khu",
    "khu",
    "xom",
    "ap",
    "buon",
    "lang",
    "khom",
    "pum",
    "phum",
    "soc",
    "plei",
    "bon",
    "cum dan cu",
];

/// Whether a folded header names the area column by its vocabulary: one or more unit words,
/// joined by `/`, `-`, `,`, `;`, "và", "hoặc" or in brackets, optionally after "Tên" or
/// "Thuộc" ("Thôn/Bản", "Bản - Tiểu khu", "Tên thôn, tổ dân phố", "TDP", "Khu dân cư (thôn)").
pub fn is_area_header(folded: &str) -> bool {
    let mut s = format!(" {folded} ");
    for sep in ["/", "-", ",", ";", "(", ")", "&", "+", "\\", "|"] {
        s = s.replace(sep, " | ");
    }
    for joiner in [" va ", " hoac ", " hay "] {
        s = s.replace(joiner, " | ");
    }
    let parts: Vec<String> = s
        .split('|')
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    !parts.is_empty()
        && parts.iter().enumerate().all(|(i, p)| {
            let p = if i == 0 {
                ["ten ", "thuoc ", "ten cac "]
                    .iter()
                    .find_map(|x| p.strip_prefix(x))
                    .unwrap_or(p)
            } else {
                p.strip_prefix("ten ").unwrap_or(p)
            };
            AREA_WORDS.contains(&p)
        })
}

fn item_number(f: &str) -> Option<u32> {
    let rest = [
        "cau hoi so ",
        "cau hoi ",
        "cau so ",
        "cau ",
        "noi dung so ",
        "noi dung ",
        "tieu chi so ",
        "tieu chi ",
        "tc ",
        "tc",
        "nd ",
        "c",
        "q",
    ]
    .iter()
    .find_map(|p| f.strip_prefix(p))
    .unwrap_or(f)
    .trim();
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return None;
    }
    // The number may be followed by the item's text: "Câu 1. Quy hoạch", "1: Quy hoạch",
    // "Nội dung 1 - Giao thông", "1) Điện". A separator is required, so "1a" or "12 345" are
    // not items, and the text must start with a letter ("1.200" is a number, not item 1).
    let tail = &rest[digits..];
    if !tail.is_empty() {
        let t = tail.trim_start();
        let sep = t.chars().next()?;
        if !matches!(sep, '.' | ':' | ')' | '-' | '\u{2013}' | '/' | '(') {
            return None;
        }
        // After "(" anything may follow ("Câu 1 (1: HL; 2: KHL)"); after the others, text.
        let text = t[sep.len_utf8()..].trim_start();
        if sep != '(' && !text.is_empty() && !text.starts_with(|c: char| c.is_alphabetic()) {
            return None;
        }
    }
    let n: u32 = rest[..digits].parse().ok()?;
    (n >= 1).then_some(n)
}

/// Whether a sub-header cell labels the satisfied (`Some(true)`) or the not-satisfied
/// (`Some(false)`) column of an item.
pub fn marker_label(cell: &str) -> Option<bool> {
    let f = fold(cell);
    let f = f.trim_end_matches([':', '.']).trim();
    let f = f.strip_prefix("so phieu ").unwrap_or(f);
    match f {
        "hai long" | "hl" | "co hai long" => Some(true),
        "khong hai long" | "chua hai long" | "khl" | "chl" | "khong" => Some(false),
        _ => None,
    }
}

/// A marker cell of the two-column layout: `Some(true)` marked, `Some(false)` empty, `None`
/// for a value that is not a mark.
pub fn marker(text: &str) -> Option<bool> {
    // An empty cell or an `x` is nearly every marker cell of a large import (two per item per
    // form), and folding one cost 9 % of a two-marker import (perf): these need no folding.
    match text {
        "" | "0" | "-" => return Some(false),
        "x" | "X" | "1" | "v" | "V" | "+" => return Some(true),
        _ => {}
    }
    let f = fold(text);
    match f.as_str() {
        "" | "0" | "-" => Some(false),
        "x" | "1" | "v" | "+" | "co" | "\u{2713}" | "\u{2714}" | "\u{221a}" | "\u{2611}"
        | "\u{25cf}" | "\u{2022}" | "true" | "yes" => Some(true),
        _ => None,
    }
}

/// Whether a cell labels a totals or subtotals row: "Cộng", "Tổng cộng", "Tổng số", "Cộng toàn
/// xã", "Tổng cộng (3 bản)", "Cộng bản Nà Sản", "Toàn xã". A name that merely starts with the
/// same letters ("Cộng Hòa", "Tổng Lương") is not one.
pub fn is_total_label(text: &str) -> bool {
    let f = fold(text);
    let f = f.trim_matches(|c: char| c == ':' || c == '.' || c == '*' || c.is_whitespace());
    if matches!(f, "toan xa" | "ca xa" | "toan ban" | "toan thon") {
        return true;
    }
    let Some(rest) = ["tong cong", "tong so", "tong hop", "tong", "cong"]
        .iter()
        .find_map(|k| f.strip_prefix(k))
    else {
        return false;
    };
    let rest = rest.trim_start_matches([':', ' ', '-', '\u{2013}']);
    let first_word = rest
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    rest.is_empty()
        || rest.starts_with('(')
        || [
            "toan", "ca", "chung", "cac", "xa", "so", "phieu", "ho", "ban", "thon", "khu", "tieu",
            "to", "xom", "kdc", "cong", "i", "ii", "iii", "iv",
        ]
        .contains(&first_word)
}

/// Whether a cell below a table ends it: a date line ("Chiềng Mung, ngày 15 tháng 10 năm 2025",
/// "ngày … tháng … năm …"), a signature title or instruction ("Người tổng hợp", "TRƯỞNG BAN",
/// "(Ký, ghi rõ họ tên)", "T/M BAN CÔNG TÁC MẶT TRẬN") or notes ("Ghi chú: …").
pub fn footer_kind(text: &str) -> Option<super::reading::RowWhy> {
    use super::reading::RowWhy;
    let f = fold(text);
    let f = f.trim_matches(|c: char| c == '(' || c == ')' || c == '*' || c.is_whitespace());
    if f.is_empty() {
        return None;
    }
    if let Some(i) = f.find("ngay")
        && let Some(j) = f[i..].find("thang")
        && f[i + j..].contains("nam")
    {
        return Some(RowWhy::DateLine);
    }
    const SIGNATURE: &[&str] = &[
        "nguoi tong hop",
        "nguoi lap",
        "nguoi kiem tra",
        "nguoi nhap",
        "nguoi ghi",
        "nguoi duyet",
        "truong ban",
        "pho truong ban",
        "truong thon",
        "truong ban",
        "truong khu",
        "truong tieu khu",
        "to truong",
        "bi thu",
        "chu tich",
        "pho chu tich",
        "t/m",
        "tm.",
        "tm ",
        "thay mat",
        "xac nhan",
        "can bo",
        "thu ky",
        "dai dien",
        "ban cong tac mat tran",
        "ban thuong truc",
        "uy ban mttq",
        "noi nhan",
        "ky ten",
        "ky, ghi ro",
        "ky ghi ro",
        "ky va ghi ro",
        "ky, dong dau",
        "ky, ho ten",
    ];
    if SIGNATURE.iter().any(|w| f.starts_with(w)) {
        return Some(RowWhy::Signature);
    }
    if ["ghi chu", "chu thich", "luu y", "nguon:", "nguon so lieu"]
        .iter()
        .any(|w| f.starts_with(w))
    {
        return Some(RowWhy::Notes);
    }
    None
}

/// Whether an "ý kiến khác" cell says there is no opinion: "Không", "Không có", "Không có ý
/// kiến", "Không ý kiến", "Chưa có", "Nhất trí", "-", "x", "0", "…".
pub fn is_no_opinion(text: &str) -> bool {
    // An opinion is most often a sentence: longer than any of these, it needs no folding.
    if text.chars().count() > 48 {
        return false;
    }
    let f = fold(text);
    let f = f.trim_matches(|c: char| {
        matches!(c, '.' | '!' | '\u{2026}' | '(' | ')' | ',' | ';') || c.is_whitespace()
    });
    if matches!(
        f,
        "" | "-" | "--" | "_" | "x" | "0" | "/" | "k" | "ko" | "kg" | "khong"
    ) {
        return true;
    }
    // Word by word, abbreviations spelled out ("K/c" is "không có").
    let mut words: Vec<&str> = f
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| match w {
            "ko" | "k" | "kg" | "khg" => "khong",
            "c" => "co",
            w => w,
        })
        .collect();
    // Polite or filler words at the end ("Nhất trí ạ", "Không có gì cả").
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| matches!(*w, "a" | "ca" | "het" | "nua" | "them" | "gi"))
    {
        words.pop();
    }
    let phrase = words.join(" ");
    if matches!(
        phrase.as_str(),
        "nhat tri"
            | "dong y"
            | "hoan toan dong y"
            | "hoan toan nhat tri"
            | "binh thuong"
            | "khong co van de"
            | "khong co gi"
    ) {
        return true;
    }
    // A negation ("không", "không có", "chưa có") followed only by words that name an opinion
    // or fill the phrase: "Không có ý kiến đóng góp", "Không có kiến nghị, đề xuất", "Chưa có ý
    // kiến gì thêm". Any other word ("Không có đèn đường") makes it an opinion.
    const NAMING: &[&str] = &[
        "y", "kien", "nghi", "de", "xuat", "dong", "gop", "gi", "them", "khac", "ca", "a", "va",
        "nao", "hoac", "het", "nua", "phan", "anh",
    ];
    let rest: &[&str] = match words.as_slice() {
        ["khong", "co", rest @ ..] | ["chua", "co", rest @ ..] | ["khong", rest @ ..] => rest,
        _ => return false,
    };
    rest.iter().all(|w| NAMING.contains(w))
}

/// A yes/no answer: `Some(true)` for "Có", `Some(false)` for "Không".
pub fn yes_no(text: &str) -> Option<bool> {
    match fold(text).trim_end_matches(['.', '!']).trim() {
        "co" => Some(true),
        "khong" => Some(false),
        _ => None,
    }
}

/// The codes a legend cell defines: "1: Hài lòng; 2: Không hài lòng", "Cách ghi: 1 - Hài
/// lòng, 2 - Không hài lòng", "(1) Hài lòng (2) Không hài lòng", "Hài lòng = 1". A legend must
/// define a code for both answers; codes are one or two digits or one letter.
pub fn parse_legend(text: &str) -> Option<Vec<(String, Answer)>> {
    let f = fold(text);
    if !f.contains("hai long") && !f.contains("hl") {
        return None;
    }
    // Cut before every code that starts an entry: "(1)", "1:", "1 -", "1=", "1)", "1.".
    let chars: Vec<char> = f.chars().collect();
    let mut pairs: Vec<(String, Answer)> = Vec::new();
    let is_sep = |c: char| matches!(c, ':' | '=' | '-' | '\u{2013}' | ')' | '.');
    let mut i = 0;
    let mut entries: Vec<(String, usize, usize)> = Vec::new(); // (code, label start, entry start)
    while i < chars.len() {
        let boundary = i == 0 || !chars[i - 1].is_alphanumeric();
        if boundary {
            let (mut j, paren) = if chars[i] == '(' {
                (i + 1, true)
            } else {
                (i, false)
            };
            let start = j;
            while j < chars.len() && chars[j].is_ascii_digit() && j - start < 2 {
                j += 1;
            }
            if j == start && j < chars.len() && chars[j].is_ascii_lowercase() {
                j += 1;
            }
            let code: String = chars[start..j].iter().collect();
            if !code.is_empty() && (j >= chars.len() || !chars[j].is_alphanumeric()) {
                let mut k = j;
                while k < chars.len() && chars[k] == ' ' {
                    k += 1;
                }
                let ok = if paren {
                    k < chars.len() && chars[k] == ')'
                } else {
                    k < chars.len() && is_sep(chars[k])
                };
                if ok {
                    entries.push((code, k + 1, i));
                    i = k + 1;
                    continue;
                }
                // "1 là hài lòng": the word "là" as the separator (a number only, so that no
                // word of the text is taken for a code).
                let is_la = !paren
                    && code.chars().all(|c| c.is_ascii_digit())
                    && chars.get(k..k + 3).is_some_and(|w| w == ['l', 'a', ' ']);
                if is_la {
                    entries.push((code, k + 3, i));
                    i = k + 3;
                    continue;
                }
            }
        }
        i += 1;
    }
    for (n, (code, label_start, _)) in entries.iter().enumerate() {
        let end = entries.get(n + 1).map(|e| e.2).unwrap_or(chars.len());
        let label: String = chars[*label_start..end.max(*label_start)].iter().collect();
        let label = label
            .split([';', ',', '|', '\n'])
            .next()
            .unwrap_or("")
            .trim()
            .trim_end_matches(['.', ';', ',', ')'])
            .trim();
        let a = match answer(label) {
            Some(a @ (Answer::Satisfied | Answer::Dissatisfied)) => a,
            _ if matches!(
                label,
                "bo trong"
                    | "khong tra loi"
                    | "khong y kien"
                    | "khong co y kien"
                    | "khong danh gia"
            ) =>
            {
                Answer::Blank
            }
            _ => continue,
        };
        if pairs.iter().any(|(c, _)| *c == *code) {
            return None;
        }
        pairs.push((code.clone(), a));
    }
    // "Hài lòng = 1; Không hài lòng = 2": the label comes first.
    if pairs.is_empty() {
        for seg in f.split([';', ',', '|', '\n']) {
            let Some((label, code)) = seg.rsplit_once(['=', ':', '-']) else {
                continue;
            };
            let code = code.trim();
            if code.is_empty() || code.len() > 2 || !code.chars().all(|c| c.is_ascii_alphanumeric())
            {
                continue;
            }
            let label = label.trim().rsplit(':').next().unwrap_or("").trim();
            if let Some(a @ (Answer::Satisfied | Answer::Dissatisfied)) = answer(label) {
                pairs.push((code.to_string(), a));
            }
        }
    }
    let has = |a: Answer| pairs.iter().any(|p| p.1 == a);
    (has(Answer::Satisfied) && has(Answer::Dissatisfied)).then_some(pairs)
}

/// Reads an answer cell of the one-column-per-item layout; `None` for a value that is neither.
pub fn answer(text: &str) -> Option<Answer> {
    // The dropdown's own words come first: they are nearly every cell of a large import, and
    // folding allocates.
    match text {
        "Hài lòng" => return Some(Answer::Satisfied),
        "Không hài lòng" => return Some(Answer::Dissatisfied),
        "" => return Some(Answer::Blank),
        _ => {}
    }
    let read = |t: &str| match answer_words(t).as_str() {
        "" => Some(Answer::Blank),
        "hai long" | "co hai long" | "rat hai long" => Some(Answer::Satisfied),
        "khong hai long" => Some(Answer::Dissatisfied),
        _ => None,
    };
    read(text).or_else(|| {
        // An answer with a note after it: "Hài lòng (đường xấu)", "Không hài lòng - thiếu
        // điện", "Hài lòng, nhưng …". The answer is the words before the note.
        let cut = [" - ", " – ", "(", ",", ";", ":"]
            .iter()
            .filter_map(|sep| text.find(sep))
            .min()?;
        let head = text[..cut].trim();
        (!head.is_empty()).then(|| read(head)).flatten()
    })
}

/// An answer's words, folded and spelled out: "HL" is "hai long"; "Ko", "K", "Kh", "Chưa" are
/// "khong" (people abbreviate the negation every way: "Ko hài lòng", "K.HL", "Chưa HL",
/// "KHL"); punctuation between the words ("K.HL", "K/HL", "Không-HL") is a space.
fn answer_words(text: &str) -> String {
    let f = fold(text);
    let f = f.trim_end_matches(['.', '!', ';', ',']).trim();
    let spaced: String = f
        .chars()
        .map(|c| {
            if matches!(c, '.' | '/' | '-' | '_') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut out: Vec<&str> = Vec::new();
    for w in spaced.split_whitespace() {
        match w {
            "hl" | "hailong" => out.extend(["hai", "long"]),
            "khl" | "chl" | "kohl" | "khonghl" => out.extend(["khong", "hai", "long"]),
            "ko" | "k" | "kh" | "khg" | "kg" | "khong" | "chua" | "ch" => out.push("khong"),
            w => out.push(w),
        }
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        assert_eq!(classify("Câu 1"), Some(Col::Item(1)));
        assert_eq!(classify("CÂU 19"), Some(Col::Item(19)));
        assert_eq!(classify("Nội dung 3"), Some(Col::Item(3)));
        assert_eq!(classify("Tiêu chí 4"), Some(Col::Item(4)));
        assert_eq!(classify("TC5"), Some(Col::Item(5)));
        assert_eq!(classify("Tiêu chí 2. Giao thông"), Some(Col::Item(2)));
        assert_eq!(classify("Kiến nghị, đề xuất"), Some(Col::Other));
        assert_eq!(classify("Góp ý khác"), Some(Col::Other));
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
        for h in [
            "Thôn/Bản",
            "Bản - Tiểu khu",
            "Tên thôn, tổ dân phố",
            "TDP",
            "KDC",
            "Tên bản",
            "Xóm",
            "Ấp",
            "Buôn",
            "Làng",
            "Tên khu dân cư",
            "Khu dân cư (thôn, bản)",
            "Thôn, bản, tiểu khu",
            "Tổ dân phố",
            "Thuộc thôn",
            "Thôn và xóm",
        ] {
            assert_eq!(classify(h), Some(Col::Area), "{h}");
        }
        for h in ["Tên chủ hộ", "Số hộ", "Bản đồ", "Lý do", "STT"] {
            assert_ne!(classify(h), Some(Col::Area), "{h}");
        }
        assert_eq!(classify("Cầu"), None);
    }

    #[test]
    fn markers() {
        for m in ["x", "X", "✓", "✔", "1", "√", "v", "V", "+", " x "] {
            assert_eq!(marker(m), Some(true), "{m}");
        }
        for m in ["", "0", "-", "  "] {
            assert_eq!(marker(m), Some(false), "{m:?}");
        }
        assert_eq!(marker("hài lòng"), None);
        assert_eq!(marker_label("Hài lòng"), Some(true));
        assert_eq!(marker_label("Không hài lòng"), Some(false));
        assert_eq!(marker_label("Chưa hài lòng"), Some(false));
        assert_eq!(classify("Số phiếu thu về"), Some(Col::Returned));
    }

    #[test]
    fn item_headers_may_carry_their_text() {
        for (h, n) in [
            ("Câu 1. Quy hoạch", 1),
            ("1. Quy hoạch", 1),
            ("Nội dung 3: Thủy lợi và phòng, chống thiên tai", 3),
            ("Câu 9 - Nhà ở dân cư", 9),
            ("10) Thu nhập", 10),
            ("Câu 1 (Quy hoạch)", 1),
            ("Câu 2 (1: HL; 2: KHL)", 2),
            ("Câu 7. Cơ sở hạ tầng thương mại nông thôn", 7),
        ] {
            assert_eq!(classify(h), Some(Col::Item(n)), "{h}");
        }
        // A number with a fraction or a thousands dot is not an item header.
        for h in ["1.200", "1a", "12 345", "1,5"] {
            assert!(!matches!(classify(h), Some(Col::Item(_))), "{h}");
        }
    }

    #[test]
    fn totals_labels_and_names_that_only_look_like_them() {
        for t in [
            "Cộng",
            "Tổng",
            "Tổng cộng",
            "TỔNG CỘNG:",
            "Tổng số",
            "Cộng toàn xã",
            "Tổng cộng toàn xã",
            "Toàn xã",
            "Cộng bản Nà Sản",
            "Tổng cộng (3 bản)",
            "Cộng I",
        ] {
            assert!(is_total_label(t), "{t}");
        }
        for t in [
            "Cộng Hòa",
            "Bản Tổng Lương",
            "Tổng Lương",
            "Thôn Cộng Hòa",
            "Bản Nà Sản",
        ] {
            assert!(!is_total_label(t), "{t}");
        }
    }

    #[test]
    fn footers_end_the_table() {
        use crate::ingest::reading::RowWhy;
        assert_eq!(
            footer_kind("Chiềng Mung, ngày 15 tháng 10 năm 2025"),
            Some(RowWhy::DateLine)
        );
        assert_eq!(
            footer_kind("…, ngày … tháng … năm …"),
            Some(RowWhy::DateLine)
        );
        for t in [
            "Người tổng hợp",
            "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN",
            "(Ký, ghi rõ họ tên)",
            "T/M BAN THƯỜNG TRỰC",
            "Xác nhận của UBND xã",
        ] {
            assert_eq!(footer_kind(t), Some(RowWhy::Signature), "{t}");
        }
        assert_eq!(
            footer_kind("Ghi chú: số liệu tạm tính"),
            Some(RowWhy::Notes)
        );
        for t in ["Bản Nà Sản", "Hài lòng", "Đề nghị làm đường", "Lò Văn Ước"]
        {
            assert_eq!(footer_kind(t), None, "{t}");
        }
    }

    #[test]
    fn no_opinion_words() {
        for t in [
            "Không",
            "không có",
            "Không có ý kiến",
            "Không ý kiến",
            "-",
            "x",
            "0",
            "Nhất trí.",
        ] {
            assert!(is_no_opinion(t), "{t}");
        }
        // Regression (blind try): these were counted as opinions.
        for t in [
            "Không có ý kiến gì",
            "Đồng ý",
            "Ko có ý kiến",
            "không có gì cả",
            "Nhất trí ạ",
            "Không có ý kiến đóng góp",
            "K/c",
            "Không có kiến nghị, đề xuất",
            "Không có ý kiến, kiến nghị",
            "Chưa có ý kiến gì thêm",
            "Hoàn toàn nhất trí",
        ] {
            assert!(is_no_opinion(t), "{t}");
        }
        for t in [
            "Đề nghị làm đường",
            "Không có đèn đường",
            "Cần thêm nước sạch",
        ] {
            assert!(!is_no_opinion(t), "{t}");
        }
    }

    #[test]
    fn legends_define_codes_for_both_answers() {
        let codes = |t: &str| {
            parse_legend(t).map(|v| {
                v.into_iter()
                    .map(|(c, a)| format!("{c}={a:?}"))
                    .collect::<Vec<_>>()
                    .join(",")
            })
        };
        for t in [
            "1: Hài lòng; 2: Không hài lòng",
            "Cách ghi: 1 - Hài lòng, 2 - Không hài lòng",
            "(1) Hài lòng (2) Không hài lòng",
            "Ghi chú: 1 = Hài lòng; 2 = Chưa hài lòng",
            "Hài lòng = 1; Không hài lòng = 2",
        ] {
            assert_eq!(
                codes(t).as_deref(),
                Some("1=Satisfied,2=Dissatisfied"),
                "{t}"
            );
        }
        assert_eq!(
            codes("A: Hài lòng; B: Không hài lòng").as_deref(),
            Some("a=Satisfied,b=Dissatisfied")
        );
        assert_eq!(
            codes("Câu 1 (1: HL; 2: KHL)").as_deref(),
            Some("1=Satisfied,2=Dissatisfied")
        );
        // Regression (blind try): a legend in words under the table.
        assert_eq!(
            codes("Ghi chú: 1 là hài lòng, 2 là không hài lòng").as_deref(),
            Some("1=Satisfied,2=Dissatisfied")
        );
        // One answer only, or no answer words: not a legend.
        assert_eq!(codes("1: Hài lòng"), None);
        assert_eq!(codes("1: Có; 2: Không"), None);
        assert_eq!(codes("Câu 1. Quy hoạch"), None);
    }

    #[test]
    fn answers() {
        for s in ["Hài lòng", "hài lòng", "HL", "Hai long", " HÀI LÒNG "] {
            assert_eq!(answer(s), Some(Answer::Satisfied), "{s}");
        }
        for s in [
            "Không hài lòng",
            "Chưa hài lòng",
            "KHL",
            "khong hai long",
            "Không HL",
            "Chưa HL",
            "K.HL",
            // Regression (blind try): "Ko hài lòng" was an invalid answer, so a file whose
            // officer wrote it stored 0 % not satisfied on every item.
            "Ko hài lòng",
            "KO HL",
            "K hài lòng",
            "Không-HL",
            "KHl",
        ] {
            assert_eq!(answer(s), Some(Answer::Dissatisfied), "{s}");
        }
        assert_eq!(answer(""), Some(Answer::Blank));
        // Regression (blind try): an answer with a note was an invalid answer.
        assert_eq!(answer("Hài lòng (đường xấu)"), Some(Answer::Satisfied));
        assert_eq!(
            answer("Không hài lòng - thiếu điện"),
            Some(Answer::Dissatisfied)
        );
        assert_eq!(
            answer("Hài lòng, nhưng cần sửa đường"),
            Some(Answer::Satisfied)
        );
        assert_eq!(answer("Đường xấu (hài lòng)"), None);
        assert_eq!(answer("x"), None);
        assert_eq!(answer("Có"), None);
    }
}
