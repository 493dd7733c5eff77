//! `hailong-dev omr-corpus` and `omr-bench`: the ballot reader's synthetic corpus and its
//! measurement (bench/omr.sh).
//!
//! The corpus is rendered ballots marked and photographed by `hailong::ingest::omr::sim`, one
//! file per page plus `truth.jsonl`; the bench reads every file with the product's
//! `read_file` over a rayon pool (files in parallel, one decoded page per thread) and compares
//! with the truth: items, automatic readings, silent errors, review, page and id failures,
//! pages per second — by mark type and by damage. `--dump` writes every item's ink measures so
//! thresholds can be studied without reading the photos again.

use anyhow::Context;
use hailong::ballot::{BallotId, layout_for, render_page};
use hailong::ingest::omr::sim::{self, Condition, Damage, ItemTruth, Mix, Rng, Verdict};
use hailong::ingest::omr::{FormLayouts, MarkState, PageOutcome, read_file};
use hailong::rules::Library;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

/// Arguments of `omr-corpus`.
#[derive(Debug, clap::Args)]
pub struct CorpusArgs {
    /// Folder to write the pages and truth.jsonl into (created).
    #[arg(long)]
    out: PathBuf,
    /// Seed of the first page (page i uses seed + i).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Pages.
    #[arg(long, default_value_t = 100)]
    pages: u32,
    /// phone, resent (1.280 px) or scan (PDF).
    #[arg(long, default_value = "phone")]
    condition: String,
    /// stress (the design note's mix) or realistic.
    #[arg(long, default_value = "stress")]
    mix: String,
    /// Long side of a photo in pixels (4.000 = 12 MP).
    #[arg(long, default_value_t = 4000)]
    frame: u32,
    /// Rendering density of the page, px/mm (11,81 = 300 dpi).
    #[arg(long, default_value_t = 11.811)]
    ppm: f64,
    /// Form id.
    #[arg(long, default_value = "xa-ntm")]
    form: String,
}

/// One line of truth.jsonl.
#[derive(Debug, Serialize, Deserialize)]
struct PageTruth {
    file: String,
    id: String,
    condition: Condition,
    damage: Damage,
    items: Vec<ItemTruth>,
}

/// Writes the corpus.
pub fn corpus(a: CorpusArgs) -> anyhow::Result<u8> {
    let lib = Library::shipped()?;
    let form = lib
        .form(&a.form)
        .with_context(|| format!("no form {}", a.form))?;
    let layout = layout_for(form)?;
    let cond = match a.condition.as_str() {
        "phone" => Condition::Phone,
        "resent" => Condition::Resent,
        "scan" => Condition::Scan,
        c => anyhow::bail!("unknown condition {c}"),
    };
    let mix: Mix = match a.mix.as_str() {
        "stress" => sim::STRESS,
        "realistic" => sim::REALISTIC,
        m => anyhow::bail!("unknown mix {m}"),
    };
    std::fs::create_dir_all(&a.out)?;
    let t = Instant::now();
    let lines: Vec<String> = (0..a.pages)
        .into_par_iter()
        .map(|i| -> anyhow::Result<String> {
            let mut rng = Rng::new(a.seed.wrapping_mul(1_000_003).wrapping_add(u64::from(i)));
            let id = BallotId {
                form: a.form.clone(),
                commune_code: "04000".into(),
                area_no: 1 + i / 99_999,
                serial: 1 + i % 99_999,
                round: "2025-10".into(),
            };
            let mut page = render_page(form, &id, "Bản Mòng", a.ppm);
            let items = sim::plan(&layout, &mix, &mut rng);
            sim::draw(&mut page, a.ppm, &layout, &items, &mut rng);
            let (bytes, damage) = sim::capture(&page, a.ppm, cond, a.frame, &mut rng);
            let ext = if cond == Condition::Scan {
                "pdf"
            } else {
                "jpg"
            };
            let file = format!("{:05}.{ext}", i + 1);
            std::fs::write(a.out.join(&file), bytes)?;
            let truth = PageTruth {
                file,
                id: id.encode(),
                condition: cond,
                damage,
                items,
            };
            Ok(serde_json::to_string(&truth)?)
        })
        .collect::<anyhow::Result<_>>()?;
    let mut f = std::fs::File::create(a.out.join("truth.jsonl"))?;
    for l in lines {
        writeln!(f, "{l}")?;
    }
    eprintln!("{} pages in {:.1} s", a.pages, t.elapsed().as_secs_f64());
    Ok(0)
}

