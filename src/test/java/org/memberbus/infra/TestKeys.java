package org.memberbus.infra;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Key stores made for a test with the JDK's own keytool, as an administrator would make them. */
public final class TestKeys {

    private TestKeys() {}

    /** A PKCS#12 key store holding one RSA key and its self-signed certificate for {@code host}. */
    public static Path keyPair(Path dir, String name, String host, String password) {
        var store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + host, "-ext", "SAN=dns:" + host + ",ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", password, "-keypass", password);
        return store;
    }

    /** The key store's certificate as PEM, what is uploaded to a connected app. */
    public static Path certificatePem(Path keystore, String alias, String password) {
        var pem = keystore.resolveSibling(alias + ".pem");
        keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", keystore.toString(), "-storepass", password,
                "-file", pem.toString());
        return pem;
    }

    /** A PKCS#12 trust store holding the key store's certificate, what a client trusts the server by. */
    public static Path trustStore(Path keystore, String alias, String password, String trustPassword) {
        var pem = certificatePem(keystore, alias, password);
        var trust = keystore.resolveSibling(alias + "-trust.p12");
        keytool("-importcert", "-noprompt", "-alias", alias, "-file", pem.toString(), "-storetype", "PKCS12",
                "-keystore", trust.toString(), "-storepass", trustPassword);
        return trust;
    }

    private static void keytool(String... args) {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            var output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
