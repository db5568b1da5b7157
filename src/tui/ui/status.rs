//! The bottom line: the status (title, position, CE year, hits, a message, the key hint),
//! or the open `:` or `/` prompt.

use ratatui::buffer::Buffer;
use ratatui::layout::Position;

use super::{fill, put};
use crate::layout::{prefix_fitting, str_width, suffix_fitting};
use crate::model::query::ce_label;
use crate::search::Mode as SearchMode;
use crate::tui::action::Action;
use crate::tui::app::{App, Mode, RowKind};
use crate::tui::keymap::{Scope, hint};
use crate::tui::theme::Theme;

/// The status line, or the open prompt; returns where the cursor goes (for prompts).
pub(super) fn draw(buf: &mut Buffer, app: &App<'_>, theme: &Theme) -> Option<Position> {
    let s = app.areas.status;
    if s.height == 0 {
        return None;
    }
    fill(buf, s.x, s.y, s.width, theme.status);
    match &app.mode {
        Mode::Jump { input } => {
            let used = put(buf, s.x, s.y, s.width, ":", theme.status);
            let shown = suffix_fitting(input, usize::from(s.width.saturating_sub(used + 1)));
            let w = put(buf, s.x + used, s.y, s.width - used, shown, theme.status);
            let hint = "  year: 1115 · 天慶五年 · 天慶5 · 5";
            put(
                buf,
                s.x + used + w + 1,
                s.y,
                s.width.saturating_sub(used + w + 1),
                hint,
                theme.status.patch(theme.dim),
            );
            return Some(Position::new(s.x + used + w, s.y));
        }
        Mode::Search(_) => {
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
            let right_w = (str_width(&right) as u16).min(s.width / 2);
            let used = put(buf, s.x, s.y, s.width, "/", theme.status);
            let room = s.width.saturating_sub(used + right_w + 2);
            let shown = suffix_fitting(&app.search.input, usize::from(room));
            let w = put(buf, s.x + used, s.y, room, shown, theme.status);
            let style = if app.search.error.is_some() {
                theme.error
            } else {
                theme.status
            };
            put(buf, s.x + s.width - right_w, s.y, right_w, &right, style);
            return Some(Position::new(s.x + used + w, s.y));
        }
        _ => {}
    }
    // Title │ position │ CE │ percent │ hits … help
    let mut parts: Vec<String> = Vec::new();
    let title = app.chron.title_line();
    let has_title = !title.is_empty() && s.width >= 60;
    if has_title {
        parts.push(title);
    }
    if let Some((n, total)) = app.entry_position() {
        parts.push(format!("{n}/{total}"));
    } else {
        parts.push(app.rows[app.selected].label.clone());
    }
    if let RowKind::Entry(i) = app.rows[app.selected].kind {
        let e = &app.chron.entries[i];
        if let Some(ce) = e.ce {
            let mark = if e.doubts.is_empty() { "" } else { "?" };
            parts.push(format!("{}{mark}", ce_label(ce)));
        }
        if let Some(reign) = crate::view::reign(app.chron, e) {
            parts.push(reign);
        }
    }
    if app.areas.detail.is_some() {
        parts.push(format!("{}%", app.scroll_percent()));
    }
    if let Some(i) = app.search.current {
        parts.push(format!("hit {}/{}", i + 1, app.search.hits.len()));
    }
    let keys = format!(
        "{} help  {} quit",
        hint(Scope::Browse, &Action::Help),
        hint(Scope::Browse, &Action::Quit)
    );
    let hint_w = str_width(&keys) as u16;
    let mut x = s.x + 1;
    let limit = s.x + s.width;
    let message = app.message.as_ref();
    if let Some(m) = message.filter(|m| m.error) {
        // A problem gets the whole line.
        put(
            buf,
            s.x + 1,
            s.y,
            s.width.saturating_sub(1),
            &m.text,
            theme.error,
        );
        return None;
    }
    let right_reserved = if message.is_some() { 0 } else { hint_w + 2 };
    // The title gives way first: the counters after it, and the message or the key hint,
    // keep their room; a title squeezed below a few columns is left out.
    if has_title {
        let rest: u16 = parts[1..].iter().map(|p| str_width(p) as u16 + 3).sum();
        let reserve = match message {
            Some(m) => (str_width(&m.text) as u16 + 3).min(s.width / 2),
            None => right_reserved,
        };
        let room = s.width.saturating_sub(1 + rest + reserve);
        if room < 8 {
            parts.remove(0);
        } else if str_width(&parts[0]) as u16 > room {
            let cut = prefix_fitting(&parts[0], usize::from(room - 1)).to_owned();
            parts[0] = format!("{cut}…");
        }
    }
    for (i, p) in parts.iter().enumerate() {
        let sep = if i == 0 { "" } else { " │ " };
        let room = limit.saturating_sub(x + right_reserved);
        if room == 0 {
            break;
        }
        x += put(buf, x, s.y, room, &format!("{sep}{p}"), theme.status);
    }
    if let Some(m) = message {
        let style = if m.error {
            theme.error
        } else {
            theme.status.patch(theme.heading)
        };
        let room = limit.saturating_sub(x + 3);
        if room > 0 {
            put(buf, x, s.y, 3, "   ", theme.status);
            put(buf, x + 3, s.y, room, &m.text, style);
        }
    } else if s.width > hint_w + 2 && x + hint_w + 1 < limit {
        put(buf, limit - hint_w - 1, s.y, hint_w, &keys, theme.status);
    }
    None
}
