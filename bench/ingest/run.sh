#!/usr/bin/env bash
# Webhook ingest benchmark: how many signed GitHub pull_request deliveries per second
# `nectr serve` accepts (202 after the commit), at what latency, and whether every accepted
# delivery is in the database afterwards.
#
#   bash bench/ingest/run.sh
#
# For each engine it starts a fresh server (fresh SQLite file / fresh PostgreSQL database per
# run), drives it with build/bench/ingest-load, kills the server with SIGKILL (a crash, not a
# clean shutdown) and then counts the rows in `events` and `jobs`: both must equal the number
# of 202 answers. Engines:
#   sqlite          WAL, synchronous=FULL (each commit fsynced), one group-commit writer thread
#   postgres        scripts/pg_cluster.sh's throwaway cluster: fsync=off, synchronous_commit=off,
#                   full_page_writes=off. NOT durable against a power loss: a speed reference.
#   postgres-fsync  the same cluster set-up with fsync=on, synchronous_commit=on,
#                   full_page_writes=on (PostgreSQL's defaults): durable.
#   python          the reference receiver in Python (reference_receiver.py: FastAPI on uvicorn
#                   with PY_WORKERS worker processes, default 2, from Debian's packages) doing
#                   the same verify, dedup and insert into SQLite (WAL, synchronous=FULL), for
#                   the ratio against `sqlite` in the same run
#   sqlite-same-pr  sqlite, but every delivery of a run is for one pull request (ingest-load
#                   --same-pr): each new review job supersedes the queued one, so the queue
#                   holds one queued job instead of a growing backlog. A diagnostic, not a
#                   realistic mix: it separates the cost of the backlog from the ingest path.
# Every delivery is a pull_request "opened" that the server turns into a queued review job.
# The server runs with SERVE_WORKERS in-process workers (default 0), so that the figures are
# those of ingest alone: there is no GitHub here, and workers would only churn through review
# jobs that fail at once. SERVE_WORKERS=2 measures ingest beside workers doing that.
# Environment (defaults): ENGINES="sqlite python postgres postgres-fsync sqlite-same-pr" RUNS=3
# CONNECTIONS=64 WARMUP=5 DURATION=20 RATE=0. RATE > 0 offers that many requests/s in all on a
# fixed schedule instead of a closed loop; latency then includes any queueing. SKIP_BUILD=1
# uses the binaries already built. QUIET_WAIT_MIN=20 waits up to that many minutes for the
# 1-minute load average to drop below 1 before starting. Data goes to a scratch directory
# under BENCH_TMP (default /var/tmp, a disk: fsync must cost what it costs in production),
# removed at the end; logs, results.jsonl and summary.txt stay in
# build/bench/ingest-results/<time>/. Exit code: 0 if every run answered only 202 and kept
# every accepted delivery, 1 otherwise.
set -euo pipefail

readonly here=$(cd "$(dirname "$0")" && pwd)
readonly repo=$(cd "$here/../.." && pwd)
readonly build_dir=$repo/build/bench
readonly nectr=$build_dir/nectr
readonly load=$build_dir/ingest-load
readonly payload=$here/pull_request.opened.json
readonly engines=${ENGINES:-sqlite python postgres postgres-fsync sqlite-same-pr}
readonly runs=${RUNS:-3}
readonly connections=${CONNECTIONS:-64}
readonly warmup=${WARMUP:-5}
readonly duration=${DURATION:-20}
readonly rate=${RATE:-0}
readonly secret=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
readonly results_dir=$build_dir/ingest-results/$(date +%Y%m%d-%H%M%S)
scratch=""
server_pid=""
clusters=()

die() {
    echo "run.sh: $*" >&2
    exit 1
}

cleanup() {
    if [[ -n "$server_pid" ]]; then
        pkill -KILL -P "$server_pid" 2>/dev/null || true
        kill -KILL "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    local cluster
    for cluster in "${clusters[@]}"; do
        "$repo/scripts/pg_cluster.sh" stop "$cluster" >/dev/null 2>&1 || true
    done
    if [[ -n "$scratch" ]]; then
        rm -rf "$scratch"
    fi
}
trap cleanup EXIT

