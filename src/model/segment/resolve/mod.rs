//! Pass three: the CE year of every heading, decided for the whole book at once.
//!
//! Each heading has a few possible readings: which of the eras a reused name denotes (太平,
//! 天會, 乾祐 …), which era a bare ordinal (`二年`) counts in (the era of the heading before,
//! one proclaimed since, the years of a ruler a ruler line or 卷 title names), which year a
//! 干支 names. A reading costs what speaks against it (an ordinal past its era's end, a
//! 干支 or annotation that disagrees, an era of another country, of a regime the 卷 is not
//! about); going from one heading's reading to the next costs what a chronicle rarely does
//! (a year backwards, a jump of decades). [`super::path::best_path`] picks the cheapest
//! reading of every heading together, so a later heading can settle an earlier one, and
//! tells how close the runner-up came: a heading the evidence does not settle is marked
//! doubtful rather than given a confident year.

use crate::calendar::era::{Chronology, Country, EraKind};
use crate::calendar::{CeYear, EraTable, Ganzhi};

use super::super::marks::TimeMark;
use super::super::{CeSource, Doubt};
use super::path::{Choice, best_path_from, forward_step};
use crate::calendar::era::{EraId, RegimeId};
use std::sync::Arc;

mod readings;

use readings::*;

/// What a heading names, as the segmenter read it.
#[derive(Debug, Clone)]
pub(super) enum Written {
    /// An era (or a ruler's years) the table knows: its candidates.
    Era(Vec<EraId>),
    /// An era the table does not know, by its folded name.
    Unknown(String),
    /// A bare ordinal (`二年`): the era in force.
    Bare,
    /// A year named by its 干支 alone (`戊子年`), or by its CE year alone (`前806年，`: no
    /// 干支, an annotation).
    GanzhiOnly,
}

/// What the text says about time between the previous heading and this one.
#[derive(Debug, Clone, Default)]
pub(super) struct Hints {
    /// Eras proclaimed since (改元X, 改明年為X元年), in the order of the text.
    pub gaiyuan: Vec<EraId>,
    /// For each of `gaiyuan`, how many proclamations came after its own.
    pub superseded: Vec<u16>,
    /// The years of rulers named since by a ruler line or a 卷 title.
    pub rulers: Vec<EraId>,
    /// Eras and ordinals of dates written in sentences since (`。显德三年，`), the last few,
    /// in the order of the text: a bare year may count in one of them, and a year named by
    /// its 干支 alone is the first of that 干支 from them on.
    pub mentioned: Vec<(EraId, u32)>,
    /// How many of the last of `mentioned` the heading's own sentence says the year was
    /// called (`稱天福十二年`): read as the year itself, not as a hint.
    pub called: usize,
    /// Regimes the book, its 卷 title or a ruler line are about.
    pub regimes: std::sync::Arc<[RegimeId]>,
    /// The 干支 of the first year of the 卷 that starts since (`起著雍攝提格`).
    pub volume_ganzhi: Option<Ganzhi>,
    /// A new 卷 (or 本紀) starts since the last heading: its first year may go back over
    /// years told already (an emperor's 本紀 opening before the last one's ends).
    pub new_volume: bool,
    /// A ruler line since named a king the table does not know (皇王大紀's 貞王), folded:
    /// a 元年 reckoned from the year before is his, and his later years count on from it.
    pub unknown_ruler: Option<String>,
}

/// One heading, for the resolver.
#[derive(Debug, Clone)]
pub(super) struct Heading {
    /// It may be a date in a sentence rather than a heading: the resolver may pass over it,
    /// and reading it as a heading costs this much more.
    pub optional: Option<f32>,
    /// The era name as written, folded (empty for bare ordinals and 干支 years).
    pub key: String,
    pub written: Written,
    /// The ordinal year (元年 = 1); 0 for [`Written::GanzhiOnly`].
    pub ordinal: u32,
    /// The year's 干支 as the heading writes it (before the era, after the ordinal, or in
    /// its annotation).
    pub ganzhi: Option<Ganzhi>,
    /// The CE year its annotation gives.
    pub annotation: Option<CeYear>,
    /// Of an optional heading: the day written right after it (`二年正月辛卯朔`), which the
    /// calendar of a year it may be read as can refute. (Boxed: few headings have one.)
    pub first_day: Option<Box<TimeMark>>,
    /// It opens a paragraph (not in mid-line or mid-paragraph).
    pub opens_paragraph: bool,
    /// It is written inside its own era's proclamation (`…改萬歴四十八年八月後為泰昌元年
    /// 冬十月`), not as a heading after it.
    pub in_proclamation: bool,
    /// A new era's 元年 in mid-line with the new ruler's accession right after it (南史:
    /// `…延興元年秋七月丁酉皇帝即位大赦改元`): the era changed in the year, which may be
    /// told in two parts ([`ERA_CHANGE_IN_YEAR`]) as a paragraph's may.
    pub accession: bool,
    /// It writes again, at the start of a new reign's part, the year a heading run on in
    /// mid-line just before it opened with an earlier month (新五代史 漢高祖紀 `…乾祐元年
    /// 春正月乙卯…`, then 隱帝紀 `乾祐元年二月辛巳…`): the step from that year to itself
    /// is free, and passing over the first costs [`RESTATED_SKIPPED`].
    pub restates: bool,
    /// A year run on in prose with nothing after it that opens a year, in a book whose
    /// years run so (the 史記's `…三年文公以兵…四年至汧渭之會…十年初為鄜畤…`): a step
    /// forward of up to thirty years to it costs [`RUN_ON_GAP`] a year, as such a book
    /// tells only the years that matter.
    pub run_on: bool,
    /// (Shared: [`Forward::pushed`] lets most of them go once read.)
    pub hints: Arc<Hints>,
}

/// The decision for one heading.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Resolved {
    /// An optional heading found not to be one: a date in a sentence.
    pub skipped: bool,
    pub era: Option<EraId>,
    pub ce: Option<CeYear>,
    pub source: CeSource,
    /// The CE year the era table gives for the era and ordinal, when the decision differs.
    pub table_ce: Option<CeYear>,
    pub doubts: Vec<Doubt>,
}

