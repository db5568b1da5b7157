//! The readings of one heading: every era, ruler's years, 干支 and annotation reading it
//! may have, each with its cost, given the previous heading's readings.

use super::*;

/// The CE year of year `ordinal` of `era`, past its end too (the table's `year` stops at
/// the end; a text may count on).
pub(super) fn year_of(eras: &EraTable, era: EraId, ordinal: u32) -> Option<CeYear> {
    let e = eras.get(era);
    e.year(ordinal).or_else(|| {
        (1..=1000)
            .contains(&ordinal)
            .then(|| e.start().add(ordinal as i32 - 1))
    })
}

/// What an ordinal past the era's end costs: more the further past.
pub(super) fn past_end_cost(eras: &EraTable, era: EraId, ordinal: u32) -> f32 {
    let e = eras.get(era);
    if let Some(y) = e.year(ordinal) {
        // Counted on past its real end, as some wrote it (崇禎 in Korea to the 1890s): a
        // little, more the further on; not the year after the end (開運四年, 947).
        return match y.since(e.end()) {
            ..=1 => 0.0,
            over => cost::COUNTED_ON + (over as f32 / 10.0).min(3.0),
        };
    }
    let over = ordinal.saturating_sub(e.len()) as f32;
    cost::PAST_END + (over / 3.0).min(10.0)
}

/// What speaks against reading `ordinal` as a year of `era`.
pub(super) fn era_cost(eras: &EraTable, era: EraId, ordinal: u32, h: &Heading) -> f32 {
    let e = eras.get(era);
    let mut c = 0.0;
    // Another country's era, unless the book, its 卷 or a ruler line is about its regime
    // (高麗史's kings' years).
    if e.country() != Country::China && !h.hints.regimes.contains(&e.regime()) {
        c += cost::FOREIGN;
    }
    // Of the two counts of a disputed reign, the revised one (a modern reconstruction) only
    // where the years around it fit it better: the books count by the 史記 年表.
    if e.chronology() == Chronology::Revised && eras.other_count(era).is_some() {
        c += cost::REVISED_COUNT;
    }
    c + past_end_cost(eras, era, ordinal) + regime_cost(eras, era, h)
}

/// What speaks against `era` because the context names other regimes than its own; not
/// an era that ended in the years before one of them began, by which a dynasty's annals
/// date its founders' careers (晉書's 宣帝紀 by 魏's 黃初 and 青龍, 宋史's 太祖紀 by 後周's
/// 顯德).
fn regime_cost(eras: &EraTable, era: EraId, h: &Heading) -> f32 {
    let e = eras.get(era);
    let regime = e.regime();
    if h.hints.regimes.is_empty() || h.hints.regimes.contains(&regime) {
        return 0.0;
    }
    let before = |r: RegimeId| {
        regime_start(eras, r).is_some_and(|start| {
            (0..=FOUNDERS_YEARS).contains(&start.since(e.end())) && e.start().since(start) < 0
        })
    };
    // A ruler's name many states' rulers bore (桓公, 成公), which one of the states in force
    // has: that state's (左傳紀事本末's dukes of 魯, named without the state), unless a 干支
    // written with it says which.
    let in_force_has_it = |ids: &[EraId]| {
        ids.iter()
            .any(|&id| h.hints.regimes.contains(&eras.get(id).regime()))
    };
    if e.country() == Country::China && h.hints.regimes.iter().any(|&r| before(r)) {
        0.0
    } else if e.kind() == EraKind::RulerYears
        && h.ganzhi.is_none()
        && matches!(&h.written, Written::Era(ids) if ids.contains(&era) && in_force_has_it(ids))
    {
        cost::OTHER_STATE_SAME_NAME
    } else {
        cost::OTHER_REGIME
    }
}

