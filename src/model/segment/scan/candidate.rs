//! A year heading candidate at a place in a line: the era or ruler, the ordinal, the
//! 干支 and annotation, how the label ends; and the other forms years take (bracketed
//! years, 卷 spans, editors' notes).

use super::*;

/// Characters that cannot begin an era name not in the table (they begin phrases such as
/// 其後三年, 在位十八年, 是年).
pub(super) fn not_era_start(c: char) -> bool {
    matches!(
        c,
        '其' | '是'
            | '此'
            | '次'
            | '明'
            | '前'
            | '後'
            | '后'
            | '今'
            | '去'
            | '每'
            | '數'
            | '数'
            | '累'
            | '凡'
            | '餘'
            | '余'
            | '越'
            | '踰'
            | '逾'
            | '自'
            | '至'
            | '及'
            | '居'
            | '歷'
            | '历'
            | '經'
            | '经'
            | '又'
            | '再'
            | '閱'
            | '阅'
            | '不'
            | '未'
            | '已'
            | '於'
            | '于'
            | '在'
            | '以'
            | '迄'
            | '先'
            | '初'
            | '積'
            | '积'
            | '近'
            | '當'
            | '当'
            | '即'
            | '既'
            | '計'
            | '计'
            | '共'
            | '治'
            | '享'
            | '有'
            | '隔'
            | '閲'
            | '离'
            | '離'
            | '距'
            | '逮'
            | '洎'
            | '比'
    )
}

/// Where 元年 first stands in `h`.
pub(super) fn find_yuannian(h: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = find3(&h[from..], &utf8_3("元")) {
        let at = from + i;
        if h[at + 3..].starts_with("年".as_bytes()) {
            return Some(at);
        }
        from = at + 3;
    }
    None
}

pub(in crate::model::segment) fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// A numeral and the word for year after it (`二年`, and 載 as 天寶 and 至德 counted): its
/// value and byte length.
/// `s` after a short note between a ruler's name and his year's number, as 大事記 and
/// Kanripo files write it (`周敬王【丐】三十九年`, `周威烈王(午/)二十三年`); `s` where none.
fn after_note(s: &str) -> &str {
    let close = match s.chars().next() {
        Some('【') => '】',
        Some('(') => ')',
        _ => return s,
    };
    let inner = &s[s.chars().next().map_or(0, char::len_utf8)..];
    match inner.char_indices().take(8).find(|&(_, c)| c == close) {
        Some((k, c)) => &inner[k + c.len_utf8()..],
        None => s,
    }
}

/// [`numeral_year`] after a note [`after_note`] passes over: the number and the byte length
/// of the note, number and 年 together.
fn numeral_year_after_note(s: &str) -> Option<(u32, usize)> {
    let after = after_note(s);
    numeral_year(after).map(|(v, len)| (v, len + s.len() - after.len()))
}

pub(super) fn numeral_year(s: &str) -> Option<(u32, usize)> {
    let (v, len) = numeral_prefix(s).or_else(|| two_years(s))?;
    let word = s[len..].chars().next()?;
    matches!(word, '年' | '載' | '载').then_some((v, len + word.len_utf8()))
}

/// Two years in a row written as one run of numerals (錦里耆舊傳: `十一十二年時平俗阜`,
/// the years 11 and 12): the first's value, and the run's length, as a range of years
/// (`六年至九年`) is read by its first.
fn two_years(s: &str) -> Option<(u32, usize)> {
    let run: usize = s
        .chars()
        .take_while(|&c| numerals::is_numeral_char(c))
        .take(8)
        .map(char::len_utf8)
        .sum();
    let run_str = &s[..run];
    run_str.char_indices().skip(1).find_map(|(k, _)| {
        let a = numerals::value(&run_str[..k])?;
        let b = numerals::value(&run_str[k..])?;
        // (Not `三四年`, "three or four years".)
        (b == a + 1 && a >= 10).then_some((a, run))
    })
}

/// Whether a word for year (年, 載, 载) stands in `s` before any punctuation: a year's label
/// read from the start of `s` ([`parse_candidate`]'s readings: the era table's names,
/// numerals, 上中下, Han characters) has none before the word that ends it, so where this is
/// false none can be read. (A test checks the table's names.)
pub(super) fn year_before_punct(s: &str) -> bool {
    for c in s.chars() {
        match c {
            '年' | '載' | '载' => return true,
            c if is_punct(c) => return false,
            _ => {}
        }
    }
    false
}

/// Whether a 干支 follows the first two, three or four characters of `s` (three bytes
/// each, as Han characters are): where an era and the year's 干支 may stand (`至正丙申`).
pub(super) fn ganzhi_after_name(s: &str) -> bool {
    // (Not a day's 干支 after its month, `二月甲子，…`: no era's name ends in 月.)
    [6, 9, 12].iter().any(|&k| {
        s.as_bytes().get(k - 3..k) != Some("月".as_bytes())
            && s.get(k..).and_then(ganzhi_prefix).is_some()
    })
}

/// Whether year `ordinal` of era `id` is the year of the 干支 `g` (its cycle index, 0 =
/// 甲子): a 干支 written with an era's year that the era's calendar bears out.
pub(in crate::model::segment) fn era_year_is(
    eras: &EraTable,
    id: EraId,
    ordinal: u32,
    g: u8,
) -> bool {
    eras.get(id)
        .year(ordinal)
        .is_some_and(|y| ganzhi::of_year(y.get()) == g)
}

/// A year read at a place in a line: its era's name and the eras it may be (none for a
/// name the table does not know; no name for a bare number), its ordinal, and the byte
/// offset in the line where the year's label ends.
type YearRead<'e> = (Option<(Span, Cow<'e, [EraId]>)>, u32, usize);

/// What follows an editor's tag of two to four characters in 【】 opening an item, as
/// 左傳紀事本末 marks what it adds (`【补逸】九年天王使南季来聘`), where a year follows it. (Not
/// a 干支 in 【】, the year's own name, read with the year.)
fn item_tag(content: &str) -> Option<&str> {
    let rest = content.strip_prefix('【')?;
    let close = rest.find('】')?;
    let tag = &rest[..close];
    let n = tag.chars().count();
    let after = &rest[close + '】'.len_utf8()..];
    ((2..=4).contains(&n)
        && tag.chars().all(is_han)
        && ganzhi_prefix(tag).is_none()
        && after
            .chars()
            .next()
            .is_some_and(|c| numerals::is_numeral_char(c) || is_han(c)))
    .then_some(after)
}

