//! Synthetic marked ballots, photographed like a phone or a flatbed does, with the truth kept.
//!
//! Exists because no real sheets exist yet: the reader is tuned and measured on rendered
//! ballots (the ballot module's own raster), marked here with labelled marks — tick, small
//! tick, cross, fill, slash, faint tick, a circle around a box, both boxes, stray ink near a
//! box, a smudge — then degraded: a 12 MP frame, ±6° rotation, perspective, a light gradient,
//! a hard shadow band, blur, noise, JPEG 70–90, 10 % upside down, optionally re-sent at
//! 1.280 px (chat apps), or scanned (flat, even, sharp, wrapped in a PDF). Everything follows
//! from a seed through a small PRNG of its own, so a seed gives the same corpus on every
//! machine and every version of the dependencies. Used by tests, `hailong-dev omr-corpus` and
//! the demo; the product never calls it.

use super::MarkState;
use crate::ballot::layout::{BallotLayout, Rect};
use image::{GrayImage, RgbImage};
use serde::{Deserialize, Serialize};

/// SplitMix64: tiny, fast, and stable forever (unlike a crate's generator across versions).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    /// 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `[a, b)`.
    pub fn range(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.unit()
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Roughly normal (sum of four uniforms), mean 0, deviation 1.
    pub fn normal(&mut self) -> f64 {
        let s: f64 = (0..4).map(|_| self.unit()).sum();
        (s - 2.0) * 3.0f64.sqrt()
    }
}

/// A mark a person makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum MarkKind {
    /// ✓ across most of the box.
    Tick,
    /// A small ✓ in the box.
    SmallTick,
    /// X.
    Cross,
    /// The box scribbled solid.
    Fill,
    /// One diagonal stroke.
    Slash,
    /// A ✓ in light pencil or a dry pen.
    FaintTick,
    /// A circle drawn around the box, the box itself left empty.
    Circle,
}

/// The right reading of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Truth {
    /// The person meant "Hài lòng".
    Satisfied,
    /// The person meant "Không hài lòng".
    Dissatisfied,
    /// No answer.
    Blank,
    /// Both boxes marked: no automatic reading is right; only a person can decide.
    Invalid,
}

/// How one item was marked, and what it means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemTruth {
    /// Item number.
    pub number: u32,
    /// What a reading must say (or send to review).
    pub truth: Truth,
    /// The mark in each box (satisfied, dissatisfied).
    pub marks: [Option<MarkKind>; 2],
    /// A smudge over this box (0 or 1).
    pub smudge: Option<usize>,
    /// A stray stroke close to the boxes (outside them).
    pub stray: bool,
}

impl ItemTruth {
    /// The table row this item is counted under.
    pub fn class(&self) -> &'static str {
        match (self.marks, self.truth) {
            (_, Truth::Invalid) => "both boxes",
            ([None, None], _) => "blank",
            ([Some(k), None] | [None, Some(k)], _) => match k {
                MarkKind::Tick => "tick",
                MarkKind::SmallTick => "small tick",
                MarkKind::Cross => "cross",
                MarkKind::Fill => "fill",
                MarkKind::Slash => "slash",
                MarkKind::FaintTick => "faint tick",
                MarkKind::Circle => "circle around a box",
            },
            _ => "both boxes",
        }
    }

    /// Whether this item is a hazard (must be decided right or reviewed; never a goal to read).
    pub fn hazard(&self) -> bool {
        matches!(
            self.class(),
            "both boxes" | "faint tick" | "circle around a box"
        ) || self.smudge.is_some()
            || self.stray
    }
}

/// How a reading of an item compares with the truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Read automatically and right.
    Right,
    /// Read automatically and wrong: a silent error.
    Wrong,
    /// Sent to a person.
    Review,
}

/// Judges a reading against the truth.
pub fn judge(truth: Truth, state: MarkState) -> Verdict {
    let right = match state {
        MarkState::Review(_) => return Verdict::Review,
        MarkState::Satisfied => truth == Truth::Satisfied,
        MarkState::Dissatisfied => truth == Truth::Dissatisfied,
        MarkState::Blank => truth == Truth::Blank,
    };
    if right {
        Verdict::Right
    } else {
        Verdict::Wrong
    }
}

