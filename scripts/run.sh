#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running Nectr: installs what is missing,
# builds the release binary and starts `nectr serve` on the embedded SQLite default.
# Extra arguments go to `nectr serve`, e.g. `bash scripts/run.sh --port 9000`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bash scripts/build.sh release
exec ./build/release/nectr serve "$@"
