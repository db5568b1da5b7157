//! The interactive reader: a year timeline, the selected year's text laid out by display
//! width, search and jump prompts. One way through: input (keys, typing, the mouse,
//! resizes) becomes an [`action::Action`] through [`keymap`]; [`app::App::apply`] changes
//! the state; [`ui`] only reads it and draws. This module owns the terminal: it takes it
//! only after the text is loaded and always gives it back — on quit, on Ctrl-C, on
//! SIGTERM/SIGHUP/SIGINT/SIGQUIT, while stopped by SIGTSTP, and on panic — and returns how the reader ended rather than
//! exiting.

pub mod action;
pub mod app;
pub mod clipboard;
pub mod keymap;
pub mod progressive;
pub mod theme;
pub mod ui;

use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEvent, KeyEventKind,
};
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

use crate::model::Chronicle;
use crate::model::bilingual::Bilingual;
use crate::source::{FirstPart, Opened, Origin};
use action::Action;
use app::{App, ParallelApp};
use theme::Theme;

/// How the reader ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ended {
    /// The signal that ended it (SIGTERM, SIGHUP, SIGINT), if one did: the process should
    /// exit with 128 + its number, as the shell expects.
    pub signal: Option<i32>,
    /// Why the reading position could not be saved, if it could not.
    pub problem: Option<String>,
    /// Decoding warnings found after the screen was taken (a big file's, read while its
    /// first part was shown), to print once the terminal is back.
    pub later: Vec<String>,
}

/// What the event loop runs: the reader of one text ([`App`]), or of two side by side
/// ([`ParallelApp`]). Each changes only through `apply` and draws by only reading itself.
pub trait Screen {
    /// Carry out one action.
    fn apply(&mut self, action: Action);
    /// The key scope now (which bindings apply, whether keys type).
    fn scope(&self) -> keymap::Scope;
    /// Whether the user asked to quit.
    fn quitting(&self) -> bool;
    /// The terminal size it is laid out for.
    fn laid_out_for(&self) -> (u16, u16);
    /// The reading position to remember: a byte offset into the (first) text's source.
    fn source_position(&self) -> usize;
    /// Draw the screen.
    fn draw(&self, frame: &mut ratatui::Frame<'_>, theme: &Theme);
    /// Text waiting to go to the clipboard, taken.
    fn take_clipboard(&mut self) -> Option<String>;
    /// Warnings to print once the terminal is back, taken.
    fn said_later(&mut self) -> Vec<String> {
        Vec::new()
    }
    /// Whether a model of the whole text is still being made (the screen shows a part).
    fn pending(&self) -> bool {
        false
    }
    /// Take the model of the whole text in if it is ready (with `wait`, once it is);
    /// whether the screen changed.
    fn update(&mut self, _wait: bool) -> bool {
        false
    }
}

impl Screen for App<'_> {
    fn apply(&mut self, action: Action) {
        App::apply(self, action);
    }
    fn scope(&self) -> keymap::Scope {
        App::scope(self)
    }
    fn quitting(&self) -> bool {
        self.quit
    }
    fn laid_out_for(&self) -> (u16, u16) {
        self.size
    }
    fn source_position(&self) -> usize {
        App::source_position(self)
    }
    fn draw(&self, frame: &mut ratatui::Frame<'_>, theme: &Theme) {
        ui::draw(frame, self, theme);
    }
    fn take_clipboard(&mut self) -> Option<String> {
        self.clipboard.take()
    }
}

impl Screen for ParallelApp<'_> {
    fn apply(&mut self, action: Action) {
        ParallelApp::apply(self, action);
    }
    fn scope(&self) -> keymap::Scope {
        ParallelApp::scope(self)
    }
    fn quitting(&self) -> bool {
        self.quit
    }
    fn laid_out_for(&self) -> (u16, u16) {
        self.size
    }
    fn source_position(&self) -> usize {
        ParallelApp::source_position(self)
    }
    fn draw(&self, frame: &mut ratatui::Frame<'_>, theme: &Theme) {
        ui::parallel::draw(frame, self, theme);
    }
    fn take_clipboard(&mut self) -> Option<String> {
        self.clipboard.take()
    }
}

