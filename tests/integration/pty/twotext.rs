//! Issue 16's two panes in the real binary: the seed and the whole 契丹國志 synced by CE
//! year (`:1115` shows 天慶五年 beside 乙未天庆五年), a year only one has, the scroll lock on
//! and off, a search in both; and a bilingual edition as original and translation.

use super::session::*;
use crate::harness::fixture;

/// The pair the issue names: the seed (the embedded text, as a file) and the whole book.
fn pair() -> Tui {
    let seed = fixture("books/seed.txt");
    let whole = fixture("books/qidan-guozhi-full.md");
    let mut t = Tui::spawn(120, 30, &[&seed, &whole], &[], |_| {});
    t.wait_status("1101: 乾統元年 │ 辛巳干统元年 │ no lock");
    t
}

/// A line with its runs of blanks made one.
fn squeeze(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether the cell at (`row`, `col`) is dim.
fn dim_at(t: &Tui, row: u16, col: u16) -> bool {
    t.with_screen(|s| s.cell(row, col).is_some_and(vt100::Cell::dim))
}

#[test]
fn two_texts_side_by_side_by_ce_year() {
    let mut t = pair();
    t.send(":1115\r");
    t.wait_status("1115: 天慶五年 │ 乙未天庆五年");
    // Both panes show the year, each under its own heading, side by side.
    let top = t.row(0);
    let (left, right) = top.split_at(
        top.find("乙未天庆五年 · 1115")
            .expect("the second text's year"),
    );
    assert!(left.contains("天慶五年 · 1115"), "{top}");
    assert!(right.starts_with("乙未天庆五年 · 1115"), "{top}");
    // The timeline names the year in each text.
    assert!(
        t.screen()
            .lines()
            .any(|l| squeeze(l).contains("1115 │ 天慶五年 │ 乙未天庆五年")),
        "{}",
        t.screen()
    );

    // A year only the whole book has: the seed stays at its nearest, dimmed, with a note.
    t.send(":1120\r");
    t.wait_status("1120: — │ 庚子天庆十年");
    t.wait_text("no 1120 here; nearest: 天慶八年 (1118)");
    t.wait_text("庚子天庆十年 · 1120");
    let row = (0..29)
        .find(|&r| t.row(r).contains("天慶八年。"))
        .expect("the seed's text");
    let col = |t: &Tui, r: u16, what: &str| {
        let line = t.row(r);
        let at = line.find(what).unwrap();
        annals::layout::str_width(&line[..at]) as u16
    };
    let c = col(&t, row, "天慶八年。");
    assert!(dim_at(&t, row, c), "the seed's pane is dim");
    let row2 = (0..29)
        .find(|&r| t.row(r).contains("庚子天庆十年。"))
        .expect("the book's text");
    let c2 = col(&t, row2, "庚子天庆十年。");
    assert!(!dim_at(&t, row2, c2), "the other is not");
    t.send("q");
    assert!(t.wait_exit(TIMEOUT).success());
    assert_restored(&t);
}

#[test]
fn the_scroll_lock_on_and_off() {
    let mut t = pair();
    // The keyboard to the seed's pane.
    t.send(":1115\r\t");
    t.wait_text("▸ seed");
    // Without the lock, paging the seed leaves the other text at its year's start.
    t.send(" ");
    t.wait_for("the seed to page", TIMEOUT, |s| {
        !s.lines().nth(2).unwrap_or("").contains("天慶五年。")
    });
    assert!(
        t.row(2).contains("乙未天庆五年。宋政和五年。"),
        "{}",
        t.row(2)
    );
    // Locked: the other text comes to the month the seed has reached (八月).
    t.send("s");
    t.wait_status("1115: 天慶五年 │ 乙未天庆五年 │ lock");
    t.wait_for("the other text at 八月", TIMEOUT, |s| {
        s.lines()
            .nth(2)
            .is_some_and(|l| l.contains("八月，天祚下诏亲征女真"))
    });
    t.send(" ");
    t.wait_for("the other text at 十一月", TIMEOUT, |s| {
        s.lines()
            .nth(2)
            .is_some_and(|l| l.contains("十一月，天祚与女真兵会"))
    });
    // Unlocked again: the other pane stays where it is.
    t.send("s");
    t.wait_status("no lock");
    let before = t.row(2);
    let right = |l: &str| l.rsplit('│').next().unwrap_or("").to_owned();
    t.send(" ");
    t.wait_for("the seed to page", TIMEOUT, |s| {
        s.lines()
            .nth(2)
            .is_some_and(|l| l.split('│').nth(3) != before.split('│').nth(3))
    });
    assert_eq!(right(&t.row(2)), right(&before));
    t.send("q");
    assert!(t.wait_exit(TIMEOUT).success());
}

#[test]
fn search_runs_in_both_texts() {
    let mut t = pair();
    // Traditional in the seed, simplified in the whole book: both are found.
    t.send("/阿骨打");
    t.wait_status("[繁簡] 19 · 41 hits");
    t.send("\r");
    t.wait_status("hits: 19 in seed · 41 in 契丹国志");
    // Per pane in the timeline: the seed's 天慶二年 has 7.
    t.send(":1112\r");
    t.wait_for("the counts", TIMEOUT, |s| {
        s.lines()
            .any(|l| squeeze(l).starts_with("1112 │ 天慶二年 7 │ 壬辰天庆二年"))
    });
    t.esc();
    t.wait_status("search cleared");
    t.send("q");
    assert!(t.wait_exit(TIMEOUT).success());
}

#[test]
fn a_bilingual_edition_as_original_and_translation() {
    let book = fixture("books/wenbai-sample.txt");
    let mut t = Tui::spawn(120, 30, &[&book], &[], |_| {});
    t.wait_status("1101: 乾統元年");
    t.wait_text("原文");
    t.wait_text("譯文");
    // Each paragraph of the original beside its translation, on the same line.
    for (orig, tr) in [
        ("[1]春正月朔", "[1]春季正月初一"),
        ("[2]夏四月朔", "[2]夏季四月初一"),
        ("[3]是歲", "[3]这一年"),
    ] {
        let s = t.screen();
        let line = s
            .lines()
            .find(|l| l.contains(orig))
            .unwrap_or_else(|| panic!("{orig}: {s}"));
        assert!(line.contains(tr), "{orig} beside {tr}: {line}");
        assert!(line.find(orig) < line.find(tr), "original left: {line}");
    }
    t.send("j");
    t.wait_status("1105: 乾統五年");
    t.wait_for("1105 in both", TIMEOUT, |s| {
        s.lines()
            .any(|l| l.contains("[2]五月，宋徽宗遣") && l.contains("[2]五月，宋徽宗派"))
    });
    t.send("q");
    assert!(t.wait_exit(TIMEOUT).success());
    assert_restored(&t);
}
