#!/usr/bin/env bash
# Access benchmark (issue 12): starts the whole sandbox in one JVM (free ports on loopback, a
# temporary data folder), waits until it has settled, then loads POST /api/v1/access/decisions with
# hey (a real load tool, its own process) at RATE requests a second for SECONDS and prints p50, p99
# and max, and then the staleness after a CRM change (p50, p95, max over CHANGES status changes made
# in Salesforce, each timed until the decision changes). Prints figures; never fails on a time.
#   bench/access.sh [RATE, default 500] [SECONDS, default 60] [CHANGES, default 300]
#   BENCH_JVM_OPTS adds JVM options (e.g. "-XX:+UseZGC", a flight recording)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v hey >/dev/null; then
  # Debian's package (golang hey); as root on the project's machines
  apt-get install -y -qq hey >/dev/null || { apt-get update -qq && apt-get install -y -qq hey; }
fi
./mvnw -B -q -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Xmx1g ${BENCH_JVM_OPTS:-} -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  org.memberbus.access.AccessBenchmark "$@"
