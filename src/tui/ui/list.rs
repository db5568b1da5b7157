//! List overlays in a box: the help screen (generated from the keymap), the concordance
//! and the choice of entries; their footers name the keys from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::{fill, fitted_tail, put, put_cut};
use crate::layout::{str_width, suffix_fitting};
use crate::model::query::ce_label;
use crate::tui::action::Action;
use crate::tui::app::{App, ListKind, ListView, concordance_line};
use crate::tui::keymap::{Scope, hint};
use crate::tui::theme::Theme;
use crate::view::heading_line;

/// A list overlay in a box; returns the cursor position when its filter prompt is open.
pub(super) fn draw(
    buf: &mut Buffer,
    app: &App<'_>,
    l: &ListView,
    theme: &Theme,
) -> Option<Position> {
    let Rect {
        x: bx,
        y: by,
        width: bw,
        height: bh,
    } = app.list_box();
    // Clear the box and draw its border.
    for y in by..by + bh {
        for x in bx..bx + bw {
            buf[(x, y)].reset();
        }
    }
    let title = match &l.kind {
        ListKind::Help(_) => " annals — keys ".to_owned(),
        ListKind::Concordance => {
            let filter = if l.filter.is_empty() {
                String::new()
            } else {
                format!(" · filter: {}", l.filter)
            };
            format!(
                " concordance: {} ({} of {} hits){filter} ",
                app.search.input,
                l.items.len(),
                app.search.hits.len()
            )
        }
        ListKind::Choose(v) => format!(
            " {} entries for this year — {} to open ",
            v.len(),
            hint(Scope::List, &Action::Activate)
        ),
    };
    for x in bx..bx + bw {
        put(buf, x, by, 1, "─", theme.border);
        put(buf, x, by + bh - 1, 1, "─", theme.border);
    }
    for y in by..by + bh {
        put(buf, bx, y, 1, "│", theme.border);
        put(buf, bx + bw - 1, y, 1, "│", theme.border);
    }
    put(buf, bx, by, 1, "┌", theme.border);
    put(buf, bx + bw - 1, by, 1, "┐", theme.border);
    put(buf, bx, by + bh - 1, 1, "└", theme.border);
    put(buf, bx + bw - 1, by + bh - 1, 1, "┘", theme.border);
    put_cut(buf, bx + 2, by, bw.saturating_sub(4), &title, theme.heading);
    let key = |action| hint(Scope::List, &action);
    let (down, up, close) = (key(Action::Down), key(Action::Up), key(Action::Back));
    let footer = match &l.kind {
        ListKind::Help(_) => format!(" {down}/{up} scroll · {close} close "),
        ListKind::Concordance => format!(
            " {down}/{up} move · {} go · {} filter · {close} close ",
            key(Action::Activate),
            key(Action::OpenSearch)
        ),
        ListKind::Choose(_) => format!(
            " {down}/{up} move · {} open · {close} close ",
            key(Action::Activate)
        ),
    };
    put_cut(
        buf,
        bx + 2,
        by + bh - 1,
        bw.saturating_sub(4),
        &footer,
        theme.dim,
    );
    let inner = app.list_inner();
    let rows = usize::from(inner.height).min(app.list_height());
    match &l.kind {
        ListKind::Help(help) => {
            // Laid out for this box when it opened or the screen changed size: every line
            // fits.
            let help_x = inner.x + help.text_x;
            let help_w = (inner.x + inner.width).saturating_sub(help_x);
            for (n, line) in help.lines.iter().skip(l.offset).take(rows).enumerate() {
                let y = inner.y + n as u16;
                if line.title {
                    put_cut(buf, inner.x, y, inner.width, &line.text, theme.heading);
                } else {
                    let keys_w = help.keys_width;
                    put_cut(buf, inner.x + 1, y, keys_w, &line.keys, theme.group);
                    put_cut(buf, help_x, y, help_w, &line.text, theme.text);
                }
            }
        }
        ListKind::Concordance => {
            // Columns: the label; a space; the CE year right-aligned in six columns
            // (前1234) and its doubt mark; a space; the context, with the hit at one column
            // in every row and the text before it right-aligned against it, all by display
            // width.
            let label_w = 16u16.min(inner.width / 4);
            let ce_x = inner.x + label_w + 1;
            let ctx_x = ce_x + 7 + 1;
            let ctx_total = (inner.x + inner.width).saturating_sub(ctx_x);
            for (n, &i) in l.items.iter().skip(l.offset).take(rows).enumerate() {
                let y = inner.y + n as u16;
                let selected = l.offset + n == l.selected;
                let line = concordance_line(app, i, usize::from(ctx_total));
                let base = if selected { theme.selected } else { theme.text };
                if selected {
                    fill(buf, inner.x, y, inner.width, theme.selected);
                }
                put_cut(buf, inner.x, y, label_w, &line.label, base);
                if let Some(ce) = line.ce.map(ce_label) {
                    let dim = if selected { base } else { theme.dim };
                    let pad = 6u16.saturating_sub(str_width(&ce) as u16);
                    put(buf, ce_x + pad, y, 6 - pad, &ce, dim);
                    if line.doubtful {
                        put(
                            buf,
                            ce_x + 6,
                            y,
                            1,
                            "?",
                            if selected { base } else { theme.error },
                        );
                    }
                }
                let hit_w = (str_width(&line.hit) as u16).min(ctx_total);
                let left_w = (ctx_total - hit_w) / 2;
                let right_w = ctx_total - hit_w - left_w;
                let hx = ctx_x + left_w;
                let left = suffix_fitting(&line.left, usize::from(left_w));
                let lw = str_width(left) as u16;
                put(buf, hx - lw, y, lw, left, base);
                let used = put(buf, hx, y, hit_w, &line.hit, theme.current_hit);
                put(buf, hx + used, y, right_w, &line.right, base);
            }
            if l.items.is_empty() {
                put_cut(
                    buf,
                    inner.x,
                    inner.y,
                    inner.width,
                    "no line matches the filter",
                    theme.dim,
                );
            }
        }
        ListKind::Choose(entries) => {
            for (n, &i) in l.items.iter().skip(l.offset).take(rows).enumerate() {
                let y = inner.y + n as u16;
                let e = &app.chron.entries[entries[i]];
                let selected = l.offset + n == l.selected;
                if selected {
                    fill(buf, inner.x, y, inner.width, theme.selected);
                }
                let mut s = String::new();
                if let Some(v) = e.volume {
                    s.push_str(&app.chron.volumes[v].display_name());
                    s.push_str("  ");
                }
                s.push_str(&heading_line(app.chron, e));
                put_cut(
                    buf,
                    inner.x,
                    y,
                    inner.width,
                    &s,
                    if selected { theme.selected } else { theme.text },
                );
            }
        }
    }
    if l.filtering {
        let y = by + bh - 1;
        fill(buf, bx + 1, y, bw - 2, theme.status);
        let used = put(
            buf,
            bx + 2,
            y,
            bw.saturating_sub(4),
            "filter: ",
            theme.status,
        );
        let shown = fitted_tail(&l.filter, usize::from(bw.saturating_sub(used + 5)));
        let w = put(
            buf,
            bx + 2 + used,
            y,
            bw.saturating_sub(used + 4),
            &shown,
            theme.status,
        );
        return Some(Position::new(bx + 2 + used + w, y));
    }
    None
}
