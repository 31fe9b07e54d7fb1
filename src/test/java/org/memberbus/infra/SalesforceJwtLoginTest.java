package org.memberbus.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.Limits;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memberbus.sandbox.SimulatorHost;
import org.memberbus.sandbox.salesforce.SalesforceSimulator;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The OAuth 2.0 JWT bearer login, as production runs it with SALESFORCE_AUTH_TYPE=JWT: the real
 * camel-salesforce signs with the mounted key store ({@link SalesforceAuthentication}), and the
 * Salesforce simulator verifies the signature against the connected app's certificate.
 */
class SalesforceJwtLoginTest {

    private static final String PASSWORD = "changeit-jwt";

    @TempDir
    static Path dir;
    private static SimulatorHost salesforce;
    private static Path appKeystore;

    @BeforeAll
    static void start() {
        appKeystore = TestKeys.keyPair(dir, "connected-app", "memberbus", PASSWORD);
        var certificate = TestKeys.certificatePem(appKeystore, "connected-app", PASSWORD);
        var env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "sandbox.salesforce.jwt-certificate", certificate.toString(),
                "sandbox.salesforce.seed-demo-data", "false")));
        salesforce = SimulatorHost.start("salesforce", 0, env, SalesforceSimulator.class);
    }

    @AfterAll
    static void stop() {
        salesforce.close();
    }

    @Test
    void theConnectedAppsKeyLogsInAndTheApiAnswers() throws Exception {
        try (var camel = camel(SalesforceAuthentication.keystore(appKeystore.toString(), PASSWORD, "PKCS12"),
                "integration@memberbus.sandbox")) {
            camel.start();
            var limits = camel.createProducerTemplate().requestBody("salesforce:limits", null, Limits.class);
            assertThat(limits.getDailyApiRequests().getMax()).isPositive();
        }
    }

    @Test
    void anotherKeyIsRefusedWithInvalidGrant() {
        var stranger = TestKeys.keyPair(dir, "stranger", "memberbus", PASSWORD);
        var failure = catchThrowable(() -> {
            try (var camel = camel(SalesforceAuthentication.keystore(stranger.toString(), PASSWORD, "PKCS12"),
                    "integration@memberbus.sandbox")) {
                camel.start();
            }
        });
        assertThat(rootSalesforceError(failure)).contains("invalid_grant").contains("invalid assertion");
    }

    @Test
    void anUnknownUserIsRefused() {
        var failure = catchThrowable(() -> {
            try (var camel = camel(SalesforceAuthentication.keystore(appKeystore.toString(), PASSWORD, "PKCS12"),
                    "nobody@memberbus.sandbox")) {
                camel.start();
            }
        });
        assertThat(rootSalesforceError(failure)).contains("invalid_grant").contains("user hasn't approved this consumer");
    }

    @Test
    void aMissingKeyStoreStopsStartUpByName() {
        var failure = catchThrowable(() -> SalesforceAuthentication.keystore(dir.resolve("missing.p12").toString(), PASSWORD, "PKCS12"));
        assertThat(failure).isInstanceOf(StartupCheckException.class).hasMessageContaining("SALESFORCE_KEYSTORE_PATH");
    }

    @Test
    void jwtWithoutAKeyStoreStopsStartUpNamingTheVariable() {
        var env = new org.springframework.mock.env.MockEnvironment()
                .withProperty("memberbus.salesforce.auth-type", "JWT");
        assertThat(catchThrowable(() -> new SalesforceAuthentication().salesforceLogin(env)))
                .isInstanceOf(StartupCheckException.class)
                .hasMessage("Missing required setting: environment variable SALESFORCE_KEYSTORE_PATH is not set (SALESFORCE_AUTH_TYPE is JWT).");
        var passwordLogin = new org.springframework.mock.env.MockEnvironment().withProperty("memberbus.salesforce.client-secret", "s");
        assertThat(catchThrowable(() -> new SalesforceAuthentication().salesforceLogin(passwordLogin)))
                .hasMessage("Missing required setting: environment variable SALESFORCE_PASSWORD is not set (SALESFORCE_AUTH_TYPE is USERNAME_PASSWORD).");
    }

    private static DefaultCamelContext camel(KeyStoreParameters keystore, String user) {
        var component = new SalesforceComponent();
        component.setLoginUrl("http://localhost:" + salesforce.port());
        component.setClientId("memberbus-sandbox");
        component.setUserName(user);
        component.setAuthenticationType(AuthenticationType.JWT);
        component.setKeystore(keystore);
        var context = new DefaultCamelContext();
        context.addComponent("salesforce", component);
        return context;
    }

    private static String rootSalesforceError(Throwable failure) {
        for (var t = failure; t != null; t = t.getCause()) {
            if (t instanceof SalesforceException e) {
                return e.toString() + " " + e.getErrors();
            }
        }
        throw new AssertionError("no SalesforceException in " + failure, failure);
    }
}
