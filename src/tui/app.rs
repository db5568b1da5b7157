//! The reader's state and every change to it. [`App::apply`] is the only way state
//! changes; rendering ([`super::ui`]) only reads it. Nothing here touches the terminal,
//! so tests drive the app directly.

use std::ops::Range;

use crate::layout::str_width;
use crate::model::query::{self, ce_label};
use crate::model::reading::Reading;
use crate::model::{Chronicle, SegmentKind};
use crate::search::{self, Mode as SearchMode, Query};
use crate::view::{self, DocLine};

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

/// What is open on top of the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Reading.
    Browse,
    /// The `:` prompt.
    Jump,
    /// The `/` prompt.
    Search,
    /// A list overlay (help, concordance, choice of entries).
    List,
}

/// What a timeline row stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// Text before the first volume or entry.
    Preface,
    /// A volume heading with its introduction (a foldable group).
    Volume(usize),
    /// A reign-year entry.
    Entry(usize),
    /// A notes section (校勘記, 考證).
    Notes,
    /// More text of a volume after its notes.
    Text,
}

/// One row of the timeline: a segment of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// What it is.
    pub kind: RowKind,
    /// Its text in the reading view.
    pub range: Range<usize>,
    /// Its volume, when the book has volumes.
    pub volume: Option<usize>,
    /// The label shown in the timeline.
    pub label: String,
    /// Whether it holds no text but its heading (an empty year).
    pub empty: bool,
}

/// Screen areas, computed from the terminal size (x, y, width, height).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rect {
    /// Left column.
    pub x: u16,
    /// Top row.
    pub y: u16,
    /// Columns.
    pub width: u16,
    /// Rows.
    pub height: u16,
}

impl Rect {
    /// Whether (col, row) is inside.
    pub fn contains(&self, col: u16, row: u16) -> bool {
        col >= self.x && col < self.x + self.width && row >= self.y && row < self.y + self.height
    }
}

/// Where each part of the screen is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    /// The year list, when shown.
    pub timeline: Option<Rect>,
    /// The text pane, when shown.
    pub detail: Option<Rect>,
    /// The laid-out text inside the detail pane (below its heading).
    pub text: Rect,
    /// The bottom line: status or prompt.
    pub status: Rect,
    /// The terminal is below the minimum size.
    pub too_small: bool,
}

/// The smallest terminal the reader draws in.
pub const MIN_SIZE: (u16, u16) = (20, 5);
/// Terminals at least this wide show both panes side by side.
pub const SIDE_BY_SIDE: u16 = 64;
/// Widest measure for the text (columns); wider panes keep a margin.
pub const MAX_MEASURE: usize = 96;
/// Lines above the text in the detail pane (heading, blank).
pub const DETAIL_HEADER: u16 = 2;

/// The laid-out text of the selected row.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// The row laid out.
    pub row: usize,
    /// The width it was laid out at.
    pub width: usize,
    /// Its lines (offsets into the reading view).
    pub lines: Vec<DocLine>,
    /// The first line on screen.
    pub top: usize,
}

/// A search and its hits.
#[derive(Debug, Default)]
pub struct SearchState {
    /// The pattern typed.
    pub input: String,
    /// Folded, exact or regex.
    pub mode: SearchMode,
    /// The compiled query behind `hits`.
    pub query: Option<Query>,
    /// Hits, in reading offsets, in text order.
    pub hits: Vec<Range<usize>>,
    /// Hits per timeline row.
    pub per_row: Vec<u32>,
    /// The current hit.
    pub current: Option<usize>,
    /// Why the pattern is not a valid query, if it is not.
    pub error: Option<String>,
}

/// A list overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListKind {
    /// The help screen.
    Help,
    /// Every search hit in context.
    Concordance,
    /// Several entries for one year: pick one.
    Choose(Vec<usize>),
}

/// The state of a list overlay.
#[derive(Debug, Clone)]
pub struct ListView {
    /// What it lists.
    pub kind: ListKind,
    /// The items shown (after filtering): indices into the underlying list.
    pub items: Vec<usize>,
    /// The selected item (index into `items`).
    pub selected: usize,
    /// The first item on screen.
    pub offset: usize,
    /// Filter text (concordance).
    pub filter: String,
    /// The filter prompt is open.
    pub filtering: bool,
}

/// A one-line message in the status line, until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The text.
    pub text: String,
    /// Whether it reports a problem.
    pub error: bool,
}

/// Where the reader was before a prompt opened, to go back to on Esc.
#[derive(Debug, Clone)]
struct Snapshot {
    selected: usize,
    top: usize,
    cursor: usize,
}

/// A search as it was before the prompt opened: input, mode, hits, current hit.
type SavedSearch = (String, SearchMode, Vec<Range<usize>>, Option<usize>);

