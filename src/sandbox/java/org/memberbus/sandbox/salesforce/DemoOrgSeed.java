package org.memberbus.sandbox.salesforce;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;

/**
 * Fills the org from the sandbox's demo association: the integration user and the relationship
 * owners, an Account per employer, the 2,000 Contacts with their Membership__c records (under the
 * demo ids, so every simulator names the same people), the events, certifications with their CE
 * credits, and each member's dues payments of the last years.
 */
final class DemoOrgSeed {

    private final SObjectStore store;
    private final SalesforceSettings settings;
    private final OrgSchema schema;
    /** Seeded records were last modified a day before the sandbox started. */
    private final String stamp = SalesforceTime.rest(SalesforceTime.now().minus(1, ChronoUnit.DAYS)
            .truncatedTo(ChronoUnit.HOURS));

    DemoOrgSeed(SObjectStore store, SalesforceSettings settings) {
        this.store = store;
        this.settings = settings;
        this.schema = store.schema();
    }

    /** Users only: what every org has, even without demo data. */
    void seedUsers(List<DemoAssociation.RelationshipOwner> owners) {
        put("User", user(SalesforceSettings.INTEGRATION_USER_ID, settings.username(), "Integration", "User",
                settings.username()), null);
        for (var owner : owners) {
            var names = owner.name().split(" ", 2);
            put("User", user(owner.userId(), owner.email(), names[0], names.length > 1 ? names[1] : names[0],
                    owner.email()), null);
        }
    }

