# Functions to run one RabbitMQ node from Debian's rabbitmq-server package in a folder of its own, on
# ports of its own: sourced by scripts/cluster.sh (three clustered nodes) and scripts/tls-broker.sh
# (a TLS listener). scripts/servers.sh runs the project's main broker the same way.
#
# A node is described by four variables, set before calling these functions:
#   node_dir   its folder (home/, mnesia/, log/, rabbitmq.conf, rabbitmq.pid)
#   node_name  its Erlang node name (name@localhost)
#   node_port  its AMQP port (or TLS port; the listeners are written by the caller in rabbitmq.conf)
#   node_dist  its Erlang distribution port
# and the caller writes "$node_dir/rabbitmq.conf" before node_start.

rabbitmq_bin=/usr/lib/rabbitmq/bin

# The environment rabbitmq-server and rabbitmqctl read (in a subshell or before exec).
node_env() {
  export HOME="$node_dir/home"
  export RABBITMQ_HOME_DIR="$node_dir"
  export RABBITMQ_MNESIA_BASE="$node_dir/mnesia"
  export RABBITMQ_LOG_BASE="$node_dir/log"
  export RABBITMQ_NODENAME="$node_name"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT="$node_port"
  export RABBITMQ_DIST_PORT="$node_dist"
  export RABBITMQ_PID_FILE="$node_dir/rabbitmq.pid"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$node_dir/enabled_plugins"
  export RABBITMQ_CONFIG_FILE="$node_dir/rabbitmq"   # rabbitmq.conf
  export RABBITMQ_ADVANCED_CONFIG_FILE="$node_dir/advanced.config"
  export ERL_EPMD_ADDRESS=127.0.0.1
}

node_running() {
  [ -f "$node_dir/rabbitmq.pid" ] && kill -0 "$(cat "$node_dir/rabbitmq.pid")" 2>/dev/null
}

# rabbitmqctl (or another CLI tool: NODE_TOOL=rabbitmq-queues) against this node.
node_ctl() {
  ( node_env; "$rabbitmq_bin/${NODE_TOOL:-rabbitmqctl}" -q -n "$node_name" "$@" )
}

# Creates the node's folders; the Erlang cookie is $1 (nodes of one cluster share it).
node_prepare() {
  local cookie="$1"
  mkdir -p "$node_dir/home" "$node_dir/mnesia" "$node_dir/log"
  [ -f "$node_dir/enabled_plugins" ] || echo '[].' > "$node_dir/enabled_plugins"
  [ -f "$node_dir/advanced.config" ] || echo '[].' > "$node_dir/advanced.config"
  if [ ! -f "$node_dir/home/.erlang.cookie" ] || [ "$(cat "$node_dir/home/.erlang.cookie")" != "$cookie" ]; then
    rm -f "$node_dir/home/.erlang.cookie"
    printf '%s' "$cookie" > "$node_dir/home/.erlang.cookie"
    chmod 400 "$node_dir/home/.erlang.cookie"
  fi
}

# Starts the node in the background (it writes its pid file itself); node_wait waits for it. The
# background process closes every inherited descriptor above stderr before it becomes the broker, so
# the broker holds none of the caller's pipes, sockets or locks (a caller waiting for this script's
# output, such as a test runner, would otherwise wait as long as the broker lives).
node_launch() {
  (
    node_env
    for fd in /proc/$BASHPID/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done 2>/dev/null
    exec nohup "$rabbitmq_bin/rabbitmq-server" </dev/null >>"$node_dir/log/stdout.log" 2>&1
  ) &
}

# Waits until the node has booted (at most $1 seconds, default 120).
node_wait() {
  local deadline=$((SECONDS + ${1:-120}))
  until [ -f "$node_dir/rabbitmq.pid" ] && node_ctl await_startup --timeout 5 >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then
      echo "rabbitmq node $node_name did not start; last log lines:" >&2
      tail -n 30 "$node_dir/log/stdout.log" >&2 || true
      return 1
    fi
    sleep 1
  done
}

# Stops the node cleanly (rabbitmqctl stop), then SIGTERM and SIGKILL if it does not answer.
node_stop() {
  node_running || { rm -f "$node_dir/rabbitmq.pid"; return 0; }
  local pid; pid="$(cat "$node_dir/rabbitmq.pid")"
  ( node_env; timeout 60 "$rabbitmq_bin/rabbitmqctl" -q -n "$node_name" stop "$node_dir/rabbitmq.pid" ) >/dev/null 2>&1 \
    || kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$node_dir/rabbitmq.pid"
}
