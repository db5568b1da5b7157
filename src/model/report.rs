//! What `check` says of the years of each volume (卷): their CE range, the years missing
//! between them, the steps backwards, the ordinals past an era's end, the eras chosen among
//! several of one name, and the years the reader marks doubtful. Pure data; the command
//! line prints it.

use super::{Chronicle, Doubt};

/// The years of one volume (or of the entries outside any volume).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolumeYears {
    /// The volume's index in [`Chronicle::volumes`]; `None` for entries before the first.
    pub volume: Option<usize>,
    /// How many entries it holds.
    pub entries: usize,
    /// The first and last CE year (historians' numbering), if any entry has one.
    pub range: Option<(i32, i32)>,
    /// Places where the years jump forward by more than one: how many, and how many years
    /// they leave out in all.
    pub gaps: (usize, u32),
    /// Steps from a year to an earlier one.
    pub backward_steps: usize,
    /// Entries whose ordinal is past their era's end in the era table.
    pub past_era_end: usize,
    /// Entries whose era name several regimes used, with a runner-up close to the choice.
    pub ambiguous: usize,
    /// Entries with any doubt about their year.
    pub doubtful: usize,
    /// The regimes of its eras, in order of first use.
    pub regimes: Vec<&'static str>,
}

impl Chronicle {
    /// The years of every volume that holds entries, in order; entries before the first
    /// volume come first, as a group of their own.
    pub fn volume_years(&self) -> Vec<VolumeYears> {
        let mut groups: Vec<(Option<usize>, Vec<usize>)> = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            match groups.last_mut() {
                Some((v, list)) if *v == e.volume => list.push(i),
                _ => groups.push((e.volume, vec![i])),
            }
        }
        groups
            .into_iter()
            .map(|(volume, list)| {
                let entries: Vec<&super::Entry> = list.iter().map(|&i| &self.entries[i]).collect();
                let ces: Vec<i32> = entries.iter().filter_map(|e| e.ce).collect();
                let range = ces
                    .iter()
                    .copied()
                    .fold(None, |r: Option<(i32, i32)>, c| match r {
                        None => Some((c, c)),
                        Some((lo, hi)) => Some((lo.min(c), hi.max(c))),
                    });
                let mut gaps = (0, 0);
                let mut backward_steps = 0;
                for w in ces.windows(2) {
                    let step = astronomical(w[1]) - astronomical(w[0]);
                    if step > 1 {
                        gaps.0 += 1;
                        gaps.1 += (step - 1) as u32;
                    } else if step < 0 {
                        backward_steps += 1;
                    }
                }
                let has = |d: Doubt| entries.iter().filter(|e| e.doubts.contains(&d)).count();
                let mut regimes: Vec<&'static str> = Vec::new();
                for e in &entries {
                    if let Some(r) = self.regime_name(e) {
                        if !regimes.contains(&r) {
                            regimes.push(r);
                        }
                    }
                }
                VolumeYears {
                    volume,
                    entries: entries.len(),
                    range,
                    gaps,
                    backward_steps,
                    past_era_end: has(Doubt::PastEraEnd),
                    ambiguous: has(Doubt::Ambiguous),
                    doubtful: entries.iter().filter(|e| !e.doubts.is_empty()).count(),
                    regimes,
                }
            })
            .collect()
    }
}

/// An entry that may hold years not read as headings: long beside the book's others, next to
/// a gap in the years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LongBesideGap {
    /// The entry's index in [`Chronicle::entries`].
    pub entry: usize,
    /// Its length in characters (its whole span, heading included).
    pub chars: usize,
    /// How many times the median entry's length it is (rounded down).
    pub times_median: usize,
    /// The years missing between it and the entry before or after it (the larger gap).
    pub missing: u32,
}

/// An entry this long, in characters, at least, may be flagged by
/// [`Chronicle::long_beside_gaps`].
const LONG_ENTRY: usize = 1500;

impl Chronicle {
    /// The entries of at least [`LONG_ENTRY`] characters and three times the median entry's
    /// length with a gap of two years or more before or after them (a year missing on each
    /// side of one, or a run of them): the years of the gap may be inside, written in a way
    /// not read as headings (`…太元九年甲申君年二十…` run on in one paragraph). In order.
    pub fn long_beside_gaps(&self) -> Vec<LongBesideGap> {
        let chars: Vec<usize> = self
            .entries
            .iter()
            .map(|e| self.text[e.span.range()].chars().count())
            .collect();
        let mut sorted = chars.clone();
        sorted.sort_unstable();
        let Some(&median) = sorted.get(sorted.len() / 2) else {
            return Vec::new();
        };
        let gap = |a: Option<i32>, b: Option<i32>| match (a, b) {
            (Some(a), Some(b)) => u32::try_from(astronomical(b) - astronomical(a) - 1).ok(),
            _ => None,
        };
        (0..self.entries.len())
            .filter_map(|i| {
                let ce = self.entries[i].ce;
                let before = i.checked_sub(1).and_then(|k| gap(self.entries[k].ce, ce));
                let after = self.entries.get(i + 1).and_then(|n| gap(ce, n.ce));
                let missing = before.max(after).unwrap_or(0);
                let long = chars[i] >= LONG_ENTRY && chars[i] >= 3 * median.max(1);
                (long && missing >= 2).then(|| LongBesideGap {
                    entry: i,
                    chars: chars[i],
                    times_median: chars[i] / median.max(1),
                    missing,
                })
            })
            .collect()
    }
}

/// Historians' CE numbering to astronomical (1 BCE = 0), for differences.
fn astronomical(ce: i32) -> i32 {
    if ce < 0 { ce + 1 } else { ce }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_of_a_book_with_a_gap_and_a_step_back() {
        let c = Chronicle::parse(
            "卷一\n乾統元年。春。\n乾統四年。夏。\n乾統三年。秋。\n卷二\n天慶元年。冬。\n"
                .to_owned(),
        );
        let v = c.volume_years();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].volume, Some(0));
        assert_eq!(v[0].entries, 3);
        assert_eq!(v[0].range, Some((1101, 1104)));
        assert_eq!(v[0].gaps, (1, 2));
        assert_eq!(v[0].backward_steps, 1);
        assert_eq!(v[0].regimes, ["遼"]);
        assert!(v[0].doubtful >= 1);
        assert_eq!(v[1].range, Some((1111, 1111)));
        assert_eq!(v[1].gaps, (0, 0));
    }

    #[test]
    fn a_long_entry_beside_a_gap_is_named() {
        let long = "事".repeat(2000);
        let c = Chronicle::parse(format!(
            "乾統元年。春。\n乾統二年。夏。\n乾統三年。{long}\n乾統八年。秋。\n乾統九年。冬。\n"
        ));
        let found = c.long_beside_gaps();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].entry, 2);
        assert_eq!(found[0].missing, 4);
        assert!(found[0].chars > 2000 && found[0].times_median >= 3);
        // (No gap, no finding.)
        let c = Chronicle::parse(format!(
            "乾統元年。春。\n乾統二年。{long}\n乾統三年。秋。\n"
        ));
        assert!(c.long_beside_gaps().is_empty());
    }

    #[test]
    fn no_year_zero_in_gaps() {
        let c = Chronicle::parse("元壽二年。春。\n元始元年。春。\n".to_owned());
        let v = c.volume_years();
        assert_eq!(v[0].range, Some((-1, 1)));
        assert_eq!(v[0].gaps, (0, 0));
    }
}
