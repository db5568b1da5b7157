//! Time marks as days: every mark of an entry resolved in the lunar calendar of the
//! entry's regime and CE year ([`entry_dates`]), and the marks whose day the calendar
//! contradicts, for `annals check` ([`findings`]).
//!
//! # The rules
//!
//! - **The calendar** is the one the month table keeps for the regime of the entry's era
//!   (遼 for 天慶, 北宋 for 政和). Where the regime has none, or none for that year, the
//!   main calendar in force that year is used ([`main_calendar`]: 西漢 … 北宋, 南宋, 元, 明,
//!   清), and the dating says so ([`CalendarSource::MainInForce`]).
//! - **The year** is the entry's CE year, the civil year the month table counts: 通鑑's
//!   重和元年 (an era proclaimed in the eleventh month of 1118) is 1118 whatever era the
//!   other tables give its 正月, so naming a year by the era in force at its end needs
//!   nothing special. 次年, 明年 or 翌年 with a month (明年四月) is a month of the next
//!   year; the marks after it are in the entry's year again (inside a year's entry such a
//!   date is most often a plan or an order, not the narrative moving on), with no month
//!   in force. Where the book's own 干支 put the year one off
//!   the era table (契丹國志's 辛巳天贊元年 = 921), the months are the book's year's: of the
//!   40 solar eclipses such entries record on a 朔, 39 fall near a lunar node in the book's
//!   year, 17 in the table's.
//! - **No date** when the entry has no CE year, or its year is doubtful ([`EntryUndated`]):
//!   counted from its neighbours, out of order, far from the years around it, an era read
//!   with another as likely, a ruler's name in conflict, counted on from such a year. A
//!   day is only worth giving in a year that is known. Two doubts leave the date: an
//!   ordinal past the era's end in the table (the text counts on; the year is still
//!   exact), and an era the table does not know when the text itself gives the year (by
//!   its 干支 or an annotation), dated in the main calendar.
//! - **Months** are found by name in the year: 閏月 alone is the year's leap month, 臘月
//!   and 一月 are 武周's months where the calendar has them (十二月 and 正月 elsewhere),
//!   建X月 the months of 761–762 (the month of that branch elsewhere). Where the year has
//!   two months of a name (太初元年's 十月 to 十二月), the day's 干支 chooses, else the
//!   first after the last month named.
//! - **Days** carry on: a 干支, a day number, 朔/望/晦 or 是月 written without a month
//!   are in the last month named in the entry; 是日 (是夕, 是夜) is the last day named. A
//!   season without a month (秋，), 是歲 or 次年 ends the month: a day after it, with no
//!   month of its own, gets no date. A day with no month before it in the entry gets no
//!   date: the calendar is never guessed.
//! - **Conflicts** are findings, and the mark gets no day: a 干支 that cannot fall in its
//!   month (日干支誤), a 干支 that is not the day written with it (五月壬午朔 where the 朔
//!   is 癸未), a day past the month's end, a month the year does not have (a 閏三月 in a
//!   year whose leap month is another).
//!
//! Nothing here finds marks ([`super::marks`]) or prints.

use std::fmt;

use super::marks::{DayOfMonth, MonthName, Relative, TimeMark};
use super::{CeSource, Chronicle, Diagnostic, Doubt, Entry, EraTable, Severity};
use crate::calendar::months::{CalendarId, LA_YUE, LunarMonth, MonthTable, YI_YUE, jian};
use crate::calendar::{CeYear, Ganzhi, jdn::Jdn};

/// How the calendar an entry is dated in was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarSource {
    /// The calendar of the regime whose era the entry names.
    Regime,
    /// The regime has no calendar in the month table for that year (or the era is not
    /// known): the main calendar in force that year.
    MainInForce,
}

/// The calendar and civil year an entry's marks are dated in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryCalendar {
    /// The calendar.
    pub calendar: CalendarId,
    /// The entry's CE year (a civil year of the calendar).
    pub year: CeYear,
    /// How the calendar was chosen.
    pub source: CalendarSource,
}

/// Why an entry's marks get no date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryUndated {
    /// The entry has no CE year.
    NoYear,
    /// The entry's CE year is doubtful in a way that makes a day meaningless.
    Doubtful(Doubt),
    /// No calendar of the month table has that year (before 221 BCE, after 1912).
    NoCalendar(CeYear),
}

