//! Width-aware line breaking for CJK text, with 禁則 (kinsoku) rules.
//!
//! What lives here: measuring text the way the terminal does (grapheme by grapheme, see
//! [`width`]), and [`wrap`] / [`wrap_indented`], which cut a text into visual lines of at
//! most a given number of columns without ever splitting a grapheme, without starting a
//! line with closing punctuation (`。」，` …), without ending one with opening punctuation
//! (`「『（` …), and without splitting a run of ASCII letters and digits (`1102`, `Liao`).
//!
//! What does not live here: any terminal code. Nothing in this module knows about ratatui
//! or crossterm; it works on `&str` and returns byte ranges, so the renderer, the search
//! highlighter and the cursor logic can all share one notion of "line".

pub mod width;
pub use width::{grapheme_width, placeholder, prefix_fitting, sanitize, str_width, suffix_fitting};

use unicode_segmentation::UnicodeSegmentation;

/// One visual line: a byte range of the wrapped text and its width in columns.
///
/// `start..end` always falls on grapheme boundaries of the wrapped text. `width` is the sum
/// of [`grapheme_width`] over the line's graphemes, except that a line-ending `"\n"` or
/// `"\r\n"` (which belongs to the end of its line) counts as 0 columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisualLine {
    /// Byte offset of the line's first byte in the wrapped text.
    pub start: usize,
    /// Byte offset one past the line's last byte (the start of the next line).
    pub end: usize,
    /// Columns the line occupies on screen (a trailing line break counts as 0).
    pub width: usize,
}

/// Break `text` into lines of at most `width` columns (width 0 is treated as 1).
///
/// The lines are contiguous and cover the whole text: the first starts at 0, each one ends
/// where the next starts, and the last ends at `text.len()`, so joining them gives the text
/// back exactly (spaces at a break stay in the text, at the end of one line or the start of
/// the next).
///
/// - Empty text gives one empty line (`start == end == 0, width == 0`).
/// - `"\n"` and `"\r\n"` force a break; the line break belongs to the end of the line it
///   closes and counts 0 columns. A text ending with a line break gives no extra empty line
///   after it (as [`str::lines`]); consecutive line breaks give lines holding just `"\n"`.
///   A lone `"\r"` is an ordinary control character (a 1-column placeholder), not a break.
/// - A line is never wider than `width`, except a line whose only visible grapheme is wider
///   than `width` by itself (a Han character at width 1).
/// - A grapheme of width 0 (a combining mark with no base, U+200B) is glued to the one
///   before it: no line starts with it (except at the start of the text or after a line
///   break), and the break rules look through it to the visible graphemes on either side.
/// - Breaks follow the rules of [`break_allowed`]: the line is filled greedily, and when the
///   next grapheme does not fit the line is cut at its *last* allowed break point, which
///   carries the last character down together with a closing mark after it (追い出し) and
///   an opening mark down with what follows it. A line without any allowed break point is
///   cut where the width runs out (an emergency break), so no input can stall the layout.
///
/// Runs in linear time and allocates only the returned vector.
pub fn wrap(text: &str, width: usize) -> Vec<VisualLine> {
    wrap_indented(text, width, 0)
}

