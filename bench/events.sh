#!/usr/bin/env bash
# Events benchmark: starts the whole sandbox in one JVM (free ports on loopback, a temporary data
# folder) and prints the offer API's p50/p99 under load from hey (a real load tool, its own process)
# at RATE requests a second for SECONDS with the community's API key, and a conference-morning
# check-in burst (CHECKINS QR codes checked in by a kiosk over WINDOW seconds: p50/p99 until the CRM
# shows each Attended). Bounded in count and time. Prints figures; never fails on a time.
#   bench/events.sh [RATE 300] [SECONDS 30] [CHECKINS 2000] [WINDOW 600]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v hey >/dev/null; then
  # Debian's package (golang hey); as root on the project's machines
  apt-get install -y -qq hey >/dev/null || { apt-get update -qq && apt-get install -y -qq hey; }
fi
./mvnw -B -q -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Xmx1g -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  org.memberbus.events.EventsBenchmark "$@"
