package org.memberbus.health;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.memberbus.health.HealthModel.Normalise;
import org.memberbus.health.HealthModel.Step;
import org.memberbus.health.HealthResult.Contribution;
import org.memberbus.health.HealthResult.Trend;

/**
 * The health score as a pure function of a snapshot and one validated model. Everything the model
 * says is turned into arrays and small normalising functions once, here, so that scoring a member
 * costs a few map look-ups and the result objects themselves.
 */
final class HealthScorer {

    /** A raw value to 0..1; NaN when it cannot be normalised (a ratio without a requirement). */
    @FunctionalInterface
    interface Normaliser {
        double apply(double value, SignalSnapshot snapshot);
    }

    private static final double NEUTRAL = 0.5;

    private final String version;
    private final String[] names;
    private final double[] weights;
    private final Normaliser[] normalisers;
    /** what a missing value counts as: 0.5, 0, or NaN for "skip" */
    private final double[] whenMissing;
    /** the band of each whole score 0..100: the validated bands cover each exactly once */
    private final Band[] bandOfScore = new Band[101];
    private final int windowDays;
    private final int flatThreshold;

    HealthScorer(HealthModel model) {
        version = model.version();
        int n = model.signals().size();
        names = new String[n];
        weights = new double[n];
        normalisers = new Normaliser[n];
        whenMissing = new double[n];
        for (int i = 0; i < n; i++) {
            HealthModel.Signal signal = model.signals().get(i);
            names[i] = signal.name();
            weights[i] = signal.weight();
            normalisers[i] = normaliser(signal.normalise());
            whenMissing[i] = switch (signal.missing() == null ? "neutral" : signal.missing()) {
                case "zero" -> 0.0;
                case "skip" -> Double.NaN;
                default -> NEUTRAL;
            };
        }
        for (HealthModel.BandRange range : model.bands()) {
            Arrays.fill(bandOfScore, range.min(), range.max() + 1, Band.ofLabel(range.name()));
        }
        windowDays = model.trend().windowDays();
        flatThreshold = model.trend().flatThreshold();
    }

    /**
     * Scores one member. {@code scoreWindowAgo} is the member's score of {@link #windowDays()} days
     * before the snapshot, or null when there was none (the trend is then NONE).
     */
    HealthResult score(SignalSnapshot snapshot, Integer scoreWindowAgo) {
        int n = names.length;
        Double[] raw = new Double[n];
        double[] normalised = new double[n];
        double weightSum = 0;
        double weightedSum = 0;
        for (int i = 0; i < n; i++) {
            Double value = snapshot.value(names[i]);
            double x = value == null ? Double.NaN : normalisers[i].apply(value, snapshot);
            if (Double.isNaN(x)) {
                x = whenMissing[i];
            }
            raw[i] = value;
            normalised[i] = x;
            if (!Double.isNaN(x)) {
                weightSum += weights[i];
                weightedSum += weights[i] * x;
            }
        }
        // the model guarantees weight on the never-skipped signals, so weightSum > 0
        int score = (int) Numbers.halfUp(100 * weightedSum / weightSum, 0);
        Contribution[] contributions = new Contribution[n];
        for (int i = 0; i < n; i++) {
            boolean counted = !Double.isNaN(normalised[i]);
            contributions[i] = counted
                    ? new Contribution(names[i], raw[i], normalised[i], weights[i],
                            Numbers.halfUp(100 * weights[i] * normalised[i] / weightSum, 2), true)
                    : new Contribution(names[i], raw[i], 0, weights[i], 0, false);
        }
        return new HealthResult(snapshot.memberId(), snapshot.asOf(), score, bandOfScore[score],
                trend(score, scoreWindowAgo), Collections.unmodifiableList(Arrays.asList(contributions)), version);
    }

    int windowDays() {
        return windowDays;
    }

    private Trend trend(int score, Integer then) {
        if (then == null) {
            return new Trend(Trend.Direction.NONE, null, null, windowDays);
        }
        int delta = score - then;
        Trend.Direction direction = Math.abs(delta) <= flatThreshold ? Trend.Direction.FLAT
                : delta > 0 ? Trend.Direction.UP : Trend.Direction.DOWN;
        return new Trend(direction, delta, then, windowDays);
    }

    private static Normaliser normaliser(Normalise spec) {
        boolean invert = Boolean.TRUE.equals(spec.invert());
        return switch (spec.kind()) {
            case "linear" -> {
                double min = spec.min();
                double span = spec.max() - min;
                yield invert ? (v, s) -> 1 - clamp01((v - min) / span) : (v, s) -> clamp01((v - min) / span);
            }
            case "ratio" -> {
                String from = spec.requirementFrom();
                double fixed = spec.requirement() == null ? Double.NaN : spec.requirement();
                yield (v, s) -> {
                    Double own = from == null ? null : s.value(from);
                    double requirement = own != null && own > 0 ? own : fixed;
                    return requirement > 0 ? clamp01(v / requirement) : Double.NaN;
                };
            }
            case "thresholds" -> {
                List<Step> steps = spec.steps();
                double[] from = new double[steps.size()];
                double[] value = new double[steps.size()];
                for (int i = 0; i < from.length; i++) {
                    from[i] = steps.get(i).from();
                    value[i] = steps.get(i).value();
                }
                yield (v, s) -> {
                    double x = 0;
                    for (int i = 0; i < from.length && v >= from[i]; i++) {
                        x = value[i];
                    }
                    return x;
                };
            }
            case "boolean" -> invert ? (v, s) -> v > 0 ? 0 : 1 : (v, s) -> v > 0 ? 1 : 0;
            default -> throw new IllegalArgumentException("unvalidated normalise kind " + spec.kind());
        };
    }

    private static double clamp01(double x) {
        return x < 0 ? 0 : x > 1 ? 1 : x;
    }
}
