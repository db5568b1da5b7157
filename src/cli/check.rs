//! `annals check`: what the segmenter found, and problems for people preparing texts.

use std::io::{self, Write};

use anyhow::Result;

use super::Outcome;
use crate::layout::sanitize;
use crate::model::query::ce_label;
use crate::model::reading::Reading;
use crate::model::{SegmentKind, Severity, dates};
use crate::source::Opened;

/// `annals check`: what was found, and problems worth a look.
pub fn check(o: &Opened, out: &mut dyn Write) -> Result<Outcome> {
    let c = &o.chronicle;
    c.find_all_marks();
    // The file's name and its front matter may hold escape sequences: shown, not obeyed.
    let name = sanitize(&o.name()).into_owned();
    let mut w = io::BufWriter::new(out);
    let title = sanitize(&c.title_line()).into_owned();
    // The input's size; the decoded text's too when they differ (a legacy encoding,
    // UTF-16, a BOM, line ends made `\n`), since offsets in findings are into the latter.
    let size = if o.input_len == c.text.len() {
        format!("{} bytes", o.input_len)
    } else {
        format!("{} bytes; {} as UTF-8", o.input_len, c.text.len())
    };
    writeln!(
        w,
        "{} — {} ({}, {:?}, {size})",
        if title.is_empty() {
            "(untitled)"
        } else {
            &title
        },
        name,
        o.encoding.name(),
        c.format,
    )?;
    for note in &o.notes {
        writeln!(w, "note: {}", sanitize(note))?;
    }
    for warning in &o.warnings {
        writeln!(w, "warning: {}", sanitize(warning))?;
    }
    let annal_volumes: Vec<String> = c
        .volumes
        .iter()
        .filter(|v| !v.entries.is_empty())
        // (As `list` names them, 卷九, 卷一上 and 卷一下 apart: not a count 9.)
        .map(|v| v.number_name().unwrap_or_else(|| v.heading.clone()))
        .collect();
    if !c.volumes.is_empty() {
        if annal_volumes.is_empty() {
            writeln!(w, "volumes: {} (none with year entries)", c.volumes.len())?;
        } else {
            writeln!(
                w,
                "volumes: {} ({} with year entries: {})",
                c.volumes.len(),
                annal_volumes.len(),
                annal_volumes.join(", ")
            )?;
        }
    }
    let range = c
        .ce_range()
        .map(|(a, b)| format!(", CE {}–{}", ce_label(a), ce_label(b)))
        .unwrap_or_default();
    let reading = Reading::new(&c.text, c.format);
    let empty = c
        .entries
        .iter()
        .filter(|e| e.is_empty_year(&reading))
        .count();
    let no_ce = c.entries.iter().filter(|e| e.ce.is_none()).count();
    let doubtful = c.entries.iter().filter(|e| !e.doubts.is_empty()).count();
    writeln!(
        w,
        "entries: {}{range} ({empty} empty years, {no_ce} without a CE year, {doubtful} doubtful)",
        c.entries.len()
    )?;
    if c.entries.is_empty() {
        writeln!(
            w,
            "warning: no year headings found: the text's years are written in a way annals \
             does not read, or it is not annals"
        )?;
        // Where the text writes years, so the reader can see how.
        let (n, first) = years_written(&c.text);
        if n > 0 {
            writeln!(
                w,
                "  years written in the text ({n} such as `N年`), none read as a heading; the first:"
            )?;
            for at in first {
                let from = c.text[..at]
                    .char_indices()
                    .rev()
                    .nth(9)
                    .map_or(0, |(i, _)| i);
                let line_start = c.text[..at].rfind('\n').map_or(0, |i| i + 1);
                let from = from.max(line_start);
                let to = c.text[at..]
                    .char_indices()
                    .nth(8)
                    .map_or(c.text.len(), |(i, _)| at + i);
                let to = c.text[at..to].find('\n').map_or(to, |i| at + i);
                writeln!(
                    w,
                    "    line {}: {} ({})",
                    c.line_of(at),
                    sanitize(c.text[from..to].trim()),
                    why_not_heading(&c.text, at)
                )?;
            }
        }
    } else if c.passages.len() >= 5 && c.passages.len() > c.entries.len() {
        writeln!(
            w,
            "warning: more dated passages ({}) than year entries: some may be headings \
             annals did not take as such",
            c.passages.len()
        )?;
    }
    // The years of each volume: where they start and end, what is missing, what is odd.
    let years = c.volume_years();
    if years.len() > 1 || years.first().is_some_and(|y| y.volume.is_some()) {
        writeln!(w, "years by volume:")?;
        for y in &years {
            let name = match y.volume {
                Some(v) => c.volumes[v].display_name(),
                None => "(before the first volume)".to_owned(),
            };
            let range = y.range.map_or("no CE year".to_owned(), |(a, b)| {
                format!("{}–{}", ce_label(a), ce_label(b))
            });
            let mut odd: Vec<String> = Vec::new();
            if y.gaps.0 > 0 {
                odd.push(format!("{} gaps ({} years)", y.gaps.0, y.gaps.1));
            }
            for (n, what) in [
                (y.backward_steps, "steps back"),
                (y.past_era_end, "past an era's end"),
                (y.ambiguous, "ambiguous eras"),
                (y.doubtful, "doubtful"),
            ] {
                if n > 0 {
                    odd.push(format!("{n} {what}"));
                }
            }
            writeln!(
                w,
                "  {}: {} years, {range}{}{}",
                sanitize(&name),
                y.entries,
                if y.regimes.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", y.regimes.join(", "))
                },
                if odd.is_empty() {
                    String::new()
                } else {
                    format!("; {}", odd.join(", "))
                }
            )?;
        }
    }
    // Long entries beside a gap: years the text writes in a way not read may be inside.
    let long = c.long_beside_gaps();
    if !long.is_empty() {
        writeln!(
            w,
            "long entries beside a gap (years inside them may not have been read as headings): {}",
            long.len()
        )?;
        for l in long.iter().take(5) {
            let e = &c.entries[l.entry];
            writeln!(
                w,
                "  line {}: {} ({}): {}字, {}× the median entry, {} years missing beside it",
                c.line_of(e.span.start),
                sanitize(&c.full_label(e)),
                e.ce.map_or("?".to_owned(), ce_label),
                l.chars,
                l.times_median,
                l.missing
            )?;
        }
    }
    let marks: usize = c.entries.iter().map(|e| e.marks.len()).sum();
    writeln!(w, "time marks: {marks}")?;
    let notes = c
        .segments
        .iter()
        .filter(|s| matches!(s.kind, SegmentKind::Notes(_)))
        .count();
    writeln!(w, "note sections: {notes}")?;
    writeln!(w, "dated passages outside the annals: {}", c.passages.len())?;
    let unknown: Vec<std::borrow::Cow<str>> = {
        let mut v: Vec<std::borrow::Cow<str>> = c
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
    // Lines that open as a year heading does but were not read as one (an era or ruler
    // the table lacks, a layout not understood): what a reader checking the years wants
    // to see first.
    if c.format != crate::model::Format::Mandoku {
        let heads: Vec<(usize, u32)> = c.entries.iter().map(|e| (e.label.start, e.year)).collect();
        let unread = unread_openings(&c.text, &heads);
        if !unread.is_empty() {
            writeln!(
                w,
                "lines that open like a year heading, not read as one: {}",
                unread.len()
            )?;
            for &(at, ref name) in unread.iter().take(5) {
                let line_end = c.text[at..].find('\n').map_or(c.text.len(), |i| at + i);
                let to = c.text[at..line_end]
                    .char_indices()
                    .nth(16)
                    .map_or(line_end, |(i, _)| at + i);
                let why = if name.is_empty() {
                    "a bare year: taken only where the years around it allow".to_owned()
                } else if let Some(known) = known_tail(name) {
                    format!(
                        "`{}` is in the era table; read as a date in the text",
                        sanitize(known)
                    )
                } else {
                    format!("no era or ruler `{}` in the era table", sanitize(name))
                };
                writeln!(
                    w,
                    "  line {}: {}… ({why})",
                    c.line_of(at),
                    sanitize(&c.text[at..to])
                )?;
            }
            // (The rest by line, so that none is hidden: the one real miss may be last.)
            if unread.len() > 5 {
                let lines: Vec<String> = unread[5..]
                    .iter()
                    .take(30)
                    .map(|&(at, _)| c.line_of(at).to_string())
                    .collect();
                let more = if unread.len() > 35 { ", …" } else { "" };
                writeln!(
                    w,
                    "  and {} more, at lines {}{more}",
                    unread.len() - 5,
                    lines.join(", ")
                )?;
            }
        }
    }
    // Marks against the calendar: their findings follow the segmenter's.
    let (date_findings, dated) = dates::findings(c);
    // (What is not the case is not said: `0 in the main calendar` puzzled users.)
    let mut also = String::new();
    if dated.main_calendar > 0 {
        also += &format!(
            "; {} in the calendar of the main dynasty of their year, their regime having none",
            dated.main_calendar
        );
    }
    if dated.in_undated_entries > 0 {
        also += &format!(
            "; {} left undated in entries with no sure year",
            dated.in_undated_entries
        );
    }
    writeln!(
        w,
        "dated marks: {} of {} naming a month or a day ({} to the day, {} to the month{also})",
        dated.days + dated.months,
        dated.dateable,
        dated.days,
        dated.months,
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
        // In a folder read as one book: the file of the folder, and the line in it.
        let (file, line) = o.place(d.byte, d.line);
        writeln!(
            w,
            "{}:{line}: {sev}: {} (byte {})",
            sanitize(&file),
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

/// The lines of `text` that open as a year heading does — a name of at most eight Han
/// characters (none for a bare year), a number or 元, 年, then a season, a month, a 干支, a
/// stop or the line's end — with no heading in `heads` (byte offsets of entry labels, in
/// order, with their ordinals) on them, and not restating the ordinal of the entry they are
/// in (`○四年` under `盖娄王零四年`, a translation's heading): each line's byte offset where
/// the name starts, and the name.
fn unread_openings(text: &str, heads: &[(usize, u32)]) -> Vec<(usize, String)> {
    use crate::model::numerals::is_numeral_char;
    let mut found = Vec::new();
    let mut next_head = heads.iter().copied().peekable();
    let mut in_force = None;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        while let Some((_, year)) = next_head.next_if(|&(h, _)| h < start) {
            in_force = Some(year);
        }
        if next_head.peek().is_some_and(|&(h, _)| h < line_start) {
            continue;
        }
        let body = line.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '#' | '*' | '>' | '-' | '●' | '○' | '◎' | '　')
        });
        let at = start + (line.len() - body.len());
        let name: String = body
            .chars()
            .take_while(|&c| is_wide_letter(c) && !is_numeral_char(c) && c != '元')
            .take(9)
            .collect();
        if name.chars().count() > 8 {
            continue;
        }
        let rest = &body[name.len()..];
        let number = rest
            .char_indices()
            .take_while(|&(_, c)| is_numeral_char(c) || c == '有' || c == '元')
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
        if number == 0 || !rest[number..].starts_with('年') {
            continue;
        }
        // 元 only as 元年's.
        if rest[..number].contains('元') && &rest[..number] != "元" {
            continue;
        }
        let ordinal = match &rest[..number] {
            "元" => Some(1),
            n => crate::model::numerals::value(&n.replace('有', "")),
        };
        if ordinal.is_some() && ordinal == in_force {
            continue;
        }
        let after = &rest[number + '年'.len_utf8()..];
        let opens = after.chars().next().is_none_or(|c| {
            matches!(
                c,
                '\n' | '\r'
                    | '春'
                    | '夏'
                    | '秋'
                    | '冬'
                    | '正'
                    | '閏'
                    | '闰'
                    | '。'
                    | '，'
                    | '（'
                    | '('
                    | '【'
                    | '〔'
                    | ' '
                    | '　'
            ) || crate::calendar::ganzhi::STEMS.contains(&c)
        }) || after
            .char_indices()
            .take_while(|&(_, c)| is_numeral_char(c))
            .last()
            .is_some_and(|(i, c)| after[i + c.len_utf8()..].starts_with('月'));
        if opens {
            found.push((at, name));
        }
    }
    found
}

