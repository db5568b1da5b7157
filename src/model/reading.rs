//! The reading view of a text: what a reader sees and searches, with the markup of its
//! layout family hidden — markdown escapes (`\[一\]` → `[一]`), Kanripo column breaks
//! (`¶` + newline: lines joined), page markers (`<pb:…>`), and `&KR0001;` codes for
//! characters with no Unicode form (shown as 〓, the geta mark printers used for them).
//! A Kanripo text's 夾注, the notes printed in two small columns inside the text
//! (`(徐廣曰/號有熊)`, the `/` where the first small column ends), are shown in 〔〕 with
//! the split removed (`〔徐廣曰號有熊〕`), and their places kept so that the reader can dim
//! them ([`Reading::notes`]); or hidden whole ([`Notes::Hidden`]), so that neither the
//! reader nor a search sees them.
//!
//! Offsets map both ways between the reading view and the source, so a search hit in the
//! view has a byte span in the file and an entry's span in the file has its place in the
//! view. For plain texts the view is the source itself, borrowed, with no copy.

use std::borrow::Cow;
use std::ops::Range;

use super::{Format, Span};

/// `s` with its Markdown escapes left out, as the reading view shows a Markdown text: a
/// backslash before ASCII punctuation is dropped (`\(丙子\)` → `(丙子)`). Borrowed when
/// there is none.
pub fn unescape_markdown(s: &str) -> Cow<'_, str> {
    if !s.contains('\\') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|&n| is_markdown_escaped(n)) {
            continue;
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// Whether a backslash before `next` is a Markdown escape (ASCII punctuation): the one rule
/// of the view, the labels and format detection.
pub fn is_markdown_escaped(next: char) -> bool {
    next.is_ascii_punctuation()
}

/// The character shown for a `&KR…;` code (a character with no Unicode form).
pub const MISSING_CHAR: char = '〓';

/// What the view does with 夾注, a Kanripo text's interlinear notes (`(徐廣曰/號有熊)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Notes {
    /// Shown in 〔〕, the column split removed: `〔徐廣曰號有熊〕`.
    #[default]
    Shown,
    /// Left out, brackets and all.
    Hidden,
}

/// The longest 夾注 read, in bytes from its `(` (a longer one is taken as text).
const MAX_NOTE: usize = 4096;

/// One run of the view: from reading offset `r` (source offset `s`) on, either copied
/// from the source byte for byte, or standing for source text it replaces or hides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    r: usize,
    s: usize,
    copied: bool,
}

/// The reading view of a text.
#[derive(Debug, Clone)]
pub struct Reading<'a> {
    text: Cow<'a, str>,
    runs: Vec<Run>,
    source_len: usize,
    notes: Vec<Range<usize>>,
}

