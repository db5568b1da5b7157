//! The reader, driven through its keymap and drawn into ratatui's TestBackend: whole-screen
//! snapshots at 80×24, 120×40 and 40×12 (CJK included), the help overlay, the prompts and
//! the concordance; and behaviour tests of navigation, search and jumps.

use annals::model::Chronicle;
use annals::tui::action::Action;
use annals::tui::app::{App, Focus, JumpPreview, Mode, RowKind};
use annals::tui::theme::Theme;
use annals::tui::{handle_key, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn press(app: &mut App<'_>, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            '\u{1b}' => KeyCode::Esc,
            '\u{8}' => KeyCode::Backspace,
            c => KeyCode::Char(c),
        };
        let mods = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        handle_key(app, KeyEvent::new(code, mods));
    }
}

fn key(app: &mut App<'_>, code: KeyCode, mods: KeyModifiers) {
    handle_key(app, KeyEvent::new(code, mods));
}

/// The screen as text (one line per row), as a user sees it.
fn screen(app: &App<'_>) -> String {
    let (w, h) = app.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let theme = Theme::mono();
    t.draw(|f| ui::draw(f, app, &theme)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
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
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The screen drawn in colour, each row followed (when it has any) by a row of the styles
/// that matter, under the cells that have them: `C` the current hit, `H` another hit, `S`
/// reversed (the selection, the status line), `U` underlined without colour (the
/// selection when the text has focus). So a snapshot shows a lost highlight as a diff.
fn styled_screen(app: &App<'_>) -> String {
    use ratatui::style::{Color, Modifier};
    let (w, h) = app.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let theme = Theme::color();
    t.draw(|f| ui::draw(f, app, &theme)).unwrap();
    let buf = t.backend().buffer().clone();
    let text = screen(app);
    let mut out = String::new();
    for (y, line) in (0..h).zip(text.lines()) {
        out.push_str(line);
        out.push('\n');
        let mut styles = String::new();
        let mut x = 0;
        while x < w {
            let cell = &buf[(x, y)];
            let mark = match (cell.bg, cell.fg) {
                (Color::LightRed, _) => 'C',
                (Color::Yellow, _) => 'H',
                _ if cell.modifier.contains(Modifier::REVERSED) => 'S',
                (_, Color::Reset) if cell.modifier.contains(Modifier::UNDERLINED) => 'U',
                _ => ' ',
            };
            // A double-width character's mark goes under both its columns.
            let cols = annals::layout::str_width(cell.symbol()).max(1);
            for _ in 0..cols {
                styles.push(mark);
            }
            x += cols as u16;
        }
        if !styles.trim().is_empty() {
            out.push_str(styles.trim_end());
            out.push('\n');
        }
    }
    out
}

fn seed() -> Chronicle {
    Chronicle::embedded()
}

fn book() -> Chronicle {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/books/qidan-guozhi-full.md"
    ))
    .unwrap();
    Chronicle::parse(text)
}

#[test]
fn snapshot_80x24() {
    let c = seed();
    let mut app = App::new(&c, 80, 24);
    insta::assert_snapshot!("seed_80x24_start", screen(&app));
    press(&mut app, "jjjj");
    insta::assert_snapshot!("seed_80x24_1105", screen(&app));
}

#[test]
fn snapshot_120x40_whole_book() {
    let c = book();
    let mut app = App::new(&c, 120, 40);
    press(&mut app, ":1114\n");
    insta::assert_snapshot!("book_120x40_1114", screen(&app));
}

#[test]
fn snapshot_40x12_narrow() {
    let c = seed();
    let mut app = App::new(&c, 40, 12);
    insta::assert_snapshot!("seed_40x12_timeline", screen(&app));
    press(&mut app, "\t");
    insta::assert_snapshot!("seed_40x12_text", screen(&app));
}

#[test]
fn snapshot_help_overlay() {
    let c = seed();
    let mut app = App::new(&c, 80, 24);
    press(&mut app, "?");
    assert!(matches!(app.mode, Mode::List(_)), "{:?}", app.mode);
    let s = screen(&app);
    // Every browse binding appears in the help, from the one keymap table.
    for b in annals::tui::keymap::bindings(annals::tui::keymap::Scope::Browse).take(18) {
        assert!(s.contains(b.help), "help lacks {:?}", b.help);
    }
    insta::assert_snapshot!("help_80x24", s);
    press(&mut app, "\u{1b}");
    assert_eq!(app.mode, Mode::Browse);
}

/// Every binding is on the help screen — each of its keys by name, and what it does — as
/// the user sees it, scrolling to the end.
#[test]
fn every_binding_appears_in_help() {
    let c = seed();
    let mut app = App::new(&c, 80, 24);
    press(&mut app, "?");
    let mut seen = String::new();
    for _ in 0..annals::tui::app::help_lines().len() {
        seen.push_str(&screen(&app));
        press(&mut app, "j");
    }
    let keymap = annals::tui::keymap::KEYMAP;
    let widest = keymap.iter().map(|b| b.label().chars().count()).max();
    for b in keymap {
        let line = format!("{:w$}  {}", b.label(), b.help, w = widest.unwrap());
        assert!(
            seen.lines().any(|l| l.contains(line.trim_end())),
            "help lacks {line:?}"
        );
    }
}

#[test]
fn snapshot_prompts() {
    let c = seed();
    let mut app = App::new(&c, 80, 24);
    press(&mut app, ":天慶5");
    insta::assert_snapshot!(
        "jump_prompt",
        screen(&app).lines().last().unwrap().to_owned()
    );
    press(&mut app, "\n");
    assert_eq!(app.rows[app.selected].label, "天慶五年");
    press(&mut app, "/阿骨");
    let s = screen(&app);
    assert!(s.lines().last().unwrap().starts_with("/阿骨"), "{s}");
    insta::assert_snapshot!("search_prompt_typing", s);
}

#[test]
fn snapshot_concordance() {
    let c = seed();
    let mut app = App::new(&c, 100, 30);
    press(&mut app, "/萧奉先\nc");
    assert!(matches!(app.mode, Mode::List(_)), "{:?}", app.mode);
    insta::assert_snapshot!("concordance_100x30", screen(&app));
}

/// Hits, the current hit and the selection keep their highlighting: in the text and the
/// timeline while searching, with the text focused, and in the concordance.
#[test]
fn snapshot_styles_of_hits_and_selection() {
    let c = seed();
    let mut app = App::new(&c, 80, 24);
    press(&mut app, "/萧奉先\nn");
    insta::assert_snapshot!("styles_hits_80x24", styled_screen(&app));
    press(&mut app, "\t");
    insta::assert_snapshot!("styles_text_focus_80x24", styled_screen(&app));
    press(&mut app, "cj");
    insta::assert_snapshot!("styles_concordance_80x24", styled_screen(&app));
}

