//! The command line: the arguments ([`Cli`]) and the scriptable commands — `list`,
//! `show`, `search`, `export --json`, `check`, `date` — one module each. A command reads the model
//! and writes to any `Write`, so tests can run it without a process; it returns how it
//! ended ([`Outcome`]) or an error, and prints nothing else: the binary reports errors and
//! chooses the exit status. No terminal code lives here.

use crate::layout::str_width;
use crate::model::query::QueryError;

mod args;
mod check;
mod date;
mod export;
mod list;
mod safe;
mod search;
mod show;

pub use args::{Cli, Command, FileArg};
pub use check::check;
pub use date::{DateNotFound, DateOptions, date, date_words};
pub use export::export_json;
pub use list::list;
pub use safe::Placeholders;
pub use search::{HitRecord, SearchOptions, search, search_count};
pub use show::{show, show_both, show_cite};

/// How a command ended: exit status 0 or 1 (2 is an error, returned as `Err`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Something was found (exit 0).
    Found,
    /// Nothing was found (exit 1, grep's convention).
    NothingFound,
}

/// `annals show` found no entry for the year asked: nothing found (exit 1, like a search
/// that finds nothing), with something to say — why, and where else the text names the
/// year.
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
pub struct YearNotFound {
    /// Why: no entry for that year, and the years the text covers.
    pub error: QueryError,
    /// The dated passages that name the year, one line each
    /// (`淳熙七年 (1180) is a dated passage in 序, line 22`).
    pub passages: Vec<String>,
}

/// `s` padded with spaces to `cols` display columns.
pub(crate) fn pad(s: &str, cols: usize) -> String {
    let w = str_width(s);
    format!("{s}{}", " ".repeat(cols.saturating_sub(w)))
}

/// Characters of text in an entry's body as the reader shows it (blanks not counted):
/// `body.chars().filter(|c| !c.is_whitespace()).count()`, counted by bytes. Every
/// character has one byte that is not a continuation byte; a blank is told by that byte
/// and the two after it: the ASCII blanks are single bytes, U+3000 (E3 80 80, common in
/// Chinese text) is counted in the same pass, and the others, rare, are found by their
/// lead byte: U+0085 and U+00A0 (C2 85, C2 A0), U+1680 (E1 9A 80), U+2000–U+200A (E2 80
/// 80–8A), U+2028, U+2029, U+202F (E2 80 A8, A9, AF) and U+205F (E2 81 9F).
pub(crate) fn body_chars(body: &str) -> usize {
    /// Bytes looked at together, with byte-sized counters.
    const RUN: usize = 240;
    /// The characters in a run of `RUN` bytes `a` that are not ASCII blanks or U+3000
    /// (`b` and `c` are the bytes one and two after): `RUN` less its continuation bytes
    /// and those blanks. Branch-free, so the compiler vectorises it.
    fn counted(a: &[u8], b: &[u8], c: &[u8]) -> usize {
        let t = u8::from;
        let not_counted =
            a[..RUN]
                .iter()
                .zip(&b[..RUN])
                .zip(&c[..RUN])
                .fold(0u8, |acc, ((&a, &b), &c)| {
                    // 0x80 to 0xBF, as signed bytes below -64.
                    let continuation = t((a as i8) < -64);
                    let ascii = t(a == b' ') | t(a.wrapping_sub(b'\t') < 5);
                    let ideographic = t(a == 0xE3) & t(b == 0x80) & t(c == 0x80);
                    acc.wrapping_add(continuation | ascii | ideographic)
                });
        RUN - usize::from(not_counted)
    }
    let bytes = body.as_bytes();
    let n = bytes.len();
    let mut chars = 0;
    let mut start = 0;
    while start + RUN + 2 <= n {
        chars += counted(&bytes[start..], &bytes[start + 1..], &bytes[start + 2..]);
        start += RUN;
    }
    // The rest (at most `RUN + 1` bytes) in a copy padded with continuation bytes, which
    // are not counted and cannot complete a U+3000: the text is UTF-8, so the bytes of
    // its last character are all in it.
    let mut tail = [0x80u8; 2 * RUN + 2];
    tail[..n - start].copy_from_slice(&bytes[start..]);
    chars += counted(&tail, &tail[1..], &tail[2..]);
    if n - start > RUN {
        chars += counted(&tail[RUN..], &tail[RUN + 1..], &tail[RUN + 2..]);
    }
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let other_blanks = memchr::memchr3_iter(0xC2, 0xE1, 0xE2, bytes)
        .filter(|&i| {
            let (b, c) = (at(i + 1), at(i + 2));
            match bytes[i] {
                0xC2 => b == 0x85 || b == 0xA0,
                0xE1 => b == 0x9A && c == 0x80,
                _ => {
                    (b == 0x80 && (c <= 0x8A || matches!(c, 0xA8 | 0xA9 | 0xAF)))
                        || (b == 0x81 && c == 0x9F)
                }
            }
        })
        .count();
    chars - other_blanks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_chars_counts_like_chars_filter() {
        let mut blanks: String = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        blanks.push_str("天慶。，、「」『』…—“”　\u{85}\u{a0}é𣈆😀\r\n ");
        let samples = [
            String::new(),
            blanks.clone(),
            crate::model::EMBEDDED_TEXT.to_owned(),
            format!("{blanks}乾統{blanks}元年"),
            // Across the runs of 240 bytes.
            format!("{blanks}乾統　{blanks}").repeat(9),
        ];
        for s in &samples {
            let naive = s.chars().filter(|c| !c.is_whitespace()).count();
            assert_eq!(body_chars(s), naive, "{s:?}");
            for (i, _) in s.char_indices() {
                let part = &s[i..];
                assert_eq!(
                    body_chars(part),
                    part.chars().filter(|c| !c.is_whitespace()).count()
                );
            }
        }
    }
}
