//! Tests of `annals date`: published dates, every part of the grammar, the reasons a date
//! does not exist, and the round trip day → Chinese date → day.

use super::*;
use crate::calendar::jdn::{self, GREGORIAN_REFORM};
use crate::model::date_query::chinese_dates;

fn lines(q: &str) -> Result<String> {
    let mut out = Vec::new();
    date(q, DateOptions::default(), &mut out)?;
    Ok(String::from_utf8(out).unwrap())
}

fn first_line(q: &str) -> String {
    lines(q)
        .unwrap_or_else(|e| panic!("{q}: {e:#}"))
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// The days the readings of `q` name.
fn days(q: &str) -> Vec<Jdn> {
    match answer(q, DateOptions::default()).unwrap() {
        Answer::Chinese { found, .. } | Answer::Day { found, .. } => {
            found.iter().filter_map(|r| r.day).collect()
        }
    }
}

fn julian(y: i32, m: u8, d: u8) -> Jdn {
    Jdn::from_ymd(jdn::Calendar::Julian, y, m, d)
}

#[test]
fn published_dates() {
    assert_eq!(
        first_line("天慶八年五月壬午"),
        "1118-05-22 Julian · 1118-05-29 Gregorian · JDN 2129549 · 遼 天慶八年五月初一日 壬午"
    );
    // 通鑑 names 1118 by 重和, proclaimed in its eleventh month.
    assert_eq!(days("重和元年正月甲申朔"), [julian(1118, 1, 24)]);
    assert_eq!(days("政和八年正月甲申朔"), [julian(1118, 1, 24)]);
    assert_eq!(days("宣和元年正月戊申朔"), [julian(1119, 2, 12)]);
    assert!(first_line("建安元年").starts_with("0196-02-17 – 0197-02-04 Julian"));
    assert!(first_line("貞觀元年正月").starts_with("0627-01-23 – 0627-02-20 Julian"));
    // The reverse: every regime's date that day.
    let out = lines("1118-05-22").unwrap();
    let all: Vec<&str> = out.lines().collect();
    assert_eq!(
        all[0],
        "1118-05-22 Julian · 1118-05-29 Gregorian · JDN 2129549 · 壬午"
    );
    assert!(all.contains(&"北宋 政和八年五月初一日 壬午"), "{out}");
    assert!(all.contains(&"遼 天慶八年五月初一日 壬午"), "{out}");
    assert!(all.contains(&"金 天輔二年五月初一日 壬午"), "{out}");
}

#[test]
fn every_part_of_the_grammar() {
    let day = julian(1118, 5, 22);
    for q in [
        "天慶八年五月壬午",
        "天庆八年五月壬午",
        "天慶八年五月壬午朔",
        "天慶八年五月朔",
        "天慶八年五月初一日",
        "天慶八年夏五月初一日",
        "天慶8年5月1日",
        "遼天慶八年五月初一日",
        "遼 天慶八年五月初一日 壬午",
        "戊戌天慶八年五月壬午",
        "遼 1118年五月初一日",
        "１１１８－０５－２２",
        "1118-05-22",
        "1118-05-22j",
        "1118-05-29g",
        "天慶八年五月初一日。",
    ] {
        assert!(days(q).contains(&day), "{q}: {:?}", days(q));
    }
    // 望 and 晦, a day number with its 干支.
    assert_eq!(days("遼天慶八年五月望"), [day + 14]);
    assert_eq!(days("遼天慶八年五月晦"), [day + 29]);
    assert_eq!(days("遼天慶八年五月三日甲申"), [day + 2]);
    // A month, a leap month, the year's leap month, a year.
    let out = first_line("遼天慶八年閏九月");
    assert!(out.starts_with("1118-10-17 – 1118-11-14 Julian"), "{out}");
    assert!(
        out.ends_with("遼 天慶八年閏九月 (29 days, 庚戌朔)"),
        "{out}"
    );
    assert_eq!(first_line("遼天慶八年閏月"), out);
    let out = first_line("遼天慶八年");
    assert!(out.ends_with("遼 天慶八年 (13 months)"), "{out}");
    // A year an era kept only for days of its 正月 says so; a month is one month.
    let out = first_line("東魏天平五年");
    assert!(
        out.ends_with("(12 months; 天平 in use this year only for days of 正月, then 元象: the year is 元象元年)"),
        "{out}"
    );
    assert!(first_line("後周顯德七年").ends_with("後周 顯德七年 (1 month)"));
    // 武周's 一月 and 臘月, 762's 建子月, 太初元年's second 十月 by its 干支.
    assert_eq!(days("天授二年一月朔")[0], julian(691, 2, 4));
    assert_eq!(days("天授二年臘月朔")[0], julian(691, 1, 5));
    assert_eq!(days("寶應元年建子月朔"), [julian(761, 12, 2)]);
    assert_eq!(days("西漢 太初元年十月初一日 戊子"), [julian(-103, 11, 14)]);
    assert_eq!(days("西漢 太初元年十月初一日 乙未"), [julian(-104, 11, 26)]);
    // An era of several regimes: one reading each (Chinese only).
    let out = lines("貞觀元年正月").unwrap();
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.contains("· 唐 貞觀元年正月") && out.contains("· 西夏 貞觀元年正月"));
    // A regime chooses among them.
    let out = lines("西夏貞觀元年正月").unwrap();
    assert_eq!(out.lines().count(), 1, "{out}");
    // A regime with no calendar of its own: its era, dated in the main calendar.
    let out = first_line("興遼天慶元年五月朔");
    assert!(
        out.ends_with(
            "興遼 天慶元年五月初一日 己未 (dated in 北宋's calendar: 興遼 has none that year)"
        ),
        "{out}"
    );
    assert_eq!(
        days(&out[out.find("興遼").unwrap()..out.find(" (").unwrap()]).len(),
        1
    );
    // BCE days: astronomical and historians' numbering.
    assert_eq!(days("-0103-11-14"), [julian(-103, 11, 14)]);
    assert_eq!(days("前104-11-14"), [julian(-103, 11, 14)]);
    // Historical reckoning: Julian before the reform, Gregorian from it.
    let d = days("1582-10-15")[0];
    assert_eq!(d, GREGORIAN_REFORM);
    assert_eq!(days("1582-10-04")[0], GREGORIAN_REFORM - 1);
    let opts = DateOptions {
        gregorian: true,
        ..DateOptions::default()
    };
    assert!(matches!(
        answer("1118-05-29", opts).unwrap(),
        Answer::Day { jdn, .. } if jdn == julian(1118, 5, 22)
    ));
}