/// Run the reader over an opened text until the user quits or a signal ends it. The
/// terminal is given back before this returns, whatever happened. A bilingual edition
/// (original and translation in alternating paragraphs) opens as two panes. `at_start`:
/// open at the first year, not at the remembered reading position.
pub fn run(opened: Opened, at_start: bool) -> Result<Ended> {
    // The reader lives until the process ends; a 'static model keeps the app simple.
    let chron: &'static Chronicle = Box::leak(Box::new(opened.chronicle));
    let warnings = opened.warnings;
    match Bilingual::detect(chron) {
        Some(b) => {
            let units: &'static Bilingual = Box::leak(Box::new(b));
            run_screen(
                &opened.origin,
                chron.text.len(),
                &warnings,
                at_start,
                |w, h| ParallelApp::bilingual(chron, units, w, h),
            )
        }
        None => run_screen(
            &opened.origin,
            chron.text.len(),
            &warnings,
            at_start,
            |w, h| App::new(chron, w, h),
        ),
    }
}

/// Run the reader over a big file: its first part (`first`, read by
/// [`crate::source::first_part`]) is shown at once, while a thread reads and segments the
/// whole file at `origin` (see [`progressive`]).
///
/// Errors: as [`run`]'s, and the thread could not be started.
pub fn run_progressive(first: FirstPart, origin: Origin, at_start: bool) -> Result<Ended> {
    // Started before the terminal is taken, at its size then; a later size is applied
    // when the whole arrives.
    let (width, height) = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let mut screen = Some(progressive::Progressive::start(
        first.text,
        origin.clone(),
        width,
        height,
    )?);
    run_screen(&origin, first.file_len, &[], at_start, |w, h| {
        let mut s = screen.take().expect("made once");
        s.apply(Action::Resize {
            width: w,
            height: h,
        });
        s
    })
}

/// Run the reader over two texts side by side, synced by CE year. The reading position
/// remembered is the first text's.
pub fn run_two(a: Opened, b: Opened, at_start: bool) -> Result<Ended> {
    let first: &'static Chronicle = Box::leak(Box::new(a.chronicle));
    let second: &'static Chronicle = Box::leak(Box::new(b.chronicle));
    let warnings: Vec<String> = a.warnings.into_iter().chain(b.warnings).collect();
    run_screen(&a.origin, first.text.len(), &warnings, at_start, |w, h| {
        ParallelApp::new(first, second, w, h)
    })
}

/// Run `make`'s screen, remembering the reading position of the text at `origin`
/// (`length` bytes long) and, unless `at_start`, reopening where it was; the loading's
/// `warnings` (printed before the screen was taken,
/// where the alternate screen hides them) are said in the status line too.
///
/// Errors: standard output is not a terminal (the reader would write its screen into a
/// file or a pipe and wait for keys nobody sees).
fn run_screen<S: Screen>(
    origin: &Origin,
    length: usize,
    warnings: &[String],
    at_start: bool,
    make: impl FnOnce(u16, u16) -> S,
) -> Result<Ended> {
    use std::io::IsTerminal as _;
    if !io::stdout().is_terminal() {
        anyhow::bail!(
            "the reader needs a terminal, and standard output is not one \
             (to print the text, use `annals show YEAR FILE` or `annals list FILE`)"
        );
    }
    // The reading position is remembered per file (not for standard input).
    let key = match origin {
        Origin::Stdin => None,
        Origin::Embedded => Some(origin.name()),
        Origin::Path(path) => std::fs::canonicalize(path)
            .ok()
            .map(|p| p.to_string_lossy().into_owned()),
    };
    let mut state = crate::state::State::load();
    let stored = key
        .as_deref()
        .filter(|_| !at_start)
        .and_then(|k| state.position(k, length));
    let problem = state.problem.take();
    // Whoever ends the reader — the loop, or the signal watcher when the loop is stuck —
    // takes the saver and writes the last position the loop published.
    let saver = Arc::new(Mutex::new(key.map(|key| Saver { state, key, length })));
    let position = Arc::new(AtomicUsize::new(NO_POSITION));
    let signal = Arc::new(AtomicUsize::new(0));
    let redraw = Arc::new(AtomicBool::new(false));
    watch_signals(
        Arc::clone(&signal),
        Arc::clone(&redraw),
        Arc::clone(&position),
        Arc::clone(&saver),
    )
    .context("installing signal handlers")?;
    let mut terminal = enter().context("taking the terminal")?;
    let size = terminal.size().unwrap_or_default();
    let mut app = make(size.width, size.height);
    if let Some(offset) = stored {
        app.apply(Action::GoToSource(offset));
    }
    if let Some(first) = warnings.first() {
        let more = match warnings.len() {
            1 => String::new(),
            n => format!(
                " (and {} more, in the terminal when the reader ends)",
                n - 1
            ),
        };
        app.apply(Action::Notice(format!("{first}{more}")));
    }
    if let Some(problem) = problem {
        app.apply(Action::Notice(problem));
    }
    let result = event_loop(&mut terminal, &mut app, &signal, &position, &redraw);
    restore();
    // `restore` has shown the cursor. Dropping the terminal would show it again and, when
    // the terminal is gone (a hangup), print the failure with `eprintln!` — which panics on
    // a closed stderr. The process ends soon; nothing needs freeing.
    std::mem::forget(terminal);
    let problem = save(&saver, app.source_position())
        .err()
        .map(|e| format!("could not save the reading position: {e}"));
    let later = app.said_later();
    let mut sig = signal.load(Ordering::SeqCst);
    // A closed terminal fails the loop's read or write before its SIGHUP is seen: give the
    // signal a moment to arrive, so that the reader ends as hung up, not with an error.
    for _ in 0..HANGUP_WAIT_STEPS {
        if sig != 0 || result.is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        sig = signal.load(Ordering::SeqCst);
    }
    if sig != 0 {
        // Killed by a signal: the terminal is back; the caller exits as the shell expects.
        return Ok(Ended {
            signal: Some(sig as i32),
            problem,
            later,
        });
    }
    match (result, problem) {
        (Ok(()), problem) => Ok(Ended {
            signal: None,
            problem,
            later,
        }),
        (Err(e), None) => Err(e),
        (Err(e), Some(p)) => Err(e.context(p)),
    }
}

