//! A note too long for the status line — where a year's CE date comes from, why it may be
//! doubted, and how its marks are dated — shown in a box above the status line, wrapped by
//! the layout module's rules (never cut inside a word), until the next input. It is
//! wrapped when it opens and when the screen changes size, never while drawing.

use super::{App, RowKind};
use crate::calendar::months::MonthTable;
use crate::layout;
use crate::model::dates::{self, CalendarSource};

/// A note in a box above the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Popup {
    /// The box's title.
    pub title: String,
    /// The note; `\n` between paragraphs.
    pub text: String,
    /// Whether it reports a problem (a doubtful year).
    pub error: bool,
    /// The note wrapped to the box's inside.
    pub lines: Vec<String>,
}

/// The width of the inside of the popup's box on a screen `width` columns wide: the
/// screen less a border and a column of margin on either side.
pub fn popup_inner_width(width: u16) -> usize {
    usize::from(width.saturating_sub(4)).max(1)
}

impl Popup {
    /// A note wrapped for a screen `width` columns wide.
    pub fn new(title: String, text: String, error: bool, width: u16) -> Popup {
        let mut p = Popup {
            title,
            text,
            error,
            lines: Vec::new(),
        };
        p.rewrap(width);
        p
    }

    /// Wrap the note again for a screen `width` columns wide.
    pub fn rewrap(&mut self, width: u16) {
        let cols = popup_inner_width(width);
        self.lines = self
            .text
            .split('\n')
            .flat_map(|para| {
                let para = layout::sanitize(para).into_owned();
                layout::wrap(&para, cols)
                    .iter()
                    .map(|l| para[l.start..l.end].trim_end().to_owned())
                    .collect::<Vec<_>>()
            })
            .collect();
    }
}

impl App<'_> {
    /// Say where the selected year's CE year comes from, why it may be doubted, and in
    /// which calendar its marks are dated (or why they are not).
    pub(super) fn year_info(&mut self) {
        let RowKind::Entry(i) = self.rows[self.selected].kind else {
            self.say("not a year");
            return;
        };
        let e = &self.chron.entries[i];
        let mut text = crate::view::provenance(self.chron, e);
        let doubtful = !e.doubts.is_empty();
        let has_marks = !self.chron.marks(e).is_empty();
        let t = MonthTable::embedded();
        if has_marks {
            text.push('\n');
            text.push_str(&match dates::entry_calendar(e) {
                Ok(c) => match c.source {
                    CalendarSource::Regime => {
                        format!("Its marks are dated in {}'s calendar.", t.name(c.calendar))
                    }
                    CalendarSource::MainInForce => format!(
                        "Its marks are dated in {}'s calendar, the main one in force: the \
                         year's regime has none here.",
                        t.name(c.calendar)
                    ),
                },
                Err(why) => format!("Its marks have no dates: {why}."),
            });
        }
        let title = format!(" {} ", self.year_label(i));
        self.popup = Some(Popup::new(title, text, doubtful, self.size.0));
    }
}
