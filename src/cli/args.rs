//! Command-line arguments (clap). `annals [FILE]` opens the reader; the subcommands are the
//! scriptable face of the same model.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// A terminal reader for Chinese annals (編年 history).
///
/// With no FILE, opens the embedded 契丹國志 卷十 天祚皇帝上 (葉隆禮). FILE may be UTF-8,
/// UTF-16, GB18030/GBK or Big5 (detected); `-` reads standard input; a Kanripo folder
/// (`KR…_001.txt`, `KR…_002.txt` …) is read as one book.
#[derive(Debug, Parser)]
#[command(name = "annals", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// The text to read (default: the embedded text; `-` = standard input; a Kanripo
    /// folder = its files in order).
    pub file: Option<PathBuf>,

    /// A second text to read beside the first, year by year (their CE years aligned).
    #[arg(value_name = "OTHER")]
    pub other: Option<PathBuf>,

    /// Open the reader at the book's first year, not where the last reading of the file
    /// stopped (where this one stops is still remembered).
    #[arg(long)]
    pub start: bool,

    /// The file's encoding (utf-8, gb18030, gbk, big5, utf-16le, utf-16be), instead of
    /// detecting it.
    #[arg(long, global = true, value_name = "ENCODING")]
    pub encoding: Option<String>,

    /// What to do instead of opening the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The scriptable commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// One line per reign-year entry: label, CE year, length, first words.
    List(FileArg),
    /// Print one entry laid out in N columns, as the reader shows it.
    Show {
        /// A CE year (1115; before the common era -163, 前163 or 163BC), a label (天慶五年,
        /// 天庆五年, 後元年), an era and number (天慶5), a number in the first entry's era (5),
        /// or an entry's number in `list` order (#7).
        #[arg(allow_negative_numbers = true)]
        year: String,
        #[command(flatten)]
        file: FileArg,
        /// A second text: the same CE year in it is printed after the first's.
        #[arg(value_name = "OTHER")]
        other: Option<PathBuf>,
        /// Columns to lay the text out in (default: the terminal's width, or 80).
        #[arg(long, short = 'w', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        width: Option<u16>,
        /// Print a citation of the year instead of its text: 書名 卷 篇 年 (CE), 頁 — the
        /// page of the base edition where the text marks its pages (Kanripo).
        #[arg(long)]
        cite: bool,
    },
    /// Find a word or phrase; 繁簡 and variant forms fold (天庆 finds 天慶).
    Search {
        /// What to look for (a literal string, or a regular expression with --regex).
        query: String,
        #[command(flatten)]
        file: FileArg,
        /// Print only the number of hits.
        #[arg(long, short = 'c')]
        count: bool,
        /// Print the hits as JSON (label, ce, start, end, context).
        #[arg(long, conflicts_with = "count")]
        json: bool,
        /// Match characters exactly (no 繁簡 folding).
        #[arg(long, short = 'e')]
        exact: bool,
        /// Treat the query as a regular expression.
        #[arg(long, short = 'r', conflicts_with = "exact")]
        regex: bool,
        /// Leave 夾注 out: a Kanripo text's interlinear notes, `(徐廣曰/號有熊)` (they are
        /// searched by default, as 〔徐廣曰號有熊〕).
        #[arg(long)]
        no_notes: bool,
    },
    /// Print the model as JSON: title, volumes, entries with spans, text and marks.
    #[command(override_usage = "annals export --json [FILE]")]
    Export {
        /// JSON output (the only format for now).
        #[arg(long, required = true)]
        json: bool,
        #[command(flatten)]
        file: FileArg,
    },
    /// Report what the segmenter found, and problems for people preparing texts.
    Check(FileArg),
    /// Convert a date: 天慶八年五月壬午 to its day, 1118-05-22 to its Chinese dates.
    ///
    /// A Chinese date gives the day it names (or the first and last days of a month or
    /// year) in the Julian and Gregorian calendars, with its JDN, once per regime whose
    /// era has that name; a day gives the Chinese date in every calendar that has it.
    #[command(
        after_help = "Chinese dates: [REGIME] ERA ORDINAL年 [SEASON] MONTH [DAY], e.g. \
        天慶八年五月壬午, 遼天慶八年五月初一日, 重和元年正月甲申朔, 貞觀元年正月, 北宋 1118年閏九月.\n\
        Days: YYYY-MM-DD, Julian before 1582-10-15 and Gregorian after; a trailing g means \
        proleptic Gregorian, j proleptic Julian; BCE as -0103-11-14 (astronomical: 0 is 1 BCE) \
        or 前104-11-14.\nExit status: 0 found, 1 no such date (with the reason), 2 not a date."
    )]
    Date {
        /// The date (its words may be given as separate arguments).
        #[arg(required = true, num_args = 1.., allow_hyphen_values = true, value_name = "DATE")]
        query: Vec<String>,
        /// Print the readings as JSON.
        #[arg(long)]
        json: bool,
        /// Read an ISO date as proleptic Gregorian (as a trailing g does).
        #[arg(long, short = 'g')]
        gregorian: bool,
    },
}

/// The optional FILE argument of a subcommand.
#[derive(Debug, Args, Clone, Default)]
pub struct FileArg {
    /// The text (default: the embedded text; `-` = standard input; a Kanripo folder = its
    /// files in order).
    pub file: Option<PathBuf>,
}
