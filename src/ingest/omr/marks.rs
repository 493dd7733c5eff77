//! Ink in one answer box, and the decision for an item from its two boxes.
//!
//! A box is resampled at 8 px/mm with a margin, re-located on its printed outline (the photo's
//! map is never perfect), and its interior compared with the local paper white — the brightest
//! paper within 5 mm, so gradients and shadows do not read as ink. The decision is a hysteresis
//! band: an item is answered only when one box clearly holds a mark, the other clearly holds
//! none and nothing is drawn around them; both empty is blank; anything else goes to a person.
//! It never guesses.

use super::geom::{Homography, Patch, Pt};
use super::{BoxInk, MarkState, ReviewReason};
use image::GrayImage;

/// Resampling density of a box patch.
pub const PPM: f64 = 8.0;
/// Margin around the box in the patch, mm.
const MARGIN_MM: f64 = 4.0;
/// How far the printed outline is searched from where the map puts it, mm.
const SEARCH_MM: f64 = 1.5;
/// Interior = box less this on each side (outline 0,3 mm plus blur), mm.
const INSET_MM: f64 = 0.6;
/// The ring searched for ink drawn around a box: from this far outside the outline…
const RING_IN_MM: f64 = 0.7;
/// …to this far (the ballot prints nothing within 2 mm of a box).
const RING_OUT_MM: f64 = 2.0;
/// Angular sectors of the ring.
const SECTORS: usize = 16;
/// Strong ink: darker than this share of the local white.
const STRONG: f32 = 0.75;
/// Weak ink: darker than this share of the local white (faint pencil survives blur).
const WEAK: f32 = 0.92;

/// Thresholds of the decision (shares of the box interior, or of ring sectors for `around`).
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    /// A box holds a mark from this share of strong ink.
    pub mark: f32,
    /// A box is empty below this share of strong ink…
    pub empty_strong: f32,
    /// …and below this share of weak ink.
    pub empty_weak: f32,
    /// A box is filled (a mark, or a cancelled one) from this share of strong ink.
    pub filled: f32,
    /// Weak ink over this share with little strong ink is a smudge rather than a faint mark.
    pub smudge: f32,
    /// A mark's weak ink exceeding its strong ink by this share of the box is a grey area (a
    /// smudge, a shadow's edge) around or under it, not a pen's halo: sent to a person.
    pub grey_halo: f32,
    /// Nothing is around a box below this share of ring sectors holding ink.
    pub around_none: f32,
    /// A ring this inked is a circle drawn around the box.
    pub around_circle: f32,
}

/// The thresholds measured on the synthetic corpus (see bench/RESULTS.md).
/// Empty boxes away from shadows measured 0 strong and at most 0,05 % weak ink on the tuning
/// corpus, the faintest pencil tick 0,2 % weak and the smallest pen tick 5 % strong; a pen
/// stroke's blur halo stays under 20 % of the box.
pub const THRESHOLDS: Thresholds = Thresholds {
    mark: 0.03,
    empty_strong: 0.005,
    empty_weak: 0.0015,
    filled: 0.60,
    smudge: 0.25,
    grey_halo: 0.25,
    around_none: 0.26,
    around_circle: 0.55,
};

