//! Date queries: a Chinese date read to the day it names, or a day to the Chinese date in
//! every calendar that has it. Pure: what `annals date` prints and the reader's `:` prompt
//! both read dates here; nothing here prints.
//!
//! # Grammar
//!
//! A **Chinese date**: `[REGIME] [干支] ERA ORDINAL 年 [SEASON] [閏|後] MONTH [DAY]`,
//! spaces anywhere.
//!
//! - REGIME (optional): a regime's name (遼, 北宋, 宋, 後晉 …) to choose among eras of one
//!   name; the calendar's own name (as `date` prints it) chooses exactly.
//! - ERA: any era name the era table knows, in either script (天慶, 天庆, 重和); a ruler's
//!   years by the ruler (始皇帝). An era name that several regimes used gives one reading
//!   per regime (Chinese eras only, when there are any; foreign eras have no calendar
//!   here). Or a CE year instead of the era and ordinal: `1118年`, `前104年` (with a
//!   REGIME, that regime's calendar; without, every calendar that has the year).
//! - ORDINAL: 元, 八, 十一 or digits (`天慶8年`).
//! - MONTH: as chronicles write it (正月, 五月, 十有一月, 臘月, 一月, 建子月, 閏九月, 閏月
//!   for the year's leap month, 後九月), with a season before it (春正月) or in digits
//!   (`5月`).
//! - DAY: a 干支 (壬午), 朔, 望 or 晦, a 干支 with 朔 or 晦 (壬午朔), a number (初一日,
//!   十五日, `15日`), or a number and its 干支 (初一日 壬午: both must agree).
//!
//! Without a day the reading is the whole month; without a month, the whole year.
//!
//! The calendars end in 1912. 民國 counted its years in the Gregorian calendar from
//! 1912-01-01, which the lunar month table does not hold: the table's 民國 stub (the last
//! months of the lunar year 辛亥) is not used, and a 民國 date is answered with that reason.
//!
//! A **day** in ISO form, `YYYY-MM-DD` (its numbers may be given with spaces between:
//! `1118 05 22`): Julian before 15 October 1582 and Gregorian from
//! then on, as historians write dates; a trailing `g` (or `gregorian` asked for) reads it
//! as proleptic Gregorian, a trailing `j` as proleptic Julian. Years before the Common Era
//! are written astronomically with a minus sign (`-0103-11-14` is 104 BCE: the year 0 is 1
//! BCE) or in historians' numbering with 前 (`前104-11-14`).

use std::fmt::Write as _;

use crate::calendar::era::{Country, EraId, EraKind, RegimeId};
use crate::calendar::jdn::{self, Date, GREGORIAN_REFORM, Jdn};
use crate::calendar::months::{CalendarId, LunarMonth, MonthTable};
use crate::calendar::variants::fold_key;
use crate::calendar::{CeYear, EraTable, Ganzhi};
use crate::model::dates::{self, CalendarSource, EntryUndated, Undated, day_name};
use crate::model::marks::{self, MarkKind, TimeMark};
use crate::model::{chinese_number, numerals, year_name};

/// The query is not a date at all (`annals date` exits with 2): what was wrong, and an
/// example of what would do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct NotADate(pub String);

type Result<T> = std::result::Result<T, NotADate>;

macro_rules! not_a_date {
    ($($t:tt)*) => { NotADate(format!($($t)*)) };
}

/// One reading of a query: a Chinese date in one calendar, and the days it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The calendar.
    pub calendar: CalendarId,
    /// Whether the calendar is the regime's own or, the regime having none, the main one
    /// in force.
    pub source: CalendarSource,
    /// The regime asked for when its calendar was not used (`興遼`).
    pub regime: Option<&'static str>,
    /// The era and ordinal year as the calendar's regime names it (`天慶八年`), or the CE
    /// year (`1118年`) where no era of the regime is in force.
    pub year_label: String,
    /// The era, when the year is named by one.
    pub era: Option<EraId>,
    /// The civil year.
    pub year: CeYear,
    /// The month, when one is named.
    pub month: Option<LunarMonth>,
    /// The day, when one is named.
    pub day: Option<Jdn>,
    /// The first and last days named: the day, the month or the whole year.
    pub span: (Jdn, Jdn),
    /// Whether the month (or a month of the year) is proleptic: counted in an era before
    /// it was proclaimed or after it ended.
    pub proleptic: bool,
}

