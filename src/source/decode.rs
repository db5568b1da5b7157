//! Decoding bytes to UTF-8 text.
//!
//! A text's bytes, read once into a single buffer (see [`super::load`]), are decoded
//! into a [`Decoded`] text. Detection considers only the encodings a Chinese text is
//! written in: UTF-8, UTF-16 (LE or BE, with or without a byte-order mark), GB18030 (and
//! its subsets GBK and GB2312) and Big5. Any other encoding (Shift_JIS, EUC-KR,
//! windows-1252 …) is named with `--encoding`, which overrides detection.
//!
//! One rule for damage, whatever the encoding: a text that is clearly in an encoding but
//! has a few sequences it does not define (a stray byte, a file cut short in the middle of
//! a character, a lone UTF-16 surrogate, an odd byte at the end of UTF-16) is decoded with
//! U+FFFD for each, and a warning gives their number and the first one's byte. A forced
//! encoding is always decoded so.
//!
//! Line ends: `\n` and `\r\n` stay as they are; a lone `\r` (classic Mac OS files), NEL
//! (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029) become `\n`, so that
//! every line end is one the segmenter knows. Byte offsets into the text (`export`,
//! `search --json`) are offsets into this decoded text.
//!
//! Detection order (no forced encoding):
//!
//! 1. empty input: an empty UTF-8 text;
//! 2. a byte-order mark: UTF-32 (refused), UTF-8, UTF-16LE, UTF-16BE;
//! 3. a known binary format (an image, an archive, an executable …, see
//!    [`binary::signature`]): refused, named;
//! 4. UTF-16 without a byte-order mark, when the bytes are not plain UTF-8 text and one
//!    byte order reads as text ([`utf16_without_bom`]) and the bytes show it: NULs or
//!    control bytes (the zero high bytes of ASCII, the low bytes of CJK punctuation: 。 is
//!    `02 30`), which no GB18030, Big5 or UTF-8 text has;
//! 5. binary data by proportion: more than one byte in twenty (and at least three) a NUL
//!    or a C0 control other than tab, line feed, form feed, carriage return and escape —
//!    an error naming the first; fewer are kept, shown as placeholders, with a warning;
//! 6. valid UTF-8, taken without copying;
//! 7. damaged UTF-8, decoded with U+FFFD and a warning: a UTF-8 BOM, or eight times more
//!    valid multi-byte sequences than invalid ones, or at most one invalid sequence per
//!    4 KiB among at least twice as many valid ones;
//! 8. GB18030 or Big5, whichever reads more like an annal (see `legacy.rs`; a tie goes
//!    to GB18030); a text that reads well in one but for a few bytes is decoded in it with
//!    U+FFFD; the UTF-16 reading without evidence of step 4, if there is one, is weighed
//!    against the winner the same way (a tie still goes to GB18030); a weak guess (a few
//!    characters) is said in a warning naming the other encoding and `--encoding`;
//! 9. if no legacy encoding reads the text: the UTF-16 reading of step 8 if it reads as
//!    Chinese (with the same warning), or, when its invalid UTF-8 was rare, UTF-8 decoded
//!    with U+FFFD; otherwise the text is refused ("cannot tell the encoding").

use encoding_rs::{DecoderResult, Encoding, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE};

use super::SourceError;
use super::error::display_name;
use crate::layout::width::is_bidi_control;

mod binary;
mod legacy;

use binary::{RawStats, is_binary_share, is_stray_control};

/// A decoded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without any byte-order mark; line ends `\n` or `\r\n` (a lone `\r`,
    /// U+0085, U+2028 and U+2029 become `\n`).
    pub text: String,
    /// The encoding the text was decoded from (UTF-8 for an empty text
    /// unless one was forced).
    pub encoding: &'static Encoding,
    /// The path as given, or `<stdin>`.
    pub name: String,
    /// The input's size in bytes (BOM included), which [`Decoded::text`]'s differs from.
    pub input_len: usize,
    /// Things the reader should tell the user, such as invalid sequences that were
    /// replaced with U+FFFD, or control characters shown as placeholders. Each names the
    /// file.
    pub warnings: Vec<String>,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16BE_BOM: &[u8] = b"\xFE\xFF";
const UTF32LE_BOM: &[u8] = b"\xFF\xFE\x00\x00";
const UTF32BE_BOM: &[u8] = b"\x00\x00\xFE\xFF";

/// `bytes` as text, borrowed, when [`decode`] would take them as they are: valid UTF-8
/// without a byte-order mark, without control characters (which call for a warning, or
/// make the bytes binary data or UTF-16) and without line ends other than `\n` and
/// `\r\n`. Otherwise `None`, and the caller decodes a copy.
///
/// Above a few MiB the two halves, split after a line feed, are checked at once on two
/// threads: a line feed ends every sequence either check looks for, so the halves pass
/// exactly when the whole does.
pub fn as_plain_utf8(bytes: &[u8]) -> Option<&str> {
    if bytes.is_empty() || bytes.starts_with(UTF8_BOM) {
        return None;
    }
    let plain = |b: &[u8]| simdutf8::basic::from_utf8(b).is_ok() && !needs_a_look(b);
    match in_halves(bytes, plain) {
        None => {
            let text = simdutf8::basic::from_utf8(bytes).ok()?;
            (!needs_a_look(bytes)).then_some(text)
        }
        Some(false) => None,
        Some(true) => {
            debug_assert!(std::str::from_utf8(bytes).is_ok());
            // SAFETY: simdutf8 has checked that both halves are valid UTF-8, and the first
            // ends with a line feed, a whole character: one after the other they are valid
            // UTF-8, the only requirement of `from_utf8_unchecked`; nothing changes `bytes`
            // in between.
            #[allow(unsafe_code)]
            Some(unsafe { std::str::from_utf8_unchecked(bytes) })
        }
    }
}

