// Hit lists are compared with one-range arrays, and bad ranges are passed on purpose.
#![allow(clippy::single_range_in_vec_init, clippy::reversed_empty_ranges)]

use std::ops::Range;

use proptest::prelude::*;

use super::*;

/// 遼史紀事本末-style sample in traditional characters (天祚皇帝 上).
const SEED: &str = include_str!("../../assets/tianzuo-shang.txt");

/// Issue 12, item 2: 葛 and 邊 written with ideographic variation selectors (U+E0100 and
/// U+E0104) after them, as Kanripo and Japanese editions do.
const IVS: &str = include_str!("../../tests/fixtures/search/ivs-variation-selector.txt");

/// Both engines of a folded/exact query: the regex one (when it compiles) and the scanner.
fn queries(pattern: &str, mode: Mode) -> [Query; 2] {
    [
        Query::new(pattern, mode).unwrap(),
        Query::new_scanning(pattern, mode),
    ]
}

fn hits(pattern: &str, mode: Mode, hay: &str) -> Vec<Range<usize>> {
    let [a, b] = queries(pattern, mode);
    let ra: Vec<_> = a.find_iter(hay).collect();
    let rb: Vec<_> = b.find_iter(hay).collect();
    assert_eq!(ra, rb, "engines disagree on {pattern:?}");
    ra
}

fn count(pattern: &str, mode: Mode, hay: &str) -> usize {
    hits(pattern, mode, hay).len()
}

fn texts<'a>(hay: &'a str, ranges: &[Range<usize>]) -> Vec<&'a str> {
    ranges.iter().map(|r| &hay[r.clone()]).collect()
}

#[test]
fn seed_counts_folded() {
    assert_eq!(count("阿骨打", Mode::Folded, SEED), 19);
    assert_eq!(count("女真", Mode::Folded, SEED), 65);
    assert_eq!(count("天庆", Mode::Folded, SEED), 8);
    assert_eq!(count("萧奉先", Mode::Folded, SEED), 10);
    // Traditional queries find the same.
    assert_eq!(count("天慶", Mode::Folded, SEED), 8);
    assert_eq!(count("蕭奉先", Mode::Folded, SEED), 10);
    assert_eq!(
        count("辽", Mode::Folded, SEED),
        count("遼", Mode::Exact, SEED)
    );
    // 衆/眾/众 all fold: the seed writes 衆.
    let n = count("衆", Mode::Exact, SEED);
    assert!(n > 0);
    assert_eq!(count("众", Mode::Folded, SEED), n);
    assert_eq!(count("眾", Mode::Folded, SEED), n);
    assert_eq!(
        count("鬥", Mode::Folded, SEED),
        count("鬭", Mode::Exact, SEED)
    );
}

#[test]
fn seed_counts_exact() {
    assert_eq!(count("天庆", Mode::Exact, SEED), 0);
    assert_eq!(count("天慶", Mode::Exact, SEED), 8);
    assert_eq!(count("萧奉先", Mode::Exact, SEED), 0);
    assert_eq!(count("阿骨打", Mode::Exact, SEED), 19);
}

#[test]
fn traditional_query_on_simplified_text() {
    let hay = "天庆四年。秋八月，女真阿骨打始叛。时萧奉先为枢密使，辽国大乱，众皆惊。";
    for (pattern, want) in [
        ("天慶", "天庆"),
        ("蕭奉先", "萧奉先"),
        ("遼國", "辽国"),
        ("衆", "众"),
        ("眾皆驚", "众皆惊"),
        ("樞密", "枢密"),
    ] {
        assert_eq!(
            texts(hay, &hits(pattern, Mode::Folded, hay)),
            [want],
            "{pattern}"
        );
        assert_eq!(count(pattern, Mode::Exact, hay), 0, "{pattern}");
    }
}

#[test]
fn regex_mode() {
    let q = Query::new("天慶[一二三]年", Mode::Regex).unwrap();
    assert_eq!(q.count(SEED), 2);
    let q = Query::new("天慶.年", Mode::Regex).unwrap();
    assert_eq!(q.count(SEED), 8);
    // Regex mode searches the folded text (trial 3, item 6): 天庆 finds 天慶 as in folded
    // mode, and a class folds too.
    assert_eq!(Query::new("天庆", Mode::Regex).unwrap().count(SEED), 8);
    assert_eq!(Query::new("天[庆]", Mode::Regex).unwrap().count(SEED), 8);
    let hits: Vec<_> = Query::new("天庆.年", Mode::Regex)
        .unwrap()
        .find_iter(SEED)
        .collect();
    assert_eq!(texts(SEED, &hits)[0], "天慶元年");
    // Multi-line: ^ and $ at every line's start and end, CRLF included.
    let hay = "乾統元年。春。\r\n天慶二年。夏。\n  天慶三年。\n";
    let q = Query::new("^天庆.年", Mode::Regex).unwrap();
    assert_eq!(
        texts(hay, &q.find_iter(hay).collect::<Vec<_>>()),
        ["天慶二年"]
    );
    let q = Query::new("。$", Mode::Regex).unwrap();
    assert_eq!(q.count(hay), 3);
    // Zero-width matches are not hits.
    let q = Query::new("x*", Mode::Regex).unwrap();
    assert_eq!(q.find_iter("axxb").collect::<Vec<_>>(), [1..3]);
    assert_eq!(Query::new("^", Mode::Regex).unwrap().count("abc"), 0);
    // Refining is a full search in regex mode.
    let prev: Vec<_> = Query::new("a", Mode::Regex)
        .unwrap()
        .find_iter("ab b")
        .collect();
    let q = Query::new("a|b", Mode::Regex).unwrap();
    assert_eq!(
        q.refine("ab b", &prev),
        q.find_iter("ab b").collect::<Vec<_>>()
    );
}

