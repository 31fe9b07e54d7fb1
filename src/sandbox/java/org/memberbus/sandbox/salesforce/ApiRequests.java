package org.memberbus.sandbox.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/** What every REST handler needs from its request: the caller and the JSON body. */
final class ApiRequests {

    /** Set by {@link ApiGate} once the session is known. */
    static final String USER_ATTRIBUTE = ApiRequests.class.getName() + ".user";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiRequests() {}

    /**
     * The write context: the session's user, and the change origin a change event reports,
     * {@code com/salesforce/api/rest/56.0}, with {@code ;client=<id>} when the caller sent
     * {@code Sforce-Call-Options: client=<id>}.
     */
    static SObjectStore.Context context(HttpServletRequest request, String version) {
        var user = (String) request.getAttribute(USER_ATTRIBUTE);
        var origin = "com/salesforce/api/rest/" + version.substring(1);
        var options = request.getHeader("Sforce-Call-Options");
        if (options != null) {
            for (String option : options.split(",")) {
                var pair = option.trim().split("=", 2);
                if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("client")) {
                    origin += ";client=" + pair[1].trim();
                }
            }
        }
        return new SObjectStore.Context(user == null ? SalesforceSettings.INTEGRATION_USER_ID : user, origin);
    }

    /** The body as a JSON value; a malformed body is JSON_PARSER_ERROR. */
    static Object json(String body) {
        if (body == null || body.isBlank()) {
            throw new ApiException(400, "JSON_PARSER_ERROR", "The request body is empty");
        }
        try {
            return JSON.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "JSON_PARSER_ERROR", e.getOriginalMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String body) {
        if (json(body) instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new ApiException(400, "JSON_PARSER_ERROR", "Expected a JSON object");
    }

    /** The Sforce-Query-Options batch size, if the caller asked for one. */
    static Integer batchSize(HttpServletRequest request) {
        var options = request.getHeader("Sforce-Query-Options");
        if (options == null) {
            return null;
        }
        for (String option : options.split(",")) {
            var pair = option.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("batchSize")) {
                try {
                    return Integer.parseInt(pair[1].trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
