//! Time marks inside an entry: seasons and months (春正月, 夏四月朔, 五月壬午朔, 閏二月),
//! days (初三日, 十五日), and relative dates (是歲, 是月, 是春, 次年三月).
//!
//! A mark is recognised at the start of a clause — the start of a paragraph or after
//! 。，；：！？」 — so that 秋山 (a place) or 三月 inside a phrase are not taken for dates.
//! In unpunctuated texts (Kanripo), where clauses are unknown, only unmistakable marks
//! are taken: a season with its month, a month with its day, or a relative date.

use serde::Serialize;

use super::{Span, ganzhi, numerals};

/// What a time mark denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MarkKind {
    /// A season, with or without a month: 春, 秋八月.
    Season,
    /// A month: 五月, 閏二月, 十一月朔.
    Month,
    /// A day: 初三日, 十五日.
    Day,
    /// A relative date: 是歲, 是月, 是春, 次年三月.
    Relative,
}

/// One time mark and where it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TimeMark {
    /// What it denotes.
    pub kind: MarkKind,
    /// Where it is written.
    #[serde(flatten)]
    pub span: Span,
    /// The month (1–12) it names, if any.
    pub month: Option<u8>,
    /// Whether the month is intercalary (閏).
    pub leap: bool,
}

impl TimeMark {
    /// Season and month marks: the ones `[` and `]` step through.
    pub fn is_month_or_season(&self) -> bool {
        matches!(self.kind, MarkKind::Season | MarkKind::Month)
            || (self.kind == MarkKind::Relative && self.month.is_some())
    }
}

/// Characters after which a clause starts.
fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        '。' | '，'
            | '；'
            | '：'
            | '！'
            | '？'
            | '」'
            | '』'
            | '、'
            | '\n'
            | '!'
            | '?'
            | ';'
            | ','
            | '.'
            | ':'
    )
}

fn is_pause(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => matches!(
            c,
            '，' | '。'
                | '、'
                | '；'
                | '：'
                | ','
                | '.'
                | ';'
                | ':'
                | '\r'
                | '\n'
                | ' '
                | '\u{3000}'
        ),
    }
}

/// Find the time marks in `span` of `text`. `punctuated`: whether the text has
/// punctuation (clause starts can be trusted).
pub fn find(text: &str, span: Span, punctuated: bool) -> Vec<TimeMark> {
    if punctuated {
        return find_punctuated(text, span);
    }
    find_everywhere(text, span, false)
}

/// [`find`] trying every character (`punctuated` only decides where marks may start).
fn find_everywhere(text: &str, span: Span, punctuated: bool) -> Vec<TimeMark> {
    let mut marks = Vec::new();
    let body = &text[span.range()];
    let mut clause_start = true;
    let mut i = 0;
    while i < body.len() {
        let rest = &body[i..];
        let c = rest.chars().next().expect("i is on a char boundary");
        if clause_start || !punctuated {
            if let Some((len, mut mark)) = mark_at(rest, punctuated || clause_start) {
                mark.span = Span::new(span.start + i, span.start + i + len);
                marks.push(mark);
                i += len;
                // The next clause starts after the mark's own pause.
                clause_start = true;
                continue;
            }
        }
        if c == '　' || c == ' ' || c == '\t' {
            // Indentation keeps a clause start.
        } else {
            clause_start = is_clause_end(c);
        }
        i += c.len_utf8();
    }
    marks
}

/// [`find`] for punctuated text, where marks start only at clause starts: the same marks,
/// found by jumping from one clause end to the next instead of trying every character.
fn find_punctuated(text: &str, span: Span) -> Vec<TimeMark> {
    let mut marks = Vec::new();
    let body = &text[span.range()];
    let mut i = 0;
    while i < body.len() {
        // `i` starts a clause; indentation keeps it one.
        let rest = &body[i..];
        let trimmed = rest.trim_start_matches(['\u{3000}', ' ', '\t']);
        i += rest.len() - trimmed.len();
        if let Some((len, mut mark)) = mark_at(trimmed, true) {
            mark.span = Span::new(span.start + i, span.start + i + len);
            marks.push(mark);
            i += len;
            continue;
        }
        match next_clause_start(body, i) {
            Some(next) => i = next,
            None => break,
        }
    }
    marks
}

/// The position after the first clause end at or after `from` (a character boundary).
fn next_clause_start(body: &str, from: usize) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut i = from;
    loop {
        i += skip_plain(&bytes[i..]);
        let c = body[i..].chars().next()?;
        i += c.len_utf8();
        if is_clause_end(c) {
            return Some(i);
        }
    }
}

