package org.memberbus.member.join;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.memberbus.finance.dues.DuesPricing;
import org.memberbus.finance.dues.DuesQuote;
import org.memberbus.infra.PoisonMessageException;
import org.memberbus.member.CommunityAccount;
import org.memberbus.member.MemberCommands.Command;
import org.memberbus.member.Membership;
import org.memberbus.member.MembershipLevel;
import org.memberbus.member.MembershipStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The rules of the member join as the routes call them: reads the application and payment events,
 * checks the payment against what the bus quotes for the join (finance.dues.DuesPricing), and computes what completing a join writes to
 * the CRM, the community and the marketing system. Computes only; the route sends.
 */
@Component("memberJoin")
public class MemberJoin {

    /** {@code metadata[purpose]} of the payment intents the community's checkout makes for a join. */
    static final String PURPOSE = "membership_join";
    static final String WELCOME = "welcome";
    static final String PAYMENT_FAILED = "payment-failed";

    private final MembershipPricing pricing;
    private final DuesPricing duesPricing;

    /** With the dues quoted in the org's default time zone (UTC): for tests of the rules. */
    public MemberJoin(MembershipPricing pricing) {
        this(pricing, new DuesPricing(pricing, java.time.ZoneOffset.UTC));
    }

    @Autowired
    public MemberJoin(MembershipPricing pricing, DuesPricing duesPricing) {
        this.pricing = pricing;
        this.duesPricing = duesPricing;
    }

    // ---- reading the events ---------------------------------------------------------------

    /** The application a {@code membership.application_submitted} webhook carries; refused whole if incomplete. */
    public JoinApplication application(Map<String, Object> event) {
        var account = map(event.get("account"));
        var data = map(event.get("data"));
        var problems = new ArrayList<String>();
        var accountId = required(account, "id", "account.id", problems);
        var applicationId = required(data, "applicationId", "data.applicationId", problems);
        var email = required(data, "email", "data.email", problems);
        var lastName = required(data, "lastName", "data.lastName", problems);
        var level = level(data.get("level"), "data.level", problems);
        if (!problems.isEmpty()) {
            throw new PoisonMessageException("membership application " + event.get("id") + " cannot be joined: "
                    + String.join("; ", problems));
        }
        return new JoinApplication(text(event.get("id")), applicationId, accountId, text(account.get("crmContactId")),
                level, email,
                text(data.get("firstName")), lastName, text(data.get("phone")), text(data.get("employer")),
                text(data.get("city")), text(data.get("country")), instant(event.get("created")));
    }

    /** True for a gateway event about the payment intent of a join (checkout metadata purpose). */
    public boolean isJoinPayment(Map<String, Object> event) {
        var metadata = map(map(map(event.get("data")).get("object")).get("metadata"));
        return PURPOSE.equals(metadata.get("purpose"));
    }

    /** The join payment a {@code payment_intent.succeeded} or {@code .payment_failed} event carries. */
    public JoinPayment payment(Map<String, Object> event) {
        var intent = map(map(event.get("data")).get("object"));
        var metadata = map(intent.get("metadata"));
        var problems = new ArrayList<String>();
        var applicationId = required(metadata, "application_id", "metadata.application_id", problems);
        var level = level(metadata.get("level"), "metadata.level", problems);
        var intentId = required(intent, "id", "data.object.id", problems);
        if (!(intent.get("amount") instanceof Number)) {
            problems.add("data.object.amount: missing");
        }
        var currency = required(intent, "currency", "data.object.currency", problems);
        if (!problems.isEmpty()) {
            throw new PoisonMessageException("gateway event " + event.get("id") + " (" + event.get("type")
                    + ") cannot be joined: " + String.join("; ", problems));
        }
        // An ACH debit (us_bank_account) is processing for up to 4 business days before the bank
        // settles or returns it. The join is granted when it is submitted, as Fonteva-based AMSs do
        // with e-checks (the receipt is recorded when the e-check is taken; a bank return is
        // reversed afterwards with a refund receipt, e.g. AIA's Fonteva guide "How to reverse a
        // declined e-check"): a new member should not wait a week for access over a rare return,
        // and a return after granting undoes the membership with a notice
        // (routes/finance-reversals.camel.yaml).
        var succeeded = "payment_intent.succeeded".equals(event.get("type"))
                || "payment_intent.processing".equals(event.get("type"));
        String failure = null;
        if (!succeeded) {
            var error = map(intent.get("last_payment_error"));
            failure = text(error.get("message"));
            if (error.get("decline_code") != null || error.get("code") != null) {
                failure = (failure == null ? "" : failure + " ") + "(" + text(error.getOrDefault("decline_code", error.get("code"))) + ")";
            }
        }
        var created = event.get("created") instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
        return new JoinPayment(text(event.get("id")), succeeded, applicationId, text(metadata.get("community_account_id")),
                level, text(metadata.get("email")), intentId, ((Number) intent.get("amount")).longValue(),
                currency.toUpperCase(Locale.ROOT), text(intent.get("customer")), created, failure,
                "payment_intent.processing".equals(event.get("type")));
    }

