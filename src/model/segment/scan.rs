//! Pass one: the lines that matter — volume headings and their titles, notes sections,
//! heading candidates (a year at the start of a line) and era changes (改元X).

use crate::calendar::EraTable;
use crate::calendar::era::{Country, EraId, EraKind, RulerId};

use super::super::{ParallelDate, Span, ganzhi, marks, numerals};
use super::{Format, floor_boundary};

/// How a heading candidate's label ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Term {
    /// 。, an annotation, or the end of the line.
    Strong,
    /// Text follows directly (unpunctuated texts, or a parallel date).
    Weak,
    /// ，、： — the year opens a sentence.
    Pause,
}

/// An era name as written and the table's candidates for it (none: an unknown era).
type EraMatch<'e> = (Span, std::borrow::Cow<'e, [EraId]>);

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Cand<'e> {
    pub(super) label: Span,
    pub(super) ganzhi: Option<u8>,
    pub(super) era: Option<EraMatch<'e>>,
    /// 0 for a year named by its 干支 alone (`戊子年`).
    pub(super) ordinal: u32,
    pub(super) annotation: Option<(Span, Option<i32>, Option<u8>)>,
    pub(super) heading_end: usize,
    pub(super) term: Term,
    /// Introduced by 维/惟 (a dated document, never a heading).
    pub(super) lead: bool,
    /// A parallel date or a time mark follows a weak ending.
    pub(super) weak_ok: bool,
    /// In a Kanripo text, the line starts a print column in the middle of a paragraph
    /// (the line before it is full): only a year that continues the sequence is a heading.
    pub(super) mid_paragraph: bool,
    /// It starts after a sentence in the middle of a line.
    pub(super) mid_line: bool,
    /// In mid-paragraph, after a print line ending in a numeral: the ordinal the two would
    /// make together (三十 / 四年 → 34), if this is not a heading but the tail of a number.
    pub(super) joined_ordinal: Option<u32>,
    /// The era is written after its regime's name (`晋太熈元年`, `宋崇寧五年`): a heading in
    /// a book of that regime, another regime's date in any other.
    pub(super) regime_prefixed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Event<'e> {
    Volume {
        number: Option<u32>,
        heading: Span,
        title: Option<Span>,
    },
    Notes,
    /// The `#` header block of a Kanripo file concatenated into the text (its first line):
    /// a new 卷 starts here, or its notes (`#+PROPERTY: JUAN 卷一考證`).
    FileHeader {
        notes: bool,
    },
    /// A line of notes-like text, starting with a note marker (\[一\], [一], 〔一〕).
    Marked,
    /// Any other non-blank line (ends a marked notes section).
    Other,
    Cand(Cand<'e>),
    /// An era proclaimed in the text: `改元乾統`, `改元曰天授`, `改明年為乾德元年`; where its
    /// name is written, unless a print line's end breaks it.
    Gaiyuan {
        era: Option<Span>,
        ids: &'e [EraId],
    },
    /// The line after a 卷 heading that gives the years it spans, as 綱目 editions write
    /// it (`【起丁巳明孝宗治十年盡乙丑明孝宗治十八年】凡九年`): the span's text.
    VolumeSpan(Span),
    /// A ruler's name alone on a line (`安王`, `赧王上`): his years follow.
    RulerLine {
        name: Span,
        rulers: &'e [RulerId],
    },
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct LineEvent<'e> {
    pub(super) line_start: usize,
    pub(super) line_no: usize,
    pub(super) event: Event<'e>,
}

pub(super) fn is_indent(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{feff}')
}

/// The byte searches the scan makes on every line, built once.
struct Needles {
    nian: memchr::memmem::Finder<'static>,
    /// 元 (of 改元 and 元年).
    yuan: memchr::memmem::Finder<'static>,
    /// 。
    stop: memchr::memmem::Finder<'static>,
    /// 載 and 载, the other words for year.
    zai: [memchr::memmem::Finder<'static>; 2],
    /// 【, which opens the years of a line that runs them together.
    bracket: memchr::memmem::Finder<'static>,
}

static NEEDLES: std::sync::LazyLock<Needles> = std::sync::LazyLock::new(|| Needles {
    nian: memchr::memmem::Finder::new("年"),
    yuan: memchr::memmem::Finder::new("元"),
    stop: memchr::memmem::Finder::new("。"),
    zai: [
        memchr::memmem::Finder::new("載"),
        memchr::memmem::Finder::new("载"),
    ],
    bracket: memchr::memmem::Finder::new("【"),
});

/// Where a character occurs in a range of the text, found in one search of the whole
/// range (cheaper than a search on every line), and read line by line.
struct Hits {
    at: Vec<usize>,
    next: usize,
}

impl Hits {
    fn new(finder: &memchr::memmem::Finder<'_>, text: &[u8], from: usize, to: usize) -> Hits {
        Hits {
            at: finder
                .find_iter(&text[from..to])
                .map(|i| from + i)
                .collect(),
            next: 0,
        }
    }

    /// The places, relative to `start`, of the three-byte character wholly inside
    /// `start..end`. Lines are read in order: the places before `start` are passed over
    /// for good.
    fn within(&mut self, start: usize, end: usize, out: &mut Vec<usize>) {
        out.clear();
        while self.at.get(self.next).is_some_and(|&a| a < start) {
            self.next += 1;
        }
        out.extend(
            self.at[self.next..]
                .iter()
                .take_while(|&&a| a + 3 <= end)
                .map(|&a| a - start),
        );
    }
}

/// Where the three-byte character `c` (its UTF-8) first occurs in `hay`: a byte search for
/// its last byte, a continuation byte, rarer in Chinese text than its lead byte. Cheaper
/// than a string search on the short heads of lines it is used on.
fn find3(hay: &[u8], c: &[u8; 3]) -> Option<usize> {
    memchr::memchr_iter(c[2], hay)
        .find(|&i| i >= 2 && hay[i - 2] == c[0] && hay[i - 1] == c[1])
        .map(|i| i - 2)
}

/// The UTF-8 of a three-byte character.
const fn utf8_3(c: &str) -> [u8; 3] {
    let b = c.as_bytes();
    assert!(b.len() == 3);
    [b[0], b[1], b[2]]
}

/// [`numerals::parse_prefix`], answering at once where the first character is no numeral
/// (most places a year is looked for).
fn numeral_prefix(s: &str) -> Option<(u32, usize)> {
    let mut it = s.chars();
    let c = it.next()?;
    let next_is_numeral = || {
        s[c.len_utf8()..]
            .chars()
            .next()
            .is_some_and(numerals::is_numeral_char)
    };
    if c == '元' {
        // 元 alone is "first"; 元 followed by more numeral characters is not a numeral.
        return (!next_is_numeral()).then_some((1, c.len_utf8()));
    }
    if !numerals::is_numeral_char(c) {
        return None;
    }
    // One numeral character alone (二年, 十年): the run is that character, and a digit
    // is its own value.
    if !next_is_numeral() {
        let len = c.len_utf8();
        return match numerals::digit(c) {
            Some(d) => Some((d, len)),
            None => numerals::value(&s[..len]).map(|v| (v, len)),
        };
    }
    numerals::parse_prefix(s)
}

/// [`ganzhi::parse_prefix`], answering at once where the first character is no stem: not
/// one of the ten, nor a variant of one or of the characters confused with one (戍, 已).
fn ganzhi_prefix(s: &str) -> Option<(u8, usize)> {
    let mut it = s.chars();
    let a = it.next()?;
    if STEM_CHARS.binary_search(&a).is_err() {
        return None;
    }
    let b = it.next()?;
    if let (Some(stem), Some(branch)) = (
        ganzhi::STEMS.iter().position(|&c| c == a),
        ganzhi::BRANCHES.iter().position(|&c| c == b),
    ) {
        // The cycle position with this stem (n % 10) and branch (n % 12), if the two have
        // the same parity: one of the six positions with this stem.
        if let Some(n) = (stem..60).step_by(10).find(|n| n % 12 == branch) {
            return Some((n as u8, a.len_utf8() + b.len_utf8()));
        }
    }
    ganzhi::parse_prefix(s)
}

/// Every character a 干支 may start with, sorted: the stems, the characters confused with
/// them (戊 戍 戌, 己 已 巳), and each one's variants (all that fold with it).
static STEM_CHARS: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
    let mut chars: Vec<char> = ganzhi::STEMS
        .iter()
        .chain(&['戍', '戌', '已', '巳'])
        .flat_map(|&c| crate::search::fold::variants(c).iter().copied())
        .collect();
    chars.sort_unstable();
    chars.dedup();
    chars
});

/// Texts above this size are scanned in two halves on two threads.
const PARALLEL_FROM: usize = 2 << 20;
/// The lines each half reads past its end: what one line decides reaches no further (a
/// volume's title four lines on, a Kanripo header block).
const OVERLAP_LINES: usize = 64;

