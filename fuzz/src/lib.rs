//! Invariant checks for the fuzz targets in `fuzz_targets/`, one `check_*` function per
//! target, each taking the fuzzer's raw bytes. Every check panics (with a message saying
//! which promise broke) when the code under test breaks a documented invariant, not only
//! when it panics by itself.
//!
//! This file depends only on `annals` and `unicode-segmentation` (both available to the
//! main crate's integration tests), so `tests/integration/fuzz_regressions.rs` can include
//! it with `#[path = "../../fuzz/src/lib.rs"]` and run a crash input through exactly the
//! same check.
#![allow(dead_code)]

use std::ops::Range;
use std::sync::OnceLock;

use annals::layout::{self, VisualLine, grapheme_width};
use annals::model::reading::Reading;
use annals::model::{Chronicle, EraTable, Format, SegmentKind, Span, ganzhi, numerals, query};
use annals::search::{Mode, Query, fold, is_ignorable, kwic};
use unicode_segmentation::UnicodeSegmentation;

// ---------------------------------------------------------------------------------------
// Input shaping
// ---------------------------------------------------------------------------------------

/// Heading-like pieces of annals text, markup of the three layout families, and the
/// characters segmentation treats specially. `cjk_text` maps each input byte to one.
pub const VOCAB: &[&str] = &[
    // Era names (traditional, simplified, conversion slips, aliases, unknown).
    "乾統",
    "乾统",
    "干统",
    "天慶",
    "天庆",
    "神册",
    "神冊",
    "壽隆",
    "壽昌",
    "寿昌",
    "崇寧",
    "政和",
    "太平",
    "太平興國",
    "收國",
    "天輔",
    "保大",
    "會同",
    "会同",
    "統和",
    "重熙",
    "清寧",
    "咸雍",
    "大康",
    "太康",
    "大安",
    "靖康",
    "天興",
    "天贊",
    "天顯",
    "開元",
    "昇元",
    "某某",
    "應順",
    // Numerals.
    "元",
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "廿",
    "卅",
    "卌",
    "百",
    "千",
    "〇",
    "零",
    "萬",
    "万",
    "九十九萬",
    "十一",
    "二十",
    "一百〇三",
    // Dates.
    "年",
    "年",
    "年",
    "月",
    "月",
    "日",
    "朔",
    "晦",
    "望",
    "春",
    "夏",
    "秋",
    "冬",
    "閏",
    "闰",
    "正",
    "臘",
    "初",
    "是歲",
    "是月",
    "是春",
    "次年",
    "改元",
    // 干支.
    "甲",
    "乙",
    "丙",
    "丁",
    "戊",
    "己",
    "庚",
    "辛",
    "壬",
    "癸",
    "子",
    "丑",
    "寅",
    "卯",
    "辰",
    "巳",
    "午",
    "未",
    "申",
    "酉",
    "戌",
    "亥",
    "壬午",
    "辛巳",
    "丙子",
    "乙未",
    // Punctuation.
    "。",
    "。",
    "，",
    "、",
    "「",
    "」",
    "（",
    "）",
    "(",
    ")",
    "：",
    "；",
    "！",
    "？",
    "．",
    ".",
    ",",
    // Whitespace and line structure.
    "\u{3000}",
    "\u{3000}\u{3000}",
    " ",
    "\t",
    "\n",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "¶",
    "¶\n",
    // Markup.
    "<pb:x>",
    "<pb:KR1a0001_010-1b>",
    "<md:x>",
    "<pb:",
    ">",
    "&KR0001;",
    "&KR;",
    "&KR",
    "\\[一\\]",
    "\\[",
    "\\]",
    "\\",
    "\\(",
    "#",
    "#+TITLE: x\n",
    "#+TITLE:",
    "# -*- mode: mandoku -*-\n",
    "---\n",
    "---",
    "---\r\n",
    "title: 契丹国志\n",
    "author: 叶隆礼\n",
    ":",
    "'",
    // Volumes and notes.
    "卷之一",
    "卷第三上",
    "卷十",
    "卷",
    "之",
    "契丹国志卷之一",
    "校勘記",
    "考證",
    "校勘记",
    "考证",
    "附考",
    "[",
    "]",
    "〔",
    "〕",
    "【",
    "】",
    // Parallel regimes.
    "宋",
    "金",
    "梁",
    "後唐",
    "時",
    "均王",
    "徽宗",
    // Digits and BCE.
    "0",
    "1",
    "2",
    "9",
    "1101",
    "1115",
    "-",
    "-403",
    "前",
    "前403",
    "０",
    "１",
    "BC",
    "公元",
    "公元前",
    "999999",
    "4294967295",
    // Lead characters and others.
    "維",
    "惟",
    "帝",
    "天祚",
    "皇帝",
    "其",
    "是",
    "〓",
    "a",
    "Z",
    // Zero-width, combining, controls, non-BMP.
    "\u{feff}",
    "\u{200b}",
    "\u{301}",
    "\0",
    "\u{1}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\u{202e}",
    "😀",
    "𠀀",
];

/// A CJK-heavy text built from `data`: each byte picks a piece of [`VOCAB`], except that
/// 0xFF + two bytes picks a name or alias from the era table and 0xFE + two bytes any
/// character of the CJK Unified Ideographs block.
pub fn cjk_text(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len() * 4);
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        i += 1;
        match b {
            0xFF | 0xFE if i + 1 < data.len() => {
                let n = usize::from(u16::from_le_bytes([data[i], data[i + 1]]));
                i += 2;
                if b == 0xFF {
                    let names = era_names();
                    out.push_str(names[n % names.len()]);
                } else {
                    out.push(char::from_u32(0x4E00 + (n as u32 % 0x5200)).unwrap());
                }
            }
            _ => out.push_str(VOCAB[usize::from(b) % VOCAB.len()]),
        }
    }
    out
}

