//! Tests of the month table: published dates, the structure of the table, the corrections
//! listed in MONTHS.md, the sample from an independent calendar, and round trips.

use super::*;
use crate::calendar::jdn::{Calendar, Jdn};

fn y(n: i32) -> CeYear {
    CeYear::new(n).unwrap()
}

fn j(year: i32, month: u8, day: u8) -> Jdn {
    Jdn::from_ymd(Calendar::Julian, year, month, day)
}

fn gz(s: &str) -> Ganzhi {
    let mut c = s.chars();
    Ganzhi::from_chars(c.next().unwrap(), c.next().unwrap()).unwrap()
}

fn table() -> &'static MonthTable {
    MonthTable::embedded()
}

fn cal(name: &str) -> CalendarId {
    table()
        .calendar(name)
        .unwrap_or_else(|| panic!("no calendar {name}"))
}

#[test]
fn published_dates() {
    let t = table();
    // 重和元年正月甲申朔 = 24 January 1118 (Julian): 重和 was proclaimed in the eleventh
    // month, so the tables list the month under 政和八年; 資治通鑑-style naming by the era
    // in force at the year's end is the same civil year 1118.
    let song = cal("北宋");
    let m = t.month(song, y(1118), 1, false).unwrap();
    assert_eq!(m.first, j(1118, 1, 24));
    assert_eq!(Ganzhi::of_jdn(m.first), gz("甲申"));
    assert_eq!(
        t.resolve(song, y(1118), 1, false, DayRef::Ganzhi(gz("甲申"))),
        Ok(j(1118, 1, 24))
    );
    // 宣和元年正月戊申朔 = 12 February 1119.
    assert_eq!(
        t.resolve(song, y(1119), 1, false, DayRef::Shuo),
        Ok(j(1119, 2, 12))
    );
    assert_eq!(
        t.resolve(song, y(1119), 1, false, DayRef::Ganzhi(gz("戊申"))),
        Ok(j(1119, 2, 12))
    );
    // 建安元年 (東漢) starts in 196.
    let han = cal("東漢");
    assert_eq!(
        t.month(han, y(196), 1, false).unwrap().first.julian().year,
        196
    );
    // 貞觀元年正月 starts 23 January 627 (Julian).
    assert_eq!(
        t.resolve(cal("唐"), y(627), 1, false, DayRef::Shuo),
        Ok(j(627, 1, 23))
    );
    // 遼 天慶八年五月壬午朔 = 22 May 1118 (Julian) = 29 May 1118 (Gregorian).
    let liao = cal("遼");
    let d = t
        .resolve(liao, y(1118), 5, false, DayRef::Ganzhi(gz("壬午")))
        .unwrap();
    assert_eq!(d.julian().to_string(), "1118-05-22");
    assert_eq!(d.gregorian().to_string(), "1118-05-29");
    assert_eq!(t.resolve(liao, y(1118), 5, false, DayRef::Shuo), Ok(d));
}

#[test]
fn calendars_are_named_as_regimes() {
    let t = table();
    for name in [
        "北宋", "南宋", "遼", "金", "西夏", "元", "唐", "武周", "後晉", "北漢", "秦", "西漢", "清",
    ] {
        assert!(t.calendar(name).is_some(), "{name}");
    }
    assert_eq!(t.calendar("宋"), None);
    assert_eq!(t.calendars().count(), 73);
    let song = cal("北宋");
    assert_eq!(t.name(song), "北宋");
    assert_eq!(t.months(song).count(), t.month_count(song));
}