#[test]
fn navigation_by_year_and_mark() {
    let c = seed();
    let mut app = App::new(&c, 100, 30);
    let label = |app: &App<'_>| app.rows[app.selected].label.clone();
    assert_eq!(label(&app), "乾統元年");
    press(&mut app, "G");
    assert_eq!(label(&app), "天慶八年");
    press(&mut app, "g");
    assert_eq!(label(&app), "乾統元年");
    press(&mut app, "k");
    assert_eq!(label(&app), "序");
    press(&mut app, "j}");
    assert_eq!(
        label(&app),
        "乾統五年",
        "}} skips the empty years 二年…四年"
    );
    press(&mut app, "{");
    assert_eq!(label(&app), "乾統元年");
    // ] steps through months and seasons, across entries.
    press(&mut app, "g]");
    assert_eq!(app.message.as_ref().unwrap().text, "春正月朔");
    press(&mut app, "]");
    assert_eq!(app.message.as_ref().unwrap().text, "夏四月朔");
    press(&mut app, "]");
    assert_eq!(label(&app), "乾統五年");
    assert_eq!(app.message.as_ref().unwrap().text, "夏四月");
    press(&mut app, "[");
    assert_eq!(label(&app), "乾統元年");
    // Tab gives the text the keys: j scrolls lines.
    press(&mut app, ":1114\n\t");
    assert_eq!(app.focus, Focus::Detail);
    let top = app.doc.top;
    press(&mut app, "jj");
    assert_eq!(app.doc.top, top + 2);
    press(&mut app, " ");
    assert!(app.doc.top > top + 2);
    press(&mut app, "b");
    key(&mut app, KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert!(app.scroll_percent() > 0);
    // Quit keys.
    press(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn jump_forms_and_errors() {
    let c = seed();
    let mut app = App::new(&c, 100, 30);
    let label = |app: &App<'_>| app.rows[app.selected].label.clone();
    for (q, want) in [
        ("1115", "天慶五年"),
        ("天庆五年", "天慶五年"),
        ("天慶3", "天慶三年"),
        ("7", "天慶七年"),
        ("乾統5", "乾統五年"),
        ("5", "乾統五年"),
    ] {
        press(&mut app, &format!(":{q}\n"));
        assert_eq!(label(&app), want, "{q}");
    }
    press(&mut app, ":1300\n");
    let m = app.message.clone().unwrap();
    assert!(m.error && m.text.contains("1101–1118"), "{m:?}");
    press(&mut app, ":hello\n");
    assert!(app.message.as_ref().unwrap().text.contains("not a year"));
    // Esc cancels the prompt.
    press(&mut app, ":11\u{1b}");
    assert_eq!(app.mode, Mode::Browse);
}

#[test]
fn years_written_twice_offer_both() {
    let c = book();
    let mut app = App::new(&c, 100, 30);
    press(&mut app, ":926\n");
    assert!(
        matches!(app.mode, Mode::List(_)),
        "a choice of the two 丙戌天赞六年 entries"
    );
    press(&mut app, "j\n");
    let RowKind::Entry(i) = app.rows[app.selected].kind else {
        panic!()
    };
    assert_eq!(c.label(&c.entries[i]), "丙戌天赞六年");
    assert_eq!(c.entries[i].volume, Some(1), "the second one, in 卷二");
}

#[test]
fn a_search_typed_over_a_choice_of_entries_is_a_search() {
    let c = book();
    let mut app = App::new(&c, 100, 30);
    press(&mut app, ":926\n");
    assert!(matches!(app.mode, Mode::List(_)));
    press(&mut app, "/天赞");
    assert!(
        matches!(app.mode, Mode::Search(_)),
        "the choice closes and the search prompt takes the keys"
    );
    assert_eq!(app.search.input, "天赞");
}

#[test]
fn search_incremental_counts_and_wraps() {
    let c = seed();
    let mut app = App::new(&c, 100, 30);
    press(&mut app, "/阿");
    let after_one = app.search.hits.len();
    press(&mut app, "骨打");
    assert_eq!(app.search.hits.len(), 19);
    assert!(after_one > 19);
    press(&mut app, "\n");
    assert_eq!(app.mode, Mode::Browse);
    let total: u32 = app.search.per_row.iter().sum();
    assert_eq!(total, 19);
    let first = app.search.current.unwrap();
    press(&mut app, "n");
    assert_eq!(app.search.current, Some(first + 1));
    press(&mut app, "N");
    assert_eq!(app.search.current, Some(first));
    press(&mut app, "G");
    for _ in 0..30 {
        press(&mut app, "n");
    }
    assert!(app.search.current.is_some());
    // Folding: 天庆 finds 天慶 in this traditional text; exact mode (Ctrl-E) finds nothing.
    press(&mut app, "/天庆");
    assert_eq!(app.search.hits.len(), 8);
    key(&mut app, KeyCode::Char('e'), KeyModifiers::CONTROL);
    assert_eq!(app.search.hits.len(), 0);
    // Esc cancels: the previous search (阿骨打) comes back.
    press(&mut app, "\u{1b}");
    assert_eq!(app.search.hits.len(), 19);
    // Esc in browse mode clears the search.
    press(&mut app, "\u{1b}");
    assert!(app.search.hits.is_empty());
    assert!(!app.quit);
}

#[test]
fn resize_keeps_the_reading_position() {
    let c = seed();
    let mut app = App::new(&c, 100, 30);
    press(&mut app, ":1116\n\t");
    press(&mut app, "jjjjjjjjjj");
    let anchor = app.doc.lines[app.doc.top].start;
    app.apply(Action::Resize {
        width: 60,
        height: 20,
    });
    let line = &app.doc.lines[app.doc.top];
    assert!(
        line.start <= anchor && anchor < line.end.max(line.start + 1) + 200,
        "anchor kept near the top"
    );
    assert!(app.doc.lines[app.doc.top].start <= anchor);
    app.apply(Action::Resize {
        width: 200,
        height: 60,
    });
    assert!(app.doc.lines[app.doc.top].start <= anchor);
    for (w, h) in [(1, 1), (2, 2), (12, 4), (500, 200), (20, 5), (64, 10)] {
        app.apply(Action::Resize {
            width: w,
            height: h,
        });
        let _ = screen(&app);
    }
}

/// Issue 12, item 14: a screen too small to draw in says so in whole words, whatever its
/// size down to 1×1 (at 19×4 the message was cut to `annals: terminal to`).
#[test]
fn tiny_terminal_says_so() {
    let c = seed();
    let app = App::new(&c, 19, 4);
    assert_eq!(screen(&app), "annals: terminal\ntoo small (need\n20×5)\n\n");
    let sayings = [
        "annals: terminal too small (need 20×5)",
        "terminal too small (need 20×5)",
        "too small (need 20×5)",
        "too small",
        "20×5",
        "…",
    ];
    for w in 1..=40 {
        for h in 1..=5 {
            if w >= 20 && h >= 5 {
                continue;
            }
            let app = App::new(&c, w, h);
            let s = screen(&app);
            let words: Vec<&str> = s.split_whitespace().collect();
            assert!(sayings.contains(&words.join(" ").as_str()), "{w}×{h}:\n{s}");
            assert!(
                s.lines()
                    .all(|l| annals::layout::str_width(l) <= usize::from(w))
            );
        }
    }
}

#[test]
fn volumes_fold_and_unfold() {
    let c = book();
    let mut app = App::new(&c, 100, 30);
    let before = app.visible.len();
    press(&mut app, "h");
    assert!(matches!(app.rows[app.selected].kind, RowKind::Volume(0)));
    assert!(app.visible.len() < before);
    press(&mut app, "l");
    assert_eq!(app.visible.len(), before);
    press(&mut app, "\n");
    assert!(app.visible.len() < before);
    // Jumping into a folded volume unfolds it.
    press(&mut app, ":917\n");
    assert_eq!(app.visible.len(), before);
}

#[test]
fn text_never_reaches_the_screen_raw() {
    let text =
        "乾統元年。春正月\u{1b}]0;pwned\u{7}朔，\u{1b}[2J日食\u{9b}\u{202e}反。\n".to_owned();
    let c = Chronicle::parse(text);
    let app = App::new(&c, 80, 10);
    let s = screen(&app);
    assert!(
        !s.contains('\u{1b}')
            && !s.contains('\u{7}')
            && !s.contains('\u{9b}')
            && !s.contains('\u{202e}')
    );
    assert!(
        s.contains('␛') && s.contains('␇') && s.contains('\u{fffd}'),
        "{s}"
    );
}

/// A zero-width joiner written raw joined `葛‍氏` into one cell in some terminals and left a
/// stale `，` after it; selectors and other default-ignorable characters are no safer. No
/// cell holds one, in the text or in the concordance, and the cells read as the text does.
#[test]
fn hidden_characters_never_reach_the_screen() {
    let text = "乾統元年。春正月，天下大悅，群臣皆拜，帝曰：善。\n\
                乾統二年。夏，葛\u{200d}氏來朝，群臣皆拜。葛\u{E0100}氏、葛\u{200b}氏、\
                葛\u{ad}氏、葛\u{3164}氏、葛\u{fe00}氏、葛\u{2060}氏。\n"
        .to_owned();
    let c = Chronicle::parse(text);
    let no_hidden_cell = |app: &App<'_>| {
        let (w, h) = app.size;
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| ui::draw(f, app, &Theme::mono())).unwrap();
        let buf = t.backend().buffer().clone();
        for y in 0..h {
            for x in 0..w {
                let sym = buf[(x, y)].symbol();
                assert!(
                    !sym.chars().any(annals::layout::is_hidden),
                    "{sym:?} at {x},{y}"
                );
            }
        }
    };
    for (w, h) in [(70, 8), (64, 12), (100, 30)] {
        let mut app = App::new(&c, w, h);
        press(&mut app, "j");
        no_hidden_cell(&app);
        let s = screen(&app);
        assert!(s.contains("葛氏來朝"), "{s}");
        press(&mut app, "/葛氏\nc");
        no_hidden_cell(&app);
        let s = screen(&app);
        assert!(s.contains("葛氏"), "{s}");
    }
}

#[test]
fn an_entry_shows_the_notes_its_markers_point_to() {
    let c = book();
    let mut app = App::new(&c, 100, 30);
    press(&mut app, ":917\n");
    let first = screen(&app);
    assert!(first.contains("丁丑神册二年 · 917"), "{first}");
    assert!(
        !first.contains("校勘记"),
        "the notes come after the text:\n{first}"
    );
    // Page to the end of the entry: its notes follow, and only its own.
    press(&mut app, "\t");
    let mut s = screen(&app);
    for _ in 0..80 {
        if s.contains("[一○]幽州北七百里有渝关") {
            break;
        }
        press(&mut app, "j");
        s = screen(&app);
    }
    assert!(s.contains("校勘记"), "{s}");
    assert!(s.contains("[一○]幽州北七百里有渝关"), "{s}");
    assert!(s.contains("丁丑神册二年 · 917"), "still on 917:\n{s}");
    assert!(!s.contains("[四]"), "{s}");
}

/// The terminal can change size between the last resize event and a draw (a resize
/// storm): drawing the app into a frame of another size must not panic.
#[test]
fn a_frame_of_another_size_is_not_drawn_into() {
    let c = book();
    let theme = Theme::mono();
    for (app_size, frame_size) in [
        ((100, 30), (20, 5)),
        ((20, 5), (100, 30)),
        ((120, 40), (1, 1)),
    ] {
        let mut app = App::new(&c, app_size.0, app_size.1);
        press(&mut app, ":917\n/契丹\n");
        let mut t = Terminal::new(TestBackend::new(frame_size.0, frame_size.1)).unwrap();
        t.draw(|f| ui::draw(f, &app, &theme)).unwrap();
        // Once the app hears of the size, it draws as usual.
        app.apply(Action::Resize {
            width: frame_size.0,
            height: frame_size.1,
        });
        t.draw(|f| ui::draw(f, &app, &theme)).unwrap();
    }
}

/// Clicks and wheel turns anywhere — outside the areas, past the screen, on a terminal
/// too small to draw — are taken or ignored, never a panic.
#[test]
fn the_mouse_anywhere_is_safe() {
    let c = book();
    let theme = Theme::mono();
    for (w, h) in [(100, 30), (40, 12), (12, 4), (2, 2), (1, 1)] {
        let mut app = App::new(&c, w, h);
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        for x in [0, 1, w / 2, w.saturating_sub(1), w, w + 7, u16::MAX] {
            for y in [0, 1, h / 2, h.saturating_sub(1), h, u16::MAX] {
                app.apply(Action::Click { column: x, row: y });
                app.apply(Action::WheelDown { column: x, row: y });
                app.apply(Action::WheelUp { column: x, row: y });
                t.draw(|f| ui::draw(f, &app, &theme)).unwrap();
            }
        }
    }
}

/// Every key, in a long deterministic jumble (prompts opened and typed into, focus
/// switched, groups folded), at sizes from roomy to too small and resized on the way:
/// never a panic.
#[test]
fn a_key_storm_at_every_size_is_safe() {
    // The whole 契丹國志, and a book of several regimes (dynasty rows).
    for c in [book(), Chronicle::parse(TWO_REGIMES.to_owned())] {
        key_storm(&c);
    }
}

fn key_storm(c: &Chronicle) {
    let theme = Theme::mono();
    let keys: Vec<KeyCode> = "jkgG][}{ bdu\t/:nN?qzZc5天慶遼年1\u{8}Di<>-hl\n"
        .chars()
        .map(|c| match c {
            '\t' => KeyCode::Tab,
            '\u{8}' => KeyCode::Backspace,
            c => KeyCode::Char(c),
        })
        .chain([
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Left,
            KeyCode::Right,
        ])
        .collect();
    let sizes = [(120, 40), (40, 12), (20, 6), (12, 4), (3, 2), (1, 1)];
    for (w, h) in sizes {
        let mut app = App::new(c, w, h);
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        let mut seed: u32 = 12345;
        for n in 0..1500 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            if n % 100 == 99 {
                // Now and then the window changes size mid-storm.
                let (w, h) = sizes[(seed >> 8) as usize % sizes.len()];
                app.apply(Action::Resize {
                    width: w,
                    height: h,
                });
                t = Terminal::new(TestBackend::new(w, h)).unwrap();
            }
            let code = keys[(seed >> 16) as usize % keys.len()];
            key(&mut app, code, KeyModifiers::NONE);
            // Quitting (q, Esc) only sets a flag; the storm goes on regardless.
            app.quit = false;
            t.draw(|f| ui::draw(f, &app, &theme)).unwrap();
        }
    }
}

