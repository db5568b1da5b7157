//! `annals date QUERY`: a Chinese date to the day it names, or a day to the Chinese date in
//! every calendar that has it. The query is read by [`crate::model::date_query`] (its
//! grammar is there); this module prints.
//!
//! # Output
//!
//! One line per reading: for a Chinese date, the day (or the first and last days of the
//! month or year) in the Julian and Gregorian calendars, its JDN, and the date as the
//! calendar names it (`1118-05-22 Julian · 1118-05-29 Gregorian · JDN 2129549 · 遼
//! 天慶八年五月初一日 壬午`); for a day, a line with the day itself and then the Chinese date
//! in every calendar that has it (`遼 天慶八年五月初一日 壬午`), which `annals date` reads
//! back to the same day. `--json` gives the same as an array of objects.
//!
//! A year before 221 BCE, which no calendar here has the months of, is answered by its CE
//! year and 干支, a line per reading (`前711 (庚午) · 魯國 桓公元年`).
//!
//! Exit status: 0 when some reading names a day (or month, or year, or a year before the
//! calendars), 1 when none does (a 干支 not in its month, a month the year does not have, a
//! day past the month's end, a day no calendar covers), with the reasons; 2 when the query
//! is not a date at all.

use std::io::{self, Write};

use anyhow::Result;
use serde::Serialize;

use super::Outcome;
use crate::calendar::jdn::Jdn;
use crate::calendar::months::MonthTable;
use crate::calendar::{CeYear, EraTable, Ganzhi};
use crate::model::date_query::{Answer, Reading, normalize, western};
use crate::model::dates::CalendarSource;

/// How `annals date` reads and prints.
#[derive(Debug, Clone, Copy, Default)]
pub struct DateOptions {
    /// Print JSON.
    pub json: bool,
    /// Read an ISO date as proleptic Gregorian (as a trailing `g` does).
    pub gregorian: bool,
}

/// `annals date` found no day: exit status 1, with a reason for each reading.
#[derive(Debug, thiserror::Error)]
#[error("no such date: {}", .reasons.join("; "))]
pub struct DateNotFound {
    /// Why each reading names no day.
    pub reasons: Vec<String>,
}
/// Reads a query as `annals date` does (see [`crate::model::date_query`]): `Err` when it
/// is not a date at all (exit 2); a date that does not exist is an [`Answer`] with nothing
/// found.
pub fn answer(query: &str, opts: DateOptions) -> Result<Answer> {
    Ok(crate::model::date_query::answer(query, opts.gregorian)?)
}

/// `annals date WORDS…`: the words joined into one query. The query may begin with a
/// minus sign (`-0103-11-14`), so every word after the first is taken as it is: the
/// options written after the date (`--json`, `--gregorian`, `-g`) are picked out here.
pub fn date_words(words: &[String], mut opts: DateOptions, out: &mut dyn Write) -> Result<Outcome> {
    let mut query = Vec::with_capacity(words.len());
    for w in words {
        match w.as_str() {
            "--json" => opts.json = true,
            "--gregorian" | "-g" => opts.gregorian = true,
            _ => query.push(w.as_str()),
        }
    }
    date(&query.join(" "), opts, out)
}

