//! The era table (年號): every era with its dynasty, ruler, first and last CE year and the
//! spellings texts use for it. The data is `assets/eras.json`, embedded in the binary.
//!
//! Lookups fold 繁簡 and variant characters (through [`crate::search::fold`]), so 天庆,
//! 天慶 and the conversion slip 干统 (for 乾統) all find their era; the table's explicit
//! aliases add respellings folding cannot know (壽隆 = 壽昌, 太康 = 大康).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// One reign era.
#[derive(Debug, Clone, Deserialize)]
pub struct Era {
    /// The standard name, in traditional characters.
    pub name: String,
    /// The dynasty or state that used it (遼, 北宋, 金, 西夏 …).
    pub dynasty: String,
    /// The ruler who proclaimed it.
    #[serde(default)]
    pub ruler: String,
    /// CE year of its first year (元年).
    pub start: i32,
    /// CE year of its last year as used.
    pub end: i32,
    /// The lunar month it was proclaimed in, when that was not the first month.
    #[serde(default)]
    pub start_month: Option<u8>,
    /// Other spellings: simplified forms, 四庫 respellings, conversion slips.
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl Era {
    /// The CE year of the `ordinal`-th year of this era (元年 = 1).
    pub fn year(&self, ordinal: u32) -> Option<i32> {
        let ord = i32::try_from(ordinal).ok()?;
        let ce = self.start.checked_add(ord.checked_sub(1)?)?;
        // There is no year 0: an era starting BCE continues from -1 to 1.
        Some(if self.start < 0 && ce >= 0 {
            ce + 1
        } else {
            ce
        })
    }

    /// How many years the era lasted, counting its first and last.
    pub fn len(&self) -> u32 {
        let span = self.end - self.start + 1 - i32::from(self.start < 0 && self.end > 0);
        u32::try_from(span.max(1)).unwrap_or(1)
    }

    /// Eras always have at least one year.
    pub fn is_empty(&self) -> bool {
        false
    }
}

#[derive(Deserialize)]
struct EraFile {
    eras: Vec<Era>,
}

/// An identifier of an era in the table (its index).
pub type EraId = u32;

/// The era table with a folded-name index.
pub struct EraTable {
    eras: Vec<Era>,
    by_key: HashMap<String, Vec<EraId>>,
    max_chars: usize,
    /// The folded first character of every name: most places in a text start none.
    first_chars: std::collections::HashSet<char>,
}

/// Dynasties preferred when a name is ambiguous and nothing else decides (the reader's
/// main texts are Liao and Song histories).
const PREFERENCE: [&str; 8] = ["遼", "北宋", "金", "南宋", "西夏", "北遼", "西遼", "唐"];

impl EraTable {
    /// The table embedded in the binary (parsed once).
    pub fn embedded() -> &'static EraTable {
        static TABLE: OnceLock<EraTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            EraTable::from_json(include_str!("../../assets/eras.json"))
                .expect("assets/eras.json is valid (checked by tests)")
        })
    }

    /// Parse a table in the `assets/eras.json` format.
    pub fn from_json(json: &str) -> Result<EraTable, serde_json::Error> {
        let file: EraFile = serde_json::from_str(json)?;
        let mut eras = file.eras;
        // Order ambiguous names by dynasty preference, keeping the file order otherwise.
        let rank = |e: &Era| {
            PREFERENCE
                .iter()
                .position(|d| *d == e.dynasty)
                .unwrap_or(PREFERENCE.len())
        };
        eras.sort_by_key(rank);
        let mut by_key: HashMap<String, Vec<EraId>> = HashMap::new();
        let mut max_chars = 0;
        for (i, era) in eras.iter().enumerate() {
            let id = i as EraId;
            for name in std::iter::once(&era.name).chain(era.aliases.iter()) {
                max_chars = max_chars.max(name.chars().count());
                let ids = by_key.entry(fold_key(name)).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        Ok(EraTable {
            eras,
            first_chars: by_key.keys().filter_map(|k| k.chars().next()).collect(),
            by_key,
            max_chars,
        })
    }

    /// The era with this id.
    pub fn get(&self, id: EraId) -> &Era {
        &self.eras[id as usize]
    }

    /// All eras.
    pub fn eras(&self) -> &[Era] {
        &self.eras
    }

    /// The eras a name (any spelling) may denote, most preferred first.
    pub fn lookup(&self, name: &str) -> &[EraId] {
        self.by_key
            .get(&fold_key(name))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The longest era name at the start of `s`: its byte length and candidate eras.
    /// Only names followed by something `accept` likes are considered (so that 太平 does
    /// not shadow 太平興國 and an era is only taken where a year number follows).
    pub fn longest_prefix(
        &self,
        s: &str,
        accept: impl Fn(&str) -> bool,
    ) -> Option<(usize, &[EraId])> {
        let first = s.chars().next()?;
        if !self
            .first_chars
            .contains(&crate::search::fold::fold_char(first))
        {
            return None;
        }
        // Fold the first `max_chars` characters once; the folded form of a shorter prefix
        // is a prefix of it (folding goes character by character).
        let mut folded = String::with_capacity(self.max_chars * 4);
        let mut ends = Vec::with_capacity(self.max_chars);
        for (i, c) in s.char_indices().take(self.max_chars) {
            folded.push(crate::search::fold::fold_char(c));
            ends.push((i + c.len_utf8(), folded.len()));
        }
        for &(end, folded_end) in ends.iter().rev() {
            if let Some(ids) = self.by_key.get(&folded[..folded_end]) {
                if accept(&s[end..]) {
                    return Some((end, ids));
                }
            }
        }
        None
    }

    /// Choose among candidate eras for the `ordinal`-th year: the one whose year lies
    /// nearest `context` (the CE year the text is at), else the one whose year has the
    /// written 干支, else the most preferred.
    pub fn resolve(
        &self,
        ids: &[EraId],
        ordinal: u32,
        context: Option<i32>,
        ganzhi: Option<u8>,
    ) -> Option<EraId> {
        let first = *ids.first()?;
        if ids.len() == 1 {
            return Some(first);
        }
        let score = |id: EraId| -> (i64, i64) {
            let era = self.get(id);
            let year = era.year(ordinal).unwrap_or(era.start);
            let gz_miss = match ganzhi {
                Some(g) => i64::from(super::ganzhi::of_year(year) != g),
                None => 0,
            };
            let dist = match context {
                Some(c) => i64::from((year - c).abs()),
                None => 0,
            };
            // Within a few years of the context, the 干支 decides; far away, distance does.
            (dist / 8, gz_miss * 1000 + dist)
        };
        ids.iter().copied().min_by_key(|&id| score(id))
    }
}

/// The key names are indexed by: every character folded to its 繁簡 class representative.
pub fn fold_key(name: &str) -> String {
    name.chars().map(crate::search::fold::fold_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(label_era: &str, ordinal: u32) -> i32 {
        let t = EraTable::embedded();
        let id = t
            .resolve(t.lookup(label_era), ordinal, None, None)
            .unwrap_or_else(|| panic!("{label_era} not in table"));
        t.get(id).year(ordinal).unwrap()
    }

    #[test]
    fn required_years() {
        assert_eq!(year("乾統", 1), 1101);
        assert_eq!(year("天慶", 8), 1118);
        assert_eq!(year("崇寧", 5), 1106);
        assert_eq!(year("壽隆", 7), 1101);
        assert_eq!(year("收國", 1), 1115);
        assert_eq!(year("神冊", 1), 916);
        assert_eq!(year("靖康", 1), 1126);
        assert_eq!(year("天興", 1), 1232);
    }

    #[test]
    fn spellings_fold() {
        for spelling in ["乾統", "乾统", "干统", "干統"] {
            assert_eq!(year(spelling, 1), 1101, "{spelling}");
        }
        assert_eq!(year("天庆", 5), 1115);
        assert_eq!(year("寿昌", 1), 1095);
        assert_eq!(year("神册", 1), 916);
    }

    #[test]
    fn coverage() {
        let t = EraTable::embedded();
        for d in ["遼", "北宋", "金", "南宋", "西夏"] {
            assert!(t.eras().iter().any(|e| e.dynasty == d), "{d}");
        }
        let liao: Vec<_> = t.eras().iter().filter(|e| e.dynasty == "遼").collect();
        assert_eq!(liao.first().map(|e| e.name.as_str()), Some("神冊"));
        assert_eq!(liao.last().map(|e| e.name.as_str()), Some("保大"));
        for e in t.eras() {
            assert!(e.start <= e.end, "{} {}", e.dynasty, e.name);
            assert!(!e.aliases.contains(&e.name), "{}", e.name);
        }
    }

    #[test]
    fn ambiguous_names_follow_context() {
        let t = EraTable::embedded();
        let ids = t.lookup("天慶");
        assert!(ids.len() >= 2, "遼 and 西夏 both used 天慶");
        let liao = t.resolve(ids, 5, Some(1114), None).unwrap();
        assert_eq!(t.get(liao).start, 1111);
        let xia = t.resolve(ids, 5, Some(1197), None).unwrap();
        assert_eq!(t.get(xia).dynasty, "西夏");
    }

    #[test]
    fn longest_prefix_prefers_long_names() {
        let t = EraTable::embedded();
        let (len, ids) = t
            .longest_prefix("太平興國二年", |rest| rest.starts_with('二'))
            .unwrap();
        assert_eq!(len, "太平興國".len());
        assert_eq!(t.get(ids[0]).start, 976);
    }
}
