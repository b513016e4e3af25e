#!/usr/bin/env bash
# Thai for every failure line of phr: each `CLIFailure(` / `ValidationError(` in Sources/PHRCLI
# whose text is an English string literal must carry its Thai pair (`th:`) or come from the
# message catalog (`Message.` / `CLIFailure(.exit, .message, …)`). A new English-only line fails
# here, naming the file and line. Option names (--cid), `code` and {placeholders} alone are not
# English words; multi-line calls and interpolations are read whole. (phr-sandbox is a developer
# tool and is not checked.)
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 - Sources/PHRCLI <<'PY'
import re, sys, pathlib
root = pathlib.Path(sys.argv[1])
call = re.compile(r"(?<![\w.])(CLIFailure|ValidationError)\(")
def args_of(src, start):
    """Top-level arguments of the call whose '(' is at src[start-1]; string literals and
    interpolations are skipped over so their commas and parentheses do not count."""
    depth, i, args, cur, lits = 1, start, [], [], []
    while i < len(src) and depth:
        c = src[i]
        if c == '"':
            j, lit, inner = i + 1, "", 0
            while j < len(src):
                if src[j] == "\\" and src[j+1] == "(":
                    inner = 1; j += 2
                    while inner:
                        inner += {"(": 1, ")": -1}.get(src[j], 0); j += 1
                    lit += " "
                    continue
                if src[j] == "\\": lit += src[j:j+2]; j += 2; continue
                if src[j] == '"': break
                lit += src[j]; j += 1
            lits.append(lit); cur.append(src[i:j+1]); i = j + 1; continue
        if c in "([": depth += 1
        elif c in ")]": depth -= 1
        if depth == 1 and c == ",": args.append("".join(cur).strip()); cur = []
        elif depth: cur.append(c)
        i += 1
    args.append("".join(cur).strip())
    return args, lits, src[start:i]
def english(lit):
    lit = re.sub(r"--[a-z][a-z-]*|`[^`]*`|\{[a-z]+\}", " ", lit)
    return re.search(r"[A-Za-z]{2,}", lit) is not None
bad = 0
for path in sorted(root.glob("**/*.swift")):
    src = path.read_text(encoding="utf-8")
    for m in call.finditer(src):
        line = src.count("\n", 0, m.start()) + 1
        before = src[max(0, m.start()-30):m.start()]
        if re.search(r"(struct|extension|init|func)\s*$", before): continue
        args, lits, text = args_of(src, m.end())
        if m.group(1) == "CLIFailure" and len(args) > 1 and args[1].startswith("."): continue
        if "th:" in text or "Message." in text: continue
        if any(english(l) for l in lits):
            bad += 1
            print(f"{path}:{line}: {m.group(1)} with English only: {' '.join(text.split())[:140]}")
if bad: print(f"{bad} English-only failure lines: add th: \"…\" or a Message catalog entry", file=sys.stderr)
sys.exit(1 if bad else 0)
PY
echo "every CLIFailure/ValidationError in Sources/PHRCLI has Thai (th: or the catalog)"
