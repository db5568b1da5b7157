//! `annals list`: one line per reign-year entry — label, CE year (`?` after a doubtful one),
//! length, first words.

use std::borrow::Cow;
use std::io::{self, Write};

use anyhow::Result;

use super::{Outcome, body_chars};
use crate::layout::width::{simple_str_width, simple_width};
use crate::layout::{sanitize, str_width};
use crate::model::{Chronicle, Span};

/// Bytes gathered before they are written out (whole lines).
const FLUSH_AT: usize = 1 << 16;

/// `annals list`: one line per entry.
///
/// What it writes is safe for a terminal as it is: everything taken from the text (labels,
/// volume names, first words) is shown by the placeholder rule, so the output needs no
/// filter ([`super::Placeholders`] would leave it unchanged; a test checks so on text
/// full of controls).
pub fn list(c: &Chronicle, out: &mut dyn Write) -> Result<Outcome> {
    list_in(c, out, true)
}

/// [`list`], on two threads when `parallel` and the list is long.
fn list_in(c: &Chronicle, out: &mut dyn Write, parallel: bool) -> Result<Outcome> {
    if c.entries.is_empty() {
        return Ok(Outcome::NothingFound);
    }
    // Every label, end to end in one string: each one's end, its width, and whether it is
    // made of simple characters only (most are), which are shown as they are.
    let mut labels = String::with_capacity(c.entries.len() * 16);
    let mut label_ends: Vec<(usize, usize, bool)> = Vec::with_capacity(c.entries.len());
    for e in &c.entries {
        let from = labels.len();
        c.push_full_label(e, &mut labels);
        let label = &labels[from..];
        let (cols, simple) = match simple_str_width(label) {
            Some(cols) => (cols, true),
            None => (str_width(label), false),
        };
        label_ends.push((labels.len(), cols, simple));
    }
    let label_cols = label_ends
        .iter()
        .map(|&(_, cols, _)| cols)
        .max()
        .unwrap_or(0);
    // Each volume's name, as shown, and its width once (a volume holds many entries).
    let mut vol_names: Vec<(Vec<u8>, usize)> = Vec::with_capacity(c.volumes.len());
    for v in &c.volumes {
        // An unnumbered volume by its heading, when short (`本紀第三`), or by its part
        // before a blank (`本纪一` of `本纪一  太祖本纪`).
        let name = v.number_name().unwrap_or_else(|| {
            let h = v.heading.trim();
            let first = h.split(crate::text::is_blank).next().unwrap_or(h);
            [h, first]
                .into_iter()
                .find(|s| s.chars().count() <= 8)
                .unwrap_or_default()
                .to_owned()
        });
        let cols = str_width(&name);
        let mut shown = Vec::with_capacity(name.len());
        super::safe::write_shown(&mut shown, &name)?;
        vol_names.push((shown, cols));
    }
    let vol_of = |e: &crate::model::Entry| {
        e.volume
            .and_then(|v| vol_names.get(v))
            .map_or((&[][..], 0), |(n, w)| (n.as_slice(), *w))
    };
    let vol_cols = c.entries.iter().map(|e| vol_of(e).1).max().unwrap_or(0);
    let lines = Lines {
        c,
        labels: &labels,
        label_ends: &label_ends,
        label_cols,
        vol_of: &vol_of,
        vol_cols,
    };
    let n = c.entries.len();
    let two = parallel
        && n >= PARALLEL_FROM
        && std::thread::available_parallelism().is_ok_and(|p| p.get() > 1);
    if !two {
        lines.write(0..n, out)?;
        out.flush()?;
        return Ok(Outcome::Found);
    }
    // A long list in two halves at once: the second written into memory on another thread
    // while the first goes out, then the second after it.
    let mid = n / 2;
    std::thread::scope(|s| -> Result<()> {
        let other = std::thread::Builder::new()
            .spawn_scoped(s, || {
                let mut second = Vec::new();
                lines.write(mid..n, &mut second).map(|()| second)
            })
            .ok();
        lines.write(0..mid, out)?;
        // A thread that could not start (or panicked) is done here.
        match other.and_then(|h| h.join().ok()) {
            Some(second) => out.write_all(&second?)?,
            None => lines.write(mid..n, out)?,
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(Outcome::Found)
}

/// Lists of at least this many entries are written by two threads.
const PARALLEL_FROM: usize = 4096;

/// What every line of the list needs: the labels end to end (each one's end, width and
/// whether it is simple), the widest label, each entry's volume name and the widest one.
struct Lines<'a> {
    c: &'a Chronicle,
    labels: &'a str,
    label_ends: &'a [(usize, usize, bool)],
    label_cols: usize,
    vol_of: &'a (dyn Fn(&crate::model::Entry) -> (&'a [u8], usize) + Sync),
    vol_cols: usize,
}

