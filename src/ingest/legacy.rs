//! Vietnamese typed in the legacy 8-bit encodings, and decomposed Unicode, made into NFC text.
//!
//! Sheets typed with TCVN3 (ABC, ".VnTime" fonts) or VNI fonts store each Vietnamese letter as
//! Latin-1 code points ("Hµi lßng", "Haøi loøng"). A sheet is judged as a whole: TCVN3 uses
//! U+00A1–U+00BF for its most frequent letters, which VNI never does; VNI marks tones with
//! characters that Unicode Vietnamese never contains (ø, û, ï, å, ä, ë, ü, æ, î, ñ, ö).
//! Only cells holding Latin-1 letters and nothing beyond U+00FF are converted, so a cell
//! already in Unicode is never touched. The TCVN3 table is TCVN 5712:1993 (VN3 part) as
//! published by glibc's iconv.

use std::collections::HashMap;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// The legacy encoding of a sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Legacy {
    /// TCVN3 (ABC).
    Tcvn3,
    /// VNI Windows.
    Vni,
}

impl Legacy {
    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC)",
            Legacy::Vni => "VNI",
        }
    }
}

/// TCVN 5712 code points 0xA1..=0xFF.
const TCVN3_A1_FF: [char; 95] = [
    '\u{0102}', '\u{00c2}', '\u{00ca}', '\u{00d4}', '\u{01a0}', '\u{01af}', '\u{0110}', '\u{0103}',
    '\u{00e2}', '\u{00ea}', '\u{00f4}', '\u{01a1}', '\u{01b0}', '\u{0111}', '\u{1eb0}', '\u{0300}',
    '\u{0309}', '\u{0303}', '\u{0301}', '\u{0323}', '\u{00e0}', '\u{1ea3}', '\u{00e3}', '\u{00e1}',
    '\u{1ea1}', '\u{1eb2}', '\u{1eb1}', '\u{1eb3}', '\u{1eb5}', '\u{1eaf}', '\u{1eb4}', '\u{1eae}',
    '\u{1ea6}', '\u{1ea8}', '\u{1eaa}', '\u{1ea4}', '\u{1ec0}', '\u{1eb7}', '\u{1ea7}', '\u{1ea9}',
    '\u{1eab}', '\u{1ea5}', '\u{1ead}', '\u{00e8}', '\u{1ec2}', '\u{1ebb}', '\u{1ebd}', '\u{00e9}',
    '\u{1eb9}', '\u{1ec1}', '\u{1ec3}', '\u{1ec5}', '\u{1ebf}', '\u{1ec7}', '\u{00ec}', '\u{1ec9}',
    '\u{1ec4}', '\u{1ebe}', '\u{1ed2}', '\u{0129}', '\u{00ed}', '\u{1ecb}', '\u{00f2}', '\u{1ed4}',
    '\u{1ecf}', '\u{00f5}', '\u{00f3}', '\u{1ecd}', '\u{1ed3}', '\u{1ed5}', '\u{1ed7}', '\u{1ed1}',
    '\u{1ed9}', '\u{1edd}', '\u{1edf}', '\u{1ee1}', '\u{1edb}', '\u{1ee3}', '\u{00f9}', '\u{1ed6}',
    '\u{1ee7}', '\u{0169}', '\u{00fa}', '\u{1ee5}', '\u{1eeb}', '\u{1eed}', '\u{1eef}', '\u{1ee9}',
    '\u{1ef1}', '\u{1ef3}', '\u{1ef7}', '\u{1ef9}', '\u{00fd}', '\u{1ef5}', '\u{1ed0}',
];

const VNI_ONLY: &[char] = &[
    'ø', 'û', 'ï', 'å', 'ä', 'ë', 'ü', 'æ', 'î', 'ñ', 'ö', 'Ø', 'Û', 'Ï', 'Å', 'Ä', 'Ë', 'Ü', 'Æ',
    'Î', 'Ñ', 'Ö',
];

