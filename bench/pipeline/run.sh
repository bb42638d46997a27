#!/usr/bin/env bash
# Review pipeline benchmark (bench/README.md, "Review pipeline"):
#
#   bash bench/pipeline/run.sh
#
# Part A: Nectr's own time per review (parse the diff, select files, run the analyzers, load
# file contents, pack, build prompts, encode model requests, read the answers, merge, compose
# the GitHub review and its request body) for small, medium and huge synthetic pull requests,
# with an in-process model that answers at once. Median and p95 over many runs.
# Part B: reviews started at once in one process (one io_context thread) against
# bench/pipeline/slow_model_server.mjs, an OpenAI-compatible server that answers after DELAY
# seconds, through the real provider and libcurl client: wall time, completions, errors, how
# many waited at once (client and server side) and the process's memory (VmHWM).
#
# Environment (defaults): SIZES=small,medium,huge RUNS=0 (0: 500, 100, 30 per size) DELAY=5
# ROWS="small:100:2000 small:500:2000 small:1000:2000 medium:1000:2000 small:100:0", each row
# SIZE:REVIEWS:CONNECTIONS, where CONNECTIONS sets the curl client's max_connections_per_host
# and max_total_connections (0 keeps http::ClientOptions' defaults, 16 and 256).
# PARTS="a b" runs both parts. SKIP_BUILD=1 uses the binary already built. QUIET_WAIT_MIN=20
# waits up to that many minutes for the 1-minute load average to drop below 1. Results
# (results.jsonl, summary.txt, the server's log) stay in build/bench/pipeline-results/<time>/.
# Exit code: 0 if every review of every row completed.
set -euo pipefail

readonly here=$(cd "$(dirname "$0")" && pwd)
readonly repo=$(cd "$here/../.." && pwd)
readonly build_dir=$repo/build/bench
readonly bench=$build_dir/bench/pipeline/nectr_pipeline_bench
readonly sizes=${SIZES:-small,medium,huge}
readonly runs=${RUNS:-0}
readonly delay=${DELAY:-5}
readonly rows=${ROWS:-small:100:2000 small:500:2000 small:1000:2000 medium:1000:2000 small:100:0}
readonly parts=${PARTS:-a b}
readonly results_dir=$build_dir/pipeline-results/$(date +%Y%m%d-%H%M%S)
server_pid=""

die() {
    echo "run.sh: $*" >&2
    exit 1
}

