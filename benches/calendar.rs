//! The era table: building it from the embedded text (what `EraTable::embedded` does once,
//! required to stay under a millisecond), looking names up folded, and the longest era name
//! at a position of a chronicle line.

use std::hint::black_box;

use annals::calendar::Ganzhi;
use annals::calendar::era::EraTable;
use criterion::{Criterion, criterion_group, criterion_main};

const TABLE: &str = include_str!("../assets/calendar/eras.tsv");

fn build(c: &mut Criterion) {
    // The folding table is built once per process on first use, like the era table; build
    // it first so that only the era table's parse is measured.
    let _ = annals::calendar::variants::fold_char('天');
    c.bench_function("era_table_build", |b| {
        b.iter(|| EraTable::parse(black_box(TABLE)).expect("valid table"))
    });
}

fn lookups(c: &mut Criterion) {
    let t = EraTable::embedded();
    c.bench_function("lookup_天庆", |b| {
        b.iter(|| t.lookup(black_box("天庆")).len())
    });
    c.bench_function("longest_prefix_太平興國二年", |b| {
        b.iter(|| {
            t.longest_prefix(black_box("太平興國二年春正月"), |rest| {
                rest.starts_with('二')
            })
            .map(|(n, _)| n)
        })
    });
    c.bench_function("longest_prefix_miss", |b| {
        b.iter(|| t.longest_prefix(black_box("而帝不從"), |_| true).is_none())
    });
    c.bench_function("ganzhi_parse_prefix", |b| {
        b.iter(|| Ganzhi::parse_prefix(black_box("甲戍年")))
    });
}

criterion_group!(benches, build, lookups);
criterion_main!(benches);
