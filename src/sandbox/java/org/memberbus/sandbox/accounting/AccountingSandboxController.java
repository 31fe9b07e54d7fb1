package org.memberbus.sandbox.accounting;

import java.util.Map;
import org.memberbus.sandbox.faults.SimulatorFaults;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The sandbox's summary, without the API key (faults, with the rate limit: the shared {@code /__sandbox/faults}). */
@RestController
@RequestMapping("/__sandbox")
class AccountingSandboxController {

    private final SimulatorFaults faults;
    private final Ledger ledger;

    AccountingSandboxController(SimulatorFaults faults, Ledger ledger) {
        this.faults = faults;
        this.ledger = ledger;
    }

    @GetMapping
    Map<String, Object> summary() {
        return Map.of("journalEntries", ledger.size(), "faults", faults.show());
    }
}
