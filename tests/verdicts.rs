//! Verdicts: every check at, just below and just above its threshold; margins that are exact;
//! and invariants that hold for any counts.

use hailong::num::Ratio;
use hailong::rules::{CheckKind, CheckRule, Form, FormRules, InvalidFormRule, Library};
use hailong::score::{AreaTally, CommuneScore, ItemCounts, score};
use proptest::prelude::*;
use rstest::rstest;

fn form() -> Form {
    Library::shipped().unwrap().form("xa-ntm").unwrap().clone()
}

fn rules(kind: CheckKind, threshold: &str) -> FormRules {
    FormRules {
        pack: "test".into(),
        pack_title: "test".into(),
        pack_verified: true,
        form: "xa-ntm".into(),
        checks: vec![CheckRule {
            kind,
            threshold: Ratio::parse_decimal(threshold).unwrap(),
            threshold_text: threshold.into(),
            source: "test".into(),
            verified: true,
            no_source: false,
            pack: "test".into(),
        }],
        no_source: Vec::new(),
        invalid_form: InvalidFormRule::default(),
        display_decimals: 2,
    }
}

fn all_rules() -> FormRules {
    let mut r = rules(CheckKind::ParticipationCommune, "70");
    for (k, t) in [
        (CheckKind::ParticipationArea, "50"),
        (CheckKind::OverallMin, "90"),
        (CheckKind::ContentMeanMin, "85"),
        (CheckKind::ItemFloor, "70"),
        (CheckKind::AreaItemFloor, "60"),
        (CheckKind::PooledMin, "85"),
    ] {
        r.checks.push(rules(k, t).checks.remove(0));
    }
    r
}

/// One area of `households`, `returned` forms, every item `satisfied` of them satisfied and the
/// rest not satisfied.
fn area(name: &str, households: u64, returned: u64, satisfied: u64) -> AreaTally {
    AreaTally {
        area: name.into(),
        households,
        returned,
        items: vec![
            ItemCounts {
                satisfied,
                dissatisfied: returned - satisfied,
                blank: 0,
                invalid: 0
            };
            19
        ],
        ..Default::default()
    }
}

fn run(r: &FormRules, areas: &[AreaTally]) -> CommuneScore {
    score("Xã Thử", &form(), r, areas, Vec::new())
}

/// (check, threshold, households, returned, satisfied, passes, margin)
#[rstest]
#[case::participation_at(CheckKind::ParticipationCommune, "70", 100, 70, 70, true, 0)]
#[case::participation_below(CheckKind::ParticipationCommune, "70", 100, 69, 69, false, -1)]
#[case::participation_above(CheckKind::ParticipationCommune, "70", 100, 71, 71, true, 1)]
#[case::participation_tie(CheckKind::ParticipationCommune, "70", 1001, 701, 701, true, 0)] // 70,03 ≥ 70 needs ⌈700,7⌉ = 701
#[case::participation_display_tie(CheckKind::ParticipationCommune, "70", 1001, 700, 700, false, -1)] // 69,93
#[case::overall_at(CheckKind::OverallMin, "90", 100, 100, 90, true, 0)]
#[case::overall_below(CheckKind::OverallMin, "90", 100, 100, 89, false, -1)]
#[case::overall_above(CheckKind::OverallMin, "90", 100, 100, 91, true, 1)]
#[case::overall_89_995(CheckKind::OverallMin, "90", 20000, 20000, 17999, false, -1)] // 89,995 % shows 90,00
#[case::overall_decimal(CheckKind::OverallMin, "92.5", 200, 200, 185, true, 0)]
#[case::mean_at(CheckKind::ContentMeanMin, "85", 100, 100, 85, true, 0)]
#[case::mean_below(CheckKind::ContentMeanMin, "85", 100, 100, 84, false, -18)] // 18 content answers short
#[case::mean_above(CheckKind::ContentMeanMin, "85", 100, 100, 86, true, 18)]
#[case::pooled_at(CheckKind::PooledMin, "85", 100, 100, 85, true, 0)] // 1.530 / 1.800 answers
#[case::pooled_below(CheckKind::PooledMin, "85", 100, 100, 84, false, -18)]
#[case::pooled_above(CheckKind::PooledMin, "85", 100, 100, 86, true, 18)]
#[case::floor_at(CheckKind::ItemFloor, "70", 100, 100, 70, true, 0)]
#[case::floor_below(CheckKind::ItemFloor, "70", 100, 100, 69, false, -1)]
#[case::floor_above(CheckKind::ItemFloor, "70", 100, 100, 71, true, 1)]
#[case::area_floor_at(CheckKind::AreaItemFloor, "60", 100, 50, 30, true, 0)]
#[case::area_floor_below(CheckKind::AreaItemFloor, "60", 100, 50, 29, false, -1)]
#[case::area_participation_at(CheckKind::ParticipationArea, "50", 100, 50, 50, true, 0)]
#[case::area_participation_below(CheckKind::ParticipationArea, "50", 100, 49, 49, false, -1)]
fn every_check_at_around_its_threshold(
    #[case] kind: CheckKind,
    #[case] threshold: &str,
    #[case] households: u64,
    #[case] returned: u64,
    #[case] satisfied: u64,
    #[case] passes: bool,
    #[case] margin: i64,
) {
    let s = run(
        &rules(kind, threshold),
        &[area("Bản A", households, returned, satisfied)],
    );
    let c = &s.verdict.checks[0];
    assert_eq!(c.passed, passes, "{c:?}");
    assert_eq!(c.margin_households, margin, "{c:?}");
    assert_eq!(s.verdict.passed, passes);
}