/// 漢元年 begins with 冬十月 in late 207 BCE and is the year 206 BCE; 太初元年 has 15
/// months; 武周 begins the year with 正月 in December; 762 names months by 建.
#[test]
fn years_that_begin_elsewhere() {
    let t = table();
    let han = cal("西漢");
    let first = t.months_of_year(han, y(-206));
    assert_eq!((first[0].number, first[0].first), (10, j(-206, 11, 14)));
    assert!(first[0].proleptic); // before 劉邦 was king of 漢 (二月)
    let taichu = t.months_of_year(han, y(-104));
    let numbers: Vec<u8> = taichu.iter().map(|m| m.number).collect();
    assert_eq!(numbers, [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    assert_eq!(t.months_named(han, y(-104), 10, false).len(), 2);
    assert!(matches!(
        t.resolve(han, y(-104), 10, false, DayRef::Shuo),
        Err(DateError::AmbiguousMonth { .. })
    ));
    // The 干支 picks the 十月 where it can: the first began 26 November 105 BCE, the second
    // 353 days later, so its days 1–7 repeat no 干支 of the first.
    let (ten, ten2) = (taichu[0], taichu[12]);
    assert_eq!(ten.first, j(-104, 11, 26));
    let g = Ganzhi::of_jdn(ten.first + 25);
    assert_eq!(
        t.resolve(han, y(-104), 10, false, DayRef::Ganzhi(g)),
        Ok(ten.first + 25)
    );
    let g = Ganzhi::of_jdn(ten2.first + 2);
    assert_eq!(
        t.resolve(han, y(-104), 10, false, DayRef::Ganzhi(g)),
        Ok(ten2.first + 2)
    );
    let g = Ganzhi::of_jdn(ten.first + 3);
    assert!(matches!(
        t.resolve(han, y(-104), 10, false, DayRef::Ganzhi(g)),
        Err(DateError::AmbiguousMonth { .. })
    ));
    // Before 太初 the year had a 後九月 (a leap ninth month) at its end.
    let m = t.months_of_year(han, y(-105));
    assert_eq!(m.last().map(|m| (m.number, m.leap)), Some((9, true)));

    let zhou = cal("武周");
    let y691: Vec<String> = t
        .months_of_year(zhou, y(691))
        .iter()
        .map(|m| m.name())
        .collect();
    assert_eq!(&y691[..4], ["正月", "臘月", "一月", "二月"]);
    assert_eq!(
        t.month(zhou, y(691), 1, false)
            .unwrap()
            .first
            .julian()
            .month,
        12
    );
    assert!(t.month(zhou, y(691), LA_YUE, false).is_some());
    assert!(t.month(zhou, y(691), YI_YUE, false).is_some());

    let tang = cal("唐");
    let zi = t.month(tang, y(762), jian(0).unwrap(), false).unwrap();
    assert_eq!(zi.first.julian().to_string(), "0761-12-02");
    // 建巳月 became 四月 when 代宗 restored the old names: both name the month.
    let si = t.month(tang, y(762), jian(5).unwrap(), false).unwrap();
    assert_eq!(t.month(tang, y(762), 4, false), Some(si));
    assert_eq!(
        t.month(tang, y(762), 5, false).unwrap().first,
        si.first + i32::from(si.days)
    );
    // 上元二年九月 is also 建戌月.
    assert_eq!(
        t.month(tang, y(761), 9, false),
        t.month(tang, y(761), jian(10).unwrap(), false)
    );

    // 景初: 青龍五年三月 became 景初元年四月, so 237 has no 三月; 239 ends with 後十二月.
    let wei = cal("曹魏");
    assert_eq!(t.month(wei, y(237), 3, false), None);
    assert!(t.month(wei, y(239), 12, true).is_some());
}

#[test]
fn lookups_agree() {
    let t = table();
    let liao = cal("遼");
    let m = t.month(liao, y(1118), 5, false).unwrap();
    assert_eq!(t.month_at(liao, m.first), Some(m));
    assert_eq!(t.month_at(liao, m.last()), Some(m));
    assert_ne!(t.month_at(liao, m.last() + 1), Some(m));
    assert_eq!(t.month_at(liao, j(800, 1, 1)), None);
    assert_eq!(t.month_at(liao, j(1500, 1, 1)), None);
    let (first, last) = t.span(liao);
    assert!(t.month_at(liao, first).is_some() && t.month_at(liao, last).is_some());
    assert_eq!(t.month_at(liao, last + 1), None);
    let days = t.dates_on(j(1118, 5, 22));
    let l = days.iter().find(|d| d.calendar == liao).unwrap();
    assert_eq!((l.year, l.number, l.leap, l.day), (y(1118), 5, false, 1));
    assert_eq!(l.ganzhi, gz("壬午"));
    for name in ["北宋", "金", "西夏"] {
        assert!(
            days.iter().any(|d| d.calendar == cal(name) && !d.proleptic),
            "{name}"
        );
    }
}

#[test]
fn day_references() {
    let t = table();
    let liao = cal("遼");
    let m = t.month(liao, y(1118), 5, false).unwrap();
    assert_eq!(
        t.resolve(liao, y(1118), 5, false, DayRef::Number(3)),
        Ok(m.first + 2)
    );
    assert_eq!(
        t.resolve(liao, y(1118), 5, false, DayRef::Wang),
        Ok(m.first + 14)
    );
    assert_eq!(
        t.resolve(liao, y(1118), 5, false, DayRef::Hui),
        Ok(m.last())
    );
    assert_eq!(
        t.resolve(liao, y(1118), 5, false, DayRef::Number(31)),
        Err(DateError::DayOutOfRange { month: m, day: 31 })
    );
    assert!(
        t.resolve(liao, y(1118), 5, false, DayRef::Number(0))
            .is_err()
    );
    // A 干支 outside the month: 日干支誤.
    let bad = Ganzhi::of_jdn(m.last() + 5);
    let e = t
        .resolve(liao, y(1118), 5, false, DayRef::Ganzhi(bad))
        .unwrap_err();
    assert_eq!(
        e,
        DateError::GanzhiNotInMonth {
            ganzhi: bad,
            month: m
        }
    );
    let msg = e.to_string();
    assert!(
        msg.contains("日干支誤") && msg.contains("壬午") && msg.contains("5 day(s) after the 晦"),
        "{msg}"
    );
    let e = t.resolve(liao, y(1118), 5, true, DayRef::Shuo).unwrap_err();
    assert_eq!(e.to_string(), "遼 has no 閏五月 in 1118");
    assert_eq!(month_name(jian(0).unwrap(), false), "建子月");
    assert_eq!(month_name(9, true), "閏九月");
    assert_eq!(month_name(LA_YUE, false), "臘月");
    assert_eq!(m.to_string(), "1118 五月 (壬午朔, 30 days)");
}

/// Every month of every calendar: 29 or 30 days, in order without overlap, years rising,
/// and each month found again by its name (or among the months of that name).
#[test]
fn structure() {
    let t = table();
    let mut total = 0;
    for c in t.calendars() {
        let ms: Vec<LunarMonth> = t.months(c).collect();
        total += ms.len();
        for w in ms.windows(2) {
            assert!(w[0].last() < w[1].first, "{} {} {}", t.name(c), w[0], w[1]);
            assert!(w[0].year <= w[1].year);
        }
        for m in &ms {
            assert!(m.days == 29 || m.days == 30);
            assert!(
                t.months_named(c, m.year, m.number, m.leap).contains(m),
                "{} {m}",
                t.name(c)
            );
            assert_eq!(t.month_at(c, m.first), Some(*m));
        }
    }
    assert_eq!(total, 54_635);
}

/// The months that the corrections of gen_months.py (listed in MONTHS.md) decide: each as
/// (calendar, year, number, leap, 朔, days).
#[test]
fn corrections() {
    let t = table();
    let fixed: &[(&str, i32, u8, bool, i32, u8)] = &[
        // ROW_FIXES: 天贊元年二月 (first typed 2057800), and the month it spilled over.
        ("遼", 922, 2, false, 2_057_879, 29),
        ("遼", 921, 11, false, 2_057_789, 30),
        // 天會元年九月 and the 八月 before it.
        ("金", 1123, 8, false, 2_131_468, 30),
        ("金", 1123, 9, false, 2_131_498, 29),
        // 紹聖元年四月.
        ("北宋", 1094, 4, false, 2_120_749, 29),
        // 光緒三十四年十月 (its second part was labelled 十二月).
        ("清", 1908, 10, false, 2_418_240, 30),
        ("清", 1908, 12, false, 2_418_299, 30),
        // 漢三年五月 (labelled 七月).
        ("西漢", -204, 5, false, 1_647_079, 30),
        ("楚", -204, 5, false, 1_647_079, 30),
        // 咸通十四年七月; 景泰七年十二月 and 天順元年正月.
        ("唐", 873, 7, false, 2_040_130, 30),
        ("明", 1456, 12, false, 2_253_223, 30),
        ("明", 1457, 1, false, 2_253_253, 29),
        // Rows carrying on a month with a wrong start_from.
        ("西漢", 8, 11, false, 1_724_331, 29),
        ("陳", 559, 6, false, 1_925_433, 30),
        ("唐", 760, 4, true, 1_998_788, 29),
        ("唐", 820, 1, false, 2_020_581, 30),
        ("遼", 951, 9, false, 2_068_687, 29),
        ("後唐", 908, 1, false, 2_052_740, 29),
        ("元", 1333, 6, false, 2_208_129, 30),
        ("閩", 926, 4, false, 2_059_414, 29),
        ("吳越", 941, 8, false, 2_064_995, 30),
        // The year of the row at the 朔.
        ("東晉", 418, 12, false, 1_874_109, 30),
        // Holes filled between months two apart, and 金 1189 from 南宋.
        ("成漢", 304, 9, false, 1_832_383, 29),
        ("漢趙", 315, 2, false, 1_836_192, 30),
        ("西夏", 1038, 10, false, 2_100_491, 29),
        ("金", 1208, 12, false, 2_162_653, 30),
        ("南明", 1645, 6, false, 2_322_059, 29),
        ("金", 1189, 2, false, 2_155_388, 30),
        // MONTH_FIXES: 嘉靖 1-3, one or two days earlier than the dump.
        ("明", 1522, 4, false, 2_277_084, 29),
        ("明", 1522, 5, false, 2_277_113, 30),
        ("明", 1522, 8, false, 2_277_201, 30),
        ("明", 1523, 4, true, 2_277_468, 29),
        ("明", 1524, 11, false, 2_278_028, 30),
        ("明", 1524, 12, false, 2_278_058, 29),
    ];
    for &(name, year, number, leap, first, days) in fixed {
        let m = t.month(cal(name), y(year), number, leap);
        assert_eq!(
            m.map(|m| (m.first, m.days, m.proleptic)),
            Some((Jdn(first), days, name == "後唐")),
            "{name} {year} {}",
            month_name(number, leap)
        );
    }
    assert_eq!(t.months_of_year(cal("金"), y(1189)).len(), 13);
    assert_eq!(
        t.months_of_year(cal("明"), y(1522))[4]
            .first
            .julian()
            .to_string(),
        "1522-05-25"
    );
}

/// The sample of 1,000 months as an independent table (Liu's) computes them: the shipped
/// table agrees but for exactly the differences listed (and decided) in MONTHS.md.
#[test]
fn independent_sample() {
    const CATEGORIES: [&str; 16] = [
        "proleptic",
        "outside",
        "reform-naming",
        "qin-han",
        "default-early",
        "default-tang-song",
        "default-ming-qing",
        "regime-Shu",
        "regime-Wu",
        "regime-LaterQin",
        "regime-NorthernLiang",
        "regime-WeiZhouSui",
        "regime-WeiQi",
        "regime-LiaoJinYuan",
        "regime-SouthernMing",
        "jiajing",
    ];
    let t = table();
    let text = include_str!("../../../tests/fixtures/calendar/months-sample.tsv");
    let (mut rows, mut differing) = (0, 0);
    let mut calendars = std::collections::HashSet::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 7, "{line}");
        let c = cal(f[0]);
        calendars.insert(c);
        let year = y(f[1].parse().unwrap());
        let (number, leap) = (f[2].parse().unwrap(), f[3] == "1");
        let (first, days): (i32, u8) = (f[4].parse().unwrap(), f[5].parse().unwrap());
        let shipped = t
            .months_named(c, year, number, leap)
            .into_iter()
            .min_by_key(|m| (m.first.0 - first).abs())
            .unwrap_or_else(|| panic!("no month for {line}"));
        let differs = (shipped.first.0, shipped.days) != (first, days);
        assert_eq!(differs, !f[6].is_empty(), "{line}: shipped {shipped}");
        if differs {
            assert!(CATEGORIES.contains(&f[6]), "{line}");
            assert!((shipped.first.0 - first).abs() <= 30, "{line}");
            differing += 1;
        }
        rows += 1;
    }
    assert_eq!(rows, 1000);
    assert_eq!(calendars.len(), t.calendars().count());
    assert!(differing > 0 && differing < 50, "{differing}");
}

