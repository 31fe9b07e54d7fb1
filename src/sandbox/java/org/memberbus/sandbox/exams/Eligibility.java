package org.memberbus.sandbox.exams;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.memberbus.sandbox.exams.ApiException.FieldError;

/**
 * Who may book what, as a Pearson VUE-style test delivery vendor keeps it: the client registers a
 * candidate under its own id (the vendor's candidate demographic data, keyed by
 * {@code clientCandidateId}: here the CRM contact id) and then authorises the candidate for an exam
 * (exam authorization data, keyed by {@code clientAuthorizationId}: how many sittings, between
 * which dates). Both are upserts by the client's id, so a call made again changes nothing. A
 * sitting can only be booked against an authorization that is in force, within its window and not
 * used up; the authorization is deleted by the client, not by the vendor.
 */
final class Eligibility {

    /** A candidate as the client registered them; {@code candidateId} is the vendor's own id. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RegisteredCandidate(String clientCandidateId, String candidateId, String memberNumber, String firstName,
                               String lastName, String email, Instant createdAt, Instant updatedAt) {

        Candidate candidate() {
            return new Candidate(clientCandidateId, memberNumber, firstName, lastName, email);
        }
    }

    /**
     * An exam authorization: {@code examAuthorizationCount} sittings of {@code examCode} between
     * {@code eligibilityApptDateFirst} and {@code eligibilityApptDateLast} (inclusive);
     * {@code appointmentsUsed} counts the sittings booked and not cancelled.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Authorization(String clientAuthorizationId, String authorizationId, String clientCandidateId, String examCode,
                         int examAuthorizationCount, LocalDate eligibilityApptDateFirst, LocalDate eligibilityApptDateLast,
                         String applicationId, int appointmentsUsed, boolean deleted, Instant createdAt, Instant updatedAt) {

        /** active, used (every sitting booked), expired (window over) or deleted. */
        public String status(LocalDate today) {
            if (deleted) {
                return "deleted";
            }
            if (eligibilityApptDateLast.isBefore(today)) {
                return "expired";
            }
            return appointmentsUsed >= examAuthorizationCount ? "used" : "active";
        }

