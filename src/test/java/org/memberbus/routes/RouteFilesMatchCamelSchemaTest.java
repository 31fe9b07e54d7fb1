package org.memberbus.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route file validates against the JSON schema of the Camel YAML DSL this bus runs on (the
 * one inside camel-yaml-dsl, which Kaoto and the VS Code Camel tooling use too). Camel's own
 * loader is more lenient (it accepts {@code constant: true} or a numeric delay), so a file can
 * run and still be one the tools refuse to open; this test keeps the files readable by both.
 */
class RouteFilesMatchCamelSchemaTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static JsonSchema camelYamlDsl;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = RouteFilesMatchCamelSchemaTest.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
            assertThat(in).as("schema/camelYamlDsl.json from camel-yaml-dsl on the classpath").isNotNull();
            // the schema declares draft-04
            camelYamlDsl = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    static Stream<Path> routeFiles() {
        return RouteFiles.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routeFiles")
    void matchesTheCamelYamlDslSchema(Path file) throws IOException {
        JsonNode routes = YAML.readTree(file.toFile());
        List<String> report = mostSpecific(camelYamlDsl.validate(routes)).stream()
                .map(e -> file + " " + e.getInstanceLocation() + ": " + e.getMessage())
                .sorted()
                .toList();
        assertThat(report).as("schema violations in %s", file).isEmpty();
    }

    /**
     * The schema is a tree of oneOf/anyOf (a step is one of ~60 processors, an expression one of
     * ~25 languages), so one mistake also yields "0 of N alternatives matched" and "required
     * property 'groovy' not found" at every level above it. Keep every message that names a
     * mistake (wrong type, unknown property, ...), and the alternatives' messages only where
     * nothing more precise was found; never drops the last message, so the test still fails.
     */
    static List<ValidationMessage> mostSpecific(Set<ValidationMessage> errors) {
        return errors.stream()
                .filter(e -> !isAlternativeNoise(e)
                        || errors.stream().noneMatch(other -> isBelow(other, e)
                                || other.getInstanceLocation().equals(e.getInstanceLocation()) && !isAlternativeNoise(other)))
                .toList();
    }

    private static boolean isBelow(ValidationMessage other, ValidationMessage e) {
        String here = e.getInstanceLocation().toString();
        String there = other.getInstanceLocation().toString();
        return there.startsWith(here + ".") || there.startsWith(here + "[");
    }

    private static boolean isAlternativeNoise(ValidationMessage e) {
        return switch (e.getType()) {
            case "oneOf", "anyOf", "not", "required" -> true;
            default -> false;
        };
    }
}
