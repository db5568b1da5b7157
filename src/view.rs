//! How the chronicle is presented, shared by the reader and the command line so both say
//! and break things identically: an entry's (or any segment's) paragraphs laid out in a
//! given number of columns ([`lay_out`], [`lay_out_entry`]), an entry's heading line
//! ([`heading_line`]) and the name of whatever holds a byte of the text
//! ([`place_label`]); a bilingual entry's two sides laid out line for line
//! ([`lay_out_side`]). Pure functions of the model; no terminal code lives here.

use std::ops::Range;

use crate::layout::{self, sanitize};
use crate::model::bilingual::{Side, Unit};
use crate::model::query::ce_label;
use crate::model::reading::Reading;
use crate::model::{CeSource, Chronicle, Doubt, Entry, SegmentKind, Span, ganzhi, paragraphs};

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
    /// The blank line between paragraphs, before the one starting at byte `at`.
    fn gap_at(at: usize) -> DocLine {
        DocLine {
            start: at,
            end: at,
            indent: 0,
            width: 0,
            first: false,
        }
    }

    /// The byte range shown.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
    /// Whether this is the blank line between paragraphs.
    pub fn is_gap(&self) -> bool {
        self.start == self.end && !self.first
    }
}

/// The indent of a paragraph's first line in `width` columns: none when the width is too
/// narrow to spare it.
fn paragraph_indent(width: usize) -> usize {
    if width >= 6 * PARAGRAPH_INDENT {
        PARAGRAPH_INDENT
    } else {
        0
    }
}

/// Lay out the paragraphs of `text[range]` in `width` columns: each paragraph starts with
/// an indent (when the width allows one) and paragraphs are separated by a blank line
/// when `gap` is set. Offsets are into `text`.
pub fn lay_out(text: &str, range: Range<usize>, width: usize, gap: bool) -> Vec<DocLine> {
    let width = width.max(1);
    let indent = paragraph_indent(width);
    let mut out = Vec::new();
    for para in paragraphs(text, Span::new(range.start, range.end)) {
        if gap && !out.is_empty() {
            out.push(DocLine::gap_at(para.start));
        }
        let body = &text[para.range()];
        // The lines go straight into `out`: no vector of the paragraph's lines besides it
        // (a long paragraph at width 1 has a line per character).
        let first = out.len();
        layout::wrap_each(body, width, indent, |l| {
            let is_first = out.len() == first;
            out.push(DocLine {
                start: para.start + l.start,
                end: para.start + l.end,
                indent: if is_first { indent } else { 0 },
                width: l.width,
                first: is_first,
            });
        });
    }
    out
}

/// An entry as the reader and `annals show` present it: its text (heading as written
/// included), then the collation notes its markers point to — the notes section's
/// heading and each note — as further paragraphs. Offsets are into the reading view;
/// the notes come after the entry in the text, so offsets still grow line by line.
pub fn lay_out_entry(c: &Chronicle, reading: &Reading, entry: usize, width: usize) -> Vec<DocLine> {
    lay_out_entry_with(c, reading, entry, width, &[]).0
}

/// [`lay_out_entry`], with text that is not in the source shown in the entry's text after
/// given reading offsets (the dates of time marks), in order. See [`lay_out_with`].
pub fn lay_out_entry_with(
    c: &Chronicle,
    reading: &Reading,
    entry: usize,
    width: usize,
    inserts: &[Insert],
) -> (Vec<DocLine>, Vec<Inline>) {
    let e = &c.entries[entry];
    let text = reading.text();
    let (mut lines, inlines) =
        lay_out_with(text, reading.span_to_reading(e.span), width, true, inserts);
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
    (lines, inlines)
}

/// Text shown in a laid-out line that is not in the source (a time mark's date), after
/// the text's byte `at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inline {
    /// The line it is on (an index into the laid-out lines).
    pub line: usize,
    /// The byte of the text it follows: it stands between the text before `at` and the
    /// text from `at` on.
    pub at: usize,
    /// What is shown.
    pub text: String,
}

/// Text to show in a laid-out paragraph that is not in the source (a time mark's date),
/// after byte `at` of the text; it stays on one line with the text from byte `from` (the
/// mark it dates: `冬十月〔690-11-07–12-05〕`) where they fit in the line together, else with
/// the character before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insert {
    /// The first byte of what it stays with (`from <= at`).
    pub from: usize,
    /// The byte it follows.
    pub at: usize,
    /// What is shown.
    pub text: String,
}

