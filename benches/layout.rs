//! Layout: the largest entry of the whole 契丹国志 laid out by display width with 禁則 at
//! 200, 80 and 40 columns (what `annals show --width N` and the reader's detail pane do
//! when the entry or the width changes), and the bare line breaker on its text.

use std::hint::black_box;

use annals::layout;
use annals::model::reading::Reading;
use annals::view;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

mod common;

fn largest_entry(c: &mut Criterion) {
    let chron = common::full_chronicle();
    let reading = Reading::new(&chron.text, chron.format);
    let i = common::largest_entry(&chron);
    let range = common::entry_range(&chron, &reading, i);
    let text = reading.text();
    let mut g = c.benchmark_group("lay_out_largest_entry");
    g.throughput(Throughput::Bytes(range.len() as u64));
    for width in [200usize, 80, 40] {
        g.bench_with_input(BenchmarkId::from_parameter(width), &width, |b, &w| {
            b.iter(|| view::lay_out(black_box(text), range.clone(), w, true))
        });
    }
    g.bench_function("wrap_200", |b| {
        b.iter(|| layout::wrap(black_box(&text[range.clone()]), 200))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::config(30, 3);
    targets = largest_entry
}
criterion_main!(benches);
