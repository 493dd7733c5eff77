//! How the command line shows results: the import report, repair lines, the province table.
//! Shared by the commands so that none imports another's file; nothing here computes a figure.

use crate::app::import::ImportSummary;
use crate::i18n::{CliText as C, Label, Lang};
use crate::ingest::Severity;
use crate::ingest::{Layout, Outcome};
use crate::num::count;
use std::fmt::Write as _;

/// Tells the user on standard error that the workspace is busy with another import.
pub fn wait_notice(data: &std::path::Path, lang: Lang) {
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "{}",
        C::Waiting.say(lang, &[("dir", &data.display())])
    );
}

/// What a repair did, line by line (`tagged`: each line marked "[sửa]", inside an import's
/// report; otherwise closed by a conclusion, as `hailong repair` prints it).
pub fn repair_text(r: &crate::store::Repair, lang: Lang, tagged: bool) -> String {
    let tag = if tagged {
        format!("{} ", C::RepairTag.text(lang))
    } else {
        String::new()
    };
    let mut out = String::new();
    if r.restored_previous {
        let _ = writeln!(out, "{tag}{}", C::RestoredPrevious.text(lang));
    }
    for m in &r.dropped {
        let _ = writeln!(
            out,
            "{tag}{}",
            C::DroppedSource.fill(
                lang,
                &[
                    ("file", &m.file_name),
                    ("commune", &m.commune),
                    ("round", &m.round),
                    ("table", &m.table),
                ],
            )
        );
    }
    if tagged {
        return out;
    }
    let sources: std::collections::BTreeSet<(&str, &str, &str)> = r
        .dropped
        .iter()
        .map(|m| (m.file_name.as_str(), m.commune.as_str(), m.round.as_str()))
        .collect();
    let _ = writeln!(
        out,
        "{}",
        if sources.is_empty() && !r.restored_previous {
            C::Consistent.say(lang, &[("removed", &r.removed_files)])
        } else {
            C::Repaired.say(
                lang,
                &[("sources", &sources.len()), ("removed", &r.removed_files)],
            )
        }
    );
    out
}

/// A layout code of the report (`xlsx (ballots + register)`) in `lang`'s words.
fn layout_words(layout: &Layout, lang: Lang) -> String {
    if layout.format.is_empty() && layout.parts.is_none() {
        return "?".into();
    }
    layout.written(|part| Label::layout(part).text(lang).to_string())
}

/// Problems of one file grouped: identical messages of one sheet and severity together, in
/// the order of their first occurrence.
fn grouped(problems: &[crate::ingest::Problem], lang: Lang) -> Vec<Vec<&crate::ingest::Problem>> {
    let mut groups: Vec<Vec<&crate::ingest::Problem>> = Vec::new();
    let mut at: std::collections::HashMap<(Severity, Option<&str>, String), usize> =
        std::collections::HashMap::new();
    for p in problems {
        let key = (p.severity, p.location.sheet.as_deref(), p.message(lang));
        match at.get(&key) {
            Some(i) => groups[*i].push(p),
            None => {
                at.insert(key, groups.len());
                groups.push(vec![p]);
            }
        }
    }
    groups
}

/// How many cells of a group of problems are shown; the rest are in `--json` and the errors
/// workbook.
const SHOWN_CELLS: usize = 5;

