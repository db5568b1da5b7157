//! Default-ignorable code points: the characters that Unicode's Default_Ignorable_Code_Point
//! property marks as shown as nothing when a font has no special use for them. Variation
//! selectors (U+FE00–FE0F, and the ideographic ones U+E0100–E01EF that Kanripo and Japanese
//! editions write after 葛 or 邊), zero-width spaces and joiners, the soft hyphen, bidi marks,
//! the byte order mark, tag characters, Hangul fillers… A search folds them away: see
//! the module documentation of [`crate::search`].
//!
//! The set is not typed in here: it is read once from the `regex` crate's own Unicode tables
//! (through `regex-syntax`, which `regex` builds on), so the scanning matcher, which asks
//! [`is_ignorable`], and the regexes that search compiles, which say
//! `\p{Default_Ignorable_Code_Point}`, use one and the same definition.

use std::sync::OnceLock;

/// The property as the regexes built by search spell it.
pub(crate) const REGEX_CLASS: &str = r"\p{Default_Ignorable_Code_Point}";

/// The default-ignorable code points as sorted, disjoint inclusive ranges, and which bytes
/// can start the UTF-8 encoding of one (so most characters are ruled out by one look-up).
#[derive(Debug)]
pub(crate) struct Ignorables {
    ranges: Box<[(u32, u32)]>,
    lead: [bool; 256],
}

static TABLE: OnceLock<Ignorables> = OnceLock::new();

/// The table, built on first use (a few microseconds).
pub(crate) fn table() -> &'static Ignorables {
    TABLE.get_or_init(build)
}

fn build() -> Ignorables {
    use regex_syntax::hir::{Class, HirKind};
    let hir = regex_syntax::parse(REGEX_CLASS).expect("regex-syntax knows the property");
    let ranges: Box<[(u32, u32)]> = match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => class
            .ranges()
            .iter()
            .map(|r| (u32::from(r.start()), u32::from(r.end())))
            .collect(),
        other => unreachable!("a Unicode property parses to a class, not {other:?}"),
    };
    let mut lead = [false; 256];
    for &(lo, hi) in ranges.iter() {
        for c in (lo..=hi).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            lead[usize::from(c.encode_utf8(&mut buf).as_bytes()[0])] = true;
        }
    }
    Ignorables { ranges, lead }
}

impl Ignorables {
    /// Whether `c` is default-ignorable.
    #[inline]
    pub(crate) fn contains(&self, c: char) -> bool {
        let cp = u32::from(c);
        // Ranges are sorted and disjoint: the candidate is the last range starting at or
        // before `cp`.
        let i = self.ranges.partition_point(|&(lo, _)| lo <= cp);
        i > 0 && cp <= self.ranges[i - 1].1
    }

    /// Byte length of the default-ignorable character starting at byte `pos` of `hay`, or 0
    /// when there is none there (also at the end of `hay`).
    #[inline]
    pub(crate) fn len_at(&self, hay: &str, pos: usize) -> usize {
        match hay.as_bytes().get(pos) {
            Some(&b) if self.lead[usize::from(b)] => match hay.get(pos..) {
                Some(rest) => match rest.chars().next() {
                    Some(c) if self.contains(c) => c.len_utf8(),
                    _ => 0,
                },
                None => 0,
            },
            _ => 0,
        }
    }

    /// The first position at or after `pos` that does not start a default-ignorable
    /// character.
    #[inline]
    pub(crate) fn skip(&self, hay: &str, mut pos: usize) -> usize {
        loop {
            match self.len_at(hay, pos) {
                0 => return pos,
                n => pos += n,
            }
        }
    }

    /// The ranges, for tests.
    #[cfg(test)]
    pub(crate) fn ranges(&self) -> &[(u32, u32)] {
        &self.ranges
    }
}

/// Whether `c` has the Unicode property Default_Ignorable_Code_Point.
pub fn is_ignorable(c: char) -> bool {
    table().contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_property_as_unicode_defines_it() {
        // Variation selectors, both blocks, every one of them.
        for cp in (0xFE00..=0xFE0F).chain(0xE0100..=0xE01EF) {
            let c = char::from_u32(cp).unwrap();
            assert!(is_ignorable(c), "U+{cp:04X}");
        }
        for c in [
            '\u{AD}',    // soft hyphen
            '\u{34F}',   // combining grapheme joiner
            '\u{180B}',  // Mongolian free variation selector
            '\u{200B}',  // zero width space
            '\u{200C}',  // zero width non-joiner
            '\u{200D}',  // zero width joiner
            '\u{200E}',  // left-to-right mark
            '\u{2060}',  // word joiner
            '\u{FEFF}',  // byte order mark
            '\u{E0001}', // language tag
            '\u{E0FFF}', // the end of the reserved block
        ] {
            assert!(is_ignorable(c), "{c:?}");
        }
        for c in [
            ' ', '\t', '\n', '\r', '\u{3000}', '\u{A0}', 'a', '葛', '𣈆', '。', '\u{301}', '\u{0}',
            '\u{1B}',
        ] {
            assert!(!is_ignorable(c), "{c:?}");
        }
        // The derivation excludes white space and the combining marks.
        assert!(!is_ignorable('\u{85}'));
        assert!(!is_ignorable('\u{2028}'));
        assert!(!is_ignorable('\u{10FFFF}'));
    }

    #[test]
    fn ranges_are_sorted_and_disjoint() {
        let r = table().ranges();
        assert!(r.len() > 10);
        assert!(r.iter().all(|&(lo, hi)| lo <= hi));
        assert!(r.windows(2).all(|w| w[0].1 < w[1].0));
    }

    #[test]
    fn contains_agrees_with_a_linear_scan() {
        let t = table();
        for cp in (0..0x3_0000).chain(0xE_0000..=0xE_1000) {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let linear = t.ranges().iter().any(|&(lo, hi)| lo <= cp && cp <= hi);
            assert_eq!(t.contains(c), linear, "U+{cp:04X}");
        }
    }

    #[test]
    fn len_at_and_skip() {
        let t = table();
        let s = "葛\u{E0100}\u{FE0F}氏\u{200B}";
        assert_eq!(t.len_at(s, 0), 0);
        assert_eq!(t.len_at(s, 3), 4);
        assert_eq!(t.len_at(s, 4), 0); // not a character boundary
        assert_eq!(t.skip(s, 3), 10);
        assert_eq!(t.skip(s, 13), s.len());
        assert_eq!(t.skip(s, s.len()), s.len());
        assert_eq!(t.skip(s, 999), 999);
        assert_eq!(t.len_at("", 0), 0);
    }
}
