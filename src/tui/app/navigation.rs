//! Moving through the chronicle: the timeline rows (built once from the segments), the
//! selection and folding, paging across years, time marks, the `:` prompt's jumps, and the
//! mouse.

use std::ops::Range;

use ratatui::layout::Position;

use super::dates::partial_day;
use super::{App, Focus, ListKind, Mode, PromptEdit, gaps};
use crate::model::date_query;
use crate::model::query::{self, ce_label};
use crate::model::reading::Reading;
use crate::model::{Chronicle, SegmentKind};
use crate::tui::action::Action;
use crate::tui::keymap::{Scope, hint};
use crate::view;

/// What a timeline row stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// Text before the first volume or entry.
    Preface,
    /// A volume heading with its introduction (a foldable group).
    Volume(usize),
    /// A dynasty or regime whose years follow (a foldable group): an index into
    /// [`App::dynasties`]. Shown only in a book of more than one regime.
    Dynasty(usize),
    /// A reign-year entry.
    Entry(usize),
    /// A notes section (校勘記, 考證).
    Notes,
    /// More text of a volume after its notes.
    Text,
    /// Years the text does not record, between two years it does (`⋯ 3 years`): shown,
    /// never selected (moving onto it goes on to the year after it).
    Gap(u32),
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
    /// The dynasty row it is under, when the timeline has them.
    pub dynasty: Option<usize>,
    /// The label shown in the timeline.
    pub label: String,
    /// Whether it holds no text but its heading (an empty year).
    pub empty: bool,
}

/// A dynasty row of the timeline: a run of years of one regime (唐, then 武周, then 唐
/// again), foldable like a volume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dynasty {
    /// The regime's name (唐, 武周).
    pub name: &'static str,
    /// Its entries, as a range of entry indices.
    pub entries: Range<usize>,
    /// Its first CE year, for the timeline's year column.
    pub first_ce: Option<i32>,
    /// The text pane's heading for it: `武周 · 690–705 · 15 entries`.
    pub heading: String,
    /// What the text pane shows of it, one line per ruler: `太宗 · 627–649 · 23 entries`.
    pub rulers: Vec<String>,
}

/// The dynasty rows of a chronicle: one per run of years of one regime, when its years
/// are of more than one (a book of one regime needs none).
pub(super) fn build_dynasties(chron: &Chronicle) -> Vec<Dynasty> {
    let runs = view::regime_runs(chron);
    if runs.len() < 2 {
        return Vec::new();
    }
    runs.into_iter()
        .map(|run| Dynasty {
            name: run.regime,
            first_ce: view::ce_span(chron, run.entries.clone()).map(|(a, _)| a),
            heading: format!(
                "{} · {}",
                run.regime,
                view::span_text(chron, run.entries.clone())
            ),
            rulers: run
                .rulers
                .iter()
                .map(|(r, entries)| format!("{r} · {}", view::span_text(chron, entries.clone())))
                .collect(),
            entries: run.entries,
        })
        .collect()
}

/// What the `:` prompt's input names, worked out in [`App::apply`] whenever the input
/// changes (never while drawing), so the user sees where Enter will go before pressing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JumpPreview {
    /// Nothing typed: the prompt shows examples from the open book.
    Empty,
    /// Where Enter goes: `天慶五年 (1115)`, `3 years` (a choice), `淳熙七年 (1180): a dated
    /// passage`.
    Found(String),
    /// Why Enter would go nowhere: `no such year`, `not a year`, `unknown era 天X`.
    Nothing(String),
}

/// A time mark in the reading view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkRef {
    /// Where it is (reading offsets).
    pub start: usize,
    /// Its end.
    pub end: usize,
    /// Whether `[`/`]` stop at it (month or season).
    pub month: bool,
    /// The entry it is in.
    pub entry: usize,
    /// Its index in that entry's marks (and in the entry's dates).
    pub index: usize,
}

