//! Width-aware line breaking for CJK text, following the W3C Requirements for Chinese Text
//! Layout (clreq, 中文排版需求).
//!
//! What lives here: measuring text the way the terminal does (grapheme by grapheme, see
//! [`width`]), and [`wrap`] / [`wrap_indented`], which cut a text into visual lines of at
//! most a given number of columns by the rules below.
//!
//! What does not live here: any terminal code. Nothing in this module knows about ratatui
//! or crossterm; it works on `&str` and returns byte ranges, so the renderer, the search
//! highlighter and the cursor logic can all share one notion of "line".
//!
//! # The rules
//!
//! Text is laid out grapheme by grapheme: no line ever separates a character from its
//! combining marks or variation selectors (`葛\u{E0100}` is one grapheme, two columns; a
//! selector has no width of its own). Each grapheme is classed by its first character, from
//! the Unicode line-break class of UAX #14 (the table of the `unicode-linebreak` crate),
//! tailored as clreq asks. clreq's "basic" level of line-start and line-end prohibition
//! (基本处理, the one it recommends most), with its rules for unbreakable marks:
//!
//! | kind | examples | rule |
//! | --- | --- | --- |
//! | pause and stop marks (点号) | `、，。．：；！？` `, . : ; ! ?` | not at a line start |
//! | closing brackets, quotes, book-title marks | `」』）］｝】〕〗〙〛〉》｠｣〞〟 ” ’ » ) ] }` | not at a line start |
//! | connector marks (连接号) | `-` `‐` `–` `～` `〜` | not at a line start |
//! | interpuncts (间隔号) | `·` `・` `‧` `･` | not at a line start |
//! | solidi (分隔号) | `/` `／` | not at a line start |
//! | iteration marks, prolonged sound mark, small kana | `々〻ゝゞヽヾ` `ー` `ぁァㇰｧ` | not at a line start |
//! | units after a number | `% ％ ‰ ° ℃ ′ ″` | not at a line start |
//! | superscripts, subscripts (note marks) | `¹ ² ³ ⁴ ₁` | not at a line start |
//! | opening brackets, quotes, book-title marks | `「『（［｛【〔〖〘〚〈《｟｢〝 “ ‘ « ( [ {` | not at a line end |
//! | dashes (破折号) | `——` `⸺` | two dashes are not split |
//! | ellipses (省略号) | `……` `‥‥` | two ellipses are not split |
//! | digits | `1102` `１１０２` | not split; nor from `, . : / -` before a digit (`3.14`, `1101-1125`) |
//! | currency and signs before a number | `¥` `$` `￥` `+` `±` `−` | not split from what follows |
//! | words in letters | `Liao`, `Tianzuo`, `KR2a0019` | not split |
//! | quotation marks that could open or close | `"` `'` | no break right before or after |
//! | no-break spaces, word joiner | U+00A0, U+2007, U+202F, U+2060, U+FEFF | no break on either side |
//! | zero-width space | U+200B | a break may fall after it, even inside a word |
//!
//! Everything else (Han characters, kana, hangul, symbols, emoji) may break on either side.
//! Dashes and ellipses may start a line at the basic level (clreq's strict level forbids
//! that).
//!
//! Spaces of every kind are laid out alike: U+0020, the tab, the ideographic space U+3000
//! (two columns), the en, em, thin and hair spaces U+2000–200A, U+205F, U+1680 (the spaces
//! of UAX #14's classes SP and BA, after which a line may break), and the no-break spaces
//! U+00A0, U+2007 and U+202F (class GL, clreq's 不可断行空格, which glue):
//!
//! - a break may fall after a run of spaces (never before or inside one), unless the run
//!   holds a no-break space, or what comes next may not start a line, or what came before
//!   may not end one — the rules look through the spaces, so `曰 ，`, `」　，`, `「　天`
//!   or `( x` do not open a break (item 13 of issue 12);
//! - the spaces at a break are dropped: they belong to neither line, so no line starts with
//!   the space it broke at (item 6 of issue 12), and a space never makes a line too long
//!   (an emergency break in a run of no-break spaces drops it too);
//! - spaces at the end of the text or before a forced line break stay on their line but
//!   count no columns (they hang, as the line break does);
//! - spaces at the start of the text or of a line after a forced break are indentation:
//!   they stay with what follows them.
//!
//! A grapheme of width 0 (a combining mark with no base, a zero-width space or joiner, a
//! lone selector: see [`width::is_hidden`] for the characters that are never shown) is
//! glued to the grapheme before it: no line starts with it (except at the start of the
//! text or after a line break), and the rules look through it.
//!
//! Lines are filled greedily; when the next grapheme does not fit, the line is cut at its
//! last allowed break, which carries the last character down together with a closing mark
//! after it (推出: clreq's "push out", as the terminal cannot squeeze punctuation) and an
//! opening mark down with what follows it. A line without any allowed break is cut where
//! the width runs out (an emergency break), so no input can stall the layout.
//!
//! The `unicode-linebreak` crate's own algorithm (UAX #14 in full) is not used: it forbids
//! breaks on both sides of every quotation mark, `“` included (clreq's usual break point
//! before an opening quote), lets `～ · ／` start a line, knows nothing of widths, and would
//! cost a second pass over each line. Its class table is what it gives here.