/// A possible reading of one heading.
#[derive(Debug, Clone)]
struct Reading {
    era: Option<EraId>,
    /// The unknown era it counts in (index into the resolver's names). (Indices here are
    /// `u32`, as in `Requires::Index`: a reading is 60 bytes, not 80, and the resolver
    /// keeps every heading's.)
    unknown: Option<u32>,
    ordinal: u32,
    ce: Option<CeYear>,
    /// The last known CE year up to and including this heading.
    last: Option<CeYear>,
    source: CeSource,
    cost: f32,
    /// What the previous heading's reading must be for this one to make sense.
    requires: Requires,
    /// Not a heading at all: the previous reading carried through.
    skip: bool,
    /// The part of `cost` that speaks against the era itself (another country's or
    /// regime's, counted past its end): paid once for a run of years in that era.
    once: f32,
    /// The regime of `era`, and the part of `once` that is for a regime the context does
    /// not name: paid once for a run of that regime's eras (a book of 西夏 that dates by
    /// 唐's 中和, 光啓, 文德 in turn).
    regime: Option<RegimeId>,
    regime_once: f32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Requires {
    Nothing,
    /// The previous reading counts in this era (a bare ordinal continuing it).
    Era(EraId),
    /// The previous reading's last known year is this one (a year reckoned from it).
    Last(Option<CeYear>),
    /// The previous reading is this one (a skipped heading carries it through).
    Index(u32),
    /// The previous heading was passed over (what it was told holds for this one).
    Skipped,
}

/// Costs, in rough units of "how surprising": 1 is a small oddity, 10 a thing chronicles
/// almost never do.
mod cost {
    /// A foreign era (Japan's 天慶 in a Chinese book).
    pub const FOREIGN: f32 = 12.0;
    /// A reign's revised count where the table also has the 史記 年表's (衛 悼公: 469 BCE
    /// revised, 455 by the 史記): as much as thirty years more of run-on steps
    /// ([`RUN_ON_GAP`](super::RUN_ON_GAP)), so a book read by the 史記 takes its own count.
    pub const REVISED_COUNT: f32 = 0.5;
    /// An ordinal past the era's real end (and past the years some counted it on).
    pub const PAST_END: f32 = 7.0;
    /// A bare year past its era's end read in the regime's next era, begun at the new
    /// year, whose 元年 no heading gave.
    pub const ERA_CHANGE_UNREAD: f32 = 1.5;
    /// An ordinal in the years some counted an era on past its real end, two or more
    /// years on (前涼's 建興 to 361, Korea's 崇禎): more with each year further on.
    pub const COUNTED_ON: f32 = 0.3;
    /// A written 干支 the reading's year does not have.
    pub const GANZHI_MISS: f32 = 4.0;
    /// A written 干支 the year of an optional heading's era and number has (less than
    /// it costs to take one across a gap of a few years).
    pub const GANZHI_AGREES: f32 = 1.0;
    /// Taking the year from the written 干支 against the era table (the book's own
    /// chronology, as 契丹國志's).
    pub const GANZHI_OVER_TABLE: f32 = 0.6;
    /// An annotation the reading's year disagrees with.
    pub const ANNOTATION_MISS: f32 = 8.0;
    /// A reading of a regime the context does not name.
    pub const OTHER_REGIME: f32 = 1.5;
    /// A ruler's years read as another state's ruler of the same name, when a state in force
    /// had a ruler so named.
    pub const OTHER_STATE_SAME_NAME: f32 = 8.0;
    /// A bare ordinal in an era only proclaimed or only named by a ruler line.
    pub const HINTED: f32 = 0.3;
    /// An era name's reading as another's than the ruler just named (a ruler line's or
    /// title's) who used it.
    pub const HINTED_OTHER: f32 = 1.0;
    /// An era as the one another regime took over (see `borrowed_cost`): less than another
    /// regime's era, so a book of the regime that took it over still reads it as its own.
    pub const BORROWED: f32 = 0.5;
    /// A bare ordinal in the era of a date written in a sentence before it (dearer than a
    /// ruler line's: 漢書 文帝紀's `高祖十一年` in its prologue does not make 文帝's
    /// years 高祖's).
    pub const MENTIONED: f32 = 0.8;
    /// A year reckoned from its neighbours alone.
    pub const RECKONED: f32 = 3.0;
    /// Counting a proclaimed era from the year of its proclamation, against the table.
    pub const FROM_PROCLAMATION: f32 = 1.0;
    /// Reading an optional heading as a year whose calendar does not have the day written
    /// right after it (a flashback: `…二年正月辛卯朔…` inside 建炎元年 is 靖康's 二年).
    pub const DAY_MISS: f32 = 3.0;
    /// No year at all.
    pub const NONE: f32 = 25.0;
    /// The first year of a 卷 whose span names another 干支.
    pub const VOLUME_GANZHI_MISS: f32 = 2.0;
    /// Reading an optional heading (a date opening a sentence, one in mid-line) as a
    /// heading rather than as a date in a sentence.
    pub const SKIP: f32 = 1.0;
    /// Reading a name as the end of a longer era name (建國 for 始建國).
    pub const ABBREVIATED: f32 = 2.0;
    /// Reading a heading that names a ruler's years as the years of the ruler in force
    /// (a ruler line's or the previous heading's): the text has the wrong name.
    pub const NAME_SLIP: f32 = 2.5;
    /// The same, for the headings after one so read.
    pub const NAME_SLIP_AGAIN: f32 = 0.5;
}

/// How much a step from year `a` to year `b` costs: a year on is free, a repeat (the last
/// year of one reign and the first of the next) or a gap of a few years is cheap, a jump of
/// decades or a step backwards dear.
fn step(a: Option<CeYear>, b: Option<CeYear>) -> f32 {
    let (Some(a), Some(b)) = (a, b) else {
        return 2.0;
    };
    let d = b.since(a);
    // The steps of up to `STEPS` years either way, worked out once (the logarithms are
    // most of the cost of a step, and the resolver weighs hundreds of thousands).
    static TABLE: std::sync::LazyLock<Vec<f32>> =
        std::sync::LazyLock::new(|| (-STEPS..=STEPS).map(step_of).collect());
    if (-STEPS..=STEPS).contains(&d) {
        TABLE[(d + STEPS) as usize]
    } else {
        step_of(d)
    }
}

/// The steps [`step`] keeps worked out.
const STEPS: i32 = 3000;

/// The cost of a step of `d` years.
fn step_of(d: i32) -> f32 {
    match d {
        1 => 0.0,
        0 => 1.2,
        2..=5 => 0.25 * (d - 1) as f32,
        6..=30 => 1.0 + 0.1 * d as f32,
        // A jump of decades or centuries is what a misread era looks like.
        d if d > 30 => 4.0 + 2.0 * (d as f32 / 30.0).ln() + 2.0,
        d => 6.0 + 1.5 * ((-d) as f32).ln_1p(),
    }
}

/// The step to a book's first year read, after passing over the optional headings before it.
const START_SKIP: f32 = 1.5;

/// What reading a date that opens a sentence (or stands in mid-line) as a heading costs.
pub(super) const SKIP_BIAS: f32 = cost::SKIP;

/// What reading a year that opens a paragraph and a sentence (`文德元年，…`) as a heading
/// costs: less than a year stepped over, so that one that fits the years around it is one.
pub(super) const PARAGRAPH_PAUSE_BIAS: f32 = 0.2;

/// The index of an unknown era's or ruler's name in `names`, added if new.
fn unknown_index(names: &mut Vec<String>, name: &str) -> u32 {
    let k = match names.iter().position(|u| u == name) {
        Some(k) => k,
        None => {
            names.push(name.to_owned());
            names.len() - 1
        }
    };
    // (A name per heading at most: fewer than a text has bytes, which `MAX_INPUT` keeps
    // far below 2³².)
    u32::try_from(k).unwrap_or(u32::MAX)
}

/// What reading the very next year at a print line's start, in the middle of an
/// unpunctuated paragraph, as a heading costs: less than a year stepped over, so the
/// years after it decide.
pub(super) const RUN_ON_YEAR_BIAS: f32 = 0.1;

/// What passing over a later year of the era in force (up to twelve on), bare and with a
/// pause, at a paragraph's start costs (`二年，…` after `青龍元年，…`; `三十二年，…` after
/// `二十六年`).
pub(super) const PARAGRAPH_PAUSE_NEXT: f32 = 0.6;

/// What passing over a later year of the era in force, named with its era, at a
/// paragraph's start and before a pause costs (`大定十年，…` after `大定五年`): more than a
/// gap of a few years, so that a chronicle that tells only some years keeps them.
pub(super) const PARAGRAPH_ERA_LATER: f32 = 1.5;

/// What passing over a year run on in mid-line, its era named and the year's 干支 after it,
/// costs: more than a step of three decades (a 年譜 of one paragraph tells only some years),
/// less than a step backwards.
pub(super) const DATED_RUN_ON: f32 = 4.0;

/// What passing over a later year of the reign at an unpunctuated paragraph's start costs.
pub(super) const PARAGRAPH_YEAR: f32 = 1.0;

/// Readings kept per heading: the cheapest this many, and those tied with the last of them
/// up to [`BEAM_TIED`] (a ruler's name several regimes share, `太祖`, gives a dozen readings
/// of one cost, and only the years after tell them apart: 遼 太祖's 神冊四年 must not be
/// cut for being listed after 西秦's 太祖).
const BEAM: usize = 12;
/// Most readings kept per heading, ties with the [`BEAM`]th included.
const BEAM_TIED: usize = 256;
/// A runner-up within this much of the best makes a heading doubtful.
const DOUBT_MARGIN: f32 = 1.5;

/// The readings of every heading, laid end to end: heading `i`'s are
/// `all[starts[i]..starts[i + 1]]`.
struct Steps {
    all: Vec<Reading>,
    starts: Vec<usize>,
}

impl Steps {
    fn step(&self, i: usize) -> &[Reading] {
        &self.all[self.starts[i]..self.starts[i + 1]]
    }