/// Measures the box `rect` (page mm: x, y, w, h) through `h` (page mm → photo px).
pub fn measure(img: &GrayImage, h: &Homography, rect: (f64, f64, f64, f64)) -> BoxInk {
    let (x, y, w, hh) = rect;
    let origin = Pt::new(x - MARGIN_MM, y - MARGIN_MM);
    let patch = Patch::sample(
        img,
        h,
        origin,
        (w + 2.0 * MARGIN_MM, hh + 2.0 * MARGIN_MM),
        PPM,
    );
    let patch = smooth(&patch);
    let white = local_white(&patch);
    let (bw, bh) = ((w * PPM).round() as isize, (hh * PPM).round() as isize);
    let m = (MARGIN_MM * PPM).round() as isize;
    let (dx, dy) = relocate(&patch, m, bw, bh);
    let (x0, y0) = (m + dx, m + dy);
    let inset = (INSET_MM * PPM).round() as isize;
    let (mut strong, mut weak, mut n) = (0u32, 0u32, 0u32);
    for j in y0 + inset..y0 + bh - inset {
        for i in x0 + inset..x0 + bw - inset {
            let v = patch.at(i, j);
            let wh = white.at(i, j);
            n += 1;
            if v < STRONG * wh {
                strong += 1;
            }
            if v < WEAK * wh {
                weak += 1;
            }
        }
    }
    let n = n.max(1) as f32;
    // Ring: square annulus outside the outline, ink counted per angular sector.
    let (rin, rout) = (
        (RING_IN_MM * PPM).round() as isize,
        (RING_OUT_MM * PPM).round() as isize,
    );
    let (cx, cy) = (x0 as f32 + bw as f32 / 2.0, y0 as f32 + bh as f32 / 2.0);
    let mut sector_ink = [0u32; SECTORS];
    for j in y0 - rout..y0 + bh + rout {
        for i in x0 - rout..x0 + bw + rout {
            let inside_outer_gap =
                i >= x0 - rin && i < x0 + bw + rin && j >= y0 - rin && j < y0 + bh + rin;
            if inside_outer_gap {
                continue;
            }
            if patch.at(i, j) < STRONG * white.at(i, j) {
                let a = (j as f32 + 0.5 - cy).atan2(i as f32 + 0.5 - cx);
                let s = (((a + std::f32::consts::PI) / std::f32::consts::TAU) * SECTORS as f32)
                    as usize;
                sector_ink[s.min(SECTORS - 1)] += 1;
            }
        }
    }
    // A sector holds ink from a stroke's worth of pixels (0,4 mm × 1 mm).
    let min_px = (0.4 * PPM * 1.0 * PPM) as u32;
    let around = sector_ink.iter().filter(|&&c| c >= min_px).count() as f32 / SECTORS as f32;
    BoxInk {
        strong: strong as f32 / n,
        weak: weak as f32 / n,
        around,
    }
}

/// 3×3 mean: JPEG and sensor noise would otherwise lift the local white and speckle the box.
fn smooth(p: &Patch) -> Patch {
    let mut px = Vec::with_capacity(p.px.len());
    for j in 0..p.h as isize {
        for i in 0..p.w as isize {
            let mut s = 0.0;
            for dj in -1..=1 {
                for di in -1..=1 {
                    s += p.at(i + di, j + dj);
                }
            }
            px.push(s / 9.0);
        }
    }
    Patch { w: p.w, h: p.h, px }
}

/// The paper white around each pixel: the maximum over a 5 mm radius, computed on 0,5 mm cells
/// (cell means, so one bright speck does not count) and read back per pixel.
fn local_white(p: &Patch) -> Patch {
    let cell = (PPM / 2.0) as usize;
    let (cw, ch) = (p.w.div_ceil(cell), p.h.div_ceil(cell));
    let mut means = vec![0.0f32; cw * ch];
    for cy in 0..ch {
        for cx in 0..cw {
            let (mut s, mut n) = (0.0, 0.0);
            for j in cy * cell..((cy + 1) * cell).min(p.h) {
                for i in cx * cell..((cx + 1) * cell).min(p.w) {
                    s += p.px[j * p.w + i];
                    n += 1.0;
                }
            }
            means[cy * cw + cx] = s / n;
        }
    }
    let r = 10isize; // cells of 0,5 mm: 5 mm
    let max1d = |src: &[f32], w: usize, h: usize, horizontal: bool| -> Vec<f32> {
        let mut out = vec![0.0f32; w * h];
        for y in 0..h as isize {
            for x in 0..w as isize {
                let mut m = 0.0f32;
                for d in -r..=r {
                    let (xx, yy) = if horizontal { (x + d, y) } else { (x, y + d) };
                    if xx >= 0 && yy >= 0 && (xx as usize) < w && (yy as usize) < h {
                        m = m.max(src[yy as usize * w + xx as usize]);
                    }
                }
                out[y as usize * w + x as usize] = m;
            }
        }
        out
    };
    let rows = max1d(&means, cw, ch, true);
    let cells = max1d(&rows, cw, ch, false);
    let mut px = Vec::with_capacity(p.px.len());
    for j in 0..p.h {
        for i in 0..p.w {
            px.push(cells[(j / cell) * cw + i / cell].max(1.0));
        }
    }
    Patch { w: p.w, h: p.h, px }
}

