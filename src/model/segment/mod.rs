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

mod path;

use std::borrow::Cow;
use std::collections::HashMap;

use super::era::{EraId, EraTable, fold_key};
use super::{
    CeSource, Chronicle, DatedPassage, Diagnostic, Entry, Format, ParallelDate, Segment,
    SegmentKind, Severity, Span, Volume, ganzhi, marks, marks::TimeMark, numerals,
};

/// Segment `text` into a chronicle, using `eras` for CE years.
pub fn segment(text: Cow<'static, str>, eras: &EraTable) -> Chronicle {
    let format = detect_format(&text);
    let (fm_end, title, author) = front_matter(&text, format);
    let punctuated = is_punctuated(&text[fm_end..]);
    let events = scan(&text, fm_end, format, eras);
    let mut d = Decider::new(&text, eras, punctuated, &events);
    d.run(fm_end, &events);
    let Decider {
        segments,
        volumes,
        mut entries,
        passages,
        mut diagnostics,
        suppressed: d_suppressed,
        ..
    } = d;
    find_marks(&text, &mut entries, punctuated, marks_threads(text.len()));
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
    Chronicle {
        text,
        title,
        author,
        format,
        segments,
        volumes,
        entries,
        passages,
        diagnostics,
    }
}

/// Which layout family the text is written in.
/// How many threads find the time marks of a text of `len` bytes: one below 256 KiB
/// (a thread costs more than it saves there), else one per core, at most four.
fn marks_threads(len: usize) -> usize {
    const PARALLEL_FROM: usize = 1 << 18;
    if len < PARALLEL_FROM {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// The time marks of every entry, found by `threads` threads over runs of entries of about
/// equal size. Marks are a third of segmenting a big text, and each entry's are its own.
fn find_marks(text: &str, entries: &mut [Entry], punctuated: bool, threads: usize) {
    let marks_of = |run: &[Entry]| -> Vec<Vec<TimeMark>> {
        run.iter()
            .map(|e| marks::find(text, e.body(), punctuated))
            .collect()
    };
    if threads <= 1 || entries.len() < 2 {
        for e in entries {
            e.marks = marks::find(text, e.body(), punctuated);
        }
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
    let found: Vec<Vec<TimeMark>> = std::thread::scope(|s| {
        let others: Vec<_> = runs[1..]
            .iter()
            .map(|&run| {
                // Without a thread (a process limit), the run is done here below.
                std::thread::Builder::new()
                    .spawn_scoped(s, move || marks_of(run))
                    .ok()
            })
            .collect();
        let mut found = marks_of(runs[0]);
        for (&run, other) in runs[1..].iter().zip(others) {
            // A thread that panicked is redone here, so the panic is this thread's.
            found.extend(
                other
                    .and_then(|h| h.join().ok())
                    .unwrap_or_else(|| marks_of(run)),
            );
        }
        found
    });
    for (e, m) in entries.iter_mut().zip(found) {
        e.marks = m;
    }
}

pub(crate) fn detect_format(text: &str) -> Format {
    let head = &text[..floor_boundary(text, 4096)];
    if head.starts_with("# -*- mode: mandoku")
        || head.starts_with("#+")
        || head.matches("¶\n").count() >= 3
    {
        Format::Mandoku
    } else if head.starts_with("---\n") || head.starts_with("---\r\n") || text.contains("\\[") {
        Format::Markdown
    } else {
        Format::Plain
    }
}

/// Whether the text uses punctuation (so clause starts can be trusted).
fn is_punctuated(text: &str) -> bool {
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
    let t = &h[..h.find('卷')?];
    (!t.is_empty()).then(|| t.to_owned())
}

/// How a heading candidate's label ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Term {
    /// 。, an annotation, or the end of the line.
    Strong,
    /// Text follows directly (unpunctuated texts, or a parallel date).
    Weak,
    /// ，、： — the year opens a sentence.
    Pause,
}

/// An era name as written and the table's candidates for it (none: an unknown era).
type EraMatch<'e> = (Span, &'e [EraId]);

#[derive(Debug, Clone)]
struct Cand<'e> {
    label: Span,
    ganzhi: Option<u8>,
    era: Option<EraMatch<'e>>,
    ordinal: u32,
    annotation: Option<(Span, Option<i32>, Option<u8>)>,
    heading_end: usize,
    term: Term,
    /// Introduced by 维/惟 (a dated document, never a heading).
    lead: bool,
    /// A parallel date or a time mark follows a weak ending.
    weak_ok: bool,
}

