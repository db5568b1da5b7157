//! Tests of the line breaker: one case per rule, each at several widths, awkward ones
//! included (1, 2, odd widths), mixed ASCII and CJK, punctuation runs; the issue 12 inputs;
//! golden files under `tests/fixtures/layout/`; property tests that check every promise of
//! [`wrap_indented`] on random text.

use super::*;
use proptest::prelude::*;

const EMPTY: VisualLine = VisualLine {
    start: 0,
    end: 0,
    width: 0,
};

/// 遼史 卷二十七, from the seed text: a paragraph with 「…」 dialogue.
const SEED: &str = "五月，宋徽宗遣龍圖閣直學士林攄報聘，見天祚，跪上國書，仰首曰：「夏人數寇邊，朝廷興師問罪，以北朝屢遣講和之使，故務含容。今踰年不進誓表，不遣使賀天寧節；又築虎徑嶺、馬練川兩堡，侵寇不已。北朝若不窮詰，恐非所以踐勸和之意。」天祚出不意，為愕然。";

fn is_newline(g: &str) -> bool {
    g == "\n" || g == "\r\n"
}

/// The lines as strings.
fn texts<'a>(text: &'a str, lines: &[VisualLine]) -> Vec<&'a str> {
    lines.iter().map(|l| &text[l.start..l.end]).collect()
}

fn wrapped(text: &str, width: usize) -> Vec<&str> {
    texts(text, &wrap(text, width))
}

/// One visible grapheme of a stretch of text without line breaks, as the rules see it.
#[derive(Debug)]
struct Unit {
    width: usize,
    /// Its class, with what the zero-width graphemes right after it add.
    class: Class,
    /// Columns of the spaces between it and the unit before it.
    spaces: usize,
    /// Those spaces hold a no-break space.
    glued: bool,
}

/// The visible graphemes of `s` (no line breaks in it), spelled out plainly: a space (of
/// any kind) after something visible is not a unit but counts towards the next unit's
/// `spaces`; a space at the start (or after only such spaces) is indentation; zero-width
/// graphemes add to the class of the unit before them, unless spaces came between.
fn units(s: &str) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let mut spaces = 0;
    let mut glued = false;
    for g in s.graphemes(true) {
        let indent = out.iter().all(|u| u.class.is_leading_space());
        if let Some(kind) = space(g).filter(|_| !indent) {
            spaces += grapheme_width(g);
            glued |= kind == Space::Glue;
            continue;
        }
        let width = grapheme_width(g);
        if width == 0 {
            if spaces == 0 {
                if let Some(u) = out.last_mut() {
                    u.class = u.class.then_zero_width(g);
                }
            }
            continue;
        }
        let class = if space(g).is_some() {
            Class::LEADING_SPACE
        } else {
            Class::of(g)
        };
        out.push(Unit {
            width,
            class,
            spaces,
            glued,
        });
        spaces = 0;
        glued = false;
    }
    out
}

/// `s` without the line break that ends it, if any.
fn without_line_break(s: &str) -> &str {
    s.strip_suffix("\r\n")
        .or_else(|| s.strip_suffix('\n'))
        .unwrap_or(s)
}

/// Whether a line may break before unit `k` (k > 0).
fn breaks_before(u: &[Unit], k: usize) -> bool {
    !u[k].glued && allowed(u[k - 1].class, u[k].class, u[k].spaces > 0)
}

/// Allowed break points strictly inside `line` (no line breaks in it), as unit indices.
fn inner_break_points(line: &str) -> Vec<usize> {
    let u = units(line);
    (1..u.len()).filter(|&k| breaks_before(&u, k)).collect()
}

/// Width of the first unbreakable run of `s` (which starts with a visible grapheme that
/// is not a space): up to its first allowed break point (the spaces there left out), a
/// line break, or the end of the text.
fn run_width(s: &str) -> usize {
    let s = without_line_break(s.split_inclusive('\n').next().unwrap_or(""));
    let u = units(s);
    let mut cols = 0;
    for k in 0..u.len() {
        if k > 0 && breaks_before(&u, k) {
            break;
        }
        cols += u[k].spaces + u[k].width;
    }
    cols
}

/// Every promise `wrap_indented` makes, checked on one result.
fn check(text: &str, width: usize, indent: usize, lines: &[VisualLine]) {
    let width = width.max(1);
    let avail = |k: usize| {
        if k == 0 {
            width.saturating_sub(indent).max(1)
        } else {
            width
        }
    };
    assert!(!lines.is_empty(), "no lines for {text:?}");
    if text.is_empty() {
        assert_eq!(lines, [EMPTY]);
        return;
    }
    assert_eq!(lines[0].start, 0);
    assert_eq!(lines.last().unwrap().end, text.len());
    let bounds: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
    let mut joined = String::new();
    for (k, l) in lines.iter().enumerate() {
        let s = &text[l.start..l.end];
        joined.push_str(s);
        assert!(l.start < l.end, "empty line {k} in {text:?}: {lines:?}");
        assert!(bounds.contains(&l.start), "line {k} splits a grapheme");
        let gs: Vec<&str> = s.graphemes(true).collect();
        let forced = is_newline(gs[gs.len() - 1]);
        assert!(
            gs[..gs.len() - 1].iter().all(|g| !is_newline(g)),
            "line break inside line {k}: {s:?}"
        );
        let body = without_line_break(s);
        let u = units(body);
        // Spaces after the last unit hang (only at a forced break or the end of the text,
        // as a soft break drops them): they count no columns.
        let cols: usize = u.iter().map(|u| u.spaces + u.width).sum();
        assert_eq!(l.width, cols, "width of line {k}: {s:?}");
        if l.width > avail(k) {
            assert_eq!(u.len(), 1, "line {k} too wide: {s:?} at {}", avail(k));
        }
        if k + 1 == lines.len() {
            continue;
        }
        let next = lines[k + 1];
        let gap = &text[l.end..next.start];
        if forced {
            assert_eq!(gap, "", "a forced break drops nothing");
            continue;
        }
        // A break the wrapper chose: only spaces (and zero-width graphemes among them)
        // are dropped, and they are all the spaces there.
        assert!(
            gap.is_empty() || gap.graphemes(true).next().and_then(space).is_some(),
            "line {k}: gap {gap:?} in {text:?}"
        );
        assert!(
            gap.graphemes(true)
                .all(|g| space(g).is_some() || grapheme_width(g) == 0),
            "line {k}: gap {gap:?}"
        );
        joined.push_str(gap);
        assert!(l.width > 0, "blank line {k} in {text:?}: {lines:?}");
        let last_shown = s.graphemes(true).rev().find(|g| grapheme_width(g) > 0);
        assert!(
            last_shown.and_then(space).is_none() || u.iter().all(|u| u.class.is_leading_space()),
            "line {k} {s:?} ends with a space it broke at"
        );
        let rest = &text[next.start..];
        let b = rest.graphemes(true).next().unwrap();
        assert!(
            grapheme_width(b) > 0,
            "line {} starts with a zero-width grapheme",
            k + 1
        );
        let gap_cols: usize = gap
            .graphemes(true)
            .filter(|&g| space(g).is_some())
            .map(grapheme_width)
            .sum();
        // The break, as the rules see it: the line's last unit, then the next line's first.
        let pair = units(&text[l.start..next.start + b.len()]);
        let last = pair.len() - 1;
        if last > 0 && breaks_before(&pair, last) {
            assert!(
                space(b).is_none() || u.iter().all(|u| u.class.is_leading_space()),
                "line {} starts with a space",
                k + 1
            );
            // clreq, said plainly: no opening mark at the end of the line (whatever
            // spaces follow it), no closing mark at the start of the next (whatever
            // spaces came before it).
            let last_shown = body
                .graphemes(true)
                .rev()
                .find(|&g| grapheme_width(g) > 0 && space(g).is_none());
            assert!(
                !last_shown.is_some_and(is_opening),
                "line {k} {s:?} ends with an opening mark"
            );
            assert!(!is_closing(b), "line {} starts with {b:?}", k + 1);
            // Greedy: the next unbreakable run would not have fitted on this line.
            assert!(
                l.width + gap_cols + run_width(rest) > avail(k),
                "line {k} {s:?} broke early at width {}",
                avail(k)
            );
        } else {
            // Emergency break: only when the line had no allowed break point at all,
            // and only when the next grapheme really did not fit.
            assert!(
                inner_break_points(body).is_empty(),
                "line {k} {s:?} | {b:?}: forbidden break, though the line could break"
            );
            assert!(
                l.width + gap_cols + grapheme_width(b) > avail(k),
                "needless emergency break in line {k} {s:?} at {}",
                avail(k)
            );
        }
    }
    assert_eq!(joined, text);
}

