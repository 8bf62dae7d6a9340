#!/usr/bin/env bash
# `make run`: the whole system on this machine, in the foreground, with one command.
# Servers (RabbitMQ, PostgreSQL) are started by `make servers`; this script loads the business
# tables with a world, starts the API simulator, the dispatcher, WORKERS workers and the support
# console, and stops them all on Ctrl-C (SIGINT/SIGTERM). Logs of every process go to this terminal, prefixed with its name.
#
#   WORLD=db/worlds/original   the data set (a directory written by `worldgen generate`)
#   WORKERS=2                  worker processes
#   SIM_PORT=8090              the simulator's port (the three API URLs point at it)
#   RUN_SECONDS=0              stop by itself after this many seconds (0: run until Ctrl-C)
#   RUN_CONFIG=debug           the build to run (release: optimised, longer first build)
#   RUN_RESET=1                start from an empty service state (0: keep what earlier runs answered)
#   OPS_PORT=9090              the dispatcher's operations port; worker N gets OPS_PORT+N (0: all off)
#   CONSOLE_PORT=8088          the support console (0: not started); sign in as `demo` with the password
#                              CONSOLE_DEMO_PASSWORD (default `demo`: a local demo only), or set CONSOLE_USERS
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
eval "$(bash scripts/servers.sh env)"

config="${RUN_CONFIG:-debug}"
echo "run: building ($config)" >&2
swift build -c "$config" >&2
bin="$(swift build -c "$config" --show-bin-path)"
world="${WORLD:-db/worlds/original}"
workers="${WORKERS:-2}"
sim_port="${SIM_PORT:-8090}"
export API_TOKEN="${API_TOKEN:-simulator-token}"
export CHATS_API_URL="http://127.0.0.1:$sim_port" LOGISTICS_API_URL="http://127.0.0.1:$sim_port" TELECOM_API_URL="http://127.0.0.1:$sim_port"
# The data sources of config/sources.yaml, served by the simulator too.
export MAINTENANCE_API_URL="http://127.0.0.1:$sim_port"
export CONFIG_DIR="${CONFIG_DIR:-$root/config}"
export LOG_LEVEL="${LOG_LEVEL:-info}"

echo "run: loading $world into the business tables" >&2
bash scripts/load-world.sh "$world"
if [ "${RUN_RESET:-1}" = 1 ]; then
  # A fresh demo: forget what earlier runs answered (the service's own schema; it is re-created at start).
  echo "run: resetting the service's state (schema responder; RUN_RESET=0 keeps it)" >&2
  psql "$DATABASE_URL" -q -c 'DROP SCHEMA IF EXISTS responder CASCADE' >/dev/null
fi
# The service connects as its own least-privilege role (db/roles.sql), as in production.
bash scripts/service-role.sh autoresponder
export DATABASE_URL="${SERVICE_DATABASE_URL:-${DATABASE_URL/postgres@/autoresponder@}}"

pids=()
start() {  # start NAME COMMAND...: run in the background, prefix its output with NAME
  local name="$1"; shift
  ( exec "$@" 2>&1 | sed -u "s/^/[$name] /" ) &
  pids+=($!)
}
stop_all() {
  trap - INT TERM EXIT
  echo "run: stopping" >&2
  for pid in "${pids[@]}"; do pkill -TERM -P "$pid" 2>/dev/null || true; done
  wait || true
}
trap stop_all INT TERM EXIT

start apisim "$bin/apisim" --host 127.0.0.1 --port "$sim_port" --world "$world"
for _ in $(seq 1 50); do
  curl -s -o /dev/null "http://127.0.0.1:$sim_port/_sim/stats" && break
  sleep 0.1
done
ops_port="${OPS_PORT:-9090}"
ops_of() { [ "$ops_port" = 0 ] && echo 0 || echo $((ops_port + $1)); }
OPS_PORT="$(ops_of 0)" start dispatcher "$bin/dispatcher"
for i in $(seq 1 "$workers"); do INSTANCE_ID="worker-$i" OPS_PORT="$(ops_of "$i")" start "worker-$i" "$bin/worker"; done
console_port="${CONSOLE_PORT:-8088}"
if [ "$console_port" != 0 ]; then
  # The support console. Its demo user exists for `make run` only: a deployment sets CONSOLE_USERS itself.
  demo_password="${CONSOLE_DEMO_PASSWORD:-demo}"
  console_users="${CONSOLE_USERS:-demo:sha256:$(printf %s "$demo_password" | sha256sum | cut -d' ' -f1)}"
  targets=""
  if [ "$ops_port" != 0 ]; then
    targets="http://127.0.0.1:$(ops_of 0)"
    for i in $(seq 1 "$workers"); do targets="$targets,http://127.0.0.1:$(ops_of "$i")"; done
  fi
  CONSOLE_PORT="$console_port" CONSOLE_USERS="$console_users" CONSOLE_OPS_TARGETS="$targets" start console "$bin/console"
fi
# Each reply the chats API (the simulator) receives, as it arrives.
start replies python3 scripts/show-replies.py "http://127.0.0.1:$sim_port"

echo "run: simulator on :$sim_port, $workers worker(s). Replies sent: curl -s http://127.0.0.1:$sim_port/_sim/sent" >&2
if [ "$ops_port" != 0 ]; then
  echo "run: operations endpoints (/healthz, /readyz, /metrics):" >&2
  echo "run:   dispatcher  http://127.0.0.1:$(ops_of 0)/metrics" >&2
  for i in $(seq 1 "$workers"); do echo "run:   worker-$i    http://127.0.0.1:$(ops_of "$i")/metrics" >&2; done
  echo "run: operator command: AMQP_URL=$AMQP_URL DATABASE_URL=$DATABASE_URL $bin/autoresponderctl status" >&2
fi
if [ "$console_port" != 0 ]; then
  if [ -n "${CONSOLE_USERS:-}" ]; then how="as a user of CONSOLE_USERS"
  elif [ -n "${CONSOLE_DEMO_PASSWORD:-}" ]; then how="as demo, with the password in CONSOLE_DEMO_PASSWORD"
  else how="as demo, password demo (a local demo: CONSOLE_DEMO_PASSWORD sets another)"; fi
  echo "run: support console http://127.0.0.1:$console_port/ — sign in $how" >&2
fi
if [ "${RUN_SECONDS:-0}" -gt 0 ]; then sleep "$RUN_SECONDS"; else wait; fi
