#!/usr/bin/env bash
# The store's key handling end to end (docs/security.md):
#  1. libcrypto that cannot work (OpenSSL configured with only its null provider: no random
#     bytes, no AES, no HMAC, no PBKDF2): `phr init` stops with one line and exit 13, and
#     leaves no store behind; it never writes unencrypted or half-encrypted pages.
#  2. a passphrase file with a NUL byte: the whole line is the passphrase (the part before the
#     NUL does not open the store), and no message shows any of it.
#  3. `phr passwd` while another command holds the store (its shared lock, taken here by
#     flock(1) as a running `phr sync` would hold it): exit 13, one line, nothing changed —
#     the old passphrase still opens the store.
#  4. a 0-byte phr.db (a copy cut short): refused with exit 5 and one line, never re-initialised.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${PHR_BIN_DIR:-.build/debug}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export PHR_HOME="$work/home" LANG=C.UTF-8
fail() { echo "FAIL: $*" >&2; [ -s "$work/err" ] && cat "$work/err" >&2; exit 1; }
run() { set +e; "$@" >"$work/out" 2>"$work/err"; rc=$?; set -e; }
one_line() { [ "$(wc -l <"$work/err")" -eq 1 ] || fail "expected one line on stderr"; }

# 1. libcrypto failing.
cat >"$work/null.cnf" <<'EOF'
openssl_conf = openssl_init
[openssl_init]
providers = provider_sect
[provider_sect]
null = null_sect
[null_sect]
activate = 1
EOF
printf 'correct horse battery staple\n' >"$work/pass"; chmod 600 "$work/pass"
run env OPENSSL_CONF="$work/null.cnf" "$bin/phr" init --passphrase-file "$work/pass"
[ "$rc" -eq 13 ] || fail "init with a broken libcrypto: expected exit 13, got $rc"
one_line
[ ! -e "$PHR_HOME/phr.db" ] || fail "init with a broken libcrypto left $(stat -c %s "$PHR_HOME/phr.db") bytes of phr.db"
echo "libcrypto failing: exit 13, one line, no store left: ok"

# 2. A NUL in the passphrase file.
printf 'Prefix-q8\0after-the-nul\n' >"$work/nul"; printf 'Prefix-q8\n' >"$work/prefix"; chmod 600 "$work/nul" "$work/prefix"
run "$bin/phr" init --passphrase-file "$work/nul"
[ "$rc" -eq 0 ] || fail "init with a NUL in the passphrase: exit $rc"
! grep -q "Prefix-q8" "$work/out" "$work/err" || fail "init printed part of the passphrase"
run "$bin/phr" status --passphrase-file "$work/prefix"
[ "$rc" -eq 4 ] || fail "the part before the NUL opened the store (exit $rc)"
! grep -q "Prefix-q8" "$work/err" || fail "the error printed part of the passphrase"
run "$bin/phr" status --passphrase-file "$work/nul"
[ "$rc" -eq 0 ] || fail "the whole passphrase did not open the store (exit $rc)"
echo "NUL in the passphrase: the whole line is the key, nothing echoed: ok"

# 3. passwd against a running command.
printf 'a new passphrase for the test\n' >"$work/new"; chmod 600 "$work/new"
flock --shared --no-fork "$PHR_HOME/phr.db.lock" sleep 30 & holder=$!
for _ in $(seq 1 100); do [ -e "$PHR_HOME/phr.db.lock" ] && grep -q "$(stat -c %i "$PHR_HOME/phr.db.lock")" /proc/locks && break; sleep 0.05; done
run "$bin/phr" passwd --passphrase-file "$work/nul" --new-passphrase-file "$work/new"
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null || true
[ "$rc" -eq 13 ] || fail "passwd while the store is in use: expected exit 13, got $rc"
one_line
grep -q "in use" "$work/err" || fail "passwd did not say the store is in use"
run "$bin/phr" status --passphrase-file "$work/nul"
[ "$rc" -eq 0 ] || fail "after a refused passwd the old passphrase no longer opens the store (exit $rc)"
run "$bin/phr" passwd --passphrase-file "$work/nul" --new-passphrase-file "$work/new"
[ "$rc" -eq 0 ] || fail "passwd once the store is free: exit $rc"
run "$bin/phr" status --passphrase-file "$work/new"
[ "$rc" -eq 0 ] || fail "the new passphrase does not open the store (exit $rc)"
echo "passwd while another command holds the store: refused, nothing changed; then it works: ok"

# 4. An empty phr.db is not silently made into a new store.
: >"$PHR_HOME/phr.db"
run "$bin/phr" status --passphrase-file "$work/new"
[ "$rc" -eq 5 ] || fail "a 0-byte phr.db: expected exit 5, got $rc"
one_line
grep -q "0 bytes" "$work/err" || fail "the error does not say the file is empty"
[ ! -s "$PHR_HOME/phr.db" ] || fail "the 0-byte phr.db was re-initialised ($(stat -c %s "$PHR_HOME/phr.db") bytes)"
echo "a 0-byte phr.db: refused, left as it was: ok"
