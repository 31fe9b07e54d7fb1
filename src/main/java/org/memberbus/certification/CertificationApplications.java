package org.memberbus.certification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memberbus.crm.CrmChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Certification applications between the community and the CRM
 * (routes/certification-applications.camel.yaml). The applicant's side comes from the community's
 * webhooks: a submitted application, or documents added to it, becomes the CRM's
 * {@code Certification_Application__c} (upserted by {@code Community_Application_Id__c}) with its
 * documents, "Submitted" or, after an update, "Under Review" again. Staff review it in the CRM; the
 * CRM's status and note are what the community shows ("Documents Incomplete" is a request for more
 * information there), so the loop runs until staff approve or reject. An approved application's
 * exam is booked at the exam body (once per application, by its idempotency key) when the member
 * may sit it (the retake rules), and the sitting goes to the CRM and from there to the community.
 */
public class CertificationApplications {

    private static final Logger log = LoggerFactory.getLogger(CertificationApplications.class);

    static final String SUBMITTED = "certification.application_submitted";
    static final String UPDATED = "certification.application_updated";

    /** The CRM's statuses, as the community names them. */
    static final Map<String, String> COMMUNITY_STATUS = Map.of(
            "Submitted", "SUBMITTED",
            "Under Review", "UNDER_REVIEW",
            "Documents Incomplete", "INFO_REQUESTED",
            "Approved", "APPROVED",
            "Rejected", "REJECTED");

    /** An application as the community's webhook tells it. */
    public record Application(String communityApplicationId, String crmContactId, String program,
                              List<String> documents, boolean update, String submittedAt) {}

    /** An approved application to book the exam for (program's exam, the CRM's ids). */
    public record Scheduling(String crmApplicationId, String crmContactId, String examCode) {

        /** The exam body's idempotency key: one sitting booked per application, however often asked. */
        public String idempotencyKey() {
            return "certification-application:" + crmApplicationId;
        }
    }

    /** How far ahead the first sitting is asked for (the exam body books the nearest slot from that day). */
    static final int EXAM_LEAD_DAYS = 14;

    private final ObjectMapper json;
    private final CertificationRules rules;
    private final java.time.Clock clock;

