//! Decoding and loading: every encoding, every refusal, offsets of bad bytes.

use std::io;
use std::path::PathBuf;

use encoding_rs::{BIG5, GB18030, GBK, ISO_2022_JP};

use super::*;
use crate::source::error::io_error;
use crate::source::{Origin, load};

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
        let stray = |p: &(usize, &u8)| is_stray_control(u32::from(*p.1));
        let first = bytes.iter().enumerate().find(stray);
        assert_eq!(stats.len, bytes.len());
        assert_eq!(
            stats.controls,
            bytes.iter().enumerate().filter(stray).count()
        );
        assert_eq!(stats.first, first.map(|(i, _)| i));
        assert_eq!(stats.first_byte, first.map_or(0, |p| *p.1));
    }
}

const SEED: &str = include_str!("../../../tests/fixtures/encodings/seed.utf8.txt");
const SEED_GB18030: &[u8] = include_bytes!("../../../tests/fixtures/encodings/seed.gb18030.txt");
const SEED_BIG5: &[u8] = include_bytes!("../../../tests/fixtures/encodings/seed.big5.txt");
const SEED_UTF16LE: &[u8] = include_bytes!("../../../tests/fixtures/encodings/seed.utf16le.txt");
const SEED_UTF16BE: &[u8] = include_bytes!("../../../tests/fixtures/encodings/seed.utf16be.txt");
const SEED_UTF8BOM: &[u8] = include_bytes!("../../../tests/fixtures/encodings/seed.utf8bom.txt");
const SIMPLIFIED_GBK: &[u8] =
    include_bytes!("../../../tests/fixtures/encodings/seed-simplified.gbk.txt");
const SIMPLIFIED: &str = include_str!("../../../tests/fixtures/encodings/seed-simplified.utf8.txt");

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

fn ok(bytes: &[u8], forced: Option<&str>) -> Decoded {
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
        let dir = std::env::temp_dir().join(format!("annals-source-{tag}-{}", std::process::id()));
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
    // Issue 12, item 5: one line of CJK, no newline, no space: told by its code units
    // (。 is 02 30 in UTF-16LE, a control byte in the other reading).
    for text in ["乾統元年。春正月朔，有流星燭地。", "一。", "乾統元年"] {
        for encoding in [UTF_16LE, UTF_16BE] {
            let units: Vec<u16> = text.encode_utf16().collect();
            let bytes: Vec<u8> = units
                .iter()
                .flat_map(|u| {
                    if encoding == UTF_16LE {
                        u.to_le_bytes()
                    } else {
                        u.to_be_bytes()
                    }
                })
                .collect();
            if std::str::from_utf8(&bytes).is_ok_and(|s| s.bytes().all(|b| b >= 0x20)) {
                // 乾統元年 in UTF-16LE is `~Nq}CQt^`: ASCII text, and read as such.
                assert_eq!(ok(&bytes, None).encoding, UTF_8, "{text}");
                continue;
            }
            let loaded = ok(&bytes, None);
            assert_eq!(
                (loaded.text.as_str(), loaded.encoding),
                (text, encoding),
                "{text} in {}",
                encoding.name()
            );
        }
    }
    // ASCII without whitespace, by its zero high bytes; never as ideographs (U+6100 …).
    let loaded = ok(b"a\0b\0c\0", None);
    assert_eq!((loaded.text.as_str(), loaded.encoding), ("abc", UTF_16LE));
    let loaded = ok(b"\0a\0b\0c", None);
    assert_eq!((loaded.text.as_str(), loaded.encoding), ("abc", UTF_16BE));
}

#[test]
fn utf16_errors_name_the_offset() {
    // An unpaired high surrogate at code unit 3 (after the BOM): replaced, with a warning
    // naming its offset (trial 3, item 5).
    let bytes = b"\xFF\xFEa\0b\0\x00\xD8c\0";
    let loaded = ok(bytes, None);
    assert_eq!(
        (loaded.text.as_str(), loaded.encoding),
        ("ab\u{FFFD}c", UTF_16LE)
    );
    assert_eq!(
        loaded.warnings,
        [
            "t.txt: 1 invalid UTF-16LE sequence replaced with U+FFFD (the first is byte 0x00 at byte 6)"
        ]
    );
    // Many are not damage but another encoding.
    let e = err(b"\xFF\xFEa\0\x00\xD8\x00\xD8c\0", None);
    assert!(
        matches!(e, SourceError::Undecodable { encoding, offset: 4, .. } if encoding == UTF_16LE),
        "{e}"
    );
    // NUL characters in a high proportion are binary data, named at the byte that holds
    // the first one's value (the second, in big-endian).
    let e = err(b"\xFE\xFF\0a\0\0\0\0\0\0\0b", None);
    assert!(
        matches!(
            e,
            SourceError::Binary {
                byte: 0,
                offset: 5,
                ..
            }
        ),
        "{e}"
    );
    // One is a stray control, kept with a warning.
    let loaded = ok(b"\xFE\xFF\0a\0\0\0b\0\n", None);
    assert_eq!(loaded.text, "a\0b\n");
    assert_eq!(
        loaded.warnings,
        ["t.txt: 1 stray control character shown as a placeholder (the first is 0x00 at byte 5)"]
    );
}