/// The longest end of `name` that is an era or ruler of the table (`崇禎` of `以明年為崇禎`).
fn known_tail(name: &str) -> Option<&str> {
    let table = crate::calendar::EraTable::embedded();
    name.char_indices()
        .map(|(i, _)| &name[i..])
        .find(|tail| !table.lookup(tail).is_empty() || !table.rulers_named(tail).is_empty())
}

/// A wide letter: a Han character (a name's, a sentence's), not punctuation or a blank.
fn is_wide_letter(c: char) -> bool {
    unicode_width::UnicodeWidthChar::width(c) == Some(2) && c.is_alphabetic()
}

/// How many times `text` writes a year as a number and 年 (`二十有一年`, `元年`, `四年`), and
/// the byte offsets of the first three numbers.
fn years_written(text: &str) -> (usize, Vec<usize>) {
    use crate::model::numerals::is_numeral_char;
    let mut n = 0;
    let mut first = Vec::new();
    for (at, _) in text.match_indices('年') {
        let before = text[..at].chars().next_back();
        if !before.is_some_and(|c| is_numeral_char(c) || c == '元') {
            continue;
        }
        n += 1;
        if first.len() < 3 {
            // (元 only as 元年's: 建元二年 is 二年.)
            let start = match before {
                Some('元') => at - '元'.len_utf8(),
                _ => text[..at]
                    .char_indices()
                    .rev()
                    .take_while(|&(_, c)| is_numeral_char(c) || c == '有')
                    .last()
                    .map_or(at, |(i, _)| i),
            };
            first.push(start);
        }
    }
    (n, first)
}

