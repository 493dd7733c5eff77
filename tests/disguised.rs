//! Files that are not what their name says (issue 20 §6), through the real binary: each is
//! named in Vietnamese and English with what to do, never with a library's English error, and
//! the two that hold a table (ODK Central's zip of CSV files, a web page saved as .xls) are read.

mod common;

use common::*;
use std::io::Write;
use std::path::Path;

const COMMUNE: &str = "Xã Chiềng Mung";

/// What a library would have said of these files, and the "not a readable spreadsheet" frame
/// its text came in.
const LIBRARY_TEXT: &[&str] = &[
    "Cannot detect file format",
    ": zip: ",
    "Invalid",
    "compound file",
    "không phải bảng tính đọc được",
    "not a readable spreadsheet",
    "panicked",
];

/// `check FILE` in Vietnamese and in English: exit code and both outputs, after checking that
/// no library's text reached the user.
fn check_both(dir: &Path, file: &str) -> (Option<i32>, String, String) {
    let vi = run(dir, &["check", file]);
    let en = run(dir, &["--lang", "en", "check", file]);
    assert_eq!(vi.status.code(), en.status.code());
    let (vi_out, en_out) = (stdout(&vi) + &stderr(&vi), stdout(&en) + &stderr(&en));
    for text in LIBRARY_TEXT {
        assert!(!vi_out.contains(text), "{text}: {vi_out}");
        assert!(!en_out.contains(text), "{text}: {en_out}");
    }
    (vi.status.code(), vi_out, en_out)
}

/// Asserts that `file` is refused (exit 2) saying `vi` and `en`, and that nothing is stored.
fn assert_refused(dir: &Path, file: &str, vi: &str, en: &str) {
    let (code, vi_out, en_out) = check_both(dir, file);
    assert_eq!(code, Some(2), "{file}: {vi_out}");
    assert!(vi_out.contains(&format!("{file}: {vi}")), "{vi_out}");
    assert!(en_out.contains(&format!("{file}: {en}")), "{en_out}");
    let o = run(dir, &["import", file]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(!dir.join("ws/manifest.json").exists(), "{file} stored");
}

/// Writes a compound file with the given streams.
fn write_cfb(path: &Path, streams: &[(&str, &[u8])]) {
    let mut c = cfb::create(path).unwrap();
    for (name, bytes) in streams {
        c.create_stream(name).unwrap().write_all(bytes).unwrap();
    }
    c.flush().unwrap();
}

/// A zip with the given entries.
fn write_zip(path: &Path, entries: &[(&str, &[u8])]) {
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        z.start_file(*name, opts).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
}

/// A BIFF record.
fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut r = typ.to_le_bytes().to_vec();
    r.extend((data.len() as u16).to_le_bytes());
    r.extend(data);
    r
}

