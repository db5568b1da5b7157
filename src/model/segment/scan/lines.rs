//! The lines of a text as the scan sees them: a line's content without indentation,
//! page markers and `¶`; print columns; titles, compilers' lines, notes headings, note
//! markers and 卷 headings.

use super::*;

/// The width of a print column in a Kanripo text, in characters: the commonest length of
/// its lines, when at least a third of them have it (`None` otherwise).
pub(crate) fn column_width(text: &str, from: usize) -> Option<usize> {
    let mut counts = [0u32; 64];
    let mut lines = 0u32;
    let mut pilcrows = 0u32;
    for line in text[from..].lines().take(4000) {
        pilcrows += u32::from(line.ends_with('¶'));
        let (cs, ce) = content(line, 0, line.len(), Format::Mandoku);
        let c = &line[cs..ce];
        if c.is_empty() || c.starts_with('#') {
            continue;
        }
        lines += 1;
        if let Some(n) = counts.get_mut(indent_chars(&line[..cs]) + visible_chars(c)) {
            *n += 1;
        }
    }
    let (width, &n) = counts.iter().enumerate().skip(8).max_by_key(|&(_, n)| *n)?;
    if n > 0 && n * 3 >= lines {
        return Some(width);
    }
    // Or, in an edition set without ¶, the widths of a print whose full lines differ by one
    // character (十八史略: 27 and 28, a punctuation mark more or less): the wider of the
    // two, where together they are most lines. (With ¶ a line that ends with none runs on.)
    if pilcrows > 0 || lines < 10 {
        return None;
    }
    let (narrow, pair) = (8..counts.len() - 1)
        .map(|w| (w, counts[w] + counts[w + 1]))
        .max_by_key(|&(_, n)| n)?;
    (pair > 0 && pair * 2 >= lines).then_some(narrow + 1)
}

/// Whether a Kanripo text of print column `width` indents only the first print line of a
/// paragraph, its other lines at the margin (廣西通志: `　　憲宗元和三年…元和十¶` /
/// `四年八月丁丑…`), rather than whole blocks (綱目續麟, whose commentary is indented line
/// after line and whose 綱 starts again at the margin): after a full indented line, the
/// next line is at the margin at least three times, and more than twice as often as
/// indented. Counted over the first 4,000
/// lines from byte `from`.
pub(crate) fn first_lines_indented(text: &str, from: usize, width: usize) -> bool {
    let (mut margin, mut indented) = (0u32, 0u32);
    // Whether the line before was indented and full.
    let mut after_full_indented = false;
    for line in text[from..].lines().take(4000) {
        let (cs, ce) = content(line, 0, line.len(), Format::Mandoku);
        let c = &line[cs..ce];
        if c.is_empty() || c.starts_with('#') {
            continue;
        }
        let indent = indent_chars(&line[..cs]);
        if after_full_indented {
            match indent {
                0 => margin += 1,
                _ => indented += 1,
            }
        }
        after_full_indented = indent > 0 && indent + visible_chars(c) + 1 >= width;
    }
    margin >= 3 && margin > 2 * indented
}

/// The blanks of a print line's indent (`before` its content: blanks and page markers):
/// each takes a character's height in the column.
pub(super) fn indent_chars(before: &str) -> usize {
    before.chars().filter(|&c| is_indent(c)).count()
}

/// The height of a print line in characters: `&KR0001;` is one character, and an
/// interlinear note `(…/…)` is two columns of small characters side by side, as tall as
/// its longer column (a note with no `/` is one column). A line whose note holds most of
/// it is no taller than its big characters and the note's longer half (`疆(適郢元凱本/史記作
/// 石與)燕獻公薨子孝公立` is 14, a short line that ends its paragraph).
pub(crate) fn visible_chars(content: &str) -> usize {
    let mut height = 0;
    // Inside a note: the lengths of its columns so far.
    let mut note: Option<(usize, usize)> = None;
    let mut rest = content;
    while let Some(c) = rest.chars().next() {
        let mut step = c.len_utf8();
        // `&KR0001;` stands for one character.
        if rest.starts_with("&KR") {
            if let Some(e) = rest.find(';') {
                step = e + 1;
            }
        }
        match (c, &mut note) {
            ('(', None) => note = Some((0, 0)),
            (')', Some((a, b))) => {
                height += (*a).max(*b);
                note = None;
            }
            ('/', Some((a, b))) if *b == 0 => std::mem::swap(a, b),
            (_, Some((a, _))) => *a += 1,
            (_, None) => height += 1,
        }
        rest = &rest[step..];
    }
    // A note the line does not close runs to its end.
    height + note.map_or(0, |(a, b)| a.max(b))
}

