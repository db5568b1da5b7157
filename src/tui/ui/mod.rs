//! Drawing. Everything here only reads the [`App`]: the text was laid out when the
//! selection or the width changed, not per frame. Every piece of text from the file goes
//! through [`crate::layout::sanitize`], so no control character reaches the terminal.
//! One module per part of the screen: `timeline`, `detail` (the text pane), `status` (the
//! status line and the prompts), `list` (the overlays) and `popup` (a note above the
//! status line). Every key named on screen comes from the keymap
//! ([`super::keymap::hint`]).

mod detail;
mod list;
pub mod parallel;
mod popup;
mod status;
mod timeline;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::style::Style;

use std::borrow::Cow;

use crate::layout::{prefix_fitting, sanitize, str_width, suffix_fitting};

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
        for (y, line) in too_small(area.width, area.height).iter().enumerate() {
            put(buf, 0, y as u16, area.width, line, theme.text);
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
    if let Some(p) = &app.popup {
        popup::draw(buf, app, p, theme);
    }
    if let Mode::List(l) = &app.mode {
        if let Some(pos) = list::draw(buf, app, l, theme) {
            frame.set_cursor_position(pos);
        }
    } else if let Some(pos) = cursor {
        frame.set_cursor_position(pos);
    }
}

/// What the reader says on a screen too small to draw in: the longest of a few ever
/// shorter sayings that fits `width`×`height`, broken into lines between words, never
/// inside one (the full one at 19×4 is `annals: terminal` / `too small (need` / `20×5)`).
pub fn too_small(width: u16, height: u16) -> Vec<String> {
    let need = format!("{}×{}", MIN_SIZE.0, MIN_SIZE.1);
    let sayings = [
        format!("annals: terminal too small (need {need})"),
        format!("terminal too small (need {need})"),
        format!("too small (need {need})"),
        "too small".to_owned(),
        need,
    ];
    let (width, height) = (usize::from(width), usize::from(height));
    sayings
        .iter()
        .find_map(|s| {
            let lines = break_between_words(s, width)?;
            (lines.len() <= height).then_some(lines)
        })
        .unwrap_or_else(|| vec!["…".to_owned()])
}

