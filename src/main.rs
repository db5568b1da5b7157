//! The `annals` binary: parse arguments, load the text, then run a command or the reader.
//! The only place that prints errors and warnings and chooses the exit status: 0 found,
//! 1 nothing found, 2 error (128 + N when signal N ended the reader).

use std::io;
use std::mem::ManuallyDrop;
use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;

use annals::cli::{self, Cli, Command, Outcome, Placeholders, SearchOptions, YearNotFound};
use annals::source::{self, Opened, Origin};

/// Print a line to standard error, never panicking: after the terminal is closed under
/// the reader (a hangup), stderr is gone, and a failed message must not become a crash.
/// Messages name files and quote their text: control characters in them are shown as
/// placeholders, never obeyed ([`Placeholders`]).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(Placeholders::new(std::io::stderr().lock()), $($arg)*);
    }};
}

fn main() -> ExitCode {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    fix_mmap_threshold();
    // A panic is a bug of annals, never of the text: say so in one plain message, with the
    // place in the source a report needs, not the default's advice about backtraces. (The
    // reader puts the terminal back first: its hook runs this one after.)
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| info.payload().downcast_ref::<String>().map(String::as_str))
            .unwrap_or("unknown failure");
        let place = info
            .location()
            .map_or_else(String::new, |l| format!(" ({}:{})", l.file(), l.line()));
        say!(
            "annals: internal error: {what}\n\
             annals: a bug in annals{place}, not a fault of the text; please report it \
             with the file and the command that showed it"
        );
    }));
    match run() {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (annals list | head) is not an error worth a message.
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            // `show` of a year the text has no entry for: nothing found, and why.
            if let Some(missed) = e.downcast_ref::<YearNotFound>() {
                say!("annals: {missed}");
                for p in &missed.passages {
                    say!("annals: {p}");
                }
                return ExitCode::from(1);
            }
            // `date` of a day that does not exist: nothing found, and why.
            if let Some(missed) = e.downcast_ref::<cli::DateNotFound>() {
                say!("annals: {missed}");
                return ExitCode::from(1);
            }
            say!("annals: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether the error, or any error under it, is a write to a closed pipe: an
/// `io::Error`, or a `serde_json::Error` made of one (which hides it from `chain`).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        let kind = match cause.downcast_ref::<io::Error>() {
            Some(io) => Some(io.kind()),
            None => cause
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind),
        };
        kind == Some(io::ErrorKind::BrokenPipe)
    })
}

/// Fix glibc's threshold above which a block is mapped on its own, at its starting value
/// (128 KiB). Left to itself, glibc raises it to the size of any such block freed, and
/// then puts blocks up to that size in its heaps, which keep them once freed: when one of
/// the scan's two threads finished first and freed its big lists, the other's next lists
/// of events landed in a heap, and `annals list` on a 100 MiB text peaked up to 13 MiB
/// higher from one run to the next.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn fix_mmap_threshold() {
    /// mallopt's parameter for the threshold (malloc.h).
    const M_MMAP_THRESHOLD: i32 = -3;
    unsafe extern "C" {
        fn mallopt(param: i32, value: i32) -> i32;
    }
    // SAFETY: mallopt(3) sets one of glibc's allocator parameters to a valid value; it
    // is called before any thread is started.
    unsafe {
        mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    }
}

fn run() -> Result<ExitCode> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            // A usage error quotes the arguments, file names among them: shown safely
            // (without clap's colours), and exit 2.
            say!("{}", e.render().to_string().trim_end());
            return Ok(ExitCode::from(2));
        }
        Err(e) => {
            // --help and --version print and succeed.
            let _ = e.print();
            return Ok(ExitCode::SUCCESS);
        }
    };
    let enc = cli.encoding.as_deref();
    // Everything a command prints passes through the placeholder rule, so nothing from a
    // file reaches a terminal raw, even through a pipe.
    let mut stdout = Placeholders::new(io::stdout().lock());
    let outcome = match cli.command {
        None => {
            let first = Origin::from_arg(cli.file.as_deref());
            let second = cli.other.as_deref().map(|o| Origin::from_arg(Some(o)));
            return reader(&first, second.as_ref(), enc, cli.start);
        }
        Some(Command::List(f)) => {
            let origin = Origin::from_arg(f.file.as_deref());
            let o = open_once(&origin, enc)?;
            // What `list` writes is shown by the placeholder rule already: no filter.
            let outcome = cli::list(&o.chronicle, &mut io::stdout().lock())?;
            if outcome == Outcome::NothingFound {
                say!(
                    "annals: {}: no year headings found (`annals check` says what was read)",
                    origin.name()
                );
            }
            outcome
        }
        Some(Command::Show {
            year,
            file,
            other,
            width,
            cite,
        }) => {
            // The file first and the year after (`show FILE YEAR`, as `search FILE QUERY`
            // reads): taken as meant where the "year" is a file and the "file" is not.
            let (year, file) = match file.file {
                Some(f) if !f.exists() && std::path::Path::new(&year).is_file() => (
                    f.to_string_lossy().into_owned(),
                    Some(std::path::PathBuf::from(year)),
                ),
                f => (year, f),
            };
            let o = open_once(&Origin::from_arg(file.as_deref()), enc)?;
            let width = width.map(usize::from).unwrap_or_else(terminal_width);
            match other {
                Some(other) => {
                    let b = open_once(&Origin::from_arg(Some(&other)), enc)?;
                    let texts = [&o.chronicle, &b.chronicle];
                    cli::show_both(texts, &year, width, cite, &mut stdout)?
                }
                None if cite => cli::show_cite(&o.chronicle, &year, &mut stdout)?,
                None => cli::show(&o.chronicle, &year, width, &mut stdout)?,
            }
        }
        Some(Command::Search {
            query,
            file,
            count,
            json,
            exact,
            regex,
            no_notes,
        }) => {
            let opts = SearchOptions {
                count,
                json,
                exact,
                regex,
                no_notes,
            };
            // `annals search FILE QUERY`, the file first: taken as meant where the "query"
            // is a file and the "file" is not, as `show` takes it.
            let (query, file) = match file.file {
                Some(f)
                    if !f.exists()
                        && f.as_os_str() != "-"
                        && std::path::Path::new(&query).is_file() =>
                {
                    (
                        f.to_string_lossy().into_owned(),
                        Some(std::path::PathBuf::from(query)),
                    )
                }
                f => (query, f),
            };
            let origin = Origin::from_arg(file.as_deref());
            if count {
                // Counting needs no segmentation: one pass over the text.
                let loaded = source::read_mapped(&origin, enc)?;
                tell(&loaded.notes, &loaded.warnings);
                cli::search_count(&loaded.text, &query, opts, &mut stdout)?
            } else {
                let o = open_once(&origin, enc)?;
                cli::search(&o.chronicle, &query, opts, &mut stdout)?
            }
        }
        Some(Command::Export { file, .. }) => {
            let o = open_once(&Origin::from_arg(file.file.as_deref()), enc)?;
            cli::export_json(&o.chronicle, &mut stdout)?
        }
        Some(Command::Date {
            query,
            json,
            gregorian,
        }) => {
            let opts = cli::DateOptions { json, gregorian };
            cli::date_words(&query, opts, &mut stdout)?
        }
        Some(Command::Check(f)) => {
            // `check` reports the decoding warnings itself, in its output.
            let o = ManuallyDrop::new(source::open_mapped(
                &Origin::from_arg(f.file.as_deref()),
                enc,
            )?);
            cli::check(&o, &mut stdout)?
        }
    };
    Ok(match outcome {
        Outcome::Found => ExitCode::SUCCESS,
        Outcome::NothingFound => ExitCode::from(1),
    })
}

