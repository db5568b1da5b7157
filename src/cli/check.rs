//! `annals check`: what the segmenter found, and problems for people preparing texts.

use std::io::{self, Write};

use anyhow::Result;

use super::{Outcome, body_chars};
use crate::layout::sanitize;
use crate::model::query::ce_label;
use crate::model::reading::Reading;
use crate::model::{SegmentKind, Severity, dates};
use crate::source::Opened;

/// `annals check`: what was found, and problems worth a look.
pub fn check(o: &Opened, out: &mut dyn Write) -> Result<Outcome> {
    let c = &o.chronicle;
    let name = o.name();
    let mut w = io::BufWriter::new(out);
    let title = c.title_line();
    writeln!(
        w,
        "{} — {} ({}, {:?}, {} bytes)",
        if title.is_empty() {
            "(untitled)"
        } else {
            &title
        },
        name,
        o.encoding.name(),
        c.format,
        c.text.len()
    )?;
    for warning in &o.warnings {
        writeln!(w, "warning: {warning}")?;
    }
    let annal_volumes: Vec<String> = c
        .volumes
        .iter()
        .filter(|v| !v.entries.is_empty())
        .map(|v| {
            v.number
                .map_or_else(|| v.heading.clone(), |n| n.to_string())
        })
        .collect();
    if !c.volumes.is_empty() {
        writeln!(
            w,
            "volumes: {} ({} with year entries: {})",
            c.volumes.len(),
            annal_volumes.len(),
            annal_volumes.join(", ")
        )?;
    }
    let range = c
        .ce_range()
        .map(|(a, b)| format!(", CE {}–{}", ce_label(a), ce_label(b)))
        .unwrap_or_default();
    let reading = Reading::new(&c.text, c.format);
    let empty = c
        .entries
        .iter()
        .filter(|e| body_chars(&reading.text()[reading.span_to_reading(e.body())]) == 0)
        .count();
    let no_ce = c.entries.iter().filter(|e| e.ce.is_none()).count();
    writeln!(
        w,
        "entries: {}{range} ({empty} empty years, {no_ce} without a CE year)",
        c.entries.len()
    )?;
    let marks: usize = c.entries.iter().map(|e| e.marks.len()).sum();
    writeln!(w, "time marks: {marks}")?;
    let notes = c
        .segments
        .iter()
        .filter(|s| matches!(s.kind, SegmentKind::Notes(_)))
        .count();
    writeln!(w, "note sections: {notes}")?;
    writeln!(w, "dated passages outside the annals: {}", c.passages.len())?;
    let unknown: Vec<&str> = {
        let mut v: Vec<&str> = c
            .entries
            .iter()
            .filter(|e| e.era.is_none() && e.era_span.is_some())
            .filter_map(|e| c.era_name(e))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    writeln!(
        w,
        "unknown eras: {}",
        if unknown.is_empty() {
            "none".to_owned()
        } else {
            unknown.join(", ")
        }
    )?;
    // Marks against the calendar: their findings follow the segmenter's.
    let (date_findings, dated) = dates::findings(c);
    writeln!(
        w,
        "dated marks: {} of {} naming a month or a day ({} to the day, {} to the month; {} in the main calendar, {} in entries with no sure year)",
        dated.days + dated.months,
        dated.dateable,
        dated.days,
        dated.months,
        dated.main_calendar,
        dated.in_undated_entries
    )?;
    writeln!(
        w,
        "day 干支 not in their month (日干支誤): {}; other disagreements with the calendar: {}",
        dated.ganzhi_not_in_month, dated.other_conflicts
    )?;
    let all = || c.diagnostics.iter().chain(&date_findings);
    let warnings = all().filter(|d| d.severity == Severity::Warning).count();
    let total = all().count();
    writeln!(
        w,
        "findings: {} ({} warnings, {} notes)",
        total,
        warnings,
        total - warnings
    )?;
    for d in all() {
        let sev = match d.severity {
            Severity::Warning => "warning",
            Severity::Info => "note",
        };
        writeln!(
            w,
            "{}:{}: {sev}: {} (byte {})",
            name,
            d.line,
            sanitize(&d.message),
            d.byte
        )?;
    }
    w.flush()?;
    Ok(if c.entries.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
