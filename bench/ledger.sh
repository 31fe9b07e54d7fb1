#!/usr/bin/env bash
# Ledger benchmark: starts the whole sandbox in one JVM (free ports, a temporary data folder), with
# the accounting simulator's rate limits on (500 calls a minute like QuickBooks Online, 20 a
# second), sends N signed gateway payment webhooks and prints journal entries per second end to
# end and accounting API calls per 1,000 payments. Prints figures; never fails on a time.
#   bench/ledger.sh [N payments, default 1000]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Xmx1g -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  org.memberbus.finance.ledger.LedgerBenchmark "$@"
