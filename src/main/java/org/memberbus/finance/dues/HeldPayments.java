package org.memberbus.finance.dues;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.memberbus.member.join.JoinRequest;
import org.memberbus.member.renewal.RenewalPayment;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Dues payments held for staff because they do not match the quote (table held_payment). Holding
 * is one insert keyed by the gateway's payment id, so a payment delivered again is held once.
 */
@Component("heldPayments")
public class HeldPayments {

    static final int MAX_LIMIT = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final DuesPricing pricing;

    public HeldPayments(DataSource dataSource, DuesPricing pricing) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.pricing = pricing;
    }

    /** A join whose payment does not match what the bus quotes for the application. */
    public void holdJoin(JoinRequest join, String reason) {
        var level = MemberTerm.level(join.level());
        var quote = level == null ? null : pricing.join(level, join.startDate() != null ? join.startDate() : pricing.today());
        hold(new MapSqlParameterSource()
                .addValue("paymentId", join.paymentIntentId())
                .addValue("eventId", null)
                .addValue("purpose", "membership_join")
                .addValue("contactId", join.crmContactId())
                .addValue("applicationId", join.applicationId())
                .addValue("level", join.paymentLevel() != null ? join.paymentLevel() : join.level())
                .addValue("amount", join.paymentAmount())
                .addValue("currency", join.paymentCurrency())
                .addValue("expected", quote == null ? null : quote.amount())
                .addValue("rule", quote == null ? null : quote.rule())
                .addValue("reason", reason));
    }

    /** A renewal payment that does not match its quote. */
    public void holdRenewal(RenewalPayment payment, PaymentCheck check) {
        var quote = check.quote();
        hold(new MapSqlParameterSource()
                .addValue("paymentId", payment.paymentId())
                .addValue("eventId", payment.eventId())
                .addValue("purpose", "membership_renewal")
                .addValue("contactId", payment.contactId())
                .addValue("applicationId", null)
                .addValue("level", quote != null ? quote.level().name() : payment.level())
                .addValue("amount", payment.amount())
                .addValue("currency", payment.currency() == null ? null : payment.currency().toUpperCase(java.util.Locale.ROOT))
                .addValue("expected", quote == null ? null : quote.amount())
                .addValue("rule", quote == null ? null : quote.rule())
                .addValue("reason", check.problem()));
    }

    /**
     * True when the payment was held before: it stays held until staff release it (a refunded one
     * stays held: the money went back, nothing is applied).
     */
    public boolean isHeld(String paymentId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                select exists (select 1 from held_payment where payment_id = :id
                               and (resolution is null or resolution <> 'released'))""",
                Map.of("id", paymentId), Boolean.class));
    }

    /** True when staff released the held payment: it is applied as it is, its mismatch accepted. */
    public boolean isReleased(String paymentId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                select exists (select 1 from held_payment where payment_id = :id and resolution = 'released')""",
                Map.of("id", paymentId), Boolean.class));
    }

    /**
     * Staff resolve a held payment ({@code release} or {@code refund}), once: the same action again
     * answers the same; the other one is refused (409). A release applies renewals only (a held join
     * or level change is settled with the member and refunded); a refund needs the gateway's payment
     * intent. Answers the held payment as listed.
     */
    public Map<String, Object> resolve(String paymentId, String action, String user) {
        var held = jdbc.queryForList("select * from held_payment where payment_id = :id", Map.of("id", paymentId == null ? "" : paymentId));
        if (held.isEmpty()) {
            throw new DuesApiException(404, "no held payment " + paymentId);
        }
        var row = held.get(0);
        String resolution = action.equals("release") ? "released" : "refunded";
        if (row.get("resolution") != null) {
            if (!resolution.equals(row.get("resolution"))) {
                throw new DuesApiException(409, "held payment " + paymentId + " was " + row.get("resolution") + " already");
            }
            return one(paymentId);
        }
        if (action.equals("release") && !"membership_renewal".equals(row.get("purpose"))) {
            throw new DuesApiException(422, "a held " + row.get("purpose") + " cannot be released as it is: refund it"
                    + " (the member pays again what is quoted)");
        }
        if (action.equals("release") && row.get("event_id") == null) {
            throw new DuesApiException(422, "held payment " + paymentId + " names no gateway event to apply again");
        }
        if (action.equals("refund") && !paymentId.startsWith("pi_")) {
            throw new DuesApiException(422, "held payment " + paymentId + " is not a payment intent: refund it at the gateway");
        }
        jdbc.update("""
                update held_payment set resolution = :resolution, resolved_at = now(), resolved_by = :user,
                       refund_key = :refundKey
                where payment_id = :id and resolution is null""", new MapSqlParameterSource()
                .addValue("resolution", resolution).addValue("user", user).addValue("id", paymentId)
                .addValue("refundKey", action.equals("refund") ? "held-refund:" + paymentId : null));
        return one(paymentId);
    }

    /** The gateway command's form for a held payment's full refund. */
    public String refundForm(String paymentId) {
        return "payment_intent=" + paymentId + "&reason=requested_by_customer&metadata%5Bheld_payment%5D=true";
    }

    private Map<String, Object> one(String paymentId) {
        return rows("where payment_id = :id", new MapSqlParameterSource("id", paymentId)).get(0);
    }

    /** A level change that does not match its quote (or cannot be applied). */
    public void holdChange(ChangePayment payment, PaymentCheck check) {
        var quote = check.quote();
        hold(new MapSqlParameterSource()
                .addValue("paymentId", payment.paymentId())
                .addValue("eventId", payment.eventId())
                .addValue("purpose", ChangePayment.PURPOSE)
                .addValue("contactId", payment.contactId())
                .addValue("applicationId", null)
                .addValue("level", payment.level())
                .addValue("amount", payment.amount())
                .addValue("currency", payment.currency())
                .addValue("expected", quote == null ? null : quote.amount())
                .addValue("rule", quote == null ? null : quote.rule())
                .addValue("reason", check.problem()));
    }

    private void hold(MapSqlParameterSource row) {
        jdbc.update("""
                insert into held_payment (payment_id, event_id, purpose, contact_id, application_id, level, amount,
                                          currency, expected_amount, rule, reason)
                values (:paymentId, :eventId, :purpose, :contactId, :applicationId, :level, :amount,
                        :currency, :expected, :rule, :reason)
                on conflict (payment_id) do nothing""", row);
    }

    /** The held payments, newest first ({@code limit} 1 to 500; 100 when not given). */
    public List<Map<String, Object>> list(String limit) {
        int rows = 100;
        if (limit != null && !limit.isBlank()) {
            try {
                rows = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                rows = -1;
            }
            if (rows < 1 || rows > MAX_LIMIT) {
                throw new DuesApiException(400, "limit: '" + limit + "' is not a number from 1 to " + MAX_LIMIT);
            }
        }
        return rows("order by held_at desc, payment_id limit :rows", new MapSqlParameterSource("rows", rows));
    }

    private List<Map<String, Object>> rows(String where, MapSqlParameterSource params) {
        return jdbc.query("""
                select payment_id, event_id, purpose, contact_id, application_id, level, amount, currency,
                       expected_amount, rule, reason, held_at, resolution, resolved_at, resolved_by, refund_key
                from held_payment """ + " " + where, params, (rs, i) -> {
                    var row = new LinkedHashMap<String, Object>();
                    row.put("paymentId", rs.getString("payment_id"));
                    row.put("eventId", rs.getString("event_id"));
                    row.put("purpose", rs.getString("purpose"));
                    row.put("crmContactId", rs.getString("contact_id"));
                    row.put("applicationId", rs.getString("application_id"));
                    row.put("level", rs.getString("level"));
                    row.put("amount", rs.getLong("amount"));
                    row.put("currency", rs.getString("currency"));
                    long expected = rs.getLong("expected_amount");
                    row.put("expectedAmount", rs.wasNull() ? null : expected);
                    row.put("rule", rs.getString("rule"));
                    row.put("reason", rs.getString("reason"));
                    Timestamp held = rs.getTimestamp("held_at");
                    row.put("heldAt", held.toInstant().toString());
                    row.put("resolution", rs.getString("resolution"));
                    Timestamp resolved = rs.getTimestamp("resolved_at");
                    row.put("resolvedAt", resolved == null ? null : resolved.toInstant().toString());
                    row.put("resolvedBy", rs.getString("resolved_by"));
                    row.put("refundKey", rs.getString("refund_key"));
                    return row;
                });
    }
}