        Authorization used(int delta, Instant at) {
            return new Authorization(clientAuthorizationId, authorizationId, clientCandidateId, examCode,
                    examAuthorizationCount, eligibilityApptDateFirst, eligibilityApptDateLast, applicationId,
                    Math.max(0, appointmentsUsed + delta), deleted, createdAt, at);
        }
    }

    /** An upsert's answer: the record and whether it was created (201) or was there (200). */
    record Saved<T>(T value, boolean created) {}

    static final int MAX_AUTHORIZATION_COUNT = 10;
    private static final Pattern SALESFORCE_ID = Pattern.compile("[a-zA-Z0-9]{15}|[a-zA-Z0-9]{18}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,25}");

    private final Clock clock;
    private final Map<String, RegisteredCandidate> candidates = new ConcurrentHashMap<>();
    private final Map<String, Authorization> authorizations = new ConcurrentHashMap<>();

    Eligibility(Clock clock) {
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Registers or updates a candidate (the client's id is the key); every invalid field is reported at once. */
    synchronized Saved<RegisteredCandidate> putCandidate(String clientCandidateId, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("$", "the body must be a JSON object");
        }
        var errors = new ArrayList<FieldError>();
        if (!SALESFORCE_ID.matcher(clientCandidateId).matches()) {
            errors.add(new FieldError("clientCandidateId", "must be a 15 or 18 character Salesforce id"));
        }
        var firstName = text(body, "firstName", true, errors);
        var lastName = text(body, "lastName", true, errors);
        var email = text(body, "email", true, errors);
        if (email != null && !EMAIL.matcher(email).matches()) {
            errors.add(new FieldError("email", "must be an email address"));
        }
        var memberNumber = text(body, "memberNumber", false, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(List.copyOf(errors));
        }
        var now = clock.instant();
        var existing = candidates.get(clientCandidateId);
        var candidate = new RegisteredCandidate(clientCandidateId,
                existing != null ? existing.candidateId() : Ids.random("cand"), memberNumber, firstName, lastName, email,
                existing != null ? existing.createdAt() : now, now);
        if (existing != null && existing.candidate().equals(candidate.candidate())) {
            return new Saved<>(existing, false); // the same data again: nothing changes
        }
        candidates.put(clientCandidateId, candidate);
        return new Saved<>(candidate, existing == null);
    }

    Optional<RegisteredCandidate> candidate(String clientCandidateId) {
        return Optional.ofNullable(candidates.get(clientCandidateId));
    }

    /**
     * Adds or updates an authorization. The candidate must be registered first (422
     * {@code unknown_candidate}); an authorization cannot move to another candidate or exam.
     */
    synchronized Saved<Authorization> putAuthorization(String clientAuthorizationId, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("$", "the body must be a JSON object");
        }
        var errors = new ArrayList<FieldError>();
        if (!CLIENT_ID.matcher(clientAuthorizationId).matches()) {
            errors.add(new FieldError("clientAuthorizationId", "1 to 25 letters, digits or _.:-"));
        }
        var candidateId = text(body, "clientCandidateId", true, errors);
        var examCode = text(body, "examCode", true, errors);
        if (examCode != null && ExamCatalogue.byCode(examCode).isEmpty()) {
            errors.add(new FieldError("examCode", "unknown exam " + examCode));
        }
        int count = 1;
        if (body.hasNonNull("examAuthorizationCount")) {
            var c = body.get("examAuthorizationCount");
            if (!c.isIntegralNumber() || c.asInt() < 1 || c.asInt() > MAX_AUTHORIZATION_COUNT) {
                errors.add(new FieldError("examAuthorizationCount", "a whole number from 1 to " + MAX_AUTHORIZATION_COUNT));
            } else {
                count = c.asInt();
            }
        }
        var first = date(body, "eligibilityApptDateFirst", errors);
        var last = date(body, "eligibilityApptDateLast", errors);
        if (first != null && last != null && last.isBefore(first)) {
            errors.add(new FieldError("eligibilityApptDateLast", "must not be before eligibilityApptDateFirst"));
        } else if (last != null && last.isBefore(today())) {
            errors.add(new FieldError("eligibilityApptDateLast", "must not be in the past (today is " + today() + ")"));
        }
        var applicationId = text(body, "applicationId", false, errors);
        if (applicationId != null && !SALESFORCE_ID.matcher(applicationId).matches()) {
            errors.add(new FieldError("applicationId", "must be a 15 or 18 character Salesforce id"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(List.copyOf(errors));
        }
        if (!candidates.containsKey(candidateId)) {
            throw new ApiException(422, "unknown_candidate", "candidate " + candidateId
                    + " is not registered; PUT /api/v1/candidates/" + candidateId + " first", Map.of());
        }
        var existing = authorizations.get(clientAuthorizationId);
        if (existing != null && (!existing.clientCandidateId().equals(candidateId) || !existing.examCode().equals(examCode))) {
            throw new ApiException(409, "authorization_conflict", "authorization " + clientAuthorizationId
                    + " is for candidate " + existing.clientCandidateId() + " and exam " + existing.examCode()
                    + "; it cannot be moved to another", Map.of());
        }
        var now = clock.instant();
        var authorization = new Authorization(clientAuthorizationId,
                existing != null ? existing.authorizationId() : Ids.random("ead"), candidateId, examCode, count, first, last,
                applicationId, existing != null ? existing.appointmentsUsed() : 0, false,
                existing != null ? existing.createdAt() : now, now);
        if (existing != null && !existing.deleted() && sameTerms(existing, authorization)) {
            return new Saved<>(existing, false);
        }
        authorizations.put(clientAuthorizationId, authorization);
        return new Saved<>(authorization, existing == null);
    }

    private static boolean sameTerms(Authorization a, Authorization b) {
        return a.examAuthorizationCount() == b.examAuthorizationCount()
                && a.eligibilityApptDateFirst().equals(b.eligibilityApptDateFirst())
                && a.eligibilityApptDateLast().equals(b.eligibilityApptDateLast())
                && java.util.Objects.equals(a.applicationId(), b.applicationId());
    }

    Optional<Authorization> authorization(String clientAuthorizationId) {
        return Optional.ofNullable(authorizations.get(clientAuthorizationId));
    }

    List<Authorization> authorizations(String clientCandidateId) {
        return authorizations.values().stream()
                .filter(a -> clientCandidateId == null || a.clientCandidateId().equals(clientCandidateId))
                .sorted(Comparator.comparing(Authorization::createdAt).thenComparing(Authorization::clientAuthorizationId))
                .toList();
    }

    synchronized Authorization delete(String clientAuthorizationId) {
        var a = authorization(clientAuthorizationId).orElseThrow(() -> ApiException.notFound("authorization", clientAuthorizationId));
        var deleted = new Authorization(a.clientAuthorizationId(), a.authorizationId(), a.clientCandidateId(), a.examCode(),
                a.examAuthorizationCount(), a.eligibilityApptDateFirst(), a.eligibilityApptDateLast(), a.applicationId(),
                a.appointmentsUsed(), true, a.createdAt(), clock.instant());
        authorizations.put(clientAuthorizationId, deleted);
        return deleted;
    }

    /**
     * The authorization a booking for {@code preferredDate} uses, counted as used; refused (409)
     * when there is none in force, the date is outside its window, or every sitting is booked.
     */
    synchronized Authorization claim(String clientAuthorizationId, LocalDate preferredDate) {
        var a = authorizations.get(clientAuthorizationId);
        if (a == null || a.deleted()) {
            throw new ApiException(409, "not_authorized", "there is no exam authorization " + clientAuthorizationId
                    + "; a candidate is booked only against an authorization (PUT /api/v1/authorizations/{id})",
                    Map.of("authorizationId", clientAuthorizationId));
        }
        if (preferredDate.isBefore(a.eligibilityApptDateFirst()) || preferredDate.isAfter(a.eligibilityApptDateLast())) {
            throw new ApiException(409, "outside_eligibility_window", "authorization " + clientAuthorizationId
                    + " allows sittings from " + a.eligibilityApptDateFirst() + " to " + a.eligibilityApptDateLast(),
                    Map.of("eligibilityApptDateFirst", a.eligibilityApptDateFirst().toString(),
                            "eligibilityApptDateLast", a.eligibilityApptDateLast().toString()));
        }
        if (a.appointmentsUsed() >= a.examAuthorizationCount()) {
            throw new ApiException(409, "authorization_used", "every sitting of authorization " + clientAuthorizationId
                    + " (" + a.examAuthorizationCount() + ") is booked", Map.of());
        }
        var used = a.used(1, clock.instant());
        authorizations.put(clientAuthorizationId, used);
        return used;
    }

    /** A booking that did not go ahead, or a cancelled sitting: the authorization's sitting is free again. */
    synchronized void release(String clientAuthorizationId) {
        authorizations.computeIfPresent(clientAuthorizationId, (k, a) -> a.used(-1, clock.instant()));
    }

    /** Puts seeded records in place as they are (the demo history). */
    void seed(RegisteredCandidate candidate, Authorization authorization) {
        candidates.putIfAbsent(candidate.clientCandidateId(), candidate);
        if (authorization != null) {
            authorizations.put(authorization.clientAuthorizationId(), authorization);
        }
    }

    private static String text(JsonNode body, String field, boolean required, List<FieldError> errors) {
        var value = body.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return value.asText().strip();
    }

    private static LocalDate date(JsonNode body, String field, List<FieldError> errors) {
        var value = text(body, field, true, errors);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a date as YYYY-MM-DD"));
            return null;
        }
    }
}
