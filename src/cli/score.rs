//! `hailong score`: the figures and verdict of one commune, every commune (`--all`), or the
//! change between two survey rounds (`--compare`).

use super::{emit, fail, library};
use crate::i18n::{Lang, pick};
use crate::num::Ratio;
use crate::rules::Library;
use crate::rules::gazetteer::Gazetteer;
use crate::score::{CommuneScore, render, score, tally};
use crate::store::Workspace;
use crate::text::{closest, fold_place};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::Path;

/// Arguments of `score`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Xã, đợt, quy tắc.
    #[command(flatten)]
    pub sel: super::Selection,
    /// Chỉ các xã không đạt (với --all).
    #[arg(long, requires = "all")]
    pub failing: bool,
    /// So sánh với một đợt trước (mặc định: đợt liền trước).
    #[arg(long, num_args = 0..=1, default_missing_value = "", conflicts_with = "all")]
    pub compare: Option<String>,
    /// In kết quả dạng JSON.
    #[arg(long)]
    pub json: bool,
}

/// The rule library for a workspace: `--rules`, else the workspace's `hailong.toml`, else the
/// shipped default.
pub fn library_for(data: &Path, rules: Option<&Path>, lang: Lang) -> anyhow::Result<Library> {
    let config = crate::store::config::Config::load(data).map_err(|e| anyhow::anyhow!(e))?;
    match rules.map(Path::to_path_buf).or(config.rules) {
        Some(p) => Library::with_extra(&p).map_err(|e| fail(e, lang)),
        None => library(lang),
    }
}

/// Finds the workspace's commune that `wanted` names: exact folded match, else through the
/// gazetteer's old names; otherwise an error listing candidates.
pub fn find_commune(ws: &Workspace, wanted: &str, lang: Lang) -> anyhow::Result<String> {
    let names: BTreeSet<&str> = ws
        .manifest()
        .sources
        .iter()
        .map(|s| s.commune.as_str())
        .collect();
    if names.is_empty() {
        anyhow::bail!(pick(
            lang,
            format!(
                "Thư mục dữ liệu {} chưa có xã nào. Hãy chạy `hailong import` trước.",
                ws.dir().display()
            ),
            format!(
                "The workspace {} holds no commune yet. Run `hailong import` first.",
                ws.dir().display()
            )
        ));
    }
    let key = fold_place(wanted);
    let hits: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| fold_place(n) == key)
        .collect();
    if hits.len() == 1 {
        return Ok(hits[0].to_string());
    }
    if hits.is_empty()
        && let Ok(r) = Gazetteer::son_la().resolve(wanted)
        && names.contains(r.unit.name.as_str())
    {
        return Ok(r.unit.name.clone());
    }
    // Partial matches ("mung") are offered, never taken.
    let partial: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| fold_place(n).contains(&key))
        .collect();
    let candidates: Vec<&str> = if partial.is_empty() {
        closest(wanted, names.iter().copied(), 5)
    } else {
        partial
    };
    anyhow::bail!(pick(
        lang,
        format!(
            "Không xác định được xã \"{wanted}\" trong dữ liệu. Các xã gần đúng: {}",
            candidates.join("; ")
        ),
        format!(
            "Cannot tell which commune \"{wanted}\" is. Closest in the workspace: {}",
            candidates.join("; ")
        )
    ))
}

/// The form a commune is scored under: `--form`, or its only form.
fn form_of(
    ws: &Workspace,
    commune: &str,
    form: Option<&str>,
    lang: Lang,
) -> anyhow::Result<String> {
    let forms: BTreeSet<&str> = ws
        .manifest()
        .sources
        .iter()
        .filter(|s| s.commune == commune)
        .map(|s| s.form.as_str())
        .collect();
    let list = forms.iter().copied().collect::<Vec<_>>().join(", ");
    match form {
        Some(f) if forms.contains(f) => Ok(f.to_string()),
        Some(f) => anyhow::bail!(pick(
            lang,
            format!("{commune} không có phiếu mẫu \"{f}\". Các mẫu đã nhập: {list}"),
            format!("{commune} has no forms of type \"{f}\". Imported: {list}")
        )),
        None if forms.len() == 1 => Ok(forms.iter().next().expect("one").to_string()),
        None => anyhow::bail!(pick(
            lang,
            format!("{commune} có nhiều mẫu phiếu ({list}): chọn một bằng --form"),
            format!("{commune} has several forms ({list}): choose one with --form")
        )),
    }
}

