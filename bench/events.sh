#!/usr/bin/env bash
# Events benchmark: starts the whole sandbox in one JVM (free ports, a temporary data folder) and
# prints the offer API's p50/p99 under an open-model load of RATE requests a second for SECONDS,
# and a conference-morning check-in burst (CHECKINS QR codes checked in over WINDOW seconds: p50/p99
# until the CRM shows each Attended). Prints figures; never fails on a time.
#   bench/events.sh [RATE 300] [SECONDS 30] [CHECKINS 2000] [WINDOW 600]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Xmx1g -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  org.memberbus.events.EventsBenchmark "$@"
