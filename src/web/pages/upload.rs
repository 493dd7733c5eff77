//! The upload pages: the form, then the reading of the files sent, stored only on "Lưu".
//!
//! Each file's outcome comes first, and for a file that will not be stored, the reason and what
//! to do; then its counts, what will be stored, the reading (sheets, columns, rows left out,
//! answers as read) and its problems. The same page, after "Lưu", says what was stored.

use super::{Frame, Nav, commune_link, layout};
use crate::app::province::Titles;
use crate::i18n::{Lang, WebText as W};
use crate::ingest::{FileReport, Outcome, ProblemKind, Severity};
use crate::web::uploads::Pending;
use maud::{Markup, html};

/// The server's upload limits, in MB.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Per file.
    pub file_mb: u64,
    /// Per request.
    pub upload_mb: u64,
}

/// The tools whose exports a mapping file reads (product names: not translated).
const MAPPING_TOOLS: &str = "KoboToolbox, ODK, Google Forms";

/// The upload form; `notice` says why the officer is back here (an upload expired).
pub fn form(frame: &Frame, limits: Limits, rounds: &[String], notice: Option<&str>) -> String {
    let lang = frame.lang;
    let t = |m: W| m.text(lang);
    let body = html! {
        h1 { (t(W::UploadForms)) }
        @if let Some(n) = notice { p.warn role="alert" { (n) } }
        p { (t(W::UploadIntro)) }
        form method="post" action="/nhap" enctype="multipart/form-data" data-upload
            data-max-file-mb=(limits.file_mb) data-max-upload-mb=(limits.upload_mb)
            data-msg-none=(t(W::NoFileChosen))
            data-msg-file-too-large=(t(W::FileTooLargeClient))
            data-msg-too-large=(t(W::UploadTooLargeClient))
            data-msg-sending=(t(W::Sending))
            data-msg-reading=(t(W::ReadingFiles))
            data-msg-lost=(t(W::ConnectionLost))
            data-msg-failed=(t(W::UploadFailed)) {
            div.drop {
                label for="files" { (t(W::ChooseFiles)) }
                input #files name="files" type="file" multiple accept=".xlsx,.xlsm,.xls,.xlsb,.ods,.csv,.txt,.zip";
                p.chosen.note { (t(W::DropHere)) }
            }
            p.hint { (W::Limits.say(lang, &[("file", &limits.file_mb), ("upload", &limits.upload_mb)])) }
            label for="round" { (t(W::SurveyRound)) }
            input #round name="round" type="text" list="rounds" autocomplete="off";
            datalist #rounds { @for r in rounds { option value=(r) {} } }
            details {
                summary { (W::MappingFile.fill(lang, &[("tools", MAPPING_TOOLS)])) }
                label for="mapping" { (t(W::MappingFileField)) }
                input #mapping name="mapping" type="file" accept=".toml";
            }
            progress hidden value="0" max="1" {}
            p.status aria-live="polite" {}
            div.actions { button type="submit" { (t(W::ReadFiles)) } }
        }
        p.note { (t(W::UploadHelp)) }
    };
    layout(frame, t(W::Upload), Nav::Upload, body)
}