#[test]
fn regex_errors() {
    let err = Query::new("天慶(", Mode::Regex).unwrap_err();
    assert!(matches!(err, SearchError::InvalidRegex(_)));
    let msg = err.to_string();
    assert!(msg.contains("unclosed group"), "{msg}");
    assert!(Query::new("[z-a]", Mode::Regex).is_err());
    // A huge repetition is refused by the size limit (not compiled for minutes).
    let err = Query::new(r"\w{1000}{1000}", Mode::Regex).unwrap_err();
    assert!(err.to_string().contains("size limit"), "{err}");
    let long = "a".repeat(1 << 20);
    assert!(matches!(
        Query::new(&long, Mode::Regex),
        Err(SearchError::RegexTooLong { .. })
    ));
    // Deep nesting is an error, not a stack overflow.
    let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
    assert!(Query::new(&deep, Mode::Regex).is_err());
}

#[test]
fn empty_pattern() {
    for mode in [Mode::Folded, Mode::Exact, Mode::Regex] {
        let q = Query::new("", mode).unwrap();
        assert!(q.is_empty());
        assert_eq!(q.count(SEED), 0);
        assert_eq!(q.find_iter("").count(), 0);
        assert!(q.refine(SEED, &[0..3]).is_empty());
        assert_eq!(q.pattern(), "");
        assert_eq!(q.mode(), mode);
    }
    assert!(!Query::new("a", Mode::Folded).unwrap().is_empty());
}

#[test]
fn huge_and_odd_patterns() {
    // 1 MB patterns: longer than the text, or not.
    let big = "阿骨打".repeat(350_000);
    for mode in [Mode::Folded, Mode::Exact] {
        let q = Query::new(&big, mode).unwrap();
        assert_eq!(q.count(SEED), 0);
        assert_eq!(q.count(&big), 1);
        assert_eq!(q.count(&format!("{big}{big}")), 2);
    }
    // The whole seed as a pattern (too long for the regex engine): it finds itself, and its
    // simplified-ish spelling finds it too.
    let q = Query::new(SEED, Mode::Folded).unwrap();
    assert!(matches!(
        &q.kind,
        Kind::Literal(Literal {
            engine: Engine::Scan(_),
            ..
        })
    ));
    assert_eq!(q.find_iter(SEED).collect::<Vec<_>>(), [0..SEED.len()]);
    let simplified = SEED
        .replace('慶', "庆")
        .replace('遼', "辽")
        .replace('蕭', "萧");
    assert_eq!(q.count(&simplified), 1);
    assert_eq!(
        Query::new(&simplified, Mode::Folded).unwrap().count(SEED),
        1
    );
    assert_eq!(Query::new(&simplified, Mode::Exact).unwrap().count(SEED), 0);
    // Repeated characters (the scanner's worst case) stay manageable.
    let a_hay = "a".repeat(20_000);
    let a_pat = "a".repeat(2_000);
    assert_eq!(Query::new(&a_pat, Mode::Folded).unwrap().count(&a_hay), 10);

    let newlines = "\n".repeat(100_000);
    let metas = r".*+?()[]{}|^$\#&-~".repeat(1000);
    for pattern in [
        "\n",
        "\n\n\n",
        &newlines,
        "\r\n",
        r".*+?()[]{}|^$\#&-~",
        &metas,
        "\0",
        "a\0b",
        "😀",
        "👨‍👩‍👧",
        "\u{301}",
        "e\u{301}",
        " ",
        "\u{3000}",
        "\t",
        "\u{10FFFF}",
    ] {
        for mode in [Mode::Folded, Mode::Exact] {
            let _ = count(pattern, mode, SEED);
            let _ = count(pattern, mode, pattern);
            assert_eq!(count(pattern, mode, ""), 0);
            assert_eq!(count(pattern, mode, pattern), 1, "{pattern:?}");
            let doubled = format!("x{pattern}{pattern}y");
            assert!(count(pattern, mode, &doubled) >= 2, "{pattern:?}");
        }
        let _ = Query::new(pattern, Mode::Regex).map(|q| q.count(SEED));
    }
    assert_eq!(count("\n", Mode::Exact, SEED), SEED.lines().count());
    assert_eq!(count("a\0b", Mode::Exact, "xa\0b a\0\nb a\0\n\nb"), 2);
    assert_eq!(count(r"[a]", Mode::Folded, "a [a] a"), 1);
    assert_eq!(count(".", Mode::Exact, "a.b"), 1);
}

