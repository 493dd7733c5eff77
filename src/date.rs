//! Calendar days: reading the dates communes type (posting dates of their report) and counting
//! days between them.
//!
//! Dates are written day first in Vietnam (`12/3/2025`, `12-03-2025`, `12.3.2025`), as ISO
//! (`2025-03-12`) by exports, or arrive as spreadsheet serial numbers. A text that could be
//! read two ways is not guessed at: month-first is never tried. No time zones, no times.

use serde::{Deserialize, Serialize};

/// A day of the proleptic Gregorian calendar, counted from 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Day(pub i64);

impl Day {
    /// The day of `year-month-day`, if it exists.
    pub fn from_ymd(year: i64, month: u32, day: u32) -> Option<Day> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        // Howard Hinnant's days_from_civil.
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Day(era * 146_097 + doe - 719_468))
    }

    /// Year, month, day.
    pub fn ymd(self) -> (i64, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = yoe + era * 400 + i64::from(m <= 2);
        (y, m, d)
    }

    /// A spreadsheet serial day number (1900 date system, as Excel and LibreOffice write it).
    pub fn from_serial(serial: f64) -> Option<Day> {
        if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
            return None;
        }
        // Serial 25569 is 1970-01-01 (Excel's phantom 29/02/1900 is before any real date here).
        Some(Day(serial.floor() as i64 - 25_569))
    }

    /// Reads `d/m/yyyy` (also with `-` or `.`) or `yyyy-mm-dd`; two-digit years are 20yy.
    pub fn parse(text: &str) -> Option<Day> {
        let t = text.trim();
        let t = t.split([' ', 'T']).next().unwrap_or(t);
        let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
        if parts.len() != 3
            || parts
                .iter()
                .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        let n = |s: &str| s.parse::<i64>().ok();
        if parts[0].len() == 4 {
            return Day::from_ymd(n(parts[0])?, n(parts[1])? as u32, n(parts[2])? as u32);
        }
        let mut year = n(parts[2])?;
        match parts[2].len() {
            2 => year += 2000,
            4 => {}
            _ => return None,
        }
        Day::from_ymd(
            year,
            n(parts[1])?.try_into().ok()?,
            n(parts[0])?.try_into().ok()?,
        )
    }

    /// `dd/mm/yyyy`, as Vietnamese documents print a date.
    pub fn display(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{d:02}/{m:02}/{y}")
    }

    /// `yyyy-mm-dd`.
    pub fn iso(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}-{m:02}-{d:02}")
    }
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    #[rstest]
    #[case("12/3/2025", Some("2025-03-12"))]
    #[case("01-03-2025", Some("2025-03-01"))]
    #[case("1.3.25", Some("2025-03-01"))]
    #[case("2025-03-12", Some("2025-03-12"))]
    #[case("2025-03-12T00:00:00", Some("2025-03-12"))]
    #[case("29/02/2024", Some("2024-02-29"))]
    #[case("29/02/2025", None)]
    #[case("31/4/2025", None)]
    #[case("13/13/2025", None)]
    #[case("ngày 12 tháng 3", None)]
    #[case("12/3", None)]
    #[case("", None)]
    fn reads_dates_day_first(#[case] text: &str, #[case] want: Option<&str>) {
        assert_eq!(Day::parse(text).map(Day::iso).as_deref(), want, "{text}");
    }

    #[test]
    fn serials_as_excel_writes_them() {
        assert_eq!(
            Day::from_serial(45_728.0).map(Day::iso).as_deref(),
            Some("2025-03-12")
        );
        assert_eq!(Day::from_serial(f64::NAN), None);
    }

    proptest! {
        #[test]
        fn ymd_round_trips(n in -800_000i64..800_000) {
            let (y, m, d) = Day(n).ymd();
            prop_assert_eq!(Day::from_ymd(y, m, d), Some(Day(n)));
        }
    }
}