/// A time mark in the reading view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkRef {
    /// Where it is (reading offsets).
    pub start: usize,
    /// Its end.
    pub end: usize,
    /// Whether `[`/`]` stop at it (month or season).
    pub month: bool,
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
    /// What is open.
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
    /// The search.
    pub search: SearchState,
    /// The `:` prompt's input.
    pub jump_input: String,
    /// The open list overlay.
    pub list: Option<ListView>,
    /// The status message.
    pub message: Option<Message>,
    /// Set when the user asked to quit.
    pub quit: bool,
    snapshot: Option<Snapshot>,
    search_before: Option<SavedSearch>,
}

impl<'a> App<'a> {
    /// A reader over `chron`, laid out for a `width`×`height` terminal.
    pub fn new(chron: &'a Chronicle, width: u16, height: u16) -> App<'a> {
        let reading = Reading::new(&chron.text, chron.format);
        let rows = build_rows(chron, &reading);
        let collapsed = vec![false; chron.volumes.len()];
        let mut marks: Vec<MarkRef> = chron
            .entries
            .iter()
            .flat_map(|e| e.marks.iter())
            .map(|m| {
                let r = reading.span_to_reading(m.span);
                MarkRef {
                    start: r.start,
                    end: r.end,
                    month: m.is_month_or_season(),
                }
            })
            .collect();
        marks.sort_by_key(|m| m.start);
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
            jump_input: String::new(),
            list: None,
            message: None,
            quit: false,
            snapshot: None,
            search_before: None,
        };
        app.refresh_visible();
        app.areas = compute_areas(width, height, app.focus, app.timeline_width());
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
        match self.mode {
            Mode::Browse => Scope::Browse,
            Mode::Jump | Mode::Search => Scope::Prompt,
            Mode::List if self.list.as_ref().is_some_and(|l| l.filtering) => Scope::Prompt,
            Mode::List => Scope::List,
        }
    }

    // ----- geometry -----

