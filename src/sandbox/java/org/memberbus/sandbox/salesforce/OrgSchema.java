package org.memberbus.sandbox.salesforce;

import static org.memberbus.sandbox.salesforce.FieldType.BOOLEAN;
import static org.memberbus.sandbox.salesforce.FieldType.CURRENCY;
import static org.memberbus.sandbox.salesforce.FieldType.DATE;
import static org.memberbus.sandbox.salesforce.FieldType.DATETIME;
import static org.memberbus.sandbox.salesforce.FieldType.DOUBLE;
import static org.memberbus.sandbox.salesforce.FieldType.EMAIL;
import static org.memberbus.sandbox.salesforce.FieldType.PHONE;
import static org.memberbus.sandbox.salesforce.FieldType.TEXTAREA;
import static org.memberbus.sandbox.salesforce.FieldType.URL;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The association's Salesforce org: the standard objects it uses and its custom objects
 * (names ending {@code __c}), with their required, external-id and restricted picklist fields.
 */
final class OrgSchema {

    static final String[] MEMBERSHIP_STATUSES = {"Pending", "Active", "Lapsed", "Archived"};
    static final String[] MEMBERSHIP_LEVELS = {"Student", "Associate", "Professional", "Fellow"};

    private final Map<String, ObjectDef> objects = new LinkedHashMap<>();
    private final Map<String, ObjectDef> byPrefix = new LinkedHashMap<>();

