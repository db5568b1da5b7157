//! `annals` — a terminal reader for Chinese annals (編年 history).
//!
//! The library holds everything but the terminal: the text model ([`model`]: a chronicle
//! segmented into volumes and reign-year entries with CE years), [`calendar`] (CE years,
//! 干支), [`layout`] (CJK line breaking by display width), [`search`] (繁簡-folded
//! matching), [`source`] (a path, standard input or the embedded text, in any common
//! encoding) and [`view`] (how an entry is presented). The reader (`tui`, behind the
//! default `tui` feature) and the command line ([`cli`]) only read this model; none of
//! the other modules imports a terminal crate, and the library builds without them
//! (`cargo build --lib --no-default-features`, which CI runs).
//!
//! ```
//! use annals::model::Chronicle;
//!
//! let c = Chronicle::embedded();
//! assert_eq!(c.entries.len(), 18);
//! let first = &c.entries[0];
//! assert_eq!(c.label(first), "乾統元年");
//! assert_eq!(first.ce, Some(1101));
//! ```

pub mod calendar;
pub mod cli;
pub mod layout;
pub mod model;
pub mod search;
pub mod source;
pub mod state;
pub mod text;
#[cfg(feature = "tui")]
pub mod tui;
pub mod view;