/// How many bytes at the start of `bytes` certainly hold no clause end: clause ends are
/// ASCII or start with byte E3 (。、」』) or EF (，；：！？), never E4..E9, the lead bytes of
/// the common Han characters, so runs of those are skipped 16 bytes at a time. Stops on
/// a character boundary (ASCII, E3 and EF are never continuation bytes).
fn skip_plain(bytes: &[u8]) -> usize {
    let may_end = |b: u8| (b < 0x80) | (b == 0xE3) | (b == 0xEF);
    let mut i = 0;
    for block in bytes.chunks_exact(16) {
        if block.iter().fold(false, |any, &b| any | may_end(b)) {
            break;
        }
        i += 16;
    }
    i + bytes[i..]
        .iter()
        .position(|&b| may_end(b))
        .unwrap_or(bytes.len() - i)
}

fn month_number(s: &str) -> Option<(u8, usize)> {
    // 正月, 臘月, 十一月 …
    for (name, m) in [("正", 1u8), ("臘", 12), ("腊", 12)] {
        if let Some(r) = s.strip_prefix(name) {
            if r.starts_with('月') {
                return Some((m, name.len() + '月'.len_utf8()));
            }
        }
    }
    let (v, len) = numerals::parse_prefix(s)?;
    if s[len..].starts_with('月') && (1..=12).contains(&v) && !s.starts_with('元') {
        return Some((v as u8, len + '月'.len_utf8()));
    }
    None
}

/// A month with its optional leap prefix and day part: `閏二月`, `五月壬午朔`, `十一月朔`.
/// Returns the length, the month, whether it is a leap month, and whether a day followed.
fn month_at(s: &str) -> Option<(usize, u8, bool, bool)> {
    let (leap, start) = match s.chars().next()? {
        '閏' | '闰' => (true, 3),
        _ => (false, 0),
    };
    let (m, len) = month_number(&s[start..])?;
    let end = start + len;
    let day = day_suffix(&s[end..]);
    Some((end + day, m, leap, day > 0))
}

/// After a month: a 干支 day and/or 朔/晦/望, or 初N日 / N日.
fn day_suffix(s: &str) -> usize {
    let mut end = 0;
    if let Some((_, len)) = ganzhi::parse_prefix(s) {
        end = len;
    }
    if let Some(c) = s[end..].chars().next() {
        if matches!(c, '朔' | '晦' | '望') {
            end += c.len_utf8();
            return end;
        }
    }
    if end == 0 {
        if let Some(len) = day_at(s) {
            return len;
        }
    }
    end
}

/// 初三日, 十五日, 廿三日 (a day of the month).
fn day_at(s: &str) -> Option<usize> {
    let (start, chu) = match s.strip_prefix('初') {
        Some(_) => ('初'.len_utf8(), true),
        None => (0, false),
    };
    let (v, len) = numerals::parse_prefix(&s[start..])?;
    if !(1..=30).contains(&v) || s[start..].starts_with('元') {
        return None;
    }
    let after = start + len;
    if s[after..].starts_with('日') {
        return Some(after + '日'.len_utf8());
    }
    // 初五 (without 日) is still a day; a bare numeral is not.
    chu.then_some(after)
}