#[test]
fn hit_spanning_a_line_break() {
    // Trailing space, newline, full-width indentation.
    let hay = "乾統二年。 \n\u{3000}\u{3000}乾統三年。";
    let h = hits("二年。乾統三", Mode::Folded, hay);
    assert_eq!(texts(hay, &h), ["二年。 \n\u{3000}\u{3000}乾統三"]);
    assert_eq!(count("年乾統", Mode::Folded, hay), 0);
    // Between any two characters, CRLF too.
    let hay = "女真阿骨\r\n\u{3000}打始叛";
    assert_eq!(
        texts(hay, &hits("阿骨打", Mode::Folded, hay)),
        ["阿骨\r\n\u{3000}打"]
    );
    assert_eq!(count("阿骨打", Mode::Exact, hay), 1);
    assert_eq!(count("阿\t骨打", Mode::Exact, "阿\t骨\n打"), 1);
    assert_eq!(count("阿\t骨打", Mode::Exact, "阿\t\n骨打"), 0);
    // One break only: not a blank line, not spaces within a line.
    assert_eq!(count("阿骨打", Mode::Folded, "阿骨\n\n打"), 0);
    assert_eq!(count("阿骨打", Mode::Folded, "阿骨 打"), 0);
    assert_eq!(count("阿骨打", Mode::Folded, "阿骨\r打"), 0);
    assert_eq!(count("阿骨打", Mode::Folded, "阿\n骨\n打"), 1);
    // A break may not begin or end a hit.
    assert_eq!(
        texts("\n阿骨打\n", &hits("阿骨打", Mode::Folded, "\n阿骨打\n")),
        ["阿骨打"]
    );
    // Next to a typed space the break is not implied.
    assert_eq!(count("a b", Mode::Folded, "a\n b"), 0);
    assert_eq!(count("a b", Mode::Folded, "a b"), 1);
    assert_eq!(count("a\nb", Mode::Folded, "a\nb"), 1);
    assert_eq!(count("a\nb", Mode::Folded, "a \n b"), 0);
    // Full-width space folds with space.
    assert_eq!(count("a b", Mode::Folded, "a\u{3000}b"), 1);
    assert_eq!(count("a b", Mode::Exact, "a\u{3000}b"), 0);
}

#[test]
fn issue_12_variation_selectors_fold_away() {
    // `search --count 葛氏` on the bug report's text: 7, not 0, in both modes and engines.
    assert_eq!(count("葛氏", Mode::Folded, IVS), 7);
    assert_eq!(count("葛氏", Mode::Exact, IVS), 7);
    assert_eq!(count("葛氏邊將", Mode::Folded, IVS), 7);
    assert_eq!(count("將葛氏", Mode::Folded, IVS), 6);
    // One character (the scanner): each hit covers the selector after it.
    let h = hits("葛", Mode::Folded, IVS);
    assert_eq!(h.len(), 8);
    assert!(texts(IVS, &h).iter().all(|t| *t == "葛\u{E0100}"), "{h:?}");
    assert_eq!(texts(IVS, &hits("邊", Mode::Exact, IVS))[0], "邊\u{E0104}");
    // Simplified 边 folds to 邊, selector or not.
    assert_eq!(count("边将", Mode::Folded, IVS), 7);
    // A hit ends after the selectors of its last character, not before its first one.
    let h = hits("氏邊", Mode::Folded, IVS);
    assert_eq!(texts(IVS, &h)[0], "氏邊\u{E0104}");
    let h = hits("以葛", Mode::Folded, IVS);
    assert_eq!(texts(IVS, &h), ["以葛\u{E0100}"]);
    // Through the CLI's counting path (the plain-text shortcut of `search --count`).
    let q = Query::new("葛氏", Mode::Folded).unwrap();
    assert_eq!(q.count(IVS), 7);
    // The line twice as a pattern without its selectors: longer than 64 characters, so the
    // scanner; it finds the text, selectors and all.
    let twice = IVS.trim_end().repeat(2);
    let bare: String = twice.chars().filter(|&c| !is_ignorable(c)).collect();
    assert!(bare.chars().count() > MAX_REGEX_CHARS);
    assert_eq!(hits(&bare, Mode::Exact, &twice), [0..twice.len()]);
    // ... and so does the text with its selectors, which are dropped from the pattern.
    assert_eq!(hits(&twice, Mode::Folded, &twice), [0..twice.len()]);
}

