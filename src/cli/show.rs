//! `annals show YEAR`: an entry laid out in N columns by the reader's own layout code; with
//! `--cite`, its citation instead; with two texts, the year in both, one after the other.

use std::io::{self, Write};

use anyhow::Result;

use super::{Outcome, YearNotFound};
use crate::layout::str_width;
use crate::model::Chronicle;
use crate::model::pages::{Citation, Pages};
use crate::model::query::{self, QueryError, ce_label};
use crate::model::reading::Reading;
use crate::view::{heading_line, lay_out_entry, place_label, to_plain_lines};

/// `annals show YEAR`: each matching entry laid out in `width` columns.
pub fn show(c: &Chronicle, year: &str, width: usize, out: &mut dyn Write) -> Result<Outcome> {
    let found = find_year(c, year)?;
    let mut w = io::BufWriter::new(out);
    write_entries(c, &found, width, &mut w)?;
    w.flush()?;
    Ok(Outcome::Found)
}

/// `annals show YEAR FILE --cite`: one citation per matching entry, in the common Chinese
/// form (書名 · 卷 · 篇 · 年 · 頁): `新唐書 卷一 本紀第一 武徳二年 (619), WYG 1-3b`. The
/// page is the one the entry's heading is on.
pub fn show_cite(c: &Chronicle, year: &str, out: &mut dyn Write) -> Result<Outcome> {
    let found = find_year(c, year)?;
    let pages = Pages::of(&c.text);
    let mut w = io::BufWriter::new(out);
    for &i in &found {
        let cite = Citation::of(c, &pages, c.entries[i].span.start);
        writeln!(w, "{}", crate::layout::sanitize(&cite.to_string()))?;
    }
    w.flush()?;
    Ok(Outcome::Found)
}

/// `annals show YEAR A B`: the year in two texts, one after the other, each under its
/// book's title line. YEAR is read in `a`, else in `b` (a label only one text writes, such
/// as `乙未天庆五年`), and names a CE year; each text shows its entries of that CE year.
/// Entries with no CE year are never aligned: a label naming one shows it alone. With
/// `cite`, each text gives the citations of its entries instead of their text. Nothing
/// found in either text is an error; one text without the year says so in its place.
pub fn show_both(
    texts: [&Chronicle; 2],
    year: &str,
    width: usize,
    cite: bool,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let (found, ce) = year_in_either(texts, year)?;
    let mut w = io::BufWriter::new(out);
    for (k, c) in texts.into_iter().enumerate() {
        if k > 0 {
            writeln!(w)?;
        }
        let title = c.title_line();
        let name = if title.is_empty() {
            format!("text {}", k + 1)
        } else {
            title
        };
        writeln!(w, "== {} ==", crate::layout::sanitize(&name))?;
        let entries: Vec<usize> = match (&found[k], ce) {
            (Some(f), _) => f.clone(),
            (None, Some(y)) => c
                .entries
                .iter()
                .enumerate()
                .filter(|(_, e)| e.ce == Some(y))
                .map(|(i, _)| i)
                .collect(),
            (None, None) => Vec::new(),
        };
        if entries.is_empty() {
            let why = match (ce, c.ce_range()) {
                (Some(y), Some((lo, hi))) => format!(
                    "no entry for {}; this text covers {}–{}",
                    ce_label(y),
                    ce_label(lo),
                    ce_label(hi)
                ),
                (Some(y), None) => format!("no entry for {}", ce_label(y)),
                (None, _) => format!("no entry for {year}, and no CE year to align by"),
            };
            writeln!(w, "({})", crate::layout::sanitize(&why))?;
            continue;
        }
        if cite {
            let pages = Pages::of(&c.text);
            for &i in &entries {
                let cite = Citation::of(c, &pages, c.entries[i].span.start);
                writeln!(w, "{}", crate::layout::sanitize(&cite.to_string()))?;
            }
        } else {
            write_entries(c, &entries, width, &mut w)?;
        }
    }
    w.flush()?;
    Ok(Outcome::Found)
}

/// The entries YEAR names in each text where it names some, and the CE year it stands
/// for: read in the first text, else in the second.
type Found = ([Option<Vec<usize>>; 2], Option<i32>);

fn year_in_either(texts: [&Chronicle; 2], year: &str) -> Result<Found> {
    let mut first_error = None;
    for (k, c) in texts.into_iter().enumerate() {
        match find_year(c, year) {
            Ok(found) => {
                // Aligned by the CE year of the first entry named, when it has one.
                let ce = c.entries[found[0]].ce;
                let mut both = [None, None];
                both[k] = Some(found);
                return Ok((both, ce));
            }
            Err(e) => {
                // A CE year neither text has: the first text's reason is the one given.
                if first_error.is_none() {
                    first_error = Some(e);
                }
            }
        }
    }
    Err(first_error.expect("two texts were asked"))
}

