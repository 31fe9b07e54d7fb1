package org.memberbus.certification;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.memberbus.PartnerProbe;
import org.memberbus.member.reconcile.StandaloneBus;
import org.springframework.util.FileSystemUtils;

/**
 * Benchmark (a program, not a test; bench/exam-results.sh runs it): starts the whole sandbox in this
 * JVM on free ports, puts one result file of N rows (default 10,000; attempts of the 2,000 demo
 * members at the three exams, about a third passing) on the exam body's SFTP server with a real
 * SFTP client, and prints the time until every attempt is an Exam_Attempt__c in the CRM, the time
 * until every pass's certification is awarded (Certification__c with the bus's key), and the
 * Salesforce API calls spent meanwhile by kind (the simulator's own counter): batches, not a call
 * per row. Never fails on a time. Arguments: [N, default 10000].
 */
public final class ExamResultFileBenchmark {

    private static final List<String> EXAMS = List.of("CAP-101,70", "CDS-201,75", "CEM-301,68");

    /** The org's API calls by kind (the Salesforce simulator's counter). */
    static java.util.Map<String, Long> callsByKind(String salesforce) throws Exception {
        var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(salesforce + "/__sandbox/api-calls")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        var kinds = new java.util.TreeMap<String, Long>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer).path("byKind").fields()
                .forEachRemaining(e -> kinds.put(e.getKey(), e.getValue().asLong()));
        return kinds;
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        var dataDir = Files.createTempDirectory("memberbus-bench");
        var settings = new java.util.LinkedHashMap<String, Object>(StandaloneBus.freePorts());
        for (var simulator : List.of("salesforce", "community", "gateway", "accounting", "exams", "marketing", "webinar")) {
            settings.put("sandbox." + simulator + ".port", StandaloneBus.freePort());
        }
        int sftpPort = StandaloneBus.freePort();
        settings.put("sandbox.exams.sftp-port", sftpPort);
        settings.put("memberbus.exams.sftp.poll-delay", "500");
        settings.put("memberbus.health.backfill-on-start", "false");
        for (var logger : List.of("root", "org.apache.kafka", "kafka", "org.apache.activemq", "org.apache.camel")) {
            settings.put("logging.level." + logger, "ERROR");
        }
        System.out.printf("memberbus exam result file benchmark: sandbox in process, %d cores, %d rows%n",
                Runtime.getRuntime().availableProcessors(), rows);
        var random = new Random(42);
        var day = LocalDate.now().minusDays(1);
        var file = new StringBuilder(ResultFileReader.HEADER).append('\n');
        var passPairs = new java.util.HashSet<String>();
        for (int i = 1; i <= rows; i++) {
            int member = 1 + (i - 1) % 2000;
            var exam = EXAMS.get(random.nextInt(EXAMS.size())).split(",");
            int passing = Integer.parseInt(exam[1]);
            int score = 40 + random.nextInt(50);
            var contact = "003DM" + "%010d".formatted(member) + "AAA";
            file.append("BENCH-").append(i).append(",M").append("%06d".formatted(member)).append(',').append(contact)
                    .append(',').append(exam[0]).append(',').append(day).append(',')
                    .append(score).append(',').append(passing).append(',').append(score >= passing ? "PASS" : "FAIL")
                    .append('\n');
            if (score >= passing) {
                passPairs.add(contact + ":" + exam[0]);
            }
        }
        try (var bus = StandaloneBus.start(dataDir, settings); var ssh = SshClient.setUpDefaultClient()) {
            var salesforce = "http://localhost:" + settings.get("sandbox.salesforce.port");
            var partners = new PartnerProbe(salesforce,
                    "http://localhost:" + settings.get("sandbox.community.port"),
                    "http://localhost:" + settings.get("sandbox.marketing.port"));
            // let the seeded nightly file go through first
            long quiet = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < quiet) {
                Thread.sleep(1000); // a program waiting, not a test
            }
            // the passes' certifications the bus holds already (the seeded file's) are not awarded again
            var keyedBefore = new java.util.HashSet<String>();
            partners.soql("SELECT Certification_Key__c FROM Certification__c WHERE Certification_Key__c != null")
                    .path("records").forEach(r -> keyedBefore.add(r.path("Certification_Key__c").asText()));
            long awardsExpected = keyedBefore.size() + passPairs.stream().filter(k -> !keyedBefore.contains(k)).count();
            ssh.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            ssh.start();
            var kindsBefore = callsByKind(salesforce);
            long callsBefore = partners.salesforceApiCalls();
            long start = System.nanoTime();
            try (var session = ssh.connect("exams", "127.0.0.1", sftpPort).verify(Duration.ofSeconds(10)).getSession()) {
                session.addPasswordIdentity("sandbox");
                session.auth().verify(Duration.ofSeconds(10));
                try (var sftp = SftpClientFactory.instance().createSftpClient(session)) {
                    try (var out = sftp.write("/outbox/.results-bench.csv.part")) {
                        new ByteArrayInputStream(file.toString().getBytes(StandardCharsets.UTF_8)).transferTo(out);
                    }
                    sftp.rename("/outbox/.results-bench.csv.part", "/outbox/results-bench.csv");
                }
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
            long inCrm = 0;
            long probes = 0;
            double attemptsSeconds = 0;
            long awarded = 0;
            while (System.nanoTime() < deadline) {
                if (inCrm < rows) {
                    probes++;
                    inCrm = partners.soql("SELECT COUNT() FROM Exam_Attempt__c WHERE Result_Id__c LIKE 'BENCH-%'")
                            .path("totalSize").asLong();
                    attemptsSeconds = (System.nanoTime() - start) / 1e9;
                }
                awarded = partners.soql("SELECT COUNT() FROM Certification__c WHERE Certification_Key__c != null")
                        .path("totalSize").asLong();
                probes++;
                if (inCrm >= rows && awarded >= awardsExpected) {
                    break;
                }
                Thread.sleep(500); // a program polling a counter, not a test
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long calls = partners.salesforceApiCalls() - callsBefore - probes;
            var kinds = callsByKind(salesforce);
            System.out.printf("attempts in the CRM: %d of %d in %.1f s (%.0f rows/s)%n", inCrm, rows, attemptsSeconds,
                    inCrm / attemptsSeconds);
            System.out.printf("certifications awarded (keyed in the CRM): %d of %d expected, all done after %.1f s%n",
                    awarded, awardsExpected, seconds);
            System.out.printf("Salesforce API calls of the bus meanwhile: %d (this probe's %d COUNT() queries taken off); "
                    + "by kind, probe included:%n", calls, probes);
            kinds.forEach((kind, n) -> {
                long d = n - kindsBefore.getOrDefault(kind, 0L);
                if (d > 0) {
                    System.out.printf("  %6d  %s%n", d, kind);
                }
            });
        } finally {
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
        System.exit(0); // the embedded parts leave non-daemon threads behind
    }
}
