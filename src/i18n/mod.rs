//! The one catalogue of words: every user-facing text, in Vietnamese and English side by side.
//!
//! Vietnamese with full diacritics is the default, English comes with `--lang en`. A text is a
//! variant of a catalogue enum declared with [`catalogue!`]: its two templates stand next to
//! each other, name their values in braces (`{file}`), and are checked together (both present,
//! the same values, no Vietnamese left in the English). Code elsewhere names a message and
//! gives its values; it never writes a sentence in two languages itself. Error enums of each
//! layer implement [`Localized`] by looking their message up here.
//!
//! This module must not compute anything: it holds words and fills templates.

mod accounts;
mod ballot;
mod cli;
mod criteria;
mod errors;
pub mod help;
mod labels;
mod packs;
mod problems;
mod reading;
mod report;
mod web;

pub use accounts::AccountText;
pub use ballot::BallotText;
pub use cli::CliText;
pub use criteria::CriteriaText;
pub use errors::ErrorText;
pub use labels::Label;
pub use packs::PackText;
pub use problems::ProblemText;
pub use reading::ReadingText;
pub use report::ReportText;
pub use web::{WebText, other_language};

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

/// A message that exists in both languages. An error enum implements `message` as catalogue
/// lookups and takes its `Display` (its Vietnamese) from [`crate::display_in_vietnamese!`],
/// deriving `thiserror::Error` without `#[error]` texts.
pub trait Localized {
    /// The message in `lang`.
    fn message(&self, lang: Lang) -> String;
    /// The message in English.
    fn en(&self) -> String {
        self.message(Lang::En)
    }
}

/// Implements `Display` of a [`Localized`] type as its Vietnamese message.
#[macro_export]
macro_rules! display_in_vietnamese {
    ($t:ty) => {
        impl ::std::fmt::Display for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&$crate::i18n::Localized::message(
                    self,
                    $crate::i18n::Lang::Vi,
                ))
            }
        }
    };
}

/// Picks the static text of `lang` from a pair (catalogue tables).
pub fn pick_static(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// Picks the text of `lang` from a pair. Only catalogue modules may call it with literals.
pub fn pick(lang: Lang, vi: impl Into<String>, en: impl Into<String>) -> String {
    match lang {
        Lang::Vi => vi.into(),
        Lang::En => en.into(),
    }
}

/// A catalogue enum: messages with their two templates.
pub trait Catalogue: Copy + fmt::Debug + 'static {
    /// Every message, in declaration order (for the catalogue's tests).
    const ALL: &'static [Self];

    /// (Vietnamese, English).
    fn texts(self) -> (&'static str, &'static str);

    /// The template in `lang`.
    fn text(self, lang: Lang) -> &'static str {
        let (vi, en) = self.texts();
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// The template in `lang` with its `{name}` values filled in (one pass: a value that
    /// itself holds braces is never filled again).
    fn fill(self, lang: Lang, values: &[(&str, &str)]) -> String {
        fill(self.text(lang), values)
    }

    /// [`Catalogue::fill`] with values of any displayable type.
    fn say(self, lang: Lang, values: &[(&str, &dyn fmt::Display)]) -> String {
        let owned: Vec<(&str, String)> = values.iter().map(|(k, v)| (*k, v.to_string())).collect();
        let refs: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fill(self.text(lang), &refs)
    }
}

/// Declares a catalogue enum: each variant with its doc, then its Vietnamese and English
/// templates. The enum gets [`Catalogue`] and `text`/`fill`/`say`/`texts` as inherent methods.
#[macro_export]
macro_rules! catalogue {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident => ($vi:expr, $en:expr $(,)?)
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl $crate::i18n::Catalogue for $name {
            const ALL: &'static [Self] = &[ $( $name::$variant, )* ];
            fn texts(self) -> (&'static str, &'static str) {
                match self {
                    $( $name::$variant => ($vi, $en), )*
                }
            }
        }

        #[allow(dead_code)]
        impl $name {
            /// Every message, in declaration order.
            pub const ALL: &'static [Self] = <Self as $crate::i18n::Catalogue>::ALL;
            /// (Vietnamese, English).
            pub fn texts(self) -> (&'static str, &'static str) {
                <Self as $crate::i18n::Catalogue>::texts(self)
            }
            /// The template in `lang`.
            pub fn text(self, lang: $crate::i18n::Lang) -> &'static str {
                <Self as $crate::i18n::Catalogue>::text(self, lang)
            }
            /// The template in `lang` with its `{name}` values filled in.
            pub fn fill(self, lang: $crate::i18n::Lang, values: &[(&str, &str)]) -> String {
                <Self as $crate::i18n::Catalogue>::fill(self, lang, values)
            }
            /// The template in `lang` filled with displayable values.
            pub fn say(
                self,
                lang: $crate::i18n::Lang,
                values: &[(&str, &dyn ::std::fmt::Display)],
            ) -> String {
                <Self as $crate::i18n::Catalogue>::say(self, lang, values)
            }
        }
    };
}