fn checked(text: &str, width: usize) -> Vec<&str> {
    let lines = wrap(text, width);
    check(text, width, 0, &lines);
    texts(text, &lines)
}

/// The lines of `text` at every width from 1 to 100, all checked.
fn at_all_widths(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    (1..=100).map(move |w| (w, checked(text, w)))
}

#[test]
fn empty_text_is_one_empty_line() {
    assert_eq!(wrap("", 10), [EMPTY]);
    assert_eq!(wrap("", 0), [EMPTY]);
    assert_eq!(wrap_indented("", 4, 8), [EMPTY]);
}

#[test]
fn width_one_and_zero() {
    // A Han character is wider than the line: it makes a line by itself.
    assert_eq!(checked("乾統", 1), ["乾", "統"]);
    assert_eq!(checked("乾統", 0), ["乾", "統"]);
    assert_eq!(
        wrap("乾統", 1),
        [
            VisualLine {
                start: 0,
                end: 3,
                width: 2
            },
            VisualLine {
                start: 3,
                end: 6,
                width: 2
            },
        ]
    );
    // Even 禁則 cannot keep two graphemes on a 1-column line: emergency breaks.
    assert_eq!(checked("年。", 1), ["年", "。"]);
    assert_eq!(checked("「乾」", 1), ["「", "乾", "」"]);
    assert_eq!(checked("abc", 1), ["a", "b", "c"]);
    assert_eq!(checked("a乾b", 1), ["a", "乾", "b"]);
}

#[test]
fn width_two_and_three() {
    assert_eq!(checked("乾統元年", 2), ["乾", "統", "元", "年"]);
    assert_eq!(checked("乾統元年", 3), ["乾", "統", "元", "年"]);
    assert_eq!(checked("ab乾cd", 3), ["ab", "乾", "cd"]);
    assert_eq!(checked("abcd", 2), ["ab", "cd"]);
}

#[test]
fn odd_widths() {
    let t = "乾統元年天祚皇帝";
    assert_eq!(checked(t, 5), ["乾統", "元年", "天祚", "皇帝"]);
    assert_eq!(checked(t, 7), ["乾統元", "年天祚", "皇帝"]);
    assert_eq!(checked(t, 9), ["乾統元年", "天祚皇帝"]);
    for l in wrap(t, 9) {
        assert_eq!(l.width, 8);
    }
    // Odd width with one-column characters: the odd column gets used.
    assert_eq!(checked("a乾統元", 5), ["a乾統", "元"]);
}

#[test]
fn width_80() {
    assert_eq!(checked(SEED, 80).len(), 4);
    let lines = wrap(SEED, 80);
    assert!(lines.iter().all(|l| l.width <= 80));
    assert_eq!(lines[0].width, 80);
    let short = "乾統元年春正月";
    assert_eq!(checked(short, 80), [short]);
    assert_eq!(wrap(short, 80)[0].width, 14);
}

#[test]
fn mixed_ascii_and_cjk() {
    assert_eq!(checked("abc乾統def", 5), ["abc乾", "統def"]);
    assert_eq!(checked("abc乾統def", 4), ["abc", "乾統", "def"]);
    assert_eq!(checked("abc乾統def", 3), ["abc", "乾", "統", "def"]);
    assert_eq!(checked("abc乾統def", 12), ["abc乾統def"]);
    assert_eq!(wrap("abc乾統def", 12)[0].width, 10);
}

#[test]
fn ascii_words_and_numbers_stay_whole() {
    // The spaces at each break are dropped.
    assert_eq!(checked("year 1102 was", 6), ["year", "1102", "was"]);
    assert_eq!(checked("year 1102 was", 7), ["year", "1102", "was"]);
    assert_eq!(checked("year 1102 was", 9), ["year 1102", "was"]);
    assert_eq!(checked("乾統二年1102年", 8), ["乾統二年", "1102年"]);
    assert_eq!(checked("乾統1102年", 6), ["乾統", "1102年"]);
    // A word longer than the line is cut where the width runs out.
    assert_eq!(checked("Tianzuo", 3), ["Tia", "nzu", "o"]);
}

#[test]
fn closing_mark_carries_previous_character_down() {
    // Naively: 乾統元年 | 。 — the full stop would start line 2.
    assert_eq!(checked("乾統元年。", 8), ["乾統元", "年。"]);
    // The same with a comma mid-text.
    assert_eq!(checked("天祚皇帝，遣使", 8), ["天祚皇", "帝，遣使"]);
    // ASCII closing punctuation too.
    assert_eq!(checked("abc 1102.", 8), ["abc", "1102."]);
    assert_eq!(checked("乾統元年!", 8), ["乾統元", "年!"]);
}

#[test]
fn closing_runs_at_the_break() {
    // 」。 right at the break: neither may start the line, so 年 comes down with both.
    assert_eq!(checked("乾統元年」。天祚", 10), ["乾統元", "年」。天祚"]);
    assert_eq!(checked("乾統元年」。天祚", 8), ["乾統元", "年」。天", "祚"]);
    // 。」 likewise.
    assert_eq!(checked("曰可汗至。」天祚", 10), ["曰可汗", "至。」天祚"]);
    // ：「 — the colon may not start a line and the bracket may not end one.
    assert_eq!(
        checked("天祚曰：「乾統」", 6),
        ["天祚", "曰：", "「乾", "統」"]
    );
    assert_eq!(checked("天祚曰：「乾統」", 10), ["天祚曰：", "「乾統」"]);
    // The break lands between ： and 「 when the width runs out inside 「…: 「 goes down.
    assert_eq!(checked("仰首曰：「夏人", 10), ["仰首曰：", "「夏人"]);
}

