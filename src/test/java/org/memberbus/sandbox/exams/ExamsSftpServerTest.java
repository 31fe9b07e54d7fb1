package org.memberbus.sandbox.exams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memberbus.sandbox.SimulatorHost;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The file-drop exam body, read with real SFTP clients: MINA SSHD's and camel-ftp's {@code sftp:} consumer. */
class ExamsSftpServerTest {

    static final String HEADER = "result_id,member_number,crm_contact_id,exam_code,exam_date,score,passing_score,result";
    static final String YESTERDAY = "results-" + LocalDate.now().minusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE) + ".csv";
    static final String TODAY = "results-" + LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE);

    @TempDir
    static Path dataDir;
    static ExamsSftpServer server;
    static SimulatorHost host;
    static SshClient ssh;
    static final Queue<PublicKey> hostKeys = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() throws IOException {
        server = new ExamsSftpServer(dataDir, 0, "exams", "sandbox").start();
        var env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of("sandbox.data-dir", dataDir.toString())));
        host = SimulatorHost.start(ExamsSimulator.NAME, 0, env, ExamsSimulator.class);
        ssh = SshClient.setUpDefaultClient();
        ssh.setServerKeyVerifier((session, address, key) -> hostKeys.add(key));
        ssh.start();
    }

    @AfterAll
    static void stop() throws IOException {
        ssh.stop();
        host.close();
        server.close();
    }

    static ClientSession login(int port, String password) throws IOException {
        var session = ssh.connect("exams", "127.0.0.1", port).verify(Duration.ofSeconds(5)).getSession();
        session.addPasswordIdentity(password);
        session.auth().verify(Duration.ofSeconds(5));
        return session;
    }

    static List<String> list(SftpClient sftp, String dir) throws IOException {
        return StreamSupport.stream(sftp.readDir(dir).spliterator(), false).map(SftpClient.DirEntry::getFilename)
                .filter(name -> !name.startsWith(".")).sorted().toList();
    }

    static List<String> download(SftpClient sftp, String path) throws IOException {
        try (var in = sftp.read(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    static boolean wellFormed(String line) {
        var cols = line.split(",", -1);
        return cols.length == 8 && cols[5].matches("\\d+") && cols[6].matches("\\d+")
                && cols[4].matches("\\d{4}-\\d{2}-\\d{2}") && cols[7].matches("PASS|FAIL");
    }

    @Test
    void theSeededFileHoldsLastNightsResultsWithOneMalformedRow() throws IOException {
        try (var session = login(server.port(), "sandbox"); var sftp = SftpClientFactory.instance().createSftpClient(session)) {
            assertThat(list(sftp, "/")).contains("outbox");
            assertThat(list(sftp, "outbox")).contains(YESTERDAY);
            var lines = download(sftp, "outbox/" + YESTERDAY);
            assertThat(lines.get(0)).isEqualTo(HEADER);
            var rows = lines.subList(1, lines.size());
            assertThat(rows).hasSizeBetween(18, 25);
            assertThat(rows.stream().filter(l -> !wellFormed(l))).singleElement()
                    .satisfies(bad -> assertThat(bad).contains("eighty-two"));

            var members = DemoAssociation.generate(LocalDate.now()).members().stream()
                    .collect(Collectors.toMap(DemoMember::memberNumber, Function.identity()));
            for (var row : rows.stream().filter(ExamsSftpServerTest::wellFormed).toList()) {
                var cols = row.split(",");
                var member = members.get(cols[1]);
                assertThat(member).as(row).isNotNull();
                assertThat(cols[2]).isEqualTo(member.crmContactId());
                var exam = ExamCatalogue.byCode(cols[3]).orElseThrow();
                assertThat(cols[4]).isEqualTo(LocalDate.now().minusDays(1).toString());
                assertThat(Integer.parseInt(cols[6])).isEqualTo(exam.passingScore());
                assertThat(cols[7]).isEqualTo(Integer.parseInt(cols[5]) >= exam.passingScore() ? "PASS" : "FAIL");
            }
            assertThat(rows.stream().map(r -> r.split(",")[0]).distinct()).hasSameSizeAs(rows);
        }
    }

    @Test
    void aWrongPasswordIsRejected() {
        assertThatThrownBy(() -> login(server.port(), "wrong").close()).isInstanceOf(SshException.class);
    }

    @Test
    void aDropWritesAnotherFileNow() throws IOException {
        var client = new SimulatorClient(host.port());
        var generated = client.send("POST", "/__sandbox/sftp/drop", Map.of("count", 3, "badRow", true), Map.of());
        assertThat(generated.status()).isEqualTo(201);
        var generatedFile = generated.json().get("file").asText();
        assertThat(generatedFile).startsWith("outbox/" + TODAY).endsWith(".csv");
        assertThat(generated.json().get("malformedRows").asInt()).isEqualTo(1);

        var given = client.send("POST", "/__sandbox/sftp/drop", Map.of("rows", List.of(
                Map.of("memberNumber", "M000001", "examCode", "CAP-101", "score", 88),
                Map.of("memberNumber", "M000002", "examCode", "CEM-301", "score", 50, "resultId", "RF-custom-1"))), Map.of());
        assertThat(given.status()).isEqualTo(201);
        var givenFile = given.json().get("file").asText();
        assertThat(givenFile).isNotEqualTo(generatedFile);

        try (var session = login(server.port(), "sandbox"); var sftp = SftpClientFactory.instance().createSftpClient(session)) {
            assertThat(list(sftp, "outbox")).contains(generatedFile.substring(7), givenFile.substring(7));
            var lines = download(sftp, generatedFile);
            assertThat(lines.get(0)).isEqualTo(HEADER);
            assertThat(lines).hasSize(5);
            assertThat(lines.subList(1, 5).stream().filter(l -> !wellFormed(l))).singleElement()
                    .satisfies(bad -> assertThat(bad.split(",", -1)).hasSize(7));

            var member = DemoAssociation.generate(LocalDate.now()).members().get(0);
            assertThat(download(sftp, givenFile)).containsExactly(HEADER,
                    given.json().get("resultIds").get(0).asText() + ",M000001," + member.crmContactId() + ",CAP-101,"
                            + LocalDate.now() + ",88,70,PASS",
                    "RF-custom-1,M000002," + DemoAssociation.sfId("003", 2) + ",CEM-301," + LocalDate.now() + ",50,68,FAIL");
            // the bus may delete what it has processed
            sftp.remove(givenFile);
            assertThat(list(sftp, "outbox")).doesNotContain(givenFile.substring(7));
        }

        var invalid = client.send("POST", "/__sandbox/sftp/drop", Map.of("rows", List.of(
                Map.of("memberNumber", "M999999", "examCode", "CAP-101", "score", "high"))), Map.of());
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").findValuesAsText("field")).contains("rows[0]", "rows[0].score");
    }

    @Test
    void theHostKeyIsKeptAcrossRestarts(@TempDir Path otherDataDir) throws IOException {
        hostKeys.clear();
        try (var first = new ExamsSftpServer(otherDataDir, 0, "exams", "sandbox").start()) {
            assertThat(otherDataDir.resolve("exams/hostkey.ser")).exists();
            login(first.port(), "sandbox").close();
        }
        try (var second = new ExamsSftpServer(otherDataDir, 0, "exams", "sandbox").start()) {
            login(second.port(), "sandbox").close();
        }
        assertThat(hostKeys).hasSize(2);
        var keys = new ArrayList<>(hostKeys);
        assertThat(keys.get(1)).isEqualTo(keys.get(0));
    }

    @Test
    void camelsSftpConsumerDownloadsAndMovesTheFile(@TempDir Path otherDataDir) throws Exception {
        try (var sftpServer = new ExamsSftpServer(otherDataDir, 0, "exams", "sandbox").start();
             var camel = new DefaultCamelContext()) {
            var received = new ConcurrentLinkedQueue<String>();
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("sftp://exams@127.0.0.1:" + sftpServer.port() + "/outbox?password=sandbox"
                            + "&antInclude=results-*.csv&move=.done&strictHostKeyChecking=no"
                            + "&useUserKnownHostsFile=false&initialDelay=0&delay=100")
                            .routeId("exam-results-test")
                            .process(e -> received.add(e.getMessage().getHeader(Exchange.FILE_NAME, String.class)
                                    + "\n" + e.getMessage().getBody(String.class)));
                }
            });
            camel.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> !received.isEmpty());
            var file = received.peek();
            assertThat(file).startsWith(YESTERDAY + "\n" + HEADER + "\n").contains("eighty-two");
            var outbox = ExamsSftpServer.outbox(otherDataDir);
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(outbox.resolve(".done").resolve(YESTERDAY)));
            assertThat(outbox.resolve(YESTERDAY)).doesNotExist();
        }
        // a restart does not write the night's file again: the bus has it
        try (var again = new ExamsSftpServer(otherDataDir, 0, "exams", "sandbox").start()) {
            assertThat(ExamsSftpServer.outbox(otherDataDir).resolve(YESTERDAY)).doesNotExist();
        }
    }

    /**
     * The sandbox's default data folder is relative ({@code target/sandbox-data}): a real client
     * lists {@code /} and {@code outbox/}, downloads, renames and removes there too (it failed
     * with "No such file or directory" before the root was made absolute).
     */
    @Test
    void aRelativeDataFolderServesListDownloadRenameAndRemove() throws IOException {
        var relative = Path.of("target", "sftp-relative-" + System.nanoTime());
        assertThat(relative.isAbsolute()).isFalse();
        try (var relServer = new ExamsSftpServer(relative, 0, "exams", "sandbox").start();
             var session = login(relServer.port(), "sandbox");
             var sftp = SftpClientFactory.instance().createSftpClient(session)) {
            assertThat(sftp.canonicalPath(".")).isEqualTo("/");
            assertThat(list(sftp, "/")).containsExactly("outbox");
            assertThat(list(sftp, "/outbox")).containsExactly(YESTERDAY);
            assertThat(download(sftp, "/outbox/" + YESTERDAY).get(0)).isEqualTo(HEADER);
            sftp.mkdir("/outbox/.done");
            sftp.rename("/outbox/" + YESTERDAY, "/outbox/.done/" + YESTERDAY);
            assertThat(list(sftp, "/outbox")).isEmpty();
            assertThat(relative.resolve("exams/sftp/outbox/.done").resolve(YESTERDAY)).exists();
            sftp.remove("/outbox/.done/" + YESTERDAY);
            assertThat(relative.resolve("exams/sftp/outbox/.done").resolve(YESTERDAY)).doesNotExist();
            // nothing above the root can be reached: ".." from "/" is "/" again
            assertThat(list(sftp, "/../..")).containsExactly("outbox");
        }
    }
}