/// A heading candidate on the line `cs..ce`.
pub(super) fn parse_candidate<'e>(
    text: &str,
    cs: usize,
    ce: usize,
    eras: &'e EraTable,
) -> Option<Cand<'e>> {
    let content = &text[cs..ce];
    // A mark before the year, as daizhige editions set one (`◎大德八年`, 東坡先生年譜's
    // `●四年丁丑`).
    // Or the whole date in 〔〕 before the day's record, as 實錄 extracts write each item
    // (明實錄閩海關係史料: `〔嘉靖二年四月乙亥〕，巡按…`): the year read inside it.
    let marked = content
        .strip_prefix(['◎', '○', '●', '◆'])
        .or_else(|| {
            content
                .strip_prefix('〔')
                .filter(|rest| dated_bracket(rest))
        })
        .or_else(|| item_tag(content))
        .map_or(0, |rest| content.len() - rest.len());
    // A section name before the year, as modern editions write it: `周纪一 威烈王二十三年`.
    let section = marked + section_prefix(&content[marked..]);
    let (lead, mut i) = match content[section..].chars().next()? {
        '维' | '維' | '惟' => (true, section + 3),
        _ => (false, section),
    };
    // The classic's line of a chronicle written as classic and commentary: `经：晋太熈元年…`,
    // and the classic's and the commentary's years of 春秋經傳集解 (`經元年春王正月`,
    // `傳元年春`), where a year follows at once.
    for lead_in in ["经：", "經：", "经:", "經:"] {
        if content[i..].starts_with(lead_in) {
            i += lead_in.len();
        }
    }
    // (The classic's mark may be a Kanripo entity, a form Unicode lacks: 春秋經傳集解's
    // `&KR0052;二十有四年春王三月`.)
    let lead_char = content[i..]
        .strip_prefix(['經', '经', '傳', '传'])
        .or_else(|| {
            let rest = content[i..].strip_prefix("&KR")?;
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            rest[digits..].strip_prefix(';').filter(|_| digits > 0)
        });
    if let Some(rest) = lead_char {
        if numeral_year(rest).is_some() {
            i = content.len() - rest.len();
        }
    }
    // The writer's own dynasty named before its era (清史列傳: `本朝顺治二年，大军定江南`).
    for own in ["本朝", "國朝", "国朝", "我朝", "皇朝"] {
        if let Some(rest) = content[i..].strip_prefix(own) {
            if eras
                .longest_prefix(rest, |r| numeral_year_after_note(r).is_some())
                .is_some()
            {
                i = content.len() - rest.len();
            }
        }
    }
    // The year's 干支 and CE year in brackets before it, as modern editions of 越史略 write
    // them (`【己巳，公元969年】二年，…`): the heading's annotation.
    let lead_note = leading_annotation(&content[i..]).map(|(len, ce_year, g)| {
        let span = Span::new(cs + i, cs + i + len);
        i += len;
        (span, ce_year, g)
    });
    let i_start = i;
    // A modern chronology's line led by the CE year: `前806年，周宣王22年，郑桓公元年`.
    if let Some(c) = ce_led(text, cs + i, ce, eras) {
        return Some(Cand { lead, ..c });
    }
    // The year's 干支 in brackets before it, as 綱目 editions write it: `【丁巳】十年春三月`.
    let bracketed = bracketed_ganzhi(&content[i..]);
    let gz = bracketed.or_else(|| ganzhi_prefix(&content[i..]));
    // A year named by its 干支 alone, in an interregnum: `戊子年是歲皇子圖類監國`, or
    // with 歲 (清太祖實錄: `甲申岁正月，`).
    if let Some((g, l)) = gz.filter(|(_, l)| content[i + l..].starts_with(['年', '歲', '岁', '嵗']))
    {
        let label_end = i + l + '年'.len_utf8();
        let after = label_end + ganglmu_part(&content[label_end..]);
        let rest = &content[after..];
        let (term, heading_end) = terminator(rest, cs + after);
        return Some(Cand {
            ganzhi: Some(g),
            heading_end,
            weak_ok: term == Term::Weak
                && (opens_year(rest) || marks::mark_at(rest, true).is_some()),
            term,
            lead,
            ..Cand::at(Span::new(cs + i, cs + label_end))
        });
    }
    // A 年譜's year named by its 干支 alone on its line, the subject's age after it or
    // nothing (蕅益大師年譜: `庚子。二岁。`, `丙申。`).
    if let Some((g, l)) = gz.filter(|_| bracketed.is_none()) {
        if ganzhi_age_line(&content[i + l..]).is_some() {
            // (The age is the year's text, as after a year named whole: `…己亥。一岁。`.)
            return Some(Cand {
                ganzhi: Some(g),
                heading_end: cs + i + l + '。'.len_utf8(),
                lead,
                ..Cand::at(Span::new(cs + i, cs + i + l))
            });
        }
    }
    let by_regime = std::cell::Cell::new(false);
    // The 干支 a year read below writes between its era and its number, or in place of
    // the number.
    let era_ganzhi = std::cell::Cell::new(None);
    let try_from = |i: usize| -> Option<(Option<EraMatch<'e>>, u32, usize)> {
        by_regime.set(false);
        era_ganzhi.set(None);
        // The writer's own dynasty as 我 and its name (通鑑輯覽: `己丑、我大清世祖章皇帝顺治
        // 六年`): read from the name.
        let i = match content[i..].strip_prefix('我') {
            Some(rest) if regime_prefixed(rest, eras).is_some() => i + '我'.len_utf8(),
            _ => i,
        };
        let s = &content[i..];
        if let Some((len, ids)) =
            eras.longest_prefix(s, |rest| numeral_year_after_note(rest).is_some())
        {
            let (v, ylen) = numeral_year_after_note(&s[len..])?;
            return Some((
                Some((Span::new(cs + i, cs + i + len), ids.into())),
                v,
                i + len + ylen,
            ));
        }
        // An era and the year's 干支, with its number after (`咸通辛卯十二年`, `天宝辛卯十载`)
        // or none (`至正乙未`, `至正丙申春二月`): the 干支 one of the era's years, the
        // number, where written, that year's.
        if let Some((len, ids)) = ganzhi_after_name(s)
            .then(|| eras.longest_prefix(s, |rest| ganzhi_prefix(rest).is_some()))
            .flatten()
        {
            let (g, gl) = ganzhi_prefix(&s[len..])?;
            let after = &s[len + gl..];
            let written = numeral_year_after_note(after);
            // (Not a name, the 干支, then an era's year: the name is a ruler's, read below,
            // though it be another's era too, 高麗's 文宗 in `文宗丁未太和元年`.)
            let bare = written.is_none()
                && !after.starts_with(numerals::is_numeral_char)
                && eras
                    .longest_prefix(after, |rest| numeral_year_after_note(rest).is_some())
                    .is_none();
            // (With 年 or 歲 after the 干支 alone: `洪武戊申年`.)
            let bare_len = match after.chars().next() {
                Some('年' | '歲' | '岁' | '嵗') => '年'.len_utf8(),
                _ => 0,
            };
            let of_ganzhi = |id: EraId| {
                let era = eras.get(id);
                let first = era.year(1)?;
                let n = (u32::from(g) + 60 - u32::from(ganzhi::of_year(first.get()))) % 60 + 1;
                era.year(n).map(|_| n)
            };
            let agree: Vec<(EraId, u32)> = ids
                .iter()
                .filter_map(|&id| of_ganzhi(id).map(|n| (id, n)))
                .filter(|&(_, n)| written.is_none_or(|(v, _)| v == n))
                .collect();
            if let (Some(&(_, n)), true) = (agree.first(), written.is_some() || bare) {
                let kept: Vec<EraId> = agree
                    .iter()
                    .filter(|&&(_, m)| m == n)
                    .map(|&(id, _)| id)
                    .collect();
                let end = len + gl + written.map_or(bare_len, |(_, l)| l);
                era_ganzhi.set(Some(g));
                return Some((
                    Some((Span::new(cs + i, cs + i + len), kept.into())),
                    n,
                    i + end,
                ));
            }
        }
        if let Some((len, ids, v, ylen)) = gapped_name_year(s, eras) {
            return Some((
                Some((Span::new(cs + i, cs + i + len), ids.into())),
                v,
                i + len + ylen,
            ));
        }
        // A ruler's name, the year's 干支, then the era and the number, the regime's name
        // before him or not (南詔野史: `代宗甲辰广德二年`, `唐代宗戊午大历十三年`): the
        // 干支 that year's.
        // (Two to five characters before the 干支: a ruler's name, the regime's before it.)
        if ganzhi_after_name(s) || s.get(15..).and_then(ganzhi_prefix).is_some() {
            if let Some(r) = ruler_ganzhi_year(s, eras) {
                let (at, len, ids, v, end, g) = r;
                era_ganzhi.set(Some(g));
                return Some((
                    Some((Span::new(cs + i + at, cs + i + at + len), ids.into())),
                    v,
                    i + end,
                ));
            }
        }
        // A ruler's years in an edition that parts his reign between 卷 (`赧王中十八年`).
        let part =
            |rest: &str| rest.starts_with(['上', '中', '下']) && numeral_year(&rest[3..]).is_some();
        if let Some((len, ids)) = eras.longest_prefix(s, part) {
            let rulers: Vec<EraId> = ids
                .iter()
                .copied()
                .filter(|&id| eras.get(id).kind() == EraKind::RulerYears)
                .collect();
            if !rulers.is_empty() {
                let (v, ylen) = numeral_year(&s[len + 3..])?;
                return Some((
                    Some((Span::new(cs + i, cs + i + len), rulers.into())),
                    v,
                    i + len + 3 + ylen,
                ));
            }
        }
        if let Some((v, ylen)) = numeral_year(s) {
            // (Not `一二年`, "a year or two": `…亦不見一二年間兵交…`.)
            let number = &s[..ylen - '年'.len_utf8()];
            if super::is_approximate(number) {
                return None;
            }
            return Some((None, v, i + ylen));
        }
        // 後元年, 中元年: the era's 元 and the 元 of 元年 written once.
        if let Some(at) = find_yuannian(&s.as_bytes()[..floor_boundary(s, 15)]) {
            let name = &s[..at + '元'.len_utf8()];
            let ids = eras.lookup(name);
            if name.chars().count() >= 2 && !ids.is_empty() {
                let end = at + "元年".len();
                return Some((
                    Some((Span::new(cs + i, cs + i + name.len()), ids.into())),
                    1,
                    i + end,
                ));
            }
        }
        // A regime's name for the years of its first ruler: 漢元年. (Only of a regime whose
        // first ruler named no era: 西漢's, not 蜀漢's, whose first years are 章武.)
        for k in s.char_indices().skip(1).take(2).map(|(k, _)| k) {
            if let Some((v, ylen)) = numeral_year(&s[k..]) {
                let firsts: Vec<EraId> = eras
                    .regimes_named(&s[..k])
                    .iter()
                    .filter(|&&r| eras.regime(r).country() == Country::China)
                    .filter_map(|&r| eras.eras_of(r).first().copied())
                    .filter(|&e| eras.get(e).kind() == EraKind::RulerYears)
                    .collect();
                if !firsts.is_empty() {
                    return Some((
                        Some((Span::new(cs + i, cs + i + k), firsts.into())),
                        v,
                        i + k + ylen,
                    ));
                }
            }
        }
        // The regime's name, and a ruler's, before the era: `晋太熈元年`, `晋怀帝永嘉元年`.
        if let Some(r) = regime_prefixed(s, eras) {
            let (at, len, ids, v, ylen) = r;
            by_regime.set(true);
            return Some((
                Some((Span::new(cs + i + at, cs + i + at + len), ids.into())),
                v,
                i + at + len + ylen,
            ));
        }
        // A ruler's temple name before his era: `太祖建隆元年`, `仁宗天聖元年`.
        if let Some((at, len, ids)) = ruler_prefixed(s, eras) {
            let (v, ylen) = numeral_year_after_note(&s[at + len..])?;
            return Some((
                Some((Span::new(cs + i + at, cs + i + at + len), ids.into())),
                v,
                i + at + len + ylen,
            ));
        }
        // A name of a ruler the table does not know by it, ending in 皇, 皇后 or 帝, before a
        // known era: `明皇开元元年` (唐 玄宗 as Song writers name him), `则天皇后光宅元年`,
        // `昭宣帝天祐二年` (唐's last emperor, 哀帝 in the table).
        for (k, c) in s.char_indices().skip(1).take(3) {
            let at = k + c.len_utf8();
            // (帝 after two characters at most, none of them 皇: `…皇帝` is a title the
            // ruler's names before it say whose.)
            let di = c == '帝' && k <= 6 && !s[..k].contains('皇');
            let title = c == '皇' || di || (c == '后' && s[..k].ends_with('皇'));
            if !title || !s[..at].chars().all(is_han) {
                continue;
            }
            if let Some((len, ids)) =
                eras.longest_prefix(&s[at..], |rest| numeral_year_after_note(rest).is_some())
            {
                let (v, ylen) = numeral_year_after_note(&s[at + len..])?;
                return Some((
                    Some((Span::new(cs + i + at, cs + i + at + len), ids.into())),
                    v,
                    i + at + len + ylen,
                ));
            }
        }
        // A ruler's own years after his regime's name (a 十國 ruler by his personal name:
        // 廣西通志's `南漢劉晟二年`, 944): counted as the era he proclaimed in his first year,
        // where it counts his years alike (劉晟's 乾和, begun in 943 as his 應乾 was).
        if let Some((at, ids, v, ylen)) = regime_ruler_years(s, eras) {
            return Some((
                Some((Span::new(cs + i, cs + i + at), ids.into())),
                v,
                i + at + ylen,
            ));
        }
        // An era the table does not know: 2–4 Han characters before the year.
        let first = s.chars().next()?;
        if not_era_start(first) {
            return None;
        }
        for (n, (j, c)) in s.char_indices().enumerate() {
            // 元 may be part of the name (昇元, 開元); the year number is checked after each
            // character, so 昇元元年 splits as 昇元 + 元年.
            if n >= 4
                || !is_han(c)
                || numerals::is_numeral_char(c)
                || matches!(c, '年' | '月' | '日')
            {
                break;
            }
            let end = j + c.len_utf8();
            // (Not a comment's or a speech's opening: `評曰元年十一月…`, `臣按曰`.)
            if matches!(c, '曰' | '云') {
                break;
            }
            if n >= 1 {
                if let Some((v, ylen)) = numeral_year(&s[end..]) {
                    return Some((
                        Some((Span::new(cs + i, cs + i + end), (&[][..]).into())),
                        v,
                        i + end + ylen,
                    ));
                }
            }
        }
        None
    };
    // (Most lines that reach here are sentences with a year later on, which every reading
    // above would try and refuse.)
    let read_from = |at: usize| {
        (year_before_punct(&content[at..]) || ganzhi_after_name(&content[at..]))
            .then(|| try_from(at))
            .flatten()
    };
    // The year's 干支, then its regime, ruler and era in a note with other states' years
    // (通鑑續編: `丁卯【梁太祖朱晃开平元年○契丹太祖耶律亿元年…】春正月…`): a heading, its
    // note closed before the year's events.
    // So too in a Kanripo edition's note of two columns, the era in its first column
    // (`庚申(周恭帝宗訓元年宋太祖趙匡𦙍建隆元年○是/嵗周亡…)`, `辛酉(宋建隆二年/凡六國二鎮)`):
    // there the first known era's year whose 干支 is the heading's, as a note of that shape
    // may follow a day's 干支 too.
    let in_note = gz.filter(|_| bracketed.is_none()).and_then(|(g, l)| {
        if content[i + l..].starts_with('【') {
            let inner = i + l + '【'.len_utf8();
            let close = inner + content[inner..].find('】')?;
            let r = read_from(inner)
                .filter(|r| r.2 <= close && r.0.as_ref().is_some_and(|(_, ids)| !ids.is_empty()))?;
            return Some((g, r, close + '】'.len_utf8()));
        }
        let inner = i + l + content[i + l..].strip_prefix('(').map(|_| 1)?;
        let close = inner + content[inner..].find(')')?;
        let column = inner + content[inner..close].find('/').unwrap_or(close - inner);
        let agrees = |r: &YearRead<'e>| {
            r.2 <= column
                && r.0
                    .as_ref()
                    .is_some_and(|(_, ids)| ids.iter().any(|&id| era_year_is(eras, id, r.1, g)))
        };
        let r = content[inner..column]
            .char_indices()
            .filter_map(|(k, _)| try_from(inner + k))
            .find(agrees)?;
        Some((g, r, close + ')'.len_utf8()))
    });
    let parsed = match in_note
        .as_ref()
        .map(|(g, r, _)| (*g, r.clone()))
        .or_else(|| gz.and_then(|(g, l)| read_from(i + l).map(|r| (g, r))))
        // The 干支, a comma, and the year it is of (海上見聞錄: `乙酉，顺治二年、南京弘光
        // 元年。`): the era's year that 干支's.
        .or_else(|| {
            gz.filter(|_| bracketed.is_none()).and_then(|(g, l)| {
                let sep = content[i + l..]
                    .chars()
                    .next()
                    .filter(|&c| matches!(c, '，' | '、'))?;
                let r = read_from(i + l + sep.len_utf8())?;
                let agrees = r
                    .0
                    .as_ref()
                    .is_some_and(|(_, ids)| ids.iter().any(|&id| era_year_is(eras, id, r.1, g)));
                agrees.then_some((g, r))
            })
        }) {
        Some((g, r)) => Some((Some(g), r, i)),
        None => read_from(i).map(|r| (None, r, i)),
    };
    let leading_ganzhi = bracketed.is_none() && parsed.as_ref().is_some_and(|p| p.0.is_some());
    let (ganzhi, (era, ordinal, label_len), label_start) = match parsed {
        Some(p) => p,
        // A ruler's titles or a section's name before an annotated year, as annotated and
        // bilingual editions write it: `世祖文皇帝上黄初元年（庚子，公元二二零年）`,
        // `○太祖…皇帝建隆元年（辽应历十年。庚申，九六零年）`, `甲申，我大清世祖章皇帝顺治元年（一六四四）`.
        None => {
            // Only where an annotation follows within the first forty characters.
            let head = &content[i..floor_boundary(content, i + 40 * 3)];
            let hb = head.as_bytes();
            if memchr::memchr(b'(', hb).is_none() && find3(hb, &utf8_3("（")).is_none() {
                return None;
            }
            let mut found = None;
            for (n, (j, c)) in content[i..].char_indices().enumerate().skip(1) {
                if n > 24 || !(is_han(c) || matches!(c, '，' | '　' | ' ')) {
                    break;
                }
                if let Some(r) = try_from(i + j) {
                    let known = r.0.as_ref().is_some_and(|(_, ids)| !ids.is_empty());
                    if known {
                        // (Or, two characters at most before the era, the year's events in
                        // an interlinear note after it: 稽古錄's `大宗太平興國元年(正月…`,
                        // 太宗 misprinted.)
                        let events_note = n <= 2 && content[r.2..].starts_with('(');
                        // (Or an emperor's full title, the year alone on its line or with
                        // another regime's year in a note: 續資治通鑑's
                        // `○太祖启运…大孝皇帝建隆三年（辽应历十二年）`.)
                        let titled = content[..i + j].ends_with("皇帝")
                            && (content[r.2..].trim_end().is_empty()
                                || content[r.2..].starts_with(['（', '(']));
                        if parse_annotation(&content[r.2..]).is_some() || events_note || titled {
                            found = Some((gz.map(|(g, _)| g), r, i + j));
                        }
                        break;
                    }
                }
            }
            found?
        }
    };
    let ganzhi = ganzhi.or(era_ganzhi.get());
    let named = era.as_ref().is_some_and(|(_, ids)| !ids.is_empty());
    // No reign lasted a hundred years: 泰和萬年, 萬歲 are wishes, not years.
    if ordinal == 0 || ordinal > MAX_ORDINAL {
        return None;
    }
    // A first year is 元年: 一年 is the tail of a number (十一年) or a span (一年之間).
    if era.is_none() && content[label_start..].starts_with(['一', '壹']) && ordinal == 1 {
        return None;
    }
    i = label_len;
    // The year's 干支 after the ordinal: `元年丙寅`.
    let mut trailing_ganzhi = false;
    let mut ganzhi = ganzhi;
    if ganzhi.is_none() {
        if let Some((g, l)) = ganzhi_prefix(&content[i..]) {
            ganzhi = Some(g);
            trailing_ganzhi = true;
            i += l;
        }
    }
    let label_from = if label_start > i_start {
        label_start
    } else {
        i_start
    };
    let label = Span::new(cs + label_from, cs + i);
    // A note marker after the year (`永元元年〔一〕（己丑、八九）`) is not part of it.
    i += note_marker_at(&content[i..]).map_or(0, |(l, _)| l);
    let note_from = i;
    let mut annotation = None;
    let mut parallel_note = false;
    if let Some((_, _, note_end)) = in_note {
        // (The rest of the note the year is in: the heading ends after it.)
        parallel_note = true;
        i = note_end;
    } else if let Some((alen, ace, agz)) = parse_annotation(&content[i..]) {
        annotation = Some((Span::new(cs + i, cs + i + alen), ace, agz));
        i += alen;
        i += note_marker_at(&content[i..]).map_or(0, |(l, _)| l);
    } else if let Some(len) = heading_note(&content[i..]) {
        // The editor's note on the year (`永熙元年（四月即位改元）。`): the heading ends
        // after it as it would without it.
        i += len;
    } else if let Some(len) = states_paren_note(&content[i..]) {
        // Other states' years in brackets after the year, however long, closed on this
        // line or run on to the next print line (大事記: `周赧王十九年(秦昭王十一年魏㐮王
        // 二十二年…燕昭王十六年)`): only a year's heading has them.
        parallel_note = true;
        i += len;
    } else if let Some((len, g)) = bracket_note(&content[i..]) {
        // A note in 【】 on the year (`至元十三年【宋端宗景炎元年】春二月`,
        // `建炎元年【嵗在丁未】夏五月`): what follows it says whether a year opens, unless
        // it gives other states' years (大事記: `周貞定王六年【…】晉人楚人聘秦`), which only
        // a year's heading does.
        ganzhi = ganzhi.or(g);
        parallel_note = content[i..i + len].contains('年');
        i += len;
    }
    let annotation = annotation.or(lead_note);
    // The year's 干支 said in its own clause (魏書 序紀: `元年，岁在庚子。先是…`): the
    // heading ends where it did, the clause its first words.
    if ganzhi.is_none() {
        ganzhi = sui_zai(&content[i..]);
    }
    // The year's 干支 after a note on it or a blank, the heading's last word
    // (稼軒先生年譜: `绍兴二十八年 【 金正隆三年】 戊寅　　　　十九岁`).
    if ganzhi.is_none() {
        let blanks = |s: &str| s.len() - s.trim_start_matches(is_indent).len();
        let mut at = i + blanks(&content[i..]);
        // (A note in 【】 set off by blanks: the one read above stands right after 年.)
        if at > i {
            if let Some((len, _)) = bracket_note(&content[at..]) {
                at += len;
                at += blanks(&content[at..]);
            }
        }
        if at > note_from {
            if let Some((g, l)) = ganzhi_prefix(&content[at..]) {
                let after = &content[at + l..];
                if after.is_empty() || after.starts_with(is_indent) {
                    ganzhi = Some(g);
                    i = at + l;
                }
            }
        }
    }
    // The part of a 綱目 a note is on, closing the line (綱目訂誤: `贞观十九年目`, `壬申年纲`).
    i += ganglmu_part(&content[i..]);
    let rest = &content[i..];
    let (term, heading_end) = terminator(rest, cs + i);
    // (A 干支 in brackets before the year, the first thing on its line, heads it whatever
    // follows: 高麗史's `○(庚辰)五年以崔知夢為內議令`.)
    let weak_ok = term == Term::Weak
        && (trailing_ganzhi
            || (bracketed.is_some() && ganzhi.is_some() && label_start == i_start)
            // The year's 干支 before a named year at the line's start, as 孔子編年 writes
            // its unpunctuated years (`庚戌鲁襄公二十二年孔子生于鲁平乡陬邑`).
            || (leading_ganzhi && named)
            // Two years told together, each with its 年 (`二年三年邊陲無擾`).
            || numeral_year(rest).is_some_and(|(n, _)| n == ordinal + 1)
            || parallel_note
            || opens_year(rest)
            || marks::mark_at(rest, true).is_some()
            || parse_parallel(rest, eras).is_some());
    Some(Cand {
        ganzhi,
        era,
        ordinal,
        annotation,
        heading_end,
        term,
        lead,
        weak_ok,
        regime_prefixed: by_regime.get(),
        states_note: parallel_note,
        ..Cand::at(label)
    })
}