    fn len(&self) -> usize {
        self.starts.len() - 1
    }
}

/// Lists [`readings`] fills anew for every heading (kept to spare an allocation each).
#[derive(Default)]
struct Scratch {
    /// The readings found.
    out: Vec<Reading>,
    lasts: Vec<Option<CeYear>>,
    seen: Vec<EraId>,
    /// The forward costs and back pointers of `out`, and the costs of the steps into it.
    fwd: Vec<f32>,
    back: Vec<u32>,
    trans: Vec<f32>,
}

/// Decide every heading. `country` is the book's (China unless its eras say otherwise).
pub(super) fn resolve(headings: &[Heading], eras: &EraTable) -> Vec<Resolved> {
    let mut f = Forward::new(eras, headings.len());
    for h in headings {
        f.push(h);
    }
    f.finish(headings)
}

/// The resolver's forward pass, a heading at a time, as the decider finds them (on a
/// thread of its own for a big text): each heading's readings, kept with the cheapest
/// ways into them; [`Forward::finish`] then walks the best path back and decides every
/// heading. The same readings and choices as one pass over all the headings.
pub(super) struct Forward<'e> {
    eras: &'e EraTable,
    unknown_names: Vec<String>,
    abbreviations: Abbreviations<'e>,
    steps: Steps,
    /// The forward pass of the best path, made as the readings are found: its costs keep
    /// the best readings only. Laid out as `steps`.
    fwd: Vec<f32>,
    /// The reading of the heading before each reading's cheapest path comes from, by its
    /// index among that heading's readings.
    back: Vec<u32>,
    scratch: Scratch,
    /// The cost of every step from a reading of the heading before to one of this one,
    /// worked out once for both passes of the best path: heading `i`'s are
    /// `trans[trans_at[i]..]`, a row of the readings before for each of its own.
    trans: Vec<f32>,
    trans_at: Vec<usize>,
    /// The eras proclaimed and the rulers named that the last heading was told, where it
    /// may be passed over (empty where it may not).
    carried: Vec<EraId>,
    /// The hints [`Forward::pushed`] last left a heading, for the next alike to share.
    kept: Option<Arc<Hints>>,
}

impl<'e> Forward<'e> {
    /// Ready for about `headings` headings.
    pub(super) fn new(eras: &'e EraTable, headings: usize) -> Self {
        let mut steps = Steps {
            all: Vec::with_capacity(headings * 4),
            starts: Vec::with_capacity(headings + 1),
        };
        steps.starts.push(0);
        Forward {
            eras,
            unknown_names: Vec::new(),
            abbreviations: Abbreviations::new(eras),
            steps,
            fwd: Vec::with_capacity(headings * 4),
            back: Vec::with_capacity(headings * 4),
            scratch: Scratch::default(),
            trans: Vec::with_capacity(headings * 16),
            trans_at: Vec::with_capacity(headings),
            carried: Vec::new(),
            kept: None,
        }
    }

    /// Heading `h`, once [pushed](Forward::push), as [`Forward::finish`] and the decider
    /// read it after: its era as written, ordinal, 干支 and annotation, and of its hints the
    /// regimes and whether a new volume starts. Its folded key, first day and the other
    /// hints are let go, and hints alike shared, so that a big book's tens of thousands of
    /// headings take little room while the others are read.
    pub(super) fn pushed(&mut self, h: &mut Heading) {
        h.key = String::new();
        h.first_day = None;
        let alike = |k: &Arc<Hints>| {
            Arc::ptr_eq(&k.regimes, &h.hints.regimes) && k.new_volume == h.hints.new_volume
        };
        match &self.kept {
            Some(k) if alike(k) => h.hints = Arc::clone(k),
            _ => {
                let kept = Arc::new(Hints {
                    regimes: Arc::clone(&h.hints.regimes),
                    new_volume: h.hints.new_volume,
                    ..Hints::default()
                });
                h.hints = Arc::clone(&kept);
                self.kept = Some(kept);
            }
        }
    }

