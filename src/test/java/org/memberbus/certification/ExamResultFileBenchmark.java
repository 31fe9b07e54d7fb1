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
 * SFTP client, and prints the time until every attempt is an Exam_Attempt__c in the CRM and the
 * Salesforce API calls spent meanwhile (the simulator's own counter; the awards of the passes run
 * at the same time and are counted too). Never fails on a time. Arguments: [N, default 10000].
 */
public final class ExamResultFileBenchmark {

    private static final List<String> EXAMS = List.of("CAP-101,70", "CDS-201,75", "CEM-301,68");

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
        for (int i = 1; i <= rows; i++) {
            int member = 1 + (i - 1) % 2000;
            var exam = EXAMS.get(random.nextInt(EXAMS.size())).split(",");
            int passing = Integer.parseInt(exam[1]);
            int score = 40 + random.nextInt(50);
            file.append("BENCH-").append(i).append(",M").append("%06d".formatted(member)).append(",003DM")
                    .append("%010d".formatted(member)).append("AAA,").append(exam[0]).append(',').append(day).append(',')
                    .append(score).append(',').append(passing).append(',').append(score >= passing ? "PASS" : "FAIL")
                    .append('\n');
        }
        try (var bus = StandaloneBus.start(dataDir, settings); var ssh = SshClient.setUpDefaultClient()) {
            var partners = new PartnerProbe("http://localhost:" + settings.get("sandbox.salesforce.port"),
                    "http://localhost:" + settings.get("sandbox.community.port"),
                    "http://localhost:" + settings.get("sandbox.marketing.port"));
            // let the seeded nightly file go through first
            long quiet = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < quiet) {
                Thread.sleep(1000); // a program waiting, not a test
            }
            ssh.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            ssh.start();
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
            while (System.nanoTime() < deadline) {
                inCrm = partners.soql("SELECT COUNT() FROM Exam_Attempt__c WHERE Result_Id__c LIKE 'BENCH-%'")
                        .path("totalSize").asLong();
                if (inCrm >= rows) {
                    break;
                }
                Thread.sleep(500); // a program polling a counter, not a test
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long calls = partners.salesforceApiCalls() - callsBefore;
            System.out.printf("attempts in the CRM: %d of %d in %.1f s (%.0f rows/s)%n", inCrm, rows, seconds, inCrm / seconds);
            System.out.printf("Salesforce API calls meanwhile: %d (sObject Collections upserts of 200: %d; the rest are the "
                    + "passes' awards running alongside, and this probe's %d COUNT() queries are included)%n",
                    calls, (rows + 199) / 200, (long) (seconds * 2));
        } finally {
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
        System.exit(0); // the embedded parts leave non-daemon threads behind
    }
}
