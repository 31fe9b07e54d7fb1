package org.memberbus.engagement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memberbus.infra.ConfigFile;

/**
 * The engagement model of config/engagement-model.yaml, checked: points per community activity
 * kind, optional caps per kind, the window activities count in, and the thresholds whose upward
 * crossing starts a campaign.
 */
record EngagementModel(int windowDays, Map<String, Integer> points, Map<String, Integer> caps,
                       List<Threshold> thresholds) {

    record Threshold(int score, String campaign) {}

    /** One kind's part of a score: count x points, capped. */
    record Contribution(String kind, int count, int points, int contribution, Integer cap) {}

    /** The score of these activity counts (kind to count), each kind's contribution explained, largest first. */
    List<Contribution> contributions(Map<String, Integer> counts) {
        var parts = new ArrayList<Contribution>();
        counts.forEach((kind, count) -> {
            int each = points.getOrDefault(kind, 0);
            if (each == 0) {
                return;
            }
            var cap = caps.get(kind);
            long raw = (long) each * count;
            int contribution = (int) Math.min(cap == null ? Integer.MAX_VALUE : cap, raw);
            parts.add(new Contribution(kind, count, each, contribution, cap));
        });
        parts.sort(Comparator.comparingInt(Contribution::contribution).reversed().thenComparing(Contribution::kind));
        return parts;
    }

    String describe() {
        return points + " over " + windowDays + " days, caps " + caps + ", thresholds " + thresholds;
    }

    static EngagementModel parse(String yaml, String source) {
        Object root = ConfigFile.yaml(yaml, source);
        if (!(root instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException(source + ": expected window-days, points, caps and thresholds");
        }
        var errors = new ArrayList<String>();
        int window = 0;
        if (top.get("window-days") instanceof Integer w && w > 0 && w <= 3660) {
            window = w;
        } else {
            errors.add("window-days: expected a whole number of days from 1 to 3660");
        }
        var points = numbers(top.get("points"), "points", errors, true);
        var caps = numbers(top.get("caps"), "caps", errors, false);
        var thresholds = new ArrayList<Threshold>();
        if (top.get("thresholds") instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof Map<?, ?> t && t.get("score") instanceof Integer score && score > 0
                        && t.get("campaign") instanceof String campaign && !campaign.isBlank()) {
                    thresholds.add(new Threshold(score, campaign.trim()));
                } else {
                    errors.add("thresholds[" + i + "]: expected {score: a positive whole number, campaign: a name}");
                }
            }
        } else if (top.get("thresholds") != null) {
            errors.add("thresholds: expected a list of {score, campaign}");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", errors));
        }
        thresholds.sort(Comparator.comparingInt(Threshold::score));
        return new EngagementModel(window, Map.copyOf(points), Map.copyOf(caps), List.copyOf(thresholds));
    }

    private static Map<String, Integer> numbers(Object value, String where, List<String> errors, boolean required) {
        var numbers = new LinkedHashMap<String, Integer>();
        if (value == null) {
            if (required) {
                errors.add(where + ": missing (activity kind: points)");
            }
            return numbers;
        }
        if (!(value instanceof Map<?, ?> map)) {
            errors.add(where + ": expected activity kind: a whole number");
            return numbers;
        }
        map.forEach((k, v) -> {
            if (v instanceof Integer n && n >= 0 && n <= 10_000) {
                numbers.put(String.valueOf(k), n);
            } else {
                errors.add(where + "." + k + ": expected a whole number from 0 to 10000");
            }
        });
        return numbers;
    }
}
