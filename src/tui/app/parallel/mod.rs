//! Two texts side by side, synced by CE year (`annals A B`), or one bilingual text as two
//! panes, original and translation paragraph by paragraph. One joint timeline
//! ([`crate::model::align`]) lists every CE year either text records; each pane is a
//! reader of its own ([`App`]) placed in its part of the screen, showing the year the
//! timeline selects — or, when its text lacks that year, its nearest one, dimmed, with a
//! note. Tab moves the keyboard from the timeline to either pane; `s` locks the panes'
//! scrolling together (to the same month or season); `/` searches both, counting hits
//! per pane. Like the one-text reader, it changes only through [`ParallelApp::apply`] and
//! touches no terminal.

use ratatui::layout::{Constraint, Layout, Position, Rect};

use super::geometry::text_area_within;
use super::{App, Areas, Doc, JumpPreview, MIN_SIZE, Message, Mode, RowKind, SIDE_BY_SIDE};
use crate::calendar::Ganzhi;
use crate::layout::str_width;
use crate::model::align::{self, JointRow, JointYear};
use crate::model::bilingual::{Bilingual, Side};
use crate::model::marks::DayOfMonth;
use crate::model::pages::Place;
use crate::model::query::{self, ce_label};
use crate::model::{Chronicle, MarkKind};
use crate::tui::action::Action;
use crate::tui::keymap::{Scope, hint};

mod geometry;
mod jump;
mod lock;

/// Columns kept after a text's label in the timeline for its count of search hits (` 12`).
pub const HIT_ROOM: u16 = 3;

/// Panes at least this wide together stand side by side; narrower, one above the other.
pub const PANES_SIDE_BY_SIDE: u16 = 80;

/// The side of a bilingual text a pane shows, and how wide the other side is laid out (so
/// that each unit starts on the same line on both).
#[derive(Debug, Clone, Copy)]
pub struct BilingualPane<'a> {
    /// The text's units of original and translation.
    pub text: &'a Bilingual,
    /// The side shown.
    pub side: Side,
    /// The other pane's text width, in columns.
    pub other_width: usize,
}

/// How the two panes go together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pairing {
    /// Two texts, by CE year.
    Years,
    /// One bilingual text: original left (or above), translation right (or below),
    /// paragraph by paragraph; the panes always scroll together.
    Paragraphs,
}

/// What has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParallelFocus {
    /// The joint timeline.
    Timeline,
    /// Pane 0 (the first text, or the original) or pane 1.
    Pane(usize),
}

/// What is open. A list overlay (help, concordance) is a pane's own ([`ParallelApp::overlay`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParallelMode {
    /// Reading.
    Browse,
    /// The `:` prompt.
    Jump {
        /// What has been typed.
        input: String,
        /// Where Enter goes.
        preview: JumpPreview,
        /// Examples for the empty prompt, from the first text.
        example: String,
    },
    /// The `/` prompt, open in both panes (each keeps its own search).
    Search,
}

/// Where each part of the screen is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ParallelAreas {
    /// The joint timeline, when shown.
    pub timeline: Option<Rect>,
    /// Each pane, when shown.
    pub panes: [Option<Rect>; 2],
    /// The panes are one above the other (else side by side).
    pub stacked: bool,
    /// The bottom line.
    pub status: Rect,
    /// The terminal is below the minimum size.
    pub too_small: bool,
}

/// Two readers and the timeline that joins them.
pub struct ParallelApp<'a> {
    /// The two panes.
    pub panes: [App<'a>; 2],
    /// How they go together.
    pub pairing: Pairing,
    /// The joint timeline.
    pub rows: Vec<JointRow>,
    /// The selected row (always a year).
    pub selected: usize,
    /// The first row on screen.
    pub timeline_top: usize,
    /// What has the keyboard.
    pub focus: ParallelFocus,
    /// Whether scrolling one pane scrolls the other to the same month or season.
    pub lock: bool,
    /// What is open.
    pub mode: ParallelMode,
    /// The pane whose list overlay (help, concordance, a choice) is open.
    pub overlay: Option<usize>,
    /// A note for a pane showing its text's nearest year to the selected one, which it
    /// lacks (`no 1116 here; nearest: 1115`); such a pane is drawn dim.
    pub nearest: [Option<String>; 2],
    /// The terminal size.
    pub size: (u16, u16),
    /// Where things are.
    pub areas: ParallelAreas,
    /// The status message.
    pub message: Option<Message>,
    /// Set when the user asked to quit.
    pub quit: bool,
    /// Text for the clipboard (OSC 52), taken by the event loop.
    pub clipboard: Option<String>,
    /// Each text's column in the timeline, in columns: its widest label (at most 14) and
    /// room for a count of search hits ([`HIT_ROOM`]).
    pub label_widths: [u16; 2],
}