impl fmt::Display for EntryUndated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EntryUndated::NoYear => write!(f, "the entry has no CE year"),
            EntryUndated::Doubtful(d) => {
                write!(f, "the entry's year is doubtful ({})", d.describe())
            }
            EntryUndated::NoCalendar(y) => write!(f, "no calendar in the month table has {y}"),
        }
    }
}

/// Why a mark that names a month or a day gets no date (or no day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undated {
    /// The mark names no month and no day (a season, 是歲, 次年, 三日 as a count of days).
    NamesNoDay,
    /// The entry gives no year to date it in.
    Entry(EntryUndated),
    /// A day or 是月 with no month named before it in the entry (or 是日 with no day).
    NothingBefore,
    /// The mark follows a year written before it that is not its entry's (`紹興五年五月`
    /// quoted in an entry of 建炎三年): a date of another year, not dated here.
    OtherYear {
        /// The ordinal of the year written.
        ordinal: u32,
    },
    /// The calendar has no month of that name in the year.
    NoSuchMonth {
        /// The civil year.
        year: CeYear,
        /// The month as the calendar would name it (`閏三月`; `閏月` for a leap month
        /// asked for alone).
        name: String,
    },
    /// The month has no such day (三十日 of a 29-day month).
    DayOutOfRange {
        /// The month.
        month: LunarMonth,
        /// The day asked for.
        day: u8,
    },
    /// The day's 干支 cannot fall in its month: 日干支誤 (or a month the text left out).
    GanzhiNotInMonth {
        /// The 干支 written.
        ganzhi: Ganzhi,
        /// The month it was read in.
        month: LunarMonth,
        /// The nearest day with that 干支, just before the month or just after it, and the
        /// month of the calendar it falls in.
        nearest: Option<(Jdn, Option<LunarMonth>)>,
    },
    /// The 干支 is not the day written with it: 五月壬午朔 where the 朔 is 癸未.
    GanzhiNotTheDay {
        /// The 干支 written.
        ganzhi: Ganzhi,
        /// The day named by number or as 朔/望/晦.
        written: DayOfMonth,
        /// That day.
        day: Jdn,
        /// Its month.
        month: LunarMonth,
    },
}

impl Undated {
    /// Whether the text and the calendar disagree (a finding for `check`), rather than
    /// the mark naming too little to be dated.
    pub fn is_conflict(&self) -> bool {
        matches!(
            self,
            Undated::NoSuchMonth { .. }
                | Undated::DayOutOfRange { .. }
                | Undated::GanzhiNotInMonth { .. }
                | Undated::GanzhiNotTheDay { .. }
        )
    }

    /// What went wrong, in words, for the calendar `cal`.
    pub fn describe(&self, cal: Option<CalendarId>) -> String {
        let t = MonthTable::embedded();
        let cal_name = cal.map_or("", |c| t.name(c));
        match self {
            Undated::NamesNoDay => "names no month or day".to_owned(),
            Undated::Entry(e) => e.to_string(),
            Undated::NothingBefore => "no month (or day) named before it in the entry".to_owned(),
            Undated::OtherYear { ordinal } => {
                format!("a date of another year (its {ordinal}年), not of the entry's")
            }
            Undated::NoSuchMonth { year, name } => {
                format!("{cal_name} has no {name} in {year}")
            }
            Undated::DayOutOfRange { month, day } => format!(
                "{cal_name} {} has {} days, not {day}",
                month_label(month),
                month.days
            ),
            Undated::GanzhiNotInMonth {
                ganzhi,
                month,
                nearest,
            } => {
                let mut s = format!(
                    "{ganzhi} is not a day of {cal_name} {} ({}, {} – {}) (日干支誤)",
                    month_label(month),
                    month_span(month),
                    month.first.julian(),
                    month.last().julian()
                );
                if let Some((day, m)) = nearest {
                    let gap = if *day < month.first {
                        format!("{} day(s) before its 朔", month.first - *day)
                    } else {
                        format!("{} day(s) after its 晦", *day - month.last())
                    };
                    match m {
                        Some(m) => s.push_str(&format!(
                            "; nearest: {} {}{} ({}), {gap}",
                            m.year,
                            m.name(),
                            day_name(m.day_number(*day).unwrap_or(0)),
                            day.julian()
                        )),
                        None => s.push_str(&format!("; nearest: {} ({gap})", day.julian())),
                    }
                }
                s
            }
            Undated::GanzhiNotTheDay {
                ganzhi,
                written,
                day,
                month,
            } => {
                let which = match written {
                    DayOfMonth::Number(n) => day_name(*n),
                    DayOfMonth::Shuo => "朔".to_owned(),
                    DayOfMonth::Wang => "望".to_owned(),
                    DayOfMonth::Hui => "晦".to_owned(),
                };
                let mut s = format!(
                    "the {which} of {cal_name} {} is {} ({}), not {ganzhi}",
                    month_label(month),
                    Ganzhi::of_jdn(*day),
                    day.julian()
                );
                let offset = i32::from(ganzhi.index()) - i32::from(Ganzhi::of_jdn(*day).index());
                let offset = (offset + 30).rem_euclid(60) - 30;
                if offset != 0 && offset.abs() <= 3 {
                    s.push_str(&format!(
                        "; {ganzhi} is {} day(s) {}",
                        offset.abs(),
                        if offset > 0 { "later" } else { "earlier" }
                    ));
                }
                s
            }
        }
    }
}