/// Pass one: the lines that matter. A big text is read in two halves at once, each half
/// reading [`OVERLAP_LINES`] lines past the split so that it ends (and the other starts)
/// in the state one pass would have: the events are those of one pass.
pub(super) fn scan<'e>(
    text: &str,
    from: usize,
    format: Format,
    columns: Option<usize>,
    eras: &'e EraTable,
) -> Vec<LineEvent<'e>> {
    let bytes = text.as_bytes();
    let two = std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
    if !two || text.len() - from < PARALLEL_FROM {
        return scan_range(text, from, text.len(), from, format, columns, eras);
    }
    // Split at a line start near the middle.
    let mid = from + (text.len() - from) / 2;
    let split = memchr::memchr(b'\n', &bytes[mid..]).map_or(text.len(), |i| mid + i + 1);
    scan_halves(text, from, split, format, columns, eras)
}

/// [`scan`] in two halves split at the line start `split`, the second on another thread.
fn scan_halves<'e>(
    text: &str,
    from: usize,
    split: usize,
    format: Format,
    columns: Option<usize>,
    eras: &'e EraTable,
) -> Vec<LineEvent<'e>> {
    let bytes = text.as_bytes();
    if split <= from || split >= text.len() {
        return scan_range(text, from, text.len(), from, format, columns, eras);
    }
    let back = memchr::memrchr_iter(b'\n', &bytes[from..split - 1])
        .nth(OVERLAP_LINES)
        .map_or(from, |i| from + i + 1);
    let ahead = memchr::memchr_iter(b'\n', &bytes[split..])
        .nth(OVERLAP_LINES)
        .map_or(text.len(), |i| split + i + 1);
    let (first, second) = std::thread::scope(|s| {
        let other = std::thread::Builder::new()
            .spawn_scoped(s, move || {
                scan_range(text, back, text.len(), split, format, columns, eras)
            })
            .ok();
        let mut first = scan_range(text, from, ahead, from, format, columns, eras);
        first.retain(|e| e.line_start < split);
        // A thread that could not start (or panicked) is done here.
        let second = other
            .and_then(|h| h.join().ok())
            .unwrap_or_else(|| scan_range(text, back, text.len(), split, format, columns, eras));
        (first, second)
    });
    let mut events = first;
    events.extend(second);
    events
}

/// The events of the lines starting in `from..to`, in the state a pass from `from` reaches,
/// keeping those at or after `keep_from`.
fn scan_range<'e>(
    text: &str,
    from: usize,
    to: usize,
    keep_from: usize,
    format: Format,
    columns: Option<usize>,
    eras: &'e EraTable,
) -> Vec<LineEvent<'e>> {
    let mut events = Vec::new();
    let bytes = text.as_bytes();
    let mut line_no = 1 + memchr::memchr_iter(b'\n', &bytes[..from]).count();
    let mut pos = from;
    // After a volume heading, how many more lines may still hold its title (the
    // compiler's line and 欽定四庫全書 are passed over).
    let mut want_title = 0u8;
    let Needles {
        nian,
        yuan,
        stop,
        zai,
        bracket,
    } = &*NEEDLES;
    // The 年 and 元 of the whole range, found at once; those of each line, relative to
    // its content.
    let mut nians = Hits::new(nian, bytes, from, to);
    let mut yuans = Hits::new(yuan, bytes, from, to);
    let (mut line_nians, mut line_yuans) = (Vec::new(), Vec::new());
    // The print line before this one, in a Kanripo text: was it full, and did it end in a
    // numeral (so that a year at this line's start is the tail of a number)?
    let mut prev_full = false;
    // The last few characters of the previous print line (a number, an era name or a
    // proclamation may run on into this one).
    let mut prev_tail = String::new();
    // Inside a `#` header block of a concatenated Kanripo file, and its event's index.
    let mut in_header = false;
    let mut header_at = 0;
    // A line holding only a 干支 (`乙酉`), as 宋季三朝政要 writes a year's name above its
    // heading: (the 干支, its line start, line number, span), for the next line.
    let mut pending_ganzhi: Option<(u8, usize, usize, Span)> = None;
    while pos < to {
        let nl = memchr::memchr(b'\n', &bytes[pos..]).map_or(text.len(), |i| pos + i);
        let line_start = pos;
        // A Kanripo file of two editions marks one edition's print lines by newlines and
        // the other's by `¶` inside them: each piece is a print line of its own.
        let piece_end = match format {
            Format::Mandoku => pilcrow_inside(&text[pos..nl]).map(|p| pos + p),
            _ => None,
        };
        let (end, next) = match piece_end {
            Some(p) => (p, p + '¶'.len_utf8()),
            None => (nl, (nl + 1).min(text.len())),
        };
        let (cs, ce) = content(text, line_start, end, format);
        let content = &text[cs..ce];
        let this_line = line_no;
        pos = next;
        if piece_end.is_none() {
            line_no += 1;
        }
        if content.is_empty() {
            continue;
        }
        if format == Format::Mandoku && content.starts_with('#') {
            let starts_block = !in_header;
            in_header = true;
            if starts_block {
                header_at = events.len();
                events.push(LineEvent {
                    line_start,
                    line_no: this_line,
                    event: Event::FileHeader { notes: false },
                });
            }
            if let Some(juan) = content.strip_prefix("#+PROPERTY: JUAN") {
                if is_notes_heading(juan.trim()) || juan.trim().ends_with("考證") {
                    if let Some(LineEvent {
                        event: Event::FileHeader { notes },
                        ..
                    }) = events.get_mut(header_at)
                    {
                        *notes = true;
                    }
                }
            }
            prev_full = false;
            continue;
        }
        in_header = false;
        let ganzhi_line = pending_ganzhi.take();
        if format != Format::Mandoku {
            let bare = content.trim_end_matches(is_indent);
            // (Two characters are at most 8 bytes.)
            let whole = |&(_, l): &(u8, usize)| l == bare.len();
            if let Some((g, l)) = (bare.len() <= 8)
                .then(|| ganzhi_prefix(bare))
                .flatten()
                .filter(whole)
            {
                pending_ganzhi = Some((g, line_start, this_line, Span::new(cs, cs + l)));
                prev_full = false;
                continue;
            }
        }
        let mid_paragraph = prev_full;
        let tail = std::mem::take(&mut prev_tail);
        if let Some(width) = columns {
            prev_full = !content.starts_with('#') && visible_chars(content) + 1 >= width;
            let from = content.char_indices().rev().nth(3).map_or(0, |(i, _)| i);
            prev_tail = content[from..].to_owned();
        }
        let push = |events: &mut Vec<LineEvent<'e>>, event| {
            events.push(LineEvent {
                line_start,
                line_no: this_line,
                event,
            })
        };
        if want_title > 0 {
            want_title -= 1;
            if let Some(span) = volume_span(content) {
                push(
                    &mut events,
                    Event::VolumeSpan(Span::new(cs + span.start, cs + span.end)),
                );
                want_title = 0;
                continue;
            }
            let heading = || {
                parse_candidate(text, cs, ce, eras)
                    .is_some_and(|c| c.term != Term::Weak || c.weak_ok)
            };
            if !is_notes_heading(content) && !heading() {
                if is_compiler_line(content) {
                    continue;
                }
                want_title = 0;
                let found = bracketed_title(content)
                    .map(|r| Span::new(cs + r.start, cs + r.end))
                    .or_else(|| is_title_line(content).then(|| Span::new(cs, ce)));
                if let Some(found) = found {
                    if let Some(LineEvent {
                        event: Event::Volume { title, .. },
                        ..
                    }) = events.last_mut()
                    {
                        title.get_or_insert(found);
                    }
                    continue;
                }
            }
            want_title = 0;
        }
        if is_notes_heading(content) {
            push(&mut events, Event::Notes);
            continue;
        }
        if let Some((number, bracket)) = volume_heading(content) {
            push(
                &mut events,
                Event::Volume {
                    number,
                    heading: Span::new(cs, ce),
                    title: bracket.map(|r| Span::new(cs + r.start, cs + r.end)),
                },
            );
            want_title = 4;
            continue;
        }
        if starts_with_note_marker(content) {
            push(&mut events, Event::Marked);
            continue;
        }
        // Years run together with their events in brackets (稽古錄's 歷年 layout).
        let bracketed = if format != Format::Mandoku && bracket.find(content.as_bytes()).is_some() {
            bracket_years(content, eras)
        } else {
            Vec::new()
        };
        if !bracketed.is_empty() {
            for (k, (at, c)) in bracketed.into_iter().enumerate() {
                events.push(LineEvent {
                    // The first year takes the line, with the ruler's name before it.
                    line_start: if k == 0 { line_start } else { cs + at },
                    line_no: this_line,
                    event: Event::Cand(Cand {
                        label: Span::new(cs + c.label.start, cs + c.label.end),
                        heading_end: cs + c.heading_end,
                        era: c
                            .era
                            .map(|(sp, ids)| (Span::new(cs + sp.start, cs + sp.end), ids)),
                        ..c
                    }),
                });
            }
            continue;
        }
        // A year needs 年 near the start of the line.
        let head = &content.as_bytes()[..content.len().min(90)];
        nians.within(cs, ce, &mut line_nians);
        let first_nian = line_nians.first().copied();
        let nian_in_head = first_nian.is_some_and(|at| at + "年".len() <= head.len());
        let zai_in_head = || find3(head, &utf8_3("載")).is_some();
        // After a print line ending in a numeral, a bare ordinal at this line's start is the
        // tail of that number (十 / 一年), not a heading.
        let cand = if nian_in_head || zai_in_head() {
            parse_candidate(text, cs, ce, eras)
                .filter(|_| !(mid_paragraph && splits_era(&tail, content, eras)))
                .map(|c| Cand {
                    mid_paragraph,
                    joined_ordinal: mid_paragraph
                        .then(|| joined_ordinal(&tail, &text[c.label.range()]))
                        .flatten(),
                    ..c
                })
        } else {
            None
        };
        // Where the year starts: its line, or the 干支 line over it.
        let mut cand_at = (line_start, this_line);
        let cand = match (ganzhi_line, cand) {
            // The 干支 line names the year of the heading under it, which needs no season
            // after it then (`绍定六年诏抑贪竞`); the year starts at it.
            (Some((g, gz_start, gz_line, _)), Some(c)) if c.era.is_some() && !c.lead => {
                cand_at = (gz_start, gz_line);
                Some(Cand {
                    ganzhi: c.ganzhi.or(Some(g)),
                    weak_ok: true,
                    ..c
                })
            }
            // A 干支 line over a year's events (`丙子` / `正月戊寅…`): the year's heading.
            (Some((g, gz_start, gz_line, label)), None) if opens_year(content) => {
                events.push(LineEvent {
                    line_start: gz_start,
                    line_no: gz_line,
                    event: Event::Cand(Cand {
                        label,
                        ganzhi: Some(g),
                        era: None,
                        ordinal: 0,
                        annotation: None,
                        heading_end: label.end,
                        term: Term::Strong,
                        lead: false,
                        weak_ok: false,
                        mid_paragraph: false,
                        mid_line: false,
                        joined_ordinal: None,
                        regime_prefixed: false,
                    }),
                });
                None
            }
            (_, cand) => cand,
        };
        let had_cand = cand.is_some();
        match cand {
            Some(c) => events.push(LineEvent {
                line_start: cand_at.0,
                line_no: cand_at.1,
                event: Event::Cand(c),
            }),
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
        // Years that open a sentence in the middle of a line, where an edition runs its
        // years together (`…斩阜、赐。 建武元年春正月，…`): only with a season or a month
        // after them, and only as headings the resolver may pass over.
        let nian_after_3 = line_nians.iter().any(|&at| at >= 3);
        if format != Format::Mandoku && nian_after_3 {
            // A sentence's end whose next 30 bytes hold no 年 starts nothing, nor one with
            // no year after it that a season or month may follow (the only years kept
            // below): only the stops before the last such year need a look. (Where the
            // line writes 載, every 年 is a candidate's end.)
            let cb = content.as_bytes();
            let last_nian = line_nians.last().copied().unwrap_or(0);
            let last = line_nians
                .iter()
                .rev()
                .find(|&&y| may_open_year(&content[y + "年".len()..]))
                .copied()
                .unwrap_or(0);
            let last = if last < last_nian && zai.iter().any(|z| z.find(cb).is_some()) {
                last_nian
            } else {
                last
            };
            for at in stop.find_iter(&cb[..last]) {
                let from = at + '。'.len_utf8();
                let rest = &content[from..];
                let skip = rest.len() - rest.trim_start_matches(is_indent).len();
                let start = cs + from + skip;
                if start >= ce
                    || nian
                        .find(&text.as_bytes()[start..ce.min(start + 30)])
                        .is_none()
                {
                    continue;
                }
                if let Some(c) = parse_candidate(text, start, ce, eras) {
                    let after = &text[c.heading_end..ce];
                    if c.term == Term::Weak && opens_with_season_or_month(after) && c.ordinal > 0 {
                        events.push(LineEvent {
                            line_start: start,
                            line_no: this_line,
                            event: Event::Cand(Cand {
                                mid_paragraph: true,
                                mid_line: true,
                                ..c
                            }),
                        });
                    }
                }
            }
        }
        let _ = had_cand;
        // Not the last print line of a paragraph (`…山行章叛附於` / `王建`: a name, not a
        // reign), unless indented as a heading is (皇王大紀's `　　考王`).
        let indented = text[line_start..cs].starts_with(is_indent);
        if let Some((name, rulers)) = (!mid_paragraph || indented)
            .then(|| ruler_line(content, eras))
            .flatten()
            .or_else(|| {
                (!mid_paragraph)
                    .then(|| ruler_intro(content, eras))
                    .flatten()
            })
        {
            push(
                &mut events,
                Event::RulerLine {
                    name: Span::new(cs + name.start, cs + name.end),
                    rulers,
                },
            );
            continue;
        }
        // Era changes inside the line: 改元乾統, 改元曰天授, 改明年為乾德元年.
        // Eras proclaimed in the line (in a Kanripo text, with the end of the previous
        // print line before it, where a proclamation may begin).
        let joined_owned;
        let (joined, carried) = if columns.is_some() && !tail.is_empty() {
            joined_owned = format!("{tail}{content}");
            line_yuans.clear();
            line_yuans.extend(yuan.find_iter(joined_owned.as_bytes()));
            (joined_owned.as_str(), tail.len())
        } else {
            yuans.within(cs, ce, &mut line_yuans);
            (content, 0)
        };
        for (at, len, ids) in proclamations(joined, &line_yuans, eras) {
            if at + len <= carried {
                continue;
            }
            // A name broken by the line break has no single place in the text.
            let era =
                (at >= carried).then(|| Span::new(cs + at - carried, cs + at - carried + len));
            push(&mut events, Event::Gaiyuan { era, ids });
        }
    }
    if keep_from > from {
        events.retain(|e| e.line_start >= keep_from);
    }
    events
}

