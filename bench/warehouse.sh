#!/usr/bin/env bash
# Warehouse ETL benchmark: starts the whole sandbox in one JVM (free ports, a temporary data
# folder), adds EXTRA members to the CRM when asked (98000 for 100,000 members; the simulator seeds
# them in seconds), and prints the full and incremental ETL times and Salesforce calls, and how
# each CRM object was read (REST pages, or a Bulk API 2.0 query job above config/warehouse.yaml's
# bulk threshold). Prints figures; never fails on a time.
#   bench/warehouse.sh [EXTRA members, default 0]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
heap=1g
if [ "${1:-0}" -gt 20000 ]; then heap=3g; fi   # the simulated org holds 100,000 members in memory
java -Xmx$heap -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  org.memberbus.reporting.WarehouseBenchmark "$@"
