package org.memberbus.sandbox.community;

import java.net.URI;
import java.time.Clock;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Event pages synced from the CRM, and registrations as integrations record them (no webhooks). */
@RestController
@RequestMapping("/api/v1")
class EventsController {

    record RegistrationRequest(String accountId) {}

    record RegistrationChange(Events.Status status, Boolean attended) {}

    private final Events events;
    private final Accounts accounts;
    private final Clock clock;

    EventsController(Events events, Accounts accounts, Clock clock) {
        this.events = events;
        this.accounts = accounts;
        this.clock = clock;
    }

    @GetMapping("/events")
    Listing<Events.View> list(@RequestParam(required = false) String crmEventId) {
        return new Listing<>(events.list(crmEventId).stream().map(events::view).toList());
    }

    @GetMapping("/events/{id}")
    Events.View get(@PathVariable String id) {
        return events.view(events.get(id));
    }

    @PostMapping("/events")
    ResponseEntity<Events.View> create(@RequestBody Events.Details details) {
        var event = events.create(details, clock.instant());
        return ResponseEntity.created(URI.create("/api/v1/events/" + event.id())).body(events.view(event));
    }

    @PutMapping("/events/{id}")
    Events.View update(@PathVariable String id, @RequestBody Events.Details details) {
        return events.view(events.update(id, details, clock.instant()));
    }

    @GetMapping("/events/{id}/registrations")
    Listing<Events.Registration> registrations(@PathVariable String id) {
        return new Listing<>(events.registrations(id));
    }

    /** Registers the account, or waitlists it (status WAITLISTED) when the event is full. */
    @PostMapping("/events/{id}/registrations")
    ResponseEntity<Events.Registration> register(@PathVariable String id, @RequestBody RegistrationRequest request) {
        if (request.accountId() == null) {
            throw ApiException.badRequest("accountId", "is required");
        }
        var registration = events.register(id, accounts.get(request.accountId()), clock.instant());
        return ResponseEntity.created(URI.create("/api/v1/registrations/" + registration.id())).body(registration);
    }

    @GetMapping("/registrations/{id}")
    Events.Registration registration(@PathVariable String id) {
        return events.getRegistration(id);
    }

    @PutMapping("/registrations/{id}")
    Events.Registration updateRegistration(@PathVariable String id, @RequestBody RegistrationChange change) {
        return events.update(id, change.status(), change.attended(), clock.instant());
    }
}
