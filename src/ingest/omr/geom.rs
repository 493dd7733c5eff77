//! Plane geometry for the ballot reader: the homography from page millimetres to photo pixels
//! and bilinear sampling of a grey image through it.
//!
//! Exists so the reader never warps a whole 12 MP photo: it samples only the patches it needs
//! (QR codes, boxes) straight from the decoded pixels. Knows nothing of ballots.

use image::GrayImage;

/// A point in some plane (millimetres on the page or pixels in a photo).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pt {
    /// Across, to the right.
    pub x: f64,
    /// Down.
    pub y: f64,
}

impl Pt {
    /// A point.
    pub const fn new(x: f64, y: f64) -> Pt {
        Pt { x, y }
    }

    /// Distance to another point.
    pub fn dist(self, o: Pt) -> f64 {
        (self.x - o.x).hypot(self.y - o.y)
    }
}

/// A plane projective map `(x, y) → ((a x + b y + c) / (g x + h y + 1), (d x + e y + f) / (…))`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Homography {
    m: [f64; 8],
}

impl Homography {
    /// The map sending each `from[i]` to `to[i]`; `None` when three of the points are collinear
    /// (no such map, or not a unique one).
    pub fn from_points(from: &[Pt; 4], to: &[Pt; 4]) -> Option<Homography> {
        let mut a = [[0.0f64; 9]; 8];
        for i in 0..4 {
            let (x, y, u, v) = (from[i].x, from[i].y, to[i].x, to[i].y);
            a[2 * i] = [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u];
            a[2 * i + 1] = [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v];
        }
        let m = solve8(a)?;
        let h = Homography { m };
        // A map that folds the quadrilateral (a point at infinity inside it) is no photo of paper.
        let inside = from.iter().all(|p| h.denominator(*p) > 1e-9);
        inside.then_some(h)
    }

    /// The affine map through three point pairs, completed as a homography; used when a torn
    /// corner leaves three fiducials.
    pub fn affine_from_three(from: &[Pt; 3], to: &[Pt; 3]) -> Option<Homography> {
        let fourth = |p: &[Pt; 3]| Pt::new(p[1].x + p[2].x - p[0].x, p[1].y + p[2].y - p[0].y);
        let f = [from[0], from[1], from[2], fourth(from)];
        let t = [to[0], to[1], to[2], fourth(to)];
        Homography::from_points(&f, &t)
    }

    fn denominator(&self, p: Pt) -> f64 {
        self.m[6] * p.x + self.m[7] * p.y + 1.0
    }

    /// The image of a point.
    pub fn map(&self, p: Pt) -> Pt {
        let m = &self.m;
        let w = self.denominator(p);
        Pt::new(
            (m[0] * p.x + m[1] * p.y + m[2]) / w,
            (m[3] * p.x + m[4] * p.y + m[5]) / w,
        )
    }

    /// The inverse map (`None` when singular).
    pub fn inverse(&self) -> Option<Homography> {
        let m = &self.m;
        let (a, b, c, d, e, f, g, h) = (m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7]);
        let i = 1.0;
        let co = [
            e * i - f * h,
            c * h - b * i,
            b * f - c * e,
            f * g - d * i,
            a * i - c * g,
            c * d - a * f,
            d * h - e * g,
            b * g - a * h,
            a * e - b * d,
        ];
        let det = a * co[0] + b * co[3] + c * co[6];
        if det.abs() < 1e-12 || co[8].abs() < 1e-12 {
            return None;
        }
        let s = co[8];
        Some(Homography {
            m: [
                co[0] / s,
                co[1] / s,
                co[2] / s,
                co[3] / s,
                co[4] / s,
                co[5] / s,
                co[6] / s,
                co[7] / s,
            ],
        })
    }

    /// Pixels per millimetre near a page point (the mean scale of the map there).
    pub fn scale_at(&self, p: Pt) -> f64 {
        let o = self.map(p);
        let dx = self.map(Pt::new(p.x + 1.0, p.y)).dist(o);
        let dy = self.map(Pt::new(p.x, p.y + 1.0)).dist(o);
        (dx + dy) / 2.0
    }
}

