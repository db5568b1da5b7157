//! Issue 16 in the real binary, on Kanripo files: the page of the reading place in the
//! status line, `:` to a page (`1-1a`) and to a volume (`卷十三`), a citation copied
//! through the terminal (the OSC 52 bytes), and 夾注 shown, hidden and searched.

use std::time::Instant;

use super::session::*;
use crate::harness::fixture;

/// Wait until the program has written `bytes`.
fn wait_raw(t: &mut Tui, bytes: &[u8]) {
    let start = Instant::now();
    while count(&t.raw(), bytes) == 0 {
        assert!(
            start.elapsed() < TIMEOUT,
            "waiting for {:?}; raw tail: {:?}",
            String::from_utf8_lossy(bytes),
            tail(&t.raw(), 300)
        );
        std::thread::sleep(POLL);
    }
}

#[test]
fn pages_in_the_status_line_by_number_and_copied_as_citations() {
    let book = fixture("kanripo/xintangshu-benji.txt");
    let mut t = Tui::spawn(120, 30, &[&book], &[], |_| {});
    // The first year (武徳元年, run on in 高祖's biography) is on the page marked
    // <pb:KR2a0027_WYG_001-8a>.
    t.wait_status("│ 唐 高祖 │ 卷一 · WYG 1-8a │");
    // The next year is two pages on.
    t.send("j");
    t.wait_status("│ 唐 高祖 │ 卷一 · WYG 1-10a");

    // `:` takes a page; the prompt says where it goes before Enter. The first page of
    // 卷一 holds the title lines before the volume's heading: the book's 序 to the reader.
    t.send(":1-1a");
    t.wait_status("→ WYG 1-1a · 序");
    t.send("\r");
    t.wait_heading("序");
    t.wait_status("新唐書 │ 序 │ WYG 1-1a │");
    t.send(":1-2a\r");
    t.wait_heading("卷一 本紀第一");
    t.wait_status("卷一 · WYG 1-2a");
    t.wait_status("WYG 1-2a · 卷一 本紀第一");

    // The citation of the place, copied through the terminal.
    t.send("y");
    t.wait_status("copied: 新唐書 卷一 本紀第一, WYG 1-2a");
    // base64 of "新唐書 卷一 本紀第一, WYG 1-2a" (UTF-8), by another encoder.
    wait_raw(
        &mut t,
        b"\x1b]52;c;5paw5ZSQ5pu4IOWNt+S4gCDmnKzntIDnrKzkuIAsIFdZRyAxLTJh\x07",
    );

    // A year's citation names it with its CE year.
    t.send(":620\r");
    t.wait_heading("武徳三年 · 620");
    t.send("y");
    t.wait_status("copied: 新唐書 卷一 本紀第一 武徳三年 (620), WYG 1-12a");

    // A page the book does not have.
    t.send(":1-99a\r");
    t.wait_status("no page 1-99a in this text");
    t.send("q");
    assert!(t.wait_exit(TIMEOUT).success());
    assert_restored(&t);
}

#[test]
fn a_volume_by_its_number() {
    let book = fixture("kanripo/yuanshi-benji.txt");
    let mut t = Tui::spawn(120, 30, &[&book], &[], |_| {});
    t.wait_status("1/162 │ 1206");
    t.send(":卷十三");
    t.wait_status("→ 卷十三 本紀第十三");
    t.send("\r");
    t.wait_heading("卷十三 本紀第十三");
    t.wait_status("卷十三 · WYG 13-1a");
    // 卷48 is past the book's end.
    t.send(":卷48\r");
    t.wait_status("no 卷四十八 in this text");
    t.send("q");
    assert!(t.wait_exit(TIMEOUT).success());
}

#[test]
fn jiazhu_shown_dimmed_hidden_and_searched() {
    let book = fixture("kanripo/yuanshi-benji.txt");
    let mut t = Tui::spawn(120, 30, &[&book], &[], |_| {});
    t.wait_status("1/162 │ 1206");
    // `(克哷蘇嚕克華/言野外牧塲也)`: found across its column split, shown in 〔〕.
    t.send("/華言野外\r");
    t.wait_status("1 hit in 1 section");
    t.wait_text("〔克哷蘇嚕克");
    t.wait_text("牧塲也〕");
    assert!(!t.screen().contains("華/言"));
    // The note is dim; the text around it is not.
    assert!(t.with_screen(|s| dim_cell(s, "〔")), "{}", t.screen());
    assert!(!t.with_screen(|s| dim_cell(s, "布")));

    // Hidden: gone from the text and from the search.
    t.send("a");
    t.wait_status("夾注 hidden");
    t.wait_for("the note to go", TIMEOUT, |s| !s.contains("〔克哷"));
    t.send("/野外牧");
    t.wait_status("no hits");
    t.esc();
    // Shown again: found again.
    t.send("a");
    t.wait_status("夾注 shown");
    t.send("/野外牧\r");
    t.wait_status("1 hit in 1 section");
    t.wait_text("〔克哷蘇嚕克");
    t.wait_text("牧塲也〕");
    t.send("q");
    assert!(t.wait_exit(TIMEOUT).success());
}

/// Whether a cell showing `ch` is dim.
fn dim_cell(s: &vt100::Screen, ch: &str) -> bool {
    let (rows, cols) = s.size();
    (0..rows)
        .any(|r| (0..cols).any(|c| s.cell(r, c).is_some_and(|x| x.contents() == ch && x.dim())))
}
