//! The sexagenary cycle (干支): 甲子 … 癸亥, and the CE years it names.

/// The ten heavenly stems.
pub const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
/// The twelve earthly branches.
pub const BRANCHES: [char; 12] = [
    '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
];

/// Position 0..60 in the cycle (甲子 = 0) of a stem and a branch, if the pair exists
/// (a stem and a branch of the same parity).
pub fn index(stem: char, branch: char) -> Option<u8> {
    let s = STEMS.iter().position(|&c| c == stem)?;
    let b = BRANCHES.iter().position(|&c| c == branch)?;
    if s % 2 != b % 2 {
        return None;
    }
    (0..60u8).find(|&n| usize::from(n) % 10 == s && usize::from(n) % 12 == b)
}

/// The 干支 written at the start of `s`: its cycle index and byte length. Variant and
/// confused characters are read as [`crate::calendar::Ganzhi::parse_prefix`] reads them
/// (`癸夘` is 癸卯, `甲戍` is 甲戌).
pub fn parse_prefix(s: &str) -> Option<(u8, usize)> {
    let mut it = s.chars();
    let (a, b) = (it.next()?, it.next()?);
    if let Some(n) = index(a, b) {
        return Some((n, a.len_utf8() + b.len_utf8()));
    }
    crate::calendar::Ganzhi::parse_prefix(s).map(|(g, l)| (g.index(), l))
}

/// The two characters of cycle position `n` (taken modulo 60).
pub fn name(n: u8) -> String {
    let n = usize::from(n % 60);
    [STEMS[n % 10], BRANCHES[n % 12]].iter().collect()
}

/// Cycle position of a CE year (甲子 = 4 CE, 1084, …), in historians' numbering: there is
/// no year 0 and -1 is 1 BCE (so `-403` is 403 BCE, 戊寅).
pub fn of_year(ce: i32) -> u8 {
    // Historians' numbering has no year 0: 1 BCE (-1) directly precedes 1 CE.
    let astronomical = if ce < 0 { ce + 1 } else { ce };
    (astronomical - 4).rem_euclid(60) as u8
}

/// The CE year named by cycle position `n` that is nearest to `around`.
pub fn nearest_year(n: u8, around: i32) -> i32 {
    let here = i32::from(of_year(around));
    let mut delta = (i32::from(n % 60) - here).rem_euclid(60);
    if delta > 30 {
        delta -= 60;
    }
    let mut year = around + delta;
    // Crossing the missing year 0 shifts the count by one.
    if around > 0 && year <= 0 {
        year -= 1;
    } else if around < 0 && year >= 0 {
        year += 1;
    }
    year
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycle() {
        assert_eq!(index('甲', '子'), Some(0));
        assert_eq!(index('癸', '亥'), Some(59));
        assert_eq!(index('甲', '丑'), None);
        assert_eq!(name(17), "辛巳");
        assert_eq!(of_year(1084), 0);
        assert_eq!(of_year(1101), index('辛', '巳').unwrap());
        assert_eq!(of_year(921), index('辛', '巳').unwrap());
        assert_eq!(of_year(916), index('丙', '子').unwrap());
        assert_eq!(of_year(-403), index('戊', '寅').unwrap());
    }

    #[test]
    fn nearest() {
        let xinsi = index('辛', '巳').unwrap();
        assert_eq!(nearest_year(xinsi, 922), 921);
        assert_eq!(nearest_year(xinsi, 1101), 1101);
        assert_eq!(nearest_year(xinsi, 1120), 1101);
        assert_eq!(nearest_year(index('丙', '戌').unwrap(), 927), 926);
    }

    #[test]
    fn prefix() {
        assert_eq!(parse_prefix("丙子神册元年"), Some((12, 6)));
        assert_eq!(parse_prefix("神册"), None);
        assert_eq!(parse_prefix("丙"), None);
    }
}
