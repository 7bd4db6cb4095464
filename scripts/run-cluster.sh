#!/usr/bin/env bash
# Start a local tcpnet demo cluster: N sample-app nodes on this machine, their output
# interleaved with a [node-i] prefix. Ctrl-C (or SIGTERM) stops them all.
#
#   ./scripts/run-cluster.sh [--no-build] [N]      N defaults to 3
#
# Every node is pinned to loopback (mDNS on 127.0.0.1, acceptor and HTTP on 127.0.0.1),
# so nothing is sent outside this machine. Extra arguments for every node:
#   NODE_ARGS='--logging.level.dev.tcpnet=debug' ./scripts/run-cluster.sh
set -euo pipefail

usage() { echo "usage: $0 [--no-build] [N]" >&2; exit 2; }

build=1
count=3
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    -h|--help) usage ;;
    *) [[ "$arg" =~ ^[1-9][0-9]?$ ]] || usage; count=$arg ;;
  esac
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="$root/sample-app/target/tcpnet-sample.jar"
java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java

if [ "$build" = 1 ]; then
  echo "building $jar ..."
  (cd "$root" && ./mvnw -B -q -pl sample-app -am package -DskipTests </dev/null)
fi
[ -f "$jar" ] || { echo "no $jar: run without --no-build" >&2; exit 1; }

pids=()
stopping=0

stop_all() {
  [ "$stopping" = 1 ] && return
  stopping=1
  trap '' INT TERM
  echo "stopping ${#pids[@]} nodes ..." >&2
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  # Graceful stop takes a few seconds (goodbyes, mDNS close); then no more mercy.
  for _ in $(seq 1 150); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}

trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

# Starts one node; its output goes through a prefixing loop. The node is the background job
# whose pid we keep, so that signals reach the JVM and not a pipeline.
start_node() {
  local id=$1
  # shellcheck disable=SC2086 # NODE_ARGS is split on purpose
  "$java_cmd" -XX:TieredStopAtLevel=1 -jar "$jar" \
    --tcpnet.node-id="$id" \
    --tcpnet.discovery.mdns.interfaces=127.0.0.1 \
    --tcpnet.server.address=127.0.0.1 \
    --server.address=127.0.0.1 \
    --server.port=0 \
    --spring.main.banner-mode=off \
    --spring.main.log-startup-info=false \
    --logging.level.org.springframework=warn \
    --logging.level.org.apache=warn \
    --logging.pattern.console='%d{HH:mm:ss.SSS} %-5level %msg%n' \
    ${NODE_ARGS:-} \
    </dev/null > >(prefix "$id") 2>&1 &
  pids+=("$!")
}

# Ctrl-C goes to the whole process group: the prefixing loops ignore it and end when their
# node's output does, so the nodes' shutdown lines still get printed.
prefix() {
  trap '' INT TERM
  local line
  while IFS= read -r line; do printf '[%s] %s\n' "$1" "$line"; done
}

for i in $(seq 1 "$count"); do
  start_node "node-$i"
done
echo "started $count nodes (pids ${pids[*]}); Ctrl-C stops them" >&2

# Wait until every node has exited (or a signal arrives).
while :; do
  alive=0
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
  [ "$alive" = 0 ] && break
  sleep 1 &
  wait $! || true
done
echo "all nodes exited" >&2