/// A mark at the very start of `s`, with its byte length. `clause`: whether a clause
/// surely starts here (weak marks such as a bare season are only taken there).
pub(crate) fn mark_at(s: &str, clause: bool) -> Option<(usize, TimeMark)> {
    let first = s.chars().next()?;
    let mark = |kind, month: Option<u8>, leap| TimeMark {
        kind,
        span: Span::default(),
        month,
        leap,
    };
    match first {
        '春' | '夏' | '秋' | '冬' => {
            let after = &s[3..];
            if let Some((len, m, leap, _)) = month_at(after) {
                return Some((3 + len, mark(MarkKind::Season, Some(m), leap)));
            }
            // A bare season needs a pause after it (春，) and a clause start before it.
            if clause && is_pause(after.chars().next()) {
                return Some((3, mark(MarkKind::Season, None, false)));
            }
            None
        }
        '是' | '次' | '明' | '翌' | '其' => {
            let after = &s[3..];
            let word = after.chars().next()?;
            let ok = match first {
                '是' => matches!(
                    word,
                    '歲' | '岁' | '年' | '月' | '春' | '夏' | '秋' | '冬' | '日' | '夕' | '夜'
                ),
                _ => matches!(word, '年' | '歲' | '岁'),
            };
            if !ok {
                return None;
            }
            let mut len = 3 + word.len_utf8();
            if first != '是' || matches!(word, '年' | '歲' | '岁') {
                // 次年三月, 是年秋: the month or season continues the mark.
                let rest = &s[len..];
                let season_len = match rest.chars().next() {
                    Some('春' | '夏' | '秋' | '冬') => 3,
                    _ => 0,
                };
                if let Some((mlen, m, leap, _)) = month_at(&rest[season_len..]) {
                    return Some((
                        len + season_len + mlen,
                        mark(MarkKind::Relative, Some(m), leap),
                    ));
                }
                len += season_len;
            }
            if first != '是' && !is_pause(s[len..].chars().next()) && !clause {
                return None;
            }
            Some((len, mark(MarkKind::Relative, None, false)))
        }
        '閏' | '闰' | '正' | '臘' | '腊' | '一' | '二' | '三' | '四' | '五' | '六' | '七'
        | '八' | '九' | '十' => {
            if let Some(dlen) = day_at(s) {
                // 十五日: a day; without punctuation only where a clause surely starts.
                return clause.then_some((dlen, mark(MarkKind::Day, None, false)));
            }
            let (len, m, leap, has_day) = month_at(s)?;
            // Without punctuation, a bare month must carry its day to be trusted.
            if !clause && !has_day {
                return None;
            }
            Some((len, mark(MarkKind::Month, Some(m), leap)))
        }
        '初' => {
            let len = day_at(s)?;
            // Without punctuation, 初五 could begin a word: only 初五日 is trusted.
            if !clause && !s[..len].ends_with('日') {
                return None;
            }
            Some((len, mark(MarkKind::Day, None, false)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PIECES: &[&str] = &[
        "春", "夏", "秋", "冬", "正", "月", "三", "十", "五", "日", "朔", "壬午", "是", "歲", "次",
        "年", "閏", "初", "，", "。", "、", "」", ",", ".", "\n", "\r\n", " ", "\u{3000}", "\t",
        "帝", "遼", "𣈆", "a",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn clause_jumping_agrees_on_random_text(
            parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..40)
        ) {
            let text = parts.concat();
            let span = Span::new(0, text.len());
            let fast = format!("{:?}", find_punctuated(&text, span));
            let slow = format!("{:?}", find_everywhere(&text, span, true));
            proptest::prop_assert_eq!(fast, slow, "{:?}", text);
        }
    }

    #[test]
    fn clause_jumping_finds_what_trying_every_character_finds() {
        let mut samples = vec![
            crate::model::EMBEDDED_TEXT.to_owned(),
            "　　春正月，帝如混同江。。夏四月朔，日食。\n  秋七月壬午朔、是歲，大饑".to_owned(),
            "是月,雨.次年三月;冬十月:明年!其年?十五日」『春，』春".to_owned(),
            "春\r\n夏，\t秋七月\u{3000}冬".to_owned(),
            String::new(),
            "。".to_owned(),
            "春".to_owned(),
            "𣈆春正月，😀夏四月，e\u{301}秋，".to_owned(),
        ];
        // Every suffix of a tricky sample, so each character gets to start a span.
        let tricky = samples[1].clone();
        samples.extend(tricky.char_indices().map(|(i, _)| tricky[i..].to_owned()));
        for text in &samples {
            let span = Span::new(0, text.len());
            let fast = find_punctuated(text, span);
            let slow = find_everywhere(text, span, true);
            assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{text:?}");
        }
    }

    fn texts(s: &str) -> Vec<(&str, MarkKind)> {
        find(s, Span::new(0, s.len()), true)
            .into_iter()
            .map(|m| (&s[m.span.range()], m.kind))
            .collect()
    }

    #[test]
    fn seasons_months_days() {
        use MarkKind::*;
        assert_eq!(
            texts("春正月朔，有流星燭地。是夕，有赤氣。\n夏四月朔，日食。\n是歲，女真楊割死。"),
            [
                ("春正月朔", Season),
                ("是夕", Relative),
                ("夏四月朔", Season),
                ("是歲", Relative)
            ]
        );
        assert_eq!(texts("五月壬午朔，日有食之。"), [("五月壬午朔", Month)]);
        assert_eq!(
            texts("初三日，軍馬抵首山門。初五日夜，城中舉火。"),
            [("初三日", Day), ("初五日", Day)]
        );
        assert_eq!(
            texts("春，天祚如混同江釣魚。是年秋，遂併吞諸鄰近部族"),
            [("春", Season), ("是年秋", Relative)]
        );
        assert_eq!(texts("次年三月止遣蕭習泥烈回"), [("次年三月", Relative)]);
        assert_eq!(texts("閏二月丙辰，帝至。"), [("閏二月丙辰", Month)]);
    }

    #[test]
    fn not_marks() {
        assert!(texts("天祚出秋山，赴顯州。").is_empty());
        assert!(texts("帝在位三月而崩").is_empty());
        assert!(texts("元月").is_empty());
        assert!(texts("秋山").is_empty());
    }

    #[test]
    fn unpunctuated_needs_strong_marks() {
        let s = "夏四月朔日食陰雲不見是歲女真楊割死秋山五月宋徽宗";
        let found: Vec<&str> = find(s, Span::new(0, s.len()), false)
            .into_iter()
            .map(|m| &s[m.span.range()])
            .collect();
        assert_eq!(found, ["夏四月朔", "是歲"]);
    }
}
