//! The variant classes of [`crate::search::fold`], computed from the tables' text. Shared
//! with `build.rs`, which runs it at compile time on the bundled tables and writes the
//! classes as static data; the tests run it again and compare.

use std::collections::HashMap;

/// Union-find over characters, with path halving and union by size.
#[derive(Default)]
struct UnionFind {
    id: HashMap<char, u32>,
    chars: Vec<char>,
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl UnionFind {
    fn node(&mut self, c: char) -> u32 {
        if let Some(&n) = self.id.get(&c) {
            return n;
        }
        let n = self.chars.len() as u32;
        self.id.insert(c, n);
        self.chars.push(c);
        self.parent.push(n);
        self.size.push(1);
        n
    }

    fn root(&mut self, mut n: u32) -> u32 {
        while self.parent[n as usize] != n {
            let grand = self.parent[self.parent[n as usize] as usize];
            self.parent[n as usize] = grand;
            n = grand;
        }
        n
    }

    fn union(&mut self, a: char, b: char) {
        if a == b {
            return;
        }
        let (a, b) = (self.node(a), self.node(b));
        let (mut ra, mut rb) = (self.root(a), self.root(b));
        if ra == rb {
            return;
        }
        if self.size[ra as usize] < self.size[rb as usize] {
            std::mem::swap(&mut ra, &mut rb);
        }
        self.parent[rb as usize] = ra;
        self.size[ra as usize] += self.size[rb as usize];
    }
}

/// The only character of `s`, if it has exactly one.
fn single(s: &str) -> Option<char> {
    let mut it = s.chars();
    let c = it.next()?;
    it.next().is_none().then_some(c)
}

/// The classes of two or more characters: the connected components of the graph whose
/// edges are the single-character `key → value` mappings of `tables` (lines `key TAB
/// values`, values separated by spaces or tabs, `#` comments), of full-width ASCII
/// U+FF01–U+FF5E to ASCII, and of U+3000 to the space. Each class is sorted by code
/// point, and the classes by their first character.
pub fn classes(tables: &[&str]) -> Vec<Vec<char>> {
    let mut uf = UnionFind::default();
    for text in tables {
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((key, values)) = line.split_once('\t') else {
                continue;
            };
            let Some(k) = single(key.trim()) else {
                continue;
            };
            for v in values.split([' ', '\t']).filter_map(single) {
                uf.union(k, v);
            }
        }
    }
    for ascii in 0x21..=0x7E_u32 {
        if let (Some(a), Some(w)) = (char::from_u32(ascii), char::from_u32(ascii + 0xFEE0)) {
            uf.union(a, w);
        }
    }
    uf.union(' ', '\u{3000}');
    let mut by_root: HashMap<u32, Vec<char>> = HashMap::new();
    for n in 0..uf.chars.len() as u32 {
        let r = uf.root(n);
        by_root.entry(r).or_default().push(uf.chars[n as usize]);
    }
    let mut classes: Vec<Vec<char>> = by_root.into_values().collect();
    for class in &mut classes {
        class.sort_unstable();
    }
    classes.sort_unstable();
    classes
}