impl Reading {
    /// The date as the regime names it, in a form `annals date` reads back:
    /// `遼 天慶八年五月初一日 壬午`, `遼 天慶八年五月`, `遼 天慶八年`.
    pub fn chinese(&self) -> String {
        let t = MonthTable::embedded();
        let regime = self.regime.unwrap_or_else(|| t.name(self.calendar));
        let mut s = format!("{regime} {}", self.year_label);
        if let Some(m) = &self.month {
            s.push_str(&m.name());
            if let Some(d) = self.day {
                let n = m.day_number(d).unwrap_or(0);
                let _ = write!(s, "{} {}", day_name(n), Ganzhi::of_jdn(d));
            }
        }
        s
    }

    /// What to say after the date: the month's length and 朔, the year's months, the
    /// calendar used in place of the regime's, proleptic months.
    pub fn notes(&self) -> Vec<String> {
        let t = MonthTable::embedded();
        let mut notes = Vec::new();
        match (&self.month, self.day) {
            (Some(m), None) => {
                notes.push(format!("{} days, {}朔", m.days, Ganzhi::of_jdn(m.first)))
            }
            (None, _) => {
                let n = t.months_of_year(self.calendar, self.year).len();
                notes.push(format!("{n} month{}", if n == 1 { "" } else { "s" }));
            }
            _ => {}
        }
        if let Some(id) = self.era {
            let eras = EraTable::embedded();
            let era = eras.get(id);
            if let (Some(next), true) = (eras.ended_in_first_month(id), era.end() == self.year) {
                notes.push(format!(
                    "{} in use this year only for days of 正月, then {}: the year is {}元年",
                    era.name(),
                    eras.get(next).name(),
                    eras.get(next).name()
                ));
            }
        }
        if self.source == CalendarSource::MainInForce {
            notes.push(format!(
                "dated in {}'s calendar: {} has none{}",
                t.name(self.calendar),
                self.regime.unwrap_or("the regime"),
                if self.regime.is_some() {
                    " that year"
                } else {
                    ""
                }
            ));
        }
        if self.proleptic {
            notes.push("proleptic: the era counted on outside its years of use".to_owned());
        }
        notes
    }

    /// One line: the Western days, the JDN and the Chinese date.
    pub fn line(&self) -> String {
        let mut s = western(self.span);
        let _ = write!(s, " · {}", self.chinese());
        let notes = self.notes();
        if !notes.is_empty() {
            let _ = write!(s, " ({})", notes.join("; "));
        }
        s
    }
}

/// `1118-05-22 Julian · 1118-05-29 Gregorian · JDN 2129549`, or the same for a range.
pub fn western((first, last): (Jdn, Jdn)) -> String {
    if first == last {
        format!(
            "{} Julian · {} Gregorian · JDN {}",
            first.julian(),
            first.gregorian(),
            first.0
        )
    } else {
        format!(
            "{} – {} Julian · {} – {} Gregorian · JDN {} – {}",
            first.julian(),
            last.julian(),
            first.gregorian(),
            last.gregorian(),
            first.0,
            last.0
        )
    }
}

/// A query read: a Chinese date's readings, or a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// A Chinese date: its readings that name a day (or month, or year), and why the others
    /// do not.
    Chinese {
        /// The readings that exist.
        found: Vec<Reading>,
        /// Why the other readings name nothing: (the reading, the reason).
        missed: Vec<(String, String)>,
        /// Of those, the readings of a year alone (no month or day asked) whose year is
        /// known though no calendar has its months (before 221 BCE: `魯國 桓公元年` is
        /// 前711): (the reading, the CE year).
        years: Vec<(String, CeYear)>,
    },
    /// A day: the Chinese date in every calendar that has it.
    Day {
        /// The day.
        jdn: Jdn,
        /// The Chinese dates.
        found: Vec<Reading>,
    },
}

/// Reads a query (see the module docs): `Err` when it is not a date at all; a date that
/// does not exist is an [`Answer`] with nothing found. `gregorian`: an ISO day is proleptic
/// Gregorian, as if written with a trailing `g`.
pub fn answer(query: &str, gregorian: bool) -> Result<Answer> {
    let q = match spaced_iso(query) {
        Some(iso) => iso,
        None => normalize(query),
    };
    if q.is_empty() {
        return Err(not_a_date!(
            "no date given: try 天慶八年五月壬午 or 1118-05-22"
        ));
    }
    if let Some(iso) = parse_iso(&q, gregorian) {
        return Ok(match iso? {
            Ok(jdn) => Answer::Day {
                jdn,
                found: chinese_dates(jdn),
            },
            Err(reason) => Answer::Chinese {
                found: Vec::new(),
                missed: vec![(q.clone(), reason)],
                years: Vec::new(),
            },
        });
    }
    // A regime written as a word of its own before the date chooses alone.
    let trimmed = query.trim();
    let regime = trimmed
        .split_once(char::is_whitespace)
        .filter(|(word, rest)| !rest.trim().is_empty() && !regimes_of(word).is_empty());
    let (q, regime) = match regime {
        Some((word, rest)) => (normalize(rest), Some(word)),
        None => (q, None),
    };
    chinese(&q, regime).map(|(found, missed, years)| Answer::Chinese {
        found,
        missed,
        years,
    })
}