/// Where a Kanripo line holds a `¶` with more text after it (not only page markers and
/// blanks): the byte offset of the first such `¶` in `line`.
pub(super) fn pilcrow_inside(line: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&line.as_bytes()[from..], "¶".as_bytes()) {
        let at = from + i;
        let rest = &line[at + '¶'.len_utf8()..];
        if !strip_tags(rest)
            .trim_end_matches(|c: char| is_indent(c) || c == '\r' || c == '¶')
            .is_empty()
        {
            return Some(at);
        }
        from = at + '¶'.len_utf8();
    }
    None
}

/// `s` without the indentation and the page markers (`<pb:…>`, `<md:…>`) that open it.
pub(super) fn strip_tags(mut s: &str) -> &str {
    loop {
        let t = s.trim_start_matches(is_indent);
        let tag_end = (t.starts_with("<pb:") || t.starts_with("<md:"))
            .then(|| t.find('>'))
            .flatten();
        match tag_end {
            Some(e) => s = &t[e + 1..],
            None => return t,
        }
    }
}

/// The content of a line: without indentation, page markers, line-end blanks, `¶`.
pub(in crate::model::segment) fn content(
    text: &str,
    start: usize,
    end: usize,
    format: Format,
) -> (usize, usize) {
    if format != Format::Mandoku {
        return content_bytes(text.as_bytes(), start, end);
    }
    let line = &text[start..end];
    let s = strip_tags(line.trim_start_matches(is_indent));
    let mut s = s.trim_end_matches(|c: char| is_indent(c) || c == '\r' || c == '¶');
    // A page marker closing the line (`…王陟<md:KR2b0001_WYG_002-27b>`).
    while s.ends_with('>') {
        match s
            .rfind(['<'])
            .filter(|&i| s[i..].starts_with("<pb:") || s[i..].starts_with("<md:"))
        {
            Some(i) => s = s[..i].trim_end_matches(is_indent),
            None => break,
        }
    }
    if s.is_empty() {
        return (end, end);
    }
    // `s` is a subslice of `line`.
    let begin = start + (s.as_ptr() as usize - line.as_ptr() as usize);
    (begin, begin + s.len())
}

/// [`content`] without page markers, a byte at a time: the blanks trimmed are ASCII or
/// whole three-byte (U+3000, U+FEFF) and two-byte (¶) characters, which in valid UTF-8
/// cannot be the tail of another character.
pub(super) fn content_bytes(b: &[u8], start: usize, end: usize) -> (usize, usize) {
    // U+3000 is E3 80 80, U+FEFF is EF BB BF, ¶ is C2 B6.
    let mut s = start;
    loop {
        match b[s..end] {
            [b' ' | b'\t', ..] => s += 1,
            [0xE3, 0x80, 0x80, ..] | [0xEF, 0xBB, 0xBF, ..] => s += 3,
            _ => break,
        }
    }
    let mut e = end;
    loop {
        match b[s..e] {
            [.., b' ' | b'\t' | b'\r'] => e -= 1,
            [.., 0xE3, 0x80, 0x80] | [.., 0xEF, 0xBB, 0xBF] => e -= 3,
            [.., 0xC2, 0xB6] => e -= 2,
            _ => break,
        }
    }
    if s == e { (end, end) } else { (s, e) }
}

/// [`is_punct`] of a three-byte character, by its UTF-8: 、。「」『』 are E3 80 81, 82,
/// 8C–8F; ！（），：；？ are EF BC 81, 88, 89, 8C, 9A, 9B, 9F (a test checks it against
/// `is_punct`).
pub(super) fn is_punct_3(c: [u8; 3]) -> bool {
    matches!(
        c,
        [0xE3, 0x80, 0x81 | 0x82 | 0x8C..=0x8F]
            | [0xEF, 0xBC, 0x81 | 0x88 | 0x89 | 0x8C | 0x9A | 0x9B | 0x9F]
    )
}

pub(super) fn is_punct(c: char) -> bool {
    matches!(
        c,
        '。' | '，'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '「'
            | '」'
            | '『'
            | '』'
            | '（'
            | '）'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
    )
}

