//! Finding the ballot's four solid corner squares (fiducials) in a photo or scan.
//!
//! Works on a copy of about 1.000 px (fast, and blur and noise average out): adaptive threshold
//! against the local mean (light gradients and shadows), connected components, square-looking
//! blobs, then the four (or, for a torn corner, three) that form the ballot's rectangle; the
//! chosen centroids are refined on the full-resolution pixels. Knows the fiducial rectangle's
//! proportions only; it never guesses which way up the page is (the QR code says so).

use super::geom::Pt;
use image::GrayImage;

/// Long side of the working copy, in pixels.
const WORK_PX: u32 = 1000;

/// A page-sized grey copy reduced by an integer factor (box average).
pub struct Reduced {
    /// The reduced image.
    pub img: GrayImage,
    /// Full-resolution pixels per reduced pixel.
    pub factor: u32,
}

/// Box-averages `img` down so its long side is about [`WORK_PX`].
pub fn reduce(img: &GrayImage) -> Reduced {
    let long = img.width().max(img.height());
    let k = long.div_ceil(WORK_PX).max(1);
    if k == 1 {
        return Reduced {
            img: img.clone(),
            factor: 1,
        };
    }
    let (w, h) = (img.width() / k, img.height() / k);
    let src = img.as_raw();
    let sw = img.width() as usize;
    let mut out = vec![0u8; (w * h) as usize];
    let ku = k as usize;
    let area = (ku * ku) as u32;
    let mut row = vec![0u32; w as usize];
    for y in 0..h as usize {
        row.iter_mut().for_each(|v| *v = 0);
        for dy in 0..ku {
            let line = &src[(y * ku + dy) * sw..(y * ku + dy) * sw + w as usize * ku];
            for (x, acc) in row.iter_mut().enumerate() {
                *acc += line[x * ku..x * ku + ku]
                    .iter()
                    .map(|&v| u32::from(v))
                    .sum::<u32>();
            }
        }
        for (x, acc) in row.iter().enumerate() {
            out[y * w as usize + x] = (acc / area) as u8;
        }
    }
    Reduced {
        img: GrayImage::from_raw(w, h, out).unwrap_or_default(),
        factor: k,
    }
}

/// A dark connected blob of the working copy.
#[derive(Debug, Clone, Copy)]
pub struct Blob {
    /// Centroid, working-copy pixels.
    pub c: Pt,
    /// Pixel count.
    pub area: u32,
    /// Bounding box (x0, y0, x1, y1), inclusive.
    pub bbox: (u32, u32, u32, u32),
}

impl Blob {
    fn side(&self) -> f64 {
        f64::from(self.area).sqrt()
    }
}

/// Dark blobs shaped like a solid square seen at an angle.
pub fn square_blobs(img: &GrayImage) -> Vec<Blob> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    if w < 16 || h < 16 {
        return Vec::new();
    }
    let long = w.max(h) as f64;
    let raw = img.as_raw();
    // Local mean over a window of about 2,5 fiducial sides.
    let means = LocalMean::new(img);
    let r = ((long / 30.0) as usize).max(6);
    let mut dark = vec![false; w * h];
    for y in 0..h {
        for x in 0..w {
            let (sum, n) = means.around(x, y, r);
            let v = u64::from(raw[y * w + x]);
            // Darker than 70 % of the local mean and by a real margin (not noise on grey).
            dark[y * w + x] = v * 10 * n < sum * 7 && v * n + 30 * n < sum;
        }
    }
    let blobs = components(&dark, w, h);
    let (min_side, max_side) = (long * 0.008, long * 0.06);
    blobs
        .into_iter()
        .filter(|b| {
            let bw = f64::from(b.bbox.2 - b.bbox.0 + 1);
            let bh = f64::from(b.bbox.3 - b.bbox.1 + 1);
            let side = b.side();
            let fill = f64::from(b.area) / (bw * bh);
            side >= min_side.max(4.0)
                && side <= max_side
                && (0.6..=1.67).contains(&(bw / bh))
                && fill >= 0.62
                && on_paper(img, b)
        })
        .collect()
}

/// Sums of a grey image over any window in constant time (an integral image): local means for
/// adaptive thresholds.
pub struct LocalMean {
    w: usize,
    h: usize,
    integ: Vec<u64>,
}

