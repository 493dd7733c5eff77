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

    /// Product of two fractions; `None` on overflow.
    pub fn checked_mul(self, other: Ratio) -> Option<Ratio> {
        // Cross-reduce first so that products stay as small as the result allows.
        let g1 = gcd(self.num, other.den).max(1);
        let g2 = gcd(other.num, self.den).max(1);
        let num = (self.num / g1).checked_mul(other.num / g2)?;
        let den = (self.den / g2).checked_mul(other.den / g1)?;
        Some(Ratio::new(num, den))
    }

    /// Quotient of two fractions; `None` on overflow or when `other` is zero.
    pub fn checked_div(self, other: Ratio) -> Option<Ratio> {
        if other.num == 0 {
            return None;
        }
        self.checked_mul(Ratio {
            num: other.den,
            den: other.num,
        })
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

/// A figure beyond the official arithmetic (an interval's end, computed in floating point) with
/// `decimals` places and a decimal comma: `32,73`, `-12,5`; never `-0,00`. Official figures are
/// exact and go through [`Ratio::display`] instead.
pub fn approx(x: f64, decimals: u32) -> String {
    let s = format!("{:.*}", decimals as usize, x).replace('.', ",");
    match s.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == ',') => rest.to_string(),
        _ => s,
    }
}

/// A rate as results carry it: the exact ratio and the decimals it is shown with. Results hold
/// numbers; `Display` gives the Vietnamese figure ("99,93"), so that no front-end or workbook
/// has to format, or parse back, a rate. Rates order by value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rate {
    ratio: Ratio,
    decimals: u32,
}

impl Rate {
    /// `ratio`, shown with `decimals` fraction digits.
    pub fn new(ratio: Ratio, decimals: u32) -> Rate {
        Rate { ratio, decimals }
    }

    /// The exact value, for comparisons.
    pub fn ratio(&self) -> Ratio {
        self.ratio
    }

    /// The decimals it is shown with.
    pub fn decimals(&self) -> u32 {
        self.decimals
    }

    /// Percent as the nearest `f64`, for JSON and charts only.
    pub fn pct(&self) -> f64 {
        self.ratio.to_f64()
    }

    /// The value rounded half-up to its decimals, as `f64`: what a workbook cell stores, so
    /// that the cell and the figure printed beside it agree.
    pub fn rounded(&self) -> f64 {
        self.ratio.round_half_up_scaled(self.decimals) as f64 / 10f64.powi(self.decimals as i32)
    }
}

impl std::fmt::Display for Rate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.ratio.display(self.decimals))
    }
}

/// Declares a module whose `serialize` writes a [`Rate`] as the two JSON keys results have
/// always had (`{prefix}_pct`: the unrounded percent, `{prefix}_display`: the figure), for a
/// field marked `#[serde(flatten, serialize_with = "module::serialize")]`.
#[macro_export]
macro_rules! rate_json {
    ($module:ident, $pct:literal, $display:literal) => {
        #[doc = concat!("Writes a rate as `", $pct, "` and `", $display, "`.")]
        pub mod $module {
            #[doc = concat!("Writes a rate as `", $pct, "` and `", $display, "`.")]
            pub fn serialize<S: serde::Serializer>(
                r: &$crate::num::Rate,
                s: S,
            ) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry($pct, &r.pct())?;
                m.serialize_entry($display, &r.to_string())?;
                m.end()
            }
        }
    };
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

#[cfg(test)]
mod rate_tests {
    use super::{Rate, Ratio};

    crate::rate_json!(item_rate, "rate_pct", "rate_display");

    #[derive(serde::Serialize)]
    struct Item {
        number: u32,
        #[serde(flatten, serialize_with = "item_rate::serialize")]
        rate: Rate,
        blank: u64,
    }

    #[test]
    fn a_rate_keeps_the_json_keys_and_order_and_displays_half_up() {
        // 2.216 / 2.256 (xã Tam Giang's pooled rate): 98,2269… → "98,23".
        let r = Rate::new(Ratio::percent_of(2216, 2256), 2);
        assert_eq!(r.to_string(), "98,23");
        assert_eq!(r.rounded(), 98.23);
        let json = serde_json::to_string(&Item {
            number: 1,
            rate: r,
            blank: 0,
        })
        .unwrap();
        assert_eq!(
            json,
            format!(
                "{{\"number\":1,\"rate_pct\":{},\"rate_display\":\"98,23\",\"blank\":0}}",
                serde_json::to_string(&(2216f64 * 100.0 / 2256.0)).unwrap()
            )
        );
    }
}
