#!/usr/bin/env bash
# Crash harness: starts the sandbox jar in the partners role and the production jar beside it
# (free ports, a fresh data folder under target/crash-harness/), drives EVENTS mixed member events
# through the simulators' APIs (joins and declined payments, renewals, CRM edits, profile edits
# on the community, edits of CRM-owned fields), kills the bus with SIGKILL KILLS times at random
# moments and stops it once with SIGTERM, restarting it each time on the same data; then waits
# until everything has settled and compares what every partner holds with what the inputs call
# for. Prints events sent, kills, lost and duplicated effects (which, and examples), time to settle.
#   bench/crash-harness.sh [EVENTS, default 10000] [KILLS, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests package
./mvnw -B -q -Pproduction -DskipTests package
./mvnw -B -q -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Xmx512m -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  org.memberbus.crash.CrashHarness "$@"