    /// The terminal is now `width`×`height`: recompute areas, re-lay out the text if its
    /// width changed, keeping the reading position.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.areas = compute_areas(width, height, self.focus, self.timeline_width());
        self.relayout();
        self.keep_selection_visible();
    }

    fn timeline_width(&self) -> u16 {
        let widest = self
            .rows
            .iter()
            .map(|r| {
                str_width(&r.label)
                    + if r.volume.is_some() && !matches!(r.kind, RowKind::Volume(_)) {
                        2
                    } else {
                        0
                    }
            })
            .max()
            .unwrap_or(8);
        // label, CE (5), hit count (4), spacing and the separator.
        u16::try_from(widest + 2 + 6 + 5 + 1).unwrap_or(u16::MAX)
    }

    /// The width the text is laid out at.
    pub fn measure(&self) -> usize {
        usize::from(self.areas.text.width).clamp(1, MAX_MEASURE)
    }

    fn text_height(&self) -> usize {
        usize::from(self.areas.text.height).max(1)
    }

    /// Lay out the selected row at the current width, if that is not done yet; keep the
    /// line holding the old top offset at the top.
    fn relayout(&mut self) {
        let width = self.measure();
        if self.doc.width == width && self.doc.row == self.selected && !self.doc.lines.is_empty() {
            return;
        }
        let anchor = (self.doc.row == self.selected)
            .then(|| self.doc.lines.get(self.doc.top).map(|l| l.start))
            .flatten();
        let row = &self.rows[self.selected];
        let lines = match row.kind {
            // An entry comes with the notes its markers point to.
            RowKind::Entry(i) => view::lay_out_entry(self.chron, &self.reading, i, width),
            _ => view::lay_out(self.reading.text(), row.range.clone(), width, true),
        };
        self.doc = Doc {
            row: self.selected,
            width,
            lines,
            top: 0,
        };
        if let Some(a) = anchor {
            self.doc.top = self.line_of(a);
        }
        self.clamp_top();
    }

    /// The index of the laid-out line holding reading offset `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let lines = &self.doc.lines;
        let i = lines.partition_point(|l| l.start <= offset && !(l.is_gap() && l.start == offset));
        i.saturating_sub(1).min(lines.len().saturating_sub(1))
    }

    fn max_top(&self) -> usize {
        self.doc.lines.len().saturating_sub(self.text_height())
    }

    fn clamp_top(&mut self) {
        self.doc.top = self.doc.top.min(self.max_top());
    }

    /// How far through the text the screen is, in percent.
    pub fn scroll_percent(&self) -> usize {
        let total = self.doc.lines.len();
        if total <= self.text_height() {
            return 100;
        }
        ((self.doc.top + self.text_height()) * 100 / total).min(100)
    }

    // ----- rows and selection -----

    fn refresh_visible(&mut self) {
        self.visible = (0..self.rows.len())
            .filter(|&i| {
                let r = &self.rows[i];
                match (r.kind, r.volume) {
                    (RowKind::Volume(_), _) | (_, None) => true,
                    (_, Some(v)) => !self.collapsed[v],
                }
            })
            .collect();
    }

    /// Position of row `row` in the visible list (or of its volume, when folded).
    fn visible_index(&self, row: usize) -> usize {
        match self.visible.binary_search(&row) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    fn select(&mut self, row: usize) {
        let row = row.min(self.rows.len().saturating_sub(1));
        if let Some(v) = self.rows[row].volume {
            if self.collapsed[v] && !matches!(self.rows[row].kind, RowKind::Volume(_)) {
                self.collapsed[v] = false;
                self.refresh_visible();
            }
        }
        self.selected = row;
        self.cursor = self.rows[row].range.start;
        self.relayout();
        self.doc.top = 0;
        self.keep_selection_visible();
    }

    fn keep_selection_visible(&mut self) {
        let h = self
            .areas
            .timeline
            .map_or(1, |r| usize::from(r.height))
            .max(1);
        let pos = self.visible_index(self.selected);
        if pos + 1 == self.timeline_top {
            self.timeline_top = pos;
        } else if pos == self.timeline_top + h {
            self.timeline_top = pos + 1 - h;
        } else if pos < self.timeline_top || pos > self.timeline_top + h {
            // A jump: put the selection in the middle, with its neighbours around it.
            self.timeline_top = pos.saturating_sub(h / 2);
        }
        let max_top = self.visible.len().saturating_sub(h);
        self.timeline_top = self.timeline_top.min(max_top);
    }

    /// The row holding reading offset `offset`.
    pub fn row_at(&self, offset: usize) -> usize {
        let i = self.rows.partition_point(|r| r.range.start <= offset);
        i.saturating_sub(1)
    }

    /// Select the row holding `offset` and scroll its text so that offset is in view.
    fn go_to_offset(&mut self, offset: usize) {
        let row = self.row_at(offset);
        if row != self.selected {
            self.select(row);
        }
        let line = self.line_of(offset);
        let h = self.text_height();
        if line < self.doc.top || line >= self.doc.top + h {
            self.doc.top = line.saturating_sub(h / 3);
            self.clamp_top();
        }
        self.cursor = offset;
    }

    fn move_row(&mut self, delta: isize) {
        let pos = self.visible_index(self.selected) as isize + delta;
        let pos = pos.clamp(0, self.visible.len() as isize - 1) as usize;
        self.select(self.visible[pos]);
    }

    fn scroll(&mut self, delta: isize) {
        let top = (self.doc.top as isize + delta).max(0) as usize;
        self.doc.top = top;
        self.clamp_top();
        if let Some(l) = self.doc.lines.get(self.doc.top) {
            self.cursor = l.start;
        }
    }

    fn is_entry(&self, row: usize) -> bool {
        matches!(self.rows[row].kind, RowKind::Entry(_))
    }

    /// The entry number (1-based) and count, for the status line.
    pub fn entry_position(&self) -> Option<(usize, usize)> {
        match self.rows[self.selected].kind {
            RowKind::Entry(i) => Some((i + 1, self.chron.entries.len())),
            _ => None,
        }
    }

    /// The reading position as a byte offset into the source: the start of the line at the
    /// top of the text pane (to remember between sessions).
    pub fn source_position(&self) -> usize {
        let r = self
            .doc
            .lines
            .get(self.doc.top)
            .map_or(self.rows[self.selected].range.start, |l| l.start);
        self.reading.to_source(r)
    }

    /// Go back to a remembered position (a source byte offset).
    pub fn restore_source_position(&mut self, offset: usize) {
        let r = self.reading.to_reading(offset.min(self.chron.text.len()));
        let row = self.row_at(r);
        self.select(row);
        self.doc.top = self.line_of(r);
        self.clamp_top();
        self.cursor = r;
    }

    /// Show a message in the status line (e.g. a problem with the state file).
    pub fn notice(&mut self, text: impl Into<String>) {
        self.complain(text);
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

    // ----- actions -----

    /// Carry out one action.
    pub fn apply(&mut self, action: Action) {
        if action != Action::Confirm {
            self.message = None;
        }
        match self.mode {
            Mode::Browse => self.apply_browse(action),
            Mode::Jump => self.apply_jump(action),
            Mode::Search => self.apply_search(action),
            Mode::List => self.apply_list(action),
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
                self.jump_input.clear();
                self.mode = Mode::Jump;
            }
            Action::OpenSearch => self.open_search(),
            Action::NextHit => self.next_hit(true),
            Action::PrevHit => self.next_hit(false),
            Action::Concordance => self.open_concordance(),
            Action::Help => self.open_list(ListKind::Help),
            _ => {}
        }
    }

    /// Page through the text; at either end of a year, go on to the next one (as a
    /// reader turns the page).
    fn page(&mut self, delta: isize) {
        let before = self.doc.top;
        self.scroll(delta);
        if self.doc.top == before {
            if delta > 0 && self.doc.top >= self.max_top() {
                let pos = self.visible_index(self.selected);
                if pos + 1 < self.visible.len() {
                    self.move_row(1);
                }
            } else if delta < 0 && before == 0 {
                let pos = self.visible_index(self.selected);
                if pos > 0 {
                    self.move_row(-1);
                    self.doc.top = self.max_top();
                    if let Some(l) = self.doc.lines.get(self.doc.top) {
                        self.cursor = l.start;
                    }
                }
            }
        }
    }

    fn collapse(&mut self) {
        let row = &self.rows[self.selected];
        let Some(v) = row.volume else { return };
        if !self.collapsed[v] {
            self.collapsed[v] = true;
            self.refresh_visible();
        }
        let head = self
            .rows
            .iter()
            .position(|r| r.kind == RowKind::Volume(v))
            .unwrap_or(self.selected);
        if head != self.selected {
            self.select(head);
        } else {
            self.keep_selection_visible();
        }
    }

    fn expand(&mut self) {
        if let Some(v) = self.rows[self.selected].volume {
            if self.collapsed[v] {
                self.collapsed[v] = false;
                self.refresh_visible();
                self.keep_selection_visible();
            }
        }
    }

    fn next_mark(&mut self, forward: bool) {
        let cur = self.cursor;
        let found = if forward {
            self.marks.iter().find(|m| m.month && m.start > cur)
        } else {
            self.marks.iter().rev().find(|m| m.month && m.start < cur)
        };
        match found.copied() {
            Some(m) => {
                self.go_to_offset(m.start);
                self.say(self.text()[m.start..m.end].to_owned());
            }
            None => self.say(if forward {
                "no later month or season"
            } else {
                "no earlier month or season"
            }),
        }
    }

    fn next_nonempty(&mut self, forward: bool) {
        let pos = self.visible_index(self.selected);
        let candidates: Box<dyn Iterator<Item = usize>> = if forward {
            Box::new(self.visible[pos + 1..].iter().copied())
        } else {
            Box::new(self.visible[..pos].iter().copied().rev())
        };
        let mut found = None;
        for r in candidates {
            if self.is_entry(r) && !self.rows[r].empty {
                found = Some(r);
                break;
            }
        }
        match found {
            Some(r) => self.select(r),
            None => self.say("no more years with events"),
        }
    }

    // ----- jump -----

    fn apply_jump(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Back => self.mode = Mode::Browse,
            Action::Backspace => {
                self.jump_input.pop();
            }
            Action::ClearInput => self.jump_input.clear(),
            Action::Confirm => {
                self.mode = Mode::Browse;
                let input = std::mem::take(&mut self.jump_input);
                let current = match self.rows[self.selected].kind {
                    RowKind::Entry(i) => Some(i),
                    _ => self.chron.entry_at(self.reading.to_source(self.cursor)),
                };
                match query::find(self.chron, &input, current) {
                    Ok(found) if found.len() == 1 => self.go_to_entry(found[0]),
                    Ok(found) => {
                        self.go_to_entry(found[0]);
                        self.open_list(ListKind::Choose(found));
                    }
                    Err(query::QueryError::NotInText { ce: Some(y), .. })
                        if self.go_to_passage(y) => {}
                    Err(e) => self.complain(e.to_string()),
                }
            }
            _ => {}
        }
    }

    /// A year with no entry may still be named by a dated passage (a biography's
    /// `会同六年，…`): go to the first one of CE year `y`, if there is one.
    fn go_to_passage(&mut self, y: i32) -> bool {
        let mut of_year = self.chron.passages.iter().filter(|p| p.ce == Some(y));
        let Some(first) = of_year.next() else {
            return false;
        };
        let more = of_year.count();
        self.restore_source_position(first.line.start);
        let label = &self.chron.text[first.label.range()];
        let others = match more {
            0 => String::new(),
            n => format!(", {n} more in the text"),
        };
        self.say(format!(
            "{label} ({}): a dated passage, not a year of the annals{others}",
            ce_label(y)
        ));
        true
    }

    /// Type a character into the open prompt.
    pub fn type_char(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        match self.mode {
            Mode::Jump => {
                if self.jump_input.len() < 256 {
                    self.jump_input.push(c);
                }
            }
            Mode::Search => {
                self.search.input.push(c);
                self.run_search();
            }
            Mode::List => {
                if let Some(l) = &mut self.list {
                    if l.filtering {
                        l.filter.push(c);
                        self.refilter();
                    }
                }
            }
            Mode::Browse => {}
        }
    }

    fn go_to_entry(&mut self, entry: usize) {
        if let Some(row) = self
            .rows
            .iter()
            .position(|r| r.kind == RowKind::Entry(entry))
        {
            self.select(row);
            let e = &self.chron.entries[entry];
            let ce =
                e.ce.map(|c| format!(" ({})", ce_label(c)))
                    .unwrap_or_default();
            self.say(format!("{}{ce}", self.chron.full_label(e)));
        }
    }

    // ----- search -----

    fn open_search(&mut self) {
        self.snapshot = Some(Snapshot {
            selected: self.selected,
            top: self.doc.top,
            cursor: self.cursor,
        });
        self.search_before = Some((
            self.search.input.clone(),
            self.search.mode,
            std::mem::take(&mut self.search.hits),
            self.search.current,
        ));
        // Keep the hits on screen until the first character is typed.
        if let Some((_, _, hits, _)) = &self.search_before {
            self.search.hits = hits.clone();
        }
        self.search.input.clear();
        self.search.error = None;
        self.mode = Mode::Search;
    }

    fn clear_search(&mut self) {
        self.search.input.clear();
        self.search.query = None;
        self.search.hits.clear();
        self.search.current = None;
        self.search.error = None;
        self.search.per_row.iter_mut().for_each(|n| *n = 0);
    }

    fn apply_search(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Back => {
                // Cancel: the previous search and position come back.
                if let Some((input, mode, hits, current)) = self.search_before.take() {
                    self.search.input = input;
                    self.search.mode = mode;
                    self.search.query = Query::new(&self.search.input, mode).ok();
                    self.search.hits = hits;
                    self.search.current = current;
                    self.search.error = None;
                    self.count_per_row();
                }
                self.restore_snapshot();
                self.mode = Mode::Browse;
            }
            Action::Confirm => {
                self.mode = Mode::Browse;
                self.snapshot = None;
                self.search_before = None;
                if let Some(e) = self.search.error.take() {
                    self.complain(e);
                } else if self.search.input.is_empty() {
                    self.clear_search();
                } else if self.search.hits.is_empty() {
                    self.complain(format!("not found: {}", self.search.input));
                } else {
                    let n = self.search.hits.len();
                    let rows = self.search.per_row.iter().filter(|&&c| c > 0).count();
                    self.say(format!(
                        "{n} hit{} in {rows} section{} — n/N next/previous, c concordance",
                        if n == 1 { "" } else { "s" },
                        if rows == 1 { "" } else { "s" }
                    ));
                }
            }
            Action::Backspace => {
                self.search.input.pop();
                self.run_search();
            }
            Action::ClearInput => {
                self.search.input.clear();
                self.run_search();
            }
            Action::ToggleExact => {
                self.search.mode = match self.search.mode {
                    SearchMode::Exact => SearchMode::Folded,
                    _ => SearchMode::Exact,
                };
                self.search.query = None;
                self.run_search();
            }
            Action::ToggleRegex => {
                self.search.mode = match self.search.mode {
                    SearchMode::Regex => SearchMode::Folded,
                    _ => SearchMode::Regex,
                };
                self.search.query = None;
                self.run_search();
            }
            _ => {}
        }
    }

    fn restore_snapshot(&mut self) {
        if let Some(s) = self.snapshot.take() {
            if s.selected != self.selected {
                self.select(s.selected);
            }
            self.doc.top = s.top;
            self.clamp_top();
            self.cursor = s.cursor;
        }
    }

    /// Search for the typed pattern (incrementally: a pattern that extends the previous
    /// one only re-checks the previous hits), and show the first hit from where the
    /// search began.
    fn run_search(&mut self) {
        let pattern = self.search.input.clone();
        let mode = self.search.mode;
        let query = match Query::new(&pattern, mode) {
            Ok(q) => q,
            Err(e) => {
                self.search.error = Some(e.to_string());
                return;
            }
        };
        self.search.error = None;
        let extends = self.search.query.as_ref().is_some_and(|prev| {
            prev.mode() == mode
                && !prev.is_empty()
                && mode != SearchMode::Regex
                && pattern.starts_with(prev.pattern())
        });
        let hits = if query.is_empty() {
            Vec::new()
        } else if extends {
            query.refine(self.reading.text(), &self.search.hits)
        } else {
            query.find_iter(self.reading.text()).collect()
        };
        self.search.hits = hits;
        self.search.query = Some(query);
        self.count_per_row();
        let origin = self.snapshot.as_ref().map_or(self.cursor, |s| s.cursor);
        if self.search.hits.is_empty() {
            self.search.current = None;
            // Nothing found: back where the search began.
            if let Some(s) = self.snapshot.clone() {
                if s.selected != self.selected {
                    self.select(s.selected);
                }
                self.doc.top = s.top;
                self.clamp_top();
            }
            return;
        }
        let i = self.search.hits.partition_point(|h| h.start < origin);
        let i = if i == self.search.hits.len() { 0 } else { i };
        self.search.current = Some(i);
        let start = self.search.hits[i].start;
        self.go_to_offset(start);
    }

    fn count_per_row(&mut self) {
        let mut per_row = vec![0u32; self.rows.len()];
        let mut r = 0;
        for h in &self.search.hits {
            while r + 1 < self.rows.len() && self.rows[r + 1].range.start <= h.start {
                r += 1;
            }
            per_row[r] += 1;
        }
        self.search.per_row = per_row;
    }

    fn next_hit(&mut self, forward: bool) {
        let n = self.search.hits.len();
        if n == 0 {
            self.complain(if self.search.query.is_some() {
                "no hits"
            } else {
                "no search: press / to search"
            });
            return;
        }
        let cur = self.cursor;
        let (i, wrapped) = if forward {
            let i = self.search.hits.partition_point(|h| h.start <= cur);
            if i >= n { (0, true) } else { (i, false) }
        } else {
            let i = self.search.hits.partition_point(|h| h.start < cur);
            if i == 0 {
                (n - 1, true)
            } else {
                (i - 1, false)
            }
        };
        self.search.current = Some(i);
        self.go_to_offset(self.search.hits[i].start);
        // The status line shows `hit i/N`; the message says where the hit is (the
        // timeline may be hidden) and when the search wrapped.
        let place = self.place_of(self.search.hits[i].start);
        if wrapped {
            // The wrap first: a narrow status line cuts the end of the message.
            self.say(if forward {
                format!("wrapped to top · {place}")
            } else {
                format!("wrapped to bottom · {place}")
            });
        } else {
            self.say(place);
        }
    }

    /// Where reading offset `r` is: its year's label and CE year, or its section's name.
    fn place_of(&self, r: usize) -> String {
        let (label, ce) = crate::view::place_label(self.chron, self.reading.to_source(r));
        match ce {
            Some(ce) => format!("{label} ({})", ce_label(ce)),
            None => label,
        }
    }

    // ----- lists -----

    fn open_list(&mut self, kind: ListKind) {
        let len = match &kind {
            ListKind::Help => help_lines().len(),
            ListKind::Concordance => self.search.hits.len(),
            ListKind::Choose(v) => v.len(),
        };
        let selected = match (&kind, self.search.current) {
            (ListKind::Concordance, Some(c)) => c,
            _ => 0,
        };
        self.list = Some(ListView {
            kind,
            items: (0..len).collect(),
            selected,
            offset: 0,
            filter: String::new(),
            filtering: false,
        });
        self.mode = Mode::List;
        self.keep_list_visible();
    }

    fn open_concordance(&mut self) {
        if self.search.hits.is_empty() {
            self.complain("no hits: search with / first");
            return;
        }
        self.open_list(ListKind::Concordance);
    }

    /// Rows available to a list overlay.
    pub fn list_height(&self) -> usize {
        usize::from(self.size.1).saturating_sub(4).max(1)
    }

    fn keep_list_visible(&mut self) {
        let h = self.list_height();
        if let Some(l) = &mut self.list {
            let help = l.kind == ListKind::Help;
            if help {
                // The help screen scrolls; it has no selection.
                let max = l.items.len().saturating_sub(h);
                l.offset = l.selected.min(max);
                l.selected = l.offset;
                return;
            }
            if l.selected < l.offset {
                l.offset = l.selected;
            } else if l.selected >= l.offset + h {
                l.offset = l.selected + 1 - h;
            }
        }
    }

    fn apply_list(&mut self, action: Action) {
        let h = self.list_height() as isize;
        let Some(l) = &mut self.list else {
            self.mode = Mode::Browse;
            return;
        };
        if l.filtering {
            match action {
                Action::Back | Action::Confirm => l.filtering = false,
                Action::Backspace => {
                    l.filter.pop();
                    self.refilter();
                }
                Action::ClearInput => {
                    l.filter.clear();
                    self.refilter();
                }
                Action::Quit => self.quit = true,
                _ => {}
            }
            return;
        }
        let len = l.items.len() as isize;
        let mut moved = |delta: isize| {
            let s = (l.selected as isize + delta).clamp(0, (len - 1).max(0));
            l.selected = s as usize;
        };
        match action {
            Action::Quit => self.quit = true,
            Action::Back | Action::Help => {
                if !l.filter.is_empty() {
                    l.filter.clear();
                    self.refilter();
                } else {
                    self.list = None;
                    self.mode = Mode::Browse;
                }
                return;
            }
            Action::Down => moved(1),
            Action::Up => moved(-1),
            Action::PageDown => moved(h - 1),
            Action::PageUp => moved(-(h - 1)),
            Action::First => moved(-len),
            Action::Last => moved(len),
            Action::OpenSearch if l.kind == ListKind::Concordance => l.filtering = true,
            Action::Activate => {
                let item = l.items.get(l.selected).copied();
                let kind = l.kind.clone();
                match (kind, item) {
                    (ListKind::Concordance, Some(i)) => {
                        self.list = None;
                        self.mode = Mode::Browse;
                        self.search.current = Some(i);
                        self.go_to_offset(self.search.hits[i].start);
                        self.say(self.place_of(self.search.hits[i].start));
                    }
                    (ListKind::Choose(entries), Some(i)) => {
                        self.list = None;
                        self.mode = Mode::Browse;
                        self.go_to_entry(entries[i]);
                    }
                    (ListKind::Help, _) => {
                        self.list = None;
                        self.mode = Mode::Browse;
                    }
                    _ => {}
                }
                return;
            }
            _ => {}
        }
        self.keep_list_visible();
    }

    fn refilter(&mut self) {
        let Some(l) = &mut self.list else { return };
        if l.kind != ListKind::Concordance {
            return;
        }
        let all = self.search.hits.len();
        let q = Query::new(&l.filter, SearchMode::Folded).ok();
        let items: Vec<usize> = match q {
            Some(q) if !q.is_empty() => (0..all)
                .filter(|&i| {
                    let line = concordance_line(self, i, 30);
                    q.find_iter(&line.plain()).next().is_some()
                })
                .collect(),
            _ => (0..all).collect(),
        };
        if let Some(l) = &mut self.list {
            l.items = items;
            l.selected = 0;
            l.offset = 0;
        }
    }

    /// A mouse click at (col, row): open the timeline row under it.
    pub fn click(&mut self, col: u16, row: u16) {
        if self.mode != Mode::Browse {
            return;
        }
        if let Some(t) = self.areas.timeline {
            if t.contains(col, row) {
                let pos = self.timeline_top + usize::from(row - t.y);
                if let Some(&r) = self.visible.get(pos) {
                    if r == self.selected {
                        if let RowKind::Volume(_) = self.rows[r].kind {
                            self.apply(Action::Activate);
                        }
                    } else {
                        self.select(r);
                    }
                }
                return;
            }
        }
        if let Some(d) = self.areas.detail {
            if d.contains(col, row) && self.focus != Focus::Detail {
                self.focus = Focus::Detail;
                let (w, h) = self.size;
                self.resize(w, h);
            }
        }
    }

    /// The mouse wheel at (col, row): scroll the pane under the pointer.
    pub fn wheel(&mut self, col: u16, row: u16, down: bool) {
        let delta: isize = if down { 3 } else { -3 };
        match self.mode {
            Mode::List => {
                self.apply(if down { Action::Down } else { Action::Up });
            }
            Mode::Browse | Mode::Jump | Mode::Search => {
                let over_timeline = self.areas.timeline.is_some_and(|t| t.contains(col, row));
                if over_timeline {
                    let h = self.areas.timeline.map_or(1, |t| usize::from(t.height));
                    let max_top = self.visible.len().saturating_sub(h);
                    self.timeline_top =
                        (self.timeline_top as isize + delta).clamp(0, max_top as isize) as usize;
                } else {
                    self.scroll(delta);
                }
            }
        }
    }
}

