//! The demo's filled-in self-assessments of the criteria, written through the product's
//! self-assessment template.

use hailong::date::Day;
use hailong::rules::CriteriaSet;
use hailong::rules::target::Target;
use hailong::template::criteria::Filled;

/// A filled-in self-assessment for the demo's samples: every indicator met with a result that
/// meets its target, posted five times within fifteen days, both conditions declared with a
/// document; or, when `ready` is false, two indicators short of their targets, three postings
/// only and no document for the security standard.
pub fn sample_fill(set: &CriteriaSet, group: Option<&str>, ready: bool) -> Filled {
    let rows = set.rows(group);
    let mut f = Filled::default();
    // Short of target in the commune that is not ready: the first two numeric indicators of
    // different criteria.
    let mut short: Vec<&str> = Vec::new();
    if !ready {
        let mut seen = std::collections::BTreeSet::new();
        for r in &rows {
            if matches!(Target::parse(&r.target), Target::AtLeast(_)) && seen.insert(&r.criterion) {
                short.push(&r.code);
                if short.len() == 2 {
                    break;
                }
            }
        }
    }
    for r in &rows {
        let entry = match Target::parse(&r.target) {
            Target::AtLeast(t) if short.contains(&r.code.as_str()) => {
                let below = t.to_f64() * 0.9;
                (
                    format!("{}%", format!("{below:.1}").replace('.', ",")),
                    false,
                    String::new(),
                )
            }
            Target::AtLeast(t) => {
                let above = (t.to_f64() + 5.0).min(100.0);
                (
                    format!("{}%", format!("{above:.1}").replace('.', ",")),
                    true,
                    "Báo cáo của UBND xã".into(),
                )
            }
            Target::AtMost(t) => (
                format!("{}%", format!("{:.1}", t.to_f64() / 2.0).replace('.', ",")),
                true,
                String::new(),
            ),
            Target::Nothing => ("Không".into(), true, String::new()),
            Target::Reached | Target::Unknown => {
                ("Đạt".into(), true, "Hồ sơ minh chứng kèm theo".into())
            }
        };
        f.results.insert(r.code.clone(), entry);
    }
    let start = Day::from_ymd(2025, 3, 3).unwrap_or(Day(20_150));
    let places = [
        "Trụ sở UBND xã",
        "Nhà văn hóa thôn/bản",
        "Hệ thống truyền thanh xã",
    ];
    let times = if ready { 5 } else { 3 };
    for k in 0..times {
        let form = if k % 3 == 2 {
            "Thông báo trên hệ thống truyền thanh"
        } else {
            "Niêm yết"
        };
        f.postings.push((
            Day(start.0 + 3 * k),
            form.into(),
            places[k as usize % 3].into(),
        ));
    }
    f.declarations.push((
        "no_debt".into(),
        true,
        "Báo cáo số 45/BC-UBND ngày 20/02/2025 của UBND xã".into(),
    ));
    f.declarations.push((
        "security".into(),
        true,
        if ready {
            "Quyết định số 12/QĐ-CAT ngày 10/01/2025 của Công an tỉnh".into()
        } else {
            String::new()
        },
    ));
    f
}
