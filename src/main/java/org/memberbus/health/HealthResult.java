package org.memberbus.health;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.util.List;

/**
 * One member's health on one day: the score (0-100), its band, why (each signal's contribution),
 * the trend against the score of {@link Trend#windowDays()} days ago, and the model version that
 * produced it.
 */
public record HealthResult(
        String memberId,
        LocalDate asOf,
        int score,
        Band band,
        Trend trend,
        List<Contribution> contributions,
        String modelVersion) {

    /**
     * What one signal added to the score: {@code points = 100 × weight × normalised / Σ weight},
     * shown to 0.01. {@code value} is null when the snapshot had none; {@code counted} is false when
     * the signal was then skipped (it adds neither points nor weight).
     */
    public record Contribution(String signal, Double value, double normalised, double weight, double points,
                               boolean counted) {}

    /** The change against the score of {@code windowDays} days ago; NONE when there was no score then. */
    public record Trend(Direction direction, Integer delta, Integer previousScore, int windowDays) {

        public enum Direction {
            UP, DOWN, FLAT, NONE;

            @JsonValue
            public String label() {
                return name().toLowerCase();
            }
        }
    }

    /** The contribution of {@code signal}, or null when the model has no such signal. */
    public Contribution contribution(String signal) {
        for (Contribution c : contributions) {
            if (c.signal().equals(signal)) {
                return c;
            }
        }
        return null;
    }
}
