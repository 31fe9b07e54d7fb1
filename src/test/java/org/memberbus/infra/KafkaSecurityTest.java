package org.memberbus.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The KAFKA_* settings become the same client properties for camel-kafka and the bus's own clients. */
class KafkaSecurityTest {

    private static KafkaSecurity security(String protocol, String mechanism, String jaas, String user, String password,
                                          String truststore, String tokenEndpoint, String clientId, String clientSecret) {
        return new KafkaSecurity(protocol, mechanism, jaas, user, password, truststore, truststore == null ? null : "trust-pw",
                null, null, null, tokenEndpoint, clientId, clientSecret, null);
    }

    @Test
    void scramOverTlsFromUsernameAndPasswordReachesCamelKafkasProducersAndConsumers() throws Exception {
        var security = security("sasl_ssl", "SCRAM-SHA-512", null, "memberbus", "pa\"ss", "/etc/kafka/ca.p12", null, null, null);
        var clients = new KafkaClients("broker-1:9093", security);
        assertThat(clients.clientConfig())
                .containsEntry("bootstrap.servers", "broker-1:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"memberbus\" password=\"pa\\\"ss\";")
                .containsEntry("ssl.truststore.location", "/etc/kafka/ca.p12")
                .containsEntry("ssl.truststore.password", "trust-pw");

        var kafka = new KafkaComponent();
        try (var camel = new DefaultCamelContext()) {
            kafka.setCamelContext(camel);
            clients.kafkaSecurityCustomizer().configure("kafka", kafka);
            var producer = kafka.getConfiguration().createProducerProperties();
            var consumer = kafka.getConfiguration().createConsumerProperties();
            for (var props : java.util.List.of(producer, consumer)) {
                assertThat(props).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                        .containsEntry("ssl.truststore.location", "/etc/kafka/ca.p12")
                        .containsEntry("sasl.jaas.config", clients.clientConfig().get("sasl.jaas.config"));
            }
        }
    }

    @Test
    void oauthBearerFetchesTokensFromTheEndpointWithTheClientCredentials() {
        var props = security("SASL_SSL", "OAUTHBEARER", null, null, null, null,
                "https://idp.example.org/oauth2/token", "memberbus", "s3cret").clientProperties();
        assertThat(props)
                .containsEntry("sasl.oauthbearer.token.endpoint.url", "https://idp.example.org/oauth2/token")
                .containsEntry("sasl.login.callback.handler.class", KafkaSecurity.OAUTH_LOGIN_HANDLER)
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required "
                        + "clientId=\"memberbus\" clientSecret=\"s3cret\";");
    }

    @Test
    void aGivenJaasLineIsUsedAsItIs() {
        var jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"a\" password=\"b\";";
        assertThat(security("SASL_SSL", "PLAIN", jaas, null, null, null, null, null, null).clientProperties())
                .containsEntry("sasl.jaas.config", jaas);
    }

    @Test
    void plaintextIsTheDefaultAndCarriesNoSaslOrTls() {
        assertThat(KafkaSecurity.plaintext().clientProperties()).containsExactlyEntriesOf(java.util.Map.of("security.protocol", "PLAINTEXT"));
    }

    @Test
    void incompleteSettingsStopStartUpNamingTheVariable() {
        assertThat(catchThrowable(() -> security("SASL_SSL", null, null, null, null, null, null, null, null).clientProperties()))
                .isInstanceOf(StartupCheckException.class)
                .hasMessage("Missing required setting: environment variable KAFKA_SASL_MECHANISM is not set (KAFKA_SECURITY_PROTOCOL is SASL_SSL).");
        assertThat(catchThrowable(() -> security("SASL_SSL", "SCRAM-SHA-256", null, "memberbus", null, null, null, null, null).clientProperties()))
                .hasMessage("Missing required setting: environment variable KAFKA_SASL_PASSWORD (or KAFKA_SASL_JAAS_CONFIG) is not set "
                        + "(KAFKA_SASL_MECHANISM is SCRAM-SHA-256).");
        assertThat(catchThrowable(() -> security("SASL_SSL", "OAUTHBEARER", null, null, null, null, null, "id", "secret").clientProperties()))
                .hasMessageContaining("KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL");
        assertThat(catchThrowable(() -> security("TLS", null, null, null, null, null, null, null, null).clientProperties()))
                .hasMessageStartingWith("KAFKA_SECURITY_PROTOCOL is TLS");
    }
}
