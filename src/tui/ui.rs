//! Drawing. Everything here only reads the [`App`]: the text was laid out when the
//! selection or the width changed, not per frame. Every piece of text from the file goes
//! through [`crate::layout::sanitize`], so no control character reaches the terminal.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Position;
use ratatui::style::Style;

use crate::layout::{prefix_fitting, sanitize, str_width, suffix_fitting};
use crate::model::query::ce_label;
use crate::search::Mode as SearchMode;
use crate::view::heading_line;

use super::app::{App, Focus, ListKind, Mode, Rect, RowKind, concordance_line, help_lines};
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
            super::app::MIN_SIZE.0,
            super::app::MIN_SIZE.1
        );
        for (y, chunk) in [msg.as_str()].iter().enumerate() {
            if (y as u16) < area.height {
                put(buf, 0, y as u16, area.width, chunk, theme.text);
            }
        }
        return;
    }
    if let Some(t) = app.areas.timeline {
        draw_timeline(buf, app, theme, t);
    }
    if let Some(d) = app.areas.detail {
        draw_detail(buf, app, theme, d);
    }
    let cursor = draw_status(buf, app, theme);
    if app.mode == Mode::List {
        if let Some(pos) = draw_list(buf, app, theme) {
            frame.set_cursor_position(pos);
        }
    } else if let Some(pos) = cursor {
        frame.set_cursor_position(pos);
    }
}

/// Write `s` (sanitized) at (x, y) in at most `max` columns; returns the columns used.
fn put(buf: &mut Buffer, x: u16, y: u16, max: u16, s: &str, style: Style) -> u16 {
    if max == 0 {
        return 0;
    }
    let safe = sanitize(s);
    let fit = prefix_fitting(&safe, usize::from(max));
    let (end, _) = buf.set_stringn(x, y, fit, usize::from(max), style);
    end - x
}

/// Fill `width` columns at (x, y) with `style` (for selected rows and bars).
fn fill(buf: &mut Buffer, x: u16, y: u16, width: u16, style: Style) {
    let area = buf.area;
    for cx in x..(x + width).min(area.right()) {
        if y < area.bottom() {
            buf[(cx, y)].set_style(style);
        }
    }
}

fn draw_timeline(buf: &mut Buffer, app: &App<'_>, theme: &Theme, area: Rect) {
    let side_by_side = app.areas.detail.is_some();
    let inner_w = if side_by_side {
        area.width.saturating_sub(1)
    } else {
        area.width
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
            RowKind::Volume(_) => theme.group,
            _ if row.empty => theme.dim,
            _ => theme.text,
        };
        if selected {
            let sel = if app.focus == Focus::Timeline || !side_by_side {
                theme.selected
            } else {
                theme.selected_unfocused
            };
            fill(buf, area.x, y, inner_w, sel);
            style = style.patch(sel);
        }
        // Right side: hit count and CE year.
        let ce = match row.kind {
            RowKind::Entry(e) => app.chron.entries[e].ce.map(ce_label).unwrap_or_default(),
            _ => String::new(),
        };
        let hits = app.search.per_row.get(r).copied().unwrap_or(0);
        let hits_s = if hits > 0 {
            format!("{hits}")
        } else {
            String::new()
        };
        let right_w =
            if ce.is_empty() { 0 } else { 6 } + if hits > 0 { hits_s.len() as u16 + 1 } else { 0 };
        let mut x = area.x;
        let indent = match (row.kind, row.volume) {
            (RowKind::Volume(_), _) | (_, None) => 0,
            _ => 2,
        };
        x += indent;
        let prefix = match row.kind {
            RowKind::Volume(v) if app.collapsed[v] => "▸ ",
            RowKind::Volume(_) => "▾ ",
            _ => "",
        };
        let label_max = inner_w.saturating_sub(indent + right_w + 1);
        x += put(buf, x, y, label_max, prefix, style);
        let label_max = label_max.saturating_sub(str_width(prefix) as u16);
        let used = put(buf, x, y, label_max, &row.label, style);
        if row.empty && matches!(row.kind, RowKind::Entry(_)) && used + 2 <= label_max {
            put(buf, x + used + 1, y, 1, "·", style);
        }
        let mut rx = area.x + inner_w;
        if !ce.is_empty() {
            rx = rx.saturating_sub(6);
            let ce_style = if selected { style } else { theme.dim };
            put(buf, rx, y, 6, &format!("{ce:>5} "), ce_style);
        }
        if hits > 0 {
            let w = hits_s.len() as u16;
            rx = rx.saturating_sub(w + 1);
            let count_style = if selected { style } else { theme.count };
            put(buf, rx, y, w, &hits_s, count_style);
        }
    }
}