/// How many 10 ms steps the reader waits, after its loop failed, for a signal (a hangup)
/// that may explain the failure.
const HANGUP_WAIT_STEPS: u32 = 30;

type Term = Terminal<CrosstermBackend<Stdout>>;

/// What saving the reading position needs.
struct Saver {
    state: crate::state::State,
    key: String,
    length: usize,
}

/// No position published yet.
const NO_POSITION: usize = usize::MAX;

/// Save `offset` as the reading position, once: the first caller takes the saver.
fn save(saver: &Mutex<Option<Saver>>, offset: usize) -> io::Result<()> {
    let taken = match saver.lock() {
        Ok(mut guard) => guard.take(),
        Err(poisoned) => poisoned.into_inner().take(),
    };
    match taken {
        Some(mut s) => s.state.save_position(&s.key, offset, s.length),
        None => Ok(()),
    }
}

/// How long the event loop gets to notice a signal and leave by itself (it polls every
/// 250 ms) before the watcher gives the terminal back and exits for it.
const SIGNAL_GRACE: Duration = Duration::from_millis(1000);

/// SIGTERM, SIGHUP, SIGINT and SIGQUIT set `flag`; the event loop sees it, leaves,
/// restores the terminal and saves the position. Should the loop be stuck — after a hangup
/// crossterm's poll can spin on a tty that only returns end of file — a watcher thread
/// restores the terminal, saves the last `position` the loop published and exits with
/// 128 + the signal's number after [`SIGNAL_GRACE`].
///
/// SIGTSTP (a `kill -TSTP`, or a job control stop from outside: in raw mode Ctrl-Z sends
/// no signal) gives the terminal back and stops the process as the default action would;
/// on SIGCONT the terminal is taken again and `redraw` asks the loop for a whole frame.
fn watch_signals(
    flag: Arc<AtomicUsize>,
    redraw: Arc<AtomicBool>,
    position: Arc<AtomicUsize>,
    saver: Arc<Mutex<Option<Saver>>>,
) -> io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    use std::os::fd::AsFd;
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    // The watcher writes through its own handle to the terminal: a stuck main thread may
    // hold the lock of `io::stdout()`.
    let mut out = std::fs::File::from(io::stdout().as_fd().try_clone_to_owned()?);
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            let mut ending = None;
            for sig in signals.forever() {
                match sig {
                    SIGTSTP => {
                        let _ = disable_raw_mode();
                        let _ = restore_to(&mut out);
                        // Stops the process here; it goes on after SIGCONT.
                        let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
                    }
                    SIGCONT => {
                        let _ = enable_raw_mode();
                        let _ =
                            execute!(out, EnterAlternateScreen, EnableMouseCapture, cursor::Hide);
                        redraw.store(true, Ordering::SeqCst);
                    }
                    sig => {
                        ending = Some(sig);
                        break;
                    }
                }
            }
            if let Some(sig) = ending {
                flag.store(sig as usize, Ordering::SeqCst);
                std::thread::sleep(SIGNAL_GRACE);
                let _ = disable_raw_mode();
                let _ = restore_to(&mut out);
                let offset = position.load(Ordering::SeqCst);
                if offset != NO_POSITION {
                    if let Err(e) = save(&saver, offset) {
                        use std::io::Write as _;
                        let _ = writeln!(
                            std::io::stderr(),
                            "annals: could not save the reading position: {e}"
                        );
                    }
                }
                // The main thread is stuck and cannot return: this thread ends the process.
                std::process::exit(128 + sig);
            }
        })?;
    Ok(())
}