#[test]
fn a_password_protected_workbook_is_named_with_what_to_do() {
    let t = tempfile::tempdir().unwrap();
    // Excel's encrypted .xlsx: the package inside a compound file.
    write_cfb(
        &t.path().join("khoa.xlsx"),
        &[
            ("/EncryptionInfo", &[4, 0, 4, 0, 0x40, 0, 0, 0]),
            ("/EncryptedPackage", &[0x5A; 600]),
        ],
    );
    // A legacy .xls with a password to open: FILEPASS right after the globals' BOF.
    let biff = [
        rec(0x0809, &[0, 6, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        rec(0x002F, &[1, 0, 1, 0, 1, 0]),
        rec(0x000A, &[]),
    ]
    .concat();
    write_cfb(&t.path().join("khoa.xls"), &[("/Workbook", &biff)]);
    for file in ["khoa.xlsx", "khoa.xls"] {
        assert_refused(
            t.path(),
            file,
            "tệp có mật khẩu: mở bằng Excel, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc",
            "the workbook is password-protected: open it in Excel, remove the password",
        );
    }
}

#[test]
fn an_empty_file_is_said_to_be_empty() {
    let t = tempfile::tempdir().unwrap();
    std::fs::write(t.path().join("rong.xlsx"), b"").unwrap();
    std::fs::write(t.path().join("trang.csv"), b"\xEF\xBB\xBF \r\n\t\r\n").unwrap();
    for file in ["rong.xlsx", "trang.csv"] {
        assert_refused(t.path(), file, "tệp rỗng", "the file is empty");
    }
}

#[test]
fn a_pdf_or_a_word_document_is_named_and_the_spreadsheet_asked_for() {
    let t = tempfile::tempdir().unwrap();
    std::fs::write(
        t.path().join("ket-qua.xlsx"),
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    )
    .unwrap();
    write_zip(
        &t.path().join("phieu.docx"),
        &[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", b"<w:document/>"),
        ],
    );
    write_cfb(
        &t.path().join("phieu.doc"),
        &[("/WordDocument", &[0xEC; 600])],
    );
    assert_refused(
        t.path(),
        "ket-qua.xlsx",
        "đây là tệp PDF, không phải bảng tính: hailong đọc bảng tính (.xlsx, .xls, .ods, .csv); hãy gửi tệp Excel gốc",
        "this is a PDF file, not a spreadsheet: hailong reads spreadsheets (.xlsx, .xls, .ods, .csv); send the original Excel file",
    );
    for file in ["phieu.docx", "phieu.doc"] {
        assert_refused(
            t.path(),
            file,
            "đây là văn bản Word, không phải bảng tính",
            "this is a Word document, not a spreadsheet",
        );
    }
}

/// The commune's register, imported from the workbook `hailong template` writes.
fn register(dir: &Path) {
    let o = run(
        dir,
        &[
            "template",
            "--commune",
            COMMUNE,
            "--area",
            "Bản Nà Sản=10",
            "--area",
            "Bản Co Muông=8",
            "--out",
            "reg.xlsx",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let (code, _) = import(dir, &["reg.xlsx"]);
    assert_eq!(code, Some(0));
}

/// Three forms: two of Bản Nà Sản (the second not satisfied with item 18), one of Bản Co Muông
/// (not satisfied with item 2), as rows of text: the commune line, a blank line, the header.
fn survey_rows() -> Vec<Vec<String>> {
    let mut header = vec!["Khu dân cư".to_string(), "Số phiếu".into()];
    header.extend((1..=19).map(|i| format!("Câu {i}")));
    header.push("Ý kiến khác".into());
    let form = |area: &str, no: &str, not: usize, other: &str| {
        let mut r = vec![area.to_string(), no.to_string()];
        r.extend((1..=19).map(|i| {
            if i == not {
                "Không hài lòng"
            } else {
                "Hài lòng"
            }
            .to_string()
        }));
        r.push(other.to_string());
        r
    };
    vec![
        vec!["Xã:".into(), COMMUNE.into()],
        vec![],
        header,
        form("Bản Nà Sản", "1", 0, ""),
        form("Bản Nà Sản", "2", 18, "Đường vào bản còn lầy lội"),
        form("Bản Co Muông", "1", 2, ""),
    ]
}

fn assert_survey_scored(dir: &Path) {
    let v = score_json(dir, "chieng mung");
    assert_eq!(v["forms"]["returned"], 3, "{v}");
    assert_eq!(v["items"][17]["dissatisfied"], 1, "{v}");
    assert_eq!(v["items"][1]["dissatisfied"], 1, "{v}");
    assert_eq!(v["items"][0]["satisfied"], 3, "{v}");
    assert_eq!(v["other_opinions"], 1, "{v}");
}

#[test]
fn an_odk_central_zip_is_read_through_its_main_csv() {
    let t = tempfile::tempdir().unwrap();
    register(t.path());
    let csv: String = survey_rows().iter().map(|r| r.join(",") + "\r\n").collect();
    let repeat = "ten,tuoi,PARENT_KEY,KEY\nA,30,uuid:1,uuid:1/tv[1]\n";
    write_zip(
        &t.path().join("Phieu_xa.zip"),
        &[
            ("Phieu_xa.csv", csv.as_bytes()),
            ("Phieu_xa-thanh_vien.csv", repeat.as_bytes()),
            ("media/", b""),
            ("media/anh-1.jpg", &[0xFF, 0xD8, 0xFF]),
            ("media/anh-2.jpg", &[0xFF, 0xD8, 0xFF]),
        ],
    );
    let (code, vi, en) = check_both(t.path(), "Phieu_xa.zip");
    assert_eq!(code, Some(0), "{vi}");
    assert!(
        vi.contains("Phieu_xa.zip: tệp nén (zip) chứa các tệp CSV (như ODK Central xuất): đã đọc Phieu_xa.csv; bỏ qua: Phieu_xa-thanh_vien.csv, media/ (2)"),
        "{vi}"
    );
    assert!(
        en.contains("Phieu_xa.zip: a zip of CSV files (as ODK Central exports): read Phieu_xa.csv; ignored: Phieu_xa-thanh_vien.csv, media/ (2)"),
        "{en}"
    );
    let (code, v) = import(t.path(), &["Phieu_xa.zip"]);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["files"][0]["rows_read"], 3, "{v}");
    assert!(
        v["files"][0]["layout"].as_str().unwrap().starts_with("csv"),
        "{v}"
    );
    assert_survey_scored(t.path());

    // Two CSVs without PARENT_KEY: which one is meant is asked, not guessed.
    write_zip(
        &t.path().join("hai.zip"),
        &[("A.csv", csv.as_bytes()), ("B.csv", csv.as_bytes())],
    );
    let (code, vi, en) = check_both(t.path(), "hai.zip");
    assert_eq!(code, Some(2), "{vi}");
    assert!(
        vi.contains("hai.zip: tệp nén (zip) có nhiều tệp CSV có thể là bảng phiếu (A.csv, B.csv): không đoán; hãy giải nén và nhập tệp cần dùng"),
        "{vi}"
    );
    assert!(
        en.contains("hai.zip: the zip holds several CSV files that could be the survey (A.csv, B.csv): not guessed; unzip it and import the one you mean"),
        "{en}"
    );
}

/// Escapes text for HTML as a web system's export does: markup characters and non-ASCII
/// letters as numeric references, every other one as a named one when it has one.
fn html_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".into(),
            'à' => "&agrave;".into(),
            c if !c.is_ascii() => format!("&#{};", c as u32),
            c => c.to_string(),
        })
        .collect()
}

