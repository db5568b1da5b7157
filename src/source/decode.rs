//! Decoding bytes to UTF-8 text.
//!
//! A text's bytes, read once into a single buffer (see [`super::load`]), are decoded
//! into a [`Decoded`] text:
//!
//! * valid UTF-8 becomes the `String` without copying;
//! * a byte-order mark decides the encoding (UTF-8, UTF-16LE, UTF-16BE) and
//!   is removed from the text;
//! * binary data (NUL bytes that are not UTF-16, or many control bytes) is
//!   refused, naming the offset of the first offending byte;
//! * UTF-8 with a rare invalid sequence is decoded with U+FFFD in its place
//!   and a warning naming the offset of the first invalid byte;
//! * anything else is detected with `chardetng` and decoded strictly with
//!   `encoding_rs`: a text that does not decode cleanly is an error naming
//!   the encoding and the offset of the first bad byte, never silent
//!   mojibake.
//!
//! An encoding given with `--encoding` overrides detection, and is also
//! decoded strictly. Nothing else is normalized: `\r\n` stays as it is.
//!
//! Detection order (no forced encoding):
//!
//! 1. empty input: an empty UTF-8 text;
//! 2. a byte-order mark: UTF-32 (refused), UTF-8, UTF-16LE, UTF-16BE;
//! 3. binary data — a NUL byte, or more than 2% (and at least three) C0
//!    control bytes other than tab, line feed, form feed, carriage return
//!    and escape — unless it reads as UTF-16 without a BOM (one byte order
//!    decodes cleanly to ordinary text with whitespace in it): an error
//!    naming the first offending byte; this applies to valid UTF-8 too;
//! 4. valid UTF-8, taken without copying (unless it is all ASCII with
//!    escape sequences that `chardetng` recognizes as ISO-2022-JP);
//! 5. UTF-8 with at most one invalid sequence per 4 KiB, among at least
//!    twice as many valid multi-byte sequences (or behind a UTF-8 BOM):
//!    decoded lossily, with a warning;
//! 6. mostly valid UTF-8 (eight times more valid multi-byte sequences than
//!    invalid ones) or a UTF-8 BOM, but too damaged for step 5: an error;
//! 7. `chardetng`'s guess (GBK is read as its superset GB18030), decoded
//!    strictly, where undefined bytes (C1 controls) also count as errors;
//!    a guess `chardetng` itself rates as likely wrong, or a single-byte
//!    encoding for data with under 5% ASCII, is refused as unrecognized;
//! 8. if step 7 fails but the invalid UTF-8 was rare, step 5's lossy
//!    decode after all; otherwise step 7's error.

use encoding_rs::{
    DecoderResult, Encoding, GB18030, GBK, ISO_2022_JP, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE,
    WINDOWS_874,
};

use super::SourceError;

/// A decoded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without any byte-order mark; line ends as in the source.
    pub text: String,
    /// The encoding the text was decoded from (UTF-8 for an empty text
    /// unless one was forced).
    pub encoding: &'static Encoding,
    /// The path as given, or `<stdin>`.
    pub name: String,
    /// Things the reader should tell the user, such as invalid UTF-8 that
    /// was replaced with U+FFFD. Each names the file.
    pub warnings: Vec<String>,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16BE_BOM: &[u8] = b"\xFE\xFF";
const UTF32LE_BOM: &[u8] = b"\xFF\xFE\x00\x00";
const UTF32BE_BOM: &[u8] = b"\x00\x00\xFE\xFF";

/// `bytes` as text, borrowed, when [`decode`] would take them as they are: valid UTF-8
/// without a byte-order mark, not binary, not ISO-2022-JP. Otherwise `None`, and the
/// caller decodes a copy.
pub fn as_plain_utf8(bytes: &[u8]) -> Option<&str> {
    if bytes.is_empty() || bytes.starts_with(UTF8_BOM) {
        return None;
    }
    let text = simdutf8::basic::from_utf8(bytes).ok()?;
    if refuse_binary(&RawStats::of(bytes), 0, "").is_err() {
        return None;
    }
    // `is_ascii` stops at the first non-ASCII byte: at once in a CJK text.
    if bytes.is_ascii() && memchr::memchr(0x1B, bytes).is_some() {
        return None;
    }
    Some(text)
}

