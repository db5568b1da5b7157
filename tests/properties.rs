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
                let shown = &r.text()[l.range()];
                let cols = l.indent + layout::str_width(shown);
                let single = {
                    use unicode_segmentation::UnicodeSegmentation;
                    shown.graphemes(true).count() <= 1
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
