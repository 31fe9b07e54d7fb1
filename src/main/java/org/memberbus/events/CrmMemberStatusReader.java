package org.memberbus.events;

import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.memberbus.finance.events.CrmStatusReader;
import org.springframework.stereotype.Component;

/**
 * A member's Membership_Status__c read from the CRM by route events-crm-member-status (one SOQL
 * query), for the one time memberStatusCache has not seen the member; change events keep it fresh after.
 */
@Component
class CrmMemberStatusReader implements CrmStatusReader {

    private final ProducerTemplate camel;

    CrmMemberStatusReader(ProducerTemplate camel) {
        this.camel = camel;
    }

    @Override
    public String membershipStatus(String contactId) {
        var record = camel.requestBody("direct:events-crm-member-status", contactId, Map.class);
        if (record == null) {
            return null;
        }
        var status = record.get("Membership_Status__c");
        // a contact without a status is known: a non-member, not "no such contact"
        return status == null ? "None" : status.toString();
    }
}
