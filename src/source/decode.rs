//! Decoding bytes to UTF-8 text.
//!
//! A text's bytes, read once into a single buffer (see [`super::load`]), are decoded
//! into a [`Decoded`] text. Detection considers only the encodings a Chinese text is
//! written in: UTF-8, UTF-16 (LE or BE, with or without a byte-order mark), GB18030 (and
//! its subsets GBK and GB2312) and Big5. Any other encoding (Shift_JIS, EUC-KR,
//! windows-1252 …) is named with `--encoding`, which overrides detection and decodes
//! strictly. Nothing else is normalized: `\r\n` stays as it is.
//!
//! Detection order (no forced encoding):
//!
//! 1. empty input: an empty UTF-8 text;
//! 2. a byte-order mark: UTF-32 (refused), UTF-8, UTF-16LE, UTF-16BE;
//! 3. a known binary format (an image, an archive, an executable …, see
//!    [`binary::signature`]): refused, named;
//! 4. UTF-16 without a byte-order mark, when the bytes are not plain UTF-8 text (they
//!    have NULs or control bytes, or are not UTF-8) and one byte order reads as text:
//!    almost all code units in the scripts of ordinary text, and either whitespace
//!    (ASCII's zero high bytes make `\n` `0A 00`) or nine in ten of them CJK ideographs
//!    and punctuation, with zero bytes only where ASCII puts them — so a line of CJK
//!    text with no newline is recognised by its code units, and ASCII read in the wrong
//!    order (`a\0` as U+6100) is not;
//! 5. binary data by proportion: more than one byte in twenty (and at least three) a NUL
//!    or a C0 control other than tab, line feed, form feed, carriage return and escape —
//!    an error naming the first; fewer are kept, shown as placeholders, with a warning;
//! 6. valid UTF-8, taken without copying;
//! 7. UTF-8 with at most one invalid sequence per 4 KiB, among at least twice as many
//!    valid multi-byte sequences (or behind a UTF-8 BOM): decoded lossily, with a warning;
//! 8. mostly valid UTF-8 (eight times more valid multi-byte sequences than invalid ones)
//!    or a UTF-8 BOM, but too damaged for step 7: an error;
//! 9. GB18030 or Big5, whichever reads more like an annal (see `legacy.rs`; a tie goes
//!    to GB18030), decoded strictly; a weak guess (a few characters) is said in a
//!    warning naming the other encoding and `--encoding`; a text neither reads as
//!    Chinese is refused;
//! 10. if step 9 fails but the invalid UTF-8 was rare, step 7's lossy decode after all;
//!     otherwise step 9's error.

use encoding_rs::{DecoderResult, Encoding, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE};

use super::SourceError;
use super::error::display_name;

mod binary;
mod legacy;

use binary::{RawStats, is_binary_share, is_stray_control, stray_controls_warning};

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
/// without a byte-order mark and without stray control bytes (which would call for a
/// warning, or make the bytes binary data or UTF-16). Otherwise `None`, and the caller
/// decodes a copy.
pub fn as_plain_utf8(bytes: &[u8]) -> Option<&str> {
    if bytes.is_empty() || bytes.starts_with(UTF8_BOM) {
        return None;
    }
    let text = simdutf8::basic::from_utf8(bytes).ok()?;
    (RawStats::of(bytes).controls == 0).then_some(text)
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

/// `loaded`, with the warning for the stray controls `stats` counted (offsets shifted by
/// `base`), if any.
fn loaded_with(
    text: String,
    encoding: &'static Encoding,
    name: &str,
    stats: &RawStats,
    base: usize,
) -> Decoded {
    let mut d = loaded(text, encoding, name);
    if let Some(first) = stats.first {
        d.warnings.push(stray_controls_warning(
            name,
            stats.controls,
            stats.first_byte,
            base + first,
        ));
    }
    d
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
    let base = if encoding == UTF_8 && bytes.starts_with(UTF8_BOM) {
        UTF8_BOM.len()
    } else {
        0
    };
    let stats = RawStats::of(&bytes[base..]);
    refuse_binary(&bytes[base..], &stats, base, name)?;
    if encoding == UTF_8 {
        bytes.drain(..base);
        return match String::from_utf8(bytes) {
            Ok(text) => Ok(loaded_with(text, UTF_8, name, &stats, base)),
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                Err(undecodable(name, UTF_8, e.as_bytes(), offset, base))
            }
        };
    }
    let text = decode_checked(&bytes, 0, encoding, name)?;
    Ok(loaded_with(text, encoding, name, &stats, 0))
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
    let utf8 = simdutf8::basic::from_utf8(&bytes).is_ok();
    // UTF-16 without a BOM is not UTF-8, or is ASCII with NULs (the high halves of ASCII)
    // or control bytes (the low halves of many CJK characters: 。 is 02 30). Valid UTF-8
    // with characters beyond ASCII is UTF-8.
    let maybe_utf16 = if utf8 {
        stats.controls > 0 && bytes.is_ascii()
    } else {
        true
    };
    if base == 0 && maybe_utf16 {
        if let Some(encoding) = utf16_without_bom(&bytes) {
            if let Ok(loaded) = decode_utf16(&bytes, 0, encoding, name) {
                return Ok(loaded);
            }
        }
    }
    refuse_binary(&bytes, &stats, base, name)?;

    let bytes = match utf8_string(bytes) {
        Ok(text) => return Ok(loaded_with(text, UTF_8, name, &stats, base)),
        Err(bytes) => bytes,
    };
    let scan = Utf8Scan::of(&bytes);
    // At most one invalid sequence per 4 KiB (started) of input.
    let rare = scan.invalid <= bytes.len().div_ceil(4096);
    // With a UTF-8 BOM, the BOM is evidence enough.
    if rare && (base != 0 || scan.valid_multibyte >= 2 * scan.invalid) {
        return Ok(lossy_utf8(&bytes, &scan, &stats, base, name));
    }
    if base != 0 || scan.valid_multibyte >= 8 * scan.invalid {
        // A UTF-8 BOM, or mostly valid UTF-8 multi-byte sequences: damaged
        // UTF-8, which no legacy encoding would read faithfully.
        return Err(undecodable(name, UTF_8, &bytes, scan.first_invalid, base));
    }
    match legacy::choose(&bytes) {
        Ok(choice) => {
            let mut d = loaded_with(choice.text, choice.encoding, name, &stats, 0);
            if let Some(rival) = choice.rival {
                d.warnings.push(format!(
                    "{name}: read as {}, a guess from a few characters ({} reads them too); \
                     if the text looks wrong, name its encoding with --encoding {}",
                    display_name(choice.encoding),
                    display_name(rival),
                    label(rival),
                ));
            }
            Ok(d)
        }
        Err(_) if rare => Ok(lossy_utf8(&bytes, &scan, &stats, base, name)),
        Err(legacy::Failure::Invalid { encoding, offset }) => {
            Err(undecodable(name, encoding, &bytes, offset, 0))
        }
        Err(legacy::Failure::Unrecognized) => Err(SourceError::Unrecognized {
            name: name.to_owned(),
        }),
    }
}

