//! Time marks inside an entry: seasons and months (春正月, 夏四月朔, 五月壬午朔, 閏二月),
//! days (初三日, 十五日, 壬午, 朔), and relative dates (是歲, 是月, 是日, 是春, 次年三月).
//!
//! A mark is recognised at the start of a clause — the start of a paragraph or after
//! 。，；：！？」 — so that 秋山 (a place) or 三月 inside a phrase are not taken for dates.
//! In unpunctuated texts (Kanripo), where clauses are unknown, only unmistakable marks
//! are taken: a season with its month, a month with its day, or a relative date; a day
//! written alone (壬午，, 晦，) is taken only in punctuated text.
//!
//! Every way chronicles write a month is read: 正月 and 端月 (秦's taboo name), 一月 …
//! 十二月, 十有一月, 臘月, 建子月 … 建亥月 (761–762), 閏二月, 閏月 alone (the year's leap
//! month), 後九月 and 後十二月 (leap months before 太初), with a season before them (冬十月,
//! 春王正月). A mark records what it reads — the month, the day's 干支, the day by number
//! or as 朔/望/晦, what a relative date refers to — and nothing about the calendar:
//! [`super::dates`] turns marks into days.

use serde::Serialize;

use super::{Span, ganzhi, numerals};
use crate::calendar::Ganzhi;

/// What a time mark denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MarkKind {
    /// A season, with or without a month: 春, 秋八月.
    Season,
    /// A month: 五月, 閏二月, 十一月朔, 閏月.
    Month,
    /// A day: 初三日, 十五日, 壬午 (a day's 干支 written alone), 晦.
    Day,
    /// A relative date: 是歲, 是月, 是春, 次年三月.
    Relative,
}

/// A month name whose number depends on the calendar: most names mean the same month in
/// every calendar, these do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MonthName {
    /// 正月 … 十二月, 端月, 後九月: the month numbered as usual.
    Plain,
    /// 臘月: 武周's second month (690–700), 十二月 anywhere else.
    La,
    /// 一月: 武周's third month (690–700), 正月 anywhere else.
    Yi,
    /// 建X月, by the branch (0 = 子 … 11 = 亥): the names of 761–762; elsewhere the month
    /// of that branch in the usual reckoning (建寅 = 正月, 建子 = 十一月).
    Jian(u8),
    /// 後九月, 後十二月: the leap month at a year's end, as 秦 and 漢 before 太初 and 魏 in
    /// 239 wrote it; in a year with no such leap month, the plain month, the 後 a word
    /// before it (宋史: `…錄唐張九齡後九月已亥…`, 張九齡's descendants).
    Hou,
}

/// A day of the month as written, other than by its 干支.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DayOfMonth {
    /// By number: 初三日 is 3.
    Number(u8),
    /// 朔, the first day.
    Shuo,
    /// 望, the fifteenth day.
    Wang,
    /// 晦, the last day.
    Hui,
}

/// What a relative date refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relative {
    /// 是歲, 是年, 其年: the entry's year.
    Year,
    /// 次年, 明年, 翌年 (and 歲): the year after the entry's.
    NextYear,
    /// 去年, 昨年, 前年 (and 歲): the year before the entry's (前年 is read so too: the
    /// year before, as the histories mostly use it).
    LastYear,
    /// 是春, 是夏, 是秋, 是冬: the season.
    Season,
    /// 是月: the last month named.
    Month,
    /// 是日, 是夕, 是夜: the last day named.
    Day,
}

/// An entry's time marks, found the first time they are asked for and kept: see
/// [`crate::model::Chronicle::marks`] and [`crate::model::Found`].
pub type Marks = crate::model::Found<TimeMark>;

/// One time mark and where it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TimeMark {
    /// What it denotes.
    pub kind: MarkKind,
    /// Where it is written.
    #[serde(flatten)]
    pub span: Span,
    /// The month (1–12) it names, if any, as the name is usually read: 臘月 is 12, 一月 1,
    /// 建子月 11 ([`TimeMark::month_name`] says when a calendar may read it otherwise).
    /// `None` with [`TimeMark::leap`] for 閏月 written alone.
    pub month: Option<u8>,
    /// Whether the month is intercalary (閏, 後九月).
    pub leap: bool,
    /// How the month is named, where that matters to the calendar.
    pub month_name: MonthName,
    /// The day's 干支, if written (五月壬午, 壬午，).
    pub ganzhi: Option<Ganzhi>,
    /// The day by number or as 朔/望/晦, if written (初三日, 五月朔).
    pub day: Option<DayOfMonth>,
    /// What a relative mark refers to (是月, 是日, 次年).
    pub relative: Option<Relative>,
    /// A year written right before the mark (紹興五年五月十三日, 二年九月壬辰): the mark
    /// may be of that year rather than its entry's (a date quoted in a memorial or a
    /// later note).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<YearBefore>,
    /// Written inside a note in brackets (Kanripo's interlinear `(滋進職在/五月戊辰)`, an
    /// edition's `（…）` or `【…】`): an aside, dated where it can be but never moving the months
    /// in force.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub aside: bool,
}

/// A year written right before a time mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct YearBefore {
    /// Its ordinal (元年 = 1).
    pub ordinal: u32,
    /// Whether an era's name is written with it (紹興五年), not the number alone (二年,
    /// which may also count years: 給復齊州一年).
    pub era_named: bool,
}

impl Default for TimeMark {
    fn default() -> TimeMark {
        TimeMark {
            kind: MarkKind::Month,
            span: Span::default(),
            month: None,
            leap: false,
            month_name: MonthName::Plain,
            ganzhi: None,
            day: None,
            relative: None,
            year: None,
            aside: false,
        }
    }
}

impl TimeMark {
    /// Season and month marks: the ones `[` and `]` step through.
    pub fn is_month_or_season(&self) -> bool {
        matches!(self.kind, MarkKind::Season | MarkKind::Month)
            || (self.kind == MarkKind::Relative && (self.month.is_some() || self.leap))
    }

