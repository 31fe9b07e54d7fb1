package org.memberbus.sandbox.salesforce;

import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds members to the org beyond the demo association, for volume tests (the warehouse benchmark's
 * 100,000 members): each a Contact with a Membership__c and a dues Payment__c, put in place as the
 * demo data is (no checks, no change events: as if they had been there before the bus subscribed),
 * so 100,000 take seconds, not the hours 300,000 REST creates would. They are members the
 * community does not know (no Community_Id__c). Ids read {@code <prefix>XM<10 digits>AAA}.
 */
final class ExtraMembersSeed {

    private static final String[] FIRST_NAMES = {"Alex", "Sam", "Robin", "Kim", "Jo", "Chris", "Pat", "Lee"};

    private final SObjectStore store;
    private int seeded;   // guarded by this

    ExtraMembersSeed(SObjectStore store) {
        this.store = store;
    }

    /** Adds {@code count} members; answers how many extra members the org holds now. */
    synchronized int seed(int count) {
        var schema = store.schema();
        var contactType = schema.require("Contact");
        var membershipType = schema.require("Membership__c");
        var paymentType = schema.require("Payment__c");
        // saved over the last day, 100 a second (as a real org's records are, not all in one
        // second): a reader's SystemModstamp watermark, whole seconds in SOQL, then re-reads few
        var base = SalesforceTime.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        var today = SalesforceTime.today();
        for (int i = 0; i < count; i++) {
            int n = ++seeded;
            var stamp = SalesforceTime.rest(base.plusMillis(10L * n));
            var contactId = id("003", n);
            var status = n % 10 == 0 ? "Lapsed" : "Active";
            var level = OrgSchema.MEMBERSHIP_LEVELS[n % OrgSchema.MEMBERSHIP_LEVELS.length];
            var start = today.minusDays(n % 365);
            var end = start.plusYears(1).minusDays(1);
            double dues = 100 + 50 * (n % OrgSchema.MEMBERSHIP_LEVELS.length);

            var contact = new LinkedHashMap<String, Object>();
            contact.put("FirstName", FIRST_NAMES[n % FIRST_NAMES.length]);
            contact.put("LastName", "Member " + n);
            contact.put("Name", contact.get("FirstName") + " " + contact.get("LastName"));
            contact.put("Email", "extra-" + n + "@example.org");
            contact.put("MailingCity", "Springfield");
            contact.put("MailingCountry", "US");
            contact.put("Member_Number__c", String.format("X%07d", n));
            contact.put("Membership_Status__c", status);
            contact.put("Membership_Level__c", level);
            contact.put("Membership_Start_Date__c", start.toString());
            contact.put("Membership_End_Date__c", end.toString());
            contact.put("Membership_Dues__c", dues);
            contact.put("Member_Since__c", start.minusYears(n % 5).toString());
            contact.put("Employer__c", "Employer " + (n % 500));
            put(contactType, contactId, contact, stamp);

            var membership = new LinkedHashMap<String, Object>();
            membership.put("Name", String.format("MX-%07d", n));
            membership.put("Contact__c", contactId);
            membership.put("Level__c", level);
            membership.put("Status__c", status);
            membership.put("Start_Date__c", start.toString());
            membership.put("End_Date__c", end.toString());
            membership.put("Dues__c", dues);
            membership.put("Auto_Renew__c", n % 3 == 0);
            put(membershipType, id("a01", n), membership, stamp);

            var payment = new LinkedHashMap<String, Object>();
            payment.put("Name", String.format("PX-%07d", n));
            payment.put("Contact__c", contactId);
            payment.put("Amount__c", dues);
            payment.put("Currency__c", "USD");
            payment.put("Status__c", "Succeeded");
            payment.put("Type__c", "Dues");
            payment.put("Paid_At__c", SalesforceTime.rest(SalesforceTime.startOf(start).plus(10, ChronoUnit.HOURS)));
            put(paymentType, id("a09", n), payment, stamp);
        }
        return seeded;
    }

    private static String id(String prefix, int n) {
        return prefix + "XM" + String.format("%010d", n) + "AAA";
    }

    private void put(ObjectDef type, String id, Map<String, Object> fields, String stamp) {
        var record = new LinkedHashMap<String, Object>();
        record.put("Id", id);
        record.putAll(fields);
        record.put("IsDeleted", false);
        record.put("CreatedDate", stamp);
        record.put("CreatedById", SalesforceSettings.INTEGRATION_USER_ID);
        record.put("LastModifiedDate", stamp);
        record.put("LastModifiedById", SalesforceSettings.INTEGRATION_USER_ID);
        record.put("SystemModstamp", stamp);
        record.put("OwnerId", SalesforceSettings.INTEGRATION_USER_ID);
        store.seed(type, record);
    }
}
