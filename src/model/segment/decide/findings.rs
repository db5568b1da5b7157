//! The findings `check` reports about the years: repeats, steps back, gaps, ordinals past
//! an era's end, doubtful and ambiguous readings, each with its line and byte.

use super::*;
use crate::model::unbroken;

impl Decider<'_, '_> {
    /// The findings `check` reports about the years. (Their messages are put together
    /// piece by piece: a big book has thousands, and `format!` would cost more than
    /// deciding the years.)
    pub(super) fn findings(&mut self, resolved: &[resolve::Resolved]) {
        // The first heading of each CE year, by year: the years of a book lie close
        // together, so a list from the earliest year does.
        let lo = self.entries.iter().filter_map(|e| e.ce).min().unwrap_or(0);
        let hi = self.entries.iter().filter_map(|e| e.ce).max().unwrap_or(0);
        let mut seen = YearMap::new(lo, hi);
        let mut last: Option<i32> = None;
        let mut out: Vec<(Severity, String)> = Vec::new();
        for (i, r) in resolved.iter().enumerate() {
            // Once as many findings are kept as may be, the rest are only counted: their
            // messages are not written.
            let full = self.diagnostics.len() >= MAX_DIAGNOSTICS;
            let line = self.heading_lines[i];
            let e = &self.entries[i];
            let (at, label) = (e.label.start, unbroken(&self.text[e.label.range()]));
            let h = &self.headings[i];
            let era = r.era.map(|id| self.eras.get(id));
            let era_desc = |m: &mut Msg, era: &crate::calendar::era::Era| {
                m.push(self.eras.regime(era.regime()).name());
                m.push(" ");
                m.year(era.start());
                m.push("–");
                m.year(era.end());
            };
            let with_label = || {
                if full {
                    return Msg(None);
                }
                let mut m = Msg(Some(String::with_capacity(label.len() + 96)));
                m.push(&label);
                m
            };
            out.clear();
            if let (Some(a), Some(t)) = (h.annotation, r.table_ce) {
                let mut m = with_label();
                m.push(": its annotation gives ");
                m.year(a);
                m.push(", the era table ");
                m.year(t);
                m.push("; the annotation is used");
                out.push((Severity::Warning, m.text()));
            } else if let Some((a, ce)) = h.annotation.zip(r.ce).filter(|&(a, ce)| {
                a != ce
                    && r.source != CeSource::Annotation
                    && !r.doubts.contains(&Doubt::SelfConflict)
            }) {
                // (An annotation outweighed: `康熙元年壬寅（一九六二）`, 1662 by its era, its 干支
                // and the years around it.)
                let mut m = with_label();
                m.push(": its annotation gives ");
                m.year(a);
                m.push(", but its era, 干支 and the years around it give ");
                m.year(ce);
                m.push("; ");
                m.year(ce);
                m.push(" is used");
                out.push((Severity::Warning, m.text()));
            } else if let (CeSource::Ganzhi, Some(g), Some(ce), Some(t), Some(era)) =
                (r.source, h.ganzhi, r.ce, r.table_ce, era)
            {
                let mut m = with_label();
                m.push(": 干支 ");
                m.ganzhi(g);
                m.push(" is ");
                m.year(ce);
                m.push(", but the era table puts ");
                m.push(era.name());
                m.push(&super::super::super::year_name(h.ordinal));
                m.push(" in ");
                m.year(t);
                m.push(" (");
                era_desc(&mut m, era);
                m.push("); CE taken from the 干支");
                out.push((Severity::Warning, m.text()));
            }
            for d in &r.doubts {
                let mut m = with_label();
                match d {
                    Doubt::PastEraEnd => {
                        let Some(era) = era else { continue };
                        let next = r.era.and_then(|id| self.eras.ended_in_first_month(id));
                        if let (Some(next), Some(ce)) = (next, r.ce) {
                            if era.year(h.ordinal) == Some(era.end()) {
                                m.push(": ");
                                m.push(era.name());
                                m.push(" was in use in ");
                                m.year(era.end());
                                m.push(" only for days of 正月, then ");
                                m.push(self.eras.get(next).name());
                                m.push(": the year is ");
                                m.push(self.eras.get(next).name());
                                m.push("元年 in the era table (");
                                m.year(ce);
                                m.push(" kept)");
                                out.push((Severity::Warning, m.text()));
                                continue;
                            }
                        }
                        m.push(": the era table gives ");
                        m.push(era.name());
                        m.push(" only ");
                        m.int(i64::from(era.len()));
                        m.push(" years (");
                        era_desc(&mut m, era);
                        m.push(")");
                    }
                    Doubt::UnknownEra => {
                        m.push(": unknown era '");
                        m.push(e.era_span.map_or("", |s| &self.text[s.range()]));
                        m.push("' (not in the era table)");
                    }
                    Doubt::NoYear => m.push(": no CE year can be given"),
                    Doubt::Reckoned => {
                        m.push(": CE ");
                        m.opt_year(r.ce);
                        m.push(" counted from the years around it only");
                    }
                    Doubt::Ambiguous => {
                        m.push(": the era is ambiguous; ");
                        m.opt_year(r.ce);
                        m.push(" chosen");
                        if let Some(era) = era {
                            m.push(" (");
                            era_desc(&mut m, era);
                            m.push(")");
                        }
                    }
                    Doubt::Leap => {
                        m.push(": ");
                        m.opt_year(r.ce);
                        m.push(" is far from the years around it");
                    }
                    Doubt::NameConflict => {
                        m.push(": names another ruler than the one in force; read as ");
                        m.push(era.map_or("", |e| e.name()));
                        m.push(&super::super::super::year_name(h.ordinal));
                        m.push(" (");
                        m.opt_year(r.ce);
                        m.push(")");
                    }
                    Doubt::SelfConflict => {
                        m.push(": its annotation gives ");
                        m.opt_year(h.annotation);
                        m.push(", but its 干支 ");
                        if let Some(g) = h.ganzhi {
                            m.ganzhi(g);
                        }
                        m.push(" is another year");
                    }
                    Doubt::GanzhiConflict => {
                        // (Withheld, the year its era gives is the table's.)
                        let (Some(g), Some(ce)) = (h.ganzhi, r.ce.or(r.table_ce)) else {
                            continue;
                        };
                        m.push(": its 干支 ");
                        m.ganzhi(g);
                        m.push(" is not ");
                        m.year(ce);
                        m.push("'s (");
                        m.ganzhi(crate::calendar::Ganzhi::of_year(ce));
                        if r.ce.is_some() {
                            m.push("): ");
                            m.year(ce);
                            m.push(" kept, by its era and the years around it");
                        } else {
                            m.push("), nor a year or two from it: no year is given");
                        }
                    }
                    Doubt::Disputed => {
                        let (Some(id), Some(ce)) = (r.era, r.ce) else {
                            continue;
                        };
                        let era = self.eras.get(id);
                        let (chosen, other) = era.chronology().counts();
                        m.push(": ");
                        m.push(era.name());
                        m.push(&super::super::super::year_name(h.ordinal));
                        m.push(" is ");
                        m.year(ce);
                        m.push(" by ");
                        m.push(chosen);
                        let twin = self.eras.other_count(id).map(|t| self.eras.get(t));
                        match twin.map(|t| (t, t.year(h.ordinal))) {
                            Some((_, Some(t))) => {
                                m.push(", ");
                                m.year(t);
                                m.push(" by ");
                                m.push(other);
                                m.push("; ");
                                m.year(ce);
                                m.push(" shown");
                            }
                            Some((t, None)) => {
                                m.push("; ");
                                m.push(other);
                                m.push(" gives the reign ");
                                m.int(i64::from(t.len()));
                                m.push(" years (");
                                m.year(t.start());
                                m.push("–");
                                m.year(t.end());
                                m.push(")");
                            }
                            None => {
                                m.push("; ");
                                m.push(other);
                                m.push(" may date this reign otherwise");
                            }
                        }
                    }
                    Doubt::Backwards | Doubt::Inherited | Doubt::PassedOver => continue,
                }
                out.push((Severity::Warning, m.text()));
            }
            if let (Some(y), Some(prev)) = (e.ce, last) {
                if y < prev && !seen.contains_key(&y) {
                    let mut m = with_label();
                    m.push(" (");
                    m.int(i64::from(y));
                    m.push(") comes after a later year (");
                    m.int(i64::from(prev));
                    m.push("): years out of order");
                    out.push((Severity::Warning, m.text()));
                }
            }
            if let Some(y) = e.ce {
                if let Some(&(first, first_line)) = seen.get(&y) {
                    let other = &self.entries[first];
                    let mut m = with_label();
                    m.push(" (");
                    m.int(i64::from(y));
                    m.push(") repeats the year of ");
                    m.push(&self.text[other.label.range()]);
                    m.push(" at line ");
                    m.int(first_line as i64);
                    out.push((Severity::Info, m.text()));
                } else {
                    seen.insert(y, (i, line));
                }
                last = Some(y);
            }
            for (severity, message) in out.drain(..) {
                self.diag(severity, line, at, message);
            }
        }
    }
}

