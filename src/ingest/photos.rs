//! Photographed and scanned ballots as an import reads them (issue 25): the photo reader's
//! pages ([`super::omr`]) turned into the same batch a typed workbook gives — one ballot per
//! page, `form_no` the printed id, keyed by it so that a sheet photographed twice counts once —
//! plus the queue of what a person must decide.
//!
//! Nothing is guessed here either: an item the reader was not sure of is stored blank and
//! queued; a page that names no ballot printed for this workspace, or a serial beyond the forms
//! issued, is listed `file › page: reason` and not counted. This module never reads the
//! workspace: the application hands it the print runs ([`Issues`]).

use super::omr::{self, MarkState, PageOutcome, ReviewReason};
use super::problem::{ProblemKind, Severity};
use super::{FileReport, Layout, Outcome, ReadResult};
use crate::ballot::id::BallotId;
use crate::model::{Answer, Ballot, Provenance, RegisterArea, ReviewRow, Submission, SurveyBatch};
use crate::rules::Library;
use std::collections::BTreeMap;

/// The file extensions read as photographs or scans.
pub const EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "tif", "tiff", "pdf"];

/// Whether `name` is read as photographs or scans.
pub fn is_photo(name: &str) -> bool {
    std::path::Path::new(name)
        .extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| EXTENSIONS.contains(&x.to_lowercase().as_str()))
}

/// Where a printed ballot belongs, as its print run says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedArea {
    /// Canonical commune name.
    pub commune: String,
    /// The residential area of the id's area number.
    pub area: String,
    /// Forms issued to it (serials run 1..=issued).
    pub issued: u32,
    /// The commune's register as the print run gave it (every area, forms issued).
    pub register: Vec<RegisterArea>,
}

/// The print runs of the workspace, by ballot id.
pub trait Issues: Sync {
    /// The area `id` was printed for; `None` when no print run of the workspace issued it.
    fn find(&self, id: &BallotId) -> Option<IssuedArea>;
    /// The one print run a file of photos can only belong to — the commune named on the command
    /// line or of the account, or the workspace's only run — as (commune, form, round): where
    /// a file none of whose pages could be identified waits for a person to type the ids.
    fn only_run(&self) -> Option<(String, String, String)>;
}

/// The code of a review reason, as stored and shown.
pub fn reason_code(r: ReviewReason) -> &'static str {
    match r {
        ReviewReason::BothMarked => "both_marked",
        ReviewReason::Faint => "faint",
        ReviewReason::AroundBox => "around_box",
        ReviewReason::Smudge => "smudge",
        ReviewReason::Unsure => "unsure",
    }
}

/// Reads one photographed or scanned file (as the ballot `typed` when a person typed its id).
/// Never panics; a page that cannot count is listed and the others are read.
pub fn read(
    bytes: &[u8],
    sha: String,
    name: &str,
    lib: &Library,
    issues: &dyn Issues,
    typed: Option<&BallotId>,
) -> ReadResult {
    let layouts = omr::FormLayouts(lib);
    let pages = match typed {
        None => omr::read_file(name, bytes, &layouts),
        Some(id) => omr::read_file_as(name, bytes, id, &layouts),
    };
    from_pages(pages, sha, name, issues)
}