/// What reading an era as the one another regime took over costs (吳越's 建隆, the same
/// years as 北宋's): a tie-break only, for a book whose context names neither; paid once
/// for a run of the regime's years, as [`regime_cost`] is.
fn borrowed_cost(eras: &EraTable, era: EraId) -> f32 {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicU8, Ordering};
    // Answers kept per era or regime for the embedded table (0 unknown, else 1 + answer).
    fn kept(
        cache: &OnceLock<Vec<AtomicU8>>,
        len: usize,
        i: usize,
        f: impl FnOnce() -> bool,
    ) -> bool {
        let known = cache.get_or_init(|| (0..len).map(|_| AtomicU8::new(0)).collect());
        match known[i].load(Ordering::Relaxed) {
            0 => {
                let is = f();
                known[i].store(u8::from(is) + 1, Ordering::Relaxed);
                is
            }
            k => k == 2,
        }
    }
    let embedded = std::ptr::eq(eras, EraTable::embedded());
    // The same era (name and first year) in other regimes than `of`'s.
    let twins = |of: EraId| {
        let e = eras.get(of);
        eras.lookup(e.name()).iter().copied().filter(move |&t| {
            let o = eras.get(t);
            o.start() == e.start() && o.regime() != e.regime() && o.name() == e.name()
        })
    };
    // Which of two twins its regime's use began first in, by year (not by day: the table's
    // first days of one era in two regimes differ by days either way, 吳越's 貞明 eight days
    // before 後梁's).
    let earlier =
        |a: EraId, b: EraId| match eras.get(a).first_year().since(eras.get(b).first_year()) {
            0 => None,
            d => Some(d < 0),
        };
    // The era `e` was taken over from, as the table tells: the one it counted on from, or
    // else its twins begun in the earliest year, if earlier than `e` (唐's and 南吳's 天祐
    // for 吳越's).
    let origins = |e: EraId| -> Vec<EraId> {
        if let Some(c) = eras.get(e).continues() {
            return vec![c];
        }
        let first = twins(e).map(|t| eras.get(t).first_year()).min();
        match first {
            Some(f) if f < eras.get(e).first_year() => twins(e)
                .filter(|&t| eras.get(t).first_year() == f)
                .collect(),
            _ => Vec::new(),
        }
    };
    let taken = |e: EraId| !origins(e).is_empty();
    // A regime that took over the era of a regime it lived beside (閩 後梁's 開平, 吳越
    // 後梁's 乾化; not 後唐 唐's 天祐, as its successor): in a tie it is the one that took
    // this one over too (閩's 天成 began the year 後唐's did).
    static BORROWERS: OnceLock<Vec<AtomicU8>> = OnceLock::new();
    let borrower = |r: RegimeId| {
        let beside = |f: &EraId| !eras.succeeds(r, eras.get(*f).regime());
        let find = || {
            eras.eras_of(r).iter().any(|&e| {
                let from = origins(e);
                !from.is_empty() && from.iter().all(beside)
            })
        };
        if embedded {
            kept(&BORROWERS, eras.regimes().len(), r.index(), find)
        } else {
            find()
        }
    };
    let find = || {
        taken(era) || {
            let mine = borrower(eras.get(era).regime());
            mine && twins(era).any(|t| earlier(t, era).is_none() && !borrower(eras.get(t).regime()))
        }
    };
    // Worked out for an era when first asked (most have no twin), and kept.
    static KNOWN: OnceLock<Vec<AtomicU8>> = OnceLock::new();
    let is = if embedded {
        kept(&KNOWN, eras.eras().len(), era.index(), find)
    } else {
        find()
    };
    if is { cost::BORROWED } else { 0.0 }
}

/// The Chinese era of one of `regimes` whose `ordinal`-th year is `year`, not one another
/// regime took over (see [`borrowed_cost`]) where another fits; `None` where none is, or
/// where eras of several names remain.
fn era_of_year(eras: &EraTable, year: CeYear, ordinal: u32, regimes: &[RegimeId]) -> Option<EraId> {
    let fits: Vec<EraId> = eras
        .in_force(year)
        .filter(|&id| {
            let e = eras.get(id);
            e.country() == Country::China && e.year(ordinal) == Some(year)
        })
        .collect();
    let pool: Vec<EraId> = fits
        .into_iter()
        .filter(|&id| regimes.contains(&eras.get(id).regime()))
        .collect();
    let own: Vec<EraId> = pool
        .iter()
        .copied()
        .filter(|&id| borrowed_cost(eras, id) == 0.0)
        .collect();
    let pool = if own.is_empty() { pool } else { own };
    let first = *pool.first()?;
    let name = eras.get(first).name();
    pool.iter()
        .all(|&id| eras.get(id).name() == name)
        .then_some(first)
}

/// How far from an annotation's year a written era's table year may be for the era to be
/// the one the annotation dates (a book reckoning the era from another year).
const ERA_NEAR_ANNOTATION: i32 = 3;

/// How many years before a dynasty's first era its annals may tell its founders' careers.
const FOUNDERS_YEARS: i32 = 60;

/// What passing over a named year that opens a paragraph costs when its written 干支 is
/// the year's (see [`readings`]).
const SKIP_CONFIRMED: f32 = 3.0;

