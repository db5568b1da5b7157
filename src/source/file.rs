//! Reading a text's bytes: a file (read, or mapped for a one-shot pass) or standard input.

use std::io::{self, Read};
use std::path::Path;

use super::decode::{decode, resolve_label};
use super::error::io_error;
use super::{Decoded, Origin, SourceError};

/// The name used for standard input in messages.
pub(super) const STDIN_NAME: &str = "<stdin>";

/// Read and decode a text.
///
/// `forced` is an encoding label from `--encoding` (e.g. `gb18030`, `big5`,
/// `utf-16le`, `utf-8`; any WHATWG label works): it overrides detection and
/// is checked before anything is read. A directory, a missing file and a
/// file that may not be read are errors naming the path; an empty file is
/// an empty text.
pub fn load(origin: &Origin, forced: Option<&str>) -> Result<Decoded, SourceError> {
    if let (Some(label), false) = (forced, matches!(origin, Origin::Embedded)) {
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
        // Plain UTF-8, whatever `forced` says (as [`super::read`] takes it).
        Origin::Embedded => Ok(Decoded {
            text: crate::model::EMBEDDED_TEXT.to_owned(),
            encoding: encoding_rs::UTF_8,
            name: super::EMBEDDED_NAME.to_owned(),
            warnings: Vec::new(),
        }),
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
/// cost more than a whole search; the text is then borrowed with
/// [`as_plain_utf8`](super::as_plain_utf8).
pub fn map(path: &Path) -> Result<Bytes, SourceError> {
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
