#!/usr/bin/env bash
# A three-node RabbitMQ cluster on this machine, from Debian's rabbitmq-server package, for the
# cluster test (make test-cluster) and for trying the service against a cluster. Each node has its own
# name, ports and folder under .run/cluster/; they share an Erlang cookie and are joined with
# `rabbitmqctl join_cluster`. Quorum queues declared once the three are joined have a replica on each.
#
#   scripts/cluster.sh start            start the nodes that are not running, join them (idempotent)
#   scripts/cluster.sh stop             stop every node
#   scripts/cluster.sh status           which nodes run, and the cluster's members
#   scripts/cluster.sh stop-node N      stop node N (1, 2 or 3) cleanly
#   scripts/cluster.sh kill-node N      kill node N (SIGKILL: a crash)
#   scripts/cluster.sh start-node N     start node N again; it rejoins the cluster by itself
#   scripts/cluster.sh env              print the AMQP_URL of the three nodes
#   scripts/cluster.sh queues           the queues: type, replicas (members), leader (JSON)
#   scripts/cluster.sh reset            stop every node and delete .run/cluster
#
# Ports: node N listens for AMQP on CLUSTER_AMQP_BASE+N (5701-5703) and for Erlang distribution on
# 20000 more (25701-25703). Node names: autoresponder-cluster-N@localhost. The project's own broker
# (scripts/servers.sh, 5682) is never touched.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/rabbitmq-node.sh
source "$root/scripts/lib/rabbitmq-node.sh"
cluster_dir="${CLUSTER_DIR:-${RUN_DIR:-$root/.run}/cluster}"
amqp_base="${CLUSTER_AMQP_BASE:-5700}"
nodes=(1 2 3)

log() { echo "cluster: $*" >&2; }

# Sets node_dir, node_name, node_port and node_dist for node $1.
select_node() {
  case "$1" in 1|2|3) ;; *) echo "cluster: no node '$1' (1, 2 or 3)" >&2; exit 2 ;; esac
  node_dir="$cluster_dir/node$1"
  node_name="autoresponder-cluster-$1@localhost"
  node_port=$((amqp_base + $1))
  node_dist=$((node_port + 20000))
}

cookie() {
  mkdir -p "$cluster_dir"
  if [ ! -s "$cluster_dir/cookie" ]; then
    (umask 077; head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32 > "$cluster_dir/cookie")
  fi
  cat "$cluster_dir/cookie"
}

write_config() {
  cat > "$node_dir/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$node_port
loopback_users = none
disk_free_limit.absolute = 50MB
vm_memory_high_watermark.relative = 0.1
# Three nodes: a node cut off from the other two pauses instead of diverging.
cluster_partition_handling = pause_minority
log.console = false
log.file.level = warning
CONF
}

# Starts node $1 unless it runs (without waiting).
launch() {
  select_node "$1"
  if node_running; then return; fi
  node_prepare "$(cookie)"
  write_config
  log "starting node $1 ($node_name, AMQP 127.0.0.1:$node_port, dist $node_dist)"
  node_launch
}

wait_for() {
  select_node "$1"
  node_wait 180
}

# Joins node $1 to node 1's cluster unless it is a member already.
join() {
  select_node 1
  local first="$node_name"
  select_node "$1"
  if node_ctl cluster_status --formatter json 2>/dev/null | grep -q "\"$first\""; then return; fi
  log "joining node $1 to $first"
  local out="$node_dir/log/cluster.log"
  node_ctl stop_app >>"$out" 2>&1
  node_ctl reset >>"$out" 2>&1
  node_ctl join_cluster "$first" >>"$out" 2>&1 || { echo "cluster: join failed; see $out" >&2; tail -n 20 "$out" >&2; exit 1; }
  node_ctl start_app >>"$out" 2>&1
}

start_all() {
  # All at once: nodes that were clustered wait for each other at boot.
  for n in "${nodes[@]}"; do launch "$n"; done
  for n in "${nodes[@]}"; do wait_for "$n"; done
  join 2
  join 3
  log "ready: $(members)"
}

members() {
  for n in "${nodes[@]}"; do
    select_node "$n"
    if node_running; then
      node_ctl cluster_status --formatter json 2>/dev/null | grep -o '"running_nodes":\[[^]]*\]' && return
    fi
  done
  echo "no node running"
}

stop_node() {
  select_node "$1"
  if node_running; then log "stopping node $1 ($node_name)"; fi
  node_stop
}

kill_node() {
  select_node "$1"
  node_running || { log "node $1 is not running"; return; }
  log "killing node $1 ($node_name)"
  local pid; pid="$(cat "$node_dir/rabbitmq.pid")"
  kill -9 "$pid"
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  rm -f "$node_dir/rabbitmq.pid"
}

cmd="${1:-status}"
case "$cmd" in
  start) mkdir -p "$cluster_dir"; exec 9>"$cluster_dir/.lock"; flock 9; start_all ;;
  stop) for n in "${nodes[@]}"; do stop_node "$n"; done ;;
  stop-node) stop_node "${2:?stop-node needs N}" ;;
  kill-node) kill_node "${2:?kill-node needs N}" ;;
  start-node) launch "${2:?start-node needs N}"; wait_for "$2"; log "node $2 ready: $(members)" ;;
  status)
    for n in "${nodes[@]}"; do
      select_node "$n"
      if node_running; then echo "node $n: running ($node_name, AMQP $node_port)"; else echo "node $n: stopped"; fi
    done
    members ;;
  env)
    echo "export AMQP_URL=amqp://guest:guest@127.0.0.1:$((amqp_base + 1)),127.0.0.1:$((amqp_base + 2)),127.0.0.1:$((amqp_base + 3))/%2f" ;;
  queues)
    # Asked of the first running node: a JSON array of {"name", "type", "members", "leader"}.
    for n in "${nodes[@]}"; do
      select_node "$n"
      node_running || continue
      node_ctl list_queues name type members leader --formatter json
      exit 0
    done
    echo "cluster: no node running" >&2; exit 1 ;;
  reset)
    for n in "${nodes[@]}"; do stop_node "$n"; done
    rm -rf "$cluster_dir" ;;
  *) echo "usage: $0 start|stop|status|stop-node N|kill-node N|start-node N|env|queues|reset" >&2; exit 2 ;;
esac