/// Shares of item kinds in a corpus.
#[derive(Debug, Clone, Copy)]
pub struct Mix {
    /// Items left blank.
    pub blank: f64,
    /// Items with a mark in both boxes.
    pub both: f64,
    /// Of single marks: tick, cross, fill, slash, faint tick, small tick, circle (weights).
    pub marks: [f64; 7],
    /// Items with a stray stroke near the boxes.
    pub stray: f64,
    /// Items with a smudge over a box.
    pub smudge: f64,
}

const KINDS: [MarkKind; 7] = [
    MarkKind::Tick,
    MarkKind::Cross,
    MarkKind::Fill,
    MarkKind::Slash,
    MarkKind::FaintTick,
    MarkKind::SmallTick,
    MarkKind::Circle,
];

/// The design note's stress mix (prototype bench, omr-design.md §6): a quarter of items hazards.
pub const STRESS: Mix = Mix {
    blank: 0.07,
    both: 0.03,
    marks: [0.40, 0.25, 0.08, 0.07, 0.08, 0.07, 0.05],
    stray: 0.05,
    smudge: 0.04,
};

/// A mix closer to a household survey sheet (an assumption until a pilot measures one): few
/// blanks, rare double marks, circles and smudges, ballpoint ticks and crosses mostly.
pub const REALISTIC: Mix = Mix {
    blank: 0.03,
    both: 0.01,
    marks: [0.55, 0.28, 0.04, 0.06, 0.02, 0.04, 0.01],
    stray: 0.01,
    smudge: 0.01,
};

/// Draws which items get which marks.
pub fn plan(layout: &BallotLayout, mix: &Mix, rng: &mut Rng) -> Vec<ItemTruth> {
    layout
        .items
        .iter()
        .map(|item| {
            let side = usize::from(rng.chance(0.5));
            let r = rng.unit();
            let (truth, marks) = if r < mix.blank {
                (Truth::Blank, [None, None])
            } else if r < mix.blank + mix.both {
                let a = pick(&mix.marks[..4], rng);
                let b = pick(&mix.marks[..4], rng);
                (Truth::Invalid, [Some(KINDS[a]), Some(KINDS[b])])
            } else {
                let k = KINDS[pick(&mix.marks, rng)];
                let mut m = [None, None];
                m[side] = Some(k);
                (
                    if side == 0 {
                        Truth::Satisfied
                    } else {
                        Truth::Dissatisfied
                    },
                    m,
                )
            };
            let smudge = rng.chance(mix.smudge).then(|| usize::from(rng.chance(0.5)));
            let stray = rng.chance(mix.stray);
            ItemTruth {
                number: item.number,
                truth,
                marks,
                smudge,
                stray,
            }
        })
        .collect()
}

fn pick(weights: &[f64], rng: &mut Rng) -> usize {
    let total: f64 = weights.iter().sum();
    let mut r = rng.unit() * total;
    for (i, w) in weights.iter().enumerate() {
        if r < *w {
            return i;
        }
        r -= w;
    }
    weights.len() - 1
}

/// A pen: grey level of its ink (0 black … 255 paper) and stroke width in mm.
#[derive(Clone, Copy)]
struct Pen {
    ink: f32,
    width: f64,
}

/// Draws the planned marks on a rendered page (`ppm` pixels per mm).
pub fn draw(
    page: &mut GrayImage,
    ppm: f64,
    layout: &BallotLayout,
    items: &[ItemTruth],
    rng: &mut Rng,
) {
    let pen = Pen {
        ink: rng.range(15.0, 80.0) as f32,
        width: rng.range(0.35, 0.65),
    };
    for (item, boxes) in items.iter().zip(&layout.items) {
        let rects = [boxes.satisfied, boxes.dissatisfied];
        for (mark, rect) in item.marks.iter().zip(rects) {
            if let Some(kind) = mark {
                draw_mark(page, ppm, rect, *kind, pen, rng);
            }
        }
        if let Some(b) = item.smudge {
            let (cx, cy) = rects[b].centre();
            let c = (cx + rng.range(-1.5, 1.5), cy + rng.range(-1.5, 1.5));
            smudge(
                page,
                ppm,
                c,
                rng.range(2.5, 5.0),
                rng.range(0.80, 0.92) as f32,
            );
        }
        if item.stray {
            stray(page, ppm, rects, pen, rng);
        }
    }
}

