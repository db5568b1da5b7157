//! `annals show YEAR`: an entry laid out in N columns by the reader's own layout code.

use std::io::{self, Write};

use anyhow::Result;

use super::{Outcome, YearNotFound};
use crate::layout::str_width;
use crate::model::Chronicle;
use crate::model::query::{self, QueryError, ce_label};
use crate::model::reading::Reading;
use crate::view::{heading_line, lay_out_entry, place_label, to_plain_lines};

/// `annals show YEAR`: each matching entry laid out in `width` columns.
pub fn show(c: &Chronicle, year: &str, width: usize, out: &mut dyn Write) -> Result<Outcome> {
    let found = match query::find(c, year, None) {
        Ok(found) => found,
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
            return Err(YearNotFound { error, passages }.into());
        }
        Err(e) => return Err(e.into()),
    };
    let reading = Reading::new(&c.text, c.format);
    let mut w = io::BufWriter::new(out);
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
    w.flush()?;
    Ok(Outcome::Found)
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
