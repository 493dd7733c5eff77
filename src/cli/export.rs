//! `hailong export`: the commune's dossier appendices, or the province synthesis (`--all`).

use super::score::{check_round, find_commune, library_for, score_all, score_commune};
use super::{emit, fail};
use crate::dossier::commune::{CommuneDossier, write as write_commune};
use crate::dossier::look::Heading;
use crate::i18n::{Lang, pick};
use crate::store::Workspace;
use crate::store::config::{Config, Office};
use std::path::{Path, PathBuf};

/// Arguments of `export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Xã (hoặc --all: tổng hợp toàn tỉnh), đợt, quy tắc.
    #[command(flatten)]
    pub sel: super::Selection,
    /// Ghi kèm số thứ tự phiếu (định danh hộ) ở các sheet lý do và ý kiến.
    #[arg(long)]
    pub include_names: bool,
    /// Tệp Excel cần ghi.
    #[arg(long)]
    pub out: PathBuf,
}

fn year() -> String {
    crate::store::now_utc()[..4].to_string()
}

/// A heading from the workspace's settings, with defaults for what they leave out.
fn heading_from(office: &Office, body: String, place: String) -> Heading {
    let or = |v: &Option<String>, d: &str| v.clone().unwrap_or_else(|| d.to_string());
    Heading {
        issuing_body: or(&office.issuing_body, &body),
        issuing_unit: or(&office.issuing_unit, "BAN THƯỜNG TRỰC"),
        place: or(&office.place, &place),
        year: year(),
        signer_title: or(&office.signer_title, "CHỦ TỊCH"),
        signer_name: or(&office.signer_name, ""),
    }
}

/// The heading of a commune's documents: the workspace's settings, else from the commune.
pub fn commune_heading(office: &Office, commune: &str) -> Heading {
    heading_from(
        office,
        format!("ỦY BAN MTTQ VIỆT NAM {}", commune.to_uppercase()),
        commune.trim_start_matches("Xã ").to_string(),
    )
}

/// The heading of the province's documents.
pub fn province_heading(office: &Office) -> Heading {
    heading_from(
        office,
        "ỦY BAN MTTQ VIỆT NAM TỈNH SƠN LA".into(),
        "Sơn La".into(),
    )
}

/// One commune's dossier to write.
pub struct CommuneExport<'a> {
    /// The workspace.
    pub ws: &'a Workspace,
    /// Its directory (for `hailong.toml`).
    pub data: &'a Path,
    /// Rules and forms.
    pub lib: &'a crate::rules::Library,
    /// Commune (canonical name).
    pub commune: &'a str,
    /// Form, when the commune has several.
    pub form: Option<&'a str>,
    /// Show form numbers in the reasons and opinions.
    pub include_ids: bool,
    /// Output workbook.
    pub out: &'a Path,
}

/// Writes the dossier of one commune of the workspace; returns its score.
pub fn export_commune(e: &CommuneExport, lang: Lang) -> anyhow::Result<crate::score::CommuneScore> {
    let config = Config::load(e.data).map_err(|x| anyhow::anyhow!(x))?;
    let s = score_commune(e.ws, e.lib, e.commune, e.form, lang)?;
    let f = e
        .lib
        .form(&s.form)
        .ok_or_else(|| anyhow::anyhow!("form {}", s.form))?;
    let rules = e
        .lib
        .rules_for(e.lib.default_pack(), &s.form)
        .map_err(|x| fail(x, lang))?;
    let texts = crate::score::texts::texts(e.ws, e.commune, &s.form, f.item_count(), e.include_ids)
        .map_err(|x| fail(x, lang))?;
    let sources: Vec<crate::store::SourceEntry> =
        e.ws.sources_of(e.commune, &s.form)
            .into_iter()
            .cloned()
            .collect();
    let d = CommuneDossier {
        score: &s,
        form: f,
        rules: &rules,
        texts: &texts,
        sources: &sources,
        heading: commune_heading(&config.office, e.commune),
        include_ids: e.include_ids,
    };
    let out = e.out;
    write_commune(&d, out).map_err(|x| {
        anyhow::anyhow!(pick(
            lang,
            format!("Không ghi được {}: {x}", out.display()),
            format!("Cannot write {}: {x}", out.display())
        ))
    })?;
    Ok(s)
}

/// Runs `export`.
pub fn run(a: Args, data: &Path, lang: Lang) -> anyhow::Result<u8> {
    let lib = library_for(data, a.sel.rules.as_deref(), lang)?;
    let mut ws = Workspace::open_existing(data).map_err(|e| fail(e, lang))?;
    ws.set_round(a.sel.round.clone());
    if a.sel.all {
        check_round(&ws, None, a.sel.round.as_deref(), lang)?;
        let config = Config::load(data).map_err(|e| anyhow::anyhow!(e))?;
        let all = score_all(&ws, &lib, a.sel.form.as_deref(), lang)?;
        if all.is_empty() {
            anyhow::bail!(pick(
                lang,
                "Thư mục dữ liệu chưa có xã nào: hãy chạy `hailong import` trước.",
                "The workspace holds no commune: run `hailong import` first."
            ));
        }
        crate::dossier::province::write(&all, &province_heading(&config.office), &a.out).map_err(
            |e| {
                anyhow::anyhow!(pick(
                    lang,
                    format!("Không ghi được {}: {e}", a.out.display()),
                    format!("Cannot write {}: {e}", a.out.display())
                ))
            },
        )?;
        emit(&format!(
            "{}\n",
            pick(
                lang,
                format!(
                    "Đã ghi tổng hợp toàn tỉnh ({} xã) vào {}.",
                    all.len(),
                    a.out.display()
                ),
                format!(
                    "Wrote the province synthesis ({} communes) to {}.",
                    all.len(),
                    a.out.display()
                )
            )
        ))?;
        return Ok(0);
    }
    let commune = find_commune(&ws, a.sel.commune.as_deref().unwrap_or_default(), lang)?;
    check_round(&ws, Some(&commune), a.sel.round.as_deref(), lang)?;
    let e = CommuneExport {
        ws: &ws,
        data,
        lib: &lib,
        commune: &commune,
        form: a.sel.form.as_deref(),
        include_ids: a.include_names,
        out: &a.out,
    };
    let s = export_commune(&e, lang)?;
    let verdict = if s.verdict.passed {
        pick(lang, "ĐẠT", "PASSED")
    } else {
        pick(lang, "KHÔNG ĐẠT", "NOT PASSED")
    };
    emit(&format!(
        "{}\n",
        pick(
            lang,
            format!(
                "Đã ghi hồ sơ của {} ({verdict}) vào {}.",
                s.commune,
                a.out.display()
            ),
            format!(
                "Wrote the dossier of {} ({verdict}) to {}.",
                s.commune,
                a.out.display()
            )
        )
    ))?;
    Ok(0)
}
