# Sourced by .ci/run (bash, as root): a throwaway PostgreSQL server for the tests.
# Installs Debian's postgresql if needed, runs initdb + pg_ctl as the postgres user in a temporary
# folder on a free loopback port, creates a user and database, exports LOTSE_TEST_POSTGRES_URL and
# stops the server and removes the folder when the calling shell exits.

pg_bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(pg_bin_dir)" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
PG_BIN="$(pg_bin_dir)"

free_port() {
  local port
  for _ in $(seq 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

PG_DIR="$(mktemp -d /tmp/lotse-postgres.XXXXXX)"
PG_PORT="$(free_port)"
PG_PASSWORD="$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
chown postgres:postgres "$PG_DIR"
chmod 700 "$PG_DIR"
printf '%s\n' "$PG_PASSWORD" > "$PG_DIR/password"
chown postgres:postgres "$PG_DIR/password"

as_postgres() { runuser -u postgres -- "$@"; }

stop_postgres() {
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap stop_postgres EXIT

as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --pwfile="$PG_DIR/password" \
  --auth-local=peer --auth-host=scram-sha-256 -E UTF8 --no-sync >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$PG_DIR -c fsync=off" start >/dev/null
as_postgres "$PG_BIN/psql" -h "$PG_DIR" -p "$PG_PORT" -d postgres -qAt -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE lotse LOGIN CREATEDB PASSWORD '$PG_PASSWORD'" -c "CREATE DATABASE lotse OWNER lotse" >/dev/null

export LOTSE_TEST_POSTGRES_URL="postgresql://lotse:$PG_PASSWORD@127.0.0.1:$PG_PORT/lotse"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') for the tests on 127.0.0.1:$PG_PORT"