fn era_names() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut v = Vec::new();
        for e in EraTable::embedded().eras() {
            v.extend(e.names());
        }
        v
    })
}

/// Pieces for search patterns and haystacks: characters with 繁簡 variants, full-width
/// forms, and the whitespace the line-break allowance involves.
const SEARCH_VOCAB: &[&str] = &[
    "天",
    "慶",
    "庆",
    "遼",
    "辽",
    "國",
    "国",
    "萧",
    "蕭",
    "奉",
    "先",
    "衆",
    "众",
    "眾",
    "乾",
    "統",
    "统",
    "干",
    "年",
    "。",
    "，",
    "A",
    "a",
    "Ａ",
    "ａ",
    "1",
    "１",
    " ",
    "\u{3000}",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\n\u{3000}\u{3000}",
    " \n ",
    ".",
    "*",
    "(",
    ")",
    "[",
    "\\",
    "?",
    "\u{301}",
    "\u{200b}",
    "😀",
    "\0",
];

fn vocab_text(vocab: &[&str], data: &[u8]) -> String {
    data.iter()
        .map(|&b| vocab[usize::from(b) % vocab.len()])
        .collect()
}

fn lossy(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

// ---------------------------------------------------------------------------------------
// 1, 2: segmentation
// ---------------------------------------------------------------------------------------

/// Target `segment_bytes`: arbitrary bytes through `source::decode`, then segmentation.
pub fn check_segment_bytes(data: &[u8]) {
    check_decode(data, None);
    // The last byte also picks a forced encoding, to reach the `--encoding` paths.
    const FORCED: [&str; 8] = [
        "utf-8",
        "gb18030",
        "big5",
        "utf-16le",
        "utf-16be",
        "shift_jis",
        "gbk",
        "windows-1252",
    ];
    if let Some(&last) = data.last() {
        let label = FORCED[usize::from(last) % FORCED.len()];
        check_decode(&data[..data.len() - 1], Some(label));
    }
}

fn check_decode(data: &[u8], forced: Option<&str>) {
    // What `search --count` borrows without decoding must be what decoding gives.
    let borrowed = if forced.is_none() {
        annals::source::as_plain_utf8(data)
    } else {
        None
    };
    match annals::source::decode(data.to_vec(), "fuzz", forced) {
        Ok(loaded) => {
            if let Some(b) = borrowed {
                assert_eq!(
                    loaded.text, b,
                    "borrowed text differs from the decoded text"
                );
                assert!(loaded.warnings.is_empty(), "borrowed text had warnings");
            }
            assert_eq!(loaded.name, "fuzz");
            // Valid UTF-8 without a BOM, detected as UTF-8, is taken as it is.
            if let Ok(s) = std::str::from_utf8(data) {
                if loaded.encoding.name() == "UTF-8" && !s.starts_with('\u{feff}') {
                    assert_eq!(loaded.text, s, "valid UTF-8 changed by decoding");
                }
            }
            check_text(loaded.text);
        }
        Err(e) => {
            use annals::source::SourceError;
            assert!(
                borrowed.is_none(),
                "borrowed a text that decoding refuses: {e}"
            );
            let _ = e.to_string();
            match e {
                SourceError::Binary { byte, offset, .. } => {
                    assert!(offset < data.len(), "binary offset {offset} past the input");
                    assert_eq!(data[offset], byte, "binary byte at offset {offset}");
                }
                SourceError::Undecodable { offset, .. } => {
                    assert!(
                        offset < data.len(),
                        "undecodable offset {offset} past the input"
                    );
                }
                SourceError::UnknownEncoding { .. } => panic!("a fixed label was rejected"),
                _ => {}
            }
        }
    }
}

/// Target `segment_cjk`: a text built from the heading vocabulary, segmented.
pub fn check_segment_cjk(data: &[u8]) {
    check_text(cjk_text(data));
}

/// Segment `text` and check every invariant of the result and of its reading views.
pub fn check_text(text: String) {
    let c = Chronicle::parse(text);
    check_chronicle(&c);
    // The view in the detected format, and (as `Reading::new` takes any text) the others.
    for format in [c.format, Format::Plain, Format::Markdown, Format::Mandoku] {
        check_reading(&c, format);
    }
}

fn boundary(text: &str, at: usize, what: &dyn std::fmt::Debug) {
    assert!(
        at <= text.len() && text.is_char_boundary(at),
        "{what:?}: offset {at} is not a char boundary of the text (len {})",
        text.len()
    );
}

fn span_ok(text: &str, s: Span, what: &dyn std::fmt::Debug) {
    assert!(s.start <= s.end, "{what:?}: reversed span {s:?}");
    boundary(text, s.start, what);
    boundary(text, s.end, what);
}

fn inside(outer: Span, inner: Span, what: &dyn std::fmt::Debug) {
    assert!(
        outer.start <= inner.start && inner.end <= outer.end,
        "{what:?}: {inner:?} is not inside {outer:?}"
    );
}

/// What `notes_of` promises: notes lie in one notes section after the entry, in its
/// volume, each a line starting with a marker, no number twice.
fn check_notes(c: &Chronicle) {
    let text = &*c.text;
    for (i, e) in c.entries.iter().enumerate() {
        let Some(n) = c.notes_of(i) else { continue };
        assert!(!n.notes.is_empty(), "entry {i}: notes without a note");
        let section = c.segments[c.segment_at(n.notes[0].1.start)];
        assert_eq!(
            section.kind,
            SegmentKind::Notes(e.volume),
            "entry {i}: notes not in a notes section of its volume"
        );
        let mut seen = Vec::new();
        for (number, span) in n.notes.iter().copied().chain(n.heading.map(|h| (0, h))) {
            span_ok(text, span, &("note of entry", i));
            inside(section.span, span, &("note of entry", i));
            assert!(
                span.start >= e.span.end,
                "entry {i}: a note before the entry"
            );
            if number > 0 {
                assert!(!seen.contains(&number), "entry {i}: note {number} twice");
                seen.push(number);
            }
        }
    }
}

/// The partition invariant and everything each entry, volume and passage promises.
pub fn check_chronicle(c: &Chronicle) {
    check_notes(c);
    let text = &*c.text;
    let eras = EraTable::embedded();
    assert!(!c.segments.is_empty(), "no segments");
    // Segments partition the text: in order, no gap, no overlap, none empty.
    let mut pos = 0;
    let mut entry_order = Vec::new();
    for (k, seg) in c.segments.iter().enumerate() {
        assert_eq!(
            seg.span.start, pos,
            "gap or overlap before segment {k} {seg:?}"
        );
        assert!(
            seg.span.end > seg.span.start || text.is_empty(),
            "empty segment {k} {seg:?}"
        );
        span_ok(text, seg.span, &("segment", k));
        pos = seg.span.end;
        match seg.kind {
            SegmentKind::Entry(i) => {
                assert!(i < c.entries.len(), "segment {k} names entry {i}");
                assert_eq!(c.entries[i].span, seg.span, "entry {i} span != its segment");
                entry_order.push(i);
            }
            SegmentKind::Volume(v) => assert!(v < c.volumes.len(), "segment {k}: volume {v}"),
            SegmentKind::Notes(Some(v)) => {
                assert!(v < c.volumes.len(), "segment {k}: notes of volume {v}")
            }
            SegmentKind::FrontMatter => assert_eq!(k, 0, "front matter not first"),
            SegmentKind::Notes(None) | SegmentKind::Preface => {}
        }
        if !text.is_empty() {
            assert_eq!(
                c.segment_at(seg.span.start),
                k,
                "segment_at({})",
                seg.span.start
            );
        }
    }
    assert_eq!(pos, text.len(), "segments end before the text");
    // Every entry has exactly one segment, in entry order.
    assert!(
        entry_order.iter().copied().eq(0..c.entries.len()),
        "entry segments out of order or missing: {entry_order:?} for {} entries",
        c.entries.len()
    );

    for (i, e) in c.entries.iter().enumerate() {
        let what = ("entry", i);
        span_ok(text, e.span, &what);
        span_ok(text, e.label, &what);
        boundary(text, e.heading_end, &what);
        assert!(!e.label.is_empty(), "entry {i}: empty label");
        inside(e.span, e.label, &what);
        assert!(
            e.label.end <= e.heading_end && e.heading_end <= e.span.end,
            "entry {i}: heading_end {} outside label end {} ..= span end {}",
            e.heading_end,
            e.label.end,
            e.span.end
        );
        if let Some(s) = e.era_span {
            span_ok(text, s, &what);
            inside(e.label, s, &("era span of entry", i));
        }
        if let Some(s) = e.annotation {
            span_ok(text, s, &what);
            assert!(
                e.label.end <= s.start && s.end <= e.heading_end,
                "entry {i}: annotation {s:?} outside {}..{}",
                e.label.end,
                e.heading_end
            );
        }
        if let Some(s) = e.inherited_era {
            span_ok(text, s, &("inherited era of entry", i));
        }
        // Year 0: a year named by its 干支 alone (`戊子年`).
        assert!(
            e.year >= 1 || e.ganzhi.is_some(),
            "entry {i}: year 0 without a 干支"
        );
        if let Some(g) = e.ganzhi {
            assert!(g < 60, "entry {i}: 干支 {g}");
        }
        if let Some(id) = e.era {
            assert!(id.index() < eras.eras().len(), "entry {i}: era id {id:?}");
        }
        if let Some(v) = e.volume {
            assert!(v < c.volumes.len(), "entry {i}: volume {v}");
        }
        let mut last = e.heading_end;
        for (m, mark) in e.marks.iter().enumerate() {
            span_ok(text, mark.span, &("mark", i, m));
            assert!(!mark.span.is_empty(), "entry {i} mark {m}: empty");
            assert!(
                mark.span.start >= last && mark.span.end <= e.span.end,
                "entry {i} mark {m} {:?} not inside the body {}..{} after the previous mark",
                mark.span,
                e.heading_end,
                e.span.end
            );
            last = mark.span.end;
            if let Some(month) = mark.month {
                assert!(
                    (1..=12).contains(&month),
                    "entry {i} mark {m}: month {month}"
                );
            }
        }
        for (p, par) in e.parallels.iter().enumerate() {
            span_ok(text, par.span, &("parallel", i, p));
            assert_eq!(
                par.text,
                &text[par.span.range()],
                "entry {i} parallel {p} text"
            );
        }
        for p in e.paragraphs(text) {
            span_ok(text, p, &("paragraph of entry", i));
            inside(e.body(), p, &("paragraph of entry", i));
        }
        assert_eq!(
            c.entry_at(e.span.start),
            Some(i),
            "entry_at({})",
            e.span.start
        );
        let seg = c.segment_of_entry(i).expect("entry has a segment");
        assert_eq!(
            c.segments[seg].kind,
            SegmentKind::Entry(i),
            "segment_of_entry({i})"
        );
        let _ = (c.label(e), c.full_label(e), c.era_name(e));
    }

    for (v, vol) in c.volumes.iter().enumerate() {
        span_ok(text, vol.span, &("volume", v));
        assert!(
            vol.entries.start <= vol.entries.end && vol.entries.end <= c.entries.len(),
            "volume {v}: entries {:?} of {}",
            vol.entries,
            c.entries.len()
        );
        for i in vol.entries.clone() {
            inside(
                vol.span,
                Span::new(c.entries[i].span.start, c.entries[i].span.start),
                &("volume", v),
            );
        }
        let _ = vol.display_name();
    }
    for (p, pass) in c.passages.iter().enumerate() {
        span_ok(text, pass.label, &("passage", p));
        span_ok(text, pass.line, &("passage", p));
        inside(pass.line, pass.label, &("passage", p));
        if let Some(v) = pass.volume {
            assert!(v < c.volumes.len(), "passage {p}: volume {v}");
        }
    }
    for d in &c.diagnostics {
        assert!(d.byte <= text.len() && d.line >= 1, "diagnostic {d:?}");
    }
    let _ = (c.ce_range(), c.title_line(), c.line_of(text.len()));
}

/// The reading view maps offsets both ways onto char boundaries, monotonically, and
/// keeps the ends together.
pub fn check_reading(c: &Chronicle, format: Format) {
    let src = &*c.text;
    let r = Reading::new(src, format);
    let view = r.text();
    let what = |s: &str| format!("{format:?} view: {s}");
    assert_eq!(
        r.to_reading(src.len()),
        view.len(),
        "{}",
        what("end of source")
    );
    assert_eq!(
        r.to_source(view.len()),
        src.len(),
        "{}",
        what("end of view")
    );
    // (`to_source(0)` need not be 0: markup hidden at the start maps past itself.)
    assert_eq!(r.to_reading(0), 0, "{}", what("start of source"));
    // Every segment boundary (and entry heading offsets) lands on char boundaries.
    let mut offsets: Vec<usize> = c.segments.iter().map(|s| s.span.start).collect();
    offsets.push(src.len());
    for e in &c.entries {
        offsets.extend([e.label.start, e.label.end, e.heading_end]);
    }
    for &s in &offsets {
        let rr = r.to_reading(s);
        assert!(
            rr <= view.len() && view.is_char_boundary(rr),
            "{}",
            what(&format!("to_reading({s}) = {rr} is not a char boundary"))
        );
        let back = r.to_source(rr);
        assert!(
            back <= src.len() && src.is_char_boundary(back),
            "{}",
            what(&format!(
                "to_source(to_reading({s}) = {rr}) = {back} is not a char boundary"
            ))
        );
    }
    // Every char boundary, both ways, monotonically.
    let mut prev = 0;
    for s in src.char_indices().map(|(i, _)| i).chain([src.len()]) {
        let rr = r.to_reading(s);
        assert!(
            rr <= view.len() && view.is_char_boundary(rr),
            "{}",
            what(&format!("to_reading({s}) = {rr} is not a char boundary"))
        );
        assert!(
            rr >= prev,
            "{}",
            what(&format!("to_reading({s}) = {rr} < {prev}"))
        );
        prev = rr;
    }
    let mut prev = 0;
    for v in view.char_indices().map(|(i, _)| i).chain([view.len()]) {
        let s = r.to_source(v);
        assert!(
            s <= src.len() && src.is_char_boundary(s),
            "{}",
            what(&format!("to_source({v}) = {s} is not a char boundary"))
        );
        assert!(
            s >= prev,
            "{}",
            what(&format!("to_source({v}) = {s} < {prev}"))
        );
        prev = s;
    }
    if format == Format::Plain {
        assert!(
            r.is_identity() && view == src,
            "plain view is not the source"
        );
    }
}

// ---------------------------------------------------------------------------------------
// 3: layout
// ---------------------------------------------------------------------------------------

/// Target `layout`: `[width lo, width hi, indent, flags, text…]`. Width 0..=300 (0 is
/// documented to act as 1); flags bit 0: the text is [`cjk_text`] of the rest instead of
/// its lossy UTF-8.
pub fn check_layout(data: &[u8]) {
    if data.len() < 4 {
        return;
    }
    let width = usize::from(u16::from_le_bytes([data[0], data[1]])) % 301;
    let indent = usize::from(data[2]);
    let text = if data[3] & 1 == 1 {
        cjk_text(&data[4..])
    } else {
        lossy(&data[4..])
    };
    let lines = layout::wrap_indented(&text, width, indent);
    check_wrap(&text, width, indent, &lines);
    if indent == 0 {
        assert_eq!(
            layout::wrap(&text, width),
            lines,
            "wrap != wrap_indented(…, 0)"
        );
    }
}

fn is_newline(g: &str) -> bool {
    g == "\n" || g == "\r\n"
}

/// The spaces after a run of which a line may break (UAX #14's SP, and its spaces of class
/// BA), as the layout documents them.
const BREAK_SPACES: &[char] = &[
    ' ', '\t', '\u{3000}', '\u{1680}', '\u{2000}', '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}',
    '\u{2005}', '\u{2006}', '\u{2008}', '\u{2009}', '\u{200A}', '\u{205F}',
];
/// The no-break spaces (UAX #14's GL): a run holding one is no break opportunity.
const GLUE_SPACES: &[char] = &['\u{A0}', '\u{2007}', '\u{202F}'];

/// Whether grapheme `g` is a space (a space character with nothing but hidden characters
/// after it): `Some(true)` for a no-break space.
fn space_kind(g: &str) -> Option<bool> {
    let mut chars = g.chars();
    let c = chars.next()?;
    let glue = GLUE_SPACES.contains(&c);
    if !glue && !BREAK_SPACES.contains(&c) {
        return None;
    }
    chars.all(layout::is_hidden).then_some(glue)
}

/// Columns of the spaces in `gap`.
fn space_columns(gap: &str) -> usize {
    gap.graphemes(true)
        .filter(|g| space_kind(g).is_some())
        .map(grapheme_width)
        .sum()
}

/// A visible grapheme of a line as the break rules see it.
struct Unit<'a> {
    g: &'a str,
    /// Columns of the spaces (of any kind) between it and the unit before it.
    spaces: usize,
    /// Those spaces hold a no-break space: no break there.
    glued: bool,
    /// A space at the start of the line, or after only such spaces: indentation, which
    /// stays with what follows it.
    leading: bool,
    /// A word joiner (U+2060, U+FEFF) right after it: no break after it.
    joined: bool,
    /// A zero-width space (U+200B) right after it: a break after it, even inside a word.
    split: bool,
}

