package org.memberbus.sandbox.salesforce;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
 * The sObject resources of the REST API, under {@code /services/data/vNN.N/}: describe,
 * create, retrieve, update, delete, and upsert or retrieve by external id.
 */
@RestController
@RequestMapping(ApiPaths.VERSION)
class SObjectController {

    private final SObjectStore store;

    SObjectController(SObjectStore store) {
        this.store = store;
    }

    @GetMapping({"", "/"})
    Map<String, Object> resources(@PathVariable String version) {
        var base = "/services/data/" + version;
        var body = new LinkedHashMap<String, Object>();
        body.put("sobjects", base + "/sobjects");
        body.put("query", base + "/query");
        body.put("queryAll", base + "/queryAll");
        body.put("composite", base + "/composite");
        body.put("limits", base + "/limits");
        return body;
    }

    @GetMapping({"/sobjects", "/sobjects/"})
    Map<String, Object> describeGlobal(@PathVariable String version) {
        return DescribeViews.global(store.schema(), version);
    }

    @GetMapping("/sobjects/{type}")
    Map<String, Object> basicInfo(@PathVariable String version, @PathVariable String type) {
        var def = store.schema().require(type);
        return Map.of("objectDescribe", DescribeViews.basics(def, version), "recentItems", List.of());
    }

    @GetMapping("/sobjects/{type}/describe")
    Map<String, Object> describe(@PathVariable String version, @PathVariable String type) {
        return DescribeViews.describe(store.schema().require(type), version);
    }

    @PostMapping("/sobjects/{type}")
    ResponseEntity<Map<String, Object>> create(@PathVariable String version, @PathVariable String type,
                                               @RequestBody(required = false) String body,
                                               HttpServletRequest request) {
        var def = store.schema().require(type);
        var input = ApiRequests.object(body);
        var id = store.write(ApiRequests.context(request, version), txn -> txn.create(def, input));
        return ResponseEntity.status(HttpStatus.CREATED).body(saveResult(id));
    }

    @GetMapping("/sobjects/{type}/{id}")
    Map<String, Object> retrieve(@PathVariable String version, @PathVariable String type, @PathVariable String id,
                                 @RequestParam(required = false) String fields) {
        var def = store.schema().require(type);
        return RecordViews.record(def, store.get(def, id), fieldList(fields), version);
    }

    @PatchMapping("/sobjects/{type}/{id}")
    ResponseEntity<Void> update(@PathVariable String version, @PathVariable String type, @PathVariable String id,
                                @RequestBody(required = false) String body, HttpServletRequest request) {
        var def = store.schema().require(type);
        var input = ApiRequests.object(body);
        store.write(ApiRequests.context(request, version), txn -> txn.update(def, id, input));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/sobjects/{type}/{id}")
    ResponseEntity<Void> delete(@PathVariable String version, @PathVariable String type, @PathVariable String id,
                                HttpServletRequest request) {
        var def = store.schema().require(type);
        store.write(ApiRequests.context(request, version), txn -> {
            txn.delete(def, id);
            return null;
        });
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/sobjects/{type}/{field}/{value}")
    Map<String, Object> retrieveByExternalId(@PathVariable String version, @PathVariable String type,
                                             @PathVariable String field, @PathVariable String value,
                                             @RequestParam(required = false) String fields) {
        var def = store.schema().require(type);
        var record = store.findByExternalId(def, externalIdField(def, field), value)
                .orElseThrow(ApiException::notFound);
        return RecordViews.record(def, record, fieldList(fields), version);
    }

    /** Upsert: 201 when a record was created, 200 when one was updated. */
    @PatchMapping("/sobjects/{type}/{field}/{value}")
    ResponseEntity<Map<String, Object>> upsert(@PathVariable String version, @PathVariable String type,
                                               @PathVariable String field, @PathVariable String value,
                                               @RequestBody(required = false) String body,
                                               HttpServletRequest request) {
        var def = store.schema().require(type);
        var input = ApiRequests.object(body);
        var result = store.write(ApiRequests.context(request, version), txn -> txn.upsert(def, field, value, input));
        var answer = saveResult(result.id());
        answer.put("created", result.created());
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK).body(answer);
    }

    @DeleteMapping("/sobjects/{type}/{field}/{value}")
    ResponseEntity<Void> deleteByExternalId(@PathVariable String version, @PathVariable String type,
                                            @PathVariable String field, @PathVariable String value,
                                            HttpServletRequest request) {
        var def = store.schema().require(type);
        var record = store.findByExternalId(def, externalIdField(def, field), value)
                .orElseThrow(ApiException::notFound);
        store.write(ApiRequests.context(request, version), txn -> {
            txn.delete(def, (String) record.get("Id"));
            return null;
        });
        return ResponseEntity.noContent().build();
    }

    static Map<String, Object> saveResult(String id) {
        var body = new LinkedHashMap<String, Object>();
        body.put("id", id);
        body.put("success", true);
        body.put("errors", List.of());
        return body;
    }

    private static FieldDef externalIdField(ObjectDef def, String field) {
        return def.field(field).filter(f -> f.externalId() || f.name().equals("Id"))
                .orElseThrow(() -> new ApiException(404, "NOT_FOUND",
                        "Provided external ID field does not exist or is not accessible: " + field));
    }

    private static List<String> fieldList(String fields) {
        return fields == null || fields.isBlank() ? null : Arrays.asList(fields.split(","));
    }
}
