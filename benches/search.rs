//! Search over 10 MiB of the whole 契丹国志 repeated: counting hits folded (the default),
//! exact and as a regex; the folded count at 1, 10 and 50 MiB (linear growth); and the reader's incremental-search keystroke (one more character
//! typed into the `/` prompt, hits refined, per-year counts, the frame drawn at 200×60).

use std::hint::black_box;

use annals::search::{Mode, Query};
use annals::tui::app::App;
use annals::tui::theme::Theme;
use annals::tui::ui;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

mod common;

const MIB: usize = 10;

fn count(c: &mut Criterion) {
    let text = common::big_text(MIB);
    let mut g = c.benchmark_group("count_10MiB");
    g.throughput(Throughput::Bytes(text.len() as u64));
    for (name, pattern, mode) in [
        // 阿骨打: a name (folds to nothing else); 萧奉先: written 蕭奉先 in the text.
        ("folded_阿骨打", "阿骨打", Mode::Folded),
        ("folded_萧奉先", "萧奉先", Mode::Folded),
        ("folded_辽", "辽", Mode::Folded),
        ("exact_阿骨打", "阿骨打", Mode::Exact),
        ("regex_阿骨.", "阿骨.", Mode::Regex),
        ("regex_[辽遼]主", "[辽遼]主", Mode::Regex),
    ] {
        let q = Query::new(pattern, mode).expect("the bench patterns compile");
        g.bench_function(name, |b| b.iter(|| q.count(black_box(&text))));
    }
    g.finish();
}

/// The folded count at three sizes: the time per MiB should not grow with the size.
fn count_sizes(c: &mut Criterion) {
    let mut g = c.benchmark_group("count_folded_阿骨打");
    for mib in [1, 10, 50] {
        let text = common::big_text(mib);
        let q = Query::new("阿骨打", Mode::Folded).expect("compiles");
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(format!("{mib}MiB"), |b| {
            b.iter(|| q.count(black_box(&text)))
        });
    }
    g.finish();
}

/// One keystroke typed into the search prompt and then taken back, each followed by a
/// drawn 200×60 frame: the time of the pair bounds the time of either.
fn keystroke(c: &mut Criterion) {
    let chron = common::big_chronicle(MIB);
    let theme = Theme::mono();
    let mut term = Terminal::new(TestBackend::new(200, 60)).expect("a test terminal");
    let mut g = c.benchmark_group("search_keystroke_10MiB");
    for (name, typed, next) in [
        // The first character: a full (folded) search of a frequent character.
        ("first_char_遼", "", '遼'),
        // One more character: the previous hits refined.
        ("third_char_阿骨_打", "阿骨", '打'),
        ("second_char_天_庆", "天", '庆'),
    ] {
        let mut app = App::new(&chron, 200, 60);
        common::press(&mut app, KeyCode::Char('/'));
        common::type_str(&mut app, typed);
        term.draw(|f| ui::draw(f, &app, &theme)).unwrap();
        g.bench_function(name, |b| {
            b.iter(|| {
                common::press(&mut app, KeyCode::Char(next));
                term.draw(|f| ui::draw(f, &app, &theme)).unwrap();
                common::press(&mut app, KeyCode::Backspace);
                term.draw(|f| ui::draw(f, &app, &theme)).unwrap();
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::config(20, 3);
    targets = count, count_sizes, keystroke
}
criterion_main!(benches);
