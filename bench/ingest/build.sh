#!/usr/bin/env bash
# Builds the webhook load generator into build/bench/ingest-load (or the path given as $1).
# Deliberately outside the CMake build: CI never compiles it. Needs g++ and libssl-dev.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${1:-$repo/build/bench/ingest-load}

mkdir -p "$(dirname "$out")"
g++ -std=c++20 -O2 -Wall -Wextra -Wpedantic -pthread \
    "$here/load.cpp" "$here/connection.cpp" "$here/open_loop.cpp" "$here/report.cpp" -o "$out" -lcrypto
echo "$out"
