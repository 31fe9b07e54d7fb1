package org.memberbus.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the marketing automation's answer. Marketo answers its errors with HTTP 200 and
 * {@code "success": false, "errors": [{"code", "message"}]}, so the HTTP status alone says nothing:
 * 601/602 (token invalid or expired) mean log in again and resend; 606 (100 calls in 20 s), 607
 * (daily quota), 615 (10 concurrent calls) and the transient 6xx (604 timed out, 608 unavailable,
 * 611 system error, 713 transient) mean "slow down"; any other code is a refusal of the request.
 */
@Component("marketoReplies")
public class MarketoReplies {

    public static final String ACCEPTED = "accepted";
    public static final String REAUTHENTICATE = "reauthenticate";
    public static final String NOT_EXECUTED = "notExecuted";
    private static final Logger LOG = LoggerFactory.getLogger(MarketoReplies.class);
    private static final Set<String> TOKEN = Set.of("601", "602");
    private static final Set<String> TRANSIENT = Set.of("604", "608", "611", "713");

    private final ObjectMapper json;

    MarketoReplies(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Reads the answer in the exchange's body into the property {@code marketoReply} (a bean step,
     * so that a slow-down or refusal reaches the error handling as itself, not wrapped in an
     * expression's failure). An error envelope is a call Marketo did not execute: the reply is then
     * {@value #NOT_EXECUTED} and the slow-down or refusal waits in {@code marketoRefusal} for
     * {@link #raise}, so that the sink can first note that nothing ran (the next try is then a
     * first try, not one whose outcome must be checked at Marketo). Anything else that is not
     * accepted (no envelope at all) is thrown at once: whether it ran is unknown.
     */
    public void read(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        try {
            exchange.setProperty("marketoReply", reply(body, exchange.getProperty("marketoFreshToken", Boolean.class)));
        } catch (PartnerSlowDownException | PartnerRefusedException e) {
            if (!errorEnvelope(body)) {
                throw e;
            }
            exchange.setProperty("marketoReply", NOT_EXECUTED);
            exchange.setProperty("marketoRefusal", e);
        }
    }

    /** Throws the slow-down or refusal {@link #read} kept. */
    public void raise(@ExchangeProperty("marketoRefusal") RuntimeException refusal) {
        throw refusal;
    }

    private boolean errorEnvelope(String body) {
        try {
            JsonNode answer = json.readTree(body == null ? "" : body);
            return answer != null && answer.isObject() && !answer.path("success").asBoolean(true);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * {@value #ACCEPTED}, or {@value #REAUTHENTICATE} when the token was refused and the bus had not
     * just logged in ({@code freshToken}); else throws the slow-down or the refusal.
     */
    public String reply(String body, @ExchangeProperty("marketoFreshToken") Boolean freshToken) {
        JsonNode answer;
        try {
            answer = json.readTree(body == null ? "" : body);
        } catch (IOException e) {
            throw new PartnerSlowDownException("marketing answered something that is not Marketo's JSON", null);
        }
        if (answer == null || !answer.isObject()) {
            throw new PartnerSlowDownException("marketing answered no Marketo envelope", null);
        }
        if (answer.path("success").asBoolean(false)) {
            answer.path("result").forEach(r -> {
                if ("skipped".equals(r.path("status").asText())) {
                    LOG.warn("marketing skipped a trigger input: {}", r.path("reasons").findValuesAsText("code"));
                }
            });
            return ACCEPTED;
        }
        JsonNode error = answer.path("errors").path(0);
        String code = error.path("code").asText("");
        String what = "marketing error " + code + ": " + error.path("message").asText("");
        if (TOKEN.contains(code)) {
            if (Boolean.TRUE.equals(freshToken)) {
                throw new PartnerSlowDownException(what + " right after logging in", null);
            }
            return REAUTHENTICATE;
        }
        switch (code) {
            case "606": // 100 calls in a sliding 20 s window: back off, but never longer than the window
                throw new PartnerSlowDownException(what, null, Duration.ofSeconds(20));
            case "615": // 10 calls at once: back off briefly
                throw new PartnerSlowDownException(what, null, Duration.ofSeconds(5));
            case "607": // the daily quota, reset at midnight in the instance's time: the longest wait (the ceiling)
                throw new PartnerSlowDownException(what, Duration.ofDays(1));
            default:
                if (TRANSIENT.contains(code)) {
                    throw new PartnerSlowDownException(what, null);
                }
                throw new PartnerRefusedException(what);
        }
    }
}