/// The eras proclaimed in `s` — `改元乾統`, `改元曰天授`, `改明年為乾德元年`,
/// `以十二月朔為始建國元年正月` — as (byte offset, byte length, Chinese candidates). `yuans`:
/// where 元 stands in `s`.
fn proclamations<'e>(
    s: &str,
    yuans: &[usize],
    eras: &'e EraTable,
) -> Vec<(usize, usize, &'e [EraId])> {
    let chinese = |ids: &[EraId]| ids.iter().any(|&i| eras.get(i).country() == Country::China);
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let gaiyuan = yuans
        .iter()
        .filter(|&&y| y >= 3 && bytes[y - 3..y] == *"改".as_bytes())
        .map(|&y| y - 3);
    for at in gaiyuan {
        let mut start = at + "改元".len();
        if let Some(c) = s[start..]
            .chars()
            .next()
            .filter(|c| matches!(c, '曰' | '爲' | '為' | '为'))
        {
            start += c.len_utf8();
        }
        if let Some((len, ids)) = eras.longest_prefix(&s[start..], |_| true) {
            if chinese(ids) {
                out.push((start, len, ids));
            }
        }
    }
    // An era's 元年 named as the object of 為.
    if !yuans
        .iter()
        .any(|&y| bytes.get(y + 3..y + 6) == Some("年".as_bytes()))
    {
        return out;
    }
    // Only a 為 that an era's name and 元年 follow: within the longest name's bytes
    // before a 元年.
    let reach = 4 * eras.max_name_chars() + '為'.len_utf8();
    let mut wei: Vec<usize> = Vec::new();
    for &y in yuans {
        if bytes.get(y + 3..y + 6) != Some("年".as_bytes()) {
            continue;
        }
        let from = floor_boundary(s, y.saturating_sub(reach));
        wei.extend(
            s[from..y]
                .char_indices()
                .filter(|&(_, c)| matches!(c, '爲' | '為' | '为'))
                .map(|(i, _)| from + i),
        );
    }
    wei.sort_unstable();
    wei.dedup();
    for at in wei {
        let start = at + '為'.len_utf8();
        if let Some((len, ids)) = eras.longest_prefix(&s[start..], |rest| rest.starts_with("元年"))
        {
            if chinese(ids) && !out.iter().any(|&(a, _, _)| a == start) {
                out.push((start, len, ids));
            }
        }
    }
    out
}

/// A ruler's name alone on a line, as 資治通鑑 heads each reign (`安王`, `赧王上`, `周安王`):
/// the name's range in `content` and the rulers it may denote.
fn ruler_line<'e>(
    content: &str,
    eras: &'e EraTable,
) -> Option<(std::ops::Range<usize>, &'e [RulerId])> {
    // A note on the name may follow it (`平王(名宜/臼)`, `宣王（名靖）`).
    // (The end is looked at first: a search for the bracket would read every line.)
    let content = match content.ends_with([')', '）']) {
        true => content.find(['(', '（']).map_or(content, |i| &content[..i]),
        false => content,
    };
    if !at_most_chars(content, 8) || !content.chars().all(is_han) {
        return None;
    }
    let name = content.trim_end_matches(['上', '中', '下']);
    let rulers = eras.rulers_named(name);
    let chars = name.chars().count();
    if !rulers.is_empty() && chars >= 2 {
        return Some((0..name.len(), rulers));
    }
    // A king the table knows by another name (皇王大紀's 貞王 for 貞定王): a new reign all
    // the same, its years reckoned from the years around them.
    let unknown_king = (2..=3).contains(&chars)
        && name.ends_with('王')
        && !name.starts_with(|c: char| numerals::is_numeral_char(c));
    unknown_king.then_some((0..name.len(), &[][..]))
}

