#!/usr/bin/env bash
# One command that installs what is missing, builds the debug preset (AddressSanitizer and
# UndefinedBehaviorSanitizer), starts a throwaway PostgreSQL 15 cluster and the GitHub API
# emulator (Prism), runs every test with CTest and stops both again. Extra arguments go to
# ctest, e.g. `-R Store`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --test

werror=OFF
if [[ "${CI:-}" == "true" ]]; then
    werror=ON
fi
bash scripts/build.sh debug -DNECTR_WERROR=$werror

cluster_dir=$(mktemp -d /tmp/nectr-test-pg.XXXXXX)
prism_dir=$(mktemp -d /tmp/nectr-test-prism.XXXXXX)
cleanup() {
    # A Prism still starting must have written its pid before it can be stopped.
    if [[ -n "${prism_start:-}" ]]; then
        wait "$prism_start" 2>/dev/null || true
    fi
    bash scripts/prism.sh stop "$prism_dir" >/dev/null 2>&1 || true
    bash scripts/pg_cluster.sh stop "$cluster_dir" >/dev/null 2>&1 || true
    rm -rf "$cluster_dir" "$prism_dir"
}
trap cleanup EXIT
# Prism needs about 15 s to load GitHub's description: start it first, wait for it last.
bash scripts/prism.sh start "$prism_dir" >/dev/null &
prism_start=$!
NECTR_TEST_POSTGRES_URL=$(bash scripts/pg_cluster.sh start "$cluster_dir")
export NECTR_TEST_POSTGRES_URL
if ! wait "$prism_start"; then
    echo "test.sh: Prism did not start; see $prism_dir/log" >&2
    cat "$prism_dir/log" >&2 || true
    exit 1
fi
NECTR_TEST_GITHUB_API_URL=$(bash scripts/prism.sh url "$prism_dir")
export NECTR_TEST_GITHUB_API_URL

jobs=$(nproc)
ctest --test-dir build/debug --output-on-failure -j "$jobs" "$@"
