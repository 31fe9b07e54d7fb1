package org.memberbus.sandbox.accounting;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Journal entries.
 * <ul>
 * <li>{@code POST /api/v1/journal-entries}: posts an entry; 201 with {@code Location}, or 200 with
 * {@code Idempotent-Replayed: true} when the same {@code externalReference} and content were posted
 * before; 409 {@code reference_conflict} when the reference was used with other content; 422 with
 * every problem found when the entry is invalid or unbalanced.</li>
 * <li>{@code GET /api/v1/journal-entries?externalReference=&from=&to=&account=&status=&postedSince=&page=&pageSize=}:
 * entries in journal order, a page at a time ({@code page} from 1, {@code pageSize} 1 to 200, 50 by default).
 * {@code postedSince} (an ISO instant) keeps the entries posted at or after it, as an accounting
 * system's change query does (QuickBooks' {@code MetaData.LastUpdatedTime}, Xero's {@code If-Modified-Since}):
 * entries never change except a reversal, which is itself a new entry naming the original.</li>
 * <li>{@code GET /api/v1/journal-entries/{id}}.</li>
 * <li>{@code POST /api/v1/journal-entries/{id}/reverse} with {@code {"date":..,"memo":..}} (both optional):
 * 201 with the mirror entry; the original becomes {@code reversed}; 409 {@code already_reversed} the second time.</li>
 * </ul>
 */
@RestController
@RequestMapping("/api/v1/journal-entries")
class JournalEntriesController {

    record Page<T>(List<T> data, Pagination pagination) {}

    record Pagination(int page, int pageSize, long total, int totalPages, boolean hasMore) {}

    private final Ledger ledger;
    private final ChartOfAccounts chart;

    JournalEntriesController(Ledger ledger, ChartOfAccounts chart) {
        this.ledger = ledger;
        this.chart = chart;
    }

    @PostMapping
    ResponseEntity<JournalEntry> post(@RequestBody(required = false) JsonNode body) {
        var posted = ledger.post(EntryDraft.parse(body, chart));
        if (posted.created()) {
            return ResponseEntity.created(URI.create("/api/v1/journal-entries/" + posted.entry().id())).body(posted.entry());
        }
        return ResponseEntity.ok().header("Idempotent-Replayed", "true").body(posted.entry());
    }

    @GetMapping("/{id}")
    JournalEntry get(@PathVariable String id) {
        return ledger.get(id);
    }

    @GetMapping
    Page<JournalEntry> list(@RequestParam(required = false) String externalReference,
                            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                            @RequestParam(required = false) String account, @RequestParam(required = false) String status,
                            @RequestParam(required = false) String postedSince,
                            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "50") int pageSize) {
        if (page < 1 || pageSize < 1 || pageSize > 200) {
            throw LedgerProblem.badRequest("page starts at 1; pageSize is 1 to 200");
        }
        LocalDate since = date(from, "from");
        LocalDate until = date(to, "to");
        if (account != null && chart.find(account).isEmpty()) {
            throw LedgerProblem.badRequest("Unknown account " + account);
        }
        if (status != null && !Set.of("posted", "reversed").contains(status)) {
            throw LedgerProblem.badRequest("status is posted or reversed");
        }
        java.time.Instant posted;
        try {
            posted = postedSince == null || postedSince.isBlank() ? null : java.time.Instant.parse(postedSince);
        } catch (DateTimeParseException e) {
            throw LedgerProblem.badRequest("postedSince must be an ISO instant, like 2026-01-31T12:00:00Z");
        }
        var found = ledger.find(e -> (externalReference == null || externalReference.equals(e.externalReference()))
                && (since == null || !e.date().isBefore(since)) && (until == null || !e.date().isAfter(until))
                && (account == null || e.touches(account)) && (status == null || status.equals(e.status()))
                && (posted == null || !e.postedAt().isBefore(posted)));
        int total = found.size();
        int fromIndex = Math.min(total, (page - 1) * pageSize);
        int toIndex = Math.min(total, fromIndex + pageSize);
        return new Page<>(found.subList(fromIndex, toIndex), new Pagination(page, pageSize, total,
                (total + pageSize - 1) / pageSize, toIndex < total));
    }

    @PostMapping("/{id}/reverse")
    ResponseEntity<JournalEntry> reverse(@PathVariable String id, @RequestBody(required = false) JsonNode body) {
        LocalDate date = null;
        String memo = null;
        if (body != null && !body.isNull()) {
            if (!body.isObject()) {
                throw LedgerProblem.badRequest("The body must be a JSON object");
            }
            var errors = new ArrayList<LedgerProblem.FieldError>();
            body.fieldNames().forEachRemaining(name -> {
                if (!name.equals("date") && !name.equals("memo")) {
                    errors.add(new LedgerProblem.FieldError(name, "unknown_field", "Unknown field " + name));
                }
            });
            if (body.hasNonNull("date")) {
                try {
                    date = LocalDate.parse(body.get("date").asText());
                } catch (DateTimeParseException e) {
                    errors.add(new LedgerProblem.FieldError("date", "invalid_date", "date must be a date as YYYY-MM-DD"));
                }
            }
            if (!errors.isEmpty()) {
                throw new LedgerProblem(422, errors.get(0).code(), "Invalid reversal",
                        String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList()), errors);
            }
            memo = body.hasNonNull("memo") ? body.get("memo").asText() : null;
        }
        var mirror = ledger.reverse(id, date, memo);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/journal-entries/" + mirror.id())).body(mirror);
    }

    static LocalDate date(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw LedgerProblem.badRequest(name + " must be a date as YYYY-MM-DD");
        }
    }
}
