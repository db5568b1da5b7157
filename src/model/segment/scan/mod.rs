//! Pass one: the lines that matter — volume headings and their titles, notes sections,
//! heading candidates (a year at the start of a line) and era changes (改元X).

use crate::calendar::EraTable;
use crate::calendar::era::{Country, EraId, EraKind, RegimeId, RulerId};

use super::super::{ParallelDate, Span, ganzhi, marks, numerals};
use super::{Format, floor_boundary};

mod candidate;
mod lines;
mod parallel;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

use candidate::*;
use lines::*;
use parallel::*;
pub(super) use {
    candidate::age_follows, candidate::era_year_is, candidate::is_han, lines::content,
    lines::is_section_line, lines::volume_heading, parallel::parallels,
};
pub(crate) use {
    lines::column_width, lines::first_lines_indented, lines::note_marker_at, lines::visible_chars,
};

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

/// A heading's annotation: where it is written, the CE year it gives, the 干支 it gives.
pub(super) type Annotation = (Span, Option<i32>, Option<u8>);

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Cand<'e> {
    pub(super) label: Span,
    pub(super) ganzhi: Option<u8>,
    pub(super) era: Option<EraMatch<'e>>,
    /// 0 for a year named by its 干支 alone (`戊子年`).
    pub(super) ordinal: u32,
    pub(super) annotation: Option<Annotation>,
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
    /// Written relative to the year before (`明年`): its ordinal is the next one's.
    pub(super) relative: bool,
    /// A note of other states' years follows it (`周貞定王六年【魯哀公…年…】`), as only a
    /// year's heading has.
    pub(super) states_note: bool,
    /// A bare year inside a line of unpunctuated prose with no season or month after it
    /// (`…晉陽反元年将軍…`): a heading only in a book whose years run so.
    pub(super) seasonless: bool,
    /// It opens a sentence inside a paragraph of a thousand characters and more, read as a
    /// paragraph's start is, but always as a heading the years around it may refute.
    pub(super) sentence: bool,
    /// A named era's 元年 run on in unpunctuated prose with its month or season after it
    /// (北齊書: `…候船以歸元象元年三月`), not after a proclamation: a heading only where the
    /// era follows the one in force.
    pub(super) run_on_era: bool,
}

impl<'e> Cand<'e> {
    /// The year's 干支: written with the year, or else in its annotation (`【丁未，公元1067
    /// 年】龙彰天嗣二年`), as a sexagenary index.
    pub(super) fn year_ganzhi(&self) -> Option<u8> {
        self.ganzhi.or(self.annotation.and_then(|a| a.2))
    }

    /// A year labelled `label` with nothing else known: no era, 干支, annotation or number
    /// (ordinal 0), a strong ending at the label's end, at a line's start, not relative.
    pub(super) fn at(label: Span) -> Cand<'e> {
        Cand {
            label,
            ganzhi: None,
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
            relative: false,
            states_note: false,
            seasonless: false,
            sentence: false,
            run_on_era: false,
        }
    }
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
    /// A heading candidate: the index of its [`Cand`] in its [`Part`]'s `cands` (kept
    /// apart, so that a line's event takes 64 bytes, not 136).
    Cand(u32),
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
    /// A ruler's accession told in unpunctuated prose (`…卒子武公壽立…`, `…是為宣王…`): the
    /// bare years after it may be his, where he is a ruler of the regime the text is about.
    Accession {
        name: Span,
        rulers: &'e [RulerId],
    },
    /// An era a ruler kept calling his years by in place of one proclaimed, or took up
    /// again (`乃仍稱天復五年`, `復稱天祐四年`): the years after it count in it. `name`: where
    /// the era's name is written, unless a print line's end breaks it.
    Kept {
        name: Option<Span>,
        ids: &'e [EraId],
    },
    /// A year that may be of a known era, written in a sentence in mid-line (`。显德三年，`):
    /// not a heading, but the era bare years after it may count in; the span from its name
    /// to 年, read ([`mention_eras`]) when a heading needs it.
    Mention(Span),
    /// A paragraph opening with the next year and its season or month, as 本紀 write
    /// a prince's years before his reign (`明年秋，治祖陵畢`): the year after the one in
    /// force, if the years around it say so. `label` is `明年`, or `明年壬寅` with the
    /// year's 干支 (新元史: `明年壬寅，为皇后称制之元年`), `ganzhi` its index.
    NextYear {
        label: Span,
        ganzhi: Option<u8>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct LineEvent<'e> {
    pub(super) line_start: usize,
    pub(super) line_no: usize,
    pub(super) event: Event<'e>,
}

/// At most [`CHUNK`] events of consecutive lines, and the candidates they found.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Part<'e> {
    pub(super) events: Vec<LineEvent<'e>>,
    /// The candidates of the [`Event::Cand`] events, by their index (a candidate whose
    /// event was let go stays, unread).
    pub(super) cands: Vec<Cand<'e>>,
}

impl<'e> Part<'e> {
    /// The candidate of `ev`, an event of this part, if it is one.
    pub(super) fn cand(&self, ev: &LineEvent<'e>) -> Option<&Cand<'e>> {
        match ev.event {
            Event::Cand(k) => Some(&self.cands[k as usize]),
            _ => None,
        }
    }
}

/// The events of a text's lines, in order, in the parts the scan found them in (lists of at
/// most [`CHUNK`] events, from one thread or two): read one after the other, never copied
/// into one list, and each part given back once read ([`Events::into_parts`]).
#[derive(Debug, Default, PartialEq)]
pub(super) struct Events<'e> {
    parts: Vec<Part<'e>>,
    len: usize,
}

impl<'e> Events<'e> {
    fn new(parts: Vec<Part<'e>>) -> Self {
        let len = parts.iter().map(|p| p.events.len()).sum();
        Events { parts, len }
    }

    /// How many events there are.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// The events in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = &LineEvent<'e>> {
        self.parts.iter().flat_map(|p| p.events.iter())
    }

    /// The events in order, each with its candidate if it is one.
    pub(super) fn with_cands(&self) -> impl Iterator<Item = (&LineEvent<'e>, Option<&Cand<'e>>)> {
        self.parts
            .iter()
            .flat_map(|p| p.events.iter().map(move |e| (e, p.cand(e))))
    }

    /// The parts, in order: the events of the first, then of the second.
    pub(super) fn into_parts(self) -> Vec<Part<'e>> {
        self.parts
    }
}

impl<'e> std::ops::Index<usize> for Events<'e> {
    type Output = LineEvent<'e>;

    /// The `k`th event (0-based) in order.
    fn index(&self, k: usize) -> &LineEvent<'e> {
        let mut k = k;
        for part in &self.parts {
            match part.events.get(k) {
                Some(e) => return e,
                None => k -= part.events.len(),
            }
        }
        panic!("no event {k} past the end")
    }
}

/// Most events in one list of [`Events`].
const CHUNK: usize = 4096;

/// Where the scan of a range puts its events: parts of at most [`CHUNK`] events, a full one
/// set aside as it is (never copied as a list grows), the last one open.
#[derive(Debug)]
struct Sink<'e> {
    full: Vec<Part<'e>>,
    /// The events in `full`.
    before: usize,
    open: Part<'e>,
    /// Most events in one part ([`CHUNK`] but in tests), but for a long paragraph's.
    chunk: usize,
    /// Where in the open part the events of a long paragraph being held start.
    held_from: Option<usize>,
}

impl<'e> Sink<'e> {
    fn new(chunk: usize) -> Self {
        Sink {
            full: Vec::new(),
            before: 0,
            open: Part::default(),
            chunk,
            held_from: None,
        }
    }

    /// Room for one more event in the open part (which grows past [`Sink::chunk`] while a
    /// long paragraph's events are held together: see [`Sink::hold`]).
    fn room(&mut self) {
        if self.open.events.len() >= self.chunk && self.held_from.is_none() {
            self.flush();
        }
    }

    /// Keeps the events pushed from now on in the open part (a new one if it is full),
    /// until [`Sink::sort_held`] puts them in the order of their places.
    fn hold(&mut self) {
        self.room();
        self.held_from = Some(self.open.events.len());
    }

    /// Whether a long paragraph's events are being held ([`Sink::hold`]).
    fn holding(&self) -> bool {
        self.held_from.is_some()
    }

    /// Puts the events held since [`Sink::hold`] in the order of their places in the text
    /// (a long paragraph's sentences are read one by one, an era proclaimed at its place).
    /// The sort is stable: events of one place keep their order.
    fn sort_held(&mut self) {
        if let Some(from) = self.held_from.take() {
            self.open.events[from..].sort_by_key(|e| e.line_start);
        }
    }

    /// Closes the open part and opens a new one.
    fn flush(&mut self) {
        // (Room for as many candidates as events: memory only taken as they come, and given
        // back whole with the part.)
        let next = Part {
            events: Vec::with_capacity(self.chunk),
            cands: Vec::with_capacity(self.chunk),
        };
        let full = std::mem::replace(&mut self.open, next);
        self.before += full.events.len();
        self.full.push(full);
    }

    fn push(&mut self, e: LineEvent<'e>) {
        debug_assert!(!matches!(e.event, Event::Cand(_)));
        self.room();
        self.open.events.push(e);
    }

    /// A candidate's event: the line (its first byte and its number) it is of, and the
    /// candidate.
    fn push_cand(&mut self, line_start: usize, line_no: usize, c: Cand<'e>) {
        self.room();
        let k = u32::try_from(self.open.cands.len()).expect("a part holds few events");
        self.open.cands.push(c);
        self.open.events.push(LineEvent {
            line_start,
            line_no,
            event: Event::Cand(k),
        });
    }

    /// How many events there are.
    fn len(&self) -> usize {
        self.before + self.open.events.len()
    }