/// Whether `check` holds for both halves of `bytes`, split after the first line feed past
/// the middle, checked at once on two threads; `None` (nothing checked) for bytes under
/// a few MiB, with no line feed to split at, or on a machine of one core. Valid UTF-8 and
/// what [`needs_a_look`] looks for never run over a line feed, so for those checks the
/// halves pass exactly when the whole does.
fn in_halves(bytes: &[u8], check: impl Fn(&[u8]) -> bool + Sync) -> Option<bool> {
    if bytes.len() < PARALLEL_FROM
        || !std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
    {
        return None;
    }
    let mid = bytes.len() / 2;
    let split = mid + memchr::memchr(b'\n', &bytes[mid..])? + 1;
    let (first, second) = bytes.split_at(split);
    let check = &check;
    Some(std::thread::scope(|s| {
        let other = std::thread::Builder::new()
            .spawn_scoped(s, move || check(second))
            .ok();
        // A thread that could not start (or panicked) is done here.
        check(first)
            && other
                .and_then(|h| h.join().ok())
                .unwrap_or_else(|| check(second))
    }))
}

/// Texts of at least this many bytes are checked by [`as_plain_utf8`] in two halves at once.
const PARALLEL_FROM: usize = 2 << 20;

/// Whether valid UTF-8 `bytes` are taken as they are, with nothing to warn about: no
/// control character (form feed included, which [`needs_a_look`] lets through), no bidi
/// control, no line end to change.
fn is_plain(bytes: &[u8]) -> bool {
    !needs_a_look(bytes) && memchr::memchr(0x0C, bytes).is_none()
}

/// Whether valid UTF-8 `bytes` hold what [`finish`] changes or warns about, or what makes
/// them binary data: a stray control (see [`binary::is_stray_control`]), escape, DEL, a
/// C1 control (C2 80 to C2 9F), U+061C (D8 9C), a line end other than `\n` and `\r\n`
/// (a lone CR, U+2028, U+2029) or a bidi control (U+200E, U+200F, U+202A–U+202E: E2 80
/// 8E–AE; U+2066–U+2069: E2 81 A6–A9).
///
/// One pass over the bytes in runs of 256. A run is first tested a byte at a time for the
/// bytes those start with (a control but line feed, DEL, a lead byte from C2 to E2: rare
/// in Chinese text but for E2), and only a run that has one is tested again, each byte
/// with the two after it. Both loops are branch-free,
/// so the compiler vectorises them; the bytes past the end count as NUL.
fn needs_a_look(bytes: &[u8]) -> bool {
    let t = u8::from;
    // Whether the byte `a`, followed by `b` and `c`, starts one of the sequences above.
    let flagged = |a: u8, b: u8, c: u8| -> u8 {
        // Controls other than tab, line feed and form feed (CR and escape among them: a
        // CR followed by a line feed is let through).
        let control = t(a < 0x20) & t(a != b'\t') & t(a != b'\n') & t(a != 0x0C);
        let lone_cr = t(a != b'\r') | t(b != b'\n');
        let del = t(a == 0x7F);
        let c1 = t(a == 0xC2) & t(b.wrapping_sub(0x80) < 0x20);
        let alm = t(a == 0xD8) & t(b == 0x9C);
        let e2_80 = t(a == 0xE2)
            & t(b == 0x80)
            & (t(c.wrapping_sub(0x8E) < 2) | t(c.wrapping_sub(0xA8) < 7));
        let e2_81 = t(a == 0xE2) & t(b == 0x81) & t(c.wrapping_sub(0xA6) < 4);
        (control & lone_cr) | del | c1 | alm | e2_80 | e2_81
    };
    const RUN: usize = 256;
    let n = bytes.len();
    let mut start = 0;
    // Whole runs with two bytes after them.
    while start + RUN + 2 <= n {
        let a = &bytes[start..start + RUN];
        // A byte below 0x20 but the line feed (XOR 0x0A sends the line feed to 0, and
        // the subtraction to 0xFF), DEL, or a lead byte from C2 to E2 (D8 among them).
        let maybe = a.iter().fold(0u8, |acc, &a| {
            acc | t((a ^ b'\n').wrapping_sub(1) < 0x1F)
                | t(a == 0x7F)
                | t(a.wrapping_sub(0xC2) <= 0xE2 - 0xC2)
        });
        if maybe != 0 {
            let b = &bytes[start + 1..start + RUN + 1];
            let c = &bytes[start + 2..start + RUN + 2];
            let found = a
                .iter()
                .zip(b)
                .zip(c)
                .fold(0u8, |acc, ((&a, &b), &c)| acc | flagged(a, b, c));
            if found != 0 {
                return true;
            }
        }
        start += RUN;
    }
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    (start..n).any(|i| flagged(bytes[i], at(i + 1), at(i + 2)) != 0)
}

