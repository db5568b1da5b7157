//! Tests of dating: published dates through marks, every month form in the calendar that
//! gives it meaning, carrying months and days on, the rules for doubtful entries, and the
//! seed text.

use super::*;
use crate::calendar::jdn::Calendar;

fn julian(y: i32, m: u8, d: u8) -> Jdn {
    Jdn::from_ymd(Calendar::Julian, y, m, d)
}

/// Each mark of the first entry of `text`: (mark as written, its dating).
fn dated(text: &str) -> Vec<(String, MarkDating)> {
    let c = Chronicle::parse(text.to_owned());
    let e = c
        .entries
        .first()
        .unwrap_or_else(|| panic!("no entry in {text}"));
    let dates = entry_dates(e);
    e.marks
        .iter()
        .map(|m| c.slice(m.span).to_owned())
        .zip(dates.marks)
        .collect()
}

/// The dating of the mark written `mark` in the first entry of `text`.
fn date_of(text: &str, mark: &str) -> MarkDating {
    dated(text)
        .into_iter()
        .find(|(m, _)| m == mark)
        .unwrap_or_else(|| panic!("no mark {mark} in {text}: {:?}", dated(text)))
        .1
}

fn day_of(text: &str, mark: &str) -> String {
    let d = date_of(text, mark);
    d.day
        .unwrap_or_else(|| panic!("{mark} has no day: {d:?}"))
        .julian()
        .to_string()
}

fn month_of(text: &str, mark: &str) -> LunarMonth {
    let d = date_of(text, mark);
    d.month
        .unwrap_or_else(|| panic!("{mark} has no month: {d:?}"))
}

#[test]
fn a_month_before_a_regimes_calendar_begins_is_the_main_lines() {
    // 後梁's calendar starts in the fourth month of 907; 開平元年's 正月 is 唐's 天祐四年正月.
    let liang = "開平元年。春正月壬寅，王如淮南。";
    let tang = "天祐四年。春正月壬寅，王如淮南。";
    assert_eq!(day_of(liang, "春正月壬寅"), day_of(tang, "春正月壬寅"));
}

#[test]
fn published_dates_through_marks() {
    // 重和元年正月甲申朔 = 24 January 1118: 重和 was proclaimed in the eleventh month, and
    // 通鑑-style naming by the era in force at the year's end needs nothing special.
    let t = "重和元年。春正月甲申朔，帝御大慶殿。";
    assert_eq!(day_of(t, "春正月甲申朔"), "1118-01-24");
    // The same month under the era other tables give it.
    let t = "政和八年。春正月甲申朔，帝御大慶殿。";
    assert_eq!(day_of(t, "春正月甲申朔"), "1118-01-24");
    // 宣和元年正月戊申朔 = 12 February 1119.
    let t = "宣和元年。春正月戊申朔，日有食之。";
    assert_eq!(day_of(t, "春正月戊申朔"), "1119-02-12");
    // 建安元年 (東漢) starts in 196.
    let m = month_of("建安元年。春正月，帝在安邑。", "春正月");
    assert_eq!(m.first.julian().year, 196);
    // 貞觀元年正月 starts 23 January 627 (Julian).
    let m = month_of("貞觀元年（627）。春正月乙酉，改元。", "春正月乙酉");
    assert_eq!(m.first, julian(627, 1, 23));
    // 天慶八年五月壬午朔 = 22 May 1118 (Julian), in 遼's own calendar.
    let t = "天慶八年（1118）。五月壬午朔，日有食之。";
    assert_eq!(day_of(t, "五月壬午朔"), "1118-05-22");
}

#[test]
fn the_regimes_calendar_and_the_main_one() {
    let c = Chronicle::parse("天慶八年（1118）。五月壬午朔，日有食之。".to_owned());
    let ec = entry_calendar(&c.entries[0]).unwrap();
    assert_eq!(MonthTable::embedded().name(ec.calendar), "遼");
    assert_eq!(ec.source, CalendarSource::Regime);
    // A regime with no calendar of its own (興遼, 1029–1030): the main calendar, 北宋.
    let (cal, source) = calendar_for(Some("興遼"), CeYear::new(1029).unwrap()).unwrap();
    assert_eq!(MonthTable::embedded().name(cal), "北宋");
    assert_eq!(source, CalendarSource::MainInForce);
    // 遼 has no months in 1200: the main calendar then is 南宋.
    let (cal, _) = calendar_for(Some("遼"), CeYear::new(1200).unwrap()).unwrap();
    assert_eq!(MonthTable::embedded().name(cal), "南宋");
    // 907: 唐 until 四月, 後梁 after: the calendar with more months that year.
    let main = main_calendar(CeYear::new(907).unwrap()).unwrap();
    assert_eq!(MonthTable::embedded().name(main), "後梁");
    assert_eq!(
        calendar_for(None, CeYear::new(-500).unwrap()),
        Err(EntryUndated::NoCalendar(CeYear::new(-500).unwrap()))
    );
}

