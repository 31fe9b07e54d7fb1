package org.memberbus.sandbox.community;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The sandbox's switchboard for {@link Faults}; outside {@code /api}, so no key and no faults apply. */
@RestController
@RequestMapping("/__sandbox/faults")
class FaultsController {

    private final Faults faults;

    FaultsController(Faults faults) {
        this.faults = faults;
    }

    @GetMapping
    Faults.Settings show() {
        return faults.current();
    }

    @PostMapping
    Faults.Settings set(@RequestBody Faults.Settings settings) {
        faults.set(settings);
        return faults.current();
    }

    @DeleteMapping
    Faults.Settings clear() {
        faults.clear();
        return faults.current();
    }
}