fn draw_mark(page: &mut GrayImage, ppm: f64, rect: Rect, kind: MarkKind, pen: Pen, rng: &mut Rng) {
    let (cx, cy) = rect.centre();
    let half = rect.w / 2.0;
    // Hands are not centred: up to 0,6 mm off.
    let (ox, oy) = (cx + rng.range(-0.6, 0.6), cy + rng.range(-0.6, 0.6));
    let at = |u: f64, v: f64, s: f64| (ox + u * half * s, oy + v * half * s);
    match kind {
        MarkKind::Tick | MarkKind::SmallTick | MarkKind::FaintTick => {
            let s = match kind {
                MarkKind::SmallTick => rng.range(0.35, 0.55),
                _ => rng.range(0.75, 1.25),
            };
            let pen = if kind == MarkKind::FaintTick {
                Pen {
                    ink: rng.range(185.0, 220.0) as f32,
                    width: rng.range(0.25, 0.45),
                }
            } else {
                pen
            };
            let a = at(-0.6 + rng.range(-0.1, 0.1), 0.0 + rng.range(-0.15, 0.15), s);
            let b = at(-0.15 + rng.range(-0.1, 0.1), 0.55 + rng.range(-0.1, 0.1), s);
            let c = at(
                0.7 + rng.range(-0.15, 0.15),
                -0.75 + rng.range(-0.15, 0.15),
                s,
            );
            stroke(page, ppm, &[a, b, c], pen, rng);
        }
        MarkKind::Cross => {
            let s = rng.range(0.55, 0.95);
            stroke(page, ppm, &[at(-1.0, -1.0, s), at(1.0, 1.0, s)], pen, rng);
            stroke(page, ppm, &[at(1.0, -1.0, s), at(-1.0, 1.0, s)], pen, rng);
        }
        MarkKind::Slash => {
            let s = rng.range(0.55, 0.95);
            stroke(page, ppm, &[at(-1.0, 1.0, s), at(1.0, -1.0, s)], pen, rng);
        }
        MarkKind::Fill => {
            // A zigzag scribble, rows a stroke apart, over nearly the whole box.
            let cover = rng.range(0.85, 1.0);
            let step = pen.width * 0.8 / half;
            let mut pts = Vec::new();
            let mut v = -cover;
            let mut left = true;
            while v <= cover {
                let u = if left { -cover } else { cover };
                pts.push((cx + u * half + rng.range(-0.2, 0.2), cy + v * half));
                left = !left;
                v += step;
            }
            stroke(page, ppm, &pts, pen, rng);
        }
        MarkKind::Circle => {
            let r = (2.0f64).sqrt() * half + rng.range(0.3, 1.4);
            let (rx, ry) = (r * rng.range(0.95, 1.1), r * rng.range(0.9, 1.05));
            let start = rng.range(0.0, std::f64::consts::TAU);
            let sweep = std::f64::consts::TAU * rng.range(0.92, 1.05);
            let pts: Vec<(f64, f64)> = (0..=48)
                .map(|i| {
                    let t = start + sweep * f64::from(i) / 48.0;
                    (cx + rx * t.cos(), cy + ry * t.sin())
                })
                .collect();
            stroke(page, ppm, &pts, pen, rng);
        }
    }
}

/// A stroke through the points (mm), with a hand's wobble.
fn stroke(page: &mut GrayImage, ppm: f64, pts: &[(f64, f64)], pen: Pen, rng: &mut Rng) {
    let wobble: Vec<(f64, f64)> = pts
        .iter()
        .map(|&(x, y)| (x + rng.normal() * 0.08, y + rng.normal() * 0.08))
        .collect();
    for seg in wobble.windows(2) {
        segment(page, ppm, seg[0], seg[1], pen);
    }
}

/// An anti-aliased thick segment, darkening only (overlaps do not add up).
fn segment(page: &mut GrayImage, ppm: f64, a: (f64, f64), b: (f64, f64), pen: Pen) {
    let (ax, ay, bx, by) = (a.0 * ppm, a.1 * ppm, b.0 * ppm, b.1 * ppm);
    let r = pen.width * ppm / 2.0;
    let (w, h) = (page.width() as i64, page.height() as i64);
    let x0 = ((ax.min(bx) - r - 1.0).floor() as i64).max(0);
    let x1 = ((ax.max(bx) + r + 1.0).ceil() as i64).min(w - 1);
    let y0 = ((ay.min(by) - r - 1.0).floor() as i64).max(0);
    let y1 = ((ay.max(by) + r + 1.0).ceil() as i64).min(h - 1);
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = (dx * dx + dy * dy).max(1e-9);
    for y in y0..=y1 {
        for x in x0..=x1 {
            let (px, py) = (x as f64 + 0.5, y as f64 + 0.5);
            let t = (((px - ax) * dx + (py - ay) * dy) / len2).clamp(0.0, 1.0);
            let d = (px - ax - t * dx).hypot(py - ay - t * dy);
            let cover = (r + 0.5 - d).clamp(0.0, 1.0) as f32;
            if cover > 0.0 {
                let p = page.get_pixel_mut(x as u32, y as u32);
                let v = f32::from(p.0[0]);
                let target = v * (1.0 - cover) + pen.ink.min(v) * cover;
                p.0[0] = target.round() as u8;
            }
        }
    }
}