impl LocalMean {
    /// The integral image of `img`.
    pub fn new(img: &GrayImage) -> LocalMean {
        let (w, h) = (img.width() as usize, img.height() as usize);
        let raw = img.as_raw();
        let mut integ = vec![0u64; (w + 1) * (h + 1)];
        for y in 0..h {
            let mut acc = 0u64;
            for x in 0..w {
                acc += u64::from(raw[y * w + x]);
                integ[(y + 1) * (w + 1) + x + 1] = integ[y * (w + 1) + x + 1] + acc;
            }
        }
        LocalMean { w, h, integ }
    }

    /// Sum and pixel count of the window of radius `r` around (x, y), clipped to the image.
    pub fn around(&self, x: usize, y: usize, r: usize) -> (u64, u64) {
        let (w, integ) = (self.w, &self.integ);
        let (x0, x1) = (x.saturating_sub(r), (x + r + 1).min(w));
        let (y0, y1) = (y.saturating_sub(r), (y + r + 1).min(self.h));
        let sum = integ[y1 * (w + 1) + x1] + integ[y0 * (w + 1) + x0]
            - integ[y0 * (w + 1) + x1]
            - integ[y1 * (w + 1) + x0];
        (sum, ((y1 - y0) * (x1 - x0)) as u64)
    }
}

/// A fiducial sits on white paper: the ring around it (from 0,8 to 1,2 sides from its centre)
/// is mostly far lighter than the square. Dark blobs in the background, in text or in a QR
/// code fail this.
fn on_paper(img: &GrayImage, b: &Blob) -> bool {
    let s = b.side();
    let (w, h) = (img.width() as i64, img.height() as i64);
    let (cx, cy) = (b.c.x - 0.5, b.c.y - 0.5);
    let (inner, outer) = (0.8 * s, 1.2 * s);
    let raw = img.as_raw();
    let mut ring = Vec::new();
    let (mut core, mut core_n) = (0u64, 0u64);
    for y in (cy - outer).floor() as i64..=(cy + outer).ceil() as i64 {
        for x in (cx - outer).floor() as i64..=(cx + outer).ceil() as i64 {
            if x < 0 || y < 0 || x >= w || y >= h {
                return false;
            }
            let d = (x as f64 - cx).abs().max((y as f64 - cy).abs());
            let v = raw[(y * w + x) as usize];
            if d <= 0.3 * s {
                core += u64::from(v);
                core_n += 1;
            } else if (inner..=outer).contains(&d) {
                ring.push(v);
            }
        }
    }
    if ring.is_empty() || core_n == 0 {
        return false;
    }
    let core = (core / core_n) as u32;
    ring.sort_unstable();
    let median = u32::from(ring[ring.len() / 2]);
    let mid = (core + median) / 2;
    let light = ring.iter().filter(|&&v| u32::from(v) > mid).count();
    median >= core * 2 + 20 && light * 4 >= ring.len() * 3
}

/// 4-connected components of `mask` (union–find over runs of rows).
fn components(mask: &[bool], w: usize, h: usize) -> Vec<Blob> {
    let mut label = vec![0u32; w * h];
    let mut parent: Vec<u32> = vec![0];
    fn find(parent: &mut [u32], mut a: u32) -> u32 {
        while parent[a as usize] != a {
            parent[a as usize] = parent[parent[a as usize] as usize];
            a = parent[a as usize];
        }
        a
    }
    for y in 0..h {
        for x in 0..w {
            let i = y * w + x;
            if !mask[i] {
                continue;
            }
            let left = if x > 0 { label[i - 1] } else { 0 };
            let up = if y > 0 { label[i - w] } else { 0 };
            label[i] = match (left, up) {
                (0, 0) => {
                    let n = parent.len() as u32;
                    parent.push(n);
                    n
                }
                (l, 0) => l,
                (0, u) => u,
                (l, u) => {
                    let (a, b) = (find(&mut parent, l), find(&mut parent, u));
                    if a != b {
                        parent[a.max(b) as usize] = a.min(b);
                    }
                    a.min(b)
                }
            };
        }
    }
    let n = parent.len();
    // Per label: sum of x, sum of y, pixel count, bounding box.
    type Acc = (u64, u64, u32, (u32, u32, u32, u32));
    let mut acc: Vec<Acc> = vec![(0, 0, 0, (u32::MAX, u32::MAX, 0, 0)); n];
    for y in 0..h {
        for x in 0..w {
            let l = label[y * w + x];
            if l == 0 {
                continue;
            }
            let root = find(&mut parent, l) as usize;
            let a = &mut acc[root];
            a.0 += x as u64;
            a.1 += y as u64;
            a.2 += 1;
            let (x, y) = (x as u32, y as u32);
            a.3 = (a.3.0.min(x), a.3.1.min(y), a.3.2.max(x), a.3.3.max(y));
        }
    }
    acc.into_iter()
        .filter(|a| a.2 > 0)
        .map(|(sx, sy, n, bbox)| Blob {
            c: Pt::new(
                sx as f64 / f64::from(n) + 0.5,
                sy as f64 / f64::from(n) + 0.5,
            ),
            area: n,
            bbox,
        })
        .collect()
}

