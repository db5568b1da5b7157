//! Property tests (bounded, so CI stays fast): for random chronicle-like texts the segments
//! partition the text and every entry's text is its span; laid-out entries never exceed the
//! width; the reading view maps offsets back onto character boundaries; year queries never
//! panic.

use annals::model::reading::Reading;
use annals::model::{Chronicle, SegmentKind, query};
use annals::{layout, view};
use proptest::prelude::*;

/// Pieces real texts are made of, and some hostile ones.
const PIECES: &[&str] = &[
    "乾統",
    "天慶",
    "天庆",
    "干统",
    "神册",
    "壽隆",
    "太平興國",
    "昇元",
    "元",
    "二",
    "三",
    "十",
    "十一",
    "廿",
    "卅",
    "百",
    "〇",
    "九十九萬",
    "年",
    "月",
    "日",
    "朔",
    "春",
    "夏",
    "秋",
    "冬",
    "閏",
    "正",
    "初",
    "是歲",
    "是月",
    "次年",
    "改元",
    "辛巳",
    "丙子",
    "甲",
    "子",
    "。",
    "，",
    "、",
    "「",
    "」",
    "（",
    "）",
    "：",
    "！",
    "!",
    "　",
    " ",
    "\u{2009}",
    "\u{a0}",
    "\u{202f}",
    "\u{200d}",
    "\u{e0100}",
    "\n",
    "\n",
    "\n",
    "\r\n",
    "¶",
    "<pb:X_1a>",
    "&KR0001;",
    "\\[一\\]",
    "#+TITLE: 書",
    "---",
    "卷之一",
    "卷十",
    "校勘記",
    "考證",
    "宋",
    "梁",
    "1102",
    "前",
    "（壬午、1102）",
    "遼",
    "阿骨打",
    "女真",
    "\u{1b}[2J",
    "\u{7}",
    "\u{202e}",
    "𣈆",
    "e\u{301}",
    "😀",
    "\t",
    "維",
    "其後",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|v| v.concat())
}

fn check_partition(c: &Chronicle) -> Result<(), TestCaseError> {
    let mut pos = 0;
    for seg in &c.segments {
        prop_assert_eq!(seg.span.start, pos);
        prop_assert!(c.text.is_char_boundary(seg.span.end));
        if let SegmentKind::Entry(i) = seg.kind {
            let e = &c.entries[i];
            prop_assert_eq!(e.span, seg.span);
            prop_assert!(e.span.start <= e.label.start && e.label.end <= e.heading_end);
            prop_assert!(e.heading_end <= e.span.end);
            for m in &e.marks {
                prop_assert!(e.span.start <= m.span.start && m.span.end <= e.span.end);
                prop_assert!(
                    c.text.is_char_boundary(m.span.start) && c.text.is_char_boundary(m.span.end)
                );
            }
        }
        pos = seg.span.end;
    }
    prop_assert_eq!(pos, c.text.len());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn segments_partition_random_texts(text in text_strategy()) {
        let c = Chronicle::parse(text);
        check_partition(&c)?;
        let r = Reading::new(&c.text, c.format);
        for seg in &c.segments {
            let range = r.span_to_reading(seg.span);
            prop_assert!(range.start <= range.end);
            prop_assert!(r.text().is_char_boundary(range.start) && r.text().is_char_boundary(range.end));
            let back = r.range_to_source(range);
            prop_assert!(c.text.is_char_boundary(back.start) && c.text.is_char_boundary(back.end));
        }
    }

    #[test]
    fn laid_out_entries_fit_the_width(text in text_strategy(), width in 1usize..60) {
        let c = Chronicle::parse(text);
        let r = Reading::new(&c.text, c.format);
        for seg in &c.segments {
            let range = r.span_to_reading(seg.span);
            for l in view::lay_out(r.text(), range.clone(), width, true) {
                prop_assert!(range.start <= l.start && l.end <= range.end);
                // Spaces (of any kind) hanging at the end of a paragraph count no columns,
                // nor zero-width graphemes among them.
                let all = &r.text()[l.range()];
                let space = |c: char| {
                    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{1680}' | '\u{2000}'..='\u{200A}')
                        || matches!(c, '\u{205F}' | '\u{A0}' | '\u{202F}' | '\n')
                };
                let mut trimmed = all;
                while let Some(g) = {
                    use unicode_segmentation::UnicodeSegmentation;
                    trimmed.graphemes(true).next_back()
                } {
                    let is_space = g.starts_with(space) && g.chars().skip(1).all(layout::is_hidden);
                    if !is_space && layout::grapheme_width(g) > 0 {
                        break;
                    }
                    trimmed = &trimmed[..trimmed.len() - g.len()];
                }
                let shown = if layout::str_width(trimmed) > 0 { trimmed } else { all };
                let cols = l.indent + layout::str_width(shown);
                let single = {
                    use unicode_segmentation::UnicodeSegmentation;
                    shown.graphemes(true).filter(|g| layout::grapheme_width(g) > 0).count() <= 1
                };
                prop_assert!(cols <= width || single, "{:?} is {} columns at width {}", shown, cols, width);
                prop_assert_eq!(layout::str_width(shown), l.width);
            }
        }
    }

    #[test]
    fn year_queries_never_panic(q in "\\PC{0,12}", current in 0usize..20) {
        let c = Chronicle::embedded();
        if let Ok(found) = query::find(&c, &q, Some(current.min(17))) {
            prop_assert!(!found.is_empty());
            prop_assert!(found.iter().all(|&i| i < c.entries.len()));
        }
    }

    #[test]
    fn year_queries_from_pieces(parts in prop::collection::vec(prop::sample::select(PIECES), 0..6)) {
        let c = Chronicle::embedded();
        let _ = query::find(&c, &parts.concat(), None);
    }
}