/// Decode bytes already in memory; `name` is used in messages and kept in
/// [`Decoded::name`].
///
/// See the module documentation for the detection order. With `forced`,
/// the bytes are decoded in that encoding (a BOM of that same encoding is removed), with
/// U+FFFD and a warning for what it does not define; binary data is still refused.
pub fn decode(bytes: Vec<u8>, name: &str, forced: Option<&str>) -> Result<Decoded, SourceError> {
    let forced = forced.map(resolve_label).transpose()?;
    if bytes.is_empty() {
        return Ok(loaded(String::new(), forced.unwrap_or(UTF_8), name));
    }
    let input_len = bytes.len();
    let mut d = match forced {
        Some(encoding) => decode_forced(bytes, name, encoding),
        None => decode_detected(bytes, name),
    }?;
    d.input_len = input_len;
    Ok(d)
}

/// Looks up an `--encoding` label.
pub(super) fn resolve_label(label: &str) -> Result<&'static Encoding, SourceError> {
    match Encoding::for_label(label.as_bytes()) {
        Some(encoding) if encoding != REPLACEMENT => Ok(encoding),
        _ => Err(SourceError::UnknownEncoding {
            label: label.to_owned(),
        }),
    }
}

/// Refuses the first chunk of a stream (see `file.rs`) if it is binary data, as [`decode`]
/// would refuse the whole: a known format or stray controls in a high proportion, unless
/// a byte-order mark or the pattern of UTF-16 text explains them. Reads nothing more, so
/// an endless device (`/dev/zero`, `/dev/urandom`) is refused at once.
pub(super) fn sniff(first: &[u8], name: &str) -> Result<(), SourceError> {
    let boms = [UTF32LE_BOM, UTF32BE_BOM, UTF16LE_BOM, UTF16BE_BOM, UTF8_BOM];
    if boms.iter().any(|bom| first.starts_with(bom)) || utf16_without_bom(first).is_some() {
        return Ok(());
    }
    refuse_binary(first, &RawStats::of(first), 0, name)
}

fn loaded(text: String, encoding: &'static Encoding, name: &str) -> Decoded {
    Decoded {
        input_len: text.len(),
        text,
        encoding,
        name: name.to_owned(),
        warnings: Vec::new(),
    }
}

/// The sequences a decoding replaced with U+FFFD.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Damage {
    /// How many (each one U+FFFD; for a legacy encoding, also the bytes it leaves
    /// undefined, which decode to C1 controls and are kept as such).
    bad: usize,
    /// The offset of the first one's first byte, from the start of the decoded bytes.
    first: Option<usize>,
}

/// A text decoded with U+FFFD for what its encoding does not define.
struct Lossy {
    text: String,
    damage: Damage,
}

/// How the decoded text's characters map back to the input, for the offsets in warnings.
#[derive(Clone, Copy)]
enum Source<'a> {
    /// The text is the input's bytes from `base` on (valid UTF-8 after a BOM of `base`
    /// bytes).
    Same { base: usize },
    /// The text is `body`, the input's bytes from `base` on, decoded in the encoding.
    Decoded { body: &'a [u8], base: usize },
}

/// The decoded text made ready: the warnings for its control characters and damage, then
/// its line ends made `\n` (see the module documentation).
fn finish(
    text: String,
    encoding: &'static Encoding,
    name: &str,
    source: Source<'_>,
    damage: Damage,
) -> Decoded {
    let mut d = loaded(String::new(), encoding, name);
    // What most texts are: nothing to warn about (no control character, form feed
    // included, nor bidi control) and no line end to change. Taken as they are, without a
    // look at each character.
    if damage.bad == 0 && is_plain(text.as_bytes()) {
        d.text = text;
        return d;
    }
    if let Some(w) = controls_warning(&text, encoding, name, source) {
        d.warnings.push(w);
    }
    if damage.bad > 0 {
        let (body, base) = match source {
            Source::Same { base } => (&[][..], base),
            Source::Decoded { body, base } => (body, base),
        };
        let first = damage.first.unwrap_or(0);
        let byte = body.get(first).copied().unwrap_or(0);
        let (count, what) = if damage.bad == 1 {
            ("1".to_owned(), "sequence")
        } else {
            (damage.bad.to_string(), "sequences")
        };
        d.warnings.push(format!(
            "{name}: {count} invalid {} {what} replaced with U+FFFD (the first is byte 0x{byte:02X} at byte {})",
            display_name(encoding),
            base + first,
        ));
    }
    d.text = normalize_line_ends(text);
    d
}

/// Whether the placeholder rule shows `c` as a placeholder: a control character or a
/// bidi control, but the line feed, the tab (shown as a space) and the carriage return and
/// NEL (the CR of a CRLF is passed over; a lone CR and NEL become `\n`).
fn is_shown_as_placeholder(c: char) -> bool {
    match c {
        '\n' | '\t' | '\r' | '\u{85}' => false,
        c => c.is_control() || is_bidi_control(c),
    }
}

