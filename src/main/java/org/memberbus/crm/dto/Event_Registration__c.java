package org.memberbus.crm.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;
import org.apache.camel.component.salesforce.api.dto.SObjectField;
import java.util.ArrayList;
import java.util.List;

/**
 * Salesforce DTO for sObject Event_Registration__c, in the form camel-salesforce generates: A contact's registration for an event (Status__c: Registered, Waitlisted, Cancelled, Attended).
 * Id, OwnerId, Name and the system fields are inherited. Custom lookups can also be set by
 * external id through the relationship property, e.g. {@code setContact__r(Contact.byMemberNumber("M000001"))}.
 */
public class Event_Registration__c extends AbstractDescribedSObjectBase {

    private static final SObjectDescription DESCRIPTION = createSObjectDescription();

    private String Contact__c;
    private String Association_Event__c;
    private String Status__c;
    private Double Amount__c;
    private String Registration_Key__c;
    private Contact Contact__r;
    private Association_Event__c Association_Event__r;

    public Event_Registration__c() {
        getAttributes().setType("Event_Registration__c");
    }

    @JsonProperty("Contact__c")
    public String getContact__c() {
        return Contact__c;
    }

    @JsonProperty("Contact__c")
    public void setContact__c(String Contact__c) {
        this.Contact__c = Contact__c;
    }

    @JsonProperty("Association_Event__c")
    public String getAssociation_Event__c() {
        return Association_Event__c;
    }

    @JsonProperty("Association_Event__c")
    public void setAssociation_Event__c(String Association_Event__c) {
        this.Association_Event__c = Association_Event__c;
    }

    @JsonProperty("Status__c")
    public String getStatus__c() {
        return Status__c;
    }

    @JsonProperty("Status__c")
    public void setStatus__c(String Status__c) {
        this.Status__c = Status__c;
    }

    @JsonProperty("Amount__c")
    public Double getAmount__c() {
        return Amount__c;
    }

    @JsonProperty("Amount__c")
    public void setAmount__c(Double Amount__c) {
        this.Amount__c = Amount__c;
    }

    @JsonProperty("Registration_Key__c")
    public String getRegistration_Key__c() {
        return Registration_Key__c;
    }

    @JsonProperty("Registration_Key__c")
    public void setRegistration_Key__c(String Registration_Key__c) {
        this.Registration_Key__c = Registration_Key__c;
    }

    @JsonProperty("Contact__r")
    public Contact getContact__r() {
        return Contact__r;
    }

    @JsonProperty("Contact__r")
    public void setContact__r(Contact Contact__r) {
        this.Contact__r = Contact__r;
    }

    @JsonProperty("Association_Event__r")
    public Association_Event__c getAssociation_Event__r() {
        return Association_Event__r;
    }

    @JsonProperty("Association_Event__r")
    public void setAssociation_Event__r(Association_Event__c Association_Event__r) {
        this.Association_Event__r = Association_Event__r;
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
        fields.add(createField("Association_Event__c", "Association Event", "reference", "tns:ID", 18, false, false, false, false, true, false, false));
        fields.add(createField("Status__c", "Status", "picklist", "xsd:string", 255, false, true, false, false, true, false, false));
        fields.add(createField("Amount__c", "Amount", "currency", "xsd:double", 0, false, true, false, false, true, false, false));
        fields.add(createField("Registration_Key__c", "Registration Key", "string", "xsd:string", 100, true, true, false, true, true, false, true));
        description.setFields(fields);
        description.setName("Event_Registration__c");
        description.setLabel("Event Registration");
        description.setLabelPlural("Event Registrations");
        description.setCustom(true);
        return description;
    }
}
