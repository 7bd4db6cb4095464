#!/usr/bin/env bash
# Soak: 3 fault-driver nodes under a steady mixed load with periodic connection resets, for a
# bounded time, sampling each node's memory every 10 s; fails if memory keeps growing after
# warm-up. Not part of `mvnw verify`.
#
#   ./scripts/soak.sh [--no-build] [DURATION]      DURATION: 10m (default), 180s, 3m, 600 (seconds)
#
# Where: the nodes run in a private network namespace of their own (`unshare --net`, only `lo`),
# pinned to 127.0.0.1 and found by static seeds (mDNS off), so nothing leaves the machine and
# `ss -K` can reset their connections without touching anything else. Needs root (the
# namespace and `ss -K`) and iproute2.
#
# Load (every node, see the driver's fault.load.*): 200 rounds a second, each a numbered message
# to each of the 2 peers (400 messages/s out per node), every 10th round a 1 KiB request to each
# peer's `echo` handler (40/s), every 50th a broadcast (4/s). Every 30 s every connection is
# reset with `ss -K`.
#
# Nodes: -Xmx256m -XX:MaxDirectMemorySize=128m -XX:+UseSerialGC. Each writes its memory every
# 10 s after a full GC (FAULT-MEMORY: heap after GC, JVM direct buffers, Netty's no-cleaner
# direct memory; `counted` is their sum); the script adds the RSS from /proc and writes
# tcpnet-fault-tests/target/soak-<time>/memory.csv:
#   elapsed_s,node,rss_bytes,heap_after_gc_bytes,direct_bytes,counted_bytes
#
# Rule: per node, fit a least-squares line to `counted` (heap after GC + direct) over the last
# two thirds of the run (the first third is warm-up). The node fails if the slope is above
# SOAK_MAX_SLOPE_MIB_PER_MIN (default 1.0 MiB/min) and the line rises by more than
# SOAK_MIN_GROWTH_MIB (default 4 MiB) over that window: the second term keeps the noise of a short
# run (a few MiB up and down as buffers fill and drain) from passing for a trend. The slope of RSS
# is printed, not judged (the heap may still grow towards -Xmx). The run also fails on an
# OutOfMemoryError or an ERROR line in any node's output, or a duplicate or reordering in what the
# nodes received.
set -euo pipefail

usage() { echo "usage: $0 [--no-build] [DURATION (10m, 180s, 3m, 600)]" >&2; exit 2; }

build=1
duration_arg=10m
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    -h|--help) usage ;;
    *) duration_arg=$arg ;;
  esac
done
case "$duration_arg" in
  *m) duration=$(( ${duration_arg%m} * 60 )) ;;
  *s) duration=${duration_arg%s} ;;
  *) duration=$duration_arg ;;
esac
[[ "$duration" =~ ^[0-9]+$ ]] && [ "$duration" -ge 60 ] && [ "$duration" -le 86400 ] \
  || { echo "soak: DURATION must be 60 s to 24 h, not '$duration_arg'" >&2; exit 2; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="$root/tcpnet-fault-tests/target/tcpnet-fault-driver.jar"
max_slope=${SOAK_MAX_SLOPE_MIB_PER_MIN:-1.0}
min_growth=${SOAK_MIN_GROWTH_MIB:-4}
sample_every=10
reset_every=30

# Outside the namespace: check, build, then run this script again inside a private one.
if [ "${SOAK_IN_NETNS:-}" != 1 ]; then
  [ "$(id -u)" = 0 ] || { echo "soak: needs root (a private network namespace and 'ss -K')" >&2; exit 1; }
  for tool in ip ss unshare awk; do
    command -v "$tool" >/dev/null || { echo "soak: '$tool' is missing (iproute2, util-linux, awk)" >&2; exit 1; }
  done
  if [ "$build" = 1 ]; then
    echo "soak: building $jar ..."
    (cd "$root" && ./mvnw -B -q -pl tcpnet-fault-tests -am package -DskipTests </dev/null)
  fi
  [ -f "$jar" ] || { echo "soak: no $jar: run without --no-build" >&2; exit 1; }
  out="$root/tcpnet-fault-tests/target/soak-$(date +%Y%m%d-%H%M%S)"
  mkdir -p "$out"
  SOAK_IN_NETNS=1 SOAK_OUT=$out exec unshare --net -- "$0" --no-build "${duration}s"
fi

# ---- inside the private namespace ----
out=$SOAK_OUT
ip link set lo up
if [ "$(ip -o link show | wc -l)" != 1 ]; then
  echo "soak: the namespace has interfaces other than lo; refusing" >&2
  exit 1
fi
java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java
cluster="tcpnet-soak-$$"
nodes=(n1 n2 n3)
ports=(47101 47102 47103)
pids=()
last_line=()

stop_all() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 100); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap 'stop_all' EXIT
trap 'exit 130' INT TERM

