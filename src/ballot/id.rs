//! The printed ballot id: `HL1/<FORM>/<COMMUNE CODE>/<AREA NO>/<SERIAL>/<ROUND>/<CHECK>`, e.g.
//! `HL1/XA-NTM/04000/03/00127/2025-10/7K`.
//!
//! It is what the reader finds in the QR codes (or a person types from the text beneath them),
//! so it must never be misread silently: two check characters over everything before them
//! refuse every single substitution and every adjacent transposition, and [`BallotId::parse`]
//! never corrects or guesses. Every character is in the QR alphanumeric set (upper case,
//! digits, `/`, `-`), which keeps the code small. The id names a form, a commune, an area and a
//! serial, never a household: serials are handed out shuffled.
//!
//! Why the check works: every character but `/` has a value 0..37 (`0-9` → 0–9, `A-Z` →
//! 10–35, `-` → 36); the first check character is `Σ vᵢ·wᵢ mod 37` with weights
//! `wᵢ = (i mod 36) + 1` by position in the text (never 0, two neighbours always different),
//! the second `Σ vᵢ mod 37`. 37 is prime, so changing one value or swapping two different
//! neighbours changes the first sum. A `/` counts structurally: changing one, adding one or
//! moving one past a neighbour changes the number of fields or the width of a fixed-width
//! field (prefix, commune code, area, serial, check), which is refused before any sum.

/// The first field of every id: hailong's ballot, version 1 of this format.
pub const PREFIX: &str = "HL1";

/// The 37 symbols of the check, by value.
const SYMBOLS: &[u8; 37] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-";

/// Longest form id and round accepted (the QR code stays at version 3 or below).
const MAX_FORM: usize = 24;
const MAX_ROUND: usize = 16;

/// One printed ballot's identity.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct BallotId {
    /// Form id as the form pack writes it (lower case, `xa-ntm`); printed upper-cased.
    pub form: String,
    /// The commune's code in the gazetteer (`data/sonla-units-2025.csv`), 5 digits.
    pub commune_code: String,
    /// The area's number, 1-based in the order the areas were given to `hailong ballot`.
    pub area_no: u32,
    /// Serial within the area, `1..=issued`.
    pub serial: u32,
    /// Survey round as printed (upper-cased; "" for a single round). Compare it with the
    /// workspace's rounds ignoring ASCII case.
    pub round: String,
}

/// Why a text is not a ballot id. No variant guesses what was meant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Not the seven `/`-separated fields of an id starting `HL1`.
    Shape,
    /// A field holds a character or width it may not (which field, 0-based).
    Field(usize),
    /// The check characters do not agree with the rest: a misread or mistyped id.
    Check,
    /// A value cannot be encoded (form or round with other characters than letters, digits
    /// and `-`, or too long; area over 99; serial over 99.999; commune code not 5 digits).
    Unencodable(&'static str),
}

impl crate::i18n::Localized for IdError {
    fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::BallotText as T;
        match self {
            IdError::Shape => T::IdShape.text(lang).to_string(),
            IdError::Field(n) => T::IdField.say(lang, &[("field", &(n + 1))]),
            IdError::Check => T::IdCheck.text(lang).to_string(),
            IdError::Unencodable(what) => T::IdUnencodable.fill(lang, &[("what", what)]),
        }
    }
}

crate::display_in_vietnamese!(IdError);

fn value(c: u8) -> Option<u32> {
    SYMBOLS.iter().position(|&s| s == c).map(|p| p as u32)
}

/// The two check characters of `payload` (the id up to and including the last `/`).
/// `None` when the payload holds a character outside the id's alphabet.
fn check_of(payload: &str) -> Option<[u8; 2]> {
    let (mut weighted, mut plain) = (0u32, 0u32);
    for (i, c) in payload.bytes().enumerate() {
        if c == b'/' {
            continue;
        }
        let v = value(c)?;
        weighted = (weighted + v * ((i as u32 % 36) + 1)) % 37;
        plain = (plain + v) % 37;
    }
    Some([SYMBOLS[weighted as usize], SYMBOLS[plain as usize]])
}

fn is_word(s: &str, max: usize, may_be_empty: bool) -> bool {
    (may_be_empty || !s.is_empty())
        && s.len() <= max
        && s.bytes()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'-')
}

fn is_digits(s: &str, width: usize) -> bool {
    s.len() == width && s.bytes().all(|c| c.is_ascii_digit())
}

impl BallotId {
    /// Checks that the id can be printed: what [`BallotId::encode`] refuses.
    pub fn validate(&self) -> Result<(), IdError> {
        if !is_word(&self.form.to_ascii_uppercase(), MAX_FORM, false) {
            return Err(IdError::Unencodable("form"));
        }
        if !is_digits(&self.commune_code, 5) {
            return Err(IdError::Unencodable("commune code"));
        }
        if !(1..=99).contains(&self.area_no) {
            return Err(IdError::Unencodable("area number"));
        }
        if !(1..=99_999).contains(&self.serial) {
            return Err(IdError::Unencodable("serial"));
        }
        if !is_word(&self.round.to_ascii_uppercase(), MAX_ROUND, true) {
            return Err(IdError::Unencodable("round"));
        }
        Ok(())
    }