/// The units of `s` (no line break in it): a space after something visible is not a unit
/// but counts towards the next unit's `spaces`; zero-width graphemes right after a unit
/// (before any space) say whether a break may follow it; other zero-width graphemes
/// change nothing.
fn units(s: &str) -> Vec<Unit<'_>> {
    let mut out: Vec<Unit> = Vec::new();
    let mut spaces = 0;
    let mut glued = false;
    for g in s.graphemes(true) {
        let indent = out.iter().all(|u| u.leading);
        if let Some(glue) = space_kind(g).filter(|_| !indent) {
            spaces += grapheme_width(g);
            glued |= glue;
            continue;
        }
        if grapheme_width(g) == 0 {
            if let (0, Some(u)) = (spaces, out.last_mut()) {
                match g.chars().next() {
                    Some('\u{2060}' | '\u{FEFF}') => u.joined = true,
                    Some('\u{200B}') => u.split = true,
                    _ => {}
                }
            }
            continue;
        }
        out.push(Unit {
            g,
            spaces,
            glued,
            leading: space_kind(g).is_some(),
            joined: false,
            split: false,
        });
        spaces = 0;
        glued = false;
    }
    out
}

/// May a line break fall between units `p` and `q` (the rules of `layout`, through its
/// public functions): never after indentation or a word joiner, nor at no-break spaces,
/// never before what may not start a line or after what may not end one; then always
/// after spaces or a zero-width space; else as [`layout::break_allowed`] says for two
/// graphemes side by side.
fn breaks_between(p: &Unit, q: &Unit) -> bool {
    if p.leading || p.joined || q.glued || layout::is_closing(q.g) || layout::is_opening(p.g) {
        return false;
    }
    q.spaces > 0 || p.split || layout::break_allowed(p.g, q.g)
}