/// `s` broken into lines of at most `width` columns between its words, filled greedily;
/// `None` if a word is wider than that.
fn break_between_words(s: &str, width: usize) -> Option<Vec<String>> {
    let mut lines: Vec<String> = Vec::new();
    for word in s.split(' ') {
        let w = str_width(word);
        if w > width {
            return None;
        }
        match lines.last_mut() {
            Some(line) if str_width(line) + 1 + w <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    Some(lines)
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

/// Write `s` at (x, y) in at most `max` columns, as [`put`] does, except that a text that
/// does not fit is cut to end with `…` ([`fitted`]): a cut never passes for the whole.
/// Returns the columns used.
pub(super) fn put_cut(buf: &mut Buffer, x: u16, y: u16, max: u16, s: &str, style: Style) -> u16 {
    let safe = sanitize(s);
    put(buf, x, y, max, &fitted(&safe, usize::from(max)), style)
}

/// Write pieces of text in their styles one after another from (x, y), in at most `max`
/// columns altogether; when they do not fit, the whole is cut as [`fitted`] cuts it and
/// each piece keeps its style up to the `…`. Returns the columns used.
pub(super) fn put_pieces_cut(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max: u16,
    pieces: &[(&str, Style)],
) -> u16 {
    let whole: String = pieces.iter().map(|(s, _)| sanitize(s)).collect();
    let shown = fitted(&whole, usize::from(max));
    let mut rest = shown.as_ref();
    let mut used = 0;
    for (s, style) in pieces {
        // A cut inside this piece: it takes the `…` too.
        let mut n = sanitize(s).len().min(rest.len());
        while !rest.is_char_boundary(n) {
            n += 1;
        }
        let (piece, after) = rest.split_at(n);
        used += put(buf, x + used, y, max - used, piece, *style);
        rest = after;
    }
    // The `…` of a cut, in the style of the piece it cut.
    if !rest.is_empty() {
        let style = pieces.last().map_or(Style::default(), |p| p.1);
        used += put(buf, x + used, y, max - used, rest, style);
    }
    used
}

/// `s` as it fits in `cols` columns: whole when it fits, else its longest beginning that
/// leaves a column for `…`, then `…`. A cut does not split a word of Latin letters or
/// digits (it goes back to the space before the word, unless the word is all there is), and
/// no space or ` · ` is left dangling before the `…`.
pub(super) fn fitted(s: &str, cols: usize) -> Cow<'_, str> {
    if str_width(s) <= cols {
        return Cow::Borrowed(s);
    }
    if cols == 0 {
        return Cow::Borrowed("");
    }
    let mut head = prefix_fitting(s, cols - 1);
    let word = |c: char| c.is_ascii_alphanumeric();
    let splits_a_word = head.chars().next_back().is_some_and(word)
        && s[head.len()..].chars().next().is_some_and(word);
    if splits_a_word {
        let whole_words = head.trim_end_matches(word);
        if !whole_words.trim().is_empty() {
            head = whole_words;
        }
    }
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || c == '·' || c == '│');
    Cow::Owned(format!("{head}…"))
}

/// The end of `s` as it fits in `cols` columns, for a prompt's input (the end is where the
/// cursor is): whole when it fits, else `…` and as much of its end as fits after that.
pub(super) fn fitted_tail(s: &str, cols: usize) -> Cow<'_, str> {
    if str_width(s) <= cols {
        return Cow::Borrowed(s);
    }
    if cols == 0 {
        return Cow::Borrowed("");
    }
    Cow::Owned(format!("…{}", suffix_fitting(s, cols - 1)))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_ends_with_an_ellipsis_and_keeps_words_whole() {
        assert_eq!(fitted("天慶五年", 8), "天慶五年");
        assert_eq!(fitted("天慶五年", 7), "天慶五…");
        assert_eq!(fitted("天慶五年", 6), "天慶…");
        assert_eq!(fitted("天慶五年 · 1115 · 乙未", 12), "天慶五年…");
        assert_eq!(
            fitted("no entry for 1300; this text covers", 20),
            "no entry for 1300;…"
        );
        assert_eq!(fitted("wrapped to top", 9), "wrapped…");
        // A single word longer than the room is cut inside.
        assert_eq!(fitted("concordance", 5), "conc…");
        assert_eq!(fitted("abc", 1), "…");
        assert_eq!(fitted("abc", 0), "");
        for cols in 0..30 {
            let f = fitted("契丹國志 卷十 天祚皇帝上 · 葉隆禮", cols);
            assert!(str_width(&f) <= cols, "{cols}: {f}");
        }
    }

    #[test]
    fn the_too_small_message_fits_any_size_in_whole_words() {
        assert_eq!(
            too_small(19, 4),
            ["annals: terminal", "too small (need", "20×5)"]
        );
        assert_eq!(too_small(40, 1), ["annals: terminal too small (need 20×5)"]);
        assert_eq!(too_small(21, 1), ["too small (need 20×5)"]);
        assert_eq!(too_small(19, 1), ["too small"]);
        assert_eq!(too_small(12, 1), ["too small"]);
        assert_eq!(too_small(5, 2), ["too", "small"]);
        assert_eq!(too_small(4, 1), ["20×5"]);
        assert_eq!(too_small(3, 4), ["…"]);
        assert_eq!(too_small(1, 1), ["…"]);
        for w in 1..=40 {
            for h in 1..=6 {
                let lines = too_small(w, h);
                assert!(lines.len() <= usize::from(h), "{w}×{h}: {lines:?}");
                for l in &lines {
                    assert!(str_width(l) <= usize::from(w), "{w}×{h}: {lines:?}");
                }
            }
        }
    }

    #[test]
    fn pieces_keep_their_styles_up_to_the_cut() {
        use ratatui::layout::Rect;
        use ratatui::style::Modifier;
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let dim = Style::default().add_modifier(Modifier::DIM);
        for max in 0..40u16 {
            let mut buf = Buffer::empty(Rect::new(0, 0, 40, 1));
            let pieces = [("天慶五年", bold), (" · 1115 · 乙未 · 遼 天祚帝", dim)];
            let used = put_pieces_cut(&mut buf, 0, 0, max, &pieces);
            assert!(used <= max);
            let mut shown = String::new();
            let mut x = 0;
            while x < used {
                let sym = buf[(x, 0)].symbol();
                shown.push_str(sym);
                x += str_width(sym).max(1) as u16;
            }
            let want = fitted("天慶五年 · 1115 · 乙未 · 遼 天祚帝", usize::from(max));
            assert_eq!(shown, want.as_ref(), "{max}");
            if max >= 4 {
                assert_eq!(buf[(0, 0)].modifier, Modifier::BOLD, "{max}");
            }
            if max >= 16 {
                assert_eq!(buf[(11, 0)].modifier, Modifier::DIM, "{max}");
            }
        }
        // A cut a column into a short first piece.
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        put_pieces_cut(&mut buf, 0, 0, 3, &[("abc", bold), ("de", dim)]);
    }

    #[test]
    fn a_prompt_shows_the_end_of_its_input() {
        assert_eq!(fitted_tail("天慶五年", 8), "天慶五年");
        assert_eq!(fitted_tail("天慶五年", 7), "…慶五年");
        assert_eq!(fitted_tail("天慶五年", 6), "…五年");
        assert_eq!(fitted_tail("1115", 3), "…15");
        assert_eq!(fitted_tail("1115", 0), "");
    }
}