impl Lines<'_> {
    /// The lines of the entries `range` (indices), written to `out` by whole lines.
    fn write(&self, range: std::ops::Range<usize>, out: &mut dyn Write) -> Result<()> {
        let Lines {
            c,
            labels,
            label_ends,
            label_cols,
            vol_of,
            vol_cols,
        } = *self;
        // Lines are written a piece at a time into one buffer (no `format!` per line),
        // which goes out by whole lines.
        let mut w: Vec<u8> = Vec::with_capacity(FLUSH_AT + 4096);
        let mut digits = [0u8; 24];
        let mut words = String::new();
        let mut from = range.start.checked_sub(1).map_or(0, |i| label_ends[i].0);
        for (e, &(end, cols, simple)) in c.entries[range.clone()].iter().zip(&label_ends[range]) {
            let label = &labels[from..end];
            from = end;
            // The reading view of this entry alone (markup never spans a line break between
            // two entries), so a big text is never copied whole; then its body.
            let view = c.reading_of(e.span);
            let body = &view.text()[view.to_reading(e.heading_end - e.span.start)..];
            // (Not the pause after a heading that opens a sentence: `汉二年，汉王东略地`.)
            let body = body.trim_start_matches(['，', '、', '：', '；', ',', ':']);
            if vol_cols > 0 {
                let (vol, cols) = vol_of(e);
                w.extend_from_slice(vol);
                spaces(&mut w, vol_cols.saturating_sub(cols) + 2);
            }
            let (shown, cols) = if simple {
                (Cow::Borrowed(label), cols)
            } else {
                match sanitize(label) {
                    Cow::Borrowed(s) => (Cow::Borrowed(s), cols),
                    Cow::Owned(s) => {
                        let cols = str_width(&s);
                        (Cow::Owned(s), cols)
                    }
                }
            };
            w.extend_from_slice(shown.as_bytes());
            spaces(&mut w, label_cols.saturating_sub(cols) + 2);
            // `{:>5}` of the CE year (前403 for 403 BCE) and of the count: five characters.
            match e.ce {
                Some(ce) => {
                    let n = decimal(&mut digits, ce.unsigned_abs().into());
                    let chars = n.len() + usize::from(ce < 0);
                    spaces(&mut w, 5usize.saturating_sub(chars));
                    if ce < 0 {
                        w.extend_from_slice("前".as_bytes());
                    }
                    w.extend_from_slice(n);
                }
                None => w.extend_from_slice(b"    ?"),
            }
            // A year the evidence leaves in doubt says so, as the reader's timeline does
            // (`245?`); `check` says why.
            let doubtful = e.ce.is_some() && !e.doubts.is_empty();
            w.extend_from_slice(if doubtful { b"? " } else { b"  " });
            // An empty year (only blanks and pause marks: `。`) is 0字, as the reader and
            // `check` count it.
            let chars = if crate::model::is_empty_body(body) {
                0
            } else {
                body_chars(body)
            };
            let n = decimal(&mut digits, chars as u64);
            spaces(&mut w, 5usize.saturating_sub(n.len()));
            w.extend_from_slice(n);
            w.extend_from_slice("字  ".as_bytes());
            match simple_first_words(body, 40, &mut words) {
                Some(cut) => {
                    w.extend_from_slice(words.as_bytes());
                    if cut {
                        w.extend_from_slice("…".as_bytes());
                    }
                }
                None => write_first_words(&mut w, body, 40, &mut words)?,
            }
            w.push(b'\n');
            if w.len() >= FLUSH_AT {
                out.write_all(&w)?;
                w.clear();
            }
        }
        out.write_all(&w)?;
        Ok(())
    }
}

/// `n` blanks.
fn spaces(w: &mut Vec<u8>, n: usize) {
    w.resize(w.len() + n, b' ');
}

/// `n` in decimal, written into `buf`.
fn decimal(buf: &mut [u8; 24], n: u64) -> &[u8] {
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
    &buf[k..]
}

