#!/usr/bin/env bash
# Installs what Nectr needs to build (and, with --test, to run its tests) on Debian 12.
# Only missing packages are installed, so a second run takes a moment.
set -euo pipefail

BUILD_PACKAGES=(
    g++ cmake ninja-build ccache pkg-config git curl
    libboost-json1.81-dev libboost-url1.81-dev
    libpq-dev libsqlite3-dev libssl-dev libcurl4-openssl-dev zlib1g-dev libzstd-dev libxxhash-dev
    libspdlog-dev libfmt-dev libcli11-dev
    libre2-dev libtomlplusplus-dev libhnswlib-dev libsimdjson-dev
)
# Chromium runs the dashboard's end-to-end test (driven by playwright-core); universal-ctags
# indexes the checkouts of the scan tests.
TEST_PACKAGES=(libgtest-dev libgmock-dev postgresql chromium universal-ctags)

with_tests=false
if [[ "${1:-}" == "--test" ]]; then
    with_tests=true
fi
packages=("${BUILD_PACKAGES[@]}")
# Node builds the dashboard (web/) and runs the real peers of the tests (GitHub's webhook
# examples and signing reference).
if ! command -v npm >/dev/null; then
    packages+=(nodejs npm)
fi
if $with_tests; then
    packages+=("${TEST_PACKAGES[@]}")
fi

install_test_peers() {
    local dir
    dir="$(cd "$(dirname "$0")/.." && pwd)/tests/node"
    if [[ ! -f "$dir/node_modules/.package-lock.json" || "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
        echo "bootstrap: installing the test peers from npm (tests/node)" >&2
        npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >/dev/null
    fi
}

# The dashboard's dependencies, pinned by web/package-lock.json.
install_web() {
    local dir
    dir="$(cd "$(dirname "$0")/.." && pwd)/web"
    if [[ ! -f "$dir/node_modules/.package-lock.json" || "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
        echo "bootstrap: installing the dashboard's packages from npm (web)" >&2
        npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >/dev/null
    fi
}

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
    install_web
    if $with_tests; then
        install_test_peers
    fi
    exit 0
fi

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
    if ! command -v sudo >/dev/null; then
        echo "bootstrap: these packages are missing and installing them needs root: ${missing[*]}" >&2
        exit 1
    fi
    SUDO=(sudo)
fi
echo "bootstrap: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
install_web
if $with_tests; then
    install_test_peers
fi
