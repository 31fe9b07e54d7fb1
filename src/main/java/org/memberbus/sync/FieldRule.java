package org.memberbus.sync;

import java.util.Map;

/**
 * Who owns one canonical field of an object, what a change by anyone else leads to, and the
 * field's name in each system that holds it (a system absent from {@code names} does not hold it).
 */
record FieldRule(String objectType, String field, String owner, NonOwnerAction nonOwner, Map<String, String> names) {

    FieldRule {
        names = Map.copyOf(names);
    }

    /** The field's name in {@code system}, or null when that system does not hold it. */
    String nameIn(String system) {
        return names.get(system);
    }

    boolean heldBy(String system) {
        return names.containsKey(system);
    }

    /** How decisions cite the rule (and the metrics tag it): {@code member.status (crm owns; others: correct)}. */
    String label() {
        return objectType + "." + field + " (" + owner + " owns; others: " + nonOwner.code() + ")";
    }
}