build() {
    if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
        if [[ ! -f "$build_dir/build.ninja" ]]; then
            cmake -S "$repo" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
                -DNECTR_BUILD_TESTS=OFF >/dev/null
        fi
        ninja -C "$build_dir" nectr >/dev/null
        bash "$here/build.sh" "$load" >/dev/null
    fi
    [[ -x "$nectr" && -x "$load" ]] || die "missing $nectr or $load (build without SKIP_BUILD=1)"
    if [[ " $engines " == *" python "* ]] && ! /usr/bin/python3 -c 'import fastapi, uvicorn' 2>/dev/null; then
        if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-fastapi python3-uvicorn >/dev/null
        else
            die "the python engine needs Debian's python3-fastapi and python3-uvicorn"
        fi
    fi
    local tool
    for tool in sqlite3 psql python3; do
        command -v "$tool" >/dev/null ||
            die "$tool is missing: apt-get install -y sqlite3 postgresql python3"
    done
}

# shellcheck source=../quiet.sh
source "$here/../quiet.sh"

# start_server DATABASE_URL DIR: a server with a clean environment, cwd DIR (no stray .env);
# sets server_pid and port.
start_server() {
    local url=$1 dir=$2
    mkdir -p "$dir"
    : >"$dir/stdout"
    (cd "$dir" && exec env -i PATH="$PATH" HOME="$HOME" DATABASE_URL="$url" \
        GITHUB_WEBHOOK_SECRET="$secret" LOG_LEVEL=warn \
        "$nectr" serve --port 0 --workers "${SERVE_WORKERS:-0}" --data-dir "$dir" \
        >"$dir/stdout" 2>"$dir/stderr") &
    server_pid=$!
    local attempt
    for ((attempt = 0; attempt < 300; attempt++)); do
        port=$(sed -n 's|.* is running at http://[^ ]*:\([0-9][0-9]*\) .*|\1|p' "$dir/stdout")
        if [[ -n "$port" ]]; then
            return
        fi
        kill -0 "$server_pid" 2>/dev/null || die "the server exited; see $dir/stderr"
        sleep 0.1
    done
    die "the server did not start within 30 s; see $dir/stderr"
}

# start_reference DIR: the Python reference receiver on a free port, cwd DIR; sets server_pid
# and port once it answers /health.
start_reference() {
    local dir=$1
    mkdir -p "$dir"
    port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    (cd "$dir" && exec env -i PATH="$PATH" HOME="$HOME" WEBHOOK_SECRET="$secret" \
        DB_PATH="$dir/reference.db" PYTHONPATH="$here" /usr/bin/python3 -m uvicorn \
        reference_receiver:app --host 127.0.0.1 --port "$port" --workers "${PY_WORKERS:-2}" \
        --log-level warning --no-access-log >"$dir/stdout" 2>"$dir/stderr") &
    server_pid=$!
    local attempt
    for ((attempt = 0; attempt < 300; attempt++)); do
        if curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
            return
        fi
        kill -0 "$server_pid" 2>/dev/null || die "the reference receiver exited; see $dir/stderr"
        sleep 0.1
    done
    die "the reference receiver did not start within 30 s; see $dir/stderr"
}

crash_server() {
    pkill -KILL -P "$server_pid" 2>/dev/null || true  # uvicorn's worker processes
    kill -KILL "$server_pid"
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
}

# pg_setup NAME FSYNC(on|off): a cluster in the scratch dir; prints its directory.
pg_setup() {
    local dir=$scratch/$1
    "$repo/scripts/pg_cluster.sh" start "$dir" >/dev/null
    clusters+=("$dir")
    if [[ "$2" == on ]]; then
        pg_admin "$dir" postgres -c "ALTER SYSTEM SET fsync = on" \
            -c "ALTER SYSTEM SET synchronous_commit = on" \
            -c "ALTER SYSTEM SET full_page_writes = on" >/dev/null
        "$repo/scripts/pg_cluster.sh" restart "$dir" >/dev/null
    fi
    [[ $(pg_admin "$dir" postgres -tAc "SHOW fsync") == "$2" ]] || die "fsync is not $2 in $dir"
}

