package org.memberbus.crm.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;
import org.apache.camel.component.salesforce.api.dto.SObjectField;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Salesforce DTO for sObject Contact, in the form camel-salesforce generates: A person: member or not. Member_Number__c is the external id.
 * Id, OwnerId, Name and the system fields are inherited. Custom lookups can also be set by
 * external id through the relationship property, e.g. {@code setContact__r(Contact.byMemberNumber("M000001"))}.
 */
public class Contact extends AbstractDescribedSObjectBase {

    private static final SObjectDescription DESCRIPTION = createSObjectDescription();

    private String Salutation;
    private String FirstName;
    private String LastName;
    private String Email;
    private String Phone;
    private String AccountId;
    private String MailingStreet;
    private String MailingCity;
    private String MailingState;
    private String MailingPostalCode;
    private String MailingCountry;
    private String Member_Number__c;
    private String Community_Id__c;
    private String Gateway_Customer_Id__c;
    private String Membership_Status__c;
    private String Membership_Level__c;
    private LocalDate Membership_Start_Date__c;
    private LocalDate Membership_End_Date__c;
    private Double Membership_Dues__c;
    private LocalDate Member_Since__c;
    private String Employer__c;
    private String Bio__c;
    private String Avatar_Url__c;
    private String Communication_Preferences__c;
    private Double Health_Score__c;
    private String Health_Band__c;
    private String Health_Trend__c;
    private ZonedDateTime Health_Scored_At__c;
    private Double Engagement_Score__c;
    private Double CE_Balance__c;

    public Contact() {
        getAttributes().setType("Contact");
    }

    /** A reference to a contact by its external id, for lookups and upserts of related records. */
    public static Contact byMemberNumber(String memberNumber) {
        var contact = new Contact();
        contact.setMember_Number__c(memberNumber);
        return contact;
    }

    @JsonProperty("Salutation")
    public String getSalutation() {
        return Salutation;
    }

    @JsonProperty("Salutation")
    public void setSalutation(String Salutation) {
        this.Salutation = Salutation;
    }

    @JsonProperty("FirstName")
    public String getFirstName() {
        return FirstName;
    }

    @JsonProperty("FirstName")
    public void setFirstName(String FirstName) {
        this.FirstName = FirstName;
    }

    @JsonProperty("LastName")
    public String getLastName() {
        return LastName;
    }

    @JsonProperty("LastName")
    public void setLastName(String LastName) {
        this.LastName = LastName;
    }

    @JsonProperty("Email")
    public String getEmail() {
        return Email;
    }

    @JsonProperty("Email")
    public void setEmail(String Email) {
        this.Email = Email;
    }

    @JsonProperty("Phone")
    public String getPhone() {
        return Phone;
    }

    @JsonProperty("Phone")
    public void setPhone(String Phone) {
        this.Phone = Phone;
    }

    @JsonProperty("AccountId")
    public String getAccountId() {
        return AccountId;
    }

    @JsonProperty("AccountId")
    public void setAccountId(String AccountId) {
        this.AccountId = AccountId;
    }

    @JsonProperty("MailingStreet")
    public String getMailingStreet() {
        return MailingStreet;
    }

    @JsonProperty("MailingStreet")
    public void setMailingStreet(String MailingStreet) {
        this.MailingStreet = MailingStreet;
    }

    @JsonProperty("MailingCity")
    public String getMailingCity() {
        return MailingCity;
    }

    @JsonProperty("MailingCity")
    public void setMailingCity(String MailingCity) {
        this.MailingCity = MailingCity;
    }

    @JsonProperty("MailingState")
    public String getMailingState() {
        return MailingState;
    }

    @JsonProperty("MailingState")
    public void setMailingState(String MailingState) {
        this.MailingState = MailingState;
    }

    @JsonProperty("MailingPostalCode")
    public String getMailingPostalCode() {
        return MailingPostalCode;
    }

    @JsonProperty("MailingPostalCode")
    public void setMailingPostalCode(String MailingPostalCode) {
        this.MailingPostalCode = MailingPostalCode;
    }

    @JsonProperty("MailingCountry")
    public String getMailingCountry() {
        return MailingCountry;
    }

    @JsonProperty("MailingCountry")
    public void setMailingCountry(String MailingCountry) {
        this.MailingCountry = MailingCountry;
    }

    @JsonProperty("Member_Number__c")
    public String getMember_Number__c() {
        return Member_Number__c;
    }

    @JsonProperty("Member_Number__c")
    public void setMember_Number__c(String Member_Number__c) {
        this.Member_Number__c = Member_Number__c;
    }

    @JsonProperty("Community_Id__c")
    public String getCommunity_Id__c() {
        return Community_Id__c;
    }

    @JsonProperty("Community_Id__c")
    public void setCommunity_Id__c(String Community_Id__c) {
        this.Community_Id__c = Community_Id__c;
    }

