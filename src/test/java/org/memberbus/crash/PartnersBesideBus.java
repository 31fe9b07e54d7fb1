package org.memberbus.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.memberbus.infra.TestKeys;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTestInitializer;

/**
 * The sandbox in two processes, as the README runs it: {@code target/memberbus.jar --sandbox.role=partners}
 * (embedded PostgreSQL, Kafka, Artemis, every simulator) on free ports with a fresh data folder,
 * and the production jar beside it, configured only by the environment variables the README lists.
 * The bus can be stopped, killed and started again on the same partners.
 */
final class PartnersBesideBus implements AutoCloseable {

    static final Path SANDBOX_JAR = Path.of("target", "memberbus.jar");
    static final Path PRODUCTION_JAR = Path.of("target", "memberbus-production.jar");
    static final Duration START_LIMIT = Duration.ofMinutes(4);

    final Map<String, Integer> ports = new LinkedHashMap<>();
    final int busPort = SandboxTestInitializer.freePort();
    final Path dir;
    final JarProcess partners;
    final Duration partnersStartUp;
    private static final String KEYSTORE_PASSWORD = "changeit-connected-app";
    private final Path salesforceKeystore;
    private final Path artemisTrustStore;
    private final int artemisTlsPort = SandboxTestInitializer.freePort();
    private JarProcess bus;
    private int busStarts;
    Duration lastBusStartUp;