/// The length of 綱, 纲 or 目 at the start of `s` when nothing but blanks follows it: the
/// part of a 綱目 (the summary or the details) a critique's note is on, written after the
/// year (綱目訂誤: `贞观十九年目`, `壬申年纲`); else 0.
fn ganglmu_part(s: &str) -> usize {
    s.strip_prefix(['綱', '纲', '目'])
        .filter(|rest| rest.trim_matches(is_indent).is_empty())
        .map_or(0, |_| '目'.len_utf8())
}

/// The CE year at the start of `s` as modern chronologies write it, `前806年`, `公元前771年`,
/// `1115年` (ASCII or full-width digits, 前 for BCE): the year (BCE negative) and the
/// length in bytes. Only a year a chronicle may tell: 1000 BCE to 1912, the last of the
/// era table (`1956年，` in an edition's preface is none), no year 0.
pub(super) fn ce_year_prefix(s: &str) -> Option<(i32, usize)> {
    let mut i = if s.starts_with("公元") {
        "公元".len()
    } else {
        0
    };
    let bce = s[i..].starts_with('前');
    if bce {
        i += '前'.len_utf8();
    }
    let mut value: i32 = 0;
    let mut digits = 0;
    for c in s[i..].chars() {
        let d = match c {
            '0'..='9' => c as i32 - '0' as i32,
            '０'..='９' => c as i32 - '０' as i32,
            _ => break,
        };
        digits += 1;
        if digits > 4 {
            return None;
        }
        value = value * 10 + d;
        i += c.len_utf8();
    }
    if digits == 0 || value == 0 || !s[i..].starts_with('年') {
        return None;
    }
    let year = if bce { -value } else { value };
    ((-1000..=1912).contains(&year)).then_some((year, i + '年'.len_utf8()))
}

