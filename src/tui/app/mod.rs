//! The reader's state and every change to it. [`App::apply`] is the only way state
//! changes: keys (through the keymap), typing, the mouse, resizes and the restoration of a
//! remembered position all arrive as [`Action`]s. Rendering ([`super::ui`]) only reads
//! the state. Nothing here touches the terminal, so tests drive the app directly.
//!
//! By concern: `geometry` (screen areas, the laid-out text, scrolling), `navigation`
//! (the timeline, moving through years and months, the `:` prompt, the mouse), `search`
//! (the `/` prompt and its hits) and `list` (overlays: help, concordance, choices).

mod gaps;
pub use gaps::gap_label;
mod geometry;
mod list;
mod navigation;
mod parallel;
mod places;
mod search;

pub use geometry::{Anchor, Areas, DETAIL_HEADER, Doc, MAX_MEASURE, MIN_SIZE, SIDE_BY_SIDE};
pub use list::{
    ConcordanceLine, HelpLayout, HelpLine, ListKind, ListView, concordance_line, help_layout,
    help_lines,
};
pub use navigation::{JUMP_EXAMPLE, JumpPreview, MarkRef, Row, RowKind};
pub use parallel::{
    BilingualPane, HIT_ROOM, PANES_SIDE_BY_SIDE, Pairing, ParallelApp, ParallelAreas,
    ParallelFocus, ParallelMode,
};
pub use search::{SavedSearch, SearchPrompt, SearchState, Snapshot};

use crate::model::Chronicle;
use crate::model::pages::Pages;
use crate::model::reading::{Notes, Reading};

use super::action::Action;
use super::keymap::Scope;

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The year list.
    Timeline,
    /// The text of the selected year.
    Detail,
}

/// What is open on top of the reader, with the state only it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Reading.
    Browse,
    /// The `:` prompt.
    Jump {
        /// What has been typed.
        input: String,
        /// What the input names, worked out as it is typed.
        preview: JumpPreview,
    },
    /// The `/` prompt, and what Esc goes back to.
    Search(SearchPrompt),
    /// A list overlay (help, concordance, choice of entries).
    List(ListView),
}

/// A one-line message in the status line, until the next input (a key, a click, the
/// wheel).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The text.
    pub text: String,
    /// Whether it reports a problem.
    pub error: bool,
}

/// The reader.
pub struct App<'a> {
    /// The text and its structure.
    pub chron: &'a Chronicle,
    /// What the reader shows and searches.
    pub reading: Reading<'a>,
    /// All timeline rows, in text order.
    pub rows: Vec<Row>,
    /// Folded volumes.
    pub collapsed: Vec<bool>,
    /// Rows shown (folded volumes hide their entries): indices into `rows`.
    pub visible: Vec<usize>,
    /// The selected row.
    pub selected: usize,
    /// The first visible row on screen (index into `visible`).
    pub timeline_top: usize,
    /// Which pane has the keyboard.
    pub focus: Focus,
    /// What is open, with its state.
    pub mode: Mode,
    /// The terminal size.
    pub size: (u16, u16),
    /// Where things are on screen.
    pub areas: Areas,
    /// The selected row's text, laid out.
    pub doc: Doc,
    /// Every time mark, in reading order.
    pub marks: Vec<MarkRef>,
    /// The reading position (a reading offset) that `]`, `[`, `n`, `N` move from.
    pub cursor: usize,
    /// The search and its hits (kept after the prompt closes).
    pub search: SearchState,
    /// The status message.
    pub message: Option<Message>,
    /// Set when the user asked to quit.
    pub quit: bool,
    /// The pages of the base edition, where the text marks them (Kanripo).
    pub pages: Pages,
    /// Whether 夾注 (a Kanripo text's interlinear notes) are shown.
    pub notes: Notes,
    /// Whether the text has 夾注 at all.
    pub has_notes: bool,
    /// Text to put on the clipboard: the event loop sends it to the terminal (OSC 52)
    /// and clears it.
    pub clipboard: Option<String>,
    /// The side of a bilingual text this reader shows, when it is one of two panes over
    /// such a text.
    pub bilingual: Option<BilingualPane<'a>>,
}

