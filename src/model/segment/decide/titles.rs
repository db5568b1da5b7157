//! What the structure of a book says before its years are read: tables of contents, a
//! preface of annals, the regimes and rulers a title names, successor states.

use super::*;

/// Which events stand in a table of contents: a run of three or more 卷 headings each
/// within a few lines of the one before (`卷一` / `理宗` / `寳庆元年乙酉【迄】嘉熙二年戊戌` /
/// `卷二` …), and the few lines after the last. Their 卷 are not volumes and their years
/// not headings: the real ones come later.
pub(super) fn table_of_contents(text: &str, events: &Events<'_>) -> Vec<bool> {
    /// Most lines from one 卷 heading of a contents table to the next.
    const NEAR: usize = 6;
    let mut toc = vec![false; events.len()];
    let volumes: Vec<usize> = events
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e.event, Event::Volume { .. }))
        .map(|(k, _)| k)
        .collect();
    let number = |k: usize| match events[k].event {
        Event::Volume { number, .. } => number,
        _ => None,
    };
    let part = |k: usize| match events[k].event {
        Event::Volume { heading, .. } => crate::model::volume_part(&text[heading.range()]),
        _ => None,
    };
    // The next 卷 of the table: near, and numbered on (a 卷一 after 卷三十 is the book's;
    // a section named with no 卷 after numbered ones, `本纪第三　武帝下` after `卷五十六
    // 列传第五十`, is the text's).
    let near = |a: usize, b: usize| {
        events[b].line_no - events[a].line_no <= NEAR
            && match (number(a), number(b)) {
                // (The same number in another part: `卷一上` / `卷一下`.)
                (Some(x), Some(y)) => y > x || (y == x && part(b).is_some() && part(a) != part(b)),
                (Some(_), None) => false,
                _ => true,
            }
    };
    let mut run_start = 0;
    while run_start < volumes.len() {
        let mut run_end = run_start;
        while run_end + 1 < volumes.len() && near(volumes[run_end], volumes[run_end + 1]) {
            run_end += 1;
        }
        if run_end - run_start >= 2 {
            let first = volumes[run_start];
            let last = volumes[run_end];
            let limit = events[last].line_no + NEAR;
            // (Up to a blank line: the text after a table starts after one, as 梁書's
            // `附录 梁书序` / `` / `本纪第三　武帝下` / `普通元年春正月…`.)
            let mut end = last + 1;
            while end < events.len()
                && events[end].line_no <= limit
                // (Two events of one line may stand in either order: `…端平元年进书表又题
                // 端平元年正月…`; no blank line between them then.)
                && !text
                    .get(events[end - 1].line_start..events[end].line_start)
                    .unwrap_or_default()
                    .split_terminator('\n')
                    .skip(1)
                    .any(|l| l.trim().is_empty())
                && !matches!(events[end].event, Event::Volume { .. })
            {
                end += 1;
            }
            toc[first..end].iter_mut().for_each(|t| *t = true);
        }
        run_start = run_end + 1;
    }
    year_contents(text, events, &mut toc);
    toc
}