    fn last(&self) -> Option<&LineEvent<'e>> {
        self.open
            .events
            .last()
            .or_else(|| self.full.last().and_then(|p| p.events.last()))
    }

    fn last_mut(&mut self) -> Option<&mut LineEvent<'e>> {
        match self.open.events.is_empty() {
            false => self.open.events.last_mut(),
            true => self.full.last_mut().and_then(|p| p.events.last_mut()),
        }
    }

    /// The `k`th event (0-based).
    fn get_mut(&mut self, k: usize) -> Option<&mut LineEvent<'e>> {
        if k >= self.before {
            return self.open.events.get_mut(k - self.before);
        }
        let mut k = k;
        for p in &mut self.full {
            if k < p.events.len() {
                return p.events.get_mut(k);
            }
            k -= p.events.len();
        }
        None
    }

    /// The parts, in order, without the events `keep` refuses (nor an empty part).
    fn into_parts(self, keep: impl Fn(&LineEvent<'e>) -> bool) -> Vec<Part<'e>> {
        let mut parts = self.full;
        parts.push(self.open);
        for p in &mut parts {
            p.events.retain(&keep);
        }
        parts.retain(|p| !p.events.is_empty());
        parts
    }
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
    /// 卷 and 巻, of a volume heading.
    juan: [memchr::memmem::Finder<'static>; 2],
    /// 諱 and 讳, after a ruler's titles at a 本紀's start.
    hui: [memchr::memmem::Finder<'static>; 2],
    /// ○, which opens an item run on in mid-line.
    circle: memchr::memmem::Finder<'static>,
    /// The brackets of notes, searched on lines with years: （ ） 【 】.
    notes: [(char, memchr::memmem::Finder<'static>); 4],
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
    juan: [
        memchr::memmem::Finder::new("卷"),
        memchr::memmem::Finder::new("巻"),
    ],
    hui: [
        memchr::memmem::Finder::new("諱"),
        memchr::memmem::Finder::new("讳"),
    ],
    circle: memchr::memmem::Finder::new("○"),
    notes: [
        ('（', memchr::memmem::Finder::new("（")),
        ('）', memchr::memmem::Finder::new("）")),
        ('【', memchr::memmem::Finder::new("【")),
        ('】', memchr::memmem::Finder::new("】")),
    ],
});

/// Where a character occurs in a range of the text, found in one search of the whole
/// range (cheaper than a search on every line), and read line by line.
struct Hits {
    at: Vec<usize>,
    next: usize,
}

impl Hits {
    /// The places of the three-byte characters each group of finders looks for, a [`Hits`]
    /// a group, in `text[from..to]`. The range is read in blocks small enough to stay in
    /// the cache while every finder searches one (rather than each finder reading the
    /// whole range from memory in turn).
    fn all<const N: usize>(
        groups: [&[memchr::memmem::Finder<'_>]; N],
        text: &[u8],
        from: usize,
        to: usize,
    ) -> [Hits; N] {
        /// Bytes searched at a time.
        const BLOCK: usize = 128 << 10;
        let mut found: [Vec<usize>; N] = std::array::from_fn(|_| Vec::new());
        let mut start = from;
        while start < to {
            let end = (start + BLOCK).min(to);
            // A character starting in the block may end two bytes past it.
            let hay = &text[start..(end + 2).min(to)];
            for (group, at) in groups.iter().zip(&mut found) {
                for f in *group {
                    at.extend(f.find_iter(hay).map(|i| start + i).take_while(|&p| p < end));
                }
            }
            start = end;
        }
        found.map(|mut at| {
            // (Already in order but where a group has two characters.)
            at.sort_unstable();
            Hits { at, next: 0 }
        })
    }

    /// Whether the three-byte character is wholly inside `start..end`. Lines are read in
    /// order, as for [`Hits::within`]: the places before `start` are passed over for good.
    fn any_within(&mut self, start: usize, end: usize) -> bool {
        while self.at.get(self.next).is_some_and(|&a| a < start) {
            self.next += 1;
        }
        self.at.get(self.next).is_some_and(|&a| a + 3 <= end)
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

/// The line after the one ending at `end`, blank lines passed over, when it holds only
/// other regimes' dates (`宋寳祐元年　防古宪宗三年`: the first a known era after its regime's
/// name, the rest short and unpunctuated): the first date's span and CE year, as an
/// annotation of the bare year above, and where that line starts.
fn parallel_line_after(text: &str, end: usize, eras: &EraTable) -> Option<(Annotation, usize)> {
    let mut at = end;
    let (start, line) = loop {
        let rest = text.get(at..)?;
        let nl = rest.find('\n')?;
        let start = at + nl + 1;
        let line = &text[start..start + text[start..].find('\n').unwrap_or(text.len() - start)];
        if !line.trim().is_empty() {
            break (start, line);
        }
        at = start;
    };
    let content = line.trim_start_matches(['\u{3000}', ' ', '\t']);
    let cs = start + (line.len() - content.len());
    let content = content.trim_end();
    let c = parse_candidate(text, cs, cs + content.len(), eras)?;
    let (_, ids) = c.era.as_ref()?;
    if !c.regime_prefixed || ids.is_empty() || c.ordinal == 0 {
        return None;
    }
    let mut years = ids.iter().filter_map(|&id| eras.get(id).year(c.ordinal));
    let ce = years.next()?;
    if years.any(|y| y != ce) {
        return None;
    }
    let rest = text[c.label.end..cs + content.len()].trim();
    let dates_only = rest.is_empty()
        || (at_most_chars(rest, 16) && rest.ends_with('年') && !rest.chars().any(is_punct));
    dates_only.then_some(((c.label, Some(ce.get()), None), start))
}

/// [`numerals::parse_prefix`], answering at once where the first character is no numeral
/// (most places a year is looked for).
/// Where the numeral ending `head` starts (a byte offset in `head`): its numeral characters
/// but 元, and 有 between a unit and a digit (`十有一`, `二十有三`, as 春秋-style chronicles
/// write 11 and 23). None when `head` does not end in one.
fn ordinal_start(head: &str) -> Option<usize> {
    let mut start = None;
    let mut after: Option<char> = None;
    let mut it = head.char_indices().rev().peekable();
    while let Some((i, c)) = it.next() {
        let you = c == '有'
            && after.is_some_and(|a| numerals::digit(a).is_some())
            && it.peek().is_some_and(|&(_, b)| matches!(b, '十' | '拾'));
        if !(you || numerals::is_numeral_char(c) && c != '元') {
            break;
        }
        start = Some(i);
        after = Some(c);
    }
    // (Not a run that opens with 有.)
    start.filter(|&i| !head[i..].starts_with('有'))
}

fn numeral_prefix(s: &str) -> Option<(u32, usize)> {
    let mut it = s.chars();
    let c = it.next()?;
    let next = s[c.len_utf8()..].chars().next();
    let next_is_numeral = || next.is_some_and(numerals::is_numeral_char);
    if c == '元' {
        // 元 alone is "first"; 元 followed by more numeral characters is not a numeral.
        return (!next_is_numeral()).then_some((1, c.len_utf8()));
    }
    if !numerals::is_numeral_char(c) {
        return None;
    }
    // One numeral character alone (二年, 十年): the run is that character, and a digit
    // is its own value. (有 after it may go on with the number: 十有二.)
    if !next_is_numeral() && next != Some('有') {
        let len = c.len_utf8();
        return match numerals::digit(c) {
            Some(d) => Some((d, len)),
            None => numerals::value(&s[..len]).map(|v| (v, len)),
        };
    }
    numerals::parse_prefix(s)
}

/// Whether the numeral `s` is two digits in a row, the one after the other (`一二`, `三四`):
/// with no era before it, "a year or two", "three or four years", not the twelfth or the
/// thirty-fourth (an edition that writes its ordinals digit by digit names the reign:
/// 三國史記's `盖娄王一二年`).
pub(super) fn is_approximate(s: &str) -> bool {
    let mut digits = s.chars().map(numerals::digit);
    matches!(
        (digits.next(), digits.next(), digits.next()),
        (Some(Some(a)), Some(Some(b)), None) if b == a + 1
    )
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

/// A year's 干支 written with 西 for 酉 (`乙西（一六四五），先生四十五岁。`, an edition's slip
/// of two characters alike), at a line's start with a CE year in brackets after it that is
/// that 干支's year: the 干支 and its byte length.
fn xi_for_you(content: &str) -> Option<(u8, usize)> {
    let stem_char = content.chars().next()?;
    let stem = ganzhi::STEMS.iter().position(|&c| c == stem_char)?;
    let rest = content[stem_char.len_utf8()..].strip_prefix('西')?;
    let branch = ganzhi::BRANCHES.iter().position(|&c| c == '酉')?;
    let g = (stem..60).step_by(10).find(|n| n % 12 == branch)? as u8;
    let (_, ce, _) = parse_annotation(rest)?;
    (ganzhi::of_year(ce?) == g).then_some((g, content.len() - rest.len()))
}

/// Every character a 干支 may start with, sorted: the stems, the characters confused with
/// them (戊 戍 戌, 己 已 巳), 景 (丙 under the 唐 taboo), and each one's variants (all that fold with it).
static STEM_CHARS: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
    let mut chars: Vec<char> = ganzhi::STEMS
        .iter()
        .chain(&['戍', '戌', '已', '巳', '景'])
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

/// How a text is laid out, as the scan needs to know it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Layout {
    pub format: Format,
    /// A Kanripo text's print column, in characters ([`column_width`]).
    pub columns: Option<usize>,
    /// Whether the text is punctuated (a year inside a line is told by other means when
    /// it is not).
    pub punctuated: bool,
    /// Whether a Kanripo text indents only a paragraph's first print line
    /// ([`first_lines_indented`]): a line at the margin after a full indented one goes on
    /// with it.
    pub first_lines_indented: bool,
}

/// Pass one: the lines that matter. A big text is read in two halves at once, each half
/// reading [`OVERLAP_LINES`] lines past the split so that it ends (and the other starts)
/// in the state one pass would have: the events are those of one pass.
pub(super) fn scan<'e>(text: &str, from: usize, layout: Layout, eras: &'e EraTable) -> Events<'e> {
    let bytes = text.as_bytes();
    let two = std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
    if !two || text.len() - from < PARALLEL_FROM {
        return Events::new(scan_range(text, from, text.len(), from, layout, eras));
    }
    // Split at a line start near the middle.
    let mid = from + (text.len() - from) / 2;
    let split = memchr::memchr(b'\n', &bytes[mid..]).map_or(text.len(), |i| mid + i + 1);
    scan_halves(text, from, split, layout, eras)
}

/// [`scan`] in two halves split at the line start `split`, the second on another thread.
fn scan_halves<'e>(
    text: &str,
    from: usize,
    split: usize,
    layout: Layout,
    eras: &'e EraTable,
) -> Events<'e> {
    let bytes = text.as_bytes();
    if split <= from || split >= text.len() {
        return Events::new(scan_range(text, from, text.len(), from, layout, eras));
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
                scan_range(text, back, text.len(), split, layout, eras)
            })
            .ok();
        let mut first = scan_range(text, from, ahead, from, layout, eras);
        for part in &mut first {
            part.events.retain(|e| e.line_start < split);
        }
        first.retain(|p| !p.events.is_empty());
        // A thread that could not start (or panicked) is done here.
        let second = other
            .and_then(|h| h.join().ok())
            .unwrap_or_else(|| scan_range(text, back, text.len(), split, layout, eras));
        (first, second)
    });
    let mut parts = first;
    parts.extend(second);
    Events::new(parts)
}

/// The events of the lines starting in `from..to`, in the state a pass from `from` reaches,
/// keeping those at or after `keep_from`, in lists of at most [`CHUNK`].
fn scan_range<'e>(
    text: &str,
    from: usize,
    to: usize,
    keep_from: usize,
    layout: Layout,
    eras: &'e EraTable,
) -> Vec<Part<'e>> {
    scan_range_in(text, from, to, keep_from, layout, eras, CHUNK)
}

