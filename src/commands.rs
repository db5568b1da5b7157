//! The scriptable commands: `list`, `show`, `search`, `export --json`, `check`. Each reads
//! the model and writes to any `Write`, so tests can run them without a process.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;

use crate::layout::{sanitize, str_width};
use crate::model::query::{self, ce_label};
use crate::model::reading::Reading;
use crate::model::{Chronicle, Entry, Format, MarkKind, SegmentKind, Severity, ganzhi};
use crate::search::{self, Mode, Query};
use crate::source::{self, Origin};
use crate::view;

/// How a command ended: exit status 0 or 1 (2 is an error, returned as `Err`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Something was found (exit 0).
    Found,
    /// Nothing was found (exit 1, grep's convention).
    NothingFound,
}

/// A loaded text: the chronicle, where it came from, and decoding warnings.
pub struct Opened {
    /// The model.
    pub chronicle: Chronicle,
    /// The file name as given (`<stdin>`, or `<embedded>` for the default text).
    pub name: String,
    /// The encoding it was decoded from.
    pub encoding: &'static str,
    /// Decoding warnings (stray invalid bytes).
    pub warnings: Vec<String>,
}

/// A text read and decoded, not yet segmented.
pub struct Loaded {
    /// The decoded text (borrowed when it is a mapped file, see [`open_mapped`]).
    pub text: Cow<'static, str>,
    /// The file name as given (`<stdin>`, or `<embedded>` for the default text).
    pub name: String,
    /// The encoding it was decoded from.
    pub encoding: &'static str,
    /// Decoding warnings (stray invalid bytes).
    pub warnings: Vec<String>,
    /// The file's name without its extension, the title when the text names none.
    stem: Option<String>,
    /// Whether this is the embedded default text.
    embedded: bool,
}

/// Read FILE (or the embedded text when `None`; `-` is standard input) and decode it.
pub fn read(file: Option<&Path>, encoding: Option<&str>) -> Result<Loaded> {
    read_with(file, encoding, false)
}

fn read_with(file: Option<&Path>, encoding: Option<&str>, map: bool) -> Result<Loaded> {
    let Some(path) = file else {
        return Ok(Loaded {
            text: Cow::Borrowed(crate::model::EMBEDDED_TEXT),
            name: "<embedded>".to_owned(),
            encoding: "UTF-8",
            warnings: Vec::new(),
            stem: None,
            embedded: true,
        });
    };
    let origin = if path == Path::new("-") {
        Origin::Stdin
    } else {
        Origin::Path(path.to_path_buf())
    };
    let stem = match &origin {
        Origin::Path(p) => p.file_stem().map(|s| s.to_string_lossy().into_owned()),
        Origin::Stdin => None,
    };
    let (text, name, encoding, warnings) = match &origin {
        Origin::Path(p) if map && encoding.is_none() => {
            let name = path.display().to_string();
            let bytes = match source::map(p)? {
                // Kept to the end of the process, so the text can be borrowed from it.
                source::Bytes::Mapped(m) => Cow::Borrowed(&**Box::leak(Box::new(m))),
                source::Bytes::Read(bytes) => Cow::Owned(bytes),
            };
            let plain = match &bytes {
                Cow::Borrowed(b) => source::as_plain_utf8(b),
                Cow::Owned(_) => None,
            };
            match plain {
                Some(text) => (Cow::Borrowed(text), name, "UTF-8", Vec::new()),
                None => {
                    let l = source::decode(bytes.into_owned(), &name, None)?;
                    (Cow::Owned(l.text), l.name, l.encoding.name(), l.warnings)
                }
            }
        }
        _ => {
            let l = source::load(&origin, encoding)?;
            (Cow::Owned(l.text), l.name, l.encoding.name(), l.warnings)
        }
    };
    Ok(Loaded {
        text,
        name,
        encoding,
        warnings,
        stem,
        embedded: false,
    })
}

impl Loaded {
    /// Segment the text.
    pub fn parse(self) -> Opened {
        let chronicle = if self.embedded {
            Chronicle::embedded()
        } else {
            let mut c = Chronicle::parse(self.text);
            if c.title.is_none() {
                c.title = self.stem;
            }
            c
        };
        Opened {
            chronicle,
            name: self.name,
            encoding: self.encoding,
            warnings: self.warnings,
        }
    }
}