/// Decode bytes already in memory; `name` is used in messages and kept in
/// [`Decoded::name`].
///
/// See the module documentation for the detection order. With `forced`,
/// the bytes are decoded strictly in that encoding (a BOM of that same
/// encoding is removed) and binary data is still refused.
pub fn decode(bytes: Vec<u8>, name: &str, forced: Option<&str>) -> Result<Decoded, SourceError> {
    let forced = forced.map(resolve_label).transpose()?;
    if bytes.is_empty() {
        return Ok(loaded(String::new(), forced.unwrap_or(UTF_8), name));
    }
    match forced {
        Some(encoding) => decode_forced(bytes, name, encoding),
        None => decode_detected(bytes, name),
    }
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

fn loaded(text: String, encoding: &'static Encoding, name: &str) -> Decoded {
    Decoded {
        text,
        encoding,
        name: name.to_owned(),
        warnings: Vec::new(),
    }
}

/// Decodes in the encoding the user named.
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
    if encoding == UTF_8 {
        let base = if bytes.starts_with(UTF8_BOM) {
            UTF8_BOM.len()
        } else {
            0
        };
        refuse_binary(&RawStats::of(&bytes[base..]), base, name)?;
        bytes.drain(..base);
        return String::from_utf8(bytes)
            .map(|text| loaded(text, UTF_8, name))
            .map_err(|e| {
                let offset = e.utf8_error().valid_up_to();
                undecodable(name, UTF_8, e.as_bytes(), offset, base)
            });
    }
    refuse_binary(&RawStats::of(&bytes), 0, name)?;
    let text = decode_checked(&bytes, 0, encoding, name)?;
    Ok(loaded(text, encoding, name))
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

    let stats = RawStats::of(&bytes);
    if let Err(e) = refuse_binary(&stats, base, name) {
        // UTF-16 without a BOM has NULs (the high halves of ASCII) or
        // control bytes (the low halves of many CJK characters).
        if base == 0 {
            if let Some(encoding) = utf16_without_bom(&bytes) {
                if let Ok(loaded) = decode_utf16(&bytes, 0, encoding, name) {
                    return Ok(loaded);
                }
            }
        }
        return Err(e);
    }

    let bytes = match utf8_string(bytes) {
        Ok(text) => {
            // ISO-2022-JP is 7-bit, so valid UTF-8, but not meant as ASCII.
            if text.is_ascii() && memchr::memchr(0x1B, text.as_bytes()).is_some() {
                let mut detector = chardetng::EncodingDetector::new();
                detector.feed(text.as_bytes(), true);
                if detector.guess(None, false) == ISO_2022_JP {
                    let decoded = decode_checked(text.as_bytes(), 0, ISO_2022_JP, name)?;
                    return Ok(loaded(decoded, ISO_2022_JP, name));
                }
            }
            return Ok(loaded(text, UTF_8, name));
        }
        Err(bytes) => bytes,
    };
    let scan = Utf8Scan::of(&bytes);
    // At most one invalid sequence per 4 KiB (started) of input.
    let rare = scan.invalid <= bytes.len().div_ceil(4096);
    // With a UTF-8 BOM, the BOM is evidence enough.
    if rare && (base != 0 || scan.valid_multibyte >= 2 * scan.invalid) {
        return Ok(lossy_utf8(&bytes, &scan, base, name));
    }
    if base != 0 || scan.valid_multibyte >= 8 * scan.invalid {
        // A UTF-8 BOM, or mostly valid UTF-8 multi-byte sequences: damaged
        // UTF-8, which no legacy encoding would read faithfully.
        return Err(undecodable(name, UTF_8, &bytes, scan.first_invalid, base));
    }
    let ascii = bytes.iter().filter(|b| b.is_ascii()).count();
    match decode_legacy(&bytes, name, ascii) {
        Ok(loaded) => Ok(loaded),
        Err(_) if rare => Ok(lossy_utf8(&bytes, &scan, base, name)),
        Err(e) => Err(e),
    }
}

