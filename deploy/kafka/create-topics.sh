#!/bin/sh
# memberbus: the Kafka topics it needs, for clusters where the bus may not create topics
# (KAFKA_CREATE_TOPICS=false). Same values as memberbus.kafka.topic-setup in production:
# 6 partitions (keyed by member: add partitions only with the bus stopped and drained),
# replication factor 3, retention 14 days. Names: memberbus.topics.* and memberbus.health.topics.*.
#   BOOTSTRAP=broker:9093 COMMAND_CONFIG=admin.properties ./create-topics.sh
set -eu
: "${BOOTSTRAP:?set BOOTSTRAP to the cluster's bootstrap servers}"
PARTITIONS="${KAFKA_TOPIC_PARTITIONS:-6}"
REPLICATION="${KAFKA_REPLICATION_FACTOR:-3}"
RETENTION_MS="${RETENTION_MS:-1209600000}"
for topic in community.activity payment.events exam.results crm.changes health.changed renewal.risk.changes; do
  kafka-topics.sh --bootstrap-server "$BOOTSTRAP" ${COMMAND_CONFIG:+--command-config "$COMMAND_CONFIG"} \
    --create --if-not-exists --topic "$topic" --partitions "$PARTITIONS" \
    --replication-factor "$REPLICATION" --config retention.ms="$RETENTION_MS"
done