/// Whether `s` has at most `n` characters, without counting past `n + 1`.
pub(super) fn at_most_chars(s: &str, n: usize) -> bool {
    // (A character is at most four bytes: a longer string has more.)
    s.len() <= n || (s.len() <= 4 * n && s.chars().nth(n).is_none())
}

pub(super) fn is_title_line(content: &str) -> bool {
    !content.is_empty()
        && at_most_chars(content, 16)
        && !content.chars().any(is_punct)
        && volume_number(content).is_none()
}

/// A line naming who compiled or printed a volume, not what it holds: `宋　翰　林　學　士
/// 歐　陽　修　撰`, `臣司馬光奉敕編集`, `欽定四庫全書`, `荀悅撰`.
pub(super) fn is_compiler_line(content: &str) -> bool {
    // A line, not a paragraph (續後漢書's `少帝諱禪…` under its 卷 heading names a 臣 in
    // its hundreds of characters).
    at_most_chars(content, 48) && is_compiler_text(content)
}

fn is_compiler_text(content: &str) -> bool {
    // (學: 何休's `何休學` under 公羊傳's title, "as 何休 learnt it".)
    const ENDS: [&str; 14] = [
        "撰", "修", "編", "编", "纂", "著", "注", "輯", "辑", "述", "集解", "音義", "學", "学",
    ];
    content.contains("四庫全書")
        || content.contains("四库全书")
        || content.contains('臣')
        || content.contains("奉敕")
        || content.contains("奉勅")
        || ENDS.iter().any(|e| content.ends_with(e))
        // Spaced out character by character.
        || content.matches('\u{3000}').count() >= 3
}

/// A title in brackets opening a line, `【周纪一】　起著雍摄提格，尽玄黓困敦…`: the range
/// inside the brackets.
pub(super) fn bracketed_title(content: &str) -> Option<std::ops::Range<usize>> {
    let rest = content.strip_prefix('【')?;
    let end = rest.find('】')?;
    let inner = &rest[..end];
    (!inner.is_empty() && at_most_chars(inner, 16) && !inner.chars().any(is_punct))
        .then(|| '【'.len_utf8()..'【'.len_utf8() + end)
}

pub(super) fn is_notes_heading(content: &str) -> bool {
    // (Longer than 16 characters of four bytes: none of the names below, too long for
    // the others. Most lines are.)
    if content.len() > 16 * 4 {
        return false;
    }
    const NAMES: [&str; 12] = [
        "校勘記",
        "校勘记",
        "考證",
        "考证",
        "攷證",
        "攷证",
        "校記",
        "校记",
        "校勘",
        "注釋",
        "注释",
        "附考",
    ];
    if NAMES.contains(&content) {
        return true;
    }
    // (攷 is 考's old form: 四庫's 舊五代史 heads its notes `舊五代史巻二十六攷證`.)
    ["考證", "考证", "攷證", "攷证", "校勘記", "校勘记"]
        .iter()
        .any(|name| content.ends_with(name))
        && at_most_chars(content, 16)
        && !content.chars().any(is_punct)
}

pub(super) fn starts_with_note_marker(content: &str) -> bool {
    // A marker opens with \\, [, 〔 (E3 80 94) or 【 (E3 80 90).
    matches!(
        content.as_bytes(),
        [b'\\' | b'[', ..] | [0xE3, 0x80, 0x94 | 0x90, ..]
    ) && note_marker_at(content).is_some()
}

/// A note marker at the start of `s` — `[一]`, `\\[一\\]` (markdown), `〔二〕`, `【三】` —
/// as its byte length and number.
pub(crate) fn note_marker_at(s: &str) -> Option<(usize, u32)> {
    let t = s.strip_prefix('\\').unwrap_or(s);
    let open = t.chars().next()?;
    if !matches!(open, '[' | '〔' | '【') {
        return None;
    }
    let rest = &t[open.len_utf8()..];
    let (n, l) = numeral_prefix(rest)?;
    let r = rest[l..].strip_prefix('\\').unwrap_or(&rest[l..]);
    let close = r
        .chars()
        .next()
        .filter(|c| matches!(c, ']' | '〕' | '】'))?;
    let len = s.len() - r.len() + close.len_utf8();
    Some((len, n))
}

