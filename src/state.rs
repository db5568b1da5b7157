//! What the reader remembers between sessions: the reading position in each text. Kept in
//! one small JSON file under the platform's state directory, written atomically (a
//! temporary file in the same directory, flushed, then renamed over the old one), so a
//! crash or a full disk never leaves a half-written file. A corrupted or unreadable state
//! file is reported once and replaced; it is never fatal.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How many texts' positions are kept (the oldest are forgotten first).
pub const MAX_POSITIONS: usize = 500;

/// A remembered reading position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// Byte offset in the decoded text of the line at the top of the text pane.
    pub offset: usize,
    /// The text's length when the position was saved (a changed file is noticed).
    pub length: usize,
    /// Seconds since the Unix epoch when it was saved.
    pub saved: u64,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct StateFile {
    version: u32,
    positions: BTreeMap<String, Position>,
}

/// The state store: where the file is and what it holds.
#[derive(Debug)]
pub struct State {
    path: Option<PathBuf>,
    file: StateFile,
    /// A problem met while loading, to be reported once.
    pub problem: Option<String>,
}

/// The directory state is kept in: `$ANNALS_STATE_DIR`, else `$XDG_STATE_HOME/annals`, else
/// `~/.local/state/annals`; `None` when there is no home.
pub fn state_dir() -> Option<PathBuf> {
    let non_empty = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(d) = non_empty("ANNALS_STATE_DIR") {
        return Some(d);
    }
    if let Some(d) = non_empty("XDG_STATE_HOME") {
        return Some(d.join("annals"));
    }
    non_empty("HOME").map(|h| h.join(".local").join("state").join("annals"))
}

impl State {
    /// Load the state from the default directory (or start empty).
    pub fn load() -> State {
        State::load_from(state_dir().map(|d| d.join("positions.json")))
    }

    /// Load the state from `path` (`None`: keep nothing).
    pub fn load_from(path: Option<PathBuf>) -> State {
        let mut state = State {
            path,
            file: StateFile::default(),
            problem: None,
        };
        let Some(p) = &state.path else { return state };
        match std::fs::read(p) {
            Ok(bytes) => match serde_json::from_slice::<StateFile>(&bytes) {
                Ok(f) => state.file = f,
                Err(e) => {
                    state.problem = Some(format!(
                        "{}: unreadable state ({e}); starting afresh",
                        p.display()
                    ))
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => state.problem = Some(format!("{}: {e}; starting afresh", p.display())),
        }
        state
    }

    /// The position remembered for text `key`, if it still fits a text of `length` bytes.
    pub fn position(&self, key: &str, length: usize) -> Option<usize> {
        let p = self.file.positions.get(key)?;
        (p.length == length && p.offset <= length).then_some(p.offset)
    }

    /// Remember `offset` for text `key` and write the file atomically.
    pub fn save_position(
        &mut self,
        key: &str,
        offset: usize,
        length: usize,
    ) -> std::io::Result<()> {
        let saved = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        self.file.version = 1;
        self.file.positions.insert(
            key.to_owned(),
            Position {
                offset,
                length,
                saved,
            },
        );
        while self.file.positions.len() > MAX_POSITIONS {
            let oldest = self
                .file
                .positions
                .iter()
                .min_by_key(|(_, p)| p.saved)
                .map(|(k, _)| k.clone());
            match oldest {
                Some(k) => self.file.positions.remove(&k),
                None => break,
            };
        }
        let Some(path) = self.path.clone() else {
            return Ok(());
        };
        let json = serde_json::to_vec_pretty(&self.file).map_err(std::io::Error::other)?;
        write_atomically(&path, &json)
    }
}

/// Write `bytes` to `path` so that readers see the old file or the new one, never a part:
/// a temporary file in the same directory, flushed to disk, renamed over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("annals-state-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn round_trip() {
        let dir = temp("rt");
        let path = dir.join("positions.json");
        let mut s = State::load_from(Some(path.clone()));
        assert!(s.problem.is_none());
        s.save_position("/books/a.txt", 1234, 5000).unwrap();
        let s = State::load_from(Some(path.clone()));
        assert_eq!(s.position("/books/a.txt", 5000), Some(1234));
        // A changed file (other length) does not get a stale position.
        assert_eq!(s.position("/books/a.txt", 4000), None);
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["positions.json"]);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn corrupted_file_is_reported_and_replaced() {
        let dir = temp("bad");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("positions.json");
        std::fs::write(&path, b"{\"version\": 1, \"positions\": {\"x\": ").unwrap();
        let mut s = State::load_from(Some(path.clone()));
        let problem = s.problem.clone().unwrap();
        assert!(
            problem.contains("positions.json") && problem.contains("starting afresh"),
            "{problem}"
        );
        s.save_position("k", 1, 2).unwrap();
        let s = State::load_from(Some(path));
        assert!(s.problem.is_none());
        assert_eq!(s.position("k", 2), Some(1));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn unwritable_directory_is_an_error_not_a_panic() {
        let mut s = State::load_from(Some(PathBuf::from(
            "/proc/annals-cannot-write/positions.json",
        )));
        assert!(s.save_position("k", 1, 2).is_err());
    }

    #[test]
    fn keeps_a_bounded_number() {
        let mut s = State::load_from(None);
        for i in 0..MAX_POSITIONS + 10 {
            s.save_position(&format!("k{i}"), i, i + 1).unwrap();
        }
        assert_eq!(s.file.positions.len(), MAX_POSITIONS);
    }
}
