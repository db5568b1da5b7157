//! Gaps in the timeline: where the text records no year between two it does (1104, then
//! 1108), a row says so (`⋯ 3 years`), so that a reader sees at a glance what is missing.
//! Only years whose CE year is sure count: a doubtful year is no evidence of a gap.

use super::{Row, RowKind};
use crate::model::Chronicle;
use crate::model::align::years_between;

/// Put a gap row before each year whose CE year is more than one past the previous
/// year's, both sure (a doubtful year between them stands for its year all the same). The
/// gap row takes the place of nothing: its range is empty, where the rows of the year
/// after it begin. It stands before the volume and dynasty headings that open that year (the missing
/// years are between the two years, not in the new volume or dynasty), and it belongs to
/// the previous year's volume and dynasty, so it folds with them.
pub(super) fn insert(chron: &Chronicle, rows: &mut Vec<Row>) {
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    // The previous year with a CE year, and whether it is sure; the previous year's row's
    // volume and dynasty.
    let mut last: Option<(i32, bool)> = None;
    let mut last_place = (None, None);
    for row in rows.drain(..) {
        if let RowKind::Entry(i) = row.kind {
            let e = &chron.entries[i];
            let sure = e.doubts.is_empty();
            if let (Some((prev, true)), Some(ce), true) = (last, e.ce, sure) {
                let missing = years_between(prev, ce);
                if missing > 0 {
                    let headings = out
                        .iter()
                        .rev()
                        .take_while(|r| matches!(r.kind, RowKind::Volume(_) | RowKind::Dynasty(_)))
                        .count();
                    let at = out.len() - headings;
                    let start = out.get(at).map_or(row.range.start, |h| h.range.start);
                    let (volume, dynasty) = last_place;
                    out.insert(
                        at,
                        Row {
                            kind: RowKind::Gap(missing),
                            range: start..start,
                            volume,
                            dynasty,
                            label: gap_label(missing),
                            empty: true,
                        },
                    );
                }
            }
            if let Some(ce) = e.ce {
                last = Some((ce, sure));
            }
            last_place = (row.volume, row.dynasty);
        }
        out.push(row);
    }
    *rows = out;
}

/// `⋯ 1 year`, `⋯ 3 years`.
pub fn gap_label(missing: u32) -> String {
    if missing == 1 {
        "⋯ 1 year".to_owned()
    } else {
        format!("⋯ {missing} years")
    }
}

/// The row to select for `row`: the year after a gap, else `row` itself.
pub(super) fn past_gap(rows: &[Row], row: usize) -> usize {
    match rows.get(row).map(|r| r.kind) {
        Some(RowKind::Gap(_)) if row + 1 < rows.len() => row + 1,
        _ => row,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_are_labelled_in_years() {
        assert_eq!(gap_label(1), "⋯ 1 year");
        assert_eq!(gap_label(3), "⋯ 3 years");
    }
}