#[derive(Debug, Clone)]
enum Event<'e> {
    Volume {
        number: Option<u32>,
        heading: Span,
        title: Option<Span>,
    },
    Notes,
    /// A line of notes-like text, starting with a note marker (\[一\], [一], 〔一〕).
    Marked,
    /// Any other non-blank line (ends a marked notes section).
    Other,
    Cand(Cand<'e>),
    Gaiyuan {
        era: Span,
        ids: &'e [EraId],
    },
}

#[derive(Debug, Clone)]
struct LineEvent<'e> {
    line_start: usize,
    line_no: usize,
    event: Event<'e>,
}

fn is_indent(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{feff}')
}

/// Pass one: the lines that matter.
fn scan<'e>(text: &str, from: usize, format: Format, eras: &'e EraTable) -> Vec<LineEvent<'e>> {
    let mut events = Vec::new();
    let bytes = text.as_bytes();
    let mut line_no = 1 + memchr::memchr_iter(b'\n', &bytes[..from]).count();
    let mut pos = from;
    let mut want_title = false;
    let nian = memchr::memmem::Finder::new("年");
    let gaiyuan = memchr::memmem::Finder::new("改元");
    while pos < text.len() {
        let nl = memchr::memchr(b'\n', &bytes[pos..]).map_or(text.len(), |i| pos + i);
        let line_start = pos;
        let next = (nl + 1).min(text.len());
        let (cs, ce) = content(text, line_start, nl, format);
        let content = &text[cs..ce];
        let this_line = line_no;
        pos = next;
        line_no += 1;
        if content.is_empty() {
            continue;
        }
        let push = |events: &mut Vec<LineEvent<'e>>, event| {
            events.push(LineEvent {
                line_start,
                line_no: this_line,
                event,
            })
        };
        if want_title {
            want_title = false;
            if is_title_line(content) {
                if let Some(LineEvent {
                    event: Event::Volume { title, .. },
                    ..
                }) = events.last_mut()
                {
                    *title = Some(Span::new(cs, ce));
                }
                continue;
            }
        }
        if is_notes_heading(content) {
            push(&mut events, Event::Notes);
            continue;
        }
        if let Some(number) = volume_number(content) {
            push(
                &mut events,
                Event::Volume {
                    number,
                    heading: Span::new(cs, ce),
                    title: None,
                },
            );
            want_title = true;
            continue;
        }
        if starts_with_note_marker(content) {
            push(&mut events, Event::Marked);
            continue;
        }
        // A year needs 年 near the start of the line.
        let head = &content.as_bytes()[..content.len().min(60)];
        let cand = if nian.find(head).is_some() {
            parse_candidate(text, cs, ce, eras)
        } else {
            None
        };
        match cand {
            Some(c) => push(&mut events, Event::Cand(c)),
            // Only the first unmarked line after notes matters (it may end them).
            None if matches!(
                events.last(),
                Some(LineEvent {
                    event: Event::Notes | Event::Marked,
                    ..
                })
            ) =>
            {
                push(&mut events, Event::Other)
            }
            None => {}
        }
        // Era changes inside the line: 改元乾統.
        for at in gaiyuan.find_iter(content.as_bytes()) {
            let era_start = cs + at + "改元".len();
            if let Some((len, ids)) = eras.longest_prefix(&text[era_start..ce], |_| true) {
                push(
                    &mut events,
                    Event::Gaiyuan {
                        era: Span::new(era_start, era_start + len),
                        ids,
                    },
                );
            }
        }
    }
    events
}

/// The content of a line: without indentation, page markers, line-end blanks, `¶`.
fn content(text: &str, start: usize, end: usize, format: Format) -> (usize, usize) {
    let line = &text[start..end];
    let mut s = line.trim_start_matches(is_indent);
    if format == Format::Mandoku {
        loop {
            let t = s.trim_start_matches(is_indent);
            let tag_end = (t.starts_with("<pb:") || t.starts_with("<md:"))
                .then(|| t.find('>'))
                .flatten();
            match tag_end {
                Some(e) => s = &t[e + 1..],
                None => {
                    s = t;
                    break;
                }
            }
        }
    }
    let s = s.trim_end_matches(|c: char| is_indent(c) || c == '\r' || c == '¶');
    if s.is_empty() {
        return (end, end);
    }
    // `s` is a subslice of `line`.
    let begin = start + (s.as_ptr() as usize - line.as_ptr() as usize);
    (begin, begin + s.len())
}

fn is_punct(c: char) -> bool {
    matches!(
        c,
        '。' | '，'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '「'
            | '」'
            | '『'
            | '』'
            | '（'
            | '）'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
    )
}

/// Whether `s` has at most `n` characters, without counting past `n + 1`.
fn at_most_chars(s: &str, n: usize) -> bool {
    s.len() <= n || s.chars().nth(n).is_none()
}

fn is_title_line(content: &str) -> bool {
    !content.is_empty()
        && at_most_chars(content, 16)
        && !content.chars().any(is_punct)
        && volume_number(content).is_none()
}

