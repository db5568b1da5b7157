//! Display width of text, measured the way the terminal (and ratatui's buffer) measure it:
//! grapheme by grapheme. Characters that must never reach a terminal raw (C0/C1 controls,
//! DEL, bidi overrides) are given a visible placeholder here, and their width is the
//! placeholder's width, so layout and rendering always agree. Default-ignorable characters
//! (zero-width joiners and spaces, variation selectors, the soft hyphen, Hangul fillers …,
//! see [`is_hidden`]) are shown as nothing: they are left out of what reaches the terminal
//! and take no columns.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The visible stand-in for a grapheme that must not be written to a terminal as is,
/// or `None` when the grapheme is safe to print.
///
/// - C0 controls (except TAB) become the Control Pictures `␀`…`␟`, DEL becomes `␡`;
/// - TAB becomes a plain space;
/// - C1 controls, bidi embeddings/overrides/isolates and marks, and other invisible
///   format characters that can reorder text become `�`.
pub fn placeholder(grapheme: &str) -> Option<char> {
    let mut chars = grapheme.chars();
    let first = chars.next()?;
    if grapheme == "\r\n" {
        return Some('\u{240D}');
    }
    match first {
        '\t' => Some(' '),
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + first as u32),
        '\u{7F}' => Some('\u{2421}'),
        '\u{80}'..='\u{9F}' => Some('\u{FFFD}'),
        _ if grapheme.chars().any(is_bidi_control) => Some('\u{FFFD}'),
        _ => None,
    }
}

/// Bidirectional formatting characters (embeddings, overrides, isolates, marks), which
/// could make a terminal show text in an order other than the file's.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Whether `c` is shown as nothing: a default-ignorable code point (Unicode's property
/// Default_Ignorable_Code_Point, the set search folds away, see
/// [`crate::search::is_ignorable`]) that is not a bidi control (those get a placeholder).
/// Zero-width space, non-joiner and joiner, word joiner, U+2061–2064, the byte order mark,
/// the variation selectors U+FE00–FE0F and U+E0100–E01EF, the Mongolian ones U+180B–180F,
/// the soft hyphen, the combining grapheme joiner, Hangul fillers, tag characters …
///
/// Terminals disagree on these: some join `葛\u{200D}氏` into one cell, some draw a box for
/// a selector they do not know, some give a soft hyphen or a filler a column. So
/// [`sanitize`] leaves them out of what is written and they count no columns: the screen
/// and the layout agree whatever the terminal. The text keeps them, and a laid-out line's
/// byte range covers them, so offsets and search hits are unchanged.
#[inline]
pub fn is_hidden(c: char) -> bool {
    c >= '\u{AD}'
        && !matches!(c, '\u{3400}'..='\u{9FFF}')
        && !is_bidi_control(c)
        && crate::search::is_ignorable(c)
}

/// Columns one grapheme occupies on screen: the width of what [`sanitize`] writes for it
/// (its placeholder, or the grapheme without its [hidden](is_hidden) characters).
pub fn grapheme_width(grapheme: &str) -> usize {
    if let Some(p) = placeholder(grapheme) {
        return if p == '\u{240D}' { 1 } else { char_width(p) };
    }
    if grapheme.len() == 1 {
        return 1;
    }
    if grapheme.chars().any(is_hidden) {
        // What is shown may be several graphemes (`👨\u{200D}👩` is shown as `👨👩`).
        let shown: String = grapheme.chars().filter(|&c| !is_hidden(c)).collect();
        return shown.graphemes(true).map(visible_width).sum();
    }
    visible_width(grapheme)
}

/// Columns of a grapheme that needs no placeholder and has no hidden character.
fn visible_width(grapheme: &str) -> usize {
    if grapheme.len() == 1 {
        return 1;
    }
    // Half-width katakana sound marks are Grapheme_Extend (width 0 in unicode-width) but
    // terminals give them a cell each; ratatui counts them the same way.
    let sound_marks = grapheme
        .chars()
        .filter(|c| matches!(c, '\u{FF9E}' | '\u{FF9F}'))
        .count();
    grapheme.width() + sound_marks
}

fn char_width(c: char) -> usize {
    let mut buf = [0u8; 4];
    c.encode_utf8(&mut buf).width()
}

/// Columns a string occupies on screen.
pub fn str_width(s: &str) -> usize {
    if s.is_ascii() && !s.contains("\r\n") {
        // Fast path: printable ASCII is one column; controls become one-column placeholders
        // (but CR LF is one grapheme with one placeholder, so it takes the slow path).
        return s.len();
    }
    if let Some(w) = simple_str_width(s) {
        return w;
    }
    s.graphemes(true).map(grapheme_width).sum()
}