    /// Whether the mark writes a month (五月, 閏月, 冬十月, 次年三月).
    pub fn names_month(&self) -> bool {
        self.month.is_some() || self.leap
    }

    /// Whether the mark writes a day (壬午, 朔, 初三日), with or without a month.
    pub fn names_day(&self) -> bool {
        self.ganzhi.is_some() || self.day.is_some()
    }
}

/// Characters after which a clause starts.
fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        '。' | '，'
            | '；'
            | '：'
            | '！'
            | '？'
            | '」'
            | '』'
            | '”'
            | '’'
            | '、'
            | '\n'
            | '!'
            | '?'
            | ';'
            | ','
            | '.'
            | ':'
    )
}

fn is_pause(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => matches!(
            c,
            '，' | '。'
                | '、'
                | '；'
                | '：'
                | ','
                | '.'
                | ';'
                | ':'
                | '\r'
                | '\n'
                | ' '
                | '\u{3000}'
        ),
    }
}

/// Find the time marks in `span` of `text`. `punctuated`: whether the text has
/// punctuation (clause starts can be trusted).
pub fn find(text: &str, span: Span, punctuated: bool) -> Vec<TimeMark> {
    let mut marks = if punctuated {
        find_punctuated(text, span)
    } else {
        find_everywhere(text, span, false)
    };
    for m in &mut marks {
        if m.names_month() && m.relative.is_none() {
            m.year = year_before(&text[span.start..m.span.start]);
        }
    }
    mark_asides(&text[span.range()], span.start, &mut marks);
    marks
}

/// Marks `marks` (of `body`, which starts at byte `base`) written inside a note in
/// brackets — `(…)`, `（…）` or `【…】`, closed on its line — as asides. A note's later marks take
/// the year written before an earlier one (`(日歴…紹興十五年三月癸未…十一月丁未…)`: both
/// of 紹興十五年).
fn mark_asides(body: &str, base: usize, marks: &mut [TimeMark]) {
    if marks.is_empty() {
        return;
    }
    let bytes = body.as_bytes();
    let mut depth = 0u32;
    let mut k = 0;
    let mut note_year = None;
    let mut settle = |upto: usize, depth: u32, note_year: &mut Option<YearBefore>| {
        while k < marks.len() && marks[k].span.start < base + upto {
            let m = &mut marks[k];
            m.aside = depth > 0;
            if m.aside {
                match m.year {
                    Some(y) => *note_year = Some(y),
                    None if m.names_month() && m.relative.is_none() => m.year = *note_year,
                    None => {}
                }
            }
            k += 1;
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let (open, close) = match bytes[i] {
            b'(' => (true, false),
            b')' => (false, true),
            b'\n' => (false, false),
            0xEF if bytes.get(i + 1) == Some(&0xBC) => match bytes.get(i + 2) {
                Some(0x88) => (true, false),
                Some(0x89) => (false, true),
                _ => {
                    i += 1;
                    continue;
                }
            },
            // 【 (E3 80 90) and 】 (E3 80 91): daizhige's notes (三國志's 裴注).
            0xE3 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
                Some(0x90) => (true, false),
                Some(0x91) => (false, true),
                _ => {
                    i += 1;
                    continue;
                }
            },
            _ => {
                i += 1;
                continue;
            }
        };
        settle(i, depth, &mut note_year);
        if open {
            depth += 1;
        } else if close {
            depth = depth.saturating_sub(1);
        } else {
            depth = 0;
        }
        if depth == 0 {
            note_year = None;
        }
        i += 1;
    }
    settle(bytes.len(), depth, &mut note_year);
}

/// The year that `before` ends with (`…此乃紹興五年`, `已見二年`, `先天元年`); not 明年,
/// 是年 and their kind, which are relative marks.
fn year_before(before: &str) -> Option<YearBefore> {
    let head = before.strip_suffix('年')?;
    let (start, ordinal) = match head.strip_suffix('元') {
        Some(h) => (h.len(), 1),
        None => {
            let start = head
                .char_indices()
                .rev()
                .take_while(|&(_, c)| crate::model::numerals::is_numeral_char(c))
                .last()
                .map(|(i, _)| i)?;
            (start, crate::model::numerals::value(&head[start..])?)
        }
    };
    let eras = crate::calendar::EraTable::embedded();
    let era_named = head[..start]
        .char_indices()
        .rev()
        .skip(1)
        .take(3)
        .any(|(i, _)| !eras.lookup(&head[i..start]).is_empty());
    // 元年 alone is no date of another year (號元年).
    (era_named || ordinal > 1).then_some(YearBefore { ordinal, era_named })
}

/// [`find`] trying every character (`punctuated` only decides where marks may start).
fn find_everywhere(text: &str, span: Span, punctuated: bool) -> Vec<TimeMark> {
    let mut marks = Vec::new();
    let body = &text[span.range()];
    let mut clause_start = true;
    let mut i = 0;
    let mut prev = '\0';
    while i < body.len() {
        let rest = &body[i..];
        let c = rest.chars().next().expect("i is on a char boundary");
        // 留後 (a military governor's deputy) and 皇太后 run into a month in unpunctuated
        // text (自稱留後九月丙寅…): not a leap month 後九月.
        let title = matches!(c, '後' | '后') && matches!(prev, '留' | '太');
        prev = c;
        if (clause_start || !punctuated) && !title {
            if let Some((len, mut mark)) =
                mark_in_text(rest, punctuated || clause_start, punctuated)
            {
                mark.span = Span::new(span.start + i, span.start + i + len);
                marks.push(mark);
                i += len;
                // The next clause starts after the mark's own pause.
                clause_start = true;
                continue;
            }
        }
        if c == '　' && !punctuated {
            // In unpunctuated text a full-width space parts items (續宋編年資治通鑑:
            // `…十一月壬午郊　十¶` / `二月大閲…`): a clause starts after it.
            clause_start = true;
        } else if c == '　' || c == ' ' || c == '\t' {
            // Indentation keeps a clause start.
        } else {
            clause_start = is_clause_end(c);
        }
        i += c.len_utf8();
    }
    marks
}

