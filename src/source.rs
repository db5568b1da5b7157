//! Reading a text into memory and decoding it to UTF-8.
//!
//! A text comes from a path or from standard input ([`Origin`]). It is read
//! once into a single byte buffer and decoded into a [`Loaded`] text:
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

use std::fmt;
use std::io::{self, Read};
use std::path::PathBuf;

use encoding_rs::{
    DecoderResult, Encoding, GB18030, GBK, ISO_2022_JP, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE,
    WINDOWS_874,
};

/// Where a text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file, named by the path as the user gave it.
    Path(PathBuf),
    /// Standard input, named `<stdin>` in messages.
    Stdin,
}

/// A decoded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
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

/// Why a text could not be loaded. Every message but
/// [`SourceError::UnknownEncoding`] starts with the file's name.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The file does not exist.
    #[error("{name}: no such file")]
    NotFound {
        /// The path as given.
        name: String,
    },
    /// The path names a directory.
    #[error("{name}: is a directory")]
    IsDirectory {
        /// The path as given.
        name: String,
    },
    /// The file may not be read.
    #[error("{name}: permission denied")]
    PermissionDenied {
        /// The path as given.
        name: String,
    },
    /// Any other failure to read.
    #[error("{name}: cannot be read ({source})")]
    Io {
        /// The path as given, or `<stdin>`.
        name: String,
        /// The underlying error.
        source: io::Error,
    },
    /// The data is not text.
    #[error("{name}: not a text file (binary data: {} at byte {offset})", ByteKind(*byte))]
    Binary {
        /// The path as given, or `<stdin>`.
        name: String,
        /// The offending byte: 0 for NUL, else a control byte.
        byte: u8,
        /// Its offset from the start of the input.
        offset: usize,
    },
    /// The data is not valid in the detected or forced encoding.
    #[error(
        "{name}: cannot be decoded as {} (invalid byte 0x{byte:02X} at byte {offset})",
        display_name(encoding)
    )]
    Undecodable {
        /// The path as given, or `<stdin>`.
        name: String,
        /// The encoding that was tried.
        encoding: &'static Encoding,
        /// The first byte of the first invalid sequence.
        byte: u8,
        /// Its offset from the start of the input.
        offset: usize,
    },
    /// The detector's best guess is implausible for this data.
    #[error(
        "{name}: cannot tell the encoding (the best guess, {}, does not fit; try --encoding)",
        display_name(guess)
    )]
    Unrecognized {
        /// The path as given, or `<stdin>`.
        name: String,
        /// The rejected guess.
        guess: &'static Encoding,
    },
    /// The byte-order mark names an encoding this reader does not decode.
    #[error("{name}: {encoding} text is not supported (convert it to UTF-8)")]
    Unsupported {
        /// The path as given, or `<stdin>`.
        name: String,
        /// The encoding's name, e.g. `UTF-32LE`.
        encoding: &'static str,
    },
    /// The `--encoding` label names no known encoding.
    #[error("unknown encoding '{label}' (try utf-8, gb18030, big5, utf-16le, utf-16be)")]
    UnknownEncoding {
        /// The label as given.
        label: String,
    },
}

/// Describes an offending byte in a [`SourceError::Binary`] message.
struct ByteKind(u8);

impl fmt::Display for ByteKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            0 => f.write_str("NUL byte"),
            b => write!(f, "control byte 0x{b:02X}"),
        }
    }
}

