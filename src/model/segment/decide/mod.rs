//! Pass two: which candidates are year headings and which dated passages, where notes
//! sections end, and the cut of the text into segments.

use std::collections::HashMap;
use std::sync::Arc;

use crate::calendar::era::fold_name as fold_key;
use crate::calendar::era::{Country, Era, EraId, EraKind, RegimeId, RulerId};
use crate::calendar::{CeYear, EraTable, Ganzhi};

use super::super::{
    CeSource, DatedPassage, Diagnostic, Doubt, Entry, Segment, SegmentKind, Severity, Span, Volume,
};
use super::resolve::{self, Heading, Hints, Written};
use super::scan::{Cand, Event, Events, LineEvent, Part, Term, age_follows, is_indent, parallels};

mod findings;
mod titles;

use titles::*;

/// The era in force, by name: what a bare ordinal (二年) continues.
#[derive(Debug, Clone)]
struct InForce {
    /// The folded name.
    key: String,
    /// Ordinal of the last heading counted in it (0 right after 改元).
    ordinal: u32,
}

/// How many years after the year in force an era run on in prose may begin
/// ([`Decider::follows_in_force`]).
const RUN_ON_ERA_YEARS: i32 = 12;

/// Whether era `e` began after era `now`: in a later year, or later in the same year (南齊's
/// 隆昌, 延興 and 建武 all began in 494), by the first day where the table has it, else by
/// the month.
fn starts_after(e: &Era, now: &Era) -> bool {
    if e.start() != now.start() {
        return e.start() > now.start();
    }
    match (e.start_day(), now.start_day()) {
        (Some(a), Some(b)) => a > b,
        _ => e.start_month() > now.start_month(),
    }
}

/// How many years after the year in force a bare year run on in prose may be, in a book
/// whose years run so ([`Decider::candidate`]).
const SEASONLESS_LATER: u32 = 30;

/// The month written right after a heading that ends at byte `end` of `text` (`春正月`: 1).
fn month_after(text: &str, end: usize) -> Option<u8> {
    super::super::marks::mark_at(&text[end..], true).and_then(|(_, m)| m.month)
}

/// What taking a year written again after a paragraph that opened with it costs more than
/// taking that paragraph's (see [`Decider::candidate`]).
const REPEAT_BIAS: f32 = 0.4;

/// A byte offset as [`Pending`] keeps it (a text is at most `MAX_INPUT`, 1 GiB).
fn offset(at: usize) -> u32 {
    u32::try_from(at).expect("a text is under 4 GiB")
}

/// A span as [`Pending`] keeps it: its first byte and one past its last.
fn narrow(s: Span) -> [u32; 2] {
    [offset(s.start), offset(s.end)]
}

/// The span [`narrow`] kept.
fn wide(s: [u32; 2]) -> Span {
    Span::new(s[0] as usize, s[1] as usize)
}

/// An entry as the decider keeps it until the resolver has decided its year: what the
/// heading says (byte offsets as `u32`), 60 bytes where an [`Entry`] takes 248, so that a
/// big book's entries take little room while the resolver's readings are held.
/// [`Decider::finish`] makes the entries once the resolver has let its readings go.
#[derive(Debug, Clone, Copy)]
struct Pending {
    /// [`Entry::span`].
    span: [u32; 2],
    /// [`Entry::label`].
    label: [u32; 2],
    /// [`Entry::heading_end`].
    heading_end: u32,
    /// [`Entry::era_span`].
    era_span: Option<[u32; 2]>,
    /// [`Entry::annotation`].
    annotation: Option<[u32; 2]>,
    /// [`Entry::volume`].
    volume: Option<u32>,
    /// [`Entry::year`].
    year: u32,
    /// [`Entry::ganzhi`].
    ganzhi: Option<u8>,
}

impl Pending {
    fn span(&self) -> Span {
        wide(self.span)
    }

    fn label(&self) -> Span {
        wide(self.label)
    }

    fn heading_end(&self) -> usize {
        self.heading_end as usize
    }

    fn volume(&self) -> Option<usize> {
        self.volume.map(|v| v as usize)
    }

    /// The entry, its year not yet decided (as [`Decider::finish`] then fills in).
    fn entry(&self) -> Entry {
        Entry {
            span: self.span(),
            label: self.label(),
            heading_end: self.heading_end(),
            era_span: self.era_span.map(wide),
            era: None,
            year: self.year,
            ce: None,
            ce_source: CeSource::Context,
            doubts: Vec::new(),
            table_ce: None,
            ganzhi: self.ganzhi,
            annotation: self.annotation.map(wide),
            parallels: super::super::Found::new(),
            marks: super::super::Found::new(),
            volume: self.volume(),
            inherited_era: None,
        }
    }
}

pub(super) struct Decider<'t, 'e> {
    text: &'t str,
    eras: &'e EraTable,
    punctuated: bool,
    require_ganzhi: bool,
    /// The book runs its reigns' years on in unpunctuated prose with nothing after them
    /// (史記's 本紀: `…晉陽反元年将軍…二年麃公…`): at least three of its bare years in
    /// mid-line, and a third of them, follow the year before, so those continuing the
    /// sequence are headings.
    seasonless_runs: bool,
    /// Unknown era names used by two or more strong candidates.
    repeated_unknown: HashMap<String, usize>,
    pub(super) segments: Vec<Segment>,
    pub(super) volumes: Vec<Volume>,
    /// Made by [`Decider::finish`] from `pending`.
    pub(super) entries: Vec<Entry>,
    /// The entries found, until [`Decider::finish`] makes them.
    pending: Vec<Pending>,
    pub(super) passages: Vec<DatedPassage>,
    pub(super) diagnostics: Vec<Diagnostic>,
    current: Option<(SegmentKind, usize)>,
    in_notes: NotesState,
    /// The era of the last heading.
    in_force: Option<InForce>,
    /// The era of the last heading that opened a paragraph, where one in mid-line since
    /// counted further on in it (a duration read as a year: `…秦兵不敢出函谷关十五年…`
    /// in 四年's paragraph): the next paragraphs' years may follow this one.
    opened: Option<InForce>,
    /// An era proclaimed since the last heading: where its name is written.
    gaiyuan_name: Option<Span>,
    /// What the text said about time since the last heading.
    hints: Hints,
    /// Where dates were written in sentences since the last heading ([`Event::Mention`]).
    mention_spans: Vec<Span>,
    /// Where eras named since the last heading are written (for bare ordinals' labels).
    hint_spans: Vec<(EraId, Span)>,
    /// Ruler lines naming kings the table does not know (`貞王`): where the name is written
    /// (for the labels of his years).
    unknown_rulers: Vec<Span>,
    /// Regimes the book's title names (契丹國志 → 遼).
    book_regimes: Arc<[RegimeId]>,
    /// Whether the last heading passed to the resolver opened a paragraph and a sentence
    /// (`正隆六年，…`).
    last_at_paragraph_start: bool,
    /// Whether it wrote again the year of the one before it.
    last_repeated: bool,
    /// Whether the last heading was run on in mid-line, and the month written right after
    /// it (`…至自鄴都乾祐元年春正月乙卯…`: 1).
    last_run_on_month: Option<u8>,
    /// The book's title, if its metadata gives one.
    book_title: Option<String>,
    /// Regimes the current 卷 or the last ruler line is about.
    regimes: Arc<[RegimeId]>,
    /// One per entry: what the resolver needs, and where its eras were named.
    headings: Vec<Heading>,
    heading_spans: Vec<Vec<(EraId, Span)>>,
    heading_lines: Vec<usize>,
    /// Where the header of the Kanripo file being read starts, until its volume heading.
    file_start: Option<usize>,
    /// Whether the book has volume headings.
    preface_rule: bool,
    /// Which events stand in a table of contents ([`table_of_contents`]), found once.
    toc: Vec<bool>,
    /// A ruler line or a ruler's titles since the last heading: a new reign.
    new_reign: bool,
    /// Eras by the endings of their names.
    abbreviations: resolve::Abbreviations<'e>,
    /// Findings not kept once [`MAX_DIAGNOSTICS`] were.
    pub(super) suppressed: usize,
    /// How many candidates the events hold.
    n_cand: usize,
    /// Whether the resolver's forward pass runs on a thread of its own while the events
    /// are read ([`Decider::run`]; for a big text, where it pays).
    pub(super) pipeline: bool,
    /// Where the headings go, in batches, when it does; the last heading found stays in
    /// `headings` (the next candidate looks at it).
    to_resolver: Option<std::sync::mpsc::SyncSender<Vec<Heading>>>,
    /// The forward pass so made, for [`Decider::finish`].
    forward: Option<resolve::Forward<'e>>,
}

/// Headings sent to the resolver's thread at a time.
const RESOLVER_BATCH: usize = 256;

/// Batches of headings that may wait for the resolver's thread.
const RESOLVER_QUEUE: usize = 8;

/// At most this many findings are kept (a hostile file could produce one per line).
pub(super) const MAX_DIAGNOSTICS: usize = 10_000;