#[test]
fn opening_mark_never_ends_a_line() {
    // Naively: 乾統元年「 | 天 — the bracket would end line 1.
    assert_eq!(checked("乾統元年「天祚」", 10), ["乾統元年", "「天祚」"]);
    assert_eq!(checked("乾統元年（天祚）", 10), ["乾統元年", "（天祚）"]);
    assert_eq!(checked("abc (def)", 5), ["abc", "(def)"]);
    assert_eq!(checked("『「乾統", 4), ["『「", "乾統"]);
    // 『「 then a character that does not fit: the brackets go down together.
    assert_eq!(checked("乾『「統", 6), ["乾", "『「統"]);
}

#[test]
fn only_punctuation_is_an_emergency() {
    assert_eq!(checked("。。。。。", 4), ["。。", "。。", "。"]);
    assert_eq!(checked("」」」", 1), ["」", "」", "」"]);
    assert_eq!(checked("「「「「", 5), ["「「", "「「"]);
    assert_eq!(checked("。」、！？）", 6), ["。」、", "！？）"]);
    assert_eq!(checked("......", 4), ["....", ".."]);
    let long = "。".repeat(1000);
    let lines = wrap(&long, 7);
    check(&long, 7, 0, &lines);
    assert_eq!(lines.len(), 334);
}

#[test]
fn controls_are_one_column() {
    assert_eq!(checked("a\u{1b}\u{7}b", 2), ["a\u{1b}", "\u{7}b"]);
    assert_eq!(wrap("\u{1b}[2J", 80)[0].width, 4);
    assert_eq!(checked("乾\u{1b}統", 3), ["乾\u{1b}", "統"]);
    // A lone CR is a control, not a line break.
    assert_eq!(checked("ab\rcd", 3), ["ab\r", "cd"]);
    assert_eq!(wrap("ab\rcd", 10)[0].width, 5);
    // TAB shows as one space.
    assert_eq!(wrap("\t乾", 10)[0].width, 3);
}

#[test]
fn emoji_and_combining_marks() {
    assert_eq!(checked("👍👍👍", 4), ["👍👍", "👍"]);
    // A ZWJ family is one grapheme, never split. Terminals disagree on joining it (two
    // columns or six), so the joiners are not written: it shows as its three people.
    let family = "👨\u{200d}👩\u{200d}👧";
    assert_eq!(wrap(family, 80)[0].width, 6);
    assert_eq!(sanitize(family), "👨👩👧");
    assert_eq!(
        checked(&format!("乾{family}統"), 8),
        [format!("乾{family}"), "統".into()]
    );
    assert_eq!(checked(&format!("乾{family}統"), 4), ["乾", family, "統"]);
    assert_eq!(checked(family, 1), [family]);
    // e + combining acute is one column and still a letter: the word stays whole.
    let cafe = "cafe\u{301} au lait";
    assert_eq!(checked(cafe, 6), ["cafe\u{301}", "au", "lait"]);
    // A combining mark on a Han character adds no width.
    assert_eq!(checked("乾\u{301}統元", 4), ["乾\u{301}統", "元"]);
    // A stray combining mark (after a control) is zero-width and sticks to the left.
    assert_eq!(checked("\u{1b}\u{301}乾", 1), ["\u{1b}\u{301}", "乾"]);
    assert_eq!(checked("\u{301}乾統", 1), ["\u{301}乾", "統"]);
    // U+200B is invisible: no line starts with it, and 禁則 looks through it.
    assert_eq!(checked("乾統\u{200b}元", 4), ["乾統\u{200b}", "元"]);
    assert_eq!(checked("乾統\u{200b}。", 4), ["乾", "統\u{200b}。"]);
}

#[test]
fn outside_the_bmp() {
    assert_eq!(checked("𣈆𣈆𣈆", 4), ["𣈆𣈆", "𣈆"]);
    assert_eq!(
        wrap("𣈆𣈆𣈆", 4)[1],
        VisualLine {
            start: 8,
            end: 12,
            width: 2
        }
    );
    assert_eq!(checked("乾𣈆。", 4), ["乾", "𣈆。"]);
    assert_eq!(checked("𣈆", 1), ["𣈆"]);
}

#[test]
fn forced_line_breaks() {
    assert_eq!(checked("乾統\n元年", 80), ["乾統\n", "元年"]);
    assert_eq!(
        wrap("乾統\n元年", 80),
        [
            VisualLine {
                start: 0,
                end: 7,
                width: 4
            },
            VisualLine {
                start: 7,
                end: 13,
                width: 4
            },
        ]
    );
    assert_eq!(checked("a\n\nb", 80), ["a\n", "\n", "b"]);
    assert_eq!(checked("a\r\nb", 80), ["a\r\n", "b"]);
    assert_eq!(wrap("a\r\nb", 80)[0].width, 1);
    // No extra empty line after a final line break.
    assert_eq!(checked("abc\n", 80), ["abc\n"]);
    assert_eq!(checked("\n", 80), ["\n"]);
    assert_eq!(checked("\n\n", 80), ["\n", "\n"]);
    // A line break that would land at the width stays on its line.
    assert_eq!(checked("乾統\n元年", 4), ["乾統\n", "元年"]);
    assert_eq!(checked("乾統元年\n天祚", 4), ["乾統", "元年\n", "天祚"]);
    // A closing mark right after a line break may start the line: the break is forced.
    assert_eq!(checked("乾統\n。", 4), ["乾統\n", "。"]);
    // A line break after a too-wide grapheme stays with it.
    assert_eq!(checked("乾\n統", 1), ["乾\n", "統"]);
}

#[test]
fn first_line_indent() {
    let t = "乾統元年天祚皇帝";
    let lines = wrap_indented(t, 8, 4);
    check(t, 8, 4, &lines);
    assert_eq!(texts(t, &lines), ["乾統", "元年天祚", "皇帝"]);
    // Odd leftover on the first line.
    let lines = wrap_indented(t, 8, 3);
    check(t, 8, 3, &lines);
    assert_eq!(texts(t, &lines), ["乾統", "元年天祚", "皇帝"]);
    // An indent that eats the whole line leaves one column: one grapheme.
    let lines = wrap_indented(t, 8, 8);
    check(t, 8, 8, &lines);
    assert_eq!(texts(t, &lines), ["乾", "統元年天", "祚皇帝"]);
    // The indent shortens the first line only, also when 禁則 pushes text down from it.
    let t = "乾統元年。天祚";
    let lines = wrap_indented(t, 10, 2);
    check(t, 10, 2, &lines);
    assert_eq!(texts(t, &lines), ["乾統元", "年。天祚"]);
    // ...and not the first line after a forced break.
    let t = "乾統\n元年天祚";
    let lines = wrap_indented(t, 8, 4);
    check(t, 8, 4, &lines);
    assert_eq!(texts(t, &lines), ["乾統\n", "元年天祚"]);
    assert_eq!(wrap_indented(t, 8, 0), wrap(t, 8));
}

