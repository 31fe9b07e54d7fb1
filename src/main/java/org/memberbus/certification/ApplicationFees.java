package org.memberbus.certification;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.memberbus.finance.events.CrmStatusReader;
import org.memberbus.finance.events.MemberStatusCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The certification application fee (routes/certification-applications.camel.yaml): its price by
 * the applicant's membership status in the CRM (an Active member pays the member price of
 * config/certification.yaml, anyone else the non-member price; the status from
 * {@link MemberStatusCache}, kept fresh by the CRM's change events), and the join of an
 * application with its payment. The community's webhook (the application) and the gateway's
 * {@code payment_intent.succeeded} (Stripe metadata {@code purpose=certification_fee},
 * {@code certification_action=application}, {@code application_id}) arrive in either order and
 * each writes its half of one row (table {@code certification_application_fee}); whichever
 * completes it gets the application back, ready for the CRM. A payment below the price for the
 * applicant's status is recorded with the reason and does not let the application through.
 */
public class ApplicationFees {

    private static final Logger log = LoggerFactory.getLogger(ApplicationFees.class);

    static final String PURPOSE = "certification_fee";
    static final String ACTION = "application";

    /** The price of an application for one person, and the Stripe metadata its payment carries. */
    public record Quote(String crmContactId, String program, String examCode, String membershipStatus,
                        String priceBasis, long amount, String currency, Map<String, String> metadata) {}

    /** A paid application, ready for the CRM; {@code paymentId} null for an update of one sent before fees were kept. */
    public record Ready(CertificationApplications.Application application, String paymentId, Long amountPaid,
                        String priceBasis) {}

    /** A quote refused: the reason, for a 400. */
    public static final class Refused extends IllegalArgumentException {
        Refused(String reason) {
            super(reason);
        }
    }

    private final JdbcTemplate jdbc;
    private final CertificationRules rules;
    private final MemberStatusCache statuses;
    private final CrmStatusReader crm;
    private final ObjectMapper json;