    /// The next heading's readings and the cheapest ways into them.
    pub(super) fn push(&mut self, h: &Heading) {
        let Forward {
            eras,
            unknown_names,
            abbreviations,
            steps,
            fwd,
            back,
            scratch,
            trans,
            trans_at,
            carried,
            kept: _,
        } = self;
        let k = steps.len();
        let prev_at = if k > 0 { steps.starts[k - 1] } else { 0 };
        let prev: &[Reading] = &steps.all[prev_at..];
        let prev_fwd: &[f32] = &fwd[prev_at..];
        // What a heading that may be passed over was told (a ruler line, a proclamation)
        // holds for this one where it is (新元史 太宗紀: `十七年春` in the biography before
        // `元年己丑` must not take the ruler line's 太宗 with it).
        readings(
            h,
            carried,
            prev,
            eras,
            unknown_names,
            abbreviations,
            scratch,
        );
        carried.clear();
        if h.optional.is_some() {
            carried.extend(h.hints.gaiyuan.iter().chain(&h.hints.rulers));
        }
        let found = &mut scratch.out;
        let (f, b, t) = (&mut scratch.fwd, &mut scratch.back, &mut scratch.trans);
        f.clear();
        b.clear();
        t.clear();
        for s in found.iter() {
            if prev.is_empty() {
                f.push(s.cost);
                b.push(0);
            } else {
                let row = t.len();
                // (A strong heading is taken anyway: what it would add is pulling a date
                // in a sentence before it in as the era's last year.)
                // (Or a new era's 元年 right after its proclamation, in mid-line: 三國志
                // 文帝紀's `…改延康為黃初…黃初元年十一月`, after `延康元年` that year.)
                let opens = h.optional.is_some()
                    && (h.opens_paragraph
                        || h.accession
                        || !h.in_proclamation
                            && s.era.is_some_and(|e| h.hints.gaiyuan.contains(&e)));
                // A paragraph opening with a named era's year, a few years on from the last
                // (三十國春秋輯本's fragments, each led by its year: `咸寧五年` / `太康元年，…`):
                // it is refunded its bias and about what the gap it splits costs, so that a
                // year in its place is taken rather than passed over.
                let in_order = h.opens_paragraph
                    && h.optional == Some(PARAGRAPH_PAUSE_BIAS)
                    && !s.skip
                    && s.source == CeSource::Table;
                // So too one with its events run on after it in an unpunctuated text, a
                // book that tells only the years that matter (安南傳: `英宗天顺四年遣通政参议
                // …`, 26 years after 宣德九年, then `宪宗成化七年…`): the years passed over
                // cost as a run's do.
                let named_in_order =
                    h.opens_paragraph && h.optional == Some(-PARAGRAPH_YEAR) && !s.skip;
                // (A ruler's year named far into his reign, `慎公四十二年卒`, may be up to
                // thirty years on from the reign's 元年.)
                // (And a bare later year of the reign in force, up to its last: `…嗣君五年
                // …四十二年卒…`.)
                let run_on_reach = match h.written {
                    Written::Era(_) => 30 + i32::try_from(h.ordinal).unwrap_or(0) - 1,
                    _ => s.era.map_or(30, |e| {
                        i32::try_from(eras.get(e).len()).unwrap_or(30).max(30)
                    }),
                };
                t.extend(prev.iter().enumerate().map(|(pi, p)| {
                    let t = transition(pi, p, s, opens, eras);
                    let t = match (h.restates && !s.skip, p.skip) {
                        (true, false) if p.ce == s.ce => t - step(p.last, s.ce),
                        (true, true) => t + RESTATED_SKIPPED,
                        _ => t,
                    };
                    match (p.last, s.ce) {
                        (Some(a), Some(b)) if in_order && (1..=30).contains(&b.since(a)) => {
                            t - IN_ORDER_REFUND
                        }
                        (Some(a), Some(b))
                            if named_in_order
                                && (2..=NAMED_IN_ORDER_REACH).contains(&b.since(a))
                                && s.source == CeSource::Table =>
                        {
                            t - step(p.last, s.ce) + RUN_ON_GAP * (b.since(a) - 1) as f32
                        }
                        // (Not a bare year read in another 年號 than the last year's: a
                        // ruler's eras are no reign run on, `永興元年` passed over and `二年`
                        // read as 建元's nine years later.)
                        (Some(a), Some(b))
                            if h.run_on
                                && !s.skip
                                && (2..=run_on_reach).contains(&b.since(a))
                                && (s.era == p.era || s.source != CeSource::InForce) =>
                        {
                            t - step(p.last, s.ce) + RUN_ON_GAP * (b.since(a) - 1) as f32
                        }
                        _ => t,
                    }
                }));
                let (best, from) = forward_step(prev_fwd, |pi| t[row + pi]);
                f.push(best + s.cost);
                b.push(u32::try_from(from).expect("few readings"));
            }
        }
        if found.len() > 1 {
            let mut order: Vec<usize> = (0..found.len()).collect();
            order.sort_by(|&x, &y| f[x].total_cmp(&f[y]));
            // Of readings the next headings cannot tell apart, the cheapest does for all: a
            // passed-over heading copies every reading before it, and without this the
            // copies crowd out the readings that differ; a year counted on from one of
            // them must count from the cheapest (新元史 定宗紀's `元年丙午` after 甲辰, 乙巳).
            let mut states: Vec<Future> = Vec::with_capacity(order.len());
            order.retain(|&i| {
                let key = Future::of(&found[i]);
                let new = !states.contains(&key);
                if new {
                    states.push(key);
                }
                new
            });
            if order.len() > BEAM {
                let cut = f[order[BEAM - 1]] + 1e-3;
                let keep = BEAM + order[BEAM..].iter().take_while(|&&i| f[i] <= cut).count();
                order.truncate(keep.min(BEAM_TIED));
            }
            if order.len() < found.len() {
                order.sort_unstable();
                *found = order.iter().map(|&i| found[i].clone()).collect();
                *f = order.iter().map(|&i| f[i]).collect();
                *b = order.iter().map(|&i| b[i]).collect();
                let n = prev.len();
                let mut kept = Vec::with_capacity(order.len() * n);
                for &i in &order {
                    kept.extend_from_slice(&t[i * n..(i + 1) * n]);
                }
                *t = kept;
            }
        }
        // The next heading's readings may point at these by index.
        steps.all.append(found);
        steps.starts.push(steps.all.len());
        fwd.extend_from_slice(f);
        back.extend_from_slice(b);
        trans_at.push(trans.len());
        trans.extend_from_slice(t);
    }

    /// Decide every heading: `headings` are those pushed, in order.
    pub(super) fn finish(self, headings: &[Heading]) -> Vec<Resolved> {
        let Forward {
            eras,
            steps,
            fwd,
            back,
            trans,
            trans_at,
            ..
        } = self;
        debug_assert_eq!(steps.len(), headings.len());
        let choices = best_path_from(
            &steps.starts,
            |k| steps.all[k].cost,
            &fwd,
            &back,
            |i, p, s| {
                let before = steps.starts[i] - steps.starts[i - 1];
                trans[trans_at[i] + s * before + p]
            },
            // Passing over a heading does not make its year doubtful; nor does the other
            // count of a disputed reign make it ambiguous (that doubt is its own).
            |i, a, b| {
                let st = steps.step(i);
                st[a].ce == st[b].ce
                    || st[a].skip
                    || st[b].skip
                    || st[a]
                        .era
                        .and_then(|e| eras.other_count(e))
                        .is_some_and(|t| Some(t) == st[b].era)
            },
        );
        if std::env::var_os("ANNALS_DEBUG_RESOLVE").is_some() {
            debug_dump(headings, &steps, &choices, eras, &fwd);
        }
        // The best path is found: its costs are let go before the decisions are made.
        drop((fwd, back, trans, trans_at));
        let chosen: Vec<&Reading> = choices
            .iter()
            .enumerate()
            .map(|(i, c)| &steps.step(i)[c.index])
            .collect();
        let mut out: Vec<Resolved> = (0..headings.len())
            .map(|i| decide(i, headings, &chosen, &choices, &steps, eras))
            .collect();
        fill_from_later(&mut out, headings, eras);
        behind_the_run(&mut out, headings, eras);
        spread_doubts(&mut out);
        out
    }
}

/// How many years before the next known year a heading's 干支 may put it
/// ([`fill_from_later`]), where no ordinal ties the two.
const GANZHI_BACK_MAX: i32 = 3;

