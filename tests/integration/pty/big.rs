//! A big file (4 MiB or more) opens on its first part while the whole is read: the first
//! frame says so, input waits for the whole, and the whole's decoding warnings reach the
//! status line and, after the reader ends, the terminal.

use std::path::Path;

use super::session::*;

/// The whole 契丹國志 fourteen times (5.3 MB), with a stray byte that is not UTF-8 near the
/// end when `stray`: written as `big.md` into `dir`.
fn write_big(dir: &Path, stray: bool) {
    let book = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/books/qidan-guozhi-full.md"
    ))
    .expect("the book");
    let mut bytes = Vec::new();
    for _ in 0..14 {
        bytes.extend_from_slice(&book);
    }
    if stray {
        let at = bytes.len() - 1000;
        let at = at + bytes[at..].iter().position(|&b| b == b'\n').unwrap() + 1;
        bytes.insert(at, 0x80);
    }
    std::fs::write(dir.join("big.md"), bytes).expect("writing the book");
}

/// The number of years in the status line's `n/total`, when it gives a total.
fn total(status: &str) -> Option<usize> {
    status
        .split(" │ ")
        .find_map(|p| p.trim().split_once('/'))
        .and_then(|(_, t)| t.parse().ok())
}

#[test]
fn a_big_file_opens_on_its_first_part_then_the_whole() {
    let mut t = Tui::spawn(120, 30, &["big.md"], &[], |dir| write_big(dir, true));
    // The whole's decoding warning is said in the status line when the whole arrives.
    t.wait_status("invalid UTF-8 sequence replaced with U+FFFD");
    // The first frame was drawn from the first part, before the whole could be ready.
    let raw = String::from_utf8_lossy(&t.raw()).into_owned();
    assert!(raw.contains("reading the rest…"), "the first frame said so");
    assert!(raw.contains("1/…"), "with no count of years");
    // A key clears the message: the status line counts the whole book's years.
    t.send("x");
    t.wait_for("the whole book", TIMEOUT, |s| {
        s.lines()
            .last()
            .and_then(total)
            .is_some_and(|n| n > 215 * 13)
    });
    assert!(!t.status().contains("reading the rest"), "{}", t.status());
    t.send("q");
    assert!(t.wait_exit(TIMEOUT).success());
    // And printed once the terminal is back.
    assert_restored(&t);
    let raw = t.raw();
    let after = &raw[find_last(&raw, ALT_LEAVE).expect("left the alternate screen")..];
    let after = String::from_utf8_lossy(after);
    assert!(
        after.contains("annals: warning: big.md") && after.contains("U+FFFD"),
        "{after:?}"
    );
}

#[test]
fn input_before_the_whole_arrives_acts_on_the_whole() {
    let mut t = Tui::spawn(120, 30, &["big.md"], &[], |dir| write_big(dir, false));
    // `G` goes to the last year: the whole book's, not the first part's.
    t.send("G");
    t.wait_for("the last year of the whole", TIMEOUT, |s| {
        let status = s.lines().last().unwrap_or_default();
        let (n, total) = status
            .split(" │ ")
            .find_map(|p| p.trim().split_once('/'))
            .unwrap_or_default();
        !total.is_empty() && n == total && total.parse::<usize>().is_ok_and(|n| n > 215 * 13)
    });
    assert!(t.status().contains("1124"), "{}", t.status());
    t.send("q");
    assert!(t.wait_exit(TIMEOUT).success());
    assert_restored(&t);
}
