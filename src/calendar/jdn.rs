//! Julian Day Numbers and the proleptic Julian and Gregorian calendars.
//!
//! A [`Jdn`] names a civil day: JDN 0 is 1 January 4713 BCE in the proleptic Julian
//! calendar, and each day after it adds one (the astronomical Julian Date at noon of that
//! day). The historical tables in [`super::months`] give every month's first day as a JDN.
//!
//! Western dates here ([`Date`]) use **astronomical year numbering**, as ISO 8601 does: the
//! year 0 is 1 BCE, -1 is 2 BCE, -4712 is 4713 BCE. Convert to historians' numbering with
//! [`super::CeYear::from_astronomical`]. What lives elsewhere: Chinese dates (months, days
//! by number or 干支) are in [`super::months`]; the 干支 of a day is [`super::Ganzhi::of_jdn`].

use std::fmt;
use std::ops::{Add, Sub};

/// A Julian Day Number: the count of days since 1 January 4713 BCE (proleptic Julian),
/// naming one civil day. `Jdn(2_129_431)` is 24 January 1118 (Julian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Jdn(pub i32);

/// Which Western calendar a [`Date`] is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Calendar {
    /// The Julian calendar, extended back before 45 BCE without change (every fourth year
    /// a leap year, the year 0 included).
    Julian,
    /// The Gregorian calendar, extended back before 1582 without change.
    Gregorian,
}

/// A day of a Western calendar: year (astronomical: 0 is 1 BCE), month 1–12, day 1–31.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, astronomical numbering (0 = 1 BCE, -1 = 2 BCE).
    pub year: i32,
    /// The month, 1 (January) to 12.
    pub month: u8,
    /// The day of the month, 1 to 31.
    pub day: u8,
}

impl Date {
    /// The date `year-month-day` (astronomical year), if that day exists in `calendar`.
    pub fn new(calendar: Calendar, year: i32, month: u8, day: u8) -> Option<Date> {
        let d = Date { year, month, day };
        if month == 0 || month > 12 || day == 0 || day > days_in_month(calendar, year, month) {
            return None;
        }
        Some(d)
    }
}

impl fmt::Display for Date {
    /// ISO 8601 with astronomical years: `1118-05-22`, `0000-03-01` (1 BCE), `-0206-11-14`
    /// (207 BCE). Years beyond four digits are written in full.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.year < 0 {
            write!(
                f,
                "-{:04}-{:02}-{:02}",
                -i64::from(self.year),
                self.month,
                self.day
            )
        } else {
            write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
        }
    }
}

/// Whether `year` (astronomical) is a leap year in `calendar`.
pub fn is_leap_year(calendar: Calendar, year: i32) -> bool {
    match calendar {
        Calendar::Julian => year.rem_euclid(4) == 0,
        Calendar::Gregorian => {
            year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
        }
    }
}

/// The number of days of `month` (1–12) of `year` (astronomical) in `calendar`; 0 for a
/// month out of range.
pub fn days_in_month(calendar: Calendar, year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(calendar, year) => 29,
        2 => 28,
        _ => 0,
    }
}

// The conversions count from 1 March of a year (so the leap day ends the counted year) in
// whole cycles: 4 years (1,461 days) for the Julian calendar, 400 years (146,097 days) for
// the Gregorian. Floor division keeps them exact for negative years.

/// Days from 1 March of year 0 to the first of `month`, with the year starting in March.
fn days_before_month(shifted_month: i64) -> i64 {
    (153 * shifted_month + 2) / 5
}

impl Jdn {
    /// The day `date` of `calendar` (astronomical year).
    pub fn from_date(calendar: Calendar, date: Date) -> Jdn {
        Jdn::from_ymd(calendar, date.year, date.month, date.day)
    }

