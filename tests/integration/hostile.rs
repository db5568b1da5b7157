//! Hostile input, each case with a test: every one gets a clear message and exit 2, or is
//! read and shown safely — no panic, no hang. (Missing files, directories, binary data,
//! stray bytes and empty files are in `cli`.)

use std::process::Output;

use annals::model::Chronicle;
use annals::model::reading::Reading;
#[cfg(feature = "tui")]
use annals::tui::app::App;
use annals::{layout, view};

use crate::harness::{TempDir, annals};

fn no_panic(o: &Output) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("internal error"), "{err}");
    assert!(
        matches!(o.status.code(), Some(0..=2)),
        "{:?}: {err}",
        o.status
    );
}

/// Everything the reader and `show` would do with a text: segment, lay out each segment,
/// open the app and draw nothing raw.
fn read_everything(text: String) -> Chronicle {
    let c = Chronicle::parse(text);
    let r = Reading::new(&c.text, c.format);
    for seg in c.segments.iter().take(200) {
        let range = r.span_to_reading(seg.span);
        for l in view::lay_out(r.text(), range, 37, true) {
            assert!(l.indent + l.width <= 37 || l.width == 2);
            let shown = layout::sanitize(&r.text()[l.range()]);
            assert!(
                !shown
                    .chars()
                    .any(|c| c.is_control() || layout::width::is_bidi_control(c))
            );
        }
    }
    #[cfg(feature = "tui")]
    let _app = App::new(&c, 80, 24);
    c
}

#[test]
fn one_date_twice_in_a_line_after_a_table_of_volumes() {
    // 欽定重訂大金國志's 提要 after its table of 卷: the line's two dates are events out of
    // the order of their places, which the look for the table's end once sliced backwards.
    let t = TempDir::new("hostile-toc");
    let f = t.file(
        "toc.md",
        "　　卷三十九\n　　卷四十\n　　卷四十一\n　　前有端平元年进书表又题端平元年正月十五日\n"
            .as_bytes(),
    );
    for cmd in ["list", "check"] {
        no_panic(&annals(&[cmd, &f]));
    }
}

#[test]
fn fifty_megabytes_without_a_newline() {
    let t = TempDir::new("hostile-long");
    let line = "阿骨打".repeat(50 * 1024 * 1024 / 9);
    let f = t.file("long.txt", line.as_bytes());
    let o = annals(&["list", &f]);
    no_panic(&o);
    assert_eq!(o.status.code(), Some(1), "no entries in one endless line");
    let o = annals(&["search", "--count", "骨", &f]);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        (50 * 1024 * 1024 / 9).to_string()
    );
}

#[test]
fn a_file_of_only_newlines() {
    let t = TempDir::new("hostile-nl");
    let f = t.file("nl.txt", &vec![b'\n'; 5_000_000]);
    let o = annals(&["check", &f]);
    no_panic(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("entries: 0"));
}

#[test]
fn many_tiny_entries() {
    // 200,000 entries in the test (the release binary has been run on 1,000,000: see README).
    let names = ["元", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let text: String = (0..200_000)
        .map(|i| format!("乾統{}年。\n", names[i % 10]))
        .collect();
    let t = TempDir::new("hostile-tiny");
    let f = t.file("tiny.txt", text.as_bytes());
    let o = annals(&["list", &f]);
    no_panic(&o);
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 200_000);
    let o = annals(&["check", &f]);
    let out = String::from_utf8_lossy(&o.stdout);
    // Findings are capped, and the cap is said.
    assert!(
        out.contains("more findings not listed"),
        "{}",
        &out[..500.min(out.len())]
    );
}

#[test]
fn an_era_name_a_thousand_characters_long() {
    let era = "某".repeat(1000);
    let c = read_everything(format!(
        "{era}元年。春正月，雨。\n{era}二年。\n乾統元年。\n"
    ));
    assert_eq!(c.entries.len(), 1, "only 乾統元年 is a heading");
    assert!(annals::model::query::find(&c, &format!("{era}元年"), None).is_err());
}

#[test]
fn huge_numerals() {
    let c = read_everything(
        "乾統九十九萬年。春，雨。\n乾統九九九九九九九九九九九九九年。\n天慶一百〇三年。\n"
            .to_owned(),
    );
    // No reign lasted a hundred years: such a "year" is a wish or a corrupt numeral, never
    // a heading with a CE year beyond any calendar (issue 11).
    assert!(c.entries.is_empty(), "{:?}", c.entries);
    let o = annals(&["show", "乾統九十九萬年"]);
    no_panic(&o);
}

#[test]
fn every_ascii_control_in_headings() {
    let mut text = String::new();
    for b in 0u8..0x20 {
        if b != b'\n' {
            text.push_str(&format!(
                "乾統{}年。{}春，雨{}。\n",
                ["元", "二", "三", "四", "五", "六", "七", "八", "九", "十"][(b % 10) as usize],
                b as char,
                b as char
            ));
        }
    }
    text.push_str("乾統二年。\u{7f}\u{9b}\u{85}\n");
    let c = read_everything(text.clone());
    assert!(!c.entries.is_empty());
    // Through the CLI the file is refused as binary, with the offset: two control bytes a
    // line are more than one byte in twenty, a proportion no text has.
    let t = TempDir::new("hostile-ctl");
    let f = t.file("ctl.txt", text.as_bytes());
    let o = annals(&["list", &f]);
    no_panic(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("byte"));
}

