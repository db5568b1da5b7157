//! The bottom line: the status (title, position, CE year, the date at the reading place,
//! reign, how far through the book, hits, then a message or the key hints), or the open
//! `:` or `/` prompt. What does not fit gives way in a fixed order (a message to a shorter
//! way of saying it), and whatever is cut ends with `…`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::{fill, fitted, fitted_tail, put, put_cut};
use crate::layout::str_width;
use crate::model::query::ce_label;
use crate::search::Mode as SearchMode;
use crate::tui::action::Action;
use crate::tui::app::{App, Focus, JumpPreview, Message, Mode, NO_YEARS, RowKind};
use crate::tui::keymap::{Scope, hint};
use crate::tui::theme::Theme;

/// Fewer columns than this are not worth a cut title: it is left out instead.
const MIN_TITLE: usize = 8;

/// The status line, or the open prompt; returns where the cursor goes (for prompts).
pub(super) fn draw(buf: &mut Buffer, app: &App<'_>, theme: &Theme) -> Option<Position> {
    let s = app.areas.status;
    if s.height == 0 {
        return None;
    }
    fill(buf, s.x, s.y, s.width, theme.status);
    match &app.mode {
        Mode::Jump {
            input,
            preview,
            example,
        } => Some(draw_jump(buf, theme, s, input, preview, example)),
        Mode::Search(_) => Some(draw_search(buf, app, theme, s)),
        _ => {
            draw_status(buf, app, theme, s);
            None
        }
    }
}

/// The `:` prompt: the input, then an example while it is empty, or what it names.
pub(super) fn draw_jump(
    buf: &mut Buffer,
    theme: &Theme,
    s: Rect,
    input: &str,
    preview: &JumpPreview,
    example: &str,
) -> Position {
    let used = put(buf, s.x, s.y, s.width, ":", theme.status);
    // Keep a column for the cursor.
    let room = s.width.saturating_sub(used + 1);
    let w = put(
        buf,
        s.x + used,
        s.y,
        room,
        &fitted_tail(input, usize::from(room)),
        theme.status,
    );
    let dim = theme.status.patch(theme.dim);
    let (text, style) = match preview {
        JumpPreview::Empty => (example.to_owned(), dim),
        JumpPreview::Found(t) => (format!("→ {t}"), theme.status),
        JumpPreview::Nothing(t) => (t.clone(), dim),
    };
    let x = used + w + 2;
    put_cut(
        buf,
        s.x + x,
        s.y,
        s.width.saturating_sub(x + 1),
        &text,
        style,
    );
    Position::new(s.x + used + w, s.y)
}

/// The `/` prompt: the pattern, and on the right the mode and the hits (or the keys, or
/// what is wrong with the pattern).
fn draw_search(buf: &mut Buffer, app: &App<'_>, theme: &Theme, s: Rect) -> Position {
    let mode = match app.search.mode {
        SearchMode::Folded => "繁簡",
        SearchMode::Exact => "exact",
        SearchMode::Regex => "regex",
    };
    let info = if let Some(e) = &app.search.error {
        format!(" {e}")
    } else if app.search.input.is_empty() {
        let key = |action| hint(Scope::Prompt, &action);
        format!(
            " {} keep · {} cancel · {} exact · {} regex",
            key(Action::Confirm),
            key(Action::Back),
            key(Action::ToggleExact),
            key(Action::ToggleRegex)
        )
    } else {
        let n = app.search.hits.len();
        match app.search.current {
            Some(i) => format!(" hit {}/{n}", i + 1),
            None => " no hits".to_owned(),
        }
    };
    let right = format!("[{mode}]{info}");
    draw_search_prompt(
        buf,
        theme,
        s,
        &app.search.input,
        app.search.error.is_some(),
        &right,
    )
}

/// The `/` prompt's line: `/`, the end of the `input` that fits, and `right` (the mode and
/// what was found) at the right, in the error style when the pattern is bad. Where the
/// cursor goes.
pub(super) fn draw_search_prompt(
    buf: &mut Buffer,
    theme: &Theme,
    s: Rect,
    input: &str,
    error: bool,
    right: &str,
) -> Position {
    let right_w = (str_width(right) as u16).min(s.width / 2);
    let used = put(buf, s.x, s.y, s.width, "/", theme.status);
    let room = s.width.saturating_sub(used + right_w + 2);
    let shown = fitted_tail(input, usize::from(room));
    let w = put(buf, s.x + used, s.y, room, &shown, theme.status);
    let style = if error { theme.error } else { theme.status };
    put_cut(buf, s.x + s.width - right_w, s.y, right_w, right, style);
    Position::new(s.x + used + w, s.y)
}