/// Load FILE (or the embedded text when `None`; `-` is standard input) and segment it.
pub fn open(file: Option<&Path>, encoding: Option<&str>) -> Result<Opened> {
    Ok(read(file, encoding)?.parse())
}

/// [`open`] for a command that runs once and ends (`list`, `show`, `search`, `export`,
/// `check`): a regular file in plain UTF-8 is mapped, not read, and the model borrows its
/// text for the rest of the process, which spares a copy and ten thousand fresh pages on a
/// 10 MB text. Not for the reader: a file cut short under a long-lived map would end the
/// process by a signal, with the terminal still in raw mode.
pub fn open_mapped(file: Option<&Path>, encoding: Option<&str>) -> Result<Opened> {
    Ok(read_with(file, encoding, true)?.parse())
}

fn pad(s: &str, cols: usize) -> String {
    let w = str_width(s);
    format!("{s}{}", " ".repeat(cols.saturating_sub(w)))
}

/// The first `cols` columns of a text, its paragraphs joined by a space, on one line.
fn first_words(text: &str, cols: usize) -> String {
    // Gather paragraphs (joined by a space) a piece at a time until wider than `cols`:
    // measuring whole paragraphs would cost more than the rest of `list`.
    let piece = 4 * cols + 4;
    let mut s = String::new();
    'paragraphs: for p in crate::model::paragraphs(text, crate::model::Span::new(0, text.len())) {
        if !s.is_empty() {
            s.push(' ');
        }
        let mut rest = &text[p.range()];
        while !rest.is_empty() {
            let mut cut = piece.min(rest.len());
            while !rest.is_char_boundary(cut) {
                cut += 1;
            }
            s.push_str(&rest[..cut]);
            rest = &rest[cut..];
            // Only the last grapheme can be cut short, and once the text is wider than
            // `cols` it is not among those shown.
            if str_width(&s) > cols {
                break 'paragraphs;
            }
        }
    }
    let shown = crate::layout::prefix_fitting(&s, cols);
    let mut out = sanitize(shown).into_owned();
    if shown.len() < s.len() {
        out.push('…');
    }
    out
}

/// Characters of text in an entry's body as the reader shows it (blanks not counted):
/// `body.chars().filter(|c| !c.is_whitespace()).count()`, counted by bytes. Every
/// character has one byte that is not a continuation byte; ASCII blanks are single
/// bytes; the other blanks (U+0085, U+00A0, U+1680, U+2000..U+205F, U+3000) start with
/// C2, E1, E2 or E3: only characters led by C2 and E2 are decoded, the two led by E1 and
/// E3 are counted as strings.
fn body_chars(body: &str) -> usize {
    let bytes = body.as_bytes();
    // Byte-sized counters over runs of 240 bytes: the compiler vectorises the loop.
    let (mut chars, mut ascii_blanks) = (0usize, 0usize);
    for run in bytes.chunks(240) {
        let (mut c, mut b) = (0u8, 0u8);
        for &x in run {
            c += u8::from((x & 0xC0) != 0x80);
            b += u8::from((x == b' ') | (x.wrapping_sub(b'\t') < 5));
        }
        chars += usize::from(c);
        ascii_blanks += usize::from(b);
    }
    let mut other_blanks = 0;
    let mut from = 0;
    while let Some(at) = memchr::memchr2(0xC2, 0xE2, &bytes[from..]) {
        let c = body[from + at..]
            .chars()
            .next()
            .expect("a lead byte starts a char");
        other_blanks += usize::from(c.is_whitespace());
        from += at + 1;
    }
    // The only blanks led by E1 and E3 (common: CJK punctuation starts with E3).
    static BLANKS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 2]> =
        std::sync::LazyLock::new(|| {
            ["\u{1680}", "\u{3000}"].map(|b| memchr::memmem::Finder::new(b.as_bytes()))
        });
    for blank in BLANKS.iter() {
        other_blanks += blank.find_iter(bytes).count();
    }
    chars - ascii_blanks - other_blanks
}

