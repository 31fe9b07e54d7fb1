package org.memberbus.sandbox.exams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.List;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.RejectAllPublickeyAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second exam body: an SFTP server (Apache MINA SSHD) where it leaves a results file each
 * night in {@code outbox/}, for the bus to download and then move (to {@code outbox/.done/}) or
 * delete. Password login only, SFTP only (no shell), chrooted to {@code <data-dir>/exams/sftp}.
 * The host key is generated once into {@code <data-dir>/exams/hostkey.ser} and reused, so a
 * client's known_hosts entry stays valid across restarts.
 */
public final class ExamsSftpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExamsSftpServer.class);

    private final SshServer sshd;
    private final SimpleGeneratorHostKeyProvider hostKey;
    private final Path root;
    private final ResultFiles files;

    /** {@code port} 0 takes a free port; {@link #port()} tells which. */
    public ExamsSftpServer(Path dataDir, int port, String user, String password) {
        // absolute: MINA's rooted file system resolves a client's "/" against a relative root
        // (the default target/sandbox-data) as a path relative to itself, so every listing failed
        // with "No such file or directory" for OpenSSH's sftp and curl
        var examsDir = dataDir.toAbsolutePath().normalize().resolve("exams");
        this.root = examsDir.resolve("sftp");
        this.files = new ResultFiles(outbox(dataDir), DemoAssociation.generate(LocalDate.now()));
        byte[] expectedUser = user.getBytes(StandardCharsets.UTF_8);
        byte[] expectedPassword = password.getBytes(StandardCharsets.UTF_8);
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(port);
        hostKey = new SimpleGeneratorHostKeyProvider(examsDir.resolve("hostkey.ser"));
        sshd.setKeyPairProvider(hostKey);
        sshd.setPasswordAuthenticator((u, p, session) ->
                MessageDigest.isEqual(expectedUser, u.getBytes(StandardCharsets.UTF_8))
                        & MessageDigest.isEqual(expectedPassword, p.getBytes(StandardCharsets.UTF_8)));
        sshd.setPublickeyAuthenticator(RejectAllPublickeyAuthenticator.INSTANCE);
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
    }

    /** Where result files are dropped, under the sandbox data folder. */
    static Path outbox(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve("exams").resolve("sftp").resolve("outbox");
    }

    /** Seeds last night's results file if it is missing, makes sure the host key exists, then listens. */
    public ExamsSftpServer start() throws IOException {
        Files.createDirectories(files.outbox());
        files.seedIfAbsent(LocalDate.now());
        hostKey.loadKeys(null); // generated now rather than on the first connection
        sshd.start();
        log.info("exam body SFTP server listening on 127.0.0.1:{}, root {}", port(), root.toAbsolutePath());
        return this;
    }

    public int port() {
        return sshd.getPort();
    }

    public Path root() {
        return root;
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }
}
