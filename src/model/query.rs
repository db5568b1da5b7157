//! Year queries: the ways a reader names a year — a CE year (`1115`), a label as written
//! or in the other script (`天慶五年`, `天庆五年`, `丙子神册元年`), an era and a number
//! (`天慶5`), a bare number (`5`: the fifth year of the current era), a 干支 (`乙未`), or an
//! entry's number in `list` order (`#7`: the seventh entry).
//! Shared by `annals show` and the reader's `:` prompt.

use std::fmt;

use crate::calendar::variants::fold_key;
use crate::calendar::{CeYear, Ganzhi};

use super::{Chronicle, EraTable, ganzhi, numerals};

/// Why a year query found nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    /// Nothing was typed.
    Empty,
    /// The input is not a way of naming a year.
    NotAYear(String),
    /// An era name that neither the text nor the era table knows.
    UnknownEra(String),
    /// An entry number (`#N`, 1-based) past the text's entries (or 0).
    NoSuchEntry {
        /// The number asked for.
        n: usize,
        /// How many entries the text has.
        count: usize,
    },
    /// A well-formed year the text has no entry for.
    NotInText {
        /// What was asked.
        query: String,
        /// The CE year it names, when known.
        ce: Option<i32>,
        /// The years the text covers.
        covers: Option<(i32, i32)>,
        /// For a bare number, the year of the current era it was also tried as (`天順十六年`).
        era_year: Option<String>,
        /// For a bare number no greater than the text's count of entries: that number, as
        /// `#N` would name the entry (said, since a number is often meant so).
        entry: Option<usize>,
    },
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::Empty => write!(
                f,
                "type a year: 1115, 天慶五年, 天慶5 or 5 (or #7, the seventh entry)"
            ),
            QueryError::NotAYear(q) => {
                write!(f, "'{q}' is not a year (try 1115, 天慶五年, 天慶5 or 5)")
            }
            QueryError::UnknownEra(e) => write!(f, "unknown era '{e}'"),
            QueryError::NoSuchEntry { n, count } => {
                write!(f, "no entry #{n}: this text has {count} (#1–#{count})")
            }
            QueryError::NotInText {
                query,
                ce,
                covers,
                era_year,
                entry,
            } => {
                write!(f, "no entry for {query}")?;
                if let Some(ce) = ce {
                    if query != &ce.to_string() {
                        write!(f, " ({})", ce_label(*ce))?;
                    }
                }
                if let Some(y) = era_year {
                    write!(f, " as a CE year, nor as {y}")?;
                }
                match (covers, ce) {
                    (Some((lo, hi)), Some(ce)) if lo < ce && ce < hi => write!(
                        f,
                        "; none read in {}–{} (passed over, or not read: see `annals check`)",
                        ce_label(*lo),
                        ce_label(*hi)
                    )?,
                    (Some((lo, hi)), _) => {
                        write!(f, "; this text covers {}–{}", ce_label(*lo), ce_label(*hi))?
                    }
                    _ => {}
                }
                if let Some(n) = entry {
                    write!(f, " (the entry numbered {n} is `#{n}`)")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for QueryError {}

/// A CE year for display: `1115`, `前403`.
pub fn ce_label(ce: i32) -> String {
    if ce < 0 {
        format!("前{}", -ce)
    } else {
        ce.to_string()
    }
}

/// Full-width digits to ASCII, trimmed, a closing 。 dropped.
fn normalize(input: &str) -> String {
    input
        .trim()
        .trim_end_matches(['。', '.'])
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' => '-',
            _ => c,
        })
        .collect()
}

