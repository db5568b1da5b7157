//! How the chronicle is presented, shared by the reader and the command line so both say
//! and break things identically: an entry's (or any segment's) paragraphs laid out in a
//! given number of columns ([`lay_out`], [`lay_out_entry`]), an entry's heading line
//! ([`heading_line`]) and the name of whatever holds a byte of the text
//! ([`place_label`]). Pure functions of the model; no terminal code lives here.

use std::ops::Range;

use crate::layout::{self, sanitize};
use crate::model::query::ce_label;
use crate::model::reading::Reading;
use crate::model::{Chronicle, Entry, SegmentKind, Span, ganzhi, paragraphs};

/// Columns of first-line indentation for a paragraph (two full-width spaces).
pub const PARAGRAPH_INDENT: usize = 4;

/// One screen line of a laid-out text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocLine {
    /// Byte range of the text shown on this line (empty for a gap between paragraphs).
    pub start: usize,
    /// End of that range.
    pub end: usize,
    /// Columns of indentation before the text.
    pub indent: usize,
    /// Columns the text itself takes.
    pub width: usize,
    /// The line opens a paragraph.
    pub first: bool,
}

impl DocLine {
    /// The byte range shown.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
    /// Whether this is the blank line between paragraphs.
    pub fn is_gap(&self) -> bool {
        self.start == self.end && !self.first
    }
}

/// Lay out the paragraphs of `text[range]` in `width` columns: each paragraph starts with
/// an indent (when the width allows one) and paragraphs are separated by a blank line
/// when `gap` is set. Offsets are into `text`.
pub fn lay_out(text: &str, range: Range<usize>, width: usize, gap: bool) -> Vec<DocLine> {
    let width = width.max(1);
    let indent = if width >= 6 * PARAGRAPH_INDENT {
        PARAGRAPH_INDENT
    } else {
        0
    };
    let mut out = Vec::new();
    for para in paragraphs(text, Span::new(range.start, range.end)) {
        if gap && !out.is_empty() {
            out.push(DocLine {
                start: para.start,
                end: para.start,
                indent: 0,
                width: 0,
                first: false,
            });
        }
        let body = &text[para.range()];
        for (i, l) in layout::wrap_indented(body, width, indent)
            .into_iter()
            .enumerate()
        {
            out.push(DocLine {
                start: para.start + l.start,
                end: para.start + l.end,
                indent: if i == 0 { indent } else { 0 },
                width: l.width,
                first: i == 0,
            });
        }
    }
    out
}

/// An entry as the reader and `annals show` present it: its text (heading as written
/// included), then the collation notes its markers point to — the notes section's
/// heading and each note — as further paragraphs. Offsets are into the reading view;
/// the notes come after the entry in the text, so offsets still grow line by line.
pub fn lay_out_entry(c: &Chronicle, reading: &Reading, entry: usize, width: usize) -> Vec<DocLine> {
    let e = &c.entries[entry];
    let text = reading.text();
    let mut lines = lay_out(text, reading.span_to_reading(e.span), width, true);
    if let Some(notes) = c.notes_of(entry) {
        let spans = notes
            .heading
            .into_iter()
            .chain(notes.notes.iter().map(|&(_, s)| s));
        for span in spans {
            let range = reading.span_to_reading(span);
            let more = lay_out(text, range.clone(), width, true);
            if more.is_empty() {
                continue;
            }
            if !lines.is_empty() {
                lines.push(DocLine {
                    start: range.start,
                    end: range.start,
                    indent: 0,
                    width: 0,
                    first: false,
                });
            }
            lines.extend(more);
        }
    }
    lines
}

/// The laid-out text as plain lines (indentation as spaces, unsafe characters replaced by
/// visible placeholders), for printing.
pub fn to_plain_lines(text: &str, lines: &[DocLine]) -> Vec<String> {
    lines
        .iter()
        .map(|l| {
            let mut s = " ".repeat(l.indent);
            s.push_str(&layout::sanitize(&text[l.range()]));
            s
        })
        .collect()
}

