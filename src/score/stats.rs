//! Statistics beyond the official figure, always labelled as such.
//!
//! The official rate is a count over the forms returned. Two readings help judge it: a 95 %
//! confidence interval that treats the returned forms as a sample of the commune's households,
//! with the finite population correction (the survey reaches most households, so the interval
//! narrows to nothing as participation nears 100 %), and the worst case if every household that
//! did not answer were not satisfied. Formulas: `docs/methodology.md`. Never used in a verdict.

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal};

/// The statistics of one rate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RateStats {
    /// Lower end of the 95 % interval, percent.
    pub ci95_low_pct: f64,
    /// Upper end of the 95 % interval, percent.
    pub ci95_high_pct: f64,
    /// The rate if every household not surveyed were not satisfied, percent.
    pub worst_case_pct: f64,
}

/// z for a two-sided 95 % interval.
fn z95() -> f64 {
    Normal::new(0.0, 1.0)
        .expect("standard normal")
        .inverse_cdf(0.975)
}

/// Statistics of `satisfied` out of `counted` forms, in a population of `households`, of which
/// `not_surveyed` returned no form.
pub fn rate_stats(
    satisfied: u64,
    counted: u64,
    households: u64,
    not_surveyed: u64,
) -> Option<RateStats> {
    if counted == 0 {
        return None;
    }
    let (n, big_n) = (counted as f64, households.max(counted) as f64);
    let p = satisfied as f64 / n;
    let fpc = if big_n > 1.0 {
        ((big_n - n) / (big_n - 1.0)).max(0.0)
    } else {
        0.0
    };
    let half = z95() * (p * (1.0 - p) / n * fpc).sqrt();
    let worst = satisfied as f64 / (counted + not_surveyed) as f64;
    Some(RateStats {
        ci95_low_pct: ((p - half).max(0.0)) * 100.0,
        ci95_high_pct: ((p + half).min(1.0)) * 100.0,
        worst_case_pct: worst * 100.0,
    })
}

/// The Wilson score interval (95 %) of `successes` out of `n`, as shares (0–1): the interval
/// survey packs report beside a top-box share (issue #24), which stays inside 0–1 and does not
/// collapse at 0 % or 100 % as the normal one does. `None` for `n = 0`.
pub fn wilson95(successes: u64, n: u64) -> Option<(f64, f64)> {
    wilson95_fpc(successes, n, 1.0)
}

/// The finite-population correction `(N − n) / (N − 1)` of `n` respondents drawn from a unit
/// of `population` people (0 when the survey reached everyone: no sampling error is left).
pub fn fpc(n: u64, population: u64) -> f64 {
    if population <= 1 || n >= population {
        return 0.0;
    }
    (population - n) as f64 / (population - 1) as f64
}

/// The Wilson interval with the sampling variance `p(1 − p)/n` multiplied by `f` (the
/// finite-population correction, 1 without one): the roots of `(p̂ − p)² = z² f p(1 − p)/n`.
/// With `f = 0` it is the point `p̂` itself.
pub fn wilson95_fpc(successes: u64, n: u64, f: f64) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    let (k, n) = (successes.min(n) as f64, n as f64);
    let z2 = z95() * z95() * f.clamp(0.0, 1.0);
    let p = k / n;
    let d = 1.0 + z2 / n;
    let centre = p + z2 / (2.0 * n);
    let half = (z2 * (p * (1.0 - p) / n + z2 / (4.0 * n * n))).sqrt();
    Some((
        ((centre - half) / d).max(0.0),
        ((centre + half) / d).min(1.0),
    ))
}