/// Same as [`wrap`], but the first line has `first_indent` fewer columns available (for a
/// paragraph indent).
///
/// Only the first line of `text` is shortened, not the first line after a `"\n"`. When the
/// indent leaves less than one column, the first line gets one column (as for width 0), so
/// it still holds exactly one grapheme.
pub fn wrap_indented(text: &str, width: usize, first_indent: usize) -> Vec<VisualLine> {
    let width = width.max(1);
    // Columns available on the current line.
    let mut avail = width.saturating_sub(first_indent).max(1);
    let mut lines = Vec::with_capacity(text.len() / (width + 1) + 1);

    let mut start = 0; // byte offset where the current line starts
    let mut used = 0; // columns used by the current line
    // The last allowed break point in the current line: (byte offset, columns before it).
    let mut last_break: Option<(usize, usize)> = None;
    let mut prev = Class::NONE; // class of the previous grapheme

    for (i, g) in text.grapheme_indices(true) {
        if g == "\n" || g == "\r\n" {
            let end = i + g.len();
            lines.push(VisualLine {
                start,
                end,
                width: used,
            });
            start = end;
            used = 0;
            last_break = None;
            prev = Class::NONE;
            avail = width;
            continue;
        }
        let w = fast_width(g);
        if w == 0 {
            // Invisible: glued to the grapheme before it, and transparent to the rules.
            continue;
        }
        let class = Class::of(g);
        // A line that so far has no width never breaks (no empty or blank lines): the
        // first visible grapheme always goes on it, however wide.
        let allowed_here = used > 0 && allowed(prev, class);
        if used > 0 && used + w > avail {
            if let (false, Some((at, cols))) = (allowed_here, last_break) {
                // Push the tail of the line after its last allowed break down.
                lines.push(VisualLine {
                    start,
                    end: at,
                    width: cols,
                });
                start = at;
                used -= cols;
                avail = width;
                // `at` was the last allowed break, so the carried-down part has none: if
                // the grapheme still does not fit, the only choice left is to cut here.
            }
            if used > 0 && used + w > avail {
                // Either a normal break before `g` (allowed) or an emergency one.
                lines.push(VisualLine {
                    start,
                    end: i,
                    width: used,
                });
                start = i;
                used = 0;
                avail = width;
            }
            last_break = None;
        } else if allowed_here {
            last_break = Some((i, used));
        }
        used += w;
        prev = class;
    }
    if start < text.len() || lines.is_empty() {
        lines.push(VisualLine {
            start,
            end: text.len(),
            width: used,
        });
    }
    lines
}

/// [`grapheme_width`], answered without the general machinery for the bulk of classical
/// Chinese text: a grapheme that is a lone CJK ideograph, CJK symbol or full-width form.
/// (Such a grapheme is exactly 3 bytes, so nothing is combined with it.)
#[inline]
fn fast_width(g: &str) -> usize {
    if g.len() == 3
        && matches!(
            g.chars().next(),
            Some(
                '\u{4E00}'..='\u{9FFF}'
                | '\u{3400}'..='\u{4DBF}'
                | '\u{3001}'..='\u{3029}'
                | '\u{3030}'..='\u{303E}'
                | '\u{FF01}'..='\u{FF60}',
            )
        )
    {
        return 2;
    }
    grapheme_width(g)
}

/// Is this grapheme closing punctuation (may not start a line)?
///
/// Closing: `。，、；：？！」』）】〉》〕］｝〗〙〛’”…‥・·｡､｣％ ！？，．；：）］｝` and ASCII
/// `! ? , . ; : ) ] } %`. The grapheme is judged by its first character, so a closing mark
/// carrying a combining mark is still closing.
pub fn is_closing(g: &str) -> bool {
    g.chars().next().is_some_and(is_closing_char)
}

/// Is this grapheme opening punctuation (may not end a line)?
///
/// Opening: `「『（【〈《〔［｛〖〘〚‘“｢` and ASCII `( [ {`. The grapheme is judged by its first
/// character.
pub fn is_opening(g: &str) -> bool {
    g.chars().next().is_some_and(is_opening_char)
}

/// May a line break fall between the graphemes `before` and `after`?
///
/// Allowed unless `after` is closing punctuation ([`is_closing`]), `before` is opening
/// punctuation ([`is_opening`]), or both are ASCII letters or digits (words and numbers such
/// as `1102` stay whole). Forced breaks (`"\n"`) are not decided here.
pub fn break_allowed(before: &str, after: &str) -> bool {
    allowed(Class::of(before), Class::of(after))
}

fn is_closing_char(c: char) -> bool {
    matches!(
        c,
        '。' | '，'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '」'
            | '』'
            | '）'
            | '】'
            | '〉'
            | '》'
            | '〕'
            | '］'
            | '｝'
            | '〗'
            | '〙'
            | '〛'
            | '’'
            | '”'
            | '…'
            | '‥'
            | '・'
            | '·'
            | '｡'
            | '､'
            | '｣'
            | '％'
            | '．'
            | '!'
            | '?'
            | ','
            | '.'
            | ';'
            | ':'
            | ')'
            | ']'
            | '}'
            | '%'
    )
}

fn is_opening_char(c: char) -> bool {
    matches!(
        c,
        '「' | '『'
            | '（'
            | '【'
            | '〈'
            | '《'
            | '〔'
            | '［'
            | '｛'
            | '〖'
            | '〘'
            | '〚'
            | '‘'
            | '“'
            | '｢'
            | '('
            | '['
            | '{'
    )
}

