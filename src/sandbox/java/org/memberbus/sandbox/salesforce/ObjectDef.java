package org.memberbus.sandbox.salesforce;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One sObject type of the simulated org: its key prefix, fields and the compound fields its
 * change events nest (Contact's Name and MailingAddress). Field names are matched without
 * regard to case, as Salesforce does.
 */
final class ObjectDef {

    /** A component field shown nested in change events, e.g. MailingCity as MailingAddress.City. */
    record Compound(String compound, String component) {}

    private final String name;
    private final String keyPrefix;
    private final String label;
    private final String labelPlural;
    private final boolean readOnly;
    private final String autoNamePrefix;
    private final Map<String, FieldDef> fields;          // lower-case name -> field
    private final Map<String, FieldDef> relationships;   // lower-case relationship name -> reference field
    private final Map<String, Compound> compounds;       // field name -> compound

    private ObjectDef(Builder b) {
        this.name = b.name;
        this.keyPrefix = b.keyPrefix;
        this.label = b.label;
        this.labelPlural = b.labelPlural;
        this.readOnly = b.readOnly;
        this.autoNamePrefix = b.autoNamePrefix;
        var byName = new LinkedHashMap<String, FieldDef>();
        var byRelationship = new LinkedHashMap<String, FieldDef>();
        for (FieldDef f : b.fields) {
            byName.put(f.name().toLowerCase(Locale.ROOT), f);
            if (f.relationshipName() != null) {
                byRelationship.put(f.relationshipName().toLowerCase(Locale.ROOT), f);
            }
        }
        this.fields = byName;
        this.relationships = byRelationship;
        this.compounds = Map.copyOf(b.compounds);
    }

    String name() {
        return name;
    }

    String keyPrefix() {
        return keyPrefix;
    }

    String label() {
        return label;
    }

    String labelPlural() {
        return labelPlural;
    }

    boolean custom() {
        return name.endsWith("__c");
    }

    boolean readOnly() {
        return readOnly;
    }

    /** Custom objects without a required Name get one like {@code MS-000042}. */
    String autoNamePrefix() {
        return autoNamePrefix;
    }

    Collection<FieldDef> fields() {
        return fields.values();
    }

    Optional<FieldDef> field(String fieldName) {
        return Optional.ofNullable(fields.get(fieldName.toLowerCase(Locale.ROOT)));
    }

    Optional<FieldDef> relationship(String relationshipName) {
        return Optional.ofNullable(relationships.get(relationshipName.toLowerCase(Locale.ROOT)));
    }

    Optional<Compound> compound(String fieldName) {
        return Optional.ofNullable(compounds.get(fieldName));
    }

    /** The change event channel name: ContactChangeEvent, Membership__ChangeEvent. */
    String changeEventName() {
        return custom() ? name.substring(0, name.length() - 1) + "ChangeEvent" : name + "ChangeEvent";
    }

    static Builder standard(String name, String keyPrefix, String label, String labelPlural) {
        return new Builder(name, keyPrefix, label, labelPlural);
    }

    static Builder custom(String name, String keyPrefix, String label, String labelPlural) {
        return new Builder(name, keyPrefix, label, labelPlural);
    }

    /** Declares fields in describe order; system fields come first. */
    static final class Builder {
        private final String name;
        private final String keyPrefix;
        private final String label;
        private final String labelPlural;
        private final List<FieldDef> fields = new ArrayList<>();
        private final Map<String, Compound> compounds = new LinkedHashMap<>();
        private boolean readOnly;
        private String autoNamePrefix;

        private Builder(String name, String keyPrefix, String label, String labelPlural) {
            this.name = name;
            this.keyPrefix = keyPrefix;
            this.label = label;
            this.labelPlural = labelPlural;
            add(new FieldDef("Id", label + " ID", FieldType.ID, 18, false, false, false, false, false, null, null,
                    List.of(), false, null));
            add(system("IsDeleted", "Deleted", FieldType.BOOLEAN, 0));
        }

        private static FieldDef system(String name, String label, FieldType type, int length) {
            return new FieldDef(name, label, type, length, false, false, false, false, false, null, null, List.of(),
                    false, null);
        }

        private static String labelOf(String fieldName) {
            return fieldName.replace("__c", "").replace('_', ' ');
        }

        private Builder add(FieldDef field) {
            fields.add(field);
            return this;
        }

        private Builder replaceLast(java.util.function.UnaryOperator<FieldDef> change) {
            fields.set(fields.size() - 1, change.apply(fields.get(fields.size() - 1)));
            return this;
        }

        Builder text(String fieldName, int length) {
            return add(new FieldDef(fieldName, labelOf(fieldName), FieldType.STRING, length, false, false, false, true,
                    true, null, null, List.of(), false, null));
        }

        Builder typed(String fieldName, FieldType type) {
            int length = switch (type) {
                case TEXTAREA -> 32768;
                case EMAIL, PHONE -> 80;
                case URL -> 255;
                default -> 0;
            };
            return add(new FieldDef(fieldName, labelOf(fieldName), type, length, false, false, false, true, true, null,
                    null, List.of(), false, type == FieldType.BOOLEAN ? Boolean.FALSE : null));
        }

        Builder picklist(String fieldName, boolean restricted, String... values) {
            return add(new FieldDef(fieldName, labelOf(fieldName), FieldType.PICKLIST, 255, false, false, false, true,
                    true, null, null, List.of(values), restricted, null));
        }

        Builder reference(String fieldName, String referenceTo, String relationshipName) {
            return add(new FieldDef(fieldName, labelOf(fieldName.replaceAll("Id$", "")) + " ID", FieldType.REFERENCE,
                    18, false, false, false, true, true, referenceTo, relationshipName, List.of(), false, null));
        }

        /** The record's Name: text, required unless an auto-number prefix is given. */
        Builder name(int length) {
            return text("Name", length).required();
        }

        Builder autoName(String prefix) {
            this.autoNamePrefix = prefix;
            return text("Name", 80);
        }

        /** A read-only field the simulator computes (Contact.Name). */
        Builder computed(String fieldName, int length) {
            return text(fieldName, length).replaceLast(FieldDef::readOnly);
        }

        Builder owner() {
            return reference("OwnerId", "User", "Owner");
        }

        /** The last field is set by the org itself (Contact.MasterRecordId, by a merge), never by a client. */
        Builder notWritable() {
            return replaceLast(FieldDef::readOnly);
        }

        Builder required() {
            return replaceLast(FieldDef::asRequired);
        }

        Builder externalId() {
            return replaceLast(FieldDef::asExternalId);
        }

        Builder defaultValue(Object value) {
            return replaceLast(f -> f.withDefault(value));
        }

        Builder compound(String compound, String component) {
            compounds.put(fields.get(fields.size() - 1).name(), new Compound(compound, component));
            return this;
        }

        Builder readOnlyObject() {
            this.readOnly = true;
            return this;
        }

        ObjectDef build() {
            fields.add(system("CreatedDate", "Created Date", FieldType.DATETIME, 0));
            fields.add(new FieldDef("CreatedById", "Created By ID", FieldType.REFERENCE, 18, false, false, false,
                    false, false, "User", "CreatedBy", List.of(), false, null));
            fields.add(system("LastModifiedDate", "Last Modified Date", FieldType.DATETIME, 0));
            fields.add(new FieldDef("LastModifiedById", "Last Modified By ID", FieldType.REFERENCE, 18, false, false,
                    false, false, false, "User", "LastModifiedBy", List.of(), false, null));
            fields.add(system("SystemModstamp", "System Modstamp", FieldType.DATETIME, 0));
            return new ObjectDef(this);
        }
    }
}
