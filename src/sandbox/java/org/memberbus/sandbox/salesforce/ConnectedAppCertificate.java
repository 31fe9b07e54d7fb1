package org.memberbus.sandbox.salesforce;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;

/**
 * The certificate uploaded to the connected app ("Use digital signatures"), with which the org
 * verifies a JWT bearer assertion's RS256 signature. Without one, no JWT bearer login succeeds,
 * as on a connected app that has none. Set {@code sandbox.salesforce.jwt-certificate} to a PEM
 * file's path or to the PEM text itself.
 */
final class ConnectedAppCertificate {

    private final Optional<X509Certificate> certificate;

    private ConnectedAppCertificate(Optional<X509Certificate> certificate) {
        this.certificate = certificate;
    }

    static ConnectedAppCertificate of(String pathOrPem) {
        if (pathOrPem == null || pathOrPem.isBlank()) {
            return new ConnectedAppCertificate(Optional.empty());
        }
        try {
            var pem = pathOrPem.contains("-----BEGIN") ? pathOrPem : Files.readString(Path.of(pathOrPem.trim()));
            var factory = CertificateFactory.getInstance("X.509");
            var certificate = (X509Certificate) factory.generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return new ConnectedAppCertificate(Optional.of(certificate));
        } catch (IOException e) {
            throw new UncheckedIOException("sandbox.salesforce.jwt-certificate: " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("sandbox.salesforce.jwt-certificate is not a PEM X.509 certificate", e);
        }
    }

    /**
     * Whether {@code signature} (base64url, padded or not) is the RS256 signature of
     * {@code signingInput} (the assertion's first two segments as sent) by the certificate's key.
     */
    boolean verifies(String signingInput, String signature) {
        if (certificate.isEmpty()) {
            return false;
        }
        try {
            var bytes = Base64.getUrlDecoder().decode(signature.replace("=", "").replace('+', '-').replace('/', '_'));
            var verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(certificate.get().getPublicKey());
            verifier.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(bytes);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
