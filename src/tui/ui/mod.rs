//! Drawing. Everything here only reads the [`App`]: the text was laid out when the
//! selection or the width changed, not per frame. Every piece of text from the file goes
//! through [`crate::layout::sanitize`], so no control character reaches the terminal.
//! One module per part of the screen: `timeline`, `detail` (the text pane), `status` (the
//! status line and the prompts) and `list` (the overlays). Every key named on screen comes
//! from the keymap ([`super::keymap::hint`]).

mod detail;
mod list;
mod status;
mod timeline;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::style::Style;

use crate::layout::{prefix_fitting, sanitize};

use super::app::{App, MIN_SIZE, Mode};
use super::theme::Theme;

/// Draw the whole screen.
pub fn draw(frame: &mut Frame<'_>, app: &App<'_>, theme: &Theme) {
    let area = frame.area();
    if (area.width, area.height) != app.size {
        // The terminal changed size after the app last heard of it (a resize storm):
        // its areas do not fit this frame. Draw nothing; the pending resize event brings
        // the app up to date and draws again.
        return;
    }
    let buf = frame.buffer_mut();
    if app.areas.too_small {
        let msg = format!(
            "annals: terminal too small (need {}×{})",
            MIN_SIZE.0, MIN_SIZE.1
        );
        for (y, chunk) in [msg.as_str()].iter().enumerate() {
            if (y as u16) < area.height {
                put(buf, 0, y as u16, area.width, chunk, theme.text);
            }
        }
        return;
    }
    if let Some(t) = app.areas.timeline {
        timeline::draw(buf, app, theme, t);
    }
    if let Some(d) = app.areas.detail {
        detail::draw(buf, app, theme, d);
    }
    let cursor = status::draw(buf, app, theme);
    if let Mode::List(l) = &app.mode {
        if let Some(pos) = list::draw(buf, app, l, theme) {
            frame.set_cursor_position(pos);
        }
    } else if let Some(pos) = cursor {
        frame.set_cursor_position(pos);
    }
}

/// Write `s` (sanitized) at (x, y) in at most `max` columns; returns the columns used.
pub(super) fn put(buf: &mut Buffer, x: u16, y: u16, max: u16, s: &str, style: Style) -> u16 {
    if max == 0 {
        return 0;
    }
    let safe = sanitize(s);
    let fit = prefix_fitting(&safe, usize::from(max));
    let (end, _) = buf.set_stringn(x, y, fit, usize::from(max), style);
    end - x
}

/// Fill `width` columns at (x, y) with `style` (for selected rows and bars).
pub(super) fn fill(buf: &mut Buffer, x: u16, y: u16, width: u16, style: Style) {
    let area = buf.area;
    for cx in x..(x + width).min(area.right()) {
        if y < area.bottom() {
            buf[(cx, y)].set_style(style);
        }
    }
}
