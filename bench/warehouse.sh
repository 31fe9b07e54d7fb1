#!/usr/bin/env bash
# Warehouse ETL benchmark: starts the whole sandbox in one JVM (free ports, a temporary data
# folder), adds EXTRA members to the CRM when asked (98000 for 100,000 members), and prints the
# full and incremental ETL times and Salesforce calls. Prints figures; never fails on a time.
#   bench/warehouse.sh [EXTRA members, default 0]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Xmx1g -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  org.memberbus.reporting.WarehouseBenchmark "$@"
