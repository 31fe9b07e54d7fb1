package org.memberbus.finance.donations;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Donations (issue 9): which gateway events are donations, and the CRM transaction each becomes.
 * Metadata (Stripe's, from the community's checkout): {@code purpose=donation}, {@code crm_contact_id}
 * when the donor is known, {@code campaign_id} (a Salesforce Campaign id) the gift is credited to,
 * {@code email} for the receipt. A recurring donation is a Stripe subscription carrying that
 * metadata; Stripe copies it to each invoice's {@code parent.subscription_details.metadata}, and the
 * invoice's payment intent carries none, so each charge is read from its {@code invoice.paid}.
 */
@Component("donations")
public class Donations {

    private static final Logger LOG = LoggerFactory.getLogger(Donations.class);
    private static final Pattern CONTACT_ID = Pattern.compile("003[A-Za-z0-9]{12}([A-Za-z0-9]{3})?");
    private static final Pattern CAMPAIGN_ID = Pattern.compile("701[A-Za-z0-9]{12}([A-Za-z0-9]{3})?");

    /** The donation in a Stripe event ({@code payment_intent.succeeded} or {@code invoice.paid}), or null. */
    public Donation of(Map<String, Object> event) {
        if (event == null || !(event.get("data") instanceof Map<?, ?> data) || !(data.get("object") instanceof Map<?, ?> object)
                || !(object.get("id") instanceof String id)) {
            return null;
        }
        String type = String.valueOf(event.get("type"));
        Map<?, ?> metadata;
        long amount;
        String method = "Card";
        String subscription = null;
        if (type.equals("payment_intent.succeeded")) {
            metadata = map(object.get("metadata"));
            amount = number(object.get("amount_received"), number(object.get("amount"), 0));
            if (object.get("payment_method_types") instanceof List<?> types && types.contains("us_bank_account")
                    && !types.contains("card")) {
                method = "ACH";
            }
        } else if (type.equals("invoice.paid")) {
            var parent = map(object.get("parent"));
            var details = parent == null ? null : map(parent.get("subscription_details"));
            metadata = details == null ? null : map(details.get("metadata"));
            subscription = details == null ? null : text(details.get("subscription"));
            amount = number(object.get("amount_paid"), 0);
        } else {
            return null;
        }
        if (metadata == null || !"donation".equals(text(metadata.get("purpose")))) {
            return null;
        }
        String contact = text(metadata.get("crm_contact_id"));
        if (contact != null && !CONTACT_ID.matcher(contact).matches()) {
            LOG.warn("donation {}: crm_contact_id is not a Contact id; recorded without a donor", id);
            contact = null;
        }
        String campaign = text(metadata.get("campaign_id"));
        if (campaign != null && !CAMPAIGN_ID.matcher(campaign).matches()) {
            LOG.warn("donation {}: campaign_id is not a Campaign id; recorded without a campaign", id);
            campaign = null;
        }
        long paidAt = number(event.get("created"), Instant.now().getEpochSecond());
        String currency = object.get("currency") == null ? "usd" : object.get("currency").toString();
        return new Donation(id, String.valueOf(event.get("id")), contact, campaign, amount, currency, paidAt,
                text(metadata.get("email")), method, subscription);
    }

    /** Whether the CRM's answer to the campaign query found the campaign. */
    public boolean campaignFound(Map<String, Object> answer) {
        return answer != null && answer.get("totalSize") instanceof Number n && n.intValue() > 0;
    }

    /** The CRM transaction (Payment__c, upserted by Gateway_Payment_Id__c), linked to its campaign when found. */
    public Map<String, Object> paymentRecord(Donation donation, boolean campaignFound) {
        if (donation.hasCampaign() && !campaignFound) {
            LOG.warn("donation {}: campaign {} is not in the CRM; recorded without a campaign for staff to credit",
                    donation.paymentId(), donation.campaignId());
        }
        var record = new LinkedHashMap<String, Object>();
        if (donation.contactId() != null) {
            record.put("Contact__c", donation.contactId());
        }
        if (donation.hasCampaign() && campaignFound) {
            record.put("Campaign__c", donation.campaignId());
        }
        String currency = donation.currency().toUpperCase(Locale.ROOT);
        record.put("Amount__c", BigDecimal.valueOf(donation.amount(), Currency.getInstance(currency).getDefaultFractionDigits()));
        record.put("Currency__c", currency);
        record.put("Status__c", "Succeeded");
        record.put("Type__c", "Donation");
        record.put("Payment_Method__c", donation.method());
        record.put("Paid_At__c", Instant.ofEpochSecond(donation.paidAt()).toString());
        if (donation.subscriptionId() != null) {
            record.put("Gateway_Subscription_Id__c", donation.subscriptionId());
        }
        return record;
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : null;
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    private static long number(Object value, long otherwise) {
        return value instanceof Number n ? n.longValue() : otherwise;
    }
}
