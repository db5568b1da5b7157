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
/// character has one byte that is not a continuation byte; ASCII blanks are single
/// bytes; the other blanks (U+0085, U+00A0, U+1680, U+2000..U+205F, U+3000) start with
/// C2, E1, E2 or E3: only characters led by C2 and E2 are decoded, the two led by E1 and
/// E3 are counted as strings.
pub(crate) fn body_chars(body: &str) -> usize {
    let bytes = body.as_bytes();
    // Byte-sized counters over runs of 240 bytes: the compiler vectorises the loop.
    let (mut chars, mut ascii_blanks) = (0usize, 0usize);
    for run in bytes.chunks(240) {
        let (mut c, mut b) = (0u8, 0u8);
        for &x in run {
            c += u8::from((x & 0xC0) != 0x80);
            b += u8::from((x == b' ') | (x.wrapping_sub(b'\t') < 5));
        }
        chars += usize::from(c);
        ascii_blanks += usize::from(b);
    }
    let mut other_blanks = 0;
    let mut from = 0;
    while let Some(at) = memchr::memchr2(0xC2, 0xE2, &bytes[from..]) {
        let c = body[from + at..]
            .chars()
            .next()
            .expect("a lead byte starts a char");
        other_blanks += usize::from(c.is_whitespace());
        from += at + 1;
    }
    // The only blanks led by E1 and E3: U+1680 (E1 9A 80), found by its lead byte (rare in
    // Chinese text), and U+3000 (E3 80 80), by its two continuation bytes, which few other
    // characters have (CJK punctuation starts with E3 80: a search for that would stop
    // at every 。 and ，).
    other_blanks += memchr::memchr_iter(0xE1, bytes)
        .filter(|&at| bytes[at..].starts_with(b"\xE1\x9A\x80"))
        .count();
    static IDEOGRAPHIC_TAIL: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"\x80\x80"));
    other_blanks += IDEOGRAPHIC_TAIL
        .find_iter(bytes)
        .filter(|&at| at > 0 && bytes[at - 1] == 0xE3)
        .count();
    chars - ascii_blanks - other_blanks
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
