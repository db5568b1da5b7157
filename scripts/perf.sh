#!/usr/bin/env bash
# Whole-process timings of the release binary against ripgrep on the same big files, with
# the budgets of issue 15 checked and the ratios printed. Anyone can re-measure with
#
#   bash scripts/perf.sh            # builds target/release/annals and target/big/*.md first
#
# Needs hyperfine, ripgrep, GNU time and python3 (`apt-get install hyperfine ripgrep time`).
# Medians of one hyperfine run per comparison, so both sides see the same machine state.
# The reader's first frame is timed in a pseudo-terminal by scripts/first-frame.py. The
# in-process budgets (a jump and a key to a drawn frame on 100 MiB; linear parse) are
# criterion's: `cargo bench --bench render -- 100MiB`, `cargo bench --bench segment`.
#
# RUNS (20) and WARMUP (3) set hyperfine's runs on 10 MiB; RUNS_BIG (5) the runs on 100 MiB
# and of the first frame.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in hyperfine rg /usr/bin/time awk python3; do
    command -v "$tool" >/dev/null || { echo "perf.sh: $tool is missing (apt-get install hyperfine ripgrep time python3)" >&2; exit 2; }
done
cargo build --release --quiet
bash scripts/gen-big.sh 1 10 100 >/dev/null
annals=target/release/annals
big() { echo "target/big/qidan-guozhi-${1}mb.md"; }
out=target/perf
mkdir -p "$out"
query=${QUERY:-阿骨打}
warmup=${WARMUP:-3}
runs=${RUNS:-20}
runs_big=${RUNS_BIG:-5}
fail=0
summary=()

# The median (seconds) of command number $2 (1-based) in hyperfine CSV $1.
median() { awk -F, -v n="$2" 'NR == n + 1 { print $4 }' "$1"; }
ms() { awk -v s="$1" 'BEGIN { printf "%.1f ms", s * 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# check NAME VALUE LIMIT: VALUE against LIMIT (both ratios); remember it and any miss.
check() {
    local verdict=ok
    if [ "$2" = noise ]; then
        summary+=("$(printf '  %-48s %6s  (budget %s)  not measurable here: see cargo bench' "$1" - "$3")")
        return
    fi
    awk -v v="$2" -v l="$3" 'BEGIN { exit !(v <= l) }' || { verdict="MISSED by $(ratio "$2" "$3")x"; fail=1; }
    summary+=("$(printf '  %-48s %6.2f  (budget %s)  %s' "$1" "$2" "$3" "$verdict")")
}
# compare NAME CSV RUNS ANNALS_CMD RG_CMD: both in one hyperfine run; sets $a and $r.
compare() {
    hyperfine -N --style none --warmup "$warmup" --runs "$3" --export-csv "$2" "$4" "$5" >/dev/null 2>&1
    a=$(median "$2" 1)
    r=$(median "$2" 2)
    echo "  $1: annals $(ms "$a"), rg $(ms "$r") ($(ratio "$a" "$r")x)"
}
# The reader's first frame in a pseudo-terminal (120×40): sets $ff (s), $settled (s, the
# screen once the whole book is segmented) and $ff_kib.
first_frame() {
    local csv
    csv=$(python3 scripts/first-frame.py --csv --runs "$runs_big" --warmup 1 "$annals" "$1" | tail -1)
    IFS=, read -r ff settled ff_kib <<<"$csv"
}

echo "annals $($annals --version | awk '{ print $2 }'), $(rg --version | sed -n 1p), $(hyperfine --version)"
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

for mb in 10 100; do
    f=$(big "$mb")
    n=$runs
    [ "$mb" -ge 100 ] && n=$runs_big
    echo
    echo "$f ($(wc -c <"$f") bytes):"
    compare "list" "$out/list-$mb.csv" "$n" "$annals list $f" "rg -c 年 $f"
    check "list / rg -c 年 ($mb MiB)" "$(ratio "$a" "$r")" 2.0
    rg_nian=$r
    compare "search --count $query" "$out/search-$mb.csv" "$n" \
        "$annals search --count $query $f" "rg -c $query $f"
    check "search --count / rg -c ($mb MiB)" "$(ratio "$a" "$r")" 1.5
    first_frame "$f"
    echo "  first frame (pseudo-terminal, 120×40): $(ms "$ff"), against rg -c 年 $(ms "$rg_nian") ($(ratio "$ff" "$rg_nian")x); whole book in, screen settled: $(ms "$settled")"
    check "first frame / rg -c 年 ($mb MiB)" "$(ratio "$ff" "$rg_nian")" 3.0
    if [ "$mb" -ge 100 ]; then
        size=$(wc -c <"$f")
        list_kib=$(/usr/bin/time -f %M "$annals" list "$f" 2>&1 >/dev/null | tail -1)
        echo "  peak memory: list $((list_kib / 1024)) MiB, reader $((ff_kib / 1024)) MiB, file $((size / 1048576)) MiB"
        check "peak memory of list / file size ($mb MiB)" "$(awk -v k="$list_kib" -v s="$size" 'BEGIN { printf "%.3f", k * 1024 / s }')" 1.5
        check "peak memory of the reader / file size ($mb MiB)" "$(awk -v k="$ff_kib" -v s="$size" 'BEGIN { printf "%.3f", k * 1024 / s }')" 3.0
    fi
done

echo
echo "time per MiB (list), net of the same command on the first 50 lines"
echo "(process start, tables: the part that does not grow with the input):"
empty=target/big/qidan-guozhi-50-lines.md
head -n 50 "$(big 1)" >"$empty"
hyperfine -N -i --style none --warmup "$warmup" --runs "$runs_big" --export-csv "$out/linear-list.csv" \
    "$annals list $empty" "$annals list $(big 1)" "$annals list $(big 10)" "$annals list $(big 100)" \
    >/dev/null 2>&1
t0=$(median "$out/linear-list.csv" 1)
net=()
raw=()
sizes=(1 10 100)
for i in 0 1 2; do
    t=$(median "$out/linear-list.csv" $((i + 2)))
    raw+=("$(awk -v s="$t" -v m="${sizes[$i]}" 'BEGIN { printf "%.2f", s * 1000 / m }')")
    net+=("$(awk -v s="$t" -v z="$t0" -v m="${sizes[$i]}" 'BEGIN { printf "%.2f", (s - z) * 1000 / m }')")
done
echo "  50 lines $(ms "$t0"); ms per MiB at 1, 10, 100 MiB: net ${net[*]}; whole process ${raw[*]}"
# A net time at or below zero means the work is smaller than the noise of starting a
# process: no ratio can be read from it (see the criterion benches instead).
spread=$(awk -v a="${net[0]}" -v b="${net[1]}" -v c="${net[2]}" 'BEGIN {
    lo = a; hi = a; if (b < lo) lo = b; if (c < lo) lo = c; if (b > hi) hi = b; if (c > hi) hi = c
    if (lo <= 0) print "noise"; else printf "%.3f", hi / lo }')
check "list: slowest / fastest net ms per MiB (1-100 MiB)" "$spread" 1.2

echo
echo "budgets (ratios; issue 15):"
printf '%s\n' "${summary[@]}"
echo
echo "in one process (criterion): cargo bench --bench segment (parse/{1,10,100}MiB: MiB/s within"
echo "20%), cargo bench --bench render -- 100MiB (a jump to :1115 and a key to a drawn frame, < 16 ms)."
exit $fail