/// Whether one text may be in a legacy font: it has a character TCVN3 or VNI use and Unicode
/// Vietnamese never does. A cheap test before trying [`convert`] on a single cell.
pub fn maybe_legacy(s: &str) -> bool {
    s.chars()
        .any(|c| ('\u{a1}'..='\u{bf}').contains(&c) || VNI_ONLY.contains(&c))
}

/// Which legacy encoding, if any, the cells of a sheet are in.
pub fn detect<'a>(cells: impl Iterator<Item = &'a str>) -> Option<Legacy> {
    let (mut tcvn, mut vni, mut unicode) = (0usize, 0usize, 0usize);
    for s in cells {
        for c in s.chars() {
            match c {
                '\u{a1}'..='\u{bf}' => tcvn += 1,
                c if VNI_ONLY.contains(&c) => vni += 1,
                '\u{102}'..='\u{1b0}' | '\u{1ea0}'..='\u{1ef9}' => unicode += 1,
                _ => {}
            }
        }
    }
    // Real Unicode Vietnamese outweighs stray symbols.
    if tcvn > 0 && tcvn >= unicode {
        Some(Legacy::Tcvn3)
    } else if vni > 0 && vni >= unicode {
        Some(Legacy::Vni)
    } else {
        None
    }
}

/// Whether a cell's text is a candidate for conversion: some Latin-1 letter, nothing beyond.
fn convertible(s: &str) -> bool {
    s.chars().any(|c| ('\u{a1}'..='\u{ff}').contains(&c)) && s.chars().all(|c| (c as u32) <= 0xff)
}

/// Converts one cell's text, if it needs it; `None` if unchanged.
pub fn convert(s: &str, legacy: Legacy) -> Option<String> {
    if !convertible(s) {
        return None;
    }
    let out = match legacy {
        Legacy::Tcvn3 => s
            .chars()
            .map(|c| {
                if ('\u{a1}'..='\u{ff}').contains(&c) {
                    TCVN3_A1_FF[c as usize - 0xa1]
                } else {
                    c
                }
            })
            .collect::<String>(),
        Legacy::Vni => vni_decode(s),
    };
    let out: String = out.nfc().collect();
    (out != s).then_some(out)
}

/// Text in decomposed Unicode (NFD) made composed (NFC); `None` if already NFC.
pub fn to_nfc(s: &str) -> Option<String> {
    if s.is_ascii() || unicode_normalization::is_nfc(s) {
        return None;
    }
    Some(s.nfc().collect())
}

/// VNI sequences (base letter + modifier/tone characters) to Unicode, longest match first.
fn vni_table() -> &'static HashMap<String, char> {
    static TABLE: OnceLock<HashMap<String, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = HashMap::new();
        // Tones in the order: sắc, huyền, hỏi, ngã, nặng (lower-case VNI marks; upper-case below).
        let tones = ['ù', 'ø', 'û', 'õ', 'ï'];
        let tone_marks = ['\u{301}', '\u{300}', '\u{309}', '\u{303}', '\u{323}'];
        // Base (Unicode, without tone) → its VNI spelling.
        let bases: &[(&str, &str)] = &[
            ("a", "a"),
            ("â", "aâ"),
            ("ă", "aê"),
            ("e", "e"),
            ("ê", "eâ"),
            ("o", "o"),
            ("ô", "oâ"),
            ("ơ", "ô"),
            ("u", "u"),
            ("ư", "ö"),
            ("y", "y"),
        ];
        // Circumflex and breve vowels carry their tone in one combined character.
        let hat_tones = ['á', 'à', 'å', 'ã', 'ä'];
        let breve_tones = ['é', 'è', 'ú', 'ü', 'ë'];
        for &(uni, vni) in bases {
            for (k, mark) in tone_marks.iter().enumerate() {
                let spelled = if vni.ends_with('â') {
                    format!("{}{}", &vni[..vni.len() - 'â'.len_utf8()], hat_tones[k])
                } else if vni.ends_with('ê') && uni == "ă" {
                    format!("{}{}", &vni[..vni.len() - 'ê'.len_utf8()], breve_tones[k])
                } else {
                    format!("{vni}{}", tones[k])
                };
                let composed: String = format!("{uni}{mark}").nfc().collect();
                let c = composed.chars().next().expect("one char");
                t.insert(spelled.clone(), c);
                t.insert(
                    spelled.to_uppercase(),
                    c.to_uppercase().next().expect("upper"),
                );
            }
            if vni.chars().count() > 1 || vni != uni {
                let c = uni.chars().next().expect("one char");
                t.insert(vni.to_string(), c);
                t.insert(vni.to_uppercase(), c.to_uppercase().next().expect("upper"));
            }
        }
        // i and y with a dot, and the single-character i tones.
        for (v, u) in [
            ('í', 'í'),
            ('ì', 'ì'),
            ('æ', 'ỉ'),
            ('ó', 'ĩ'),
            ('ò', 'ị'),
            ('î', 'ỵ'),
            ('ñ', 'đ'),
        ] {
            t.insert(v.to_string(), u);
            t.insert(
                v.to_uppercase().to_string(),
                u.to_uppercase().next().expect("upper"),
            );
        }
        t
    })
}