/// The first year of a regime's first era.
fn regime_start(eras: &EraTable, regime: RegimeId) -> Option<CeYear> {
    static STARTS: std::sync::OnceLock<Vec<Option<CeYear>>> = std::sync::OnceLock::new();
    let build = || {
        let mut starts: Vec<Option<CeYear>> = vec![None; eras.regimes().len()];
        for &id in eras.ids() {
            let e = eras.get(id);
            let slot = &mut starts[e.regime().index()];
            if slot.is_none_or(|s| e.start() < s) {
                *slot = Some(e.start());
            }
        }
        starts
    };
    if std::ptr::eq(eras, EraTable::embedded()) {
        STARTS
            .get_or_init(build)
            .get(regime.index())
            .copied()
            .flatten()
    } else {
        build().get(regime.index()).copied().flatten()
    }
}

/// The readings of heading `h`, given the previous heading's.
/// The highest ordinal a bare year right after a proclamation may count in the era
/// proclaimed without the era's table and the year's 干支 bearing it out.
const GAIYUAN_YEARS_MAX: u32 = 3;

pub(super) fn readings(
    h: &Heading,
    carried: &[EraId],
    prev: &[Reading],
    eras: &EraTable,
    unknown_names: &mut Vec<String>,
    abbreviations: &mut Abbreviations,
    scratch: &mut Scratch,
) {
    let Scratch {
        out, lasts, seen, ..
    } = scratch;
    out.clear();
    let n = h.ordinal;

    // The distinct last years of the previous readings (a reckoned year depends on them).
    lasts.clear();
    lasts.extend(prev.iter().map(|p| p.last));
    lasts.sort_unstable();
    lasts.dedup();
    if lasts.is_empty() {
        lasts.push(None);
    }
    let push = |out: &mut Vec<Reading>, r: Reading| {
        // Checks against what the heading writes.
        let mut r = r;
        if let (Some(g), Some(ce)) = (h.ganzhi, r.ce) {
            if Ganzhi::of_year(ce) != g && r.source != CeSource::Ganzhi {
                r.cost += cost::GANZHI_MISS;
            } else if h.optional.is_some() && r.source != CeSource::Ganzhi {
                // A heading that may be a date in a sentence, whose 干支 agrees with the
                // year its number gives (綱目續麟: `(甲/午)十五年` five years on in 安王's
                // reign): a heading.
                r.cost -= cost::GANZHI_AGREES;
            }
        }
        if let (Some(a), Some(ce)) = (h.annotation, r.ce) {
            // (Half where the heading's 干支 is this year's and not the annotation's: the
            // heading at odds with itself, `二年（庚寅、九一）`, says less for its number.)
            let split = h
                .ganzhi
                .is_some_and(|g| Ganzhi::of_year(a) != g && Ganzhi::of_year(ce) == g);
            if a != ce {
                r.cost += match split {
                    true => cost::ANNOTATION_MISS / 2.0,
                    false => cost::ANNOTATION_MISS,
                };
            }
        }
        if let (Some(g), Some(ce)) = (h.hints.volume_ganzhi, r.ce) {
            if Ganzhi::of_year(ce) != g {
                r.cost += cost::VOLUME_GANZHI_MISS;
            }
        }
        r.last = r.ce.or(r.last);
        out.push(r);
    };
    let era_reading = |era: EraId, source: CeSource, extra: f32, requires: Requires| {
        // (Not in a book of the regime that took it over: its own era there.)
        let borrowed = if h.hints.regimes.contains(&eras.get(era).regime()) {
            0.0
        } else {
            borrowed_cost(eras, era)
        };
        let once = era_cost(eras, era, n, h) + borrowed;
        Reading {
            era: Some(era),
            unknown: None,
            ordinal: n,
            ce: year_of(eras, era, n),
            last: None,
            source,
            cost: once + extra,
            requires,
            skip: false,
            once,
            regime: Some(eras.get(era).regime()),
            regime_once: regime_cost(eras, era, h) + borrowed,
        }
    };
    match &h.written {
        Written::Era(ids) => {
            // A ruler's years under another ruler's name (資治通鑑 editions that repeat the
            // previous ruler's name on every year after a ruler line): the ruler line's
            // ruler, or the previous heading's.
            // (Not in prose that runs the years on, where a ruler named with a year is the
            // reign the text has come to: 周本紀's `…威烈王二十三年九鼎震…` after 敬王's years,
            // the kings between told without a year.)
            if !h.run_on
                && ids
                    .iter()
                    .all(|&id| eras.get(id).kind() == EraKind::RulerYears)
            {
                // (Only for a name one of that ruler's predecessors bore: a successor named
                // is his own reign, as 左傳紀事本末's `桓公四年` after 隱公's years, and a ruler
                // of another state is that state's.)
                let successor_named = |e: EraId| {
                    let (regime, start) = (eras.get(e).regime(), eras.get(e).start());
                    !ids.iter()
                        .any(|&id| eras.get(id).regime() == regime && eras.get(id).start() < start)
                };
                for &e in &h.hints.rulers {
                    if !ids.contains(&e) && !successor_named(e) {
                        push(
                            out,
                            era_reading(e, CeSource::Ruler, cost::NAME_SLIP, Requires::Nothing),
                        );
                    }
                }
                seen.clear();
                for p in prev {
                    if let Some(e) = p
                        .era
                        .filter(|&e| !ids.contains(&e) && !seen.contains(&e) && !successor_named(e))
                    {
                        if eras.get(e).kind() == EraKind::RulerYears && n > p.ordinal {
                            seen.push(e);
                            // Once read so, the same slip on the next years costs little.
                            push(
                                out,
                                era_reading(
                                    e,
                                    CeSource::Ruler,
                                    cost::NAME_SLIP_AGAIN,
                                    Requires::Era(e),
                                ),
                            );
                        }
                    }
                }
            }
            // Of an era name several regimes used, the one of the ruler a ruler line or
            // title just named (`○明宗仁德皇帝` / `天成元年`: 後唐's, not 燕's or 閩's).
            let named = |id: &EraId| h.hints.rulers.contains(id) || carried.contains(id);
            let others = if ids.iter().any(named) {
                cost::HINTED_OTHER
            } else {
                0.0
            };
            for &id in ids {
                let extra = if named(&id) { 0.0 } else { others };
                push(
                    out,
                    era_reading(id, CeSource::Table, extra, Requires::Nothing),
                );
                // An era proclaimed late in the year before, counted from that year (蜀檮杌:
                // `十二月…改元通正` in 永平五年, then `通正二年`): its 元年 is the year of the
                // proclamation, where the table has the next, and has no such year.
                if n > 1 && eras.get(id).year(n).is_none() && h.hints.gaiyuan.contains(&id) {
                    for &last in lasts.iter() {
                        let Some(l) = last else { continue };
                        let ce = l.add(n as i32 - 1);
                        let mut r = era_reading(
                            id,
                            CeSource::Context,
                            cost::FROM_PROCLAMATION,
                            Requires::Last(last),
                        );
                        r.ce = Some(ce);
                        // Counted past its end in the table is what this reading explains.
                        r.cost -= past_end_cost(eras, id, n);
                        r.once -= past_end_cost(eras, id, n);
                        push(out, r);
                    }
                }
                // The book's own 干支, read in its sequence (契丹國志 puts 乾亨元年 at 甲戌,
                // 974, five years before the table).
                if let (Some(g), Some(table)) = (h.ganzhi, year_of(eras, id, n)) {
                    for &last in lasts.iter() {
                        let Some(l) = last else { continue };
                        let by_seq = g.nearest_year(l.add(1));
                        let off = by_seq.since(table).abs();
                        if by_seq != table && off > 3 && off <= 30 {
                            let mut r = era_reading(
                                id,
                                CeSource::Ganzhi,
                                cost::GANZHI_OVER_TABLE + 0.1 * off as f32,
                                Requires::Last(last),
                            );
                            r.ce = Some(by_seq);
                            push(out, r);
                        }
                    }
                }
                // The book's own 干支, a year or two from the table's (契丹國志 from 天贊 on).
                if let (Some(g), Some(ce)) = (h.ganzhi, year_of(eras, id, n)) {
                    let by_gz = g.nearest_year(ce);
                    if by_gz != ce && by_gz.since(ce).abs() <= 3 {
                        let mut r = era_reading(
                            id,
                            CeSource::Ganzhi,
                            cost::GANZHI_OVER_TABLE,
                            Requires::Nothing,
                        );
                        r.ce = Some(by_gz);
                        push(out, r);
                    }
                }
            }
        }
        Written::Unknown(key) => {
            let k = unknown_index(unknown_names, key);
            // Counted on from an earlier heading of the same unknown era.
            counted_on_unknown(prev, n, Some(k), &mut |r| push(out, r));
            for &last in lasts.iter() {
                let ce = match (h.ganzhi, last) {
                    (Some(g), Some(l)) => Some(g.nearest_year(l.add(1))),
                    (None, Some(l)) => Some(l.add(1)),
                    _ => None,
                };
                let source = if h.ganzhi.is_some() {
                    CeSource::Ganzhi
                } else {
                    CeSource::Context
                };
                let r = Reading {
                    era: None,
                    unknown: Some(k),
                    ordinal: n,
                    ce,
                    last,
                    source,
                    cost: if h.ganzhi.is_some() {
                        0.5
                    } else {
                        cost::RECKONED
                    },
                    requires: Requires::Last(last),
                    skip: false,
                    once: 0.0,
                    regime: None,
                    regime_once: 0.0,
                };
                push(out, r);
            }
        }
        Written::Bare => {
            // The era of the previous heading, continued.
            seen.clear();
            for p in prev {
                if let Some(e) = p.era {
                    if !seen.contains(&e) {
                        seen.push(e);
                        let extra = if n <= p.ordinal { 1.0 } else { 0.0 };
                        push(
                            out,
                            era_reading(e, CeSource::InForce, extra, Requires::Era(e)),
                        );
                        // Past the era's end, the regime's next era, where it has the year.
                        let next = eras
                            .get(e)
                            .year(n)
                            .is_none()
                            .then(|| eras.successor(e))
                            .flatten()
                            .filter(|&x| eras.get(x).year(n).is_some());
                        if let Some(next) = next {
                            let gap = eras.get(next).start().since(eras.get(e).end());
                            // Proclaimed in the era's last year (晉書 惠帝紀: `永平元年…壬辰大赦
                            // 改元`, then `二年`): the same year, counted in the next era from
                            // its 元年. (Not marked seen: the next era, in force itself, is
                            // continued above when a previous reading has it.)
                            if gap == 0 && year_of(eras, next, n) == year_of(eras, e, n) {
                                push(
                                    out,
                                    era_reading(next, CeSource::InForce, extra, Requires::Era(e)),
                                );
                            } else if gap == 1 {
                                // Begun at the new year, that change not read (別本十六國春秋's
                                // `建元元平正月…`, a slip for 元年, then `五年六月`): the next
                                // era's year, counted from the years around it.
                                push(
                                    out,
                                    era_reading(
                                        next,
                                        CeSource::Context,
                                        cost::ERA_CHANGE_UNREAD,
                                        Requires::Era(e),
                                    ),
                                );
                            }
                        }
                    }
                }
            }
            // A bare 元年 after a ruler's later years: his successor's first year (春秋's
            // `十一年` of 隱公, then `元年` of 桓公, whose name only the 卷 title gives).
            if n == 1 {
                seen.clear();
                for p in prev {
                    let Some(e) = p.era.filter(|_| p.ordinal > 1) else {
                        continue;
                    };
                    if eras.get(e).kind() != EraKind::RulerYears {
                        continue;
                    }
                    let Some(next) = eras.successor(e).filter(|&x| {
                        eras.get(x).kind() == EraKind::RulerYears && !seen.contains(&x)
                    }) else {
                        continue;
                    };
                    seen.push(next);
                    push(
                        out,
                        era_reading(next, CeSource::Ruler, cost::HINTED, Requires::Era(e)),
                    );
                }
            }
            // An unknown era or king in force, counted on.
            counted_on_unknown(prev, n, None, &mut |r| push(out, r));
            // An era proclaimed since, or the years of a ruler named since.
            // The last proclamation is the one in force.
            // (Past the first few years of the era proclaimed, only where the era has that
            // year and the heading's 干支 does not refute it: not `【丁夘】七年` after
            // `以明年为天聪元年`, a neighbour's era told in passing.)
            for (&e, &later) in h.hints.gaiyuan.iter().zip(&h.hints.superseded) {
                let year = eras.get(e).year(n);
                let refuted =
                    year.is_none_or(|y| h.ganzhi.is_some_and(|g| Ganzhi::of_year(y) != g));
                if n > GAIYUAN_YEARS_MAX && refuted {
                    continue;
                }
                let extra = cost::HINTED + 0.5 * f32::from(later);
                push(
                    out,
                    era_reading(e, CeSource::InForce, extra, Requires::Nothing),
                );
            }
            let called_from = h.hints.mentioned.len() - h.hints.called;
            // The year its own sentence says it was called (`元年二月，…称天福十二年`): a
            // reign's first year, counted on by the bare years after it.
            for &(e, m) in &h.hints.mentioned[called_from..] {
                let reign = unknown_index(unknown_names, "\u{0}reign");
                push(
                    out,
                    Reading {
                        era: None,
                        unknown: Some(reign),
                        ordinal: n,
                        ce: year_of(eras, e, m),
                        last: None,
                        source: CeSource::InForce,
                        cost: 0.0,
                        requires: Requires::Nothing,
                        skip: false,
                        once: 0.0,
                        // (Several regimes' 天福: it says which year, not whose.)
                        regime: None,
                        regime_once: 0.0,
                    },
                );
            }
            for &(e, _) in h.hints.mentioned[..called_from].iter().rev() {
                // (Not one read already, counted on or hinted: a dearer twin.)
                if prev.iter().any(|p| p.era == Some(e))
                    || h.hints.gaiyuan.contains(&e)
                    || h.hints.rulers.contains(&e)
                {
                    continue;
                }
                // A founder's career told by the eras before his own (陳書 高祖紀:
                // `是歲太清元年也`, then `二年冬` = 太清二年 under the title 高祖): the date
                // written is nearer than his reign the title names.
                let era = eras.get(e);
                let before_reign = h.hints.rulers.iter().chain(carried).any(|&r| {
                    let start = eras.get(r).start();
                    (0..=FOUNDERS_YEARS).contains(&start.since(era.end()))
                        && era.start().since(start) < 0
                });
                let c = if before_reign {
                    cost::HINTED - 0.1
                } else {
                    cost::MENTIONED
                };
                push(out, era_reading(e, CeSource::InForce, c, Requires::Nothing));
            }
            for &e in &h.hints.rulers {
                let source = match eras.get(e).kind() {
                    EraKind::RulerYears => CeSource::Ruler,
                    EraKind::Era => CeSource::InForce,
                };
                push(out, era_reading(e, source, cost::HINTED, Requires::Nothing));
            }
            // Those the heading before was told, where it is passed over.
            for &e in carried {
                if h.hints.gaiyuan.contains(&e) || h.hints.rulers.contains(&e) {
                    continue;
                }
                let source = match eras.get(e).kind() {
                    EraKind::RulerYears => CeSource::Ruler,
                    EraKind::Era => CeSource::InForce,
                };
                push(out, era_reading(e, source, cost::HINTED, Requires::Skipped));
            }
            // The year its 干支 names, or simply the next year (a new reign's 元年).
            for &last in lasts.iter() {
                let Some(l) = last else { continue };
                let (ce, source, c) = match h.ganzhi {
                    Some(g) => (g.nearest_year(l.add(1)), CeSource::Ganzhi, 0.5),
                    None if n == 1 && h.hints.unknown_ruler.is_some() => {
                        (l.add(1), CeSource::Context, cost::HINTED)
                    }
                    None if n == 1 => (l.add(1), CeSource::Context, cost::RECKONED),
                    None => continue,
                };
                // A reign's 元年 dated by its 干支 (新元史 定宗紀 `元年丙午`) starts a count the
                // bare years after it go on with, as an unknown king's does.
                let unknown = match (&h.hints.unknown_ruler, h.ganzhi) {
                    (Some(name), None) => Some(unknown_index(unknown_names, name)),
                    (_, Some(_)) if n == 1 => Some(unknown_index(unknown_names, "\u{0}reign")),
                    _ => None,
                };
                let r = Reading {
                    era: None,
                    unknown,
                    ordinal: n,
                    ce: Some(ce),
                    last,
                    source,
                    cost: c,
                    requires: Requires::Last(last),
                    skip: false,
                    once: 0.0,
                    regime: None,
                    regime_once: 0.0,
                };
                push(out, r);
            }
        }
        // A year named by its CE year alone (`前806年，`): the annotation's reading below.
        Written::GanzhiOnly if h.ganzhi.is_none() => {}
        Written::GanzhiOnly => {
            let g = h.ganzhi.expect("a 干支 year has its 干支");
            // With no year before it, the first year of its 干支 from a date written since
            // (清史稿 太祖紀: `是岁己未，明嘉靖三十八年也` and then `癸未夏五月` = 1583).
            let anchor = h
                .hints
                .mentioned
                .last()
                .and_then(|&(e, n)| year_of(eras, e, n));
            for &last in lasts.iter() {
                let anchored = last.is_none() && anchor.is_some();
                let ce = match (last, anchor) {
                    (Some(l), _) => Some(g.nearest_year(l.add(1))),
                    // (Nearest to 29 years on: the first from the anchor on.)
                    (None, Some(a)) => Some(g.nearest_year(a.add(29))),
                    (None, None) => None,
                };
                let r = Reading {
                    era: None,
                    unknown: None,
                    ordinal: 0,
                    ce,
                    last,
                    source: CeSource::Ganzhi,
                    cost: match ce {
                        _ if anchored => cost::MENTIONED,
                        Some(_) => 0.0,
                        None => cost::RECKONED,
                    },
                    requires: Requires::Last(last),
                    skip: false,
                    once: 0.0,
                    regime: None,
                    regime_once: 0.0,
                };
                push(out, r);
            }
        }
    }
    // The written name as the end of a longer era's name (前漢紀 writes 建國 for 始建國).
    if matches!(h.written, Written::Era(_) | Written::Unknown(_)) {
        for &id in abbreviations.ending_with(&h.key) {
            push(
                out,
                era_reading(id, CeSource::Table, cost::ABBREVIATED, Requires::Nothing),
            );
        }
    }
    // The annotation's year, whatever the rest says.
    if let Some(a) = h.annotation {
        // Its era: the one whose year it is, or else the likeliest reading's (so that the
        // table's year is shown beside it).
        let era = out
            .iter()
            .find(|r| r.ce == Some(a) && r.era.is_some())
            .and_then(|r| r.era)
            // (An era written whose table year is another: of its eras, the one whose year
            // is nearest — 越史略's `太宁二年` over 1074 is 李's 太寧, 1073 by the table, not
            // 後趙's of 349.)
            .filter(|&e| eras.get(e).year(n) == Some(a))
            .or_else(|| match &h.written {
                Written::Era(ids) => ids
                    .iter()
                    .filter_map(|&e| Some((e, eras.get(e).year(n)?.since(a).abs())))
                    .filter(|&(_, d)| d <= ERA_NEAR_ANNOTATION)
                    .min_by_key(|&(_, d)| d)
                    .map(|(e, _)| e),
                _ => None,
            })
            .or_else(|| {
                // A bare number, or an unknown era's, whose year no era read gives: the
                // era it is that year of (徐闇公年譜's misprinted `祟祯元年` and the
                // `二年己巳（一六二九）` after it: 崇禎).
                matches!(h.written, Written::Bare | Written::Unknown(_))
                    .then(|| {
                        // (Of a regime the context names or the year before was read in:
                        // not 北宋's 開寶 for 越史略's `二年` of 丁先皇, who named no era.)
                        let mut regimes: Vec<RegimeId> = h.hints.regimes.to_vec();
                        regimes.extend(prev.iter().filter_map(|p| p.regime));
                        era_of_year(eras, a, n, &regimes)
                    })
                    .flatten()
            })
            // (Not one whose year is far from the note's: 胡注 通鑑's `四年〔（癸卯、二八三）〕`
            // is no 泰始四年, an era a note named, 435 in another regime's count.)
            .or_else(|| {
                out.iter()
                    .filter(|r| {
                        r.era.is_some_and(|e| {
                            eras.get(e)
                                .year(n)
                                .is_some_and(|y| y.since(a).abs() <= ERA_NEAR_ANNOTATION)
                        })
                    })
                    .min_by(|x, y| x.cost.total_cmp(&y.cost))
                    .and_then(|r| r.era)
            });
        // A bare year of a reign no era names, dated by its note (朝鮮史略's `四十年` over
        // `宋寳祐元年`): the bare years after it count on from it.
        let unknown = (era.is_none() && matches!(h.written, Written::Bare))
            .then(|| unknown_index(unknown_names, "\u{0}reign"));
        let r = Reading {
            era,
            unknown,
            ordinal: n,
            ce: Some(a),
            last: None,
            source: CeSource::Annotation,
            // (A 干支 written against it costs as for every reading, in `push`: 越史略's
            // `【甲戌，公元1074年】太宁二年`, 甲戌 a slip for 甲寅, is 1074 all the same where
            // the years around say so.)
            cost: 0.2,
            requires: Requires::Nothing,
            skip: false,
            once: 0.0,
            regime: None,
            regime_once: 0.0,
        };
        push(out, r);
    }
    // A date that opens a sentence or a paragraph's middle is a heading only where the
    // years around it say so, and its own day does not gainsay it. (Not where it gainsays
    // every year its named era may be: then the day is miswritten, in a heading or in a
    // sentence alike — 舊五代史's `天祐五年正月戊子朔`, the 朔 being 癸酉 — and says
    // nothing of which it is.)
    if let Some(bias) = h.optional {
        let refuted: Vec<bool> = out
            .iter()
            .map(|r| match (&h.first_day, r.ce) {
                (Some(m), Some(ce)) => day_refutes(m, ce),
                _ => false,
            })
            .collect();
        let weighs = !matches!(h.written, Written::Era(_))
            || out
                .iter()
                .zip(&refuted)
                .any(|(r, &no)| r.ce.is_some() && !no);
        for (r, no) in out.iter_mut().zip(refuted) {
            r.cost += bias;
            if no && weighs {
                r.cost += cost::DAY_MISS;
            }
        }
    }
    // Where the annotation agrees, it is the provenance.
    if let Some(a) = h.annotation {
        for r in out.iter_mut() {
            if r.ce == Some(a) && r.source == CeSource::Table {
                r.source = CeSource::Annotation;
            }
        }
    }
    // Not a heading: the previous reading goes on. (Dearer for a named year opening a
    // paragraph whose written 干支 is the year's: 江西通志's `新莽始建國元年(己/巳)`, 120 years
    // after the last, is no date in passing, however far it leaps.)
    let confirmed = h.opens_paragraph
        && matches!(h.written, Written::Era(_))
        && h.ganzhi.is_some_and(|g| {
            out.iter()
                .any(|r| !r.skip && r.ce.is_some_and(|y| Ganzhi::of_year(y) == g))
        });
    let skip_cost = if confirmed { SKIP_CONFIRMED } else { 0.0 };
    if h.optional.is_some() {
        if prev.is_empty() {
            out.push(Reading {
                era: None,
                unknown: None,
                ordinal: 0,
                ce: None,
                last: None,
                source: CeSource::Context,
                cost: 0.0,
                requires: Requires::Nothing,
                skip: true,
                once: 0.0,
                regime: None,
                regime_once: 0.0,
            });
        }
        for (pi, p) in prev.iter().enumerate() {
            out.push(Reading {
                cost: skip_cost,
                requires: Requires::Index(index_u32(pi)),
                skip: true,
                ..p.clone()
            });
        }
    }
    // No year: always possible, never cheap. (It forgets the years before it: one reading
    // does for all.)
    out.push(Reading {
        era: None,
        unknown: None,
        ordinal: n,
        ce: None,
        last: None,
        source: CeSource::Context,
        cost: cost::NONE,
        requires: Requires::Nothing,
        skip: false,
        once: 0.0,
        regime: None,
        regime_once: 0.0,
    });
}

