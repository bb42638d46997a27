#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang 14, AddressSanitizer and
# UndefinedBehaviorSanitizer, build/fuzz) and runs each one for a while, one after another.
#   scripts/fuzz.sh [target|all] [seconds per target]     (default: all, 120)
# Targets: diff_parser webhook json_rpc http_request repo_config model_output
# (tests/fuzz/README.md). Each run starts from the committed seeds in
# tests/fuzz/corpus/<target>/ and keeps what it learns in build/fuzz/corpus/<target>/; a crash
# is written to build/fuzz/artifacts/<target>/ and makes the script exit non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
all_targets=(diff_parser webhook json_rpc http_request repo_config model_output)
which="${1:-all}"
seconds="${2:-120}"
if [[ "$which" == "all" ]]; then
    targets=("${all_targets[@]}")
else
    targets=("$which")
fi

export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(cd .. && pwd)}"
cmake --preset fuzz >/dev/null
build_targets=()
for target in "${targets[@]}"; do
    build_targets+=("nectr_fuzz_$target")
done
cmake --build --preset fuzz --target "${build_targets[@]}"

failed=0
for target in "${targets[@]}"; do
    corpus="build/fuzz/corpus/$target"
    artifacts="build/fuzz/artifacts/$target"
    mkdir -p "$corpus" "$artifacts"
    echo "fuzz.sh: $target for ${seconds}s"
    # -timeout: an input that takes seconds is a bug of its own (a quadratic parse).
    if ! "build/fuzz/tests/fuzz/nectr_fuzz_$target" "$corpus" "tests/fuzz/corpus/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
        -artifact_prefix="$artifacts/" 2>"build/fuzz/$target.log"; then
        echo "fuzz.sh: $target failed; see build/fuzz/$target.log and $artifacts/" >&2
        failed=1
    fi
    grep -E "^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)" \
        "build/fuzz/$target.log" || tail -n 20 "build/fuzz/$target.log"
done
exit "$failed"
