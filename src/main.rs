//! The `annals` binary: parse arguments, load the text, then run a command or the reader.

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;

use annals::cli::{Cli, Command};
use annals::commands::{self, Outcome, SearchOptions};

fn main() -> ExitCode {
    match run() {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Err(e) => {
            // A closed pipe (annals list | head) is not an error worth a message.
            if e.downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("annals: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<Outcome> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version print and succeed; usage errors exit 2.
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    let enc = cli.encoding.as_deref();
    let mut stdout = io::stdout().lock();
    match cli.command {
        None => {
            let opened = commands::open(cli.file.as_deref(), enc)?;
            for w in &opened.warnings {
                eprintln!("annals: warning: {w}");
            }
            annals::tui::run(opened)?;
            Ok(Outcome::Found)
        }
        Some(Command::List(f)) => {
            let o = open_once(f.file.as_deref(), enc)?;
            warn(&o.warnings);
            commands::list(&o.chronicle, &mut stdout)
        }
        Some(Command::Show { year, file, width }) => {
            let o = open_once(file.file.as_deref(), enc)?;
            warn(&o.warnings);
            let width = width.map(usize::from).unwrap_or_else(terminal_width);
            commands::show(&o.chronicle, &year, width, &mut stdout)
        }
        Some(Command::Search {
            query,
            file,
            count,
            json,
            exact,
            regex,
        }) => {
            let opts = SearchOptions {
                count,
                json,
                exact,
                regex,
            };
            if count {
                // Counting needs no segmentation: one pass over the text.
                let file = file.file.as_deref();
                let mut err = io::stderr();
                return commands::search_count_file(file, enc, &query, opts, &mut stdout, &mut err);
            }
            let o = open_once(file.file.as_deref(), enc)?;
            warn(&o.warnings);
            commands::search(&o.chronicle, &query, opts, &mut stdout)
        }
        Some(Command::Export { file, .. }) => {
            let o = open_once(file.file.as_deref(), enc)?;
            warn(&o.warnings);
            commands::export_json(&o.chronicle, &mut stdout)
        }
        Some(Command::Check(f)) => {
            let o = open_once(f.file.as_deref(), enc)?;
            commands::check(&o, &mut stdout)
        }
    }
}

/// Load and segment a text for one command. The model is never freed: the process ends
/// after the command, and freeing a big model piece by piece costs more than writing all
/// of `annals list`.
fn open_once(
    file: Option<&std::path::Path>,
    enc: Option<&str>,
) -> Result<std::mem::ManuallyDrop<commands::Opened>> {
    commands::open_mapped(file, enc).map(std::mem::ManuallyDrop::new)
}

fn warn(warnings: &[String]) {
    for w in warnings {
        eprintln!("annals: warning: {w}");
    }
}

/// The terminal's width when standard output is one, else 80.
fn terminal_width() -> usize {
    if io::stdout().is_terminal() {
        if let Ok((w, _)) = ratatui::crossterm::terminal::size() {
            if w > 0 {
                return usize::from(w);
            }
        }
    }
    80
}