/// The `--encoding` label that names `encoding`.
fn label(encoding: &'static Encoding) -> String {
    display_name(encoding).to_ascii_lowercase()
}

/// Decodes UTF-16 from `bytes[base..]` (after a BOM of `base` bytes), strictly; binary
/// data (stray controls in a high proportion) is refused, a few are kept with a warning.
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
        if is_stray_control(u32::from(c)) {
            controls += 1;
            first_control.get_or_insert((index, c as u8));
        }
    }
    let Some((index, byte)) = first_control else {
        return Ok(loaded(text, encoding, name));
    };
    // The offset of the byte that holds the control's value: the low byte, which comes
    // second in big-endian UTF-16.
    let low = usize::from(encoding == UTF_16BE);
    let offset = base + source_offset_of_char(body, encoding, index) + low;
    if is_binary_share(controls, chars) {
        return Err(binary(name, byte, offset));
    }
    let mut d = loaded(text, encoding, name);
    d.warnings
        .push(stray_controls_warning(name, controls, byte, offset));
    Ok(d)
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
    let text = decode_strict(body, encoding, true)
        .map_err(|offset| undecodable(name, encoding, bytes, base + offset, 0))?;
    if let Some(offset) = first_c1(&text, body, encoding) {
        return Err(undecodable(name, encoding, bytes, base + offset, 0));
    }
    Ok(text)
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

/// Guesses UTF-16 without a BOM: the byte order whose code units read as text (see
/// [`utf16_profile`]); if both do, the one with more whitespace and CJK (a text read in
/// the wrong order loses its line breaks, and most of its ideographs).
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

/// For [`utf16_without_bom`]: `bytes` read as UTF-16 in one byte order, if that reading
/// looks like text — well-formed, free of C1 controls, not binary, nine in ten code
/// units in the scripts of ordinary text, and either with whitespace (a line break, a
/// space, U+3000), or nine in ten of them ASCII (zero high bytes), or nine in ten CJK
/// ideographs and punctuation, at most half with a zero low byte (ASCII read in the wrong order
/// gives ideographs like U+6100 for `a`, each with a zero low byte). Its measure: the
/// count of whitespace and CJK units, then of ASCII ones. Allocates nothing.
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
    let (mut plausible, mut controls, mut space, mut ascii, mut cjk, mut zero_low) =
        (0, 0, 0, 0, 0, 0);
    for c in char::decode_utf16(units) {
        let c = u32::from(c.ok()?);
        if (0x80..=0x9F).contains(&c) {
            return None;
        }
        total += 1;
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
    let text = plausible * 10 >= total * 9 && !is_binary_share(controls, total);
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
fn lossy_utf8(bytes: &[u8], scan: &Utf8Scan, stats: &RawStats, base: usize, name: &str) -> Decoded {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let mut loaded = loaded_with(text, UTF_8, name, stats, base);
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