    private PartnersBesideBus(Path dir, List<String> settings) {
        this.dir = dir;
        for (var name : List.of("postgres.port", "kafka.port", "kafka.controller-port", "artemis.port", "salesforce.port",
                "community.port", "gateway.port", "accounting.port", "exams.port", "exams.sftp-port", "marketing.port",
                "webinar.port")) {
            ports.put(name, SandboxTestInitializer.freePort());
        }
        // the bus logs in to Salesforce by the JWT bearer flow, as production should: the connected
        // app (the simulator) holds the certificate, the bus the key store
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        salesforceKeystore = TestKeys.keyPair(dir, "connected-app", "memberbus", KEYSTORE_PASSWORD);
        var certificate = TestKeys.certificatePem(salesforceKeystore, "connected-app", KEYSTORE_PASSWORD);
        // and reaches the broker over TLS only, trusting its certificate
        var brokerKeystore = TestKeys.keyPair(dir, "artemis", "localhost", KEYSTORE_PASSWORD);
        artemisTrustStore = TestKeys.trustStore(brokerKeystore, "artemis", KEYSTORE_PASSWORD, KEYSTORE_PASSWORD);
        var args = new ArrayList<String>(List.of("--sandbox.role=partners",
                "--sandbox.salesforce.jwt-certificate=" + certificate.toAbsolutePath(),
                "--sandbox.artemis.tls-port=" + artemisTlsPort,
                "--sandbox.artemis.tls-keystore=" + brokerKeystore.toAbsolutePath(),
                "--sandbox.artemis.tls-keystore-password=" + KEYSTORE_PASSWORD,
                "--sandbox.data-dir=" + dir.resolve("partners-data").toAbsolutePath(),
                "--sandbox.bus-url=http://localhost:" + busPort,
                "--sandbox.artemis.broker-name=partners-" + dir.getFileName()));
        ports.forEach((name, port) -> args.add("--sandbox." + name + "=" + port));
        args.addAll(settings);
        partners = JarProcess.start("partners", SANDBOX_JAR, args, Map.of(), dir.resolve("partners.log"), "768m");
        // should this JVM end without close() (a test runner killed), the jars end with it
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "partners-beside-bus-kill"));
        partnersStartUp = partners.awaitReady(() -> partners.logContains("Partners ready"), START_LIMIT);
    }

    /** Starts the partners (not the bus) in {@code dir}, a folder of its own, with extra {@code --sandbox.*} settings. */
    static PartnersBesideBus startPartners(Path dir, List<String> settings) {
        return new PartnersBesideBus(dir, settings);
    }

    String url(String system) {
        return "http://localhost:" + ports.get(system + ".port");
    }

    /** Every variable the production profile reads, pointed at the partners (README "Running in production"). */
    Map<String, String> productionEnvironment() {
        var env = new LinkedHashMap<String, String>();
        env.put("SPRING_PROFILES_ACTIVE", "production");
        env.put("SERVER_PORT", Integer.toString(busPort));
        env.put("DATABASE_URL", "jdbc:postgresql://localhost:" + ports.get("postgres.port") + "/postgres");
        env.put("DATABASE_USER", "postgres");
        env.put("DATABASE_PASSWORD", "postgres");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + ports.get("kafka.port"));
        env.put("KAFKA_REPLICATION_FACTOR", "1"); // one broker
        env.put("ARTEMIS_URL", "tcp://localhost:" + artemisTlsPort);
        env.put("ARTEMIS_TRUSTSTORE_PATH", artemisTrustStore.toAbsolutePath().toString());
        env.put("ARTEMIS_TRUSTSTORE_PASSWORD", KEYSTORE_PASSWORD);
        env.put("ARTEMIS_USER", "memberbus");
        env.put("ARTEMIS_PASSWORD", "sandbox");
        env.put("SALESFORCE_LOGIN_URL", url("salesforce"));
        env.put("SALESFORCE_CLIENT_ID", "memberbus-sandbox");
        env.put("SALESFORCE_CLIENT_SECRET", "sandbox-secret");
        env.put("SALESFORCE_USERNAME", "integration@memberbus.sandbox");
        env.put("SALESFORCE_AUTH_TYPE", "JWT");
        env.put("SALESFORCE_KEYSTORE_PATH", salesforceKeystore.toAbsolutePath().toString());
        env.put("SALESFORCE_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD);
        env.put("COMMUNITY_URL", url("community"));
        env.put("COMMUNITY_API_KEY", "community-sandbox-key");
        env.put("COMMUNITY_WEBHOOK_SECRET", "whsec_community_sandbox");
        env.put("GATEWAY_URL", url("gateway"));
        env.put("GATEWAY_API_KEY", "sk_test_sandbox");
        env.put("GATEWAY_WEBHOOK_SECRET", "whsec_gateway_sandbox");
        env.put("EXAMS_URL", url("exams"));
        env.put("EXAMS_API_KEY", "exams-sandbox-key");
        env.put("EXAMS_WEBHOOK_SECRET", "whsec_exams_sandbox");
        // certification (issue 11): the exam body's SFTP server and the badge issuer
        env.put("EXAMS_SFTP_HOST", "localhost");
        env.put("EXAMS_SFTP_PORT", String.valueOf(ports.get("exams.sftp-port")));
        env.put("EXAMS_SFTP_USERNAME", "exams");
        env.put("EXAMS_SFTP_PASSWORD", "sandbox");
        env.put("EXAMS_SFTP_STRICT_HOST_KEY_CHECKING", "no"); // the partners' host key is made per run
        env.put("MEMBERBUS_PUBLIC_URL", "http://localhost:8080");
        env.put("MEMBERBUS_BADGE_SIGNING_KEY", "{\"kty\":\"EC\",\"d\":\"oSXyvMbI-vfEeIJ7YMq6Zj-jqoOCp8cl3CpraJu-eA0\","
                + "\"crv\":\"P-256\",\"x\":\"LQsvT81C_x5eq3RqGuTNUu9fJ-Tqw48B1dcAa7SqoCo\","
                + "\"y\":\"qO-yxibWk145wFNCxnjLgkri-sxTx0MdHmuDArKeQUE\"}"); // the sandbox's demo key
        env.put("MEMBERBUS_CHECKIN_SECRET", "partners-beside-bus-checkin-secret"); // events (issue 10): signs check-in QR codes
        env.put("ACCOUNTING_URL", url("accounting"));
        env.put("ACCOUNTING_API_KEY", "accounting-sandbox-key");
        env.put("MARKETING_URL", url("marketing"));
        env.put("MARKETING_CLIENT_ID", "memberbus-sandbox");
        env.put("MARKETING_CLIENT_SECRET", "sandbox-secret");
        env.put("WEBINAR_URL", url("webinar")); // events (issue 10): the webinar platform (Zoom's API)
        env.put("WEBINAR_OAUTH_URL", url("webinar"));
        env.put("WEBINAR_ACCOUNT_ID", "memberbus-sandbox-account");
        env.put("WEBINAR_CLIENT_ID", "memberbus-sandbox");
        env.put("WEBINAR_CLIENT_SECRET", "sandbox-secret");
        env.put("WEBINAR_WEBHOOK_SECRET", "whsec_webinar_sandbox");
        env.put("MEMBERBUS_SECURITY_USERS_0_NAME", "ops");
        env.put("MEMBERBUS_SECURITY_USERS_0_PASSWORD", "sandbox");
        env.put("MEMBERBUS_SECURITY_USERS_0_ROLES", "ADMIN,OPERATOR,VIEWER");
        env.put("MEMBERBUS_ROUTES_DIR", Path.of("routes").toAbsolutePath().toString());
        // health scores reach the CRM every 3 s, as in the sandbox, so a run settles quickly
        env.put("HEALTH_CRM_FLUSH_PERIOD_MS", "3000");
        return env;
    }

    /** Starts the production jar (again) on the same partners and waits until it is ready. */
    JarProcess startBus() {
        if (bus != null) {
            bus.close();
        }
        busStarts++;
        bus = JarProcess.start("bus", PRODUCTION_JAR, List.of(), productionEnvironment(),
                dir.resolve("bus-" + busStarts + ".log"), "512m");
        lastBusStartUp = bus.awaitReady(() -> JarProcess.answers(busUrl() + "/actuator/health/readiness"), START_LIMIT);
        return bus;
    }

    JarProcess bus() {
        return bus;
    }

    String busUrl() {
        return "http://localhost:" + busPort;
    }

    BusClient busClient() {
        return new BusClient(busPort);
    }

    PartnerProbe probe() {
        return new PartnerProbe(url("salesforce"), url("community"), url("marketing"));
    }

    @Override
    public void close() {
        if (bus != null) {
            bus.close();
        }
        partners.close();
    }
}
