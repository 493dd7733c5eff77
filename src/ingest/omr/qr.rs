//! The ballot id from the QR codes printed top-right and bottom-left.
//!
//! Each corner's region is resampled through the fiducial map at 12 px/mm (then 8 px/mm, which
//! helps blurred photos) and handed to rqrr. The code's own corners say which way up the page
//! is: a QR code read upside down means the page is. Both regions are searched: one QR code
//! under a thumb or a fold still leaves the other. The text must pass the id's check
//! characters; nothing is corrected or guessed.

use super::PageFailure;
use super::geom::{Homography, Patch, Pt};
use super::locate::LocalMean;
use crate::ballot::id::{BallotId, IdError};

/// Where the two QR codes are searched, page mm (x, y, w, h): the top-right and bottom-left
/// corners, each wide enough to hold the other's QR code seen upside down (the two are not
/// exactly point-symmetric on the page).
const REGIONS: [(f64, f64, f64, f64); 2] = [(152.0, 3.0, 42.0, 42.0), (16.0, 252.0, 42.0, 42.0)];
/// Resampling densities tried, in order.
const DENSITIES: [f64; 2] = [12.0, 8.0];

/// A QR code read: the id, whether the page is upside down relative to the map it was read
/// through, and the code's centre in that map's page millimetres.
pub struct IdRead {
    /// The id (check characters passed).
    pub id: BallotId,
    /// The code was upside down.
    pub upside_down: bool,
    /// Centre of the code, page mm through the map used.
    pub centre: Pt,
}

/// The id from either QR code, through `h` (page mm → photo px).
pub fn read_id(img: &image::GrayImage, h: &Homography) -> Result<IdRead, PageFailure> {
    let mut failure = PageFailure::NoId;
    for ppm in DENSITIES {
        for (x, y, w, hh) in REGIONS {
            let patch = Patch::sample(img, h, Pt::new(x, y), (w, hh), ppm).to_gray();
            // rqrr's own threshold first; our local-mean black and white when it finds nothing.
            for variant in [patch.clone(), binarize(&patch)] {
                let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(
                    variant.width() as usize,
                    variant.height() as usize,
                    |px, py| variant.get_pixel(px as u32, py as u32).0[0],
                );
                for grid in prepared.detect_grids() {
                    let Ok((_, text)) = grid.decode() else {
                        continue;
                    };
                    let Some(upside_down) = upside_down(&grid.bounds) else {
                        continue;
                    };
                    match BallotId::parse(&text) {
                        Ok(id) => {
                            let (sx, sy) = grid.bounds.iter().fold((0.0, 0.0), |(a, b), p| {
                                (a + f64::from(p.x), b + f64::from(p.y))
                            });
                            // Bounds are pixel corners of the patch; +0,5 for their centres.
                            let centre =
                                Pt::new(x + (sx / 4.0 + 0.5) / ppm, y + (sy / 4.0 + 0.5) / ppm);
                            return Ok(IdRead {
                                id,
                                upside_down,
                                centre,
                            });
                        }
                        Err(IdError::Check) => failure = PageFailure::IdCheckFailed,
                        Err(_) => {}
                    }
                }
            }
        }
    }
    Err(failure)
}

/// Black and white by the local mean (a 4 mm window): rqrr's own threshold finds no finder
/// pattern in blurred, shadowed photos that are plainly readable.
fn binarize(img: &image::GrayImage) -> image::GrayImage {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let raw = img.as_raw();
    let means = LocalMean::new(img);
    let r = (w.max(h) / 20).max(4);
    let mut out = vec![255u8; w * h];
    for y in 0..h {
        for x in 0..w {
            let (sum, n) = means.around(x, y, r);
            if u64::from(raw[y * w + x]) * n * 100 < sum * 90 {
                out[y * w + x] = 0;
            }
        }
    }
    image::GrayImage::from_raw(w as u32, h as u32, out).unwrap_or_default()
}

/// From the code's corners (top-left, top-right, bottom-right, bottom-left as the code reads):
/// upright, upside down, or neither (a quarter turn: not a photo of this page).
fn upside_down(bounds: &[rqrr::Point; 4]) -> Option<bool> {
    let dx = f64::from(bounds[1].x - bounds[0].x);
    let dy = f64::from(bounds[1].y - bounds[0].y);
    if dx.abs() <= dy.abs() {
        return None;
    }
    Some(dx < 0.0)
}
