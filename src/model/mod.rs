//! The chronicle as data: a text segmented into volumes (卷), reign-year entries and the
//! text around them, with byte spans into the decoded source. No terminal code lives here;
//! the reader, the CLI and the search module only read this model.
//!
//! The segments of a [`Chronicle`] partition its text exactly: front matter, preface,
//! volume headings and introductions, entries and note sections follow each other with no
//! gap and no overlap, so nothing in the file is lost or shown twice.

pub mod align;
pub mod bilingual;
pub mod date_query;
pub mod dates;
pub mod ganzhi;
pub mod marks;
pub mod numerals;
pub mod pages;
pub mod query;
pub mod reading;
pub mod report;
mod segment;

use std::borrow::Cow;

use serde::Serialize;

pub use crate::calendar::EraTable;
pub use crate::calendar::era::{Era, EraId};
pub use marks::{MarkKind, Marks, TimeMark};
/// An entry's parallel dates, found when first asked for (see [`Found`]).
pub type Parallels = Found<ParallelDate>;
pub use segment::{segment, segment_lazy};

/// A half-open byte range `start..end` into the chronicle's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    /// Its length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }
    /// Whether it covers no byte.
    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// Whether `offset` lies inside.
    pub const fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
    /// As a `Range`, for slicing.
    pub const fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// The layout family a text was written in; it decides what the reading view hides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text, one paragraph per line (the seed, Wikisource copies).
    Plain,
    /// Markdown as converted by daizhige: YAML front matter, `\[` escapes, two-space line ends.
    Markdown,
    /// Kanripo / Mandoku: `#+` headers, `<pb:…>` page markers, `¶` column breaks, `&KR…;`.
    Mandoku,
}

impl Format {
    /// The layout family `text` is written in, judged from its first 4 KiB.
    pub fn detect(text: &str) -> Format {
        segment::detect_format(text)
    }
}

/// What one segment of the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "index", rename_all = "lowercase")]
pub enum SegmentKind {
    /// YAML front matter or `#+` header lines.
    FrontMatter,
    /// Text before the first volume or entry.
    Preface,
    /// A volume heading (卷之N), its title line and the text before its first entry.
    Volume(usize),
    /// A reign-year entry (index into [`Chronicle::entries`]).
    Entry(usize),
    /// A notes section (校勘記, 考證) — index of its volume, if any.
    Notes(Option<usize>),
}

/// One contiguous piece of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// What it is.
    #[serde(flatten)]
    pub kind: SegmentKind,
    /// Where it is.
    pub span: Span,
}

/// The collation notes one entry points to: see [`Chronicle::notes_of`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryNotes {
    /// The notes section's heading line (校勘記), if it has one.
    pub heading: Option<Span>,
    /// Each note: the marker's number and the note's line.
    pub notes: Vec<(u32, Span)>,
}

/// A volume (卷) of a multi-volume book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Volume {
    /// The volume number (卷之十二 → 12), when it is written.
    pub number: Option<u32>,
    /// The heading line as written, trimmed (`契丹国志卷之一`).
    pub heading: String,
    /// The title line that follows (`太祖大圣皇帝`, `后妃传`), if there is one.
    pub title: Option<String>,
    /// From the heading line to the next volume heading (or the end).
    pub span: Span,
    /// The entries it holds, as a range of entry indices.
    pub entries: std::ops::Range<usize>,
}

/// The part after a 卷's number in its heading as written (`卷二十三下`: 下).
pub(crate) fn volume_part(heading: &str) -> Option<char> {
    let at = heading.find(['卷', '巻'])? + '卷'.len_utf8();
    let rest = heading[at..].trim_start_matches(['之', '第', '苐']);
    let after = rest.trim_start_matches(numerals::is_numeral_char);
    after
        .chars()
        .next()
        .filter(|c| matches!(c, '上' | '中' | '下'))
}

impl Volume {
    /// The part of a 卷 written in parts after its number (`宋史全文卷二十三下`: 下), so
    /// that 卷二十三上 and 卷二十三下 are told apart.
    pub fn part(&self) -> Option<char> {
        volume_part(&self.heading)
    }

