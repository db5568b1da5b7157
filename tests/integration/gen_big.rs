//! `scripts/gen-big.sh` and the benches' `build_big` make the same big input, so the
//! hyperfine numbers (scripts/perf.sh) and the criterion numbers are about the same bytes.

#[path = "../../benches/common/mod.rs"]
mod common;

#[test]
fn gen_big_script_matches_the_bench_helper() {
    let status = std::process::Command::new("bash")
        .arg(common::root().join("scripts/gen-big.sh"))
        .arg("1")
        .stdout(std::process::Stdio::null())
        .status()
        .expect("running bash scripts/gen-big.sh");
    assert!(status.success(), "gen-big.sh failed: {status}");
    let script = std::fs::read(common::big_path(1)).expect("reading the generated file");
    let helper = common::build_big(&common::fixture(), 1);
    assert_eq!(script.len(), helper.len());
    assert!(script == helper.as_bytes(), "same length, different bytes");
    assert!(helper.len() <= common::MIB && helper.len() > common::MIB - 4096);
}