#[test]
fn ignorables_of_every_kind_between_and_after_characters() {
    let sel = [
        "\u{FE00}",
        "\u{FE0F}",
        "\u{E0100}",
        "\u{E01EF}",
        "\u{200B}",
        "\u{200D}",
        "\u{2060}",
        "\u{FEFF}",
        "\u{AD}",
        "\u{200E}",
        "\u{E0001}",
    ];
    for s in sel {
        for s2 in ["", "\u{FE01}", "\u{200C}"] {
            let hay = format!("天{s}慶{s2}{s}年。");
            for mode in [Mode::Folded, Mode::Exact] {
                // 2 characters (regex), 1 and 3 characters.
                assert_eq!(
                    texts(&hay, &hits("天慶", mode, &hay)),
                    [format!("天{s}慶{s2}{s}").as_str()],
                    "{hay:?} {mode:?}"
                );
                assert_eq!(count("天慶年", mode, &hay), 1, "{hay:?}");
                assert_eq!(
                    texts(&hay, &hits("天", mode, &hay)),
                    [format!("天{s}").as_str()]
                );
            }
            assert_eq!(count("天庆", Mode::Folded, &hay), 1);
            assert_eq!(count("天庆", Mode::Exact, &hay), 0);
        }
    }
    // A combining mark is not ignorable: it is part of what is written.
    assert_eq!(count("ab", Mode::Exact, "a\u{301}b"), 0);
    // Several in a row, and before the first character (not part of the hit).
    let hay = "\u{200B}\u{FEFF}葛\u{E0100}\u{FE0F}\u{200D}氏\u{E0101}\u{E0102}x";
    let h = hits("葛氏", Mode::Folded, hay);
    assert_eq!(
        texts(hay, &h),
        ["葛\u{E0100}\u{FE0F}\u{200D}氏\u{E0101}\u{E0102}"]
    );
}

#[test]
fn ignorables_around_and_inside_line_breaks() {
    for hay in [
        "葛\u{E0100}\n氏",
        "葛\n\u{200B}氏",
        "葛\u{E0100} \u{200B}\r\n\u{3000}\u{FEFF}\u{3000}氏",
        "葛\r\u{200B}\n氏",
        "葛 \u{200B} \n \u{2060} 氏",
    ] {
        for mode in [Mode::Folded, Mode::Exact] {
            assert_eq!(hits("葛氏", mode, hay), [0..hay.len()], "{hay:?}");
        }
    }
    // Still one line break at most, and no spaces within a line.
    for hay in [
        "葛\n\u{200B}\n氏",
        "葛 \u{200B}氏",
        "葛\u{200B}\r\u{200B}氏",
    ] {
        assert_eq!(count("葛氏", Mode::Folded, hay), 0, "{hay:?}");
    }
    // A pattern that spells a space: ignorables may surround it, but no line break.
    assert_eq!(count("a b", Mode::Exact, "a\u{200B} \u{200B}b"), 1);
    assert_eq!(count("a b", Mode::Exact, "a\u{200B}\n b"), 0);
}

#[test]
fn patterns_with_ignorables() {
    let hay = "葛氏 葛\u{E0104}氏 葛\u{E0100}氏";
    for pattern in [
        "葛\u{E0100}氏",
        "葛\u{200B}\u{200B}氏\u{FE0F}",
        "\u{FEFF}葛氏",
    ] {
        for mode in [Mode::Folded, Mode::Exact] {
            assert_eq!(count(pattern, mode, hay), 3, "{pattern:?}");
            let q = Query::new(pattern, mode).unwrap();
            assert_eq!(q.pattern(), pattern);
            assert!(!q.is_empty());
        }
    }
    // A pattern made only of ignorables has nothing to look for.
    for pattern in ["\u{E0100}", "\u{200B}\u{FEFF}", "\u{FE0F}"] {
        for mode in [Mode::Folded, Mode::Exact] {
            let q = Query::new(pattern, mode).unwrap();
            assert!(q.is_empty());
            assert_eq!(q.count(hay), 0);
            assert_eq!(Query::new_scanning(pattern, mode).count(pattern), 0);
            assert!(q.refine(hay, &[0..3]).is_empty());
        }
        // Regex mode folds them away from the pattern too: nothing is left to find.
        assert_eq!(Query::new(pattern, Mode::Regex).unwrap().count(hay), 0);
    }
    assert_eq!(
        Query::new("\u{E0100}", Mode::Regex)
            .unwrap()
            .count("葛\u{E0100}"),
        0
    );
}

#[test]
fn refine_skips_ignorables() {
    let steps = ["葛", "葛氏", "葛氏邊", "葛氏邊將", "葛氏邊將來"];
    for mode in [Mode::Folded, Mode::Exact] {
        let mut prev: Vec<Range<usize>> = Vec::new();
        for p in steps {
            for q in queries(p, mode) {
                let want: Vec<_> = q.find_iter(IVS).collect();
                assert_eq!(q.refine(IVS, &prev), want, "{p} {mode:?}");
            }
            prev = Query::new(p, mode).unwrap().find_iter(IVS).collect();
        }
        assert_eq!(prev.len(), 1);
    }
    // Typing a selector changes nothing.
    let prev: Vec<_> = Query::new("葛", Mode::Folded)
        .unwrap()
        .find_iter(IVS)
        .collect();
    let q = Query::new("葛\u{E0100}", Mode::Folded).unwrap();
    assert_eq!(q.refine(IVS, &prev), prev);
}

