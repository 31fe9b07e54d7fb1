package org.memberbus.finance.ach;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * ACH debits settling (issue 9): a join granted on an ACH debit while the bank still processed it
 * holds its CRM payment as Pending; the gateway's {@code payment_intent.succeeded} for that debit
 * (days later) makes it Succeeded. Only a Pending record moves: one refunded, disputed or failed
 * meanwhile keeps what it says.
 */
@Component("achSettlements")
public class AchSettlements {

    /** The settled ACH debit's payment intent id, or null when the event is not one. */
    public String settled(Map<String, Object> event) {
        if (!"payment_intent.succeeded".equals(event.get("type")) || !(event.get("data") instanceof Map<?, ?> data)
                || !(data.get("object") instanceof Map<?, ?> intent) || !(intent.get("id") instanceof String id)
                || !id.matches("[A-Za-z0-9_]{1,100}")) {
            return null;
        }
        boolean bank = intent.get("payment_method_types") instanceof List<?> types && types.contains("us_bank_account");
        return bank ? id : null;
    }

    /** The CRM's Payment__c to move (its Id), when the query found it Pending; else null. */
    public String pendingRecord(Map<String, Object> answer) {
        if (answer != null && answer.get("records") instanceof List<?> records && !records.isEmpty()
                && records.get(0) instanceof Map<?, ?> record && "Pending".equals(record.get("Status__c"))) {
            return String.valueOf(record.get("Id"));
        }
        return null;
    }

    /** What the settlement changes on the CRM's payment. */
    public Map<String, Object> succeeded(long settledAt) {
        return Map.of("Status__c", "Succeeded", "Payment_Method__c", "ACH",
                "Paid_At__c", Instant.ofEpochSecond(settledAt).toString());
    }
}