/// A soft grey blot (a dirty thumb, a wiped mark): `depth` = darkest share of the paper.
fn smudge(page: &mut GrayImage, ppm: f64, c: (f64, f64), radius: f64, depth: f32) {
    let (cx, cy, r) = (c.0 * ppm, c.1 * ppm, radius * ppm);
    let (w, h) = (page.width() as i64, page.height() as i64);
    for y in ((cy - r) as i64).max(0)..((cy + r) as i64).min(h) {
        for x in ((cx - r) as i64).max(0)..((cx + r) as i64).min(w) {
            let d2 = ((x as f64 - cx).powi(2) + (y as f64 - cy).powi(2)) / (r * r);
            if d2 < 1.0 {
                let k = 1.0 - (1.0 - depth) * ((1.0 - d2) * 1.6).min(1.0) as f32;
                let p = page.get_pixel_mut(x as u32, y as u32);
                p.0[0] = (f32::from(p.0[0]) * k).round() as u8;
            }
        }
    }
}

/// A stray stroke close to the boxes but outside them (a slip, a note, a crossing line).
fn stray(page: &mut GrayImage, ppm: f64, rects: [Rect; 2], pen: Pen, rng: &mut Rng) {
    let r = rects[usize::from(rng.chance(0.5))];
    // Beside the box on one side, 1–3 mm clear of its outline, 3–6 mm long.
    let gap = rng.range(1.0, 3.0);
    let len = rng.range(3.0, 6.0);
    let (cx, cy) = r.centre();
    let (a, b) = match (rng.next_u64() % 4) as u8 {
        0 => (
            (r.x - gap, cy - len / 2.0),
            (r.x - gap - rng.range(-1.0, 1.0), cy + len / 2.0),
        ),
        1 => (
            (r.x + r.w + gap, cy - len / 2.0),
            (r.x + r.w + gap + rng.range(-1.0, 1.0), cy + len / 2.0),
        ),
        2 => (
            (cx - len / 2.0, r.y - gap),
            (cx + len / 2.0, r.y - gap - rng.range(-0.5, 0.5)),
        ),
        _ => (
            (cx - len / 2.0, r.y + r.h + gap),
            (cx + len / 2.0, r.y + r.h + gap + rng.range(-0.5, 0.5)),
        ),
    };
    stroke(page, ppm, &[a, b], pen, rng);
}

/// How the page reaches the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// A phone photo (12 MP when `frame_long` is 4.000 px).
    Phone,
    /// A phone photo re-sent through a chat app at 1.280 px.
    Resent,
    /// A flatbed scan at the page's own resolution, in a PDF.
    Scan,
}

/// What the capture did, for the tables by damage.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Damage {
    /// Page turned 180° in the photo.
    pub upside_down: bool,
    /// A hard shadow band crosses the page.
    pub shadow: bool,
    /// Blur, pixels (σ).
    pub blur: f64,
    /// JPEG quality of the last encoding.
    pub quality: u8,
    /// Rotation, degrees.
    pub rotation: f64,
}

/// Photographs or scans a marked page rendered at `ppm` pixels per mm. `frame_long` is the
/// photo's long side (4.000 for 12 MP); returns the file's bytes and what was done.
pub fn capture(
    page: &GrayImage,
    ppm: f64,
    cond: Condition,
    frame_long: u32,
    rng: &mut Rng,
) -> (Vec<u8>, Damage) {
    match cond {
        Condition::Scan => scan(page, ppm, rng),
        Condition::Phone | Condition::Resent => {
            let (frame, mut damage) = photo(page, frame_long, rng);
            let q = rng.range(70.0, 90.99) as u8;
            damage.quality = q;
            if cond == Condition::Phone {
                return (jpeg_rgb(&frame, q), damage);
            }
            let (w, h) = frame.dimensions();
            let k = 1280.0 / f64::from(w.max(h));
            let small = image::imageops::resize(
                &frame,
                (f64::from(w) * k).round() as u32,
                (f64::from(h) * k).round() as u32,
                image::imageops::FilterType::Triangle,
            );
            let q = rng.range(70.0, 85.99) as u8;
            damage.quality = q;
            (jpeg_rgb(&small, q), damage)
        }
    }
}