/// Decodes with `chardetng`'s guess, strictly.
fn decode_legacy(bytes: &[u8], name: &str, ascii: usize) -> Result<Decoded, SourceError> {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let (guess, plausible) = detector.guess_assess(None, false);
    // encoding_rs decodes GBK exactly as GB18030; name the superset.
    let encoding = if guess == GBK { GB18030 } else { guess };
    // Text in a single-byte encoding has spaces, digits, punctuation and
    // line breaks in ASCII; Thai is the exception (no spaces between words).
    let too_little_ascii = encoding.is_single_byte()
        && encoding != WINDOWS_874
        && bytes.len() >= 64
        && ascii * 20 < bytes.len();
    if !plausible || too_little_ascii {
        return Err(SourceError::Unrecognized {
            name: name.to_owned(),
            guess: encoding,
        });
    }
    let text = decode_checked(bytes, 0, encoding, name)?;
    Ok(loaded(text, encoding, name))
}

/// Decodes UTF-16 from `bytes[base..]` (after a BOM of `base` bytes),
/// refusing malformed data and binary data.
fn decode_utf16(
    bytes: &[u8],
    base: usize,
    encoding: &'static Encoding,
    name: &str,
) -> Result<Decoded, SourceError> {
    let text = decode_checked(bytes, base, encoding, name)?;
    let body = &bytes[base..];
    let mut chars = 0;
    let mut controls = 0;
    let mut first_control = None;
    for (index, c) in text.chars().enumerate() {
        chars += 1;
        if c == '\0' {
            let offset = base + source_offset_of_char(body, encoding, index);
            return Err(binary(name, 0, offset));
        }
        if is_suspicious_control(c as u32) {
            controls += 1;
            first_control.get_or_insert((index, c as u8));
        }
    }
    if let Some((index, byte)) = first_control {
        if is_binary_share(controls, chars) {
            // The offset of the byte that holds the control's value: the low byte,
            // which comes second in big-endian UTF-16.
            let low = usize::from(encoding == UTF_16BE);
            let offset = base + source_offset_of_char(body, encoding, index) + low;
            return Err(binary(name, byte, offset));
        }
    }
    Ok(loaded(text, encoding, name))
}

/// Decodes `bytes[base..]` strictly: malformed sequences and C1 control
/// characters (which only come out of bytes a legacy encoding leaves
/// undefined) are errors naming the offset of the first bad byte.
fn decode_checked(
    bytes: &[u8],
    base: usize,
    encoding: &'static Encoding,
    name: &str,
) -> Result<String, SourceError> {
    let body = &bytes[base..];
    let text = decode_strict(body, encoding)
        .map_err(|offset| undecodable(name, encoding, bytes, base + offset, 0))?;
    if let Some(index) = text
        .chars()
        .position(|c| ('\u{80}'..='\u{9F}').contains(&c))
    {
        let offset = base + source_offset_of_char(body, encoding, index);
        return Err(undecodable(name, encoding, bytes, offset, 0));
    }
    Ok(text)
}

/// Decodes `bytes` without replacement; `Err` holds the offset of the first
/// malformed sequence. The output starts with room for 1.5 times the input
/// (enough for CJK double-byte encodings and UTF-16) and grows only when a
/// text needs more.
fn decode_strict(bytes: &[u8], encoding: &'static Encoding) -> Result<String, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    // CJK double-byte text and UTF-16 grow by at most half; rarer worse
    // cases get more room below.
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2 + 16);
    let mut pos = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[pos..], &mut text, true);
        pos += read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                let rest = bytes.len() - pos;
                let room = decoder
                    .max_utf8_buffer_length_without_replacement(rest)
                    .unwrap_or(rest);
                text.reserve_exact(room.max(16));
            }
            DecoderResult::Malformed(bad, after) => {
                return Err(pos.saturating_sub(usize::from(bad) + usize::from(after)));
            }
        }
    }
    text.shrink_to_fit();
    Ok(text)
}