/// Trial 3, item 5: an odd last byte, with a BOM or without, is one U+FFFD and a warning.
#[test]
fn utf16_odd_length_is_read_with_a_replacement() {
    for bytes in [SEED_UTF16LE.to_vec(), SEED_UTF16LE[2..].to_vec()] {
        let mut bytes = bytes;
        bytes.push(b'x');
        let loaded = ok(&bytes, None);
        assert_eq!(loaded.encoding, UTF_16LE);
        assert_eq!(loaded.text, format!("{SEED}\u{FFFD}"));
        assert_eq!(
            loaded.warnings,
            [format!(
                "t.txt: 1 invalid UTF-16LE sequence replaced with U+FFFD (the first is byte 0x78 at byte {})",
                bytes.len() - 1
            )]
        );
    }
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
    assert_eq!(e.to_string(), "t.txt: not a text file (PNG image)");
    // Forcing an encoding does not make binary data text.
    let e = err(png, Some("gb18030"));
    assert!(matches!(e, SourceError::Format { .. }), "{e}");
    let e = err(&all, Some("big5"));
    assert!(matches!(e, SourceError::Binary { offset: 0, .. }), "{e}");
}

/// Issue 12, item 3: one NUL, or a few controls of any kind, do not make a text binary;
/// they are kept (the reader and the commands show placeholders), with a warning.
#[test]
fn stray_controls_are_kept_with_a_warning() {
    let cut = SEED.char_indices().nth(1000).unwrap().0;
    for stray in ["\0", "\x07\x1a", "\x01\x02\x03\x04\x05\x06\x0b\x0e\x1f"] {
        let text = format!("{}{stray}{}", &SEED[..cut], &SEED[cut..]);
        for (bytes, encoding) in [
            (text.clone().into_bytes(), UTF_8),
            (GB18030.encode(&text).0.into_owned(), GB18030),
        ] {
            let loaded = ok(&bytes, None);
            assert_eq!((&loaded.text, loaded.encoding), (&text, encoding));
            let n = stray.len();
            let what = if n == 1 {
                "character shown as a placeholder"
            } else {
                "characters shown as placeholders"
            };
            let at = bytes.iter().position(|&b| b < 0x20 && b != b'\n').unwrap();
            assert_eq!(
                loaded.warnings,
                [format!(
                    "t.txt: {n} stray control {what} (the first is 0x{:02X} at byte {at})",
                    stray.as_bytes()[0]
                )],
                "{stray:?} in {}",
                encoding.name()
            );
            // Forcing the encoding keeps them too.
            let forced = ok(&bytes, Some(encoding.name()));
            assert_eq!(
                (forced.text, forced.warnings),
                (text.clone(), loaded.warnings)
            );
        }
        assert!(
            as_plain_utf8(text.as_bytes()).is_none(),
            "decoded, for the warning"
        );
    }
    // Valid UTF-8 with a NUL is text.
    let loaded = ok(b"abc\0def", None);
    assert_eq!(
        (loaded.text.as_str(), loaded.warnings.len()),
        ("abc\0def", 1)
    );
    // A stray NUL in an image's first bytes is still an image.
    let e = err(b"GIF89a\x01\0\x01\0 and more", None);
    assert_eq!(e.to_string(), "t.txt: not a text file (GIF image)");
    // The same words as text are text: a signature alone refuses nothing.
    assert_eq!(ok(b"GIF89a is a format", None).encoding, UTF_8);
}

