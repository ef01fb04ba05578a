#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS each (default 60), seeded from Tests/Vectors and examples/.
#   Fuzz/run.sh [SECONDS] [TARGET…]
# Builds the targets first (Fuzz/build.py; needs a debug `swift build`). The growing corpus is kept
# in Fuzz/.build/corpus/<target>; crashes are written to Fuzz/.build/crashes/<target>/ and fail the run.
# Prints one line per target: executions, exec/s, coverage, corpus size.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(envelope credential report profile scrubber release)
PY=${PYTHON:-python3}
"$PY" Fuzz/build.py "${TARGETS[@]}"
SEEDS=Fuzz/.build/seeds
rm -rf "$SEEDS"
"$PY" Fuzz/seeds.py "$SEEDS" >/dev/null
status=0
summary=()
for t in "${TARGETS[@]}"; do
    corpus=Fuzz/.build/corpus/$t
    crashes=Fuzz/.build/crashes/$t
    mkdir -p "$corpus" "$crashes"
    log=Fuzz/.build/$t.log
    # -rss_limit_mb: the debug Foundation and ASan together need headroom; a real leak still trips it.
    if ASAN_OPTIONS=detect_leaks=0 Fuzz/.build/fuzz-$t -max_total_time="$SECONDS_EACH" -max_len=16384 -timeout=10 \
        -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" "$SEEDS/$t" >"$log" 2>&1; then
        result=ok
    else
        result=FAIL
        status=1
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
    line="$result fuzz-$t: $runs executions in ${SECONDS_EACH}s ($speed/s), cov $cov, corpus $(ls "$corpus" | wc -l), crashes $(ls "$crashes" | wc -l)"
    echo "$line"
    summary+=("$line")
    if [ "$result" = FAIL ]; then tail -40 "$log"; fi
done
exit $status
