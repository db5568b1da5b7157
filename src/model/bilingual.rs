//! Bilingual editions: the original and a modern translation in alternating paragraphs
//! under one heading, as the 通鑑 文白 (白话版) editions print them —
//!
//! ```text
//! [4]宁陵丞庐江郭霸以谄谀干太后，拜监察御史。…
//! [4]宁陵县丞庐江人郭霸靠对太后阿谀奉承以求取禄位，当上了监察御史。…
//! ```
//!
//! — or under markers (`【原文】` … `【译文】` …), so that they can be read as two panes,
//! paragraph by paragraph. Pure: no terminal code.
//!
//! How a translation is told from its original: it follows it; it is written in the
//! modern language, whose function words (的 了 们 这 么 吗 呢 她 把 被 没 很 给 让 说, 他们,
//! 已经, 因为, 公元 …) classical prose almost never uses — a translation has about 3 to 13
//! in 100 characters, an original under 1; and it renders the original sentence by
//! sentence, so it opens as the original does (the same `[4]`, the same first characters)
//! and is longer. A pair is an original followed by a paragraph that opens as it does and
//! is longer, or that is clearly more modern; or paragraphs under 原文 and 译文 markers.
//! A text is bilingual when most of its entries' paragraphs pair up.

use super::{Chronicle, Span, paragraphs};

/// Which half of a bilingual edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The original text.
    Original,
    /// The modern translation.
    Translation,
}

/// A paragraph of the original and its translation, or a paragraph left alone (a heading,
/// an original with no translation after it): the paragraphs (byte spans into the text)
/// each side shows beside the other.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Unit {
    /// The original's paragraphs.
    pub original: Vec<Span>,
    /// The translation's paragraphs (empty for a paragraph left alone).
    pub translation: Vec<Span>,
}

/// A chronicle's entries as units of original and translation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bilingual {
    units: Vec<Vec<Unit>>,
    /// Units with both an original and a translation.
    pub pairs: usize,
    /// The entries' paragraphs, all told.
    pub paragraphs: usize,
    /// Paragraphs in a pair.
    pub paired: usize,
}

/// How many paragraphs [`Bilingual::detect`] looks at before deciding a text is not
/// bilingual.
const SAMPLE: usize = 400;

impl Bilingual {
    /// `c` as a bilingual edition, if it is one: at least three pairs, and at least 60% of
    /// its entries' paragraphs in pairs. A text that does not look bilingual in its first
    /// [`SAMPLE`] paragraphs is not read further.
    pub fn detect(c: &Chronicle) -> Option<Bilingual> {
        let sample = Bilingual::pair(c, Some(SAMPLE));
        if !sample.is_bilingual() {
            return None;
        }
        let whole = Bilingual::pair(c, None);
        whole.is_bilingual().then_some(whole)
    }

    /// Every entry of `c` cut into units, whether or not the text is bilingual (a
    /// monolingual text's paragraphs are mostly left alone).
    pub fn of(c: &Chronicle) -> Bilingual {
        Bilingual::pair(c, None)
    }

    /// Whether enough paragraphs pair up for the text to be read as bilingual.
    pub fn is_bilingual(&self) -> bool {
        self.pairs >= 3 && self.paired * 10 >= self.paragraphs * 6
    }

    /// The units of entry `entry` (empty for an entry out of range).
    pub fn units(&self, entry: usize) -> &[Unit] {
        self.units.get(entry).map_or(&[], Vec::as_slice)
    }

    fn pair(c: &Chronicle, limit: Option<usize>) -> Bilingual {
        let mut b = Bilingual::default();
        for e in &c.entries {
            if limit.is_some_and(|n| b.paragraphs >= n) {
                break;
            }
            let paras: Vec<Span> = paragraphs(&c.text, e.span).collect();
            b.paragraphs += paras.len();
            let units = units_of(&c.text, &paras);
            for u in &units {
                if !u.original.is_empty() && !u.translation.is_empty() {
                    b.pairs += 1;
                    b.paired += u.original.len() + u.translation.len();
                }
            }
            b.units.push(units);
        }
        b
    }
}

/// What a paragraph is marked as, if the edition marks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marked {
    Original,
    Translation,
}

/// The marker a paragraph opens with, if any: `【原文】`, `原文：`, `【译文】`, `【譯文】`,
/// `【白话】`, `【今译】`, `译文：` ….
fn marker(p: &str) -> Option<Marked> {
    let p = p.trim_start_matches(['【', '〔', '[', '［']);
    let head: String = p.chars().take(2).collect();
    let rest = &p[head.len()..];
    if !rest.starts_with(['】', '〕', ']', '］', '：', ':']) {
        return None;
    }
    match head.as_str() {
        "原文" => Some(Marked::Original),
        "译文" | "譯文" | "白话" | "白話" | "今译" | "今譯" | "语译" | "語譯" => {
            Some(Marked::Translation)
        }
        _ => None,
    }
}

