package org.memberbus.health;

import com.fasterxml.jackson.annotation.JsonValue;

/** A member's health band, best first; written as in health-model.yaml ({@code at_risk}). */
public enum Band {
    HEALTHY, WATCH, AT_RISK;

    @JsonValue
    public String label() {
        return name().toLowerCase();
    }

    static Band ofLabel(String label) {
        for (Band band : values()) {
            if (band.label().equals(label)) {
                return band;
            }
        }
        return null;
    }
}
