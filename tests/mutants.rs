//! A mutation corpus through the real binary (issue 14, point 9): a few hundred mutants of real
//! fixtures — byte flips, truncations, broken zip entries, huge strings, formulas, control
//! characters, path-like names — made deterministically from a fixed seed, read by `check` and
//! `import` under a 2 GiB address-space cap. Every run must end as hailong ends (exit 0, 1 or 2,
//! every file named in the report, no panic), within a time bound, and write nothing outside
//! its workspace. Mutants go into folders of a few dozen, read in parallel by one run, so that
//! the whole test stays well under a minute in a debug build.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// xorshift64*: small, deterministic, no dependency; the seed fixes the corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

const SEED: u64 = 0x1414_2026_0000_0014;
/// Mutants per folder (one `check` and one `import` each).
const PER_FOLDER: usize = 40;
const FOLDERS: usize = 8;
/// Most time one run may take.
const RUN_LIMIT: Duration = Duration::from_secs(20);

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Text that has hurt readers: huge, formula-like, control characters, path-like.
const NASTY: &[&str] = &[
    "=HYPERLINK(\"http://x\",\"Hài lòng\")",
    "=1+1",
    "@SUM(A1:A9)",
    "\u{0}\u{7}\u{1b}[31m\u{7f}",
    "\u{202e}gnòl iàH",
    "../../../../etc/passwd",
    "..\\..\\Windows\\System32",
    "/dev/zero",
    "CON",
    "Xã:",
    "Tổng cộng",
    "\"",
    "",
    "9999999999999999999999",
    "-1",
    "NaN",
];

fn nasty(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => "Hài lòng ".repeat(1 + rng.below(200_000)),
        // Around Excel's bound on a cell's text.
        1 => "x".repeat(32_766 + rng.below(3)),
        _ => rng.pick(NASTY).to_string(),
    }
}

/// The entries of a zip archive, in order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("fixture is a zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().map(|n| n.to_string()).unwrap_or_default(), data)
        })
        .collect()
}

fn rezip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        out.start_file(name.as_str(), opts).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// One mutant of `seed` (bytes of a file named `ext`).
fn mutate(rng: &mut Rng, seed: &[u8], ext: &str) -> (String, Vec<u8>) {
    let mut b = seed.to_vec();
    let zipped = seed.starts_with(b"PK\x03\x04");
    let op = rng.below(if zipped { 7 } else { 4 });
    let what = match op {
        0 => {
            for _ in 0..1 + rng.below(16) {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
            "flip"
        }
        1 => {
            b.truncate(rng.below(b.len()));
            "cut"
        }
        2 => {
            // A run of one byte somewhere: separators, quotes, zeros, 0xFF.
            let byte = *rng.pick(&[b',', b';', b'"', b'\n', 0, 0xFF, b'<']);
            let at = rng.below(b.len());
            let run = vec![byte; 1 + rng.below(100_000)];
            b.splice(at..at, run);
            "run"
        }
        3 => {
            // Nasty text in place of some bytes (text formats: a cell; others: noise).
            let at = rng.below(b.len());
            let end = (at + rng.below(64)).min(b.len());
            b.splice(at..end, nasty(rng).into_bytes());
            "text"
        }
        _ => {
            let mut entries = unzip(seed);
            let i = rng.below(entries.len());
            match op {
                4 => {
                    // A broken entry: truncated, flipped, or emptied.
                    let data = &mut entries[i].1;
                    match rng.below(3) {
                        0 => data.truncate(rng.below(data.len().max(1))),
                        1 if !data.is_empty() => {
                            let j = rng.below(data.len());
                            data[j] ^= 0x55;
                        }
                        _ => data.clear(),
                    }
                }
                5 => {
                    // Nasty text inside a cell or attribute of an XML part.
                    let data = &mut entries[i].1;
                    let s = String::from_utf8_lossy(data).into_owned();
                    let marks: Vec<usize> = s.match_indices('>').map(|(k, _)| k + 1).collect();
                    if let Some(&k) = marks.get(rng.below(marks.len())) {
                        let text = nasty(rng).replace('<', "&lt;");
                        *data = format!("{}{}{}", &s[..k], text, &s[k..]).into_bytes();
                    }
                }
                _ => {
                    entries.remove(i);
                }
            }
            b = rezip(&entries);
            "zip"
        }
    };
    (format!("{what}.{ext}"), b)
}

/// Workbooks written here with nasty text where hailong reads names, areas and answers.
fn nasty_workbook(rng: &mut Rng) -> Vec<u8> {
    let mut c = Canonical::small();
    // Excel's (and rust_xlsxwriter's) bound on a cell's text.
    let nasty = |rng: &mut Rng| nasty(rng).chars().take(32_767).collect::<String>();
    match rng.below(4) {
        0 => c.commune = nasty(rng),
        1 => c.register[0].0 = nasty(rng),
        2 => c.ballots[0].2[rng.below(19)] = nasty(rng),
        _ => c.ballots[1].1 = nasty(rng),
    }
    let t = tempfile::tempdir().unwrap();
    let p = t.path().join("w.xlsx");
    c.write(&p);
    std::fs::read(p).unwrap()
}

/// Every file below `dir` except the workspace, with size and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (u64, SystemTime)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p == dir.join("ws") {
                continue;
            }
            let m = e.metadata().unwrap();
            if m.is_dir() {
                stack.push(p.clone());
            }
            out.insert(p, (m.len(), m.modified().unwrap()));
        }
    }
    out
}

