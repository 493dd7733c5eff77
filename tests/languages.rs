//! Issue 21: `--lang en` output holds no Vietnamese sentence and the Vietnamese output no
//! English one — import, check, score, export, the errors workbook and the web pages.
//!
//! What may stay in the other language is data: the names and texts of the rule packs and
//! forms (official Vietnamese wording), the communes, areas and files of the run, and what a
//! message quotes from a cell ('…', "…", “…”). Everything else is a message hailong wrote, and
//! must be in the language asked for.

mod common;

use common::http::{get, multipart, request, serve};
use common::*;
use std::collections::BTreeSet;
use std::path::Path;

/// Every string of the shipped rule packs, forms and criteria sets, and of the run's data
/// (communes, areas): text the user gave or the law wrote, longest first.
fn data_strings(extra: &[String]) -> Vec<String> {
    fn walk(v: &toml::Value, out: &mut BTreeSet<String>) {
        match v {
            toml::Value::String(s) => {
                out.insert(s.clone());
            }
            toml::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            toml::Value::Table(t) => t.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = BTreeSet::new();
    for dir in ["criteria", "surveys/forms", "surveys/rules"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
            let text = std::fs::read_to_string(e.path()).unwrap();
            walk(&toml::from_str::<toml::Value>(&text).unwrap(), &mut out);
        }
    }
    out.extend(extra.iter().cloned());
    // The province's units and their former names (the province page lists them all, and the
    // template page's commune list names their former communes).
    let units = std::fs::read_to_string(root.join("data/sonla-units-2025.csv")).unwrap();
    for line in units.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        out.insert(f[1].to_string());
        out.extend(
            f[4].split(';')
                .map(|n| n.trim_start_matches("Xã ").to_string()),
        );
    }
    // What the sample workbooks hold: areas, reasons, opinions, a self-assessment's evidence.
    for e in std::fs::read_dir(root.join("samples")).unwrap().flatten() {
        if e.path().extension().is_some_and(|x| x == "xlsx") {
            for (name, rows) in read_xlsx(&e.path()) {
                out.insert(name);
                out.extend(rows.iter().flatten().filter_map(|c| match c {
                    Cell::S(s) => Some(s.clone()),
                    _ => None,
                }));
            }
        }
    }
    // Short or plain-ASCII data (ids, numbers) could only cut words out of messages.
    let mut v: Vec<String> = out
        .into_iter()
        .filter(|s| {
            if s.is_ascii() {
                s.len() >= 4 && s.contains(' ')
            } else {
                s.chars().count() >= 2
            }
        })
        .collect();
    v.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    v
}