#[test]
fn regex_mode_and_ignorables() {
    // Folded away, as in folded mode (trial 3, item 6: 1 hit of 18 before)...
    assert_eq!(Query::new("葛氏", Mode::Regex).unwrap().count(IVS), 7);
    assert_eq!(
        Query::new("葛氏", Mode::Regex).unwrap().count(IVS),
        Query::new("葛氏", Mode::Folded).unwrap().count(IVS)
    );
    // ...so a pattern that allowed for them still finds the same.
    assert_eq!(
        Query::new(r"葛\p{DI}*氏", Mode::Regex).unwrap().count(IVS),
        7
    );
    assert_eq!(
        Query::new(r"葛\p{Default_Ignorable_Code_Point}*氏", Mode::Regex)
            .unwrap()
            .count(IVS),
        7
    );
    // A hit is widened over the selectors right after it...
    let q = Query::new("以葛", Mode::Regex).unwrap();
    let h: Vec<_> = q.find_iter(IVS).collect();
    assert_eq!(texts(IVS, &h), ["以葛\u{E0100}"]);
    // ...and a match starting inside the widened part is not reported.
    let q = Query::new("葛|\u{E0100}", Mode::Regex).unwrap();
    assert_eq!(
        q.find_iter("葛\u{E0100}葛").collect::<Vec<_>>(),
        [0..7, 7..10]
    );
    // Hits map back over characters whose folding changes their length (ｂ is 3 bytes,
    // b one) and over ignorables in the middle.
    let hay = "ａｂ\u{FE00}c葛\u{200B}氏\u{E0100}。";
    let q = Query::new("ab.葛氏", Mode::Regex).unwrap();
    assert_eq!(
        texts(hay, &q.find_iter(hay).collect::<Vec<_>>()),
        [&hay[..hay.len() - 3]]
    );
    let q = Query::new("b|氏", Mode::Regex).unwrap();
    assert_eq!(
        texts(hay, &q.find_iter(hay).collect::<Vec<_>>()),
        ["ｂ\u{FE00}", "氏\u{E0100}"]
    );
}

#[test]
fn no_fold_class_holds_an_ignorable() {
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        let v = fold::variants(c);
        if is_ignorable(c) {
            assert_eq!(v, [c]);
        } else {
            assert!(!v.iter().any(|&d| is_ignorable(d)), "{c:?}: {v:?}");
        }
    }
}

#[test]
fn kwic_keeps_selectors_with_their_characters() {
    let at = IVS.find("以葛").unwrap();
    let h = Query::new("以葛", Mode::Folded)
        .unwrap()
        .find_iter(&IVS[at..])
        .next()
        .unwrap();
    let hit = at + h.start..at + h.end;
    let k = kwic(IVS, hit, 0..IVS.len(), 6, 4);
    assert_eq!(k.hit, "以葛\u{E0100}");
    assert_eq!(k.right, "為將");
    assert_eq!(k.left, "來朝。");
}

#[test]
fn hits_at_the_edges() {
    let hay = "阿骨打起兵，阿骨打";
    assert_eq!(hits("阿骨打", Mode::Folded, hay), [0..9, 18..27]);
    assert_eq!(hits("阿骨打", Mode::Folded, "阿骨打"), [0..9]);
    assert!(hits("阿骨打", Mode::Folded, "阿骨").is_empty());
    assert_eq!(hits("打", Mode::Folded, "阿骨打"), [6..9]);
    assert_eq!(hits("a", Mode::Exact, "a"), [0..1]);
}

#[test]
fn non_overlapping() {
    assert_eq!(hits("aa", Mode::Exact, "aaaaa"), [0..2, 2..4]);
    assert_eq!(hits("aba", Mode::Exact, "ababa"), [0..3]);
    assert_eq!(hits("眾眾", Mode::Folded, "众衆眾众"), [0..6, 6..12]);
}

#[test]
fn full_width_ascii() {
    let hay = "Ｖｏｌ．３ and Vol.3";
    assert_eq!(
        texts(hay, &hits("Vol.3", Mode::Folded, hay)),
        ["Ｖｏｌ．３", "Vol.3"]
    );
    assert_eq!(hits("Ｖol．3", Mode::Folded, hay).len(), 2);
    assert_eq!(hits("ｖｏｌ.3", Mode::Folded, hay).len(), 0); // case still matters
    assert_eq!(hits("Ｖｏｌ．３", Mode::Exact, hay).len(), 1);
    assert_eq!(hits("Vol.3", Mode::Exact, hay).len(), 1);
    assert_eq!(count("！～", Mode::Folded, "!~"), 1);
}

#[test]
fn refine_matches_find_iter() {
    let steps = ["阿", "阿骨", "阿骨打", "阿骨打始"];
    let mut prev: Vec<Range<usize>> = Vec::new();
    for (i, p) in steps.iter().enumerate() {
        let q = Query::new(p, Mode::Folded).unwrap();
        let want: Vec<_> = q.find_iter(SEED).collect();
        let got = q.refine(SEED, &prev);
        assert_eq!(got, want, "{p}");
        if i > 0 {
            assert!(got.len() <= prev.len());
        }
        prev = got;
    }
    // Overlap: the longer pattern starts where the shorter one's hits were skipped.
    let prev: Vec<_> = Query::new("aa", Mode::Exact)
        .unwrap()
        .find_iter("aaab")
        .collect();
    assert_eq!(prev, [0..2]);
    let q = Query::new("aab", Mode::Exact).unwrap();
    assert_eq!(q.refine("aaab", &prev), [1..4]);
    // Garbage in does not panic.
    let q = Query::new("骨", Mode::Folded).unwrap();
    let _ = q.refine("阿骨", &[1..2, 100..200, 5..1]);
}

