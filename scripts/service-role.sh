#!/usr/bin/env bash
# Creates (or updates) the service's least-privilege database role in the database of DATABASE_URL
# (an owner's connection): read-only on sales, transactions, receipt; owner of the schema responder.
# See db/roles.sql. Idempotent.
#
#   DATABASE_URL=postgresql://postgres@127.0.0.1:5442/autoresponder scripts/service-role.sh [ROLE]
#   SERVICE_DB_PASSWORD=...   its password (default none: local trust authentication)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
: "${DATABASE_URL:?set DATABASE_URL (a libpq URI, as an owner of the business tables)}"
role="${1:-${SERVICE_DB_ROLE:-autoresponder}}"
psql -X -q -v ON_ERROR_STOP=1 -v service_role="$role" -v service_password="${SERVICE_DB_PASSWORD:-}" \
  -d "$DATABASE_URL" -f "$root/db/roles.sql" >/dev/null
echo "service-role: role $role may read sales, transactions, receipt and owns schema responder" >&2
