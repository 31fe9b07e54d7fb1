package org.memberbus.sync;

/**
 * A change to a field the CRM owns, made in another system, for the CRM's staff to accept or not.
 * The bus never writes it around the CRM. {@code crmField} is the field's name in the CRM, and both
 * values are spelled as the CRM spells them.
 */
public record Proposal(
        String objectType,
        String recordId,
        String field,
        String crmField,
        String fromSystem,
        Object currentValue,
        Object proposedValue) {}
