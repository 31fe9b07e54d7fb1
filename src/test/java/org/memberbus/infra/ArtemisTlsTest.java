package org.memberbus.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.util.Map;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memberbus.SandboxTestInitializer;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Artemis over TLS as production configures it: ARTEMIS_URL plus ARTEMIS_TRUSTSTORE_PATH and
 * _PASSWORD, composed into the broker URL Spring Boot connects with ({@link ArtemisTlsUrl}),
 * against a broker whose only acceptor is TLS with a certificate made for this test.
 */
class ArtemisTlsTest {

    // a password with the characters that separate URL parameters
    private static final String TRUST_PASSWORD = "tr;ust&pa=ss";
    private static final String KEY_PASSWORD = "broker-secret";

    @TempDir
    static Path dir;
    private static ActiveMQServer broker;
    private static int port;
    private static Path truststore;

    @BeforeAll
    static void startTlsBroker() throws Exception {
        var keystore = TestKeys.keyPair(dir, "broker", "localhost", KEY_PASSWORD);
        truststore = TestKeys.trustStore(keystore, "broker", KEY_PASSWORD, TRUST_PASSWORD);
        port = SandboxTestInitializer.freePort();
        var config = new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration("tls", "tcp://127.0.0.1:" + port + "?sslEnabled=true;keyStorePath=" + keystore
                        + ";keyStorePassword=" + KEY_PASSWORD + ";keyStoreType=PKCS12");
        broker = ActiveMQServers.newActiveMQServer(config);
        broker.start();
    }

    @AfterAll
    static void stop() throws Exception {
        broker.stop();
    }

    @Test
    void theBusConnectsWithTheTrustStoreFromItsOwnVariables() throws Exception {
        var url = brokerUrlAsTheBusMakesIt("tcp://localhost:" + port, Map.of(
                "memberbus.artemis.truststore-path", truststore.toString(),
                "memberbus.artemis.truststore-password", TRUST_PASSWORD));
        assertThat(url).startsWith("tcp://localhost:" + port + "?sslEnabled=true;trustStorePath=");

        try (var factory = new ActiveMQConnectionFactory(url); var connection = factory.createConnection()) {
            connection.start();
            var session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var queue = session.createQueue("tls.check");
            session.createProducer(queue).send(session.createTextMessage("over TLS"));
            var received = session.createConsumer(queue).receive(10_000);
            assertThat(received.getBody(String.class)).isEqualTo("over TLS");
        }
    }

    @Test
    void withoutTheTrustStoreThePlainUrlCannotConnect() {
        var url = brokerUrlAsTheBusMakesIt("tcp://localhost:" + port + "?reconnectAttempts=0;initialConnectAttempts=1", Map.of());
        assertThat(url).doesNotContain("sslEnabled");
        var failure = catchThrowable(() -> {
            try (var factory = new ActiveMQConnectionFactory(url); var connection = factory.createConnection()) {
                connection.start();
            }
        });
        assertThat(failure).isInstanceOf(JMSException.class);
    }

    @Test
    void aUrlThatAlreadySaysSslIsLeftAsItIs() {
        var url = "tcp://broker:61617?sslEnabled=true;trustStorePath=/etc/ca.p12";
        assertThat(ArtemisTlsUrl.compose(url, "/other.p12", "x", null, null)).isEqualTo(url);
        assertThat(ArtemisTlsUrl.compose("(tcp://a:61617,tcp://b:61617)?ha=true", "/t.p12", null, null, null))
                .isEqualTo("(tcp://a:61617,tcp://b:61617)?ha=true;sslEnabled=true;trustStorePath=%252Ft.p12");
    }

    /** What Spring Boot's Artemis connection factory is given, after the bus's post-processor. */
    private static String brokerUrlAsTheBusMakesIt(String artemisUrl, Map<String, Object> settings) {
        var env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", settings));
        var properties = new ArtemisProperties();
        properties.setBrokerUrl(artemisUrl);
        BeanPostProcessor processor = ArtemisTlsUrl.artemisTlsBrokerUrl(env);
        return ((ArtemisProperties) processor.postProcessBeforeInitialization(properties, "artemisProperties")).getBrokerUrl();
    }
}
