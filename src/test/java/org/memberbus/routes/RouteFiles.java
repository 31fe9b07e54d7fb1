package org.memberbus.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The route files the bus loads: {@code routes/*.camel.yaml}, and kamelets if there are any. */
final class RouteFiles {

    private RouteFiles() {
    }

    static List<Path> all() {
        List<Path> files = Stream.concat(list(Path.of("routes"), ".camel.yaml"), list(Path.of("routes", "kamelets"), ".yaml"))
                .sorted()
                .toList();
        if (files.isEmpty()) {
            throw new IllegalStateException("no route files under " + Path.of("routes").toAbsolutePath());
        }
        return files;
    }

    private static Stream<Path> list(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(suffix)).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