/// The units of one entry's paragraphs (`paras`, spans into `text`, in order).
fn units_of(text: &str, paras: &[Span]) -> Vec<Unit> {
    let marked: Vec<Option<Marked>> = paras.iter().map(|p| marker(&text[p.range()])).collect();
    if marked.iter().any(Option::is_some) {
        return by_markers(paras, &marked);
    }
    let mut units = Vec::new();
    let mut i = 0;
    while i < paras.len() {
        let a = &text[paras[i].range()];
        match paras.get(i + 1) {
            Some(&b) if translates(a, &text[b.range()]) => {
                units.push(Unit {
                    original: vec![paras[i]],
                    translation: vec![b],
                });
                i += 2;
            }
            _ => {
                units.push(Unit {
                    original: vec![paras[i]],
                    translation: Vec::new(),
                });
                i += 1;
            }
        }
    }
    units
}

/// Units by the edition's markers: from a 原文 marker to the next translation marker is an
/// original, from there to the next 原文 marker its translation; paragraphs before the
/// first marker are left alone.
fn by_markers(paras: &[Span], marked: &[Option<Marked>]) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut side = None;
    for (&p, m) in paras.iter().zip(marked) {
        match m {
            Some(Marked::Original) => {
                units.push(Unit {
                    original: vec![p],
                    translation: Vec::new(),
                });
                side = Some(Side::Original);
            }
            Some(Marked::Translation) => {
                match units.last_mut() {
                    Some(u) if side == Some(Side::Original) => u.translation.push(p),
                    _ => units.push(Unit {
                        original: Vec::new(),
                        translation: vec![p],
                    }),
                }
                side = Some(Side::Translation);
            }
            None => match (side, units.last_mut()) {
                (Some(Side::Original), Some(u)) => u.original.push(p),
                (Some(Side::Translation), Some(u)) => u.translation.push(p),
                _ => units.push(Unit {
                    original: vec![p],
                    translation: Vec::new(),
                }),
            },
        }
    }
    units
}

/// Whether paragraph `b` reads as the translation of `a` (which comes right before it).
fn translates(a: &str, b: &str) -> bool {
    let (da, la) = modern_density(a);
    let (db, lb) = modern_density(b);
    if la == 0 || lb == 0 {
        return false;
    }
    // Numbered paragraphs (`[4]`) are paired by their numbers alone.
    if let (Some(na), Some(nb)) = (number(a).0, number(b).0) {
        if na != nb {
            return false;
        }
    }
    let same_opening = same_opening(a, b);
    (same_opening && (lb > la || db > da + 0.02)) || (da < 0.01 && db >= 0.03 && lb * 10 >= la * 8)
}

/// Single characters of the modern language that classical prose almost never uses.
const MODERN: &str = "的了们們这這么麼吗嗎呢她它把被没沒很给給让讓说說";
/// Words of the modern language (each counts twice).
const MODERN_WORDS: [&str; 22] = [
    "公元", "他们", "他們", "我们", "我們", "已经", "已經", "因为", "因為", "所以", "但是", "可以",
    "时候", "時候", "什么", "什麼", "这样", "這樣", "一个", "一個", "就是", "还是",
];

/// The density of the modern language's function words in `p` (per CJK character), and
/// its number of CJK characters.
pub fn modern_density(p: &str) -> (f32, usize) {
    // One pass: the characters of both lists are CJK, and no word of two characters can
    // overlap itself (none repeats its character), so a word's occurrences are the places
    // where its second character follows its first.
    static SINGLES: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
        let mut v: Vec<char> = MODERN.chars().collect();
        v.sort_unstable();
        v
    });
    static WORDS: std::sync::LazyLock<Vec<(char, char)>> = std::sync::LazyLock::new(|| {
        let mut v: Vec<(char, char)> = MODERN_WORDS
            .iter()
            .map(|w| {
                let mut it = w.chars();
                (it.next().unwrap_or_default(), it.next().unwrap_or_default())
            })
            .collect();
        v.sort_unstable();
        v
    });
    let (mut cjk, mut singles, mut words) = (0usize, 0usize, 0usize);
    let mut prev = '\0';
    for c in p.chars() {
        if is_cjk(c) {
            cjk += 1;
            singles += usize::from(SINGLES.binary_search(&c).is_ok());
            words += usize::from(WORDS.binary_search(&(prev, c)).is_ok());
        }
        prev = c;
    }
    if cjk == 0 {
        return (0.0, 0);
    }
    ((singles + 2 * words) as f32 / cjk as f32, cjk)
}