/// Separators between the parts of a modern chronology's heading (`前770年，周平王元年`).
fn is_heading_separator(c: char) -> bool {
    matches!(c, '，' | ',' | '、' | '；' | ' ' | '　')
}

/// A heading led by its CE year, at `text[cs..ce]`: `前806年，周宣王22年，郑桓公元年`. The
/// year is the heading's annotation; the first reign's year after it (Chinese or Arabic
/// numerals: `周宣王22年`), when the table knows it, is its label and era; the heading runs
/// over every `…年` part after it, and is strong when nothing but its parts is on the line
/// or a `。` ends it. A date in prose (`1949年10月1日`) is none: a separator or the line's
/// end must follow the year.
fn ce_led<'e>(text: &str, cs: usize, ce: usize, eras: &'e EraTable) -> Option<Cand<'e>> {
    let content = &text[cs..ce];
    let (year, len) = ce_year_prefix(content)?;
    let after = &content[len..];
    if !(after.is_empty() || after.starts_with(is_heading_separator) || after.starts_with('。')) {
        return None;
    }
    let ce_span = Span::new(cs, cs + len);
    let mut cand = Cand {
        annotation: Some((ce_span, Some(year), None)),
        ..Cand::at(ce_span)
    };
    // The parts after it, each at most a dozen characters up to its 年.
    let mut i = len;
    let mut first = true;
    loop {
        let sep = content[i..]
            .char_indices()
            .take_while(|&(_, c)| is_heading_separator(c))
            .last()
            .map_or(0, |(j, c)| j + c.len_utf8());
        let part = &content[i + sep..];
        let Some(nian) = part
            .char_indices()
            .take(13)
            .find(|&(_, c)| c == '年' || is_punct(c) || is_heading_separator(c))
            .filter(|&(_, c)| c == '年')
            .map(|(j, _)| j)
        else {
            break;
        };
        let part_end = i + sep + nian + '年'.len_utf8();
        if first {
            first = false;
            // Arabic numerals written as Chinese ones, for the table's parser: the name
            // before them keeps its bytes, so its span carries over.
            let name_len =
                part[..nian].find(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
            let reign = match name_len {
                Some(k) => ce_year_prefix(&part[k..])
                    .filter(|&(n, l)| n > 0 && k + l == nian + '年'.len_utf8())
                    .map(|(n, _)| format!("{}{}", &part[..k], crate::model::year_name(n as u32))),
                None => Some(part[..nian + '年'.len_utf8()].to_owned()),
            };
            let parsed = reign.and_then(|r| parse_candidate(&r, 0, r.len(), eras).map(|c| (r, c)));
            if let Some((_, c)) = parsed.filter(|(r, c)| {
                c.label.end == r.len() && c.era.as_ref().is_some_and(|(_, ids)| !ids.is_empty())
            }) {
                let at = cs + i + sep;
                cand.era = c
                    .era
                    .map(|(sp, ids)| (Span::new(at + sp.start, at + sp.end), ids));
                cand.ordinal = c.ordinal;
                cand.label = Span::new(at + c.label.start.min(nian), cs + part_end);
            }
        }
        i = part_end;
    }
    let rest = &content[i..];
    let trailing = rest
        .char_indices()
        .take_while(|&(_, c)| is_heading_separator(c))
        .last()
        .map_or(0, |(j, c)| j + c.len_utf8());
    let (term, heading_end) = if trailing == rest.len() {
        (Term::Strong, ce)
    } else {
        terminator(rest, cs + i)
    };
    cand.term = term;
    cand.heading_end = heading_end;
    Some(cand)
}

/// The most years a heading's ordinal may count: no reign or era reached a hundred.
pub(super) const MAX_ORDINAL: u32 = 99;

/// How a heading's label ends, given what follows it (`rest`, at byte `at` of the text):
/// the kind of ending and where the body starts.
/// Whether `content`, a line's, is a 年譜's year named by its 干支 alone (see
/// [`ganzhi_age_line`]): `庚子。二岁。`, `丙申。`.
pub(super) fn is_ganzhi_age_line(content: &str) -> bool {
    ganzhi_prefix(content).is_some_and(|(_, l)| ganzhi_age_line(&content[l..]).is_some())
}

/// What follows a 干支 that names a 年譜's year on a line of its own: a stop, then the
/// subject's age and a stop or nothing (`。二岁。`, `，五十七歲`, `。`). Returns its byte length
/// (the whole rest of the line). (The stop is one of three characters, each of 3 bytes.)
fn ganzhi_age_line(rest: &str) -> Option<usize> {
    let stop = rest
        .chars()
        .next()
        .filter(|&c| matches!(c, '。' | '，' | '、'))?;
    let age = rest[stop.len_utf8()..].trim_end();
    if age.is_empty() {
        return Some(rest.len());
    }
    let (n, l) = super::numeral_prefix(age)?;
    let tail = age[l..].strip_prefix(['岁', '歲', '嵗'])?;
    ((1..=120).contains(&n) && matches!(tail, "" | "。")).then_some(rest.len())
}