/// [`find`] for punctuated text, where marks start only at clause starts: the same marks,
/// found by jumping from one clause end to the next instead of trying every character.
fn find_punctuated(text: &str, span: Span) -> Vec<TimeMark> {
    let mut marks = Vec::new();
    let body = &text[span.range()];
    let mut i = 0;
    while i < body.len() {
        // `i` starts a clause; indentation keeps it one.
        let rest = &body[i..];
        let trimmed = rest.trim_start_matches(['\u{3000}', ' ', '\t']);
        i += rest.len() - trimmed.len();
        if let Some((len, mut mark)) = mark_in_text(trimmed, true, true) {
            mark.span = Span::new(span.start + i, span.start + i + len);
            marks.push(mark);
            i += len;
            continue;
        }
        match next_clause_start(body, i) {
            Some(next) => i = next,
            None => break,
        }
    }
    marks
}

/// The position after the first clause end at or after `from` (a character boundary).
fn next_clause_start(body: &str, from: usize) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut i = from;
    loop {
        i += skip_plain(&bytes[i..]);
        let c = body[i..].chars().next()?;
        i += c.len_utf8();
        if is_clause_end(c) {
            return Some(i);
        }
    }
}

/// How many bytes at the start of `bytes` certainly hold no clause end: clause ends are
/// ASCII or start with byte E2 (”’), E3 (。、」』) or EF (，；：！？), never E4..E9, the lead
/// bytes of the common Han characters, so runs of those are skipped 16 bytes at a time.
/// Stops on a character boundary (ASCII, E2, E3 and EF are never continuation bytes).
fn skip_plain(bytes: &[u8]) -> usize {
    let may_end = |b: u8| (b < 0x80) | (b == 0xE2) | (b == 0xE3) | (b == 0xEF);
    let mut i = 0;
    for block in bytes.chunks_exact(16) {
        if block.iter().fold(false, |any, &b| any | may_end(b)) {
            break;
        }
        i += 16;
    }
    i + bytes[i..]
        .iter()
        .position(|&b| may_end(b))
        .unwrap_or(bytes.len() - i)
}

const YUE: &str = "月";

/// The numerals a month or a day is written with (not 兩, 壹 or 〇: 兩月 is "two months").
fn is_plain_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '廿' | '卅'
    )
}

/// A plain numeral at the start of `s` (see [`is_plain_numeral`]): its value and length.
fn plain_numeral(s: &str) -> Option<(u32, usize)> {
    let len: usize = s
        .chars()
        .take_while(|&c| is_plain_numeral(c))
        .take(4)
        .map(char::len_utf8)
        .sum();
    if len == 0 {
        return None;
    }
    numerals::value(&s[..len]).map(|v| (v, len))
}

/// A month's name at the start of `s`, up to and including 月: the month as usually
/// numbered, how it is named, and the byte length. 正月, 端月, 一月 … 十二月, 十有一月,
/// 臘月, 建寅月. A Kanripo print line's end may part the name (`…杜重威降十¶` /
/// `二月癸巳…` is 十二月, `…三¶` / `月甲子` 三月): the length then spans the break.
fn month_number(s: &str) -> Option<(u8, MonthName, usize)> {
    if let Some(read) = month_number_unbroken(s) {
        return Some(read);
    }
    // `¶` (U+00B6) one or two characters in.
    let head = &s.as_bytes()[..s.len().min(8)];
    let at = head.windows(2).position(|w| w == [0xC2, 0xB6])?;
    if at == 0 {
        return None;
    }
    let rest = after_print_break(&s[at..]);
    let tail = rest.char_indices().nth(4).map_or(rest, |(i, _)| &rest[..i]);
    let (m, name, len) = month_number_unbroken(&format!("{}{tail}", &s[..at]))?;
    // The break falls inside the name, before its 月.
    (len > at).then(|| (m, name, s.len() - rest.len() + (len - at)))
}

/// [`month_number`] where no print line's end parts the name.
fn month_number_unbroken(s: &str) -> Option<(u8, MonthName, usize)> {
    let first = s.chars().next()?;
    let after_first = &s[first.len_utf8()..];
    match first {
        '正' | '端' if after_first.starts_with(YUE) => return Some((1, MonthName::Plain, 6)),
        '臘' | '腊' if after_first.starts_with(YUE) => return Some((12, MonthName::La, 6)),
        '建' => {
            let b = after_first.chars().next()?;
            let branch = ganzhi::BRANCHES.iter().position(|&c| c == b)? as u8;
            if !after_first[b.len_utf8()..].starts_with(YUE) {
                return None;
            }
            // 建寅 is 正月 in the usual reckoning, 建子 十一月, 建丑 十二月.
            let usual = (branch + 10) % 12 + 1;
            return Some((usual, MonthName::Jian(branch), 9));
        }
        '十' if after_first.starts_with('有') => {
            // 十有一月, 十有二月 (the 春秋's way).
            let m = match after_first[3..].chars().next()? {
                '一' => 11,
                '二' => 12,
                _ => return None,
            };
            return after_first[6..]
                .starts_with(YUE)
                .then_some((m, MonthName::Plain, 12));
        }
        _ => {}
    }
    let (v, len) = plain_numeral(s)?;
    if !s[len..].starts_with(YUE) || !(1..=12).contains(&v) {
        return None;
    }
    let name = if v == 1 && first == '一' {
        MonthName::Yi
    } else {
        MonthName::Plain
    };
    Some((v as u8, name, len + YUE.len()))
}

/// A month read at the start of a string, with its day part.
struct MonthRead {
    len: usize,
    month: Option<u8>,
    name: MonthName,
    leap: bool,
    ganzhi: Option<Ganzhi>,
    day: Option<DayOfMonth>,
}

/// `s` after a Kanripo print line's end at its start: `¶`, the line break, the next line's
/// indent and page markers (`<pb:…>`, `<md:…>`); `s` where there is none.
fn after_print_break(s: &str) -> &str {
    let Some(mut rest) = s.strip_prefix('¶') else {
        return s;
    };
    loop {
        let before = rest.len();
        rest = rest.trim_start_matches(['\r', '\n', '\u{3000}', ' ', '¶']);
        if rest.starts_with("<pb:") || rest.starts_with("<md:") {
            rest = rest.find('>').map_or(rest, |k| &rest[k + 1..]);
        }
        if rest.len() == before {
            return rest;
        }
    }
}

