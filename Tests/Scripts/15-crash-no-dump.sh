#!/usr/bin/env bash
# A crash of phr exposes no memory: phr, waiting at its passphrase prompt on a real pty (as a
# kiosk or a citizen's terminal runs it), is killed with SIGSEGV. It must die of that signal at
# once, with core dumps allowed by the parent (ulimit -c unlimited, core_pattern as the machine
# has it) yet no core written (no core flag in its wait status, no core file), and without
# Swift's interactive backtracer ("Program crashed … Press space to interact"), whose `mem`
# command would print the process's memory. Also checked: /proc/PID/limits shows a core file
# size limit of 0 while it runs. (docs/security.md)
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "${PHR_BIN_DIR:-.build/debug}")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export PHR_HOME="$work/home"
printf 'correct horse battery staple\n' >"$work/pass"; chmod 600 "$work/pass"
PHR_PASSPHRASE_FILE="$work/pass" "$bin/phr" init >/dev/null

python3 - "$bin/phr" "$work" <<'EOF'
import os, pty, resource, select, signal, sys, time
phr, work = sys.argv[1], sys.argv[2]
env = dict(os.environ, LANG="C.UTF-8", TERM="xterm")
env.pop("PHR_PASSPHRASE_FILE", None)
env.pop("SWIFT_BACKTRACE", None)          # the runtime's default: interactive on a terminal
pid, fd = pty.fork()
if pid == 0:
    os.chdir(work)
    resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    os.execve(phr, [phr, "status"], env)

def read_until(pred, seconds):
    out, deadline = b"", time.monotonic() + seconds
    while time.monotonic() < deadline and not pred(out):
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try: chunk = os.read(fd, 4096)
            except OSError: break
            if not chunk: break
            out += chunk
    return out

def fail(msg, out=b""):
    print("FAIL:", msg, file=sys.stderr)
    if out: print(out.decode("utf-8", "replace")[-600:], file=sys.stderr)
    try: os.kill(pid, signal.SIGKILL)
    except ProcessLookupError: pass
    sys.exit(1)

out = read_until(lambda o: b"Passphrase" in o, 20)
if b"Passphrase" not in out: fail("phr never showed its passphrase prompt", out)
with open(f"/proc/{pid}/limits") as f:
    core_limit = next(l for l in f if l.startswith("Max core file size")).split()[4:6]
if core_limit != ["0", "0"]: fail(f"core file size limit is {core_limit}, not 0")

os.kill(pid, signal.SIGSEGV)
out += read_until(lambda o: False, 3)     # whatever it prints until it is gone (or 3 s)
deadline = time.monotonic() + 5
while True:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done: break
    if time.monotonic() > deadline: fail("phr was still running 5 s after SIGSEGV (a backtracer waiting for a key?)", out)
    time.sleep(0.05)
text = out.decode("utf-8", "replace")
for banned in ("crashed", "Press space", "interact", "Backtrace", "Thread 0"):
    if banned in text: fail(f"the crash printed '{banned}'", out)
if not os.WIFSIGNALED(status) or os.WTERMSIG(status) != signal.SIGSEGV:
    fail(f"expected death by SIGSEGV, got wait status {status:#x}", out)
if os.WCOREDUMP(status): fail("the kernel dumped core", out)
cores = [n for n in os.listdir(work) if n.startswith("core")]
if cores: fail(f"core files left: {cores}")
print("SIGSEGV at the prompt: died at once, no core (limit 0 0), no backtracer: ok")
EOF
