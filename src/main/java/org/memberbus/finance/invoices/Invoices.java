package org.memberbus.finance.invoices;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.memberbus.finance.dues.DuesApiException;
import org.memberbus.member.renewal.RenewalPayment;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Check and purchase-order invoices (issue 9): a member who pays by check, or an employer paying
 * against a purchase order with net terms, gets an invoice in the CRM (Invoice__c) instead of a
 * gateway checkout. Nothing is bought by the invoice itself: a membership renewal follows the
 * invoice's payment, whenever it comes (a check staff record, or any gateway payment naming the
 * invoice in {@code metadata.invoice_number}). The bus keeps its own record (table
 * finance_invoice): asked for once per request id, paid once.
 */
@Component("invoices")
public class Invoices {

    static final Set<String> PURPOSES = Set.of("membership_renewal", "donation", "event_fee", "certification_fee");
    static final Set<String> METHODS = Set.of("check", "purchase_order");
    private static final Pattern CONTACT_ID = Pattern.compile("003[A-Za-z0-9]{12}([A-Za-z0-9]{3})?");
    private static final Pattern CAMPAIGN_ID = Pattern.compile("701[A-Za-z0-9]{12}([A-Za-z0-9]{3})?");
    private static final Pattern TEXT_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _./-]{0,39}");
    private static final Pattern NUMBER = Pattern.compile("INV-[0-9]{6,}");
    private static final int CHECK_DUE_DAYS = 30;

    /** What the community (or staff) asked for, checked. */
    public record InvoiceRequest(String contactId, String purpose, String level, String method, String poNumber,
                                 int netTermsDays, String requestId, Long amount, String campaignId) {
        public boolean renewal() {
            return purpose.equals("membership_renewal");
        }
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    Invoices(DataSource dataSource, @Value("${memberbus.lifecycle.time-zone:UTC}") ZoneId zone) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.clock = Clock.system(zone);
    }

    // ---- opening an invoice -------------------------------------------------------------------

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A JSON object body, or 400. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> parse(String body) {
        try {
            var parsed = body == null || body.isBlank() ? null : JSON.readValue(body, Object.class);
            if (parsed instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DuesApiException(400, "the body is not JSON: " + e.getOriginalMessage());
        }
        throw new DuesApiException(400, "a JSON object is required");
    }

    /** The request body checked: 400 with every reason. */
    public InvoiceRequest request(Map<String, Object> body) {
        if (body == null) {
            throw new DuesApiException(400, "a JSON object is required");
        }
        var problems = new ArrayList<String>();
        String contact = text(body.get("crmContactId"));
        if (contact == null || !CONTACT_ID.matcher(contact).matches()) {
            problems.add("crmContactId: a CRM contact id (003..., 15 or 18 characters) is required");
        }
        String purpose = text(body.get("purpose"));
        if (purpose == null || !PURPOSES.contains(purpose)) {
            problems.add("purpose: one of " + PURPOSES.stream().sorted().toList() + " is required");
        }
        String method = text(body.get("method"));
        if (method == null || !METHODS.contains(method)) {
            problems.add("method: check or purchase_order is required");
        }
        String po = text(body.get("poNumber"));
        if ("purchase_order".equals(method) && (po == null || !TEXT_KEY.matcher(po).matches())) {
            problems.add("poNumber: the purchase order's number is required (letters, digits, space, _ . / -; at most 40)");
        }
        if ("check".equals(method) && po != null) {
            problems.add("poNumber: only for method purchase_order");
        }
        int netTerms = CHECK_DUE_DAYS;
        if (body.get("netTermsDays") != null) {
            if (body.get("netTermsDays") instanceof Number n && n.intValue() >= 0 && n.intValue() <= 120 && n.doubleValue() == n.intValue()) {
                netTerms = n.intValue();
            } else {
                problems.add("netTermsDays: a whole number of days from 0 to 120");
            }
        }
        String level = text(body.get("level"));
        if ("membership_renewal".equals(purpose)) {
            if (level == null || !Set.of("STUDENT", "ASSOCIATE", "PROFESSIONAL", "FELLOW").contains(level.toUpperCase(Locale.ROOT))) {
                problems.add("level: the membership level renewed is required (STUDENT, ASSOCIATE, PROFESSIONAL or FELLOW)");
            } else {
                level = level.toUpperCase(Locale.ROOT);
            }
        } else if (level != null) {
            problems.add("level: only for purpose membership_renewal");
        }
        Long amount = null;
        if (body.get("amount") != null) {
            if (body.get("amount") instanceof Number n && n.longValue() > 0 && n.doubleValue() == n.longValue()) {
                amount = n.longValue();
            } else {
                problems.add("amount: a positive whole number of cents");
            }
        } else if (purpose != null && !"membership_renewal".equals(purpose)) {
            problems.add("amount: required (cents) for " + purpose);
        }
        String campaign = text(body.get("campaignId"));
        if (campaign != null && (!"donation".equals(purpose) || !CAMPAIGN_ID.matcher(campaign).matches())) {
            problems.add("campaignId: a CRM Campaign id (701...), for a donation only");
        }
        String requestId = text(body.get("requestId"));
        if (requestId == null || requestId.length() > 100) {
            problems.add("requestId: required (at most 100 characters): the same request id opens one invoice");
        }
        if (!problems.isEmpty()) {
            throw new DuesApiException(400, String.join("; ", problems));
        }
        return new InvoiceRequest(contact, purpose, level, method, po, netTerms, requestId, amount, campaign);
    }

    /** A donation's campaign the CRM does not have: 422 (its payment could not be credited to it). */
    public void requireCampaign(InvoiceRequest request, boolean found) {
        if (!found) {
            throw new DuesApiException(422, "campaignId: no CRM Campaign " + request.campaignId());
        }
    }

    /**
     * The invoice, opened once per request id: a renewal's amount is the dues quoted for renewing
     * now (the dues quote's answer, {@code quote}); an amount given with it must be that one.
     */
    public Map<String, Object> open(InvoiceRequest request, Map<String, Object> quote) {
        var existing = byRequest(request.requestId());
        if (existing != null) {
            return existing;
        }
        long amount;
        LocalDate termStart = null;
        LocalDate termEnd = null;
        if (request.renewal()) {
            if (quote == null || !"renewal".equals(quote.get("kind"))) {
                throw new DuesApiException(422, "a renewal of " + request.level() + " is not what " + request.contactId()
                        + " can buy now (" + (quote == null ? "no quote" : quote.get("kind") + ": " + quote.get("rule"))
                        + "); a level change is paid at the gateway");
            }
            amount = ((Number) quote.get("amount")).longValue();
            if (request.amount() != null && request.amount() != amount) {
                throw new DuesApiException(422, "amount " + request.amount() + " is not the " + amount
                        + " quoted for renewing (" + quote.get("rule") + ")");
            }
            termStart = LocalDate.parse(String.valueOf(quote.get("termStart")));
            termEnd = LocalDate.parse(String.valueOf(quote.get("termEnd")));
        } else {
            amount = request.amount();
        }
        LocalDate today = LocalDate.now(clock);
        long sequence = jdbc.getJdbcTemplate().queryForObject("select nextval('finance_invoice_seq')", Long.class);
        jdbc.update("""
                insert into finance_invoice (number, request_id, contact_id, purpose, level, campaign_id, amount, currency,
                                             method, po_number, net_terms_days, due_date, term_start, term_end)
                values (:number, :requestId, :contact, :purpose, :level, :campaign, :amount, 'USD', :method, :po,
                        :netTerms, :due, :termStart, :termEnd)
                on conflict (request_id) do nothing""", new MapSqlParameterSource()
                .addValue("number", String.format("INV-%06d", sequence))
                .addValue("requestId", request.requestId())
                .addValue("contact", request.contactId())
                .addValue("purpose", request.purpose())
                .addValue("level", request.level())
                .addValue("campaign", request.campaignId())
                .addValue("amount", amount)
                .addValue("method", request.method())
                .addValue("po", request.poNumber())
                .addValue("netTerms", request.method().equals("purchase_order") ? request.netTermsDays() : null)
                .addValue("due", Date.valueOf(today.plusDays(request.netTermsDays())))
                .addValue("termStart", termStart == null ? null : Date.valueOf(termStart))
                .addValue("termEnd", termEnd == null ? null : Date.valueOf(termEnd)));
        return byRequest(request.requestId());
    }

    /** The invoice in the CRM (Invoice__c, upserted by Number__c, which is left out here). */
    public Map<String, Object> crmInvoice(Map<String, Object> invoice) {
        var record = new LinkedHashMap<String, Object>();
        record.put("Contact__c", invoice.get("contact_id"));
        record.put("Amount__c", money(invoice));
        record.put("Status__c", invoice.get("paid_at") == null ? "Open" : "Paid");
        record.put("Due_Date__c", invoice.get("due_date").toString());
        record.put("Payment_Method__c", "check".equals(invoice.get("method")) ? "Check" : "Purchase Order");
        if (invoice.get("po_number") != null) {
            record.put("PO_Number__c", invoice.get("po_number"));
        }
        if (invoice.get("net_terms_days") != null) {
            record.put("Net_Terms_Days__c", ((Number) invoice.get("net_terms_days")).doubleValue());
        }
        record.put("Purpose__c", invoice.get("purpose"));
        if (invoice.get("level") != null) {
            record.put("Level__c", title(String.valueOf(invoice.get("level"))));
        }
        if (invoice.get("paid_at") != null) {
            record.put("Paid_Amount__c", money(invoice));
            record.put("Paid_At__c", instant(invoice.get("paid_at")).toString());
            record.put("Paid_By__c", invoice.get("paid_by"));
        }
        return record;
    }

    // ---- paying it ----------------------------------------------------------------------------

    /** A check staff received for the invoice: recorded once; the same check again answers the same. */
    public Map<String, Object> recordCheck(String number, Map<String, Object> body) {
        var invoice = find(number);
        if (body == null) {
            throw new DuesApiException(400, "a JSON object is required");
        }
        var problems = new ArrayList<String>();
        if (!"check".equals(text(body.get("method")))) {
            problems.add("method: check (a card or bank payment goes through the gateway with metadata invoice_number)");
        }
        String check = text(body.get("checkNumber"));
        if (check == null || !TEXT_KEY.matcher(check).matches() || check.contains(" ")) {
            problems.add("checkNumber: the check's number is required (letters, digits, _ . / -; at most 40)");
        }
        long amount = ((Number) invoice.get("amount")).longValue();
        if (!(body.get("amount") instanceof Number n) || n.longValue() != amount || n.doubleValue() != n.longValue()) {
            problems.add("amount: the invoice's " + amount + " cents (a check for another amount is for staff to settle)");
        }
        if (!problems.isEmpty()) {
            throw new DuesApiException(400, String.join("; ", problems));
        }
        String key = "check_" + number + "_" + check.replaceAll("[^A-Za-z0-9_-]", "-");
        paid(invoice, key, "Check", check, clock.instant());
        return find(number);
    }

    /**
     * A gateway payment naming the invoice ({@code metadata.invoice_number}) that succeeded: the
     * invoice paid by it (answered), or null when the event names none or the invoice is paid by
     * another payment already (logged by the route: one of them is for staff to refund).
     */
    public Map<String, Object> gatewayPayment(Map<String, Object> event) {
        if (!(event.get("data") instanceof Map<?, ?> data) || !(data.get("object") instanceof Map<?, ?> intent)
                || !(intent.get("metadata") instanceof Map<?, ?> metadata)
                || !(metadata.get("invoice_number") instanceof String number) || !NUMBER.matcher(number.trim()).matches()) {
            return null;
        }
        var invoice = byNumber(number.trim());
        if (invoice == null) {
            return null;
        }
        String method = intent.get("payment_method_types") instanceof List<?> types && types.contains("us_bank_account")
                && !types.contains("card") ? "ACH" : "Card";
        Instant at = event.get("created") instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : clock.instant();
        paid(invoice, String.valueOf(intent.get("id")), method, null, at);
        return find(number.trim());
    }

    private void paid(Map<String, Object> invoice, String key, String method, String check, Instant at) {
        int updated = jdbc.update("""
                update finance_invoice set paid_by = :key, paid_method = :method, check_number = :check, paid_at = :at
                where number = :number and paid_by is null""", new MapSqlParameterSource()
                .addValue("key", key).addValue("method", method).addValue("check", check)
                .addValue("at", Timestamp.from(at)).addValue("number", invoice.get("number")));
        if (updated == 0 && !key.equals(find(String.valueOf(invoice.get("number"))).get("paid_by"))) {
            throw new DuesApiException(409, "invoice " + invoice.get("number") + " is paid already by "
                    + find(String.valueOf(invoice.get("number"))).get("paid_by"));
        }
    }

    /** Whether a paid invoice was paid by this payment (not by another one). */
    public boolean paidBy(Map<String, Object> invoice, String key) {
        return invoice != null && key != null && key.equals(invoice.get("paid_by"));
    }

    /** The check's CRM transaction (Payment__c, upserted by Gateway_Payment_Id__c = the payment key), linked to its invoice. */
    public Map<String, Object> checkPaymentRecord(Map<String, Object> invoice) {
        var record = new LinkedHashMap<String, Object>();
        record.put("Contact__c", invoice.get("contact_id"));
        record.put("Amount__c", money(invoice));
        record.put("Currency__c", invoice.get("currency"));
        record.put("Status__c", "Succeeded");
        record.put("Type__c", switch (String.valueOf(invoice.get("purpose"))) {
            case "membership_renewal" -> "Dues";
            case "donation" -> "Donation";
            case "event_fee" -> "Event";
            default -> "Certification";
        });
        record.put("Payment_Method__c", "Check");
        record.put("Check_Number__c", invoice.get("check_number"));
        record.put("Invoice__r", Map.of("Number__c", invoice.get("number")));
        if (invoice.get("campaign_id") != null) {
            record.put("Campaign__c", invoice.get("campaign_id"));
        }
        record.put("Paid_At__c", instant(invoice.get("paid_at")).toString());
        return record;
    }

    /** What the ledger books the check as (the metadata a gateway payment of the same purpose carries). */
    public Map<String, Object> ledgerMetadata(Map<String, Object> invoice) {
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("purpose", invoice.get("purpose"));
        metadata.put("crm_contact_id", invoice.get("contact_id"));
        if (invoice.get("level") != null) {
            metadata.put("level", String.valueOf(invoice.get("level")).toLowerCase(Locale.ROOT));
        }
        if (invoice.get("term_start") != null) {
            metadata.put("term_start", invoice.get("term_start").toString());
            metadata.put("term_end", invoice.get("term_end").toString());
        }
        return metadata;
    }

    public LocalDate paidOn(Map<String, Object> invoice) {
        return LocalDate.ofInstant(instant(invoice.get("paid_at")), clock.getZone());
    }

    /**
     * The renewal a paid check buys, for the renewal flow to apply (checked against the dues quoted
     * then, the term from the membership as it is then: a check paid late renews from when it came).
     */
    public RenewalPayment renewalPayment(Map<String, Object> invoice) {
        return new RenewalPayment(String.valueOf(invoice.get("paid_by")), "invoice:" + invoice.get("number"),
                String.valueOf(invoice.get("contact_id")), ((Number) invoice.get("amount")).longValue(),
                String.valueOf(invoice.get("currency")), String.valueOf(invoice.get("level")), null, null);
    }

    // ---- reading ------------------------------------------------------------------------------

    /** The invoice by number: 404 when there is none. */
    public Map<String, Object> find(String number) {
        var invoice = number == null || !NUMBER.matcher(number).matches() ? null : byNumber(number);
        if (invoice == null) {
            throw new DuesApiException(404, "no invoice " + number);
        }
        return invoice;
    }

    /** The API's view of an invoice. */
    public Map<String, Object> answer(Map<String, Object> invoice) {
        var answer = new LinkedHashMap<String, Object>();
        answer.put("number", invoice.get("number"));
        answer.put("status", invoice.get("paid_at") == null ? "open" : "paid");
        answer.put("crmContactId", invoice.get("contact_id"));
        answer.put("purpose", invoice.get("purpose"));
        answer.put("level", invoice.get("level"));
        answer.put("amount", ((Number) invoice.get("amount")).longValue());
        answer.put("currency", invoice.get("currency"));
        answer.put("method", invoice.get("method"));
        answer.put("poNumber", invoice.get("po_number"));
        answer.put("netTermsDays", invoice.get("net_terms_days"));
        answer.put("dueDate", invoice.get("due_date").toString());
        answer.put("paidBy", invoice.get("paid_by"));
        answer.put("paidMethod", invoice.get("paid_method"));
        answer.put("paidAt", invoice.get("paid_at") == null ? null : instant(invoice.get("paid_at")).toString());
        return answer;
    }

    private Map<String, Object> byRequest(String requestId) {
        var rows = jdbc.queryForList("select * from finance_invoice where request_id = :id", Map.of("id", requestId));
        return rows.isEmpty() ? null : rows.get(0);
    }

    private Map<String, Object> byNumber(String number) {
        var rows = jdbc.queryForList("select * from finance_invoice where number = :n", Map.of("n", number));
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static BigDecimal money(Map<String, Object> invoice) {
        return BigDecimal.valueOf(((Number) invoice.get("amount")).longValue(), 2);
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp t ? t.toInstant() : value instanceof java.time.OffsetDateTime o ? o.toInstant()
                : Instant.parse(String.valueOf(value));
    }

    private static String title(String level) {
        var lower = level.toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}
