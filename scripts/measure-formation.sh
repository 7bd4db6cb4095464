#!/usr/bin/env bash
# Measures how fast a cluster of sample-app nodes forms, how fast one more node joins, and
# how long a node takes to stop. Nodes run with DEFAULT settings (zero config) inside one
# private loopback-only network namespace per run, so nothing leaves the machine.
#
#   sudo ./scripts/measure-formation.sh [--no-build] [--runs R] [N]     N defaults to 3, R to 1
#
# Figures (milliseconds, from the nodes' own log timestamps and this script's clock):
#   formation   last process launched → every node has logged N-1 "connected to" lines
#   (tcpnet)    the same, counted from the last node's TcpnetStartedEvent log line
#   join        node N+1 launched → it is connected to all N / all N are connected to it
#   stop        SIGTERM to node-1 → its process has exited; others log it LEFT
# and how many "connected to" and "disconnected from … (LOST)" lines the nodes logged while the
# mesh formed: one connected line per peer per node, and no LOST, when no connection flapped.
# FORMATION_TIMEOUT_S (default 90) bounds each wait; NODE_JAVA_OPTS adds JVM options to every
# node (for many nodes on few cores, e.g. "-Xmx96m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC").
# Needs root (network namespaces) and ../shared/tools/netns-run beside the repository
# (or NETNS_RUN=/path/to/netns-run). KEEP_LOGS=DIR keeps every run's node logs in DIR/run-R/.
set -euo pipefail

usage() { echo "usage: $0 [--no-build] [--runs R] [N]" >&2; exit 2; }

build=1
runs=1
count=3
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --runs) [[ "${2:-}" =~ ^[1-9][0-9]?$ ]] || usage; runs=$2; shift ;;
    -h|--help) usage ;;
    *) [[ "$1" =~ ^[1-9][0-9]?$ ]] && [ "$1" -ge 2 ] || usage; count=$1 ;;
  esac
  shift
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="$root/sample-app/target/tcpnet-sample.jar"
netns_run=${NETNS_RUN:-$root/../shared/tools/netns-run}
java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java
timeout_s=${FORMATION_TIMEOUT_S:-90}

if [ "$(id -u)" != 0 ]; then
  echo "$0: needs root: the nodes run with default interface selection, which is only safe" >&2
  echo "inside a private network namespace (ip netns). Use ./scripts/run-cluster.sh instead." >&2
  exit 1
fi
[ -x "$netns_run" ] || { echo "$0: no netns-run at $netns_run (set NETNS_RUN)" >&2; exit 1; }

if [ "$build" = 1 ]; then
  (cd "$root" && ./mvnw -B -q -pl sample-app -am package -DskipTests </dev/null)
fi
[ -f "$jar" ] || { echo "no $jar: run without --no-build" >&2; exit 1; }

work=$(mktemp -d -t tcpnet-measure.XXXXXX)
ns=""
declare -A pids=()

cleanup() {
  local id
  for id in "${!pids[@]}"; do kill -TERM "${pids[$id]}" 2>/dev/null || true; done
  for _ in $(seq 1 100); do
    local alive=0
    for id in "${!pids[@]}"; do kill -0 "${pids[$id]}" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for id in "${!pids[@]}"; do kill -KILL "${pids[$id]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
  if [ -n "$ns" ]; then "$netns_run" --down "$ns"; ns=""; fi
}
trap 'cleanup; rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Milliseconds since midnight, for the script's clock and for log timestamps (HH:mm:ss.SSS).
to_ms() { awk -F'[:.]' '{ printf "%d\n", (($1 * 60 + $2) * 60 + $3) * 1000 + $4 }'; }
now_ms() { date +%H:%M:%S.%3N | to_ms; }
diff_ms() { echo $(( (($2 - $1) % 86400000 + 86400000) % 86400000 )); }

start_node() {
  local id=$1
  # shellcheck disable=SC2086 # NODE_JAVA_OPTS is a list of options
  "$netns_run" --exec "$ns" -- "$java_cmd" ${NODE_JAVA_OPTS:-} -jar "$jar" \
    --tcpnet.node-id="$id" \
    --spring.main.banner-mode=off \
    --logging.pattern.console='%d{HH:mm:ss.SSS} %-5level %msg%n' \
    </dev/null >"$work/$id.log" 2>&1 &
  pids[$id]=$!
}

# Time (ms of day) of the k-th line of a node's log matching a pattern, or nothing yet.
nth_time() {
  local file=$1 pattern=$2 k=$3 line
  line=$(grep -E -m "$k" -- "$pattern" "$file" 2>/dev/null | sed -n "${k}p")
  [ -n "$line" ] && echo "${line:0:12}" | to_ms
}