/// [`scan_range`] in lists of at most `chunk` events.
fn scan_range_in<'e>(
    text: &str,
    from: usize,
    to: usize,
    keep_from: usize,
    layout: Layout,
    eras: &'e EraTable,
    chunk: usize,
) -> Vec<Part<'e>> {
    let Layout {
        format,
        columns,
        punctuated,
        first_lines_indented,
    } = layout;
    let mut events = Sink::new(chunk);
    let bytes = text.as_bytes();
    let mut line_no = 1 + memchr::memchr_iter(b'\n', &bytes[..from]).count();
    let mut pos = from;
    // After a volume heading, how many more lines may still hold its title (the
    // compiler's line and 欽定四庫全書 are passed over).
    let mut want_title = 0u8;
    // The start of a line of parallel dates taken as the year above's (see below).
    let mut parallel_next: Option<usize> = None;
    let Needles {
        nian,
        yuan,
        stop,
        zai,
        bracket,
        juan,
        hui,
        circle,
        ..
    } = &*NEEDLES;
    // The 年 and 元 of the whole range, found at once (those of each line are read
    // relative to its content); and the rarer characters some checks need in a line, or
    // in its head: most lines have none of them, and are passed over by those checks
    // without a search of their own. 載 and 载 are looked for in a line's head too.
    let [
        mut nians,
        mut yuans,
        mut brackets,
        mut juans,
        mut huis,
        mut zais,
    ] = Hits::all(
        [
            std::slice::from_ref(nian),
            std::slice::from_ref(yuan),
            std::slice::from_ref(bracket),
            juan,
            hui,
            zai,
        ],
        bytes,
        from,
        to,
    );
    let (mut line_nians, mut line_yuans, mut line_zais) = (Vec::new(), Vec::new(), Vec::new());
    // The full stops of a line a year may follow (reused).
    let mut stops_buf: Vec<usize> = Vec::new();
    // The print line before this one, in a Kanripo text: was it full, and did it end in a
    // numeral (so that a year at this line's start is the tail of a number)?
    let mut prev_full = false;
    // Whether the previous print line was indented.
    let mut prev_indented = false;
    // The last few characters of the previous print line (a number, an era name or a
    // proclamation may run on into this one).
    let mut prev_tail = String::new();
    // `prev_tail` as this line reads it, and the line joined to it (buffers reused from
    // line to line).
    let mut tail = String::new();
    let mut joined_buf = String::new();
    // A date run on from the print line before after 仍稱 or the like (reused).
    let mut kept_buf = String::new();
    // Inside a `#` header block of a concatenated Kanripo file, and its event's index.
    let mut in_header = false;
    // Whether the next line with text is the first after a Kanripo file's header (as at
    // the body's start, where the header before it is the book's).
    let mut after_header = format == Format::Mandoku
        && text[..from]
            .trim_end()
            .rsplit('\n')
            .next()
            .is_some_and(|line| line.starts_with('#'));
    let mut header_at = 0;
    // A line holding only a 干支 (`乙酉`), as 宋季三朝政要 writes a year's name above its
    // heading: (the 干支, its line start, line number, span), for the next line.
    let mut pending_ganzhi: Option<(u8, usize, usize, Span)> = None;
    // Where the last era proclaimed is named (its first byte).
    let mut proclaimed_at: Option<usize> = None;
    // Where the last line's content ended, and its line number.
    let mut last_end = (from, line_no);
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
        // (A long paragraph passed over by a `continue` is sorted here.)
        if events.holding() {
            events.sort_held();
        }
        let long_paragraph = content.len() >= LONG_PARAGRAPH;
        if long_paragraph {
            events.hold();
        }
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
            after_header = true;
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
        let title_line = std::mem::take(&mut after_header);
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
        // A line at the margin after an indented one starts anew, however full the indented
        // one was (綱目續麟: the commentary's lines are indented, the 綱's are not).
        let indented = text[line_start..cs].starts_with(is_indent);
        let mid_paragraph = prev_full
            && match first_lines_indented {
                true => !indented,
                false => indented || !prev_indented,
            };
        prev_indented = indented;
        // This line reads the previous line's tail and gives its own to the next.
        std::mem::swap(&mut tail, &mut prev_tail);
        prev_tail.clear();
        if let Some(width) = columns {
            // A line of notes only (`　(…/…)`) closes what it annotates: a line after it
            // starts anew, as in 竹書統箋, whose 箋 follow each event of the 紀年.
            let notes_only = content.starts_with('(') && content.ends_with(')');
            prev_full = !content.starts_with('#')
                && !notes_only
                && indent_chars(&text[line_start..cs]) + visible_chars(content) + 1 >= width;
            let from = content.char_indices().rev().nth(3).map_or(0, |(i, _)| i);
            prev_tail.push_str(&content[from..]);
        }
        let (before_end, before_line) = std::mem::replace(&mut last_end, (ce, this_line));
        // A ruler's accession told in unpunctuated prose (`…卒子武公壽立九年…`, `…是為宣王…`):
        // the bare years after it are his. (Held, so that the line's events are put in the
        // order of their places.)
        if format == Format::Mandoku || !punctuated {
            let mut found = accessions(content, eras).peekable();
            if found.peek().is_some() && !events.holding() {
                events.hold();
            }
            for (name, rulers) in found {
                events.push(LineEvent {
                    line_start: cs + name.start,
                    line_no: this_line,
                    event: Event::Accession {
                        name: Span::new(cs + name.start, cs + name.end),
                        rulers,
                    },
                });
            }
        }
        // A bare year of a run split over two print lines (`…斬首三萬十三` / `年…`): read
        // whole, from the number at the previous line's end (before this line's events).
        if mid_paragraph && (format == Format::Mandoku || !punctuated) {
            let split = content
                .starts_with(|c| c == '年' || numerals::is_numeral_char(c))
                .then(|| split_year(&tail, content, before_end, cs, eras))
                .flatten()
                .or_else(|| split_reign_year(&tail, content, before_end, cs, eras))
                .or_else(|| split_era_year(&tail, content, before_end, cs, eras));
            if let Some(c) = split {
                mid_line_year(&mut events, c.label.start, before_line, c);
            }
        }
        let push = |events: &mut Sink<'e>, event| {
            events.push(LineEvent {
                line_start,
                line_no: this_line,
                event,
            })
        };
        // A Kanripo 卷 whose title line numbers it with no 卷 (`春秋公羊經傳解詁僖公第五`): its
        // heading, which may name the ruler whose years follow.
        if let Some((n, len)) = title_line
            .then(|| numbered_title_line(content))
            .flatten()
            .filter(|_| volume_heading(content).is_none())
        {
            push(
                &mut events,
                Event::Volume {
                    number: Some(n),
                    heading: Span::new(cs, cs + len),
                    title: None,
                },
            );
            want_title = 4;
            continue;
        }
        if want_title > 0 {
            want_title -= 1;
            if let Some(span) = volume_span(content, eras) {
                let span = Span::new(cs + span.start, cs + span.end);
                // (The 卷's title, where its heading gives none: `第一卷` / `万历四十年丙辰至
                // 泰昌元年庚申`.)
                if let Some(LineEvent {
                    event:
                        Event::Volume {
                            title: t @ None, ..
                        },
                    ..
                }) = events.last_mut()
                {
                    *t = Some(span);
                }
                push(&mut events, Event::VolumeSpan(span));
                want_title = 0;
                continue;
            }
            let heading = || {
                parse_candidate(text, cs, ce, eras)
                    .is_some_and(|c| c.term != Term::Weak || c.weak_ok)
                    || (format != Format::Mandoku
                        && !bracket_years(content, eras, ('【', '】'), true).is_empty())
            };
            // (Not another 卷's heading: 陸游 南唐書's `南唐书卷二　…撰元宗本纪第二` two lines
            // under the closing `南唐书卷一`.)
            if !is_notes_heading(content) && !heading() && volume_heading(content).is_none() {
                if is_compiler_line(content) || inner_numbering(content, events.last(), text) {
                    continue;
                }
                want_title = 0;
                let mut found_title_taken = true;
                let found = bracketed_title(content)
                    .map(|r| Span::new(cs + r.start, cs + r.end))
                    .or_else(|| {
                        // (A full stop after it: daizhige's 三國史記, `新罗本纪第一。`.)
                        let name = content.strip_suffix('。').unwrap_or(content);
                        is_title_line(name).then(|| Span::new(cs, cs + name.len()))
                    });
                if let Some(found) = found {
                    if let Some(LineEvent {
                        event: Event::Volume { title, .. },
                        ..
                    }) = events.last_mut()
                    {
                        // A section's number in the heading (`第三卷　　本紀第三`) gives way to
                        // the title line under it (`太宗耶律德光上`); another title stays,
                        // and the line is read as any other.
                        match *title {
                            None => *title = Some(found),
                            Some(t) if is_section_number(&text[t.range()]) => *title = Some(found),
                            Some(_) => {
                                want_title = 0;
                                found_title_taken = false;
                            }
                        }
                    }
                    if found_title_taken {
                        continue;
                    }
                }
            }
            want_title = 0;
        }
        if is_notes_heading(content) {
            push(&mut events, Event::Notes);
            continue;
        }
        // ([`volume_heading`] needs 卷 or 巻 in the first 68 bytes.)
        let juan_in_head = juans.any_within(cs, cs + content.len().min(17 * 4));
        if let Some((number, bracket)) = juan_in_head.then(|| volume_heading(content)).flatten() {
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
        // A 正史's section named alone, where an edition writes no 卷 (`本紀第三`): a volume
        // with no number, when the book has no 卷 headings (the decider sees to that).
        if format != Format::Mandoku && is_section_line(content) {
            push(
                &mut events,
                Event::Volume {
                    number: None,
                    heading: Span::new(
                        cs,
                        cs + content.strip_suffix('。').unwrap_or(content).len(),
                    ),
                    title: None,
                },
            );
            want_title = 4;
            continue;
        }
        if starts_with_note_marker(content) {
            push(&mut events, Event::Marked);
            continue;
        }
        // A year named in a note of two columns split through its 干支 (綱目:
        // `(甲齊永明二年/子魏太和八年)春正月…`).
        if format == Format::Mandoku && content.starts_with('(') {
            if let Some(c) = candidate::split_column_year(text, cs, ce, eras) {
                events.push_cand(line_start, this_line, Cand { mid_paragraph, ..c });
                continue;
            }
        }
        // Years run together with their events in brackets (稽古錄's 歷年 layout).
        // (Not a year with its annotation in brackets before it: `【己巳，公元969年】二年`.)
        let bracketed = if format != Format::Mandoku
            && brackets.any_within(cs, ce)
            && leading_annotation(content).is_none()
        {
            bracket_years(content, eras, ('【', '】'), true)
        } else if format == Format::Mandoku && content.contains('(') {
            // The same in a Kanripo edition, the events in interlinear notes run on over
            // print lines (稽古錄: `(庚/申)太祖建隆元年(正月甲辰…`, `　二(正月…`, `…)乾德元(`).
            bracket_years(content, eras, ('(', ')'), next_line_opens_note(text, next))
        } else {
            Vec::new()
        };
        // (In a Kanripo edition, an era's name begun at the print line before, after its
        // notes: `…是/歳初命著作)雍¶` / `　熙元(三月…`.)
        let carried = match format == Format::Mandoku && content.contains('(') {
            true => era_carried_over(content, &tail, eras, &bracketed),
            false => None,
        };
        // Where a byte of the line as bracket_years read it stands in the text.
        let carry_len = carried.as_ref().map_or(0, |(carry, _)| carry.len());
        let abs = |p: usize| match p.checked_sub(carry_len) {
            Some(q) => cs + q,
            None => before_end - carry_len + p,
        };
        let mut bracketed = carried.map_or(bracketed, |(_, found)| found);
        // (A bare number opening a Kanripo print line is a year there only on a line set
        // in, or after a line that ended with its notes: not the tail of a count run on
        // from the line before, `…取城大小¶` / `六十一(以列傳年表修)`.)
        if format == Format::Mandoku && !indented && !tail.ends_with(')') {
            bracketed.retain(|(at, _, c)| *at > 0 || c.era.is_some() || c.ganzhi.is_some());
        }
        if !bracketed.is_empty() {
            for (at, takes_line, c) in bracketed {
                events.push_cand(
                    // A year at the line's start takes the line, with the ruler's name
                    // before it; one after the events of another starts where it is.
                    // (One whose era's name began on the print line before starts there.)
                    if takes_line && !(carry_len > 0 && at == 0) {
                        line_start
                    } else {
                        abs(at)
                    },
                    this_line,
                    Cand {
                        label: Span::new(abs(c.label.start), abs(c.label.end)),
                        heading_end: abs(c.heading_end),
                        era: c
                            .era
                            .map(|(sp, ids)| (Span::new(abs(sp.start), abs(sp.end)), ids)),
                        ..c
                    },
                );
            }
            continue;
        }
        if !mid_paragraph {
            if let Some(rest) = content.strip_prefix("明年") {
                let named = ganzhi_prefix(rest).filter(|&(_, l)| {
                    rest[l..].starts_with(['，', '春', '夏', '秋', '冬'])
                        || opens_with_season_or_month(&rest[l..])
                });
                if named.is_some() || opens_with_season_or_month(rest) {
                    let len = "明年".len() + named.map_or(0, |(_, l)| l);
                    push(
                        &mut events,
                        Event::NextYear {
                            label: Span::new(cs, cs + len),
                            ganzhi: named.map(|(g, _)| g),
                        },
                    );
                    continue;
                }
            }
        }
        // A year needs 年 near the start of the line.
        let head = &content.as_bytes()[..content.len().min(90)];
        nians.within(cs, ce, &mut line_nians);
        // A year a ruler kept calling his years by in place of a new era (`…乃仍稱天復五年`,
        // `…克用復稱天祐四` / `年五年正月…`), in any layout: the years after it count in that
        // era, not the one proclaimed. (Near a print line's start, read with the end of the
        // line before.)
        for &at in &line_nians {
            // (The end of the line before, where it is one paragraph with this line.)
            let prev = match columns.is_some() && at < KEPT_REACH {
                true => {
                    let from = floor_boundary(text, before_end.saturating_sub(KEPT_REACH));
                    let prev = &text[from..before_end];
                    &prev[prev.rfind('\n').map_or(0, |k| k + 1)..]
                }
                false => "",
            };
            let Some(k) = kept_before(content.as_bytes(), at, prev.as_bytes()) else {
                continue;
            };
            // The era's name and the number, from the verb to 年, and where they start.
            let end = at + "年".len();
            let (date, carried) = match at.checked_sub(3 * k) {
                Some(from) => (&content[from..end], 0),
                None => {
                    let carried = 3 * k - at;
                    kept_buf.clear();
                    kept_buf.push_str(&prev[prev.len() - carried..]);
                    kept_buf.push_str(&content[..end]);
                    (kept_buf.as_str(), carried)
                }
            };
            let whole = |rest: &str| numeral_year(rest).is_some_and(|(_, l)| l == rest.len());
            let Some((len, ids)) = eras.longest_prefix(date, whole) else {
                continue;
            };
            // (The name's place where it is written whole in one line.)
            let name = match (carried == 0, len <= carried) {
                (true, _) => Some(Span::new(cs + at - 3 * k, cs + at - 3 * k + len)),
                (false, true) => Some(Span::new(before_end - carried, before_end - carried + len)),
                _ => None,
            };
            // (Before the line's headings, the date itself one of them: `…乃仍稱天復五年
            // 會…`.)
            events.push(LineEvent {
                line_start: name.map_or(cs, |n| n.start),
                line_no: this_line,
                event: Event::Kept { name, ids },
            });
        }
        let first_nian = line_nians.first().copied();
        let nian_in_head = first_nian.is_some_and(|at| at + "年".len() <= head.len());
        // (载 too: 杜工部年譜's `天寳三载甲申`, where a missed 載 heading had left 742 over
        // sixteen years.)
        let mut zai_in_head = || zais.any_within(cs, cs + head.len());
        // After a print line ending in a numeral, a bare ordinal at this line's start is the
        // tail of that number (十 / 一年), not a heading.
        // (Or an era and the year's 干支 with no 年: `至正丙申春二月，…`.)
        let cand = if nian_in_head
            || zai_in_head()
            || !mid_paragraph && (is_ganzhi_age_line(content) || ganzhi_after_name(content))
        {
            parse_candidate(text, cs, ce, eras)
                .map(|c| match format == Format::Mandoku {
                    true => known_era_after_tail(text, cs, ce, c, eras),
                    false => c,
                })
                // (Not a year inside a note run on from the print line before, as 大事記's
                // other states' years: `…趙孝成王十年¶` / `楚考烈王七年)¶`.)
                // (Its own annotation is no such note, though the edition lost its opening
                // bracket: `雍正十一年癸丑一七三三）夏六月…`.)
                .filter(|c| {
                    let at = c.label.start - cs;
                    let lost_open = c.annotation.is_some_and(|(a, _, _)| {
                        !text[a.range()].starts_with(['（', '(', '\\', '【'])
                    });
                    lost_open || !in_note(content, at)
                })
                .filter(|_| !(mid_paragraph && splits_era(&tail, content, eras)))
                .filter(|c| !(mid_paragraph && regime_before(&tail, c, eras)))
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
                events.push_cand(
                    gz_start,
                    gz_line,
                    Cand {
                        ganzhi: Some(g),
                        ..Cand::at(label)
                    },
                );
                None
            }
            // A year named by its 干支 alone at a paragraph's start, its season or 正月
            // after it (清史稿 太祖紀: `癸未夏五月，太祖起兵…`); a day's 干支 never has one.
            // In an unpunctuated text, one with a note after it that gives the regimes'
            // eras (通鑑續編: `丁卯(梁太祖朱晃開平元年○…)`), where it follows the last
            // year's 干支.
            (None, None) => ganzhi_prefix(content)
                .or_else(|| xi_for_you(content))
                .and_then(|(g, l)| {
                    // (With 歲 after it: `甲申岁正月，`, `甲戌岁秋`.)
                    let l = l + content[l..]
                        .strip_prefix(['歲', '岁', '嵗'])
                        .map_or(0, |_| '歲'.len_utf8());
                    let after = &content[l..];
                    let label = Span::new(cs, cs + l);
                    let season =
                        after.starts_with(['春', '夏', '秋', '冬']) || after.starts_with("正月");
                    if season && !mid_paragraph {
                        Some(Cand {
                            ganzhi: Some(g),
                            ..Cand::at(label)
                        })
                    } else if punctuated && !mid_paragraph && after.starts_with('，') {
                        // `甲辰，帝至和林` (新元史 定宗紀): a day's 干支 far more often than a
                        // year's; the decider takes it only as the year after the last one.
                        Some(Cand {
                            ganzhi: Some(g),
                            term: Term::Pause,
                            ..Cand::at(label)
                        })
                    } else if let Some((alen, Some(ce_year), agz)) = (!mid_paragraph)
                        .then(|| parse_annotation(after))
                        .flatten()
                        .filter(|&(alen, ce_year, agz)| {
                            // (Its CE year that 干支's, and no other 干支 in it; a pause after it,
                            // as a heading has: `甲申（一八八四）冬日托…抄竟是本` dates a copy.)
                            // (Or a CE year that is another 干支's within a few years, a slip of
                            // the edition's, `乙卯（一六七七）` for 1675 between 甲寅 and 丙辰:
                            // a heading all the same, the years around it to say which is
                            // right.)
                            ce_year.is_some_and(|y| {
                                let off =
                                    (i32::from(ganzhi::of_year(y)) - i32::from(g)).rem_euclid(60);
                                off <= 3 || off >= 57
                            }) && agz.is_none_or(|a| a == g)
                                && after[alen..].trim_end().chars().next().is_none_or(|c| {
                                    matches!(c, '，' | '。' | ',' | '：' | '　' | ' ')
                                })
                        })
                    {
                        // A year named by its 干支 with its CE year after it, as 年譜 head their
                        // years (`乙巳（一六○五），先生五岁。`): the two agree, a heading.
                        let note = Span::new(cs + l, cs + l + alen);
                        Some(Cand {
                            ganzhi: Some(g),
                            annotation: Some((note, Some(ce_year), agz)),
                            heading_end: note.end,
                            ..Cand::at(label)
                        })
                    } else if !punctuated && after.starts_with(['(', '（']) {
                        Some(Cand {
                            ganzhi: Some(g),
                            term: Term::Weak,
                            mid_paragraph,
                            ..Cand::at(label)
                        })
                    } else {
                        None
                    }
                }),
            (_, cand) => cand,
        };
        // A line of other regimes' dates under a bare year alone on its line is that
        // year's, and no heading of its own (朝鮮史略: `四十年` / `宋寳祐元年　防古宪宗三年`).
        let mut cand = match cand {
            _ if parallel_next == Some(line_start) => None,
            c => c,
        };
        if let Some(c) = cand.as_mut() {
            let alone = text[c.label.end..ce].trim().is_empty();
            if alone
                && c.era.is_none()
                && c.ordinal > 0
                && c.ganzhi.is_none()
                && c.annotation.is_none()
                && !c.relative
            {
                if let Some((note, next)) = parallel_line_after(text, ce, eras) {
                    c.annotation = Some(note);
                    c.term = Term::Strong;
                    parallel_next = Some(next);
                }
            }
        }
        // A bare year at a print line's start in mid-paragraph with nothing after it that
        // opens a year (史記 鄭世家: `…太子忽其弟子亹也¶` / `四十三年鄭莊公卒…`): one of a
        // run, as one inside a line is, where the print line before does not make it a span
        // of years (`…在位¶` / `三年…`).
        if let Some(c) = cand.as_mut().filter(|c| {
            mid_paragraph
                && (format == Format::Mandoku || !punctuated)
                && c.term == Term::Weak
                && !c.weak_ok
                && c.era.is_none()
                && c.ganzhi.is_none()
                && c.annotation.is_none()
                && !c.relative
                && c.ordinal > 0
                && c.joined_ordinal.is_none()
                && c.label.start == cs
                && text[c.label.range()].ends_with('年')
        }) {
            let at = c.label.end - cs - "年".len();
            let joined = format!("{tail}{content}");
            c.seasonless = seasonless_year(&joined, tail.len() + at, eras) == Some(tail.len());
        }
        let had_cand = cand.is_some();
        // (Where the line's heading ends: a year read there is not read again in mid-line.)
        let cand_end = cand.as_ref().map_or(cs, |c| c.label.end);
        match cand {
            Some(c) => events.push_cand(cand_at.0, cand_at.1, c),
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
        // (And the places of 載, the 唐 天寶 years' word: `…。天宝辛卯十载，…`.)
        if format != Format::Mandoku && zais.any_within(cs, ce) {
            zais.within(cs, ce, &mut line_zais);
        } else {
            line_zais.clear();
        }
        if format != Format::Mandoku && (nian_after_3 || line_zais.iter().any(|&at| at >= 3)) {
            // A sentence's end whose next 30 bytes hold no 年 starts nothing, nor one with
            // no year after it that a season or month may follow (the only years kept
            // below): only the stops before the last such year need a look. (Where the
            // line writes 載, every 年 is a candidate's end.)
            let cb = content.as_bytes();
            let last_zai = line_zais.last().copied().unwrap_or(0);
            let last_nian = line_nians.last().copied().unwrap_or(0).max(last_zai);
            let last = line_nians
                .iter()
                .rev()
                .find(|&&y| may_open_year(&content[y + "年".len()..]))
                .copied()
                .unwrap_or(0);
            let last = if last < last_nian && !line_zais.is_empty() {
                last_nian
            } else {
                last
            };
            // (Past that year, only a sentence that opens with a year's 干支 and a comma, or
            // an era and the year's 干支 and number: `…。乙酉，顺治二年、南京弘光元年。`,
            // `…。咸通辛卯十二年，…`.)
            stops_buf.clear();
            stops_buf.extend(stop.find_iter(&cb[..last]));
            for &y in line_nians.iter().chain(&line_zais).filter(|&&y| y > last) {
                let window = floor_boundary(content, y.saturating_sub(30));
                if let Some(k) = content[window..y].rfind('。') {
                    let at = window + k;
                    let rest = &content[at + '。'.len_utf8()..];
                    if at >= last && ganzhi_dated(after_sentence_end(rest)) {
                        stops_buf.push(at);
                    }
                }
            }
            // (So too a paragraph opening with a reign's name and a comma, a dated year after
            // it: 南詔野史's `丰佑，唐穆宗甲辰长庆四年卽位，…`.)
            let opened = content
                .get(..15)
                .or(Some(content))
                .and_then(|head| head.find('，'))
                .filter(|&k| {
                    !mid_paragraph && k >= 6 && ganzhi_dated(&content[k + '，'.len_utf8()..])
                });
            if let Some(k) = opened {
                stops_buf.push(k);
            }
            if opened.is_some() || stops_buf.last().is_some_and(|&a| a >= last) {
                stops_buf.sort_unstable();
                stops_buf.dedup();
            }
            for &at in &stops_buf {
                let from = at + '。'.len_utf8();
                let rest = &content[from..];
                let skip = rest.len() - after_sentence_end(rest).len();
                let start = cs + from + skip;
                // (A 年 in those bytes is one of the line's. Or, at the paragraph's opening
                // clause, an era and the year's 干支 with no 年: `明年，至正乙未春正月戊寅，…`;
                // the candidate read below decides.)
                let near = ce.min(start + 30);
                if start >= ce
                    || !line_nians
                        .iter()
                        .chain(&line_zais)
                        .any(|&y| cs + y >= start && cs + y + "年".len() <= near)
                        && opened.is_none_or(|k| cs + k + '，'.len_utf8() != start)
                        // (Or an era and the year's 干支 with its season, in mid-line:
                        // `…饶州悉平。至正壬寅春正月，…`.)
                        && !candidate::ganzhi_after_name(&text[start..ce])
                {
                    continue;
                }
                // The next year named by its 干支 opening a sentence, its season after it
                // (皇明本紀: `…元将贾鲁围城。明年癸巳春，贾鲁死。`): as at a line's start.
                if let Some((g, l)) = text[start..ce]
                    .strip_prefix("明年")
                    .and_then(ganzhi_prefix)
                    .filter(|&(_, l)| {
                        let after = &text[start + "明年".len() + l..ce];
                        after.starts_with(['，', '春', '夏', '秋', '冬'])
                            || opens_with_season_or_month(after)
                    })
                {
                    let len = "明年".len() + l;
                    events.push(LineEvent {
                        line_start: start,
                        line_no: this_line,
                        event: Event::NextYear {
                            label: Span::new(start, start + len),
                            ganzhi: Some(g),
                        },
                    });
                    continue;
                }
                if let Some(c) = parse_candidate(text, start, ce, eras) {
                    let after = &text[c.heading_end..ce];
                    let season = c.term == Term::Weak && opens_with_season_or_month(after);
                    // In a paragraph of a thousand characters and more, a 本紀 set as one
                    // line (東觀漢記: `…太白清明。”二年正月，〔一二五〕益吴汉…。〔一三八〕三年，
                    // 光武征秦丰…`), its sentences are read as paragraphs are; a named era's
                    // year there only in the era in force (others are dates in the story, read
                    // as mentions below). Right after the stop, a named era's year with its
                    // season is read as in any line (蜀檮杌's `…。长兴元年二月，…`).
                    let long = long_paragraph;
                    let plain = rest[..skip].chars().all(is_indent);
                    let named_season = season && c.era.is_some() && plain;
                    // A year named whole, with its 干支 or its CE year, opening a sentence in
                    // any line: a 年譜 whose headings a conversion ran on to the paragraph
                    // before (`…兵部尚书毛伯温送之…。嘉靖二十二年癸卯（一五四三），先生三岁。`).
                    // So too a bare year with its 干支 and the subject's age after it
                    // (陳清端公年譜: `…播迁靡有宁居。四年（乙巳），十岁。`): only a 年譜's
                    // heading is written so.
                    let gz_noted =
                        c.ganzhi.is_some() || c.annotation.is_some_and(|a| a.2.is_some());
                    let dated = (c.era.as_ref().is_some_and(|(_, ids)| !ids.is_empty())
                        && (c.ganzhi.is_some() || c.annotation.is_some())
                        || c.era.is_none() && gz_noted && age_follows(&text[c.heading_end..ce]))
                        && c.term != Term::Weak;
                    // (At the paragraph's opening clause, `明年，至正乙未春正月…`, the year
                    // takes the paragraph, as a heading at its start.)
                    let at_open = opened.is_some_and(|k| cs + k + '，'.len_utf8() == start);
                    // (There, the reign's first year with its accession after it: `丰佑，唐穆宗
                    // 甲辰长庆四年卽位，…`.)
                    let accession = at_open
                        && c.term == Term::Weak
                        && c.era.as_ref().is_some_and(|(_, ids)| !ids.is_empty())
                        && c.ganzhi.is_some()
                        && ["即位", "卽位"]
                            .iter()
                            .any(|w| text[c.heading_end..ce].starts_with(w));
                    if at_open && c.ordinal > 0 && (season || dated || accession) {
                        let weak_ok = c.weak_ok || accession;
                        events.push_cand(line_start, this_line, Cand { weak_ok, ..c });
                    } else if (long || dated)
                        && c.ordinal > 0
                        && (season || c.term == Term::Pause || dated)
                        && !named_season
                    {
                        events.push_cand(
                            start,
                            this_line,
                            Cand {
                                sentence: true,
                                ..c
                            },
                        );
                    } else if season && c.ordinal > 0 && (!long || named_season) {
                        mid_line_year(&mut events, start, this_line, c);
                    }
                }
            }
        }
        let _ = had_cand;
        // A 年譜's bare year run on with no stop before it, known by its 干支 in a note and
        // the subject's age after it (小酉腴山館主人自著年譜: `…葬回龙山之西原二十年，（庚子），
        // 十七岁`).
        if format != Format::Mandoku && nian_after_3 {
            for &y in &line_nians {
                if let Some((k, c)) = run_on_aged_year(text, cs, ce, y) {
                    let before = events.last().is_none_or(|e| e.line_start < cs + k);
                    if before {
                        // (Read as a sentence's year is: a heading the years around it may
                        // refute.)
                        events.push_cand(
                            cs + k,
                            this_line,
                            Cand {
                                sentence: true,
                                ..c
                            },
                        );
                    }
                }
            }
        }
        // A year run on after the last one's source note, as 大事記 writes them:
        // `…【以史记世家修】周威烈王三年【郑幽公…年】`: a year of a known era or ruler right
        // after a `】`, with a note of other states' years after it (only a heading has one),
        // read as a heading the resolver may pass over.
        if format != Format::Mandoku && nian_after_3 && bracket.find(content.as_bytes()).is_some() {
            for (k, _) in content.match_indices('】') {
                let start = cs + k + '】'.len_utf8();
                let Some(c) = (start < ce)
                    .then(|| parse_candidate(text, start, ce, eras))
                    .flatten()
                else {
                    continue;
                };
                let known = c.era.as_ref().is_some_and(|(_, ids)| !ids.is_empty());
                // (Or, unpunctuated, a month after it: 資治通鑑考異's `…今从统纪】仪凤元年二月…`.)
                let month = !punctuated && opens_with_season_or_month(&text[c.heading_end..ce]);
                if known && c.ordinal > 0 && (c.states_note || month) {
                    mid_line_year(&mut events, start, this_line, c);
                }
            }
            // The year's 干支 run on after the last year's events with its era in a note
            // (通鑑續編: `…遂城于辽阳壬辰【唐长兴三年凡五国三镇】`): where the 干支 is the era's
            // year's (not a day's before a note citing a year).
            for (k, _) in content.match_indices('【').filter(|&(k, _)| k >= 6) {
                let gz_at = k - 6;
                if !content.is_char_boundary(gz_at)
                    || content[..gz_at].ends_with('】')
                    || ganzhi_prefix(&content[gz_at..]).is_none_or(|(_, l)| l != 6)
                {
                    continue;
                }
                let Some(c) = parse_candidate(text, cs + gz_at, ce, eras) else {
                    continue;
                };
                let agrees = c.era.as_ref().is_some_and(|(_, ids)| {
                    ids.iter().any(|&id| {
                        let year = eras.get(id).year(c.ordinal);
                        year.is_some_and(|y| {
                            Some(crate::calendar::Ganzhi::of_year(y).index()) == c.ganzhi
                        })
                    })
                });
                if agrees && c.states_note && c.label.start == cs + gz_at {
                    mid_line_year(&mut events, cs + gz_at, this_line, c);
                }
            }
        }
        // A year opening an item marked ○ in mid-line, as 十八史略 and 綱目 editions run
        // their items on (`…可汗、○貞觀四年、蔡公如晦卒`, `…○五年、林邑…`): a heading
        // where the years around it say so, as one at a paragraph's start.
        if nian_after_3 {
            // (A byte search built once: ○'s last byte is common in Chinese text, and a
            // search for the character stops at every such byte.)
            for k in circle.find_iter(content.as_bytes()).filter(|&k| k > 0) {
                let Some(c) = parse_candidate(text, cs + k, ce, eras) else {
                    continue;
                };
                let opens = c.term != Term::Weak || c.weak_ok;
                // (Read as one at a paragraph's start: the ○ opens the item as an indent
                // opens a paragraph.)
                if c.ordinal > 0 && opens && c.label.start == cs + k + '○'.len_utf8() {
                    events.push_cand(cs + k, this_line, c);
                }
            }
        }
        // A year opening an item set off by a full-width space in the middle of an
        // unpunctuated line, as 左傳紀事本末 runs a topic's years on (`…非礼也　三年春王三月…`):
        // read as the ○ items above are.
        if nian_after_3 && !punctuated && format != Format::Mandoku {
            for (k, _) in content.match_indices('　').filter(|&(k, _)| k > 0) {
                // (Not a line of dates set side by side, `宋孝恭帝徳祐元年　元至元十二年`.)
                if content[..k].ends_with(is_indent) || content[..k].ends_with('年') {
                    continue;
                }
                let at = k + '　'.len_utf8();
                let Some(c) = parse_candidate(text, cs + at, ce, eras) else {
                    continue;
                };
                let opens = c.term != Term::Weak || c.weak_ok;
                let more = text[c.heading_end..ce].trim_end().chars().count() > 2;
                if c.ordinal > 0 && opens && more && c.label.start == cs + at {
                    events.push_cand(cs + at, this_line, c);
                }
            }
        }
        // A year of a known era opening a sentence in mid-line with no season or month after
        // it (`…败之。显德三年，督军平扬州`): a date in the text, which says which era the
        // bare years after it count in (a 本紀 retelling a founder's years under the
        // dynasty before: `三年春，从征淮南` is 显德's).
        // In an unpunctuated text, with no stop to find it by: a new era's 元年 in mid-line
        // (錦里耆舊傳: `…四百文長興元年秋…`), its name found in the table.
        if format != Format::Mandoku {
            for &at in &line_nians {
                let span = match punctuated {
                    true => mention_at(text, cs, ce, at),
                    false => new_era_at(text, cs, at, eras)
                        .or_else(|| dating_clause(content, cs, at, eras))
                        .or_else(|| date_with_ganzhi(content, cs, at, eras)),
                };
                if let Some(span) = span {
                    events.push(LineEvent {
                        line_start: cs + at,
                        line_no: this_line,
                        event: Event::Mention(span),
                    });
                }
            }
        }
        // In an unpunctuated text (a Kanripo file, a plain one), a year that begins inside
        // a line, bare or with its 干支 and era, with its first month or spring after it (`…從太上皇閲武於城西九年正月党
        // 項`, `…八月麒麟見武昌二年春正月`): a heading only where it continues the
        // sequence, as a year at a print line's start in mid-paragraph is. (Not any month:
        // a 本紀 recounts a prince's years so, `…慎勿行二年八月立尚書省…`.)
        // In a punctuated text, the same where the stop before the year is missing
        // (`…瓦剌入貢四年春正月壬午…`), with its 正月 after it.
        if format == Format::Mandoku || !punctuated || !line_nians.is_empty() {
            let notes = (format == Format::Mandoku).then(|| Brackets::new(content, '(', ')'));
            let lenticular = Brackets::new(content, '【', '】');
            for &at in line_nians.iter().filter(|&&at| at >= 6) {
                // (Not inside a Kanripo 夾注: `(宗實録八年正月頡利可汗死…)` cites a source.)
                if notes.as_ref().is_some_and(|n| n.contains(at)) {
                    continue;
                }
                // (Nor inside a bracketed note: `【…稽古録称共和九年】晋靖侯薨…`.)
                if lenticular.contains(at) {
                    continue;
                }
                let after = after_year(text, cs, ce, at, format == Format::Mandoku);
                let after: &str = &after;
                if punctuated
                    && format != Format::Mandoku
                    && !after.trim_start_matches('春').starts_with("正月")
                {
                    continue;
                }
                // A named era's 元年 with any month or season after it (`…候船以歸元象元年
                // 三月`, `…還晉陽興和元年七月丁丑`): as unpunctuated 本紀 write each change of
                // era. (After 為, it is a proclamation's, found below.)
                // Or a year written whole, its era, number and 干支, with 正月 and a day after
                // (明史鈔略: `…五人萬暦二十二年甲午正月庚辰朔…`).
                if let Some(c) = (format == Format::Mandoku || !punctuated)
                    .then(|| {
                        run_on_era(text, cs, ce, at, after, eras)
                            .or_else(|| era_year_ganzhi_run_on(text, cs, ce, at, after, eras))
                    })
                    .flatten()
                {
                    let start = c.label.start;
                    mid_line_year(&mut events, start, this_line, c);
                    continue;
                }
                // A proclamation's 元年 written again to head its month (三國志 文帝紀:
                // `…改建安二十五年为延康元年元年二月…`): the era's first year.
                if let Some(c) = (format == Format::Mandoku || !punctuated)
                    .then(|| proclaimed_again(text, cs, ce, at, after, eras))
                    .flatten()
                {
                    // (A heading as sure as one opening a paragraph.)
                    let start = c.label.start;
                    events.push_cand(start, this_line, c);
                    continue;
                }
                // A year named whole with its 干支 after it, as an unpunctuated 年譜 runs its
                // years on (紹陶錄: `…我年二六太元九年甲申君年二十…`, `…学书泰始元年【宋明帝】
                // 乙已君年十岁…`): a heading where the 干支 is the era's year's.
                if let Some(c) = ((format == Format::Mandoku || !punctuated) && cs + at >= cand_end)
                    .then(|| dated_run_on(text, cs, ce, at, after, eras))
                    .flatten()
                {
                    let start = c.label.start;
                    mid_line_year(&mut events, start, this_line, c);
                    continue;
                }
                // 正月, spring, or another season with its month ([`opens_run_on_year`]).
                // Any month after a later year with its era named (舊五代史: `…斬首五百級
                // 天復二年二月李嗣昭…`, a year whose annal opens in 二月): the era named makes
                // it no count of a prince's years.
                // (Not at the line's start: a heading read as such.)
                // (Looked up once, where a season or month follows: every year read below has
                // one after it.)
                let era_before = opens_with_season_or_month(after)
                    .then(|| era_named_before_number(content, at, eras))
                    .flatten();
                let named_month = era_before.is_some_and(|(e, _, _)| e > 0);
                if !(opens_run_on_year(after) || named_month) {
                    // With nothing after it, as 史記's 本紀 and 古史 run a reign's years on
                    // (`…晉陽反元年将軍䝉驁擊定之`, `…斬首三萬三年蒙驁攻韓`): a bare year kept
                    // as one of a run; the book decides whether its runs are its headings.
                    if format == Format::Mandoku || !punctuated {
                        // A ruler's year named in the run (`…太子襄公代立襄公元年以女弟…`,
                        // `…共公二年晉趙穿弑…`): one of the run too.
                        if let Some(c) = run_on_reign(text, cs, ce, at, eras)
                            .or_else(|| run_on_first_year(text, cs, ce, at, eras))
                        {
                            let start = c.label.start;
                            mid_line_year(&mut events, start, this_line, c);
                            continue;
                        }
                        if let Some(c) = seasonless_year(content, at, eras).and_then(|start| {
                            parse_candidate(text, cs + start, ce, eras).filter(|c| {
                                c.era.is_none()
                                    && c.ganzhi.is_none()
                                    && c.ordinal > 0
                                    && c.label.end == cs + at + "年".len()
                            })
                        }) {
                            let start = c.label.start;
                            mid_line_year(
                                &mut events,
                                start,
                                this_line,
                                Cand {
                                    seasonless: true,
                                    ..c
                                },
                            );
                        }
                    }
                    continue;
                }
                // A new era's 元年 right after its proclamation (`…改明年為嘉禾元年春丞相…`).
                let found = if let Some(head) = content[..at].strip_suffix('元') {
                    (1..=4).find_map(|era_chars| {
                        let era_at = head.char_indices().rev().nth(era_chars - 1)?.0;
                        head[..era_at].ends_with(['為', '为']).then_some(era_at)?;
                        parse_candidate(text, cs + era_at, ce, eras)
                            .filter(|c| {
                                c.era.as_ref().is_some_and(|(_, ids)| !ids.is_empty())
                                    && c.ordinal == 1
                                    && c.label.end == cs + at + "年".len()
                            })
                            .map(|c| (era_at, c))
                    })
                } else {
                    let Some(ns) = ordinal_start(&content[..at]).filter(|&i| i > 0) else {
                        continue;
                    };
                    // The year written whole, its 干支 and era before the number (`…水旱癸亥嘉泰
                    // 三年春正月`), or the number alone.
                    let whole = (1..=4).find_map(|era_chars| {
                        let era_at = content[..ns].char_indices().rev().nth(era_chars - 1)?.0;
                        let gz_at = content[..era_at].char_indices().rev().nth(1)?.0;
                        let (_, l) = ganzhi_prefix(&content[gz_at..])?;
                        if gz_at + l != era_at {
                            return None;
                        }
                        parse_candidate(text, cs + gz_at, ce, eras)
                            .filter(|c| {
                                c.era.as_ref().is_some_and(|(sp, ids)| {
                                    !ids.is_empty() && sp.start == cs + era_at
                                }) && c.ganzhi.is_some()
                                    && c.label.end == cs + at + "年".len()
                            })
                            .map(|c| (gz_at, c))
                    });
                    // The era named before the number, no 干支 (舊五代史: `…占者惡之天祐五年
                    // 正月…`): the decider takes it where the era is the one in force.
                    let named = || {
                        let (era_at, _, _) = era_before?;
                        if era_at == 0 {
                            return None;
                        }
                        parse_candidate(text, cs + era_at, ce, eras)
                            .filter(|c| {
                                c.era.as_ref().is_some_and(|(sp, ids)| {
                                    !ids.is_empty() && sp.start == cs + era_at && sp.end == cs + ns
                                }) && c.ganzhi.is_none()
                                    && c.ordinal > 1
                                    && c.label.end == cs + at + "年".len()
                            })
                            .map(|c| (era_at, c))
                    };
                    let found = whole.or_else(named).or_else(|| {
                        parse_candidate(text, cs + ns, ce, eras)
                            .filter(|c| c.era.is_none() && c.ordinal > 1 && c.ganzhi.is_none())
                            .map(|c| (ns, c))
                    });
                    // (After a stop in a punctuated text, the year is found as a sentence's.)
                    let after_stop = content[..ns]
                        .chars()
                        .next_back()
                        .is_some_and(|c| is_punct(c) || is_indent(c));
                    found.filter(|_| !(punctuated && format != Format::Mandoku && after_stop))
                };
                if let Some((start, c)) = found {
                    mid_line_year(&mut events, cs + start, this_line, c);
                }
            }
        }
        // Not the last print line of a paragraph (`…山行章叛附於` / `王建`: a name, not a
        // reign), unless indented as a heading is (皇王大紀's `　　考王`). Or a 紀's opening
        // paragraph (`少帝諱禪…`), naming its ruler: the eras it goes on to proclaim
        // (`…大赦天下改元建興…`) are read after it. ([`ruler_intro`] needs 諱 or 讳 in the
        // first 72 bytes.)
        let alone = (!mid_paragraph || indented)
            .then(|| ruler_line(content, eras))
            .flatten();
        let named = alone.is_some();
        let ruler = alone.or_else(|| {
            (!mid_paragraph && huis.any_within(cs, cs + content.len().min(24 * 3)))
                .then(|| ruler_intro(content, eras))
                .flatten()
        });
        if let Some((name, rulers)) = ruler {
            push(
                &mut events,
                Event::RulerLine {
                    name: Span::new(cs + name.start, cs + name.end),
                    rulers,
                },
            );
            if named {
                continue;
            }
        }
        // Era changes inside the line: 改元乾統, 改元曰天授, 改明年為乾德元年.
        // Eras proclaimed in the line (in a Kanripo text, with the end of the previous
        // print line before it, where a proclamation may begin).
        let (joined, carried) = if columns.is_some() && !tail.is_empty() {
            joined_buf.clear();
            joined_buf.push_str(&tail);
            joined_buf.push_str(content);
            line_yuans.clear();
            line_yuans.extend(yuan.find_iter(joined_buf.as_bytes()));
            (joined_buf.as_str(), tail.len())
        } else {
            yuans.within(cs, ce, &mut line_yuans);
            (content, 0)
        };
        for (at, len, ids) in proclamations(joined, &line_yuans, eras) {
            // (Not one the previous line found; one it could not, its name ending that line
            // and its 元年 this one's start, `…改永泰二年爲大歴` / `元年…`, is this line's.)
            if at + len <= carried && proclaimed_at == Some(before_end - carried + at) {
                continue;
            }
            // A name broken by the line break (舊唐書: `…改永泰二年爲大` / `歴元年…`) spans it,
            // from its place in the previous line's tail.
            let place = |k: usize| match k >= carried {
                true => cs + k - carried,
                false => before_end - carried + k,
            };
            // (A name ending the tail ends there, not at this line's start.)
            let end = match at + len > carried {
                true => place(at + len),
                false => before_end - carried + at + len,
            };
            let era = Span::new(place(at), end);
            proclaimed_at = Some(era.start);
            let era = Some(era);
            match era.filter(|e| long_paragraph && e.start >= cs) {
                // In a long paragraph, at its place: the years after it count in it.
                Some(span) => events.push(LineEvent {
                    line_start: span.start,
                    line_no: this_line,
                    event: Event::Gaiyuan { era, ids },
                }),
                None => push(&mut events, Event::Gaiyuan { era, ids }),
            }
        }
        if long_paragraph {
            events.sort_held();
        }
    }
    if events.holding() {
        events.sort_held();
    }
    events.into_parts(|e| keep_from <= from || e.line_start >= keep_from)
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
    // An era just proclaimed renamed at once (北史 孝武紀: `…改元為永興以同明元時年號尋改為
    // 永熙…`): 尋, 又, 復, 更 or 俄 before 改為 or 改曰, a known era's name after it and no
    // place's or building's (`又改為太平縣`).
    for (at, _) in s.match_indices("改") {
        let before = s[..at].chars().next_back();
        if !matches!(before, Some('尋' | '寻' | '又' | '復' | '复' | '更' | '俄')) {
            continue;
        }
        let rest = &s[at + "改".len()..];
        let Some(verb) = rest
            .chars()
            .next()
            .filter(|c| matches!(c, '為' | '爲' | '为' | '曰'))
        else {
            continue;
        };
        let start = at + "改".len() + verb.len_utf8();
        if let Some((len, ids)) = eras.longest_prefix(&s[start..], |after| {
            !after.starts_with([
                '縣', '县', '郡', '州', '軍', '军', '府', '寺', '宮', '宫', '殿', '門', '门', '館',
                '馆', '觀', '观', '城', '王', '公', '侯',
            ])
        }) {
            if chinese(ids) && !out.iter().any(|&(a, _, _)| a == start) {
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
                .filter(|&(i, c)| {
                    // 曰 only after 改 (`改上元三年曰儀鳳元年`): 詔曰 quotes.
                    matches!(c, '爲' | '為' | '为')
                        || c == '曰'
                            && s[floor_boundary(s, (from + i).saturating_sub(reach))..from + i]
                                .contains('改')
                })
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
    // A mark before it, as 五代春秋 sets one (`○末帝`).
    let marked = content
        .strip_prefix(['○', '◎'])
        .map_or(0, |_| '○'.len_utf8());
    let content = &content[marked..];
    // Several reigns named on one line (see [`several_rulers_line`]). (Short lines only, of
    // 24 characters at most, with a blank: ' ' or U+3000, E3 80 80.)
    let blank = |b: &[u8]| {
        memchr::memchr(b' ', b).is_some()
            || memchr::memchr_iter(0xE3, b).any(|i| b[i + 1..].starts_with(&[0x80, 0x80]))
    };
    if content.len() <= 24 * 4 && blank(content.as_bytes()) {
        if let Some(found) = several_rulers_line(content.trim_end(), eras) {
            return found.map(|(r, rulers)| (marked + r.start..marked + r.end, rulers));
        }
    }
    if !at_most_chars(content, 12) || !content.chars().all(is_han) {
        return None;
    }
    let name = content.trim_end_matches(['上', '中', '下']);
    let chars = name.chars().count();
    // His regime's name before it (`后唐末帝`, `汉高祖`: the name is then the ruler's
    // alone, and the decider reads the regime, so that `汉高祖` is every 漢's 高祖 and not
    // only the one the table calls 漢高祖), and his titles after it (`明宗仁德皇帝`,
    // `后唐庄宗神闵皇帝`); else the name as the table has it (`安王`).
    let mut heads = vec![0];
    for (k, _) in name.char_indices().skip(1).take(2) {
        if !eras.regimes_named(&name[..k]).is_empty() {
            heads.push(k);
        }
    }
    for &at in heads.iter().rev() {
        let rest = &name[at..];
        let mut found = None;
        eras.rulers_at_each(rest, |len, rulers| {
            let tail = &rest[len..];
            let titled =
                tail.is_empty() && at > 0 || (tail.ends_with('帝') && at_most_chars(tail, 6));
            if rest[..len].chars().count() >= 2 && titled && !rulers.is_empty() {
                found = Some((marked + at..marked + at + len, rulers));
            }
        });
        if found.is_some() {
            return found;
        }
    }
    if chars <= 8 {
        let rulers = eras.rulers_named(name);
        if !rulers.is_empty() && chars >= 2 {
            return Some((marked..marked + name.len(), rulers));
        }
    }
    // A king the table knows by another name (皇王大紀's 貞王 for 貞定王): a new reign all
    // the same, its years reckoned from the years around them.
    let unknown_king = (2..=3).contains(&chars)
        && name.ends_with('王')
        && !name.starts_with(|c: char| numerals::is_numeral_char(c));
    unknown_king.then_some((0..name.len(), &[][..]))
}

/// A line naming several reigns, the fragments of all of them after it (三十國春秋輯本:
/// `○哀帝　帝奕　海西公`, after its mark): `None` unless `names` holds two names at least,
/// each of up to six Han characters, apart by U+3000 or spaces; else the last that is a
/// ruler's, whose years come last (its range in `names`), or `Some(None)` if none is.
#[cold]
fn several_rulers_line<'e>(
    names: &str,
    eras: &'e EraTable,
) -> Option<Option<(std::ops::Range<usize>, &'e [RulerId])>> {
    if !names.contains(['\u{3000}', ' ']) || !at_most_chars(names, 24) {
        return None;
    }
    let parts: Vec<&str> = names
        .split(['\u{3000}', ' '])
        .filter(|part| !part.is_empty())
        .collect();
    let all_names = parts.len() >= 2
        && parts
            .iter()
            .all(|p| at_most_chars(p, 6) && p.chars().all(is_han));
    if !all_names {
        return Some(None);
    }
    Some(parts.iter().rev().find_map(|&part| {
        // (Where the part starts in `names`, of which it is a slice.)
        let at = part.as_ptr() as usize - names.as_ptr() as usize;
        let (range, rulers) = ruler_line(part, eras)?;
        (!rulers.is_empty()).then(|| (at + range.start..at + range.end, rulers))
    }))
}

/// Whether byte `at` of `content` is inside a note in half- or full-width parentheses.
fn in_note(content: &str, at: usize) -> bool {
    in_brackets(content, at, '(', ')') || in_brackets(content, at, '（', '）')
}

/// Whether byte `at` of `content` lies between `open` and `close` (or before a `close`
/// with no `open` before it in the line: a note begun on the print line before).
fn in_brackets(content: &str, at: usize, open: char, close: char) -> bool {
    Brackets::new(content, open, close).contains(at)
}

/// Where one kind of bracket stands in a line: the byte offsets of every `open` and every
/// `close` in its content, in order (both empty, with no allocation, in a line without
/// them). Built once for a line whose every year asks whether it stands in a note, instead
/// of a search back from each year (quadratic in a long paragraph).
struct Brackets {
    opens: Vec<usize>,
    closes: Vec<usize>,
}

impl Brackets {
    fn new(content: &str, open: char, close: char) -> Brackets {
        // (Byte searches: a full-width bracket's last byte is common in Chinese text, and a
        // search for the character by it stops at every such byte. The searches for the
        // brackets of notes are built once.)
        let all = |c: char| -> Vec<usize> {
            let hay = content.as_bytes();
            if c.is_ascii() {
                return memchr::memchr_iter(c as u8, hay).collect();
            }
            match NEEDLES.notes.iter().find(|(n, _)| *n == c) {
                Some((_, f)) => f.find_iter(hay).collect(),
                None => {
                    memchr::memmem::find_iter(hay, c.encode_utf8(&mut [0; 4]).as_bytes()).collect()
                }
            }
        };
        Brackets {
            opens: all(open),
            closes: all(close),
        }
    }

    /// Whether byte `at` lies after an `open` not closed before it, or before a `close`
    /// with neither bracket before it (a note begun on the print line before).
    fn contains(&self, at: usize) -> bool {
        let before = |v: &[usize]| v[..v.partition_point(|&k| k < at)].last().copied();
        match (before(&self.opens), before(&self.closes)) {
            (Some(o), c) => c.is_none_or(|c| c < o),
            (None, Some(_)) => false,
            // (Neither before `at`: the line's first of each is after it.)
            (None, None) => match (self.closes.first(), self.opens.first()) {
                (Some(close), open) => open.is_none_or(|o| close < o),
                (None, _) => false,
            },
        }
    }
}

/// A year at a Kanripo print line's start whose era the table does not know, where a known
/// era begins a character or two later (`師武定元年`: the 師 ends the sentence before,
/// `…乃班¶` / `師武定元年二月…`, or a cut made at that print line): the year from that era
/// on.
fn known_era_after_tail<'e>(
    text: &str,
    cs: usize,
    ce: usize,
    c: Cand<'e>,
    eras: &'e EraTable,
) -> Cand<'e> {
    if !c.era.as_ref().is_some_and(|(_, ids)| ids.is_empty()) {
        return c;
    }
    let later = text[cs..ce]
        .char_indices()
        .skip(1)
        .take(2)
        .find_map(|(k, _)| {
            parse_candidate(text, cs + k, ce, eras).filter(|k_c| {
                k_c.era.as_ref().is_some_and(|(_, ids)| !ids.is_empty())
                    && k_c.label.end == c.label.end
                    && k_c.ordinal == c.ordinal
            })
        });
    later.unwrap_or(c)
}

