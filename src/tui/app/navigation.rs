//! Moving through the chronicle: the timeline rows (built once from the segments), the
//! selection and folding, paging across years, time marks, the `:` prompt's jumps, and the
//! mouse.

use std::ops::Range;

use ratatui::layout::Position;

use super::{App, Focus, ListKind, Mode, gaps};
use crate::model::query::{self, ce_label};
use crate::model::reading::Reading;
use crate::model::{Chronicle, SegmentKind};
use crate::tui::action::Action;

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
    /// The label shown in the timeline.
    pub label: String,
    /// Whether it holds no text but its heading (an empty year).
    pub empty: bool,
}

/// What the `:` prompt shows while it is empty: an example of each way to name a year.
pub const JUMP_EXAMPLE: &str = "e.g. 1115 · 天慶五年 · 天慶5 · 前403";

/// What the `:` prompt's input names, worked out in [`App::apply`] whenever the input
/// changes (never while drawing), so the user sees where Enter will go before pressing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JumpPreview {
    /// Nothing typed: the prompt shows [`JUMP_EXAMPLE`].
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
}

impl App<'_> {
    pub(super) fn refresh_visible(&mut self) {
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

    pub(super) fn select(&mut self, row: usize) {
        let row = gaps::past_gap(&self.rows, row.min(self.rows.len().saturating_sub(1)));
        if let Some(v) = self.rows[row].volume {
            if self.collapsed[v] && !matches!(self.rows[row].kind, RowKind::Volume(_)) {
                self.collapsed[v] = false;
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

    /// Go to a source byte offset (a remembered position): its row, with the line holding
    /// it at the top.
    pub(super) fn go_to_source(&mut self, offset: usize) {
        let r = self.reading.to_reading(offset.min(self.chron.text.len()));
        let row = self.row_at(r);
        self.select(row);
        self.set_top(self.line_of(r));
        self.cursor = r;
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

    pub(super) fn collapse(&mut self) {
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

    pub(super) fn expand(&mut self) {
        if let Some(v) = self.rows[self.selected].volume {
            if self.collapsed[v] {
                self.collapsed[v] = false;
                self.refresh_visible();
                self.keep_selection_visible();
            }
        }
    }

    pub(super) fn next_mark(&mut self, forward: bool) {
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
        match action {
            Action::Quit => self.quit = true,
            Action::Back => self.mode = Mode::Browse,
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
                self.mode = Mode::Browse;
                if self.go_to_place(&input) {
                    return;
                }
                match query::find(self.chron, &input, self.current_entry()) {
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

    /// The entry a bare number in the `:` prompt counts in: the selected one, or the one
    /// holding the reading position.
    fn current_entry(&self) -> Option<usize> {
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
        if let Some(place) = self.preview_place(input) {
            if let Mode::Jump { preview, .. } = &mut self.mode {
                *preview = place;
            }
            return;
        }
        let preview = match query::find(self.chron, input, self.current_entry()) {
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
                    None => JumpPreview::Nothing("no such year".to_owned()),
                }
            }
            Err(query::QueryError::NotInText { .. }) => {
                JumpPreview::Nothing("no such year".to_owned())
            }
            Err(query::QueryError::NotAYear(_)) => JumpPreview::Nothing("not a year".to_owned()),
            Err(query::QueryError::UnknownEra(e)) => {
                JumpPreview::Nothing(format!("unknown era {e}"))
            }
        };
        if let Mode::Jump { preview: p, .. } = &mut self.mode {
            *p = preview;
        }
    }

    /// An entry's label and CE year: `天慶五年 (1115)`.
    fn year_label(&self, entry: usize) -> String {
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

/// Every time mark, in reading order.
pub(super) fn build_marks(chron: &Chronicle, reading: &Reading<'_>) -> Vec<MarkRef> {
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
    marks
}

/// The widest a preface's label gets, in columns (its first line, cut with `…`).
const PREFACE_LABEL: usize = 40;

/// The timeline rows of a chronicle, from its segments.
pub(super) fn build_rows(chron: &Chronicle, reading: &Reading<'_>) -> Vec<Row> {
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
            SegmentKind::Notes(v) => (RowKind::Notes, v, "校勘記".to_owned()),
        };
        let empty = match kind {
            RowKind::Entry(i) => chron.entries[i].is_empty_year(reading),
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
    gaps::insert(chron, &mut rows);
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