mod breaking;
pub mod width;
pub use width::{
    grapheme_width, is_hidden, placeholder, prefix_fitting, sanitize, str_width, suffix_fitting,
};

use breaking::{Class, Space, allowed, space};
use unicode_segmentation::UnicodeSegmentation;

/// One visual line: a byte range of the wrapped text and its width in columns.
///
/// `start..end` always falls on grapheme boundaries of the wrapped text. `width` is the sum
/// of [`grapheme_width`] over the line's graphemes, except that a line-ending `"\n"` or
/// `"\r\n"` (which belongs to the end of its line) and the spaces just before it, or at the
/// end of the text, count as 0 columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisualLine {
    /// Byte offset of the line's first byte in the wrapped text.
    pub start: usize,
    /// Byte offset one past the line's last byte. The next line starts here, or after the
    /// spaces that the break between the two dropped.
    pub end: usize,
    /// Columns the line occupies on screen (a trailing line break counts as 0).
    pub width: usize,
}

/// Break `text` into lines of at most `width` columns (width 0 is treated as 1), by the
/// rules of the [module documentation](self).
///
/// The lines come in order and cover the whole text but for the spaces dropped at breaks:
/// the first starts at 0, the last ends at `text.len()`, and between one line's `end` and
/// the next one's `start` there is nothing, or only the spaces (of any kind, with any
/// zero-width graphemes among them) where the line was broken.
///
/// - Empty text gives one empty line (`start == end == 0, width == 0`).
/// - `"\n"` and `"\r\n"` force a break; the line break belongs to the end of the line it
///   closes and counts 0 columns. A text ending with a line break gives no extra empty line
///   after it (as [`str::lines`]); consecutive line breaks give lines holding just `"\n"`.
///   A lone `"\r"` is an ordinary control character (a 1-column placeholder), not a break.
/// - A line is never wider than `width`, except a line whose only visible grapheme is wider
///   than `width` by itself (a Han character at width 1).
/// - No line is empty or blank, except for the empty text and lines of a line break only.
///
/// Runs in linear time and allocates only the returned vector ([`wrap_each`] hands the
/// lines over one by one instead).
pub fn wrap(text: &str, width: usize) -> Vec<VisualLine> {
    wrap_indented(text, width, 0)
}

/// A place where the current line may be broken.
#[derive(Clone, Copy)]
struct Break {
    /// Where the line would end (before the spaces dropped there, if any).
    end: usize,
    /// Where the next line would start.
    next: usize,
    /// Columns of the line if it ends at `end`.
    cols: usize,
    /// Columns from the line's start to `next` (`cols` and the dropped spaces).
    next_cols: usize,
}

/// A run of spaces after the line's content, not yet followed by anything visible.
#[derive(Clone, Copy)]
struct Run {
    /// Byte offset where the run starts.
    at: usize,
    /// Its columns.
    cols: usize,
    /// It holds a no-break space ([`Space::Glue`]): no break opportunity.
    glued: bool,
}

/// Same as [`wrap`], but the first line has `first_indent` fewer columns available (for a
/// paragraph indent).
///
/// Only the first line of `text` is shortened, not the first line after a `"\n"`. When the
/// indent leaves less than one column, the first line gets one column (as for width 0), so
/// it still holds exactly one grapheme.
pub fn wrap_indented(text: &str, width: usize, first_indent: usize) -> Vec<VisualLine> {
    let mut lines = Vec::with_capacity(text.len() / (width.max(1) + 1) + 1);
    wrap_each(text, width, first_indent, |l| lines.push(l));
    lines
}