/// `annals date QUERY`: prints one line per reading (see the module docs).
pub fn date(query: &str, opts: DateOptions, out: &mut dyn Write) -> Result<Outcome> {
    let answer = answer(query, opts)?;
    let mut w = io::BufWriter::new(out);
    let mut years: &[(String, CeYear)] = &[];
    let (found, missed, day) = match &answer {
        Answer::Chinese {
            found,
            missed,
            years: y,
        } => {
            years = y;
            (found, missed.clone(), None)
        }
        Answer::Day { jdn, found } => {
            let missed = if found.is_empty() {
                vec![(
                    normalize(query),
                    format!(
                        "no calendar of the month table has JDN {} (they cover 221 BCE to 1912)",
                        jdn.0
                    ),
                )]
            } else {
                Vec::new()
            };
            (found, missed, Some(*jdn))
        }
    };
    if opts.json {
        let mut records: Vec<JsonReading> = found.iter().map(JsonReading::of).collect();
        records.extend(missed.iter().map(|(reading, error)| JsonReading {
            reading: reading.clone(),
            year: years.iter().find(|(r, _)| r == reading).map(|&(_, y)| y),
            error: Some(error.clone()),
            ..JsonReading::default()
        }));
        super::safe::write_json(&mut w, &records, true)?;
        writeln!(w)?;
    } else {
        if let (Some(jdn), false) = (day, found.is_empty()) {
            writeln!(w, "{} · {}", western((jdn, jdn)), Ganzhi::of_jdn(jdn))?;
        }
        for r in found {
            if day.is_some() {
                let notes = r.notes();
                if notes.is_empty() {
                    writeln!(w, "{}", r.chinese())?;
                } else {
                    writeln!(w, "{} ({})", r.chinese(), notes.join("; "))?;
                }
            } else {
                writeln!(w, "{}", r.line())?;
            }
        }
        // The other readings of the name, and why none of them is a date.
        if !found.is_empty() {
            for (reading, why) in &missed {
                writeln!(w, "(not {reading}: {why})")?;
            }
        }
    }
    // A year before the calendars (周, the states): its CE year and 干支 are still the
    // answer, one line per regime whose ruler or era has the name.
    if found.is_empty() && !years.is_empty() && !opts.json {
        // (In the order of the years.)
        let mut by_year: Vec<&(String, CeYear)> = years.iter().collect();
        by_year.sort_by_key(|(_, y)| *y);
        for (reading, y) in by_year {
            writeln!(w, "{y} ({}) · {reading}", Ganzhi::of_year(*y))?;
        }
        writeln!(
            w,
            "(the year only: no calendar of the month table has its months and days before 221 BCE)"
        )?;
    }
    w.flush()?;
    if found.is_empty() && !years.is_empty() {
        return Ok(Outcome::Found);
    }
    if found.is_empty() {
        if opts.json {
            return Ok(Outcome::NothingFound);
        }
        return Err(DateNotFound {
            reasons: missed
                .into_iter()
                .map(|(reading, why)| format!("{reading}: {why}"))
                .collect(),
        }
        .into());
    }
    Ok(Outcome::Found)
}

#[derive(Serialize, Default)]
struct JsonDay {
    jdn: i32,
    julian: String,
    gregorian: String,
}

impl JsonDay {
    fn of(j: Jdn) -> JsonDay {
        JsonDay {
            jdn: j.0,
            julian: j.julian().to_string(),
            gregorian: j.gregorian().to_string(),
        }
    }
}

#[derive(Serialize, Default)]
struct JsonReading {
    /// The date as the calendar names it (or as asked, for a reading that names nothing).
    reading: String,
    calendar: Option<&'static str>,
    /// Whether the calendar is the main one in force, the regime having none.
    calendar_assumed: bool,
    era: Option<&'static str>,
    year: Option<CeYear>,
    month: Option<String>,
    day: Option<u8>,
    ganzhi: Option<String>,
    /// The day named: JDN, Julian and Gregorian.
    jdn: Option<i32>,
    julian: Option<String>,
    gregorian: Option<String>,
    /// The first and last days of the month or year named (or the day).
    first: Option<JsonDay>,
    last: Option<JsonDay>,
    proleptic: bool,
    /// Why the reading names no day.
    error: Option<String>,
}

impl JsonReading {
    fn of(r: &Reading) -> JsonReading {
        let t = MonthTable::embedded();
        let eras = EraTable::embedded();
        JsonReading {
            reading: r.chinese(),
            calendar: Some(t.name(r.calendar)),
            calendar_assumed: r.source == CalendarSource::MainInForce,
            era: r.era.map(|id| eras.get(id).name()),
            year: Some(r.year),
            month: r.month.map(|m| m.name()),
            day: r.month.zip(r.day).and_then(|(m, d)| m.day_number(d)),
            ganzhi: r.day.map(|d| Ganzhi::of_jdn(d).to_string()),
            jdn: r.day.map(|d| d.0),
            julian: r.day.map(|d| d.julian().to_string()),
            gregorian: r.day.map(|d| d.gregorian().to_string()),
            first: Some(JsonDay::of(r.span.0)),
            last: Some(JsonDay::of(r.span.1)),
            proleptic: r.proleptic,
            error: None,
        }
    }
}

#[cfg(test)]
mod tests;
