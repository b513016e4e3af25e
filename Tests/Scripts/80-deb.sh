#!/usr/bin/env bash
# `make deb`'s package installs on this Debian 12 machine with apt and works as a citizen would
# use it: `phr --version`, `man phr` (and a subcommand's page), bash completion through
# bash-completion's loader (as an interactive shell gets it), zsh/fish completions, the example
# kiosk config and the kiosk's systemd unit in place; the binaries need nothing outside Debian's
# packages (no Swift toolchain); every file is root's; purging removes it all.
# CI form: PHR_DEB_CONFIG=debug (the debug build relinked with the Swift runtime static); the
# release package is `make deb`. Needs root (CI runs as root); refuses to touch a phr package it
# did not install.
set -euo pipefail
cd "$(dirname "$0")/../.."
fail() { echo "FAIL: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "SKIP: installing a .deb needs root (CI runs as root)"; exit 0; }
if dpkg-query -W -f='${Status}' phr 2>/dev/null | grep -q "install ok installed"; then
  fail "a phr package is already installed here; remove it first (apt-get purge phr)"
fi
deb=$(PHR_DEB_CONFIG=${PHR_DEB_CONFIG:-debug} bash scripts/make-deb | tail -n1)
[ -f "$deb" ] || fail "make-deb printed no package ($deb)"
purge() { apt-get purge -y -qq -o DPkg::Lock::Timeout=300 phr >/dev/null 2>&1 || dpkg --purge phr >/dev/null 2>&1 || true; }
trap purge EXIT

# Every file root-owned, no group/world-writable file.
dpkg-deb -c "$deb" | awk '$2 != "root/root" { bad = 1; print "not root-owned: " $0 } substr($1, 9, 1) == "w" || substr($1, 6, 1) == "w" { bad = 1; print "writable by others: " $0 } END { exit bad }' ||
  fail "package file ownership or modes"

apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends "./$deb" >/dev/null || fail "apt-get install ./$deb"
version=$(/usr/bin/phr --version) || fail "phr --version failed after install"
[ "$version" = "$(sed -n 's/.*static let version = "\(.*\)"/\1/p' Sources/PHRCLI/PHRCommand.swift)" ] || fail "phr --version says '$version'"
/usr/bin/phr-sandbox --help >/dev/null || fail "phr-sandbox --help failed after install"

# Nothing outside Debian's packages (a binary needing the Swift toolchain's libraries would
# work here, where /opt/swift exists, and fail on a citizen's machine).
for b in /usr/bin/phr /usr/bin/phr-sandbox; do
  ldd "$b" | grep -q "not found" && fail "$b: $(ldd "$b" | grep 'not found')"
  for lib in $(ldd "$b" | awk '/=>/ { print $3 }'); do
    dpkg -S "$(readlink -f "$lib")" >/dev/null 2>&1 || dpkg -S "$lib" >/dev/null 2>&1 || fail "$b links $lib, which no Debian package provides"
  done
done

[ "$(man -w phr)" = /usr/share/man/man1/phr.1.gz ] || fail "man -w phr: $(man -w phr 2>&1)"
grep -q "Mor Prom" <<<"$(MANWIDTH=100 MANPAGER=cat man phr 2>/dev/null)" || fail "man phr does not show the page"
grep -q "kiosk" <<<"$(MANWIDTH=100 MANPAGER=cat man phr.kiosk 2>/dev/null)" || fail "man phr.kiosk does not show the page"

# Bash completion as an interactive shell loads it: bash-completion's loader finds the file by
# the command's name, then completing "phr sy" offers "sync".
offered=$(bash -c '
  source /usr/share/bash-completion/bash_completion
  _completion_loader phr >/dev/null 2>&1 || source /usr/share/bash-completion/completions/phr
  spec=$(complete -p phr) || exit 3
  fn=$(sed -n "s/.*-F \([^ ]*\) .*/\1/p" <<<"$spec")
  COMP_WORDS=(phr sy); COMP_CWORD=1; COMP_LINE="phr sy"; COMP_POINT=${#COMP_LINE}
  "$fn" phr sy phr
  printf "%s\n" "${COMPREPLY[@]}"') || fail "bash completion for phr is not loaded"
grep -qx sync <<<"$offered" || fail "completing 'phr sy' offered: $offered"
for f in /usr/share/zsh/vendor-completions/_phr /usr/share/fish/vendor_completions.d/phr.fish \
         /usr/share/doc/phr/examples/kiosk.toml /lib/systemd/system/phr-kiosk.service; do
  [ -s "$f" ] || fail "$f is missing"
done
grep -q '^ExecStart=.*/usr/bin/phr kiosk --config /etc/phr/kiosk.toml' /lib/systemd/system/phr-kiosk.service || fail "the unit does not start phr kiosk"

purge
trap - EXIT
[ ! -e /usr/bin/phr ] && [ ! -e /usr/share/man/man1/phr.1.gz ] || fail "purge left files behind"
echo "$(basename "$deb"): installs, phr --version $version, man, completion, kiosk unit and config, purges: ok"
