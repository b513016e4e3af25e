#!/usr/bin/env bash
# The wire-parser fuzz target still builds and survives a short run (FUZZ_SMOKE_SECONDS, default
# 20). The long run is `make fuzz` (5 minutes by default).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash fuzz/run.sh "${FUZZ_SMOKE_SECONDS:-20}"