/// Arguments of `omr-bench`.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// Corpus folders written by omr-corpus.
    #[arg(required = true)]
    corpus: Vec<PathBuf>,
    /// Threads reading pages (the goal is for 2).
    #[arg(long, default_value_t = 2)]
    threads: usize,
    /// Write every item's measures and reading here (JSON lines), for threshold studies.
    #[arg(long)]
    dump: Option<PathBuf>,
}

#[derive(Default, Clone, Copy)]
struct Tally {
    items: u64,
    auto: u64,
    wrong: u64,
    review: u64,
}

impl Tally {
    fn add(&mut self, v: Verdict) {
        self.items += 1;
        match v {
            Verdict::Right => self.auto += 1,
            Verdict::Wrong => {
                self.auto += 1;
                self.wrong += 1;
            }
            Verdict::Review => self.review += 1,
        }
    }

    fn row(&self, name: &str) -> String {
        let comma = |x: f64| format!("{x:.1}").replace('.', ",");
        let pct = |n: u64, d: u64| {
            if d == 0 {
                "–".to_string()
            } else {
                format!("{} %", comma(100.0 * n as f64 / d as f64))
            }
        };
        // With n automatic items and no error, the 95 % bound on the error rate is 3/n.
        let bound = if self.wrong == 0 && self.auto > 0 {
            format!("0 (≤ {} per 10.000)", comma(30_000.0 / self.auto as f64))
        } else {
            self.wrong.to_string()
        };
        format!(
            "| {name} | {} | {} | {bound} | {} |",
            self.items,
            self.auto,
            pct(self.review, self.items)
        )
    }
}