#[test]
fn jumping_to_a_year_named_only_by_a_dated_passage_goes_there() {
    let c = book();
    let mut app = App::new(&c, 100, 30);
    press(&mut app, ":1180\n");
    let s = screen(&app);
    assert!(s.contains("淳熙七年 (1180): a dated passage"), "{s}");
    assert!(s.contains("淳熙七年三月日，秘书丞臣叶隆礼上表"), "{s}");
    // A year that is named nowhere still says so.
    press(&mut app, ":1300\n");
    assert!(
        screen(&app).contains("no entry for 1300"),
        "{}",
        screen(&app)
    );
}

/// A long title gives way in the status line: the counters and the message stay whole.
#[test]
fn the_status_line_keeps_its_counters() {
    let c = seed();
    for w in [64, 80, 100] {
        let mut app = App::new(&c, w, 24);
        press(&mut app, "/女真\nnn");
        let s = screen(&app);
        let status = s.lines().last().unwrap();
        assert!(status.contains("hit 3/65"), "{w}: {status}");
        assert!(status.contains("天慶四年 (1114)"), "{w}: {status}");
        assert!(annals::layout::str_width(status) <= usize::from(w));
    }
}

/// Issue 12, item 12: resizing keeps the reading place. At the start, in the middle and at
/// the end of a long year, a trip through other sizes (tiny ones included) and back
/// returns the screen exactly as it was; on the way, the top line holds the first
/// character that was visible, and a year read to its end stays at its end.
#[test]
fn a_round_trip_of_sizes_returns_to_the_same_line() {
    let c = seed();
    let trips = [
        (120, 40),
        (80, 24),
        (200, 60),
        (63, 20),
        (20, 5),
        (12, 4),
        (1, 1),
        (100, 30),
    ];
    for (w, h) in [(80, 24), (100, 30), (120, 40), (40, 12)] {
        for year in ["1115", "1116"] {
            for place in ["start", "middle", "end"] {
                let mut app = App::new(&c, w, h);
                press(&mut app, &format!(":{year}\n\t"));
                let steps = match place {
                    "start" => 0,
                    "middle" => app.doc.lines.len() / 2 - usize::from(app.areas.text.height) / 2,
                    _ => app.doc.lines.len(),
                };
                for _ in 0..steps {
                    press(&mut app, "j");
                }
                let before = screen(&app);
                let first = app.doc.lines[app.doc.top].start;
                let at_end = place == "end";
                assert_eq!(
                    at_end,
                    app.scroll_percent() == 100,
                    "{w}×{h} {year} {place}"
                );
                for (tw, th) in trips {
                    app.apply(Action::Resize {
                        width: tw,
                        height: th,
                    });
                    let _ = screen(&app);
                    let what = format!("{w}×{h} {year} {place} via {tw}×{th}");
                    if app.areas.detail.is_some() {
                        let top = &app.doc.lines[app.doc.top];
                        if at_end {
                            assert_eq!(app.scroll_percent(), 100, "{what}");
                            assert_eq!(
                                app.doc.top,
                                app.doc
                                    .lines
                                    .len()
                                    .saturating_sub(app.areas.text.height.into()),
                                "{what}"
                            );
                        } else if app.doc.top
                            < app
                                .doc
                                .lines
                                .len()
                                .saturating_sub(app.areas.text.height.into())
                        {
                            let next = app
                                .doc
                                .lines
                                .get(app.doc.top + 1)
                                .map_or(usize::MAX, |l| l.start);
                            // A blank line at the top stands before the paragraph it
                            // opens.
                            let holds = top.start <= first && first < next.max(top.start + 1);
                            assert!(holds || (top.is_gap() && top.start == first), "{what}");
                        }
                    }
                    app.apply(Action::Resize {
                        width: w,
                        height: h,
                    });
                    assert_eq!(screen(&app), before, "{what}");
                }
            }
        }
    }
}