#[test]
fn mutants_of_real_fixtures_never_crash_hang_or_write_outside_the_workspace() {
    let mut seeds: Vec<(Vec<u8>, &str)> = ["formats.xlsx", "formats.xls", "formats.ods"]
        .iter()
        .map(|f| {
            let ext = f.rsplit('.').next().unwrap();
            (std::fs::read(fixtures().join(f)).unwrap(), ext)
        })
        .collect();
    seeds.push((
        std::fs::read(fixtures().join("windows-1258.csv")).unwrap(),
        "csv",
    ));
    let chieng_mung = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/chieng-mung.xlsx");
    seeds.push((std::fs::read(chieng_mung).unwrap(), "xlsx"));
    // A self-assessment goes through its own reader (and the cell-format reader of .xlsx).
    let assessment =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/muong-bu-tu-danh-gia.xlsx");
    seeds.push((std::fs::read(assessment).unwrap(), "xlsx"));

    let t = tempfile::tempdir().unwrap();
    let mut rng = Rng(SEED);
    let mut made = 0;
    for f in 0..FOLDERS {
        let dir = t.path().join(format!("lo-{f}"));
        std::fs::create_dir(&dir).unwrap();
        for i in 0..PER_FOLDER {
            let (name, bytes) = if rng.below(8) == 0 {
                ("nasty.xlsx".to_string(), nasty_workbook(&mut rng))
            } else {
                let (seed, ext) = rng.pick(&seeds);
                mutate(&mut rng, seed, ext)
            };
            std::fs::write(dir.join(format!("{i:02}-{name}")), bytes).unwrap();
            made += 1;
        }
    }
    assert!(made >= 300, "{made} mutants");

    let before = snapshot(t.path());
    for f in 0..FOLDERS {
        let folder = format!("lo-{f}");
        for cmd in ["check", "import"] {
            let start = Instant::now();
            let o = run_capped(t.path(), &[cmd, &folder]);
            let took = start.elapsed();
            let what = format!("{cmd} {folder}");
            assert_no_crash(&o, &what);
            assert!(took < RUN_LIMIT, "{what} took {took:?}");
            let out = stdout(&o);
            for e in std::fs::read_dir(t.path().join(&folder)).unwrap().flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                assert!(out.contains(&name), "{what}: no word about {name}\n{out}");
            }
        }
    }
    assert_eq!(
        before,
        snapshot(t.path()),
        "files outside the workspace changed"
    );
    // What was stored is still readable.
    let o = run_capped(t.path(), &["score", "--all"]);
    assert_no_crash(&o, "score --all");
}
