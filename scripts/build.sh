#!/usr/bin/env bash
# Configures and builds one CMake preset (debug or release) into build/<preset>, then the
# dashboard into web/dist, where `nectr serve` finds it.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
shift || true
cmake --preset "$preset" "$@" >/dev/null
cmake --build --preset "$preset"
if [[ ! -d web/node_modules ]]; then
    npm ci --prefix web --no-audit --no-fund --loglevel=error >/dev/null
fi
npm run build --prefix web --silent