impl<'a> Reading<'a> {
    /// Build the view of `source`, written in layout family `format`. Linear time.
    pub fn new(source: &'a str, format: Format) -> Reading<'a> {
        let columns = match format {
            Format::Mandoku => super::segment::column_width(source, 0),
            _ => None,
        };
        Reading::with_columns(source, format, columns)
    }

    /// The view of `source` (a whole text or a part of one that starts a line), a Kanripo
    /// text's print columns being `columns` characters wide.
    pub fn with_columns(source: &'a str, format: Format, columns: Option<usize>) -> Reading<'a> {
        Reading::with_options(source, format, columns, Notes::Shown)
    }

    /// The view of `source` in layout family `format`, with its 夾注 shown or hidden.
    pub fn with_notes(source: &'a str, format: Format, notes: Notes) -> Reading<'a> {
        let columns = match format {
            Format::Mandoku => super::segment::column_width(source, 0),
            _ => None,
        };
        Reading::with_options(source, format, columns, notes)
    }

    /// The view of `source` (a whole text or a part of one that starts a line), a Kanripo
    /// text's print columns being `columns` characters wide, its 夾注 shown or hidden.
    pub fn with_options(
        source: &'a str,
        format: Format,
        columns: Option<usize>,
        notes: Notes,
    ) -> Reading<'a> {
        let mut b = Builder {
            src: source,
            out: String::new(),
            runs: Vec::new(),
            copied_to: 0,
            columns,
            notes,
            note_close: None,
            note_start: 0,
            note_ranges: Vec::new(),
            close_at_line_end: None,
        };
        match format {
            Format::Plain => {}
            Format::Markdown => b.markdown(),
            Format::Mandoku => b.mandoku(),
        }
        if b.runs.is_empty() {
            return Reading {
                text: Cow::Borrowed(source),
                runs: Vec::new(),
                source_len: source.len(),
                notes: Vec::new(),
            };
        }
        b.copy_to(source.len());
        Reading {
            text: Cow::Owned(b.out),
            runs: b.runs,
            source_len: source.len(),
            notes: b.note_ranges,
        }
    }

    /// Where the 夾注 shown are, in reading offsets (each from its 〔 to after its 〕), in
    /// order. Empty when they are hidden or the text has none.
    pub fn notes(&self) -> &[Range<usize>] {
        &self.notes
    }

    /// Whether reading offset `r` is inside a 夾注.
    pub fn in_note(&self, r: usize) -> bool {
        let i = self.notes.partition_point(|n| n.end <= r);
        self.notes.get(i).is_some_and(|n| n.start <= r)
    }

    /// The view's text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the view is the source itself (nothing hidden).
    pub fn is_identity(&self) -> bool {
        self.runs.is_empty()
    }

    /// The source offset of reading offset `r`.
    pub fn to_source(&self, r: usize) -> usize {
        if self.runs.is_empty() {
            return r;
        }
        let i = self
            .runs
            .partition_point(|run| run.r <= r)
            .saturating_sub(1);
        let run = self.runs[i];
        let next_s = self.runs.get(i + 1).map_or(self.source_len, |n| n.s);
        if run.copied {
            (run.s + (r - run.r)).min(next_s)
        } else if r > run.r {
            next_s
        } else {
            run.s
        }
    }

    /// The reading offset of source offset `s` (a hidden or replaced stretch maps to its
    /// start, its end to the end of its stand-in).
    pub fn to_reading(&self, s: usize) -> usize {
        if self.runs.is_empty() {
            return s;
        }
        let i = self
            .runs
            .partition_point(|run| run.s <= s)
            .saturating_sub(1);
        let run = self.runs[i];
        let next_r = self.runs.get(i + 1).map_or(self.text.len(), |n| n.r);
        if run.copied {
            (run.r + (s - run.s)).min(next_r)
        } else {
            run.r
        }
    }

    /// A source span in reading offsets.
    pub fn span_to_reading(&self, span: Span) -> Range<usize> {
        self.to_reading(span.start)..self.to_reading(span.end)
    }

    /// A reading range as a source span.
    pub fn range_to_source(&self, range: Range<usize>) -> Span {
        Span::new(self.to_source(range.start), self.to_source(range.end))
    }
}

struct Builder<'a> {
    src: &'a str,
    /// A Kanripo text's print column width.
    columns: Option<usize>,
    out: String,
    runs: Vec<Run>,
    copied_to: usize,
    /// What to do with 夾注.
    notes: Notes,
    /// The source offset of the `)` closing the 夾注 being read, if one is open.
    note_close: Option<usize>,
    /// The reading offset of the open 夾注's 〔.
    note_start: usize,
    /// The 夾注 shown, in reading offsets.
    note_ranges: Vec<Range<usize>>,
    /// The reading offset of the last 〕 shown, when its `)` ended a print line: a 夾注
    /// opening the next print line goes on with it (see [`Builder::run_on_note`]).
    close_at_line_end: Option<usize>,
}

impl Builder<'_> {
    fn ensure_started(&mut self) {
        if self.runs.is_empty() {
            self.out.reserve(self.src.len());
            self.runs.push(Run {
                r: 0,
                s: 0,
                copied: true,
            });
        }
    }

    /// Copy the source up to `s` unchanged.
    fn copy_to(&mut self, s: usize) {
        if s > self.copied_to {
            self.out.push_str(&self.src[self.copied_to..s]);
            self.copied_to = s;
        }
    }

