//! Turns tables in `assets/` into static data, so that the program builds none of them
//! when it starts: the variant tables (`assets/opencc/*.txt`, `assets/calendar/
//! variants.txt`) into the classes of `src/search/fold.rs`, and `assets/calendar/eras.tsv`
//! into the regimes, rulers, eras and name indexes of `src/calendar/era.rs`, with the
//! trees its indexes walk.
//! The assets stay the source: this reads them at every build that changes them, with
//! the code the program would run (shared by `#[path]`), and tests compare the two.

use std::fmt::Write as _;
use std::path::Path;

#[path = "src/search/fold_classes.rs"]
#[allow(dead_code)]
mod fold_classes;

#[path = "src/calendar/era/trie.rs"]
#[allow(dead_code)]
mod trie;

/// The tables, in the order `src/search/fold.rs` names them.
const TABLES: [&str; 9] = [
    "assets/opencc/TSCharacters.txt",
    "assets/opencc/STCharacters.txt",
    "assets/opencc/TWVariants.txt",
    "assets/opencc/TWVariantsRev.txt",
    "assets/opencc/HKVariants.txt",
    "assets/opencc/HKVariantsRev.txt",
    "assets/opencc/JPShinjitaiCharacters.txt",
    "assets/opencc/JPShinjitaiCharactersRev.txt",
    "assets/calendar/variants.txt",
];

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let dir = std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo");
    let dir = Path::new(&dir);
    fold_table(dir);
    era_tries(dir);
}

/// The three key blocks of `eras.tsv` (KR, KU, KE: regimes, rulers, eras) with their
/// trees, and the lines before them, as `src/calendar/era.rs` finds and reads them, in
/// `era_tries.rs`.
fn era_tries(dir: &Path) {
    println!("cargo::rerun-if-changed=src/calendar/era/trie.rs");
    println!("cargo::rerun-if-changed=assets/calendar/eras.tsv");
    let text = std::fs::read_to_string("assets/calendar/eras.tsv").expect("eras.tsv");
    let at = |tag: &str| text.find(&format!("\n{tag}\t")).expect("key block") + 1;
    let (kr, ku, ke) = (at("KR"), at("KU"), at("KE"));
    let mut out = String::new();
    let mut names = Vec::new();
    for (name, block) in [
        ("KR", &text[kr..ku]),
        ("KU", &text[ku..ke]),
        ("KE", &text[ke..]),
    ] {
        let keys: Vec<&str> = block
            .strip_suffix('\n')
            .unwrap_or(block)
            .split('\n')
            .map(|line| line.split('\t').nth(1).expect("a key"))
            .collect();
        let t = trie::Trie::new(&keys);
        // The keys, each with its range of ids, and the ids (`Index` in era.rs).
        let id_type = match name {
            "KR" => "RegimeId",
            "KU" => "RulerId",
            _ => "EraId",
        };
        let mut key_list = String::new();
        let mut ids = String::new();
        let mut n_ids = 0u32;
        let lines: Vec<&str> = block
            .strip_suffix('\n')
            .unwrap_or(block)
            .split('\n')
            .collect();
        for line in &lines {
            let mut f = line.split('\t');
            f.next();
            let key = f.next().expect("a key");
            let start = n_ids;
            for id in f.next().expect("ids").split(' ') {
                let id: u16 = id.parse().expect("an id");
                write!(ids, "super::{id_type}({id}),").unwrap();
                n_ids += 1;
            }
            write!(key_list, "({key:?},{start},{}),", n_ids - start).unwrap();
        }
        writeln!(
            out,
            "static {name}_KEYS: [(&str, u32, u32); {}] = [{key_list}];",
            lines.len()
        )
        .unwrap();
        writeln!(
            out,
            "static {name}_IDS: [super::{id_type}; {n_ids}] = [{ids}];"
        )
        .unwrap();
        let list = |out: &mut String, what: &str, v: &[u32]| {
            write!(out, "static {name}_{what}: [u32; {}] = [", v.len()).unwrap();
            for n in v {
                write!(out, "{n},").unwrap();
            }
            out.push_str("];\n");
        };
        list(&mut out, "STARTS", &t.starts);
        list(&mut out, "ENDS", &t.ends);
        list(&mut out, "ROOT", &t.root);
        write!(
            out,
            "static {name}_EDGES: [(char, u32); {}] = [",
            t.edges.len()
        )
        .unwrap();
        for (c, n) in t.edges.iter() {
            write!(out, "('\\u{{{:x}}}',{n}),", *c as u32).unwrap();
        }
        out.push_str("];\n");
        names.push(name);
    }
    out.push_str("/// Each tree's `starts`, `edges`, `ends` and `root`: regimes, rulers, eras.\n");
    out.push_str("#[allow(clippy::type_complexity)]\n");
    out.push_str("pub(super) static TRIES: [(&[u32], &[(char, u32)], &[u32], &[u32]); 3] = [");
    for name in names {
        write!(
            out,
            "(&{name}_STARTS, &{name}_EDGES, &{name}_ENDS, &{name}_ROOT),"
        )
        .unwrap();
    }
    out.push_str("];\n");
    out.push_str(
        "/// The keys and ids of each index: regimes, rulers, eras.\n\
         pub(super) static REGIME_KEYS: (&[(&str, u32, u32)], &[super::RegimeId]) = (&KR_KEYS, &KR_IDS);\n\
         pub(super) static RULER_KEYS: (&[(&str, u32, u32)], &[super::RulerId]) = (&KU_KEYS, &KU_IDS);\n\
         pub(super) static ERA_KEYS: (&[(&str, u32, u32)], &[super::EraId]) = (&KE_KEYS, &KE_IDS);\n",
    );
    era_lines(&text[..kr], &mut out);
    std::fs::write(dir.join("era_tries.rs"), out).expect("write era_tries.rs");
}

