#!/usr/bin/env bash
# Micro-benchmarks of the AMQP, PostgreSQL and HTTP wrappers (`make bench`): prints a table of
# figures (reported, never asserted) and keeps a copy in .run/bench-latest.txt.
#
#   scripts/bench.sh                  every case (servers must be running: make servers)
#   scripts/bench.sh amqp-publish     one group: amqp-publish | amqp-consume | postgres | http
#   scripts/bench.sh all --duration 10 --count 50000    options go to the bench executable
#
# Ports come from the environment like scripts/servers.sh: LOCAL_AMQP_PORT, LOCAL_PG_PORT.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
run_dir="${RUN_DIR:-$root/.run}"
mkdir -p "$run_dir"

# Build the release executable (incremental: quick when nothing changed).
swift build -c release --product bench >&2
bin="$(swift build -c release --show-bin-path)/bench"

# AMQP_URL / DATABASE_URL of the local servers (unless already set by the caller).
if [ -z "${AMQP_URL:-}" ] || [ -z "${DATABASE_URL:-}" ]; then
  eval "$(bash scripts/servers.sh env)"
fi
export AMQP_URL DATABASE_URL

# Server pids, so their CPU per operation is reported too (skipped when not found).
pid_args=()
if [ -f "$run_dir/rabbitmq/rabbitmq.pid" ]; then
  pid_args+=(--amqp-server-pid "$(cat "$run_dir/rabbitmq/rabbitmq.pid")")
fi
if [ -f "$run_dir/postgres/data/postmaster.pid" ]; then
  pid_args+=(--postgres-server-pid "$(head -n1 "$run_dir/postgres/data/postmaster.pid")")
fi

# A group name first selects it; otherwise run all. The remaining arguments are options.
group="all"
case "${1:-}" in all|amqp-publish|amqp-consume|postgres|http) group="$1"; shift ;; esac

out="$run_dir/bench-latest.txt"
{
  echo "# commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (modified)') | $(uname -srm)"
  "$bin" "$group" "${pid_args[@]}" "$@"
} | tee "$out"
echo "bench: figures saved in $out" >&2