    void seed(DemoAssociation association) {
        var employers = new LinkedHashMap<String, String>();
        for (DemoMember member : association.members()) {
            employers.computeIfAbsent(member.employer(), e -> DemoAssociation.sfId("001", employers.size() + 1));
        }
        employers.forEach((name, id) -> put("Account", record(id, Map.of("Name", name,
                "OwnerId", SalesforceSettings.INTEGRATION_USER_ID)), null));

        int payments = 0;
        for (DemoMember member : association.members()) {
            var created = SalesforceTime.rest(SalesforceTime.startOf(member.memberSince()).plus(9, ChronoUnit.HOURS));
            var contact = new LinkedHashMap<String, Object>();
            contact.put("FirstName", member.firstName());
            contact.put("LastName", member.lastName());
            contact.put("Name", member.firstName() + " " + member.lastName());
            contact.put("Email", member.email());
            contact.put("Phone", member.phone());
            contact.put("AccountId", employers.get(member.employer()));
            contact.put("MailingCity", member.city());
            contact.put("MailingCountry", member.country());
            contact.put("Member_Number__c", member.memberNumber());
            contact.put("Community_Id__c", member.communityId());
            contact.put("Gateway_Customer_Id__c", member.gatewayCustomerId());
            contact.put("Membership_Status__c", title(member.status().name()));
            contact.put("Membership_Level__c", title(member.level().name()));
            contact.put("Membership_Start_Date__c", member.startDate().toString());
            contact.put("Membership_End_Date__c", member.endDate().toString());
            contact.put("Membership_Dues__c", member.dues().doubleValue());
            contact.put("Member_Since__c", member.memberSince().toString());
            contact.put("Employer__c", member.employer());
            contact.put("CE_Balance__c", member.certification() == null ? null
                    : (double) member.certification().ceEarned());
            contact.put("OwnerId", member.ownerId());
            put("Contact", record(member.crmContactId(), contact), created);

            var membership = new LinkedHashMap<String, Object>();
            membership.put("Name", String.format("MS-%06d", member.number()));
            membership.put("Contact__c", member.crmContactId());
            membership.put("Level__c", title(member.level().name()));
            membership.put("Status__c", title(member.status().name()));
            membership.put("Start_Date__c", member.startDate().toString());
            membership.put("End_Date__c", member.endDate().toString());
            membership.put("Dues__c", member.dues().doubleValue());
            membership.put("Auto_Renew__c", member.number() % 3 == 0);
            membership.put("OwnerId", member.ownerId());
            put("Membership__c", record(member.membershipId(), membership), created);

            var certification = member.certification();
            if (certification != null) {
                var cert = new LinkedHashMap<String, Object>();
                cert.put("Name", String.format("CE-%06d", member.number()));
                cert.put("Contact__c", member.crmContactId());
                cert.put("Program__c", certification.program());
                cert.put("Status__c", certification.expires().isBefore(association.today()) ? "Expired" : "Active");
                cert.put("Awarded_Date__c", certification.awarded().toString());
                cert.put("Expiration_Date__c", certification.expires().toString());
                cert.put("CE_Required__c", (double) certification.ceRequired());
                cert.put("OwnerId", member.ownerId());
                put("Certification__c", record(certification.id(), cert),
                        SalesforceTime.rest(SalesforceTime.startOf(certification.awarded())));
                if (certification.ceEarned() > 0) {
                    var credit = new LinkedHashMap<String, Object>();
                    credit.put("Name", String.format("CC-%06d", member.number()));
                    credit.put("Contact__c", member.crmContactId());
                    credit.put("Credits__c", (double) certification.ceEarned());
                    credit.put("Source__c", "Earned before the sandbox");
                    credit.put("Earned_Date__c", certification.awarded().plusDays(30).toString());
                    credit.put("Source_Key__c", "seed-" + member.memberNumber());
                    credit.put("OwnerId", member.ownerId());
                    put("CE_Credit__c", record(DemoAssociation.sfId("a08", member.number()), credit), null);
                }
            }

            // a dues payment at the start of each of the last (up to) three membership years
            for (int year = 0; year < 3; year++) {
                LocalDate paid = member.startDate().minusYears(year);
                if (paid.isBefore(member.memberSince())) {
                    break;
                }
                payments++;
                var payment = new LinkedHashMap<String, Object>();
                payment.put("Name", String.format("PM-%06d", payments));
                payment.put("Contact__c", member.crmContactId());
                payment.put("Amount__c", member.dues().doubleValue());
                payment.put("Currency__c", "USD");
                payment.put("Status__c", "Succeeded");
                payment.put("Type__c", "Dues");
                Instant paidAt = SalesforceTime.startOf(paid).plus(10, ChronoUnit.HOURS);
                payment.put("Paid_At__c", SalesforceTime.rest(paidAt));
                payment.put("OwnerId", member.ownerId());
                put("Payment__c", record(DemoAssociation.sfId("a09", payments), payment), SalesforceTime.rest(paidAt));
            }
        }

        for (var event : association.events()) {
            var e = new LinkedHashMap<String, Object>();
            e.put("Name", event.name());
            e.put("Start_Date__c", event.date().toString());
            e.put("Capacity__c", (double) event.capacity());
            e.put("Member_Price__c", event.memberPrice().doubleValue());
            e.put("Non_Member_Price__c", event.nonMemberPrice().doubleValue());
            e.put("CEU_Credits__c", event.ceuCredits().doubleValue());
            e.put("Community_Event_Id__c", event.communityId());
            e.put("Status__c", event.date().isBefore(association.today()) ? "Completed" : "Open");
            e.put("OwnerId", SalesforceSettings.INTEGRATION_USER_ID);
            put("Association_Event__c", record(event.crmId(), e), null);
        }

        // finance (issue 9): the fundraising campaign donations are credited to
        var fund = new LinkedHashMap<String, Object>();
        fund.put("Name", "Annual Fund " + association.today().getYear());
        fund.put("IsActive", true);
        fund.put("Type", "Fundraising");
        fund.put("Status", "In Progress");
        fund.put("StartDate", association.today().withDayOfYear(1).toString());
        fund.put("OwnerId", SalesforceSettings.INTEGRATION_USER_ID);
        put("Campaign", record(DemoAssociation.sfId("701", 1), fund), null);
    }

    private static Map<String, Object> user(String id, String username, String first, String last, String email) {
        var user = new LinkedHashMap<String, Object>();
        user.put("Id", id);
        user.put("Username", username);
        user.put("FirstName", first);
        user.put("LastName", last);
        user.put("Name", first + " " + last);
        user.put("Email", email);
        user.put("IsActive", true);
        return user;
    }

    private static Map<String, Object> record(String id, Map<String, Object> fields) {
        var record = new LinkedHashMap<String, Object>();
        record.put("Id", id);
        record.putAll(fields);
        return record;
    }

    private void put(String typeName, Map<String, Object> fields, String createdDate) {
        var type = schema.require(typeName);
        var record = new LinkedHashMap<>(fields);
        record.put("IsDeleted", false);
        record.put("CreatedDate", createdDate == null ? stamp : createdDate);
        record.put("CreatedById", SalesforceSettings.INTEGRATION_USER_ID);
        record.put("LastModifiedDate", stamp);
        record.put("LastModifiedById", SalesforceSettings.INTEGRATION_USER_ID);
        record.put("SystemModstamp", stamp);
        store.seed(type, record);
    }

    private static String title(String constant) {
        return constant.charAt(0) + constant.substring(1).toLowerCase(Locale.ROOT);
    }
}
