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

.PHONY: help deps servers stop-servers build release test test-fast test-disruptive run bench eval-routing clean compose-check

help:
	@echo "make test    install what is missing, start RabbitMQ and PostgreSQL, run every test"
	@echo "make run     run the whole system locally (servers, API simulator, dispatcher, workers)"
	@echo "make bench   micro-benchmarks of the AMQP, PostgreSQL and HTTP wrappers (figures)"
	@echo "make bench-e2e   end-to-end benchmark of the whole system (BENCH_MODE=burst|scaling|steady|all); docs/benchmarks.md"
	@echo "make eval-routing   accuracy of routing on the corpus in config/routing-corpus (tuning and held-out)"
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

# Tests that stop or restart a server run alone, after the others (suites named *DisruptiveTests).
test: servers
	swift build --build-tests $(SWIFT_BUILD_FLAGS)
	swift test --skip-build --skip DisruptiveTests
	swift test --skip-build --no-parallel --filter DisruptiveTests
	@bash scripts/servers.sh start

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
