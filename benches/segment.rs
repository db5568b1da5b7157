//! Segmentation: `Chronicle::parse` of 1, 10 and 100 MiB of the whole 契丹国志 repeated (the
//! budget: linear, the cost per MiB within 20 % across sizes), the same without the time
//! marks (`Chronicle::parse_lazy`, what `list` pays), and the reading view build
//! (`Reading::new`) at the same sizes. Throughput is in bytes, so criterion reports MiB/s.

use std::hint::black_box;

use annals::model::Chronicle;
use annals::model::reading::Reading;
use criterion::{
    BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};

mod common;

const SIZES: [usize; 3] = [1, 10, 100];

fn parse(c: &mut Criterion) {
    parse_with(c, "parse", Chronicle::parse);
}

/// What the one-shot commands pay: the model without the time marks (found when an entry
/// is first asked for).
fn parse_lazy(c: &mut Criterion) {
    parse_with(c, "parse_lazy", Chronicle::parse_lazy);
}

/// A group `name` timing `parse` on each size of the big text.
fn parse_with(c: &mut Criterion, name: &str, parse: fn(String) -> Chronicle) {
    let mut g = c.benchmark_group(name);
    g.sampling_mode(SamplingMode::Flat);
    for mib in SIZES {
        let text = common::big_text(mib);
        g.throughput(Throughput::Bytes(text.len() as u64));
        // The copy of the input and the drop of the result are not timed.
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("{mib}MiB")),
            &text,
            |b, t| b.iter_batched(|| t.clone(), parse, BatchSize::PerIteration),
        );
    }
    g.finish();
}

fn reading(c: &mut Criterion) {
    let mut g = c.benchmark_group("reading_new");
    g.sampling_mode(SamplingMode::Flat);
    for mib in SIZES {
        let chron = common::big_chronicle(mib);
        g.throughput(Throughput::Bytes(chron.text.len() as u64));
        g.bench_function(BenchmarkId::from_parameter(format!("{mib}MiB")), |b| {
            b.iter_with_large_drop(|| Reading::new(black_box(&chron.text), chron.format))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::config(10, 4);
    targets = parse, parse_lazy, reading
}
criterion_main!(benches);
