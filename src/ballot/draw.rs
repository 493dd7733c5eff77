//! One ballot page as a list of drawing operations, in millimetres from the top-left corner.
//!
//! The PDF writer ([`super::pdf`]) and the raster renderer ([`super::raster`]) both draw this
//! list and nothing else, so what is printed and what the tests, the synthetic corpus and the
//! demo read are the same page. The geometry comes from [`super::layout`]; this module adds
//! what varies per ballot (id, commune, area, round) at places that never move a box.

use super::font::{Face, MM_PER_PT};
use super::id::BallotId;
use super::layout::{self, BOX_CENTRES, BOX_LINE, LayoutError, Plan, Rect};
use crate::i18n::{BallotText as T, Lang};
use crate::rules::Form;

/// Black.
pub const INK: u8 = 0;
/// The grey of the rows' separators and the ruled lines (light: no reader takes it for ink
/// in a box, and it is nowhere near one).
pub const RULE_GREY: u8 = 150;

/// One drawing operation.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// A filled rectangle (fiducials, QR modules).
    Fill {
        /// Where.
        rect: Rect,
        /// Grey level, 0 black.
        gray: u8,
    },
    /// A rectangle's black outline, `width` wide and centred on the rectangle's edge (boxes).
    Outline {
        /// Where.
        rect: Rect,
        /// Line width.
        width: f64,
    },
    /// A straight line with round ends (ruled lines, the printed tick).
    Line {
        /// Start.
        from: (f64, f64),
        /// End.
        to: (f64, f64),
        /// Line width.
        width: f64,
        /// Grey level, 0 black.
        gray: u8,
    },
    /// Black text starting at `x` on the baseline `baseline`.
    Text {
        /// Left end.
        x: f64,
        /// Baseline.
        baseline: f64,
        /// Size in points.
        size_pt: f64,
        /// Face.
        face: Face,
        /// The text (NFC).
        text: String,
    },
}

fn text(x: f64, baseline: f64, size_pt: f64, face: Face, s: &str) -> Op {
    Op::Text {
        x,
        baseline,
        size_pt,
        face,
        text: s.to_string(),
    }
}

/// The QR code of `payload` filling `rect` (2 quiet modules inside it on each side), as runs
/// of dark modules. Empty when the text cannot be encoded (never for a valid id).
pub fn qr_ops(payload: &str, rect: Rect) -> Vec<Op> {
    let Ok(code) = qrcode::QrCode::with_error_correction_level(payload, qrcode::EcLevel::M) else {
        return Vec::new();
    };
    let n = code.width();
    let module = rect.w / (n + 4) as f64;
    let dark: Vec<bool> = code
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    let mut ops = Vec::new();
    for row in 0..n {
        let mut col = 0;
        while col < n {
            if !dark[row * n + col] {
                col += 1;
                continue;
            }
            let start = col;
            while col < n && dark[row * n + col] {
                col += 1;
            }
            ops.push(Op::Fill {
                rect: Rect {
                    x: rect.x + (start + 2) as f64 * module,
                    y: rect.y + (row + 2) as f64 * module,
                    w: (col - start) as f64 * module,
                    h: module,
                },
                gray: INK,
            });
        }
    }
    ops
}

/// The commune's name for `code`, or the code itself when the gazetteer does not have it.
pub fn commune_name(code: &str) -> String {
    crate::rules::gazetteer::Gazetteer::son_la()
        .units()
        .iter()
        .find(|u| u.code == code)
        .map_or_else(|| code.to_string(), |u| u.name.clone())
}

/// `s` at the largest size from `max_pt` down to 7 pt that fits `width`, cut with "…" if even
/// 7 pt does not.
fn fitted(face: Face, s: &str, max_pt: f64, width: f64) -> (f64, String) {
    let mut size = max_pt;
    while size > 7.0 && face.width_mm(s, size) > width {
        size -= 0.5;
    }
    let mut out = s.to_string();
    while face.width_mm(&out, size) > width && out.chars().count() > 1 {
        out.pop();
        out = format!("{}…", out.trim_end_matches('…'));
    }
    (size, out)
}