/// Whether `query` is written as a day (`1118-05-22`, `1118-05-29g`, `前104-11-14`), well
/// formed or not, rather than as a Chinese date or a year.
pub fn is_day(query: &str) -> bool {
    let q = spaced_iso(query).unwrap_or_else(|| normalize(query));
    parse_iso(&q, false).is_some()
}

/// The most characters of a query quoted in a message; a longer one is cut with `…`.
const QUOTED_CHARS: usize = 40;

/// `q` quoted for a message: `'天慶八年'`, or its first [`QUOTED_CHARS`] characters and
/// `…` (a query of 120 KB is not echoed whole).
fn quoted(q: &str) -> String {
    match q.char_indices().nth(QUOTED_CHARS) {
        Some((at, _)) => format!("'{}…'", &q[..at]),
        None => format!("'{q}'"),
    }
}

/// An ISO date written as three numbers with blanks between (`1118 05 22`, `-103 11 14`,
/// `1118 5 22 g`), joined with `-`; `None` for anything else.
fn spaced_iso(query: &str) -> Option<String> {
    let mut words: Vec<&str> = query.split_whitespace().collect();
    let suffix = match words.last() {
        Some(&w) if matches!(w, "g" | "G" | "j" | "J") => {
            words.pop();
            w
        }
        _ => "",
    };
    let numeric = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    let year = |w: &str| numeric(w.strip_prefix(['-', '前']).unwrap_or(w));
    match words.as_slice() {
        [y, m, d] if year(y) && numeric(m) && numeric(d) => Some(format!("{y}-{m}-{d}{suffix}")),
        _ => None,
    }
}

/// Trimmed, blanks removed, full-width digits and signs made ASCII, a closing 。 dropped.
pub fn normalize(input: &str) -> String {
    input
        .trim()
        .trim_end_matches(['。', '.'])
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' => '-',
            _ => c,
        })
        .collect()
}

/// An ISO date, if `q` looks like one: `Some(Err)` when it is malformed (exit 2),
/// `Some(Ok(Err(reason)))` when it names no day (1582-10-10, 1900-02-29g).
#[allow(clippy::type_complexity)]
fn parse_iso(q: &str, gregorian: bool) -> Option<Result<std::result::Result<Jdn, String>>> {
    let (body, forced) = match q.as_bytes().last()? {
        b'g' | b'G' => (&q[..q.len() - 1], Some(jdn::Calendar::Gregorian)),
        b'j' | b'J' => (&q[..q.len() - 1], Some(jdn::Calendar::Julian)),
        _ => (q, gregorian.then_some(jdn::Calendar::Gregorian)),
    };
    let (sign, rest) = if let Some(r) = body.strip_prefix('-') {
        (-1, r)
    } else if let Some(r) = body.strip_prefix('前') {
        (0, r)
    } else {
        (1, body)
    };
    let parts: Vec<&str> = rest.split('-').collect();
    let digits = |s: &str, max: usize| {
        (!s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i32>().ok())
            .flatten()
    };
    if parts.len() != 3 || digits(parts[0], 6).is_none() {
        return None;
    }
    let bad = || {
        Some(Err(not_a_date!(
            "'{q}' is not a date: write YYYY-MM-DD, e.g. 1118-05-22"
        )))
    };
    let (Some(y), Some(m), Some(d)) = (
        digits(parts[0], 6),
        digits(parts[1], 2),
        digits(parts[2], 2),
    ) else {
        return bad();
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return bad();
    }
    let year = match sign {
        1 => y,
        -1 => -y,
        // 前104 is 104 BCE, astronomical -103.
        _ if y == 0 => return bad(),
        _ => 1 - y,
    };
    let (m, d) = (m as u8, d as u8);
    let exists = |cal| Date::new(cal, year, m, d).map(|date| Jdn::from_date(cal, date));
    let shown = format!(
        "{}-{:02}-{:02}",
        if sign == 0 {
            format!("前{y}")
        } else {
            format!("{year:04}")
        },
        m,
        d
    );
    let day = match forced {
        Some(cal) => exists(cal)
            .ok_or_else(|| format!("{shown} does not exist in the {} calendar", cal_name(cal))),
        None => match (
            exists(jdn::Calendar::Julian),
            exists(jdn::Calendar::Gregorian),
        ) {
            (Some(j), _) if j < GREGORIAN_REFORM => Ok(j),
            (_, Some(g)) if g >= GREGORIAN_REFORM => Ok(g),
            (None, None) => Err(format!("{shown} does not exist")),
            _ if year < 1582 => Err(format!("{shown} does not exist in the Julian calendar")),
            _ if year == 1582 && m == 10 => Err(format!(
                "{shown} does not exist: 5–14 October 1582 were left out at the Gregorian \
                 reform (add j or g for a proleptic date)"
            )),
            _ => Err(format!("{shown} does not exist in the Gregorian calendar")),
        },
    };
    Some(Ok(day))
}