/// The first heading of each year seen, and its line: a list indexed by year from the
/// earliest, or a hash map when the years span too far for one.
pub(super) enum YearMap {
    Dense(i32, Vec<Option<(usize, usize)>>),
    Sparse(HashMap<i32, (usize, usize)>),
}

impl YearMap {
    fn new(lo: i32, hi: i32) -> YearMap {
        match usize::try_from(i64::from(hi) - i64::from(lo) + 1) {
            Ok(n) if n <= 1 << 16 => YearMap::Dense(lo, vec![None; n]),
            _ => YearMap::Sparse(HashMap::new()),
        }
    }

    fn slot(&self, y: i32) -> Option<usize> {
        match self {
            YearMap::Dense(lo, v) => usize::try_from(i64::from(y) - i64::from(*lo))
                .ok()
                .filter(|&i| i < v.len()),
            YearMap::Sparse(_) => None,
        }
    }

    fn get(&self, y: &i32) -> Option<&(usize, usize)> {
        match self {
            YearMap::Dense(_, v) => self.slot(*y).and_then(|i| v[i].as_ref()),
            YearMap::Sparse(m) => m.get(y),
        }
    }

    fn contains_key(&self, y: &i32) -> bool {
        self.get(y).is_some()
    }

    fn insert(&mut self, y: i32, value: (usize, usize)) {
        let slot = self.slot(y);
        match self {
            YearMap::Dense(_, v) => {
                if let Some(i) = slot {
                    v[i] = Some(value);
                }
            }
            YearMap::Sparse(m) => {
                m.insert(y, value);
            }
        }
    }
}

