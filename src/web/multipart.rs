//! `multipart/form-data` bodies, as browsers and `curl -F` send uploads.
//!
//! The whole body is already in memory (bounded by the server's request limit before it was
//! read), so parsing is a split on the boundary; nothing here touches the disk, and a part's
//! file name is returned as sent, for the caller to sanitise: it is never a path here.

/// One part of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The form field (`files`, `mapping`, `check`).
    pub name: String,
    /// The file name the client gave, when the part is a file.
    pub file_name: Option<String>,
    /// The part's bytes.
    pub data: Vec<u8>,
}

/// Why a body is not usable multipart.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MultipartError {
    /// The content type names no boundary.
    NoBoundary,
    /// The body does not hold the parts its boundary announces.
    Malformed(String),
}

impl crate::i18n::Localized for MultipartError {
    fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::WebText;
        match self {
            MultipartError::NoBoundary => WebText::NoBoundary.text(lang).to_string(),
            MultipartError::Malformed(b) => WebText::Malformed.fill(lang, &[("boundary", b)]),
        }
    }
}

crate::display_in_vietnamese!(MultipartError);

/// The boundary of a `multipart/form-data; boundary=…` content type.
pub fn boundary(content_type: &str) -> Result<String, MultipartError> {
    let (kind, params) = content_type.split_once(';').unwrap_or((content_type, ""));
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return Err(MultipartError::NoBoundary);
    }
    params
        .split(';')
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("boundary"))
        .map(|(_, v)| v.trim().trim_matches('"').to_string())
        .filter(|b| !b.is_empty() && b.len() <= 200)
        .ok_or(MultipartError::NoBoundary)
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from > hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// A header parameter (`name="files"`, `filename="a.xlsx"`), unquoted.
fn param(header: &str, key: &str) -> Option<String> {
    let mut rest = header;
    while let Some(i) = rest.to_ascii_lowercase().find(&format!("{key}=")) {
        // `filename=` also ends in `name=`: only a parameter start counts.
        let before = rest[..i].chars().last();
        let value = &rest[i + key.len() + 1..];
        if before.is_none_or(|c| c == ';' || c == ' ') {
            return Some(if let Some(q) = value.strip_prefix('"') {
                q.split('"').next().unwrap_or_default().to_string()
            } else {
                value
                    .split(';')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_string()
            });
        }
        rest = &rest[i + key.len()..];
    }
    None
}

/// Splits `body` into its parts.
pub fn parse(body: &[u8], boundary: &str) -> Result<Vec<Part>, MultipartError> {
    let bad = || MultipartError::Malformed(boundary.to_string());
    let delim = format!("--{boundary}").into_bytes();
    let mut at = find(body, &delim, 0).ok_or_else(bad)?;
    let mut parts = Vec::new();
    loop {
        at += delim.len();
        if body[at..].starts_with(b"--") {
            return Ok(parts);
        }
        // The delimiter line ends with CRLF (some clients send a bare LF).
        at += if body[at..].starts_with(b"\r\n") {
            2
        } else if body[at..].starts_with(b"\n") {
            1
        } else {
            return Err(bad());
        };
        let head_end = find(body, b"\r\n\r\n", at)
            .map(|e| (e, 4))
            .or_else(|| find(body, b"\n\n", at).map(|e| (e, 2)))
            .ok_or_else(bad)?;
        let head = String::from_utf8_lossy(&body[at..head_end.0]).to_string();
        let data_start = head_end.0 + head_end.1;
        let next = find(body, &delim, data_start).ok_or_else(bad)?;
        let mut data_end = next;
        if body[..data_end].ends_with(b"\r\n") {
            data_end -= 2;
        } else if body[..data_end].ends_with(b"\n") {
            data_end -= 1;
        }
        let disposition = head
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"))
            .unwrap_or_default();
        if let Some(name) = param(disposition, "name") {
            parts.push(Part {
                name,
                file_name: param(disposition, "filename"),
                data: body[data_start..data_end.max(data_start)].to_vec(),
            });
        }
        at = next;
    }
}

/// A client's file name reduced to a safe base name: no directories (either slash), no drive,
/// no control or reserved characters, no leading dots; `None` when nothing usable is left.
pub fn safe_file_name(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_string();
    let cleaned: String = cleaned.chars().take(150).collect();
    (!cleaned.is_empty()).then_some(cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(parts: &[(&str, Option<&str>, &[u8])], b: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for (name, file, data) in parts {
            out.extend_from_slice(format!("--{b}\r\n").as_bytes());
            match file {
                Some(f) => out.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    )
                    .as_bytes(),
                ),
                None => out.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                ),
            }
            out.extend_from_slice(data);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(format!("--{b}--\r\n").as_bytes());
        out
    }

    #[test]
    fn parts_with_files_fields_and_binary_data() {
        let b = "----x1";
        let bin: Vec<u8> = (0..=255u8).chain(b"\r\n--".iter().copied()).collect();
        let raw = body(
            &[
                ("files", Some("Chiềng Mung.xlsx"), &bin),
                ("files", Some("b.csv"), b"a,b\r\n1,2"),
                ("check", None, b"1"),
            ],
            b,
        );
        let parts = parse(&raw, b).unwrap();
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[0].file_name.as_deref(), Some("Chiềng Mung.xlsx"));
        assert_eq!(parts[0].data, bin);
        assert_eq!(parts[1].data, b"a,b\r\n1,2");
        assert_eq!(parts[2].name, "check");
        assert_eq!(parts[2].file_name, None);
    }

    #[test]
    fn boundaries_from_content_types() {
        assert_eq!(
            boundary("multipart/form-data; boundary=----WebKitFormBoundaryA1").unwrap(),
            "----WebKitFormBoundaryA1"
        );
        assert_eq!(
            boundary("multipart/form-data; boundary=\"q r\"").unwrap(),
            "q r"
        );
        assert!(boundary("application/json").is_err());
    }

    #[test]
    fn truncated_or_foreign_bodies_are_refused_not_panicked_on() {
        let b = "zz";
        let raw = body(&[("files", Some("a.xlsx"), b"abc")], b);
        for cut in 0..raw.len() {
            let _ = parse(&raw[..cut], b);
        }
        assert!(parse(b"random bytes", b).is_err());
    }

    #[test]
    fn client_file_names_never_become_paths() {
        assert_eq!(
            safe_file_name("../../etc/passwd").as_deref(),
            Some("passwd")
        );
        assert_eq!(
            safe_file_name("C:\\Users\\x\\a.xlsx").as_deref(),
            Some("a.xlsx")
        );
        assert_eq!(safe_file_name("..").as_deref(), None);
        assert_eq!(safe_file_name("a\u{0}b.csv").as_deref(), Some("ab.csv"));
        assert_eq!(
            safe_file_name(".hidden.xlsx").as_deref(),
            Some("hidden.xlsx")
        );
    }
}