fn is_notes_heading(content: &str) -> bool {
    const NAMES: [&str; 10] = [
        "校勘記",
        "校勘记",
        "考證",
        "考证",
        "校記",
        "校记",
        "校勘",
        "注釋",
        "注释",
        "附考",
    ];
    if NAMES.contains(&content) {
        return true;
    }
    (content.ends_with("考證")
        || content.ends_with("考证")
        || content.ends_with("校勘記")
        || content.ends_with("校勘记"))
        && at_most_chars(content, 16)
        && !content.chars().any(is_punct)
}

fn starts_with_note_marker(content: &str) -> bool {
    note_marker_at(content).is_some()
}

/// A note marker at the start of `s` — `[一]`, `\\[一\\]` (markdown), `〔二〕`, `【三】` —
/// as its byte length and number.
pub(crate) fn note_marker_at(s: &str) -> Option<(usize, u32)> {
    let t = s.strip_prefix('\\').unwrap_or(s);
    let open = t.chars().next()?;
    if !matches!(open, '[' | '〔' | '【') {
        return None;
    }
    let rest = &t[open.len_utf8()..];
    let (n, l) = numerals::parse_prefix(rest)?;
    let r = rest[l..].strip_prefix('\\').unwrap_or(&rest[l..]);
    let close = r
        .chars()
        .next()
        .filter(|c| matches!(c, ']' | '〕' | '】'))?;
    let len = s.len() - r.len() + close.len_utf8();
    Some((len, n))
}

/// `契丹国志卷之一`, `卷十`, `卷第三上`: the volume number (None when written oddly).
fn volume_number(content: &str) -> Option<Option<u32>> {
    // 卷 comes within the first 17 characters (4 bytes at most each): look no further.
    let at = content[..floor_boundary(content, 17 * 4)].find('卷')?;
    let prefix = &content[..at];
    if !at_most_chars(prefix, 16) || prefix.chars().any(|c| is_punct(c) || c.is_ascii()) {
        return None;
    }
    let mut rest = &content[at + '卷'.len_utf8()..];
    rest = rest.strip_prefix(['之', '第']).unwrap_or(rest);
    let (n, len) = numerals::parse_prefix(rest).filter(|_| !rest.starts_with('元'))?;
    let tail = &rest[len..];
    if tail.is_empty() || matches!(tail, "上" | "中" | "下") {
        Some(Some(n))
    } else {
        None
    }
}

/// Characters that cannot begin an era name not in the table (they begin phrases such as
/// 其後三年, 在位十八年, 是年).
const NOT_ERA_START: &str = "其是此次明前後后今去每數数累凡餘余越踰逾自至及居歷历經经又再閱阅不未已於于在以迄先初積积近當当即既計计共治享有凡隔閲离離距後逮洎比";

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

fn numeral_year(s: &str) -> Option<(u32, usize)> {
    let (v, len) = numerals::parse_prefix(s)?;
    s[len..]
        .starts_with('年')
        .then_some((v, len + '年'.len_utf8()))
}

/// A heading candidate on the line `cs..ce`.
fn parse_candidate<'e>(text: &str, cs: usize, ce: usize, eras: &'e EraTable) -> Option<Cand<'e>> {
    let content = &text[cs..ce];
    let (lead, mut i) = match content.chars().next()? {
        '维' | '維' | '惟' => (true, 3),
        _ => (false, 0),
    };
    let gz = ganzhi::parse_prefix(&content[i..]);
    let try_from = |i: usize| -> Option<(Option<EraMatch<'e>>, u32, usize)> {
        let s = &content[i..];
        if let Some((len, ids)) = eras.longest_prefix(s, |rest| numeral_year(rest).is_some()) {
            let (v, ylen) = numeral_year(&s[len..])?;
            return Some((
                Some((Span::new(cs + i, cs + i + len), ids)),
                v,
                i + len + ylen,
            ));
        }
        if let Some((v, ylen)) = numeral_year(s) {
            return Some((None, v, i + ylen));
        }
        // An era the table does not know: 2–4 Han characters before the year.
        let first = s.chars().next()?;
        if NOT_ERA_START.contains(first) {
            return None;
        }
        for (n, (j, c)) in s.char_indices().enumerate() {
            // 元 may be part of the name (昇元, 開元); the year number is checked after each
            // character, so 昇元元年 splits as 昇元 + 元年.
            if n >= 4
                || !is_han(c)
                || numerals::is_numeral_char(c)
                || matches!(c, '年' | '月' | '日')
            {
                break;
            }
            let end = j + c.len_utf8();
            if n >= 1 {
                if let Some((v, ylen)) = numeral_year(&s[end..]) {
                    return Some((
                        Some((Span::new(cs + i, cs + i + end), &[][..])),
                        v,
                        i + end + ylen,
                    ));
                }
            }
        }
        None
    };
    let (ganzhi, (era, ordinal, label_len)) =
        match gz.and_then(|(g, l)| try_from(i + l).map(|r| (g, r))) {
            Some((g, r)) => (Some(g), r),
            None => (None, try_from(i)?),
        };
    if ordinal == 0 {
        return None;
    }
    i = label_len;
    let label = Span::new(cs + if lead { 3 } else { 0 }, cs + label_len);
    let mut annotation = None;
    if let Some((alen, ace, agz)) = parse_annotation(&content[i..]) {
        annotation = Some((Span::new(cs + i, cs + i + alen), ace, agz));
        i += alen;
    }
    let rest = &content[i..];
    let (term, heading_end) = match rest.chars().next() {
        None => (Term::Strong, cs + i),
        Some(c @ ('。' | '．')) => (Term::Strong, cs + i + c.len_utf8()),
        Some('.') => (Term::Strong, cs + i + 1),
        Some(c) if is_punct(c) || c == '\\' => (Term::Pause, cs + i),
        Some(c) if is_indent(c) => (Term::Strong, cs + i),
        Some(_) => (Term::Weak, cs + i),
    };
    let weak_ok = term == Term::Weak
        && (marks::mark_at(rest, true).is_some() || parse_parallel(rest, eras).is_some());
    Some(Cand {
        label,
        ganzhi,
        era,
        ordinal,
        annotation,
        heading_end,
        term,
        lead,
        weak_ok,
    })
}