#[test]
fn bidi_overrides_outside_the_bmp_combining_marks_emoji() {
    let text = "乾統元年。\u{202e}春正月\u{202c}，𣈆𣈆。e\u{301}\u{301}\u{301}😀👨‍👩‍👧\u{200b}\u{fe0f}。\n乾統二年。\u{2066}反\u{2069}。\n".to_owned();
    let c = read_everything(text.clone());
    assert_eq!(c.entries.len(), 2);
    let t = TempDir::new("hostile-bidi");
    let f = t.file("bidi.txt", text.as_bytes());
    let o = annals(&["show", "1101", &f, "--width", "9"]);
    no_panic(&o);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(!out.contains('\u{202e}') && !out.contains('\u{2066}'));
    assert!(out.contains('𣈆'));
    for line in out.lines() {
        assert!(layout::str_width(line) <= 9, "{line:?}");
    }
    let o = annals(&["search", "--count", "𣈆", &f]);
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "2");
}

#[test]
fn pathological_markup() {
    // Unclosed tags, lone escapes, a BOM in the middle, ¶ everywhere, front matter that never closes.
    for text in [
        "---\ntitle: x\n乾統元年。\n",
        "# -*- mode: mandoku -*-\n#+TITLE:\n<pb:unterminated¶\n乾統元年¶\n二年¶\n&KR;&KR12345678901234567890;\n",
        "\\\\\\[\\]\\\n乾統元年。\\",
        "\u{feff}乾統元年。\u{feff}\n\u{feff}乾統二年。",
        "¶¶¶\n¶\n¶",
        "卷之\n卷之一\n卷之一\n校勘記\n\\[一\\]\n\\[\n",
    ] {
        read_everything(text.to_owned());
    }
}

/// Issue 12, item 3: a chronicle with one NUL, or with each C0 control once, in the middle
/// is plainly text: read, the controls shown as placeholders, with a warning. Real binary
/// data (random bytes, images, archives) is still refused.
#[test]
fn stray_controls_do_not_make_a_text_binary() {
    let seed = std::fs::read_to_string(crate::harness::fixture("books/seed.txt")).unwrap();
    let at = seed.find("春正月朔").unwrap() + "春正月".len();
    let t = TempDir::new("hostile-stray");
    let all: String = (0u8..0x20)
        .filter(|b| !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .map(char::from)
        .collect();
    for (stray, shown) in [("\0", "␀"), (all.as_str(), "␀␁␂␃␄␅␆␇␈␋␎␏␐␑␒␓␔␕␖␗␘␙␚␜␝␞␟")]
    {
        let text = format!("{}{stray}{}", &seed[..at], &seed[at..]);
        let f = t.file("stray.txt", text.as_bytes());
        let o = annals(&["show", "1101", &f, "--width", "200"]);
        no_panic(&o);
        assert_eq!(o.status.code(), Some(0), "{stray:?}");
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(out.contains(&format!("春正月{shown}朔")), "{out}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains(&format!(
                "stray.txt: {} stray control character",
                stray.len()
            )) && err.contains(&format!("at byte {at})")),
            "{err}"
        );
        let o = annals(&["list", &f]);
        assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 18);
    }
    // Random bytes, an image and an archive: refused, exit 2.
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let noise: Vec<u8> = (0..10_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend_from_slice(&noise[..500]);
    let mut gz = b"\x1f\x8b\x08\0\0\0\0\0\0\x03".to_vec();
    gz.extend_from_slice(&noise[..500]);
    for (bytes, says) in [
        (&noise[..], "binary data"),
        (&png[..], "PNG image"),
        (&gz[..], "gzip data"),
    ] {
        let f = t.file("data.txt", bytes);
        let o = annals(&["list", &f]);
        no_panic(&o);
        assert_eq!(o.status.code(), Some(2), "{says}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains(&format!("data.txt: not a text file ({says}")),
            "{err}"
        );
    }
}

/// Default-ignorable characters (a joiner between 葛 and 氏, selectors, zero-width spaces,
/// the soft hyphen, a Hangul filler…) are not written: terminals disagree on them (one
/// joins `葛‍氏` into one cell and leaves a stale cell after it), so `show` and `search`
/// print the text without them, and lines are as wide as the layout says.
#[test]
fn hidden_characters_are_not_printed() {
    let text = "乾統元年。春正月，天下大悅，群臣皆拜，帝曰：善。\n\
                乾統二年。夏，葛\u{200d}氏來朝，葛\u{E0100}\u{E0101}氏、葛\u{200b}氏、葛\u{ad}氏、\
                葛\u{2060}氏、葛\u{180b}氏、葛\u{3164}氏、葛\u{feff}氏、葛\u{fe00}氏，群臣皆拜。\n";
    let t = TempDir::new("hostile-hidden");
    let f = t.file("hidden.txt", text.as_bytes());
    for width in ["9", "14", "40"] {
        let o = annals(&["show", "1102", &f, "--width", width]);
        no_panic(&o);
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(!out.chars().any(layout::is_hidden), "{out:?}");
        let w: usize = width.parse().unwrap();
        for line in out.lines() {
            assert!(layout::str_width(line) <= w, "{line:?}");
        }
        let joined: String = out.lines().skip_while(|l| !l.is_empty()).collect();
        assert!(joined.contains("葛氏來朝，葛氏、葛氏、"), "{out}");
    }
    let o = annals(&["search", "葛氏", &f]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(!out.chars().any(layout::is_hidden), "{out:?}");
    assert_eq!(out.lines().count(), 9, "{out}");
}
