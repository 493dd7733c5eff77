//! Text folding for matching names and headers typed by people.
//!
//! "Xã Chiềng Mung", "xa chieng  mung" and "CHIỀNG MUNG" must find the same commune, so names are
//! compared in a folded form: Unicode NFD without combining marks, đ→d, lower case, single spaces.
//! Folded text is only ever a key; what is stored and shown keeps its original spelling (in NFC).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The matching key of `s`: no accents, lower case, `đ`→`d`, runs of whitespace and
/// punctuation-like separators collapsed to one space.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        };
        if c.is_whitespace() || c == '_' || c == '\u{a0}' {
            if !space {
                out.push(' ');
                space = true;
            }
            continue;
        }
        for l in c.to_lowercase() {
            out.push(l);
        }
        space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The folded name without its administrative prefix ("xã", "phường", "thị trấn", "bản", ...),
/// so that "Chiềng Mung" matches "Xã Chiềng Mung".
pub fn fold_place(s: &str) -> String {
    let f = fold(s);
    for prefix in ["xa ", "phuong ", "thi tran ", "thi xa ", "huyen "] {
        if let Some(rest) = f.strip_prefix(prefix) {
            return rest.trim().to_string();
        }
    }
    f
}

/// NFC form with surrounding whitespace trimmed: how names are stored.
pub fn clean(s: &str) -> String {
    let s = s.trim();
    // Nearly all text is NFC already (an import converts every cell when it reads the sheet):
    // the quick check answers without building the text again char by char, which every form's
    // free-text cells paid.
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        return s.to_string();
    }
    s.nfc().collect()
}

/// Levenshtein distance between two folded strings, for "did you mean" suggestions.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Characters of a wanted name compared by [`closest`].
const MAX_COMPARED: usize = 100;

/// Up to `n` of `candidates` closest to `wanted` (folded comparison), closest first.
pub fn closest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    n: usize,
) -> Vec<&'a str> {
    // Edit distance costs the product of the lengths: a cell of a megabyte compared with every
    // commune took a minute. No name is this long, and its first characters decide anyway.
    let w: String = fold_place(wanted).chars().take(MAX_COMPARED).collect();
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|c| (distance(&w, &fold_place(c)), c))
        .collect();
    scored.sort();
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

/// Seconds since 1970 (UTC) as ISO 8601 (`2026-11-22T06:01:00Z`), without a date library.
pub fn iso_utc(secs: i64) -> String {
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Xã  Chiềng Mung "), "xa chieng mung");
        assert_eq!(fold("ĐOÀN KẾT"), "doan ket");
        assert_eq!(fold_place("Xã Chiềng Mung"), "chieng mung");
        assert_eq!(fold_place("chieng mung"), "chieng mung");
    }

    #[test]
    fn decomposed_input_folds_like_composed() {
        let nfd: String = "Chiềng".nfd().collect();
        assert_eq!(fold(&nfd), fold("Chiềng"));
        assert_eq!(clean(&nfd), "Chiềng");
    }

    #[test]
    fn closest_ranks_by_edit_distance() {
        let c = ["Bản Mung", "Bản Nà Ban", "Tiểu khu 1"];
        assert_eq!(closest("ban mug", c, 1), vec!["Bản Mung"]);
    }
}