    /// The day `year-month-day` of `calendar` (astronomical year; month 1–12; day 1–31).
    /// Out-of-range days count on (`1118-01-32` is `1118-02-01`).
    pub fn from_ymd(calendar: Calendar, year: i32, month: u8, day: u8) -> Jdn {
        let (y, m) = if month <= 2 {
            (i64::from(year) - 1, i64::from(month) + 9)
        } else {
            (i64::from(year), i64::from(month) - 3)
        };
        let doy = days_before_month(m) + i64::from(day) - 1;
        let days = match calendar {
            Calendar::Julian => y.div_euclid(4) * 1461 + y.rem_euclid(4) * 365 + doy + 1_721_118,
            Calendar::Gregorian => {
                let era = y.div_euclid(400);
                let yoe = y.rem_euclid(400);
                era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy + 1_721_120
            }
        };
        Jdn(i32::try_from(days).expect("a JDN within i32"))
    }

    /// The date of this day in `calendar` (astronomical year).
    pub fn to_date(self, calendar: Calendar) -> Date {
        let (y, doy) = match calendar {
            Calendar::Julian => {
                let d = i64::from(self.0) - 1_721_118;
                let cycle = d.div_euclid(1461);
                let r = d.rem_euclid(1461);
                // The 1,461 days hold years of 365, 365, 365 and 366 days (leap day last).
                let yoc = (r / 365).min(3);
                (cycle * 4 + yoc, r - yoc * 365)
            }
            Calendar::Gregorian => {
                let d = i64::from(self.0) - 1_721_120;
                let era = d.div_euclid(146_097);
                let doe = d.rem_euclid(146_097);
                let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
                (era * 400 + yoe, doe - (365 * yoe + yoe / 4 - yoe / 100))
            }
        };
        let m = (5 * doy + 2) / 153;
        let day = doy - days_before_month(m) + 1;
        let (year, month) = if m < 10 { (y, m + 3) } else { (y + 1, m - 9) };
        Date {
            year: i32::try_from(year).expect("a year within i32"),
            month: month as u8,
            day: day as u8,
        }
    }

    /// The date in the proleptic Julian calendar.
    pub fn julian(self) -> Date {
        self.to_date(Calendar::Julian)
    }

    /// The date in the proleptic Gregorian calendar.
    pub fn gregorian(self) -> Date {
        self.to_date(Calendar::Gregorian)
    }

    /// The date as historians write Western dates: Julian before 15 October 1582, Gregorian
    /// from then on.
    pub fn historical(self) -> (Calendar, Date) {
        let c = if self.0 < GREGORIAN_REFORM.0 {
            Calendar::Julian
        } else {
            Calendar::Gregorian
        };
        (c, self.to_date(c))
    }

    /// The number of days from `earlier` to `self` (`self - earlier`).
    pub fn since(self, earlier: Jdn) -> i32 {
        self.0 - earlier.0
    }
}

impl Add<i32> for Jdn {
    type Output = Jdn;

    /// The day `n` days later (earlier for negative `n`).
    fn add(self, n: i32) -> Jdn {
        Jdn(self.0 + n)
    }
}

impl Sub<i32> for Jdn {
    type Output = Jdn;

    /// The day `n` days earlier.
    fn sub(self, n: i32) -> Jdn {
        Jdn(self.0 - n)
    }
}

impl Sub for Jdn {
    type Output = i32;

    /// The number of days between two days.
    fn sub(self, earlier: Jdn) -> i32 {
        self.0 - earlier.0
    }
}

/// The first day of the Gregorian calendar, 15 October 1582 (the day after 4 October 1582
/// Julian).
pub const GREGORIAN_REFORM: Jdn = Jdn(2_299_161);

