#!/usr/bin/env bash
# Scores an annals binary on the evaluation sets: each book's entries (`export --json`)
# against its hand-made truth table, by line. Usage: bash eval/run.sh [BIN] [-v]
# BIN defaults to target/release/annals (build it with `cargo build --release`).
set -u
cd "$(dirname "$0")/.."
BIN=${1:-target/release/annals}
V=${2:-}
for set in eval/sets/*/; do
  n=$(basename "$set")
  for t in "$set"truth/*.tsv; do
    stem=$(basename "$t" .tsv)
    book=$(ls "$set"books/"$stem".* 2>/dev/null | head -1)
    [ -n "$book" ] || { echo "set $n: no book for $stem" >&2; continue; }
    python3 eval/score.py "$BIN" "$book" "$t" $V
  done | tee /dev/stderr | awk -v n="$n" '/: truth /{t+=$3; r+=$5; w+=$8; u+=$10; m+=$12; f+=$14; s+=$16}
    END {if (t) printf "set %s: %d headings, right %d (%.1f%%), wrong %d (%.1f%%, %d not marked doubtful), no year %d, missed %d, false %d\n", n, t, r, 100*r/t, w, 100*w/t, s, u, m, f}'
done 2>/dev/null
