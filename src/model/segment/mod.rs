//! Segmentation: text → [`Chronicle`]. Pure and linear in the text's length.
//!
//! Two passes. The first walks the lines once and notes only the lines that matter —
//! volume headings (卷之N) and their title lines, note sections (校勘記, 考證), lines that
//! begin with a year (heading candidates) and era changes (改元X). The second decides,
//! with the whole book's habits known (do its headings carry a 干支?), which candidates
//! are year headings and which are dated passages, and cuts the text into segments.
//!
//! A heading is a year at the start of a line, after optional indentation: an optional
//! 干支, an era, a numeral and 年 (`　　丙子神册元年。`, `乾統二年（壬午、1102）`), or, where an
//! era is in force, a bare ordinal (`二年`, as the standard histories and Kanripo files
//! write later years). It ends with 。, its annotation, the end of the line, or runs
//! straight into the text in unpunctuated texts. A year followed by ，、： opens a
//! sentence (`会同六年，以延寿为…`): a dated passage, not a heading.

mod decide;
mod path;
mod resolve;
mod scan;

use decide::{Decider, MAX_DIAGNOSTICS};
pub(crate) use resolve::pick as likeliest_era;
pub(crate) use scan::{column_width, note_marker_at, visible_chars};
use scan::{first_lines_indented, scan};

use std::borrow::Cow;

use super::{Chronicle, Diagnostic, Entry, Format, Severity, Volume};
use crate::calendar::EraTable;

/// Segment `text` into a chronicle, using `eras` for CE years, every entry's time marks
/// and parallel dates found.
pub fn segment(text: Cow<'static, str>, eras: &EraTable) -> Chronicle {
    let c = segment_lazy(text, eras);
    c.find_all();
    c
}

/// [`segment`], leaving each entry's time marks, and with the embedded era table its
/// parallel dates, to be found when first asked for ([`Chronicle::marks`],
/// [`Chronicle::parallels`]).
pub fn segment_lazy(text: Cow<'static, str>, eras: &EraTable) -> Chronicle {
    let pipeline = text.len() >= PIPELINE_FROM
        && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
    segment_with(text, eras, pipeline)
}

/// [`segment_lazy`], the resolver's forward pass on a thread of its own when `pipeline`.
fn segment_with(text: Cow<'static, str>, eras: &EraTable, pipeline: bool) -> Chronicle {
    let format = detect_format(&text);
    let (fm_end, title, author) = front_matter(&text, format);
    let title = title.or_else(|| id_line_title(&text[fm_end..]));
    let punctuated = is_punctuated(&text[fm_end..]);
    let columns = match format {
        Format::Mandoku => column_width(&text, fm_end),
        _ => None,
    };
    let first_lines_indented = columns.is_some_and(|w| first_lines_indented(&text, fm_end, w));
    let layout = scan::Layout {
        format,
        columns,
        punctuated,
        first_lines_indented,
    };
    let events = scan(&text, fm_end, layout, eras);
    let mut d = Decider::new(&text, eras, punctuated, title.as_deref(), &events);
    d.pipeline = pipeline;
    // The lines' events are given back as they are read, before the resolver's memory is
    // taken.
    d.run(fm_end, events);
    d.finish();
    let Decider {
        segments,
        volumes,
        entries,
        passages,
        mut diagnostics,
        suppressed: d_suppressed,
        ..
    } = d;
    diagnostics.sort_by_key(|d| d.byte);
    if d_suppressed > 0 {
        diagnostics.push(Diagnostic {
            severity: Severity::Info,
            line: 0,
            byte: text.len(),
            message: format!("{d_suppressed} more findings not listed (only the first {MAX_DIAGNOSTICS} are kept)"),
        });
    }
    let title = title.or_else(|| book_title_from_volumes(&volumes));
    // A volume's "title" that is the book's own name says nothing.
    let mut volumes = volumes;
    for v in &mut volumes {
        if v.title.is_some() && v.title == title {
            v.title = None;
        }
    }
    Chronicle {
        text,
        title,
        author,
        columns,
        format,
        segments,
        volumes,
        entries,
        passages,
        diagnostics,
        punctuated,
    }
}