    // ---- completing a join ----------------------------------------------------------------

    /**
     * What completing the join writes; refused (with the problem) when the payment does not match
     * the application: another level, another currency, or not the level's dues to the cent.
     */
    public JoinPlan plan(JoinRequest join) {
        var prices = pricing.current();
        var level = MembershipLevel.valueOf(join.level());
        if (join.paymentLevel() != null && !join.paymentLevel().equals(level.name())) {
            return JoinPlan.refused(join, "the payment " + join.paymentIntentId() + " was for " + join.paymentLevel()
                    + " but the application is for " + level);
        }
        if (!prices.currency().equalsIgnoreCase(join.paymentCurrency())) {
            return JoinPlan.refused(join, "the payment " + join.paymentIntentId() + " is in " + join.paymentCurrency()
                    + ", dues are charged in " + prices.currency());
        }
        // what the bus quotes for this join on its start day (GET /api/v1/pricing/dues), to the cent
        var start = join.startDate() != null ? join.startDate() : duesPricing.today();
        var quote = duesPricing.join(level, start);
        if (join.paymentAmount() != quote.amount()) {
            var paid = BigDecimal.valueOf(join.paymentAmount())
                    .movePointLeft(Currency.getInstance(prices.currency()).getDefaultFractionDigits());
            return JoinPlan.refused(join, "the payment " + join.paymentIntentId() + " of " + paid.toPlainString() + " "
                    + prices.currency() + " is not the " + level + " dues of " + duesPricing.money(quote.amount())
                    + (prorated(quote, level) ? " quoted for a join on " + start + " (" + quote.rule() + ")" : ""));
        }
        var end = quote.termEnd();
        var dues = BigDecimal.valueOf(quote.amount(), Currency.getInstance(prices.currency()).getDefaultFractionDigits());
        if (dues.stripTrailingZeros().scale() <= 0) {
            dues = dues.setScale(0); // 295, as the price list says it, not 295.00
        }
        var contact = new LinkedHashMap<String, Object>();
        put(contact, "FirstName", join.applicantField("firstName"));
        put(contact, "LastName", join.applicantField("lastName"));
        put(contact, "Email", join.email());
        put(contact, "Phone", join.applicantField("phone"));
        put(contact, "Employer__c", join.applicantField("employer"));
        put(contact, "MailingCity", join.applicantField("city"));
        put(contact, "MailingCountry", join.applicantField("country"));
        put(contact, "Community_Id__c", join.communityAccountId());
        put(contact, "Gateway_Customer_Id__c", join.gatewayCustomerId());
        contact.put("Membership_Status__c", crmSpelling(MembershipStatus.ACTIVE));
        contact.put("Membership_Level__c", crmSpelling(level));
        contact.put("Membership_Start_Date__c", start.toString());
        contact.put("Membership_End_Date__c", end.toString());
        contact.put("Membership_Dues__c", dues);
        if (!join.returning()) { // a former member keeps their member number and "member since"
            contact.put("Member_Since__c", start.toString());
        }
        return new JoinPlan(join.applicationId(), join.communityAccountId(), join.returning() ? join.crmContactId() : null,
                join.memberNumber(), level, join.email(), join.applicantField("firstName"), start, end, dues,
                join.paymentIntentId(), contact, null);
    }

    /** Not one full term at the level's full dues: the reason then names the proration rule. */
    private boolean prorated(DuesQuote quote, MembershipLevel level) {
        var prices = pricing.current();
        long full = prices.duesFor(level).movePointRight(Currency.getInstance(prices.currency()).getDefaultFractionDigits())
                .longValueExact();
        return quote.amount() != full || !quote.termEnd().equals(prices.endOf(quote.termStart()));
    }

    /** The SOQL that finds the join's Membership__c if an earlier attempt created it already. */
    public String membershipQuery(JoinPlan plan, String contactId) {
        return "SELECT Id FROM Membership__c WHERE Contact__c = '" + soqlText(contactId) + "' AND Start_Date__c = "
                + plan.startDate() + " AND Level__c = '" + crmSpelling(plan.level()) + "'";
    }

    /** The Membership__c the join creates. */
    public Map<String, Object> membership(JoinPlan plan, String contactId) {
        var membership = new LinkedHashMap<String, Object>();
        membership.put("Contact__c", contactId);
        membership.put("Level__c", crmSpelling(plan.level()));
        membership.put("Status__c", crmSpelling(MembershipStatus.ACTIVE));
        membership.put("Start_Date__c", plan.startDate().toString());
        membership.put("End_Date__c", plan.endDate().toString());
        membership.put("Dues__c", plan.dues());
        return membership;
    }