pub(super) fn terminator(rest: &str, at: usize) -> (Term, usize) {
    match rest.chars().next() {
        None => (Term::Strong, at),
        Some(c @ ('。' | '．')) => (Term::Strong, at + c.len_utf8()),
        Some('.') => (Term::Strong, at + 1),
        Some(c) if is_punct(c) || c == '\\' => (Term::Pause, at),
        Some(c) if is_indent(c) => (Term::Strong, at),
        // The subject's age with no stop before it (小酉腴山館主人自著年譜:
        // `五年（乙卯）三十二岁（是年五月…）`): as after a comma.
        Some(c) if numerals::is_numeral_char(c) && age_follows(rest) => (Term::Pause, at),
        Some(_) => (Term::Weak, at),
    }
}

/// The length of a section name and the blank after it at the start of a heading line,
/// as modern editions write it (`周纪一 `, `漢紀十三　`), or of the 卷 and section a
/// generated heading line starts with (daizhige's 三國史記: `一卷新罗本纪一赫居世居西干零四年`,
/// see [`id_line_prefix`]); 0 when there is none.
pub(super) fn section_prefix(content: &str) -> usize {
    if let Some(len) = id_line_prefix(content) {
        return len;
    }
    // The first blank, ' ' or U+3000 (E3 80 80), a byte at a time.
    let head = &content.as_bytes()[..floor_boundary(content, 30)];
    let Some(blank) = (0..head.len()).find(|&i| {
        head[i] == b' ' || (head[i] == 0xE3 && head.get(i + 1..i + 3) == Some(&[0x80, 0x80]))
    }) else {
        return 0;
    };
    let name = &content[..blank];
    let Some(ji) = name.rfind(['紀', '纪']) else {
        return 0;
    };
    let num = &name[ji + '紀'.len_utf8()..];
    let before = &name[..ji];
    let ok = !num.is_empty()
        && numerals::value(num).is_some()
        && !before.is_empty()
        && at_most_chars(before, 3)
        && before.chars().all(is_han);
    if !ok {
        return 0;
    }
    blank + content[blank..].len() - content[blank..].trim_start_matches(is_indent).len()
}

/// The 卷 number and section name a generated heading line starts with, as the daizhige
/// edition of 三國史記 writes each year: `一卷新罗本纪一` before `赫居世居西干零四年` (卷 1,
/// 新羅本紀 1, then the ruler's year in digits). Its byte length, when `content` starts with
/// a numeral, 卷, two to six Han characters ending in 紀 and a numeral, and a Han character
/// follows; the year itself is read after it as any heading.
fn id_line_prefix(content: &str) -> Option<usize> {
    let numeral_run = |s: &str| -> usize {
        s.chars()
            .take_while(|&c| numerals::is_numeral_char(c))
            .map(char::len_utf8)
            .sum()
    };
    let n = numeral_run(content);
    let rest = content[n..].strip_prefix(['卷', '巻'])?;
    if n == 0 {
        return None;
    }
    let ji = rest
        .char_indices()
        .take(6)
        .find(|&(_, c)| matches!(c, '紀' | '纪'))?
        .0;
    let name = &rest[..ji];
    // (A numeral may be part of the name: 百濟本紀.)
    if name.chars().count() < 2
        || !name.chars().all(is_han)
        || name.chars().all(numerals::is_numeral_char)
    {
        return None;
    }
    let after = &rest[ji + '紀'.len_utf8()..];
    let m = numeral_run(after);
    let next = after[m..].chars().next()?;
    // (Or a gap for a character the edition could not print: `百济本纪三　支王元年`.)
    let gap = matches!(next, '\u{3000}' | '□');
    (m > 0 && (is_han(next) && !numerals::is_numeral_char(next) || gap))
        .then(|| content.len() - after.len() + m)
}

/// Whether `rest`, after a 〔 opening a line, is a date alone closed by 〕 within twenty
/// characters that names a year (`嘉靖二年四月乙亥〕`): not a note's number (`一〕`), a
/// day's (`六月〕`), nor an event told as a catchword (眾家編年體晉史: `〔永嘉七年正月，帝遇
/// 弑，崩。〕`, its notes after it).
fn dated_bracket(rest: &str) -> bool {
    let head = &rest[..floor_boundary(rest, 20 * 3)];
    head.find('〕').is_some_and(|close| {
        let date = &head[..close];
        date.contains(['年', '載', '载']) && !date.contains(is_punct)
    })
}

/// A ruler's or era's name written with a gap for a character the edition could not print,
/// then a year (三國史記: `古　王一六年`, `　支王元年`, `久　辛王零八年`): the name's byte
/// length, the table's candidates ([`EraTable::lookup_with_gaps`]), the ordinal and the
/// year's byte length. Only where a gap is among the first six characters.
fn gapped_name_year(s: &str, eras: &EraTable) -> Option<(usize, Vec<EraId>, u32, usize)> {
    let head = &s[..floor_boundary(s, 6 * 3)];
    if !head.contains(['\u{3000}', '□']) {
        return None;
    }
    for end in head.char_indices().skip(2).map(|(k, _)| k) {
        let name = &s[..end];
        if !name.contains(['\u{3000}', '□']) {
            continue;
        }
        let Some((v, ylen)) = numeral_year_after_note(&s[end..]) else {
            continue;
        };
        let ids = eras.lookup_with_gaps(name);
        if !ids.is_empty() {
            return Some((end, ids, v, ylen));
        }
    }
    None
}

/// Whether `rest`, written right after a year, opens that year's annal: a season (春, 冬十月),
/// a month (正月, 三月, 閏月, 臘月), a relative date (是歲), or the year's 干支.
pub(super) fn opens_year(rest: &str) -> bool {
    let mut it = rest.chars();
    match it.next() {
        Some('春' | '夏' | '秋' | '冬' | '正' | '閏' | '闰' | '臘' | '腊') => true,
        Some(c) if numerals::is_numeral_char(c) => numeral_prefix(rest)
            .is_some_and(|(n, l)| (1..=13).contains(&n) && rest[l..].starts_with('月')),
        Some('是') => matches!(it.next(), Some('歲' | '岁' | '歳' | '年')),
        // 王正月, 帝正月: the month of the king's calendar, as 春秋 and 元經 write it.
        Some('王' | '帝') => opens_with_season_or_month(&rest['王'.len_utf8()..]),
        // 建寅月 (the months of 762, named by their branch).
        Some('建') => it.nth(1) == Some('月'),
        Some(_) => {
            ganzhi_prefix(rest).is_some()
                // 莽之九月: a ruler's month.
                || rest
                    .char_indices()
                    .skip(1)
                    .take(2)
                    .any(|(i, c)| c == '之' && opens_with_season_or_month(&rest[i + c.len_utf8()..]))
        }
        None => true,
    }
}

/// Whether `rest`, right after a year's 年, may lead to a season or a month as
/// [`opens_with_season_or_month`] reads it: it is one, or the year's 干支, a note marker or
/// an annotation comes first.
pub(super) fn may_open_year(rest: &str) -> bool {
    match rest.chars().next() {
        Some('春' | '夏' | '秋' | '冬' | '正' | '閏' | '闰' | '臘' | '腊' | '（' | '(') => {
            true
        }
        Some(c) => {
            numerals::is_numeral_char(c)
                || ganzhi_prefix(rest).is_some()
                || rest.starts_with("\\(")
                // A note marker after the year: `元年〔一〕春正月`.
                || starts_with_note_marker(rest)
        }
        None => false,
    }
}

/// Whether `after`, the rest of a heading's line, opens with an age (`，二岁。`, `二十歲`):
/// a number of at most 120, then 岁, 歲 or 嵗.
pub(in crate::model::segment) fn age_follows(after: &str) -> bool {
    let after = after.trim_start_matches(['，', '、', '。', ' ', '\u{3000}']);
    numerals::parse_prefix(after)
        .is_some_and(|(n, l)| (1..=120).contains(&n) && after[l..].starts_with(['岁', '歲', '嵗']))
}

/// Whether `rest` opens with a season or a month (春, 冬十月, 正月, 閏月, 三月).
pub(super) fn opens_with_season_or_month(rest: &str) -> bool {
    let mut it = rest.chars();
    match it.next() {
        Some('春' | '夏' | '秋' | '冬' | '正' | '閏' | '闰' | '臘' | '腊') => true,
        Some(c) if numerals::is_numeral_char(c) => numeral_prefix(rest)
            .is_some_and(|(n, l)| (1..=13).contains(&n) && rest[l..].starts_with('月')),
        _ => false,
    }
}

/// A heading annotation right after the year: `（壬午、1102）`, `(1102)`, `（前403）`,
/// `（乙酉，公元1105年）`. Returns its byte length, CE year and 干支 (at least one of them).
pub(super) fn parse_annotation(s: &str) -> Option<(usize, Option<i32>, Option<u8>)> {
    // The annotation inside the edition's note brackets, as 胡注 editions of 通鑑 print it
    // (`三年〔（壬寅、二八二）〕`): read inside, its length with the brackets.
    if let Some(inner) = s.strip_prefix('〔') {
        if inner.starts_with('〔') {
            return None;
        }
        let (len, ce, gz) = parse_annotation(inner)?;
        inner[len..].starts_with('〕').then_some(())?;
        return Some(('〔'.len_utf8() + len + '〕'.len_utf8(), ce, gz));
    }
    let (open_len, close) = if s.starts_with('（') {
        ('（'.len_utf8(), '）')
    } else if s.starts_with('(') {
        (1, ')')
    } else if s.starts_with("\\(") {
        (2, ')')
    } else {
        return lost_open(s);
    };
    let inner_max = floor_boundary(s, 96);
    let close_at = s[open_len..inner_max].find(close)? + open_len;
    let end = close_at + close.len_utf8();
    let inner = s[open_len..close_at].trim_end_matches('\\');
    // The year's 干支: at the note's start or after a stop or a blank (`（辽应历十年。庚申，
    // 九六零年）`), not a day's after its month (`(正月辛未曹彬遣使…)`, 稽古錄: the year's
    // events in the note) nor one with 朔 or 日 after it.
    let mut gz = None;
    let mut prev: Option<char> = None;
    for (j, c) in inner.char_indices() {
        // (Or after 歲次, as 繫年要錄 notes its years: `紹興十有八年(嵗次戊辰金熈/宗亶皇統八年)`.)
        let opens = prev.is_none_or(|p| is_punct(p) || is_indent(p) || p == '/')
            || ["歲次", "嵗次", "歳次", "岁次"]
                .iter()
                .any(|k| inner[..j].ends_with(k));
        if opens {
            if let Some((g, l)) =
                ganzhi_prefix(&inner[j..]).or_else(|| ganzhi_over_columns(&inner[j..]))
            {
                if !inner[j + l..].starts_with(['朔', '日', '晦']) {
                    gz = Some(g);
                    break;
                }
            }
        }
        prev = Some(c);
    }
    let ce = annotation_year(inner);
    if gz.is_none() && ce.is_none() {
        return None;
    }
    Some((end, ce, gz))
}

