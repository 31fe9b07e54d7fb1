package org.memberbus.certification;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Recertification (routes/certification-renewals.camel.yaml): a renewal fee paid at the gateway
 * (Stripe metadata {@code purpose=certification_fee}, {@code certification_action=renewal},
 * {@code crm_contact_id}, {@code exam_code}) extends the member's active certification by one
 * cycle from its current expiry, if the CE credits of the current cycle meet the program's
 * requirement. Decided once per payment (table {@code certification_renewal}, keyed by the payment
 * intent's id): the same payment read again gets the same decision and extends nothing twice.
 */
public class Renewals {

    /** The decision on one renewal payment; {@code extended} false carries the reason. */
    public record Renewal(String paymentId, String certificationKey, String crmContactId, String examCode,
                          boolean extended, LocalDate expiresBefore, LocalDate expiresAfter, String reason) {}

    private final JdbcTemplate jdbc;
    private final CertificationRules rules;
    private final BadgeIssuer badges;
    private final Certifications certifications;
    private final ObjectMapper json;

    public Renewals(JdbcTemplate jdbc, CertificationRules rules, BadgeIssuer badges, Certifications certifications,
                    ObjectMapper json) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.badges = badges;
        this.certifications = certifications;
        this.json = json;
    }

    /** The first day of a certification's current cycle: one cycle back from its expiry. */
    static LocalDate cycleStart(LocalDate expiresOn, int cycleYears) {
        return expiresOn.minusYears(cycleYears).plusDays(1);
    }

    /**
     * The renewal a succeeded payment (the gateway's Stripe event, as on the payment-events topic)
     * pays for, decided once; null when the payment is not a certification renewal.
     */
    public Renewal paid(String stripeEvent) throws Exception {
        var intent = json.readTree(stripeEvent).path("data").path("object");
        var metadata = intent.path("metadata");
        if (!"certification_fee".equals(metadata.path("purpose").asText())
                || !"renewal".equals(metadata.path("certification_action").asText())) {
            return null;
        }
        var paymentId = intent.path("id").asText();
        var earlier = find(paymentId);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        var contact = metadata.path("crm_contact_id").asText("");
        var exam = metadata.path("exam_code").asText("");
        var key = contact + ":" + exam;
        var program = rules.program(exam).orElse(null);
        var award = certifications.find(key).orElse(null);
        String reason = null;
        LocalDate before = award == null ? null : award.expiresOn();
        LocalDate after = null;
        String credential = null;
        if (program == null) {
            reason = "exam " + exam + " leads to no program";
        } else if (award == null || award.revoked()) {
            reason = "no active " + program.name() + " certification to renew (a lapsed one needs the exam again)";
        } else {
            var start = cycleStart(award.expiresOn(), program.cycleYears());
            var earned = jdbc.queryForObject("select coalesce(sum(credits), 0) from ce_credit where crm_contact_id = ? "
                    + "and decision = 'accepted' and earned_on between ? and ?", BigDecimal.class, contact,
                    Date.valueOf(start), Date.valueOf(award.expiresOn()));
            if (earned.intValue() < program.ceRequired()) {
                reason = "CE requirement not met: " + earned.stripTrailingZeros().toPlainString() + " of "
                        + program.ceRequired() + " credits earned since " + start;
            } else {
                after = award.expiresOn().plusYears(program.cycleYears());
                // the same badge (its URL is on profiles and CVs), signed again with the new validity
                credential = badges.issue(award.badgeId(), contact, program, award.awardedOn(), after);
            }
        }
        // decided and applied in one statement: a payment read again finds its decision, and the
        // certification moves only from the expiry the decision was taken on
        jdbc.update("""
                with decided as (
                    insert into certification_renewal (payment_id, certification_key, crm_contact_id, exam_code,
                        extended, expires_before, expires_after, reason)
                    values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing
                    returning certification_key, extended, expires_before, expires_after)
                update certification_award a set expires_on = d.expires_after, credential = ?
                from decided d where a.certification_key = d.certification_key and d.extended
                    and a.expires_on = d.expires_before and a.revoked_at is null""",
                paymentId, key, contact, exam, after != null, before == null ? null : Date.valueOf(before),
                after == null ? null : Date.valueOf(after), reason, credential);
        return find(paymentId).orElseThrow();
    }

    public Optional<Renewal> find(String paymentId) {
        return jdbc.query("select * from certification_renewal where payment_id = ?", (rs, n) -> new Renewal(
                rs.getString("payment_id"), rs.getString("certification_key"), rs.getString("crm_contact_id"),
                rs.getString("exam_code"), rs.getBoolean("extended"),
                rs.getDate("expires_before") == null ? null : rs.getDate("expires_before").toLocalDate(),
                rs.getDate("expires_after") == null ? null : rs.getDate("expires_after").toLocalDate(),
                rs.getString("reason")), paymentId).stream().findFirst();
    }

    /** The renewed certification as the bus holds it now. */
    public Certifications.Award award(Renewal r) {
        return certifications.find(r.certificationKey()).orElseThrow();
    }

    /** The new cycle's CE balance the community shows: what was earned since it began, of what it needs. */
    public Map<String, Object> communityBalance(Renewal r) {
        var a = award(r);
        var program = rules.program(a.examCode()).orElseThrow();
        var start = cycleStart(a.expiresOn(), program.cycleYears());
        var earned = jdbc.queryForObject("select coalesce(sum(credits), 0) from ce_credit where crm_contact_id = ? "
                + "and decision = 'accepted' and earned_on between ? and ?", BigDecimal.class, a.crmContactId(),
                Date.valueOf(start), Date.valueOf(a.expiresOn()));
        var body = new LinkedHashMap<String, Object>();
        body.put("earned", earned.intValue());
        body.put("required", program.ceRequired());
        body.put("periodEnd", a.expiresOn().toString());
        return body;
    }
}