fn cal_name(c: jdn::Calendar) -> &'static str {
    match c {
        jdn::Calendar::Julian => "Julian",
        jdn::Calendar::Gregorian => "Gregorian",
    }
}

/// The year part of a Chinese date.
enum YearPart {
    /// An era and an ordinal: the candidate eras, the name as written, the ordinal.
    Era(Vec<EraId>, u32),
    /// A CE year.
    Ce(CeYear),
}

/// `元`, a numeral or digits, then 年: the ordinal and the byte length.
fn ordinal_year(s: &str) -> Option<(u32, usize)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let (n, len) = if digits > 0 {
        (s[..digits].parse().ok()?, digits)
    } else {
        numerals::parse_prefix(s)?
    };
    // (載: 天寶's and 至德's years, `天寶三載`.)
    let word = s[len..].chars().next()?;
    (n > 0 && matches!(word, '年' | '載' | '载')).then_some((n, len + word.len_utf8()))
}

/// A CE year written `1118年`, `-104年` or `前104年`: the year and the byte length.
fn ce_year(s: &str) -> Option<(CeYear, usize)> {
    let (neg, start) = if s.starts_with('-') {
        (true, 1)
    } else if s.starts_with('前') {
        (true, '前'.len_utf8())
    } else {
        (false, 0)
    };
    let digits = s[start..].bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 5 || !s[start + digits..].starts_with('年') {
        return None;
    }
    let n: i32 = s[start..start + digits].parse().ok()?;
    let year = CeYear::new(if neg { -n } else { n })?;
    Some((year, start + digits + '年'.len_utf8()))
}

/// The year at the start of `s` (after any regime): eras or a CE year, and the length.
fn year_part(s: &str) -> Option<(YearPart, usize)> {
    if let Some((y, len)) = ce_year(s) {
        return Some((YearPart::Ce(y), len));
    }
    let eras = EraTable::embedded();
    // A 干支 before the era (戊戌天慶八年) is read past.
    let skip = Ganzhi::parse_prefix(s)
        .filter(|&(_, l)| {
            eras.longest_prefix(&s[l..], |r| ordinal_year(r).is_some())
                .is_some()
        })
        .map_or(0, |(_, l)| l);
    let (len, ids) = eras.longest_prefix(&s[skip..], |r| ordinal_year(r).is_some())?;
    let (n, olen) = ordinal_year(&s[skip + len..])?;
    Some((YearPart::Era(ids.to_vec(), n), skip + len + olen))
}

/// The regimes a prefix names: the regime whose calendar has that exact name, else every
/// regime of that name.
fn regimes_of(prefix: &str) -> Vec<RegimeId> {
    let eras = EraTable::embedded();
    let key = fold_key(prefix);
    let named = eras.regimes_named(prefix);
    let exact: Vec<RegimeId> = named
        .iter()
        .copied()
        .filter(|&r| fold_key(eras.regime(r).name()) == key)
        .collect();
    if exact.is_empty() {
        named.to_vec()
    } else {
        exact
    }
}

/// One way to read a Chinese date's year: the regime written before it (if any), the year,
/// and the month and day after it.
struct Parse<'q> {
    regime: Option<&'q str>,
    year: YearPart,
    rest: String,
    mark: Option<TimeMark>,
}