/// Issue 12, item 14: every message in the status line goes with the next input — a key
/// (bound or not), a click, a turn of the wheel — while a resize keeps it.
#[test]
fn the_next_input_clears_the_message() {
    let c = seed();
    let status = |app: &App<'_>| screen(app).lines().last().unwrap().to_owned();
    type Input = fn(&mut App<'_>);
    let inputs: [(&str, Input); 5] = [
        // The timeline's row 5 is 乾統五年.
        ("a click on a year", |app| {
            app.apply(Action::Click { column: 3, row: 5 })
        }),
        ("a click in the text", |app| {
            app.apply(Action::Click { column: 40, row: 5 })
        }),
        ("the wheel", |app| {
            app.apply(Action::WheelDown { column: 40, row: 5 })
        }),
        ("the wheel up", |app| {
            app.apply(Action::WheelUp { column: 3, row: 5 })
        }),
        ("a key bound to nothing", |app| press(app, "x")),
    ];
    for (what, input) in inputs {
        let mut app = App::new(&c, 100, 30);
        press(&mut app, ":1115\n");
        assert!(status(&app).contains("天慶五年 (1115)"), "{}", status(&app));
        app.apply(Action::Resize {
            width: 90,
            height: 30,
        });
        assert!(
            status(&app).contains("天慶五年 (1115)"),
            "a resize keeps it"
        );
        input(&mut app);
        assert_eq!(app.message, None, "{what}");
        assert!(!status(&app).contains("(1115)"), "{what}: {}", status(&app));
    }
    // An error too, and the Enter that closes a prompt.
    let mut app = App::new(&c, 100, 30);
    press(&mut app, ":1300\n");
    assert!(app.message.as_ref().is_some_and(|m| m.error));
    app.apply(Action::Click { column: 3, row: 5 });
    assert_eq!(app.message, None);
    press(&mut app, "/阿骨打\n");
    assert!(app.message.is_some());
    press(&mut app, "/\n");
    assert_eq!(app.message, None, "an empty search says nothing");
}

/// Issue 12, item 14: the `:` prompt shows its example only while empty, and says it is
/// one; while typing it shows where Enter goes (worked out as the input changes).
#[test]
fn the_jump_prompt_previews_its_input() {
    let c = seed();
    let mut app = App::new(&c, 100, 30);
    let prompt = |app: &App<'_>| screen(app).lines().last().unwrap().to_owned();
    press(&mut app, ":");
    // The examples come from the open book (its current year).
    assert_eq!(prompt(&app), ":  e.g. 1101 · 乾統元年 · 乾統1 · 1101-01-31");
    for (typed, shown) in [
        ("1", ":1  → 乾統元年 (1101)"),
        ("1", ":11  no such year"),
        ("1", ":111  no such year"),
        ("5", ":1115  → 天慶五年 (1115)"),
        ("\u{8}", ":111  no such year"),
    ] {
        press(&mut app, typed);
        assert_eq!(prompt(&app), shown);
    }
    let Mode::Jump { preview, .. } = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(*preview, JumpPreview::Nothing("no such year".into()));
    key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert!(prompt(&app).contains("e.g. 1101"), "empty again");
    for (typed, shown) in [
        ("天", ":天  not a year"),
        ("慶", ":天慶  not a year"),
        ("五", ":天慶五  → 天慶五年 (1115)"),
    ] {
        press(&mut app, typed);
        assert_eq!(prompt(&app), shown);
    }
    press(&mut app, "\n");
    assert_eq!(app.rows[app.selected].label, "天慶五年");
    // A year written twice, a year named only by a dated passage, a 干支 of several years.
    let b = book();
    let mut app = App::new(&b, 100, 30);
    for (typed, shown) in [
        ("926", "→ 丙戌天赞六年 (926), 2 entries"),
        ("1180", "→ 淳熙七年 (1180): a dated passage"),
        ("1300", "no such year"),
        ("丙戌", "→ 4 years"),
        ("天X五年", "unknown era 天X"),
    ] {
        press(&mut app, &format!(":{typed}"));
        assert_eq!(prompt(&app), format!(":{typed}  {shown}"));
        press(&mut app, "\u{1b}");
    }
}

/// Issue 12, item 14: below 64 columns one pane shows at a time, and the status line says
/// which key shows the other, at every width down to the smallest drawn.
#[test]
fn a_narrow_screen_names_the_key_to_the_other_pane() {
    let c = book();
    for w in 20..64 {
        for h in [5, 12, 30] {
            let mut app = App::new(&c, w, h);
            let status = |app: &App<'_>| screen(app).lines().last().unwrap().to_owned();
            assert!(
                status(&app).contains("Tab text"),
                "{w}×{h}: {}",
                status(&app)
            );
            press(&mut app, "\t");
            assert!(
                status(&app).contains("Tab years"),
                "{w}×{h}: {}",
                status(&app)
            );
            press(&mut app, "/契丹\nj");
            assert!(
                status(&app).contains("Tab years"),
                "{w}×{h}: {}",
                status(&app)
            );
        }
    }
    // Side by side, no pane is hidden: no such hint.
    let mut app = App::new(&c, 64, 20);
    assert!(!screen(&app).contains("Tab "));
    press(&mut app, "\t");
    assert!(!screen(&app).contains("Tab "));
}

/// Issue 12, item 14: the help never cuts a description (below 64 columns it showed
/// `next year (or line, when the text has`): at every width each one is on screen whole,
/// wrapped over lines, and scrolling reaches the end.
#[test]
fn the_help_never_cuts_a_description() {
    let c = seed();
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    for w in 20..=100 {
        let mut app = App::new(&c, w, 400);
        press(&mut app, "?");
        let s = screen(&app);
        let inside: String = s
            .lines()
            .filter_map(|l| {
                let (_, rest) = l.split_once('│')?;
                let (mid, _) = rest.rsplit_once('│')?;
                Some(squeeze(mid))
            })
            .collect();
        for b in annals::tui::keymap::KEYMAP {
            assert!(inside.contains(&squeeze(b.help)), "{w}: {:?}\n{s}", b.help);
        }
        // A resize lays it out again.
        app.apply(Action::Resize {
            width: 100,
            height: 200,
        });
        assert!(screen(&app).contains("next year (or line, when the text has focus)"));
    }
    let mut app = App::new(&c, 40, 12);
    press(&mut app, "?");
    press(&mut app, &"j".repeat(200));
    let s = screen(&app);
    assert!(s.contains("folded"), "{s}");
}

/// Issue 12, item 14: in the concordance the keyword column is one column in every row,
/// by display width — rows whose context before the hit has an odd width (`矣!」天祚`)
/// included — and the CE years are whole (`前201`, not `前20`) and end in one column.
#[test]
fn the_concordance_keeps_its_keyword_column() {
    use ratatui::style::{Color, Modifier};
    let qianhanji = Chronicle::parse(
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/kanripo/qianhanji.txt"
        ))
        .unwrap(),
    );
    let seed = seed();
    for (c, query, ce) in [(&seed, "天祚", "1105"), (&qianhanji, "匈奴", "前201")] {
        for w in [60u16, 61, 79, 80, 81, 99, 100, 120, 121] {
            let mut app = App::new(c, w, 30);
            press(&mut app, &format!("/{query}\nc"));
            let mut t = Terminal::new(TestBackend::new(w, 30)).unwrap();
            let theme = Theme::color();
            t.draw(|f| ui::draw(f, &app, &theme)).unwrap();
            let buf = t.backend().buffer().clone();
            let s = screen(&app);
            let inner = app.list_inner();
            let box_rows = inner.y..inner.y + inner.height;
            // The first cell of the current-hit style in each row of the box.
            let columns: Vec<u16> = box_rows
                .clone()
                .filter_map(|y| (0..w).find(|&x| buf[(x, y)].bg == Color::LightRed))
                .collect();
            assert!(columns.len() > 10, "{w}: {s}");
            assert!(
                columns.iter().all(|&x| x == columns[0]),
                "{query} at {w}: keyword columns {columns:?}\n{s}"
            );
            // The CE years (dim digits) are whole and end in one column.
            let years: Vec<(u16, String)> = box_rows
                .filter_map(|y| {
                    let dim: Vec<u16> = (inner.x..inner.x + inner.width)
                        .filter(|&x| buf[(x, y)].modifier.contains(Modifier::DIM))
                        .collect();
                    let year: String = dim.iter().map(|&x| buf[(x, y)].symbol()).collect();
                    Some((*dim.last()?, year))
                })
                .collect();
            assert!(years.len() > 10, "{w}: {s}");
            assert!(
                years.iter().any(|(_, y)| y.trim() == ce),
                "{query} at {w}: no {ce} in {years:?}\n{s}"
            );
            assert!(
                years.iter().all(|(x, _)| *x == years[0].0),
                "{query} at {w}: CE years end at {years:?}\n{s}"
            );
        }
    }
}