    public CertificationApplications(ObjectMapper json, CertificationRules rules, java.time.Clock clock) {
        this.json = json;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * The application a community webhook carries; null for a person the CRM does not know (their
     * contact is made by the membership flow first; the community sends the application again then).
     */
    public Application fromCommunity(String webhook) throws Exception {
        var event = json.readTree(webhook);
        var data = event.path("data");
        var id = data.path("applicationId").asText("");
        var contact = event.path("account").path("crmContactId").asText("");
        if (id.isBlank()) {
            throw new org.memberbus.infra.PoisonMessageException("certification application event " + event.path("id").asText()
                    + " names no applicationId");
        }
        if (contact.isBlank()) {
            log.warn("certification application {}: the applicant has no CRM contact yet; not sent to the CRM", id);
            return null;
        }
        var documents = new ArrayList<String>();
        data.path("documents").forEach(d -> documents.add(d.asText()));
        return new Application(id, contact, data.path("program").asText(null), List.copyOf(documents),
                UPDATED.equals(event.path("type").asText()), event.path("created").asText(null));
    }

    /** The CRM's record, upserted by {@code Community_Application_Id__c}. */
    public Map<String, Object> crmRecord(Application a) {
        var record = new LinkedHashMap<String, Object>();
        record.put("Contact__c", a.crmContactId());
        if (a.program() != null) {
            record.put("Program__c", a.program());
        }
        record.put("Documents__c", String.join("\n", a.documents()));
        // an update answers the reviewer's request: back to review, the request answered
        record.put("Status__c", a.update() ? "Under Review" : "Submitted");
        if (a.update()) {
            record.put("Staff_Note__c", null);
        } else if (a.submittedAt() != null) {
            record.put("Submitted_At__c", a.submittedAt());
        }
        return record;
    }

    /** The CRM's record of a paid application: the application's fields and what was paid, at which price. */
    public Map<String, Object> paidRecord(ApplicationFees.Ready ready) {
        var record = crmRecord(ready.application());
        if (ready.paymentId() != null) {
            record.put("Fee_Payment_Id__c", ready.paymentId());
            record.put("Fee_Amount__c", ready.amountPaid() / 100.0);
            record.put("Fee_Price_Basis__c", "member".equals(ready.priceBasis()) ? "Member" : "Non-Member");
        }
        return record;
    }

    /** Whether a CRM change is an application's review moving (status or note). */
    public boolean concernsReview(CrmChange change) {
        return change != null && "Certification_Application__c".equals(change.entityName())
                && change.recordId() != null && change.fields() != null
                && (change.fields().containsKey("Status__c") || change.fields().containsKey("Staff_Note__c")
                    || change.fields().containsKey("Exam_Appointment_Id__c"));
    }

    public String reviewQuery(CrmChange change) {
        return "SELECT Id, Contact__c, Program__c, Status__c, Staff_Note__c, Community_Application_Id__c, "
                + "Exam_Appointment_Id__c, Exam_Scheduled_At__c, Exam_Location__c FROM Certification_Application__c "
                + "WHERE Id = '" + change.recordId().replaceAll("[^A-Za-z0-9]", "") + "'";
    }

    /** An approved application with no sitting booked yet (from the answer to {@link #reviewQuery}); else null. */
    public Scheduling toSchedule(String queryAnswer) throws Exception {
        var record = json.readTree(queryAnswer).path("records").path(0);
        if (!"Approved".equals(record.path("Status__c").asText())
                || !record.path("Exam_Appointment_Id__c").asText("").isBlank()) {
            return null;
        }
        var program = rules.programNamed(record.path("Program__c").asText("")).orElse(null);
        if (program == null) {
            log.warn("certification application {}: program leads to no exam in config/certification.yaml; not booked",
                    record.path("Id").asText());
            return null;
        }
        return new Scheduling(record.path("Id").asText(), record.path("Contact__c").asText(), program.examCode());
    }

    public String candidateQuery(Scheduling s) {
        return "SELECT Id, FirstName, LastName, Email, Member_Number__c FROM Contact WHERE Id = '"
                + s.crmContactId().replaceAll("[^A-Za-z0-9]", "") + "'";
    }

    /**
     * The candidate as the exam body registers them ({@code PUT /api/v1/candidates/{crm contact id}}),
     * from the CRM's contact: an upsert by the CRM's id, so registering again changes nothing.
     */
    public Map<String, Object> candidateRequest(String contactAnswer) throws Exception {
        var contact = json.readTree(contactAnswer).path("records").path(0);
        var candidate = new LinkedHashMap<String, Object>();
        if (contact.path("Member_Number__c").isTextual()) {
            candidate.put("memberNumber", contact.path("Member_Number__c").asText());
        }
        candidate.put("firstName", contact.path("FirstName").asText(null));
        candidate.put("lastName", contact.path("LastName").asText(null));
        candidate.put("email", contact.path("Email").asText(null));
        return candidate;
    }

    /**
     * The exam authorization ({@code PUT /api/v1/authorizations/{crm application id}}): one sitting
     * of the program's exam, from the day the member may sit it (the retake rules: never earlier) for
     * the eligibility window of config/certification.yaml. Keyed by the application, so it is
     * made once however often the approval is read.
     */
    public Map<String, Object> authorizationRequest(Scheduling s, Certifications.Retake retake) {
        var today = java.time.LocalDate.now(clock);
        var first = retake.eligibleFrom() != null && retake.eligibleFrom().isAfter(today) ? retake.eligibleFrom() : today;
        var body = new LinkedHashMap<String, Object>();
        body.put("clientCandidateId", s.crmContactId());
        body.put("examCode", s.examCode());
        body.put("examAuthorizationCount", 1);
        body.put("eligibilityApptDateFirst", first.toString());
        body.put("eligibilityApptDateLast", first.plusDays(rules.eligibilityDays()).toString());
        body.put("applicationId", s.crmApplicationId());
        return body;
    }

    /** The booking ({@code POST /api/v1/appointments}) against the application's authorization. */
    public Map<String, Object> appointmentRequest(Scheduling s) {
        var body = new LinkedHashMap<String, Object>();
        body.put("authorizationId", s.crmApplicationId());
        body.put("preferredDate", java.time.LocalDate.now(clock).plusDays(EXAM_LEAD_DAYS).toString());
        return body;
    }

    /** The booked sitting (the exam body's answer) as the CRM application's fields. */
    public Map<String, Object> appointmentRecord(String appointmentAnswer) throws Exception {
        var appointment = json.readTree(appointmentAnswer);
        var record = new LinkedHashMap<String, Object>();
        record.put("Exam_Appointment_Id__c", appointment.path("id").asText());
        record.put("Exam_Scheduled_At__c", appointment.path("scheduledAt").asText(null));
        var location = appointment.path("location");
        record.put("Exam_Location__c", location.isObject() ? location.path("name").asText(location.toString()) : null);
        return record;
    }

    /** The review as the community shows it ({@code status}, {@code message}, {@code applicationId}); null if none. */
    public Map<String, Object> communityReview(String queryAnswer) throws Exception {
        JsonNode record = json.readTree(queryAnswer).path("records").path(0);
        var applicationId = record.path("Community_Application_Id__c").asText("");
        var status = COMMUNITY_STATUS.get(record.path("Status__c").asText(""));
        if (applicationId.isBlank() || status == null) {
            return null; // entered by staff, not from the community; or a status the community has no word for
        }
        var review = new LinkedHashMap<String, Object>();
        review.put("applicationId", applicationId);
        review.put("status", status);
        var note = record.path("Staff_Note__c");
        review.put("message", note.isTextual() && !note.asText().isBlank() ? note.asText() : null);
        var appointmentId = record.path("Exam_Appointment_Id__c").asText("");
        if (!appointmentId.isBlank()) {
            var appointment = new LinkedHashMap<String, Object>();
            appointment.put("id", appointmentId);
            appointment.put("scheduledAt", record.path("Exam_Scheduled_At__c").asText(null));
            appointment.put("location", record.path("Exam_Location__c").asText(null));
            review.put("appointment", appointment);
        }
        return review;
    }
}
