//! The sexagenary cycle (干支): 甲子 … 癸亥, naming years and days.

use std::fmt;

use serde::{Serialize, Serializer};

use super::CeYear;

/// The ten heavenly stems (天干).
pub const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
/// The twelve earthly branches (地支).
pub const BRANCHES: [char; 12] = [
    '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
];

/// A position in the sexagenary cycle, 0 (甲子) to 59 (癸亥).
///
/// Serialises as its two characters (`"辛巳"`); displays the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ganzhi(u8);

impl Ganzhi {
    /// The position `n` (0 = 甲子); `None` beyond 59.
    pub const fn new(n: u8) -> Option<Ganzhi> {
        if n < 60 { Some(Ganzhi(n)) } else { None }
    }

    /// The pair of a stem and a branch, if it exists (a stem and a branch of the same
    /// parity: 甲子 exists, 甲丑 does not).
    pub fn from_chars(stem: char, branch: char) -> Option<Ganzhi> {
        let s = STEMS.iter().position(|&c| c == stem)?;
        let b = BRANCHES.iter().position(|&c| c == branch)?;
        if s % 2 != b % 2 {
            return None;
        }
        // The n with n ≡ s (mod 10) and n ≡ b (mod 12).
        (0..60u8)
            .find(|&n| usize::from(n) % 10 == s && usize::from(n) % 12 == b)
            .map(Ganzhi)
    }

    /// The position in the cycle, 0..60.
    pub const fn index(self) -> u8 {
        self.0
    }

    /// The stem (天干).
    pub const fn stem(self) -> char {
        STEMS[(self.0 % 10) as usize]
    }

    /// The branch (地支).
    pub const fn branch(self) -> char {
        BRANCHES[(self.0 % 12) as usize]
    }

    /// The position `n` steps later in the cycle (earlier for negative `n`).
    pub fn add(self, n: i64) -> Ganzhi {
        Ganzhi((i64::from(self.0) + n).rem_euclid(60) as u8)
    }

    /// The 干支 of a year: 甲子 is 4 CE, 1084, …; 403 BCE (`-403`) is 戊寅.
    pub fn of_year(year: CeYear) -> Ganzhi {
        Ganzhi((year.astronomical() - 4).rem_euclid(60) as u8)
    }

    /// The year this 干支 names that is nearest to `around` (ties go to the later year).
    pub fn nearest_year(self, around: CeYear) -> CeYear {
        let here = i32::from(Ganzhi::of_year(around).0);
        let mut delta = (i32::from(self.0) - here).rem_euclid(60);
        if delta > 30 {
            delta -= 60;
        }
        around.add(delta)
    }

    /// The 干支 of a day: JDN 2129431 (24 January 1118, Julian) is 甲申. The day cycle has
    /// run unbroken since at least the eighth century BCE.
    pub fn of_jdn(day: super::jdn::Jdn) -> Ganzhi {
        Ganzhi((i64::from(day.0) + 49).rem_euclid(60) as u8)
    }
}

impl fmt::Display for Ganzhi {
    /// The two characters: `辛巳`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.stem(), self.branch())
    }
}

impl Serialize for Ganzhi {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn y(n: i32) -> CeYear {
        CeYear::new(n).unwrap()
    }

    fn gz(s: &str) -> Ganzhi {
        let mut c = s.chars();
        Ganzhi::from_chars(c.next().unwrap(), c.next().unwrap()).unwrap()
    }

    #[test]
    fn cycle() {
        assert_eq!(gz("甲子").index(), 0);
        assert_eq!(gz("癸亥").index(), 59);
        assert_eq!(Ganzhi::from_chars('甲', '丑'), None);
        assert_eq!(Ganzhi::new(17).unwrap().to_string(), "辛巳");
        assert_eq!(Ganzhi::new(60), None);
        assert_eq!(gz("癸亥").add(1), gz("甲子"));
        assert_eq!(gz("甲子").add(-1), gz("癸亥"));
    }

    #[test]
    fn years() {
        assert_eq!(Ganzhi::of_year(y(1084)), gz("甲子"));
        assert_eq!(Ganzhi::of_year(y(4)), gz("甲子"));
        assert_eq!(Ganzhi::of_year(y(1101)), gz("辛巳"));
        assert_eq!(Ganzhi::of_year(y(916)), gz("丙子"));
        assert_eq!(Ganzhi::of_year(y(-403)), gz("戊寅"));
        assert_eq!(Ganzhi::of_year(y(-1)), gz("庚申"));
        assert_eq!(Ganzhi::of_year(y(1)), gz("辛酉"));
        assert_eq!(Ganzhi::of_year(y(1206)), gz("丙寅"));
    }

    #[test]
    fn days() {
        use crate::calendar::jdn::{Calendar, Jdn};
        let j = |y, m, d| Jdn::from_ymd(Calendar::Julian, y, m, d);
        // 重和元年正月甲申朔; 遼 天慶八年五月壬午朔; 2000-01-01 (Gregorian) was 戊午.
        assert_eq!(Ganzhi::of_jdn(j(1118, 1, 24)), gz("甲申"));
        assert_eq!(Ganzhi::of_jdn(j(1118, 5, 22)), gz("壬午"));
        assert_eq!(Ganzhi::of_jdn(Jdn(2_451_545)), gz("戊午"));
        assert_eq!(Ganzhi::of_jdn(Jdn(11)), gz("甲子"));
        assert_eq!(Ganzhi::of_jdn(Jdn(-49)), gz("甲子"));
    }

    #[test]
    fn nearest() {
        assert_eq!(gz("辛巳").nearest_year(y(922)), y(921));
        assert_eq!(gz("辛巳").nearest_year(y(1120)), y(1101));
        assert_eq!(gz("丙戌").nearest_year(y(927)), y(926));
        // Across the missing year 0.
        assert_eq!(gz("辛酉").nearest_year(y(-3)), y(1));
        assert_eq!(gz("庚申").nearest_year(y(2)), y(-1));
    }
}
