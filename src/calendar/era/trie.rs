//! The tree of characters that a name index of the era table walks a text along. Shared
//! with `build.rs`, which builds the trees of the embedded table's indexes at compile
//! time ([`Trie::new`] here, the same code), so that starting the program builds none.

use std::borrow::Cow;

/// Sorted keys as a tree of their characters: node 0 is the root; the children of node
/// `n` are `edges[starts[n]..starts[n + 1]]`, sorted by character; `ends[n]` is 1 + the
/// index of the key that ends at node `n`, or 0.
#[derive(Default, Debug, PartialEq, Eq)]
pub(crate) struct Trie {
    pub(crate) starts: Cow<'static, [u32]>,
    pub(crate) edges: Cow<'static, [(char, u32)]>,
    pub(crate) ends: Cow<'static, [u32]>,
    /// The root's children by character, for the Han characters of [`HAN`] (0: none):
    /// most walks stop at the first character, and the root has a thousand children.
    pub(crate) root: Cow<'static, [u32]>,
}

/// The Han characters of the basic plane and extension A.
pub(crate) const HAN: std::ops::Range<u32> = 0x3400..0xA000;

impl Trie {
    /// The tree of `keys`, which are sorted (so the keys below a node are one run, and
    /// the key ending at a node, if any, comes first in it).
    pub(crate) fn new(keys: &[&str]) -> Trie {
        let mut starts = Vec::with_capacity(keys.len() * 3);
        let mut edges = Vec::with_capacity(keys.len() * 3);
        let mut ends = Vec::with_capacity(keys.len() * 3);
        // Nodes are numbered as they are reached breadth first: a node's children are
        // numbered together, so their edges can be written as one run.
        let mut queue: std::collections::VecDeque<(usize, usize, usize)> =
            std::collections::VecDeque::new();
        queue.push_back((0, keys.len(), 0));
        let mut next_node = 1u32;
        while let Some((lo, hi, at)) = queue.pop_front() {
            starts.push(edges.len() as u32);
            let mut lo = lo;
            match keys.get(lo) {
                Some(k) if lo < hi && k.len() == at => {
                    ends.push(lo as u32 + 1);
                    lo += 1;
                }
                _ => ends.push(0),
            }
            while lo < hi {
                let Some(c) = keys[lo][at..].chars().next() else {
                    lo += 1;
                    continue;
                };
                let run = keys[lo..hi]
                    .iter()
                    .take_while(|k| k[at..].starts_with(c))
                    .count();
                edges.push((c, next_node));
                next_node += 1;
                queue.push_back((lo, lo + run, at + c.len_utf8()));
                lo += run;
            }
        }
        starts.push(edges.len() as u32);
        let mut root = vec![0; HAN.len()];
        for &(c, n) in &edges[..starts.get(1).map_or(0, |&e| e as usize)] {
            if HAN.contains(&(c as u32)) {
                root[(c as u32 - HAN.start) as usize] = n;
            }
        }
        Trie {
            starts: Cow::Owned(starts),
            edges: Cow::Owned(edges),
            ends: Cow::Owned(ends),
            root: Cow::Owned(root),
        }
    }

    /// The child of node `n` along character `c`.
    pub(crate) fn child(&self, n: u32, c: char) -> Option<u32> {
        if n == 0 && HAN.contains(&(c as u32)) {
            return Some(self.root[(c as u32 - HAN.start) as usize]).filter(|&n| n > 0);
        }
        let edges =
            &self.edges[self.starts[n as usize] as usize..self.starts[n as usize + 1] as usize];
        edges
            .binary_search_by(|&(e, _)| e.cmp(&c))
            .ok()
            .map(|i| edges[i].1)
    }
}
