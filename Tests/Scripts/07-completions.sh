#!/usr/bin/env bash
# Shell completion, end to end: the generated bash script (completions/phr.bash) is sourced and
# its completion function called as bash would on <Tab> (COMP_WORDS, COMP_CWORD, COMP_LINE,
# COMP_POINT), with the built phr on PATH for the completions phr computes itself (profiles).
# View names, kinds, languages, lab tests, file names for -o and imports, and profiles are
# offered; zsh and fish get the same lists. Units seen in the store are not: that would need the key.
set -euo pipefail
cd "$(dirname "$0")/../.."
fail() { echo "FAIL: $*" >&2; exit 1; }
bin_dir=$(cd "$(swift build --show-bin-path)" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/files" "$work/home/profiles/mali" "$work/home/profiles/dad-2"
touch "$work/files/readings.csv" "$work/files/notes.txt" "$work/home/phr.db" "$work/home/profiles/mali/phr.db" "$work/home/profiles/dad-2/phr.db"
script=$PWD/completions/phr.bash

# complete LINE: what <Tab> offers at the end of LINE (one per line, sorted).
complete_line() {
  PATH="$bin_dir:$PATH" PHR_HOME="$work/home" bash -c '
    source "$1"; cd "$2"
    COMP_LINE=$3; COMP_POINT=${#COMP_LINE}
    read -ra COMP_WORDS <<<"$COMP_LINE"
    [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    _phr phr "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf "%s\n" "${COMPREPLY[@]}" | sort' _ "$script" "$work/files" "$1"
}
# offers LINE WORD…: <Tab> after LINE offers every WORD.
offers() {
  local line=$1 got; shift
  got=$(complete_line "$line")
  for word in "$@"; do grep -qx -- "$word" <<<"$got" || fail "'$line<Tab>' does not offer $word (offers: $(tr '\n' ' ' <<<"$got"))"; done
}

offers "phr show " summary vitals conditions meds allergies vaccines coverage encounters labs flags caregivers appointments
offers "phr show vi" vitals
[ "$(complete_line "phr show vi")" = "vitals" ] || fail "'phr show vi' offers more than vitals"
offers "phr export --kind " vitals meds labs encounters
offers "phr sync --kind " vitals labs
offers "phr share create --kinds " allergies vaccines
offers "phr show vitals --lang " th en
offers "phr export --format " fhir json csv text pdf ics
offers "phr show labs --test " hba1c egfr ldl
offers "phr measure add " bp glucose weight temp spo2
offers "phr export -o " notes.txt readings.csv
offers "phr measure import " readings.csv
offers "phr show --profile " default mali dad-2
offers "phr --profile " default mali dad-2

# zsh and fish carry the same lists.
for shell in zsh fish; do
  grep -q "appointments" "completions/phr.$shell" && grep -q "encounters" "completions/phr.$shell" || fail "$shell: no view or kind names"
  grep -q -- "---completion" "completions/phr.$shell" || fail "$shell: profiles are not completed"
done
echo "completions: views, kinds, languages, formats, lab tests, measure kinds, files and profiles offered (bash run; zsh/fish checked)"
