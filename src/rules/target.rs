//! Reading an indicator's target and a commune's result against it.
//!
//! Targets are written as the decisions print them: `Đạt`, `≥70%`, `100%`, `≤ 5%`. hailong reads
//! a result only where the target is one of these shapes and the result is a plain number or a
//! plain yes/no; anything else (a target with `?`, a result such as "95 km") is `None`, never a
//! guess. This module must not decide what a commune claims; it only says what the figure shows.

use crate::num::Ratio;
use crate::text::fold;

/// A target, as far as hailong can read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// "Đạt": met or not, stated in words.
    Reached,
    /// At least this number (`≥70%`, `100%`, `70%`).
    AtLeast(Ratio),
    /// At most this number (`≤5%`).
    AtMost(Ratio),
    /// "Không": none at all (no makeshift houses); met by "Không", "0" or "0%".
    Nothing,
    /// Not readable (unknown `?`, a compound or a text target).
    Unknown,
}

impl Target {
    /// Reads a target as written.
    pub fn parse(text: &str) -> Target {
        let t = text.trim();
        if t.is_empty() || t.contains('?') {
            return Target::Unknown;
        }
        let folded = fold(t);
        if folded == "dat" {
            return Target::Reached;
        }
        if folded == "khong" {
            return Target::Nothing;
        }
        let (ctor, rest): (fn(Ratio) -> Target, &str) =
            if let Some(r) = t.strip_prefix('≥').or_else(|| t.strip_prefix(">=")) {
                (Target::AtLeast, r)
            } else if let Some(r) = t.strip_prefix('≤').or_else(|| t.strip_prefix("<=")) {
                (Target::AtMost, r)
            } else {
                // A bare rate is the least share the decision asks for ("100%", "70%").
                (Target::AtLeast, t)
            };
        match number(rest) {
            Some(n) => ctor(n),
            None => Target::Unknown,
        }
    }

    /// Whether `result` meets the target, where hailong can tell.
    pub fn judge(&self, result: &str) -> Option<bool> {
        match self {
            Target::Reached => yes_no(result),
            Target::AtLeast(t) => number(result).map(|r| r >= *t),
            Target::AtMost(t) => number(result).map(|r| r <= *t),
            Target::Nothing => match fold(result.trim()).as_str() {
                "khong" | "khong co" => Some(true),
                _ => number(result).map(|n| n == Ratio::zero()),
            },
            Target::Unknown => None,
        }
    }
}

/// "Đạt" / "Chưa đạt" and their usual spellings; `None` for anything else.
pub fn yes_no(text: &str) -> Option<bool> {
    match fold(text.trim()).as_str() {
        // Not "x": a cross in one column may mean either, and two tick columns are read apart.
        "dat" | "co" | "hoan thanh" | "yes" | "met" | "achieved" => Some(true),
        "chua dat" | "khong dat" | "khong" | "chua" | "chua hoan thanh" | "no" | "not met" => {
            Some(false)
        }
        _ => None,
    }
}

/// A plain number with an optional `%`: `93`, `93%`, `93,5 %`, `93.5`. A comma is the decimal
/// mark (dots before it group thousands); without a comma one dot is the decimal mark.
pub fn number(text: &str) -> Option<Ratio> {
    let t = text.trim();
    let t = t.strip_suffix('%').unwrap_or(t).trim();
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let normal = if t.contains(',') {
        t.replace('.', "")
    } else if t.matches('.').count() > 1 {
        return None;
    } else {
        t.to_string()
    };
    Ratio::parse_decimal(&normal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("≥70%", "70", Some(true))]
    #[case("≥70%", "69,99", Some(false))]
    #[case("≥ 95%", "93", Some(false))]
    #[case("≥ 95%", "95 %", Some(true))]
    #[case(">=95", "95.5", Some(true))]
    #[case("100%", "100", Some(true))]
    #[case("100%", "99,9%", Some(false))]
    #[case("≤5%", "5", Some(true))]
    #[case("≤5%", "5,01", Some(false))]
    #[case("Đạt", "Đạt", Some(true))]
    #[case("Đạt", "chưa đạt", Some(false))]
    #[case("Đạt", "đạt 100%", None)]
    #[case("≥70% (cứng hóa ≥50%?)", "80", None)]
    #[case("?", "80", None)]
    #[case("Không", "không", Some(true))]
    #[case("Không", "0%", Some(true))]
    #[case("Không", "2", Some(false))]
    #[case("≥70%", "95 km", None)]
    #[case("≥70%", "1.2.3", None)]
    #[case("≥70%", "", None)]
    fn targets_judge_results(
        #[case] target: &str,
        #[case] result: &str,
        #[case] want: Option<bool>,
    ) {
        assert_eq!(
            Target::parse(target).judge(result),
            want,
            "{target} / {result}"
        );
    }

    #[test]
    fn thousands_dots_before_a_decimal_comma() {
        assert_eq!(number("1.234,5"), Ratio::parse_decimal("1234.5"));
    }
}