fn vni_decode(s: &str) -> String {
    let table = vni_table();
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let mut matched = false;
        for len in [3usize, 2, 1] {
            if i + len > chars.len() {
                continue;
            }
            // "ó" alone is ĩ only after a consonant cluster, never as a base vowel's tone; the
            // table already holds only VNI spellings, so a plain lookup is enough.
            let key: String = chars[i..i + len].iter().collect();
            if len == 1 && key.is_ascii() {
                break;
            }
            if let Some(c) = table.get(&key) {
                out.push(*c);
                i += len;
                matched = true;
                break;
            }
        }
        if !matched {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcvn3_words() {
        let words = [
            ("Hµi lßng", "Hài lòng"),
            ("Kh«ng hµi lßng", "Không hài lòng"),
            ("B¶o Th¾ng", "Bảo Thắng"),
            ("M\u{ad}êng Kh\u{ad}¬ng", "Mường Khương"),
            ("ChiÒng Mung", "Chiềng Mung"),
            ("§oµn KÕt", "Đoàn Kết"),
        ];
        // Judged by the sheet: these words together are unmistakably TCVN3.
        assert_eq!(detect(words.iter().map(|w| w.0)), Some(Legacy::Tcvn3));
        for (legacy, unicode) in words {
            assert_eq!(
                convert(legacy, Legacy::Tcvn3).as_deref(),
                Some(unicode),
                "{legacy}"
            );
        }
    }

    #[test]
    fn vni_words() {
        let words = [
            ("Haøi loøng", "Hài lòng"),
            ("Khoâng haøi loøng", "Không hài lòng"),
            ("Xin chaøo caùc baïn", "Xin chào các bạn"),
            ("Chieàng Mung", "Chiềng Mung"),
            ("Möôøng Khöông", "Mường Khương"),
            ("Ñoaøn Keát", "Đoàn Kết"),
            ("Baûn Naø Saûn", "Bản Nà Sản"),
        ];
        assert_eq!(detect(words.iter().map(|w| w.0)), Some(Legacy::Vni));
        for (legacy, unicode) in words {
            assert_eq!(
                convert(legacy, Legacy::Vni).as_deref(),
                Some(unicode),
                "{legacy}"
            );
        }
    }

    #[test]
    fn unicode_is_left_alone() {
        assert_eq!(
            detect(["Hài lòng", "Không hài lòng", "Chiềng Mung"].into_iter()),
            None
        );
        assert_eq!(convert("Chiềng", Legacy::Tcvn3), None);
        assert_eq!(convert("Mung", Legacy::Vni), None);
    }

    #[test]
    fn nfd_becomes_nfc() {
        let nfd: String = "Hài lòng".nfd().collect();
        assert_eq!(to_nfc(&nfd).as_deref(), Some("Hài lòng"));
        assert_eq!(to_nfc("Hài lòng"), None);
    }
}