#[test]
fn fast_width_agrees_with_grapheme_width() {
    let ranges = [
        0x3000..=0x30FF,
        0x3400..=0x4DBF,
        0x4E00..=0x9FFF,
        0xFF00..=0xFFEF,
    ];
    for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
        let g = c.to_string();
        assert_eq!(fast_width(&g), grapheme_width(&g), "U+{:04X}", c as u32);
    }
}

#[test]
fn seed_paragraph() {
    for width in [20, 21, 40] {
        let lines = wrap(SEED, width);
        check(SEED, width, 0, &lines);
        for (k, l) in lines.iter().enumerate() {
            let s = &SEED[l.start..l.end];
            assert!(l.width <= width, "line {k} too wide at {width}: {s}");
            assert!(
                !is_closing(s.graphemes(true).next().unwrap()),
                "line {k}: {s}"
            );
            assert!(
                !is_opening(s.graphemes(true).next_back().unwrap()),
                "line {k}: {s}"
            );
        }
        assert_eq!(texts(SEED, &lines).concat(), SEED);
    }
    // At width 20, 曰 would end line 3 and ： start line 4: 曰 goes down with ：「.
    let lines = wrapped(SEED, 20);
    assert_eq!(lines[2], "祚，跪上國書，仰首");
    assert!(lines[3].starts_with("曰：「夏人"));
    // ...and 。」 would start line 12: 意 goes down with both.
    assert_eq!(lines[10], "詰，恐非所以踐勸和之");
    assert_eq!(lines[11], "意。」天祚出不意，為");
    assert_eq!(lines.len(), 13);
    // At width 21 the odd column stays empty: same lines as at 20.
    assert_eq!(wrapped(SEED, 21), lines);
    // At width 40 the final 。 would start a line: 然 goes down with it.
    let lines = wrapped(SEED, 40);
    assert_eq!(lines[0], "五月，宋徽宗遣龍圖閣直學士林攄報聘，見天");
    assert_eq!(lines[5], "恐非所以踐勸和之意。」天祚出不意，為愕");
    assert_eq!(lines[6], "然。");
}

#[test]
fn linear_on_long_unbreakable_input() {
    // 100 000 letters with no break point: one emergency break per line, no
    // backtracking over the whole text.
    let t = "a".repeat(100_000);
    let lines = wrap(&t, 7);
    assert_eq!(lines.len(), 100_000usize.div_ceil(7));
    check(&t[..700], 7, 0, &wrap(&t[..700], 7));
}

// ----- issue 12 -----

/// `show 1101 sp.txt --width 11`, from the bug report (item 6).
const SPACE_AT_BREAK: &str =
    include_str!("../../tests/fixtures/layout/issue-12-space-at-break.txt");
/// Mixed ASCII and CJK, from the same report.
const MIXED: &str = include_str!("../../tests/fixtures/layout/issue-12-mixed-ascii-cjk.txt");
/// A modern punctuated edition with a space before a comma (item 13): the text before the
/// space is 80 columns wide.
const SPACE_BEFORE_COMMA: &str =
    include_str!("../../tests/fixtures/layout/issue-12-space-before-comma.txt");

/// The paragraph as `annals show` prints it and the reader draws it: laid out by
/// [`crate::view::lay_out`], the one layout both use.
fn shown(text: &str, width: usize) -> Vec<String> {
    let lines = crate::view::lay_out(text, 0..text.len(), width, false);
    crate::view::to_plain_lines(text, &lines).collect()
}

/// The lines as they are printed (a tab shows as a space).
fn sanitized(lines: Vec<&str>) -> Vec<String> {
    lines
        .into_iter()
        .map(|l| sanitize(l).into_owned())
        .collect()
}

#[test]
fn issue_12_item_6_a_wrapped_line_does_not_start_with_the_space_it_broke_at() {
    let text = SPACE_AT_BREAK.trim_end();
    // `show --width 11`: the second line was ` klmno`.
    assert_eq!(
        checked(text, 11),
        ["乾統元年。", "abcde fghij", "klmno pqrst", "uvwxy。"]
    );
    // The reader at 23 columns.
    assert_eq!(
        checked(text, 23),
        ["乾統元年。abcde fghij", "klmno pqrst uvwxy。"]
    );
    for width in [11, 23] {
        let want = checked(text, width);
        assert_eq!(shown(SPACE_AT_BREAK, width), want, "view at {width}");
    }
    // And at every width, the input of the report too.
    for t in [text, MIXED.trim_end()] {
        for (w, lines) in at_all_widths(t) {
            for l in &lines[1..] {
                assert!(!l.starts_with(' '), "{l:?} at {w}");
            }
            for l in crate::view::lay_out(t, 0..t.len(), w, false) {
                let s = &t[l.range()];
                assert!(!s.starts_with(' ') && !s.ends_with(' '), "{s:?} at {w}");
                assert!(!s.is_empty(), "blank line at {w}");
            }
        }
    }
    let lines = wrap(text, 11);
    // The dropped spaces are between the lines' ranges.
    assert_eq!(&text[lines[1].end..lines[2].start], " ");
    assert_eq!(lines[1].width, 11);
}

#[test]
fn issue_12_mixed_ascii_and_cjk_at_many_widths() {
    let text = MIXED.trim_end();
    assert_eq!(
        checked(text, 40),
        [
            "乾統元年。一二三四五六七八九十Group1一二",
            "三四五六七八九十Group2一二三四五六七八九",
            "十Group3一二三四五六七八九十Group4一二三",
            "四五六七八九十Group5。See KR2a0019",
            "p.1101 and 1102.",
        ]
    );
    // Words and numbers are never split where a line could break elsewhere; `p.1101`
    // stays whole (no break before a digit after `.`).
    for (w, lines) in at_all_widths(text).filter(|(w, _)| *w >= 8) {
        for word in ["Group1", "Group5。", "KR2a0019", "p.1101", "1102."] {
            assert!(
                lines.iter().any(|l| l.contains(word)),
                "{word} split at {w}: {lines:?}"
            );
        }
    }
}

