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
# ThreadSanitizer: only the tests of the concurrent parts (the job queue and the HTTP server),
# which the tsan preset alone registers (docs/testing.md); the whole suite under it would
# not fit the CI budget.
tsan_targets=(nectr_unit_queue_tests nectr_unit_http_tests)
cmake --preset tsan -DNECTR_WERROR=$werror >/dev/null
cmake --build --preset tsan --target "${tsan_targets[@]}"

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
# A race report makes the test exit non-zero (TSan's exitcode), so the test fails.
tsan_status=0
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
    ctest --test-dir build/tsan --output-on-failure -j "$jobs" "$@" || tsan_status=$?
ctest --test-dir build/debug --output-on-failure -j "$jobs" "$@"
if [[ $tsan_status -ne 0 ]]; then
    echo "test.sh: the ThreadSanitizer tests failed (above, before the main suite)" >&2
    exit "$tsan_status"
fi