# Waits until every given node logged the k-th line matching the pattern; prints the latest time.
await_all() {
  local pattern=$1 k=$2; shift 2
  local deadline=$((SECONDS + timeout_s)) latest t id
  while :; do
    latest=0
    for id in "$@"; do
      t=$(nth_time "$work/$id.log" "$pattern" "$k") || t=""
      if [ -z "$t" ]; then latest=""; break; fi
      [ "$t" -gt "$latest" ] && latest=$t
    done
    [ -n "$latest" ] && { echo "$latest"; return 0; }
    [ $SECONDS -ge $deadline ] && { echo "TIMEOUT waiting for '$pattern' x$k" >&2; return 1; }
    sleep 0.1
  done
}

# Connected and LOST lines in all logs so far, against one connected line per peer per node.
count_events() {
  local n=$1 connected lost
  connected=$(cat "$work"/*.log | grep -c ' connected to ' || true)
  lost=$(cat "$work"/*.log | grep -c ' disconnected from .*(LOST)' || true)
  printf '  %-44s %6d (one per peer per node: %d)\n' "connected events while forming" "$connected" $((n * (n - 1)))
  printf '  %-44s %6d\n' "LOST events while forming" "$lost"
}

declare -A figures=()
record() { figures[$1]+="$2 "; printf '  %-44s %6d ms\n' "$1" "$2"; }

median() {
  tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

measure() {
  local run=$1 ids=() id t0 t_last_start t_last_tcpnet t_mesh extra t_join t_self t_others
  ns="tcpnet-measure-$$-$run"
  "$netns_run" --up "$ns"
  rm -f "$work"/*.log
  for i in $(seq 1 "$count"); do ids+=("node-$i"); done

  for id in "${ids[@]}"; do start_node "$id"; done
  t_last_start=$(now_ms)
  t_mesh=$(await_all ' connected to ' $((count - 1)) "${ids[@]}")
  t_last_tcpnet=$(await_all ' started as ' 1 "${ids[@]}")
  echo "run $run: $count nodes"
  record "formation from last launch" "$(diff_ms "$t_last_start" "$t_mesh")"
  record "formation from last tcpnet start" "$(diff_ms "$t_last_tcpnet" "$t_mesh")"
  count_events "$count"

  extra="node-$((count + 1))"
  start_node "$extra"
  t0=$(now_ms)
  t_self=$(await_all ' connected to ' "$count" "$extra")
  t_others=$(await_all " connected to $extra \\(" 1 "${ids[@]}")
  t_last_tcpnet=$(await_all ' started as ' 1 "$extra")
  record "join: new node connected to all (launch)" "$(diff_ms "$t0" "$t_self")"
  record "join: new node connected to all (tcpnet)" "$(diff_ms "$t_last_tcpnet" "$t_self")"
  record "join: all connected to new node (tcpnet)" "$(diff_ms "$t_last_tcpnet" "$t_others")"

  t0=$(now_ms)
  kill -TERM "${pids[node-1]}"
  wait "${pids[node-1]}" 2>/dev/null || true
  record "stop: SIGTERM until exit" "$(diff_ms "$t0" "$(now_ms)")"
  unset 'pids[node-1]'
  t_others=$(await_all ' disconnected from node-1 \(LEFT\)' 1 "${ids[@]:1}" "$extra")
  record "stop: others saw LEFT (from SIGTERM)" "$(diff_ms "$t0" "$t_others")"
  cleanup
  if [ -n "${KEEP_LOGS:-}" ]; then mkdir -p "$KEEP_LOGS/run-$run" && cp "$work"/*.log "$KEEP_LOGS/run-$run/"; fi
}

echo "tcpnet formation figures: $count nodes, $runs run(s), $(nproc) CPUs, $("$java_cmd" -version 2>&1 | head -1)"
for run in $(seq 1 "$runs"); do
  measure "$run"
done
if [ "$runs" -gt 1 ]; then
  echo "medians over $runs runs:"
  for key in "formation from last launch" "formation from last tcpnet start" \
      "join: new node connected to all (launch)" "join: new node connected to all (tcpnet)" \
      "join: all connected to new node (tcpnet)" "stop: SIGTERM until exit" "stop: others saw LEFT (from SIGTERM)"; do
    printf '  %-44s %6d ms\n' "$key" "$(median "${figures[$key]}")"
  done
fi