cleanup() {
    if [[ -n "$server_pid" ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT

build() {
    if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
        # The flags of the release preset, in the build directory the other benchmarks use.
        cmake -S "$repo" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
            -DNECTR_BUILD_TESTS=OFF -DNECTR_BUILD_BENCH=ON >/dev/null
        ninja -C "$build_dir" nectr_pipeline_bench >/dev/null
    fi
    [[ -x "$bench" ]] || die "missing $bench (build without SKIP_BUILD=1)"
    command -v node >/dev/null || die "node is missing (scripts/bootstrap.sh installs it)"
    command -v python3 >/dev/null || die "python3 is missing"
}

# shellcheck source=../quiet.sh
source "$here/../quiet.sh"

# Every review holds a socket; the server holds as many. Raise the soft limit if needed.
raise_fd_limit() {
    local most=0 row reviews
    for row in $rows; do
        reviews=$(cut -d: -f2 <<<"$row")
        ((reviews > most)) && most=$reviews
    done
    local wanted=$((most + 256))
    if (($(ulimit -n) < wanted)); then
        ulimit -n "$wanted" 2>/dev/null || die "ulimit -n is $(ulimit -n); $wanted needed"
    fi
}

start_server() {
    : >"$results_dir/server.log"
    node "$here/slow_model_server.mjs" --delay "$delay" >"$results_dir/server.log" 2>&1 &
    server_pid=$!
    local attempt
    for ((attempt = 0; attempt < 100; attempt++)); do
        url=$(sed -n 's/^listening on //p' "$results_dir/server.log")
        if [[ -n "$url" ]]; then
            return
        fi
        kill -0 "$server_pid" 2>/dev/null || die "the model server exited; see $results_dir/server.log"
        sleep 0.1
    done
    die "the model server did not start; see $results_dir/server.log"
}

part_a() {
    echo
    echo "Part A: Nectr's own time per review (model answers at once, files from memory)"
    "$bench" --json "$results_dir/results.jsonl" cpu --sizes "$sizes" --runs "$runs"
}

part_b() {
    echo
    echo "Part B: reviews in flight at once against a model that takes ${delay} s per answer"
    raise_fd_limit
    start_server
    local row size reviews connections first=1 status=0
    for row in $rows; do
        IFS=: read -r size reviews connections <<<"$row"
        local header=()
        ((first)) && header=(--header)
        first=0
        "$bench" --json "$results_dir/results.jsonl" in-flight "${header[@]}" \
            --model-url "$url" --model-delay "$delay" --reviews "$reviews" --size "$size" \
            --max-connections "$connections" || status=1
        # The server's view of the same run: how many requests it held at once.
        python3 - "$url" "$results_dir/results.jsonl" <<'EOF'
import json, sys, urllib.request
base = sys.argv[1].rsplit("/v1", 1)[0]
stats = json.load(urllib.request.urlopen(base + "/stats?reset=1"))
with open(sys.argv[2], "a") as out:
    out.write(json.dumps({"part": "server", **stats}) + "\n")
EOF
    done
    return $status
}

summarize() {
    python3 - "$results_dir/results.jsonl" <<'EOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
cpu = [r for r in rows if r["part"] == "cpu"]
if cpu:
    print("\nPart A: Nectr's own time per review, parse to composed GitHub review (ms)")
    print(f"{'size':<7} {'files':>5} {'changed':>8} {'diff KiB':>8} {'parts':>5} {'runs':>5} "
          f"{'median':>8} {'p95':>8}   {'analyze':>7} {'pack':>6} {'prompts':>7} {'model JSON':>10}")
    for r in cpu:
        print(f"{r['size']:<7} {r['files']:>5} {r['additions'] + r['deletions']:>8} "
              f"{r['diff_bytes'] / 1024:>8.0f} {r['parts']:>5} {r['runs']:>5} "
              f"{r['median_ms']:>8.2f} {r['p95_ms']:>8.2f}   {r['analyze_ms']:>7.2f} "
              f"{r['pack_ms']:>6.2f} {r['prompt_ms']:>7.2f} {r['model_codec_ms']:>10.2f}")
flight = []
for i, r in enumerate(rows):
    if r["part"] == "in_flight":
        server = rows[i + 1] if i + 1 < len(rows) and rows[i + 1]["part"] == "server" else {}
        flight.append((r, server))
if flight:
    print("\nPart B: reviews started at once, one process, one io_context thread")
    print(f"{'size':<7} {'reviews':>7} {'conns':>10} {'wall s':>7} {'done':>5} {'errors':>6} "
          f"{'waiting':>7} {'at server':>9} {'answered':>8} {'p50 s':>6} {'max s':>6} "
          f"{'RSS idle':>8} {'RSS all waiting':>15} {'VmHWM MiB':>9} {'KiB/review':>10} "
          f"{'threads':>7}")
    for r, s in flight:
        conns = "defaults" if r["per_host"] == 16 and r["total_connections"] == 256 \
            else f"{r['per_host']}/{r['total_connections']}"
        print(f"{r['size']:<7} {r['reviews']:>7} {conns:>10} {r['wall_s']:>7.1f} "
              f"{r['succeeded']:>5} {r['errors']:>6} {r['peak_waiting']:>7} "
              f"{s.get('peak', '?'):>9} {s.get('answered', '?'):>8} "
              f"{r['latency_p50_s']:>6.1f} {r['latency_max_s']:>6.1f} "
              f"{r['rss_before_kib'] / 1024:>8.1f} {r['rss_all_waiting_kib'] / 1024:>15.1f} "
              f"{r['vm_hwm_kib'] / 1024:>9.1f} "
              f"{(r['vm_hwm_kib'] - r['rss_before_kib']) / r['reviews']:>10.0f} {r['threads']:>7}")
    print("\nwaiting: reviews inside a model call at once (client side); at server: requests "
          "the server held at once; answered: requests it answered (more than the model calls "
          "when some were retried). RSS idle: before the reviews start; VmHWM: the peak; "
          "KiB/review: (VmHWM - RSS idle) / reviews.")
EOF
}

main() {
    build
    mkdir -p "$results_dir"
    wait_until_quiet
    echo "nectr pipeline benchmark: $(nproc) cores," \
        "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load average" \
        "$(cut -d' ' -f1-3 /proc/loadavg), commit $(git -C "$repo" rev-parse --short HEAD)"
    local status=0
    [[ " $parts " == *" a "* ]] && part_a
    if [[ " $parts " == *" b "* ]]; then
        part_b || status=1
    fi
    summarize | tee "$results_dir/summary.txt"
    echo "results: $results_dir"
    return $status
}

main "$@"
