//! The book as printed: the page and 卷 of the reading place (for the status line), going
//! to a page (`:1-1a`) or a volume (`:卷十三`), a citation of the place copied to the
//! clipboard, and 夾注 (interlinear notes) shown or hidden.

use super::{App, JumpPreview};
use crate::model::chinese_number;
use crate::model::pages::{self, Citation, Place};
use crate::model::reading::{Notes, Reading};

impl App<'_> {
    /// The 卷 and page of the reading place, for the status line: `卷一 · SBCK 1-1a`.
    /// `None` for a text that marks no pages.
    pub fn page_label(&self) -> Option<String> {
        let at = self.cited_place();
        let page = self.pages.at(at)?;
        let volume = pages::volume_at(self.chron, at)
            .and_then(|v| self.chron.volumes[v].number_name())
            .map(|n| format!("{n} · "));
        Some(format!("{}{}", volume.unwrap_or_default(), page.label()))
    }

    /// A citation of the reading place: `新唐書 卷一 本紀第一 武徳二年 (619), WYG 1-10a`.
    pub fn citation(&self) -> Citation {
        Citation::of(self.chron, &self.pages, self.cited_place())
    }

    /// The place a citation names (a source byte offset): the reading position when it is
    /// on screen (where `:`, `]` or `n` went), else the first character on screen.
    pub fn cited_place(&self) -> usize {
        let line = self.line_of(self.cursor);
        let on_screen = self.doc.top <= line && line < self.doc.top + self.text_height();
        let in_row = self.rows[self.selected].range.contains(&self.cursor);
        if on_screen && in_row && !self.doc.lines.is_empty() {
            self.reading.to_source(self.cursor)
        } else {
            self.source_position()
        }
    }

    /// Put a citation of the reading place on the clipboard (the event loop sends it to
    /// the terminal, OSC 52), and say what was copied.
    pub(super) fn copy_citation(&mut self) {
        let text = crate::layout::sanitize(&self.citation().to_string()).into_owned();
        self.say(format!("copied: {text}"));
        self.clipboard = Some(text);
    }

    /// Go to the page or volume `input` names, if it names one: true when it does
    /// (whether or not the book has it; if not, the reader says so).
    pub(super) fn go_to_place(&mut self, input: &str) -> bool {
        let Some(place) = Place::parse(input) else {
            return false;
        };
        match place {
            Place::Page {
                edition,
                juan,
                leaf,
            } => match self.pages.find(edition.as_deref(), juan, &leaf) {
                Some(page) => {
                    // Just after the marker: the page's first character.
                    let (start, label) = (page.span.end, page.label());
                    self.go_to_source(start);
                    self.say(format!("{label} · {}", self.place_of(self.cursor)));
                }
                None if self.pages.is_empty() => self.complain("this text marks no pages"),
                None => self.complain(format!("no page {juan}-{leaf} in this text")),
            },
            Place::Volume(n) => match self.volume_row(n) {
                Some(row) => {
                    self.select(row);
                    self.say(self.rows[row].label.clone());
                }
                None => self.complain(format!("no 卷{} in this text", chinese_number(n))),
            },
        }
        true
    }

    /// What the `:` prompt's input names as a page or a volume, if it is one.
    pub(super) fn preview_place(&self, input: &str) -> Option<JumpPreview> {
        Some(match Place::parse(input)? {
            Place::Page {
                edition,
                juan,
                leaf,
            } => match self.pages.find(edition.as_deref(), juan, &leaf) {
                Some(page) => JumpPreview::Found(format!(
                    "{} · {}",
                    page.label(),
                    self.place_of(self.reading.to_reading(page.span.end))
                )),
                None => JumpPreview::Nothing("no such page".to_owned()),
            },
            Place::Volume(n) => match self.volume_row(n) {
                Some(row) => JumpPreview::Found(self.rows[row].label.clone()),
                None => JumpPreview::Nothing("no such volume".to_owned()),
            },
        })
    }

    /// The timeline row of the volume numbered `n`.
    fn volume_row(&self, n: u32) -> Option<usize> {
        let v = pages::volume_numbered(self.chron, n)?;
        self.rows
            .iter()
            .position(|r| r.kind == super::RowKind::Volume(v))
    }

    /// Show or hide the 夾注: the reading view is built again without them (or with them),
    /// and with it the timeline's ranges, the time marks and the search hits; the reading
    /// place stays.
    pub(super) fn toggle_notes(&mut self) {
        if !self.has_notes {
            self.say("this text has no 夾注 (interlinear notes)");
            return;
        }
        let place = self.source_position();
        self.notes = match self.notes {
            Notes::Shown => Notes::Hidden,
            Notes::Hidden => Notes::Shown,
        };
        self.reading = Reading::with_notes(&self.chron.text, self.chron.format, self.notes);
        let rows = super::navigation::build_rows(self.chron, &self.reading, &self.dynasties);
        debug_assert_eq!(rows.len(), self.rows.len(), "the same segments");
        self.rows = rows;
        self.refind_marks();
        self.research();
        // Laid out again from the new view, at the same place.
        self.doc = super::Doc::default();
        self.go_to_source(place);
        self.say(match self.notes {
            Notes::Shown => "夾注 shown (and searched)",
            Notes::Hidden => "夾注 hidden (and not searched)",
        });
    }
}