/// What the break rules need to know about one grapheme, as bit flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Class(u8);

impl Class {
    const NONE: Class = Class(0);
    const CLOSING: u8 = 1;
    const OPENING: u8 = 2;
    const ALNUM: u8 = 4;

    fn of(g: &str) -> Class {
        let Some(c) = g.chars().next() else {
            return Class::NONE;
        };
        if c.is_ascii_alphanumeric() {
            Class(Class::ALNUM)
        } else if is_closing_char(c) {
            Class(Class::CLOSING)
        } else if is_opening_char(c) {
            Class(Class::OPENING)
        } else {
            Class::NONE
        }
    }
}

fn allowed(before: Class, after: Class) -> bool {
    after.0 & Class::CLOSING == 0
        && before.0 & Class::OPENING == 0
        && (before.0 & after.0 & Class::ALNUM) == 0
}

#[cfg(test)]
mod tests {
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

    /// Allowed break points strictly inside `line` (byte offsets into `line`): before a
    /// visible grapheme that has a visible grapheme before it on the line, where the rules
    /// allow a break between the two.
    fn inner_break_points(line: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let mut prev: Option<&str> = None;
        for (i, g) in line.grapheme_indices(true) {
            if is_newline(g) || grapheme_width(g) == 0 {
                continue;
            }
            if prev.is_some_and(|p| break_allowed(p, g)) {
                out.push(i);
            }
            prev = Some(g);
        }
        out
    }