/// Title │ position │ CE │ reign │ percent │ hits, then the message or the key hints.
fn draw_status(buf: &mut Buffer, app: &App<'_>, theme: &Theme, s: Rect) {
    let limit = s.x + s.width;
    if let Some(m) = app.message.as_ref().filter(|m| m.error) {
        // A problem gets the whole line.
        put_cut(
            buf,
            s.x + 1,
            s.y,
            s.width.saturating_sub(2),
            &m.text,
            theme.error,
        );
        return;
    }
    let message = app.message.as_ref().map(|m| m.text.as_str());
    let mut line = StatusLine::of(app);
    // One column of margin on either side.
    let avail = usize::from(s.width).saturating_sub(2);
    line.give_way(avail, message, usize::from(s.width) / 2);

    let keys = line.keys();
    let right = match message {
        Some(_) => 0,
        None => str_width(&keys) as u16 + 2,
    };
    let mut x = s.x + 1;
    for (i, p) in line.parts().iter().enumerate() {
        let sep = if i == 0 { "" } else { " │ " };
        let room = limit.saturating_sub(x + 1 + right);
        if room <= str_width(sep) as u16 {
            break;
        }
        x += put(buf, x, s.y, room, sep, theme.status);
        x += put_cut(buf, x, s.y, room - str_width(sep) as u16, p, theme.status);
    }
    match app.message.as_ref() {
        Some(m) => {
            let room = limit.saturating_sub(x + 3 + 1);
            if room > 0 {
                let said = said_in(m, usize::from(room));
                put_cut(
                    buf,
                    x + 3,
                    s.y,
                    room,
                    said,
                    theme.status.patch(theme.heading),
                );
            }
        }
        None => {
            let w = str_width(&keys) as u16;
            if x + 2 + w < limit {
                put(buf, limit - w - 1, s.y, w, &keys, theme.status);
            }
        }
    }
}

/// The longest way of saying message `m` that fits `cols` columns; the shortest (to be
/// cut) when none does.
fn said_in(m: &Message, cols: usize) -> &str {
    std::iter::once(&m.text)
        .chain(&m.shorter)
        .find(|t| str_width(t) <= cols)
        .or(m.shorter.last())
        .unwrap_or(&m.text)
}

/// The pieces of the status line, before and after giving way to a narrow screen.
struct StatusLine {
    title: Option<String>,
    position: Option<String>,
    ce: Option<String>,
    /// The date at the reading place, or why the year has none; shorter ways to say it.
    date: Option<String>,
    date_shorter: Vec<String>,
    reign: Option<String>,
    /// The 卷 and page of the base edition (`卷一 · SBCK 1-1a`), where the text marks pages.
    page: Option<String>,
    percent: Option<String>,
    hit: Option<String>,
    /// Key hints (`Tab text`, `? help`, `q quit`), the most needed first.
    keys: Vec<String>,
}

