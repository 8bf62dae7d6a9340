#!/usr/bin/env bash
# A RabbitMQ node with a TLS listener only, for the amqps:// tests (AMQPTLSTests). At each start it
# generates, with openssl, a test CA, a server certificate for `localhost` signed by it, a client
# certificate signed by it (and its key encrypted with a password), and an unrelated CA (to check that
# a wrong CA is refused). The node
# requires a client certificate (verify_peer, fail_if_no_peer_cert). Nothing generated is committed:
# everything is under .run/tls/ (git-ignored).
#
#   scripts/tls-broker.sh start     generate the certificates and start the node (idempotent: a running
#                                   node keeps its certificates)
#   scripts/tls-broker.sh stop
#   scripts/tls-broker.sh status
#   scripts/tls-broker.sh env       print the settings to reach it (AMQP_URL, AMQP_TLS_*)
#
# Port: TLS_BROKER_PORT (5711), Erlang distribution on 20000 more; node autoresponder-tls@localhost.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/rabbitmq-node.sh
source "$root/scripts/lib/rabbitmq-node.sh"
node_dir="${TLS_BROKER_DIR:-${RUN_DIR:-$root/.run}/tls}"
node_name="autoresponder-tls@localhost"
node_port="${TLS_BROKER_PORT:-5711}"
node_dist=$((node_port + 20000))
certs="$node_dir/certs"

log() { echo "tls-broker: $*" >&2; }

# A CA ($1), and certificates signed by it: server (localhost) and client.
generate_certificates() {
  rm -rf "$certs"
  mkdir -p "$certs"
  (
    cd "$certs"
    umask 077
    for ca in ca other-ca; do
      openssl req -x509 -newkey rsa:2048 -nodes -days 2 -sha256 -subj "/CN=autoresponder test $ca" \
        -keyout "$ca.key" -out "$ca.pem" 2>/dev/null
    done
    printf 'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n' > server.ext
    printf 'extendedKeyUsage=clientAuth\n' > client.ext
    for name in server client; do
      openssl req -newkey rsa:2048 -nodes -sha256 -subj "/CN=${name/server/localhost}" \
        -keyout "$name.key" -out "$name.csr" 2>/dev/null
      openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -sha256 \
        -extfile "$name.ext" -out "$name.pem" 2>/dev/null
    done
    # The client key with a password (rabbitmq-c cannot use it: the tests check it fails clearly).
    openssl pkey -in client.key -aes256 -passout pass:test-only -out client-encrypted.key 2>/dev/null
    rm -f ./*.csr ./*.ext ca.srl
    # The broker (Erlang) and the tests read these; the CA keys stay private.
    chmod 644 ca.pem other-ca.pem server.pem client.pem server.key client.key client-encrypted.key
  )
}

start() {
  if node_running; then log "already running on 127.0.0.1:$node_port"; return; fi
  node_prepare "$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)"
  generate_certificates
  cat > "$node_dir/rabbitmq.conf" <<CONF
listeners.tcp = none
listeners.ssl.default = 127.0.0.1:$node_port
ssl_options.cacertfile = $certs/ca.pem
ssl_options.certfile = $certs/server.pem
ssl_options.keyfile = $certs/server.key
ssl_options.verify = verify_peer
ssl_options.fail_if_no_peer_cert = true
ssl_options.versions.1 = tlsv1.3
ssl_options.versions.2 = tlsv1.2
loopback_users = none
disk_free_limit.absolute = 50MB
vm_memory_high_watermark.relative = 0.1
log.console = false
log.file.level = warning
CONF
  log "starting $node_name with TLS on 127.0.0.1:$node_port (certificates in $certs)"
  node_launch
  node_wait 180
  log "ready"
}

case "${1:-status}" in
  # Under a lock: two test suites may ask at once, and a second start would regenerate the certificates.
  start) mkdir -p "$node_dir"; exec 9>"$node_dir/.lock"; flock 9; start ;;
  stop) node_running && log "stopping $node_name"; node_stop ;;
  status) if node_running; then echo "tls-broker: running on $node_port"; else echo "tls-broker: stopped"; fi ;;
  env)
    echo "export AMQP_URL=amqps://guest:guest@localhost:$node_port/%2f"
    echo "export AMQP_TLS_CA_FILE=$certs/ca.pem"
    echo "export AMQP_TLS_CERT_FILE=$certs/client.pem"
    echo "export AMQP_TLS_KEY_FILE=$certs/client.key" ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
