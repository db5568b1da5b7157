//! `annals export --json`: the model as JSON, with byte spans into the decoded text.

use std::io::{self, Write};

use anyhow::{Context, Result};
use serde::Serialize;

use super::Outcome;
use crate::calendar::months::MonthTable;
use crate::model::dates::{self, CalendarSource, EntryCalendar, MarkDating, Undated};
use crate::model::{Chronicle, MarkKind, TimeMark, ganzhi};

#[derive(Serialize)]
struct ExportVolume<'a> {
    number: Option<u32>,
    heading: &'a str,
    title: String,
    start: usize,
    end: usize,
    entries: [usize; 2],
}

#[derive(Serialize)]
struct ExportMark<'a> {
    kind: MarkKind,
    text: &'a str,
    start: usize,
    end: usize,
    month: Option<u8>,
    leap: bool,
    /// The day's 干支 as written.
    ganzhi: Option<String>,
    /// Where the mark names a day the calendar has: its Julian Day Number, and the day
    /// in the proleptic Julian and Gregorian calendars (`1118-05-22`).
    jdn: Option<i32>,
    julian: Option<String>,
    gregorian: Option<String>,
    /// Where the mark gives a month but no day: its first and last days (Julian).
    month_start: Option<String>,
    month_end: Option<String>,
    /// The calendar it is dated in (遼, 北宋 …), when it is dated.
    calendar: Option<&'static str>,
    /// Whether that is the main calendar in force, the regime having none of its own.
    calendar_assumed: bool,
    /// Why a mark naming a month or a day has no date, or only its month.
    undated: Option<String>,
    /// Written inside a note in brackets: dated in the months in force, never moving them.
    aside: bool,
}

impl<'a> ExportMark<'a> {
    fn new(t: &'a str, m: &TimeMark, d: MarkDating, cal: Option<EntryCalendar>) -> ExportMark<'a> {
        let month = d.month.filter(|_| d.day.is_none());
        let dated = d.day.is_some() || d.month.is_some();
        let assumed = cal.is_some_and(|c| c.source == CalendarSource::MainInForce);
        let cal = cal.map(|c| c.calendar);
        ExportMark {
            kind: m.kind,
            text: &t[m.span.range()],
            start: m.span.start,
            end: m.span.end,
            month: m.month,
            leap: m.leap,
            ganzhi: m.ganzhi.map(|g| g.to_string()),
            jdn: d.day.map(|j| j.0),
            julian: d.day.map(|j| j.julian().to_string()),
            gregorian: d.day.map(|j| j.gregorian().to_string()),
            month_start: month.map(|m| m.first.julian().to_string()),
            month_end: month.map(|m| m.last().julian().to_string()),
            calendar: cal
                .filter(|_| dated)
                .map(|c| MonthTable::embedded().name(c)),
            calendar_assumed: dated && assumed,
            undated: d
                .undated
                .filter(|u| *u != Undated::NamesNoDay)
                .map(|u| u.describe(cal)),
            aside: m.aside,
        }
    }
}

#[derive(Serialize)]
struct ExportParallel<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    year: u32,
    ce: Option<i32>,
}

#[derive(Serialize)]
struct ExportEntry<'a> {
    label: String,
    /// The era's name as the book writes it (`清寕`), or inherited from the era in force.
    era: Option<std::borrow::Cow<'a, str>>,
    /// The era table's standard name of that era (`清寧`), when the era is known.
    era_standard: Option<&'static str>,
    year: u32,
    ce: Option<i32>,
    /// How `ce` was decided: `table` (era + ordinal), `ruler`, `inforce`, `ganzhi`,
    /// `annotation`, `context` (counted from neighbours).
    ce_source: crate::model::CeSource,
    /// The era table's year when `ce` differs from it (the book's 干支 or annotation).
    table_ce: Option<i32>,
    /// Why `ce` may be wrong; empty when the evidence agrees.
    doubts: &'a [crate::model::Doubt],
    /// The regime the era belongs to (遼, 北宋 …).
    dynasty: Option<&'static str>,
    /// The ruler whose era or years these are.
    ruler: Option<&'static str>,
    /// The year's 干支 as the heading writes it (`乙未天慶五年`), if it writes one.
    ganzhi: Option<String>,
    /// The 干支 of `ce`, the year's name in the sexagenary cycle (乙未 for 1115).
    year_ganzhi: Option<String>,
    volume: Option<usize>,
    start: usize,
    end: usize,
    heading_end: usize,
    text: &'a str,
    parallels: Vec<ExportParallel<'a>>,
    marks: Vec<ExportMark<'a>>,
    /// The collation notes the entry's markers point to.
    notes: Vec<ExportNote<'a>>,
}

