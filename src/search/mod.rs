//! Searching the text of an annal: folded (繁簡-insensitive), exact and regex queries.
//!
//! A [`Query`] is compiled once from the user's pattern and a [`Mode`], then run over any
//! number of haystacks with [`Query::find_iter`] / [`Query::count`]; while the user types,
//! [`Query::refine`] narrows the previous hits instead of rescanning. [`kwic()`] cuts a
//! keyword-in-context line around a hit for a results list.
//!
//! # Matching rules (folded and exact modes)
//!
//! - **Folded**: each pattern character matches any character of its class (see
//!   [`fold`]): 天庆 finds 天慶, 萧奉先 finds 蕭奉先, `ＡＢ` finds `AB`. The haystack is never
//!   folded; the pattern is expanded instead (into regex character classes).
//! - **Exact**: each pattern character matches only itself.
//! - **Line breaks**: text is wrapped into paragraphs, so between two consecutive pattern
//!   characters the haystack may hold one line break with the whitespace around it,
//!   `[ \t\u3000]*\r?\n[ \t\u3000]*` (trailing spaces, the newline, the next line's
//!   full-width indentation). Within a line the characters must be adjacent. This
//!   allowance is not made next to a pattern character that can itself match whitespace
//!   or a line break (space, tab, U+3000, `\r`, `\n`): a user who types whitespace spells
//!   the break out. With that rule a match starting at a given position is unique, so the
//!   hits (leftmost first, non-overlapping) do not depend on the engine that finds them.
//! - **Default-ignorable code points** (the Unicode property Default_Ignorable_Code_Point,
//!   see [`is_ignorable`]: variation selectors U+FE00–FE0F and U+E0100–E01EF, zero-width
//!   spaces and joiners, the soft hyphen, bidi marks, the byte order mark…) are folded away,
//!   in both modes: the pattern's own are dropped (a pattern made only of them is empty), and
//!   the haystack is matched as if its own were not there — between two pattern characters, on
//!   either side of a line break and inside it. So 葛氏 finds `葛\u{E0100}氏`. A hit starts
//!   at its first pattern character and ends after the ignorables that follow its last
//!   one, so it covers whole graphemes (`葛\u{E0100}` is highlighted as one character).
//!
//! Regex mode runs the user's pattern, in the `regex` crate's syntax, over the **folded
//! text**: a copy of the haystack with every character replaced by its class's
//! representative ([`fold::fold_char`]) and the default-ignorable characters left out, the
//! pattern's characters folded the same way. So `天庆` finds 天慶, and `葛氏` finds
//! `葛\u{E0100}氏`, as in folded mode; but line breaks are not skipped between characters
//! (write `\s*` for them). It runs in multi-line mode: `^` and `$` match at the start and
//! end of every line (before a `\r\n` too). Each match is mapped back to the haystack: it
//! starts at its first character and ends after its last one and the ignorables right
//! after it, so that no hit splits a character from its selector; a match that would start
//! inside such a widened hit is not reported. Zero-width matches are not reported either.
//!
//! # Engines
//!
//! Folded and exact patterns of 2 to 64 characters are expanded into a regex, with `I` for
//! the default-ignorables' class:
//! `天I*(?:[\t\x20\x{3000}I]*(?:\rI*)?\n[\t\x20\x{3000}I]*)?[庆慶]I*`, which keeps the
//! `regex` crate's literal prefilter and lazy DFA. One-character and longer patterns (and any
//! pattern whose regex would not compile) use a scanner instead: `memmem` finds each
//! occurrence of a variant of the first character and the rest of the pattern is verified
//! there, which is linear in practice; a pattern with more bytes than the haystack is
//! rejected at once. So any pattern is safe: megabytes long, only newlines or regex
//! metacharacters, NUL, emoji, a lone combining mark.

pub mod fold;
#[cfg(test)]
mod fold_classes;
mod ignorable;
mod kwic;
#[cfg(test)]
mod tests;

pub use ignorable::is_ignorable;
pub use kwic::{Kwic, context_window, kwic, kwic_spans};

use std::fmt::Write as _;
use std::ops::Range;