/// Fills `{name}` placeholders of `template` from `values` in one pass; a placeholder without
/// a value is left as written (the catalogue test makes sure callers give every value).
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if is_name(&after[..close]) => {
                let name = &after[..close];
                match values.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The `{name}` placeholders of a template, sorted and without repeats.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out: Vec<&str> = template
        .split('{')
        .skip(1)
        .filter_map(|p| p.split_once('}').map(|x| x.0))
        .filter(|n| is_name(n))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// What is wrong with a catalogue, one line per message (empty when nothing is): a language
/// missing, the two templates naming different values, Vietnamese words left in the English,
/// or English sentence words left in the Vietnamese. Quoted text ('…', "…", “…”) is exempt:
/// messages quote the cells and official labels they talk about.
pub fn audit<C: Catalogue>() -> Vec<String> {
    C::ALL
        .iter()
        .flat_map(|m| {
            let (vi, en) = m.texts();
            audit_pair(&format!("{m:?}"), vi, en)
        })
        .collect()
}

/// What is wrong with one text in its two languages (see [`audit`]); `name` says which.
pub fn audit_pair(name: &str, vi: &str, en: &str) -> Vec<String> {
    let mut bad = Vec::new();
    if vi.trim().is_empty() || en.trim().is_empty() {
        bad.push(format!("{name}: a language is missing"));
        return bad;
    }
    if placeholders(vi) != placeholders(en) {
        bad.push(format!(
            "{name}: values differ: {:?} vs {:?}",
            placeholders(vi),
            placeholders(en)
        ));
    }
    if let Some(c) = unquoted(en).chars().find(|c| is_vietnamese_letter(*c)) {
        bad.push(format!(
            "{name}: Vietnamese letter {c:?} in the English: {en}"
        ));
    }
    // Command-line flags (`--max-file-mb`) are code, in no language.
    let vi_words: String = unquoted(vi)
        .split(' ')
        .filter(|w| !w.trim_start_matches('(').starts_with("--"))
        .collect::<Vec<_>>()
        .join(" ");
    let words: Vec<String> = vi_words
        .split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .collect();
    if let Some(w) = words.iter().find(|w| ENGLISH_WORDS.contains(&w.as_str())) {
        bad.push(format!(
            "{name}: English word {w:?} in the Vietnamese: {vi}"
        ));
    }
    bad
}

/// Words of English sentences that are not Vietnamese (nor Vietnamese without diacritics).
const ENGLISH_WORDS: &[&str] = &[
    "the", "of", "and", "is", "are", "not", "file", "files", "rows", "forms", "with", "from",
    "which", "this", "that", "was", "were", "has", "have", "should", "must", "please", "error",
    "warning", "stored", "refused",
];

/// Letters only Vietnamese (of the two languages) writes.
fn is_vietnamese_letter(c: char) -> bool {
    c.is_alphabetic() && !c.is_ascii() && !"×".contains(c)
}

/// The text with its placeholders and quoted passages removed.
fn unquoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut close: Option<char> = None;
    let mut in_name = false;
    let mut prev = ' ';
    for c in s.chars() {
        if in_name {
            in_name = c != '}';
        } else if let Some(end) = close {
            if c == end {
                close = None;
            }
        } else {
            match c {
                '{' => in_name = true,
                '"' => close = Some('"'),
                '“' => close = Some('”'),
                '«' => close = Some('»'),
                '\'' | '‘' if !prev.is_alphanumeric() => {
                    close = Some(if c == '\'' { '\'' } else { '’' })
                }
                _ => out.push(c),
            }
        }
        prev = c;
    }
    out
}

/// Every catalogue's audit (each catalogue module adds its enum here).
#[cfg(test)]
fn all_audits() -> Vec<String> {
    let mut bad = audit::<Label>();
    bad.extend(audit::<ErrorText>());
    bad.extend(audit::<ReportText>());
    bad.extend(audit::<CliText>());
    bad.extend(audit::<WebText>());
    bad.extend(audit::<ProblemText>());
    bad.extend(audit::<ReadingText>());
    bad.extend(audit::<CriteriaText>());
    bad.extend(audit::<AccountText>());
    bad.extend(help::audit());
    bad.extend(audit::<PackText>());
    bad.extend(audit::<BallotText>());
    bad
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_is_one_pass_and_keeps_unknown_braces() {
        assert_eq!(
            fill("{a} và {b} {x} {", &[("a", "{b}"), ("b", "2")]),
            "{b} và 2 {x} {"
        );
        assert_eq!(placeholders("{b} {a} {b} {not a name}"), vec!["a", "b"]);
    }

    #[test]
    fn the_audit_catches_a_missing_language_and_leaks() {
        catalogue! {
            enum Bad {
                Empty => ("có", ""),
                Values => ("{a}", "{b}"),
                Leak => ("tệp của bạn", "tệp of yours"),
                EnglishInVi => ("the tệp", "the file"),
                Quoted => ("đáp án “Hài lòng”", "the answer “Hài lòng”"),
            }
        }
        let found = audit::<Bad>();
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(!found.iter().any(|l| l.starts_with("Quoted")));
    }

    #[test]
    fn every_catalogue_passes_the_audit() {
        let bad = all_audits();
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }
}