/// `annals list`: one line per entry.
pub fn list(c: &Chronicle, out: &mut dyn Write) -> Result<Outcome> {
    if c.entries.is_empty() {
        return Ok(Outcome::NothingFound);
    }
    let labels: Vec<String> = c.entries.iter().map(|e| c.full_label(e)).collect();
    let label_cols = labels.iter().map(|l| str_width(l)).max().unwrap_or(0);
    let vol_names: Vec<String> = c
        .entries
        .iter()
        .map(|e| {
            e.volume
                .and_then(|v| c.volumes[v].number)
                .map(|n| format!("卷{}", crate::model::chinese_number(n)))
                .unwrap_or_default()
        })
        .collect();
    let vol_cols = vol_names.iter().map(|v| str_width(v)).max().unwrap_or(0);
    let mut w = io::BufWriter::new(out);
    for ((e, label), vol) in c.entries.iter().zip(&labels).zip(&vol_names) {
        let ce = e.ce.map(ce_label).unwrap_or_else(|| "?".to_owned());
        // The reading view of this body alone (markup never spans a line break between
        // two entries), so a big text is never copied whole.
        let view = Reading::new(&c.text[e.body().range()], c.format);
        let body = view.text();
        if vol_cols > 0 {
            write!(w, "{}  ", pad(vol, vol_cols))?;
        }
        writeln!(
            w,
            "{}  {:>5}  {:>5}字  {}",
            pad(&sanitize(label), label_cols),
            ce,
            body_chars(body),
            first_words(body, 40)
        )?;
    }
    w.flush()?;
    Ok(Outcome::Found)
}

/// The heading line of an entry for `show` and the reader: label, CE, parallel dates.
pub fn heading_line(c: &Chronicle, e: &Entry) -> String {
    let mut s = c.full_label(e);
    if let Some(a) = e.annotation {
        s.push_str(&c.text[a.range()]);
    }
    if let Some(ce) = e.ce {
        s.push_str(&format!(" · {}", ce_label(ce)));
    }
    // The 干支 as written, else the one of the CE year.
    if let Some(g) = e.ganzhi.or(e.ce.map(ganzhi::of_year)) {
        s.push_str(&format!(" · {}", ganzhi::name(g)));
    }
    for p in &e.parallels {
        s.push_str(" · ");
        s.push_str(&p.text);
    }
    sanitize(&s).into_owned()
}

/// `annals show YEAR`: each matching entry laid out in `width` columns.
pub fn show(c: &Chronicle, year: &str, width: usize, out: &mut dyn Write) -> Result<Outcome> {
    let found = match query::find(c, year, None) {
        Ok(found) => found,
        Err(e @ query::QueryError::NotInText { .. }) => {
            eprintln!("annals: {e}");
            // The year may still be named in the text, by a dated passage.
            if let query::QueryError::NotInText { ce: Some(y), .. } = e {
                for p in c.passages.iter().filter(|p| p.ce == Some(y)) {
                    let (place, _) = place_label(c, p.line.start);
                    eprintln!(
                        "annals: {} ({}) is a dated passage in {place}, line {}",
                        &c.text[p.label.range()],
                        ce_label(y),
                        c.line_of(p.line.start)
                    );
                }
            }
            return Ok(Outcome::NothingFound);
        }
        Err(e) => anyhow::bail!("{e}"),
    };
    let reading = Reading::new(&c.text, c.format);
    let mut w = io::BufWriter::new(out);
    for (n, &i) in found.iter().enumerate() {
        let e = &c.entries[i];
        if n > 0 {
            writeln!(w)?;
        }
        let mut head = heading_line(c, e);
        if let Some(v) = e.volume {
            head = format!("{} · {head}", c.volumes[v].display_name());
        }
        for line in heading_lines(&head, width) {
            writeln!(w, "{line}")?;
        }
        writeln!(w)?;
        // The whole entry as the reader shows it, its heading as written included, and
        // the collation notes its markers point to.
        let lines = view::lay_out_entry(c, &reading, i, width);
        for l in view::to_plain_lines(reading.text(), &lines) {
            writeln!(w, "{}", l.trim_end())?;
        }
    }
    w.flush()?;
    Ok(Outcome::Found)
}