    /// Width of the first unbreakable run of `text` starting at `from`: up to its first
    /// allowed break point, a line break, or the end of the text.
    fn run_width(text: &str, from: usize) -> usize {
        let mut cols = 0;
        let mut prev: Option<&str> = None;
        for g in text[from..].graphemes(true) {
            if is_newline(g) {
                break;
            }
            let w = grapheme_width(g);
            if w == 0 {
                continue;
            }
            if prev.is_some_and(|p| break_allowed(p, g)) {
                break;
            }
            cols += w;
            prev = Some(g);
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
            if k + 1 < lines.len() {
                assert_eq!(
                    l.end,
                    lines[k + 1].start,
                    "lines {k} and {} not contiguous",
                    k + 1
                );
            }
            let gs: Vec<&str> = s.graphemes(true).collect();
            let forced = is_newline(gs[gs.len() - 1]);
            assert!(
                gs[..gs.len() - 1].iter().all(|g| !is_newline(g)),
                "line break inside line {k}: {s:?}"
            );
            let visible: Vec<&str> = gs
                .iter()
                .copied()
                .filter(|g| !is_newline(g) && grapheme_width(g) > 0)
                .collect();
            let cols: usize = visible.iter().map(|g| grapheme_width(g)).sum();
            assert_eq!(l.width, cols, "width of line {k}: {s:?}");
            if l.width > avail(k) {
                assert_eq!(visible.len(), 1, "line {k} too wide: {s:?} at {}", avail(k));
            }
            if forced || k + 1 == lines.len() {
                continue;
            }
            // A break the wrapper chose.
            assert!(l.width > 0, "blank line {k} in {text:?}: {lines:?}");
            let next = &text[l.end..];
            let b = next.graphemes(true).next().unwrap();
            assert!(
                grapheme_width(b) > 0,
                "line {} starts with a zero-width grapheme",
                k + 1
            );
            let a = visible[visible.len() - 1];
            if break_allowed(a, b) {
                // Greedy: the next unbreakable run would not have fitted on this line.
                assert!(
                    l.width + run_width(text, l.end) > avail(k),
                    "line {k} {s:?} broke early at width {}",
                    avail(k)
                );
            } else {
                // Emergency break: only when the line had no allowed break point at all,
                // and only when the next grapheme really did not fit.
                assert!(
                    inner_break_points(s).is_empty(),
                    "line {k} {s:?} | {b:?}: forbidden break, though the line could break"
                );
                assert!(
                    l.width + grapheme_width(b) > avail(k),
                    "needless emergency break"
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
        assert_eq!(checked("year 1102 was", 6), ["year ", "1102 ", "was"]);
        assert_eq!(checked("year 1102 was", 7), ["year ", "1102 ", "was"]);
        assert_eq!(checked("year 1102 was", 9), ["year 1102", " was"]);
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
        assert_eq!(checked("abc 1102.", 8), ["abc ", "1102."]);
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
        assert_eq!(checked("abc (def)", 5), ["abc ", "(def)"]);
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
        // A ZWJ family is one grapheme, two columns, never split.
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(wrap(family, 80)[0].width, 2);
        assert_eq!(
            checked(&format!("乾{family}統"), 4),
            [format!("乾{family}"), "統".into()]
        );
        assert_eq!(checked(family, 1), [family]);
        // e + combining acute is one column and still a letter: the word stays whole.
        let cafe = "cafe\u{301} au lait";
        assert_eq!(checked(cafe, 6), ["cafe\u{301} ", "au ", "lait"]);
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
    fn spaces_stay_in_the_text() {
        assert_eq!(checked("ab cd", 3), ["ab ", "cd"]);
        assert_eq!(checked("abc de", 3), ["abc", " de"]);
        assert_eq!(checked("乾統\u{3000}元年", 6), ["乾統\u{3000}", "元年"]);
        assert_eq!(checked("乾統\u{3000}元年", 4), ["乾統", "\u{3000}元", "年"]);
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
    fn punctuation_classes() {
        for c in
            "。，、；：？！」』）】〉》〕］｝〗〙〛’”…‥・·｡､｣％!?,.;:)]}%！？，．；：）］｝".chars()
        {
            let s = c.to_string();
            assert!(is_closing(&s), "{c} should be closing");
            assert!(!is_opening(&s), "{c} should not be opening");
        }
        for c in "「『（【〈《〔［｛〖〘〚‘“｢([{".chars() {
            let s = c.to_string();
            assert!(is_opening(&s), "{c} should be opening");
            assert!(!is_closing(&s), "{c} should not be closing");
        }
        for s in [
            "乾", "a", "1", " ", "\u{3000}", "", "\n", "\u{1b}", "𣈆", "'", "\"", "-",
        ] {
            assert!(!is_closing(s) && !is_opening(s), "{s:?} is neither");
        }
        // Judged by the base character.
        assert!(is_closing("。\u{301}"));
        assert!(break_allowed("乾", "統"));
        assert!(!break_allowed("乾", "。"));
        assert!(!break_allowed("「", "乾"));
        assert!(!break_allowed("1", "1"));
        assert!(!break_allowed("a", "Z"));
        assert!(break_allowed("a", "乾"));
        assert!(break_allowed("a", " "));
        assert!(break_allowed("。", "「"));
        assert!(!break_allowed("「", "」"));
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

    const ALPHABET: &[&str] = &[
        "乾", "統", "元", "年", "天", "祚", "𣈆", "。", "，", "、", "：", "「", "」", "『", "』",
        "（", "）", "…", "！", "？", "a", "b", "Z", "1", "0", " ", " ", "\u{3000}", ".", ",", "!",
        "?", "(", ")", "[", "%", "\u{1b}", "\n", "\r", "👍", "\u{301}", "\u{200b}",
    ];

    fn text_strategy() -> impl Strategy<Value = String> {
        prop::collection::vec(0..ALPHABET.len(), 0..=200)
            .prop_map(|ix| ix.into_iter().map(|i| ALPHABET[i]).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn wrap_keeps_its_promises(text in text_strategy(), width in 1usize..=30) {
            let lines = wrap(&text, width);
            check(&text, width, 0, &lines);
        }

        #[test]
        fn wrap_indented_keeps_its_promises(
            text in text_strategy(),
            width in 1usize..=30,
            indent in 0usize..=12,
        ) {
            let lines = wrap_indented(&text, width, indent);
            check(&text, width, indent, &lines);
        }

        #[test]
        fn punctuation_heavy_text(
            ix in prop::collection::vec(0usize..12, 0..=120),
            width in 1usize..=12,
        ) {
            // Mostly marks: many forbidden breaks, emergency breaks, long pushbacks.
            const MARKS: [&str; 12] =
                ["乾", "。", "」", "「", "：", "』", "『", "a", "1", ".", "(", ")"];
            let text: String = ix.into_iter().map(|i| MARKS[i]).collect();
            let lines = wrap(&text, width);
            check(&text, width, 0, &lines);
        }
    }
}