/// Whether an era's name runs from the end of the previous print line (`tail`) into this
/// one (`…改明年為元` / `貞元年…` is 元貞, `致和` / `元年` is 致和元年).
fn splits_era(tail: &str, content: &str, eras: &EraTable) -> bool {
    if tail.is_empty() {
        return false;
    }
    // The tail's last characters and this line's first ones make a longer era name.
    let joined: String = tail.chars().chain(content.chars().take(6)).collect();
    let tail_chars: Vec<(usize, char)> = tail.char_indices().collect();
    for &(at, _) in tail_chars.iter() {
        let from = &joined[at..];
        if let Some((len, _)) = eras.longest_prefix(from, |_| true) {
            if len > tail.len() - at {
                return true;
            }
        }
    }
    // An era's whole name ends the tail and this line starts its year (`致和` / `元年`).
    content.starts_with("元年")
        && (1..tail_chars.len()).any(|k| !eras.lookup(&tail[tail_chars[k].0..]).is_empty())
}

/// The ordinal a numeral at the end of `tail` and the start of `label` make together
/// (`三十` and `四年` → 34), if `tail` ends in a numeral.
fn joined_ordinal(tail: &str, label: &str) -> Option<u32> {
    let digits: String = tail
        .chars()
        .rev()
        .take_while(|&c| numerals::is_numeral_char(c))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if digits.is_empty() {
        return None;
    }
    numeral_year(&format!("{digits}{label}")).map(|(v, _)| v)
}

/// A 本紀 that opens with its ruler's titles and taboo name (`髙祖神堯大聖大光孝皇帝諱淵`):
/// the longest ruler's name at the start.
fn ruler_intro<'e>(
    content: &str,
    eras: &'e EraTable,
) -> Option<(std::ops::Range<usize>, &'e [RulerId])> {
    let head = &content[..floor_boundary(content, 24 * 3)];
    // The titles before 諱 are Han characters only: read up to 諱, or to the first
    // character that could not be among them.
    let hui = head.char_indices().find_map(|(i, c)| match c {
        '諱' | '讳' => Some(Some(i)),
        c if !is_han(c) => Some(None),
        _ => None,
    })??;
    let title = &head[..hui];
    let ends: Vec<usize> = title
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .take(6)
        .collect();
    ends.iter()
        .rev()
        .find_map(|&end| {
            let rulers = eras.rulers_named(&title[..end]);
            (end >= 6 && !rulers.is_empty()).then_some((0..end, rulers))
        })
        // A ruler the table does not know by these titles: a new reign all the same.
        .or_else(|| {
            title
                .ends_with(['帝', '王', '后'])
                .then(|| (0..title.len(), &[][..]))
        })
}

/// The width of a print column in a Kanripo text, in characters: the commonest length of
/// its lines, when at least a third of them have it (`None` otherwise).
pub(crate) fn column_width(text: &str, from: usize) -> Option<usize> {
    let mut counts = [0u32; 64];
    let mut lines = 0u32;
    for line in text[from..].lines().take(4000) {
        let (cs, ce) = content(line, 0, line.len(), Format::Mandoku);
        let c = &line[cs..ce];
        if c.is_empty() || c.starts_with('#') {
            continue;
        }
        lines += 1;
        if let Some(n) = counts.get_mut(visible_chars(c)) {
            *n += 1;
        }
    }
    let (width, &n) = counts.iter().enumerate().skip(8).max_by_key(|&(_, n)| *n)?;
    (n > 0 && n * 3 >= lines).then_some(width)
}

/// The characters a print line shows: `&KR0001;` is one.
pub(crate) fn visible_chars(content: &str) -> usize {
    let entities = content.matches("&KR").count();
    let entity_bytes: usize = content
        .match_indices("&KR")
        .filter_map(|(i, _)| content[i..].find(';').map(|e| e + 1))
        .sum();
    let plain = content.chars().count();
    // Each entity is `entity_bytes` ASCII characters standing for one.
    plain - entity_bytes.min(plain) + entities
}

/// Where a Kanripo line holds a `¶` with more text after it (not only page markers and
/// blanks): the byte offset of the first such `¶` in `line`.
fn pilcrow_inside(line: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&line.as_bytes()[from..], "¶".as_bytes()) {
        let at = from + i;
        let rest = &line[at + '¶'.len_utf8()..];
        if !strip_tags(rest)
            .trim_end_matches(|c: char| is_indent(c) || c == '\r' || c == '¶')
            .is_empty()
        {
            return Some(at);
        }
        from = at + '¶'.len_utf8();
    }
    None
}

/// `s` without the indentation and the page markers (`<pb:…>`, `<md:…>`) that open it.
fn strip_tags(mut s: &str) -> &str {
    loop {
        let t = s.trim_start_matches(is_indent);
        let tag_end = (t.starts_with("<pb:") || t.starts_with("<md:"))
            .then(|| t.find('>'))
            .flatten();
        match tag_end {
            Some(e) => s = &t[e + 1..],
            None => return t,
        }
    }
}

/// The content of a line: without indentation, page markers, line-end blanks, `¶`.
pub(super) fn content(text: &str, start: usize, end: usize, format: Format) -> (usize, usize) {
    if format != Format::Mandoku {
        return content_bytes(text.as_bytes(), start, end);
    }
    let line = &text[start..end];
    let s = strip_tags(line.trim_start_matches(is_indent));
    let mut s = s.trim_end_matches(|c: char| is_indent(c) || c == '\r' || c == '¶');
    // A page marker closing the line (`…王陟<md:KR2b0001_WYG_002-27b>`).
    while s.ends_with('>') {
        match s
            .rfind(['<'])
            .filter(|&i| s[i..].starts_with("<pb:") || s[i..].starts_with("<md:"))
        {
            Some(i) => s = s[..i].trim_end_matches(is_indent),
            None => break,
        }
    }
    if s.is_empty() {
        return (end, end);
    }
    // `s` is a subslice of `line`.
    let begin = start + (s.as_ptr() as usize - line.as_ptr() as usize);
    (begin, begin + s.len())
}

/// [`content`] without page markers, a byte at a time: the blanks trimmed are ASCII or
/// whole three-byte (U+3000, U+FEFF) and two-byte (¶) characters, which in valid UTF-8
/// cannot be the tail of another character.
fn content_bytes(b: &[u8], start: usize, end: usize) -> (usize, usize) {
    // U+3000 is E3 80 80, U+FEFF is EF BB BF, ¶ is C2 B6.
    let mut s = start;
    loop {
        match b[s..end] {
            [b' ' | b'\t', ..] => s += 1,
            [0xE3, 0x80, 0x80, ..] | [0xEF, 0xBB, 0xBF, ..] => s += 3,
            _ => break,
        }
    }
    let mut e = end;
    loop {
        match b[s..e] {
            [.., b' ' | b'\t' | b'\r'] => e -= 1,
            [.., 0xE3, 0x80, 0x80] | [.., 0xEF, 0xBB, 0xBF] => e -= 3,
            [.., 0xC2, 0xB6] => e -= 2,
            _ => break,
        }
    }
    if s == e { (end, end) } else { (s, e) }
}

/// [`is_punct`] of a three-byte character, by its UTF-8: 、。「」『』 are E3 80 81, 82,
/// 8C–8F; ！（），：；？ are EF BC 81, 88, 89, 8C, 9A, 9B, 9F (a test checks it against
/// `is_punct`).
fn is_punct_3(c: [u8; 3]) -> bool {
    matches!(
        c,
        [0xE3, 0x80, 0x81 | 0x82 | 0x8C..=0x8F]
            | [0xEF, 0xBC, 0x81 | 0x88 | 0x89 | 0x8C | 0x9A | 0x9B | 0x9F]
    )
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
    // (A character is at most four bytes: a longer string has more.)
    s.len() <= n || (s.len() <= 4 * n && s.chars().nth(n).is_none())
}

fn is_title_line(content: &str) -> bool {
    !content.is_empty()
        && at_most_chars(content, 16)
        && !content.chars().any(is_punct)
        && volume_number(content).is_none()
}

