package org.memberbus;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * A tiny OpenID Connect issuer for tests: its discovery document and key set (a fresh RSA key)
 * on a loopback port, and access tokens it signs. One per JVM, started on first use.
 */
public final class TestIssuer {

    private static TestIssuer instance;

    private final RSAKey key;
    private final String uri;

    private TestIssuer() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        uri = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/memberbus";
        var discovery = """
                {"issuer":"%s","jwks_uri":"%s/protocol/openid-connect/certs","subject_types_supported":["public"],
                 "response_types_supported":["code"],"id_token_signing_alg_values_supported":["RS256"],
                 "authorization_endpoint":"%s/protocol/openid-connect/auth","token_endpoint":"%s/protocol/openid-connect/token"}"""
                .formatted(uri, uri, uri, uri);
        var jwks = new JWKSet(key.toPublicJWK()).toString();
        server.createContext("/realms/memberbus/.well-known/openid-configuration", exchange -> answer(exchange, discovery));
        server.createContext("/realms/memberbus/protocol/openid-connect/certs", exchange -> answer(exchange, jwks));
        server.setExecutor(null);
        server.start();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        var bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public static synchronized TestIssuer get() {
        if (instance == null) {
            try {
                instance = new TestIssuer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    /** The issuer URI (what {@code MEMBERBUS_OIDC_ISSUER_URI} would be). */
    public String uri() {
        return uri;
    }

    /** An access token for this user with these names in its {@code roles} claim, valid five minutes. */
    public String token(String subject, List<String> roles) {
        return sign(uri, subject, roles, key);
    }

    /** The same token signed by another key: no issuer's key set holds it. */
    public String forgedToken(String subject, List<String> roles) {
        try {
            return sign(uri, subject, roles, new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(String issuer, String subject, List<String> roles, RSAKey with) {
        var now = Instant.now();
        var claims = new JWTClaimsSet.Builder().issuer(issuer).subject(subject).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300))).claim("roles", roles).build();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(with));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
