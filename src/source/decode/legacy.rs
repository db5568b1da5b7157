//! GB18030 or Big5? The two legacy encodings a Chinese text is written in (GBK and GB2312
//! are read as their superset GB18030). Encodings of other languages (Shift_JIS, EUC-KR,
//! windows-1252 …) are never guessed: a text in one of them is named with `--encoding`.
//!
//! Most GB18030 byte sequences are valid Big5 and the other way round, so whether a text
//! decodes is not enough. Each candidate that decodes (the first 64 KiB of the text, then
//! the whole of the winner) is scored by how much it reads like an annal ([`score`]): a
//! character of an era name counts most, then one of the embedded 契丹國志 (both compared
//! with 繁簡 folded), then any other common ideograph; punctuation counts a little; kana,
//! hangul, symbols and private-use characters — what one encoding's bytes become in the
//! other — count against. So `統和元年` in GB18030 reads as 統和元年, not as Big5's
//! 緙睿啋爛; `乾統` in Big5 as 乾統, not as GB18030's 爱参; `中` in Big5 as 中, not as
//! GB18030's い. A tie goes to GB18030. A lead of a few characters only is a weak guess,
//! which the caller reports with the way to force the other encoding.

use std::collections::HashSet;
use std::sync::OnceLock;

use encoding_rs::{BIG5, Encoding, GB18030};

use super::{decode_lossy, decode_strict, first_c1};
use crate::model::{EMBEDDED_TEXT, EraTable};
use crate::search::fold::fold_char;

/// The candidates, in the order that breaks a tie: GB18030 first.
const CANDIDATES: [&Encoding; 2] = [GB18030, BIG5];
/// Bytes read to choose between the candidates.
const SAMPLE: usize = 64 * 1024;
/// A lead of fewer points than this is a weak guess: about four characters of an annal.
pub(super) const WEAK_LEAD: i64 = 12;
/// Characters outside ASCII that must read well around a few bad bytes for the text to
/// be taken as damaged in that encoding, rather than in none of them.
const DAMAGED_AFTER: i64 = 8;
/// At most one bad sequence in this many characters outside ASCII (or one in 4 KiB, if
/// that is more) for a text to be taken as damaged in an encoding.
const DAMAGED_RATIO: i64 = 32;
/// The least mean score, per character outside ASCII, of a reading taken for Chinese, in
/// halves: 1.5. Texts score about 3 (a preface of 1,100 characters, the first 60 KB of
/// 新唐書 and 元史 in GB18030 and Big5, 契丹國志 in simplified characters: 2.8 to 3.1);
/// random bytes 0.7 to 1; one encoding's text read in the other, below 0.
const PLAUSIBLE_HALVES: i64 = 3;

/// The encoding chosen, and the text decoded in it.
pub(super) struct Choice {
    /// The winner.
    pub encoding: &'static Encoding,
    /// The whole text, decoded strictly in it.
    pub text: String,
    /// The other candidate, when it read the text almost as well: the guess is weak.
    pub rival: Option<&'static Encoding>,
    /// How much the sample reads like an annal ([`Reading::score`]).
    pub score: i64,
}

/// Why no candidate was chosen.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Failure {
    /// The text is in `encoding` (it reads well in it) but has a few bytes it does not
    /// define: the caller decodes it with U+FFFD for them, and says so.
    Damaged {
        /// The encoding the text reads well in, but for its bad bytes.
        encoding: &'static Encoding,
    },
    /// No candidate reads the text as Chinese.
    Unrecognized,
}

