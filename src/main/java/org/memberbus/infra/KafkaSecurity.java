package org.memberbus.infra;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the bus reaches Kafka: plain, TLS, or SASL (SCRAM-SHA-256/512, PLAIN, OAUTHBEARER) over TLS.
 * One place turns these settings into Kafka client properties, which camel-kafka and every client
 * the bus makes itself (health check, topic set-up) then share. Production reads them from
 * {@code KAFKA_*} environment variables (application-production.yaml).
 *
 * @param saslJaasConfig    a whole JAAS line; when blank it is made from the username and password
 *                          (SCRAM, PLAIN) or the OAuth client (OAUTHBEARER)
 * @param oauthTokenEndpoint the OAuth token endpoint OAUTHBEARER fetches its tokens from
 */
@ConfigurationProperties("memberbus.kafka.security")
public record KafkaSecurity(String protocol, String saslMechanism, String saslJaasConfig, String saslUsername,
                            String saslPassword, String truststoreLocation, String truststorePassword,
                            String truststoreType, String keystoreLocation, String keystorePassword,
                            String oauthTokenEndpoint, String oauthClientId, String oauthClientSecret, String oauthScope) {

    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_SSL", "SASL_PLAINTEXT");
    private static final Set<String> MECHANISMS = Set.of("SCRAM-SHA-256", "SCRAM-SHA-512", "PLAIN", "OAUTHBEARER");
    /** Kafka's own login handler that fetches OAuth client-credentials tokens from the endpoint. */
    static final String OAUTH_LOGIN_HANDLER = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler";

    public KafkaSecurity {
        protocol = blank(protocol) ? "PLAINTEXT" : protocol.trim().toUpperCase(Locale.ROOT);
        saslMechanism = blank(saslMechanism) ? null : saslMechanism.trim().toUpperCase(Locale.ROOT);
    }

    /** Plain connections, as the sandbox uses. */
    public static KafkaSecurity plaintext() {
        return new KafkaSecurity(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    boolean sasl() {
        return protocol.startsWith("SASL_");
    }

    /**
     * The Kafka client properties for these settings ({@code security.protocol}, {@code sasl.*},
     * {@code ssl.*}). Settings that do not fit together stop start-up naming the variable to set.
     */
    public Map<String, Object> clientProperties() {
        if (!PROTOCOLS.contains(protocol)) {
            throw new StartupCheckException("KAFKA_SECURITY_PROTOCOL is " + protocol + "; it must be one of " + PROTOCOLS + ".",
                    "Set KAFKA_SECURITY_PROTOCOL to PLAINTEXT, SSL or SASL_SSL.");
        }
        var props = new LinkedHashMap<String, Object>();
        props.put("security.protocol", protocol);
        if (sasl()) {
            if (saslMechanism == null) {
                throw StartupCheckException.missing("KAFKA_SASL_MECHANISM", "KAFKA_SECURITY_PROTOCOL is " + protocol);
            }
            if (!MECHANISMS.contains(saslMechanism)) {
                throw new StartupCheckException("KAFKA_SASL_MECHANISM is " + saslMechanism + "; it must be one of " + MECHANISMS + ".",
                        "Set KAFKA_SASL_MECHANISM to SCRAM-SHA-512, SCRAM-SHA-256, PLAIN or OAUTHBEARER.");
            }
            props.put("sasl.mechanism", saslMechanism);
            props.put("sasl.jaas.config", blank(saslJaasConfig) ? jaasConfig() : saslJaasConfig);
            if (saslMechanism.equals("OAUTHBEARER")) {
                if (blank(oauthTokenEndpoint)) {
                    throw StartupCheckException.missing("KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL", "KAFKA_SASL_MECHANISM is OAUTHBEARER");
                }
                props.put("sasl.oauthbearer.token.endpoint.url", oauthTokenEndpoint);
                props.put("sasl.login.callback.handler.class", OAUTH_LOGIN_HANDLER);
            }
        }
        if (!blank(truststoreLocation)) {
            props.put("ssl.truststore.location", truststoreLocation);
            if (!blank(truststorePassword)) {
                props.put("ssl.truststore.password", truststorePassword);
            }
            props.put("ssl.truststore.type", blank(truststoreType) ? "PKCS12" : truststoreType);
        }
        if (!blank(keystoreLocation)) {      // mutual TLS: the bus's own certificate
            props.put("ssl.keystore.location", keystoreLocation);
            props.put("ssl.keystore.type", "PKCS12");
            if (!blank(keystorePassword)) {
                props.put("ssl.keystore.password", keystorePassword);
                props.put("ssl.key.password", keystorePassword);
            }
        }
        return props;
    }

    private String jaasConfig() {
        if (saslMechanism.equals("OAUTHBEARER")) {
            require(oauthClientId, "KAFKA_SASL_OAUTHBEARER_CLIENT_ID");
            require(oauthClientSecret, "KAFKA_SASL_OAUTHBEARER_CLIENT_SECRET");
            return "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId=" + quoted(oauthClientId)
                    + " clientSecret=" + quoted(oauthClientSecret) + (blank(oauthScope) ? "" : " scope=" + quoted(oauthScope)) + ";";
        }
        require(saslUsername, "KAFKA_SASL_USERNAME");
        require(saslPassword, "KAFKA_SASL_PASSWORD");
        var module = saslMechanism.equals("PLAIN")
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        return module + " required username=" + quoted(saslUsername) + " password=" + quoted(saslPassword) + ";";
    }

    private void require(String value, String variable) {
        if (blank(value)) {
            throw StartupCheckException.missing(variable + " (or KAFKA_SASL_JAAS_CONFIG)",
                    "KAFKA_SASL_MECHANISM is " + saslMechanism);
        }
    }

    /** Never the secrets. */
    @Override
    public String toString() {
        return "KafkaSecurity[protocol=" + protocol + ", saslMechanism=" + saslMechanism + ", truststore=" + truststoreLocation + "]";
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
