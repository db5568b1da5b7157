//! Output that is safe for a terminal. Text from a file or a path (a title, a heading, a
//! file name) may hold control characters and escape sequences; none of them may reach the
//! terminal raw, whether standard output is a terminal or a pipe to one (`| less -R`).
//!
//! The rule is the reader's ([`crate::layout::placeholder`]): C0 and C1 controls, DEL and
//! bidi controls are shown as visible placeholders (␛, ␇, �); only the line feed is kept.
//! [`Placeholders`] applies it to everything a command prints as text; [`write_json`]
//! writes JSON in which those characters are escaped (`\u001b`, `\u009b`, `\u202e`), so
//! the values read back unchanged.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use crate::layout::{placeholder, width::is_bidi_control};

/// Whether `c` must not be written to a terminal as it is. The line feed is the only
/// control a command's output keeps.
fn is_unsafe(c: char) -> bool {
    c != '\n' && (c.is_control() || is_bidi_control(c))
}

/// Whether a byte may start the UTF-8 form of an unsafe character: a C0 control but the
/// line feed, DEL, the lead byte of the C1 controls (C2), of U+061C (D8) and of the bidi
/// controls in U+2000–U+206F (E2). Text without any of them is written as it is.
fn may_start_unsafe(b: u8) -> bool {
    (b < 0x20 && b != b'\n') || matches!(b, 0x7F | 0xC2 | 0xD8 | 0xE2)
}

/// `s` with every unsafe character replaced by its placeholder, written to `out`.
pub(super) fn write_shown(out: &mut impl Write, s: &str) -> io::Result<()> {
    /// Bytes looked at together: a block with no byte that may start an unsafe character
    /// is passed over after one branch-free look (the compiler vectorises it).
    const BLOCK: usize = 64;
    let bytes = s.as_bytes();
    // Written up to here.
    let mut done = 0;
    for (k, block) in bytes.chunks(BLOCK).enumerate() {
        if !block
            .iter()
            .fold(false, |any, &b| any | may_start_unsafe(b))
        {
            continue;
        }
        // Such a byte is an ASCII byte or a lead byte: a character starts there.
        for (i, _) in block
            .iter()
            .enumerate()
            .filter(|&(_, &b)| may_start_unsafe(b))
        {
            let at = k * BLOCK + i;
            let Some(c) = s[at..].chars().next().filter(|&c| is_unsafe(c)) else {
                continue;
            };
            out.write_all(&bytes[done..at])?;
            let mut buf = [0; 4];
            let shown = placeholder(c.encode_utf8(&mut buf)).unwrap_or('\u{FFFD}');
            out.write_all(shown.encode_utf8(&mut buf).as_bytes())?;
            done = at + c.len_utf8();
        }
    }
    out.write_all(&bytes[done..])
}

/// Where a character cut short at the end of `bytes` starts (the rest of it is still to
/// come), or `bytes.len()` when none is.
fn cut_short_tail(bytes: &[u8]) -> usize {
    let len = bytes.len();
    // Its lead byte is among the last three.
    for k in 1..=3.min(len) {
        let b = bytes[len - k];
        if b & 0xC0 == 0x80 {
            continue;
        }
        let tail = &bytes[len - k..];
        let cut = b >= 0xC0 && std::str::from_utf8(tail).is_err_and(|e| e.error_len().is_none());
        return if cut { len - k } else { len };
    }
    len
}

/// A writer that passes text on with every control character but the line feed, and every
/// bidi control, replaced by its visible placeholder. What it is given is UTF-8 (a
/// character cut between two writes is completed by the next one); a byte that is not
/// is shown as U+FFFD.
pub struct Placeholders<W: Write> {
    inner: W,
    /// The start of a character whose other bytes have not been written yet.
    partial: Vec<u8>,
}

impl<W: Write> Placeholders<W> {
    /// Text written to it reaches `inner` with placeholders for unsafe characters.
    pub fn new(inner: W) -> Self {
        Placeholders {
            inner,
            partial: Vec::new(),
        }
    }
}

