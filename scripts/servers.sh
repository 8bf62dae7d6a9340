#!/usr/bin/env bash
# Starts and stops the project's own RabbitMQ and PostgreSQL, from Debian's packages, in a
# project-local, git-ignored folder (.run/), on their own ports. No Docker, no system services.
#
#   scripts/servers.sh start [rabbitmq|postgres]   start (idempotent) and wait until ready
#   scripts/servers.sh stop  [rabbitmq|postgres]   stop by pid
#   scripts/servers.sh restart rabbitmq|postgres
#   scripts/servers.sh pause postgres [SECONDS]    SIGSTOP the postmaster and its children (a stalled
#                                                  server); resumed after SECONDS (30) at the latest
#   scripts/servers.sh resume postgres             SIGCONT them
#   scripts/servers.sh status
#   scripts/servers.sh env                         print the AMQP_URL / DATABASE_URL to export
#   scripts/servers.sh pids                        print "postgres PID" and "rabbitmq PID" (running servers)
#   scripts/servers.sh rabbitmqctl ARGS...         rabbitmqctl against this RabbitMQ (e.g. list_queues)
#
# PostgreSQL starts with pg_stat_statements loaded (make bench-e2e counts statements); PG_STAT_STATEMENTS=0
# starts it without. A server started before that option came needs `scripts/servers.sh restart postgres`.
#
# Ports come from the environment: LOCAL_AMQP_PORT (5682), LOCAL_PG_PORT (5442).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
run_dir="${RUN_DIR:-$root/.run}"
amqp_port="${LOCAL_AMQP_PORT:-5682}"
amqp_dist_port="${LOCAL_AMQP_DIST_PORT:-$((amqp_port + 20000))}"
pg_port="${LOCAL_PG_PORT:-5442}"
pg_bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"
rabbit_dir="$run_dir/rabbitmq"
pg_dir="$run_dir/postgres"

log() { echo "servers: $*" >&2; }

# Runs a command that leaves a daemon behind with no inherited descriptor above stderr, so the daemon
# holds none of the caller's pipes or sockets (a caller waiting for this script's end, such as a test
# runner, would otherwise wait as long as the daemon lives).
detached() {
  ( for fd in /proc/$BASHPID/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done 2>/dev/null
    exec "$@" )
}

# The postgres server binaries refuse to run as root: run them as the postgres user.
pg_user=()
[ "$(id -u)" -eq 0 ] && pg_user=(runuser -u postgres --)

rabbit_env() {
  export HOME="$rabbit_dir/home"
  export RABBITMQ_HOME_DIR="$rabbit_dir"
  export RABBITMQ_MNESIA_BASE="$rabbit_dir/mnesia"
  export RABBITMQ_LOG_BASE="$rabbit_dir/log"
  export RABBITMQ_NODENAME="autoresponder-$amqp_port@localhost"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT="$amqp_port"
  export RABBITMQ_DIST_PORT="$amqp_dist_port"
  export RABBITMQ_PID_FILE="$rabbit_dir/rabbitmq.pid"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$rabbit_dir/enabled_plugins"
  export RABBITMQ_CONFIG_FILE="$rabbit_dir/rabbitmq"   # rabbitmq.conf
  export RABBITMQ_ADVANCED_CONFIG_FILE="$rabbit_dir/advanced.config"
  export ERL_EPMD_ADDRESS=127.0.0.1
}

rabbit_running() {
  [ -f "$rabbit_dir/rabbitmq.pid" ] && kill -0 "$(cat "$rabbit_dir/rabbitmq.pid")" 2>/dev/null
}

start_rabbitmq() {
  if rabbit_running; then log "rabbitmq already running on $amqp_port"; return; fi
  mkdir -p "$rabbit_dir/home" "$rabbit_dir/mnesia" "$rabbit_dir/log"
  [ -f "$rabbit_dir/enabled_plugins" ] || echo '[].' > "$rabbit_dir/enabled_plugins"
  cat > "$rabbit_dir/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$amqp_port
loopback_users = none
disk_free_limit.absolute = 50MB
vm_memory_high_watermark.relative = 0.2
log.console = false
log.file.level = warning
CONF
  echo '[].' > "$rabbit_dir/advanced.config"
  rabbit_env
  log "starting rabbitmq on 127.0.0.1:$amqp_port (data in $rabbit_dir)"
  # rabbitmq-server writes RABBITMQ_PID_FILE itself; run it detached.
  detached nohup /usr/lib/rabbitmq/bin/rabbitmq-server >"$rabbit_dir/log/stdout.log" 2>&1 &
  local deadline=$((SECONDS + 90))
  until [ -f "$rabbit_dir/rabbitmq.pid" ] && /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "$RABBITMQ_NODENAME" await_startup --timeout 5 >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then
      log "rabbitmq did not start; last log lines:"; tail -n 30 "$rabbit_dir/log/stdout.log" >&2 || true
      exit 1
    fi
    sleep 1
  done
  log "rabbitmq ready"
}

