#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests.
#
#   scripts/pg_cluster.sh start DIR         create a cluster in DIR (or start the one there) and
#                                           print its URL; the URL is also written to DIR/url
#   scripts/pg_cluster.sh stop DIR          stop it (fast shutdown: sessions are disconnected)
#   scripts/pg_cluster.sh kill DIR          stop it at once (immediate shutdown, like a crash)
#   scripts/pg_cluster.sh restart DIR       start a stopped cluster again on the same port
#   scripts/pg_cluster.sh start-again DIR   (the same as restart)
#   scripts/pg_cluster.sh url DIR           print the URL of the cluster in DIR
#
# With PG_DURABLE=1 in the environment, `start` creates a cluster with PostgreSQL's durable
# settings (fsync, synchronous_commit, full_page_writes on); by default they are off.
#
# The cluster listens on 127.0.0.1 at a free port and on a Unix socket in DIR. Local socket
# connections are trusted; TCP connections need the password of role `nectr`, which owns the
# database `nectr_test`. Nothing is synced to disk: the data is meant to be thrown away.
# Runs as root (the server then runs as user postgres) or as any other user. Reads no stdin.
set -euo pipefail

readonly kRole=nectr
readonly kDatabase=nectr_test
readonly kPortAttempts=8

die() {
    echo "pg_cluster.sh: $*" >&2
    exit 1
}

find_bin_dir() {
    local dir
    for dir in "${PG_BIN_DIR:-}" /usr/lib/postgresql/15/bin; do
        if [[ -n "$dir" && -x "$dir/pg_ctl" ]]; then
            echo "$dir"
            return
        fi
    done
    dir=$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/pg_ctl)")
    [[ -x "$dir/pg_ctl" ]] || die "no PostgreSQL server binaries: apt-get install -y postgresql"
    echo "$dir"
}

BIN=$(find_bin_dir)
readonly BIN

# Runs a command as the user that owns the cluster (postgres when we are root).
as_owner() {
    if [[ $(id -u) -ne 0 ]]; then
        "$@"
    elif command -v runuser >/dev/null; then
        runuser -u postgres -- "$@"
    else
        su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
}

pg_ctl_owner() {
    as_owner "$BIN/pg_ctl" -D "$DIR/data" "$@" </dev/null
}

is_running() {
    [[ -d "$DIR/data" ]] && pg_ctl_owner status >/dev/null 2>&1
}

random_hex() {
    od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'
}

url() {
    echo "postgresql://$kRole:$(cat "$DIR/password")@127.0.0.1:$(cat "$DIR/port")/$kDatabase"
}

# Starts the server on the port in DIR/port; fails (without a stray server) if it cannot.
start_server() {
    local port
    port=$(cat "$DIR/port")
    if ! pg_ctl_owner -l "$DIR/log" -w -t 30 \
        -o "-p $port -k $DIR -c listen_addresses=127.0.0.1" start >/dev/null; then
        # A postmaster that failed to come up within the wait must not linger.
        pg_ctl_owner -m immediate -w stop >/dev/null 2>&1 || true
        return 1
    fi
}

psql_admin() {
    "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR" -p "$(cat "$DIR/port")" -U postgres \
        -d postgres "$@" </dev/null
}

create_cluster() {
    mkdir -p "$DIR"
    DIR=$(cd "$DIR" && pwd)
    # The server (user postgres) must reach DIR through every parent and write its socket there.
    chmod 755 "$DIR"
    local parent
    parent=$(dirname "$DIR")
    while [[ "$parent" != / ]]; do
        if [[ $(id -u) -eq 0 ]]; then
            chmod o+x "$parent" 2>/dev/null || true
        fi
        parent=$(dirname "$parent")
    done
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres:postgres "$DIR"
    fi
    local locale=C.UTF-8
    locale -a 2>/dev/null | grep -qix 'c.utf-\?8' || locale=C
    as_owner "$BIN/initdb" -D "$DIR/data" -U postgres --auth-local=trust \
        --auth-host=scram-sha-256 --no-sync -E UTF8 --locale="$locale" </dev/null >"$DIR/initdb.log" 2>&1 ||
        die "initdb failed; see $DIR/initdb.log"
    # PG_DURABLE=1 keeps PostgreSQL's durable defaults, for tests and benchmarks that kill the
    # server and count what survived; otherwise speed wins over durability.
    local durability="fsync = off
synchronous_commit = off
full_page_writes = off"
    if [[ "${PG_DURABLE:-0}" == "1" ]]; then
        durability="fsync = on
synchronous_commit = on
full_page_writes = on"
    fi
    cat >>"$DIR/data/postgresql.conf" <<EOF

# Throwaway test cluster (scripts/pg_cluster.sh).
$durability
max_connections = 200
shared_buffers = 32MB
log_min_messages = warning
EOF
    random_hex 12 >"$DIR/password"
    chmod 600 "$DIR/password"

    local attempt port
    for ((attempt = 1; attempt <= kPortAttempts; attempt++)); do
        port=$((20000 + $(random_hex 2 | sed 's/^/0x/') % 40000))
        echo "$port" >"$DIR/port"
        if start_server; then
            break
        fi
        echo "pg_cluster.sh: port $port did not work, trying another" >&2
        if ((attempt == kPortAttempts)); then
            die "could not start PostgreSQL on any of $kPortAttempts ports; see $DIR/log"
        fi
    done

    local password
    password=$(cat "$DIR/password")
    if ! psql_admin -c "CREATE ROLE $kRole LOGIN PASSWORD '$password';" \
        -c "CREATE DATABASE $kDatabase OWNER $kRole;" >/dev/null; then
        pg_ctl_owner -m immediate -w stop >/dev/null 2>&1 || true
        die "could not create role $kRole and database $kDatabase"
    fi
}

command=${1:-}
DIR=${2:-}
[[ -n "$command" && -n "$DIR" ]] || die "usage: $0 start|stop|kill|restart|start-again|url DIR"

case "$command" in
    start)
        if [[ -f "$DIR/data/PG_VERSION" ]]; then
            DIR=$(cd "$DIR" && pwd)
            is_running || start_server || die "could not start the cluster in $DIR; see $DIR/log"
        else
            create_cluster
        fi
        url | tee "$DIR/url"
        ;;
    restart | start-again)
        [[ -f "$DIR/data/PG_VERSION" ]] || die "no cluster in $DIR; use: $0 start $DIR"
        DIR=$(cd "$DIR" && pwd)
        if is_running; then
            pg_ctl_owner -m fast -w stop >/dev/null
        fi
        start_server || die "could not start the cluster on port $(cat "$DIR/port"); see $DIR/log"
        url | tee "$DIR/url"
        ;;
    stop | kill)
        [[ -d "$DIR/data" ]] || die "no cluster in $DIR"
        DIR=$(cd "$DIR" && pwd)
        mode=fast
        [[ "$command" == kill ]] && mode=immediate
        if is_running; then
            pg_ctl_owner -m "$mode" -w -t 30 stop >/dev/null
        fi
        ;;
    url)
        [[ -f "$DIR/port" ]] || die "no cluster in $DIR"
        DIR=$(cd "$DIR" && pwd)
        url
        ;;
    *)
        die "unknown command '$command'; use start, stop, kill, restart, start-again or url"
        ;;
esac
