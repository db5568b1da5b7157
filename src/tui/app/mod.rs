//! The reader's state and every change to it. [`App::apply`] is the only way state
//! changes: keys (through the keymap), typing, the mouse, resizes and the restoration of a
//! remembered position all arrive as [`Action`]s. Rendering ([`super::ui`]) only reads
//! the state. Nothing here touches the terminal, so tests drive the app directly.
//!
//! By concern: `geometry` (screen areas, the laid-out text, scrolling), `navigation`
//! (the timeline, moving through years and months, the `:` prompt, the mouse), `search`
//! (the `/` prompt and its hits), `list` (overlays: help, concordance, choices), `dates`
//! (the marks' dates: status line, inline, the `:` prompt's days) and `popup` (a note too
//! long for the status line).

mod dates;
mod gaps;
pub use gaps::gap_label;
mod geometry;
mod list;
mod navigation;
mod parallel;
mod places;
mod popup;
mod search;

pub use geometry::{Anchor, Areas, DETAIL_HEADER, Doc, MAX_MEASURE, MIN_SIZE, SIDE_BY_SIDE};
pub use list::{
    ConcordanceLine, HelpLayout, HelpLine, ListKind, ListView, concordance_line, help_layout,
    help_lines,
};
pub use navigation::{Dynasty, JumpPreview, MarkRef, Row, RowKind};
pub use parallel::{
    BilingualPane, HIT_ROOM, PANES_SIDE_BY_SIDE, Pairing, ParallelApp, ParallelAreas,
    ParallelFocus, ParallelMode,
};
pub use search::{SavedSearch, SearchPrompt, SearchState, Snapshot};

pub use dates::{DateJump, DateState, StatusDate};
pub use popup::{Popup, popup_inner_width};

use crate::model::Chronicle;
use crate::model::pages::Pages;
use crate::model::reading::{Notes, Reading};

use super::action::Action;
use super::keymap::Scope;

/// What the reader says of a text in which no year heading was found.
pub const NO_YEARS: &str = "no year headings found: try annals check FILE";

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
        /// Examples of what to type, from the open book, shown while the input is empty.
        example: String,
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
    /// Shorter ways to say it, each shorter than the one before, for a narrow status line
    /// (the longest that fits is shown; the last is cut, with `…`, only when none does).
    pub shorter: Vec<String>,
}

/// What a key does to a prompt's input line (the `:` prompt's, in one text or two).
pub(super) enum PromptEdit {
    /// The input changed: preview it again.
    Changed,
    /// Enter: the input, taken out of the prompt.
    Confirmed(String),
    /// Nothing for the input line (Quit, Back and the rest are the caller's).
    Other(Action),
}

/// Apply `action` to a prompt's `input`: Backspace, Ctrl-U, and a typed character (up to
/// 256 bytes of input) change it; Enter takes it.
pub(super) fn edit_prompt(input: &mut String, action: Action) -> PromptEdit {
    match action {
        Action::Backspace => {
            input.pop();
            PromptEdit::Changed
        }
        Action::ClearInput => {
            input.clear();
            PromptEdit::Changed
        }
        Action::Type(c) if !c.is_control() && input.len() < 256 => {
            input.push(c);
            PromptEdit::Changed
        }
        Action::Confirm => PromptEdit::Confirmed(std::mem::take(input)),
        other => PromptEdit::Other(other),
    }
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
    /// The timeline's dynasty rows (none in a book of one regime).
    pub dynasties: Vec<Dynasty>,
    /// Folded dynasties.
    pub collapsed_dynasties: Vec<bool>,
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
    /// The time marks found so far, in reading order (by reading offset, then entry, then
    /// place in the entry): those of the entries laid out or asked about, and every one
    /// once `]` or `[` has walked them ([`App::find_all_marks`]). A big text opens without
    /// looking for all of them.
    pub marks: Vec<MarkRef>,
    /// Which entries' marks are in [`App::marks`].
    marks_found: Vec<bool>,
    /// Whether every entry's are.
    all_marks: bool,
    /// The reading position (a reading offset) that `]`, `[`, `n`, `N` move from.
    pub cursor: usize,
    /// The search and its hits (kept after the prompt closes).
    pub search: SearchState,
    /// The status message.
    pub message: Option<Message>,
    /// A note too long for the status line, in a box above it (until the next input).
    pub popup: Option<Popup>,
    /// The marks' dates, and whether the text shows them.
    pub dates: DateState,
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
    /// When `chron` is only the first part of the book (shown while the whole is read):
    /// what the status line says of it in place of the percentage through the book; it
    /// gives no count of years either.
    pub first_part: Option<String>,
}

