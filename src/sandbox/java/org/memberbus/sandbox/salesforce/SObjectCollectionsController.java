package org.memberbus.sandbox.salesforce;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * sObject Collections ({@code /composite/sobjects}): create, update, upsert, retrieve and delete
 * up to 200 records in one call, which counts as one API request. {@code allOrNone} rolls the
 * whole call back on any failure; otherwise each record succeeds or fails alone. Per-record
 * errors are {@code {"statusCode","message","fields"}}, as Salesforce writes them here.
 */
@RestController
@RequestMapping(ApiPaths.VERSION + "/composite/sobjects")
class SObjectCollectionsController {

    static final int MAX_RECORDS = 200;
    private static final int MAX_RETRIEVE_IDS = 2000;

    private final SObjectStore store;

    SObjectCollectionsController(SObjectStore store) {
        this.store = store;
    }

    @PostMapping({"", "/"})
    List<Map<String, Object>> create(@PathVariable String version, @RequestBody(required = false) String body,
                                     HttpServletRequest request) {
        var collection = collection(body);
        var operations = new ArrayList<Function<SObjectStore.Txn, Map<String, Object>>>();
        for (var record : collection.records()) {
            operations.add(txn -> {
                var type = typeOf(record, null);
                return SObjectController.saveResult(txn.create(type, withoutAttributes(record)));
            });
        }
        return results(store.write(ApiRequests.context(request, version), collection.allOrNone(), operations),
                collection.records(), false);
    }

    @PatchMapping({"", "/"})
    List<Map<String, Object>> update(@PathVariable String version, @RequestBody(required = false) String body,
                                     HttpServletRequest request) {
        var collection = collection(body);
        var operations = new ArrayList<Function<SObjectStore.Txn, Map<String, Object>>>();
        for (var record : collection.records()) {
            operations.add(txn -> {
                var type = typeOf(record, null);
                var id = (String) record.get("Id");
                if (id == null) {
                    throw new ApiException(400, "MISSING_ARGUMENT", "Id not specified in an update call");
                }
                txn.update(type, id, withoutAttributes(record));
                return SObjectController.saveResult(SalesforceIds.normalize(id));
            });
        }
        return results(store.write(ApiRequests.context(request, version), collection.allOrNone(), operations),
                collection.records(), false);
    }

    /** Upsert on an external id field; the records must all be of the type in the URL. */
    @PatchMapping("/{type}/{field}")
    List<Map<String, Object>> upsert(@PathVariable String version, @PathVariable String type,
                                     @PathVariable String field, @RequestBody(required = false) String body,
                                     HttpServletRequest request) {
        var def = store.schema().require(type);
        var external = def.field(field).filter(f -> f.externalId() || f.name().equals("Id"))
                .orElseThrow(() -> new ApiException(400, "INVALID_FIELD",
                        "Field name provided, " + field + " is not an External ID or indexed field for " + def.name()));
        var collection = collection(body);
        var operations = new ArrayList<Function<SObjectStore.Txn, Map<String, Object>>>();
        for (var record : collection.records()) {
            operations.add(txn -> {
                typeOf(record, def);
                var value = record.entrySet().stream()
                        .filter(e -> e.getKey().equalsIgnoreCase(external.name()) && e.getValue() != null)
                        .map(e -> e.getValue().toString()).findFirst()
                        .orElseThrow(() -> new ApiException(400, "MISSING_ARGUMENT",
                                def.name() + ": " + external.name() + " not specified"));
                var saved = txn.upsert(def, external.name(), value, withoutAttributes(record));
                var result = SObjectController.saveResult(saved.id());
                result.put("created", saved.created());
                return result;
            });
        }
        return results(store.write(ApiRequests.context(request, version), collection.allOrNone(), operations),
                collection.records(), true);
    }

    @GetMapping("/{type}")
    List<Map<String, Object>> retrieve(@PathVariable String version, @PathVariable String type,
                                       @RequestParam String ids, @RequestParam String fields) {
        return retrieve(version, type, Arrays.asList(ids.split(",")), Arrays.asList(fields.split(",")));
    }

    /** The POST form of retrieve, for id lists too long for a URL. */
    @PostMapping("/{type}")
    List<Map<String, Object>> retrieveByPost(@PathVariable String version, @PathVariable String type,
                                             @RequestBody(required = false) String body) {
        var request = ApiRequests.object(body);
        return retrieve(version, type, strings(request.get("ids")), strings(request.get("fields")));
    }

