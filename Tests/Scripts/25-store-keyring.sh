#!/usr/bin/env bash
# phr unlock caches the derived key in the kernel session keyring; commands then open the store
# without a passphrase; phr lock forgets it; phr passwd invalidates it.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${PHR_BIN_DIR:-.build/debug}
work=$(mktemp -d); trap 'rm -rf "$work"; "$bin/phr" lock >/dev/null 2>&1 || true' EXIT
export PHR_HOME="$work/home"
printf 'correct horse battery staple\n' >"$work/pass"; chmod 600 "$work/pass"
# Each run gets its own session keyring when keyctl can make one (as CI runs us).
if ! keyctl new_session >/dev/null 2>&1 && ! keyctl show @s >/dev/null 2>&1; then
  echo "SKIP: the kernel keyring is not available on this machine"; exit 0
fi
PHR_PASSPHRASE_FILE="$work/pass" "$bin/phr" init >/dev/null
PHR_PASSPHRASE_FILE="$work/pass" "$bin/phr" unlock --minutes 2
grep -q "store:" <<<"$("$bin/phr" status </dev/null)"                         # no passphrase needed
"$bin/phr" lock
set +e
"$bin/phr" status </dev/null 2>"$work/err"; rc=$?
set -e
if [ "$rc" -ne 64 ] || ! grep -q "no passphrase" "$work/err"; then      # asks again
  echo "expected exit 64 asking for the passphrase, got $rc" >&2; cat "$work/err" >&2; exit 1
fi
echo "unlock → no prompt; lock → asks again: ok"
