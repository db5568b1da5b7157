//! The `:` prompt of two texts: a year, a day, a page or a volume, found in the lead text
//! (or the other), previewed as it is typed.

use super::*;

impl ParallelApp<'_> {
    pub(super) fn apply_jump(&mut self, action: Action) {
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
    pub(super) fn resolve(&self, input: &str) -> Result<Target, String> {
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

    pub(super) fn preview_jump(&mut self) {
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

    pub(super) fn jump(&mut self, input: &str) {
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
}

/// Where a `:` input goes.
pub(super) enum Target {
    /// A page or a volume of pane k's text.
    Place(usize),
    /// An entry of pane k's text.
    Entry(usize, usize),
    /// A year of the joint timeline (a CE year the lead text does not record).
    Row(usize),
}