#[test]
fn an_html_table_saved_as_xls_is_read_as_a_sheet() {
    let t = tempfile::tempdir().unwrap();
    register(t.path());
    let rows = survey_rows();
    let mut page = String::from(
        "\u{feff}\r\n<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><head>\
         <meta charset=\"utf-8\"><style>td { mso-number-format:\"\\@\"; }</style></head><body>\
         <!-- Xuất từ hệ thống <table> -->\n<table border=\"1\">\n",
    );
    for (k, r) in rows.iter().enumerate() {
        page.push_str("<tr>");
        for (c, cell) in r.iter().enumerate() {
            // The commune spans three columns; the header is bold, between tags.
            let attrs = if k == 0 && c == 1 {
                " colspan=\"3\""
            } else {
                ""
            };
            let tag = if k == 2 { "th" } else { "td" };
            let text = if k == 2 {
                format!("<b>{}</b>", html_text(cell))
            } else {
                html_text(cell).replace(' ', "&nbsp;")
            };
            page.push_str(&format!("<{tag}{attrs}>{text}</{tag}>"));
        }
        page.push_str("</tr>\n");
    }
    page.push_str("</table></body></html>\n");
    std::fs::write(t.path().join("bao-cao.xls"), page).unwrap();
    let (code, vi, en) = check_both(t.path(), "bao-cao.xls");
    assert_eq!(code, Some(0), "{vi}");
    assert!(
        vi.contains("bao-cao.xls: tệp là trang web (HTML) được lưu với tên Excel: đã đọc 1 bảng của trang như bảng tính"),
        "{vi}"
    );
    assert!(
        en.contains("bao-cao.xls: the file is a web page (HTML) saved as Excel: its 1 table(s) were read as sheets"),
        "{en}"
    );
    let (code, v) = import(t.path(), &["bao-cao.xls"]);
    assert_eq!(code, Some(0), "{v}");
    assert!(
        v["files"][0]["layout"]
            .as_str()
            .unwrap()
            .starts_with("html"),
        "{v}"
    );
    assert_survey_scored(t.path());
}