#[test]
fn issue_12_item_13_a_space_does_not_open_a_break_before_closing_punctuation() {
    let text = SPACE_BEFORE_COMMA.trim_end();
    let lines = checked(text, 80);
    // 手 comes down with the space and the comma; no line starts with either.
    assert!(lines[0].ends_with("之"), "{lines:?}");
    assert!(lines[1].starts_with("手 ，日夜"), "{lines:?}");
    // (Below 5 columns 手, the space and the comma do not fit on one line.)
    for (w, lines) in at_all_widths(text).filter(|(w, _)| *w >= 5) {
        for l in &lines[1..] {
            assert!(!l.starts_with([' ', '，']), "{l:?} at {w}");
        }
        for l in shown(text, w).iter().skip(1) {
            assert!(!l.trim_start().starts_with('，'), "{l:?} at {w}");
        }
    }
    // Nor after an opening mark, nor before one that is closing.
    assert_eq!(checked("天祚 「乾統」", 8), ["天祚", "「乾統」"]);
    assert_eq!(checked("天祚「 乾統」", 6), ["天祚", "「 乾", "統」"]);
    assert_eq!(checked("天祚 。乾統", 6), ["天", "祚 。", "乾統"]);
    assert_eq!(checked("abc ( def", 5), ["abc", "( def"]);
    assert_eq!(checked("abc . def", 5), ["abc .", "def"]);
}

// ----- every kind of space -----

/// The spaces a break may fall after: UAX #14's SP, and its spaces of class BA.
const BREAK_SPACES: &[char] = &[
    ' ', '\t', '\u{3000}', '\u{1680}', '\u{2000}', '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}',
    '\u{2005}', '\u{2006}', '\u{2008}', '\u{2009}', '\u{200A}', '\u{205F}',
];
/// The no-break spaces: UAX #14's GL.
const GLUE_SPACES: &[char] = &['\u{A0}', '\u{2007}', '\u{202F}'];

/// Whether `c` is a space of any kind.
fn is_any_space(c: char) -> bool {
    BREAK_SPACES.contains(&c) || GLUE_SPACES.contains(&c)
}

/// `line` without its line break and the spaces (of any kind) and zero-width graphemes at
/// its end.
fn trim_spaces(line: &str) -> &str {
    let mut t = without_line_break(line);
    while let Some(g) = t.graphemes(true).next_back() {
        if space(g).is_none() && grapheme_width(g) > 0 {
            break;
        }
        t = &t[..t.len() - g.len()];
    }
    t
}

#[test]
fn every_kind_of_space_is_known_by_its_kind() {
    for &sp in BREAK_SPACES {
        assert_eq!(space(&sp.to_string()), Some(Space::Break), "{sp:?}");
        // With a selector or a joiner after it, still a space.
        assert_eq!(
            space(&format!("{sp}\u{FE00}")),
            Some(Space::Break),
            "{sp:?}"
        );
    }
    for &sp in GLUE_SPACES {
        assert_eq!(space(&sp.to_string()), Some(Space::Glue), "{sp:?}");
    }
    // A space carrying a combining mark is a visible character.
    assert_eq!(space(" \u{301}"), None);
    // Zero-width "spaces" are not spaces here: they take no room (see is_hidden).
    for z in ["\u{200B}", "\u{2060}", "\u{FEFF}", "乾", "。"] {
        assert_eq!(space(z), None, "{z:?}");
    }
    assert_eq!(grapheme_width("\u{3000}"), 2);
    assert_eq!(grapheme_width("\u{2009}"), 1);
}

#[test]
fn every_kind_of_space_is_dropped_at_a_break() {
    for &sp in BREAK_SPACES {
        let w = grapheme_width(&sp.to_string());
        assert_eq!(
            checked(&format!("天祚皇帝{sp}遣使"), 8),
            ["天祚皇帝", "遣使"],
            "{sp:?}"
        );
        assert_eq!(checked(&format!("ab{sp}cd"), 3), ["ab", "cd"], "{sp:?}");
        // Where the line has room, the space stays and counts.
        let text = format!("ab{sp}cd");
        assert_eq!(checked(&text, 4 + w), [text.as_str()], "{sp:?}");
        assert_eq!(wrap(&text, 4 + w)[0].width, 4 + w, "{sp:?}");
        // At the start of a line, spaces are indentation and stay with what follows.
        let text = format!("{sp}{sp}乾統");
        assert_eq!(
            checked(&text, 2 * w + 2),
            [format!("{sp}{sp}乾"), "統".into()]
        );
    }
}

#[test]
fn a_space_after_an_opening_mark_opens_no_break() {
    for &sp in BREAK_SPACES.iter().chain(GLUE_SPACES) {
        // 「 and the space fill the line: 「 goes down with what follows it.
        assert_eq!(
            checked(&format!("天祚曰：「{sp}乾統"), 12),
            ["天祚曰：", &format!("「{sp}乾統")],
            "{sp:?}"
        );
        assert_eq!(
            checked(&format!("群臣皆拜（{sp}按：此"), 12),
            ["群臣皆拜", &format!("（{sp}按：此")],
            "{sp:?}"
        );
        assert_eq!(
            checked(&format!("ab ({sp}cd"), 5),
            ["ab", &format!("({sp}cd")]
        );
    }
}

#[test]
fn closing_punctuation_never_starts_a_line_after_any_space() {
    for &sp in BREAK_SPACES.iter().chain(GLUE_SPACES) {
        for mark in ['。', '，', '」', '）', '、', '！'] {
            let text = format!("天祚皇帝{sp}{mark}遣使");
            // 帝, the space and the mark go down together.
            for width in 8..=9 {
                let lines = checked(&text, width);
                assert_eq!(lines[0], "天祚皇", "{sp:?} {mark} at {width}");
                assert!(lines[1].starts_with(&format!("帝{sp}{mark}")), "{lines:?}");
            }
            for (w, lines) in at_all_widths(&text) {
                for l in &lines[1..] {
                    assert!(!l.starts_with(is_any_space), "{l:?} at {w}: {lines:?}");
                    if w >= 6 {
                        assert!(!l.starts_with(mark), "{l:?} at {w}: {lines:?}");
                    }
                }
            }
        }
    }
}

#[test]
fn no_break_spaces_never_break() {
    for &sp in GLUE_SPACES {
        assert_eq!(
            checked(&format!("天祚皇帝{sp}遣使"), 9),
            ["天祚皇", &format!("帝{sp}遣使")],
            "{sp:?}"
        );
        assert_eq!(
            checked(&format!("Tianzuo{sp}1101"), 12),
            [format!("Tianzuo{sp}1101")]
        );
        // Only where nothing else can be done (an emergency break) is the line cut at
        // one, and then it is dropped: even so no line starts with a space.
        assert_eq!(checked(&format!("abc{sp}def"), 3), ["abc", "def"], "{sp:?}");
        assert_eq!(checked(&format!("ab{sp}{sp}cd"), 2), ["ab", "cd"], "{sp:?}");
    }
}

/// The report's `open-then-widespace.txt`: `曰：「` before U+3000 and `拜（` before U+2009
/// ended lines at 18, 19, 23, 24, 25, 37, 38 and 39 columns, in `show` and the reader.
const OPEN_THEN_WIDE_SPACE: &str =
    include_str!("../../tests/fixtures/layout/open-bracket-then-wide-space.txt");
/// Its `linebreak.txt`, year 1103: ideographic spaces between brackets and stops.
const IDEOGRAPHIC_SPACES: &str = include_str!("../../tests/fixtures/layout/ideographic-spaces.txt");