#[test]
fn dates_that_do_not_exist_say_why() {
    let why = |q: &str| match lines(q) {
        Err(e) => match e.downcast_ref::<DateNotFound>() {
            Some(n) => n.to_string(),
            None => panic!("{q}: not a DateNotFound: {e:#}"),
        },
        Ok(out) => panic!("{q}: found {out}"),
    };
    let w = why("遼天慶八年五月乙卯");
    assert!(w.contains("乙卯 is not a day of 遼 1118 五月"), "{w}");
    assert!(w.contains("(日干支誤)"), "{w}");
    assert!(w.contains("nearest: 1118 六月初四日 (1118-06-24)"), "{w}");
    let w = why("遼天慶八年閏三月");
    assert!(w.contains("遼 has no 閏三月 in 1118"), "{w}");
    let w = why("遼天慶八年四月三十日");
    assert!(w.contains("has 29 days, not 30"), "{w}");
    let w = why("遼天慶八年五月初一日 癸未");
    assert!(w.contains("is 壬午 (1118-05-22), not 癸未"), "{w}");
    let w = why("天慶二十年");
    assert!(w.contains("遼's 天慶 has no year 20 (1111–1120)"), "{w}");
    let w = why("1582-10-10");
    assert!(w.contains("left out at the Gregorian reform"), "{w}");
    let w = why("1900-02-29g");
    assert!(
        w.contains("does not exist in the Gregorian calendar"),
        "{w}"
    );
    assert_eq!(days("1900-02-29j").len(), days("1900-03-13").len());
    let w = why("1950-01-01");
    assert!(w.contains("221 BCE to 1912"), "{w}");
    // A year before the month table is answered by its CE year and 干支, in order of the
    // years where several states' rulers have the name; a month in it names no day.
    let out = lines("周襄王二十八年").unwrap();
    assert!(
        out.starts_with("前624 (丁酉) · 東周 襄王二十八年\n"),
        "{out}"
    );
    assert!(out.contains("the year only"), "{out}");
    let out = lines("桓公元年").unwrap();
    let years: Vec<&str> = out.lines().filter_map(|l| l.split(' ').next()).collect();
    assert!(
        years.contains(&"前711") && years.contains(&"前806"),
        "{out}"
    );
    assert!(years.first() == Some(&"前806"), "{out}");
    let w = why("周襄王二十八年五月");
    assert!(w.contains("the year is 前624 (丁酉)"), "{w}");
    // A year named by its 干支 alone says which years it may be.
    let e = lines("辛未年").unwrap_err().to_string();
    assert!(
        e.contains("every sixty years (前170, 前110, 前50, 11, 71,"),
        "{e}"
    );
    // 載 for 年, as 天寶 and 至德 counted.
    assert_eq!(lines("天寶三載").unwrap(), lines("天寶三年").unwrap());
    assert_eq!(lines("至德二载").unwrap(), lines("至德二年").unwrap());
    // One reading of two names no day: the other is still found, and the miss is said.
    let out = lines("天慶八年五月壬午").unwrap();
    assert!(
        out.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("(not 西夏 天慶八年五月壬午: 壬午 is not a day")),
        "{out}"
    );
}

