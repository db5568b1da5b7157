//! Why a text could not be loaded: one typed error whose messages name the file and, for
//! bad bytes, the byte offset.

use std::fmt;
use std::io;

use encoding_rs::{Encoding, GB18030};

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
    /// The path names a directory that holds no Kanripo work (`KR…_NNN.txt` files).
    #[error("{name}: is a directory (with no Kanripo KR…_NNN.txt files in it to read as a book)")]
    NoWork {
        /// The path as given.
        name: String,
    },
    /// The directory holds the files of more than one Kanripo work.
    #[error("{name}: holds the files of several works ({works}); open one of its files")]
    SeveralWorks {
        /// The path as given.
        name: String,
        /// The works' ids, `KR2a0027, KR2a0028`.
        works: String,
    },
    /// The file may not be read.
    #[error("{name}: permission denied")]
    PermissionDenied {
        /// The path as given.
        name: String,
    },
    /// Any other failure to read. The system's reason is in the message, and not given
    /// again as the error's source (an error chain printed whole would say it twice).
    #[error("{name}: cannot be read ({error})")]
    Io {
        /// The path as given, or `<stdin>`.
        name: String,
        /// The underlying error.
        error: io::Error,
    },
    /// The input is longer than [`MAX_INPUT`](super::MAX_INPUT) bytes (a file, by its
    /// size; a stream, once that much has been read).
    #[error("{name}: too large to read (the limit is {} MiB)", limit >> 20)]
    TooLarge {
        /// The path as given, or `<stdin>`.
        name: String,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The data is in a known binary format (an image, an archive, an executable …).
    #[error("{name}: not a text file ({format})")]
    Format {
        /// The path as given, or `<stdin>`.
        name: String,
        /// What it is (`PNG image`, `ZIP archive (or EPUB, DOCX, JAR)`).
        format: &'static str,
    },
    /// The data is not text: control bytes in a proportion no text has.
    #[error("{name}: not a text file (binary data: {} at byte {offset})", ByteKind(*byte))]
    Binary {
        /// The path as given, or `<stdin>`.
        name: String,
        /// The first offending byte: 0 for NUL, else a control byte.
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
    /// The data is in none of the encodings detection considers.
    #[error(
        "{name}: cannot tell the encoding (not UTF-8, UTF-16, GB18030 or Big5 text); \
         name it with --encoding"
    )]
    Unrecognized {
        /// The path as given, or `<stdin>`.
        name: String,
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
    #[error("unknown encoding '{label}' (try utf-8, gb18030, gbk, big5, utf-16le, utf-16be)")]
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
pub(super) fn display_name(encoding: &'static Encoding) -> &'static str {
    if encoding == GB18030 {
        "GB18030"
    } else {
        encoding.name()
    }
}

/// Maps an I/O error to the error for `name`.
pub(crate) fn io_error(name: &str, error: io::Error) -> SourceError {
    let name = name.to_owned();
    match error.kind() {
        io::ErrorKind::NotFound => SourceError::NotFound { name },
        io::ErrorKind::PermissionDenied => SourceError::PermissionDenied { name },
        io::ErrorKind::IsADirectory => SourceError::IsDirectory { name },
        _ => SourceError::Io { name, error },
    }
}
