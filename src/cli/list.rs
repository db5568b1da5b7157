//! `annals list`: one line per reign-year entry — label, CE year, length, first words.

use std::io::{self, Write};

use anyhow::Result;

use super::{Outcome, body_chars, pad};
use crate::layout::{sanitize, str_width};
use crate::model::Chronicle;
use crate::model::query::ce_label;

/// `annals list`: one line per entry.
pub fn list(c: &Chronicle, out: &mut dyn Write) -> Result<Outcome> {
    if c.entries.is_empty() {
        return Ok(Outcome::NothingFound);
    }
    let labels: Vec<String> = c.entries.iter().map(|e| c.full_label(e)).collect();
    let label_cols = labels.iter().map(|l| str_width(l)).max().unwrap_or(0);
    let vol_names: Vec<String> = c
        .entries
        .iter()
        .map(|e| {
            e.volume
                .and_then(|v| c.volumes[v].number)
                .map(|n| format!("卷{}", crate::model::chinese_number(n)))
                .unwrap_or_default()
        })
        .collect();
    let vol_cols = vol_names.iter().map(|v| str_width(v)).max().unwrap_or(0);
    let mut w = io::BufWriter::new(out);
    for ((e, label), vol) in c.entries.iter().zip(&labels).zip(&vol_names) {
        let ce = e.ce.map(ce_label).unwrap_or_else(|| "?".to_owned());
        // The reading view of this entry alone (markup never spans a line break between
        // two entries), so a big text is never copied whole; then its body.
        let view = c.reading_of(e.span);
        let body = &view.text()[view.to_reading(e.heading_end - e.span.start)..];
        if vol_cols > 0 {
            write!(w, "{}  ", pad(vol, vol_cols))?;
        }
        writeln!(
            w,
            "{}  {:>5}  {:>5}字  {}",
            pad(&sanitize(label), label_cols),
            ce,
            body_chars(body),
            first_words(body, 40)
        )?;
    }
    w.flush()?;
    Ok(Outcome::Found)
}

/// The first `cols` columns of a text, its paragraphs joined by a space, on one line.
fn first_words(text: &str, cols: usize) -> String {
    // Gather paragraphs (joined by a space) a piece at a time until wider than `cols`:
    // measuring whole paragraphs would cost more than the rest of `list`.
    let piece = 4 * cols + 4;
    let mut s = String::new();
    'paragraphs: for p in crate::model::paragraphs(text, crate::model::Span::new(0, text.len())) {
        if !s.is_empty() {
            s.push(' ');
        }
        let mut rest = &text[p.range()];
        while !rest.is_empty() {
            let mut cut = piece.min(rest.len());
            while !rest.is_char_boundary(cut) {
                cut += 1;
            }
            s.push_str(&rest[..cut]);
            rest = &rest[cut..];
            // Only the last grapheme can be cut short, and once the text is wider than
            // `cols` it is not among those shown.
            if str_width(&s) > cols {
                break 'paragraphs;
            }
        }
    }
    let shown = crate::layout::prefix_fitting(&s, cols);
    let mut out = sanitize(shown).into_owned();
    if shown.len() < s.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_words_stops_at_the_width() {
        let long = "天".repeat(10_000);
        assert_eq!(first_words(&long, 7), format!("{}…", "天".repeat(3)));
        assert_eq!(first_words("天慶元年", 40), "天慶元年");
        assert_eq!(first_words("甲\n乙", 40), "甲 乙");
        // Combining marks take no columns: a long run of them still ends the right way.
        let marks = format!("e{}", "\u{301}".repeat(500));
        assert_eq!(first_words(&format!("{marks}天天"), 2), format!("{marks}…"));
        assert_eq!(
            first_words(&format!("{marks}天天"), 3),
            format!("{marks}天…")
        );
        assert_eq!(first_words(&format!("{marks}天"), 3), format!("{marks}天"));
    }
}