/// Where the fiducials were found, in full-resolution pixels, ordered clockwise on the photo
/// starting from the one taken as the page's top-left (which may be wrong by 180°).
#[derive(Debug, Clone)]
pub struct Corners {
    /// Top-left, top-right, bottom-right, bottom-left as seen (`None` = torn or hidden).
    pub pts: [Option<Pt>; 4],
}

/// Width / height of the fiducial rectangle (centre to centre) on the ballot.
pub struct Frame {
    /// Centre-to-centre width, mm.
    pub w_mm: f64,
    /// Centre-to-centre height, mm.
    pub h_mm: f64,
    /// Fiducial side, mm.
    pub side_mm: f64,
}

/// Chooses the ballot's fiducials among the blobs: the largest quadrilateral of similar squares
/// with the ballot's proportions; else a right triangle of three (torn corner).
pub fn find_corners(full: &GrayImage, reduced: &Reduced, frame: &Frame) -> Option<Corners> {
    let mut blobs = square_blobs(&reduced.img);
    // Keep the squarest few dozen: the search is over combinations.
    blobs.sort_by_key(|b| std::cmp::Reverse(b.area));
    blobs.truncate(28);
    let want_ratio = frame.h_mm / frame.w_mm;
    let side_share = frame.side_mm / frame.w_mm;
    let n = blobs.len();
    let mut best: Option<(f64, [usize; 4])> = None;
    for a in 0..n {
        for b in a + 1..n {
            for c in b + 1..n {
                for d in c + 1..n {
                    let idx = [a, b, c, d];
                    if let Some((score, order)) = quad_score(&blobs, idx, want_ratio, side_share)
                        && best.is_none_or(|(s, _)| score > s)
                    {
                        best = Some((score, order));
                    }
                }
            }
        }
    }
    let k = f64::from(reduced.factor);
    let refine_blob = |b: &Blob| refine(full, Pt::new(b.c.x * k, b.c.y * k), b.side() * k);
    if let Some((_, order)) = best {
        let pts = order.map(|i| Some(refine_blob(&blobs[i])));
        return Some(Corners { pts });
    }
    // Torn corner: the best right triangle of three similar squares.
    let mut best3: Option<(f64, [Option<usize>; 4])> = None;
    for a in 0..n {
        for b in a + 1..n {
            for c in b + 1..n {
                if let Some((score, order)) =
                    triangle_score(&blobs, [a, b, c], want_ratio, side_share)
                    && best3.is_none_or(|(s, _)| score > s)
                {
                    best3 = Some((score, order));
                }
            }
        }
    }
    let (_, order) = best3?;
    Some(Corners {
        pts: order.map(|o| o.map(|i| refine_blob(&blobs[i]))),
    })
}

fn similar_sizes(blobs: &[Blob], idx: &[usize]) -> Option<f64> {
    let sides: Vec<f64> = idx.iter().map(|&i| blobs[i].side()).collect();
    let (lo, hi) = sides
        .iter()
        .fold((f64::MAX, 0.0f64), |(l, h), &s| (l.min(s), h.max(s)));
    (hi / lo <= 1.45).then(|| sides.iter().sum::<f64>() / sides.len() as f64)
}