/// What the calendar says of one time mark.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MarkDating {
    /// The day, where the mark names one (by itself, or 是日) and the calendar has it.
    pub day: Option<Jdn>,
    /// The month: the one the mark names, or the one its day is in.
    pub month: Option<LunarMonth>,
    /// Why there is no day (or no month) although the mark names one; `None` when the
    /// mark is dated as far as it names a date.
    pub undated: Option<Undated>,
}

impl MarkDating {
    fn undated(why: Undated) -> MarkDating {
        MarkDating {
            undated: Some(why),
            ..MarkDating::default()
        }
    }
}

/// The dates of one entry's marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryDates {
    /// The calendar and year the marks are dated in, or why they are not.
    pub calendar: Result<EntryCalendar, EntryUndated>,
    /// One dating per mark, in the order of [`Entry::marks`].
    pub marks: Vec<MarkDating>,
}

/// The calendars of the main line of dynasties, in order: the fallback for a regime with
/// no calendar of its own.
const MAIN_LINE: [&str; 24] = [
    "秦", "西漢", "新", "東漢", "曹魏", "西晉", "東晉", "劉宋", "南齊", "南梁", "陳", "隋", "唐",
    "武周", "後梁", "後唐", "後晉", "後漢", "後周", "北宋", "南宋", "元", "明", "清",
];

/// The main calendar in force in `year`: of the main line of dynasties (秦, 西漢 … 北宋,
/// 南宋, 元, 明, 清), the one with the most months in that civil year (in 907, 後梁 rather
/// than 唐, which ended in the fourth month), the earlier in the line on a tie (後梁 before
/// 後唐, whose calendar begins in 907 too).
pub fn main_calendar(year: CeYear) -> Option<CalendarId> {
    let t = MonthTable::embedded();
    let mut best: Option<(CalendarId, usize)> = None;
    for cal in MAIN_LINE.iter().filter_map(|n| t.calendar(n)) {
        let n = t.months_of_year(cal, year).len();
        if n > 0 && best.is_none_or(|(_, most)| n > most) {
            best = Some((cal, n));
        }
    }
    best.map(|(c, _)| c)
}

/// The calendar of the regime named `regime` for `year`, or the main calendar in force
/// when it has none for that year.
pub fn calendar_for(
    regime: Option<&str>,
    year: CeYear,
) -> Result<(CalendarId, CalendarSource), EntryUndated> {
    let t = MonthTable::embedded();
    if let Some(cal) = regime.and_then(|r| t.calendar(r)) {
        if !t.months_of_year(cal, year).is_empty() {
            return Ok((cal, CalendarSource::Regime));
        }
    }
    main_calendar(year)
        .map(|c| (c, CalendarSource::MainInForce))
        .ok_or(EntryUndated::NoCalendar(year))
}