/// A volume heading as editions write it — `契丹国志卷之一`, `卷十`, `卷第三上`,
/// `資治通鑑巻第一`, `後漢光武皇帝紀卷苐一`, `前漢孝惠皇帝紀卷第五　荀悅` (the author after a
/// space), `资治通鉴第一卷(周纪)` (the number first, a title in brackets), `●卷第一` — as its
/// number (None when written oddly) and the title it carries in brackets, if any (a byte
/// range of `content`).
pub(in crate::model::segment) fn volume_heading(
    content: &str,
) -> Option<(Option<u32>, Option<std::ops::Range<usize>>)> {
    // 卷 comes within the first 17 characters (4 bytes at most each): look no further.
    let head = &content[..floor_boundary(content, 17 * 4)];
    // Most lines hold neither 卷 nor 巻 there: one byte search tells them (both have B7).
    if !has_juan(head.as_bytes()) {
        return None;
    }
    let at = juan_at(head)?;
    let prefix = &content[..at];
    let after = &content[at + '卷'.len_utf8()..];
    // `…第一卷(周纪)`: the number before 卷.
    if let Some(num_at) = prefix.rfind(['第', '苐']) {
        let num = &prefix[num_at + '第'.len_utf8()..];
        let book = &prefix[..num_at];
        if let Some(n) = numerals::value(num).filter(|_| !num.is_empty()) {
            if plain_prefix(book) {
                let title = bracketed(after).map(|r| {
                    let base = at + '卷'.len_utf8();
                    base + r.start..base + r.end
                });
                if title.is_some() || after.trim_matches(is_indent).is_empty() {
                    return Some((Some(n), title));
                }
                // `第三卷　　本紀第三`: the section's name after a blank is its title.
                let name = after.trim_start_matches(is_indent);
                if name.len() < after.len() && at_most_chars(name, 10) && name.chars().all(is_han) {
                    let start = content.len() - name.len();
                    return Some((Some(n), Some(start..content.len())));
                }
            }
        }
    }
    if !plain_prefix(prefix) {
        return None;
    }
    let rest = after.strip_prefix(['之', '第', '苐']).unwrap_or(after);
    // (Not 0: 三國史記's generated `二四卷零零零零零零` is no 卷 of its own.)
    let (n, len) = numeral_prefix(rest).filter(|&(n, _)| n > 0 && !rest.starts_with('元'))?;
    let tail = rest[len..].trim_start_matches(['上', '中', '下']);
    // (A full stop after it: `三国史记卷第二十四。`.)
    let tail = if tail.trim_end() == "。" { "" } else { tail };
    let base = content.len() - rest.len() + len + (rest[len..].len() - tail.len());
    if tail.is_empty() {
        return Some((Some(n), None));
    }
    if let Some(r) = bracketed(tail) {
        return Some((Some(n), Some(base + r.start..base + r.end)));
    }
    // An author after a space: `卷第五　荀悅`.
    let name = tail.trim_start_matches(is_indent);
    let plain = !name
        .chars()
        .any(|c| is_punct(c) || (c.is_ascii() && c != ' '));
    // Or the credits, spaced (`卷一 隋王通撰 唐薛收传 宋阮逸注`).
    let credits = at_most_chars(name, 30)
        && name
            .split([' ', '\u{3000}'])
            .filter(|w| !w.is_empty())
            .all(|w| {
                w.ends_with([
                    '撰', '傳', '传', '注', '修', '編', '编', '纂', '著', '輯', '辑', '述',
                ])
            });
    // Or the credits and the section's name run on (陸游 南唐書: `南唐书卷一　　宋　陆游　撰
    // 烈祖本纪第一`).
    // (Or with no 第: 東都事略's `东都事略卷二　…　撰本纪二`.)
    let section = at_most_chars(name, 30)
        && ["本紀", "本纪", "列傳", "列传", "世家", "載記", "载记"]
            .iter()
            .any(|p| {
                name.match_indices(p).any(|(k, _)| {
                    let after = &name[k + p.len()..];
                    let after = after.strip_prefix(['第', '苐']).unwrap_or(after);
                    after.starts_with(numerals::is_numeral_char)
                })
            });
    // Or the dynasty, the author and 撰 with the section's name run on, unnumbered (皇王大紀:
    // `皇王大纪卷四十四　　　　宋　胡宏　撰三王纪`): short words, one led or ended by 撰.
    let credited = at_most_chars(name, 30) && {
        let mut words = name.split([' ', '\u{3000}']).filter(|w| !w.is_empty());
        let mut by = false;
        let short = words.all(|w| {
            by |= w.starts_with('撰') || w.ends_with('撰');
            at_most_chars(w, 6)
        });
        short && by
    };
    if name.len() < tail.len()
        && plain
        && (at_most_chars(name, 8) && !name.contains(' ') || credits || section || credited)
    {
        return Some((Some(n), None));
    }
    // The 卷's section name run on, numbered as the 卷 is (十六國春秋: `卷六前赵录六`).
    let numbered = tail
        .char_indices()
        .rev()
        .take_while(|&(_, c)| numerals::is_numeral_char(c))
        .last()
        .is_some_and(|(i, _)| i > 0 && numerals::value(&tail[i..]) == Some(n));
    if numbered && at_most_chars(tail, 8) && tail.chars().all(is_han) {
        return Some((Some(n), Some(base..content.len())));
    }
    None
}