    /// The id as printed and put in the QR codes. Call [`BallotId::validate`] first: an id
    /// that does not validate is written without check characters (`??`), which
    /// [`BallotId::parse`] refuses.
    pub fn encode(&self) -> String {
        let payload = format!(
            "{PREFIX}/{}/{}/{:02}/{:05}/{}/",
            self.form.to_ascii_uppercase(),
            self.commune_code,
            self.area_no,
            self.serial,
            self.round.to_ascii_uppercase()
        );
        let check = match (self.validate(), check_of(&payload)) {
            (Ok(()), Some([a, b])) => format!("{}{}", a as char, b as char),
            _ => "??".to_string(),
        };
        payload + &check
    }

    /// Reads an id exactly as printed (upper case, no spaces). Refuses a wrong check and any
    /// malformed field; never corrects.
    pub fn parse(text: &str) -> Result<BallotId, IdError> {
        let fields: Vec<&str> = text.split('/').collect();
        if fields.len() != 7 || fields[0] != PREFIX {
            return Err(IdError::Shape);
        }
        let ok = [
            true,
            is_word(fields[1], MAX_FORM, false),
            is_digits(fields[2], 5),
            is_digits(fields[3], 2),
            is_digits(fields[4], 5),
            is_word(fields[5], MAX_ROUND, true),
            fields[6].len() == 2 && fields[6].bytes().all(|c| value(c).is_some()),
        ];
        if let Some(bad) = ok.iter().position(|ok| !ok) {
            return Err(IdError::Field(bad));
        }
        let payload = &text[..text.len() - 2];
        if check_of(payload).as_ref().map(|c| &c[..]) != Some(fields[6].as_bytes()) {
            return Err(IdError::Check);
        }
        let area_no: u32 = fields[3].parse().map_err(|_| IdError::Field(3))?;
        let serial: u32 = fields[4].parse().map_err(|_| IdError::Field(4))?;
        if area_no == 0 {
            return Err(IdError::Field(3));
        }
        if serial == 0 {
            return Err(IdError::Field(4));
        }
        Ok(BallotId {
            form: fields[1].to_ascii_lowercase(),
            commune_code: fields[2].to_string(),
            area_no,
            serial,
            round: fields[5].to_string(),
        })
    }
}

impl std::fmt::Display for BallotId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.encode())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn example() -> BallotId {
        BallotId {
            form: "xa-ntm".into(),
            commune_code: "04000".into(),
            area_no: 3,
            serial: 127,
            round: "2025-10".into(),
        }
    }

    #[test]
    fn round_trips_and_has_the_documented_shape() {
        let id = example();
        let text = id.encode();
        assert!(text.starts_with("HL1/XA-NTM/04000/03/00127/2025-10/"));
        assert_eq!(text.len(), "HL1/XA-NTM/04000/03/00127/2025-10/".len() + 2);
        assert_eq!(BallotId::parse(&text), Ok(id));
    }

    #[test]
    fn empty_round_round_trips() {
        let id = BallotId {
            round: String::new(),
            ..example()
        };
        assert_eq!(BallotId::parse(&id.encode()), Ok(id));
    }

    #[test]
    fn refuses_what_cannot_be_printed() {
        let bad = [
            BallotId {
                round: "đợt 1".into(),
                ..example()
            },
            BallotId {
                area_no: 100,
                ..example()
            },
            BallotId {
                serial: 0,
                ..example()
            },
            BallotId {
                commune_code: "4000".into(),
                ..example()
            },
        ];
        for id in bad {
            assert!(id.validate().is_err(), "{id:?}");
            assert!(BallotId::parse(&id.encode()).is_err(), "{id:?}");
        }
    }

    #[test]
    fn refuses_other_texts() {
        for text in [
            "",
            "HL1",
            "hl1/xa-ntm/04000/03/00127/2025-10/7K",
            "HL2/XA-NTM/04000/03/00127/2025-10/7K",
            "HL1/XA-NTM/04000/03/00000/2025-10/00",
            " HL1/XA-NTM/04000/03/00127/2025-10/7K",
        ] {
            assert!(BallotId::parse(text).is_err(), "{text}");
        }
    }

    fn ids() -> impl Strategy<Value = BallotId> {
        (
            "[a-z0-9][a-z0-9-]{0,15}",
            "[0-9]{5}",
            1u32..=99,
            1u32..=99_999,
            "([0-9A-Z][0-9A-Z-]{0,9})?",
        )
            .prop_map(|(form, commune_code, area_no, serial, round)| BallotId {
                form,
                commune_code,
                area_no,
                serial,
                round,
            })
    }

    /// Every symbol an id can hold, the separator included.
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-/";

    proptest! {
        #[test]
        fn every_substitution_and_adjacent_transposition_is_refused(id in ids()) {
            let text = id.encode();
            prop_assert_eq!(BallotId::parse(&text), Ok(id));
            let bytes = text.as_bytes();
            for i in 0..bytes.len() {
                for &c in ALPHABET {
                    if c == bytes[i] {
                        continue;
                    }
                    let mut wrong = bytes.to_vec();
                    wrong[i] = c;
                    let wrong = String::from_utf8(wrong).unwrap();
                    prop_assert!(BallotId::parse(&wrong).is_err(), "{} accepted", wrong);
                }
                if i + 1 < bytes.len() && bytes[i] != bytes[i + 1] {
                    let mut swapped = bytes.to_vec();
                    swapped.swap(i, i + 1);
                    let swapped = String::from_utf8(swapped).unwrap();
                    prop_assert!(BallotId::parse(&swapped).is_err(), "{} accepted", swapped);
                }
            }
        }
    }
}
