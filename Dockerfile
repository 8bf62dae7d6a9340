# One image for every executable of the project (dispatcher, worker, autoresponderctl, console, apisim, worldgen);
# docker-compose.yml picks the command. Build: docker build -t autoresponder .
# .dockerignore keeps build products, local server state, .git and .env out of the build context.
ARG SWIFT_IMAGE=swift:6.3-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

# ---- build stage -------------------------------------------------------------------------------
FROM ${SWIFT_IMAGE} AS build
# bash, not the image's /bin/sh (dash): the copy below uses brace expansion.
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apt-get update \
 && apt-get install -y --no-install-recommends librabbitmq-dev libpq-dev libcurl4-openssl-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Resolve dependencies first so that this layer is cached while only sources change.
COPY Package.swift ./
RUN swift package resolve
COPY Sources ./Sources
COPY Benchmarks ./Benchmarks
COPY Tests ./Tests
RUN swift build -c release --static-swift-stdlib \
 && mkdir -p /out \
 && cp "$(swift build -c release --show-bin-path)"/{dispatcher,worker,autoresponderctl,console,apisim,worldgen} /out/

# ---- runtime stage -----------------------------------------------------------------------------
FROM ${RUNTIME_IMAGE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends librabbitmq4 libpq5 libcurl4 ca-certificates tzdata postgresql-client \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home /app autoresponder
WORKDIR /app
COPY --from=build /out/ /usr/local/bin/
COPY config ./config
COPY db ./db
COPY scripts/load-world.sh scripts/service-role.sh ./scripts/
ENV CONFIG_DIR=/app/config
USER autoresponder
# Both service executables stop cleanly on SIGTERM (docker stop) and log to stderr.
STOPSIGNAL SIGTERM
# The ops server of dispatcher and worker (/healthz, /readyz, /metrics; OPS_PORT, default 9090).
# Their health check is `dispatcher healthcheck` / `worker healthcheck`, so the image needs no curl.
EXPOSE 9090
CMD ["worker"]
