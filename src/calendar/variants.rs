//! Variant characters (異體字) in the names of eras, rulers and regimes, in 干支 and in
//! numerals: which characters a lookup treats as the same.
//!
//! Folding is the one of [`crate::search::fold`]: the classes joined by the OpenCC tables
//! (繁簡, Taiwan, Hong Kong and Japanese forms) and by `assets/calendar/variants.txt`, which
//! `scripts/calendar/gen_eras.py` draws from Unihan (kSemanticVariant, kZVariant, the incomplete forms of kStrange), the EACC
//! variant layers of Unihan's kEACC, KANJIDIC2 and two attested pairs, for the characters
//! of the era table (熈 ≡ 熙, 徳 ≡ 德, 寳 ≡ 寶, 厯 ≡ 曆, 灮 ≡ 光, 𥘉 ≡ 初, 甯 ≡ 寧, 夘 ≡ 卯, and the 缺筆
//! of taboo avoidance: 𢎞 ≡ 弘, 𤣥 ≡ 玄).
//! The README in `assets/calendar/` says how pairs are chosen so that classes stay small.
//! Search folds by the same classes.

/// The representative of `c`'s variant class (its lowest code point): two characters are
/// variants of each other exactly when their `fold_char` is equal. `夘` and `卯` fold to the
/// same character; a character without variants folds to itself.
pub fn fold_char(c: char) -> char {
    crate::search::fold::fold_char(c)
}

/// `name` with every character folded by [`fold_char`]: the key that era, ruler and regime
/// names are indexed by (`fold_key("天庆") == fold_key("天慶")`).
pub fn fold_key(name: &str) -> String {
    name.chars().map(fold_char).collect()
}

/// Whether two names are the same up to variant characters.
pub fn same_name(a: &str, b: &str) -> bool {
    a.chars().count() == b.chars().count()
        && a.chars()
            .zip(b.chars())
            .all(|(x, y)| fold_char(x) == fold_char(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_variants_fold() {
        for (a, b) in [
            ('熈', '熙'),
            ('煕', '熙'),
            ('凞', '熙'),
            ('徳', '德'),
            ('寳', '寶'),
            ('厯', '曆'),
            ('歷', '曆'),
            ('灮', '光'),
            ('𥘉', '初'),
            ('甯', '寧'),
            ('夘', '卯'),
            ('邜', '卯'),
            ('眀', '明'),
            ('㤗', '泰'),
            ('佑', '祐'),
            ('干', '乾'),
            ('庆', '慶'),
            // The 缺筆 (a stroke left out) of the Qing taboo in 四庫全書: kStrange `I:`.
            ('𤣥', '玄'),
            ('𢎞', '弘'),
            ('𦙍', '胤'),
        ] {
            assert_eq!(fold_char(a), fold_char(b), "{a} {b}");
        }
        assert!(same_name("康熈", "康熙"));
        assert!(same_name("天庆", "天慶"));
        assert!(same_name("大眀", "大明"));
        assert!(same_name("景㤗", "景泰"));
        assert!(same_name("𢎞治", "弘治"));
        assert!(!same_name("天慶", "天慶元"));
        assert_eq!(fold_key("夘"), fold_key("卯"));
    }

    #[test]
    fn distinct_characters_stay_apart() {
        // Two meanings of one simplified form must not join: 历 is 曆/歷 and was once 厲.
        for (a, b) in [
            ('曆', '厲'),
            ('己', '已'),
            ('已', '巳'),
            ('戊', '戌'),
            ('戌', '戍'),
            ('天', '夫'),
            // Linked in Unihan only by kLau, a dictionary of Cantonese usage.
            ('只', '子'),
            ('簡', '耕'),
            ('孀', '霜'),
        ] {
            assert_ne!(fold_char(a), fold_char(b), "{a} {b}");
        }
    }
}