    @JsonProperty("Gateway_Customer_Id__c")
    public String getGateway_Customer_Id__c() {
        return Gateway_Customer_Id__c;
    }

    @JsonProperty("Gateway_Customer_Id__c")
    public void setGateway_Customer_Id__c(String Gateway_Customer_Id__c) {
        this.Gateway_Customer_Id__c = Gateway_Customer_Id__c;
    }

    @JsonProperty("Membership_Status__c")
    public String getMembership_Status__c() {
        return Membership_Status__c;
    }

    @JsonProperty("Membership_Status__c")
    public void setMembership_Status__c(String Membership_Status__c) {
        this.Membership_Status__c = Membership_Status__c;
    }

    @JsonProperty("Membership_Level__c")
    public String getMembership_Level__c() {
        return Membership_Level__c;
    }

    @JsonProperty("Membership_Level__c")
    public void setMembership_Level__c(String Membership_Level__c) {
        this.Membership_Level__c = Membership_Level__c;
    }

    @JsonProperty("Membership_Start_Date__c")
    public LocalDate getMembership_Start_Date__c() {
        return Membership_Start_Date__c;
    }

    @JsonProperty("Membership_Start_Date__c")
    public void setMembership_Start_Date__c(LocalDate Membership_Start_Date__c) {
        this.Membership_Start_Date__c = Membership_Start_Date__c;
    }

    @JsonProperty("Membership_End_Date__c")
    public LocalDate getMembership_End_Date__c() {
        return Membership_End_Date__c;
    }

    @JsonProperty("Membership_End_Date__c")
    public void setMembership_End_Date__c(LocalDate Membership_End_Date__c) {
        this.Membership_End_Date__c = Membership_End_Date__c;
    }

    @JsonProperty("Membership_Dues__c")
    public Double getMembership_Dues__c() {
        return Membership_Dues__c;
    }

    @JsonProperty("Membership_Dues__c")
    public void setMembership_Dues__c(Double Membership_Dues__c) {
        this.Membership_Dues__c = Membership_Dues__c;
    }

    @JsonProperty("Member_Since__c")
    public LocalDate getMember_Since__c() {
        return Member_Since__c;
    }

    @JsonProperty("Member_Since__c")
    public void setMember_Since__c(LocalDate Member_Since__c) {
        this.Member_Since__c = Member_Since__c;
    }

    @JsonProperty("Employer__c")
    public String getEmployer__c() {
        return Employer__c;
    }

    @JsonProperty("Employer__c")
    public void setEmployer__c(String Employer__c) {
        this.Employer__c = Employer__c;
    }

    @JsonProperty("Bio__c")
    public String getBio__c() {
        return Bio__c;
    }

    @JsonProperty("Bio__c")
    public void setBio__c(String Bio__c) {
        this.Bio__c = Bio__c;
    }

    @JsonProperty("Avatar_Url__c")
    public String getAvatar_Url__c() {
        return Avatar_Url__c;
    }

    @JsonProperty("Avatar_Url__c")
    public void setAvatar_Url__c(String Avatar_Url__c) {
        this.Avatar_Url__c = Avatar_Url__c;
    }

    @JsonProperty("Communication_Preferences__c")
    public String getCommunication_Preferences__c() {
        return Communication_Preferences__c;
    }

    @JsonProperty("Communication_Preferences__c")
    public void setCommunication_Preferences__c(String Communication_Preferences__c) {
        this.Communication_Preferences__c = Communication_Preferences__c;
    }

    @JsonProperty("Health_Score__c")
    public Double getHealth_Score__c() {
        return Health_Score__c;
    }

    @JsonProperty("Health_Score__c")
    public void setHealth_Score__c(Double Health_Score__c) {
        this.Health_Score__c = Health_Score__c;
    }

    @JsonProperty("Health_Band__c")
    public String getHealth_Band__c() {
        return Health_Band__c;
    }

    @JsonProperty("Health_Band__c")
    public void setHealth_Band__c(String Health_Band__c) {
        this.Health_Band__c = Health_Band__c;
    }

    @JsonProperty("Health_Trend__c")
    public String getHealth_Trend__c() {
        return Health_Trend__c;
    }

    @JsonProperty("Health_Trend__c")
    public void setHealth_Trend__c(String Health_Trend__c) {
        this.Health_Trend__c = Health_Trend__c;
    }

    @JsonProperty("Health_Scored_At__c")
    public ZonedDateTime getHealth_Scored_At__c() {
        return Health_Scored_At__c;
    }

    @JsonProperty("Health_Scored_At__c")
    public void setHealth_Scored_At__c(ZonedDateTime Health_Scored_At__c) {
        this.Health_Scored_At__c = Health_Scored_At__c;
    }

    @JsonProperty("Engagement_Score__c")
    public Double getEngagement_Score__c() {
        return Engagement_Score__c;
    }

    @JsonProperty("Engagement_Score__c")
    public void setEngagement_Score__c(Double Engagement_Score__c) {
        this.Engagement_Score__c = Engagement_Score__c;
    }