/// The summary of an import in `lang`, as printed: one line per file, then its problems with
/// identical ones printed once with their count and first cells; `check`: a check (the
/// reading of a single file is shown whole even when the workspace already holds it).
pub fn summary_text(s: &ImportSummary, lang: Lang, check: bool) -> String {
    let mut out = String::new();
    if let Some(r) = &s.repair {
        out.push_str(&repair_text(r, lang, true));
    }
    if s.interrupted {
        let _ = writeln!(out, "{}", C::Interrupted.text(lang));
        return out;
    }
    let num = |n: u32| match lang {
        Lang::Vi => count(n as u64),
        Lang::En => n.to_string(),
    };
    // Each kind of row left out is said only when there are some.
    let left_out = |duplicates: u32, not_counted: u32| {
        [
            (Label::Duplicates, duplicates),
            (Label::NotCounted, not_counted),
        ]
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(l, n)| l.fill(lang, &[("count", &num(n))]))
        .collect::<String>()
    };
    for f in &s.files {
        let accepted = num(f.accepted);
        let outcome = Label::outcome_for(f.outcome, &accepted, f.criteria_set.is_some(), lang);
        let warnings = f
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
            .count();
        if let Some(set) = &f.criteria_set {
            let _ = writeln!(
                out,
                "{}",
                Label::AssessmentLine.fill(
                    lang,
                    &[
                        ("file", &f.file),
                        ("commune", f.commune.as_deref().unwrap_or("?")),
                        ("set", set),
                        ("layout", &layout_words(&f.layout, lang)),
                        ("read", &num(f.rows_read)),
                        ("accepted", &accepted),
                        ("rejected", &num(f.rejected)),
                        ("warnings", &warnings.to_string()),
                        ("outcome", &outcome),
                    ],
                )
            );
        } else {
            let _ = writeln!(
                out,
                "{}",
                Label::FileLine.fill(
                    lang,
                    &[
                        ("file", &f.file),
                        ("commune", f.commune.as_deref().unwrap_or("?")),
                        ("form", f.form.as_deref().unwrap_or("?")),
                        ("layout", &layout_words(&f.layout, lang)),
                        ("read", &num(f.rows_read)),
                        ("accepted", &accepted),
                        ("rejected", &num(f.rejected)),
                        ("left_out", &left_out(f.duplicates, f.not_counted)),
                        ("warnings", &warnings.to_string()),
                        ("outcome", &outcome),
                    ],
                )
            );
        }
        // The reading: in full where the user must judge it (a check, or a file not stored
        // because it looks misread), else one paragraph.
        // (A check of one file shows it in full; of a folder, a paragraph per file.)
        if !f.reading.sheets.is_empty() {
            // A check of one file shows its reading even when the workspace already holds
            // the file (the import says "Xem đầy đủ: hailong check TỆP").
            let full = f.outcome == Outcome::Doubtful
                || (s.files.len() == 1 && (check || !f.outcome.is_in_workspace()));
            if full {
                out.push_str(&f.reading.text(lang));
            } else if f.outcome != Outcome::Unchanged {
                out.push_str(&f.reading.summary(lang));
            }
        }
        for group in grouped(&f.problems, lang) {
            let p = group[0];
            let tag = p.severity.label().text(lang);
            if group.len() == 1 {
                let _ = writeln!(out, "  [{tag}] {}", p.render(lang));
                continue;
            }
            let mut cells: Vec<String> = group
                .iter()
                .take(SHOWN_CELLS)
                .map(|p| {
                    let c = p.location.cell.clone().unwrap_or_else(|| "?".into());
                    match &p.value {
                        Some(v) => format!("{c} ({v})"),
                        None => c,
                    }
                })
                .collect();
            if group.len() > SHOWN_CELLS {
                cells.push("…".into());
            }
            let mut line = p.location.file.clone();
            if let Some(sh) = &p.location.sheet {
                line.push_str(" › ");
                line.push_str(sh);
            }
            let repeated = Label::Repeated.fill(
                lang,
                &[
                    ("count", &num(group.len() as u32)),
                    ("cells", &cells.join(", ")),
                ],
            );
            let _ = writeln!(out, "  [{tag}] {line}: {} — {repeated}", p.message(lang));
        }
    }
    let (duplicates, not_counted) = s
        .files
        .iter()
        .fold((0, 0), |(d, n), f| (d + f.duplicates, n + f.not_counted));
    let _ = writeln!(
        out,
        "{}",
        Label::TotalLine.fill(
            lang,
            &[
                ("files", &s.files.len().to_string()),
                ("read", &num(s.rows_read)),
                ("accepted", &num(s.accepted)),
                ("rejected", &num(s.rejected)),
                ("left_out", &left_out(duplicates, not_counted)),
            ],
        )
    );
    out
}
