//! Tests of the scan.

use super::*;

/// The fast paths give what the functions they stand before give.
#[test]
fn fast_paths_agree() {
    // Every non-ASCII punctuation mark is three bytes, and told by its bytes.
    for c in (0..0x11_0000).filter_map(char::from_u32) {
        let mut buf = [0u8; 4];
        let bytes = c.encode_utf8(&mut buf).as_bytes();
        match bytes {
            &[a, b, c3] => assert_eq!(is_punct_3([a, b, c3]), is_punct(c), "{c}"),
            _ => assert!(c.is_ascii() || !is_punct(c), "{c}"),
        }
    }
    // Every first character of the Han blocks before every branch and its variants
    // (夘, 戍 and 已 are read as 干支 characters), and every stem before them.
    let han: Vec<char> = ('\u{3400}'..='\u{9FFF}')
        .chain('\u{F900}'..='\u{FAFF}')
        .collect();
    let seconds: Vec<char> = ganzhi::BRANCHES
        .iter()
        .chain(&['夘', '戍', '已', '醜', '年'])
        .copied()
        .collect();
    for &a in &han {
        for &b in &seconds {
            let s = format!("{a}{b}年");
            assert_eq!(ganzhi_prefix(&s), ganzhi::parse_prefix(&s), "{s}");
        }
    }
    for a in ganzhi::STEMS.iter().chain(&['戍', '已', '巳']) {
        for &b in &han {
            let s = format!("{a}{b}");
            assert_eq!(ganzhi_prefix(&s), ganzhi::parse_prefix(&s), "{s}");
        }
    }
    // Every numeral character, alone, before 年, before another numeral, and after 元.
    let numeral_chars: Vec<char> = ('\u{3000}'..='\u{9FFF}')
        .chain(['元', '年', 'a'])
        .filter(|&c| numerals::is_numeral_char(c) || matches!(c, '元' | '年' | 'a'))
        .collect();
    for &a in &numeral_chars {
        for rest in ["", "年", "十年", "元", "二", "a", "有二年", "有餘年", "有"] {
            let s = format!("{a}{rest}");
            assert_eq!(numeral_prefix(&s), numerals::parse_prefix(&s), "{s}");
        }
    }
    assert_eq!(numeral_prefix(""), None);
    // Every dynasty's first character lets it through.
    for d in DYNASTIES {
        assert_eq!(
            dynasty_at(&format!("{d}天福二年")).map(|x| x.len()),
            DYNASTIES
                .iter()
                .find(|x| format!("{d}天福二年").starts_with(**x))
                .map(|x| x.len()),
            "{d}"
        );
    }
    const OLD: &str = "其是此次明前後后今去每數数累凡餘余越踰逾自至及居歷历經经又再閱阅不未已於于在以迄先初積积近當当即既計计共治享有凡隔閲离離距後逮洎比";
    for c in OLD.chars() {
        assert!(not_era_start(c), "{c}");
    }
    assert!(!not_era_start('天'));
    for h in ["元年", "天元年", "元元年", "改元", "元", "年元年"] {
        assert_eq!(find_yuannian(h.as_bytes()), h.find("元年"), "{h}");
    }
}

