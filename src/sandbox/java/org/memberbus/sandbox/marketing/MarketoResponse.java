package org.memberbus.sandbox.marketing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Marketo's response envelope: {@code {"requestId": "...", "success": true, "result": [...]}}, or
 * {@code success: false} with {@code errors: [{"code": "601", "message": "..."}]}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record MarketoResponse(String requestId, boolean success, List<?> result, List<Error> errors) {

    record Error(String code, String message) {}

    static MarketoResponse ok(List<?> result) {
        return new MarketoResponse(newRequestId(), true, result, null);
    }

    static MarketoResponse failed(String code, String message) {
        return new MarketoResponse(newRequestId(), false, null, List.of(new Error(code, message)));
    }

    /** Marketo's request ids look like {@code e42b#14272d07d78}. */
    static String newRequestId() {
        return String.format("%04x#%x", ThreadLocalRandom.current().nextInt(0x10000), System.currentTimeMillis());
    }
}
