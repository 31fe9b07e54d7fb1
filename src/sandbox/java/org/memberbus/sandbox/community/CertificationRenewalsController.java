package org.memberbus.sandbox.community;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Recertification on the member's portal: for each certification in its renewal window the
 * portal shows "renew now" (renewal enabled) with the expiry and the CE credits still missing, as
 * the CRM's integration sets it; cleared once renewed or expired. {@code PUT} sets it (the same
 * values again change nothing), {@code DELETE} clears it, {@code GET} lists what the member sees.
 */
@RestController
@RequestMapping("/api/v1")
class CertificationRenewalsController {

    /**
     * What the portal shows for one certification, under the integration's id for it
     * ({@code certification}, e.g. the exam code); {@code program} as the CRM names it.
     */
    record Renewal(String certification, String program, boolean renewalEnabled, LocalDate expiresOn, Integer ceGap,
                   Instant updatedAt) {}

    record Update(String program, Boolean renewalEnabled, LocalDate expiresOn, Integer ceGap) {}

    private final Accounts accounts;
    private final Clock clock;
    private final Map<String, Map<String, Renewal>> byAccount = new ConcurrentHashMap<>();

    CertificationRenewalsController(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @GetMapping("/accounts/{id}/certification-renewals")
    Listing<Renewal> renewals(@PathVariable String id) {
        accounts.get(id);
        return new Listing<>(byAccount.getOrDefault(id, Map.of()).values().stream()
                .sorted(Comparator.comparing(Renewal::certification)).toList());
    }

    @PutMapping("/accounts/{id}/certification-renewals/{certification}")
    Renewal set(@PathVariable String id, @PathVariable String certification,
                @RequestBody(required = false) Update update) {
        accounts.get(id);
        if (update == null || update.program() == null || update.program().isBlank()) {
            throw ApiException.badRequest("program", "is required");
        }
        if (update.renewalEnabled() == null) {
            throw ApiException.badRequest("renewalEnabled", "is required (true or false)");
        }
        if (update.expiresOn() == null) {
            throw ApiException.badRequest("expiresOn", "is required (YYYY-MM-DD)");
        }
        if (update.ceGap() != null && update.ceGap() < 0) {
            throw ApiException.badRequest("ceGap", "must be >= 0");
        }
        var shown = byAccount.computeIfAbsent(id, a -> new ConcurrentHashMap<>());
        var renewal = new Renewal(certification, update.program(), update.renewalEnabled(), update.expiresOn(),
                update.ceGap(), clock.instant());
        return shown.compute(certification, (c, earlier) -> earlier != null
                && earlier.equals(new Renewal(certification, update.program(), update.renewalEnabled(), update.expiresOn(),
                        update.ceGap(), earlier.updatedAt())) ? earlier : renewal);
    }

    /** Clears it (renewed or expired); clearing what is not there is not an error. */
    @DeleteMapping("/accounts/{id}/certification-renewals/{certification}")
    ResponseEntity<Void> clear(@PathVariable String id, @PathVariable String certification) {
        accounts.get(id);
        byAccount.getOrDefault(id, Map.of()).remove(certification);
        return ResponseEntity.noContent().build();
    }
}
