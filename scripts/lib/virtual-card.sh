# Shared by Tests/Scripts/50-card.sh and 55-kiosk.sh: our virtual Thai ID card in vsmartcard's
# "Virtual PCD 00 00" reader (pcscd from scripts/start-test-services). Source after phr-env.sh;
# needs a `fail` function. Killing the card's process is removing the card.
CARD_PID=

# card_in ARGS…: insert a card (Tests/Fixtures/thai_id_card.py ARGS); waits until the reader sees it.
card_in() {
  card_out
  /usr/bin/python3 Tests/Fixtures/thai_id_card.py "$@" >"$PHR_WORK/card.log" 2>&1 &
  CARD_PID=$!
  local _
  for _ in $(seq 1 50); do
    phr card status --json 2>/dev/null | grep -q '"card_present" : true' && return 0
    sleep 0.1
  done
  cat "$PHR_WORK/card.log" >&2
  fail "the virtual card did not come up"
}

# card_out: remove the card; waits until the reader says it is gone.
card_out() {
  if [ -n "$CARD_PID" ]; then kill "$CARD_PID" 2>/dev/null || true; wait "$CARD_PID" 2>/dev/null || true; CARD_PID=; fi
  local _
  for _ in $(seq 1 50); do
    phr card status --json 2>/dev/null | grep -q '"card_present" : true' || return 0
    sleep 0.1
  done
}