/// The dates written in the text since the last heading whose eras a bare year after them
/// may count in: the last this many.
const MENTIONS_KEPT: usize = 4;

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
    pub(super) fn new(
        text: &'t str,
        eras: &'e EraTable,
        punctuated: bool,
        title: Option<&str>,
        events: &Events<'e>,
    ) -> Self {
        let toc = table_of_contents(text, events);
        // Room for every candidate as an entry (the lists grow one at a time otherwise).
        let n_cand = events
            .iter()
            .filter(|e| matches!(e.event, Event::Cand(_)))
            .count();
        let mut n_gz = 0usize;
        let mut n_plain = 0usize;
        let mut unknown: HashMap<String, Vec<u32>> = HashMap::new();
        // Bare years run on in prose (seasonless), and how many of them are the next year
        // of the bare year before them.
        let (mut n_seasonless, mut runs, mut last_bare) = (0usize, 0usize, None);
        let (mut rising, mut last_run) = (0usize, None);
        for (_, c) in events.with_cands() {
            if let Some(c) = c {
                // (A 年號's later year run on is no start of a run: the next year of the era
                // in force at most.)
                let reign = |(_, ids): &(Span, std::borrow::Cow<'_, [EraId]>)| {
                    ids.iter().any(|&id| super::scan::counts_a_reign(eras, id))
                };
                if c.seasonless && c.era.as_ref().is_some_and(|e| c.ordinal == 1 || reign(e)) {
                    last_run = Some(c.ordinal);
                }
                if c.era.is_none() && c.ganzhi.is_none() && c.ordinal > 0 && !c.relative {
                    if c.seasonless {
                        n_seasonless += 1;
                        runs += usize::from(last_bare.is_some_and(|o: u32| o + 1 == c.ordinal));
                        rising += usize::from(last_run.is_some_and(|o: u32| {
                            (o + 1..=o + SEASONLESS_LATER).contains(&c.ordinal)
                        }));
                        last_run = Some(c.ordinal);
                    }
                    last_bare = Some(c.ordinal);
                }
                // (What a book's headings carry is read from its headings' places, not from
                // years run on inside a line, nor from a reign's accession year after the
                // ruler's name, `丰佑，唐穆宗甲辰长庆四年卽位`.)
                if c.lead
                    || c.term == Term::Pause
                    || c.mid_line
                    || punctuated && c.term == Term::Weak
                {
                    continue;
                }
                match &c.era {
                    Some((span, ids)) if !ids.is_empty() => {
                        // (A 干支 in place of the number, `至正乙未`, is how the year is
                        // named, not one it carries besides.)
                        let after_era = &text[span.end..c.label.end];
                        let numbered = after_era.contains("元年")
                            || after_era
                                .chars()
                                .any(super::super::numerals::is_numeral_char);
                        if c.ganzhi.is_some() && numbered {
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
        // (For a developer asking why a book's run-on years are or are not read.)
        if std::env::var_os("ANNALS_DEBUG_RUNS").is_some() {
            eprintln!("runs: seasonless {n_seasonless} next {runs} rising {rising}");
        }
        Decider {
            text,
            eras,
            punctuated,
            require_ganzhi: n_gz >= 3 && n_gz >= n_plain,
            // (Or most of them later years of the one before, by up to thirty: the 史記's
            // runs, which tell only the years that matter.)
            seasonless_runs: runs >= 3 && runs * 3 >= n_seasonless
                || rising >= 5 && rising * 4 >= n_seasonless * 3,
            repeated_unknown,
            segments: Vec::with_capacity(events.len() + 2),
            volumes: Vec::new(),
            entries: Vec::new(),
            pending: Vec::with_capacity(n_cand),
            passages: Vec::new(),
            diagnostics: Vec::new(),
            current: None,
            in_notes: NotesState::Out,
            in_force: None,
            opened: None,
            gaiyuan_name: None,
            hints: Hints::default(),
            mention_spans: Vec::new(),
            hint_spans: Vec::new(),
            unknown_rulers: Vec::new(),
            last_at_paragraph_start: false,
            last_repeated: false,
            last_run_on_month: None,
            book_regimes: title
                .map(|t| regimes_in(eras, t))
                .unwrap_or_default()
                .into(),
            book_title: title.map(str::to_owned),
            regimes: Arc::from([]),
            headings: Vec::with_capacity(n_cand),
            heading_spans: Vec::with_capacity(n_cand),
            heading_lines: Vec::with_capacity(n_cand),
            suppressed: 0,
            n_cand,
            pipeline: false,
            to_resolver: None,
            forward: None,
            file_start: None,
            abbreviations: resolve::Abbreviations::new(eras),
            new_reign: false,
            preface_rule: preface_before_volumes(events, &toc),
            toc,
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

    /// Whether one of the three lines after the line at byte `line_start` (blank lines and
    /// Kanripo page markers not counted) is a 卷 heading numbered `n + 1`, with no year
    /// before it (no 年, no line opening with a 干支: `宋季三朝政要卷二` / `丁酉` / `嘉熙元年…`
    /// / `宋季三朝政要卷三` is a short 卷 of its own).
    fn next_volume_follows(&self, line_start: usize, n: u32) -> bool {
        let rest = &self.text[line_end(self.text, line_start)..];
        for l in rest
            .split('\n')
            .map(|l| l.trim_matches(|c: char| is_indent(c) || matches!(c, '¶' | '\r')))
            .filter(|l| !l.is_empty() && !l.starts_with("<pb:") && !l.starts_with("<md:"))
            .take(3)
        {
            if l.len() > 40 * 3 {
                return false;
            }
            if super::scan::volume_heading(l).is_some_and(|(m, _)| m == Some(n + 1)) {
                return true;
            }
            if l.contains(['年', '載', '载']) || Ganzhi::parse_prefix(l).is_some() {
                return false;
            }
        }
        false
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

    /// Read the events in order; each part of them is given back once read. With
    /// [`Decider::pipeline`], the resolver's forward pass takes the headings on another
    /// thread as they are found.
    pub(super) fn run(&mut self, fm_end: usize, events: Events<'e>) {
        if fm_end > 0 {
            self.current = Some((SegmentKind::FrontMatter, 0));
        }
        self.open(SegmentKind::Preface, fm_end);
        let toc = std::mem::take(&mut self.toc);
        if !self.pipeline {
            self.read(events, &toc);
            return;
        }
        let (eras, n) = (self.eras, self.n_cand);
        std::thread::scope(|s| {
            // At most a few batches wait: a resolver left behind (by a busy machine) would
            // otherwise hold every heading in full until it catches up.
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Heading>>(RESOLVER_QUEUE);
            let resolver = std::thread::Builder::new()
                .spawn_scoped(s, move || {
                    let mut forward = resolve::Forward::new(eras, n);
                    let mut all: Vec<Heading> = Vec::with_capacity(n);
                    for batch in rx {
                        for mut h in batch {
                            forward.push(&h);
                            forward.pushed(&mut h);
                            all.push(h);
                        }
                    }
                    (forward, all)
                })
                .ok();
            // Without a thread (a process limit), the headings stay here.
            if resolver.is_some() {
                self.to_resolver = Some(tx);
            }
            // A panic here closes the resolver's end first, so that its thread stops and
            // the scope can end (with the panic) rather than wait for it forever.
            let read =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.read(events, &toc)));
            if let Err(panic) = read {
                self.to_resolver = None;
                std::panic::resume_unwind(panic);
            }
            let Some(resolver) = resolver else { return };
            if let Some(tx) = self.to_resolver.take() {
                let rest = std::mem::take(&mut self.headings);
                // (A resolver that panicked has dropped its end: its panic follows.)
                let _ = tx.send(rest);
            }
            let (forward, all) = resolver
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            self.headings = all;
            self.forward = Some(forward);
        });
    }

    /// The events not in a table of contents (`toc`), one part after the other.
    fn read(&mut self, events: Events<'e>, toc: &[bool]) {
        let mut toc_left = toc;
        for part in events.into_parts() {
            let (part_toc, rest) = toc_left.split_at(part.events.len());
            toc_left = rest;
            for (ev, &in_toc) in part.events.iter().zip(part_toc) {
                if !in_toc {
                    self.event(&part, ev);
                }
            }
        }
        self.close();
    }

    /// Read one event (not in a table of contents) of `part`.
    fn event(&mut self, part: &Part<'e>, ev: &LineEvent<'e>) {
        // Notes sections: decide where they end.
        match (&ev.event, self.in_notes) {
            (Event::Volume { .. } | Event::FileHeader { .. }, _) | (_, NotesState::Out) => {}
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
            Event::FileHeader { notes: true } => {
                self.file_start = None;
                self.in_notes = NotesState::Free;
                self.open(SegmentKind::Notes(self.volume()), ev.line_start);
            }
            Event::FileHeader { notes: false } => {
                self.in_notes = NotesState::Out;
                self.file_start = Some(ev.line_start);
                let kind = self.text_kind();
                self.open(kind, ev.line_start);
            }
            Event::Volume {
                number,
                heading,
                title,
            } => {
                // The same number again: a closing line (`前漢高祖皇帝紀卷第一` at a 卷's
                // end) or the heading repeated over its notes.
                // (Not a 卷 in parts: 卷二十三上, 卷二十三下.)
                let written = &self.text[heading.range()];
                // A section named alone (`本紀第三`) is a volume only in a book with no
                // numbered 卷 headings.
                if number.is_none()
                    && super::scan::is_section_line(written)
                    && self.volumes.iter().any(|v| v.number.is_some())
                {
                    return;
                }
                if number.is_some()
                    && self.volumes.last().is_some_and(|v| {
                        v.number == *number && v.part() == super::super::volume_part(written)
                    })
                {
                    return;
                }
                // A 卷's closing line with the next 卷's heading right after it (四庫 copies:
                // `皇王大纪卷四十三` / `钦定四库全书` / `皇王大纪卷四十四　…撰三王纪`): it
                // closes its 卷 and opens none.
                if number.is_some_and(|n| self.next_volume_follows(ev.line_start, n)) {
                    return;
                }
                self.in_notes = NotesState::Out;
                // A Kanripo file's header belongs to the volume it opens.
                let start = self
                    .file_start
                    .take()
                    .filter(|&s| matches!(self.current, Some((_, c)) if c == s))
                    .unwrap_or(ev.line_start);
                if let Some(v) = self.volumes.last_mut() {
                    v.span.end = start;
                }
                let index = self.volumes.len();
                self.volumes.push(Volume {
                    number: *number,
                    heading: self.text[heading.range()].to_owned(),
                    title: title
                        .map(|t| self.text[t.range()].to_owned())
                        .or_else(|| self.title_in_heading(*heading)),
                    span: Span::new(start, self.text.len()),
                    entries: self.pending.len()..self.pending.len(),
                });
                if start < ev.line_start {
                    self.current = Some((SegmentKind::Volume(index), start));
                } else {
                    self.open(SegmentKind::Volume(index), ev.line_start);
                }
                self.volume_context(*heading, *title);
                self.hints.new_volume = true;
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
                    for n in &mut self.hints.superseded {
                        *n += 1;
                    }
                    for &id in ids.iter() {
                        if self.eras.get(id).country() != Country::China {
                            continue;
                        }
                        // (Named again, as the name it was given at once in place of the
                        // first, `…改元為永興…尋改為永熙`: the latest proclaimed, written
                        // there.)
                        match self.hints.gaiyuan.iter().position(|&g| g == id) {
                            Some(k) => self.hints.superseded[k] = 0,
                            None => {
                                self.hints.gaiyuan.push(id);
                                self.hints.superseded.push(0);
                            }
                        }
                        if let Some(era) = era {
                            self.hint_spans.push((id, *era));
                        }
                    }
                    if let Some(span) = era {
                        self.gaiyuan_name = Some(*span);
                        // A proclaimed name written short (建國 for 始建國).
                        let key = self.era_key(*span);
                        for &id in self.abbreviations.ending_with(&key) {
                            if !self.hints.gaiyuan.contains(&id) {
                                self.hints.gaiyuan.push(id);
                                self.hints.superseded.push(0);
                                self.hint_spans.push((id, *span));
                            }
                        }
                    }
                }
            }
            Event::VolumeSpan(span) => {
                if self.in_notes == NotesState::Out {
                    self.volume_span(*span);
                }
            }
            Event::Accession { name, rulers } => {
                if self.in_notes == NotesState::Out {
                    self.accession(*name, rulers);
                }
            }
            Event::RulerLine { name, rulers } => {
                if self.in_notes == NotesState::Out {
                    self.ruler_line(ev, *name, rulers);
                }
            }
            Event::Cand(k) => {
                if self.in_notes == NotesState::Out {
                    self.candidate(ev, &part.cands[*k as usize]);
                }
            }
            Event::Kept { name, ids, .. } => {
                // An era kept in place of the one just proclaimed (新五代史 唐本紀:
                // `…改元曰天祐克用以謂…天祐非唐號不可稱乃仍稱天復五年`), or taken up again
                // (`…克用復稱天祐四年`): the years after it count in it, as in one
                // proclaimed, and not in the era proclaimed before.
                if self.in_notes == NotesState::Out {
                    let refused = std::mem::take(&mut self.hints.gaiyuan);
                    self.hints.superseded.clear();
                    self.hint_spans.retain(|(id, _)| !refused.contains(id));
                    for &id in ids.iter() {
                        if self.eras.get(id).country() == Country::China {
                            self.hints.gaiyuan.push(id);
                            self.hints.superseded.push(0);
                            if let Some(span) = name {
                                self.hint_spans.push((id, *span));
                            }
                        }
                    }
                }
            }
            Event::Mention(span) => {
                // Read only when a heading needs it (a bare year, a 干支 alone).
                if self.in_notes == NotesState::Out {
                    if self.mention_spans.len() == MENTIONS_KEPT {
                        self.mention_spans.remove(0);
                    }
                    self.mention_spans.push(*span);
                }
            }
            Event::NextYear { label, ganzhi } => {
                // The year after the one in force, as a bare ordinal would be written;
                // a date in the text where the years around it do not fit.
                if let (NotesState::Out, Some(f)) = (self.in_notes, &self.in_force) {
                    let c = Cand {
                        ganzhi: *ganzhi,
                        ordinal: f.ordinal + 1,
                        term: Term::Weak,
                        weak_ok: true,
                        mid_line: true,
                        relative: true,
                        ..Cand::at(*label)
                    };
                    self.candidate(ev, &c);
                }
            }
        }
    }

    /// Close the last segment and the last volume at the end of the text; a name every
    /// 卷 heading starts with is no volume's title.
    fn close(&mut self) {
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
        // The name every 卷 heading starts with is the book's (`宋季三朝政要卷二`), not a
        // title of the volume.
        if self.volumes.len() >= 2 {
            let name = |v: &Volume| {
                v.heading.find(['卷', '巻']).map(|at| {
                    v.heading[..at]
                        .trim_start_matches(['●', '○', '◎'])
                        .trim()
                        .to_owned()
                })
            };
            let first = name(&self.volumes[0]);
            if first.as_deref().is_some_and(|n| !n.is_empty())
                && self.volumes.iter().all(|v| name(v) == first)
            {
                for v in &mut self.volumes {
                    if v.title == first {
                        v.title = None;
                    }
                }
            }
        }
    }

    /// Entries run to the start of the next segment; volumes hold the entries in them.
    fn fix_spans(&mut self) {
        for seg in &self.segments {
            if let SegmentKind::Entry(i) = seg.kind {
                self.pending[i].span = narrow(seg.span);
            }
        }
        for v in &mut self.volumes {
            let first = self
                .pending
                .partition_point(|e| e.span().start < v.span.start);
            let last = self
                .pending
                .partition_point(|e| e.span().start < v.span.end);
            v.entries = first..last;
        }
    }

    /// Whether the era of `c` is a later era of the regime of the era in force, begun at
    /// most [`RUN_ON_ERA_YEARS`] after the year in force (東魏 元象 after 天平四年, 興和
    /// after 元象元年 with no heading for 元象二年).
    fn follows_in_force(&self, c: &Cand<'_>) -> bool {
        let (Some(f), Some((_, ids))) = (&self.in_force, &c.era) else {
            return false;
        };
        self.eras.lookup(&f.key).iter().any(|&now| {
            let now_era = self.eras.get(now);
            // (An ordinal past the era's end, from a date in a biography taken on the way
            // (南史: `…清道而行十年¶` under 延興, one year long), is its last year.)
            let Some(year) = now_era
                .year(f.ordinal.max(1))
                .or_else(|| (f.ordinal > now_era.len()).then(|| now_era.end()))
            else {
                return false;
            };
            ids.iter().any(|&id| {
                let e = self.eras.get(id);
                e.regime() == now_era.regime()
                    && starts_after(e, now_era)
                    && (0..=RUN_ON_ERA_YEARS).contains(&e.start().since(year))
            })
        })
    }

    /// Whether entry `i`, read in the year its era kept only for days of 正月 before the
    /// next (see [`EraTable::ended_in_first_month`]), tells of that change itself — 舊唐書
    /// `麟德三年春正月…改元為乾封`, `改唐长兴五年为明德元年` — so that the heading is the
    /// chronicle's own way of naming that year, not a change of era missed.
    fn tells_next_era(&self, i: usize, r: &resolve::Resolved) -> bool {
        let Some(id) = r.era else { return false };
        let era = self.eras.get(id);
        if self.eras.ended_in_first_month(id).is_none()
            || era.year(self.headings[i].ordinal) != Some(era.end())
        {
            return false;
        }
        let text = &self.text[self.entries[i].span.range()];
        // 改 with 元 close after it: 改元, 改明年為乾封元年.
        text.match_indices('改')
            .any(|(at, _)| text[at..].chars().skip(1).take(12).any(|c| c == '元'))
    }

    /// Optional headings the resolver passed over are dates in sentences: their text joins
    /// the segment before, and a date with a known era is kept as a dated passage.
    fn drop_skipped(&mut self, resolved: &mut Vec<resolve::Resolved>) {
        if !resolved.iter().any(|r| r.skipped) {
            return;
        }
        let keep: Vec<bool> = resolved.iter().map(|r| !r.skipped).collect();
        let mut new_index = vec![0; keep.len()];
        let mut k = 0;
        for (i, &kept) in keep.iter().enumerate() {
            new_index[i] = k;
            k += usize::from(kept);
        }
        let mut notes = Vec::new();
        for (i, e) in self.pending.iter().enumerate() {
            if keep[i] {
                continue;
            }
            // A later year of the era passed over inside an entry: that entry is doubted.
            // (Not one after a ruler named since: a year of his life before his reign, as a
            // 本紀 tells it, `髙祖明皇帝諱鸞…清道而行十年¶` in 南史's 延興元年.)
            if matches!(self.headings[i].written, Written::Bare)
                && self.headings[i].hints.rulers.is_empty()
            {
                if let Some(j) = (0..i).rev().find(|&j| keep[j]) {
                    let later = self.headings[i].ordinal > self.headings[j].ordinal;
                    // (Not where the next heading is that year: `…於今五年此正天命…` quoted
                    // in 四年, then `五年己巳春正月`.)
                    let ahead = self.headings[i]
                        .ordinal
                        .saturating_sub(self.headings[j].ordinal);
                    let want = resolved[j].ce.map(|ce| ce.add(ahead as i32));
                    let told_next = (i + 1..keep.len())
                        .find(|&k| keep[k])
                        .is_some_and(|k| want.is_some() && resolved[k].ce == want);
                    if later && !told_next && !resolved[j].doubts.contains(&Doubt::PassedOver) {
                        resolved[j].doubts.push(Doubt::PassedOver);
                    }
                }
            }
            // `check` says which years were looked at and passed over.
            notes.push((
                self.heading_lines[i],
                e.label().start,
                format!(
                    "{}: read as a date in the text, not a year's heading (the years around \
                     it, or its own day, do not fit it)",
                    &self.text[e.label().range()]
                ),
            ));
            if let Written::Era(ids) = &self.headings[i].written {
                let h = &self.headings[i];
                let (era, doubtful) = resolve::pick_with_doubt(
                    self.eras,
                    ids,
                    h.ordinal,
                    None,
                    h.ganzhi,
                    &h.hints.regimes,
                );
                self.passages.push(DatedPassage {
                    label: e.label(),
                    line: Span::new(e.span().start, line_end(self.text, e.span().start)),
                    era,
                    year: h.ordinal,
                    ce: era
                        .and_then(|id| self.eras.get(id).year(h.ordinal))
                        .map(CeYear::get),
                    doubtful,
                    volume: e.volume(),
                });
            }
        }
        for (line, byte, message) in notes {
            self.diag(Severity::Info, line, byte, message);
        }
        self.passages.sort_by_key(|p| p.label.start);
        let mut segments: Vec<Segment> = Vec::with_capacity(self.segments.len());
        for seg in self.segments.drain(..) {
            match seg.kind {
                SegmentKind::Entry(i) if !keep[i] => match segments.last_mut() {
                    Some(last) => last.span.end = seg.span.end,
                    None => segments.push(Segment {
                        kind: SegmentKind::Preface,
                        ..seg
                    }),
                },
                SegmentKind::Entry(i) => segments.push(Segment {
                    kind: SegmentKind::Entry(new_index[i]),
                    ..seg
                }),
                _ => segments.push(seg),
            }
        }
        self.segments = segments;
        let mut i = 0;
        self.pending.retain(|_| {
            i += 1;
            keep[i - 1]
        });
        let mut i = 0;
        self.headings.retain(|_| {
            i += 1;
            keep[i - 1]
        });
        let mut i = 0;
        self.heading_spans.retain(|_| {
            i += 1;
            keep[i - 1]
        });
        let mut i = 0;
        self.heading_lines.retain(|_| {
            i += 1;
            keep[i - 1]
        });
        resolved.retain(|r| !r.skipped);
    }

    /// Whether the era written at `span` with `ordinal` is the year in force told again at
    /// a new 卷's start in an unpunctuated text, the next ruler's 紀 opening with it (舊五代史
    /// 莊宗紀 after 武皇紀: `…來降天祐五年春正月武皇疾篤…`).
    fn retold_at_new_volume(&self, span: Span, ordinal: u32) -> bool {
        !self.punctuated
            && self.hints.new_volume
            && self
                .in_force
                .as_ref()
                .is_some_and(|f| ordinal == f.ordinal && self.era_key(span) == f.key)
    }

    /// The folded name of the era written at `span`, without the print-line marks and page
    /// markers of a name split over two print lines (`昭襄¶` / `<pb:…>¶` / `王元年`).
    fn era_key(&self, span: Span) -> String {
        let name = &self.text[span.range()];
        if !name.contains(['¶', '\n']) {
            return fold_key(name);
        }
        let mut joined = String::with_capacity(name.len());
        for line in name.split('\n') {
            let line = line.trim_end_matches(['\r', '¶']);
            if !line.starts_with("<pb:") {
                joined.push_str(line);
            }
        }
        fold_key(&joined)
    }

    /// Whether `c` is a year named by its 干支 alone, `years` after the last entry's written
    /// 干支 (`己酉年` a year after `戊申年`).
    fn ganzhi_year_after_last(&self, c: &Cand<'e>, years: std::ops::RangeInclusive<u16>) -> bool {
        let last = self.pending.last().and_then(|e| e.ganzhi);
        c.ordinal == 0
            && c.ganzhi
                .zip(last)
                .is_some_and(|(g, l)| years.contains(&((u16::from(g) + 60 - u16::from(l)) % 60)))
    }

    fn candidate(&mut self, ev: &LineEvent<'e>, c: &Cand<'e>) {
        // A bare year with nothing after it at a print line's start, in a book whose years
        // do not run so: read as any year there.
        if c.seasonless && !c.mid_line && !self.seasonless_runs {
            let c = Cand {
                seasonless: false,
                ..c.clone()
            };
            return self.candidate(ev, &c);
        }
        // A ruler's year run on in prose, the ruler another regime's than the one the text
        // is about (秦本紀: `…鄭高渠眯殺其君昭公十年伐邽冀戎…`, `…殺子穨而入惠王四年作密畤`):
        // the ruler ends the sentence before; the year is a bare one of the reign in force.
        if let Some((span, ids)) = c.era.as_ref().filter(|_| c.seasonless) {
            let context = self.context();
            let theirs = |id: &EraId| context.contains(&self.eras.get(*id).regime());
            let reign = ids
                .iter()
                .any(|&id| super::scan::counts_a_reign(self.eras, id));
            if !ids.is_empty() && !context.is_empty() && !ids.iter().any(theirs) {
                // (A 年號's 元年 of another regime run on in prose is a date in the story.)
                if !reign {
                    return;
                }
                let bare = Cand {
                    era: None,
                    regime_prefixed: false,
                    label: Span::new(span.end, c.label.end),
                    ..c.clone()
                };
                let ev = LineEvent {
                    line_start: span.end,
                    ..ev.clone()
                };
                return self.candidate(&ev, &bare);
            }
        }
        // A bare year run on after 不出, not the next year: a term foretold (`…東井秦之分野
        // 不出三年國有大喪…`), not `…楚師不出九年晉魯盟…` after 八年.
        if c.seasonless
            && c.era.is_none()
            && self.text[..c.label.start].ends_with("不出")
            && self
                .in_force
                .as_ref()
                .is_none_or(|f| c.ordinal != f.ordinal + 1)
        {
            return;
        }
        let label = &self.text[c.label.range()];
        // A 干支 alone and a pause at a paragraph's start (`甲辰，`): a day, unless it is
        // the 干支 of the year or two after the last year's and no month was written since
        // that year's heading (a day needs its month).
        if c.ordinal == 0
            && c.era.is_none()
            && c.term == Term::Pause
            && !label.ends_with(['年', '歲', '岁', '嵗'])
        {
            // (The 干支 first: most such lines are days, and the text since the heading may
            // be long.)
            if !self.ganzhi_year_after_last(c, 1..=2) {
                return;
            }
            let since = self
                .pending
                .last()
                .map_or(ev.line_start, Pending::heading_end);
            if self.text[since.min(ev.line_start)..ev.line_start].contains('月') {
                return;
            }
        }
        // Another regime's date (`宋崇寧五年` in a book of 遼): a parallel, not a year.
        if c.regime_prefixed && !self.own_regime(ev, c) {
            return;
        }
        let known_era = c.era.as_ref().filter(|(_, ids)| !ids.is_empty());
        // A sentence's year in a long paragraph, its era named: a later year of the era in
        // force (`…。〔一四七〕建武五年，…`), not a date the story tells (`…。〔九〕建平元年十二月
        // 甲子夜上生時`).
        // (One that dates itself, with its 干支 or CE year, may open the book's years.)
        if c.sentence && c.ganzhi.is_none() && c.annotation.is_none() {
            if let Some((span, _)) = c.era {
                let key = self.era_key(span);
                let in_force = self
                    .in_force
                    .as_ref()
                    .is_some_and(|f| f.key == key && c.ordinal > f.ordinal);
                if !in_force && (c.ordinal <= 1 || !self.named_as_next_year(c, span)) {
                    return;
                }
            }
        }
        // Unpunctuated: a year heading is followed by what opens a year (a season, a
        // month, 是歲, a parallel date) or stands alone; anything else is a date in a
        // sentence.
        let mut bare_without_opener = false;
        let mut run_on_year = false;
        if !self.punctuated && c.term == Term::Weak && !c.weak_ok {
            // A year named by its 干支 alone that follows the last one (`己酉年` / `庚戌年…`).
            let follows = self.ganzhi_year_after_last(c, 1..=1);
            // A later year of the era in force at a paragraph's start (前漢紀 writes 王莽's
            // years so: `三年遣謁者持節…`; 竹書紀年 records some years of a reign only):
            // maybe a heading; the resolver decides.
            // (Or of the last paragraph's year, where a year in its text went further: the
            // resolver weighs the two.)
            let next_year = c.era.is_none()
                && !c.mid_paragraph
                && [&self.in_force, &self.opened].into_iter().any(|f| {
                    f.as_ref()
                        .is_some_and(|f| (f.ordinal + 1..=f.ordinal + 12).contains(&c.ordinal))
                });
            // A new reign's first years at a paragraph's start, after its ruler's line
            // (`考王` / `元年晉哀公薨…`).
            let reign_opens = c.era.is_none()
                && !c.mid_paragraph
                && self.new_reign
                && (1..=2).contains(&c.ordinal);
            // The very next year at a print line's start in mid-paragraph, where a book
            // runs its years on (皇王大紀: `…子弗嗣` / `十八年衛侯黚薨…`): a heading only
            // where the years after it say so.
            let run_on = c.era.is_none()
                && c.mid_paragraph
                && !c.mid_line
                && self.hints.rulers.is_empty()
                && self.hints.gaiyuan.is_empty()
                && self
                    .in_force
                    .as_ref()
                    .is_some_and(|f| c.ordinal == f.ordinal + 1);
            // A year written whole with its 干支 at a line's start (通鑑續編:
            // `(辛/酉)唐昭宗皇帝天復元年契丹…`, after a compiler's line taken for a full one):
            // a heading whatever follows it.
            let whole = c.ganzhi.is_some() && c.era.is_some() && !c.mid_line;
            // A year of a known era at a paragraph's start, the text run on after it, in a
            // book whose years have begun (資治通鑑考異: `上元元年刘晓上疏【…】`): maybe a
            // heading; the resolver decides by the years around it.
            let named =
                known_era.is_some() && !c.mid_paragraph && !c.mid_line && self.in_force.is_some();
            // The next era's 元年 at a print line's start in mid-paragraph, the text run on
            // after it (西漢年紀: `…以官夀卒(龔遂/傳)¶` / `元康元年少府宋疇…` after 地節四年):
            // maybe a heading, as a bare next year there is.
            let next_era = known_era.is_some()
                && c.mid_paragraph
                && !c.mid_line
                && c.ordinal == 1
                && self.follows_in_force(c);
            // (A bare year run on in prose has its own rule below.)
            if !follows
                && !next_year
                && !reign_opens
                && !run_on
                && !whole
                && !named
                && !next_era
                && !c.seasonless
            {
                return;
            }
            // A new reign's first year right under its ruler's line is a heading for sure.
            bare_without_opener = (next_year || named) && !reign_opens;
            run_on_year = (run_on || next_era) && !next_year;
        }
        // In the middle of a Kanripo paragraph, only a year that continues the sequence:
        // the next year of the era in force, or a new era's 元年.
        // A year inside a print line of an unpunctuated text (…城西九年正月党項): only the
        // very next year of the era in force, with no era proclaimed or ruler named since.
        // A record opened after its source note, or a year run on with its spring (read once
        // for the rules below).
        let after_note = self.after_note(c);
        let later_spring = self.later_spring(c);
        if !self.punctuated && (c.mid_line || c.seasonless) {
            let hinted = !self.hints.rulers.is_empty() || !self.hints.gaiyuan.is_empty();
            // The era, where written with the year's 干支 or a note of other states' years
            // (大事記: `…修】周威烈王三年【郑幽公已元年】`), is the one in force.
            let same_era = |f: &InForce| match c.era {
                None => true,
                Some((span, _)) => {
                    (c.ganzhi.is_some() || c.states_note) && self.era_key(span) == f.key
                }
            };
            let next = self
                .in_force
                .as_ref()
                .is_some_and(|f| same_era(f) && c.ordinal == f.ordinal + 1);
            // A new era's 元年 written right after its proclamation (the scan takes no
            // other): the resolver decides whether the year turns there.
            let proclaimed =
                c.era.is_some() && c.ordinal == 1 && c.ganzhi.is_none() && !c.run_on_era;
            // One run on with its month after it (`…候船以歸元象元年三月`): where the era
            // follows the one in force.
            let follows = c.run_on_era && self.follows_in_force(c);
            // A bare 元年 run on in such a book, where no year is in force or a ruler has
            // been named since (`…王年少初即位…晉陽反元年将軍…`): the reign's first year.
            // So too one the text says the count was changed to (秦本紀: `…十四年更為元年
            // 二年張儀…`, 惠文君's years counted anew as king).
            let first = c.seasonless
                && c.ordinal == 1
                && c.era.is_none()
                && (self.in_force.is_none()
                    || !self.hints.rulers.is_empty()
                    || self.text[..c.label.start].ends_with(['為', '为']));
            if c.seasonless && !self.seasonless_runs {
                return;
            }
            // In such a book, a ruler's year named in the run (`…代立襄公元年以女弟…`,
            // `…共公二年晉趙穿…`), or a later year of the reign in force, some years on, as
            // the 史記 tells only the years that matter (`…三年文公以兵…四年至汧渭之會…
            // 十年初為鄜畤…`): the resolver decides by the years around it.
            // (So too a later year with its season after it there: `…以賂免九年春公朝于齊十年春
            // 公朝于齊…`.)
            let run_year = (c.seasonless || self.seasonless_runs && c.era.is_none())
                && match &c.era {
                    // (A 年號's 元年 run on so: of a ruler named since the last year, or the
                    // era after the one in force; `…堅黙然白雀元年慕容泓起兵…` after the
                    // ruler line `姚萇`.)
                    // (A later year of a 年號 only as the next year, below.)
                    Some((_, ids)) => {
                        ids.iter().any(|&id| {
                            super::scan::counts_a_reign(self.eras, id)
                                || c.ordinal == 1 && self.hints.rulers.contains(&id)
                        }) || c.ordinal == 1 && !ids.is_empty() && self.follows_in_force(c)
                    }
                    // (Not past the reign's end: 武王's four years are no count of 昭襄王's
                    // fifty-six whose 元年 was missed. Further on than thirty years where
                    // the reign lasted so long: 衛 嗣君's `…嗣君五年更貶號曰君獨有濮陽
                    // 四十二年卒…`.)
                    None => {
                        self.in_force.as_ref().is_some_and(|f| {
                            c.ordinal > f.ordinal
                                && self
                                    .eras
                                    .lookup(&f.key)
                                    .iter()
                                    .any(|&id| self.eras.get(id).year(c.ordinal).is_some())
                        })
                        // Or a year of a ruler whose accession the text has just told
                        // (`…卒子武公壽立九年周厲王奔彘…`).
                        || self
                            .hints
                            .rulers
                            .iter()
                            .any(|&e| self.eras.get(e).year(c.ordinal).is_some())
                    }
                };
            // A 年號 named alone (舊五代史: `…占者惡之天祐五年正月…`): the next year of
            // the one in force, though another era was proclaimed since (梁's `改元爲開平`
            // in 天祐四年: 晉 goes on with 天祐); or that year named again at a new 卷's start,
            // the next 紀 telling it.
            let nianhao = c
                .era
                .as_ref()
                .filter(|(_, ids)| {
                    ids.iter()
                        .any(|&id| self.eras.get(id).kind() == EraKind::Era)
                })
                .map(|(span, _)| *span);
            let named_next = nianhao.is_some_and(|span| {
                self.in_force
                    .as_ref()
                    .is_some_and(|f| c.ordinal == f.ordinal + 1 && self.era_key(span) == f.key)
            });
            let restated = nianhao.is_some_and(|span| self.retold_at_new_volume(span, c.ordinal));
            // The book's first year, its 年號 named and a month or season after it, where no
            // year is in force: a 世家 or a 載記 told as one paragraph has no other way to
            // begin its years (新五代史 前蜀世家: `…為建求旌節文德元年六月以宰相…`).
            let opens_book = known_era.is_some()
                && !c.seasonless
                // (Or only bare years before it, their era unknown: 通志 宋紀 opening on
                // `十四年` of 義熙, then `…即帝位元熙元年二月…`.)
                && self.in_force.as_ref().is_none_or(|f| f.key.is_empty())
                // (Not the date of an edict quoted: `…防曰维章武元年五月辛巳皇帝若曰…`.)
                && !self.text[..c.label.start].ends_with(['維', '维', '惟']);
            // A year written whole with the year's 干支 and the subject's age after it (紹陶錄:
            // `…我年二六太元九年甲申君年二十…`): the year it names; the resolver weighs it.
            let dated = self.dated_run_on(c, known_era);
            // A bare year after a date written since, no year in force yet (see below).
            let after_date = c.era.is_none()
                && !c.seasonless
                && self.in_force.is_none()
                && self.after_date_written(c);
            if !proclaimed
                && !later_spring
                && !dated
                && !after_date
                && !after_note
                && !first
                && !opens_book
                && !follows
                && !run_year
                && !named_next
                && !restated
                && (hinted || !next)
            {
                return;
            }
        }
        // (A bare year of a run has passed its own rule above.)
        if c.mid_paragraph && !c.seasonless {
            let hinted = !self.hints.rulers.is_empty() || !self.hints.gaiyuan.is_empty();
            // A year named by its 干支 alone, the one after the last year's (通鑑續編's
            // `…契丹作明` / `己巳(梁開平三年…)春二月`).
            let next_ganzhi = self.ganzhi_year_after_last(c, 1..=1);
            // A known era's year dated by its 干支 (南詔野史's reigns, one paragraph each:
            // `…。天宝甲午十三载，…`, `…。代宗甲辰广德二年，…`): the year it names, whatever
            // the year in force; the resolver weighs it.
            let dated = self.ganzhi_fits(c, known_era);
            let continues = next_ganzhi
                || dated
                || after_note
                || later_spring
                || match (c.era.as_ref().map(|(s, _)| *s), &self.in_force) {
                    // The first years of an era proclaimed, or a ruler named, since; not
                    // where the number before the line break makes it the tail of another
                    // (宋史 理宗紀's prologue: `…賜名貴誠十¶` / `五年五月丁巳…`, 嘉定十五年).
                    (None, None) if c.joined_ordinal.is_some() => false,
                    (None, _) if c.ordinal <= 2 && hinted => true,
                    // (Or the year after a date written since, no year in force yet: a 紀
                    // whose record begins in its ruler's life, 北齊書 文宣紀's `…武定七年八月
                    // 世宗遇害…十二月…` / `…并州刺史八年春正月庚申…`, 武定八年.)
                    (None, None) => hinted || self.after_date_written(c),
                    // The next year (or the one after a year with no heading), unless the
                    // number before the line break makes it the tail of a number that fits.
                    (None, Some(f)) => {
                        let next = f.ordinal + 1..=f.ordinal + 2;
                        next.contains(&c.ordinal)
                            && !c.joined_ordinal.is_some_and(|j| next.contains(&j))
                            && c.joined_ordinal.is_none_or(|j| j != f.ordinal + 1)
                    }
                    (Some(_), _) if c.ordinal == 1 => true,
                    // The year the ruler of a 紀 took the throne, no year in force yet, its
                    // month and his accession after it (南齊書 武帝紀: `…太祖即位¶` / `為皇
                    // 太子建元四年三月壬戌太祖崩上即位大赦…`): the 紀's first year.
                    (Some(_), None) if (c.mid_line || c.mid_paragraph) && known_era.is_some() => {
                        self.accession_follows(c)
                    }
                    // The second year of an era proclaimed in the year in force (吳越備史:
                    // `改元中和` in 廣明二年, then `…。（壬寅）中和二年秋七月`).
                    (Some(_), _)
                        if c.ordinal == 2
                            && known_era.is_some_and(|(_, ids)| {
                                ids.iter().any(|id| self.hints.gaiyuan.contains(id))
                            }) =>
                    {
                        true
                    }
                    // The next year, or the year in force told again at a new 卷's start
                    // (舊五代史 莊宗紀 after 武皇紀: `…來降天祐五年春正月武皇疾篤…`).
                    (Some(s), Some(f)) => {
                        c.ordinal == f.ordinal + 1 && self.era_key(s) == f.key
                            || self.retold_at_new_volume(s, c.ordinal)
                    }
                    _ => false,
                };
            if !continues {
                // (A known era's year with its month, no year in force: a date the bare year
                // after it may count on from.)
                if known_era.is_some() && self.in_force.is_none() {
                    self.mention_spans.push(c.label);
                }
                return;
            }
        }
        let wants_ganzhi = self.require_ganzhi && c.ganzhi.is_none();
        // Said, where it stands alone on its line or heads it: it would be a heading in
        // another book (稼軒先生年譜's first years, before its 干支 after a note was read).
        if wants_ganzhi && !c.mid_line && !c.mid_paragraph && c.term == Term::Strong {
            self.diag(
                Severity::Info,
                ev.line_no,
                c.label.start,
                format!(
                    "{}: read as a date, not a heading: this book's years carry their 干支, and this one has none",
                    &self.text[c.label.range()]
                ),
            );
        }
        // An era the table does not know, at a paragraph's start with its 干支 and its CE
        // year noted, the two agreeing: a heading with a misprinted name (徐闇公年譜's
        // `祟祯元年戊辰（一六二八），三十岁。`), not a date in a passage.
        // So too the year's 干支 and CE year in one note before it (越史略: `【丁未，公元1067年】
        // 龙彰天嗣二年，…`, the era spelt as the table does not).
        let noted = !c.mid_line
            && !c.mid_paragraph
            && c.annotation.as_ref().is_some_and(|&(_, ce, _)| {
                ce.is_some_and(|y| Some(crate::model::ganzhi::of_year(y)) == c.year_ganzhi())
            });
        let is_passage = c.lead
            || wants_ganzhi
            || (c.term == Term::Pause
                && (c.mid_paragraph || known_era.is_none() && c.era.is_some() && !noted))
            || (c.term == Term::Weak && self.punctuated && !c.weak_ok);
        // A year opening a sentence (`至正四年，旱蝗`) heads a year in some editions and dates
        // a passage in others, as does a date before a book's first 卷 (a preface's date):
        // the resolver decides by whether it fits the years around it.
        // A year opening a sentence, in mid-line or before the first 卷 is a heading only
        // if the years around it say so; the next year at a paragraph's start without a
        // season is one unless they say otherwise.
        let mut optional = if self.preface_rule && self.volumes.is_empty() {
            Some(resolve::SKIP_BIAS)
        } else if c.term == Term::Pause {
            // At a paragraph's start, with an era the table knows, it heads its year more
            // often than not (`文德元年，李思恭取…`).
            let at_start = !c.mid_line && !c.mid_paragraph;
            // A later year of the era in force, bare, at a paragraph's start (晉書 宣帝紀:
            // `青龍元年，…` / `二年，…` / `三年，…`): a 本紀's run of years, each taken unless
            // the years around it say otherwise.
            let next_bare = c.era.is_none()
                && self
                    .in_force
                    .as_ref()
                    .is_some_and(|f| (f.ordinal + 1..=f.ordinal + 3).contains(&c.ordinal));
            // Or a year named by its 干支 alone, a year or three after the last year's
            // (清太祖實錄: `丙戌年五月内…` / `丁亥年，太祖於…`).
            let next_ganzhi = c.era.is_none() && self.ganzhi_year_after_last(c, 1..=3);
            // Or a year or three after a date of an era written since the last heading
            // (琉球國志略: `…卒遣行。康熙二年至国，…` / `三年，王遣陪臣…`): the text has
            // gone on to that era.
            let after_mention = c.era.is_none()
                && at_start
                && !next_bare
                && self
                    .mention_spans
                    .iter()
                    .rev()
                    .find_map(|&span| super::scan::mention_eras(self.text, span, self.eras))
                    .is_some_and(|(ids, n)| {
                        !ids.is_empty() && (n + 1..=n + 3).contains(&c.ordinal)
                    });
            let next_bare = next_bare || next_ganzhi || after_mention;
            // A later year of it, some years on (新元史 定宗紀, a life told by the years
            // that matter to it: `七年，…` / `十一年，…` / `十二年冬`).
            let later_bare = c.era.is_none()
                && self
                    .in_force
                    .as_ref()
                    .is_some_and(|f| (f.ordinal + 1..=f.ordinal + 12).contains(&c.ordinal));
            // A later year of the era in force, named with it (金小史, which tells some
            // years of a reign: `大定五年正月…` / `大定十年，宋使…`).
            let later_named = known_era.is_some()
                && c.era
                    .as_ref()
                    .zip(self.in_force.as_ref())
                    .is_some_and(|((span, _), f)| {
                        self.era_key(*span) == f.key
                            && (f.ordinal + 1..=f.ordinal + 12).contains(&c.ordinal)
                    });
            // (A later year, bare, likewise: 竹書紀年 records some years of a reign,
            // `二十六年，…` / `三十二年，…`, and a gap's step grows by less than a year
            // passed over costs.)
            Some(if at_start && (next_bare || later_bare) {
                -resolve::PARAGRAPH_PAUSE_NEXT
            } else if at_start && later_named {
                -resolve::PARAGRAPH_ERA_LATER
            } else if at_start && (known_era.is_some() || later_bare) {
                resolve::PARAGRAPH_PAUSE_BIAS
            } else {
                resolve::SKIP_BIAS
            })
        } else if c.relative && c.ganzhi.is_some() {
            // `明年壬寅，` (新元史 定宗紀): the year named as a heading names it.
            Some(-resolve::PARAGRAPH_PAUSE_NEXT)
        } else if c.relative {
            // `明年` opening a paragraph: a heading where the years after it say so.
            Some(resolve::PARAGRAPH_PAUSE_BIAS)
        } else if c.seasonless || self.seasonless_runs && c.mid_line && c.era.is_none() {
            // A bare year of a run (only the next year, or a reign's first, gets here), or
            // one with its season after it in a book whose years run so: a heading unless
            // the years around it say otherwise.
            Some(-resolve::PARAGRAPH_PAUSE_NEXT)
        } else if c.mid_line
            && c.era.is_none()
            && self.in_force.is_none()
            && self.after_date_written(c)
        {
            // The year after a date written since, no year in force yet (北齊書 文宣紀:
            // `…武定七年八月…十二月…` / `…并州刺史八年春正月庚申…`): the record begins.
            Some(-resolve::PARAGRAPH_PAUSE_NEXT)
        } else if c.mid_line {
            // A year with its season after a sentence's end: a heading unless the next
            // heading says otherwise (a year recounted in a narrative makes the real
            // heading after it a repeat).
            Some(0.0)
        } else if run_on_year {
            Some(resolve::RUN_ON_YEAR_BIAS)
        } else if bare_without_opener {
            // A later year of the reign at a paragraph's start is more likely its heading
            // than not: passing over it costs a little, so that a chronicle that records
            // only some years (竹書紀年) keeps its headings across the gaps.
            Some(-resolve::PARAGRAPH_YEAR)
        } else {
            None
        };
        // A year at a paragraph's start that dates itself three times, its era, its 干支 and
        // its CE year (`崇祯元年戊辰（一六二八），先生二十八岁。` seven years after the last
        // heading): a heading, whatever the gap before it.
        // (Its 干支 may be in the note with the CE year: 越史略's `【甲戌，公元1074年】太宁二年，`.)
        let self_dated = known_era.is_some()
            && c.annotation
                .as_ref()
                .is_some_and(|&(_, ce, _)| ce.is_some() && c.year_ganzhi().is_some())
            && !c.mid_line
            && !c.mid_paragraph
            && !c.sentence;
        if self_dated && optional.is_some_and(|o| o > 0.0) {
            optional = None;
        }
        // A 年譜's year at a paragraph's start with the subject's age after it (鄭板橋年譜:
        // `三十三年丙子，二岁。`): a heading, even where its 干支 is a copyist's slip.
        let aged = !c.mid_line
            && !c.mid_paragraph
            && !c.sentence
            && c.ordinal > 0
            && age_follows(&self.text[c.heading_end..line_end(self.text, c.heading_end)]);
        if aged {
            optional = None;
        }
        // A year run on in mid-line, dated and aged ([`Decider::dated_run_on`]): a heading
        // across a gap of decades, though not against the years around it (杜工部年譜's
        // `…卒于大厯五年庚戌…` in 712).
        if self.dated_run_on(c, known_era) {
            optional = Some(-resolve::DATED_RUN_ON);
        }
        // A sentence's year in a long paragraph: a heading only if the years around it agree.
        // So is a named era's year at a print line's start in mid-paragraph, the era not the
        // one in force: a new era proclaimed, or a date a quotation gives (遼史拾遺's
        // indented sources: `…晋髙祖與契丹約為父子文進懼不能自安` / `天福元年冬送欵於烈祖…`).
        // (Not one the year's opening follows, `龍紀元年正月癸巳大赦改元`: a heading.)
        let line_in_paragraph = || {
            let Some((span, _)) = c.era.as_ref().filter(|_| c.mid_paragraph && !c.mid_line) else {
                return false;
            };
            // (Or the era in force, at or behind its last year: a date a biography gives,
            // 新五代史 晉高祖紀's `…三月徙鎮¶` / `成徳清泰元年五月復鎮太原…` after 清泰三年.)
            let other_era = self
                .in_force
                .as_ref()
                .is_none_or(|f| f.key != self.era_key(*span) || c.ordinal <= f.ordinal);
            let after = &self.text[c.heading_end..line_end(self.text, c.heading_end)];
            other_era && !(after.starts_with('春') || after.starts_with("正月"))
        };
        // A bare year with a 干支 after it at a print line's start in mid-paragraph of an
        // unpunctuated text (宋書: `…甲申蠲尋陽西陽郡租布¶` / `三年甲午丞相…`): the 干支 may
        // be the next day's, the number the end of the sentence before; a heading only if
        // the 干支 and the years around it agree.
        let day_after_number = || {
            !self.punctuated
                && c.mid_paragraph
                && !c.mid_line
                && c.era.is_none()
                && c.ordinal > 0
                && c.ganzhi.is_some()
                && self.text[c.label.range()].starts_with(super::super::numerals::is_numeral_char)
        };
        if optional.is_none() && (c.sentence || line_in_paragraph() || day_after_number()) {
            optional = Some(0.0);
        }
        // After a record's closing note, a year opens the next record as at a paragraph's
        // start (one taken anyway stays so).
        if after_note && optional.is_some_and(|o| o > -resolve::PARAGRAPH_YEAR) {
            optional = Some(-resolve::PARAGRAPH_YEAR);
        }
        if is_passage {
            // The year of the entry it stands in, written again: plain text.
            let repeats = matches!(self.current, Some((SegmentKind::Entry(_), _)))
                && self.in_force.as_ref().is_some_and(|f| {
                    f.ordinal == c.ordinal
                        && c.era.as_ref().map(|(s, _)| self.era_key(*s)) == Some(f.key.clone())
                });
            if let Some((_, ids)) = known_era.filter(|_| !repeats) {
                let gz = c.ganzhi.and_then(Ganzhi::new);
                let (era, doubtful) =
                    resolve::pick_with_doubt(self.eras, ids, c.ordinal, None, gz, &self.context());
                self.passages.push(DatedPassage {
                    label: c.label,
                    line: Span::new(ev.line_start, line_end(self.text, ev.line_start)),
                    era,
                    year: c.ordinal,
                    ce: era
                        .and_then(|id| self.eras.get(id).year(c.ordinal))
                        .map(CeYear::get),
                    doubtful,
                    volume: self.volume(),
                });
            }
            return;
        }
        // What the heading names.
        let (written, era_span, key) = match &c.era {
            Some((span, ids)) if !ids.is_empty() => {
                (Written::Era(ids.to_vec()), Some(*span), self.era_key(*span))
            }
            Some((span, _)) => {
                let span = *span;
                let key = self.era_key(span);
                // A new era's 元年 opening a paragraph of an unpunctuated text (神雀元年春…)
                // is as strong as a written 干支.
                let opens = !self.punctuated && !c.mid_paragraph && c.ordinal == 1 && c.weak_ok;
                let trusted = c.ganzhi.is_some()
                    || c.annotation.is_some()
                    || opens
                    || self.repeated_unknown.contains_key(&key);
                // (Or one with its 干支 and CE year noted, as above.)
                if !trusted || (c.term != Term::Strong && !opens && !noted) {
                    return;
                }
                (Written::Unknown(key.clone()), Some(span), key)
            }
            None if c.ordinal == 0 => (Written::GanzhiOnly, None, String::new()),
            None => {
                // A bare ordinal needs an era to count in: the last heading's, one
                // proclaimed or a ruler named since; or it is a new reign's 元年, or says
                // its year by its 干支.
                let fits = self
                    .in_force
                    .as_ref()
                    .is_some_and(|f| c.ordinal > f.ordinal && c.ordinal <= f.ordinal + 12);
                let hinted = !self.hints.gaiyuan.is_empty() || !self.hints.rulers.is_empty();
                // A later year heading its paragraph with its season, where nothing says
                // whose (資治通鑑外紀's sample opening in mid-reign: `二十八年春晋以諸侯伐沉`):
                // an entry all the same, its CE year unknown rather than its text lost.
                let stands_alone = optional.is_none() && !c.mid_paragraph && !c.mid_line;
                // Where a heading stands on its own (a paragraph's start), the resolver
                // decides which era it counts in even when the sequence is broken.
                if !(fits
                    || hinted
                    || self.in_force.is_some()
                    || c.ordinal == 1
                    || c.ganzhi.is_some()
                    || c.annotation.is_some()
                    || stands_alone)
                {
                    return;
                }
                let key = match (&self.in_force, self.gaiyuan_name) {
                    (_, Some(g)) if !fits => self.era_key(g),
                    // A reign the table does not know: its years are not the last one's.
                    (Some(_), _) if self.new_reign && !fits && !hinted => String::new(),
                    (Some(f), _) => f.key.clone(),
                    (None, _) => String::new(),
                };
                (Written::Bare, None, key)
            }
        };
        // (Not a later year of an era that ended before the one in force began: a reign's
        // eras summed up after its annals, 通志's `孝武帝孝建三年大明八年即位十一年`, which
        // the resolver reads as no heading.)
        let looks_back = match &written {
            Written::Era(ids) if c.ordinal > 1 => self.in_force.as_ref().is_some_and(|f| {
                let now = self.eras.lookup(&f.key);
                !now.is_empty()
                    && ids.iter().all(|&id| {
                        let end = self.eras.get(id).end();
                        now.iter().all(|&n| end < self.eras.get(n).start())
                    })
            }),
            _ => false,
        };
        // The same year written again inside its own entry is text (a paragraph repeating
        // the date in another style), not a new entry.
        let mut repeated = false;
        let mut restates = false;
        if let Some(prev) = self.pending.last() {
            let same_volume = prev.volume() == self.volume();
            let in_entry = matches!(self.current, Some((SegmentKind::Entry(_), _)));
            let prev_key = self.in_force.as_ref().map(|f| f.key.as_str());
            // (Unless that entry's heading may be a date in a sentence, which the resolver
            // may pass over: `…二年正月辛卯朔…` recounting 靖康 before the real 二年.)
            let prev_optional = self.headings.last().is_some_and(|h| h.optional.is_some());
            let repeats = same_volume
                && in_entry
                && !self.new_reign
                && c.ordinal > 0
                && prev.year == c.ordinal
                && prev_key == Some(key.as_str())
                // (Not under another 干支: the next year, its number miswritten — 通鑑續編's
                // `甲申【唐同光二年…】` and `乙酉【唐同光二年…】`, 924 and 925.)
                // So too under another 干支 noted before it (越史略: `【丁巳，公元1077年】
                // 英武昭胜二年` and `【戊午，公元1078年】英武昭胜二年`).
                && !matches!((prev.ganzhi, c.year_ganzhi()),
                    (Some(a), Some(b)) if a != b);
            // The same year written again after a paragraph that opened with it
            // (金小史: `正隆六年，汴京成…` / `正隆六年九月甲午，…`): the first is the
            // heading, unless the years around say it was a date in a sentence; a third
            // time (`正隆六年十月乙未`) is text.
            // After a year run on in mid-line with an earlier month of that year (新五代史
            // 漢高祖紀 `…至自鄴都乾祐元年春正月乙卯大赦改元…`, then 隱帝紀 restating
            // `乾祐元年二月辛巳…`): both are headings, the first opening the year and the
            // second restating it for the new reign, unless the years around say the first
            // was a date in a sentence (see `Heading::restates`).
            restates = repeats
                && prev_optional
                && !self.last_repeated
                && self
                    .last_run_on_month
                    .is_some_and(|m| month_after(self.text, c.heading_end).is_some_and(|n| n > m));
            // So too the year told again at the next 卷's start, the next ruler's 紀 (舊五代史
            // 武皇紀 `…占者惡之天祐五年正月…`, then 莊宗紀 `…來降天祐五年春正月武皇疾篤…`),
            // from no earlier a month: 元史 英宗紀's last words, `…從葬諸帝陵泰定元年二月上
            // 尊諡…`, date an epilogue, the next 紀 opening that year at 春正月.
            restates = restates
                || !self.punctuated
                    && !same_volume
                    && self.hints.new_volume
                    && prev_optional
                    && c.ordinal > 0
                    && prev.year == c.ordinal
                    && prev_key == Some(key.as_str())
                    && self.last_run_on_month.is_some_and(|m| {
                        month_after(self.text, c.heading_end).is_some_and(|n| n >= m)
                    });
            if repeats && prev_optional && self.last_at_paragraph_start && !self.last_repeated {
                optional = Some(optional.unwrap_or(0.0).max(0.0) + REPEAT_BIAS);
                repeated = true;
            }
            if repeats && (!prev_optional || self.last_repeated) {
                self.diag(
                    Severity::Info,
                    ev.line_no,
                    c.label.start,
                    format!("{label} repeats the heading of its own entry; read as text"),
                );
                return;
            }
        }
        let index = self.pending.len();
        self.file_start = None;
        self.new_reign = false;
        self.open(SegmentKind::Entry(index), ev.line_start);
        let ganzhi = c.year_ganzhi();
        let mut hints = std::mem::take(&mut self.hints);
        hints.regimes = self.context();
        // The eras of the dates written since, read now that a year needs them.
        if matches!(written, Written::Bare | Written::GanzhiOnly) {
            for &span in &self.mention_spans {
                let Some((ids, ordinal)) = super::scan::mention_eras(self.text, span, self.eras)
                else {
                    continue;
                };
                for &id in ids.iter() {
                    // Eras only: a ruler's years named in a prologue (`高祖十一年`) are his,
                    // not the years the 紀 goes on to count.
                    let era = self.eras.get(id);
                    if era.country() == Country::China && era.kind() == EraKind::Era {
                        hints.mentioned.retain(|&(e, _)| e != id);
                        hints.mentioned.push((id, ordinal));
                    }
                }
            }
            // The year's own sentence naming what it was called (五代春秋, after `○汉高祖`:
            // `元年二月，帝即位于太原，称天福十二年。`): the year is that one.
            let end = line_end(self.text, c.heading_end);
            let sentence = &self.text[c.heading_end..end];
            let sentence = &sentence[..sentence.find('。').unwrap_or(sentence.len())];
            for (at, _) in sentence.match_indices(['称', '稱']) {
                let from = c.heading_end + at + '称'.len_utf8();
                let rest = &self.text[from..end];
                let Some(nian) = rest.char_indices().take(8).find(|&(_, ch)| ch == '年') else {
                    continue;
                };
                let span = Span::new(from, from + nian.0 + '年'.len_utf8());
                if let Some((ids, ordinal)) = super::scan::mention_eras(self.text, span, self.eras)
                {
                    hints.mentioned.retain(|&(e, _)| !ids.contains(&e));
                    hints.mentioned.extend(ids.iter().map(|&id| (id, ordinal)));
                    hints.called = ids.len();
                }
            }
        }
        // A bare year with its 干支 among the book's first, no era in force yet, in a book
        // named for an era (咸淳遺事: `四年(戊/辰)春正月`): that era's year, where the 干支 is
        // its.
        if matches!(written, Written::Bare) && self.in_force.is_none() && self.pending.len() <= 1 {
            if let (Some(title), Some(g)) = (self.book_title.as_deref(), c.year_ganzhi()) {
                for id in titles::eras_in_title(self.eras, title) {
                    if super::scan::era_year_is(self.eras, id, c.ordinal, g) {
                        hints.mentioned.push((id, 0));
                    }
                }
            }
        }
        self.mention_spans.clear();
        // The day right after an optional heading, that a calendar may refute.
        let first_day = optional
            .and_then(|_| super::super::marks::mark_at(&self.text[c.heading_end..], true))
            .map(|(_, m)| m)
            .filter(|m| m.names_month() && m.ganzhi.is_some())
            .map(Box::new);
        self.last_at_paragraph_start = !c.mid_line && !c.mid_paragraph && c.term == Term::Pause;
        self.last_repeated = repeated || restates;
        self.last_run_on_month = (c.mid_line && optional.is_some())
            .then(|| month_after(self.text, c.heading_end))
            .flatten();
        self.headings.push(Heading {
            optional,
            first_day,
            opens_paragraph: !c.mid_line && !c.mid_paragraph || after_note,
            in_proclamation: self.text[..c.label.start].ends_with(['為', '为']),
            accession: c.ordinal == 1
                && c.era.is_some()
                && (c.mid_line || c.mid_paragraph)
                && self.accession_follows(c),
            restates,
            run_on: c.seasonless,
            key: key.clone(),
            written,
            ordinal: c.ordinal,
            ganzhi: ganzhi.and_then(Ganzhi::new),
            annotation: c.annotation.and_then(|a| a.1).and_then(CeYear::new),
            hints: Arc::new(hints),
        });
        if self.headings.len() > RESOLVER_BATCH {
            if let Some(tx) = &self.to_resolver {
                // All but the last, which the next candidate looks at.
                let last = self.headings.pop();
                let batch =
                    std::mem::replace(&mut self.headings, Vec::with_capacity(RESOLVER_BATCH + 1));
                // (A resolver that panicked has dropped its end: its panic follows.)
                let _ = tx.send(batch);
                self.headings.extend(last);
            }
        }
        self.heading_spans
            .push(std::mem::take(&mut self.hint_spans));
        self.heading_lines.push(ev.line_no);
        self.pending.push(Pending {
            span: narrow(Span::new(ev.line_start, self.text.len())),
            label: narrow(c.label),
            heading_end: offset(c.heading_end),
            era_span: era_span.map(narrow),
            annotation: c.annotation.map(|a| narrow(a.0)),
            volume: self.volume().map(offset),
            year: c.ordinal,
            ganzhi,
        });
        self.gaiyuan_name = None;
        if c.ordinal > 0 && !looks_back {
            let opens = !c.mid_line && !c.mid_paragraph;
            self.opened = match self.opened.take() {
                _ if opens => None,
                Some(o) if o.key == key => Some(o),
                // (The first year run on in mid-line after one that opened its paragraph.)
                None if self.in_force.as_ref().is_some_and(|f| f.key == key) => {
                    self.in_force.take()
                }
                _ => None,
            };
            self.in_force = Some(InForce {
                key,
                ordinal: c.ordinal,
            });
        }
    }

    /// The title a volume heading carries before its 卷 (`前漢孝惠皇帝紀卷第五` → 前漢孝惠皇帝紀),
    /// unless it is only the book's title (`唐書卷一`, `契丹国志卷之一`).
    fn title_in_heading(&self, heading: Span) -> Option<String> {
        let h = &self.text[heading.range()];
        let before = &h[..h.find(['卷', '巻'])?];
        let before = before.trim_start_matches(['●', '○', '◎']).trim();
        let book = self.book_title.as_deref().unwrap_or("");
        // Without a title in the metadata, a short name before 卷 is the book's own
        // (`資治通鑑巻第一`, `史記集解卷一`).
        let is_book = before.is_empty()
            || (!book.is_empty() && book.contains(before))
            || (book.is_empty() && before.chars().count() <= 4);
        (!is_book).then(|| before.to_owned())
    }

    /// Whether a year written after its regime's name is a year of the text, not another
    /// regime's date written under one (`乾統六年` / `宋崇寧五年。春正月…`): it is another's
    /// where it stands right under a heading (nothing but blanks between) and names
    /// another regime than that heading's era.
    fn own_regime(&self, ev: &LineEvent<'e>, c: &Cand<'e>) -> bool {
        let Some((_, ids)) = &c.era else {
            return true;
        };
        let Some(last) = self.pending.last() else {
            return true;
        };
        let right_under = matches!(self.current, Some((SegmentKind::Entry(_), _)))
            && last.heading_end() <= ev.line_start
            && self.text[last.heading_end()..ev.line_start]
                .chars()
                .all(char::is_whitespace);
        let Some(Written::Era(above)) = self.headings.last().map(|h| &h.written) else {
            return true;
        };
        let regime = |id: &EraId| self.eras.get(*id).regime();
        !right_under
            || ids
                .iter()
                .any(|a| above.iter().any(|b| regime(a) == regime(b)))
    }

    /// Regimes the text is about here: the 卷's or the last ruler line's, else the book's.
    fn context(&self) -> Arc<[RegimeId]> {
        if self.regimes.is_empty() {
            Arc::clone(&self.book_regimes)
        } else {
            Arc::clone(&self.regimes)
        }
    }

    /// A ruler named by a ruler line or a 卷 title: his years may follow, and his regime is
    /// what the text is about.
    /// `name`: where the ruler's name alone is written (a ruler line), for the labels of
    /// the bare ordinals after it; `None` when it stands inside a title.
    fn name_rulers(&mut self, rulers: &[RulerId], name: Option<Span>) {
        self.new_reign = true;
        if let Some(name) = name.filter(|_| rulers.is_empty()) {
            self.unknown_rulers.push(name);
            // Marked as a ruler's so that no era of the same name is taken for him.
            self.hints.unknown_ruler =
                Some(format!("{}\u{0}ruler", fold_key(&self.text[name.range()])));
        }
        let context = self.context();
        // Of several rulers of that name, those of the regimes the text is about (all of
        // them when none is).
        let any_in_context = rulers
            .iter()
            .any(|&r| context.contains(&self.eras.ruler(r).regime()));
        let mut regimes = Vec::new();
        for &r in rulers {
            let ruler = self.eras.ruler(r);
            if any_in_context && !context.contains(&ruler.regime()) {
                continue;
            }
            for era in ruler_years(self.eras, r) {
                if !self.hints.rulers.contains(&era) {
                    self.hints.rulers.push(era);
                    if let Some(name) = name {
                        self.hint_spans.push((era, name));
                    }
                }
            }
            if !regimes.contains(&ruler.regime()) {
                regimes.push(ruler.regime());
            }
        }
        // A name of rulers of several regimes, none of them the one the text is known to
        // be about (晉書's 宣帝紀: 晉's 宣帝 reigned under no era of his own), leaves the
        // context as it was; so does a name too common to say which regime it is (`太祖`:
        // some forty regimes').
        let telling = regimes.len() == 1 || (context.is_empty() && regimes.len() <= 3);
        if !regimes.is_empty() && (any_in_context || telling) {
            self.regimes = regimes.into();
        }
    }

    /// A ruler's accession told in run-on prose (see [`Event::Accession`]): of the rulers
    /// of that name, those of the regimes the text is about name the reign the bare years
    /// after it count in; where the text is about other regimes, none does (`…自立是為平王`
    /// is 楚's, told in 秦本紀). Where nothing says which regime the text is about, only a
    /// name of one regime's ruler does (古史's `…子襄公諸兒立…`, in a sample that names no
    /// state: nine states had a 襄公).
    fn accession(&mut self, name: Span, rulers: &[RulerId]) {
        let context = self.context();
        let theirs: Vec<RulerId> = rulers
            .iter()
            .copied()
            .filter(|&r| context.is_empty() || context.contains(&self.eras.ruler(r).regime()))
            .collect();
        let regime = |r: &RulerId| self.eras.ruler(*r).regime();
        let one_regime = theirs.iter().all(|r| regime(r) == regime(&theirs[0]));
        // (Only in a book whose years run on so: not 大事記's `…齐平公薨子宣公积立…`, in a
        // book about 周.)
        if !self.seasonless_runs || theirs.is_empty() || context.is_empty() && !one_regime {
            return;
        }
        // Where nothing named the regime, his is the one the text is about (周本紀's sample
        // opening inside 厲王's years: `…是為宣王…`).
        if context.is_empty() {
            self.regimes = Arc::from([regime(&theirs[0])]);
        }
        for r in theirs {
            for era in ruler_years(self.eras, r) {
                if !self.hints.rulers.contains(&era) {
                    self.hints.rulers.push(era);
                    self.hint_spans.push((era, name));
                }
            }
        }
    }

    /// A ruler line: `name` where his name stands, `rulers` those the table knows by it.
    /// His regime named before him (`○后唐庄宗…`, `汉高祖`: outside `name`) is what the text
    /// is about, and of the rulers of that name his are meant (後漢's 高祖 and 西漢's).
    fn ruler_line(&mut self, ev: &LineEvent<'e>, name: Span, rulers: &[RulerId]) {
        let before = &self.text[ev.line_start.min(name.start)..name.start];
        let before = before.trim_start_matches(|c: char| matches!(c, '○' | '◎') || is_indent(c));
        let regimes = titles::named_regimes(self.eras, before);
        let of_them = |r: &RulerId| regimes.contains(&self.eras.ruler(*r).regime());
        let mut all = rulers.to_vec();
        // A 紀 named short under its 卷 heading (北齊書: `帝紀第四` / `文宣`): where no ruler
        // of that name is of the regimes the text is about, the one of them whose name it
        // is with 帝 or 皇帝 after it (北齊's 文宣帝, not 汝南王 元悅, titled 文宣).
        let context = self.context();
        let in_context = |r: &RulerId| context.contains(&self.eras.ruler(*r).regime());
        if !context.is_empty() && !all.iter().any(in_context) {
            let written = &self.text[name.range()];
            let titled: Vec<RulerId> = ["帝", "皇帝"]
                .iter()
                .flat_map(|t| {
                    self.eras
                        .rulers_named(&format!("{written}{t}"))
                        .iter()
                        .copied()
                })
                .filter(in_context)
                .collect();
            if !titled.is_empty() {
                all = titled;
                all.dedup();
            }
        }
        if all.iter().any(of_them) {
            all.retain(of_them);
            let mut theirs: Vec<RegimeId> = Vec::new();
            for &r in &all {
                let g = self.eras.ruler(r).regime();
                if !theirs.contains(&g) {
                    theirs.push(g);
                }
            }
            self.regimes = theirs.into();
        }
        self.name_rulers(&all, Some(name));
    }

    /// The span line under a 卷 heading (`起丁巳明孝宗治十年盡乙丑明孝宗治十八年`): the
    /// regimes and rulers it names, and the 干支 of the volume's first year.
    fn volume_span(&mut self, span: Span) {
        let names = &self.text[span.range()];
        let regimes = regimes_in(self.eras, names);
        if !regimes.is_empty() {
            self.regimes = regimes.into();
        }
        let rulers = rulers_in(self.eras, names, &self.context());
        if !rulers.is_empty() {
            self.name_rulers(&rulers, None);
        }
        // (A span with no 起 names its first year by its era: `万历四十年丙辰至…`.)
        let Some(rest) = names.strip_prefix('起') else {
            self.span_first_era(span, true);
            return;
        };
        self.hints.volume_ganzhi = Ganzhi::parse_suiming(rest)
            .map(|(g, _)| g)
            .or_else(|| Ganzhi::parse_prefix(rest).map(|(g, _)| g));
    }

    /// A new 卷: the regimes and ruler its heading and title name, the 干支 of its first
    /// year if its title line gives its span (`【周纪一】　起著雍攝提格…`).
    fn volume_context(&mut self, heading: Span, title: Option<Span>) {
        let mut names = self.text[heading.range()].to_owned();
        if let Some(t) = title {
            names.push(' ');
            names.push_str(&self.text[t.range()]);
        }
        // (A title naming one of the regimes the book's name in the heading names, that one:
        // 十國春秋's `十國春秋卷五十八` / `南漢一` is 南漢's, not every one of the 十國's. Not
        // a title naming others besides, 新五代史's `唐本紀第四`, whose 唐 is 唐's as well as
        // 後唐's: 李克用 counted in 唐's eras.)
        let mut regimes = regimes_in(self.eras, &names);
        if let Some(t) = title {
            let (heading, title) = (
                regimes_in(self.eras, &self.text[heading.range()]),
                regimes_in(self.eras, &self.text[t.range()]),
            );
            if !title.is_empty() && title.iter().all(|r| heading.contains(r)) {
                regimes = title;
            }
        }
        if !regimes.is_empty() {
            self.regimes = regimes.into();
        }
        let rulers = rulers_in(self.eras, &names, &self.context());
        if !rulers.is_empty() {
            self.name_rulers(&rulers, None);
            self.title_ruler_names(std::iter::once(heading).chain(title), &rulers);
        }
        // A span naming its first year by era (錦里耆舊傳: `卷三【起天成二年至廣政二十五年】`):
        // the bare years after it count in that era.
        let line = Span::new(heading.start, line_end(self.text, heading.end));
        for span in std::iter::once(line).chain(title) {
            self.span_first_era(span, false);
        }
        // The span after the title: 起著雍攝提格 names the first year's 干支.
        if let Some(t) = title {
            let line_end = line_end(self.text, t.end);
            let after = &self.text[t.end..line_end];
            if let Some(at) = after.find('起') {
                let rest = &after[at + '起'.len_utf8()..];
                self.hints.volume_ganzhi = Ganzhi::parse_suiming(rest)
                    .map(|(g, _)| g)
                    .or_else(|| Ganzhi::parse_prefix(rest).map(|(g, _)| g));
            }
        }
    }

    /// Where a volume heading or title (`spans`) writes the name of one of `rulers` that is
    /// also the name of his own count of years: the bare years counted in it are labelled
    /// as the book spells him (公羊傳's `…解詁僖公第五`: `僖公元年`, not the table's `釐公元年`).
    /// Names of a ruler's eras are not his (a `太宗紀`'s 二年 stays 貞觀二年).
    fn title_ruler_names(&mut self, spans: impl Iterator<Item = Span>, rulers: &[RulerId]) {
        for span in spans {
            let s = &self.text[span.range()];
            for (at, _) in s.char_indices() {
                let mut longest: Option<(usize, &[RulerId])> = None;
                self.eras
                    .rulers_at_each(&s[at..], |len, ids| longest = Some((len, ids)));
                let Some((len, ids)) = longest else { continue };
                let name = &s[at..at + len];
                if name.chars().count() < 2 {
                    continue;
                }
                let key = fold_key(name);
                for &r in ids.iter().filter(|r| rulers.contains(r)) {
                    for era in ruler_years(self.eras, r) {
                        let own = self.eras.get(era).names().any(|n| fold_key(n) == key);
                        if own && !self.hint_spans.iter().any(|&(e, _)| e == era) {
                            let at = span.start + at;
                            self.hint_spans.push((era, Span::new(at, at + len)));
                        }
                    }
                }
            }
        }
    }

    /// Whether heading `c` is a year run on in mid-line of an unpunctuated text, its era
    /// named (`known_era`), the year's 干支 and the subject's age after it, as a 年譜 of one
    /// paragraph a life writes them (紹陶錄: `…泰始元年【宋明帝】乙已君年十岁…永明十年【齐世祖】
    /// 壬申君年三十七…`): the 干支 that year's of one of the era's regimes.
    fn dated_run_on(
        &self,
        c: &Cand<'_>,
        known_era: Option<&(Span, std::borrow::Cow<'_, [EraId]>)>,
    ) -> bool {
        !self.punctuated
            && c.mid_line
            && super::scan::age_after(&self.text[c.heading_end..])
            && self.ganzhi_fits(c, known_era)
    }

    /// Whether heading `c` writes a 干支 that is its year's in one of its era's readings
    /// (`known_era`, the era's name and the table's eras by it).
    fn ganzhi_fits(
        &self,
        c: &Cand<'_>,
        known_era: Option<&(Span, std::borrow::Cow<'_, [EraId]>)>,
    ) -> bool {
        c.ganzhi.is_some_and(|g| {
            known_era.is_some_and(|(_, ids)| {
                ids.iter()
                    .any(|&id| super::scan::era_year_is(self.eras, id, c.ordinal, g))
            })
        })
    }

    /// Whether the text since the last heading named the era written at `span` as the
    /// next year's, its 元年 after 明年 and 為 (南詔野史: `…。明年，为懿宗庚辰咸通元年，改元
    /// 建极。…` before `咸通二年，…`): the era's later years there are the sequence's.
    fn named_as_next_year(&self, c: &Cand<'e>, span: Span) -> bool {
        let since = self
            .pending
            .last()
            .map_or(0, Pending::heading_end)
            .min(c.label.start);
        let between = &self.text[since..c.label.start];
        let first = format!("{}元年", &self.text[span.range()]);
        between.match_indices(&first).any(|(k, _)| {
            let head = &between[..k];
            let near = &head[crate::text::floor_boundary(head, head.len().saturating_sub(24))..];
            near.contains("明年") && near.contains(['为', '為', '爲'])
        })
    }

    /// Whether the sentence of heading `c` tells a ruler's accession within a few
    /// characters of its year (`建元四年三月壬戌太祖崩上即位`): 即位, 卽位, 即皇帝位, 即帝位
    /// in the 24 characters after the year's label, before a full stop.
    /// Whether bare year `c` is the year after one a date written since names (its era
    /// lasting so long): `八年` after `武定七年八月`.
    fn after_date_written(&self, c: &Cand<'_>) -> bool {
        self.mention_spans.iter().any(|&span| {
            super::scan::mention_eras(self.text, span, self.eras).is_some_and(|(ids, n)| {
                n + 1 == c.ordinal
                    && ids
                        .iter()
                        .any(|&id| self.eras.get(id).year(c.ordinal).is_some())
            })
        })
    }

    /// Whether candidate `c` is a year with its month or season right after an interlinear
    /// note (in its line or at the end of the print line before): a record's start in a book
    /// that ends each record with its source (廣西通志 禨祥: `…皆旱(文獻通考)元和十¶` / `四年八月
    /// 丁丑…`). A 年號's year, whatever the year in force; a bare year, a later one of the era
    /// in force (`…(宋史)五年秋七月戊申昭州地震`).
    fn after_note(&self, c: &Cand<'_>) -> bool {
        if c.seasonless
            || !self.text[..c.label.start]
                .trim_end_matches(|ch: char| ch == '¶' || ch.is_whitespace())
                .ends_with(')')
        {
            return false;
        }
        match c.era.as_ref() {
            Some((_, ids)) => ids
                .iter()
                .any(|&id| self.eras.get(id).kind() == EraKind::Era),
            None => self.later_in_force(c, 1..=30),
        }
    }

    /// Whether candidate `c`'s ordinal is `ahead` years after the year in force, in an era
    /// of that name that has such a year.
    fn later_in_force(&self, c: &Cand<'_>, ahead: std::ops::RangeInclusive<u32>) -> bool {
        self.in_force.as_ref().is_some_and(|f| {
            c.ordinal > f.ordinal
                && ahead.contains(&(c.ordinal - f.ordinal))
                && self
                    .eras
                    .lookup(&f.key)
                    .iter()
                    .any(|&id| self.eras.get(id).year(c.ordinal).is_some())
        })
    }

    /// Whether candidate `c` is a bare later year of the era in force, two or three years on,
    /// with its spring or 正月 after it (廣西通志's 萬曆 run: `…三¶年懷集縣大旱民饑六年春正月
    /// 臨桂縣…`): a year of a book that tells only the years with events, for the resolver
    /// to weigh.
    fn later_spring(&self, c: &Cand<'_>) -> bool {
        // (Not a date in a sentence: `…詔以三年正月有事于泰山…`.)
        let before = self.text[..c.label.start].chars().next_back();
        c.era.is_none()
            && !c.seasonless
            && !before.is_some_and(|b| super::scan::ERA_DATED_BEFORE.contains(b))
            && super::scan::opens_run_on_year(&self.text[c.heading_end..])
            && self.later_in_force(c, 2..=3)
    }

    fn accession_follows(&self, c: &Cand<'_>) -> bool {
        // (Over print lines' ends and page lines: `…紹壬¶` / `<pb:…>¶` / `申即皇帝位…`.)
        let mut after = String::new();
        let mut rest = &self.text[c.label.end..];
        while after.chars().count() < 24 {
            let Some(ch) = rest.chars().next() else {
                break;
            };
            if ch == '\n' && rest[1..].starts_with("<pb:") {
                rest = rest[1..].find('\n').map_or("", |k| &rest[1 + k..]);
                continue;
            }
            if !matches!(ch, '¶' | '\n' | '\r') {
                after.push(ch);
            }
            rest = &rest[ch.len_utf8()..];
        }
        let after = &after[..after.find('。').unwrap_or(after.len())];
        // (Or called to succeed: 陳書 世祖紀's `…永定三年六月丙午髙祖崩遺詔¶` / `徴世祖入纂…`;
        // or the reigning emperor dies, the founder's record beginning: 隋書 高祖紀's `…乃止大¶`
        // / `象二年五月…不果行乙未帝崩時静帝幼冲…`.)
        [
            "帝崩",
            "即位",
            "卽位",
            "即皇帝位",
            "卽皇帝位",
            "即帝位",
            "卽帝位",
            "入纂",
            "嗣位",
            "踐阼",
            "踐祚",
            "践祚",
        ]
        .iter()
        .any(|w| after.contains(w))
    }

    /// The era a 卷's span starts in (`起天成二年`, in `span`'s text), put in force as if the
    /// year before its first had been read, so that the bare `二年` after it counts in it.
    /// `dated`: the span is a line of two dates with no 起, its first year at its start.
    fn span_first_era(&mut self, span: Span, dated: bool) {
        let s = &self.text[span.range()];
        // (Or from the span's start, a line of two dates and 至 between: `天启元年辛酉至
        // 七年丁卯七月`.)
        let from = match s.find('起') {
            Some(at) => span.start + at + '起'.len_utf8(),
            None if dated => span.start,
            None => return,
        };
        let rest = &self.text[from..span.end];
        let Some((nian, _)) = rest
            .char_indices()
            .take(12)
            .find(|&(_, ch)| matches!(ch, '年' | '載' | '载'))
        else {
            return;
        };
        let year = Span::new(from, from + nian + '年'.len_utf8());
        let Some((ids, ordinal)) = super::scan::mention_eras(self.text, year, self.eras) else {
            return;
        };
        if let (Some(&id), true) = (ids.first(), ordinal > 0) {
            self.in_force = Some(InForce {
                key: fold_key(self.eras.get(id).name()),
                ordinal: ordinal - 1,
            });
            // For the resolver: a date written since, that a bare year may count in.
            self.hints.mentioned.retain(|&(e, _)| !ids.contains(&e));
            self.hints
                .mentioned
                .extend(ids.iter().map(|&e| (e, ordinal)));
        }
    }

    /// Decide the CE years of all headings, and write the findings.
    pub(super) fn finish(&mut self) {
        let mut resolved = match self.forward.take() {
            Some(forward) => forward.finish(&self.headings),
            None => resolve::resolve(&self.headings, self.eras),
        };
        self.drop_skipped(&mut resolved);
        self.fix_spans();
        // (The resolver's readings are let go: the entries take their full room now.)
        self.entries = self.pending.iter().map(Pending::entry).collect();
        self.pending = Vec::new();
        for (i, r) in resolved.iter_mut().enumerate() {
            if r.doubts.contains(&Doubt::PastEraEnd) && self.tells_next_era(i, r) {
                r.doubts.retain(|&d| d != Doubt::PastEraEnd);
            }
            let inherited = if matches!(self.headings[i].written, Written::Bare) {
                match r.era {
                    Some(era) => self.era_name_span(i, era),
                    None => self.unknown_ruler_span(i, r),
                }
            } else {
                None
            };
            let e = &mut self.entries[i];
            e.era = r.era;
            e.ce = r.ce.map(CeYear::get);
            e.ce_source = r.source;
            e.doubts = r.doubts.clone();
            e.table_ce = r.table_ce.map(CeYear::get);
            e.inherited_era = inherited;
            // With the embedded table they are found when first asked for.
            if !std::ptr::eq(self.eras, EraTable::embedded()) {
                e.parallels = parallels(self.text, e.heading_end, self.eras, e.ce).into();
            }
        }
        self.findings(&resolved);
    }

    /// The name of the unknown king whose years the bare ordinal heading `i` counts, read
    /// from the years before it: his ruler line, when no heading of a known era stands
    /// between.
    fn unknown_ruler_span(&self, i: usize, r: &resolve::Resolved) -> Option<Span> {
        if r.ce.is_none() || r.source != CeSource::Context {
            return None;
        }
        let start = self.entries[i].span.start;
        let at = self.unknown_rulers.partition_point(|s| s.start < start);
        let name = *self.unknown_rulers.get(at.checked_sub(1)?)?;
        let known_between = self.entries[..i]
            .iter()
            .rev()
            .take_while(|e| e.span.start > name.start)
            .any(|e| e.era.is_some() || e.era_span.is_some());
        (!known_between).then_some(name)
    }

    /// Where the name of `era` is written for the bare ordinal heading `i`: the heading
    /// that last named it, or the 改元 or ruler line that did.
    fn era_name_span(&self, i: usize, era: EraId) -> Option<Span> {
        // (The last place it is named: a name given at once in place of the one proclaimed,
        // `改元為永興…尋改為永熙`, is the era's.)
        if let Some(&(_, s)) = self.heading_spans[i].iter().rev().find(|(e, _)| *e == era) {
            return Some(s);
        }
        (0..i).rev().find_map(|j| {
            let e = &self.entries[j];
            if e.era != Some(era) {
                return None;
            }
            e.era_span.or(e.inherited_era).or_else(|| {
                self.heading_spans[j]
                    .iter()
                    .rev()
                    .find(|(x, _)| *x == era)
                    .map(|&(_, s)| s)
            })
        })
    }
}