/// The page's four corners in the frame, a perspective photo of it.
fn photo(page: &GrayImage, frame_long: u32, rng: &mut Rng) -> (RgbImage, Damage) {
    let (fw, fh) = (
        (f64::from(frame_long) * 0.75).round(),
        f64::from(frame_long),
    );
    let (pw, ph) = (f64::from(page.width()), f64::from(page.height()));
    let rotation = rng.range(-6.0, 6.0);
    let upside_down = rng.chance(0.1);
    let fill = rng.range(0.78, 0.92);
    let k = fill * fh / ph.max(pw * fh / fw);
    let (cx, cy) = (
        fw / 2.0 + rng.range(-0.03, 0.03) * fw,
        fh / 2.0 + rng.range(-0.02, 0.02) * fh,
    );
    let (s, c) = rotation.to_radians().sin_cos();
    let jitter = 0.03 * pw * k;
    let corners = [(0.0, 0.0), (pw, 0.0), (pw, ph), (0.0, ph)].map(|(x, y)| {
        let (u, v) = ((x - pw / 2.0) * k, (y - ph / 2.0) * k);
        (
            cx + u * c - v * s + rng.range(-jitter, jitter),
            cy + u * s + v * c + rng.range(-jitter, jitter),
        )
    });
    use super::geom::Pt;
    let inv = frame_to_page(pw, ph, corners.map(|(x, y)| Pt::new(x, y)), upside_down);
    let (w, h) = (fw as u32, fh as u32);
    let bg = rng.range(50.0, 150.0) as f32;
    let base = rng.range(0.72, 1.0) as f32;
    let (gdir, gamt) = (
        rng.range(0.0, std::f64::consts::TAU),
        rng.range(0.0, 0.35) as f32,
    );
    let (gdx, gdy) = (gdir.cos() as f32 / w as f32, gdir.sin() as f32 / h as f32);
    let shadow = rng.chance(0.3);
    let sh_dir = rng.range(0.0, std::f64::consts::TAU);
    let (sdx, sdy) = (sh_dir.cos() as f32, sh_dir.sin() as f32);
    let sh_at = rng.range(0.2, 0.8) as f32 * h as f32;
    let sh_width = rng.range(0.1, 0.4) as f32 * h as f32;
    let sh_depth = rng.range(0.55, 0.8) as f32;
    let sh_soft = rng.range(3.0, 30.0) as f32;
    let mut grey = vec![0u8; (w * h) as usize];
    let mut row = vec![0f32; w as usize];
    for y in 0..h {
        for (x, out) in row.iter_mut().enumerate() {
            let (xf, yf) = (x as f32, y as f32);
            let v = inv.map_or(bg, |inv| {
                let p = inv.map(Pt::new(x as f64 + 0.5, y as f64 + 0.5));
                if p.x >= 0.0 && p.y >= 0.0 && p.x < pw && p.y < ph {
                    super::geom::sample(page, p)
                } else {
                    bg + 20.0 * ((xf * 0.01).sin() * (yf * 0.013).cos())
                }
            });
            let mut light = base
                * (1.0
                    - gamt
                        * (0.5
                            + 0.5
                                * ((xf - w as f32 / 2.0) * gdx + (yf - h as f32 / 2.0) * gdy)
                                * 2.0)
                            .clamp(0.0, 1.0));
            if shadow {
                let d = (xf - w as f32 / 2.0) * sdx + (yf - h as f32 / 2.0) * sdy + h as f32 / 2.0
                    - sh_at;
                let inside = ((d + sh_width / 2.0) / sh_soft).clamp(0.0, 1.0)
                    * ((sh_width / 2.0 - d) / sh_soft).clamp(0.0, 1.0);
                light *= 1.0 - (1.0 - sh_depth) * inside;
            }
            *out = v * light;
        }
        for (x, v) in row.iter().enumerate() {
            grey[(y * w) as usize + x] = v.round().clamp(0.0, 255.0) as u8;
        }
    }
    let blur = rng.range(0.8, 2.0);
    let mut img = GrayImage::from_raw(w, h, grey).unwrap_or_default();
    gaussian(&mut img, blur as f32);
    let noise = rng.range(2.0, 6.0) as f32;
    let rgb = colour_noise(&img, noise, rng);
    (
        rgb,
        Damage {
            upside_down,
            shadow,
            blur,
            quality: 0,
            rotation,
        },
    )
}