/// A Kanripo 卷's title line that names its book and section with a number and no 卷
/// (公羊傳: `春秋公羊經傳解詁僖公第五`, `春秋經傳集解&KR0074;公第二(釋文…)`): the number after
/// 第 and the byte length of the title, a note after it left out. Han characters and the
/// edition's entities (`&KR0074;`) only, 24 characters at most before the number.
pub(crate) fn numbered_title_line(content: &str) -> Option<(u32, usize)> {
    let title = match content.find('(') {
        Some(k) if content.ends_with(')') => &content[..k],
        _ => content,
    };
    let digits = title.trim_end_matches(numerals::is_numeral_char);
    let name = digits.strip_suffix(['第', '苐'])?;
    let n = numerals::value(&title[digits.len()..])?;
    let mut chars = 0;
    let mut rest = name;
    while let Some(c) = rest.chars().next() {
        if let Some(entity) = rest.strip_prefix("&KR") {
            let end = entity
                .find(';')
                .filter(|&e| e > 0 && entity[..e].bytes().all(|b| b.is_ascii_digit()))?;
            rest = &entity[end + 1..];
        } else if is_han(c) {
            rest = &rest[c.len_utf8()..];
        } else {
            return None;
        }
        chars += 1;
    }
    (n > 0 && (4..=24).contains(&chars)).then_some((n, title.len()))
}

/// A line that is only a 正史 section's name and number: `本紀第三`, `帝紀第一`, `列傳第十`,
/// with a regime's name before it (`梁本纪第一`, 新五代史) or no 第 (`本纪一  太祖本纪`,
/// 清史稿), and its title after it.
pub(crate) fn is_section_line(content: &str) -> bool {
    // (A full stop after it: `新罗本纪第一。`.)
    let content = content.strip_suffix('。').unwrap_or(content);
    // (Short: the name, a number and a title of ten characters at most; and with the
    // section's last character where it can be, in the first 14 bytes — the word starts
    // after two characters at most, of four bytes at most: most lines have neither.)
    let head = &content[..floor_boundary(content, 14)];
    if content.len() > 75 || !head.contains(['紀', '纪', '傳', '传', '家', '記', '记']) {
        return false;
    }
    const SECTIONS: [&str; 11] = [
        "本紀", "本纪", "帝紀", "帝纪", "列傳", "列传", "世家", "載記", "载记", "紀略", "纪略",
    ];
    // The section's word at the start, or after a regime's name of one or two characters.
    let Some(rest) = content
        .char_indices()
        .take(3)
        .filter(|&(i, _)| content[..i].chars().all(is_han))
        .find_map(|(i, _)| SECTIONS.iter().find_map(|p| content[i..].strip_prefix(p)))
    else {
        return false;
    };
    let rest = rest.strip_prefix(['第', '苐']).unwrap_or(rest);
    // The number, and the title run on after it (`本紀第十英宗前紀`) or after a blank
    // (`本纪第三　武帝下`).
    let title = rest.trim_start_matches(numerals::is_numeral_char);
    let n = &rest[..rest.len() - title.len()];
    let title = title.trim_start_matches(is_indent).trim_end();
    // (A blank inside the title too: 魏書's `帝纪第四 世祖纪下　宗纪`, two reigns' 紀.)
    !n.is_empty()
        && numerals::value(n).is_some()
        && at_most_chars(title, 10)
        && title.chars().all(|c| is_han(c) || is_indent(c))
        // (Not a date: `世家二十年`.)
        && !title.starts_with(['年', '月', '日'])
}