pg_admin() {
    local dir=$1 database=$2
    shift 2
    psql -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$(cat "$dir/port")" -U postgres -d "$database" \
        "$@" </dev/null
}

count_rows() {  # ENGINE LOCATION TABLE
    if [[ "$1" == sqlite* || "$1" == python ]]; then
        sqlite3 "$2" "SELECT count(*) FROM $3"
    else
        pg_admin "${2%%|*}" "${2##*|}" -tAc "SELECT count(*) FROM $3"
    fi
}

# run_once ENGINE RUN: one server, one load run, the crash, the counts; appends to results.jsonl.
run_once() {
    local engine=$1 run=$2 dir=$scratch/$1-run$2 url location extra=()
    case "$engine" in
        sqlite*)
            url="sqlite:///$dir/nectr.db"
            location=$dir/nectr.db
            ;;
        python)
            location=$dir/reference.db
            ;;
        postgres*)
            local cluster=$scratch/cluster-$engine database=nectr_bench_$run
            pg_admin "$cluster" postgres -c "CREATE DATABASE $database OWNER nectr"
            url=$(cat "$cluster/url")
            url=${url%/*}/$database
            location="$cluster|$database"
            ;;
    esac
    if [[ "$engine" == *-same-pr ]]; then
        extra=(--same-pr)
    fi
    if [[ "$engine" == python ]]; then
        start_reference "$dir"
    else
        start_server "$url" "$dir"
    fi
    local out=$results_dir/$engine-run$run
    "$load" --url "http://127.0.0.1:$port/api/v1/webhooks/github" --secret "$secret" \
        --payload "$payload" --connections "$connections" --warmup "$warmup" \
        --duration "$duration" --rate "$rate" --server-pid "$server_pid" "${extra[@]}" >"$out.load" 2>&1 || true
    crash_server
    cp "$dir/stderr" "$out.server.log"
    local events jobs journal=""
    events=$(count_rows "$engine" "$location" events)
    jobs=$(count_rows "$engine" "$location" jobs)
    if [[ "$engine" == sqlite* || "$engine" == python ]]; then
        journal=$(sqlite3 "$location" "PRAGMA journal_mode")
        rm -rf "$dir"
    else
        pg_admin "${location%%|*}" postgres -c "DROP DATABASE ${location##*|}"
    fi
    grep -q '^{' "$out.load" || die "no result from ingest-load; see $out.load"
    grep '^{' "$out.load" | tail -1 | python3 -c '
import json, sys
row = json.load(sys.stdin)
row.update(engine=sys.argv[1], run=int(sys.argv[2]), events_rows=int(sys.argv[3]),
           jobs_rows=int(sys.argv[4]), journal_mode=sys.argv[5])
print(json.dumps(row))' "$engine" "$run" "$events" "$jobs" "$journal" >>"$results_dir/results.jsonl"
    sed -n '2,6p' "$out.load" | sed "s/^/  [$engine run $run] /"
    echo "  [$engine run $run] rows after SIGKILL: events $events, jobs $jobs"
}

summarize() {
    python3 - "$results_dir/results.jsonl" <<'EOF'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
settings = {
    "sqlite": "WAL, synchronous=FULL, group commit",
    "postgres": "fsync=off, synchronous_commit=off (NOT durable)",
    "postgres-fsync": "fsync=on, synchronous_commit=on",
    "sqlite-same-pr": "as sqlite; one PR per run (diagnostic)",
    "python": "Python reference (FastAPI+uvicorn), WAL, FULL",
}
print(f"\n{'engine':<15} {'durability':<48} {'req/s':>8} {'p50 ms':>7} {'p90 ms':>7} "
      f"{'p99 ms':>7} {'max ms':>7} {'non-202':>7} {'server':>7} {'loadgen':>7} {'other':>6}  rows=202s")
ok = True
for engine in dict.fromkeys(r["engine"] for r in rows):
    runs = [r for r in rows if r["engine"] == engine]
    med = lambda key: statistics.median(r[key] for r in runs)
    kept = all(r["events_rows"] == r["accepted_total"] == r["jobs_rows"] for r in runs)
    clean = all(r["non_202_total"] == 0 and r["transport_errors"] == 0 for r in runs)
    ok = ok and kept and clean
    print(f"{engine:<15} {settings.get(engine, '?'):<48} {med('requests_per_s'):>8.0f} "
          f"{med('p50_ms'):>7.2f} {med('p90_ms'):>7.2f} {med('p99_ms'):>7.2f} {med('max_ms'):>7.1f} "
          f"{sum(r['non_202_total'] + r['transport_errors'] for r in runs):>7} "
          f"{med('server_cpu_pct'):>6.0f}% {med('generator_cpu_pct'):>6.0f}% "
          f"{statistics.median(r['machine_busy_pct'] * r['cores'] - r['server_cpu_pct'] - r['generator_cpu_pct'] for r in runs):>5.0f}%  "
          f"{'yes' if kept else 'NO'}")
print(f"\nMedians over {max(r['run'] for r in rows)} runs, each column's median taken on its own. "
      "req/s and latency: the measured window only. CPU: % of one core over the window; other = "
      "the rest of the machine's busy time (PostgreSQL's backends, kernel work not charged to a "
      "process, anything else running). "
      "rows=202s: per run, over every phase, the events and jobs rows found after a SIGKILL of "
      "the server equal the 202 answers.")
for r in rows:
    print(f"  {r['engine']:<15} run {r['run']}: {r['requests_per_s']:.0f} req/s, p99 "
          f"{r['p99_ms']:.2f} ms, max {r['max_ms']:.1f} ms, 202s {r['accepted_total']}, events "
          f"{r['events_rows']}, jobs {r['jobs_rows']}, statuses {r['all_statuses']}, machine busy "
          f"{r['machine_busy_pct']:.0f}%, per second {r.get('per_second')}")
engines = {r["engine"] for r in rows}
if {"sqlite", "python"} <= engines:
    med = lambda engine, key: statistics.median(r[key] for r in rows if r["engine"] == engine)
    print(f"\nnectr (sqlite) against the Python reference, same machine, same run: "
          f"{med('sqlite', 'requests_per_s') / med('python', 'requests_per_s'):.1f}x the requests/s, "
          f"p99 {med('sqlite', 'p99_ms'):.2f} ms against {med('python', 'p99_ms'):.2f} ms "
          f"({med('python', 'p99_ms') / med('sqlite', 'p99_ms'):.1f}x lower)")
sys.exit(0 if ok else 1)
EOF
}

main() {
    build
    mkdir -p "$results_dir" "${BENCH_TMP:-/var/tmp}"
    scratch=$(mktemp -d "${BENCH_TMP:-/var/tmp}/nectr-ingest-bench.XXXXXX")
    chmod 755 "$scratch"
    local fstype
    fstype=$(df --output=fstype "$scratch" | tail -1)
    [[ "$fstype" != tmpfs ]] || echo "run.sh: warning: $scratch is on tmpfs; fsync costs nothing" >&2
    wait_until_quiet
    echo "nectr ingest benchmark: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)," \
        "load average $(cut -d' ' -f1-3 /proc/loadavg), scratch on $fstype"
    echo "payload: $payload ($(stat -c %s "$payload") bytes); $runs runs of ${warmup} s warmup +" \
        "${duration} s measured, $connections connections," \
        "$( ((rate > 0)) && echo "offered $rate req/s" || echo "closed loop"); results in $results_dir"
    local engine run
    for engine in $engines; do
        case "$engine" in
            sqlite | sqlite-same-pr | python) ;;
            postgres) pg_setup cluster-postgres off ;;
            postgres-fsync) pg_setup cluster-postgres-fsync on ;;
            *) die "unknown engine $engine" ;;
        esac
        for ((run = 1; run <= runs; run++)); do
            run_once "$engine" "$run"
        done
        if [[ "$engine" == postgres* ]]; then
            "$repo/scripts/pg_cluster.sh" stop "$scratch/cluster-$engine" >/dev/null
        fi
    done
    summarize | tee "$results_dir/summary.txt"
}

main "$@"
