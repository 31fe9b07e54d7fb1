package org.memberbus.sandbox.marketing;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The sandbox's switches: faults, and expiring every access token now (to exercise re-authentication). */
@RestController
@RequestMapping("/__sandbox")
class SandboxController {

    private final Faults faults;
    private final AccessTokens tokens;

    SandboxController(Faults faults, AccessTokens tokens) {
        this.faults = faults;
        this.tokens = tokens;
    }

    @GetMapping("/faults")
    Faults.Settings faults() {
        return faults.current();
    }

    @PostMapping("/faults")
    Faults.Settings setFaults(@RequestBody Faults.Settings settings) {
        faults.set(settings);
        return faults.current();
    }

    @DeleteMapping("/faults")
    Faults.Settings clearFaults() {
        faults.clear();
        return faults.current();
    }

    @DeleteMapping("/tokens")
    ResponseEntity<Void> expireTokens() {
        tokens.expireAll();
        return ResponseEntity.noContent().build();
    }
}
