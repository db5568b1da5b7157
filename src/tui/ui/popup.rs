//! A note too long for the status line (where a year's CE date comes from), in a box
//! just above it, its lines as the app wrapped them; a note taller than the screen ends
//! with `…` on its last line shown.

use ratatui::buffer::Buffer;

use super::{fitted, put, put_cut};
use crate::tui::app::{App, Popup};
use crate::tui::theme::Theme;

/// Draw the popup above the status line.
pub(super) fn draw(buf: &mut Buffer, app: &App<'_>, p: &Popup, theme: &Theme) {
    let status = app.areas.status;
    let width = status.width;
    // Room above the status line, less the two border rows.
    let room = usize::from(status.y).saturating_sub(2);
    if width < 5 || room == 0 {
        return;
    }
    let shown = p.lines.len().min(room);
    let height = shown as u16 + 2;
    let top = status.y - height;
    for y in top..status.y {
        for x in 0..width {
            buf[(x, y)].reset();
        }
    }
    let right = width - 1;
    for x in 0..width {
        put(buf, x, top, 1, "─", theme.border);
        put(buf, x, status.y - 1, 1, "─", theme.border);
    }
    for y in top..status.y {
        put(buf, 0, y, 1, "│", theme.border);
        put(buf, right, y, 1, "│", theme.border);
    }
    put(buf, 0, top, 1, "┌", theme.border);
    put(buf, right, top, 1, "┐", theme.border);
    put(buf, 0, status.y - 1, 1, "└", theme.border);
    put(buf, right, status.y - 1, 1, "┘", theme.border);
    put_cut(
        buf,
        2,
        top,
        width.saturating_sub(4),
        &p.title,
        theme.heading,
    );
    let style = if p.error { theme.error } else { theme.text };
    let cols = width.saturating_sub(4);
    for (i, line) in p.lines.iter().take(shown).enumerate() {
        let y = top + 1 + i as u16;
        if i + 1 == shown && shown < p.lines.len() {
            // More than the screen holds: the last line shown says so.
            let cut = format!("{line}…");
            put(buf, 2, y, cols, &fitted(&cut, usize::from(cols)), style);
        } else {
            put(buf, 2, y, cols, line, style);
        }
    }
}