// ----- search against a naive reference -----

/// Characters for small search texts: variant pairs, full-width and half-width letters,
/// and what a line break inside a hit is made of.
const SEARCH_TEXT: &[&str] = &[
    "天", "慶", "庆", "遼", "辽", "衆", "眾", "众", "年", "a", "A", "Ａ", "ａ", "。", "\n", "\r\n",
    " ", "\u{3000}", "\t",
];
/// Pattern characters (no whitespace: a line break may fall between any two of them).
const SEARCH_PATTERN: &[&str] = &[
    "天", "慶", "庆", "遼", "辽", "衆", "众", "年", "a", "Ａ", "。",
];

/// The reference: at each character, left to right, try to match every pattern character
/// in turn (by folded equality, or equality in exact mode), allowing `[ \t　]* \r? \n
/// [ \t　]*` between two of them; after a hit go on from its end.
fn naive_hits(hay: &str, pattern: &str, folded: bool) -> Vec<std::ops::Range<usize>> {
    use annals::search::fold::fold_char;
    let same = |a: char, b: char| {
        if folded {
            fold_char(a) == fold_char(b)
        } else {
            a == b
        }
    };
    let pat: Vec<char> = pattern.chars().collect();
    let at = |p: usize| hay[p..].chars().next();
    let skip_ws = |mut p: usize| {
        while let Some(c @ (' ' | '\t' | '\u{3000}')) = at(p) {
            p += c.len_utf8();
        }
        p
    };
    let match_at = |start: usize| -> Option<usize> {
        let mut pos = start;
        for (i, &pc) in pat.iter().enumerate() {
            match at(pos) {
                Some(c) if same(c, pc) => pos += c.len_utf8(),
                _ if i > 0 => {
                    let mut p = skip_ws(pos);
                    if at(p) == Some('\r') {
                        p += 1;
                    }
                    if at(p) != Some('\n') {
                        return None;
                    }
                    p = skip_ws(p + 1);
                    let c = at(p).filter(|&c| same(c, pc))?;
                    pos = p + c.len_utf8();
                }
                _ => return None,
            }
        }
        Some(pos)
    };
    let mut hits = Vec::new();
    let mut pos = 0;
    while pos < hay.len() {
        match match_at(pos) {
            Some(end) => {
                hits.push(pos..end);
                pos = end;
            }
            None => pos += at(pos).map_or(1, char::len_utf8),
        }
    }
    hits
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn search_hits_equal_the_naive_reference(
        hay in prop::collection::vec(prop::sample::select(SEARCH_TEXT), 0..40),
        pat in prop::collection::vec(prop::sample::select(SEARCH_PATTERN), 1..4),
        exact in any::<bool>(),
    ) {
        use annals::search::{Mode, Query};
        let (hay, pat) = (hay.concat(), pat.concat());
        let mode = if exact { Mode::Exact } else { Mode::Folded };
        let q = Query::new(&pat, mode).expect("literal patterns compile");
        let hits: Vec<_> = q.find_iter(&hay).collect();
        prop_assert_eq!(&hits, &naive_hits(&hay, &pat, !exact), "{:?} in {:?}", pat, hay);
        prop_assert_eq!(q.count(&hay), hits.len());
        // Typing one more character: refining the shorter query's hits gives the same.
        if pat.chars().count() > 1 {
            let shorter: String = pat.chars().take(pat.chars().count() - 1).collect();
            let prev: Vec<_> = Query::new(&shorter, mode).unwrap().find_iter(&hay).collect();
            prop_assert_eq!(q.refine(&hay, &prev), hits);
        }
    }
}

