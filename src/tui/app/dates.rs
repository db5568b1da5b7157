//! Dates in the reader: each entry's time marks dated once, by [`crate::model::dates`],
//! the first time they are needed (and kept); the date the status line shows for the mark
//! under the cursor or at the top of the page; the dates shown after the marks when asked
//! for; and the days the `:` prompt goes to. The calendar rules are the model's: nothing
//! here dates anything by itself.

use std::collections::HashMap;

use super::{App, RowKind};
use crate::calendar::CeYear;
use crate::calendar::jdn::{self, Calendar, Jdn};
use crate::layout::str_width;
use crate::model::date_query::{self, Answer};
use crate::model::dates::{self, EntryDates, EntryUndated, MarkDating, Undated};
use crate::model::marks::Relative;
use crate::model::query::ce_label;
use crate::view;

/// The reader's dates.
#[derive(Debug, Default)]
pub struct DateState {
    /// Each entry's dates, worked out the first time they are needed.
    cache: HashMap<usize, EntryDates>,
    /// Whether the text shows each mark's date after it.
    pub inline: bool,
    /// What the status line says of the date at the reading place.
    pub status: Option<StatusDate>,
}

/// What the status line says of the date at the reading place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusDate {
    /// In full: `五月壬午朔 = 1118-05-22 (Julian)`, `五月 = 1118-05-22 – 06-20`, `no dates:
    /// year doubtful`.
    pub full: String,
    /// Shorter ways to say it, each shorter than the one before, for a narrow line
    /// (`五月壬午朔 = 1118-05-22`, `1118-05-22`); none where only the full form says
    /// anything worth its room.
    pub shorter: Vec<String>,
}

/// Where a date typed into the `:` prompt goes: the entry, and the mark nearest to the
/// day (or days) it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateJump {
    /// The entry.
    pub entry: usize,
    /// The mark (an index into [`App::marks`]), when the entry has a dated one near.
    pub mark: Option<usize>,
    /// What to say of it: `天慶八年 (1118) 五月壬午朔 = 1118-05-22`.
    pub said: String,
}

/// The dates of the text shown after marks need this many columns more than themselves
/// (the mark's last character and a closing mark after the date): a narrower measure
/// leaves a date out rather than break it.
const INLINE_ROOM: usize = 4;

/// A date as the reader writes it: the CE year in historians' numbering, unpadded, with 前
/// before the Common Era (`627-01-23`, `前150-02-21`, not ISO's `0627`, `-0149`), as the
/// timeline writes years and as `:` reads days back.
fn date_text(d: jdn::Date) -> String {
    format!(
        "{}-{:02}-{:02}",
        ce_label(CeYear::from_astronomical(d.year).get()),
        d.month,
        d.day
    )
}

/// A day as historians write it (Julian before 1582-10-15, Gregorian from then on) and
/// the name of that calendar.
fn day_text(day: Jdn) -> (String, &'static str) {
    let (cal, date) = day.historical();
    let name = match cal {
        Calendar::Julian => "Julian",
        Calendar::Gregorian => "Gregorian",
    };
    (date_text(date), name)
}

/// A run of days, `1118-05-22 – 06-20`: the year again only when it changes. `sep`
/// stands between the two.
fn days_text(first: Jdn, last: Jdn, sep: &str) -> String {
    let (_, a) = first.historical();
    let (_, b) = last.historical();
    if a.year == b.year {
        format!("{}{sep}{:02}-{:02}", date_text(a), b.month, b.day)
    } else {
        format!("{}{sep}{}", date_text(a), date_text(b))
    }
}

/// The CE year (historians' numbering) of a day.
fn ce_of(day: Jdn) -> i32 {
    CeYear::from_astronomical(day.historical().1.year).get()
}

/// Whether a mark names a month or a day, so that it has a date or a reason for none.
fn names_date(d: &MarkDating) -> bool {
    d.day.is_some() || d.month.is_some() || !matches!(d.undated, None | Some(Undated::NamesNoDay))
}

/// Why an entry's marks have no dates, in a few words.
fn entry_undated(why: &EntryUndated) -> StatusDate {
    let full = match why {
        EntryUndated::NoYear => "no dates: no CE year".to_owned(),
        EntryUndated::Doubtful(_) => "no dates: year doubtful".to_owned(),
        EntryUndated::NoCalendar(y) => format!("no dates: no calendar for {y}"),
    };
    StatusDate {
        full,
        shorter: Vec::new(),
    }
}

