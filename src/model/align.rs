//! Two chronicles read side by side: one timeline of CE years, each row saying which
//! entries of each text record that year (遼史's 天慶五年 beside 宋史's 政和五年, both
//! 1115), with the years neither records between two rows counted as a gap. Only entries
//! with a CE year are aligned: a year whose CE year is unknown is never put beside
//! another. An entry whose CE year is doubtful is aligned by it, and the reader marks it.
//!
//! Also the nearest year a text has to one it lacks, for the pane that has to show
//! something while the other shows the year.

use super::Chronicle;

/// One CE year of a joint timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JointYear {
    /// The CE year (negative for BCE); `None` only in a bilingual text's timeline, which
    /// follows the text rather than the calendar.
    pub ce: Option<i32>,
    /// The entries of each text that record it (indices into each chronicle's entries, in
    /// text order), empty where a text does not.
    pub entries: [Vec<usize>; 2],
}

impl JointYear {
    /// Whether text `k` (0 or 1) records this year.
    pub fn has(&self, k: usize) -> bool {
        !self.entries[k].is_empty()
    }
}

/// One row of a joint timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JointRow {
    /// A year at least one text records.
    Year(JointYear),
    /// Years neither text records, between the rows around it: how many.
    Gap(u32),
}

/// The joint timeline of `a` and `b`: every CE year either records, in order, with a gap
/// row wherever years go missing in both. Entries without a CE year are left out.
pub fn align(a: &Chronicle, b: &Chronicle) -> Vec<JointRow> {
    let mut years: Vec<(i32, usize, usize)> = Vec::new();
    for (k, c) in [a, b].into_iter().enumerate() {
        for (i, e) in c.entries.iter().enumerate() {
            if let Some(ce) = e.ce {
                years.push((ce, k, i));
            }
        }
    }
    // By year; within a year, each text's entries in text order.
    years.sort_by_key(|&(ce, k, i)| (ce, k, i));
    let mut rows: Vec<JointRow> = Vec::new();
    let mut last: Option<i32> = None;
    for (ce, k, i) in years {
        if last != Some(ce) {
            if let Some(prev) = last {
                let missing = years_between(prev, ce);
                if missing > 0 {
                    rows.push(JointRow::Gap(missing));
                }
            }
            rows.push(JointRow::Year(JointYear {
                ce: Some(ce),
                entries: [Vec::new(), Vec::new()],
            }));
            last = Some(ce);
        }
        if let Some(JointRow::Year(y)) = rows.last_mut() {
            y.entries[k].push(i);
        }
    }
    rows
}

/// The timeline of one text read as two (a bilingual edition's original and translation):
/// its entries in text order, each beside itself, whatever their CE years.
pub fn itself(c: &Chronicle) -> Vec<JointRow> {
    c.entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            JointRow::Year(JointYear {
                ce: e.ce,
                entries: [vec![i], vec![i]],
            })
        })
        .collect()
}

/// The entry of `c` whose CE year is nearest to `ce` (the earlier one on a tie), if any
/// entry has a CE year.
pub fn nearest(c: &Chronicle, ce: i32) -> Option<usize> {
    c.entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.ce.map(|y| (i, y)))
        .min_by_key(|&(_, y)| ((i64::from(y) - i64::from(ce)).abs(), y))
        .map(|(i, _)| i)
}

/// How many years lie strictly between CE years `a` and `b` (`a` before `b`; negative for
/// BCE, with no year 0: 1 BCE is followed by 1 CE). Zero when `b` is not after `a`.
pub fn years_between(a: i32, b: i32) -> u32 {
    let span = i64::from(b) - i64::from(a) - 1 - i64::from(a < 0 && b > 0);
    u32::try_from(span.max(0)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_between_know_there_is_no_year_zero() {
        assert_eq!(years_between(1104, 1108), 3);
        assert_eq!(years_between(1104, 1105), 0);
        assert_eq!(years_between(1105, 1104), 0);
        assert_eq!(years_between(-1, 1), 0, "1 BCE, then 1 CE");
        assert_eq!(years_between(-2, 1), 1);
        assert_eq!(years_between(-46, -44), 1);
    }

    #[test]
    fn two_texts_by_ce_year_with_gaps() {
        let a = Chronicle::parse("乾統元年。甲。\n乾統二年。乙。\n乾統五年。丙。\n");
        let b = Chronicle::parse("崇寧元年。丁。\n崇寧四年。戊。\n崇寧五年。己。\n");
        // 乾統: 1101, 1102, 1105; 崇寧: 1102, 1105, 1106.
        let rows = align(&a, &b);
        let shown: Vec<String> = rows
            .iter()
            .map(|r| match r {
                JointRow::Year(y) => format!(
                    "{}:{}{}",
                    y.ce.unwrap(),
                    if y.has(0) { "A" } else { "-" },
                    if y.has(1) { "B" } else { "-" }
                ),
                JointRow::Gap(n) => format!("gap {n}"),
            })
            .collect();
        assert_eq!(shown, ["1101:A-", "1102:AB", "gap 2", "1105:AB", "1106:-B"]);
        assert_eq!(nearest(&a, 1106), Some(2));
        assert_eq!(nearest(&a, 1103), Some(1), "a tie goes to the earlier year");
        assert_eq!(nearest(&b, 1090), Some(0));
    }

    #[test]
    fn a_year_with_no_ce_year_is_never_aligned() {
        let a = Chronicle::parse("乾統元年。甲。\n天X三年。乙。\n");
        let unknown = a.entries.iter().filter(|e| e.ce.is_none()).count();
        let rows = align(&a, &a);
        let aligned: usize = rows
            .iter()
            .map(|r| match r {
                JointRow::Year(y) => y.entries[0].len(),
                JointRow::Gap(_) => 0,
            })
            .sum();
        assert_eq!(aligned + unknown, a.entries.len());
        assert!(nearest(&Chronicle::parse("甲乙丙。"), 1100).is_none());
    }
}