/// Choose between GB18030 and Big5 for `bytes` (not UTF-8), and decode them.
pub(super) fn choose(bytes: &[u8]) -> Result<Choice, Failure> {
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let whole = sample.len() == bytes.len();
    // Each candidate's reading of the sample, if it decodes.
    let mut readings: Vec<(&'static Encoding, Reading)> = CANDIDATES
        .iter()
        .filter_map(|&e| Some((e, Reading::of(strict(sample, e, whole).ok()?, e))))
        .collect();
    // The best first; a stable sort keeps GB18030 first on a tie.
    readings.sort_by_key(|(_, r)| std::cmp::Reverse(r.score));
    for (k, (encoding, reading)) in readings.iter().enumerate() {
        if !reading.plausible() {
            continue;
        }
        let text = if whole {
            Ok(reading.text.clone())
        } else {
            strict(bytes, encoding, true)
        };
        let Ok(text) = text else { continue };
        // Another reading nearly as good (plausible or not) makes the guess weak.
        let rival = readings[k + 1..]
            .iter()
            .find(|(_, r)| reading.score - r.score < WEAK_LEAD)
            .map(|&(e, _)| e);
        return Ok(Choice {
            encoding,
            text,
            rival,
            score: reading.score,
        });
    }
    // Nothing fits. If a candidate reads well but for a few bad bytes (at most one in
    // 32 characters outside ASCII, or in 4 KiB), the text is in it and damaged (the one
    // with fewer bad bytes, if both do); otherwise it is in none of them.
    CANDIDATES
        .iter()
        .filter_map(|&encoding| {
            let lossy = decode_lossy(bytes, encoding);
            let bad = lossy.damage.bad;
            let reading = Reading::of(lossy.text, encoding);
            let allowed =
                (bytes.len().div_ceil(4096) as i64).max(reading.non_ascii / DAMAGED_RATIO);
            let damaged =
                bad as i64 <= allowed && reading.non_ascii >= DAMAGED_AFTER && reading.plausible();
            damaged.then_some((bad, encoding))
        })
        .min_by_key(|&(bad, _)| bad)
        .map_or(Err(Failure::Unrecognized), |(_, encoding)| {
            Err(Failure::Damaged { encoding })
        })
}

/// How much `text`, read out of bytes in `encoding`, reads like an annal: its score and
/// its number of characters outside ASCII (see [`score`]).
pub(super) fn annal_score(text: &str, encoding: &'static Encoding) -> (i64, i64) {
    let r = Reading::of_str(text, encoding);
    (r.0, r.1)
}

/// Whether a score of `score` over `non_ascii` characters outside ASCII reads as Chinese
/// at all: a mean of at least [`PLAUSIBLE_HALVES`] halves a character.
pub(super) fn is_plausible(score: i64, non_ascii: i64) -> bool {
    non_ascii > 0 && 2 * score >= PLAUSIBLE_HALVES * non_ascii
}

/// `bytes` decoded strictly in `encoding`: malformed sequences and C1 controls (which only
/// come out of bytes the encoding leaves undefined) are errors at the offset of the first
/// bad byte. With `last` false, a sequence cut short at the end is left out.
fn strict(bytes: &[u8], encoding: &'static Encoding, last: bool) -> Result<String, usize> {
    let text = decode_strict(bytes, encoding, last)?;
    match first_c1(&text, bytes, encoding) {
        Some(offset) => Err(offset),
        None => Ok(text),
    }
}

/// A candidate's reading of the text: the text and its score.
struct Reading {
    text: String,
    score: i64,
    /// Characters outside ASCII.
    non_ascii: i64,
}

impl Reading {
    fn of(text: String, encoding: &'static Encoding) -> Reading {
        let (score, non_ascii) = Reading::of_str(&text, encoding);
        Reading {
            text,
            score,
            non_ascii,
        }
    }

    /// The score and the characters outside ASCII of `text` read out of `encoding`.
    fn of_str(text: &str, encoding: &'static Encoding) -> (i64, i64) {
        let gb = encoding == GB18030;
        text.chars()
            .filter(|c| !c.is_ascii())
            .fold((0, 0), |(s, n), c| (s + score_in(c, gb), n + 1))
    }

    /// Whether the text reads as Chinese at all: a mean of at least
    /// [`PLAUSIBLE_HALVES`] halves per character outside ASCII.
    fn plausible(&self) -> bool {
        is_plausible(self.score, self.non_ascii)
    }
}

/// [`score`], for a character read out of GB18030 when `gb`: there the ideographs of
/// extension A and of the supplementary planes come from four-byte sequences (two of
/// their bytes digits, a pattern random bytes and other encodings seldom make), and count
/// for the reading.
fn score_in(c: char, gb: bool) -> i64 {
    match c {
        '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{3FFFF}' if gb => 2,
        _ => score(c),
    }
}

/// How much a character makes a text read like an annal (ASCII scores nothing).
fn score(c: char) -> i64 {
    match c {
        '\u{4E00}'..='\u{9FFF}' => {
            let (eras, annals) = known();
            let f = fold_char(c);
            if eras.contains(&f) {
                4
            } else if annals.contains(&f) {
                3
            } else {
                1
            }
        }
        // CJK punctuation, full-width forms, and the punctuation of GB2312's first row
        // (· — … “ ” ‘ ’).
        '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF5E}' | '\u{B7}' | '\u{2010}'..='\u{2027}' => 1,
        // Rarer ideographs: extension A, compatibility forms, the supplementary planes.
        '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}' => -1,
        // Kana, hangul, Yi, private use, Greek, Cyrillic, box drawing, symbols: what the
        // other encoding's bytes turn into.
        _ => -2,
    }
}

/// The characters of the era table's names, and those of the embedded text, folded.
fn known() -> &'static (HashSet<char>, HashSet<char>) {
    static KNOWN: OnceLock<(HashSet<char>, HashSet<char>)> = OnceLock::new();
    KNOWN.get_or_init(|| {
        let eras = EraTable::embedded()
            .eras()
            .iter()
            .flat_map(|e| e.names())
            .flat_map(str::chars)
            .map(fold_char)
            .collect();
        let annals = EMBEDDED_TEXT.chars().map(fold_char).collect();
        (eras, annals)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The inputs of issue 12, item 4: a few bytes, each read in its own encoding.
    #[test]
    fn short_texts_read_in_their_own_encoding() {
        for (text, encoding) in [
            ("統和元年", GB18030),
            ("統和元年。\n", GB18030),
            ("中", GB18030),
            ("中", BIG5),
            ("乾統", BIG5),
            ("乾統元年", BIG5),
            ("天慶五年", GB18030),
            ("天庆五年", GB18030),
            ("契丹", BIG5),
        ] {
            let (bytes, _, unmappable) = encoding.encode(text);
            assert!(!unmappable, "{text}");
            let choice = choose(&bytes).unwrap_or_else(|f| panic!("{text}: {f:?}"));
            assert_eq!(
                (choice.text.as_str(), choice.encoding),
                (text, encoding),
                "{text} in {}",
                encoding.name()
            );
        }
    }

    #[test]
    fn scores() {
        assert_eq!(score('乾'), 4);
        assert_eq!(score('骨'), 3);
        assert_eq!(score('。'), 1);
        assert_eq!(score('い'), -2);
    }
}