/// The regime, ruler and era lines of `eras.tsv` (before its key blocks) as the static
/// `REGIMES`, `RULERS` and `ERAS`, read as `EraTable::parse` reads them.
fn era_lines(text: &str, out: &mut String) {
    let mut regimes: Vec<(String, &str)> = Vec::new();
    let mut rulers = Vec::new();
    let mut eras: Vec<(usize, String)> = Vec::new();
    let year = |s: &str| -> String {
        let n: i32 = s.parse().expect("a year");
        assert!(n != 0, "year 0");
        format!("y({n})")
    };
    let opt = |s: &str, f: &dyn Fn(&str) -> String| -> String {
        if s == "-" {
            "None".to_owned()
        } else {
            format!("Some({})", f(s))
        }
    };
    // The rulers who carried an era on: `ruler@year` pairs, checked here, kept as written.
    let successors = |s: &str| -> String {
        if s == "-" {
            return String::new();
        }
        for pair in s.split(' ') {
            let (ruler, year) = pair.split_once('@').expect("ruler@year");
            ruler.parse::<u16>().expect("a ruler");
            assert!(year.parse::<i32>().expect("a year") != 0, "year 0");
        }
        s.to_owned()
    };
    for line in text.split('\n') {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        match f[0] {
            "R" => {
                let country = match f[1] {
                    "China" | "Japan" | "Korea" | "Vietnam" | "Ryukyu" => f[1],
                    other => panic!("country {other}"),
                };
                regimes.push((f[2].to_owned(), country));
            }
            "U" => {
                let regime: u16 = f[1].parse().expect("a regime");
                rulers.push(format!(
                    "super::Ruler {{ names: {:?}, regime: super::RegimeId({regime}) }},",
                    f[2]
                ));
            }
            "E" => {
                assert_eq!(f.len(), 17, "{line}");
                let regime: usize = f[1].parse().expect("a regime");
                let ruler: u16 = f[2].parse().expect("a ruler");
                let kind = match f[3] {
                    "E" => "Era",
                    "Y" => "RulerYears",
                    other => panic!("kind {other}"),
                };
                let month: u8 = f[7].parse().expect("a month");
                let day = |s: &str| s.parse::<i32>().expect("a day").to_string();
                let source = match f[14] {
                    "D" => "Ddbc",
                    "C" => "Cejs",
                    "F" => "Fixed",
                    other => panic!("source {other}"),
                };
                let chronology = match f[15] {
                    "-" => "Agreed",
                    "S" => "Shiji",
                    "R" => "Revised",
                    other => panic!("chronology {other}"),
                };
                let country = regimes.get(regime).expect("the era's regime").1;
                eras.push((
                    regime,
                    format!(
                        "super::Era {{ names: {:?}, kind: super::EraKind::{kind}, \
                         regime: super::RegimeId({regime}), ruler: super::RulerId({ruler}), \
                         country: super::Country::{country}, start: {}, first: {}, \
                         start_month: {month}, start_leap: {}, start_day: {}, end: {}, \
                         end_day: {}, counted_to: {}, continues: {}, \
                         source: super::Source::{source}, \
                         chronology: super::Chronology::{chronology}, successors: {:?} }},",
                        f[4],
                        year(f[5]),
                        year(f[6]),
                        f[8] == "1",
                        opt(f[9], &day),
                        year(f[10]),
                        opt(f[11], &day),
                        opt(f[12], &year),
                        opt(f[13], &|s: &str| format!(
                            "super::EraId({})",
                            s.parse::<u16>().expect("an era")
                        )),
                        successors(f[16]),
                    ),
                ));
            }
            other => panic!("unknown line {other}"),
        }
    }
    // Each regime's eras are one range (eras are sorted by regime).
    let mut ranges = vec![(0usize, 0usize); regimes.len()];
    let mut i = 0;
    while i < eras.len() {
        let r = eras[i].0;
        let j = i + eras[i..].iter().take_while(|e| e.0 == r).count();
        if let Some(range) = ranges.get_mut(r) {
            *range = (i, j);
        }
        i = j;
    }
    out.push_str(
        "/// A year of the table (never 0: checked when it was generated).\n\
         const fn y(n: i32) -> super::CeYear {\n\
         match super::CeYear::new(n) { Some(y) => y, None => panic!(\"year 0\") }\n}\n",
    );
    writeln!(
        out,
        "pub(super) static REGIMES: [super::Regime; {}] = [",
        regimes.len()
    )
    .unwrap();
    for ((names, country), (a, b)) in regimes.iter().zip(&ranges) {
        writeln!(
            out,
            "super::Regime {{ names: {names:?}, country: super::Country::{country}, eras: {a}..{b} }},"
        )
        .unwrap();
    }
    out.push_str("];\n");
    writeln!(
        out,
        "pub(super) static RULERS: [super::Ruler; {}] = [",
        rulers.len()
    )
    .unwrap();
    for r in &rulers {
        out.push_str(r);
        out.push('\n');
    }
    out.push_str("];\n");
    writeln!(
        out,
        "pub(super) static ERAS: [super::Era; {}] = [",
        eras.len()
    )
    .unwrap();
    for (_, e) in &eras {
        out.push_str(e);
        out.push('\n');
    }
    out.push_str("];\n");
}

