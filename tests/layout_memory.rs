//! How much memory laying out a long unbreakable line takes, measured as the process's peak
//! resident size (what `/usr/bin/time` reports), which is why this test has a binary of its
//! own: nothing else runs beside it.
//!
//! `annals show --width 1` on a 5 MB line of letters once peaked at 480 MB: the wrapper's
//! lines, the document's lines and a string per printed line were all held at once, some
//! 100 bytes for each character. The document's lines (one [`DocLine`] per line) are what
//! has to stay; nothing else may grow with the text.

use annals::view::{self, DocLine};

/// A field of `/proc/self/status`, in bytes.
#[cfg(target_os = "linux")]
fn status_bytes(field: &str) -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status
        .lines()
        .find(|l| l.starts_with(field))
        .unwrap_or_else(|| panic!("no {field} in /proc/self/status"));
    let kb: usize = line[field.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .unwrap();
    kb * 1024
}

#[cfg(target_os = "linux")]
#[test]
fn a_long_line_at_width_one_holds_only_its_document_lines() {
    use std::io::Write;
    let n = 1 << 20;
    let text = format!("乾統元年。{}", "a".repeat(n));
    let before = status_bytes("VmRSS:");
    let lines = view::lay_out(&text, 0..text.len(), 1, false);
    let mut out = std::io::sink();
    let mut count = 0;
    for l in view::to_plain_lines(&text, &lines) {
        writeln!(out, "{l}").unwrap();
        count += 1;
    }
    let peak = status_bytes("VmHWM:").saturating_sub(before);
    assert_eq!(count, lines.len());
    assert!(lines.len() > n);
    let per_line = peak / lines.len();
    let doc_line = std::mem::size_of::<DocLine>();
    // The document's lines, and a little room (the last line printed, the allocator's
    // own bookkeeping); before, 96 bytes a line.
    assert!(
        per_line <= doc_line + 16,
        "{peak} bytes at the peak for {} lines: {per_line} a line (a DocLine is {doc_line})",
        lines.len()
    );
}