#[derive(Serialize)]
struct ExportNote<'a> {
    /// The marker's number (`[五]` → 5).
    number: u32,
    text: &'a str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct ExportPassage<'a> {
    label: &'a str,
    ce: Option<i32>,
    /// The CE year is a guess (the era name is ambiguous read alone).
    doubtful: bool,
    start: usize,
    end: usize,
    volume: Option<usize>,
}

#[derive(Serialize)]
struct Export<'a> {
    title: Option<&'a str>,
    author: Option<&'a str>,
    format: crate::model::Format,
    length: usize,
    volumes: Vec<ExportVolume<'a>>,
    segments: &'a [crate::model::Segment],
    entries: Vec<ExportEntry<'a>>,
    passages: Vec<ExportPassage<'a>>,
}

/// `annals export --json`: the model as JSON; `start`/`end` are byte offsets into the
/// decoded UTF-8 text and each entry's `text` is exactly that slice. Always
/// [`Outcome::Found`]: a text without years still has a model to export.
pub fn export_json(c: &Chronicle, out: &mut dyn Write) -> Result<Outcome> {
    c.find_all_marks();
    let t = &c.text;
    let doc = Export {
        title: c.title.as_deref(),
        author: c.author.as_deref(),
        format: c.format,
        length: t.len(),
        volumes: c
            .volumes
            .iter()
            .map(|v| ExportVolume {
                number: v.number,
                heading: &v.heading,
                title: v.display_name(),
                start: v.span.start,
                end: v.span.end,
                entries: [v.entries.start, v.entries.end],
            })
            .collect(),
        segments: &c.segments,
        entries: c
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| ExportEntry {
                label: c.label(e).into_owned(),
                era: c.era_name(e),
                era_standard: c.era_standard_name(e),
                year: e.year,
                ce: e.ce,
                ce_source: e.ce_source,
                table_ce: e.table_ce,
                doubts: &e.doubts,
                dynasty: c.regime_name(e),
                ruler: c.ruler_name(e),
                ganzhi: e.ganzhi.map(ganzhi::name),
                year_ganzhi: e.ce.map(|y| ganzhi::name(ganzhi::of_year(y))),
                volume: e.volume,
                start: e.span.start,
                end: e.span.end,
                heading_end: e.heading_end,
                text: &t[e.span.range()],
                parallels: c
                    .parallels(e)
                    .iter()
                    .map(|p| ExportParallel {
                        text: &p.text,
                        start: p.span.start,
                        end: p.span.end,
                        year: p.year,
                        ce: p.ce,
                    })
                    .collect(),
                marks: {
                    let dated = dates::entry_dates(e);
                    let cal = dated.calendar.ok();
                    e.marks
                        .iter()
                        .zip(dated.marks)
                        .map(|(m, d)| ExportMark::new(t, m, d, cal))
                        .collect()
                },
                notes: c
                    .notes_of(i)
                    .map(|n| n.notes)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(number, span)| ExportNote {
                        number,
                        text: &t[span.range()],
                        start: span.start,
                        end: span.end,
                    })
                    .collect(),
            })
            .collect(),
        passages: c
            .passages
            .iter()
            .map(|p| ExportPassage {
                label: &t[p.label.range()],
                ce: p.ce,
                doubtful: p.doubtful,
                start: p.line.start,
                end: p.line.end,
                volume: p.volume,
            })
            .collect(),
    };
    let mut w = io::BufWriter::new(out);
    super::safe::write_json(&mut w, &doc, false).context("writing JSON")?;
    writeln!(w)?;
    w.flush()?;
    // The model was written, whatever it holds (a text without years is one preface).
    Ok(Outcome::Found)
}