/// The two halves read exactly what one pass reads, wherever the split falls.
#[test]
fn halves_read_what_one_pass_reads() {
    let eras = EraTable::embedded();
    for text in [
        include_str!("../../../../tests/fixtures/books/qidan-guozhi-full.md"),
        include_str!("../../../../tests/fixtures/kanripo/xintangshu-benji.txt"),
        include_str!("../../../../tests/fixtures/books/mandoku-sample.txt"),
        include_str!("../../../../tests/fixtures/books/annotated-sample.txt"),
    ] {
        let format = super::super::detect_format(text);
        let (from, _, _) = super::super::front_matter(text, format);
        let columns = match format {
            Format::Mandoku => column_width(text, from),
            _ => None,
        };
        let punctuated = super::super::is_punctuated(&text[from..]);
        let first_lines_indented = columns.is_some_and(|w| first_lines_indented(text, from, w));
        let layout = Layout {
            format,
            columns,
            punctuated,
            first_lines_indented,
        };
        let one = flat(&scan_range(text, from, text.len(), from, layout, eras));
        let starts: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes())
            .map(|i| i + 1)
            .filter(|&i| i > from && i < text.len())
            .collect();
        // In lists of any length, the same events (a title found for the 卷 heading at
        // the end of the list before, a Kanripo header's notes at its start).
        for chunk in [1, 2, 3, 7, 64] {
            let parts = scan_range_in(text, from, text.len(), from, layout, eras, chunk);
            // (A long paragraph's events are in one part, however many: a part runs past
            // `chunk` only with the events of the line it ends with.)
            assert!(parts.iter().all(|p| {
                !p.events.is_empty()
                    && (p.events.len() <= chunk
                        || p.events[chunk - 1..]
                            .iter()
                            .all(|e| e.line_no == p.events[p.events.len() - 1].line_no))
            }));
            assert!(flat(&parts) == one, "lists of {chunk}");
        }
        for k in [1, 2, 3, 5, 8, 13, 50, 97] {
            let split = starts[starts.len() * k / 100];
            let two = scan_halves(text, from, split, layout, eras);
            assert_eq!(two.len(), one.len(), "split at byte {split}");
            assert!(flat(&two.parts) == one, "split at byte {split}");
            assert!(
                two.with_cands()
                    .zip(&one)
                    .all(|((e, c), o)| (blank(e), c.cloned()) == *o)
            );
            assert!((0..one.len()).all(|k| blank(&two[k]) == one[k].0));
        }
    }
}

/// A print line's height counts an interlinear note as its longer column, and `&KR…;`
/// as one character.
#[test]
fn print_line_height() {
    assert_eq!(visible_chars("燕獻公薨子孝公立"), 8);
    // 1 + max(5, 5) + 8: short, so it ends its paragraph.
    assert_eq!(
        visible_chars("疆(適郢元凱本/史記作石與)燕獻公薨子孝公立"),
        14
    );
    assert_eq!(visible_chars("(程/)"), 1);
    assert_eq!(visible_chars("名(音某)曰"), 4);
    assert_eq!(visible_chars("三十三年(癸&KR0407;"), 6);
    // A note the line leaves open runs to its end.
    assert_eq!(visible_chars("甲(乙丙/丁"), 3);
    assert_eq!(indent_chars("\u{3000}<pb:X>\u{3000}"), 2);
}

/// A year's label has no punctuation before its 年 (what `year_before_punct` lets a line
/// be refused by): no name in the era table has any, and no numeral is any.
#[test]
fn no_name_in_the_era_table_holds_punctuation() {
    let table = include_str!("../../../../assets/calendar/eras.tsv");
    for line in table.lines().filter(|l| !l.starts_with('#')) {
        for field in line.split('\t').filter(|f| f.chars().any(is_han)) {
            assert!(!field.chars().any(is_punct), "{line}");
        }
    }
    assert!(!"〇零一二三四五六七八九十百千廿卅元正".chars().any(is_punct));
    assert!(year_before_punct("乾統二年（壬午、1102）"));
    assert!(!year_before_punct("麻荅，太宗之从弟也。会同九年"));
}

/// A modern chronology's CE year before its reign years: `前806年，周宣王22年，…`.
#[test]
fn ce_led_headings() {
    use candidate::ce_year_prefix;
    assert_eq!(ce_year_prefix("前806年，"), Some((-806, "前806年".len())));
    assert_eq!(
        ce_year_prefix("公元前771年"),
        Some((-771, "公元前771年".len()))
    );
    assert_eq!(
        ce_year_prefix("１１１５年"),
        Some((1115, "１１１５年".len()))
    );
    // No year 0, none past the era table, no long numbers, 年 needed.
    for s in ["前0年", "1956年", "12345年", "前806", "806月"] {
        assert_eq!(ce_year_prefix(s), None, "{s}");
    }
    let eras = EraTable::embedded();
    let read = |s: &str| parse_candidate(s, 0, s.len(), eras);
    let c = read("前806年，周宣王22年，郑桓公元年").expect("a heading");
    assert_eq!(
        &"前806年，周宣王22年，郑桓公元年"[c.label.range()],
        "周宣王22年"
    );
    assert_eq!((c.ordinal, c.term), (22, Term::Strong));
    assert_eq!(c.annotation.map(|a| a.1), Some(Some(-806)));
    let line = "前770年，周平王元年，郑武公元年，";
    let c = read(line).expect("a heading");
    assert_eq!(
        (&line[c.label.range()], c.term),
        ("周平王元年", Term::Strong)
    );
    // The CE year alone, a sentence after it: a heading that opens a sentence.
    let c = read("前719年，宋公伐郑。").expect("a heading");
    assert_eq!((c.era, c.ordinal, c.term), (None, 0, Term::Pause));
    // A date in prose is not.
    assert_eq!(read("1115年10月1日，金太祖即位"), None);
}

