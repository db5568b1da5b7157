//! A session of the real binary in a pseudo-terminal, read back through a terminal
//! emulator (vt100): typing, resizing, signals, hanging up, waiting for screen text; and
//! checks of what a session leaves behind. Each session gets its own temp dir as HOME,
//! state directory and working directory, and a cleared environment.

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

use crate::harness::TempDir;

/// How long any one wait may take before the test fails.
pub(super) const TIMEOUT: Duration = Duration::from_secs(10);
/// How often waits look again.
pub(super) const POLL: Duration = Duration::from_millis(20);

/// What crossterm writes to take and give back the terminal.
pub(super) const ALT_ENTER: &str = "\x1b[?1049h";
pub(super) const ALT_LEAVE: &str = "\x1b[?1049l";
pub(super) const CURSOR_HIDE: &str = "\x1b[?25l";
pub(super) const CURSOR_SHOW: &str = "\x1b[?25h";
pub(super) const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1002h\x1b[?1003h\x1b[?1015h\x1b[?1006h";
pub(super) const MOUSE_OFF: &str = "\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l";
/// `tui::restore`: mouse off, alternate screen left, cursor shown — in one write.
pub(super) const RESTORE: &str =
    "\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?1049l\x1b[?25h";

/// The end of the status line, the last thing a frame draws: once it is there, the
/// first frame is whole.
pub(super) const READY: &str = "? help  q quit";
pub(super) const PANIC_MESSAGE: &str = "test panic requested with ANNALS_TEST_PANIC_KEY";

/// The reader running in a pseudo-terminal.
pub(super) struct Tui {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// The master end (`None` once the terminal was hung up).
    master: Option<Box<dyn MasterPty + Send>>,
    /// Asks the reader thread to let go of its copy of the master end.
    let_go: Arc<AtomicBool>,
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    status: Option<ExitStatus>,
    /// The temp dir (HOME, state, working directory), when this session owns it.
    _dir: Option<TempDir>,
}

impl Tui {
    /// The reader on its embedded text at `cols`×`rows`.
    pub(super) fn start(cols: u16, rows: u16) -> Tui {
        Tui::spawn(cols, rows, &[], &[], |_| {})
    }

    /// `annals ARGS` with extra environment `env`, in a `cols`×`rows` terminal; `setup`
    /// may put files in the temp dir first (it is the working directory and HOME).
    pub(super) fn spawn(
        cols: u16,
        rows: u16,
        args: &[&str],
        env: &[(&str, &str)],
        setup: impl FnOnce(&Path),
    ) -> Tui {
        let dir = TempDir::new("pty");
        setup(dir.path());
        let mut t = Tui::spawn_in(dir.path(), cols, rows, args, env);
        t._dir = Some(dir);
        t
    }

    /// Like [`Tui::spawn`], with `home` as HOME, state and working directory (kept after
    /// the session: for tests of what one session leaves for the next).
    pub(super) fn spawn_in(
        home: &Path,
        cols: u16,
        rows: u16,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("opening a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_annals"));
        cmd.args(args);
        // A known environment: no NO_COLOR, no test hooks, nothing of the user's.
        cmd.env_clear();
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("HOME", home);
        cmd.env("XDG_STATE_HOME", home.join("state"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(home);
        let child = pair.slave.spawn_command(cmd).expect("spawning annals");
        // Only the child holds the slave: when it exits, reads from the master end.
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut from_pty = pair.master.try_clone_reader().expect("pty reader");
        let let_go = Arc::new(AtomicBool::new(false));
        let (p, r, stop) = (Arc::clone(&parser), Arc::clone(&raw), Arc::clone(&let_go));
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 16 * 1024];
            loop {
                match from_pty.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        r.lock().unwrap().extend_from_slice(&buf[..n]);
                        let mut parser = p.lock().unwrap();
                        // vt100 (0.16) overflows on some sequences at tiny sizes (a frame
                        // for a wider screen still arriving after a resize to 1 or 2
                        // columns). That is the test terminal failing, not the program:
                        // start a fresh screen of the same size; the program redraws
                        // all of it after every resize.
                        let processed =
                            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                parser.process(&buf[..n])
                            }));
                        if processed.is_err() {
                            let (rows, cols) = parser.screen().size();
                            *parser = vt100::Parser::new(rows, cols, 0);
                        }
                    }
                }
                if stop.load(Ordering::SeqCst) {
                    break;
                }
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Tui {
            parser,
            raw,
            master: Some(pair.master),
            let_go,
            writer: Some(writer),
            child,
            reader: Some(reader),
            status: None,
            _dir: None,
        }
    }

    /// Type `keys` (bytes as a terminal sends them).
    pub(super) fn send(&mut self, keys: &str) {
        let w = self.writer.as_mut().expect("the terminal");
        w.write_all(keys.as_bytes()).expect("writing to the pty");
        w.flush().expect("flushing the pty");
    }

    /// Esc alone, then a pause so that the next key is not read as Alt+key.
    pub(super) fn esc(&mut self) {
        self.send("\x1b");
        std::thread::sleep(Duration::from_millis(100));
    }

    /// What the screen shows, row by row.
    pub(super) fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Row `r` of the screen (0-based), trailing blanks trimmed.
    pub(super) fn row(&self, r: u16) -> String {
        let p = self.parser.lock().unwrap();
        let (_, cols) = p.screen().size();
        p.screen()
            .rows(0, cols)
            .nth(usize::from(r))
            .unwrap_or_default()
            .trim_end()
            .to_owned()
    }

    /// The bottom row: status line or prompt.
    pub(super) fn status(&self) -> String {
        let rows = self.parser.lock().unwrap().screen().size().0;
        self.row(rows - 1)
    }

    /// The heading of the text pane (right of the timeline's separator).
    pub(super) fn heading(&self) -> String {
        let r = self.row(0);
        match r.split_once('│') {
            Some((_, h)) => h.trim().to_owned(),
            None => r.trim().to_owned(),
        }
    }

    /// Run `f` on the emulated screen.
    pub(super) fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.parser.lock().unwrap().screen())
    }

    /// Every byte the program wrote so far.
    pub(super) fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Wait until `pred` holds for the screen's text; fail, showing the screen, if it does
    /// not within `timeout` or if the program ends first.
    pub(super) fn wait_for(&mut self, what: &str, timeout: Duration, pred: impl Fn(&str) -> bool) {
        self.wait_for_screen(what, timeout, |s| pred(&s.contents()));
    }

    /// [`Tui::wait_for`] on the whole emulated screen (cells, attributes, size).
    pub(super) fn wait_for_screen(
        &mut self,
        what: &str,
        timeout: Duration,
        pred: impl Fn(&vt100::Screen) -> bool,
    ) {
        let start = Instant::now();
        loop {
            if self.with_screen(&pred) {
                return;
            }
            if let Some(status) = self.try_status() {
                // The last output may still be on its way to the parser.
                self.finish_reader();
                if self.with_screen(&pred) {
                    return;
                }
                panic!(
                    "waiting for {what}: the program ended ({status:?}); screen:\n{}\nraw tail: {:?}",
                    self.screen(),
                    tail(&self.raw(), 600)
                );
            }
            if start.elapsed() > timeout {
                panic!(
                    "timed out after {timeout:?} waiting for {what}; screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Wait until the screen shows `text`.
    pub(super) fn wait_text(&mut self, text: &str) {
        self.wait_for(&format!("{text:?}"), TIMEOUT, |s| s.contains(text));
    }

    /// Wait until the text pane's heading starts with `label`.
    pub(super) fn wait_heading(&mut self, label: &str) {
        let start = Instant::now();
        loop {
            let h = self.heading();
            if h.starts_with(label) {
                return;
            }
            assert!(
                start.elapsed() < TIMEOUT && self.try_status().is_none(),
                "waiting for the heading {label:?}, it is {h:?}; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(POLL);
        }
    }

    /// Wait until the status line contains `text`.
    pub(super) fn wait_status(&mut self, text: &str) {
        let start = Instant::now();
        loop {
            let s = self.status();
            if s.contains(text) {
                return;
            }
            assert!(
                start.elapsed() < TIMEOUT && self.try_status().is_none(),
                "waiting for {text:?} in the status line, it is {s:?}; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(POLL);
        }
    }

    /// The exit status, if the program has ended.
    pub(super) fn try_status(&mut self) -> Option<ExitStatus> {
        if self.status.is_none() {
            if let Ok(Some(s)) = self.child.try_wait() {
                self.status = Some(s);
            }
        }
        self.status.clone()
    }

    /// Wait for the program to end (killing it, and failing, after `timeout`), then for
    /// its last output to reach the parser.
    pub(super) fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(s) = self.try_status() {
                break s;
            }
            if start.elapsed() > timeout {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!(
                    "the program did not end within {timeout:?}; screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(POLL);
        };
        self.finish_reader();
        status
    }

    /// Wait (a bounded time) for the reader thread to see the end of the output.
    pub(super) fn finish_reader(&mut self) {
        let start = Instant::now();
        while self.reader.as_ref().is_some_and(|r| !r.is_finished()) {
            if start.elapsed() > Duration::from_secs(5) {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
    }

    /// Resize the terminal (emulator first, then the pty, which signals the program).
    pub(super) fn resize(&mut self, cols: u16, rows: u16) {
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows, cols);
        self.master
            .as_ref()
            .expect("the terminal")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resizing the pty");
    }

    /// Send a signal (TERM, HUP, …) to the program.
    pub(super) fn kill(&mut self, signal: &str) {
        let pid = self.child.process_id().expect("the child's pid");
        let ok = Command::new("kill")
            .args([format!("-{signal}"), pid.to_string()])
            .status()
            .expect("running kill")
            .success();
        assert!(ok, "kill -{signal} {pid} failed");
    }

    /// Whether the terminal is in canonical, echoing mode (that is, not raw).
    pub(super) fn cooked(&self) -> bool {
        let master = self.master.as_ref().expect("the terminal");
        let t = master.get_termios().expect("the pty's termios");
        let flags = format!("{:?}", t.local_flags);
        let has = |name: &str| {
            flags
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| w == name)
        };
        has("ICANON") && has("ECHO")
    }

    /// Close the terminal, as when its window is closed: every copy of the master end.
    /// The reader thread lets go of its copy after the output that `wake` (a key) causes.
    pub(super) fn hang_up(&mut self, wake: &str) {
        self.let_go.store(true, Ordering::SeqCst);
        self.send(wake);
        self.finish_reader();
        assert!(self.reader.is_none(), "the reader let go");
        drop(self.writer.take());
        drop(self.master.take());
    }

    /// Wait for the first drawing: a year, or the too-small notice (`…` where no word of
    /// it fits). Tests then wait for what they need (the status line is drawn last).
    pub(super) fn ready(mut self) -> Tui {
        self.wait_for("the first screen", TIMEOUT, |s| {
            s.contains("乾統元年") || s.contains("small") || s.starts_with('…')
        });
        self
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if self.try_status().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        drop(self.writer.take());
        self.finish_reader();
    }
}

/// The last `n` bytes, for messages.
pub(super) fn tail(raw: &[u8], n: usize) -> String {
    String::from_utf8_lossy(&raw[raw.len().saturating_sub(n)..]).into_owned()
}

pub(super) fn find_last(hay: &[u8], needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.windows(n.len()).rposition(|w| w == n)
}

pub(super) fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

/// The terminal is given back: the alternate screen was entered and then left, mouse
/// reporting turned off after it was turned on, the cursor shown after it was last
/// hidden, raw mode off; and the emulator agrees.
pub(super) fn assert_restored(t: &Tui) {
    let raw = t.raw();
    let enter = find_last(&raw, ALT_ENTER).expect("the alternate screen was entered");
    let leave = find_last(&raw, ALT_LEAVE).expect("the alternate screen was left");
    assert!(leave > enter, "left the alternate screen after entering it");
    let mouse_on = find_last(&raw, MOUSE_ON).expect("mouse capture was turned on");
    let mouse_off = find_last(&raw, MOUSE_OFF).expect("mouse capture was turned off");
    assert!(mouse_off > mouse_on, "mouse capture turned off after on");
    let restore = find_last(&raw, RESTORE).expect("the restore sequence was written");
    assert!(restore > enter);
    let show = find_last(&raw, CURSOR_SHOW).expect("the cursor was shown");
    if let Some(hide) = find_last(&raw, CURSOR_HIDE) {
        assert!(show > hide, "cursor shown after it was last hidden");
    }
    t.with_screen(|s| {
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.hide_cursor(), "cursor still hidden");
        assert_eq!(s.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    });
    assert!(t.cooked(), "raw mode is still on");
}

/// The output ends with the restore sequence (and nothing after it but more
/// cursor-shows, which ratatui's `Terminal` writes again when dropped).
pub(super) fn assert_ends_with_restore(raw: &[u8]) {
    let mut end = raw;
    while let Some(rest) = end.strip_suffix(CURSOR_SHOW.as_bytes()) {
        end = rest;
    }
    let mut end = end.to_vec();
    end.extend_from_slice(CURSOR_SHOW.as_bytes());
    assert!(
        end.ends_with(RESTORE.as_bytes()),
        "the output does not end with the restore sequence; tail: {:?}",
        tail(raw, 200)
    );
}

/// A timeline row: label, hit count (if any) and CE year, left of the separator.
pub(super) fn timeline_row(row: &str) -> Option<(String, Option<u32>, String)> {
    let (left, _) = row.split_once('│')?;
    let words: Vec<&str> = left.split_whitespace().filter(|w| *w != "·").collect();
    match words.as_slice() {
        [label, n, year] => Some((label.to_string(), n.parse().ok(), year.to_string())),
        [label, year] => Some((label.to_string(), None, year.to_string())),
        _ => None,
    }
}

/// Whether some cell in the text pane showing `ch` is highlighted (reversed or coloured).
pub(super) fn highlighted(s: &vt100::Screen, ch: &str, from_col: u16) -> bool {
    let (rows, cols) = s.size();
    (0..rows).any(|r| {
        (from_col..cols).any(|c| {
            s.cell(r, c).is_some_and(|cell| {
                cell.contents() == ch && (cell.inverse() || cell.bgcolor() != vt100::Color::Default)
            })
        })
    })
}

/// The scroll position the status line shows (the first `NN%`).
pub(super) fn percent(status: &str) -> u32 {
    status
        .split_whitespace()
        .find_map(|w| w.strip_suffix('%')?.parse().ok())
        .unwrap_or_else(|| panic!("no percentage in {status:?}"))
}
