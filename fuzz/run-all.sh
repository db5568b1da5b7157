#!/usr/bin/env bash
# Run every fuzz target for 30 minutes (or 10 million executions, whichever comes first),
# two at a time at the lowest priority, logging to fuzz/logs/<target>.log. A crash stops
# that target; its input lands in fuzz/artifacts/<target>/ (add it to
# tests/integration/fuzz_regressions.rs). Needs cargo-fuzz (`cargo install cargo-fuzz`);
# the stable toolchain is enough with RUSTC_BOOTSTRAP=1.
#
#   bash fuzz/seed-corpus.sh && bash fuzz/run-all.sh [SECONDS [TARGET...]]
#
# With TARGETs, runs just those, one after another on one core.
set -uo pipefail
cd "$(dirname "$0")"
secs=${1:-1800}
export RUSTC_BOOTSTRAP=1
# No sanitizer (the crate has no unsafe code but two audited calls in src/source/):
# about three times the speed.
cargo fuzz build -O -s none || exit 2
mkdir -p logs
run() {
    for t in "$@"; do
        nice -n 19 cargo fuzz run -O -s none "$t" -- \
            -max_total_time="$secs" -runs=10000000 -max_len=4096 -timeout=10 \
            -rss_limit_mb=2048 -print_final_stats=1 >"logs/$t.log" 2>&1
        echo "$t: exit $? $(grep -E '^stat::number_of_executed_units' "logs/$t.log")"
    done
}
if [ $# -gt 1 ]; then
    shift
    run "$@"
else
    run segment_bytes segment_cjk jump_query &
    run layout search numerals_era &
    wait
fi