/// Whether a doubt about an entry's year makes its days meaningless (see the module docs).
fn spoils_days(d: Doubt, e: &Entry) -> bool {
    match d {
        // (Its marks before the year passed over are its own; those after, a year off,
        // are what `check` then reports.)
        Doubt::PastEraEnd | Doubt::PassedOver => false,
        Doubt::UnknownEra => !matches!(e.ce_source, CeSource::Ganzhi | CeSource::Annotation),
        _ => true,
    }
}

/// The calendar and year an entry's marks are dated in, or why they get no date.
pub fn entry_calendar(e: &Entry) -> Result<EntryCalendar, EntryUndated> {
    let year = e.ce.and_then(CeYear::new).ok_or(EntryUndated::NoYear)?;
    if let Some(&d) = e.doubts.iter().find(|&&d| spoils_days(d, e)) {
        return Err(EntryUndated::Doubtful(d));
    }
    let eras = EraTable::embedded();
    let regime = e.era.map(|id| eras.regime(eras.get(id).regime()).name());
    let (calendar, source) = calendar_for(regime, year)?;
    Ok(EntryCalendar {
        calendar,
        year,
        source,
    })
}

/// What the marks before the current one established.
#[derive(Default, Clone)]
struct Context {
    /// Years after the entry's (1 after 次年).
    offset: i32,
    /// The last month named.
    month: Option<LunarMonth>,
    /// The last day named.
    day: Option<Jdn>,
}

/// The dates of the marks of entry `e` (see the module docs for the rules). Its marks must
/// have been found ([`Chronicle::marks`], [`Chronicle::find_all_marks`]).
pub fn entry_dates(e: &Entry) -> EntryDates {
    let calendar = entry_calendar(e);
    let marks = match calendar {
        Err(why) => e
            .marks
            .iter()
            .map(|m| {
                MarkDating::undated(if names_date(m) {
                    Undated::Entry(why)
                } else {
                    Undated::NamesNoDay
                })
            })
            .collect(),
        Ok(ec) => {
            let mut cx = Context::default();
            e.marks
                .iter()
                .map(|m| {
                    // A mark in a note dates itself in the months in force, leaving them.
                    if m.aside {
                        return date_with_year(ec, &mut cx.clone(), m, e.year);
                    }
                    date_with_year(ec, &mut cx, m, e.year)
                })
                .collect()
        }
    };
    EntryDates { calendar, marks }
}

/// The date of `m` in the months in force `cx` of an entry of year `entry_year` (its
/// ordinal), minding a year written before the mark.
fn date_with_year(
    ec: EntryCalendar,
    cx: &mut Context,
    m: &TimeMark,
    entry_year: u32,
) -> MarkDating {
    match m.year.filter(|y| y.ordinal != entry_year) {
        None => date_mark(ec, cx, m),
        // A date quoted from another year leaves the months in force alone.
        // With its era's name: not dated (the era may be another's).
        Some(y) if y.era_named => MarkDating::undated(Undated::OtherYear { ordinal: y.ordinal }),
        // A number alone may count years (給復齊州一年四月乙酉): the mark is of
        // the entry's year unless the calendar says it cannot be and that it
        // is a day of the year written (日曆四年四月壬辰 in 建炎三年).
        Some(y) => {
            let mut here = cx.clone();
            let dating = date_mark(ec, &mut here, m);
            if !dating.undated.as_ref().is_some_and(Undated::is_conflict) {
                *cx = here;
                return dating;
            }
            let mut there = Context {
                offset: y.ordinal as i32 - entry_year as i32,
                ..Context::default()
            };
            let other = date_mark(ec, &mut there, m);
            if other.undated.is_none() {
                return other;
            }
            *cx = here;
            dating
        }
    }
}

/// Whether a mark names a month or a day, directly or by reference (是月, 是日).
fn names_date(m: &TimeMark) -> bool {
    m.names_month() || m.names_day() || matches!(m.relative, Some(Relative::Month | Relative::Day))
}

