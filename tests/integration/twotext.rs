//! Issue 16 in the reader's state, drawn into a `TestBackend`: gaps between recorded
//! years in the timeline, two texts side by side by CE year, and a bilingual text as two
//! panes.

use annals::model::Chronicle;
use annals::model::bilingual::Bilingual;
use annals::tui::app::{App, Pairing, ParallelApp, ParallelFocus, RowKind};
use annals::tui::theme::Theme;
use annals::tui::{Screen, handle_key, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Modifier;

use crate::harness::fixture;

fn load(path: &str) -> Chronicle {
    let text = std::fs::read_to_string(fixture(path)).expect("the fixture");
    Chronicle::parse(text)
}

fn press(app: &mut impl Screen, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            '\u{1b}' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        handle_key(app, KeyEvent::new(code, KeyModifiers::NONE));
    }
}

fn label(app: &App<'_>) -> String {
    app.rows[app.selected].label.clone()
}

#[test]
fn the_timeline_shows_gaps_and_steps_over_them() {
    let c = load("kanripo/xintangshu-benji.txt");
    let mut app = App::new(&c, 100, 30);
    // Years the text does not record between two it does: a row says how many.
    let gaps: Vec<(usize, u32, String)> = app
        .rows
        .iter()
        .enumerate()
        .filter_map(|(k, r)| match r.kind {
            RowKind::Gap(n) => Some((k, n, r.label.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(gaps.len(), 3, "{gaps:?}");
    let (k, n, shown) = gaps[0].clone();
    assert_eq!((n, shown.as_str()), (1, "⋯ 1 year"));
    let (before, after) = (app.rows[k - 1].label.clone(), app.rows[k + 1].label.clone());
    let year = |l: &str| {
        let RowKind::Entry(i) = app.rows.iter().find(|r| r.label == l).unwrap().kind else {
            panic!("{l} is a year");
        };
        c.entries[i].ce.unwrap()
    };
    let (from, to) = (year(&before), year(&after));
    assert_eq!(to - from, 2, "{before} → {after}");
    press(&mut app, &format!(":{from}\n"));
    assert_eq!(label(&app), before);
    press(&mut app, "j");
    assert_eq!(label(&app), after, "the gap is stepped over");
    press(&mut app, "k");
    assert_eq!(label(&app), before);
    // A search hit counts in its year, not in the gap before it.
    let g = app
        .rows
        .iter()
        .position(|r| matches!(r.kind, RowKind::Gap(_)))
        .unwrap();
    assert_eq!(app.row_at(app.rows[g].range.start), g + 1);
    // No gap from 1 BCE to 1 CE: there is no year 0.
    let han = load("kanripo/qianhanji.txt");
    let app = App::new(&han, 100, 30);
    let gaps: Vec<u32> = app
        .rows
        .iter()
        .filter_map(|r| match r.kind {
            RowKind::Gap(n) => Some(n),
            _ => None,
        })
        .collect();
    assert_eq!(gaps, [1], "前46 … 前44 only");
}

/// The two-text screen drawn into a `TestBackend`: its buffer, and its rows as text.
fn draw(app: &ParallelApp<'_>) -> (Buffer, Vec<String>) {
    let (w, h) = app.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::parallel::draw(f, app, &Theme::mono()))
        .unwrap();
    let buf = t.backend().buffer().clone();
    let rows = (0..h)
        .map(|y| {
            let mut line = String::new();
            let mut skip = 0;
            for x in 0..w {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let sym = buf[(x, y)].symbol();
                line.push_str(sym);
                skip = annals::layout::str_width(sym).saturating_sub(1);
            }
            line.trim_end().to_owned()
        })
        .collect();
    (buf, rows)
}

/// A row with its runs of blanks made one.
fn squeeze(row: &str) -> String {
    row.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The selected entry's label in pane `k`.
fn pane_label(app: &ParallelApp<'_>, k: usize) -> String {
    let p = &app.panes[k];
    p.rows[p.selected].label.clone()
}

/// The text of pane `k`'s first line on screen, its indentation left out.
fn top_line(app: &ParallelApp<'_>, k: usize) -> String {
    let p = &app.panes[k];
    let l = &p.doc.lines[p.doc.top];
    p.text()[l.start..l.end].trim().to_owned()
}

#[test]
fn two_texts_share_one_timeline_of_ce_years() {
    let seed = load("books/seed.txt");
    let whole = load("books/qidan-guozhi-full.md");
    let mut app = ParallelApp::new(&seed, &whole, 120, 30);
    // It opens at the first text's first year, though the second starts in 916.
    assert_eq!(pane_label(&app, 0), "乾統元年");
    assert_eq!(pane_label(&app, 1), "辛巳干统元年");
    press(&mut app, ":1115\n");
    assert_eq!(pane_label(&app, 0), "天慶五年");
    assert_eq!(pane_label(&app, 1), "乙未天庆五年");
    assert_eq!(app.row_label(app.selected), "1115: 天慶五年 │ 乙未天庆五年");
    let (_, rows) = draw(&app);
    assert!(
        rows.iter()
            .any(|r| squeeze(r).starts_with("1115 │ 天慶五年 │ 乙未天庆五年 │")),
        "{rows:#?}"
    );
    // Side by side above 80 columns for the panes, one above the other below.
    assert!(!app.areas.stacked);
    let [a, b] = app.areas.panes.map(Option::unwrap);
    assert_eq!(a.y, b.y);
    assert!(a.x < b.x);
    press(&mut app, "j");
    assert_eq!(pane_label(&app, 0), "天慶六年");
    assert_eq!(pane_label(&app, 1), "丙申天庆六年");
    let mut narrow = ParallelApp::new(&seed, &whole, 100, 40);
    assert!(narrow.areas.stacked);
    let [a, b] = narrow.areas.panes.map(Option::unwrap);
    assert_eq!(a.x, b.x);
    assert!(a.y + a.height < b.y);
    press(&mut narrow, ":1115\n");
    assert_eq!(pane_label(&narrow, 1), "乙未天庆五年");
}

#[test]
fn a_year_one_text_lacks_leaves_it_at_its_nearest_dimmed() {
    let seed = load("books/seed.txt");
    let whole = load("books/qidan-guozhi-full.md");
    let mut app = ParallelApp::new(&seed, &whole, 120, 30);
    press(&mut app, ":1120\n");
    assert_eq!(pane_label(&app, 1), "庚子天庆十年");
    assert_eq!(pane_label(&app, 0), "天慶八年", "the seed ends in 1118");
    assert_eq!(app.row_label(app.selected), "1120: — │ 庚子天庆十年");
    assert_eq!(
        app.nearest[0].as_deref(),
        Some("no 1120 here; nearest: 天慶八年 (1118)")
    );
    assert!(app.nearest[1].is_none());
    let (buf, rows) = draw(&app);
    assert!(
        rows.iter()
            .any(|r| r.contains("no 1120 here; nearest: 天慶八年 (1118)")),
        "{rows:#?}"
    );
    // The pane showing its nearest year is dim, the other is not.
    let [a, b] = app.areas.panes.map(Option::unwrap);
    // Whether every character of a pane's text (below its two heading lines) is dim.
    let dim = |r: ratatui::layout::Rect| {
        let cells: Vec<bool> = (r.y + 2..r.y + r.height)
            .flat_map(|y| (r.x..r.x + r.width).map(move |x| (x, y)))
            .filter(|&p| !buf[p].symbol().trim().is_empty())
            .map(|p| buf[p].modifier.contains(Modifier::DIM))
            .collect();
        assert!(!cells.is_empty());
        cells.iter().all(|&d| d)
    };
    assert!(dim(a));
    assert!(!dim(b));
    // The keyboard in that pane: the note says so.
    press(&mut app, "\t");
    let (_, rows) = draw(&app);
    assert!(
        rows.iter().any(|r| r.contains("▸ no 1120 here")),
        "{rows:#?}"
    );
    press(&mut app, "\t\t");
    // Back to a year both have: no note, nothing dim.
    press(&mut app, ":1118\n");
    assert!(app.nearest.iter().all(Option::is_none));
    // Before the seed's first year.
    press(&mut app, ":916\n");
    assert_eq!(pane_label(&app, 0), "乾統元年");
    assert_eq!(pane_label(&app, 1), "丙子神册元年");
}

#[test]
fn tab_moves_focus_and_the_lock_scrolls_the_other_pane_to_the_same_month() {
    let seed = load("books/seed.txt");
    let whole = load("books/qidan-guozhi-full.md");
    let mut app = ParallelApp::new(&seed, &whole, 120, 30);
    assert_eq!(app.focus, ParallelFocus::Timeline);
    press(&mut app, "\t");
    assert_eq!(app.focus, ParallelFocus::Pane(0));
    press(&mut app, "\t");
    assert_eq!(app.focus, ParallelFocus::Pane(1));
    press(&mut app, "\t");
    assert_eq!(app.focus, ParallelFocus::Timeline);

    // Unlocked: paging the seed's 天慶五年 leaves the other text at its top.
    press(&mut app, ":1115\n\t");
    assert!(!app.lock);
    press(&mut app, " ");
    assert!(app.panes[0].doc.top > 0);
    assert_eq!(app.panes[1].doc.top, 0);
    // Locked: the other text goes to the month the seed has reached (八月).
    press(&mut app, "s");
    assert!(app.lock);
    assert!(
        top_line(&app, 1).starts_with("八月，天祚下诏亲征女真"),
        "{}",
        top_line(&app, 1)
    );
    press(&mut app, " ");
    assert!(
        top_line(&app, 1).starts_with("十一月，天祚与女真兵会"),
        "{}",
        top_line(&app, 1)
    );
    // Scrolling the other pane brings the seed along.
    press(&mut app, ":1115\n\t");
    assert_eq!(app.focus, ParallelFocus::Pane(1));
    assert_eq!(app.panes[0].doc.top, 0);
    press(&mut app, " ");
    assert!(app.panes[0].doc.top > 0, "the seed follows the second text");
    // Unlocked again: the seed stays where it is.
    press(&mut app, "s");
    assert!(!app.lock);
    let before = app.panes[0].doc.top;
    press(&mut app, " ");
    assert_eq!(app.panes[0].doc.top, before);
}

#[test]
fn search_runs_in_both_texts_with_hits_per_pane() {
    let seed = load("books/seed.txt");
    let whole = load("books/qidan-guozhi-full.md");
    let mut app = ParallelApp::new(&seed, &whole, 120, 30);
    // Folded: 阿骨打 in the seed's traditional and the whole book's simplified text.
    press(&mut app, "/阿骨打\n");
    assert_eq!(app.panes[0].search.hits.len(), 19);
    let theirs = app.panes[1].search.hits.len();
    assert!(theirs > 19, "{theirs}");
    let message = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(
        message.starts_with(&format!("hits: 19 in text 1 · {theirs} in 契丹国志")),
        "{message}"
    );
    // The timeline counts each text's hits in its column.
    press(&mut app, ":1112\n");
    let year = app.year().unwrap().clone();
    assert_eq!(app.hits_in(&year, 0), 7);
    let (_, rows) = draw(&app);
    let row = rows.iter().find(|r| r.contains("1112 │")).unwrap();
    assert!(
        squeeze(row).starts_with("1112 │ 天慶二年 7 │ 壬辰天庆二年"),
        "{row}"
    );
    // `n` moves through the lead text's hits; the other follows to the year.
    let before = app.panes[0].search.current;
    press(&mut app, "n");
    assert_ne!(app.panes[0].search.current, before);
    let p = &app.panes[0];
    let RowKind::Entry(i) = p.rows[p.selected].kind else {
        panic!("a hit is in a year");
    };
    assert_eq!(app.year().unwrap().ce, seed.entries[i].ce);
    assert_eq!(
        app.year().unwrap().entries[1].len(),
        1,
        "the other text is there too"
    );
    // Esc clears both searches.
    press(&mut app, "\u{1b}");
    assert!(app.panes.iter().all(|p| p.search.hits.is_empty()));
}

#[test]
fn a_bilingual_edition_is_two_panes_paragraph_by_paragraph() {
    let c = load("books/wenbai-sample.txt");
    let units = Bilingual::detect(&c).expect("the sample is bilingual");
    // Each year's heading is left alone; every other paragraph is in a pair.
    assert_eq!(units.pairs, 8);
    let mut app = ParallelApp::bilingual(&c, &units, 120, 16);
    assert_eq!(app.pairing, Pairing::Paragraphs);
    let (_, rows) = draw(&app);
    let [a, b] = app.areas.panes.map(Option::unwrap);
    assert!(a.x < b.x, "original left, translation right");
    // Each original starts on the same line as its translation.
    for (orig, tr) in [
        ("[1]春正月朔", "[1]春季正月初一"),
        ("[2]夏四月朔", "[2]夏季四月初一"),
        ("[3]是歲", "[3]这一年"),
    ] {
        let row = rows
            .iter()
            .find(|r| r.contains(orig))
            .unwrap_or_else(|| panic!("{orig}: {rows:#?}"));
        assert!(row.contains(tr), "{orig} beside {tr}: {row}");
    }
    assert!(
        rows.iter()
            .any(|r| r.contains("原文") && r.contains("譯文"))
    );
    // The panes scroll together, line for line.
    press(&mut app, "j\t ");
    assert!(app.panes[0].doc.top > 0);
    assert_eq!(app.panes[0].doc.top, app.panes[1].doc.top);
    // A classical text is not taken for a bilingual one.
    assert!(Bilingual::detect(&load("books/seed.txt")).is_none());
}

#[test]
fn two_kanripo_texts_go_by_page_and_volume_and_cite_both() {
    let tang = load("kanripo/xintangshu-benji.txt");
    let yuan = load("kanripo/yuanshi-benji.txt");
    let mut app = ParallelApp::new(&tang, &yuan, 120, 30);
    assert_eq!(pane_label(&app, 0), "武徳元年");
    // A page and a volume of the lead text (the first, while the timeline has the keys).
    press(&mut app, ":1-12a\n");
    assert_eq!(
        app.panes[0].page_label().as_deref(),
        Some("卷一 · WYG 1-12a")
    );
    assert!(app.panes[0].doc.top > 0, "the page starts inside 武徳二年");
    // A year only the first text has.
    press(&mut app, ":620\n");
    assert_eq!(pane_label(&app, 0), "武徳三年");
    assert!(
        app.nearest[1]
            .as_deref()
            .is_some_and(|n| n.starts_with("no 620 here"))
    );
    // From the timeline, `y` cites the year in both texts.
    press(&mut app, "y");
    let both = app.clipboard.take().expect("a citation");
    assert!(
        both.starts_with("新唐書 卷一 本紀第一 武徳三年 (620), WYG 1-12a; 元史 "),
        "{both}"
    );
    // A year neither has: each text says why.
    press(&mut app, ":617\n");
    let m = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(m.starts_with("新唐書: no entry for 617"), "{m}");
    assert!(m.contains(" · 元史: no entry for 617"), "{m}");
    // The status line gives the page of a text that has the year.
    press(&mut app, "G");
    let (_, rows) = draw(&app);
    let status = rows.last().unwrap();
    assert!(status.contains("卷四十七 · WYG 47-"), "{status}");
    // The second text's pane has the keys: its volume, its citation alone.
    press(&mut app, "\t\t:卷十三\n");
    assert_eq!(app.focus, ParallelFocus::Pane(1));
    assert!(
        app.panes[1]
            .page_label()
            .is_some_and(|p| p.starts_with("卷十三 · WYG 13-")),
        "{:?}",
        app.panes[1].page_label()
    );
    assert!(app.nearest[0].is_some(), "the Tang has no Yuan year");
    press(&mut app, "y");
    let one = app.clipboard.take().expect("a citation");
    assert!(one.starts_with("元史 卷十三 "), "{one}");
    assert!(!one.contains(';'), "{one}");
}
