package org.memberbus.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.KafkaProbe;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The warehouse's facts from the ledger, the community and the bus's Kafka facts, driven from
 * outside (entries posted at the accounting system, members active on the portal, facts on the
 * bus's topics as its flows publish them) and read as an analyst reads them (SQL on the
 * {@code warehouse} schema); replays change nothing; a data-quality failure reaches the data team once.
 */
@SandboxTest
class WarehouseFactsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired PartnerProbe partners;
    @Autowired JdbcTemplate jdbc;
    @Value("${memberbus.kafka.brokers}") String brokers;
    @Value("${memberbus.accounting.url}") String accounting;
    @Value("${memberbus.community.url}") String community;

    final HttpClient http = HttpClient.newHttpClient();

    JsonNode run(String mode) throws Exception {
        var response = new BusClient(port).postAs(BusClient.OPS, "/api/v1/jobs/warehouse-etl/run?mode=" + mode, "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    JsonNode call(String method, String url, String key, String keyHeader, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).header(keyHeader, key).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + url + ": " + response.body()).isLessThan(300);
        return JSON.readTree(response.body());
    }

    JsonNode ledger(String method, String path, String body) throws Exception {
        return call(method, accounting + path, "accounting-sandbox-key", "X-Api-Key", body);
    }

    JsonNode communityApi(String method, String path) throws Exception {
        return call(method, community + path, "community-sandbox-key", "X-Api-Key", null);
    }

    /** A group's name (the seed's have spaces) as a path segment. */
    static String path(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String tag() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    // ---------------------------------------------------------------- the ledger

    @Test
    void journalEntriesAndTheirReversalAppearOnceAfterRunsAndAFullReplay() throws Exception {
        var reference = "wh-facts-" + tag();
        var entry = ledger("POST", "/api/v1/journal-entries", """
                {"date":"%s","externalReference":"%s","memo":"warehouse test","lines":[
                  {"account":"1000","debit":250.75},{"account":"4300","credit":250.75}]}"""
                .formatted(LocalDate.now(), reference));
        var id = entry.path("id").asText();

        var report = run("incremental");
        assertThat(jdbc.queryForList("SELECT account_code, debit_cents, credit_cents, status FROM warehouse.fact_ledger_line "
                + "WHERE entry_id = ? ORDER BY line_number", id)).containsExactly(
                Map.of("account_code", "1000", "debit_cents", 25075L, "credit_cents", 0L, "status", "posted"),
                Map.of("account_code", "4300", "debit_cents", 0L, "credit_cents", 25075L, "status", "posted"));
        assertThat(report.path("tables").path("warehouse.fact_ledger_line").path("written").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(report.path("freshness").has("warehouse.fact_ledger_line")).isTrue();
        // the ledger's names of its accounts, beside what the bus books there
        assertThat(jdbc.queryForObject("SELECT account_name FROM warehouse.dim_gl_account WHERE account_code = '4300'",
                String.class)).isEqualTo("Donations");
        // revenue by month and account, as an analyst queries it
        assertThat(count("SELECT net_credit_cents FROM warehouse.v_ledger_month_account WHERE account_code = '4300' "
                + "AND month = date_trunc('month', current_date)::date")).isGreaterThanOrEqualTo(25075L);

        // the accounting staff reverse it: the mirror comes, the original is marked
        var mirror = ledger("POST", "/api/v1/journal-entries/" + id + "/reverse", "{}").path("id").asText();
        run("incremental");
        assertThat(count("SELECT count(*) FROM warehouse.fact_ledger_line WHERE entry_id = ? AND status = 'reversed'", id))
                .isEqualTo(2);
        assertThat(count("SELECT sum(credit_cents) - sum(debit_cents) FROM warehouse.fact_ledger_line "
                + "WHERE entry_id IN (?, ?) AND account_code = '4300'", id, mirror)).isZero();

        // a full run reads the whole journal again: nothing is doubled, nothing unchanged rewritten
        long lines = count("SELECT count(*) FROM warehouse.fact_ledger_line");
        var loaded = jdbc.queryForList("SELECT entry_id, line_number, loaded_at FROM warehouse.fact_ledger_line "
                + "WHERE entry_id IN (?, ?) ORDER BY 1, 2", id, mirror);
        var full = run("full");
        assertThat(jdbc.queryForList("SELECT entry_id, line_number, loaded_at FROM warehouse.fact_ledger_line "
                + "WHERE entry_id IN (?, ?) ORDER BY 1, 2", id, mirror)).hasSize(4).isEqualTo(loaded);
        assertThat(full.path("tables").path("warehouse.fact_ledger_line").path("read").asLong()).isGreaterThanOrEqualTo(lines);
    }

    // ---------------------------------------------------------------- the community

    @Test
    void engagementAndGroupMembershipComeFromTheCommunity() throws Exception {
        var accounts = communityApi("GET", "/api/v1/accounts?status=ACTIVE&size=50").path("data");
        JsonNode member = null;
        for (var a : accounts) {
            if (a.hasNonNull("crmContactId") && !a.hasNonNull("suspension")
                    && ("MEMBER".equals(a.path("accessLevel").asText()) || "PREMIUM".equals(a.path("accessLevel").asText()))) {
                member = a;
                break;
            }
        }
        assertThat(member).as("an active member with a CRM id on the community").isNotNull();
        var accountId = member.path("id").asText();

        // the member posts on the portal: the webhook's fact reaches the warehouse through Kafka
        var event = partners.communityActivity(accountId, "post.created", "{\"title\":\"warehouse\"}").path("event");
        var eventId = event.path("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                count("SELECT count(*) FROM warehouse.fact_engagement_activity WHERE event_id = ?", eventId) == 1);
        assertThat(jdbc.queryForMap("SELECT member_id, community_account_id, activity_type FROM warehouse.fact_engagement_activity "
                + "WHERE event_id = ?", eventId)).containsEntry("member_id", member.path("crmContactId").asText())
                .containsEntry("community_account_id", accountId).containsEntry("activity_type", "post.created");

        // the run reads the community's counters and groups through its API
        var groups = communityApi("GET", "/api/v1/groups").path("data");
        long listed = 0;
        String someGroup = null;
        String someAccount = null;
        for (var g : groups) {
            listed += g.path("members").asLong();
            if (someGroup == null && g.path("members").asLong() > 0) {
                someGroup = g.path("name").asText();
                someAccount = communityApi("GET", "/api/v1/groups/" + path(someGroup) + "/members").path("data").path(0)
                        .path("accountId").asText();
            }
        }
        var report = run("incremental");
        assertThat(jdbc.queryForMap("SELECT member_id, posts_90d FROM warehouse.fact_community_engagement_daily "
                + "WHERE community_account_id = ? AND day = current_date", accountId))
                .containsEntry("member_id", member.path("crmContactId").asText())
                .satisfies(row -> assertThat(((Number) row.get("posts_90d")).intValue()).isPositive());
        assertThat(count("SELECT count(*) FROM warehouse.fact_group_membership WHERE left_at IS NULL")).isEqualTo(listed);
        assertThat(report.path("freshness").has("warehouse.fact_group_membership")).isTrue();
        assertThat(report.path("tables").path("warehouse.fact_engagement_activity").path("written").asLong()).isPositive();

        // a member leaves a group on the community: the next run keeps the membership, ended
        assertThat(someGroup).as("a seeded group with members").isNotNull();
        var leave = http.send(HttpRequest.newBuilder(URI.create(community + "/api/v1/groups/" + path(someGroup) + "/members/"
                + someAccount)).header("X-Api-Key", "community-sandbox-key").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(leave.statusCode()).isEqualTo(204);
        run("incremental");
        assertThat(count("SELECT count(*) FROM warehouse.fact_group_membership WHERE group_name = ? "
                + "AND community_account_id = ? AND left_at IS NOT NULL", someGroup, someAccount)).isEqualTo(1);

        // the activity's Kafka record delivered again (a replay): still one row
        replayAndWait("community.activity", eventId, member.path("crmContactId").asText());
        assertThat(count("SELECT count(*) FROM warehouse.fact_engagement_activity WHERE event_id = ?", eventId)).isEqualTo(1);
    }

    // ---------------------------------------------------------------- the bus's facts on Kafka

    @Test
    void theBusFactsOnKafkaAppearOnceEvenWhenDeliveredAgain() throws Exception {
        // health scores from the sandbox's own start-up scoring are there already
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM warehouse.fact_health_change") > 0);

        var t = tag();
        var member = "003TEST" + t.substring(0, 8).toUpperCase();
        var event = "a0ETEST" + t.substring(0, 8).toUpperCase();
        var now = Instant.now();
        var facts = new String[][] {
                {"health.changed", "health:" + member + ":1", """
                        {"memberId":"%s","score":71,"band":"healthy","trend":{"direction":"up","delta":4,"previousScore":67,"windowDays":30},
                         "modelVersion":"test","asOf":"%s","scoredAt":"%s","cause":"test"}""".formatted(member, LocalDate.now(), now)},
                {"ce.credit", "ce-" + t, """
                        {"activityId":"ce-%s","crmContactId":"%s","category":"ethics","credits":2.5,"earnedOn":"%s","cycleEarned":12.5,"required":40}"""
                        .formatted(t, member, LocalDate.now())},
                {"exam.result", "res-" + t, """
                        {"resultId":"res-%s","crmContactId":"%s","examCode":"WH-TEST","takenAt":"%s","outcome":"PASS","score":82,
                         "passingScore":70,"channel":"webhook"}""".formatted(t, member, now)},
                {"certification.awarded", "cert-" + t + ":" + LocalDate.now(), """
                        {"certificationKey":"cert-%s","crmContactId":"%s","examCode":"WH-TEST","program":"Warehouse test","resultId":"res-%s",
                         "awardedOn":"%s","expiresOn":"%s","badgeUrl":"http://x"}"""
                        .formatted(t, member, t, LocalDate.now(), LocalDate.now().plusDays(60))},
                {"registration.created", null, """
                        {"type":"registration.created","registrationKey":"reg-%s","crmContactId":"%s","crmEventId":"%s","status":"Registered",
                         "waitlistPosition":null,"amount":4500,"at":"%s"}""".formatted(t, member, event, now)},
                {"attendance.recorded", null, """
                        {"type":"attendance.recorded","registrationKey":"reg-%s","crmContactId":"%s","crmEventId":"%s","checkedInAt":"%s",
                         "source":"kiosk"}""".formatted(t, member, event, now)},
                {"ceu.awarded", null, """
                        {"type":"ceu.awarded","crmContactId":"%s","crmEventId":"%s","credits":1.5,"rule":"attended"}"""
                        .formatted(member, event)}};
        // each fact twice, as a redelivery after a crash sends it
        for (int i = 0; i < 2; i++) {
            for (var f : facts) {
                send(f[0], member, f[1], f[2]);
            }
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(count("SELECT count(*) FROM warehouse.fact_health_change WHERE member_id = ?", member)).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM warehouse.fact_ce_credit WHERE member_id = ?", member)).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM warehouse.fact_exam_attempt WHERE member_id = ?", member)).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM warehouse.fact_certification WHERE member_id = ?", member)).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM warehouse.fact_registration WHERE member_id = ?", member)).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM warehouse.fact_attendance WHERE member_id = ?", member)).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM warehouse.fact_ceu_award WHERE member_id = ?", member)).isEqualTo(1);
        });
        // the second copies were read too (a marker behind them, same member, same partition) and counted nothing
        var marker = "health:" + member + ":2";
        send("health.changed", member, marker, facts[0][2].replace("\"score\":71", "\"score\":60"));
        await().atMost(Duration.ofSeconds(60)).until(() ->
                count("SELECT count(*) FROM warehouse.fact_health_change WHERE event_id = ?", marker) == 1);
        for (var table : new String[] {"fact_ce_credit", "fact_exam_attempt", "fact_certification", "fact_registration",
                "fact_attendance", "fact_ceu_award"}) {
            assertThat(count("SELECT count(*) FROM warehouse." + table + " WHERE member_id = ?", member)).as(table).isEqualTo(1);
        }
        assertThat(count("SELECT count(*) FROM warehouse.fact_health_change WHERE member_id = ?", member)).isEqualTo(2);

        // the run's report counts what streamed in and says how fresh each table is
        var report = run("incremental");
        for (var table : new String[] {"fact_health_change", "fact_ce_credit", "fact_exam_attempt", "fact_certification",
                "fact_registration", "fact_attendance", "fact_ceu_award"}) {
            assertThat(report.path("freshness").has("warehouse." + table)).as(table).isTrue();
            assertThat(report.path("tables").has("warehouse." + table)).as(table).isTrue();
        }
        // and the reports the facts feed see them
        var pipeline = new BusClient(port).get("/api/v1/reports/certification-pipeline/download?format=csv", BusClient.OPS);
        assertThat(pipeline.statusCode()).isEqualTo(200);
        assertThat(pipeline.body()).contains("WH-TEST,Warehouse test,1,1,0,0,100");
        var attendance = new BusClient(port).get("/api/v1/reports/event-attendance-and-ceus/download?format=csv", BusClient.OPS);
        assertThat(attendance.body()).contains(event + "," + LocalDate.now() + ",1,0,0,1,1,1.5");
    }

    // ---------------------------------------------------------------- data quality

    @Test
    void aMonthWhoseLedgerAndCrmTotalsDisagreeIsFlaggedAndSentToTheDataTeamOnce() throws Exception {
        var t = tag();
        // a month of its own, far ahead, so no other payment falls in it
        int year = 2035 + (int) (Math.abs(t.hashCode()) % 24);
        int month = 1 + (int) (Math.abs(t.hashCode() / 24) % 12);
        var day = LocalDate.of(year, month, 10);
        var record = "%d-%02d".formatted(year, month);
        ledger("POST", "/api/v1/journal-entries", """
                {"date":"%s","externalReference":"dq-%s:payment","memo":"dues","lines":[
                  {"account":"1100","debit":100.00},{"account":"4300","credit":100.00}]}""".formatted(day, t));
        var payment = partners.createSObject("Payment__c", """
                {"Amount__c":90.0,"Type__c":"Donation","Status__c":"Succeeded","Gateway_Payment_Id__c":"pi_dq_%s",
                 "Paid_At__c":"%sT12:00:00.000+0000"}""".formatted(t, day));

        var report = run("incremental");
        assertThat(report.path("dataQuality").path("ledger-vs-crm-monthly-totals").path("failing").asLong()).isPositive();
        var issue = jdbc.queryForMap("SELECT detail, notice_key, notified_at FROM warehouse.dq_issue "
                + "WHERE check_name = 'ledger-vs-crm-monthly-totals' AND record_id = ? AND resolved_at IS NULL", record);
        assertThat(issue.get("detail")).isEqualTo("ledger received 100.00, CRM payments 90.00 in " + record);
        var key = (String) issue.get("notice_key");
        assertThat(key).startsWith("dq:ledger-vs-crm-monthly-totals:");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                partners.soql("SELECT Id, Subject, Description FROM Task WHERE Bus_Key__c = '" + key + "'").path("records"))
                .singleElement().satisfies(task -> assertThat(task.path("Description").asText()).contains(record)));

        // the next run finds it again: flagged still, told no more
        run("incremental");
        var again = jdbc.queryForMap("SELECT notice_key, notified_at FROM warehouse.dq_issue "
                + "WHERE check_name = 'ledger-vs-crm-monthly-totals' AND record_id = ? AND resolved_at IS NULL", record);
        assertThat(again).isEqualTo(Map.of("notice_key", key, "notified_at", issue.get("notified_at")));
        assertThat(partners.soql("SELECT COUNT() FROM Task WHERE Bus_Key__c = '" + key + "'").path("totalSize").asLong())
                .isEqualTo(1);
        var open = JSON.readTree(new BusClient(port).get("/api/v1/data-quality?limit=1000", BusClient.OPS).body());
        assertThat(KpisAndDataQualityTest.records(open, "ledger-vs-crm-monthly-totals")).contains(record);

        // the CRM is corrected: the month is resolved
        partners.updateSObject("Payment__c", payment, "{\"Amount__c\":100.0}");
        run("incremental");
        assertThat(count("SELECT count(*) FROM warehouse.dq_issue WHERE check_name = 'ledger-vs-crm-monthly-totals' "
                + "AND record_id = ? AND resolved_at IS NOT NULL", record)).isEqualTo(1);
    }

    // ---------------------------------------------------------------- helpers

    void send(String topic, String key, String eventId, String body) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new StringSerializer(), new StringSerializer())) {
            var record = new ProducerRecord<>(topic, key, body);
            if (eventId != null) {
                record.headers().add("eventId", eventId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            producer.send(record).get();
        }
    }

    /** The topic's record with this event id sent again, then a marker behind it on the same partition waited for. */
    void replayAndWait(String topic, String eventId, String key) throws Exception {
        var record = KafkaProbe.readAll(brokers, topic).stream()
                .filter(r -> eventId.equals(KafkaProbe.header(r, "eventId"))).findFirst().orElseThrow();
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new StringSerializer(), new StringSerializer())) {
            var again = new ProducerRecord<>(topic, record.key(), record.value());
            record.headers().forEach(h -> again.headers().add(h));
            producer.send(again).get();
            var markerId = "evt_marker_" + tag();
            var marker = JSON.readTree(record.value());
            ((com.fasterxml.jackson.databind.node.ObjectNode) marker).put("id", markerId);
            var next = new ProducerRecord<>(topic, record.key(), marker.toString());
            next.headers().add("eventId", markerId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            next.headers().add("eventType", record.headers().lastHeader("eventType").value());
            producer.send(next).get();
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    count("SELECT count(*) FROM warehouse.fact_engagement_activity WHERE event_id = ?", markerId) == 1);
        }
    }
}
