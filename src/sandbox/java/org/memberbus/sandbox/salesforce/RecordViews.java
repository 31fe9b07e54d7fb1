package org.memberbus.sandbox.salesforce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records as the REST API answers them: {@code attributes {type, url}} first, then the fields. */
final class RecordViews {

    private RecordViews() {}

    static Map<String, Object> attributes(ObjectDef type, String id, String version) {
        var attributes = new LinkedHashMap<String, Object>();
        attributes.put("type", type.name());
        attributes.put("url", "/services/data/" + version + "/sobjects/" + type.name() + "/" + id);
        return attributes;
    }

    /** Every field of the type (null when empty), or only {@code fields} when given. */
    static Map<String, Object> record(ObjectDef type, Map<String, Object> record, List<String> fields, String version) {
        var view = new LinkedHashMap<String, Object>();
        view.put("attributes", attributes(type, (String) record.get("Id"), version));
        if (fields == null || fields.isEmpty()) {
            for (FieldDef field : type.fields()) {
                view.put(field.name(), record.get(field.name()));
            }
        } else {
            for (String name : fields) {
                var field = type.field(name.trim()).orElseThrow(() -> ApiException.invalidField(
                        "No such column '" + name.trim() + "' on entity '" + type.name() + "'. If you are attempting "
                                + "to use a custom field, be sure to append the '__c' after the custom field name. "
                                + "Please reference your WSDL or the describe call for the appropriate names."));
                view.put(field.name(), record.get(field.name()));
            }
        }
        return view;
    }
}