/// A signed CE number: `1115`, `-403`, `前403`, `公元前403年`, `403BC`, `403 BCE`,
/// `1115 CE`, `AD 1115`.
fn ce_number(s: &str) -> Option<i32> {
    let s = s.trim();
    let s = s.strip_prefix("公元").unwrap_or(s);
    let s = s.strip_suffix('年').unwrap_or(s);
    let upper = s.to_ascii_uppercase();
    let (s, bce_suffix) = match ["B.C.E.", "B.C.", "BCE", "BC"]
        .iter()
        .find(|suf| upper.ends_with(**suf))
    {
        Some(suf) => (s[..s.len() - suf.len()].trim_end(), true),
        None => {
            let t = ["C.E.", "CE", "A.D.", "AD"]
                .iter()
                .find(|suf| upper.ends_with(**suf))
                .map_or(s, |suf| s[..s.len() - suf.len()].trim_end());
            let t = t
                .strip_prefix("AD")
                .or_else(|| t.strip_prefix("A.D."))
                .map_or(t, str::trim_start);
            (t, false)
        }
    };
    let (neg, digits) = if let Some(d) = s.strip_prefix('-') {
        (true, d)
    } else if let Some(d) = s.strip_prefix("前") {
        (true, d)
    } else {
        (bce_suffix, s)
    };
    if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: i32 = digits.parse().ok()?;
    Some(if neg { -v } else { v })
}

/// The entries a query names, in text order. `current`: the entry the reader is at (its
/// era is the one a bare number counts in); `None` counts in the first entry's era.
pub fn find(
    chron: &Chronicle,
    input: &str,
    current: Option<usize>,
) -> Result<Vec<usize>, QueryError> {
    let eras = EraTable::embedded();
    let q = normalize(input);
    if q.is_empty() {
        return Err(QueryError::Empty);
    }
    // An entry by its number in `list` order.
    if let Some(digits) = q.strip_prefix(['#', '＃']) {
        let n: usize = digits
            .trim()
            .parse()
            .map_err(|_| QueryError::NotAYear(q.clone()))?;
        let count = chron.entries.len();
        return match n {
            1.. if n <= count => Ok(vec![n - 1]),
            _ => Err(QueryError::NoSuchEntry { n, count }),
        };
    }
    let covers = chron.ce_range();
    let by_ce = |ce: i32| -> Vec<usize> {
        chron
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.ce == Some(ce))
            .map(|(i, _)| i)
            .collect()
    };
    let current = current.or((!chron.entries.is_empty()).then_some(0));
    let current_era_key = current
        .and_then(|i| chron.entries.get(i))
        .and_then(|e| chron.era_name(e))
        .map(|n| fold_key(&n));

    // A number: a CE year, or a year of the current era.
    if let Some(n) = ce_number(&q) {
        let hits = by_ce(n);
        if !hits.is_empty() {
            return Ok(hits);
        }
        let mut era_year = None;
        if (1..=200).contains(&n) && n > 0 && q.bytes().all(|b| b.is_ascii_digit()) {
            if let Some(key) = &current_era_key {
                let hits = by_era(chron, key, None, n as u32, None);
                if !hits.is_empty() {
                    return Ok(hits);
                }
                era_year = current
                    .and_then(|i| chron.entries.get(i))
                    .and_then(|e| chron.era_name(e))
                    .map(|name| format!("{name}{}", super::year_name(n as u32)));
            }
        }
        let count = chron.entries.len();
        return Err(QueryError::NotInText {
            query: q.clone(),
            ce: Some(n),
            covers,
            era_year,
            entry: (q.bytes().all(|b| b.is_ascii_digit()) && (1..=count as i32).contains(&n))
                .then_some(n as usize),
        });
    }

    // A label as `list` prints it (`後元年`, the 元年 of 後元 written once; `文帝十七年`).
    // (Folded only where the character count agrees: a jump in the reader asks this of every
    // entry of a whole history.)
    let folded = fold_key(&q);
    let chars = q.chars().count();
    let hits: Vec<usize> = (0..chron.entries.len())
        .filter(|&i| {
            let label = chron.label(&chron.entries[i]);
            label.chars().count() == chars && fold_key(&label) == folded
        })
        .collect();
    if !hits.is_empty() {
        return Ok(hits);
    }

    // A 干支 alone: every entry of a year with that 干支.
    if q.chars().count() == 2 {
        if let Some((g, _)) = ganzhi::parse_prefix(&q) {
            let hits: Vec<usize> = chron
                .entries
                .iter()
                .enumerate()
                .filter(|(_, e)| e.ganzhi == Some(g) || e.ce.map(ganzhi::of_year) == Some(g))
                .map(|(i, _)| i)
                .collect();
            return if hits.is_empty() {
                Err(QueryError::NotInText {
                    query: q.clone(),
                    ce: None,
                    covers,
                    era_year: None,
                    entry: None,
                })
            } else {
                Ok(hits)
            };
        }
    }

    // [干支] era number [年]: the number as a numeral (五, 十一, 元) or in digits (5).
    let (gz, rest) = match ganzhi::parse_prefix(&q) {
        Some((g, len)) if q[len..].chars().next().is_some_and(|c| !c.is_ascii_digit()) => {
            (Some(g), &q[len..])
        }
        _ => (None, q.as_str()),
    };
    let rest = rest.strip_suffix('年').unwrap_or(rest);
    let (era_text, ordinal) = split_ordinal(rest).ok_or_else(|| QueryError::NotAYear(q.clone()))?;
    if ordinal == 0 {
        return Err(QueryError::NotAYear(q.clone()));
    }
    if era_text.is_empty() {
        let key = current_era_key.ok_or_else(|| QueryError::NotAYear(q.clone()))?;
        let hits = by_era(chron, &key, None, ordinal, gz);
        return if hits.is_empty() {
            Err(QueryError::NotInText {
                query: q.clone(),
                ce: None,
                covers,
                era_year: None,
                entry: None,
            })
        } else {
            Ok(hits)
        };
    }
    let key = fold_key(era_text);
    let table_ids = eras.lookup(era_text);
    let hits = by_era(chron, &key, Some(table_ids), ordinal, gz);
    if !hits.is_empty() {
        return Ok(hits);
    }
    // Another regime's date for a year the text has: 政和五年 → 1115 → 天慶五年.
    let context = current
        .and_then(|i| chron.entries.get(i))
        .and_then(|e| e.ce);
    let picked = super::segment::likeliest_era(
        eras,
        table_ids,
        ordinal,
        context.and_then(CeYear::new),
        gz.and_then(Ganzhi::new),
        &[],
    );
    if let Some(id) = picked {
        if let Some(ce) = eras.get(id).year(ordinal).map(CeYear::get) {
            let hits = by_ce(ce);
            if !hits.is_empty() {
                return Ok(hits);
            }
            return Err(QueryError::NotInText {
                query: q.clone(),
                ce: Some(ce),
                covers,
                era_year: None,
                entry: None,
            });
        }
    }
    let known_in_text = chron
        .entries
        .iter()
        .any(|e| chron.era_name(e).map(|n| fold_key(&n)).as_deref() == Some(key.as_str()));
    if known_in_text {
        Err(QueryError::NotInText {
            query: q.clone(),
            ce: None,
            covers,
            era_year: None,
            entry: None,
        })
    } else {
        Err(QueryError::UnknownEra(era_text.to_owned()))
    }
}

