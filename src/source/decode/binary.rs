//! Text or binary data? Decided as `file` and `less` decide it, by structure and by
//! proportion, never by one byte: a chronicle with a stray NUL is still a chronicle.
//!
//! - **Structure**: data that starts like a known binary format (an image, an archive, a
//!   compressed stream, an executable, a database …) and has stray control bytes (their
//!   headers hold NULs) is that format ([`signature`]).
//! - **Proportion**: stray control bytes — NUL and the C0 controls other than tab, line
//!   feed, form feed, carriage return and escape — are binary data when they are more than
//!   one byte in twenty, and at least three ([`is_binary_share`]): random bytes have one in
//!   ten, a text a handful at most.
//!
//! Fewer stray controls are kept; the reader and the commands show them as placeholders
//! (␀, ␇), and decoding says so in a warning (`controls_warning` in `decode.rs`).

/// Stray control characters: NUL and the C0 controls other than tab, line feed, form
/// feed, carriage return and escape (escape is a text's own business: the placeholder rule
/// shows it). The same test for bytes and, in UTF-16, for code units.
pub(super) fn is_stray_control(c: u32) -> bool {
    c < 0x20 && !matches!(c, 0x09 | 0x0A | 0x0C | 0x0D | 0x1B)
}

/// Whether `count` stray controls among `total` bytes (or UTF-16 code units) make binary
/// data: more than one in twenty, and at least three.
pub(super) fn is_binary_share(count: usize, total: usize) -> bool {
    count >= 3 && count * 20 > total
}

/// The stray control bytes of a text, counted in one pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct RawStats {
    /// The number of bytes looked at.
    pub len: usize,
    /// Stray control bytes (NUL included).
    pub controls: usize,
    /// Offset of the first one.
    pub first: Option<usize>,
    /// Its value.
    pub first_byte: u8,
}

impl RawStats {
    pub(super) fn of(bytes: &[u8]) -> Self {
        let mut stats = RawStats {
            len: bytes.len(),
            controls: 0,
            first: None,
            first_byte: 0,
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
                    (b < 0x20)
                        & (b != 0x09)
                        & (b != 0x0A)
                        & (b != 0x0C)
                        & (b != 0x0D)
                        & (b != 0x1B),
                );
            }
            if controls > 0 && stats.controls == 0 {
                if let Some(at) = run.iter().position(|&b| is_stray_control(u32::from(b))) {
                    stats.first = Some(i * RUN + at);
                    stats.first_byte = run[at];
                }
            }
            stats.controls += usize::from(controls);
        }
        stats
    }
}

/// Known binary formats: the bytes they start with (at `offset`), and their name.
const SIGNATURES: &[(usize, &[u8], &str)] = &[
    (0, b"\x89PNG\r\n\x1a\n", "PNG image"),
    (0, b"\xff\xd8\xff", "JPEG image"),
    (0, b"GIF87a", "GIF image"),
    (0, b"GIF89a", "GIF image"),
    (0, b"II*\0", "TIFF image"),
    (0, b"MM\0*", "TIFF image"),
    (0, b"RIFF", "RIFF data (WebP, WAV, AVI)"),
    (4, b"ftyp", "ISO media (MP4, MOV, HEIC)"),
    (0, b"OggS", "Ogg media"),
    (0, b"fLaC", "FLAC audio"),
    (0, b"ID3", "MP3 audio"),
    (0, b"%PDF-", "PDF document"),
    (0, b"PK\x03\x04", "ZIP archive (or EPUB, DOCX, JAR)"),
    (0, b"PK\x05\x06", "ZIP archive"),
    (0, b"\x1f\x8b", "gzip data"),
    (0, b"BZh", "bzip2 data"),
    (0, b"\xfd7zXZ\0", "xz data"),
    (0, b"\x28\xb5\x2f\xfd", "Zstandard data"),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (0, b"Rar!\x1a\x07", "RAR archive"),
    (257, b"ustar", "tar archive"),
    (0, b"\x7fELF", "ELF executable"),
    (0, b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (0, b"\xce\xfa\xed\xfe", "Mach-O executable"),
    (0, b"\xca\xfe\xba\xbe", "Mach-O or Java class file"),
    (0, b"MZ", "DOS or Windows executable"),
    (0, b"\0asm", "WebAssembly module"),
    (0, b"SQLite format 3\0", "SQLite database"),
    (
        0,
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "Microsoft Office document",
    ),
];

/// The binary format `bytes` are in, if they start like one. Several signatures are
/// printable ASCII (`%PDF-`, `ID3`, `MZ`), so the caller also asks for a stray control
/// (every one of these formats has NULs in its first bytes) before refusing the data.
pub(super) fn signature(bytes: &[u8]) -> Option<&'static str> {
    SIGNATURES
        .iter()
        .find(|(at, magic, _)| bytes.get(*at..at + magic.len()) == Some(magic))
        .map(|&(_, _, name)| name)
}
