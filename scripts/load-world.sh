#!/usr/bin/env bash
# Loads a world's business tables (sales, transactions, receipt) into PostgreSQL with psql:
# creates the tables if missing (db/schema.sql), truncates them and bulk-loads the world's CSV
# files with \copy, in one transaction.
#
#   DATABASE_URL=postgresql://postgres@127.0.0.1:5442/autoresponder scripts/load-world.sh [WORLD_DIR] [SCHEMA]
#
# WORLD_DIR defaults to db/worlds/original and must hold sales.csv, transactions.csv and receipt.csv
# (`worldgen generate` writes them; `worldgen csv --world DIR` writes them from a world.json).
# SCHEMA (optional) loads into that schema, created if missing, instead of the default search path.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-$root/db/worlds/original}"
schema="${2:-}"
: "${DATABASE_URL:?set DATABASE_URL (a libpq URI) to the database to load}"

for f in sales.csv transactions.csv receipt.csv; do
  if [ ! -f "$dir/$f" ]; then
    echo "load-world: $dir/$f is missing; run: worldgen csv --world $dir" >&2
    exit 1
  fi
done
dir="$(cd "$dir" && pwd)"
quote_path() { printf "%s" "$1" | sed "s/'/''/g"; }

start=$(date +%s%N)
{
  echo "set client_min_messages = warning;"
  echo "begin;"
  if [ -n "$schema" ]; then
    echo "create schema if not exists \"$schema\";"
    echo "set local search_path to \"$schema\";"
  fi
  cat "$root/db/schema.sql"
  echo "truncate sales, transactions, receipt;"
  echo "\\copy sales (id_sale,merchant_id,chip_id,created_at,status,description) from '$(quote_path "$dir/sales.csv")' with (format csv, header true)"
  echo "\\copy transactions (transaction_id,merchant_id,created_at,value) from '$(quote_path "$dir/transactions.csv")' with (format csv, header true)"
  echo "\\copy receipt (merchant_id,created_at,status,description,value) from '$(quote_path "$dir/receipt.csv")' with (format csv, header true)"
  echo "commit;"
  if [ -n "$schema" ]; then
    echo "analyze \"$schema\".sales, \"$schema\".transactions, \"$schema\".receipt;"
  else
    echo "analyze sales, transactions, receipt;"
  fi
} | psql -X -q -v ON_ERROR_STOP=1 -d "$DATABASE_URL" -f -
end=$(date +%s%N)
counts=$(psql -X -q -A -t -d "$DATABASE_URL" ${schema:+-c "set search_path to \"$schema\""} -c \
  "select (select count(*) from sales) || ' sales, ' || (select count(*) from transactions) || ' transactions, ' || (select count(*) from receipt) || ' receipts'")
ms=$(( (end - start) / 1000000 ))
printf 'load-world: loaded %s from %s in %d.%03d s\n' "$counts" "$dir" $((ms / 1000)) $((ms % 1000)) >&2
