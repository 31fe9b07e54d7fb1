package org.memberbus.sandbox.salesforce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's own controls, beside the Salesforce API: faults and org knobs, the API call
 * counter the tests and the benchmark read, the change event log, and undelete (which Salesforce
 * offers in its UI and SOAP API, not over REST).
 */
@RestController
@RequestMapping("/__sandbox")
class SandboxController {

    private final SalesforceFaults faults;
    private final AccessTokens tokens;
    private final ApiUsage usage;
    private final ChangeEventLog changeEvents;
    private final SObjectStore store;
    private final BulkQueryJobs bulkQueryJobs;
    private final ExtraMembersSeed extraMembers;

    SandboxController(SalesforceFaults faults, AccessTokens tokens, ApiUsage usage, ChangeEventLog changeEvents,
                      SObjectStore store, BulkQueryJobs bulkQueryJobs) {
        this.faults = faults;
        this.tokens = tokens;
        this.usage = usage;
        this.changeEvents = changeEvents;
        this.store = store;
        this.bulkQueryJobs = bulkQueryJobs;
        this.extraMembers = new ExtraMembersSeed(store);
    }

    @GetMapping("/faults")
    Map<String, Object> faults() {
        return faults.describe();
    }

    /**
     * {@code {"latencyMs":200, "errorRate":0.5, "rateLimitNext":3, "rateLimit":true,
     * "expireSessions":true, "sessionLifetimeSeconds":5, "queryPageSize":10, "dailyApiMax":100}};
     * {@code expireSessions} ends every current session at once.
     */
    @PostMapping("/faults")
    Map<String, Object> setFaults(@RequestBody Map<String, Object> update) {
        faults.apply(update);
        if (Boolean.TRUE.equals(update.get("expireSessions"))) {
            tokens.expireAll();
        }
        return faults.describe();
    }

    @DeleteMapping("/faults")
    Map<String, Object> clearFaults() {
        faults.clear();
        return faults.describe();
    }

    /** How many REST calls the org has counted today: what the bus spent of its allowance. */
    @GetMapping("/api-calls")
    Map<String, Object> apiCalls() {
        return Map.of("total", usage.used(), "max", faults.dailyApiMax(), "byKind", usage.byKind());
    }

    @DeleteMapping("/api-calls")
    Map<String, Object> resetApiCalls() {
        usage.reset();
        return apiCalls();
    }

    /** The retained change events, oldest first, of one channel or all. */
    @GetMapping("/change-events")
    Map<String, Object> changeEvents(@RequestParam(defaultValue = ChangeEventLog.ALL_CHANGES) String channel,
                                     @RequestParam(defaultValue = "false") boolean include) {
        var body = new LinkedHashMap<String, Object>();
        body.put("lastReplayId", changeEvents.lastReplayId());
        body.put("retained", changeEvents.retainedCount());
        if (include) {
            body.put("events", changeEvents.retained(channel));
        }
        return body;
    }

    /** Restores a deleted record, publishing an UNDELETE change event. */
    @PostMapping("/undelete/{id}")
    Map<String, Object> undelete(@PathVariable String id) {
        store.write(new SObjectStore.Context(SalesforceSettings.INTEGRATION_USER_ID, "com/salesforce/ui"), txn -> {
            txn.undelete(id);
            return null;
        });
        return SObjectController.saveResult(SalesforceIds.normalize(id));
    }

    /**
     * Empties a deleted record from the recycle bin (Salesforce's emptyRecycleBin, or its 15 days
     * passing): queryAll no longer returns it and getDeleted's earliestDateAvailable moves on.
     */
    @PostMapping("/purge/{id}")
    Map<String, Object> purge(@PathVariable String id) {
        store.purge(id);
        return Map.of("id", SalesforceIds.normalize(id), "purged", true);
    }

    /** The Bulk API 2.0 query jobs the org has seen (newest last): what the tests and the benchmark read. */
    @GetMapping("/bulk-query-jobs")
    Map<String, Object> bulkQueryJobs() {
        var all = bulkQueryJobs.all().stream().map(job -> {
            var view = new LinkedHashMap<String, Object>(job.info(true));
            view.put("query", job.query);
            return view;
        }).toList();
        return Map.of("jobsToday", bulkQueryJobs.jobsToday(), "jobs", all);
    }

    /** What {@code POST /__sandbox/seed-members} takes: how many members to add. */
    record SeedRequest(Integer count) {}

