//! `hailong index`: a survey pack's indices per unit, as text or JSON; and the pack paths of
//! `template` and `import`, which only parse and print here.

use super::{emit, fail};
use crate::app::pack::{
    ImportRequest, IndexRequest, PackChoice, PackImportSummary, PackOutcome, UnitReport,
};
use crate::i18n::{Lang, Localized, PackText as T};
use crate::rules::survey::{PackUnit, SurveyPack};
use crate::score::estimate::{IndexEstimate, Weighting};
use crate::score::index::{Absence, IndexFigure};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// Arguments of `index`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Bộ khảo sát có sẵn (surveys/packs) / a shipped survey pack.
    #[arg(
        long,
        required_unless_present = "pack_file",
        conflicts_with = "pack_file"
    )]
    pub pack: Option<String>,
    /// Tệp bộ khảo sát của tỉnh / a survey pack file.
    #[arg(long)]
    pub pack_file: Option<PathBuf>,
    /// Tên xã (không cần dấu).
    #[arg(long, required_unless_present = "all", conflicts_with = "all")]
    pub commune: Option<String>,
    /// Mọi xã có câu trả lời.
    #[arg(long)]
    pub all: bool,
    /// Đợt khảo sát (mặc định: đợt mới nhất của mỗi xã) / the survey round.
    #[arg(long)]
    pub round: Option<String>,
    /// In kết quả dạng JSON.
    #[arg(long)]
    pub json: bool,
    /// Ghi bảng chỉ số (Excel) / write the report workbook.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Dân số của một xã, dạng TÊN=SỐ (lặp lại được) / a unit's population, NAME=N.
    #[arg(long, value_name = "TÊN=SỐ")]
    pub population: Vec<String>,
}

/// `--population NAME=N` values, or the one that does not read.
fn populations(values: &[String]) -> Result<Vec<(String, u64)>, String> {
    values
        .iter()
        .map(|v| {
            v.rsplit_once('=')
                .and_then(|(name, n)| {
                    let name = name.trim();
                    let n = n.trim().replace('.', "").parse::<u64>().ok()?;
                    (!name.is_empty() && n > 0).then(|| (name.to_string(), n))
                })
                .ok_or_else(|| v.clone())
        })
        .collect()
}

/// The pack named by `--pack` or `--pack-file`.
pub fn choice<'a>(pack: &'a Option<String>, file: &'a Option<PathBuf>) -> Option<PackChoice<'a>> {
    match (pack, file) {
        (_, Some(f)) => Some(PackChoice::File(f)),
        (Some(id), None) => Some(PackChoice::Id(id)),
        (None, None) => None,
    }
}

/// Runs `index`.
pub fn run(a: Args, data: &Path, lang: Lang) -> anyhow::Result<u8> {
    let Some(pack) = choice(&a.pack, &a.pack_file) else {
        return Ok(2);
    };
    let population = match populations(&a.population) {
        Ok(p) => p,
        Err(value) => {
            return Err(anyhow::anyhow!(
                T::BadPopulation.fill(lang, &[("value", &value)])
            ));
        }
    };
    let req = IndexRequest {
        data,
        pack,
        commune: if a.all { None } else { a.commune.as_deref() },
        round: a.round.as_deref(),
        population: &population,
    };
    let (pack, units) = match &a.out {
        Some(out) => {
            let built = crate::app::pack::report(&req).map_err(|e| fail(e, lang))?;
            crate::app::output::save(out, &built.bytes).map_err(|e| fail(e, lang))?;
            if !a.json {
                emit(&format!(
                    "{}\n",
                    T::WroteReport.say(
                        lang,
                        &[
                            ("path", &out.display()),
                            ("pack", &built.of.0.id),
                            ("units", &built.of.1.len()),
                        ],
                    )
                ))?;
                return Ok(0);
            }
            built.of
        }
        None => crate::app::pack::index(&req).map_err(|e| fail(e, lang))?,
    };
    if a.json {
        let units: Vec<Value> = units.iter().map(|u| unit_json(&pack, u, lang)).collect();
        // One object for one commune's own unit; the list when several units may answer.
        let out = if a.all || pack.unit == PackUnit::Thon {
            json!({"pack": pack.id, "verified": !pack.relies_on_unverified(), "units": units})
        } else {
            units.into_iter().next().unwrap_or(Value::Null)
        };
        emit(&format!("{}\n", serde_json::to_string_pretty(&out)?))?;
        return Ok(0);
    }
    let mut out = String::new();
    if pack.relies_on_unverified() {
        out.push_str(T::Unverified.text(lang));
        out.push('\n');
    }
    for u in &units {
        out.push('\n');
        out.push_str(&unit_text(&pack, u, lang));
    }
    emit(&out)?;
    Ok(0)
}

