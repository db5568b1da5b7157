//! Search: the `/` prompt (incremental, with Esc going back to where it began), the hits
//! and their counts per timeline row, and stepping through them with `n` and `N`.

use std::ops::Range;

use super::{Anchor, App, Mode};
use crate::model::query::ce_label;
use crate::search::{Mode as SearchMode, Query};
use crate::tui::action::Action;
use crate::tui::keymap::{Scope, hint};
use crate::view::place_label;

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

/// The open `/` prompt's memory: where the reader was and the search it had, for Esc.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchPrompt {
    /// Where the reader was when the prompt opened; the first hit shown is the first one
    /// from here.
    pub origin: Snapshot,
    /// The search before the prompt opened.
    pub previous: SavedSearch,
}

/// A reading position to go back to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// The selected row.
    pub selected: usize,
    /// The place in its text.
    pub anchor: Anchor,
    /// The reading position.
    pub cursor: usize,
}

/// A search as it was: input, mode, hits, current hit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedSearch {
    /// The pattern.
    pub input: String,
    /// Folded, exact or regex.
    pub mode: SearchMode,
    /// Its hits.
    pub hits: Vec<Range<usize>>,
    /// The current hit.
    pub current: Option<usize>,
}

impl App<'_> {
    pub(super) fn open_search(&mut self) {
        let origin = Snapshot {
            selected: self.selected,
            anchor: self.doc.anchor,
            cursor: self.cursor,
        };
        // The hits stay on screen until the first character is typed.
        let previous = SavedSearch {
            input: self.search.input.clone(),
            mode: self.search.mode,
            hits: self.search.hits.clone(),
            current: self.search.current,
        };
        self.search.input.clear();
        self.search.error = None;
        self.mode = Mode::Search(SearchPrompt { origin, previous });
    }

    pub(super) fn clear_search(&mut self) {
        self.search.input.clear();
        self.search.query = None;
        self.search.hits.clear();
        self.search.current = None;
        self.search.error = None;
        self.search.per_row.iter_mut().for_each(|n| *n = 0);
    }

    pub(super) fn apply_search(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Back => {
                // Cancel: the previous search and position come back.
                let Mode::Search(prompt) = std::mem::replace(&mut self.mode, Mode::Browse) else {
                    return;
                };
                let SavedSearch {
                    input,
                    mode,
                    hits,
                    current,
                } = prompt.previous;
                self.search.input = input;
                self.search.mode = mode;
                self.search.query = Query::new(&self.search.input, mode).ok();
                self.search.hits = hits;
                self.search.current = current;
                self.search.error = None;
                self.count_per_row();
                self.restore_snapshot(prompt.origin);
            }
            Action::Confirm => {
                self.mode = Mode::Browse;
                if let Some(e) = self.search.error.take() {
                    self.complain(e);
                } else if self.search.input.is_empty() {
                    self.clear_search();
                } else if self.search.hits.is_empty() {
                    self.complain(format!("not found: {}", self.search.input));
                } else {
                    let n = self.search.hits.len();
                    let rows = self.search.per_row.iter().filter(|&&c| c > 0).count();
                    let hits = format!("{n} hit{}", if n == 1 { "" } else { "s" });
                    let found = format!(
                        "{hits} in {rows} section{}",
                        if rows == 1 { "" } else { "s" }
                    );
                    let (next, prev, conc) = (
                        hint(Scope::Browse, &Action::NextHit),
                        hint(Scope::Browse, &Action::PrevHit),
                        hint(Scope::Browse, &Action::Concordance),
                    );
                    // On a narrow line the hints give way first, then the sections.
                    self.say_shorter(
                        format!("{found} — {next}/{prev} next/previous, {conc} concordance"),
                        vec![
                            format!("{found} — {next}/{prev}, {conc} concordance"),
                            format!("{found} — {next}/{prev}"),
                            found,
                            hits,
                        ],
                    );
                }
            }
            Action::Type(c) if !c.is_control() => {
                self.search.input.push(c);
                self.run_search();
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

    fn restore_snapshot(&mut self, s: Snapshot) {
        if s.selected != self.selected {
            self.select(s.selected);
        }
        self.restore_anchor(s.anchor);
        self.cursor = s.cursor;
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
        let began = match &self.mode {
            Mode::Search(prompt) => Some(prompt.origin.clone()),
            _ => None,
        };
        let origin = began.as_ref().map_or(self.cursor, |s| s.cursor);
        if self.search.hits.is_empty() {
            self.search.current = None;
            // Nothing found: back where the search began.
            if let Some(s) = began {
                if s.selected != self.selected {
                    self.select(s.selected);
                }
                self.restore_anchor(s.anchor);
            }
            return;
        }
        let i = self.search.hits.partition_point(|h| h.start < origin);
        let i = if i == self.search.hits.len() { 0 } else { i };
        self.search.current = Some(i);
        let start = self.search.hits[i].start;
        self.go_to_offset(start);
    }

    /// Run the search again over a new reading view (夾注 shown or hidden): the same
    /// query, its hits found afresh; no hit is current until `n` or `N`.
    pub(super) fn research(&mut self) {
        self.search.hits = match &self.search.query {
            Some(q) if !q.is_empty() => q.find_iter(self.reading.text()).collect(),
            _ => Vec::new(),
        };
        self.search.current = None;
        self.count_per_row();
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

    pub(super) fn next_hit(&mut self, forward: bool) {
        let n = self.search.hits.len();
        if n == 0 {
            let slash = hint(Scope::Browse, &Action::OpenSearch);
            self.complain(if self.search.query.is_some() {
                "no hits".to_owned()
            } else {
                format!("no search: press {slash} to search")
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
    pub(super) fn place_of(&self, r: usize) -> String {
        let (label, ce) = place_label(self.chron, self.reading.to_source(r));
        match ce {
            Some(ce) => format!("{label} ({})", ce_label(ce)),
            None => label,
        }
    }
}
