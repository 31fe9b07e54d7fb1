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

    SandboxController(SalesforceFaults faults, AccessTokens tokens, ApiUsage usage, ChangeEventLog changeEvents,
                      SObjectStore store) {
        this.faults = faults;
        this.tokens = tokens;
        this.usage = usage;
        this.changeEvents = changeEvents;
        this.store = store;
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
        return Map.of("total", usage.used(), "max", faults.dailyApiMax());
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

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badSetting(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<List<Map<String, Object>>> apiError(ApiException e) {
        return ResponseEntity.status(e.status()).body(e.toBody());
    }
}