/// A finding's message, written a piece at a time; or none, where it would not be kept.
pub(super) struct Msg(Option<String>);

impl Msg {
    fn push(&mut self, s: &str) {
        if let Some(m) = &mut self.0 {
            m.push_str(s);
        }
    }

    fn ganzhi(&mut self, g: crate::calendar::Ganzhi) {
        self.char(g.stem());
        self.char(g.branch());
    }

    fn char(&mut self, c: char) {
        if let Some(m) = &mut self.0 {
            m.push(c);
        }
    }

    /// The message (empty where none is written).
    fn text(self) -> String {
        self.0.unwrap_or_default()
    }

    /// A whole number in decimal, as `Display` writes it.
    fn int(&mut self, n: i64) {
        let Some(m) = &mut self.0 else { return };
        if n < 0 {
            m.push('-');
        }
        let mut digits = [0u8; 20];
        let mut k = digits.len();
        let mut v = n.unsigned_abs();
        loop {
            k -= 1;
            digits[k] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        m.push_str(std::str::from_utf8(&digits[k..]).unwrap_or_default());
    }

    /// A CE year as [`CeYear`]'s `Display` writes it (`1115`, `前403`).
    fn year(&mut self, y: CeYear) {
        let v = y.get();
        if v < 0 {
            self.char('前');
        }
        self.int(i64::from(v).abs());
    }

    /// A CE year, or nothing.
    fn opt_year(&mut self, y: Option<CeYear>) {
        if let Some(y) = y {
            self.year(y);
        }
    }
}
