package org.memberbus.sandbox.salesforce;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
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
 * Bulk API 2.0 query jobs over REST ({@code /services/data/vNN.N/jobs/query}): create, list, get,
 * the results as CSV with {@code Sforce-Locator} and {@code Sforce-NumberOfRecords}, abort
 * (PATCH state Aborted) and delete. Each call passes the API gate like every REST call.
 */
@RestController
@RequestMapping(ApiPaths.VERSION + "/jobs/query")
class BulkQueryController {

    private final BulkQueryJobs jobs;

    BulkQueryController(BulkQueryJobs jobs) {
        this.jobs = jobs;
    }

    @PostMapping
    Map<String, Object> create(@PathVariable String version, @RequestBody(required = false) String body,
                               HttpServletRequest request) {
        var user = ApiRequests.context(request, version).userId();
        return jobs.create(ApiRequests.object(body), version, user).info(false);
    }

    @GetMapping
    Map<String, Object> list() {
        var body = new LinkedHashMap<String, Object>();
        body.put("done", true);
        body.put("records", jobs.all().stream().map(j -> j.info(false)).toList());
        body.put("nextRecordsUrl", null);
        return body;
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable String id) {
        return jobs.get(id).info(true);
    }

    @GetMapping(value = "/{id}/results")
    ResponseEntity<String> results(@PathVariable String id, @RequestParam(required = false) String locator,
                                   @RequestParam(required = false) String maxRecords) {
        Integer max = null;
        if (maxRecords != null) {
            try {
                max = Integer.valueOf(maxRecords.trim());
            } catch (NumberFormatException e) {
                throw new ApiException(400, "INVALID_PARAMETER_VALUE", "maxRecords must be a positive number",
                        java.util.List.of("maxRecords"));
            }
        }
        var set = jobs.results(id, locator == null || locator.isBlank() ? null : locator, max);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header("Sforce-Locator", set.nextLocator())
                .header("Sforce-NumberOfRecords", String.valueOf(set.records()))
                .body(set.csv());
    }

    @PatchMapping("/{id}")
    Map<String, Object> abort(@PathVariable String id, @RequestBody(required = false) String body) {
        return jobs.abort(id, ApiRequests.object(body).get("state")).info(false);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        jobs.delete(id);
        return ResponseEntity.noContent().build();
    }
}