    @DeleteMapping({"", "/"})
    List<Map<String, Object>> delete(@PathVariable String version, @RequestParam String ids,
                                     @RequestParam(defaultValue = "false") boolean allOrNone,
                                     HttpServletRequest request) {
        var idList = Arrays.stream(ids.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (idList.size() > MAX_RECORDS) {
            throw tooMany();
        }
        var operations = new ArrayList<Function<SObjectStore.Txn, Map<String, Object>>>();
        for (String id : idList) {
            operations.add(txn -> {
                var type = store.schema().byId(SalesforceIds.normalize(id)).orElseThrow(() ->
                        new ApiException(400, "MALFORMED_ID", "malformed id " + id));
                txn.delete(type, id);
                return SObjectController.saveResult(SalesforceIds.normalize(id));
            });
        }
        var outcomes = store.write(ApiRequests.context(request, version), allOrNone, operations);
        var results = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < outcomes.size(); i++) {
            results.add(outcomes.get(i).success() ? outcomes.get(i).value()
                    : failure(SalesforceIds.normalize(idList.get(i)), outcomes.get(i).error(), false));
        }
        return results;
    }

    private List<Map<String, Object>> retrieve(String version, String type, List<String> ids, List<String> fields) {
        var def = store.schema().require(type);
        if (ids.size() > MAX_RETRIEVE_IDS) {
            throw new ApiException(400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than "
                    + MAX_RETRIEVE_IDS + " records into this call");
        }
        var records = new ArrayList<Map<String, Object>>();
        for (String id : ids) {
            try {
                records.add(RecordViews.record(def, store.get(def, id.trim()), fields, version));
            } catch (ApiException e) {
                if (e.status() != 404) {
                    throw e;
                }
                records.add(null);   // Salesforce answers null for an id it cannot return
            }
        }
        return records;
    }

    private record Collection(boolean allOrNone, List<Map<String, Object>> records) {}

    @SuppressWarnings("unchecked")
    private static Collection collection(String body) {
        var request = ApiRequests.object(body);
        if (!(request.get("records") instanceof List<?> records)) {
            throw new ApiException(400, "JSON_PARSER_ERROR", "records is required");
        }
        if (records.size() > MAX_RECORDS) {
            throw tooMany();
        }
        var list = new ArrayList<Map<String, Object>>();
        for (Object record : records) {
            if (!(record instanceof Map<?, ?> map)) {
                throw new ApiException(400, "JSON_PARSER_ERROR", "each record must be a JSON object");
            }
            list.add((Map<String, Object>) map);
        }
        return new Collection(Boolean.TRUE.equals(request.get("allOrNone")), list);
    }

    static ApiException tooMany() {
        return new ApiException(400, "EXCEEDED_ID_LIMIT",
                "record limit reached. cannot submit more than " + MAX_RECORDS + " records into this call");
    }

    /** The record's {@code attributes.type}, which must match {@code expected} when given. */
    private ObjectDef typeOf(Map<String, Object> record, ObjectDef expected) {
        var type = record.get("attributes") instanceof Map<?, ?> attributes ? attributes.get("type") : null;
        if (type == null) {
            if (expected != null) {
                return expected;
            }
            throw new ApiException(400, "INVALID_TYPE", "Must send a concrete entity type.");
        }
        var def = store.schema().find(type.toString())
                .orElseThrow(() -> new ApiException(400, "INVALID_TYPE", "Unknown type: " + type));
        if (expected != null && def != expected) {
            throw new ApiException(400, "INVALID_TYPE", "Record type " + def.name() + " does not match "
                    + expected.name());
        }
        return def;
    }

    private static Map<String, Object> withoutAttributes(Map<String, Object> record) {
        var copy = new LinkedHashMap<>(record);
        copy.remove("attributes");
        return copy;
    }

    private static List<Map<String, Object>> results(List<SObjectStore.Outcome<Map<String, Object>>> outcomes,
                                                     List<Map<String, Object>> records, boolean upsert) {
        var results = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < outcomes.size(); i++) {
            var outcome = outcomes.get(i);
            results.add(outcome.success() ? outcome.value()
                    : failure((String) records.get(i).get("Id"), outcome.error(), upsert));
        }
        return results;
    }

    private static Map<String, Object> failure(String id, ApiException error, boolean upsert) {
        var code = error.errorCode().equals("NOT_FOUND") ? "INVALID_CROSS_REFERENCE_KEY" : error.errorCode();
        var message = code.equals(error.errorCode()) ? error.getMessage() : "invalid cross reference id";
        var detail = new LinkedHashMap<String, Object>();
        detail.put("statusCode", code);
        detail.put("message", message);
        detail.put("fields", error.fields());
        var result = new LinkedHashMap<String, Object>();
        result.put("id", id);
        result.put("success", false);
        result.put("errors", List.of(detail));
        if (upsert) {
            result.put("created", false);
        }
        return result;
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (value instanceof String s) {
            return Arrays.asList(s.split(","));
        }
        throw new ApiException(400, "JSON_PARSER_ERROR", "ids and fields are required");
    }
}
