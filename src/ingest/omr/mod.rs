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
mod qr;
pub mod sim;

use crate::ballot::id::BallotId;
use crate::ballot::layout::{BallotLayout, FIDUCIAL, FIDUCIAL_INSET, PAGE_MM, Rect, layout_for};
use crate::rules::Library;
use geom::{Homography, Patch, Pt};
use image::GrayImage;
use rayon::prelude::*;
use serde::Serialize;

/// The geometry of a ballot given its id (the form's layout).
pub trait Layouts: Sync {
    /// The layout of the form named in `id`, `None` when the form is unknown.
    fn layout(&self, id: &BallotId) -> Option<BallotLayout>;
}

/// Layouts of the forms of a rules library (`layout_for` of the id's form).
pub struct FormLayouts<'a>(pub &'a Library);

impl Layouts for FormLayouts<'_> {
    fn layout(&self, id: &BallotId) -> Option<BallotLayout> {
        self.0.form(&id.form).and_then(|f| layout_for(f).ok())
    }
}

/// One page of one file.
#[derive(Debug, Clone, PartialEq)]
pub struct PageReading {
    /// The file's name as given.
    pub file: String,
    /// 1-based page in the file.
    pub page: u32,
    /// What was read.
    pub outcome: PageOutcome,
}

/// A page read, or why not.
#[derive(Debug, Clone, PartialEq)]
pub enum PageOutcome {
    /// The ballot's id and every item of its form.
    Read {
        /// The id from the QR code (check characters passed).
        id: BallotId,
        /// Every item of the form, item 1 first.
        items: Vec<ItemReading>,
        /// The page was photographed upside down (read all the same).
        upside_down: bool,
    },
    /// Not read: listed `file › page: reason` for a person.
    Failed {
        /// Why.
        failure: PageFailure,
        /// The whole page at about 1.000 px (PNG), for manual id entry; empty when the file
        /// held no picture at all.
        preview_png: Vec<u8>,
    },
}

/// One item of a read page.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemReading {
    /// The item's number on the form.
    pub number: u32,
    /// The decision.
    pub state: MarkState,
    /// Satisfied box, dissatisfied box: the measures the decision used.
    pub ink: [BoxInk; 2],
    /// Both boxes and their surround (PNG), only when the state is [`MarkState::Review`].
    pub crop_png: Option<Vec<u8>>,
}

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
    /// Share darker than 92 % (faint marks, smudges).
    pub weak: f32,
    /// Share of the 16 sectors of a ring just outside the box holding ink (a circle ≈ 1).
    pub around: f32,
}

/// Every page of one file, in page order. Never panics, never stops at a bad page; pages are
/// decoded and read in parallel, one decoded page per thread at a time.
pub fn read_file(name: &str, bytes: &[u8], layouts: &dyn Layouts) -> Vec<PageReading> {
    let reading = |page: u32, outcome| PageReading {
        file: name.to_string(),
        page,
        outcome,
    };
    let pages = match decode::open(bytes) {
        Ok(p) => p,
        Err(failure) => {
            return vec![reading(
                1,
                PageOutcome::Failed {
                    failure,
                    preview_png: Vec::new(),
                },
            )];
        }
    };
    (0..pages.count())
        .into_par_iter()
        .map(|i| {
            let outcome = match pages.decode(i) {
                Ok(img) => read_page(&img, layouts),
                Err(failure) => PageOutcome::Failed {
                    failure,
                    preview_png: Vec::new(),
                },
            };
            reading(i as u32 + 1, outcome)
        })
        .collect()
}

/// How far (mm) a QR code's centre may be from where the layout prints it: the fiducial map is
/// good to a fraction of a millimetre, a wrong square taken for a fiducial moves it by many.
const QR_TOLERANCE_MM: f64 = 3.0;

/// Centres of the fiducials on every ballot, page mm, clockwise from top-left.
fn fiducial_centres() -> [Pt; 4] {
    let (w, h) = PAGE_MM;
    let a = FIDUCIAL_INSET;
    [
        Pt::new(a, a),
        Pt::new(w - a, a),
        Pt::new(w - a, h - a),
        Pt::new(a, h - a),
    ]
}

/// Reads one decoded page.
pub fn read_page(img: &GrayImage, layouts: &dyn Layouts) -> PageOutcome {
    read_with(img, layouts, None)
}