use memchr::memmem;
use regex::{Regex, RegexBuilder};

use crate::text::is_blank;
use ignorable::Ignorables;

/// Most characters a folded/exact pattern may have to be compiled to a regex. Longer
/// patterns use the scanning matcher: compiling costs about 13 µs a character (13 ms for
/// 1000) while a long pattern's occurrences of its first character are rejected after a
/// character or two anyway. One-character patterns use it too: there is nothing to
/// verify, and `memmem` reports frequent characters about twice as fast as a regex.
const MAX_REGEX_CHARS: usize = 64;
/// Compiled-program size limit for every regex built here, so compiling cannot blow up.
const REGEX_SIZE_LIMIT: usize = 4 << 20;
/// Cache limit of the regex engine's lazy DFA.
const REGEX_DFA_SIZE_LIMIT: usize = 8 << 20;
/// Longest pattern accepted in regex mode, in bytes.
const MAX_USER_REGEX_BYTES: usize = 64 << 10;

/// What the characters of a pattern match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// Each character matches any of its variants (traditional, simplified, regional,
    /// full-width/half-width); line breaks are allowed between characters.
    #[default]
    Folded,
    /// Each character matches only itself; line breaks are allowed between characters.
    Exact,
    /// The pattern is a regular expression in the `regex` crate's syntax, run over the
    /// folded text (variants folded, default-ignorables left out) in multi-line mode.
    Regex,
}

/// Why a pattern cannot be searched for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    /// The regex-mode pattern does not compile; the message is the `regex` crate's.
    #[error("invalid regular expression: {0}")]
    InvalidRegex(String),
    /// The regex-mode pattern is longer than the limit (in bytes).
    #[error("regular expression too long ({len} bytes; the limit is {limit})")]
    RegexTooLong {
        /// Length of the pattern, in bytes.
        len: usize,
        /// The most bytes accepted.
        limit: usize,
    },
}

/// A compiled search pattern.
#[derive(Debug, Clone)]
pub struct Query {
    pattern: String,
    mode: Mode,
    kind: Kind,
}

#[derive(Debug, Clone)]
enum Kind {
    Empty,
    Literal(Literal),
    Regex(Regex),
}

/// A folded or exact pattern: a sequence of character classes.
#[derive(Debug, Clone)]
struct Literal {
    /// What each pattern character matches (one character in exact mode). No class holds a
    /// default-ignorable character.
    classes: Vec<&'static [char]>,
    /// `gaps[i]`: a line break may separate the matches of characters `i - 1` and `i`.
    gaps: Vec<bool>,
    /// Fewest bytes a match can take.
    min_len: usize,
    /// The default-ignorable characters, skipped between and after pattern characters.
    ignorables: &'static Ignorables,
    engine: Engine,
}

