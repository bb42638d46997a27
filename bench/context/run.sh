#!/usr/bin/env bash
# Review context benchmark: the latency of the context a review gathers (the knowledge graph,
# memory and code index sources, one after the other, as the review job runs them) over the
# code index benchmark's corpus:
#
#   bash bench/context/run.sh [CHECKOUT]
#
# Builds build/bench/nectr and nectr_context_bench (Release), indexes CHECKOUT (default: the
# corpus bench/index/run.sh made under BENCH_TMP) into a fresh SQLite file with `nectr index`
# (which imports the git history into the graph too), then times PRS made-up pull requests
# (3-10 files of one directory, up to two changed symbols each) ROUNDS times after a warm-up
# round. With PG_URL set, the same on a fresh PostgreSQL schema.
# Environment (defaults): PRS=40 ROUNDS=5 PG_URL="" SKIP_BUILD=0 (1: use the binaries already
# built) NECTR=build/bench/nectr BENCH_TMP=/var/tmp QUIET_WAIT_MIN=0. Results stay in
# build/bench/context-results/<time>/.
set -euo pipefail

readonly here=$(cd "$(dirname "$0")" && pwd)
readonly repo=$(cd "$here/../.." && pwd)
readonly build_dir=$repo/build/bench
readonly nectr=${NECTR:-$build_dir/nectr}
readonly bench=$build_dir/bench/context/nectr_context_bench
readonly prs=${PRS:-40}
readonly rounds=${ROUNDS:-5}
readonly bench_tmp=${BENCH_TMP:-/var/tmp}
readonly results_dir=$build_dir/context-results/$(date +%Y%m%d-%H%M%S)
readonly name=bench/corpus
scratch=""
schemas=()

die() {
    echo "run.sh: $*" >&2
    exit 1
}

cleanup() {
    if [[ -n "$scratch" ]]; then
        rm -rf "$scratch"
    fi
    local schema
    for schema in "${schemas[@]}"; do
        psql -q "$PG_URL" -c "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1 || true
    done
}
trap cleanup EXIT

# shellcheck source=bench/quiet.sh
source "$repo/bench/quiet.sh"

build() {
    if [[ "${SKIP_BUILD:-0}" == 1 ]]; then
        return
    fi
    cmake -S "$repo" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DNECTR_BUILD_TESTS=OFF -DNECTR_BUILD_BENCH=ON >/dev/null
    local targets=(nectr_context_bench)
    [[ -n "${NECTR:-}" ]] || targets+=(nectr)
    ninja -C "$build_dir" "${targets[@]}" >/dev/null
}

checkout_path() {
    if [[ $# -gt 0 ]]; then
        echo "$1"
        return
    fi
    local dir=$bench_tmp/nectr-index-corpus
    for candidate in "$dir/git" "$dir/boost"; do
        if [[ -d $candidate/.git ]]; then
            echo "$candidate"
            return
        fi
    done
    die "no corpus under $dir: run bench/index/run.sh once, or pass a CHECKOUT"
}

# Sets `url` to a fresh database for engine $1: a new file under $scratch, or a new schema.
new_database() {
    if [[ $1 == sqlite ]]; then
        url="sqlite:///$scratch/context-$RANDOM$RANDOM.db"
        return
    fi
    local schema=bench_$RANDOM$RANDOM
    psql -q "$PG_URL" -c "CREATE SCHEMA $schema" >/dev/null
    schemas+=("$schema")
    url="$PG_URL$([[ $PG_URL == *\?* ]] && echo '&' || echo '?')options=-csearch_path%3D$schema"
}

main() {
    build
    [[ -x $nectr && -x $bench ]] || die "build $nectr and $bench first (or drop SKIP_BUILD)"
    local checkout
    checkout=$(checkout_path "$@")
    mkdir -p "$results_dir"
    scratch=$(mktemp -d "$bench_tmp/nectr-context-bench.XXXXXX")
    wait_until_quiet
    {
        echo "checkout: $checkout ($(git -C "$checkout" ls-files | wc -l) tracked files)"
        local engines=(sqlite)
        [[ -n "${PG_URL:-}" ]] && engines+=(postgres)
        local engine url
        for engine in "${engines[@]}"; do
            new_database "$engine"
            "$nectr" index "$checkout" --repo "$name" --quiet --database-url "$url" \
                --data-dir "$scratch/data" | sed "s/^/index: /"
            echo "uptime before ($engine): $(uptime)"
            "$bench" "$url" "$name" "$checkout" "$prs" "$rounds" | sed "s/^/$engine: /"
            echo "uptime after ($engine): $(uptime)"
        done
    } | tee "$results_dir/summary.txt"
}

main "$@"
