package org.memberbus.sandbox.marketing;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The sandbox's own switch beside the faults: expiring every access token now (to exercise re-authentication). */
@RestController
@RequestMapping("/__sandbox")
class SandboxController {

    private final AccessTokens tokens;

    SandboxController(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @DeleteMapping("/tokens")
    ResponseEntity<Void> expireTokens() {
        tokens.expireAll();
        return ResponseEntity.noContent().build();
    }
}
