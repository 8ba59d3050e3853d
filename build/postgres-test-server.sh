#!/usr/bin/env bash
# A throwaway PostgreSQL server for the experiment-store tests (tests/ClassifierToolkit.AutoML.Tests/Storage).
#
#   build/postgres-test-server.sh start   # prints the connection string (only that, on stdout); idempotent
#   build/postgres-test-server.sh stop    # stops the server and deletes its cluster
#   build/postgres-test-server.sh status  # prints the connection string when running, exits 1 otherwise
#
# From .ci/run, before `dotnet test` (two lines for the variable: `export X="$(cmd)"` would hide a failing cmd from set -e;
# CI=true makes the PostgreSQL tests fail, not skip, when the variable is missing):
#   CTK_TEST_POSTGRES="$(build/postgres-test-server.sh start)"
#   export CTK_TEST_POSTGRES CI="${CI:-true}"
#   trap 'build/postgres-test-server.sh stop' EXIT
#
# It installs Debian's postgresql when no server binaries are found (needs root and apt-get), creates a cluster with
# initdb in $CTK_POSTGRES_DIR (default: $TMPDIR/ctk-postgres-test), and runs it on 127.0.0.1 on a free port (from 54329 up),
# as the `postgres` system user when run as root (PostgreSQL refuses to run as root), trusting local TCP logins. Durability is
# switched off (fsync, synchronous_commit): it is for tests only. The tests create one database per test class and drop it after.
set -euo pipefail

dir="${CTK_POSTGRES_DIR:-${TMPDIR:-/tmp}/ctk-postgres-test}"
database=ctk_test
superuser=postgres

log() { echo "postgres-test-server: $*" >&2; }
die() { log "error: $*"; exit 1; }

find_bin() {
  local candidate
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ] && { echo "$candidate"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

install_postgres() {
  command -v apt-get >/dev/null 2>&1 || die "no PostgreSQL server binaries and no apt-get; install PostgreSQL (initdb, pg_ctl) and retry"
  [ "$(id -u)" = 0 ] || die "no PostgreSQL server binaries; install them (sudo apt-get install -y postgresql) or run this script as root"
  log "installing postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq postgresql >&2 || { apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2; } \
    || die "apt-get install postgresql failed"
}

# Runs a command as the user that owns the cluster.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$owner" -- "$@"; else "$@"; fi
}

connection_string() { echo "Host=127.0.0.1;Port=$1;Username=$superuser;Database=$database"; }

running_port() {
  [ -f "$dir/port" ] && [ -f "$dir/data/postmaster.pid" ] || return 1
  local port; port="$(cat "$dir/port")"
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres -U "$superuser" || return 1
  echo "$port"
}

# A server that died without stopping (killed, or the machine restarted) leaves its pid and socket lock files behind.
clear_stale_server() {
  [ -f "$dir/data/postmaster.pid" ] || return 0
  local old i
  old="$(head -n 1 "$dir/data/postmaster.pid")"
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  for i in $(seq 50); do
    { [ -d "/proc/$old" ] && ! grep -q '^State:.*Z' "/proc/$old/status" 2>/dev/null; } || break
    sleep 0.1
  done
  rm -f "$dir/data/postmaster.pid" "$dir"/.s.PGSQL.*
}

free_port() {
  local port
  for port in $(seq 54329 54429); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  die "no free port in 54329-54429"
}

start() {
  local port
  if port="$(running_port)"; then connection_string "$port"; return 0; fi

  if [ "$(id -u)" = 0 ]; then
    owner="$superuser"
    id -u "$owner" >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin "$owner"
  else
    owner="$(id -un)"
  fi

  mkdir -p "$dir"
  chmod 755 "$dir"
  [ "$(id -u)" = 0 ] && chown "$owner" "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    rm -rf "$dir/data"
    log "initdb in $dir/data"
    as_owner "$bin/initdb" -D "$dir/data" -U "$superuser" --auth=trust -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  fi
  clear_stale_server

  port="$(free_port)"
  echo "$port" >"$dir/port"
  log "starting PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >&2 \
    || { tail -n 20 "$dir/server.log" >&2; die "the server did not start (log: $dir/server.log)"; }

  if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U "$superuser" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$superuser" "$database"
  fi
  connection_string "$port"
}

stop() {
  if [ -f "$dir/data/postmaster.pid" ]; then
    owner="$(stat -c %U "$dir/data")"
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || log "warning: pg_ctl stop failed"
  fi
  rm -rf "$dir"
  log "stopped and removed $dir"
}

bin="$(find_bin)" || { install_postgres; bin="$(find_bin)" || die "PostgreSQL installed, but initdb was not found"; }

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) port="$(running_port)" && connection_string "$port" ;;
  *) die "usage: $0 [start|stop|status]" ;;
esac