/// The reader over the text at `origin` (and `other` beside it, when given); the texts are
/// loaded before the terminal is taken, so a bad file gets an ordinary message.
#[cfg(feature = "tui")]
fn reader(
    origin: &Origin,
    other: Option<&Origin>,
    enc: Option<&str>,
    at_start: bool,
) -> Result<ExitCode> {
    let ended = match other {
        // One text opens without its time marks: the reader finds an entry's when it
        // shows it. A big file opens on its first part while the whole is read.
        None => {
            use annals::tui::progressive::{BIG, FIRST_PART};
            match source::first_part(origin, enc, BIG, FIRST_PART) {
                Some(first) => {
                    let ended = annals::tui::run_progressive(first, origin.clone(), at_start)?;
                    tell(&[], &ended.later);
                    ended
                }
                None => {
                    let opened = source::read(origin, enc)?.parse_lazy();
                    tell(&opened.notes, &opened.warnings);
                    annals::tui::run(opened, at_start)?
                }
            }
        }
        Some(other) => {
            if matches!((origin, other), (Origin::Stdin, Origin::Stdin)) {
                anyhow::bail!("standard input can be only one of the two texts");
            }
            let opened = source::open(origin, enc)?;
            tell(&opened.notes, &opened.warnings);
            let second = source::open(other, enc)?;
            tell(&second.notes, &second.warnings);
            annals::tui::run_two(opened, second, at_start)?
        }
    };
    if let Some(problem) = &ended.problem {
        say!("annals: {problem}");
    }
    Ok(match ended.signal {
        // Killed by a signal: exit as the shell expects.
        Some(sig) => ExitCode::from(u8::try_from(128 + sig).unwrap_or(u8::MAX)),
        None => ExitCode::SUCCESS,
    })
}

/// Without the `tui` feature there is no reader: say so.
#[cfg(not(feature = "tui"))]
fn reader(
    origin: &Origin,
    other: Option<&Origin>,
    enc: Option<&str>,
    _at_start: bool,
) -> Result<ExitCode> {
    // The texts are still checked, so a bad file gets its own message.
    let _ = source::read(origin, enc)?;
    if let Some(other) = other {
        let _ = source::read(other, enc)?;
    }
    anyhow::bail!("this build has no reader (built without the `tui` feature); try `annals list`")
}

/// Load and segment a text for one command, printing its notes and decoding warnings.
/// The model is never freed: the process ends after the command, and freeing a big model
/// piece by piece costs more than writing all of `annals list`.
fn open_once(origin: &Origin, enc: Option<&str>) -> Result<ManuallyDrop<Opened>> {
    let o = source::open_mapped(origin, enc)?;
    tell(&o.notes, &o.warnings);
    Ok(ManuallyDrop::new(o))
}

/// Print what loading a text had to say: notes (which files of a folder were read), then
/// warnings.
fn tell(notes: &[String], warnings: &[String]) {
    for n in notes {
        say!("annals: note: {n}");
    }
    for w in warnings {
        say!("annals: warning: {w}");
    }
}

/// The terminal's width when standard output is one, else 80.
fn terminal_width() -> usize {
    #[cfg(feature = "tui")]
    if std::io::IsTerminal::is_terminal(&io::stdout()) {
        if let Ok((w, _)) = ratatui::crossterm::terminal::size() {
            if w > 0 {
                return usize::from(w);
            }
        }
    }
    80
}
