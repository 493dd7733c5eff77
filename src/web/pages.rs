//! The HTML of `hailong serve`: province, commune, upload and template pages, one stylesheet and
//! one small script, all embedded in the binary.
//!
//! Pages are rendered on the server from the application's results: every figure shown is the
//! `*_display` string the CLI prints (rounded half-up once, in the score), so the page, the
//! text report and the dossier agree to the last digit. Nothing here computes a figure; the
//! chart is SVG built from the same values. Every text interpolated goes through [`esc`].
//!
//! The words are the catalogue's ([`crate::i18n::WebText`], both languages side by side); only
//! the markup is written here.

use crate::app::import::ImportSummary;
use crate::app::score::Comparison;
use crate::i18n::{Label, Lang, WebText as W, other_language, pick};
use crate::ingest::{Outcome, Severity};
use crate::score::texts::Texts;
use crate::score::{CommuneScore, render};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// The stylesheet: readable on a phone, prints cleanly.
pub const CSS: &str = r#"
:root { --ok:#1b6e3a; --bad:#a4161a; --ink:#1d2733; --muted:#5b6672; --line:#d7dde3; --bg:#f6f8fa; }
* { box-sizing: border-box; }
body { margin:0; font-family: "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color:var(--ink); background:#fff; line-height:1.45; }
header { background:#8b1a1a; color:#fff; padding:.6rem 1rem; display:flex; flex-wrap:wrap; gap:1rem; align-items:center; }
header a { color:#fff; text-decoration:none; font-weight:600; }
header a:focus, a:focus, button:focus, input:focus, select:focus, textarea:focus { outline:3px solid #f4b400; outline-offset:2px; }
header .brand { font-size:1.15rem; margin-right:auto; }
main { padding:1rem; max-width:1200px; margin:0 auto; }
h1 { font-size:1.4rem; margin:.4rem 0 .8rem; }
h2 { font-size:1.1rem; margin:1.4rem 0 .5rem; }
table { border-collapse:collapse; width:100%; font-size:.95rem; }
th, td { border:1px solid var(--line); padding:.35rem .5rem; text-align:left; vertical-align:top; }
th { background:var(--bg); }
td.num, th.num { text-align:right; font-variant-numeric: tabular-nums; white-space:nowrap; }
.scroll { overflow-x:auto; }
.verdict { font-size:1.3rem; font-weight:700; padding:.6rem .8rem; border-radius:6px; margin:.5rem 0; }
.verdict.ok { background:#e3f4e8; color:var(--ok); }
.verdict.bad { background:#fbe4e4; color:var(--bad); }
.pass { color:var(--ok); font-weight:600; } .fail { color:var(--bad); font-weight:700; }
.note { color:var(--muted); font-size:.9rem; }
pre.reading { white-space:pre-wrap; font-size:.85rem; margin:.2rem 0; }
.warn { background:#fff6d6; border:1px solid #e8cf6a; padding:.5rem .7rem; border-radius:4px; }
form.filters { display:flex; flex-wrap:wrap; gap:.8rem; align-items:end; margin:.5rem 0 1rem; }
label { display:block; font-weight:600; margin:.4rem 0 .2rem; }
input, select, textarea, button { font:inherit; padding:.4rem .5rem; }
button { background:#8b1a1a; color:#fff; border:0; border-radius:4px; padding:.5rem 1rem; cursor:pointer; }
.drop { border:2px dashed var(--line); border-radius:8px; padding:1.2rem; text-align:center; background:var(--bg); }
.drop.over { border-color:#8b1a1a; }
progress { width:100%; }
svg text { font-family: inherit; }
@media (max-width: 640px) { th, td { padding:.25rem .3rem; font-size:.85rem; } }
@media print { header, form, .noprint { display:none; } }
"#;

/// The page script: drag and drop and an upload progress bar; the forms work without it.
pub const JS: &str = r#"
document.querySelectorAll('form[data-upload]').forEach(function (form) {
  var drop = form.querySelector('.drop'), input = form.querySelector('input[type=file][name=files]');
  if (drop && input) {
    ['dragenter', 'dragover'].forEach(function (e) { drop.addEventListener(e, function (ev) { ev.preventDefault(); drop.classList.add('over'); }); });
    ['dragleave', 'drop'].forEach(function (e) { drop.addEventListener(e, function (ev) { ev.preventDefault(); drop.classList.remove('over'); }); });
    drop.addEventListener('drop', function (ev) { input.files = ev.dataTransfer.files; drop.querySelector('.chosen').textContent = Array.from(input.files).map(function (f) { return f.name; }).join(', '); });
    input.addEventListener('change', function () { drop.querySelector('.chosen').textContent = Array.from(input.files).map(function (f) { return f.name; }).join(', '); });
  }
  form.addEventListener('submit', function (ev) {
    // The errors workbook is a download: the browser posts it natively.
    if (ev.submitter && ev.submitter.hasAttribute('formaction')) { return; }
    ev.preventDefault();
    var bar = form.querySelector('progress'); bar.hidden = false; bar.value = 0;
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.upload.onprogress = function (e) { if (e.lengthComputable) { bar.max = e.total; bar.value = e.loaded; } };
    xhr.onload = function () { document.open(); document.write(xhr.responseText); document.close(); };
    xhr.send(new FormData(form));
  });
});
"#;

/// Escapes text for HTML.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

fn page(title: &str, lang: Lang, body: &str) -> String {
    let t = |m: W| m.text(lang);
    let (other, other_label) = other_language(lang);
    format!(
        r#"<!doctype html>
<html lang="{html_lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} — hailong</title><link rel="stylesheet" href="/static/app.css"></head>
<body><header><a class="brand" href="/">hailong</a>
<nav aria-label="{nav}"><a href="/">{province}</a> · <a href="/nhap">{upload}</a> · <a href="/mau">{template}</a> · <a href="?lang={other}" hreflang="{other}">{other_label}</a></nav></header>
<main>{body}</main><script src="/static/app.js"></script></body></html>"#,
        html_lang = if lang == Lang::En { "en" } else { "vi" },
        title = esc(title),
        nav = t(W::Navigation),
        province = t(W::Province),
        upload = t(W::Upload),
        template = t(W::EntryWorkbook),
    )
}

/// A page that only says what went wrong.
pub fn error_page(message: &str, lang: Lang) -> String {
    page(
        W::Error.text(lang),
        lang,
        &format!(
            "<h1>{}</h1><p class=\"warn\">{}</p>",
            esc(W::CouldNotDoThat.text(lang)),
            esc(message)
        ),
    )
}

/// The province page's filters: forms and rounds present, and those chosen.
pub struct Filters {
    /// Forms of the workspace (repeats allowed).
    pub forms: Vec<String>,
    /// Rounds of the workspace (repeats allowed).
    pub rounds: Vec<String>,
    /// Chosen form.
    pub form: Option<String>,
    /// Chosen round.
    pub round: Option<String>,
}

fn verdict_word(passed: bool, lang: Lang) -> &'static str {
    crate::i18n::ReportText::verdict(passed).text(lang)
}

fn check_label(c: &crate::score::CheckResult, lang: Lang) -> String {
    c.check.name(lang).to_string()
}

fn select(
    name: &str,
    label: &str,
    values: &BTreeSet<&str>,
    chosen: Option<&str>,
    any: &str,
) -> String {
    let mut o = format!(
        "<div><label for=\"{name}\">{}</label><select id=\"{name}\" name=\"{name}\"><option value=\"\">{}</option>",
        esc(label),
        esc(any)
    );
    for v in values {
        let shown = if v.is_empty() { "—" } else { v };
        let _ = write!(
            o,
            "<option value=\"{}\"{}>{}</option>",
            esc(v),
            if Some(*v) == chosen { " selected" } else { "" },
            esc(shown)
        );
    }
    o.push_str("</select></div>");
    o
}

/// Communes as horizontal bars of their overall rate, against the overall threshold.
fn chart(all: &[CommuneScore], lang: Lang) -> String {
    if all.is_empty() {
        return String::new();
    }
    let mut rows: Vec<&CommuneScore> = all.iter().collect();
    rows.sort_by_key(|s| s.overall.rate);
    // The axis starts below the lowest rate so that differences of tenths stay visible.
    let lowest = rows
        .iter()
        .map(|s| s.overall.rate.pct())
        .fold(100.0, f64::min);
    let floor = ((lowest.min(rows[0].overall_threshold_pct().unwrap_or(100.0)) - 5.0) / 10.0)
        .floor()
        * 10.0;
    let floor = floor.clamp(0.0, 90.0);
    let (label_w, bar_w, row_h) = (190.0, 520.0, 22.0);
    // Room above the bars for the threshold's label, below them for the axis.
    let top = 20.0;
    let height = rows.len() as f64 * row_h + top + 24.0;
    let x = |pct: f64| label_w + (pct - floor).max(0.0) / (100.0 - floor) * bar_w;
    let mut o = format!(
        r#"<svg role="img" aria-labelledby="chart-title" viewBox="0 0 {w} {height}" width="100%" style="max-width:{w}px"><title id="chart-title">{title}</title>"#,
        w = label_w + bar_w + 70.0,
        title = esc(W::ChartTitle.text(lang)),
    );
    for (i, s) in rows.iter().enumerate() {
        let y = top + i as f64 * row_h;
        let colour = if s.verdict.passed {
            "#1b6e3a"
        } else {
            "#a4161a"
        };
        let _ = write!(
            o,
            r#"<text x="{lx}" y="{ty}" text-anchor="end" font-size="12">{name}</text><rect x="{label_w}" y="{y}" width="{w:.1}" height="{h}" fill="{colour}"><title>{name}: {rate}%</title></rect><text x="{vx:.1}" y="{ty}" font-size="12">{rate}</text>"#,
            lx = label_w - 6.0,
            ty = y + row_h * 0.65,
            name = esc(&s.commune),
            w = x(s.overall.rate.pct()) - label_w,
            h = row_h - 6.0,
            rate = esc(&s.overall.rate.to_string()),
            vx = x(s.overall.rate.pct()) + 4.0,
        );
    }
    if let Some(t) = rows[0].overall_threshold_pct() {
        let _ = write!(
            o,
            r##"<line x1="{tx:.1}" x2="{tx:.1}" y1="{y1}" y2="{y2}" stroke="#b8860b" stroke-width="2" stroke-dasharray="5 3"/><text x="{tx:.1}" y="13" font-size="12" text-anchor="middle">{label} {t}%</text>"##,
            tx = x(t),
            y1 = top - 4.0,
            y2 = height - 20.0,
            label = esc(W::Threshold.text(lang)),
        );
    }
    let _ = write!(
        o,
        r#"<text x="{label_w}" y="{ly}" font-size="11">{floor}%</text><text x="{end}" y="{ly}" font-size="11" text-anchor="end">100%</text></svg>"#,
        ly = height - 6.0,
        end = label_w + bar_w,
    );
    o
}

/// The province page: every commune, failing and closest first, with filters and the chart.
pub fn province(
    all: &[CommuneScore],
    pending: &[crate::app::score::WithoutSurvey],
    f: &Filters,
    lang: Lang,
) -> String {
    let t = |m: W| m.text(lang);
    let forms: BTreeSet<&str> = f.forms.iter().map(String::as_str).collect();
    let rounds: BTreeSet<&str> = f.rounds.iter().map(String::as_str).collect();
    let mut o = format!("<h1>{}</h1>", esc(t(W::ProvinceResults)));
    let _ = write!(
        o,
        "<form class=\"filters\" method=\"get\" action=\"/\">{}{}<div><button type=\"submit\">{}</button></div></form>",
        select(
            "form",
            t(W::Form),
            &forms,
            f.form.as_deref(),
            t(W::AllForms)
        ),
        select(
            "round",
            t(W::Round),
            &rounds,
            f.round.as_deref(),
            t(W::LatestRound)
        ),
        esc(t(W::Filter))
    );
    if all.is_empty() {
        let _ = write!(o, "<p class=\"warn\">{}</p>", esc(t(W::NoCommuneYet)));
        return page(t(W::Province), lang, &o);
    }
    let failing = all.iter().filter(|s| !s.verdict.passed).count();
    let _ = write!(
        o,
        "<p>{}</p>",
        esc(&W::CommunesFailing.say(lang, &[("communes", &all.len()), ("failing", &failing)]))
    );
    if all.iter().any(|s| s.verdict.relies_on_unverified) {
        let _ = write!(o, "<p class=\"warn\">{}</p>", esc(t(W::SomeUnverified)));
    }
    let _ = write!(
        o,
        "<div class=\"scroll\"><table><thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        esc(t(W::Commune)),
        esc(t(W::FormColumn)),
        esc(t(W::ParticipationPct)),
        esc(t(W::OverallPct)),
        esc(t(W::LowestItem)),
        esc(t(W::Verdict)),
        esc(t(W::TightestMargin)),
        esc(t(W::ReadyForRecognition)),
    );
    for s in all {
        let lowest = s
            .lowest_item()
            .map(|i| {
                W::LowestItemRate.say(
                    lang,
                    &[("number", &i.number), ("rate", &i.rate.to_string())],
                )
            })
            .unwrap_or_default();
        let tight = s
            .tightest_check()
            .map(|c| {
                format!(
                    "{} ({})",
                    render::margin_text(c, lang),
                    check_label(c, lang)
                )
            })
            .unwrap_or_default();
        let mut link = format!("/xa/{}", super::percent_encode(&s.commune));
        let q: Vec<String> = [
            ("form", Some(s.form.as_str())),
            ("round", f.round.as_deref()),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| format!("{k}={}", super::percent_encode(v))))
        .collect();
        if !q.is_empty() {
            link.push('?');
            link.push_str(&q.join("&"));
        }
        let _ = write!(
            o,
            "<tr><td><a href=\"{link}\">{}</a></td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"{}\">{}</td><td>{}</td>{}</tr>",
            esc(&s.commune),
            esc(&s.form),
            esc(&s.households.rate.to_string()),
            esc(&s.overall.rate.to_string()),
            esc(&lowest),
            if s.verdict.passed { "pass" } else { "fail" },
            esc(verdict_word(s.verdict.passed, lang)),
            esc(&tight),
            readiness_cell(s, lang),
        );
    }
    o.push_str("</tbody></table></div>");
    if !pending.is_empty() {
        let _ = write!(
            o,
            "<h2>{}</h2><div class=\"scroll\"><table id=\"without-survey\"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            esc(t(W::WithoutSurvey)),
            esc(t(W::Commune)),
            esc(t(W::Criteria)),
            esc(t(W::ReadyForRecognition)),
        );
        for w in pending {
            let (vi, en) = w.criteria.summary_line();
            let ready = crate::score::criteria::Readiness::short_in(w.readiness.as_ref(), lang);
            let _ = write!(
                o,
                "<tr><td><a href=\"/xa/{}\">{}</a></td><td>{}</td><td class=\"fail\">{}</td></tr>",
                super::percent_encode(&w.commune),
                esc(&w.commune),
                esc(&pick(lang, vi, en)),
                esc(&ready)
            );
        }
        o.push_str("</tbody></table></div>");
    }
    let _ = write!(
        o,
        "<h2>{}</h2>{}<p class=\"noprint\"><a href=\"/api/province/dossier.xlsx{}\">{}</a></p>",
        esc(t(W::Chart)),
        chart(all, lang),
        f.round
            .as_deref()
            .map(|r| format!("?round={}", super::percent_encode(r)))
            .unwrap_or_default(),
        esc(t(W::DownloadProvince))
    );
    page(t(W::Province), lang, &o)
}

/// The province table's readiness cell: ready, or what the commune still lacks.
fn readiness_cell(s: &CommuneScore, lang: Lang) -> String {
    match &s.readiness {
        Some(r) => {
            let (vi, en) = r.short_text();
            format!(
                "<td class=\"{}\">{}</td>",
                if r.ready { "pass" } else { "fail" },
                esc(&pick(lang, vi, en))
            )
        }
        None => "<td>—</td>".into(),
    }
}

/// The commune page's readiness: each condition of recognition.
fn readiness_section(readiness: Option<&crate::score::criteria::Readiness>, lang: Lang) -> String {
    let t = |m: W| m.text(lang);
    let mut o = String::new();
    if let Some(r) = readiness {
        let (vi, en) = r.short_text();
        let _ = write!(
            o,
            "<h2>{}</h2><p class=\"verdict {}\" id=\"readiness\">{}</p><div class=\"scroll\"><table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            esc(t(W::ReadinessTitle)),
            if r.ready { "ok" } else { "bad" },
            esc(&pick(lang, vi, en)),
            esc(t(W::Condition)),
            esc(t(W::Result)),
            esc(t(W::Found)),
            esc(t(W::Source)),
            esc(t(W::Verified)),
        );
        for c in &r.conditions {
            let _ = write!(
                o,
                "<tr><td>{}</td><td class=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&pick(lang, c.condition.as_str(), c.condition_en.as_str())),
                if c.met { "pass" } else { "fail" },
                esc(t(W::met(c.met))),
                esc(&pick(lang, c.detail.as_str(), c.detail_en.as_str())),
                esc(&c.source),
                esc(t(W::verified(c.verified))),
            );
        }
        o.push_str("</tbody></table></div>");
    }
    o
}

/// The commune page's criteria results, unmet indicators first.
fn criteria_section(
    criteria: Option<&crate::score::criteria::CriteriaReport>,
    lang: Lang,
) -> String {
    let t = |m: W| m.text(lang);
    let yes_no = |b: bool| W::met(b).text(lang);
    let mut o = String::new();
    let Some(c) = criteria else {
        let _ = write!(o, "<p class=\"warn\">{}</p>", esc(t(W::NoSelfAssessment)));
        return o;
    };
    let (vi, en) = c.summary_line();
    let _ = write!(
        o,
        "<h2>{} — {}</h2><p id=\"criteria-summary\"><strong>{}</strong> ({})</p><div class=\"scroll\"><table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        esc(t(W::CriteriaResults)),
        esc(&c.set_title),
        esc(&pick(lang, vi, en)),
        esc(c.region_or_group.as_deref().unwrap_or("")),
        esc(t(W::Code)),
        esc(t(W::Indicator)),
        esc(t(W::Target)),
        esc(t(W::Result)),
        esc(t(W::SelfAssessed)),
        esc(t(W::Assessed)),
        esc(t(W::Verified)),
    );
    // Unmet indicators first, as the dossier states them.
    let mut rows: Vec<_> = c.criteria.iter().flat_map(|cr| &cr.indicators).collect();
    rows.sort_by_key(|i| i.met);
    for i in rows {
        let mut verdict = yes_no(i.met).to_string();
        if i.agrees == Some(false) {
            verdict.push(' ');
            verdict.push_str(t(W::Contradicted));
        }
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td>{}</td></tr>",
            esc(&i.code),
            esc(&i.name),
            esc(&i.target),
            esc(i.result.as_deref().unwrap_or("—")),
            esc(i.self_assessed.map(yes_no).unwrap_or_default()),
            if i.met { "pass" } else { "fail" },
            esc(&verdict),
            esc(t(W::verified(i.verified))),
        );
    }
    o.push_str("</tbody></table></div>");
    o
}

/// The page of a commune that has assessed itself and is not surveyed yet: its readiness and
/// its criteria results.
pub fn commune_without_survey(w: &crate::app::score::WithoutSurvey, lang: Lang) -> String {
    let t = |m: W| m.text(lang);
    let mut o = format!(
        "<h1>{}</h1><p class=\"verdict bad\" id=\"verdict\">{}</p>",
        esc(&w.commune),
        esc(t(W::NoSurveyYet))
    );
    o.push_str(&readiness_section(w.readiness.as_ref(), lang));
    o.push_str(&criteria_section(Some(&w.criteria), lang));
    page(&w.commune, lang, &o)
}

/// The line naming the criteria set in force and whether it was checked against the
/// province's document.
fn set_in_force(set: &crate::app::criteria::SetInForce, lang: Lang) -> String {
    use crate::i18n::CriteriaText as C;
    let unverified = set.unverified.to_string();
    let line = match &set.document {
        Some(d) if set.unverified == 0 => {
            C::InForceChecked.fill(lang, &[("title", &set.title), ("document", d)])
        }
        Some(d) => C::InForcePartly.fill(
            lang,
            &[
                ("title", &set.title),
                ("document", d),
                ("unverified", &unverified),
            ],
        ),
        None => C::InForceDraft.fill(lang, &[("title", &set.title)]),
    };
    let class = if set.document.is_some() && set.unverified == 0 {
        "ok"
    } else {
        "warn"
    };
    format!(
        "<p class=\"{class}\" id=\"criteria-set\">{}</p>",
        esc(&line)
    )
}

/// The commune page: the verdict first, then every check, items, areas, reasons, comparison,
/// and the criteria set in force with the commune's criteria results.
pub fn commune(
    s: &CommuneScore,
    texts: &Texts,
    cmp: Option<&Comparison>,
    set: Option<&crate::app::criteria::SetInForce>,
    lang: Lang,
) -> String {
    let mut o = verdict_section(s, lang);
    o.push_str(&readiness_section(s.readiness.as_ref(), lang));
    o.push_str(&checks_table(s, lang));
    o.push_str(&items_table(s, lang));
    o.push_str(&areas_table(s, lang));
    o.push_str(&reasons_section(texts, lang));
    if let Some(c) = cmp {
        o.push_str(&comparison_table(c, lang));
    }
    o.push_str(&dossier_link(s, lang));
    if let Some(set) = set {
        o.push_str(&set_in_force(set, lang));
    }
    o.push_str(&criteria_section(s.criteria.as_ref(), lang));
    page(&s.commune, lang, &o)
}

/// The commune page's title, verdict, unverified warning and the facts the verdict rests on.
fn verdict_section(s: &CommuneScore, lang: Lang) -> String {
    let t = |m: W| m.text(lang);
    let mut o = format!("<h1>{} — {}</h1>", esc(&s.commune), esc(&s.form_title));
    let _ = write!(
        o,
        "<p class=\"verdict {}\" id=\"verdict\">{}: {} — {}</p>",
        if s.verdict.passed { "ok" } else { "bad" },
        esc(t(W::Verdict)),
        esc(verdict_word(s.verdict.passed, lang)),
        esc(&render::summary(s, lang))
    );
    if s.verdict.relies_on_unverified {
        let _ = write!(o, "<p class=\"warn\">{}</p>", esc(t(W::VerdictUnverified)));
    }
    let _ = write!(
        o,
        "<p>{}{}</p>",
        esc(&W::Facts.say(
            lang,
            &[
                ("surveyed", &s.households.surveyed),
                ("total", &s.households.total),
                ("rate", &s.households.rate.to_string()),
                ("returned", &s.forms.returned),
                ("rules", &s.rule_pack_title),
            ]
        )),
        if s.round.is_empty() {
            String::new()
        } else {
            esc(&W::FactsRound.fill(lang, &[("round", &s.round)]))
        }
    );
    o
}

/// The commune page's table of checks: value, threshold, result, margin and source of each.
fn checks_table(s: &CommuneScore, lang: Lang) -> String {
    let t = |m: W| m.text(lang);
    let mut o = String::new();
    let _ = write!(
        o,
        "<h2>{}</h2><div class=\"scroll\"><table><thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        esc(t(W::Checks)),
        esc(t(W::Check)),
        esc(t(W::ValuePct)),
        esc(t(W::ThresholdPct)),
        esc(t(W::Result)),
        esc(t(W::Margin)),
        esc(t(W::Source)),
        esc(t(W::Verified)),
    );
    for c in &s.verdict.checks {
        let _ = write!(
            o,
            "<tr><td>{}{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&check_label(c, lang)),
            c.subject
                .as_deref()
                .map(|x| format!(" ({})", esc(x)))
                .unwrap_or_default(),
            esc(&c.value.to_string()),
            esc(&c.threshold_display),
            if c.passed { "pass" } else { "fail" },
            esc(verdict_word(c.passed, lang)),
            esc(&render::margin_text(c, lang)),
            esc(&c.source),
            esc(t(W::verified(c.verified))),
        );
    }
    o.push_str("</tbody></table></div>");
    o
}

/// The commune page's table of items: the answers to each question and its rate.
fn items_table(s: &CommuneScore, lang: Lang) -> String {
    let t = |m: W| m.text(lang);
    let mut o = String::new();
    let _ = write!(
        o,
        "<h2>{}</h2><div class=\"scroll\"><table><thead><tr><th class=\"num\">{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">%</th></tr></thead><tbody>",
        esc(t(W::Items)),
        esc(t(W::Item)),
        esc(t(W::Statement)),
        esc(t(W::Satisfied)),
        esc(t(W::NotSatisfied)),
        esc(t(W::Blank)),
    );
    for i in &s.items {
        let _ = write!(
            o,
            "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            i.number,
            esc(&i.statement),
            i.satisfied,
            i.dissatisfied,
            i.blank,
            esc(&i.rate.to_string())
        );
    }
    o.push_str("</tbody></table></div>");
    o
}

/// The commune page's table of residential areas: households, participation, overall rate.
fn areas_table(s: &CommuneScore, lang: Lang) -> String {
    let t = |m: W| m.text(lang);
    let mut o = String::new();
    let _ = write!(
        o,
        "<h2>{}</h2><div class=\"scroll\"><table><thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
        esc(t(W::Areas)),
        esc(t(W::Area)),
        esc(t(W::Households)),
        esc(t(W::Surveyed)),
        esc(t(W::ParticipationPct)),
        esc(t(W::OverallPct)),
    );
    for a in &s.areas {
        let _ = write!(
            o,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&a.name),
            a.households_total,
            a.surveyed,
            esc(&a.rate.to_string()),
            esc(&a.overall_rate.to_string())
        );
    }
    o.push_str("</tbody></table></div>");
    o
}

/// The commune page's reasons for dissatisfaction by item, or a note that there are none.
fn reasons_section(texts: &Texts, lang: Lang) -> String {
    let t = |m: W| m.text(lang);
    let mut o = String::new();
    let _ = write!(o, "<h2>{}</h2>", esc(t(W::Reasons)));
    if texts.reasons.is_empty() {
        let _ = write!(o, "<p class=\"note\">{}</p>", esc(t(W::NoReason)));
        return o;
    }
    let _ = write!(
        o,
        "<div class=\"scroll\"><table><thead><tr><th class=\"num\">{}</th><th>{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
        esc(t(W::Item)),
        esc(t(W::Reason)),
        esc(t(W::FormsCount)),
    );
    for (item, reasons) in &texts.reasons {
        for r in reasons {
            let _ = write!(
                o,
                "<tr><td class=\"num\">{item}</td><td>{}</td><td class=\"num\">{}</td></tr>",
                esc(&r.text),
                r.count
            );
        }
    }
    o.push_str("</tbody></table></div>");
    o
}

/// The commune page's comparison with an earlier round: each rate then and now, and the change.
fn comparison_table(c: &Comparison, lang: Lang) -> String {
    let t = |m: W| m.text(lang);
    let mut o = String::new();
    let _ = write!(
        o,
        "<h2>{}</h2><div class=\"scroll\"><table><thead><tr><th class=\"num\">{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
        esc(&W::RoundsCompared.fill(lang, &[("base", &c.base_round), ("round", &c.round)])),
        esc(t(W::Item)),
        esc(t(W::Statement)),
        esc(&c.base_round),
        esc(&c.round),
        esc(t(W::Change)),
    );
    for ch in &c.changes {
        let label = if ch.number == 0 {
            crate::i18n::ReportText::Participation.text(lang)
        } else {
            &ch.label
        };
        let _ = write!(
            o,
            "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            ch.number,
            esc(label),
            esc(&ch.base.to_string()),
            esc(&ch.rate.to_string()),
            esc(&ch.signed())
        );
    }
    o.push_str("</tbody></table></div>");
    o
}

/// The link to download the commune's dossier, for the form and round shown.
fn dossier_link(s: &CommuneScore, lang: Lang) -> String {
    format!(
        "<p class=\"noprint\"><a href=\"/api/communes/{}/dossier.xlsx?form={}{}\">{}</a></p>",
        super::percent_encode(&s.commune),
        super::percent_encode(&s.form),
        if s.round.is_empty() {
            String::new()
        } else {
            format!("&round={}", super::percent_encode(&s.round))
        },
        esc(W::DownloadDossier.text(lang))
    )
}

/// The tools whose exports a mapping file reads (product names: not translated).
const MAPPING_TOOLS: &str = "KoboToolbox, ODK, Google Forms";

/// The upload page, with the report of the last upload when there is one.
pub fn upload(result: Option<&ImportSummary>, lang: Lang) -> String {
    let t = |m: W| m.text(lang);
    let mut o = format!("<h1>{}</h1>", esc(t(W::UploadForms)));
    if let Some(s) = result {
        o.push_str(&report(s, lang));
    }
    let _ = write!(
        o,
        r#"<form method="post" action="/nhap" enctype="multipart/form-data" data-upload>
<div class="drop"><label for="files">{choose}</label><input id="files" name="files" type="file" multiple accept=".xlsx,.xlsm,.xls,.xlsb,.ods,.csv,.txt"><p class="chosen note">{dragdrop}</p></div>
<label for="mapping">{mapping}</label><input id="mapping" name="mapping" type="file" accept=".toml">
<label for="round">{round}</label><input id="round" name="round" type="text" placeholder="2025-10">
<p><input id="check" name="check" type="checkbox" value="1"> <label for="check" style="display:inline">{check}</label></p>
<p><input id="accept_partial" name="accept_partial" type="checkbox" value="1"> <label for="accept_partial" style="display:inline">{partial}</label></p>
<progress hidden value="0" max="1"></progress>
<p><button type="submit">{submit}</button> <button type="submit" formaction="/api/import/errors.xlsx" formtarget="_blank">{errors}</button></p></form>
<p class="note">{help}</p>"#,
        choose = esc(t(W::ChooseFiles)),
        dragdrop = esc(t(W::DropHere)),
        mapping = esc(&W::MappingFile.fill(lang, &[("tools", MAPPING_TOOLS)])),
        round = esc(t(W::SurveyRound)),
        check = esc(t(W::CheckOnly)),
        partial = esc(t(W::AcceptPartial)),
        submit = esc(t(W::Submit)),
        errors = esc(t(W::DownloadProblems)),
        help = esc(t(W::UploadHelp)),
    );
    page(t(W::Upload), lang, &o)
}

fn report(s: &ImportSummary, lang: Lang) -> String {
    let t = |m: W| m.text(lang);
    let mut o = String::new();
    if s.interrupted {
        let _ = write!(o, "<p class=\"warn\">{}</p>", esc(t(W::Stopped)));
    }
    let _ = write!(
        o,
        "<div class=\"scroll\"><table id=\"report\"><thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th>{}</th></tr></thead><tbody>",
        esc(t(W::File)),
        esc(t(W::Commune)),
        esc(t(W::Read)),
        esc(t(W::Accepted)),
        esc(t(W::Rejected)),
        esc(t(W::Outcome)),
    );
    for f in &s.files {
        let accepted = f.accepted.to_string();
        let outcome = Label::outcome_for(f.outcome, &accepted, f.criteria_set.is_some(), lang);
        let commune = match (&f.commune, f.outcome.is_in_workspace()) {
            (Some(c), true) => format!(
                "<a href=\"/xa/{}\">{}</a>",
                super::percent_encode(c),
                esc(c)
            ),
            (c, _) => esc(c.as_deref().unwrap_or("?")),
        };
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(&f.file),
            commune,
            f.rows_read,
            f.accepted,
            f.rejected,
            esc(&outcome)
        );
        // What the reader decided, before the problems: in full where the officer must judge
        // it (a check, a file not stored because it looks misread), else one paragraph.
        if !f.reading.sheets.is_empty() && f.outcome != Outcome::Unchanged {
            let text = if matches!(f.outcome, Outcome::Checked | Outcome::Doubtful) {
                f.reading.text(lang)
            } else {
                f.reading.summary(lang)
            };
            let _ = write!(
                o,
                "<tr><td colspan=\"6\"><pre class=\"reading\">{}</pre></td></tr>",
                esc(&text)
            );
        }
        if !f.problems.is_empty() {
            o.push_str("<tr><td colspan=\"6\"><ul>");
            for p in f.problems.iter().take(200) {
                let class = match p.severity {
                    Severity::Warning => "note",
                    _ => "fail",
                };
                let _ = write!(
                    o,
                    "<li class=\"{class}\">[{}] {}</li>",
                    esc(p.severity.label().text(lang)),
                    esc(&p.render(lang))
                );
            }
            if f.problems.len() > 200 {
                let _ = write!(o, "<li>… +{}</li>", f.problems.len() - 200);
            }
            o.push_str("</ul></td></tr>");
        }
    }
    let _ = write!(
        o,
        "</tbody></table></div><p>{}</p>",
        esc(&W::UploadTotal.say(
            lang,
            &[
                ("read", &s.rows_read),
                ("accepted", &s.accepted),
                ("rejected", &s.rejected)
            ]
        ))
    );
    if s.files.iter().any(|f| !f.problems.is_empty()) {
        let _ = write!(o, "<p class=\"note\">{}</p>", esc(t(W::ProblemsWorkbook)));
    }
    o
}

/// The entry workbook form.
pub fn template_form(lang: Lang) -> String {
    let t = |m: W| m.text(lang);
    let area = |number: usize| esc(&W::AreaNumber.say(lang, &[("number", &number)]));
    let o = format!(
        r#"<h1>{title}</h1><form method="get" action="/api/template">
<label for="commune">{commune}</label><input id="commune" name="commune" required placeholder="Chiềng Mung">
<label for="form">{form}</label><select id="form" name="form"><option value="xa-ntm">xa-ntm</option><option value="xa-ntm-nang-cao">xa-ntm-nang-cao</option><option value="xa-ntm-kieu-mau">xa-ntm-kieu-mau</option><option value="xa-ntm-2026-2030">xa-ntm-2026-2030</option></select>
<fieldset><legend>{areas}</legend>
<input name="area" placeholder="Bản Nà Sản=120" aria-label="{area1}"><br><input name="area" placeholder="Bản Co Muông=95" aria-label="{area2}"><br>
<input name="area" aria-label="{area3}"><br><input name="area" aria-label="{area4}"><br><input name="area" aria-label="{area5}"><br><input name="area" aria-label="{area6}"></fieldset>
<p><button type="submit">{download}</button></p></form>"#,
        title = esc(t(W::EntryWorkbook)),
        commune = esc(t(W::Commune)),
        form = esc(t(W::Form)),
        areas = esc(t(W::AreasField)),
        area1 = area(1),
        area2 = area(2),
        area3 = area(3),
        area4 = area(4),
        area5 = area(5),
        area6 = area(6),
        download = esc(t(W::DownloadWorkbook)),
    );
    let o = format!(
        r#"{o}<h2>{title}</h2><form method="get" action="/api/template">
<label for="sa-commune">{commune}</label><input id="sa-commune" name="commune" required placeholder="Chiềng Mung">
<label for="criteria">{set}</label><select id="criteria" name="criteria"><option value="xa-ntm-2021-2025">xa-ntm-2021-2025</option><option value="xa-ntm-nang-cao-2021-2025">xa-ntm-nang-cao-2021-2025</option><option value="xa-ntm-kieu-mau-2021-2025">xa-ntm-kieu-mau-2021-2025</option><option value="xa-ntm-2026-2030">xa-ntm-2026-2030</option></select>
<label for="group">{group}</label><select id="group" name="group"><option value="">—</option><option value="1">1</option><option value="2">2</option><option value="3">3</option></select>
<p><button type="submit">{download}</button></p></form>"#,
        title = esc(t(W::SelfAssessmentWorkbook)),
        commune = esc(t(W::Commune)),
        set = esc(t(W::CriteriaSet)),
        group = esc(t(W::CommuneGroup)),
        download = esc(t(W::DownloadSelfAssessment)),
    );
    page(t(W::EntryWorkbook), lang, &o)
}
