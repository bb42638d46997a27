#!/usr/bin/env bash
# A GitHub REST API emulator for tests: Prism serving GitHub's official OpenAPI description
# (@octokit/openapi), both installed into tests/node by scripts/bootstrap.sh --test.
#
#   scripts/prism.sh start DIR   start Prism on 127.0.0.1 at a free port, wait until it answers,
#                                print its URL; the URL is also written to DIR/url, the process
#                                id to DIR/pid and Prism's output to DIR/log
#   scripts/prism.sh stop DIR    stop the Prism that `start` left in DIR
#   scripts/prism.sh url DIR     print the URL of the Prism in DIR
#
# Prism answers with the description's examples and validates every request against it: an
# invalid request gets a 422 with the violations in its `sl-violations` header. Loading the
# description takes about 15 s. Reads no stdin.
set -euo pipefail

readonly kPortAttempts=8
readonly kReadySeconds=90

ROOT=$(cd "$(dirname "$0")/.." && pwd)
readonly ROOT
readonly PRISM="$ROOT/tests/node/node_modules/.bin/prism"
readonly SPEC="$ROOT/tests/node/node_modules/@octokit/openapi/generated/api.github.com.json"

die() {
    echo "prism.sh: $*" >&2
    exit 1
}

random_port() {
    echo $((20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000))
}

is_alive() {
    [[ -f "$DIR/pid" ]] && kill -0 "$(cat "$DIR/pid")" 2>/dev/null
}

# Any HTTP answer from a known path means the description is loaded and routes are served.
answers() {
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/zen" || true)
    [[ "$code" =~ ^[1-5][0-9][0-9]$ ]]
}

stop_prism() {
    if is_alive; then
        local pid
        pid=$(cat "$DIR/pid")
        # Prism runs as the leader of its own process group (setsid below): stop the group.
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        local waited=0
        while kill -0 "$pid" 2>/dev/null && ((waited < 50)); do
            sleep 0.1
            waited=$((waited + 1))
        done
        kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$DIR/pid"
}

# Starts Prism on `port`; succeeds once it answers, fails (leaving nothing running) if it
# exits or stays silent.
start_on() {
    local port=$1
    setsid "$PRISM" mock "$SPEC" -p "$port" -h 127.0.0.1 -v warn </dev/null >"$DIR/log" 2>&1 &
    echo $! >"$DIR/pid"
    local deadline=$((SECONDS + kReadySeconds))
    while ((SECONDS < deadline)); do
        if ! is_alive; then
            return 1
        fi
        if answers "$port"; then
            echo "http://127.0.0.1:$port" >"$DIR/url"
            return 0
        fi
        sleep 0.5
    done
    stop_prism
    return 1
}

command=${1:-}
DIR=${2:-}
[[ -n "$command" && -n "$DIR" ]] || die "usage: $0 start|stop|url DIR"

case "$command" in
    start)
        [[ -x "$PRISM" && -f "$SPEC" ]] ||
            die "Prism or GitHub's OpenAPI description is missing: run scripts/bootstrap.sh --test"
        command -v curl >/dev/null || die "curl is needed to see when Prism is ready"
        mkdir -p "$DIR"
        DIR=$(cd "$DIR" && pwd)
        if is_alive && [[ -f "$DIR/url" ]]; then
            cat "$DIR/url"
            exit 0
        fi
        for ((attempt = 1; attempt <= kPortAttempts; attempt++)); do
            port=$(random_port)
            if start_on "$port"; then
                cat "$DIR/url"
                exit 0
            fi
            echo "prism.sh: Prism did not come up on port $port, trying another" >&2
        done
        die "could not start Prism on any of $kPortAttempts ports; see $DIR/log"
        ;;
    stop)
        [[ -d "$DIR" ]] || die "no directory $DIR"
        DIR=$(cd "$DIR" && pwd)
        stop_prism
        ;;
    url)
        [[ -f "$DIR/url" ]] || die "no Prism in $DIR"
        cat "$DIR/url"
        ;;
    *)
        die "unknown command '$command'; use start, stop or url"
        ;;
esac