/// Columns of a line's units: each with the spaces before it. Spaces after the last unit
/// hang (they are left only before a forced break or at the end of the text): no columns.
fn columns(u: &[Unit]) -> usize {
    u.iter().map(|u| u.spaces + grapheme_width(u.g)).sum()
}

/// Width of the first unbreakable run of `s` (which starts with a visible grapheme that is
/// not a space): up to its first allowed break point, a line break, or the end of the text.
fn run_width(s: &str) -> usize {
    let line = s.split_inclusive('\n').next().unwrap_or("");
    let line = line
        .strip_suffix('\n')
        .map_or(line, |l| l.strip_suffix('\r').unwrap_or(l));
    let u = units(line);
    let mut cols = 0;
    for k in 0..u.len() {
        if k > 0 && breaks_between(&u[k - 1], &u[k]) {
            break;
        }
        cols += u[k].spaces + grapheme_width(u[k].g);
    }
    cols
}

/// Every promise of `wrap_indented`, checked on one result: lines in order, covering the
/// text but for the spaces dropped where the wrapper broke a line (the gap between two
/// lines holds nothing else); widths as the terminal counts them, spaces that hang before
/// a forced break or at the end counting nothing; no line too wide unless one grapheme is;
/// greedy breaks at allowed points, an emergency break only where the line had none.
pub fn check_wrap(text: &str, width: usize, indent: usize, lines: &[VisualLine]) {
    let width = width.max(1);
    let avail = |k: usize| {
        if k == 0 {
            width.saturating_sub(indent).max(1)
        } else {
            width
        }
    };
    assert!(!lines.is_empty(), "no lines");
    if text.is_empty() {
        assert_eq!(
            lines,
            [VisualLine {
                start: 0,
                end: 0,
                width: 0
            }]
        );
        return;
    }
    assert_eq!(lines[0].start, 0, "first line does not start at 0");
    assert_eq!(
        lines.last().unwrap().end,
        text.len(),
        "last line does not end the text"
    );
    let bounds: std::collections::HashSet<usize> =
        text.grapheme_indices(true).map(|(i, _)| i).collect();
    let mut joined = String::with_capacity(text.len());
    for (k, l) in lines.iter().enumerate() {
        assert!(l.start < l.end, "empty line {k}: {l:?}");
        assert!(
            bounds.contains(&l.start),
            "line {k} {l:?} starts inside a grapheme"
        );
        let s = &text[l.start..l.end];
        joined.push_str(s);
        let gs: Vec<&str> = s.graphemes(true).collect();
        let forced = is_newline(gs[gs.len() - 1]);
        assert!(
            gs[..gs.len() - 1].iter().all(|g| !is_newline(g)),
            "line break inside line {k}: {s:?}"
        );
        let body = if forced {
            &s[..s.len() - gs[gs.len() - 1].len()]
        } else {
            s
        };
        let u = units(body);
        assert_eq!(l.width, columns(&u), "width of line {k}: {s:?}");
        if l.width > avail(k) {
            assert_eq!(
                u.len(),
                1,
                "line {k} {s:?} is {} columns, over {} with more than one grapheme",
                l.width,
                avail(k)
            );
        }
        if k + 1 == lines.len() {
            continue;
        }
        let next = lines[k + 1];
        assert!(next.start >= l.end, "lines {k} and {} overlap", k + 1);
        let gap = &text[l.end..next.start];
        if forced {
            assert_eq!(gap, "", "line {k}: a forced break drops nothing");
            continue;
        }
        // A break the wrapper chose: it drops only the spaces there (with any zero-width
        // graphemes among them), never a blank line, never before an invisible grapheme.
        assert!(
            gap.is_empty() || gap.graphemes(true).next().and_then(space_kind).is_some(),
            "line {k}: gap {gap:?}"
        );
        assert!(
            gap.graphemes(true)
                .all(|g| space_kind(g).is_some() || grapheme_width(g) == 0),
            "line {k}: gap {gap:?} holds more than spaces"
        );
        joined.push_str(gap);
        assert!(l.width > 0, "blank line {k} in the middle: {s:?}");
        let all_indent = u.iter().all(|u| u.leading);
        let last_shown = s.graphemes(true).rev().find(|g| grapheme_width(g) > 0);
        assert!(
            last_shown.and_then(space_kind).is_none() || all_indent,
            "line {k} {s:?} ends with the space it broke at"
        );
        let rest = &text[next.start..];
        let b = rest.graphemes(true).next().unwrap();
        assert!(
            grapheme_width(b) > 0,
            "line {} starts with a zero-width grapheme",
            k + 1
        );
        assert!(
            space_kind(b).is_none() || all_indent,
            "line {} starts with a space",
            k + 1
        );
        let gap_cols = space_columns(gap);
        // The break as the rules see it, looking through the spaces: the line's last
        // unit, then the next line's first.
        let pair = units(&text[l.start..next.start + b.len()]);
        let last = pair.len() - 1;
        if last > 0 && breaks_between(&pair[last - 1], &pair[last]) {
            // Greedy: the next unbreakable run would not have fitted on this line.
            assert!(
                l.width + gap_cols + run_width(rest) > avail(k),
                "line {k} {s:?} | {b:?}: broke early at width {}",
                avail(k)
            );
        } else {
            // Emergency break: only when the line had no allowed break point at all,
            // and only when the next grapheme really did not fit.
            for w in u.windows(2) {
                assert!(
                    !breaks_between(&w[0], &w[1]),
                    "line {k} {s:?} | {b:?}: forbidden break (closing {} / opening {}) though \
                     the line could break between {:?} and {:?}",
                    layout::is_closing(b),
                    layout::is_opening(pair[last - usize::from(last > 0)].g),
                    w[0].g,
                    w[1].g
                );
            }
            assert!(
                l.width + gap_cols + grapheme_width(b) > avail(k),
                "line {k} {s:?} | {b:?}: needless emergency break"
            );
        }
    }
    assert_eq!(
        joined, text,
        "lines and the spaces between them do not join to the text"
    );
}