/// A heading annotation right after the year: `（壬午、1102）`, `(1102)`, `（前403）`,
/// `（乙酉，公元1105年）`. Returns its byte length, CE year and 干支 (at least one of them).
fn parse_annotation(s: &str) -> Option<(usize, Option<i32>, Option<u8>)> {
    let (open_len, close) = if s.starts_with('（') {
        ('（'.len_utf8(), '）')
    } else if s.starts_with('(') {
        (1, ')')
    } else if s.starts_with("\\(") {
        (2, ')')
    } else {
        return None;
    };
    let inner_max = floor_boundary(s, 96);
    let close_at = s[open_len..inner_max].find(close)? + open_len;
    let end = close_at + close.len_utf8();
    let inner = s[open_len..close_at].trim_end_matches('\\');
    let mut gz = None;
    for (j, _) in inner.char_indices() {
        if let Some((g, _)) = ganzhi::parse_prefix(&inner[j..]) {
            gz = Some(g);
            break;
        }
    }
    let ce = annotation_year(inner);
    if gz.is_none() && ce.is_none() {
        return None;
    }
    Some((end, ce, gz))
}

/// The CE year in an annotation: ASCII or full-width digits; 前, 公元前, `-`, `BC` mark BCE.
fn annotation_year(inner: &str) -> Option<i32> {
    let mut digits = String::new();
    let mut start = None;
    for (j, c) in inner.char_indices() {
        let d = match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            _ => None,
        };
        match d {
            Some(d) => {
                start.get_or_insert(j);
                if digits.len() < 6 {
                    digits.push(d);
                }
            }
            None if start.is_some() => break,
            None => {}
        }
    }
    let start = start?;
    let before = &inner[..start];
    let after = &inner[start..];
    let bce = before.ends_with('前')
        || before.ends_with('-')
        || before.ends_with('−')
        || after.contains("BC");
    let v: i32 = digits.parse().ok()?;
    if v == 0 {
        return None;
    }
    Some(if bce { -v } else { v })
}

const DYNASTIES: [&str; 30] = [
    "後唐", "后唐", "後晉", "后晋", "後漢", "后汉", "後周", "后周", "北漢", "北汉", "南唐", "西夏",
    "南漢", "南汉", "後梁", "后梁", "宋", "金", "梁", "唐", "晉", "晋", "漢", "汉", "周", "蜀",
    "吳", "吴", "齊", "齐",
];

/// A parallel regime's date at the start of `s`: (byte length of the date, era span
/// relative to `s`, era candidates, ordinal).
fn parse_parallel<'e>(s: &str, eras: &'e EraTable) -> Option<(usize, Span, &'e [EraId], u32)> {
    let t = s.strip_prefix(['时', '時']).unwrap_or(s);
    let skip = s.len() - t.len();
    let dynasty = DYNASTIES.iter().find(|d| t.starts_with(**d))?;
    let mut off = dynasty.len();
    // Up to eight characters of ruler's name (均王, 徽宗, 庄宗李存勖, 高祖称) before the era.
    for _ in 0..=8 {
        let here = &t[off..];
        let accept = |rest: &str| numeral_year(rest).is_some() || rest.starts_with("改元");
        if let Some((len, ids)) = eras.longest_prefix(here, accept) {
            let after = &here[len..];
            let (year, ylen) = match numeral_year(after) {
                Some(v) => v,
                None => (1, "改元".len()),
            };
            let era = Span::new(skip + off, skip + off + len);
            return Some((skip + off + len + ylen, era, ids, year));
        }
        let c = here.chars().next()?;
        if is_punct(c) || !is_han(c) {
            return None;
        }
        off += c.len_utf8();
    }
    None
}