/// A month with its optional leap prefix and day part: `閏二月`, `閏月`, `後九月`,
/// `五月壬午朔`, `十一月朔`, `三月十五日`.
fn month_at(s: &str) -> Option<MonthRead> {
    let first = s.chars().next()?;
    let (month, name, leap, len) = match first {
        '閏' | '闰' => {
            // (The month may stand after a Kanripo print line's end: `…停刑閏¶` / `八月`.)
            let rest = after_print_break(&s[3..]);
            let at = s.len() - rest.len();
            if rest.starts_with(YUE) {
                // 閏月 alone: the leap month of the year.
                (None, MonthName::Plain, true, at + YUE.len())
            } else {
                let (m, name, len) = month_number(rest)?;
                (Some(m), name, true, at + len)
            }
        }
        // 後九月 (秦 and 漢 before 太初), 後十二月 (魏, 239): leap months. Other numbers
        // after 後 are "N months later".
        '後' | '后' => {
            let rest = &s[3..];
            if rest.starts_with("九月") {
                (Some(9), MonthName::Hou, true, 9)
            } else if rest.starts_with("十二月") {
                (Some(12), MonthName::Hou, true, 12)
            } else {
                return None;
            }
        }
        _ => {
            let (m, name, len) = month_number(s)?;
            (Some(m), name, false, len)
        }
    };
    let (dlen, ganzhi, day) = day_suffix(&s[len..]);
    Some(MonthRead {
        len: len + dlen,
        month,
        name,
        leap,
        ganzhi,
        day,
    })
}

/// After a month: a 干支 day and/or 朔/晦/望 (壬午朔), or a day number (初三日, 十五日).
fn day_suffix(s: &str) -> (usize, Option<Ganzhi>, Option<DayOfMonth>) {
    let (ganzhi, mut end) = match Ganzhi::parse_prefix(s).or_else(|| split_ganzhi(s)) {
        Some((g, len)) => (Some(g), len),
        None => (None, 0),
    };
    if let Some((len, day)) = shuo_wang_hui(&s[end..]).filter(|_| !wang_is_a_verb(&s[end..])) {
        return (end + len, ganzhi, Some(day));
    }
    if ganzhi.is_none() {
        if let Some(d) = day_at(s) {
            end = d.len;
            return (end, d.ganzhi, Some(DayOfMonth::Number(d.number)));
        }
    }
    (end, ganzhi, None)
}

/// A day's 干支 at the start of `s` parted by a Kanripo print line's end (`癸¶` / `丑郊…`):
/// the 干支 and the byte length over the break.
fn split_ganzhi(s: &str) -> Option<(Ganzhi, usize)> {
    let stem = s.chars().next()?;
    let rest = &s[stem.len_utf8()..];
    if !rest.starts_with('¶') {
        return None;
    }
    let after = after_print_break(rest);
    let branch = after.chars().next()?;
    let joined = format!("{stem}{branch}");
    let (g, len) = Ganzhi::parse_prefix(&joined)?;
    (len == joined.len()).then(|| (g, s.len() - after.len() + branch.len_utf8()))
}

/// Whether `s` opens with 望 "to look at" rather than the day of the full moon: after a
/// day's 干支, 望 with its object run on (遼史: `六月乙巳望城中有氣如烟火状`); the day is
/// written `乙巳望`, then a stop, 日, 月 (月食) or 夜.
fn wang_is_a_verb(s: &str) -> bool {
    let Some(mut rest) = s.strip_prefix('望') else {
        return false;
    };
    // (Over a print line's end and page lines: `…六月乙巳望¶` / `<pb:…>¶` / `城中有氣…`.)
    loop {
        let t = rest.trim_start_matches(['¶', '\n', '\r']);
        match t.strip_prefix("<pb:") {
            Some(p) => rest = p.find('\n').map_or("", |k| &p[k..]),
            None => {
                rest = t;
                break;
            }
        }
    }
    rest.chars().next().is_some_and(|c| {
        matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{20000}'..='\u{3FFFF}')
            && !matches!(c, '日' | '月' | '夜' | '晦')
    })
}

/// 朔, 望 or 晦 at the start of `s`.
fn shuo_wang_hui(s: &str) -> Option<(usize, DayOfMonth)> {
    // 朔方, 朔州, 朔漠 are places, not the first of a month (七月癸巳朔方道行軍大總管…).
    if s.starts_with("朔方") || s.starts_with("朔州") || s.starts_with("朔漠") {
        return None;
    }
    let day = match s.chars().next()? {
        '朔' => DayOfMonth::Shuo,
        '望' => DayOfMonth::Wang,
        '晦' => DayOfMonth::Hui,
        _ => return None,
    };
    Some((3, day))
}

/// A day of the month read by number.
struct DayRead {
    len: usize,
    number: u8,
    /// Whether it is written with 初 (初三日, 初五).
    chu: bool,
    /// Whether it ends in 日.
    ri: bool,
    /// A 干支 written right after it (七日丙戌).
    ganzhi: Option<Ganzhi>,
}

impl DayRead {
    /// The mark of a day written by its number (and its 干支, if written after it).
    fn mark(&self) -> TimeMark {
        TimeMark {
            kind: MarkKind::Day,
            ganzhi: self.ganzhi,
            day: Some(DayOfMonth::Number(self.number)),
            ..TimeMark::default()
        }
    }
}