fn date_mark(ec: EntryCalendar, cx: &mut Context, m: &TimeMark) -> MarkDating {
    match m.relative {
        // 明年四月 names a month of the next year (去年八月 one of the year before), but inside
        // a year's entry it is most often a plan, an order or a recollection (元史: 還至明年
        // 四月赴軍), not the narrative moving on: what follows is in the entry's year again,
        // with no month in force.
        Some(r @ (Relative::NextYear | Relative::LastYear)) => {
            let mut next = Context {
                offset: if r == Relative::NextYear { 1 } else { -1 },
                ..Context::default()
            };
            let dating = date_in_context(ec, &mut next, m);
            *cx = Context::default();
            return dating;
        }
        Some(Relative::Year) => *cx = Context::default(),
        _ => {}
    }
    date_in_context(ec, cx, m)
}

/// The date of `m` in the year and the month and day in force that `cx` holds.
fn date_in_context(ec: EntryCalendar, cx: &mut Context, m: &TimeMark) -> MarkDating {
    let t = MonthTable::embedded();
    let year = ec.year.add(cx.offset);
    if m.names_month() {
        let month = match find_month(t, ec.calendar, year, m, cx.month) {
            Ok(month) => month,
            Err(why) => {
                cx.month = None;
                cx.day = None;
                return MarkDating::undated(why);
            }
        };
        cx.month = Some(month);
        cx.day = None;
        let mut dating = MarkDating {
            month: Some(month),
            ..MarkDating::default()
        };
        if m.names_day() {
            match day_in(t, ec.calendar, &month, m.ganzhi, m.day) {
                Ok(day) => {
                    cx.day = Some(day);
                    dating.day = Some(day);
                }
                Err(why) => dating.undated = Some(why),
            }
        }
        return dating;
    }
    if m.names_day() {
        let Some(month) = cx.month else {
            cx.day = None;
            return MarkDating::undated(Undated::NothingBefore);
        };
        return match day_in(t, ec.calendar, &month, m.ganzhi, m.day) {
            Ok(day) => {
                cx.day = Some(day);
                MarkDating {
                    day: Some(day),
                    month: Some(month),
                    undated: None,
                }
            }
            Err(why) => {
                cx.day = None;
                MarkDating::undated(why)
            }
        };
    }
    match m.relative {
        Some(Relative::Month) => {
            cx.day = None;
            match cx.month {
                Some(month) => MarkDating {
                    month: Some(month),
                    ..MarkDating::default()
                },
                None => MarkDating::undated(Undated::NothingBefore),
            }
        }
        Some(Relative::Day) => match (cx.day, cx.month) {
            (Some(day), month) => MarkDating {
                day: Some(day),
                month,
                undated: None,
            },
            // 是日 after a month but no day: a day of that month, which one unsaid.
            (None, Some(month)) => MarkDating {
                month: Some(month),
                ..MarkDating::default()
            },
            (None, None) => MarkDating::undated(Undated::NothingBefore),
        },
        _ => {
            // A season, 是春, 是歲, 次年: the months named before no longer hold.
            cx.month = None;
            cx.day = None;
            MarkDating::undated(Undated::NamesNoDay)
        }
    }
}