/// Gaussian elimination with partial pivoting on an 8×8 system (augmented).
fn solve8(mut a: [[f64; 9]; 8]) -> Option<[f64; 8]> {
    for col in 0..8 {
        let pivot = (col..8).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        let pivot_row = a[col];
        for (r, row) in a.iter_mut().enumerate() {
            if r != col {
                let f = row[col] / pivot_row[col];
                if f != 0.0 {
                    for (v, p) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                        *v -= f * p;
                    }
                }
            }
        }
    }
    let mut x = [0.0; 8];
    for (i, xi) in x.iter_mut().enumerate() {
        *xi = a[i][8] / a[i][i];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

/// Bilinear grey value at a real pixel position; paper white (255) outside the image, so a page
/// running off the photo reads as empty paper, never as ink.
pub fn sample(img: &GrayImage, p: Pt) -> f32 {
    let (w, h) = (img.width() as i64, img.height() as i64);
    let (fx, fy) = (p.x - 0.5, p.y - 0.5);
    if !(fx.is_finite() && fy.is_finite()) {
        return 255.0;
    }
    let (x0, y0) = (fx.floor() as i64, fy.floor() as i64);
    if x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h {
        return 255.0;
    }
    let (tx, ty) = ((fx - x0 as f64) as f32, (fy - y0 as f64) as f32);
    let raw = img.as_raw();
    let i = (y0 * w + x0) as usize;
    let wu = w as usize;
    let (a, b, c, d) = (
        f32::from(raw[i]),
        f32::from(raw[i + 1]),
        f32::from(raw[i + wu]),
        f32::from(raw[i + wu + 1]),
    );
    let top = a + (b - a) * tx;
    let bottom = c + (d - c) * tx;
    top + (bottom - top) * ty
}

/// A patch of the page resampled at `ppm` pixels per millimetre: `w_mm × h_mm` from page point
/// `origin`, through `h` (page mm → photo px). Values are grey levels as f32.
pub struct Patch {
    /// Width in pixels.
    pub w: usize,
    /// Height in pixels.
    pub h: usize,
    /// Row-major grey levels.
    pub px: Vec<f32>,
}

impl Patch {
    /// Samples the patch.
    pub fn sample(
        img: &GrayImage,
        h: &Homography,
        origin: Pt,
        size_mm: (f64, f64),
        ppm: f64,
    ) -> Patch {
        let w = (size_mm.0 * ppm).round().max(1.0) as usize;
        let hh = (size_mm.1 * ppm).round().max(1.0) as usize;
        let mut px = Vec::with_capacity(w * hh);
        for j in 0..hh {
            for i in 0..w {
                let p = Pt::new(
                    origin.x + (i as f64 + 0.5) / ppm,
                    origin.y + (j as f64 + 0.5) / ppm,
                );
                px.push(sample(img, h.map(p)));
            }
        }
        Patch { w, h: hh, px }
    }

    /// Value at integer coordinates (clamped to the patch).
    pub fn at(&self, x: isize, y: isize) -> f32 {
        let x = x.clamp(0, self.w as isize - 1) as usize;
        let y = y.clamp(0, self.h as isize - 1) as usize;
        self.px[y * self.w + x]
    }

    /// The patch as 8-bit grey (for PNG crops and the QR decoder).
    pub fn to_gray(&self) -> GrayImage {
        let raw = self
            .px
            .iter()
            .map(|v| v.round().clamp(0.0, 255.0) as u8)
            .collect();
        GrayImage::from_raw(self.w as u32, self.h as u32, raw).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn homography_maps_its_control_points_and_inverts() {
        let from = [
            Pt::new(14.0, 14.0),
            Pt::new(196.0, 14.0),
            Pt::new(196.0, 283.0),
            Pt::new(14.0, 283.0),
        ];
        let to = [
            Pt::new(310.0, 220.0),
            Pt::new(2650.0, 300.0),
            Pt::new(2800.0, 3700.0),
            Pt::new(200.0, 3550.0),
        ];
        let h = Homography::from_points(&from, &to).unwrap();
        for (f, t) in from.iter().zip(&to) {
            assert!(h.map(*f).dist(*t) < 1e-6);
        }
        let inv = h.inverse().unwrap();
        let p = Pt::new(105.0, 148.5);
        assert!(inv.map(h.map(p)).dist(p) < 1e-6);
    }

    #[test]
    fn collinear_points_have_no_homography() {
        let from = [
            Pt::new(0.0, 0.0),
            Pt::new(1.0, 1.0),
            Pt::new(2.0, 2.0),
            Pt::new(0.0, 5.0),
        ];
        let to = [
            Pt::new(0.0, 0.0),
            Pt::new(1.0, 0.0),
            Pt::new(1.0, 1.0),
            Pt::new(0.0, 1.0),
        ];
        assert!(Homography::from_points(&from, &to).is_none());
    }

    #[test]
    fn affine_from_three_completes_the_parallelogram() {
        let from = [Pt::new(0.0, 0.0), Pt::new(10.0, 0.0), Pt::new(0.0, 20.0)];
        let to = [Pt::new(5.0, 5.0), Pt::new(25.0, 5.0), Pt::new(5.0, 45.0)];
        let h = Homography::affine_from_three(&from, &to).unwrap();
        assert!(h.map(Pt::new(10.0, 20.0)).dist(Pt::new(25.0, 45.0)) < 1e-9);
    }
}