/// Scores one commune of the workspace (in the round the workspace is set to read).
pub fn score_commune(
    ws: &Workspace,
    lib: &Library,
    commune: &str,
    form: Option<&str>,
    lang: Lang,
) -> anyhow::Result<CommuneScore> {
    let form_id = form_of(ws, commune, form, lang)?;
    score_form(ws, lib, commune, &form_id, lang)
}

fn score_form(
    ws: &Workspace,
    lib: &Library,
    commune: &str,
    form_id: &str,
    lang: Lang,
) -> anyhow::Result<CommuneScore> {
    let form = lib
        .form(form_id)
        .ok_or_else(|| anyhow::anyhow!("form {form_id}"))?;
    let rules = lib
        .rules_for(lib.default_pack(), form_id)
        .map_err(|e| fail(e, lang))?;
    let areas = tally(ws, commune, form, &rules).map_err(|e| fail(e, lang))?;
    let sources = ws
        .sources_of(commune, form_id)
        .iter()
        .map(|s| format!("{} (SHA-256 {})", s.file_name, s.sha256))
        .collect();
    let mut s = score(commune, form, &rules, &areas, sources);
    s.round = ws
        .sources_of(commune, form_id)
        .first()
        .map(|x| x.round.clone())
        .unwrap_or_default();
    Ok(s)
}

/// Every commune (and form) of the workspace, scored in parallel, failing and closest first.
pub fn score_all(
    ws: &Workspace,
    lib: &Library,
    form: Option<&str>,
    lang: Lang,
) -> anyhow::Result<Vec<CommuneScore>> {
    let pairs: BTreeSet<(&str, &str)> = ws
        .manifest()
        .sources
        .iter()
        .filter(|s| form.is_none_or(|f| s.form == f))
        .filter(|s| ws.round().is_none_or(|r| s.round == r))
        .map(|s| (s.commune.as_str(), s.form.as_str()))
        .collect();
    let pairs: Vec<(&str, &str)> = pairs.into_iter().collect();
    let mut all: Vec<CommuneScore> = pairs
        .par_iter()
        .map(|(c, f)| score_form(ws, lib, c, f, lang))
        .collect::<anyhow::Result<Vec<_>>>()?;
    all.sort_by_key(|s| (s.verdict.passed, tightest(s), s.commune.clone()));
    Ok(all)
}

/// The smallest margin among a score's checks (households short are negative).
pub fn tightest(s: &CommuneScore) -> i64 {
    s.verdict
        .checks
        .iter()
        .map(|c| c.margin_households)
        .min()
        .unwrap_or(0)
}

/// The change of one figure between two rounds.
#[derive(Debug, Serialize)]
pub struct Change {
    /// Item number (0 for participation).
    pub number: u32,
    /// What it is.
    pub label: String,
    /// Rate in the base round, percent.
    pub base_pct: f64,
    /// Rate in the compared round, percent.
    pub rate_pct: f64,
    /// Base rate, display.
    pub base_display: String,
    /// Compared rate, display.
    pub rate_display: String,
    /// Change in percentage points.
    pub change_pct: f64,
    /// Change, display ("+1,25", "−0,40").
    pub change_display: String,
}

/// `score --compare`: per item, the change from the base round.
#[derive(Debug, Serialize)]
pub struct Comparison {
    /// Commune.
    pub commune: String,
    /// Form.
    pub form: String,
    /// Base round.
    pub base_round: String,
    /// Compared round.
    pub round: String,
    /// Participation, then every item.
    pub changes: Vec<Change>,
}