/// A line naming who compiled or printed a volume, not what it holds: `宋　翰　林　學　士
/// 歐　陽　修　撰`, `臣司馬光奉敕編集`, `欽定四庫全書`, `荀悅撰`.
fn is_compiler_line(content: &str) -> bool {
    const ENDS: [&str; 12] = [
        "撰", "修", "編", "编", "纂", "著", "注", "輯", "辑", "述", "集解", "音義",
    ];
    content.contains("四庫全書")
        || content.contains("四库全书")
        || content.contains('臣')
        || content.contains("奉敕")
        || content.contains("奉勅")
        || ENDS.iter().any(|e| content.ends_with(e))
        // Spaced out character by character.
        || content.matches('\u{3000}').count() >= 3
}

/// A title in brackets opening a line, `【周纪一】　起著雍摄提格，尽玄黓困敦…`: the range
/// inside the brackets.
fn bracketed_title(content: &str) -> Option<std::ops::Range<usize>> {
    let rest = content.strip_prefix('【')?;
    let end = rest.find('】')?;
    let inner = &rest[..end];
    (!inner.is_empty() && at_most_chars(inner, 16) && !inner.chars().any(is_punct))
        .then(|| '【'.len_utf8()..'【'.len_utf8() + end)
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
    // A marker opens with \\, [, 〔 (E3 80 94) or 【 (E3 80 90).
    matches!(
        content.as_bytes(),
        [b'\\' | b'[', ..] | [0xE3, 0x80, 0x94 | 0x90, ..]
    ) && note_marker_at(content).is_some()
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
    let (n, l) = numeral_prefix(rest)?;
    let r = rest[l..].strip_prefix('\\').unwrap_or(&rest[l..]);
    let close = r
        .chars()
        .next()
        .filter(|c| matches!(c, ']' | '〕' | '】'))?;
    let len = s.len() - r.len() + close.len_utf8();
    Some((len, n))
}

/// A volume heading as editions write it — `契丹国志卷之一`, `卷十`, `卷第三上`,
/// `資治通鑑巻第一`, `後漢光武皇帝紀卷苐一`, `前漢孝惠皇帝紀卷第五　荀悅` (the author after a
/// space), `资治通鉴第一卷(周纪)` (the number first, a title in brackets), `●卷第一` — as its
/// number (None when written oddly) and the title it carries in brackets, if any (a byte
/// range of `content`).
fn volume_heading(content: &str) -> Option<(Option<u32>, Option<std::ops::Range<usize>>)> {
    // 卷 comes within the first 17 characters (4 bytes at most each): look no further.
    let head = &content[..floor_boundary(content, 17 * 4)];
    let at = juan_at(head)?;
    let prefix = &content[..at];
    let after = &content[at + '卷'.len_utf8()..];
    // `…第一卷(周纪)`: the number before 卷.
    if let Some(num_at) = prefix.rfind(['第', '苐']) {
        let num = &prefix[num_at + '第'.len_utf8()..];
        let book = &prefix[..num_at];
        if let Some(n) = numerals::value(num).filter(|_| !num.is_empty()) {
            if plain_prefix(book) {
                let title = bracketed(after).map(|r| {
                    let base = at + '卷'.len_utf8();
                    base + r.start..base + r.end
                });
                if title.is_some() || after.trim_matches(is_indent).is_empty() {
                    return Some((Some(n), title));
                }
            }
        }
    }
    if !plain_prefix(prefix) {
        return None;
    }
    let rest = after.strip_prefix(['之', '第', '苐']).unwrap_or(after);
    let (n, len) = numeral_prefix(rest).filter(|_| !rest.starts_with('元'))?;
    let tail = rest[len..].trim_start_matches(['上', '中', '下']);
    let base = content.len() - rest.len() + len + (rest[len..].len() - tail.len());
    if tail.is_empty() {
        return Some((Some(n), None));
    }
    if let Some(r) = bracketed(tail) {
        return Some((Some(n), Some(base + r.start..base + r.end)));
    }
    // An author after a space: `卷第五　荀悅`.
    let name = tail.trim_start_matches(is_indent);
    let plain = !name
        .chars()
        .any(|c| is_punct(c) || (c.is_ascii() && c != ' '));
    // Or the credits, spaced (`卷一 隋王通撰 唐薛收传 宋阮逸注`).
    let credits = at_most_chars(name, 30)
        && name
            .split([' ', '\u{3000}'])
            .filter(|w| !w.is_empty())
            .all(|w| {
                w.ends_with([
                    '撰', '傳', '传', '注', '修', '編', '编', '纂', '著', '輯', '辑', '述',
                ])
            });
    if name.len() < tail.len()
        && plain
        && (at_most_chars(name, 8) && !name.contains(' ') || credits)
    {
        return Some((Some(n), None));
    }
    None
}

/// Where the 卷 of a volume heading may stand in `head`: the first 卷, else the first 巻
/// (as a search for each would find them), unless punctuation or ASCII comes before it.
/// (Whatever stands before a volume heading's 卷 — a book's title, its number after 第 —
/// has neither, so past the first such character no 卷 can be one; the characters are
/// read only so far.)
fn juan_at(head: &str) -> Option<usize> {
    // Read a byte at a time: 卷 is E5 8D B7, 巻 E5 B7 BB, and the punctuation three
    // bytes led by E3 80 or EF BC ([`is_punct_3`]).
    let b = head.as_bytes();
    let mut other = None;
    let mut i = 0;
    while let Some(&lead) = b.get(i) {
        let three = || b.get(i..i + 3).map(|c| [c[0], c[1], c[2]]);
        match lead {
            0..0x80 => break,
            0xE5 => match three() {
                Some([_, 0x8D, 0xB7]) => return Some(i),
                Some([_, 0xB7, 0xBB]) => {
                    other.get_or_insert(i);
                }
                _ => {}
            },
            0xE3 | 0xEF if three().is_some_and(is_punct_3) => break,
            _ => {}
        }
        i += match lead {
            0xC0..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        };
    }
    // A 巻, unless a 卷 further on (past punctuation, so no heading's) is the one found.
    let at = other?;
    find3(head.as_bytes(), &utf8_3("卷"))
        .is_none()
        .then_some(at)
}

/// Whether `prefix` may stand before 卷 in a volume heading: at most 16 characters, no
/// punctuation or ASCII (a leading ● or indentation is allowed).
fn plain_prefix(prefix: &str) -> bool {
    let p = prefix.trim_start_matches(['●', '○', '◎']);
    at_most_chars(p, 16) && !p.chars().any(|c| is_punct(c) || c.is_ascii())
}

/// The inside of a bracketed title at the start of `s` — `(周纪)`, `（周紀一）`, `【周纪一】` —
/// when nothing but blanks follows it, as a byte range of `s`.
fn bracketed(s: &str) -> Option<std::ops::Range<usize>> {
    let open = s.chars().next()?;
    let close = match open {
        '(' => ')',
        '（' => '）',
        '【' => '】',
        '〔' => '〕',
        _ => return None,
    };
    let end = s.find(close)?;
    let inner = open.len_utf8()..end;
    let after = &s[end + close.len_utf8()..];
    (!inner.is_empty() && after.trim_matches(is_indent).is_empty()).then_some(inner)
}

/// `volume_heading`'s number alone.
fn volume_number(content: &str) -> Option<Option<u32>> {
    volume_heading(content).map(|(n, _)| n)
}

/// Characters that cannot begin an era name not in the table (they begin phrases such as
/// 其後三年, 在位十八年, 是年).
fn not_era_start(c: char) -> bool {
    matches!(
        c,
        '其' | '是'
            | '此'
            | '次'
            | '明'
            | '前'
            | '後'
            | '后'
            | '今'
            | '去'
            | '每'
            | '數'
            | '数'
            | '累'
            | '凡'
            | '餘'
            | '余'
            | '越'
            | '踰'
            | '逾'
            | '自'
            | '至'
            | '及'
            | '居'
            | '歷'
            | '历'
            | '經'
            | '经'
            | '又'
            | '再'
            | '閱'
            | '阅'
            | '不'
            | '未'
            | '已'
            | '於'
            | '于'
            | '在'
            | '以'
            | '迄'
            | '先'
            | '初'
            | '積'
            | '积'
            | '近'
            | '當'
            | '当'
            | '即'
            | '既'
            | '計'
            | '计'
            | '共'
            | '治'
            | '享'
            | '有'
            | '隔'
            | '閲'
            | '离'
            | '離'
            | '距'
            | '逮'
            | '洎'
            | '比'
    )
}

/// Where 元年 first stands in `h`.
fn find_yuannian(h: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = find3(&h[from..], &utf8_3("元")) {
        let at = from + i;
        if h[at + 3..].starts_with("年".as_bytes()) {
            return Some(at);
        }
        from = at + 3;
    }
    None
}

pub(super) fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// A numeral and the word for year after it (`二年`, and 載 as 天寶 and 至德 counted): its
/// value and byte length.
fn numeral_year(s: &str) -> Option<(u32, usize)> {
    let (v, len) = numeral_prefix(s)?;
    let word = s[len..].chars().next()?;
    matches!(word, '年' | '載' | '载').then_some((v, len + word.len_utf8()))
}