#[test]
fn an_opening_mark_before_a_wide_space_does_not_end_a_line() {
    let text = OPEN_THEN_WIDE_SPACE.trim_end();
    assert_eq!(
        shown(text, 38),
        [
            "    乾統元年。春正月，帝謂群臣曰：",
            "「\u{3000}天下大悅，朕甚嘉之。」群臣皆拜",
            "（\u{2009}按：此事見遼史。）",
        ]
    );
    assert_eq!(
        shown(text, 24),
        [
            "    乾統元年。春正月，帝",
            "謂群臣曰：「\u{3000}天下大悅，",
            "朕甚嘉之。」群臣皆拜",
            "（\u{2009}按：此事見遼史。）",
        ]
    );
    // At every width where `（ 按：`, the widest run that may not be broken, fits on a line,
    // no line ends with an opening mark or starts with a space or a closing one.
    for (w, lines) in at_all_widths(text).filter(|(w, _)| *w >= 7) {
        let n = lines.len();
        for l in &lines[..n - 1] {
            assert!(
                !trim_spaces(l).ends_with(['「', '（']),
                "{l:?} at {w}: {lines:?}"
            );
        }
        for l in &lines[1..] {
            assert!(!l.starts_with(is_any_space), "{l:?} at {w}");
            assert!(
                !l.starts_with(['。', '，', '」', '）', '：']),
                "{l:?} at {w}"
            );
        }
        let plain = shown(text, w);
        for l in &plain[..plain.len() - 1] {
            assert!(
                !trim_spaces(l).ends_with(['「', '（']),
                "{l:?} at {w}: {plain:?}"
            );
        }
    }
}

#[test]
fn ideographic_spaces_between_marks() {
    let text = IDEOGRAPHIC_SPACES.trim_end();
    // 格　」　，　。 may not be broken anywhere (no break before a closing mark, whatever
    // spaces come first) and is 14 columns wide: from 14 columns on, no line starts with
    // a space or a stop; below, that run is cut where the width runs out, at a space.
    assert_eq!(
        checked(text, 14),
        [
            "乾統三年。",
            "「\u{3000}全角空",
            "格\u{3000}」\u{3000}，\u{3000}。",
            "（\u{3000}）"
        ]
    );
    assert_eq!(
        checked(text, 12),
        [
            "乾統三年。",
            "「\u{3000}全角空",
            "格\u{3000}」\u{3000}，",
            "。\u{3000}（\u{3000}）"
        ]
    );
    for (w, lines) in at_all_widths(text) {
        for l in &lines[1..] {
            assert!(!l.starts_with(is_any_space), "{l:?} at {w}: {lines:?}");
            if w >= 14 {
                assert!(!l.starts_with(['。', '，', '」', '）']), "{l:?} at {w}");
            }
        }
        if w >= 6 {
            let n = lines.len();
            for l in &lines[..n - 1] {
                assert!(
                    !trim_spaces(l).ends_with(['「', '（']),
                    "{l:?} at {w}: {lines:?}"
                );
            }
        }
    }
}

// ----- one case per class of clreq's rules -----

/// Marks that may not start a line, one class after another.
const NO_START: &[(&str, &str)] = &[
    ("pause and stop marks", "、，。．：；！？,.:;!?"),
    (
        "closing brackets, quotes and book-title marks",
        "」』）］｝】〕〗〙〛〉》｠｣〞〟﹂”’»)]}",
    ),
    ("connector marks", "-‐–～〜"),
    ("interpuncts", "·・‧･"),
    ("solidi", "/／"),
    ("iteration marks", "々〻ゝゞヽヾ〃"),
    (
        "prolonged sound mark and small kana",
        "ーぁぃっゃァィッャㇰｧｯ",
    ),
    ("units after a number", "%％‰°℃′″"),
    ("superscripts and subscripts", "¹²³⁴⁵₁₂"),
];

/// Marks that may not end a line.
const NO_END: &[(&str, &str)] = &[(
    "opening brackets, quotes and book-title marks",
    "「『（［｛【〔〖〘〚〈《｟｢〝“‘«([{",
)];

#[test]
fn clreq_line_start_prohibition_one_class_at_a_time() {
    // 天祚皇帝 fills 8 columns: a naive break would start the next line with the mark.
    for (name, marks) in NO_START {
        for m in marks.chars() {
            if m == '〃' {
                continue; // a ditto mark is a Han-like character in UAX #14: allowed
            }
            let g = m.to_string();
            assert!(is_closing(&g), "{name}: {m:?}");
            assert!(!is_opening(&g), "{name}: {m:?}");
            let text = format!("天祚皇帝{m}遣使");
            assert_eq!(
                checked(&text, 8),
                ["天祚皇", &format!("帝{m}遣使")],
                "{name}: {m:?}"
            );
            // The same in `show` and the reader, at every width narrow enough to go
            // without a paragraph indent.
            for w in 1..24 {
                assert_eq!(
                    shown(&text, w),
                    sanitized(checked(&text, w)),
                    "{m:?} at {w}"
                );
            }
            for (w, lines) in at_all_widths(&text) {
                if w >= 4 {
                    assert!(
                        !lines.iter().any(|l| l.starts_with(m)),
                        "{name} {m:?} at {w}"
                    );
                }
            }
            // Also after a word, and after a space.
            assert_eq!(checked(&format!("ab cd{m}"), 5), ["ab", &format!("cd{m}")]);
            assert!(!checked(&format!("天祚 {m}遣使"), 5)[1].starts_with(m));
        }
    }
    assert!(!is_closing("〃"));
}

#[test]
fn clreq_line_end_prohibition() {
    for (name, marks) in NO_END {
        for m in marks.chars() {
            let g = m.to_string();
            assert!(is_opening(&g), "{name}: {m:?}");
            assert!(!is_closing(&g), "{name}: {m:?}");
            // 天祚皇 and the mark fill 7 or 8 columns: a naive break would end the line
            // with the mark.
            let text = format!("天祚皇{m}帝遣使");
            assert_eq!(
                checked(&text, 8),
                ["天祚皇", &format!("{m}帝遣使")],
                "{name}: {m:?}"
            );
            for w in 1..24 {
                assert_eq!(
                    shown(&text, w),
                    sanitized(checked(&text, w)),
                    "{m:?} at {w}"
                );
            }
            for (w, lines) in at_all_widths(&text) {
                if w >= 4 {
                    let n = lines.len();
                    assert!(
                        !lines[..n - 1].iter().any(|l| l.ends_with(m)),
                        "{m:?} at {w}"
                    );
                }
            }
            // Also before a space.
            assert_eq!(
                checked(&format!("ab {m} cd"), 5),
                ["ab", &format!("{m} cd")]
            );
        }
    }
}

