//! Character folding: equivalence classes of characters that a folded search treats as
//! the same character.
//!
//! The classes are the connected components of the graph whose edges are every
//! single-character `key → value` mapping of the bundled OpenCC character tables
//! (traditional ↔ simplified, Taiwan, Hong Kong and Japanese shinjitai variants, each in
//! both directions) and of the variant table of the names of eras, rulers, 干支 and
//! numerals (`assets/calendar/variants.txt`, from Unihan and other sources: 熈 ≡ 熙,
//! 夘 ≡ 卯, 𥘉 ≡ 初), so 辽 ≡ 遼, 庆 ≡ 慶, 众 ≡ 衆 ≡ 眾, 斗 ≡ 鬥 ≡ 鬭 …; entries whose key or
//! value is longer than one character are ignored. Full-width ASCII U+FF01–U+FF5E is
//! folded onto ASCII U+0021–U+007E, and the ideographic space U+3000 onto the space.
//!
//! The table is built once, on first use, with union-find (about a millisecond).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A multiplicative hash for `char` keys (the default SipHash would make building the
/// table several times slower; these keys are not attacker-chosen).
#[derive(Default, Clone, Copy)]
struct CharHasher(u64);

impl Hasher for CharHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u32(b.into());
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(n)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type CharMap<V> = HashMap<char, V, BuildHasherDefault<CharHasher>>;

/// The OpenCC tables, relative to this file (`src/search/fold.rs`).
const TABLES: [&str; 9] = [
    include_str!("../../assets/opencc/TSCharacters.txt"),
    include_str!("../../assets/opencc/STCharacters.txt"),
    include_str!("../../assets/opencc/TWVariants.txt"),
    include_str!("../../assets/opencc/TWVariantsRev.txt"),
    include_str!("../../assets/opencc/HKVariants.txt"),
    include_str!("../../assets/opencc/HKVariantsRev.txt"),
    include_str!("../../assets/opencc/JPShinjitaiCharacters.txt"),
    include_str!("../../assets/opencc/JPShinjitaiCharactersRev.txt"),
    include_str!("../../assets/calendar/variants.txt"),
];

/// The equivalence classes of two or more characters, each sorted by code point, stored
/// end to end in `flat`. `id` numbers every character that has variants, and `class`
/// gives, by that number, where its class is in `flat` (start, length).
struct Table {
    id: CharMap<u32>,
    class: Vec<(u32, u32)>,
    flat: Vec<char>,
}

static TABLE: OnceLock<Table> = OnceLock::new();

fn table() -> &'static Table {
    TABLE.get_or_init(build)
}

/// Union-find over characters, with path halving and union by size.
struct UnionFind {
    id: CharMap<u32>,
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

fn build() -> Table {
    let mut uf = UnionFind {
        id: CharMap::with_capacity_and_hasher(12_000, Default::default()),
        chars: Vec::with_capacity(12_000),
        parent: Vec::with_capacity(12_000),
        size: Vec::with_capacity(12_000),
    };
    for text in TABLES {
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

    // Counting sort of the characters by class: each root gets a slot in `flat` as large
    // as its class (a node exists only for a character joined to another one, so every
    // class has at least two members).
    let nodes = uf.chars.len();
    let mut class = vec![(0u32, 0u32); nodes];
    let mut next = 0u32;
    for n in 0..nodes as u32 {
        if uf.parent[n as usize] == n {
            let size = uf.size[n as usize];
            class[n as usize] = (next, size);
            next += size;
        }
    }
    let mut flat = vec!['\0'; next as usize];
    let mut filled = vec![0u32; nodes];
    for n in 0..nodes as u32 {
        let r = uf.root(n) as usize;
        let (start, size) = class[r];
        flat[(start + filled[r]) as usize] = uf.chars[n as usize];
        filled[r] += 1;
        class[n as usize] = (start, size);
    }
    for (n, &(start, size)) in class.iter().enumerate() {
        if uf.parent[n] == n as u32 {
            flat[start as usize..(start + size) as usize].sort_unstable();
        }
    }
    Table {
        id: uf.id,
        class,
        flat,
    }
}

/// Blocks of 256 consecutive characters, materialised on demand, so that a character
/// outside every class still has a `'static` one-element slice to be returned as.
static SINGLETONS: [OnceLock<Box<[char; 256]>>; 0x1100] = [const { OnceLock::new() }; 0x1100];

/// `[c]` as a `'static` slice.
pub(crate) fn singleton(c: char) -> &'static [char] {
    let cp = c as u32;
    let block = SINGLETONS[(cp >> 8) as usize].get_or_init(|| {
        let base = cp & !0xFF;
        // Surrogate code points cannot be `char`s and are never looked up.
        Box::new(std::array::from_fn(|j| {
            char::from_u32(base + j as u32).unwrap_or('\u{FFFD}')
        }))
    });
    std::slice::from_ref(&block[(cp & 0xFF) as usize])
}

/// Every character folded together with `c`, sorted by code point and including `c`
/// itself (`variants('辽')` is `['辽', '遼']`); `[c]` alone when `c` has no variants.
pub fn variants(c: char) -> &'static [char] {
    let t = table();
    match t.id.get(&c) {
        Some(&n) => {
            let (start, len) = t.class[n as usize];
            &t.flat[start as usize..(start + len) as usize]
        }
        None => singleton(c),
    }
}

/// The canonical representative of `c`'s class (its lowest code point): two characters
/// fold together exactly when their `fold_char` is equal.
pub fn fold_char(c: char) -> char {
    variants(c)[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: char, b: char) -> bool {
        fold_char(a) == fold_char(b)
    }

    #[test]
    fn required_classes() {
        for (a, b) in [
            ('庆', '慶'),
            ('辽', '遼'),
            ('萧', '蕭'),
            ('衆', '眾'),
            ('眾', '众'),
            ('鬭', '鬥'),
            ('羣', '群'),
            ('衞', '衛'),
            ('駡', '罵'),
            ('Ａ', 'A'),
            ('～', '~'),
            ('！', '!'),
            ('\u{3000}', ' '),
        ] {
            assert!(same(a, b), "{a} ≢ {b}: {:?} {:?}", variants(a), variants(b));
        }
        assert!(!same('天', '夫'));
        assert!(!same('a', 'A'));
        // 天 has only its Unihan semantic variants (靝, 靔), not 夫 or 大.
        assert_eq!(variants('天'), ['天', '靔', '靝']);
        assert_eq!(variants('\n'), ['\n']);
        assert_eq!(fold_char('😀'), '😀');
        assert_eq!(variants('\u{10FFFF}'), ['\u{10FFFF}']);
    }

    #[test]
    fn classes_are_consistent() {
        let t = table();
        let max = t.class.iter().map(|&(_, len)| len).max().unwrap();
        assert_eq!(max, 7, "largest class");
        for &c in t.id.keys() {
            let v = variants(c);
            assert!(v.contains(&c));
            assert!(v.windows(2).all(|w| w[0] < w[1]));
            for &d in v {
                assert_eq!(variants(d), v);
            }
        }
    }

    #[test]
    fn build_gives_consistent_tables() {
        let t = build();
        assert!(t.flat.len() > 5000);
        assert_eq!(t.flat.len(), t.class.len());
    }
}
