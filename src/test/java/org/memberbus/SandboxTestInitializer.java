package org.memberbus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * Gives the test sandbox its own free ports, a fresh data folder, and its own copy of the route
 * files, so it runs beside a developer's sandbox and a test may edit routes without touching
 * the real ones.
 */
public class SandboxTestInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final List<String> PORTS = List.of("sandbox.postgres.port", "sandbox.kafka.port",
            "sandbox.kafka.controller-port", "sandbox.artemis.port", "sandbox.salesforce.port",
            "sandbox.community.port", "sandbox.gateway.port", "sandbox.accounting.port", "sandbox.exams.port",
            "sandbox.exams.sftp-port", "sandbox.marketing.port", "sandbox.webinar.port");

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var props = new HashMap<String, Object>();
        PORTS.forEach(p -> props.put(p, freePort()));
        var dataDir = Path.of("target", "test-sandbox", UUID.randomUUID().toString()).toAbsolutePath();
        var routes = dataDir.resolve("routes");
        try {
            Files.createDirectories(routes);
            FileSystemUtils.copyRecursively(Path.of("routes"), routes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        props.put("sandbox.data-dir", dataDir.toString());
        // two sandboxes in one JVM must not share their broker's JMX names
        props.put("sandbox.artemis.broker-name", "memberbus-" + dataDir.getFileName().toString().substring(0, 8));
        props.put("memberbus.routes-dir", routes.toString());
        // its own GL mapping too, so a test may switch the closed-period policy without touching config/
        try {
            Files.copy(Path.of("config", "gl-mapping.yaml"), dataDir.resolve("gl-mapping.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        props.put("memberbus.ledger.mapping-path", dataDir.resolve("gl-mapping.yaml").toString());
        // its own copy of the prices too, so a test may change them as staff do (finance.dues)
        try {
            Files.copy(Path.of("config", "pricing.yaml"), dataDir.resolve("pricing.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        props.put("memberbus.join.pricing-path", dataDir.resolve("pricing.yaml").toString());
        // its own copy of the CEU rules, so a test may give its event a rule as staff do (events)
        try {
            Files.copy(Path.of("config", "ceu-rules.yaml"), dataDir.resolve("ceu-rules.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        props.put("memberbus.events.ceu-rules-path", dataDir.resolve("ceu-rules.yaml").toString());
        // its own copy of the warehouse extracts, so a test may lower the Bulk API 2.0 threshold (reporting)
        try {
            Files.copy(Path.of("config", "warehouse.yaml"), dataDir.resolve("warehouse.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        props.put("memberbus.warehouse.config-path", dataDir.resolve("warehouse.yaml").toString());
        // the webinar platform's participants report in pages of 2, so the tests page through it (events)
        props.put("memberbus.webinar.report-page-size", 2);
        // a partner that says "slow down" without Retry-After gets its command again soon, not in 30 s
        props.put("memberbus.partners.slow-down-default", "PT2S");
        // a user per role beside the demo user, and the tokens of a local OpenID Connect issuer
        TestUsers.properties().forEach(props::put);
        props.put("memberbus.security.oidc.issuer-uri", TestIssuer.get().uri());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("sandbox-test", props));
    }

    /** A port nothing listens on now. */
    public static int freePort() {
        try (var socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