#[test]
fn every_month_form_resolves() {
    // 正月, 一月 … 十二月, spelled-out numbers, seasons before them.
    let t = "天慶八年（1118）。春正月，甲。二月，乙。冬十月，丙。十一月，丁。十二月，戊。";
    assert_eq!(month_of(t, "春正月").first, julian(1118, 1, 24));
    assert_eq!(month_of(t, "二月").number, 2);
    assert_eq!(month_of(t, "冬十月").number, 10);
    assert_eq!(month_of(t, "十一月").number, 11);
    assert_eq!(month_of(t, "十二月").first, julian(1119, 1, 13));
    // 十有一月, 十有二月.
    let t = "天慶八年（1118）。冬十有一月，甲。十有二月，乙。";
    assert_eq!(month_of(t, "冬十有一月").number, 11);
    assert_eq!(month_of(t, "十有二月").number, 12);
    // 春王正月.
    let t = "天慶八年（1118）。春王正月，甲。";
    assert_eq!(month_of(t, "春王正月").first, julian(1118, 1, 24));
    // 閏九月, and 閏月 alone: the year's leap month (1118's is the ninth).
    let t = "天慶八年（1118）。閏九月，甲。";
    let m = month_of(t, "閏九月");
    assert!(m.leap && m.number == 9 && m.first == julian(1118, 10, 17));
    let t = "天慶八年（1118）。秋九月，甲。閏月，乙。";
    assert_eq!(month_of(t, "閏月"), m);
    // 統和九年 (991) writes 春閏月: 遼's leap month that year is the second.
    let t = "統和九年。春閏月朔，日食。";
    let d = date_of(t, "春閏月朔");
    assert_eq!((d.month.unwrap().number, d.month.unwrap().leap), (2, true));
    assert_eq!(d.day.unwrap(), julian(991, 3, 19));
    // 臘月 is 十二月 in 遼, 武周's second month in 691; 一月 is 正月 in 遼, 武周's third
    // month in 691 (正月 there is a December).
    let t = "天慶八年（1118）。臘月，甲。";
    assert_eq!(month_of(t, "臘月").number, 12);
    let t = "天慶八年（1118）。一月，甲。";
    assert_eq!(month_of(t, "一月").number, 1);
    let t = "天授二年（691）。春正月，甲。臘月，乙。一月，丙。";
    assert_eq!(month_of(t, "春正月").first, julian(690, 12, 6));
    assert_eq!(month_of(t, "臘月").first, julian(691, 1, 5));
    assert_eq!(month_of(t, "一月").first, julian(691, 2, 4));
    // 建子月 … 建巳月 (762), and 建亥月 under 上元二年 (761); 建寅月 elsewhere is 正月.
    let t = "寶應元年。建子月，甲。建寅月，乙。建巳月，丙。五月，丁。";
    assert_eq!(month_of(t, "建子月").first, julian(761, 12, 2));
    assert_eq!(month_of(t, "建寅月").first, julian(762, 1, 30));
    assert_eq!(month_of(t, "建巳月").first, julian(762, 4, 29));
    assert_eq!(month_of(t, "五月").first, julian(762, 5, 28));
    let t = "上元二年（761）。秋九月，甲。建亥月，乙。";
    assert_eq!(month_of(t, "建亥月").first, julian(761, 11, 2));
    let t = "天慶八年（1118）。建寅月，甲。";
    assert_eq!(month_of(t, "建寅月").first, julian(1118, 1, 24));
    // 後九月: the leap month of 漢 before 太初 (元光元年, 134 BCE).
    let t = "元光元年（前134）。秋九月，甲。後九月，乙。";
    let m = month_of(t, "後九月");
    assert!(m.leap && m.number == 9);
    assert_eq!(m.first, julian(-133, 10, 19));
    // 後十二月: 曹魏 239.
    let t = "景初三年。後十二月，甲。";
    let m = month_of(t, "後十二月");
    assert!(m.leap && m.number == 12);
    // In a year with no leap ninth month, 後 is the word before's and the month the ninth
    // (宋史 仁宗紀, 天聖六年 = 1028: `…錄唐張九齡後九月已亥…`).
    let t = "天聖六年。秋八月，甲。後九月已亥，乙。";
    let m = month_of(t, "後九月已亥");
    assert_eq!((m.year.get(), m.number, m.leap), (1028, 9, false));
    // 端月: 秦's 正月 (始皇 avoided 正).
    let t = "始皇帝二十八年（前219）。端月，甲。";
    let m = month_of(t, "端月");
    assert_eq!((m.year.get(), m.number, m.leap), (-219, 1, false));
}