    /// Its number as a 卷 is named, with its part: `卷二十三下`; `None` when unnumbered.
    pub fn number_name(&self) -> Option<String> {
        let n = self.number?;
        let mut name = format!("卷{}", chinese_number(n));
        name.extend(self.part());
        Some(name)
    }

    /// A short name for lists: `卷一 太祖大圣皇帝`.
    pub fn display_name(&self) -> String {
        let num = self.number_name().unwrap_or_else(|| self.heading.clone());
        match &self.title {
            Some(t) => format!("{num} {t}"),
            None => num,
        }
    }
}

/// How an entry's CE year was established: its provenance, shown to the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CeSource {
    /// The era the heading names and its ordinal, by the era table (`天慶五年`).
    Table,
    /// A ruler's years and the ordinal (`威烈王二十三年`, or `元年` after a ruler line).
    Ruler,
    /// A bare ordinal in the era in force (`二年` after `乾統元年`, or after `改元天授`).
    InForce,
    /// The 干支 written in the heading (`辛巳天赞元年`, `元年丙寅`, `戊子年`).
    Ganzhi,
    /// The heading's own annotation, `（壬午、1102）`.
    Annotation,
    /// Counted from the years around it only (an era the table does not know, a reign
    /// the heading does not name).
    Context,
    /// A bare ordinal before any era is named, counted back in the era of the first later
    /// heading that names one (`十七年` … before `顺治十八年`).
    Later,
}

impl CeSource {
    /// A short description for the reader: `era + ordinal`, `干支` ….
    pub fn describe(self) -> &'static str {
        match self {
            CeSource::Table => "era + ordinal",
            CeSource::Ruler => "ruler + ordinal",
            CeSource::InForce => "era in force",
            CeSource::Ganzhi => "干支",
            CeSource::Annotation => "annotation",
            CeSource::Context => "counted from neighbours",
            CeSource::Later => "era of a later heading",
        }
    }
}

/// Why an entry's CE year may be wrong: the reader marks such years doubtful and `check`
/// says why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Doubt {
    /// No CE year can be given.
    NoYear,
    /// The ordinal is past the era's last year in the table.
    PastEraEnd,
    /// The era is not in the table.
    UnknownEra,
    /// The year was counted from its neighbours only.
    Reckoned,
    /// It comes after a later year.
    Backwards,
    /// It is decades away from the years on both sides.
    Leap,
    /// Another reading (another regime's era of that name, another year of that 干支) is
    /// nearly as likely.
    Ambiguous,
    /// The heading names another ruler than the one in force (a ruler line's, or the
    /// previous years'), and is read as a year of the ruler in force.
    NameConflict,
    /// Counted on in an era from a doubtful year.
    Inherited,
    /// The heading's own evidence disagrees: its annotation's CE year has another 干支
    /// than the one written with it (`三年（辛卯、九二）`: 辛卯 is 91).
    SelfConflict,
    /// Its text holds a later year of its era that was read as a date in a sentence, not a
    /// heading (`check` says where): what follows that year may belong to it.
    PassedOver,
    /// The 干支 written with it names another year than the one its era (or the years
    /// around it) gives, and that year was kept (鄭板橋年譜's `三十三年丙子`, a copyist's
    /// slip for 甲戌).
    GanzhiConflict,
    /// A ruler's year of the 戰國 that the 史記 年表 and the revised chronologies date
    /// differently (衛 悼公五年: 451 BCE by the 史記, 465 by the revised tables); the year
    /// shown is the count the years around it fit (see [`crate::calendar::era::Chronology`]).
    Disputed,
}