/// The offset in `bytes` of the sequence that decodes to the `index`th
/// character (0-based) of the decoded text. Decodes byte by byte, so it is
/// kept for error paths.
fn source_offset_of_char(bytes: &[u8], encoding: &'static Encoding, index: usize) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = [0u8; 64];
    let mut seen = 0;
    let mut start = 0;
    for pos in 0..bytes.len() {
        let last = pos + 1 == bytes.len();
        let (_, _, written) =
            decoder.decode_to_utf8_without_replacement(&bytes[pos..=pos], &mut out, last);
        if written > 0 {
            let produced = std::str::from_utf8(&out[..written]).map_or(0, |s| s.chars().count());
            if seen + produced > index {
                return start;
            }
            seen += produced;
            start = pos + 1;
        }
    }
    start
}

/// Counts of bytes that tell text from binary data, in one pass.
struct RawStats {
    len: usize,
    first_nul: Option<usize>,
    first_control: Option<usize>,
    first_control_byte: u8,
    controls: usize,
}

impl RawStats {
    fn of(bytes: &[u8]) -> Self {
        let mut stats = RawStats {
            len: bytes.len(),
            first_nul: memchr::memchr(0, bytes),
            first_control: None,
            first_control_byte: 0,
            controls: 0,
        };
        // Runs of RUN bytes (at most 255, a multiple of the vector width): a run with no
        // byte below 0x20 but line feeds, as most runs of a text are, is passed over after
        // one comparison a byte; the others are counted in a byte-sized counter. Both loops
        // are branch-free, so the compiler vectorises them. The first control is looked
        // for only in the run where the first one shows up.
        const RUN: usize = 240;
        for (i, run) in bytes.chunks(RUN).enumerate() {
            let low = run
                .iter()
                .fold(false, |any, &b| any | ((b < 0x20) & (b != b'\n')));
            if !low {
                continue;
            }
            let mut controls = 0u8;
            for &b in run {
                controls += u8::from(
                    (b.wrapping_sub(1) < 0x1F)
                        & (b != 0x09)
                        & (b != 0x0A)
                        & (b != 0x0C)
                        & (b != 0x0D)
                        & (b != 0x1B),
                );
            }
            if controls > 0 && stats.controls == 0 {
                if let Some(at) = run
                    .iter()
                    .position(|&b| is_suspicious_control(u32::from(b)))
                {
                    stats.first_control = Some(i * RUN + at);
                    stats.first_control_byte = run[at];
                }
            }
            stats.controls += usize::from(controls);
        }
        stats
    }
}

/// `bytes` as a `String` if they are valid UTF-8, validated with SIMD (several times
/// faster than `String::from_utf8` on CJK text, where most bytes are not ASCII).
fn utf8_string(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return Err(bytes);
    }
    debug_assert!(std::str::from_utf8(&bytes).is_ok());
    // SAFETY: simdutf8 has just checked that `bytes` is valid UTF-8, which is the only
    // requirement of `from_utf8_unchecked`; nothing changes `bytes` in between.
    #[allow(unsafe_code)]
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}

/// Guesses UTF-16 without a BOM: of the two byte orders, the one whose
/// code units are well-formed, almost all (90%) in the scripts and
/// punctuation of ordinary text, free of NUL and C1 controls, and which has
/// ASCII or ideographic whitespace — and if both qualify, more of it (a
/// text read in the wrong order loses its line breaks and spaces).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() % 2 != 0 {
        return None;
    }
    match (utf16_profile(bytes, true), utf16_profile(bytes, false)) {
        (Some(le), Some(be)) if le > be => Some(UTF_16LE),
        (Some(le), Some(be)) if be > le => Some(UTF_16BE),
        (Some(_), None) => Some(UTF_16LE),
        (None, Some(_)) => Some(UTF_16BE),
        _ => None,
    }
}