// ---------------------------------------------------------------------------------------
// 4: search
// ---------------------------------------------------------------------------------------

/// Target `search`: `[mode, split, pattern length, cols, pattern bytes…, haystack…]`.
/// mode % 3: folded, exact, regex; bit 2 of mode: pattern and haystack are mapped through
/// a vocabulary of 繁簡 variants and whitespace instead of read as lossy UTF-8.
pub fn check_search(data: &[u8]) {
    if data.len() < 4 {
        return;
    }
    let mode = match data[0] % 3 {
        0 => Mode::Folded,
        1 => Mode::Exact,
        _ => Mode::Regex,
    };
    let vocab = data[0] & 4 != 0;
    let plen = usize::from(data[2]).min(data.len() - 4);
    let (pat_bytes, hay_bytes) = data[4..].split_at(plen);
    let (pattern, hay) = if vocab {
        (
            vocab_text(SEARCH_VOCAB, pat_bytes),
            vocab_text(SEARCH_VOCAB, hay_bytes),
        )
    } else {
        (lossy(pat_bytes), lossy(hay_bytes))
    };
    let cols = usize::from(data[3] % 64);
    check_query(&pattern, &hay, mode, usize::from(data[1]), cols);
}

pub fn check_query(pattern: &str, hay: &str, mode: Mode, split: usize, cols: usize) {
    let q = match Query::new(pattern, mode) {
        Ok(q) => q,
        Err(e) => {
            assert_eq!(
                mode,
                Mode::Regex,
                "a {mode:?} pattern failed to compile: {e}"
            );
            return;
        }
    };
    assert_eq!(q.pattern(), pattern);
    // Folded and exact patterns drop their default-ignorable characters: one made only of
    // them is empty.
    let empty = match mode {
        Mode::Regex => pattern.is_empty(),
        Mode::Folded | Mode::Exact => pattern.chars().all(is_ignorable),
    };
    assert_eq!(q.is_empty(), empty, "{mode:?} {pattern:?}");
    let hits: Vec<Range<usize>> = q.find_iter(hay).collect();
    let mut end = 0;
    for h in &hits {
        assert!(h.start < h.end, "empty hit {h:?}");
        assert!(h.start >= end, "hits out of order or overlapping: {hits:?}");
        assert!(
            h.end <= hay.len(),
            "hit {h:?} past the haystack ({})",
            hay.len()
        );
        assert!(
            hay.is_char_boundary(h.start) && hay.is_char_boundary(h.end),
            "hit {h:?} off char boundaries"
        );
        end = h.end;
    }
    assert_eq!(q.count(hay), hits.len(), "count != number of hits");
    // `search --count` counts a markdown source directly when the query cannot hold ASCII
    // punctuation: the same count as in the reading view.
    if q.avoids_ascii_punctuation() {
        let view = annals::model::reading::Reading::new(hay, annals::model::Format::Markdown);
        assert_eq!(
            q.count(view.text()),
            hits.len(),
            "{pattern:?}: markdown view count differs from the source count in {hay:?}"
        );
    }

    if mode != Mode::Regex && !q.is_empty() && hay.len() <= 4096 {
        let want = reference_find(pattern, mode == Mode::Folded, hay);
        assert_eq!(
            hits, want,
            "{mode:?} {pattern:?} in {hay:?}: hits differ from the reference"
        );
        let ignorables = |s: &str| s.chars().any(is_ignorable);
        if mode == Mode::Exact && !hay.contains('\n') && !ignorables(hay) && !ignorables(pattern) {
            // No line break to allow, no ignorable to fold away: plain substring search.
            let naive: Vec<Range<usize>> = hay
                .match_indices(pattern)
                .map(|(i, m)| i..i + m.len())
                .collect();
            assert_eq!(
                hits, naive,
                "exact {pattern:?} in {hay:?}: hits differ from match_indices"
            );
        }
    }

    // Incremental search from a prefix of the pattern.
    let cuts: Vec<usize> = pattern
        .char_indices()
        .map(|(i, _)| i)
        .chain([pattern.len()])
        .collect();
    let prefix = &pattern[..cuts[split % cuts.len()]];
    if let Ok(pq) = Query::new(prefix, mode) {
        let previous: Vec<Range<usize>> = pq.find_iter(hay).collect();
        assert_eq!(
            q.refine(hay, &previous),
            hits,
            "refine from {prefix:?} ({} hits) != find_iter for {pattern:?}",
            previous.len()
        );
    }

    for h in &hits {
        let slice = &hay[h.clone()];
        let bounds = h.start.saturating_sub(cols * 3)..h.end.saturating_add(cols * 3);
        for b in [0..hay.len(), bounds] {
            let k = kwic(hay, h.clone(), b, cols, cols + 1);
            assert_eq!(k.hit, joined_lines(slice), "kwic hit for {h:?} ({slice:?})");
            if !slice.contains(['\n', '\r']) {
                assert_eq!(k.hit, slice, "kwic hit for {h:?}");
            }
        }
    }
}

