package org.memberbus.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memberbus.infra.ConfigFile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** config/ceu-rules.yaml: the rule that decides an event's CEUs, per event or by default. */
@Component("ceuRules")
public class CeuRules {

    /** One rule; credits null means the event's own CEU value. */
    public record Rule(String name, boolean requiredAttendance, double minShareOfMinutes, boolean surveyRequired,
                       Double creditsPerHour, List<String> requiredSessions) {}

    record Rules(Rule fallback, Map<String, Rule> byEvent) {}

    private final ConfigFile<Rules> file;

    CeuRules(@Value("${memberbus.events.ceu-rules-path:config/ceu-rules.yaml}") String path) {
        this.file = new ConfigFile<>("CEU rules", path, CeuRules::parse, Rules::toString);
    }

    public Rule forEvent(String crmEventId) {
        var rules = file.current();
        return rules.byEvent().getOrDefault(crmEventId, rules.fallback());
    }

    static Rules parse(String yaml, String source) {
        if (!(ConfigFile.yaml(yaml, source) instanceof Map<?, ?> root) || !(root.get("default") instanceof Map<?, ?> d)) {
            throw new IllegalStateException("CEU rules " + source + ": a 'default' rule is required");
        }
        var byEvent = new LinkedHashMap<String, Rule>();
        if (root.get("events") instanceof Map<?, ?> events) {
            events.forEach((id, value) -> {
                if (!(value instanceof Map<?, ?> map)) {
                    throw new IllegalStateException("CEU rules " + source + ": events." + id + " must be a map");
                }
                byEvent.put(id.toString(), rule("events." + id, map, source));
            });
        }
        return new Rules(rule("default", d, source), Map.copyOf(byEvent));
    }

    private static Rule rule(String name, Map<?, ?> map, String source) {
        double share = map.get("min-share-of-minutes") instanceof Number n ? n.doubleValue() : 0;
        if (share < 0 || share > 1) {
            throw new IllegalStateException("CEU rules " + source + ": " + name + ".min-share-of-minutes must be 0 to 1");
        }
        Double perHour = null;
        var credits = map.get("credits");
        if (credits instanceof Number n) {
            perHour = n.doubleValue();
        } else if (credits != null && !"event".equals(credits)) {
            throw new IllegalStateException("CEU rules " + source + ": " + name + ".credits must be 'event' or a number per hour");
        }
        var sessions = map.get("required-sessions");
        if (sessions != null && !(sessions instanceof List<?>)) {
            throw new IllegalStateException("CEU rules " + source + ": " + name + ".required-sessions must be a list of session codes");
        }
        var required = sessions == null ? List.<String>of() : ((List<?>) sessions).stream().map(String::valueOf).toList();
        return new Rule(name, !Boolean.FALSE.equals(map.get("required-attendance")), share,
                Boolean.TRUE.equals(map.get("survey-required")), perHour, required);
    }
}