/// Parallel dates from `from` to the end of its line.
fn parallels(text: &str, from: usize, eras: &EraTable, context: Option<i32>) -> Vec<ParallelDate> {
    // When the heading stands alone on its line, the dates open the next paragraph.
    let rest_blank = text[from..]
        .split('\n')
        .next()
        .is_some_and(|l| l.chars().all(|c| is_indent(c) || c == '\r' || c == '¶'));
    let from = if rest_blank {
        let skip = text[from..].len()
            - text[from..]
                .trim_start_matches(|c: char| c.is_whitespace() || c == '¶')
                .len();
        from + skip
    } else {
        from
    };
    let line_end = memchr::memchr(b'\n', &text.as_bytes()[from..]).map_or(text.len(), |i| from + i);
    let mut out = Vec::new();
    let mut p = from;
    while let Some((len, _era, ids, year)) = parse_parallel(&text[p..line_end], eras) {
        let era = eras.resolve(ids, year, context, None);
        out.push(ParallelDate {
            text: text[p..p + len].to_owned(),
            span: Span::new(p, p + len),
            era,
            year,
            ce: era.and_then(|id| eras.get(id).year(year)),
        });
        p += len;
        match text[p..line_end].chars().next() {
            Some(c @ ('。' | '，' | '、' | '；')) => p += c.len_utf8(),
            _ => break,
        }
        if out.len() >= 4 {
            break;
        }
    }
    out
}

/// The era in force: what a bare ordinal (二年) continues.
#[derive(Debug, Clone, Copy)]
struct InForce {
    name: Span,
    era: Option<EraId>,
    /// Ordinal of the last entry counted in it (1 right after 改元).
    ordinal: u32,
    /// CE of its first year, when known.
    start: Option<i32>,
}

struct Decider<'t, 'e> {
    text: &'t str,
    eras: &'e EraTable,
    punctuated: bool,
    require_ganzhi: bool,
    /// Unknown era names used by two or more strong candidates.
    repeated_unknown: HashMap<String, usize>,
    segments: Vec<Segment>,
    volumes: Vec<Volume>,
    entries: Vec<Entry>,
    passages: Vec<DatedPassage>,
    diagnostics: Vec<Diagnostic>,
    current: Option<(SegmentKind, usize)>,
    in_notes: NotesState,
    /// The era of the last heading.
    in_force: Option<InForce>,
    /// An era proclaimed (改元) since the last heading.
    gaiyuan: Option<InForce>,
    unknown_starts: HashMap<String, i32>,
    /// The first entry of each CE year: its index and line number.
    seen_ce: HashMap<i32, (usize, usize)>,
    last_ce: Option<i32>,
    /// Findings not kept once [`MAX_DIAGNOSTICS`] were.
    suppressed: usize,
}

/// At most this many findings are kept (a hostile file could produce one per line).
pub const MAX_DIAGNOSTICS: usize = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NotesState {
    Out,
    /// Just after a notes heading: style not known yet.
    Start,
    /// Notes whose lines start with markers (\[一\]): the first unmarked line ends them.
    Marked,
    /// Notes without markers (考證): they run to the next volume.
    Free,
}

