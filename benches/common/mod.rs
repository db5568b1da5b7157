//! Shared helpers for the benches (`mod common;` in each of them): the whole 契丹国志 fixture,
//! big inputs built from it exactly as `scripts/gen-big.sh` builds them, and key presses.
//!
//! A big input is the fixture's YAML front matter once, then its body (everything after the
//! closing `---` line, with a final line break added) repeated, cut after the last whole
//! line that keeps the total at or under `SIZE_MB` MiB (1 MiB = 1 048 576 bytes). So it is
//! one (very long) book with one title, as a real file would be. See README.md, "Performance".

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use std::time::Duration;

use annals::model::Chronicle;
use annals::model::reading::Reading;
#[cfg(feature = "tui")]
use annals::tui::app::{App, RowKind};
#[cfg(feature = "tui")]
use annals::tui::handle_key;
#[cfg(feature = "tui")]
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One MiB: the unit of `SIZE_MB` here and in `scripts/gen-big.sh`.
pub const MIB: usize = 1 << 20;

/// The repository's root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The whole 契丹国志 (daizhige markdown, 380 KB).
pub fn fixture_path() -> PathBuf {
    root().join("tests/fixtures/books/qidan-guozhi-full.md")
}

/// The fixture's text.
pub fn fixture() -> String {
    std::fs::read_to_string(fixture_path())
        .expect("reading tests/fixtures/books/qidan-guozhi-full.md")
}

/// The fixture split into its front matter (up to and including the closing `---` line)
/// and its body, which always ends with a line break.
pub fn split_front_matter(src: &str) -> (&str, String) {
    let mut at = 0;
    let mut front_end = 0;
    for (i, line) in src.split_inclusive('\n').enumerate() {
        at += line.len();
        if i > 0 && line.trim_end() == "---" {
            front_end = at;
            break;
        }
    }
    let (front, body) = src.split_at(front_end);
    let mut body = body.to_owned();
    if !body.ends_with('\n') {
        body.push('\n');
    }
    (front, body)
}

/// The big input of `mib` MiB built from `src` (see the module documentation).
pub fn build_big(src: &str, mib: usize) -> String {
    let target = mib * MIB;
    let (front, body) = split_front_matter(src);
    assert!(!body.trim().is_empty(), "the fixture has no body");
    let mut out = String::with_capacity(target);
    out.push_str(front);
    while out.len() + body.len() <= target {
        out.push_str(&body);
    }
    for line in body.split_inclusive('\n') {
        if out.len() + line.len() > target {
            break;
        }
        out.push_str(line);
    }
    out
}

/// Where `scripts/gen-big.sh` and the benches keep the `mib` MiB input.
pub fn big_path(mib: usize) -> PathBuf {
    root()
        .join("target/big")
        .join(format!("qidan-guozhi-{mib}mb.md"))
}

/// The `mib` MiB input: read from `target/big/` when a copy newer than the fixture is
/// there, else built in memory and (best effort, silently) written there for next time.
pub fn big_text(mib: usize) -> String {
    let path = big_path(mib);
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    if let (Some(cached), Some(source)) = (modified(&path), modified(&fixture_path())) {
        if cached >= source {
            if let Ok(text) = std::fs::read_to_string(&path) {
                return text;
            }
        }
    }
    let text = build_big(&fixture(), mib);
    if let Some(dir) = path.parent() {
        let tmp = dir.join(format!(".qidan-guozhi-{mib}mb.md.{}", std::process::id()));
        let written = std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(&tmp, &text))
            .and_then(|()| std::fs::rename(&tmp, &path));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
    text
}

/// The whole 契丹国志, segmented.
pub fn full_chronicle() -> Chronicle {
    Chronicle::parse(fixture())
}

/// The `mib` MiB input, segmented.
pub fn big_chronicle(mib: usize) -> Chronicle {
    Chronicle::parse(big_text(mib))
}

/// The index of the entry with the longest span (the first of equals).
pub fn largest_entry(c: &Chronicle) -> usize {
    let mut best = 0;
    for (i, e) in c.entries.iter().enumerate() {
        if e.span.len() > c.entries[best].span.len() {
            best = i;
        }
    }
    best
}

/// The reading-view range of entry `i`'s span.
pub fn entry_range(c: &Chronicle, reading: &Reading<'_>, i: usize) -> std::ops::Range<usize> {
    reading.span_to_reading(c.entries[i].span)
}

/// A key event for a typed character (Shift for ASCII capitals, as a terminal sends them).
#[cfg(feature = "tui")]
pub fn char_key(c: char) -> KeyEvent {
    let mods = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), mods)
}

/// Press one key.
#[cfg(feature = "tui")]
pub fn press(app: &mut App<'_>, code: KeyCode) {
    match code {
        KeyCode::Char(c) => handle_key(app, char_key(c)),
        code => handle_key(app, KeyEvent::new(code, KeyModifiers::NONE)),
    }
}

/// Type each character of `s`.
#[cfg(feature = "tui")]
pub fn type_str(app: &mut App<'_>, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Select the timeline row of entry `entry` by pressing `J` (next year) from the top.
#[cfg(feature = "tui")]
pub fn select_entry(app: &mut App<'_>, entry: usize) {
    press(app, KeyCode::Char('g'));
    for _ in 0..app.rows.len() {
        if app.rows[app.selected].kind == RowKind::Entry(entry) {
            return;
        }
        press(app, KeyCode::Char('J'));
    }
    panic!("entry {entry} has no timeline row");
}

/// Whether the selection is on the last visible timeline row.
#[cfg(feature = "tui")]
pub fn at_last_row(app: &App<'_>) -> bool {
    app.visible.last() == Some(&app.selected)
}

/// The criterion settings of the benches: `samples` samples over `seconds` seconds after
/// a second of warm-up (short enough for a 2-core machine, long enough to be stable).
pub fn config(samples: usize, seconds: u64) -> criterion::Criterion {
    criterion::Criterion::default()
        .sample_size(samples)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(seconds))
}