/// A 卷 heading with its section's name run on, numbered as the 卷 is.
#[test]
fn volume_heading_with_numbered_section_run_on() {
    let line = "卷六前赵录六";
    let (n, title) = volume_heading(line).expect("a volume");
    assert_eq!((n, title.map(|r| &line[r])), (Some(6), Some("前赵录六")));
    // Not a sentence that begins with 卷 and a number, nor another number's section.
    assert_eq!(volume_heading("卷六前赵录七"), None);
    assert_eq!(volume_heading("卷六言其事甚详十"), None);
}

/// A 卷 heading with the author and the section run on, the section numbered with or
/// without 第.
#[test]
fn volume_heading_with_credits_and_section() {
    for line in [
        "皇王大纪卷四十四　　　　宋　胡宏　撰三王纪",
        "东都事略卷二　　　　　宋　王　称　撰本纪二",
        "南唐书卷一　　宋　陆游　撰烈祖本纪第一",
    ] {
        assert!(
            volume_heading(line).is_some_and(|(n, _)| n.is_some()),
            "{line}"
        );
    }
}

/// A year's number with 有 between its tens and units (`十有二年春`, as 春秋 and the
/// 通鑑前編 write them) is one number, at a line's start as anywhere.
#[test]
fn you_in_a_years_number() {
    assert_eq!(numeral_year("十有二年春"), Some((12, "十有二年".len())));
    assert_eq!(numeral_year("二十有一年"), Some((21, "二十有一年".len())));
    assert_eq!(numeral_year("十有餘年"), None);
    let c =
        crate::model::Chronicle::parse("建安十有二年春，正月。\n十有三年春，公至。\n".to_owned());
    let years: Vec<_> = c.entries.iter().map(|e| (e.year, e.ce)).collect();
    assert_eq!(years, [(12, Some(207)), (13, Some(208))]);
}

/// `e` with its candidate's index left out (the same events in parts cut elsewhere have
/// other indices).
fn blank<'e>(e: &LineEvent<'e>) -> LineEvent<'e> {
    match e.event {
        Event::Cand(_) => LineEvent {
            event: Event::Cand(0),
            ..e.clone()
        },
        _ => e.clone(),
    }
}

/// The events of `parts` in order, each with its candidate, indices left out.
fn flat<'e>(parts: &[Part<'e>]) -> Vec<(LineEvent<'e>, Option<Cand<'e>>)> {
    parts
        .iter()
        .flat_map(|p| p.events.iter().map(move |e| (blank(e), p.cand(e).cloned())))
        .collect()
}