/// What follows the 年 at byte `at` of a line's content `text[cs..ce]`; in a Kanripo text
/// whose print line ends within two characters of it, with the next print line's first
/// characters after it (`…四年八¶` / `月癸巳…`, `…三年正¶` / `月甲子…`, over a page marker's
/// line): enough to tell a month or a season.
fn after_year(text: &str, cs: usize, ce: usize, at: usize, mandoku: bool) -> Cow<'_, str> {
    let after = &text[cs + at + "年".len()..ce];
    if !mandoku || after.chars().nth(2).is_some() {
        return Cow::Borrowed(after);
    }
    let Some(rest) = text[ce..].strip_prefix('¶') else {
        return Cow::Borrowed(after);
    };
    let mut rest = rest.trim_start_matches(['\r', '\n']);
    if rest.starts_with("<pb:") {
        rest = rest.split_once('\n').map_or("", |(_, r)| r);
    }
    let next = rest
        .chars()
        .take_while(|&c| !matches!(c, '\n' | '\r' | '¶'))
        .take(4);
    Cow::Owned(after.chars().chain(next).collect())
}

/// The known era named right before the number before the 年 at byte `at` of `content`
/// (`天復二年`; not 元年, not a proclamation's, after 為, nor after [`SPAN_BEFORE`]'s
/// characters): the byte offsets of the era's
/// name and of the number, and the table's eras (年號, not rulers' years) by that name.
fn era_named_before_number<'e>(
    content: &str,
    at: usize,
    eras: &'e EraTable,
) -> Option<(usize, usize, &'e [EraId])> {
    let ns = ordinal_start(&content[..at])?;
    // (The longest name: `乾隆`, not `隆`.)
    (1..=4).rev().find_map(|era_chars| {
        let era_at = content[..ns].char_indices().rev().nth(era_chars - 1)?.0;
        // (Nor after what makes it a span or a date in a sentence: `以至順四年六月初八日即
        // 皇帝位`, in 元史 順帝紀's edict.)
        if content[..era_at].ends_with(['為', '为'])
            || content[..era_at]
                .chars()
                .next_back()
                .is_some_and(|c| SPAN_BEFORE.contains(c))
        {
            return None;
        }
        let ids = eras.lookup(&content[era_at..ns]);
        ids.iter()
            .any(|&id| eras.get(id).kind() == EraKind::Era)
            .then_some((era_at, ns, ids))
    })
}

