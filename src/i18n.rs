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