fn reason(why: &Absence, lang: Lang) -> String {
    why.message(lang)
}

/// `k × factor × numerator / denominator` as the reviewer recomputes it.
fn formula(f: &IndexFigure) -> String {
    let k = IndexFigure::scale(f.method);
    let mut parts = Vec::new();
    if k != 1 {
        parts.push(k.to_string());
    }
    if let Some(fac) = f.factor {
        parts.push(
            fac.display(4)
                .trim_end_matches('0')
                .trim_end_matches(',')
                .to_string(),
        );
    }
    parts.push(format!("{}/{}", f.numerator, f.denominator));
    parts.join(" × ")
}

/// Beyond the official arithmetic, for JSON: the index's 95 % interval on its own scale, how it
/// was computed, and its weighted estimate.
fn beyond(e: Option<&IndexEstimate>, decimals: u32) -> (Value, Value, Value, Value) {
    let iv = e.and_then(|e| e.interval);
    (
        iv.map_or(Value::Null, |i| json!([i.low, i.high])),
        iv.map_or(Value::Null, |i| json!(i.kind.key())),
        iv.map_or(Value::Null, |i| json!(i.fpc)),
        e.and_then(|e| e.weighted).map_or(
            Value::Null,
            |w| json!({"value": w.to_f64(), "display": w.display(decimals)}),
        ),
    )
}

fn weighting_json(w: Weighting) -> Value {
    match w {
        Weighting::None => Value::Null,
        Weighting::Used => json!({"used": true, "without_weight": 0}),
        Weighting::Unusable { without } => json!({"used": false, "without_weight": without}),
    }
}

fn unit_json(pack: &SurveyPack, u: &UnitReport, lang: Lang) -> Value {
    let r = &u.indices;
    json!({
        "unit": u.unit,
        "commune": u.commune,
        "round": u.round,
        "pack": pack.id,
        "respondents": r.respondents,
        "min_respondents": pack.min_respondents,
        "population": u.estimates.population,
        "weighting": weighting_json(u.estimates.weighting),
        "indices": r.indices.iter().map(|f| {
            let e = u.estimates.indices.iter().find(|e| e.id == f.id);
            let (interval, kind, fpc, weighted) = beyond(e, pack.decimals);
            json!({
                "id": f.id,
                "method": f.method.key(),
                "value": f.value.to_f64(),
                "numerator": f.numerator,
                "denominator": f.denominator,
                "factor": f.factor.map(|x| x.to_f64()),
                "display": f.value.display(pack.decimals),
                // Beyond the official arithmetic (docs/json.md): the 95 % interval on the
                // index's scale, its method, whether corrected for a finite population, and
                // the weighted estimate.
                "interval95": interval,
                "interval_method": kind,
                "fpc": fpc,
                "weighted": weighted,
            })
        }).collect::<Vec<_>>(),
        "absent": r.absent.iter().map(|a| json!({
            "id": a.id,
            "method": a.method.key(),
            "reason": reason(&a.why, lang),
        })).collect::<Vec<_>>(),
        "items": r.items.iter().map(|i| json!({
            "id": i.id,
            "answers": i.answers,
            "blank": i.blank,
            "counts": i.counts.iter().map(|(c, n)| (c.to_string(), json!(n))).collect::<serde_json::Map<_, _>>(),
        })).collect::<Vec<_>>(),
    })
}

