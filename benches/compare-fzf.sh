#!/usr/bin/env bash
# Times `fzf --filter` on the same text the finder searches, for the finder benchmark's
# queries, so `cargo bench --bench finder` has a yardstick.
#
#   benches/compare-fzf.sh            # 10k and 100k actions, median of 5 runs
#   RUNS=9 SIZES="10000" benches/compare-fzf.sh
#
# The lines come from `cargo run --release --example gen -- --lines`: one per country,
# forum and action, `kind<TAB>id<TAB>title<TAB>names<TAB>body`. fzf matches whole lines;
# FZF_FLAGS adds options, e.g. FZF_FLAGS="--delimiter=\t --nth=2.." to leave the kind out
# as the finder does (about 1.6x slower in fzf 0.38). Each fzf run includes starting,
# reading its input and sorting its matches; fzf matches on every core, as does the
# finder since it searches on both cores.
# fzf's matching is looser than the finder's (no compactness rule for long text), so
# it reports more matches.
set -euo pipefail

cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
SIZES=${SIZES:-"10000 100000"}
SEED=${SEED:-7}
read -r -a FLAGS <<<"${FZF_FLAGS:-}"
QUERIES=("c" "co" "sem" "xyzq" "annual consultation denmark" "dual nl" "tweeerlei" "cesko")

if ! command -v fzf >/dev/null 2>&1; then
    echo "fzf is not installed; nothing to compare (try: apt-get install fzf)."
    exit 0
fi

cargo build --quiet --release --example gen
gen=target/release/examples/gen

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Milliseconds of one run of "$@" with stdin from $input, output discarded.
time_once() {
    local start end
    start=$(date +%s%N)
    "$@" <"$input" >/dev/null || true # fzf exits 1 when nothing matches
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
}

# Median milliseconds of $RUNS runs of "$@" (hyperfine when installed).
median_ms() {
    if command -v hyperfine >/dev/null 2>&1; then
        # hyperfine runs the command through a shell, which redirects; output is discarded.
        local cmd
        cmd="$(printf '%q ' "$@")<$(printf '%q' "$input")"
        hyperfine --style none --runs "$RUNS" --warmup 1 --ignore-failure \
            --export-csv "$work/run.csv" "$cmd" >/dev/null 2>&1
        # Columns: command,mean,stddev,median,user,system,min,max (seconds).
        awk -F, 'NR == 2 { printf "%.0f\n", $4 * 1000 }' "$work/run.csv"
    else
        local times=()
        for _ in $(seq "$RUNS"); do
            times+=("$(time_once "$@")")
        done
        printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
    fi
}

echo "fzf $(fzf --version | cut -d' ' -f1)${FZF_FLAGS:+ $FZF_FLAGS}, median of $RUNS runs$(command -v hyperfine >/dev/null && echo ', hyperfine')"
printf '%-6s %-30s %10s %10s\n' size query matches "median ms"
for size in $SIZES; do
    input="$work/lines-$size.txt"
    "$gen" --actions "$size" --seed "$SEED" --lines >"$input"
    label="$((size / 1000))k"
    for query in "${QUERIES[@]}"; do
        fzf_cmd=(fzf --filter "$query" "${FLAGS[@]}")
        matches=$("${fzf_cmd[@]}" <"$input" | wc -l)
        printf '%-6s %-30s %10s %10s\n' "$label" "$query" "$matches" "$(median_ms "${fzf_cmd[@]}")"
    done
done
