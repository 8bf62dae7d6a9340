#!/usr/bin/env bash
# `make bench-e2e`: the end-to-end benchmark of the whole system on this machine (issue 11).
# Starts the local servers, generates a world of N conversations (fixed seed), loads it into a
# database of its own with the service's least-privilege role (as `make run` does), then runs
# `bench e2e` (Benchmarks/bench/E2E): apisim, a dispatcher and W workers; every conversation active at
# once; figures printed, raw output kept in .run/bench-e2e/, a section of docs/benchmarks.md rewritten.
#
#   make bench-e2e                                 burst: N=2000, W=2, C=32, latency 50 ± 20 ms
#   BENCH_CONVERSATIONS=5000 make bench-e2e        the issue's conditions
#   make bench-e2e BENCH_MODE=scaling              W = 1, 2, 4 with the same N
#   make bench-e2e BENCH_MODE=steady               long-lived conversations: cost per open conversation
#                                                  per minute, follow-up latency
#   make bench-e2e BENCH_MODE=steady-settled       the same, the window starting BENCH_STEADY_SETTLE (120) s
#                                                  after the last follow-up's reply: conversations quiet for minutes
#   make bench-e2e BENCH_MODE=steady-push          the same as steady with the simulator pushing signed events to
#                                                  the dispatcher (POST /events), polling as the safety net
#   make bench-e2e BENCH_MODE=all                  burst, scaling, steady, steady-settled, steady-push
#
# Settings (environment):
#   BENCH_CONVERSATIONS=2000  BENCH_WORKERS=2  BENCH_CONCURRENCY=32 (WORKER_CONCURRENCY)
#   BENCH_LATENCY_MS=30  BENCH_JITTER_MS=40    simulator latency: 30 + uniform 0..40 ms = 50 ± 20 ms
#   BENCH_CLOSE_AFTER=60                       seconds an answered conversation stays active ('never')
#   BENCH_TIMEOUT=900                          seconds to wait for all replies
#   BENCH_SCALING_WORKERS="1 2 4"
#   BENCH_STEADY_CONVERSATIONS=1000  BENCH_STEADY_SECONDS=60  BENCH_STEADY_SETTLE=120 (steady-settled)
#   BENCH_FOLLOW_UP_SHARE=0.2  BENCH_FOLLOW_UP_DELAY=2   (steady mode)
#   BENCH_SEED=7  BENCH_DATABASE=autoresponder_bench  BENCH_DOC=docs/benchmarks.md (BENCH_DOC= : none)
#   BENCH_BUILD_FLAGS="--static-swift-stdlib --scratch-path .build-static"   build as the Dockerfile does
#   The service's own variables (RECHECK_INTERVAL_MS, LOG_LEVEL, DATABASE_POOL_SIZE, …) pass through.
#   Server ports as scripts/servers.sh: LOCAL_AMQP_PORT, LOCAL_PG_PORT (and RUN_DIR).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

mode="${BENCH_MODE:-burst}"
conversations="${BENCH_CONVERSATIONS:-2000}"
workers="${BENCH_WORKERS:-2}"
concurrency="${BENCH_CONCURRENCY:-32}"
latency="${BENCH_LATENCY_MS:-30}"
jitter="${BENCH_JITTER_MS:-40}"
close_after="${BENCH_CLOSE_AFTER:-60}"
timeout="${BENCH_TIMEOUT:-900}"
scaling_workers="${BENCH_SCALING_WORKERS:-1 2 4}"
steady_conversations="${BENCH_STEADY_CONVERSATIONS:-1000}"
steady_seconds="${BENCH_STEADY_SECONDS:-60}"
follow_up_share="${BENCH_FOLLOW_UP_SHARE:-0.2}"
follow_up_delay="${BENCH_FOLLOW_UP_DELAY:-2}"
steady_settle="${BENCH_STEADY_SETTLE:-120}"
seed="${BENCH_SEED:-7}"
database="${BENCH_DATABASE:-autoresponder_bench}"
doc="${BENCH_DOC-docs/benchmarks.md}"
out_root="${BENCH_OUT:-$root/.run/bench-e2e}"
case "$mode" in burst|scaling|steady|steady-settled|steady-push|all) ;; *) echo "bench-e2e: BENCH_MODE is burst, scaling, steady, steady-settled, steady-push or all" >&2; exit 2 ;; esac

log() { echo "bench-e2e: $*" >&2; }

bash scripts/servers.sh start
eval "$(bash scripts/servers.sh env)"
owner_url="${DATABASE_URL%/*}/$database"
service_url="${owner_url/postgres@/autoresponder@}"
if ! psql -X -d "$DATABASE_URL" -tAc "select 1 from pg_database where datname = '$database'" | grep -q 1; then
  psql -X -q -d "$DATABASE_URL" -c "create database \"$database\""
fi

