package org.memberbus.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.memberbus.crm.CrmChange;
import org.springframework.stereotype.Component;

/**
 * Turns each signal fact from Kafka into the member's stored signals (member_signals and its dated
 * facts in member_signal_event): community activity (any activity is a sign-in; posts, content
 * views and event check-ins are counted), gateway payments (dues paid on time or not, refunds as
 * open issues) and CRM contact changes (membership, tenure, CE balance, owner). A dated fact is
 * stored under its source event id, so a fact delivered twice counts once.
 */
@Component("healthSignals")
public class HealthSignals {

    /** A Salesforce record id, 15 or 18 characters: anything else is not looked up (nor put into SOQL). */
    private static final Pattern SALESFORCE_ID = Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");

    /** CRM Contact fields the health flow keeps, and their member_signals columns. */
    static final Map<String, String> CONTACT_COLUMNS = Map.ofEntries(
            Map.entry("Member_Number__c", "member_number"),
            Map.entry("Email", "email"),
            Map.entry("OwnerId", "owner_id"),
            Map.entry("Community_Id__c", "community_id"),
            Map.entry("Gateway_Customer_Id__c", "gateway_customer_id"),
            Map.entry("Membership_Status__c", "membership_status"),
            Map.entry("Membership_Level__c", "membership_level"),
            Map.entry("Member_Since__c", "member_since"),
            Map.entry("Membership_End_Date__c", "renewal_date"),
            Map.entry("CE_Balance__c", "ce_earned"));
    private static final Set<String> DATE_COLUMNS = Set.of("member_since", "renewal_date");

    private final HealthRepository repository;
    private final HealthFlowSettings settings;
    private final ObjectMapper json;

    public HealthSignals(HealthRepository repository, HealthFlowSettings settings, ObjectMapper json) {
        this.repository = repository;
        this.settings = settings;
        this.json = json;
    }

    /**
     * The CRM contact id a fact's Kafka key names: the key itself once the source knew the
     * contact, or the member holding that community account or gateway customer; null when the
     * bus knows no such member (a prospect has no health yet).
     */
    public String memberOf(String key) {
        if (key == null) {
            return null;
        }
        if (key.startsWith("community:")) {
            return repository.memberByCommunityId(key.substring("community:".length())).orElse(null);
        }
        if (key.startsWith("gateway:")) {
            return repository.memberByGatewayCustomer(key.substring("gateway:".length())).orElse(null);
        }
        return isSalesforceId(key) ? key : null;
    }

    public static boolean isSalesforceId(String id) {
        return id != null && SALESFORCE_ID.matcher(id).matches();
    }

    public boolean isKnown(String memberId) {
        return memberId != null && repository.known(memberId);
    }

    // ---- community activity -----------------------------------------------------------------

    /** A community activity webhook: the member was signed in; posts, views and check-ins count. Answers what it recorded. */
    public String recordCommunity(String memberId, String eventJson) {
        JsonNode event = read(eventJson);
        String type = event.path("type").asText();
        Instant at = instant(event.path("created").asText(null), Instant.now());
        repository.seen(memberId, at);
        String kind = switch (type) {
            case "post.created" -> "post";
            case "content.viewed" -> "content_view";
            case "event.checked_in" -> "event_attended";
            default -> null;
        };
        if (kind != null) {
            repository.addEvent("community:" + event.path("id").asText(), memberId, kind, at, 1);
        }
        return kind == null ? "seen" : kind;
    }

    // ---- payments ---------------------------------------------------------------------------

    /**
     * A gateway event: a dues payment that succeeded (on time when the membership had not run past
     * its end) or failed; a refund, an open issue for 90 days. Answers what it recorded.
     */
    public String recordPayment(String memberId, String eventJson) {
        JsonNode event = read(eventJson);
        String type = event.path("type").asText();
        JsonNode object = event.path("data").path("object");
        long created = event.path("created").asLong(0);
        Instant at = created > 0 ? Instant.ofEpochSecond(created) : Instant.now();
        boolean dues = settings.isDues(object.path("metadata").path("type").asText(null));
        String eventId = "gateway:" + event.path("id").asText();
        switch (type) {
            case "payment_intent.succeeded" -> {
                if (!dues) {
                    return "ignored";
                }
                MemberRecord member = repository.member(memberId).orElse(null);
                LocalDate paid = LocalDate.ofInstant(at, settings.zone());
                String status = member == null ? null : member.membershipStatus();
                boolean late = "lapsed".equalsIgnoreCase(status) || "archived".equalsIgnoreCase(status)
                        || (member != null && member.renewalDate() != null && paid.isAfter(member.renewalDate()));
                repository.addEvent(eventId, memberId, "dues_paid", at, 1);
                repository.duesOutcome(memberId, !late, at);
                return late ? "dues_paid_late" : "dues_paid_on_time";
            }
            case "payment_intent.payment_failed" -> {
                if (!dues) {
                    return "ignored";
                }
                repository.duesOutcome(memberId, false, at);
                return "dues_failed";
            }
            case "charge.refunded" -> {
                repository.addEvent(eventId, memberId, "refund", at, 1);
                return "refund";
            }
            default -> {
                return "ignored";
            }
        }
    }