impl Doubt {
    /// A short description for the reader.
    pub fn describe(self) -> &'static str {
        match self {
            Doubt::NoYear => "no CE year",
            Doubt::PastEraEnd => "past the era's end",
            Doubt::UnknownEra => "era not in the table",
            Doubt::Reckoned => "counted from neighbours",
            Doubt::Backwards => "earlier than the year before",
            Doubt::Leap => "far from the years around it",
            Doubt::Ambiguous => "era ambiguous",
            Doubt::NameConflict => "names another ruler than the one in force",
            Doubt::Inherited => "counted from a doubtful year",
            Doubt::SelfConflict => "its annotation's year and its 干支 disagree",
            Doubt::PassedOver => {
                "holds a later year read as a date in the text (`annals check` names it)"
            }
            Doubt::GanzhiConflict => "its 干支 names another year",
            Doubt::Disputed => "a disputed reign: the 史記 年表 and the revised chronology differ",
        }
    }
}

/// Something of an entry's found the first time it is asked for, then kept: its time
/// marks ([`Chronicle::marks`]) and parallel dates ([`Chronicle::parallels`]). A chronicle
/// made by [`Chronicle::parse`] has every entry's found at open; one made by
/// [`Chronicle::parse_lazy`] finds an entry's when it is shown, searched or exported. As a
/// list (`entry.marks.iter()`, `for p in &entry.parallels`) it is what was found: reading
/// it before it is found is a mistake, and panics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<T>(std::sync::OnceLock<Vec<T>>);

impl<T> Found<T> {
    /// Not yet found.
    pub const fn new() -> Found<T> {
        Found(std::sync::OnceLock::new())
    }

    /// The list, found by `find` the first time.
    pub fn get_or_find(&self, find: impl FnOnce() -> Vec<T>) -> &[T] {
        self.0.get_or_init(find)
    }

    /// Whether it has been found.
    pub fn is_found(&self) -> bool {
        self.0.get().is_some()
    }
}

impl<T> Default for Found<T> {
    fn default() -> Found<T> {
        Found::new()
    }
}

impl<T> From<Vec<T>> for Found<T> {
    fn from(list: Vec<T>) -> Found<T> {
        Found(std::sync::OnceLock::from(list))
    }
}

impl<T> std::ops::Deref for Found<T> {
    type Target = Vec<T>;

    fn deref(&self) -> &Vec<T> {
        self.0.get().expect(
            "an entry's marks or parallel dates read before they were found \
             (Chronicle::marks and Chronicle::parallels find them)",
        )
    }
}

impl<T> std::ops::DerefMut for Found<T> {
    fn deref_mut(&mut self) -> &mut Vec<T> {
        self.0
            .get_mut()
            .expect("an entry's marks or parallel dates changed before they were found")
    }
}

impl<'a, T> IntoIterator for &'a Found<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// A date of a parallel regime written after a heading (宋崇寧五年, 梁均王貞明二年).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParallelDate {
    /// As written, without the closing 。.
    pub text: String,
    /// Where it is written.
    #[serde(flatten)]
    pub span: Span,
    /// Its era in the era table, if found there.
    #[serde(skip)]
    pub era: Option<EraId>,
    /// Its ordinal year (改元 = 1).
    pub year: u32,
    /// Its CE year, from the era table.
    pub ce: Option<i32>,
}

/// A reign-year entry: a heading such as 乾統元年 and the text up to the next heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The whole entry, heading included, up to the next segment.
    pub span: Span,
    /// The heading label as written (`乾統元年`, `丙子神册元年`), without the closing 。.
    pub label: Span,
    /// The heading up to and including its annotation and closing 。 (the body starts here).
    pub heading_end: usize,
    /// The era name as written (`天慶`, `神册`), absent for bare ordinals (`二年`).
    pub era_span: Option<Span>,
    /// The era in force, as found in the era table.
    pub era: Option<EraId>,
    /// Ordinal year within the era (元年 = 1).
    pub year: u32,
    /// The CE year (negative for BCE).
    pub ce: Option<i32>,
    /// How `ce` was decided.
    pub ce_source: CeSource,
    /// Why `ce` may be wrong; empty when the evidence agrees.
    pub doubts: Vec<Doubt>,
    /// The CE year the era table gives for the era and ordinal, when `ce` differs from it
    /// (the book's own 干支 or annotation decided otherwise), or when `ce` is withheld
    /// because the heading's 干支 refutes it (a ruler named with no state: `宣王二年乙亥`).
    pub table_ce: Option<i32>,
    /// The 干支 written before the era (cycle index 0..60).
    pub ganzhi: Option<u8>,
    /// The heading's annotation as written (`（壬午、1102）`), if any.
    pub annotation: Option<Span>,
    /// Dates of parallel regimes right after the heading, found when first asked for
    /// ([`Chronicle::parallels`]).
    pub parallels: Found<ParallelDate>,
    /// Seasons, months, days and relative dates inside the entry, found when first asked
    /// for ([`Chronicle::marks`]).
    pub marks: Marks,
    /// The volume holding it.
    pub volume: Option<usize>,
    /// The era name written for a bare ordinal's era in force, for display.
    pub inherited_era: Option<Span>,
}

