#!/usr/bin/env bash
# CI form of `make sanitize` (scripts/sanitize --short): AddressSanitizer (with LeakSanitizer)
# over the suites of the targets that hold C or unsafe code — cipher VFS, keyring, store, QR and
# PDF drawing, PC/SC card — and ThreadSanitizer over phr driven through the end-to-end login and
# sync tests. Any report fails. The full form sanitizes the whole suite: `make sanitize`.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/sanitize --short