    // ---- certifications ---------------------------------------------------------------------

    /**
     * A certification fact ({@code certification.awarded} or {@code certification.lapsed}, keyed by
     * the member): one more certification held, or one less, stored under the certification and the
     * day (the same fact twice counts once). Their sum is how many the member holds now. Answers
     * what it recorded.
     */
    public String recordCertification(String memberId, String eventType, String factJson) {
        JsonNode fact = read(factJson);
        String key = fact.path("certificationKey").asText();
        boolean awarded = "certification.awarded".equals(eventType);
        String day = fact.path(awarded ? "awardedOn" : "lapsedOn").asText(null);
        Instant at = day == null ? Instant.now() : LocalDate.parse(day).atStartOfDay(settings.zone()).toInstant();
        String kind = awarded ? "certified" : "certification_lapsed";
        repository.addEvent("certification:" + key + ":" + kind + ":" + day, memberId, kind, at, awarded ? 1 : -1);
        return kind;
    }

    // ---- CRM changes ------------------------------------------------------------------------

    /** Whether a CRM change is about a member's health: a Contact created, or one of the fields kept changed. */
    public boolean concernsHealth(CrmChange change) {
        if (!"Contact".equals(change.entityName()) || !isSalesforceId(change.recordId())) {
            return false;
        }
        if (change.changeType().endsWith("CREATE")) {
            return change.fields().get("Membership_Status__c") != null;
        }
        return change.fields().keySet().stream().anyMatch(CONTACT_COLUMNS::containsKey);
    }

    /**
     * Applies a Contact change: a created member is added from the event's own fields (no query);
     * an update sets the fields kept; a change of status to Lapsed is counted as a lapse.
     */
    public String recordCrmChange(CrmChange change) {
        String memberId = change.recordId();
        Map<String, Object> columns = new LinkedHashMap<>();
        change.fields().forEach((field, value) -> {
            String column = CONTACT_COLUMNS.get(field);
            if (column != null) {
                columns.put(column, columnValue(column, value));
            }
        });
        if (change.changeType().endsWith("CREATE") && !repository.known(memberId)) {
            repository.putMember(new MemberRecord(memberId, (String) columns.get("member_number"), (String) columns.get("email"),
                    (String) columns.get("owner_id"), (String) columns.get("community_id"),
                    (String) columns.get("gateway_customer_id"), (String) columns.get("membership_status"),
                    (String) columns.get("membership_level"), (LocalDate) columns.get("member_since"),
                    (LocalDate) columns.get("renewal_date"), (Double) columns.get("ce_earned"), null, null, null),
                    "crm-create", false);
            return "created";
        }
        repository.updateColumns(memberId, columns);
        if ("lapsed".equalsIgnoreCase(String.valueOf(columns.get("membership_status")))) {
            repository.addEvent(change.eventId(), memberId, "lapse", Instant.ofEpochMilli(change.commitTimestamp()), 1);
        }
        return "updated " + columns.keySet();
    }

    private static Object columnValue(String column, Object value) {
        if (value == null) {
            return null;
        }
        if (DATE_COLUMNS.contains(column)) {
            return LocalDate.parse(value.toString().substring(0, 10));
        }
        if (column.equals("ce_earned")) {
            return value instanceof Number n ? n.doubleValue() : Double.valueOf(value.toString());
        }
        return value.toString();
    }

    // ---- first sight ------------------------------------------------------------------------

