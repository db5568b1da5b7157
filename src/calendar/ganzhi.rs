//! The sexagenary cycle (干支): 甲子 … 癸亥, naming years and days; reading it in texts,
//! with variant characters, scribal confusions and the 太歲 year names (歲陽, 歲陰).

use std::fmt;

use serde::{Serialize, Serializer};

use super::CeYear;
use super::variants::fold_char;

/// The ten heavenly stems (天干).
pub const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
/// The twelve earthly branches (地支).
pub const BRANCHES: [char; 12] = [
    '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
];

/// The 歲陽 names of the ten stems, 甲 to 癸, with their spellings: 《爾雅·釋天》 first
/// (「太歲在甲曰閼逢 … 在癸曰昭陽」), then 《史記·曆書》's 曆術甲子篇 (焉逢, 端蒙, 游兆, 彊梧,
/// 徒維, 祝犁, 商橫, 橫艾, 尚章), then other attested spellings. 史記 names 辛 昭陽, which
/// 爾雅 gives to 癸; 資治通鑑 follows 爾雅, and so does this table (昭陽 is 癸 only).
pub const SUIYANG: [&[&str]; 10] = [
    &["閼逢", "焉逢", "閼蓬"],
    &["旃蒙", "端蒙"],
    &["柔兆", "游兆"],
    &["強圉", "彊圉", "疆圉", "彊梧"],
    &["著雍", "徒維"],
    &["屠維", "祝犁", "祝犂"],
    &["上章", "商橫"],
    &["重光"],
    &["玄黓", "玄默", "橫艾"],
    &["昭陽", "尚章"],
];

/// The 歲陰 names of the twelve branches, 子 to 亥: 《爾雅·釋天》 (「太歲在寅曰攝提格 … 在丑曰
/// 赤奮若」), then the spellings of 《史記·曆書》 (大荒駱, 叶洽, 作鄂, 淹茂) and others.
pub const SUIYIN: [&[&str]; 12] = [
    &["困敦"],
    &["赤奮若"],
    &["攝提格"],
    &["單閼"],
    &["執徐"],
    &["大荒落", "大荒駱"],
    &["敦牂"],
    &["協洽", "叶洽"],
    &["涒灘"],
    &["作噩", "作鄂", "作詻", "作咢"],
    &["閹茂", "淹茂", "掩茂"],
    &["大淵獻"],
];

/// Characters written for a stem or branch by scribal confusion of similar shapes: 戊, 戍 and
/// 戌; 己, 已 and 巳; 未 and 末. Each is read as whichever member makes a valid 干支.
const CONFUSED: [&[char]; 3] = [&['戊', '戍', '戌'], &['己', '已', '巳'], &['未', '末']];

