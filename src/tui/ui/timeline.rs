//! The timeline: one row per year (and preface, volume, notes, and in a book of several
//! regimes a row where each run of a regime's years begins), with CE years and hit counts
//! on the right; the selection highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{fill, put, put_cut};
use crate::layout::str_width;
use crate::model::query::ce_label;
use crate::tui::app::{App, Focus, RowKind};
use crate::tui::theme::Theme;

/// Columns for a year: six (前1234), then one for the doubt mark `?`.
const YEAR_W: u16 = 6;

/// Draw the timeline in `area`.
pub(super) fn draw(buf: &mut Buffer, app: &App<'_>, theme: &Theme, area: Rect) {
    let side_by_side = app.areas.detail.is_some();
    // Beside the text, the last column is the separator; the row before it ends with a
    // blank column, so that no year touches it.
    let (row_w, inner_w) = if side_by_side {
        (area.width.saturating_sub(1), area.width.saturating_sub(2))
    } else {
        (area.width, area.width)
    };
    if side_by_side {
        for y in area.y..area.y + area.height {
            put(buf, area.x + area.width - 1, y, 1, "│", theme.border);
        }
    }
    for i in 0..usize::from(area.height) {
        let pos = app.timeline_top + i;
        let Some(&r) = app.visible.get(pos) else {
            break;
        };
        let row = &app.rows[r];
        let y = area.y + i as u16;
        let selected = r == app.selected;
        let mut style = match row.kind {
            RowKind::Volume(_) | RowKind::Dynasty(_) => theme.group,
            _ if row.empty => theme.dim,
            _ => theme.text,
        };
        if selected {
            let sel = if app.focus == Focus::Timeline || !side_by_side {
                theme.selected
            } else {
                theme.selected_unfocused
            };
            fill(buf, area.x, y, row_w, sel);
            style = style.patch(sel);
        }
        // Right side: hit count and CE year; a doubtful year is marked `?`, a year with
        // none `?` alone.
        let (ce, doubtful) = match row.kind {
            RowKind::Entry(e) => {
                let e = &app.chron.entries[e];
                (
                    e.ce.map(ce_label).unwrap_or_else(|| "?".to_owned()),
                    !e.doubts.is_empty() || e.ce.is_none(),
                )
            }
            // A dynasty: the first year of its run.
            RowKind::Dynasty(g) => (
                app.dynasties[g].first_ce.map(ce_label).unwrap_or_default(),
                false,
            ),
            _ => (String::new(), false),
        };
        let hits = app.search.per_row.get(r).copied().unwrap_or(0);
        let hits_s = if hits > 0 {
            format!("{hits}")
        } else {
            String::new()
        };
        // The label may run into the year's columns that the year leaves blank, unless a
        // hit count stands before them.
        let ce_w = str_width(&ce) as u16;
        let right_w = match (ce.is_empty(), hits > 0) {
            (true, false) => 0,
            (false, false) => ce_w + 1,
            (true, true) => hits_s.len() as u16 + 1,
            (false, true) => YEAR_W + 1 + hits_s.len() as u16 + 1,
        };
        let mut x = area.x;
        let indent = match (row.kind, row.volume) {
            (RowKind::Volume(_) | RowKind::Dynasty(_), _) | (_, None) => 0,
            _ => 2,
        };
        x += indent;
        let prefix = match row.kind {
            RowKind::Volume(v) if app.collapsed[v] => "▸ ",
            RowKind::Volume(_) => "▾ ",
            RowKind::Dynasty(g) if app.collapsed_dynasties[g] => "▸ ",
            RowKind::Dynasty(_) => "▾ ",
            _ => "",
        };
        let label_max = inner_w.saturating_sub(indent + right_w + 1);
        x += put(buf, x, y, label_max, prefix, style);
        let label_max = label_max.saturating_sub(str_width(prefix) as u16);
        let used = put_cut(buf, x, y, label_max, &row.label, style);
        if row.empty && matches!(row.kind, RowKind::Entry(_)) && used + 2 <= label_max {
            put(buf, x + used + 1, y, 1, "·", style);
        }
        let mut rx = area.x + inner_w;
        if !ce.is_empty() {
            // The year right-aligned in its columns, then the doubt mark; the column before
            // the separator stays blank.
            rx = rx.saturating_sub(YEAR_W + 1);
            let ce_style = if selected { style } else { theme.dim };
            let pad = YEAR_W.saturating_sub(ce_w);
            put(buf, rx + pad, y, YEAR_W - pad, &ce, ce_style);
            if doubtful && ce != "?" {
                let mark_style = if selected { style } else { theme.error };
                put(buf, rx + YEAR_W, y, 1, "?", mark_style);
            }
        }
        if hits > 0 {
            let w = hits_s.len() as u16;
            rx = rx.saturating_sub(w + 1);
            let count_style = if selected { style } else { theme.count };
            put(buf, rx, y, w, &hits_s, count_style);
        }
    }
}
