//! Where things are on screen, and the selected row's text laid out to fit: areas from the
//! terminal size (ratatui's `Layout`), re-layout when the width or the selection changes
//! (never per frame), scrolling, and the reading place ([`Anchor`]) that a re-layout keeps.

use ratatui::layout::{Constraint, Layout, Margin, Rect};

use super::{App, Focus, RowKind};
use crate::layout::str_width;
use crate::view::{self, DocLine};

/// The smallest terminal the reader draws in.
pub const MIN_SIZE: (u16, u16) = (20, 5);
/// Terminals at least this wide show both panes side by side.
pub const SIDE_BY_SIDE: u16 = 64;
/// Widest measure for the text (columns); wider panes keep a margin.
pub const MAX_MEASURE: usize = 96;
/// The most columns a preface's label claims for the timeline's width.
const PREFACE_CLAIM: usize = 18;
/// Lines above the text in the detail pane (heading, blank).
pub const DETAIL_HEADER: u16 = 2;

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

/// Where the reader is in the text pane, in terms of the text rather than of its lines, so
/// that a re-layout (a resize, the pane shown again) puts the same text at the top: a
/// trip through other sizes and back returns to the same line.
///
/// Only the reader's own moves (scrolling, paging, jumps, a new year) set it; a re-layout
/// reads it and never changes it, so a place clamped at one size (the last page of a short
/// layout) is not lost at the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The line holding this reading offset, the first visible character, is at the top.
    At {
        /// The reading offset.
        offset: usize,
        /// The blank line before that paragraph is at the top, rather than its first line.
        gap: bool,
    },
    /// The last page is on screen (the text was read to its end: 100%).
    End,
}

impl Default for Anchor {
    fn default() -> Anchor {
        Anchor::At {
            offset: 0,
            gap: false,
        }
    }
}

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
    /// The reading place `top` comes from.
    pub anchor: Anchor,
    /// Whether it was laid out with the marks' dates after them.
    pub dated: bool,
    /// The marks' dates in its lines, when `dated`.
    pub inlines: Vec<view::Inline>,
}

/// The areas of a `width`×`height` screen: the status line at the bottom; above it the
/// timeline and the text side by side, or (narrow) the pane that has focus; the text below
/// the detail pane's heading, inside a margin, at most [`MAX_MEASURE`] wide.
pub(super) fn compute_areas(width: u16, height: u16, focus: Focus, timeline_width: u16) -> Areas {
    let screen = Rect::new(0, 0, width, height);
    let [body, status] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(screen);
    if width < MIN_SIZE.0 || height < MIN_SIZE.1 {
        return Areas {
            status,
            too_small: true,
            ..Areas::default()
        };
    }
    let (timeline, detail) = if width >= SIDE_BY_SIDE {
        let tw = timeline_width.clamp(22, (width / 3).max(22));
        let [t, d] = Layout::horizontal([Constraint::Length(tw), Constraint::Fill(1)]).areas(body);
        (Some(t), Some(d))
    } else {
        // Narrow: one pane at a time; Tab switches.
        match focus {
            Focus::Timeline => (Some(body), None),
            Focus::Detail => (None, Some(body)),
        }
    };
    let text = detail.map_or(Rect::default(), text_area);
    Areas {
        timeline,
        detail,
        text,
        status,
        too_small: false,
    }
}

/// The text inside a detail pane `d`: below the heading, with a margin of two columns (one
/// when narrow), at most [`MAX_MEASURE`] wide.
pub(super) fn text_area(d: Rect) -> Rect {
    text_area_within(d, d.width)
}

/// [`text_area`] with the margin of a pane `width` wide (two panes side by side keep the
/// same margin when one is a column narrower).
pub(super) fn text_area_within(d: Rect, width: u16) -> Rect {
    let margin = if width >= 40 { 2 } else { 1 };
    let [_, below] =
        Layout::vertical([Constraint::Length(DETAIL_HEADER), Constraint::Fill(1)]).areas(d);
    let [text] = Layout::horizontal([Constraint::Max(MAX_MEASURE as u16)])
        .flex(ratatui::layout::Flex::Start)
        .areas(below.inner(Margin::new(margin, 0)));
    text
}

