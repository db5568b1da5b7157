//! The scroll lock of two texts: when one pane scrolls, the other follows to the same
//! time mark (month or season, then day); a pane's own scrolling and paging.

use super::*;

impl ParallelApp<'_> {
    /// Pane `k` moved by itself (a hit, a month, a jump, the concordance): select its year
    /// in the timeline and show that year in the other pane.
    pub(super) fn follow_pane(&mut self, k: usize) {
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

    pub(super) fn keep_selection_visible(&mut self) {
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

    pub(super) fn scroll_pane(&mut self, k: usize, delta: isize) {
        self.panes[k].scroll(delta);
        if self.lock {
            self.follow_scroll(k);
        }
    }

    /// Page through pane `k`; at the end of its year, on to the next year (as the
    /// one-text reader turns the page).
    pub(super) fn page(&mut self, k: usize, delta: isize) {
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
    pub(super) fn follow_scroll(&mut self, k: usize) {
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
    pub(super) fn time_marks(&self, k: usize) -> Vec<(MarkKey, usize)> {
        let p = &self.panes[k];
        let RowKind::Entry(i) = p.rows[p.selected].kind else {
            return Vec::new();
        };
        let mut month = 0u8;
        let mut out = Vec::new();
        for m in p.chron.marks(&p.chron.entries[i]) {
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
    pub(super) fn mark_at_top(&self, k: usize) -> Option<MarkKey> {
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
}

/// A time mark as the scroll lock compares them: its month (× 2, plus one for a leap
/// month; a season alone is its first month), its day by number (0 when not written by
/// number: a month alone, a day by its 干支), and its day's 干支.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct MarkKey {
    month: u8,
    day: u8,
    ganzhi: Option<Ganzhi>,
}

/// The first month of a season written alone (春 is 正月 …), for the scroll lock.
pub(super) fn season_month(s: &str) -> Option<u8> {
    match s.chars().find(|c| "春夏秋冬".contains(*c))? {
        '春' => Some(1),
        '夏' => Some(4),
        '秋' => Some(7),
        _ => Some(10),
    }
}
