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
    if n == 0 {
        return None;
    }
    let (k, n) = (successes.min(n) as f64, n as f64);
    let z = z95();
    let p = k / n;
    let d = 1.0 + z * z / n;
    let centre = p + z * z / (2.0 * n);
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt();
    Some((
        ((centre - half) / d).max(0.0),
        ((centre + half) / d).min(1.0),
    ))
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