/// 景 written for the stem 丙: the 唐 taboo of 丙, the name of 李昞 (father of 高祖), kept
/// in the histories compiled under 唐 (晉書 `景寅`, 隋書, 南史, 北史).
const TABOO_FOR_BING: char = '景';

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

    /// The 干支 written by the first two characters of `s`, and their byte length: variant
    /// characters fold (夘 is 卯), and the confusions 戊/戍/戌 and 己/已/巳 are read as
    /// whichever character makes a valid pair (`甲戍` is 甲戌, `乙已` is 乙巳, `已巳` is
    /// 己巳), and 景 is 丙 (the 唐 taboo: `景寅` is 丙寅). An invalid pair (甲丑) is never
    /// accepted.
    pub fn parse_prefix(s: &str) -> Option<(Ganzhi, usize)> {
        let mut it = s.char_indices();
        let (_, a) = it.next()?;
        let (i, b) = it.next()?;
        let len = i + b.len_utf8();
        let stem = position(Set::Stems, a)?;
        let branch = position(Set::Branches, b)?;
        Ganzhi::from_chars(STEMS[stem], BRANCHES[branch]).map(|g| (g, len))
    }

    /// Whether the 干支 at the start of `s` (as [`Ganzhi::parse_prefix`] reads it) is
    /// written with the stem 戊 in the branch's place or the branch 戌 in the stem's
    /// (`戊戊`, read as 戊戌; `戌午`, read as 戊午): a slip a reader should be told of. Not the
    /// usual scribal forms (`甲戍`, `乙已`, `巳丑` for 己丑, `丁己` for 丁巳), read silently.
    pub fn crossed(s: &str) -> bool {
        let mut it = s.chars();
        let (Some(a), Some(b)) = (it.next(), it.next()) else {
            return false;
        };
        Ganzhi::parse_prefix(s).is_some() && (a == '戌' || b == '戊')
    }

    /// The 太歲 year name (歲陽 then 歲陰, 《爾雅》 and 《史記》 spellings) at the start of
    /// `s`, as a 干支, and its byte length: `著雍攝提格` is 戊寅, `玄黓困敦` 壬子, `昭陽赤奮若`
    /// 癸丑. Characters fold as in [`Ganzhi::parse_prefix`].
    pub fn parse_suiming(s: &str) -> Option<(Ganzhi, usize)> {
        let (stem, a) = longest_name(&SUIYANG, s)?;
        let (branch, b) = longest_name(&SUIYIN, &s[a..])?;
        Ganzhi::from_chars(STEMS[stem], BRANCHES[branch]).map(|g| (g, a + b))
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
    // A step around the cycle, not `+` between two 干支.
    #[allow(clippy::should_implement_trait)]
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

/// Which of the two sets a character is looked up in.
#[derive(Clone, Copy)]
enum Set {
    Stems,
    Branches,
}

/// The index among the stems or the branches of the character `c` stands for: itself
/// folded, or the member of its confusion group that is in the set.
fn position(set: Set, c: char) -> Option<usize> {
    /// The folded forms of the stems, the branches and the confusion groups' members,
    /// folded once (a fold is a table look-up).
    struct Folds {
        stems: [char; 10],
        branches: [char; 12],
        confused: [Vec<char>; 3],
    }
    static FOLDS: std::sync::LazyLock<Folds> = std::sync::LazyLock::new(|| Folds {
        stems: STEMS.map(fold_char),
        branches: BRANCHES.map(fold_char),
        confused: CONFUSED.map(|g| g.iter().map(|&m| fold_char(m)).collect()),
    });
    let folds = &*FOLDS;
    let (members, folded): (&[char], &[char]) = match set {
        Set::Stems => (&STEMS, &folds.stems),
        Set::Branches => (&BRANCHES, &folds.branches),
    };
    let f = fold_char(c);
    if let Some(i) = folded.iter().position(|&m| m == f) {
        return Some(i);
    }
    if matches!(set, Set::Stems) && c == TABOO_FOR_BING {
        return Some(2);
    }
    let (group, _) = CONFUSED
        .iter()
        .zip(&folds.confused)
        .find(|(_, fg)| fg.contains(&f))?;
    members.iter().position(|m| group.contains(m))
}

/// The longest name of `names` (by index) that `s` starts with, folded: the index and the
/// byte length in `s`.
fn longest_name(names: &[&[&str]], s: &str) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize, usize)> = None;
    for (i, spellings) in names.iter().enumerate() {
        for name in spellings.iter() {
            let n = name.chars().count();
            let mut end = 0;
            let mut ok = true;
            let mut chars = s.char_indices();
            for want in name.chars() {
                match chars.next() {
                    Some((j, c)) if fold_char(c) == fold_char(want) => end = j + c.len_utf8(),
                    _ => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok && best.is_none_or(|(_, _, m)| n > m) {
                best = Some((i, end, n));
            }
        }
    }
    best.map(|(i, end, _)| (i, end))
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
    fn parse_prefix_folds_and_resolves_confusions() {
        let p = |s: &str| Ganzhi::parse_prefix(s).map(|(g, n)| (g.to_string(), n));
        assert_eq!(p("辛巳年"), Some(("辛巳".into(), 6)));
        assert_eq!(p("丁夘"), Some(("丁卯".into(), 6)), "夘 is a variant of 卯");
        assert_eq!(p("甲戍"), Some(("甲戌".into(), 6)));
        assert_eq!(p("丙戍"), Some(("丙戌".into(), 6)));
        assert_eq!(p("戍辰"), Some(("戊辰".into(), 6)));
        assert_eq!(p("戌午"), Some(("戊午".into(), 6)));
        assert_eq!(p("乙已"), Some(("乙巳".into(), 6)));
        assert_eq!(p("已巳"), Some(("己巳".into(), 6)));
        assert_eq!(p("巳亥"), Some(("己亥".into(), 6)));
        assert_eq!(p("丁己"), Some(("丁巳".into(), 6)));
        assert_eq!(
            p("乙醜"),
            Some(("乙丑".into(), 6)),
            "simplified-conversion slip 丑/醜"
        );
        // Invalid pairs are never accepted, whatever the confusion.
        assert_eq!(p("甲丑"), None);
        assert_eq!(
            p("甲巳"),
            None,
            "甲 is even, 巳 odd; no reading of 巳 helps"
        );
        assert_eq!(p("乙戍"), None, "乙 with 戌 is not a 干支");
        assert_eq!(p("戊戊"), Some(("戊戌".into(), 6)));
        assert!(Ganzhi::crossed("戊戊"));
        assert!(Ganzhi::crossed("戌午"));
        assert!(!Ganzhi::crossed("巳巳"));
        assert!(!Ganzhi::crossed("甲戍"));
        assert!(!Ganzhi::crossed("乙已"));
        assert!(!Ganzhi::crossed("戊戌"));
        assert!(!Ganzhi::crossed("己巳"));
        assert_eq!(p("丁末"), Some(("丁未".into(), 6)));
        assert_eq!(p("景寅"), Some(("丙寅".into(), 6)), "the 唐 taboo of 丙");
        assert_eq!(p("景戌"), Some(("丙戌".into(), 6)));
        assert_eq!(p("景丑"), None, "丙 is even, 丑 odd");
        assert_eq!(p("景福"), None);
        assert_eq!(p("甲"), None);
        assert_eq!(p(""), None);
        assert_eq!(p("天慶"), None);
    }

    #[test]
    fn suiming() {
        let p = |s: &str| Ganzhi::parse_suiming(s).map(|(g, n)| (g.to_string(), n));
        assert_eq!(p("著雍攝提格"), Some(("戊寅".into(), 15)));
        assert_eq!(p("玄黓困敦"), Some(("壬子".into(), 12)));
        assert_eq!(p("昭陽赤奮若，凡"), Some(("癸丑".into(), 15)));
        assert_eq!(p("閼逢攝提格"), Some(("甲寅".into(), 15)));
        assert_eq!(p("焉逢攝提格"), Some(("甲寅".into(), 15)), "史記 spelling");
        assert_eq!(p("端蒙單閼"), Some(("乙卯".into(), 12)));
        assert_eq!(p("彊梧大荒落"), Some(("丁巳".into(), 15)));
        assert_eq!(p("強圉大荒駱"), Some(("丁巳".into(), 15)));
        assert_eq!(p("橫艾淹茂"), Some(("壬戌".into(), 12)));
        assert_eq!(p("尚章大淵獻"), Some(("癸亥".into(), 15)));
        assert_eq!(p("屠維協洽"), Some(("己未".into(), 12)));
        assert_eq!(p("上章涒灘"), Some(("庚申".into(), 12)));
        assert_eq!(p("重光作噩"), Some(("辛酉".into(), 12)));
        assert_eq!(p("柔兆執徐"), Some(("丙辰".into(), 12)));
        assert_eq!(p("旃蒙赤奮若"), Some(("乙丑".into(), 15)));
        // A stem's name with a branch of the other parity names no year.
        assert_eq!(p("閼逢困敦"), Some(("甲子".into(), 12)));
        assert_eq!(p("閼逢赤奮若"), None);
        assert_eq!(p("攝提格"), None);
        assert_eq!(p("著雍"), None);
        // Every pair of names of the same parity is its 干支.
        for (s, stems) in SUIYANG.iter().enumerate() {
            for (b, branches) in SUIYIN.iter().enumerate() {
                for a in stems.iter() {
                    for c in branches.iter() {
                        let got = Ganzhi::parse_suiming(&format!("{a}{c}"));
                        if s % 2 == b % 2 {
                            let g = got.expect(a).0;
                            assert_eq!((g.stem(), g.branch()), (STEMS[s], BRANCHES[b]));
                        } else {
                            assert_eq!(got, None);
                        }
                    }
                }
            }
        }
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