    /// Replace source `start..end` by `with` (possibly empty).
    fn replace(&mut self, start: usize, end: usize, with: &str) {
        self.ensure_started();
        self.copy_to(start);
        let r = self.out.len();
        self.runs.push(Run {
            r,
            s: start,
            copied: false,
        });
        self.out.push_str(with);
        self.copied_to = end;
        self.runs.push(Run {
            r: self.out.len(),
            s: end,
            copied: true,
        });
    }

    /// Markdown: `\` before ASCII punctuation is an escape; drop the backslash.
    fn markdown(&mut self) {
        let bytes = self.src.as_bytes();
        let mut from = 0;
        while let Some(p) = memchr::memchr(b'\\', &bytes[from..]) {
            let at = from + p;
            match bytes.get(at + 1) {
                Some(&c) if is_markdown_escaped(char::from(c)) => {
                    self.replace(at, at + 1, "");
                    from = at + 2;
                }
                _ => from = at + 1,
            }
        }
    }

    /// Kanripo: a file's lines are the print's columns, so line breaks are joined into
    /// paragraphs (`¶` and the break go); a paragraph ends where a column is short, the
    /// next line is indented, or a header follows. `<pb:…>`, `<md:…>` and the `#` header
    /// lines of every file of a work are hidden; `&KR0001;` shows as 〓.
    fn mandoku(&mut self) {
        let width = self.columns;
        let bytes = self.src.as_bytes();
        let mut at = 0;
        // The indent of the last line of text, if it was full and indented: a quotation set
        // off as a block (遼史拾遺's sources), every line indented alike, runs on into its
        // next line, across a page marker too.
        let mut block_indent = None;
        let indent = |s: &str| s.len() - s.trim_start_matches('\u{3000}').len();
        while at < bytes.len() {
            let nl = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
            if bytes[at] == b'#' {
                // A header line: hidden whole, with its line break.
                self.replace(at, (nl + 1).min(bytes.len()), "");
                at = nl + 1;
                continue;
            }
            self.markers(at, nl);
            if nl < bytes.len() {
                let mut end = nl;
                if self.src[..end].ends_with('\r') {
                    end -= 1;
                }
                let pilcrow = self.src[..end].ends_with('¶');
                let content_start = if pilcrow { end - '¶'.len_utf8() } else { end };
                let next = &self.src[nl + 1..];
                let shown = without_tags(&self.src[at..content_start]);
                let marker_line = shown.is_empty() && at < content_start;
                if !marker_line {
                    let full =
                        width.is_some_and(|w| super::segment::visible_chars(&shown) + 1 >= w);
                    let own = indent(&self.src[at..]);
                    block_indent = (own > 0 && full).then_some(own);
                }
                let block = block_indent.is_some_and(|n| n == indent(next));
                let ends_paragraph = if marker_line {
                    // A line of page markers only: the text runs on through it.
                    false
                } else {
                    (next.starts_with(['\u{3000}', ' ', '\t', '#', '\n', '\r']) && !block)
                        || next.starts_with('¶')
                        || shown.trim().is_empty()
                        || match width {
                            Some(w) => super::segment::visible_chars(&shown) + 1 < w,
                            None => !pilcrow,
                        }
                };
                if ends_paragraph {
                    if pilcrow {
                        self.replace(content_start, end, "");
                    }
                } else {
                    // (The block's indent goes with the break.)
                    let skip = if block { indent(next) } else { 0 };
                    self.replace(content_start, nl + 1 + skip, "");
                }
            }
            at = nl + 1;
        }
    }

