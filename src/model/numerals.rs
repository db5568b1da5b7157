//! Chinese numerals as written in reign-year headings and dates: 元, 一…十, 十一…九十九,
//! 廿, 卅, 卌, 百, 千, 萬/万, and 〇/零 (both as a place filler, 一百〇三, and in digit-by-digit
//! writing, 二〇二四). Parsing is total: any input gives a value or `None`, never a panic.

/// The value of one numeral digit character, if it is one (〇/零 are 0).
pub fn digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | '○' => 0,
        '一' | '壹' => 1,
        // (Not 兩, "both, a pair": no ordinal is written with it, and `…分周以為兩九年…`
        // is 兩, then the year 九年.)
        '二' | '貳' | '贰' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陸' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Is `c` a character that can be part of a numeral (digit or unit)?
pub fn is_numeral_char(c: char) -> bool {
    digit(c).is_some() || unit(c).is_some() || matches!(c, '廿' | '卅' | '卌')
}

/// Whether `c` is 百, 千 or 萬 (in any form): a count's, never a year's ordinal.
pub fn is_hundred_or_more(c: char) -> bool {
    unit(c).is_some_and(|u| u >= 100)
}

fn unit(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        '萬' | '万' => 10_000,
        _ => return None,
    })
}

/// The longest numeral at the start of `s`: its value and its length in bytes.
/// `元` counts as 1 only on its own (元年). Runs longer than 16 characters are not numerals.
pub fn parse_prefix(s: &str) -> Option<(u32, usize)> {
    if let Some(rest) = s.strip_prefix('元') {
        // 元 alone is "first"; 元 followed by more numeral characters is not a numeral.
        if rest.chars().next().is_some_and(is_numeral_char) {
            return None;
        }
        return Some((1, '元'.len_utf8()));
    }
    // 有 ("and") between a unit and a digit is part of the number: 二十有一, 三十有八.
    // (Most calls find no numeral at all: the first character tells.)
    if !s.chars().next().is_some_and(is_numeral_char) {
        return None;
    }
    let mut buf = ['\0'; 17];
    let mut n = 0;
    for c in s.chars().take(17) {
        buf[n] = c;
        n += 1;
    }
    let chars = &buf[..n];
    let len: usize = chars
        .iter()
        .enumerate()
        .take_while(|&(i, &c)| {
            is_numeral_char(c)
                || (c == '有'
                    && i > 0
                    && unit(chars[i - 1]).is_some()
                    && chars.get(i + 1).is_some_and(|&n| digit(n).is_some()))
        })
        .map(|(_, c)| c.len_utf8())
        .sum();
    if len == 0 || s[..len].chars().count() > 16 {
        return None;
    }
    value(&s[..len]).map(|v| (v, len))
}

