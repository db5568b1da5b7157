//! Every input the fuzzers (`fuzz/`) found a crash with, run again through the same check
//! as the fuzz target. Inputs live in `tests/fixtures/fuzz/<target>/`, one file each, named
//! for what they broke; each target has at least one (a crash found, or a corpus sample
//! that reaches what the check promises), and a folder missing or empty fails the test,
//! so that no target passes by checking nothing (issue 12, item 11).

#[path = "../../fuzz/src/lib.rs"]
mod fuzz_checks;

use std::path::Path;

fn run_all(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{target}: no regression inputs in {}: {e}", dir.display()));
    let mut ran = 0;
    for entry in entries {
        let path = entry.expect("listing fuzz regressions").path();
        let data = std::fs::read(&path).expect("reading a fuzz regression");
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{target}: {} fails again", path.display());
        ran += 1;
    }
    assert!(ran > 0, "{target}: {} holds no input", dir.display());
}

#[test]
fn segment_bytes() {
    run_all("segment_bytes", fuzz_checks::check_segment_bytes);
}

#[test]
fn segment_cjk() {
    run_all("segment_cjk", fuzz_checks::check_segment_cjk);
}

#[test]
fn layout() {
    run_all("layout", fuzz_checks::check_layout);
}

#[test]
fn search() {
    run_all("search", fuzz_checks::check_search);
}

#[test]
fn jump_query() {
    run_all("jump_query", fuzz_checks::check_jump_query);
}

#[test]
fn numerals_era() {
    run_all("numerals_era", fuzz_checks::check_numerals_era);
}

/// The checks themselves hold on the fixtures' real texts (so a regression directory left
/// empty still exercises them).
#[test]
fn checks_pass_on_real_text() {
    let seed =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/tianzuo-shang.txt"))
            .expect("reading the seed");
    fuzz_checks::check_segment_bytes(&seed);
    // The whole book: volumes, notes sections, markers linked to notes.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for book in [
        "qidan-guozhi-full.md",
        "mandoku-sample.txt",
        "annotated-sample.txt",
    ] {
        let text = std::fs::read_to_string(root.join("tests/fixtures/books").join(book))
            .expect("reading a fixture book");
        fuzz_checks::check_text(text);
    }
    fuzz_checks::check_jump("天慶五年");
    fuzz_checks::check_numerals("九十九", 99);
}