impl StatusLine {
    fn of(app: &App<'_>) -> StatusLine {
        let title = app.chron.title_line();
        let row = &app.rows[app.selected];
        let position = Some(match app.entry_position() {
            // Only the first part is segmented yet: the count is not known.
            Some((n, _)) if app.first_part.is_some() => format!("{n}/…"),
            Some((n, total)) => format!("{n}/{total}"),
            None => row.label.clone(),
        });
        let (ce, reign) = match row.kind {
            RowKind::Entry(i) => {
                let e = &app.chron.entries[i];
                let mark = if e.doubts.is_empty() { "" } else { "?" };
                (
                    e.ce.map(|ce| format!("{}{mark}", ce_label(ce))),
                    crate::view::reign(app.chron, e),
                )
            }
            // A dynasty (its name is the position): its years.
            RowKind::Dynasty(g) => {
                let d = &app.dynasties[g];
                let span = d.heading.strip_prefix(d.name).unwrap_or(&d.heading);
                (Some(span.trim_start_matches(" · ").to_owned()), None)
            }
            // A text with no years says so where the year would be.
            _ if app.chron.entries.is_empty() => (Some(NO_YEARS.to_owned()), None),
            _ => (None, None),
        };
        let mut keys = Vec::new();
        // One pane at a time: say which key shows the other one.
        let narrow = app.areas.timeline.is_none() || app.areas.detail.is_none();
        if narrow {
            let other = match app.focus {
                Focus::Timeline => "text",
                Focus::Detail => "years",
            };
            keys.push(format!(
                "{} {other}",
                hint(Scope::Browse, &Action::ToggleFocus)
            ));
        }
        keys.push(format!("{} help", hint(Scope::Browse, &Action::Help)));
        keys.push(format!("{} quit", hint(Scope::Browse, &Action::Quit)));
        StatusLine {
            title: (!title.is_empty()).then_some(title),
            position,
            ce,
            date: app.dates.status.as_ref().map(|d| d.full.clone()),
            date_shorter: app
                .dates
                .status
                .as_ref()
                .map_or_else(Vec::new, |d| d.shorter.clone()),
            reign,
            page: app.page_label(),
            percent: match &app.first_part {
                Some(said) => Some(said.clone()),
                None => app
                    .areas
                    .detail
                    .is_some()
                    .then(|| format!("{}% of book", app.book_percent())),
            },
            hit: app
                .search
                .current
                .map(|i| format!("hit {}/{}", i + 1, app.search.hits.len())),
            keys,
        }
    }

    /// The parts left of the message or the keys, in order.
    fn parts(&self) -> Vec<&str> {
        [
            self.title.as_deref(),
            self.position.as_deref(),
            self.ce.as_deref(),
            self.date.as_deref(),
            self.reign.as_deref(),
            self.page.as_deref(),
            self.percent.as_deref(),
            self.hit.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    fn keys(&self) -> String {
        self.keys.join("  ")
    }

    /// Columns the line takes with `right` (the message or the keys) after the parts.
    fn width(&self, right: usize) -> usize {
        let parts = self.parts();
        let left: usize = parts.iter().map(|p| str_width(p)).sum::<usize>() + 3 * parts.len();
        left.saturating_sub(3) + right
    }

    /// Give way until the line fits in `avail` columns: first the title is cut (or left out
    /// when it would keep fewer than [`MIN_TITLE`] columns). A message keeps up to
    /// `message_room` columns.
    fn give_way(&mut self, avail: usize, message: Option<&str>, message_room: usize) {
        let right = |line: &StatusLine| match message {
            Some(m) => 3 + str_width(m).min(message_room),
            None => 2 + str_width(&line.keys()),
        };
        if self.width(right(self)) <= avail {
            return;
        }
        if let Some(title) = self.title.take() {
            let rest = self.width(right(self)) + 3;
            let room = avail.saturating_sub(rest);
            if room >= MIN_TITLE.min(str_width(&title)) {
                self.title = Some(fitted(&title, room).into_owned());
                return;
            }
        }
        // Then, one at a time: `q quit`, the page, the reign, the date to a shorter form,
        // the percentage, the date to its shortest (the day alone, which names the year),
        // the CE year (the timeline or the heading shows it too), the help key (on a narrow
        // screen the key to the other pane stays), the hit number, the date, the position.
        let steps: [fn(&mut StatusLine); 11] = [
            |l| l.drop_last_key(),
            |l| l.page = None,
            |l| l.reign = None,
            |l| l.shorten_date(),
            |l| l.percent = None,
            |l| {
                if let Some(last) = l.date_shorter.pop() {
                    l.date = Some(last);
                    l.date_shorter.clear();
                }
            },
            |l| l.ce = None,
            |l| l.drop_last_key(),
            |l| l.hit = None,
            |l| l.date = None,
            |l| l.position = None,
        ];
        for step in steps {
            if self.width(right(self)) <= avail {
                return;
            }
            step(self);
        }
    }

    /// Say the date in its next shorter form, or leave it out when it has none.
    fn shorten_date(&mut self) {
        self.date = if self.date_shorter.is_empty() {
            None
        } else {
            Some(self.date_shorter.remove(0))
        };
    }

    /// Leave out the last key hint, unless it is the only one.
    fn drop_last_key(&mut self) {
        if self.keys.len() > 1 {
            self.keys.pop();
        }
    }
}