/// 初三日, 十五日, 廿三日 (a day of the month), and a 干支 right after it (七日丙戌).
fn day_at(s: &str) -> Option<DayRead> {
    let (start, chu) = match s.strip_prefix('初') {
        Some(_) => ('初'.len_utf8(), true),
        None => (0, false),
    };
    let (v, len) = plain_numeral(&s[start..])?;
    if !(1..=30).contains(&v) || (chu && v > 10) {
        return None;
    }
    let mut after = start + len;
    let ri = s[after..].starts_with('日');
    if ri {
        after += '日'.len_utf8();
    } else if !chu {
        // 初五 (without 日) is still a day; a bare numeral is not.
        return None;
    }
    let ganzhi = Ganzhi::parse_prefix(&s[after..]).map(|(g, len)| {
        after += len;
        g
    });
    Some(DayRead {
        len: after,
        number: v as u8,
        chu,
        ri,
        ganzhi,
    })
}

/// Whether a day number without 初 (十五日, 三日) names a day rather than counting days
/// (三日不得渡, "for three days"): only when a pause, a 干支 or a time of day follows it.
///
/// 一日 without 初 is "one day" (一日，帝謂左右曰…): the first of a month is 初一日 or 朔.
fn names_a_day(d: &DayRead, after: &str) -> bool {
    if !d.chu && d.number == 1 && d.ganzhi.is_none() {
        return false;
    }
    d.chu
        || d.ganzhi.is_some()
        || is_pause(after.chars().next())
        || matches!(
            after.chars().next(),
            Some('夜' | '夕' | '晨' | '旦' | '暮' | '早' | '晚')
        )
}

/// A mark at the start of `s` as [`find`] takes it: [`mark_at`], and where `alone_days`
/// (punctuated text, at a clause start) a day written without its month (壬午，, 晦，).
fn mark_in_text(s: &str, clause: bool, alone_days: bool) -> Option<(usize, TimeMark)> {
    mark_at(s, clause).or_else(|| if alone_days { day_alone_at(s) } else { None })
}

/// A day written alone at a clause start: a 干支 followed by a pause, 朔/晦/望, 日 or a
/// time of day (壬午，, 丁亥朔，, 甲子夜), or 朔/望/晦 (or 朔日 …) followed by a pause other
/// than 、. A 干支 followed by anything else (甲寅歲, 丁卯正月) is not a day.
fn day_alone_at(s: &str) -> Option<(usize, TimeMark)> {
    let day_mark = |ganzhi, day| TimeMark {
        kind: MarkKind::Day,
        ganzhi,
        day,
        ..TimeMark::default()
    };
    if let Some((g, len)) = may_start_ganzhi(s)
        .then(|| Ganzhi::parse_prefix(s))
        .flatten()
    {
        let rest = &s[len..];
        if let Some((dlen, day)) = shuo_wang_hui(rest).filter(|_| !wang_is_a_verb(rest)) {
            return Some((len + dlen, day_mark(Some(g), Some(day))));
        }
        let next = rest.chars().next();
        let ok = is_pause(next) || matches!(next, Some('日' | '夜' | '夕' | '晨' | '旦' | '暮'));
        return ok.then_some((len, day_mark(Some(g), None)));
    }
    // 朔日、月半 lists days of every month: an enumeration is not a date.
    let (len, day) = shuo_wang_hui(s)?;
    let rest = s[len..].strip_prefix('日').unwrap_or(&s[len..]);
    let next = rest.chars().next();
    let len = s.len() - rest.len();
    (is_pause(next) && !matches!(next, Some('、'))).then_some((len, day_mark(None, Some(day))))
}

/// Whether `s` may start with a 干支 as [`Ganzhi::parse_prefix`] reads it: with a stem, or
/// a character read as one (戍 and 戌 for 戊, 已 and 巳 for 己, 景 for 丙, and 鑓, which
/// the variant table folds to 癸). A cheap test for every clause start, before the folding reader.
fn may_start_ganzhi(s: &str) -> bool {
    matches!(
        s.chars().next(),
        Some(
            '甲' | '乙'
                | '丙'
                | '丁'
                | '戊'
                | '己'
                | '庚'
                | '辛'
                | '壬'
                | '癸'
                | '戍'
                | '戌'
                | '已'
                | '巳'
                | '景'
                | '鑓'
                | '𭚠'
        )
    )
}

