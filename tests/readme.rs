//! The README and docs/ keep true: every `hailong …` command of their `sh` blocks runs as written,
//! in order, in one folder, and the flags they name are the flags `--help` shows, both ways.
//!
//! Issue #26: the tour imported a blank template, then a folder that did not exist, and the
//! help listed flags no page described. Here a command is one line of a fenced `sh` block that
//! starts with `hailong` (a `\` at the end of a line continues it; `#` starts a comment). It must
//! exit 0 unless its comment says `exit N`; a comment `(server)` marks a command that does not
//! end by itself: it runs for two seconds and must still be running. Commands run through
//! `sh -c` with the built `hailong` first on `PATH`, in a temporary folder shared by all, so a
//! later command sees what an earlier one wrote, as for someone copying them in order.

mod common;

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A command of the docs: where it is, the line, and what it says of itself.
#[derive(Debug)]
struct Doc {
    file: String,
    line: usize,
    command: String,
    comment: String,
}

/// The documents the test reads: the README, then docs/*.md in name order.
fn documents() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "md"))
                .collect()
        })
        .unwrap_or_default();
    docs.sort();
    docs.insert(0, root.join("README.md"));
    docs
}

/// The `hailong` commands of a document's `sh` blocks, continuations joined.
fn commands(path: &Path) -> Vec<Doc> {
    let text = std::fs::read_to_string(path).unwrap();
    let file = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut out = Vec::new();
    let mut in_sh = false;
    let mut pending: Option<(usize, String)> = None;
    for (n, raw) in text.lines().enumerate() {
        let t = raw.trim();
        if t.starts_with("```") {
            in_sh = !in_sh && (t == "```sh" || t == "```bash" || t == "```console");
            continue;
        }
        if !in_sh {
            continue;
        }
        let (code, comment) = match t.find(" #") {
            Some(i) => (t[..i].trim_end(), t[i + 2..].trim()),
            None if t.starts_with('#') => ("", t.trim_start_matches('#').trim()),
            None => (t, ""),
        };
        if let Some((line, mut acc)) = pending.take() {
            acc.push(' ');
            acc.push_str(code.trim_end_matches('\\').trim());
            if code.ends_with('\\') {
                pending = Some((line, acc));
            } else {
                out.push(Doc {
                    file: file.clone(),
                    line,
                    command: acc,
                    comment: comment.to_string(),
                });
            }
            continue;
        }
        // A command, or one fed by a pipe ("echo … | hailong users add … --password-stdin").
        if !(code.starts_with("hailong ") || code == "hailong" || code.contains("| hailong ")) {
            continue;
        }
        if code.ends_with('\\') {
            pending = Some((n + 1, code.trim_end_matches('\\').trim().to_string()));
        } else {
            out.push(Doc {
                file: file.clone(),
                line: n + 1,
                command: code.to_string(),
                comment: comment.to_string(),
            });
        }
    }
    out
}

/// The exit code a command's comment expects (`exit 1`), else 0.
fn expected_exit(comment: &str) -> i32 {
    comment
        .split("exit ")
        .nth(1)
        .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// The flags a command line names, with its subcommand path ("criteria import").
fn flags_of(command: &str, subcommands: &[String]) -> (String, Vec<String>) {
    let command = command.rsplit("| ").next().unwrap_or(command);
    let words: Vec<&str> = command.split_whitespace().skip(1).collect();
    let mut path = Vec::new();
    let mut flags = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if let Some(f) = w.strip_prefix("--") {
            let name = f.split('=').next().unwrap_or(f);
            if !name.is_empty() {
                flags.push(format!("--{name}"));
            }
        } else if flags.is_empty() || path.is_empty() {
            let candidate = if path.is_empty() {
                w.to_string()
            } else {
                format!("{} {w}", path.join(" "))
            };
            if subcommands.contains(&candidate) {
                path.push(w);
            }
        }
        i += 1;
    }
    (path.join(" "), flags)
}