    /**
     * Adds members beyond the demo association in seconds (volume tests, the 100,000-member
     * benchmark): a Contact, a Membership__c and a dues Payment__c each, without change events.
     */
    @PostMapping("/seed-members")
    Map<String, Object> seedMembers(@RequestBody SeedRequest request) {
        if (request.count() == null || request.count() < 1 || request.count() > 1_000_000) {
            throw new IllegalArgumentException("count must be between 1 and 1000000");
        }
        long started = System.nanoTime();
        int total = extraMembers.seed(request.count());
        return Map.of("added", request.count(), "extraMembers", total,
                "millis", (System.nanoTime() - started) / 1_000_000);
    }

    /** What {@code POST /__sandbox/merge} takes: the surviving record, the losing ones, fields set on the survivor. */
    record MergeRequest(String masterRecordId, List<String> mergedRecordIds, Map<String, Object> fields) {}

    /**
     * Merges records as Salesforce's merge does (SOAP {@code merge()}; REST has none): the losers
     * are deleted, their MasterRecordId naming the master, and the master is updated. Change events:
     * DELETE of each loser, UPDATE of the master.
     */
    @PostMapping("/merge")
    Map<String, Object> merge(@RequestBody MergeRequest request) {
        if (request.masterRecordId() == null || request.mergedRecordIds() == null || request.mergedRecordIds().isEmpty()
                || request.mergedRecordIds().size() > 2) {
            throw new IllegalArgumentException("masterRecordId and one or two mergedRecordIds are required");
        }
        var type = store.schema().byId(SalesforceIds.normalize(request.masterRecordId()))
                .orElseThrow(ApiException::notFound);
        store.write(new SObjectStore.Context(SalesforceSettings.INTEGRATION_USER_ID, "com/salesforce/ui"), txn -> {
            txn.merge(type, request.masterRecordId(), request.mergedRecordIds(),
                    request.fields() == null ? Map.of() : request.fields());
            return null;
        });
        return Map.of("id", SalesforceIds.normalize(request.masterRecordId()), "success", true,
                "mergedRecordIds", request.mergedRecordIds());
    }

    /** What {@code POST /__sandbox/gap-events} takes: see {@link #gapEvents}. */
    record GapRequest(String sobject, String changeType, List<String> recordIds, Map<String, Object> fields) {}

    /**
     * Makes the org send gap events, as Salesforce does for a change it could not describe:
     * {@code {"sobject":"Contact","changeType":"GAP_UPDATE","recordIds":["003..."],"fields":{...}}}
     * applies {@code fields} to the records without a change event and publishes one gap event
     * per record ({@code GAP_CREATE}, {@code GAP_UPDATE}, {@code GAP_DELETE}, {@code GAP_UNDELETE});
     * {@code {"sobject":"Contact","changeType":"GAP_OVERFLOW"}} publishes an overflow event.
     */
    @PostMapping("/gap-events")
    Map<String, Object> gapEvents(@RequestBody GapRequest request) {
        var type = store.schema().require(request.sobject() == null ? "Contact" : request.sobject());
        var changeType = request.changeType() == null ? "GAP_UPDATE" : request.changeType();
        if (!List.of("GAP_CREATE", "GAP_UPDATE", "GAP_DELETE", "GAP_UNDELETE", "GAP_OVERFLOW").contains(changeType)) {
            throw new IllegalArgumentException("changeType must be GAP_CREATE, GAP_UPDATE, GAP_DELETE, GAP_UNDELETE or GAP_OVERFLOW");
        }
        if (!changeType.equals("GAP_OVERFLOW") && (request.recordIds() == null || request.recordIds().isEmpty())) {
            throw new IllegalArgumentException("recordIds are required for " + changeType);
        }
        store.write(new SObjectStore.Context(SalesforceSettings.INTEGRATION_USER_ID, ""), txn -> {
            if (changeType.equals("GAP_OVERFLOW")) {
                txn.overflow(type);
            } else {
                txn.gap(type, request.recordIds(), changeType, request.fields() == null ? Map.of() : request.fields());
            }
            return null;
        });
        return Map.of("changeType", changeType, "lastReplayId", changeEvents.lastReplayId());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badSetting(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<List<Map<String, Object>>> apiError(ApiException e) {
        return ResponseEntity.status(e.status()).body(e.toBody());
    }
}