/// A heading candidate on the line `cs..ce`.
fn parse_candidate<'e>(text: &str, cs: usize, ce: usize, eras: &'e EraTable) -> Option<Cand<'e>> {
    let content = &text[cs..ce];
    // A section name before the year, as modern editions write it: `周纪一 威烈王二十三年`.
    let section = section_prefix(content);
    let (lead, mut i) = match content[section..].chars().next()? {
        '维' | '維' | '惟' => (true, section + 3),
        _ => (false, section),
    };
    // The classic's line of a chronicle written as classic and commentary: `经：晋太熈元年…`.
    for lead_in in ["经：", "經：", "经:", "經:"] {
        if content[i..].starts_with(lead_in) {
            i += lead_in.len();
        }
    }
    let i_start = i;
    // The year's 干支 in brackets before it, as 綱目 editions write it: `【丁巳】十年春三月`.
    let gz = bracketed_ganzhi(&content[i..]).or_else(|| ganzhi_prefix(&content[i..]));
    // A year named by its 干支 alone, in an interregnum: `戊子年是歲皇子圖類監國`.
    if let Some((g, l)) = gz.filter(|(_, l)| content[i + l..].starts_with('年')) {
        let label_end = i + l + '年'.len_utf8();
        let rest = &content[label_end..];
        let (term, heading_end) = terminator(rest, cs + label_end);
        return Some(Cand {
            label: Span::new(cs + i, cs + label_end),
            ganzhi: Some(g),
            era: None,
            ordinal: 0,
            annotation: None,
            heading_end,
            weak_ok: term == Term::Weak
                && (opens_year(rest) || marks::mark_at(rest, true).is_some()),
            term,
            lead,
            mid_paragraph: false,
            mid_line: false,
            joined_ordinal: None,
            regime_prefixed: false,
        });
    }
    let by_regime = std::cell::Cell::new(false);
    let try_from = |i: usize| -> Option<(Option<EraMatch<'e>>, u32, usize)> {
        by_regime.set(false);
        let s = &content[i..];
        if let Some((len, ids)) = eras.longest_prefix(s, |rest| numeral_year(rest).is_some()) {
            let (v, ylen) = numeral_year(&s[len..])?;
            return Some((
                Some((Span::new(cs + i, cs + i + len), ids.into())),
                v,
                i + len + ylen,
            ));
        }
        // A ruler's years in an edition that parts his reign between 卷 (`赧王中十八年`).
        let part =
            |rest: &str| rest.starts_with(['上', '中', '下']) && numeral_year(&rest[3..]).is_some();
        if let Some((len, ids)) = eras.longest_prefix(s, part) {
            let rulers: Vec<EraId> = ids
                .iter()
                .copied()
                .filter(|&id| eras.get(id).kind() == EraKind::RulerYears)
                .collect();
            if !rulers.is_empty() {
                let (v, ylen) = numeral_year(&s[len + 3..])?;
                return Some((
                    Some((Span::new(cs + i, cs + i + len), rulers.into())),
                    v,
                    i + len + 3 + ylen,
                ));
            }
        }
        if let Some((v, ylen)) = numeral_year(s) {
            return Some((None, v, i + ylen));
        }
        // 後元年, 中元年: the era's 元 and the 元 of 元年 written once.
        if let Some(at) = find_yuannian(&s.as_bytes()[..floor_boundary(s, 15)]) {
            let name = &s[..at + '元'.len_utf8()];
            let ids = eras.lookup(name);
            if name.chars().count() >= 2 && !ids.is_empty() {
                let end = at + "元年".len();
                return Some((
                    Some((Span::new(cs + i, cs + i + name.len()), ids.into())),
                    1,
                    i + end,
                ));
            }
        }
        // A regime's name for the years of its first ruler: 漢元年.
        for k in s.char_indices().skip(1).take(2).map(|(k, _)| k) {
            if let Some((v, ylen)) = numeral_year(&s[k..]) {
                let firsts: Vec<EraId> = eras
                    .regimes_named(&s[..k])
                    .iter()
                    .filter(|&&r| eras.regime(r).country() == Country::China)
                    .filter_map(|&r| eras.eras_of(r).first().copied())
                    .collect();
                if !firsts.is_empty() {
                    return Some((
                        Some((Span::new(cs + i, cs + i + k), firsts.into())),
                        v,
                        i + k + ylen,
                    ));
                }
            }
        }
        // The regime's name, and a ruler's, before the era: `晋太熈元年`, `晋怀帝永嘉元年`.
        if let Some(r) = regime_prefixed(s, eras) {
            let (at, len, ids, v, ylen) = r;
            by_regime.set(true);
            return Some((
                Some((Span::new(cs + i + at, cs + i + at + len), ids.into())),
                v,
                i + at + len + ylen,
            ));
        }
        // An era the table does not know: 2–4 Han characters before the year.
        let first = s.chars().next()?;
        if not_era_start(first) {
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
                        Some((Span::new(cs + i, cs + i + end), (&[][..]).into())),
                        v,
                        i + end + ylen,
                    ));
                }
            }
        }
        None
    };
    let parsed = match gz.and_then(|(g, l)| try_from(i + l).map(|r| (g, r))) {
        Some((g, r)) => Some((Some(g), r, i)),
        None => try_from(i).map(|r| (None, r, i)),
    };
    let (ganzhi, (era, ordinal, label_len), label_start) = match parsed {
        Some(p) => p,
        // A ruler's titles or a section's name before an annotated year, as annotated and
        // bilingual editions write it: `世祖文皇帝上黄初元年（庚子，公元二二零年）`,
        // `○太祖…皇帝建隆元年（辽应历十年。庚申，九六零年）`, `甲申，我大清世祖章皇帝顺治元年（一六四四）`.
        None => {
            // Only where an annotation follows within the first forty characters.
            let head = &content[i..floor_boundary(content, i + 40 * 3)];
            let hb = head.as_bytes();
            if memchr::memchr(b'(', hb).is_none() && find3(hb, &utf8_3("（")).is_none() {
                return None;
            }
            let mut found = None;
            for (n, (j, c)) in content[i..].char_indices().enumerate().skip(1) {
                if n > 24 || !(is_han(c) || matches!(c, '，' | '　' | ' ')) {
                    break;
                }
                if let Some(r) = try_from(i + j) {
                    let known = r.0.as_ref().is_some_and(|(_, ids)| !ids.is_empty());
                    if known {
                        if parse_annotation(&content[r.2..]).is_some() {
                            found = Some((gz.map(|(g, _)| g), r, i + j));
                        }
                        break;
                    }
                }
            }
            found?
        }
    };
    // No reign lasted a hundred years: 泰和萬年, 萬歲 are wishes, not years.
    if ordinal == 0 || ordinal > MAX_ORDINAL {
        return None;
    }
    // A first year is 元年: 一年 is the tail of a number (十一年) or a span (一年之間).
    if era.is_none() && content[label_start..].starts_with(['一', '壹']) && ordinal == 1 {
        return None;
    }
    i = label_len;
    // The year's 干支 after the ordinal: `元年丙寅`.
    let mut trailing_ganzhi = false;
    let mut ganzhi = ganzhi;
    if ganzhi.is_none() {
        if let Some((g, l)) = ganzhi_prefix(&content[i..]) {
            ganzhi = Some(g);
            trailing_ganzhi = true;
            i += l;
        }
    }
    let label_from = if label_start > i_start {
        label_start
    } else {
        i_start
    };
    let label = Span::new(cs + label_from, cs + i);
    // A note marker after the year (`永元元年〔一〕（己丑、八九）`) is not part of it.
    i += note_marker_at(&content[i..]).map_or(0, |(l, _)| l);
    let mut annotation = None;
    if let Some((alen, ace, agz)) = parse_annotation(&content[i..]) {
        annotation = Some((Span::new(cs + i, cs + i + alen), ace, agz));
        i += alen;
        i += note_marker_at(&content[i..]).map_or(0, |(l, _)| l);
    } else if let Some(len) = heading_note(&content[i..]) {
        // The editor's note on the year (`永熙元年（四月即位改元）。`): the heading ends
        // after it as it would without it.
        i += len;
    }
    let rest = &content[i..];
    let (term, heading_end) = terminator(rest, cs + i);
    let weak_ok = term == Term::Weak
        && (trailing_ganzhi
            || opens_year(rest)
            || marks::mark_at(rest, true).is_some()
            || parse_parallel(rest, eras).is_some());
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
        mid_paragraph: false,
        mid_line: false,
        joined_ordinal: None,
        regime_prefixed: by_regime.get(),
    })
}

/// The most years a heading's ordinal may count: no reign or era reached a hundred.
const MAX_ORDINAL: u32 = 99;

/// How a heading's label ends, given what follows it (`rest`, at byte `at` of the text):
/// the kind of ending and where the body starts.
fn terminator(rest: &str, at: usize) -> (Term, usize) {
    match rest.chars().next() {
        None => (Term::Strong, at),
        Some(c @ ('。' | '．')) => (Term::Strong, at + c.len_utf8()),
        Some('.') => (Term::Strong, at + 1),
        Some(c) if is_punct(c) || c == '\\' => (Term::Pause, at),
        Some(c) if is_indent(c) => (Term::Strong, at),
        Some(_) => (Term::Weak, at),
    }
}