/// The first `cols` columns of a text, its paragraphs joined by a space, into `s`, when
/// every character up to where they stop is of simple width (each its own grapheme,
/// shown as it is, [`simple_width`]): whether that is not all of the text. `None`, with
/// `s` of no use, at the first other character: [`write_first_words`] measures such a
/// text by graphemes. The two agree where both apply (as `prefix_fitting`'s fast path
/// agrees with its grapheme path): the first character that does not fit starts a
/// grapheme at least as wide as itself.
fn simple_first_words(text: &str, cols: usize, s: &mut String) -> Option<bool> {
    s.clear();
    let mut used = 0;
    for p in crate::model::paragraphs(text, Span::new(0, text.len())) {
        if !s.is_empty() {
            if used + 1 > cols {
                return Some(true);
            }
            s.push(' ');
            used += 1;
        }
        let para = &text[p.range()];
        for (i, c) in para.char_indices() {
            let w = simple_width(c)?;
            if used + w > cols {
                s.push_str(&para[..i]);
                return Some(true);
            }
            used += w;
        }
        s.push_str(para);
    }
    Some(false)
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
    use crate::layout::width::is_bidi_control;
    use proptest::prelude::*;

    /// What a terminal could obey or be misled by: controls but the line feed, and bidi
    /// controls (the filter's rule, [`super::super::Placeholders`]).
    fn assert_safe(out: &[u8]) {
        let text = std::str::from_utf8(out).expect("UTF-8");
        assert!(
            !text
                .chars()
                .any(|c| c != '\n' && (c.is_control() || is_bidi_control(c))),
            "{text:?}"
        );
        let mut filtered = Vec::new();
        super::super::Placeholders::new(&mut filtered)
            .write_all(out)
            .unwrap();
        assert_eq!(filtered, out);
    }

    /// Controls, bidi controls, hidden characters and line ends of every kind.
    const HOSTILE: [&str; 14] = [
        "\x1b[31m",
        "\x1b]0;PWNED\x07",
        "\x07",
        "\u{9b}2J",
        "\u{202e}",
        "\u{2066}",
        "\u{7f}",
        "\u{200b}",
        "\r",
        "\t",
        "\x00",
        "\u{61c}",
        "\u{85}",
        "\u{200d}\u{301}",
    ];

    fn hostile_book() -> String {
        let mut text = String::from("契丹國志\x1b[2J\n");
        for (i, bad) in HOSTILE.iter().enumerate() {
            let n = crate::model::chinese_number(i as u32 + 1);
            text.push_str(&format!("契丹國志卷之{n}{bad}\n"));
            text.push_str(&format!("乾統{n}年。{bad}春正月{bad}，有流星燭地。\n"));
            text.push_str(&format!("{bad}夏四月{bad}朔，日食。\n\n{bad}\n秋七月。\n"));
        }
        text
    }

    /// `list` needs no filter on its output: text full of controls in its volume
    /// headings, labels and bodies comes out with placeholders only.
    #[test]
    fn output_is_safe_for_a_terminal() {
        let c = Chronicle::parse_lazy(hostile_book());
        let mut out = Vec::new();
        assert_eq!(list(&c, &mut out).unwrap(), Outcome::Found);
        let text = String::from_utf8(out.clone()).unwrap();
        assert!(text.lines().count() >= HOSTILE.len(), "{text}");
        assert!(text.contains('␛') && text.contains('␇'), "{text}");
        assert_safe(&out);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// The same with the hostile pieces anywhere in a real text.
        #[test]
        fn output_is_safe_wherever_controls_are(
            at in proptest::collection::vec((any::<proptest::sample::Index>(), 0..HOSTILE.len()), 1..24)
        ) {
            let mut text = format!("{}{}", hostile_book(), crate::model::EMBEDDED_TEXT);
            for (i, k) in at {
                let mut pos = i.index(text.len() + 1);
                while !text.is_char_boundary(pos) {
                    pos -= 1;
                }
                text.insert_str(pos, HOSTILE[k]);
            }
            let c = Chronicle::parse_lazy(text);
            let mut out = Vec::new();
            list(&c, &mut out).unwrap();
            assert_safe(&out);
        }
    }

    /// A long list written by two threads is the list one thread writes.
    #[test]
    fn two_threads_write_what_one_writes() {
        let book = include_str!("../../tests/fixtures/books/qidan-guozhi-full.md");
        let c = Chronicle::parse_lazy(book.repeat(20));
        assert!(c.entries.len() >= PARALLEL_FROM);
        let (mut one, mut two) = (Vec::new(), Vec::new());
        list_in(&c, &mut one, false).unwrap();
        list_in(&c, &mut two, true).unwrap();
        assert_eq!(one.iter().filter(|&&b| b == b'\n').count(), c.entries.len());
        assert!(one == two);
    }

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