#[derive(Debug, Clone)]
enum Engine {
    /// The pattern expanded into a regex (character classes, optional line breaks).
    Regex(Regex),
    /// One finder per variant of the first character; each occurrence is verified.
    Scan(Vec<memmem::Finder<'static>>),
}

/// Characters that can be part of a line break allowance.
fn is_gap_char(c: char) -> bool {
    is_blank(c) || c == '\r' || c == '\n'
}

/// The character starting at byte `pos`, with its length, if `pos` is inside `hay`.
#[inline]
fn char_at(hay: &str, pos: usize) -> Option<(char, usize)> {
    let c = hay.get(pos..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// First position at or after `pos` that is neither `[ \t\u3000]` nor a default-ignorable
/// character.
#[inline]
fn skip_ws(hay: &str, ign: &Ignorables, mut pos: usize) -> usize {
    let bytes = hay.as_bytes();
    loop {
        match bytes.get(pos) {
            Some(b' ' | b'\t') => pos += 1,
            Some(0xE3) if bytes.get(pos + 1..pos + 3) == Some(&[0x80, 0x80]) => pos += 3,
            _ => match ign.len_at(hay, pos) {
                0 => return pos,
                n => pos += n,
            },
        }
    }
}

/// Appends `c` to a regex so that it matches itself.
fn push_regex_char(re: &mut String, c: char) {
    if c.is_alphanumeric() {
        re.push(c);
    } else {
        let _ = write!(re, "\\x{{{:x}}}", c as u32);
    }
}

/// Between two pattern characters: default-ignorables (`I` below, the property's class).
/// Where a line break is allowed there too: `I*(?:[ \t\u3000I]*(?:\rI*)?\n[ \t\u3000I]*)?`,
/// which is the line-break allowance with ignorables anywhere in it.
fn push_separator(re: &mut String, gap: bool) {
    let i = ignorable::REGEX_CLASS;
    let _ = write!(re, "{i}*");
    if gap {
        let _ = write!(
            re,
            "(?:[\\t\\x20\\x{{3000}}{i}]*(?:\\r{i}*)?\\n[\\t\\x20\\x{{3000}}{i}]*)?"
        );
    }
}

impl Literal {
    /// Compiles `pattern`, which holds at least one character that is not default-ignorable
    /// (those are dropped); `use_regex: false` forces the scanning matcher (for tests).
    fn new(pattern: &str, folded: bool, use_regex: bool) -> Literal {
        let ignorables = ignorable::table();
        let classes: Vec<&'static [char]> = pattern
            .chars()
            .filter(|&c| !ignorables.contains(c))
            .map(|c| {
                if folded {
                    fold::variants(c)
                } else {
                    fold::singleton(c)
                }
            })
            .collect();
        let gappy: Vec<bool> = classes
            .iter()
            .map(|class| class.iter().any(|&c| is_gap_char(c)))
            .collect();
        let gaps = (0..classes.len())
            .map(|i| i > 0 && !gappy[i - 1] && !gappy[i])
            .collect();
        let min_len = classes
            .iter()
            .map(|class| class.iter().map(|c| c.len_utf8()).min().unwrap_or(1))
            .sum();
        let mut lit = Literal {
            classes,
            gaps,
            min_len,
            ignorables,
            engine: Engine::Scan(Vec::new()),
        };
        lit.engine = match if use_regex { lit.regex() } else { None } {
            Some(re) => Engine::Regex(re),
            None => Engine::Scan(
                lit.classes[0]
                    .iter()
                    .map(|c| {
                        memmem::Finder::new(c.encode_utf8(&mut [0; 4]).as_bytes()).into_owned()
                    })
                    .collect(),
            ),
        };
        lit
    }

    /// The pattern as a regex, unless it is too long for one.
    fn regex(&self) -> Option<Regex> {
        if self.classes.len() < 2 || self.classes.len() > MAX_REGEX_CHARS {
            return None;
        }
        let mut re = String::with_capacity(self.classes.len() * 160);
        for (i, class) in self.classes.iter().enumerate() {
            if i > 0 {
                push_separator(&mut re, self.gaps[i]);
            }
            if let [c] = class {
                push_regex_char(&mut re, *c);
            } else {
                re.push('[');
                for &c in class.iter() {
                    push_regex_char(&mut re, c);
                }
                re.push(']');
            }
        }
        // A hit ends after the ignorables that follow its last character.
        push_separator(&mut re, false);
        RegexBuilder::new(&re)
            .size_limit(REGEX_SIZE_LIMIT)
            .dfa_size_limit(REGEX_DFA_SIZE_LIMIT)
            .build()
            .ok()
    }

    /// End of the match starting at byte `start`, if there is one (there is at most one).
    fn match_at(&self, hay: &str, start: usize) -> Option<usize> {
        let bytes = hay.as_bytes();
        let ign = self.ignorables;
        let mut pos = start;
        for (i, class) in self.classes.iter().enumerate() {
            if i > 0 {
                pos = ign.skip(hay, pos);
            }
            let (c, len) = char_at(hay, pos)?;
            if class.contains(&c) {
                pos += len;
                continue;
            }
            if !self.gaps[i] {
                return None;
            }
            // `c` is not in the class, so it can only be the start of a line break (the
            // class holds no whitespace, so the break is read greedily, without choice).
            let mut p = skip_ws(hay, ign, pos);
            if bytes.get(p) == Some(&b'\r') {
                p = ign.skip(hay, p + 1);
            }
            if bytes.get(p) != Some(&b'\n') {
                return None;
            }
            p = skip_ws(hay, ign, p + 1);
            let (c, len) = char_at(hay, p)?;
            if !class.contains(&c) {
                return None;
            }
            pos = p + len;
        }
        Some(ign.skip(hay, pos))
    }
}

impl Query {
    /// Compiles `pattern` for `mode`.
    ///
    /// An empty pattern gives an empty query (no hits), never an error; so does a folded or
    /// exact pattern made only of default-ignorable characters. Folded and exact
    /// patterns of any length or content always compile; a regex-mode pattern fails with
    /// [`SearchError::InvalidRegex`] when the `regex` crate rejects it (bad syntax, or a
    /// compiled size over the limit) and [`SearchError::RegexTooLong`] past 64 KiB.
    pub fn new(pattern: &str, mode: Mode) -> Result<Query, SearchError> {
        let kind = if pattern.is_empty() {
            Kind::Empty
        } else {
            match mode {
                Mode::Folded | Mode::Exact if pattern.chars().all(is_ignorable) => Kind::Empty,
                Mode::Folded => Kind::Literal(Literal::new(pattern, true, true)),
                Mode::Exact => Kind::Literal(Literal::new(pattern, false, true)),
                Mode::Regex => {
                    if pattern.len() > MAX_USER_REGEX_BYTES {
                        return Err(SearchError::RegexTooLong {
                            len: pattern.len(),
                            limit: MAX_USER_REGEX_BYTES,
                        });
                    }
                    let folded: String = pattern
                        .chars()
                        .filter(|&c| !is_ignorable(c))
                        .map(fold::fold_char)
                        .collect();
                    let re = RegexBuilder::new(&folded)
                        .multi_line(true)
                        .crlf(true)
                        .size_limit(REGEX_SIZE_LIMIT)
                        .dfa_size_limit(REGEX_DFA_SIZE_LIMIT)
                        .build()
                        .map_err(|e| SearchError::InvalidRegex(e.to_string()))?;
                    Kind::Regex(re)
                }
            }
        };
        Ok(Query {
            pattern: pattern.to_owned(),
            mode,
            kind,
        })
    }

    /// Like [`Query::new`] for a folded or exact pattern, but always with the scanning
    /// matcher, so that tests can compare the two engines.
    #[cfg(test)]
    fn new_scanning(pattern: &str, mode: Mode) -> Query {
        assert!(mode != Mode::Regex);
        let kind = if pattern.chars().all(is_ignorable) {
            Kind::Empty
        } else {
            Kind::Literal(Literal::new(pattern, mode == Mode::Folded, false))
        };
        Query {
            pattern: pattern.to_owned(),
            mode,
            kind,
        }
    }

    /// The pattern this query was compiled from.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// The mode this query was compiled for.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Whether the query has nothing to look for (and so no hits): its pattern is empty, or
    /// in folded and exact mode made only of default-ignorable characters.
    pub fn is_empty(&self) -> bool {
        matches!(self.kind, Kind::Empty)
    }

    /// Whether no hit can hold ASCII punctuation (a backslash included): true of folded and
    /// exact patterns without any, whose hits are runs of pattern characters and line
    /// breaks. Such a query finds the same hits in a markdown source as in its reading
    /// view, which differs only by backslashes dropped before ASCII punctuation.
    pub fn avoids_ascii_punctuation(&self) -> bool {
        match &self.kind {
            Kind::Empty => true,
            Kind::Literal(lit) => lit
                .classes
                .iter()
                .all(|class| !class.iter().any(char::is_ascii_punctuation)),
            Kind::Regex(_) => false,
        }
    }

    /// The hits in `hay`, left to right and non-overlapping, as byte ranges on character
    /// boundaries. Each hit is non-empty.
    pub fn find_iter<'h>(&'h self, hay: &'h str) -> impl Iterator<Item = Range<usize>> + 'h {
        let inner = match &self.kind {
            Kind::Empty => Inner::Done,
            Kind::Regex(re) => Inner::Ranges(user_regex_hits(re, hay).into_iter()),
            Kind::Literal(lit) if hay.len() < lit.min_len => Inner::Done,
            Kind::Literal(lit) => match &lit.engine {
                Engine::Regex(re) => Inner::Regex(re.find_iter(hay)),
                Engine::Scan(finders) => Inner::Scan(Scan {
                    lit,
                    finders,
                    hay,
                    pos: 0,
                    next: vec![None; finders.len()],
                }),
            },
        };
        Hits { inner }
    }

    /// Number of hits in `hay` (what [`find_iter`](Query::find_iter) would yield).
    pub fn count(&self, hay: &str) -> usize {
        self.find_iter(hay).count()
    }

    /// Incremental search: the hits in `hay` of this query, given `previous`, the hits in
    /// the same `hay` of a query of the same mode whose pattern this one's starts with
    /// (the user typed more). Only the positions inside previous hits are re-checked,
    /// which is enough: every hit of the longer pattern starts where the shorter pattern
    /// matches, and each such position is either a previous hit's start or inside one.
    ///
    /// The result equals `find_iter(hay).collect()`. In regex mode (where a longer
    /// pattern need not match less), when `previous` is empty (it may come from the
    /// empty query, which has no hits) and when it has so many hits that re-checking them
    /// would be slower, this is a full search.
    pub fn refine(&self, hay: &str, previous: &[Range<usize>]) -> Vec<Range<usize>> {
        let lit = match &self.kind {
            // Re-checking costs ~20 ns a previous hit, a full search ~0.15 ns a byte: when
            // the previous query was a very frequent character, searching again is faster.
            Kind::Literal(lit)
                if !previous.is_empty() && previous.len() <= 1024 + hay.len() / 128 =>
            {
                lit
            }
            _ => return self.find_iter(hay).collect(),
        };
        let mut sorted;
        let mut previous = previous;
        if !previous.is_sorted_by_key(|r| r.start) {
            sorted = previous.to_vec();
            sorted.sort_unstable_by_key(|r| r.start);
            previous = &sorted;
        }
        let mut hits = Vec::new();
        let mut done = 0; // no new hit may start before this
        for r in previous {
            let end = r.end.min(hay.len());
            let mut pos = r.start.max(done);
            while pos < end {
                match char_at(hay, pos) {
                    None => pos += 1, // not a character boundary
                    Some((_, len)) => match lit.match_at(hay, pos) {
                        Some(e) => {
                            hits.push(pos..e);
                            done = e;
                            pos = e;
                        }
                        None => pos += len,
                    },
                }
            }
        }
        hits
    }
}

/// The iterator behind [`Query::find_iter`].
struct Hits<'h> {
    inner: Inner<'h>,
}

enum Inner<'h> {
    Done,
    /// A folded or exact pattern's regex.
    Regex(regex::Matches<'h, 'h>),
    /// A regex-mode pattern's hits, found in the folded text and mapped back.
    Ranges(std::vec::IntoIter<Range<usize>>),
    Scan(Scan<'h>),
}

impl Iterator for Hits<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        match &mut self.inner {
            Inner::Done => None,
            // Zero-width regex matches are skipped; the other engines never produce them.
            Inner::Regex(matches) => matches.find(|m| !m.is_empty()).map(|m| m.range()),
            Inner::Ranges(hits) => hits.next(),
            Inner::Scan(scan) => scan.next(),
        }
    }
}

