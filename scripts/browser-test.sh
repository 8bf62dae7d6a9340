#!/usr/bin/env bash
# The support console in a real browser (part of `make test`): headless Chromium from Debian, driven
# by Python selenium (scripts/browser_test.py), against a system like `make run`'s, started here on
# free ports with a database of its own: the API simulator (original world), a dispatcher, a worker
# and the console. Conversation 754895 is made to fail (the simulator's broken_conversations knob,
# JOB_MAX_ATTEMPTS=2) so that it parks and leaves a dead letter to replay.
#
# Installs what it needs, idempotently: chromium, chromium-driver and fonts (scripts/install-deps.sh
# with INSTALL_BROWSER=1), selenium in a virtual environment under .run/browser-venv.
# Needs the local servers (`make servers`) and a build (`swift build`; `make test` has built it).
#
#   SCREENSHOT_DIR=docs/screenshots   where the page screenshots go (default .run/browser-test/screenshots;
#                                     `make screenshots` refreshes the README's)
#   BROWSER_TEST_KEEP=1               leave the database and the logs (in .run/browser-test) for a look
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
started=$SECONDS
eval "$(bash scripts/servers.sh env)"
work="$root/.run/browser-test"
mkdir -p "$work"
screenshots="${SCREENSHOT_DIR:-$work/screenshots}"

INSTALL_BROWSER=1 bash scripts/install-deps.sh
venv="$root/.run/browser-venv"
if ! "$venv/bin/python" -c 'import selenium' 2>/dev/null; then
  echo "browser-test: installing selenium in $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'selenium>=4.15,<5'
fi

bin="$(swift build --show-bin-path)"
for exe in apisim dispatcher worker console; do
  [ -x "$bin/$exe" ] || { echo "browser-test: building" >&2; swift build >&2; break; }
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
sim_port=$(free_port); console_port=$(free_port); dispatcher_ops=$(free_port); worker_ops=$(free_port)

# A database of its own on the local server, and broker objects under a prefix of this checkout's own.
database="autoresponder_browser_$$"
server_url="${DATABASE_URL%/*}"
psql "$server_url/postgres" -q -c "CREATE DATABASE $database" >/dev/null
export DATABASE_URL="$server_url/$database"
export AMQP_PREFIX="browser-$(printf %s "$root" | cksum | cut -d' ' -f1)"
export API_TOKEN="browser-test-token" CONFIG_DIR="$root/config" LOG_LEVEL="${LOG_LEVEL:-info}"
export CHATS_API_URL="http://127.0.0.1:$sim_port" LOGISTICS_API_URL="http://127.0.0.1:$sim_port" TELECOM_API_URL="http://127.0.0.1:$sim_port"
export JOB_MAX_ATTEMPTS=2 JOB_RETRY_DELAY_MS=500 POLL_INTERVAL_MS=300 RECHECK_INTERVAL_MS=2000 PARKED_RECHECK_INTERVAL_MS=600000
bash scripts/load-world.sh db/worlds/original >/dev/null

pids=()
cleanup() {
  status=$?
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "${BROWSER_TEST_KEEP:-0}" != 1 ]; then
    psql "$server_url/postgres" -q -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  if [ $status -ne 0 ]; then
    echo "browser-test: FAILED; the processes' last log lines:" >&2
    for log in "$work"/*.log; do echo "== $log" >&2; tail -n 15 "$log" >&2; done
  fi
  echo "browser-test: took $((SECONDS - started)) s" >&2
  exit $status
}
trap cleanup EXIT INT TERM
start() {  # start NAME COMMAND...: in the background, its output in $work/NAME.log
  local name="$1"; shift
  "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
}
wait_for() {  # wait_for URL: until it answers (30 s at most)
  for _ in $(seq 1 300); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "browser-test: nothing answers at $1" >&2; return 1
}

start apisim "$bin/apisim" --host 127.0.0.1 --port "$sim_port" --world db/worlds/original --token "$API_TOKEN"
wait_for "http://127.0.0.1:$sim_port/_sim/health"
# Conversation 754895 fails for good until the knob is cleared; conversations stay open.
curl -s -o /dev/null -X POST -H 'content-type: application/json' \
  -d '{"broken_conversations":["754895"],"close_after_seconds":null}' "http://127.0.0.1:$sim_port/_sim/config"
# Dead letters a killed earlier run may have left under this prefix (ignored when the queue is absent).
"$bin/autoresponderctl" dead-letters purge --yes >/dev/null 2>&1 || true

OPS_PORT=$dispatcher_ops INSTANCE_ID=dispatcher start dispatcher "$bin/dispatcher"
OPS_PORT=$worker_ops INSTANCE_ID=worker-1 start worker "$bin/worker"
password="browser-test-password"
CONSOLE_PORT=$console_port CONSOLE_REFRESH_SECONDS=2 \
  CONSOLE_USERS="operator:sha256:$(printf %s "$password" | sha256sum | cut -d' ' -f1)" \
  CONSOLE_OPS_TARGETS="http://127.0.0.1:$dispatcher_ops,http://127.0.0.1:$worker_ops" \
  start console "$bin/console"
wait_for "http://127.0.0.1:$console_port/healthz"

mkdir -p "$screenshots"
CONSOLE_URL="http://127.0.0.1:$console_port" SIM_URL="http://127.0.0.1:$sim_port" CONSOLE_USER=operator \
  CONSOLE_PASSWORD="$password" SCREENSHOT_DIR="$screenshots" \
  "$venv/bin/python" scripts/browser_test.py