/// Whether two paragraphs open alike: the same `[n]` number, or the same first two CJK
/// characters (after any number).
fn same_opening(a: &str, b: &str) -> bool {
    let (na, ra) = number(a);
    let (nb, rb) = number(b);
    if na.is_some() || nb.is_some() {
        return na == nb;
    }
    let first = |s: &str| -> String { s.chars().filter(|&c| is_cjk(c)).take(2).collect() };
    let (fa, fb) = (first(ra), first(rb));
    fa.chars().count() == 2 && fa == fb
}

/// A paragraph's opening number (`[4]`, `［4］`, `【4】`) and the rest.
fn number(p: &str) -> (Option<u32>, &str) {
    let Some(rest) = p.strip_prefix(['[', '［', '【']) else {
        return (None, p);
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let tail = &rest[digits..];
    match tail.strip_prefix([']', '］', '】']) {
        Some(after) if digits > 0 => (rest[..digits].parse().ok(), after),
        _ => (None, p),
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{3134f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pass count is the count of each list's characters and words, as `str`
    /// searches count them.
    #[test]
    fn modern_density_counts_as_searches_do() {
        let by_search = |p: &str| {
            let cjk = p.chars().filter(|&c| is_cjk(c)).count();
            if cjk == 0 {
                return (0.0, 0);
            }
            let singles = p.chars().filter(|&c| MODERN.contains(c)).count();
            let words: usize = MODERN_WORDS.iter().map(|w| p.matches(w).count()).sum();
            ((singles + 2 * words) as f32 / cjk as f32, cjk)
        };
        for w in MODERN_WORDS {
            let v: Vec<char> = w.chars().collect();
            assert!(
                v.len() == 2 && v[0] != v[1] && v.iter().all(|&c| is_cjk(c)),
                "{w}"
            );
        }
        assert!(MODERN.chars().all(is_cjk));
        let mut samples = vec![
            String::new(),
            "abc".to_owned(),
            crate::model::EMBEDDED_TEXT.to_owned(),
            format!("{MODERN}{}", MODERN_WORDS.concat()),
            "他们他们們，我我们們已经經的的了。公元公元元年".to_owned(),
        ];
        samples.extend(MODERN_WORDS.iter().map(|w| format!("{w}{w}x{w}")));
        for p in &samples {
            assert_eq!(modern_density(p), by_search(p), "{p}");
        }
    }

    #[test]
    fn modern_prose_has_function_words_classical_has_none() {
        let classical = "宁陵丞庐江郭霸以谄谀干太后，拜监察御史。";
        let modern = "宁陵县丞庐江人郭霸靠对太后阿谀奉承以求取禄位，当上了监察御史。";
        assert_eq!(modern_density(classical).0, 0.0);
        assert!(modern_density(modern).0 > 0.03);
        assert!(translates(classical, modern));
        assert!(!translates(modern, classical));
        // The same number and a longer paragraph, with no function word at all.
        assert!(translates(
            "[10]庚辰，司刑卿、检校陕州刺史李游道为冬官尚书。",
            "[10]庚辰（十四日），司刑卿、检校陕州刺史李游道任冬官尚书。"
        ));
        // Numbers that differ are two originals.
        assert!(!translates("[1]正月。", "[2]正月朝廷封原于阗王的儿子。"));
    }

    #[test]
    fn markers_name_their_side() {
        assert_eq!(marker("【原文】乾統元年"), Some(Marked::Original));
        assert_eq!(marker("原文：乾統元年"), Some(Marked::Original));
        assert_eq!(marker("【译文】乾统元年"), Some(Marked::Translation));
        assert_eq!(marker("【譯文】"), Some(Marked::Translation));
        assert_eq!(marker("原文乾統"), None);
        assert_eq!(marker("【一】"), None);
        assert_eq!(number("[12]戊午"), (Some(12), "戊午"));
        assert_eq!(number("［3］春"), (Some(3), "春"));
        assert_eq!(number("[a]春"), (None, "[a]春"));
    }

    #[test]
    fn a_classical_text_is_not_bilingual() {
        let seed = Chronicle::embedded();
        let b = Bilingual::of(&seed);
        assert!(!b.is_bilingual(), "{} pairs", b.pairs);
        assert!(Bilingual::detect(&seed).is_none());
    }
}