    OrgSchema() {
        add(ObjectDef.standard("Account", "001", "Account", "Accounts")
                .name(255)
                .typed("Phone", PHONE)
                .typed("Website", URL)
                .owner()
                .build());
        add(ObjectDef.standard("Contact", "003", "Contact", "Contacts")
                .reference("MasterRecordId", "Contact", "MasterRecord").notWritable()
                .text("Salutation", 40).compound("Name", "Salutation")
                .text("FirstName", 40).compound("Name", "FirstName")
                .text("LastName", 80).required().compound("Name", "LastName")
                .computed("Name", 121)
                .typed("Email", EMAIL)
                .typed("Phone", PHONE)
                .reference("AccountId", "Account", "Account")
                .typed("MailingStreet", TEXTAREA).compound("MailingAddress", "Street")
                .text("MailingCity", 40).compound("MailingAddress", "City")
                .text("MailingState", 80).compound("MailingAddress", "State")
                .text("MailingPostalCode", 20).compound("MailingAddress", "PostalCode")
                .text("MailingCountry", 80).compound("MailingAddress", "Country")
                .text("Member_Number__c", 20).externalId()
                .text("Community_Id__c", 64).externalId()
                .text("Gateway_Customer_Id__c", 64).externalId()
                .picklist("Membership_Status__c", true, MEMBERSHIP_STATUSES)
                .picklist("Membership_Level__c", true, MEMBERSHIP_LEVELS)
                .typed("Membership_Start_Date__c", DATE)
                .typed("Membership_End_Date__c", DATE)
                .typed("Membership_Dues__c", CURRENCY)
                .typed("Member_Since__c", DATE)
                .text("Employer__c", 120)
                .typed("Bio__c", TEXTAREA)
                .typed("Avatar_Url__c", URL)
                .text("Communication_Preferences__c", 255)
                .typed("Health_Score__c", DOUBLE)
                .picklist("Health_Band__c", false, "Healthy", "Watch", "At Risk")
                .picklist("Health_Trend__c", false, "Improving", "Stable", "Declining")
                .typed("Health_Scored_At__c", DATETIME)
                .typed("Engagement_Score__c", DOUBLE)
                .typed("CE_Balance__c", DOUBLE)
                // content access (issue 12): the member's suspension from the community, set by
                // staff here or by a community moderator's ban (then source Community Moderator)
                .typed("Community_Suspended__c", BOOLEAN)
                .typed("Suspended_Until__c", DATE)
                .text("Suspension_Reason__c", 255)
                .picklist("Suspension_Source__c", false, "Staff", "Community Moderator")
                .owner()
                .build());
        add(ObjectDef.custom("Membership__c", "a01", "Membership", "Memberships")
                .autoName("MS")
                .reference("Contact__c", "Contact", "Contact__r").required()
                .picklist("Level__c", true, MEMBERSHIP_LEVELS)
                .picklist("Status__c", true, MEMBERSHIP_STATUSES).defaultValue("Pending")
                .typed("Start_Date__c", DATE)
                .typed("End_Date__c", DATE)
                .typed("Dues__c", CURRENCY)
                .typed("Auto_Renew__c", BOOLEAN)
                .owner()
                .build());
        add(ObjectDef.custom("Association_Event__c", "a03", "Association Event", "Association Events")
                .name(80)
                .typed("Start_Date__c", DATE)
                .typed("Capacity__c", DOUBLE)
                .typed("Member_Price__c", CURRENCY)
                .typed("Non_Member_Price__c", CURRENCY)
                .typed("CEU_Credits__c", DOUBLE)
                .text("Community_Event_Id__c", 64).externalId()
                .picklist("Status__c", false, "Planned", "Open", "Full", "Completed", "Cancelled")
                // events (issue 10): early-bird prices, registration window, venue
                .typed("Early_Bird_Member_Price__c", CURRENCY)
                .typed("Early_Bird_Non_Member_Price__c", CURRENCY)
                .typed("Early_Bird_Until__c", DATE)
                .typed("Registration_Opens__c", DATE)
                .typed("Registration_Closes__c", DATE)
                // events (issue 10): a webinar's id on the webinar platform (Zoom)
                .text("Webinar_Id__c", 32).externalId()
                .owner()
                .build());
        add(ObjectDef.custom("Event_Registration__c", "a04", "Event Registration", "Event Registrations")
                .autoName("ER")
                .reference("Contact__c", "Contact", "Contact__r").required()
                .reference("Association_Event__c", "Association_Event__c", "Association_Event__r").required()
                .picklist("Status__c", true, "Registered", "Waitlisted", "Cancelled", "Attended",
                        // events (issue 10): the waitlist's offer states
                        "Offered", "Reminded", "Expired", "Declined")
                .defaultValue("Registered")
                .typed("Amount__c", CURRENCY)
                .text("Registration_Key__c", 100).externalId()
                // events (issue 10): waitlist position, seat offer, payment, check-in
                .typed("Waitlist_Position__c", DOUBLE)
                .typed("Offer_Expires_At__c", DATETIME)
                .text("Gateway_Payment_Id__c", 64)
                .typed("Checked_In_At__c", DATETIME)
                // events (issue 10): minutes attended (webinars: from the platform's participants report)
                .typed("Minutes_Attended__c", DOUBLE)
                // events (issue 10): the post-event survey, answered on the community
                .typed("Survey_Completed__c", BOOLEAN)
                .typed("Survey_Completed_At__c", DATETIME)
                .typed("Survey_Answers__c", TEXTAREA)
                .owner()
                .build());
        // events (issue 10): an event's sessions; kiosks check people in at each, CEU value per session
        add(ObjectDef.custom("Event_Session__c", "a0S", "Event Session", "Event Sessions")
                .name(80)
                .reference("Association_Event__c", "Association_Event__c", "Association_Event__r").required()
                .text("Session_Code__c", 40)
                .typed("Starts_At__c", DATETIME)
                .typed("Ends_At__c", DATETIME)
                .typed("CEU_Credits__c", DOUBLE)
                .owner()
                .build());
        // events (issue 10): an event's ticket types beside its standard ticket (member, non-member, early-bird prices)
        add(ObjectDef.custom("Event_Ticket_Type__c", "a0T", "Event Ticket Type", "Event Ticket Types")
                .name(80)
                .reference("Association_Event__c", "Association_Event__c", "Association_Event__r").required()
                .text("Ticket_Code__c", 40)
                .typed("Member_Price__c", CURRENCY)
                .typed("Non_Member_Price__c", CURRENCY)
                .typed("Early_Bird_Member_Price__c", CURRENCY)
                .typed("Early_Bird_Non_Member_Price__c", CURRENCY)
                .typed("Early_Bird_Until__c", DATE)
                .owner()
                .build());
        add(ObjectDef.custom("Certification_Application__c", "a05", "Certification Application",
                        "Certification Applications")
                .autoName("CA")
                .reference("Contact__c", "Contact", "Contact__r").required()
                .text("Program__c", 120)
                .picklist("Status__c", false, "Submitted", "Under Review", "Documents Incomplete", "Approved", "Rejected",
                        "Withdrawn")
                .typed("Submitted_At__c", DATETIME)
                .text("Community_Application_Id__c", 64).externalId()
                // certification (issue 11): the applicant's documents (one name a line) and the
                // reviewer's note, e.g. what is missing when Status__c is "Documents Incomplete"
                .typed("Documents__c", TEXTAREA)
                .text("Staff_Note__c", 255)
                // and the exam sitting booked at the exam body once approved
                .text("Exam_Appointment_Id__c", 64)
                .typed("Exam_Scheduled_At__c", DATETIME)
                .text("Exam_Location__c", 255)
                // and its fee, paid through the gateway at the member or non-member price
                .text("Fee_Payment_Id__c", 64)
                .typed("Fee_Amount__c", CURRENCY)
                .picklist("Fee_Price_Basis__c", true, "Member", "Non-Member")
                .owner()
                .build());
        add(ObjectDef.custom("Certification__c", "a06", "Certification", "Certifications")
                .autoName("CE")
                .reference("Contact__c", "Contact", "Contact__r").required()
                .text("Program__c", 120)
                .picklist("Status__c", false, "Active", "Expired", "Suspended", "Revoked")
                .typed("Awarded_Date__c", DATE)
                .typed("Expiration_Date__c", DATE)
                .typed("CE_Required__c", DOUBLE)
                // certification (issue 11): the bus's key (contact:exam) and the public badge
                .text("Certification_Key__c", 100).externalId()
                .text("Badge_Url__c", 255)
                .owner()
                .build());
        add(ObjectDef.custom("Exam_Attempt__c", "a07", "Exam Attempt", "Exam Attempts")
                .autoName("EA")
                .reference("Certification_Application__c", "Certification_Application__c",
                        "Certification_Application__r")
                .reference("Contact__c", "Contact", "Contact__r").required()
                .text("Exam_Body__c", 120)
                .typed("Exam_Date__c", DATE)
                .typed("Score__c", DOUBLE)
                .typed("Passed__c", BOOLEAN)
                .text("Result_Id__c", 64).externalId()
                // certification (issue 11): which exam, and a no-show told apart from a fail
                .text("Exam_Code__c", 32)
                .picklist("Outcome__c", true, "Pass", "Fail", "No-Show")
                .owner()
                .build());
        add(ObjectDef.custom("CE_Credit__c", "a08", "CE Credit", "CE Credits")
                .autoName("CC")
                .reference("Contact__c", "Contact", "Contact__r").required()
                .typed("Credits__c", DOUBLE)
                .text("Source__c", 120)
                .typed("Earned_Date__c", DATE)
                .text("Source_Key__c", 100).externalId()
                .owner()
                .build());
        add(ObjectDef.custom("Payment__c", "a09", "Payment", "Payments")
                .autoName("PM")
                .reference("Contact__c", "Contact", "Contact__r")
                .typed("Amount__c", CURRENCY).required()
                .text("Currency__c", 3).defaultValue("USD")
                .picklist("Status__c", false, "Pending", "Succeeded", "Failed", "Refunded", "Partially Refunded",
                        "Disputed", "Dispute Lost")
                .picklist("Type__c", true, "Dues", "Event", "Certification", "Donation")
                .text("Gateway_Payment_Id__c", 64).externalId()
                .typed("Paid_At__c", DATETIME)
                .typed("Refunded_Amount__c", CURRENCY)
                // finance (issue 9): what the payment paid for, how, and the receipt sent for it
                .reference("Campaign__c", "Campaign", "Campaign__r")
                .reference("Invoice__c", "Invoice__c", "Invoice__r")
                .reference("Membership__c", "Membership__c", "Membership__r")
                .picklist("Payment_Method__c", false, "Card", "ACH", "Check", "Purchase Order")
                .text("Gateway_Subscription_Id__c", 64)
                .text("Check_Number__c", 40)
                .typed("Receipt_Sent_At__c", DATETIME)
                .owner()
                .build());
        add(ObjectDef.custom("Invoice__c", "a0A", "Invoice", "Invoices")
                .autoName("IN")
                .reference("Contact__c", "Contact", "Contact__r")
                .text("Number__c", 40).externalId()
                .typed("Amount__c", CURRENCY)
                .picklist("Status__c", false, "Draft", "Open", "Paid", "Void", "Overdue")
                .typed("Due_Date__c", DATE)
                // finance (issue 9): check and purchase-order invoices, and what they are for
                .picklist("Payment_Method__c", false, "Check", "Purchase Order")
                .text("PO_Number__c", 40)
                .typed("Net_Terms_Days__c", DOUBLE)
                .picklist("Purpose__c", false, "membership_join", "membership_renewal", "membership_change",
                        "event_fee", "donation", "certification_fee")
                .picklist("Level__c", false, MEMBERSHIP_LEVELS)
                .typed("Paid_Amount__c", CURRENCY)
                .typed("Paid_At__c", DATETIME)
                .text("Paid_By__c", 64)
                .owner()
                .build());
        // finance (issue 9): fundraising campaigns that donations are credited to (standard object)
        add(ObjectDef.standard("Campaign", "701", "Campaign", "Campaigns")
                .name(80)
                .typed("IsActive", BOOLEAN)
                .picklist("Type", false, "Fundraising", "Email", "Event", "Other")
                .picklist("Status", false, "Planned", "In Progress", "Completed", "Aborted")
                .typed("StartDate", DATE)
                .typed("EndDate", DATE)
                .typed("ExpectedRevenue", CURRENCY)
                .owner()
                .build());
        // content access and engagement (issue 12): community groups and who belongs to them, both
        // ways. A group requested on the community waits here (Status Requested) for staff to
        // approve it; staff may also create an approved group here. Bus_Key__c is the bus's upsert key.
        add(ObjectDef.custom("Community_Group__c", "a0M", "Community Group", "Community Groups")
                .name(120)
                .text("Community_Name__c", 80)
                .typed("Description__c", TEXTAREA)
                .picklist("Status__c", true, "Requested", "Approved", "Declined", "Archived").defaultValue("Requested")
                .text("Decline_Reason__c", 255)
                .picklist("Join_Policy__c", true, "open", "request").defaultValue("request")
                .reference("Admin__c", "Contact", "Admin__r")
                .reference("Requested_By__c", "Contact", "Requested_By__r")
                .text("Community_Request_Id__c", 64)
                .text("Bus_Key__c", 255).externalId()
                .owner()
                .build());
        add(ObjectDef.custom("Group_Membership__c", "a0N", "Group Membership", "Group Memberships")
                .autoName("GM")
                .reference("Contact__c", "Contact", "Contact__r").required()
                .text("Group_Name__c", 80).required()
                .reference("Community_Group__c", "Community_Group__c", "Community_Group__r")
                .picklist("Role__c", true, "Member", "Admin").defaultValue("Member")
                .picklist("Status__c", true, "Active", "Left").defaultValue("Active")
                .picklist("Source__c", true, "Community", "Staff").defaultValue("Staff")
                .typed("Joined_At__c", DATETIME)
                // leaving a group (issue 12): when, and where (a leave on the community is not sent back there)
                .typed("Left_At__c", DATETIME)
                .picklist("Left_Via__c", true, "Community", "Staff")
                .text("Community_Request_Id__c", 64)
                .text("Bus_Key__c", 255).externalId()
                .owner()
                .build());
        add(ObjectDef.standard("Task", "00T", "Task", "Tasks")
                .reference("WhoId", "Contact", "Who")
                .text("Subject", 255)
                .picklist("Status", false, "Not Started", "In Progress", "Completed", "Waiting on someone else",
                        "Deferred").defaultValue("Not Started")
                .picklist("Priority", false, "High", "Normal", "Low").defaultValue("Normal")
                .typed("ActivityDate", DATE)
                .typed("Description", TEXTAREA)
                // the bus's idempotency key: a custom field on a standard object, external id and unique
                .text("Bus_Key__c", 255).externalId()
                .owner()
                .build());
        // certification (issue 11): Salesforce Files, for the certificate attached to a
        // Certification__c. ContentVersion is created by ContentVersionsController (VersionData in
        // base64; a query answers its URL), which makes the ContentDocument and, for
        // FirstPublishLocationId (any record, so a text id here), the ContentDocumentLink to it.
        add(ObjectDef.standard("ContentDocument", "069", "Content Document", "Content Documents")
                .text("Title", 255)
                .text("FileExtension", 40)
                .typed("ContentSize", DOUBLE)
                .text("LatestPublishedVersionId", 18)
                .owner()
                .build());
        add(ObjectDef.standard("ContentVersion", "068", "Content Version", "Content Versions")
                .text("Title", 255)
                .text("PathOnClient", 500)
                .typed("VersionData", URL)
                .reference("ContentDocumentId", "ContentDocument", "ContentDocument")
                .text("FirstPublishLocationId", 18)
                .text("ReasonForChange", 1000)
                .typed("Description", TEXTAREA)
                .text("FileExtension", 40)
                .text("FileType", 20)
                .typed("ContentSize", DOUBLE)
                .text("Checksum", 50)
                .typed("IsLatest", BOOLEAN)
                .text("VersionNumber", 20)
                .picklist("ContentLocation", true, "S", "E", "L")
                .owner()
                .build());
        add(ObjectDef.standard("ContentDocumentLink", "06A", "Content Document Link", "Content Document Links")
                .text("LinkedEntityId", 18).required()
                .reference("ContentDocumentId", "ContentDocument", "ContentDocument").required()
                .picklist("ShareType", true, "V", "C", "I")
                .picklist("Visibility", true, "AllUsers", "InternalUsers", "SharedUsers")
                .build());
        add(ObjectDef.standard("User", "005", "User", "Users")
                .text("Username", 80)
                .text("FirstName", 40)
                .text("LastName", 80)
                .computed("Name", 121)
                .typed("Email", EMAIL)
                .typed("IsActive", BOOLEAN)
                .readOnlyObject()
                .build());
    }

    private void add(ObjectDef def) {
        objects.put(def.name().toLowerCase(Locale.ROOT), def);
        byPrefix.put(def.keyPrefix(), def);
    }

    Optional<ObjectDef> find(String name) {
        return Optional.ofNullable(objects.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The type a REST path names; unknown types are a 404 as in Salesforce. */
    ObjectDef require(String name) {
        return find(name).orElseThrow(ApiException::notFound);
    }

    Optional<ObjectDef> byId(String id) {
        return id == null || id.length() < 3 ? Optional.empty() : Optional.ofNullable(byPrefix.get(id.substring(0, 3)));
    }

    Collection<ObjectDef> all() {
        return objects.values();
    }

    /** The change event channels: one per object and /data/ChangeEvents for all. */
    Optional<ObjectDef> byChangeEventName(String eventName) {
        return objects.values().stream().filter(o -> o.changeEventName().equals(eventName)).findFirst();
    }
}
