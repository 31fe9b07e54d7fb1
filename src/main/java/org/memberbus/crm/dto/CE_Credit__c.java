package org.memberbus.crm.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;
import org.apache.camel.component.salesforce.api.dto.SObjectField;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Salesforce DTO for sObject CE_Credit__c, in the form camel-salesforce generates: Continuing-education credits a contact earned.
 * Id, OwnerId, Name and the system fields are inherited. Custom lookups can also be set by
 * external id through the relationship property, e.g. {@code setContact__r(Contact.byMemberNumber("M000001"))}.
 */
public class CE_Credit__c extends AbstractDescribedSObjectBase {

    private static final SObjectDescription DESCRIPTION = createSObjectDescription();

    private String Contact__c;
    private Double Credits__c;
    private String Source__c;
    private LocalDate Earned_Date__c;
    private String Source_Key__c;
    private Contact Contact__r;

    public CE_Credit__c() {
        getAttributes().setType("CE_Credit__c");
    }

    @JsonProperty("Contact__c")
    public String getContact__c() {
        return Contact__c;
    }

    @JsonProperty("Contact__c")
    public void setContact__c(String Contact__c) {
        this.Contact__c = Contact__c;
    }

    @JsonProperty("Credits__c")
    public Double getCredits__c() {
        return Credits__c;
    }

    @JsonProperty("Credits__c")
    public void setCredits__c(Double Credits__c) {
        this.Credits__c = Credits__c;
    }

    @JsonProperty("Source__c")
    public String getSource__c() {
        return Source__c;
    }

    @JsonProperty("Source__c")
    public void setSource__c(String Source__c) {
        this.Source__c = Source__c;
    }

    @JsonProperty("Earned_Date__c")
    public LocalDate getEarned_Date__c() {
        return Earned_Date__c;
    }

    @JsonProperty("Earned_Date__c")
    public void setEarned_Date__c(LocalDate Earned_Date__c) {
        this.Earned_Date__c = Earned_Date__c;
    }

    @JsonProperty("Source_Key__c")
    public String getSource_Key__c() {
        return Source_Key__c;
    }

    @JsonProperty("Source_Key__c")
    public void setSource_Key__c(String Source_Key__c) {
        this.Source_Key__c = Source_Key__c;
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
        fields.add(createField("Credits__c", "Credits", "double", "xsd:double", 0, false, true, false, false, true, false, false));
        fields.add(createField("Source__c", "Source", "string", "xsd:string", 120, false, true, false, false, true, false, false));
        fields.add(createField("Earned_Date__c", "Earned Date", "date", "xsd:date", 0, false, true, false, false, true, false, false));
        fields.add(createField("Source_Key__c", "Source Key", "string", "xsd:string", 100, true, true, false, true, true, false, true));
        description.setFields(fields);
        description.setName("CE_Credit__c");
        description.setLabel("CE Credit");
        description.setLabelPlural("CE Credits");
        description.setCustom(true);
        return description;
    }
}