/// The month a mark names in `year` of `cal`; `after`: the last month named before it
/// (chooses between two months of one name).
fn find_month(
    t: &MonthTable,
    cal: CalendarId,
    year: CeYear,
    m: &TimeMark,
    after: Option<LunarMonth>,
) -> Result<LunarMonth, Undated> {
    let candidates: Vec<LunarMonth> = match m.month {
        // 閏月 alone: the year's leap month.
        None => t
            .months_of_year(cal, year)
            .into_iter()
            .filter(|x| x.leap)
            .collect(),
        Some(usual) => {
            let special = match m.month_name {
                MonthName::Plain | MonthName::Hou => None,
                MonthName::La => Some(LA_YUE),
                MonthName::Yi => Some(YI_YUE),
                MonthName::Jian(b) => jian(b),
            };
            let mut found = Vec::new();
            if let Some(n) = special {
                found = t.months_named(cal, year, n, m.leap);
                if found.is_empty() && matches!(m.month_name, MonthName::Jian(_)) {
                    // 761–762 began their year with 建子月: a text may write it under the
                    // year before.
                    found = [year.add(-1), year.add(1)]
                        .into_iter()
                        .flat_map(|y| t.months_named(cal, y, n, m.leap))
                        .collect();
                    found.sort_by_key(|x| x.first);
                }
            }
            if found.is_empty() {
                found = t.months_named(cal, year, usual, m.leap);
            }
            if found.is_empty() && m.month_name == MonthName::Hou {
                found = t.months_named(cal, year, usual, false);
            }
            found
        }
    };
    match candidates.as_slice() {
        // A month before a regime's calendar begins or after it ends in the year (後梁's
        // 開平元年 from 四月 of 907: its 正月 is 唐's): the month of the main line of
        // dynasties that has it. (Not where the regime has the whole year: a month it
        // lacks then is an error of the text.)
        [] if t.months_of_year(cal, year).len() < 12 => {
            let other = m.month.and_then(|n| {
                MAIN_LINE
                    .iter()
                    .filter_map(|name| t.calendar(name))
                    .filter(|&c| c != cal)
                    .find_map(|c| t.months_named(c, year, n, m.leap).first().copied())
            });
            other.ok_or_else(|| Undated::NoSuchMonth {
                year,
                name: match m.month {
                    Some(n) => crate::calendar::months::month_name(n, m.leap),
                    None => "閏月".to_owned(),
                },
            })
        }
        [] => Err(Undated::NoSuchMonth {
            year,
            name: match m.month {
                Some(n) => crate::calendar::months::month_name(n, m.leap),
                None => "閏月".to_owned(),
            },
        }),
        [one] => Ok(*one),
        [first, ..] => {
            if m.ganzhi.is_some() {
                // The day written (初一日甲子, 甲子朔, 甲子) chooses, where one month has it.
                let hits: Vec<&LunarMonth> = candidates
                    .iter()
                    .filter(|x| day_in(t, cal, x, m.ganzhi, m.day).is_ok())
                    .collect();
                if let [one] = hits.as_slice() {
                    return Ok(**one);
                }
            }
            Ok(after
                .and_then(|a| candidates.iter().find(|x| x.first > a.first).copied())
                .unwrap_or(*first))
        }
    }
}

/// The month and day a mark names, read alone in `year` of `cal` (`after`: the last month
/// named before it, which chooses between two months of one name): what `annals date`
/// asks. The mark must name a month; the day is `None` when it names none.
pub fn resolve_mark(
    cal: CalendarId,
    year: CeYear,
    m: &TimeMark,
    after: Option<LunarMonth>,
) -> Result<(LunarMonth, Option<Jdn>), Undated> {
    let t = MonthTable::embedded();
    let month = find_month(t, cal, year, m, after)?;
    if !m.names_day() {
        return Ok((month, None));
    }
    day_in(t, cal, &month, m.ganzhi, m.day).map(|d| (month, Some(d)))
}

/// The day of `month` named by a 干支 and/or a day (number, 朔, 望, 晦).
fn day_in(
    t: &MonthTable,
    cal: CalendarId,
    month: &LunarMonth,
    ganzhi: Option<Ganzhi>,
    day: Option<DayOfMonth>,
) -> Result<Jdn, Undated> {
    let by_day = match day {
        Some(DayOfMonth::Number(n)) => Some(month.day(n).ok_or(Undated::DayOutOfRange {
            month: *month,
            day: n,
        })?),
        Some(DayOfMonth::Shuo) => Some(month.first),
        Some(DayOfMonth::Wang) => month.day(15),
        Some(DayOfMonth::Hui) => Some(month.last()),
        None => None,
    };
    match (by_day, ganzhi, day) {
        (Some(d), None, _) => Ok(d),
        (Some(d), Some(g), Some(written)) => {
            if Ganzhi::of_jdn(d) == g {
                Ok(d)
            } else {
                Err(Undated::GanzhiNotTheDay {
                    ganzhi: g,
                    written,
                    day: d,
                    month: *month,
                })
            }
        }
        (None, Some(g), _) => ganzhi_day(month, g).ok_or_else(|| Undated::GanzhiNotInMonth {
            ganzhi: g,
            month: *month,
            nearest: nearest_with(t, cal, month, g),
        }),
        _ => Err(Undated::NamesNoDay),
    }
}

