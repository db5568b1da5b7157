//! Issue 16 in the reader's state, drawn into a `TestBackend`: gaps between recorded
//! years in the timeline, two texts side by side by CE year, and a bilingual text as two
//! panes.

use annals::model::Chronicle;
use annals::tui::app::{App, RowKind};
use annals::tui::handle_key;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::harness::fixture;

fn load(path: &str) -> Chronicle {
    let text = std::fs::read_to_string(fixture(path)).expect("the fixture");
    Chronicle::parse(text)
}

fn press(app: &mut App<'_>, keys: &str) {
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
    // 貞觀八年 (634), then 貞觀十年 (636): 635 is not recorded.
    let gaps: Vec<(u32, String)> = app
        .rows
        .iter()
        .filter_map(|r| match r.kind {
            RowKind::Gap(n) => Some((n, r.label.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(gaps.len(), 4, "{gaps:?}");
    assert_eq!(gaps[0], (1, "⋯ 1 year".to_owned()));
    press(&mut app, ":634\n");
    assert_eq!(label(&app), "貞觀八年");
    press(&mut app, "j");
    assert_eq!(label(&app), "貞觀十年", "the gap is stepped over");
    press(&mut app, "k");
    assert_eq!(label(&app), "貞觀八年");
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