/// A CE year in Chinese digits closed by a bracket never opened, the edition's slip
/// (東華錄: `雍正十一年癸丑一七三三）夏六月` among `雍正十年壬子（一七三二）春二月`): the
/// annotation it was meant to be.
fn lost_open(s: &str) -> Option<(usize, Option<i32>, Option<u8>)> {
    let digits = s
        .char_indices()
        .take_while(|&(_, c)| numerals::digit(c).is_some())
        .count();
    if !(3..=4).contains(&digits) {
        return None;
    }
    let close_at = s.char_indices().nth(digits)?.0;
    let close = s[close_at..].chars().next()?;
    if !matches!(close, '）' | ')') {
        return None;
    }
    let ce = annotation_year(&s[..close_at])?;
    Some((close_at + close.len_utf8(), Some(ce), None))
}

/// A 干支 written over a two-column note's columns, `/` between its stem and its branch
/// (咸淳遺事: `四年(戊/辰)春正月`): the 干支 and its byte length with the `/`.
fn ganzhi_over_columns(s: &str) -> Option<(u8, usize)> {
    let mut it = s.char_indices();
    let (_, stem) = it.next()?;
    let (_, slash) = it.next()?;
    let (k, branch) = it.next()?;
    let joined: String = [stem, branch].iter().collect();
    (slash == '/')
        .then(|| ganzhi_prefix(&joined))
        .flatten()
        .map(|(g, _)| (g, k + branch.len_utf8()))
}

/// An annotation in 【】 at the start of `s` that gives a CE year (`【己巳，公元969年】`):
/// its length, the year and the 干支 it writes.
pub(super) fn leading_annotation(s: &str) -> Option<(usize, Option<i32>, Option<u8>)> {
    let inner = s.strip_prefix('【')?;
    let close = inner[..floor_boundary(inner, 24 * 3)].find('】')?;
    let note = &inner[..close];
    let year = annotation_year(note)?;
    let gz = ganzhi_prefix(note).map(|(g, _)| g);
    Some(('【'.len_utf8() + close + '】'.len_utf8(), Some(year), gz))
}

/// A 干支 in brackets at the start of `s` (`【丁巳】`, `〔丁巳〕`, and in quotation marks as
/// 年譜 write it, `「辛未」嘉庆十六年`): the 干支 and the brackets' length.
pub(super) fn bracketed_ganzhi(s: &str) -> Option<(u8, usize)> {
    // A Markdown conversion escapes ASCII brackets (高麗史, 殆知閣: `○\(丙子\)元年`).
    let escaped = usize::from(s.starts_with("\\(") || s.starts_with("\\["));
    let open = s[escaped..]
        .chars()
        .next()
        .filter(|c| matches!(c, '【' | '〔' | '[' | '（' | '(' | '「' | '『'))?;
    let rest = &s[escaped + open.len_utf8()..];
    // (Or a Kanripo interlinear note of two columns, a character each: `(辛/酉)`.)
    let (g, l) = ganzhi::parse_prefix(rest).or_else(|| ganzhi_over_columns(rest))?;
    let after = &rest[l..];
    let after = &after[escaped.min(usize::from(after.starts_with('\\')))..];
    let close = after
        .chars()
        .next()
        .filter(|c| matches!(c, '】' | '〕' | ']' | '）' | ')' | '」' | '』'))?;
    Some((g, s.len() - after.len() + close.len_utf8()))
}

/// A year heading written as a Kanripo note of two columns, each opening with a character
/// of the year's 干支, as the 資治通鑑綱目 heads its years where no dynasty is the
/// legitimate one: `(甲齊永明二年/子魏太和八年)春正月…` (甲子, 齊's 永明二年 and 魏's 太和八年),
/// `(丁齊永明五年魏/卯太和十一年)`. The candidate's label, era and ordinal are the first
/// column's year (`齊永明二年`), which must be of a known era; its heading ends with the note.
pub(super) fn split_column_year<'e>(
    text: &str,
    cs: usize,
    ce: usize,
    eras: &'e EraTable,
) -> Option<Cand<'e>> {
    let content = &text[cs..ce];
    let inner = content.strip_prefix('(')?;
    let close = inner[..floor_boundary(inner, 40 * 3)].find(')')?;
    let (first, second) = inner[..close].split_once('/')?;
    let stem = first.chars().next()?;
    let branch = second.chars().next()?;
    let (g, l) = ganzhi::parse_prefix(&format!("{stem}{branch}"))?;
    if l != stem.len_utf8() + branch.len_utf8() || first.len() == stem.len_utf8() {
        return None;
    }
    let year_at = cs + '('.len_utf8() + stem.len_utf8();
    let c = parse_candidate(text, year_at, year_at + first.len() - stem.len_utf8(), eras)?;
    let known = c.era.as_ref().is_some_and(|(_, ids)| !ids.is_empty());
    if !known || c.ordinal == 0 || c.label.start != year_at || c.ganzhi.is_some() {
        return None;
    }
    let end = cs + '('.len_utf8() + close + ')'.len_utf8();
    Some(Cand {
        ganzhi: Some(g),
        heading_end: end,
        term: Term::Strong,
        annotation: None,
        ..c
    })
}

/// A ruler's name and the year's 干支 before an era's year, the regime's name (one or two
/// characters) before him or not: `代宗甲辰广德二年`, `唐代宗戊午大历十三年`. Gives where the
/// era's name starts in `s`, its length, the eras whose year that 干支 is, the ordinal,
/// where the year ends, and the 干支.
fn ruler_ganzhi_year(
    s: &str,
    eras: &EraTable,
) -> Option<(usize, usize, Vec<EraId>, u32, usize, u8)> {
    for k in [0, 3, 6] {
        if k > 0 && (!s.is_char_boundary(k) || eras.regimes_named(s.get(..k)?).is_empty()) {
            continue;
        }
        let mut found = None;
        eras.rulers_at_each(&s[k..], |len, rulers| {
            let at = k + len;
            if found.is_some() {
                return;
            }
            // The 干支 before the era, or between the era and the number (南詔野史:
            // `唐元宗天宝戊子七载`).
            let (era_at, elen, ids, g, v, end) = if let Some((g, gl)) = ganzhi_prefix(&s[at..]) {
                let here = &s[at + gl..];
                let Some((elen, ids)) =
                    eras.longest_prefix(here, |rest| numeral_year_after_note(rest).is_some())
                else {
                    return;
                };
                let Some((v, ylen)) = numeral_year_after_note(&here[elen..]) else {
                    return;
                };
                (at + gl, elen, ids, g, v, at + gl + elen + ylen)
            } else {
                let dated = |rest: &str| {
                    ganzhi_prefix(rest)
                        .is_some_and(|(_, l)| numeral_year_after_note(&rest[l..]).is_some())
                };
                let Some((elen, ids)) = eras.longest_prefix(&s[at..], dated) else {
                    return;
                };
                let Some((g, gl)) = ganzhi_prefix(&s[at + elen..]) else {
                    return;
                };
                let Some((v, ylen)) = numeral_year_after_note(&s[at + elen + gl..]) else {
                    return;
                };
                (at, elen, ids, g, v, at + elen + gl + ylen)
            };
            let agree: Vec<EraId> = ids
                .iter()
                .copied()
                .filter(|&id| era_year_is(eras, id, v, g))
                .collect();
            // The eras of the ruler's regime (and of the regime named before him), where
            // some are: a 干支 recurs every sixty years, and 唐文宗丁未太和元年 is 827,
            // not 魏's 太和元年 (227, 丁未 too).
            let named = |id: &EraId| {
                let regime = eras.get(*id).regime();
                rulers.iter().any(|&u| eras.ruler(u).regime() == regime)
                    && (k == 0 || eras.regimes_named(&s[..k]).contains(&regime))
            };
            let theirs: Vec<EraId> = agree.iter().copied().filter(named).collect();
            let agree = if theirs.is_empty() { agree } else { theirs };
            if !agree.is_empty() {
                found = Some((era_at, elen, agree, v, end, g));
            }
        });
        if found.is_some() {
            return found;
        }
    }
    None
}