/// Word joiner: zero width, no line break on either side of it.
const JOINER: char = '\u{2060}';

/// One piece of a paragraph as laid out with inserted text: bytes `from..to` of the
/// paragraph with the inserts are the text from byte `at` on, or insert number `insert`.
struct Piece {
    from: usize,
    to: usize,
    at: usize,
    insert: Option<usize>,
    /// Text with word joiners between its characters (what an insert stays with): its
    /// bytes are the text's less the joiners'.
    joiners: bool,
}

/// [`lay_out`], with text that is not in `text` shown after given offsets: `inserts`, in
/// order. Each insert is laid out with the text, in the line's width, and stays whole and
/// with the text it dates where the two fit in a line, else with the character before it
/// (no break before it or inside it, as with word joiners between their characters); an
/// insert wider than the line is broken where it must be. The lines' offsets are into `text`, and each line's `width` counts
/// its inserts; the inserts come back as [`Inline`]s, in order.
pub fn lay_out_with(
    text: &str,
    range: Range<usize>,
    width: usize,
    gap: bool,
    inserts: &[Insert],
) -> (Vec<DocLine>, Vec<Inline>) {
    if inserts.is_empty() {
        return (lay_out(text, range, width, gap), Vec::new());
    }
    let width = width.max(1);
    let indent = paragraph_indent(width);
    let mut out = Vec::new();
    let mut inlines = Vec::new();
    for para in paragraphs(text, Span::new(range.start, range.end)) {
        if gap && !out.is_empty() {
            out.push(DocLine::gap_at(para.start));
        }
        // The paragraph with its inserts, each glued by word joiners, and its pieces.
        let mut joined = String::with_capacity(para.len() + 64);
        let mut pieces = Vec::new();
        let mut from = para.start;
        let mine = inserts
            .iter()
            .enumerate()
            .filter(|(_, ins)| para.start < ins.at && ins.at <= para.end);
        for (
            k,
            Insert {
                from: glue,
                at,
                text: insert,
            },
        ) in mine
        {
            // What the insert stays with: the text it dates where both fit in a line, else
            // the character before it.
            let last = text[..*at].chars().next_back().map_or(0, char::len_utf8);
            let glue = (*glue).clamp(from, *at - last.min(*at - from));
            let glue = if layout::str_width(&text[glue..*at]) + layout::str_width(insert)
                <= width.saturating_sub(indent)
            {
                glue
            } else {
                *at - last.min(*at - from)
            };
            let start = joined.len();
            joined.push_str(&text[from..glue]);
            pieces.push(Piece {
                from: start,
                to: joined.len(),
                at: from,
                insert: None,
                joiners: false,
            });
            let start = joined.len();
            for (n, c) in text[glue..*at].chars().enumerate() {
                if n > 0 {
                    joined.push(JOINER);
                }
                joined.push(c);
            }
            pieces.push(Piece {
                from: start,
                to: joined.len(),
                at: glue,
                insert: None,
                joiners: true,
            });
            let start = joined.len();
            for c in insert.chars() {
                joined.push(JOINER);
                joined.push(c);
            }
            pieces.push(Piece {
                from: start,
                to: joined.len(),
                at: *at,
                insert: Some(k),
                joiners: true,
            });
            from = *at;
        }
        let start = joined.len();
        joined.push_str(&text[from..para.end]);
        pieces.push(Piece {
            from: start,
            to: joined.len(),
            at: from,
            insert: None,
            joiners: false,
        });
        // A byte of `joined` as a byte of `text`: inside an insert, where it stands.
        let to_text = |j: usize| {
            let p = pieces
                .iter()
                .find(|p| p.from <= j && j < p.to)
                .or(pieces.last())
                .expect("a paragraph has a piece");
            match p.insert {
                Some(_) => p.at,
                None if p.joiners => {
                    let upto = &joined[p.from..j.min(p.to)];
                    p.at + upto.len() - upto.matches(JOINER).count() * JOINER.len_utf8()
                }
                None => p.at + (j.min(p.to) - p.from),
            }
        };
        for (i, l) in layout::wrap_indented(&joined, width, indent)
            .into_iter()
            .enumerate()
        {
            for p in pieces.iter().filter(|p| p.insert.is_some()) {
                let (a, b) = (l.start.max(p.from), l.end.min(p.to));
                if a < b {
                    let shown: String = joined[a..b].chars().filter(|&c| c != JOINER).collect();
                    if !shown.is_empty() {
                        inlines.push(Inline {
                            line: out.len(),
                            at: p.at,
                            text: shown,
                        });
                    }
                }
            }
            out.push(DocLine {
                start: to_text(l.start),
                end: if l.end == joined.len() {
                    para.end
                } else {
                    to_text(l.end)
                },
                indent: if i == 0 { indent } else { 0 },
                width: l.width,
                first: i == 0,
            });
        }
    }
    (out, inlines)
}