    /// Page markers, `&KR…;` codes and 夾注 in the line `start..end` (a 夾注 may run on
    /// over the following lines, the print's next columns).
    fn markers(&mut self, start: usize, end: usize) {
        let bytes = &self.src.as_bytes()[..end];
        // Where the line's text ends: before its `¶` and a CR.
        let mut content_end = end;
        if self.src[start..content_end].ends_with('\r') {
            content_end -= 1;
        }
        if self.src[start..content_end].ends_with('¶') {
            content_end -= '¶'.len_utf8();
        }
        let mut from = start;
        // A hidden 夾注 run on from an earlier line.
        if let (Notes::Hidden, Some(close)) = (self.notes, self.note_close) {
            from = self.hide_note(start, close, content_end);
        }
        while let Some(p) = bytes[from..]
            .iter()
            .position(|&b| matches!(b, b'<' | b'&' | b'(' | b')' | b'/'))
        {
            let at = from + p;
            from = at + 1;
            match bytes[at] {
                b'<' => {
                    let rest = &self.src[at..end];
                    let tag_end = (rest.starts_with("<pb:") || rest.starts_with("<md:"))
                        .then(|| memchr::memchr(b'>', &rest.as_bytes()[..rest.len().min(512)]))
                        .flatten();
                    if let Some(e) = tag_end {
                        self.replace(at, at + e + 1, "");
                        from = at + e + 1;
                    }
                }
                b'&' => {
                    let rest = &bytes[at..];
                    let digits = rest
                        .iter()
                        .skip(3)
                        .take(12)
                        .take_while(|b| b.is_ascii_alphanumeric())
                        .count();
                    if rest.starts_with(b"&KR") && digits > 0 && rest.get(3 + digits) == Some(&b';')
                    {
                        let e = at + 3 + digits + 1;
                        let mut buf = [0u8; 4];
                        self.replace(at, e, MISSING_CHAR.encode_utf8(&mut buf));
                        from = e;
                    }
                }
                b'(' if self.note_close.is_none() => {
                    let Some(close) = self.note_end(at) else {
                        continue;
                    };
                    match self.notes {
                        Notes::Shown => {
                            if let Some(start) = self.run_on_note(at) {
                                self.replace(at, at + 1, "");
                                self.note_start = start;
                            } else {
                                self.replace(at, at + 1, "〔");
                                self.note_start = self.out.len() - "〔".len();
                            }
                            self.note_close = Some(close);
                        }
                        Notes::Hidden => from = self.hide_note(at, close, content_end),
                    }
                }
                b'/' if self.note_close.is_some() => self.replace(at, at + 1, ""),
                b')' if self.note_close == Some(at) => {
                    self.replace(at, at + 1, "〕");
                    self.note_ranges.push(self.note_start..self.out.len());
                    self.note_close = None;
                    self.close_at_line_end =
                        (at + 1 == content_end).then(|| self.out.len() - "〕".len());
                }
                _ => {}
            }
        }
    }

    /// A 夾注 split by the print into one per column (`(…/…)¶` then `　(…/…)¶`, the
    /// 綱目's long notes): when the `(` at `open` starts a print line joined to the one
    /// whose last 夾注 closed at its end, with nothing shown between, that 〕 is taken back
    /// and the note goes on. Returns the reading offset of the note's 〔.
    fn run_on_note(&mut self, open: usize) -> Option<usize> {
        let close = self.close_at_line_end.take()?;
        if self.copied_to != open || self.out.len() != close + "〕".len() {
            return None;
        }
        let last = self.note_ranges.pop()?;
        self.out.truncate(close);
        for run in self.runs.iter_mut().rev() {
            if run.r <= close {
                break;
            }
            run.r = close;
        }
        Some(last.start)
    }

    /// The `)` closing the 夾注 opened at `open`: within [`MAX_NOTE`] bytes, before another
    /// `(` and before a header line.
    fn note_end(&self, open: usize) -> Option<usize> {
        let rest = &self.src.as_bytes()[open + 1..];
        let window = &rest[..rest.len().min(MAX_NOTE)];
        for (i, &b) in window.iter().enumerate() {
            match b {
                b')' => return Some(open + 1 + i),
                b'(' => return None,
                b'\n' if window.get(i + 1) == Some(&b'#') => return None,
                _ => {}
            }
        }
        None
    }

    /// Hide a 夾注 from `from` to its `)` at `close`, or to the end of this line's text
    /// (`content_end`) when it runs on; returns where the line's scan goes on.
    fn hide_note(&mut self, from: usize, close: usize, content_end: usize) -> usize {
        let stop = (close + 1).min(content_end.max(from));
        if stop > from {
            self.replace(from, stop, "");
        }
        self.note_close = (stop <= close).then_some(close);
        stop
    }
}