fn draw_detail(buf: &mut Buffer, app: &App<'_>, theme: &Theme, area: Rect) {
    let text = app.areas.text;
    let row = &app.rows[app.selected];
    // The heading: label (bold), then CE, 干支 and parallel dates (dim).
    let hx = text.x;
    let hw = area.width.saturating_sub(hx - area.x);
    match row.kind {
        RowKind::Entry(i) => {
            let e = &app.chron.entries[i];
            let label = app.chron.full_label(e);
            let used = put(buf, hx, area.y, hw, &label, theme.heading);
            let full = heading_line(app.chron, e);
            let rest = full.strip_prefix(label.as_str()).unwrap_or("");
            let mut rest = rest.to_owned();
            if let Some(v) = e.volume {
                rest.push_str(&format!(" · {}", app.chron.volumes[v].display_name()));
            }
            put(
                buf,
                hx + used,
                area.y,
                hw.saturating_sub(used),
                &rest,
                theme.dim,
            );
        }
        _ => {
            put(buf, hx, area.y, hw, &row.label, theme.heading);
        }
    }
    let hits = &app.search.hits;
    let current_hit = app.search.current.and_then(|i| hits.get(i)).cloned();
    let t = app.text();
    for (n, line) in app
        .doc
        .lines
        .iter()
        .skip(app.doc.top)
        .take(usize::from(text.height))
        .enumerate()
    {
        let y = text.y + n as u16;
        if line.start == line.end {
            continue;
        }
        let mut x = text.x + line.indent as u16;
        let max_x = text.x + text.width;
        // Style boundaries inside the line: marks and hits.
        let mut cuts = vec![line.start, line.end];
        let mi = app.marks.partition_point(|m| m.end <= line.start);
        let marks: Vec<_> = app.marks[mi..]
            .iter()
            .take_while(|m| m.start < line.end)
            .collect();
        for m in &marks {
            cuts.push(m.start.clamp(line.start, line.end));
            cuts.push(m.end.clamp(line.start, line.end));
        }
        let hi = hits.partition_point(|h| h.end <= line.start);
        let line_hits: Vec<_> = hits[hi..]
            .iter()
            .take_while(|h| h.start < line.end)
            .collect();
        for h in &line_hits {
            cuts.push(h.start.clamp(line.start, line.end));
            cuts.push(h.end.clamp(line.start, line.end));
        }
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            if a >= b || !t.is_char_boundary(a) || !t.is_char_boundary(b) {
                continue;
            }
            let in_hit = line_hits.iter().any(|h| h.start <= a && a < h.end);
            let is_current = current_hit
                .as_ref()
                .is_some_and(|h| h.start <= a && a < h.end);
            let mark = marks.iter().find(|m| m.start <= a && a < m.end);
            let style = if is_current {
                theme.current_hit
            } else if in_hit {
                theme.hit
            } else if let Some(m) = mark {
                if m.start == app.cursor {
                    theme.current_mark
                } else {
                    theme.mark
                }
            } else if a >= row.range.end {
                // The collation notes shown after an entry are quieter than its text.
                theme.dim
            } else {
                theme.text
            };
            x += put(buf, x, y, max_x.saturating_sub(x), &t[a..b], style);
        }
    }
    if app.doc.lines.is_empty() {
        put(buf, text.x, text.y, text.width, "（無記事）", theme.dim);
    }
}

