//! The knowledge of time, as data and lookups: CE years ([`year`]), the sexagenary cycle
//! ([`ganzhi`]), Julian Day Numbers and the Julian and Gregorian calendars ([`jdn`]), the
//! eras (年號), rulers' years and regimes of Chinese history ([`era`]), the variant
//! characters their names are written with ([`variants`]), and the historical lunar
//! calendar, month by month ([`months`]).
//!
//! Nothing here knows about texts or terminals: the segmenter, the reader and the command
//! line ask it. Its data is generated from public sources by the scripts in
//! `scripts/calendar/` and embedded from `assets/calendar/` (see the README there for the
//! sources and their licences).

pub mod era;
pub mod ganzhi;
pub mod jdn;
pub mod months;
pub mod variants;
pub mod year;

pub use era::EraTable;
pub use ganzhi::Ganzhi;
pub use year::CeYear;