for i in 0 1 2; do
  seeds=""
  for j in 0 1 2; do
    [ "$j" = "$i" ] || seeds="${seeds:+$seeds,}127.0.0.1:${ports[$j]}"
  done
  "$java_cmd" -Xmx256m -XX:MaxDirectMemorySize=128m -XX:+UseSerialGC -jar "$jar" \
    --tcpnet.node-id="${nodes[$i]}" --tcpnet.cluster="$cluster" \
    --tcpnet.server.address=127.0.0.1 --tcpnet.server.port="${ports[$i]}" \
    --tcpnet.discovery.mdns.enabled=false --tcpnet.discovery.static.peers="$seeds" \
    --fault.stdin-commands=false --fault.max-lifetime="$(( duration + 120 ))s" \
    --fault.memory-interval="${sample_every}s" --fault.summary-interval=60s \
    --fault.dropped-lines-max=100 \
    --fault.load.rate=200 --fault.load.request-every=10 --fault.load.broadcast-every=50 \
    --fault.load.request-size=1024 \
    </dev/null >"$out/${nodes[$i]}.log" 2>&1 &
  pids+=($!)
done
echo "soak: ${#nodes[@]} nodes (pids ${pids[*]}); output in $out"
# The clock starts when every node is up (start-up on a loaded machine takes a while).
for _ in $(seq 1 180); do
  up=0
  for node in "${nodes[@]}"; do grep -qs 'FAULT-READY' "$out/$node.log" && up=$(( up + 1 )); done
  [ "$up" = "${#nodes[@]}" ] && break
  for i in 0 1 2; do
    kill -0 "${pids[$i]}" 2>/dev/null || { echo "soak: node ${nodes[$i]} exited during start-up; see $out/${nodes[$i]}.log" >&2; exit 1; }
  done
  sleep 1
done
[ "$up" = "${#nodes[@]}" ] || { echo "soak: the nodes did not start within 180 s" >&2; exit 1; }
echo "soak: all up; running for ${duration} s"

csv="$out/memory.csv"
echo "elapsed_s,node,rss_bytes,heap_after_gc_bytes,direct_bytes,counted_bytes" >"$csv"
start=$(date +%s)
next_sample=$(( start + sample_every ))
next_reset=$(( start + reset_every ))
resets=0
while :; do
  now=$(date +%s)
  elapsed=$(( now - start ))
  [ "$elapsed" -ge "$duration" ] && break
  for i in 0 1 2; do
    kill -0 "${pids[$i]}" 2>/dev/null || { echo "soak: node ${nodes[$i]} exited early; see $out/${nodes[$i]}.log" >&2; exit 1; }
  done
  if [ "$now" -ge "$next_sample" ]; then
    for i in 0 1 2; do
      rss=$(awk '/^VmRSS:/ { print $2 * 1024 }' "/proc/${pids[$i]}/status" 2>/dev/null || echo 0)
      # The node's own latest sample (it writes one every 10 s), once.
      line=$(grep 'FAULT-MEMORY .*id=periodic' "$out/${nodes[$i]}.log" | tail -n 1 || true)
      if [ -n "$line" ] && [ "$line" != "${last_line[$i]:-}" ]; then
        last_line[$i]=$line
        heap=$(sed -E 's/.* heap=([0-9]+).*/\1/' <<<"$line")
        direct=$(sed -E 's/.* jvmDirect=([0-9]+) nettyNoCleaner=([0-9]+).*/\1 \2/' <<<"$line" | awk '{ print $1 + $2 }')
        counted=$(sed -E 's/.* counted=([0-9]+).*/\1/' <<<"$line")
        echo "$elapsed,${nodes[$i]},$rss,$heap,$direct,$counted" >>"$csv"
      fi
    done
    next_sample=$(( next_sample + sample_every ))
  fi
  if [ "$now" -ge "$next_reset" ]; then
    # Every connection of the namespace (all three pairs): the kernel aborts one end, the
    # other gets a reset.
    killed=$(ss -K -t -n state established 2>/dev/null | grep -c -v '^Recv-Q' || true)
    resets=$(( resets + 1 ))
    echo "soak: t=${elapsed}s reset every connection (ss -K: ${killed} sockets)"
    next_reset=$(( next_reset + reset_every ))
  fi
  sleep 1