stop_rabbitmq() {
  if ! rabbit_running; then log "rabbitmq not running"; rm -f "$rabbit_dir/rabbitmq.pid"; return; fi
  local pid; pid="$(cat "$rabbit_dir/rabbitmq.pid")"
  log "stopping rabbitmq (pid $pid)"
  rabbit_env
  # A clean stop (the broker flushes its queues' indices); SIGTERM, then SIGKILL, if it does not answer.
  timeout 60 /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "$RABBITMQ_NODENAME" stop "$rabbit_dir/rabbitmq.pid" >/dev/null 2>&1 \
    || kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$rabbit_dir/rabbitmq.pid"
}

pg_running() {
  [ -f "$pg_dir/data/postmaster.pid" ] && kill -0 "$(head -n1 "$pg_dir/data/postmaster.pid")" 2>/dev/null
}

start_postgres() {
  if pg_running; then log "postgres already running on $pg_port"; return; fi
  mkdir -p "$pg_dir"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pg_dir"
  if [ ! -f "$pg_dir/data/PG_VERSION" ]; then
    log "initialising postgres cluster in $pg_dir/data"
    "${pg_user[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  log "starting postgres on 127.0.0.1:$pg_port"
  # pg_stat_statements (statement counts of `make bench-e2e`) can only be loaded at start.
  local pg_stats=""
  [ "${PG_STAT_STATEMENTS:-1}" = 1 ] && pg_stats="-c shared_preload_libraries=pg_stat_statements"
  detached "${pg_user[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/postgres.log" -w -t 60 \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=${PG_FSYNC:-on} $pg_stats" start >/dev/null
  until "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port"; do sleep 0.3; done
  for db in ${PG_DATABASES:-autoresponder autoresponder_test}; do
    if ! "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "select 1 from pg_database where datname='$db'" | grep -q 1; then
      "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres "$db"
    fi
  done
  log "postgres ready"
}

stop_postgres() {
  if ! pg_running; then log "postgres not running"; return; fi
  log "stopping postgres"
  "${pg_user[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null
}

# The postmaster's pid and its children's (backends and background processes).
pg_pids() {
  local pid; pid="$(head -n1 "$pg_dir/data/postmaster.pid")"
  echo "$pid" $(pgrep -P "$pid" || true)
}

# Stops (SIGSTOP) the postmaster, then its children: the server keeps its sockets, so its kernel still
# accepts connections and acknowledges data, but nothing answers (a stalled server, not a stopped one).
# A detached watchdog resumes it after $1 seconds even if the caller dies before resuming it.
pause_postgres() {
  local seconds="${1:-30}"
  if ! pg_running; then log "postgres not running"; exit 1; fi
  local pid; pid="$(head -n1 "$pg_dir/data/postmaster.pid")"
  # The watchdog first, so that nothing below can leave the server stopped.
  detached nohup bash -c "sleep $seconds; kill -CONT $pid \$(pgrep -P $pid) 2>/dev/null" >/dev/null 2>&1 &
  kill -STOP "$pid"   # first, so that it forks no child we would miss
  local pids; pids="$(pg_pids)"
  kill -STOP $pids 2>/dev/null || true
  log "postgres paused (SIGSTOP of $pids); resumed in ${seconds}s at the latest"
}

resume_postgres() {
  if [ ! -f "$pg_dir/data/postmaster.pid" ]; then log "postgres not running"; return; fi
  local pids; pids="$(pg_pids)"
  kill -CONT $pids 2>/dev/null || true
  log "postgres resumed (SIGCONT of $pids)"
}

cmd="${1:-status}"; what="${2:-all}"
case "$cmd" in
  start)
    case "$what" in rabbitmq) start_rabbitmq ;; postgres) start_postgres ;; all) start_postgres; start_rabbitmq ;; esac ;;
  stop)
    case "$what" in rabbitmq) stop_rabbitmq ;; postgres) stop_postgres ;; all) stop_rabbitmq; stop_postgres ;; esac ;;
  restart)
    case "$what" in rabbitmq) stop_rabbitmq; start_rabbitmq ;; postgres) stop_postgres; start_postgres ;; *) echo "restart needs rabbitmq|postgres" >&2; exit 2 ;; esac ;;
  pause)
    case "$what" in postgres) pause_postgres "${3:-30}" ;; *) echo "pause supports postgres only" >&2; exit 2 ;; esac ;;
  resume)
    case "$what" in postgres) resume_postgres ;; *) echo "resume supports postgres only" >&2; exit 2 ;; esac ;;
  status)
    rabbit_running && echo "rabbitmq: running on $amqp_port" || echo "rabbitmq: stopped"
    pg_running && echo "postgres: running on $pg_port" || echo "postgres: stopped" ;;
  pids)
    pg_running && echo "postgres $(head -n1 "$pg_dir/data/postmaster.pid")"
    rabbit_running && echo "rabbitmq $(cat "$rabbit_dir/rabbitmq.pid")"
    true ;;
  rabbitmqctl)
    shift; rabbit_env
    exec /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "$RABBITMQ_NODENAME" "$@" ;;
  env)
    echo "export AMQP_URL=amqp://guest:guest@127.0.0.1:$amqp_port/%2f"
    echo "export DATABASE_URL=postgresql://postgres@127.0.0.1:$pg_port/autoresponder" ;;
  *) echo "usage: $0 start|stop|restart|pause|resume|status|env|pids [rabbitmq|postgres] | rabbitmqctl ARGS..." >&2; exit 2 ;;
esac