/// An encoding's name for messages: encoding_rs's name, except that
/// `gb18030` is written as its standard spells it.
fn display_name(encoding: &'static Encoding) -> &'static str {
    if encoding == GB18030 {
        "GB18030"
    } else {
        encoding.name()
    }
}

/// The name used for standard input in messages.
const STDIN_NAME: &str = "<stdin>";

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16BE_BOM: &[u8] = b"\xFE\xFF";
const UTF32LE_BOM: &[u8] = b"\xFF\xFE\x00\x00";
const UTF32BE_BOM: &[u8] = b"\x00\x00\xFE\xFF";

/// Read and decode a text.
///
/// `forced` is an encoding label from `--encoding` (e.g. `gb18030`, `big5`,
/// `utf-16le`, `utf-8`; any WHATWG label works): it overrides detection and
/// is checked before anything is read. A directory, a missing file and a
/// file that may not be read are errors naming the path; an empty file is
/// an empty text.
pub fn load(origin: &Origin, forced: Option<&str>) -> Result<Loaded, SourceError> {
    if let Some(label) = forced {
        resolve_label(label)?;
    }
    match origin {
        Origin::Path(path) => {
            let name = path.display().to_string();
            let meta = std::fs::metadata(path).map_err(|e| io_error(&name, e))?;
            if meta.is_dir() {
                return Err(SourceError::IsDirectory { name });
            }
            let bytes = std::fs::read(path).map_err(|e| io_error(&name, e))?;
            decode(bytes, &name, forced)
        }
        Origin::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| io_error(STDIN_NAME, e))?;
            decode(bytes, STDIN_NAME, forced)
        }
    }
}

/// A file's bytes, mapped into memory when the file is a regular one, for a pass that only
/// reads them ([`map`]).
pub enum Bytes {
    /// The file, mapped read-only.
    Mapped(memmap2::Mmap),
    /// The file, read (an empty file, or one the system would not map).
    Read(Vec<u8>),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Mapped(m) => m,
            Bytes::Read(v) => v,
        }
    }
}

/// Map the file at `path` (or read it when it cannot be mapped), with the same errors as
/// [`load`]. Mapping spares the copy and the fresh pages of a read, which on a 10 MB text
/// cost more than a whole search; the text is then borrowed with [`as_plain_utf8`].
pub fn map(path: &std::path::Path) -> Result<Bytes, SourceError> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| io_error(&name, e))?;
    let meta = file.metadata().map_err(|e| io_error(&name, e))?;
    if meta.is_dir() {
        return Err(SourceError::IsDirectory { name });
    }
    if meta.is_file() && meta.len() > 0 {
        // SAFETY: the map is read-only and private to this process. Its bytes may change
        // only if another process rewrites the file while the map is alive (a search of
        // a few milliseconds), the risk ripgrep takes for the same gain; a file cut short
        // meanwhile would end the process with SIGBUS, not corrupt anything.
        #[allow(unsafe_code)]
        if let Ok(m) = unsafe { memmap2::Mmap::map(&file) } {
            return Ok(Bytes::Mapped(m));
        }
    }
    let mut bytes = Vec::new();
    (&file)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(&name, e))?;
    Ok(Bytes::Read(bytes))
}

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
/// [`Loaded::name`].
///
/// See the module documentation for the detection order. With `forced`,
/// the bytes are decoded strictly in that encoding (a BOM of that same
/// encoding is removed) and binary data is still refused.
pub fn decode(bytes: Vec<u8>, name: &str, forced: Option<&str>) -> Result<Loaded, SourceError> {
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
fn resolve_label(label: &str) -> Result<&'static Encoding, SourceError> {
    match Encoding::for_label(label.as_bytes()) {
        Some(encoding) if encoding != REPLACEMENT => Ok(encoding),
        _ => Err(SourceError::UnknownEncoding {
            label: label.to_owned(),
        }),
    }
}

/// Maps an I/O error to the error for `name`.
fn io_error(name: &str, error: io::Error) -> SourceError {
    let name = name.to_owned();
    match error.kind() {
        io::ErrorKind::NotFound => SourceError::NotFound { name },
        io::ErrorKind::PermissionDenied => SourceError::PermissionDenied { name },
        io::ErrorKind::IsADirectory => SourceError::IsDirectory { name },
        _ => SourceError::Io {
            name,
            source: error,
        },
    }
}

