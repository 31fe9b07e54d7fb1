package org.memberbus.partner;

import org.apache.camel.Header;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The bus's own record of effects at a partner that has no idempotency (the marketing automation:
 * every trigger runs the campaign again). The key is recorded as 'sending' before the call and
 * marked 'sent' once the partner accepted it, each in its own committed statement.
 *
 * <p>A key found 'sent' is not sent again (a redelivered or resent command). A key Marketo refused
 * with an error envelope (its 6xx answers mean "not executed") is forgotten ({@link #notSent}): its
 * next try is a first try. A key found still 'sending' had a try whose outcome is unknown (no
 * answer, or the bus died between the partner's answer and the mark). Marketo keeps no trace of the
 * caller's key, but its activity log says when a campaign was requested for a lead: before
 * resending such a key the marketing sink asks it whether the campaign ran for that lead since the
 * key went 'sending' ({@code sendingSince}, see {@link CampaignRuns}), and marks the key 'sent'
 * instead of running the campaign twice. Only those few keys cost the extra calls, so a rate limit
 * (Marketo's 606) is not made worse by checks.
 */
@Component("partnerEffects")
public class PartnerEffects {

    private final JdbcTemplate jdbc;

    PartnerEffects(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the command's key as being sent, and sets the exchange property {@code sentBefore}
     * (a bean step, so that a refusal reaches the error handling as itself).
     */
    public void begin(String partner, org.apache.camel.Exchange exchange) {
        String key = exchange.getMessage().getHeader("requestId", String.class);
        boolean sent = alreadySent(partner, key);
        exchange.setProperty("sentBefore", sent);
        if (!sent) {
            sendingSince(partner, key).ifPresent(since -> exchange.setProperty("sendingSince", since));
        }
    }

    /**
     * When a key that is being sent again went 'sending' (its first attempt): the partner's effect,
     * if the last attempt reached it, is dated after this. Empty for a key sent the first time.
     */
    public java.util.Optional<java.time.Instant> sendingSince(String partner, String key) {
        return jdbc.query("""
                select first_at from partner_effect
                where partner = ? and idempotency_key = ? and status = 'sending' and attempts > 1""",
                (row, i) -> row.getTimestamp(1).toInstant(), partner, key).stream().findFirst();
    }

    /** Records the key as being sent; answers true when it was sent before (nothing to do). */
    public boolean alreadySent(String partner, @Header("requestId") String key) {
        if (key == null || key.isBlank()) {
            throw new PartnerRefusedException("a " + partner + " command without a requestId cannot be sent exactly once");
        }
        if (jdbc.update("""
                insert into partner_effect (partner, idempotency_key, status) values (?, ?, 'sending')
                on conflict (partner, idempotency_key) do nothing""", partner, key) == 1) {
            return false;
        }
        // already known: sent (answer true) or still 'sending' (count the new attempt, answer false)
        return jdbc.update("""
                update partner_effect set attempts = attempts + 1
                where partner = ? and idempotency_key = ? and status = 'sending'""", partner, key) == 0;
    }

    /** The partner answered that it did not execute this key's call: the next try is a first try. */
    public void notSent(String partner, @Header("requestId") String key) {
        jdbc.update("delete from partner_effect where partner = ? and idempotency_key = ? and status = 'sending'",
                partner, key);
    }

    /** The partner accepted the effect of this key. */
    public void sent(String partner, @Header("requestId") String key) {
        jdbc.update("update partner_effect set status = 'sent', sent_at = now() where partner = ? and idempotency_key = ?",
                partner, key);
    }
}
