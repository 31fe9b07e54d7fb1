#!/usr/bin/env bash
# Start-up benchmark: how long the packaged jar takes, in sandbox mode, from launch to ready
# (/actuator/health/readiness UP), and how much resident memory it then holds. Runs a cold start
# (empty data folder: PostgreSQL initdb, Kafka format) and a warm restart on the same folder.
# Prints figures; never fails on a time. Target on 2 cores: under 25 s and under 1 GiB RSS.
#   bench/startup.sh [extra JVM options, e.g. -Xmx512m]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/memberbus.jar
[ -f "$jar" ] || ./mvnw -B -q -DskipTests package
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

run() {
  local label=$1; shift
  local start end pid rss
  start=$(date +%s%N)
  SANDBOX_DATA_DIR="$data" java "$@" -jar "$jar" > "$data/$label.log" 2>&1 &
  pid=$!
  until curl -fs http://localhost:8080/actuator/health/readiness > /dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "$label: the bus exited; see its log:"; tail -20 "$data/$label.log"; exit 1; fi
    sleep 0.2
  done
  end=$(date +%s%N)
  sleep 3   # let start-up's last threads settle before reading memory
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  printf '%-13s ready in %5.1f s   RSS %4d MiB\n' "$label" "$(echo "($end - $start) / 1000000000" | bc -l)" $((rss / 1024))
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

echo "memberbus start-up, sandbox mode, $(nproc) cores, jar $(basename "$jar")"
run cold-start "$@"
run warm-restart "$@"