/// The warning for the control characters of `text` shown as placeholders, if any: how
/// many, and the first one with its offset in the input.
fn controls_warning(
    text: &str,
    encoding: &'static Encoding,
    name: &str,
    source: Source<'_>,
) -> Option<String> {
    let mut count = 0usize;
    let mut first = None;
    for (index, (at, c)) in text.char_indices().enumerate() {
        if is_shown_as_placeholder(c) {
            count += 1;
            first.get_or_insert((index, at, c));
        }
    }
    let (index, at, c) = first?;
    let offset = match source {
        Source::Same { base } => base + at,
        Source::Decoded { body, base } => {
            let low = usize::from(encoding == UTF_16BE);
            base + source_offset_of_char(body, encoding, index)
                + low * usize::from(u32::from(c) < 0x100)
        }
    };
    let what = if count == 1 {
        "control character shown as a placeholder"
    } else {
        "control characters shown as placeholders"
    };
    let code = if c.is_ascii() {
        format!("0x{:02X}", u32::from(c))
    } else {
        format!("U+{:04X}", u32::from(c))
    };
    Some(format!(
        "{name}: {count} stray {what} (the first is {code} at byte {offset})"
    ))
}

/// `text` with every lone `\r`, U+0085, U+2028 and U+2029 made `\n`; `\r\n` is kept.
/// Returns `text` itself when it has none.
fn normalize_line_ends(text: String) -> String {
    let lone_cr = |i: usize| text.as_bytes().get(i + 1) != Some(&b'\n');
    let has = memchr::memchr_iter(b'\r', text.as_bytes()).any(lone_cr)
        || text.contains(['\u{85}', '\u{2028}', '\u{2029}']);
    if !has {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() != Some(&'\n') => out.push('\n'),
            '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            c => out.push(c),
        }
    }
    out
}

/// Decodes in the encoding the user named, with U+FFFD for what it does not define.
fn decode_forced(
    mut bytes: Vec<u8>,
    name: &str,
    encoding: &'static Encoding,
) -> Result<Decoded, SourceError> {
    if encoding == UTF_16LE || encoding == UTF_16BE {
        let bom = if encoding == UTF_16LE {
            UTF16LE_BOM
        } else {
            UTF16BE_BOM
        };
        let base = if bytes.starts_with(bom) { bom.len() } else { 0 };
        return decode_utf16(&bytes, base, encoding, name);
    }
    let base = if encoding == UTF_8 && bytes.starts_with(UTF8_BOM) {
        UTF8_BOM.len()
    } else {
        0
    };
    let stats = RawStats::of(&bytes[base..]);
    refuse_binary(&bytes[base..], &stats, base, name)?;
    if encoding == UTF_8 {
        bytes.drain(..base);
        let bytes = match utf8_string(bytes) {
            Ok(text) => {
                let source = Source::Same { base };
                return Ok(finish(text, UTF_8, name, source, Damage::default()));
            }
            Err(bytes) => bytes,
        };
        let scan = Utf8Scan::of(&bytes);
        if is_too_damaged(scan.invalid, scan.chars) {
            return Err(undecodable(name, UTF_8, &bytes, scan.first_invalid, base));
        }
        return Ok(lossy_utf8(&bytes, base, name));
    }
    let lossy = decode_lossy(&bytes, encoding);
    if let Some(first) = lossy.damage.first.filter(|_| too_damaged(&lossy)) {
        return Err(undecodable(name, encoding, &bytes, first, 0));
    }
    let source = Source::Decoded {
        body: &bytes,
        base: 0,
    };
    Ok(finish(lossy.text, encoding, name, source, lossy.damage))
}

/// Whether `bad` sequences replaced among `chars` characters are more than damage: more
/// than one, and more than one in 256 (the simplified seed in GBK read as Big5 has one in
/// 80, the seed in Big5 read as UTF-16LE one in 50). The text is then not in that encoding.
fn is_too_damaged(bad: usize, chars: usize) -> bool {
    bad > 1 && bad * 256 > chars
}

/// [`is_too_damaged`] for a lossy decoding.
fn too_damaged(lossy: &Lossy) -> bool {
    lossy.damage.bad > 1 && is_too_damaged(lossy.damage.bad, lossy.text.chars().count())
}

