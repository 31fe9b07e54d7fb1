package org.memberbus.reporting.csops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memberbus.infra.ConfigFile;

/** The playbooks of {@code config/cs-playbooks.yaml}, checked: every step a playbook names exists and calls at least one route. */
record Playbooks(Map<String, Step> steps, Map<String, Playbook> playbooks) {

    record Step(String name, String description, List<String> routes, Map<String, Object> body, Map<String, String> properties) {}

    record Playbook(String name, String description, List<Step> steps) {}

    @SuppressWarnings("unchecked")
    static Playbooks parse(String text, String source) {
        var errors = new ArrayList<String>();
        var root = ConfigFile.yaml(text, source) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.<String, Object>of();
        var steps = new LinkedHashMap<String, Step>();
        map(root.get("steps")).forEach((name, value) -> {
            var step = map(value);
            var routes = step.get("routes") instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.<String>of();
            if (routes.isEmpty()) {
                errors.add("step " + name + ": routes must list at least one direct: route id");
            }
            var properties = new LinkedHashMap<String, String>();
            map(step.get("properties")).forEach((k, v) -> properties.put(k, String.valueOf(v)));
            steps.put(name, new Step(name, String.valueOf(step.getOrDefault("description", "")), routes,
                    step.get("body") == null ? null : map(step.get("body")), properties));
        });
        var playbooks = new LinkedHashMap<String, Playbook>();
        map(root.get("playbooks")).forEach((name, value) -> {
            var playbook = map(value);
            var chosen = new ArrayList<Step>();
            if (playbook.get("steps") instanceof List<?> list && !list.isEmpty()) {
                for (var stepName : list) {
                    var step = steps.get(String.valueOf(stepName));
                    if (step == null) {
                        errors.add("playbook " + name + ": no step " + stepName + " (steps: " + steps.keySet() + ")");
                    } else {
                        chosen.add(step);
                    }
                }
            } else {
                errors.add("playbook " + name + ": steps must list at least one step");
            }
            playbooks.put(name, new Playbook(name, String.valueOf(playbook.getOrDefault("description", "")), List.copyOf(chosen)));
        });
        if (playbooks.isEmpty()) {
            errors.add("no playbooks");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", errors));
        }
        return new Playbooks(steps, playbooks);
    }

    String describe() {
        return playbooks.size() + " playbooks " + playbooks.keySet() + ", " + steps.size() + " steps";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
