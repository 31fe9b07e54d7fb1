package org.memberbus.sandbox.community;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Integration writes keyed by the integration's own ids, as community platforms offer them for
 * syncing from a CRM (an external-id upsert, 201 when made, 200 when it was there): event pages by
 * the CRM event id, roster entries by the integration's registration key. Repeating a call is
 * harmless; nothing is de-duplicated beyond the key.
 */
@RestController
@RequestMapping("/api/v1/events")
class EventUpsertController {

    record RosterEntry(String accountId, String crmContactId, Events.Status status, BigDecimal price,
                       Boolean attended) {}

    private final Events events;
    private final Clock clock;

    EventUpsertController(Events events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @PutMapping("/by-crm-id/{crmEventId}")
    ResponseEntity<Events.View> upsert(@PathVariable String crmEventId, @RequestBody Events.Details details) {
        if (crmEventId.isBlank() || crmEventId.length() > 64) {
            throw ApiException.badRequest("crmEventId", "must be 1 to 64 characters");
        }
        var upserted = events.upsertByCrmId(crmEventId, details, clock.instant());
        var view = events.view(upserted.event());
        return upserted.created()
                ? ResponseEntity.created(URI.create("/api/v1/events/" + upserted.event().id())).body(view)
                : ResponseEntity.ok(view);
    }

    @PutMapping("/by-crm-id/{crmEventId}/roster/{key}")
    Events.Registration roster(@PathVariable String crmEventId, @PathVariable String key,
                               @RequestBody RosterEntry entry) {
        if (key.isBlank() || key.length() > 100) {
            throw ApiException.badRequest("key", "must be 1 to 100 characters");
        }
        if (entry.crmContactId() == null && entry.accountId() == null) {
            throw ApiException.badRequest("crmContactId", "crmContactId or accountId is required");
        }
        var event = events.list(crmEventId).stream().findFirst()
                .orElseThrow(() -> ApiException.notFound("event with CRM id " + crmEventId));
        return events.upsertRosterEntry(event.id(), key, entry.accountId(), entry.crmContactId(), entry.status(),
                entry.price(), entry.attended(), clock.instant());
    }
}