impl<'a> ParallelApp<'a> {
    /// Texts `a` and `b` side by side by CE year, on a `width`×`height` terminal.
    pub fn new(a: &'a Chronicle, b: &'a Chronicle, width: u16, height: u16) -> ParallelApp<'a> {
        let panes = [App::new(a, width, height), App::new(b, width, height)];
        let rows = align::align(a, b);
        ParallelApp::with(panes, Pairing::Years, rows, width, height)
    }

    /// A bilingual text as two panes, original and translation, on a `width`×`height`
    /// terminal.
    pub fn bilingual(
        c: &'a Chronicle,
        units: &'a Bilingual,
        width: u16,
        height: u16,
    ) -> ParallelApp<'a> {
        let mut panes = [App::new(c, width, height), App::new(c, width, height)];
        for (pane, side) in panes.iter_mut().zip([Side::Original, Side::Translation]) {
            pane.bilingual = Some(BilingualPane {
                text: units,
                side,
                other_width: 0,
            });
        }
        ParallelApp::with(panes, Pairing::Paragraphs, align::itself(c), width, height)
    }

    fn with(
        panes: [App<'a>; 2],
        pairing: Pairing,
        rows: Vec<JointRow>,
        width: u16,
        height: u16,
    ) -> ParallelApp<'a> {
        let mut app = ParallelApp {
            panes,
            pairing,
            rows,
            selected: 0,
            timeline_top: 0,
            focus: ParallelFocus::Timeline,
            lock: pairing == Pairing::Paragraphs,
            mode: ParallelMode::Browse,
            overlay: None,
            nearest: [None, None],
            size: (width, height),
            areas: ParallelAreas::default(),
            message: None,
            quit: false,
            clipboard: None,
            label_widths: [4, 4],
        };
        for k in 0..2 {
            let widest = app
                .rows
                .iter()
                .filter_map(|r| match r {
                    JointRow::Year(y) => Some(str_width(&app.side_label(y, k))),
                    JointRow::Gap(_) => None,
                })
                .max()
                .unwrap_or(4)
                .min(14);
            app.label_widths[k] = u16::try_from(widest).unwrap_or(14) + HIT_ROOM;
        }
        app.resize(width, height);
        // Open at the first text's first year (the second text may start centuries
        // earlier); failing that, at the first year of either.
        let first = app
            .rows
            .iter()
            .position(|r| matches!(r, JointRow::Year(y) if y.has(0)))
            .or_else(|| app.next_year_row(0, 1))
            .unwrap_or(0);
        app.select_row(first);
        if app.rows.is_empty() {
            app.complain("no year of either text has a CE year to align by");
        }
        app
    }

    /// The key scope now.
    pub fn scope(&self) -> Scope {
        if let Some(k) = self.overlay {
            return self.panes[k].scope();
        }
        match self.mode {
            ParallelMode::Browse => Scope::Browse,
            ParallelMode::Jump { .. } | ParallelMode::Search => Scope::Prompt,
        }
    }

    /// The pane the keys that act on one text act on: the focused pane, or the first.
    pub fn lead(&self) -> usize {
        match self.focus {
            ParallelFocus::Pane(k) => k,
            ParallelFocus::Timeline => 0,
        }
    }

    /// The selected year.
    pub fn year(&self) -> Option<&JointYear> {
        match self.rows.get(self.selected) {
            Some(JointRow::Year(y)) => Some(y),
            _ => None,
        }
    }

    /// The reading position to remember: the first pane's.
    pub fn source_position(&self) -> usize {
        self.panes[0].source_position()
    }

    /// Carry out one action; any input from the user first dismisses the message.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Resize { width, height } => return self.resize(width, height),
            Action::Notice(text) => return self.complain(text),
            Action::GoToSource(offset) => {
                self.panes[0].go_to_source(offset);
                return self.follow_pane(0);
            }
            _ => self.message = None,
        }
        if let Some(k) = self.overlay {
            self.panes[k].apply(action);
            if !matches!(self.panes[k].mode, Mode::List(_)) {
                self.overlay = None;
                self.take_message(k);
                self.follow_pane(k);
            }
            return;
        }
        match self.mode {
            ParallelMode::Browse => self.apply_browse(action),
            ParallelMode::Jump { .. } => self.apply_jump(action),
            ParallelMode::Search => self.apply_search(action),
        }
    }

    fn apply_browse(&mut self, action: Action) {
        let lead = self.lead();
        let page = self.panes[lead].text_height().saturating_sub(1).max(1) as isize;
        match action {
            Action::Quit => self.quit = true,
            Action::Back => {
                if self.panes.iter().any(|p| p.search.query.is_some()) {
                    for p in &mut self.panes {
                        p.clear_search();
                    }
                    self.say("search cleared");
                } else {
                    self.quit = true;
                }
            }
            Action::Down | Action::Up => {
                let d = if action == Action::Down { 1 } else { -1 };
                match self.focus {
                    ParallelFocus::Timeline => self.move_row(d),
                    ParallelFocus::Pane(k) => self.scroll_pane(k, d),
                }
            }
            Action::NextEntry => self.move_row(1),
            Action::PrevEntry => self.move_row(-1),
            Action::PageDown => self.page(lead, page),
            Action::PageUp => self.page(lead, -page),
            Action::HalfPageDown => self.page(lead, (page / 2).max(1)),
            Action::HalfPageUp => self.page(lead, -(page / 2).max(1)),
            Action::First => {
                if let Some(r) = self.next_year_row(0, 1) {
                    self.select_row(r);
                }
            }
            Action::Last => {
                if let Some(r) = self.next_year_row(self.rows.len().saturating_sub(1), -1) {
                    self.select_row(r);
                }
            }
            Action::NextNonEmpty => self.next_nonempty(1),
            Action::PrevNonEmpty => self.next_nonempty(-1),
            Action::NextMark | Action::PrevMark | Action::NextHit | Action::PrevHit => {
                // Moves within one text (to its next month, its next hit), across its
                // years: the other pane follows to the year.
                self.panes[lead].apply(action);
                self.take_message(lead);
                self.follow_pane(lead);
            }
            Action::ToggleFocus => {
                self.focus = match self.focus {
                    ParallelFocus::Timeline => ParallelFocus::Pane(0),
                    ParallelFocus::Pane(0) => ParallelFocus::Pane(1),
                    ParallelFocus::Pane(_) => ParallelFocus::Timeline,
                };
                let (w, h) = self.size;
                self.resize(w, h);
            }
            Action::Activate if self.focus == ParallelFocus::Timeline => {
                self.focus = ParallelFocus::Pane(0);
                let (w, h) = self.size;
                self.resize(w, h);
            }
            Action::Collapse | Action::Expand | Action::ToggleAllVolumes => {
                self.say("the joint timeline lists years; volumes are folded in one text")
            }
            Action::YearInfo => {
                let infos: Vec<String> = (0..2)
                    .filter_map(|k| {
                        let p = &self.panes[k];
                        match p.rows[p.selected].kind {
                            RowKind::Entry(i) => {
                                Some(crate::view::provenance(p.chron, &p.chron.entries[i]))
                            }
                            _ => None,
                        }
                    })
                    .collect();
                if self.pairing == Pairing::Paragraphs {
                    self.say(infos.into_iter().next().unwrap_or_default());
                } else {
                    self.say(infos.join(" │ "));
                }
            }
            Action::OpenJump => {
                let example = self.panes[0].jump_example();
                self.mode = ParallelMode::Jump {
                    input: String::new(),
                    preview: JumpPreview::Empty,
                    example,
                }
            }
            Action::OpenSearch => {
                for p in &mut self.panes {
                    p.apply(Action::OpenSearch);
                }
                self.mode = ParallelMode::Search;
            }
            Action::Concordance | Action::Help => {
                let k = if action == Action::Help { 0 } else { lead };
                self.panes[k].apply(action);
                if matches!(self.panes[k].mode, Mode::List(_)) {
                    self.overlay = Some(k);
                } else {
                    self.take_message(k);
                }
            }
            Action::CopyCitation => {
                let cites: Vec<String> = match (self.pairing, self.focus) {
                    (Pairing::Years, ParallelFocus::Timeline) => self
                        .panes
                        .iter()
                        .map(|p| p.citation().to_string())
                        .collect(),
                    _ => vec![self.panes[lead].citation().to_string()],
                };
                let text = crate::layout::sanitize(&cites.join("; ")).into_owned();
                self.say(format!("copied: {text}"));
                self.clipboard = Some(text);
            }
            Action::ToggleNotes => {
                for p in &mut self.panes {
                    p.toggle_notes();
                }
                self.take_message(lead);
            }
            Action::ToggleLock => match self.pairing {
                Pairing::Paragraphs => self.say("original and translation always scroll together"),
                Pairing::Years => {
                    self.lock = !self.lock;
                    if self.lock {
                        self.follow_scroll(lead);
                        self.say("scroll lock on: the other pane follows to the same month");
                    } else {
                        self.say("scroll lock off");
                    }
                }
            },
            Action::Click { column, row } => self.click(column, row),
            Action::WheelDown { column, row } => self.wheel(column, row, 3),
            Action::WheelUp { column, row } => self.wheel(column, row, -3),
            _ => {}
        }
    }

    // ----- the joint timeline -----

    /// The first year row from `from` on in direction `dir` (1 or -1), `from` included.
    fn next_year_row(&self, from: usize, dir: isize) -> Option<usize> {
        let mut r = from as isize;
        while r >= 0 && (r as usize) < self.rows.len() {
            if matches!(self.rows[r as usize], JointRow::Year(_)) {
                return Some(r as usize);
            }
            r += dir;
        }
        None
    }

    fn move_row(&mut self, delta: isize) {
        let dir = delta.signum();
        let target = (self.selected as isize + delta).clamp(0, self.rows.len() as isize - 1);
        // A gap is stepped over.
        if let Some(r) = self.next_year_row(target as usize, if dir == 0 { 1 } else { dir }) {
            self.select_row(r);
        }
    }

    /// The next year in direction `dir` that either text records something in.
    fn next_nonempty(&mut self, dir: isize) {
        let mut r = self.selected as isize + dir;
        while r >= 0 && (r as usize) < self.rows.len() {
            if let JointRow::Year(y) = &self.rows[r as usize] {
                let full = (0..2).any(|k| {
                    let p = &self.panes[k];
                    y.entries[k].iter().any(|&i| {
                        p.rows
                            .iter()
                            .any(|row| row.kind == RowKind::Entry(i) && !row.empty)
                    })
                });
                if full {
                    return self.select_row(r as usize);
                }
            }
            r += dir;
        }
        self.say("no more years with events");
    }

    /// Select timeline row `r` (a year) and show it in both panes.
    pub(super) fn select_row(&mut self, r: usize) {
        if self.rows.is_empty() {
            return;
        }
        self.selected = r.min(self.rows.len() - 1);
        self.show_year();
        self.keep_selection_visible();
    }

    /// Show the selected year in both panes: each at its first entry of that year, or at
    /// its nearest year, with a note.
    fn show_year(&mut self) {
        self.show_year_in(0);
        self.show_year_in(1);
        self.lay_out_panes();
    }

    /// Show the selected year in pane `k`.
    fn show_year_in(&mut self, k: usize) {
        let Some(year) = self.year().cloned() else {
            return;
        };
        self.nearest[k] = None;
        if let Some(&i) = year.entries[k].first() {
            self.show_entry(k, i);
            return;
        }
        let chron = self.panes[k].chron;
        match year
            .ce
            .and_then(|ce| align::nearest(chron, ce).map(|i| (ce, i)))
        {
            Some((ce, i)) => {
                self.show_entry(k, i);
                let e = &chron.entries[i];
                self.nearest[k] = Some(format!(
                    "no {} here; nearest: {} ({})",
                    ce_label(ce),
                    crate::layout::sanitize(&chron.full_label(e)),
                    e.ce.map(ce_label).unwrap_or_default()
                ));
            }
            None => {
                self.nearest[k] = Some("no year of this text has a CE year".to_owned());
            }
        }
    }

    /// Pane `k` at the start of entry `i` (unless it is there already).
    fn show_entry(&mut self, k: usize, i: usize) {
        let p = &mut self.panes[k];
        if let Some(row) = p.rows.iter().position(|r| r.kind == RowKind::Entry(i)) {
            if row != p.selected {
                p.select(row);
            } else {
                p.set_top(0);
                p.cursor = p.rows[row].range.start;
            }
        }
    }

    // ----- scrolling -----

    // ----- the `:` prompt -----

    /// A year row in words: `1115: 天慶五年 │ 乙未天庆五年`.
    pub fn row_label(&self, r: usize) -> String {
        match self.rows.get(r) {
            Some(JointRow::Year(y)) => {
                let ce = y.ce.map(ce_label).unwrap_or_else(|| "?".to_owned());
                let sides: Vec<String> = (0..2).map(|k| self.side_label(y, k)).collect();
                if self.pairing == Pairing::Paragraphs {
                    format!("{ce}: {}", sides[0])
                } else {
                    format!("{ce}: {}", sides.join(" │ "))
                }
            }
            Some(JointRow::Gap(n)) => super::gaps::gap_label(*n),
            None => String::new(),
        }
    }

    /// How text `k` names year `y`: its first entry's label (`+1` for each more, `?` when
    /// its CE year is doubtful), or `—` when it does not record it.
    pub fn side_label(&self, y: &JointYear, k: usize) -> String {
        let c = self.panes[k].chron;
        match y.entries[k].as_slice() {
            [] => "—".to_owned(),
            [first, more @ ..] => {
                let e = &c.entries[*first];
                let mut s = c.full_label(e);
                if !e.doubts.is_empty() {
                    s.push('?');
                }
                if !more.is_empty() {
                    s.push_str(&format!(" +{}", more.len()));
                }
                crate::layout::sanitize(&s).into_owned()
            }
        }
    }

    /// Hits of pane `k`'s search in its entries of year `y`.
    pub fn hits_in(&self, y: &JointYear, k: usize) -> u32 {
        let p = &self.panes[k];
        y.entries[k]
            .iter()
            .filter_map(|&i| p.rows.iter().position(|r| r.kind == RowKind::Entry(i)))
            .map(|row| p.search.per_row.get(row).copied().unwrap_or(0))
            .sum()
    }

    // ----- search -----

    fn apply_search(&mut self, action: Action) {
        let lead = self.lead();
        match action {
            Action::Quit => self.quit = true,
            Action::Confirm => {
                for p in &mut self.panes {
                    p.apply(Action::Confirm);
                }
                self.mode = ParallelMode::Browse;
                if let Some(e) = self.panes[lead].search.error.clone() {
                    self.complain(e);
                    return;
                }
                let counts: Vec<usize> = self.panes.iter().map(|p| p.search.hits.len()).collect();
                if counts.iter().all(|&n| n == 0) {
                    let input = self.panes[lead].search.input.clone();
                    if input.is_empty() {
                        return;
                    }
                    self.complain(format!("not found: {input}"));
                    return;
                }
                let summary = match self.pairing {
                    Pairing::Paragraphs => format!("{} hits", counts[0]),
                    Pairing::Years => format!(
                        "hits: {} in {} · {} in {}",
                        counts[0],
                        self.short_title(0),
                        counts[1],
                        self.short_title(1)
                    ),
                };
                self.say(format!(
                    "{summary} — {}/{} next/previous",
                    hint(Scope::Browse, &Action::NextHit),
                    hint(Scope::Browse, &Action::PrevHit),
                ));
                self.follow_search(lead);
            }
            Action::Back => {
                for p in &mut self.panes {
                    p.apply(Action::Back);
                }
                self.mode = ParallelMode::Browse;
                self.follow_pane(lead);
            }
            action => {
                for p in &mut self.panes {
                    p.apply(action.clone());
                }
                self.follow_search(lead);
            }
        }
    }

    /// After a search moved the panes to their first hits: the lead pane's year (or the
    /// other's, when only it has hits) is the one shown.
    fn follow_search(&mut self, lead: usize) {
        let k = if self.panes[lead].search.hits.is_empty()
            && !self.panes[1 - lead].search.hits.is_empty()
        {
            1 - lead
        } else {
            lead
        };
        self.follow_pane(k);
    }

    /// A text's title for short messages: its title, else `text 1` or `text 2`.
    pub fn short_title(&self, k: usize) -> String {
        match &self.panes[k].chron.title {
            Some(t) => crate::layout::sanitize(t).into_owned(),
            None => format!("text {}", k + 1),
        }
    }

    // ----- the mouse -----

    // ----- geometry -----

    // ----- messages -----

    /// Take pane `k`'s status message as this screen's.
    fn take_message(&mut self, k: usize) {
        if let Some(m) = self.panes[k].message.take() {
            self.message = Some(m);
        }
        let other = &mut self.panes[1 - k];
        other.message = None;
    }

    fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
            shorter: Vec::new(),
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
