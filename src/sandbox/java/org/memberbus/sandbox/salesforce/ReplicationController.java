package org.memberbus.sandbox.salesforce;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The data replication resources of the REST API, as Salesforce documents them ("sObject Get
 * Updated", "sObject Get Deleted"): {@code GET sobjects/{type}/updated?start=&end=} answers the ids
 * of records added or changed in the span (by SystemModstamp), {@code .../deleted?start=&end=}
 * the records deleted in it with their deletion time, and both {@code latestDateCovered}. The
 * seconds of start and end are ignored; start must precede end and lie within the last 30 days
 * (INVALID_REPLICATION_DATE otherwise); more than 600,000 ids is EXCEEDED_ID_LIMIT.
 */
@RestController
@RequestMapping(ApiPaths.VERSION + "/sobjects/{type}")
class ReplicationController {

    static final int ID_LIMIT = 600_000;
    static final int DAYS_AVAILABLE = 30;

    private final SObjectStore store;

    ReplicationController(SObjectStore store) {
        this.store = store;
    }

    /** The span a call covers: [start, latestDateCovered). */
    private record Span(Instant start, Instant latestCovered) {
        boolean contains(Instant stamp) {
            return !stamp.isBefore(start) && stamp.isBefore(latestCovered);
        }
    }

    @GetMapping("/updated")
    Map<String, Object> updated(@PathVariable String type, @RequestParam String start, @RequestParam String end) {
        var def = store.schema().require(type);
        var span = span(start, end);
        var ids = new ArrayList<String>();
        for (var record : store.records(def, false)) {
            if (span.contains(SalesforceTime.parseDateTime((String) record.get("SystemModstamp")))) {
                ids.add((String) record.get("Id"));
            }
        }
        checkLimit(ids.size());
        ids.sort(null);
        var body = new LinkedHashMap<String, Object>();
        body.put("ids", ids);
        body.put("latestDateCovered", SalesforceTime.rest(span.latestCovered()));
        return body;
    }

    @GetMapping("/deleted")
    Map<String, Object> deleted(@PathVariable String type, @RequestParam String start, @RequestParam String end) {
        var def = store.schema().require(type);
        var span = span(start, end);
        var deleted = new ArrayList<Map<String, Object>>();
        for (var record : store.deleted(def)) {
            var deletedAt = SalesforceTime.parseDateTime((String) record.get("SystemModstamp"));
            if (span.contains(deletedAt)) {
                var entry = new LinkedHashMap<String, Object>();
                entry.put("id", record.get("Id"));
                entry.put("deletedDate", SalesforceTime.rest(deletedAt));
                deleted.add(entry);
            }
        }
        checkLimit(deleted.size());
        deleted.sort(java.util.Comparator.comparing(e -> (String) e.get("deletedDate")));
        var body = new LinkedHashMap<String, Object>();
        body.put("deletedRecords", deleted);
        body.put("earliestDateAvailable", SalesforceTime.rest(store.earliestDateAvailable(def)));
        body.put("latestDateCovered", SalesforceTime.rest(span.latestCovered()));
        return body;
    }

    /**
     * The span asked for, seconds ignored; latestDateCovered is its end, or now when the end lies
     * ahead: a change still to come is left to the next call.
     */
    private static Span span(String startText, String endText) {
        var start = instant("start", startText).truncatedTo(ChronoUnit.MINUTES);
        var end = instant("end", endText).truncatedTo(ChronoUnit.MINUTES);
        if (!start.isBefore(end)) {
            throw new ApiException(400, "INVALID_REPLICATION_DATE", "startDate must chronologically precede endDate");
        }
        var earliest = SalesforceTime.startOf(SalesforceTime.today().minusDays(DAYS_AVAILABLE));
        if (start.isBefore(earliest)) {
            throw new ApiException(400, "INVALID_REPLICATION_DATE", "startDate cannot be more than "
                    + DAYS_AVAILABLE + " days ago");
        }
        var now = SalesforceTime.now();
        return new Span(start, end.isAfter(now) ? now : end);
    }

    private static Instant instant(String name, String text) {
        try {
            return SalesforceTime.parseDateTime(text);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "INVALID_PARAMETER_VALUE", "'" + text + "' is not a valid value for the type "
                    + "xsd:dateTime of parameter " + name + " (URL-encode the + of an offset)", List.of(name));
        }
    }

    private static void checkLimit(int found) {
        if (found > ID_LIMIT) {
            throw new ApiException(400, "EXCEEDED_ID_LIMIT", "record limit reached: " + found + " ids found, at most "
                    + ID_LIMIT + " are returned. Choose start and end dates closer together");
        }
    }
}