/// Orders four blobs clockwise (image y down) and scores them as the fiducial rectangle.
fn quad_score(
    blobs: &[Blob],
    idx: [usize; 4],
    want_ratio: f64,
    side_share: f64,
) -> Option<(f64, [usize; 4])> {
    let side = similar_sizes(blobs, &idx)?;
    let cx = idx.iter().map(|&i| blobs[i].c.x).sum::<f64>() / 4.0;
    let cy = idx.iter().map(|&i| blobs[i].c.y).sum::<f64>() / 4.0;
    let mut order = idx;
    order.sort_by(|&i, &j| {
        let ai = (blobs[i].c.y - cy).atan2(blobs[i].c.x - cx);
        let aj = (blobs[j].c.y - cy).atan2(blobs[j].c.x - cx);
        ai.total_cmp(&aj)
    });
    let p: Vec<Pt> = order.iter().map(|&i| blobs[i].c).collect();
    // Convex: every turn the same way.
    for i in 0..4 {
        let (a, b, c) = (p[i], p[(i + 1) % 4], p[(i + 2) % 4]);
        if (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x) <= 0.0 {
            return None;
        }
    }
    let s: Vec<f64> = (0..4).map(|i| p[i].dist(p[(i + 1) % 4])).collect();
    if s[0].max(s[2]) / s[0].min(s[2]) > 1.5 || s[1].max(s[3]) / s[1].min(s[3]) > 1.5 {
        return None;
    }
    // Start the order on a short (page-width) side: p0→p1 is then the top or the bottom edge.
    let (short, long, rot) = if s[0] + s[2] <= s[1] + s[3] {
        ((s[0] + s[2]) / 2.0, (s[1] + s[3]) / 2.0, 0)
    } else {
        ((s[1] + s[3]) / 2.0, (s[0] + s[2]) / 2.0, 1)
    };
    let ratio = long / short;
    if !(want_ratio * 0.78..=want_ratio * 1.28).contains(&ratio) {
        return None;
    }
    let share = side / short;
    if !(side_share * 0.55..=side_share * 1.6).contains(&share) {
        return None;
    }
    let mut ordered = order;
    ordered.rotate_left(rot);
    // Upright guess: the corner nearest the photo's top-left first (the QR code decides).
    let first = if blobs[ordered[0]].c.x + blobs[ordered[0]].c.y
        <= blobs[ordered[2]].c.x + blobs[ordered[2]].c.y
    {
        ordered
    } else {
        [ordered[2], ordered[3], ordered[0], ordered[1]]
    };
    let area = short * long;
    let shape = 1.0 - (ratio / want_ratio - 1.0).abs();
    let sides: Vec<f64> = idx.iter().map(|&i| blobs[i].side()).collect();
    let (lo, hi) = sides
        .iter()
        .fold((f64::MAX, 0.0f64), |(l, h), &s| (l.min(s), h.max(s)));
    Some((area * shape * (lo / hi).powi(2), first))
}

/// Scores three blobs as three corners of the fiducial rectangle (a right angle with the
/// ballot's proportions) and says which corner is missing.
fn triangle_score(
    blobs: &[Blob],
    idx: [usize; 3],
    want_ratio: f64,
    side_share: f64,
) -> Option<(f64, [Option<usize>; 4])> {
    let side = similar_sizes(blobs, &idx)?;
    for k in 0..3 {
        // k = the right-angle vertex.
        let (v, a, b) = (idx[k], idx[(k + 1) % 3], idx[(k + 2) % 3]);
        let (pv, pa, pb) = (blobs[v].c, blobs[a].c, blobs[b].c);
        let (ua, ub) = ((pa.x - pv.x, pa.y - pv.y), (pb.x - pv.x, pb.y - pv.y));
        let (la, lb) = (pv.dist(pa), pv.dist(pb));
        let cos = (ua.0 * ub.0 + ua.1 * ub.1) / (la * lb);
        if cos.abs() > 0.12 {
            continue;
        }
        let (short, long) = (la.min(lb), la.max(lb));
        let ratio = long / short;
        if !(want_ratio * 0.85..=want_ratio * 1.18).contains(&ratio) {
            continue;
        }
        if !(side_share * 0.55..=side_share * 1.6).contains(&(side / short)) {
            continue;
        }
        // Clockwise order v → x: the cross product sign says which neighbour comes next.
        let cross = ua.0 * ub.1 - ua.1 * ub.0;
        let (next, prev) = if cross > 0.0 { (a, b) } else { (b, a) };
        // Around the rectangle clockwise: v, next, (missing), prev. Put a short side first.
        let next_short = pv.dist(blobs[next].c) <= pv.dist(blobs[prev].c);
        let ring: [Option<usize>; 4] = if next_short {
            [Some(v), Some(next), None, Some(prev)]
        } else {
            [Some(prev), Some(v), Some(next), None]
        };
        let area = short * long * (1.0 - cos.abs());
        return Some((area, ring));
    }
    None
}

