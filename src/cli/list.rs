//! `annals list`: one line per reign-year entry — label, CE year (`?` after a doubtful one),
//! length, first words.

use std::io::{self, Write};

use anyhow::Result;

use super::{Outcome, body_chars};
use crate::layout::{sanitize, str_width};
use crate::model::Chronicle;

/// `annals list`: one line per entry.
pub fn list(c: &Chronicle, out: &mut dyn Write) -> Result<Outcome> {
    if c.entries.is_empty() {
        return Ok(Outcome::NothingFound);
    }
    let labels: Vec<(String, usize)> = c
        .entries
        .iter()
        .map(|e| {
            let label = c.full_label(e);
            let cols = str_width(&label);
            (label, cols)
        })
        .collect();
    let label_cols = labels.iter().map(|&(_, cols)| cols).max().unwrap_or(0);
    // Each volume's name and width once (a volume holds many entries).
    let vol_names: Vec<(String, usize)> = c
        .volumes
        .iter()
        .map(|v| {
            // An unnumbered volume by its heading, when short (`本紀第三`).
            let name = v.number_name().unwrap_or_else(|| {
                let h = v.heading.trim();
                if h.chars().count() <= 8 {
                    h.to_owned()
                } else {
                    String::new()
                }
            });
            let cols = str_width(&name);
            (name, cols)
        })
        .collect();
    let vol_of = |e: &crate::model::Entry| {
        e.volume
            .and_then(|v| vol_names.get(v))
            .map_or(("", 0), |(n, w)| (n.as_str(), *w))
    };
    let vol_cols = c.entries.iter().map(|e| vol_of(e).1).max().unwrap_or(0);
    // One line is written a piece at a time into one buffer (no `format!` per line).
    let mut w = io::BufWriter::with_capacity(1 << 16, out);
    let mut digits = [0u8; 24];
    let mut words = String::new();
    for (e, (label, cols)) in c.entries.iter().zip(&labels) {
        // The reading view of this entry alone (markup never spans a line break between
        // two entries), so a big text is never copied whole; then its body.
        let view = c.reading_of(e.span);
        let body = &view.text()[view.to_reading(e.heading_end - e.span.start)..];
        if vol_cols > 0 {
            let (vol, cols) = vol_of(e);
            w.write_all(vol.as_bytes())?;
            spaces(&mut w, vol_cols.saturating_sub(cols) + 2)?;
        }
        let shown = sanitize(label);
        let cols = match shown {
            std::borrow::Cow::Borrowed(_) => *cols,
            std::borrow::Cow::Owned(ref s) => str_width(s),
        };
        w.write_all(shown.as_bytes())?;
        spaces(&mut w, label_cols.saturating_sub(cols) + 2)?;
        // `{:>5}` of the CE year (前403 for 403 BCE) and of the count: five characters.
        match e.ce {
            Some(ce) => {
                let n = decimal(&mut digits, ce.unsigned_abs().into());
                let chars = n.len() + usize::from(ce < 0);
                spaces(&mut w, 5usize.saturating_sub(chars))?;
                if ce < 0 {
                    w.write_all("前".as_bytes())?;
                }
                w.write_all(n.as_bytes())?;
            }
            None => w.write_all(b"    ?")?,
        }
        // A year the evidence leaves in doubt says so, as the reader's timeline does
        // (`245?`); `check` says why.
        let doubtful = e.ce.is_some() && !e.doubts.is_empty();
        w.write_all(if doubtful { b"? " } else { b"  " })?;
        // An empty year (only blanks and pause marks: `。`) is 0字, as the reader and
        // `check` count it.
        let chars = if crate::model::is_empty_body(body) {
            0
        } else {
            body_chars(body)
        };
        let n = decimal(&mut digits, chars as u64);
        spaces(&mut w, 5usize.saturating_sub(n.len()))?;
        w.write_all(n.as_bytes())?;
        w.write_all("字  ".as_bytes())?;
        write_first_words(&mut w, body, 40, &mut words)?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    Ok(Outcome::Found)
}

/// `n` blanks.
fn spaces(w: &mut impl Write, n: usize) -> io::Result<()> {
    const BLANKS: &[u8; 64] = &[b' '; 64];
    let mut left = n;
    while left > 0 {
        let k = left.min(BLANKS.len());
        w.write_all(&BLANKS[..k])?;
        left -= k;
    }
    Ok(())
}

/// `n` in decimal, written into `buf`.
fn decimal(buf: &mut [u8; 24], n: u64) -> &str {
    let mut k = buf.len();
    let mut v = n;
    loop {
        k -= 1;
        buf[k] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[k..]).unwrap_or("")
}

/// The first `cols` columns of a text, its paragraphs joined by a space, on one line.
#[cfg(test)]
fn first_words(text: &str, cols: usize) -> String {
    let mut s = String::new();
    let (shown, cut) = gather_first_words(text, cols, &mut s);
    let mut out = sanitize(&s[..shown]).into_owned();
    if cut {
        out.push('…');
    }
    out
}

/// The first `cols` columns of a text, its paragraphs joined by a space, on one line,
/// written to `w` (`buf` is working space).
fn write_first_words(
    w: &mut impl Write,
    text: &str,
    cols: usize,
    buf: &mut String,
) -> io::Result<()> {
    let (shown, cut) = gather_first_words(text, cols, buf);
    w.write_all(sanitize(&buf[..shown]).as_bytes())?;
    if cut {
        w.write_all("…".as_bytes())?;
    }
    Ok(())
}

/// The paragraphs of `text` joined by a space into `s`, as far as needed to fill `cols`
/// columns: how many of its bytes fit, and whether that is not all of it.
fn gather_first_words(text: &str, cols: usize, s: &mut String) -> (usize, bool) {
    // Gather paragraphs (joined by a space) a piece at a time until wider than `cols`:
    // measuring whole paragraphs would cost more than the rest of `list`.
    let piece = 4 * cols + 4;
    s.clear();
    // The part of `s` that fits, once `s` is wider than `cols`. (The longest prefix that
    // fits is shorter than the text exactly when the text is wider: measured so, only
    // the part shown and one grapheme more are measured.)
    let mut fits = None;
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
            let fit = crate::layout::prefix_fitting(s, cols).len();
            if fit < s.len() {
                fits = Some(fit);
                break 'paragraphs;
            }
        }
    }
    let shown = fits.unwrap_or_else(|| crate::layout::prefix_fitting(s, cols).len());
    (shown, shown < s.len())
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