impl fmt::Display for Jdn {
    /// `JDN 2129431`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "JDN {}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(y: i32, m: u8, d: u8) -> Jdn {
        Jdn::from_ymd(Calendar::Julian, y, m, d)
    }

    fn g(y: i32, m: u8, d: u8) -> Jdn {
        Jdn::from_ymd(Calendar::Gregorian, y, m, d)
    }

    #[test]
    fn anchors() {
        assert_eq!(j(-4712, 1, 1), Jdn(0));
        assert_eq!(g(-4713, 11, 24), Jdn(0));
        assert_eq!(g(2000, 1, 1), Jdn(2_451_545));
        assert_eq!(g(1858, 11, 17), Jdn(2_400_001)); // MJD 0 is JD 2400000.5
        assert_eq!(g(1970, 1, 1), Jdn(2_440_588));
        // The reform: Thursday 4 October 1582 (Julian) was followed by Friday 15 October
        // 1582 (Gregorian).
        assert_eq!(j(1582, 10, 4) + 1, g(1582, 10, 15));
        assert_eq!(g(1582, 10, 15), GREGORIAN_REFORM);
        assert_eq!(j(1582, 10, 15), g(1582, 10, 25));
        // Published anchors of the Chinese tables.
        assert_eq!(j(1118, 1, 24), Jdn(2_129_431));
        assert_eq!(j(1118, 5, 22), g(1118, 5, 29));
        assert_eq!(j(1, 1, 1), Jdn(1_721_424));
        assert_eq!(j(0, 12, 31), Jdn(1_721_423));
        assert_eq!(j(-206, 11, 14), Jdn(1_646_134));
    }

    #[test]
    fn leap_years() {
        assert!(is_leap_year(Calendar::Julian, 1900));
        assert!(!is_leap_year(Calendar::Gregorian, 1900));
        assert!(is_leap_year(Calendar::Gregorian, 2000));
        assert!(is_leap_year(Calendar::Julian, 0));
        assert!(is_leap_year(Calendar::Julian, -4));
        assert!(!is_leap_year(Calendar::Julian, -1));
        assert_eq!(j(1900, 3, 1).since(j(1900, 2, 28)), 2);
        assert_eq!(g(1900, 3, 1).since(g(1900, 2, 28)), 1);
        assert_eq!(
            Date::new(Calendar::Julian, 1900, 2, 29).map(|d| d.day),
            Some(29)
        );
        assert_eq!(Date::new(Calendar::Gregorian, 1900, 2, 29), None);
        assert_eq!(Date::new(Calendar::Julian, 1, 13, 1), None);
        assert_eq!(Date::new(Calendar::Julian, 1, 4, 31), None);
    }

    /// Every day from 4713 BCE to 2200 CE, both calendars: the dates are consecutive and
    /// round trip.
    #[test]
    fn exhaustive_round_trips() {
        for cal in [Calendar::Julian, Calendar::Gregorian] {
            let start = Jdn(-10);
            let mut prev = start.to_date(cal);
            assert_eq!(Jdn::from_date(cal, prev), start);
            for n in start.0 + 1..2_524_959 {
                let d = Jdn(n).to_date(cal);
                let next_day = if prev.day < days_in_month(cal, prev.year, prev.month) {
                    Date {
                        day: prev.day + 1,
                        ..prev
                    }
                } else if prev.month < 12 {
                    Date {
                        month: prev.month + 1,
                        day: 1,
                        ..prev
                    }
                } else {
                    Date {
                        year: prev.year + 1,
                        month: 1,
                        day: 1,
                    }
                };
                assert_eq!(d, next_day, "{cal:?} JDN {n}");
                assert_eq!(Jdn::from_date(cal, d), Jdn(n), "{cal:?} {d}");
                prev = d;
            }
        }
    }

    #[test]
    fn iso_rendering() {
        assert_eq!(j(1118, 5, 22).julian().to_string(), "1118-05-22");
        assert_eq!(j(1118, 5, 22).gregorian().to_string(), "1118-05-29");
        assert_eq!(Jdn(0).julian().to_string(), "-4712-01-01");
        assert_eq!(j(0, 3, 1).julian().to_string(), "0000-03-01");
        assert_eq!(j(-206, 11, 14).julian().to_string(), "-0206-11-14");
        assert_eq!(j(12345, 1, 1).julian().to_string(), "12345-01-01");
        assert_eq!(Jdn(5).to_string(), "JDN 5");
    }

    #[test]
    fn historical_switch() {
        assert_eq!(
            j(1582, 10, 4).historical(),
            (Calendar::Julian, j(1582, 10, 4).julian())
        );
        let (c, d) = GREGORIAN_REFORM.historical();
        assert_eq!(
            (c, d.to_string()),
            (Calendar::Gregorian, "1582-10-15".to_string())
        );
    }

    #[test]
    fn day_overflow_counts_on() {
        assert_eq!(j(1118, 1, 32), j(1118, 2, 1));
        assert_eq!(j(1118, 2, 1) - 1, j(1118, 1, 31));
        assert_eq!(j(1118, 2, 1) - j(1118, 1, 1), 31);
    }
}