/// Centroid of the dark square near `guess` on the full-resolution image.
fn refine(full: &GrayImage, guess: Pt, side: f64) -> Pt {
    let r = (side * 0.9).max(3.0);
    let (w, h) = (full.width() as i64, full.height() as i64);
    let x0 = ((guess.x - r) as i64).clamp(0, w - 1);
    let x1 = ((guess.x + r) as i64).clamp(0, w - 1);
    let y0 = ((guess.y - r) as i64).clamp(0, h - 1);
    let y1 = ((guess.y + r) as i64).clamp(0, h - 1);
    let raw = full.as_raw();
    let (mut lo, mut hi) = (255u8, 0u8);
    for y in y0..=y1 {
        for x in x0..=x1 {
            let v = raw[(y * w + x) as usize];
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    let t = (u16::from(lo) + u16::from(hi)) / 2;
    let (mut sx, mut sy, mut n) = (0.0, 0.0, 0.0);
    for y in y0..=y1 {
        for x in x0..=x1 {
            let v = u16::from(raw[(y * w + x) as usize]);
            if v < t {
                // Weighted by darkness below the threshold: sub-pixel edges.
                let wgt = f64::from(t - v);
                sx += (x as f64 + 0.5) * wgt;
                sy += (y as f64 + 0.5) * wgt;
                n += wgt;
            }
        }
    }
    if n > 0.0 {
        Pt::new(sx / n, sy / n)
    } else {
        guess
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page_with_squares(skip: Option<usize>) -> GrayImage {
        // 4 px/mm, fiducials 8 mm centred 14 mm from the edges of an A4 page.
        let mut img = GrayImage::from_pixel(840, 1188, image::Luma([235]));
        let centres = [(14.0, 14.0), (196.0, 14.0), (196.0, 283.0), (14.0, 283.0)];
        for (k, (cx, cy)) in centres.iter().enumerate() {
            if Some(k) == skip {
                continue;
            }
            for y in ((cy - 4.0) * 4.0) as u32..((cy + 4.0) * 4.0) as u32 {
                for x in ((cx - 4.0) * 4.0) as u32..((cx + 4.0) * 4.0) as u32 {
                    img.put_pixel(x, y, image::Luma([20]));
                }
            }
        }
        img
    }

    const FRAME: Frame = Frame {
        w_mm: 182.0,
        h_mm: 269.0,
        side_mm: 8.0,
    };

    #[test]
    fn four_squares_are_found_clockwise_from_top_left() {
        let img = page_with_squares(None);
        let red = reduce(&img);
        let c = find_corners(&img, &red, &FRAME).unwrap();
        let want = [(56.0, 56.0), (784.0, 56.0), (784.0, 1132.0), (56.0, 1132.0)];
        for (p, w) in c.pts.iter().zip(want) {
            assert!(p.unwrap().dist(Pt::new(w.0, w.1)) < 1.0, "{p:?} vs {w:?}");
        }
    }

    #[test]
    fn a_torn_corner_leaves_three_in_place() {
        let img = page_with_squares(Some(2));
        let red = reduce(&img);
        let c = find_corners(&img, &red, &FRAME).unwrap();
        let got: Vec<_> = c
            .pts
            .iter()
            .map(|p| p.map(|p| (p.x.round(), p.y.round())))
            .collect();
        assert_eq!(
            got,
            vec![
                Some((56.0, 56.0)),
                Some((784.0, 56.0)),
                None,
                Some((56.0, 1132.0))
            ]
        );
    }

    /// Regression (corpus page 00019, hard shadow): a smaller dark patch of the table below
    /// the page made a larger quadrilateral than the real bottom-right square.
    #[test]
    fn a_smaller_dark_patch_beside_the_page_is_not_a_fiducial() {
        let page = page_with_squares(None);
        let mut img = GrayImage::from_pixel(940, 1300, image::Luma([90]));
        image::imageops::replace(&mut img, &page, 40, 40);
        for y in 1250..1272 {
            for x in 815..837 {
                img.put_pixel(x, y, image::Luma([15]));
            }
        }
        let c = find_corners(&img, &reduce(&img), &FRAME).unwrap();
        assert!(
            c.pts[2].unwrap().dist(Pt::new(824.0, 1172.0)) < 1.5,
            "{:?}",
            c.pts[2]
        );
    }

    #[test]
    fn blank_paper_has_no_corners() {
        let img = GrayImage::from_pixel(800, 1100, image::Luma([230]));
        assert!(find_corners(&img, &reduce(&img), &FRAME).is_none());
    }
}