/// Detects the encoding and decodes; see the module documentation.
fn decode_detected(mut bytes: Vec<u8>, name: &str) -> Result<Decoded, SourceError> {
    for (bom, encoding) in [(UTF32LE_BOM, "UTF-32LE"), (UTF32BE_BOM, "UTF-32BE")] {
        if bytes.starts_with(bom) {
            return Err(SourceError::Unsupported {
                name: name.to_owned(),
                encoding,
            });
        }
    }
    if bytes.starts_with(UTF16LE_BOM) {
        return decode_utf16(&bytes, UTF16LE_BOM.len(), UTF_16LE, name);
    }
    if bytes.starts_with(UTF16BE_BOM) {
        return decode_utf16(&bytes, UTF16BE_BOM.len(), UTF_16BE, name);
    }
    let base = if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
        UTF8_BOM.len()
    } else {
        0
    };

    // A big file in plain UTF-8, as most are, is checked for it in two halves at once.
    let plain = |b: &[u8]| simdutf8::basic::from_utf8(b).is_ok() && is_plain(b);
    if in_halves(&bytes, plain) == Some(true) {
        let mut d = loaded(String::new(), UTF_8, name);
        d.text = utf8_string_checked(bytes, Some(true)).unwrap_or_default();
        return Ok(d);
    }
    // Valid UTF-8 is a `String` at once (its bytes as they are), checked once.
    let text = utf8_string(bytes);
    // Plain text, as most is (no control byte at all, so neither UTF-16 nor binary data,
    // and nothing for `finish` to change or warn about), is taken as it is.
    let text = match text {
        Ok(text) if is_plain(text.as_bytes()) => {
            let mut d = loaded(String::new(), UTF_8, name);
            d.text = text;
            return Ok(d);
        }
        other => other,
    };
    let utf8 = text.is_ok();
    let bytes: &[u8] = match &text {
        Ok(t) => t.as_bytes(),
        Err(b) => b,
    };
    let stats = RawStats::of(bytes);
    // UTF-16 without a BOM is not UTF-8, or is ASCII with NULs (the high halves of ASCII)
    // or control bytes (the low halves of many CJK characters: 。 is 02 30). Valid UTF-8
    // with characters beyond ASCII is UTF-8.
    let maybe_utf16 = base == 0
        && if utf8 {
            stats.controls > 0 && bytes.is_ascii()
        } else {
            true
        };
    let utf16 = if maybe_utf16 {
        utf16_without_bom(bytes)
    } else {
        None
    };
    // NULs and control bytes in the pattern of UTF-16 are the evidence for it.
    if let (Some(guess), true) = (&utf16, stats.controls > 0) {
        if let Ok(loaded) = decode_utf16(bytes, 0, guess.encoding, name) {
            return Ok(loaded);
        }
    }
    refuse_binary(bytes, &stats, base, name)?;

    let bytes = match text {
        Ok(text) => {
            let source = Source::Same { base };
            return Ok(finish(text, UTF_8, name, source, Damage::default()));
        }
        Err(bytes) => bytes,
    };
    let scan = Utf8Scan::of(&bytes);
    // At most one invalid sequence per 4 KiB (started) of input.
    let rare = scan.invalid <= bytes.len().div_ceil(4096);
    // A UTF-8 BOM, or mostly valid UTF-8 multi-byte sequences: damaged UTF-8, which no
    // legacy encoding would read faithfully.
    if base != 0
        || scan.valid_multibyte >= 8 * scan.invalid
        || (rare && scan.valid_multibyte >= 2 * scan.invalid)
    {
        return Ok(lossy_utf8(&bytes, base, name));
    }
    // A UTF-16 reading without evidence, weighed as a reading like the others.
    let utf16 = utf16.map(|guess| {
        let (score, non_ascii) = guess.reading(&bytes);
        (guess, score, non_ascii)
    });
    match legacy::choose(&bytes) {
        Ok(choice) => {
            let source = Source::Decoded {
                body: &bytes,
                base: 0,
            };
            if let Some((guess, score, _)) = &utf16 {
                if *score >= choice.score + legacy::WEAK_LEAD {
                    return utf16_guessed(&bytes, guess, Some(choice.encoding), name);
                }
            }
            let rival = choice.rival.or_else(|| {
                utf16
                    .as_ref()
                    .filter(|(_, score, _)| choice.score - score < legacy::WEAK_LEAD)
                    .map(|(guess, _, _)| guess.encoding)
            });
            let mut d = finish(
                choice.text,
                choice.encoding,
                name,
                source,
                Damage::default(),
            );
            // A rival that reads the text almost as well, or a text of a few characters.
            if rival.is_some() || choice.score < legacy::WEAK_LEAD {
                d.warnings.push(weak_guess(name, choice.encoding, rival));
            }
            Ok(d)
        }
        Err(legacy::Failure::Unrecognized) => match &utf16 {
            Some((guess, score, non_ascii)) if legacy::is_plausible(*score, *non_ascii) => {
                utf16_guessed(&bytes, guess, None, name)
            }
            _ if rare => Ok(lossy_utf8(&bytes, base, name)),
            _ => Err(SourceError::Unrecognized {
                name: name.to_owned(),
            }),
        },
        Err(legacy::Failure::Damaged { .. }) if rare => Ok(lossy_utf8(&bytes, base, name)),
        Err(legacy::Failure::Damaged { encoding }) => {
            let lossy = decode_lossy(&bytes, encoding);
            let source = Source::Decoded {
                body: &bytes,
                base: 0,
            };
            Ok(finish(lossy.text, encoding, name, source, lossy.damage))
        }
    }
}

/// The warning for a guess from a few characters: the encoding chosen, and the one that
/// reads them too, if known.
fn weak_guess(name: &str, chosen: &'static Encoding, rival: Option<&'static Encoding>) -> String {
    let chosen_name = display_name(chosen);
    match rival {
        Some(rival) => format!(
            "{name}: read as {chosen_name}, a guess from a few characters ({} reads them too); \
             if the text looks wrong, name its encoding with --encoding {}",
            display_name(rival),
            label(rival),
        ),
        None => format!(
            "{name}: read as {chosen_name}, a guess from a few characters; if the text looks \
             wrong, name its encoding with --encoding"
        ),
    }
}

