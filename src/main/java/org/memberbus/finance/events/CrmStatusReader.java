package org.memberbus.finance.events;

/**
 * Reads one contact's Membership_Status__c from the CRM (null: no such contact). The flow that
 * prices tickets supplies it (a SOQL query through camel-salesforce); {@link MemberStatusCache}
 * calls it once per member it has not seen, never per request.
 */
@FunctionalInterface
public interface CrmStatusReader {
    String membershipStatus(String contactId);
}