fn loaded(text: String, encoding: &'static Encoding, name: &str) -> Loaded {
    Loaded {
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
) -> Result<Loaded, SourceError> {
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
fn decode_detected(mut bytes: Vec<u8>, name: &str) -> Result<Loaded, SourceError> {
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
fn decode_legacy(bytes: &[u8], name: &str, ascii: usize) -> Result<Loaded, SourceError> {
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
) -> Result<Loaded, SourceError> {
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
fn lossy_utf8(bytes: &[u8], scan: &Utf8Scan, base: usize, name: &str) -> Loaded {
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
mod tests {
    use super::*;
    use encoding_rs::{BIG5, WINDOWS_1252};

    #[test]
    fn raw_stats_count_like_a_byte_by_byte_pass() {
        let text = "天慶五年。秋七月朔，日食。\n".repeat(40);
        let mut inputs = vec![Vec::new(), text.clone().into_bytes()];
        // Every low byte, alone and in pairs, at and around the 240-byte run boundaries.
        for b in 0u8..0x20 {
            for at in [0, 1, 239, 240, 241, 479, 480, text.len() - 1] {
                let mut v = text.clone().into_bytes();
                v[at] = b;
                inputs.push(v.clone());
                v[at + 1 - usize::from(at + 1 == text.len())] = 0x07;
                inputs.push(v);
            }
        }
        for bytes in &inputs {
            let stats = RawStats::of(bytes);
            let suspicious = |p: &(usize, &u8)| is_suspicious_control(u32::from(*p.1));
            let first = bytes.iter().enumerate().find(suspicious);
            assert_eq!(stats.len, bytes.len());
            assert_eq!(stats.first_nul, bytes.iter().position(|&b| b == 0));
            assert_eq!(
                stats.controls,
                bytes.iter().enumerate().filter(suspicious).count()
            );
            assert_eq!(stats.first_control, first.map(|(i, _)| i));
            assert_eq!(stats.first_control_byte, first.map_or(0, |p| *p.1));
        }
    }

    const SEED: &str = include_str!("../tests/fixtures/encodings/seed.utf8.txt");
    const SEED_GB18030: &[u8] = include_bytes!("../tests/fixtures/encodings/seed.gb18030.txt");
    const SEED_BIG5: &[u8] = include_bytes!("../tests/fixtures/encodings/seed.big5.txt");
    const SEED_UTF16LE: &[u8] = include_bytes!("../tests/fixtures/encodings/seed.utf16le.txt");
    const SEED_UTF16BE: &[u8] = include_bytes!("../tests/fixtures/encodings/seed.utf16be.txt");
    const SEED_UTF8BOM: &[u8] = include_bytes!("../tests/fixtures/encodings/seed.utf8bom.txt");
    const SIMPLIFIED_GBK: &[u8] =
        include_bytes!("../tests/fixtures/encodings/seed-simplified.gbk.txt");
    const SIMPLIFIED: &str = include_str!("../tests/fixtures/encodings/seed-simplified.utf8.txt");

    /// Seed characters Big5 lacks, and what the Big5 fixture has instead
    /// (see tests/fixtures/encodings/README.md).
    const BIG5_REPLACEMENTS: [(char, char); 7] = [
        ('鬭', '鬥'),
        ('羣', '群'),
        ('衆', '眾'),
        ('擕', '攜'),
        ('覩', '睹'),
        ('衞', '衛'),
        ('駡', '罵'),
    ];

    fn ok(bytes: &[u8], forced: Option<&str>) -> Loaded {
        match decode(bytes.to_vec(), "t.txt", forced) {
            Ok(loaded) => loaded,
            Err(e) => panic!("unexpected error: {e}"),
        }
    }

    fn err(bytes: &[u8], forced: Option<&str>) -> SourceError {
        match decode(bytes.to_vec(), "t.txt", forced) {
            Ok(loaded) => panic!(
                "unexpected success as {}: {:?}",
                loaded.encoding.name(),
                loaded.text.chars().take(40).collect::<String>()
            ),
            Err(e) => e,
        }
    }

    /// A deterministic xorshift generator, for noise.
    struct Noise(u64);

    impl Noise {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn bytes(&mut self, len: usize, low: u8) -> Vec<u8> {
            let span = 256 - u64::from(low);
            (0..len)
                .map(|_| low + u8::try_from(self.next() % span).unwrap())
                .collect()
        }
    }

    /// A scratch directory for tests that need files, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(tag: &str) -> Self {
            let dir =
                std::env::temp_dir().join(format!("annals-source-{tag}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            TempDir(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn utf8_is_taken_without_copying() {
        let bytes = SEED.as_bytes().to_vec();
        let ptr = bytes.as_ptr();
        let loaded = decode(bytes, "seed.txt", None).unwrap();
        assert_eq!(loaded.text, SEED);
        assert_eq!(loaded.text.as_ptr(), ptr);
        assert_eq!(loaded.encoding, UTF_8);
        assert_eq!(loaded.name, "seed.txt");
        assert!(loaded.warnings.is_empty());
    }

    #[test]
    fn utf8_bom_is_stripped() {
        assert!(SEED_UTF8BOM.starts_with(UTF8_BOM));
        let loaded = ok(SEED_UTF8BOM, None);
        assert_eq!(loaded.text, SEED);
        assert!(!loaded.text.contains('\u{FEFF}'));
        assert_eq!(loaded.encoding, UTF_8);
        assert!(loaded.warnings.is_empty());
        assert_eq!(ok(SEED_UTF8BOM, Some("utf-8")).text, SEED);
    }

    #[test]
    fn gb18030_is_detected() {
        let loaded = ok(SEED_GB18030, None);
        assert_eq!(loaded.encoding, GB18030);
        assert_eq!(loaded.text, SEED);
        assert!(loaded.warnings.is_empty());
    }

    #[test]
    fn big5_is_detected() {
        let expected: String = SEED
            .chars()
            .map(|c| {
                BIG5_REPLACEMENTS
                    .iter()
                    .find(|(from, _)| *from == c)
                    .map_or(c, |(_, to)| *to)
            })
            .collect();
        let loaded = ok(SEED_BIG5, None);
        assert_eq!(loaded.encoding, BIG5);
        assert_eq!(loaded.text, expected);
    }

    #[test]
    fn simplified_gbk_is_gb18030_not_big5() {
        let loaded = ok(SIMPLIFIED_GBK, None);
        assert_eq!(loaded.encoding, GB18030);
        assert_eq!(loaded.text, SIMPLIFIED);
        // The same bytes read as Big5 are an error, not mojibake.
        assert!(matches!(
            err(SIMPLIFIED_GBK, Some("big5")),
            SourceError::Undecodable { encoding, .. } if encoding == BIG5
        ));
    }

    #[test]
    fn utf16_with_bom() {
        for (bytes, encoding) in [(SEED_UTF16LE, UTF_16LE), (SEED_UTF16BE, UTF_16BE)] {
            let loaded = ok(bytes, None);
            assert_eq!(loaded.encoding, encoding);
            assert_eq!(loaded.text, SEED);
            assert_eq!(ok(bytes, Some(encoding.name())).text, SEED);
        }
    }

    #[test]
    fn utf16_without_bom() {
        for (bytes, encoding) in [(SEED_UTF16LE, UTF_16LE), (SEED_UTF16BE, UTF_16BE)] {
            let loaded = ok(&bytes[2..], None);
            assert_eq!(loaded.encoding, encoding);
            assert_eq!(loaded.text, SEED);
        }
        let loaded = ok(b"a\0b\0\n\0", None);
        assert_eq!((loaded.text.as_str(), loaded.encoding), ("ab\n", UTF_16LE));
    }

    #[test]
    fn utf16_errors_name_the_offset() {
        // An unpaired high surrogate at code unit 3 (after the BOM).
        let bytes = b"\xFF\xFEa\0b\0\x00\xD8c\0";
        let e = err(bytes, None);
        assert!(
            matches!(e, SourceError::Undecodable { encoding, offset: 6, .. } if encoding == UTF_16LE),
            "{e}"
        );
        // A NUL character is binary data.
        let e = err(b"\xFE\xFF\0a\0\0\0b", None);
        assert!(
            matches!(
                e,
                SourceError::Binary {
                    byte: 0,
                    offset: 4,
                    ..
                }
            ),
            "{e}"
        );
    }

    #[test]
    fn utf16_odd_length_is_an_error() {
        let mut bytes = SEED_UTF16LE.to_vec();
        bytes.push(b'x');
        let e = err(&bytes, None);
        assert!(
            matches!(e, SourceError::Undecodable { byte: b'x', offset, .. } if offset == SEED_UTF16LE.len()),
            "{e}"
        );
    }

    #[test]
    fn io_errors_map_to_messages() {
        let cases = [
            (io::ErrorKind::NotFound, "x: no such file"),
            (io::ErrorKind::PermissionDenied, "x: permission denied"),
            (io::ErrorKind::IsADirectory, "x: is a directory"),
            (io::ErrorKind::InvalidData, "x: cannot be read (boom)"),
        ];
        for (kind, message) in cases {
            let e = io_error("x", io::Error::new(kind, "boom"));
            assert_eq!(e.to_string(), message);
        }
    }

    #[test]
    fn crlf_is_kept() {
        let crlf = SEED.replace('\n', "\r\n");
        let (bytes, _, _) = GB18030.encode(&crlf);
        assert_eq!(ok(&bytes, None).text, crlf);
        assert_eq!(ok(crlf.as_bytes(), None).text, crlf);
    }

    #[test]
    fn binary_bytes_name_the_first_nul() {
        let all: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        let e = err(&all, None);
        assert!(
            matches!(
                e,
                SourceError::Binary {
                    byte: 0,
                    offset: 0,
                    ..
                }
            ),
            "{e}"
        );

        let mut after_text = SEED.as_bytes()[..999].to_vec();
        after_text.extend_from_slice(&all);
        let e = err(&after_text, None);
        assert!(matches!(e, SourceError::Binary { offset: 999, .. }), "{e}");

        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";
        let e = err(png, None);
        assert_eq!(
            e.to_string(),
            "t.txt: not a text file (binary data: NUL byte at byte 8)"
        );
        // Forcing an encoding does not make binary data text.
        let e = err(png, Some("gb18030"));
        assert!(matches!(e, SourceError::Binary { offset: 8, .. }), "{e}");
        // Valid UTF-8 with a NUL is not text either.
        let e = err(b"abc\0def", None);
        assert!(matches!(e, SourceError::Binary { offset: 3, .. }), "{e}");
    }

    #[test]
    fn control_bytes_are_binary() {
        let controls: Vec<u8> = (1..=255u8).cycle().take(2550).collect();
        let e = err(&controls, None);
        assert_eq!(
            e.to_string(),
            "t.txt: not a text file (binary data: control byte 0x01 at byte 0)"
        );
        // A few stray controls in a text are kept.
        let cut = SEED.char_indices().nth(1000).unwrap().0;
        let text = format!("{}\x07\x1a", &SEED[..cut]);
        assert_eq!(ok(text.as_bytes(), None).text, text);
        // Tab, form feed and escape are text.
        let text = "\t\x0c\x1b[1m\x1b[0m\r\n".repeat(10);
        let loaded = ok(text.as_bytes(), None);
        assert_eq!((loaded.text, loaded.encoding), (text, UTF_8));
        // Escape sequences of ISO-2022-JP are decoded.
        let japanese = "日本語のテキストです。\n";
        let (bytes, _, _) = ISO_2022_JP.encode(japanese);
        let loaded = ok(&bytes, None);
        assert_eq!(
            (loaded.text.as_str(), loaded.encoding),
            (japanese, ISO_2022_JP)
        );
    }

    #[test]
    fn stray_invalid_byte_is_replaced_with_a_warning() {
        let at = SEED.char_indices().nth(1000).unwrap().0;
        let mut bytes = SEED.as_bytes().to_vec();
        bytes.insert(at, 0xFF);
        let loaded = ok(&bytes, None);
        assert_eq!(loaded.encoding, UTF_8);
        assert_eq!(loaded.text.matches('\u{FFFD}').count(), 1);
        assert_eq!(loaded.text.replace('\u{FFFD}', ""), SEED);
        assert_eq!(
            loaded.warnings,
            [format!(
                "t.txt: 1 invalid UTF-8 sequence replaced with U+FFFD (the first is byte 0xFF at byte {at})"
            )]
        );
        // Behind a BOM, offsets count the BOM.
        let mut with_bom = UTF8_BOM.to_vec();
        with_bom.extend_from_slice(&bytes);
        let loaded = ok(&with_bom, None);
        assert!(
            loaded.warnings[0].contains(&format!("at byte {})", at + 3)),
            "{:?}",
            loaded.warnings
        );
        // Forced UTF-8 does not guess: an error at the same offset.
        let e = err(&bytes, Some("utf-8"));
        assert_eq!(
            e.to_string(),
            format!("t.txt: cannot be decoded as UTF-8 (invalid byte 0xFF at byte {at})")
        );
    }

    #[test]
    fn damaged_utf8_is_an_error() {
        let mut bytes = Vec::new();
        let mut first = None;
        for (i, c) in SEED.char_indices() {
            if i > 0 && i % 100 < 3 {
                first.get_or_insert(bytes.len());
                bytes.push(0xFF);
            }
            let mut buf = [0; 4];
            bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
        let e = err(&bytes, None);
        assert!(
            matches!(e, SourceError::Undecodable { encoding, byte: 0xFF, offset, .. }
                if encoding == UTF_8 && Some(offset) == first),
            "{e}"
        );
    }

    #[test]
    fn random_high_bytes_are_an_error() {
        let mut noise = Noise(0x9E37_79B9_7F4A_7C15);
        for len in [64, 500, 4096, 20000] {
            let bytes = noise.bytes(len, 0x80);
            let e = err(&bytes, None);
            assert!(
                matches!(
                    e,
                    SourceError::Undecodable { .. } | SourceError::Unrecognized { .. }
                ),
                "{e}"
            );
        }
        // Only Latin-1 letters, yet no Latin text.
        let e = err(&noise.bytes(4096, 0xA0), None);
        assert!(matches!(e, SourceError::Unrecognized { .. }), "{e}");
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        let mut noise = Noise(12345);
        for round in 0..300 {
            let len = usize::try_from(noise.next() % 700).unwrap();
            let low = [0u8, 0x20, 0x80][round % 3];
            let bytes = noise.bytes(len, low);
            for forced in [
                None,
                Some("gb18030"),
                Some("big5"),
                Some("utf-16be"),
                Some("utf-8"),
            ] {
                let _ = decode(bytes.clone(), "noise", forced);
            }
            // Text with noise spliced in.
            let mut mixed = SEED.as_bytes()[..len * 3].to_vec();
            let at = usize::try_from(noise.next()).unwrap() % (mixed.len() + 1);
            mixed.splice(at..at, bytes.iter().take(5).copied());
            let _ = decode(mixed, "mixed", None);
        }
    }

    #[test]
    fn legacy_offsets_are_exact() {
        // The offset is that of the first byte of the invalid sequence.
        let (head, _, _) = GB18030.encode("契丹国志 宋 叶隆礼  撰 \n\n经进契丹国志表");
        let mut bytes = head.into_owned();
        let at = bytes.len();
        bytes.push(0xFF);
        bytes.extend_from_slice(SIMPLIFIED_GBK);
        let e = err(&bytes, Some("gb18030"));
        assert_eq!(
            e.to_string(),
            format!("t.txt: cannot be decoded as GB18030 (invalid byte 0xFF at byte {at})")
        );
        // Detection reads it as GB18030 too, and says so.
        let e = err(&bytes, None);
        assert!(
            matches!(e, SourceError::Undecodable { encoding, offset, .. } if encoding == GB18030 && offset == at),
            "{e}"
        );
        // A lead byte cut off at the end.
        let mut cut = SEED_GB18030.to_vec();
        cut.push(0xB0);
        let e = err(&cut, Some("gbk"));
        assert!(
            matches!(e, SourceError::Undecodable { byte: 0xB0, offset, .. } if offset == SEED_GB18030.len()),
            "{e}"
        );
        // A byte that windows-1252 leaves undefined.
        let e = err(b"caf\xe9 \x81", Some("windows-1252"));
        assert!(
            matches!(
                e,
                SourceError::Undecodable {
                    byte: 0x81,
                    offset: 5,
                    ..
                }
            ),
            "{e}"
        );
    }

    #[test]
    fn mostly_ascii_legacy_texts() {
        let (gbk, _, _) = GBK.encode("Hello world, plain ASCII with 中文 inside.\n");
        let loaded = ok(&gbk, None);
        assert_eq!(loaded.encoding, GB18030);
        assert_eq!(loaded.text, "Hello world, plain ASCII with 中文 inside.\n");

        let loaded = ok(
            b"caf\xe9 na\xefve r\xe9sum\xe9, plain English otherwise.\n",
            None,
        );
        assert_eq!(loaded.encoding, WINDOWS_1252);
        assert_eq!(loaded.text, "café naïve résumé, plain English otherwise.\n");

        // A stray byte in ASCII that no legacy encoding reads: lossy UTF-8.
        let loaded = ok(b"plain ASCII text with one stray \x81 byte\n", None);
        assert_eq!(loaded.encoding, UTF_8);
        assert_eq!(
            loaded.text,
            "plain ASCII text with one stray \u{FFFD} byte\n"
        );
        assert_eq!(loaded.warnings.len(), 1);
        assert!(
            loaded.warnings[0].contains("at byte 32"),
            "{:?}",
            loaded.warnings
        );
    }

    #[test]
    fn forced_labels() {
        assert_eq!(ok(SEED_GB18030, Some("GB18030")).text, SEED);
        assert_eq!(ok(SEED_GB18030, Some(" gbk ")).text, SEED);
        assert_eq!(ok(SEED_BIG5, Some("big5")).encoding, BIG5);
        // The wrong label is an error, not a guess.
        let e = err(SEED_GB18030, Some("utf-8"));
        assert!(
            matches!(e, SourceError::Undecodable { offset: 0, .. }),
            "{e}"
        );
        let e = err(SEED_BIG5, Some("utf-16le"));
        assert!(matches!(e, SourceError::Undecodable { .. }), "{e}");
        let e = err(SEED_GB18030, Some("big5"));
        assert!(matches!(e, SourceError::Undecodable { .. }), "{e}");
    }

    #[test]
    fn unknown_labels() {
        for label in ["foo", "replacement", "iso-2022-kr", ""] {
            let e = err(SEED.as_bytes(), Some(label));
            assert_eq!(
                e.to_string(),
                format!(
                    "unknown encoding '{label}' (try utf-8, gb18030, big5, utf-16le, utf-16be)"
                )
            );
        }
        // Checked before the file is looked at.
        let e = load(&Origin::Path("no/such/file".into()), Some("foo")).unwrap_err();
        assert!(matches!(e, SourceError::UnknownEncoding { .. }), "{e}");
    }

    #[test]
    fn empty_input() {
        let loaded = ok(b"", None);
        assert_eq!((loaded.text.as_str(), loaded.encoding), ("", UTF_8));
        assert!(loaded.warnings.is_empty());
        assert_eq!(ok(b"", Some("big5")).encoding, BIG5);
    }

    #[test]
    fn utf32_is_refused() {
        let e = err(b"\xFF\xFE\0\0a\0\0\0", None);
        assert_eq!(
            e.to_string(),
            "t.txt: UTF-32LE text is not supported (convert it to UTF-8)"
        );
    }

    #[test]
    fn load_reads_files() {
        let dir = TempDir::new("load");
        let path = dir.0.join("seed.gb18030.txt");
        std::fs::write(&path, SEED_GB18030).unwrap();
        let loaded = load(&Origin::Path(path.clone()), None).unwrap();
        assert_eq!(loaded.text, SEED);
        assert_eq!(loaded.name, path.display().to_string());
        assert_eq!(loaded.encoding, GB18030);

        let empty = dir.0.join("empty.txt");
        std::fs::write(&empty, b"").unwrap();
        assert_eq!(load(&Origin::Path(empty), None).unwrap().text, "");
    }

    #[test]
    fn load_errors_name_the_path() {
        let dir = TempDir::new("errors");
        let missing = dir.0.join("missing.txt");
        let e = load(&Origin::Path(missing.clone()), None).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("{}: no such file", missing.display())
        );

        let e = load(&Origin::Path(dir.0.clone()), None).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("{}: is a directory", dir.0.display())
        );
    }

    #[cfg(unix)]
    #[test]
    fn load_permission_denied() {
        use std::os::unix::fs::PermissionsExt;
        let dir = TempDir::new("perm");
        let path = dir.0.join("locked.txt");
        std::fs::write(&path, SEED).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read(&path).is_ok() {
            // Root (or a capability) reads anything: nothing to test.
            eprintln!("load_permission_denied: skipped, this user can read a mode-000 file");
            return;
        }
        let e = load(&Origin::Path(path.clone()), None).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("{}: permission denied", path.display())
        );
    }
}