/// Take the terminal: raw mode, alternate screen, mouse, hidden cursor; and a panic hook
/// that gives it back before the panic message is printed.
fn enter() -> io::Result<Term> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    enable_raw_mode()?;
    let mut out = io::stdout();
    if let Err(e) = execute!(out, EnterAlternateScreen, EnableMouseCapture, cursor::Hide) {
        restore();
        return Err(e);
    }
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

/// Give the terminal back: raw mode off, mouse off, alternate screen left, cursor shown.
/// Safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = restore_to(&mut io::stdout());
}

/// The sequences that give the screen back: mouse off, alternate screen left, cursor shown.
fn restore_to(out: &mut impl Write) -> io::Result<()> {
    execute!(out, DisableMouseCapture, LeaveAlternateScreen, cursor::Show)?;
    out.flush()
}

fn event_loop<S: Screen>(
    terminal: &mut Term,
    app: &mut S,
    signal: &AtomicUsize,
    position: &AtomicUsize,
    redraw: &AtomicBool,
) -> Result<()> {
    let theme = Theme::from_env();
    // A hidden test hook: a key that panics, to prove the terminal comes back.
    let panic_key = std::env::var("ANNALS_TEST_PANIC_KEY")
        .ok()
        .and_then(|s| s.chars().next());
    let mut dirty = true;
    while !app.quitting() {
        if dirty {
            // Catch up with a size the events have not told yet, so the frame fits.
            if let Ok(size) = terminal.size() {
                if (size.width, size.height) != app.laid_out_for() {
                    app.apply(Action::Resize {
                        width: size.width,
                        height: size.height,
                    });
                }
            }
            terminal.draw(|f| app.draw(f, &theme))?;
            dirty = false;
            if let Some(text) = app.take_clipboard() {
                // After the frame: the terminal puts it on the clipboard.
                let mut out = io::stdout();
                out.write_all(clipboard::osc52(&text).as_bytes())?;
                out.flush()?;
            }
            // For the signal watcher, should this loop get stuck.
            position.store(app.source_position(), Ordering::SeqCst);
        }
        if signal.load(Ordering::SeqCst) != 0 {
            break;
        }
        // The whole text's model, once ready, takes the part's place.
        if app.update(false) {
            dirty = true;
            continue;
        }
        // Back from a stop: the screen is the shell's; draw all of it again.
        if redraw.swap(false, Ordering::SeqCst) {
            // Not `Terminal::clear`, which asks the terminal where its cursor is.
            execute!(io::stdout(), Clear(ClearType::All))?;
            // Both buffers empty, as the screen is: the next frame draws every cell.
            terminal.swap_buffers();
            dirty = true;
            continue;
        }
        // While the whole is being made, look for it often.
        let wait = match app.pending() {
            true => Duration::from_millis(5),
            false => Duration::from_millis(250),
        };
        if !event::poll(wait)? {
            continue;
        }
        // Input acts on the whole text: wait for it.
        app.update(true);
        // Take every pending event before drawing again (a resize storm draws once).
        loop {
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    if let (Some(p), KeyCode::Char(c)) = (panic_key, key.code) {
                        if c == p {
                            panic!("test panic requested with ANNALS_TEST_PANIC_KEY");
                        }
                    }
                    handle_key(app, key);
                }
                // A release or a move asks for nothing; the loop does not wait in `read`
                // for the next event, which would delay this batch's frame and the signal
                // check.
                Event::Mouse(m) => {
                    if let Some(action) = keymap::mouse(m) {
                        app.apply(action);
                    }
                }
                Event::Resize(width, height) => {
                    app.apply(Action::Resize { width, height });
                    // The terminal's idea of the screen changed: redraw all of it.
                    terminal.autoresize()?;
                }
                _ => {}
            }
            dirty = true;
            if app.quitting() || !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
    Ok(())
}

/// One key press: through the keymap to an action, or typed into an open prompt; a key
/// bound to nothing is still input (it dismisses the status message).
pub fn handle_key(app: &mut impl Screen, key: KeyEvent) {
    app.apply(keymap::action(app.scope(), key).unwrap_or(Action::Unbound));
}
