//! What the integration tests share: the fixtures, a temporary directory, and the
//! `annals` binary run as a user runs it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The fixtures directory.
pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// The path of fixture `p` (relative to [`FIXTURES`]).
pub fn fixture(p: &str) -> String {
    format!("{FIXTURES}/{p}")
}

/// A fresh directory under the system temp dir, removed on drop. Its name holds the
/// process id and a counter, so tests running at once never share one.
pub struct TempDir(PathBuf);

impl TempDir {
    /// A new empty directory; `tag` says which test made it.
    pub fn new(tag: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path = std::env::temp_dir().join(format!(
            "annals-{tag}-{}-{}-{nanos}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("creating a temp dir");
        TempDir(path)
    }

    /// Its path.
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Write file `name` in it; returns its path.
    pub fn file(&self, name: &str, bytes: &[u8]) -> String {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Run `annals ARGS` with nothing on standard input.
pub fn annals(args: &[&str]) -> Output {
    annals_stdin(args, None)
}

/// Run `annals ARGS` with `stdin` (if any) on standard input; `NO_COLOR` is set.
pub fn annals_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    child.wait_with_output().unwrap()
}

/// What it wrote to standard output (UTF-8).
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

/// What it wrote to standard error.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Run `annals ARGS`, read the first `keep` bytes of its output and close the pipe, as
/// `annals … | head -c KEEP` does; returns how it ended (its stdout holds only what was
/// read).
pub fn annals_into_closed_pipe(args: &[&str], keep: usize) -> Output {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut head = vec![0; keep];
    let mut out = child.stdout.take().expect("its stdout");
    out.read_exact(&mut head).expect("the first bytes");
    drop(out);
    let mut o = child.wait_with_output().unwrap();
    o.stdout = head;
    o
}

/// A Kanripo work as users clone it, made in `dir`: the folder `KR2a0027` holding 新唐書
/// 本紀 (`kanripo/xintangshu-benji.txt`, the work's files joined) split back at its
/// `# -*- mode` lines into one file per 卷, `KR2a0027_001.txt` … `KR2a0027_010.txt`, and a
/// `Readme.org`. Returns the folder and its files (name, bytes) in order.
pub fn kanripo_work(dir: &Path) -> (String, Vec<(String, Vec<u8>)>) {
    let book = std::fs::read(fixture("kanripo/xintangshu-benji.txt")).expect("the book");
    let mut starts: Vec<usize> = book
        .split_inclusive(|&b| b == b'\n')
        .scan(0, |at, line| {
            let start = *at;
            *at += line.len();
            Some((start, line))
        })
        .filter(|(_, line)| line.starts_with(b"# -*- mode"))
        .map(|(start, _)| start)
        .collect();
    starts.push(book.len());
    let folder = dir.join("KR2a0027");
    std::fs::create_dir_all(&folder).expect("the work's folder");
    let parts: Vec<(String, Vec<u8>)> = starts
        .windows(2)
        .enumerate()
        .map(|(k, w)| {
            (
                format!("KR2a0027_{:03}.txt", k + 1),
                book[w[0]..w[1]].to_vec(),
            )
        })
        .collect();
    for (name, bytes) in &parts {
        std::fs::write(folder.join(name), bytes).expect("writing a file of the work");
    }
    std::fs::write(folder.join("Readme.org"), "#+TITLE: 新唐書\n").expect("the readme");
    (folder.to_string_lossy().into_owned(), parts)
}
