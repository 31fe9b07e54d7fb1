package org.memberbus.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.memberbus.infra.PoisonMessageException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seats and the waitlist, decided once and kept in PostgreSQL (event_registration): a paid
 * registration takes a seat while the event has one (registered, offered and reminded people hold
 * seats), else joins the waitlist with the next position. A freed seat is offered at once to the
 * first person waiting, until an expiry (config/events.yaml); an expired or declined offer passes
 * to the next. Each decision on an event runs under a lock on the event's catalogue row, so two
 * payments never take the last seat twice. Answers every registration whose state it changed, for
 * the route to write to the CRM, the community and the member; computes and stores, never sends.
 */
@Component("eventRegistrations")
public class EventRegistrations {

    private static final String HOLDS_SEAT = "('Registered', 'Offered', 'Reminded')";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final EventCatalogue catalogue;
    private final EventsSettings settings;
    private final Clock clock;

    @Autowired
    EventRegistrations(JdbcTemplate jdbc, PlatformTransactionManager transactions, EventCatalogue catalogue,
                       EventsSettings settings) {
        this(jdbc, transactions, catalogue, settings, Clock.systemUTC());
    }

    EventRegistrations(JdbcTemplate jdbc, PlatformTransactionManager transactions, EventCatalogue catalogue,
                       EventsSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.catalogue = catalogue;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * A gateway event (a Stripe Event) that paid an event fee: the registration it makes, decided
     * once (a redelivered event answers the same registration). Null for any other payment.
     */
    @SuppressWarnings("unchecked")
    public Registration paid(Map<String, Object> stripeEvent) {
        var object = stripeEvent.get("data") instanceof Map<?, ?> data && data.get("object") instanceof Map<?, ?> o
                ? (Map<String, Object>) o : Map.<String, Object>of();
        var metadata = object.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.<String, Object>of();
        if (!"event_fee".equals(metadata.get("purpose"))) {
            return null;
        }
        var paymentId = (String) object.get("id");
        var contactId = (String) metadata.get("crm_contact_id");
        var eventId = (String) (metadata.get("event_id") != null ? metadata.get("event_id") : metadata.get("crm_event_id"));
        if (paymentId == null || contactId == null || eventId == null) {
            throw new PoisonMessageException("event fee payment " + paymentId + " names no crm_contact_id or event_id in its metadata");
        }
        var amount = object.get("amount_received") instanceof Number n ? n.longValue()
                : object.get("amount") instanceof Number a ? a.longValue() : 0L;
        if (catalogue.find(eventId).isEmpty()) {
            // the event may still be on its way from the CRM: retried, then dead-lettered
            throw new IllegalStateException("event fee payment " + paymentId + " for event " + eventId + " the bus does not know");
        }
        return tx.execute(status -> {
            lock(eventId);
            var known = find(paymentId);
            if (known.isPresent()) {
                return known.get();
            }
            int capacity = catalogue.find(eventId).orElseThrow().capacity();
            boolean seat = seatsHeld(eventId) < capacity;
            Integer position = seat ? null : jdbc.queryForObject(
                    "select coalesce(max(waitlist_position), 0) + 1 from event_registration where crm_event_id = ? and waitlist_position is not null",
                    Integer.class, eventId);
            jdbc.update("""
                    insert into event_registration (registration_key, crm_event_id, contact_id, payment_id, amount_cents,
                        status, waitlist_position) values (?, ?, ?, ?, ?, ?, ?)""",
                    paymentId, eventId, contactId, paymentId, amount,
                    seat ? Registration.REGISTERED : Registration.WAITLISTED, position);
            return find(paymentId).orElseThrow();
        });
    }

    /** cancel, accept or decline, as the API names them. */
    public List<Registration> act(String key, String action) {
        return switch (action == null ? "" : action) {
            case "cancel" -> cancel(key);
            case "accept" -> accept(key);
            case "decline" -> decline(key);
            default -> throw new EventsApiException(400, "action must be cancel, accept or decline");
        };
    }

    /**
     * The event is cancelled in the CRM: every registration still on it (registered, waiting or
     * offered) is cancelled, once; answers those, for the route to tell and refund them.
     */
    public List<Registration> eventCancelled(String eventId) {
        return tx.execute(status -> {
            lock(eventId);
            var out = new ArrayList<Registration>();
            for (var key : jdbc.queryForList("""
                    select registration_key from event_registration where crm_event_id = ?
                       and status in ('Registered', 'Waitlisted', 'Offered', 'Reminded') order by created_at""",
                    String.class, eventId)) {
                out.add(set(key, Registration.CANCELLED, null, null));
            }
            return out;
        });
    }

    /** The member cancels: their seat (or place in line) is given up; a freed seat is offered on. */
    public List<Registration> cancel(String key) {
        return change(key, List.of(Registration.REGISTERED, Registration.WAITLISTED, Registration.OFFERED,
                Registration.REMINDED), Registration.CANCELLED, "only a registered, waitlisted or offered registration can be cancelled");
    }

    /** The member takes the seat offered to them, before the offer expires. */
    public List<Registration> accept(String key) {
        var current = find(key).orElseThrow(() -> new EventsApiException(404, "no registration " + key));
        if (current.offerExpiresAt() != null && !current.offerExpiresAt().isAfter(clock.instant())
                && List.of(Registration.OFFERED, Registration.REMINDED).contains(current.status())) {
            sweep(clock.instant());
            throw new EventsApiException(409, "the offer expired at " + current.offerExpiresAt());
        }
        return change(key, List.of(Registration.OFFERED, Registration.REMINDED), Registration.REGISTERED,
                "only an offered seat can be accepted");
    }

    /** The member turns the offered seat down: it passes to the next person waiting. */
    public List<Registration> decline(String key) {
        return change(key, List.of(Registration.OFFERED, Registration.REMINDED), Registration.DECLINED,
                "only an offered seat can be declined");
    }

    /** The sweep now, or at an ISO instant an operator names (to run the clock ahead in a rehearsal). */
    public List<Registration> sweepAt(String asOf) {
        if (asOf == null || asOf.isEmpty()) {
            return sweep(clock.instant());
        }
        try {
            return sweep(Instant.parse(asOf));
        } catch (java.time.format.DateTimeParseException e) {
            throw new EventsApiException(400, "asOf must be an ISO instant (2027-01-31T09:00:00Z)");
        }
    }

    /**
     * The waitlist's clock at {@code now}: offers past their expiry expire and pass on, offers
     * within the reminder window are reminded, and any seat free while someone waits is offered.
     */
    List<Registration> sweep(Instant now) {
        var changed = new ArrayList<Registration>();
        var events = jdbc.queryForList("""
                select distinct crm_event_id from event_registration
                 where status in ('Offered', 'Reminded', 'Waitlisted')""", String.class);
        for (var eventId : events) {
            changed.addAll(tx.execute(status -> {
                lock(eventId);
                var out = new ArrayList<Registration>();
                for (var key : jdbc.queryForList("""
                        select registration_key from event_registration
                         where crm_event_id = ? and status in ('Offered', 'Reminded') and offer_expires_at <= ?""",
                        String.class, eventId, Timestamp.from(now))) {
                    out.add(set(key, Registration.EXPIRED, null, null));
                }
                for (var key : jdbc.queryForList("""
                        select registration_key from event_registration
                         where crm_event_id = ? and status = 'Offered' and offer_expires_at <= ?""",
                        String.class, eventId, Timestamp.from(now.plus(settings.reminderBefore())))) {
                    jdbc.update("update event_registration set reminded_at = ? where registration_key = ?", Timestamp.from(now), key);
                    out.add(set(key, Registration.REMINDED, null, find(key).orElseThrow().offerExpiresAt()));
                }
                out.addAll(promote(eventId, now));
                return out;
            }));
        }
        return changed;
    }

    public Optional<Registration> find(String key) {
        return jdbc.query("select * from event_registration where registration_key = ?", EventRegistrations::row, key)
                .stream().findFirst();
    }

    private List<Registration> change(String key, List<String> from, String to, String refusal) {
        var eventId = find(key).orElseThrow(() -> new EventsApiException(404, "no registration " + key)).crmEventId();
        return tx.execute(status -> {
            lock(eventId);
            var current = find(key).orElseThrow();
            if (current.status().equals(to)) {
                return List.<Registration>of();
            }
            if (!from.contains(current.status())) {
                throw new EventsApiException(409, refusal + " (it is " + current.status() + ")");
            }
            var out = new ArrayList<Registration>();
            out.add(set(key, to, Registration.WAITLISTED.equals(to) ? current.waitlistPosition() : null,
                    null));
            out.addAll(promote(eventId, clock.instant()));
            return out;
        });
    }

    /** Offers every free seat to the first people waiting (lowest position first). */
    private List<Registration> promote(String eventId, Instant now) {
        var out = new ArrayList<Registration>();
        var event = catalogue.find(eventId);
        if (event.isEmpty() || event.get().cancelled()) {
            return out;
        }
        int free = event.get().capacity() - seatsHeld(eventId);
        if (free <= 0) {
            return out;
        }
        var next = jdbc.queryForList("""
                select registration_key from event_registration
                 where crm_event_id = ? and status = 'Waitlisted' order by waitlist_position limit ?""",
                String.class, eventId, free);
        for (var key : next) {
            var position = find(key).orElseThrow().waitlistPosition();
            out.add(set(key, Registration.OFFERED, position, now.plus(settings.offerExpiresAfter())));
        }
        return out;
    }

    private Registration set(String key, String status, Integer position, Instant expires) {
        jdbc.update("""
                update event_registration set status = ?, waitlist_position = ?, offer_expires_at = ?, updated_at = now()
                 where registration_key = ?""",
                status, position, expires == null ? null : Timestamp.from(expires), key);
        return find(key).orElseThrow();
    }

    private int seatsHeld(String eventId) {
        return jdbc.queryForObject("select count(*) from event_registration where crm_event_id = ? and status in " + HOLDS_SEAT,
                Integer.class, eventId);
    }

    private void lock(String eventId) {
        jdbc.query("select crm_event_id from event_catalogue where crm_event_id = ? for update", rs -> {}, eventId);
    }

    private static Registration row(ResultSet rs, int n) throws SQLException {
        var expires = rs.getTimestamp("offer_expires_at");
        int position = rs.getInt("waitlist_position");
        return new Registration(rs.getString("registration_key"), rs.getString("crm_event_id"), rs.getString("contact_id"),
                rs.getString("payment_id"), rs.getLong("amount_cents"), rs.getString("status"),
                rs.wasNull() ? null : position, expires == null ? null : expires.toInstant());
    }
}