/// The entries of `c` that `year` names, or why there are none (with the dated passages
/// that name that year, if any).
fn find_year(c: &Chronicle, year: &str) -> Result<Vec<usize>> {
    match query::find(c, year, None) {
        Ok(found) => Ok(found),
        Err(error @ QueryError::NotInText { ce, .. }) => {
            // The year may still be named in the text, by a dated passage.
            let passages = c
                .passages
                .iter()
                .filter(|p| ce.is_some() && p.ce == ce)
                .map(|p| {
                    let (place, _) = place_label(c, p.line.start);
                    format!(
                        "{} ({}{}) is a dated passage in {place}, line {}",
                        &c.text[p.label.range()],
                        p.ce.map(ce_label).unwrap_or_default(),
                        if p.doubtful {
                            "? another regime's era of that name would give another year"
                        } else {
                            ""
                        },
                        c.line_of(p.line.start)
                    )
                })
                .collect();
            Err(YearNotFound { error, passages }.into())
        }
        // A file where the year goes (`annals show FILE`): say how the command reads.
        // (No example year: the one the default text would suggest may be no year of that
        // file's.)
        Err(QueryError::NotAYear(_)) if std::path::Path::new(year).exists() => {
            Err(anyhow::anyhow!(
                "'{year}' is a file, not a year: `show` takes the year first, then the file \
                 (`annals show YEAR {year}`; `annals list {year}` lists its years)"
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// Entries `found` of `c`, each with its heading (and volume) laid out in `width` columns,
/// then its text as the reader shows it.
fn write_entries(c: &Chronicle, found: &[usize], width: usize, w: &mut dyn Write) -> Result<()> {
    let reading = Reading::new(&c.text, c.format);
    for (n, &i) in found.iter().enumerate() {
        let e = &c.entries[i];
        if n > 0 {
            writeln!(w)?;
        }
        let mut head = heading_line(c, e);
        if let Some(v) = e.volume {
            let volume = c.volumes[v].display_name();
            head = format!("{} · {head}", crate::layout::sanitize(&volume));
        }
        for line in heading_lines(&head, width) {
            writeln!(w, "{line}")?;
        }
        writeln!(w)?;
        // The whole entry as the reader shows it, its heading as written included, and
        // the collation notes its markers point to.
        let lines = lay_out_entry(c, &reading, i, width);
        for l in to_plain_lines(reading.text(), &lines) {
            writeln!(w, "{}", l.trim_end())?;
        }
    }
    Ok(())
}

/// The heading laid out in `width` columns: its ` · `-separated parts kept whole where
/// they fit (宋崇寧五年 is not cut in two), a part wider than a line wrapped like text.
fn heading_lines(head: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for part in head.split(" · ") {
        let joined = if line.is_empty() {
            part.to_owned()
        } else {
            format!("{line} · {part}")
        };
        if str_width(&joined) <= width {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if str_width(part) <= width {
            line = part.to_owned();
        } else {
            // Too wide for any line: wrapped like text, the last piece carried on.
            let pieces = crate::layout::wrap(part, width);
            for (i, l) in pieces.iter().enumerate() {
                let piece = part[l.start..l.end].trim_end().to_owned();
                if i + 1 == pieces.len() {
                    line = piece;
                } else {
                    lines.push(piece);
                }
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_break_between_their_parts() {
        let head = "卷十 天祚皇帝上 · 乾統六年 · 1106 · 丙戌 · 宋崇寧五年";
        assert_eq!(heading_lines(head, 80), [head]);
        assert_eq!(
            heading_lines(head, 30),
            ["卷十 天祚皇帝上 · 乾統六年", "1106 · 丙戌 · 宋崇寧五年"]
        );
        // (A wide character needs 2 columns: from 2 on, every line fits.)
        for width in 2..40 {
            let lines = heading_lines(head, width);
            for l in &lines {
                assert!(str_width(l) <= width, "{width}: {l:?}");
            }
            let joined: String = lines
                .concat()
                .chars()
                .filter(|c| *c != ' ' && *c != '·')
                .collect();
            let want: String = head.chars().filter(|c| *c != ' ' && *c != '·').collect();
            assert_eq!(joined, want, "{width}: nothing lost");
        }
    }
}
