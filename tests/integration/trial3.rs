//! The faults of the third outside trial (endless input, short GB18030 files, line ends,
//! damaged bytes, regex search, `date`, smaller ones), each run as the command that showed
//! it. The inputs are made here, byte for byte as the trial's.

use std::path::Path;

use crate::harness::{TempDir, annals, annals_stdin, stderr, stdout};

/// Item 1: an endless device is refused on its first chunk, with the file named; before,
/// it was read until memory ran out.
#[test]
fn endless_devices_are_refused_at_once() {
    for (dev, what) in [
        (
            "/dev/zero",
            "not a text file (binary data: NUL byte at byte 0)",
        ),
        ("/dev/urandom", "not a text file"),
    ] {
        if !Path::new(dev).exists() {
            continue;
        }
        for cmd in ["list", "check"] {
            let o = annals(&[cmd, dev]);
            assert_eq!(o.status.code(), Some(2), "{cmd} {dev}");
            let e = stderr(&o);
            assert!(e.contains(&format!("annals: {dev}: {what}")), "{e}");
        }
    }
    // Standard input is read the same way.
    let o = annals_stdin(&["list", "-"], Some(&[0u8; 60_000]));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("<stdin>: not a text file"),
        "{}",
        stderr(&o)
    );
}

/// Items 3 and 5: short GB18030 files read as themselves with the guess said; damaged
/// files read with U+FFFD and a warning.
#[test]
fn short_and_damaged_files() {
    let dir = TempDir::new("trial3-enc");
    // 遼 (DF 7C) was UTF-16LE 糟.
    let f = dir.file("liao.txt", b"\xDF\x7C");
    let o = annals(&["search", "遼", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("read as GB18030, a guess"),
        "{}",
        stderr(&o)
    );
    // 𠀀。 was "cannot tell the encoding".
    let f = dir.file("four.txt", b"\x95\x32\x82\x36\xA1\xA3");
    let o = annals(&["search", "𠀀", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // FF FE in the middle of UTF-8 was refused.
    let text = "乾統元年。春正月，有流星燭地。\n乾統二年。夏。\n乾統三年。秋。\n".repeat(8);
    let mut bytes = text.clone().into_bytes();
    bytes.splice(30..30, [0xFF, 0xFE]);
    let f = dir.file("ff.txt", &bytes);
    let o = annals(&["list", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "2 invalid UTF-8 sequences replaced with U+FFFD (the first is byte 0xFF at byte 30)"
        ),
        "{}",
        stderr(&o)
    );
    // A GB18030 file cut short.
    let (gb, _, _) = encoding_rs::GB18030.encode(&text);
    let f = dir.file("cut.txt", &gb[..gb.len() - 2]);
    let o = annals(&["list", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("invalid GB18030 sequence"),
        "{}",
        stderr(&o)
    );
}

/// Item 4: a classic Mac OS file (lone CR) and U+2028/U+2029/NEL line ends: 3 years, not 1.
#[test]
fn lone_cr_and_unicode_line_ends() {
    let dir = TempDir::new("trial3-cr");
    let text = "乾統元年。春正月，日食。\n乾統二年。夏。\n天慶元年。秋。\n";
    for (name, end) in [
        ("cr.txt", "\r"),
        ("ls.txt", "\u{2028}"),
        ("ps.txt", "\u{2029}"),
        ("nel.txt", "\u{85}"),
    ] {
        let f = dir.file(name, text.replace('\n', end).as_bytes());
        let o = annals(&["list", &f]);
        assert_eq!(stdout(&o).lines().count(), 3, "{name}: {}", stdout(&o));
        assert!(!stdout(&o).contains('␍'), "{name}");
        let o = annals(&["show", "1102", &f]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
    }
}

/// Item 6: `search -r` folds as plain search does, and `^` matches at every line.
#[test]
fn regex_search_folds() {
    let o = annals(&["search", "-r", "--count", "天庆"]);
    assert_eq!(stdout(&o).trim(), "8");
    let o = annals(&["search", "--count", "天庆"]);
    assert_eq!(stdout(&o).trim(), "8");
    let dir = TempDir::new("trial3-re");
    let f = dir.file(
        "ivs.txt",
        "乾統元年。葛\u{E0100}氏來朝。\n天\u{FE0F}慶\u{E01EF}二年。葛\u{E0100}氏。\n".as_bytes(),
    );
    for q in ["葛氏", "天慶"] {
        let plain = stdout(&annals(&["search", "--count", q, &f]));
        let re = stdout(&annals(&["search", "-r", "--count", q, &f]));
        assert_eq!(plain, re, "{q}");
        assert_ne!(re.trim(), "0", "{q}");
    }
    let o = annals(&["search", "-r", "--count", "^天庆", &f]);
    assert_eq!(stdout(&o).trim(), "1");
}

/// Item 8: the smaller faults.
#[test]
fn smaller_faults() {
    // An empty query is an error.
    for q in ["", "\u{FE00}"] {
        let o = annals(&["search", q]);
        assert_eq!(o.status.code(), Some(2), "{q:?}");
        assert!(stderr(&o).contains("empty query"), "{}", stderr(&o));
    }
    // An unknown encoding is an error with the embedded text too, and gbk is offered.
    let o = annals(&["list", "--encoding", "bogus"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).trim(),
        "annals: unknown encoding 'bogus' (try utf-8, gb18030, gbk, big5, utf-16le, utf-16be)"
    );
    // An empty year is 0字 in list, as check counts it.
    let dir = TempDir::new("trial3-small");
    let f = dir.file(
        "empty.txt",
        "乾統元年。春正月，日食。\n乾統二年。\n。\n乾統三年、\n乾統四年。夏。\n".as_bytes(),
    );
    let out = stdout(&annals(&["list", &f]));
    let counts: Vec<&str> = out
        .lines()
        .map(|l| l.split_whitespace().nth(2).unwrap_or(""))
        .collect();
    assert_eq!(counts, ["7字", "0字", "0字", "2字"], "{out}");
    let check = stdout(&annals(&["check", &f]));
    assert!(check.contains("(2 empty years"), "{check}");
    // check gives the file's size, and the decoded text's when it differs.
    let (big5, _, _) = encoding_rs::BIG5.encode("統和元年");
    let f = dir.file("big5.txt", &big5);
    let check = stdout(&annals(&["check", &f]));
    assert!(
        check.contains("(Big5, Plain, 8 bytes; 12 as UTF-8)"),
        "{check}"
    );
    // export's usage shows FILE as optional.
    let o = annals(&["export", "x.txt"]);
    assert!(
        stderr(&o).contains("Usage: annals export --json [FILE]"),
        "{}",
        stderr(&o)
    );
    // An I/O error gives its reason once.
    if Path::new("/proc/self/mem").exists() {
        let e = stderr(&annals(&["list", "/proc/self/mem"]));
        assert_eq!(e.matches("os error").count(), 1, "{e}");
    }
}
