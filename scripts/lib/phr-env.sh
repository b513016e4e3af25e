# Shared by scripts/demo, benchmarks and Tests/Scripts: a throw-away phr environment against a
# started phr-sandbox (its PHR API, Account Center and Health ID listeners: SANDBOX_URL,
# SANDBOX_ACCOUNT_URL, SANDBOX_HEALTHID_URL, exported to phr as PHR_SERVER, PHR_ACCOUNT_SERVER,
# PHR_HEALTHID_SERVER). Source it, then call phr_env_start. Everything lives in $PHR_WORK (0700)
# and is removed by phr_env_stop (registered as an EXIT trap).
#
#   PHR_BIN_DIR   where phr and phr-sandbox are (default .build/debug)
#   PHR_SEED      sandbox seed (default 7)
#   PHR_SANDBOX_TLS=1  serve HTTPS with a throw-away CA (scripts/gen-ca); phr gets PHR_CA_FILE
#   PHR_ENV_KEEP=1     phr_env_stop stops the sandbox but keeps $PHR_WORK (scripts/leak-scan)
#   PHR_ENV_RECORD     a file phr_login appends each OTP it types to (scripts/leak-scan)

PHR_BIN_DIR=${PHR_BIN_DIR:-.build/debug}
PHR_SEED=${PHR_SEED:-7}

phr() { "$PHR_BIN_DIR/phr" "$@"; }

# phr_env_start [sandbox options…]: sandbox on a free loopback port, config + passphrase files.
phr_env_start() {
  PHR_WORK=$(mktemp -d "${TMPDIR:-/tmp}/phr-env.XXXXXX")
  chmod 700 "$PHR_WORK"
  trap phr_env_stop EXIT
  export PHR_HOME="$PHR_WORK/home" XDG_CONFIG_HOME="$PHR_WORK/config"
  # The machine's /etc/phr/config.toml (a distributor's client account) stays out of tests.
  export PHR_SYSTEM_CONFIG="$PHR_WORK/etc-phr-config.toml"
  mkdir -p -m 700 "$PHR_HOME" "$XDG_CONFIG_HOME/phr"
  local tls=()
  if [ -n "${PHR_SANDBOX_TLS:-}" ]; then
    scripts/gen-ca "$PHR_WORK/ca" >/dev/null
    tls=(--tls-cert "$PHR_WORK/ca/server.pem" --tls-key "$PHR_WORK/ca/server-key.pem")
    export PHR_CA_FILE="$PHR_WORK/ca/ca.pem"
  fi
  "$PHR_BIN_DIR/phr-sandbox" serve --port 0 --data-dir "$PHR_WORK/sandbox" --seed "$PHR_SEED" "${tls[@]}" "$@" \
    >"$PHR_WORK/sandbox.out" 2>"$PHR_WORK/sandbox.log" &
  SANDBOX_PID=$!
  local i
  for i in $(seq 1 200); do   # the PHR port, then "phr URL", "account URL", "healthid URL"
    [ "$(wc -l <"$PHR_WORK/sandbox.out")" -ge 4 ] && break
    kill -0 "$SANDBOX_PID" 2>/dev/null || { cat "$PHR_WORK/sandbox.log" >&2; return 1; }
    sleep 0.05
  done
  SANDBOX_URL=$(sed -n 's/^phr //p' "$PHR_WORK/sandbox.out")
  SANDBOX_ACCOUNT_URL=$(sed -n 's/^account //p' "$PHR_WORK/sandbox.out")
  SANDBOX_HEALTHID_URL=$(sed -n 's/^healthid //p' "$PHR_WORK/sandbox.out")
  export PHR_SERVER="$SANDBOX_URL" PHR_ACCOUNT_SERVER="$SANDBOX_ACCOUNT_URL" PHR_HEALTHID_SERVER="$SANDBOX_HEALTHID_URL"
  "$PHR_BIN_DIR/phr-sandbox" demo-config --server "$SANDBOX_URL" --account-server "$SANDBOX_ACCOUNT_URL" \
    --healthid-server "$SANDBOX_HEALTHID_URL" --dir "$XDG_CONFIG_HOME/phr" >/dev/null
  PHR_PASSPHRASE_FILE="$PHR_WORK/passphrase"
  printf 'correct horse battery staple ม้า\n' >"$PHR_PASSPHRASE_FILE"
  chmod 600 "$PHR_PASSPHRASE_FILE"
  export PHR_PASSPHRASE_FILE
}

phr_env_stop() {
  [ -n "${SANDBOX_PID:-}" ] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null
  SANDBOX_PID=
  [ -n "${PHR_WORK:-}" ] && [ -z "${PHR_ENV_KEEP:-}" ] && rm -rf "$PHR_WORK"
  return 0
}

# sandbox_cid KIND: the CID of the first synthetic citizen of KIND (adult, child, heavy).
sandbox_cid() {
  "$PHR_BIN_DIR/phr-sandbox" citizens --seed "$PHR_SEED" --json |
    python3 -c 'import json,sys; print(next(c["cid"] for c in json.load(sys.stdin) if c["kind"]==sys.argv[1]))' "$1"
}

# outbox_otp CID: the latest OTP the sandbox "sent" to the citizen's phone (empty if none).
outbox_otp() {
  curl -fsS ${PHR_CA_FILE:+--cacert "$PHR_CA_FILE"} "$SANDBOX_URL/sandbox/outbox?cid=$1" 2>/dev/null |
    python3 -c 'import json,sys; print(json.load(sys.stdin).get("otp") or "")' 2>/dev/null || true
}

# phr_login CID [ARGS…]: `phr login --cid CID ARGS…`, typing the OTP read from the outbox (as the
# citizen would).
phr_login() {
  local cid=$1 before
  before=$(outbox_otp "$cid")
  {
    local otp i
    for i in $(seq 1 300); do
      otp=$(outbox_otp "$cid")
      [ -n "$otp" ] && [ "$otp" != "$before" ] && break
      sleep 0.1
    done
    [ -n "${PHR_ENV_RECORD:-}" ] && echo "$otp" >>"$PHR_ENV_RECORD"
    echo "$otp"
  } | phr login --cid "$cid" "${@:2}"
}

# clinic_fetch CODE ARGS…: `phr clinic fetch ARGS…` with the consent code on standard input
# (`--code -`), as a clinic's script passes it: never in argv, where `ps` shows it.
clinic_fetch() {
  local code=$1; shift
  phr clinic fetch --code - "$@" <<<"$code"
}