/// A year of a ruler's own count written after his regime's name and his (`南漢劉晟二年`):
/// (the byte length of the two names, the eras of that ruler begun in his first era's year
/// whose year of that number exists, the ordinal, the ordinal's byte length). `None` where
/// no such era exists or no year number follows.
fn regime_ruler_years(s: &str, eras: &EraTable) -> Option<(usize, Vec<EraId>, u32, usize)> {
    for k in s.char_indices().skip(1).take(2).map(|(k, _)| k) {
        let regimes = eras.regimes_named(&s[..k]);
        if regimes.is_empty() {
            continue;
        }
        for (len, rulers) in eras.rulers_at(&s[k..]) {
            let Some((v, ylen)) = numeral_year(&s[k + len..]) else {
                continue;
            };
            let ids: Vec<EraId> = rulers
                .iter()
                .filter(|&&u| regimes.contains(&eras.ruler(u).regime()))
                .flat_map(|&u| {
                    let regime = eras.ruler(u).regime();
                    let theirs: Vec<EraId> = eras
                        .eras_of(regime)
                        .iter()
                        .copied()
                        .filter(|&e| eras.get(e).ruler() == u && eras.get(e).kind() == EraKind::Era)
                        .collect();
                    let first = theirs.iter().map(|&e| eras.get(e).start()).min();
                    theirs
                        .into_iter()
                        .filter(move |&e| Some(eras.get(e).start()) == first)
                })
                .filter(|&e| eras.get(e).year(v).is_some())
                .collect();
            if !ids.is_empty() {
                return Some((k + len, ids, v, ylen));
            }
        }
    }
    None
}

/// A year written after its regime's name and, maybe, its ruler's (`晋太熈元年`,
/// `晋怀帝永嘉元年`, `宋太宗太平興國元年`): (where the era starts, its length, its eras of
/// that regime, the ordinal, the ordinal's length), all in bytes of `s`.
pub(super) fn regime_prefixed(
    s: &str,
    eras: &EraTable,
) -> Option<(usize, usize, Vec<EraId>, u32, usize)> {
    for k in s.char_indices().skip(1).take(2).map(|(k, _)| k) {
        let regimes: Vec<_> = eras
            .regimes_named(&s[..k])
            .iter()
            .copied()
            .filter(|&r| eras.regime(r).country() == Country::China)
            .collect();
        if regimes.is_empty() {
            continue;
        }
        // Where the era may start: right after the regime, or after one of its rulers.
        let mut starts = vec![k];
        for (len, rulers) in eras.rulers_at(&s[k..]) {
            if rulers
                .iter()
                .any(|&u| regimes.contains(&eras.ruler(u).regime()))
            {
                starts.push(k + len);
                // His title after his name (`唐昭宗皇帝天復元年`).
                if s[k + len..].starts_with("皇帝") {
                    starts.push(k + len + "皇帝".len());
                }
            }
        }
        // His personal name after his title or after 主, as 通鑑續編 gives each founder's
        // and each last ruler's (`梁太祖朱晃开平元年`, `唐明宗嗣源天成元年`, `梁主瑱干化三年`):
        // up to three characters before an era of the regime.
        let named: Vec<usize> = starts
            .iter()
            .copied()
            .filter(|&at| at > k)
            .chain(s[k..].starts_with('主').then_some(k + '主'.len_utf8()))
            .collect();
        for at in named {
            for (j, c) in s[at..].char_indices().take(3) {
                if !is_han(c) || numerals::is_numeral_char(c) {
                    break;
                }
                starts.push(at + j + c.len_utf8());
            }
        }
        for at in starts.into_iter().rev() {
            let here = &s[at..];
            let Some((len, ids)) =
                eras.longest_prefix(here, |rest| numeral_year_after_note(rest).is_some())
            else {
                continue;
            };
            let ids: Vec<EraId> = ids
                .iter()
                .copied()
                .filter(|&e| regimes.contains(&eras.get(e).regime()))
                .collect();
            if ids.is_empty() {
                continue;
            }
            let (v, ylen) = numeral_year_after_note(&here[len..])?;
            return Some((at, len, ids, v, ylen));
        }
    }
    None
}

/// A ruler's name before one of his eras and its year (`太祖建隆元年`, `真宗咸平元`), or
/// before his successor's first era (`睿宗先天元年`): (where the era starts, its byte
/// length, its eras that are the ruler's or that one), relative to `s`. The year after it is `year` (a year number with 年, or a bare number).
pub(super) fn ruler_prefixed_with(
    s: &str,
    eras: &EraTable,
    year: impl Fn(&str) -> bool,
) -> Option<(usize, usize, Vec<EraId>)> {
    let mut found = None;
    eras.rulers_at_each(s, |at, rulers| {
        if found.is_some() {
            return;
        }
        // `世祖皇帝至元十三年`: the ruler's title, then his era; or his posthumous name of
        // one or two characters before it (`世祖章皇帝顺治六年`).
        let title = s[at..]
            .char_indices()
            .take(3)
            .take_while(|&(_, c)| is_han(c))
            .find(|&(j, _)| s[at + j..].starts_with("皇帝"))
            .map_or(0, |(j, _)| j + "皇帝".len());
        let at = at + title;
        let Some((len, ids)) = eras.longest_prefix(&s[at..], &year) else {
            return;
        };
        let mut mine: Vec<EraId> = ids
            .iter()
            .copied()
            .filter(|&e| rulers.contains(&eras.get(e).ruler()))
            .collect();
        // Or his successor's first era, proclaimed while he still reigned or in his last
        // year (杜工部詩年譜: `睿宗先天元年壬子`, 712: 先天 is 玄宗's, after 睿宗's 延和).
        if mine.is_empty() {
            mine.extend(ids.iter().copied().filter(|&e| {
                eras.predecessor(e)
                    .is_some_and(|p| rulers.contains(&eras.get(p).ruler()))
            }));
        }
        if !mine.is_empty() {
            found = Some((at, len, mine));
        }
    });
    found
}

/// [`ruler_prefixed_with`] with a year number and 年 after the era.
fn ruler_prefixed(s: &str, eras: &EraTable) -> Option<(usize, usize, Vec<EraId>)> {
    ruler_prefixed_with(s, eras, |rest| numeral_year_after_note(rest).is_some())
}

/// A year found by [`bracket_years`]: where it starts in the line, whether it takes the
/// line, and the candidate (offsets into the line).
pub(super) type BracketYear<'e> = (usize, bool, Cand<'e>);

/// The years of a line that runs them together, each followed by its events in brackets,
/// as 稽古錄 writes them: `晋哀帝【丕】隆和元年【…】兴宁元【…】○【甲子】二【…】三【…】`, or
/// `大元元【…】二【…】`. Each year (an era and 元 or a number, with or without 年; or a number
/// alone, counting on) stands at the line's start, after a ruler's name and bracketed
/// personal name, or right after a closing bracket; a bracketed 干支 before it is its
/// year's. Two such years at least, or none: one is not a layout. The brackets are
/// `marks` (open, close): 【】, or a Kanripo edition's interlinear notes `()`, where only
/// numbers with no 年 and the note right after them are read, and one at the line's end
/// only when `next_opens` (the next print line opens with a note). Returns (where the year
/// starts, whether it takes the line, its candidate), spans relative to `content`.
pub(super) fn bracket_years<'e>(
    content: &str,
    eras: &'e EraTable,
    marks: (char, char),
    next_opens: bool,
) -> Vec<BracketYear<'e>> {
    let (open_mark, close_mark) = marks;
    let mut out = Vec::new();
    // Where a year may start: the line's start, after `ruler【name】`, after each `】`.
    let mut starts = vec![0];
    if let Some(close) = content.find(close_mark) {
        let open = content.find(open_mark).unwrap_or(close);
        if 0 < open && open < close && at_most_chars(&content[..open], 8) {
            starts.push(close + close_mark.len_utf8());
        }
    }
    // Years at these starts take their line (with the ruler's name before them); later
    // ones follow the events of the year before them.
    let line_starts = starts.len();
    let after = starts[starts.len() - 1];
    starts.extend(
        content
            .match_indices(close_mark)
            .map(|(i, m)| i + m.len())
            .filter(|&i| i > after),
    );
    // A line that opens with the year's bracketed 干支 (`【丁丑】十四年…`): the year after
    // it is at the line's start, not after another's events.
    let ganzhi_end = bracketed_ganzhi(content).map_or(0, |(_, l)| l);
    for (k, at) in starts.into_iter().enumerate() {
        // Inside the year before (the `】` of its bracketed 干支).
        if out
            .last()
            .is_some_and(|(_, _, c): &(usize, bool, Cand)| at < c.heading_end)
            || (k > 0 && at == ganzhi_end)
        {
            continue;
        }
        let mut i = at;
        // A blank between a year's events and the next year (`】　二【`).
        i += content[i..].len() - content[i..].trim_start_matches(is_indent).len();
        i += content[i..].strip_prefix('○').map_or(0, |_| '○'.len_utf8());
        let year_at = i;
        let mut ganzhi = None;
        if let Some((g, l)) = bracketed_ganzhi(&content[i..]) {
            ganzhi = Some(g);
            i += l;
        }
        let rest = &content[i..];
        // A number alone opening a Kanripo line, its year's events all interlinear notes
        // (稽古錄: `　二(正月…`), as one after the events of another.
        let indented_number = at == 0 && open_mark == '(';
        // The year: an era (known) and its number, or a number alone; then 年 or not, and
        // the bracket of its events right after (or on the next line, after a year that
        // follows another's events: `…】八` / `【二月…`).
        // (In a Kanripo edition, only the number with its notes right after it, no 年, as
        // 稽古錄 writes its years there (`二(`, `乾德元(`): a year with 年 is read as any
        // other; and one at a print line's end only where the next opens with its notes
        // (`next_opens`), not a month split by the line, `二¶` / `月`.)
        let kanripo = open_mark == '(';
        let numbered = |s: &str| -> Option<(u32, usize)> {
            let (n, l) = numerals::parse_prefix(s)?;
            let nian = s[l..].strip_prefix('年').map_or(0, |_| '年'.len_utf8());
            if kanripo && nian > 0 {
                return None;
            }
            let l = l + nian;
            (s[l..].starts_with(open_mark) || (next_opens && at > 0 && l == s.len()))
                .then_some((n, l))
        };
        let (era, n, len) = match eras.longest_prefix(rest, |r| numbered(r).is_some()) {
            Some((len, ids)) => {
                let (n, l) = numbered(&rest[len..]).expect("accepted");
                (Some((Span::new(i, i + len), ids.into())), n, len + l)
            }
            None => match ruler_prefixed_with(rest, eras, |r| numbered(r).is_some()) {
                // A ruler's temple name before his era (`太祖建隆元年【…】`).
                Some((at, len, ids)) => {
                    let (n, l) = numbered(&rest[at + len..]).expect("accepted");
                    let era = Span::new(i + at, i + at + len);
                    (Some((era, ids.into())), n, at + len + l)
                }
                None => match numbered(rest) {
                    // A number alone counts on from the year before, or has its 干支
                    // (`【丁丑】十四年【…】`).
                    Some((n, l)) if at > 0 || ganzhi.is_some() || indented_number => (None, n, l),
                    _ => continue,
                },
            },
        };
        if n == 0 || n > MAX_ORDINAL {
            continue;
        }
        out.push((
            year_at,
            out.is_empty() && k < line_starts,
            Cand {
                ganzhi,
                era,
                ordinal: n,
                ..Cand::at(Span::new(year_at, i + len))
            },
        ));
    }
    // One year is the layout only where it follows the events of another in brackets
    // (the line goes on from the one before: `【…】二【…`), or where its own events'
    // bracket runs on past a note's length (`太宗太平興國元年【正月辛未…`): two or more,
    // or none.
    // (Not a note of other states' years, however long: 大事記's `周敬王【丐】三十九年【鲁哀公
    // 蒋十四年齐简公壬四年…】` names years and no month.)
    if let [(_, takes_line, c)] = &out[..] {
        let events = &content[c.heading_end..];
        let head = events
            .strip_prefix(open_mark)
            .map(|e| &e[..floor_boundary(e, 40 * 3)]);
        // (A Kanripo print line closes its notes at its end and opens them again on the
        // next: a note closed only there runs on.)
        let to_line_end = open_mark == '('
            && events
                .strip_prefix(open_mark)
                .is_some_and(|e| e.find(close_mark) == Some(e.len() - close_mark.len_utf8()));
        let long = head.is_some_and(|e| !e.contains(close_mark)) || to_line_end;
        let states = head.is_some_and(|e| e.matches('年').count() >= 2 && !e.contains('月'));
        if *takes_line && (!long || states) {
            out.clear();
        }
    }
    out
}

