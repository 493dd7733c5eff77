//! Exact rates and Vietnamese number display.
//!
//! Counts stay integers and rates stay exact fractions until the moment they are shown: the
//! published figures (99,93 for 2.840/2.842, 99,96 for 65.604/65.627) are reproduced only by
//! rounding the exact value half-up, never a binary float. Nothing here knows about surveys.

use std::cmp::Ordering;
use std::fmt;

/// A non-negative exact fraction `num / den` with `den > 0`, kept reduced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ratio {
    num: u128,
    den: u128,
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Ratio {
    /// `num / den`; a zero denominator gives zero, which is how an empty table reads.
    pub fn new(num: u128, den: u128) -> Ratio {
        if den == 0 {
            return Ratio { num: 0, den: 1 };
        }
        let g = gcd(num, den).max(1);
        Ratio {
            num: num / g,
            den: den / g,
        }
    }

    /// The fraction as a percentage: `100 · num / den`.
    pub fn percent_of(num: u64, den: u64) -> Ratio {
        Ratio::new(num as u128 * 100, den as u128)
    }

    /// Zero.
    pub fn zero() -> Ratio {
        Ratio { num: 0, den: 1 }
    }

    /// Numerator after reduction.
    pub fn numer(&self) -> u128 {
        self.num
    }

    /// Denominator after reduction.
    pub fn denom(&self) -> u128 {
        self.den
    }

    /// Parses a decimal such as `90`, `92.5` or `89,995` exactly.
    pub fn parse_decimal(text: &str) -> Option<Ratio> {
        let t = text.trim().replace(',', ".");
        let (int, frac) = match t.split_once('.') {
            Some((i, f)) => (i, f),
            None => (t.as_str(), ""),
        };
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        if !int.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        if frac.len() > 18 || int.len() > 18 {
            return None;
        }
        let digits = format!("{int}{frac}");
        let num: u128 = if digits.is_empty() {
            0
        } else {
            digits.parse().ok()?
        };
        Some(Ratio::new(num, 10u128.pow(frac.len() as u32)))
    }

    /// Sum of two fractions; `None` on overflow (which needs denominators far beyond any survey).
    pub fn checked_add(self, other: Ratio) -> Option<Ratio> {
        let g = gcd(self.den, other.den);
        let den = (self.den / g).checked_mul(other.den)?;
        let num = self
            .num
            .checked_mul(other.den / g)?
            .checked_add(other.num.checked_mul(self.den / g)?)?;
        Some(Ratio::new(num, den))
    }

    /// `self − other` with its sign: `(true, d)` when `self ≥ other`, else `(false, other − self)`.
    pub fn signed_diff(self, other: Ratio) -> (bool, Ratio) {
        let (hi, lo, pos) = if self >= other {
            (self, other, true)
        } else {
            (other, self, false)
        };
        let g = gcd(hi.den, lo.den);
        let den = (hi.den / g) * lo.den;
        let num = hi.num * (lo.den / g) - lo.num * (hi.den / g);
        (pos, Ratio::new(num, den))
    }

    /// Division by a whole number (the mean of `k` rates).
    pub fn div_int(self, k: u128) -> Ratio {
        if k == 0 {
            return Ratio::zero();
        }
        let g = gcd(self.num, k).max(1);
        Ratio::new(self.num / g, self.den * (k / g))
    }

    /// The nearest `f64`, for JSON and statistics only; never for comparisons or display.
    pub fn to_f64(&self) -> f64 {
        self.num as f64 / self.den as f64
    }

    /// The value rounded half-up to `decimals` places, as an integer scaled by `10^decimals`.
    pub fn round_half_up_scaled(&self, decimals: u32) -> u128 {
        let scale = 10u128.pow(decimals);
        (2 * self.num * scale + self.den) / (2 * self.den)
    }

    /// Vietnamese display, rounded half-up: `99,93`, `2.842,5`, `100`.
    /// `decimals` fraction digits are always shown (`100,00` with 2).
    pub fn display(&self, decimals: u32) -> String {
        let scaled = self.round_half_up_scaled(decimals);
        let scale = 10u128.pow(decimals);
        let int = group_thousands(&(scaled / scale).to_string());
        if decimals == 0 {
            return int;
        }
        format!(
            "{int},{:0width$}",
            scaled % scale,
            width = decimals as usize
        )
    }
}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ratio {
    fn cmp(&self, other: &Self) -> Ordering {
        // Cross-multiplication in u128 is exact for every count a survey can produce; fall back
        // to a long division comparison only if it would overflow.
        match (
            self.num.checked_mul(other.den),
            other.num.checked_mul(self.den),
        ) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => cmp_by_division(*self, *other),
        }
    }
}

fn cmp_by_division(a: Ratio, b: Ratio) -> Ordering {
    let (mut an, mut ad, mut bn, mut bd) = (a.num, a.den, b.num, b.den);
    loop {
        let (qa, qb) = (an / ad, bn / bd);
        if qa != qb {
            return qa.cmp(&qb);
        }
        let (ra, rb) = (an % ad, bn % bd);
        match (ra == 0, rb == 0) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            _ => {}
        }
        // a' = ad/ra and b' = bd/rb compare in reverse order.
        (an, ad, bn, bd) = (bd, rb, ad, ra);
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display(2))
    }
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A count with the Vietnamese thousands dot: `2.842`.
pub fn count(n: u64) -> String {
    group_thousands(&n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_differences() {
        let (pos, d) = Ratio::new(3, 4).signed_diff(Ratio::new(1, 2));
        assert!(pos);
        assert_eq!(d, Ratio::new(1, 4));
        let (pos, d) = Ratio::new(1, 3).signed_diff(Ratio::new(1, 2));
        assert!(!pos);
        assert_eq!(d, Ratio::new(1, 6));
    }

    #[test]
    fn thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(2842), "2.842");
        assert_eq!(count(1234567), "1.234.567");
    }

    #[test]
    fn parse_decimal_is_exact() {
        assert_eq!(Ratio::parse_decimal("90"), Some(Ratio::new(90, 1)));
        assert_eq!(
            Ratio::parse_decimal("89.995"),
            Some(Ratio::new(89995, 1000))
        );
        assert_eq!(
            Ratio::parse_decimal("89,995"),
            Some(Ratio::new(89995, 1000))
        );
        assert_eq!(Ratio::parse_decimal("abc"), None);
        assert_eq!(Ratio::parse_decimal("-1"), None);
    }

    #[test]
    fn division_compare_agrees_with_cross_multiplication() {
        let pairs = [
            ((1, 3), (2, 6)),
            ((1, 3), (1, 2)),
            ((7, 5), (4, 3)),
            ((10, 4), (5, 2)),
        ];
        for ((a, b), (c, d)) in pairs {
            let (x, y) = (Ratio::new(a, b), Ratio::new(c, d));
            assert_eq!(cmp_by_division(x, y), x.cmp(&y), "{x:?} vs {y:?}");
        }
    }
}