/// The year whose 年 is at byte `at` of the line `text[cs..ce]`, run on in unpunctuated
/// prose with its era named before the number and the year's own 干支 after 年, then 正月
/// (or 春正月) and a day's 干支 (`after`, the text after 年): `…萬暦二十二年甲午正月庚辰朔…`.
fn era_year_ganzhi_run_on<'e>(
    text: &str,
    cs: usize,
    ce: usize,
    at: usize,
    after: &str,
    eras: &'e EraTable,
) -> Option<Cand<'e>> {
    let (g, l) = ganzhi_prefix(after)?;
    // (正月 and its first day's 干支, as an annal opens the year: a date recalled in a
    // 年譜's prose has its season and what happened, `…进士开元二十六年戊寅春以考功郎…`.)
    // (The day may run over the print line: `…丙午春正月庚¶` / `午朔…`.)
    let month = after[l..].trim_start_matches('春').strip_prefix("正月")?;
    if month.chars().nth(1).is_some() && ganzhi_prefix(month).is_none() {
        return None;
    }
    let content = &text[cs..ce];
    // (Not at the line's start: a heading read as such.)
    let (era_at, _, _) = era_named_before_number(content, at, eras).filter(|e| e.0 > 0)?;
    let c = parse_candidate(text, cs + era_at, ce, eras)?;
    let agrees = c.era.as_ref().is_some_and(|(sp, ids)| {
        sp.start == cs + era_at && ids.iter().any(|&id| era_year_is(eras, id, c.ordinal, g))
    });
    (agrees && c.ganzhi == Some(g) && c.label.end == cs + at + "年".len() + l).then_some(c)
}