/// The laid-out text as plain lines (indentation as spaces, unsafe characters replaced by
/// visible placeholders and hidden ones left out, by [`layout::sanitize`]), for printing.
///
/// The lines are made one at a time as the iterator is read, so printing a text laid out
/// at width 1 does not hold a string per character.
pub fn to_plain_lines<'a>(
    text: &'a str,
    lines: &'a [DocLine],
) -> impl Iterator<Item = String> + 'a {
    lines.iter().map(move |l| {
        let mut s = " ".repeat(l.indent);
        s.push_str(&layout::sanitize(&text[l.range()]));
        s
    })
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
    if let (Some(t), Some(_)) = (e.table_ce, e.ce) {
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

/// A run of consecutive entries whose eras belong to one regime — a dynasty or a regime
/// of its own (唐, then 武周, then 唐 again) — with its rulers. An entry whose regime is
/// not known belongs to the run before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegimeRun {
    /// The regime (遼, 西漢, 武周 …).
    pub regime: &'static str,
    /// Its entries, as a range of entry indices.
    pub entries: Range<usize>,
    /// Its rulers in order, each with the entries counted in his years (a ruler who
    /// comes back is listed again).
    pub rulers: Vec<(&'static str, Range<usize>)>,
}

/// The runs of regimes in a chronicle's entries, in text order (see [`RegimeRun`]).
/// Entries before the first whose regime is known are in none.
pub fn regime_runs(c: &Chronicle) -> Vec<RegimeRun> {
    let mut runs: Vec<RegimeRun> = Vec::new();
    for (i, e) in c.entries.iter().enumerate() {
        let ruler = c.ruler_name(e);
        match (c.regime_name(e), runs.last_mut()) {
            (Some(g), Some(run)) if run.regime == g => run.entries.end = i + 1,
            (Some(g), _) => runs.push(RegimeRun {
                regime: g,
                entries: i..i + 1,
                rulers: Vec::new(),
            }),
            (None, Some(run)) => run.entries.end = i + 1,
            (None, None) => continue,
        }
        let run = runs.last_mut().expect("a run was just extended or begun");
        match (ruler, run.rulers.last_mut()) {
            (Some(r), Some((last, range))) if *last == r => range.end = i + 1,
            (Some(r), _) => run.rulers.push((r, i..i + 1)),
            (None, Some((_, range))) => range.end = i + 1,
            (None, None) => {}
        }
    }
    runs
}

/// The first and last CE years of entries `entries`, where they have one.
pub fn ce_span(c: &Chronicle, entries: Range<usize>) -> Option<(i32, i32)> {
    let years = c.entries[entries].iter().filter_map(|e| e.ce);
    let lo = years.clone().min()?;
    Some((lo, years.max()?))
}

/// `690–705 · 15 entries` (or `690 · 1 entry`): the CE span of a run of entries and how
/// many there are (a book may skip years, or give one twice, so not a number of years).
pub fn span_text(c: &Chronicle, entries: Range<usize>) -> String {
    let n = entries.len();
    let count = format!("{n} entr{}", if n == 1 { "y" } else { "ies" });
    match ce_span(c, entries) {
        Some((a, b)) if a == b => format!("{} · {count}", ce_label(a)),
        Some((a, b)) => format!("{}–{} · {count}", ce_label(a), ce_label(b)),
        None => count,
    }
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
        // (A year refused for its 干支 says which.)
        let refused = e
            .table_ce
            .map(|t| format!("; not {}, which its name alone would give", ce_label(t)))
            .unwrap_or_default();
        return format!(
            "{}: no CE year ({}{refused})",
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
    // Which sixty-year cycle a year named by its 干支 alone is in: the one after the year
    // before, or (none before) after a date the text writes before it.
    if e.ce_source == CeSource::Ganzhi && e.era.is_none() {
        let before = c.entries[..c.entries.partition_point(|x| x.span.start < e.span.start)]
            .iter()
            .rev()
            .find_map(|x| x.ce.map(|y| (x, y)));
        s.push_str(&match before {
            Some((x, y)) => format!(" (the cycle after {} = {})", c.full_label(x), ce_label(y)),
            None => " (the cycle after a date the text writes before it)".to_owned(),
        });
    }
    if let Some(tce) = e.table_ce {
        s.push_str(&format!("; the era table has {}", ce_label(tce)));
    }
    if let Some(d) = doubts(e) {
        s.push_str(&format!("; doubtful: {d}"));
    }
    // The other count of a disputed reign (衛 悼公五年: 前451 by the 史記 年表, 前465 revised).
    let other = e
        .era
        .filter(|_| e.doubts.contains(&Doubt::Disputed))
        .and_then(|id| t.other_count_year(id, e.year));
    if let (Some(id), Some(o)) = (e.era, other) {
        let (_, name) = t.get(id).chronology().counts();
        s.push_str(&format!(" ({name}: {})", ce_label(o.get())));
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
    let name = match seg.map(|s| (s.kind, s.span)) {
        Some((SegmentKind::Volume(v), _)) => c.volumes[v].display_name(),
        Some((SegmentKind::Notes(Some(v)), span)) => {
            format!("{} {}", c.volumes[v].display_name(), c.notes_name(span))
        }
        Some((SegmentKind::Notes(None), span)) => c.notes_name(span).to_owned(),
        Some((SegmentKind::FrontMatter, _)) => "front matter".to_owned(),
        _ => "序".to_owned(),
    };
    (name, None)
}

/// One side of a bilingual entry (its originals, or its translations) laid out in `width`
/// columns so that it stands beside the other side laid out in `other_width`: each unit
/// (a paragraph and its translation) starts on the same line on both sides, the shorter
/// side padded with blank lines; a blank line between units. Offsets are into the reading
/// view and grow line by line (padding lines sit where their side's text stops).
pub fn lay_out_side(
    reading: &Reading,
    units: &[Unit],
    side: Side,
    width: usize,
    other_width: usize,
) -> Vec<DocLine> {
    let text = reading.text();
    let lay = |spans: &[Span], width: usize| -> Vec<DocLine> {
        let mut lines: Vec<DocLine> = Vec::new();
        for &s in spans {
            let range = reading.span_to_reading(s);
            if !lines.is_empty() {
                lines.push(blank(range.start));
            }
            lines.extend(lay_out(text, range, width, true));
        }
        lines
    };
    let mut out: Vec<DocLine> = Vec::new();
    for u in units {
        let (mine, theirs) = match side {
            Side::Original => (&u.original, &u.translation),
            Side::Translation => (&u.translation, &u.original),
        };
        let Some(first) = u
            .original
            .iter()
            .chain(&u.translation)
            .map(|s| s.start)
            .min()
        else {
            continue;
        };
        let start = reading
            .to_reading(first)
            .max(out.last().map_or(0, |l| l.end));
        if !out.is_empty() {
            out.push(blank(start));
        }
        let lines = lay(mine, width);
        let height = lines.len().max(lay(theirs, other_width).len());
        let pad = lines.last().map_or(start, |l| l.end);
        let n = lines.len();
        out.extend(lines);
        out.extend((n..height).map(|_| blank(pad)));
    }
    out
}

/// A blank line at reading offset `at`.
fn blank(at: usize) -> DocLine {
    DocLine {
        start: at,
        end: at,
        indent: 0,
        width: 0,
        first: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_indent_and_gap() {
        let text = "春正月朔，有流星燭地。\n夏四月朔，日食。\n";
        let lines = lay_out(text, 0..text.len(), 24, true);
        let plain: Vec<String> = to_plain_lines(text, &lines).collect();
        assert_eq!(
            plain,
            ["    春正月朔，有流星燭", "地。", "", "    夏四月朔，日食。"]
        );
        for l in &lines {
            assert!(l.indent + l.width <= 24);
        }
    }

    /// Issue 13: a mark's date laid out after it stays on its line, whole, and counts in
    /// the line's width; the text around it is laid out as without it.
    #[test]
    fn inserts_stay_with_the_text_before_them_and_whole() {
        let text = "五月壬午朔，日有食之。\n秋，女真陷東京、黃龍府、咸、信、蘇、復、辰、海。\n";
        let at = text.find('，').unwrap();
        let date = "〔1118-05-22〕";
        let inserts = vec![Insert {
            from: at - '朔'.len_utf8(),
            at,
            text: date.to_owned(),
        }];
        for width in 1..60 {
            let (lines, inlines) = lay_out_with(text, 0..text.len(), width, true, &inserts);
            let shown: String = inlines.iter().map(|d| d.text.as_str()).collect();
            assert_eq!(shown, date, "{width}");
            assert!(inlines.iter().all(|d| d.at == at), "{width}");
            // The text is all there, in order, as without the date.
            let plain: String = lines.iter().map(|l| &text[l.range()]).collect();
            let bare: String = lay_out(text, 0..text.len(), width, true)
                .iter()
                .map(|l| &text[l.range()])
                .collect();
            assert_eq!(plain, bare, "{width}");
            for (i, l) in lines.iter().enumerate() {
                let graphemes = text[l.range()].chars().count()
                    + inlines.iter().filter(|d| d.line == i).count();
                assert!(
                    l.indent + l.width <= width || graphemes <= 1,
                    "{width}: {l:?}"
                );
            }
            // Where the date and the character before it fit in a line, they share one.
            if width >= 18 {
                assert_eq!(inlines.len(), 1, "{width}");
                let l = &lines[inlines[0].line];
                assert!(l.start < at && at <= l.end, "{width}: {l:?}");
                assert!(text[..at].ends_with('朔'));
            }
        }
        // No inserts: exactly the plain layout.
        assert_eq!(
            lay_out_with(text, 0..text.len(), 20, true, &[]),
            (lay_out(text, 0..text.len(), 20, true), Vec::new())
        );
    }

    /// A first user's fault: with the dates on, `冬十月〔690-11-07–12-05〕` broke between 十
    /// and 月. The date stays with the whole mark wherever the two fit in a line.
    #[test]
    fn inserts_stay_with_the_whole_mark() {
        let text = "改内外官所佩魚並作龜冬十月改并州文水縣為武興縣依漢豐沛例百姓子孫相承給復\n";
        let from = text.find('冬').unwrap();
        let at = text.find("改并州").unwrap();
        let date = "〔690-11-07–12-05〕";
        let inserts = vec![Insert {
            from,
            at,
            text: date.to_owned(),
        }];
        for width in 12..80 {
            let (lines, inlines) = lay_out_with(text, 0..text.len(), width, true, &inserts);
            let l = &lines[inlines[0].line];
            let fits = layout::str_width("冬十月") + layout::str_width(date)
                <= width - paragraph_indent(width);
            if fits {
                assert!(l.start <= from && at <= l.end, "{width}: {l:?}");
            }
            // Never a line of the date alone: the character before it comes with it.
            assert!(l.start < at, "{width}: {l:?}");
        }
    }

    /// Issue 11, §5: a chronicle's years in runs of one regime, an unknown regime
    /// counting with the run before it, each run with its rulers.
    #[test]
    fn runs_of_regimes_and_their_rulers() {
        let c = Chronicle::parse(
            "天授元年。春正月，大赦。\n二年。春，雨。\n神龍二年。春正月，還京。\n景龍元年。夏，旱。\n"
                .to_owned(),
        );
        let runs = regime_runs(&c);
        let names: Vec<_> = runs.iter().map(|r| (r.regime, r.entries.clone())).collect();
        assert_eq!(names, [("武周", 0..2), ("唐", 2..4)], "{:?}", c.entries);
        assert_eq!(runs[1].rulers.len(), 1);
        assert_eq!(
            span_text(&c, runs[0].entries.clone()),
            "690–691 · 2 entries"
        );
        assert_eq!(span_text(&c, 3..4), "707 · 1 entry");
        // One regime: one run.
        assert_eq!(regime_runs(&Chronicle::embedded()).len(), 1);
    }

    #[test]
    fn narrow_has_no_indent() {
        let text = "春正月朔。";
        let lines = lay_out(text, 0..text.len(), 4, false);
        // 。 may not start a line: 朔 goes down with it.
        let plain: Vec<String> = to_plain_lines(text, &lines).collect();
        assert_eq!(plain, ["春正", "月", "朔。"]);
    }
}