    /** The join's payment as a CRM Payment__c (upserted by Gateway_Payment_Id__c, which is left out here). */
    public Map<String, Object> paymentRecord(JoinRequest join, JoinPlan plan, String contactId) {
        var payment = new LinkedHashMap<String, Object>();
        payment.put("Contact__c", contactId);
        payment.put("Amount__c", plan.dues());
        payment.put("Currency__c", join.paymentCurrency());
        // an ACH debit granted while the bank has not settled it yet (finance: routes/finance-ach.camel.yaml)
        payment.put("Status__c", join.paymentPending() ? "Pending" : "Succeeded");
        payment.put("Type__c", "Dues");
        if (join.paymentPending()) {
            payment.put("Payment_Method__c", "ACH");
        }
        put(payment, "Paid_At__c", join.paidAt() == null ? null : join.paidAt().toString());
        return payment;
    }

    /**
     * The community account linked to the CRM and opened: its CRM id, member number and membership,
     * then the access the CRM status grants (MEMBER; PREMIUM for fellows).
     */
    public List<Command> communityCommands(JoinPlan plan, String contactId) {
        var account = "/api/v1/accounts/" + plan.communityAccountId();
        var patch = new LinkedHashMap<String, Object>();
        patch.put("crmContactId", contactId);
        put(patch, "memberNumber", plan.memberNumber());
        patch.put("membershipStatus", MembershipStatus.ACTIVE.name());
        patch.put("level", plan.level().name());
        patch.put("membershipEndDate", plan.endDate().toString());
        var access = CommunityAccount.accessFor(new Membership(null, plan.level(), MembershipStatus.ACTIVE,
                plan.startDate(), plan.endDate(), plan.dues()));
        return List.of(new Command("community", "PATCH", account, patch),
                new Command("community", "PUT", account + "/access", Map.of("accessLevel", access.name())));
    }

    /** The welcome campaign for the new member (marketing.trigger command; request id welcome:<contact>). */
    public Map<String, Object> welcome(JoinPlan plan, String contactId) {
        var tokens = new LinkedHashMap<String, Object>();
        put(tokens, "firstName", plan.firstName());
        put(tokens, "memberNumber", plan.memberNumber());
        tokens.put("level", crmSpelling(plan.level()));
        tokens.put("membershipEndDate", plan.endDate().toString());
        return campaign(WELCOME, contactId, plan.email(), tokens);
    }

    /**
     * The welcome's idempotency key at the marketing system: one welcome per member; a former
     * member who joins again is welcomed once more, once per application.
     */
    public String welcomeRequestId(JoinPlan plan, String contactId) {
        return WELCOME + ":" + contactId + (plan.returning() ? ":" + plan.applicationId() : "");
    }

    /** The payment-failed notice to the applicant, who has no CRM contact yet: by email. */
    public Map<String, Object> paymentFailedNotice(JoinRequest join, JoinPayment payment) {
        var tokens = new LinkedHashMap<String, Object>();
        put(tokens, "firstName", join.applicantField("firstName"));
        tokens.put("level", crmSpelling(payment.level()));
        tokens.put("amount", BigDecimal.valueOf(payment.amount()).movePointLeft(2).toPlainString() + " " + payment.currency());
        put(tokens, "reason", payment.failure());
        return campaign(PAYMENT_FAILED, null, join.contactEmail(), tokens);
    }

    private static Map<String, Object> campaign(String name, String contactId, String email, Map<String, Object> tokens) {
        var command = new LinkedHashMap<String, Object>();
        command.put("campaign", name);
        command.put("crmContactId", contactId);
        command.put("email", email);
        command.put("tokens", tokens);
        return command;
    }

    // ---- helpers --------------------------------------------------------------------------

    /** How the CRM spells a picklist value: {@code Active}, {@code Professional}. */
    static String crmSpelling(Enum<?> value) {
        var name = value.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String soqlText(String value) {
        return value.replace("\\", "\\\\").replace("'", "\\'");
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            map.put(key, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String required(Map<String, Object> from, String key, String name, List<String> problems) {
        var value = from.get(key);
        if (value == null || value.toString().isBlank()) {
            problems.add(name + ": missing");
            return null;
        }
        return value.toString().trim();
    }

    private static MembershipLevel level(Object value, String name, List<String> problems) {
        if (value == null || value.toString().isBlank()) {
            problems.add(name + ": missing");
            return null;
        }
        try {
            return MembershipLevel.valueOf(value.toString().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(name + ": '" + value + "' is not a membership level " + List.of(MembershipLevel.values()));
            return null;
        }
    }

    private static Instant instant(Object value) {
        try {
            return value == null ? null : Instant.parse(value.toString());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