/// Marks in `toc` the year headings of a table of contents: a run of at least four years
/// named whole, each alone on its line and on the line after the one before (blank lines
/// between allowed), no label twice, four or more and at least a quarter of whose labels
/// are written again later as the headings of text (a 年譜's 目录:
/// `嘉庆二十五年庚辰（公元一八二０年）` / `道光元年辛巳（…）` / … before the years themselves).
fn year_contents(text: &str, events: &Events<'_>, toc: &mut [bool]) {
    const RUN: usize = 4;
    let cands: Vec<(usize, &LineEvent<'_>, &Cand<'_>)> = events
        .with_cands()
        .enumerate()
        .filter_map(|(k, (e, c))| Some((k, e, c?)))
        .collect();
    let label = |c: &Cand<'_>| text[c.label.range()].trim();
    // The year a label names, to its 年: the heading of text may carry its 干支 and CE year
    // where the table's title did not (東華續錄選輯: `乾隆元年` in the table, then `乾隆元年`
    // / `乾隆元年丙辰（一七三六）春正月…` in the text).
    let year_of = |c: &Cand<'_>| {
        let l = label(c);
        l.find('年').map_or(l, |k| &l[..k + '年'.len_utf8()])
    };
    // A year named whole (its era written), alone on its line.
    let alone = |k: usize| {
        let (_, e, c) = cands[k];
        let end = memchr::memchr(b'\n', &text.as_bytes()[c.heading_end..])
            .map_or(text.len(), |i| c.heading_end + i);
        c.era.is_some()
            && e.line_start <= c.label.start
            && text[c.heading_end..end].trim().is_empty()
    };
    // Nothing but blank lines between heading `k` and the next.
    let next_at_once = |k: usize| {
        k + 1 < cands.len()
            && cands[k + 1].1.line_no > cands[k].1.line_no
            && text
                [cands[k].2.heading_end.min(cands[k + 1].1.line_start)..cands[k + 1].1.line_start]
                .split('\n')
                .skip(1)
                .all(|l| l.trim().is_empty())
    };
    // Where each label last heads text.
    let mut last_text: HashMap<&str, usize> = HashMap::new();
    for (k, &(_, _, c)) in cands.iter().enumerate() {
        if !next_at_once(k) {
            last_text.insert(year_of(c), k);
        }
    }
    let mut i = 0;
    while i < cands.len() {
        let mut j = i;
        let mut seen = std::collections::HashSet::new();
        while j < cands.len() && alone(j) {
            seen.insert(label(cands[j].2));
            let next = j + 1;
            // (A label the run has given already is the text's own, after the table.)
            let follows = next_at_once(j) && alone(next) && !seen.contains(label(cands[next].2));
            j = next;
            if !follows {
                break;
            }
        }
        if j - i >= RUN {
            // The labels written again later as the headings of text.
            let run = &cands[i..j];
            let again = run
                .iter()
                .filter(|(_, _, c)| last_text.get(year_of(c)).is_some_and(|&k| k >= j))
                .count();
            if again >= RUN && again * 4 >= run.len() {
                for &(k, _, _) in run {
                    toc[k] = true;
                }
            }
        }
        i = j.max(i + 1);
    }
}

/// Whether the text before the first 卷 heading is a preface, whose dates are dates in
/// sentences unless the years around them say otherwise. It is not one where the book has
/// no 卷 heading, or where years follow one another there (two headings at line starts,
/// each the next year of the one before or a new era's 元年): an excerpt that begins in
/// a 卷, or a book whose only 卷 line comes late, has its annals there.
pub(super) fn preface_before_volumes(events: &Events<'_>, toc: &[bool]) -> bool {
    let Some(first) = events
        .iter()
        .zip(toc)
        .position(|(e, &in_toc)| matches!(e.event, Event::Volume { .. }) && !in_toc)
    else {
        return false;
    };
    // (Not a 卷's closing line with no year after it, ending a sample that opens inside
    // the 卷: 史記集解's `史記集解卷四` under 周本紀's last years.)
    if !events
        .with_cands()
        .skip(first + 1)
        .any(|(_, c)| c.is_some())
    {
        return false;
    }
    let mut prev: Option<u32> = None;
    // (Years named by their 干支 alone follow one another by it: 開國方略's `丁酉年` / `戊戌年`.)
    let mut prev_gz: Option<u8> = None;
    let mut runs = 0;
    for ((_, c), _) in events
        .with_cands()
        .take(first)
        .zip(toc)
        .filter(|&(_, &t)| !t)
    {
        let Some(c) = c else { continue };
        if c.lead || c.mid_line || c.mid_paragraph {
            continue;
        }
        if c.ordinal == 0 {
            if let Some(g) = c.ganzhi.filter(|_| c.era.is_none()) {
                runs += usize::from(prev_gz.is_some_and(|p| (p + 1) % 60 == g));
                if runs >= 2 {
                    return false;
                }
                prev_gz = Some(g);
            }
            continue;
        }
        let follows = match prev {
            Some(p) => c.ordinal == p + 1 || (c.ordinal == 1 && c.era.is_some()),
            None => false,
        };
        runs += usize::from(follows);
        if runs >= 2 {
            return false;
        }
        prev = Some(c.ordinal);
    }
    true
}