/// Bare years with no CE year, before the first heading that has one (a sample or 卷 that
/// opens in mid-reign: 清史稿's `十六年`, `十七年`, `十八年` before 聖祖紀's `顺治十八年`;
/// 通鑑輯覽's `【乙丑】五年` … before `【戊辰】崇祯元年`), counted back from it: in the later
/// heading's era where their ordinals run up to its own (a new 卷 may retell its year), or
/// else by their own 干支, the nearest year of it before the next one known. A year counted
/// back without a 干支 to confirm it is marked doubtful ([`Doubt::Reckoned`]). The run
/// stops at the first heading that fits neither.
fn fill_from_later(out: &mut [Resolved], headings: &[Heading], eras: &EraTable) {
    let mut i = out.len();
    while i > 0 {
        i -= 1;
        let r = &out[i];
        if r.skipped || r.ce.is_none() {
            continue;
        }
        // `i` is known: fill the unknown bare years right before it.
        let (mut era, mut ordinal, mut ce) = (r.era, headings[i].ordinal, r.ce.expect("known"));
        let mut later = i;
        let mut j = i;
        while j > 0 {
            j -= 1;
            if out[j].skipped {
                continue;
            }
            let h = &headings[j];
            if out[j].ce.is_some() || !matches!(h.written, Written::Bare) || h.ordinal == 0 {
                break;
            }
            let retold = headings[j + 1..=later].iter().any(|h| h.hints.new_volume);
            let by_era = era
                .filter(|_| h.ordinal < ordinal || (retold && h.ordinal == ordinal))
                .and_then(|e| Some((e, year_of(eras, e, h.ordinal)?)))
                .filter(|&(_, y)| h.ganzhi.is_none_or(|g| Ganzhi::of_year(y) == g))
                .filter(|&(_, y)| y.since(ce) < 0 || (retold && y == ce));
            let (y, e, source) = match (by_era, h.ganzhi) {
                (Some((e, y)), _) => (y, Some(e), CeSource::Later),
                (None, Some(g)) => {
                    let y = g.nearest_year(ce.add(-(GANZHI_BACK_MAX + 1) / 2));
                    let back = ce.since(y);
                    let fits = if era.is_none() && h.ordinal < ordinal {
                        // (Counted in one reign with the later year: the ordinals' step.)
                        back == (ordinal - h.ordinal) as i32
                    } else {
                        (1..=GANZHI_BACK_MAX).contains(&back)
                    };
                    if !fits {
                        break;
                    }
                    (y, None, CeSource::Ganzhi)
                }
                (None, None) => break,
            };
            let o = &mut out[j];
            o.ce = Some(y);
            o.era = e;
            o.source = source;
            o.doubts.retain(|d| *d != Doubt::NoYear);
            if h.ganzhi.is_none() {
                o.doubts.push(Doubt::Reckoned);
            }
            (era, ordinal, ce, later) = (e, h.ordinal, y, j);
        }
        // (Go on from where the run stopped: it may be known itself.)
        if j < i {
            i = j + 1;
        }
    }
}

/// Years behind the latest year told before them in their 卷, though not behind the year
/// right before them (資治通鑑 卷二十七 with its `五鳯元年` missed: `神爵四年`, then `二年`,
/// `三年`, `四年` counted on in 神爵, the last a year told already), or one told already in
/// the same era: marked [`Doubt::Backwards`] as a step back is. A new 卷 may retell.
fn behind_the_run(out: &mut [Resolved], headings: &[Heading], eras: &EraTable) {
    let mut latest: Option<(CeYear, Option<EraId>, usize)> = None;
    let mut prev: Option<usize> = None;
    for i in 0..out.len() {
        let other = |(_, era, at): (CeYear, Option<EraId>, usize)| {
            other_annals(era, out[i].era, &headings[at + 1..=i], eras)
        };
        if headings[i].hints.new_volume || latest.is_some_and(other) {
            latest = None;
        }
        if out[i].skipped {
            continue;
        }
        let Some(ce) = out[i].ce else { continue };
        if let Some((top, era, at)) = latest {
            let behind = ce.since(top) < 0 || (ce == top && era == out[i].era && era.is_some());
            if behind && Some(at) != prev && !out[i].doubts.contains(&Doubt::Backwards) {
                out[i].doubts.push(Doubt::Backwards);
            }
        }
        if latest.is_none_or(|(top, _, _)| ce.since(top) > 0) {
            latest = Some((ce, out[i].era, i));
        }
        prev = Some(i);
    }
}

/// Whether a heading of era `later` opens the annals of another regime than `earlier`'s
/// (or an unknown era's), its ruler named since (`hints.rulers` of one of `between`, the
/// headings after the earlier up to the later): a 本紀 telling two regimes one after the
/// other goes back to the second's first year (北史 魏本紀第五: 西魏 to 557, then `東魏孝静皇帝諱善見…`, 天平元年 534).
fn other_annals(
    earlier: Option<EraId>,
    later: Option<EraId>,
    between: &[Heading],
    eras: &EraTable,
) -> bool {
    let Some(b) = later else {
        return false;
    };
    let theirs = eras.get(b).regime();
    earlier.is_none_or(|a| eras.get(a).regime() != theirs)
        && between.iter().any(|h| {
            h.hints
                .rulers
                .iter()
                .any(|&e| eras.get(e).regime() == theirs)
        })
}

/// A doubt about one year is a doubt about the years counted from it: the run of years of
/// one era before a step backwards, and the years of an era counted on from a doubtful
/// heading.
fn spread_doubts(out: &mut [Resolved]) {
    let kept: Vec<usize> = (0..out.len()).filter(|&i| !out[i].skipped).collect();
    for w in kept.windows(2).rev() {
        let (a, b) = (w[0], w[1]);
        if out[b].doubts.contains(&Doubt::Backwards) && out[a].doubts.contains(&Doubt::Backwards) {
            continue;
        }
        let (Some(x), Some(y)) = (out[a].ce, out[b].ce) else {
            continue;
        };
        // A run of one era, a year at a time, up to a heading marked backwards after it; or
        // a few years at a time where the earlier year's era is only the one taken to be
        // in force (bare `三年春`, `四年春`, `六年` read in a ruler's era from his name):
        // the step back refutes the era they were counted in as much as what follows.
        let inferred = matches!(out[a].source, CeSource::InForce | CeSource::Ruler);
        let d = y.since(x);
        if out[b].doubts.contains(&Doubt::Backwards)
            && (d == 1 || (inferred && (2..=5).contains(&d)))
            && out[a].era.is_some()
            && out[a].era == out[b].era
        {
            out[a].doubts.push(Doubt::Backwards);
        }
    }
    // (Not a step backwards: the years after one are as often right as those before.)
    const SPREADS: [Doubt; 4] = [
        Doubt::Leap,
        Doubt::Ambiguous,
        Doubt::NameConflict,
        Doubt::Inherited,
    ];
    for w in kept.windows(2) {
        let (a, b) = (w[0], w[1]);
        let counted_on = matches!(out[b].source, CeSource::InForce | CeSource::Ruler)
            && out[b].era.is_some()
            && out[b].era == out[a].era;
        if counted_on
            && out[b].doubts.is_empty()
            && out[a].doubts.iter().any(|d| SPREADS.contains(d))
        {
            out[b].doubts.push(Doubt::Inherited);
        }
    }
}

/// Chinese eras by the endings of their names, for names written short; built on demand.
pub(super) struct Abbreviations<'e> {
    eras: &'e EraTable,
    /// Every Chinese era's folded names (found on the first question).
    names: Option<std::borrow::Cow<'static, [(String, EraId)]>>,
    /// The keys asked, with their answers' places in `lists`.
    found: std::collections::HashMap<String, usize>,
    lists: Vec<Vec<EraId>>,
    /// The last key asked and its answer's place (the headings of one era ask in a row).
    last: Option<(String, usize)>,
}

impl<'e> Abbreviations<'e> {
    pub(super) fn new(eras: &'e EraTable) -> Self {
        Abbreviations {
            eras,
            names: None,
            found: std::collections::HashMap::new(),
            lists: Vec::new(),
            last: None,
        }
    }

