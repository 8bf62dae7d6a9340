# The two promises of the README: `make run` runs the whole system, `make test` passes the tests.
# Both install what is missing (Debian packages) and start the local servers they need.
SHELL := /bin/bash
.DEFAULT_GOAL := help

LOCAL_AMQP_PORT ?= 5682
LOCAL_PG_PORT ?= 5442
export LOCAL_AMQP_PORT LOCAL_PG_PORT
export TEST_AMQP_URL ?= amqp://guest:guest@127.0.0.1:$(LOCAL_AMQP_PORT)/%2f
export TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:$(LOCAL_PG_PORT)/autoresponder_test
SWIFT_BUILD_FLAGS ?=

.PHONY: help deps servers stop-servers build release test test-fast test-disruptive test-browser screenshots test-cluster stop-test-brokers run bench eval-routing clean compose-check

help:
	@echo "make test    install what is missing, start RabbitMQ and PostgreSQL, run every test"
	@echo "make run     run the whole system locally (servers, API simulator, dispatcher, workers, support console)"
	@echo "make bench   micro-benchmarks of the AMQP, PostgreSQL and HTTP wrappers (figures)"
	@echo "make bench-e2e   end-to-end benchmark of the whole system (BENCH_MODE=burst|scaling|steady|steady-settled|steady-push|all); docs/benchmarks.md"
	@echo "make eval-routing   accuracy of routing on the corpus in config/routing-corpus (tuning and held-out)"
	@echo "make test-cluster   the cluster test alone: three RabbitMQ nodes, one stopped mid-run (scripts/cluster.sh)"
	@echo "make stop-servers   stop the local RabbitMQ and PostgreSQL"
	@echo "make compose-check  validate docker-compose.yml (with and without --profile monitoring)"

deps:
	@bash scripts/install-deps.sh

servers: deps
	@bash scripts/servers.sh start

stop-servers:
	@bash scripts/servers.sh stop

build: deps
	swift build $(SWIFT_BUILD_FLAGS)

release: deps
	swift build -c release $(SWIFT_BUILD_FLAGS)

# Tests that stop or restart a server run alone, after the others (suites named *DisruptiveTests);
# then the support console in headless Chromium (scripts/browser-test.sh).
# The TLS tests start their own TLS node (scripts/tls-broker.sh), the cluster test (a disruptive suite)
# its three-node cluster (scripts/cluster.sh); both are stopped at the end, pass or fail.
STOP_TEST_BROKERS = bash scripts/cluster.sh stop; bash scripts/tls-broker.sh stop
test: servers
	swift build --build-tests $(SWIFT_BUILD_FLAGS)
	swift test --skip-build --skip DisruptiveTests || { $(STOP_TEST_BROKERS); exit 1; }
	swift test --skip-build --no-parallel --filter DisruptiveTests || { $(STOP_TEST_BROKERS); exit 1; }
	@bash scripts/servers.sh start
	@$(STOP_TEST_BROKERS)
	@bash scripts/browser-test.sh

# The console's browser test alone (installs Chromium, chromium-driver and selenium if missing).
test-browser: servers
	@bash scripts/browser-test.sh

# Runs the browser test and keeps its screenshots as the README's (docs/screenshots/).
screenshots: servers
	@SCREENSHOT_DIR=docs/screenshots bash scripts/browser-test.sh

# 500 conversations on a three-node RabbitMQ cluster while a node stops and starts (about a minute,
# plus the cluster's first start); prints how long the service took to move to another node.
test-cluster: servers
	swift build --build-tests $(SWIFT_BUILD_FLAGS)
	bash scripts/cluster.sh start
	swift test --skip-build --filter ClusterDisruptiveTests || { bash scripts/cluster.sh stop; exit 1; }
	bash scripts/cluster.sh stop

stop-test-brokers:
	@$(STOP_TEST_BROKERS)

test-fast: servers
	swift test --skip DisruptiveTests

# RUN_CONFIG=release runs release builds (slower to build the first time).
run: servers
	@bash scripts/run-local.sh

bench: servers
	@bash scripts/bench.sh

# The whole system under a burst of conversations (scripts/bench-e2e.sh lists its BENCH_* settings):
# make bench-e2e [BENCH_MODE=burst|scaling|steady|all] [BENCH_CONVERSATIONS=5000] ...
.PHONY: bench-e2e
bench-e2e: servers
	@bash scripts/bench-e2e.sh

# EVAL_FLAGS=--errors lists the messages routed wrong.
eval-routing:
	swift run $(SWIFT_BUILD_FLAGS) routing-eval --config config $(EVAL_FLAGS)

# Parses docker-compose.yml (no engine needed). The service has no default API_TOKEN: give it one here.
compose-check:
	INSTALL_TOOLS=1 bash scripts/install-deps.sh
	API_TOKEN=$${API_TOKEN:-compose-check} docker-compose config -q
	API_TOKEN=$${API_TOKEN:-compose-check} docker-compose --profile monitoring config -q

clean:
	rm -rf .build