/// The hits of a regex-mode pattern in `hay`: its matches in the folded text, mapped back
/// and widened over the ignorables after them (see the module documentation).
fn user_regex_hits(re: &Regex, hay: &str) -> Vec<Range<usize>> {
    let folded = FoldedText::of(hay);
    let ignorables = ignorable::table();
    let mut hits = Vec::new();
    let mut end = 0;
    for m in re.find_iter(&folded.text) {
        if m.is_empty() {
            continue;
        }
        let start = folded.source_start(m.start());
        if start < end {
            continue;
        }
        end = ignorables.skip(hay, folded.source_end(m.end()));
        hits.push(start..end);
    }
    hits
}

/// A haystack folded for regex mode: each character replaced by [`fold::fold_char`], the
/// default-ignorable ones left out, with the map back to the haystack's offsets.
pub struct FoldedText {
    /// The folded text.
    pub text: String,
    /// Runs of the folded text, in order: where each starts in the folded text and in the
    /// haystack, and its length in each. A run either has the same length in both (its
    /// characters kept their UTF-8 length, byte for byte) or is one character.
    runs: Vec<Run>,
}

#[derive(Debug, Clone, Copy)]
struct Run {
    folded: usize,
    source: usize,
    folded_len: usize,
    source_len: usize,
}

