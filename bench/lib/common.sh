# Shared plumbing of the bench/ scripts (sourced, not run): a work directory, processes that are
# always stopped on exit/failure/Ctrl-C, Debian's PostgreSQL 15 and PgBouncer run as the unprivileged
# `postgres` user, and the edge and endpoint services.
# Placement: when a script runs inside `bench/wan/world run`, `on HOST CMD...` runs CMD inside that
# simulated host; on loopback (no world) it runs CMD here.

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
BENCH_USER=bench            # role, password and database of every benchmark origin
POOL_USER=bench_endpoint    # the endpoint's origin login (a member of bench): pg_stat_activity tells its connections apart
TRACKED_PIDS=()

die() { echo "$(basename "$0"): $*" >&2; exit 1; }
say() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# bench_init: work directory (readable by the postgres user) and the clean-up trap.
bench_init() {
  WORK=$(mktemp -d "/tmp/hd-bench.XXXXXX")
  chmod 755 "$WORK"
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

descendants() {
  local child
  for child in $(pgrep -P "$1" 2>/dev/null); do descendants "$child"; echo "$child"; done
}

# Stops a process and everything it started: TERM, then KILL after 5 s.
stop_tree() {
  local pid=$1 pids deadline
  pids="$(descendants "$pid") $pid"
  # shellcheck disable=SC2086
  kill -TERM $pids 2>/dev/null || return 0
  deadline=$((SECONDS + 5))
  while [ $SECONDS -lt $deadline ]; do
    # shellcheck disable=SC2086
    kill -0 $pids 2>/dev/null || return 0
    sleep 0.1
  done
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null || true
}

bench_cleanup() {
  local i
  for ((i = ${#TRACKED_PIDS[@]} - 1; i >= 0; i--)); do stop_tree "${TRACKED_PIDS[$i]}"; done
  TRACKED_PIDS=()
  if [ -n "${WORK:-}" ] && [ -z "${BENCH_KEEP:-}" ]; then rm -rf "$WORK"; fi
}

track() { TRACKED_PIDS+=("$1"); }

# Stops one tracked process now (and forgets it).
untrack_stop() {
  local pid=$1 kept=() p
  stop_tree "$pid"
  for p in "${TRACKED_PIDS[@]}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
  TRACKED_PIDS=("${kept[@]}")
}

in_world() { [ -n "${WORLD_APP_NS:-}" ]; }

on() {
  local host=$1; shift
  if in_world; then
    local var="WORLD_${host^^}_NS"
    ip netns exec "${!var}" "$@"
  else
    "$@"
  fi
}

# Address of a host: its world address, or 127.0.0.1 on loopback.
addr() {
  if in_world; then local var="WORLD_${1^^}_ADDR"; echo "${!var}"; else echo 127.0.0.1; fi
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_port HOST_NAME ADDRESS PORT [SECONDS] [PID]: until a TCP connect succeeds from that host.
wait_port() {
  local host=$1 address=$2 port=$3 limit=${4:-120} pid=${5:-}
  local deadline=$((SECONDS + limit))
  until on "$host" bash -c "exec 3<>/dev/tcp/$address/$port" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || die "nothing listens on $address:$port after ${limit}s"
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then die "the process for $address:$port exited"; fi
    sleep 0.2
  done
}

need() { # need COMMAND PACKAGE
  command -v "$1" >/dev/null && return 0
  say "installing $2"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null; } ||
    die "could not install $2"
}

need_packages() {
  [ -x "$PG_BIN/postgres" ] || need "$PG_BIN/postgres" postgresql-15
  need pgbench postgresql-client
  need pgbouncer pgbouncer
  need python3 python3
  need node nodejs
  need npm npm
  if [ ! -d "$BENCH/node/node_modules/postgres" ]; then
    say "npm ci in bench/node"
    (cd "$BENCH/node" && npm ci --no-audit --no-fund >/dev/null 2>&1) || die "npm ci failed in bench/node"
  fi
}

as_postgres() { runuser -u postgres -- "$@"; }

# pg_start HOST DIR PORT MAX_CONNECTIONS: Debian's PostgreSQL 15 in DIR, listening on HOST's address,
# role/password/database "bench" with SCRAM over TCP. Sets PG_PID.
pg_start() {
  local host=$1 dir=$2 port=$3 max_connections=$4
  local listen; listen=$(addr "$host")
  mkdir -p "$dir" && chown postgres: "$dir"
  as_postgres "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  echo "host all all 0.0.0.0/0 scram-sha-256" >>"$dir/data/pg_hba.conf"
  # synchronous_commit=off: TPC-B then measures the proxies, not this machine's fsync.
  on "$host" runuser -u postgres -- "$PG_BIN/postgres" -D "$dir/data" -c listen_addresses="$listen" -c port="$port" \
    -c unix_socket_directories="$dir" -c max_connections="$max_connections" -c shared_buffers=256MB \
    -c synchronous_commit=off -c logging_collector=off -c shared_preload_libraries=pg_stat_statements \
    >"$dir/postgres.log" 2>&1 &
  PG_PID=$!
  track "$PG_PID"
  wait_port "$host" "$listen" "$port" 60 "$PG_PID"
  local deadline=$((SECONDS + 60))   # listening is not yet accepting logins ("starting up")
  until as_postgres "$PG_BIN/pg_isready" -q -h "$dir" -p "$port"; do
    [ $SECONDS -lt $deadline ] || die "PostgreSQL did not become ready"
    sleep 0.2
  done
  as_postgres psql -q -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE $BENCH_USER LOGIN PASSWORD '$BENCH_USER'" \
    -c "CREATE DATABASE $BENCH_USER OWNER $BENCH_USER" \
    -c "CREATE ROLE $POOL_USER LOGIN PASSWORD '$POOL_USER' IN ROLE $BENCH_USER" >/dev/null ||
    die "could not create the bench roles"
  # pg_stat_statements counts what the origin itself executed (a cache hit never reaches it).
  pg_admin "$dir" "$port" -c "CREATE EXTENSION pg_stat_statements" >/dev/null
}

# Calls the origin executed of statements whose text starts with PREFIX.
pg_calls() { pg_admin "$1" "$2" -c "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query LIKE '$3%'"; }

# Superuser psql on a pg_start'ed server (through its socket directory).
pg_admin() { local dir=$1 port=$2; shift 2; as_postgres psql -X -q -A -t -h "$dir" -p "$port" -U postgres -d "$BENCH_USER" "$@"; }

# pgb_start HOST DIR PORT SERVER_ADDRESS SERVER_PORT POOL_SIZE [MAX_CLIENTS]: Debian's PgBouncer, transaction
# mode, SCRAM for clients, a pool of POOL_SIZE kept open (min_pool_size). Sets PGB_PID.
pgb_start() {
  local host=$1 dir=$2 port=$3 server=$4 server_port=$5 pool=$6 max_clients=${7:-2000}
  mkdir -p "$dir"
  printf '"%s" "%s"\n' "$BENCH_USER" "$BENCH_USER" >"$dir/userlist.txt"
  cat >"$dir/pgbouncer.ini" <<EOF
[databases]
$BENCH_USER = host=$server port=$server_port dbname=$BENCH_USER
[pgbouncer]
listen_addr = $(addr "$host")
listen_port = $port
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $dir/userlist.txt
pool_mode = transaction
default_pool_size = $pool
min_pool_size = $pool
reserve_pool_size = 0
max_client_conn = $max_clients
max_db_connections = $pool
ignore_startup_parameters = extra_float_digits,options
server_reset_query =
EOF
  chown -R postgres: "$dir"
  # runuser's PAM session resets the soft open-files limit to 1024; PgBouncer needs one per client.
  on "$host" runuser -u postgres -- bash -c 'ulimit -n "$(ulimit -Hn)" && exec pgbouncer "$0"' "$dir/pgbouncer.ini" \
    >"$dir/pgbouncer.log" 2>&1 &
  PGB_PID=$!
  track "$PGB_PID"
  wait_port "$host" "$(addr "$host")" "$port" 30 "$PGB_PID"
}

# The distribution (built by deploy/hyperdrive when missing or stale) and how to start a service.
hd_build() {
  "$ROOT/deploy/hyperdrive" --version >/dev/null || die "could not build the distribution"
  HD_CP="$(ls "$ROOT"/deploy/target/hyperdrive-deploy-*.jar | head -1):$ROOT/deploy/target/lib/*"
  # Use the launcher's own subcommands once they exist; until then bench/java/ServeNode.java.
  # bench/java/ServeNode (compiled into bench/out/, not committed) checks edge files for the cache keys.
  if [ ! -f "$BENCH/out/classes/ServeNode.class" ] || [ "$BENCH/java/ServeNode.java" -nt "$BENCH/out/classes/ServeNode.class" ] ||
    [ -n "$(find "$ROOT/deploy/target/lib" -newer "$BENCH/out/classes/ServeNode.class" -print -quit)" ]; then
    mkdir -p "$BENCH/out/classes"
    javac -d "$BENCH/out/classes" -cp "$HD_CP" "$BENCH/java/ServeNode.java" || die "could not compile bench/java/ServeNode.java"
  fi
  HD_CP="$HD_CP:$BENCH/out/classes"
  if java -cp "$HD_CP" dev.hyperdrive.deploy.Launcher help edge >/dev/null 2>&1; then HD_LAUNCH=launcher; else HD_LAUNCH=servenode; fi
  say "services start through: $HD_LAUNCH"
}

# hd_start HOST KIND CONFIG LISTEN_ADDRESS PORT [JAVA_OPTIONS...]: an edge or endpoint. Sets HD_PID.
# With HD_STATS_PORT set, an edge starts through ServeNode, which serves its cache counters on that port.
hd_start() {
  local host=$1 kind=$2 config=$3 address=$4 port=$5; shift 5
  local main=(dev.hyperdrive.deploy.Launcher "$kind" --config "$config")
  [ "$HD_LAUNCH" = launcher ] || main=(ServeNode "$kind" "$config")
  [ -z "${HD_STATS_PORT:-}" ] || [ "$kind" != edge ] || main=(ServeNode edge "$config" "$HD_STATS_PORT")
  on "$host" java "$@" -cp "$HD_CP" "${main[@]}" >"$config.out" 2>"$config.log" &
  HD_PID=$!
  track "$HD_PID"
  wait_port "$host" "$address" "$port" 120 "$HD_PID"
}

# The JVM itself (not a wrapper) serving a port, for RSS and heap readings.
java_pid_of() { local pid=$1; { descendants "$pid"; echo "$pid"; } | while read -r p; do
  [ "$(cat /proc/"$p"/comm 2>/dev/null)" = java ] && { echo "$p"; break; }; done; }

# endpoint_yaml FILE LISTEN_PORT ORIGIN_ADDRESS ORIGIN_PORT POOL_SIZE
endpoint_yaml() {
  cat >"$1" <<EOF
site: bench-db
listen: 0.0.0.0:$2
databases:
  - name: $BENCH_USER
    origin: {host: $3, port: $4, user: $POOL_USER, password: $POOL_USER, database: $BENCH_USER}
    pool: {default_pool_size: $5, min_pool_size: $5}
EOF
}

# edge_yaml FILE LISTEN_ADDRESS LISTEN_PORT ENDPOINT_ADDRESS ENDPOINT_PORT [EXTRA DATABASE YAML]
edge_yaml() {
  cat >"$1" <<EOF
site: bench-app
listen: $2:$3
endpoints:
  - name: bench-db
    address: $4:$5
databases:
  - name: $BENCH_USER
    user: $BENCH_USER
    password: $BENCH_USER
${6:-}
EOF
}

# Result caching (issue 5): on by default, switched per database with `cache: {enabled: …}` (edge-client
# README). Older builds refuse that key (unknown keys are errors): then the edge has no result cache.
cache_stanza() { # on|off
  local value=true; [ "$1" = on ] || value=false
  printf '    cache: {enabled: %s}\n' "$value"
}
# accepted_stanza on|off: the cache stanza if the edge's configuration accepts it (nothing: no cache yet).
accepted_stanza() {
  local line
  while IFS= read -r line; do
    edge_yaml "$WORK/probe.yaml" 127.0.0.1 6499 127.0.0.1 7100 "$line"
    if java -cp "$HD_CP" ServeNode check-edge "$WORK/probe.yaml" >/dev/null 2>&1; then
      echo "$line"; return 0
    fi
  done < <(cache_stanza "$1")
  return 1
}
# Writes a section into bench/RESULTS.md (replacing the one with the same title) from a file.
results_update() { python3 "$BENCH/lib/results.py" "$BENCH/RESULTS.md" "$1" "$2"; }

machine_line() { echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg) at start), kernel $(uname -r)"; }