/// Year `n` of an unknown era (or king) counted on from the previous readings that count
/// in one (`only`: that one), one reading for each year it may fall in: each requires the
/// reading it counts from, so a path never joins a year to another start of the era.
pub(super) fn counted_on_unknown(
    prev: &[Reading],
    n: u32,
    only: Option<u32>,
    push: &mut dyn FnMut(Reading),
) {
    let mut seen: Vec<(u32, CeYear)> = Vec::new();
    for (pi, p) in prev.iter().enumerate() {
        let (Some(k), Some(from)) = (p.unknown, p.ce) else {
            continue;
        };
        let ce = from.add(n as i32 - p.ordinal as i32);
        if only.is_some_and(|o| o != k) || seen.contains(&(k, ce)) {
            continue;
        }
        seen.push((k, ce));
        push(Reading {
            era: None,
            unknown: Some(k),
            ordinal: n,
            ce: Some(ce),
            last: None,
            source: CeSource::Context,
            cost: 0.5,
            requires: Requires::Index(index_u32(pi)),
            skip: false,
            once: 0.0,
            regime: None,
            regime_once: 0.0,
        });
    }
}

/// Whether the main calendar of `year` has no such day as mark `m` names (a month and a
/// day's 干支 or number): 日干支誤 or no such month.
fn day_refutes(m: &TimeMark, year: CeYear) -> bool {
    let Some(cal) = crate::model::dates::main_calendar(year) else {
        return false;
    };
    crate::model::dates::resolve_mark(cal, year, m, None).is_err_and(|why| why.is_conflict())
}

/// A reading's index among its heading's, as [`Requires::Index`] keeps it (a heading has a
/// few dozen readings at most).
fn index_u32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}
