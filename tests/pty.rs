//! The reader end to end: the real binary in a pseudo-terminal, its output fed to a
//! terminal emulator (vt100), keys and mouse events typed into it, the screen read back as
//! a user sees it. Also what it leaves behind: every way out (q, Ctrl-C, SIGTERM, SIGHUP,
//! a panic) must give the terminal back — alternate screen left, mouse off, cursor shown,
//! raw mode off — and nothing from the text may reach the terminal as a control sequence.

#![cfg(feature = "tui")]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long any one wait may take before the test fails.
const TIMEOUT: Duration = Duration::from_secs(10);
/// How often waits look again.
const POLL: Duration = Duration::from_millis(20);

/// What crossterm writes to take and give back the terminal.
const ALT_ENTER: &str = "\x1b[?1049h";
const ALT_LEAVE: &str = "\x1b[?1049l";
const CURSOR_HIDE: &str = "\x1b[?25l";
const CURSOR_SHOW: &str = "\x1b[?25h";
const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1002h\x1b[?1003h\x1b[?1015h\x1b[?1006h";
const MOUSE_OFF: &str = "\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l";
/// `tui::restore`: mouse off, alternate screen left, cursor shown — in one write.
const RESTORE: &str = "\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?1049l\x1b[?25h";

/// The end of the status line, the last thing a frame draws: once it is there, the
/// first frame is whole.
const READY: &str = "? help  q quit";
const TOO_SMALL: &str = "annals: terminal too small (need 20×5)";
const PANIC_MESSAGE: &str = "test panic requested with ANNALS_TEST_PANIC_KEY";

// ----- harness -----

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path = std::env::temp_dir().join(format!(
            "annals-pty-{}-{}-{nanos}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&path).expect("creating a temp dir");
        TempDir(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The reader running in a pseudo-terminal.
struct Tui {
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
    fn start(cols: u16, rows: u16) -> Tui {
        Tui::spawn(cols, rows, &[], &[], |_| {})
    }

    /// `annals ARGS` with extra environment `env`, in a `cols`×`rows` terminal; `setup`
    /// may put files in the temp dir first (it is the working directory and HOME).
    fn spawn(
        cols: u16,
        rows: u16,
        args: &[&str],
        env: &[(&str, &str)],
        setup: impl FnOnce(&Path),
    ) -> Tui {
        let dir = TempDir::new();
        setup(dir.path());
        let mut t = Tui::spawn_in(dir.path(), cols, rows, args, env);
        t._dir = Some(dir);
        t
    }

    /// Like [`Tui::spawn`], with `home` as HOME, state and working directory (kept after
    /// the session: for tests of what one session leaves for the next).
    fn spawn_in(home: &Path, cols: u16, rows: u16, args: &[&str], env: &[(&str, &str)]) -> Tui {
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
    fn send(&mut self, keys: &str) {
        let w = self.writer.as_mut().expect("the terminal");
        w.write_all(keys.as_bytes()).expect("writing to the pty");
        w.flush().expect("flushing the pty");
    }

    /// Esc alone, then a pause so that the next key is not read as Alt+key.
    fn esc(&mut self) {
        self.send("\x1b");
        std::thread::sleep(Duration::from_millis(100));
    }

    /// What the screen shows, row by row.
    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Row `r` of the screen (0-based), trailing blanks trimmed.
    fn row(&self, r: u16) -> String {
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
    fn status(&self) -> String {
        let rows = self.parser.lock().unwrap().screen().size().0;
        self.row(rows - 1)
    }

    /// The heading of the text pane (right of the timeline's separator).
    fn heading(&self) -> String {
        let r = self.row(0);
        match r.split_once('│') {
            Some((_, h)) => h.trim().to_owned(),
            None => r.trim().to_owned(),
        }
    }

    /// Run `f` on the emulated screen.
    fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.parser.lock().unwrap().screen())
    }

    /// Every byte the program wrote so far.
    fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Wait until `pred` holds for the screen's text; fail, showing the screen, if it does
    /// not within `timeout` or if the program ends first.
    fn wait_for(&mut self, what: &str, timeout: Duration, pred: impl Fn(&str) -> bool) {
        self.wait_for_screen(what, timeout, |s| pred(&s.contents()));
    }

    /// [`Tui::wait_for`] on the whole emulated screen (cells, attributes, size).
    fn wait_for_screen(
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
    fn wait_text(&mut self, text: &str) {
        self.wait_for(&format!("{text:?}"), TIMEOUT, |s| s.contains(text));
    }

    /// Wait until the text pane's heading starts with `label`.
    fn wait_heading(&mut self, label: &str) {
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
    fn wait_status(&mut self, text: &str) {
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
    fn try_status(&mut self) -> Option<ExitStatus> {
        if self.status.is_none() {
            if let Ok(Some(s)) = self.child.try_wait() {
                self.status = Some(s);
            }
        }
        self.status.clone()
    }

    /// Wait for the program to end (killing it, and failing, after `timeout`), then for
    /// its last output to reach the parser.
    fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
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
    fn finish_reader(&mut self) {
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
    fn resize(&mut self, cols: u16, rows: u16) {
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
    fn kill(&mut self, signal: &str) {
        let pid = self.child.process_id().expect("the child's pid");
        let ok = Command::new("kill")
            .args([format!("-{signal}"), pid.to_string()])
            .status()
            .expect("running kill")
            .success();
        assert!(ok, "kill -{signal} {pid} failed");
    }

    /// Whether the terminal is in canonical, echoing mode (that is, not raw).
    fn cooked(&self) -> bool {
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
    fn hang_up(&mut self, wake: &str) {
        self.let_go.store(true, Ordering::SeqCst);
        self.send(wake);
        self.finish_reader();
        assert!(self.reader.is_none(), "the reader let go");
        drop(self.writer.take());
        drop(self.master.take());
    }

    /// Wait for the first drawing: a year, the too-small notice (at 1×1 just its "a").
    /// Tests then wait for what they need (the status line is drawn last).
    fn ready(mut self) -> Tui {
        self.wait_for("the first screen", TIMEOUT, |s| {
            s.contains("乾統元年") || s.contains("annals: term") || s.starts_with('a')
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
fn tail(raw: &[u8], n: usize) -> String {
    String::from_utf8_lossy(&raw[raw.len().saturating_sub(n)..]).into_owned()
}

fn find_last(hay: &[u8], needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.windows(n.len()).rposition(|w| w == n)
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

/// The terminal is given back: the alternate screen was entered and then left, mouse
/// reporting turned off after it was turned on, the cursor shown after it was last
/// hidden, raw mode off; and the emulator agrees.
fn assert_restored(t: &Tui) {
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
fn assert_ends_with_restore(raw: &[u8]) {
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
fn timeline_row(row: &str) -> Option<(String, Option<u32>, String)> {
    let (left, _) = row.split_once('│')?;
    let words: Vec<&str> = left.split_whitespace().filter(|w| *w != "·").collect();
    match words.as_slice() {
        [label, n, year] => Some((label.to_string(), n.parse().ok(), year.to_string())),
        [label, year] => Some((label.to_string(), None, year.to_string())),
        _ => None,
    }
}

/// Whether some cell in the text pane showing `ch` is highlighted (reversed or coloured).
fn highlighted(s: &vt100::Screen, ch: &str, from_col: u16) -> bool {
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
fn percent(status: &str) -> u32 {
    status
        .split_whitespace()
        .find_map(|w| w.strip_suffix('%')?.parse().ok())
        .unwrap_or_else(|| panic!("no percentage in {status:?}"))
}

// ----- tests -----

#[test]
fn opens_navigates_and_quits_cleanly() {
    let mut t = Tui::start(100, 30).ready();
    t.wait_status(READY);
    let s = t.screen();
    assert!(s.contains("乾統元年") && s.contains("1101"), "{s}");
    assert!(
        t.heading().starts_with("乾統元年 · 1101"),
        "{}",
        t.heading()
    );
    assert!(
        t.status()
            .contains(" 契丹國志 卷十 天祚皇帝上 · 葉隆禮 │ 1/18 │ 1101 │ 100%"),
        "{}",
        t.status()
    );
    t.with_screen(|s| {
        assert!(s.alternate_screen());
        assert!(s.hide_cursor());
        assert_ne!(s.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    });
    assert!(!t.cooked(), "the reader runs in raw mode");

    t.send("G");
    t.wait_heading("天慶八年 · 1118");
    t.wait_status("18/18 │ 1118");
    t.send("g");
    t.wait_heading("乾統元年 · 1101");
    t.send(":1115\r");
    t.wait_heading("天慶五年 · 1115");
    t.wait_status("15/18 │ 1115 │ 56%   天慶五年 (1115)");

    t.send("q");
    let status = t.wait_exit(TIMEOUT);
    assert!(status.success(), "{status:?}");
    assert_restored(&t);
    assert_ends_with_restore(&t.raw());
    // Nothing of the reader is left on the normal screen.
    assert!(!t.screen().contains("契丹國志"), "{}", t.screen());
}

#[test]
fn search_counts_highlights_and_steps_through_hits() {
    let mut t = Tui::start(100, 30).ready();
    t.wait_status(READY);
    t.send("/阿骨打");
    t.wait_status("[繁簡] hit 1/19");
    t.send("\r");
    t.wait_status("19 hits in 6 sections");
    assert!(t.status().contains("hit 1/19"), "{}", t.status());
    // Starting from 乾統元年, the first hit is in 乾統元年 itself.
    assert!(t.heading().starts_with("乾統元年"), "{}", t.heading());
    assert!(t.screen().contains("子阿骨打立"));

    // The timeline counts hits per year, and they add up.
    let counts: Vec<(String, u32)> = (0..29)
        .filter_map(|r| timeline_row(&t.row(r)))
        .filter_map(|(label, n, _)| n.map(|n| (label, n)))
        .collect();
    let want = [
        ("乾統元年", 1),
        ("天慶二年", 7),
        ("天慶三年", 2),
        ("天慶四年", 3),
        ("天慶五年", 1),
        ("天慶八年", 5),
    ];
    let want: Vec<(String, u32)> = want.iter().map(|(l, n)| (l.to_string(), *n)).collect();
    assert_eq!(counts, want, "{}", t.screen());
    assert_eq!(counts.iter().map(|c| c.1).sum::<u32>(), 19);

    // The hit is highlighted in the text pane (right of the 22-column timeline).
    assert!(
        t.with_screen(|s| highlighted(s, "阿", 22)),
        "{}",
        t.screen()
    );
    assert!(!t.with_screen(|s| highlighted(s, "女", 22)));

    t.send("n");
    t.wait_status("hit 2/19");
    t.wait_heading("天慶二年 · 1112");
    t.send("N");
    t.wait_status("hit 1/19");
    t.wait_heading("乾統元年 · 1101");
    // Before the first hit: wraps to the last one.
    t.send("N");
    t.wait_status("wrapped to bottom · 天慶八年");
    assert!(t.status().contains("hit 19/19"), "{}", t.status());
    t.wait_heading("天慶八年 · 1118");

    t.send("q");
    assert!(t.wait_exit(TIMEOUT).success());
    assert_restored(&t);
}

#[test]
fn search_highlight_without_colour() {
    let mut t = Tui::spawn(100, 30, &[], &[("NO_COLOR", "1")], |_| {}).ready();
    t.wait_status(READY);
    t.send("/阿骨打\r");
    t.wait_status("19 hits");
    t.with_screen(|s| {
        assert!(highlighted(s, "阿", 22), "a hit is reversed");
        let (rows, cols) = s.size();
        for r in 0..rows {
            for c in 0..cols {
                let cell = s.cell(r, c).unwrap();
                assert_eq!(cell.fgcolor(), vt100::Color::Default, "colour at {r},{c}");
                assert_eq!(cell.bgcolor(), vt100::Color::Default, "colour at {r},{c}");
            }
        }
    });
    t.send("q");
    assert!(t.wait_exit(TIMEOUT).success());
}

#[test]
fn jump_errors_and_simplified_years() {
    let mut t = Tui::start(100, 30).ready();
    t.wait_status(READY);
    t.send(":1300\r");
    // The reason (from query.rs); a problem gets the whole status line.
    t.wait_status("no entry for 1300; this text covers 1101–1118");
    assert!(t.heading().starts_with("乾統元年"), "stays where it was");
    // The next key clears it.
    t.send(":天庆5\r");
    t.wait_heading("天慶五年 · 1115");
    t.wait_status("15/18 │ 1115 │ 56%   天慶五年 (1115)");
    t.send("q");
    assert!(t.wait_exit(TIMEOUT).success());
}

#[test]
fn help_overlay_opens_and_closes() {
    let mut t = Tui::start(100, 30).ready();
    t.wait_status(READY);
    t.send("?");
    t.wait_for("the help overlay", TIMEOUT, |s| {
        s.contains("┌─ annals — keys ─")
            && s.lines()
                .any(|l| l.contains("│  /                  search (天庆 finds 天慶)"))
            && s.contains("└─ j/k scroll · Esc close ─")
    });
    t.esc();
    t.wait_for("the overlay to close", TIMEOUT, |s| {
        !s.contains("annals — keys")
    });
    assert!(t.heading().starts_with("乾統元年 · 1101"));
    t.send("q");
    assert!(t.wait_exit(TIMEOUT).success());
    assert_restored(&t);
}

#[test]
fn narrow_terminal_shows_one_pane_at_a_time() {
    let mut t = Tui::start(40, 12).ready();
    t.wait_status("1/18 │ 1101");
    assert!(t.row(1).starts_with("乾統元年") && t.row(1).ends_with("1101"));
    assert!(!t.status().contains("契丹國志"), "no room for the title");
    t.send("\t");
    t.wait_for("the text pane", TIMEOUT, |s| s.contains("乾統元年 · 1101"));
    t.wait_text("是歲，女真楊割死，子阿骨打立。");
    t.send("q");
    assert!(t.wait_exit(TIMEOUT).success());
    assert_restored(&t);
}

#[test]
fn tiny_terminals_say_so_and_quit() {
    for (cols, rows) in [(1u16, 1u16), (2, 2), (12, 4)] {
        let mut t = Tui::start(cols, rows).ready();
        let want: String = TOO_SMALL.chars().take(usize::from(cols)).collect();
        t.wait_for(&format!("{want:?} at {cols}x{rows}"), TIMEOUT, |s| {
            s.lines().next() == Some(want.as_str())
        });
        t.send("q");
        let status = t.wait_exit(TIMEOUT);
        assert!(status.success(), "{cols}x{rows}: {status:?}");
        assert_restored(&t);
    }
}

#[test]
fn huge_terminal() {
    let mut t = Tui::start(500, 200).ready();
    t.wait_status(READY);
    assert!(t.heading().starts_with("乾統元年 · 1101"));
    assert!(t.status().contains("契丹國志"), "{}", t.status());
    assert!(t.screen().contains("天慶八年"), "the whole timeline shows");
    t.send("q");
    assert!(t.wait_exit(TIMEOUT).success());
    assert_restored(&t);
}

/// Sizes for the resize storm: tiny, narrow, wide, huge.
const STORM: [(u16, u16); 10] = [
    (20, 5),
    (200, 60),
    (1, 1),
    (80, 24),
    (63, 30),
    (64, 10),
    (2, 2),
    (150, 50),
    (19, 4),
    (40, 12),
];

#[test]
fn survives_a_resize_storm() {
    let mut t = Tui::start(100, 30).ready();
    t.wait_status(READY);
    for i in 0..50 {
        let (c, r) = STORM[i % STORM.len()];
        t.resize(c, r);
    }
    t.resize(120, 40);
    t.wait_for_screen("a full redraw at 120x40", TIMEOUT, |s| {
        let row = |r: u16| s.rows(0, 120).nth(usize::from(r)).unwrap_or_default();
        row(39).contains("契丹國志")
            && row(39).trim_end().ends_with("? help  q quit")
            && row(0).contains("乾統元年 · 1101")
            // The separator runs the full height: nothing left of earlier sizes.
            && (0..39).all(|r| s.cell(r, 21).is_some_and(|c| c.contents() == "│"))
    });
    assert!(t.try_status().is_none(), "still running");
    t.send("j");
    t.wait_heading("乾統二年 · 1102");
    t.send("q");
    let status = t.wait_exit(TIMEOUT);
    assert!(status.success(), "{status:?}");
    assert_restored(&t);
}

#[test]
fn ctrl_c_quits_and_restores() {
    let mut t = Tui::start(100, 30).ready();
    t.wait_status(READY);
    t.send("\x03");
    let status = t.wait_exit(TIMEOUT);
    assert!(status.success(), "{status:?}");
    assert_restored(&t);
    assert_ends_with_restore(&t.raw());
}

fn killed_by(signal: &str, code: u32) {
    let mut t = Tui::start(100, 30).ready();
    t.wait_status(READY);
    t.kill(signal);
    let status = t.wait_exit(TIMEOUT);
    assert!(!status.success(), "{signal}: {status:?}");
    assert_eq!(status.exit_code(), code, "{signal}: {status:?}");
    assert_eq!(
        status.signal(),
        None,
        "{signal}: exits by itself: {status:?}"
    );
    assert_restored(&t);
    assert_ends_with_restore(&t.raw());
}

#[test]
fn sigterm_restores() {
    killed_by("TERM", 128 + 15);
}

#[test]
fn sighup_restores() {
    killed_by("HUP", 128 + 1);
}

#[test]
fn sigint_restores() {
    killed_by("INT", 128 + 2);
}

/// Closing the terminal (the kernel sends SIGHUP, and reads from it return end of file)
/// must end the reader. There is no terminal left to restore, so only the exit counts.
#[test]
fn closing_the_terminal_ends_the_reader_and_keeps_the_position() {
    let home = TempDir::new();
    let mut t = Tui::spawn_in(home.path(), 100, 30, &[], &[]).ready();
    t.wait_status(READY);
    t.send(":1114\r");
    t.wait_heading("天慶四年 · 1114");
    t.wait_status("14/18 │ 1114");
    t.hang_up("j");
    let status = t.wait_exit(Duration::from_secs(3));
    assert_eq!(status.exit_code(), 128 + 1, "{status:?}");
    drop(t);
    // The position reached before the hangup (or the `j` after it) is remembered, even
    // though the reader could not leave by itself.
    let mut t = Tui::spawn_in(home.path(), 100, 30, &[], &[]);
    t.wait_for("the remembered year", TIMEOUT, |s| {
        s.contains("天慶四年 · 1114") || s.contains("天慶五年 · 1115")
    });
    t.send("q");
    assert!(t.wait_exit(TIMEOUT).success());
}

#[test]
fn panic_restores_and_the_message_is_visible() {
    let mut t = Tui::spawn(100, 30, &[], &[("ANNALS_TEST_PANIC_KEY", "Z")], |_| {}).ready();
    t.wait_status(READY);
    t.send("Z");
    let status = t.wait_exit(TIMEOUT);
    assert_eq!(status.exit_code(), 101, "{status:?}");
    assert_restored(&t);
    // The message comes after the terminal was given back…
    let raw = t.raw();
    let leave = find_last(&raw, RESTORE).unwrap();
    let msg = find_last(&raw, PANIC_MESSAGE).expect("the panic message was printed");
    assert!(msg > leave, "printed after the restore");
    // …so it is on the normal screen, not lost with the alternate one.
    assert!(t.screen().contains(PANIC_MESSAGE), "{}", t.screen());
}

#[test]
fn hostile_text_is_shown_not_obeyed() {
    let text = "乾統元年。春正月\x1b]0;pwned\x07朔，\x1b[2J日食\x1b[?1049l。\x07\r\x7f\u{9b}\u{202e}反\n\
                乾統二年。\n";
    let mut t = Tui::spawn(100, 30, &["hostile.txt"], &[], |dir| {
        std::fs::write(dir.join("hostile.txt"), text).unwrap();
    })
    .ready();
    t.wait_status(READY);
    t.wait_heading("乾統元年 · 1101");
    let s = t.screen();
    for shown in [
        "春正月␛]0;pwned␇朔",
        "␛[2J日食",
        "␛[?1049l。",
        // vt100 drops U+FFFD, so the two placeholders for the C1 CSI and the RLO are
        // checked in the output below.
        "␇␍␡反",
    ] {
        assert!(s.contains(shown), "{shown:?} not on screen:\n{s}");
    }
    assert!(
        t.with_screen(|s| s.alternate_screen()),
        "still in the reader"
    );
    let raw = t.raw();
    assert_eq!(
        count(&raw, "␡\u{fffd}\u{fffd}反".as_bytes()),
        1,
        "C1 CSI and RLO shown as U+FFFD"
    );
    // Every escape the program writes is its own CSI; none comes from the text.
    for (i, _) in raw.iter().enumerate().filter(|(_, b)| **b == 0x1b) {
        assert_eq!(raw.get(i + 1), Some(&b'['), "a non-CSI escape at {i}");
    }
    assert_eq!(count(&raw, b"\x1b]"), 0, "OSC");
    assert_eq!(count(&raw, b"\x1b[2J"), 0, "clear screen");
    assert_eq!(
        count(&raw, ALT_LEAVE.as_bytes()),
        0,
        "left the alternate screen"
    );
    for (bytes, what) in [
        (&b"\x07"[..], "BEL"),
        (b"\x00", "NUL"),
        (b"\x7f", "DEL"),
        ("\u{9b}".as_bytes(), "C1 CSI"),
        ("\u{202e}".as_bytes(), "RLO"),
    ] {
        assert_eq!(count(&raw, bytes), 0, "{what} reached the terminal");
    }
    t.send("q");
    assert!(t.wait_exit(TIMEOUT).success());
    assert_restored(&t);
    assert_eq!(count(&t.raw(), ALT_LEAVE.as_bytes()), 1);
}

#[test]
fn binary_file_is_refused_before_taking_the_terminal() {
    let mut t = Tui::spawn(100, 30, &["nul.txt"], &[], |dir| {
        std::fs::write(dir.join("nul.txt"), "乾統元年。春正月\x00朔。\n").unwrap();
    });
    let status = t.wait_exit(TIMEOUT);
    assert_eq!(status.exit_code(), 2, "{status:?}");
    let out = String::from_utf8_lossy(&t.raw()).into_owned();
    assert!(out.contains("nul.txt: not a text file"), "{out:?}");
    assert!(!out.contains(ALT_ENTER), "{out:?}");
}

#[test]
fn missing_file_is_an_error_without_the_alternate_screen() {
    let mut t = Tui::spawn(100, 30, &["/nonexistent/file.txt"], &[], |_| {});
    let status = t.wait_exit(TIMEOUT);
    assert_eq!(status.exit_code(), 2, "{status:?}");
    let raw = t.raw();
    let out = String::from_utf8_lossy(&raw);
    assert!(out.contains("annals: "), "{out:?}");
    assert!(out.contains("/nonexistent/file.txt"), "{out:?}");
    assert!(!out.contains(ALT_ENTER), "{out:?}");
    assert!(!out.contains(MOUSE_ON), "{out:?}");
    assert!(
        t.screen().contains("/nonexistent/file.txt"),
        "{}",
        t.screen()
    );
    t.with_screen(|s| assert!(!s.alternate_screen()));
    assert!(t.cooked());
}

/// A left click on the timeline's 16th row (天慶五年), as a terminal sends it: press, then
/// release.
const CLICK_1115: &str = "\x1b[<0;5;16M\x1b[<0;5;16m";
/// The same press without its release.
const PRESS_1115: &str = "\x1b[<0;5;16M";

#[test]
fn mouse_press_opens_a_year_and_the_wheel_scrolls() {
    let mut t = Tui::start(100, 30).ready();
    t.wait_status(READY);
    assert!(t.row(15).starts_with("天慶五年"), "{}", t.row(15));
    // Only the press: a release is not drawn (see `mouse_click_is_drawn_at_once`).
    t.send(PRESS_1115);
    t.wait_heading("天慶五年 · 1115");
    t.wait_status("15/18 │ 1115");

    t.send(":1114\r");
    t.wait_heading("天慶四年 · 1114");
    t.wait_status("14/18 │ 1114 │ 48%");
    t.wait_text("天慶四年。秋八月");
    let first = t.row(2);
    assert!(
        first.ends_with("天慶四年。秋八月，女真阿骨打始叛，用粘罕、胡舍為謀主，銀朮割、移列、婁")
    );
    // The wheel over the text pane scrolls the text, three lines a notch.
    t.send("\x1b[<65;60;10M");
    t.wait_for("the text to scroll", TIMEOUT, |s| !s.contains("秋八月"));
    t.wait_for("援。 at the top", TIMEOUT, |s| {
        s.lines()
            .nth(2)
            .is_some_and(|l| l.trim_end().ends_with("│  援。"))
    });
    // The status line is drawn last: once it shows the new position, the frame is whole.
    t.wait_for("the position to grow past 48%", TIMEOUT, |s| {
        s.lines()
            .last()
            .is_some_and(|l| l.contains("14/18 │ 1114 │") && percent(l) > 48)
    });
    t.send("\x1b[<64;60;10M");
    t.wait_for("the text to scroll back", TIMEOUT, |s| s.contains("秋八月"));
    t.wait_status("14/18 │ 1114 │ 48%");
    assert_eq!(t.row(2), first);
    // The wheel scrolls; it does not change the year.
    assert!(t.heading().starts_with("天慶四年"));
    t.send("q");
    assert!(t.wait_exit(TIMEOUT).success());
    assert_restored(&t);
}

#[test]
fn mouse_click_is_drawn_at_once() {
    let mut t = Tui::start(100, 30).ready();
    t.wait_status(READY);
    t.send(CLICK_1115);
    t.wait_heading("天慶五年 · 1115");
    t.send("q");
    assert!(t.wait_exit(TIMEOUT).success());
}

/// A mouse release must not leave the loop blocked in `event::read()`, deaf to SIGTERM.
#[test]
fn sigterm_after_a_mouse_release_restores() {
    let mut t = Tui::start(100, 30).ready();
    t.wait_status(READY);
    t.send(CLICK_1115);
    // Let the reader take both events and settle in the read.
    std::thread::sleep(Duration::from_millis(500));
    t.kill("TERM");
    let status = t.wait_exit(Duration::from_secs(3));
    assert_eq!(status.exit_code(), 143, "{status:?}");
    assert_restored(&t);
}

/// A click followed by a key: the key does not undo or hide the click's result.
#[test]
fn mouse_click_takes_effect() {
    let mut t = Tui::start(100, 30).ready();
    t.wait_status(READY);
    t.send(CLICK_1115);
    std::thread::sleep(Duration::from_millis(300));
    // An unbound key only wakes the loop (it does nothing itself).
    t.send("x");
    t.wait_heading("天慶五年 · 1115");
    t.wait_status("15/18 │ 1115");
    t.send("q");
    assert!(t.wait_exit(TIMEOUT).success());
    assert_restored(&t);
}

#[test]
fn the_reading_position_is_remembered() {
    let home = TempDir::new();
    let mut t = Tui::spawn_in(home.path(), 100, 30, &[], &[]);
    t.wait_status(READY);
    t.send(":1114\r");
    t.wait_heading("天慶四年 · 1114");
    t.wait_status("14/18 │ 1114 │ 48%");
    // Scroll the text a notch, so that more than the year is remembered.
    t.send("\x1b[<65;60;10M");
    t.wait_for("the text to scroll", TIMEOUT, |s| !s.contains("秋八月"));
    t.wait_for("the new position", TIMEOUT, |s| {
        s.lines()
            .last()
            .is_some_and(|l| l.contains("14/18 │ 1114 │") && !l.contains("48%"))
    });
    let (top, status) = (t.row(2), t.status());
    t.send("q");
    assert!(t.wait_exit(TIMEOUT).success());
    drop(t);
    let saved = home.path().join("state/annals/positions.json");
    assert!(saved.is_file(), "{} was written", saved.display());

    let mut t = Tui::spawn_in(home.path(), 100, 30, &[], &[]);
    t.wait_heading("天慶四年 · 1114");
    t.wait_status(READY);
    assert_eq!(t.row(2), top);
    assert_eq!(percent(&t.status()), percent(&status), "{}", t.status());
    t.send("q");
    assert!(t.wait_exit(TIMEOUT).success());
}

#[test]
fn a_corrupt_state_file_is_reported_not_fatal() {
    let home = TempDir::new();
    let dir = home.path().join("state/annals");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("positions.json"),
        "{\"version\": 1, \"positions\": {",
    )
    .unwrap();
    // Wide enough for the temp dir's long path.
    let mut t = Tui::spawn_in(home.path(), 200, 30, &[], &[]);
    t.wait_status("positions.json: unreadable state (");
    t.wait_status("); starting afresh");
    assert!(t.heading().starts_with("乾統元年 · 1101"));
    // Gone with the next key; the reader works as usual.
    t.send("j");
    t.wait_heading("乾統二年 · 1102");
    t.wait_status(READY);
    t.send("q");
    assert!(t.wait_exit(TIMEOUT).success());
    assert_restored(&t);
    // Replaced by a good file.
    let json = std::fs::read_to_string(dir.join("positions.json")).unwrap();
    assert!(json.contains("<embedded>"), "{json}");
}
