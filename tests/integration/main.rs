//! The integration tests, in one binary with a small shared harness ([`harness`]: a temp
//! dir, the binary run as a user runs it, the fixtures), as ripgrep has them.
//!
//! - [`cli`]: every command, exit status and error message of the command line;
//! - [`books`]: the book as printed (issue 16): citations to the page, one year in two
//!   texts, 夾注 searched or left out;
//! - [`segment`]: golden snapshots of the segmentation of every fixture;
//! - [`truth`]: three real books against the year headings a historian marked in them;
//! - [`tui`]: the reader driven through its keymap and drawn into a `TestBackend`;
//! - [`twotext`]: issue 16 in the reader's state: gaps in the timeline, two texts side by
//!   side, a bilingual text as two panes;
//! - [`pty`]: the real binary in a pseudo-terminal (each session with its own HOME, state
//!   directory and a cleared environment), two texts and a bilingual edition included;
//! - [`hostile`], [`properties`], [`fuzz_regressions`]: hostile inputs, property tests,
//!   and every input the fuzzers found a crash with;
//! - [`gen_big`]: the big-input script and the benches' helper make the same bytes.

mod harness;

mod books;
mod cli;
mod fuzz_regressions;
mod gen_big;
mod hostile;
mod properties;
#[cfg(feature = "tui")]
mod pty;
mod segment;
mod truth;
#[cfg(feature = "tui")]
mod tui;
#[cfg(feature = "tui")]
mod twotext;
