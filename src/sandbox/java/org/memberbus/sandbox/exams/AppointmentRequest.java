package org.memberbus.sandbox.exams;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.memberbus.sandbox.exams.ApiException.FieldError;

/**
 * A validated {@code POST /api/v1/appointments} body. Every problem is reported at once, each
 * under the JSON path of its field, so the bus can quarantine the request with all its reasons.
 */
record AppointmentRequest(Candidate candidate, Exam exam, String applicationId, LocalDate preferredDate) {

    /** How far ahead a sitting can be booked. */
    static final int BOOKING_HORIZON_DAYS = 365;

    private static final Pattern SALESFORCE_ID = Pattern.compile("[a-zA-Z0-9]{15}|[a-zA-Z0-9]{18}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    static AppointmentRequest parse(JsonNode body, LocalDate today) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("$", "the body must be a JSON object");
        }
        var errors = new ArrayList<FieldError>();
        var reader = new Reader(errors);
        Candidate candidate = null;
        var c = body.get("candidate");
        if (c == null || c.isNull()) {
            errors.add(new FieldError("candidate", "is required"));
        } else if (!c.isObject()) {
            errors.add(new FieldError("candidate", "must be an object"));
        } else {
            var contactId = reader.required(c, "candidate.crmContactId", "crmContactId");
            if (contactId != null && !SALESFORCE_ID.matcher(contactId).matches()) {
                errors.add(new FieldError("candidate.crmContactId", "must be a 15 or 18 character Salesforce id"));
            }
            var memberNumber = reader.optional(c, "candidate.memberNumber", "memberNumber");
            var firstName = reader.required(c, "candidate.firstName", "firstName");
            var lastName = reader.required(c, "candidate.lastName", "lastName");
            var email = reader.required(c, "candidate.email", "email");
            if (email != null && !EMAIL.matcher(email).matches()) {
                errors.add(new FieldError("candidate.email", "must be an email address"));
            }
            candidate = new Candidate(contactId, memberNumber, firstName, lastName, email);
        }
        Exam exam = null;
        var examCode = reader.required(body, "examCode", "examCode");
        if (examCode != null) {
            exam = ExamCatalogue.byCode(examCode).orElse(null);
            if (exam == null) {
                errors.add(new FieldError("examCode", "unknown exam " + examCode + "; the catalogue has "
                        + ExamCatalogue.EXAMS.stream().map(Exam::code).collect(Collectors.joining(", "))));
            }
        }
        var applicationId = reader.required(body, "applicationId", "applicationId");
        if (applicationId != null && !SALESFORCE_ID.matcher(applicationId).matches()) {
            errors.add(new FieldError("applicationId", "must be a 15 or 18 character Salesforce id"));
        }
        LocalDate preferredDate = null;
        var date = reader.required(body, "preferredDate", "preferredDate");
        if (date != null) {
            try {
                preferredDate = LocalDate.parse(date);
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
        return new AppointmentRequest(candidate, exam, applicationId, preferredDate);
    }

    /** Reads string fields, noting missing, blank or non-string values. */
    private record Reader(List<FieldError> errors) {

        String required(JsonNode parent, String path, String name) {
            var value = parent.get(name);
            if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
                errors.add(new FieldError(path, "is required"));
                return null;
            }
            return text(value, path);
        }

        String optional(JsonNode parent, String path, String name) {
            var value = parent.get(name);
            if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
                return null;
            }
            return text(value, path);
        }

        private String text(JsonNode value, String path) {
            if (!value.isTextual()) {
                errors.add(new FieldError(path, "must be a string"));
                return null;
            }
            return value.asText().strip();
        }
    }
}
