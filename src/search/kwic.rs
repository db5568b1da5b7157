//! Keyword in context: a hit with as much of its surroundings as fits on one row.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::layout::width::grapheme_width;
use crate::text::{self, ceil_boundary, floor_boundary};

/// One row of a keyword-in-context listing: the text left of a hit, the hit, and the
/// text right of it, each on one line (line breaks and the whitespace around them
/// removed).
///
/// The strings are not sanitized: pass them through `layout::width::sanitize` before
/// writing them to a terminal (their widths already count placeholders the way it
/// draws them).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Kwic {
    /// The end of the text before the hit, at most `left_cols` columns wide.
    pub left: String,
    /// The hit itself, whole.
    pub hit: String,
    /// The start of the text after the hit, at most `right_cols` columns wide.
    pub right: String,
}

/// Cuts a keyword-in-context row around `hit` (a byte range of `hay`).
///
/// The contexts come from `bounds` only (the entry, paragraph or chapter holding the hit):
/// the left one is the widest suffix of `bounds.start..hit.start` that fits in `left_cols`
/// columns, the right one the widest prefix of `hit.end..bounds.end` that fits in
/// `right_cols`; neither splits a wide character or a grapheme cluster. Line breaks in the
/// contexts and in the hit are joined without a space: `\n` and `\r` are dropped, and so is
/// the whitespace (space, tab, U+3000 indentation) at the start and end of each line.
///
/// Each context is looked for in at most [`context_window`] bytes next to the hit (see
/// [`kwic_spans`]), so a row costs the same however long the run of blanks and line breaks
/// around its hit: listing every hit of a text is linear in the text, not quadratic.
///
/// Ranges that are out of order, out of `hay` or off character boundaries are clamped,
/// never a panic.
pub fn kwic(
    hay: &str,
    hit: Range<usize>,
    bounds: Range<usize>,
    left_cols: usize,
    right_cols: usize,
) -> Kwic {
    let [left, hit, right] = kwic_spans(hay, hit, bounds, left_cols, right_cols);
    Kwic {
        left: take_backward(&hay[left], left_cols),
        hit: take_forward(&hay[hit], usize::MAX, true),
        right: take_forward(&hay[right], right_cols, false),
    }
}

/// The most bytes a context of `cols` columns is looked for in, on each side of a hit:
/// 8 bytes a column (a CJK character is 3 bytes and 2 columns, an ASCII one 1 byte and 1
/// column; the rest is room for combining marks, variation selectors, and the line breaks
/// and indentation joined away), and 32 more. A context whose text lies further away (after a longer run of
/// blanks) is cut short there.
pub const fn context_window(cols: usize) -> usize {
    cols.saturating_mul(8).saturating_add(32)
}

/// The byte ranges of `hay` that [`kwic`] reads: the text before the hit it looks at, the
/// hit, and the text after it, each on character boundaries. The left one ends at the hit
/// and is at most [`context_window`]`(left_cols)` bytes (plus a character's) long, and
/// starts no earlier than `bounds`; the right one likewise after the hit.
pub fn kwic_spans(
    hay: &str,
    hit: Range<usize>,
    bounds: Range<usize>,
    left_cols: usize,
    right_cols: usize,
) -> [Range<usize>; 3] {
    let len = hay.len();
    let hit_start = floor_boundary(hay, hit.start.min(len));
    let hit_end = ceil_boundary(hay, hit.end.clamp(hit_start, len));
    let near_start = hit_start.saturating_sub(context_window(left_cols));
    let left_start = ceil_boundary(hay, bounds.start.max(near_start).min(hit_start));
    let near_end = hit_end.saturating_add(context_window(right_cols));
    let right_end = floor_boundary(hay, bounds.end.min(near_end).clamp(hit_end, len));
    [
        left_start..hit_start,
        hit_start..hit_end,
        hit_end..right_end,
    ]
}

fn is_newline(g: &str) -> bool {
    matches!(g, "\n" | "\r" | "\r\n")
}

/// A grapheme that is a single blank character.
fn is_blank(g: &str) -> bool {
    let mut chars = g.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if text::is_blank(c))
}

/// Columns used so far out of a budget.
struct Budget {
    used: usize,
    cols: usize,
}

impl Budget {
    /// Spends the width of `g` if it fits; false (and nothing spent) if it does not.
    fn take(&mut self, g: &str) -> bool {
        let w = grapheme_width(g);
        if self.used.saturating_add(w) > self.cols {
            return false;
        }
        self.used += w;
        true
    }
}

/// The widest prefix of `s` fitting in `cols` columns, line breaks joined. Whitespace at
/// the end of `s` is kept only if `keep_tail` (a hit keeps what it matched).
fn take_forward(s: &str, cols: usize, keep_tail: bool) -> String {
    let mut budget = Budget { used: 0, cols };
    let mut out = String::new();
    // Whitespace not yet known to be inside a line (it may end one).
    let mut pending: Vec<&str> = Vec::new();
    let mut line_start = false;
    for g in s.graphemes(true) {
        if is_newline(g) {
            pending.clear();
            line_start = true;
        } else if is_blank(g) {
            if !line_start {
                pending.push(g);
            }
        } else {
            line_start = false;
            for p in pending.drain(..).chain(std::iter::once(g)) {
                if !budget.take(p) {
                    return out;
                }
                out.push_str(p);
            }
        }
    }
    if keep_tail {
        for p in pending {
            if !budget.take(p) {
                break;
            }
            out.push_str(p);
        }
    }
    out
}

/// The widest suffix of `s` fitting in `cols` columns, line breaks joined.
fn take_backward(s: &str, cols: usize) -> String {
    let mut budget = Budget { used: 0, cols };
    let mut parts: Vec<&str> = Vec::new();
    // Whitespace not yet known to be inside a line (it may be a line's indentation).
    let mut pending: Vec<&str> = Vec::new();
    let mut line_end = false;
    'walk: for g in s.graphemes(true).rev() {
        if is_newline(g) {
            pending.clear();
            line_end = true;
        } else if is_blank(g) {
            if !line_end {
                pending.push(g);
            }
        } else {
            line_end = false;
            for p in pending.drain(..).chain(std::iter::once(g)) {
                if !budget.take(p) {
                    break 'walk;
                }
                parts.push(p);
            }
        }
    }
    parts.iter().rev().copied().collect()
}