impl Entry {
    /// The body: text after the heading.
    pub fn body(&self) -> Span {
        Span::new(self.heading_end, self.span.end)
    }

    /// The paragraphs of the body: its lines, without indentation and line-end spaces,
    /// empty lines left out.
    pub fn paragraphs<'t>(&self, text: &'t str) -> impl Iterator<Item = Span> + 't {
        paragraphs(text, self.body())
    }

    /// Whether this is an empty year: a heading with no text under it. Its body, as the
    /// reader shows it (`reading`, the reading view of the whole text), holds nothing but
    /// blanks, line breaks and pause or stop marks (a stray `。` after `乾統二年。`). The
    /// one definition for the reader's timeline and `annals check`.
    pub fn is_empty_year(&self, reading: &reading::Reading<'_>) -> bool {
        is_empty_body(&reading.text()[reading.span_to_reading(self.body())])
    }
}

/// Whether an entry's body, as the reader shows it, is empty: nothing but blanks, line
/// breaks and pause or stop marks ([`Entry::is_empty_year`]; `list` counts such a body as
/// `0字`).
pub fn is_empty_body(body: &str) -> bool {
    body.chars()
        .all(|c| c.is_whitespace() || "。．，、；：！？.,;:!?".contains(c))
}

/// The non-empty lines of `span` in `text`, trimmed of indentation and trailing blanks.
pub fn paragraphs(text: &str, span: Span) -> impl Iterator<Item = Span> + '_ {
    let slice = &text[span.range()];
    let base = span.start;
    slice
        .split_inclusive('\n')
        .scan(base, |pos, line| {
            let start = *pos;
            *pos += line.len();
            let lead = line.len() - line.trim_start_matches(is_blank).len();
            let trimmed = line.trim_end_matches(|c: char| is_blank(c) || c == '\n' || c == '\r');
            if trimmed.len() <= lead {
                return Some(None);
            }
            Some(Some(Span::new(start + lead, start + trimmed.len())))
        })
        .flatten()
}

pub use crate::text::is_blank;

/// A dated passage outside the annals: a line that begins with a date (`会同六年，以延寿为…`)
/// but is not a year heading. Kept so that it can be found by CE year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatedPassage {
    /// The date as written.
    pub label: Span,
    /// The line it starts.
    pub line: Span,
    /// Its era, if found in the table.
    #[serde(skip)]
    pub era: Option<EraId>,
    /// Ordinal year.
    pub year: u32,
    /// CE year, if known.
    pub ce: Option<i32>,
    /// The CE year is a guess: the era name is another regime's too and nothing around the
    /// date says which (a date read alone has no neighbours to weigh), or the era chosen
    /// does not fit the year or the written 干支.
    pub doubtful: bool,
    /// Its volume.
    pub volume: Option<usize>,
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Probably a problem in the text or the table.
    Warning,
}

/// A finding about the text, for `annals check`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// How serious.
    pub severity: Severity,
    /// 1-based line.
    pub line: usize,
    /// Byte offset.
    pub byte: usize,
    /// What was found.
    pub message: String,
}