/// A concordance line: label, CE, and the hit in its context.
#[derive(Debug, Clone)]
pub struct ConcordanceLine {
    /// The entry (or section) label.
    pub label: String,
    /// Its CE year.
    pub ce: Option<i32>,
    /// Context before the hit.
    pub left: String,
    /// The hit.
    pub hit: String,
    /// Context after the hit.
    pub right: String,
}

impl ConcordanceLine {
    /// All of it as one string (for filtering).
    pub fn plain(&self) -> String {
        format!("{} {}{}{}", self.label, self.left, self.hit, self.right)
    }
}

/// The concordance line of hit `i`, with `cols` columns of context on each side.
pub fn concordance_line(app: &App<'_>, i: usize, cols: usize) -> ConcordanceLine {
    let hit = app.search.hits[i].clone();
    let row = &app.rows[app.row_at(hit.start)];
    let k = search::kwic(
        app.reading.text(),
        hit.clone(),
        row.range.clone(),
        cols,
        cols,
    );
    let source = app.reading.to_source(hit.start);
    let (label, ce) = crate::view::place_label(app.chron, source);
    ConcordanceLine {
        label,
        ce,
        left: k.left,
        hit: k.hit,
        right: k.right,
    }
}

/// The help screen's lines, from the keymap: (keys, description), with section titles
/// as lines whose keys are empty.
pub fn help_lines() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (title, scope) in [
        ("Reading", Scope::Browse),
        ("Prompts (: and /)", Scope::Prompt),
        ("Lists (concordance, choices, this help)", Scope::List),
        ("Everywhere", Scope::Global),
    ] {
        if !out.is_empty() {
            out.push((String::new(), String::new()));
        }
        out.push((String::new(), title.to_owned()));
        for b in super::keymap::bindings(scope) {
            out.push((b.label.to_owned(), b.help.to_owned()));
        }
    }
    out.push((String::new(), String::new()));
    out.push((
        String::new(),
        "Mouse: click a year to open it; the wheel scrolls the pane under the pointer.".to_owned(),
    ));
    out
}