/// Split `天慶五` / `天慶5` / `五` into the era text and the ordinal.
fn split_ordinal(s: &str) -> Option<(&str, u32)> {
    // Digits at the end.
    let digits = s.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let (era, num) = s.split_at(s.len() - digits);
        if digits > 6 {
            return None;
        }
        return Some((era, num.parse().ok()?));
    }
    // A numeral at the end: find the earliest start from which the rest is all numeral.
    for (i, _) in s.char_indices() {
        let tail = &s[i..];
        if let Some((v, len)) = numerals::parse_prefix(tail) {
            if len == tail.len() {
                return Some((&s[..i], v));
            }
        }
    }
    None
}

fn by_era(
    chron: &Chronicle,
    key: &str,
    table_ids: Option<&[super::EraId]>,
    ordinal: u32,
    gz: Option<u8>,
) -> Vec<usize> {
    chron
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.year == ordinal)
        .filter(|(_, e)| gz.is_none() || e.ganzhi.is_none() || e.ganzhi == gz)
        .filter(|(_, e)| {
            let same_name = chron.era_name(e).map(|n| fold_key(&n)).as_deref() == Some(key);
            let same_era = matches!((table_ids, e.era), (Some(ids), Some(id)) if ids.contains(&id));
            same_name || same_era
        })
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(q: &str, current: Option<usize>) -> Result<Vec<String>, QueryError> {
        let c = Chronicle::embedded();
        find(&c, q, current).map(|v| v.into_iter().map(|i| c.full_label(&c.entries[i])).collect())
    }

    #[test]
    fn a_label_as_listed_finds_its_entry() {
        // 後元年: the 元 of 後元 and of 元年 written once; no era is named 後.
        let c = Chronicle::parse(
            "　　後元年冬十月，新垣平詐覺，謀反。\n　　二年夏六月，代王參薨。\n".to_owned(),
        );
        assert_eq!(c.label(&c.entries[0]), "後元年");
        for q in ["後元年", "后元年", "後元年。"] {
            assert_eq!(find(&c, q, None).unwrap(), [0], "{q}");
        }
    }

    #[test]
    fn an_entry_number_names_that_entry() {
        let c = Chronicle::embedded();
        assert_eq!(find(&c, "#1", None).unwrap(), [0]);
        assert_eq!(find(&c, "＃７", None).unwrap(), [6]);
        let count = c.entries.len();
        assert_eq!(find(&c, &format!("#{count}"), None).unwrap(), [count - 1]);
        for n in [0, count + 1] {
            let e = find(&c, &format!("#{n}"), None).unwrap_err();
            assert_eq!(e, QueryError::NoSuchEntry { n, count });
            assert!(e.to_string().contains(&format!("#1–#{count}")), "{e}");
        }
        assert!(matches!(find(&c, "#x", None), Err(QueryError::NotAYear(_))));
    }

    #[test]
    fn every_form_finds_tianqing_five() {
        for q in [
            "1115",
            "天慶五年",
            "天庆五年",
            "天慶5",
            "天庆5年",
            "天慶五",
            "１１１５",
            "天慶五年。",
            "乙未",
        ] {
            assert_eq!(labels(q, None).unwrap(), ["天慶五年"], "{q}");
        }
        // A bare number counts in the current entry's era.
        assert_eq!(labels("5", Some(12)).unwrap(), ["天慶五年"]);
        assert_eq!(labels("5", Some(0)).unwrap(), ["乾統五年"]);
        assert_eq!(labels("元年", Some(12)).unwrap(), ["天慶元年"]);
        // Another regime's date of a year in the text.
        assert_eq!(labels("政和五年", None).unwrap(), ["天慶五年"]);
        assert_eq!(labels("壽隆七年", None).unwrap(), ["乾統元年"]);
    }

    #[test]
    fn ce_years_in_every_notation() {
        for (q, want) in [
            ("-403", Some(-403)),
            ("前403", Some(-403)),
            ("公元前403年", Some(-403)),
            ("403BC", Some(-403)),
            ("403 BC", Some(-403)),
            ("403 bce", Some(-403)),
            ("403 B.C.", Some(-403)),
            ("1115", Some(1115)),
            ("1115 CE", Some(1115)),
            ("AD 1115", Some(1115)),
            ("公元1115年", Some(1115)),
            ("BC", None),
            ("", None),
        ] {
            assert_eq!(ce_number(q), want, "{q}");
        }
    }

    #[test]
    fn errors_say_why() {
        let e = labels("1300", None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "no entry for 1300; this text covers 1101–1118"
        );
        // A small number: neither a CE year nor a year of the first entry's era in the text.
        let e = labels("30", None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "no entry for 30 as a CE year, nor as 乾統三十年; this text covers 1101–1118"
        );
        let e = labels("天慶九年", None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "no entry for 天慶九年 (1119); this text covers 1101–1118"
        );
        assert!(matches!(labels("", None), Err(QueryError::Empty)));
        assert!(matches!(
            labels("hello", None),
            Err(QueryError::NotAYear(_))
        ));
        assert!(matches!(
            labels("某某五年", None),
            Err(QueryError::UnknownEra(_))
        ));
        assert!(labels(&"九".repeat(1000), None).is_err());
    }
}
