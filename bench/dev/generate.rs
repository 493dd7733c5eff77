//! `hailong-dev gen`: deterministic synthetic workbooks for the demo, tests and benchmarks.

use crate::assessment::sample_fill;
use crate::workbooks::{
    GeneratedCommune, Profile, Rng, generate, write_two_marker, write_workbook,
};
use hailong::rules::gazetteer::{Gazetteer, UnitKind};
use hailong::rules::{Form, Library};
use hailong::template::criteria::{self, CriteriaTemplate};
use std::path::{Path, PathBuf};

/// Arguments of `gen`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output directory.
    #[arg(long)]
    pub out: PathBuf,
    /// Write the three bundled sample communes instead of N synthetic ones.
    #[arg(long)]
    pub samples: bool,
    /// Number of communes (the gazetteer's 67 xã in order; beyond them the same xã again under
    /// the next form: NTM nâng cao, then kiểu mẫu).
    #[arg(long, default_value_t = 75)]
    pub communes: usize,
    /// Households per commune.
    #[arg(long, default_value_t = 1500)]
    pub households: u64,
    /// Residential areas per commune.
    #[arg(long, default_value_t = 12)]
    pub areas: usize,
    /// Seed.
    #[arg(long, default_value_t = 2025)]
    pub seed: u64,
    /// Form id.
    #[arg(long, default_value = "xa-ntm")]
    pub form: String,
    /// Layout: `canonical` (one answer column per item) or `two-marker` (Hài lòng | Không hài
    /// lòng columns marked with x).
    #[arg(long, default_value = "canonical")]
    pub layout: String,
}

/// The three sample communes of the demo: name, areas, households, answer profile.
pub const SAMPLES: &[(&str, &str, usize, u64, Profile)] = &[
    (
        "Xã Chiềng Mung",
        "chieng-mung.xlsx",
        8,
        900,
        Profile {
            return_per_mille: 930,
            dissatisfied_per_mille: 15,
            overall_dissatisfied_per_mille: 8,
            blank_per_mille: 3,
        },
    ),
    (
        "Xã Mường Bú",
        "muong-bu.xlsx",
        10,
        1200,
        Profile {
            return_per_mille: 880,
            dissatisfied_per_mille: 30,
            overall_dissatisfied_per_mille: 20,
            blank_per_mille: 5,
        },
    ),
    (
        "Xã Tà Xùa",
        "ta-xua.xlsx",
        6,
        600,
        Profile {
            return_per_mille: 760,
            dissatisfied_per_mille: 70,
            overall_dissatisfied_per_mille: 120,
            blank_per_mille: 6,
        },
    ),
];

fn write(
    dir: &Path,
    file: &str,
    commune: &str,
    form: &Form,
    data: &GeneratedCommune,
) -> anyhow::Result<()> {
    write_workbook(commune, form, data, &dir.join(file))
        .map_err(|e| anyhow::anyhow!("{}: {e}", dir.join(file).display()))
}

/// The demo's self-assessments: commune, file, whether it is ready for recognition.
pub const SAMPLE_ASSESSMENTS: &[(&str, &str, bool)] = &[
    ("Xã Chiềng Mung", "chieng-mung-tu-danh-gia.xlsx", true),
    ("Xã Mường Bú", "muong-bu-tu-danh-gia.xlsx", false),
];

/// Runs `gen`.
pub fn run(a: Args) -> anyhow::Result<u8> {
    let lib = Library::shipped()?;
    let form = lib
        .form(&a.form)
        .ok_or_else(|| anyhow::anyhow!("form {}", a.form))?;
    std::fs::create_dir_all(&a.out)?;
    let mut rng = Rng::new(a.seed);
    if a.samples {
        for (commune, file, areas, hh, profile) in SAMPLES {
            let data = generate(form, *areas, *hh, *profile, &mut rng);
            write(&a.out, file, commune, form, &data)?;
        }
        // The self-assessments of two of them: one ready for recognition, one not.
        let set = lib
            .set_of_form(form.id())
            .ok_or_else(|| anyhow::anyhow!("criteria set of {}", form.id()))?;
        let conditions = lib
            .recognition_for(lib.default_pack(), &form.header.recognition)
            .map(|r| r.conditions)
            .unwrap_or_default();
        for (commune, file, ready) in SAMPLE_ASSESSMENTS {
            let fill = sample_fill(set, None, *ready);
            let t = CriteriaTemplate {
                commune,
                set,
                group: None,
                conditions: &conditions,
                posting_rows: 12,
                fill: Some(&fill),
            };
            let path = a.out.join(file);
            criteria::write(&t, &path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        }
        return Ok(0);
    }
    let gaz = Gazetteer::son_la();
    let xa: Vec<_> = gaz
        .units()
        .iter()
        .filter(|u| u.kind == UnitKind::Xa)
        .collect();
    let profile = Profile {
        return_per_mille: 920,
        dissatisfied_per_mille: 25,
        overall_dissatisfied_per_mille: 15,
        blank_per_mille: 3,
    };
    // Sơn La has 67 xã: past them, the same communes are surveyed again under the next form
    // (NTM nâng cao after NTM), as happens when a commune applies for the higher level.
    let forms: Vec<&Form> = [a.form.as_str(), "xa-ntm-nang-cao", "xa-ntm-kieu-mau"]
        .iter()
        .filter_map(|f| lib.form(f))
        .collect();
    for i in 0..a.communes {
        let unit = xa[i % xa.len()];
        let form = forms[(i / xa.len()).min(forms.len() - 1)];
        let data = generate(form, a.areas, a.households, profile, &mut rng);
        let file = format!("{:03}-{}-{}.xlsx", i + 1, unit.code, form.id());
        if a.layout == "two-marker" {
            let path = a.out.join(&file);
            write_two_marker(&unit.name, form, &data, &path)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        } else {
            write(&a.out, &file, &unit.name, form, &data)?;
        }
    }
    Ok(0)
}
