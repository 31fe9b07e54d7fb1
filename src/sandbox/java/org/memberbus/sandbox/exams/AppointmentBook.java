package org.memberbus.sandbox.exams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exam body's appointments and results, in memory. Booking is serialised (one lock) so the
 * checks for a duplicate booking, the retake waiting period and a reused idempotency key hold
 * under concurrent calls.
 */
final class AppointmentBook {

    /** Sittings start at 09:00 UTC. */
    static final LocalTime SITTING_TIME = LocalTime.of(9, 0);

    private final Clock clock;
    private final Eligibility eligibility;
    private final Map<String, Appointment> appointments = new ConcurrentHashMap<>();
    private final Map<String, ExamResult> results = new ConcurrentHashMap<>();
    private final Map<String, Remembered> idempotencyKeys = new ConcurrentHashMap<>();

    AppointmentBook(Clock clock, Eligibility eligibility) {
        this.clock = clock;
        this.eligibility = eligibility;
    }

    /** What a booking call answers; {@code replayed} when an idempotency key returned a stored answer. */
    record Reply(int status, Object body, boolean replayed) {}

    private record Remembered(JsonNode request, Reply reply) {}

    /**
     * Books a sitting. With an idempotency key, the first answer that got past validation (201 or
     * 409) is stored and returned again for the same key and body, as Stripe does; the same key
     * with another body is refused with 422.
     */
    synchronized Reply schedule(String idempotencyKey, JsonNode body) {
        if (idempotencyKey != null) {
            var remembered = idempotencyKeys.get(idempotencyKey);
            if (remembered != null) {
                if (!remembered.request().equals(body)) {
                    throw new ApiException(422, "idempotency_key_reused", "Idempotency-Key " + idempotencyKey
                            + " was used with a different request body", Map.of());
                }
                var reply = remembered.reply();
                return new Reply(reply.status(), reply.body(), true);
            }
        }
        var request = AppointmentRequest.parse(body, today());
        Reply reply;
        try {
            reply = new Reply(201, book(request), false);
        } catch (ApiException conflict) {
            reply = new Reply(conflict.status(), conflict.body(), false);
        }
        if (idempotencyKey != null) {
            idempotencyKeys.put(idempotencyKey, new Remembered(body.deepCopy(), reply));
        }
        return reply;
    }

    private Appointment book(AppointmentRequest request) {
        // the authorization names the candidate and the exam; none in force, no booking
        var authorization = eligibility.claim(request.authorizationId(), request.preferredDate());
        try {
            return book(request, authorization);
        } catch (ApiException refused) {
            eligibility.release(authorization.clientAuthorizationId());
            throw refused;
        }
    }

    private Appointment book(AppointmentRequest request, Eligibility.Authorization authorization) {
        var candidate = eligibility.candidate(authorization.clientCandidateId()).orElseThrow().candidate();
        var contactId = candidate.crmContactId();
        var exam = ExamCatalogue.byCode(authorization.examCode()).orElseThrow();
        var pending = appointments.values().stream()
                .filter(a -> a.candidate().crmContactId().equals(contactId) && a.examCode().equals(exam.code())
                        && a.status().equals(Appointment.SCHEDULED))
                .findFirst();
        if (pending.isPresent()) {
            throw new ApiException(409, "already_scheduled", "the candidate already has a " + exam.code()
                    + " sitting scheduled; cancel it first", Map.of("appointmentId", pending.get().id()));
        }
        var lastAttempt = results.values().stream()
                .filter(r -> r.crmContactId().equals(contactId) && r.examCode().equals(exam.code()))
                .max(Comparator.comparing(ExamResult::takenAt));
        if (lastAttempt.isPresent() && !lastAttempt.get().passed()) {
            var failedOn = lastAttempt.get().takenAt().atZone(ZoneOffset.UTC).toLocalDate();
            var eligibleFrom = failedOn.plusDays(exam.retakeWaitingPeriodDays());
            if (request.preferredDate().isBefore(eligibleFrom)) {
                var details = new LinkedHashMap<String, Object>();
                details.put("examCode", exam.code());
                details.put("failedResultId", lastAttempt.get().resultId());
                details.put("failedOn", failedOn.toString());
                details.put("retakeWaitingPeriodDays", exam.retakeWaitingPeriodDays());
                details.put("eligibleFrom", eligibleFrom.toString());
                throw new ApiException(409, "retake_waiting_period", exam.code() + " was failed on " + failedOn
                        + "; a retake can be scheduled from " + eligibleFrom + " (waiting period "
                        + exam.retakeWaitingPeriodDays() + " days)", details);
            }
        }
        var now = clock.instant();
        var appointment = new Appointment(Ids.random("apt"), Appointment.SCHEDULED, exam.code(),
                candidate, authorization.applicationId(), authorization.clientAuthorizationId(), request.preferredDate(),
                firstSittingOnOrAfter(request.preferredDate(), now), TestCenter.forCandidate(contactId), now,
                null, null);
        appointments.put(appointment.id(), appointment);
        return appointment;
    }