/// Why a mark that names a day has no date, in a few words.
fn mark_undated(why: &Undated) -> String {
    match why {
        Undated::GanzhiNotInMonth { ganzhi, .. } => {
            format!("{ganzhi} not in that month (日干支誤)")
        }
        Undated::GanzhiNotTheDay { ganzhi, .. } => format!("{ganzhi} is not that day"),
        Undated::NoSuchMonth { name, .. } => format!("no {name} that year"),
        Undated::DayOutOfRange { day, .. } => format!("the month has no day {day}"),
        Undated::NothingBefore => "no month named before it".to_owned(),
        Undated::OtherYear { ordinal } => format!("a date of its {ordinal}年, not this year"),
        Undated::NamesNoDay => "names no day".to_owned(),
        Undated::Entry(e) => e.to_string(),
    }
}

/// What the status line says of mark `text` dated `d`.
fn mark_status(text: &str, d: &MarkDating) -> Option<StatusDate> {
    match (d.day, d.month, &d.undated) {
        (Some(day), _, _) => {
            let (t, cal) = day_text(day);
            Some(StatusDate {
                full: format!("{text} = {t} ({cal})"),
                shorter: vec![format!("{text} = {t}"), t],
            })
        }
        (None, Some(m), None) => {
            let span = days_text(m.first, m.last(), "–");
            Some(StatusDate {
                full: format!("{text} = {}", days_text(m.first, m.last(), " – ")),
                shorter: vec![format!("{text} = {span}"), span],
            })
        }
        (None, _, Some(Undated::Entry(why))) => Some(entry_undated(why)),
        (None, _, Some(Undated::NamesNoDay) | None) => None,
        (None, _, Some(why)) => Some(StatusDate {
            full: format!("{text}: no date, {}", mark_undated(why)),
            shorter: vec![format!("{text}: no date")],
        }),
    }
}

/// The date shown after a mark in the text: `〔1118-05-22〕`, `〔1118-05-22–06-20〕` for
/// a month; `None` for a mark with no date.
fn inline_text(d: &MarkDating) -> Option<String> {
    match (d.day, d.month, &d.undated) {
        (Some(day), _, _) => Some(format!("〔{}〕", day_text(day).0)),
        (None, Some(m), None) => Some(format!("〔{}〕", days_text(m.first, m.last(), "–"))),
        _ => None,
    }
}