/// The month and day after the year: `None` when there is nothing, `Err` when it is not a
/// month (and day).
fn month_part(rest: &str) -> std::result::Result<Option<TimeMark>, ()> {
    if rest.is_empty() {
        return Ok(None);
    }
    match marks::mark_at(rest, true) {
        Some((len, m))
            if len == rest.len()
                && matches!(m.kind, MarkKind::Month | MarkKind::Season)
                && m.names_month() =>
        {
            Ok(Some(m))
        }
        _ => Err(()),
    }
}

/// A Chinese date read: its readings that exist, and why the others do not. `regime`: a
/// regime written as a word of its own before the date (`遼 天慶八年五月`), which alone
/// chooses; otherwise the year is read from the start of `q` and after every regime name
/// that starts it (`楚懷王元年` is 楚國's 懷王 or 楚's), and the readings are pooled.
#[allow(clippy::type_complexity)]
fn chinese(
    q: &str,
    regime: Option<&str>,
) -> Result<(Vec<Reading>, Vec<(String, String)>, Vec<(String, CeYear)>)> {
    let not_a_date = || {
        not_a_date!(
            "{} is not a date: try 天慶八年五月壬午, 遼天慶八年五月初一日, 1118年五月 or 1118-05-22",
            quoted(q)
        )
    };
    let mut years: Vec<(Option<&str>, YearPart, usize)> = Vec::new();
    if let Some((y, len)) = year_part(q) {
        years.push((regime, y, len));
    }
    if regime.is_none() {
        for (i, _) in q.char_indices().skip(1).take(6) {
            if regimes_of(&q[..i]).is_empty() {
                continue;
            }
            if let Some((y, len)) = year_part(&q[i..]) {
                years.push((Some(&q[..i]), y, i + len));
            } else if let Some((n, len)) = ordinal_year(&q[i..]) {
                // A regime's name for its first ruler's years (`汉元年`, as 史記 writes
                // them): of a regime whose first ruler named no era.
                let eras = EraTable::embedded();
                let firsts: Vec<EraId> = regimes_of(&q[..i])
                    .iter()
                    .filter_map(|&r| eras.eras_of(r).first().copied())
                    .filter(|&e| eras.get(e).kind() == EraKind::RulerYears)
                    .collect();
                if !firsts.is_empty() {
                    years.push((Some(&q[..i]), YearPart::Era(firsts, n), i + len));
                }
            }
        }
    }
    // A ruler's name before the era, after a regime's or alone (`海西公太和四年`,
    // `晉海西公太和四年`): the era of that name he used.
    if regime.is_none() {
        let eras = EraTable::embedded();
        let regime_ends = std::iter::once(0).chain(
            q.char_indices()
                .skip(1)
                .take(3)
                .map(|(i, _)| i)
                .filter(|&i| !regimes_of(&q[..i]).is_empty()),
        );
        for r in regime_ends.collect::<Vec<_>>() {
            for (j, _) in q[r..].char_indices().skip(1).take(8) {
                let rulers = eras.rulers_named(&q[r..r + j]);
                if rulers.is_empty() {
                    continue;
                }
                if let Some((YearPart::Era(ids, n), len)) = year_part(&q[r + j..]) {
                    let his: Vec<EraId> = ids
                        .into_iter()
                        .filter(|&e| rulers.contains(&eras.get(e).ruler()))
                        .collect();
                    if !his.is_empty() {
                        let regime = (r > 0).then(|| &q[..r]);
                        years.insert(0, (regime, YearPart::Era(his, n), r + j + len));
                    }
                }
            }
        }
    }
    if years.is_empty() {
        if let Some(why) = ordinal_out_of_range(q) {
            return Err(not_a_date!("{}: {why}", quoted(q)));
        }
        let digits = q.trim_start_matches(['-', '前']);
        let digits = digits.strip_suffix('年').unwrap_or("");
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(not_a_date!(
                "{}: no calendar has that year (they cover 221 BCE to 1912)",
                quoted(q)
            ));
        }
        // A year named by its 干支 alone (`辛未年`): one every sixty years.
        if let Some((g, _)) =
            Ganzhi::parse_prefix(q).filter(|&(_, l)| matches!(&q[l..], "年" | "歲" | "岁"))
        {
            let mut y = g.nearest_year(CeYear::new(-221).expect("a year"));
            if y < CeYear::new(-221).expect("a year") {
                y = y.add(60);
            }
            let mut years = Vec::new();
            while y <= CeYear::new(1912).expect("a year") {
                years.push(y.to_string());
                y = y.add(60);
            }
            return Err(not_a_date!(
                "{}: a 干支 names a year every sixty years ({}); write the era or the CE year",
                quoted(q),
                years.join(", ")
            ));
        }
        return Err(if q.contains('年') {
            not_a_date!("{}: no era of that name in the era table", quoted(q))
        } else {
            not_a_date()
        });
    }
    let parses: Vec<Parse> = years
        .into_iter()
        .filter_map(|(regime, year, end)| {
            let rest = digits_to_numerals(&q[end..]);
            let mark = month_part(&rest).ok()?;
            Some(Parse {
                regime,
                year,
                rest,
                mark,
            })
        })
        .collect();
    if parses.is_empty() {
        return Err(not_a_date());
    }
    let eras = EraTable::embedded();
    let t = MonthTable::embedded();
    // Every era reading, once (the first way of reading it wins).
    let mut era_readings: Vec<(EraId, u32, &Parse)> = Vec::new();
    let mut ce_readings: Vec<(CalendarId, &'static str, CeYear, &Parse)> = Vec::new();
    for p in &parses {
        let allowed = p.regime.map(regimes_of);
        match &p.year {
            YearPart::Era(ids, n) => {
                for &id in ids {
                    let ok = allowed
                        .as_ref()
                        .is_none_or(|rs| rs.contains(&eras.get(id).regime()));
                    if ok && !era_readings.iter().any(|&(e, _, _)| e == id) {
                        era_readings.push((id, *n, p));
                    }
                }
            }
            YearPart::Ce(year) => {
                let cals: Vec<(CalendarId, &'static str)> = match &allowed {
                    Some(rs) => rs
                        .iter()
                        .map(|&r| eras.regime(r).name())
                        .filter_map(|name| t.calendar(name).map(|c| (c, name)))
                        .collect(),
                    None => t
                        .calendars()
                        .filter(|&c| !t.months_of_year(c, *year).is_empty())
                        .map(|c| (c, t.name(c)))
                        .collect(),
                };
                for (cal, name) in cals {
                    if !ce_readings
                        .iter()
                        .any(|&(c, _, y, _)| c == cal && y == *year)
                    {
                        ce_readings.push((cal, name, *year, p));
                    }
                }
            }
        }
    }
    // Chinese eras before foreign ones: foreign eras only when there is no Chinese one
    // (and no regime was written).
    if regime.is_none()
        && era_readings
            .iter()
            .any(|&(id, _, _)| eras.get(id).country() == Country::China)
    {
        era_readings.retain(|&(id, _, _)| eras.get(id).country() == Country::China);
    }
    if era_readings.is_empty() && ce_readings.is_empty() {
        match regime.or(parses[0].regime) {
            Some(r) => {
                return Err(not_a_date!(
                    "{}: {r} has no era or calendar of that name",
                    quoted(q)
                ));
            }
            None => {
                return Err(not_a_date!("{}: no calendar has that year", quoted(q)));
            }
        }
    }
    let mut found = Vec::new();
    let mut missed = Vec::new();
    let mut years = Vec::new();
    let mut past_end = Vec::new();
    for (id, n, p) in era_readings {
        let era = eras.get(id);
        let regime_name = eras.regime(era.regime()).name();
        let label = format!("{}{}", era.name(), year_name(n));
        let asked = format!("{regime_name} {label}{}", p.rest);
        if regime_name == REPUBLIC {
            missed.push((asked, republic_reason()));
            continue;
        }
        let Some(year) = era.year(n) else {
            past_end.push((
                asked,
                format!(
                    "{regime_name}'s {} has no year {n} ({}–{})",
                    era.name(),
                    era.start(),
                    era.counted_to().unwrap_or(era.end()).max(era.end())
                ),
            ));
            continue;
        };
        match read_in(Some(regime_name), year, label, Some(id), p.mark.as_ref()) {
            Ok(r) => found.push(r),
            Err(why) => {
                if let Some(y) = year_only(regime_name, year).filter(|_| p.mark.is_none()) {
                    years.push((asked.clone(), y));
                }
                missed.push((asked, why));
            }
        }
    }
    // An ordinal past an era's years is no reading at all, unless none is left.
    if found.is_empty() && missed.is_empty() {
        missed = past_end;
    }
    let ce_readings_len = ce_readings.len();
    for (cal, name, year, p) in ce_readings {
        let label = format!("{year}年");
        let asked = format!("{} {label}{}", t.name(cal), p.rest);
        if name == REPUBLIC {
            if ce_readings_len == 1 {
                missed.push((asked, republic_reason()));
            }
            continue;
        }
        match read_in(Some(name), year, label, None, p.mark.as_ref()) {
            Ok(r) => found.push(r),
            Err(why) => missed.push((asked, why)),
        }
    }
    // Two readings that print the same (an era listed twice in one regime) are one.
    let mut seen = std::collections::HashSet::new();
    found.retain(|r| seen.insert(r.line()));
    let mut seen = std::collections::HashSet::new();
    missed.retain(|m| seen.insert(m.clone()));
    let mut seen = std::collections::HashSet::new();
    years.retain(|y| seen.insert(y.clone()));
    Ok((found, missed, years))
}