#[test]
fn not_dates() {
    for q in [
        "",
        "hello",
        "某某五年",
        "天慶八年五月壬午甲申",
        "1118-13-01",
        "1118-5",
        "天慶八年某月",
    ] {
        let e = lines(q).expect_err(q);
        assert!(e.downcast_ref::<DateNotFound>().is_none(), "{q}: {e:#}");
    }
}

#[test]
fn json_readings() {
    let mut out = Vec::new();
    let opts = DateOptions {
        json: true,
        ..DateOptions::default()
    };
    assert_eq!(
        date("遼天慶八年五月壬午", opts, &mut out).unwrap(),
        Outcome::Found
    );
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let r = &v[0];
    assert_eq!(r["reading"], "遼 天慶八年五月初一日 壬午");
    assert_eq!(r["calendar"], "遼");
    assert_eq!(r["era"], "天慶");
    assert_eq!(r["year"], 1118);
    assert_eq!(r["day"], 1);
    assert_eq!(r["jdn"], 2_129_549);
    assert_eq!(r["julian"], "1118-05-22");
    assert_eq!(r["gregorian"], "1118-05-29");
    let mut out = Vec::new();
    assert_eq!(
        date("遼天慶八年五月乙卯", opts, &mut out).unwrap(),
        Outcome::NothingFound
    );
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert!(v[0]["error"].as_str().unwrap().contains("日干支誤"));
}

/// A day → its Chinese date in every calendar → the day again; and its ISO forms → the
/// day again.
fn round_trip(jdn: Jdn) {
    for r in chinese_dates(jdn) {
        let text = r.chinese();
        let back = match answer(&text, DateOptions::default()) {
            Ok(Answer::Chinese { found, .. }) => found,
            other => panic!("{text}: {other:?}"),
        };
        assert!(
            back.iter()
                .any(|b| b.day == Some(jdn) && b.calendar == r.calendar),
            "JDN {} → {text} → {:?}",
            jdn.0,
            back.iter().map(Reading::line).collect::<Vec<_>>()
        );
    }
    let (_, historical) = jdn.historical();
    for iso in [
        historical.to_string(),
        format!("{}j", jdn.julian()),
        format!("{}g", jdn.gregorian()),
    ] {
        assert!(
            matches!(answer(&iso, DateOptions::default()), Ok(Answer::Day { jdn: j, .. }) if j == jdn),
            "{iso}"
        );
    }
}

const FROM_221_BCE: i32 = 1_640_703; // 1 January 221 BCE (Julian)
const TO_1912: i32 = 2_419_768; // 31 December 1912 (Gregorian)

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1500))]

    #[test]
    fn days_round_trip(n in FROM_221_BCE..=TO_1912) {
        round_trip(Jdn(n));
    }
}

/// Days where eras change, calendars begin and end, and months are named unusually.
#[test]
fn awkward_days_round_trip() {
    for (y, m, d) in [
        (-103, 11, 14), // 太初元年's second 十月
        (-104, 11, 26), // its first
        (690, 12, 6),   // 武周's 正月, a December
        (691, 1, 5),    // 臘月
        (700, 12, 15),  // 700's 十一月 after 武周 went back to 夏正
        (761, 12, 2),   // 建子月
        (762, 4, 29),   // 建巳月, also 四月
        (907, 5, 15),   // 後梁 and 後唐 begin
        (1118, 12, 15), // 重和 proclaimed in 1118's 十一月
        (1127, 6, 12),  // 南宋 begins
        (1644, 6, 1),   // 明 and 清; 南明 later
        (1700, 1, 1),   // 明 counted on (proleptic)
        (1911, 12, 20), // the months of 宣統三年 the table's 民國 stub also holds
    ] {
        round_trip(julian(y, m, d));
    }
    // 楚 懷王元年六月初一日 (207 BCE): 楚懷王 is also the name of 楚國's king of the 4th
    // century BCE; 楚 written before it chooses 楚's.
    round_trip(Jdn(1_645_632));
    assert_eq!(days("楚 懷王元年六月初一日"), [Jdn(1_645_632)]);
}

