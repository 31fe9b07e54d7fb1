package org.memberbus.certification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * Certification across the whole bus, driven from outside as the exam body does it: result files
 * put on its SFTP server with a real SFTP client, signed result webhooks; the test looks at what
 * the CRM, the community, the marketing system, Kafka and the public badge URL end up holding.
 * Each test has its own demo members (contact numbers 1900 and up) and result ids.
 */
@SandboxTest
class CertificationFlowTest {

    static final Duration FLOW = Duration.ofSeconds(60);
    static SshClient ssh;

    @LocalServerPort int port;
    @Value("${sandbox.exams.sftp-port}") int sftpPort;
    @Value("${memberbus.kafka.brokers}") String brokers;
    @Value("${memberbus.community.url}") String communityUrl;
    @Value("${memberbus.exams.webhook-secret}") String examsSecret;
    @Value("${memberbus.salesforce.login-url}") String salesforceUrl;
    @Value("${memberbus.gateway.url}") String gatewayUrl;
    @Value("${memberbus.gateway.api-key}") String gatewayKey;
    @Value("${memberbus.exams.url}") String examsUrl;
    @Value("${memberbus.exams.api-key}") String examsKey;
    @Value("${memberbus.accounting.url}") String accountingUrl;
    @Autowired PartnerProbe partners;
    @Autowired JdbcTemplate jdbc;
    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void sshClient() {
        ssh = SshClient.setUpDefaultClient();
        ssh.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        ssh.start();
    }

    @AfterAll
    static void stopSsh() {
        ssh.stop();
    }

    static String contact(int n) {
        return "003DM%010dAAA".formatted(n);
    }

    static String member(int n) {
        return "M%06d".formatted(n);
    }

    BusClient bus() {
        return new BusClient(port);
    }

    SftpClient sftp() throws IOException {
        var session = ssh.connect("exams", "127.0.0.1", sftpPort).verify(Duration.ofSeconds(5)).getSession();
        session.addPasswordIdentity("sandbox");
        session.auth().verify(Duration.ofSeconds(5));
        return SftpClientFactory.instance().createSftpClient(session).singleSessionInstance();
    }

    List<String> list(SftpClient sftp, String dir) throws IOException {
        return StreamSupport.stream(sftp.readDir(dir).spliterator(), false).map(SftpClient.DirEntry::getFilename).toList();
    }