/// Whether `after`, right after a year run on in unpunctuated prose, opens that year as
/// such a year's heading must: 正月, spring, or another season with its month (漢 years
/// open in 冬十月). (Not any month: a 本紀 recounts a prince's years so, `…慎勿行二年八月
/// 立尚書省…`.)
pub(super) fn opens_run_on_year(after: &str) -> bool {
    after.starts_with("正月")
        || after.starts_with('春')
        || after.starts_with(['夏', '秋', '冬'])
            && opens_with_season_or_month(&after['冬'.len_utf8()..])
}

/// A named era's 元年 run on in unpunctuated prose, its 年 at byte `at` of the line's
/// content `text[cs..ce]`, with a month or season after it (`after`, see [`after_year`])
/// and no 為 before the era's name (a proclamation's): the longest known era name of up to
/// four characters before 元.
fn run_on_era<'e>(
    text: &str,
    cs: usize,
    ce: usize,
    at: usize,
    after: &str,
    eras: &'e EraTable,
) -> Option<Cand<'e>> {
    let content = &text[cs..ce];
    if !opens_with_season_or_month(after)
        || [('(', ')'), ('（', '）'), ('【', '】')]
            .iter()
            .any(|&(o, c)| in_brackets(content, at, o, c))
    {
        return None;
    }
    let head = content[..at].strip_suffix('元')?;
    (1..=4).rev().find_map(|era_chars| {
        let era_at = head.char_indices().rev().nth(era_chars - 1)?.0;
        if era_at == 0 || head[..era_at].ends_with(['為', '为']) {
            return None;
        }
        let c = parse_candidate(text, cs + era_at, ce, eras)?;
        let known = c.era.as_ref().is_some_and(|(sp, ids)| {
            !ids.is_empty() && sp.start == cs + era_at && sp.end == cs + head.len()
        });
        (known && c.ordinal == 1 && c.ganzhi.is_none() && c.label.end == cs + at + "年".len())
            .then_some(Cand {
                run_on_era: true,
                ..c
            })
    })
}

/// The accessions of rulers before 秦's unification told in unpunctuated prose, as the 史記
/// tells them between the years it runs on: the ruler's name (byte range in `content`) and
/// the rulers the table knows by it. A son's or brother's name before 立, with up to two
/// characters between (his personal name, or 代: `…卒子武公壽立`, `…太子襄公代立`, `…子幽王
/// 宫涅立`), or a name after 是為 (`…是為宣王`). Only names of rulers whose years the table
/// counts before 221 BCE.
fn accessions<'a, 'e>(
    content: &'a str,
    eras: &'e EraTable,
) -> impl Iterator<Item = (std::ops::Range<usize>, &'e [RulerId])> + 'a
where
    'e: 'a,
{
    const LI: [u8; 3] = utf8_3("立");
    const WEI: [u8; 3] = utf8_3("為");
    const WEI2: [u8; 3] = utf8_3("爲");
    let b = content.as_bytes();
    // The rulers of that name, where one of them counted years that end before 221 BCE.
    let ruler = move |name: &str| -> Option<&'e [RulerId]> {
        let pre_qin = eras.lookup(name).iter().any(|&id| {
            let e = eras.get(id);
            e.kind() == EraKind::RulerYears && e.end().get() < -220
        });
        let rulers = eras.rulers_named(name);
        (pre_qin && !rulers.is_empty()).then_some(rulers)
    };
    memchr::memmem::find_iter(b, &LI)
        .filter_map(move |i| {
            // Back from 立: up to two characters between, then a name of two to four.
            let head = &content[..i];
            let ends: Vec<usize> = head.char_indices().rev().take(2).map(|(k, _)| k).collect();
            std::iter::once(i).chain(ends).find_map(|end| {
                (2..=4).rev().find_map(|n| {
                    let at = head[..end].char_indices().rev().nth(n - 1)?.0;
                    let name = &head[at..end];
                    // (A son's or a brother's: `…卒子悼公立`, not `…弑悼公立其子簡公`.)
                    let kin = head[..at].ends_with(['子', '弟', '孫']);
                    (kin && name.chars().all(is_han)).then_some(())?;
                    ruler(name).map(|r| (at..end, r))
                })
            })
        })
        .chain(
            memchr::memmem::find_iter(b, &WEI)
                .chain(memchr::memmem::find_iter(b, &WEI2))
                .filter(move |&i| content[..i].ends_with('是'))
                .filter_map(move |i| {
                    let from = i + 3;
                    let rest = &content[from..];
                    let ends: Vec<usize> = rest
                        .char_indices()
                        .skip(2)
                        .take(3)
                        .map(|(k, _)| k)
                        .collect();
                    ends.into_iter()
                        .chain(std::iter::once(rest.len()).filter(|_| rest.chars().count() <= 4))
                        .rev()
                        .find_map(|end| ruler(&rest[..end]).map(|r| (from..from + end, r)))
                }),
        )
}

/// Whether era `id` counts a ruler's years as the 史記 runs them on: a ruler's years, or
/// an era before 秦's unification (周's 共和, 841–828 BCE: `…號曰共和共和十四年厲王死…`).
pub(super) fn counts_a_reign(eras: &EraTable, id: EraId) -> bool {
    let era = eras.get(id);
    era.kind() == EraKind::RulerYears || era.end().get() < -220
}

/// A ruler's year run on in unpunctuated prose with nothing after it that opens a year,
/// as the 史記 runs a state's years (`…太子襄公代立襄公元年以女弟…`, `…卒子共公立共公二年…`):
/// its 年 at byte `at` of the line `text[cs..ce]`, the ruler's name (up to four characters,
/// the longest the era table knows as a ruler's years, with its regime's name before it if
/// written) right before the number. Marked seasonless: a heading only in a book whose
/// years run so. Not inside a note.
fn run_on_reign<'e>(
    text: &str,
    cs: usize,
    ce: usize,
    at: usize,
    eras: &'e EraTable,
) -> Option<Cand<'e>> {
    let content = &text[cs..ce];
    let head = &content[..at];
    let ns = match head.strip_suffix('元') {
        Some(before) => before.len(),
        None => ordinal_start(head)?,
    };
    if ns == 0 || in_note(content, at) {
        return None;
    }
    let named = |name_end: usize| {
        // The longest name of a ruler the table knows ending there, of two characters at
        // least (`…獻之周十九年` is 文公's year after 周, no ruler's), looked up first: the
        // candidate is read only where one is found.
        let name_at = (2..=4).rev().find_map(|n| {
            let at = head[..name_end].char_indices().rev().nth(n - 1)?.0;
            let ids = eras.lookup(&head[at..name_end]);
            ids.iter().any(|&id| counts_a_reign(eras, id)).then_some(at)
        })?;
        // With his regime's name of one or two characters before it if written (`秦繆公`;
        // not `周惠公` before `威烈王`).
        let mut starts: Vec<usize> = head[..name_at]
            .char_indices()
            .rev()
            .take(2)
            .map(|(k, _)| k)
            .collect();
        starts.reverse();
        starts.push(name_at);
        starts.into_iter().find_map(|label_at| {
            let c = parse_candidate(text, cs + label_at, ce, eras)?;
            // (Or the year's 干支 before the name: `…子熊霜嗣甲戍宣王元年以秦仲為大夫…`.)
            let dated = c.ganzhi.is_some() && !c.regime_prefixed;
            let ruler = c.era.as_ref().is_some_and(|(sp, ids)| {
                (sp.start == cs + label_at
                    || (c.regime_prefixed || dated) && sp.start == cs + name_at)
                    && c.label.start == cs + label_at
                    && sp.end == cs + name_end
                    && ids.iter().any(|&id| counts_a_reign(eras, id))
            });
            ruler.then_some(c)
        })
    };
    if let Some(c) = named(ns) {
        let ganzhi_before = c
            .era
            .as_ref()
            .is_some_and(|(sp, _)| sp.start > c.label.start);
        return (c.ordinal > 0
            && (c.ganzhi.is_none() || ganzhi_before)
            && c.label.end == cs + at + "年".len())
        .then_some(Cand {
            seasonless: true,
            ..c
        });
    }
    // A reign's first year with the ruler's personal name between (`…立其弟繆公繆公任好元年
    // 自將伐茅津…`): the year is the ruler's 元年.
    if !head.ends_with('元') {
        return None;
    }
    let end = cs + at + "年".len();
    head[..ns]
        .char_indices()
        .rev()
        .take(2)
        .take_while(|&(_, c)| is_han(c))
        .find_map(|(name_end, _)| {
            (2..=4).rev().find_map(|name_chars| {
                let name_at = head[..name_end].char_indices().rev().nth(name_chars - 1)?.0;
                let ids = eras.lookup(&head[name_at..name_end]);
                ids.iter()
                    .any(|&id| counts_a_reign(eras, id))
                    .then(|| Cand {
                        era: Some((
                            Span::new(cs + name_at, cs + name_end),
                            std::borrow::Cow::Borrowed(ids),
                        )),
                        ordinal: 1,
                        term: Term::Weak,
                        seasonless: true,
                        ..Cand::at(Span::new(cs + name_at, end))
                    })
            })
        })
}

/// A 年號's 元年 run on in unpunctuated prose with nothing after it that opens a year
/// (別本十六國春秋 後秦録: `…堅黙然白雀元年慕¶` / `容泓起兵…`, 姚萇's first era): its 年 at
/// byte `at` of the line `text[cs..ce]`, the era's name (two to four characters, the longest
/// the table knows) right before 元. Marked seasonless: the decider takes it only as an era
/// of a ruler named since the last year, or the one after the era in force. Not after 為 (a
/// proclamation's, read elsewhere), nor after what makes it a span (`至太元元年`), nor
/// inside a note.
fn run_on_first_year<'e>(
    text: &str,
    cs: usize,
    ce: usize,
    at: usize,
    eras: &'e EraTable,
) -> Option<Cand<'e>> {
    let content = &text[cs..ce];
    if in_note(content, at) {
        return None;
    }
    let Some(head) = content[..at].strip_suffix('元') else {
        // A later year of a 年號 so (`…走及奔馬皇始五年僣即皇帝位…`): the decider takes it
        // only as the next year of the era in force.
        let (era_at, ns, ids) = era_named_before_number(content, at, eras)?;
        if era_at == 0 || ids.iter().any(|&id| counts_a_reign(eras, id)) {
            return None;
        }
        let (ordinal, len) = numeral_year(&content[ns..])?;
        return (ns + len == at + "年".len()).then(|| Cand {
            era: Some((Span::new(cs + era_at, cs + ns), Cow::Borrowed(ids))),
            ordinal,
            term: Term::Weak,
            seasonless: true,
            ..Cand::at(Span::new(cs + era_at, cs + at + "年".len()))
        });
    };
    (2..=4).rev().find_map(|n| {
        let era_at = head.char_indices().rev().nth(n - 1)?.0;
        // (In the line: one at its start is read as such.)
        let before = head[..era_at].chars().next_back()?;
        if ERA_DATED_BEFORE.contains(before) {
            return None;
        }
        let ids = eras.lookup(&head[era_at..]);
        ids.iter()
            .any(|&id| eras.get(id).kind() == EraKind::Era && !counts_a_reign(eras, id))
            .then(|| Cand {
                era: Some((Span::new(cs + era_at, cs + head.len()), Cow::Borrowed(ids))),
                ordinal: 1,
                term: Term::Weak,
                seasonless: true,
                ..Cand::at(Span::new(cs + era_at, cs + at + "年".len()))
            })
    })
}