/// Decodes a UTF-16 reading chosen without NULs or control bytes to show it, with the
/// warning that it is a guess (naming `rival`, the legacy encoding that read the text too,
/// or the other byte order).
fn utf16_guessed(
    bytes: &[u8],
    guess: &Utf16Guess,
    rival: Option<&'static Encoding>,
    name: &str,
) -> Result<Decoded, SourceError> {
    let mut d = decode_utf16(bytes, 0, guess.encoding, name)?;
    d.warnings
        .push(weak_guess(name, guess.encoding, rival.or(guess.other)));
    Ok(d)
}

/// The `--encoding` label that names `encoding`.
fn label(encoding: &'static Encoding) -> String {
    display_name(encoding).to_ascii_lowercase()
}

/// Decodes UTF-16 from `bytes[base..]` (after a BOM of `base` bytes), with U+FFFD for a
/// lone surrogate or an odd last byte; binary data (stray controls in a high proportion)
/// is refused, a few are kept with a warning. More damage than [`is_too_damaged`] allows is
/// an error: the bytes are not UTF-16 after all.
fn decode_utf16(
    bytes: &[u8],
    base: usize,
    encoding: &'static Encoding,
    name: &str,
) -> Result<Decoded, SourceError> {
    let body = &bytes[base..];
    let lossy = decode_lossy(body, encoding);
    let mut chars = 0;
    let mut controls = 0;
    let mut first_control = None;
    for (index, c) in lossy.text.chars().enumerate() {
        chars += 1;
        if is_stray_control(u32::from(c)) {
            controls += 1;
            first_control.get_or_insert((index, c as u8));
        }
    }
    if let Some(first) = lossy.damage.first.filter(|_| too_damaged(&lossy)) {
        return Err(undecodable(name, encoding, bytes, base + first, 0));
    }
    if let Some((index, byte)) = first_control {
        if is_binary_share(controls, chars) {
            // The offset of the byte that holds the control's value: the low byte, which
            // comes second in big-endian UTF-16.
            let low = usize::from(encoding == UTF_16BE);
            let offset = base + source_offset_of_char(body, encoding, index) + low;
            return Err(binary(name, byte, offset));
        }
    }
    let source = Source::Decoded { body, base };
    Ok(finish(lossy.text, encoding, name, source, lossy.damage))
}

/// Decodes `bytes` with U+FFFD for each malformed sequence, in one pass; counts them (and,
/// for an encoding other than UTF-8 and UTF-16, the C1 controls that come out of bytes it
/// leaves undefined, which are kept) and notes where the first is.
fn decode_lossy(bytes: &[u8], encoding: &'static Encoding) -> Lossy {
    let mut damage = Damage::default();
    let decoded = decode_loop(bytes, encoding, true, |at, text| {
        damage.bad += 1;
        damage.first.get_or_insert(at);
        text.push('\u{FFFD}');
        Ok(())
    });
    // The closure never ends the decoding: it goes on past every malformed sequence.
    let text = decoded.unwrap_or_default();
    if encoding != UTF_8 && encoding != UTF_16LE && encoding != UTF_16BE {
        let c1 = text
            .chars()
            .filter(|c| ('\u{80}'..='\u{9F}').contains(c))
            .count();
        if c1 > 0 {
            damage.bad += c1;
            if let Some(at) = first_c1(&text, bytes, encoding) {
                damage.first = Some(damage.first.map_or(at, |f| f.min(at)));
            }
        }
    }
    Lossy { text, damage }
}

/// The offset in `bytes` of the first C1 control character in `text`, their decoding in
/// `encoding`, if there is one.
fn first_c1(text: &str, bytes: &[u8], encoding: &'static Encoding) -> Option<usize> {
    let index = text
        .chars()
        .position(|c| ('\u{80}'..='\u{9F}').contains(&c))?;
    Some(source_offset_of_char(bytes, encoding, index))
}

/// Decodes `bytes` without replacement; `Err` holds the offset of the first
/// malformed sequence. With `last` false, a sequence cut short at the end of `bytes` is
/// left out rather than an error. The output starts with room for 1.5 times the input
/// (enough for CJK double-byte encodings and UTF-16) and grows only when a text needs
/// more.
fn decode_strict(bytes: &[u8], encoding: &'static Encoding, last: bool) -> Result<String, usize> {
    let mut text = decode_loop(bytes, encoding, last, |at, _| Err(at))?;
    text.shrink_to_fit();
    Ok(text)
}

/// Decode `bytes` without replacement, handing each malformed sequence's offset in `bytes`
/// (and the text so far) to `malformed`, which goes on (`Ok`) or ends the decoding with its
/// `Err`. The output starts with room for 1.5 times the input and grows only when needed.
fn decode_loop(
    bytes: &[u8],
    encoding: &'static Encoding,
    last: bool,
    mut malformed: impl FnMut(usize, &mut String) -> Result<(), usize>,
) -> Result<String, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    // CJK double-byte text and UTF-16 grow by at most half; rarer worse
    // cases get more room below.
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2 + 16);
    let mut pos = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[pos..], &mut text, last);
        pos += read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                let rest = bytes.len() - pos;
                let room = decoder
                    .max_utf8_buffer_length_without_replacement(rest)
                    .unwrap_or(rest);
                text.reserve(room.max(16));
            }
            DecoderResult::Malformed(bad, after) => {
                let at = pos.saturating_sub(usize::from(bad) + usize::from(after));
                malformed(at, &mut text)?;
            }
        }
    }
    Ok(text)
}