    /// The eras with a longer name ending in `key` (two characters at least).
    pub(super) fn ending_with(&mut self, key: &str) -> &[EraId] {
        if let Some((k, i)) = &self.last {
            if k == key {
                return &self.lists[*i];
            }
        }
        if key.chars().count() < 2 {
            return &[];
        }
        let eras = self.eras;
        let names = self.names.get_or_insert_with(|| china_era_names(eras));
        let i = match self.found.get(key) {
            Some(&i) => i,
            None => {
                let mut ids: Vec<EraId> = names
                    .iter()
                    .filter(|(n, _)| n.len() > key.len() && n.ends_with(key))
                    .map(|&(_, id)| id)
                    .collect();
                ids.dedup();
                self.lists.push(ids);
                self.found.insert(key.to_owned(), self.lists.len() - 1);
                self.lists.len() - 1
            }
        };
        match &mut self.last {
            Some((k, at)) => {
                k.clear();
                k.push_str(key);
                *at = i;
            }
            None => self.last = Some((key.to_owned(), i)),
        }
        &self.lists[i]
    }
}

/// Every Chinese era's folded names: found once for the embedded table, every time for
/// another.
fn china_era_names(eras: &EraTable) -> std::borrow::Cow<'static, [(String, EraId)]> {
    fn find(eras: &EraTable) -> Vec<(String, EraId)> {
        let mut names = Vec::new();
        for &id in eras.ids() {
            let e = eras.get(id);
            if e.country() == Country::China && e.kind() == EraKind::Era {
                for n in e.names() {
                    names.push((crate::calendar::variants::fold_key(n), id));
                }
            }
        }
        names
    }
    static NAMES: std::sync::OnceLock<Vec<(String, EraId)>> = std::sync::OnceLock::new();
    if std::ptr::eq(eras, EraTable::embedded()) {
        std::borrow::Cow::Borrowed(NAMES.get_or_init(|| find(eras)))
    } else {
        std::borrow::Cow::Owned(find(eras))
    }
}

/// What of a reading the headings after it see ([`transition`], the readings counted on
/// from it): two readings of one heading with the same are the same to them.
#[derive(PartialEq)]
struct Future {
    era: Option<EraId>,
    unknown: Option<u32>,
    ordinal: u32,
    ce: Option<CeYear>,
    last: Option<CeYear>,
    skip: bool,
    regime: Option<RegimeId>,
    /// `once` and `regime_once`, by their bits.
    once: (u32, u32),
}

impl Future {
    fn of(r: &Reading) -> Future {
        Future {
            era: r.era,
            unknown: r.unknown,
            ordinal: r.ordinal,
            ce: r.ce,
            last: r.last,
            skip: r.skip,
            regime: r.regime,
            once: (r.once.to_bits(), r.regime_once.to_bits()),
        }
    }
}

/// What following reading `p` (the `pi`th of the previous heading) with `s` costs; `opens`:
/// `s`'s heading opens a paragraph and may be passed over.
fn transition(pi: usize, p: &Reading, s: &Reading, opens: bool, eras: &EraTable) -> f32 {
    match s.requires {
        Requires::Index(i) if i as usize != pi => return f32::INFINITY,
        Requires::Skipped if !p.skip => return f32::INFINITY,
        Requires::Era(e) if p.era != Some(e) => return f32::INFINITY,
        Requires::Last(l) if p.last != l => return f32::INFINITY,
        _ => {}
    }
    if s.skip {
        return 0.0;
    }
    // What speaks against an era is paid once for a run of its years, not every year.
    let refund = if s.era.is_some() && s.era == p.era {
        p.once.min(s.once)
    } else if s.regime.is_some() && s.regime == p.regime {
        p.regime_once.min(s.regime_once)
    } else {
        0.0
    };
    // Nothing read before (an optional heading passed over at the book's start): what a
    // gap of some years would cost, less than a year unknown (金史 本紀's 收國元年 in 太宗's
    // biography, eight years before 天輔七年, is passed over; 晉書's 黃初二年 before 五年
    // is not).
    if p.skip && p.last.is_none() {
        return START_SKIP;
    }
    // A regime's new era proclaimed in the year its last one ended, its 元年 headed apart
    // (金小史: `正隆六年，…` / `大定元年，雍立于东京`): one year told in two parts. So too
    // a new dynasty's first era in the year the last one's ended (新五代史: 梁's
    // `龍德三年` / 唐's `同光元年`, both 923), or a path through a state that took over
    // both eras (閩's 龍德 and 同光) would read as one regime and win.
    if opens
        && s.ordinal == 1
        && s.era.is_some()
        && p.era != s.era
        && p.last.is_some()
        && p.last == s.ce
        && ((s.regime.is_some() && p.regime == s.regime)
            || p.era.is_some_and(|e| Some(eras.get(e).end()) == p.last))
    {
        return ERA_CHANGE_IN_YEAR - refund;
    }
    step(p.last, s.ce) - refund
}

/// What a paragraph's named year in order after the last year (up to thirty years on) is
/// refunded: its bias ([`PARAGRAPH_PAUSE_BIAS`]) and about what a gap of some years costs
/// more split in two, so that taking it costs less than passing over it even where no later
/// year needs it (a book's last years: 三十國春秋輯本's fragments of 升平四年, 太和六年,
/// 太元元年). A constant, not the step itself: between two readings both in order, the
/// shorter step still wins (晉書 宣帝紀's 青龍 years, not 太和's again).
const IN_ORDER_REFUND: f32 = PARAGRAPH_PAUSE_BIAS + 1.3;

/// How many years on from the last a paragraph's named year (see `named_in_order` in
/// [`Forward::push`]) is taken as the book going on: a gazetteer's 禨祥 tells the years of
/// omens, decades apart (廣西通志: 大曆六年, 771, then 元和三年, 808).
const NAMED_IN_ORDER_REACH: i32 = 60;

/// What each year passed over costs a year run on in prose (see [`Heading::run_on`]) up to
/// thirty years after the last (a named ruler's year: up to thirty years after the last to
/// his 元年), in place of a step's cost: such a book tells only the
/// years that matter, so the heading in its place is taken rather than passed over, and of
/// two readings the shorter step still wins.
const RUN_ON_GAP: f32 = 0.015;

/// What reading a restated year (see [`Heading::restates`]) costs more where the heading it
/// restates was passed over: its earlier month says that heading opened the year.
const RESTATED_SKIPPED: f32 = 0.3;

/// The step from a regime's era to its next era's 元年 in the same year: each heading
/// speaks for the other (the era's last year, then the year its successor was proclaimed),
/// so the two together cost less than either alone; a year's repeat costs 1.2 ([`step`]).
const ERA_CHANGE_IN_YEAR: f32 = -0.5;