/// The heading laid out in `width` columns: its ` · `-separated parts kept whole where
/// they fit (宋崇寧五年 is not cut in two), a part wider than a line wrapped like text.
fn heading_lines(head: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for part in head.split(" · ") {
        let joined = if line.is_empty() {
            part.to_owned()
        } else {
            format!("{line} · {part}")
        };
        if str_width(&joined) <= width {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if str_width(part) <= width {
            line = part.to_owned();
        } else {
            // Too wide for any line: wrapped like text, the last piece carried on.
            let pieces = crate::layout::wrap(part, width);
            for (i, l) in pieces.iter().enumerate() {
                let piece = part[l.start..l.end].trim_end().to_owned();
                if i + 1 == pieces.len() {
                    line = piece;
                } else {
                    lines.push(piece);
                }
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
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

/// The label of whatever holds byte `offset`: an entry, a volume, the preface.
pub fn place_label(c: &Chronicle, offset: usize) -> (String, Option<i32>) {
    if let Some(i) = c.entry_at(offset) {
        let e = &c.entries[i];
        return (c.full_label(e), e.ce);
    }
    let seg = c.segments.get(c.segment_at(offset));
    let name = match seg.map(|s| s.kind) {
        Some(SegmentKind::Volume(v)) => c.volumes[v].display_name(),
        Some(SegmentKind::Notes(Some(v))) => format!("{} 校勘記", c.volumes[v].display_name()),
        Some(SegmentKind::Notes(None)) => "校勘記".to_owned(),
        Some(SegmentKind::FrontMatter) => "front matter".to_owned(),
        _ => "序".to_owned(),
    };
    (name, None)
}

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
    Query::new(pattern, mode).map_err(|e| anyhow::anyhow!("{e}"))
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
        q.count(Reading::new(text, format).text())
    };
    writeln!(out, "{n}")?;
    out.flush()?;
    Ok(if n > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

/// `annals search --count QUERY [FILE]`, reading FILE the cheapest way: a file in plain
/// UTF-8 is mapped and searched in place, anything else is decoded as [`read`] does.
/// Decoding warnings go to `err`.
pub fn search_count_file(
    file: Option<&Path>,
    encoding: Option<&str>,
    pattern: &str,
    opts: SearchOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome> {
    if let (Some(path), None) = (file, encoding) {
        if path != Path::new("-") {
            let bytes = source::map(path)?;
            if let Some(text) = source::as_plain_utf8(&bytes) {
                return search_count(text, pattern, opts, out);
            }
        }
    }
    let loaded = read(file, encoding)?;
    for w in &loaded.warnings {
        writeln!(err, "annals: warning: {w}")?;
    }
    search_count(&loaded.text, pattern, opts, out)
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
    let reading = Reading::new(&c.text, c.format);
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
        serde_json::to_writer_pretty(&mut w, &records)?;
        writeln!(w)?;
    }
    w.flush()?;
    Ok(if n > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

#[derive(Serialize)]
struct ExportVolume<'a> {
    number: Option<u32>,
    heading: &'a str,
    title: String,
    start: usize,
    end: usize,
    entries: [usize; 2],
}

#[derive(Serialize)]
struct ExportMark<'a> {
    kind: MarkKind,
    text: &'a str,
    start: usize,
    end: usize,
    month: Option<u8>,
    leap: bool,
}

#[derive(Serialize)]
struct ExportParallel<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    year: u32,
    ce: Option<i32>,
}

#[derive(Serialize)]
struct ExportEntry<'a> {
    label: String,
    era: Option<&'a str>,
    year: u32,
    ce: Option<i32>,
    ce_source: crate::model::CeSource,
    ganzhi: Option<String>,
    volume: Option<usize>,
    start: usize,
    end: usize,
    heading_end: usize,
    text: &'a str,
    parallels: Vec<ExportParallel<'a>>,
    marks: Vec<ExportMark<'a>>,
    /// The collation notes the entry's markers point to.
    notes: Vec<ExportNote<'a>>,
}

#[derive(Serialize)]
struct ExportNote<'a> {
    /// The marker's number (`[五]` → 5).
    number: u32,
    text: &'a str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct ExportPassage<'a> {
    label: &'a str,
    ce: Option<i32>,
    start: usize,
    end: usize,
    volume: Option<usize>,
}

#[derive(Serialize)]
struct Export<'a> {
    title: Option<&'a str>,
    author: Option<&'a str>,
    format: crate::model::Format,
    length: usize,
    volumes: Vec<ExportVolume<'a>>,
    segments: &'a [crate::model::Segment],
    entries: Vec<ExportEntry<'a>>,
    passages: Vec<ExportPassage<'a>>,
}

/// `annals export --json`: the model as JSON; `start`/`end` are byte offsets into the
/// decoded UTF-8 text and each entry's `text` is exactly that slice.
pub fn export_json(c: &Chronicle, out: &mut dyn Write) -> Result<Outcome> {
    let t = &c.text;
    let doc = Export {
        title: c.title.as_deref(),
        author: c.author.as_deref(),
        format: c.format,
        length: t.len(),
        volumes: c
            .volumes
            .iter()
            .map(|v| ExportVolume {
                number: v.number,
                heading: &v.heading,
                title: v.display_name(),
                start: v.span.start,
                end: v.span.end,
                entries: [v.entries.start, v.entries.end],
            })
            .collect(),
        segments: &c.segments,
        entries: c
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| ExportEntry {
                label: c.label(e).to_owned(),
                era: c.era_name(e),
                year: e.year,
                ce: e.ce,
                ce_source: e.ce_source,
                ganzhi: e.ganzhi.map(ganzhi::name),
                volume: e.volume,
                start: e.span.start,
                end: e.span.end,
                heading_end: e.heading_end,
                text: &t[e.span.range()],
                parallels: e
                    .parallels
                    .iter()
                    .map(|p| ExportParallel {
                        text: &p.text,
                        start: p.span.start,
                        end: p.span.end,
                        year: p.year,
                        ce: p.ce,
                    })
                    .collect(),
                marks: e
                    .marks
                    .iter()
                    .map(|m| ExportMark {
                        kind: m.kind,
                        text: &t[m.span.range()],
                        start: m.span.start,
                        end: m.span.end,
                        month: m.month,
                        leap: m.leap,
                    })
                    .collect(),
                notes: c
                    .notes_of(i)
                    .map(|n| n.notes)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(number, span)| ExportNote {
                        number,
                        text: &t[span.range()],
                        start: span.start,
                        end: span.end,
                    })
                    .collect(),
            })
            .collect(),
        passages: c
            .passages
            .iter()
            .map(|p| ExportPassage {
                label: &t[p.label.range()],
                ce: p.ce,
                start: p.line.start,
                end: p.line.end,
                volume: p.volume,
            })
            .collect(),
    };
    let mut w = io::BufWriter::new(out);
    serde_json::to_writer(&mut w, &doc).context("writing JSON")?;
    writeln!(w)?;
    w.flush()?;
    Ok(if c.entries.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

/// `annals check`: what was found, and problems worth a look.
pub fn check(o: &Opened, out: &mut dyn Write) -> Result<Outcome> {
    let c = &o.chronicle;
    let mut w = io::BufWriter::new(out);
    let title = c.title_line();
    writeln!(
        w,
        "{} — {} ({}, {:?}, {} bytes)",
        if title.is_empty() {
            "(untitled)"
        } else {
            &title
        },
        o.name,
        o.encoding,
        c.format,
        c.text.len()
    )?;
    for warning in &o.warnings {
        writeln!(w, "warning: {warning}")?;
    }
    let annal_volumes: Vec<String> = c
        .volumes
        .iter()
        .filter(|v| !v.entries.is_empty())
        .map(|v| {
            v.number
                .map_or_else(|| v.heading.clone(), |n| n.to_string())
        })
        .collect();
    if !c.volumes.is_empty() {
        writeln!(
            w,
            "volumes: {} ({} with year entries: {})",
            c.volumes.len(),
            annal_volumes.len(),
            annal_volumes.join(", ")
        )?;
    }
    let range = c
        .ce_range()
        .map(|(a, b)| format!(", CE {}–{}", ce_label(a), ce_label(b)))
        .unwrap_or_default();
    let reading = Reading::new(&c.text, c.format);
    let empty = c
        .entries
        .iter()
        .filter(|e| body_chars(&reading.text()[reading.span_to_reading(e.body())]) == 0)
        .count();
    let no_ce = c.entries.iter().filter(|e| e.ce.is_none()).count();
    writeln!(
        w,
        "entries: {}{range} ({empty} empty years, {no_ce} without a CE year)",
        c.entries.len()
    )?;
    let marks: usize = c.entries.iter().map(|e| e.marks.len()).sum();
    writeln!(w, "time marks: {marks}")?;
    let notes = c
        .segments
        .iter()
        .filter(|s| matches!(s.kind, SegmentKind::Notes(_)))
        .count();
    writeln!(w, "note sections: {notes}")?;
    writeln!(w, "dated passages outside the annals: {}", c.passages.len())?;
    let unknown: Vec<&str> = {
        let mut v: Vec<&str> = c
            .entries
            .iter()
            .filter(|e| e.era.is_none() && e.era_span.is_some())
            .filter_map(|e| c.era_name(e))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    writeln!(
        w,
        "unknown eras: {}",
        if unknown.is_empty() {
            "none".to_owned()
        } else {
            unknown.join(", ")
        }
    )?;
    let warnings = c
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    writeln!(
        w,
        "findings: {} ({} warnings, {} notes)",
        c.diagnostics.len(),
        warnings,
        c.diagnostics.len() - warnings
    )?;
    for d in &c.diagnostics {
        let sev = match d.severity {
            Severity::Warning => "warning",
            Severity::Info => "note",
        };
        writeln!(
            w,
            "{}:{}: {sev}: {} (byte {})",
            o.name,
            d.line,
            sanitize(&d.message),
            d.byte
        )?;
    }
    w.flush()?;
    Ok(if c.entries.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_chars_counts_like_chars_filter() {
        let mut blanks: String = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        blanks.push_str("天慶。，、「」『』…—“”　\u{85}\u{a0}é𣈆😀\r\n ");
        let samples = [
            String::new(),
            blanks.clone(),
            crate::model::EMBEDDED_TEXT.to_owned(),
            format!("{blanks}乾統{blanks}元年"),
        ];
        for s in &samples {
            let naive = s.chars().filter(|c| !c.is_whitespace()).count();
            assert_eq!(body_chars(s), naive, "{s:?}");
            for (i, _) in s.char_indices() {
                let part = &s[i..];
                assert_eq!(
                    body_chars(part),
                    part.chars().filter(|c| !c.is_whitespace()).count()
                );
            }
        }
    }

    #[test]
    fn headings_break_between_their_parts() {
        let head = "卷十 天祚皇帝上 · 乾統六年 · 1106 · 丙戌 · 宋崇寧五年";
        assert_eq!(heading_lines(head, 80), [head]);
        assert_eq!(
            heading_lines(head, 30),
            ["卷十 天祚皇帝上 · 乾統六年", "1106 · 丙戌 · 宋崇寧五年"]
        );
        // (A wide character needs 2 columns: from 2 on, every line fits.)
        for width in 2..40 {
            let lines = heading_lines(head, width);
            for l in &lines {
                assert!(str_width(l) <= width, "{width}: {l:?}");
            }
            let joined: String = lines
                .concat()
                .chars()
                .filter(|c| *c != ' ' && *c != '·')
                .collect();
            let want: String = head.chars().filter(|c| *c != ' ' && *c != '·').collect();
            assert_eq!(joined, want, "{width}: nothing lost");
        }
    }

    #[test]
    fn first_words_stops_at_the_width() {
        let long = "天".repeat(10_000);
        assert_eq!(first_words(&long, 7), format!("{}…", "天".repeat(3)));
        assert_eq!(first_words("天慶元年", 40), "天慶元年");
        assert_eq!(first_words("甲\n乙", 40), "甲 乙");
        // Combining marks take no columns: a long run of them still ends the right way.
        let marks = format!("e{}", "\u{301}".repeat(500));
        assert_eq!(first_words(&format!("{marks}天天"), 2), format!("{marks}…"));
        assert_eq!(
            first_words(&format!("{marks}天天"), 3),
            format!("{marks}天…")
        );
        assert_eq!(first_words(&format!("{marks}天"), 3), format!("{marks}天"));
    }
}
