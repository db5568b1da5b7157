//! The text pane: the selected year's heading, then its laid-out lines with time marks
//! and search hits highlighted, and the marks' dates after them (dimmed) when asked for.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{put, put_cut, put_pieces_cut};
use crate::tui::app::{App, NO_YEARS, RowKind};
use crate::tui::theme::Theme;
use crate::view::heading_line;

/// Draw the text pane in `area`.
pub(super) fn draw(buf: &mut Buffer, app: &App<'_>, theme: &Theme, area: Rect) {
    let text = app.areas.text;
    let row = &app.rows[app.selected];
    // The heading: label (bold), then CE, 干支 and parallel dates (dim).
    let hx = text.x;
    let hw = area.width.saturating_sub(hx - area.x);
    match row.kind {
        RowKind::Entry(i) => {
            let e = &app.chron.entries[i];
            let label = app.chron.full_label(e);
            let full = heading_line(app.chron, e);
            let mut rest = full.strip_prefix(label.as_str()).unwrap_or("").to_owned();
            if let Some(v) = e.volume {
                rest.push_str(&format!(" · {}", app.chron.volumes[v].display_name()));
            }
            put_pieces_cut(
                buf,
                hx,
                area.y,
                hw,
                &[(&label, theme.heading), (&rest, theme.dim)],
            );
        }
        // A dynasty: its span; below, its rulers.
        RowKind::Dynasty(g) => {
            let d = &app.dynasties[g];
            put_cut(buf, hx, area.y, hw, &d.heading, theme.heading);
            for (y, line) in (text.y..text.y + text.height).zip(&d.rulers) {
                put_cut(buf, text.x, y, text.width, line, theme.text);
            }
            return;
        }
        // A text with no years says so under whatever it shows.
        _ if app.chron.entries.is_empty() => {
            let note = format!(" · {NO_YEARS}");
            put_pieces_cut(
                buf,
                hx,
                area.y,
                hw,
                &[(&row.label, theme.heading), (&note, theme.dim)],
            );
        }
        _ => {
            put_cut(buf, hx, area.y, hw, &row.label, theme.heading);
        }
    }
    let hits = &app.search.hits;
    let current_hit = app.search.current.and_then(|i| hits.get(i)).cloned();
    let t = app.text();
    for (n, line) in app
        .doc
        .lines
        .iter()
        .enumerate()
        .skip(app.doc.top)
        .take(usize::from(text.height))
    {
        let y = text.y + (n - app.doc.top) as u16;
        // The marks' dates on this line.
        let from = app.doc.inlines.partition_point(|d| d.line < n);
        let inlines = &app.doc.inlines[from..];
        let inlines: Vec<_> = inlines.iter().take_while(|d| d.line == n).collect();
        if line.start == line.end && inlines.is_empty() {
            continue;
        }
        let mut x = text.x + line.indent as u16;
        let max_x = text.x + text.width;
        let dates_at = |x: &mut u16, buf: &mut Buffer, at: usize| {
            for d in inlines.iter().filter(|d| d.at == at) {
                *x += put(buf, *x, y, max_x.saturating_sub(*x), &d.text, theme.dim);
            }
        };
        // Style boundaries inside the line: marks, hits and where dates stand.
        let mut cuts = vec![line.start, line.end];
        cuts.extend(inlines.iter().map(|d| d.at.clamp(line.start, line.end)));
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
        let notes = app.reading.notes();
        let ni = notes.partition_point(|n| n.end <= line.start);
        for n in notes[ni..].iter().take_while(|n| n.start < line.end) {
            cuts.push(n.start.clamp(line.start, line.end));
            cuts.push(n.end.clamp(line.start, line.end));
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
            } else if app.reading.in_note(a) {
                // 夾注, interlinear notes: quieter than the text.
                theme.dim
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
            dates_at(&mut x, buf, a);
            x += put(buf, x, y, max_x.saturating_sub(x), &t[a..b], style);
        }
        dates_at(&mut x, buf, line.end);
    }
    if app.doc.lines.is_empty() {
        put(buf, text.x, text.y, text.width, "（無記事）", theme.dim);
    }
}
