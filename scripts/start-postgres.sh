#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the tests on 127.0.0.1 and prints its connection string.
# Usage: eval "$(scripts/start-postgres.sh)"   -> exports WXPAYSCORE_TEST_POSTGRES
set -euo pipefail

port="${WXPAYSCORE_PG_PORT:-55432}"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
dir="${WXPAYSCORE_PG_DIR:-/tmp/wxpayscore-pg}"
run_as=()
if [ "$(id -u)" -eq 0 ]; then run_as=(runuser -u postgres --); fi

if ! "${run_as[@]}" "$bin/pg_isready" -h 127.0.0.1 -p "$port" -q 2>/dev/null; then
  rm -rf "$dir"
  mkdir -p "$dir"
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$dir"
  "${run_as[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1
  "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-h 127.0.0.1 -p $port -k $dir -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
fi
echo "export WXPAYSCORE_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true'"