/// Reads every corpus and prints the tables (markdown) and a JSON summary.
pub fn bench(a: BenchArgs) -> anyhow::Result<u8> {
    let lib = Library::shipped()?;
    let layouts = FormLayouts(&lib);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.threads)
        .build()?;
    let mut dump = a.dump.as_ref().map(std::fs::File::create).transpose()?;
    for dir in &a.corpus {
        let truth: Vec<PageTruth> = std::fs::read_to_string(dir.join("truth.jsonl"))
            .with_context(|| format!("{}: no truth.jsonl", dir.display()))?
            .lines()
            .map(serde_json::from_str)
            .collect::<Result<_, _>>()?;
        let t = Instant::now();
        let readings: Vec<_> = pool.install(|| {
            truth
                .par_iter()
                .map(|p| {
                    let bytes = std::fs::read(dir.join(&p.file)).unwrap_or_default();
                    read_file(&p.file, &bytes, &layouts)
                })
                .collect()
        });
        let secs = t.elapsed().as_secs_f64();
        let mut by_class: BTreeMap<String, Tally> = BTreeMap::new();
        let mut by_damage: BTreeMap<&str, Tally> = BTreeMap::new();
        let (mut total, mut hazard_wrong, mut clean, mut failed, mut wrong_ids) =
            (Tally::default(), 0u64, Tally::default(), 0u64, 0u64);
        let mut failures: BTreeMap<&str, u64> = BTreeMap::new();
        for (p, pages) in truth.iter().zip(&readings) {
            let Some(page) = pages.first() else { continue };
            match &page.outcome {
                PageOutcome::Failed { failure, .. } => {
                    failed += 1;
                    *failures.entry(failure.code()).or_default() += 1;
                    eprintln!("{}: page failed: {}", p.file, failure.code());
                }
                PageOutcome::Read {
                    id,
                    items,
                    upside_down,
                } => {
                    if id.encode() != p.id {
                        wrong_ids += 1;
                    }
                    for (t, r) in p.items.iter().zip(items) {
                        let v = sim::judge(t.truth, r.state);
                        total.add(v);
                        by_class.entry(t.class().to_string()).or_default().add(v);
                        if t.smudge.is_some() {
                            by_class
                                .entry("(smudge on a box)".into())
                                .or_default()
                                .add(v);
                        }
                        if t.stray {
                            by_class
                                .entry("(stray ink near a box)".into())
                                .or_default()
                                .add(v);
                        }
                        if t.hazard() {
                            hazard_wrong += u64::from(v == Verdict::Wrong);
                        } else if t.class() != "blank" {
                            clean.add(v);
                        }
                        let d = &p.damage;
                        let damage_rows = [
                            (d.shadow, "hard shadow band"),
                            (*upside_down, "upside down"),
                            (d.blur >= 1.5, "blur σ ≥ 1,5 px"),
                            (d.quality < 78, "JPEG quality < 78"),
                            (d.rotation.abs() >= 4.0, "rotation ≥ 4°"),
                        ];
                        for (on, name) in damage_rows {
                            if on {
                                by_damage.entry(name).or_default().add(v);
                            }
                        }
                        if v == Verdict::Wrong {
                            eprintln!(
                                "{}: item {} ({}{}{}) truth {:?} read {:?} ink {:?}",
                                p.file,
                                t.number,
                                t.class(),
                                if t.smudge.is_some() { ", smudge" } else { "" },
                                if t.stray { ", stray" } else { "" },
                                t.truth,
                                r.state,
                                r.ink
                            );
                        }
                        if let Some(f) = dump.as_mut() {
                            let line = serde_json::json!({
                                "file": p.file, "item": t.number, "truth": t.truth, "class": t.class(),
                                "smudge": t.smudge.is_some(), "stray": t.stray, "shadow": p.damage.shadow,
                                "ink": r.ink, "state": state_name(r.state),
                            });
                            writeln!(f, "{line}")?;
                        }
                    }
                }
            }
        }
        let pages = truth.len() as u64;
        println!(
            "\n### {} ({} pages, {} threads)\n",
            dir.display(),
            pages,
            a.threads
        );
        println!(
            "| items by mark | items | auto | silent errors | review |\n|---|---|---|---|---|"
        );
        for (k, t) in &by_class {
            println!("{}", t.row(k));
        }
        println!("{}", total.row("**all**"));
        println!("{}", clean.row("clean single marks"));
        println!(
            "\n| items by damage | items | auto | silent errors | review |\n|---|---|---|---|---|"
        );
        for (k, t) in &by_damage {
            println!("{}", t.row(k));
        }
        let comma = |x: f64, d: usize| format!("{x:.d$}").replace('.', ",");
        println!(
            "\npages {pages}: read {}, failed {failed} {failures:?}, wrong ids {wrong_ids}; hazard items read wrong {hazard_wrong}; {} s = {} pages/s",
            pages - failed,
            comma(secs, 2),
            comma(pages as f64 / secs, 1)
        );
        let json = serde_json::json!({
            "corpus": dir.display().to_string(), "pages": pages, "failed": failed, "wrong_ids": wrong_ids,
            "items": total.items, "auto": total.auto, "silent_errors": total.wrong, "review": total.review,
            "clean_items": clean.items, "clean_review": clean.review, "hazard_wrong": hazard_wrong,
            "seconds": secs, "pages_per_second": pages as f64 / secs, "threads": a.threads,
        });
        eprintln!("{json}");
    }
    Ok(0)
}

fn state_name(s: MarkState) -> String {
    match s {
        MarkState::Review(r) => format!("review:{r:?}"),
        s => format!("{s:?}"),
    }
}
