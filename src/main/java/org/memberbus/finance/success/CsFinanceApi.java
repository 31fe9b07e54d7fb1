package org.memberbus.finance.success;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.memberbus.finance.dues.DuesPricing;
import org.memberbus.finance.dues.DuesQuote;
import org.memberbus.finance.dues.MemberTerm;
import org.memberbus.health.RenewalOutlook;
import org.memberbus.member.MembershipLevel;
import org.memberbus.member.join.MembershipPricing;
import org.springframework.stereotype.Component;

/**
 * The answers of the customer-success finance APIs (routes/finance-cs.camel.yaml): a member's
 * value (what the CRM holds of their payments and membership) and the risk-adjusted renewal
 * forecast for a period (memberships due, priced by config/pricing.yaml, weighted by the renewal
 * probability of the health flow). Computes only; the routes ask the CRM. Refusals are
 * {@link CsFinanceException}.
 */
@Component("csFinanceApi")
public class CsFinanceApi {

    private static final Pattern CONTACT_ID = Pattern.compile("003[A-Za-z0-9]{12}([A-Za-z0-9]{3})?");
    /** A forecast covers at most a year and a day (a renewal season, a fiscal year). */
    static final int MAX_PERIOD_DAYS = 366;

    private final DuesPricing pricing;
    private final MembershipPricing prices;
    private final RenewalOutlook outlook;
    private final ObjectMapper json;

    public CsFinanceApi(DuesPricing pricing, MembershipPricing prices, RenewalOutlook outlook, ObjectMapper json) {
        this.pricing = pricing;
        this.prices = prices;
        this.outlook = outlook;
        this.json = json;
    }

    // ---- GET /api/v1/cs-finance/value/{member_id} ---------------------------------------------

    /** The member id checked (it goes into SOQL): 400 otherwise. */
    public String memberId(String memberId) {
        if (memberId == null || !CONTACT_ID.matcher(memberId).matches()) {
            throw new CsFinanceException(400, "member_id must be a CRM contact id (003..., 15 or 18 letters and digits)");
        }
        return memberId;
    }

    /** The SOQL for the member's membership roll-ups (tenure). */
    public String contactQuery(String memberId) {
        return "SELECT Id, Member_Since__c, Membership_Status__c, Membership_Level__c, Membership_Start_Date__c,"
                + " Membership_End_Date__c FROM Contact WHERE Id = '" + memberId(memberId) + "'";
    }

    /** The SOQL for every payment of the member (the CRM is their system of record). */
    public String paymentsQuery(String memberId) {
        return "SELECT Id, Amount__c, Currency__c, Status__c, Type__c, Paid_At__c, Refunded_Amount__c"
                + " FROM Payment__c WHERE Contact__c = '" + memberId(memberId) + "' ORDER BY Paid_At__c";
    }

    /** 404 when the CRM has no such contact; the contact record otherwise. */
    public Map<?, ?> contact(String memberId, Map<?, ?> contactQuery) {
        List<?> records = contactQuery == null ? null : (List<?>) contactQuery.get("records");
        if (records == null || records.isEmpty() || !(records.get(0) instanceof Map<?, ?> contact)) {
            throw new CsFinanceException(404, "no CRM contact " + memberId);
        }
        return contact;
    }

    /** The member's value from the contact and the SOQL answer of their payments. */
    public Map<String, Object> value(String memberId, Map<?, ?> contact, Map<?, ?> paymentsQuery) {
        List<?> payments = paymentsQuery == null || paymentsQuery.get("records") == null ? List.of()
                : (List<?>) paymentsQuery.get("records");
        return MemberValue.of(memberId, contact, payments, prices.current().currency(), pricing.today());
    }

    // ---- POST /api/v1/cs-finance/forecast -----------------------------------------------------

    /** A forecast asked for: the period (both days included) and the level, null for all. */
    public record ForecastRequest(LocalDate from, LocalDate to, MembershipLevel level) {}

    /** The request body checked: 400 with every reason. */
    public ForecastRequest forecastRequest(String body) {
        JsonNode request;
        try {
            request = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            request = null;
        }
        if (request == null || !request.isObject()) {
            throw new CsFinanceException(400, "the body must be a JSON object {\"from\": date, \"to\": date, \"level\": optional}");
        }
        List<String> problems = new ArrayList<>();
        LocalDate from = date(request, "from", problems);
        LocalDate to = date(request, "to", problems);
        if (from != null && to != null) {
            if (to.isBefore(from)) {
                problems.add("the period ends (to " + to + ") before it starts (from " + from + ")");
            } else if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_PERIOD_DAYS) {
                problems.add("the period is " + (ChronoUnit.DAYS.between(from, to) + 1) + " days, at most "
                        + MAX_PERIOD_DAYS + " are forecast at once");
            }
        }
        MembershipLevel level = null;
        JsonNode levelNode = request.get("level");
        if (levelNode != null && !levelNode.isNull()) {
            try {
                level = MembershipLevel.valueOf(levelNode.asText().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("level: '" + levelNode.asText() + "' is not one of " + List.of(MembershipLevel.values()));
            }
        }
        var unknown = new ArrayList<String>();
        request.fieldNames().forEachRemaining(f -> {
            if (!List.of("from", "to", "level").contains(f)) {
                unknown.add(f);
            }
        });
        if (!unknown.isEmpty()) {
            problems.add("unknown fields " + unknown + " (from, to, level)");
        }
        if (!problems.isEmpty()) {
            throw new CsFinanceException(400, String.join("; ", problems));
        }
        return new ForecastRequest(from, to, level);
    }

    /** The forecast: every active membership ending in the period, at its renewal quote, weighted. */
    public Map<String, Object> forecast(ForecastRequest request) {
        List<RenewalForecast.Line> lines = new ArrayList<>();
        for (RenewalOutlook.Due due : outlook.due(request.from(), request.to(), request.level())) {
            // the renewal continues the day after the current term ends, priced as the community would quote it
            DuesQuote quote = pricing.renewal(due.level(), new MemberTerm(due.level(), "Active", null, due.renewalDate()),
                    due.renewalDate());
            lines.add(new RenewalForecast.Line(due.memberId(), due.level().name(), due.renewalDate(), quote.amount(),
                    due.probability(), due.risk(), due.score(), due.band().label(), due.playbook()));
        }
        return RenewalForecast.of(request.from(), request.to(), request.level() == null ? null : request.level().name(),
                prices.current().currency().toUpperCase(Locale.ROOT), lines);
    }

    private static LocalDate date(JsonNode request, String field, List<String> problems) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull() || node.asText().isBlank()) {
            problems.add(field + ": missing (an ISO date, YYYY-MM-DD)");
            return null;
        }
        try {
            return LocalDate.parse(node.asText().trim());
        } catch (DateTimeParseException e) {
            problems.add(field + ": '" + node.asText() + "' is not an ISO date (YYYY-MM-DD)");
            return null;
        }
    }

    // ---- refusals -----------------------------------------------------------------------------

    /** {@code {"status": 4xx, "error": reason}} (the refusal may come wrapped by Camel). */
    public Map<String, Object> problem(Throwable e) {
        CsFinanceException refusal = refusal(e);
        var body = new LinkedHashMap<String, Object>();
        body.put("status", refusal == null ? 500 : refusal.status());
        body.put("error", refusal == null ? String.valueOf(e) : refusal.getMessage());
        return body;
    }

    public int statusOf(Throwable e) {
        CsFinanceException refusal = refusal(e);
        return refusal == null ? 500 : refusal.status();
    }

    private static CsFinanceException refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CsFinanceException c) {
                return c;
            }
        }
        return null;
    }
}