/// The day of `month` whose 干支 is `g`, if one is.
pub fn ganzhi_day(month: &LunarMonth, g: Ganzhi) -> Option<Jdn> {
    let offset =
        (i32::from(g.index()) - i32::from(Ganzhi::of_jdn(month.first).index())).rem_euclid(60);
    (offset < i32::from(month.days)).then(|| month.first + offset)
}

/// The day with 干支 `g` nearest to `month` (which does not hold one), just before its 朔
/// or just after its 晦, and the month of `cal` that day is in.
pub fn nearest_with(
    t: &MonthTable,
    cal: CalendarId,
    month: &LunarMonth,
    g: Ganzhi,
) -> Option<(Jdn, Option<LunarMonth>)> {
    let after =
        (i32::from(g.index()) - i32::from(Ganzhi::of_jdn(month.first).index())).rem_euclid(60);
    if after < i32::from(month.days) {
        return None;
    }
    let later = month.first + after;
    let earlier = later - 60;
    let day = if later - month.last() <= month.first - earlier {
        later
    } else {
        earlier
    };
    Some((day, t.month_at(cal, day)))
}

/// The name of a day of the month: 初一日 … 初十日, 十一日 … 三十日.
pub fn day_name(n: u8) -> String {
    if (1..=10).contains(&n) {
        format!("初{}日", super::chinese_number(u32::from(n)))
    } else {
        format!("{}日", super::chinese_number(u32::from(n)))
    }
}

/// `1118 五月`.
fn month_label(m: &LunarMonth) -> String {
    format!("{} {}", m.year, m.name())
}

/// `壬午朔 to 庚戌晦`.
fn month_span(m: &LunarMonth) -> String {
    format!(
        "{}朔 to {}晦",
        Ganzhi::of_jdn(m.first),
        Ganzhi::of_jdn(m.last())
    )
}

/// How the marks of a text fared: for `annals check`'s summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateSummary {
    /// Marks that name a month or a day (directly, or 是月 / 是日).
    pub dateable: usize,
    /// Marks dated to the day.
    pub days: usize,
    /// Marks dated to the month only.
    pub months: usize,
    /// Day 干支 that cannot fall in their month (日干支誤).
    pub ganzhi_not_in_month: usize,
    /// Other conflicts: a 干支 that is not the day written with it, a day past the
    /// month's end, a month the year does not have.
    pub other_conflicts: usize,
    /// Dateable marks left undated because of their entry (no year, a doubtful year).
    pub in_undated_entries: usize,
    /// Marks dated in the main calendar because their regime has none.
    pub main_calendar: usize,
}

/// Every conflict between a text's marks and the calendar, as findings (line, byte, the
/// mark and the reason), with the summary counts.
pub fn findings(c: &Chronicle) -> (Vec<Diagnostic>, DateSummary) {
    c.find_all_marks();
    let mut out = Vec::new();
    let mut sum = DateSummary::default();
    for e in &c.entries {
        let dates = entry_dates(e);
        let cal = dates.calendar.ok().map(|ec| ec.calendar);
        for (m, d) in e.marks.iter().zip(&dates.marks) {
            if !names_date(m) {
                continue;
            }
            sum.dateable += 1;
            // A day's 干支 written with a stem for its branch (`六月戊戊`): read as the one
            // valid pair, and said.
            if let Some(g) = m.ganzhi {
                let written = c.slice(m.span);
                let crossed = written.char_indices().find_map(|(k, _)| {
                    let at = &written[k..];
                    (Ganzhi::parse_prefix(at).is_some_and(|(p, _)| p == g) && Ganzhi::crossed(at))
                        .then(|| at.chars().take(2).collect::<String>())
                });
                if let Some(w) = crossed {
                    out.push(Diagnostic {
                        severity: Severity::Info,
                        line: c.line_of(m.span.start),
                        byte: m.span.start,
                        message: format!(
                            "{} ({}): {w} is no 干支; read as {g}, the one pair its characters may make",
                            written,
                            c.full_label(e)
                        ),
                    });
                }
            }
            if d.day.is_some() {
                sum.days += 1;
            } else if d.month.is_some() {
                sum.months += 1;
            }
            if (d.day.is_some() || d.month.is_some())
                && dates
                    .calendar
                    .is_ok_and(|ec| ec.source == CalendarSource::MainInForce)
            {
                sum.main_calendar += 1;
            }
            let Some(why) = &d.undated else { continue };
            match why {
                Undated::Entry(_) => sum.in_undated_entries += 1,
                Undated::GanzhiNotInMonth { .. } => sum.ganzhi_not_in_month += 1,
                w if w.is_conflict() => sum.other_conflicts += 1,
                _ => {}
            }
            if why.is_conflict() {
                // (A date in a note may be a source's, of another year: a note, not a
                // warning.)
                out.push(Diagnostic {
                    severity: if m.aside {
                        Severity::Info
                    } else {
                        Severity::Warning
                    },
                    line: c.line_of(m.span.start),
                    byte: m.span.start,
                    message: format!(
                        "{} ({}{}): {}",
                        c.slice(m.span),
                        c.full_label(e),
                        if m.aside { ", in a note" } else { "" },
                        why.describe(cal)
                    ),
                });
            }
        }
        if let Some(better) = better_year(e, &dates) {
            out.push(Diagnostic {
                severity: Severity::Warning,
                line: c.line_of(e.label.start),
                byte: e.label.start,
                message: format!(
                    "{}: {} of its {} days named by 干支 are not in their months in {}, {} of them \
                     would be in {}: the year may be wrong, or the entry holds more than one",
                    c.full_label(e),
                    better.misplaced,
                    better.days,
                    better.year_now,
                    better.fitting,
                    better.year
                ),
            });
        }
    }
    (out, sum)
}