/// Every day from 221 BCE to 1912: run with `cargo test --lib -- --ignored every_day`.
#[test]
#[ignore = "exhaustive: 779,066 days, each read back in every calendar (minutes); the sampled version always runs"]
fn every_day_round_trips() {
    for n in FROM_221_BCE..=TO_1912 {
        round_trip(Jdn(n));
    }
}

const PIECES: &[&str] = &[
    "天慶", "遼", "北宋", " ", "八", "年", "元", "二十", "五", "月", "閏", "臘", "建子", "壬午",
    "朔", "初一", "日", "-", "前", "1118", "05", "22", "g", "j", "0", "99999999", "１", "。", "x",
    "楚",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// Any query is read or refused, never a panic; a reading's day is in its month.
    #[test]
    fn any_query_is_answered(parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..12)) {
        let q = parts.concat();
        if let Ok(Answer::Chinese { found, .. } | Answer::Day { found, .. }) = answer(&q, DateOptions::default()) {
            for r in found {
                if let (Some(m), Some(d)) = (r.month, r.day) {
                    proptest::prop_assert!(m.contains(d), "{q}");
                }
                let _ = r.line();
            }
        }
    }
}

/// Trial 3, item 7: what `date` got wrong or said badly.
#[test]
fn trial_3_date_faults() {
    // One era listed twice in its regime printed the same line twice.
    let out = lines("洪武元年正月初一日").unwrap();
    assert_eq!(
        out,
        "1368-01-20 Julian · 1368-01-28 Gregorian · JDN 2220739 · 明 洪武元年正月初一日 壬申\n"
    );
    // 民國 counted in the Gregorian calendar: no lunar 民國 dates, and a 民國 date says why.
    let out = lines("1912-01-01").unwrap();
    assert!(!out.contains("民國"), "{out}");
    assert!(out.contains("清 宣統三年十一月十三日 丙子"), "{out}");
    let e = lines("民國元年").unwrap_err();
    assert!(
        format!("{e:#}").contains("民國 counted its years in the Gregorian calendar"),
        "{e:#}"
    );
    // An era that exists with a year out of range says so (exit 2, not a date).
    for (q, n) in [
        ("天慶0年", "0"),
        ("天慶-1年", "-1"),
        ("天慶4294967296年", "4294967296"),
        ("遼天慶〇年", "〇"),
    ] {
        let e = format!("{:#}", lines(q).unwrap_err());
        assert_eq!(
            e,
            format!(
                "'{q}': 天慶 has no year {n} (an era's years are counted from 元年, the first)"
            )
        );
    }
    let e = format!("{:#}", lines("99999999999999999999年").unwrap_err());
    assert!(e.contains("no calendar has that year"), "{e}");
    // A day with spaces between its numbers.
    assert_eq!(days("1118 05 22"), days("1118-05-22"));
    assert_eq!(days("1118 5 22 g"), days("1118-05-22g"));
    assert!(!days("1118 05 22").is_empty());
    // A long query is cut in the message.
    let long = "天慶八年五月壬午".repeat(5000);
    let e = format!("{:#}", lines(&long).unwrap_err());
    assert!(e.len() < 400, "{} bytes", e.len());
    assert!(e.starts_with("'天慶八年五月壬午天慶八年"), "{e}");
    assert!(e.contains("…'"), "{e}");
}

/// A regime's name for its first ruler's years, as 史記 writes them and `list` labels them.
#[test]
fn regime_first_years() {
    assert_eq!(first_line("汉元年十月"), first_line("高祖元年十月"));
    assert!(first_line("漢五年").contains("西漢 高祖五年"));
}

/// A ruler's name before the era, alone or after his regime's, chooses his era of that name
/// (as a heading so written is read).
#[test]
fn a_ruler_before_the_era_chooses_it() {
    for q in ["海西公太和四年", "晉海西公太和四年", "廢帝太和四年"] {
        let out = lines(q).unwrap();
        assert_eq!(out.lines().count(), 1, "{q}: {out}");
        assert!(out.contains("東晉 太和四年"), "{q}: {out}");
    }
    let out = lines("太宗貞觀元年").unwrap();
    assert!(
        out.starts_with("0627-") && out.contains("唐 貞觀元年"),
        "{out}"
    );
    // Without the ruler, every regime's 太和.
    assert!(lines("太和四年").unwrap().lines().count() >= 3);
}