impl FoldedText {
    /// Folds `hay`. One pass; the map holds one run per stretch of characters whose
    /// folding keeps their length with no ignorable between them.
    pub fn of(hay: &str) -> FoldedText {
        let ignorables = ignorable::table();
        let mut text = String::with_capacity(hay.len());
        let mut runs: Vec<Run> = Vec::new();
        for (at, c) in hay.char_indices() {
            let f = if c.is_ascii() {
                c
            } else if ignorables.contains(c) {
                continue;
            } else {
                fold::fold_char(c)
            };
            let folded = text.len();
            text.push(f);
            let (flen, slen) = (f.len_utf8(), c.len_utf8());
            match runs.last_mut() {
                Some(r)
                    if flen == slen
                        && r.folded_len == r.source_len
                        && r.folded + r.folded_len == folded
                        && r.source + r.source_len == at =>
                {
                    r.folded_len += flen;
                    r.source_len += slen;
                }
                _ => runs.push(Run {
                    folded,
                    source: at,
                    folded_len: flen,
                    source_len: slen,
                }),
            }
        }
        FoldedText { text, runs }
    }

    /// The haystack offset of the character at folded offset `at` (a character boundary
    /// of [`FoldedText::text`]); the haystack's length past the end.
    pub fn source_start(&self, at: usize) -> usize {
        let i = self.runs.partition_point(|r| r.folded <= at);
        let Some(r) = i.checked_sub(1).map(|i| self.runs[i]) else {
            return 0;
        };
        if at >= r.folded + r.folded_len {
            return r.source + r.source_len;
        }
        if r.folded_len == r.source_len {
            r.source + (at - r.folded)
        } else {
            r.source
        }
    }