impl App<'_> {
    /// The dates of entry `entry`'s marks, worked out once.
    fn dates_of(&mut self, entry: usize) -> &EntryDates {
        let chron = self.chron;
        chron.marks(&chron.entries[entry]);
        self.dates
            .cache
            .entry(entry)
            .or_insert_with(|| dates::entry_dates(&chron.entries[entry]))
    }

    /// The marks of entry `entry`: a range of [`App::marks`] (put there if they were not).
    fn marks_of(&mut self, entry: usize) -> std::ops::Range<usize> {
        self.find_marks_of(entry);
        let r = self.reading.span_to_reading(self.chron.entries[entry].span);
        let lo = self.marks.partition_point(|m| m.start < r.start);
        let hi = self.marks.partition_point(|m| m.start < r.end);
        lo..hi
    }

    /// Work out what the status line says of the date at the reading place: the date of
    /// the mark under the cursor (`]`, `[` and a jump to a day put it there), else of the
    /// mark in force at the top of the page (the last one before it), else of the first
    /// on the page; or why the year's marks have no dates.
    pub(super) fn refresh_date(&mut self) {
        self.dates.status = self.status_date();
    }

    fn status_date(&mut self) -> Option<StatusDate> {
        let RowKind::Entry(entry) = self.rows.get(self.selected)?.kind else {
            return None;
        };
        let range = self.marks_of(entry);
        let chron_dates = self.dates_of(entry).clone();
        let dated = |k: usize| names_date(&chron_dates.marks[self.marks[k].index]);
        if let Err(why) = &chron_dates.calendar {
            // Say why only where there is something that would have had a date.
            return range.clone().any(dated).then(|| entry_undated(why));
        }
        let lines = &self.doc.lines;
        let shown = lines
            .iter()
            .skip(self.doc.top)
            .take(self.text_height())
            .filter(|l| !l.is_gap());
        let top = shown.clone().next().map(|l| l.start);
        let page_end = shown.clone().next_back().map(|l| l.end);
        let under_cursor = range
            .clone()
            .find(|&k| self.marks[k].start == self.cursor && dated(k));
        let chosen = under_cursor
            .or_else(|| {
                let upto = top?;
                range
                    .clone()
                    .rfind(|&k| self.marks[k].start < upto && dated(k))
            })
            .or_else(|| {
                let upto = page_end?;
                range
                    .clone()
                    .find(|&k| self.marks[k].start < upto && dated(k))
            })?;
        let m = self.marks[chosen];
        mark_status(&self.text()[m.start..m.end], &chron_dates.marks[m.index])
    }

    /// The dates to show after the marks of entry `entry` laid out `width` columns wide,
    /// each after its mark's end and staying with the mark (reading offsets;
    /// `〔1118-05-22〕`). A date too wide for the measure is left out.
    pub(super) fn inline_dates(&mut self, entry: usize, width: usize) -> Vec<view::Insert> {
        let range = self.marks_of(entry);
        let d = self.dates_of(entry).clone();
        range
            .filter_map(|k| {
                let m = self.marks[k];
                // 是月, 是日, 是夕: the month or day they refer to is shown where it is named.
                let mark = &self.chron.marks(&self.chron.entries[entry])[m.index];
                let refers = matches!(mark.relative, Some(Relative::Month | Relative::Day));
                if refers && !mark.names_month() && !mark.names_day() {
                    return None;
                }
                let text = inline_text(&d.marks[m.index])?;
                (str_width(&text) + INLINE_ROOM <= width).then_some(view::Insert {
                    from: m.start,
                    at: m.end,
                    text,
                })
            })
            .collect()
    }

    /// Show or hide the dates after the marks.
    pub(super) fn toggle_dates(&mut self) {
        self.dates.inline = !self.dates.inline;
        self.relayout();
        self.say(if self.dates.inline {
            "dates after marks: Julian before 1582-10-15, Gregorian after"
        } else {
            "dates after marks hidden"
        });
    }

    /// An example of a day for the `:` prompt: the first dated day of entry `entry`.
    pub(super) fn example_day(&mut self, entry: usize) -> Option<String> {
        let d = self.dates_of(entry);
        d.marks
            .iter()
            .find_map(|m| m.day)
            .map(|day| day_text(day).0)
    }

    /// Where a date typed into the `:` prompt goes: `None` when the input is not a date
    /// at all (a year query's own error stands), `Some(Err)` with the reason when it is a
    /// date with no day (or none near it in the text).
    pub(super) fn find_date(&mut self, input: &str) -> Option<Result<DateJump, String>> {
        let answer = match date_query::answer(input, false) {
            Ok(a) => a,
            Err(e) if date_query::is_day(input) => return Some(Err(e.to_string())),
            Err(_) => return None,
        };
        let (first, last) = match answer {
            Answer::Day { jdn, .. } => (jdn, jdn),
            Answer::Chinese { found, missed, .. } => {
                // Of an era several regimes used, the reading of an era this text uses
                // (or why that one names no day), else one in the years it covers.
                let chron = self.chron;
                let eras: Vec<_> = chron.entries.iter().filter_map(|e| e.era).collect();
                let regimes: Vec<&str> = chron
                    .entries
                    .iter()
                    .filter_map(|e| chron.regime_name(e))
                    .collect();
                let ours = |reading: &str| {
                    regimes
                        .iter()
                        .any(|g| reading.split(' ').next() == Some(*g))
                };
                let covers = chron.ce_range();
                let within = |y: i32| covers.is_some_and(|(lo, hi)| lo <= y && y <= hi);
                let best = found
                    .iter()
                    .find(|r| r.era.is_some_and(|e| eras.contains(&e)))
                    .map(Ok)
                    .or_else(|| {
                        missed
                            .iter()
                            .find(|(reading, _)| ours(reading))
                            .map(|(_, why)| Err(why))
                    })
                    .or_else(|| found.iter().find(|r| within(r.year.get())).map(Ok))
                    .or(found.first().map(Ok))
                    .or(missed.first().map(|(_, why)| Err(why)));
                match best {
                    Some(Ok(r)) => r.span,
                    Some(Err(why)) => return Some(Err(format!("no such date: {why}"))),
                    None => return Some(Err("no such date".to_owned())),
                }
            }
        };
        Some(self.nearest_mark(first, last))
    }

    /// The entry and dated mark nearest to the days `first..=last`, among the entries of
    /// the years around them: a mark of a day in them, else of a month that overlaps
    /// them, else the nearest by days (a day before a month, the earlier on a tie).
    fn nearest_mark(&mut self, first: Jdn, last: Jdn) -> Result<DateJump, String> {
        let (y0, y1) = (ce_of(first), ce_of(last));
        let candidates: Vec<usize> = (0..self.chron.entries.len())
            .filter(|&i| {
                self.chron.entries[i]
                    .ce
                    .is_some_and(|c| y0 - 1 <= c && c <= y1 + 1)
            })
            .collect();
        let away = |a: Jdn, b: Jdn| {
            if b < first {
                first.since(b)
            } else if a > last {
                a.since(last)
            } else {
                0
            }
        };
        // (days away, 0 for a day or 1 for a month, mark, the signed distance)
        let mut best: Option<(i32, u8, usize, i32)> = None;
        // Their marks found first: an index into `App::marks` kept below stays where it is.
        for &i in &candidates {
            self.find_marks_of(i);
        }
        for &i in &candidates {
            let range = self.marks_of(i);
            let d = self.dates_of(i).clone();
            for k in range {
                let dating = &d.marks[self.marks[k].index];
                let (a, b, kind) = match (dating.day, dating.month, &dating.undated) {
                    (Some(day), _, _) => (day, day, 0),
                    (None, Some(m), None) => (m.first, m.last(), 1),
                    _ => continue,
                };
                let dist = away(a, b);
                let signed = if b < first { -dist } else { dist };
                if best.is_none_or(|(bd, bk, _, _)| (dist, kind) < (bd, bk)) {
                    best = Some((dist, kind, k, signed));
                }
            }
        }
        let asked = if first == last {
            day_text(first).0
        } else {
            days_text(first, last, " – ")
        };
        let Some((_, _, k, signed)) = best else {
            // A year with no dated mark: go to the year.
            let of_year =
                (0..self.chron.entries.len()).find(|&i| self.chron.entries[i].ce == Some(y0));
            return match of_year {
                Some(entry) => Ok(DateJump {
                    entry,
                    mark: None,
                    said: format!("{}: no dated mark in it", self.year_label(entry)),
                }),
                None => Err(match self.chron.ce_range() {
                    Some((lo, hi)) => format!(
                        "no dated mark near {asked}; this text covers {}–{}",
                        ce_label(lo),
                        ce_label(hi)
                    ),
                    None => format!("no dated mark near {asked}: this text has no years"),
                }),
            };
        };
        let m = self.marks[k];
        let d = self.dates_of(m.entry).marks[m.index].clone();
        let when = match d.day {
            Some(day) => day_text(day).0,
            None => d
                .month
                .map_or_else(String::new, |mo| days_text(mo.first, mo.last(), " – ")),
        };
        let off = match signed {
            0 => String::new(),
            n => format!(
                " ({} day{} {})",
                n.abs(),
                if n.abs() == 1 { "" } else { "s" },
                if n < 0 { "earlier" } else { "later" }
            ),
        };
        Ok(DateJump {
            entry: m.entry,
            mark: Some(k),
            said: format!(
                "{} {} = {when}{off}",
                self.year_label(m.entry),
                &self.text()[m.start..m.end]
            ),
        })
    }

    /// Go where [`App::find_date`] found, and say so.
    pub(super) fn go_to_date(&mut self, jump: DateJump) {
        match jump.mark {
            Some(k) => self.go_to_offset(self.marks[k].start),
            None => {
                if let Some(row) = self
                    .rows
                    .iter()
                    .position(|r| r.kind == RowKind::Entry(jump.entry))
                {
                    self.select(row);
                }
            }
        }
        self.say(jump.said);
    }
}