/// `year` when no calendar has the months of `regime`'s year (one before 221 BCE): the
/// year is still an answer.
fn year_only(regime: &'static str, year: CeYear) -> Option<CeYear> {
    matches!(
        dates::calendar_for(Some(regime), year),
        Err(EntryUndated::NoCalendar(_))
    )
    .then_some(year)
}

/// The regime whose dates the calendars here do not give (see the module documentation).
const REPUBLIC: &str = "民國";

/// Why a 民國 date has no reading.
fn republic_reason() -> String {
    "民國 counted its years in the Gregorian calendar from 1912-01-01 (民國元年一月一日); \
     the calendars here end with 宣統 in 1912 and give no 民國 dates"
        .to_owned()
}

/// Why `q`, which starts (after a regime's name, perhaps) with an era's name and a year
/// that `ordinal_year` does not read (`天慶0年`, `天慶-1年`, `天慶4294967296年`), names no
/// year: the ordinal is out of range. `None` when `q` is not that.
fn ordinal_out_of_range(q: &str) -> Option<String> {
    /// The ordinal written before the first 年 of `rest`, if it is digits (signed) or
    /// numerals.
    fn ordinal(rest: &str) -> Option<&str> {
        let end = rest.find('年')?;
        let n = &rest[..end];
        let digits = n.strip_prefix(['-', '+']).unwrap_or(n);
        let numeral = !digits.is_empty()
            && (digits.bytes().all(|b| b.is_ascii_digit())
                || digits
                    .chars()
                    .all(|c| "〇零一二三四五六七八九十百千萬万億亿兆".contains(c)));
        numeral.then_some(n)
    }
    let eras = EraTable::embedded();
    let starts = std::iter::once(0).chain(q.char_indices().skip(1).take(6).map(|(i, _)| i));
    for i in starts {
        let s = &q[i..];
        let Some((len, _)) = eras.longest_prefix(s, |rest| ordinal(rest).is_some()) else {
            continue;
        };
        let n = ordinal(&s[len..])?;
        return Some(format!(
            "{} has no year {} (an era's years are counted from 元年, the first)",
            &s[..len],
            quoted(n).trim_matches('\'')
        ));
    }
    None
}

