//! Pass two: which candidates are year headings and which dated passages, where notes
//! sections end, and the cut of the text into segments.

use std::collections::HashMap;

use super::super::era::{EraId, EraTable, fold_key};
use super::super::{
    CeSource, DatedPassage, Diagnostic, Entry, Segment, SegmentKind, Severity, Span, Volume, ganzhi,
};
use super::scan::{Cand, Event, LineEvent, Term, parallels};

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

pub(super) struct Decider<'t, 'e> {
    text: &'t str,
    eras: &'e EraTable,
    punctuated: bool,
    require_ganzhi: bool,
    /// Unknown era names used by two or more strong candidates.
    repeated_unknown: HashMap<String, usize>,
    pub(super) segments: Vec<Segment>,
    pub(super) volumes: Vec<Volume>,
    pub(super) entries: Vec<Entry>,
    pub(super) passages: Vec<DatedPassage>,
    pub(super) diagnostics: Vec<Diagnostic>,
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
    /// Where the header of the Kanripo file being read starts, until its volume heading.
    file_start: Option<usize>,
    /// Findings not kept once [`MAX_DIAGNOSTICS`] were.
    pub(super) suppressed: usize,
}

/// At most this many findings are kept (a hostile file could produce one per line).
pub(super) const MAX_DIAGNOSTICS: usize = 10_000;

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
        events: &[LineEvent<'e>],
    ) -> Self {
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
            file_start: None,
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

    pub(super) fn run(&mut self, fm_end: usize, events: &[LineEvent<'e>]) {
        if fm_end > 0 {
            self.current = Some((SegmentKind::FrontMatter, 0));
        }
        self.open(SegmentKind::Preface, fm_end);
        for ev in events {
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
                    if number.is_some() && self.volumes.last().is_some_and(|v| v.number == *number)
                    {
                        continue;
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
                        title: title.map(|t| self.text[t.range()].to_owned()),
                        span: Span::new(start, self.text.len()),
                        entries: self.entries.len()..self.entries.len(),
                    });
                    if start < ev.line_start {
                        self.current = Some((SegmentKind::Volume(index), start));
                    } else {
                        self.open(SegmentKind::Volume(index), ev.line_start);
                    }
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
        // Unpunctuated: a year heading is followed by what opens a year (a season, a
        // month, 是歲, a parallel date) or stands alone; anything else is a date in a
        // sentence.
        if !self.punctuated && c.term == Term::Weak && !c.weak_ok {
            return;
        }
        if c.mid_paragraph && c.era.is_some() && c.ordinal != 1 {
            let continues = self.in_force.is_some_and(|f| {
                c.ordinal == f.ordinal + 1
                    && c.era.map(|(s, _)| fold_key(self.era_text(s)))
                        == Some(fold_key(self.era_text(f.name)))
            });
            if !continues {
                return;
            }
        }
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
                // In the middle of a paragraph only the very next years continue.
                let reach = if c.mid_paragraph { 2 } else { 12 };
                let fits = |f: &InForce| c.ordinal > f.ordinal && c.ordinal <= f.ordinal + reach;
                let old = self.in_force.filter(fits);
                let new = self.gaiyuan.filter(fits);
                let chosen = match (old, new) {
                    (Some(o), Some(_)) if c.ordinal == o.ordinal + 1 => Some(o),
                    (_, Some(n)) => Some(n),
                    (Some(o), None) => Some(o),
                    (None, None) => None,
                };
                match chosen {
                    Some(chosen) => {
                        self.in_force = Some(chosen);
                        (None, chosen.era, Some(chosen.name), None)
                    }
                    // A year named by its 干支 alone, or the 元年 of a new reign whose
                    // ruler the heading does not name: the reign is not known.
                    None if c.ordinal <= 1 && !c.mid_paragraph => (None, None, None, None),
                    None => return,
                }
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
                            super::super::year_name(c.ordinal),
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
        self.file_start = None;
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
        self.gaiyuan = None;
        if c.ordinal > 0 {
            self.in_force = Some(InForce {
                name: era_span.or(inherited).unwrap_or(c.label),
                era: era_id,
                ordinal: c.ordinal,
                start: ce.map(|y| y - c.ordinal as i32 + 1),
            });
        }
    }

    fn era_of(&self, e: &Entry) -> Option<&'t str> {
        e.era_span.or(e.inherited_era).map(|s| self.era_text(s))
    }
}

fn line_end(text: &str, from: usize) -> usize {
    memchr::memchr(b'\n', &text.as_bytes()[from..]).map_or(text.len(), |i| from + i + 1)
}