fn unit_text(pack: &SurveyPack, u: &UnitReport, lang: Lang) -> String {
    let r = &u.indices;
    // A residential area is named with its commune, a round when there is one.
    let mut unit = match &u.commune {
        Some(c) => format!("{}, {c}", u.unit),
        None => u.unit.clone(),
    };
    if !u.round.is_empty() {
        unit.push_str(&format!(" [{}]", u.round));
    }
    let mut lines = vec![T::UnitHeading.say(
        lang,
        &[
            ("unit", &unit),
            ("title", &pack.title),
            ("pack", &pack.id),
            ("respondents", &r.respondents),
        ],
    )];
    if let Some(n) = u.estimates.population {
        lines.push(T::PopulationLine.fill(lang, &[("population", &crate::num::count(n))]));
    }
    match u.estimates.weighting {
        Weighting::None => {}
        Weighting::Used => lines.push(T::WeightsUsed.text(lang).to_string()),
        Weighting::Unusable { without } => {
            lines.push(T::WeightsUnusable.say(lang, &[("count", &without)]))
        }
    }
    lines.push(T::IndicesHeading.text(lang).to_string());
    // In the pack's order, with and without a value.
    for def in &pack.indices {
        if let Some(f) = r.indices.iter().find(|f| f.id == def.id) {
            lines.push(T::IndexLine.fill(
                lang,
                &[
                    ("id", &f.id),
                    ("method", f.method.key()),
                    ("display", &f.value.display(pack.decimals)),
                    ("formula", &formula(f)),
                ],
            ));
            if let Some(line) = beyond_text(u, &f.id, pack.decimals, lang) {
                lines.push(line);
            }
        } else if let Some(a) = r.absent.iter().find(|a| a.id == def.id) {
            lines.push(T::AbsentLine.fill(
                lang,
                &[
                    ("id", &a.id),
                    ("method", a.method.key()),
                    ("reason", &reason(&a.why, lang)),
                ],
            ));
        }
    }
    lines.push(T::ItemsHeading.text(lang).to_string());
    for i in &r.items {
        let counts: Vec<String> = i.counts.iter().map(|(c, n)| format!("{c}: {n}")).collect();
        lines.push(T::ItemLine.say(
            lang,
            &[
                ("id", &i.id),
                ("answers", &i.answers),
                ("blank", &i.blank),
                ("counts", &counts.join(", ")),
            ],
        ));
    }
    lines.join("\n") + "\n"
}

/// The line under an index with its interval and weighted estimate, beyond the official
/// arithmetic.
fn beyond_text(u: &UnitReport, id: &str, decimals: u32, lang: Lang) -> Option<String> {
    let e = u.estimates.indices.iter().find(|e| e.id == id)?;
    let shown = |x: f64| crate::num::approx(x, decimals);
    let mut parts = Vec::new();
    if let Some(i) = e.interval {
        parts.push(T::IntervalPart.fill(lang, &[("low", &shown(i.low)), ("high", &shown(i.high))]));
    }
    if let Some(w) = e.weighted {
        parts.push(T::WeightedPart.fill(lang, &[("value", &w.display(decimals))]));
    }
    (!parts.is_empty()).then(|| T::BeyondLine.fill(lang, &[("parts", &parts.join("; "))]))
}

/// Prints an import of pack workbooks (`import --pack`, `check --pack`).
pub fn print_import(s: &PackImportSummary, json: bool, lang: Lang) -> anyhow::Result<()> {
    if json {
        let files: Vec<Value> = s
            .files
            .iter()
            .map(|f| {
                json!({
                    "file": f.file,
                    "commune": f.commune,
                    "respondents": f.respondents,
                    "outcome": f.outcome,
                    "problems": f.problems.iter().map(|p| json!({
                        "cell": p.cell,
                        "value": p.value,
                        "message": p.message(lang),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let out =
            json!({"pack": s.pack, "round": s.round, "files": files, "exit_code": s.exit_code});
        return emit(&format!("{}\n", serde_json::to_string_pretty(&out)?));
    }
    let mut out = String::new();
    for f in &s.files {
        let outcome = match f.outcome {
            PackOutcome::Stored => T::OutcomeStored.text(lang).to_string(),
            PackOutcome::Replaced => T::OutcomeReplaced.text(lang).to_string(),
            PackOutcome::Unchanged => T::OutcomeUnchanged.text(lang).to_string(),
            PackOutcome::Checked => T::OutcomeChecked.text(lang).to_string(),
            PackOutcome::Refused => T::OutcomeRefused.say(lang, &[("count", &f.problems.len())]),
        };
        let unit = f
            .commune
            .clone()
            .unwrap_or_else(|| T::NoUnit.text(lang).to_string());
        out.push_str(&T::FileLine.say(
            lang,
            &[
                ("file", &f.file),
                ("commune", &unit),
                ("pack", &s.pack),
                ("respondents", &f.respondents),
                ("outcome", &outcome),
            ],
        ));
        out.push('\n');
        for p in &f.problems {
            out.push_str(&format!("  {}\n", p.message(lang)));
        }
    }
    emit(&out)
}

/// `import --pack` / `check --pack`: the files and options of `a` answer `pack`.
pub fn run_import(
    a: &super::import::Args,
    pack: PackChoice,
    store: bool,
    data: &Path,
    lang: Lang,
) -> anyhow::Result<u8> {
    let on_wait = || super::present::wait_notice(data, lang);
    let s = crate::app::pack::import(&ImportRequest {
        data,
        pack,
        files: &a.files,
        commune: a.commune.as_deref(),
        mapping: a.mapping.as_deref(),
        round: &a.round,
        store,
        no_wait: a.no_wait,
        on_wait: &on_wait,
    })
    .map_err(|e| fail(e, lang))?;
    print_import(&s, a.json, lang)?;
    Ok(s.exit_code)
}
