//! Golden tests of segmentation: every fixture's structure is pinned in a snapshot
//! (`snapshots/`), and every fixture's segments partition its text exactly.

use std::fmt::Write as _;

use annals::model::{Chronicle, SegmentKind, ganzhi};
use annals::source;

const BOOKS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/books");
const EDGES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/segment");

fn load(path: &str) -> Chronicle {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    match source::decode(bytes.clone(), path, None) {
        Ok(loaded) => Chronicle::parse(loaded.text),
        // Fixtures the loader refuses as binary (controls.txt) are still segmented safely.
        Err(_) => Chronicle::parse(String::from_utf8(bytes).expect("fixtures are UTF-8")),
    }
}

fn short(s: &str, chars: usize) -> String {
    let mut out: String = s.chars().take(chars).collect();
    if s.chars().count() > chars {
        out.push('…');
    }
    out.escape_debug().to_string()
}

/// A readable account of everything the segmenter decided.
fn summary(c: &Chronicle) -> String {
    let t = &c.text;
    let mut s = String::new();
    writeln!(
        s,
        "title: {:?}  author: {:?}  format: {:?}",
        c.title, c.author, c.format
    )
    .unwrap();
    for (i, v) in c.volumes.iter().enumerate() {
        writeln!(
            s,
            "volume {i}: {} ({:?}) span {}..{} entries {:?}",
            v.display_name(),
            v.heading,
            v.span.start,
            v.span.end,
            v.entries
        )
        .unwrap();
    }
    for seg in &c.segments {
        let text = &t[seg.span.range()];
        match seg.kind {
            SegmentKind::Entry(i) => {
                let e = &c.entries[i];
                let era = match e.era {
                    Some(id) => {
                        let era = annals::model::EraTable::embedded().get(id);
                        let t = annals::model::EraTable::embedded();
                        format!(
                            "{}({} {})",
                            era.name(),
                            t.regime(era.regime()).name(),
                            era.start()
                        )
                    }
                    None => "?".to_owned(),
                };
                writeln!(
                    s,
                    "entry {i} {}..{} {:?} era={:?}→{era} year={} ce={:?} ({:?}) gz={} vol={:?}",
                    seg.span.start,
                    seg.span.end,
                    c.full_label(e),
                    c.era_name(e),
                    e.year,
                    e.ce,
                    e.ce_source,
                    e.ganzhi.map(ganzhi::name).unwrap_or_default(),
                    e.volume,
                )
                .unwrap();
                if let Some(a) = e.annotation {
                    writeln!(s, "    annotation {:?}", &t[a.range()]).unwrap();
                }
                for p in &e.parallels {
                    writeln!(s, "    parallel {:?} year={} ce={:?}", p.text, p.year, p.ce).unwrap();
                }
                let marks: Vec<String> = e
                    .marks
                    .iter()
                    .map(|m| format!("{}@{}", &t[m.span.range()], m.span.start))
                    .collect();
                if !marks.is_empty() {
                    writeln!(s, "    marks {}", marks.join(" ")).unwrap();
                }
                writeln!(s, "    text {}", short(text, 24)).unwrap();
            }
            kind => {
                writeln!(
                    s,
                    "{kind:?} {}..{} {}",
                    seg.span.start,
                    seg.span.end,
                    short(text, 24)
                )
                .unwrap();
            }
        }
    }
    for p in &c.passages {
        writeln!(
            s,
            "passage {:?} ce={:?} line {}..{}",
            &t[p.label.range()],
            p.ce,
            p.line.start,
            p.line.end
        )
        .unwrap();
    }
    for d in &c.diagnostics {
        writeln!(s, "{:?} line {}: {}", d.severity, d.line, d.message).unwrap();
    }
    s
}

/// The invariant: segments cover the text from 0 to its end, in order, without gaps or
/// overlaps, each entry's span is its segment, and spans fall on character boundaries.
pub(crate) fn assert_partition(c: &Chronicle, name: &str) {
    let mut pos = 0;
    for seg in &c.segments {
        assert_eq!(seg.span.start, pos, "{name}: gap or overlap before {seg:?}");
        assert!(
            seg.span.end > seg.span.start || c.text.is_empty(),
            "{name}: empty segment {seg:?}"
        );
        assert!(c.text.is_char_boundary(seg.span.start) && c.text.is_char_boundary(seg.span.end));
        if let SegmentKind::Entry(i) = seg.kind {
            assert_eq!(c.entries[i].span, seg.span, "{name}: entry {i}");
        }
        pos = seg.span.end;
    }
    assert_eq!(pos, c.text.len(), "{name}: segments end before the text");
    let entry_segments = c
        .segments
        .iter()
        .filter(|s| matches!(s.kind, SegmentKind::Entry(_)))
        .count();
    assert_eq!(
        entry_segments,
        c.entries.len(),
        "{name}: every entry has one segment"
    );
    for e in &c.entries {
        assert!(
            e.span.start <= e.label.start
                && e.label.end <= e.heading_end
                && e.heading_end <= e.span.end
        );
        for m in &e.marks {
            assert!(
                e.span.start <= m.span.start && m.span.end <= e.span.end,
                "{name}: mark outside entry"
            );
        }
    }
}