#[test]
fn taichu_has_its_winter_months_twice() {
    // 太初元年 (104 BCE): 十月 to 十二月 of the old reckoning, then a year from 正月 to
    // 十二月. The second 冬十月 comes after the months named before it.
    let t = "太初元年（前104）。冬十月，甲。十一月，乙。夏五月，丙。冬十月，丁。";
    let all = dated(t);
    let firsts: Vec<Jdn> = all.iter().map(|(_, d)| d.month.unwrap().first).collect();
    assert_eq!(firsts[0], julian(-104, 11, 26));
    assert_eq!(firsts[1], julian(-104, 12, 25));
    assert_eq!(firsts[3], julian(-103, 11, 14));
}

#[test]
fn days_in_every_form() {
    let t = "天慶八年（1118）。五月壬午朔，甲。甲申，乙。初三日，丙。十五日，丁。望，戊。晦，己。\
             是月，庚。是日，辛。";
    let all = dated(t);
    let days: Vec<(String, Option<String>)> = all
        .iter()
        .map(|(m, d)| (m.clone(), d.day.map(|j| j.julian().to_string())))
        .collect();
    assert_eq!(
        days,
        [
            ("五月壬午朔".to_owned(), Some("1118-05-22".to_owned())),
            ("甲申".to_owned(), Some("1118-05-24".to_owned())),
            ("初三日".to_owned(), Some("1118-05-24".to_owned())),
            ("十五日".to_owned(), Some("1118-06-05".to_owned())),
            ("望".to_owned(), Some("1118-06-05".to_owned())),
            ("晦".to_owned(), Some("1118-06-20".to_owned())),
            ("是月".to_owned(), None),
            ("是日".to_owned(), None),
        ]
    );
    // 是月 is the last month; 是日 after 是月 has no day to refer to but is in that month.
    assert_eq!(all[6].1.month.unwrap().number, 5);
    assert_eq!(all[7].1.month.unwrap().number, 5);
    // 是日 after a day is that day.
    let t = "天慶八年（1118）。五月甲申，帝獵。是日，大風。";
    assert_eq!(day_of(t, "是日"), "1118-05-24");
    // A day number with its 干支, and a 干支 with 晦.
    let t = "天慶八年（1118）。五月壬午朔，甲。三日甲申，乙。辛亥晦，丙。";
    assert_eq!(day_of(t, "三日甲申"), "1118-05-24");
    assert_eq!(day_of(t, "辛亥晦"), "1118-06-20");
}