/// The length of a section name and the blank after it at the start of a heading line,
/// as modern editions write it (`周纪一 `, `漢紀十三　`); 0 when there is none.
fn section_prefix(content: &str) -> usize {
    // The first blank, ' ' or U+3000 (E3 80 80), a byte at a time.
    let head = &content.as_bytes()[..floor_boundary(content, 30)];
    let Some(blank) = (0..head.len()).find(|&i| {
        head[i] == b' ' || (head[i] == 0xE3 && head.get(i + 1..i + 3) == Some(&[0x80, 0x80]))
    }) else {
        return 0;
    };
    let name = &content[..blank];
    let Some(ji) = name.rfind(['紀', '纪']) else {
        return 0;
    };
    let num = &name[ji + '紀'.len_utf8()..];
    let before = &name[..ji];
    let ok = !num.is_empty()
        && numerals::value(num).is_some()
        && !before.is_empty()
        && at_most_chars(before, 3)
        && before.chars().all(is_han);
    if !ok {
        return 0;
    }
    blank + content[blank..].len() - content[blank..].trim_start_matches(is_indent).len()
}

/// Whether `rest`, written right after a year, opens that year's annal: a season (春, 冬十月),
/// a month (正月, 三月, 閏月, 臘月), a relative date (是歲), or the year's 干支.
fn opens_year(rest: &str) -> bool {
    let mut it = rest.chars();
    match it.next() {
        Some('春' | '夏' | '秋' | '冬' | '正' | '閏' | '闰' | '臘' | '腊') => true,
        Some(c) if numerals::is_numeral_char(c) => numeral_prefix(rest)
            .is_some_and(|(n, l)| (1..=13).contains(&n) && rest[l..].starts_with('月')),
        Some('是') => matches!(it.next(), Some('歲' | '岁' | '歳' | '年')),
        // 王正月, 帝正月: the month of the king's calendar, as 春秋 and 元經 write it.
        Some('王' | '帝') => opens_with_season_or_month(&rest['王'.len_utf8()..]),
        // 建寅月 (the months of 762, named by their branch).
        Some('建') => it.nth(1) == Some('月'),
        Some(_) => {
            ganzhi_prefix(rest).is_some()
                // 莽之九月: a ruler's month.
                || rest
                    .char_indices()
                    .skip(1)
                    .take(2)
                    .any(|(i, c)| c == '之' && opens_with_season_or_month(&rest[i + c.len_utf8()..]))
        }
        None => true,
    }
}

/// Whether `rest`, right after a year's 年, may lead to a season or a month as
/// [`opens_with_season_or_month`] reads it: it is one, or the year's 干支, a note marker or
/// an annotation comes first.
fn may_open_year(rest: &str) -> bool {
    match rest.chars().next() {
        Some('春' | '夏' | '秋' | '冬' | '正' | '閏' | '闰' | '臘' | '腊' | '（' | '(') => {
            true
        }
        Some(c) => {
            numerals::is_numeral_char(c)
                || ganzhi_prefix(rest).is_some()
                || rest.starts_with("\\(")
                // A note marker after the year: `元年〔一〕春正月`.
                || starts_with_note_marker(rest)
        }
        None => false,
    }
}

