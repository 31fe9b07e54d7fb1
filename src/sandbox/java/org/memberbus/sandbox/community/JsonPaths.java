package org.memberbus.sandbox.community;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.stream.Collectors;

/** The dotted field path Jackson was reading when a value did not fit, e.g. {@code communicationPreferences.sms}. */
final class JsonPaths {

    private JsonPaths() {}

    static String of(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                .collect(Collectors.joining("."));
    }
}