#[test]
fn a_ganzhi_not_in_its_month_is_a_finding() {
    // 遼 1118 五月 runs 壬午 (1118-05-22) to 辛亥 (06-20): 乙卯 is four days after.
    let t = "天慶八年（1118）。五月壬午朔，甲。乙卯，乙。丙辰，丙。";
    let all = dated(t);
    let d = &all[1].1;
    assert_eq!(d.day, None);
    match &d.undated {
        Some(Undated::GanzhiNotInMonth {
            ganzhi, nearest, ..
        }) => {
            assert_eq!(ganzhi.to_string(), "乙卯");
            let (day, month) = nearest.unwrap();
            assert_eq!(day.julian().to_string(), "1118-06-24");
            assert_eq!(month.unwrap().number, 6);
        }
        other => panic!("{other:?}"),
    }
    let msg = d
        .undated
        .as_ref()
        .unwrap()
        .describe(MonthTable::embedded().calendar("遼"));
    assert!(msg.contains("乙卯 is not a day of 遼 1118 五月"), "{msg}");
    assert!(msg.contains("日干支誤"), "{msg}");
    assert!(
        msg.contains("nearest: 1118 六月初四日 (1118-06-24), 4 day(s) after its 晦"),
        "{msg}"
    );
    // The month still holds for the next day (丙辰 is not in it either).
    assert!(matches!(
        all[2].1.undated,
        Some(Undated::GanzhiNotInMonth { .. })
    ));
    // A 朔 whose 干支 is another day's.
    let t = "天慶八年（1118）。五月癸未朔，甲。";
    let d = date_of(t, "五月癸未朔");
    assert_eq!(d.day, None);
    assert_eq!(d.month.unwrap().number, 5);
    assert!(matches!(d.undated, Some(Undated::GanzhiNotTheDay { .. })));
    // 閏三月 in a year whose leap month is the ninth.
    let t = "天慶八年（1118）。閏三月，甲。";
    let d = date_of(t, "閏三月");
    assert_eq!(
        d.undated,
        Some(Undated::NoSuchMonth {
            year: CeYear::new(1118).unwrap(),
            name: "閏三月".to_owned()
        })
    );
    // 三十日 of a 29-day month (四月 1118).
    let t = "天慶八年（1118）。四月三十日，甲。";
    assert!(matches!(
        date_of(t, "四月三十日").undated,
        Some(Undated::DayOutOfRange { day: 30, .. })
    ));
}

#[test]
fn days_without_a_month_are_not_guessed() {
    // A 干支 with no month before it in the entry.
    let t = "天慶八年（1118）。甲申，帝獵。";
    assert_eq!(date_of(t, "甲申").undated, Some(Undated::NothingBefore));
    // A season without a month ends the month before it.
    let t = "天慶八年（1118）。五月，甲。秋，乙。甲申，丙。是月，丁。";
    let all = dated(t);
    assert_eq!(all[1].1.undated, Some(Undated::NamesNoDay));
    assert_eq!(all[2].1.undated, Some(Undated::NothingBefore));
    assert_eq!(all[3].1.undated, Some(Undated::NothingBefore));
    // 次年三月 is in the next year; the marks after it are in the entry's year again (元史:
    // 還至明年四月赴軍 is an order, and the entry goes on in its own year), with no month
    // in force: a day after it with no month of its own gets no date.
    let t = "天慶八年（1118）。冬十二月，甲。次年三月，乙。四月，丙。是歲，丁。五月，戊。";
    let all = dated(t);
    let years: Vec<Option<i32>> = all
        .iter()
        .map(|(_, d)| d.month.map(|m| m.year.get()))
        .collect();
    assert_eq!(
        years,
        [Some(1118), Some(1119), Some(1118), None, Some(1118)]
    );
    let t = "天慶八年（1118）。五月，甲。詔還，明年四月赴軍。甲申，乙。六月，丙。";
    let all = dated(t);
    assert_eq!(all[1].1.month.map(|m| m.year.get()), Some(1119));
    assert_eq!(all[2].1.undated, Some(Undated::NothingBefore));
    assert_eq!(all[3].1.month.map(|m| m.year.get()), Some(1118));
}

/// A date quoted from another year, in an unpunctuated entry (建炎以來繫年要錄 quotes
/// 紹興 memorials in 建炎三年), is not dated in the entry's year; 去年 names the year
/// before; the entry's own year written again is its year.
#[test]
fn dates_of_other_years() {
    let t = "建炎三年春正月庚辰朔上在揚州此乃紹興五年五月十三日張絢劾疏去年八月朔金人入寇建炎三年二月庚戌朔上幸杭州";
    let all = dated(t);
    let shown: Vec<(&str, Option<i32>, Option<Undated>)> = all
        .iter()
        .map(|(m, d)| (m.as_str(), d.month.map(|m| m.year.get()), d.undated.clone()))
        .collect();
    assert_eq!(
        shown,
        [
            ("春正月庚辰朔", Some(1129), None),
            ("五月十三日", None, Some(Undated::OtherYear { ordinal: 5 })),
            ("去年八月朔", Some(1128), None),
            ("二月庚戌朔", Some(1129), None),
        ]
    );
    let c = Chronicle::parse(t.to_owned());
    let marks = &c.entries[0].marks;
    let era_named = |ordinal| {
        Some(crate::model::marks::YearBefore {
            ordinal,
            era_named: true,
        })
    };
    assert_eq!(marks[1].year, era_named(5));
    assert_eq!(marks[3].year, era_named(3));
    // A number alone before a month may count years (給復齊州一年): the mark is of the
    // entry's year unless its day cannot be, and is one in the year written.
    let t = "建炎三年春正月庚辰朔上在揚州給復一年二月庚戌朔大赦日曆四年四月壬辰有";
    let years: Vec<Option<i32>> = dated(t)
        .iter()
        .map(|(_, d)| d.month.map(|m| m.year.get()))
        .collect();
    assert_eq!(years, [Some(1129), Some(1129), Some(1130)]);
}

