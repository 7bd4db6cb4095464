#!/usr/bin/env bash
# Measures one tcpnet sender and one receiver for longer than the benchmark suite's windows, so
# that two builds can be compared in alternate runs (A B A B ...) on a noisy machine.
#
#   ./scripts/measure-pair.sh [--jars DIR] [--size BYTES] [--seconds S] [--topic TOPIC]
#
# Two nodes of the benchmark suite (tcpnet-benchmarks.jar, role "node"), launched as the suite
# launches its throughput pair (-Xms1g -Xmx1g -XX:+UseG1GC, server and static discovery on
# 127.0.0.1, no mDNS, no Unix socket, buffer-max 10,000, buffer-max-size 16 MiB). The sender sends
# flat out for 8 s of warm-up, then for S seconds (default 10) measured by the receiver's count.
# Topics: bench-stream (default; TopicStream.send into onMessages, as the README shows it),
# bench-direct (send with a window of 10,000 futures into a TopicListener).
# Prints one line: messages/s over the window, and the CPU time of both processes (user +
# system, from /proc, including the sender's last flush) per message.
# DIR defaults to tcpnet-benchmarks/target (build it with
# ./mvnw -B -q -pl tcpnet-benchmarks -am package -DskipTests); copy it elsewhere to keep a build.
# PAIR_JAVA_OPTS adds JVM options to both nodes (for example a profiler's -agentpath).
# Nothing leaves the machine: every socket is on 127.0.0.1 and discovery is static.
set -euo pipefail

usage() { echo "usage: $0 [--jars DIR] [--size BYTES] [--seconds S] [--topic TOPIC]" >&2; exit 2; }

jars="$(cd "$(dirname "$0")/.." && pwd)/tcpnet-benchmarks/target"
size=64
seconds=10
topic=bench-stream
while [ $# -gt 0 ]; do
  case "$1" in
    --jars) jars=${2:?}; shift ;;
    --size) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || usage; size=$2; shift ;;
    --seconds) [[ "${2:-}" =~ ^[1-9][0-9]?$ ]] || usage; seconds=$2; shift ;;
    --topic) topic=${2:?}; shift ;;
    *) usage ;;
  esac
  shift
done
[ -f "$jars/tcpnet-benchmarks.jar" ] || { echo "no $jars/tcpnet-benchmarks.jar: build it first" >&2; exit 1; }

work=$(mktemp -d)
receiver=; sender=
cleanup() {
  for pid in $sender $receiver; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

common=(--tcpnet.cluster="pair-$$" --spring.main.banner-mode=off --tcpnet.server.address=127.0.0.1
  --tcpnet.discovery.mdns.enabled=false --tcpnet.delivery.buffer-max=10000
  --tcpnet.delivery.buffer-max-size=16777216B --logging.level.root=WARN
  --tcpnet.server.unix-socket.enabled=false)
# shellcheck disable=SC2206
jvm=(-Xms1g -Xmx1g -XX:+UseG1GC ${PAIR_JAVA_OPTS:-})

# Waits up to 60 s for a line starting with $2 in file $1, and prints it.
await_line() {
  for _ in $(seq 600); do
    if grep -q "^$2" "$1"; then grep "^$2" "$1" | tail -1; return; fi
    sleep 0.1
  done
  echo "no '$2' line in $1 within 60 s:" >&2; tail -20 "$1" >&2; exit 1
}

# Waits up to 10 s for the receiver's $1th count line, and prints it.
await_count() {
  for _ in $(seq 100); do
    if [ "$(grep -c "^@count" "$work/receiver.log")" -ge "$1" ]; then
      grep "^@count" "$work/receiver.log" | sed -n "$1p"; return
    fi
    sleep 0.1
  done
  echo "the receiver did not count within 10 s" >&2; exit 1
}

# Both processes' user + system CPU, in clock ticks.
cpu_ticks() {
  echo $(( $(awk '{print $14 + $15}' "/proc/$receiver/stat") + $(awk '{print $14 + $15}' "/proc/$sender/stat") ))
}

mkfifo "$work/receiver.in" "$work/sender.in"
java "${jvm[@]}" -jar "$jars/tcpnet-benchmarks.jar" role node "${common[@]}" \
  < "$work/receiver.in" > "$work/receiver.log" 2>&1 &
receiver=$!
exec 3> "$work/receiver.in"
read -r _ _ receiver_id port _ < <(await_line "$work/receiver.log" @started)

java "${jvm[@]}" -jar "$jars/tcpnet-benchmarks.jar" role node "${common[@]}" \
  --tcpnet.discovery.static.peers="127.0.0.1:$port" < "$work/sender.in" > "$work/sender.log" 2>&1 &
sender=$!
exec 4> "$work/sender.in"
await_line "$work/sender.log" @ready > /dev/null
await_line "$work/sender.log" @connected > /dev/null

echo "send $receiver_id $size 8 10000 $topic" >&4
sleep 9
echo count >&3
read -r _ messages_before _ nanos_before _ < <(await_count 1)
ticks_before=$(cpu_ticks)
echo "send $receiver_id $size $seconds 10000 $topic" >&4
sleep "$seconds"
echo count >&3
read -r _ messages_after _ nanos_after _ < <(await_count 2)
ticks_after=$(cpu_ticks)
echo stop >&3
echo stop >&4
# Let both exit by themselves (a profiler given in PAIR_JAVA_OPTS writes its output then).
for _ in $(seq 300); do
  kill -0 "$receiver" 2>/dev/null || kill -0 "$sender" 2>/dev/null || break
  sleep 0.1
done

hz=$(getconf CLK_TCK)
awk -v m=$(( messages_after - messages_before )) -v n=$(( nanos_after - nanos_before )) \
    -v t=$(( ticks_after - ticks_before )) -v hz="$hz" -v size="$size" -v topic="$topic" 'BEGIN {
  printf "size=%d topic=%s messages/s=%.3fM cpu/message=%.0fns\n", size, topic, m / (n / 1e9) / 1e6, t / hz * 1e9 / m
}'
