# Sourced by .ci/run (bash, as root) after postgres.sh: a throwaway Redis server for the tests.
# Installs Debian's redis-server if needed, starts it as the redis user on a free loopback port
# with a temporary folder and no persistence, exports LOTSE_TEST_REDIS_URL, and stops it and
# removes the folder when the calling shell exits (after whatever EXIT trap was set before).

if ! command -v redis-server >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends redis-server >/dev/null
fi

redis_free_port() {
  local port
  for _ in $(seq 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

REDIS_DIR="$(mktemp -d /tmp/lotse-redis.XXXXXX)"
REDIS_PORT="$(redis_free_port)"
REDIS_USER=root
if id redis >/dev/null 2>&1; then REDIS_USER=redis; chown redis:redis "$REDIS_DIR"; fi
chmod 700 "$REDIS_DIR"

stop_redis() {
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$REDIS_DIR"
}
_lotse_previous_exit_trap="$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")"
trap "stop_redis${_lotse_previous_exit_trap:+; $_lotse_previous_exit_trap}" EXIT

runuser -u "$REDIS_USER" -- redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$REDIS_DIR" \
  --save '' --appendonly no --daemonize yes --logfile "$REDIS_DIR/redis.log" --pidfile "$REDIS_DIR/redis.pid"
for _ in $(seq 50); do
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && break
  sleep 0.2
done
redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping | grep -q PONG

export LOTSE_TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
echo "Redis $(redis-server --version | sed -E 's/.*v=([0-9.]+).*/\1/') for the tests on 127.0.0.1:$REDIS_PORT"