/// The offset (px) that puts the expected square outline on the darkest square in the patch.
fn relocate(p: &Patch, m: isize, bw: isize, bh: isize) -> (isize, isize) {
    let s = (SEARCH_MM * PPM).round() as isize;
    let mut best = (f32::MIN, 0isize, 0isize);
    for dy in -s..=s {
        for dx in -s..=s {
            let (x0, y0) = (m + dx, m + dy);
            let mut sum = 0.0;
            for t in 0..bw {
                sum += 510.0 - p.at(x0 + t, y0) - p.at(x0 + t, y0 + bh - 1);
            }
            for t in 1..bh - 1 {
                sum += 510.0 - p.at(x0, y0 + t) - p.at(x0 + bw - 1, y0 + t);
            }
            // A slight pull to the expected place breaks ties inside a filled box.
            let score = sum - 2.0 * ((dx * dx + dy * dy) as f32).sqrt();
            if score > best.0 {
                best = (score, dx, dy);
            }
        }
    }
    (best.1, best.2)
}

/// [`decide`], knowing the items above and below: a circle drawn around a box reaches into
/// the box of the next item in that column (3,5 mm away), so ink in a box next to a circled
/// one is not taken as that item's answer.
pub fn decide_in_column(
    ink: &[BoxInk; 2],
    neighbours: &[Option<&[BoxInk; 2]>; 2],
    t: &Thresholds,
) -> MarkState {
    let state = decide(ink, t);
    if matches!(state, MarkState::Review(_)) {
        return state;
    }
    // A circle leaves its box unfilled; a filled box spilling into its ring is no circle.
    let circled_beside = |c: usize| {
        neighbours
            .iter()
            .flatten()
            .any(|n| n[c].around >= t.around_circle && n[c].strong < t.filled)
    };
    let inked = |b: &BoxInk| b.strong >= t.empty_strong || b.weak >= t.empty_weak;
    if (0..2).any(|c| circled_beside(c) && inked(&ink[c])) {
        MarkState::Review(ReviewReason::AroundBox)
    } else {
        state
    }
}

