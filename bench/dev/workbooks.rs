//! Deterministic survey workbooks for the demo, the tests and the benchmarks.
//!
//! Made-up residential areas and answers, reproducible from a seed, written in the canonical
//! layout through the product's template writer (so they stay what `hailong template` makes).
//! Every workbook it writes says it is sample data.

use hailong::layout::{BALLOT_HEADER_ROW, DISSATISFIED, SATISFIED};
use hailong::model::RegisterArea;
use hailong::rules::Form;
use hailong::template::{TemplateSpec, build, register_sheet};
use rust_xlsxwriter::XlsxError;
use std::path::Path;

/// The line written into every generated workbook.
pub const SAMPLE_NOTE: &str =
    "DỮ LIỆU MẪU — khu dân cư và câu trả lời là giả định, chỉ để chạy thử hailong";

/// A small deterministic generator (SplitMix64): no dependency, same numbers on every machine.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// Seeded generator.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// True with probability `per_mille / 1000`.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.next_u64() % 1000 < per_mille
    }
}

const AREA_STEMS: &[&str] = &[
    "Nà Sản",
    "Phiêng Nèn",
    "Co Muông",
    "Huổi Hẹ",
    "Pá Công",
    "Nong Vai",
    "Lả Mường",
    "Hua Cang",
    "Tà Lành",
    "Búa Mòn",
    "Nà Hường",
    "Púng Lòng",
    "Cang Mường",
    "Bó Phương",
    "Kéo Pháy",
    "Phiêng Mựt",
    "Nậm Sọi",
    "Pá Khôm",
    "Hồng Ngài",
    "Tông Lệnh",
    "Liếng Dưới",
    "Mường Tấc",
    "Sẳng Cọ",
    "Huổi Pu",
];

/// How a generated commune's households answer.
#[derive(Debug, Clone, Copy)]
pub struct Profile {
    /// Per mille of households whose form comes back.
    pub return_per_mille: u64,
    /// Per mille of content answers that are "Không hài lòng".
    pub dissatisfied_per_mille: u64,
    /// Per mille of overall answers that are "Không hài lòng".
    pub overall_dissatisfied_per_mille: u64,
    /// Per mille of answers left blank.
    pub blank_per_mille: u64,
}

/// A generated commune: its register and its answers (`None` = not returned).
#[derive(Debug, Clone)]
pub struct GeneratedCommune {
    /// Register.
    pub areas: Vec<RegisterArea>,
    /// One row per returned form: area index and one answer per item (0 blank, 1 yes, 2 no).
    pub forms: Vec<(usize, Vec<u8>, Option<String>)>,
}

/// Generates the data of one commune.
pub fn generate(
    form: &Form,
    n_areas: usize,
    households: u64,
    profile: Profile,
    rng: &mut Rng,
) -> GeneratedCommune {
    let mut areas = Vec::new();
    let per_area = (households / n_areas.max(1) as u64).max(1);
    for i in 0..n_areas {
        let stem = AREA_STEMS[i % AREA_STEMS.len()];
        let name = if i < AREA_STEMS.len() {
            format!("Bản {stem}")
        } else {
            format!("Bản {stem} {}", i / AREA_STEMS.len() + 1)
        };
        let hh = rng.range(per_area * 8 / 10, per_area * 12 / 10).max(1) as u32;
        areas.push(RegisterArea {
            area: name,
            households: hh,
            forms_issued: Some(hh),
        });
    }
    let mut forms = Vec::new();
    for (ai, a) in areas.iter().enumerate() {
        for _ in 0..a.households {
            if !rng.chance(profile.return_per_mille) {
                continue;
            }
            let answers: Vec<u8> = form
                .items
                .iter()
                .map(|it| {
                    let dis = if it.overall {
                        profile.overall_dissatisfied_per_mille
                    } else {
                        profile.dissatisfied_per_mille
                    };
                    if rng.chance(profile.blank_per_mille) {
                        0
                    } else if rng.chance(dis) {
                        2
                    } else {
                        1
                    }
                })
                .collect();
            let other = rng
                .chance(15)
                .then(|| "Đề nghị sửa đường vào bản".to_string());
            forms.push((ai, answers, other));
        }
    }
    GeneratedCommune { areas, forms }
}

