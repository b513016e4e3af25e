#!/usr/bin/env bash
# The three fuzz targets (wire parsers, smart-card reader, store cipher) still build and survive a short run (FUZZ_SMOKE_SECONDS, default
# 20). The long run is `make fuzz` (5 minutes by default).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash fuzz/run.sh "${FUZZ_SMOKE_SECONDS:-20}"