/// The batch and report of a file's pages (the reading itself done).
pub fn from_pages(
    pages: Vec<omr::PageReading>,
    sha: String,
    name: &str,
    issues: &dyn Issues,
) -> ReadResult {
    let mut report = FileReport::new(name);
    report.sha256 = sha.clone();
    report.layout = Layout::of(photo_format(name));
    report.rows_read = pages.len() as u32;
    // Pages read, grouped by what they are (commune, form, round): a file holds one commune's
    // ballots; pages of another commune are listed, not stored with them.
    let mut read: Vec<(u32, BallotId, IssuedArea, Vec<omr::ItemReading>)> = Vec::new();
    let mut unread: Vec<(u32, &'static str, Vec<u8>)> = Vec::new();
    for p in pages {
        match p.outcome {
            PageOutcome::Read { id, items, .. } => match issues.find(&id) {
                None => unread.push((p.page, "unknown_ballot", Vec::new())),
                Some(a) if id.serial > a.issued => {
                    unread.push((p.page, "serial_beyond_issued", Vec::new()))
                }
                Some(a) => read.push((p.page, id, a, items)),
            },
            PageOutcome::Failed {
                failure,
                preview_png,
            } => unread.push((p.page, failure.code(), preview_png)),
        }
    }
    let key =
        |id: &BallotId, a: &IssuedArea| (a.commune.clone(), id.form.clone(), id.round.clone());
    let mut groups: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for (_, id, a, _) in &read {
        *groups.entry(key(id, a)).or_default() += 1;
    }
    // The most pages win; a tie goes to the first in order (BTreeMap order is stable).
    let chosen = groups
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(k, _)| k.clone());
    let mut ballots: Vec<Ballot> = Vec::new();
    let mut review: Vec<ReviewRow> = Vec::new();
    let mut register: Vec<RegisterArea> = Vec::new();
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    for (page, id, a, items) in read {
        if Some(key(&id, &a)) != chosen {
            unread.push((page, "other_commune", Vec::new()));
            continue;
        }
        let text = id.encode();
        if let Some(first) = seen.get(&text) {
            report.duplicates += 1;
            report.push_file(
                Severity::Warning,
                ProblemKind::BallotTwice {
                    id: text.clone(),
                    seen: vec![first.to_string(), page.to_string()],
                },
            );
            continue;
        }
        seen.insert(text.clone(), page);
        if register.is_empty() {
            register = a.register.clone();
        }
        let mut answers = Vec::with_capacity(items.len());
        for it in &items {
            answers.push(match it.state {
                MarkState::Satisfied => Answer::Satisfied,
                MarkState::Dissatisfied => Answer::Dissatisfied,
                MarkState::Blank => Answer::Blank,
                MarkState::Review(r) => {
                    review.push(ReviewRow {
                        page,
                        id: text.clone(),
                        item: it.number,
                        reason: reason_code(r).to_string(),
                        image: it.crop_png.clone().unwrap_or_default(),
                        ink: it
                            .ink
                            .iter()
                            .flat_map(|b| [b.strong, b.weak, b.around])
                            .collect(),
                    });
                    // Stored blank until a person decides it (the queue says so first).
                    Answer::Blank
                }
            });
        }
        ballots.push(Ballot {
            area: a.area.clone(),
            form_no: Some(text.clone()),
            answers,
            reason: None,
            other_opinion: None,
            marked_invalid: None,
            provenance: Provenance {
                sheet: String::new(),
                row: page,
            },
            submission: Some(Submission {
                id: text.to_lowercase(),
                submitted_at: None,
                revision: 0,
                counted: true,
            }),
        });
    }
    unread.sort_by_key(|u| u.0);
    for (page, reason, preview) in unread {
        report.rejected += 1;
        report.push_file(
            Severity::Error,
            ProblemKind::PageUnread {
                page,
                reason: reason.to_string(),
            },
        );
        // A located page whose id did not read waits for a person to type the id printed under
        // its QR code. A page without its corner squares cannot be read even then (nor can a
        // photo of something else): it is listed, to be photographed again, and never blocks
        // the commune's dossier.
        if !preview.is_empty() && matches!(reason, "no_id" | "id_check_failed") {
            review.push(ReviewRow {
                page,
                id: String::new(),
                item: 0,
                reason: reason.to_string(),
                image: preview,
                ink: Vec::new(),
            });
        }
    }
    report.accepted = ballots.len() as u32;
    // No page identified, but pictures a person can read the ids from: the file waits in the
    // queue of the one print run it can belong to.
    let chosen = chosen.or_else(|| {
        review
            .iter()
            .any(|r| r.item == 0)
            .then(|| issues.only_run())
            .flatten()
    });
    // The round is the importer's (`--round`); the print run's is matched by the id itself.
    let Some((commune, form, _)) = chosen else {
        report.outcome = Outcome::NotStored;
        if report.problems.is_empty() {
            report.push_file(
                Severity::Error,
                ProblemKind::PageUnread {
                    page: 1,
                    reason: "not_an_image".into(),
                },
            );
        }
        return ReadResult {
            report,
            batch: None,
            assessment: None,
        };
    };
    let waiting_items = review.iter().filter(|r| r.item > 0).count() as u32;
    let waiting_pages = review.iter().filter(|r| r.item == 0).count() as u32;
    if waiting_items + waiting_pages > 0 {
        report.push_file(
            Severity::Warning,
            ProblemKind::AwaitingReview {
                items: waiting_items,
                pages: waiting_pages,
            },
        );
    }
    report.commune = Some(commune.clone());
    report.form = Some(form.to_lowercase());
    report.register_areas = register.len() as u32;
    ReadResult {
        report,
        batch: Some(SurveyBatch {
            commune,
            form: form.to_lowercase(),
            // The importer sets the round (`--round`); the id's round is checked against it
            // there.
            round: String::new(),
            sha256: sha,
            register,
            ballots,
            tallies: Vec::new(),
            review,
        }),
        assessment: None,
    }
}

/// The format word reports give a photographed file.
fn photo_format(name: &str) -> &'static str {
    let ext = std::path::Path::new(name)
        .extension()
        .and_then(|x| x.to_str())
        .map(str::to_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "jpg" | "jpeg" => "jpeg",
        "png" => "png",
        "tif" | "tiff" => "tiff",
        "pdf" => "pdf",
        _ => "image",
    }
}

/// A synthetic photo's JPEG and what each item truly says (item number, truth).
pub type SyntheticPhoto = (Vec<u8>, Vec<(u32, omr::sim::Truth)>);

/// A printed ballot, marked and photographed synthetically (the demo and the tests): the page
/// as the PDF draws it, marks of a realistic mix drawn by the simulator with `seed`, then a phone
/// photo of `long_px` pixels on its long side. Returns the JPEG and what each item truly says.
pub fn synthetic_photo(
    form: &crate::rules::Form,
    id: &BallotId,
    area: &str,
    long_px: u32,
    seed: u64,
) -> Option<SyntheticPhoto> {
    use omr::sim;
    const PPM: f64 = 8.0;
    let layout = crate::ballot::layout::layout_for(form).ok()?;
    let mut page = crate::ballot::raster::try_render_page(form, id, area, PPM).ok()?;
    let mut rng = sim::Rng::new(seed);
    let items = sim::plan(&layout, &sim::REALISTIC, &mut rng);
    sim::draw(&mut page, PPM, &layout, &items, &mut rng);
    let (jpeg, _) = sim::capture(&page, PPM, sim::Condition::Phone, long_px, &mut rng);
    Some((jpeg, items.iter().map(|i| (i.number, i.truth)).collect()))
}
