package org.memberbus.certification;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The badge is an OB 3.0 VC-JWT a standard JOSE library verifies with the issuer's published key. */
class BadgeIssuerTest {

    @Test
    void theCredentialIsSignedES256AndVerifiesWithThePublishedKeyOnly() throws Exception {
        var key = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
        var rules = new CertificationRules("config/certification.yaml");
        var issuer = new BadgeIssuer(key.toJSONString(), "https://bus.example.org/", rules);
        var id = UUID.randomUUID();
        var program = rules.program("CAP-101").orElseThrow();
        var token = issuer.issue(id, "003DM0000000001AAA", program, LocalDate.of(2026, 12, 4), LocalDate.of(2029, 12, 3));

        var jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        var published = JWKSet.parse(new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(issuer.publicKeys()));
        var publicKey = (ECKey) published.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(publicKey.isPrivate()).isFalse();
        assertThat(jwt.verify(new ECDSAVerifier(publicKey))).isTrue();
        // another key does not verify it
        var other = new ECKeyGenerator(Curve.P_256).generate();
        assertThat(jwt.verify(new ECDSAVerifier(other.toPublicJWK()))).isFalse();

        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getStringListClaim("type")).containsExactly("VerifiableCredential", "OpenBadgeCredential");
        assertThat(claims.getStringListClaim("@context")).contains("https://www.w3.org/ns/credentials/v2");
        assertThat(claims.getJWTID()).isEqualTo("urn:uuid:" + id);
        assertThat(claims.getIssuer()).isEqualTo("https://association.example.org");
        assertThat(claims.getNotBeforeTime().toInstant().toString()).isEqualTo("2026-12-04T00:00:00Z");
        @SuppressWarnings("unchecked")
        var achievement = (Map<String, Object>) ((Map<String, Object>) claims.getClaim("credentialSubject")).get("achievement");
        assertThat(achievement.get("name")).isEqualTo("Certified Association Professional");
        assertThat(achievement.get("type")).isEqualTo(List.of("Achievement"));
        assertThat(issuer.badgeUrl(id)).isEqualTo("https://bus.example.org/badges/" + id);
    }
}