/// The heading line of an entry: label, annotation, CE year, 干支 and parallel dates,
/// joined by ` · ` (`天慶四年 · 1114 · 甲午`).
pub fn heading_line(c: &Chronicle, e: &Entry) -> String {
    let mut s = c.full_label(e);
    if let Some(a) = e.annotation {
        s.push_str(&c.text[a.range()]);
    }
    if let Some(ce) = e.ce {
        // A year the evidence does not settle is marked, never shown plain.
        let mark = if e.doubts.is_empty() { "" } else { "?" };
        s.push_str(&format!(" · {}{mark}", ce_label(ce)));
    }
    // The 干支 as written, else the one of the CE year; and where the year was taken from
    // the book's own 干支 or annotation against the era table, the table's year.
    if let Some(g) = e.ganzhi.or(e.ce.map(ganzhi::of_year)) {
        s.push_str(&format!(" · {}", ganzhi::name(g)));
    }
    if let Some(t) = e.table_ce {
        s.push_str(&format!(" (table: {})", ce_label(t)));
    }
    if let Some(reign) = reign(c, e) {
        s.push_str(&format!(" · {reign}"));
    }
    for p in c.parallels(e) {
        s.push_str(" · ");
        s.push_str(&p.text);
    }
    sanitize(&s).into_owned()
}

/// Whose year an entry is: the regime and the ruler (`遼 天祚帝`), when its era is known.
pub fn reign(c: &Chronicle, e: &Entry) -> Option<String> {
    let regime = c.regime_name(e)?;
    Some(match c.ruler_name(e) {
        Some(r) if r != regime => format!("{regime} {r}"),
        _ => regime.to_owned(),
    })
}

/// Where an entry's CE year comes from and why it may be wrong, in a line:
/// `天慶四年 = 1114, by era + ordinal (天慶, 遼 1111–1120)`, `辛巳天赞元年 = 921, by 干支 (…);
/// the era table has 922`, `…; doubtful: earlier than the year before`.
pub fn provenance(c: &Chronicle, e: &Entry) -> String {
    let t = crate::model::EraTable::embedded();
    let Some(ce) = e.ce else {
        return format!(
            "{}: no CE year ({})",
            c.full_label(e),
            doubts(e).unwrap_or_else(|| "nothing to count it from".to_owned())
        );
    };
    let era = e.era.map(|id| {
        let era = t.get(id);
        format!(
            "{}, {} {}–{}",
            era.name(),
            t.regime(era.regime()).name(),
            ce_label(era.start().get()),
            ce_label(era.end().get())
        )
    });
    let how = e.ce_source.describe();
    let mut s = format!("{} = {}, by {how}", c.full_label(e), ce_label(ce));
    if let Some(era) = era {
        s.push_str(&format!(" ({era})"));
    }
    if let Some(tce) = e.table_ce {
        s.push_str(&format!("; the era table has {}", ce_label(tce)));
    }
    if let Some(d) = doubts(e) {
        s.push_str(&format!("; doubtful: {d}"));
    }
    sanitize(&s).into_owned()
}

/// An entry's doubts, described, if it has any.
pub fn doubts(e: &Entry) -> Option<String> {
    (!e.doubts.is_empty()).then(|| {
        e.doubts
            .iter()
            .map(|d| d.describe())
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// The label of whatever holds source byte `offset` — an entry, a volume, its notes, the
/// preface — and the entry's CE year.
pub fn place_label(c: &Chronicle, offset: usize) -> (String, Option<i32>) {
    if let Some(i) = c.entry_at(offset) {
        let e = &c.entries[i];
        return (c.full_label(e), e.ce);
    }
    let seg = c.segments.get(c.segment_at(offset));
    let name = match seg.map(|s| s.kind) {
        Some(SegmentKind::Volume(v)) => c.volumes[v].display_name(),
        Some(SegmentKind::Notes(Some(v))) => format!("{} 校勘記", c.volumes[v].display_name()),
        Some(SegmentKind::Notes(None)) => "校勘記".to_owned(),
        Some(SegmentKind::FrontMatter) => "front matter".to_owned(),
        _ => "序".to_owned(),
    };
    (name, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_indent_and_gap() {
        let text = "春正月朔，有流星燭地。\n夏四月朔，日食。\n";
        let lines = lay_out(text, 0..text.len(), 24, true);
        let plain = to_plain_lines(text, &lines);
        assert_eq!(
            plain,
            ["    春正月朔，有流星燭", "地。", "", "    夏四月朔，日食。"]
        );
        for l in &lines {
            assert!(l.indent + l.width <= 24);
        }
    }

    #[test]
    fn narrow_has_no_indent() {
        let text = "春正月朔。";
        let lines = lay_out(text, 0..text.len(), 4, false);
        // 。 may not start a line: 朔 goes down with it.
        assert_eq!(to_plain_lines(text, &lines), ["春正", "月", "朔。"]);
    }
}