/// Of an entry whose days disagree with its year's calendar: a year near it they agree
/// with better ([`better_year`]). Counts of marks; CE years.
struct BetterYear {
    /// Marks naming a day by its 干支 and a month.
    days: usize,
    /// Of them, those not in their month in the entry's year (日干支誤, or a day the month
    /// does not have).
    misplaced: usize,
    /// The entry's CE year.
    year_now: CeYear,
    /// The better year, and how many of `days` fall in their months in it.
    year: CeYear,
    fitting: usize,
}

/// How many years either side of an entry's year [`better_year`] tries.
const BETTER_YEAR_SPAN: i32 = 12;

/// How many of an entry's days must be out of their months, and how many more another year
/// must put in them, for [`better_year`] to say so.
const MISPLACED_DAYS: usize = 3;

/// A year within [`BETTER_YEAR_SPAN`] of entry `e`'s whose calendar puts at least
/// [`MISPLACED_DAYS`] more of its day 干支 in their months than its own year's does, where
/// that many and half of them are not in their months in its own (`dates`, the entry's datings): a sign that its
/// year is wrong, or that it holds another year's events (北齊書: ten years under 天平四年
/// when the eras run on in the prose were missed). The nearest such year with the most.
fn better_year(e: &Entry, dates: &EntryDates) -> Option<BetterYear> {
    let ec = dates.calendar.ok()?;
    let t = MonthTable::embedded();
    let counts = |ec: EntryCalendar| -> (usize, usize) {
        let mut cx = Context::default();
        let (mut days, mut fit) = (0, 0);
        for m in e.marks.iter().filter(|m| m.year.is_none() && !m.aside) {
            let d = date_mark(ec, &mut cx, m);
            if m.ganzhi.is_some() && d.month.is_some() {
                days += 1;
                fit += usize::from(d.day.is_some());
            }
        }
        (days, fit)
    };
    let (days, fit_now) = counts(ec);
    let misplaced = days - fit_now;
    if misplaced < MISPLACED_DAYS || misplaced * 2 < days {
        return None;
    }
    let mut best: Option<(CeYear, usize)> = None;
    for k in 1..=BETTER_YEAR_SPAN {
        for off in [-k, k] {
            let year = ec.year.add(off);
            if t.months_of_year(ec.calendar, year).is_empty() {
                continue;
            }
            let (_, fit) = counts(EntryCalendar { year, ..ec });
            if fit >= fit_now + MISPLACED_DAYS && best.is_none_or(|(_, f)| fit > f) {
                best = Some((year, fit));
            }
        }
    }
    let (year, fitting) = best?;
    Some(BetterYear {
        days,
        misplaced,
        year_now: ec.year,
        year,
        fitting,
    })
}

#[cfg(test)]
mod tests;
