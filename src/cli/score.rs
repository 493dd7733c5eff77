//! `hailong score`: the figures and verdict of one commune from the workspace.

use super::{fail, library};
use crate::i18n::{Lang, pick};
use crate::rules::Library;
use crate::rules::gazetteer::Gazetteer;
use crate::score::{CommuneScore, render, score, tally};
use crate::store::Workspace;
use crate::text::{closest, fold_place};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Arguments of `score`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Tên xã (không cần dấu, không phân biệt hoa thường: "chieng mung").
    #[arg(long)]
    pub commune: String,
    /// Mẫu phiếu, khi xã có nhiều mẫu.
    #[arg(long)]
    pub form: Option<String>,
    /// Tệp quy tắc riêng của tỉnh (mở rộng bộ quy tắc mặc định).
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// In kết quả dạng JSON.
    #[arg(long)]
    pub json: bool,
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

/// Scores one commune of the workspace.
pub fn score_commune(
    ws: &Workspace,
    lib: &Library,
    commune: &str,
    form: Option<&str>,
    lang: Lang,
) -> anyhow::Result<CommuneScore> {
    let forms: BTreeSet<&str> = ws
        .manifest()
        .sources
        .iter()
        .filter(|s| s.commune == commune)
        .map(|s| s.form.as_str())
        .collect();
    let form_id = match form {
        Some(f) if forms.contains(f) => f.to_string(),
        Some(f) => anyhow::bail!(pick(
            lang,
            format!(
                "{commune} không có phiếu mẫu \"{f}\". Các mẫu đã nhập: {}",
                forms.iter().copied().collect::<Vec<_>>().join(", ")
            ),
            format!(
                "{commune} has no forms of type \"{f}\". Imported: {}",
                forms.iter().copied().collect::<Vec<_>>().join(", ")
            )
        )),
        None if forms.len() == 1 => forms.iter().next().expect("one").to_string(),
        None => anyhow::bail!(pick(
            lang,
            format!(
                "{commune} có nhiều mẫu phiếu ({}): chọn một bằng --form",
                forms.iter().copied().collect::<Vec<_>>().join(", ")
            ),
            format!(
                "{commune} has several forms ({}): choose one with --form",
                forms.iter().copied().collect::<Vec<_>>().join(", ")
            )
        )),
    };
    let form = lib
        .form(&form_id)
        .ok_or_else(|| anyhow::anyhow!("form {form_id}"))?;
    let rules = lib
        .rules_for(lib.default_pack(), &form_id)
        .map_err(|e| fail(e, lang))?;
    let areas = tally(ws, commune, form, &rules).map_err(|e| fail(e, lang))?;
    let sources = ws
        .sources_of(commune, &form_id)
        .iter()
        .map(|s| format!("{} (SHA-256 {})", s.file_name, s.sha256))
        .collect();
    Ok(score(commune, form, &rules, &areas, sources))
}

/// Runs `score`.
pub fn run(a: Args, data: &Path, lang: Lang) -> anyhow::Result<u8> {
    let lib = match &a.rules {
        Some(p) => crate::rules::Library::with_extra(p).map_err(|e| fail(e, lang))?,
        None => library(lang)?,
    };
    let ws = Workspace::open_existing(data).map_err(|e| fail(e, lang))?;
    let commune = find_commune(&ws, &a.commune, lang)?;
    let s = score_commune(&ws, &lib, &commune, a.form.as_deref(), lang)?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&s)?);
    } else {
        print!("{}", render::text(&s, lang));
    }
    Ok(0)
}