#[test]
fn kwic_contexts() {
    let hay = "帝諱延禧，道宗之孫。\n\u{3000}\u{3000}天慶二年。春，天祚如混同江釣魚。 \n下一段";
    let at = hay.find("天慶").unwrap();
    let hit = at..at + "天慶".len();
    let k = kwic(hay, hit.clone(), 0..hay.len(), 8, 10);
    assert_eq!(k.left, "宗之孫。");
    assert_eq!(k.hit, "天慶");
    assert_eq!(k.right, "二年。春，");
    // Odd widths never split a wide character.
    let k = kwic(hay, hit.clone(), 0..hay.len(), 7, 9);
    assert_eq!(k.left, "之孫。");
    assert_eq!(k.right, "二年。春");
    // Contexts stop at the entry bounds.
    let entry = hay.find('\n').unwrap() + 1..hay.rfind('\n').unwrap();
    let k = kwic(hay, hit.clone(), entry.clone(), 20, 100);
    assert_eq!(k.left, "");
    assert_eq!(k.right, "二年。春，天祚如混同江釣魚。");
    // Line breaks are joined without spaces; trailing spaces and indentation go.
    let k = kwic(hay, hit.clone(), 0..hay.len(), 100, 100);
    assert_eq!(k.left, "帝諱延禧，道宗之孫。");
    assert_eq!(k.right, "二年。春，天祚如混同江釣魚。下一段");
    // A hit over a line break is shown joined.
    let hay2 = "乾統二年。 \n\u{3000}\u{3000}乾統三年。";
    let h = Query::new("二年。乾統三", Mode::Folded)
        .unwrap()
        .find_iter(hay2)
        .next()
        .unwrap();
    let k = kwic(hay2, h, 0..hay2.len(), 4, 4);
    assert_eq!(
        (k.left.as_str(), k.hit.as_str(), k.right.as_str()),
        ("乾統", "二年。乾統三", "年。")
    );
    // Zero columns, graphemes, bad ranges.
    let k = kwic(hay, hit.clone(), 0..hay.len(), 0, 0);
    assert_eq!((k.left.as_str(), k.right.as_str()), ("", ""));
    let k = kwic("e\u{301}e\u{301}Xe\u{301}", 4..3 + 2, 0..100, 1, 1);
    assert!(!k.left.is_empty() || k.hit.is_empty());
    let k = kwic("ae\u{301}Xb", 4..5, 0..100, 1, 5);
    assert_eq!(
        (k.left.as_str(), k.hit.as_str(), k.right.as_str()),
        ("e\u{301}", "X", "b")
    );
    let _ = kwic(hay, 1..2, 500..0, 3, 3);
    let _ = kwic(hay, 9999..0, 0..9999, 3, 3);
    let _ = kwic("", 0..0, 0..0, 3, 3);
    // Interior spaces stay.
    let k = kwic("a b X c d", 4..5, 0..9, 10, 10);
    assert_eq!((k.left.as_str(), k.right.as_str()), ("a b ", " c d"));
}

/// Trial 3, item 2: `search "　"` in a run of 40,000 U+3000 built each row from the whole
/// run before its hit (quadratic: 48 s). Each row now reads a bounded number of bytes,
/// wherever its hit is in the run, so listing every hit is linear in the text.
#[test]
fn kwic_reads_a_bounded_window_in_long_blank_runs() {
    for blank in ["\u{3000}", " ", "\n", " \n\u{3000}"] {
        let hay = format!("乾統元年。{}末", blank.repeat(20_000));
        let bounds = 0..hay.len();
        for at in [15, hay.len() / 2, hay.len() - 3 - blank.len()] {
            let at = crate::text::floor_boundary(&hay, at);
            let end = crate::text::ceil_boundary(&hay, at + 1);
            let [left, hit, right] = kwic_spans(&hay, at..end, bounds.clone(), 24, 24);
            assert_eq!(hit, at..end);
            assert!(
                left.len() <= context_window(24) + 3,
                "{blank:?} {at}: {left:?}"
            );
            assert!(
                right.len() <= context_window(24) + 3,
                "{blank:?} {at}: {right:?}"
            );
            assert_eq!((left.end, right.start), (at, end));
        }
    }
    // Text within the window is still found across blanks and line breaks.
    let hay = format!("乾統元年。{}末", "\u{3000}\n".repeat(20));
    let k = kwic(&hay, hay.len() - 3..hay.len(), 0..hay.len(), 24, 24);
    assert_eq!((k.left.as_str(), k.hit.as_str()), ("乾統元年。", "末"));
    // Past it, the context is cut: a blank run longer than the window shows nothing.
    let hay = format!("乾統元年。{}末", "\u{3000}".repeat(1000));
    let k = kwic(&hay, hay.len() - 3..hay.len(), 0..hay.len(), 24, 24);
    assert_eq!(k.left, "");
}

