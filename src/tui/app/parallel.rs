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

    /// Pane `k` moved by itself (a hit, a month, a jump, the concordance): select its year
    /// in the timeline and show that year in the other pane.
    fn follow_pane(&mut self, k: usize) {
        let p = &self.panes[k];
        // On a row that is not a year (a volume's heading after `:卷十三`, a preface):
        // the year that follows it.
        let entry = p.rows[p.selected..].iter().find_map(|r| match r.kind {
            RowKind::Entry(i) => Some(i),
            _ => None,
        });
        let Some(i) = entry else {
            return;
        };
        let found = self.rows.iter().position(|r| match r {
            JointRow::Year(y) => y.entries[k].contains(&i),
            JointRow::Gap(_) => false,
        });
        let Some(r) = found else {
            let label = p.chron.full_label(&p.chron.entries[i]);
            if self.message.is_none() {
                self.say(format!(
                    "{label} has no CE year: the other text stays where it was"
                ));
            }
            return;
        };
        self.selected = r;
        self.nearest[k] = None;
        // Pane `k` stays where it went; the other goes to the year (a bilingual text's
        // other side, to the same entry).
        let other = 1 - k;
        match self.pairing {
            Pairing::Years => self.show_year_in(other),
            Pairing::Paragraphs => self.show_entry(other, i),
        }
        self.lay_out_panes();
        if self.lock {
            self.follow_scroll(k);
        }
        self.keep_selection_visible();
    }

    fn keep_selection_visible(&mut self) {
        let h = self
            .areas
            .timeline
            .map_or(1, |r| usize::from(r.height))
            .max(1);
        let pos = self.selected;
        if pos < self.timeline_top || pos >= self.timeline_top + h {
            self.timeline_top = pos.saturating_sub(h / 2);
        }
        self.timeline_top = self.timeline_top.min(self.rows.len().saturating_sub(h));
    }

    // ----- scrolling -----

    fn scroll_pane(&mut self, k: usize, delta: isize) {
        self.panes[k].scroll(delta);
        if self.lock {
            self.follow_scroll(k);
        }
    }

    /// Page through pane `k`; at the end of its year, on to the next year (as the
    /// one-text reader turns the page).
    fn page(&mut self, k: usize, delta: isize) {
        let before = self.panes[k].doc.top;
        self.scroll_pane(k, delta);
        if self.panes[k].doc.top == before {
            if delta > 0 && before >= self.panes[k].max_top() {
                let r = self.selected;
                self.move_row(1);
                if self.selected == r {
                    self.say("the last year");
                }
            } else if delta < 0 && before == 0 {
                let r = self.selected;
                self.move_row(-1);
                if self.selected != r {
                    let top = self.panes[k].max_top();
                    self.panes[k].set_top(top);
                    if self.lock {
                        self.follow_scroll(k);
                    }
                }
            }
        }
    }

    /// Scroll the other pane to where pane `k` is: to the same line for a bilingual text;
    /// for two texts, when both show the same year, to the time mark pane `k` has reached
    /// (the last one on or above its top line): the same day of the same month in the
    /// other text, else its first mark at or after that month and day, else its end. Above
    /// the first mark, the other pane goes to its top.
    fn follow_scroll(&mut self, k: usize) {
        let other = 1 - k;
        if self.pairing == Pairing::Paragraphs {
            let top = self.panes[k].doc.top;
            self.panes[other].set_top(top);
            return;
        }
        if self.nearest[other].is_some() || self.nearest[k].is_some() {
            return;
        }
        let target = match self.mark_at_top(k) {
            None => 0,
            Some(key) => {
                let marks = self.time_marks(other);
                let same = marks.iter().find(|(m, _)| *m == key);
                let later = marks
                    .iter()
                    .find(|(m, _)| (m.month, m.day) >= (key.month, key.day));
                let p = &self.panes[other];
                match same.or(later) {
                    Some(&(_, r)) => p.line_of(r),
                    None => p.max_top(),
                }
            }
        };
        let p = &mut self.panes[other];
        p.set_top(target);
        if let Some(l) = p.doc.lines.get(p.doc.top) {
            p.cursor = l.start;
        }
    }

    /// The time marks written in pane `k`'s entry, in order, each with the month it falls
    /// in (the last one named, for a day written alone) and where it is (a reading offset).
    fn time_marks(&self, k: usize) -> Vec<(MarkKey, usize)> {
        let p = &self.panes[k];
        let RowKind::Entry(i) = p.rows[p.selected].kind else {
            return Vec::new();
        };
        let mut month = 0u8;
        let mut out = Vec::new();
        for m in &p.chron.entries[i].marks {
            match (m.kind, m.month) {
                (_, Some(n)) => month = n * 2 + u8::from(m.leap),
                (MarkKind::Season, None) => match season_month(p.chron.slice(m.span)) {
                    Some(n) => month = n * 2,
                    None => continue,
                },
                (MarkKind::Day, None) => {}
                _ => continue,
            }
            let day = match m.day {
                Some(DayOfMonth::Number(n)) => n,
                Some(DayOfMonth::Shuo) => 1,
                Some(DayOfMonth::Wang) => 15,
                Some(DayOfMonth::Hui) => 30,
                None => 0,
            };
            let key = MarkKey {
                month,
                day,
                ganzhi: m.ganzhi,
            };
            out.push((key, p.reading.to_reading(m.span.start)));
        }
        out
    }

    /// The time mark pane `k` has reached: the last one written on or above its top line
    /// (none at the top of its year).
    fn mark_at_top(&self, k: usize) -> Option<MarkKey> {
        let p = &self.panes[k];
        if p.doc.top == 0 {
            return None;
        }
        let top = p.doc.lines.get(p.doc.top)?;
        self.time_marks(k)
            .into_iter()
            .take_while(|&(_, r)| r < top.end.max(top.start + 1))
            .last()
            .map(|(m, _)| m)
    }

    // ----- the `:` prompt -----

    fn apply_jump(&mut self, action: Action) {
        let ParallelMode::Jump { input, .. } = &mut self.mode else {
            return;
        };
        match action {
            Action::Quit => self.quit = true,
            Action::Back => self.mode = ParallelMode::Browse,
            Action::Backspace => {
                input.pop();
                self.preview_jump();
            }
            Action::ClearInput => {
                input.clear();
                self.preview_jump();
            }
            Action::Type(c) if !c.is_control() && input.len() < 256 => {
                input.push(c);
                self.preview_jump();
            }
            Action::Confirm => {
                let input = std::mem::take(input);
                self.mode = ParallelMode::Browse;
                self.jump(&input);
            }
            _ => {}
        }
    }

    /// Where `input` goes: a page or volume in the lead pane's text; else the year it
    /// names in either text (the lead pane's first), by its CE year.
    fn resolve(&self, input: &str) -> Result<Target, String> {
        let lead = self.lead();
        if Place::parse(input).is_some() {
            return Ok(Target::Place(lead));
        }
        let mut errors = Vec::new();
        for k in [lead, 1 - lead] {
            let p = &self.panes[k];
            let current = match p.rows[p.selected].kind {
                RowKind::Entry(i) => Some(i),
                _ => None,
            };
            match query::find(p.chron, input, current) {
                Ok(found) => return Ok(Target::Entry(k, found[0])),
                Err(e) => {
                    // A CE year neither text records.
                    if let query::QueryError::NotInText { ce: Some(y), .. } = e {
                        let row = self.rows.iter().position(|r| {
                            matches!(r, JointRow::Year(JointYear { ce: Some(c), .. }) if *c == y)
                        });
                        if let Some(r) = row {
                            return Ok(Target::Row(r));
                        }
                    }
                    errors.push(format!("{}: {e}", self.short_title(k)));
                }
            }
            if self.pairing == Pairing::Paragraphs {
                // One text in both panes: asked once.
                break;
            }
        }
        // Neither text has it: each says why (`前漢紀: no entry for 618; this text covers
        // 前206–23 · 新唐書: …`).
        Err(errors.join(" · "))
    }

    fn preview_jump(&mut self) {
        let ParallelMode::Jump { input, .. } = &self.mode else {
            return;
        };
        let preview = if input.trim().is_empty() {
            JumpPreview::Empty
        } else {
            match self.resolve(input) {
                Ok(Target::Place(k)) => self.panes[k]
                    .preview_place(input)
                    .unwrap_or(JumpPreview::Empty),
                Ok(Target::Entry(k, i)) => {
                    let p = &self.panes[k];
                    let e = &p.chron.entries[i];
                    JumpPreview::Found(match e.ce {
                        Some(ce) => format!("{} ({})", p.chron.full_label(e), ce_label(ce)),
                        None => p.chron.full_label(e),
                    })
                }
                Ok(Target::Row(r)) => JumpPreview::Found(self.row_label(r)),
                Err(_) => JumpPreview::Nothing("no such year".to_owned()),
            }
        };
        if let ParallelMode::Jump { preview: p, .. } = &mut self.mode {
            *p = preview;
        }
    }

    fn jump(&mut self, input: &str) {
        match self.resolve(input) {
            Ok(Target::Place(k)) => {
                self.panes[k].go_to_place(input);
                self.take_message(k);
                self.follow_pane(k);
            }
            Ok(Target::Entry(k, i)) => {
                let p = &mut self.panes[k];
                if let Some(row) = p.rows.iter().position(|r| r.kind == RowKind::Entry(i)) {
                    p.select(row);
                }
                self.follow_pane(k);
            }
            Ok(Target::Row(r)) => self.select_row(r),
            Err(e) => self.complain(e),
        }
    }

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

    fn click(&mut self, column: u16, row: u16) {
        let at = Position::new(column, row);
        if let Some(t) = self.areas.timeline {
            if t.contains(at) {
                let r = self.timeline_top + usize::from(row - t.y);
                if r < self.rows.len() {
                    if let Some(r) = self.next_year_row(r, 1) {
                        self.select_row(r);
                    }
                }
                return;
            }
        }
        for k in 0..2 {
            if self.areas.panes[k].is_some_and(|p| p.contains(at)) {
                self.focus = ParallelFocus::Pane(k);
            }
        }
    }

    fn wheel(&mut self, column: u16, row: u16, delta: isize) {
        let at = Position::new(column, row);
        if self.areas.timeline.is_some_and(|t| t.contains(at)) {
            let h = self.areas.timeline.map_or(1, |t| usize::from(t.height));
            let max_top = self.rows.len().saturating_sub(h);
            self.timeline_top =
                (self.timeline_top as isize + delta).clamp(0, max_top as isize) as usize;
            return;
        }
        for k in 0..2 {
            if self.areas.panes[k].is_some_and(|p| p.contains(at)) {
                self.scroll_pane(k, delta);
            }
        }
    }

    // ----- geometry -----

    /// The joint timeline's width: the CE year, its doubt mark, and each text's column.
    fn timeline_width(&self) -> u16 {
        let [a, b] = self.label_widths;
        let labels = match self.pairing {
            Pairing::Years => a + 3 + b,
            Pairing::Paragraphs => a,
        };
        // CE (6), `?`, `│ `, the labels, a space and the separator.
        6 + 1 + 2 + labels + 2
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.areas = self.compute_areas(width, height);
        for p in &mut self.panes {
            p.size = (width, height);
            p.relayout_list();
        }
        self.lay_out_panes();
        self.keep_selection_visible();
    }

    fn compute_areas(&self, width: u16, height: u16) -> ParallelAreas {
        let screen = Rect::new(0, 0, width, height);
        let [body, status] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(screen);
        if width < MIN_SIZE.0 || height < MIN_SIZE.1 {
            return ParallelAreas {
                status,
                too_small: true,
                ..ParallelAreas::default()
            };
        }
        let (timeline, panes_area) = if width >= SIDE_BY_SIDE {
            let tw = self.timeline_width().clamp(22, (width / 3).max(22));
            let [t, p] =
                Layout::horizontal([Constraint::Length(tw), Constraint::Fill(1)]).areas(body);
            (Some(t), Some(p))
        } else {
            match self.focus {
                ParallelFocus::Timeline => (Some(body), None),
                ParallelFocus::Pane(_) => (None, Some(body)),
            }
        };
        let mut panes = [None, None];
        let mut stacked = false;
        if let Some(p) = panes_area {
            if p.width >= PANES_SIDE_BY_SIDE {
                let [a, _, b] = Layout::horizontal([
                    Constraint::Fill(1),
                    Constraint::Length(1),
                    Constraint::Fill(1),
                ])
                .areas(p);
                panes = [Some(a), Some(b)];
            } else if p.height > 2 * (super::DETAIL_HEADER + 2) {
                stacked = true;
                let [a, _, b] = Layout::vertical([
                    Constraint::Fill(1),
                    Constraint::Length(1),
                    Constraint::Fill(1),
                ])
                .areas(p);
                panes = [Some(a), Some(b)];
            } else {
                // Too low for two: the lead pane alone.
                panes[self.lead()] = Some(p);
            }
        }
        ParallelAreas {
            timeline,
            panes,
            stacked,
            status,
            too_small: false,
        }
    }

    /// Give each pane its part of the screen and lay its text out for it (a bilingual
    /// pane also for the other's width).
    fn lay_out_panes(&mut self) {
        // Both panes keep the margin of the wider one (side by side, one of them is a
        // column narrower for the separator).
        let widest = (0..2)
            .filter_map(|k| self.areas.panes[k].map(|d| d.width))
            .max()
            .unwrap_or(0);
        let text_area = |d: Rect| text_area_within(d, widest);
        let widths: Vec<usize> = (0..2)
            .map(|k| {
                self.areas.panes[k]
                    .map_or(1, |d| usize::from(text_area(d).width))
                    .clamp(1, super::MAX_MEASURE)
            })
            .collect();
        for k in 0..2 {
            let p = &mut self.panes[k];
            let detail = self.areas.panes[k];
            p.areas = Areas {
                timeline: None,
                detail,
                text: detail.map_or(Rect::new(0, 0, 1, 1), text_area),
                status: Rect::default(),
                too_small: self.areas.too_small,
            };
            if let Some(b) = &mut p.bilingual {
                if b.other_width != widths[1 - k] {
                    b.other_width = widths[1 - k];
                    // Laid out again: the other side's width changed.
                    let anchor = p.doc.anchor;
                    p.doc = Doc::default();
                    p.relayout();
                    p.restore_anchor(anchor);
                    continue;
                }
            }
            p.relayout();
        }
        if self.pairing == Pairing::Paragraphs {
            let top = self.panes[self.lead()].doc.top;
            let other = 1 - self.lead();
            self.panes[other].set_top(top);
        }
    }

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

/// A time mark as the scroll lock compares them: its month (× 2, plus one for a leap
/// month; a season alone is its first month), its day by number (0 when not written by
/// number: a month alone, a day by its 干支), and its day's 干支.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct MarkKey {
    month: u8,
    day: u8,
    ganzhi: Option<Ganzhi>,
}

/// Where a `:` input goes.
enum Target {
    /// A page or a volume of pane k's text.
    Place(usize),
    /// An entry of pane k's text.
    Entry(usize, usize),
    /// A year of the joint timeline (a CE year the lead text does not record).
    Row(usize),
}

/// The first month of a season written alone (春 is 正月 …), for the scroll lock.
fn season_month(s: &str) -> Option<u8> {
    match s.chars().find(|c| "春夏秋冬".contains(*c))? {
        '春' => Some(1),
        '夏' => Some(4),
        '秋' => Some(7),
        _ => Some(10),
    }
}