/// Texts of at least this many bytes have their headings' readings found on a thread of
/// their own while the lines' events are read (see `Decider::run`).
const PIPELINE_FROM: usize = 2 << 20;

/// Which layout family the text is written in.
/// The parallel dates written after entry `e`'s heading, by the embedded era table (the
/// only one they are left to be found with: see `Decider::finish`).
pub(super) fn parallels_of(text: &str, e: &Entry) -> Vec<super::ParallelDate> {
    scan::parallels(text, e.heading_end, EraTable::embedded(), e.ce)
}

/// How many threads find the time marks of a text of `len` bytes: one below 256 KiB
/// (a thread costs more than it saves there), else one per core, at most four.
pub(super) fn marks_threads(len: usize) -> usize {
    const PARALLEL_FROM: usize = 1 << 18;
    if len < PARALLEL_FROM {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// The time marks of every entry of `c` not yet found, by `threads` threads over runs of
/// entries of about equal size. Each entry's are its own.
pub(super) fn find_marks(c: &Chronicle, threads: usize) {
    let entries = &c.entries[..];
    let find_run = |run: &[Entry]| {
        for e in run {
            c.marks(e);
        }
    };
    if threads <= 1 || entries.len() < 2 {
        find_run(entries);
        return;
    }
    let first = entries[0].span.start;
    let share = (entries[entries.len() - 1].span.end - first).div_ceil(threads);
    let mut runs: Vec<&[Entry]> = Vec::with_capacity(threads);
    let mut rest: &[Entry] = entries;
    for k in 1..threads {
        let n = rest.partition_point(|e| e.span.start < first + k * share);
        if n > 0 && n < rest.len() {
            let (run, tail) = rest.split_at(n);
            runs.push(run);
            rest = tail;
        }
    }
    runs.push(rest);
    std::thread::scope(|s| {
        // Without a thread (a process limit), a run is done here, after the first; a
        // run whose thread panicked is left for the next that asks (and panics there).
        let others: Vec<_> = runs[1..]
            .iter()
            .map(|&run| {
                std::thread::Builder::new()
                    .spawn_scoped(s, move || find_run(run))
                    .ok()
            })
            .collect();
        find_run(runs[0]);
        for (&run, other) in runs[1..].iter().zip(others) {
            match other {
                Some(h) => {
                    let _ = h.join();
                }
                None => find_run(run),
            }
        }
    });
}

pub(crate) fn detect_format(text: &str) -> Format {
    let head = &text[..floor_boundary(text, 4096)];
    if head.starts_with("# -*- mode: mandoku")
        || head.starts_with("#+")
        || pilcrow_lines(head)
        // (A Kanripo page marker: a cut from a file, or an edition set without ¶.)
        || head.contains("<pb:KR")
    {
        Format::Mandoku
    } else if head.starts_with("---\n")
        || head.starts_with("---\r\n")
        || markdown_escapes(&text[..floor_boundary(text, 1024 * 1024)])
    {
        Format::Markdown
    } else {
        Format::Plain
    }
}

/// Whether `head` ends its print lines in `¶` as Kanripo does: three lines or more, or every
/// line of a cut of two.
fn pilcrow_lines(head: &str) -> bool {
    if !head.contains('¶') {
        return false;
    }
    let (mut lines, mut ends) = (0, 0);
    for line in head.lines().map(str::trim_end).filter(|l| !l.is_empty()) {
        lines += 1;
        ends += usize::from(line.ends_with('¶'));
    }
    ends >= 3 || ends == 2 && lines == 2
}

/// Whether `head` (a text's first MiB) escapes ASCII punctuation as daizhige's Markdown
/// conversions do, with no front matter before it (a cut from one): `\[一\]`, `\(丙子\)`,
/// `\<朴\>`, `\#高丽史2卷\-世家2`. (A file escapes throughout: its first MiB tells.)
fn markdown_escapes(head: &str) -> bool {
    let b = head.as_bytes();
    memchr::memchr_iter(b'\\', b).any(|i| b.get(i + 1).is_some_and(|&n| b"[(<#*-".contains(&n)))
}

/// Whether the text uses punctuation (so clause starts can be trusted).
pub(super) fn is_punctuated(text: &str) -> bool {
    let sample = &text[..floor_boundary(text, 64 * 1024)];
    let chars = sample.chars().count().max(1);
    let marks = sample
        .chars()
        .filter(|c| matches!(c, '。' | '，' | '、'))
        .count();
    marks * 100 >= chars
}

fn floor_boundary(s: &str, at: usize) -> usize {
    let mut i = at.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The book's name in a paragraph ID line opening the text, as some 殆知閣 conversions
/// put one before every paragraph (`\#高丽史2卷\-世家2\-景宗\-00\-00\-0000`, the `#` and
/// `-` escaped or not): the Han characters between `#` and the 卷's number.
fn id_line_title(text: &str) -> Option<String> {
    let line = text.trim_start().lines().next()?;
    let rest = line
        .strip_prefix("\\#")
        .or_else(|| line.strip_prefix('#'))?;
    let digits = rest.find(|c: char| c.is_ascii_digit())?;
    let name = &rest[..digits];
    let after = rest[digits..].trim_start_matches(|c: char| c.is_ascii_digit());
    let han = |c: char| unicode_width::UnicodeWidthChar::width(c) == Some(2);
    (after.starts_with(['卷', '巻']) && !name.is_empty() && name.chars().all(han))
        .then(|| name.to_owned())
}

/// The front matter's end, and the title and author it gives.
fn front_matter(text: &str, format: Format) -> (usize, Option<String>, Option<String>) {
    match format {
        Format::Markdown if text.starts_with("---") => {
            let mut pos = 0;
            let mut first = true;
            let mut fields: Vec<(&str, &str)> = Vec::new();
            for line in text.split_inclusive('\n') {
                let start = pos;
                pos += line.len();
                let l = line.trim_end();
                if first {
                    first = false;
                    continue;
                }
                if l == "---" {
                    return (pos, yaml_title(text, &fields), yaml_author(&fields));
                }
                if let Some((k, v)) = l.split_once(':') {
                    fields.push((k, v.trim()));
                }
                if start > 64 * 1024 {
                    break;
                }
            }
            (0, None, None)
        }
        Format::Mandoku => {
            let mut pos = 0;
            let mut title = None;
            for line in text.split_inclusive('\n') {
                if !line.starts_with('#') {
                    break;
                }
                pos += line.len();
                if let Some(t) = line.strip_prefix("#+TITLE:") {
                    title = Some(t.trim().trim_end_matches('¶').trim().to_owned());
                }
            }
            (pos, title.filter(|t| !t.is_empty()), None)
        }
        _ => (0, None, None),
    }
}

fn unquote(v: &str) -> &str {
    v.trim().trim_matches(|c| c == '\'' || c == '"').trim()
}

/// `title: X`, or `title:` with `zh-hant:` / `zh-hans:` lines under it: the variant the
/// body itself uses wins.
fn yaml_title(text: &str, fields: &[(&str, &str)]) -> Option<String> {
    let pos = fields.iter().position(|(k, _)| *k == "title")?;
    let own = unquote(fields[pos].1);
    if !own.is_empty() {
        return Some(own.to_owned());
    }
    let variants: Vec<&str> = fields[pos + 1..]
        .iter()
        .take_while(|(k, _)| k.starts_with(' '))
        .map(|(_, v)| unquote(v))
        .filter(|v| !v.is_empty())
        .collect();
    let body = &text[..floor_boundary(text, 256 * 1024)];
    variants
        .iter()
        .copied()
        .find(|v| body.matches(*v).nth(1).is_some())
        .or(variants.first().copied())
        .map(str::to_owned)
}

fn yaml_author(fields: &[(&str, &str)]) -> Option<String> {
    fields
        .iter()
        .find(|(k, _)| *k == "author")
        .map(|(_, v)| unquote(v).to_owned())
        .filter(|a| !a.is_empty())
}

/// The book title written before 卷 in the first volume heading (契丹國志卷十 → 契丹國志).
fn book_title_from_volumes(volumes: &[Volume]) -> Option<String> {
    let h = &volumes.first()?.heading;
    let t = &h[..h.find(['卷', '巻'])?];
    // Marks before the name (`☆卷三`, `●資治通鑑卷第一`) are not part of it.
    let t = t.trim_matches(|c: char| !scan::is_han(c));
    // The 卷's own number before it (`第二卷`) is no title.
    let t = t
        .rfind(['第', '苐'])
        .filter(|&at| crate::model::numerals::value(&t[at + '第'.len_utf8()..]).is_some())
        .map_or(t, |at| &t[..at]);
    (t.chars().count() >= 2).then(|| t.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{TimeMark, marks};

    #[test]
    fn a_paragraph_id_line_names_the_book() {
        let t = |s: &str| id_line_title(s);
        assert_eq!(
            t("\\#高丽史2卷\\-世家2\\-景宗\\-00\\-00\\-0000\n\n景宗。"),
            Some("高丽史".into())
        );
        assert_eq!(t("\n#高丽史12卷-世家12\n"), Some("高丽史".into()));
        // Not an ID line: no 卷 after the number, a heading of Markdown, a sentence.
        assert_eq!(t("#高丽史2-世家2"), None);
        assert_eq!(t("# 卷一"), None);
        assert_eq!(t("景宗元年春"), None);
        assert_eq!(t("#2卷"), None);
    }

    /// The resolver's forward pass on a thread of its own, fed the headings in batches
    /// while the events are read, decides what one pass after them does.
    #[test]
    fn a_pipelined_resolver_decides_as_one_pass() {
        let books = [
            include_str!("../../../tests/fixtures/books/qidan-guozhi-full.md").repeat(3),
            include_str!("../../../tests/fixtures/books/mandoku-sample.txt").to_owned(),
            include_str!("../../../tests/fixtures/books/annotated-sample.txt").to_owned(),
            include_str!("../../../tests/fixtures/books/wenbai-sample.txt").to_owned(),
            crate::model::EMBEDDED_TEXT.to_owned(),
        ];
        for text in books {
            let one = segment_with(text.clone().into(), EraTable::embedded(), false);
            let two = segment_with(text.into(), EraTable::embedded(), true);
            assert!(!one.entries.is_empty());
            assert_eq!(two.entries, one.entries);
            assert_eq!(two.segments, one.segments);
            assert_eq!(two.volumes, one.volumes);
            assert_eq!(two.passages, one.passages);
            assert_eq!(two.diagnostics, one.diagnostics);
        }
    }

    #[test]
    fn marks_found_by_threads_are_the_marks_found_by_one() {
        let books = [
            include_str!("../../../tests/fixtures/books/qidan-guozhi-full.md"),
            include_str!("../../../tests/fixtures/books/mandoku-sample.txt"),
            crate::model::EMBEDDED_TEXT,
        ];
        for text in books {
            let c = segment_lazy(text.into(), EraTable::embedded());
            let one: Vec<Vec<TimeMark>> = c
                .entries
                .iter()
                .map(|e| marks::find(text, e.body(), c.punctuated))
                .collect();
            assert!(one.iter().any(|m| !m.is_empty()));
            for threads in 1..=5 {
                let c = segment_lazy(text.into(), EraTable::embedded());
                assert!(c.entries.iter().all(|e| !e.marks.is_found()));
                find_marks(&c, threads);
                let many: Vec<Vec<TimeMark>> = c.entries.iter().map(|e| e.marks.to_vec()).collect();
                assert_eq!(many, one, "{threads} threads");
            }
        }
        assert_eq!(marks_threads(1000), 1);
    }

    #[test]
    fn kanripo_print_lines_tell_the_format() {
        // A cut of two print lines, each ending in ¶ (the last with no newline after it).
        assert_eq!(
            detect_format("永平元年春正月乙酉朔¶\n二年春二月己酉¶"),
            Format::Mandoku
        );
        assert_eq!(detect_format("甲¶\n乙¶\n丙¶\n丁\n"), Format::Mandoku);
        // A ¶ in one line of two is not a layout.
        assert_eq!(detect_format("甲¶\n乙\n"), Format::Plain);
    }
}