/// The tick of the instruction, as two strokes, its left end at `x` on `baseline`.
fn tick(x: f64, baseline: f64, size_pt: f64) -> (Vec<Op>, f64) {
    let em = size_pt * MM_PER_PT;
    let p = |dx: f64, dy: f64| (x + dx * em, baseline - dy * em);
    let width = 0.1 * em;
    let ops = vec![
        Op::Line {
            from: p(0.08, 0.32),
            to: p(0.25, 0.05),
            width,
            gray: INK,
        },
        Op::Line {
            from: p(0.25, 0.05),
            to: p(0.62, 0.72),
            width,
            gray: INK,
        },
    ];
    (ops, 0.72 * em)
}

/// The drawing list of the ballot `id` of `form` for the area `area_name`.
pub fn page(form: &Form, id: &BallotId, area_name: &str) -> Result<Vec<Op>, LayoutError> {
    let plan = layout::plan(form)?;
    let mut ops = common_ops(&plan, form);
    ops.extend(own_ops(
        &plan,
        id,
        &commune_name(&id.commune_code),
        area_name,
    ));
    Ok(ops)
}

/// The drawing lists of many ballots of one form: what every page has in common, drawn once,
/// and then each page's own operations (ids, place line), in the order of `ballots`. A page is
/// the common list followed by its own.
pub fn pages<'a, S: AsRef<str> + 'a>(
    form: &'a Form,
    ballots: &'a [(BallotId, S)],
) -> Result<(Vec<Op>, impl Iterator<Item = Vec<Op>> + 'a), LayoutError> {
    let plan = layout::plan(form)?;
    let common = common_ops(&plan, form);
    let mut names: Vec<(String, String)> = Vec::new();
    let own = ballots.iter().map(move |(id, area)| {
        let name = match names.iter().find(|(c, _)| *c == id.commune_code) {
            Some((_, n)) => n.clone(),
            None => {
                let n = commune_name(&id.commune_code);
                names.push((id.commune_code.clone(), n.clone()));
                n
            }
        };
        own_ops(&plan, id, &name, area.as_ref())
    });
    Ok((common, own))
}

/// What differs between ballots: the id in both QR codes and beneath each, the place line.
fn own_ops(plan: &Plan, id: &BallotId, commune: &str, area_name: &str) -> Vec<Op> {
    let l = &plan.layout;
    let mut ops = Vec::new();
    let code = id.encode();
    let id_pt = 7.0;
    for (n, q) in l.qr.iter().enumerate() {
        ops.extend(qr_ops(&code, *q));
        let w = Face::Regular.width_mm(&code, id_pt);
        let x = if n == 0 { q.x + q.w - w } else { q.x };
        ops.push(text(x, q.y + q.h + 4.3, id_pt, Face::Regular, &code));
    }
    let width = layout::HEADER_RIGHT - layout::HEADER_X;
    let mut place = T::PlaceLine.fill(
        Lang::Vi,
        &[("commune", commune), ("area", &layout::nfc(area_name))],
    );
    if !id.round.is_empty() {
        place.push_str(&T::RoundPart.fill(Lang::Vi, &[("round", &id.round)]));
    }
    let (size, place) = fitted(Face::Regular, &place, 10.0, width);
    ops.push(text(layout::HEADER_X, 24.0, size, Face::Regular, &place));
    ops
}

