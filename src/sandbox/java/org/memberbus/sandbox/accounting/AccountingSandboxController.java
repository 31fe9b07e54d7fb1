package org.memberbus.sandbox.accounting;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import org.memberbus.sandbox.faults.SimulatorFaults;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's summary, without the API key (faults, with the rate limit: the shared
 * {@code /__sandbox/faults}), and the books-closed date: {@code PUT /__sandbox/books-closed}
 * {@code {"date":"2026-10-31"}} closes every period through that day (staff closing the books in
 * QuickBooks Online), {@code DELETE} opens them again.
 */
@RestController
@RequestMapping("/__sandbox")
class AccountingSandboxController {

    private final SimulatorFaults faults;
    private final Ledger ledger;
    private final AccountingApiKeyFilter api;

    AccountingSandboxController(SimulatorFaults faults, Ledger ledger, AccountingApiKeyFilter api) {
        this.faults = faults;
        this.ledger = ledger;
        this.api = api;
    }

    @GetMapping
    Map<String, Object> summary() {
        var summary = new HashMap<String, Object>();
        summary.put("journalEntries", ledger.size());
        summary.put("faults", faults.show());
        summary.put("booksClosedDate", ledger.booksClosed());
        summary.put("apiCalls", api.calls());
        return summary;
    }

    @PutMapping("/books-closed")
    Map<String, Object> closeBooks(@RequestBody JsonNode body) {
        try {
            ledger.closeBooks(LocalDate.parse(body.path("date").asText()));
        } catch (DateTimeParseException e) {
            throw LedgerProblem.badRequest("date must be a date as YYYY-MM-DD");
        }
        return summary();
    }

    @DeleteMapping("/books-closed")
    Map<String, Object> openBooks() {
        ledger.closeBooks(null);
        return summary();
    }
}