/// What the characters around a year written at `start` (its number) say of why it was
/// not read as a heading: a short phrase for `check`'s list. A guess from the line alone,
/// worded as one; the segmenter weighs more (the years around, the book's eras).
fn why_not_heading(text: &str, start: usize) -> &'static str {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    // The name before the number (an era, a ruler and his titles): eight characters at most.
    let mut name_start = start;
    for (i, c) in text[line_start..start].char_indices().rev().take(8) {
        if !is_wide_letter(c) {
            break;
        }
        name_start = line_start + i;
    }
    let before = text[line_start..name_start].trim_start_matches(|c: char| c.is_whitespace());
    let year_end = text[start..]
        .find('年')
        .map_or(start, |i| start + i + '年'.len_utf8());
    let after = text[year_end..].chars().next();
    // A season or a month after 年 (`二年十二月`, `三年春`).
    let rest = &text[year_end..];
    let month_after = rest.starts_with(['春', '夏', '秋', '冬', '正', '閏', '闰', '臘', '腊'])
        || rest
            .char_indices()
            .take_while(|&(_, c)| crate::model::numerals::is_numeral_char(c))
            .last()
            .is_some_and(|(i, c)| rest[i + c.len_utf8()..].starts_with('月'));
    match before.chars().next_back() {
        None => {}
        Some('。' | '．' | '；' | '！' | '？' | '.') => {}
        Some('，' | '、' | '：' | ',') => return "in mid-sentence, after a comma",
        Some('】' | '）' | ')' | '〕' | ']') => return "in mid-line, after a bracketed note",
        Some(c) if before.chars().count() == 1 && !is_wide_letter(c) => {
            return "after a mark at the line's start that is not passed over";
        }
        Some(_) => return "inside the text: not at a line's start or after a full stop",
    }
    match after {
        None | Some('\n' | '\r') => "alone on its line: its era or ruler is not known here",
        Some(_) if month_after => {
            "run on in the text with its month after it: taken only as the next year of the era in force, or a later era's 元年"
        }
        Some(c) if is_wide_letter(c) => {
            "the text runs on after 年 with no season, month, 干支 or stop (read as a date in a sentence)"
        }
        Some(_) => {
            "at a line's or sentence's start: read as a date in a sentence, or its era not known here"
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn why_a_year_was_not_a_heading() {
        let why = |t: &str| super::why_not_heading(t, t.find("二年").unwrap());
        assert!(why("序\n●建元二年\n").contains("mark"));
        assert!(why("序\n康帝建元二年燕王伐之\n").contains("runs on"));
        assert!(why("序\n燕王伐之，二年春\n").contains("comma"));
        assert!(why("序\n【是为僖侯】二年齐献公\n").contains("bracketed"));
        assert!(why("序\n燕王伐之克其城而還二年齐献公\n").contains("inside the text"));
        assert!(why("序\n天某二年\n").contains("alone on its line"));
        // (北齊書: `…武還晉陽二年十二月阿至羅…`, a month after it.)
        assert!(why("序\n武還晉陽二年十二月阿至羅\n").contains("month after it"));
    }

    #[test]
    fn years_written_are_counted_and_the_first_found() {
        let text = "序\n康帝建元二年燕王伐之\n其明年又伐\n二十有一年秦嬴卒元年\n";
        let (n, first) = super::years_written(text);
        assert_eq!(n, 3, "二年, 二十有一年 and 元年; not 明年");
        let at: Vec<&str> = first.iter().map(|&i| &text[i..i + 6]).collect();
        assert_eq!(at, ["二年", "二十", "元年"]);
    }
}
