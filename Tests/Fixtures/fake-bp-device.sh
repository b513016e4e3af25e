#!/bin/sh
# A stand-in for a kiosk's BP machine behind `bp_device_command` (docs/kiosk.md, "The BP
# device"), for Tests/Scripts/55-kiosk.sh. Its one argument is a file whose first word says
# what the "machine" does this time:
#   ok       takes a second, then prints one reading, 128/82 pulse 71, and exits 0
#   fail     says why on stderr and exits 3 (a cuff that is not fitted)
#   garbage  exits 0 having printed something that is not a reading
#   hang     never answers (the kiosk stops it at bp_device_timeout_seconds or on a wipe)
mode=$(cat "$1" 2>/dev/null)
case "$mode" in
  ok) sleep 1; echo "128/82 71" ;;
  fail) echo "E3: cuff not fitted" >&2; exit 3 ;;
  garbage) echo "SYS=128 DIA=82 (E1)" ;;
  hang) exec sleep 600 ;;
  *) echo "fake-bp-device: unknown mode '$mode'" >&2; exit 2 ;;
esac
