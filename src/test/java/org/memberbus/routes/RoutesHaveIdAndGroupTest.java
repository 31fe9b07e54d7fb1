package org.memberbus.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every route says what it is and which business process it belongs to: Hawtio, metrics and
 * tests key on the id, and Hawtio shows one folder per group (Camel's JMX groups routes by it).
 * REST DSL operations are not routes; the routes they call are, and carry a group.
 */
class RoutesHaveIdAndGroupTest {

    static final Set<String> PROCESSES = Set.of("member-lifecycle", "member-health", "events", "certification",
            "content-access", "engagement", "finance", "reporting", "operations");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyRouteHasAKebabCaseIdAndTheGroupOfItsProcess() throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int routes = 0;
        for (Path file : RouteFiles.all()) {
            for (JsonNode entry : YAML.readTree(file.toFile())) {
                JsonNode route = entry.path("route");
                if (route.isMissingNode()) {
                    continue;
                }
                routes++;
                String id = route.path("id").asText("");
                String group = route.path("group").asText("");
                if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                    problems.add(file + ": a route with id '" + id + "' (kebab-case needed)");
                } else if (!ids.add(id)) {
                    problems.add(file + ": route id " + id + " used twice");
                }
                if (!PROCESSES.contains(group)) {
                    problems.add(file + ": route " + id + " has group '" + group + "', not one of " + PROCESSES);
                }
            }
        }
        assertThat(routes).as("routes found in routes/").isGreaterThan(0);
        assertThat(problems).isEmpty();
    }
}
