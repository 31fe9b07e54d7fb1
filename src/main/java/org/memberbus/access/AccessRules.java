package org.memberbus.access;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.memberbus.infra.ConfigFile;
import org.memberbus.member.MembershipLevel;

/**
 * The rules of config/access-rules.yaml, checked: what each access level needs, which actions a
 * suspension blocks, and which access level each resource has (first matching pattern).
 */
record AccessRules(Map<String, Requirement> levels, MembershipLevel joinLevel, Set<String> suspensionBlocks,
                   List<ResourceRule> resources) {

    static final Set<String> ACTIONS = Set.of("view", "post", "join", "broadcast");
    static final Set<String> STATUSES = Set.of("Pending", "Active", "Lapsed", "Archived");

    /** What an access level needs: each condition that is not empty must hold. */
    record Requirement(String name, Set<String> statuses, Set<MembershipLevel> levels, boolean certification) {}

    /** An action on resources matching a pattern has an access level (and a program for a certification). */
    record ResourceRule(String action, String pattern, Pattern regex, String access, String program) {
        boolean matches(String action, String resource) {
            return this.action.equals(action) && regex.matcher(resource).matches();
        }
    }

    /** The first rule for this action and resource, or null. */
    ResourceRule ruleFor(String action, String resource) {
        for (var rule : resources) {
            if (rule.matches(action, resource)) {
                return rule;
            }
        }
        return null;
    }

    String describe() {
        return levels.size() + " access levels " + levels.keySet() + ", " + resources.size()
                + " resource rules, suspension blocks " + suspensionBlocks;
    }

    /** Parses and checks the file; every mistake is named in the message. */
    static AccessRules parse(String yaml, String source) {
        Object root = ConfigFile.yaml(yaml, source);
        if (!(root instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException(source + ": expected access-levels, join-level, suspension-blocks and resources");
        }
        var errors = new ArrayList<String>();
        var levels = new LinkedHashMap<String, Requirement>();
        if (top.get("access-levels") instanceof Map<?, ?> defined && !defined.isEmpty()) {
            defined.forEach((name, body) -> {
                var where = "access-levels." + name;
                var conditions = body == null ? Map.of() : body instanceof Map<?, ?> m ? m : null;
                if (conditions == null) {
                    errors.add(where + ": expected statuses, levels and/or certification");
                    return;
                }
                for (var key : conditions.keySet()) {
                    if (!Set.of("statuses", "levels", "certification").contains(String.valueOf(key))) {
                        errors.add(where + "." + key + ": unknown (statuses, levels, certification)");
                    }
                }
                var statuses = new TreeSet<String>();
                for (var s : list(conditions.get("statuses"), where + ".statuses", errors)) {
                    var status = STATUSES.stream().filter(k -> k.equalsIgnoreCase(s)).findFirst();
                    if (status.isEmpty()) {
                        errors.add(where + ".statuses: '" + s + "' is not one of " + new TreeSet<>(STATUSES));
                    } else {
                        statuses.add(status.get());
                    }
                }
                var grades = EnumSet.noneOf(MembershipLevel.class);
                for (var l : list(conditions.get("levels"), where + ".levels", errors)) {
                    var level = level(l);
                    if (level == null) {
                        errors.add(where + ".levels: '" + l + "' is not one of " + List.of(MembershipLevel.values()));
                    } else {
                        grades.add(level);
                    }
                }
                Object cert = conditions.get("certification");
                if (cert != null && !(cert instanceof Boolean)) {
                    errors.add(where + ".certification: expected true or false");
                }
                levels.put(String.valueOf(name), new Requirement(String.valueOf(name), Set.copyOf(statuses),
                        grades.isEmpty() ? Set.of() : EnumSet.copyOf(grades), Boolean.TRUE.equals(cert)));
            });
        } else {
            errors.add("access-levels: missing (at least one, e.g. public: {})");
        }
        MembershipLevel joinLevel = null;
        if (top.get("join-level") == null) {
            errors.add("join-level: missing (the level a join is offered at, e.g. ASSOCIATE)");
        } else {
            joinLevel = level(String.valueOf(top.get("join-level")));
            if (joinLevel == null) {
                errors.add("join-level: '" + top.get("join-level") + "' is not one of " + List.of(MembershipLevel.values()));
            }
        }
        var blocks = new TreeSet<String>();
        for (var a : list(top.get("suspension-blocks"), "suspension-blocks", errors)) {
            if (!ACTIONS.contains(a)) {
                errors.add("suspension-blocks: '" + a + "' is not one of " + new TreeSet<>(ACTIONS));
            }
            blocks.add(a);
        }
        var resources = new ArrayList<ResourceRule>();
        if (top.get("resources") instanceof List<?> rules && !rules.isEmpty()) {
            for (int i = 0; i < rules.size(); i++) {
                var where = "resources[" + i + "]";
                if (!(rules.get(i) instanceof Map<?, ?> rule)) {
                    errors.add(where + ": expected {action, resource, access}");
                    continue;
                }
                var action = String.valueOf(rule.get("action"));
                if (!ACTIONS.contains(action)) {
                    errors.add(where + ".action: '" + action + "' is not one of " + new TreeSet<>(ACTIONS));
                }
                if (!(rule.get("resource") instanceof String pattern) || pattern.isBlank()) {
                    errors.add(where + ".resource: missing (a pattern such as content/premium-*)");
                    continue;
                }
                var access = String.valueOf(rule.get("access"));
                if (!levels.containsKey(access)) {
                    errors.add(where + ".access: '" + access + "' is not an access level " + levels.keySet());
                }
                var program = rule.get("program") == null ? null : String.valueOf(rule.get("program"));
                resources.add(new ResourceRule(action, pattern, glob(pattern), access, program));
            }
        } else {
            errors.add("resources: missing (at least one {action, resource, access})");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", errors));
        }
        return new AccessRules(Map.copyOf(levels), joinLevel, Set.copyOf(blocks), List.copyOf(resources));
    }

    static MembershipLevel level(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return MembershipLevel.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<String> list(Object value, String where, List<String> errors) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            errors.add(where + ": expected a list");
            return List.of();
        }
        return items.stream().map(String::valueOf).toList();
    }

    /** content/premium-* as a regular expression: * is any run of characters, the rest literal. */
    private static Pattern glob(String pattern) {
        var regex = new StringBuilder();
        for (var part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
