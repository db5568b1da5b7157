//! Character folding: equivalence classes of characters that a folded search treats as
//! the same character.
//!
//! The classes are the connected components of the graph whose edges are every
//! single-character `key → value` mapping of the bundled OpenCC character tables
//! (traditional ↔ simplified, Taiwan, Hong Kong and Japanese shinjitai variants, each in
//! both directions) and of the variant table of the names of eras, rulers, 干支 and
//! numerals (`assets/calendar/variants.txt`, from Unihan and other sources: 熈 ≡ 熙,
//! 夘 ≡ 卯, 𥘉 ≡ 初), so 辽 ≡ 遼, 庆 ≡ 慶, 众 ≡ 衆 ≡ 眾, 斗 ≡ 鬥 ≡ 鬭 …; entries whose key or
//! value is longer than one character are ignored. Full-width ASCII U+FF01–U+FF5E is
//! folded onto ASCII U+0021–U+007E, and the ideographic space U+3000 onto the space.
//!
//! The classes are computed when the program is built (`build.rs`, by
//! `src/search/fold_classes.rs`, from the tables in `assets/`), so nothing is built when it
//! starts: a lookup is two array reads.

use std::sync::OnceLock;

// The classes as static data: `FLAT`, `CLASS`, `PAGE`, `BLOCK` (see `build.rs`).
include!(concat!(env!("OUT_DIR"), "/fold_table.rs"));

/// The class of `c` (its index in `CLASS`), when `c` has variants.
fn class_of(c: char) -> Option<usize> {
    let cp = c as u32;
    let page = *PAGE.get((cp >> 8) as usize)?;
    if page == 0 {
        return None;
    }
    let k = BLOCK[usize::from(page) - 1][(cp & 0xFF) as usize];
    (k > 0).then(|| usize::from(k) - 1)
}

/// Blocks of 256 consecutive characters, materialised on demand, so that a character
/// outside every class still has a `'static` one-element slice to be returned as.
static SINGLETONS: [OnceLock<Box<[char; 256]>>; 0x1100] = [const { OnceLock::new() }; 0x1100];

/// `[c]` as a `'static` slice.
pub(crate) fn singleton(c: char) -> &'static [char] {
    let cp = c as u32;
    let block = SINGLETONS[(cp >> 8) as usize].get_or_init(|| {
        let base = cp & !0xFF;
        // Surrogate code points cannot be `char`s and are never looked up.
        Box::new(std::array::from_fn(|j| {
            char::from_u32(base + j as u32).unwrap_or('\u{FFFD}')
        }))
    });
    std::slice::from_ref(&block[(cp & 0xFF) as usize])
}

/// Every character folded together with `c`, sorted by code point and including `c`
/// itself (`variants('辽')` is `['辽', '遼']`); `[c]` alone when `c` has no variants.
pub fn variants(c: char) -> &'static [char] {
    match class_of(c) {
        Some(k) => {
            let (start, len) = CLASS[k];
            &FLAT[usize::from(start)..usize::from(start) + usize::from(len)]
        }
        None => singleton(c),
    }
}

/// The canonical representative of `c`'s class (its lowest code point): two characters
/// fold together exactly when their `fold_char` is equal.
pub fn fold_char(c: char) -> char {
    variants(c)[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: char, b: char) -> bool {
        fold_char(a) == fold_char(b)
    }

    #[test]
    fn required_classes() {
        for (a, b) in [
            ('庆', '慶'),
            ('辽', '遼'),
            ('萧', '蕭'),
            ('衆', '眾'),
            ('眾', '众'),
            ('鬭', '鬥'),
            ('羣', '群'),
            ('衞', '衛'),
            ('駡', '罵'),
            ('鳯', '鳳'),
            ('Ａ', 'A'),
            ('～', '~'),
            ('！', '!'),
            ('\u{3000}', ' '),
        ] {
            assert!(same(a, b), "{a} ≢ {b}: {:?} {:?}", variants(a), variants(b));
        }
        assert!(!same('天', '夫'));
        assert!(!same('a', 'A'));
        // 天 has only its Unihan semantic variants (靝, 靔), not 夫 or 大.
        assert_eq!(variants('天'), ['天', '靔', '靝']);
        assert_eq!(variants('\n'), ['\n']);
        assert_eq!(fold_char('😀'), '😀');
        assert_eq!(variants('\u{10FFFF}'), ['\u{10FFFF}']);
    }

    /// The bundled tables, which `build.rs` reads.
    const TABLES: [&str; 9] = [
        include_str!("../../assets/opencc/TSCharacters.txt"),
        include_str!("../../assets/opencc/STCharacters.txt"),
        include_str!("../../assets/opencc/TWVariants.txt"),
        include_str!("../../assets/opencc/TWVariantsRev.txt"),
        include_str!("../../assets/opencc/HKVariants.txt"),
        include_str!("../../assets/opencc/HKVariantsRev.txt"),
        include_str!("../../assets/opencc/JPShinjitaiCharacters.txt"),
        include_str!("../../assets/opencc/JPShinjitaiCharactersRev.txt"),
        include_str!("../../assets/calendar/variants.txt"),
    ];

    #[test]
    fn classes_are_consistent() {
        let max = CLASS.iter().map(|&(_, len)| len).max().unwrap();
        assert_eq!(max, 7, "largest class");
        for &c in &FLAT {
            let v = variants(c);
            assert!(v.contains(&c));
            assert!(v.len() >= 2);
            assert!(v.windows(2).all(|w| w[0] < w[1]));
            for &d in v {
                assert_eq!(variants(d), v);
            }
        }
    }

    /// The static classes are the ones the tables give, and no other character has
    /// variants.
    #[test]
    fn static_classes_are_the_tables() {
        let classes = super::super::fold_classes::classes(&TABLES);
        assert!(classes.iter().map(Vec::len).sum::<usize>() > 5000);
        assert_eq!(classes.len(), CLASS.len());
        let mut with_variants = std::collections::HashSet::new();
        for class in &classes {
            for &c in class {
                assert_eq!(variants(c), class.as_slice());
                with_variants.insert(c);
            }
        }
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if !with_variants.contains(&c) {
                assert_eq!(variants(c), [c]);
            }
        }
    }
}
