package org.memberbus.certification;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Issues Open Badges 3.0 {@code OpenBadgeCredential}s as VC-JWTs (OB 3.0 §8.2, the JSON Web Token
 * proof format): the credential's members are the JWT's claims, with {@code iss}, {@code sub},
 * {@code jti}, {@code nbf} and {@code exp} mapped from issuer, subject, id, validFrom and
 * validUntil; signed ES256 with the association's key (a P-256 private JWK from configuration,
 * {@code MEMBERBUS_BADGE_SIGNING_KEY}), whose public half is in the JOSE header ({@code jwk},
 * {@code kid}) and at {@code /badges/issuer/jwks.json}, so anyone can verify it.
 */
public final class BadgeIssuer {

    private final ECKey key;
    private final String publicBaseUrl;
    private final CertificationRules rules;

    public BadgeIssuer(String signingKeyJwk, String publicBaseUrl, CertificationRules rules)
            throws ParseException, JOSEException {
        if (signingKeyJwk == null || signingKeyJwk.isBlank()) {
            throw new IllegalStateException("memberbus.certification.badge-signing-key (MEMBERBUS_BADGE_SIGNING_KEY) is not set");
        }
        var jwk = JWK.parse(signingKeyJwk);
        if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || !ec.isPrivate()) {
            throw new IllegalStateException("the badge signing key must be a private EC P-256 JWK (ES256)");
        }
        this.key = ec.getKeyID() != null ? ec : new ECKey.Builder(ec).keyIDFromThumbprint().build();
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
        this.rules = rules;
    }

    public String badgeUrl(UUID badgeId) {
        return publicBaseUrl + "/badges/" + badgeId;
    }

    /** The issuer's public key set, for verifiers. */
    public Map<String, Object> publicKeys() {
        return Map.of("keys", List.of(key.toPublicJWK().toJSONObject()));
    }

    /** The signed credential for a certification awarded on {@code awardedOn} until {@code expiresOn}. */
    public String issue(UUID badgeId, String crmContactId, CertificationRules.Program program, LocalDate awardedOn,
                        LocalDate expiresOn) throws JOSEException {
        var id = "urn:uuid:" + badgeId;
        var issuer = new LinkedHashMap<String, Object>();
        issuer.put("id", rules.issuerUrl());
        issuer.put("type", List.of("Profile"));
        issuer.put("name", rules.issuerName());
        var achievement = new LinkedHashMap<String, Object>();
        achievement.put("id", rules.issuerUrl() + "/certifications/" + program.examCode());
        achievement.put("type", List.of("Achievement"));
        achievement.put("achievementType", "Certification");
        achievement.put("name", program.name());
        achievement.put("description", program.name() + ", awarded on passing exam " + program.examCode() + ".");
        achievement.put("criteria", Map.of("narrative", "Pass exam " + program.examCode() + " and keep "
                + program.ceRequired() + " CE credits per " + program.cycleYears() + "-year cycle."));
        var subject = new LinkedHashMap<String, Object>();
        // the member by the association's id for them, not by name or email: no personal data in a public badge
        subject.put("id", rules.issuerUrl() + "/members/" + crmContactId);
        subject.put("type", List.of("AchievementSubject"));
        subject.put("achievement", achievement);
        var from = awardedOn.atStartOfDay().toInstant(ZoneOffset.UTC);
        var until = expiresOn.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        var claims = new JWTClaimsSet.Builder()
                .claim("@context", List.of("https://www.w3.org/ns/credentials/v2",
                        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"))
                .claim("id", id)
                .claim("type", List.of("VerifiableCredential", "OpenBadgeCredential"))
                .claim("name", program.name())
                .claim("issuer", issuer)
                .claim("validFrom", from.toString())
                .claim("validUntil", until.toString())
                .claim("credentialSubject", subject)
                .issuer(rules.issuerUrl())
                .subject((String) subject.get("id"))
                .jwtID(id)
                .notBeforeTime(Date.from(from))
                .expirationTime(Date.from(until))
                .issueTime(Date.from(Instant.now()))
                .build();
        var header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType("JWT"))
                .keyID(key.getKeyID())
                .jwk(key.toPublicJWK())
                .build();
        var jwt = new SignedJWT(header, claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
