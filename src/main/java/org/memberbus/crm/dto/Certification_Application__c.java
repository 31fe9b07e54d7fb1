package org.memberbus.crm.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;
import org.apache.camel.component.salesforce.api.dto.SObjectField;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Salesforce DTO for sObject Certification_Application__c, in the form camel-salesforce generates: An application for a certification programme.
 * Id, OwnerId, Name and the system fields are inherited. Custom lookups can also be set by
 * external id through the relationship property, e.g. {@code setContact__r(Contact.byMemberNumber("M000001"))}.
 */
public class Certification_Application__c extends AbstractDescribedSObjectBase {

    private static final SObjectDescription DESCRIPTION = createSObjectDescription();

    private String Contact__c;
    private String Program__c;
    private String Status__c;
    private ZonedDateTime Submitted_At__c;
    private String Community_Application_Id__c;
    private Contact Contact__r;

    public Certification_Application__c() {
        getAttributes().setType("Certification_Application__c");
    }

    @JsonProperty("Contact__c")
    public String getContact__c() {
        return Contact__c;
    }

    @JsonProperty("Contact__c")
    public void setContact__c(String Contact__c) {
        this.Contact__c = Contact__c;
    }

    @JsonProperty("Program__c")
    public String getProgram__c() {
        return Program__c;
    }

    @JsonProperty("Program__c")
    public void setProgram__c(String Program__c) {
        this.Program__c = Program__c;
    }

    @JsonProperty("Status__c")
    public String getStatus__c() {
        return Status__c;
    }

    @JsonProperty("Status__c")
    public void setStatus__c(String Status__c) {
        this.Status__c = Status__c;
    }

    @JsonProperty("Submitted_At__c")
    public ZonedDateTime getSubmitted_At__c() {
        return Submitted_At__c;
    }

    @JsonProperty("Submitted_At__c")
    public void setSubmitted_At__c(ZonedDateTime Submitted_At__c) {
        this.Submitted_At__c = Submitted_At__c;
    }

    @JsonProperty("Community_Application_Id__c")
    public String getCommunity_Application_Id__c() {
        return Community_Application_Id__c;
    }

    @JsonProperty("Community_Application_Id__c")
    public void setCommunity_Application_Id__c(String Community_Application_Id__c) {
        this.Community_Application_Id__c = Community_Application_Id__c;
    }

    @JsonProperty("Contact__r")
    public Contact getContact__r() {
        return Contact__r;
    }

    @JsonProperty("Contact__r")
    public void setContact__r(Contact Contact__r) {
        this.Contact__r = Contact__r;
    }

    @Override
    public final SObjectDescription description() {
        return DESCRIPTION;
    }

    private static SObjectDescription createSObjectDescription() {
        var description = new SObjectDescription();
        List<SObjectField> fields = new ArrayList<>();
        fields.add(createField("Id", "Record ID", "id", "tns:ID", 18, false, false, false, false, false, false, true));
        fields.add(createField("Name", "Name", "string", "xsd:string", 80, false, true, true, false, false, false, true));
        fields.add(createField("Contact__c", "Contact", "reference", "tns:ID", 18, false, false, false, false, true, false, false));
        fields.add(createField("Program__c", "Program", "string", "xsd:string", 120, false, true, false, false, true, false, false));
        fields.add(createField("Status__c", "Status", "picklist", "xsd:string", 255, false, true, false, false, true, false, false));
        fields.add(createField("Submitted_At__c", "Submitted At", "datetime", "xsd:dateTime", 0, false, true, false, false, true, false, false));
        fields.add(createField("Community_Application_Id__c", "Community Application Id", "string", "xsd:string", 64, true, true, false, true, true, false, true));
        description.setFields(fields);
        description.setName("Certification_Application__c");
        description.setLabel("Certification Application");
        description.setLabelPlural("Certification Applications");
        description.setCustom(true);
        return description;
    }
}
