package org.memberbus.health;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The raw signal values of one member on one day, by signal name as in health-model.yaml
 * (booleans as 1 or 0). A signal without a value, or with null or NaN, is missing and counts as its
 * {@code missing:} rule says.
 */
public record SignalSnapshot(String memberId, LocalDate asOf, Map<String, Double> values) {

    public SignalSnapshot {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(asOf, "asOf");
        Map<String, Double> present = new HashMap<>();
        if (values != null) {
            values.forEach((name, value) -> {
                if (value != null && !value.isNaN()) {
                    present.put(name, value);
                }
            });
        }
        values = Map.copyOf(present);
    }

    /** The value of {@code signal}, or null when it is missing. */
    public Double value(String signal) {
        return values.get(signal);
    }
}