fn compute_areas(width: u16, height: u16, focus: Focus, timeline_width: u16) -> Areas {
    let status = Rect {
        x: 0,
        y: height.saturating_sub(1),
        width,
        height: 1.min(height),
    };
    if width < MIN_SIZE.0 || height < MIN_SIZE.1 {
        return Areas {
            status,
            too_small: true,
            ..Areas::default()
        };
    }
    let body_h = height - 1;
    let (timeline, detail) = if width >= SIDE_BY_SIDE {
        let tw = timeline_width.clamp(22, (width / 3).max(22));
        (
            Some(Rect {
                x: 0,
                y: 0,
                width: tw,
                height: body_h,
            }),
            Some(Rect {
                x: tw,
                y: 0,
                width: width - tw,
                height: body_h,
            }),
        )
    } else {
        // Narrow: one pane at a time; Tab switches.
        let full = Rect {
            x: 0,
            y: 0,
            width,
            height: body_h,
        };
        match focus {
            Focus::Timeline => (Some(full), None),
            Focus::Detail => (None, Some(full)),
        }
    };
    // The text: below the heading, with a margin of two columns (one when narrow).
    let text = match detail {
        Some(d) => {
            let margin = if d.width >= 40 { 2 } else { 1 };
            let avail = d.width.saturating_sub(2 * margin).max(1);
            Rect {
                x: d.x + margin,
                y: d.y + DETAIL_HEADER.min(d.height),
                width: avail.min(MAX_MEASURE as u16),
                height: d.height.saturating_sub(DETAIL_HEADER).max(1),
            }
        }
        None => Rect::default(),
    };
    Areas {
        timeline,
        detail,
        text,
        status,
        too_small: false,
    }
}

