#!/usr/bin/env bash
# Installs the Debian packages the project needs, only those that are missing.
# Idempotent: a second run installs nothing. Needs root (or sudo) for apt-get.
set -euo pipefail

packages=(
  librabbitmq-dev        # rabbitmq-c: the AMQP client library (CRabbitMQ)
  libpq-dev              # libpq: the PostgreSQL client library (CLibPQ)
  libcurl4-openssl-dev   # libcurl: the HTTP client library (CCurl)
  pkg-config             # SwiftPM finds the three libraries through it
  rabbitmq-server        # local broker for tests and `make run`
  postgresql             # local database for tests and `make run`
  postgresql-client
  curl                   # make run waits for the simulator with it
  openssl                # scripts/tls-broker.sh generates the TLS tests' certificates
)
if [ "${INSTALL_BROWSER:-0}" = 1 ]; then
  packages+=(chromium chromium-driver fonts-dejavu-core python3-venv)   # the console's browser test
fi
if [ "${INSTALL_TOOLS:-0}" = 1 ]; then
  packages+=(docker-compose wrk hyperfine)   # optional: compose validation and benchmarks
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
# Package installs must not start system-wide services: the project runs its own instances.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
  $SUDO chmod +x "$policy"
  created_policy=1
fi
trap '[ $created_policy = 1 ] && $SUDO rm -f "$policy"' EXIT
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