/// A mark at the very start of `s`, with its byte length. `clause`: whether a clause
/// surely starts here (weak marks such as a bare season are only taken there). Days
/// written alone (壬午，) are not marks here: see [`mark_in_text`].
pub(crate) fn mark_at(s: &str, clause: bool) -> Option<(usize, TimeMark)> {
    let first = s.chars().next()?;
    let of_month = |kind, m: MonthRead, relative| TimeMark {
        kind,
        span: Span::default(),
        month: m.month,
        leap: m.leap,
        month_name: m.name,
        ganzhi: m.ganzhi,
        day: m.day,
        relative,
        year: None,
        aside: false,
    };
    match first {
        '春' | '夏' | '秋' | '冬' => {
            let after = &s[3..];
            // 春王正月: the 春秋's "the king's first month".
            let wang = if after.starts_with('王') { 3 } else { 0 };
            if let Some(m) = month_at(&after[wang..]) {
                return Some((3 + wang + m.len, of_month(MarkKind::Season, m, None)));
            }
            // A bare season needs a pause after it (春，) and a clause start before it.
            if clause && is_pause(after.chars().next()) {
                return Some((
                    3,
                    TimeMark {
                        kind: MarkKind::Season,
                        ..TimeMark::default()
                    },
                ));
            }
            None
        }
        '是' | '次' | '明' | '翌' | '其' | '去' | '昨' | '前' => {
            let after = &s[3..];
            let word = after.chars().next()?;
            let relative = match (first, word) {
                ('是', '歲' | '岁' | '年') => Relative::Year,
                ('是', '月') => Relative::Month,
                ('是', '春' | '夏' | '秋' | '冬') => Relative::Season,
                ('是', '日' | '夕' | '夜') => Relative::Day,
                ('其', '年' | '歲' | '岁') => Relative::Year,
                ('次' | '明' | '翌', '年' | '歲' | '岁') => Relative::NextYear,
                ('去' | '昨' | '前', '年' | '歲' | '岁') => Relative::LastYear,
                _ => return None,
            };
            let mut len = 3 + word.len_utf8();
            if matches!(
                relative,
                Relative::Year | Relative::NextYear | Relative::LastYear
            ) {
                // 次年三月, 是年秋: the month or season continues the mark.
                let rest = &s[len..];
                let season_len = match rest.chars().next() {
                    Some('春' | '夏' | '秋' | '冬') => 3,
                    _ => 0,
                };
                if let Some(m) = month_at(&rest[season_len..]) {
                    return Some((
                        len + season_len + m.len,
                        of_month(MarkKind::Relative, m, Some(relative)),
                    ));
                }
                len += season_len;
            }
            if first != '是' && !is_pause(s[len..].chars().next()) && !clause {
                return None;
            }
            Some((
                len,
                TimeMark {
                    kind: MarkKind::Relative,
                    relative: Some(relative),
                    ..TimeMark::default()
                },
            ))
        }
        '閏' | '闰' | '正' | '端' | '臘' | '腊' | '建' | '後' | '后' | '一' | '二' | '三'
        | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '廿' | '卅' => {
            if let Some(d) = day_at(s) {
                // 十五日: a day; without punctuation only where a clause surely starts.
                if !clause || !names_a_day(&d, &s[d.len..]) {
                    return None;
                }
                return Some((d.len, d.mark()));
            }
            let m = month_at(s)?;
            // Without punctuation, a bare month must carry its day to be trusted.
            if !clause && m.ganzhi.is_none() && m.day.is_none() {
                return None;
            }
            Some((m.len, of_month(MarkKind::Month, m, None)))
        }
        '初' => {
            let d = day_at(s)?;
            // Without punctuation, 初五 could begin a word: only 初五日 is trusted.
            if !clause && !d.ri {
                return None;
            }
            Some((d.len, d.mark()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PIECES: &[&str] = &[
        "春", "夏", "秋", "冬", "正", "月", "三", "十", "五", "日", "朔", "壬午", "是", "歲", "次",
        "年", "閏", "初", "，", "。", "、", "」", "”", "’", ",", ".", "\n", "\r\n", " ",
        "\u{3000}", "\t", "帝", "遼", "𣈆", "a", "甲申", "晦", "望", "建", "寅", "後", "九", "有",
        "王", "端", "臘", "夜",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn clause_jumping_agrees_on_random_text(
            parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..40)
        ) {
            let text = parts.concat();
            let span = Span::new(0, text.len());
            let fast = format!("{:?}", find_punctuated(&text, span));
            let slow = format!("{:?}", find_everywhere(&text, span, true));
            proptest::prop_assert_eq!(fast, slow, "{:?}", text);
        }
    }

    #[test]
    fn clause_jumping_finds_what_trying_every_character_finds() {
        let mut samples = vec![
            crate::model::EMBEDDED_TEXT.to_owned(),
            "　　春正月，帝如混同江。。夏四月朔，日食。\n  秋七月壬午朔、是歲，大饑".to_owned(),
            "是月,雨.次年三月;冬十月:明年!其年?十五日」『春，』春".to_owned(),
            "春\r\n夏，\t秋七月\u{3000}冬".to_owned(),
            String::new(),
            "。".to_owned(),
            "春".to_owned(),
            "𣈆春正月，😀夏四月，e\u{301}秋，".to_owned(),
        ];
        // Every suffix of a tricky sample, so each character gets to start a span.
        let tricky = samples[1].clone();
        samples.extend(tricky.char_indices().map(|(i, _)| tricky[i..].to_owned()));
        for text in &samples {
            let span = Span::new(0, text.len());
            let fast = find_punctuated(text, span);
            let slow = find_everywhere(text, span, true);
            assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{text:?}");
        }
    }

    fn texts(s: &str) -> Vec<(&str, MarkKind)> {
        find(s, Span::new(0, s.len()), true)
            .into_iter()
            .map(|m| (&s[m.span.range()], m.kind))
            .collect()
    }

    #[test]
    fn seasons_months_days() {
        use MarkKind::*;
        assert_eq!(
            texts("春正月朔，有流星燭地。是夕，有赤氣。\n夏四月朔，日食。\n是歲，女真楊割死。"),
            [
                ("春正月朔", Season),
                ("是夕", Relative),
                ("夏四月朔", Season),
                ("是歲", Relative)
            ]
        );
        assert_eq!(texts("五月壬午朔，日有食之。"), [("五月壬午朔", Month)]);
        assert_eq!(
            texts("初三日，軍馬抵首山門。初五日夜，城中舉火。"),
            [("初三日", Day), ("初五日", Day)]
        );
        assert_eq!(
            texts("春，天祚如混同江釣魚。是年秋，遂併吞諸鄰近部族"),
            [("春", Season), ("是年秋", Relative)]
        );
        assert_eq!(texts("次年三月止遣蕭習泥烈回"), [("次年三月", Relative)]);
        assert_eq!(texts("閏二月丙辰，帝至。"), [("閏二月丙辰", Month)]);
    }

    /// A leap month parted by a Kanripo print line's end (明史 神宗紀: `…甲戌停刑閏¶` /
    /// `八月庚戌重建三殿`, over a page marker too) is the leap month, not the month.
    #[test]
    fn a_leap_month_parted_by_a_print_line_is_the_leap_month() {
        for text in [
            "甲戌停刑閏¶\n八月庚戌重建三殿",
            "甲戌停刑閏¶\n<pb:KR2a0038_WYG_021-5a>¶\n　八月庚戌重建三殿",
        ] {
            let found = find(text, Span::new(0, text.len()), false);
            let m = found.iter().find(|m| m.month.is_some()).expect(text);
            assert_eq!((m.month, m.leap), (Some(8), true), "{text}");
            assert!(text[m.span.range()].starts_with('閏'), "{text}");
        }
        // Not a 閏 with other text after it before the line's end.
        let text = "閏¶\n甲戌八月";
        let found = find(text, Span::new(0, text.len()), false);
        assert!(found.iter().all(|m| !m.leap), "{found:?}");
    }

    /// A month's name parted by a Kanripo print line's end (漢書 武帝紀 `…而還十¶` /
    /// `<pb:…>¶` / `一月辛巳朔`, 新五代史 `…降十¶` / `二月癸巳`) is the whole month, not 一月.
    #[test]
    fn a_month_parted_by_a_print_line_is_the_whole_month() {
        for (text, month) in [
            (
                "西臨祖厲河而還十¶\n<pb:KR2a0007_WYG_006-23a>¶\n一月辛巳朔旦冬至",
                11,
            ),
            ("杜重威降十¶\n二月癸巳至自鄴都", 12),
            ("葬懿陵十¶\n　一月庚寅廢諸祠", 11),
            ("冬十¶\n月壬午", 10),
            ("是歲三¶\n月甲子", 3),
            ("十有¶\n二月", 12),
        ] {
            let found = find(text, Span::new(0, text.len()), false);
            let m = found.iter().find(|m| m.month.is_some()).expect(text);
            assert_eq!(m.month, Some(month), "{text}: {found:?}");
            assert_eq!(
                found.iter().filter(|m| m.month.is_some()).count(),
                1,
                "{text}"
            );
        }
        // A month ended before the break stays itself.
        let text = "五月¶\n二日";
        let found = find(text, Span::new(0, text.len()), false);
        assert_eq!(found[0].month, Some(5));
    }

    /// In unpunctuated text a full-width space parts items, and a month after it is one
    /// (續宋編年資治通鑑: `…十一月壬午郊　十¶` / `二月大閲…`, then `…　三月…`); a day's 干支
    /// parted by a print line's end is the day (`十一月癸¶` / `丑郊`).
    #[test]
    fn months_after_an_item_space_and_days_over_a_print_line() {
        let text = "九月更役法　十一月壬午郊　十¶\n二月大閲於白石　罷發運司";
        let found = find(text, Span::new(0, text.len()), false);
        let months: Vec<_> = found.iter().filter_map(|m| m.month).collect();
        assert_eq!(months, [9, 11, 12], "{found:?}");
        let text = "嵗民願入粟　十一月癸¶\n丑郊　詔諸州";
        let found = find(text, Span::new(0, text.len()), false);
        let day = found
            .iter()
            .find(|m| m.month == Some(11))
            .expect("the month");
        assert_eq!(
            day.ganzhi.map(|g| g.to_string()),
            Some("癸丑".to_owned()),
            "{found:?}"
        );
        assert!(text[day.span.range()].ends_with('丑'));
    }

    /// Every way a chronicle writes a month or a leap month is a month mark, one that
    /// `]` and `[` step through, read as the month it names.
    #[test]
    fn every_month_form_is_a_mark() {
        use MonthName::*;
        let cases: &[(&str, Option<u8>, bool, MonthName)] = &[
            ("正月", Some(1), false, Plain),
            ("端月", Some(1), false, Plain),
            ("一月", Some(1), false, Yi),
            ("二月", Some(2), false, Plain),
            ("三月", Some(3), false, Plain),
            ("四月", Some(4), false, Plain),
            ("五月", Some(5), false, Plain),
            ("六月", Some(6), false, Plain),
            ("七月", Some(7), false, Plain),
            ("八月", Some(8), false, Plain),
            ("九月", Some(9), false, Plain),
            ("十月", Some(10), false, Plain),
            ("十一月", Some(11), false, Plain),
            ("十二月", Some(12), false, Plain),
            ("十有一月", Some(11), false, Plain),
            ("十有二月", Some(12), false, Plain),
            ("臘月", Some(12), false, La),
            ("腊月", Some(12), false, La),
            ("建子月", Some(11), false, Jian(0)),
            ("建丑月", Some(12), false, Jian(1)),
            ("建寅月", Some(1), false, Jian(2)),
            ("建巳月", Some(4), false, Jian(5)),
            ("建亥月", Some(10), false, Jian(11)),
            ("閏二月", Some(2), true, Plain),
            ("闰二月", Some(2), true, Plain),
            ("閏十二月", Some(12), true, Plain),
            ("閏月", None, true, Plain),
            ("闰月", None, true, Plain),
            ("後九月", Some(9), true, Hou),
            ("后九月", Some(9), true, Hou),
            ("後十二月", Some(12), true, Hou),
        ];
        for &(form, month, leap, name) in cases {
            for (text, kind) in [
                (format!("{form}，帝至。"), MarkKind::Month),
                (format!("帝至。{form}，還。"), MarkKind::Month),
                (format!("冬{form}，帝至。"), MarkKind::Season),
            ] {
                let found = find(&text, Span::new(0, text.len()), true);
                assert_eq!(found.len(), 1, "{text}: {found:?}");
                let m = found[0];
                assert!(text[m.span.range()].ends_with(form), "{text}");
                assert_eq!(
                    (m.kind, m.month, m.leap, m.month_name),
                    (kind, month, leap, name),
                    "{text}"
                );
                assert!(m.is_month_or_season(), "{text}");
                assert!(m.names_month(), "{text}");
            }
        }
        // 春王正月, and a month after 是年 / 次年.
        let m = find("春王正月，公即位。", Span::new(0, 27), true)[0];
        assert_eq!(
            (m.kind, m.month, m.span.len()),
            (MarkKind::Season, Some(1), 12)
        );
        let s = "次年閏月，還。";
        let m = find(s, Span::new(0, s.len()), true)[0];
        assert_eq!((m.kind, m.month, m.leap), (MarkKind::Relative, None, true));
        assert!(m.is_month_or_season());
        assert_eq!(m.relative, Some(Relative::NextYear));
        // Not months: N months later, two months.
        assert!(texts("後三月，帝崩。").is_empty());
        assert!(texts("兩月，不雨。").is_empty());
        assert!(texts("建國，號大遼。").is_empty());
    }

    #[test]
    fn days_are_read() {
        fn one(s: &str) -> (TimeMark, &str) {
            let found = find(s, Span::new(0, s.len()), true);
            assert_eq!(found.len(), 1, "{s}: {found:?}");
            (found[0], &s[found[0].span.range()])
        }
        let gz = |s: &str| Ganzhi::parse_prefix(s).map(|(g, _)| g);
        let (m, text) = one("五月壬午朔，日有食之。");
        assert_eq!(text, "五月壬午朔");
        assert_eq!(
            (m.month, m.ganzhi, m.day),
            (Some(5), gz("壬午"), Some(DayOfMonth::Shuo))
        );
        let (m, _) = one("三月十五日，帝至。");
        assert_eq!(m.day, Some(DayOfMonth::Number(15)));
        // A 干支 alone, with 朔 or 晦, or followed by a time of day.
        for (s, g, day) in [
            ("甲申，帝獵。", "甲申", None),
            ("丁亥朔，日食。", "丁亥朔", Some(DayOfMonth::Shuo)),
            ("辛亥晦，雨。", "辛亥晦", Some(DayOfMonth::Hui)),
            ("甲子夜，地震。", "甲子", None),
            ("甲戍，帝還。", "甲戍", None),
        ] {
            let (m, text) = one(s);
            assert_eq!((m.kind, text, m.day), (MarkKind::Day, g, day), "{s}");
            assert!(m.ganzhi.is_some() && !m.is_month_or_season());
        }
        // 甲戍 is read as 甲戌 (a common confusion).
        assert_eq!(one("甲戍，帝還。").0.ganzhi, gz("甲戌"));
        // 朔, 望, 晦 alone.
        for (s, day) in [
            ("朔，日有食之。", DayOfMonth::Shuo),
            ("望，月食。", DayOfMonth::Wang),
            ("晦日，大風。", DayOfMonth::Hui),
        ] {
            assert_eq!(one(s).0.day, Some(day), "{s}");
        }
        // Day numbers: with 初 always; without it only where a pause, a 干支 or a time of
        // day follows (三日不得渡 counts days).
        assert_eq!(one("初三日，軍至。").0.day, Some(DayOfMonth::Number(3)));
        assert_eq!(one("十五日，軍至。").0.day, Some(DayOfMonth::Number(15)));
        assert_eq!(one("七日丙戌，軍至。").0.ganzhi, gz("丙戌"));
        assert_eq!(one("廿三日夜，城陷。").0.day, Some(DayOfMonth::Number(23)));
        assert!(texts("退保舊寨，三日不得渡。").is_empty());
        // Places and titles that run into a date in unpunctuated text.
        let found = find(
            "七月癸巳朔方道行軍",
            Span::new(0, "七月癸巳朔方道行軍".len()),
            false,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].day, None);
        let t = "其子總自稱留後九月丙寅太常卿";
        let found = find(t, Span::new(0, t.len()), false);
        assert_eq!(found.len(), 1);
        assert!(!found[0].leap, "{found:?}");
        // A day after a closing quotation mark starts a clause (`…之。”二月己亥…`).
        assert_eq!(
            texts("詔曰：“朕將行之。”二月己亥，幸燕。"),
            [("二月己亥", MarkKind::Month)]
        );
        assert_eq!(texts("曰：‘可。’三月，還。"), [("三月", MarkKind::Month)]);
        // 一日 is "one day"; the first of the month is 初一日.
        assert!(texts("一日，帝謂左右曰。").is_empty());
        assert_eq!(one("初一日，軍至。").0.day, Some(DayOfMonth::Number(1)));
        // Relative dates say what they refer to.
        for (s, r) in [
            ("是月，雨。", Relative::Month),
            ("是日，雨。", Relative::Day),
            ("是夕，雨。", Relative::Day),
            ("是歲，饑。", Relative::Year),
            ("是春，旱。", Relative::Season),
            ("明年，還。", Relative::NextYear),
        ] {
            assert_eq!(one(s).0.relative, Some(r), "{s}");
        }
    }

    #[test]
    fn not_day_marks() {
        // A year 干支, a 干支 before a month, a place: not days.
        assert!(texts("甲寅歲，曾率眾入界。").is_empty());
        assert!(texts("丁卯正月十九日，復翁。").is_empty());
        assert!(texts("朔方節度使至。").is_empty());
        assert!(texts("望之不似人君。").is_empty());
        assert!(texts("每夕，宮人理衣衾，朔日、月半上食。").is_empty());
        // Without punctuation a day alone is never taken.
        let s = "甲申帝獵晦日大風";
        assert!(find(s, Span::new(0, s.len()), false).is_empty());
    }

    /// [`may_start_ganzhi`] lets through every character the folding 干支 reader takes
    /// for a stem.
    #[test]
    fn the_quick_ganzhi_test_misses_no_stem() {
        let ranges = [
            0x3400..=0x4DBF,
            0x4E00..=0x9FFF,
            0xF900..=0xFAFF,
            0x20000..=0x2A6DF,
            0x2A700..=0x2EBEF,
            0x30000..=0x3134F,
        ];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            for b in ganzhi::BRANCHES {
                let s = format!("{c}{b}");
                if Ganzhi::parse_prefix(&s).is_some() {
                    assert!(may_start_ganzhi(&s), "{s}");
                }
            }
        }
    }

    #[test]
    fn wang_with_its_object_is_no_full_moon() {
        assert!(wang_is_a_verb("望城中有氣"));
        assert!(wang_is_a_verb("望¶\n<pb:KR2a0033_WYG_001-13a>¶\n城中"));
        assert!(!wang_is_a_verb("望，月食。"));
        assert!(!wang_is_a_verb("望日"));
    }

    #[test]
    fn not_marks() {
        assert!(texts("天祚出秋山，赴顯州。").is_empty());
        assert!(texts("帝在位三月而崩").is_empty());
        assert!(texts("元月").is_empty());
        assert!(texts("秋山").is_empty());
    }

    #[test]
    fn unpunctuated_needs_strong_marks() {
        let s = "夏四月朔日食陰雲不見是歲女真楊割死秋山五月宋徽宗";
        let found: Vec<&str> = find(s, Span::new(0, s.len()), false)
            .into_iter()
            .map(|m| &s[m.span.range()])
            .collect();
        assert_eq!(found, ["夏四月朔", "是歲"]);
    }
}