fn fixtures() -> Vec<String> {
    let mut v = Vec::new();
    for dir in [BOOKS, EDGES] {
        for f in std::fs::read_dir(dir).unwrap() {
            let p = f.unwrap().path();
            if p.is_file() {
                v.push(p.to_string_lossy().into_owned());
            }
        }
    }
    v.sort();
    v
}

#[test]
fn every_fixture_is_partitioned_exactly() {
    let all = fixtures();
    assert!(all.len() >= 14, "fixtures found: {all:?}");
    for f in all {
        let c = load(&f);
        assert_partition(&c, &f);
    }
    // The embedded text as well.
    assert_partition(&Chronicle::embedded(), "embedded");
}

/// The model `list` and the reader open with (time marks left for later) has the same
/// entries, spans, headings and CE years as the whole one `export` and `check` build, on every
/// fixture and as the commands open a file (the loader's decoding and a file's own title).
#[test]
fn the_lazy_model_is_the_whole_one() {
    for f in fixtures() {
        let origin = source::Origin::Path(f.clone().into());
        let Ok(read) = source::read(&origin, None) else {
            continue;
        };
        let lazy = source::read(&origin, None)
            .expect("read once")
            .parse_lazy()
            .chronicle;
        let whole = read.parse().chronicle;
        let key = |c: &Chronicle| -> Vec<_> {
            c.entries
                .iter()
                .map(|e| {
                    (
                        e.span,
                        e.heading_end,
                        e.label,
                        e.ce,
                        e.era,
                        e.doubts.clone(),
                    )
                })
                .collect()
        };
        assert_eq!(key(&lazy), key(&whole), "{f}");
    }
}

macro_rules! golden {
    ($name:ident, $dir:expr, $file:literal) => {
        #[test]
        fn $name() {
            let c = load(&format!("{}/{}", $dir, $file));
            insta::assert_snapshot!(summary(&c));
        }
    };
}

golden!(seed, BOOKS, "seed.txt");
golden!(mandoku_sample, BOOKS, "mandoku-sample.txt");
golden!(annotated_sample, BOOKS, "annotated-sample.txt");
golden!(edge_ganzhi_headings, EDGES, "ganzhi-headings.txt");
golden!(edge_bare_ordinals, EDGES, "bare-ordinals.txt");
golden!(edge_dated_passages, EDGES, "dated-passages.txt");
golden!(edge_annotated_bce, EDGES, "annotated-bce.txt");
golden!(edge_crlf, EDGES, "crlf.txt");
golden!(edge_unknown_era, EDGES, "unknown-era.txt");
golden!(edge_not_headings, EDGES, "not-headings.txt");
golden!(edge_volumes_notes, EDGES, "volumes-notes.txt");
golden!(edge_empty, EDGES, "empty.txt");
golden!(edge_only_newlines, EDGES, "only-newlines.txt");
golden!(edge_controls, EDGES, "controls.txt");
golden!(edge_ganzhi_lines, EDGES, "ganzhi-lines.txt");
golden!(edge_heading_notes, EDGES, "heading-notes.txt");
golden!(edge_classic_lines, EDGES, "classic-lines.txt");
golden!(edge_bracketed_ganzhi, EDGES, "bracketed-ganzhi.txt");
golden!(edge_annals_before_volume, EDGES, "annals-before-volume.txt");
golden!(edge_bracket_years, EDGES, "bracket-years.txt");
golden!(edge_kanripo_two_editions, EDGES, "kanripo-two-editions.txt");
golden!(edge_ruler_parts, EDGES, "ruler-parts.txt");
golden!(edge_name_after_full_line, EDGES, "name-after-full-line.txt");
golden!(
    edge_kanripo_short_note_line,
    EDGES,
    "kanripo-short-note-line.txt"
);
golden!(edge_kanripo_note_blocks, EDGES, "kanripo-note-blocks.txt");
golden!(edge_regime_run, EDGES, "regime-run.txt");
golden!(edge_unpunctuated_run_in, EDGES, "unpunctuated-run-in.txt");
golden!(edge_founder_prologue, EDGES, "founder-prologue.txt");
golden!(edge_parallel_year_notes, EDGES, "parallel-year-notes.txt");
golden!(edge_shared_ruler_name, EDGES, "shared-ruler-name.txt");
golden!(edge_ce_led_years, EDGES, "ce-led-years.txt");
golden!(
    edge_founder_career_mention,
    EDGES,
    "founder-career-mention.txt"
);
golden!(edge_temple_name_title, EDGES, "temple-name-title.txt");
golden!(
    edge_year_after_source_note,
    EDGES,
    "year-after-source-note.txt"
);
golden!(
    edge_kanripo_note_before_number,
    EDGES,
    "kanripo-note-before-number.txt"
);
golden!(edge_kanripo_ganzhi_gaps, EDGES, "kanripo-ganzhi-gaps.txt");
golden!(edge_closing_volume_lines, EDGES, "closing-volume-lines.txt");
golden!(edge_reign_by_ganzhi, EDGES, "reign-by-ganzhi.txt");
golden!(edge_ganzhi_sui_years, EDGES, "ganzhi-sui-years.txt");
golden!(
    edge_biography_recap_hints,
    EDGES,
    "biography-recap-hints.txt"
);
golden!(edge_kanripo_ganzhi_notes, EDGES, "kanripo-ganzhi-notes.txt");
golden!(
    edge_bracketed_ganzhi_before,
    EDGES,
    "bracketed-ganzhi-before.txt"
);
golden!(edge_section_lines, EDGES, "section-lines.txt");
golden!(edge_contents_parts, EDGES, "contents-parts.txt");
golden!(edge_ganzhi_season_years, EDGES, "ganzhi-season-years.txt");
golden!(
    edge_contents_then_section,
    EDGES,
    "contents-then-section.txt"
);
golden!(
    edge_founder_prologue_unnamed,
    EDGES,
    "founder-prologue-unnamed.txt"
);
golden!(edge_bracket_years_song, EDGES, "bracket-years-song.txt");
golden!(edge_bracket_note, EDGES, "bracket-note.txt");
golden!(edge_ruler_prefix, EDGES, "ruler-prefix.txt");
golden!(edge_midline_ganzhi_era, EDGES, "midline-ganzhi-era.txt");
golden!(edge_flashback_day, EDGES, "flashback-day.txt");
golden!(edge_proclaimed_late, EDGES, "proclaimed-late.txt");
golden!(edge_proclaimed_new_year, EDGES, "proclaimed-new-year.txt");
golden!(edge_volume_section_title, EDGES, "volume-section-title.txt");
golden!(edge_marked_headings, EDGES, "marked-headings.txt");
golden!(edge_volume_parts, EDGES, "volume-parts.txt");
golden!(edge_biography_start, EDGES, "biography-start.txt");
golden!(edge_next_year_paragraph, EDGES, "next-year-paragraph.txt");
golden!(edge_founders_eras, EDGES, "founders-eras.txt");
golden!(edge_proclaimed_yue, EDGES, "proclaimed-yue.txt");
golden!(edge_missing_stop, EDGES, "missing-stop.txt");
golden!(edge_section_title_run_on, EDGES, "section-title-run-on.txt");