/// A line without its `<pb:…>` and `<md:…>` markers.
fn without_tags(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        match (tail.starts_with("<pb:") || tail.starts_with("<md:"))
            .then(|| tail.find('>'))
            .flatten()
        {
            Some(e) => rest = &tail[e + 1..],
            None => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_is_borrowed() {
        let r = Reading::new("乾統元年。", Format::Plain);
        assert!(r.is_identity());
        assert_eq!(r.to_source(3), 3);
    }

    #[test]
    fn labels_unescape_as_the_view_does() {
        assert_eq!(
            super::unescape_markdown(r"\(丙子\)景宗元年"),
            "(丙子)景宗元年"
        );
        assert_eq!(super::unescape_markdown(r"a\\b\x"), r"a\b\x");
        assert!(matches!(super::unescape_markdown("元年"), Cow::Borrowed(_)));
    }

    #[test]
    fn markdown_unescapes() {
        let src = "父斡里\\[一\\]，为夷离巾\\!";
        let r = Reading::new(src, Format::Markdown);
        assert_eq!(r.text(), "父斡里[一]，为夷离巾!");
        let hit = r.text().find("[一]").unwrap();
        let span = r.range_to_source(hit..hit + "[一]".len());
        // The hit starts at the visible bracket; the escape inside it stays in its span.
        assert_eq!(&src[span.range()], "[一\\]");
        // Every reading offset maps back into the source, on a char boundary.
        for (i, _) in r.text().char_indices() {
            assert!(src.is_char_boundary(r.to_source(i)));
        }
        for (i, _) in src.char_indices() {
            assert!(r.text().is_char_boundary(r.to_reading(i)));
        }
    }

    #[test]
    fn mandoku_joins_columns_and_hides_markers() {
        let src = "帝改元乾統¶\n<pb:X_010-1b>¶\n乾統元年春正月朔有流星¶\n是歲女真楊割死子阿&KR0001;打立¶\n二年¶\n";
        let r = Reading::new(src, Format::Mandoku);
        assert_eq!(
            r.text(),
            "帝改元乾統乾統元年春正月朔有流星是歲女真楊割死子阿〓打立二年"
        );
        let at = r.text().find("星是歲").unwrap();
        let span = r.range_to_source(at..at + "星是歲".len());
        assert_eq!(&src[span.range()], "星¶\n是歲");
        let kr = src.find("&KR").unwrap();
        let back = r.to_reading(kr);
        assert!(r.text()[back..].starts_with('〓'));
        for (i, _) in src.char_indices() {
            assert!(r.text().is_char_boundary(r.to_reading(i)), "{i}");
        }
        assert_eq!(r.to_reading(src.len()), r.text().len());
    }

    #[test]
    fn mandoku_paragraphs_end_at_short_columns() {
        // Columns of ten characters: a short column ends its paragraph; a page marker line
        // and a full column run on.
        let full = "一二三四五六七八九十¶\n";
        let mut src = String::new();
        for _ in 0..6 {
            src.push_str(full);
        }
        src.push_str("甲乙丙¶\n<pb:X_001-1b>¶\n");
        src.push_str(full);
        src.push_str("#+PROPERTY: JUAN 卷二\n　　丁戊¶\n");
        let r = Reading::new(&src, Format::Mandoku);
        let paras: Vec<&str> = r.text().lines().collect();
        assert_eq!(paras.len(), 3, "{paras:?}");
        assert!(paras[0].ends_with("十甲乙丙"));
        assert_eq!(paras[1], "一二三四五六七八九十");
        assert_eq!(paras[2], "　　丁戊");
        for (i, _) in src.char_indices() {
            assert!(r.text().is_char_boundary(r.to_reading(i)), "{i}");
        }
    }

    #[test]
    fn mandoku_quotations_set_off_as_blocks_run_on() {
        // Columns of ten, a quotation indented one character on every line (遼史拾遺): its
        // full lines run on, across a page marker, without their indent; a short line ends
        // it, and an unindented line after it starts anew.
        let full = "一二三四五六七八九十¶\n";
        let quoted = "　甲乙丙丁戊己庚辛壬¶\n";
        let mut src = String::new();
        for _ in 0..6 {
            src.push_str(full);
        }
        src.push_str("天顯元年¶\n");
        src.push_str(quoted);
        src.push_str("<pb:X_001-1b>¶\n");
        src.push_str(quoted);
        src.push_str("　子丑¶\n二年春¶\n");
        let r = Reading::new(&src, Format::Mandoku);
        let paras: Vec<&str> = r.text().lines().collect();
        assert_eq!(paras.len(), 3, "{paras:?}");
        assert!(paras[0].ends_with("十天顯元年"));
        assert_eq!(paras[1], "　甲乙丙丁戊己庚辛壬甲乙丙丁戊己庚辛壬子丑");
        assert_eq!(paras[2], "二年春");
        for (i, _) in src.char_indices() {
            assert!(r.text().is_char_boundary(r.to_reading(i)), "{i}");
        }
    }

    #[test]
    fn jiazhu_are_shown_in_brackets_or_hidden() {
        let src = "黄帝者少典之子(徐廣曰/號有熊)姓公孫¶\n名曰軒轅(索隱按/<pb:X_001-1b>¶\n皇甫謐云)生而神靈¶\n(未完¶\n";
        let shown = Reading::with_options(src, Format::Mandoku, None, Notes::Shown);
        assert_eq!(
            shown.text(),
            "黄帝者少典之子〔徐廣曰號有熊〕姓公孫名曰軒轅〔索隱按皇甫謐云〕生而神靈(未完"
        );
        let notes: Vec<&str> = shown
            .notes()
            .iter()
            .map(|r| &shown.text()[r.clone()])
            .collect();
        assert_eq!(notes, ["〔徐廣曰號有熊〕", "〔索隱按皇甫謐云〕"]);
        let at = shown.text().find("號有熊").unwrap();
        assert!(shown.in_note(at));
        assert!(!shown.in_note(shown.text().find("姓公孫").unwrap()));
        // A hit in a note maps back to the source across the split.
        let hit = shown.text().find("曰號").unwrap();
        let span = shown.range_to_source(hit..hit + "曰號".len());
        assert_eq!(&src[span.range()], "曰/號");

        let hidden = Reading::with_options(src, Format::Mandoku, None, Notes::Hidden);
        assert_eq!(hidden.text(), "黄帝者少典之子姓公孫名曰軒轅生而神靈(未完");
        assert!(hidden.notes().is_empty());
        for r in [&shown, &hidden] {
            for (i, _) in src.char_indices() {
                assert!(r.text().is_char_boundary(r.to_reading(i)), "{i}");
            }
            for (i, _) in r.text().char_indices() {
                assert!(src.is_char_boundary(r.to_source(i)), "{i}");
            }
            assert_eq!(r.to_reading(src.len()), r.text().len());
        }
        // Other layouts keep their brackets.
        let plain = Reading::with_options("甲(乙/丙)", Format::Plain, None, Notes::Hidden);
        assert_eq!(plain.text(), "甲(乙/丙)");
    }

    #[test]
    fn jiazhu_split_over_columns_are_one_note() {
        // Columns of five: a note printed one piece per column, each piece in brackets of
        // its own and indented, across a page marker, is one note; a note closed before
        // the text goes on, or by a short column, is not continued.
        let src = "春正月齊以子良¶
　(子良齊/主之子)¶
<pb:X_001-1b>¶
　(也少有/清尚)¶
　(傾意)¶
夏六月(甲/乙)書(丙/丁)¶
";
        let r = Reading::with_options(src, Format::Mandoku, Some(5), Notes::Shown);
        let notes: Vec<&str> = r.notes().iter().map(|n| &r.text()[n.clone()]).collect();
        assert_eq!(
            notes,
            ["〔子良齊主之子也少有清尚傾意〕", "〔甲乙〕", "〔丙丁〕"],
            "{}",
            r.text()
        );
        let hit = r.text().find("子也").unwrap();
        assert!(r.in_note(hit));
        let span = r.range_to_source(hit..hit + "子也".len());
        assert!(
            src[span.range()].starts_with("子)"),
            "{:?}",
            &src[span.range()]
        );
        for (i, _) in src.char_indices() {
            assert!(r.text().is_char_boundary(r.to_reading(i)), "{i}");
        }
        for (i, _) in r.text().char_indices() {
            assert!(src.is_char_boundary(r.to_source(i)), "{i}");
        }
        assert_eq!(r.to_reading(src.len()), r.text().len());
    }
}