/// Markdown text with escapes, for the `search --count` shortcut.
const MARKDOWN_TEXT: &[&str] = &[
    "天", "慶", "庆", "遼", "年", "a", "\\[", "\\]", "[", "]", "\\", "\\\\", "!", "\\!", "\n", " ",
    "。",
];
const MARKDOWN_PATTERN: &[&str] = &["天", "慶", "遼", "年", "a", "[", "]", "!", "\\", "。"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// `search --count` skips the reading view of a markdown text when the query holds no
    /// ASCII punctuation; the count must be the view's all the same.
    #[test]
    fn markdown_count_shortcut_equals_the_reading_view(
        hay in prop::collection::vec(prop::sample::select(MARKDOWN_TEXT), 0..40),
        pat in prop::collection::vec(prop::sample::select(MARKDOWN_PATTERN), 1..4),
        exact in any::<bool>(),
    ) {
        use annals::cli::{SearchOptions, search_count};
        use annals::model::{Format, reading::Reading};
        use annals::search::{Mode, Query};
        // Front matter makes the text markdown.
        let text = format!("---\ntitle: 書\n---\n{}", hay.concat());
        let pat = pat.concat();
        prop_assert_eq!(Format::detect(&text), Format::Markdown);
        let mode = if exact { Mode::Exact } else { Mode::Folded };
        let q = Query::new(&pat, mode).unwrap();
        let in_view = q.count(Reading::new(&text, Format::Markdown).text());
        if q.avoids_ascii_punctuation() {
            prop_assert_eq!(q.count(&text), in_view);
        }
        let mut out = Vec::new();
        let opts = SearchOptions { count: true, exact, ..Default::default() };
        search_count(&text, &pat, opts, &mut out).unwrap();
        prop_assert_eq!(String::from_utf8(out).unwrap(), format!("{in_view}\n"));
    }

    /// Bytes `search --count` borrows as they are are exactly what decoding would give.
    #[test]
    fn borrowed_text_equals_the_decoded_text(
        parts in prop::collection::vec(prop::sample::select(RAW_PIECES), 0..30),
    ) {
        let bytes = parts.concat();
        if let Some(text) = annals::source::as_plain_utf8(&bytes) {
            let loaded = annals::source::decode(bytes.clone(), "x", None);
            let loaded = loaded.expect("borrowed text decodes");
            prop_assert_eq!(loaded.text.as_str(), text);
            prop_assert!(loaded.warnings.is_empty());
            prop_assert_eq!(loaded.encoding, encoding_rs::UTF_8);
        }
    }
}

/// Bytes for the decoding property: text, byte-order marks, controls, NUL, stray bytes.
const RAW_PIECES: &[&[u8]] = &[
    "天慶".as_bytes(),
    "年。".as_bytes(),
    b"abc",
    b"\n",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xFE\xFF",
    b"\x00",
    b"\x01",
    b"\x1B$B",
    b"\x1B(B",
    b"\x07",
    b"\x80",
    b"\xE5\xA4",
    b"\xC2\x85",
];

/// Era names of several regimes and dynasties, some reused (天會, 乾祐, 太平, 建興).
const ERAS: &[&str] = &[
    "乾統",
    "天慶",
    "天會",
    "乾祐",
    "太平",
    "建興",
    "貞觀",
    "開元",
    "建安",
    "威烈王",
    "至元",
    "正德",
    "開運",
    "天福",
    "昇元",
    "興國",
];

/// A chronicle of random year headings: an era and an ordinal, or a bare ordinal.
fn headings() -> impl Strategy<Value = String> {
    let heading = (prop::option::of(0..ERAS.len()), 1u32..70).prop_map(|(era, n)| {
        let ord = if n == 1 {
            "元".to_owned()
        } else {
            annals::model::chinese_number(n)
        };
        format!("{}{ord}年。春，某事。\n", era.map_or("", |i| ERAS[i]))
    });
    prop::collection::vec(heading, 1..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// No year is given with confidence beyond its era: an entry counted from its era (the
    /// era and ordinal, the era in force, a ruler's years) with no doubt lies within the
    /// era's years in the table; any further is marked doubtful.
    #[test]
    fn confident_years_lie_within_their_eras(text in headings()) {
        let c = Chronicle::parse(text);
        let t = annals::model::EraTable::embedded();
        for e in &c.entries {
            let (Some(id), Some(ce)) = (e.era, e.ce) else { continue };
            let counted = matches!(
                e.ce_source,
                annals::model::CeSource::Table
                    | annals::model::CeSource::InForce
                    | annals::model::CeSource::Ruler
            );
            if !counted || !e.doubts.is_empty() {
                continue;
            }
            let era = t.get(id);
            let last = era.counted_to().unwrap_or(era.end()).max(era.end());
            let ce = annals::calendar::CeYear::new(ce).unwrap();
            prop_assert!(
                era.start() <= ce && ce <= last,
                "{} = {ce} outside {} {}–{}",
                c.label(e),
                era.name(),
                era.start(),
                last
            );
        }
    }
}