/// Found by the property tests: with no counted form the overall check failed (0 < 90) yet
/// reported a margin of 0, as if it had just passed.
#[test]
fn regression_no_counted_forms_fails_with_a_negative_margin() {
    let s = run(&all_rules(), &[area("Bản A", 1, 0, 0)]);
    for c in &s.verdict.checks {
        assert!(!c.passed, "{c:?}");
        assert!(c.margin_households < 0, "{c:?}");
    }
}

#[test]
fn the_weakest_area_and_item_are_named() {
    let mut b = area("Bản B", 100, 40, 40);
    b.items[6].satisfied = 20;
    b.items[6].dissatisfied = 20;
    let s = run(&all_rules(), &[area("Bản A", 100, 90, 90), b]);
    let by = |k: CheckKind| {
        s.verdict
            .checks
            .iter()
            .find(|c| c.check == k)
            .unwrap()
            .clone()
    };
    assert_eq!(
        by(CheckKind::ParticipationArea).subject.as_deref(),
        Some("Bản B")
    );
    assert!(!by(CheckKind::ParticipationArea).passed);
    assert_eq!(by(CheckKind::ParticipationArea).margin_households, -10);
    assert_eq!(by(CheckKind::ItemFloor).subject.as_deref(), Some("Câu 7"));
    assert_eq!(
        by(CheckKind::AreaItemFloor).subject.as_deref(),
        Some("Bản B — Câu 7")
    );
}

/// Random communes: 1-4 areas, every count consistent.
fn communes() -> impl Strategy<Value = Vec<AreaTally>> {
    prop::collection::vec(
        (
            1u64..120,
            prop::collection::vec((0u64..400, 0u64..60, 0u64..30), 19),
        )
            .prop_flat_map(|(households, items)| {
                (0..=households).prop_map(move |returned| {
                    let items: Vec<ItemCounts> = items
                        .iter()
                        .map(|&(a, b, c)| {
                            let total = (a + b + c).max(1);
                            let s = returned * a / total;
                            let d = (returned - s) * b / (b + c).max(1);
                            ItemCounts {
                                satisfied: s,
                                dissatisfied: d,
                                blank: returned - s - d,
                                invalid: 0,
                            }
                        })
                        .collect();
                    AreaTally {
                        area: format!("Bản {households}-{returned}"),
                        households,
                        returned,
                        items,
                        ..Default::default()
                    }
                })
            }),
        1..4,
    )
    .prop_map(|mut v| {
        for (i, a) in v.iter_mut().enumerate() {
            a.area = format!("Bản {i}");
        }
        v
    })
}