fn change(number: u32, label: String, base: Ratio, now: Ratio) -> Change {
    let (up, d) = now.signed_diff(base);
    let sign = if d == Ratio::zero() {
        "±"
    } else if up {
        "+"
    } else {
        "−"
    };
    Change {
        number,
        label,
        base_pct: base.to_f64(),
        rate_pct: now.to_f64(),
        base_display: base.display(2),
        rate_display: now.display(2),
        change_pct: if up { d.to_f64() } else { -d.to_f64() },
        change_display: format!("{sign}{}", d.display(2)),
    }
}

fn compare(
    ws: &mut Workspace,
    lib: &Library,
    commune: &str,
    form: Option<&str>,
    round: Option<&str>,
    base: &str,
    lang: Lang,
) -> anyhow::Result<Comparison> {
    let form_id = form_of(ws, commune, form, lang)?;
    let rounds = ws.rounds(commune, &form_id);
    let now_round = round
        .map(str::to_string)
        .unwrap_or_else(|| rounds.last().cloned().unwrap_or_default());
    let base_round = if base.is_empty() {
        let pos = rounds.iter().position(|r| *r == now_round).unwrap_or(0);
        match pos.checked_sub(1) {
            Some(p) => rounds[p].clone(),
            None => anyhow::bail!(pick(
                lang,
                format!("{commune} chỉ có một đợt khảo sát; nhập đợt khác với --round"),
                format!("{commune} has a single survey round; import another with --round")
            )),
        }
    } else {
        base.to_string()
    };
    for r in [&now_round, &base_round] {
        if !rounds.contains(r) {
            anyhow::bail!(pick(
                lang,
                format!(
                    "{commune} không có đợt \"{r}\". Các đợt: {}",
                    rounds.join(", ")
                ),
                format!(
                    "{commune} has no round \"{r}\". Rounds: {}",
                    rounds.join(", ")
                )
            ));
        }
    }
    ws.set_round(Some(base_round.clone()));
    let b = score_form(ws, lib, commune, &form_id, lang)?;
    ws.set_round(Some(now_round.clone()));
    let n = score_form(ws, lib, commune, &form_id, lang)?;
    ws.set_round(None);
    let mut changes = vec![change(
        0,
        pick(lang, "Tỷ lệ hộ tham gia", "Participation"),
        b.participation,
        n.participation,
    )];
    for (x, y) in b.items.iter().zip(&n.items) {
        changes.push(change(y.number, y.statement.clone(), x.rate, y.rate));
    }
    Ok(Comparison {
        commune: commune.into(),
        form: form_id,
        base_round,
        round: now_round,
        changes,
    })
}

fn print_all(all: &[CommuneScore], lang: Lang) -> anyhow::Result<()> {
    let t = |vi: &str, en: &str| pick(lang, vi, en);
    emit(&format!(
        "{:<24} {:<16} {:>9} {:>10} {:>18} {:<10} {}\n",
        t("Xã", "Commune"),
        t("Mẫu", "Form"),
        t("Tham gia%", "Particip%"),
        t("HL chung%", "Overall%"),
        t("Câu thấp nhất", "Lowest item"),
        t("Kết luận", "Verdict"),
        t("Biên (điều kiện sát nhất)", "Margin (tightest check)")
    ))?;
    for s in all {
        let lowest = s
            .items
            .iter()
            .filter(|i| !i.criterion.is_empty())
            .min_by(|a, b| a.rate.cmp(&b.rate));
        let lowest = lowest
            .map(|i| {
                format!(
                    "{} {}: {}%",
                    pick(lang, "Câu", "Item"),
                    i.number,
                    i.rate_display
                )
            })
            .unwrap_or_default();
        let tight = s.verdict.checks.iter().min_by_key(|c| c.margin_households);
        emit(&format!(
            "{:<24} {:<16} {:>9} {:>10} {:>18} {:<10} {}\n",
            s.commune,
            s.form,
            s.households.rate_display,
            s.overall.rate_display,
            lowest,
            if s.verdict.passed {
                t("ĐẠT", "PASSED")
            } else {
                t("KHÔNG ĐẠT", "FAILED")
            },
            tight
                .map(|c| format!(
                    "{} ({})",
                    render::margin_text(c, lang),
                    if lang == Lang::En {
                        c.check.label().1
                    } else {
                        c.check.label().0
                    }
                ))
                .unwrap_or_default()
        ))?;
    }
    Ok(())
}