/// The item's state from its two boxes (satisfied, dissatisfied).
pub fn decide(ink: &[BoxInk; 2], t: &Thresholds) -> MarkState {
    let empty = |b: &BoxInk| b.strong < t.empty_strong && b.weak < t.empty_weak;
    let marked = |b: &BoxInk| b.strong >= t.mark;
    if ink.iter().any(|b| b.around >= t.around_circle) {
        return MarkState::Review(ReviewReason::AroundBox);
    }
    let around_clear = ink.iter().all(|b| b.around < t.around_none);
    match (empty(&ink[0]), empty(&ink[1])) {
        (true, true) if around_clear => MarkState::Blank,
        (true, true) => MarkState::Review(ReviewReason::Unsure),
        (false, false) if ink.iter().all(marked) => MarkState::Review(ReviewReason::BothMarked),
        (e0, e1) if e0 != e1 => {
            let mark = if e0 { &ink[1] } else { &ink[0] };
            if !marked(mark) {
                let smudge = mark.weak >= t.smudge;
                MarkState::Review(if smudge {
                    ReviewReason::Smudge
                } else {
                    ReviewReason::Faint
                })
            } else if mark.weak - mark.strong >= t.grey_halo {
                MarkState::Review(ReviewReason::Smudge)
            } else if !around_clear {
                MarkState::Review(ReviewReason::Unsure)
            } else if e0 {
                MarkState::Dissatisfied
            } else {
                MarkState::Satisfied
            }
        }
        _ => {
            // Neither box empty, not both clearly marked: a mark beside a smudge or faint ink.
            let weak_only = ink.iter().any(|b| !marked(b) && b.weak >= t.smudge);
            MarkState::Review(if weak_only {
                ReviewReason::Smudge
            } else {
                ReviewReason::Unsure
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn ink(strong: f32, weak: f32, around: f32) -> BoxInk {
        BoxInk {
            strong,
            weak,
            around,
        }
    }

    /// Regression (held-out page 00015): a circle around item 10's box crossed item 9's empty
    /// box, which read as item 9's answer.
    #[test]
    fn ink_beside_a_circled_box_is_not_an_answer() {
        let arc = [ink(0.0, 0.0, 0.0), ink(0.08, 0.14, 0.25)];
        let circled = [ink(0.0, 0.0, 0.0), ink(0.0, 0.0, 1.0)];
        assert_eq!(decide(&arc, &THRESHOLDS), MarkState::Dissatisfied);
        let got = decide_in_column(&arc, &[None, Some(&circled)], &THRESHOLDS);
        assert_eq!(got, MarkState::Review(ReviewReason::AroundBox));
        // A mark in the other column beside a circle is still read.
        let other = [ink(0.12, 0.15, 0.0), ink(0.0, 0.0, 0.0)];
        assert_eq!(
            decide_in_column(&other, &[None, Some(&circled)], &THRESHOLDS),
            MarkState::Satisfied
        );
    }

    #[rstest]
    #[case::tick_left([ink(0.11, 0.14, 0.1), ink(0.0, 0.001, 0.0)], MarkState::Satisfied)]
    #[case::cross_right([ink(0.0, 0.0, 0.0), ink(0.2, 0.25, 0.12)], MarkState::Dissatisfied)]
    #[case::fill_alone([ink(0.9, 0.95, 0.0), ink(0.0, 0.0, 0.0)], MarkState::Satisfied)]
    #[case::blank([ink(0.001, 0.001, 0.0), ink(0.0, 0.0005, 0.0)], MarkState::Blank)]
    #[case::faintest_pencil([ink(0.0, 0.002, 0.0), ink(0.0, 0.0, 0.0)], MarkState::Review(ReviewReason::Faint))]
    #[case::both([ink(0.1, 0.12, 0.0), ink(0.15, 0.2, 0.0)], MarkState::Review(ReviewReason::BothMarked))]
    #[case::fill_and_tick([ink(0.9, 0.95, 0.0), ink(0.1, 0.12, 0.0)], MarkState::Review(ReviewReason::BothMarked))]
    #[case::faint([ink(0.01, 0.06, 0.0), ink(0.0, 0.0, 0.0)], MarkState::Review(ReviewReason::Faint))]
    #[case::smudge_on_empty([ink(0.1, 0.12, 0.0), ink(0.01, 0.5, 0.0)], MarkState::Review(ReviewReason::Smudge))]
    #[case::mark_in_a_grey_smudge([ink(0.39, 0.68, 0.06), ink(0.0, 0.0, 0.0)], MarkState::Review(ReviewReason::Smudge))]
    #[case::circle([ink(0.0, 0.0, 0.9), ink(0.0, 0.0, 0.0)], MarkState::Review(ReviewReason::AroundBox))]
    #[case::stray_beside_blank([ink(0.0, 0.0, 0.3), ink(0.0, 0.0, 0.0)], MarkState::Review(ReviewReason::Unsure))]
    #[case::between_bands([ink(0.02, 0.03, 0.0), ink(0.0, 0.0, 0.0)], MarkState::Review(ReviewReason::Faint))]
    fn decision_table(#[case] ink: [BoxInk; 2], #[case] want: MarkState) {
        assert_eq!(decide(&ink, &THRESHOLDS), want);
    }
}