/// Issue 12, item 14: the timeline's CE years, 前1234? included, never touch its `│`
/// separator (`前401│`), and are never cut.
#[test]
fn timeline_years_keep_off_the_separator() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/kanripo/qianhanji.txt"
    ))
    .unwrap();
    let c = Chronicle::parse(text);
    for w in [64u16, 70, 80, 99, 100, 120] {
        let mut app = App::new(&c, w, 30);
        for _ in 0..3 {
            let s = screen(&app);
            let sep = app.areas.timeline.unwrap().width as usize - 1;
            for (y, line) in s.lines().take(29).enumerate() {
                let cells: Vec<String> = {
                    // The row's cells, a wide character counted in both of its columns.
                    let mut v = Vec::new();
                    for ch in line.chars() {
                        v.push(ch.to_string());
                        if annals::layout::str_width(&ch.to_string()) == 2 {
                            v.push(String::new());
                        }
                    }
                    v
                };
                assert_eq!(
                    cells.get(sep).map(String::as_str),
                    Some("│"),
                    "{w} row {y}: {line}"
                );
                assert_eq!(
                    cells[sep - 1],
                    " ",
                    "{w} row {y} touches the separator: {line}"
                );
            }
            for r in app.visible.iter().skip(app.timeline_top).take(29) {
                if let RowKind::Entry(e) = app.rows[*r].kind {
                    if let Some(ce) = c.entries[e].ce {
                        let year = annals::model::query::ce_label(ce);
                        assert!(s.contains(&year), "{w}: {year} cut\n{s}");
                    }
                }
            }
            press(&mut app, &"j".repeat(25));
        }
    }
}

