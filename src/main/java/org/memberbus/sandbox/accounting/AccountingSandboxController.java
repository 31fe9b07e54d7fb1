package org.memberbus.sandbox.accounting;

import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The sandbox's own controls, without the API key: faults (including the rate limit) and a summary. */
@RestController
@RequestMapping("/__sandbox")
class AccountingSandboxController {

    private final AccountingFaults faults;
    private final Ledger ledger;

    AccountingSandboxController(AccountingFaults faults, Ledger ledger) {
        this.faults = faults;
        this.ledger = ledger;
    }

    @GetMapping("/faults")
    AccountingFaults.Faults faults() {
        return faults.current();
    }

    @PostMapping("/faults")
    AccountingFaults.Faults setFaults(@RequestBody AccountingFaults.Faults requested) {
        faults.set(requested);
        return faults.current();
    }

    @DeleteMapping("/faults")
    AccountingFaults.Faults clearFaults() {
        faults.clear();
        return faults.current();
    }

    @GetMapping
    Map<String, Object> summary() {
        return Map.of("journalEntries", ledger.size(), "faults", faults.current());
    }
}