/// A chronicle: the decoded text and its structure.
#[derive(Debug, Clone)]
pub struct Chronicle {
    /// The whole decoded text: owned, or borrowed for the life of the process (the
    /// embedded text, or a file mapped for one command).
    pub text: Cow<'static, str>,
    /// The book's title, if the text or its metadata gives one.
    pub title: Option<String>,
    /// Its author.
    pub author: Option<String>,
    /// The layout family.
    pub format: Format,
    /// In a Kanripo text, the characters of a print column (the commonest line length):
    /// a shorter line ends its paragraph.
    pub columns: Option<usize>,
    /// The partition of the text.
    pub segments: Vec<Segment>,
    /// Volumes, in order.
    pub volumes: Vec<Volume>,
    /// Reign-year entries, in text order.
    pub entries: Vec<Entry>,
    /// Dated lines that are not headings.
    pub passages: Vec<DatedPassage>,
    /// Findings for `annals check`.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the text is punctuated (so a clause's start can be trusted when time marks
    /// are looked for).
    pub punctuated: bool,
}

impl Chronicle {
    /// Segment `text` with the embedded era table, every entry's time marks and parallel
    /// dates found.
    pub fn parse(text: impl Into<Cow<'static, str>>) -> Chronicle {
        segment(text.into(), EraTable::embedded())
    }

    /// Segment `text` with the embedded era table, leaving each entry's time marks and
    /// parallel dates to be found when first asked for ([`Chronicle::marks`],
    /// [`Chronicle::parallels`]): what a command that shows a few entries, or none of their
    /// marks, needs.
    pub fn parse_lazy(text: impl Into<Cow<'static, str>>) -> Chronicle {
        segment_lazy(text.into(), EraTable::embedded())
    }

    /// An entry's time marks (seasons, months, days, relative dates), found the first time
    /// and kept.
    pub fn marks<'c>(&'c self, entry: &'c Entry) -> &'c [TimeMark] {
        entry
            .marks
            .get_or_find(|| marks::find(&self.text, entry.body(), self.punctuated))
    }

    /// An entry's dates of parallel regimes written right after its heading (宋崇寧五年),
    /// found the first time and kept.
    pub fn parallels<'c>(&'c self, entry: &'c Entry) -> &'c [ParallelDate] {
        entry
            .parallels
            .get_or_find(|| segment::parallels_of(&self.text, entry))
    }

    /// Find the time marks of every entry not yet looked at, on several threads for a big
    /// text.
    pub fn find_all_marks(&self) {
        segment::find_marks(self, segment::marks_threads(self.text.len()));
    }

    /// Find everything of every entry that is found when first asked for: time marks and
    /// parallel dates (what [`Chronicle::parse`] does at open).
    pub fn find_all(&self) {
        self.find_all_marks();
        for e in &self.entries {
            self.parallels(e);
        }
    }

    /// The default text: 契丹國志 卷十 天祚皇帝上, embedded in the binary.
    pub fn embedded() -> Chronicle {
        let c = Chronicle::embedded_lazy();
        c.find_all();
        c
    }

    /// [`Chronicle::embedded`], each entry's time marks found when first asked for.
    pub fn embedded_lazy() -> Chronicle {
        let mut c = Chronicle::parse_lazy(EMBEDDED_TEXT);
        c.title = Some(EMBEDDED_TITLE.to_owned());
        c.author = Some(EMBEDDED_AUTHOR.to_owned());
        c
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// An entry's label as written, without the print line break of a Kanripo text where
    /// the label runs over two lines (`十三¶` / `年`).
    pub fn label(&self, entry: &Entry) -> std::borrow::Cow<'_, str> {
        unbroken(self.slice(entry.label))
    }