/// The regimes a title names: 契丹國志 → 遼, 前漢孝惠皇帝紀 → 西漢, 唐書 → 唐 (and the other
/// 唐s; the resolver weighs them), with the regimes of the same line (元 counted on in
/// 蒙古's 至元: 元史 is about both).
pub(super) fn regimes_in(eras: &EraTable, title: &str) -> Vec<RegimeId> {
    let mut out = named_regimes(eras, title);
    if out.is_empty() {
        return classic_of_lu(eras, title);
    }
    let named = out.clone();
    for &(a, b) in continuations(eras).iter() {
        for (x, y) in [(a, b), (b, a)] {
            if named.contains(&x) && !out.contains(&y) {
                out.push(y);
            }
        }
    }
    out
}

/// The 年號 a book's title names (咸淳遺事 → 咸淳, 建炎以來繫年要錄 → 建炎): every era of
/// two to four characters the table knows by a run of the title's characters.
pub(super) fn eras_in_title(eras: &EraTable, title: &str) -> Vec<EraId> {
    let starts: Vec<usize> = title.char_indices().map(|(k, _)| k).collect();
    let mut out = Vec::new();
    for (i, &from) in starts.iter().enumerate() {
        for n in 2..=4 {
            let to = starts.get(i + n).copied().unwrap_or(title.len());
            if i + n > starts.len() {
                break;
            }
            for &id in eras.lookup(&title[from..to]) {
                if eras.get(id).kind() == EraKind::Era && !out.contains(&id) {
                    out.push(id);
                }
            }
        }
    }
    out
}

/// 魯, for a title of 春秋 or one of its commentaries (`春秋經傳集解`, `春秋左傳正義`,
/// `左傳`, `公羊傳`, `穀梁傳`): the classic counts the years of 魯's dukes, so its bare
/// `桓公元年` is 魯's (前711), not 曹's. Not a title naming another regime before 春秋
/// (`十國春秋`, `吳越春秋`: those name theirs).
fn classic_of_lu(eras: &EraTable, title: &str) -> Vec<RegimeId> {
    let title = title.trim_start_matches(|c: char| !super::super::scan::is_han(c));
    let classic = [
        "春秋", "左傳", "左传", "左氏", "公羊", "穀梁", "榖梁", "谷梁",
    ]
    .iter()
    .any(|p| title.starts_with(p));
    if classic {
        eras.regimes_named("魯國").to_vec()
    } else {
        Vec::new()
    }
}

/// The pairs of regimes of which one counted on in the other's era as its successor (元
/// in 蒙古's 至元, 北漢 in 後漢's 乾祐): found once for the embedded table, every time for
/// another. Not a state that took over the eras of an overlord it lived beside (吳越 and
/// 閩 in 後梁's 乾化): a book of 五代 is not about them.
pub(super) fn continuations(eras: &EraTable) -> std::borrow::Cow<'static, [(RegimeId, RegimeId)]> {
    fn find(eras: &EraTable) -> Vec<(RegimeId, RegimeId)> {
        let mut pairs = Vec::new();
        for &e in eras.ids() {
            let era = eras.get(e);
            if let Some(c) = era.continues() {
                let pair = (era.regime(), eras.get(c).regime());
                let successor = eras.succeeds(pair.0, pair.1);
                if pair.0 != pair.1 && successor && !pairs.contains(&pair) {
                    pairs.push(pair);
                }
            }
        }
        pairs
    }
    static PAIRS: std::sync::OnceLock<Vec<(RegimeId, RegimeId)>> = std::sync::OnceLock::new();
    if std::ptr::eq(eras, EraTable::embedded()) {
        std::borrow::Cow::Borrowed(PAIRS.get_or_init(|| find(eras)))
    } else {
        std::borrow::Cow::Owned(find(eras))
    }
}

