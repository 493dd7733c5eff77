//! Reading hailong's printed paper ballots from phone photos and scans (issue 25).
//!
//! Pure functions from a file's bytes to one [`PageReading`] per page: decode (EXIF upright),
//! find the four corner squares, map the page, read the id from either QR code (upside-down
//! pages too), then measure each answer box against the local paper white and decide each item
//! with a hysteresis band — answered only when one box clearly holds a mark and the other
//! clearly none; blank when both are empty; otherwise sent to a person with a picture of the
//! two boxes ([`MarkState::Review`]). It never guesses an answer or an id, never panics, and a
//! bad page never stops the others. It writes nothing and knows nothing of workspaces: the
//! caller stores readings and runs the review queue. Design: omr-design.md §5.

pub mod decode;
pub mod geom;
pub mod locate;
pub mod marks;

use serde::Serialize;
/// What an item says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkState {
    /// A mark in the "Hài lòng" box only.
    Satisfied,
    /// A mark in the "Không hài lòng" box only.
    Dissatisfied,
    /// Both boxes empty.
    Blank,
    /// A person must decide.
    Review(ReviewReason),
}

/// Why an item goes to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewReason {
    /// Both boxes hold a mark (or one is filled — the printed way to cancel — beside a mark).
    BothMarked,
    /// A mark too light or too small to be sure of.
    Faint,
    /// Something drawn around a box (a circle) rather than in it.
    AroundBox,
    /// Grey ink spread over a box (a smudge, a shadow's edge).
    Smudge,
    /// None of the above, but not clear either (ink between the bands, strokes near a box).
    Unsure,
}

/// Why a page was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageFailure {
    /// The bytes are no JPEG, PNG, TIFF or PDF, or are damaged (a truncated download).
    NotAnImage,
    /// The picture is larger than any photo or scan of a ballot (refused before decoding).
    TooLarge,
    /// A PDF without a page-sized picture, and no `pdftoppm` installed to draw its pages.
    PdfWithoutImage,
    /// The ballot's corner squares are not all visible (another document, a cropped photo).
    NoFiducials,
    /// No QR code with a ballot id could be read.
    NoId,
    /// A QR code was read but its id's check characters are wrong (misprint or damage).
    IdCheckFailed,
    /// The id names a form this installation does not know.
    UnknownForm,
}

impl PageFailure {
    /// A stable key for the message catalogue and JSON.
    pub fn code(self) -> &'static str {
        match self {
            PageFailure::NotAnImage => "not_an_image",
            PageFailure::TooLarge => "too_large",
            PageFailure::PdfWithoutImage => "pdf_without_image",
            PageFailure::NoFiducials => "no_fiducials",
            PageFailure::NoId => "no_id",
            PageFailure::IdCheckFailed => "id_check_failed",
            PageFailure::UnknownForm => "unknown_form",
        }
    }
}

/// Ink measured in one box.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BoxInk {
    /// Share of the box interior darker than 75 % of the local paper white.
    pub strong: f32,
    /// Share darker than 88 % (faint marks, smudges).
    pub weak: f32,
    /// Share of the 16 sectors of a ring just outside the box holding ink (a circle ≈ 1).
    pub around: f32,
}

