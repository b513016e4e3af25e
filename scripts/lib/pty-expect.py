#!/usr/bin/env python3
"""Runs a command on a real pseudo-terminal and talks to it like a person, from a script.

    pty-expect.py STEPS -- COMMAND [ARGS…]

STEPS is a file of lines (blank lines and lines starting with # are skipped):

    expect REGEX     wait (up to PTY_EXPECT_TIMEOUT s, default 60) until the output since the
                     last match matches REGEX (Python syntax); fail with the transcript if not
    send TEXT        type TEXT and Enter (TEXT may be empty: just Enter)
    sendcmd SHELL    type the output of a shell command, then Enter (e.g. an OTP from an outbox)
    ctrl-c           type Ctrl-C (the terminal sends SIGINT to the foreground process)

When the steps are done, the rest of the output is read until the command exits. The whole
transcript (what the terminal showed, bytes as written) goes to stdout; the exit status is the
command's (128 + N when killed by signal N), or 99 when an expectation was not met.
"""
import os, pty, re, select, signal, subprocess, sys, time

def main():
    steps_file, sep, *command = sys.argv[1:]
    assert sep == "--" and command, __doc__
    timeout = float(os.environ.get("PTY_EXPECT_TIMEOUT", "60"))
    steps = [l.rstrip("\n") for l in open(steps_file, encoding="utf-8") if l.strip() and not l.startswith("#")]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    transcript = bytearray()
    unmatched = 0   # transcript offset after the last match

    def read_some(wait):
        """False at the end of output; True after reading or when `wait` passed without any."""
        r, _, _ = select.select([fd], [], [], wait)
        if not r:
            return True
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return False
        if not chunk:
            return False
        transcript.extend(chunk)
        return True

    def finish(code):
        sys.stdout.buffer.write(bytes(transcript))
        sys.stdout.flush()
        sys.exit(code)

    for step in steps:
        verb, _, arg = step.partition(" ")
        if verb == "expect":
            pattern = re.compile(arg.encode("utf-8"))
            deadline = time.monotonic() + timeout
            while True:
                m = pattern.search(bytes(transcript), unmatched)
                if m:
                    unmatched = m.end()
                    break
                if time.monotonic() > deadline or not read_some(0.1):
                    if not pattern.search(bytes(transcript), unmatched):
                        sys.stderr.write(f"pty-expect: never saw /{arg}/\n")
                        os.kill(pid, signal.SIGKILL)
                        finish(99)
        elif verb == "send":
            time.sleep(0.2)   # let the program reach its read (a no-echo prompt flushes input)
            os.write(fd, arg.encode("utf-8") + b"\r")
        elif verb == "sendcmd":
            text = subprocess.run(arg, shell=True, capture_output=True, text=True).stdout.strip()
            time.sleep(0.2)
            os.write(fd, text.encode("utf-8") + b"\r")
        elif verb == "ctrl-c":
            os.write(fd, b"\x03")
        else:
            raise SystemExit(f"pty-expect: unknown step {step!r}")
    deadline = time.monotonic() + timeout
    while read_some(0.2):
        if time.monotonic() > deadline:
            sys.stderr.write("pty-expect: the command did not finish\n")
            os.kill(pid, signal.SIGKILL)
            break
    _, status = os.waitpid(pid, 0)
    finish(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))

main()