/// What every ballot of the form has: fiducials, title, instructions, heads, items, boxes,
/// ruled areas.
fn common_ops(plan: &Plan, form: &Form) -> Vec<Op> {
    let l = &plan.layout;
    let vi = Lang::Vi;
    let mut ops: Vec<Op> = l
        .fiducials
        .iter()
        .map(|&rect| Op::Fill { rect, gray: INK })
        .collect();
    for (baseline, line) in &plan.title.lines {
        ops.push(text(
            layout::HEADER_X,
            *baseline,
            plan.title.size_pt,
            Face::Bold,
            line,
        ));
    }
    let how = T::HowToMark.text(vi);
    let (before, after) = how.split_once("{tick}").unwrap_or((how, ""));
    let ipt = 9.5;
    let mut x = layout::HEADER_X;
    ops.push(text(x, 29.0, ipt, Face::Regular, before));
    x += Face::Regular.width_mm(before, ipt);
    let (tick_ops, tick_w) = tick(x, 29.0, ipt);
    ops.extend(tick_ops);
    ops.push(text(x + tick_w, 29.0, ipt, Face::Regular, after));
    ops.push(text(
        layout::HEADER_X,
        33.2,
        ipt,
        Face::Regular,
        T::Correction.text(vi),
    ));
    // Column heads: the form's answers over the boxes, wrapped to the 24 mm between centres.
    let head_pt = 9.0;
    let hb = layout::HEADS_BASELINE;
    ops.push(text(
        layout::NUMBER_X,
        hb,
        head_pt,
        Face::Bold,
        T::NumberHead.text(vi),
    ));
    ops.push(text(
        layout::TEXT_X,
        hb,
        head_pt,
        Face::Bold,
        T::StatementHead.text(vi),
    ));
    let answers = [
        form.header
            .answers
            .first()
            .map_or("Hài lòng", String::as_str),
        form.header
            .answers
            .get(1)
            .map_or("Không hài lòng", String::as_str),
    ];
    for (answer, cx) in answers.iter().zip([BOX_CENTRES.0, BOX_CENTRES.1]) {
        let lines = Face::Bold.wrap(&layout::nfc(answer), head_pt, 24.0);
        let lh = head_pt * 1.2 * MM_PER_PT;
        let first = hb - (lines.len().saturating_sub(1)) as f64 * lh;
        for (i, line) in lines.iter().take(2).enumerate() {
            let w = Face::Bold.width_mm(line, head_pt);
            ops.push(text(
                cx - w / 2.0,
                first + i as f64 * lh,
                head_pt,
                Face::Bold,
                line,
            ));
        }
    }
    // Items: separators in the text column only, number, statement, two empty boxes.
    let rule = |y: f64| Op::Line {
        from: (layout::NUMBER_X, y),
        to: (layout::TEXT_RIGHT, y),
        width: 0.2,
        gray: RULE_GREY,
    };
    for (((item, lines), boxes), (top, _)) in form
        .items
        .iter()
        .zip(&plan.items)
        .zip(&l.items)
        .zip(&plan.rows)
    {
        ops.push(rule(*top));
        if let Some((b0, _)) = lines.lines.first() {
            ops.push(text(
                layout::NUMBER_X,
                *b0,
                lines.size_pt,
                Face::Regular,
                &format!("{}.", item.number),
            ));
        }
        for (baseline, line) in &lines.lines {
            ops.push(text(
                layout::TEXT_X,
                *baseline,
                lines.size_pt,
                Face::Regular,
                line,
            ));
        }
        for rect in [boxes.satisfied, boxes.dissatisfied] {
            ops.push(Op::Outline {
                rect,
                width: BOX_LINE,
            });
        }
    }
    if let Some((top, h)) = plan.rows.last() {
        ops.push(rule(top + h));
    }
    // Ruled areas: the label on the first line, the rule after it; a second full rule.
    for (area, label) in [
        (l.reason, T::ReasonLabel.text(vi)),
        (l.other_opinion, T::OtherLabel.text(vi)),
    ] {
        let lpt = 9.0;
        let first = area.y + 6.0;
        let second = area.y + area.h - 1.0;
        ops.push(text(area.x, first - 0.8, lpt, Face::Regular, label));
        let after = area.x + Face::Regular.width_mm(label, lpt) + 1.5;
        for (from, y) in [(after, first), (area.x, second)] {
            ops.push(Op::Line {
                from: (from, y),
                to: (area.x + area.w, y),
                width: 0.2,
                gray: RULE_GREY,
            });
        }
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ballot::layout::layout_for;
    use crate::rules::Library;

    fn id(form: &str, round: &str) -> BallotId {
        BallotId {
            form: form.into(),
            commune_code: "04000".into(),
            area_no: 99,
            serial: 99_999,
            round: round.into(),
        }
    }

    /// The extent of an operation on the page, in mm.
    fn extent(op: &Op) -> Rect {
        match op {
            Op::Fill { rect, .. } => *rect,
            Op::Outline { rect, width } => rect.grown(width / 2.0),
            Op::Line {
                from, to, width, ..
            } => Rect {
                x: from.0.min(to.0),
                y: from.1.min(to.1),
                w: (from.0 - to.0).abs(),
                h: (from.1 - to.1).abs(),
            }
            .grown(width / 2.0),
            Op::Text {
                x,
                baseline,
                size_pt,
                face,
                text,
            } => {
                let ascent = face.ascent_mm(*size_pt);
                Rect {
                    x: *x,
                    y: baseline - ascent,
                    w: face.width_mm(text, *size_pt),
                    h: ascent + 0.3 * size_pt * MM_PER_PT,
                }
            }
        }
    }

    fn overlaps(a: Rect, b: Rect) -> bool {
        a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
    }

    #[test]
    fn nothing_but_its_outline_is_printed_in_or_within_2_mm_of_a_box() {
        let lib = Library::shipped().unwrap();
        for form in lib.forms.values() {
            let ops = page(form, &id(form.id(), "2025-10"), "Bản Mòng Nà Sẳng Hua Păng").unwrap();
            let layout = layout_for(form).unwrap();
            for b in layout
                .items
                .iter()
                .flat_map(|i| [i.satisfied, i.dissatisfied])
            {
                for op in &ops {
                    let own = matches!(op, Op::Outline { rect, .. } if *rect == b);
                    assert!(
                        own || !overlaps(extent(op), b.grown(2.0)),
                        "{}: {op:?} within 2 mm of {b:?}",
                        form.id()
                    );
                }
            }
            // The QR codes and fiducials keep 2 mm of white around them too.
            for keep in layout.qr.iter().chain(&layout.fiducials) {
                for op in &ops {
                    let inside = overlaps(extent(op), *keep)
                        && extent(op).x >= keep.x - 1e-9
                        && extent(op).y >= keep.y - 1e-9;
                    assert!(
                        inside || !overlaps(extent(op), keep.grown(2.0)),
                        "{}: {op:?} within 2 mm of {keep:?}",
                        form.id()
                    );
                }
            }
        }
    }

    #[test]
    fn qr_modules_are_at_least_0_8_mm_for_the_longest_shipped_id() {
        let lib = Library::shipped().unwrap();
        let rect = layout_for(lib.forms.values().next().unwrap()).unwrap().qr[0];
        for form in lib.forms.values() {
            let code = id(form.id(), "ABCDEFGHIJ-12345").encode();
            let ops = qr_ops(&code, rect);
            assert!(!ops.is_empty());
            let module = ops
                .iter()
                .map(|o| match o {
                    Op::Fill { rect, .. } => rect.h,
                    _ => f64::MAX,
                })
                .fold(f64::MAX, f64::min);
            assert!(module >= 0.8, "{code}: modules of {module:.2} mm");
        }
    }

    #[test]
    fn no_text_is_wider_than_its_place() {
        let lib = Library::shipped().unwrap();
        let form = lib.form("xa-ntm").unwrap();
        let long = "Khu dân cư có một cái tên rất dài để thử xem dòng có bị tràn hay không";
        let ops = page(form, &id("xa-ntm", "2025-10"), long).unwrap();
        for op in &ops {
            let e = extent(op);
            assert!(e.x >= 0.0 && e.x + e.w <= 210.0 && e.y >= 0.0 && e.y + e.h <= 297.0);
        }
        let place = ops.iter().find_map(|o| match o {
            Op::Text { text, .. } if text.starts_with("Xã:") => Some(extent(o)),
            _ => None,
        });
        let place = place.unwrap();
        assert!(
            place.x + place.w <= layout::HEADER_RIGHT + 1e-9,
            "{place:?}"
        );
    }
}
