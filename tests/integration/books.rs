//! Issue 16 on the command line: citations to the page (`show --cite`), the same year in
//! two texts (`show YEAR A B`), and 夾注 searched or left out (`search --no-notes`).

use crate::harness::{annals, fixture, stderr, stdout};

#[test]
fn show_cite_names_book_volume_year_and_page() {
    let tang = fixture("kanripo/xintangshu-benji.txt");
    let o = annals(&["show", "620", &tang, "--cite"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "新唐書 卷一 本紀第一 武徳三年 (620), WYG 1-12a\n"
    );
    // 四部叢刊 pages, and a year written before eras.
    let han = fixture("kanripo/qianhanji.txt");
    let o = annals(&["show", "前206", &han, "--cite"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // (The year is doubtful, and the citation keeps its `?`.)
    assert_eq!(
        stdout(&o),
        "前漢紀 卷二 前漢髙祖皇帝紀 漢元年 (前206?), SBCK 2-1a\n"
    );
    // A text that marks no pages: the citation stops at the year; the embedded title
    // names its volume already.
    let o = annals(&["show", "1115", "--cite"]);
    assert_eq!(stdout(&o), "契丹國志 卷十 天祚皇帝上 天慶五年 (1115)\n");
    // A year the text lacks: nothing found, as without --cite.
    let o = annals(&["show", "1300", "--cite"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no entry for 1300"), "{}", stderr(&o));
}

#[test]
fn show_one_year_in_two_texts() {
    let seed = fixture("books/seed.txt");
    let whole = fixture("books/qidan-guozhi-full.md");
    let o = annals(&["show", "1115", &seed, &whole, "--width", "60"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let first = out.find("天慶五年 · 1115").expect("the seed's year");
    let second = out
        .find("乙未天庆五年 · 1115")
        .expect("the whole book's year");
    assert!(first < second, "{out}");
    assert!(out.contains("== 契丹国志 · [宋]叶隆礼 =="), "{out}");
    // A label only the second text writes names the year for both.
    let o = annals(&["show", "乙未天庆五年", &seed, &whole, "--cite"]);
    assert_eq!(
        stdout(&o),
        "== seed ==\nseed 天慶五年 (1115)\n\n== 契丹国志 · [宋]叶隆礼 ==\n\
         契丹国志 卷十 天祚皇帝上 乙未天庆五年 (1115)\n"
    );
    // A year only one text has: the other says so.
    let o = annals(&["show", "1000", &seed, &whole, "--cite"]);
    assert!(o.status.success());
    assert!(
        stdout(&o).contains("(no entry for 1000; this text covers 1101–1118)"),
        "{}",
        stdout(&o)
    );
    // A year neither has: nothing found.
    let o = annals(&["show", "1300", &seed, &whole]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
}

#[test]
fn jiazhu_are_searched_unless_left_out() {
    let yuan = fixture("kanripo/yuanshi-benji.txt");
    // Found across the note's column split (華/言), shown in 〔〕.
    let o = annals(&["search", "華言野外", &yuan]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("〔克哷蘇嚕克【華言野外】牧塲也〕"),
        "{}",
        stdout(&o)
    );
    let o = annals(&["search", "--count", "華言野外", &yuan]);
    assert_eq!(stdout(&o), "1\n");
    for args in [
        vec!["search", "--no-notes", "華言野外", &yuan],
        vec!["search", "--no-notes", "--count", "華言野外", &yuan],
    ] {
        let o = annals(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stdout(&o));
    }
    // The text around a note is found whole once the note is left out.
    let o = annals(&["search", "--no-notes", "--count", "克事布琳掌", &yuan]);
    assert_eq!(stdout(&o), "1\n");
    let o = annals(&["search", "--count", "克事布琳掌", &yuan]);
    assert_eq!(stdout(&o), "0\n");
}

#[test]
fn show_takes_a_negative_year() {
    // `-206` is a year, not an option; it names the same entry as 前206.
    let han = fixture("kanripo/qianhanji.txt");
    let a = annals(&["show", "-206", &han, "--cite"]);
    assert!(a.status.success(), "{}", stderr(&a));
    let b = annals(&["show", "前206", &han, "--cite"]);
    assert_eq!(stdout(&a), stdout(&b));
}

#[test]
fn show_takes_the_file_first_too() {
    // `show FILE YEAR`, as `search FILE QUERY` reads, is taken as meant.
    let han = fixture("kanripo/qianhanji.txt");
    let a = annals(&["show", &han, "前206", "--cite"]);
    assert!(a.status.success(), "{}", stderr(&a));
    let b = annals(&["show", "前206", &han, "--cite"]);
    assert_eq!(stdout(&a), stdout(&b));
}