/// The template of a generated commune's workbook, marked as sample data.
fn sample_spec<'a>(
    commune: &'a str,
    form: &'a Form,
    data: &'a GeneratedCommune,
    ballot_rows: u32,
) -> TemplateSpec<'a> {
    TemplateSpec {
        commune,
        form,
        areas: &data.areas,
        ballot_rows,
        sample_note: Some(SAMPLE_NOTE),
    }
}

/// Writes a generated commune as a canonical workbook.
pub fn write_workbook(
    commune: &str,
    form: &Form,
    data: &GeneratedCommune,
    out: &Path,
) -> Result<(), XlsxError> {
    let mut wb = build(&sample_spec(commune, form, data, data.forms.len() as u32))?;
    let n = form.item_count() as u16;
    let ws = wb.worksheet_from_index(1)?;
    let mut per_area = vec![0u32; data.areas.len()];
    for (i, (ai, answers, other)) in data.forms.iter().enumerate() {
        let r = BALLOT_HEADER_ROW + 1 + i as u32;
        per_area[*ai] += 1;
        ws.write_string(r, 0, &data.areas[*ai].area)?;
        ws.write_number(r, 1, per_area[*ai] as f64)?;
        for (j, a) in answers.iter().enumerate() {
            match a {
                1 => ws.write_string(r, 2 + j as u16, SATISFIED)?,
                2 => ws.write_string(r, 2 + j as u16, DISSATISFIED)?,
                _ => ws,
            };
        }
        if answers.contains(&2) {
            ws.write_string(r, 2 + n, "Chưa thấy chuyển biến rõ")?;
        }
        if let Some(o) = other {
            ws.write_string(r, 3 + n, o)?;
        }
    }
    wb.save(out)
}

/// Writes a generated commune in the two-marker layout: per item a merged "Câu i" header over
/// "Hài lòng | Không hài lòng" columns, marked with "x".
pub fn write_two_marker(
    commune: &str,
    form: &Form,
    data: &GeneratedCommune,
    out: &Path,
) -> Result<(), XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    register_sheet(&mut wb, &sample_spec(commune, form, data, 0))?;
    let ws = wb.add_worksheet();
    ws.set_name(hailong::layout::BALLOT_SHEET)?;
    let head = Format::new()
        .set_bold()
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    ws.write_string(0, 0, SAMPLE_NOTE)?;
    ws.write_string_with_format(2, 0, hailong::layout::H_AREA, &head)?;
    ws.write_string_with_format(2, 1, hailong::layout::H_FORM_NO, &head)?;
    for i in 0..form.item_count() as u16 {
        let c = 2 + 2 * i;
        ws.merge_range(
            2,
            c,
            2,
            c + 1,
            &hailong::layout::item_header(i as u32 + 1),
            &head,
        )?;
        ws.write_string_with_format(3, c, SATISFIED, &head)?;
        ws.write_string_with_format(3, c + 1, DISSATISFIED, &head)?;
    }
    let mut per_area = vec![0u32; data.areas.len()];
    for (k, (ai, answers, _)) in data.forms.iter().enumerate() {
        let r = 4 + k as u32;
        per_area[*ai] += 1;
        ws.write_string(r, 0, &data.areas[*ai].area)?;
        ws.write_number(r, 1, per_area[*ai] as f64)?;
        for (j, a) in answers.iter().enumerate() {
            match a {
                1 => ws.write_string(r, 2 + 2 * j as u16, "x")?,
                2 => ws.write_string(r, 3 + 2 * j as u16, "x")?,
                _ => ws,
            };
        }
    }
    wb.save(out)
}
