//! The three Kanripo books of the corpus (`tests/fixtures/kanripo/`) against the year
//! headings a historian marked in them (`tests/fixtures/truth/*.tsv`: line, heading as
//! written, CE year, regime, ruler, confidence, note).
//!
//! Every marked heading must be an entry starting at that line, labelled as written, with
//! that CE year; no entry may start anywhere else. Where the segmenter reads differently,
//! the difference is listed below with its reason, and a year that differs must be marked
//! doubtful: a wrong year shown with confidence is what this test exists to prevent. The
//! list must match exactly, so that a fix (or a new slip) shows here.

use std::collections::BTreeMap;

use annals::model::Chronicle;

use crate::harness::fixture;

/// One marked heading.
struct Row {
    line: usize,
    heading: String,
    ce: i32,
    sure: bool,
}

fn truth(book: &str) -> Vec<Row> {
    let path = fixture(&format!("truth/{book}.tsv"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Row {
                line: f[0].parse().expect("line"),
                heading: f[1].to_owned(),
                ce: f[2].parse().expect("ce"),
                sure: f[5] == "sure",
            }
        })
        .collect()
}

/// How the reading differs from the marked heading at a line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Differs {
    /// An entry with another CE year (ours).
    Year(i32),
    /// No entry at a marked heading.
    Missed,
    /// An entry where nothing is marked.
    Extra,
}

/// The book's readings that differ from the truth, by line.
fn differences(book: &str, c: &Chronicle) -> Vec<(usize, Differs)> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(memchr_newlines(&c.text).map(|i| i + 1))
        .collect();
    let line_of = |byte: usize| line_starts.partition_point(|&s| s <= byte);
    let mut by_line: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, e) in c.entries.iter().enumerate() {
        // An entry opens its line, or begins inside it (a year run on after the text of
        // the year before it, in a Kanripo print line).
        by_line.entry(line_of(e.span.start)).or_default().push(i);
    }
    let rows = truth(book);
    let mut out = Vec::new();
    for r in &rows {
        match by_line.get(&r.line).and_then(|v| v.first()) {
            None => out.push((r.line, Differs::Missed)),
            Some(&i) => {
                let e = &c.entries[i];
                assert_eq!(c.label(e), r.heading, "{book}:{}: the label", r.line);
                if e.ce != Some(r.ce) {
                    // A year that differs from a sure one is never given with confidence.
                    assert!(
                        !r.sure || !e.doubts.is_empty(),
                        "{book}:{}: {} read as {:?} with no doubt (truth {})",
                        r.line,
                        r.heading,
                        e.ce,
                        r.ce
                    );
                    out.push((r.line, Differs::Year(e.ce.unwrap_or(0))));
                }
            }
        }
    }
    for (&line, _) in by_line.iter() {
        if !rows.iter().any(|r| r.line == line) {
            out.push((line, Differs::Extra));
        }
    }
    out.sort();
    out
}

fn memchr_newlines(s: &str) -> impl Iterator<Item = usize> + '_ {
    s.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i)
}

fn load(book: &str) -> Chronicle {
    let path = fixture(&format!("kanripo/{book}.txt"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Chronicle::parse(text)
}

fn check(book: &str, known: &[(usize, Differs, &str)]) {
    let c = load(book);
    crate::segment::assert_partition(&c, book);
    let got = differences(book, &c);
    let want: Vec<(usize, Differs)> = known.iter().map(|(l, d, _)| (*l, d.clone())).collect();
    if got != want {
        let fixed: Vec<_> = want.iter().filter(|w| !got.contains(w)).collect();
        let new: Vec<_> = got.iter().filter(|g| !want.contains(g)).collect();
        panic!(
            "{book}: the readings that differ from the truth changed.\n  no longer differ (update the list): {fixed:?}\n  differ now: {new:?}"
        );
    }
    let rows = truth(book).len();
    let right = rows - got.iter().filter(|(_, d)| *d != Differs::Extra).count();
    // The bar for a book: at least 97% of its headings read right.
    assert!(
        right * 100 >= rows * 97,
        "{book}: {right} of {rows} headings right"
    );
}

#[test]
fn qianhanji() {
    use Differs::*;
    check(
        "qianhanji",
        &[
            // 沛公's years are counted from his rising (秦二世元年, 209 BCE); the table counts
            // 高祖's from 206 BCE, and 漢元年 right after them shows the clash (doubtful).
            (
                237,
                Year(-205),
                "沛公 counted from 206 BCE, not from his rising",
            ),
            (306, Year(-204), "the same"),
            // The text writes 九 for 元 (地節元年); the ordinal past the era's end is
            // flagged.
            (5799, Year(-61), "text error 地節九年 for 元年"),
            (
                9088,
                Year(-4),
                "綏和 had two years; the text's 三年 is itself doubtful",
            ),
        ],
    );
}

#[test]
fn xintangshu_benji() {
    use Differs::*;
    check(
        "xintangshu-benji",
        &[
            (
                136,
                Extra,
                "武徳元年 run on in 高祖's biography with its month, the book's first year named: \
                 an entry of 618 (a judgement call of the truth)",
            ),
            (
                2845,
                Extra,
                "乾元元年 opens 代宗's biography (a judgement call of the truth)",
            ),
            (
                4053,
                Missed,
                "a page printed twice: the repeated 會昌元年 is read as text",
            ),
        ],
    );
}

#[test]
fn yuanshi_benji() {
    // (至大元年 at line 12283, 仁宗's biography at a print line's start after 武宗's
    // years, is a date the years around it refute.)
    check("yuanshi-benji", &[]);
}