/// JDN -> Chinese date -> JDN for a day in every calendar that has it, and the 干支 of
/// the day found again in its month.
fn round_trip(t: &MonthTable, jdn: Jdn) {
    for d in t.dates_on(jdn) {
        let named = t.months_named(d.calendar, d.year, d.number, d.leap);
        assert!(named.iter().any(|m| m.contains(jdn)), "{jdn} {d:?}");
        let by_number = t.resolve(d.calendar, d.year, d.number, d.leap, DayRef::Number(d.day));
        let by_ganzhi = t.resolve(
            d.calendar,
            d.year,
            d.number,
            d.leap,
            DayRef::Ganzhi(d.ganzhi),
        );
        if named.len() == 1 {
            assert_eq!(by_number, Ok(jdn), "{d:?}");
            assert_eq!(by_ganzhi, Ok(jdn), "{d:?}");
        } else {
            assert!(matches!(by_number, Err(DateError::AmbiguousMonth { .. })));
            assert!(
                matches!(by_ganzhi, Ok(j) if j == jdn)
                    || matches!(by_ganzhi, Err(DateError::AmbiguousMonth { .. }))
            );
        }
        assert_eq!(d.ganzhi, Ganzhi::of_jdn(jdn));
    }
}

const FROM_221_BCE: i32 = 1_640_703; // 1 January 221 BCE (Julian)
const TO_1912: i32 = 2_419_768; // 31 December 1912 (Gregorian)

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    #[test]
    fn days_round_trip(n in FROM_221_BCE..=TO_1912) {
        round_trip(table(), Jdn(n));
    }

    /// A 干支 asked in a month resolves to its day there, or to 日干支誤 if the month has
    /// no such day.
    #[test]
    fn ganzhi_in_month(n in FROM_221_BCE..=TO_1912, g in 0u8..60, c in 0usize..73) {
        let t = table();
        let cal = t.calendars().nth(c).unwrap();
        if let Some(m) = t.month_at(cal, Jdn(n)) {
            let g = Ganzhi::new(g).unwrap();
            let offset = (i32::from(g.index()) - i32::from(Ganzhi::of_jdn(m.first).index())).rem_euclid(60);
            let got = t.resolve(cal, m.year, m.number, m.leap, DayRef::Ganzhi(g));
            if t.months_named(cal, m.year, m.number, m.leap).len() == 1 {
                if offset < i32::from(m.days) {
                    proptest::prop_assert_eq!(got, Ok(m.first + offset));
                } else {
                    proptest::prop_assert_eq!(got, Err(DateError::GanzhiNotInMonth { ganzhi: g, month: m }));
                }
            }
        }
    }
}

/// Every day from 221 BCE to 1912: run with `cargo test --lib -- --ignored every_day`.
#[test]
#[ignore = "exhaustive: 779,066 days in 73 calendars, some seconds; the sampled version always runs"]
fn every_day_round_trips() {
    let t = table();
    for n in FROM_221_BCE..=TO_1912 {
        round_trip(t, Jdn(n));
    }
}

#[test]
fn bounds_of_the_property_tests() {
    assert_eq!(Jdn(FROM_221_BCE).julian().to_string(), "-0220-01-01");
    assert_eq!(Jdn(TO_1912).gregorian().to_string(), "1912-12-31");
}
