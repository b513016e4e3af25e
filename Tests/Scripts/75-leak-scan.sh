#!/usr/bin/env bash
# After the whole demo (init, login, sync, show, exports, consent code, clinic fetch, revoke): no
# PHR text, token, OTP, CID or passphrase in any file outside the encrypted store and the
# exports, every file phr made 0600 and every directory 0700 (scripts/leak-scan; `make leak-scan`).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/leak-scan
