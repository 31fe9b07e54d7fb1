package org.memberbus.member.join;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The joins in progress (table join_request, V4), one per application. The application and the
 * payment are each recorded by one statement that also decides, under the row's lock, whether this
 * arrival made the pair whole: the first of the two only inserts; the second finds the other half
 * and moves the join from {@code open} to {@code completing}, naming itself (its event id) as the
 * one to complete it. Two consumers racing therefore cannot both miss the pair (the later statement
 * waits for the earlier one's row and sees it) nor both complete it (only one flips the status);
 * the completing event's redelivery after a crash completes it again, idempotently.
 */
@Component("joinRequests")
public class JoinRequests {

    private static final TypeReference<LinkedHashMap<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    /** The flag every statement returns: this event is the one that completes the join. */
    private static final String RETURNING = """
             RETURNING *, COALESCE(status = 'completing' AND completing_event_id = :eventId, false) AS complete_now""";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    @Autowired
    public JoinRequests(DataSource dataSource) {
        this(dataSource, Clock.systemDefaultZone());
    }

    JoinRequests(DataSource dataSource, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
    }

    /** Records the application; the join is to be completed now if its payment is here already. */
    public JoinRequest recordApplication(JoinApplication application) {
        var applicant = new LinkedHashMap<String, Object>();
        applicant.put("firstName", application.firstName());
        applicant.put("lastName", application.lastName());
        applicant.put("phone", application.phone());
        applicant.put("employer", application.employer());
        applicant.put("city", application.city());
        applicant.put("country", application.country());
        // the application is the community's word on who applies, from which account, for what level
        return one("""
                INSERT INTO join_request AS j (application_id, community_account_id, crm_contact_id,
                                               application_event_id, level, email, applicant, applied_at)
                VALUES (:applicationId, :accountId, :crmContactId, :eventId, :level, :email, CAST(:applicant AS jsonb),
                        :appliedAt)
                ON CONFLICT (application_id) DO UPDATE SET
                    community_account_id = EXCLUDED.community_account_id,
                    crm_contact_id       = COALESCE(j.crm_contact_id, EXCLUDED.crm_contact_id),
                    application_event_id = COALESCE(j.application_event_id, EXCLUDED.application_event_id),
                    level                = COALESCE(j.level, EXCLUDED.level),
                    email                = COALESCE(j.email, EXCLUDED.email),
                    applicant            = COALESCE(j.applicant, EXCLUDED.applicant),
                    applied_at           = COALESCE(j.applied_at, EXCLUDED.applied_at),
                    status               = CASE WHEN j.status = 'open' AND j.payment_intent_id IS NOT NULL
                                                THEN 'completing' ELSE j.status END,
                    completing_event_id  = CASE WHEN j.status = 'open' AND j.payment_intent_id IS NOT NULL
                                                THEN :eventId ELSE j.completing_event_id END,
                    updated_at           = now()""" + RETURNING,
                new MapSqlParameterSource("applicationId", application.applicationId())
                        .addValue("accountId", application.accountId())
                        .addValue("crmContactId", application.crmContactId())
                        .addValue("eventId", application.eventId())
                        .addValue("level", application.level().name())
                        .addValue("email", application.email())
                        .addValue("applicant", toJson(applicant))
                        .addValue("appliedAt", timestamp(application.submittedAt())));
    }

    /**
     * Records a successful payment (the first one: a second payment for the same application does
     * not replace it); the join is to be completed now if its application is here already.
     */
    public JoinRequest recordPayment(JoinPayment payment) {
        return one("""
                INSERT INTO join_request AS j (application_id, community_account_id, payer_email, payment_event_id,
                                               payment_intent_id, payment_amount, payment_currency, payment_level,
                                               gateway_customer_id, paid_at, payment_pending)
                VALUES (:applicationId, :accountId, :email, :eventId, :intentId, :amount, :currency, :level,
                        :customer, :paidAt, :pending)
                ON CONFLICT (application_id) DO UPDATE SET
                    community_account_id = COALESCE(j.community_account_id, EXCLUDED.community_account_id),
                    payer_email          = COALESCE(EXCLUDED.payer_email, j.payer_email),
                    payment_event_id     = COALESCE(j.payment_event_id, EXCLUDED.payment_event_id),
                    payment_intent_id    = COALESCE(j.payment_intent_id, EXCLUDED.payment_intent_id),
                    payment_amount       = CASE WHEN j.payment_intent_id IS NULL THEN EXCLUDED.payment_amount
                                                ELSE j.payment_amount END,
                    payment_currency     = CASE WHEN j.payment_intent_id IS NULL THEN EXCLUDED.payment_currency
                                                ELSE j.payment_currency END,
                    payment_level        = CASE WHEN j.payment_intent_id IS NULL THEN EXCLUDED.payment_level
                                                ELSE j.payment_level END,
                    gateway_customer_id  = CASE WHEN j.payment_intent_id IS NULL THEN EXCLUDED.gateway_customer_id
                                                ELSE j.gateway_customer_id END,
                    paid_at              = CASE WHEN j.payment_intent_id IS NULL THEN EXCLUDED.paid_at
                                                ELSE j.paid_at END,
                    -- pending until the join's own debit settles, in whichever order its events come
                    payment_pending      = CASE WHEN j.payment_intent_id IS NULL THEN EXCLUDED.payment_pending
                                                WHEN j.payment_intent_id = EXCLUDED.payment_intent_id
                                                THEN j.payment_pending AND EXCLUDED.payment_pending
                                                ELSE j.payment_pending END,
                    status               = CASE WHEN j.status = 'open' AND j.level IS NOT NULL
                                                THEN 'completing' ELSE j.status END,
                    completing_event_id  = CASE WHEN j.status = 'open' AND j.level IS NOT NULL
                                                THEN :eventId ELSE j.completing_event_id END,
                    updated_at           = now()""" + RETURNING,
                new MapSqlParameterSource("applicationId", payment.applicationId())
                        .addValue("accountId", payment.accountId())
                        .addValue("email", payment.email())
                        .addValue("eventId", payment.eventId())
                        .addValue("intentId", payment.paymentIntentId())
                        .addValue("amount", payment.amount())
                        .addValue("currency", payment.currency())
                        .addValue("level", payment.level().name())
                        .addValue("customer", payment.customer())
                        .addValue("paidAt", timestamp(payment.at()))
                        .addValue("pending", payment.pending()));
    }

    /** Records a declined payment; the join stays as it was, waiting for a successful one. */
    public JoinRequest recordFailedPayment(JoinPayment payment) {
        return one("""
                INSERT INTO join_request AS j (application_id, community_account_id, payer_email, failed_payments,
                                               last_failure)
                VALUES (:applicationId, :accountId, :email, 1, :failure)
                ON CONFLICT (application_id) DO UPDATE SET
                    community_account_id = COALESCE(j.community_account_id, EXCLUDED.community_account_id),
                    payer_email          = COALESCE(EXCLUDED.payer_email, j.payer_email),
                    failed_payments      = j.failed_payments + 1,
                    last_failure         = EXCLUDED.last_failure,
                    updated_at           = now()""" + RETURNING,
                new MapSqlParameterSource("applicationId", payment.applicationId())
                        .addValue("accountId", payment.accountId())
                        .addValue("email", payment.email())
                        .addValue("failure", payment.failure())
                        .addValue("eventId", payment.eventId()));
    }

    /**
     * Starts completing a join: gives it its member number and start date, once (a retry gets the
     * same ones, so the CRM upsert by member number finds the contact the first attempt made). A
     * former member coming back keeps the number they have.
     */
    public JoinRequest begin(String applicationId) {
        return transaction.execute(tx -> {
            var key = new MapSqlParameterSource("applicationId", applicationId);
            var current = jdbc.query("SELECT * FROM join_request WHERE application_id = :applicationId FOR UPDATE",
                    key, (rs, n) -> row(rs, true)).stream().findFirst()
                    .orElseThrow(() -> new IllegalStateException("no join for application " + applicationId));
            if (!"completing".equals(current.status())) {
                throw new IllegalStateException("join " + applicationId + " is " + current.status() + ", not completing");
            }
            var number = current.memberNumber();
            if (number == null && current.crmContactId() == null) {
                number = memberNumber(jdbc.getJdbcOperations().queryForObject("SELECT nextval('member_number_seq')", Long.class));
            }
            var start = current.startDate() != null ? current.startDate() : LocalDate.now(clock);
            return jdbc.query("""
                            UPDATE join_request SET member_number = :number, start_date = :start, updated_at = now()
                             WHERE application_id = :applicationId RETURNING *, true AS complete_now""",
                    key.addValue("number", number).addValue("start", start), (rs, n) -> row(rs, true)).get(0);
        });
    }

    /** The join is done: its CRM contact and community account are linked and the member welcomed. */
    public void completed(String applicationId, String contactId) {
        jdbc.update("""
                UPDATE join_request SET status = 'completed', crm_contact_id = :contactId, completed_at = now(),
                                        updated_at = now()
                 WHERE application_id = :applicationId AND status = 'completing'""",
                new MapSqlParameterSource("applicationId", applicationId).addValue("contactId", contactId));
    }

    /** The join is held as a business error (e.g. the amount paid): no member is created; staff look at it. */
    public void rejected(String applicationId, String problem) {
        jdbc.update("""
                UPDATE join_request SET status = 'rejected', problem = :problem, updated_at = now()
                 WHERE application_id = :applicationId AND status = 'completing'""",
                new MapSqlParameterSource("applicationId", applicationId).addValue("problem", problem));
    }

    /** The join of an application, or null. */
    public JoinRequest find(String applicationId) {
        return jdbc.query("SELECT * FROM join_request WHERE application_id = :applicationId",
                new MapSqlParameterSource("applicationId", applicationId), (rs, n) -> row(rs, false))
                .stream().findFirst().orElse(null);
    }

    /** {@code M} and at least six digits. */
    static String memberNumber(long sequence) {
        return String.format("M%06d", sequence);
    }

    private JoinRequest one(String sql, MapSqlParameterSource params) {
        return jdbc.query(sql, params, (rs, n) -> row(rs, rs.getBoolean("complete_now"))).get(0);
    }

    private JoinRequest row(ResultSet rs, boolean completeNow) throws SQLException {
        var amount = rs.getObject("payment_amount", Long.class);
        var start = rs.getObject("start_date", LocalDate.class);
        return new JoinRequest(rs.getString("application_id"), rs.getString("community_account_id"),
                rs.getString("level"), rs.getString("email"), fromJson(rs.getString("applicant")),
                rs.getString("payment_intent_id"), amount, rs.getString("payment_currency"),
                rs.getString("payment_level"), rs.getString("gateway_customer_id"), instant(rs, "paid_at"),
                rs.getString("payer_email"), rs.getInt("failed_payments"), rs.getString("last_failure"),
                rs.getString("status"), rs.getString("member_number"), start, rs.getString("crm_contact_id"),
                rs.getString("problem"), completeNow, rs.getBoolean("payment_pending"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private String toJson(Map<String, Object> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Map<String, Object> fromJson(String text) {
        try {
            return text == null ? null : json.readValue(text, JSON_OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("join_request.applicant is not a JSON object: " + e.getMessage(), e);
        }
    }
}
