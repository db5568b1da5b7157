//! The command line, run as a user runs it: every command, every YEAR form, bad arguments,
//! exit statuses (0 found, 1 nothing found, 2 error) and error messages.

use crate::harness::{FIXTURES, TempDir, annals, annals_stdin, fixture, stderr, stdout};

#[test]
fn list_embedded() {
    let o = annals(&["list"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 18);
    assert!(lines[0].starts_with("乾統元年   1101"), "{}", lines[0]);
    assert!(lines[0].contains("春正月朔，有流星燭地"));
    assert!(
        lines[1].starts_with("乾統二年   1102      0字"),
        "{}",
        lines[1]
    );
    assert!(lines[17].starts_with("天慶八年   1118"));
    insta::assert_snapshot!("list_embedded", out);
}

#[test]
fn list_whole_book_has_volume_column() {
    let o = annals(&["list", &fixture("books/qidan-guozhi-full.md")]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 215);
    assert!(out.lines().next().unwrap().starts_with("卷一"));
    assert!(out.contains("丙子神册元年"));
}

#[test]
fn show_every_year_form() {
    for year in [
        "天慶五年",
        "天庆五年",
        "1115",
        "天慶5",
        "天庆5",
        "乙未",
        "天慶五年。",
        "１１１５",
        "政和五年",
    ] {
        let o = annals(&["show", year, "--width", "40"]);
        assert_eq!(o.status.code(), Some(0), "{year}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(
            out.starts_with("天慶五年 · 1115 · 乙未 · 遼 天祚帝\n\n"),
            "{year}: {out}"
        );
    }
    // A bare number is a year of the first entry's era.
    let o = annals(&["show", "5", "--width", "40"]);
    assert!(stdout(&o).starts_with("乾統五年 · 1105"));
}

#[test]
fn show_lays_out_by_width_with_kinsoku() {
    for width in ["7", "20", "33", "80"] {
        let o = annals(&["show", "乾統五年", "--width", width]);
        assert_eq!(o.status.code(), Some(0));
        let w: usize = width.parse().unwrap();
        let out = stdout(&o);
        for line in out.lines().skip(2) {
            let cols = annals::layout::str_width(line);
            assert!(cols <= w, "width {w}: {line:?} is {cols} columns");
            for bad in ['。', '，', '、', '；', '：', '？', '！', '」', '』'] {
                assert!(
                    !line.trim_start().starts_with(bad),
                    "width {w}: {line:?} starts with {bad}"
                );
            }
            assert!(!line.ends_with('「'), "width {w}: {line:?}");
        }
        // Nothing is lost: the text comes back without the layout's spaces and breaks.
        let joined: String = out.lines().skip(2).collect::<String>().replace(' ', "");
        assert!(joined.contains("仰首曰：「夏人數寇邊"), "width {w}");
    }
    insta::assert_snapshot!(
        "show_1106_width_30",
        stdout(&annals(&["show", "1106", "--width", "30"]))
    );
}

#[test]
fn show_empty_year_and_twice_written_years() {
    let o = annals(&["show", "乾統二年", "-w", "40"]);
    assert_eq!(
        stdout(&o),
        "乾統二年 · 1102 · 壬午 · 遼 天祚帝\n\n    乾統二年。\n"
    );
    // 丙戌天赞六年 is written at the end of 卷一 and at the start of 卷二: both are shown.
    let o = annals(&[
        "show",
        "926",
        &fixture("books/qidan-guozhi-full.md"),
        "-w",
        "60",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.starts_with("卷一 太祖大圣皇帝 · 丙戌天赞六年 · 926? · 丙戌 (table: 927)"),
        "{out}"
    );
    assert!(out.contains("\n卷二 太宗嗣圣皇帝上 · 丙戌天赞六年 · 926"));
    // The year taken from the book's 干支 against the table, past the era's end: marked.
    assert!(out.contains("遼 太祖"));
}

#[test]
fn show_errors() {
    let o = annals(&["show", "1300"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "annals: no entry for 1300; this text covers 1101–1118\n"
    );
    let o = annals(&["show", "天慶九年"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no entry for 天慶九年 (1119)"));
    let o = annals(&["show", "hello"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("'hello' is not a year"));
    let o = annals(&["show", "某某五年"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown era '某某'"));
    // A file where the year goes: the message says the year comes first.
    let seed = fixture("books/seed.txt");
    let o = annals(&["show", &seed]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`show` takes the year first"),
        "{}",
        stderr(&o)
    );
    let o = annals(&["show", "1115", "--width", "0"]);
    assert_eq!(o.status.code(), Some(2));
    let o = annals(&["show"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Usage"));
}

#[test]
fn search_counts_and_context() {
    let o = annals(&["search", "阿骨打", "--count"]);
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(0), "19\n"));
    let o = annals(&["search", "天庆", "-c"]);
    assert_eq!(stdout(&o), "8\n");
    let o = annals(&["search", "天庆", "-c", "--exact"]);
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(1), "0\n"));
    let o = annals(&["search", "萧奉先", "-c"]);
    assert_eq!(stdout(&o), "10\n");
    let o = annals(&["search", "女真", "-c"]);
    assert_eq!(stdout(&o), "65\n");
    let o = annals(&["search", "天慶[一二三]年", "--regex", "-c"]);
    assert_eq!(stdout(&o), "2\n");
    let o = annals(&["search", "阿骨打"]);
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 19);
    assert!(
        out.lines().next().unwrap().starts_with("乾統元年   1101  "),
        "{out}"
    );
    assert!(out.contains("【阿骨打】"));
    insta::assert_snapshot!(
        "search_xiao_fengxian",
        stdout(&annals(&["search", "萧奉先"]))
    );
}

#[test]
fn search_json_spans_point_into_the_text() {
    let o = annals(&["search", "萧奉先", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let hits: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 10);
    let text = annals::model::EMBEDDED_TEXT;
    for h in hits {
        let (s, e) = (
            h["start"].as_u64().unwrap() as usize,
            h["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], "蕭奉先");
        assert_eq!(h["text"], "蕭奉先");
        assert!(h["context"].as_str().unwrap().contains("蕭奉先"));
        assert!(h["label"].as_str().unwrap().starts_with("天慶"));
        assert!(h["ce"].as_i64().unwrap() >= 1112);
    }
}

#[test]
fn search_errors_and_nothing_found() {
    let o = annals(&["search", "不存在的詞"]);
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(1), ""));
    let o = annals(&["search", "(", "--regex"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("annals: "), "{}", stderr(&o));
    let o = annals(&["search", "a", "--exact", "--regex"]);
    assert_eq!(o.status.code(), Some(2));
    let huge = "阿".repeat(30_000);
    let o = annals(&["search", &huge, "-c"]);
    assert_eq!(o.status.code(), Some(1));
    // An empty query is an error, not a search that finds nothing (trial 3, item 8).
    let o = annals(&["search", "", "-c"]);
    assert_eq!(o.status.code(), Some(2));
    // The file first and the query second: taken as meant, as `show` takes it.
    let book = "tests/fixtures/books/seed.txt";
    let swapped = annals(&["search", book, "阿骨打"]);
    let meant = annals(&["search", "阿骨打", book]);
    assert_eq!(swapped.status.code(), Some(0), "{}", stderr(&swapped));
    assert_eq!(stdout(&swapped), stdout(&meant));
    assert!(stdout(&meant).contains("阿骨打"));
    // (A query that is no file, after a file that does not exist: that file is missing.)
    let o = annals(&["search", "no-such-book.txt", "阿骨打"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn export_json_shape() {
    let o = annals(&["export", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["title"], "契丹國志 卷十 天祚皇帝上");
    assert_eq!(v["author"], "葉隆禮");
    assert!(v["volumes"].as_array().unwrap().is_empty());
    let entries = v["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 18);
    let text = annals::model::EMBEDDED_TEXT;
    for e in entries {
        let (s, end) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(e["text"].as_str().unwrap(), &text[s..end]);
        for key in ["label", "era", "year", "ce", "ganzhi", "marks"] {
            assert!(e.get(key).is_some(), "missing {key}");
        }
        for m in e["marks"].as_array().unwrap() {
            let (ms, me) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(m["text"].as_str().unwrap(), &text[ms..me]);
        }
    }
    assert_eq!(entries[5]["label"], "乾統六年");
    assert_eq!(entries[5]["ce"], 1106);
    assert_eq!(entries[5]["parallels"][0]["text"], "宋崇寧五年");
    // The year's 干支 whether or not the heading writes one.
    assert_eq!(entries[5]["ganzhi"], serde_json::Value::Null);
    assert_eq!(entries[5]["year_ganzhi"], "丙戌");
    // The era as written, and its standard name: 宋書's `大眀` is 大明.
    let o = annals(&[
        "export",
        "--json",
        &fixture("segment/kanripo-day-after-number.txt"),
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let damin = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["label"] == "大眀元年")
        .expect("大眀元年");
    assert_eq!(damin["era"], "大眀");
    assert_eq!(damin["era_standard"], "大明");
    assert_eq!(damin["ce"], 457);
    // Volumes of a whole book.
    let o = annals(&["export", "--json", &fixture("books/qidan-guozhi-full.md")]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let vols = v["volumes"].as_array().unwrap();
    assert_eq!(vols.len(), 27);
    assert_eq!(vols[0]["title"], "卷一 太祖大圣皇帝");
    assert!(vols[0]["start"].as_u64().unwrap() < vols[0]["end"].as_u64().unwrap());
    // Each entry's notes: what its markers point to, spans into the text.
    let book = std::fs::read_to_string(fixture("books/qidan-guozhi-full.md")).unwrap();
    let entries = v["entries"].as_array().unwrap();
    let notes = entries[1]["notes"].as_array().unwrap();
    let numbers: Vec<u64> = notes
        .iter()
        .map(|n| n["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, [5, 6, 7, 8, 9, 10]);
    for n in entries.iter().flat_map(|e| e["notes"].as_array().unwrap()) {
        let (s, e) = (n["start"].as_u64().unwrap(), n["end"].as_u64().unwrap());
        assert_eq!(n["text"].as_str().unwrap(), &book[s as usize..e as usize]);
    }
    assert!(entries[0]["notes"].as_array().unwrap().is_empty());
    // --json is required.
    assert_eq!(annals(&["export"]).status.code(), Some(2));
}

#[test]
fn check_reports() {
    let o = annals(&["check"]);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!("check_embedded", stdout(&o));
    let o = annals(&["check", &fixture("books/qidan-guozhi-full.md")]);
    let out = stdout(&o);
    assert!(out.contains("volumes: 27 (12 with year entries"));
    assert!(out.contains("entries: 215, CE 916–1124"));
    assert!(out.contains("干支 辛巳 is 921, but the era table puts 天贊元年 in 922"));
    assert!(out.contains("repeats the year of 丙戌天赞六年 at line 78"));
    let o = annals(&["check", &fixture("segment/unknown-era.txt")]);
    assert!(stdout(&o).contains("unknown eras: 肇興"));
    let o = annals(&["check", &fixture("segment/only-newlines.txt")]);
    assert_eq!(o.status.code(), Some(1), "no entries found");
}

/// An entry many times the others' length beside a gap in the years is named: years the
/// text writes in a way not read may be inside it.
#[test]
fn check_names_a_long_entry_beside_a_gap() {
    let t = TempDir::new("check-long");
    let long = "事".repeat(2000);
    let f = t.file(
        "long.txt",
        format!(
            "乾統元年。春。\n乾統二年。夏。\n乾統三年。{long}\n乾統八年。秋。\n乾統九年。冬。\n"
        )
        .as_bytes(),
    );
    let out = stdout(&annals(&["check", &f]));
    assert!(
        out.contains(
            "long entries beside a gap (years inside them may not have been read as headings): 1"
        ),
        "{out}"
    );
    assert!(
        out.contains("乾統三年 (1103): 2006字") && out.contains("4 years missing beside it"),
        "{out}"
    );
}

/// A year dropped for want of the 干支 the book's other years carry is said, not lost in
/// silence (稼軒先生年譜's first years, their 干支 taken away).
#[test]
fn check_says_why_a_year_without_its_ganzhi_is_no_heading() {
    let text = std::fs::read_to_string(fixture("segment/ganzhi-after-note.txt")).unwrap();
    let stripped = text
        .replace(" 【 金正隆三年】 戊寅", " 【 金正隆三年】")
        .replace(" 【 金正隆四年】 己卯", " 【 金正隆四年】");
    let dir = TempDir::new("cli-ganzhi-wanted");
    let path = dir.file("jiaxuan.md", stripped.as_bytes());
    let out = stdout(&annals(&["check", &path]));
    assert!(
        out.contains(
            "绍兴二十八年: read as a date, not a heading: this book's years carry their 干支"
        ),
        "{out}"
    );
}

/// A line that opens as a year heading does but was not read as one is listed with what
/// its name is (an era or ruler the table lacks, or one it has, read as a date); a line
/// restating its entry's year is not.
#[test]
fn check_lists_lines_that_open_like_an_unread_heading() {
    let dir = TempDir::new("cli-unread-openings");
    let path = dir.file(
        "unread.txt",
        "建武元年春正月，帝即位。\n○元年，春正月，大赦。\n肇慶王二年春正月，城某。\n\
         二年夏四月，大旱。\n以明年為建武三年，詔曰可。\n"
            .as_bytes(),
    );
    let out = stdout(&annals(&["check", &path]));
    assert!(
        out.contains("lines that open like a year heading, not read as one: 2"),
        "{out}"
    );
    assert!(
        out.contains(
            "line 3: 肇慶王二年春正月，城某。… (no era or ruler `肇慶王` in the era table)"
        ),
        "{out}"
    );
}

#[test]
fn file_and_stdin_sources() {
    let seed = std::fs::read(fixture("books/seed.txt")).unwrap();
    let o = annals_stdin(&["list", "-"], Some(&seed));
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), stdout(&annals(&["list"])));
    for enc in [
        "seed.gb18030.txt",
        "seed.big5.txt",
        "seed.utf16le.txt",
        "seed.utf16be.txt",
    ] {
        let o = annals(&["list", &fixture(&format!("encodings/{enc}"))]);
        assert_eq!(o.status.code(), Some(0), "{enc}: {}", stderr(&o));
        assert_eq!(stdout(&o).lines().count(), 18, "{enc}");
    }
    let o = annals(&[
        "list",
        "--encoding",
        "big5",
        &fixture("encodings/seed.big5.txt"),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let o = annals(&["list", "--encoding", "klingon", &fixture("books/seed.txt")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown encoding 'klingon'"));
}

#[test]
fn hostile_files() {
    let dir = TempDir::new("cli-hostile");
    let o = annals(&["list", "/nonexistent/annals.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "annals: /nonexistent/annals.txt: no such file\n"
    );
    let o = annals(&["list", &dir.path().to_string_lossy()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is a directory"));
    let bin = dir.file(
        "bin.dat",
        &[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0xfe],
    );
    let o = annals(&["list", &bin]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("binary") && stderr(&o).contains("byte"),
        "{}",
        stderr(&o)
    );
    let empty = dir.file("empty.txt", b"");
    let o = annals(&["list", &empty]);
    assert_eq!(o.status.code(), Some(1));
    // One stray byte: read, with a warning naming the offset.
    let mut seed = std::fs::read(fixture("books/seed.txt")).unwrap();
    // Byte 3001 starts a character (the seed's first 3000 bytes are 1000 CJK characters).
    assert!(std::str::from_utf8(&seed[..3001]).is_ok());
    seed.insert(3001, 0xff);
    let stray = dir.file("stray.txt", &seed);
    let o = annals(&["list", &stray]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("warning") && stderr(&o).contains("at byte 3001"),
        "{}",
        stderr(&o)
    );
    // Never a panic or a backtrace.
    for o in [
        annals(&["list", &bin]),
        annals(&["show", "x"]),
        annals(&["--bogus"]),
    ] {
        assert!(!stderr(&o).contains("panicked"));
        assert!(!stderr(&o).contains("internal error"));
        assert!(!stderr(&o).contains("RUST_BACKTRACE"));
    }
}

#[test]
fn usage_and_version() {
    let o = annals(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    for cmd in ["list", "show", "search", "export", "check", "date"] {
        assert!(out.contains(cmd), "{cmd}");
    }
    assert_eq!(annals(&["--version"]).status.code(), Some(0));
    assert_eq!(
        annals(&["frobnicate", "extra", "args"]).status.code(),
        Some(2)
    );
    assert_eq!(annals(&["list", "a", "b"]).status.code(), Some(2));
}

/// `search --count` takes a shortcut (the file mapped, no segmentation, no reading view
/// where it would find the same): its count must be the number of hits `search --json`
/// lists, for every layout family, encoding and way in.
#[test]
fn search_count_agrees_with_the_listed_hits() {
    let files = [
        "books/qidan-guozhi-full.md",
        "books/mandoku-sample.txt",
        "books/annotated-sample.txt",
        "encodings/seed.gb18030.txt",
        "encodings/seed.utf16le.txt",
        "encodings/seed.utf8bom.txt",
        "segment/controls.txt",
        "segment/empty.txt",
    ];
    for file in files {
        let path = format!("{FIXTURES}/{file}");
        for (query, extra) in [
            ("阿骨打", None),
            ("天庆", None),
            ("天慶", Some("--exact")),
            ("[一", None),
            ("年", None),
            ("遼.", Some("--regex")),
        ] {
            let mut args = vec!["search", query, &path];
            args.extend(extra);
            let listed = annals(&[args.as_slice(), &["--json"]].concat());
            if listed.status.code() == Some(2) {
                // Refused (binary data): refused the same way when counting.
                let counted = annals(&[args.as_slice(), &["--count"]].concat());
                assert_eq!(counted.status.code(), Some(2), "{file}");
                assert_eq!(stderr(&counted), stderr(&listed), "{file}");
                continue;
            }
            let hits: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
            let n = hits.as_array().map_or(0, Vec::len);
            let counted = annals(&[args.as_slice(), &["--count"]].concat());
            assert_eq!(stdout(&counted), format!("{n}\n"), "{file}: {args:?}");
            assert_eq!(counted.status.code(), Some(if n > 0 { 0 } else { 1 }));
            // Standard input is read, not mapped: the same count.
            let bytes = std::fs::read(&path).unwrap();
            let mut args = vec!["search", query, "-", "--count"];
            args.extend(extra);
            assert_eq!(stdout(&annals_stdin(&args, Some(&bytes))), format!("{n}\n"));
        }
    }
    let o = annals(&["search", "-c", "年", FIXTURES]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("directory"), "{}", stderr(&o));
    let o = annals(&["search", "-c", "年", "/no/such/file"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn show_prints_the_notes_an_entry_points_to() {
    let book = format!("{FIXTURES}/books/qidan-guozhi-full.md");
    let out = stdout(&annals(&["show", "917", &book, "--width", "70"]));
    let text_at = out
        .find("为小校宫彦璋谋杀[五]")
        .expect("the marker, unescaped");
    let notes_at = out.find("校勘记").expect("the notes heading");
    let note_at = out
        .find("[五]为小校宫彦璋谋杀　「宫」原作「宦」")
        .expect("note 五");
    assert!(text_at < notes_at && notes_at < note_at, "{out}");
    assert!(out.contains("[一○]幽州北七百里有渝关"), "{out}");
    // Only the notes this entry points to: 916's are elsewhere, 918 has none.
    assert!(!out.contains("[四]"), "{out}");
    let out = stdout(&annals(&["show", "918", &book]));
    assert!(!out.contains("校勘"), "{out}");
}

#[test]
fn a_year_named_only_by_a_dated_passage_is_pointed_to() {
    let book = format!("{FIXTURES}/books/qidan-guozhi-full.md");
    let o = annals(&["show", "1180", &book]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("no entry for 1180; this text covers 916–1124"),
        "{err}"
    );
    assert!(
        err.contains("淳熙七年 (1180) is a dated passage in 序, line 22"),
        "{err}"
    );
    let line = std::fs::read_to_string(&book)
        .unwrap()
        .lines()
        .nth(21)
        .unwrap()
        .to_owned();
    assert!(line.contains("淳熙七年三月日"), "{line}");
}

/// Issue 13: `annals date` both ways, with the published values.
#[test]
fn date_converts_both_ways_issue_13() {
    let o = annals(&["date", "天慶八年五月壬午"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).lines().next().unwrap(),
        "1118-05-22 Julian · 1118-05-29 Gregorian · JDN 2129549 · 遼 天慶八年五月初一日 壬午"
    );
    let o = annals(&["date", "1118-05-22"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "1118-05-22 Julian · 1118-05-29 Gregorian · JDN 2129549 · 壬午"
    );
    assert!(lines.contains(&"北宋 政和八年五月初一日 壬午"), "{out}");
    assert!(lines.contains(&"遼 天慶八年五月初一日 壬午"), "{out}");
    // Each Chinese line reads back to the day, given as one argument or as words.
    for line in &lines[1..] {
        let words: Vec<&str> = std::iter::once("date").chain(line.split(' ')).collect();
        let o = annals(&words);
        assert_eq!(o.status.code(), Some(0), "{line}: {}", stderr(&o));
        assert!(
            stdout(&o).contains("JDN 2129549 · "),
            "{line}: {}",
            stdout(&o)
        );
    }
    for (q, start) in [
        ("重和元年正月甲申朔", "1118-01-24 Julian"),
        ("宣和元年正月戊申朔", "1119-02-12 Julian"),
        ("建安元年", "0196-"),
        ("貞觀元年正月", "0627-01-23 – 0627-02-20 Julian"),
    ] {
        let o = annals(&["date", q]);
        assert_eq!(o.status.code(), Some(0), "{q}: {}", stderr(&o));
        assert!(stdout(&o).starts_with(start), "{q}: {}", stdout(&o));
    }
    // BCE days (a leading minus is not an option), and --gregorian.
    let o = annals(&["date", "-0103-11-14"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("西漢 太初元年十月初一日 戊子"));
    for args in [
        ["date", "--gregorian", "1118-05-29"],
        ["date", "1118-05-29", "-g"],
        ["date", "-g", "1118-05-29"],
    ] {
        let o = annals(&args);
        assert!(
            stdout(&o).starts_with("1118-05-22 Julian"),
            "{args:?}: {}",
            stdout(&o)
        );
    }
    let o = annals(&["date", "--json", "遼天慶八年五月壬午"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[0]["julian"], "1118-05-22");
    assert_eq!(v[0]["gregorian"], "1118-05-29");
}

/// Exit 1 with the reason when the date does not exist; 2 when it is not a date.
#[test]
fn date_that_does_not_exist_exits_1() {
    let o = annals(&["date", "遼天慶八年五月乙卯"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    assert!(err.contains("乙卯 is not a day of 遼 1118 五月"), "{err}");
    assert!(err.contains("日干支誤"), "{err}");
    let o = annals(&["date", "1582-10-10"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("Gregorian reform"));
    for q in ["hello", "某某五年", "1118-13-01"] {
        let o = annals(&["date", q]);
        assert_eq!(o.status.code(), Some(2), "{q}");
        assert!(stderr(&o).starts_with("annals: "), "{q}");
    }
    assert_eq!(annals(&["date"]).status.code(), Some(2));
}

/// Issue 13: every mark is dated in the export, and `check` lists the day 干支 that
/// cannot fall in their month.
#[test]
fn marks_are_dated_in_export_and_checked_issue_13() {
    let o = annals(&["export", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let entries = v["entries"].as_array().unwrap();
    let last = entries.last().unwrap();
    let marks = last["marks"].as_array().unwrap();
    let find = |text: &str| marks.iter().find(|m| m["text"] == text).unwrap();
    let m = find("五月壬午朔");
    assert_eq!(m["jdn"], 2_129_549);
    assert_eq!(m["julian"], "1118-05-22");
    assert_eq!(m["gregorian"], "1118-05-29");
    assert_eq!(m["calendar"], "遼");
    assert!(m["month_start"].is_null());
    let m = find("春正月");
    assert_eq!(m["month_start"], "1118-01-24");
    assert_eq!(m["month_end"], "1118-02-21");
    assert!(m["jdn"].is_null());
    // Every mark of the seed naming a month or a day has a date.
    for e in entries {
        for m in e["marks"].as_array().unwrap() {
            assert!(m["undated"].is_null(), "{m}");
        }
    }
    let o = annals(&["check", &fixture("dates/ganzhi-errors.txt")]);
    let out = stdout(&o);
    assert!(
        out.contains(
            "day 干支 not in their month (日干支誤): 1; other disagreements with the calendar: 2"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "ganzhi-errors.txt:4: warning: 乙卯 (天慶八年): 乙卯 is not a day of 遼 1118 五月 \
         (壬午朔 to 辛亥晦, 1118-05-22 – 1118-06-20) (日干支誤); nearest: 1118 六月初四日 \
         (1118-06-24), 4 day(s) after its 晦 (byte 228)"
        ),
        "{out}"
    );
    assert!(
        out.contains(":5: warning: 閏三月 (天慶八年): 遼 has no 閏三月 in 1118"),
        "{out}"
    );
    assert!(
        out.contains("the 朔 of 遼 1118 六月 is 壬子 (1118-06-21), not 癸丑"),
        "{out}"
    );
    // The whole 契丹國志: every dateable mark dated, no day 干支 out of its month.
    let o = annals(&["check", &fixture("books/qidan-guozhi-full.md")]);
    let out = stdout(&o);
    assert!(
        out.contains("dated marks: 357 of 357 naming a month or a day (110 to the day"),
        "{out}"
    );
    assert!(
        out.contains("day 干支 not in their month (日干支誤): 0;"),
        "{out}"
    );
}

/// Issue 12, item 8: a reader that stops reading (`| head`) ends every command quietly,
/// with status 0, even when the error reaches main wrapped (`writing JSON: Broken pipe`).
#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    // Far more output than a pipe holds (64 KiB), so the writer meets the closed end.
    let dir = TempDir::new("cli-pipe");
    let book = std::fs::read(fixture("books/qidan-guozhi-full.md")).unwrap();
    let big = dir.file("big.md", &book.repeat(5));
    let long_year = format!("乾統元年。{}\n", "春正月，如混同江。".repeat(10_000));
    let long = dir.file("long.txt", long_year.as_bytes());
    for args in [
        &["export", "--json", &big][..],
        &["list", &big],
        &["show", "1101", &long],
        &["search", "年", &big],
        &["search", "年", "--json", &big],
        &["check", &big],
    ] {
        let o = crate::harness::annals_into_closed_pipe(args, 100);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}");
    }
}

/// Issue 12, item 9: `export` of a text without year headings printed a valid model (one
/// preface segment): that is success. `search` and `show` that find nothing still exit 1.
#[test]
fn export_of_a_text_without_years_succeeds() {
    let dir = TempDir::new("cli-export-no-years");
    let f = dir.file("prose.txt", "帝諱延禧，道宗之孫。\n".as_bytes());
    let o = annals(&["export", "--json", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["entries"].as_array().unwrap().is_empty());
    assert_eq!(v["segments"][0]["kind"], "preface");
    let empty = dir.file("empty.txt", b"");
    assert_eq!(annals(&["export", "--json", &empty]).status.code(), Some(0));
    assert_eq!(annals(&["search", "阿骨打", &f]).status.code(), Some(1));
    assert_eq!(annals(&["show", "1101", &f]).status.code(), Some(1));
}

/// What may not reach a terminal raw: C0 controls but the line feed, DEL, C1 controls,
/// bidi controls.
fn unsafe_chars(bytes: &[u8]) -> Vec<char> {
    String::from_utf8_lossy(bytes)
        .chars()
        .filter(|&c| (c.is_control() && c != '\n') || annals::layout::width::is_bidi_control(c))
        .collect()
}

/// Issue 12, item 1: escape sequences in a file's front matter, its text or its name reach
/// no terminal through any command, error or warning — standard output to a pipe included.
/// Text output shows them as placeholders; JSON escapes them, so its values are unchanged.
#[test]
fn nothing_from_a_file_or_a_path_is_printed_raw() {
    let md = fixture("hostile/escape-injection.md");
    let source = std::fs::read_to_string(&md).unwrap();
    for args in [
        &["list", &md][..],
        &["show", "1101", &md],
        &["show", "1102", &md],
        &["show", "1300", &md],
        &["search", "春", &md],
        &["search", "C1", &md],
        &["search", "春", "--json", &md],
        &["export", "--json", &md],
        &["check", &md],
    ] {
        let o = annals(args);
        assert!(
            matches!(o.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            stderr(&o)
        );
        assert_eq!(unsafe_chars(&o.stdout), [], "{args:?}: {}", stdout(&o));
        assert_eq!(unsafe_chars(&o.stderr), [], "{args:?}: {}", stderr(&o));
    }
    let out = stdout(&annals(&["check", &md]));
    assert!(
        out.starts_with("契丹國志␛]0;PWNED-TITLE␇␛[2J · 葉隆禮␛[31m — "),
        "{out}"
    );
    // JSON: the same values, escaped.
    let o = annals(&["export", "--json", &md]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["title"], "契丹國志\x1b]0;PWNED-TITLE\x07\x1b[2J");
    for e in v["entries"].as_array().unwrap() {
        let (s, end) = (e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap());
        assert_eq!(
            e["text"].as_str().unwrap(),
            &source[s as usize..end as usize]
        );
    }
    assert!(
        stdout(&o).contains(r"\u009d0;C1-TITLE\u009c"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains(r"\u202e"), "{}", stdout(&o));

    // A file name with an escape: in errors, warnings and `check`'s report.
    let o = annals(&["list", "missing\x1b[2J.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "annals: missing␛[2J.txt: no such file\n");
    let dir = TempDir::new("cli-escape-names");
    let mut seed = std::fs::read(fixture("books/seed.txt")).unwrap();
    seed.insert(3001, 0xff);
    let named = dir.file("seed\x1b]0;x\x07.txt", &seed);
    for args in [
        &["list", &named][..],
        &["check", &named],
        &["show", "x", &named],
    ] {
        let o = annals(args);
        assert_eq!(unsafe_chars(&o.stdout), [], "{args:?}");
        assert_eq!(unsafe_chars(&o.stderr), [], "{args:?}: {}", stderr(&o));
        assert!(
            format!("{}{}", stdout(&o), stderr(&o)).contains("seed␛]0;x␇.txt"),
            "{args:?}"
        );
    }
    // A usage error quotes the argument it could not place.
    let o = annals(&["list", "a.txt", "\x1b[2J\u{9b}2J"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(unsafe_chars(&o.stderr), [], "{}", stderr(&o));
    assert!(stderr(&o).contains("unexpected argument"), "{}", stderr(&o));
}

/// Issue 12, item 10: one definition of an empty year, for `check` and the reader's
/// timeline: a heading whose body holds only blanks and pause or stop marks.
#[test]
fn check_and_the_reader_agree_on_empty_years() {
    let text = "乾統元年。春正月，雨。\n乾統二年。\n。\n乾統三年。\u{3000}、\n乾統四年。夏，旱。\n乾統五年。\n";
    let dir = TempDir::new("cli-empty-years");
    let f = dir.file("empty-years.txt", text.as_bytes());
    let out = stdout(&annals(&["check", &f]));
    assert!(
        out.contains("entries: 5, CE 1101–1105 (3 empty years, 0 without a CE year"),
        "{out}"
    );
    #[cfg(feature = "tui")]
    {
        let c = annals::model::Chronicle::parse(text.to_owned());
        let app = annals::tui::app::App::new(&c, 80, 24);
        let empty: Vec<&str> = app
            .rows
            .iter()
            .filter(|r| r.empty)
            .map(|r| r.label.as_str())
            .collect();
        assert_eq!(empty, ["乾統二年", "乾統三年", "乾統五年"]);
    }
}

/// Issue 12, item 4: a few bytes of GB18030 or Big5, each read in its own encoding, with
/// a warning that says the guess is weak and how to force the other encoding.
#[test]
fn short_legacy_texts_read_in_their_own_encoding() {
    for (file, encoding, text, other) in [
        ("tonghe.gb18030.txt", "gb18030", "統和元年", "big5"),
        ("tonghe2.gb18030.txt", "gb18030", "統和元年。", "big5"),
        ("zhong.gb18030.txt", "gb18030", "中", "big5"),
        ("zhong.big5.txt", "Big5", "中", "gb18030"),
        ("qiantong.big5.txt", "Big5", "乾統", "gb18030"),
    ] {
        let path = fixture(&format!("encodings/short-legacy/{file}"));
        let o = annals(&["search", "--exact", "--count", text, &path]);
        assert_eq!(stdout(&o), "1\n", "{file}: {}", stderr(&o));
        let o = annals(&["check", &path]);
        let out = stdout(&o);
        assert!(
            out.contains(&format!("({encoding}, Plain,")),
            "{file}: {out}"
        );
        assert!(
            out.contains("a guess from a few characters"),
            "{file}: {out}"
        );
        assert!(
            out.contains(&format!("--encoding {other}")),
            "{file}: {out}"
        );
        // Forcing an encoding is taken at its word: no guess, no warning.
        let o = annals(&["list", "--encoding", other, &path]);
        assert!(!stderr(&o).contains("guess"), "{file}: {}", stderr(&o));
    }
    // 統和元年 is a year heading: 983.
    let o = annals(&[
        "list",
        &fixture("encodings/short-legacy/tonghe.gb18030.txt"),
    ]);
    assert!(stdout(&o).starts_with("統和元年    983"), "{}", stdout(&o));
    assert!(stderr(&o).contains("read as GB18030"), "{}", stderr(&o));
    // Long texts are no guess.
    let o = annals(&["list", &fixture("encodings/seed.big5.txt")]);
    assert_eq!(stderr(&o), "");
    // Encodings of other languages are not guessed.
    let dir = TempDir::new("cli-latin1");
    let latin = dir.file("latin.txt", b"caf\xe9 na\xefve r\xe9sum\xe9\n");
    let o = annals(&["list", &latin]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot tell the encoding"),
        "{}",
        stderr(&o)
    );
    let o = annals(&["list", "--encoding", "windows-1252", &latin]);
    assert_eq!(o.status.code(), Some(1), "read, no years: {}", stderr(&o));
}

/// Issue 12, item 5: UTF-16 without a byte-order mark, with or without newlines, short or
/// long, reads like its UTF-8 text (a line of CJK with no newline was refused as binary
/// for the 0x02 low byte of 。).
#[test]
fn utf16_without_a_bom_reads_like_its_utf8_text() {
    let dir = TempDir::new("cli-utf16");
    let utf8 = |file: &str| {
        let bytes = std::fs::read(fixture(&format!("encodings/utf16-no-bom/{file}"))).unwrap();
        let (le, be) = (file.contains("utf16le"), file.contains("utf16be"));
        assert!(le || be);
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|p| {
                if le {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            })
            .collect();
        String::from_utf16(&units).unwrap()
    };
    for file in [
        "nonl.utf16le-nobom.txt",
        "nonl.utf16be-nobom.txt",
        "short.utf16le-nobom.txt",
        "short.utf16be-nobom.txt",
        "oneline.utf16le-nobom.txt",
        "seed.utf16le-nobom.txt",
        "seed.utf16be-nobom.txt",
    ] {
        let path = fixture(&format!("encodings/utf16-no-bom/{file}"));
        let text = utf8(file);
        // The same text in UTF-8, under the same name (export takes the title from it).
        let same = dir.file(file, text.as_bytes());
        for args in [&["list"][..], &["export", "--json"], &["search", "有流星"]] {
            let a = annals(&[args, &[path.as_str()]].concat());
            let b = annals(&[args, &[same.as_str()]].concat());
            assert_eq!(
                a.status.code(),
                b.status.code(),
                "{file} {args:?}: {}",
                stderr(&a)
            );
            assert_eq!(stdout(&a), stdout(&b), "{file} {args:?}");
            // No warning about the encoding; what is said of the text is said of both.
            assert_eq!(
                stderr(&a).replace(path.as_str(), "FILE"),
                stderr(&b).replace(same.as_str(), "FILE"),
                "{file} {args:?}"
            );
        }
        let encoding = if file.contains("le") {
            "UTF-16LE"
        } else {
            "UTF-16BE"
        };
        assert!(
            stdout(&annals(&["check", &path])).contains(&format!("({encoding}, Plain,")),
            "{file}"
        );
    }
}

/// Issue 11: a Kanripo work as users clone it, a folder with one file per 卷, is one book
/// for every command: the same as its files joined in order, offsets into that join.
#[test]
fn a_kanripo_folder_is_one_book() {
    let dir = TempDir::new("cli-kanripo-work");
    let (folder, parts) = crate::harness::kanripo_work(dir.path());
    assert_eq!(parts.len(), 10);
    let all: Vec<u8> = parts.iter().flat_map(|(_, b)| b.iter().copied()).collect();
    let joined = dir.file("KR2a0027.txt", &all);
    for args in [
        &["list"][..],
        &["export", "--json"],
        &["search", "則天"],
        &["search", "則天", "--json"],
        &["search", "--count", "皇帝"],
        &["show", "705"],
    ] {
        let a = annals(&[args, &[folder.as_str()]].concat());
        let b = annals(&[args, &[joined.as_str()]].concat());
        assert_eq!(a.status.code(), Some(0), "{args:?}: {}", stderr(&a));
        assert_eq!(stdout(&a), stdout(&b), "{args:?}");
        assert_eq!(
            stderr(&a),
            format!(
                "annals: note: {folder}: one book from 10 files, KR2a0027_001.txt … \
                 KR2a0027_010.txt (skipped: Readme.org)\n"
            ),
            "{args:?}"
        );
    }
    // Each file is a 卷: its header starts it (the first file's is the book's front
    // matter), and the next file's ends it.
    let v: serde_json::Value =
        serde_json::from_slice(&annals(&["export", "--json", &folder]).stdout).unwrap();
    let volumes = v["volumes"].as_array().unwrap();
    assert_eq!(volumes.len(), 10);
    let mut start = 0;
    for (k, (vol, (_, bytes))) in volumes.iter().zip(&parts).enumerate() {
        let span = |key: &str| vol[key].as_u64().unwrap() as usize;
        assert!(k == 0 || span("start") == start, "{vol}");
        start += bytes.len();
        assert_eq!(span("end"), start, "{vol}");
        assert_eq!(
            vol["title"].as_str().unwrap().split(' ').next(),
            Some(
                [
                    "卷一", "卷二", "卷三", "卷四", "卷五", "卷六", "卷七", "卷八", "卷九", "卷十"
                ][k]
            )
        );
    }
    // `check` says which files were read, and places each finding in its file.
    let out = stdout(&annals(&["check", &folder]));
    assert!(
        out.contains(&format!(
            "note: {folder}: one book from 10 files, KR2a0027_001.txt … KR2a0027_010.txt (skipped: Readme.org)"
        )),
        "{out}"
    );
    let findings = |out: &str| -> Vec<(String, usize, String)> {
        out.lines()
            .filter_map(|l| {
                let (place, rest) = l.split_once(": ")?;
                let (file, line) = place.rsplit_once(':')?;
                Some((file.to_owned(), line.parse().ok()?, rest.to_owned()))
            })
            .collect()
    };
    let want: Vec<(String, usize, String)> = findings(&stdout(&annals(&["check", &joined])))
        .into_iter()
        .map(|(_, line, rest)| {
            // The file holding that line of the joined text, and the line in it.
            let mut first = 1;
            for (name, bytes) in &parts {
                let lines = bytes.iter().filter(|&&b| b == b'\n').count();
                if line < first + lines {
                    return (format!("{folder}/{name}"), line - first + 1, rest);
                }
                first += lines;
            }
            unreachable!("line {line} past the text")
        })
        .collect();
    assert!(want.len() >= 5, "{want:?}");
    assert_eq!(findings(&out), want);
    assert!(
        out.contains(&format!("{folder}/KR2a0027_004.txt:422: warning: 五年")),
        "{out}"
    );
}

/// Issue 11: the files of a folder are taken in the order of their numbers, each decoded
/// on its own, errors naming the file; a folder that holds no work, or two, is an error.
#[test]
fn kanripo_folder_order_and_errors() {
    let dir = TempDir::new("cli-kanripo");
    let work = dir.path().join("KR9z0001");
    std::fs::create_dir(&work).unwrap();
    let at = |name: &str| work.join(name).to_string_lossy().into_owned();
    let head = |juan: &str| {
        format!("# -*- mode: mandoku-view -*-\n#+TITLE: 書\n#+PROPERTY: JUAN {juan}\n")
    };
    std::fs::write(
        at("KR9z0001_10.txt"),
        format!("{}乾統二年。夏，旱。", head("卷十")),
    )
    .unwrap();
    // Without a line break at its end: one is added before the next file.
    std::fs::write(
        at("KR9z0001_9.txt"),
        format!("{}乾統元年。春，雨。", head("卷九")),
    )
    .unwrap();
    std::fs::write(at("notes.md"), "not read").unwrap();
    let folder = work.to_string_lossy().into_owned();
    let o = annals(&["list", &folder]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let years: Vec<&str> = out
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(years, ["乾統元年", "乾統二年"], "{out}");
    assert!(
        stderr(&o).contains("2 files, KR9z0001_9.txt … KR9z0001_10.txt (skipped: notes.md)"),
        "{}",
        stderr(&o)
    );
    // A file in another encoding is decoded on its own.
    let eleven = format!("{}天慶元年。", head("卷十一"));
    let (gb, _, _) = encoding_rs::GB18030.encode(&eleven);
    std::fs::write(at("KR9z0001_11.txt"), &gb).unwrap();
    let o = annals(&["list", &folder]);
    assert_eq!(stdout(&o).lines().count(), 3, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("in different encodings"),
        "{}",
        stderr(&o)
    );
    // A bad file stops the book, named.
    std::fs::write(at("KR9z0001_11.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    let o = annals(&["list", &folder]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "annals: {}: not a text file (PNG image)\n",
            at("KR9z0001_11.txt")
        )
    );
    // Two works in one folder; none at all.
    std::fs::write(at("KR9z0001_11.txt"), "天慶元年。").unwrap();
    std::fs::write(at("KR9z0002_001.txt"), "天慶二年。").unwrap();
    let o = annals(&["list", &folder]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("several works (KR9z0001, KR9z0002)"),
        "{}",
        stderr(&o)
    );
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let o = annals(&["check", &empty.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is a directory (with no Kanripo"),
        "{}",
        stderr(&o)
    );
}

/// The reader writes its screen to standard output: redirected to a file or a pipe, it
/// would wait for keys behind a blank screen. It says so and ends with 2 instead.
#[test]
fn the_reader_needs_a_terminal() {
    for args in [&[][..], &[fixture("books/seed.txt").as_str()][..]] {
        let o = annals(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("the reader needs a terminal"),
            "{}",
            stderr(&o)
        );
        assert!(
            stdout(&o).is_empty(),
            "nothing written to the file: {}",
            stdout(&o)
        );
    }
}