/// Every page of a file whose id a person typed because its QR code did not read (the review
/// queue's manual id entry): pages are located and read as usual, the id is the typed one. A
/// QR code that does read and says another id refuses the page ([`PageFailure::IdCheckFailed`]):
/// a typed id never overrides a printed one.
pub fn read_file_as(
    name: &str,
    bytes: &[u8],
    id: &BallotId,
    layouts: &dyn Layouts,
) -> Vec<PageReading> {
    let pages = match decode::open(bytes) {
        Ok(p) => p,
        Err(failure) => {
            return vec![PageReading {
                file: name.to_string(),
                page: 1,
                outcome: PageOutcome::Failed {
                    failure,
                    preview_png: Vec::new(),
                },
            }];
        }
    };
    (0..pages.count())
        .map(|i| PageReading {
            file: name.to_string(),
            page: i as u32 + 1,
            outcome: match pages.decode(i) {
                Ok(img) => read_with(&img, layouts, Some(id)),
                Err(failure) => PageOutcome::Failed {
                    failure,
                    preview_png: Vec::new(),
                },
            },
        })
        .collect()
}

/// Page mm → photo px for the page turned 180° in the photo.
fn turned(h: &Homography, centres: &[Pt; 4]) -> Option<Homography> {
    // The same photo points, the page turned: page point p is where (W − x, H − y) was.
    let to = centres.map(|c| h.map(Pt::new(PAGE_MM.0 - c.x, PAGE_MM.1 - c.y)));
    Homography::from_points(centres, &to)
}

/// How clearly the boxes' printed outlines stand where `layout` puts them through `h`: the
/// mean of (paper just inside and outside an outline − the outline), grey levels. A page turned
/// the other way puts the outlines on text and white space, and scores near zero.
fn outline_contrast(img: &GrayImage, h: &Homography, layout: &BallotLayout) -> f32 {
    let mut total = 0.0f32;
    let mut n = 0.0f32;
    for item in &layout.items {
        for r in [item.satisfied, item.dissatisfied] {
            for k in 1..8 {
                let t = f64::from(k) / 8.0;
                let edges = [
                    (Pt::new(r.x + t * r.w, r.y), (0.0, 1.0)),
                    (Pt::new(r.x + t * r.w, r.y + r.h), (0.0, -1.0)),
                    (Pt::new(r.x, r.y + t * r.h), (1.0, 0.0)),
                    (Pt::new(r.x + r.w, r.y + t * r.h), (-1.0, 0.0)),
                ];
                for (p, (dx, dy)) in edges {
                    let at = |d: f64| geom::sample(img, h.map(Pt::new(p.x + dx * d, p.y + dy * d)));
                    let line = at(0.0);
                    let paper = (at(1.2) + at(-1.2)) / 2.0;
                    total += paper - line;
                    n += 1.0;
                }
            }
        }
    }
    if n > 0.0 { total / n } else { 0.0 }
}

