//! The month table: parsing the embedded months.bin (what the first lookup pays, once), and
//! the lookups a reader makes: a month by name, the month of a day, a 干支 date resolved, and
//! every calendar's date of one day.

use std::hint::black_box;

use annals::calendar::CeYear;
use annals::calendar::Ganzhi;
use annals::calendar::jdn::Jdn;
use annals::calendar::months::{DayRef, MonthTable};
use criterion::{Criterion, criterion_group, criterion_main};

fn load(c: &mut Criterion) {
    c.bench_function("months/parse_embedded", |b| {
        b.iter(|| black_box(MonthTable::parse_embedded()))
    });
}

fn lookups(c: &mut Criterion) {
    let t = MonthTable::embedded();
    let liao = t.calendar("遼").unwrap();
    let year = CeYear::new(1118).unwrap();
    let day = Jdn(2_129_549);
    let renwu = Ganzhi::of_jdn(day);
    let mut g = c.benchmark_group("months");
    g.bench_function("calendar_by_name", |b| {
        b.iter(|| t.calendar(black_box("北宋")))
    });
    g.bench_function("month", |b| {
        b.iter(|| t.month(black_box(liao), black_box(year), black_box(5), false))
    });
    g.bench_function("month_at", |b| {
        b.iter(|| t.month_at(black_box(liao), black_box(day)))
    });
    g.bench_function("resolve_ganzhi", |b| {
        b.iter(|| {
            t.resolve(
                black_box(liao),
                year,
                5,
                false,
                DayRef::Ganzhi(black_box(renwu)),
            )
        })
    });
    g.bench_function("dates_on", |b| b.iter(|| t.dates_on(black_box(day))));
    g.finish();
}

criterion_group!(benches, load, lookups);
criterion_main!(benches);