#[test]
fn doubtful_years_get_no_date() {
    // Past the era's end in the table, the text counts on: the year holds.
    let mut e =
        Chronicle::parse("天慶八年（1118）。五月壬午朔，甲。".to_owned()).entries[0].clone();
    e.doubts = vec![Doubt::PastEraEnd];
    assert_eq!(entry_dates(&e).marks[0].day, Some(julian(1118, 5, 22)));
    for d in [
        Doubt::Ambiguous,
        Doubt::Reckoned,
        Doubt::Backwards,
        Doubt::Inherited,
    ] {
        e.doubts = vec![Doubt::PastEraEnd, d];
        let dates = entry_dates(&e);
        assert_eq!(dates.calendar, Err(EntryUndated::Doubtful(d)));
        assert_eq!(
            dates.marks[0].undated,
            Some(Undated::Entry(EntryUndated::Doubtful(d)))
        );
    }
    // An era the table does not know, with the year from the text's own annotation:
    // dated, in the main calendar.
    e.doubts = vec![Doubt::UnknownEra];
    e.era = None;
    e.ce_source = CeSource::Annotation;
    let dates = entry_dates(&e);
    assert_eq!(dates.calendar.unwrap().source, CalendarSource::MainInForce);
    assert_eq!(dates.marks[0].day, Some(julian(1118, 5, 22)));
    e.ce_source = CeSource::Context;
    assert!(entry_dates(&e).calendar.is_err());
    e.ce = None;
    e.doubts.clear();
    assert_eq!(entry_dates(&e).calendar, Err(EntryUndated::NoYear));
}

/// Every mark of the seed text that names a month or a day gets a date.
#[test]
fn the_seed_is_dated() {
    let c = Chronicle::embedded();
    let mut dated = 0;
    for e in &c.entries {
        let dates = entry_dates(e);
        for (m, d) in e.marks.iter().zip(&dates.marks) {
            if names_date(m) {
                assert!(
                    d.undated.is_none() && (d.day.is_some() || d.month.is_some()),
                    "{} in {}: {d:?}",
                    c.slice(m.span),
                    c.full_label(e)
                );
                dated += 1;
            }
        }
    }
    assert!(dated >= 30, "{dated}");
    // 天慶八年五月壬午朔.
    let e = c.entries.iter().find(|e| c.label(e) == "天慶八年").unwrap();
    let i = e
        .marks
        .iter()
        .position(|m| c.slice(m.span) == "五月壬午朔")
        .unwrap();
    assert_eq!(entry_dates(e).marks[i].day, Some(julian(1118, 5, 22)));
}

#[test]
fn day_names() {
    assert_eq!(day_name(1), "初一日");
    assert_eq!(day_name(10), "初十日");
    assert_eq!(day_name(11), "十一日");
    assert_eq!(day_name(20), "二十日");
    assert_eq!(day_name(21), "二十一日");
    assert_eq!(day_name(30), "三十日");
}

const PIECES: &[&str] = &[
    "天慶八年。",
    "重和元年。",
    "太初元年（前104）。",
    "天授二年（691）。",
    "某某三年。",
    "\n",
    "春",
    "冬",
    "正月",
    "閏月",
    "閏九月",
    "後九月",
    "臘月",
    "一月",
    "建子月",
    "十有二月",
    "五月",
    "三十日",
    "初三日",
    "壬午",
    "乙卯",
    "朔",
    "晦",
    "望",
    "是月",
    "是日",
    "是歲",
    "次年",
    "，",
    "。",
    "帝至",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

    /// Any text: every mark gets a dating, and a day is always in its month.
    #[test]
    fn dates_hold_together(parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..30)) {
        let c = Chronicle::parse(parts.concat());
        for e in &c.entries {
            let dates = entry_dates(e);
            proptest::prop_assert_eq!(dates.marks.len(), e.marks.len());
            for d in &dates.marks {
                if let (Some(day), Some(month)) = (d.day, d.month) {
                    proptest::prop_assert!(month.contains(day));
                }
                if let Some(u) = &d.undated {
                    let _ = u.describe(dates.calendar.ok().map(|ec| ec.calendar));
                }
            }
        }
        let _ = findings(&c);
    }
}