/// Whether `rest` opens with a season or a month (春, 冬十月, 正月, 閏月, 三月).
fn opens_with_season_or_month(rest: &str) -> bool {
    let mut it = rest.chars();
    match it.next() {
        Some('春' | '夏' | '秋' | '冬' | '正' | '閏' | '闰' | '臘' | '腊') => true,
        Some(c) if numerals::is_numeral_char(c) => numeral_prefix(rest)
            .is_some_and(|(n, l)| (1..=13).contains(&n) && rest[l..].starts_with('月')),
        _ => false,
    }
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
        if let Some((g, _)) = ganzhi_prefix(&inner[j..]) {
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

/// A 干支 in brackets at the start of `s` (`【丁巳】`, `〔丁巳〕`): the 干支 and the
/// brackets' length.
fn bracketed_ganzhi(s: &str) -> Option<(u8, usize)> {
    let open = s
        .chars()
        .next()
        .filter(|c| matches!(c, '【' | '〔' | '['))?;
    let rest = &s[open.len_utf8()..];
    let (g, l) = ganzhi::parse_prefix(rest)?;
    let close = rest[l..]
        .chars()
        .next()
        .filter(|c| matches!(c, '】' | '〕' | ']'))?;
    Some((g, open.len_utf8() + l + close.len_utf8()))
}

/// A year written after its regime's name and, maybe, its ruler's (`晋太熈元年`,
/// `晋怀帝永嘉元年`, `宋太宗太平興國元年`): (where the era starts, its length, its eras of
/// that regime, the ordinal, the ordinal's length), all in bytes of `s`.
fn regime_prefixed(s: &str, eras: &EraTable) -> Option<(usize, usize, Vec<EraId>, u32, usize)> {
    for k in s.char_indices().skip(1).take(2).map(|(k, _)| k) {
        let regimes: Vec<_> = eras
            .regimes_named(&s[..k])
            .iter()
            .copied()
            .filter(|&r| eras.regime(r).country() == Country::China)
            .collect();
        if regimes.is_empty() {
            continue;
        }
        // Where the era may start: right after the regime, or after one of its rulers.
        let mut starts = vec![k];
        for (len, rulers) in eras.rulers_at(&s[k..]) {
            if rulers
                .iter()
                .any(|&u| regimes.contains(&eras.ruler(u).regime()))
            {
                starts.push(k + len);
            }
        }
        for at in starts.into_iter().rev() {
            let here = &s[at..];
            let Some((len, ids)) = eras.longest_prefix(here, |rest| numeral_year(rest).is_some())
            else {
                continue;
            };
            let ids: Vec<EraId> = ids
                .iter()
                .copied()
                .filter(|&e| regimes.contains(&eras.get(e).regime()))
                .collect();
            if ids.is_empty() {
                continue;
            }
            let (v, ylen) = numeral_year(&here[len..])?;
            return Some((at, len, ids, v, ylen));
        }
    }
    None
}

/// The years of a line that runs them together, each followed by its events in brackets,
/// as 稽古錄 writes them: `晋哀帝【丕】隆和元年【…】兴宁元【…】○【甲子】二【…】三【…】`, or
/// `大元元【…】二【…】`. Each year (an era and 元 or a number, with or without 年; or a number
/// alone, counting on) stands at the line's start, after a ruler's name and bracketed
/// personal name, or right after a closing bracket; a bracketed 干支 before it is its
/// year's. Two such years at least, or none: one is not a layout. Returns (where the year
/// starts, its candidate), spans relative to `content`.
fn bracket_years<'e>(content: &str, eras: &'e EraTable) -> Vec<(usize, Cand<'e>)> {
    let mut out = Vec::new();
    // Where a year may start: the line's start, after `ruler【name】`, after each `】`.
    let mut starts = vec![0];
    if let Some(close) = content.find('】') {
        let open = content.find('【').unwrap_or(close);
        if open < close && at_most_chars(&content[..open], 8) {
            starts.push(close + '】'.len_utf8());
        }
    }
    let after = starts[starts.len() - 1];
    starts.extend(
        content
            .match_indices('】')
            .map(|(i, m)| i + m.len())
            .filter(|&i| i > after),
    );
    for at in starts {
        let mut i = at;
        i += content[i..].strip_prefix('○').map_or(0, |_| '○'.len_utf8());
        let year_at = i;
        let mut ganzhi = None;
        if let Some((g, l)) = bracketed_ganzhi(&content[i..]) {
            ganzhi = Some(g);
            i += l;
        }
        let rest = &content[i..];
        // The year: an era (known) and its number, or a number alone; then 年 or not, and
        // the bracket of its events right after.
        let numbered = |s: &str| -> Option<(u32, usize)> {
            let (n, l) = numerals::parse_prefix(s)?;
            let l = l + s[l..].strip_prefix('年').map_or(0, |_| '年'.len_utf8());
            s[l..].starts_with('【').then_some((n, l))
        };
        let (era, n, len) = match eras.longest_prefix(rest, |r| numbered(r).is_some()) {
            Some((len, ids)) => {
                let (n, l) = numbered(&rest[len..]).expect("accepted");
                (Some((Span::new(i, i + len), ids.into())), n, len + l)
            }
            None => match numbered(rest) {
                Some((n, l)) if at > 0 => (None, n, l),
                _ => continue,
            },
        };
        if n == 0 || n > MAX_ORDINAL {
            continue;
        }
        out.push((
            year_at,
            Cand {
                label: Span::new(year_at, i + len),
                ganzhi,
                era,
                ordinal: n,
                annotation: None,
                heading_end: i + len,
                term: Term::Strong,
                lead: false,
                weak_ok: false,
                mid_paragraph: false,
                mid_line: false,
                joined_ordinal: None,
                regime_prefixed: false,
            },
        ));
    }
    if out.len() < 2 {
        out.clear();
    }
    out
}

/// The span of years a line after a 卷 heading gives (`【起丁巳明孝宗治十年盡乙丑…】凡九年`):
/// the range inside the brackets, or of the line, when it starts with 起 and names an end
/// (盡, 尽, 訖, 讫, 迄).
fn volume_span(content: &str) -> Option<std::ops::Range<usize>> {
    let (inner, at) = match content.strip_prefix('【') {
        Some(rest) => (&rest[..rest.find('】')?], '【'.len_utf8()),
        None => (content, 0),
    };
    (inner.starts_with('起') && inner.contains(['盡', '尽', '訖', '讫', '迄']))
        .then(|| at..at + inner.len())
}

/// The length of a bracketed note right after a year that ends its line or its sentence
/// (`（四月即位改元）`, `(三月誅楊駿，改。)` then `。` or the line's end), or None: a note on the
/// year, not the start of its events.
fn heading_note(s: &str) -> Option<usize> {
    let (open_len, close) = if s.starts_with('（') {
        ('（'.len_utf8(), '）')
    } else if s.starts_with('(') {
        (1, ')')
    } else {
        return None;
    };
    let inner_max = floor_boundary(s, open_len + 40 * 3);
    let close_at = s[open_len..inner_max].find(close)? + open_len;
    let end = close_at + close.len_utf8();
    let after = s[end..].trim_start_matches(is_indent);
    let ends = after.is_empty()
        || after.starts_with(['。', '．', '\n', '\r'])
        || note_marker_at(after).is_some_and(|(l, _)| after[l..].trim().is_empty());
    ends.then_some(end)
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
    // Chinese digits, written out (公元二二零年, 一六四四): a run of three or more.
    if start.is_none() {
        let mut run = String::new();
        for (j, c) in inner.char_indices() {
            let d = match c {
                '〇' | '○' | '零' => Some('0'),
                _ => numerals::digit(c)
                    .filter(|_| c != '兩' && c != '两')
                    .and_then(|d| char::from_digit(d, 10)),
            };
            match d {
                Some(d) => {
                    if run.is_empty() {
                        start = Some(j);
                    }
                    run.push(d);
                }
                None if run.chars().count() >= 3 => break,
                None => {
                    run.clear();
                    start = None;
                }
            }
        }
        // Two digits only as the last field after the 干支 (`（己丑、八九）`): a CE year
        // before 100 as 後漢紀's editors write it.
        let last_field = start.is_some_and(|s| {
            inner[..s].ends_with(['、', '，', ',', ' ', '前'])
                && inner[s..].chars().count() == run.chars().count()
        });
        if (run.chars().count() >= 3 || (run.chars().count() == 2 && last_field)) && run.len() <= 6
        {
            digits = run;
        } else {
            start = None;
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

/// The name in [`DYNASTIES`] that `t` starts with, if any (most text starts with none, and
/// shows it by its first character).
fn dynasty_at(t: &str) -> Option<&'static str> {
    let first = t.chars().next()?;
    if !matches!(
        first,
        '後' | '后'
            | '北'
            | '南'
            | '西'
            | '宋'
            | '金'
            | '梁'
            | '唐'
            | '晉'
            | '晋'
            | '漢'
            | '汉'
            | '周'
            | '蜀'
            | '吳'
            | '吴'
            | '齊'
            | '齐'
    ) {
        return None;
    }
    DYNASTIES.iter().find(|d| t.starts_with(**d)).copied()
}

/// A parallel regime's date at the start of `s`: (byte length of the date, era span
/// relative to `s`, era candidates, ordinal).
fn parse_parallel<'e>(s: &str, eras: &'e EraTable) -> Option<(usize, Span, &'e [EraId], u32)> {
    let t = s.strip_prefix(['时', '時']).unwrap_or(s);
    let skip = s.len() - t.len();
    let dynasty = dynasty_at(t)?;
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
pub(super) fn parallels(
    text: &str,
    from: usize,
    eras: &EraTable,
    context: Option<i32>,
) -> Vec<ParallelDate> {
    let context = context.and_then(crate::calendar::CeYear::new);
    // When the heading stands alone on its line, the dates open the next paragraph.
    let rest_blank = text[from..]
        .chars()
        .find(|&c| !(is_indent(c) || c == '\r' || c == '¶'))
        .is_none_or(|c| c == '\n');
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
        let dynasty = dynasty_at(text[p..].trim_start_matches(['时', '時']))
            .map_or(&[][..], |d| eras.regimes_named(d));
        let era = super::resolve::pick(eras, ids, year, context, None, dynasty);
        // (Most headings with parallel dates have one: room for it alone.)
        if out.is_empty() {
            out.reserve_exact(1);
        }
        out.push(ParallelDate {
            text: text[p..p + len].to_owned(),
            span: Span::new(p, p + len),
            era,
            year,
            ce: era.and_then(|id| eras.get(id).year(year)).map(|y| y.get()),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast paths give what the functions they stand before give.
    #[test]
    fn fast_paths_agree() {
        // Every non-ASCII punctuation mark is three bytes, and told by its bytes.
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            match bytes {
                &[a, b, c3] => assert_eq!(is_punct_3([a, b, c3]), is_punct(c), "{c}"),
                _ => assert!(c.is_ascii() || !is_punct(c), "{c}"),
            }
        }
        // Every first character of the Han blocks before every branch and its variants
        // (夘, 戍 and 已 are read as 干支 characters), and every stem before them.
        let han: Vec<char> = ('\u{3400}'..='\u{9FFF}')
            .chain('\u{F900}'..='\u{FAFF}')
            .collect();
        let seconds: Vec<char> = ganzhi::BRANCHES
            .iter()
            .chain(&['夘', '戍', '已', '醜', '年'])
            .copied()
            .collect();
        for &a in &han {
            for &b in &seconds {
                let s = format!("{a}{b}年");
                assert_eq!(ganzhi_prefix(&s), ganzhi::parse_prefix(&s), "{s}");
            }
        }
        for a in ganzhi::STEMS.iter().chain(&['戍', '已', '巳']) {
            for &b in &han {
                let s = format!("{a}{b}");
                assert_eq!(ganzhi_prefix(&s), ganzhi::parse_prefix(&s), "{s}");
            }
        }
        // Every numeral character, alone, before 年, before another numeral, and after 元.
        let numeral_chars: Vec<char> = ('\u{3000}'..='\u{9FFF}')
            .chain(['元', '年', 'a'])
            .filter(|&c| numerals::is_numeral_char(c) || matches!(c, '元' | '年' | 'a'))
            .collect();
        for &a in &numeral_chars {
            for rest in ["", "年", "十年", "元", "二", "a"] {
                let s = format!("{a}{rest}");
                assert_eq!(numeral_prefix(&s), numerals::parse_prefix(&s), "{s}");
            }
        }
        assert_eq!(numeral_prefix(""), None);
        // Every dynasty's first character lets it through.
        for d in DYNASTIES {
            assert_eq!(
                dynasty_at(&format!("{d}天福二年")).map(|x| x.len()),
                DYNASTIES
                    .iter()
                    .find(|x| format!("{d}天福二年").starts_with(**x))
                    .map(|x| x.len()),
                "{d}"
            );
        }
        const OLD: &str = "其是此次明前後后今去每數数累凡餘余越踰逾自至及居歷历經经又再閱阅不未已於于在以迄先初積积近當当即既計计共治享有凡隔閲离離距後逮洎比";
        for c in OLD.chars() {
            assert!(not_era_start(c), "{c}");
        }
        assert!(!not_era_start('天'));
        for h in ["元年", "天元年", "元元年", "改元", "元", "年元年"] {
            assert_eq!(find_yuannian(h.as_bytes()), h.find("元年"), "{h}");
        }
    }

    /// The two halves read exactly what one pass reads, wherever the split falls.
    #[test]
    fn halves_read_what_one_pass_reads() {
        let eras = EraTable::embedded();
        for text in [
            include_str!("../../../tests/fixtures/books/qidan-guozhi-full.md"),
            include_str!("../../../tests/fixtures/kanripo/xintangshu-benji.txt"),
            include_str!("../../../tests/fixtures/books/mandoku-sample.txt"),
            include_str!("../../../tests/fixtures/books/annotated-sample.txt"),
        ] {
            let format = super::super::detect_format(text);
            let (from, _, _) = super::super::front_matter(text, format);
            let columns = match format {
                Format::Mandoku => column_width(text, from),
                _ => None,
            };
            let one = scan_range(text, from, text.len(), from, format, columns, eras);
            let starts: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes())
                .map(|i| i + 1)
                .filter(|&i| i > from && i < text.len())
                .collect();
            for k in [1, 2, 3, 5, 8, 13, 50, 97] {
                let split = starts[starts.len() * k / 100];
                let two = scan_halves(text, from, split, format, columns, eras);
                assert_eq!(two, one, "split at byte {split}");
            }
        }
    }
}
