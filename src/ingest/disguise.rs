//! Files that are not what their name says, recognised before any reader sees them (issue 20
//! §6).
//!
//! Each reaches a commune office often: a workbook protected with a password (Excel then
//! encrypts the whole package into a compound file), ODK Central's "download all" zip of CSV
//! files, a web system's "export to Excel" that is an HTML table, an empty attachment, a PDF or
//! Word copy of the results sent instead of the spreadsheet. Left to the readers, each gave a
//! library's English error and "save the file as .xlsx", which helps nobody: here each is
//! named, so the user is told in their language what the file is and what to do, and the two
//! that hold a table (the zip, the web page) are read.

use super::limits::MAX_FILE_BYTES;
use super::source::{csv_records, decode_text, detect_delimiter};
use std::io::{Cursor, Read};

/// What a file turned out to be instead of a spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disguise {
    /// No bytes, or only whitespace.
    Empty,
    /// A PDF document.
    Pdf,
    /// A Word document (.docx or .doc).
    Word,
    /// A password-protected workbook.
    Encrypted,
    /// A zip of CSV files (ODK Central's "download all").
    CsvZip,
    /// An HTML page.
    Html,
}

/// Bytes of a BIFF Workbook stream read looking for FILEPASS: it follows the first BOF.
const FILEPASS_HEAD: u64 = 64 << 10;

/// What `bytes` are, when they are one of the [`Disguise`]s; `None` for anything else (which
/// the readers then judge as before).
pub fn identify(bytes: &[u8]) -> Option<Disguise> {
    let (body, utf16) = strip_bom(bytes);
    let blank = |b: &u8| b.is_ascii_whitespace() || (utf16 && *b == 0);
    if body.iter().all(blank) {
        return Some(Disguise::Empty);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return compound_file(bytes);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return zip(bytes);
    }
    let start = body.iter().position(|b| !blank(b)).unwrap_or(0);
    if body[start..].starts_with(b"%PDF") {
        return Some(Disguise::Pdf);
    }
    looks_like_html(bytes).then_some(Disguise::Html)
}

/// The bytes after a byte-order mark, and whether the mark was UTF-16's.
fn strip_bom(bytes: &[u8]) -> (&[u8], bool) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (rest, false)
    } else if let Some(rest) = bytes
        .strip_prefix(b"\xFF\xFE")
        .or_else(|| bytes.strip_prefix(b"\xFE\xFF"))
    {
        (rest, true)
    } else {
        (bytes, false)
    }
}

/// A compound file that is an encrypted package, a Word document, or an .xls whose globals
/// hold a FILEPASS record (a legacy workbook with a password to open).
fn compound_file(bytes: &[u8]) -> Option<Disguise> {
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
    if cfb.is_stream("/EncryptionInfo") || cfb.is_stream("/EncryptedPackage") {
        return Some(Disguise::Encrypted);
    }
    if cfb.is_stream("/WordDocument") {
        return Some(Disguise::Word);
    }
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| cfb.is_stream(n))?;
    let mut head = Vec::new();
    cfb.open_stream(name)
        .ok()?
        .take(FILEPASS_HEAD)
        .read_to_end(&mut head)
        .ok()?;
    has_filepass(&head).then_some(Disguise::Encrypted)
}

/// Whether the globals substream of a BIFF stream holds a FILEPASS record (0x002F) before its
/// EOF (0x000A).
fn has_filepass(stream: &[u8]) -> bool {
    let mut at = 0usize;
    while let Some(h) = stream.get(at..at + 4) {
        let typ = u16::from_le_bytes([h[0], h[1]]);
        let len = u16::from_le_bytes([h[2], h[3]]) as usize;
        match typ {
            0x002F => return true,
            0x000A => return false,
            _ => at += 4 + len,
        }
    }
    false
}

/// A zip that is not a workbook: a Word document, or one holding CSV files.
fn zip(bytes: &[u8]) -> Option<Disguise> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.to_lowercase())
        .collect();
    // A workbook's parts decide first: an .xlsx may well carry a CSV as an attachment.
    if names
        .iter()
        .any(|n| n.starts_with("xl/") || n == "content.xml")
    {
        return None;
    }
    if names.iter().any(|n| n == "word/document.xml") {
        return Some(Disguise::Word);
    }
    names
        .iter()
        .any(|n| n.ends_with(".csv"))
        .then_some(Disguise::CsvZip)
}

/// Whether the text starts with a tag and holds a table or is a page (`<html`).
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    if !decode_text(head).0.trim_start().starts_with('<') {
        return false;
    }
    let text = decode_text(bytes).0;
    let has = |needle: &[u8]| {
        text.as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
    };
    has(b"<table") || has(b"<html")
}

/// The CSV of a zip to read, when the zip holds exactly one main CSV.
pub struct ZipCsv {
    /// Its name inside the zip.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// The other entries, by name (a folder's files as `folder/ (n)`).
    pub ignored: Vec<String>,
}

/// Why no CSV of a zip was read.
pub enum NoCsv {
    /// Several CSV files could be the survey (or none: the list is then empty).
    Choice(Vec<String>),
    /// The chosen CSV is larger than a file may be.
    TooLarge(String),
    /// An entry could not be inflated.
    Unreadable(String),
}

