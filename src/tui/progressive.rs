//! A big file opens on its first part: its first [`FIRST_PART`] bytes (to a line's end) are
//! read, segmented and shown at once, while a thread reads, decodes and segments the whole file; the whole takes the
//! part's place as soon as it is ready, or before the first input (a key, a click, a
//! resize) is carried out, so every action acts on the whole book. The part is plain
//! UTF-8 ([`crate::source::first_part`]), so its byte offsets are the whole's.

use std::borrow::Cow;
use std::thread::JoinHandle;

use super::Screen;
use super::action::Action;
use super::app::App;
use super::keymap;
use super::theme::Theme;
use crate::model::Chronicle;
use crate::source::{self, Origin};

/// Files of this many bytes or more open on their first part; smaller ones are read and
/// segmented whole before the first frame (4 MiB take some 20 ms).
pub const BIG: u64 = 4 << 20;

/// About how many bytes the first part holds: several hundred years of a chronicle, far
/// more than a screen of the timeline needs.
pub const FIRST_PART: usize = 256 << 10;

/// What the status line says in place of the percentage while the whole is read.
pub const READING_ON: &str = "reading the rest…";

/// What the thread that reads the whole file gives: a reader over it and the decoding
/// warnings, or why the file could not be read.
type Whole = Result<(App<'static>, Vec<String>), String>;

/// The reader over a big file's first part, with the thread that reads the whole.
pub struct Progressive {
    /// The reader shown: over the first part until the whole arrives.
    app: App<'static>,
    /// The thread reading and segmenting the whole file.
    whole: Option<JoinHandle<Whole>>,
    /// The first part's length in bytes.
    first_len: usize,
    /// The source offset the reader was reopened at, to reopen the whole there too.
    reopened: Option<usize>,
    /// The whole file's decoding warnings, to print when the reader ends.
    warnings: Vec<String>,
}

impl Progressive {
    /// Show `first` (the first part of the file at `origin`) in a `width`×`height` reader,
    /// and start the thread that reads and segments the whole file.
    ///
    /// Errors: the thread could not be started.
    pub fn start(
        first: String,
        origin: Origin,
        width: u16,
        height: u16,
    ) -> std::io::Result<Progressive> {
        let part_of = origin.clone();
        let whole = std::thread::Builder::new()
            .name("read".into())
            .spawn(move || -> Whole {
                let loaded = source::read(&origin, None).map_err(|e| e.to_string())?;
                let warnings = loaded.warnings.clone();
                // The reader lives until the process ends.
                let opened = loaded.parse_lazy();
                let chron: &'static Chronicle = Box::leak(Box::new(opened.chronicle));
                Ok((App::new(chron, width, height), warnings))
            })?;
        // The part is segmented after the thread has started reading: the one reads, the
        // other segments.
        let first_len = first.len();
        let chron = source::segment_as(&part_of, Cow::Owned(first));
        // (Kept, as the reader's models are, to the process's end: a few hundred KiB.)
        let mut app = App::new(Box::leak(Box::new(chron)), width, height);
        app.first_part = Some(READING_ON.to_owned());
        Ok(Progressive {
            app,
            whole: Some(whole),
            first_len,
            reopened: None,
            warnings: Vec::new(),
        })
    }
}

impl Screen for Progressive {
    fn apply(&mut self, action: Action) {
        if let Action::GoToSource(offset) = action {
            // A place in the first part's last quarter, or past it, needs the whole book.
            if offset.saturating_add(FIRST_PART / 4) > self.first_len {
                self.update(true);
            }
            self.reopened = Some(offset);
        }
        self.app.apply(action);
    }
    // The rest as the reader shown does it.
    fn scope(&self) -> keymap::Scope {
        Screen::scope(&self.app)
    }
    fn quitting(&self) -> bool {
        Screen::quitting(&self.app)
    }
    fn laid_out_for(&self) -> (u16, u16) {
        Screen::laid_out_for(&self.app)
    }
    fn source_position(&self) -> usize {
        Screen::source_position(&self.app)
    }
    fn draw(&self, frame: &mut ratatui::Frame<'_>, theme: &Theme) {
        Screen::draw(&self.app, frame, theme);
    }
    fn take_clipboard(&mut self) -> Option<String> {
        Screen::take_clipboard(&mut self.app)
    }
    fn said_later(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }
    fn pending(&self) -> bool {
        self.whole.is_some()
    }
    fn update(&mut self, wait: bool) -> bool {
        let Some(thread) = self.whole.take_if(|t| wait || t.is_finished()) else {
            return false;
        };
        let outcome = match thread.join() {
            Ok(outcome) => outcome,
            // The segmenter panicked: as it would have before the first frame.
            Err(payload) => std::panic::resume_unwind(payload),
        };
        match outcome {
            Ok((mut whole, warnings)) => {
                whole.carry_over(&mut self.app, self.reopened);
                if let Some(first) = warnings.first() {
                    let more = match warnings.len() {
                        1 => String::new(),
                        n => format!(" (and {} more)", n - 1),
                    };
                    whole.apply(Action::Notice(format!(
                        "{first}{more}; printed again when the reader ends"
                    )));
                }
                self.app = whole;
                self.warnings = warnings;
            }
            Err(why) => {
                // The first part stays, and says it is all there is.
                self.app.first_part = Some(FIRST_PART_ONLY.to_owned());
                self.app.apply(Action::Notice(format!(
                    "could not read the whole file ({why}); showing its first part"
                )));
            }
        }
        true
    }
}

/// What the status line says in place of the percentage when the whole could not be read.
const FIRST_PART_ONLY: &str = "first part only";