impl<'a> App<'a> {
    /// A reader over `chron`, laid out for a `width`×`height` terminal.
    pub fn new(chron: &'a Chronicle, width: u16, height: u16) -> App<'a> {
        let reading = Reading::new(&chron.text, chron.format);
        let has_notes = !reading.notes().is_empty();
        let dynasties = navigation::build_dynasties(chron);
        let rows = navigation::build_rows(chron, &reading, &dynasties);
        let collapsed = vec![false; chron.volumes.len()];
        let collapsed_dynasties = vec![false; dynasties.len()];
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
            dynasties,
            collapsed_dynasties,
            visible: Vec::new(),
            selected,
            timeline_top: 0,
            focus: Focus::Timeline,
            mode: Mode::Browse,
            size: (width, height),
            areas: Areas::default(),
            doc: Doc::default(),
            marks: Vec::new(),
            marks_found: vec![false; chron.entries.len()],
            all_marks: chron.entries.is_empty(),
            cursor: 0,
            search: SearchState {
                per_row,
                ..SearchState::default()
            },
            message: None,
            popup: None,
            dates: DateState::default(),
            quit: false,
            pages: Pages::of(&chron.text),
            notes: Notes::Shown,
            has_notes,
            clipboard: None,
            bilingual: None,
            first_part: None,
        };
        app.refresh_visible();
        app.areas = geometry::compute_areas(width, height, app.focus, app.timeline_width());
        app.select(selected);
        app.resize(width, height);
        app.refresh_date();
        app
    }

    /// Take over from `partial`, a reader over the first part of the same text that no
    /// input has moved: its screen size, the place it was reopened at (`reopened`, a byte
    /// offset into the source) and its status message.
    pub fn carry_over(&mut self, partial: &mut App<'_>, reopened: Option<usize>) {
        if self.size != partial.size {
            self.resize(partial.size.0, partial.size.1);
        }
        if let Some(offset) = reopened {
            self.go_to_source(offset);
            self.refresh_date();
        }
        self.message = partial.message.take();
        self.popup = partial.popup.take();
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
        let input = !matches!(
            action,
            Action::Resize { .. } | Action::GoToSource(_) | Action::Notice(_)
        );
        // Any input closes the note above the status line; Esc does only that. Esc with a
        // message in the status line (`no entry for 543…`) only dismisses it too: it is what
        // is open, and quitting there would send the next keys to the shell.
        if input && self.popup.take().is_some() && action == Action::Back {
            self.message = None;
            return;
        }
        if action == Action::Back
            && matches!(self.mode, Mode::Browse)
            && self.search.query.is_none()
            && self.message.take().is_some()
        {
            return;
        }
        self.apply_action(action);
        // The date at the reading place, for the status line (never worked out while
        // drawing).
        self.refresh_date();
    }

    fn apply_action(&mut self, action: Action) {
        match action {
            Action::Resize { width, height } => self.resize(width, height),
            Action::GoToSource(offset) => self.restore_position(offset),
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
                Focus::Timeline => self.move_year(1),
                Focus::Detail => self.scroll(1),
            },
            Action::Up => match self.focus {
                Focus::Timeline => self.move_year(-1),
                Focus::Detail => self.scroll(-1),
            },
            Action::NextEntry => self.move_year(1),
            Action::PrevEntry => self.move_year(-1),
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
            Action::ToggleAllDynasties => self.toggle_all_dynasties(),
            Action::NextVolume => self.next_volume(true),
            Action::PrevVolume => self.next_volume(false),
            Action::YearInfo => self.year_info(),
            Action::ToggleDates => self.toggle_dates(),
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
                RowKind::Dynasty(g) => {
                    if self.collapsed_dynasties[g] {
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
                let example = self.jump_example();
                self.mode = Mode::Jump {
                    input: String::new(),
                    preview: JumpPreview::Empty,
                    example,
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
        self.say_shorter(text, Vec::new());
    }

    /// Say `text`, or on a narrow status line the longest of `shorter` that fits.
    fn say_shorter(&mut self, text: impl Into<String>, shorter: Vec<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
            shorter,
        });
    }

    fn complain(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
            shorter: Vec::new(),
        });
    }
}