    /** Puts a file the way an exam body does: under a dot-name, then renamed into place. */
    void put(String name, String content) throws IOException {
        try (var sftp = sftp()) {
            try (var out = sftp.write("/outbox/." + name + ".part")) {
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)).transferTo(out);
            }
            sftp.rename("/outbox/." + name + ".part", "/outbox/" + name);
        }
    }

    void awaitDone(String name) {
        await().atMost(FLOW).untilAsserted(() -> {
            try (var sftp = sftp()) {
                assertThat(list(sftp, "/outbox")).doesNotContain(name);
                assertThat(list(sftp, "/outbox/.done")).contains(name);
            }
        });
    }

    HttpResponse<String> webhook(String resultId, int contact, String exam, int score, int passing, Instant takenAt)
            throws Exception {
        var body = json.writeValueAsString(java.util.Map.of("id", "evt_" + UUID.randomUUID(), "type", "exam.result",
                "created", Instant.now().toString(), "data", java.util.Map.of("resultId", resultId,
                        "crmContactId", contact(contact), "examCode", exam, "score", score, "passingScore", passing,
                        "passed", score >= passing, "takenAt", takenAt.toString())));
        long t = Instant.now().getEpochSecond();
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(examsSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        var sig = "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        return bus().post("/webhooks/exams", body, "X-Exam-Signature", sig);
    }

    JsonNode attempts(String resultIdPrefix) {
        return partners.soql("SELECT Id, Result_Id__c, Contact__c, Outcome__c, Score__c, Passed__c, Exam_Code__c "
                + "FROM Exam_Attempt__c WHERE Result_Id__c LIKE '" + resultIdPrefix + "%'").path("records");
    }

    JsonNode certifications(int contact) {
        return partners.soql("SELECT Id, Certification_Key__c, Status__c, Program__c, Awarded_Date__c, "
                + "Expiration_Date__c, Badge_Url__c FROM Certification__c WHERE Contact__c = '" + contact(contact) + "'")
                .path("records");
    }

    long facts(String topic, String contains) {
        return KafkaProbe.readAll(brokers, topic).stream().filter(r -> r.value().contains(contains)).count();
    }

    JsonNode communityBadges(int contact) throws Exception {
        var account = partners.soql("SELECT Community_Id__c FROM Contact WHERE Id = '" + contact(contact) + "'")
                .at("/records/0/Community_Id__c").asText();
        var response = http.send(HttpRequest.newBuilder(URI.create(communityUrl + "/api/v1/accounts/" + account + "/badges"))
                .header("X-Api-Key", "community-sandbox-key").GET().build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body()).path("data");
    }

    boolean campaign(int contact, String name) {
        return StreamSupport.stream(partners.campaignsTriggered(contact(contact)).spliterator(), false)
                .anyMatch(t -> name.equals(t.path("campaign").asText()));
    }

    /** The certificate files (ContentVersion) published on a CRM record. */
    JsonNode crmFiles(String recordId) {
        return partners.soql("SELECT Id, ContentDocumentId, PathOnClient, ContentSize, Checksum, VersionNumber, IsLatest "
                + "FROM ContentVersion WHERE FirstPublishLocationId = '" + recordId + "'").path("records");
    }

    /** Every version of the document first published on a CRM record, and the record's links to documents. */
    JsonNode crmFileVersions(String recordId) {
        var document = crmFiles(recordId).path(0).path("ContentDocumentId").asText();
        return partners.soql("SELECT Id, PathOnClient, VersionNumber, IsLatest FROM ContentVersion WHERE ContentDocumentId = '"
                + document + "'").path("records");
    }

    long crmFileLinks(String recordId) {
        return partners.soql("SELECT Id FROM ContentDocumentLink WHERE LinkedEntityId = '" + recordId + "'").path("records").size();
    }

    static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
    }

    /** The member's health signal as the bus's CS API explains the score (NaN when the model has no value). */
    double healthSignal(int contact, String signal) throws Exception {
        var health = json.readTree(bus().get("/api/v1/cs-marketing/health/" + contact(contact), BusClient.OPS).body());
        for (var c : health.path("contributions")) {
            if (c.path("signal").asText().equals(signal)) {
                return c.path("value").isNull() || c.path("value").isMissingNode() ? Double.NaN : c.path("value").asDouble();
            }
        }
        return Double.NaN;
    }

    /** What the member's community account shows to renew. */
    JsonNode communityRenewals(int contact) throws Exception {
        var account = partners.soql("SELECT Community_Id__c FROM Contact WHERE Id = '" + contact(contact) + "'")
                .at("/records/0/Community_Id__c").asText();
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create(communityUrl + "/api/v1/accounts/" + account
                + "/certification-renewals")).header("X-Api-Key", "community-sandbox-key").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("data");
    }

    /**
     * Puts a Kafka record already read back on its topic (a redelivery after a crash), and waits
     * until {@code group} has read and committed past it.
     */
    void redeliver(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record, String group) throws Exception {
        org.apache.kafka.clients.producer.RecordMetadata sent;
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(java.util.Map.of(
                "bootstrap.servers", brokers), new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            var again = new org.apache.kafka.clients.producer.ProducerRecord<>(record.topic(), record.key(), record.value());
            record.headers().forEach(h -> again.headers().add(h));
            sent = producer.send(again).get();
        }
        try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.<String, Object>of("bootstrap.servers", brokers))) {
            var partition = new org.apache.kafka.common.TopicPartition(sent.topic(), sent.partition());
            await().atMost(FLOW).until(() -> {
                var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(partition);
                return committed != null && committed.offset() > sent.offset();
            });
        }
    }

    @Test
    void aResultFileDroppedOnSftpBecomesAttemptsOnceWithItsMalformedRowQuarantined() throws Exception {
        // member 1901 holds CAP-101 in the demo org already (a record without the bus's key): it is
        // adopted, not doubled
        var run = "T" + UUID.randomUUID().toString().substring(0, 8);
        var day = LocalDate.now().minusDays(1);
        var name = "results-" + run + ".csv";
        var content = ResultFileReader.HEADER + "\n"
                + run + "-1," + member(1901) + "," + contact(1901) + ",CAP-101," + day + ",91,70,PASS\n"
                + run + "-2," + member(1902) + "," + contact(1902) + ",CDS-201," + day + ",40,75,FAIL\n"
                + run + "-3," + member(1903) + "," + contact(1903) + ",CEM-301," + day + ",91\n"
                + run + "-4," + member(1904) + "," + contact(1904) + ",CEM-301," + day + ",,68,NO_SHOW\n";
        put(name, content);
        awaitDone(name);

        await().atMost(FLOW).untilAsserted(() -> assertThat(attempts(run)).hasSize(3));
        var byId = new java.util.HashMap<String, JsonNode>();
        attempts(run).forEach(a -> byId.put(a.path("Result_Id__c").asText(), a));
        assertThat(byId.get(run + "-1").path("Outcome__c").asText()).isEqualTo("Pass");
        assertThat(byId.get(run + "-2").path("Outcome__c").asText()).isEqualTo("Fail");
        assertThat(byId.get(run + "-4").path("Outcome__c").asText()).isEqualTo("No-Show");
        assertThat(byId.get(run + "-4").path("Contact__c").asText()).isEqualTo(contact(1904));

        // the malformed row, with its file, line and reason
        var quarantine = json.readTree(bus().get("/api/v1/quarantine?source=exam-results-file&reason=" + run, BusClient.OPS).body());
        assertThat(quarantine.path("items")).singleElement()
                .satisfies(q -> assertThat(q.path("reason").asText()).contains(name + " line 4").contains("8 columns"));

        // one fact per attempt on Kafka, keyed by the member
        await().atMost(FLOW).untilAsserted(() -> assertThat(facts("exam.result", run)).isEqualTo(3));
        assertThat(KafkaProbe.readAll(brokers, "exam.result").stream().filter(r -> r.value().contains(run + "-2")))
                .singleElement().satisfies(r -> assertThat(r.key()).isEqualTo(contact(1902)));

        // the pass: a certification with its cycle dates (3 years for CAP-101)
        await().atMost(FLOW).untilAsserted(() -> assertThat(certifications(1901)).singleElement().satisfies(c -> {
            assertThat(c.path("Status__c").asText()).isEqualTo("Active");
            assertThat(c.path("Awarded_Date__c").asText()).isEqualTo(day.toString());
            assertThat(c.path("Expiration_Date__c").asText()).isEqualTo(day.plusYears(3).minusDays(1).toString());
        }));
        // the fail and the no-show: failure notices
        await().atMost(FLOW).until(() -> campaign(1902, "exam-failed") && campaign(1904, "exam-failed"));

        // the same file delivered again: taken off the server, applied once
        put(name, content);
        awaitDone(name);
        // and one of its results sent by the other channel as well
        assertThat(webhook(run + "-2", 1902, "CDS-201", 40, 75, day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC))
                .statusCode()).isEqualTo(202);
        await().atMost(FLOW).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from exam_result_file where file_name = ?", Integer.class, name)).isEqualTo(1));
        // the webhook is through once its attempt was upserted again (the CRM's record is the same one)
        await().atMost(FLOW).untilAsserted(() -> assertThat(attempts(run + "-2").get(0).path("Id").asText())
                .isEqualTo(byId.get(run + "-2").path("Id").asText()));
        assertThat(attempts(run)).hasSize(3);
        assertThat(facts("exam.result", run)).isEqualTo(3);
        assertThat(json.readTree(bus().get("/api/v1/quarantine?source=exam-results-file&reason=" + run, BusClient.OPS)
                .body()).path("items")).hasSize(1);
        assertThat(certifications(1901)).hasSize(1);
    }

    @Test
    void aPassAwardsOneCertificationWithACertificateAndABadgeAnyoneCanVerifyAndItsLapseRevokesThem() throws Exception {
        var run = "W" + UUID.randomUUID().toString().substring(0, 8);
        var taken = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        assertThat(webhook(run + "-1", 1911, "CEM-301", 80, 68, taken).statusCode()).isEqualTo(202);
        await().atMost(FLOW).untilAsserted(() -> assertThat(certifications(1911)).singleElement()
                .satisfies(c -> assertThat(c.path("Badge_Url__c").asText()).contains("/badges/")));
        // a second pass (another sitting) and the same one again: still one certification, one badge
        assertThat(webhook(run + "-2", 1911, "CEM-301", 85, 68, taken.plusSeconds(3600)).statusCode()).isEqualTo(202);
        assertThat(webhook(run + "-1", 1911, "CEM-301", 80, 68, taken).statusCode()).isEqualTo(202);
        await().atMost(FLOW).untilAsserted(() -> assertThat(facts("exam.result", run)).isEqualTo(2));
        await().atMost(FLOW).untilAsserted(() -> assertThat(attempts(run)).hasSize(2));
        var cert = certifications(1911);
        assertThat(cert).hasSize(1);
        assertThat(cert.get(0).path("Expiration_Date__c").asText())
                .isEqualTo(LocalDate.ofInstant(taken, java.time.ZoneOffset.UTC).plusYears(2).minusDays(1).toString());
        await().atMost(FLOW).untilAsserted(() -> assertThat(communityBadges(1911)).singleElement()
                .satisfies(b -> assertThat(b.path("program").asText()).isEqualTo("Certified Event Manager")));
        assertThat(facts("certification.awarded", contact(1911) + ":CEM-301")).isEqualTo(1);

        // the badge: public, a VC-JWT that verifies with the issuer's published key
        var badgeUrl = cert.get(0).path("Badge_Url__c").asText();
        var badgePath = badgeUrl.substring(badgeUrl.indexOf("/badges/"));
        var badge = bus().get(badgePath, null);
        assertThat(badge.statusCode()).isEqualTo(200);
        var keys = bus().get("/badges/issuer/jwks.json", null);
        assertThat(keys.statusCode()).isEqualTo(200);
        var jwt = SignedJWT.parse(badge.body());
        var key = (ECKey) JWKSet.parse(keys.body()).getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("type")).contains("OpenBadgeCredential");
        assertThat(bus().get("/badges/" + UUID.randomUUID(), null).statusCode()).isEqualTo(404);

        // the certificate beside it: a PDF with the holder's name (from the CRM), the program and its dates
        var certificate = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + badgePath
                + "/certificate.pdf")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(certificate.statusCode()).isEqualTo(200);
        assertThat(certificate.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
        var holder = partners.soql("SELECT FirstName, LastName FROM Contact WHERE Id = '" + contact(1911) + "'").at("/records/0");
        var text = new com.lowagie.text.pdf.parser.PdfTextExtractor(new com.lowagie.text.pdf.PdfReader(certificate.body()))
                .getTextFromPage(1);
        var expires = LocalDate.ofInstant(taken, java.time.ZoneOffset.UTC).plusYears(2).minusDays(1);
        assertThat(text).contains(holder.path("FirstName").asText() + " " + holder.path("LastName").asText())
                .contains("Certified Event Manager")
                .contains(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.ENGLISH).format(expires));

        // the same certificate attached to the CRM's certification as a file, once, though the
        // result came twice and a second pass came too
        var certId = cert.get(0).path("Id").asText();
        await().atMost(FLOW).untilAsserted(() -> assertThat(crmFiles(certId)).singleElement().satisfies(f -> {
            assertThat(f.path("Checksum").asText()).isEqualTo(md5(certificate.body()));
            assertThat(f.path("ContentSize").asLong()).isEqualTo(certificate.body().length);
            assertThat(f.path("PathOnClient").asText()).endsWith(expires + ".pdf");
        }));
        assertThat(crmFileLinks(certId)).isEqualTo(1);
        // and its certification.awarded fact read again (a redelivery): nothing more attached
        var awardedFact = KafkaProbe.readAll(brokers, "certification.awarded").stream()
                .filter(r -> r.value().contains(contact(1911) + ":CEM-301")).findFirst().orElseThrow();
        redeliver(awardedFact, "memberbus-certification-certificates");
        assertThat(crmFiles(certId)).hasSize(1);
        assertThat(crmFileLinks(certId)).isEqualTo(1);

        // the member's health counts the certification held
        await().atMost(FLOW).untilAsserted(() -> assertThat(healthSignal(1911, "certified")).isEqualTo(1.0));

        // time passes: the certification's expiry is behind us (set in the bus's record, as the
        // clock cannot be moved), and the daily lapse runs
        jdbc.update("update certification_award set expires_on = current_date - 1 where certification_key = ?",
                contact(1911) + ":CEM-301");
        assertThat(bus().postAs(BusClient.OPS, "/api/v1/certification/jobs/lapse", "").statusCode()).isEqualTo(200);
        assertThat(bus().get(badgePath, null).statusCode()).isEqualTo(410);
        assertThat(bus().get(badgePath + "/certificate.pdf", null).statusCode()).isEqualTo(410);
        await().atMost(FLOW).untilAsserted(() -> assertThat(certifications(1911).get(0).path("Status__c").asText())
                .isEqualTo("Expired"));
        assertThat(communityBadges(1911)).isEmpty();
        // the lapse is a fact, and the member's health counts the certification no longer held
        await().atMost(FLOW).untilAsserted(() -> assertThat(facts("certification.lapsed", contact(1911) + ":CEM-301"))
                .isEqualTo(1));
        await().atMost(FLOW).untilAsserted(() -> assertThat(healthSignal(1911, "certified")).isEqualTo(0.0));
    }

    @Test
    void aFailureSendsANoticeAndAnEarlyRetakeIsRefusedUntilTheWaitingPeriodEnds() throws Exception {
        var run = "F" + UUID.randomUUID().toString().substring(0, 8);
        var taken = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        assertThat(webhook(run + "-1", 1921, "CAP-101", 50, 70, taken).statusCode()).isEqualTo(202);
        await().atMost(FLOW).until(() -> campaign(1921, "exam-failed"));
        var eligibility = json.readTree(bus().get("/api/v1/certification/retake-eligibility?member=" + contact(1921)
                + "&exam=CAP-101", BusClient.OPS).body());
        assertThat(eligibility.path("eligible").asBoolean()).isFalse();
        assertThat(eligibility.path("attempts").asInt()).isEqualTo(1);
        assertThat(eligibility.path("eligibleFrom").asText())
                .isEqualTo(LocalDate.ofInstant(taken, java.time.ZoneOffset.UTC).plusDays(14).toString());
        assertThat(certifications(1921)).isEmpty();

        // two earlier failures, 90 and 200 days ago: the waiting period after the 2nd has passed,
        // but with the 3rd (the one above) every attempt is used
        assertThat(webhook(run + "-0a", 1922, "CAP-101", 50, 70, Instant.now().minus(200, ChronoUnit.DAYS)).statusCode()).isEqualTo(202);
        assertThat(webhook(run + "-0b", 1922, "CAP-101", 55, 70, Instant.now().minus(90, ChronoUnit.DAYS)).statusCode()).isEqualTo(202);
        await().atMost(FLOW).untilAsserted(() -> assertThat(facts("exam.result", run + "-0")).isEqualTo(2));
        await().atMost(FLOW).untilAsserted(() -> assertThat(json.readTree(bus().get(
                "/api/v1/certification/retake-eligibility?member=" + contact(1922) + "&exam=CAP-101", BusClient.OPS).body())
                .path("eligible").asBoolean()).isTrue());
        assertThat(webhook(run + "-0c", 1922, "CAP-101", 60, 70, Instant.now().minus(1, ChronoUnit.DAYS)).statusCode()).isEqualTo(202);
        await().atMost(FLOW).untilAsserted(() -> {
            var e = json.readTree(bus().get("/api/v1/certification/retake-eligibility?member=" + contact(1922)
                    + "&exam=CAP-101", BusClient.OPS).body());
            assertThat(e.path("eligible").asBoolean()).isFalse();
            assertThat(e.path("reason").asText()).contains("all 3 attempts used");
        });
    }

    HttpResponse<String> logCe(String body) {
        return bus().postAs(BusClient.OPS, "/api/v1/certification/ce-credits", body);
    }

    @Test
    void ceCreditsAreAcceptedWithinTheRulesAndRejectedWithTheReason() throws Exception {
        var run = "C" + UUID.randomUUID().toString().substring(0, 8);
        var yesterday = LocalDate.now().minusDays(1);
        // a certified member (CDS-201 needs 45 credits per cycle)
        assertThat(webhook(run + "-pass", 1934, "CDS-201", 90, 75, Instant.now().minus(10, ChronoUnit.DAYS)).statusCode())
                .isEqualTo(202);
        await().atMost(FLOW).untilAsserted(() -> assertThat(certifications(1934)).hasSize(1));

        var accepted = logCe("""
                {"activityId":"%s-1","crmContactId":"%s","category":"education","credits":10,"earnedOn":"%s",
                 "evidenceUrl":"https://learn.example.org/cert/1","title":"Data governance course"}"""
                .formatted(run, contact(1934), yesterday));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        assertThat(json.readTree(accepted.body()).path("earned").asDouble()).isEqualTo(10.0);
        // sent again: the same decision, counted once
        var again = logCe("""
                {"activityId":"%s-1","crmContactId":"%s","category":"education","credits":10,"earnedOn":"%s",
                 "evidenceUrl":"https://learn.example.org/cert/1"}""".formatted(run, contact(1934), yesterday));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json.readTree(again.body()).path("decision").asText()).isEqualTo("accepted");

        var credits = partners.soql("SELECT Id, Credits__c, Contact__c FROM CE_Credit__c WHERE Source_Key__c = '"
                + run + "-1'").path("records");
        assertThat(credits).singleElement().satisfies(c -> assertThat(c.path("Credits__c").asDouble()).isEqualTo(10.0));
        var account = partners.soql("SELECT Community_Id__c FROM Contact WHERE Id = '" + contact(1934) + "'")
                .at("/records/0/Community_Id__c").asText();
        var balance = json.readTree(http.send(HttpRequest.newBuilder(URI.create(communityUrl + "/api/v1/accounts/"
                + account + "/ce")).header("X-Api-Key", "community-sandbox-key").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(balance.path("earned").asInt()).isEqualTo(10);
        assertThat(balance.path("required").asInt()).isEqualTo(45);
        assertThat(balance.path("gap").asInt()).isEqualTo(35);
        await().atMost(FLOW).untilAsserted(() -> assertThat(facts("ce.credit", run + "-1")).isEqualTo(1));

        // rejected, each with its reason
        var noEvidence = logCe("""
                {"activityId":"%s-2","crmContactId":"%s","category":"conference","credits":5,"earnedOn":"%s"}"""
                .formatted(run, contact(1934), yesterday));
        assertThat(noEvidence.statusCode()).isEqualTo(422);
        assertThat(json.readTree(noEvidence.body()).path("reason").asText()).contains("needs evidence");
        assertThat(logCe("""
                {"activityId":"%s-3","crmContactId":"%s","category":"volunteering","credits":8,"earnedOn":"%s"}"""
                .formatted(run, contact(1934), yesterday)).statusCode()).isEqualTo(201);
        var overCap = logCe("""
                {"activityId":"%s-4","crmContactId":"%s","category":"volunteering","credits":5,"earnedOn":"%s"}"""
                .formatted(run, contact(1934), yesterday));
        assertThat(overCap.statusCode()).isEqualTo(422);
        assertThat(json.readTree(overCap.body()).path("reason").asText()).contains("at most 10");
        var unknown = logCe("""
                {"activityId":"%s-5","crmContactId":"%s","category":"golf","credits":5,"earnedOn":"%s"}"""
                .formatted(run, contact(1934), yesterday));
        assertThat(json.readTree(unknown.body()).path("reason").asText()).contains("not one of");
        var uncertified = logCe("""
                {"activityId":"%s-6","crmContactId":"%s","category":"volunteering","credits":2,"earnedOn":"%s"}"""
                .formatted(run, contact(1935), yesterday));
        assertThat(uncertified.statusCode()).isEqualTo(422);
        assertThat(json.readTree(uncertified.body()).path("reason").asText()).contains("no active certification");
        assertThat(logCe("{\"activityId\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(partners.soql("SELECT Id FROM CE_Credit__c WHERE Contact__c = '" + contact(1934) + "'")
                .path("records")).hasSize(2);
    }

    long campaigns(int contact, String name) {
        return StreamSupport.stream(partners.campaignsTriggered(contact(contact)).spliterator(), false)
                .filter(t -> name.equals(t.path("campaign").asText())).count();
    }

    @Test
    void renewalNoticesGoOutAt90And60And30DaysBeforeExpiryEachOnce() throws Exception {
        var run = "R" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(webhook(run + "-1", 1936, "CAP-101", 88, 70, Instant.now().minus(1, ChronoUnit.DAYS)).statusCode())
                .isEqualTo(202);
        await().atMost(FLOW).untilAsserted(() -> assertThat(certifications(1936)).hasSize(1));
        await().atMost(FLOW).until(() -> jdbc.queryForObject("select count(*) from certification_award where "
                + "certification_key = ? and confirmed_at is not null", Integer.class, contact(1936) + ":CAP-101") == 1);
        // three years to go: no notice
        assertThat(bus().postAs(BusClient.OPS, "/api/v1/certification/jobs/renewal-notices", "").statusCode()).isEqualTo(200);
        // time passes (the stored expiry moves closer, as the clock cannot be moved): 85 days left
        jdbc.update("update certification_award set expires_on = current_date + 85 where certification_key = ?",
                contact(1936) + ":CAP-101");
        bus().postAs(BusClient.OPS, "/api/v1/certification/jobs/renewal-notices", "");
        bus().postAs(BusClient.OPS, "/api/v1/certification/jobs/renewal-notices", "");
        await().atMost(FLOW).until(() -> campaigns(1936, "certification-renewal") == 1);
        // in its renewal window: the member's community account shows renewal enabled, with the
        // CE credits still missing (none earned of 60)
        assertThat(communityRenewals(1936)).singleElement().satisfies(r -> {
            assertThat(r.path("certification").asText()).isEqualTo("CAP-101");
            assertThat(r.path("program").asText()).isEqualTo("Certified Association Professional");
            assertThat(r.path("renewalEnabled").asBoolean()).isTrue();
            assertThat(r.path("expiresOn").asText()).isEqualTo(LocalDate.now(java.time.ZoneOffset.UTC).plusDays(85).toString());
            assertThat(r.path("ceGap").asInt()).isEqualTo(60);
        });
        // 55 days left: the 60-day notice, once
        jdbc.update("update certification_award set expires_on = current_date + 55 where certification_key = ?",
                contact(1936) + ":CAP-101");
        bus().postAs(BusClient.OPS, "/api/v1/certification/jobs/renewal-notices", "");
        await().atMost(FLOW).until(() -> campaigns(1936, "certification-renewal") == 2);
        bus().postAs(BusClient.OPS, "/api/v1/certification/jobs/renewal-notices", "");
        // 25 days left: the 30-day notice, once
        jdbc.update("update certification_award set expires_on = current_date + 25 where certification_key = ?",
                contact(1936) + ":CAP-101");
        bus().postAs(BusClient.OPS, "/api/v1/certification/jobs/renewal-notices", "");
        bus().postAs(BusClient.OPS, "/api/v1/certification/jobs/renewal-notices", "");
        await().atMost(FLOW).until(() -> campaigns(1936, "certification-renewal") == 3);
        var triggered = partners.campaignsTriggered(contact(1936));
        assertThat(StreamSupport.stream(triggered.spliterator(), false)
                .filter(t -> "certification-renewal".equals(t.path("campaign").asText()))
                .map(t -> t.path("tokens").path("notice").asInt()).toList()).containsExactlyInAnyOrder(90, 60, 30);
        assertThat(communityRenewals(1936)).singleElement().satisfies(r -> assertThat(r.path("expiresOn").asText())
                .isEqualTo(LocalDate.now(java.time.ZoneOffset.UTC).plusDays(25).toString()));

        // expired: it lapses, and nothing is left to renew on the community
        jdbc.update("update certification_award set expires_on = current_date - 1 where certification_key = ?",
                contact(1936) + ":CAP-101");
        assertThat(bus().postAs(BusClient.OPS, "/api/v1/certification/jobs/lapse", "").statusCode()).isEqualTo(200);
        assertThat(communityRenewals(1936)).isEmpty();
    }

    /** The Salesforce org's API calls by kind so far (its own counter), e.g. "PATCH composite/sobjects/Certification__c". */
    java.util.Map<String, Long> salesforceCalls() throws Exception {
        var answer = json.readTree(http.send(HttpRequest.newBuilder(URI.create(salesforceUrl + "/__sandbox/api-calls"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        var kinds = new java.util.TreeMap<String, Long>();
        answer.path("byKind").fields().forEachRemaining(e -> kinds.put(e.getKey(), e.getValue().asLong()));
        return kinds;
    }

    static long spent(java.util.Map<String, Long> before, java.util.Map<String, Long> after, String kind) {
        return after.getOrDefault(kind, 0L) - before.getOrDefault(kind, 0L);
    }

    @Test
    void aResultFileOfManyPassesAwardsTheirCertificationsInBatchesNotACallEach() throws Exception {
        var run = "B" + UUID.randomUUID().toString().substring(0, 8);
        var day = LocalDate.now().minusDays(2);
        var content = new StringBuilder(ResultFileReader.HEADER).append('\n');
        var contacts = new java.util.ArrayList<String>();
        for (int n = 1950; n < 1980; n++) {
            contacts.add(contact(n));
            content.append(run).append('-').append(n).append(',').append(member(n)).append(',').append(contact(n))
                    .append(",CDS-201,").append(day).append(",88,75,PASS\n");
        }
        var before = salesforceCalls();
        var name = "results-" + run + ".csv";
        put(name, content.toString());
        awaitDone(name);
        var inList = contacts.stream().map(c -> "'" + c + "'").collect(java.util.stream.Collectors.joining(", "));
        await().atMost(FLOW).untilAsserted(() -> assertThat(partners.soql("SELECT Contact__c, Status__c, Awarded_Date__c "
                + "FROM Certification__c WHERE Program__c = 'Certified Data Steward' AND Contact__c IN (" + inList + ")")
                .path("records")).hasSize(30).allSatisfy(c -> {
                    assertThat(c.path("Status__c").asText()).isEqualTo("Active");
                    assertThat(c.path("Awarded_Date__c").asText()).isEqualTo(day.toString());
                }));
        await().atMost(FLOW).untilAsserted(() -> {
            var awarded = KafkaProbe.readAll(brokers, "certification.awarded").stream().map(r -> r.value()).toList();
            assertThat(contacts).allSatisfy(c -> assertThat(awarded).filteredOn(v -> v.contains(c + ":CDS-201")).hasSize(1));
        });
        var after = salesforceCalls();
        // 30 awards: one sObject Collections upsert by key (records of members who held the program
        // before are adopted in one collections update beside it), no call per award
        assertThat(spent(before, after, "PATCH sobjects/Certification__c")).as(after.toString()).isZero();
        assertThat(spent(before, after, "POST sobjects/Certification__c")).as(after.toString()).isZero();
        assertThat(spent(before, after, "PATCH composite/sobjects/Certification__c")).as(after.toString()).isEqualTo(1);
    }

    /** A renewal fee paid at the gateway, as the community's checkout makes it; answers the payment intent's id. */
    String payRenewal(int contact, String exam) throws Exception {
        return pay(15000, java.util.Map.of("purpose", "certification_fee", "certification_action", "renewal",
                "crm_contact_id", contact(contact), "exam_code", exam));
    }

    /** A payment at the gateway with Stripe metadata, as the community's checkout makes it; answers the intent's id. */
    String pay(long amount, java.util.Map<String, String> metadata) throws Exception {
        var form = new java.util.LinkedHashMap<String, String>(java.util.Map.of("amount", Long.toString(amount),
                "currency", "usd", "confirm", "true", "payment_method", "pm_card_visa"));
        metadata.forEach((k, v) -> form.put("metadata[" + k + "]", v));
        var body = form.entrySet().stream().map(e -> java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(java.util.stream.Collectors.joining("&"));
        var intent = json.readTree(http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/payment_intents"))
                .header("Authorization", "Bearer " + gatewayKey).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(intent.path("status").asText()).as(intent.toString()).isEqualTo("succeeded");
        return intent.path("id").asText();
    }

    /** The bus's price for an application, asked as the community asks it (its API key). */
    JsonNode applicationFee(String contactId, String program) throws Exception {
        var uri = "http://localhost:" + port + "/api/v1/certification/application-fee?member=" + contactId + "&program="
                + java.net.URLEncoder.encode(program, StandardCharsets.UTF_8).replace("+", "%20");
        var response = http.send(HttpRequest.newBuilder(URI.create(uri))
                .header("X-Api-Key", "community-client-sandbox-key").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** The application fee paid at the gateway with the metadata the quote gives, for the community's application. */
    String payApplicationFee(JsonNode quote, String applicationId, long amount) throws Exception {
        var metadata = new java.util.LinkedHashMap<String, String>();
        quote.path("metadata").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
        metadata.put("application_id", applicationId);
        return pay(amount, metadata);
    }

    /** The journal entries the accounting system holds for a payment. */
    JsonNode ledgerEntries(String paymentIntent) throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create(accountingUrl + "/api/v1/journal-entries?externalReference="
                + paymentIntent + ":payment")).header("X-Api-Key", "accounting-sandbox-key").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("data");
    }

    JsonNode exams(String path) throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create(examsUrl + path)).header("X-Api-Key", examsKey)
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    JsonNode communityCe(int contact) throws Exception {
        var account = partners.soql("SELECT Community_Id__c FROM Contact WHERE Id = '" + contact(contact) + "'")
                .at("/records/0/Community_Id__c").asText();
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create(communityUrl + "/api/v1/accounts/" + account + "/ce"))
                .header("X-Api-Key", "community-sandbox-key").GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void aRenewalPaidWithTheCeRequirementMetExtendsTheCertificationOnceAndOneWithoutIsRefused() throws Exception {
        var run = "N" + UUID.randomUUID().toString().substring(0, 8);
        int who = 1941;
        var yesterday = LocalDate.now().minusDays(1);
        var taken = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        assertThat(webhook(run + "-pass", who, "CEM-301", 80, 68, taken).statusCode()).isEqualTo(202);
        var key = contact(who) + ":CEM-301";
        await().atMost(FLOW).until(() -> jdbc.queryForObject("select count(*) from certification_award where "
                + "certification_key = ? and confirmed_at is not null", Integer.class, key) == 1);
        var expiry = LocalDate.ofInstant(taken, java.time.ZoneOffset.UTC).plusYears(2).minusDays(1);
        java.util.function.Supplier<JsonNode> cert = () -> StreamSupport.stream(certifications(who).spliterator(), false)
                .filter(c -> "Certified Event Manager".equals(c.path("Program__c").asText())).findFirst().orElseThrow();
        assertThat(cert.get().path("Expiration_Date__c").asText()).isEqualTo(expiry.toString());

        // 20 of the 30 CE credits: a renewal paid now is refused, nothing moves
        assertThat(logCe("""
                {"activityId":"%s-1","crmContactId":"%s","category":"education","credits":20,"earnedOn":"%s",
                 "evidenceUrl":"https://learn.example.org/cert/7"}""".formatted(run, contact(who), yesterday))
                .statusCode()).isEqualTo(201);
        var early = payRenewal(who, "CEM-301");
        await().atMost(FLOW).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select reason from certification_renewal where payment_id = ? and not extended", String.class, early))
                .singleElement().asString().contains("CE requirement not met: 20 of 30"));
        assertThat(cert.get().path("Expiration_Date__c").asText()).isEqualTo(expiry.toString());

        // its certificate is in the CRM (a file on the certification)
        var certId = cert.get().path("Id").asText();
        await().atMost(FLOW).untilAsserted(() -> assertThat(crmFiles(certId)).hasSize(1));

        // the certification comes within its renewal window (the stored expiry moved, as the clock
        // cannot be): the community shows renewal enabled, with the 10 credits still missing
        var windowExpiry = LocalDate.now(java.time.ZoneOffset.UTC).plusDays(60);
        jdbc.update("update certification_award set expires_on = ? where certification_key = ?",
                java.sql.Date.valueOf(windowExpiry), key);
        assertThat(bus().postAs(BusClient.OPS, "/api/v1/certification/jobs/renewal-notices", "").statusCode()).isEqualTo(200);
        assertThat(communityRenewals(who)).singleElement().satisfies(r -> {
            assertThat(r.path("certification").asText()).isEqualTo("CEM-301");
            assertThat(r.path("renewalEnabled").asBoolean()).isTrue();
            assertThat(r.path("expiresOn").asText()).isEqualTo(windowExpiry.toString());
            assertThat(r.path("ceGap").asInt()).isEqualTo(10);
        });

        // the rest earned: the renewal extends by one cycle (2 years) from the current expiry
        assertThat(logCe("""
                {"activityId":"%s-2","crmContactId":"%s","category":"volunteering","credits":10,"earnedOn":"%s"}"""
                .formatted(run, contact(who), yesterday)).statusCode()).isEqualTo(201);
        var paid = payRenewal(who, "CEM-301");
        var renewed = windowExpiry.plusYears(2);
        await().atMost(FLOW).untilAsserted(() -> assertThat(cert.get().path("Expiration_Date__c").asText())
                .isEqualTo(renewed.toString()));
        await().atMost(FLOW).untilAsserted(() -> assertThat(StreamSupport.stream(communityBadges(who).spliterator(), false)
                .filter(b -> "Certified Event Manager".equals(b.path("program").asText())))
                .singleElement().satisfies(b -> assertThat(b.path("expirationDate").asText()).isEqualTo(renewed.toString())));
        // the new cycle on the community: nothing earned in it yet
        await().atMost(FLOW).untilAsserted(() -> {
            var ce = communityCe(who);
            assertThat(ce.path("periodEnd").asText()).isEqualTo(renewed.toString());
            assertThat(ce.path("gap").asInt()).isEqualTo(30);
        });
        // renewed: nothing left to renew on the community, and the new certificate is a second
        // version of the same file on the certification in the CRM
        await().atMost(FLOW).untilAsserted(() -> assertThat(communityRenewals(who)).isEmpty());
        await().atMost(FLOW).untilAsserted(() -> assertThat(crmFileVersions(certId)).hasSize(2)
                .anySatisfy(v -> {
                    assertThat(v.path("IsLatest").asBoolean()).isTrue();
                    assertThat(v.path("VersionNumber").asText()).isEqualTo("2");
                    assertThat(v.path("PathOnClient").asText()).endsWith(renewed + ".pdf");
                }));
        assertThat(crmFileLinks(certId)).isEqualTo(1);
        // the same badge URL, signed again with the new validity
        var badgeUrl = cert.get().path("Badge_Url__c").asText();
        var jwt = SignedJWT.parse(bus().get(badgeUrl.substring(badgeUrl.indexOf("/badges/")), null).body());
        assertThat(jwt.getJWTClaimsSet().getStringClaim("validUntil"))
                .isEqualTo(renewed.plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC).toString());

        // the gateway's event read again (a redelivery after a crash): extended once, not twice
        var event = KafkaProbe.readAll(brokers, "payment.events").stream()
                .filter(r -> r.value().contains(paid) && "payment_intent.succeeded".equals(KafkaProbe.header(r, "eventType")))
                .findFirst().orElseThrow();
        redeliver(event, "memberbus-certification-renewals");
        assertThat(cert.get().path("Expiration_Date__c").asText()).isEqualTo(renewed.toString());
        assertThat(jdbc.queryForObject("select expires_on from certification_award where certification_key = ?",
                java.sql.Date.class, key).toLocalDate()).isEqualTo(renewed);
    }

    JsonNode community(String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(communityUrl + path)).header("X-Api-Key", "community-sandbox-key")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return json.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void anApplicationGoesBackAndForthForAMissingDocumentUntilStaffApproveItAndItsExamIsBookedOnce() throws Exception {
        int who = 1987;
        var account = partners.soql("SELECT Community_Id__c FROM Contact WHERE Id = '" + contact(who) + "'")
                .at("/records/0/Community_Id__c").asText();
        // the member applies on the community, with two documents
        var submitted = partners.communityActivity(account, "certification.application_submitted",
                "{\"program\":\"Certified Data Steward\",\"documents\":[\"cv.pdf\",\"transcript.pdf\"]}");
        var applicationId = submitted.path("result").path("id").asText();
        assertThat(applicationId).startsWith("capp_");
        java.util.function.Supplier<JsonNode> inCrm = () -> partners.soql("SELECT Id, Status__c, Documents__c, "
                + "Staff_Note__c, Contact__c, Program__c, Fee_Payment_Id__c, Fee_Price_Basis__c FROM "
                + "Certification_Application__c WHERE Community_Application_Id__c = '" + applicationId + "'").path("records");
        // it waits for its fee, priced by the applicant's status in the CRM
        await().atMost(FLOW).until(() -> jdbc.queryForObject("select count(*) from certification_application_fee "
                + "where application_id = ? and submitted", Integer.class, applicationId) == 1);
        assertThat(inCrm.get()).isEmpty();
        var status = partners.soql("SELECT Membership_Status__c FROM Contact WHERE Id = '" + contact(who) + "'")
                .at("/records/0/Membership_Status__c").asText();
        var quote = applicationFee(contact(who), "Certified Data Steward");
        boolean member = "Active".equals(status);
        assertThat(quote.path("priceBasis").asText()).isEqualTo(member ? "member" : "non-member");
        assertThat(quote.path("amount").asLong()).isEqualTo(member ? 25000 : 40000);
        var fee = payApplicationFee(quote, applicationId, quote.path("amount").asLong());
        await().atMost(FLOW).untilAsserted(() -> assertThat(inCrm.get()).singleElement().satisfies(a -> {
            assertThat(a.path("Status__c").asText()).isEqualTo("Submitted");
            assertThat(a.path("Contact__c").asText()).isEqualTo(contact(who));
            assertThat(a.path("Program__c").asText()).isEqualTo("Certified Data Steward");
            assertThat(a.path("Documents__c").asText()).isEqualTo("cv.pdf\ntranscript.pdf");
            assertThat(a.path("Fee_Payment_Id__c").asText()).isEqualTo(fee);
        }));
        var crmId = inCrm.get().get(0).path("Id").asText();

        // staff find a document missing: the community shows the request with their note
        partners.updateSObject("Certification_Application__c", crmId,
                "{\"Status__c\":\"Documents Incomplete\",\"Staff_Note__c\":\"Please add your degree certificate\"}");
        await().atMost(FLOW).untilAsserted(() -> {
            var shown = community("GET", "/api/v1/certification-applications/" + applicationId, null);
            assertThat(shown.path("status").asText()).isEqualTo("INFO_REQUESTED");
            assertThat(shown.path("message").asText()).isEqualTo("Please add your degree certificate");
        });

        // the applicant adds it on the community: back in the CRM for review, with all three documents
        var supplied = community("POST", "/api/v1/certification-applications/" + applicationId + "/documents",
                "{\"documents\":[\"degree.pdf\"]}");
        assertThat(supplied.path("event").path("type").asText()).isEqualTo("certification.application_updated");
        await().atMost(FLOW).untilAsserted(() -> assertThat(inCrm.get()).singleElement().satisfies(a -> {
            assertThat(a.path("Status__c").asText()).isEqualTo("Under Review");
            assertThat(a.path("Documents__c").asText()).isEqualTo("cv.pdf\ntranscript.pdf\ndegree.pdf");
            assertThat(a.path("Staff_Note__c").asText(null)).as("the request answered").isNull();
        }));
        await().atMost(FLOW).untilAsserted(() -> {
            var shown = community("GET", "/api/v1/certification-applications/" + applicationId, null);
            assertThat(shown.path("status").asText()).isEqualTo("UNDER_REVIEW");
            assertThat(shown.path("message").asText(null)).as("the request answered").isNull();
        });

        // staff approve: the exam is booked at the exam body, once, and the sitting reaches the CRM and
        // the community; one application in the CRM throughout
        partners.updateSObject("Certification_Application__c", crmId, "{\"Status__c\":\"Approved\"}");
        await().atMost(FLOW).untilAsserted(() -> {
            var shown = community("GET", "/api/v1/certification-applications/" + applicationId, null);
            assertThat(shown.path("status").asText()).isEqualTo("APPROVED");
            assertThat(shown.path("appointment").path("id").asText()).isNotBlank();
        });
        var booked = json.readTree(http.send(HttpRequest.newBuilder(URI.create(examsUrl + "/api/v1/appointments?applicationId="
                + crmId)).header("X-Api-Key", examsKey).GET().build(), HttpResponse.BodyHandlers.ofString()).body()).path("data");
        assertThat(booked).singleElement().satisfies(b -> {
            assertThat(b.path("examCode").asText()).isEqualTo("CDS-201");
            assertThat(b.path("candidate").path("crmContactId").asText()).isEqualTo(contact(who));
        });
        var shown = community("GET", "/api/v1/certification-applications/" + applicationId, null);
        assertThat(shown.path("appointment").path("id").asText()).isEqualTo(booked.get(0).path("id").asText());
        // at the exam body, as its vendors want it: the candidate registered, authorised once for
        // one sitting (the application's authorization), and the sitting booked against it
        assertThat(booked.get(0).path("authorizationId").asText()).isEqualTo(crmId);
        var candidate = exams("/api/v1/candidates/" + contact(who));
        assertThat(candidate.path("candidateId").asText()).startsWith("cand_");
        assertThat(StreamSupport.stream(exams("/api/v1/authorizations?clientCandidateId=" + contact(who)).path("data")
                .spliterator(), false).filter(a -> crmId.equals(a.path("applicationId").asText())))
                .singleElement().satisfies(a -> {
                    assertThat(a.path("clientAuthorizationId").asText()).isEqualTo(crmId);
                    assertThat(a.path("examCode").asText()).isEqualTo("CDS-201");
                    assertThat(a.path("status").asText()).isEqualTo("used");
                });
        assertThat(inCrm.get()).singleElement().satisfies(a -> assertThat(
                partners.soql("SELECT Exam_Appointment_Id__c FROM Certification_Application__c WHERE Id = '" + crmId + "'")
                        .at("/records/0/Exam_Appointment_Id__c").asText()).isEqualTo(booked.get(0).path("id").asText()));
    }

    @Test
    void aNonMemberAppliesTooAndIsBookedOnceApproved() throws Exception {
        // a lapsed or archived member of the demo org (not a member now), with a community account
        var ids = java.util.stream.IntStream.range(1990, 2000).mapToObj(n -> "'" + contact(n) + "'")
                .collect(java.util.stream.Collectors.joining(", "));
        var person = partners.soql("SELECT Id, Community_Id__c, Membership_Status__c FROM Contact WHERE Id IN (" + ids
                + ") AND Membership_Status__c IN ('Lapsed', 'Archived') AND Community_Id__c != null LIMIT 1").at("/records/0");
        assertThat(person.path("Id").asText()).as("a non-member among the demo contacts 1990-1999").isNotBlank();
        var submitted = partners.communityActivity(person.path("Community_Id__c").asText(),
                "certification.application_submitted", "{\"program\":\"Certified Event Manager\",\"documents\":[\"cv.pdf\"]}");
        var applicationId = submitted.path("result").path("id").asText();
        java.util.function.Supplier<JsonNode> inCrm = () -> partners.soql("SELECT Id, Status__c, Contact__c, "
                + "Fee_Payment_Id__c, Fee_Amount__c, Fee_Price_Basis__c FROM Certification_Application__c WHERE "
                + "Community_Application_Id__c = '" + applicationId + "'").path("records");

        // priced as a non-member; the member price paid does not let the application through
        var quote = applicationFee(person.path("Id").asText(), "CEM-301");
        assertThat(quote.path("priceBasis").asText()).isEqualTo("non-member");
        assertThat(quote.path("amount").asLong()).isEqualTo(40000);
        assertThat(quote.path("metadata").path("purpose").asText()).isEqualTo("certification_fee");
        var short_ = payApplicationFee(quote, applicationId, 25000);
        await().atMost(FLOW).untilAsserted(() -> assertThat(jdbc.queryForList("select reason from certification_application_fee "
                + "where application_id = ? and payment_id = ? and not accepted", String.class, applicationId, short_))
                .singleElement().asString().contains("the non-member price is 40000"));
        assertThat(inCrm.get()).isEmpty();

        // the non-member price paid: the application is in the CRM with its fee, and the ledger has it
        var paid = payApplicationFee(quote, applicationId, 40000);
        await().atMost(FLOW).untilAsserted(() -> assertThat(inCrm.get()).singleElement().satisfies(a -> {
            assertThat(a.path("Contact__c").asText()).isEqualTo(person.path("Id").asText());
            assertThat(a.path("Fee_Payment_Id__c").asText()).isEqualTo(paid);
            assertThat(a.path("Fee_Amount__c").asDouble()).isEqualTo(400.0);
            assertThat(a.path("Fee_Price_Basis__c").asText()).isEqualTo("Non-Member");
        }));
        await().atMost(FLOW).untilAsserted(() -> assertThat(ledgerEntries(paid)).singleElement().satisfies(entry ->
                assertThat(StreamSupport.stream(entry.path("lines").spliterator(), false)
                        .filter(l -> l.path("account").asText().equals("4200")))
                        .singleElement().satisfies(l -> assertThat(l.path("credit").asDouble()).isEqualTo(400.0))));
        var crmId = inCrm.get().get(0).path("Id").asText();
        partners.updateSObject("Certification_Application__c", crmId, "{\"Status__c\":\"Approved\"}");
        await().atMost(FLOW).untilAsserted(() -> assertThat(community("GET", "/api/v1/certification-applications/"
                + applicationId, null).path("appointment").path("id").asText()).isNotBlank());
        var booked = json.readTree(http.send(HttpRequest.newBuilder(URI.create(examsUrl + "/api/v1/appointments?applicationId="
                + crmId)).header("X-Api-Key", examsKey).GET().build(), HttpResponse.BodyHandlers.ofString()).body()).path("data");
        assertThat(booked).singleElement().satisfies(b -> assertThat(b.path("examCode").asText()).isEqualTo("CEM-301"));
        // the price question is described with the rest of the API, and refused with a reason
        assertThat(json.readTree(bus().get("/api/v1/openapi.json", BusClient.OPS).body()).path("paths")
                .has("/api/v1/certification/application-fee")).isTrue();
        var unknown = bus().get("/api/v1/certification/application-fee?member=" + contact(1990) + "&program=Golf", BusClient.OPS);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("no program Golf");
    }
}