/// Whether the Kanripo print line at byte `at` (over a page marker's line) opens with an
/// interlinear note.
fn next_line_opens_note(text: &str, at: usize) -> bool {
    let mut rest = &text[at.min(text.len())..];
    if rest.starts_with("<pb:") {
        rest = rest.split_once('\n').map_or("", |(_, r)| r);
    }
    rest.trim_start_matches(is_indent).starts_with('(')
}

/// Of a Kanripo line whose years' events are interlinear notes: the first characters of an
/// era's name left at the end of the print line before, after its notes (`tail`, that
/// line's last characters: `…著作)雍`), and the years of this line read with them
/// (`熙元(三月…` as `雍熙元(三月…`), when its first year (`found`) was not read at its
/// start without them. Offsets of the years are into the carried characters and the line.
fn era_carried_over<'e>(
    content: &str,
    tail: &str,
    eras: &'e EraTable,
    found: &[BracketYear<'e>],
) -> Option<(String, Vec<BracketYear<'e>>)> {
    if found
        .first()
        .is_some_and(|(at, _, c)| *at == 0 && c.era.is_some())
    {
        return None;
    }
    let carry = &tail[tail.rfind(')')? + 1..];
    if carry.is_empty() || carry.chars().count() > 3 || !carry.chars().all(is_han) {
        return None;
    }
    let joined = format!("{carry}{content}");
    let years = bracket_years(&joined, eras, ('(', ')'), false);
    years
        .first()
        .is_some_and(|(at, _, c)| {
            *at == 0
                && c.era
                    .as_ref()
                    .is_some_and(|(sp, ids)| sp.start == 0 && !ids.is_empty())
        })
        .then(|| (carry.to_owned(), years))
}

/// The year ending in the 年 at byte `at` of the line `text[cs..ce]`, run on in mid-line,
/// when it is written whole (a known era, its number) and the year's 干支 follows it, a
/// short note in 【】 or （） between or not (`太元九年甲申`, `泰始元年【宋明帝】乙已`), the 干支
/// that year's of one of the era's regimes: the candidate, with the 干支, read from the era's
/// name. `after` is the text after the 年.
fn dated_run_on<'e>(
    text: &str,
    cs: usize,
    ce: usize,
    at: usize,
    after: &str,
    eras: &'e EraTable,
) -> Option<Cand<'e>> {
    // (Cheap first: most years have no 干支 after them.)
    let note = ['【', '（', '('].iter().find_map(|&open| {
        let close = match open {
            '【' => '】',
            '（' => '）',
            _ => ')',
        };
        let rest = after.strip_prefix(open)?;
        let k = rest.char_indices().take(8).find(|&(_, c)| c == close)?.0;
        Some(open.len_utf8() + k + close.len_utf8())
    });
    let (g, gl) = ganzhi_prefix(&after[note.unwrap_or(0)..])?;
    // (The subject's age after it, as a 年譜 gives: `…甲申君年二十…`, after a note or not.)
    if !age_after(&after[note.unwrap_or(0) + gl..]) {
        return None;
    }
    let content = &text[cs..ce];
    let ns = match content[..at].strip_suffix('元') {
        Some(head) => head.len(),
        None => ordinal_start(&content[..at])?,
    };
    (1..=4).find_map(|era_chars| {
        let era_at = content[..ns].char_indices().rev().nth(era_chars - 1)?.0;
        let c = parse_candidate(text, cs + era_at, ce, eras)?;
        let (span, ids) = c.era.as_ref()?;
        let agrees = ids.iter().any(|&id| era_year_is(eras, id, c.ordinal, g));
        let fits = span.start == cs + era_at && span.end == cs + ns && c.ordinal > 0 && agrees;
        fits.then_some(Cand {
            ganzhi: Some(g),
            ..c
        })
    })
}

/// Whether `s` opens with a 年譜's age of its subject, the year's 干支 and short notes in 【】
/// before it or not: `君年十二`, `公年二十四`, `先生年三十`, `年五十`, `五岁`, `十歲`.
pub(super) fn age_after(s: &str) -> bool {
    let note = |s: &str| -> Option<usize> {
        let rest = s.strip_prefix('【')?;
        let (k, _) = rest.char_indices().take(8).find(|&(_, c)| c == '】')?;
        Some('【'.len_utf8() + k + '】'.len_utf8())
    };
    // (The year's 干支 first, where the heading ends before it: `甲申君年二十`,
    // `【宋明帝】乙已君年十岁`.)
    let s = &s[note(s).unwrap_or(0)..];
    let s = &s[ganzhi_prefix(s).map_or(0, |(_, l)| l)..];
    let s = &s[note(s).unwrap_or(0)..];
    let s = s
        .strip_prefix("先生")
        .or_else(|| s.strip_prefix(['君', '公']))
        .unwrap_or(s);
    match s.strip_prefix('年') {
        Some(rest) => numerals::parse_prefix(rest).is_some_and(|(n, _)| (1..=120).contains(&n)),
        None => age_follows(s),
    }
}

/// A year that starts at byte `start` inside line `line_no`, after a sentence or a note:
/// a heading the resolver may pass over.
fn mid_line_year<'e>(events: &mut Sink<'e>, start: usize, line_no: usize, c: Cand<'e>) {
    events.push_cand(
        start,
        line_no,
        Cand {
            mid_paragraph: true,
            mid_line: true,
            ..c
        },
    );
}

/// The 元年 whose 年 is at byte `at` of the line `text[cs..ce]`, written right after a
/// proclamation of the same year (`为延康元年元年二月`), with a month or season after it
/// (`after`): the proclaimed era's first year, labelled by the second 元年, a heading as
/// sure as one at a paragraph's start.
fn proclaimed_again<'e>(
    text: &str,
    cs: usize,
    ce: usize,
    at: usize,
    after: &str,
    eras: &'e EraTable,
) -> Option<Cand<'e>> {
    let content = &text[cs..ce];
    let head = content[..at].strip_suffix('元')?.strip_suffix("元年")?;
    if !(opens_with_season_or_month(after) || after.starts_with(['閏', '闰'])) {
        return None;
    }
    let first_end = head.len() + "元年".len();
    (1..=4).find_map(|era_chars| {
        let era_at = head.char_indices().rev().nth(era_chars - 1)?.0;
        head[..era_at].ends_with(['為', '为']).then_some(())?;
        let c = parse_candidate(text, cs + era_at, ce, eras)?;
        let known = c.era.as_ref().is_some_and(|(_, ids)| !ids.is_empty());
        (known && c.ordinal == 1 && c.label.end == cs + first_end).then(|| {
            let label = Span::new(cs + first_end, cs + at + "年".len());
            Cand {
                label,
                heading_end: label.end,
                term: Term::Weak,
                weak_ok: true,
                ..c
            }
        })
    })
}

/// A bare year run on after a character with no stop between, its 干支 in a note after it
/// and the subject's age after that (`西原二十年，（庚子），十七岁`), the 年 at byte `y` of the
/// line `text[cs..ce]`: where the year starts in the line, and the candidate.
fn run_on_aged_year<'e>(text: &str, cs: usize, ce: usize, y: usize) -> Option<(usize, Cand<'e>)> {
    let content = &text[cs..ce];
    let after_nian = y + "年".len();
    let rest = &content[after_nian..];
    let note_at = rest.len() - rest.trim_start_matches('，').len();
    let (len, _, g) = parse_annotation(&rest[note_at..])?;
    let g = g?;
    if !age_follows(&rest[note_at + len..]) {
        return None;
    }
    let k = content[..y]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| numerals::is_numeral_char(c))
        .last()?
        .0;
    let n = numerals::value(&content[k..y]).filter(|n| (1..=100).contains(n))?;
    // (After a stop or at the line's start, the sentence's own reading has it.)
    let prev = content[..k].chars().next_back()?;
    if !is_han(prev) || numerals::is_numeral_char(prev) {
        return None;
    }
    let note = Span::new(cs + after_nian + note_at, cs + after_nian + note_at + len);
    Some((
        k,
        Cand {
            ganzhi: Some(g),
            ordinal: n,
            annotation: Some((note, None, Some(g))),
            heading_end: note.end,
            term: Term::Pause,
            ..Cand::at(Span::new(cs + k, cs + after_nian))
        },
    ))
}

/// A clause that dates the story by another regime's year, in a text with no stops
/// (開國方略: `太祖起兵嵗癸未明万历十一年也`): the regime, its era and the year, 也 after it
/// (the 年 at byte `at` of `content`, which starts at byte `cs`); the span from the era's
/// name to 年, a mention the years named by their 干支 alone count from.
fn dating_clause(content: &str, cs: usize, at: usize, eras: &EraTable) -> Option<Span> {
    if !content[at + "年".len()..].starts_with('也') {
        return None;
    }
    let end = at + "年".len();
    // The regime's name within twelve characters before 年.
    content[..at]
        .char_indices()
        .rev()
        .take(12)
        .find_map(|(k, _)| {
            let (era_at, len, _, _, ylen) = candidate::regime_prefixed(&content[k..end], eras)?;
            (k + era_at + len + ylen == end).then(|| Span::new(cs + k + era_at, cs + end))
        })
}

/// A date written whole in unpunctuated prose, its era's year and that year's 干支
/// (明太祖實錄's `…時元天歷元年戊辰九月十八日…`, the emperor's birth): the era and number
/// before 年 at byte `at` of `content` (a line starting at `cs`), where the 干支 after it is
/// the year's by the table. A year named by its 干支 alone after it counts from it.
fn date_with_ganzhi(content: &str, cs: usize, at: usize, eras: &EraTable) -> Option<Span> {
    let end = at + "年".len();
    let (g, _) = ganzhi_prefix(&content[end..])?;
    // The era's name and the number within ten characters before 年, the longest first.
    content[..at]
        .char_indices()
        .rev()
        .take(10)
        .skip(1)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .find_map(|(k, _)| {
            let whole = |rest: &str| numeral_year(rest).is_some_and(|(_, l)| l == rest.len());
            let (len, ids) = eras.longest_prefix(&content[k..end], whole)?;
            let (n, _) = numeral_year(&content[k + len..end])?;
            ids.iter()
                .any(|&id| era_year_is(eras, id, n, g))
                .then(|| Span::new(cs + k, cs + end))
        })
}

/// Whether `content`, a line under a 卷 heading (`last`, the event before it), numbers the
/// 卷 of the book a commentary is on (史記集解's `史記六` under `史記集解卷六`): the
/// heading's first characters and a numeral, not the 卷's title.
fn inner_numbering(content: &str, last: Option<&LineEvent<'_>>, text: &str) -> bool {
    let Some(LineEvent {
        event: Event::Volume { heading, .. },
        ..
    }) = last
    else {
        return false;
    };
    let name = content.trim_end_matches(numerals::is_numeral_char);
    name.len() < content.len()
        && (2..=4).contains(&name.chars().count())
        && name.chars().all(is_han)
        && text[heading.range()].starts_with(name)
}

/// Whether `s` opens with a year's 干支 and a comma (`乙酉，顺治二年`), or has a 干支 after
/// its first two to five characters (an era's name, `咸通辛卯十二年`; a ruler's,
/// `文宗丁未太和元年`): a sentence a year named so may open, looked at without the table.
fn ganzhi_dated(s: &str) -> bool {
    ganzhi_prefix(s).is_some_and(|(_, l)| s[l..].starts_with(['，', '、']))
        || [6, 9, 12, 15]
            .iter()
            .any(|&k| s.get(k..).and_then(ganzhi_prefix).is_some())
}

/// A line this long (bytes: a thousand characters) is a paragraph of many sentences, each
/// read as a paragraph is where it opens with a year.
const LONG_PARAGRAPH: usize = 3000;

/// `rest`, the text after a sentence's full stop, after what may stand between the stop and
/// the next sentence: indents, closing quotation marks (`。”`), note markers (`。〔一三八〕`).
fn after_sentence_end(mut rest: &str) -> &str {
    loop {
        let trimmed =
            rest.trim_start_matches(|c: char| is_indent(c) || matches!(c, '”' | '’' | '」' | '』'));
        let marker = trimmed
            .strip_prefix('〔')
            .and_then(|r| r.char_indices().take(7).find(|&(_, c)| c == '〕'))
            .map(|(k, _)| &trimmed['〔'.len_utf8() + k + '〕'.len_utf8()..]);
        match marker {
            Some(after) => rest = after,
            None => return trimmed,
        }
    }
}

/// What before a number makes it a span of years, not a year (`居二年`, `凡三年`, `至五年`).
const SPAN_BEFORE: &str =
    "居後后凡積积歷历立位至及以其是去前數数餘余逾踰閱阅經经幾几每迄終终同明來来在此越過过滿满";
/// What before an era's name makes its year a proclamation's (`改元為`), or a date in a
/// sentence (`至太元元年`, `以建初元年`), not a year run on in prose (`…其弟遷立大順元年
/// 克用擊破孟遷…`: after 立 a year, where a number after 立 is a span).
pub(super) const ERA_DATED_BEFORE: &str = "為为至及以自迄訖讫終终于於在稱称";
/// What after a year makes it a span or part of a phrase (`三年之中`, `三年一貢`, `三年矣`).
const SPAN_AFTER: &str = "矣而之間间中後后前所餘余乃一不未者乎也來来以已許许";

/// Where a bare year ending in the 年 at byte `at` of `content` begins, if it may be one
/// of a reign's years run on in unpunctuated prose: not a span of years (`居二年`, `立三年`,
/// `三年之中`, `三年一貢`), not part of an era's name (`開元年`), not the tail of a count
/// (`斬首三萬三年` is `三萬` and `三年`: no ordinal has 百, 千 or 萬).
fn seasonless_year(content: &str, at: usize, eras: &EraTable) -> Option<usize> {
    let head = &content[..at];
    // (At a print line's end, what follows is the next line's.)
    let after = content[at + "年".len()..].chars().next();
    if after.is_some_and(|c| SPAN_AFTER.contains(c) || is_punct(c)) {
        return None;
    }
    let start = if let Some(before) = head.strip_suffix('元') {
        let era_name = before
            .char_indices()
            .rev()
            .take(3)
            .any(|(k, _)| !eras.lookup(&head[k..]).is_empty());
        if era_name {
            return None;
        }
        before.len()
    } else {
        let run = ordinal_start(head)?;
        // After the last 百, 千 or 萬 of the run.
        head[run..]
            .char_indices()
            .rfind(|&(_, c)| numerals::is_hundred_or_more(c))
            .map_or(run, |(k, c)| run + k + c.len_utf8())
    };
    if start == 0 || start >= at {
        return None;
    }
    // Not the number of an era named before it, whatever made the era's year no heading
    // (通鑑續編's `庚午【梁开平四年凡六国五镇】`: the year is 开平's, inside a note).
    let named = head[..start]
        .char_indices()
        .rev()
        .skip(1)
        .take(3)
        .any(|(k, _)| !eras.lookup(&head[k..start]).is_empty());
    if named {
        return None;
    }
    let before = head[..start].chars().next_back()?;
    let count = numerals::is_hundred_or_more(before);
    // (After a Kanripo 夾注 too: `…(徐廣曰淮/一作江)二十四年`, or a bracketed note:
    // `…拔焦　【楚威王薨子怀王槐立】四十一年秦公子华…`.)
    let text_before = is_han(before) || matches!(before, ')' | '】');
    (count || !SPAN_BEFORE.contains(before) && !numerals::is_numeral_char(before) && text_before)
        .then_some(start)
}

