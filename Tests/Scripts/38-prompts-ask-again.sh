#!/usr/bin/env bash
# Prompts ask again, on a real terminal (a pty driven by scripts/lib/pty-expect.py):
# 1. `phr init`: an empty passphrase and two that differ are asked again (3 tries); a short one
#    is warned about after the first entry, before it is typed twice. `init` on an existing
#    store and `unlock` with no store refuse before any prompt.
# 2. A wrong passphrase is asked again (3 tries, each a full key derivation), then exit 4;
#    `phr passwd` asks again for a wrong current one and for a new one typed differently.
# 3. Ctrl-C during `phr sync` prints one line on a fresh line — "stopped: saved N records …;
#    run `phr sync` to continue" — and exits 130; the next sync finishes.
# 4. `phr login --oauth` says it waits for the browser and how to cancel.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/phr-env.sh
phr_env_start --fault latency=150ms
fail() { echo "FAIL: $*" >&2; exit 1; }
out=$PHR_WORK/out; mkdir -m 700 "$out"
export PHR_LANG=en PAGER=cat
unset PHR_PASSPHRASE_FILE   # typed at the prompt here
pass='correct horse battery staple ม้า'
# on_pty NAME ARGS…: phr ARGS on a pty, steps from $out/NAME.steps; transcript in $out/NAME.txt, sets $rc.
on_pty() { local name=$1; shift; set +e; python3 scripts/lib/pty-expect.py "$out/$name.steps" -- "$PHR_BIN_DIR/phr" "$@" >"$out/$name.txt" 2>&1; rc=$?; set -e; }

# 1. init
: >"$out/nostore.steps"
on_pty nostore unlock
[ "$rc" = 11 ] && ! grep -qi "passphrase" "$out/nostore.txt" || fail "unlock with no store: exit $rc, $(cat "$out/nostore.txt")"
cat >"$out/init.steps" <<STEPS
expect New passphrase:
send
expect the passphrase is empty; try again
expect New passphrase:
send short
expect (?s)note: .*harder to guess.*Repeat it:
send shorter
expect the two passphrases differ; try again
expect New passphrase:
send $pass
expect Repeat it:
send $pass
expect Created the encrypted store
STEPS
on_pty init init
[ "$rc" = 0 ] || fail "init asking again: exit $rc, $(cat -v "$out/init.txt")"
grep -q "harder to guess" <<<"$(sed -n '/New passphrase:.*$/,$p' "$out/init.txt" | tail -n +3)" && grep -c "harder to guess" "$out/init.txt" | grep -qx 1 \
  || fail "the strength note is not given once, for the short one: $(cat -v "$out/init.txt")"
on_pty nostore init
[ "$rc" = 10 ] && ! grep -qi "passphrase:" "$out/nostore.txt" || fail "init on an existing store: exit $rc, $(cat "$out/nostore.txt")"

# 2. wrong passphrases
cat >"$out/wrong.steps" <<STEPS
expect Passphrase for the phr store:
send not it
expect wrong passphrase; try again \(2 tries left\)
expect Passphrase for the phr store:
send nor this
expect wrong passphrase; try again \(1 try left\)
expect Passphrase for the phr store:
send $pass
expect store:
STEPS
on_pty wrong status
[ "$rc" = 0 ] || fail "status after two wrong passphrases: exit $rc, $(cat -v "$out/wrong.txt")"
cat >"$out/thrice.steps" <<STEPS
expect Passphrase for the phr store:
send a
expect Passphrase for the phr store:
send b
expect Passphrase for the phr store:
send c
STEPS
on_pty thrice status
[ "$rc" = 4 ] && grep -q "wrong passphrase" "$out/thrice.txt" || fail "three wrong passphrases: exit $rc, $(cat -v "$out/thrice.txt")"
[ "$(grep -c "Passphrase for the phr store:" "$out/thrice.txt")" = 3 ] || fail "not exactly 3 tries: $(cat -v "$out/thrice.txt")"
cat >"$out/passwd.steps" <<STEPS
expect Current passphrase:
send not it
expect wrong passphrase; try again
expect Current passphrase:
send $pass
expect New passphrase:
send $pass 2
expect Repeat it:
send $pass 3
expect the two passphrases differ; try again
expect New passphrase:
send $pass 2
expect Repeat it:
send $pass 2
expect The passphrase is changed
STEPS
on_pty passwd passwd
[ "$rc" = 0 ] || fail "passwd asking again: exit $rc, $(cat -v "$out/passwd.txt")"
printf '%s 2\n' "$pass" >"$PHR_WORK/passphrase"; export PHR_PASSPHRASE_FILE=$PHR_WORK/passphrase

# 3. Ctrl-C during sync (the heavy citizen, one request at a time, each 150 ms late).
cid=$(sandbox_cid heavy)
phr_login "$cid" 2>/dev/null
cat >"$out/ctrlc.steps" <<'STEPS'
expect visits:
ctrl-c
expect stopped: saved
STEPS
on_pty ctrlc sync --jobs 1
[ "$rc" = 130 ] || fail "Ctrl-C during sync: exit $rc, $(cat -v "$out/ctrlc.txt")"
python3 - "$out/ctrlc.txt" <<'PY' || fail "the stop line: $(cat -v "$out/ctrlc.txt")"
import re, sys
t = open(sys.argv[1], "rb").read().decode()
m = re.search(r"\r\x1b\[K(phr: stopped: saved (\d+) records[^\r\n]*)\r?\n", t)
assert m, "no stop line on a cleared line"
line = m.group(1)
assert "run `phr sync` to continue" in line, line
assert int(m.group(2)) > 0, line
assert t.count("stopped:") == 1, "more than one stop line"
assert not t[m.end():].strip(), "output after the stop line: %r" % t[m.end():]
PY
phr sync >/dev/null 2>"$out/resume.err" || fail "the sync after Ctrl-C: $(cat "$out/resume.err")"

# 4. Health ID: a browser that opens nothing; the wait is announced, Ctrl-C cancels it.
cat >"$out/oauth.steps" <<'STEPS'
expect waiting for the browser… \(Ctrl-C to cancel\)
ctrl-c
STEPS
BROWSER=true on_pty oauth login --oauth
[ "$rc" = 130 ] || fail "Ctrl-C while waiting for the browser: exit $rc, $(cat -v "$out/oauth.txt")"
echo "ok: prompts ask again, refuse before asking, Ctrl-C says what was saved"