impl<W: Write> Write for Placeholders<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let joined;
        let mut bytes = buf;
        if !self.partial.is_empty() {
            let mut v = std::mem::take(&mut self.partial);
            v.extend_from_slice(buf);
            joined = v;
            bytes = &joined;
        }
        // Valid UTF-8 (checked with SIMD), but for a character cut short at the end.
        let cut = cut_short_tail(bytes);
        if let Ok(text) = simdutf8::basic::from_utf8(&bytes[..cut]) {
            write_shown(&mut self.inner, text)?;
            if cut < bytes.len() {
                self.partial = bytes[cut..].to_vec();
            }
            return Ok(buf.len());
        }
        for chunk in bytes.utf8_chunks() {
            write_shown(&mut self.inner, chunk.valid())?;
            let invalid = chunk.invalid();
            if invalid.is_empty() {
                continue;
            }
            // A character cut short at the very end waits for the rest of it.
            let at_end = invalid.as_ptr_range().end == bytes.as_ptr_range().end;
            let cut_short = std::str::from_utf8(invalid).is_err_and(|e| e.error_len().is_none());
            if at_end && cut_short {
                self.partial = invalid.to_vec();
            } else {
                self.inner.write_all("\u{FFFD}".as_bytes())?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// serde_json's formatter, but for strings: the controls and bidi characters that
/// serde_json writes as they are (DEL, the C1 controls, bidi overrides and isolates) are
/// escaped as `\uXXXX`, as it escapes the C0 controls itself.
struct EscapeUnsafe<F>(F);

impl<F: Formatter> Formatter for EscapeUnsafe<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        if !fragment.bytes().any(may_start_unsafe) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| is_unsafe(c)) {
            writer.write_all(&rest.as_bytes()[..at])?;
            // Every unsafe character serde_json leaves is in the BMP: one escape.
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Write `value` as JSON (indented when `pretty`), with every control and bidi character
/// in its strings escaped.
pub(crate) fn write_json<T: Serialize + ?Sized>(
    out: &mut dyn Write,
    value: &T,
    pretty: bool,
) -> serde_json::Result<()> {
    if pretty {
        let f = EscapeUnsafe(PrettyFormatter::new());
        value.serialize(&mut serde_json::Serializer::with_formatter(out, f))
    } else {
        let f = EscapeUnsafe(CompactFormatter);
        value.serialize(&mut serde_json::Serializer::with_formatter(out, f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(parts: &[&[u8]]) -> String {
        let mut out = Placeholders::new(Vec::new());
        for p in parts {
            out.write_all(p).unwrap();
        }
        String::from_utf8(out.inner).unwrap()
    }

    #[test]
    fn controls_and_bidi_become_placeholders() {
        let hostile =
            "契丹國志\x1b]0;PWNED\x07\x1b[2J 葉隆禮\x1b[31m\n\u{9d}x\u{9c}\u{202e}反\u{7f}\r\n";
        assert_eq!(
            shown(&[hostile.as_bytes()]),
            "契丹國志␛]0;PWNED␇␛[2J 葉隆禮␛[31m\n\u{fffd}x\u{fffd}\u{fffd}反␡␍\n"
        );
        // Safe text passes as it is, E2 characters included.
        assert_eq!(shown(&["天慶…“乾統”\n".as_bytes()]), "天慶…“乾統”\n");
    }

    #[test]
    fn a_character_cut_between_writes_is_joined() {
        let s = "乾\u{202e}統\u{9b}".as_bytes();
        for cut in 0..=s.len() {
            assert_eq!(
                shown(&[&s[..cut], &s[cut..]]),
                "乾\u{fffd}統\u{fffd}",
                "{cut}"
            );
        }
        // Bytes that are not UTF-8 at all are shown as U+FFFD, never passed on.
        assert_eq!(shown(&[b"a\xff\x1bb"]), "a\u{fffd}␛b");
    }

    #[test]
    fn the_fast_paths_agree_with_a_character_at_a_time() {
        // Every unsafe character and its neighbours in UTF-8 (C2, D8, E2 lead bytes that
        // are safe), across the 64-byte blocks, and bytes that are not UTF-8.
        let mut text = String::new();
        for c in [
            '\u{0}', '\x1b', '\n', '\u{7f}', '\u{80}', '\u{9f}', '\u{a0}', '\u{61c}', '\u{61d}',
        ]
        .into_iter()
        .chain('\u{2000}'..='\u{206f}')
        {
            text.push(c);
            text.push_str("天慶");
        }
        let naive: String = text
            .chars()
            .map(|c| {
                if is_unsafe(c) {
                    placeholder(c.encode_utf8(&mut [0; 4])).unwrap_or('\u{FFFD}')
                } else {
                    c
                }
            })
            .collect();
        let bytes = text.as_bytes();
        assert_eq!(shown(&[bytes]), naive);
        for cut in 0..=bytes.len() {
            assert_eq!(shown(&[&bytes[..cut], &bytes[cut..]]), naive, "{cut}");
        }
        for bad in [
            &b"\xe2\x80"[..],
            b"\xe0\x80",
            b"\xf0\x90\x80",
            b"\xc2",
            b"\x80\x80\x80",
        ] {
            let mut b = bytes.to_vec();
            b.extend_from_slice(bad);
            let all_at_once = shown(&[&b]);
            let mut one_by_one = Placeholders::new(Vec::new());
            for byte in &b {
                one_by_one.write_all(std::slice::from_ref(byte)).unwrap();
            }
            assert!(all_at_once.starts_with(&naive));
            assert_eq!(String::from_utf8(one_by_one.inner).unwrap(), all_at_once);
        }
    }

    #[test]
    fn json_escapes_what_serde_json_leaves() {
        let value = ["\x1b]0;x\x07", "\u{9b}2J\u{202e}\u{2066}\u{7f}", "天慶"];
        for pretty in [false, true] {
            let mut out = Vec::new();
            write_json(&mut out, &value, pretty).unwrap();
            let json = String::from_utf8(out).unwrap();
            assert!(
                !json.chars().any(|c| is_unsafe(c) || c == '\x1b'),
                "{json:?}"
            );
            assert!(json.contains(r"\u009b2J\u202e\u2066\u007f"), "{json}");
            let back: Vec<String> = serde_json::from_str(&json).unwrap();
            assert_eq!(back, value);
        }
    }
}