// ---------------------------------------------------------------------------------------
// Property tests against a naive reference implementation of the matching rules.

const ALPHABET: &[char] = &[
    '天',
    '慶',
    '庆',
    'a',
    'Ａ',
    'b',
    ' ',
    '\u{3000}',
    '\n',
    '\r',
    '\t',
    '眾',
    '众',
    '衆',
    '\u{E0100}',
    '\u{FE0F}',
    '\u{200B}',
];

/// The matching rules, spelled out as plainly as possible. Default-ignorable characters are
/// taken out of the pattern and the haystack; the rest is matched by [`reference_visible`];
/// each hit is then put back in place in the haystack, with the ignorables that follow its
/// last character.
fn reference(pattern: &str, hay: &str, folded: bool) -> Vec<Range<usize>> {
    let pattern: String = pattern.chars().filter(|&c| !is_ignorable(c)).collect();
    let kept: Vec<(usize, char)> = hay
        .char_indices()
        .filter(|&(_, c)| !is_ignorable(c))
        .collect();
    let visible: String = kept.iter().map(|&(_, c)| c).collect();
    // Byte offset in `visible` -> index in `kept`.
    let index = |byte: usize| visible[..byte].chars().count();
    reference_visible(&pattern, &visible, folded)
        .into_iter()
        .map(|r| {
            let (first, last) = (index(r.start), index(r.end) - 1);
            let mut end = kept[last].0 + kept[last].1.len_utf8();
            while let Some(c) = hay[end..].chars().next().filter(|&c| is_ignorable(c)) {
                end += c.len_utf8();
            }
            kept[first].0..end
        })
        .collect()
}

/// The matching rules without ignorables: every way of matching the pattern from every
/// start, then leftmost non-overlapping selection.
fn reference_visible(pattern: &str, hay: &str, folded: bool) -> Vec<Range<usize>> {
    let same = |a: char, b: char| {
        if folded {
            fold::fold_char(a) == fold::fold_char(b)
        } else {
            a == b
        }
    };
    let spacey = |c: char| {
        [' ', '\t', '\u{3000}', '\r', '\n']
            .iter()
            .any(|&g| same(g, c))
    };
    let pat: Vec<char> = pattern.chars().collect();
    let chars: Vec<char> = hay.chars().collect();
    let mut offsets: Vec<usize> = hay.char_indices().map(|(i, _)| i).collect();
    offsets.push(hay.len());

    fn is_break(s: &[char]) -> bool {
        let ws = |c: char| matches!(c, ' ' | '\t' | '\u{3000}');
        let mut t = 0;
        while t < s.len() && ws(s[t]) {
            t += 1;
        }
        if t < s.len() && s[t] == '\r' {
            t += 1;
        }
        if t >= s.len() || s[t] != '\n' {
            return false;
        }
        t += 1;
        while t < s.len() && ws(s[t]) {
            t += 1;
        }
        t == s.len()
    }

    // All hay indices where a match of pat[j..] starting at hay index i can end.
    fn ends(
        chars: &[char],
        pat: &[char],
        i: usize,
        j: usize,
        same: &dyn Fn(char, char) -> bool,
        spacey: &dyn Fn(char) -> bool,
    ) -> Vec<usize> {
        if j == pat.len() {
            return vec![i];
        }
        let mut out = Vec::new();
        if i < chars.len() && same(pat[j], chars[i]) {
            out.extend(ends(chars, pat, i + 1, j + 1, same, spacey));
        }
        if j > 0 && !spacey(pat[j - 1]) && !spacey(pat[j]) {
            for k in i + 1..chars.len() {
                if is_break(&chars[i..k]) && same(pat[j], chars[k]) {
                    out.extend(ends(chars, pat, k + 1, j + 1, same, spacey));
                }
            }
        }
        out
    }

    let mut hits = Vec::new();
    if pat.is_empty() {
        return hits;
    }
    let mut i = 0;
    while i < chars.len() {
        let mut e = ends(&chars, &pat, i, 0, &same, &spacey);
        e.sort_unstable();
        e.dedup();
        assert!(
            e.len() <= 1,
            "ambiguous match of {pattern:?} at {i} in {hay:?}: {e:?}"
        );
        match e.first() {
            Some(&end) => {
                hits.push(offsets[i]..offsets[end]);
                i = end;
            }
            None => i += 1,
        }
    }
    hits
}

/// A smaller alphabet, where self-overlapping patterns and hits are frequent.
const SMALL: &[char] = &['a', 'b', '眾', '众', '\n', ' ', '\u{E0100}'];

/// Ignorables everywhere, around line breaks too.
const SELECTED: &[char] = &[
    '葛',
    '氏',
    '\u{E0100}',
    '\u{FE0F}',
    '\u{200B}',
    '\n',
    ' ',
    '\r',
];

fn text(max: usize) -> impl Strategy<Value = String> {
    text_over(ALPHABET, max)
}