/// The seed, as the text-model issue requires: preface + 18 entries, 1101–1118.
#[test]
fn seed_segmentation() {
    let c = Chronicle::embedded();
    let labels: Vec<String> = c.entries.iter().map(|e| c.label(e).into_owned()).collect();
    assert_eq!(
        labels,
        [
            "乾統元年",
            "乾統二年",
            "乾統三年",
            "乾統四年",
            "乾統五年",
            "乾統六年",
            "乾統七年",
            "乾統八年",
            "乾統九年",
            "乾統十年",
            "天慶元年",
            "天慶二年",
            "天慶三年",
            "天慶四年",
            "天慶五年",
            "天慶六年",
            "天慶七年",
            "天慶八年",
        ]
    );
    let ces: Vec<i32> = c.entries.iter().map(|e| e.ce.unwrap()).collect();
    assert_eq!(ces, (1101..=1118).collect::<Vec<_>>());
    let years: Vec<u32> = c.entries.iter().map(|e| e.year).collect();
    assert_eq!(
        years,
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 2, 3, 4, 5, 6, 7, 8]
    );
    assert!(
        c.entries
            .iter()
            .take(10)
            .all(|e| c.era_name(e).as_deref() == Some("乾統"))
    );
    assert!(
        c.entries
            .iter()
            .skip(10)
            .all(|e| c.era_name(e).as_deref() == Some("天慶"))
    );
    // The preface is the first line, up to 改元乾統。
    assert_eq!(c.segments[0].kind, SegmentKind::Preface);
    assert!(c.slice(c.segments[0].span).ends_with("改元乾統。\n"));
    // Empty years are entries.
    let e2 = &c.entries[1];
    assert_eq!(c.slice(e2.span), "乾統二年。 \n");
    // The Song cross-date of 乾統六年.
    let e6 = &c.entries[5];
    assert_eq!(e6.parallels.len(), 1);
    assert_eq!(e6.parallels[0].text, "宋崇寧五年");
    assert_eq!(e6.parallels[0].ce, Some(1106));
    // Time marks of 乾統元年 and 天慶八年.
    let marks =
        |i: usize| -> Vec<&str> { c.entries[i].marks.iter().map(|m| c.slice(m.span)).collect() };
    assert_eq!(marks(0), ["春正月朔", "是夕", "夏四月朔", "是歲"]);
    assert!(marks(17).contains(&"五月壬午朔"));
    assert!(marks(15).contains(&"初三日") && marks(15).contains(&"初五日"));
    assert!(marks(15).contains(&"是春"));
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
}