/// The status line, or the open prompt; returns where the cursor goes (for prompts).
fn draw_status(buf: &mut Buffer, app: &App<'_>, theme: &Theme) -> Option<Position> {
    let s = app.areas.status;
    if s.height == 0 {
        return None;
    }
    fill(buf, s.x, s.y, s.width, theme.status);
    match app.mode {
        Mode::Jump => {
            let used = put(buf, s.x, s.y, s.width, ":", theme.status);
            let shown = suffix_fitting(
                &app.jump_input,
                usize::from(s.width.saturating_sub(used + 1)),
            );
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
        Mode::Search => {
            let mode = match app.search.mode {
                SearchMode::Folded => "繁簡",
                SearchMode::Exact => "exact",
                SearchMode::Regex => "regex",
            };
            let info = if let Some(e) = &app.search.error {
                format!(" {e}")
            } else if app.search.input.is_empty() {
                " Enter keep · Esc cancel · ^E exact · ^R regex".to_owned()
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
        if let Some(ce) = app.chron.entries[i].ce {
            parts.push(ce_label(ce));
        }
    }
    if app.areas.detail.is_some() {
        parts.push(format!("{}%", app.scroll_percent()));
    }
    if let Some(i) = app.search.current {
        parts.push(format!("hit {}/{}", i + 1, app.search.hits.len()));
    }
    let hint = "? help  q quit";
    let hint_w = str_width(hint) as u16;
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
        put(buf, limit - hint_w - 1, s.y, hint_w, hint, theme.status);
    }
    None
}

/// A list overlay in a box; returns the cursor position when its filter prompt is open.
fn draw_list(buf: &mut Buffer, app: &App<'_>, theme: &Theme) -> Option<Position> {
    let l = app.list.as_ref()?;
    let (w, h) = app.size;
    let bw = w.saturating_sub(4).max(10).min(w);
    let bh = h.saturating_sub(2).max(3).min(h);
    let bx = (w - bw) / 2;
    let by = (h - bh) / 2;
    // Clear the box and draw its border.
    for y in by..by + bh {
        for x in bx..bx + bw {
            buf[(x, y)].reset();
        }
    }
    let title = match &l.kind {
        ListKind::Help => " annals — keys ".to_owned(),
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
        ListKind::Choose(v) => format!(" {} entries for this year — Enter to open ", v.len()),
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
    put(buf, bx + 2, by, bw.saturating_sub(4), &title, theme.heading);
    let footer = match &l.kind {
        ListKind::Help => " j/k scroll · Esc close ",
        ListKind::Concordance => " j/k move · Enter go · / filter · Esc close ",
        ListKind::Choose(_) => " j/k move · Enter open · Esc close ",
    };
    put(
        buf,
        bx + 2,
        by + bh - 1,
        bw.saturating_sub(4),
        footer,
        theme.dim,
    );
    let inner = Rect {
        x: bx + 2,
        y: by + 1,
        width: bw.saturating_sub(4),
        height: bh.saturating_sub(2),
    };
    let rows = usize::from(inner.height).min(app.list_height());
    match &l.kind {
        ListKind::Help => {
            let lines = help_lines();
            for (n, (keys, help)) in lines.iter().skip(l.offset).take(rows).enumerate() {
                let y = inner.y + n as u16;
                if keys.is_empty() {
                    put(buf, inner.x, y, inner.width, help, theme.heading);
                } else {
                    put(buf, inner.x + 1, y, 12, keys, theme.group);
                    put(
                        buf,
                        inner.x + 14,
                        y,
                        inner.width.saturating_sub(14),
                        help,
                        theme.text,
                    );
                }
            }
        }
        ListKind::Concordance => {
            let label_w = 16u16.min(inner.width / 4);
            let ctx_total = inner.width.saturating_sub(label_w + 7);
            for (n, &i) in l.items.iter().skip(l.offset).take(rows).enumerate() {
                let y = inner.y + n as u16;
                let selected = l.offset + n == l.selected;
                let line = concordance_line(app, i, usize::from(ctx_total));
                let base = if selected { theme.selected } else { theme.text };
                if selected {
                    fill(buf, inner.x, y, inner.width, theme.selected);
                }
                put(buf, inner.x, y, label_w, &line.label, base);
                let ce = line.ce.map(ce_label).unwrap_or_default();
                put(
                    buf,
                    inner.x + label_w + 1,
                    y,
                    5,
                    &format!("{ce:>5}"),
                    if selected { base } else { theme.dim },
                );
                let hit_w = (str_width(&line.hit) as u16).min(ctx_total);
                let left_w = (ctx_total - hit_w) / 2;
                let right_w = ctx_total - hit_w - left_w;
                let left = suffix_fitting(&line.left, usize::from(left_w));
                let lx = inner.x + label_w + 7 + left_w - str_width(left) as u16;
                put(buf, lx, y, left_w, left, base);
                let hx = inner.x + label_w + 7 + left_w;
                let used = put(buf, hx, y, hit_w, &line.hit, theme.current_hit);
                put(buf, hx + used, y, right_w, &line.right, base);
            }
            if l.items.is_empty() {
                put(
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
                put(
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
        let shown = suffix_fitting(&l.filter, usize::from(bw.saturating_sub(used + 5)));
        let w = put(
            buf,
            bx + 2 + used,
            y,
            bw.saturating_sub(used + 4),
            shown,
            theme.status,
        );
        return Some(Position::new(bx + 2 + used + w, y));
    }
    None
}