impl App<'_> {
    pub(super) fn refresh_visible(&mut self) {
        let in_folded = |g: Option<usize>| g.is_some_and(|g| self.collapsed_dynasties[g]);
        // The dynasty each volume's heading is under.
        let mut heading_under = vec![None; self.collapsed.len()];
        for r in &self.rows {
            if let RowKind::Volume(v) = r.kind {
                heading_under[v] = r.dynasty;
            }
        }
        self.visible = (0..self.rows.len())
            .filter(|&i| {
                let r = &self.rows[i];
                // A folded dynasty hides all under it, volumes too; a folded volume its
                // years, unless its heading is hidden in a folded dynasty (a dynasty that
                // begins inside a volume shows its years).
                match (r.kind, r.volume) {
                    (RowKind::Dynasty(_), _) => true,
                    _ if in_folded(r.dynasty) => false,
                    (RowKind::Volume(_), _) | (_, None) => true,
                    (_, Some(v)) => !self.collapsed[v] || in_folded(heading_under[v]),
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

    pub(super) fn select(&mut self, row: usize) {
        let row = gaps::past_gap(&self.rows, row.min(self.rows.len().saturating_sub(1)));
        if let Some(v) = self.rows[row].volume {
            if self.collapsed[v] && !matches!(self.rows[row].kind, RowKind::Volume(_)) {
                self.collapsed[v] = false;
                self.refresh_visible();
            }
        }
        if let Some(g) = self.rows[row].dynasty {
            if self.collapsed_dynasties[g] && !matches!(self.rows[row].kind, RowKind::Dynasty(_)) {
                self.collapsed_dynasties[g] = false;
                self.refresh_visible();
            }
        }
        self.selected = row;
        self.cursor = self.rows[row].range.start;
        self.relayout();
        self.set_top(0);
        self.keep_selection_visible();
    }

    pub(super) fn keep_selection_visible(&mut self) {
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
    pub(super) fn go_to_offset(&mut self, offset: usize) {
        let row = self.row_at(offset);
        if row != self.selected {
            self.select(row);
        }
        let line = self.line_of(offset);
        let h = self.text_height();
        if line < self.doc.top || line >= self.doc.top + h {
            self.set_top(line.saturating_sub(h / 3));
        }
        self.cursor = offset;
    }

    /// Go back to a reading position remembered from an earlier session, and say so
    /// (unless it is where the reader opens anyway).
    pub(super) fn restore_position(&mut self, offset: usize) {
        let before = (self.selected, self.doc.top);
        self.go_to_source(offset);
        if (self.selected, self.doc.top) != before {
            let place = self.place_of(self.cursor);
            let first = hint(Scope::Browse, &Action::First);
            self.say_shorter(
                format!("reopened at {place} — {first} for the start"),
                vec![format!("reopened at {place}")],
            );
        }
    }

    /// Go to a source byte offset (a remembered position): its row, with the line holding
    /// it at the top.
    pub(super) fn go_to_source(&mut self, offset: usize) {
        let r = self.reading.to_reading(offset.min(self.chron.text.len()));
        let row = self.row_at(r);
        self.select(row);
        self.set_top(self.line_of(r));
        self.cursor = r;
    }

    /// Move `delta` years (and other sections: 序, 校勘記) through the timeline, passing
    /// over the heading of an unfolded volume of years (`<` and `>` go to those); a folded
    /// volume is one row, and a stop, as is a volume without years (a biography).
    pub(super) fn move_year(&mut self, delta: isize) {
        let stop = |app: &Self, r: usize| match app.rows[r].kind {
            RowKind::Volume(v) => app.collapsed[v] || app.chron.volumes[v].entries.is_empty(),
            RowKind::Dynasty(g) => app.collapsed_dynasties[g],
            // A gap between years is stepped over.
            RowKind::Gap(_) => false,
            _ => true,
        };
        let pos = self.visible_index(self.selected);
        let found = if delta > 0 {
            self.visible[pos + 1..]
                .iter()
                .filter(|&&r| stop(self, r))
                .nth(delta.unsigned_abs() - 1)
        } else {
            self.visible[..pos]
                .iter()
                .rev()
                .filter(|&&r| stop(self, r))
                .nth(delta.unsigned_abs().max(1) - 1)
        };
        match found.copied() {
            Some(r) => self.select(r),
            // Only volume headings before the first year (or after the last): go there
            // all the same, as far as the list goes.
            None => self.move_row(delta.signum()),
        }
    }

    /// Go to the heading of the next (or previous) volume, or of the one the selection is
    /// in (backwards, from inside it).
    pub(super) fn next_volume(&mut self, forward: bool) {
        let sel = self.selected;
        let found = if forward {
            (sel + 1..self.rows.len()).find(|&r| matches!(self.rows[r].kind, RowKind::Volume(_)))
        } else {
            (0..sel)
                .rev()
                .find(|&r| matches!(self.rows[r].kind, RowKind::Volume(_)))
        };
        match found {
            Some(r) => {
                self.select(r);
                self.say(self.rows[r].label.clone());
            }
            None if self.chron.volumes.is_empty() => self.say("this text has no volumes"),
            None => self.say(if forward {
                "no later volume"
            } else {
                "no earlier volume"
            }),
        }
    }

    pub(super) fn move_row(&mut self, delta: isize) {
        let mut pos = self.visible_index(self.selected) as isize + delta;
        if let Some(&r) = usize::try_from(pos).ok().and_then(|p| self.visible.get(p)) {
            // A gap between years is stepped over.
            if matches!(self.rows[r].kind, RowKind::Gap(_)) {
                pos += delta.signum();
            }
        }
        let pos = pos.clamp(0, self.visible.len() as isize - 1) as usize;
        self.select(self.visible[pos]);
    }

    fn is_entry(&self, row: usize) -> bool {
        matches!(self.rows[row].kind, RowKind::Entry(_))
    }

    /// Page through the text; at either end of a year, go on to the next one (as a
    /// reader turns the page).
    pub(super) fn page(&mut self, delta: isize) {
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
                    self.set_top(self.max_top());
                    if let Some(l) = self.doc.lines.get(self.doc.top) {
                        self.cursor = l.start;
                    }
                }
            }
        }
    }

    /// Fold what the selection is in: its volume, or — on a folded volume's heading, or
    /// in a book without volumes — its dynasty; on a dynasty row, that dynasty.
    pub(super) fn collapse(&mut self) {
        let row = &self.rows[self.selected];
        let volume_folded = matches!(row.kind, RowKind::Volume(v) if self.collapsed[v]);
        let dynasty = match row.kind {
            RowKind::Dynasty(g) => Some(g),
            _ if row.volume.is_none() || volume_folded => row.dynasty,
            _ => None,
        };
        if let Some(g) = dynasty {
            self.collapse_dynasty(g);
            return;
        }
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

    /// Fold every volume (the timeline of a whole history becomes its list of 卷), or
    /// unfold them all when all are folded. The selection moves to its volume's heading.
    pub(super) fn toggle_all_volumes(&mut self) {
        if self.collapsed.is_empty() {
            self.say("this text has no volumes");
            return;
        }
        let fold = !self.collapsed.iter().all(|&c| c);
        self.collapsed.iter_mut().for_each(|c| *c = fold);
        self.refresh_visible();
        if fold {
            if let Some(v) = self.rows[self.selected].volume {
                if let Some(head) = self.rows.iter().position(|r| r.kind == RowKind::Volume(v)) {
                    self.selected = head;
                    self.cursor = self.rows[head].range.start;
                    self.relayout();
                    self.set_top(0);
                }
            }
        }
        self.keep_selection_visible();
    }

    /// Fold dynasty `g` and select its row.
    fn collapse_dynasty(&mut self, g: usize) {
        self.collapsed_dynasties[g] = true;
        self.refresh_visible();
        let head = self.rows.iter().position(|r| r.kind == RowKind::Dynasty(g));
        match head {
            Some(head) if head != self.selected => self.select(head),
            _ => self.keep_selection_visible(),
        }
    }

    /// Fold every dynasty (the timeline of a whole history becomes its list of dynasties),
    /// or unfold them all when all are folded. The selection moves to its dynasty's row.
    pub(super) fn toggle_all_dynasties(&mut self) {
        if self.dynasties.is_empty() {
            self.say("this text's years are of one regime: no dynasty rows");
            return;
        }
        let fold = !self.collapsed_dynasties.iter().all(|&c| c);
        self.collapsed_dynasties.iter_mut().for_each(|c| *c = fold);
        self.refresh_visible();
        if fold {
            if let Some(g) = self.rows[self.selected].dynasty {
                if let Some(head) = self.rows.iter().position(|r| r.kind == RowKind::Dynasty(g)) {
                    self.select(head);
                }
            }
        }
        self.keep_selection_visible();
    }

    pub(super) fn expand(&mut self) {
        if let RowKind::Dynasty(g) = self.rows[self.selected].kind {
            if self.collapsed_dynasties[g] {
                self.collapsed_dynasties[g] = false;
                self.refresh_visible();
                self.keep_selection_visible();
            }
            return;
        }
        if let Some(v) = self.rows[self.selected].volume {
            if self.collapsed[v] {
                self.collapsed[v] = false;
                self.refresh_visible();
                self.keep_selection_visible();
            }
        }
    }

    pub(super) fn next_mark(&mut self, forward: bool) {
        self.find_all_marks();
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

    pub(super) fn next_nonempty(&mut self, forward: bool) {
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

    // ----- the `:` prompt -----

    pub(super) fn apply_jump(&mut self, action: Action) {
        let Mode::Jump { input, .. } = &mut self.mode else {
            return;
        };
        match super::edit_prompt(input, action) {
            PromptEdit::Changed => self.preview_jump(),
            PromptEdit::Other(Action::Quit) => self.quit = true,
            PromptEdit::Other(Action::Back) => self.mode = Mode::Browse,
            PromptEdit::Other(_) => {}
            PromptEdit::Confirmed(input) => {
                self.mode = Mode::Browse;
                if date_query::is_day(&input) {
                    self.confirm_date(&input, "not a date".to_owned());
                    return;
                }
                // A day being written (`1118-0`) is not a page (`1-1a`).
                if !partial_day(&input) && self.go_to_place(&input) {
                    return;
                }
                match query::find(self.chron, &input, self.current_entry()) {
                    Ok(found) if found.len() == 1 => self.go_to_entry(found[0]),
                    Ok(found) => {
                        self.go_to_entry(found[0]);
                        self.open_list(ListKind::Choose(found));
                    }
                    Err(query::QueryError::NotInText { ce: Some(y), .. })
                        if self.go_to_passage(y) || self.go_to_year_before(y) => {}
                    // Not a year: perhaps a Chinese date (天慶八年五月壬午).
                    Err(
                        e @ (query::QueryError::NotAYear(_) | query::QueryError::UnknownEra(_)),
                    ) => self.confirm_date(&input, e.to_string()),
                    Err(e) => self.complain(e.to_string()),
                }
            }
        }
    }

    /// Go to the day `input` names, or say why not (`otherwise` when it is no date).
    fn confirm_date(&mut self, input: &str, otherwise: String) {
        match self.find_date(input) {
            Some(Ok(jump)) => self.go_to_date(jump),
            Some(Err(why)) => self.complain(why),
            None => self.complain(otherwise),
        }
    }

    /// What the `:` prompt shows of a date being typed, or `otherwise` when it is no date.
    fn preview_date(&mut self, input: &str, otherwise: JumpPreview) -> JumpPreview {
        if partial_day(input) && !date_query::is_day(input) {
            return JumpPreview::Nothing("a day: YYYY-MM-DD".to_owned());
        }
        match self.find_date(input) {
            Some(Ok(jump)) => JumpPreview::Found(jump.said),
            Some(Err(why)) => JumpPreview::Nothing(why),
            None => otherwise,
        }
    }

    /// Examples for the empty `:` prompt, from the open book: the current entry's (or the
    /// first one's) CE year, label, era and number, and a day one of its marks names
    /// (`e.g. 1115 · 天慶五年 · 天慶5 · 1115-02-01`).
    pub(super) fn jump_example(&mut self) -> String {
        let Some(i) = self
            .current_entry()
            .or((!self.chron.entries.is_empty()).then_some(0))
        else {
            return "no year headings in this text: a CE year finds a dated passage".to_owned();
        };
        let e = &self.chron.entries[i];
        let mut parts = Vec::new();
        if let Some(ce) = e.ce {
            parts.push(ce_label(ce));
        }
        parts.push(self.chron.full_label(e));
        if let Some(era) = self.chron.era_name(e).filter(|_| e.year > 0) {
            parts.push(format!("{era}{}", e.year));
        }
        if let Some(day) = self.example_day(i) {
            parts.push(day);
        }
        parts.dedup();
        format!("e.g. {}", parts.join(" · "))
    }

    /// The entry a bare number in the `:` prompt counts in: the selected one, or the one
    /// holding the reading position.
    pub(super) fn current_entry(&self) -> Option<usize> {
        match self.rows[self.selected].kind {
            RowKind::Entry(i) => Some(i),
            _ => self.chron.entry_at(self.reading.to_source(self.cursor)),
        }
    }

    /// Work out what the `:` prompt's input names, as Enter would take it.
    fn preview_jump(&mut self) {
        let Mode::Jump { input, .. } = &self.mode else {
            return;
        };
        let input = input.clone();
        if date_query::is_day(&input) {
            let preview = self.preview_date(&input, JumpPreview::Nothing("not a date".into()));
            if let Mode::Jump { preview: p, .. } = &mut self.mode {
                *p = preview;
            }
            return;
        }
        if let Some(place) = self.preview_place(&input).filter(|_| !partial_day(&input)) {
            if let Mode::Jump { preview, .. } = &mut self.mode {
                *preview = place;
            }
            return;
        }
        let preview = match query::find(self.chron, &input, self.current_entry()) {
            Err(query::QueryError::Empty) => JumpPreview::Empty,
            Ok(found) => {
                let entries = &self.chron.entries;
                let mut years: Vec<Option<i32>> = found.iter().map(|&i| entries[i].ce).collect();
                years.dedup();
                let first = self.year_label(found[0]);
                JumpPreview::Found(match (found.len(), years.len()) {
                    (1, _) => first,
                    (n, 1) => format!("{first}, {n} entries"),
                    (_, k) => format!("{k} years"),
                })
            }
            Err(query::QueryError::NotInText { ce: Some(y), .. }) => {
                match self.chron.passages.iter().find(|p| p.ce == Some(y)) {
                    Some(p) => JumpPreview::Found(format!(
                        "{} ({}): a dated passage",
                        &self.chron.text[p.label.range()],
                        ce_label(y)
                    )),
                    None => match self.entry_before_year(y) {
                        Some(i) => JumpPreview::Found(format!(
                            "no heading of {}: {}, the year before",
                            ce_label(y),
                            self.year_label(i)
                        )),
                        None => JumpPreview::Nothing("no such year".to_owned()),
                    },
                }
            }
            Err(query::QueryError::NotInText { .. }) => {
                JumpPreview::Nothing("no such year".to_owned())
            }
            Err(query::QueryError::NotAYear(_)) => {
                self.preview_date(&input, JumpPreview::Nothing("not a year".to_owned()))
            }
            Err(query::QueryError::UnknownEra(e)) => {
                self.preview_date(&input, JumpPreview::Nothing(format!("unknown era {e}")))
            }
            Err(query::QueryError::NoSuchEntry { count, .. }) => {
                JumpPreview::Nothing(format!("no such entry (#1–#{count})"))
            }
        };
        if let Mode::Jump { preview: p, .. } = &mut self.mode {
            *p = preview;
        }
    }

    /// An entry's label and CE year: `天慶五年 (1115)`.
    pub(super) fn year_label(&self, entry: usize) -> String {
        let e = &self.chron.entries[entry];
        let ce =
            e.ce.map(|c| format!(" ({})", ce_label(c)))
                .unwrap_or_default();
        format!("{}{ce}", self.chron.full_label(e))
    }

    /// A year with no entry may still be named by a dated passage (a biography's
    /// `会同六年，…`): go to the first one of CE year `y`, if there is one.
    fn go_to_passage(&mut self, y: i32) -> bool {
        let mut of_year = self.chron.passages.iter().filter(|p| p.ce == Some(y));
        let Some(first) = of_year.next() else {
            return false;
        };
        let more = of_year.count();
        self.go_to_source(first.line.start);
        let label = &self.chron.text[first.label.range()];
        let others = match more {
            0 => String::new(),
            n => format!(", {n} more in the text"),
        };
        let doubt = if first.doubtful {
            "? (a guess: the era name is another regime's too)"
        } else {
            ""
        };
        self.say(format!(
            "{label} ({}{doubt}): a dated passage, not a year of the annals{others}",
            ce_label(y)
        ));
        true
    }

    /// A year inside the text's span that no heading names (a heading missed, or a year
    /// the book skips): go to the last entry before it, whose text may hold it, and say so.
    fn go_to_year_before(&mut self, y: i32) -> bool {
        let Some(i) = self.entry_before_year(y) else {
            return false;
        };
        let label = self.year_label(i);
        self.go_to_entry(i);
        self.say_shorter(
            format!(
                "no heading of {} read: shown {label}, the year before it, whose text may hold it                  (see `annals check`)",
                ce_label(y)
            ),
            vec![format!("no heading of {}: shown {label}", ce_label(y))],
        );
        true
    }

    /// The last entry of a CE year before `y`, where a later year follows somewhere: `y`
    /// is inside the text's span.
    fn entry_before_year(&self, y: i32) -> Option<usize> {
        let entries = &self.chron.entries;
        let after = entries.iter().any(|e| e.ce.is_some_and(|c| c > y));
        entries
            .iter()
            .rposition(|e| e.ce.is_some_and(|c| c < y))
            .filter(|_| after)
    }

    pub(super) fn go_to_entry(&mut self, entry: usize) {
        if let Some(row) = self
            .rows
            .iter()
            .position(|r| r.kind == RowKind::Entry(entry))
        {
            self.select(row);
            self.say(self.year_label(entry));
        }
    }

    // ----- the mouse -----

    /// A click at (col, row): open the timeline row under it; a click in the text gives
    /// it focus.
    pub(super) fn click(&mut self, col: u16, row: u16) {
        if self.mode != Mode::Browse {
            return;
        }
        let at = Position::new(col, row);
        if let Some(t) = self.areas.timeline {
            if t.contains(at) {
                let pos = self.timeline_top + usize::from(row - t.y);
                if let Some(&r) = self.visible.get(pos) {
                    if r == self.selected {
                        if matches!(self.rows[r].kind, RowKind::Volume(_) | RowKind::Dynasty(_)) {
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
            if d.contains(at) && self.focus != Focus::Detail {
                self.focus = Focus::Detail;
                let (w, h) = self.size;
                self.resize(w, h);
            }
        }
    }

    /// The wheel at (col, row), `delta` lines: scroll the pane under the pointer; in a list,
    /// move the selection.
    pub(super) fn wheel(&mut self, col: u16, row: u16, delta: isize) {
        match self.mode {
            Mode::List(_) => {
                self.apply(if delta > 0 { Action::Down } else { Action::Up });
            }
            Mode::Browse | Mode::Jump { .. } | Mode::Search(_) => {
                let at = Position::new(col, row);
                let over_timeline = self.areas.timeline.is_some_and(|t| t.contains(at));
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

/// The time marks of entry `entry`, in the entry's order (found if they were not yet).
fn entry_marks<'r>(
    chron: &'r Chronicle,
    reading: &'r Reading<'_>,
    entry: usize,
) -> impl Iterator<Item = MarkRef> + 'r {
    chron
        .marks(&chron.entries[entry])
        .iter()
        .enumerate()
        .map(move |(index, m)| {
            let r = reading.span_to_reading(m.span);
            MarkRef {
                start: r.start,
                end: r.end,
                month: m.is_month_or_season(),
                entry,
                index,
            }
        })
}

/// Every time mark, in reading order (by reading offset, then entry, then place in the
/// entry: a stable sort of the entries' marks in turn by offset).
pub(super) fn build_marks(chron: &Chronicle, reading: &Reading<'_>) -> Vec<MarkRef> {
    // Found on several threads for a big text first.
    chron.find_all_marks();
    let mut marks: Vec<MarkRef> = (0..chron.entries.len())
        .flat_map(|entry| entry_marks(chron, reading, entry))
        .collect();
    marks.sort_by_key(|m| m.start);
    marks
}

impl App<'_> {
    /// Put the time marks of entry `entry` into [`App::marks`] (found the first time), in
    /// their places in reading order.
    pub(super) fn find_marks_of(&mut self, entry: usize) {
        if self.marks_found.get(entry) != Some(&false) {
            return;
        }
        self.marks_found[entry] = true;
        let key = |m: &MarkRef| (m.start, m.entry, m.index);
        let mut new: Vec<MarkRef> = entry_marks(self.chron, &self.reading, entry).collect();
        new.sort_by_key(key);
        let (Some(first), Some(last)) = (new.first(), new.last()) else {
            return;
        };
        // An entry's marks lie in its own text, between those of the entries before and
        // after it: put in at once (one move of the marks after them).
        let at = self.marks.partition_point(|o| key(o) < key(first));
        if self.marks.get(at).is_none_or(|next| key(last) < key(next)) {
            self.marks.splice(at..at, new);
            return;
        }
        for m in new {
            let at = self.marks.partition_point(|o| key(o) < key(&m));
            self.marks.insert(at, m);
        }
    }

    /// Put every time mark into [`App::marks`] (what `]` and `[` walk).
    pub(super) fn find_all_marks(&mut self) {
        if self.all_marks {
            return;
        }
        self.marks = build_marks(self.chron, &self.reading);
        self.marks_found.fill(true);
        self.all_marks = true;
    }

    /// [`App::marks`] again for a new reading view: the same entries' marks, at their
    /// offsets in it.
    pub(super) fn refind_marks(&mut self) {
        self.marks.clear();
        if self.all_marks {
            self.all_marks = false;
            self.find_all_marks();
            return;
        }
        let found = std::mem::replace(&mut self.marks_found, vec![false; self.chron.entries.len()]);
        for (entry, _) in found.iter().enumerate().filter(|&(_, &f)| f) {
            self.find_marks_of(entry);
        }
    }
}

/// The widest a preface's label gets, in columns (its first line, cut with `…`).
const PREFACE_LABEL: usize = 40;

/// The timeline rows of a chronicle, from its segments.
pub(super) fn build_rows(
    chron: &Chronicle,
    reading: &Reading<'_>,
    dynasties: &[Dynasty],
) -> Vec<Row> {
    let mut rows = Vec::new();
    // Each entry's dynasty row, and the one the rows being built are under.
    let mut dynasty_of = vec![None; chron.entries.len()];
    for (g, d) in dynasties.iter().enumerate() {
        dynasty_of[d.entries.clone()].fill(Some(g));
    }
    let mut current: Option<usize> = None;
    let prefaces = chron
        .segments
        .iter()
        .filter(|s| s.kind == SegmentKind::Preface)
        .count();
    let mut seen_volume = vec![false; chron.volumes.len()];
    for seg in &chron.segments {
        let range = reading.span_to_reading(seg.span);
        let text = &reading.text()[range.clone()];
        // A preface is named by its first line: whole unless it runs on past a title's
        // length (the timeline cuts it again, with `…`, to the room it has).
        let first_line = || {
            let l = text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("");
            let shown = crate::layout::prefix_fitting(l, PREFACE_LABEL - 1);
            if shown.len() == l.len() {
                l.to_owned()
            } else {
                format!("{shown}…")
            }
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
            SegmentKind::Notes(v) => (RowKind::Notes, v, chron.notes_name(seg.span).to_owned()),
        };
        let empty = match kind {
            RowKind::Entry(i) => chron.entries[i].is_empty_year(reading),
            _ => text.trim().is_empty(),
        };
        // A dynasty row where a run of its years begins: before the year, or before the
        // volume heading when the run begins with the volume's first year.
        let begins = match kind {
            RowKind::Entry(i) => Some(i),
            RowKind::Volume(v) => Some(chron.volumes[v].entries.start)
                .filter(|_| !chron.volumes[v].entries.is_empty()),
            _ => None,
        }
        .and_then(|i| dynasty_of[i].filter(|&g| dynasties[g].entries.start == i));
        if let Some(g) = begins.filter(|&g| current != Some(g)) {
            current = Some(g);
            rows.push(Row {
                kind: RowKind::Dynasty(g),
                range: range.start..range.start,
                volume: None,
                dynasty: Some(g),
                label: dynasties[g].name.to_owned(),
                empty: false,
            });
        }
        rows.push(Row {
            kind,
            range,
            volume,
            dynasty: current,
            label: crate::layout::sanitize(&label).into_owned(),
            empty,
        });
    }
    gaps::insert(chron, &mut rows);
    if rows.is_empty() {
        rows.push(Row {
            kind: RowKind::Preface,
            range: 0..reading.text().len(),
            volume: None,
            label: "（空）".to_owned(),
            dynasty: None,
            empty: true,
        });
    }
    rows
}