/// Real binary data is still refused: random bytes, images, archives, executables.
#[test]
fn binary_data_is_refused() {
    let mut noise = Noise(0xDEAD_BEEF);
    for len in [300, 4096, 100_000] {
        let e = err(&noise.bytes(len, 0), None);
        assert!(
            matches!(e, SourceError::Binary { .. } | SourceError::Format { .. }),
            "{len}: {e}"
        );
    }
    for (bytes, what) in [
        (&b"\x1f\x8b\x08\0\0\0\0\0\0\x03"[..], "gzip data"),
        (
            b"PK\x03\x04\x14\0\0\0\x08\0",
            "ZIP archive (or EPUB, DOCX, JAR)",
        ),
        (b"\x7fELF\x02\x01\x01\0\0\0\0\0", "ELF executable"),
        (b"\xff\xd8\xff\xe0\0\x10JFIF\0", "JPEG image"),
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<\0>>",
            "PDF document",
        ),
    ] {
        assert_eq!(
            err(bytes, None).to_string(),
            format!("t.txt: not a text file ({what})")
        );
    }
    let mut tar = vec![0u8; 1024];
    tar[..8].copy_from_slice(b"seed.txt");
    tar[257..262].copy_from_slice(b"ustar");
    assert_eq!(
        err(&tar, None).to_string(),
        "t.txt: not a text file (tar archive)"
    );
}

#[test]
fn control_bytes_are_binary() {
    let controls: Vec<u8> = (1..=255u8).cycle().take(2550).collect();
    let e = err(&controls, None);
    assert_eq!(
        e.to_string(),
        "t.txt: not a text file (binary data: control byte 0x01 at byte 0)"
    );
    // Tab, form feed and escape are text; the form feeds and escapes are shown as
    // placeholders, and the warning counts them (trial 3, item 8).
    let text = "\t\x0c\x1b[1m\x1b[0m\r\n".repeat(10);
    let loaded = ok(text.as_bytes(), None);
    assert_eq!((loaded.text, loaded.encoding), (text, UTF_8));
    assert_eq!(
        loaded.warnings,
        ["t.txt: 30 stray control characters shown as placeholders (the first is 0x0C at byte 1)"]
    );
    // ISO-2022-JP is not detected (not an encoding of Chinese texts): its escapes are
    // ASCII text; `--encoding iso-2022-jp` reads it.
    let japanese = "日本語のテキストです。\n";
    let (bytes, _, _) = ISO_2022_JP.encode(japanese);
    assert_eq!(ok(&bytes, None).encoding, UTF_8);
    assert_eq!(ok(&bytes, Some("iso-2022-jp")).text, japanese);
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
    // Forced UTF-8 reads it the same way.
    let forced = ok(&bytes, Some("utf-8"));
    assert_eq!(forced, ok(&bytes, None));
}

/// Trial 3, item 5: UTF-8 with a few bad bytes (FF FE in the middle, an overlong form, a
/// CESU-8 surrogate, GB18030 characters pasted in) is read with U+FFFD and a warning, as a
/// stray 0x80 is.
#[test]
fn damaged_utf8_is_read_with_replacements() {
    let at = SEED.char_indices().nth(300).unwrap().0;
    for (bad, n) in [
        (&b"\xFF\xFE"[..], 2),
        (b"\xC0\xAF", 2),
        (b"\xED\xA0\x80", 3),
        (b"\xC1\xC9", 2),
    ] {
        let mut bytes = SEED.as_bytes().to_vec();
        bytes.splice(at..at, bad.iter().copied());
        let loaded = ok(&bytes, None);
        assert_eq!(loaded.encoding, UTF_8);
        assert_eq!(loaded.text.matches('\u{FFFD}').count(), n, "{bad:02X?}");
        assert_eq!(
            loaded.warnings,
            [format!(
                "t.txt: {n} invalid UTF-8 sequences replaced with U+FFFD (the first is byte 0x{:02X} at byte {at})",
                bad[0]
            )]
        );
    }
    // Three in a hundred bytes: still UTF-8 (eight times more valid multi-byte sequences).
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
    let loaded = ok(&bytes, None);
    assert_eq!(loaded.encoding, UTF_8);
    assert!(
        loaded.warnings[0].contains(&format!("0xFF at byte {})", first.unwrap())),
        "{:?}",
        loaded.warnings
    );
}

