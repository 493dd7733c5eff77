//! The published arithmetic of the domain notes (§6), rounding ties, and exact thresholds.

use hailong::num::{Ratio, count};
use proptest::prelude::*;
use rstest::rstest;

/// Counts in, the published display string out.
#[rstest]
#[case::binh_ninh_item1(2840, 2842, 2, "99,93")]
#[case::binh_ninh_item1_not(2, 2842, 2, "0,07")]
#[case::binh_ninh_households(2842, 3343, 0, "85")]
#[case::tan_phuoc_overall(11679, 11683, 2, "99,97")]
#[case::tan_phuoc_not(4, 11683, 2, "0,03")]
#[case::tan_phuoc_other(39, 11683, 2, "0,33")]
#[case::tan_phuoc_households(11683, 16226, 0, "72")]
#[case::tien_giang_q1(65604, 65627, 2, "99,96")]
#[case::tien_giang_q1_not(23, 65627, 2, "0,04")]
#[case::tien_giang_q2(65459, 65627, 2, "99,74")]
#[case::thi_trung_one_decimal(648, 918, 1, "70,6")]
#[case::quang_nghiep_households(1106, 1629, 1, "67,9")]
#[case::quang_nghiep_overall(1105, 1106, 1, "99,9")]
#[case::linh_cang(71, 72, 2, "98,61")]
#[case::thanh_oai(39200, 60160, 2, "65,16")]
fn published_figures(
    #[case] num: u64,
    #[case] den: u64,
    #[case] decimals: u32,
    #[case] shown: &str,
) {
    assert_eq!(Ratio::percent_of(num, den).display(decimals), shown);
}

/// Exact ties go up (banker's rounding would give the other answer in every case here).
#[rstest]
#[case::one_eightieth(1, 80, 1, "1,3")] // 1,25
#[case::one_eighth(1, 8, 1, "12,5")] // exact
#[case::one_sixteenth(1, 16, 1, "6,3")] // 6,25
#[case::three_eighths(3, 8, 0, "38")] // 37,5
#[case::five_eighths_of_a_tenth(1, 1600, 3, "0,063")] // 0,0625
#[case::hundred(7, 7, 2, "100,00")]
#[case::zero(0, 7, 2, "0,00")]
fn half_up_ties(#[case] num: u64, #[case] den: u64, #[case] decimals: u32, #[case] shown: &str) {
    assert_eq!(Ratio::percent_of(num, den).display(decimals), shown);
}

#[rstest]
#[case(0, "0")]
#[case(999, "999")]
#[case(2842, "2.842")]
#[case(65627, "65.627")]
#[case(10_000_000, "10.000.000")]
fn thousands_dot(#[case] n: u64, #[case] shown: &str) {
    assert_eq!(count(n), shown);
}

/// Thresholds are compared on exact values: a rate that displays as "90,00" may still fail 90.
#[rstest]
#[case::just_below(17999, 20000, "90", false)] // 89,995 %
#[case::at(18000, 20000, "90", true)]
#[case::just_above(18001, 20000, "90", true)]
#[case::decimal_threshold(1850, 2000, "92.5", true)]
#[case::decimal_threshold_below(1849, 2000, "92.5", false)]
#[case::displayed_equal_but_below(899_999, 1_000_000, "90", false)] // shows 90,00
fn exact_threshold_comparison(
    #[case] num: u64,
    #[case] den: u64,
    #[case] threshold: &str,
    #[case] passes: bool,
) {
    let t = Ratio::parse_decimal(threshold).unwrap();
    assert_eq!(Ratio::percent_of(num, den) >= t, passes);
}

proptest! {
    /// Half-up rounding: the shown value r satisfies (2r − 1)·den ≤ 2·num·10^d < (2r + 1)·den.
    #[test]
    fn rounding_is_half_up(num in 0u64..2_000_000, extra in 0u64..2_000_000, decimals in 0u32..4) {
        let den = num + extra + 1;
        let r = Ratio::percent_of(num, den);
        let scaled = r.round_half_up_scaled(decimals);
        let lhs = 2 * r.numer() * 10u128.pow(decimals);
        prop_assert!((2 * scaled).saturating_sub(1) * r.denom() <= lhs);
        prop_assert!(lhs < (2 * scaled + 1) * r.denom());
    }

    /// Every rate of counts lies in [0, 100] and its display parses back within half a unit.
    #[test]
    fn rates_stay_in_range(num in 0u64..10_000_000, extra in 0u64..10_000_000) {
        let den = num + extra + 1;
        let r = Ratio::percent_of(num, den);
        prop_assert!(r <= Ratio::new(100, 1));
        let shown = r.display(2).replace('.', "");
        let back = Ratio::parse_decimal(&shown).unwrap();
        let diff = if back > r { back.to_f64() - r.to_f64() } else { r.to_f64() - back.to_f64() };
        prop_assert!(diff <= 0.005 + 1e-12);
    }

    /// Ordering agrees with cross-multiplication in wide integers.
    #[test]
    fn ordering_is_exact(a in 0u64..1_000_000, b in 1u64..1_000_000, c in 0u64..1_000_000, d in 1u64..1_000_000) {
        let (x, y) = (Ratio::new(a as u128, b as u128), Ratio::new(c as u128, d as u128));
        prop_assert_eq!(x.cmp(&y), (a as u128 * d as u128).cmp(&(c as u128 * b as u128)));
    }
}
