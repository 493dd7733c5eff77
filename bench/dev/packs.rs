//! `hailong-dev packs`: a survey pack of N items on a 5-level scale and, per commune, a filled
//! entry workbook written by the product's own template writer, for `hailong index`'s bench and
//! tests. Deterministic for a seed.

use hailong::rules::survey::SurveyPack;
use rust_xlsxwriter::Workbook;
use std::fmt::Write as _;
use std::path::PathBuf;

/// Arguments of `packs`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output directory (the pack file `pack.toml` and one workbook per commune).
    #[arg(long)]
    out: PathBuf,
    /// Communes.
    #[arg(long, default_value_t = 75)]
    communes: u32,
    /// Respondents per commune.
    #[arg(long, default_value_t = 300)]
    respondents: u32,
    /// Items (the last one on a 0–10 scale; the others on hl5 in three dimensions).
    #[arg(long, default_value_t = 30)]
    items: u32,
    /// Seed.
    #[arg(long, default_value_t = 2026)]
    seed: u64,
}

/// The pack's TOML: three dimensions of hl5 items, a 0–10 item, the indices.
pub fn pack_text(items: u32) -> String {
    let mut t = String::from(
        "[pack]\nid = \"bench\"\ntitle = \"Bench\"\nmin_respondents = 30\nsource = \"synthetic\"\n\n\
         [[scales]]\nid = \"hl5\"\npoints = [{ code = 1, label = \"Rất không hài lòng\" }, { code = 2, label = \"Không hài lòng\" }, { code = 3, label = \"Bình thường\" }, { code = 4, label = \"Hài lòng\" }, { code = 5, label = \"Rất hài lòng\" }]\n\
         missing = [{ code = 9, label = \"Không biết / không trả lời\" }]\n\n\
         [[scales]]\nid = \"d11\"\nmin = 0\nmax = 10\n\n",
    );
    for d in 1..=3 {
        let _ = write!(
            t,
            "[[dimensions]]\nid = \"D{d}\"\ntitle = \"Nhóm {d}\"\nweight = \"1\"\n\n"
        );
    }
    t.push_str("[[dimensions]]\nid = \"NT\"\ntitle = \"Niềm tin\"\n\n");
    for i in 1..items {
        let d = 1 + (i - 1) * 3 / (items - 1).max(1);
        let _ = write!(
            t,
            "[[items]]\nid = \"Q{i}\"\ndimension = \"D{d}\"\nscale = \"hl5\"\ntext = \"Câu {i}\"\nreverse = {}\n\n",
            i % 7 == 0
        );
    }
    let _ = write!(
        t,
        "[[items]]\nid = \"Q{items}\"\ndimension = \"NT\"\nscale = \"d11\"\ntext = \"Tin tưởng\"\n\n"
    );
    for d in 1..=3 {
        let _ = write!(
            t,
            "[[indices]]\nid = \"D{d}_top2\"\nof = \"dimension:D{d}\"\nmethod = \"top_box\"\nboxes = [4, 5]\n\n\
             [[indices]]\nid = \"D{d}_score\"\nof = \"dimension:D{d}\"\nmethod = \"rescaled_mean\"\n\n\
             [[indices]]\nid = \"D{d}_all\"\nof = \"dimension:D{d}\"\nmethod = \"all_items_top_box\"\nboxes = [4, 5]\n\n"
        );
    }
    let _ = write!(
        t,
        "[[indices]]\nid = \"nps\"\nof = \"item:Q{items}\"\nmethod = \"nps\"\npromoters = [9, 10]\ndetractors = [0, 1, 2, 3, 4, 5, 6]\n\n\
         [[indices]]\nid = \"chung\"\nof = [\"D1_score\", \"D2_score\", \"D3_score\"]\nmethod = \"weighted_mean\"\n"
    );
    t
}

/// Runs `packs`.
pub fn run(a: Args) -> anyhow::Result<u8> {
    std::fs::create_dir_all(&a.out)?;
    let text = pack_text(a.items.max(2));
    std::fs::write(a.out.join("pack.toml"), &text)?;
    let pack = SurveyPack::parse("pack.toml", &text)?;
    let mut s = a.seed | 1;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    for c in 0..a.communes {
        let commune = format!("Xã Thử {:02}", c + 1);
        let mut wb: Workbook =
            hailong::template::pack::build(&hailong::template::pack::PackTemplate {
                pack: &pack,
                commune: &commune,
                areas: &[],
                rows: 1,
            })?;
        let ws = wb.worksheet_from_name(hailong::template::pack::SHEET)?;
        let labels: Vec<&str> = pack.scales[0]
            .points
            .iter()
            .map(|p| p.label.as_str())
            .collect();
        for r in 0..a.respondents {
            let row = hailong::template::pack::HEADER_ROW + 1 + r;
            ws.write_number(row, 0, f64::from(r + 1))?;
            ws.write_string(row, 1, format!("Bản {}", 1 + r % 6))?;
            let bias = (c % 5) as u64;
            for (i, it) in pack.items.iter().enumerate() {
                let col = 2 + i as u16;
                let x = next();
                if pack.scales[it.scale].points.is_empty() {
                    ws.write_number(row, col, (x % 11) as f64)?;
                } else if x % 50 == 0 {
                    // A blank now and then, a "don't know" code now and then.
                } else if x % 37 == 0 {
                    ws.write_number(row, col, 9.0)?;
                } else {
                    let level = ((x >> 8) % 5 + bias / 2).min(4) as usize;
                    if x % 3 == 0 {
                        ws.write_number(row, col, (level + 1) as f64)?;
                    } else {
                        ws.write_string(row, col, labels[level])?;
                    }
                }
            }
        }
        wb.save(a.out.join(format!("phieu-{:02}.xlsx", c + 1)))?;
    }
    println!(
        "{} communes × {} respondents × {} items in {}",
        a.communes,
        a.respondents,
        pack.items.len(),
        a.out.display()
    );
    Ok(0)
}