/// The normal (Wald) 95 % interval of a mean `mean` of `n` observations whose variance (the
/// plug-in `Σy²/n − ȳ²`, from the exact counts) is `variance`, with the finite-population
/// correction `f`: `ȳ ± z √(variance · f / n)`, kept within `[lo, hi]`, the observations'
/// range. `None` for `n = 0`.
pub fn normal95(mean: f64, variance: f64, n: u64, f: f64, lo: f64, hi: f64) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    let half = z95() * (variance.max(0.0) * f.clamp(0.0, 1.0) / n as f64).sqrt();
    Some(((mean - half).max(lo), (mean + half).min(hi)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    /// Known values (Wilson 1927; 8 of 10 is the textbook example: 0,490–0,943).
    #[rstest]
    #[case(8, 10, 0.490_162, 0.943_318)]
    #[case(64, 160, 0.327_294, 0.477_395)]
    #[case(0, 5, 0.0, 0.434_482)]
    #[case(5, 5, 0.565_518, 1.0)]
    fn wilson_intervals_match_known_values(
        #[case] k: u64,
        #[case] n: u64,
        #[case] lo: f64,
        #[case] hi: f64,
    ) {
        let (a, b) = wilson95(k, n).unwrap();
        assert!(
            (a - lo).abs() < 1e-5 && (b - hi).abs() < 1e-5,
            "{k}/{n}: {a} {b}"
        );
    }

    /// Wilson with the finite-population correction, against the roots of the quadratic
    /// `(p̂ − p)² = z² f p(1 − p)/n` solved here directly.
    #[rstest]
    #[case(8, 10, 50)]
    #[case(64, 160, 400)]
    #[case(3, 30, 31)]
    fn wilson_with_fpc_solves_its_quadratic(#[case] k: u64, #[case] n: u64, #[case] big: u64) {
        let f = (big - n) as f64 / (big - 1) as f64;
        let z = 1.959_963_984_540_054;
        let c = z * z * f / n as f64;
        let ph = k as f64 / n as f64;
        // (1 + c) p² − (2p̂ + c) p + p̂² = 0
        let (a, b, cc) = (1.0 + c, -(2.0 * ph + c), ph * ph);
        let disc = (b * b - 4.0 * a * cc).sqrt();
        let (lo, hi) = ((-b - disc) / (2.0 * a), (-b + disc) / (2.0 * a));
        let (x, y) = wilson95_fpc(k, n, fpc(n, big)).unwrap();
        assert!(
            (x - lo).abs() < 1e-9 && (y - hi).abs() < 1e-9,
            "{x} {y} vs {lo} {hi}"
        );
        // Narrower than without the correction.
        let (x0, y0) = wilson95(k, n).unwrap();
        assert!(y - x < y0 - x0);
    }

    #[test]
    fn a_census_interval_is_the_point() {
        let (x, y) = wilson95_fpc(30, 40, fpc(40, 40)).unwrap();
        assert_eq!((x, y), (0.75, 0.75));
    }

    /// NPS of 5 promoters, 3 detractors, 2 passives: 20, variance
    /// (p⁺ + p⁻ − (p⁺ − p⁻)²)/n × 100² = (0,8 − 0,04)/10 × 10⁴ = 760.
    #[test]
    fn normal_interval_of_an_nps() {
        let (p, m, n) = (0.5f64, 0.3f64, 10u64);
        let var_mean = (p + m - (p - m).powi(2)) / n as f64 * 1e4;
        let half = 1.959_963_984_540_054 * var_mean.sqrt();
        let (lo, hi) = normal95(0.2, p + m - (p - m).powi(2), n, 1.0, -1.0, 1.0).unwrap();
        assert!((lo * 100.0 - (20.0 - half)).abs() < 1e-6, "{lo}");
        assert!((hi * 100.0 - (20.0 + half)).abs() < 1e-6, "{hi}");
    }

    #[test]
    fn no_answers_no_interval() {
        assert_eq!(wilson95(0, 0), None);
    }

    #[test]
    fn a_census_has_no_sampling_error() {
        let s = rate_stats(90, 100, 100, 0).unwrap();
        assert_eq!(s.ci95_low_pct, 90.0);
        assert_eq!(s.ci95_high_pct, 90.0);
        assert_eq!(s.worst_case_pct, 90.0);
    }

    #[test]
    fn the_interval_widens_as_participation_falls() {
        let high = rate_stats(90, 100, 110, 10).unwrap();
        let low = rate_stats(90, 100, 400, 300).unwrap();
        assert!(high.ci95_high_pct - high.ci95_low_pct < low.ci95_high_pct - low.ci95_low_pct);
        assert!((low.worst_case_pct - 22.5).abs() < 1e-9);
        // Without the correction the half-width would be 1,96·√(0,09/100) ≈ 5,88 points.
        assert!(((low.ci95_high_pct - 90.0) - 5.88 * (300.0f64 / 399.0).sqrt()).abs() < 0.01);
    }
}
