package org.memberbus.sandbox.exams;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.memberbus.sandbox.exams.ApiException.FieldError;

/**
 * A validated {@code POST /api/v1/appointments} body: the exam authorization the sitting is booked
 * against (the candidate and the exam are the authorization's) and the day wanted. Every problem
 * is reported at once, each under the JSON path of its field.
 */
record AppointmentRequest(String authorizationId, LocalDate preferredDate) {

    /** How far ahead a sitting can be booked. */
    static final int BOOKING_HORIZON_DAYS = 365;

    static AppointmentRequest parse(JsonNode body, LocalDate today) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("$", "the body must be a JSON object");
        }
        var errors = new ArrayList<FieldError>();
        String authorizationId = null;
        var a = body.get("authorizationId");
        if (a == null || a.isNull() || (a.isTextual() && a.asText().isBlank())) {
            errors.add(new FieldError("authorizationId", "is required: a sitting is booked against an exam "
                    + "authorization (PUT /api/v1/authorizations/{id})"));
        } else if (!a.isTextual()) {
            errors.add(new FieldError("authorizationId", "must be a string"));
        } else {
            authorizationId = a.asText().strip();
        }
        LocalDate preferredDate = null;
        var d = body.get("preferredDate");
        if (d == null || d.isNull() || (d.isTextual() && d.asText().isBlank())) {
            errors.add(new FieldError("preferredDate", "is required"));
        } else {
            try {
                preferredDate = LocalDate.parse(d.asText());
                if (preferredDate.isBefore(today)) {
                    errors.add(new FieldError("preferredDate", "must not be in the past (today is " + today + ")"));
                } else if (preferredDate.isAfter(today.plusDays(BOOKING_HORIZON_DAYS))) {
                    errors.add(new FieldError("preferredDate", "must be within " + BOOKING_HORIZON_DAYS + " days"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("preferredDate", "must be a date as YYYY-MM-DD"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(List.copyOf(errors));
        }
        return new AppointmentRequest(authorizationId, preferredDate);
    }
}