/// The regimes whose names a title holds: those named with three characters, else with
/// two, in the order of the title; else those named by its first character alone.
pub(super) fn named_regimes(eras: &EraTable, title: &str) -> Vec<RegimeId> {
    // (One walk along the names from each character finds the names of every length.)
    let mut by_len: [Vec<RegimeId>; 3] = Default::default();
    // The head of the title, after a word that says which history it is (新元史, 舊唐書,
    // 新五代史, 續宋編年: not 王莽's 新).
    let head = title
        .strip_prefix(['新', '舊', '旧', '續', '续'])
        .filter(|rest| {
            let mut named = false;
            eras.regimes_at_each(rest, 3, |_, regimes| named |= !regimes.is_empty());
            named
        })
        .map_or(0, |rest| title.len() - rest.len());
    for (start, _) in title.char_indices() {
        // (Not a name that ends a count: 三十國春秋 is of 晉 and the thirty states around
        // it, not of the 十國.)
        if title[..start]
            .chars()
            .next_back()
            .is_some_and(crate::model::numerals::is_numeral_char)
        {
            continue;
        }
        eras.regimes_at_each(&title[start..], 3, |len, regimes| {
            let chars = title[start..start + len].chars().count();
            // (Or at the head of a 卷's title after its heading: `史記集解卷五 秦本紀第五`.)
            if chars == 1 && start != head && !title[..start].ends_with(' ') {
                return;
            }
            // (And a history's word or a ruler of it after it: 金史, 宋季三朝政要, 明神宗實錄;
            // not 金佗稡編, named for 岳珂's 金佗坊.)
            if chars == 1 && !names_history(eras, &title[start + len..], regimes) {
                return;
            }
            let out = &mut by_len[chars - 1];
            // (Another country's regime by a name of two characters or more: 高麗史.)
            let abroad = chars > 1;
            for &r in regimes {
                if (abroad || eras.regime(r).country() == Country::China) && !out.contains(&r) {
                    out.push(r);
                }
            }
        });
    }
    // (Not a rebel's regime of a year or two, named by his title: 劉迦論's 皇王 (614) is no
    // regime of 皇王大紀.)
    for found in &mut by_len {
        found.retain(|&r| lasting(eras, r));
    }
    let [one, two, three] = by_len;
    // A single character only at the head of the title (唐書, 宋史, 元史, 新元史's 元).
    [three, two, one]
        .into_iter()
        .find(|found| !found.is_empty())
        .unwrap_or_default()
}

/// Whether `rest`, after a regime's name of one character at a title's head, says the title
/// is that regime's history: it ends there, or goes on with a word of a history's title (史,
/// 書, 紀, 志, 略, 鑑, 錄, 實錄, 會要, 通鑑, 大事記, 小史, 季, 朝, 國, 文, 典, 年, 代, 詔 …) or
/// with the name of one of its rulers (明神宗實錄), or names its 世家 or 紀 further on.
fn names_history(eras: &EraTable, rest: &str, regimes: &[RegimeId]) -> bool {
    let Some(next) = rest.chars().next() else {
        return true;
    };
    const HISTORY: &str =
        "史書书紀纪記记志略鑑鉴錄录實实會会通大小季朝國国文典年代詔诏編编本世遺遗";
    if HISTORY.contains(next) || !super::super::scan::is_han(next) {
        return true;
    }
    // (Or a 世家 or 紀 of it with its founder's name between: 衛康叔世家.)
    let part = ["世家", "本紀", "本纪", "載記", "载记"];
    if part.iter().any(|p| rest.contains(p)) {
        return true;
    }
    let mut ruler = false;
    eras.rulers_at_each(rest, |_, rulers| {
        ruler |= rulers
            .iter()
            .any(|&u| regimes.contains(&eras.ruler(u).regime()));
    });
    ruler
}

/// Whether regime `r`'s eras span five years or more (from its first year to its last).
fn lasting(eras: &EraTable, r: RegimeId) -> bool {
    let ids = eras.eras_of(r);
    let first = ids.iter().map(|&e| eras.get(e).start().get()).min();
    let last = ids.iter().map(|&e| eras.get(e).end().get()).max();
    first.zip(last).is_some_and(|(a, b)| b - a >= 4)
}

