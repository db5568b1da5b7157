//! The reader's frames at 200×60: drawing the largest entry of the whole 契丹国志 (nothing
//! changed: no re-layout), the first frame of a 10 MiB text (parse, reader state, draw),
//! and a keystroke to a drawn frame (next year, scroll, next time mark).

use annals::model::Chronicle;
use annals::tui::app::App;
use annals::tui::theme::Theme;
use annals::tui::ui;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

mod common;

const W: u16 = 200;
const H: u16 = 60;

fn term() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(W, H)).expect("a test terminal")
}

fn frame(c: &mut Criterion) {
    let theme = Theme::mono();
    let mut g = c.benchmark_group("frame_200x60");
    for (name, chron) in [
        ("full_book", common::full_chronicle()),
        ("10MiB", common::big_chronicle(10)),
    ] {
        let mut app = App::new(&chron, W, H);
        common::select_entry(&mut app, common::largest_entry(&chron));
        let mut t = term();
        t.draw(|f| ui::draw(f, &app, &theme)).unwrap();
        g.bench_function(format!("largest_entry_{name}"), |b| {
            b.iter(|| t.draw(|f| ui::draw(f, &app, &theme)).unwrap().area)
        });
        // Keys, each pair ending where it started; each key followed by a frame.
        for (what, there, back) in [
            ("j_k", KeyCode::Char('j'), KeyCode::Char('k')),
            ("space_b", KeyCode::Char(' '), KeyCode::Char('b')),
            ("next_prev_mark", KeyCode::Char(']'), KeyCode::Char('[')),
        ] {
            g.bench_function(format!("keys_{what}_{name}"), |b| {
                b.iter(|| {
                    common::press(&mut app, there);
                    t.draw(|f| ui::draw(f, &app, &theme)).unwrap();
                    common::press(&mut app, back);
                    t.draw(|f| ui::draw(f, &app, &theme)).unwrap().area
                })
            });
        }
    }
    g.finish();
}

/// Open a 10 MiB text: parse, build the reader, draw the first frame (reading the file is
/// not included; `scripts/perf.sh` times whole processes).
fn first_frame(c: &mut Criterion) {
    let theme = Theme::mono();
    let text = common::big_text(10);
    let mut g = c.benchmark_group("first_frame_200x60");
    g.sampling_mode(SamplingMode::Flat);
    g.bench_function("10MiB", |b| {
        b.iter_batched(
            || text.clone(),
            |text| {
                let chron = Chronicle::parse(text);
                let app = App::new(&chron, W, H);
                let mut t = term();
                t.draw(|f| ui::draw(f, &app, &theme)).unwrap();
                chron.entries.len()
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

/// On 100 MiB (the whole 契丹國志 repeated, 1115 written some 270 times): `:1115` and Enter
/// to the drawn list of the entries of that year, and Enter to the drawn first of them;
/// and a key (`j`, the next year) to a drawn frame. Only the keys and frames are timed:
/// the way back (`Esc`, `g`) is not.
fn big_keys(c: &mut Criterion) {
    let theme = Theme::mono();
    let chron = common::big_chronicle(100);
    let mut app = App::new(&chron, W, H);
    let mut t = term();
    t.draw(|f| ui::draw(f, &app, &theme)).unwrap();
    let mut g = c.benchmark_group("keys_200x60_100MiB");
    g.bench_function("jump_1115", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                common::press(&mut app, KeyCode::Esc);
                common::press(&mut app, KeyCode::Char('g'));
                let start = Instant::now();
                common::type_str(&mut app, ":1115");
                common::press(&mut app, KeyCode::Enter);
                t.draw(|f| ui::draw(f, &app, &theme)).unwrap();
                common::press(&mut app, KeyCode::Enter);
                t.draw(|f| ui::draw(f, &app, &theme)).unwrap();
                total += start.elapsed();
            }
            total
        })
    });
    g.bench_function("key_j", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                if common::at_last_row(&app) {
                    common::press(&mut app, KeyCode::Char('g'));
                }
                let start = Instant::now();
                common::press(&mut app, KeyCode::Char('j'));
                t.draw(|f| ui::draw(f, &app, &theme)).unwrap();
                total += start.elapsed();
            }
            total
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::config(10, 3);
    targets = frame, first_frame, big_keys
}
criterion_main!(benches);
