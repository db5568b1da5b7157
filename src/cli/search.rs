//! `annals search QUERY`: every hit with its year and context, as lines or JSON, or only
//! their number (`--count`, which needs no segmentation).

use std::io::{self, Write};

use anyhow::Result;
use serde::Serialize;

use super::{Outcome, pad};
use crate::layout::{sanitize, str_width};
use crate::model::query::ce_label;
use crate::model::reading::{Notes, Reading};
use crate::model::{Chronicle, Format};
use crate::search::{self, Mode, Query};
use crate::view::place_label;

/// Options of `annals search`.
#[derive(Debug, Clone, Copy, Default)]
pub struct SearchOptions {
    /// Print only the count.
    pub count: bool,
    /// Print JSON.
    pub json: bool,
    /// No folding.
    pub exact: bool,
    /// Regular expression.
    pub regex: bool,
    /// Leave a Kanripo text's 夾注 (interlinear notes) out of the search.
    pub no_notes: bool,
}

/// One search hit as `annals search --json` prints it.
#[derive(Debug, Serialize)]
pub struct HitRecord {
    /// The entry's label (or the segment's name outside entries).
    pub label: String,
    /// The entry's CE year.
    pub ce: Option<i32>,
    /// Byte offset of the hit in the decoded text.
    pub start: usize,
    /// End of the hit.
    pub end: usize,
    /// The hit as written.
    pub text: String,
    /// Keyword in context: left context, the hit, right context.
    pub context: String,
}

/// The query `pattern` compiled for the mode `opts` ask for.
fn compile(pattern: &str, opts: SearchOptions) -> Result<Query> {
    let mode = if opts.regex {
        Mode::Regex
    } else if opts.exact {
        Mode::Exact
    } else {
        Mode::Folded
    };
    Ok(Query::new(pattern, mode)?)
}

/// What the search does with 夾注.
fn notes(opts: SearchOptions) -> Notes {
    if opts.no_notes {
        Notes::Hidden
    } else {
        Notes::Shown
    }
}

/// `annals search --count QUERY`: the number of hits in the reading view of `text`. It
/// needs no segmentation, only the layout family, so it is one pass over the text.
pub fn search_count(
    text: &str,
    pattern: &str,
    opts: SearchOptions,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let q = compile(pattern, opts)?;
    let format = Format::detect(text);
    let n = if format == Format::Plain
        || (format == Format::Markdown && q.avoids_ascii_punctuation())
    {
        // The reading view would find the same hits: spare building it.
        q.count(text)
    } else {
        q.count(Reading::with_notes(text, format, notes(opts)).text())
    };
    writeln!(out, "{n}")?;
    out.flush()?;
    Ok(if n > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

/// `annals search QUERY`.
pub fn search(
    c: &Chronicle,
    pattern: &str,
    opts: SearchOptions,
    out: &mut dyn Write,
) -> Result<Outcome> {
    if opts.count {
        return search_count(&c.text, pattern, opts, out);
    }
    let q = compile(pattern, opts)?;
    let reading = Reading::with_notes(&c.text, c.format, notes(opts));
    let hay = reading.text();
    let mut w = io::BufWriter::new(out);
    let mut n = 0usize;
    let mut records = Vec::new();
    let label_cols = c
        .entries
        .iter()
        .map(|e| str_width(&c.full_label(e)))
        .max()
        .unwrap_or(4)
        .max(4);
    for hit in q.find_iter(hay) {
        n += 1;
        let span = reading.range_to_source(hit.clone());
        let (label, ce) = place_label(c, span.start);
        let bounds = match c.entry_at(span.start) {
            Some(i) => reading.span_to_reading(c.entries[i].span),
            None => {
                let seg = c.segments[c.segment_at(span.start)].span;
                reading.span_to_reading(seg)
            }
        };
        let k = search::kwic(hay, hit.clone(), bounds, 24, 24);
        if opts.json {
            records.push(HitRecord {
                label,
                ce,
                start: span.start,
                end: span.end,
                text: c.text[span.range()].to_owned(),
                context: format!("{}{}{}", k.left, k.hit, k.right),
            });
        } else {
            let ce = ce.map(ce_label).unwrap_or_default();
            writeln!(
                w,
                "{}  {:>5}  {}【{}】{}",
                pad(&sanitize(&label), label_cols),
                ce,
                sanitize(&k.left),
                sanitize(&k.hit),
                sanitize(&k.right)
            )?;
        }
    }
    if opts.json {
        super::safe::write_json(&mut w, &records, true)?;
        writeln!(w)?;
    }
    w.flush()?;
    Ok(if n > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}
