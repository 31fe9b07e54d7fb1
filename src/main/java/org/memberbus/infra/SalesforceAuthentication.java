package org.memberbus.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Locale;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * How the bus logs in to Salesforce ({@code memberbus.salesforce.auth-type}):
 * {@code USERNAME_PASSWORD} (the connected app's secret and the integration user's password) or
 * {@code JWT}, the OAuth 2.0 JWT bearer flow, where camel-salesforce signs an assertion with the
 * private key of a mounted PKCS#12 key store whose certificate is uploaded to the connected app,
 * and no password is kept at all. The settings each needs are checked at start-up, by name.
 */
@Configuration(proxyBeanMethods = false)
class SalesforceAuthentication {

    @Bean
    ComponentCustomizer salesforceLogin(Environment environment) {
        var type = AuthenticationType.valueOf(environment.getProperty("memberbus.salesforce.auth-type", "USERNAME_PASSWORD")
                .trim().toUpperCase(Locale.ROOT));
        var keystore = switch (type) {
            case USERNAME_PASSWORD -> {
                require(environment, "memberbus.salesforce.client-secret", "SALESFORCE_CLIENT_SECRET");
                require(environment, "memberbus.salesforce.password", "SALESFORCE_PASSWORD");
                yield null;
            }
            case JWT -> keystore(require(environment, "memberbus.salesforce.keystore-path", "SALESFORCE_KEYSTORE_PATH"),
                    require(environment, "memberbus.salesforce.keystore-password", "SALESFORCE_KEYSTORE_PASSWORD"),
                    environment.getProperty("memberbus.salesforce.keystore-type", "PKCS12"));
            default -> throw new StartupCheckException("SALESFORCE_AUTH_TYPE is " + type + "; the bus logs in with USERNAME_PASSWORD or JWT.",
                    "Set SALESFORCE_AUTH_TYPE to USERNAME_PASSWORD or JWT.");
        };
        // the assertion's aud: the login URL unless set (a My Domain login URL still wants
        // https://login.salesforce.com or https://test.salesforce.com there)
        var audience = environment.getProperty("memberbus.salesforce.jwt-audience", "");
        return ComponentCustomizer.builder(SalesforceComponent.class).build(salesforce -> {
            salesforce.setAuthenticationType(type);
            if (!audience.isBlank()) {
                salesforce.setJwtAudience(audience);
            }
            if (keystore != null) {
                salesforce.setKeystore(keystore);
            }
        });
    }

    /**
     * camel-salesforce signs with the key store's only key entry (it refuses a store with more):
     * check that here, so a wrong file stops start-up with its reason, not at the first login.
     */
    static KeyStoreParameters keystore(String path, String password, String type) {
        var file = Path.of(path);
        if (!Files.isReadable(file)) {
            throw new StartupCheckException("SALESFORCE_KEYSTORE_PATH " + path + " is not a readable file.",
                    "Mount the connected app's key store (PKCS#12: private key and certificate) there.");
        }
        try (var in = Files.newInputStream(file)) {
            var store = KeyStore.getInstance(type);
            store.load(in, password.toCharArray());
            var keys = Collections.list(store.aliases()).stream().filter(alias -> isKey(store, alias)).count();
            if (keys != 1) {
                throw new StartupCheckException("SALESFORCE_KEYSTORE_PATH " + path + " holds " + keys
                        + " private keys; the JWT bearer flow needs exactly one.",
                        "Export only the connected app's key and certificate into the key store.");
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new StartupCheckException("SALESFORCE_KEYSTORE_PATH " + path + " cannot be opened as " + type
                    + " with SALESFORCE_KEYSTORE_PASSWORD: " + e.getMessage(),
                    "Check the key store file, its type (SALESFORCE_KEYSTORE_TYPE) and password.", e);
        }
        var parameters = new KeyStoreParameters();
        parameters.setResource("file:" + file.toAbsolutePath());
        parameters.setPassword(password);
        parameters.setType(type);
        return parameters;
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String require(Environment environment, String property, String variable) {
        var value = environment.getProperty(property);
        if (value == null || value.isBlank()) {
            throw StartupCheckException.missing(variable, "SALESFORCE_AUTH_TYPE is "
                    + environment.getProperty("memberbus.salesforce.auth-type", "USERNAME_PASSWORD"));
        }
        return value;
    }
}