/// Whether `input` is on its way to being a day (`1118-`, `1118-05`): digits and dashes,
/// a dash after digits.
pub(super) fn partial_day(input: &str) -> bool {
    let t = input.trim();
    t.find('-').is_some_and(|i| i > 0)
        && t.bytes().all(|b| b.is_ascii_digit() || b == b'-')
        && t.as_bytes()[0].is_ascii_digit()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::jdn::Calendar::Julian;
    use crate::model::Chronicle;
    use crate::tui::action::Action;

    fn status(app: &App<'_>) -> Option<String> {
        app.dates.status.as_ref().map(|d| d.full.clone())
    }

    fn jump(app: &mut App<'_>, to: &str) {
        app.apply(Action::OpenJump);
        for c in to.chars() {
            app.apply(Action::Type(c));
        }
        app.apply(Action::Confirm);
    }

    fn label(app: &App<'_>) -> String {
        app.rows[app.selected].label.clone()
    }

    /// Issue 13: the status line's date is the mark's at the top of the page, or the one
    /// `]` went to; a month names its days.
    #[test]
    fn the_status_date_follows_the_page_and_the_cursor() {
        let c = Chronicle::embedded();
        let mut app = App::new(&c, 100, 30);
        assert_eq!(
            status(&app).as_deref(),
            Some("春正月朔 = 1101-01-31 (Julian)"),
            "the first mark on the first page"
        );
        jump(&mut app, "1114");
        assert_eq!(status(&app).as_deref(), Some("秋八月 = 1114-09-01 – 09-30"));
        jump(&mut app, "1118");
        assert_eq!(status(&app).as_deref(), Some("春正月 = 1118-01-24 – 02-21"));
        for _ in 0..2 {
            app.apply(Action::NextMark);
        }
        assert_eq!(
            app.message.as_ref().map(|m| m.text.as_str()),
            Some("五月壬午朔")
        );
        assert_eq!(
            status(&app).as_deref(),
            Some("五月壬午朔 = 1118-05-22 (Julian)")
        );
        let d = app.dates.status.clone().unwrap();
        assert_eq!(d.shorter, ["五月壬午朔 = 1118-05-22", "1118-05-22"]);
        // Scrolled down a page, the mark in force at the top of the page.
        app.apply(Action::ToggleFocus);
        app.apply(Action::PageDown);
        let s = status(&app).unwrap();
        assert!(s.contains(" = 1118-"), "{s}");
        // Not a year: no date.
        app.apply(Action::First);
        app.apply(Action::PrevEntry);
        assert_eq!(label(&app), "序");
        assert_eq!(status(&app), None);
    }

    /// A reader over a text opened without its marks finds an entry's as it shows it, and
    /// every one for `]`: it says and shows what it would with all of them found at open.
    #[test]
    fn marks_found_as_entries_are_shown_are_those_found_at_open() {
        let eager = Chronicle::embedded();
        let lazy = Chronicle::embedded_lazy();
        let all = super::super::navigation::build_marks(&eager, &App::new(&eager, 100, 30).reading);
        let mut a = App::new(&eager, 100, 30);
        let mut b = App::new(&lazy, 100, 30);
        assert!(b.marks.len() < all.len(), "not all found at open");
        let key = |m: &super::super::navigation::MarkRef| (m.start, m.entry, m.index);
        for to in ["1114", "1101", "1118", "乾統三年", "1118-05-22", "1120"] {
            jump(&mut a, to);
            jump(&mut b, to);
            assert_eq!(status(&a), status(&b), "{to}");
            assert_eq!(a.selected, b.selected, "{to}");
            assert_eq!(a.cursor, b.cursor, "{to}");
            assert!(b.marks.windows(2).all(|w| key(&w[0]) < key(&w[1])), "{to}");
            assert!(b.marks.iter().all(|m| all.contains(m)), "{to}");
        }
        for _ in 0..3 {
            a.apply(Action::NextMark);
            b.apply(Action::NextMark);
            assert_eq!(
                a.message.as_ref().map(|m| m.text.clone()),
                b.message.as_ref().map(|m| m.text.clone())
            );
            assert_eq!(status(&a), status(&b));
        }
        assert_eq!(b.marks, all);
        assert_eq!(a.marks, all);
    }

    /// Issue 13: a year too doubtful to date says why, instead of a date.
    #[test]
    fn a_doubtful_year_says_why_it_has_no_dates() {
        let c = Chronicle::parse(
            "乾統五年。夏四月朔，日食。\n乾統三年。五月朔，日食。\n乾統六年。春正月，彗出西方。\n"
                .to_owned(),
        );
        let mut app = App::new(&c, 100, 30);
        jump(&mut app, "乾統三年");
        assert_eq!(label(&app), "乾統三年");
        assert!(!c.entries[1].doubts.is_empty(), "out of order");
        assert_eq!(status(&app).as_deref(), Some("no dates: year doubtful"));
        assert!(app.dates.status.as_ref().unwrap().shorter.is_empty());
        jump(&mut app, "乾統六年");
        let s = status(&app).unwrap();
        assert!(s.starts_with("春正月 = 1106-"), "{s}");
    }

    /// Issue 13: each entry is dated once, when first needed, and not while drawing.
    #[test]
    fn dates_are_worked_out_once_per_entry() {
        let c = Chronicle::embedded();
        let mut app = App::new(&c, 100, 30);
        assert_eq!(app.dates.cache.len(), 1, "the first year only");
        for _ in 0..5 {
            app.apply(Action::NextEntry);
        }
        assert_eq!(app.dates.cache.len(), 6);
        let before = app.dates.cache.get(&5).cloned();
        app.apply(Action::PrevEntry);
        app.apply(Action::NextEntry);
        assert_eq!(app.dates.cache.len(), 6);
        assert_eq!(app.dates.cache.get(&5).cloned(), before);
    }

    /// Issue 13: `D` lays the dates out after their marks, dimmed and counted in the
    /// lines' widths; again `D` takes them away, and the reading place stays.
    #[test]
    fn dates_after_marks_are_laid_out_with_the_text() {
        let c = Chronicle::embedded();
        let mut app = App::new(&c, 100, 30);
        jump(&mut app, "1118");
        let plain = app.doc.lines.clone();
        app.apply(Action::ToggleDates);
        assert!(app.dates.inline && app.doc.dated);
        let texts: Vec<&str> = app.doc.inlines.iter().map(|d| d.text.as_str()).collect();
        assert!(texts.contains(&"〔1118-05-22〕"), "{texts:?}");
        assert!(texts.contains(&"〔1118-01-24–02-21〕"), "{texts:?}");
        let d = app
            .doc
            .inlines
            .iter()
            .find(|d| d.text == "〔1118-05-22〕")
            .unwrap();
        assert!(app.text()[..d.at].ends_with("五月壬午朔"));
        let line = &app.doc.lines[d.line];
        assert!(line.start < d.at && d.at <= line.end);
        for l in &app.doc.lines {
            assert!(l.indent + l.width <= app.measure(), "{l:?}");
        }
        assert!(app.doc.lines.len() >= plain.len());
        app.apply(Action::ToggleDates);
        assert!(!app.dates.inline && app.doc.inlines.is_empty());
        assert_eq!(app.doc.lines, plain);
        // At a narrow measure the dates that do not fit are left out, never broken.
        app.apply(Action::ToggleDates);
        app.apply(Action::ToggleFocus);
        for w in [20, 21, 24, 30, 41] {
            app.apply(Action::Resize {
                width: w,
                height: 12,
            });
            for d in &app.doc.inlines {
                assert!(
                    d.text.starts_with('〔') && d.text.ends_with('〕'),
                    "{w}: {d:?}"
                );
            }
            for l in &app.doc.lines {
                assert!(l.indent + l.width <= app.measure(), "{w}: {l:?}");
            }
        }
    }

    /// Issue 13: `:` takes a day (Julian before 1582, `g` for Gregorian) or a Chinese
    /// date, and goes to the entry and the mark nearest to it.
    #[test]
    fn a_day_opens_the_entry_and_the_mark_nearest_to_it() {
        let c = Chronicle::embedded();
        let mut app = App::new(&c, 100, 30);
        for q in [
            "1118-05-22",
            "1118-05-29g",
            "天慶八年五月壬午",
            "政和八年五月壬午",
        ] {
            app.apply(Action::First);
            jump(&mut app, q);
            assert_eq!(label(&app), "天慶八年", "{q}");
            let m = app.marks.iter().find(|m| m.start == app.cursor).unwrap();
            assert_eq!(&app.text()[m.start..m.end], "五月壬午朔", "{q}");
            assert_eq!(
                app.message.as_ref().unwrap().text,
                "天慶八年 (1118) 五月壬午朔 = 1118-05-22",
                "{q}"
            );
            assert_eq!(
                status(&app).as_deref(),
                Some("五月壬午朔 = 1118-05-22 (Julian)")
            );
        }
        // A day between marks: the nearest, and how far it is.
        let j = app.find_date("1118-05-25").unwrap().unwrap();
        assert_eq!(
            j.said,
            "天慶八年 (1118) 五月壬午朔 = 1118-05-22 (3 days earlier)"
        );
        // Inside a month named without a day: that month.
        let j = app.find_date("1114-09-10").unwrap().unwrap();
        assert_eq!(j.said, "天慶四年 (1114) 秋八月 = 1114-09-01 – 09-30");
        // Not a date at all: the year's own error stands.
        assert_eq!(app.find_date("hello"), None);
        // A day the text is far from, a day that does not exist, a 干支 not in its month.
        assert_eq!(
            app.find_date("1300-01-01"),
            Some(Err(
                "no dated mark near 1300-01-01; this text covers 1101–1118".to_owned()
            ))
        );
        assert!(
            matches!(app.find_date("1118-02-30"), Some(Err(e)) if e.contains("does not exist"))
        );
        assert!(
            matches!(app.find_date("天慶八年五月乙卯"), Some(Err(e)) if e.contains("乙卯 is not a day of 遼 1118 五月")),
        );
    }

    /// Issue 13: the `:` prompt previews where a day goes as it is typed.
    #[test]
    fn the_prompt_previews_a_day() {
        use super::super::{JumpPreview, Mode};
        let c = Chronicle::embedded();
        let mut app = App::new(&c, 100, 30);
        app.apply(Action::OpenJump);
        let preview = |app: &App<'_>| match &app.mode {
            Mode::Jump { preview, .. } => preview.clone(),
            m => panic!("{m:?}"),
        };
        for ch in "1118-0".chars() {
            app.apply(Action::Type(ch));
        }
        assert_eq!(
            preview(&app),
            JumpPreview::Nothing("a day: YYYY-MM-DD".into())
        );
        for ch in "5-22".chars() {
            app.apply(Action::Type(ch));
        }
        assert_eq!(
            preview(&app),
            JumpPreview::Found("天慶八年 (1118) 五月壬午朔 = 1118-05-22".into())
        );
        assert_eq!(label(&app), "乾統元年", "a preview goes nowhere");
    }

    #[test]
    fn days_are_written_as_historians_write_them() {
        let d = Jdn::from_ymd(Julian, 1118, 5, 22);
        assert_eq!(day_text(d), ("1118-05-22".to_owned(), "Julian"));
        assert_eq!(days_text(d, d + 29, " – "), "1118-05-22 – 06-20");
        let dec = Jdn::from_ymd(Julian, 1118, 12, 20);
        assert_eq!(days_text(dec, dec + 29, "–"), "1118-12-20–1119-01-18");
        // After the reform, Gregorian.
        let g = Jdn::from_ymd(Calendar::Gregorian, 1600, 1, 1);
        assert_eq!(day_text(g), ("1600-01-01".to_owned(), "Gregorian"));
        assert_eq!(ce_of(Jdn::from_ymd(Julian, 0, 6, 1)), -1);
        // Years as the timeline writes them: unpadded, 前 before the Common Era (ISO's
        // -0149 is 150 BCE), in a form the `:` prompt reads back.
        let early = Jdn::from_ymd(Julian, 627, 1, 23);
        assert_eq!(day_text(early).0, "627-01-23");
        let bce = Jdn::from_ymd(Julian, -149, 2, 21);
        assert_eq!(days_text(bce, bce + 29, "–"), "前150-02-21–03-22");
        assert_eq!(days_text(bce - 60, bce, "–"), "前151-12-23–前150-02-21");
        assert!(date_query::is_day(&day_text(bce).0));
    }

    /// A day before the Common Era is shown as the timeline shows its year (前150, not
    /// ISO's -0149), and what is shown, `:` reads back to the same mark.
    #[test]
    fn days_before_the_common_era_read_back() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/kanripo/qianhanji.txt"
        ))
        .unwrap();
        let c = Chronicle::parse(text);
        let mut app = App::new(&c, 100, 30);
        jump(&mut app, "前150-03-01");
        assert_eq!(label(&app), "景帝七年");
        assert_eq!(
            app.message.as_ref().unwrap().text,
            "景帝七年 (前150) 春正月 = 前150-02-21 – 03-22"
        );
        assert_eq!(
            status(&app).as_deref(),
            Some("春正月 = 前150-02-21 – 03-22")
        );
        let cursor = app.cursor;
        app.apply(Action::First);
        jump(&mut app, "前150-02-21");
        assert_eq!((label(&app), app.cursor), ("景帝七年".to_owned(), cursor));
    }

    #[test]
    fn partial_days() {
        for s in ["1118-", "1118-05", "1118-05-"] {
            assert!(partial_day(s), "{s}");
        }
        for s in ["1118", "-403", "天慶-", ""] {
            assert!(!partial_day(s), "{s}");
        }
    }
}