    /**
     * A member the flow did not know yet, read whole: the CRM contact (SOQL answer, at most one
     * record), their active certifications (SOQL answer) and their community account (null when
     * none). Answers false when the CRM holds no such contact.
     */
    public boolean firstSight(String contactQueryJson, String certificationsQueryJson, String communityAccountJson) {
        JsonNode records = read(contactQueryJson).path("records");
        if (records.isEmpty()) {
            return false;
        }
        JsonNode contact = records.get(0);
        Double ceRequired = null;
        for (JsonNode cert : read(certificationsQueryJson).path("records")) {
            if (cert.hasNonNull("CE_Required__c")) {
                ceRequired = Math.max(ceRequired == null ? 0 : ceRequired, cert.path("CE_Required__c").asDouble());
            }
        }
        JsonNode account = communityAccountJson == null || communityAccountJson.isBlank() ? null : read(communityAccountJson);
        MemberRecord member = memberFromCrm(contact, ceRequired, null, account);
        repository.transaction.executeWithoutResult(tx -> {
            repository.putMember(member, "first-sight", true);
            if (account != null) {
                repository.addEvents(activityHistory(member.memberId(), account.path("engagement"), settings.today()));
            }
        });
        return true;
    }

    /** The community account id of the contact in a SOQL answer, or null when none. */
    public String communityIdOf(String contactQueryJson) {
        JsonNode records = read(contactQueryJson).path("records");
        return records.isEmpty() ? null : text(records.get(0), "Community_Id__c");
    }

    /** A member as the CRM record (and the community account, if any) describe them. */
    MemberRecord memberFromCrm(JsonNode contact, Double ceRequired, Integer duesOnTime, JsonNode account) {
        Instant lastSeen = account == null ? null : instant(account.path("engagement").path("lastLoginAt").asText(null), null);
        return new MemberRecord(contact.path("Id").asText(), text(contact, "Member_Number__c"), text(contact, "Email"),
                text(contact, "OwnerId"), text(contact, "Community_Id__c"), text(contact, "Gateway_Customer_Id__c"),
                text(contact, "Membership_Status__c"), text(contact, "Membership_Level__c"),
                date(contact, "Member_Since__c"), date(contact, "Membership_End_Date__c"),
                contact.hasNonNull("CE_Balance__c") ? contact.path("CE_Balance__c").asDouble() : null,
                ceRequired, lastSeen, duesOnTime);
    }

    /**
     * The history that predates the bus, from the community's counters (posts and views in the
     * last 90 days, events attended in the last 12 months): spread over their windows in three
     * dated parts, so that they leave the windows gradually as the days pass.
     */
    List<HealthRepository.EventRow> activityHistory(String memberId, JsonNode engagement, LocalDate today) {
        List<HealthRepository.EventRow> rows = new ArrayList<>();
        if (engagement == null || engagement.isMissingNode() || engagement.isNull()) {
            return rows;
        }
        spread(rows, memberId, "post", engagement.path("postsLast90Days").asInt(0), today, new int[] {15, 45, 75});
        spread(rows, memberId, "content_view", engagement.path("contentViewsLast90Days").asInt(0), today, new int[] {15, 45, 75});
        spread(rows, memberId, "event_attended", engagement.path("eventsAttendedLast12Months").asInt(0), today,
                new int[] {60, 180, 300});
        return rows;
    }

    private void spread(List<HealthRepository.EventRow> rows, String memberId, String kind, int count, LocalDate today,
                        int[] daysAgo) {
        if (count <= 0) {
            return;
        }
        int part = count / daysAgo.length;
        int newest = count - part * (daysAgo.length - 1);
        for (int i = 0; i < daysAgo.length; i++) {
            int quantity = i == 0 ? newest : part;
            if (quantity > 0) {
                Instant at = today.minusDays(daysAgo[i]).atStartOfDay(settings.zone()).toInstant();
                rows.add(new HealthRepository.EventRow("seed:" + memberId + ":" + kind + ":" + i, memberId, kind, at, quantity));
            }
        }
    }

    // ---- reading ----------------------------------------------------------------------------

    JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNull() || v.isMissingNode() || v.asText().isBlank() ? null : v.asText();
    }

    static LocalDate date(JsonNode node, String field) {
        String v = text(node, field);
        return v == null ? null : LocalDate.parse(v.substring(0, 10));
    }

    static Instant instant(String text, Instant otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return OffsetDateTime.parse(text, java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")).toInstant();
                } catch (DateTimeParseException e3) {
                    return otherwise;
                }
            }
        }
    }
}
