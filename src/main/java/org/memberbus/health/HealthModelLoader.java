package org.memberbus.health;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.memberbus.member.MembershipLevel;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads health-model.yaml and checks it, returning either the model or every mistake found, each
 * as "where: what is wrong" so that the person who edited the file can fix it without reading code.
 * YAML is read as 1.2 (snakeyaml-engine): "no" stays text and dates stay text.
 */
final class HealthModelLoader {

    /** The outcome of a load: a model, or the mistakes that refused it. */
    record Loaded(HealthModel model, List<String> errors) {
        boolean valid() {
            return errors.isEmpty();
        }
    }

    static final String HEALTH_SCORE_FACTOR = "health_score";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final List<String> KINDS = List.of("linear", "ratio", "thresholds", "boolean");
    private static final List<String> MISSING = List.of("neutral", "zero", "skip");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT) // 70.5 for a band edge is a mistake, not 70
            .build();

    private HealthModelLoader() {}

    static Loaded parse(String yaml) {
        Object tree;
        try {
            tree = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build()).loadFromString(yaml);
        } catch (MarkedYamlEngineException e) {
            String at = e.getProblemMark().map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1)).orElse("");
            return refused("not valid YAML" + at + ": " + e.getProblem());
        } catch (YamlEngineException e) {
            return refused("not valid YAML: " + e.getMessage());
        }
        if (!(tree instanceof Map)) {
            return refused("the file must be a YAML mapping (version:, signals:, bands:, ...)");
        }
        HealthModel model;
        try {
            model = MAPPER.convertValue(tree, HealthModel.class);
        } catch (IllegalArgumentException e) {
            return refused(e.getCause() instanceof JsonMappingException jme ? describe(jme) : e.getMessage());
        }
        List<String> errors = new Check(model).errors;
        return new Loaded(errors.isEmpty() ? model : null, List.copyOf(errors));
    }

    private static Loaded refused(String error) {
        return new Loaded(null, List.of(error));
    }

    /** Jackson's complaint about a field's type or name, in the file's own terms. */
    private static String describe(JsonMappingException e) {
        StringBuilder where = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                where.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                where.append(where.isEmpty() ? "" : ".").append(ref.getFieldName());
            }
        }
        String what;
        if (e instanceof UnrecognizedPropertyException u) {
            what = "unknown field; expected one of " + new TreeSet<>(u.getKnownPropertyIds());
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            Class<?> type = m.getTargetType();
            what = "must be " + (type == Double.class ? "a number"
                    : type == Integer.class ? "a whole number"
                    : type == Boolean.class ? "true or false"
                    : type == String.class ? "text"
                    : List.class.isAssignableFrom(type) ? "a list"
                    : "a mapping of fields");
            if (m instanceof InvalidFormatException f) {
                what += " (got '" + f.getValue() + "')";
            }
        } else {
            what = e.getOriginalMessage().lines().findFirst().orElse("");
        }
        return (where.isEmpty() ? "the file" : where) + ": " + what;
    }

    /** Every rule the scorer, the triggers and the assessments rely on, checked in file order. */
    private static final class Check {
        final List<String> errors = new ArrayList<>();
        private final Set<String> signalNames = new HashSet<>();

        Check(HealthModel m) {
            text("version", m.version());
            signals(m.signals());
            bands(m.bands());
            if (present("trend", m.trend())) {
                between("trend.window-days", m.trend().windowDays(), 1, 3660);
                between("trend.flat-threshold", m.trend().flatThreshold(), 0, 100);
            }
            upgrades(m.upgrades());
            triggers(m.triggers());
            expansion(m.expansion());
            renewal(m.renewal());
        }

        private void signals(List<HealthModel.Signal> signals) {
            if (signals == null || signals.isEmpty()) {
                error("signals", "at least one signal is required");
                return;
            }
            double neverSkippedWeight = 0;
            for (int i = 0; i < signals.size(); i++) {
                HealthModel.Signal s = signals.get(i);
                String at = "signals[" + i + "]" + (s != null && s.name() != null ? " (" + s.name() + ")" : "");
                if (!present(at, s)) {
                    continue;
                }
                if (name(at + ".name", s.name()) && !signalNames.add(s.name())) {
                    error(at + ".name", "another signal already has this name");
                }
                between(at + ".weight", s.weight(), 0, Double.MAX_VALUE);
                if (s.missing() != null && !MISSING.contains(s.missing())) {
                    error(at + ".missing", "unknown rule '" + s.missing() + "'; expected one of " + MISSING);
                } else if (!"skip".equals(s.missing()) && s.weight() != null && s.weight() > 0) {
                    neverSkippedWeight += s.weight();
                }
                normalise(at + ".normalise", s.normalise());
            }
            if (neverSkippedWeight == 0) {
                error("signals", "the signals that are never skipped must have some weight, or a member with no data would have no score");
            }
        }

        private void normalise(String at, HealthModel.Normalise n) {
            if (!present(at, n) || !present(at + ".kind", n.kind())) {
                return;
            }
            if (!KINDS.contains(n.kind())) {
                error(at + ".kind", "unknown kind '" + n.kind() + "'; expected one of " + KINDS);
                return;
            }
            String kind = n.kind();
            notFor(at + ".min", n.min(), kind, "linear");
            notFor(at + ".max", n.max(), kind, "linear");
            notFor(at + ".invert", n.invert(), kind, "linear", "boolean");
            notFor(at + ".requirement", n.requirement(), kind, "ratio");
            notFor(at + ".requirement-from", n.requirementFrom(), kind, "ratio");
            notFor(at + ".steps", n.steps(), kind, "thresholds");
            switch (kind) {
                case "linear" -> {
                    if (present(at + ".min", n.min()) & present(at + ".max", n.max()) && !(n.min() < n.max())) {
                        error(at, "min (" + Numbers.plain(n.min()) + ") must be below max (" + Numbers.plain(n.max()) + "); use invert: true to turn it round");
                    }
                }
                case "ratio" -> {
                    if (n.requirement() == null && n.requirementFrom() == null) {
                        error(at, "a ratio needs requirement: or requirement-from:");
                    }
                    if (n.requirement() != null && !(n.requirement() > 0)) {
                        error(at + ".requirement", "must be above 0 (got " + Numbers.plain(n.requirement()) + ")");
                    }
                    if (n.requirementFrom() != null) {
                        name(at + ".requirement-from", n.requirementFrom());
                    }
                }
                case "thresholds" -> {
                    if (n.steps() == null || n.steps().isEmpty()) {
                        error(at + ".steps", "at least one step is required");
                        return;
                    }
                    Double previous = null;
                    for (int i = 0; i < n.steps().size(); i++) {
                        HealthModel.Step step = n.steps().get(i);
                        String s = at + ".steps[" + i + "]";
                        if (!present(s, step)) {
                            continue;
                        }
                        between(s + ".value", step.value(), 0, 1);
                        if (present(s + ".from", step.from())) {
                            if (previous != null && !(step.from() > previous)) {
                                error(s + ".from", "must be above the previous step's from (" + Numbers.plain(previous) + ")");
                            }
                            previous = step.from();
                        }
                    }
                }
                default -> { } // boolean has nothing to check
            }
        }

        private void bands(List<HealthModel.BandRange> bands) {
            if (bands == null || bands.isEmpty()) {
                error("bands", "healthy, watch and at_risk are required");
                return;
            }
            Map<Band, HealthModel.BandRange> byBand = new EnumMap<>(Band.class);
            boolean rangesValid = true;
            for (int i = 0; i < bands.size(); i++) {
                HealthModel.BandRange b = bands.get(i);
                String at = "bands[" + i + "]" + (b != null && b.name() != null ? " (" + b.name() + ")" : "");
                if (!present(at, b)) {
                    rangesValid = false;
                    continue;
                }
                Band band = Band.ofLabel(b.name());
                if (present(at + ".name", b.name()) && band == null) {
                    error(at + ".name", "unknown band '" + b.name() + "'; expected healthy, watch or at_risk");
                } else if (band != null && byBand.put(band, b) != null) {
                    error(at + ".name", "band " + b.name() + " is defined twice");
                }
                boolean valid = between(at + ".min", b.min(), 0, 100) & between(at + ".max", b.max(), 0, 100);
                if (valid && b.min() > b.max()) {
                    error(at, "min (" + b.min() + ") is above max (" + b.max() + ")");
                    valid = false;
                }
                rangesValid &= valid && band != null;
            }
            for (Band band : Band.values()) {
                if (!byBand.containsKey(band)) {
                    error("bands", band.label() + " is missing");
                    rangesValid = false;
                }
            }
            if (!rangesValid) {
                return; // overlaps and gaps only make sense between well-formed ranges
            }
            int[] cover = new int[101];
            List<HealthModel.BandRange> ranges = new ArrayList<>(byBand.values());
            for (int i = 0; i < ranges.size(); i++) {
                HealthModel.BandRange a = ranges.get(i);
                for (int s = a.min(); s <= a.max(); s++) {
                    cover[s]++;
                }
                for (int j = i + 1; j < ranges.size(); j++) {
                    HealthModel.BandRange b = ranges.get(j);
                    int from = Math.max(a.min(), b.min());
                    int to = Math.min(a.max(), b.max());
                    if (from <= to) {
                        error("bands", a.name() + " (" + a.min() + "-" + a.max() + ") and " + b.name() + " ("
                                + b.min() + "-" + b.max() + ") overlap on " + from + "-" + to);
                    }
                }
            }
            for (int s = 0; s <= 100; s++) {
                if (cover[s] == 0) {
                    int end = s;
                    while (end < 100 && cover[end + 1] == 0) {
                        end++;
                    }
                    error("bands", "no band covers " + (s == end ? "score " + s : s + "-" + end));
                    s = end;
                }
            }
            int healthy = byBand.get(Band.HEALTHY).min();
            int watch = byBand.get(Band.WATCH).min();
            int atRisk = byBand.get(Band.AT_RISK).min();
            if (!(healthy > watch && watch > atRisk)) {
                error("bands", "healthy must lie above watch, and watch above at_risk");
            }
        }

        private void upgrades(Map<String, String> upgrades) {
            if (upgrades == null) {
                return;
            }
            upgrades.forEach((from, to) -> {
                MembershipLevel a = level("upgrades." + from, from);
                MembershipLevel b = level("upgrades." + from, to);
                if (a != null && b != null && b.compareTo(a) <= 0) {
                    error("upgrades." + from, to + " is not above " + from);
                }
            });
        }

        private void triggers(HealthModel.Triggers t) {
            if (t == null) {
                return;
            }
            if (t.retention() != null) {
                text("triggers.retention.campaign", t.retention().campaign());
                if (t.retention().task() != null) {
                    text("triggers.retention.task.subject", t.retention().task().subject());
                    between("triggers.retention.task.due-in-days", t.retention().task().dueInDays(), 0, 365);
                }
            }
            if (t.expansion() != null) {
                text("triggers.expansion.campaign", t.expansion().campaign());
                between("triggers.expansion.min-score", t.expansion().minScore(), 0, 100);
                between("triggers.expansion.renewal-within-days", t.expansion().renewalWithinDays(), 0, 3660);
            }
            if (t.renewalRiskChange() != null) {
                text("triggers.renewal-risk-change.event", t.renewalRiskChange().event());
                between("triggers.renewal-risk-change.renewal-within-days", t.renewalRiskChange().renewalWithinDays(), 0, 3660);
            }
        }

        private void expansion(HealthModel.ExpansionModel e) {
            if (!present("expansion", e)) {
                return;
            }
            between("expansion.ready-at", e.readyAt(), 0, 100);
            if (e.factors() == null || e.factors().isEmpty()) {
                error("expansion.factors", "at least one factor is required");
                return;
            }
            double total = 0;
            for (int i = 0; i < e.factors().size(); i++) {
                HealthModel.Factor f = e.factors().get(i);
                String at = "expansion.factors[" + i + "]";
                if (!present(at, f)) {
                    continue;
                }
                if (present(at + ".factor", f.factor()) && !HEALTH_SCORE_FACTOR.equals(f.factor())
                        && !signalNames.contains(f.factor())) {
                    error(at + ".factor", "'" + f.factor() + "' is neither " + HEALTH_SCORE_FACTOR + " nor a signal");
                }
                if (between(at + ".weight", f.weight(), 0, Double.MAX_VALUE)) {
                    total += f.weight();
                }
            }
            if (total == 0) {
                error("expansion.factors", "the weights must not all be 0");
            }
        }

        private void renewal(HealthModel.RenewalModel r) {
            if (!present("renewal", r)) {
                return;
            }
            between("renewal.at-score-0", r.atScore0(), 0, 1);
            between("renewal.at-score-100", r.atScore100(), 0, 1);
            between("renewal.per-prior-renewal", r.perPriorRenewal(), -1, 1);
            between("renewal.max-prior-renewals", r.maxPriorRenewals(), 0, 100);
            between("renewal.per-prior-lapse", r.perPriorLapse(), -1, 1);
            between("renewal.trend-up", r.trendUp(), -1, 1);
            between("renewal.trend-down", r.trendDown(), -1, 1);
            if (between("renewal.floor", r.floor(), 0, 1) & between("renewal.ceiling", r.ceiling(), 0, 1)
                    && r.floor() > r.ceiling()) {
                error("renewal", "floor (" + Numbers.plain(r.floor()) + ") is above ceiling (" + Numbers.plain(r.ceiling()) + ")");
            }
            if (r.playbooks() == null || r.playbooks().isEmpty()) {
                error("renewal.playbooks", "at least one playbook is required");
                return;
            }
            Double previous = null;
            for (int i = 0; i < r.playbooks().size(); i++) {
                HealthModel.Playbook p = r.playbooks().get(i);
                String at = "renewal.playbooks[" + i + "]" + (p != null && p.name() != null ? " (" + p.name() + ")" : "");
                if (!present(at, p)) {
                    continue;
                }
                text(at + ".name", p.name());
                if (between(at + ".min-probability", p.minProbability(), 0, 1)) {
                    if (previous != null && !(p.minProbability() < previous)) {
                        error(at + ".min-probability", "must be below the previous playbook's (" + Numbers.plain(previous) + ")");
                    }
                    previous = p.minProbability();
                }
            }
            HealthModel.Playbook last = r.playbooks().get(r.playbooks().size() - 1);
            if (last != null && last.minProbability() != null && last.minProbability() != 0) {
                error("renewal.playbooks", "the last playbook must have min-probability 0, so that every forecast gets one");
            }
        }

        // --- small checks, each adding "where: what" and saying whether the value is usable ---

        private void error(String where, String what) {
            errors.add(where + ": " + what);
        }

        private boolean present(String where, Object value) {
            if (value == null) {
                error(where, "is required");
            }
            return value != null;
        }

        private void text(String where, String value) {
            if (present(where, value) && value.isBlank()) {
                error(where, "must not be blank");
            }
        }

        private boolean name(String where, String value) {
            if (!present(where, value)) {
                return false;
            }
            if (!NAME.matcher(value).matches()) {
                error(where, "'" + value + "' must be lower case letters, digits and _ , starting with a letter");
                return false;
            }
            return true;
        }

        private boolean between(String where, Number value, double min, double max) {
            if (!present(where, value)) {
                return false;
            }
            double v = value.doubleValue();
            if (!(v >= min && v <= max)) { // also refuses NaN
                error(where, (max == Double.MAX_VALUE ? "must not be below " + Numbers.plain(min)
                        : "must be between " + Numbers.plain(min) + " and " + Numbers.plain(max)) + " (got " + Numbers.plain(v) + ")");
                return false;
            }
            return true;
        }

        private void notFor(String where, Object value, String kind, String... kinds) {
            if (value != null && !List.of(kinds).contains(kind)) {
                error(where, "does not apply to kind " + kind);
            }
        }

        private MembershipLevel level(String where, String value) {
            try {
                return MembershipLevel.valueOf(value);
            } catch (IllegalArgumentException | NullPointerException e) {
                error(where, "unknown membership level '" + value + "'; expected one of " + List.of(MembershipLevel.values()));
                return null;
            }
        }
    }
}