#[test]
fn clreq_runs_of_closing_and_opening_marks() {
    // 」。 right at the break: neither may start the line, so 年 comes down with both.
    assert_eq!(checked("乾統元年」。天祚", 10), ["乾統元", "年」。天祚"]);
    // ：「 — the colon may not start a line and the bracket may not end one.
    assert_eq!(
        checked("天祚曰：「乾統」", 6),
        ["天祚", "曰：", "「乾", "統」"]
    );
    // 」「 — a break between a closing and an opening mark is fine.
    assert_eq!(checked("天祚」「乾統", 6), ["天祚」", "「乾統"]);
    // Three closing marks after a character: all four go down together.
    assert_eq!(checked("天祚皇帝。』」", 10), ["天祚皇", "帝。』」"]);
}

#[test]
fn clreq_dashes_and_ellipses_are_not_split() {
    for pair in ["——", "……", "‥‥", "⸺⸺"] {
        let text = format!("天祚皇帝{pair}遣使");
        let cols = str_width(pair);
        // Enough room for the first half of the pair only: both halves go down.
        let lines = checked(&text, 8 + cols / 2);
        assert_eq!(lines, ["天祚皇帝", &format!("{pair}遣使")], "{pair}");
        assert_eq!(shown(&text, 8 + cols / 2), lines);
        for (w, lines) in at_all_widths(&text) {
            if w >= cols {
                assert!(
                    lines.iter().any(|l| l.contains(pair)),
                    "{pair} split at {w}"
                );
            }
        }
    }
    // At clreq's basic level a dash or an ellipsis may start a line.
    assert!(!is_closing("…") && !is_closing("—") && !is_opening("—"));
    assert!(break_allowed("帝", "…"));
    assert!(!break_allowed("…", "…"));
    assert!(!break_allowed("—", "—"));
    // A single one breaks like a symbol.
    assert_eq!(checked("天祚皇帝—遣使", 8), ["天祚皇帝", "—遣使"]);
}

#[test]
fn clreq_numbers_stay_whole_with_their_units_and_signs() {
    assert_eq!(checked("乾統1102年", 6), ["乾統", "1102年"]);
    assert_eq!(checked("乾統１１０２年", 10), ["乾統", "１１０２年"]);
    assert_eq!(checked("乾統3.14", 6), ["乾統", "3.14"]);
    assert_eq!(checked("乾統1,000", 7), ["乾統", "1,000"]);
    assert_eq!(checked("乾統1101-1125", 9), ["乾統", "1101-1125"]);
    assert_eq!(checked("乾統1/2", 5), ["乾統", "1/2"]);
    // Units after, currency and signs before.
    assert_eq!(checked("乾統50%", 6), ["乾統", "50%"]);
    assert_eq!(checked("乾統50％", 7), ["乾統", "50％"]);
    assert_eq!(checked("乾統37℃", 6), ["乾統", "37℃"]);
    assert_eq!(checked("乾統¥100", 6), ["乾統", "¥100"]);
    assert_eq!(checked("乾統￥100", 7), ["乾統", "￥100"]);
    assert_eq!(checked("乾統+5", 5), ["乾統", "+5"]);
    assert_eq!(checked("乾統±5", 5), ["乾統", "±5"]);
    assert_eq!(checked("乾統−5", 5), ["乾統", "−5"]);
    // Words in letters, full-width ones too.
    assert_eq!(checked("乾統Tianzuo", 8), ["乾統", "Tianzuo"]);
    assert_eq!(checked("乾統ＡＢＣ", 8), ["乾統", "ＡＢＣ"]);
    // A number or word longer than the line is cut where the width runs out.
    assert_eq!(checked("1234567", 3), ["123", "456", "7"]);
}

#[test]
fn quotes_glue_and_zero_width_controls() {
    // `"` could open or close: no break right next to it.
    assert_eq!(checked("天祚皇帝\"遣使\"", 9), ["天祚皇", "帝\"遣使\""]);
    assert_eq!(checked("said \"yes\" then", 7), ["said", "\"yes\"", "then"]);
    // No-break space and word joiner glue; a zero-width space opens a break in a word.
    assert_eq!(checked("天祚皇帝\u{a0}遣使", 9), ["天祚皇", "帝\u{a0}遣使"]);
    assert_eq!(
        checked("天祚皇帝\u{2060}遣使", 8),
        ["天祚皇", "帝\u{2060}遣使"]
    );
    assert_eq!(
        checked("天祚皇帝\u{feff}遣使", 8),
        ["天祚皇", "帝\u{feff}遣使"]
    );
    assert_eq!(
        checked("Tianzuo\u{200b}Yanxi", 8),
        ["Tianzuo\u{200b}", "Yanxi"]
    );
    // ...but not before a closing mark.
    assert_eq!(checked("天祚皇帝\u{200b}。", 8), ["天祚皇", "帝\u{200b}。"]);
}

#[test]
fn spaces_at_a_break_are_dropped() {
    assert_eq!(checked("ab cd", 3), ["ab", "cd"]);
    assert_eq!(checked("abc de", 3), ["abc", "de"]);
    assert_eq!(checked("ab   cd", 3), ["ab", "cd"]);
    assert_eq!(checked("ab   cd", 5), ["ab", "cd"]);
    assert_eq!(checked("ab   cd", 7), ["ab   cd"]);
    assert_eq!(checked("a b c d", 1), ["a", "b", "c", "d"]);
    assert_eq!(checked("乾 統", 2), ["乾", "統"]);
    let lines = wrap("ab   cd", 3);
    assert_eq!(
        lines[0],
        VisualLine {
            start: 0,
            end: 2,
            width: 2
        }
    );
    assert_eq!(
        lines[1],
        VisualLine {
            start: 5,
            end: 7,
            width: 2
        }
    );
    // Zero-width graphemes among the spaces go with them.
    assert_eq!(checked("ab \u{200b} cd", 3), ["ab", "cd"]);
    // The ideographic space is a space like the others: dropped at a break.
    assert_eq!(checked("乾統\u{3000}元年", 6), ["乾統", "元年"]);
    assert_eq!(checked("乾統\u{3000}元年", 4), ["乾統", "元年"]);
    assert_eq!(checked("乾統\u{3000}元年", 10), ["乾統\u{3000}元年"]);
    assert_eq!(wrap("乾統\u{3000}元年", 10)[0].width, 10);
    // Spaces at the end of the text or before a forced break hang: no width, no line.
    assert_eq!(checked("abc   ", 3), ["abc   "]);
    assert_eq!(wrap("abc   ", 3)[0].width, 3);
    assert_eq!(checked("abc  \nde", 3), ["abc  \n", "de"]);
    assert_eq!(wrap("abc  \nde", 3)[0].width, 3);
    // Spaces at the start are indentation, glued to what follows.
    assert_eq!(checked("  乾統元年", 4), ["  乾", "統元", "年"]);
    assert_eq!(checked("  ab", 1), [" ", " ", "a", "b"]);
    assert_eq!(checked("   ", 2), ["  ", " "]);
    assert_eq!(checked("a\n  b c", 3), ["a\n", "  b", "c"]);
}