#[test]
fn days_that_fit_another_year_are_a_finding() {
    // The sixth days of 二月, 五月, 八月 and 十一月 of 遼 1118, under a heading of 1117:
    // three fall just outside their months in 1117 (日干支誤; 八月丙辰 is in it), all in 1118.
    let t = "天慶七年（1117）。\n\n二月戊午，甲。五月丁亥，乙。八月丙辰，丙。十一月甲寅，丁。\n";
    let c = Chronicle::parse(t.to_owned());
    assert_eq!(c.entries[0].ce, Some(1117));
    let (found, sum) = findings(&c);
    assert_eq!(sum.ganzhi_not_in_month, 3);
    let said: Vec<&str> = found
        .iter()
        .map(|d| d.message.as_str())
        .filter(|m| m.contains("days named by 干支"))
        .collect();
    assert_eq!(said.len(), 1, "{found:?}");
    assert!(
        said[0].contains("3 of its 4 days named by 干支 are not in their months in 1117, 4 of them would be in 1118"),
        "{}",
        said[0]
    );
    // Three of them in their months in 1117: nothing said.
    let t = "天慶七年（1117）。\n\n二月甲子，甲。五月丁亥，乙。八月辛酉，丙。十一月庚寅，丁。\n";
    let (found, _) = findings(&Chronicle::parse(t.to_owned()));
    assert!(
        !found
            .iter()
            .any(|d| d.message.contains("days named by 干支"))
    );
}

#[test]
fn a_date_in_a_note_leaves_the_months_in_force() {
    // 繫年要錄 (Kanripo): `…又陞顯謨學士(滋進職在/五月戊辰)¶是月…` in 四月 of 紹興十八年: the
    // note's 五月戊辰 is dated, and 是月 is still 四月.
    let text = "紹興十有八年(嵗次戊辰)春正月戊辰左奉議郎為太常寺主簿¶\n\
                夏四月丙辰知建康府後旬日又陞顯謨學士(滋進職在/五月戊辰)¶\n\
                是月慶逺軍節度使張澄始視事¶\n";
    let d = dated(text);
    let (note, shi) = (&d[2], &d[3]);
    assert_eq!(note.0, "五月戊辰");
    assert_eq!(
        note.1.day.map(|j| j.julian().to_string()).as_deref(),
        Some("1148-05-30")
    );
    assert_eq!(shi.0, "是月");
    assert_eq!(shi.1.month.map(|m| m.number), Some(4));
    assert_eq!(d[1].1.month.map(|m| m.number), Some(4));
    // A later date in the same note is of the year written before the first one.
    let text = "紹興十有八年春正月戊辰太常寺主簿¶\n\
                故有是命(日歴方雲翼紹興十五年三月癸未除參議官十一月丁未改通判)¶\n";
    let d = dated(text);
    assert_eq!(d.last().map(|(m, _)| m.as_str()), Some("十一月丁未"));
    assert!(d.last().is_some_and(|(_, m)| m.day.is_none()), "{d:?}");
}

/// A day's 干支 written with 戊 in the branch's place is read as the one valid pair and
/// said; the usual scribal forms (甲戍, 巳丑) are read without a word.
#[test]
fn a_crossed_day_ganzhi_is_read_and_said() {
    let t = "乾統元年\n六月戊戊，大赦。七月甲戍，巳丑，雨。\n";
    let c = Chronicle::parse(t.to_owned());
    let (found, _) = findings(&c);
    let said: Vec<&str> = found
        .iter()
        .filter(|d| d.message.contains("is no 干支"))
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(said.len(), 1, "{found:?}");
    assert!(
        said[0].starts_with("六月戊戊 (乾統元年): 戊戊 is no 干支; read as 戊戌"),
        "{}",
        said[0]
    );
    let right = t.replace("戊戊", "戊戌");
    assert_eq!(day_of(t, "六月戊戊"), day_of(&right, "六月戊戌"));
}