/// Mostly a character repeated (the patterns whose hits can overlap), sometimes anything.
fn pattern_over(alphabet: &'static [char]) -> impl Strategy<Value = String> {
    prop_oneof![
        (prop::sample::select(alphabet), 1..4usize).prop_map(|(c, n)| c.to_string().repeat(n)),
        text_over(alphabet, 4),
    ]
}

/// Runs of repeated characters.
fn runs_over(alphabet: &'static [char]) -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(alphabet), 1..4usize), 0..12).prop_map(|v| {
        v.into_iter()
            .map(|(c, n)| c.to_string().repeat(n))
            .collect()
    })
}

fn text_over(alphabet: &'static [char], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(alphabet), 0..max)
        .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn find_iter_matches_reference(hay in text(40), pattern in text(5)) {
        for mode in [Mode::Folded, Mode::Exact] {
            let want = reference(&pattern, &hay, mode == Mode::Folded);
            for q in queries(&pattern, mode) {
                let got: Vec<_> = q.find_iter(&hay).collect();
                prop_assert_eq!(&got, &want, "{:?} {:?}", mode, pattern);
                prop_assert_eq!(q.count(&hay), want.len());
            }
        }
    }

    #[test]
    fn refine_matches_find_iter_prop(hay in text(40), pattern in text(4), more in text(3)) {
        for mode in [Mode::Folded, Mode::Exact] {
            let longer = format!("{pattern}{more}");
            let prev: Vec<_> = Query::new(&pattern, mode).unwrap().find_iter(&hay).collect();
            for q in queries(&longer, mode) {
                let want: Vec<_> = q.find_iter(&hay).collect();
                prop_assert_eq!(q.refine(&hay, &prev), want);
            }
        }
    }

    #[test]
    fn small_alphabet(hay in runs_over(SMALL), pattern in pattern_over(SMALL), more in text_over(SMALL, 3)) {
        for mode in [Mode::Folded, Mode::Exact] {
            let want = reference(&pattern, &hay, mode == Mode::Folded);
            let longer = format!("{pattern}{more}");
            let longer_want = reference(&longer, &hay, mode == Mode::Folded);
            for (q, l) in queries(&pattern, mode).into_iter().zip(queries(&longer, mode)) {
                let got: Vec<_> = q.find_iter(&hay).collect();
                prop_assert_eq!(&got, &want);
                prop_assert_eq!(&l.refine(&hay, &got), &longer_want);
            }
        }
    }

    #[test]
    fn ignorables_against_reference(
        hay in runs_over(SELECTED),
        pattern in pattern_over(SELECTED),
        more in text_over(SELECTED, 3),
    ) {
        for mode in [Mode::Folded, Mode::Exact] {
            let want = reference(&pattern, &hay, mode == Mode::Folded);
            let longer = format!("{pattern}{more}");
            let longer_want = reference(&longer, &hay, mode == Mode::Folded);
            for (q, l) in queries(&pattern, mode).into_iter().zip(queries(&longer, mode)) {
                let got: Vec<_> = q.find_iter(&hay).collect();
                prop_assert_eq!(&got, &want, "{:?} in {:?}", &pattern, &hay);
                prop_assert_eq!(&l.refine(&hay, &got), &longer_want);
            }
        }
    }

    #[test]
    fn kwic_fits(hay in text(30), start in 0usize..120, len in 0usize..12, l in 0usize..12, r in 0usize..12) {
        let k = kwic(&hay, start..start + len, 0..hay.len(), l, r);
        prop_assert!(crate::layout::width::str_width(&k.left) <= l);
        prop_assert!(crate::layout::width::str_width(&k.right) <= r);
        prop_assert!(!k.left.contains('\n') && !k.right.contains('\n') && !k.hit.contains('\n'));
    }
}

#[test]
fn patterns_up_to_64_characters_still_compile_to_a_regex() {
    let p: String = SEED
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(MAX_REGEX_CHARS)
        .collect();
    for mode in [Mode::Folded, Mode::Exact] {
        let q = Query::new(&p, mode).unwrap();
        assert!(
            matches!(
                &q.kind,
                Kind::Literal(Literal {
                    engine: Engine::Regex(_),
                    ..
                })
            ),
            "{mode:?}"
        );
    }
}

#[test]
fn taboo_forms_fold_and_cantonese_links_do_not() {
    // 四庫全書 writes 玄 and 弘 without their last stroke (𤣥, 𢎞) for the Qing taboo.
    let hay = "𤣥宗幸蜀。𢎞治元年。胤禛。只有一子。";
    assert_eq!(count("玄宗", Mode::Folded, hay), 1);
    assert_eq!(count("弘治", Mode::Folded, hay), 1);
    assert_eq!(count("𦙍禛", Mode::Folded, hay), 1);
    assert_eq!(count("玄宗", Mode::Exact, hay), 0);
    // 只 "only" and 子 "son" are linked only by a dictionary of Cantonese usage.
    assert_eq!(count("子", Mode::Folded, hay), 1);
    assert_eq!(count("只", Mode::Folded, hay), 1);
}