/// The page of an upload: its reading, with "Lưu" while it waits; what was stored after.
pub fn reading(frame: &Frame, p: &Pending, titles: &Titles) -> String {
    let lang = frame.lang;
    let t = |m: W| m.text(lang);
    let stored = p.stored.is_some();
    let s = p.stored.as_ref().unwrap_or(&p.reading);
    let storable = s
        .files
        .iter()
        .filter(|f| f.outcome == Outcome::Checked)
        .count();
    let doubtful = s.files.iter().any(|f| f.outcome == Outcome::Doubtful);
    let problems = s
        .files
        .iter()
        .any(|f| !f.problems.is_empty() || !f.reading.sheets.is_empty());
    let store_form = format!("luu-{}", p.id);
    let actions = html! {
        @if !stored && doubtful {
            label.check {
                input type="checkbox" name="accept_partial" value="1" form=(store_form);
                span { (t(W::AcceptPartial)) }
            }
        }
        div.actions {
            @if !stored {
                form #(store_form) method="post" action=(format!("/nhap/{}/luu", p.id)) data-busy=(t(W::Storing)) {
                    button type="submit" disabled[storable == 0 && !doubtful] { (t(W::Store)) }
                }
                form method="post" action=(format!("/nhap/{}/huy", p.id)) {
                    button.secondary type="submit" { (t(W::Cancel)) }
                }
            }
            @if problems {
                a.button.secondary href=(format!("/nhap/{}/loi.xlsx", p.id)) download { (t(W::DownloadProblems)) }
            }
        }
        p.status data-status-of=(store_form) aria-live="polite" {}
    };
    let body = html! {
        h1 { (t(if stored { W::UploadStored } else { W::UploadReading })) }
        @if stored {
            p.ok #upload-status role="status" {
                (W::StoredSummary.say(lang, &[
                    ("stored", &s.files.iter().filter(|f| matches!(f.outcome, Outcome::Stored | Outcome::Replaced)).count()),
                    ("files", &s.files.len()),
                    ("accepted", &s.accepted),
                ]))
            }
        } @else if storable > 0 || doubtful {
            p.warn #upload-status role="status" {
                (W::NothingStoredYet.say(lang, &[("storable", &storable), ("files", &s.files.len())]))
            }
        } @else if s.files.iter().all(|f| f.outcome == Outcome::Unchanged) {
            p.ok #upload-status role="status" { (t(W::AllAlreadyStored)) }
        } @else {
            p.bad #upload-status role="status" { (t(W::NothingToStore)) }
        }
        @if s.interrupted { p.warn { (t(W::Stopped)) } }
        @if !p.round.is_empty() { p { (W::FactsRound.fill(lang, &[("round", &p.round)]).trim_start_matches(" · ")) } }
        p { (W::UploadTotal.say(lang, &[("read", &s.rows_read), ("accepted", &s.accepted), ("rejected", &s.rejected)])) }
        (actions)
        section #report {
            @for (i, f) in s.files.iter().enumerate() {
                (file(f, i, stored, titles, lang))
            }
        }
        @if stored { p { a href="/nhap" { (t(W::UploadMore)) } } }
    };
    layout(frame, t(W::Upload), Nav::Upload, body)
}

/// A file's outcome in words, and its class (`ok`, `bad`, `none`).
fn outcome(f: &FileReport, lang: Lang) -> (&'static str, String) {
    let accepted = &f.accepted;
    let assessment = f.criteria_set.is_some();
    match f.outcome {
        Outcome::Checked if assessment => (
            "ok",
            W::WillStoreAssessment.say(lang, &[("accepted", accepted)]),
        ),
        Outcome::Checked => ("ok", W::WillStore.say(lang, &[("accepted", accepted)])),
        Outcome::Stored => ("ok", W::StoredNow.say(lang, &[("accepted", accepted)])),
        Outcome::Replaced => ("ok", W::ReplacedNow.say(lang, &[("accepted", accepted)])),
        Outcome::Unchanged => ("none", W::AlreadyStored.text(lang).into()),
        Outcome::Refused | Outcome::Pending => ("bad", W::WillNotStore.text(lang).into()),
        Outcome::NotStored => ("bad", W::AllRowsRejected.text(lang).into()),
        Outcome::Doubtful => ("bad", W::ReadingDoubtful.text(lang).into()),
    }
}

/// Why a file is not stored (its worst problems) and what to do about it.
fn refusal(f: &FileReport, stored: bool, lang: Lang) -> Option<Markup> {
    if !matches!(
        f.outcome,
        Outcome::Refused | Outcome::NotStored | Outcome::Doubtful
    ) {
        return None;
    }
    let worst = f.worst();
    let reasons: Vec<String> = f
        .problems
        .iter()
        .filter(|p| Some(p.severity) == worst && p.severity != Severity::Warning)
        .take(3)
        .map(|p| p.render(lang))
        .collect();
    let todo = f
        .problems
        .iter()
        .find_map(|p| match &p.kind {
            ProblemKind::AreaInOtherFile { area, other } => {
                Some(W::TodoSecondBatch.fill(lang, &[("area", area), ("other", other)]))
            }
            _ => None,
        })
        .unwrap_or_else(|| {
            match f.outcome {
                Outcome::Doubtful if stored => W::TodoDoubtfulAfter,
                Outcome::Doubtful => W::TodoDoubtful,
                Outcome::NotStored => W::TodoAllRejected,
                _ => W::TodoFix,
            }
            .text(lang)
            .into()
        });
    Some(html! {
        div.bad.refusal {
            @for r in &reasons { p { strong { (r) } } }
            p { (todo) }
        }
    })
}