/// The main CSV of a zip of CSV files: the one whose header has no `PARENT_KEY` column (ODK
/// Central writes each repeat group in a CSV of its own, keyed to its parent's row by it).
/// The caller has checked the archive's sizes ([`super::source`]'s zip bounds).
pub fn pick_csv(bytes: &[u8]) -> Result<ZipCsv, NoCsv> {
    let unreadable = |e: &dyn std::fmt::Display| NoCsv::Unreadable(e.to_string());
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let mut main = Vec::new();
    let mut others: Vec<String> = Vec::new();
    let mut folders: Vec<(String, usize)> = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| unreadable(&e))?;
        let name = entry.name().map_err(|e| unreadable(&e))?.to_string();
        if entry.is_dir() {
            continue;
        }
        if name.to_lowercase().ends_with(".csv") {
            let mut head = Vec::new();
            (&mut entry)
                .take(64 << 10)
                .read_to_end(&mut head)
                .map_err(|e| unreadable(&e))?;
            if is_repeat_group(&head) {
                others.push(name);
            } else {
                main.push((i, name));
            }
        } else if let Some((folder, _)) = name.split_once('/') {
            match folders.iter_mut().find(|f| f.0 == folder) {
                Some(f) => f.1 += 1,
                None => folders.push((folder.to_string(), 1)),
            }
        } else {
            others.push(name);
        }
    }
    let [(index, name)] = main.as_slice() else {
        return Err(NoCsv::Choice(main.into_iter().map(|m| m.1).collect()));
    };
    let mut entry = archive.by_index(*index).map_err(|e| unreadable(&e))?;
    let mut csv = Vec::new();
    (&mut entry)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut csv)
        .map_err(|e| unreadable(&e))?;
    if csv.len() as u64 > MAX_FILE_BYTES {
        return Err(NoCsv::TooLarge(format!(
            "{name}: > {} MB",
            MAX_FILE_BYTES >> 20
        )));
    }
    others.extend(folders.into_iter().map(|(f, n)| format!("{f}/ ({n})")));
    Ok(ZipCsv {
        name: name.clone(),
        bytes: csv,
        ignored: others,
    })
}

/// Whether a CSV's first record names a `PARENT_KEY` column.
fn is_repeat_group(head: &[u8]) -> bool {
    let text = decode_text(head).0;
    let first = text.split('\n').next().unwrap_or("");
    csv_records(first, detect_delimiter(first))
        .first()
        .is_some_and(|r| {
            r.iter()
                .any(|f| f.trim().eq_ignore_ascii_case("PARENT_KEY"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, text) in entries {
            z.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            z.write_all(text.as_bytes()).unwrap();
        }
        z.finish().unwrap().into_inner()
    }

    #[test]
    fn empty_pdf_and_html_are_told_by_their_bytes() {
        assert_eq!(identify(b""), Some(Disguise::Empty));
        assert_eq!(identify(b" \r\n\t"), Some(Disguise::Empty));
        assert_eq!(identify(b"\xEF\xBB\xBF\n"), Some(Disguise::Empty));
        assert_eq!(identify(b"\xFF\xFE \0\n\0"), Some(Disguise::Empty));
        assert_eq!(identify(b"%PDF-1.7\n..."), Some(Disguise::Pdf));
        assert_eq!(
            identify(b"\xEF\xBB\xBF <html><body><TABLE><tr><td>1"),
            Some(Disguise::Html)
        );
        assert_eq!(identify(b"<b>not a table</b>"), None);
        assert_eq!(identify(b"STT,Khu\n1,A\n"), None);
    }

    #[test]
    fn zips_are_told_by_their_entries() {
        let word = zip_of(&[("word/document.xml", "<w/>")]);
        assert_eq!(identify(&word), Some(Disguise::Word));
        let csv = zip_of(&[("F.csv", "a,b\n"), ("media/x.jpg", "jpg")]);
        assert_eq!(identify(&csv), Some(Disguise::CsvZip));
        let xlsx = zip_of(&[("xl/workbook.xml", "<w/>"), ("a.csv", "a\n")]);
        assert_eq!(identify(&xlsx), None);
    }

    #[test]
    fn the_main_csv_is_the_one_without_parent_key() {
        let z = zip_of(&[
            ("F.csv", "KEY,x\n1,2\n"),
            ("F-rep.csv", "y,PARENT_KEY,KEY\n1,2,3\n"),
            ("media/a.jpg", "j"),
            ("media/b.jpg", "j"),
        ]);
        let Ok(p) = pick_csv(&z) else {
            panic!("one main CSV")
        };
        assert_eq!(p.name, "F.csv");
        assert_eq!(p.ignored, ["F-rep.csv", "media/ (2)"]);
        let two = zip_of(&[("A.csv", "a\n"), ("B.csv", "b\n")]);
        assert!(matches!(pick_csv(&two), Err(NoCsv::Choice(c)) if c == ["A.csv", "B.csv"]));
    }

    #[test]
    fn filepass_is_found_in_the_globals_only() {
        let rec = |typ: u16, len: u16| {
            let mut r = typ.to_le_bytes().to_vec();
            r.extend(len.to_le_bytes());
            r.extend(vec![0u8; len as usize]);
            r
        };
        let locked = [rec(0x0809, 16), rec(0x002F, 6), rec(0x000A, 0)].concat();
        assert!(has_filepass(&locked));
        let open = [rec(0x0809, 16), rec(0x000A, 0), rec(0x002F, 6)].concat();
        assert!(!has_filepass(&open));
        assert!(!has_filepass(&[0x09, 0x08, 0xFF]));
    }
}
