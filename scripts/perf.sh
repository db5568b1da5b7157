#!/usr/bin/env bash
# Whole-process timings of the release binary against ripgrep on the same big files, with
# the budgets of issue #6 checked and the ratios printed. Anyone can re-measure with
#
#   bash scripts/perf.sh            # builds target/release/annals and target/big/*.md first
#
# Needs hyperfine, ripgrep and GNU time (`apt-get install hyperfine ripgrep time`).
# Medians of one hyperfine run per comparison, so both sides see the same machine state.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in hyperfine rg /usr/bin/time awk; do
    command -v "$tool" >/dev/null || { echo "perf.sh: $tool is missing (apt-get install hyperfine ripgrep time)" >&2; exit 2; }
done
cargo build --release --quiet
bash scripts/gen-big.sh 1 10 50 >/dev/null
annals=target/release/annals
big() { echo "target/big/qidan-guozhi-${1}mb.md"; }
out=target/perf
mkdir -p "$out"
query=${QUERY:-阿骨打}
warmup=${WARMUP:-3}
runs=${RUNS:-20}
fail=0

# The median (seconds) of command number $2 (1-based) in hyperfine CSV $1.
median() { awk -F, -v n="$2" 'NR == n + 1 { print $4 }' "$1"; }
ms() { awk -v s="$1" 'BEGIN { printf "%.1f ms", s * 1000 }'; }
# check NAME VALUE LIMIT: print VALUE against LIMIT (both ratios) and remember a miss.
check() {
    if [ "$2" = noise ]; then
        printf '  %-44s %6s  (budget %s)  not measurable here: use cargo bench\n' "$1" "-" "$3"
        return
    fi
    if awk -v v="$2" -v l="$3" 'BEGIN { exit !(v <= l) }'; then
        printf '  %-44s %6.2f  (budget %s)  ok\n' "$1" "$2" "$3"
    else
        printf '  %-44s %6.2f  (budget %s)  MISSED\n' "$1" "$2" "$3"
        fail=1
    fi
}
compare() { # NAME CSV ANNALS_CMD RG_CMD
    hyperfine -N --style none --warmup "$warmup" --runs "$runs" --export-csv "$2" "$3" "$4" >/dev/null 2>&1
    local a r
    a=$(median "$2" 1)
    r=$(median "$2" 2)
    echo "$1: annals $(ms "$a"), rg $(ms "$r")"
    ratio=$(awk -v a="$a" -v r="$r" 'BEGIN { printf "%.3f", a / r }')
}

echo "annals $($annals --version | awk '{ print $2 }'), $(rg --version | sed -n 1p), $(hyperfine --version)"
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
f10=$(big 10)
echo "input: $f10 ($(wc -c <"$f10") bytes)"
echo

compare "search --count $query (folded), 10 MiB" "$out/search.csv" \
    "$annals search --count $query $f10" "rg -c $query $f10"
search_ratio=$ratio
compare "list, 10 MiB" "$out/list.csv" "$annals list $f10" "rg -c 年 $f10"
list_ratio=$ratio
list_median=$(median "$out/list.csv" 1)

peak_kb=$(/usr/bin/time -f %M "$annals" list "$f10" 2>&1 >/dev/null | tail -1)
size=$(wc -c <"$f10")
mem_ratio=$(awk -v k="$peak_kb" -v s="$size" 'BEGIN { printf "%.3f", k * 1024 / s }')
echo "peak memory of list, 10 MiB: $((peak_kb / 1024)) MiB"

echo
echo "time per MiB (list, search --count), net of the same command on the first 50 lines"
echo "(process start, tables: the part that does not grow with the input):"
empty=target/big/qidan-guozhi-50-lines.md
head -n 50 "$(big 1)" >"$empty"
for cmd in list search; do
    args=(list)
    [ "$cmd" = search ] && args=(search --count "$query")
    hyperfine -N -i --style none --warmup "$warmup" --runs "$runs" --export-csv "$out/linear-$cmd.csv" \
        "$annals ${args[*]} $empty" \
        "$annals ${args[*]} $(big 1)" "$annals ${args[*]} $(big 10)" "$annals ${args[*]} $(big 50)" \
        >/dev/null 2>&1
    t0=$(median "$out/linear-$cmd.csv" 1)
    raw=()
    net=()
    for i in 1 2 3; do
        mb=$(echo "1 10 50" | cut -d' ' -f"$i")
        t=$(median "$out/linear-$cmd.csv" $((i + 1)))
        raw+=("$(awk -v s="$t" -v m="$mb" 'BEGIN { printf "%.2f", s * 1000 / m }')")
        net+=("$(awk -v s="$t" -v z="$t0" -v m="$mb" 'BEGIN { printf "%.2f", (s - z) * 1000 / m }')")
    done
    echo "  $cmd: 50 lines $(ms "$t0"); ms per MiB at 1, 10, 50 MiB: net ${net[*]}; whole process ${raw[*]}"
    # A net time at or below zero means the work is smaller than the noise of starting a
    # process: no ratio can be read from it (see the criterion benches instead).
    spread=$(awk -v a="${net[0]}" -v b="${net[1]}" -v c="${net[2]}" 'BEGIN {
        lo = a; hi = a; if (b < lo) lo = b; if (c < lo) lo = c; if (b > hi) hi = b; if (c > hi) hi = c
        if (lo <= 0) print "noise"; else printf "%.3f", hi / lo }')
    eval "${cmd}_spread=$spread"
done
echo
echo "budgets:"
check "search --count / rg -c (10 MiB)" "$search_ratio" 1.5
check "list / rg -c 年 (10 MiB)" "$list_ratio" 2.0
check "peak memory of list / file size" "$mem_ratio" 3.0
# shellcheck disable=SC2154 # set by eval above
check "list: slowest / fastest net ms per MiB" "$list_spread" 1.2
# shellcheck disable=SC2154
check "search: slowest / fastest net ms per MiB" "$search_spread" 1.2
echo
echo "linear growth in process (no start-up): cargo bench --bench segment (parse/*MiB),"
echo "cargo bench --bench search (count_folded_阿骨打/*MiB);"
echo "first frame and keystrokes: cargo bench --bench render / --bench search (criterion);"
echo "the first-frame budget is 2 x list = $(ms "$(awk -v s="$list_median" 'BEGIN { print 2 * s }')") here."
exit $fail