/// The offset in `bytes` of the sequence that decodes to the `index`th
/// character (0-based) of the decoded text (a malformed sequence being one U+FFFD).
/// Decodes byte by byte, so it is kept for error paths and warnings.
fn source_offset_of_char(bytes: &[u8], encoding: &'static Encoding, index: usize) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = [0u8; 64];
    let mut seen = 0;
    let mut start = 0;
    for pos in 0..bytes.len() {
        let last = pos + 1 == bytes.len();
        let (result, _, written) =
            decoder.decode_to_utf8_without_replacement(&bytes[pos..=pos], &mut out, last);
        // A malformed sequence is one U+FFFD in a lossy decoding.
        let replaced = usize::from(matches!(result, DecoderResult::Malformed(..)));
        if written > 0 || replaced > 0 {
            let produced =
                std::str::from_utf8(&out[..written]).map_or(0, |s| s.chars().count()) + replaced;
            if seen + produced > index {
                return start;
            }
            seen += produced;
            start = pos + 1;
        }
    }
    start
}

/// `bytes` as a `String` if they are valid UTF-8, validated with SIMD (several times
/// faster than `String::from_utf8` on CJK text, where most bytes are not ASCII).
fn utf8_string(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    utf8_string_checked(bytes, None)
}

/// [`utf8_string`], told already whether the bytes are valid UTF-8 (`valid`), or checking
/// them itself.
fn utf8_string_checked(bytes: Vec<u8>, valid: Option<bool>) -> Result<String, Vec<u8>> {
    if !valid.unwrap_or_else(|| simdutf8::basic::from_utf8(&bytes).is_ok()) {
        return Err(bytes);
    }
    debug_assert!(std::str::from_utf8(&bytes).is_ok());
    // SAFETY: simdutf8 has just checked that `bytes` is valid UTF-8 (here, or whole or
    // in two halves split after a line feed, a whole character, which one after the
    // other are valid UTF-8, where `valid` was found), the only requirement of
    // `from_utf8_unchecked`; nothing changes `bytes` in between.
    #[allow(unsafe_code)]
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}

/// A byte order BOM-less bytes read well in as UTF-16 ([`utf16_without_bom`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Utf16Guess {
    /// The byte order chosen.
    encoding: &'static Encoding,
    /// The other byte order, when it reads as text too.
    other: Option<&'static Encoding>,
}

impl Utf16Guess {
    /// How much the start of `bytes` (64 KiB) reads like an annal in this byte order: the
    /// score and the characters outside ASCII (see `legacy.rs`).
    fn reading(&self, bytes: &[u8]) -> (i64, i64) {
        let sample = &bytes[..bytes.len().min(64 * 1024)];
        legacy::annal_score(&decode_lossy(sample, self.encoding).text, self.encoding)
    }
}

/// Guesses UTF-16 without a BOM: the byte order whose code units read as text (see
/// [`utf16_profile`]); if both do, the one with more whitespace and CJK (a text read in
/// the wrong order loses its line breaks, and most of its ideographs), then the one that
/// reads more like an annal (遼 is `7C 90` in UTF-16LE, and 粐 in UTF-16BE), then
/// little-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<Utf16Guess> {
    let guess = |encoding, other| Utf16Guess { encoding, other };
    Some(
        match (utf16_profile(bytes, true), utf16_profile(bytes, false)) {
            (Some(le), Some(be)) if le > be => guess(UTF_16LE, Some(UTF_16BE)),
            (Some(le), Some(be)) if be > le => guess(UTF_16BE, Some(UTF_16LE)),
            (Some(_), Some(_)) => {
                let le = guess(UTF_16LE, Some(UTF_16BE));
                let be = guess(UTF_16BE, Some(UTF_16LE));
                if be.reading(bytes).0 > le.reading(bytes).0 {
                    be
                } else {
                    le
                }
            }
            (Some(_), None) => guess(UTF_16LE, None),
            (None, Some(_)) => guess(UTF_16BE, None),
            (None, None) => return None,
        },
    )
}

