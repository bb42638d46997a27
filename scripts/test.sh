#!/usr/bin/env bash
# One command that installs what is missing, builds the debug preset (AddressSanitizer and
# UndefinedBehaviorSanitizer), starts a throwaway PostgreSQL 15 cluster, runs every test with
# CTest and stops the cluster again. Extra arguments go to ctest, e.g. `-R Store`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --test

werror=OFF
if [[ "${CI:-}" == "true" ]]; then
    werror=ON
fi
bash scripts/build.sh debug -DNECTR_WERROR=$werror

cluster_dir=$(mktemp -d /tmp/nectr-test-pg.XXXXXX)
cleanup() { bash scripts/pg_cluster.sh stop "$cluster_dir" >/dev/null 2>&1 || true; rm -rf "$cluster_dir"; }
trap cleanup EXIT
NECTR_TEST_POSTGRES_URL=$(bash scripts/pg_cluster.sh start "$cluster_dir")
export NECTR_TEST_POSTGRES_URL

jobs=$(nproc)
ctest --test-dir build/debug --output-on-failure -j "$jobs" "$@"