    /// The haystack offset just after the character that ends at folded offset `at` (a
    /// character boundary); 0 for 0.
    pub fn source_end(&self, at: usize) -> usize {
        let i = self.runs.partition_point(|r| r.folded < at);
        let Some(r) = i.checked_sub(1).map(|i| self.runs[i]) else {
            return 0;
        };
        if r.folded_len == r.source_len {
            r.source + (at - r.folded).min(r.source_len)
        } else {
            r.source + r.source_len
        }
    }
}

/// The scanning matcher: finds each occurrence of a variant of the first pattern
/// character with `memmem`, then verifies the rest of the pattern there.
struct Scan<'h> {
    lit: &'h Literal,
    finders: &'h [memmem::Finder<'static>],
    hay: &'h str,
    /// Where the search resumes.
    pos: usize,
    /// Per finder, its next occurrence at or after some earlier `pos`
    /// (`Some(usize::MAX)` when there is none left), or `None` before the first search.
    next: Vec<Option<usize>>,
}

impl Iterator for Scan<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let bytes = self.hay.as_bytes();
        loop {
            let mut best = usize::MAX;
            for (finder, next) in self.finders.iter().zip(self.next.iter_mut()) {
                let at = match *next {
                    Some(at) if at >= self.pos => at,
                    _ => finder
                        .find(&bytes[self.pos.min(bytes.len())..])
                        .map_or(usize::MAX, |i| self.pos + i),
                };
                *next = Some(at);
                best = best.min(at);
            }
            if best == usize::MAX {
                self.pos = bytes.len();
                return None;
            }
            match self.lit.match_at(self.hay, best) {
                Some(end) => {
                    self.pos = end;
                    return Some(best..end);
                }
                None => self.pos = best + char_at(self.hay, best).map_or(1, |(_, len)| len),
            }
        }
    }
}
