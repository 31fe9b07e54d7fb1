package org.memberbus.finance.refunds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A member's refund request from the community ({@code POST /api/v1/refunds}): read and checked,
 * then decided by the {@link RefundPolicy} against the payment as the gateway holds it (amount,
 * what was refunded, when it was paid, what for) and the CRM's record of whose payment it is. An
 * eligible refund becomes the gateway command {@code POST /v1/refunds} under a deterministic
 * {@code Idempotency-Key}, so asking twice, or a command delivered twice, refunds once.
 */
@Component
public class RefundRequests {

    private static final Pattern CONTACT = Pattern.compile("003[A-Za-z0-9]{12}([A-Za-z0-9]{3})?");
    private static final Pattern INTENT = Pattern.compile("pi_[A-Za-z0-9]{1,64}");
    private static final Pattern CHARGE = Pattern.compile("(ch|py)_[A-Za-z0-9]{1,64}");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    /** What the community asks: whose payment, which one (intent or charge), why, optionally how much (minor units). */
    public record RefundRequest(String crmContactId, String paymentIntent, String charge, String reason, Long amount,
                                String requestId) {

        /** The gateway path that reads the payment with what the decision needs expanded. */
        public String gatewayPath() {
            return paymentIntent != null ? "/v1/payment_intents/" + paymentIntent : "/v1/charges/" + charge;
        }

        public String gatewayQuery() {
            return paymentIntent != null ? "expand%5B%5D=latest_charge" : "expand%5B%5D=payment_intent";
        }
    }