/// The rulers a 卷 heading or title names (`前漢孝惠皇帝紀卷第五` → 惠帝), of `regimes` when
/// given: the longest names first, two characters at least.
pub(super) fn rulers_in(eras: &EraTable, title: &str, regimes: &[RegimeId]) -> Vec<RulerId> {
    // Every ruler's name in the title, two characters at least; the longest win.
    let mut found: Vec<(usize, RulerId)> = Vec::new();
    for (at, _) in title.char_indices() {
        eras.rulers_at_each(&title[at..], |len, rulers| {
            if title[at..at + len].chars().count() < 2 {
                return;
            }
            for &r in rulers {
                let ok = regimes.is_empty() || regimes.contains(&eras.ruler(r).regime());
                if ok && !found.iter().any(|&(_, x)| x == r) {
                    found.push((len, r));
                }
            }
        });
    }
    let longest = found.iter().map(|&(len, _)| len).max().unwrap_or(0);
    found
        .into_iter()
        .filter(|&(len, _)| len == longest)
        .map(|(_, r)| r)
        .collect()
}

/// The years of a ruler: his own count (威烈王, 高祖) and the eras he proclaimed, in order.
pub(super) fn ruler_years(eras: &EraTable, ruler: RulerId) -> Vec<EraId> {
    let regime = eras.ruler(ruler).regime();
    let mut mine: Vec<EraId> = eras
        .eras_of(regime)
        .iter()
        .copied()
        .filter(|&e| eras.get(e).ruler() == ruler)
        .collect();
    mine.sort_by_key(|&e| eras.get(e).kind() != EraKind::RulerYears);
    mine
}

pub(super) fn line_end(text: &str, from: usize) -> usize {
    memchr::memchr(b'\n', &text.as_bytes()[from..]).map_or(text.len(), |i| from + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(eras: &EraTable, regimes: &[RegimeId]) -> Vec<&'static str> {
        let t = EraTable::embedded();
        assert!(std::ptr::eq(eras, t));
        regimes.iter().map(|&r| t.regime(r).name()).collect()
    }

    #[test]
    fn a_title_naming_a_group_names_its_members_not_the_states_beside_them() {
        let eras = EraTable::embedded();
        let found = names(eras, &regimes_in(eras, "新五代史"));
        for r in ["後梁", "後唐", "後晉", "後漢", "後周"] {
            assert!(found.contains(&r), "{r} in {found:?}");
        }
        // Not 王莽's 新; not 閩 or 吳越, which counted in 後梁's eras beside it.
        for r in ["新", "閩", "吳越"] {
            assert!(!found.contains(&r), "{r} in {found:?}");
        }
        // A successor that counted on in its predecessor's era is still read with it.
        let yuan = names(eras, &regimes_in(eras, "元史"));
        assert!(yuan.contains(&"蒙古"), "{yuan:?}");
    }

    /// A name that ends a count is no regime's: 三十國春秋 (蕭方等, of 晉 and the states
    /// around it) is not of the 十國; 十國春秋 is.
    #[test]
    fn a_name_ending_a_count_names_no_regime() {
        let eras = EraTable::embedded();
        let ten = names(eras, &regimes_in(eras, "十國春秋"));
        assert!(ten.contains(&"吳越"), "{ten:?}");
        let thirty = names(eras, &regimes_in(eras, "三十國春秋輯本"));
        assert!(!thirty.contains(&"吳越"), "{thirty:?}");
    }

    /// A rebel's regime of a year, named by his title, is no book's: 皇王大紀 (胡宏, of the
    /// kings from 伏羲 to 周) is not of 劉迦論's 皇王 (614).
    #[test]
    fn a_title_names_no_passing_rebel() {
        let eras = EraTable::embedded();
        let found = names(eras, &regimes_in(eras, "皇王大紀"));
        assert!(!found.contains(&"皇王"), "{found:?}");
    }

    /// One character at a title's head names its regime only where the title goes on as a
    /// history of it: not 金佗稡編 (岳珂's, named for his 金佗坊), whose 紹興 is 南宋's.
    #[test]
    fn a_title_names_its_regime_by_one_character_only_as_its_history() {
        let eras = EraTable::embedded();
        assert_eq!(
            names(eras, &regimes_in(eras, "金佗稡編")),
            Vec::<&str>::new()
        );
        for (title, regime) in [
            ("金史", "金"),
            ("金小史", "金"),
            ("宋季三朝政要", "南宋"),
            ("明神宗實錄", "明"),
            ("衛康叔世家第七", "衛國"),
            ("唐書", "唐"),
        ] {
            let found = names(eras, &regimes_in(eras, title));
            assert!(found.contains(&regime), "{title}: {found:?}");
        }
    }
}