#[test]
fn variation_selectors_stay_with_their_character() {
    let text = "葛\u{E0100}氏邊\u{E0104}將。以葛\u{E0100}為將";
    assert_eq!(grapheme_width("葛\u{E0100}"), 2);
    assert_eq!(grapheme_width("\u{E0100}"), 0);
    assert_eq!(str_width(text), 18);
    assert_eq!(
        checked(text, 4),
        [
            "葛\u{E0100}氏",
            "邊\u{E0104}",
            "將。",
            "以葛\u{E0100}",
            "為將"
        ]
    );
    assert_eq!(wrap(text, 4)[0].width, 4);
    for (w, lines) in at_all_widths(text) {
        for l in &lines {
            assert!(!l.starts_with(['\u{E0100}', '\u{E0104}']), "{l:?} at {w}");
        }
    }
    // The class is the base character's: a closing mark with a selector is closing.
    assert!(is_closing("。\u{FE00}"));
    assert_eq!(checked("天祚皇帝。\u{FE00}", 8), ["天祚皇", "帝。\u{FE00}"]);
    // Standard variation selectors and combining marks, too.
    for sel in ["\u{FE00}", "\u{FE0F}", "\u{E01EF}", "\u{301}", "\u{302A}"] {
        let t = format!("乾{sel}統{sel}元{sel}年{sel}");
        for (w, lines) in at_all_widths(&t) {
            assert!(lines.iter().all(|l| !l.starts_with(sel)), "{sel:?} at {w}");
        }
    }
}

#[test]
fn golden_files() {
    // Each input line of a fixture, laid out at a range of widths: see the `.golden` file
    // beside it (rewritten with UPDATE_GOLDEN=1, then reviewed by hand).
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/layout");
    for name in ["clreq-classes", "mixed-scripts"] {
        let input = std::fs::read_to_string(root.join(format!("{name}.txt"))).unwrap();
        let mut out = String::new();
        for text in input
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            out.push_str(&format!("# {text}\n"));
            for width in [1, 2, 3, 5, 7, 8, 11, 13, 16, 23, 40] {
                let lines = checked(text, width);
                out.push_str(&format!("{width:>2} | {}\n", lines.join(" | ")));
            }
            out.push('\n');
        }
        let path = root.join(format!("{name}.golden"));
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&path, &out).unwrap();
        }
        let want = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            out, want,
            "{name}: run with UPDATE_GOLDEN=1 and review the diff"
        );
    }
}

#[test]
fn punctuation_classes() {
    for s in [
        "乾", "a", "1", " ", "", "\n", "\u{1b}", "𣈆", "'", "\"", "…", "—", "〃", "※", "①",
    ] {
        assert!(!is_closing(s) && !is_opening(s), "{s:?} is neither");
    }
    assert!(is_closing("\u{3000}") && is_closing("\t"));
    // No-break space: both.
    assert!(is_closing("\u{a0}") && is_opening("\u{a0}"));
    // Judged by the base character.
    assert!(is_closing("。\u{301}"));
    assert!(break_allowed("乾", "統"));
    assert!(!break_allowed("乾", "。"));
    assert!(!break_allowed("「", "乾"));
    assert!(!break_allowed("1", "1"));
    assert!(!break_allowed("a", "Z"));
    assert!(break_allowed("a", "乾"));
    assert!(break_allowed("。", "「"));
    assert!(!break_allowed("「", "」"));
    assert!(!break_allowed("\"", "a") && !break_allowed("a", "\""));
    assert!(!break_allowed("¥", "1") && break_allowed("¥", "乾"));
    assert!(!break_allowed(".", "1") && !break_allowed("-", "1") && break_allowed("-", "a"));
}

const ALPHABET: &[&str] = &[
    "乾",
    "統",
    "元",
    "年",
    "天",
    "祚",
    "𣈆",
    "。",
    "，",
    "、",
    "：",
    "「",
    "」",
    "『",
    "』",
    "（",
    "）",
    "…",
    "！",
    "？",
    "a",
    "b",
    "Z",
    "1",
    "0",
    " ",
    " ",
    " ",
    "\u{3000}",
    ".",
    ",",
    "!",
    "?",
    "(",
    ")",
    "[",
    "%",
    "\u{1b}",
    "\n",
    "\r",
    "👍",
    "\u{301}",
    "\u{200b}",
    "—",
    "·",
    "～",
    "／",
    "-",
    "/",
    "¥",
    "+",
    "\"",
    "'",
    "“",
    "”",
    "\u{a0}",
    "\u{2060}",
    "\u{E0100}",
    "\u{FE0F}",
    "々",
    "ー",
    "ぁ",
    "１",
    "Ａ",
    "¹",
    "\t",
    "\r\n",
    // Spaces of every kind.
    "\u{3000}",
    "\u{3000}",
    "\u{2009}",
    "\u{2002}",
    "\u{2003}",
    "\u{200A}",
    "\u{205F}",
    "\u{1680}",
    "\u{202F}",
    "\u{2007}",
    // Hidden characters.
    "\u{200D}",
    "\u{200C}",
    "\u{FEFF}",
    "\u{AD}",
    "\u{180B}",
    "\u{3164}",
    "\u{E0001}",
    "\u{FE00}",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(0..ALPHABET.len(), 0..=200)
        .prop_map(|ix| ix.into_iter().map(|i| ALPHABET[i]).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn wrap_keeps_its_promises(text in text_strategy(), width in 1usize..=80) {
        let lines = wrap(&text, width);
        check(&text, width, 0, &lines);
    }

    #[test]
    fn wrap_indented_keeps_its_promises(
        text in text_strategy(),
        width in 1usize..=80,
        indent in 0usize..=12,
    ) {
        let lines = wrap_indented(&text, width, indent);
        check(&text, width, indent, &lines);
    }

    #[test]
    fn what_is_shown_is_as_wide_as_the_layout_says(text in text_strategy(), width in 1usize..=80) {
        // What reaches the terminal has no hidden character and takes the columns the
        // layout counted, line by line (spaces hanging at a line's end aside).
        let shown = sanitize(&text);
        prop_assert!(!shown.chars().any(is_hidden), "{:?}", shown);
        prop_assert_eq!(str_width(&shown), str_width(&text));
        for l in wrap(&text, width) {
            let line = without_line_break(&text[l.start..l.end]);
            // Hanging spaces count no columns; a line of indentation only does.
            let trimmed = trim_spaces(line);
            let line = if str_width(trimmed) > 0 { trimmed } else { line };
            prop_assert_eq!(str_width(&sanitize(line)), l.width, "{:?}", line);
        }
    }

    #[test]
    fn punctuation_heavy_text(
        ix in prop::collection::vec(0usize..16, 0..=120),
        width in 1usize..=12,
    ) {
        // Mostly marks: many forbidden breaks, emergency breaks, long pushbacks.
        const MARKS: [&str; 16] = [
            "乾", "。", "」", "「", "：", "』", "『", "a", "1", ".", "(", " ", "\u{3000}",
            "\u{2009}", "\u{a0}", "\u{200d}",
        ];
        let text: String = ix.into_iter().map(|i| MARKS[i]).collect();
        let lines = wrap(&text, width);
        check(&text, width, 0, &lines);
    }
}
