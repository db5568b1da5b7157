//! Small facts about text that the model, search and layout all need, defined once: which
//! characters are blanks, and how to round a byte offset to a character boundary.

/// Indentation and line-end blanks: ASCII space, tab, ideographic space (U+3000). Line
/// breaks are not blanks.
pub fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}')
}

/// The character boundary at or before byte `at` of `s` (`s.len()` when `at` is past the
/// end).
pub fn floor_boundary(s: &str, at: usize) -> usize {
    let mut i = at.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The character boundary at or after byte `at` of `s` (`s.len()` when `at` is past the
/// end).
pub fn ceil_boundary(s: &str, at: usize) -> usize {
    let mut i = at.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        let s = "a天b";
        assert_eq!(
            (0..=6).map(|i| floor_boundary(s, i)).collect::<Vec<_>>(),
            [0, 1, 1, 1, 4, 5, 5]
        );
        assert_eq!(
            (0..=6).map(|i| ceil_boundary(s, i)).collect::<Vec<_>>(),
            [0, 1, 4, 4, 4, 5, 5]
        );
    }

    #[test]
    fn blanks() {
        assert!(is_blank(' ') && is_blank('\t') && is_blank('\u{3000}'));
        assert!(!is_blank('\n') && !is_blank('\r') && !is_blank('\u{a0}') && !is_blank('天'));
    }
}