/// For [`utf16_without_bom`]: `bytes` read as UTF-16 in one byte order, if that reading
/// looks like text — free of C1 controls, not binary, at most one unit in eight a lone
/// surrogate (an odd last byte counts as one), nine in ten code units in the scripts of
/// ordinary text, and either with whitespace (a line break, a space, U+3000), or nine in
/// ten of them ASCII (zero high bytes), or nine in ten CJK ideographs and punctuation, at
/// most half with a zero low byte (ASCII read in the wrong order gives ideographs like
/// U+6100 for `a`, each with a zero low byte). Its measure: the count of whitespace and
/// CJK units, then of ASCII ones. Allocates nothing.
fn utf16_profile(bytes: &[u8], little_endian: bool) -> Option<(usize, usize)> {
    let units = bytes.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if little_endian {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let mut total = 0;
    let mut bad = bytes.len() % 2;
    let (mut plausible, mut controls, mut space, mut ascii, mut cjk, mut zero_low) =
        (0, 0, 0, 0, 0, 0);
    for c in char::decode_utf16(units) {
        total += 1;
        let Ok(c) = c else {
            bad += 1;
            continue;
        };
        let c = u32::from(c);
        if (0x80..=0x9F).contains(&c) {
            return None;
        }
        if is_stray_control(c) {
            controls += 1;
        }
        if matches!(c, 0x09 | 0x0A | 0x0D | 0x20 | 0x3000) {
            space += 1;
        }
        if c < 0x80 {
            ascii += 1;
        }
        if matches!(c, 0x3000..=0x303F | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF) {
            cjk += 1;
        }
        if c > 0xFF && c & 0xFF == 0 {
            zero_low += 1;
        }
        if is_plausible_text(c) {
            plausible += 1;
        }
    }
    let text = total > 0
        && bad * 8 <= total
        && plausible * 10 >= total * 9
        && !is_binary_share(controls, total);
    let cjk_line = cjk * 10 >= total * 9 && zero_low * 2 <= total;
    let ascii_line = ascii * 10 >= total * 9;
    (text && (space > 0 || cjk_line || ascii_line)).then_some((space + cjk, ascii))
}

/// Code points of ordinary text: ASCII, Latin, Greek, Cyrillic, Hebrew,
/// Arabic, Indic and Thai scripts, general and CJK punctuation, kana,
/// CJK ideographs, Hangul, and full- and half-width forms.
fn is_plausible_text(c: u32) -> bool {
    matches!(
        c,
        0x09 | 0x0A
            | 0x0C
            | 0x0D
            | 0x20..=0x7E
            | 0xA0..=0x024F
            | 0x0370..=0x052F
            | 0x0590..=0x06FF
            | 0x0900..=0x0E7F
            | 0x1E00..=0x1FFF
            | 0x2000..=0x206F
            | 0x2E80..=0x2FDF
            | 0x3000..=0x31FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFFEF
            | 0x20000..=0x3FFFF
    )
}

/// Refuses binary data: a known binary format, or stray controls in a high proportion;
/// offsets are shifted by `base`.
fn refuse_binary(
    bytes: &[u8],
    stats: &RawStats,
    base: usize,
    name: &str,
) -> Result<(), SourceError> {
    let Some(first) = stats.first else {
        return Ok(());
    };
    if let Some(format) = binary::signature(bytes) {
        return Err(SourceError::Format {
            name: name.to_owned(),
            format,
        });
    }
    if is_binary_share(stats.controls, stats.len) {
        return Err(binary(name, stats.first_byte, base + first));
    }
    Ok(())
}

fn binary(name: &str, byte: u8, offset: usize) -> SourceError {
    SourceError::Binary {
        name: name.to_owned(),
        byte,
        offset,
    }
}

/// An [`SourceError::Undecodable`] for the sequence at `bytes[offset]`,
/// reported at `base + offset`.
fn undecodable(
    name: &str,
    encoding: &'static Encoding,
    bytes: &[u8],
    offset: usize,
    base: usize,
) -> SourceError {
    SourceError::Undecodable {
        name: name.to_owned(),
        encoding,
        byte: bytes.get(offset).copied().unwrap_or(0),
        offset: base + offset,
    }
}

/// What is wrong with a text that is not valid UTF-8.
struct Utf8Scan {
    /// Invalid sequences, each of which becomes one U+FFFD.
    invalid: usize,
    /// Offset of the first invalid byte.
    first_invalid: usize,
    /// Valid sequences of two to four bytes.
    valid_multibyte: usize,
    /// Characters of the lossy decoding (each invalid sequence one).
    chars: usize,
}

impl Utf8Scan {
    fn of(bytes: &[u8]) -> Self {
        let mut scan = Utf8Scan {
            invalid: 0,
            first_invalid: bytes.len(),
            valid_multibyte: 0,
            chars: 0,
        };
        let mut pos = 0;
        for chunk in bytes.utf8_chunks() {
            let valid = chunk.valid().as_bytes();
            scan.valid_multibyte += valid.iter().filter(|&&b| b >= 0xC0).count();
            scan.chars += valid.iter().filter(|&&b| b & 0xC0 != 0x80).count();
            pos += valid.len();
            if !chunk.invalid().is_empty() {
                if scan.invalid == 0 {
                    scan.first_invalid = pos;
                }
                scan.invalid += 1;
                scan.chars += 1;
                pos += chunk.invalid().len();
            }
        }
        scan
    }
}

/// Decodes UTF-8 (after a BOM of `base` bytes) with U+FFFD for each invalid sequence,
/// with a warning.
fn lossy_utf8(bytes: &[u8], base: usize, name: &str) -> Decoded {
    let scan = Utf8Scan::of(bytes);
    let text = String::from_utf8_lossy(bytes).into_owned();
    let damage = Damage {
        bad: scan.invalid,
        first: Some(scan.first_invalid),
    };
    finish(
        text,
        UTF_8,
        name,
        Source::Decoded { body: bytes, base },
        damage,
    )
}

#[cfg(test)]
mod tests;