    /// The era name to show for an entry: as written, or the era in force for a bare
    /// ordinal (二年 → 乾統).
    pub fn era_name(&self, entry: &Entry) -> Option<std::borrow::Cow<'_, str>> {
        entry
            .era_span
            .or(entry.inherited_era)
            .map(|s| unbroken(self.slice(s)))
            .or_else(|| {
                entry
                    .era
                    .map(|id| EraTable::embedded().get(id).name().into())
            })
    }

    /// The era table's standard name of an entry's era (`清寧` for a heading written `清寕`,
    /// `大明` for `大眀`), when the era is known; `None` otherwise.
    pub fn era_standard_name(&self, entry: &Entry) -> Option<&'static str> {
        entry.era.map(|id| EraTable::embedded().get(id).name())
    }

    /// The regime an entry's era belongs to (遼, 北宋, 東周 …), when the era is known.
    pub fn regime_name(&self, entry: &Entry) -> Option<&'static str> {
        let t = EraTable::embedded();
        entry.era.map(|id| t.regime(t.get(id).regime()).name())
    }

    /// The ruler whose era or years an entry counts in (天祚帝, 威烈王 …), when known: of an
    /// era carried on by a successor, the ruler of the entry's year ([`Era::ruler_in`]).
    pub fn ruler_name(&self, entry: &Entry) -> Option<&'static str> {
        let t = EraTable::embedded();
        let era = t.get(entry.era?);
        let ruler = match entry.ce.and_then(crate::calendar::CeYear::new) {
            Some(year) => era.ruler_in(year),
            None => era.ruler(),
        };
        Some(t.ruler(ruler).name())
    }

    /// A full label for lists: the written label, with the era supplied for bare ordinals
    /// (`二年` → `乾統二年`).
    pub fn full_label(&self, entry: &Entry) -> String {
        let mut s = String::new();
        self.push_full_label(entry, &mut s);
        s
    }

    /// [`Chronicle::full_label`], appended to `out` (a list builds all its labels in one
    /// string). A Markdown text's escapes are left out, as the reading view leaves them
    /// (`\(丙子\)景宗元年` → `(丙子)景宗元年`), and a Kanripo note shown as there
    /// (`(庚/申)太祖建隆元年` → `〔庚申〕太祖建隆元年`).
    pub fn push_full_label(&self, entry: &Entry, out: &mut String) {
        let from = out.len();
        self.push_label_parts(entry, out);
        // A heading inside a note the label leaves open (通鑑續編: `丁卯【梁開平元年○…】` →
        // `丁卯【梁開平元年】`): closed, as the list and the timeline show it.
        // So too a Kanripo note of two columns (`辛酉(宋建隆二年/凡六國二鎮)` →
        // `辛酉〔宋建隆二年〕`), in the brackets its notes are shown in.
        let label = &out[from..];
        if label.matches('【').count() > label.matches('】').count() {
            out.push('】');
        } else if self.format == Format::Mandoku
            && label.matches('(').count() > label.matches(')').count()
        {
            if let Some(open) = label.rfind('(') {
                out.replace_range(from + open..from + open + 1, "〔");
                out.push('〕');
            }
        }
    }

    fn push_label_parts(&self, entry: &Entry, out: &mut String) {
        let markdown = self.format == Format::Markdown;
        let mandoku = self.format == Format::Mandoku;
        let push = |out: &mut String, s: &str| {
            if markdown {
                out.push_str(&reading::unescape_markdown(s));
            } else if mandoku && s.contains('(') {
                // A Kanripo interlinear note as the reading view shows it: `(庚/申)` → 〔庚申〕.
                out.push_str(reading::Reading::new(s, Format::Mandoku).text());
            } else {
                out.push_str(s);
            }
        };
        let label = &*self.label(entry);
        let era_text;
        let era = match (entry.era_span, entry.inherited_era, entry.era) {
            (None, Some(era), _) => {
                era_text = unbroken(self.slice(era));
                &*era_text
            }
            // A bare ordinal whose era's name is not written where one place holds it.
            (None, None, Some(id)) if entry.year > 0 => EraTable::embedded().get(id).name(),
            _ => {
                push(out, label);
                return;
            }
        };
        // After the year's 干支 when it is written first (`【丁巳】弘治十年`, `丁巳弘治十年`).
        let gz = label.char_indices().find(|&(i, _)| {
            label[i..]
                .starts_with(|c: char| crate::model::numerals::is_numeral_char(c) || c == '元')
        });
        match gz {
            Some((gz, _)) => {
                push(out, &label[..gz]);
                push(out, era);
                push(out, &label[gz..]);
            }
            // A year written relative to the last (`明年`): the era and the year's number
            // (天顯二年, not 天顯明年).
            None => {
                push(out, era);
                out.push_str(&year_name(entry.year));
            }
        }
    }

    /// The title with the author, for headers: `契丹國志 卷十 天祚皇帝上 · 葉隆禮`.
    pub fn title_line(&self) -> String {
        match (&self.title, &self.author) {
            (Some(t), Some(a)) => format!("{t} · {a}"),
            (Some(t), None) => t.clone(),
            (None, Some(a)) => a.clone(),
            (None, None) => String::new(),
        }
    }

    /// The index of the entry containing byte `offset`, if any.
    pub fn entry_at(&self, offset: usize) -> Option<usize> {
        let i = self.entries.partition_point(|e| e.span.start <= offset);
        let i = i.checked_sub(1)?;
        self.entries[i].span.contains(offset).then_some(i)
    }

    /// What a notes section at `span` is called, by its heading (its first 256 bytes):
    /// 考證 (四庫's 考證 or 攷證 after a 卷), 注釋, or 校勘記 (the modern editions', and the name
    /// given where the heading says none).
    pub fn notes_name(&self, span: Span) -> &'static str {
        let head = &self.text
            [span.start..crate::text::floor_boundary(&self.text, (span.start + 256).min(span.end))];
        if ["考證", "考证", "攷證", "攷证"]
            .iter()
            .any(|n| head.contains(n))
        {
            "考證"
        } else if head.contains("注釋") || head.contains("注释") {
            "注釋"
        } else {
            "校勘記"
        }
    }

    /// The index of the segment containing byte `offset` (the last one for the end).
    pub fn segment_at(&self, offset: usize) -> usize {
        let i = self.segments.partition_point(|s| s.span.start <= offset);
        i.saturating_sub(1)
            .min(self.segments.len().saturating_sub(1))
    }

    /// The reading view of one span of the text (an entry's), with the book's print columns
    /// known, so that its paragraphs break as the whole book's do. The span should start at
    /// a line's start.
    pub fn reading_of(&self, span: Span) -> reading::Reading<'_> {
        reading::Reading::with_columns(&self.text[span.range()], self.format, self.columns)
    }

    /// The collation notes an entry's markers point to (`[一]` in its text → the line of
    /// the volume's 校勘記 that starts with `[一]`), in the order the markers first appear.
    /// Notes are numbered per section, so a marker is looked up in the first notes section
    /// after the entry, and only if that section is in the same volume. `None` when the
    /// entry points to no note that is there.
    pub fn notes_of(&self, entry: usize) -> Option<EntryNotes> {
        let e = self.entries.get(entry)?;
        let mut wanted: Vec<u32> = Vec::new();
        let body = &self.text[e.body().range()];
        for (at, _) in body.match_indices(['[', '〔', '【']) {
            // A markdown marker's backslash comes before the bracket.
            let from = if body[..at].ends_with('\\') {
                at - 1
            } else {
                at
            };
            if let Some((_, n)) = segment::note_marker_at(&body[from..]) {
                if !wanted.contains(&n) {
                    wanted.push(n);
                }
            }
        }
        if wanted.is_empty() {
            return None;
        }
        let after = (self.segment_at(e.span.start) + 1).min(self.segments.len());
        let section = self.segments[after..]
            .iter()
            .find(|s| matches!(s.kind, SegmentKind::Notes(_)))?;
        if section.kind != SegmentKind::Notes(e.volume) {
            return None;
        }
        let mut heading = None;
        let mut lines: Vec<(u32, Span)> = Vec::new();
        for p in paragraphs(&self.text, section.span) {
            match segment::note_marker_at(&self.text[p.range()]) {
                Some((_, n)) => lines.push((n, p)),
                None if lines.is_empty() && heading.is_none() => heading = Some(p),
                None => {}
            }
        }
        let notes: Vec<(u32, Span)> = wanted
            .into_iter()
            .filter_map(|n| lines.iter().find(|(m, _)| *m == n).copied())
            .collect();
        (!notes.is_empty()).then_some(EntryNotes { heading, notes })
    }

    /// The segment index of entry `entry`.
    pub fn segment_of_entry(&self, entry: usize) -> Option<usize> {
        let start = self.entries.get(entry)?.span.start;
        Some(self.segment_at(start))
    }

    /// The range of CE years covered, if any entry has one.
    pub fn ce_range(&self) -> Option<(i32, i32)> {
        let mut ces = self.entries.iter().filter_map(|e| e.ce);
        let first = ces.next()?;
        Some(ces.fold((first, first), |(lo, hi), c| (lo.min(c), hi.max(c))))
    }

    /// 1-based line number of byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        memchr::memchr_iter(b'\n', &self.text.as_bytes()[..end]).count() + 1
    }
}

