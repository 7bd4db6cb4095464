#!/usr/bin/env bash
# Checks that the build is reproducible: builds the published artifacts twice from clean and
# compares every jar (main, sources, javadoc) byte for byte. project.build.outputTimestamp in
# the parent POM fixes the time of every archive entry; anything else that differs between
# two builds (a build time, a host name, an unordered listing) shows up here.
#
#   ./scripts/check-reproducible.sh
#
# Exits 0 when both builds gave identical jars, 1 otherwise (the differing jars are listed).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
modules=(tcpnet-dependencies tcpnet-spring-boot-autoconfigure tcpnet-spring-boot-starter tcpnet-spring-boot-test tcpnet-spring-cloud)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

build() {
  local name="$1"
  echo "Build $name (clean package of ${modules[*]})"
  # Style checks and tests do not change the jars; they are left out to save time.
  ./mvnw -B -q clean package -DskipTests -Dcheckstyle.skip -Dspring-javaformat.skip \
    -pl "$(IFS=,; echo "${modules[*]}")" -am </dev/null
  mkdir -p "$work/$name"
  for module in "${modules[@]}"; do
    for jar in "$module"/target/*.jar; do
      [ -e "$jar" ] && cp "$jar" "$work/$name/"
    done
  done
  (cd "$work/$name" && sha256sum -- *.jar) >"$work/$name.sha256"
}

build first
# A second later, so that anything that records the build time would differ.
sleep 1
build second

echo
cat "$work/first.sha256"
echo
if diff -u "$work/first.sha256" "$work/second.sha256"; then
  echo "Reproducible: $(wc -l <"$work/first.sha256") jars identical in two clean builds"
else
  echo "NOT reproducible: the jars above differ between two clean builds" >&2
  exit 1
fi