/// The text with data, quoted passages and markup removed.
fn messages_only(text: &str, data: &[String]) -> String {
    let mut t = text.to_string();
    // Tags and entities of a page.
    let mut out = String::new();
    let mut in_tag = false;
    for c in t.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    t = out
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    for d in data {
        t = t.replace(d.as_str(), " ");
    }
    // Command-line flags are code, in no language.
    let t: String = t
        .split(' ')
        .filter(|w| !w.starts_with("--"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = String::new();
    let mut close: Option<char> = None;
    let mut prev = ' ';
    for c in t.chars() {
        if let Some(end) = close {
            if c == end || c == '\n' {
                close = None;
            }
        } else {
            match c {
                '"' => close = Some('"'),
                '“' => close = Some('”'),
                '‘' => close = Some('’'),
                '\'' if !prev.is_alphanumeric() => close = Some('\''),
                _ => out.push(c),
            }
        }
        prev = c;
    }
    out
}

/// Lines of English output that still hold a Vietnamese word that is not part of some data
/// (data is also shown cut to a column: "Xã có quy hoạch chung xây dựng xã được phê …", so a
/// word passes when it and its neighbours are found together in some data string).
fn vietnamese_left(text: &str, data: &[String]) -> Vec<String> {
    let blob = data.join("\n");
    let mut found = Vec::new();
    for l in messages_only(text, data).lines() {
        let words: Vec<(usize, usize)> = l
            .char_indices()
            .filter(|(i, c)| {
                c.is_alphabetic() && !l[..*i].chars().next_back().is_some_and(char::is_alphabetic)
            })
            .map(|(i, _)| {
                let end = l[i..]
                    .char_indices()
                    .find(|(_, c)| !c.is_alphabetic())
                    .map_or(l.len(), |(k, _)| i + k);
                (i, end)
            })
            .collect();
        for (k, (a, b)) in words.iter().enumerate() {
            if l[*a..*b].is_ascii() {
                continue;
            }
            let before = &l[words[k.saturating_sub(1)].0..*b];
            let after = &l[*a..words[(k + 1).min(words.len() - 1)].1];
            if !blob.contains(before) && !blob.contains(after) {
                let from = words[k.saturating_sub(4)].0;
                let to = words[(k + 4).min(words.len() - 1)].1;
                found.push(format!("«{}» in: {}", &l[*a..*b], &l[from..to]));
                break;
            }
        }
    }
    found
}

/// Words of English sentences that Vietnamese (with or without diacritics) does not write.
const ENGLISH: &[&str] = &[
    "the",
    "of",
    "and",
    "is",
    "are",
    "not",
    "file",
    "files",
    "rows",
    "forms",
    "with",
    "from",
    "which",
    "this",
    "that",
    "was",
    "were",
    "has",
    "have",
    "should",
    "must",
    "error",
    "warning",
    "stored",
    "refused",
    "households",
    "commune",
    "passed",
    "failed",
    "items",
    "item",
];

/// Lines of Vietnamese output that still hold an English sentence word.
fn english_left(text: &str, data: &[String]) -> Vec<String> {
    messages_only(text, data)
        .lines()
        .filter(|l| {
            l.split(|c: char| !c.is_alphabetic())
                .any(|w| ENGLISH.contains(&w.to_lowercase().as_str()))
        })
        .map(|l| l.trim().to_string())
        .collect()
}

/// A sample with a few faults: an answer that is no answer, an unknown area, a form over the
/// households, so that problems and the reading are printed.
fn faulty_sample(dir: &Path) -> std::path::PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sheets = read_xlsx(&root.join("samples/ta-xua.xlsx"));
    let forms = sheets.iter_mut().find(|(n, _)| n == "Phiếu").unwrap();
    forms.1[3][4] = s("abc");
    forms.1[4][5] = s("Hai long lam");
    forms.1[5][0] = s("Bản Không Có");
    let p = dir.join("loi.xlsx");
    write_xlsx(&p, &sheets);
    p
}

fn out(o: &std::process::Output) -> String {
    format!("{}\n{}", stdout(o), stderr(o))
}

#[test]
fn english_output_holds_no_vietnamese_and_vietnamese_no_english() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let faulty = faulty_sample(dir);
    let mut runs: Vec<(&str, bool, String)> = Vec::new();
    for (lang, en) in [("vi", false), ("en", true)] {
        let d = dir.join(lang);
        std::fs::create_dir_all(&d).unwrap();
        let demo = run(&d, &["--lang", lang, "demo", "--out", "demo"]);
        assert!(demo.status.success(), "{}", out(&demo));
        runs.push(("demo", en, out(&demo)));
        let ws = d.join("demo/hailong-data");
        let ws = ws.to_str().unwrap();
        let f = faulty.to_str().unwrap();
        let errors = d.join("loi-errors.xlsx");
        for (what, args) in [
            ("check", vec!["check", f]),
            ("import", vec!["import", f]),
            (
                "import errors",
                vec!["import", f, "--errors-xlsx", errors.to_str().unwrap()],
            ),
            ("score --all", vec!["score", "--all"]),
            ("score --commune", vec!["score", "--commune", "muong bu"]),
            ("score unknown", vec!["score", "--commune", "Hà Nội"]),
            (
                "export",
                vec!["export", "--commune", "ta xua", "--out", "x.xlsx"],
            ),
            ("export --all", vec!["export", "--all", "--out", "t.xlsx"]),
            (
                "criteria template",
                vec!["criteria", "template", "--out", "bang.xlsx"],
            ),
            (
                "criteria import refused",
                vec!["criteria", "import", "bang.xlsx"],
            ),
            ("criteria diff", vec!["criteria", "diff"]),
        ] {
            let mut a = vec!["--lang", lang, "--data", ws];
            a.extend(args);
            runs.push((what, en, out(&run(&d, &a))));
        }
        let book = read_xlsx(&errors);
        let cells: Vec<String> = book
            .iter()
            .flat_map(|(name, rows)| {
                std::iter::once(name.clone()).chain(rows.iter().map(|r| {
                    r.iter()
                        .enumerate()
                        // The value column quotes the cell.
                        .filter(|(i, _)| *i != 5)
                        .map(|(_, c)| match c {
                            Cell::S(s) => s.clone(),
                            _ => String::new(),
                        })
                        .collect::<Vec<_>>()
                        .join(" | ")
                }))
            })
            .collect();
        runs.push(("errors workbook", en, cells.join("\n")));
        let server = serve(Path::new(ws), "127.0.0.1", &[]);
        let q = if en { "?lang=en" } else { "?lang=vi" };
        let commune: String = "Xã Mường Bú"
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect();
        let commune = format!("/xa/{commune}");
        for page in ["/", commune.as_str(), "/nhap", "/mau", "/khong-co"] {
            let r = get(&server.addr, &format!("{page}{q}"));
            runs.push(("page", en, r.text()));
        }
        let bytes = std::fs::read(&faulty).unwrap();
        let (ct, body) = multipart(&[("loi.xlsx", &bytes)], &[("check", "1")]);
        let r = request(
            &server.addr,
            "POST",
            &format!("/nhap{q}"),
            &[("Content-Type", &ct)],
            &body,
        );
        // The upload's reading is the page the POST sends the browser to.
        let reading = r.header("location").expect("the reading's address");
        let r = get(&server.addr, &format!("{reading}{q}"));
        runs.push(("upload page", en, r.text()));
    }
    // The run's own data: communes, areas, file names.
    let mut extra: Vec<String> = [
        "loi.xlsx",
        "Bản Không Có",
        // The sample's sheets, named in cell references ("Phiếu › E4").
        "Khu dân cư",
        "Phiếu",
        "Nội dung phiếu",
        "Bảng tiêu chí",
        // Names of products and languages.
        "Google Forms",
        "Tiếng Việt",
    ]
    .map(String::from)
    .to_vec();
    let all = std::process::Command::new(bin())
        .args(["--data"])
        .arg(dir.join("vi/demo/hailong-data"))
        .args(["score", "--all", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&all.stdout).unwrap();
    for c in v["communes"].as_array().unwrap() {
        extra.push(c["commune"].as_str().unwrap().to_string());
        for a in c["areas"].as_array().unwrap() {
            extra.push(a["name"].as_str().unwrap().to_string());
        }
        for cond in c["readiness"]["conditions"]
            .as_array()
            .into_iter()
            .flatten()
        {
            if let Some(e) = cond["evidence"].as_str() {
                extra.push(e.to_string());
            }
        }
    }
    let data = data_strings(&extra);
    let mut bad = Vec::new();
    for (what, en, text) in &runs {
        let left = if *en {
            vietnamese_left(text, &data)
        } else {
            english_left(text, &data)
        };
        for l in left.iter().take(5) {
            bad.push(format!("[{what}, {}] {l}", if *en { "en" } else { "vi" }));
        }
    }
    assert!(bad.is_empty(), "{} lines:\n{}", bad.len(), bad.join("\n"));
}
