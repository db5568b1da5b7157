#!/usr/bin/env bash
# Build the big test inputs for the performance checks: the whole 契丹国志
# (tests/fixtures/books/qidan-guozhi-full.md, a copy of ../shared/corpus/qidan-guozhi-full.md)
# grown to SIZE MiB as target/big/qidan-guozhi-SIZEmb.md, for each SIZE given (default 1 10 50).
#
# A big input is the fixture's YAML front matter once, then its body (everything after the
# closing `---` line, a final line break added) repeated, cut after the last whole line that
# keeps the total at or under SIZE MiB. benches/common/mod.rs builds the same bytes.
#
#   bash scripts/gen-big.sh [SIZE...]
set -euo pipefail
cd "$(dirname "$0")/.."
src=tests/fixtures/books/qidan-guozhi-full.md
out=target/big
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The front matter ends at the first `---` line after the first line.
close=$(awk 'NR > 1 && /^---[ \t\r]*$/ { print NR; exit }' "$src")
[ -n "$close" ] || { echo "gen-big: $src has no closing --- line" >&2; exit 2; }
head -n "$close" "$src" >"$tmp/front"
tail -n +"$((close + 1))" "$src" >"$tmp/body"
[ -z "$(tail -c 1 "$tmp/body")" ] || echo >>"$tmp/body"

[ $# -gt 0 ] || set -- 1 10 50
for size in "$@"; do
    [[ $size =~ ^[0-9]+$ && $size -gt 0 ]] || { echo "gen-big: size must be a whole number of MiB, not $size" >&2; exit 2; }
    target=$((size * 1048576))
    file=$out/qidan-guozhi-${size}mb.md
    body_len=$(wc -c <"$tmp/body")
    front_len=$(wc -c <"$tmp/front")
    copies=$(((target - front_len) / body_len))
    {
        cat "$tmp/front"
        for ((i = 0; i < copies; i++)); do cat "$tmp/body"; done
    } >"$tmp/big"
    rest=$((target - $(wc -c <"$tmp/big")))
    # Then as many whole lines of the body as still fit.
    head -c "$rest" "$tmp/body" >"$tmp/part"
    head -n "$(tr -dc '\n' <"$tmp/part" | wc -c)" "$tmp/part" >>"$tmp/big"
    mv "$tmp/big" "$file"
    echo "$file: $(wc -c <"$file") bytes"
done
