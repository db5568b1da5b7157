//! Where things are on a two-text screen: the timeline and the panes, side by side above
//! a width and stacked below it; clicks and the wheel; laying out both panes.

use super::*;

impl ParallelApp<'_> {
    pub(super) fn click(&mut self, column: u16, row: u16) {
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

    pub(super) fn wheel(&mut self, column: u16, row: u16, delta: isize) {
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

    /// The joint timeline's width: the CE year, its doubt mark, and each text's column.
    pub(super) fn timeline_width(&self) -> u16 {
        let [a, b] = self.label_widths;
        let labels = match self.pairing {
            Pairing::Years => a + 3 + b,
            Pairing::Paragraphs => a,
        };
        // CE (6), `?`, `│ `, the labels, a space and the separator.
        6 + 1 + 2 + labels + 2
    }

    pub(super) fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.areas = self.compute_areas(width, height);
        for p in &mut self.panes {
            p.size = (width, height);
            p.relayout_list();
        }
        self.lay_out_panes();
        self.keep_selection_visible();
    }

    pub(super) fn compute_areas(&self, width: u16, height: u16) -> ParallelAreas {
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
            } else if p.height > 2 * (super::super::DETAIL_HEADER + 2) {
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
    pub(super) fn lay_out_panes(&mut self) {
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
                    .clamp(1, super::super::MAX_MEASURE)
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
}