/// The span of years a line after a 卷 heading gives (`【起丁巳明孝宗治十年盡乙丑…】凡九年`):
/// the range inside the brackets, or of the line, when it starts with 起 and names an end
/// (盡, 尽, 訖, 讫, 迄), or when it is two dates with 至 (迄, 讫) between, the first an era's
/// year (`天启元年辛酉至七年丁卯七月`). Byte offsets in `content`.
pub(super) fn volume_span(content: &str, eras: &EraTable) -> Option<std::ops::Range<usize>> {
    let (inner, at) = match content.strip_prefix('【') {
        Some(rest) => (&rest[..rest.find('】')?], '【'.len_utf8()),
        None => (content, 0),
    };
    if inner.starts_with('起') && inner.contains(['盡', '尽', '訖', '讫', '迄']) {
        return Some(at..at + inner.len());
    }
    // Or two dates and 至 between, alone on the line (明季北略: `第一卷` / `万历四十年丙辰至
    // 泰昌元年庚申`, `天启元年辛酉至七年丁卯七月`): an era's year first, no punctuation.
    let inner = inner.trim_end();
    let to = inner.find(['至', '迄', '讫'])?;
    let year = |rest: &str| numeral_year_after_note(rest).is_some();
    (inner.chars().count() <= 30
        && !inner.contains(['，', '。', '、', '：', '；', ',', '.'])
        && to > 0
        && eras.longest_prefix(&inner[..to], year).is_some()
        && inner[to..].contains(['年', '月']))
    .then(|| at..at + inner.len())
}

/// The round bracket `s` opens with, full-width or ASCII: its byte length and the bracket
/// that closes it.
fn round_open(s: &str) -> Option<(usize, char)> {
    if s.starts_with('（') {
        Some(('（'.len_utf8(), '）'))
    } else if s.starts_with('(') {
        Some((1, ')'))
    } else {
        None
    }
}

/// The length of a bracketed note right after a year that ends its line or its sentence
/// (`（四月即位改元）`, `(三月誅楊駿，改。)` then `。` or the line's end), or None: a note on the
/// year, not the start of its events.
pub(super) fn heading_note(s: &str) -> Option<usize> {
    let (open_len, close) = round_open(s)?;
    let inner_max = floor_boundary(s, open_len + 40 * 3);
    let close_at = s[open_len..inner_max].find(close)? + open_len;
    let end = close_at + close.len_utf8();
    let after = s[end..].trim_start_matches(is_indent);
    let ends = after.is_empty()
        || after.starts_with(['。', '．', '\n', '\r'])
        || note_marker_at(after).is_some_and(|(l, _)| after[l..].trim().is_empty());
    ends.then_some(end)
}

/// A note in round brackets right after a year that gives other states' years (two 年 or
/// more), of at most 120 characters, closed on the line or running to its end (a Kanripo
/// print line's, the note going on in the next): its byte length.
pub(super) fn states_paren_note(s: &str) -> Option<usize> {
    let (open_len, close) = round_open(s)?;
    let inner_max = floor_boundary(s, open_len + 120 * 3);
    let (inner, end) = match s[open_len..inner_max].find(close) {
        Some(at) => (
            &s[open_len..open_len + at],
            open_len + at + close.len_utf8(),
        ),
        None if inner_max == s.len() => (&s[open_len..], s.len()),
        None => return None,
    };
    (inner.matches('年').nth(1).is_some()).then_some(end)
}

/// The 干支 of `，歲在庚子。` (岁在, 歲次, 岁次) at the start of `s`, the text right after a
/// year, where a stop or a comma follows it.
pub(super) fn sui_zai(s: &str) -> Option<u8> {
    let rest = s.strip_prefix(['，', ','])?;
    let rest = ["歲在", "岁在", "嵗在", "歲次", "岁次", "嵗次"]
        .iter()
        .find_map(|p| rest.strip_prefix(p))?;
    let (g, l) = ganzhi_prefix(rest)?;
    rest[l..]
        .starts_with(['。', '，', '；', '、', ',', '.'])
        .then_some(g)
}

/// A note in 【】 right after a year, of at most forty characters: its byte length, and the
/// year's 干支 where it names one (`【嵗在丁未】`, `【丁未】`).
pub(super) fn bracket_note(s: &str) -> Option<(usize, Option<u8>)> {
    let inner = s.strip_prefix('【')?;
    let close = inner[..floor_boundary(inner, 120 * 3)].find('】')?;
    let note = &inner[..close];
    let named = note
        .strip_prefix("嵗在")
        .or_else(|| note.strip_prefix("歲在"))
        .or_else(|| note.strip_prefix("岁在"))
        .unwrap_or(note);
    let ganzhi = ganzhi::parse_prefix(named)
        .filter(|&(_, l)| l == named.len())
        .map(|(g, _)| g);
    Some(('【'.len_utf8() + close + '】'.len_utf8(), ganzhi))
}

/// The CE year in an annotation: ASCII or full-width digits; 前, 公元前, `-`, `BC` mark BCE.
pub(super) fn annotation_year(inner: &str) -> Option<i32> {
    let mut digits = String::new();
    let mut start = None;
    for (j, c) in inner.char_indices() {
        let d = match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            _ => None,
        };
        match d {
            // (A zero among Chinese digits, `一八二０`, is one of them.)
            Some(_)
                if start.is_none()
                    && inner[..j]
                        .chars()
                        .next_back()
                        .is_some_and(|p| numerals::digit(p).is_some()) =>
            {
                break;
            }
            Some(d) => {
                start.get_or_insert(j);
                if digits.len() < 6 {
                    digits.push(d);
                }
            }
            None if start.is_some() => break,
            None => {}
        }
    }
    // Chinese digits, written out (公元二二零年, 一六四四): a run of three or more.
    if start.is_none() {
        let mut run = String::new();
        for (j, c) in inner.char_indices() {
            let d = match c {
                '〇' | '○' | '零' | '０' | '0' => Some('0'),
                _ => numerals::digit(c).and_then(|d| char::from_digit(d, 10)),
            };
            match d {
                Some(d) => {
                    if run.is_empty() {
                        start = Some(j);
                    }
                    run.push(d);
                }
                None if run.chars().count() >= 3 => break,
                None => {
                    run.clear();
                    start = None;
                }
            }
        }
        // Two digits only as the last field after the 干支 (`（己丑、八九）`): a CE year
        // before 100 as 後漢紀's editors write it.
        let last_field = start.is_some_and(|s| {
            inner[..s].ends_with(['、', '，', ',', ' ', '前'])
                && inner[s..].chars().count() == run.chars().count()
        });
        if (run.chars().count() >= 3 || (run.chars().count() == 2 && last_field)) && run.len() <= 6
        {
            digits = run;
        } else {
            start = None;
        }
    }
    let start = start?;
    let before = &inner[..start];
    let after = &inner[start..];
    let bce = before.ends_with('前')
        || before.ends_with('-')
        || before.ends_with('−')
        || after.contains("BC");
    let v: i32 = digits.parse().ok()?;
    if v == 0 {
        return None;
    }
    Some(if bce { -v } else { v })
}