    public ApplicationFees(JdbcTemplate jdbc, CertificationRules rules, MemberStatusCache statuses, CrmStatusReader crm,
                           ObjectMapper json) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.statuses = statuses;
        this.crm = crm;
        this.json = json;
    }

    /** The price for {@code crmContactId} to apply to {@code program} (its name or its exam's code). */
    public Quote quote(String crmContactId, String program) {
        if (crmContactId == null || !crmContactId.matches("[A-Za-z0-9]{15}|[A-Za-z0-9]{18}")) {
            throw new Refused("member must be a CRM contact id (15 or 18 letters and digits)");
        }
        if (program == null || program.isBlank()) {
            throw new Refused("program is required (its name or its exam code)");
        }
        var p = rules.program(program).or(() -> rules.programNamed(program))
                .orElseThrow(() -> new Refused("no program " + program + " in config/certification.yaml"));
        var status = statuses.statusOf(crmContactId, crm).orElse(null);
        var fee = rules.applicationFee();
        boolean member = "Active".equalsIgnoreCase(status);
        var metadata = new LinkedHashMap<String, String>();
        metadata.put("purpose", PURPOSE);
        metadata.put("certification_action", ACTION);
        metadata.put("crm_contact_id", crmContactId);
        metadata.put("exam_code", p.examCode());
        return new Quote(crmContactId, p.name(), p.examCode(), status, member ? "member" : "non-member",
                member ? fee.member() : fee.nonMember(), fee.currency(), metadata);
    }

    /**
     * The application's half (a submission, or documents added): kept with the payment's half;
     * answers the application ready for the CRM when it is paid, else null (it waits for its
     * payment). An update of an application sent to the CRM before fees were kept goes through.
     */
    public Ready application(CertificationApplications.Application a) {
        if (a.update()) {
            var rows = jdbc.query("update certification_application_fee set documents = ? where application_id = ? "
                    + "returning accepted, payment_id, amount_paid, price_basis", (rs, n) -> row(a, rs),
                    String.join("\n", a.documents()), a.communityApplicationId());
            if (rows.isEmpty()) {
                return new Ready(a, null, null, null);
            }
            return rows.get(0).orElse(null);
        }
        var row = jdbc.query("""
                insert into certification_application_fee (application_id, crm_contact_id, program, documents,
                    submitted_at, submitted) values (?, ?, ?, ?, ?, true)
                on conflict (application_id) do update set crm_contact_id = excluded.crm_contact_id,
                    program = excluded.program, documents = excluded.documents, submitted_at = excluded.submitted_at,
                    submitted = true
                returning accepted, payment_id, amount_paid, price_basis""", (rs, n) -> row(a, rs),
                a.communityApplicationId(), a.crmContactId(), a.program(), String.join("\n", a.documents()),
                a.submittedAt()).get(0);
        if (row.isEmpty()) {
            log.info("certification application {} waits for its fee", a.communityApplicationId());
        }
        return row.orElse(null);
    }

    private static Optional<Ready> row(CertificationApplications.Application a, java.sql.ResultSet rs)
            throws java.sql.SQLException {
        if (!rs.getBoolean("accepted")) {
            return Optional.empty();
        }
        return Optional.of(new Ready(a, rs.getString("payment_id"), rs.getLong("amount_paid"), rs.getString("price_basis")));
    }

    /**
     * The payment's half, from the gateway's event (as on the payment-events topic); null when it
     * is not an application fee, when the application has not arrived yet, or when the payment
     * does not cover the price for the applicant's status now (recorded with the reason). A second
     * payment for an application already paid changes nothing.
     */
    public Ready paid(String stripeEvent) throws Exception {
        var intent = json.readTree(stripeEvent).path("data").path("object");
        var metadata = intent.path("metadata");
        if (!PURPOSE.equals(metadata.path("purpose").asText()) || !ACTION.equals(metadata.path("certification_action").asText())) {
            return null;
        }
        var applicationId = metadata.path("application_id").asText("");
        var contact = metadata.path("crm_contact_id").asText("");
        var paymentId = intent.path("id").asText();
        if (applicationId.isBlank() || contact.isBlank()) {
            log.warn("certification fee {} names no application_id or crm_contact_id: not applied", paymentId);
            return null;
        }
        long amount = intent.path("amount_received").asLong(intent.path("amount").asLong());
        var currency = intent.path("currency").asText();
        Quote quote;
        try {
            quote = quote(contact, metadata.path("exam_code").asText(""));
        } catch (Refused e) {
            log.warn("certification fee {}: {}; not applied", paymentId, e.getMessage());
            return null;
        }
        String reason = null;
        if (!quote.currency().equalsIgnoreCase(currency) || amount < quote.amount()) {
            reason = "paid " + amount + " " + currency + "; the " + quote.priceBasis() + " price is " + quote.amount()
                    + " " + quote.currency();
        }
        var rows = jdbc.query("""
                insert into certification_application_fee (application_id, crm_contact_id, payment_id, amount_paid,
                    currency, price_basis, amount_due, accepted, reason) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (application_id) do update set payment_id = excluded.payment_id,
                    amount_paid = excluded.amount_paid, currency = excluded.currency, price_basis = excluded.price_basis,
                    amount_due = excluded.amount_due, accepted = excluded.accepted, reason = excluded.reason
                where certification_application_fee.accepted is not true
                returning submitted, accepted, crm_contact_id, program, documents, submitted_at""", (rs, n) -> {
                    if (!rs.getBoolean("submitted") || !rs.getBoolean("accepted")) {
                        return Optional.<Ready>empty();
                    }
                    var docs = rs.getString("documents");
                    var application = new CertificationApplications.Application(applicationId, rs.getString("crm_contact_id"),
                            rs.getString("program"), docs == null || docs.isEmpty() ? List.of() : List.of(docs.split("\n")),
                            false, rs.getString("submitted_at"));
                    return Optional.of(new Ready(application, paymentId, amount, quote.priceBasis()));
                }, applicationId, contact, paymentId, amount, currency, quote.priceBasis(), quote.amount(), reason == null,
                reason);
        if (reason != null) {
            log.warn("certification application {}: fee {} refused: {}", applicationId, paymentId, reason);
        }
        return rows.isEmpty() ? null : rows.get(0).orElse(null);
    }
}