/// What kwic promises to make of a hit: line breaks (`\n`, `\r`, `\r\n`) dropped with
/// the blanks around them.
fn joined_lines(s: &str) -> String {
    let gs: Vec<&str> = s.graphemes(true).collect();
    let nl = |g: &str| matches!(g, "\n" | "\r" | "\r\n");
    let blank = |g: &str| matches!(g, " " | "\t" | "\u{3000}");
    let mut out = String::new();
    let mut i = 0;
    while i < gs.len() {
        if nl(gs[i]) {
            i += 1;
        } else if blank(gs[i]) {
            let mut j = i;
            while j < gs.len() && blank(gs[j]) {
                j += 1;
            }
            let touches_break = (i > 0 && nl(gs[i - 1])) || (j < gs.len() && nl(gs[j]));
            if !touches_break {
                out.extend(gs[i..j].iter().copied());
            }
            i = j;
        } else {
            out.push_str(gs[i]);
            i += 1;
        }
    }
    out
}

/// The documented matching rules, implemented naively: the pattern's default-ignorable
/// characters dropped; at each character boundary, left to right, each pattern character
/// must match the next haystack character (or one of its variants when folded), the
/// haystack's default-ignorable characters passed over between them, or — between two
/// characters that cannot match whitespace — `[ \t\u3000]*\r?\n[ \t\u3000]*` with
/// ignorables anywhere in it, followed by it. A hit ends after the ignorables that follow
/// its last character.
pub fn reference_find(pattern: &str, folded: bool, hay: &str) -> Vec<Range<usize>> {
    let classes: Vec<Vec<char>> = pattern
        .chars()
        .filter(|&c| !is_ignorable(c))
        .map(|c| {
            if folded {
                fold::variants(c).to_vec()
            } else {
                vec![c]
            }
        })
        .collect();
    if classes.is_empty() {
        return Vec::new();
    }
    let gap_char = |c: char| matches!(c, ' ' | '\t' | '\u{3000}' | '\r' | '\n');
    let gappy: Vec<bool> = classes
        .iter()
        .map(|cl| cl.iter().any(|&c| gap_char(c)))
        .collect();
    let ws = |c: char| matches!(c, ' ' | '\t' | '\u{3000}');
    let chars: Vec<(usize, char)> = hay.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let offset = |k: usize| chars.get(k).map_or(hay.len(), |&(i, _)| i);
    let skip = |mut k: usize, also: &dyn Fn(char) -> bool| {
        while at(k).is_some_and(|c| is_ignorable(c) || also(c)) {
            k += 1;
        }
        k
    };
    let match_at = |start: usize| -> Option<usize> {
        let mut k = start;
        for (i, class) in classes.iter().enumerate() {
            if i > 0 {
                k = skip(k, &|_| false);
            }
            let c = at(k)?;
            if class.contains(&c) {
                k += 1;
                continue;
            }
            if i == 0 || gappy[i - 1] || gappy[i] {
                return None;
            }
            let mut p = skip(k, &ws);
            if at(p) == Some('\r') {
                p = skip(p + 1, &|_| false);
            }
            if at(p) != Some('\n') {
                return None;
            }
            p = skip(p + 1, &ws);
            if !class.contains(&at(p)?) {
                return None;
            }
            k = p + 1;
        }
        Some(skip(k, &|_| false))
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        match match_at(k) {
            Some(e) => {
                out.push(offset(k)..offset(e));
                k = e;
            }
            None => k += 1,
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// 5: the `:` jump parser
// ---------------------------------------------------------------------------------------

const JUMP_VOCAB: &[&str] = &[
    "天慶", "天庆", "乾統", "乾统", "干统", "政和", "壽隆", "收國", "神册", "某某", "宋", "崇寧",
    "五", "元", "年", "十", "廿", "一", "九", "萬", "〇", "1115", "1101", "5", "0", "9",
    "99999999", "５", "１", "前", "-", "－", "乙未", "丙子", "辛巳", "甲", "子", "。", ".", " ",
    "\u{3000}", "\n", "a",
];

fn embedded() -> &'static Chronicle {
    static C: OnceLock<Chronicle> = OnceLock::new();
    C.get_or_init(Chronicle::embedded)
}

/// Target `jump_query`: `[flags, text…]`; flags bit 0: the text is mapped through a
/// vocabulary of year names, numerals and digits instead of read as lossy UTF-8.
pub fn check_jump_query(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let input = if flags & 1 == 1 {
        vocab_text(JUMP_VOCAB, rest)
    } else {
        lossy(rest)
    };
    check_jump(&input);
}

pub fn check_jump(input: &str) {
    let c = embedded();
    for current in [
        None,
        Some(0),
        Some(17),
        Some(c.entries.len()),
        Some(usize::MAX),
    ] {
        match query::find(c, input, current) {
            Ok(hits) => {
                assert!(!hits.is_empty(), "Ok with no entries for {input:?}");
                assert!(
                    hits.is_sorted() && hits.windows(2).all(|w| w[0] != w[1]),
                    "{hits:?}"
                );
                for &i in &hits {
                    assert!(
                        i < c.entries.len(),
                        "{input:?} → entry {i} of {}",
                        c.entries.len()
                    );
                }
            }
            Err(e) => {
                let _ = e.to_string();
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// 6: numerals, 干支, the era table
// ---------------------------------------------------------------------------------------

/// Target `numerals_era`: `[n (4 bytes LE), flags, text…]`; flags bit 0: the text is
/// [`cjk_text`] of the rest instead of its lossy UTF-8.
pub fn check_numerals_era(data: &[u8]) {
    if data.len() < 5 {
        return;
    }
    let n = u32::from_le_bytes([data[0], data[1], data[2], data[3]]);
    let s = if data[4] & 1 == 1 {
        cjk_text(&data[5..])
    } else {
        lossy(&data[5..])
    };
    check_numerals(&s, n);
}

pub fn check_numerals(s: &str, n: u32) {
    if let Some((v, len)) = numerals::parse_prefix(s) {
        assert!(
            len > 0 && len <= s.len() && s.is_char_boundary(len),
            "parse_prefix len {len}"
        );
        assert_eq!(
            numerals::value(&s[..len]),
            Some(v),
            "value of the prefix {:?}",
            &s[..len]
        );
    }
    let _ = numerals::value(s);
    for (i, _) in s.char_indices().take(64) {
        if let Some((v, len)) = numerals::parse_prefix(&s[i..]) {
            assert!(s[i..].is_char_boundary(len));
            let _ = v;
        }
    }
    if let Some((g, len)) = ganzhi::parse_prefix(s) {
        assert!(g < 60, "干支 {g}");
        assert!(
            len <= s.len() && s.is_char_boundary(len),
            "ganzhi len {len}"
        );
        assert_eq!(ganzhi::name(g), &s[..len], "ganzhi name round trip");
    }

    let table = EraTable::embedded();
    let count = table.eras().len();
    let ids = table.lookup(s);
    for &id in ids {
        assert!(id.index() < count, "lookup id {id:?}");
        let era = table.get(id);
        let _ = (era.year(n), era.len());
    }
    if let Some((len, ids2)) = table.longest_prefix(s, |_| true) {
        assert!(
            len > 0 && len <= s.len() && s.is_char_boundary(len),
            "longest_prefix len {len}"
        );
        assert_eq!(
            table.lookup(&s[..len]),
            ids2,
            "longest_prefix ids != lookup of the prefix"
        );
    }
    let _ = table.longest_prefix(s, |rest| rest.starts_with('年'));
    if count > 0 {
        let era = &table.eras()[n as usize % count];
        if let Some(y) = era.year(n) {
            if n >= 1 {
                let _ = annals::calendar::Ganzhi::of_year(y);
            }
        }
        let _ = era.year(1);
    }

    // Writing numbers and reading them back.
    let small = n % 1000;
    assert_eq!(
        numerals::value(&annals::model::chinese_number(small)),
        Some(small),
        "chinese_number({small})"
    );
    let _ = annals::model::year_name(n);
    // 干支 of plausible years: in range, and nearest_year finds a year of that 干支
    // within half a cycle.
    let around = (n % 2_000_001) as i32 - 1_000_000;
    let g = (n % 60) as u8;
    assert!(ganzhi::of_year(around) < 60);
    if around != 0 {
        let y = ganzhi::nearest_year(g, around);
        assert_eq!(ganzhi::of_year(y), g, "nearest_year({g}, {around}) = {y}");
        assert!(
            (y - around).abs() <= 31,
            "nearest_year({g}, {around}) = {y}"
        );
    }
}