/// Reads one decoded page, with the id a person typed when there is one.
fn read_with(img: &GrayImage, layouts: &dyn Layouts, typed: Option<&BallotId>) -> PageOutcome {
    let reduced = locate::reduce(img);
    let failed = |failure| PageOutcome::Failed {
        failure,
        preview_png: png(&reduced.img),
    };
    let centres = fiducial_centres();
    let frame = locate::Frame {
        w_mm: centres[1].x - centres[0].x,
        h_mm: centres[3].y - centres[0].y,
        side_mm: FIDUCIAL,
    };
    let Some(corners) = locate::find_corners(img, &reduced, &frame) else {
        return failed(PageFailure::NoFiducials);
    };
    let Some(h) = page_map(&centres, &corners.pts) else {
        return failed(PageFailure::NoFiducials);
    };
    // The id and which way up, and where its code was found (none for a typed id whose code
    // did not read: the box outlines said which way up).
    let (id, upside_down, code_at) = match (qr::read_id(img, &h), typed) {
        (Ok(r), None) => (r.id, r.upside_down, Some(r.centre)),
        (Err(f), None) => return failed(f),
        (Ok(r), Some(t)) if r.id == *t => (r.id, r.upside_down, Some(r.centre)),
        (Ok(_), Some(_)) => return failed(PageFailure::IdCheckFailed),
        (Err(_), Some(t)) => {
            // No QR code to say which way up: the printed box outlines say it.
            let Some(layout) = layouts.layout(t) else {
                return failed(PageFailure::UnknownForm);
            };
            let Some(back) = turned(&h, &centres) else {
                return failed(PageFailure::NoFiducials);
            };
            let (up, down) = (
                outline_contrast(img, &h, &layout),
                outline_contrast(img, &back, &layout),
            );
            // Outlines 0,3 mm wide print a few tens of grey levels darker than the paper; a
            // page where neither way shows them is not this ballot.
            if up.max(down) < 12.0 || (up - down).abs() < 6.0 {
                return failed(PageFailure::NoId);
            }
            (t.clone(), down > up, None)
        }
    };
    let turn = |p: Pt| Pt::new(PAGE_MM.0 - p.x, PAGE_MM.1 - p.y);
    let h = if upside_down {
        match turned(&h, &centres) {
            Some(h) => h,
            None => return failed(PageFailure::NoFiducials),
        }
    } else {
        h
    };
    let Some(layout) = layouts.layout(&id) else {
        return failed(PageFailure::UnknownForm);
    };
    // The code must be where the ballot prints one: otherwise the squares taken for the
    // fiducials were not all fiducials, and every box would be read in the wrong place.
    let at_a_qr = |centre: Pt| {
        let found = if upside_down { turn(centre) } else { centre };
        layout.qr.iter().any(|q| {
            let (cx, cy) = q.centre();
            found.dist(Pt::new(cx, cy)) <= QR_TOLERANCE_MM
        })
    };
    if code_at.is_some_and(|c| !at_a_qr(c)) {
        return failed(PageFailure::NoFiducials);
    }
    let inks: Vec<[BoxInk; 2]> = layout
        .items
        .iter()
        .map(|item| {
            [rect(item.satisfied), rect(item.dissatisfied)].map(|r| marks::measure(img, &h, r))
        })
        .collect();
    let items = layout
        .items
        .iter()
        .zip(&inks)
        .enumerate()
        .map(|(i, (item, &ink))| {
            let neighbours = [i.checked_sub(1).and_then(|j| inks.get(j)), inks.get(i + 1)];
            let state = marks::decide_in_column(&ink, &neighbours, &marks::THRESHOLDS);
            let crop_png = matches!(state, MarkState::Review(_))
                .then(|| crop(img, &h, item.satisfied, item.dissatisfied));
            ItemReading {
                number: item.number,
                state,
                ink,
                crop_png,
            }
        })
        .collect();
    PageOutcome::Read {
        id,
        items,
        upside_down,
    }
}

fn rect(r: Rect) -> (f64, f64, f64, f64) {
    (r.x, r.y, r.w, r.h)
}

/// Page mm → photo px from the fiducials found (three are enough: an affine map).
fn page_map(centres: &[Pt; 4], found: &[Option<Pt>; 4]) -> Option<Homography> {
    if let [Some(a), Some(b), Some(c), Some(d)] = *found {
        return Homography::from_points(centres, &[a, b, c, d]);
    }
    let known: Vec<(Pt, Pt)> = centres
        .iter()
        .zip(found)
        .filter_map(|(c, f)| f.map(|f| (*c, f)))
        .collect();
    if known.len() != 3 {
        return None;
    }
    Homography::affine_from_three(
        &[known[0].0, known[1].0, known[2].0],
        &[known[0].1, known[1].1, known[2].1],
    )
}

/// Both boxes of an item and 4 mm around them, upright, as PNG.
fn crop(img: &GrayImage, h: &Homography, a: Rect, b: Rect) -> Vec<u8> {
    let m = 4.0;
    let (x0, y0) = (a.x.min(b.x) - m, a.y.min(b.y) - m);
    let (x1, y1) = (
        (a.x + a.w).max(b.x + b.w) + m,
        (a.y + a.h).max(b.y + b.h) + m,
    );
    png(&Patch::sample(img, h, Pt::new(x0, y0), (x1 - x0, y1 - y0), marks::PPM).to_gray())
}

/// PNG bytes of a grey image (empty on the impossible failure of an in-memory write).
pub fn png(img: &GrayImage) -> Vec<u8> {
    let mut out = Vec::new();
    let enc = image::codecs::png::PngEncoder::new(&mut out);
    match image::ImageEncoder::write_image(
        enc,
        img.as_raw(),
        img.width(),
        img.height(),
        image::ExtendedColorType::L8,
    ) {
        Ok(()) => out,
        Err(_) => Vec::new(),
    }
}