/// [`wrap_indented`], handing each line to `emit` as it is found instead of collecting
/// them: for callers that keep the lines in a form of their own (or print them), so the
/// layout needs no memory beyond theirs.
pub fn wrap_each(text: &str, width: usize, first_indent: usize, mut emit: impl FnMut(VisualLine)) {
    let width = width.max(1);
    // Columns available on the current line.
    let mut avail = width.saturating_sub(first_indent).max(1);

    let mut start = 0; // byte offset where the current line starts
    // Columns used by the current line, up to its last grapheme that is not a space after
    // the line's content.
    let mut used = 0;
    let mut spaces: Option<Run> = None;
    // The last allowed break point in the current line.
    let mut last_break: Option<Break> = None;
    // Class of the last visible grapheme (not a space after content) of the line.
    let mut prev = Class::NONE;

    for (i, g) in text.grapheme_indices(true) {
        if g == "\n" || g == "\r\n" {
            let end = i + g.len();
            emit(VisualLine {
                start,
                end,
                width: used,
            });
            start = end;
            used = 0;
            spaces = None;
            last_break = None;
            prev = Class::NONE;
            avail = width;
            continue;
        }
        let (class, w) = if let Some(kind) = space(g) {
            let w = grapheme_width(g);
            if used > 0 && !prev.is_leading_space() {
                // After the line's content: a break opportunity after the run, if any.
                let glued = kind == Space::Glue;
                match &mut spaces {
                    Some(run) => {
                        run.cols += w;
                        run.glued |= glued;
                    }
                    None => {
                        spaces = Some(Run {
                            at: i,
                            cols: w,
                            glued,
                        })
                    }
                }
                continue;
            }
            (Class::LEADING_SPACE, w)
        } else {
            let w = fast_width(g);
            if w == 0 {
                // Invisible: glued to what comes before it, transparent to the rules (but
                // a word joiner or a zero-width space says something about breaking).
                if spaces.is_none() {
                    prev = prev.then_zero_width(g);
                }
                continue;
            }
            (Class::of(g), w)
        };
        let (pending, allowed_here) = match spaces {
            Some(run) => (run.cols, !run.glued && allowed(prev, class, true)),
            // A line that so far has no width never breaks (no empty or blank lines): the
            // first visible grapheme always goes on it, however wide.
            None => (0, used > 0 && allowed(prev, class, false)),
        };
        // Where the line would end if it broke before `g`: before the spaces, if any.
        let end_here = spaces.map_or(i, |run| run.at);
        if used > 0 && used + pending + w > avail {
            if !allowed_here {
                if let Some(b) = last_break {
                    // Push the tail of the line after its last allowed break down.
                    emit(VisualLine {
                        start,
                        end: b.end,
                        width: b.cols,
                    });
                    start = b.next;
                    used -= b.next_cols;
                    avail = width;
                    // `b` was the last allowed break, so the carried-down part has none:
                    // if `g` still does not fit, the only choice left is to cut here.
                }
            }
            if allowed_here || used + pending + w > avail {
                // Either a normal break before `g` or an emergency one; the spaces before
                // `g`, if any, are dropped.
                emit(VisualLine {
                    start,
                    end: end_here,
                    width: used,
                });
                start = i;
                used = 0;
                avail = width;
            }
            last_break = None;
        } else if allowed_here {
            last_break = Some(Break {
                end: end_here,
                next: i,
                cols: used,
                next_cols: used + pending,
            });
        }
        if used > 0 {
            used += pending;
        }
        used += w;
        spaces = None;
        prev = class;
    }
    // (`start` only stays at 0 when nothing was emitted.)
    if start < text.len() || text.is_empty() {
        emit(VisualLine {
            start,
            end: text.len(),
            width: used,
        });
    }
}

/// [`grapheme_width`], answered without the general machinery for the bulk of classical
/// Chinese text: a grapheme that is a lone CJK ideograph, CJK symbol or full-width form.
/// (Such a grapheme is exactly 3 bytes, so nothing is combined with it.)
#[inline]
fn fast_width(g: &str) -> usize {
    if g.len() == 3
        && matches!(
            g.chars().next(),
            Some(
                '\u{4E00}'..='\u{9FFF}'
                | '\u{3400}'..='\u{4DBF}'
                | '\u{3001}'..='\u{3029}'
                | '\u{3030}'..='\u{303E}'
                | '\u{FF01}'..='\u{FF60}',
            )
        )
    {
        return 2;
    }
    grapheme_width(g)
}

/// May this grapheme not start a line? True of closing brackets and quotes, pause and
/// stop marks, connector marks, interpuncts, solidi, iteration marks, small kana, units
/// after a number and the rest of the "not at a line start" rows of the
/// [module documentation](self). The grapheme is judged by its first character, so a
/// closing mark carrying a combining mark is still closing.
pub fn is_closing(g: &str) -> bool {
    Class::of(g).no_start()
}

/// May this grapheme not end a line? True of opening brackets, quotes and book-title marks
/// (`「『（【〈《〔［｛〖〘〚“‘«｢〝` and ASCII `( [ {`) and of no-break spaces. The grapheme
/// is judged by its first character.
pub fn is_opening(g: &str) -> bool {
    Class::of(g).no_end()
}

/// May a line break fall between the visible graphemes `before` and `after`, written next
/// to each other (no spaces between them)?
///
/// By the rules of the [module documentation](self): not before a grapheme that may not
/// start a line ([`is_closing`]), not after one that may not end a line ([`is_opening`]),
/// and not inside a number, a word, `——` or `……`. Forced breaks (`"\n"`) and breaks at
/// spaces are not decided here.
pub fn break_allowed(before: &str, after: &str) -> bool {
    allowed(Class::of(before), Class::of(after), false)
}

#[cfg(test)]
mod tests;
