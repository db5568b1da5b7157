//! Drawing two panes and their joint timeline: each row a CE year with each text's label
//! for it (`1115 │ 天慶五年 │ 乙未天庆五年`), `—` where a text lacks it, `?` where a year is
//! doubtful, hit counts beside the labels; each pane as the one-text reader draws its text
//! pane, under a line naming its text — or, for a pane showing its nearest year, dimmed
//! under a note saying so. Only reads the [`ParallelApp`].

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;

use super::{detail, fill, fitted_tail, list, put, put_cut, status};
use crate::layout::str_width;
use crate::model::align::JointRow;
use crate::model::query::ce_label;
use crate::search::Mode as SearchMode;
use crate::tui::action::Action;
use crate::tui::app::{Mode, Pairing, ParallelApp, ParallelFocus, ParallelMode};
use crate::tui::keymap::{Scope, hint};
use crate::tui::theme::Theme;

/// Columns of a CE year (`前1234`), then its doubt mark.
const YEAR_W: u16 = 6;

/// Draw the whole screen of two panes.
pub fn draw(frame: &mut Frame<'_>, app: &ParallelApp<'_>, theme: &Theme) {
    let area = frame.area();
    if (area.width, area.height) != app.size {
        return;
    }
    let buf = frame.buffer_mut();
    if app.areas.too_small {
        for (y, line) in super::too_small(area.width, area.height).iter().enumerate() {
            put(buf, 0, y as u16, area.width, line, theme.text);
        }
        return;
    }
    if let Some(t) = app.areas.timeline {
        draw_timeline(buf, app, theme, t);
    }
    for k in 0..2 {
        if let Some(r) = app.areas.panes[k] {
            draw_pane(buf, app, k, theme, r);
        }
    }
    if let (Some(a), Some(b)) = (app.areas.panes[0], app.areas.panes[1]) {
        if app.areas.stacked {
            for x in a.x..a.x + a.width {
                put(buf, x, a.y + a.height, 1, "─", theme.border);
            }
        } else {
            for y in a.y..a.y + a.height {
                put(buf, b.x - 1, y, 1, "│", theme.border);
            }
        }
    }
    let cursor = draw_status(buf, app, theme);
    if let Some(k) = app.overlay {
        if let Mode::List(l) = &app.panes[k].mode {
            if let Some(pos) = list::draw(buf, &app.panes[k], l, theme) {
                frame.set_cursor_position(pos);
            }
        }
    } else if let Some(pos) = cursor {
        frame.set_cursor_position(pos);
    }
}