/// The timeline rows of a chronicle, from its segments.
fn build_rows(chron: &Chronicle, reading: &Reading<'_>) -> Vec<Row> {
    let mut rows = Vec::new();
    let prefaces = chron
        .segments
        .iter()
        .filter(|s| s.kind == SegmentKind::Preface)
        .count();
    let mut seen_volume = vec![false; chron.volumes.len()];
    for seg in &chron.segments {
        let range = reading.span_to_reading(seg.span);
        let text = &reading.text()[range.clone()];
        let first_line = || {
            let l = text
                .lines()
                .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}'))
                .find(|l| !l.is_empty())
                .unwrap_or("");
            crate::layout::prefix_fitting(l, 16).to_owned()
        };
        let (kind, volume, label) = match seg.kind {
            SegmentKind::FrontMatter => continue,
            SegmentKind::Preface => {
                let label = if prefaces > 1 {
                    format!("序 {}", first_line())
                } else {
                    "序".to_owned()
                };
                (RowKind::Preface, None, label)
            }
            SegmentKind::Volume(v) => {
                if seen_volume[v] {
                    (RowKind::Text, Some(v), "（續）".to_owned())
                } else {
                    seen_volume[v] = true;
                    (RowKind::Volume(v), Some(v), chron.volumes[v].display_name())
                }
            }
            SegmentKind::Entry(i) => {
                let e = &chron.entries[i];
                (RowKind::Entry(i), e.volume, chron.full_label(e))
            }
            SegmentKind::Notes(v) => (RowKind::Notes, v, "校勘記".to_owned()),
        };
        let empty = match kind {
            RowKind::Entry(i) => {
                let body = reading.span_to_reading(chron.entries[i].body());
                reading.text()[body]
                    .chars()
                    .all(|c| c.is_whitespace() || c == '。')
            }
            _ => text.trim().is_empty(),
        };
        rows.push(Row {
            kind,
            range,
            volume,
            label: crate::layout::sanitize(&label).into_owned(),
            empty,
        });
    }
    if rows.is_empty() {
        rows.push(Row {
            kind: RowKind::Preface,
            range: 0..reading.text().len(),
            volume: None,
            label: "（空）".to_owned(),
            empty: true,
        });
    }
    rows
}
