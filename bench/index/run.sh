#!/usr/bin/env bash
# Code index benchmark (bench/README.md, "Code index"):
#
#   bash bench/index/run.sh [CHECKOUT]
#
# 1. ctags alone over the checkout, as a user would run it:
#    ctags -R --output-format=json --fields=+neKS -f - CHECKOUT >/dev/null
#    (ctags 5.9 refuses `-f /dev/null` with -R: "failed to truncate the tag file").
# 2. `nectr index CHECKOUT` into a fresh SQLite file (and, with PG_URL set, a fresh PostgreSQL
#    schema): the whole index (file listing, reads, ctags in batches, imports, chunks, writes).
#    The ratio nectr / ctags is the figure to watch (target: at most 1.5). Then once more over
#    the same database with nothing changed.
# 3. An incremental refresh: 10 files changed, `nectr index` again (it re-parses those only),
#    and the same 10 through UpdateFiles (the push path).
# 4. SearchCode latency: the 50 queries of bench/index/queries.txt, once to warm up, then
#    ROUNDS times each; p50 and p99.
#
# CHECKOUT defaults to a sizeable public code base: a shallow clone of github.com/git/git when
# the network reaches GitHub, else a git repository made once from this machine's Boost
# headers (/usr/include/boost, about 15,000 files), kept under BENCH_TMP for the next run.
# Environment (defaults): RUNS=3 (timed runs of steps 1 and 2; the median is reported)
# ROUNDS=5 PG_URL="" (a PostgreSQL URL whose database may hold throwaway schemas) SKIP_BUILD=1
# uses the binaries already built, BENCH_TMP=/var/tmp, QUIET_WAIT_MIN=0 (minutes to wait for a
# 1-minute load average below 1). Results stay in build/bench/index-results/<time>/.
set -euo pipefail

readonly here=$(cd "$(dirname "$0")" && pwd)
readonly repo=$(cd "$here/../.." && pwd)
readonly build_dir=$repo/build/bench
readonly nectr=$build_dir/nectr
readonly bench=$build_dir/bench/index/nectr_index_bench
readonly runs=${RUNS:-3}
readonly rounds=${ROUNDS:-5}
readonly bench_tmp=${BENCH_TMP:-/var/tmp}
readonly results_dir=$build_dir/index-results/$(date +%Y%m%d-%H%M%S)
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
    ninja -C "$build_dir" nectr nectr_index_bench >/dev/null
}

# Prints the path of the checkout to index.
corpus() {
    if [[ $# -gt 0 ]]; then
        echo "$1"
        return
    fi
    local dir=$bench_tmp/nectr-index-corpus
    if [[ -d $dir/git/.git ]]; then
        echo "$dir/git"
        return
    fi
    if [[ -d $dir/boost/.git ]]; then
        echo "$dir/boost"
        return
    fi
    mkdir -p "$dir"
    if timeout 15 git ls-remote https://github.com/git/git HEAD >/dev/null 2>&1; then
        git clone -q --depth 1 https://github.com/git/git "$dir/git" >&2
        echo "$dir/git"
        return
    fi
    [[ -d /usr/include/boost ]] || die "no network and no /usr/include/boost: pass a CHECKOUT"
    echo "run.sh: GitHub unreachable; making a repository of /usr/include/boost" >&2
    cp -r /usr/include/boost "$dir/boost"
    git -C "$dir/boost" init -q
    git -C "$dir/boost" add -A
    git -C "$dir/boost" -c user.name=bench -c user.email=bench@localhost commit -q -m corpus
    echo "$dir/boost"
}

# Runs the command and prints its wall time in seconds.
seconds() {
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }'
}

median() {
    tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# Sets `url` to a fresh database for engine $1: a new file under $scratch, or a new schema.
new_database() {
    if [[ $1 == sqlite ]]; then
        url="sqlite:///$scratch/index-$RANDOM$RANDOM.db"
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
    command -v ctags >/dev/null || die "universal-ctags is not installed"
    local checkout
    checkout=$(corpus "$@")
    mkdir -p "$results_dir"
    scratch=$(mktemp -d "$bench_tmp/nectr-index-bench.XXXXXX")
    wait_until_quiet
    local files
    files=$(git -C "$checkout" ls-files 2>/dev/null | wc -l || true)
    {
        echo "checkout: $checkout ($files tracked files, $(du -sh --exclude=.git "$checkout" | cut -f1))"
        echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

        local ctags_times=() i
        for ((i = 0; i < runs; i++)); do
            ctags_times+=("$(seconds ctags -R --output-format=json --fields=+neKS -f - "$checkout")")
        done
        local ctags_median
        ctags_median=$(echo "${ctags_times[*]}" | median)
        echo "ctags -R alone: ${ctags_times[*]} s (median $ctags_median s)"

        local engines=(sqlite)
        [[ -n "${PG_URL:-}" ]] && engines+=(postgres)
        local engine url
        for engine in "${engines[@]}"; do
            local index_times=()
            for ((i = 0; i < runs; i++)); do
                new_database "$engine"
                index_times+=("$(seconds "$nectr" index "$checkout" --repo "$name" --quiet \
                    --database-url "$url" --data-dir "$scratch/data")")
            done
            local index_median
            index_median=$(echo "${index_times[*]}" | median)
            echo "nectr index ($engine, fresh): ${index_times[*]} s (median $index_median s)," \
                "ratio to ctags $(awk -v n="$index_median" -v c="$ctags_median" 'BEGIN { printf "%.2f", n / c }')"
            # Again over the last database, nothing changed: what it holds, and the no-op cost.
            "$nectr" index "$checkout" --repo "$name" --quiet --database-url "$url" \
                --data-dir "$scratch/data" | sed "s/^/  unchanged re-run: /"

            # Ten files changed: a refresh finds and re-parses them; UpdateFiles is told them.
            local changed=()
            mapfile -t changed < <(git -C "$checkout" ls-files | grep -E '\.(c|cc|cpp|h|hpp|ipp|py|go|js|ts|rs|java)$' | awk 'NR % 997 == 1' | head -10)
            local path
            for path in "${changed[@]}"; do
                printf '\n// touched by the benchmark\n' >>"$checkout/$path"
            done
            echo "refresh after ${#changed[@]} changed files (nectr index):" \
                "$(seconds "$nectr" index "$checkout" --repo "$name" --quiet --database-url "$url" --data-dir "$scratch/data") s"
            for path in "${changed[@]}"; do
                printf '// and again\n' >>"$checkout/$path"
            done
            echo "UpdateFiles of the same ${#changed[@]} files: $("$bench" update "$url" "$name" "$checkout" "${changed[@]}")"
            git -C "$checkout" checkout -q -- "${changed[@]}"

            "$bench" search "$url" "$name" "$here/queries.txt" "$rounds" >"$results_dir/search-$engine.txt"
            echo "SearchCode ($engine): $(grep '^search:' "$results_dir/search-$engine.txt")"
        done
        echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
    } | tee "$results_dir/summary.txt"
}

main "$@"
