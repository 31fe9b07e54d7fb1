package org.memberbus.reporting.csops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** config/cs-playbooks.yaml: every step calls routes that exist as direct: routes; mistakes are named. */
class PlaybooksTest {

    @Test
    void everyStepCallsDirectRoutesTheBusHas() throws Exception {
        var playbooks = Playbooks.parse(Files.readString(Path.of("config/cs-playbooks.yaml")), "config/cs-playbooks.yaml");
        var routes = new HashSet<String>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (var file : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                // a direct: route's consumer: "from:" followed by its uri
                var text = Files.readString(file);
                var from = Pattern.compile("(?m)from:\\s*\\n\\s*uri: direct:([a-z0-9-]+)").matcher(text);
                while (from.find()) {
                    routes.add(from.group(1));
                }
            }
        }
        assertThat(playbooks.playbooks()).containsKeys("resync-member", "welcome-again", "health-refresh");
        playbooks.steps().values().forEach(step -> assertThat(routes).as("step " + step.name()).containsAll(step.routes()));
    }

    @Test
    void aPlaybookNamingAnUnknownStepIsRefused() {
        assertThatThrownBy(() -> Playbooks.parse("""
                steps:
                  a: { routes: [x] }
                playbooks:
                  p: { steps: [a, b] }
                """, "test.yaml")).hasMessageContaining("playbook p: no step b");
        assertThatThrownBy(() -> Playbooks.parse("""
                steps:
                  a: { routes: [] }
                playbooks:
                  p: { steps: [a] }
                """, "test.yaml")).hasMessageContaining("step a: routes must list");
    }
}