    @JsonProperty("CE_Balance__c")
    public Double getCE_Balance__c() {
        return CE_Balance__c;
    }

    @JsonProperty("CE_Balance__c")
    public void setCE_Balance__c(Double CE_Balance__c) {
        this.CE_Balance__c = CE_Balance__c;
    }

    @Override
    public final SObjectDescription description() {
        return DESCRIPTION;
    }

    private static SObjectDescription createSObjectDescription() {
        var description = new SObjectDescription();
        List<SObjectField> fields = new ArrayList<>();
        fields.add(createField("Id", "Record ID", "id", "tns:ID", 18, false, false, false, false, false, false, true));
        fields.add(createField("Name", "Name", "string", "xsd:string", 255, false, true, true, false, false, false, true));
        fields.add(createField("Salutation", "Salutation", "string", "xsd:string", 40, false, true, false, false, false, false, false));
        fields.add(createField("FirstName", "FirstName", "string", "xsd:string", 40, false, true, false, false, false, false, false));
        fields.add(createField("LastName", "LastName", "string", "xsd:string", 80, false, false, false, false, false, false, false));
        fields.add(createField("Email", "Email", "email", "xsd:string", 80, false, true, false, false, false, false, false));
        fields.add(createField("Phone", "Phone", "phone", "xsd:string", 40, false, true, false, false, false, false, false));
        fields.add(createField("AccountId", "AccountId", "reference", "tns:ID", 18, false, true, false, false, false, false, false));
        fields.add(createField("MailingStreet", "MailingStreet", "textarea", "xsd:string", 32768, false, true, false, false, false, false, false));
        fields.add(createField("MailingCity", "MailingCity", "string", "xsd:string", 40, false, true, false, false, false, false, false));
        fields.add(createField("MailingState", "MailingState", "string", "xsd:string", 80, false, true, false, false, false, false, false));
        fields.add(createField("MailingPostalCode", "MailingPostalCode", "string", "xsd:string", 20, false, true, false, false, false, false, false));
        fields.add(createField("MailingCountry", "MailingCountry", "string", "xsd:string", 80, false, true, false, false, false, false, false));
        fields.add(createField("Member_Number__c", "Member Number", "string", "xsd:string", 20, true, true, false, true, true, false, true));
        fields.add(createField("Community_Id__c", "Community Id", "string", "xsd:string", 64, true, true, false, true, true, false, true));
        fields.add(createField("Gateway_Customer_Id__c", "Gateway Customer Id", "string", "xsd:string", 64, true, true, false, true, true, false, true));
        fields.add(createField("Membership_Status__c", "Membership Status", "picklist", "xsd:string", 255, false, true, false, false, true, false, false));
        fields.add(createField("Membership_Level__c", "Membership Level", "picklist", "xsd:string", 255, false, true, false, false, true, false, false));
        fields.add(createField("Membership_Start_Date__c", "Membership Start Date", "date", "xsd:date", 0, false, true, false, false, true, false, false));
        fields.add(createField("Membership_End_Date__c", "Membership End Date", "date", "xsd:date", 0, false, true, false, false, true, false, false));
        fields.add(createField("Membership_Dues__c", "Membership Dues", "currency", "xsd:double", 0, false, true, false, false, true, false, false));
        fields.add(createField("Member_Since__c", "Member Since", "date", "xsd:date", 0, false, true, false, false, true, false, false));
        fields.add(createField("Employer__c", "Employer", "string", "xsd:string", 120, false, true, false, false, true, false, false));
        fields.add(createField("Bio__c", "Bio", "textarea", "xsd:string", 32768, false, true, false, false, true, false, false));
        fields.add(createField("Avatar_Url__c", "Avatar Url", "url", "xsd:string", 255, false, true, false, false, true, false, false));
        fields.add(createField("Communication_Preferences__c", "Communication Preferences", "string", "xsd:string", 255, false, true, false, false, true, false, false));
        fields.add(createField("Health_Score__c", "Health Score", "double", "xsd:double", 0, false, true, false, false, true, false, false));
        fields.add(createField("Health_Band__c", "Health Band", "picklist", "xsd:string", 255, false, true, false, false, true, false, false));
        fields.add(createField("Health_Trend__c", "Health Trend", "picklist", "xsd:string", 255, false, true, false, false, true, false, false));
        fields.add(createField("Health_Scored_At__c", "Health Scored At", "datetime", "xsd:dateTime", 0, false, true, false, false, true, false, false));
        fields.add(createField("Engagement_Score__c", "Engagement Score", "double", "xsd:double", 0, false, true, false, false, true, false, false));
        fields.add(createField("CE_Balance__c", "CE Balance", "double", "xsd:double", 0, false, true, false, false, true, false, false));
        description.setFields(fields);
        description.setName("Contact");
        description.setLabel("Contact");
        description.setLabelPlural("Contacts");
        description.setCustom(false);
        return description;
    }
}