/// The embedded default text.
pub const EMBEDDED_TEXT: &str = include_str!("../../assets/tianzuo-shang.txt");
/// Its title.
pub const EMBEDDED_TITLE: &str = "契丹國志 卷十 天祚皇帝上";
/// Its author.
pub const EMBEDDED_AUTHOR: &str = "葉隆禮";

/// The name of an ordinal year: 1 → 元年, 5 → 五年, 12 → 十二年.
pub fn year_name(ordinal: u32) -> String {
    if ordinal == 1 {
        "元年".to_owned()
    } else {
        format!("{}年", chinese_number(ordinal))
    }
}

/// Write a number in Chinese (1 → 一, 12 → 十二, 27 → 二十七, 105 → 一百〇五).
pub fn chinese_number(n: u32) -> String {
    const D: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n < 10 {
        return D[n as usize].to_string();
    }
    if n < 100 {
        let (t, u) = (n / 10, n % 10);
        let mut s = String::new();
        if t > 1 {
            s.push(D[t as usize]);
        }
        s.push('十');
        if u > 0 {
            s.push(D[u as usize]);
        }
        return s;
    }
    if n < 1000 {
        let (h, rest) = (n / 100, n % 100);
        let mut s = format!("{}百", D[h as usize]);
        if rest > 0 {
            if rest < 10 {
                s.push('〇');
                s.push(D[rest as usize]);
            } else {
                if rest < 20 {
                    s.push('一');
                }
                s.push_str(&chinese_number(rest));
            }
        }
        return s;
    }
    n.to_string()
}