/// Changes one answer of item `item` in the first area where it can: adverse turns a
/// satisfied answer into not satisfied; favorable the other way (blank or not satisfied).
fn nudge(areas: &mut [AreaTally], item: usize, favorable: bool, only_area: Option<usize>) -> bool {
    for (k, a) in areas.iter_mut().enumerate() {
        if only_area.is_some_and(|o| o != k) {
            continue;
        }
        let c = &mut a.items[item];
        if favorable {
            if c.dissatisfied > 0 {
                c.dissatisfied -= 1;
                c.satisfied += 1;
                return true;
            }
            if c.blank > 0 {
                c.blank -= 1;
                c.satisfied += 1;
                return true;
            }
        } else if c.satisfied > 0 {
            c.satisfied -= 1;
            c.dissatisfied += 1;
            return true;
        }
    }
    false
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn rates_are_percentages_and_counts_add_up(areas in communes()) {
        let s = run(&all_rules(), &areas);
        for it in &s.items {
            prop_assert!((0.0..=100.0).contains(&it.rate.pct()));
            prop_assert_eq!(it.satisfied + it.dissatisfied + it.blank + it.invalid, s.forms.counted);
        }
        prop_assert!((0.0..=100.0).contains(&s.households.rate.pct()));
        for c in &s.verdict.checks {
            prop_assert_eq!(c.passed, c.margin_households >= 0, "{:?}", c);
        }
    }

    #[test]
    fn the_verdict_never_gets_worse_when_an_answer_improves(areas in communes(), item in 0usize..19) {
        let before = run(&all_rules(), &areas);
        let mut after_areas = areas.clone();
        prop_assume!(nudge(&mut after_areas, item, true, None));
        let after = run(&all_rules(), &after_areas);
        prop_assert!(after.verdict.passed || !before.verdict.passed);
        for (b, a) in before.verdict.checks.iter().zip(&after.verdict.checks) {
            prop_assert!(a.passed || !b.passed, "{:?} → {:?}", b, a);
            prop_assert!(a.margin_households >= b.margin_households);
        }
    }

    #[test]
    fn the_overall_margin_is_exact(areas in communes(), threshold in 50u32..=100) {
        let r = rules(CheckKind::OverallMin, &threshold.to_string());
        let c = run(&r, &areas).verdict.checks[0].clone();
        let m = c.margin_households;
        let steps = if m >= 0 { m as usize } else { (-m) as usize - 1 };
        let mut x = areas.clone();
        for _ in 0..steps {
            prop_assert!(nudge(&mut x, 18, m < 0, None));
        }
        // Absorbing m adverse answers still passes; being one short still fails.
        prop_assert_eq!(run(&r, &x).verdict.passed, m >= 0);
        // One more change flips it, when there is an answer left to change.
        if nudge(&mut x, 18, m < 0, None) {
            prop_assert_eq!(run(&r, &x).verdict.passed, m < 0);
        }
    }

    #[test]
    fn the_content_mean_margin_is_exact(areas in communes(), threshold in 50u32..=100) {
        let r = rules(CheckKind::ContentMeanMin, &threshold.to_string());
        let m = run(&r, &areas).verdict.checks[0].margin_households;
        let steps = if m >= 0 { m as usize } else { (-m) as usize - 1 };
        let mut x = areas.clone();
        let mut item = 0;
        for _ in 0..steps {
            while !nudge(&mut x, item, m < 0, None) {
                item += 1;
                prop_assert!(item < 18);
            }
        }
        prop_assert_eq!(run(&r, &x).verdict.passed, m >= 0);
        let more = (item..18).any(|i| nudge(&mut x, i, m < 0, None));
        if more {
            prop_assert_eq!(run(&r, &x).verdict.passed, m < 0);
        }
    }

    #[test]
    fn the_participation_margin_is_exact(areas in communes(), threshold in 10u32..=100) {
        let r = rules(CheckKind::ParticipationCommune, &threshold.to_string());
        let m = run(&r, &areas).verdict.checks[0].margin_households;
        let mut x = areas.clone();
        // Adverse: a form fewer; favorable: a household more surveyed (a blank form).
        let step = |x: &mut Vec<AreaTally>| -> bool {
            for a in x.iter_mut() {
                if m >= 0 && a.returned > 0 {
                    a.returned -= 1;
                    for c in a.items.iter_mut() {
                        if c.blank > 0 { c.blank -= 1 } else if c.dissatisfied > 0 { c.dissatisfied -= 1 } else { c.satisfied -= 1 }
                    }
                    return true;
                }
                if m < 0 && a.returned < a.households {
                    a.returned += 1;
                    for c in a.items.iter_mut() { c.blank += 1 }
                    return true;
                }
            }
            false
        };
        let steps = if m >= 0 { m } else { -m - 1 };
        for _ in 0..steps {
            prop_assert!(step(&mut x));
        }
        prop_assert_eq!(run(&r, &x).verdict.passed, m >= 0);
        if step(&mut x) {
            prop_assert_eq!(run(&r, &x).verdict.passed, m < 0);
        }
    }

    #[test]
    fn the_item_floor_margin_is_exact_on_its_weakest_item(areas in communes(), below in 0u32..20) {
        // A threshold at or under the weakest item's rate, so that the floor passes.
        let probe = run(&rules(CheckKind::ItemFloor, "0"), &areas);
        let n = probe.forms.counted;
        prop_assume!(n > 0);
        let weakest_pct = (0..18).map(|i| probe.items[i].satisfied * 100 / n).min().unwrap() as u32;
        let threshold = weakest_pct.saturating_sub(below);
        let r = rules(CheckKind::ItemFloor, &threshold.to_string());
        let s = run(&r, &areas);
        let m = s.verdict.checks[0].margin_households;
        prop_assert!(m >= 0);
        // The item with the least room absorbs exactly m adverse answers.
        let need = hailong::score::verdict::needed(Ratio::new(threshold as u128, 1), n);
        let weakest = (0..18).min_by_key(|i| s.items[*i].satisfied as i64 - need as i64).unwrap();
        let mut x = areas.clone();
        for _ in 0..m {
            prop_assert!(nudge(&mut x, weakest, false, None));
        }
        prop_assert!(run(&r, &x).verdict.passed);
        if nudge(&mut x, weakest, false, None) {
            prop_assert!(!run(&r, &x).verdict.passed);
        }
    }
}
