#!/usr/bin/env bash
# Build the benchmark module and run the suite: throughput and latency against plain sockets and
# JGroups, cluster formation against Hazelcast, failure detection, heap and threads per node, start-up
# cost of the starter. Prints a table and writes results.json, results.svg and results.md.
#
#   ./scripts/benchmark.sh [--no-build] [--quick] [suite options]
#
# The full run (about 9-10 min on 2 cores, plus 4-7 min for the scale curve) writes docs/benchmarks/,
# which docs/benchmarks.md and the README show; --quick (about 2.5 min) is a smoke run that writes
# tcpnet-benchmarks/target/benchmarks-quick/.
# Run it on a quiet machine (`uptime`), as root if you can: clusters then run with default
# settings inside private loopback-only network namespaces (../shared/tools/netns-run, or
# NETNS_RUN=/path/to/netns-run); otherwise every process is pinned to 127.0.0.1.
# Suite options: java -jar tcpnet-benchmarks/target/tcpnet-benchmarks.jar --help
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="$root/tcpnet-benchmarks/target/tcpnet-benchmarks.jar"
java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java

build=1
if [ "${1:-}" = "--no-build" ]; then
  build=0
  shift
fi
if [ "$build" = 1 ]; then
  echo "building $jar ..."
  (cd "$root" && ./mvnw -B -q -pl tcpnet-benchmarks -am package -DskipTests </dev/null)
fi
[ -f "$jar" ] || { echo "no $jar: run without --no-build" >&2; exit 1; }

cd "$root"
exec "$java_cmd" -jar "$jar" "$@"