/// The width of a character that is a grapheme of its own whatever follows it, and that
/// nothing before it can join: printable ASCII (1 column), and the Han ideographs, CJK
/// punctuation and full-width forms of 文言 text (2). `None` for anything else.
pub(crate) fn simple_width(c: char) -> Option<usize> {
    match c {
        ' '..='~' => Some(1),
        '\u{3000}'..='\u{3029}'
        | '\u{3030}'..='\u{303E}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF01}'..='\u{FF60}'
        | '\u{20000}'..='\u{2FFFD}'
        | '\u{30000}'..='\u{3FFFD}' => Some(2),
        _ => None,
    }
}

/// [`str_width`] of a string made only of [`simple_width`] characters, where every
/// character is a grapheme: no segmentation needed. `None` if any other character is in it.
pub(crate) fn simple_str_width(s: &str) -> Option<usize> {
    s.chars().map(simple_width).sum()
}

/// The string as it may be written to a terminal: every unsafe grapheme replaced by its
/// placeholder, every [hidden](is_hidden) character left out. Borrows when nothing needs
/// replacing. This is the one rule for all text from a file that reaches the screen, in
/// the reader and on the command line alike; its width is [`str_width`] of the original.
pub fn sanitize(s: &str) -> std::borrow::Cow<'_, str> {
    // (A character of simple width is none of these: looked at first, as most are.)
    let needs = s.chars().any(|c| {
        simple_width(c).is_none() && (c.is_control() || is_bidi_control(c) || is_hidden(c))
    });
    if !needs {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for g in s.graphemes(true) {
        match placeholder(g) {
            Some(p) => out.push(p),
            None => out.extend(g.chars().filter(|&c| !is_hidden(c))),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The longest prefix of `s` that fits in `cols` columns; never splits a grapheme.
pub fn prefix_fitting(s: &str, cols: usize) -> &str {
    let mut used = 0;
    // Fast path while the characters are simple (each its own grapheme); the first other
    // character sends the whole string down the grapheme path.
    for (i, c) in s.char_indices() {
        let Some(w) = simple_width(c) else {
            used = usize::MAX;
            break;
        };
        if used + w > cols {
            return &s[..i];
        }
        used += w;
    }
    if used != usize::MAX {
        return s;
    }
    let mut used = 0;
    for (i, g) in s.grapheme_indices(true) {
        let w = grapheme_width(g);
        if used + w > cols {
            return &s[..i];
        }
        used += w;
    }
    s
}

/// The longest suffix of `s` that fits in `cols` columns; never splits a grapheme.
pub fn suffix_fitting(s: &str, cols: usize) -> &str {
    let mut used = 0;
    for (i, g) in s.grapheme_indices(true).rev() {
        let w = grapheme_width(g);
        if used + w > cols {
            return &s[i + g.len()..];
        }
        used += w;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A character of simple width is shown as it is: no control, bidi control or hidden
    /// character among them (what lets `sanitize` pass them over).
    #[test]
    fn simple_width_characters_need_no_placeholder() {
        let simple = (0..=0x3FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| simple_width(c).is_some());
        for c in simple {
            assert!(
                !c.is_control() && !is_bidi_control(c) && !is_hidden(c),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    /// The grapheme path, which the fast paths must agree with.
    fn slow_width(s: &str) -> usize {
        s.graphemes(true).map(grapheme_width).sum()
    }

    #[test]
    fn simple_characters_are_single_graphemes_of_the_usual_width() {
        let ranges = [
            (0x20, 0x7E),
            (0x3000, 0x3040),
            (0x3400, 0x4DBF),
            (0x4E00, 0x9FFF),
            (0xF900, 0xFAFF),
            (0xFF00, 0xFF61),
            (0x20000, 0x2A6DF),
        ];
        let followers = [
            '\u{301}', '\u{302A}', '\u{FE0F}', '\u{200D}', '\u{FF9E}', '\r', '天',
        ];
        for (lo, hi) in ranges {
            for c in (lo..=hi).filter_map(char::from_u32) {
                let one = c.to_string();
                if let Some(w) = simple_width(c) {
                    assert_eq!(w, slow_width(&one), "{c:?} U+{:04X}", c as u32);
                }
                for f in followers {
                    let two = format!("{c}{f}");
                    assert_eq!(str_width(&two), slow_width(&two), "{two:?}");
                    let pre = format!("{f}{c}");
                    assert_eq!(str_width(&pre), slow_width(&pre), "{pre:?}");
                }
            }
        }
    }

    #[test]
    fn prefix_fitting_fast_path_agrees() {
        let samples = [
            "天慶元年，春正月。",
            "abc天",
            "天\u{301}地",
            "e\u{301}天",
            "天\r\n地",
            "",
        ];
        for s in samples {
            for cols in 0..12 {
                let slow = {
                    let mut used = 0;
                    let mut end = s.len();
                    for (i, g) in s.grapheme_indices(true) {
                        let w = grapheme_width(g);
                        if used + w > cols {
                            end = i;
                            break;
                        }
                        used += w;
                    }
                    &s[..end]
                };
                assert_eq!(prefix_fitting(s, cols), slow, "{s:?} in {cols}");
            }
        }
    }

    #[test]
    fn widths() {
        assert_eq!(str_width("乾統元年。"), 10);
        assert_eq!(str_width("abc!"), 4);
        assert_eq!(str_width("阿骨打!"), 7);
        assert_eq!(str_width("\u{1b}[2J"), 4);
        assert_eq!(str_width("𣈆"), 2);
        // CR LF is one grapheme, shown as one placeholder.
        assert_eq!(str_width("a\r\nb"), 3);
        assert_eq!(str_width("a\r\nb"), str_width(&sanitize("a\r\nb")));
        assert_eq!(str_width("a\rb\n"), 4);
    }

    #[test]
    fn sanitize_controls() {
        assert_eq!(sanitize("a\u{1b}]0;x\u{7}b"), "a␛]0;x␇b");
        assert_eq!(sanitize("x\u{202E}y"), "x\u{FFFD}y");
        assert_eq!(sanitize("x\u{9b}y"), "x\u{FFFD}y");
        assert_eq!(sanitize("\u{7f}"), "␡");
        assert!(matches!(sanitize("乾統"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn hidden_is_default_ignorable_but_bidi() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let want = crate::search::is_ignorable(c) && !is_bidi_control(c);
            assert_eq!(is_hidden(c), want, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn hidden_characters_are_shown_as_nothing() {
        // Joiners, zero-width spaces, selectors (standard, Mongolian, ideographic), the
        // soft hyphen, the combining grapheme joiner, Hangul fillers, invisible operators,
        // tags, the byte order mark.
        let hidden = [
            '\u{200D}',
            '\u{200C}',
            '\u{200B}',
            '\u{2060}',
            '\u{2061}',
            '\u{2064}',
            '\u{FEFF}',
            '\u{FE00}',
            '\u{FE0F}',
            '\u{E0100}',
            '\u{E01EF}',
            '\u{180B}',
            '\u{180F}',
            '\u{AD}',
            '\u{34F}',
            '\u{115F}',
            '\u{1160}',
            '\u{3164}',
            '\u{FFA0}',
            '\u{E0001}',
            '\u{E007F}',
            '\u{17B4}',
            '\u{1D173}',
        ];
        for c in hidden {
            assert!(is_hidden(c), "{c:?}");
            let s = format!("葛{c}氏");
            assert_eq!(sanitize(&s), "葛氏", "{c:?}");
            assert_eq!(str_width(&s), 4, "{c:?}");
            assert_eq!(grapheme_width(&c.to_string()), 0, "{c:?}");
            assert_eq!(sanitize(&format!("{c}a{c}")), "a", "{c:?}");
        }
        // Bidi controls keep their visible placeholder.
        assert_eq!(sanitize("葛\u{200E}氏"), "葛\u{FFFD}氏");
        assert_eq!(str_width("葛\u{200E}氏"), 5);
        // An emoji sequence is shown as its parts, and is as wide as they are.
        assert_eq!(sanitize("👨\u{200D}👩"), "👨👩");
        assert_eq!(str_width("👨\u{200D}👩"), 4);
        assert_eq!(str_width("\u{2764}\u{FE0F}"), str_width("\u{2764}"));
    }

    #[test]
    fn fitting() {
        assert_eq!(prefix_fitting("乾統元年", 5), "乾統");
        assert_eq!(suffix_fitting("乾統元年", 5), "元年");
        assert_eq!(prefix_fitting("ab乾", 3), "ab");
        assert_eq!(suffix_fitting("乾ab", 1), "b");
        assert_eq!(prefix_fitting("乾", 1), "");
    }
}