/// The map from frame pixels back to page pixels, given where the page's corners (top-left,
/// clockwise) land in the frame; an upside-down page has its top-left where the bottom-right
/// would be.
fn frame_to_page(
    pw: f64,
    ph: f64,
    mut corners: [super::geom::Pt; 4],
    upside_down: bool,
) -> Option<super::geom::Homography> {
    use super::geom::{Homography, Pt};
    if upside_down {
        corners.rotate_left(2);
    }
    let src = [
        Pt::new(0.0, 0.0),
        Pt::new(pw, 0.0),
        Pt::new(pw, ph),
        Pt::new(0.0, ph),
    ];
    Homography::from_points(&src, &corners).and_then(|h| h.inverse())
}

/// Separable Gaussian blur in place.
fn gaussian(img: &mut GrayImage, sigma: f32) {
    let r = (sigma * 3.0).ceil() as i64;
    let kernel: Vec<f32> = (-r..=r)
        .map(|i| (-(i * i) as f32 / (2.0 * sigma * sigma)).exp())
        .collect();
    let sum: f32 = kernel.iter().sum();
    let kernel: Vec<f32> = kernel.iter().map(|k| k / sum).collect();
    let (w, h) = (img.width() as i64, img.height() as i64);
    let src = img.as_raw().clone();
    let mut tmp = vec![0f32; src.len()];
    for y in 0..h {
        let line = &src[(y * w) as usize..((y + 1) * w) as usize];
        for x in 0..w {
            let mut acc = 0.0;
            for (k, kv) in kernel.iter().enumerate() {
                let xx = (x + k as i64 - r).clamp(0, w - 1);
                acc += kv * f32::from(line[xx as usize]);
            }
            tmp[(y * w + x) as usize] = acc;
        }
    }
    let out: &mut [u8] = img;
    for y in 0..h {
        for x in 0..w {
            let mut acc = 0.0;
            for (k, kv) in kernel.iter().enumerate() {
                let yy = (y + k as i64 - r).clamp(0, h - 1);
                acc += kv * tmp[(yy * w + x) as usize];
            }
            out[(y * w + x) as usize] = acc.round().clamp(0.0, 255.0) as u8;
        }
    }
}

/// Sensor noise and a warm paper tint, as a colour photo (so the JPEG carries chroma, as a
/// phone's does, and decoding costs what it costs on real photos).
fn colour_noise(img: &GrayImage, sigma: f32, rng: &mut Rng) -> RgbImage {
    let mut out = RgbImage::new(img.width(), img.height());
    for (p, q) in img.pixels().zip(out.pixels_mut()) {
        let r = rng.next_u64();
        let b = |i: u32| ((r >> (8 * i)) & 0xFF) as f32 / 255.0;
        // Sum of four uniforms for luma; two for each chroma offset.
        let n = (b(0) + b(1) + b(2) + b(3) - 2.0) * 1.732 * sigma;
        let cr = (b(4) + b(5) - 1.0) * 2.45 * sigma * 0.5;
        let cb = (b(6) + b(7) - 1.0) * 2.45 * sigma * 0.5;
        let v = f32::from(p.0[0]) + n;
        q.0 = [
            (v * 1.0 + cr).round().clamp(0.0, 255.0) as u8,
            (v * 0.97).round().clamp(0.0, 255.0) as u8,
            (v * 0.9 + cb).round().clamp(0.0, 255.0) as u8,
        ];
    }
    out
}

fn jpeg_rgb(img: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    let enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
    match image::ImageEncoder::write_image(
        enc,
        img.as_raw(),
        img.width(),
        img.height(),
        image::ExtendedColorType::Rgb8,
    ) {
        Ok(()) => out,
        Err(_) => Vec::new(),
    }
}