/// The value of a whole string of numeral characters (`十一`, `九十九`, `廿三`, `二〇二四`).
pub fn value(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    if s == "元" {
        return Some(1);
    }
    let has_unit = s
        .chars()
        .any(|c| unit(c).is_some() || matches!(c, '廿' | '卅' | '卌'));
    if !has_unit && s.contains('有') {
        return None;
    }
    let total: u64 = if !has_unit {
        // Digit by digit: 二〇二四, 一〇.
        let mut v: u64 = 0;
        for c in s.chars() {
            v = v.checked_mul(10)?.checked_add(u64::from(digit(c)?))?;
        }
        v
    } else {
        let mut total: u64 = 0; // completed 萬 groups
        let mut section: u64 = 0; // below 萬
        let mut pending: Option<u64> = None; // a digit waiting for its unit
        // The last unit below 萬: each must be smaller than the one before (十一十二, two
        // numbers written together, is not one).
        let mut last_unit = u64::MAX;
        let mut after_unit = false;
        let mut after_you = false;
        for c in s.chars() {
            if c == '有' {
                // (Only between a unit and a digit: 十有一.)
                if !after_unit {
                    return None;
                }
                after_unit = false;
                after_you = true;
                continue;
            }
            if after_you && digit(c).is_none() {
                return None;
            }
            after_you = false;
            after_unit = unit(c).is_some();
            if let Some(d) = digit(c) {
                if pending.is_some() && d != 0 {
                    // Two digits in a row inside a positional numeral: 二三十 is not a number.
                    return None;
                }
                pending = if d == 0 { None } else { Some(u64::from(d)) };
            } else if let Some(tens) = match c {
                '廿' => Some(20),
                '卅' => Some(30),
                '卌' => Some(40),
                _ => None,
            } {
                if pending.is_some() || last_unit <= 10 {
                    return None;
                }
                last_unit = 10;
                section = section.checked_add(tens)?;
            } else if let Some(u) = unit(c) {
                if u == 10_000 {
                    let group = section.checked_add(pending.take().unwrap_or(0))?;
                    let group = if group == 0 { 1 } else { group };
                    total = total.checked_add(group.checked_mul(u)?)?;
                    section = 0;
                    last_unit = u64::MAX;
                } else {
                    if u >= last_unit {
                        return None;
                    }
                    last_unit = u;
                    let d = pending.take().unwrap_or(1);
                    section = section.checked_add(d.checked_mul(u)?)?;
                }
            } else {
                return None;
            }
        }
        if after_you {
            return None;
        }
        total
            .checked_add(section)?
            .checked_add(pending.unwrap_or(0))?
    };
    u32::try_from(total).ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn liang_is_no_digit_of_an_ordinal() {
        use super::parse_prefix;
        // 古史 趙世家: `…分周以為兩九年與齊戰阿下…`: 兩 ("in two"), then 九年.
        assert_eq!(parse_prefix("兩九年"), None);
        assert_eq!(parse_prefix("九年"), Some((9, "九".len())));
        assert_eq!(parse_prefix("二九"), Some((29, "二九".len())));
    }

    #[test]
    fn you_between_a_unit_and_a_digit() {
        use super::{parse_prefix, value};
        assert_eq!(value("二十有一"), Some(21));
        assert_eq!(value("十有二"), Some(12));
        assert_eq!(value("三十有八"), Some(38));
        assert_eq!(value("百有二十"), Some(120));
        assert_eq!(value("有一"), None);
        assert_eq!(value("二有一"), None);
        assert_eq!(value("十有"), None);
        assert_eq!(parse_prefix("二十有一年"), Some((21, "二十有一".len())));
        // Not a number's 有: `十有餘年`, `三年有`.
        assert_eq!(parse_prefix("十有餘年"), Some((10, "十".len())));
        assert_eq!(parse_prefix("三有"), Some((3, "三".len())));
    }

    #[test]
    fn two_numbers_written_together_are_not_one() {
        use super::value;
        assert_eq!(value("十一十二"), None);
        assert_eq!(value("二十三十"), None);
        assert_eq!(value("百一百"), None);
        assert_eq!(value("廿一十"), None);
        // Descending units, and 萬 starting anew, are one number.
        assert_eq!(value("一千二百三十四"), Some(1234));
        assert_eq!(value("一百〇三"), Some(103));
        assert_eq!(value("十萬三千"), Some(103_000));
        assert_eq!(value("二萬一千"), Some(21_000));
        assert_eq!(value("廿三"), Some(23));
    }

    use super::*;

    #[test]
    fn small_numbers() {
        let cases = [
            ("元", 1),
            ("一", 1),
            ("二", 2),
            ("十", 10),
            ("十一", 11),
            ("十九", 19),
            ("二十", 20),
            ("二十三", 23),
            ("九十九", 99),
            ("廿", 20),
            ("廿三", 23),
            ("卅", 30),
            ("卅一", 31),
            ("一百", 100),
            ("一百〇三", 103),
            ("一百零三", 103),
            ("百二十", 120),
            ("二〇二四", 2024),
            ("一〇", 10),
            ("九十九萬", 990_000),
            ("三萬二千", 32_000),
        ];
        for (s, v) in cases {
            assert_eq!(value(s), Some(v), "{s}");
        }
    }

    #[test]
    fn prefixes() {
        assert_eq!(parse_prefix("元年"), Some((1, 3)));
        assert_eq!(parse_prefix("十一年。"), Some((11, 6)));
        assert_eq!(parse_prefix("廿三日"), Some((23, 6)));
        assert_eq!(parse_prefix("年"), None);
        assert_eq!(parse_prefix(""), None);
        assert_eq!(parse_prefix("元二"), None);
    }

    #[test]
    fn malformed_is_none_not_panic() {
        assert_eq!(value("二三十"), None);
        assert_eq!(value("年"), None);
        assert_eq!(value("九九九九九九九九九九九九"), None); // overflows u32
        assert_eq!(parse_prefix(&"九".repeat(40)), None);
        assert!(value("萬萬萬萬萬萬").is_some() || value("萬萬萬萬萬萬").is_none());
    }
}