impl<'t, 'e> Decider<'t, 'e> {
    fn new(text: &'t str, eras: &'e EraTable, punctuated: bool, events: &[LineEvent<'e>]) -> Self {
        let mut n_gz = 0usize;
        let mut n_plain = 0usize;
        let mut unknown: HashMap<String, Vec<u32>> = HashMap::new();
        for ev in events {
            if let Event::Cand(c) = &ev.event {
                if c.lead || c.term == Term::Pause {
                    continue;
                }
                match c.era {
                    Some((_, ids)) if !ids.is_empty() => {
                        if c.ganzhi.is_some() {
                            n_gz += 1;
                        } else {
                            n_plain += 1;
                        }
                    }
                    Some((span, _)) if c.term == Term::Strong => {
                        unknown
                            .entry(fold_key(&text[span.range()]))
                            .or_default()
                            .push(c.ordinal);
                    }
                    _ => {}
                }
            }
        }
        let repeated_unknown = unknown
            .into_iter()
            .filter_map(|(k, mut ords)| {
                ords.sort_unstable();
                ords.dedup();
                (ords.len() >= 2).then_some((k, ords.len()))
            })
            .collect();
        Decider {
            text,
            eras,
            punctuated,
            require_ganzhi: n_gz >= 3 && n_gz >= n_plain,
            repeated_unknown,
            segments: Vec::new(),
            volumes: Vec::new(),
            entries: Vec::new(),
            passages: Vec::new(),
            diagnostics: Vec::new(),
            current: None,
            in_notes: NotesState::Out,
            in_force: None,
            gaiyuan: None,
            unknown_starts: HashMap::new(),
            seen_ce: HashMap::new(),
            last_ce: None,
            suppressed: 0,
        }
    }

    fn diag(&mut self, severity: Severity, line: usize, byte: usize, message: String) {
        if self.diagnostics.len() >= MAX_DIAGNOSTICS {
            self.suppressed += 1;
            return;
        }
        self.diagnostics.push(Diagnostic {
            severity,
            line,
            byte,
            message,
        });
    }

    /// Start a new segment at `at`, closing the current one.
    fn open(&mut self, kind: SegmentKind, at: usize) {
        if let Some((k, start)) = self.current.take() {
            if at > start {
                self.segments.push(Segment {
                    kind: k,
                    span: Span::new(start, at),
                });
            }
        }
        self.current = Some((kind, at));
    }

    fn volume(&self) -> Option<usize> {
        self.volumes.len().checked_sub(1)
    }

    /// The kind of plain text at this point: the volume's, or the preface.
    fn text_kind(&self) -> SegmentKind {
        match self.volume() {
            Some(v) => SegmentKind::Volume(v),
            None => SegmentKind::Preface,
        }
    }

    fn run(&mut self, fm_end: usize, events: &[LineEvent<'e>]) {
        if fm_end > 0 {
            self.current = Some((SegmentKind::FrontMatter, 0));
        }
        self.open(SegmentKind::Preface, fm_end);
        for ev in events {
            // Notes sections: decide where they end.
            match (&ev.event, self.in_notes) {
                (Event::Volume { .. }, _) | (_, NotesState::Out) => {}
                (Event::Notes, _) => {}
                (Event::Marked, NotesState::Start) => self.in_notes = NotesState::Marked,
                (_, NotesState::Start) => self.in_notes = NotesState::Free,
                (Event::Marked, NotesState::Marked) => {}
                (Event::Gaiyuan { .. }, NotesState::Marked) => {}
                (_, NotesState::Marked) => {
                    // An unmarked line after marked notes: the text goes on.
                    self.in_notes = NotesState::Out;
                    let kind = self.text_kind();
                    self.open(kind, ev.line_start);
                }
                (_, NotesState::Free) => {}
            }
            match &ev.event {
                Event::Volume {
                    number,
                    heading,
                    title,
                } => {
                    self.in_notes = NotesState::Out;
                    if let Some(v) = self.volumes.last_mut() {
                        v.span.end = ev.line_start;
                    }
                    let index = self.volumes.len();
                    self.volumes.push(Volume {
                        number: *number,
                        heading: self.text[heading.range()].to_owned(),
                        title: title.map(|t| self.text[t.range()].to_owned()),
                        span: Span::new(ev.line_start, self.text.len()),
                        entries: self.entries.len()..self.entries.len(),
                    });
                    self.open(SegmentKind::Volume(index), ev.line_start);
                }
                Event::Notes => {
                    if self.in_notes == NotesState::Out {
                        self.in_notes = NotesState::Start;
                        self.open(SegmentKind::Notes(self.volume()), ev.line_start);
                    }
                }
                Event::Marked | Event::Other => {}
                Event::Gaiyuan { era, ids } => {
                    if self.in_notes == NotesState::Out {
                        let id = self.eras.resolve(ids, 1, self.last_ce, None);
                        self.gaiyuan = Some(InForce {
                            name: *era,
                            era: id,
                            ordinal: 1,
                            start: id.map(|i| self.eras.get(i).start),
                        });
                    }
                }
                Event::Cand(c) => {
                    if self.in_notes == NotesState::Out {
                        self.candidate(ev, c);
                    }
                }
            }
        }
        let end = self.text.len();
        if let Some((k, start)) = self.current.take() {
            if end > start || self.segments.is_empty() {
                self.segments.push(Segment {
                    kind: k,
                    span: Span::new(start, end),
                });
            }
        }
        if let Some(v) = self.volumes.last_mut() {
            v.span.end = end;
        }
        // An entry runs to the start of the next segment.
        for seg in &self.segments {
            if let SegmentKind::Entry(i) = seg.kind {
                self.entries[i].span = seg.span;
            }
        }
        for v in &mut self.volumes {
            let first = self
                .entries
                .partition_point(|e| e.span.start < v.span.start);
            let last = self.entries.partition_point(|e| e.span.start < v.span.end);
            v.entries = first..last;
        }
    }

    fn era_text(&self, span: Span) -> &'t str {
        &self.text[span.range()]
    }

    fn candidate(&mut self, ev: &LineEvent<'e>, c: &Cand<'e>) {
        let label = &self.text[c.label.range()];
        let known_era = c.era.filter(|(_, ids)| !ids.is_empty());
        let is_passage = c.lead
            || c.term == Term::Pause
            || (self.require_ganzhi && c.ganzhi.is_none())
            || (c.term == Term::Weak && self.punctuated && !c.weak_ok);
        if is_passage {
            if let Some((_, ids)) = known_era {
                let era = self.eras.resolve(ids, c.ordinal, None, c.ganzhi);
                self.passages.push(DatedPassage {
                    label: c.label,
                    line: Span::new(ev.line_start, line_end(self.text, ev.line_start)),
                    era,
                    year: c.ordinal,
                    ce: era.and_then(|id| self.eras.get(id).year(c.ordinal)),
                    volume: self.volume(),
                });
            }
            return;
        }
        // Which era is this year in?
        let (era_span, era_id, inherited, unknown_key) = match c.era {
            Some((span, ids)) if !ids.is_empty() => {
                let id = self
                    .eras
                    .resolve(ids, c.ordinal, self.last_ce.map(|y| y + 1), c.ganzhi);
                (Some(span), id, None, None)
            }
            Some((span, _)) => {
                let key = fold_key(self.era_text(span));
                let trusted = c.ganzhi.is_some()
                    || c.annotation.is_some()
                    || self.repeated_unknown.contains_key(&key);
                if !trusted || c.term != Term::Strong {
                    return;
                }
                (Some(span), None, None, Some(key))
            }
            None => {
                // A bare ordinal continues the era of the last heading, or one proclaimed
                // since (改元乾統 … 二年); the next year of the old era wins a tie, since
                // texts also report rivals' proclamations (高永昌…改元應順).
                let fits = |f: &InForce| c.ordinal > f.ordinal && c.ordinal <= f.ordinal + 12;
                let old = self.in_force.filter(fits);
                let new = self.gaiyuan.filter(fits);
                let chosen = match (old, new) {
                    (Some(o), Some(_)) if c.ordinal == o.ordinal + 1 => o,
                    (_, Some(n)) => n,
                    (Some(o), None) => o,
                    (None, None) => return,
                };
                self.in_force = Some(chosen);
                (None, chosen.era, Some(chosen.name), None)
            }
        };
        // The same year written again inside its own entry is text (a paragraph repeating
        // the date in another style), not a new entry.
        if let Some(prev) = self.entries.last() {
            let same_volume = prev.volume == self.volume();
            let prev_era = self.era_of(prev).map(fold_key);
            let this_era = era_span.or(inherited).map(|s| fold_key(self.era_text(s)));
            let in_entry = matches!(self.current, Some((SegmentKind::Entry(_), _)));
            if same_volume && in_entry && prev.year == c.ordinal && prev_era == this_era {
                self.diag(
                    Severity::Info,
                    ev.line_no,
                    c.label.start,
                    format!("{label} repeats the heading of its own entry; read as text"),
                );
                return;
            }
        }
        // CE year.
        let table_ce = era_id.and_then(|id| self.eras.get(id).year(c.ordinal));
        let unknown_ce = unknown_key
            .as_ref()
            .and_then(|k| self.unknown_starts.get(k))
            .map(|s| s + c.ordinal as i32 - 1);
        let inherited_ce = match (inherited, self.in_force) {
            (Some(_), Some(f)) if era_id.is_none() => f.start.map(|s| s + c.ordinal as i32 - 1),
            _ => None,
        };
        let reckoned = table_ce.or(unknown_ce).or(inherited_ce);
        let (ce, source) = if let Some(ace) = c.annotation.and_then(|a| a.1) {
            if let Some(t) = table_ce.filter(|t| *t != ace) {
                let msg = format!(
                    "{label}: its annotation gives {ace}, the era table {t}; the annotation is used"
                );
                self.diag(Severity::Warning, ev.line_no, c.label.start, msg);
            }
            (Some(ace), CeSource::Annotation)
        } else if let Some(g) = c.ganzhi.or(c.annotation.and_then(|a| a.2)) {
            let around = reckoned.or(self.last_ce.map(|y| y + 1));
            match around {
                Some(a) => {
                    let y = ganzhi::nearest_year(g, a);
                    if let Some(t) = table_ce.filter(|t| *t != y) {
                        let era = self.eras.get(era_id.expect("table_ce implies an era"));
                        let msg = format!(
                            "{label}: 干支 {} is {y}, but the era table puts {}{} in {t} ({} {}–{}); CE taken from the 干支",
                            ganzhi::name(g),
                            era.name,
                            super::year_name(c.ordinal),
                            era.dynasty,
                            era.start,
                            era.end
                        );
                        self.diag(Severity::Warning, ev.line_no, c.label.start, msg);
                    }
                    (Some(y), CeSource::Ganzhi)
                }
                None => (None, CeSource::Ganzhi),
            }
        } else if table_ce.is_some() {
            (table_ce, CeSource::Table)
        } else {
            (reckoned, CeSource::Context)
        };
        if let Some(id) = era_id {
            let era = self.eras.get(id);
            if c.ordinal > era.len() {
                let msg = format!(
                    "{label}: the era table gives {} only {} years ({}–{}, {})",
                    era.name,
                    era.len(),
                    era.start,
                    era.end,
                    era.dynasty
                );
                self.diag(Severity::Warning, ev.line_no, c.label.start, msg);
            }
        }
        if let Some(key) = &unknown_key {
            if let Some(y) = ce {
                self.unknown_starts
                    .entry(key.clone())
                    .or_insert(y - c.ordinal as i32 + 1);
            }
            let era = self.era_text(era_span.expect("unknown era has a span"));
            let msg = format!("{label}: unknown era '{era}' (not in the era table)");
            self.diag(Severity::Warning, ev.line_no, c.label.start, msg);
        }
        if let (Some(y), Some(prev)) = (ce, self.last_ce) {
            if y < prev && !self.seen_ce.contains_key(&y) {
                let msg =
                    format!("{label} ({y}) comes after a later year ({prev}): years out of order");
                self.diag(Severity::Warning, ev.line_no, c.label.start, msg);
            }
        }
        if let Some(y) = ce {
            if let Some(&(first, first_line)) = self.seen_ce.get(&y) {
                let other = &self.entries[first];
                let msg = format!(
                    "{label} ({y}) repeats the year of {} at line {first_line}",
                    &self.text[other.label.range()],
                );
                self.diag(Severity::Info, ev.line_no, c.label.start, msg);
            } else {
                self.seen_ce.insert(y, (self.entries.len(), ev.line_no));
            }
            self.last_ce = Some(y);
        }
        let index = self.entries.len();
        self.open(SegmentKind::Entry(index), ev.line_start);
        let parallels = parallels(self.text, c.heading_end, self.eras, ce);
        self.entries.push(Entry {
            span: Span::new(ev.line_start, self.text.len()),
            label: c.label,
            heading_end: c.heading_end,
            era_span,
            era: era_id,
            year: c.ordinal,
            ce,
            ce_source: source,
            ganzhi: c.ganzhi.or(c.annotation.and_then(|a| a.2)),
            annotation: c.annotation.map(|a| a.0),
            parallels,
            marks: Vec::new(),
            volume: self.volume(),
            inherited_era: inherited,
        });
        let name = era_span
            .or(inherited)
            .expect("an entry has an era name or inherits one");
        self.gaiyuan = None;
        self.in_force = Some(InForce {
            name,
            era: era_id,
            ordinal: c.ordinal,
            start: ce.map(|y| y - c.ordinal as i32 + 1),
        });
    }

    fn era_of(&self, e: &Entry) -> Option<&'t str> {
        e.era_span.or(e.inherited_era).map(|s| self.era_text(s))
    }
}

fn line_end(text: &str, from: usize) -> usize {
    memchr::memchr(b'\n', &text.as_bytes()[from..]).map_or(text.len(), |i| from + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_found_by_threads_are_the_marks_found_by_one() {
        let books = [
            include_str!("../../../tests/fixtures/books/qidan-guozhi-full.md"),
            include_str!("../../../tests/fixtures/books/mandoku-sample.txt"),
            crate::model::EMBEDDED_TEXT,
        ];
        for text in books {
            let c = segment(text.into(), EraTable::embedded());
            let (fm_end, _, _) = front_matter(text, detect_format(text));
            let punctuated = is_punctuated(&text[fm_end..]);
            let one: Vec<_> = c.entries.iter().map(|e| e.marks.clone()).collect();
            assert!(one.iter().any(|m| !m.is_empty()));
            for threads in 2..=5 {
                let mut entries = c.entries.clone();
                for e in &mut entries {
                    e.marks.clear();
                }
                find_marks(&c.text, &mut entries, punctuated, threads);
                let many: Vec<_> = entries.iter().map(|e| e.marks.clone()).collect();
                assert_eq!(many, one, "{threads} threads");
            }
        }
        assert_eq!(marks_threads(1000), 1);
    }
}