/// The joint timeline in `area`, its last column the separator from the panes.
fn draw_timeline(buf: &mut Buffer, app: &ParallelApp<'_>, theme: &Theme, area: Rect) {
    let beside = app.areas.panes.iter().any(Option::is_some);
    let (row_w, inner_w) = if beside {
        for y in area.y..area.y + area.height {
            put(buf, area.x + area.width - 1, y, 1, "│", theme.border);
        }
        (area.width.saturating_sub(1), area.width.saturating_sub(2))
    } else {
        (area.width, area.width)
    };
    let label_x = area.x + YEAR_W + 1 + 2;
    let labels_w = inner_w.saturating_sub(YEAR_W + 1 + 2);
    for i in 0..area.height {
        let r = app.timeline_top + usize::from(i);
        let Some(row) = app.rows.get(r) else {
            break;
        };
        let y = area.y + i;
        let selected = r == app.selected;
        let mut style = theme.text;
        if selected {
            let sel = if app.focus == ParallelFocus::Timeline {
                theme.selected
            } else {
                theme.selected_unfocused
            };
            fill(buf, area.x, y, row_w, sel);
            style = style.patch(sel);
        }
        let year = match row {
            JointRow::Gap(n) => {
                let label = crate::tui::app::gap_label(*n);
                put_cut(buf, label_x, y, labels_w, &label, style.patch(theme.dim));
                continue;
            }
            JointRow::Year(y) => y,
        };
        let dim = if selected { style } else { theme.dim };
        let ce = year.ce.map(ce_label).unwrap_or_else(|| "?".to_owned());
        let pad = YEAR_W.saturating_sub(str_width(&ce) as u16);
        put(buf, area.x + pad, y, YEAR_W - pad, &ce, dim);
        let doubtful = (0..2).any(|k| {
            let c = app.panes[k].chron;
            year.entries[k]
                .iter()
                .any(|&i| !c.entries[i].doubts.is_empty())
        });
        if doubtful && year.ce.is_some() {
            let mark = if selected { style } else { theme.error };
            put(buf, area.x + YEAR_W, y, 1, "?", mark);
        }
        put(buf, area.x + YEAR_W + 1, y, 1, "│", dim);
        let columns: Vec<(u16, u16)> = match app.pairing {
            Pairing::Paragraphs => vec![(label_x, labels_w)],
            Pairing::Years => {
                // Each text's column as wide as its widest label, the room short of that
                // shared in proportion.
                let [a, b] = app.label_widths;
                let room = labels_w.saturating_sub(3);
                let w = if a + b <= room {
                    a
                } else {
                    (u32::from(room) * u32::from(a) / u32::from((a + b).max(1))) as u16
                };
                put(buf, label_x + w + 1, y, 1, "│", dim);
                vec![
                    (label_x, w),
                    (label_x + w + 3, labels_w.saturating_sub(w + 3)),
                ]
            }
        };
        for (k, &(x, w)) in columns.iter().enumerate() {
            let label = app.side_label(year, k);
            let hits = app.hits_in(year, k);
            let count = if hits > 0 {
                format!(" {hits}")
            } else {
                String::new()
            };
            let room = w.saturating_sub(str_width(&count) as u16);
            let label_style = if year.has(k) { style } else { dim };
            let used = put_cut(buf, x, y, room, &label, label_style);
            if hits > 0 {
                let count_style = if selected { style } else { theme.count };
                put(buf, x + used, y, w - used, &count, count_style);
            }
        }
    }
}

/// Pane `k` in `area`: its text as the one-text reader draws it, the line under its
/// heading naming its text (or, showing its nearest year, the note saying so: the pane
/// is then dimmed).
fn draw_pane(buf: &mut Buffer, app: &ParallelApp<'_>, k: usize, theme: &Theme, area: Rect) {
    let pane = &app.panes[k];
    detail::draw(buf, pane, theme, area);
    let focused = app.focus == ParallelFocus::Pane(k);
    let mark = if focused { "▸ " } else { "" };
    if let Some(note) = &app.nearest[k] {
        for y in area.y..area.y + area.height {
            for x in area.x..area.x + area.width {
                let cell = &mut buf[(x, y)];
                cell.set_style(cell.style().add_modifier(Modifier::DIM));
            }
        }
        if area.height > 1 {
            let x = pane.areas.text.x;
            let w = area.width.saturating_sub(x - area.x);
            put_cut(buf, x, area.y + 1, w, &format!("{mark}{note}"), theme.count);
        }
        return;
    }
    if area.height > 1 {
        let name = match app.pairing {
            Pairing::Years => app.short_title(k),
            Pairing::Paragraphs => ["原文", "譯文 (translation)"][k].to_owned(),
        };
        let style = if focused { theme.heading } else { theme.dim };
        let x = pane.areas.text.x;
        let w = area.width.saturating_sub(x - area.x);
        put_cut(buf, x, area.y + 1, w, &format!("{mark}{name}"), style);
    }
}