/// A bare year of a run split over two print lines: the number ends `tail`, the previous
/// line's last characters (its content ending at byte `tail_end`), and `content`, the line
/// starting at byte `cs`, opens with 年 or with the rest of the number and 年 (`十` / `八年`).
/// The label runs from the number to the 年.
fn split_year<'e>(
    tail: &str,
    content: &str,
    tail_end: usize,
    cs: usize,
    eras: &'e EraTable,
) -> Option<Cand<'e>> {
    // (The number may go on in this line: `十` / `八年`.)
    let k = content
        .char_indices()
        .take(4)
        .find(|&(_, c)| !numerals::is_numeral_char(c))
        .filter(|&(_, c)| c == '年')?
        .0;
    if !tail.ends_with(numerals::is_numeral_char) && k > 0 {
        return None;
    }
    let joined = Joined::new(tail, content, k, tail_end, cs);
    // With what opens a year after it (舊五代史: `…等三州天復三` / `年正月天子…`), as one
    // inside a line is read: its era too, where named, and any month after a named era.
    let year_at = tail.len() + k;
    let after = &content[k + "年".len()..];
    let named = era_named_before_number(&joined.text, year_at, eras);
    if opens_run_on_year(after) || named.is_some() && opens_with_season_or_month(after) {
        // (A bare number as a year of a run is read: not a span, nor a count's tail.)
        let ns = match named {
            Some((_, ns, _)) => ns,
            None => seasonless_year(&joined.text, year_at, eras)?,
        };
        let (ordinal, _) = numeral_year(&joined.text[ns..])?;
        if ns >= tail.len() || ns == 0 || ordinal < 2 {
            return None;
        }
        let start = named.map_or(ns, |(era_at, _, _)| era_at);
        return Some(Cand {
            ordinal,
            era: named.map(|(era_at, ns, ids)| {
                (
                    Span::new(joined.at(era_at), joined.at(ns)),
                    Cow::Borrowed(ids),
                )
            }),
            term: Term::Weak,
            weak_ok: true,
            ..Cand::at(Span::new(joined.at(start), joined.at(year_at + "年".len())))
        });
    }
    let start = seasonless_year(&joined.text, year_at, eras)?;
    if start >= tail.len() {
        return None;
    }
    let (ordinal, _) = numeral_year(&joined.text[start..])?;
    Some(Cand {
        ordinal,
        term: Term::Weak,
        seasonless: true,
        ..Cand::at(Span::new(
            joined.at(start),
            joined.at(tail.len() + k + "年".len()),
        ))
    })
}

/// The last characters of the previous print line (`tail`, its content ending at byte
/// `tail_end`) joined to the first of this one (`content`, starting at byte `cs`) up to
/// four characters past byte `k`, the 年 of a year split over the two lines; offsets in
/// the joined text map back to the text's.
struct Joined {
    text: String,
    tail_len: usize,
    tail_end: usize,
    cs: usize,
}

impl Joined {
    fn new(tail: &str, content: &str, k: usize, tail_end: usize, cs: usize) -> Joined {
        let next = &content[..floor_boundary(content, k + 4 * 3)];
        Joined {
            text: format!("{tail}{next}"),
            tail_len: tail.len(),
            tail_end,
            cs,
        }
    }

    /// The byte offset in the text of byte `p` of the joined text.
    fn at(&self, p: usize) -> usize {
        match p.checked_sub(self.tail_len) {
            Some(q) => self.cs + q,
            None => self.tail_end - (self.tail_len - p),
        }
    }
}

/// An era's year run on in prose whose name is split over two print lines (隋書: `…乃止大` /
/// `象二年五月以髙祖為…`, 大象二年), with its month or season after it: read from the name's
/// start at the previous line's end (`tail`, its content ending at byte `tail_end`), as a
/// named era's year run on in one line is.
fn split_era_year<'e>(
    tail: &str,
    content: &str,
    tail_end: usize,
    cs: usize,
    eras: &'e EraTable,
) -> Option<Cand<'e>> {
    let k = content.char_indices().take(6).find(|&(_, c)| c == '年')?.0;
    if k == 0 || !splits_era(tail, content, eras) {
        return None;
    }
    let joined = Joined::new(tail, content, k, tail_end, cs);
    let year_at = tail.len() + k;
    let (era_at, ns, ids) = era_named_before_number(&joined.text, year_at, eras)?;
    // (The name from the tail into this line, the number in this line.)
    if !(era_at < tail.len() && tail.len() < ns) {
        return None;
    }
    let after = &content[k + "年".len()..];
    if !opens_with_season_or_month(after) {
        return None;
    }
    let (ordinal, _) = numeral_year(&joined.text[ns..])?;
    Some(Cand {
        ordinal,
        era: Some((
            Span::new(joined.at(era_at), joined.at(ns)),
            Cow::Borrowed(ids),
        )),
        term: Term::Weak,
        weak_ok: true,
        ..Cand::at(Span::new(
            joined.at(era_at),
            joined.at(year_at + "年".len()),
        ))
    })
}

/// A ruler's year run on in prose and split over two print lines (`…成公元` / `年梁伯芮伯
/// 來朝…`, `…躁公二` / `年南鄭反…`, `…昭襄` / `王元年…`): read as [`run_on_reign`] reads it
/// in one line, from the previous line's last characters (`tail`, its content ending at
/// byte `tail_end`) and `content`, the line starting at byte `cs`, with a 年 among its
/// first four characters.
fn split_reign_year<'e>(
    tail: &str,
    content: &str,
    tail_end: usize,
    cs: usize,
    eras: &'e EraTable,
) -> Option<Cand<'e>> {
    let k = content.char_indices().take(4).find(|&(_, c)| c == '年')?.0;
    // (A number right before the 年, in this line or at the end of the last.)
    let number = |c: char| c == '元' || numerals::is_numeral_char(c);
    let number_before = match content[..k].chars().next_back() {
        Some(c) => number(c),
        None => tail.ends_with(number),
    };
    if !number_before {
        return None;
    }
    let joined = Joined::new(tail, content, k, tail_end, cs);
    let c = run_on_reign(&joined.text, 0, joined.text.len(), tail.len() + k, eras)?;
    let at = |p: usize| joined.at(p);
    (c.label.start < tail.len()).then(|| Cand {
        label: Span::new(at(c.label.start), at(c.label.end)),
        heading_end: at(c.heading_end.min(joined.text.len())),
        era: c
            .era
            .map(|(sp, ids)| (Span::new(at(sp.start), at(sp.end)), ids)),
        ..c
    })
}

/// Whether the previous print line ends with the name of the regime of the year's era
/// (南史: `…是歲魏` / `延和元年`): another regime's date written in passing, not a heading.
fn regime_before(tail: &str, c: &Cand<'_>, eras: &EraTable) -> bool {
    let Some((_, ids)) = &c.era else {
        return false;
    };
    tail.char_indices().rev().take(2).any(|(k, _)| {
        let named = eras.regimes_named(&tail[k..]);
        !named.is_empty() && ids.iter().any(|&id| named.contains(&eras.get(id).regime()))
    })
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
    // Most lines have no 諱 there: two byte searches tell them.
    let hb = head.as_bytes();
    if find3(hb, &utf8_3("諱")).is_none() && find3(hb, &utf8_3("讳")).is_none() {
        return None;
    }
    // The titles before 諱 are Han characters only: read up to 諱, or to the first
    // character that could not be among them.
    let hui = head.char_indices().find_map(|(i, c)| match c {
        '諱' | '讳' => Some(Some(i)),
        c if !is_han(c) => Some(None),
        _ => None,
    })??;
    // (A taboo name after it, not a word of prose: `…不書葬爲¶` / `襄公諱也`, the
    // commentary's "for 襄公 it keeps silent".)
    let name = content[hui + '諱'.len_utf8()..].chars().next();
    if name.is_some_and(|c| "也之其不而者故以所莫爲为乎焉矣".contains(c)) {
        return None;
    }
    let title = &head[..hui];
    let ends: Vec<usize> = title
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .take(8)
        .collect();
    // (After his regime's name if written, `東魏孝静皇帝諱善見`: a ruler of that regime.)
    // (Where the titles may start, and the regimes named before: none at 0.)
    let mut starts: Vec<(usize, &[RegimeId])> = vec![(0, &[])];
    eras.regimes_at_each(title, 2, |len, regimes| starts.push((len, regimes)));
    let of_regime = |regimes: &[RegimeId], rulers: &[RulerId]| {
        regimes.is_empty()
            || rulers
                .iter()
                .any(|&r| regimes.contains(&eras.ruler(r).regime()))
    };
    starts
        .iter()
        .find_map(|&(start, regimes)| {
            ends.iter().rev().find_map(|&end| {
                let rulers = eras.rulers_named(title.get(start..end)?);
                (end >= start + 6 && !rulers.is_empty() && of_regime(regimes, rulers))
                    .then_some((start..end, rulers))
            })
        })
        // A ruler the table does not know by these titles: a new reign all the same.
        .or_else(|| {
            title
                .ends_with(['帝', '王', '后'])
                .then(|| (0..title.len(), &[][..]))
        })
}

/// Where a year written with its era's name after a stop or a comma in mid-line may be,
/// its `年` at `at` (a byte offset in the line's content `text[cs..ce]`): the span from
/// after the stop to the end of `年` (`显德三年` in `…败之。显德三年，督军…`, `明嘉靖三十八年`
/// in `是岁己未，明嘉靖三十八年也`), found without the era table; [`mention_eras`] reads it
/// when a heading needs it. None where no number or no stop is there.
fn mention_at(text: &str, cs: usize, ce: usize, at: usize) -> Option<Span> {
    let content = &text[cs..ce];
    let b = content.as_bytes();
    // Read three bytes at a time, the Han characters' width: this runs for every 年 of a
    // text, most of which it rejects at the first look. The number before 年 …
    let char_at =
        |i: usize| -> Option<char> { std::str::from_utf8(b.get(i..i + 3)?).ok()?.chars().next() };
    let mut ns = at;
    while ns >= 3 && char_at(ns - 3).is_some_and(numerals::is_numeral_char) {
        ns -= 3;
    }
    // (Or 元 of 元年: `是歲太清元年也`.)
    if ns == at && at >= 3 && char_at(at - 3) == Some('元') {
        ns -= 3;
    }
    if ns == at {
        return None;
    }
    // … and the stop or comma the date follows, within the six characters before the
    // number (an era's name of two to four, or a regime's and an era's), with two
    // characters at least between them (`，三年` has none).
    let is_stop = |i: usize| {
        matches!(
            b.get(i..i + 3),
            Some([0xE3, 0x80, 0x82] | [0xEF, 0xBC, 0x8C] | [0xEF, 0xBC, 0x9B])
        )
    };
    let stop_at = (2..=6)
        .map(|k| ns.checked_sub(3 * (k + 1)))
        .take_while(Option::is_some)
        .flatten()
        .find(|&i| is_stop(i))?;
    let from = stop_at + 3;
    content
        .is_char_boundary(from)
        .then(|| Span::new(cs + from, cs + at + "年".len()))
}

/// Where an era's 元年 ends at `at` (the byte offset of its `年` in the line's content
/// starting at `cs`), in a text with no stops, with a season or the first month after it:
/// the span of the era's name (two to six characters, the longest the table knows that
/// ends right before 元), 元 and 年.
fn new_era_at(text: &str, cs: usize, at: usize, eras: &EraTable) -> Option<Span> {
    let yuan = (cs + at).checked_sub('元'.len_utf8())?;
    if !text.is_char_boundary(yuan) || !text[yuan..].starts_with('元') {
        return None;
    }
    let end = cs + at + '年'.len_utf8();
    // Opening the year's events (a season, the first month): a date in passing (`黄初元年
    // 而權…`) says less, and only a stop would tell it.
    if !text[end..].starts_with(['春', '夏', '秋', '冬', '正']) {
        return None;
    }
    let starts: Vec<usize> = text[cs..yuan]
        .char_indices()
        .rev()
        .take(6)
        .map(|(k, _)| cs + k)
        .collect();
    let whole = |rest: &str| rest == "元年";
    // The farthest start first (the longest name); a name of one character is none.
    starts.iter().skip(1).rev().find_map(|&from| {
        eras.longest_prefix(&text[from..end], whole)
            .map(|_| Span::new(from, end))
    })
}

/// How far before a date's 年 (bytes: ten Han characters) the end of the print line before
/// is read for what says the era was kept ([`kept_before`]).
const KEPT_REACH: usize = 3 * 10;

/// How many characters stand between 年 at byte `at` of `line` and a verb of calling or
/// using with 仍, 猶, 尚 or 復 before it (`乃仍稱天復五年`: 3 from `天` to `五`; `猶用…`,
/// `復稱…`), reading on into `prev`, the end of the print line before, where the line
/// starts first: three to nine, an era's name (and a regime's) and a number. Only
/// three-byte characters are read (all Han characters are), so the look costs a few byte
/// comparisons for every 年 of a text.
fn kept_before(line: &[u8], at: usize, prev: &[u8]) -> Option<usize> {
    // The character `i` places before 年.
    let slot = |i: usize| -> Option<&[u8]> {
        match at.checked_sub(3 * i) {
            Some(k) => line.get(k..k + 3),
            None => {
                let back = 3 * i - at;
                let k = prev.len().checked_sub(back)?;
                prev.get(k..k + 3)
            }
        }
    };
    const VERBS: [&[u8]; 7] = [
        "稱".as_bytes(),
        "称".as_bytes(),
        "用".as_bytes(),
        "奉".as_bytes(),
        "行".as_bytes(),
        "書".as_bytes(),
        "书".as_bytes(),
    ];
    const ADVERBS: [&[u8]; 6] = [
        "仍".as_bytes(),
        "猶".as_bytes(),
        "犹".as_bytes(),
        "尚".as_bytes(),
        "復".as_bytes(),
        "复".as_bytes(),
    ];
    (3..=9).find(|&k| {
        slot(k + 1).is_some_and(|v| VERBS.contains(&v))
            && slot(k + 2).is_some_and(|a| ADVERBS.contains(&a))
    })
}

/// The eras and ordinal of the date a [`mention_at`] span holds: its era's name right at
/// its start or after a regime's name of one or two characters, then the number and 年.
/// None where the name is not a known era's.
pub(super) fn mention_eras<'e>(
    text: &str,
    span: Span,
    eras: &'e EraTable,
) -> Option<(std::borrow::Cow<'e, [EraId]>, u32)> {
    let name = &text[span.range()];
    // `是歲太清元年也` (陳書): the year's name after 是歲.
    let name = ["是歲", "是岁", "是年"]
        .iter()
        .find_map(|p| name.strip_prefix(p))
        .unwrap_or(name);
    // (The rest after the name is the number and 年, all of it.)
    let whole = |rest: &str| numeral_year(rest).is_some_and(|(_, l)| l == rest.len());
    let (start, (len, ids)) = eras
        .longest_prefix(name, whole)
        .map(|f| (0, f))
        .or_else(|| {
            name.char_indices().skip(1).take(2).find_map(|(k, _)| {
                if eras.regimes_named(&name[..k]).is_empty() {
                    return None;
                }
                eras.longest_prefix(&name[k..], whole).map(|f| (k, f))
            })
        })?;
    let (ordinal, _) = numeral_year(&name[start + len..])?;
    (len >= 2 * '年'.len_utf8()).then(|| (ids.into(), ordinal))
}