impl<'a> App<'a> {
    /// A reader over `chron`, laid out for a `width`×`height` terminal.
    pub fn new(chron: &'a Chronicle, width: u16, height: u16) -> App<'a> {
        let reading = Reading::new(&chron.text, chron.format);
        let has_notes = !reading.notes().is_empty();
        let rows = navigation::build_rows(chron, &reading);
        let collapsed = vec![false; chron.volumes.len()];
        let marks = navigation::build_marks(chron, &reading);
        let per_row = vec![0; rows.len()];
        // Open at the first year, not the preface, when there is one.
        let selected = rows
            .iter()
            .position(|r| matches!(r.kind, RowKind::Entry(_)))
            .unwrap_or(0);
        let mut app = App {
            chron,
            reading,
            rows,
            collapsed,
            visible: Vec::new(),
            selected,
            timeline_top: 0,
            focus: Focus::Timeline,
            mode: Mode::Browse,
            size: (width, height),
            areas: Areas::default(),
            doc: Doc::default(),
            marks,
            cursor: 0,
            search: SearchState {
                per_row,
                ..SearchState::default()
            },
            message: None,
            quit: false,
            pages: Pages::of(&chron.text),
            notes: Notes::Shown,
            has_notes,
            clipboard: None,
            bilingual: None,
        };
        app.refresh_visible();
        app.areas = geometry::compute_areas(width, height, app.focus, app.timeline_width());
        app.select(selected);
        app.resize(width, height);
        app
    }

    /// The reading view's text.
    pub fn text(&self) -> &str {
        self.reading.text()
    }

    /// The key scope for the current mode.
    pub fn scope(&self) -> Scope {
        match &self.mode {
            Mode::Browse => Scope::Browse,
            Mode::Jump { .. } | Mode::Search(_) => Scope::Prompt,
            Mode::List(l) if l.filtering => Scope::Prompt,
            Mode::List(_) => Scope::List,
        }
    }

    /// Carry out one action. Any input from the user — a key, bound or not, a click, a
    /// turn of the wheel — first dismisses the status message; what the reader does not
    /// ask for (a resize, a notice, the remembered position) leaves it.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Resize { width, height } => self.resize(width, height),
            Action::GoToSource(offset) => self.go_to_source(offset),
            Action::Notice(text) => self.complain(text),
            Action::Click { column, row } => {
                self.message = None;
                self.click(column, row);
            }
            Action::WheelDown { column, row } => {
                self.message = None;
                self.wheel(column, row, 3);
            }
            Action::WheelUp { column, row } => {
                self.message = None;
                self.wheel(column, row, -3);
            }
            Action::Unbound => self.message = None,
            key => {
                self.message = None;
                match self.mode {
                    Mode::Browse => self.apply_browse(key),
                    Mode::Jump { .. } => self.apply_jump(key),
                    Mode::Search(_) => self.apply_search(key),
                    Mode::List(_) => self.apply_list(key),
                }
            }
        }
    }

    fn apply_browse(&mut self, action: Action) {
        let page = self.text_height().saturating_sub(1).max(1) as isize;
        match action {
            Action::Quit => self.quit = true,
            Action::Back => {
                if self.search.query.is_some() {
                    self.clear_search();
                    self.say("search cleared");
                } else {
                    self.quit = true;
                }
            }
            Action::Down => match self.focus {
                Focus::Timeline => self.move_row(1),
                Focus::Detail => self.scroll(1),
            },
            Action::Up => match self.focus {
                Focus::Timeline => self.move_row(-1),
                Focus::Detail => self.scroll(-1),
            },
            Action::NextEntry => self.move_row(1),
            Action::PrevEntry => self.move_row(-1),
            Action::NextMark => self.next_mark(true),
            Action::PrevMark => self.next_mark(false),
            Action::NextNonEmpty => self.next_nonempty(true),
            Action::PrevNonEmpty => self.next_nonempty(false),
            Action::PageDown => self.page(page),
            Action::PageUp => self.page(-page),
            Action::HalfPageDown => self.page((page / 2).max(1)),
            Action::HalfPageUp => self.page(-(page / 2).max(1)),
            Action::First => {
                let first = self
                    .rows
                    .iter()
                    .position(|r| matches!(r.kind, RowKind::Entry(_)));
                self.select(first.unwrap_or(0));
            }
            Action::Last => {
                let last = self
                    .rows
                    .iter()
                    .rposition(|r| matches!(r.kind, RowKind::Entry(_)));
                self.select(last.unwrap_or(self.rows.len() - 1));
            }
            Action::ToggleFocus => {
                self.focus = match self.focus {
                    Focus::Timeline => Focus::Detail,
                    Focus::Detail => Focus::Timeline,
                };
                let (w, h) = self.size;
                self.resize(w, h);
            }
            Action::ToggleAllVolumes => self.toggle_all_volumes(),
            Action::YearInfo => match self.rows[self.selected].kind {
                RowKind::Entry(i) => {
                    let e = &self.chron.entries[i];
                    let text = crate::view::provenance(self.chron, e);
                    if e.doubts.is_empty() {
                        self.say(text);
                    } else {
                        self.complain(text);
                    }
                }
                _ => self.say("not a year"),
            },
            Action::Collapse => self.collapse(),
            Action::Expand => self.expand(),
            Action::Activate => match self.rows[self.selected].kind {
                RowKind::Volume(v) => {
                    if self.collapsed[v] {
                        self.expand()
                    } else {
                        self.collapse()
                    }
                }
                _ => {
                    self.focus = Focus::Detail;
                    let (w, h) = self.size;
                    self.resize(w, h);
                }
            },
            Action::OpenJump => {
                self.mode = Mode::Jump {
                    input: String::new(),
                    preview: JumpPreview::Empty,
                }
            }
            Action::OpenSearch => self.open_search(),
            Action::NextHit => self.next_hit(true),
            Action::PrevHit => self.next_hit(false),
            Action::Concordance => self.open_concordance(),
            Action::Help => self.open_help(),
            Action::CopyCitation => self.copy_citation(),
            Action::ToggleNotes => self.toggle_notes(),
            Action::ToggleLock => self.say("the scroll lock is for two texts side by side"),
            _ => {}
        }
    }

    /// The entry number (1-based) and count, for the status line.
    pub fn entry_position(&self) -> Option<(usize, usize)> {
        match self.rows[self.selected].kind {
            RowKind::Entry(i) => Some((i + 1, self.chron.entries.len())),
            _ => None,
        }
    }

    /// The reading position as a byte offset into the source: the first character of the
    /// reading place, which is at the top of the text pane unless the size of the screen
    /// made it the last page (to remember between sessions; [`Action::GoToSource`] goes
    /// back to it).
    pub fn source_position(&self) -> usize {
        let r = match self.doc.anchor {
            Anchor::At { offset, .. } => offset,
            Anchor::End => self
                .doc
                .lines
                .get(self.doc.top)
                .map_or(self.rows[self.selected].range.start, |l| l.start),
        };
        self.reading.to_source(r)
    }

    fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    fn complain(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }
}
