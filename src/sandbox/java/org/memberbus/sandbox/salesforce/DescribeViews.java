package org.memberbus.sandbox.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The describe answers: the global list of sObjects and one sObject's fields. */
final class DescribeViews {

    private DescribeViews() {}

    static Map<String, Object> global(OrgSchema schema, String version) {
        var sobjects = new ArrayList<Map<String, Object>>();
        for (ObjectDef type : schema.all()) {
            sobjects.add(basics(type, version));
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("encoding", "UTF-8");
        body.put("maxBatchSize", 200);
        body.put("sobjects", sobjects);
        return body;
    }

    static Map<String, Object> basics(ObjectDef type, String version) {
        var base = "/services/data/" + version + "/sobjects/" + type.name();
        var body = new LinkedHashMap<String, Object>();
        body.put("name", type.name());
        body.put("label", type.label());
        body.put("labelPlural", type.labelPlural());
        body.put("keyPrefix", type.keyPrefix());
        body.put("custom", type.custom());
        body.put("createable", !type.readOnly());
        body.put("updateable", !type.readOnly());
        body.put("deletable", !type.readOnly());
        body.put("undeletable", !type.readOnly());
        body.put("queryable", true);
        body.put("retrieveable", true);
        body.put("searchable", true);
        body.put("replicateable", true);
        body.put("triggerable", true);
        body.put("layoutable", true);
        body.put("urls", Map.of("sobject", base, "describe", base + "/describe", "rowTemplate", base + "/{ID}"));
        return body;
    }

    static Map<String, Object> describe(ObjectDef type, String version) {
        var body = basics(type, version);
        var fields = new ArrayList<Map<String, Object>>();
        for (FieldDef field : type.fields()) {
            fields.add(field(type, field));
        }
        body.put("fields", fields);
        body.put("childRelationships", List.of());
        body.put("recordTypeInfos", List.of());
        return body;
    }

    private static Map<String, Object> field(ObjectDef type, FieldDef field) {
        var f = new LinkedHashMap<String, Object>();
        f.put("name", field.name());
        f.put("label", field.label());
        f.put("type", field.type().describeName());
        f.put("soapType", field.type().soapType());
        f.put("length", field.length());
        f.put("custom", field.custom());
        f.put("nillable", !field.required() && !field.name().equals("Id") && field.type() != FieldType.BOOLEAN);
        f.put("createable", field.createable());
        f.put("updateable", field.updateable());
        f.put("defaultedOnCreate", field.defaultValue() != null || field.name().equals("OwnerId")
                || (field.name().equals("Name") && type.autoNamePrefix() != null));
        f.put("unique", field.unique());
        f.put("externalId", field.externalId());
        f.put("idLookup", field.externalId() || field.name().equals("Id"));
        f.put("nameField", field.name().equals("Name"));
        f.put("autoNumber", field.name().equals("Name") && type.autoNamePrefix() != null);
        f.put("calculated", !field.writable() && field.name().equals("Name"));
        f.put("caseSensitive", false);
        f.put("filterable", field.type() != FieldType.TEXTAREA);
        f.put("sortable", field.type() != FieldType.TEXTAREA);
        f.put("groupable", field.type().isText() && field.type() != FieldType.TEXTAREA);
        f.put("referenceTo", field.referenceTo() == null ? List.of() : List.of(field.referenceTo()));
        f.put("relationshipName", field.relationshipName());
        var picklist = new ArrayList<Map<String, Object>>();
        for (String value : field.picklist()) {
            picklist.add(Map.of("value", value, "label", value, "active", true,
                    "defaultValue", value.equals(field.defaultValue())));
        }
        f.put("picklistValues", picklist);
        f.put("restrictedPicklist", field.restrictedPicklist());
        f.put("defaultValue", field.defaultValue());
        return f;
    }
}
