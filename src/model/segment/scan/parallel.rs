//! Dates of other regimes written beside a heading (`宋政和五年`): parallel dates.

use super::*;

pub(super) const DYNASTIES: [&str; 30] = [
    "後唐", "后唐", "後晉", "后晋", "後漢", "后汉", "後周", "后周", "北漢", "北汉", "南唐", "西夏",
    "南漢", "南汉", "後梁", "后梁", "宋", "金", "梁", "唐", "晉", "晋", "漢", "汉", "周", "蜀",
    "吳", "吴", "齊", "齐",
];

/// The name in [`DYNASTIES`] that `t` starts with, if any (most text starts with none, and
/// shows it by its first character).
pub(super) fn dynasty_at(t: &str) -> Option<&'static str> {
    let first = t.chars().next()?;
    if !matches!(
        first,
        '後' | '后'
            | '北'
            | '南'
            | '西'
            | '宋'
            | '金'
            | '梁'
            | '唐'
            | '晉'
            | '晋'
            | '漢'
            | '汉'
            | '周'
            | '蜀'
            | '吳'
            | '吴'
            | '齊'
            | '齐'
    ) {
        return None;
    }
    DYNASTIES.iter().find(|d| t.starts_with(**d)).copied()
}

/// A parallel regime's date at the start of `s`: (byte length of the date, era span
/// relative to `s`, era candidates, ordinal).
pub(super) fn parse_parallel<'e>(
    s: &str,
    eras: &'e EraTable,
) -> Option<(usize, Span, &'e [EraId], u32)> {
    let t = s.strip_prefix(['时', '時']).unwrap_or(s);
    let skip = s.len() - t.len();
    let dynasty = dynasty_at(t)?;
    let mut off = dynasty.len();
    // Up to eight characters of ruler's name (均王, 徽宗, 庄宗李存勖, 高祖称) before the era.
    for _ in 0..=8 {
        let here = &t[off..];
        let accept = |rest: &str| numeral_year(rest).is_some() || rest.starts_with("改元");
        if let Some((len, ids)) = eras.longest_prefix(here, accept) {
            let after = &here[len..];
            let (year, ylen) = match numeral_year(after) {
                Some(v) => v,
                None => (1, "改元".len()),
            };
            let era = Span::new(skip + off, skip + off + len);
            return Some((skip + off + len + ylen, era, ids, year));
        }
        let c = here.chars().next()?;
        if is_punct(c) || !is_han(c) {
            return None;
        }
        off += c.len_utf8();
    }
    None
}

/// Parallel dates from `from` to the end of its line.
pub(in crate::model::segment) fn parallels(
    text: &str,
    from: usize,
    eras: &EraTable,
    context: Option<i32>,
) -> Vec<ParallelDate> {
    let context = context.and_then(crate::calendar::CeYear::new);
    // When the heading stands alone on its line, the dates open the next paragraph.
    let rest_blank = text[from..]
        .chars()
        .find(|&c| !(is_indent(c) || c == '\r' || c == '¶'))
        .is_none_or(|c| c == '\n');
    let from = if rest_blank {
        let skip = text[from..].len()
            - text[from..]
                .trim_start_matches(|c: char| c.is_whitespace() || c == '¶')
                .len();
        from + skip
    } else {
        from
    };
    let line_end = memchr::memchr(b'\n', &text.as_bytes()[from..]).map_or(text.len(), |i| from + i);
    let mut out = Vec::new();
    let mut p = from;
    while let Some((len, _era, ids, year)) = parse_parallel(&text[p..line_end], eras) {
        let dynasty = dynasty_at(text[p..].trim_start_matches(['时', '時']))
            .map_or(&[][..], |d| eras.regimes_named(d));
        let era = super::super::resolve::pick(eras, ids, year, context, None, dynasty);
        // (Most headings with parallel dates have one: room for it alone.)
        if out.is_empty() {
            out.reserve_exact(1);
        }
        out.push(ParallelDate {
            text: text[p..p + len].to_owned(),
            span: Span::new(p, p + len),
            era,
            year,
            ce: era.and_then(|id| eras.get(id).year(year)).map(|y| y.get()),
        });
        p += len;
        match text[p..line_end].chars().next() {
            Some(c @ ('。' | '，' | '、' | '；')) => p += c.len_utf8(),
            _ => break,
        }
        if out.len() >= 4 {
            break;
        }
    }
    out
}