/// One file: outcome, the refusal's reason first, counts, what will be stored, the reading, the
/// problems.
fn file(f: &FileReport, i: usize, stored: bool, titles: &Titles, lang: Lang) -> Markup {
    let t = |m: W| m.text(lang);
    let (class, words) = outcome(f, lang);
    let judge = matches!(f.outcome, Outcome::Checked | Outcome::Doubtful) || !stored;
    let errors = f
        .problems
        .iter()
        .filter(|p| p.severity != Severity::Warning)
        .count();
    let rows = f.reading.rows(lang);
    html! {
        article.file #(format!("file-{i}")) {
            h3 { (f.file) }
            p class=(format!("verdict {class}")) { (words) }
            @if let Some(r) = refusal(f, stored, lang) { (r) }
            ul.counts {
                li { (W::RowsRead.say(lang, &[("count", &f.rows_read)])) }
                li { (W::RowsAccepted.say(lang, &[("count", &f.accepted)])) }
                li { (W::RowsRejected.say(lang, &[("count", &f.rejected)])) }
                @if f.duplicates > 0 { li { (W::RowsDuplicate.say(lang, &[("count", &f.duplicates)])) } }
                @if f.not_counted > 0 { li { (W::RowsNotCounted.say(lang, &[("count", &f.not_counted)])) } }
            }
            p {
                @if let Some(c) = &f.commune {
                    (t(W::Commune)) ": "
                    @if f.outcome.is_in_workspace() { a href=(commune_link(c, f.form.as_deref(), None)) { (c) } } @else { (c) }
                }
                @if let Some(set) = &f.criteria_set {
                    " · " (t(W::SelfAssessmentOf)) ": " (titles.set(set))
                } @else if let Some(form) = &f.form {
                    " · " (t(W::Form)) ": " (titles.form(form))
                }
                @if f.register_areas > 0 {
                    " · " (W::AreasInRegister.say(lang, &[("count", &f.register_areas)]))
                }
            }
            @if !rows.is_empty() {
                details.reading open[judge] {
                    summary { (t(W::HowRead)) }
                    (reading_rows(&rows, lang))
                }
            }
            @if !f.problems.is_empty() {
                details.problems open[errors > 0] {
                    summary { (W::ProblemsCount.say(lang, &[("count", &f.problems.len())])) }
                    ul.problems {
                        @for p in f.problems.iter().take(200) {
                            li class=(if p.severity == Severity::Warning { "note" } else { "fail" }) {
                                "[" (p.severity.label().text(lang)) "] " (p.render(lang))
                            }
                        }
                        @if f.problems.len() > 200 {
                            li { (W::MoreProblems.say(lang, &[("count", &(f.problems.len() - 200))])) }
                        }
                    }
                }
            }
        }
    }
}

/// The reading's rows (sheet, place, what, detail), a list per sheet; a long run of the same
/// kind of row (the answers of every item, every column) folded under its count.
fn reading_rows(rows: &[[String; 4]], lang: Lang) -> Markup {
    let mut sheets: Vec<(&str, Vec<&[String; 4]>)> = Vec::new();
    for r in rows {
        match sheets.last_mut() {
            Some((sheet, list)) if *sheet == r[0].as_str() => list.push(r),
            _ => sheets.push((r[0].as_str(), vec![r])),
        }
    }
    html! {
        @for (sheet, list) in &sheets {
            h4 {
                @if sheet.is_empty() { (W::WholeFile.text(lang)) } @else { (W::SheetNamed.fill(lang, &[("sheet", sheet)])) }
            }
            @for run in runs(list) {
                @if run.len() > FOLDED {
                    details.run {
                        summary { (run[0][2]) " (" (run.len()) ")" }
                        (entries(run))
                    }
                } @else {
                    (entries(run))
                }
            }
        }
    }
}

/// Rows of one kind shown open; more are folded.
const FOLDED: usize = 4;

/// Consecutive rows of the same kind.
fn runs<'a, 'b>(list: &'b [&'a [String; 4]]) -> Vec<&'b [&'a [String; 4]]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=list.len() {
        if i == list.len() || list[i][2] != list[start][2] {
            out.push(&list[start..i]);
            start = i;
        }
    }
    out
}

fn entries(run: &[&[String; 4]]) -> Markup {
    html! {
        dl.reading {
            @for r in run {
                dt { (r[2]) @if !r[1].is_empty() { " — " (r[1]) } }
                dd { (r[3]) }
            }
        }
    }
}