done

# ---- verdict ----
failed=0
window_min=$(awk -v d="$duration" 'BEGIN { printf "%.2f", d * 2 / 3 / 60 }')
echo
echo "soak: ${duration} s, ${resets} resets; memory samples in $csv"
for node in "${nodes[@]}"; do
  # Least-squares slope over the last two thirds (x in minutes, y in MiB).
  read -r slope rss_slope first last n <<<"$(awk -F, -v node="$node" -v from="$(( duration / 3 ))" '
    NR > 1 && $2 == node && $1 >= from {
      x = $1 / 60; y = $6 / 1048576; r = $3 / 1048576
      n++; sx += x; sy += y; sxx += x * x; sxy += x * y; sr += r; sxr += x * r
      if (n == 1) first = y; last = y
    }
    END {
      d = n * sxx - sx * sx
      if (n < 3 || d == 0) { print "nan nan 0 0 " n; exit }
      printf "%.3f %.3f %.1f %.1f %d\n", (n * sxy - sx * sy) / d, (n * sxr - sx * sr) / d, first, last, n
    }' "$csv")"
  verdict=ok
  if [ "$slope" = nan ]; then
    verdict="FAIL (only $n samples after warm-up)"
  elif awk -v s="$slope" -v m="$max_slope" -v w="$window_min" -v g="$min_growth" \
      'BEGIN { exit !(s > m && s * w > g) }'; then
    verdict="FAIL (above $max_slope MiB/min, $(awk -v s="$slope" -v w="$window_min" 'BEGIN { printf "%.1f", s * w }') MiB over the window)"
  fi
  [ "$verdict" = ok ] || failed=1
  printf 'soak: %s heap-after-GC+direct: %s -> %s MiB, slope %s MiB/min over %s samples after warm-up (RSS slope %s MiB/min): %s\n' \
    "$node" "$first" "$last" "$slope" "$n" "$rss_slope" "$verdict"
done
for node in "${nodes[@]}"; do
  log="$out/$node.log"
  ooms=$(grep -c 'OutOfMemoryError' "$log" || true)
  errors=$(grep -c -E '^[0-9:.]+ ERROR |^Exception in thread|FAULT-ERROR' "$log" || true)
  load=$(grep 'FAULT-LOAD' "$log" | tail -n 1 | sed -E 's/^FAULT-LOAD t=[0-9]+ //' || true)
  reconnects=$(grep -c 'type=CONNECTED .*reconnect=true' "$log" || true)
  echo "soak: $node: OutOfMemoryError lines $ooms, ERROR lines $errors, reconnections $reconnects; load: ${load:-none}"
  [ "$ooms" = 0 ] && [ "$errors" = 0 ] || failed=1
  # What it received, from the last summary: duplicates and reorderings are never allowed.
  while read -r recv; do
    [ -n "$recv" ] || continue
    from=$(sed -E 's/.* from=([^ ]+).*/\1/' <<<"$recv")
    dup=$(sed -E 's/.* duplicates=([0-9]+).*/\1/' <<<"$recv")
    ooo=$(sed -E 's/.* outOfOrder=([0-9]+).*/\1/' <<<"$recv")
    got=$(sed -E 's/.* received=([0-9]+).*/\1/' <<<"$recv")
    echo "soak: $node received from $from: $got messages, $dup duplicates, $ooo out of order"
    [ "$dup" = 0 ] && [ "$ooo" = 0 ] || failed=1
  done <<<"$(grep 'FAULT-RECV .*run=load ' "$log" | tail -n 2)"
done
if [ "$failed" != 0 ]; then
  echo "soak: FAILED (rule: heap after GC + direct over the last two thirds may not rise faster than $max_slope MiB/min by more than $min_growth MiB; no OOM, ERROR, duplicate or reordering)" >&2
  exit 1
fi
echo "soak: PASSED"