/// Issue 12, item 14: headings and labels are cut only when they do not fit, and a cut
/// ends with `…` (they were cut bare: `… · 卷十 天祚`, and `序 契丹国志 宋 叶隆` with room to
/// spare).
#[test]
fn cut_text_ends_with_an_ellipsis() {
    let c = book();
    let shown_as = |shown: &str, full: &str, what: &str| {
        let cut = shown.strip_suffix('…').map(str::trim_end);
        assert!(
            shown == full || cut.is_some_and(|cut| full.starts_with(cut)),
            "{what}: {shown:?} for {full:?}"
        );
    };
    for w in [64u16, 70, 80, 100, 120] {
        let mut app = App::new(&c, w, 30);
        for keys in ["g", "k", ":1115\n"] {
            press(&mut app, keys);
            let s = screen(&app);
            let lines: Vec<&str> = s.lines().collect();
            for (y, &r) in app
                .visible
                .iter()
                .skip(app.timeline_top)
                .take(29)
                .enumerate()
            {
                let label = &app.rows[r].label;
                let left = lines[y].split('│').next().unwrap();
                let left = left
                    .trim_start()
                    .trim_start_matches(['▾', '▸'])
                    .trim_start();
                // What follows the label: two blanks and the year, or nothing.
                let shown = match left.find('…') {
                    Some(i) => &left[..i + '…'.len_utf8()],
                    None => &left[..label.len().min(left.len())],
                };
                shown_as(shown, label, &format!("{w} timeline row {y}"));
            }
            let RowKind::Entry(i) = app.rows[app.selected].kind else {
                continue;
            };
            let e = &c.entries[i];
            let mut heading = annals::view::heading_line(&c, e);
            if let Some(v) = e.volume {
                heading.push_str(&format!(" · {}", c.volumes[v].display_name()));
            }
            let shown = lines[0].split_once('│').unwrap().1.trim();
            shown_as(shown, &heading, &format!("{w} heading"));
        }
    }
    // With room to spare, the preface's label is whole.
    let mut app = App::new(&c, 100, 30);
    press(&mut app, "gk");
    assert!(
        screen(&app).contains("序 契丹国志 宋 叶隆礼  撰"),
        "{}",
        screen(&app)
    );
}

/// The status line (the last screen line).
fn status(app: &App<'_>) -> String {
    screen(app).lines().last().unwrap_or("").to_owned()
}

/// Issue 13: the status line shows the date of the mark at the reading place, in full
/// where there is room; `:` takes a day.
#[test]
fn snapshot_the_date_in_the_status_line() {
    let c = seed();
    let mut app = App::new(&c, 100, 30);
    press(&mut app, ":1118-05-22\n");
    assert_eq!(app.rows[app.selected].label, "天慶八年");
    insta::assert_snapshot!("dates_status_100x30_jump", screen(&app));
    // The next key takes the message away; the date stays, and gives way on a narrow line.
    press(&mut app, "x");
    insta::assert_snapshot!("dates_status_100x30", screen(&app));
    for (w, want) in [
        (120, "五月壬午朔 = 1118-05-22 (Julian)"),
        (80, "五月壬午朔 = 1118-05-22 (Julian)"),
        (64, "五月壬午朔 = 1118-05-22"),
        (40, "1118-05-22"),
    ] {
        app.apply(Action::Resize {
            width: w,
            height: 24,
        });
        let s = status(&app);
        assert!(s.contains(want), "{w}: {s}");
        assert!(annals::layout::str_width(&s) <= usize::from(w), "{w}: {s}");
    }
}

/// Issue 13: `D` shows each mark's date after it, dimmed, laid out with the text; the
/// help says so.
#[test]
fn snapshot_dates_after_marks() {
    let c = seed();
    let mut app = App::new(&c, 100, 30);
    press(&mut app, ":1118\nDx");
    let s = screen(&app);
    assert!(s.contains("五月壬午朔〔1118-05-22〕，日有食之。"), "{s}");
    assert!(s.contains("春正月〔1118-01-24–02-21〕"), "{s}");
    insta::assert_snapshot!("dates_inline_100x30", s);
    // The dates are dim, the mark is not.
    let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
    t.draw(|f| ui::draw(f, &app, &Theme::color())).unwrap();
    let buf = t.backend().buffer().clone();
    let (x, y) = find_cell(&buf, "〔");
    assert!(buf[(x, y)].modifier.contains(ratatui::style::Modifier::DIM));
    assert!(
        !buf[(x - 2, y)]
            .modifier
            .contains(ratatui::style::Modifier::DIM)
    );
    // Narrow: the text pane alone, dates that fit.
    let mut app = App::new(&c, 40, 12);
    press(&mut app, ":1118\n\tD");
    for _ in 0..60 {
        if screen(&app).contains("五月壬午朔〔1118-05-22〕") {
            break;
        }
        press(&mut app, "j");
    }
    insta::assert_snapshot!("dates_inline_40x12", screen(&app));
    let help = annals::tui::app::help_lines();
    assert!(
        help.iter()
            .any(|(k, t)| k == "D" && t == "dates after marks, on/off: 五月壬午朔〔1118-05-22〕"),
        "{help:?}"
    );
}

/// The first cell whose symbol is `sym`.
fn find_cell(buf: &ratatui::buffer::Buffer, sym: &str) -> (u16, u16) {
    let a = buf.area;
    for y in 0..a.height {
        for x in 0..a.width {
            if buf[(x, y)].symbol() == sym {
                return (x, y);
            }
        }
    }
    panic!("no {sym}");
}