#[test]
fn heavily_damaged_utf8_is_an_error() {
    let mut bytes = Vec::new();
    let mut first = None;
    for (i, c) in SEED.char_indices() {
        if i > 0 && i % 9 < 3 {
            first.get_or_insert(bytes.len());
            bytes.push(0xFF);
        }
        let mut buf = [0; 4];
        bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
    let e = err(&bytes, None);
    assert!(
        matches!(
            e,
            SourceError::Undecodable { .. } | SourceError::Unrecognized { .. }
        ),
        "{e}"
    );
    // Forced, it is too damaged to be UTF-8: an error naming the first bad byte.
    let e = err(&bytes, Some("utf-8"));
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
    let warning = format!(
        "t.txt: 1 invalid GB18030 sequence replaced with U+FFFD (the first is byte 0xFF at byte {at})"
    );
    let loaded = ok(&bytes, Some("gb18030"));
    assert_eq!(loaded.warnings, std::slice::from_ref(&warning));
    // Detection reads it as GB18030 too, damaged (trial 3, item 5).
    let loaded = ok(&bytes, None);
    assert_eq!((loaded.encoding, loaded.warnings), (GB18030, vec![warning]));
    // A lead byte cut off at the end: a file cut short.
    let mut cut = SEED_GB18030.to_vec();
    cut.push(0xB0);
    for (forced, shown) in [(Some("gbk"), "GBK"), (None, "GB18030")] {
        let loaded = ok(&cut, forced);
        assert_eq!(loaded.text, format!("{SEED}\u{FFFD}"));
        assert_eq!(
            loaded.warnings,
            [format!(
                "t.txt: 1 invalid {shown} sequence replaced with U+FFFD (the first is byte 0xB0 at byte {})",
                SEED_GB18030.len()
            )]
        );
    }
    // A byte that windows-1252 leaves undefined (a C1 control, kept and shown as one).
    let loaded = ok(b"caf\xe9 \x81", Some("windows-1252"));
    assert!(
        loaded.warnings[1].ends_with("1 invalid windows-1252 sequence replaced with U+FFFD (the first is byte 0x81 at byte 5)"),
        "{:?}",
        loaded.warnings
    );
    // Two of them in a few characters are not damage.
    let e = err(b"caf\xe9 \x81\x81", Some("windows-1252"));
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

    // Latin-1 is not an encoding of Chinese texts: not guessed, but read when named.
    let latin = b"caf\xe9 na\xefve r\xe9sum\xe9, plain English otherwise.\n";
    let e = err(latin, None);
    assert_eq!(
        e.to_string(),
        "t.txt: cannot tell the encoding (not UTF-8, UTF-16, GB18030 or Big5 text); \
         name it with --encoding"
    );
    let loaded = ok(latin, Some("windows-1252"));
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
                "unknown encoding '{label}' (try utf-8, gb18030, gbk, big5, utf-16le, utf-16be)"
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

/// Trial 3, item 3: short GB18030 files were read as BOM-less UTF-16 without a warning
/// (遼 `DF 7C` as UTF-16LE 糟, 𠀀 `95 32 82 36` as UTF-16BE 锲舶), or refused (𠀀。, 㐀, 𪚥).
/// UTF-16 without a BOM now needs NULs or control bytes to show it; four-byte GB18030
/// sequences count for GB18030; and the guess is said.
#[test]
fn short_gb18030_is_not_taken_for_utf16() {
    for (text, rival) in [
        ("遼", Some("Big5")),
        ("𠀀", Some("UTF-16BE")),
        ("𠀀𠀁", Some("UTF-16BE")),
        ("𠀀。", None),
        ("㐀", None),
        ("𪚥", None),
        ("統和元年", Some("Big5")),
    ] {
        let (bytes, _, unmappable) = GB18030.encode(text);
        assert!(!unmappable, "{text}");
        let loaded = ok(&bytes, None);
        assert_eq!(
            (loaded.text.as_str(), loaded.encoding),
            (text, GB18030),
            "{text}"
        );
        let said = match rival {
            Some(rival) => format!(
                "t.txt: read as GB18030, a guess from a few characters ({rival} reads them too); \
                 if the text looks wrong, name its encoding with --encoding {}",
                rival.to_ascii_lowercase()
            ),
            None => "t.txt: read as GB18030, a guess from a few characters; if the text looks \
                     wrong, name its encoding with --encoding"
                .to_owned(),
        };
        assert_eq!(loaded.warnings, [said], "{text}");
    }
    // 遼 in BOM-less UTF-16 (two bytes, no legacy reading): UTF-16 in the byte order
    // that reads like an annal, with the warning naming the other.
    let loaded = ok(b"\x7C\x90", None);
    assert_eq!((loaded.text.as_str(), loaded.encoding), ("遼", UTF_16LE));
    assert!(
        loaded.warnings[0].contains("--encoding utf-16be"),
        "{:?}",
        loaded.warnings
    );
    let loaded = ok(b"\x90\x7C", None);
    assert_eq!((loaded.text.as_str(), loaded.encoding), ("遼", UTF_16BE));
    assert!(
        loaded.warnings[0].contains("--encoding utf-16le"),
        "{:?}",
        loaded.warnings
    );
    // With its evidence (the 02 of 。), a line of UTF-16 is UTF-16, and no guess.
    for encoding in [UTF_16LE, UTF_16BE] {
        let units: Vec<u8> = "乾統元年。"
            .encode_utf16()
            .flat_map(|u| {
                if encoding == UTF_16LE {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            })
            .collect();
        let loaded = ok(&units, None);
        assert_eq!(
            (loaded.text.as_str(), loaded.encoding),
            ("乾統元年。", encoding)
        );
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    }
}

/// Trial 3, item 5: BOM-less UTF-16 with an odd length or a lone surrogate was called
/// binary; it is UTF-16 with a replacement and a warning.
#[test]
fn damaged_utf16_without_a_bom() {
    let text = "乾統元年。春正月，有流星。\n乾統二年。夏。\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let mut odd = le.clone();
    odd.pop();
    let loaded = ok(&odd, None);
    assert_eq!(loaded.encoding, UTF_16LE);
    assert_eq!(loaded.text, format!("{}\u{FFFD}", &text[..text.len() - 1]));
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    let mut lone = le.clone();
    lone.splice(4..4, [0x00, 0xD8]);
    let loaded = ok(&lone, None);
    assert_eq!(loaded.encoding, UTF_16LE);
    assert_eq!(loaded.text.replace('\u{FFFD}', ""), text);
    assert_eq!(
        loaded.warnings,
        [
            "t.txt: 1 invalid UTF-16LE sequence replaced with U+FFFD (the first is byte 0x00 at byte 4)"
        ]
    );
}

/// Trial 3, item 4: a lone CR (classic Mac OS), NEL, U+2028 and U+2029 end lines; CRLF is
/// kept as it is. In every encoding, and never borrowed as plain UTF-8.
#[test]
fn every_line_end_is_a_line_feed() {
    let want = "乾統元年。春。\n乾統二年。夏。\n乾統三年。秋。\n";
    for end in ["\r", "\u{85}", "\u{2028}", "\u{2029}"] {
        let text = want.replace('\n', end);
        assert!(as_plain_utf8(text.as_bytes()).is_none(), "{end:?}");
        let loaded = ok(text.as_bytes(), None);
        assert_eq!(
            (loaded.text.as_str(), loaded.encoding),
            (want, UTF_8),
            "{end:?}"
        );
        assert!(loaded.warnings.is_empty(), "{end:?}: {:?}", loaded.warnings);
        if end == "\r" {
            let (gb, _, _) = GB18030.encode(&text);
            assert_eq!(ok(&gb, None).text, want);
            let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
            assert_eq!(ok(&le, None).text, want);
        }
    }
    let crlf = want.replace('\n', "\r\n");
    assert_eq!(as_plain_utf8(crlf.as_bytes()), Some(crlf.as_str()));
    assert_eq!(ok(crlf.as_bytes(), None).text, crlf);
    // CR before CRLF, and at the very end.
    assert_eq!(ok("a\r\r\nb\r".as_bytes(), None).text, "a\n\r\nb\n");
}

/// Trial 3, item 8: the warning counts every character shown as a placeholder — escape,
/// C1 controls, DEL and bidi controls too — and names the first.
#[test]
fn the_controls_warning_counts_escape_c1_and_bidi() {
    let text = "乾統元年。\x1b]0;x\x07春\u{9b}正月\u{202e}，\x7f日食。\r\n";
    let loaded = ok(text.as_bytes(), None);
    assert_eq!(
        loaded.warnings,
        ["t.txt: 5 stray control characters shown as placeholders (the first is 0x1B at byte 15)"]
    );
    // A C1 control first is named as a code point.
    let loaded = ok("乾統元年。\u{9b}".as_bytes(), None);
    assert_eq!(
        loaded.warnings,
        [
            "t.txt: 1 stray control character shown as a placeholder (the first is U+009B at byte 15)"
        ]
    );
    // In GB18030, at its byte in the file.
    let (gb, _, _) = GB18030.encode("乾統元年。\x1b[2J");
    let loaded = ok(&gb, None);
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.contains("the first is 0x1B at byte 10")),
        "{:?}",
        loaded.warnings
    );
}

/// The one-pass test for what makes bytes more than plain UTF-8 finds each such character
/// wherever it stands: in a run's first bytes, its last, across two runs, at the very end.
#[test]
fn plain_utf8_is_refused_for_each_character_anywhere() {
    let base = "乾統元年。春，“正月”——「遼」…\r\n".repeat(40);
    assert_eq!(as_plain_utf8(base.as_bytes()), Some(base.as_str()));
    let flagged = [
        "\0", "\u{1}", "\u{8}", "\u{b}", "\u{1b}", "\u{1f}", "\u{7f}", "\r", "\u{80}", "\u{85}",
        "\u{9f}", "\u{61c}", "\u{200e}", "\u{200f}", "\u{2028}", "\u{2029}", "\u{202a}",
        "\u{202e}", "\u{2066}", "\u{2069}",
    ];
    let kept = [
        "\t", "\u{c}", "\u{a0}", "\u{ff}", "\u{600}", "\u{200d}", "\u{2010}", "\u{2027}",
        "\u{202f}", "\u{2065}", "\u{206a}", "\u{201c}",
    ];
    let chars: Vec<usize> = base.char_indices().map(|(i, _)| i).collect();
    for at in chars.iter().copied().chain([base.len()]) {
        for c in flagged {
            let mut s = base.clone();
            s.insert_str(at, c);
            assert!(as_plain_utf8(s.as_bytes()).is_none(), "{c:?} at {at}");
        }
        // (Not between a CR and its line feed: the CR would stand alone.)
        for c in kept.iter().filter(|_| !base[..at].ends_with('\r')) {
            let mut s = base.clone();
            s.insert_str(at, c);
            assert_eq!(
                as_plain_utf8(s.as_bytes()),
                Some(s.as_str()),
                "{c:?} at {at}"
            );
        }
    }
}

/// A text big enough to be checked in two halves is refused for what the whole would be:
/// each flagged character and a stray byte around the split, in either half, at either end.
#[test]
fn plain_utf8_in_two_halves_is_plain_utf8_whole() {
    let line = "乾統元年。春，“正月”——「遼」…\r\n";
    let base = line.repeat(PARALLEL_FROM / line.len() + 2);
    assert!(base.len() >= PARALLEL_FROM);
    assert_eq!(as_plain_utf8(base.as_bytes()), Some(base.as_str()));
    // Where the halves meet: after the first line feed past the middle.
    let split = base.len() / 2 + base[base.len() / 2..].find('\n').unwrap() + 1;
    let mut places: Vec<usize> = (split - 8..split + 8)
        .filter(|&i| base.is_char_boundary(i))
        .collect();
    places.extend([0, 3, base.len() - 2, base.len()]);
    for at in places {
        for c in ["\r", "\u{1b}", "\u{85}", "\u{202e}", "\u{2066}"] {
            let mut s = base.clone();
            s.insert_str(at, c);
            assert!(as_plain_utf8(s.as_bytes()).is_none(), "{c:?} at {at}");
        }
        // (Not between a CR and its line feed: the CR would stand alone.)
        if !base[..at].ends_with('\r') {
            let mut s = base.clone();
            s.insert(at, '\t');
            assert_eq!(as_plain_utf8(s.as_bytes()), Some(s.as_str()), "tab at {at}");
        }
        let mut b = base.clone().into_bytes();
        b.insert(at, 0xE5);
        assert!(as_plain_utf8(&b).is_none(), "a stray lead byte at {at}");
        // What the reader's loading checks in halves says what one pass says.
        let plain = |b: &[u8]| simdutf8::basic::from_utf8(b).is_ok() && is_plain(b);
        assert_eq!(
            in_halves(&b, plain),
            Some(false),
            "a stray lead byte at {at}"
        );
        for c in ["\r", "\u{1b}", "\u{c}", "\u{2028}", "\t", "…"] {
            let mut s = base.clone();
            s.insert_str(at, c);
            let one = is_plain(s.as_bytes());
            assert_eq!(in_halves(s.as_bytes(), plain), Some(one), "{c:?} at {at}");
            if one {
                let d = decode(s.clone().into_bytes(), "t", None).unwrap();
                assert!(d.text == s && d.warnings.is_empty());
            }
        }
    }
}