    /** The decision, the answer to the community, and (when granted) the gateway command. */
    public record RefundDecision(int status, String decision, long amount, String currency, String rule,
                                 String crmContactId, String paymentIntent, String charge, String purpose,
                                 String idempotencyKey, String form) {

        public boolean granted() {
            return "granted".equals(decision);
        }

        public Map<String, Object> answer() {
            var answer = new LinkedHashMap<String, Object>();
            answer.put("decision", decision);
            answer.put("rule", rule);
            if (paymentIntent != null) {
                answer.put("paymentIntent", paymentIntent);
            }
            if (granted()) {
                answer.put("amount", amount);
                answer.put("currency", currency);
                answer.put("refundKey", idempotencyKey);
            }
            return answer;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final RefundPolicy policy;
    private final Clock clock;
    private final ZoneId zone;

    @Autowired
    public RefundRequests(RefundPolicy policy, @Value("${memberbus.lifecycle.time-zone:UTC}") String zone) {
        this(policy, Clock.systemUTC(), ZoneId.of(zone));
    }

    RefundRequests(RefundPolicy policy, Clock clock, ZoneId zone) {
        this.policy = policy;
        this.clock = clock;
        this.zone = zone;
    }

    /** The request body, checked; a bad one is an {@link IllegalArgumentException} with the reason (400). */
    public RefundRequest read(String body) {
        JsonNode node;
        try {
            node = json.readTree(body == null ? "" : body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        String contact = text(node, "crmContactId");
        String intent = text(node, "paymentIntent");
        String charge = text(node, "charge");
        String reason = text(node, "reason");
        String requestId = text(node, "requestId");
        if (contact == null || !CONTACT.matcher(contact).matches()) {
            throw new IllegalArgumentException("crmContactId: the member's CRM contact id (003...) is required");
        }
        if ((intent == null) == (charge == null)) {
            throw new IllegalArgumentException("give one of paymentIntent (pi_...) or charge (ch_...)");
        }
        if (intent != null && !INTENT.matcher(intent).matches()) {
            throw new IllegalArgumentException("paymentIntent: a gateway payment intent id (pi_...)");
        }
        if (charge != null && !CHARGE.matcher(charge).matches()) {
            throw new IllegalArgumentException("charge: a gateway charge id (ch_... or py_...)");
        }
        if (reason == null) {
            throw new IllegalArgumentException("reason: why the member asks for the refund is required");
        }
        if (reason.length() > 500) {
            throw new IllegalArgumentException("reason: at most 500 characters");
        }
        if (requestId != null && !REQUEST_ID.matcher(requestId).matches()) {
            throw new IllegalArgumentException("requestId: up to 100 letters, digits and _.:-");
        }
        Long amount = null;
        if (node.hasNonNull("amount")) {
            if (!node.get("amount").canConvertToLong() || !node.get("amount").isIntegralNumber() || node.get("amount").asLong() <= 0) {
                throw new IllegalArgumentException("amount: a positive whole number of minor units (cents)");
            }
            amount = node.get("amount").asLong();
        }
        return new RefundRequest(contact, intent, charge, reason, amount, requestId);
    }

    /** The SOQL that finds the CRM's record of the payment (by its gateway id, as the join writes it). */
    public String crmQuery(RefundRequest request, String gatewayBody) throws IOException {
        String key = request.paymentIntent();
        if (key == null) {
            JsonNode charge = gatewayBody == null || gatewayBody.isBlank() ? null : json.readTree(gatewayBody);
            JsonNode intent = charge == null ? null : charge.path("payment_intent");
            key = intent != null && intent.isObject() ? intent.path("id").asText() : request.charge();
        }
        if (!INTENT.matcher(key).matches() && !CHARGE.matcher(key).matches()) {
            key = request.charge();
        }
        return "SELECT Id, Contact__c FROM Payment__c WHERE Gateway_Payment_Id__c = '" + key + "'";
    }

    /**
     * Decides a request against the gateway's answer about the payment ({@code gatewayStatus} and
     * body) and the CRM's {@code Payment__c} rows for it.
     */
    public RefundDecision decide(RefundRequest request, int gatewayStatus, String gatewayBody, Map<String, Object> crm)
            throws IOException {
        if (gatewayStatus == 404) {
            return notFound(request);
        }
        if (gatewayStatus != 200) {
            throw new IllegalStateException("the gateway answered " + gatewayStatus + " reading the payment");
        }
        JsonNode payment = json.readTree(gatewayBody);
        JsonNode intent = payment.path("object").asText().equals("charge") ? payment.path("payment_intent") : payment;
        JsonNode charge = payment.path("object").asText().equals("charge") ? payment : payment.path("latest_charge");
        String intentId = intent.isObject() ? intent.path("id").asText(null) : null;
        var metadata = charge.isObject() ? charge.path("metadata") : intent.path("metadata");
        if (!ownedBy(request.crmContactId(), metadata, crm)) {
            return notFound(request);
        }
        String purpose = metadata.path("purpose").asText(null);
        if (!charge.isObject()) {
            return denied(request, intentId, null, purpose, "the payment has no charge to refund (status "
                    + intent.path("status").asText() + ")");
        }
        String chargeId = charge.path("id").asText();
        if (!"succeeded".equals(charge.path("status").asText())) {
            return denied(request, intentId, chargeId, purpose, "the payment has not succeeded (charge "
                    + charge.path("status").asText() + "); nothing was taken to refund yet");
        }
        if (charge.path("disputed").asBoolean()) {
            return denied(request, intentId, chargeId, purpose, "the payment is disputed at the member's bank; the dispute decides");
        }
        long amount = charge.path("amount").asLong();
        long refunded = charge.path("amount_refunded").asLong();
        LocalDate paidOn = Instant.ofEpochSecond(charge.path("created").asLong()).atZone(zone).toLocalDate();
        var outcome = policy.decide(purpose, amount, refunded, paidOn, date(metadata, "term_start"),
                date(metadata, "term_end"), LocalDate.now(clock.withZone(zone)), request.amount());
        if (!outcome.granted()) {
            return denied(request, intentId, chargeId, purpose, outcome.rule());
        }
        String key = request.requestId() != null ? "refund-" + request.requestId()
                : "refund-" + (intentId != null ? intentId : chargeId) + "-" + refunded + "-" + outcome.amount();
        var form = new LinkedHashMap<String, String>();
        if (intentId != null) {
            form.put("payment_intent", intentId);
        } else {
            form.put("charge", chargeId);
        }
        form.put("amount", Long.toString(outcome.amount()));
        form.put("reason", "requested_by_customer");
        form.put("metadata[crm_contact_id]", request.crmContactId());
        form.put("metadata[refund_key]", key);
        form.put("metadata[refund_rule]", outcome.rule().length() > 500 ? outcome.rule().substring(0, 500) : outcome.rule());
        return new RefundDecision(202, "granted", outcome.amount(), charge.path("currency").asText(), outcome.rule(),
                request.crmContactId(), intentId, chargeId, purpose, key, encode(form));
    }

    private static boolean ownedBy(String contact, JsonNode metadata, Map<String, Object> crm) {
        if (contact.equals(metadata.path("crm_contact_id").asText(null))) {
            return true;
        }
        if (crm != null && crm.get("records") instanceof List<?> records) {
            return records.stream().anyMatch(r -> r instanceof Map<?, ?> m && contact.equals(m.get("Contact__c")));
        }
        return false;
    }

    private static RefundDecision notFound(RefundRequest request) {
        return new RefundDecision(404, "unknown", 0, null, "no such payment for this member", request.crmContactId(),
                request.paymentIntent(), request.charge(), null, null, null);
    }

    private static RefundDecision denied(RefundRequest request, String intent, String charge, String purpose, String rule) {
        return new RefundDecision(200, "denied", 0, null, rule, request.crmContactId(), intent, charge, purpose, null, null);
    }

    private static LocalDate date(JsonNode metadata, String field) {
        String value = metadata.path(field).asText(null);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + ": must be a string");
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