/// The status line or the open prompt; returns where the cursor goes.
fn draw_status(buf: &mut Buffer, app: &ParallelApp<'_>, theme: &Theme) -> Option<Position> {
    let s = app.areas.status;
    if s.height == 0 {
        return None;
    }
    fill(buf, s.x, s.y, s.width, theme.status);
    match &app.mode {
        ParallelMode::Jump {
            input,
            preview,
            example,
        } => {
            return Some(status::draw_jump(buf, theme, s, input, preview, example));
        }
        ParallelMode::Search => return Some(draw_search(buf, app, theme, s)),
        ParallelMode::Browse => {}
    }
    if let Some(m) = app.message.as_ref().filter(|m| m.error) {
        put_cut(
            buf,
            s.x + 1,
            s.y,
            s.width.saturating_sub(2),
            &m.text,
            theme.error,
        );
        return None;
    }
    let mut parts: Vec<String> = vec![app.row_label(app.selected)];
    if app.pairing == Pairing::Years {
        parts.push(if app.lock { "lock" } else { "no lock" }.to_owned());
    }
    let hits: Vec<String> = (0..2)
        .filter_map(|k| {
            let p = &app.panes[k];
            p.search
                .current
                .map(|i| format!("hit {}/{}", i + 1, p.search.hits.len()))
        })
        .collect();
    if !hits.is_empty() && app.pairing == Pairing::Years {
        parts.push(hits.join(" · "));
    }
    // The page of the lead pane, or of the other when the lead shows only its nearest
    // year.
    let lead = app.lead();
    let k = if app.nearest[lead].is_some() && app.nearest[1 - lead].is_none() {
        1 - lead
    } else {
        lead
    };
    if let Some(page) = app.panes[k].page_label() {
        parts.push(page);
    }
    let left = parts.join(" │ ");
    let limit = s.x + s.width;
    match &app.message {
        Some(m) => {
            let left_w = (str_width(&left) as u16).min(s.width / 2);
            let x = s.x + 1 + put_cut(buf, s.x + 1, s.y, left_w, &left, theme.status);
            let room = limit.saturating_sub(x + 3 + 1);
            put_cut(
                buf,
                x + 3,
                s.y,
                room,
                &m.text,
                theme.status.patch(theme.heading),
            );
        }
        None => {
            // Original and translation always scroll together: no lock to offer.
            let lock = match app.pairing {
                Pairing::Years => format!("{} lock  ", hint(Scope::Browse, &Action::ToggleLock)),
                Pairing::Paragraphs => String::new(),
            };
            let keys = format!(
                "{} pane  {lock}{} help  {} quit",
                hint(Scope::Browse, &Action::ToggleFocus),
                hint(Scope::Browse, &Action::Help),
                hint(Scope::Browse, &Action::Quit)
            );
            let kw = str_width(&keys) as u16;
            let room = s.width.saturating_sub(2);
            let show_keys = str_width(&left) as u16 + 2 + kw <= room;
            let left_room = if show_keys { room - kw - 2 } else { room };
            put_cut(buf, s.x + 1, s.y, left_room, &left, theme.status);
            if show_keys {
                put(buf, limit - kw - 1, s.y, kw, &keys, theme.status);
            }
        }
    }
    None
}

/// The `/` prompt: the pattern, and the mode and hits in each text.
fn draw_search(buf: &mut Buffer, app: &ParallelApp<'_>, theme: &Theme, s: Rect) -> Position {
    let lead = &app.panes[app.lead()];
    let mode = match lead.search.mode {
        SearchMode::Folded => "繁簡",
        SearchMode::Exact => "exact",
        SearchMode::Regex => "regex",
    };
    let info = if let Some(e) = &lead.search.error {
        format!(" {e}")
    } else if lead.search.input.is_empty() {
        format!(
            " {} keep · {} cancel",
            hint(Scope::Prompt, &Action::Confirm),
            hint(Scope::Prompt, &Action::Back)
        )
    } else if app.pairing == Pairing::Paragraphs {
        format!(" {} hits", lead.search.hits.len())
    } else {
        format!(
            " {} · {} hits",
            app.panes[0].search.hits.len(),
            app.panes[1].search.hits.len()
        )
    };
    let right = format!("[{mode}]{info}");
    let right_w = (str_width(&right) as u16).min(s.width / 2);
    let used = put(buf, s.x, s.y, s.width, "/", theme.status);
    let room = s.width.saturating_sub(used + right_w + 2);
    let shown = fitted_tail(&lead.search.input, usize::from(room));
    let w = put(buf, s.x + used, s.y, room, &shown, theme.status);
    let style = if lead.search.error.is_some() {
        theme.error
    } else {
        theme.status
    };
    put_cut(buf, s.x + s.width - right_w, s.y, right_w, &right, style);
    Position::new(s.x + used + w, s.y)
}