/// Issue 13, a first user's fault: the year's provenance (`i`) was cut at 100 columns and
/// below (`永元三年 = 91, by era in f`). It is wrapped in a box, whole, at every width,
/// and Esc closes the box without quitting.
#[test]
fn the_year_info_is_wrapped_never_cut() {
    let c = book();
    for w in (20..=130).step_by(7) {
        let mut app = App::new(&c, w, 40);
        press(&mut app, ":926\n\n");
        let RowKind::Entry(i) = app.rows[app.selected].kind else {
            panic!()
        };
        let text = annals::view::provenance(&c, &c.entries[i]);
        press(&mut app, "i");
        let popup = app.popup.clone().expect("a box");
        let inner = annals::tui::app::popup_inner_width(w);
        for l in &popup.lines {
            assert!(annals::layout::str_width(l) <= inner, "{w}: {l}");
        }
        let s = screen(&app);
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        let shown: String = s
            .lines()
            .filter_map(|l| l.strip_prefix('│')?.strip_suffix('│'))
            .collect();
        assert!(squeeze(&shown).contains(&squeeze(&text)), "{w}:\n{s}");
        // Latin words are never broken across lines.
        for word in text
            .split_whitespace()
            .map(|t| t.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
        {
            if word.len() > 1
                && word.len() < inner
                && word.bytes().all(|b| b.is_ascii_alphanumeric())
            {
                assert!(
                    popup.lines.iter().any(|l| l.contains(word)),
                    "{w}: {word} in {:?}",
                    popup.lines
                );
            }
        }
        press(&mut app, "\u{1b}");
        assert!(app.popup.is_none() && !app.quit, "{w}");
    }
}

/// Issue 13, a first user's fault: the search's message was cut inside a word
/// (`c concordan`). On a narrow line the hints give way first; a cut ends with `…`.
#[test]
fn the_search_message_gives_way_in_whole_words() {
    let c = seed();
    let forms = [
        "19 hits in 6 sections — n/N next/previous, c concordance",
        "19 hits in 6 sections — n/N, c concordance",
        "19 hits in 6 sections — n/N",
        "19 hits in 6 sections",
        "19 hits",
    ];
    for w in 20..=130 {
        let mut app = App::new(&c, w, 24);
        press(&mut app, "/阿骨打\n");
        let s = status(&app);
        assert!(annals::layout::str_width(&s) <= usize::from(w), "{w}: {s}");
        let whole = forms.iter().find(|f| s.ends_with(*f));
        assert!(whole.is_some() || s.ends_with('…'), "{w}: {s}");
        if w >= 100 {
            assert!(s.contains("c concordance"), "{w}: {s}");
        }
        if w >= 64 {
            assert!(s.contains(forms[3]), "{w}: {s}");
        }
    }
}

/// Issue 13, a first user's fault: `j` said "next year" but stopped on every 卷 heading.
/// It goes by years (and the other sections: 序, 校勘記, a volume without years); `>` and
/// `<` go to the volume headings; folded, a volume is one row and a stop.
#[test]
fn j_and_k_go_by_years_and_angle_brackets_by_volumes() {
    let c = book();
    let mut app = App::new(&c, 100, 30);
    let mut entries = Vec::new();
    press(&mut app, "g");
    loop {
        let r = &app.rows[app.selected];
        match r.kind {
            RowKind::Entry(i) => entries.push(i),
            RowKind::Volume(v) => {
                assert!(c.volumes[v].entries.is_empty(), "j stopped on {}", r.label)
            }
            _ => {}
        }
        let before = app.selected;
        press(&mut app, "j");
        if app.selected == before {
            break;
        }
    }
    assert_eq!(entries, (0..c.entries.len()).collect::<Vec<_>>());
    // And back with k, to the first year.
    for _ in 0..app.rows.len() {
        press(&mut app, "k");
        assert!(
            !matches!(app.rows[app.selected].kind, RowKind::Volume(v) if !c.volumes[v].entries.is_empty()),
            "{}",
            app.rows[app.selected].label
        );
    }
    // The volume headings by their own keys.
    press(&mut app, ":917\n>");
    assert!(matches!(app.rows[app.selected].kind, RowKind::Volume(1)));
    press(&mut app, "<<");
    assert!(matches!(app.rows[app.selected].kind, RowKind::Volume(0)));
    // All folded: j goes from volume to volume.
    press(&mut app, "z");
    press(&mut app, "j");
    assert!(matches!(app.rows[app.selected].kind, RowKind::Volume(1)));
    // The help says what the keys do.
    let help: Vec<String> = annals::tui::app::help_lines()
        .into_iter()
        .map(|(k, t)| format!("{k} {t}"))
        .collect();
    assert!(
        help.iter()
            .any(|l| l == "j ↓ next year (or line, when the text has focus)")
    );
    assert!(help.iter().any(|l| l == "> next volume (卷) heading"));
}

/// Issue 13, a first user's fault: the percentage (100% at the first of 30 years) is how
/// far through the book the page is, and says so.
#[test]
fn the_percentage_is_of_the_book() {
    let c = seed();
    let mut app = App::new(&c, 100, 30);
    assert!(status(&app).contains("│ 1% of book"), "{}", status(&app));
    let mut last = 0;
    for _ in 0..c.entries.len() {
        let p = app.book_percent();
        assert!(p >= last, "{p} after {last}");
        last = p;
        press(&mut app, "J");
    }
    press(&mut app, &" ".repeat(30));
    assert_eq!(app.book_percent(), 100);
    assert!(status(&app).contains("100% of book"), "{}", status(&app));
}

/// Issue 13, a first user's fault: the empty `:` prompt showed the embedded book's
/// examples whatever book was open. They come from the open book's current year.
#[test]
fn the_jump_prompt_shows_examples_from_the_open_book() {
    let c = seed();
    let mut app = App::new(&c, 120, 30);
    press(&mut app, ":1115\n:");
    assert_eq!(status(&app), ":  e.g. 1115 · 天慶五年 · 天慶5 · 1115-07-23");
    let q = Chronicle::parse(
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/kanripo/qianhanji.txt"
        ))
        .unwrap(),
    );
    let mut app = App::new(&q, 120, 30);
    press(&mut app, ":");
    let s = status(&app);
    let e = &q.entries[app
        .rows
        .iter()
        .find_map(|r| match r.kind {
            RowKind::Entry(i) => Some(i),
            _ => None,
        })
        .unwrap()];
    let ce = annals::model::query::ce_label(e.ce.unwrap());
    assert!(
        s.starts_with(&format!(":  e.g. {ce} · {}", q.full_label(e))),
        "{s}"
    );
    assert!(!s.contains("天慶"), "{s}");
    // What it shows, it finds.
    let example = s
        .trim_start_matches(":  e.g. ")
        .split(" · ")
        .nth(1)
        .unwrap()
        .to_owned();
    press(&mut app, &format!("{example}\n"));
    assert_eq!(app.rows[app.selected].label, q.full_label(e));
}

/// Issue 13, a first user's fault: the reader reopened at the saved place without saying
/// so. The first frame says where, and how to go to the start.
#[test]
fn a_restored_position_is_announced() {
    let c = seed();
    let mut app = App::new(&c, 100, 30);
    app.apply(Action::GoToSource(c.entries[13].span.start));
    assert_eq!(app.rows[app.selected].label, "天慶四年");
    assert!(
        status(&app).contains("reopened at 天慶四年 (1114) — g for the start"),
        "{}",
        status(&app)
    );
    press(&mut app, "g");
    assert_eq!(app.rows[app.selected].label, "乾統元年");
    // Where the reader opens anyway, nothing to say.
    let mut app = App::new(&c, 100, 30);
    app.apply(Action::GoToSource(c.entries[0].span.start));
    assert_eq!(app.message, None);
}

/// Issue 13, a first user's fault: a text with no year headings showed its 序 and 卷 rows
/// and nothing else. The heading and the status line say no years were found, and what
/// to run.
#[test]
fn a_text_without_years_says_so() {
    let c =
        Chronicle::parse("序\n這是一段沒有年份的文字。\n卷一\n又一段文字，沒有紀年。\n".to_owned());
    assert!(c.entries.is_empty());
    for (w, h) in [(100, 12), (80, 10), (40, 10)] {
        let mut app = App::new(&c, w, h);
        if w < 64 {
            press(&mut app, "\t");
        }
        let s = screen(&app);
        let first = s.lines().next().unwrap();
        assert!(first.contains("no year headings found"), "{w}: {s}");
        if w >= 80 {
            assert!(first.contains("annals check FILE"), "{w}: {s}");
            assert!(
                status(&app).contains("no year headings found: try annals check FILE"),
                "{w}: {s}"
            );
        }
    }
}

/// A book of two regimes: 唐 (中宗, 睿宗), 武周 in the middle of a 卷, 唐 again from the
/// first year of the next 卷.
const TWO_REGIMES: &str = "則天皇后本紀\n卷四 則天皇后\n嗣聖元年。春正月，中宗即位。二月，廢為廬陵王。\n垂拱元年。春正月，大赦。\n天授元年。秋九月，改國號周。\n長壽元年。夏四月，大赦。\n卷五 中宗\n神龍二年。春正月，還京師。\n景龍元年。秋七月，太子重俊起兵。\n";

/// The visible timeline rows' labels, a dynasty row marked `#`.
fn timeline(app: &App<'_>) -> Vec<String> {
    app.visible
        .iter()
        .map(|&r| {
            let row = &app.rows[r];
            match row.kind {
                RowKind::Dynasty(_) => format!("# {}", row.label),
                _ => row.label.clone(),
            }
        })
        .collect()
}

