package org.memberbus.sandbox.community;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Event pages (created from the CRM's events) and the registrations members make on them. A
 * registration beyond capacity is waitlisted; promoting it later is the integration's decision.
 */
class Events {

    record EventPage(String id, String crmEventId, String name, LocalDate date, int capacity, BigDecimal memberPrice,
                     BigDecimal nonMemberPrice, BigDecimal ceuCredits, boolean published, Instant createdAt,
                     Instant updatedAt, String status) {

        static final String SCHEDULED = "scheduled";
        static final String CANCELLED = "cancelled";
    }

    /** What the CRM sends for an event. */
    record Details(String crmEventId, String name, LocalDate date, Integer capacity, BigDecimal memberPrice,
                   BigDecimal nonMemberPrice, BigDecimal ceuCredits, Boolean published, String status) {}

    /** An upsert's outcome: the page and whether it was made now (201) or already there (200). */
    record Upserted(EventPage event, boolean created) {}

    /** An event page with its current head counts. */
    record View(@JsonUnwrapped EventPage event, int registered, int waitlisted) {}

    enum Status { REGISTERED, WAITLISTED, CANCELLED }

    record Registration(String id, String eventId, String crmEventId, String accountId, String crmContactId,
                        Status status, BigDecimal price, boolean attended, Instant checkedInAt, Instant createdAt,
                        Instant updatedAt) {

        Registration with(Status nextStatus, boolean nextAttended, Instant at) {
            var checkedIn = nextAttended ? (checkedInAt != null ? checkedInAt : at) : null;
            return new Registration(id, eventId, crmEventId, accountId, crmContactId, nextStatus, price, nextAttended,
                    checkedIn, createdAt, at);
        }
    }

    private final Map<String, EventPage> events = new ConcurrentSkipListMap<>();
    private final Map<String, Registration> registrations = new ConcurrentSkipListMap<>();
    private final Map<String, String> rosterKeys = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger lastEvent = new AtomicInteger();
    private final AtomicInteger lastRegistration = new AtomicInteger();

    Optional<EventPage> find(String id) {
        return Optional.ofNullable(events.get(id));
    }

    EventPage get(String id) {
        return find(id).orElseThrow(() -> ApiException.notFound("event " + id));
    }

    View view(EventPage event) {
        int registered = 0;
        int waitlisted = 0;
        for (var r : registrations.values()) {
            if (r.eventId().equals(event.id())) {
                registered += r.status() == Status.REGISTERED ? 1 : 0;
                waitlisted += r.status() == Status.WAITLISTED ? 1 : 0;
            }
        }
        return new View(event, registered, waitlisted);
    }

    List<EventPage> list(String crmEventId) {
        return events.values().stream()
                .filter(e -> crmEventId == null || crmEventId.equals(e.crmEventId()))
                .toList();
    }

    synchronized void seed(EventPage event) {
        events.put(event.id(), event);
        lastEvent.accumulateAndGet(Integer.parseInt(event.id().substring(3)), Math::max);
    }

    synchronized EventPage create(Details details, Instant at) {
        validate(details);
        if (details.crmEventId() != null && !list(details.crmEventId()).isEmpty()) {
            throw ApiException.conflict("crmEventId", "an event page for this CRM event already exists");
        }
        var event = page("ev_" + String.format("%04d", lastEvent.incrementAndGet()), details, at, at);
        events.put(event.id(), event);
        return event;
    }

    synchronized EventPage update(String id, Details details, Instant at) {
        var current = get(id);
        validate(details);
        if (details.crmEventId() != null && list(details.crmEventId()).stream().anyMatch(e -> !e.id().equals(id))) {
            throw ApiException.conflict("crmEventId", "another event page has this CRM event id");
        }
        var event = page(id, details, current.createdAt(), at);
        events.put(id, event);
        return event;
    }

    /**
     * Creates or replaces the page of a CRM event, found by its CRM id (the external id the
     * integration keys on, so a repeated call changes nothing).
     */
    synchronized Upserted upsertByCrmId(String crmEventId, Details details, Instant at) {
        var withId = new Details(crmEventId, details.name(), details.date(), details.capacity(), details.memberPrice(),
                details.nonMemberPrice(), details.ceuCredits(), details.published(), details.status());
        var existing = list(crmEventId);
        if (existing.isEmpty()) {
            return new Upserted(create(withId, at), true);
        }
        return new Upserted(update(existing.get(0).id(), withId, at), false);
    }

    /**
     * A roster entry the integration keeps by its own key (its idempotency key: the same key
     * twice is one registration, updated): made with the given status, no capacity check (the
     * integration decides the waitlist), or updated.
     */
    synchronized Registration upsertRosterEntry(String eventId, String key, String accountId, String crmContactId,
                                                Status status, BigDecimal price, Boolean attended, Instant at) {
        var event = get(eventId);
        if (status == null) {
            throw ApiException.badRequest("status", "is required");
        }
        if (Boolean.TRUE.equals(attended) && status != Status.REGISTERED) {
            throw ApiException.badRequest("attended", "only a REGISTERED registration can be attended");
        }
        var id = rosterKeys.get(eventId + "/" + key);
        if (id == null) {
            var registration = new Registration("reg_" + String.format("%06d", lastRegistration.incrementAndGet()),
                    eventId, event.crmEventId(), accountId, crmContactId, status, price, Boolean.TRUE.equals(attended),
                    Boolean.TRUE.equals(attended) ? at : null, at, at);
            registrations.put(registration.id(), registration);
            rosterKeys.put(eventId + "/" + key, registration.id());
            return registration;
        }
        var current = getRegistration(id);
        var next = current.with(status, attended != null ? attended : current.attended(), at);
        registrations.put(id, next);
        return next;
    }

    Optional<Registration> findRegistration(String id) {
        return Optional.ofNullable(registrations.get(id));
    }

    Registration getRegistration(String id) {
        return findRegistration(id).orElseThrow(() -> ApiException.notFound("registration " + id));
    }

    List<Registration> registrations(String eventId) {
        get(eventId);
        return registrations.values().stream().filter(r -> r.eventId().equals(eventId)).toList();
    }

    /** Registers the account, or waitlists it when the event is full; the price follows its membership. */
    synchronized Registration register(String eventId, Account account, Instant at) {
        var event = get(eventId);
        if (!event.published()) {
            throw ApiException.conflict("eventId", "event is not published");
        }
        if (EventPage.CANCELLED.equals(event.status())) {
            throw ApiException.conflict("eventId", "event is cancelled");
        }
        if (active(eventId, account.id()).isPresent()) {
            throw ApiException.conflict("accountId", "account is already registered for this event");
        }
        var status = view(event).registered() < event.capacity() ? Status.REGISTERED : Status.WAITLISTED;
        var price = account.membershipStatus() == AccountStatus.ACTIVE ? event.memberPrice() : event.nonMemberPrice();
        var registration = new Registration("reg_" + String.format("%06d", lastRegistration.incrementAndGet()),
                eventId, event.crmEventId(), account.id(), account.crmContactId(), status, price, false, null, at, at);
        registrations.put(registration.id(), registration);
        return registration;
    }

    /** Changes status and attendance; moving to REGISTERED needs a free seat. */
    synchronized Registration update(String id, Status status, Boolean attended, Instant at) {
        var current = getRegistration(id);
        var nextStatus = status != null ? status : current.status();
        boolean nextAttended = attended != null ? attended : current.attended();
        if (nextStatus == Status.REGISTERED && current.status() != Status.REGISTERED) {
            var event = get(current.eventId());
            if (view(event).registered() >= event.capacity()) {
                throw ApiException.conflict("status", "event is full");
            }
        }
        if (nextAttended && nextStatus != Status.REGISTERED) {
            throw ApiException.badRequest("attended", "only a REGISTERED registration can be attended");
        }
        var next = current.with(nextStatus, nextAttended, at);
        registrations.put(id, next);
        return next;
    }

    /** The member checks in at the event: their registration is marked attended. */
    synchronized Registration checkIn(String eventId, String accountId, Instant at) {
        var registration = active(eventId, accountId)
                .orElseThrow(() -> ApiException.conflict("eventId", "account is not registered for this event"));
        if (registration.status() != Status.REGISTERED) {
            throw ApiException.conflict("eventId", "account is " + registration.status() + " for this event");
        }
        var next = registration.with(Status.REGISTERED, true, at);
        registrations.put(next.id(), next);
        return next;
    }

    private Optional<Registration> active(String eventId, String accountId) {
        return registrations.values().stream()
                .filter(r -> r.eventId().equals(eventId) && Objects.equals(r.accountId(), accountId))
                .filter(r -> r.status() != Status.CANCELLED)
                .max(Comparator.comparing(Registration::id));
    }

    private static EventPage page(String id, Details d, Instant createdAt, Instant updatedAt) {
        return new EventPage(id, d.crmEventId(), d.name(), d.date(), d.capacity(), d.memberPrice(),
                d.nonMemberPrice(), Objects.requireNonNullElse(d.ceuCredits(), BigDecimal.ZERO),
                Boolean.TRUE.equals(d.published()), createdAt, updatedAt,
                d.status() == null ? EventPage.SCHEDULED : d.status());
    }

    private static void validate(Details d) {
        if (d.name() == null || d.name().isBlank() || d.name().length() > 200) {
            throw ApiException.badRequest("name", "is required (at most 200 characters)");
        }
        if (d.status() != null && !d.status().equals(EventPage.SCHEDULED) && !d.status().equals(EventPage.CANCELLED)) {
            throw ApiException.badRequest("status", "must be scheduled or cancelled");
        }
        if (d.date() == null) {
            throw ApiException.badRequest("date", "is required");
        }
        if (d.capacity() == null || d.capacity() < 0) {
            throw ApiException.badRequest("capacity", "is required and must be >= 0");
        }
        nonNegative("memberPrice", d.memberPrice());
        nonNegative("nonMemberPrice", d.nonMemberPrice());
        if (d.ceuCredits() != null && d.ceuCredits().signum() < 0) {
            throw ApiException.badRequest("ceuCredits", "must be >= 0");
        }
    }

    private static void nonNegative(String field, BigDecimal value) {
        if (value == null || value.signum() < 0) {
            throw ApiException.badRequest(field, "is required and must be >= 0");
        }
    }
}