/// A section's name and number standing for a 卷's title (`本紀第三`, `列傳第十`), or the
/// book's short name and the 卷's number (史記集解's `史記五` over `秦本紀第五`).
pub(super) fn is_section_number(title: &str) -> bool {
    let numbered = title
        .rfind(['第', '苐'])
        .is_some_and(|at| numerals::value(&title[at + '第'.len_utf8()..]).is_some());
    let name = title.trim_end_matches(numerals::is_numeral_char);
    numbered
        || name.len() < title.len()
            && at_most_chars(name, 3)
            && name.chars().all(is_han)
            && numerals::value(&title[name.len()..]).is_some()
}

/// Where the 卷 of a volume heading may stand in `head`: the first 卷, else the first 巻
/// (as a search for each would find them), unless punctuation or ASCII comes before it.
/// (Whatever stands before a volume heading's 卷 — a book's title, its number after 第 —
/// has neither, so past the first such character no 卷 can be one; the characters are
/// read only so far.)
pub(super) fn juan_at(head: &str) -> Option<usize> {
    // Read a byte at a time: 卷 is E5 8D B7, 巻 E5 B7 BB, and the punctuation three
    // bytes led by E3 80 or EF BC ([`is_punct_3`]).
    let b = head.as_bytes();
    let mut other = None;
    let mut i = 0;
    while let Some(&lead) = b.get(i) {
        let three = || b.get(i..i + 3).map(|c| [c[0], c[1], c[2]]);
        match lead {
            0..0x80 => break,
            0xE5 => match three() {
                Some([_, 0x8D, 0xB7]) => return Some(i),
                Some([_, 0xB7, 0xBB]) => {
                    other.get_or_insert(i);
                }
                _ => {}
            },
            0xE3 | 0xEF if three().is_some_and(is_punct_3) => break,
            _ => {}
        }
        i += match lead {
            0xC0..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        };
    }
    // A 巻, unless a 卷 further on (past punctuation, so no heading's) is the one found.
    let at = other?;
    find3(head.as_bytes(), &utf8_3("卷"))
        .is_none()
        .then_some(at)
}

/// Whether `head` holds 卷 (E5 8D B7) or 巻 (E5 B7 BB) anywhere, found by their common
/// byte B7.
fn has_juan(head: &[u8]) -> bool {
    // (A branch-free test of every three bytes, E5 8D B7 or E5 B7 BB, which the compiler
    // vectorises: the head is too short for a search to pay.)
    let n = head.len();
    if n < 3 {
        return false;
    }
    let t = u8::from;
    let (a, b, c) = (&head[..n - 2], &head[1..n - 1], &head[2..]);
    a.iter().zip(b).zip(c).fold(0u8, |any, ((&a, &b), &c)| {
        any | (t(a == 0xE5) & ((t(b == 0x8D) & t(c == 0xB7)) | (t(b == 0xB7) & t(c == 0xBB))))
    }) != 0
}

/// Whether `prefix` may stand before 卷 in a volume heading: at most 16 characters, no
/// punctuation or ASCII (a leading ● or indentation is allowed).
pub(super) fn plain_prefix(prefix: &str) -> bool {
    let p = prefix.trim_start_matches(['●', '○', '◎']);
    at_most_chars(p, 16) && !p.chars().any(|c| is_punct(c) || c.is_ascii())
}

/// The inside of a bracketed title at the start of `s` — `(周纪)`, `（周紀一）`, `【周纪一】` —
/// when nothing but blanks follows it, as a byte range of `s`.
pub(super) fn bracketed(s: &str) -> Option<std::ops::Range<usize>> {
    let open = s.chars().next()?;
    let close = match open {
        '(' => ')',
        '（' => '）',
        '【' => '】',
        '〔' => '〕',
        _ => return None,
    };
    let end = s.find(close)?;
    let inner = open.len_utf8()..end;
    let after = &s[end + close.len_utf8()..];
    (!inner.is_empty() && after.trim_matches(is_indent).is_empty()).then_some(inner)
}

/// `volume_heading`'s number alone.
pub(super) fn volume_number(content: &str) -> Option<Option<u32>> {
    volume_heading(content).map(|(n, _)| n)
}
