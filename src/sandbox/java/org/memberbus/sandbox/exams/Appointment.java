package org.memberbus.sandbox.exams;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/** A booked exam sitting, against the exam authorization {@code authorizationId} (the client's id). {@code status} is {@code scheduled}, {@code cancelled} or {@code completed}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Appointment(String id, String status, String examCode, Candidate candidate, String applicationId,
                   String authorizationId, LocalDate preferredDate, Instant scheduledAt, TestCenter location, Instant createdAt,
                   Instant cancelledAt, String resultId) {

    static final String SCHEDULED = "scheduled";
    static final String CANCELLED = "cancelled";
    static final String COMPLETED = "completed";

    Appointment cancelled(Instant at) {
        return new Appointment(id, CANCELLED, examCode, candidate, applicationId, authorizationId, preferredDate, scheduledAt,
                location, createdAt, at, null);
    }

    Appointment completed(String resultId) {
        return new Appointment(id, COMPLETED, examCode, candidate, applicationId, authorizationId, preferredDate, scheduledAt,
                location, createdAt, null, resultId);
    }
}