/// The decision for heading `i` and why it may be doubted.
fn decide(
    i: usize,
    headings: &[Heading],
    chosen: &[&Reading],
    choices: &[Choice],
    steps: &Steps,
    eras: &EraTable,
) -> Resolved {
    let r = chosen[i];
    let h = &headings[i];
    let mut doubts = Vec::new();
    if r.skip {
        return Resolved {
            skipped: true,
            era: None,
            ce: None,
            source: CeSource::Context,
            table_ce: None,
            doubts,
        };
    }
    let table_ce = r.era.and_then(|e| year_of(eras, e, h.ordinal));
    if r.ce.is_none() {
        doubts.push(Doubt::NoYear);
    }
    if let Some(e) = r.era {
        let era = eras.get(e);
        let year = era.year(h.ordinal);
        // (Also the year it kept only for days of 正月 before the next era: 天平五年.)
        let in_name_only = year == Some(era.end()) && eras.ended_in_first_month(e).is_some();
        // (Or counted on past the real end, two years and more: 崇禎十九年.)
        let counted_on = year.is_some_and(|y| y.since(era.end()) > 1);
        if h.ordinal > 0 && (year.is_none() || in_name_only || counted_on) {
            doubts.push(Doubt::PastEraEnd);
        }
    }
    match &h.written {
        Written::Unknown(_) => doubts.push(Doubt::UnknownEra),
        Written::Era(ids) if r.era.is_some_and(|e| !ids.contains(&e)) => {
            doubts.push(Doubt::NameConflict)
        }
        _ => {}
    }
    if r.ce.is_some() && r.source == CeSource::Context {
        doubts.push(Doubt::Reckoned);
    }
    if let (Some(a), Some(g)) = (h.annotation, h.ganzhi) {
        if Ganzhi::of_year(a) != g {
            doubts.push(Doubt::SelfConflict);
        }
    }
    // The era (or the years around) kept against the heading's own 干支. (Withheld where
    // the heading names a ruler with no state, and the 干支 is years from the one chosen: 廣東通志's `成王七年壬辰` is not 楚's 成王, 前665, a 丙辰; the
    // book means 周's, whose years the table does not reach. Where an era or the 卷 says
    // whose years they are, a 干支 far off is more often the text's slip: `武徳四年辛丑`.)
    let mut withheld = false;
    if let (Some(ce), Some(g), None) = (r.ce, h.ganzhi, h.annotation) {
        if r.source != CeSource::Ganzhi && Ganzhi::of_year(ce) != g {
            doubts.push(Doubt::GanzhiConflict);
            withheld = ganzhi_far(g, ce) && names_a_ruler_of_no_named_regime(h, eras);
        }
    }
    // Against its neighbours: a step backwards, or a leap both neighbours disagree with.
    let known = |j: usize| {
        (!chosen[j].skip)
            .then_some(chosen[j].ce)
            .flatten()
            .map(|ce| (j, ce))
    };
    let prev = (0..i).rev().find_map(known);
    let next = (i + 1..chosen.len()).find_map(known);
    // A new volume going back a few years is a new 本紀 retelling them, not a misreading,
    // where both years are read from eras the table has (not reckoned, nor a ruler's
    // years, which a misread reign makes run on: 前漢紀's 沛公).
    let sure = |j: usize| {
        let c = chosen[j];
        c.era
            .is_some_and(|e| eras.get(e).kind() != EraKind::RulerYears)
            && matches!(
                c.source,
                CeSource::Table | CeSource::InForce | CeSource::Annotation | CeSource::Ganzhi
            )
    };
    let retold = |earlier: usize, later: usize, back: i32| {
        // (The new volume may have been seen by a heading passed over in between.)
        // (However far back where the new volume's era is another ruler's: 南天痕's 纪略
        // of 永曆 to 1661, then 魯監國's from 弘光元年, 1645.)
        let other_ruler = || {
            let ruler = |j: usize| chosen[j].era.map(|e| eras.get(e).ruler());
            ruler(earlier).is_some() && ruler(later).is_some() && ruler(earlier) != ruler(later)
        };
        let new_volume = headings[earlier + 1..=later]
            .iter()
            .any(|h| h.hints.new_volume)
            && (back >= -12 || other_ruler());
        // (Another regime's annals, its ruler named: however far back, whatever the year
        // before.)
        let other = other_annals(
            chosen[earlier].era,
            chosen[later].era,
            &headings[earlier + 1..=later],
            eras,
        );
        (new_volume && sure(earlier) || other) && sure(later)
    };
    if let (Some(ce), Some((j, p))) = (r.ce, prev) {
        if ce.since(p) < 0 && !retold(j, i, ce.since(p)) {
            doubts.push(Doubt::Backwards);
        }
    }
    // The heading before a step backwards is as suspect as the one after it: unless the
    // year stepped back to is one a heading before this one told already, both read from
    // eras the table has (a flashback to a told year, 魏書 恭宗's `正平元年六月…` after
    // 正平二年: the flashback is suspect, not the years it goes back over).
    let told_before = |j: usize, n: CeYear| {
        sure(j) && (0..i).any(|k| !chosen[k].skip && chosen[k].ce == Some(n) && sure(k))
    };
    if let (Some(ce), Some((j, n))) = (r.ce, next) {
        if n.since(ce) < 0
            && !retold(i, j, n.since(ce))
            && !told_before(j, n)
            && !doubts.contains(&Doubt::Backwards)
        {
            doubts.push(Doubt::Backwards);
        }
    }
    let prev = prev.map(|(_, ce)| ce);
    let next = next.map(|(_, ce)| ce);
    if let (Some(ce), Some(p)) = (r.ce, prev) {
        let far = |o: CeYear| ce.since(o).abs() > 30;
        if far(p) && next.is_none_or(far) {
            doubts.push(Doubt::Leap);
        }
    }
    // A close runner-up with another year. (A margin of exactly DOUBT_MARGIN, as a title
    // naming the regime gives over every other regime's ruler of the name, is no doubt:
    // the sums of costs may come out a little under it.)
    if choices[i].margin < DOUBT_MARGIN - 1e-3 && r.ce.is_some() {
        let mut others: Vec<CeYear> = steps
            .step(i)
            .iter()
            .filter_map(|s| s.ce)
            .filter(|&c| Some(c) != r.ce)
            .collect();
        others.sort_unstable();
        others.dedup();
        if !others.is_empty() {
            doubts.push(Doubt::Ambiguous);
        }
    }
    // A ruler's year run on in prose, where nothing names the regime the text is about and
    // several regimes had a ruler of that name (古史's `…是爲獻公¶獻公元年…`, a sample
    // opening inside 齊世家: 齊's 獻公, 859 BCE, or 晉's, 676): the years around it are a
    // thin guide, since such a book names few of its rulers with a year.
    if h.run_on && h.hints.regimes.is_empty() && !doubts.contains(&Doubt::Ambiguous) {
        if let Written::Era(ids) = &h.written {
            let regime = |id: &EraId| eras.get(*id).regime();
            if ids
                .iter()
                .any(|id| Some(regime(id)) != r.era.map(|e| regime(&e)))
            {
                doubts.push(Doubt::Ambiguous);
            }
        }
    }
    // Another country's year that the written 干支 fits as well, passed over only for being
    // another country's (a ruler line `景宗`, then `(丙子)元年`: 西夏 景宗's 大慶元年, 1036,
    // or 高麗 景宗's first year, 976, sixty years before): unless the book or its 卷 names
    // that country's regime, nothing in the text decides.
    if !doubts.contains(&Doubt::Ambiguous) && foreign_fits_as_well(h, r, steps.step(i), eras) {
        doubts.push(Doubt::Ambiguous);
    }
    // A year of a reign the 史記 年表 and the revised chronologies count differently, unless
    // the heading's own 干支 or annotation gave it.
    let disputed = |e: EraId| {
        eras.get(e).chronology() != Chronology::Agreed
            && eras.other_count_year(e, h.ordinal) != r.ce
    };
    if r.era.is_some_and(disputed) && !matches!(r.source, CeSource::Annotation | CeSource::Ganzhi) {
        doubts.push(Doubt::Disputed);
    }
    if withheld {
        // Neither the year nor the ruler it came from is shown; the year stays as the
        // table's, for `check` to say what was refused.
        return Resolved {
            skipped: false,
            era: None,
            ce: None,
            source: r.source,
            table_ce: r.ce,
            doubts: vec![Doubt::GanzhiConflict],
        };
    }
    Resolved {
        skipped: false,
        era: r.era,
        ce: r.ce,
        source: r.source,
        table_ce: table_ce.filter(|t| Some(*t) != r.ce),
        doubts,
    }
}

