package org.memberbus.infra;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * TLS to the Artemis broker from separate settings: with {@code ARTEMIS_TRUSTSTORE_PATH} set,
 * {@code sslEnabled=true;trustStorePath=...;trustStorePassword=...} are added to the broker URL
 * Spring Boot connects with ({@code ARTEMIS_URL}), so the URL itself carries no secret. A URL that
 * already says {@code sslEnabled} is left as it is.
 */
@Configuration(proxyBeanMethods = false)
class ArtemisTlsUrl {

    /** The broker URL with the trust store (and, for mutual TLS, the key store) added. */
    static String compose(String url, String truststorePath, String truststorePassword,
                          String keystorePath, String keystorePassword) {
        if (url == null || blank(truststorePath) || url.contains("sslEnabled=")) {
            return url;
        }
        var params = new StringBuilder("sslEnabled=true;trustStorePath=").append(encode(truststorePath));
        if (!blank(truststorePassword)) {
            params.append(";trustStorePassword=").append(encode(truststorePassword));
        }
        if (!blank(keystorePath)) {
            params.append(";keyStorePath=").append(encode(keystorePath));
            if (!blank(keystorePassword)) {
                params.append(";keyStorePassword=").append(encode(keystorePassword));
            }
        }
        return url + (url.contains("?") ? ";" : "?") + params;
    }

    @Bean
    static BeanPostProcessor artemisTlsBrokerUrl(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof ArtemisProperties artemis && artemis.getBrokerUrl() != null) {
                    artemis.setBrokerUrl(compose(artemis.getBrokerUrl(),
                            environment.getProperty("memberbus.artemis.truststore-path"),
                            environment.getProperty("memberbus.artemis.truststore-password"),
                            environment.getProperty("memberbus.artemis.keystore-path"),
                            environment.getProperty("memberbus.artemis.keystore-password")));
                }
                return bean;
            }
        };
    }

    /**
     * Artemis decodes the URL's query twice (java.net.URI's getQuery, then its own parameter
     * parser), so a value is encoded twice: a password with ';', '&' or '=' then arrives whole.
     */
    private static String encode(String value) {
        return URLEncoder.encode(URLEncoder.encode(value, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
