package org.memberbus.sandbox.salesforce;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Composite resource ({@code POST /composite}): up to 25 subrequests in one call and one
 * transaction, later ones referring to earlier results as {@code @{refId.id}} or
 * {@code @{refId.records[0].Id}}. Subrequests may create, retrieve, update, upsert and delete
 * sObjects and run queries. With {@code allOrNone} one failure rolls all back and the others
 * answer PROCESSING_HALTED.
 */
@RestController
@RequestMapping(ApiPaths.VERSION + "/composite")
class CompositeController {

    private static final int MAX_SUBREQUESTS = 25;
    private static final Pattern REFERENCE = Pattern.compile("@\\{([A-Za-z0-9_]+)((?:\\.[A-Za-z0-9_]+(?:\\[\\d+])?)+)}");
    private static final Pattern SOBJECT_URL = Pattern.compile(
            "/services/data/(v\\d+\\.\\d+)/sobjects/([A-Za-z0-9_]+)(?:/([^/?]+))?(?:/([^/?]+))?/?(?:\\?(.*))?");
    private static final Pattern QUERY_URL = Pattern.compile(
            "/services/data/(v\\d+\\.\\d+)/(query|queryAll)/?\\?(.*)");

    /** The answer of one subrequest. */
    private record SubResult(int status, Object body) {}

    private final SObjectStore store;
    private final QueryEngine queries;

    CompositeController(SObjectStore store, QueryEngine queries) {
        this.store = store;
        this.queries = queries;
    }

    @PostMapping({"", "/"})
    Map<String, Object> composite(@PathVariable String version, @RequestBody(required = false) String body,
                                  HttpServletRequest request) {
        var composite = ApiRequests.object(body);
        if (!(composite.get("compositeRequest") instanceof List<?> subrequests) || subrequests.isEmpty()) {
            throw new ApiException(400, "JSON_PARSER_ERROR", "compositeRequest is required");
        }
        if (subrequests.size() > MAX_SUBREQUESTS) {
            throw new ApiException(400, "INVALID_BATCH_REQUEST",
                    "Limit Exceeded: A maximum of " + MAX_SUBREQUESTS + " subrequests is allowed");
        }
        boolean allOrNone = Boolean.TRUE.equals(composite.get("allOrNone"));
        var results = new HashMap<String, Object>();   // referenceId -> answer body, for @{...}
        var referenceIds = new ArrayList<String>();
        var operations = new ArrayList<Function<SObjectStore.Txn, SubResult>>();
        for (Object item : subrequests) {
            if (!(item instanceof Map<?, ?> sub)) {
                throw new ApiException(400, "JSON_PARSER_ERROR", "each subrequest must be a JSON object");
            }
            var referenceId = String.valueOf(sub.get("referenceId"));
            referenceIds.add(referenceId);
            operations.add(txn -> {
                var result = execute(txn, String.valueOf(sub.get("method")), resolve(sub.get("url"), results),
                        resolve(sub.get("body"), results));
                results.put(referenceId, result.body());
                return result;
            });
        }
        var outcomes = store.write(ApiRequests.context(request, version), allOrNone, operations);
        var responses = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < outcomes.size(); i++) {
            var outcome = outcomes.get(i);
            var response = new LinkedHashMap<String, Object>();
            if (outcome.success()) {
                response.put("body", outcome.value().body());
                response.put("httpHeaders", Map.of());
                response.put("httpStatusCode", outcome.value().status());
            } else {
                var error = outcome.error();
                if (error.errorCode().equals("ALL_OR_NONE_OPERATION_ROLLED_BACK")) {
                    error = new ApiException(400, "PROCESSING_HALTED",
                            "The transaction was rolled back since another operation in the same transaction failed.");
                }
                response.put("body", error.toBody());
                response.put("httpHeaders", Map.of());
                response.put("httpStatusCode", error.status());
            }
            response.put("referenceId", referenceIds.get(i));
            responses.add(response);
        }
        return Map.of("compositeResponse", responses);
    }

    private SubResult execute(SObjectStore.Txn txn, String method, Object urlValue, Object body) {
        var url = String.valueOf(urlValue);
        if (!url.startsWith("/")) {
            url = "/services/data/" + url;   // "v56.0/sobjects/..." is allowed too
        }
        Matcher m = QUERY_URL.matcher(url);
        if (m.matches() && method.equals("GET")) {
            var q = parameter(m.group(3), "q");
            return new SubResult(200, queries.query(q, m.group(2).equals("queryAll"), m.group(1), null));
        }
        m = SOBJECT_URL.matcher(url);
        if (!m.matches()) {
            throw ApiException.notFound();
        }
        var version = m.group(1);
        var type = store.schema().require(m.group(2));
        var first = m.group(3);
        var second = m.group(4);
        var input = body instanceof Map<?, ?> map ? asObject(map) : Map.<String, Object>of();
        if (first == null && method.equals("POST")) {
            return new SubResult(201, SObjectController.saveResult(txn.create(type, input)));
        }
        if (first != null && second == null) {
            switch (method) {
                case "GET": {
                    var fields = parameter(m.group(5), "fields");
                    return new SubResult(200, RecordViews.record(type, store.get(type, first),
                            fields == null ? null : List.of(fields.split(",")), version));
                }
                case "PATCH":
                    txn.update(type, first, input);
                    return new SubResult(204, null);
                case "DELETE":
                    txn.delete(type, first);
                    return new SubResult(204, null);
                default:
                    break;
            }
        }
        if (first != null && second != null && method.equals("PATCH")) {
            var saved = txn.upsert(type, first, URLDecoder.decode(second, StandardCharsets.UTF_8), input);
            var answer = SObjectController.saveResult(saved.id());
            answer.put("created", saved.created());
            return new SubResult(saved.created() ? 201 : 200, answer);
        }
        throw new ApiException(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + method + "' not allowed for " + url);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static String parameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            var kv = pair.split("=", 2);
            if (kv[0].equals(name) && kv.length == 2) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** Replaces {@code @{ref.path}} in strings, lists and maps with earlier results. */
    private static Object resolve(Object value, Map<String, Object> results) {
        if (value instanceof String s) {
            var m = REFERENCE.matcher(s);
            var out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(lookup(m.group(1), m.group(2), results))));
            }
            m.appendTail(out);
            return out.toString();
        }
        if (value instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<String, Object>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), resolve(v, results)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> resolve(v, results)).toList();
        }
        return value;
    }

    private static Object lookup(String referenceId, String path, Map<String, Object> results) {
        Object current = results.get(referenceId);
        for (String step : path.substring(1).split("\\.")) {
            int bracket = step.indexOf('[');
            var name = bracket < 0 ? step : step.substring(0, bracket);
            current = current instanceof Map<?, ?> map ? map.get(name) : null;
            if (bracket >= 0) {
                int index = Integer.parseInt(step.substring(bracket + 1, step.length() - 1));
                current = current instanceof List<?> list && index < list.size() ? list.get(index) : null;
            }
        }
        if (current == null) {
            throw new ApiException(400, "PROCESSING_HALTED", "Invalid reference specified. No value for "
                    + referenceId + path + " found in " + referenceId + ".");
        }
        return current;
    }
}