/// ASCII digits before 月 or 日 written as numerals (`5月22日` → 五月二十二日).
fn digits_to_numerals(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            let n: u32 = rest[..digits].parse().unwrap_or(0);
            if (1..=30).contains(&n) && rest[digits..].starts_with(['月', '日']) {
                out.push_str(&chinese_number(n));
            } else {
                out.push_str(&rest[..digits]);
            }
            rest = &rest[digits..];
        } else {
            let c = rest.chars().next().expect("not empty");
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// One reading: `year` of the regime `regime` (its calendar, or the main one), labelled
/// `label`, and the month and day of `mark`; `Err` with the reason when it names nothing.
fn read_in(
    regime: Option<&'static str>,
    year: CeYear,
    label: String,
    era: Option<EraId>,
    mark: Option<&TimeMark>,
) -> std::result::Result<Reading, String> {
    let t = MonthTable::embedded();
    let (calendar, source) = dates::calendar_for(regime, year).map_err(|e| match e {
        // The year is known; its months and days are not (a calculator of years still
        // wants it said: `周襄王二十八年` is 前624).
        EntryUndated::NoCalendar(y) => format!(
            "the year is {y} ({}), but no calendar of the month table has its months and \
             days (they cover 221 BCE to 1912)",
            Ganzhi::of_year(y)
        ),
        other => other.to_string(),
    })?;
    let mut reading = Reading {
        calendar,
        source,
        regime: regime.filter(|_| source == CalendarSource::MainInForce),
        year_label: label,
        era,
        year,
        month: None,
        day: None,
        span: (Jdn(0), Jdn(0)),
        proleptic: false,
    };
    match mark {
        None => {
            let months = t.months_of_year(calendar, year);
            let (Some(first), Some(last)) = (months.first(), months.last()) else {
                return Err(format!("{} has no months in {year}", t.name(calendar)));
            };
            reading.span = (first.first, last.last());
            reading.proleptic = months.iter().any(|m| m.proleptic);
        }
        Some(m) => {
            let (month, day) = dates::resolve_mark(calendar, year, m, None)
                .map_err(|e: Undated| e.describe(Some(calendar)))?;
            reading.month = Some(month);
            reading.day = day;
            reading.span = day.map_or((month.first, month.last()), |d| (d, d));
            reading.proleptic = month.proleptic;
        }
    }
    Ok(reading)
}

/// The day `jdn` in every calendar that has it, named by the era in force that day in the
/// calendar's regime (by the CE year where none is).
pub fn chinese_dates(jdn: Jdn) -> Vec<Reading> {
    let t = MonthTable::embedded();
    t.dates_on(jdn)
        .into_iter()
        .filter_map(|d| {
            let month = t.month_at(d.calendar, jdn)?;
            let name = t.name(d.calendar);
            if name == REPUBLIC {
                return None;
            }
            let (label, era) = match era_on(name, d.calendar, &month, jdn) {
                Some((id, n)) => (
                    format!("{}{}", EraTable::embedded().get(id).name(), year_name(n)),
                    Some(id),
                ),
                None => (format!("{}年", d.year), None),
            };
            Some(Reading {
                calendar: d.calendar,
                source: CalendarSource::Regime,
                regime: None,
                year_label: label,
                era,
                year: d.year,
                month: Some(month),
                day: Some(jdn),
                span: (jdn, jdn),
                proleptic: d.proleptic,
            })
        })
        .collect()
}

/// The era of the regime named `regime` in force on `jdn` (in `month` of `cal`), and its
/// ordinal year: the latest era of the regime begun by that day whose years reach the
/// month's civil year. An era name is preferred to a ruler's years begun the same day.
fn era_on(regime: &str, cal: CalendarId, month: &LunarMonth, jdn: Jdn) -> Option<(EraId, u32)> {
    let eras = EraTable::embedded();
    let t = MonthTable::embedded();
    let year = month.year;
    let rid = eras
        .regimes_named(regime)
        .iter()
        .copied()
        .find(|&r| eras.regime(r).name() == regime)?;
    // When an era began: its first day, else the first day of the month it began in, else
    // the first day of its first year in this calendar.
    let began = |id: EraId| -> Jdn {
        let e = eras.get(id);
        if let Some(d) = e.start_day() {
            return Jdn(d);
        }
        let y = e.first_year();
        if e.start_month() > 0 {
            if let Some(m) = t.month(cal, y, e.start_month(), e.start_leap()) {
                return m.first;
            }
        }
        t.months_of_year(cal, y)
            .first()
            .map_or(Jdn(i32::MIN), |m| m.first)
    };
    eras.eras_of(rid)
        .iter()
        .copied()
        .filter_map(|id| {
            let e = eras.get(id);
            let n = u32::try_from(year.since(e.start()) + 1).ok()?;
            (e.first_year() <= year && e.year(n) == Some(year) && began(id) <= jdn)
                .then_some((id, n))
        })
        .max_by_key(|&(id, _)| (began(id), eras.get(id).kind() == EraKind::Era))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_chinese_dates_are_told_apart() {
        for q in [
            "1118-05-22",
            "1118-05-29g",
            "１１１８－０５－２２",
            "前104-11-14",
            "1118-13-01",
        ] {
            assert!(is_day(q), "{q}");
        }
        for q in ["1118", "天慶八年五月壬午", "-403", "天慶5", ""] {
            assert!(!is_day(q), "{q}");
        }
        let Ok(Answer::Day { jdn, .. }) = answer("1118-05-22", false) else {
            panic!()
        };
        assert_eq!(jdn.julian().to_string(), "1118-05-22");
        let Ok(Answer::Chinese { found, .. }) = answer("天慶八年五月壬午", false) else {
            panic!()
        };
        assert_eq!(found[0].day, Some(jdn));
        assert_eq!(
            answer("hello", false).unwrap_err().to_string(),
            "'hello' is not a date: try 天慶八年五月壬午, 遼天慶八年五月初一日, 1118年五月 or 1118-05-22"
        );
    }
}
