#!/usr/bin/env bash
# Exam result file benchmark: starts the whole sandbox in one JVM (free ports, a temporary data
# folder), puts one result file of N rows on the exam body's SFTP server and prints the time until
# every attempt is in the CRM and the Salesforce API calls it spent. Never fails on a time.
#   bench/exam-results.sh [N rows, default 10000]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Xmx1g -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  org.memberbus.certification.ExamResultFileBenchmark "$@"