/// Refuses a `--round` the workspace does not have (for `commune`, or for any commune),
/// listing the rounds it has: a verdict on zero households must never be printed.
pub fn check_round(
    ws: &Workspace,
    commune: Option<&str>,
    round: Option<&str>,
    lang: Lang,
) -> anyhow::Result<()> {
    let Some(round) = round else {
        return Ok(());
    };
    let rounds: BTreeSet<&str> = ws
        .manifest()
        .sources
        .iter()
        .filter(|s| commune.is_none_or(|c| s.commune == c))
        .map(|s| s.round.as_str())
        .collect();
    if rounds.contains(round) {
        return Ok(());
    }
    let shown = |r: &&str| {
        if r.is_empty() {
            pick(lang, "(không đặt tên)", "(unnamed)")
        } else {
            format!("\"{r}\"")
        }
    };
    let list = rounds.iter().map(shown).collect::<Vec<_>>().join(", ");
    let whose = commune
        .map(str::to_string)
        .unwrap_or_else(|| pick(lang, "Thư mục dữ liệu", "The workspace"));
    anyhow::bail!(pick(
        lang,
        format!("{whose} không có đợt khảo sát \"{round}\". Các đợt đã nhập: {list}"),
        format!("{whose} has no survey round \"{round}\". Rounds imported: {list}")
    ))
}

/// Runs `score`.
pub fn run(a: Args, data: &Path, lang: Lang) -> anyhow::Result<u8> {
    let lib = library_for(data, a.sel.rules.as_deref(), lang)?;
    let mut ws = Workspace::open_existing(data).map_err(|e| fail(e, lang))?;
    if a.sel.all {
        check_round(&ws, None, a.sel.round.as_deref(), lang)?;
        if a.sel.round.is_some() {
            ws.set_round(a.sel.round.clone());
        }
        let mut all = score_all(&ws, &lib, a.sel.form.as_deref(), lang)?;
        if a.failing {
            all.retain(|s| !s.verdict.passed);
        }
        if a.json {
            emit(&format!(
                "{}\n",
                serde_json::to_string_pretty(&serde_json::json!({ "communes": all }))?
            ))?;
        } else {
            print_all(&all, lang)?;
        }
        return Ok(0);
    }
    let commune = find_commune(&ws, a.sel.commune.as_deref().unwrap_or_default(), lang)?;
    check_round(&ws, Some(&commune), a.sel.round.as_deref(), lang)?;
    if let Some(base) = &a.compare {
        let c = compare(
            &mut ws,
            &lib,
            &commune,
            a.sel.form.as_deref(),
            a.sel.round.as_deref(),
            base,
            lang,
        )?;
        if a.json {
            emit(&format!("{}\n", serde_json::to_string_pretty(&c)?))?;
        } else {
            emit(&format!(
                "{} — {} {} → {}\n",
                c.commune,
                pick(lang, "so sánh đợt", "rounds"),
                c.base_round,
                c.round
            ))?;
            for ch in &c.changes {
                let label: String = ch.label.chars().take(60).collect();
                emit(&format!(
                    "{:>4} {:<60} {:>8} → {:>8} {:>9}\n",
                    ch.number, label, ch.base_display, ch.rate_display, ch.change_display
                ))?;
            }
        }
        return Ok(0);
    }
    if a.sel.round.is_some() {
        ws.set_round(a.sel.round.clone());
    }
    let s = score_commune(&ws, &lib, &commune, a.sel.form.as_deref(), lang)?;
    if a.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&s)?))?;
    } else {
        emit(&render::text(&s, lang))?;
    }
    Ok(0)
}