/// `s`, a span of the text written over print lines (`十三¶\n年`, `雍¶\n　熙`), as one: its
/// line breaks, `¶`, page markers (`<pb:…>`) and the indent after a break left out.
pub(crate) fn unbroken(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['¶', '\n']) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut after_break = false;
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        // A Kanripo page marker between the two lines (`昭襄¶` / `<pb:…>¶` / `王元年`).
        if rest.starts_with("<pb:") {
            if let Some(end) = rest.find('>') {
                rest = &rest[end + 1..];
                continue;
            }
        }
        rest = &rest[c.len_utf8()..];
        match c {
            '¶' | '\r' => {}
            '\n' => after_break = true,
            c if after_break && crate::text::is_blank(c) => {}
            c => {
                after_break = false;
                out.push(c);
            }
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers_round_trip() {
        for n in 1..1000 {
            let s = chinese_number(n);
            assert_eq!(numerals::value(&s), Some(n), "{n} → {s}");
        }
    }

    #[test]
    fn paragraphs_trim_indent_and_blank_lines() {
        let text = "　　甲。  \n\n　　乙。\r\n  \n丙";
        let ps: Vec<&str> = paragraphs(text, Span::new(0, text.len()))
            .map(|s| &text[s.range()])
            .collect();
        assert_eq!(ps, ["甲。", "乙。", "丙"]);
    }
}
