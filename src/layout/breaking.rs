//! The line-breaking classes of graphemes and the rules between them: the Unicode line-break
//! classes of UAX #14 (from `unicode-linebreak`'s table), tailored to the W3C Requirements
//! for Chinese Text Layout (clreq). The rules are listed in the documentation of
//! [`crate::layout`]; this file is their one implementation, shared by [`super::wrap`] and
//! the public [`super::break_allowed`], [`super::is_closing`] and [`super::is_opening`].

use unicode_linebreak::{BreakClass, break_property};

/// What the break rules need to know about one grapheme, as bit flags. A grapheme is
/// judged by its first character (a base with combining marks or selectors behaves as the
/// base, as UAX #14's rule LB9 says).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Class(u16);

impl Class {
    /// Breaks on both sides (a Han character, kana, a symbol, an emoji).
    pub(crate) const NONE: Class = Class(0);
    /// May not start a line: no break before it, not even after spaces.
    const NO_START: u16 = 1;
    /// May not end a line: no break after it, not even before spaces.
    const NO_END: u16 = 1 << 1;
    /// A quotation mark that is neither opening nor closing (`"` `'`): no break right
    /// before or right after it (a break after spaces before it is fine).
    const QUOTE: u16 = 1 << 2;
    /// A letter or digit of a script written with spaces between words: no break between two.
    const WORD: u16 = 1 << 3;
    /// A digit (also `WORD`).
    const DIGIT: u16 = 1 << 4;
    /// A dash (`—`, `⸺`): no break between two, so `——` stays whole.
    const DASH: u16 = 1 << 5;
    /// An ellipsis (`…`, `‥`): no break between two, so `……` stays whole.
    const ELLIPSIS: u16 = 1 << 6;
    /// A prefix (currency, `+`, `±`, `−`): no break before a word or digit after it.
    const PREFIX: u16 = 1 << 7;
    /// Joins digits (`,` `.` `:` `/` `-` …): no break before a digit after it (`3.14`).
    const NUM_JOIN: u16 = 1 << 8;
    /// A space at the start of a line (indentation), which stays with what follows it.
    const LEADING: u16 = 1 << 9;
    pub(crate) const LEADING_SPACE: Class = Class(Class::NO_END | Class::LEADING);
    /// Set after the grapheme by a zero-width word joiner (U+2060, U+FEFF): no break.
    const JOINED: u16 = 1 << 10;
    /// Set after the grapheme by a zero-width space (U+200B): a break is allowed even
    /// inside a word (the other rules still hold).
    const SPLIT: u16 = 1 << 11;

    /// The class of a (visible) grapheme.
    #[inline]
    pub(crate) fn of(g: &str) -> Class {
        match g.chars().next() {
            // The bulk of the text: Han characters break on both sides.
            Some('\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{3FFFD}') => {
                Class::NONE
            }
            Some(c) => Class::of_char(c),
            None => Class::NONE,
        }
    }

    fn of_char(c: char) -> Class {
        // clreq's tailoring first, where it differs from UAX #14's classes.
        let flags = match c {
            // Full-width digits and Latin letters behave as their ASCII counterparts:
            // numbers stay whole (clreq: 阿拉伯数字整体不可拆).
            '\u{FF10}'..='\u{FF19}' => Class::WORD | Class::DIGIT,
            '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => Class::WORD,
            // Connector marks (连接号), interpuncts (间隔号) and solidi (分隔号) may not start
            // a line; UAX #14 puts these three among the Han characters or the letters.
            '\u{FF5E}' | '\u{00B7}' | '\u{FF0F}' => Class::NO_START,
            // Superscripts and subscripts stay with the text they mark.
            '\u{00B2}' | '\u{00B3}' | '\u{00B9}' | '\u{2070}'..='\u{209F}' => Class::NO_START,
            _ => return Class(Class::from_uax14(c)),
        };
        Class(flags)
    }

    fn from_uax14(c: char) -> u16 {
        use BreakClass as B;
        match break_property(u32::from(c)) {
            // Closing brackets and quotes, pause and stop marks (。，、：；！？ and ASCII
            // ones), iteration marks and the prolonged sound mark, small kana, units after
            // a number (% ‰ ° ℃), what breaks only after itself (U+3000, hyphens, ‧, tab).
            B::ClosePunctuation
            | B::CloseParenthesis
            | B::Exclamation
            | B::NonStarter
            | B::ConditionalJapaneseStarter
            | B::Postfix
            | B::After => Class::NO_START,
            // `, . : ;` and `/`, `-`: also keep numbers such as 1,000 or 1101-1125 whole.
            B::InfixSeparator | B::Symbol | B::Hyphen => Class::NO_START | Class::NUM_JOIN,
            B::OpenPunctuation | B::Before => Class::NO_END,
            B::Quotation => quote(c),
            B::Prefix => Class::PREFIX,
            B::BeforeAndAfter => Class::DASH,
            B::Inseparable => Class::ELLIPSIS,
            B::NonBreakingGlue | B::WordJoiner => Class::NO_START | Class::NO_END,
            B::Alphabetic | B::HebrewLetter | B::ComplexContext => Class::WORD,
            B::Numeric => Class::WORD | Class::DIGIT,
            _ => 0,
        }
    }

    /// The class of a grapheme followed by the zero-width grapheme `z`: a word joiner
    /// glues it to what follows, a zero-width space opens a break after it. Other
    /// zero-width graphemes change nothing.
    #[inline]
    pub(crate) fn then_zero_width(self, z: &str) -> Class {
        match z.chars().next().map(|c| break_property(u32::from(c))) {
            Some(BreakClass::WordJoiner) => Class(self.0 | Class::JOINED),
            Some(BreakClass::ZeroWidthSpace) => Class(self.0 | Class::SPLIT),
            _ => self,
        }
    }

