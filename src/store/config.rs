//! The workspace's own settings (`hailong.toml` in the workspace directory).
//!
//! Lets an office set, once, the province's rule file and how its documents are headed, so
//! that nobody retypes them on every command. Unknown keys are refused, like in rule packs.

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// File name of the settings inside the workspace.
pub const FILE: &str = "hailong.toml";

/// `hailong.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// A province's rule pack file (relative to the workspace), used instead of the default.
    #[serde(default)]
    pub rules: Option<PathBuf>,
    /// How documents are headed and signed.
    #[serde(default)]
    pub office: Office,
}

/// The heading and signature block of exported documents.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Office {
    /// Issuing body, first line ("ỦY BAN MTTQ VIỆT NAM XÃ …"); default from the commune.
    #[serde(default)]
    pub issuing_body: Option<String>,
    /// Issuing body, second line ("BAN THƯỜNG TRỰC").
    #[serde(default)]
    pub issuing_unit: Option<String>,
    /// Place in the date line ("Chiềng Mung"); default from the commune.
    #[serde(default)]
    pub place: Option<String>,
    /// Signer's title ("CHỦ TỊCH").
    #[serde(default)]
    pub signer_title: Option<String>,
    /// The province, in words ("Sơn La", the default): named in headings and texts.
    #[serde(default)]
    pub province: Option<String>,
    /// Signer's name (left blank by default for signing by hand).
    #[serde(default)]
    pub signer_name: Option<String>,
}

impl Config {
    /// Reads `dir/hailong.toml`; a missing file gives the defaults.
    pub fn load(dir: &Path) -> Result<Config, SettingsError> {
        let path = dir.join(FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let mut c: Config = toml::from_str(&text).map_err(|e| SettingsError::Parse {
                    path: path.display().to_string(),
                    message: e.to_string(),
                })?;
                if let Some(r) = &c.rules
                    && r.is_relative()
                {
                    c.rules = Some(dir.join(r));
                }
                Ok(c)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(SettingsError::Read {
                path: path.display().to_string(),
                message: e.to_string(),
            }),
        }
    }
}

/// A settings file (`hailong.toml`, a column mapping) that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    /// The file cannot be read.
    Read {
        /// The file.
        path: String,
        /// The system's message.
        message: String,
    },
    /// The file is not valid TOML of the expected shape (the message names line and key).
    Parse {
        /// The file.
        path: String,
        /// The parser's message.
        message: String,
    },
}

impl crate::i18n::Localized for SettingsError {
    fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::ErrorText as T;
        let (text, path, message) = match self {
            SettingsError::Read { path, message } => (T::SettingsRead, path, message),
            SettingsError::Parse { path, message } => (T::SettingsParse, path, message),
        };
        text.fill(lang, &[("path", path), ("message", message)])
    }
}

crate::display_in_vietnamese!(SettingsError);
