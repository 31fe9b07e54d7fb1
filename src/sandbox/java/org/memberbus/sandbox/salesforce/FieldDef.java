package org.memberbus.sandbox.salesforce;

import java.util.List;

/**
 * One field of an sObject, as describe reports it. {@code required} means "not nillable and
 * createable without a default", which Salesforce enforces with REQUIRED_FIELD_MISSING.
 */
record FieldDef(String name, String label, FieldType type, int length, boolean required, boolean externalId,
                boolean unique, boolean createable, boolean updateable, String referenceTo,
                String relationshipName, List<String> picklist, boolean restrictedPicklist, Object defaultValue) {

    boolean custom() {
        return name.endsWith("__c");
    }

    boolean writable() {
        return createable || updateable;
    }

    FieldDef asRequired() {
        return new FieldDef(name, label, type, length, true, externalId, unique, createable, updateable, referenceTo,
                relationshipName, picklist, restrictedPicklist, defaultValue);
    }

    FieldDef asExternalId() {
        return new FieldDef(name, label, type, length, required, true, true, createable, updateable, referenceTo,
                relationshipName, picklist, restrictedPicklist, defaultValue);
    }

    FieldDef withDefault(Object value) {
        return new FieldDef(name, label, type, length, required, externalId, unique, createable, updateable,
                referenceTo, relationshipName, picklist, restrictedPicklist, value);
    }

    FieldDef readOnly() {
        return new FieldDef(name, label, type, length, required, externalId, unique, false, false, referenceTo,
                relationshipName, picklist, restrictedPicklist, defaultValue);
    }
}
