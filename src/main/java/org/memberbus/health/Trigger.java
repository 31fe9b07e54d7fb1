package org.memberbus.health;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;

/**
 * Something a change of health calls for: start a campaign, open a CRM task for the member's
 * relationship owner, or publish an event. {@code name} is the campaign, the task subject or the
 * event type from health-model.yaml; {@code due} is set for tasks only.
 */
public record Trigger(Rule rule, Action action, String name, LocalDate due, String reason) {

    public enum Rule {
        RETENTION, EXPANSION, RENEWAL_RISK_CHANGE;

        @JsonValue
        public String label() {
            return name().toLowerCase();
        }
    }

    public enum Action {
        CAMPAIGN, TASK, EVENT;

        @JsonValue
        public String label() {
            return name().toLowerCase();
        }
    }
}