/// The variant classes, in `fold_table.rs`.
fn fold_table(dir: &Path) {
    println!("cargo::rerun-if-changed=src/search/fold_classes.rs");
    let mut texts = Vec::new();
    for t in TABLES {
        println!("cargo::rerun-if-changed={t}");
        texts.push(std::fs::read_to_string(t).unwrap_or_else(|e| panic!("{t}: {e}")));
    }
    let tables: Vec<&str> = texts.iter().map(String::as_str).collect();
    let classes = fold_classes::classes(&tables);

    // The classes end to end; each class's start and length; for each block of 256 code
    // points that has a character with variants, its class numbers (1 + the index, 0 for
    // none).
    let mut flat = Vec::new();
    let mut class = Vec::new();
    let mut of_char = std::collections::BTreeMap::new();
    for (k, members) in classes.iter().enumerate() {
        class.push((flat.len(), members.len()));
        for &c in members {
            of_char.insert(c as u32, k + 1);
            flat.push(c);
        }
    }
    let mut pages = vec![0usize; 0x1100];
    let mut blocks: Vec<[usize; 256]> = Vec::new();
    for (&cp, &k) in &of_char {
        let page = (cp >> 8) as usize;
        if pages[page] == 0 {
            blocks.push([0; 256]);
            pages[page] = blocks.len();
        }
        blocks[pages[page] - 1][(cp & 0xFF) as usize] = k;
    }
    assert!(class.len() < usize::from(u16::MAX) && blocks.len() < 1 << 16 && flat.len() < 1 << 16);

    let mut out = String::new();
    writeln!(
        out,
        "/// Every class of two or more characters, end to end."
    )
    .unwrap();
    writeln!(out, "static FLAT: [char; {}] = [", flat.len()).unwrap();
    for c in &flat {
        write!(out, "'\\u{{{:x}}}',", *c as u32).unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(out, "/// Each class's start in `FLAT` and length.").unwrap();
    writeln!(out, "static CLASS: [(u16, u16); {}] = [", class.len()).unwrap();
    for (start, len) in &class {
        write!(out, "({start},{len}),").unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(
        out,
        "/// For each block of 256 code points, 1 + its index in `BLOCK`, or 0."
    )
    .unwrap();
    writeln!(out, "static PAGE: [u16; {}] = [", pages.len()).unwrap();
    for p in &pages {
        write!(out, "{p},").unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(
        out,
        "/// For each code point of a block, 1 + its class's index in `CLASS`, or 0."
    )
    .unwrap();
    writeln!(out, "static BLOCK: [[u16; 256]; {}] = [", blocks.len()).unwrap();
    for b in &blocks {
        out.push('[');
        for k in b {
            write!(out, "{k},").unwrap();
        }
        out.push_str("],\n");
    }
    writeln!(out, "];").unwrap();
    std::fs::write(dir.join("fold_table.rs"), out).expect("write fold_table.rs");
}