/// Issue 11, §5: where the regime of the years changes, the timeline shows a dynasty row
/// (before the 卷 heading when the run begins with the 卷's first year); each folds like
/// a volume (h, l, Enter), Z folds them all, and j goes from dynasty to dynasty when they
/// are folded. A dynasty row's text pane lists its rulers; the status line gives its
/// years, and on a year its regime and ruler.
#[test]
fn the_timeline_groups_years_by_dynasty() {
    let c = Chronicle::parse(TWO_REGIMES.to_owned());
    let mut app = App::new(&c, 100, 30);
    assert_eq!(
        timeline(&app),
        [
            "序",
            "# 唐",
            "卷四",
            "嗣聖元年",
            "垂拱元年",
            "⋯ 4 years",
            "# 武周",
            "天授元年",
            "⋯ 1 year",
            "長壽元年",
            "⋯ 13 years",
            "# 唐",
            "卷五",
            "神龍二年",
            "景龍元年"
        ]
    );
    insta::assert_snapshot!("dynasties_100x30", screen(&app));
    // On a year: its regime and ruler.
    press(&mut app, ":天授元年\n");
    assert!(status(&app).contains("│ 690 │"), "{}", status(&app));
    press(&mut app, "x");
    assert!(
        status(&app).contains("│ 武周 則天皇后 │"),
        "{}",
        status(&app)
    );
    // h in a volume folds the volume; again h, on the folded heading, its dynasty.
    press(&mut app, ":垂拱元年\nh");
    assert_eq!(app.rows[app.selected].label, "卷四");
    press(&mut app, "h");
    assert_eq!(timeline(&app)[..4], ["序", "# 唐", "# 武周", "天授元年"]);
    assert!(matches!(app.rows[app.selected].kind, RowKind::Dynasty(0)));
    // A dynasty row: its years in the status line, its rulers in the text pane.
    let s = screen(&app);
    assert!(s.contains("唐 · 684–685 · 2 entries"), "{s}");
    assert!(s.contains("中宗 · 684 · 1 entry"), "{s}");
    assert!(s.contains("睿宗 · 685 · 1 entry"), "{s}");
    assert!(
        status(&app).contains(" 唐 │ 684–685 · 2 entries │"),
        "{}",
        status(&app)
    );
    // Enter unfolds it (its volume stays folded); l and h on the row itself.
    press(&mut app, "\n");
    assert_eq!(timeline(&app)[..4], ["序", "# 唐", "卷四", "# 武周"]);
    press(&mut app, "hl");
    assert_eq!(timeline(&app)[..4], ["序", "# 唐", "卷四", "# 武周"]);
    // Z: the whole book as its dynasties; j goes from one to the next; Z again unfolds.
    press(&mut app, "Z");
    assert_eq!(timeline(&app), ["序", "# 唐", "# 武周", "# 唐"]);
    insta::assert_snapshot!("dynasties_folded_100x30", screen(&app));
    press(&mut app, "j");
    assert_eq!(app.rows[app.selected].label, "武周");
    press(&mut app, "j");
    assert!(matches!(app.rows[app.selected].kind, RowKind::Dynasty(2)));
    // Going to a year in a folded dynasty opens it.
    press(&mut app, ":長壽元年\n");
    assert_eq!(app.rows[app.selected].label, "長壽元年");
    assert!(timeline(&app).contains(&"長壽元年".to_owned()));
    press(&mut app, "ZZ");
    assert_eq!(timeline(&app).len(), 15, "{:?}", timeline(&app));
    // Unfolded, j passes over the dynasty rows as over volume headings.
    press(&mut app, ":垂拱元年\nj");
    assert_eq!(app.rows[app.selected].label, "天授元年");
    // The help names the key.
    let help = annals::tui::app::help_lines();
    assert!(
        help.iter()
            .any(|(k, t)| k == "Z" && t == "fold/unfold all dynasties"),
        "{help:?}"
    );
}

/// Issue 11, §5: a book of one regime has no dynasty rows (its timeline is as before),
/// and Z says why.
#[test]
fn a_book_of_one_regime_has_no_dynasty_rows() {
    for c in [seed(), book()] {
        let mut app = App::new(&c, 100, 30);
        assert!(app.dynasties.is_empty());
        assert!(
            !app.rows
                .iter()
                .any(|r| matches!(r.kind, RowKind::Dynasty(_)))
        );
        press(&mut app, "Z");
        assert_eq!(
            app.message.as_ref().map(|m| m.text.as_str()),
            Some("this text's years are of one regime: no dynasty rows")
        );
    }
}

/// Issue 11, §5, on a real 本紀: 新唐書's years are grouped 唐, 武周, 唐 (and on); every
/// dynasty row stands where the regime of the years changes, and its years are all of
/// that regime.
#[test]
fn xin_tangshu_is_grouped_by_dynasty() {
    let c = Chronicle::parse(
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/kanripo/xintangshu-benji.txt"
        ))
        .unwrap(),
    );
    let mut app = App::new(&c, 100, 30);
    let names: Vec<&str> = app.dynasties.iter().map(|d| d.name).collect();
    assert_eq!(names[..3], ["唐", "武周", "唐"], "{names:?}");
    let mut current = None;
    for r in &app.rows {
        match r.kind {
            RowKind::Dynasty(g) => current = Some(app.dynasties[g].name),
            RowKind::Entry(i) => {
                if let Some(g) = c.regime_name(&c.entries[i]) {
                    assert_eq!(Some(g), current, "{}", r.label);
                }
            }
            _ => {}
        }
    }
    press(&mut app, "Z");
    assert_eq!(
        timeline(&app).len(),
        1 + names.len(),
        "{:?}",
        timeline(&app)
    );
}

/// The README's key table is written by hand: it names every key the reader binds when
/// browsing (the help screen is generated from the keymap, the README is not).
#[test]
fn the_readme_names_every_browsing_key() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = readme
        .split("### Keys")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("a Keys section");
    // The keys in backticks in each row's first cell.
    let named: Vec<&str> = table
        .lines()
        .filter(|l| l.starts_with("| `"))
        .flat_map(|l| {
            let cell = l.split('|').nth(1).unwrap_or("");
            cell.split('`').skip(1).step_by(2)
        })
        .collect();
    let lines = annals::tui::app::help_lines();
    let browse = lines
        .iter()
        .skip(1)
        .take_while(|(k, _)| !k.is_empty())
        .flat_map(|(k, _)| k.split(' ').map(str::to_owned).collect::<Vec<_>>());
    let missing: Vec<String> = browse.filter(|k| !named.contains(&k.as_str())).collect();
    assert!(
        missing.is_empty(),
        "not in the README: {missing:?}; it has {named:?}"
    );
}

/// Below 64 columns the timeline and the text take turns; the hidden text is laid out at the
/// width it will be shown at, not one character a line (a 5 MB line took 217 MB so).
#[test]
fn a_hidden_text_pane_is_laid_out_at_its_shown_width() {
    let c = seed();
    let mut app = App::new(&c, 40, 12);
    let hidden = app.measure();
    assert!(hidden > 20, "{hidden}");
    app.apply(Action::ToggleFocus);
    assert_eq!(app.measure(), hidden);
}

/// A first user's fault: Esc pressed to dismiss a status message (`no entry for …`) quit
/// the reader, and the next keys went to the shell. Esc dismisses the message; the next
/// Esc quits.
#[test]
fn esc_dismisses_a_status_message_before_quitting() {
    let c = seed();
    let mut app = App::new(&c, 100, 30);
    press(&mut app, ":1300\n");
    assert!(
        app.message.is_some(),
        "a message for a year not in the book"
    );
    press(&mut app, "\u{1b}");
    assert!(!app.quit);
    assert!(app.message.is_none());
    press(&mut app, "\u{1b}");
    assert!(app.quit);
}