/// The whole 契丹国志: 27 volumes, 215 years with 干支 that agree with their CE years, none
/// from the biography volumes.
#[test]
fn whole_qidan_guozhi() {
    let c = load(&format!("{BOOKS}/qidan-guozhi-full.md"));
    assert_eq!(c.title.as_deref(), Some("契丹国志"));
    assert_eq!(c.author.as_deref(), Some("[宋]叶隆礼"));
    assert_eq!(c.volumes.len(), 27);
    assert_eq!(c.entries.len(), 215);
    for e in &c.entries {
        let g = e.ganzhi.expect("every heading of this book has a 干支");
        assert_eq!(ganzhi::of_year(e.ce.unwrap()), g, "{}", c.label(e));
        assert!(
            e.volume.unwrap() < 12,
            "{} is in volume {:?}",
            c.label(e),
            e.volume
        );
    }
    for (i, v) in c.volumes.iter().enumerate() {
        assert_eq!(v.number, Some(i as u32 + 1));
        if i >= 12 {
            assert!(v.entries.is_empty(), "{}", v.display_name());
        }
    }
    assert_eq!(c.ce_range(), Some((916, 1124)));
    // The years written twice are separate entries with the same CE year.
    let twice: Vec<usize> = c
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| c.label(e) == "丙戌天赞六年")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(twice.len(), 2);
    assert_eq!(c.entries[twice[0]].ce, c.entries[twice[1]].ce);
    assert_ne!(c.entries[twice[0]].volume, c.entries[twice[1]].volume);
    // Dated lines in the biographies are passages, not years.
    assert!(
        c.passages
            .iter()
            .any(|p| c.slice(p.label) == "会同六年" && p.volume == Some(15))
    );
    // The book's chronology runs one year off the table from 天赞 on: reported.
    assert!(
        c.diagnostics
            .iter()
            .any(|d| d.message.starts_with("辛巳天赞元年: 干支 辛巳 is 921"))
    );
}

/// A text in several encodings gives the same entries.
#[test]
fn encodings_give_the_same_entries() {
    let utf8 = Chronicle::embedded();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/encodings");
    for f in [
        "seed.gb18030.txt",
        "seed.big5.txt",
        "seed.utf16le.txt",
        "seed.utf16be.txt",
        "seed.utf8bom.txt",
    ] {
        let c = load(&format!("{dir}/{f}"));
        let a: Vec<(String, Option<i32>)> = utf8
            .entries
            .iter()
            .map(|e| (utf8.label(e).into_owned(), e.ce))
            .collect();
        let b: Vec<(String, Option<i32>)> = c
            .entries
            .iter()
            .map(|e| (c.label(e).into_owned(), e.ce))
            .collect();
        assert_eq!(a, b, "{f}");
        let marks = |c: &Chronicle| c.entries.iter().map(|e| e.marks.len()).collect::<Vec<_>>();
        assert_eq!(marks(&utf8), marks(&c), "{f}");
    }
}

/// Segmenting is linear: the same book repeated k times yields k times the entries, and
/// the work does not explode (a quadratic pass would time out here even in debug builds).
#[test]
fn repeated_book_scales() {
    let one = std::fs::read_to_string(format!("{BOOKS}/seed.txt")).unwrap();
    let many = one.repeat(200);
    let c = Chronicle::parse(many);
    assert_eq!(c.entries.len(), 18 * 200);
    assert_partition(&c, "seed×200");
}

/// Note markers (`\[五\]`) lead to the lines of the volume's 校勘記 that start with them.
#[test]
fn note_markers_lead_to_their_notes() {
    let c = load(&format!("{BOOKS}/qidan-guozhi-full.md"));
    let index = |label: &str| {
        c.entries
            .iter()
            .position(|e| &c.text[e.label.range()] == label)
            .unwrap_or_else(|| panic!("{label} not found"))
    };
    let notes = c.notes_of(index("丁丑神册二年")).expect("917 has notes");
    let numbers: Vec<u32> = notes.notes.iter().map(|n| n.0).collect();
    assert_eq!(numbers, [5, 6, 7, 8, 9, 10]);
    assert_eq!(&c.text[notes.heading.unwrap().range()], "校勘记");
    for (n, span) in &notes.notes {
        let line = &c.text[span.range()];
        let marker = format!("\\[{}\\]", annals::model::chinese_number(*n));
        // 十 is written 一○ in this book's notes.
        assert!(
            line.starts_with(&marker) || (*n == 10 && line.starts_with("\\[一○\\]")),
            "{n}: {line}"
        );
    }
    assert!(notes.notes[0].1.start > c.entries[index("丁丑神册二年")].span.end);
    // No markers, no notes; the seed has none at all.
    assert_eq!(c.notes_of(index("丙子神册元年")), None);
    let seed = load(&format!("{BOOKS}/seed.txt"));
    assert!((0..seed.entries.len()).all(|i| seed.notes_of(i).is_none()));
    assert_eq!(c.notes_of(c.entries.len()), None);
}