/// For [`utf16_without_bom`]: the counts of whitespace and of ASCII in
/// `bytes` read as UTF-16 in one byte order, or `None` if that reading
/// does not look like text. Allocates nothing.
fn utf16_profile(bytes: &[u8], little_endian: bool) -> Option<(usize, usize)> {
    let units = bytes.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if little_endian {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let (mut total, mut plausible, mut controls, mut space, mut ascii) = (0, 0, 0, 0, 0);
    for c in char::decode_utf16(units) {
        let c = u32::from(c.ok()?);
        if c == 0 || (0x80..=0x9F).contains(&c) {
            return None;
        }
        total += 1;
        if is_suspicious_control(c) {
            controls += 1;
        }
        if matches!(c, 0x09 | 0x0A | 0x0D | 0x20 | 0x3000) {
            space += 1;
        }
        if c < 0x80 {
            ascii += 1;
        }
        if is_plausible_text(c) {
            plausible += 1;
        }
    }
    let looks_like_text =
        space > 0 && plausible * 10 >= total * 9 && !is_binary_share(controls, total);
    looks_like_text.then_some((space, ascii))
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

/// C0 control characters that do not occur in text (NUL is counted apart;
/// tab, line feed, form feed, carriage return and escape are allowed).
fn is_suspicious_control(c: u32) -> bool {
    c != 0 && c < 0x20 && !matches!(c, 0x09 | 0x0A | 0x0C | 0x0D | 0x1B)
}

/// Whether `count` controls among `total` units make binary data: more
/// than 2%, and at least three.
fn is_binary_share(count: usize, total: usize) -> bool {
    count >= 3 && count * 50 > total
}

/// Refuses NULs and a high share of control bytes; offsets are shifted by
/// `base`.
fn refuse_binary(stats: &RawStats, base: usize, name: &str) -> Result<(), SourceError> {
    if let Some(nul) = stats.first_nul {
        return Err(binary(name, 0, base + nul));
    }
    match stats.first_control {
        Some(first) if is_binary_share(stats.controls, stats.len) => {
            Err(binary(name, stats.first_control_byte, base + first))
        }
        _ => Ok(()),
    }
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
}

impl Utf8Scan {
    fn of(bytes: &[u8]) -> Self {
        let mut scan = Utf8Scan {
            invalid: 0,
            first_invalid: bytes.len(),
            valid_multibyte: 0,
        };
        let mut pos = 0;
        for chunk in bytes.utf8_chunks() {
            let valid = chunk.valid().as_bytes();
            scan.valid_multibyte += valid.iter().filter(|&&b| b >= 0xC0).count();
            pos += valid.len();
            if !chunk.invalid().is_empty() {
                if scan.invalid == 0 {
                    scan.first_invalid = pos;
                }
                scan.invalid += 1;
                pos += chunk.invalid().len();
            }
        }
        scan
    }
}

/// Decodes UTF-8 with U+FFFD for each invalid sequence, with a warning.
fn lossy_utf8(bytes: &[u8], scan: &Utf8Scan, base: usize, name: &str) -> Decoded {
    let mut loaded = loaded(String::from_utf8_lossy(bytes).into_owned(), UTF_8, name);
    let byte = bytes.get(scan.first_invalid).copied().unwrap_or(0);
    let what = if scan.invalid == 1 {
        "sequence"
    } else {
        "sequences"
    };
    loaded.warnings.push(format!(
        "{name}: {} invalid UTF-8 {what} replaced with U+FFFD (the first is byte 0x{byte:02X} at byte {})",
        scan.invalid,
        base + scan.first_invalid,
    ));
    loaded
}

#[cfg(test)]
mod tests;