/// A line's event takes 64 bytes (its candidate, if any, kept apart).
#[cfg(target_pointer_width = "64")]
#[test]
fn event_size() {
    assert_eq!(std::mem::size_of::<LineEvent<'_>>(), 64);
}

/// A year inside a Kanripo 夾注, opened on its line or run on from the line before, is
/// inside it; one after the note closes is not.
#[test]
fn years_inside_interlinear_notes() {
    let at = |line: &str| line.find("八年").unwrap();
    for inside in [
        "(宗實録八年正月頡利可汗死)",
        "宗實録八年正月頡利可汗死)",
        "甲(乙/丙八年正月)",
    ] {
        assert!(in_brackets(inside, at(inside), '(', ')'), "{inside}");
    }
    for outside in ["八年正月帝欲分遣(本紀)", "(本紀)八年正月", "臣曰八年正月"]
    {
        assert!(!in_brackets(outside, at(outside), '(', ')'), "{outside}");
    }
}

/// The bracket index built once per line answers as a search back and forth from each
/// position does, at every character of lines with notes opened, closed, run on and nested.
#[test]
fn bracket_index_agrees_with_a_search_from_each_position() {
    fn searched(content: &str, at: usize, open: char, close: char) -> bool {
        let (before, after) = content.split_at(at);
        match (before.rfind(open), before.rfind(close)) {
            (Some(o), c) => c.is_none_or(|c| c < o),
            (None, Some(_)) => false,
            (None, None) => match (after.find(close), after.find(open)) {
                (Some(close), open) => open.is_none_or(|o| close < o),
                (None, _) => false,
            },
        }
    }
    for line in [
        "元年【稽古録称共和九年】晋靖侯薨二年",
        "共和九年】晋靖侯薨【又】三年",
        "甲【乙【丙】丁】戊",
        "】】【【",
        "無注之行",
        "",
    ] {
        let index = Brackets::new(line, '【', '】');
        for (at, _) in line.char_indices().chain([(line.len(), ' ')]) {
            assert_eq!(
                index.contains(at),
                searched(line, at, '【', '】'),
                "{line} at byte {at}"
            );
        }
    }
}

/// An edition set without ¶ whose full print lines are 27 or 28 characters wide (a pause
/// mark more or less) has columns of 28; one with ¶ needs one width for a third of its lines.
#[test]
fn column_width_of_a_print_without_pilcrows() {
    let mut text = String::new();
    for k in 0..12 {
        text.push_str(&"天".repeat(if k % 2 == 0 { 27 } else { 28 }));
        text.push('\n');
    }
    text.push_str("短行\n");
    assert_eq!(column_width(&text, 0), Some(28));
    let mut with_pilcrows = String::new();
    for k in 0..12 {
        with_pilcrows.push_str(&"天".repeat(if k % 3 == 0 { 28 } else { 27 }));
        with_pilcrows.push_str("¶\n");
    }
    assert_eq!(column_width(&with_pilcrows, 0), Some(27));
    let mut uneven = String::new();
    for k in 0..12 {
        uneven.push_str(&"天".repeat(10 + 2 * k));
        uneven.push_str("¶\n");
    }
    assert_eq!(column_width(&uneven, 0), None);
}

/// A comment's or a speech's opening before a year is no era the table does not know
/// (元史續編's `○评曰元年十一月盗入太庙…`, a comment on 泰定元年): no candidate; a name
/// the table lacks, written as an era is, still is one.
#[test]
fn a_comments_opening_is_no_unknown_era() {
    let eras = EraTable::embedded();
    let read = |s: &str| parse_candidate(s, 0, s.len(), eras);
    for s in ["评曰元年十一月盗入太庙", "論曰二年春", "史臣云三年"] {
        assert!(
            read(s).is_none_or(|c| c
                .era
                .is_none_or(|(sp, _)| !s[sp.range()].ends_with(['曰', '云']))),
            "{s}"
        );
    }
    let c = read("肇興二年春正月").expect("an unknown era's year");
    assert_eq!(
        c.era.map(|(sp, _)| &"肇興二年春正月"[sp.range()]),
        Some("肇興")
    );
}

/// A section line whose title names two reigns apart by a blank (魏書 daizhige:
/// `帝纪第四 世祖纪下　宗纪`) is a section line; a date after the number is not.
#[test]
fn section_line_with_a_blank_in_its_title() {
    assert!(is_section_line("帝纪第四 世祖纪下　宗纪"));
    assert!(is_section_line("帝纪第五 高宗纪"));
    assert!(!is_section_line("世家二十年　春"));
}

#[test]
fn annotation_years_in_any_digits() {
    assert_eq!(candidate::annotation_year("公元1820年"), Some(1820));
    assert_eq!(candidate::annotation_year("公元一八二一年"), Some(1821));
    // A full-width zero among Chinese digits (鏡湖自撰年譜: `（公元一八二０年）`).
    assert_eq!(candidate::annotation_year("公元一八二０年"), Some(1820));
    assert_eq!(candidate::annotation_year("公元一八四０年"), Some(1840));
    assert_eq!(candidate::annotation_year("公元9年"), Some(9));
}

/// A 年號's year run on in unpunctuated prose with nothing after it: its 元年 after any text
/// but a proclamation's 為 or a date's 至; a later year likewise; none at the line's start.
#[test]
fn run_on_years_of_an_era() {
    let eras = EraTable::embedded();
    let read = |line: &str| {
        let at = line.rfind('年').unwrap();
        run_on_first_year(line, 0, line.len(), at, eras)
            .map(|c| (line[c.label.range()].to_owned(), c.ordinal, c.seasonless))
    };
    assert_eq!(
        read("其弟遷立大順元年"),
        Some(("大順元年".to_owned(), 1, true))
    );
    assert_eq!(
        read("堅黙然白雀元年"),
        Some(("白雀元年".to_owned(), 1, true))
    );
    assert_eq!(
        read("走及奔馬皇始五年"),
        Some(("皇始五年".to_owned(), 5, true))
    );
    assert_eq!(read("改壽光三年為永興元年"), None);
    assert_eq!(read("自至太元元年"), None);
    assert_eq!(read("建元元年"), None);
    // (A ruler's years are another rule's: `襄公元年`.)
    assert_eq!(read("代立襄公元年"), None);
}

/// The characters between 年 and 仍稱 (or the like) before it, read on into the end of the
/// print line before; none where the verb is not there or has no 仍, 猶, 尚 or 復 before it.
#[test]
fn kept_before_reads_into_the_line_before() {
    let at = |s: &str| s.rfind('年').unwrap();
    let line = "乃仍稱天復五年";
    assert_eq!(kept_before(line.as_bytes(), at(line), b""), Some(3));
    let line = "梁封晉王稱天復五年";
    assert_eq!(kept_before(line.as_bytes(), at(line), b""), None);
    // `…克用復稱天祐四¶` / `年五年正月…`
    let prev = "州軍于亂栁冬克用疾是嵗梁滅唐克用復稱天祐四";
    assert_eq!(kept_before("年".as_bytes(), 0, prev.as_bytes()), Some(3));
    assert_eq!(kept_before("年".as_bytes(), 0, b""), None);
}

/// The year's 干支 said in its own clause after it (`元年，岁在庚子。`), not a 干支 run on
/// into other words.
#[test]
fn sui_zai_clause() {
    let gengzi = crate::model::ganzhi::index('庚', '子');
    assert_eq!(candidate::sui_zai("，岁在庚子。先是，西部内侵"), gengzi);
    assert_eq!(candidate::sui_zai("，歲次庚子，"), gengzi);
    assert_eq!(candidate::sui_zai("，岁在庚子年"), None);
    assert_eq!(candidate::sui_zai("岁在庚子。"), None);
}

#[test]
fn ordinal_start_takes_you_between_ten_and_a_digit() {
    assert_eq!(ordinal_start("楚)十有一"), Some("楚)".len()));
    assert_eq!(ordinal_start("立二十有三"), Some("立".len()));
    // (Not 有 after a digit, nor a run that opens with 有.)
    assert_eq!(ordinal_start("三有一"), Some("三有".len()));
    assert_eq!(ordinal_start("所有一"), Some("所有".len()));
    assert_eq!(ordinal_start("元"), None);
    assert_eq!(ordinal_start("年"), None);
    assert!(is_approximate("一二") && is_approximate("三四"));
    assert!(!is_approximate("一三") && !is_approximate("十二") && !is_approximate("二三四"));
}

/// A Kanripo 卷's title line numbered with no 卷 is its heading; a line of prose is not.
#[test]
fn numbered_title_lines() {
    assert_eq!(
        numbered_title_line("春秋公羊經傳解詁僖公第五"),
        Some((5, "春秋公羊經傳解詁僖公第五".len()))
    );
    let note = "春秋經傳集解&KR0074;公第二(釋文&KR0074;公名軌/仲子)";
    assert_eq!(
        numbered_title_line(note),
        Some((2, "春秋經傳集解&KR0074;公第二".len()))
    );
    for prose in [
        "元年春王正月公何以不言即位",
        "第五",
        "其次第五",
        "臣光曰、第五",
    ] {
        assert_eq!(numbered_title_line(prose), None, "{prose}");
    }
}