/// Markers whose notes are not in the next notes section of the same volume lead nowhere.
#[test]
fn note_markers_without_notes_are_left_alone() {
    let text = "卷一\n乾統元年。春正月，帝如混同江〔一〕。\n校勘記\n〔二〕別的\n卷二\n乾統二年。夏【一】。\n";
    let c = Chronicle::parse(text.to_owned());
    assert_eq!(c.entries.len(), 2);
    assert_eq!(
        c.notes_of(0),
        None,
        "〔一〕 has no note, 〔二〕 is not pointed to"
    );
    assert_eq!(c.notes_of(1), None, "no notes section after it");
    let text = "乾統元年。春正月〔一〕，夏〔二〕〔一〕。\n校勘記\n〔一〕甲\n〔二〕乙\n";
    let c = Chronicle::parse(text.to_owned());
    let n = c.notes_of(0).unwrap();
    assert_eq!(n.notes.iter().map(|x| x.0).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(&c.text[n.notes[1].1.range()], "〔二〕乙");
}

/// An entry holding a later year of its era read as a date in the text is doubted, and
/// `check` says where; its marks before that year are still dated. Not where the next
/// heading is that year (the `二年` passed over is 靖康's, told in 建炎元年).
#[test]
fn entry_holding_a_year_passed_over_is_doubted() {
    let told = load(&format!("{EDGES}/flashback-day.txt"));
    assert_eq!(told.label(&told.entries[0]), "建炎元年");
    assert_eq!(told.entries[0].doubts, []);
    assert_eq!(told.entries[1].ce, Some(1128));
    let c = load(&format!("{EDGES}/flashback-day-gap.txt"));
    let first = &c.entries[0];
    assert_eq!(c.label(first), "建炎元年");
    assert_eq!(c.entries[1].ce, Some(1129));
    assert_eq!(first.doubts, [annals::model::Doubt::PassedOver]);
    assert!(
        c.diagnostics
            .iter()
            .any(|d| d.message.starts_with("二年: read as a date in the text")),
        "{:?}",
        c.diagnostics
    );
    let dates = annals::model::dates::entry_dates(first);
    assert!(dates.marks[0].day.is_some(), "{:?}", dates.marks[0]);
}
golden!(edge_ruler_section_lines, EDGES, "ruler-section-lines.txt");
golden!(edge_regime_first_years, EDGES, "regime-first-years.txt");
golden!(edge_regime_tail_date, EDGES, "regime-tail-date.txt");
golden!(
    edge_annotation_before_year,
    EDGES,
    "annotation-before-year.txt"
);
golden!(
    edge_states_note_after_ruler,
    EDGES,
    "states-note-after-ruler.txt"
);
golden!(
    edge_kanripo_margin_after_indent,
    EDGES,
    "kanripo-margin-after-indent.txt"
);
golden!(edge_era_change_in_year, EDGES, "era-change-in-year.txt");
golden!(edge_volume_span_era, EDGES, "volume-span-era.txt");
golden!(
    edge_korean_kings_id_lines,
    EDGES,
    "korean-kings-id-lines.txt"
);
golden!(
    edge_korean_kings_untitled,
    EDGES,
    "korean-kings-untitled.txt"
);
golden!(
    edge_korean_generated_heading_lines,
    EDGES,
    "korean-generated-heading-lines.txt"
);
golden!(edge_bullet_years, EDGES, "bullet-years.txt");
golden!(edge_zai_years, EDGES, "zai-years.txt");
golden!(edge_ganzhi_led_run_on, EDGES, "ganzhi-led-run-on.txt");
golden!(edge_gangmu_parts, EDGES, "gangmu-parts.txt");
golden!(
    edge_classic_commentary_years,
    EDGES,
    "classic-commentary-years.txt"
);
golden!(edge_lu_dukes, EDGES, "lu-dukes.txt");
golden!(edge_numbered_title_line, EDGES, "numbered-title-line.txt");
golden!(
    edge_record_begins_in_a_life,
    EDGES,
    "record-begins-in-a-life.txt"
);
golden!(edge_nianpu_slips, EDGES, "nianpu-slips.md");
golden!(edge_section_regime_title, EDGES, "section-regime-title.txt");
golden!(edge_called_to_succeed, EDGES, "called-to-succeed.txt");
golden!(edge_mid_reign_start, EDGES, "mid-reign-start.txt");
golden!(edge_item_years, EDGES, "item-years.txt");
golden!(edge_note_runs_years, EDGES, "note-runs-years.txt");
golden!(edge_kanripo_note_years, EDGES, "kanripo-note-years.txt");
golden!(edge_ganzhi_after_note, EDGES, "ganzhi-after-note.txt");
golden!(edge_seasonless_run, EDGES, "seasonless-run.txt");
golden!(edge_quoted_ganzhi_nianpu, EDGES, "quoted-ganzhi-nianpu.md");
golden!(edge_gap_years, EDGES, "gap-years.md");
golden!(edge_gap_years_end, EDGES, "gap-years-end.txt");
golden!(edge_era_changed_unnamed, EDGES, "era-changed-unnamed.txt");
golden!(edge_long_paragraph, EDGES, "long-paragraph.txt");
golden!(edge_seasonless_notes, EDGES, "seasonless-notes.txt");
golden!(edge_quoted_era, EDGES, "quoted-era.txt");
golden!(
    edge_nianpu_headings_run_on,
    EDGES,
    "nianpu-headings-run-on.md"
);
golden!(
    edge_ganzhi_years_dating_clause,
    EDGES,
    "ganzhi-years-dating-clause.md"
);
golden!(
    edge_ganzhi_years_before_volume,
    EDGES,
    "ganzhi-years-before-volume.md"
);
golden!(edge_ganzhi_ce_headings, EDGES, "ganzhi-ce-headings.txt");

/// A big file's first part, shown while the whole is read, gives the years the whole gives:
/// every entry that starts before the part's last quarter has the same label, CE year, era
/// and doubts as the whole's (the corpus books, each cut where the reader cuts a big file).
#[cfg(feature = "tui")]
#[test]
fn the_first_part_reads_as_the_whole() {
    use annals::tui::progressive::FIRST_PART;
    for book in [
        "books/qidan-guozhi-full.md",
        "kanripo/qianhanji.txt",
        "kanripo/xintangshu-benji.txt",
        "kanripo/yuanshi-benji.txt",
    ] {
        let origin = source::Origin::Path(crate::harness::fixture(book).into());
        let part = source::first_part(&origin, None, 0, FIRST_PART).expect("plain UTF-8");
        let whole = source::read(&origin, None)
            .expect("readable")
            .parse_lazy()
            .chronicle;
        let first = source::segment_as(&origin, part.text.into());
        assert!(whole.text.starts_with(&*first.text), "{book}");
        let safe = first.text.len().saturating_sub(FIRST_PART / 4);
        let key = |c: &Chronicle, e: &annals::model::Entry| {
            (
                c.slice(e.label).to_owned(),
                e.ce,
                e.era,
                e.doubts.clone(),
                e.span.start,
            )
        };
        let shown: Vec<_> = first
            .entries
            .iter()
            .take_while(|e| e.span.start < safe)
            .map(|e| key(&first, e))
            .collect();
        assert!(
            shown.len() > 20,
            "{book}: {} entries in the first part",
            shown.len()
        );
        let same: Vec<_> = whole
            .entries
            .iter()
            .take(shown.len())
            .map(|e| key(&whole, e))
            .collect();
        assert_eq!(shown, same, "{book}");
    }
}
golden!(
    edge_volume_then_reign_paragraph,
    EDGES,
    "volume-then-reign-paragraph.txt"
);
golden!(
    edge_bare_year_parallel_line,
    EDGES,
    "bare-year-parallel-line.txt"
);
golden!(edge_era_first_month_end, EDGES, "era-first-month-end.txt");
golden!(
    edge_era_first_month_proclaimed,
    EDGES,
    "era-first-month-proclaimed.txt"
);
golden!(edge_run_on_eras, EDGES, "run-on-eras.txt");
golden!(edge_split_zhengyue, EDGES, "split-zhengyue.txt");
golden!(edge_nianpu_ganzhi_age, EDGES, "nianpu-ganzhi-age.txt");
golden!(edge_line_start_tail, EDGES, "line-start-tail.txt");
golden!(edge_states_notes_first, EDGES, "states-notes-first.txt");
golden!(edge_states_notes_wrapped, EDGES, "states-notes-wrapped.txt");
golden!(edge_nianpu_ganzhi_slip, EDGES, "nianpu-ganzhi-slip.txt");
golden!(
    edge_kanripo_bracket_years,
    EDGES,
    "kanripo-bracket-years.txt"
);
golden!(edge_note_day_ganzhi, EDGES, "note-day-ganzhi.txt");
golden!(
    edge_kanripo_count_before_note,
    EDGES,
    "kanripo-count-before-note.txt"
);
golden!(edge_ganzhi_era_note, EDGES, "ganzhi-era-note.txt");
golden!(edge_wudai_title, EDGES, "wudai-title.txt");
golden!(
    edge_kanripo_number_split_page,
    EDGES,
    "kanripo-number-split-page.txt"
);
golden!(
    edge_nianpu_misprinted_era,
    EDGES,
    "nianpu-misprinted-era.txt"
);
golden!(
    edge_nianpu_run_on_bare_year,
    EDGES,
    "nianpu-run-on-bare-year.txt"
);
golden!(edge_backfill_later_era, EDGES, "backfill-later-era.txt");
golden!(edge_backfill_ganzhi, EDGES, "backfill-ganzhi.txt");
golden!(edge_ganzhi_before_year, EDGES, "ganzhi-before-year.txt");
golden!(edge_kanripo_suici_note, EDGES, "kanripo-suici-note.txt");
golden!(edge_korean_gap_rulers, EDGES, "korean-gap-rulers.txt");
golden!(edge_korean_gap_rulers_2, EDGES, "korean-gap-rulers-2.txt");
golden!(edge_nianpu_age_no_stop, EDGES, "nianpu-age-no-stop.txt");
golden!(edge_proclaimed_again, EDGES, "proclaimed-again.txt");
golden!(edge_variant_wufeng, EDGES, "variant-wufeng.txt");

/// Years counted on past a missed heading, behind the latest year their 卷 told, are
/// doubtful: 資治通鑑 卷二十七 with `五鳯元年` made unreadable reads `二年`, `三年` in 神爵,
/// behind `神爵四年` (前58).
#[test]
fn years_behind_the_run_are_doubtful() {
    let path = format!("{EDGES}/variant-wufeng.txt");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("五鳯元年", "五Ｑ元年");
    let c = Chronicle::parse(text);
    let years: Vec<(i32, bool)> = c
        .entries
        .iter()
        .map(|e| (e.ce.unwrap_or(0), e.doubts.is_empty()))
        .collect();
    assert_eq!(years.len(), 3, "{years:?}");
    // Every year after 神爵四年 is behind it.
    assert!(
        years[1..].iter().all(|&(y, sure)| y < -58 && !sure),
        "{years:?}"
    );
}
golden!(edge_ruler_successor_era, EDGES, "ruler-successor-era.txt");
golden!(
    edge_kanripo_next_era_print_line,
    EDGES,
    "kanripo-next-era-print-line.txt"
);
golden!(
    edge_kanripo_restated_reign,
    EDGES,
    "kanripo-restated-reign.txt"
);
golden!(
    edge_kanripo_biography_behind,
    EDGES,
    "kanripo-biography-behind.txt"
);
golden!(edge_fragments_in_order, EDGES, "fragments-in-order.md");
golden!(
    edge_closing_lines_title_rebel,
    EDGES,
    "closing-lines-title-rebel.md"
);
golden!(edge_flashback_told_year, EDGES, "flashback-told-year.md");
golden!(
    edge_kanripo_run_on_reigns,
    EDGES,
    "kanripo-run-on-reigns.txt"
);
golden!(
    edge_kanripo_run_on_recount,
    EDGES,
    "kanripo-run-on-recount.txt"
);
golden!(
    edge_kanripo_run_on_untitled,
    EDGES,
    "kanripo-run-on-untitled.txt"
);
golden!(
    edge_kanripo_run_on_accessions,
    EDGES,
    "kanripo-run-on-accessions.txt"
);
golden!(
    edge_kanripo_disputed_reigns,
    EDGES,
    "kanripo-disputed-reigns.txt"
);
golden!(
    edge_kanripo_split_column_years,
    EDGES,
    "kanripo-split-column-years.txt"
);
golden!(
    edge_kanripo_ganzhi_variant,
    EDGES,
    "kanripo-ganzhi-variant.txt"
);
golden!(
    edge_kanripo_two_regimes_annals,
    EDGES,
    "kanripo-two-regimes-annals.txt"
);
golden!(edge_nianpu_contents, EDGES, "nianpu-contents.md");
golden!(
    edge_kanripo_run_on_era_years,
    EDGES,
    "kanripo-run-on-era-years.txt"
);
golden!(
    edge_kanripo_day_after_number,
    EDGES,
    "kanripo-day-after-number.txt"
);
golden!(
    edge_kanripo_proclamation_split,
    EDGES,
    "kanripo-proclamation-split.txt"
);

#[test]
fn notes_sections_are_named_by_their_headings() {
    let c = load(&format!("{EDGES}/kanripo-two-regimes-annals.txt"));
    let names: Vec<&str> = c
        .segments
        .iter()
        .filter(|s| matches!(s.kind, SegmentKind::Notes(_)))
        .map(|s| c.notes_name(s.span))
        .collect();
    assert!(!names.is_empty(), "北史 卷五 ends with its 考證");
    assert!(names.iter().all(|&n| n == "考證"), "{names:?}");
    let c = Chronicle::parse("卷一\n元年。春正月。\n校勘記\n〔一〕春正月 據他本補。\n".to_owned());
    let notes = c
        .segments
        .iter()
        .find(|s| matches!(s.kind, SegmentKind::Notes(_)))
        .expect("a notes section");
    assert_eq!(c.notes_name(notes.span), "校勘記");
}

#[test]
fn proclamations_split_by_a_print_line_are_read() {
    // A Kanripo text (print lines of 22 characters): the new era's name broken by the
    // line break, or ending the line with its 元年 opening the next; the bare `二年` after
    // it is the new era's, 767.
    for (first, second) in [
        (
            "長至上御含元殿下制大赦天下改永泰二年爲大¶",
            "歴元年十二月己亥彗起匏瓜其長尺餘犯宦者星癸¶",
        ),
        (
            "長至上御含元殿下制大赦天下改永泰二年爲大歴¶",
            "元年十二月己亥彗起匏瓜其長尺餘犯宦者星癸卯¶",
        ),
    ] {
        let text = format!(
            "# -*- mode: mandoku-view -*-\n#+TITLE: 舊唐書\n#+PROPERTY: JUAN 11\n\
             永泰二年春正月丁巳朔大雪平地二尺壬申减子孫¶\n{first}\n{second}\n\
             刺史龐充據華州謀叛是冬無雪¶\n二年春正月壬子朔丁巳宻詔闗内河東副元帥郭子¶\n"
        );
        let c = Chronicle::parse(text);
        let years: Vec<(Option<&str>, Option<i32>)> = c
            .entries
            .iter()
            .map(|e| (c.era_standard_name(e), e.ce))
            .collect();
        assert_eq!(
            years,
            [(Some("永泰"), Some(766)), (Some("大曆"), Some(767))],
            "{first}"
        );
    }
}

golden!(
    edge_annotated_unknown_era,
    EDGES,
    "annotated-unknown-era.md"
);

golden!(
    edge_kanripo_first_year_run_on,
    EDGES,
    "kanripo-first-year-run-on.txt"
);
golden!(
    edge_edict_date_in_biography,
    EDGES,
    "edict-date-in-biography.md"
);
golden!(
    edge_shilu_bracketed_dates,
    EDGES,
    "shilu-bracketed-dates.md"
);

#[test]
fn the_first_year_run_on_in_a_biography_is_an_entry_but_not_an_edicts_date() {
    // A 世家 told as one paragraph, unpunctuated: the first year named with its 年號 and a
    // month after it (`…為建求旌節文德元年六月以宰相…`) begins the years.
    let c = load(&format!("{EDGES}/kanripo-first-year-run-on.txt"));
    let years: Vec<Option<i32>> = c.entries.iter().map(|e| e.ce).collect();
    assert_eq!(years, [Some(888)]);
    // The date of an edict quoted in a biography (`…防曰维章武元年五月辛巳皇帝若曰…`) is
    // no year of the annals: the first is 建興二年.
    let c = load(&format!("{EDGES}/edict-date-in-biography.md"));
    assert_eq!(c.entries.first().and_then(|e| e.ce), Some(224));
}
golden!(
    edge_kanripo_run_on_line_start,
    EDGES,
    "kanripo-run-on-line-start.txt"
);
golden!(
    edge_kanripo_run_on_season_gap,
    EDGES,
    "kanripo-run-on-season-gap.txt"
);
golden!(edge_era_after_mention, EDGES, "era-after-mention.md");
golden!(
    edge_kanripo_era_change_unread,
    EDGES,
    "kanripo-era-change-unread.txt"
);

/// A bare year read in the next era whose change the book did not write is in doubt, and
/// the years counted on from it with it; a year of an era counted on past its real end,
/// two years and more, is in doubt (崇禎 counted to the 1890s in Korea).
#[test]
fn years_of_an_era_change_unread_or_counted_on_are_doubtful() {
    let c = load(&format!("{EDGES}/kanripo-era-change-unread.txt"));
    // (`八年五月`, the first year past 甘露's six.)
    let eighth = c.entries.iter().find(|e| e.ce == Some(372));
    assert!(
        eighth.is_some_and(|e| c.label(e) == "八年" && !e.doubts.is_empty()),
        "{:?}",
        eighth.map(|e| (c.label(e), &e.doubts))
    );
    let text = "崇禎十六年，甲。\n\n十七年，乙。\n\n十八年，丙。\n\n十九年，丁。\n\n二十年，戊。\n";
    let c = Chronicle::parse(text.to_owned());
    let years: Vec<(Option<i32>, bool)> = c
        .entries
        .iter()
        .map(|e| (e.ce, e.doubts.is_empty()))
        .collect();
    assert_eq!(
        years,
        [
            (Some(1643), true),
            (Some(1644), true),
            (Some(1645), true),
            (Some(1646), false),
            (Some(1647), false)
        ]
    );
}
golden!(
    edge_run_on_era_after_bare_year,
    EDGES,
    "run-on-era-after-bare-year.md"
);
golden!(
    edge_kanripo_run_on_era_first_years,
    EDGES,
    "kanripo-run-on-era-first-years.txt"
);
golden!(
    edge_named_years_far_apart,
    EDGES,
    "named-years-far-apart.md"
);
golden!(edge_kanripo_kept_era, EDGES, "kanripo-kept-era.txt");
golden!(
    edge_kanripo_ganzhi_two_column_note,
    EDGES,
    "kanripo-ganzhi-two-column-note.txt"
);
golden!(edge_era_ganzhi_years, EDGES, "era-ganzhi-years.md");
golden!(
    edge_ganzhi_comma_era_years,
    EDGES,
    "ganzhi-comma-era-years.md"
);
golden!(
    edge_ruler_ganzhi_era_run_on,
    EDGES,
    "ruler-ganzhi-era-run-on.md"
);
golden!(
    edge_year_contents_titles_then_dated,
    EDGES,
    "year-contents-titles-then-dated.md"
);
golden!(
    edge_ruler_ganzhi_shared_ganzhi,
    EDGES,
    "ruler-ganzhi-shared-ganzhi.md"
);
golden!(
    edge_volume_span_two_dates,
    EDGES,
    "volume-span-two-dates.md"
);
golden!(
    edge_kanripo_accession_year_run_on,
    EDGES,
    "kanripo-accession-year-run-on.txt"
);
golden!(
    edge_next_year_ganzhi_run_on,
    EDGES,
    "next-year-ganzhi-run-on.md"
);
golden!(edge_kanripo_you_ordinals, EDGES, "kanripo-you-ordinals.txt");
golden!(edge_nianpu_dated_run_on, EDGES, "nianpu-dated-run-on.md");
golden!(edge_era_named_next_year, EDGES, "era-named-next-year.md");
golden!(edge_section_other_ruler, EDGES, "section-other-ruler.md");
golden!(
    edge_title_era_column_ganzhi,
    EDGES,
    "title-era-column-ganzhi.txt"
);
golden!(edge_own_dynasty_era, EDGES, "own-dynasty-era.md");
golden!(edge_accession_over_page, EDGES, "accession-over-page.txt");
golden!(edge_era_change_accession, EDGES, "era-change-accession.txt");
golden!(edge_topic_run_on_years, EDGES, "topic-run-on-years.md");
golden!(edge_lost_open_bracket, EDGES, "lost-open-bracket.md");
golden!(edge_ganzhi_before_ruler, EDGES, "ganzhi-before-ruler.md");
golden!(edge_foretold_term, EDGES, "foretold-term.txt");
golden!(edge_own_dynasty_emperor, EDGES, "own-dynasty-emperor.md");
golden!(edge_entity_classic_mark, EDGES, "entity-classic-mark.txt");
golden!(edge_variant_era_char, EDGES, "variant-era-char.txt");
golden!(edge_split_era_name, EDGES, "split-era-name.txt");
golden!(edge_bracketed_annotation, EDGES, "bracketed-annotation.md");
golden!(edge_ruler_without_state, EDGES, "ruler-without-state.txt");
golden!(edge_gazetteer_records, EDGES, "gazetteer-records.txt");
golden!(edge_topic_dukes, EDGES, "topic-dukes.md");
golden!(
    edge_ganzhi_years_anchored,
    EDGES,
    "ganzhi-years-anchored.md"
);
golden!(
    edge_emperor_title_heading,
    EDGES,
    "emperor-title-heading.md"
);
golden!(edge_era_ganzhi_run_on, EDGES, "era-ganzhi-run-on.txt");
