//! The province chart: each commune's overall rate as a bar against the threshold line, each bar
//! coloured by its own rate against that line (the overall check's exact comparison), never by
//! the commune's whole verdict.
//!
//! Two drawings of the same bars, as SVG elements of the template (escaped like any other
//! text): a wide one with the names beside the bars, and a narrow one for phones with each name
//! above its bar, drawn at about its own size on a 390 px screen so that its text stays at
//! 12 px or more. The stylesheet shows one of them.

use crate::i18n::{Lang, WebText as W};
use crate::rules::CheckKind;
use crate::score::CommuneScore;
use maud::{Markup, html};

/// Text size in the drawings' own units.
const FONT: f64 = 13.0;

/// Whether the commune's overall rate reaches its threshold (`None`: its rules set none).
fn overall_passed(s: &CommuneScore) -> Option<bool> {
    s.verdict
        .checks
        .iter()
        .find(|c| c.check == CheckKind::OverallMin)
        .map(|c| c.passed)
}

fn bar_class(s: &CommuneScore) -> &'static str {
    match overall_passed(s) {
        Some(true) => "bar-ok",
        Some(false) => "bar-bad",
        None => "bar-none",
    }
}

/// The axis: from below the lowest rate (so that tenths stay visible) to 100 %.
struct Axis {
    floor: f64,
    threshold: Option<f64>,
}

impl Axis {
    fn of(rows: &[&CommuneScore]) -> Axis {
        let lowest = rows
            .iter()
            .map(|s| s.overall.rate.pct())
            .fold(100.0, f64::min);
        let threshold = rows.iter().find_map(|s| s.overall_threshold_pct());
        let floor = ((lowest.min(threshold.unwrap_or(100.0)) - 5.0) / 10.0).floor() * 10.0;
        Axis {
            floor: floor.clamp(0.0, 90.0),
            threshold,
        }
    }

    /// The length of `pct` on a bar `width` long.
    fn len(&self, pct: f64, width: f64) -> f64 {
        (pct - self.floor).max(0.0) / (100.0 - self.floor) * width
    }
}

fn n(x: f64) -> String {
    format!("{x:.1}")
}

/// Both drawings and their legend; nothing when no commune is scored.
pub fn chart(all: &[CommuneScore], lang: Lang) -> Markup {
    if all.is_empty() {
        return html! {};
    }
    let mut rows: Vec<&CommuneScore> = all.iter().collect();
    rows.sort_by_key(|s| s.overall.rate);
    let axis = Axis::of(&rows);
    let title = W::ChartTitle.text(lang);
    let line = W::Threshold.text(lang);
    html! {
        div.chart {
            (wide(&rows, &axis, title, line))
            (narrow(&rows, &axis, title, line))
            ul.legend {
                li { span.swatch.ok {} (W::BarReaches.text(lang)) }
                li { span.swatch.bad {} (W::BarBelow.text(lang)) }
                @if let Some(t) = axis.threshold {
                    li { span.swatch.line {} (line) " " (fmt_pct(t)) "%" }
                }
            }
        }
    }
}

/// A threshold as rules write it: `90`, `67,5`.
fn fmt_pct(t: f64) -> String {
    let s = format!("{t}");
    s.replace('.', ",")
}

/// Names beside the bars.
fn wide(rows: &[&CommuneScore], axis: &Axis, title: &str, line: &str) -> Markup {
    let (label_w, bar_w, row_h, top) = (200.0, 500.0, 24.0, 22.0);
    let width = label_w + bar_w + 70.0;
    let height = rows.len() as f64 * row_h + top + 24.0;
    html! {
        svg.wide role="img" aria-label=(title) viewBox=(format!("0 0 {width} {height}")) {
            title { (title) }
            @for (i, s) in rows.iter().enumerate() {
                @let y = top + i as f64 * row_h;
                @let len = axis.len(s.overall.rate.pct(), bar_w);
                @let rate = s.overall.rate.to_string();
                text x=(n(label_w - 6.0)) y=(n(y + row_h * 0.65)) text-anchor="end" font-size=(FONT) { (s.commune) }
                rect class=(bar_class(s)) x=(n(label_w)) y=(n(y + 3.0)) width=(n(len)) height=(n(row_h - 6.0)) {
                    title { (s.commune) ": " (rate) "%" }
                }
                text x=(n(label_w + len + 4.0)) y=(n(y + row_h * 0.65)) font-size=(FONT) { (rate) }
            }
            @if let Some(t) = axis.threshold {
                @let x = label_w + axis.len(t, bar_w);
                line.line x1=(n(x)) x2=(n(x)) y1=(n(top - 4.0)) y2=(n(height - 20.0)) {}
                text x=(n(x)) y="14" font-size=(FONT) text-anchor="middle" { (line) " " (fmt_pct(t)) "%" }
            }
            text x=(n(label_w)) y=(n(height - 6.0)) font-size=(FONT) { (fmt_pct(axis.floor)) "%" }
            text x=(n(label_w + bar_w)) y=(n(height - 6.0)) font-size=(FONT) text-anchor="end" { "100%" }
        }
    }
}

/// Each name above its bar, for phones.
fn narrow(rows: &[&CommuneScore], axis: &Axis, title: &str, line: &str) -> Markup {
    let (width, bar_w, row_h, top) = (360.0, 290.0, 40.0, 22.0);
    let height = rows.len() as f64 * row_h + top + 22.0;
    html! {
        svg.narrow role="img" aria-label=(title) viewBox=(format!("0 0 {width} {height}")) {
            title { (title) }
            @for (i, s) in rows.iter().enumerate() {
                @let y = top + i as f64 * row_h;
                @let len = axis.len(s.overall.rate.pct(), bar_w);
                @let rate = s.overall.rate.to_string();
                text x="0" y=(n(y + 14.0)) font-size=(FONT) { (s.commune) }
                rect class=(bar_class(s)) x="0" y=(n(y + 19.0)) width=(n(len)) height="14" {
                    title { (s.commune) ": " (rate) "%" }
                }
                text x=(n(len + 4.0)) y=(n(y + 31.0)) font-size=(FONT) { (rate) }
            }
            @if let Some(t) = axis.threshold {
                @let x = axis.len(t, bar_w);
                line.line x1=(n(x)) x2=(n(x)) y1=(n(top - 4.0)) y2=(n(height - 18.0)) {}
                text x=(n(x.min(width - 60.0))) y="14" font-size=(FONT) text-anchor="middle" { (line) " " (fmt_pct(t)) "%" }
            }
            text x="0" y=(n(height - 4.0)) font-size=(FONT) { (fmt_pct(axis.floor)) "%" }
            text x=(n(bar_w)) y=(n(height - 4.0)) font-size=(FONT) text-anchor="end" { "100%" }
        }
    }
}
