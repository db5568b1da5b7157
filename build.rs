//! Turns tables in `assets/` into static data, so that the program builds none of them
//! when it starts: the variant tables (`assets/opencc/*.txt`, `assets/calendar/
//! variants.txt`) into the classes of `src/search/fold.rs`, and the name keys of
//! `assets/calendar/eras.tsv` into the trees its indexes walk (`src/calendar/era.rs`).
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

/// The trees of the three key blocks of `eras.tsv` (KR, KU, KE: regimes, rulers, eras),
/// as `src/calendar/era.rs` finds and reads them, in `era_tries.rs`.
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
    std::fs::write(dir.join("era_tries.rs"), out).expect("write era_tries.rs");
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