    /** The first 09:00 UTC sitting on or after {@code date} that has not started yet. */
    static Instant firstSittingOnOrAfter(LocalDate date, Instant now) {
        var sitting = date.atTime(SITTING_TIME).toInstant(ZoneOffset.UTC);
        while (!sitting.isAfter(now)) {
            sitting = sitting.plus(Duration.ofDays(1));
        }
        return sitting;
    }

    /** Cancels a scheduled sitting; cancelling again answers the cancelled appointment. */
    synchronized Appointment cancel(String id) {
        var appointment = appointment(id);
        if (appointment.status().equals(Appointment.COMPLETED)) {
            throw new ApiException(409, "appointment_completed", "appointment " + id + " was already sat", Map.of());
        }
        if (appointment.status().equals(Appointment.CANCELLED)) {
            return appointment;
        }
        var cancelled = appointment.cancelled(clock.instant());
        appointments.put(id, cancelled);
        if (appointment.authorizationId() != null) {
            eligibility.release(appointment.authorizationId());
        }
        return cancelled;
    }

    /**
     * The candidate sits the exam: {@code {"score": n}} or {@code {"passed": true|false}}, and
     * optionally {@code "takenAt"} (an ISO instant, default now).
     */
    synchronized ExamResult complete(String id, JsonNode body) {
        var appointment = appointment(id);
        if (!appointment.status().equals(Appointment.SCHEDULED)) {
            throw new ApiException(409, "appointment_not_scheduled", "appointment " + id + " is "
                    + appointment.status() + ", only a scheduled appointment can be sat", Map.of());
        }
        var exam = ExamCatalogue.byCode(appointment.examCode()).orElseThrow();
        var json = body == null ? MissingNode.getInstance() : body;
        Integer score = null;
        if (json.hasNonNull("score")) {
            if (!json.get("score").canConvertToInt() || !json.get("score").isIntegralNumber()
                    || json.get("score").asInt() < 0 || json.get("score").asInt() > 100) {
                throw ApiException.invalid("score", "must be a whole number from 0 to 100");
            }
            score = json.get("score").asInt();
        }
        Boolean passed = null;
        if (json.hasNonNull("passed")) {
            if (!json.get("passed").isBoolean()) {
                throw ApiException.invalid("passed", "must be true or false");
            }
            passed = json.get("passed").asBoolean();
        }
        if (score == null && passed == null) {
            throw ApiException.invalid("score", "give a score (0-100) or passed (true/false)");
        }
        if (score == null) {
            score = passed ? Math.min(100, exam.passingScore() + 12) : Math.max(0, exam.passingScore() - 15);
        } else if (passed != null && passed != exam.passes(score)) {
            throw ApiException.invalid("passed", "contradicts score " + score + " (passing score "
                    + exam.passingScore() + ")");
        }
        var takenAt = clock.instant();
        if (json.hasNonNull("takenAt")) {
            try {
                takenAt = Instant.parse(json.get("takenAt").asText());
            } catch (DateTimeParseException e) {
                throw ApiException.invalid("takenAt", "must be an ISO-8601 instant such as 2026-01-31T09:00:00Z");
            }
        }
        var candidate = appointment.candidate();
        var result = new ExamResult(Ids.random("res"), appointment.id(), appointment.applicationId(),
                candidate.crmContactId(), candidate.memberNumber(), exam.code(), score, exam.passingScore(),
                exam.passes(score), takenAt);
        record(appointment.completed(result.resultId()), result);
        return result;
    }

    /** Keeps an appointment and, once sat, its result (also how the demo history is seeded). */
    void record(Appointment appointment, ExamResult result) {
        appointments.put(appointment.id(), appointment);
        if (result != null) {
            results.put(result.resultId(), result);
        }
    }

    Appointment appointment(String id) {
        var appointment = appointments.get(id);
        if (appointment == null) {
            throw ApiException.notFound("appointment", id);
        }
        return appointment;
    }

    Optional<ExamResult> result(String resultId) {
        return Optional.ofNullable(results.get(resultId));
    }

    /** Appointments, oldest first, optionally of one contact and/or one application. */
    List<Appointment> appointments(String crmContactId, String applicationId) {
        return appointments.values().stream()
                .filter(a -> crmContactId == null || a.candidate().crmContactId().equals(crmContactId))
                .filter(a -> applicationId == null || Objects.equals(a.applicationId(), applicationId))
                .sorted(Comparator.comparing(Appointment::createdAt).thenComparing(Appointment::id))
                .toList();
    }

    /** Results, oldest first, optionally of one contact and/or one application. */
    List<ExamResult> results(String crmContactId, String applicationId) {
        return results.values().stream()
                .filter(r -> crmContactId == null || r.crmContactId().equals(crmContactId))
                .filter(r -> applicationId == null || Objects.equals(r.applicationId(), applicationId))
                .sorted(Comparator.comparing(ExamResult::takenAt).thenComparing(ExamResult::resultId))
                .toList();
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