impl App<'_> {
    /// The terminal is now `width`×`height`: recompute areas, re-lay out the text if its
    /// width changed, keeping the reading place ([`Anchor`]).
    pub(super) fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.areas = compute_areas(width, height, self.focus, self.timeline_width());
        self.relayout();
        self.keep_selection_visible();
        self.relayout_list();
        if let Some(p) = &mut self.popup {
            p.rewrap(width);
        }
    }

    /// The timeline's width: as much as its widest label claims. A preface, named by its
    /// first line, claims at most [`PREFACE_CLAIM`] columns; the timeline cuts a longer one
    /// with `…` to the room there is.
    pub(super) fn timeline_width(&self) -> u16 {
        let widest = self
            .rows
            .iter()
            .map(|r| {
                let claim = match r.kind {
                    RowKind::Preface => PREFACE_CLAIM,
                    _ => usize::MAX,
                };
                str_width(&r.label).min(claim)
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
        let width = match self.areas.text.width {
            // The text pane is hidden (a narrow screen with the timeline in focus): lay out
            // at the width it has when shown, not one character a line.
            0 => {
                let (w, h) = self.size;
                compute_areas(w, h, Focus::Detail, self.timeline_width())
                    .text
                    .width
            }
            w => w,
        };
        usize::from(width).clamp(1, MAX_MEASURE)
    }

    pub(super) fn text_height(&self) -> usize {
        usize::from(self.areas.text.height).max(1)
    }

    /// Lay out the selected row at the current width, if that is not done yet, and put the
    /// reading place ([`Anchor`]) at the top: a new row starts at its beginning; the same
    /// row keeps its place whatever the width and height.
    pub(super) fn relayout(&mut self) {
        let width = self.measure();
        let same_row = self.doc.row == self.selected && !self.doc.lines.is_empty();
        let dated = self.dates.inline;
        if !same_row || self.doc.width != width || self.doc.dated != dated {
            let (lines, inlines) = match self.rows[self.selected].kind {
                // One side of a bilingual entry, line for line with the other side.
                RowKind::Entry(i) if self.bilingual.is_some() => {
                    self.find_marks_of(i);
                    let b = self.bilingual.expect("checked");
                    let units = b.text.units(i);
                    let side =
                        view::lay_out_side(&self.reading, units, b.side, width, b.other_width);
                    (side, Vec::new())
                }
                // An entry comes with the notes its markers point to, and the marks'
                // dates when they are asked for.
                RowKind::Entry(i) => {
                    self.find_marks_of(i);
                    let inserts = if dated {
                        self.inline_dates(i, width)
                    } else {
                        Vec::new()
                    };
                    view::lay_out_entry_with(self.chron, &self.reading, i, width, &inserts)
                }
                _ => {
                    let range = self.rows[self.selected].range.clone();
                    (
                        view::lay_out(self.reading.text(), range, width, true),
                        Vec::new(),
                    )
                }
            };
            let row = &self.rows[self.selected];
            let anchor = if same_row {
                self.doc.anchor
            } else {
                Anchor::At {
                    offset: lines.first().map_or(row.range.start, |l| l.start),
                    gap: false,
                }
            };
            self.doc = Doc {
                row: self.selected,
                width,
                lines,
                top: 0,
                anchor,
                dated,
                inlines,
            };
        }
        self.place_anchor();
    }

    /// Put the line the anchor names at the top (within the scrolling range), leaving the
    /// anchor as it is.
    fn place_anchor(&mut self) {
        self.doc.top = match self.doc.anchor {
            Anchor::End => self.max_top(),
            Anchor::At { offset, gap: true } => {
                // The blank line that starts at `offset` (the paragraph after it may start
                // later, past its indentation).
                let lines = &self.doc.lines;
                let from = lines.partition_point(|l| l.start < offset);
                lines[from..]
                    .iter()
                    .take_while(|l| l.start == offset)
                    .position(DocLine::is_gap)
                    .map_or_else(|| self.line_of(offset), |k| from + k)
            }
            Anchor::At { offset, gap: false } => self.line_of(offset),
        };
        self.clamp_top();
    }

    /// Go back to a reading place of the selected row (one remembered by the search
    /// prompt).
    pub(super) fn restore_anchor(&mut self, anchor: Anchor) {
        self.doc.anchor = anchor;
        self.place_anchor();
    }

    /// Scroll so that line `top` is at the top (within the scrolling range), and make that
    /// the reading place: the last page is [`Anchor::End`], any other the offset of its
    /// first line.
    pub(super) fn set_top(&mut self, top: usize) {
        self.doc.top = top;
        self.clamp_top();
        let top = self.doc.top;
        self.doc.anchor = match self.doc.lines.get(top) {
            _ if top > 0 && top == self.max_top() => Anchor::End,
            Some(l) => Anchor::At {
                offset: l.start,
                gap: l.is_gap(),
            },
            None => Anchor::default(),
        };
    }

    /// The index of the laid-out line holding reading offset `offset`. A blank line
    /// between paragraphs holds no text: an offset there (the indentation before a
    /// paragraph) is in the paragraph after it.
    pub fn line_of(&self, offset: usize) -> usize {
        let lines = &self.doc.lines;
        // Line starts never decrease, so this is a proper partition (a blank line's start
        // is the start of the paragraph after it).
        let i = lines.partition_point(|l| l.start <= offset);
        let mut line = i.saturating_sub(1);
        if lines.get(line).is_some_and(DocLine::is_gap) && i < lines.len() {
            line = i;
        }
        line.min(lines.len().saturating_sub(1))
    }

    pub(super) fn max_top(&self) -> usize {
        self.doc.lines.len().saturating_sub(self.text_height())
    }

    pub(super) fn clamp_top(&mut self) {
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

    /// How far through the whole text the reader is, in percent: the end of the last line
    /// on screen (the end of the selected section when the text is not shown), of all the
    /// text; 100 on the last page of the last section.
    pub fn book_percent(&self) -> usize {
        let total = self.reading.text().len();
        let row = &self.rows[self.selected];
        if total == 0 || (self.selected + 1 == self.rows.len() && self.doc.top >= self.max_top()) {
            return 100;
        }
        let end = self
            .doc
            .lines
            .iter()
            .skip(self.doc.top)
            .take(self.text_height())
            .map(|l| l.end)
            .max()
            .unwrap_or(row.range.end);
        (end * 100 / total).min(100)
    }

    /// Scroll the text `delta` lines; the reading position follows the top line.
    pub(super) fn scroll(&mut self, delta: isize) {
        let top = (self.doc.top as isize + delta).max(0) as usize;
        self.set_top(top);
        if let Some(l) = self.doc.lines.get(self.doc.top) {
            self.cursor = l.start;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The areas as they were computed by hand before `Layout` computed them.
    fn by_hand(width: u16, height: u16, focus: Focus, timeline_width: u16) -> Areas {
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
                Some(Rect::new(0, 0, tw, body_h)),
                Some(Rect::new(tw, 0, width - tw, body_h)),
            )
        } else {
            let full = Rect::new(0, 0, width, body_h);
            match focus {
                Focus::Timeline => (Some(full), None),
                Focus::Detail => (None, Some(full)),
            }
        };
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

    #[test]
    fn layout_gives_the_areas_computed_by_hand() {
        for width in (0..=130).chain([199, 200, 201, 333, 500, 1000, u16::MAX]) {
            for height in (0..=12).chain([24, 40, 60, 200, u16::MAX]) {
                for focus in [Focus::Timeline, Focus::Detail] {
                    for tw in [0, 22, 30, 47, 200, u16::MAX] {
                        assert_eq!(
                            compute_areas(width, height, focus, tw),
                            by_hand(width, height, focus, tw),
                            "{width}×{height} {focus:?} {tw}"
                        );
                    }
                }
            }
        }
    }
}