/// A flatbed scan: the page at its own resolution, a fraction of a degree off, even light,
/// slight blur and noise, a grey JPEG in a one-image-per-page PDF (as scanners write them).
fn scan(page: &GrayImage, ppm: f64, rng: &mut Rng) -> (Vec<u8>, Damage) {
    use super::geom::Pt;
    let (pw, ph) = (f64::from(page.width()), f64::from(page.height()));
    let rotation = rng.range(-0.8, 0.8);
    let upside_down = rng.chance(0.1);
    let (s, c) = rotation.to_radians().sin_cos();
    let (dx, dy) = (rng.range(-2.0, 2.0) * ppm, rng.range(-2.0, 2.0) * ppm);
    let corners = [(0.0, 0.0), (pw, 0.0), (pw, ph), (0.0, ph)].map(|(x, y)| {
        let (u, v) = (x - pw / 2.0, y - ph / 2.0);
        Pt::new(pw / 2.0 + u * c - v * s + dx, ph / 2.0 + u * s + v * c + dy)
    });
    let inv = frame_to_page(pw, ph, corners, upside_down);
    let white = rng.range(0.9, 1.0) as f32;
    let mut img = GrayImage::from_fn(page.width(), page.height(), |x, y| {
        let v = inv.map_or(255.0, |inv| {
            super::geom::sample(
                page,
                inv.map(Pt::new(f64::from(x) + 0.5, f64::from(y) + 0.5)),
            )
        });
        image::Luma([(v * white).round().clamp(0.0, 255.0) as u8])
    });
    let blur = rng.range(0.4, 0.8);
    gaussian(&mut img, blur as f32);
    for p in img.pixels_mut() {
        p.0[0] = (f32::from(p.0[0]) + rng.normal() as f32 * 1.5)
            .round()
            .clamp(0.0, 255.0) as u8;
    }
    let quality = rng.range(85.0, 92.99) as u8;
    let mut jpg = Vec::new();
    let enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpg, quality);
    let _ = image::ImageEncoder::write_image(
        enc,
        img.as_raw(),
        img.width(),
        img.height(),
        image::ExtendedColorType::L8,
    );
    let pdf = pdf_of_jpegs(&[(&jpg, img.width(), img.height())], ppm);
    (
        pdf,
        Damage {
            upside_down,
            shadow: false,
            blur,
            quality,
            rotation,
        },
    )
}

/// A minimal PDF with one page per JPEG, each drawn full-page (what a scanner writes).
pub fn pdf_of_jpegs(pages: &[(&[u8], u32, u32)], ppm: f64) -> Vec<u8> {
    let mut out: Vec<u8> = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let n = pages.len();
    // Objects: 1 catalog, 2 pages, then per page: page, image, contents.
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 3 + 3 * i)).collect();
    let mut obj = |out: &mut Vec<u8>, body: &[u8]| {
        offsets.push(out.len());
        out.extend_from_slice(body);
    };
    obj(
        &mut out,
        b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
    );
    obj(
        &mut out,
        format!(
            "2 0 obj\n<< /Type /Pages /Kids [{}] /Count {n} >>\nendobj\n",
            kids.join(" ")
        )
        .as_bytes(),
    );
    for (i, (jpg, w, h)) in pages.iter().enumerate() {
        let (p, im, ct) = (3 + 3 * i, 4 + 3 * i, 5 + 3 * i);
        let (wpt, hpt) = (
            f64::from(*w) / ppm * 72.0 / 25.4,
            f64::from(*h) / ppm * 72.0 / 25.4,
        );
        obj(&mut out, format!("{p} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {wpt:.2} {hpt:.2}] /Resources << /XObject << /Im0 {im} 0 R >> >> /Contents {ct} 0 R >>\nendobj\n").as_bytes());
        let mut body = format!("{im} 0 obj\n<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length {} >>\nstream\n", jpg.len()).into_bytes();
        body.extend_from_slice(jpg);
        body.extend_from_slice(b"\nendstream\nendobj\n");
        obj(&mut out, &body);
        let content = format!("q {wpt:.2} 0 0 {hpt:.2} 0 0 cm /Im0 Do Q");
        obj(
            &mut out,
            format!(
                "{ct} 0 obj\n<< /Length {} >>\nstream\n{content}\nendstream\nendobj\n",
                content.len()
            )
            .as_bytes(),
        );
    }
    let xref = out.len();
    let mut tail = format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1);
    for o in &offsets {
        tail.push_str(&format!("{o:010} 00000 n \n"));
    }
    tail.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        offsets.len() + 1
    ));
    out.extend_from_slice(tail.as_bytes());
    out
}