    pub(crate) fn no_start(self) -> bool {
        self.0 & Class::NO_START != 0
    }

    pub(crate) fn no_end(self) -> bool {
        self.0 & Class::NO_END != 0
    }

    pub(crate) fn is_leading_space(self) -> bool {
        self.0 & Class::LEADING != 0
    }
}

/// How a space takes part in line breaking. Every kind of space is laid out the same way
/// (see the [layout rules](crate::layout)): after the line's content a run of spaces is
/// transparent to the rules, and a break at it drops the whole run; at the start of a
/// line spaces are indentation. The kinds differ only in whether a run may be a break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Space {
    /// A break may fall after the run (UAX #14's class SP, and the spaces of class BA):
    /// U+0020, the tab, the ideographic space U+3000, the en, em and thin spaces
    /// U+2000–2006 and U+2008–200A, U+205F, U+1680.
    Break,
    /// No break on either side (UAX #14's class GL, clreq's 不可断行空格): the no-break
    /// space U+00A0, the figure space U+2007, the narrow no-break space U+202F. A run
    /// holding one of these is no break opportunity (it is dropped only at an emergency
    /// break, so that even then no line starts with a space).
    Glue,
}

/// The kind of space the grapheme `g` is, if it is one: a space character, alone or with
/// only default-ignorable characters after it (which show as nothing). A space carrying a
/// combining mark is a visible character, not a space.
#[inline]
pub(crate) fn space(g: &str) -> Option<Space> {
    let mut chars = g.chars();
    let kind = match chars.next()? {
        ' '
        | '\t'
        | '\u{3000}'
        | '\u{2000}'..='\u{2006}'
        | '\u{2008}'..='\u{200A}'
        | '\u{205F}'
        | '\u{1680}' => Space::Break,
        '\u{A0}' | '\u{2007}' | '\u{202F}' => Space::Glue,
        _ => return None,
    };
    chars.all(super::width::is_hidden).then_some(kind)
}

/// `“ ‘ « ‹` and the other initial quotation marks open; `” ’ » ›` and the other final
/// ones close; `"` and `'` (and the rest of UAX #14's class QU) could be either.
fn quote(c: char) -> u16 {
    if INITIAL_QUOTES.contains(&c) {
        Class::NO_END
    } else if FINAL_QUOTES.contains(&c) {
        Class::NO_START
    } else {
        Class::QUOTE
    }
}

/// UAX #14's quotation marks (QU) of general category Pi. A test checks this list against
/// the Unicode tables.
const INITIAL_QUOTES: [char; 12] = [
    '\u{AB}', '\u{2018}', '\u{201B}', '\u{201C}', '\u{201F}', '\u{2039}', '\u{2E02}', '\u{2E04}',
    '\u{2E09}', '\u{2E0C}', '\u{2E1C}', '\u{2E20}',
];
/// UAX #14's quotation marks (QU) of general category Pf.
const FINAL_QUOTES: [char; 10] = [
    '\u{BB}', '\u{2019}', '\u{201D}', '\u{203A}', '\u{2E03}', '\u{2E05}', '\u{2E0A}', '\u{2E0D}',
    '\u{2E1D}', '\u{2E21}',
];

/// May a line break fall between a grapheme of class `before` and one of class `after`,
/// with spaces between them (`spaced`) or not?
#[inline]
pub(crate) fn allowed(before: Class, after: Class, spaced: bool) -> bool {
    let (a, b) = (before.0, after.0);
    if b & Class::NO_START != 0 || a & (Class::NO_END | Class::JOINED) != 0 {
        return false;
    }
    if spaced || a & Class::SPLIT != 0 {
        return true;
    }
    (a | b) & Class::QUOTE == 0
        && a & b & (Class::WORD | Class::DASH | Class::ELLIPSIS) == 0
        && !(a & Class::PREFIX != 0 && b & Class::WORD != 0)
        && !(a & Class::NUM_JOIN != 0 && b & Class::DIGIT != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class_set(property: &str) -> Vec<(u32, u32)> {
        use regex_syntax::hir::{Class as C, HirKind};
        match regex_syntax::parse(property).unwrap().kind() {
            HirKind::Class(C::Unicode(c)) => c
                .ranges()
                .iter()
                .map(|r| (u32::from(r.start()), u32::from(r.end())))
                .collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn quote_lists_are_the_initial_and_final_quotation_marks() {
        let pi = class_set(r"\p{Pi}");
        let pf = class_set(r"\p{Pf}");
        let within = |set: &[(u32, u32)], cp: u32| set.iter().any(|&(lo, hi)| lo <= cp && cp <= hi);
        let qu = |cat: &[(u32, u32)]| -> Vec<char> {
            (0..=0x10FFFF)
                .filter(|&cp| break_property(cp) == BreakClass::Quotation && within(cat, cp))
                .filter_map(char::from_u32)
                .collect()
        };
        assert_eq!(qu(&pi), INITIAL_QUOTES);
        assert_eq!(qu(&pf), FINAL_QUOTES);
    }

    #[test]
    fn han_fast_path_agrees_with_the_table() {
        for c in ('\u{3400}'..='\u{4DBF}')
            .chain('\u{4E00}'..='\u{9FFF}')
            .chain('\u{20000}'..='\u{2A6DF}')
        {
            assert_eq!(Class::of_char(c), Class::NONE, "U+{:04X}", c as u32);
        }
    }
}
