#!/usr/bin/env bash
# Member-health benchmark: how fast the health flow scores the 2,000 demo members, and what the
# daily job costs in Salesforce API calls. Starts the packaged jar in sandbox mode (fresh data
# folder), waits for the start-up backfill, then runs the daily re-score through the API:
#   1. as every night (nothing changed since the backfill: read, score, compare),
#   2. forced (every member counts as changed: 2,000 CRM contacts written, 2,000 health.changed
#      facts published), the worst case of a night.
# For each run it prints members scored per second by the model alone (scoring), by the processor
# (snapshots loaded, scored, compared, recorded in PostgreSQL), and end to end (with the Kafka
# facts and the CRM writes), and the Salesforce API calls spent, from the job's own report and as
# the Salesforce simulator counted them. Prints figures; never fails on a time.
# Target on 2 cores: 2,000 members under 20 s end to end and under 40 Salesforce calls.
#   bench/health.sh [extra JVM options, e.g. -Xmx512m]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/memberbus.jar
[ -f "$jar" ] || ./mvnw -B -q -DskipTests package
data=$(mktemp -d)
port=${SERVER_PORT:-8080}
sf=http://localhost:${SANDBOX_SALESFORCE_PORT:-8091}
bus=http://localhost:$port
auth=ops:sandbox
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT

SANDBOX_DATA_DIR="$data" SERVER_PORT=$port java "$@" -jar "$jar" > "$data/bus.log" 2>&1 &
pid=$!
until curl -fs "$bus/actuator/health/readiness" > /dev/null 2>&1; do
  if ! kill -0 "$pid" 2>/dev/null; then echo "the bus exited; see its log:"; tail -20 "$data/bus.log"; exit 1; fi
  sleep 0.5
done
printf 'waiting for the start-up backfill'
until curl -fs -u "$auth" "$bus/api/v1/cs-marketing/health/jobs?job=backfill" | grep -q '"scored"'; do
  printf '.'; sleep 1
done
echo

field() { python3 -c "import json,sys; r=json.load(sys.stdin); r=r[0] if isinstance(r,list) else r; print(r$1)"; }
calls() { curl -fs "$sf/__sandbox/api-calls" | field "['total']"; }

report() {
  local label=$1 json=$2 spent=$3
  printf '%-22s %5s members, %5s changed | scoring %9s/s | processor %7s/s | end to end %6s/s in %5.1f s | Salesforce calls: %s (job), %s (simulator)\n' \
    "$label" "$(echo "$json" | field "['scored']")" "$(echo "$json" | field "['changed']")" \
    "$(echo "$json" | field "['scoredPerSecondScoring']")" "$(echo "$json" | field "['scoredPerSecondProcessor']")" \
    "$(echo "$json" | field "['scoredPerSecondEndToEnd']")" \
    "$(echo "$json" | field "['totalMillis']/1000")" "$(echo "$json" | field "['crmCalls']")" "$spent"
}

echo "memberbus member health, sandbox mode, $(nproc) cores, jar $(basename "$jar")"
report "backfill (at start)" "$(curl -fs -u "$auth" "$bus/api/v1/cs-marketing/health/jobs?job=backfill")" "-"
for run in nightly forced; do
  force=false; [ "$run" = forced ] && force=true
  before=$(calls)
  json=$(curl -fs -u "$auth" -X POST "$bus/api/v1/cs-marketing/health/rescore?force=$force")
  after=$(calls)
  report "daily re-score, $run" "$json" "$((after - before))"
done
