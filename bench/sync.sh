#!/usr/bin/env bash
# Sync benchmark: starts the whole sandbox in one JVM (free ports, a temporary data folder) and
# prints what the member reconciliation of the 2,000 demo members costs (time, Salesforce API
# calls on the org's own counter; first run with every member new to the ledger, then a second
# run) and the CRM -> community sync lag (p50, p95, max) over N membership changes made by staff
# through Salesforce's REST API (target: under 5 s). Prints figures; never fails on a time.
#   bench/sync.sh [N changes, default 50]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Xmx1g -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  org.memberbus.member.reconcile.SyncBenchmark "$@"