# BENCH_BUILD_FLAGS: extra `swift build` flags, e.g. "--static-swift-stdlib --scratch-path .build-static"
# (the Dockerfile's build: what production runs).
read -r -a build_flags <<<"${BENCH_BUILD_FLAGS:-}"
log "building (release${BENCH_BUILD_FLAGS:+ $BENCH_BUILD_FLAGS})"
swift build -c release "${build_flags[@]}" >&2
bin="$(swift build -c release "${build_flags[@]}" --show-bin-path)"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="$out_root/$stamp-$mode"
mkdir -p "$out"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
git diff --quiet HEAD 2>/dev/null || commit="$commit (modified)"
swift_version="$(swift --version 2>/dev/null | head -n1 || echo unknown)"
server_pids="$(bash scripts/servers.sh pids)"
pg_pid="$(awk '$1 == "postgres" { print $2 }' <<<"$server_pids")"
rabbit_pid="$(awk '$1 == "rabbitmq" { print $2 }' <<<"$server_pids")"
{
  echo "# bench-e2e $mode, $stamp, commit $commit"
  echo "# $swift_version | $(nproc) cores | $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') | $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)"
} | tee "$out/summary.txt" >&2

loaded=""
world() {  # world N: generate (once) and load the world of N merchants and N conversations
  local n="$1" dir="$out_root/worlds/seed$seed-n$1"
  if [ ! -f "$dir/world.json" ]; then
    log "generating a world of $n conversations (seed $seed) in $dir"
    "$bin/worldgen" generate --seed "$seed" --merchants "$n" --conversations "$n" --out "$dir" >&2
  fi
  if [ "$loaded" != "$dir" ]; then
    DATABASE_URL="$owner_url" bash scripts/load-world.sh "$dir"
    DATABASE_URL="$owner_url" bash scripts/service-role.sh autoresponder
    loaded="$dir"
  fi
  world_dir="$dir"
}

run() {  # run LABEL N W [bench e2e options]: one run; its JSON goes to $out/LABEL.json
  local label="$1" n="$2" w="$3"; shift 3
  world "$n"
  log "run $label: $n conversations, $w worker(s); uptime:$(uptime | sed 's/.*load average/ load average/')"
  echo "# $label: uptime before: $(uptime)" >>"$out/summary.txt"
  "$bin/bench" e2e --world "$world_dir" --conversations "$n" --workers "$w" --concurrency "$concurrency" \
    --latency-ms "$latency" --jitter-ms "$jitter" --close-after "$close_after" --timeout "$timeout" \
    --database-url "$owner_url" --service-database-url "$service_url" --amqp-url "$AMQP_URL" \
    --amqp-prefix "bench-e2e" --rabbitmqctl "bash $root/scripts/servers.sh rabbitmqctl" \
    ${pg_pid:+--postgres-pid "$pg_pid"} ${rabbit_pid:+--rabbitmq-pid "$rabbit_pid"} \
    --config-dir "$root/config" --out-dir "$out" --label "$label" \
    --swift-version "$swift_version" --commit "$commit" "$@" | tee -a "$out/summary.txt"
  echo "# $label: uptime after: $(uptime)" >>"$out/summary.txt"
}

report() {  # report SECTION RESULT...: rewrite that section of the benchmarks page
  [ -n "$doc" ] || return 0
  "$bin/bench" e2e-report --section "$1" --out "$doc" --raw "${out#"$root"/}" "${@:2}"
}

if [ "$mode" = burst ] || [ "$mode" = all ]; then
  run "burst-n$conversations-w$workers" "$conversations" "$workers"
  report burst "$out/burst-n$conversations-w$workers.json"
fi
if [ "$mode" = scaling ] || [ "$mode" = all ]; then
  results=()
  for w in $scaling_workers; do
    run "scaling-n$conversations-w$w" "$conversations" "$w"
    results+=("$out/scaling-n$conversations-w$w.json")
  done
  report scaling "${results[@]}"
fi
if [ "$mode" = steady ] || [ "$mode" = all ]; then
  close_after=never
  run "steady-n$steady_conversations-w$workers" "$steady_conversations" "$workers" \
    --follow-up-share "$follow_up_share" --follow-up-delay "$follow_up_delay" --steady-seconds "$steady_seconds"
  report steady "$out/steady-n$steady_conversations-w$workers.json"
fi
if [ "$mode" = steady-settled ] || [ "$mode" = all ]; then
  close_after=never
  run "steady-settled-n$steady_conversations-w$workers" "$steady_conversations" "$workers" \
    --follow-up-share "$follow_up_share" --follow-up-delay "$follow_up_delay" --steady-seconds "$steady_seconds" \
    --steady-settle "$steady_settle"
  report steady-settled "$out/steady-settled-n$steady_conversations-w$workers.json"
fi
if [ "$mode" = steady-push ] || [ "$mode" = all ]; then
  close_after=never
  run "steady-push-n$steady_conversations-w$workers" "$steady_conversations" "$workers" --push \
    --follow-up-share "$follow_up_share" --follow-up-delay "$follow_up_delay" --steady-seconds "$steady_seconds"
  report steady-push "$out/steady-push-n$steady_conversations-w$workers.json"
fi
log "raw output in $out${doc:+; figures written to $doc}"
