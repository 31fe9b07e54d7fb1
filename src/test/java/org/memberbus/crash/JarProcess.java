package org.memberbus.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One of the project's jars running in its own JVM, as it runs in production ({@code java -jar}),
 * its output in a log file. Stopped with SIGTERM ({@link #stop}) or SIGKILL ({@link #kill}).
 */
final class JarProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path log;
    private final Process process;
    private final long startedAt = System.nanoTime();

    private JarProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** {@code java -Xmx… -jar <jar> <args>} in the repository folder with {@code env} added; output appended to {@code log}. */
    static JarProcess start(String name, Path jar, List<String> args, Map<String, String> env, Path log, String heap) {
        var command = new ArrayList<String>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-jar", jar.toAbsolutePath().toString()));
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            var builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            return new JarProcess(name, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code ready} holds; fails early, with the log's tail, if the process ends first. */
    Duration awaitReady(BooleanSupplier ready, Duration limit) {
        var deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended with " + process.exitValue() + " before it was ready:\n" + tail(40));
            }
            if (ready.getAsBoolean()) {
                return Duration.ofNanos(System.nanoTime() - startedAt);
            }
            pause(250);
        }
        throw new IllegalStateException(name + " not ready within " + limit + ":\n" + tail(40));
    }

    /** A GET that answers 2xx. */
    static boolean answers(String url) {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean logContains(String text) {
        try {
            return Files.exists(log) && Files.readString(log).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM, then waits up to {@code limit}; answers how long the stop took (null: still running, then killed). */
    Stopped stop(Duration limit) {
        long start = System.nanoTime();
        process.destroy(); // SIGTERM on Unix
        try {
            boolean ended = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            var took = Duration.ofNanos(System.nanoTime() - start);
            if (!ended) {
                kill();
                return new Stopped(took, -1, false);
            }
            return new Stopped(took, process.exitValue(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            return new Stopped(Duration.ZERO, -1, false);
        }
    }

    record Stopped(Duration took, int exitCode, boolean ended) {}

    /** SIGKILL: the process gets no chance to finish anything. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long pid() {
        return process.pid();
    }

    /** Resident memory in MiB (Linux), or -1. */
    long rssMiB() {
        try {
            for (var line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    String tail(int lines) {
        try {
            var all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis); // polling interval of a readiness wait, not a wait for an outcome
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