/// Whether the written 干支 `g` is more than [`GANZHI_NEAR`] years from the year `ce` a
/// heading's era and neighbours give: not a book's own chronology a year or two off the
/// table (契丹國志), but another year altogether, so that `ce` is not shown as the year.
pub(crate) fn ganzhi_far(g: Ganzhi, ce: CeYear) -> bool {
    g.nearest_year(ce).since(ce).abs() > GANZHI_NEAR
}

/// How far a written 干支 may be from the year its era gives and the year still be shown.
const GANZHI_NEAR: i32 = 3;

/// Whether heading `h` names a ruler's own years (`成王七年`, `宣王二年`: a title the
/// kings of several states, and of 周 before the table's first year, bore) and no era,
/// and neither the heading nor its 卷 names the regime.
fn names_a_ruler_of_no_named_regime(h: &Heading, eras: &EraTable) -> bool {
    let Written::Era(ids) = &h.written else {
        return false;
    };
    let regimes = |kind: fn(EraKind) -> bool| {
        let mut r: Vec<RegimeId> = ids
            .iter()
            .filter(|&&id| kind(eras.get(id).kind()))
            .map(|&id| eras.get(id).regime())
            .collect();
        r.sort_unstable();
        r.dedup();
        r
    };
    h.hints.regimes.is_empty()
        && regimes(|k| k != EraKind::RulerYears).is_empty()
        && !regimes(|k| k == EraKind::RulerYears).is_empty()
}

/// Whether a reading among `all` of heading `h` is of another country's era, with another
/// CE year of the same written 干支 as the chosen `r`'s, and would cost no more than
/// [`DOUBT_MARGIN`] over `r` were it not another country's.
fn foreign_fits_as_well(h: &Heading, r: &Reading, all: &[Reading], eras: &EraTable) -> bool {
    let (Some(g), Some(ce)) = (h.ganzhi, r.ce) else {
        return false;
    };
    if Ganzhi::of_year(ce) != g {
        return false;
    }
    all.iter().any(|s| {
        // (The foreign era's own year, not one its 干支 was moved to: 越南 乾元二年 is 1303,
        // 癸卯, which 己亥 does not fit; read as 1299 by the 干支 alone it fits nothing.)
        s.source != CeSource::Ganzhi
            && s.ce.is_some_and(|c| c != ce && Ganzhi::of_year(c) == g)
            && s.era.is_some_and(|e| {
                let era = eras.get(e);
                era.country() != Country::China && !h.hints.regimes.contains(&era.regime())
            })
            && s.cost - cost::FOREIGN <= r.cost + DOUBT_MARGIN
    })
}

/// The likeliest era among `ids` for year `ordinal` of a date read alone (a dated passage,
/// a parallel regime's date): Chinese before foreign, of `regimes` when given, within the
/// era's years, with the written 干支, nearest `around`.
pub(crate) fn pick(
    eras: &EraTable,
    ids: &[EraId],
    ordinal: u32,
    around: Option<CeYear>,
    ganzhi: Option<Ganzhi>,
    regimes: &[RegimeId],
) -> Option<EraId> {
    ids.iter()
        .copied()
        .min_by_key(|&id| pick_score(eras, id, ordinal, around, ganzhi, regimes))
}

/// [`pick`], and whether the choice is doubtful: another era of the same standing gives
/// another CE year (太平 of ten regimes, with nothing around to choose by), or the one
/// chosen is foreign, past its end or against the written 干支 (a name only one regime used is not doubted for being another regime's than
/// the book's: a preface dated by the compiler's own dynasty).
pub(crate) fn pick_with_doubt(
    eras: &EraTable,
    ids: &[EraId],
    ordinal: u32,
    around: Option<CeYear>,
    ganzhi: Option<Ganzhi>,
    regimes: &[RegimeId],
) -> (Option<EraId>, bool) {
    let Some(best) = pick(eras, ids, ordinal, around, ganzhi, regimes) else {
        return (None, true);
    };
    let standing = |id| pick_score(eras, id, ordinal, None, ganzhi, regimes);
    let year = eras.get(best).year(ordinal);
    let rivals = ids
        .iter()
        .any(|&id| standing(id) == standing(best) && eras.get(id).year(ordinal) != year);
    let unfit = pick_score(eras, best, ordinal, None, ganzhi, &[]) >= 1_000;
    (Some(best), rivals || unfit)
}

/// How unlikely era `id` is for a date read alone: the lower the likelier (see [`pick`]).
fn pick_score(
    eras: &EraTable,
    id: EraId,
    ordinal: u32,
    around: Option<CeYear>,
    ganzhi: Option<Ganzhi>,
    regimes: &[RegimeId],
) -> i64 {
    let e = eras.get(id);
    let mut score = 0i64;
    if e.country() != Country::China {
        score += 1_000_000;
    }
    if !regimes.is_empty() && !regimes.contains(&e.regime()) {
        score += 100_000;
    }
    match e.year(ordinal) {
        None => score += 10_000,
        Some(y) => {
            if ganzhi.is_some_and(|g| Ganzhi::of_year(y) != g) {
                score += 1_000;
            }
            if let Some(a) = around {
                score += i64::from(y.since(a).abs().min(999));
            }
        }
    }
    score
}

/// The readings of every heading and the choice, on standard error (for finding out why a
/// book reads as it does; set `ANNALS_DEBUG_RESOLVE`).
fn debug_dump(
    headings: &[Heading],
    steps: &Steps,
    choices: &[Choice],
    eras: &EraTable,
    fwd: &[f32],
) {
    for (i, c) in choices.iter().enumerate().take(steps.len()) {
        let st = steps.step(i);
        let f = &fwd[steps.starts[i]..steps.starts[i + 1]];
        let regimes: Vec<&str> = headings[i]
            .hints
            .regimes
            .iter()
            .map(|&r| eras.regime(r).name())
            .collect();
        eprintln!(
            "heading {i} ({}{} {:?}, optional {:?}): reading {} chosen, margin {}, regimes {regimes:?}",
            headings[i].key,
            headings[i].ordinal,
            headings[i].written,
            headings[i].optional,
            c.index,
            c.margin
        );
        for (k, r) in st.iter().enumerate() {
            eprintln!(
                "  {k}: {} {} {} ce {:?} last {:?} {:?} cost {} (path {}) {:?}{}",
                r.era.map_or("-", |e| eras.get(e).name()),
                r.regime.map_or("-", |g| eras.regime(g).name()),
                r.ordinal,
                r.ce.map(CeYear::get),
                r.last.map(CeYear::get),
                r.source,
                r.cost,
                f[k],
                r.requires,
                if r.skip { " skip" } else { "" }
            );
        }
    }
}