/// Every subcommand path of the binary and the flags its `--help` lists.
fn help_flags() -> Vec<(String, Vec<String>)> {
    fn walk(prefix: &str, out: &mut Vec<(String, Vec<String>)>) {
        let mut args: Vec<&str> = prefix.split_whitespace().collect();
        args.push("--help");
        let o = Command::new(common::bin()).args(&args).output().unwrap();
        let text = String::from_utf8_lossy(&o.stdout).into_owned();
        let mut flags: Vec<String> = text
            .split_whitespace()
            .filter_map(|w| {
                let w = w.trim_end_matches(',');
                w.strip_prefix("--")
                    .filter(|f| f.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
                    .map(|f| {
                        let name: String = f
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                            .collect();
                        format!("--{name}")
                    })
            })
            .collect();
        flags.sort();
        flags.dedup();
        out.push((prefix.to_string(), flags));
        // The commands listed under the heading of subcommands ("Lệnh:").
        let mut in_commands = false;
        let mut subs = Vec::new();
        for line in text.lines() {
            if line.trim_end().ends_with(':') && !line.starts_with(' ') {
                in_commands = line.starts_with("Lệnh") || line.starts_with("Commands");
                continue;
            }
            if in_commands && let Some(name) = line.split_whitespace().next() {
                subs.push(name.to_string());
            }
        }
        for s in subs {
            let p = if prefix.is_empty() {
                s
            } else {
                format!("{prefix} {s}")
            };
            walk(&p, out);
        }
    }
    let mut out = Vec::new();
    walk("", &mut out);
    out
}

/// Runs a documented command; `None` when it did what its comment says.
fn run(doc: &Doc, dir: &Path) -> Option<String> {
    let bin_dir = common::bin().parent().unwrap().to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // Output goes to files: a pipe read only at the end fills up and stops a command that
    // prints much (`score --json`).
    let out = dir.join(".doc-out");
    let err = dir.join(".doc-err");
    // Its own process group, so that a server started through `sh` is stopped with it.
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(&doc.command)
        .current_dir(dir)
        .env("PATH", path)
        .env_remove("HAILONG_DATA")
        .env_remove("HAILONG_LANG")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .process_group(0)
        .spawn()
        .unwrap();
    let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
    let stop = |child: &mut std::process::Child| {
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{}", child.id())])
            .status();
        let _ = child.kill();
        let _ = child.wait();
    };
    let server = doc.comment.contains("(server)");
    let limit = if server {
        Duration::from_secs(2)
    } else {
        Duration::from_secs(120)
    };
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            if server {
                return Some(format!(
                    "ended ({status}) though marked (server): {}",
                    read(&err)
                ));
            }
            let want = expected_exit(&doc.comment);
            return (status.code() != Some(want)).then(|| {
                format!(
                    "exit {:?}, documented {want}:\n{}{}",
                    status.code(),
                    read(&out).lines().take(8).collect::<Vec<_>>().join("\n"),
                    read(&err)
                )
            });
        }
        if start.elapsed() > limit {
            stop(&mut child);
            return (!server).then(|| "did not end within two minutes".to_string());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Every documented command runs as written, in order, and does what its comment says.
#[test]
fn every_documented_command_runs_as_written() {
    let t = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    let mut ran = 0;
    for doc in documents().iter().flat_map(|d| commands(d)) {
        ran += 1;
        if let Some(why) = run(&doc, t.path()) {
            failures.push(format!(
                "{}:{}: {}\n  {why}",
                doc.file, doc.line, doc.command
            ));
        }
    }
    assert!(ran > 10, "only {ran} commands found in the docs");
    assert!(
        failures.is_empty(),
        "{} of {ran} documented commands fail as written:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The flags the docs name exist in `--help`, and every flag `--help` lists is in the docs.
#[test]
fn the_docs_and_the_help_name_the_same_flags() {
    let help = help_flags();
    let subcommands: Vec<String> = help.iter().map(|(p, _)| p.clone()).collect();
    let docs: Vec<Doc> = documents().iter().flat_map(|d| commands(d)).collect();
    let all_text: String = documents()
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let mut bad = Vec::new();
    for doc in &docs {
        let (path, flags) = flags_of(&doc.command, &subcommands);
        let Some((_, known)) = help.iter().find(|(p, _)| *p == path) else {
            continue;
        };
        let global = &help[0].1;
        for f in flags {
            if !known.contains(&f) && !global.contains(&f) {
                bad.push(format!(
                    "{}:{}: `{f}` is not an option of `hailong {path}`",
                    doc.file, doc.line
                ));
            }
        }
    }
    for (path, flags) in &help {
        for f in flags {
            if f == "--help" || f == "--version" {
                continue;
            }
            // Named with its command in a command line, or in the text beside the command.
            let in_lines = docs.iter().any(|d| {
                flags_of(&d.command, &subcommands).0 == *path
                    && flags_of(&d.command, &subcommands).1.contains(f)
            });
            // Or named in the text: the flag not followed by more of a flag's name.
            let in_text = all_text.match_indices(f.as_str()).any(|(i, _)| {
                !all_text[i + f.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '-')
            });
            if !in_lines && !in_text {
                bad.push(format!(
                    "`hailong {path} {f}` is in --help but in no document"
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Every key docs/json.md names in a shape (a code span with braces or brackets) is a key of
/// `score --json` of the demo's commune, so the document cannot describe a field that is gone.
#[test]
fn the_json_shapes_in_the_docs_are_the_real_ones() {
    let t = tempfile::tempdir().unwrap();
    let o = common::run(t.path(), &["demo", "--out", "mau"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let data = t.path().join("mau/hailong-data");
    let o = common::run(
        t.path(),
        &[
            "--data",
            data.to_str().unwrap(),
            "score",
            "--commune",
            "chieng mung",
            "--json",
        ],
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    fn keys(v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    out.insert(k.clone());
                    keys(x, out);
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| keys(x, out)),
            _ => {}
        }
    }
    let mut real = std::collections::BTreeSet::new();
    keys(&v, &mut real);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("docs/json.md")).unwrap();
    let section = text
        .split("## `score --commune … --json`")
        .nth(1)
        .expect("the score section of docs/json.md");
    let mut named = Vec::new();
    for (i, span) in section.split('`').enumerate() {
        if i % 2 == 0 || !(span.contains('{') || span.contains('[')) {
            continue;
        }
        // Words in parentheses are remarks, not keys.
        let mut depth = 0;
        let plain: String = span
            .chars()
            .filter(|c| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                depth == 0 && *c != ')'
            })
            .collect();
        named.extend(
            plain
                .split(|c: char| !(c.is_ascii_lowercase() || c == '_'))
                .filter(|w| w.len() > 1)
                .map(str::to_string),
        );
    }
    assert!(
        named.len() > 40,
        "only {} keys found in docs/json.md",
        named.len()
    );
    let missing: Vec<&String> = named.iter().filter(|k| !real.contains(*k)).collect();
    assert!(
        missing.is_empty(),
        "docs/json.md names keys score --json does not have: {missing:?}"
    );
}
