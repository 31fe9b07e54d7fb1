package org.memberbus.crm.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;
import org.apache.camel.component.salesforce.api.dto.SObjectField;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Salesforce DTO for sObject Invoice__c, in the form camel-salesforce generates: An invoice from accounting.
 * Id, OwnerId, Name and the system fields are inherited. Custom lookups can also be set by
 * external id through the relationship property, e.g. {@code setContact__r(Contact.byMemberNumber("M000001"))}.
 */
public class Invoice__c extends AbstractDescribedSObjectBase {

    private static final SObjectDescription DESCRIPTION = createSObjectDescription();

    private String Contact__c;
    private String Number__c;
    private Double Amount__c;
    private String Status__c;
    private LocalDate Due_Date__c;
    private Contact Contact__r;

    public Invoice__c() {
        getAttributes().setType("Invoice__c");
    }

    @JsonProperty("Contact__c")
    public String getContact__c() {
        return Contact__c;
    }

    @JsonProperty("Contact__c")
    public void setContact__c(String Contact__c) {
        this.Contact__c = Contact__c;
    }

    @JsonProperty("Number__c")
    public String getNumber__c() {
        return Number__c;
    }

    @JsonProperty("Number__c")
    public void setNumber__c(String Number__c) {
        this.Number__c = Number__c;
    }

    @JsonProperty("Amount__c")
    public Double getAmount__c() {
        return Amount__c;
    }

    @JsonProperty("Amount__c")
    public void setAmount__c(Double Amount__c) {
        this.Amount__c = Amount__c;
    }

    @JsonProperty("Status__c")
    public String getStatus__c() {
        return Status__c;
    }

    @JsonProperty("Status__c")
    public void setStatus__c(String Status__c) {
        this.Status__c = Status__c;
    }

    @JsonProperty("Due_Date__c")
    public LocalDate getDue_Date__c() {
        return Due_Date__c;
    }

    @JsonProperty("Due_Date__c")
    public void setDue_Date__c(LocalDate Due_Date__c) {
        this.Due_Date__c = Due_Date__c;
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
        fields.add(createField("Contact__c", "Contact", "reference", "tns:ID", 18, false, true, false, false, true, false, false));
        fields.add(createField("Number__c", "Number", "string", "xsd:string", 40, true, true, false, true, true, false, true));
        fields.add(createField("Amount__c", "Amount", "currency", "xsd:double", 0, false, true, false, false, true, false, false));
        fields.add(createField("Status__c", "Status", "picklist", "xsd:string", 255, false, true, false, false, true, false, false));
        fields.add(createField("Due_Date__c", "Due Date", "date", "xsd:date", 0, false, true, false, false, true, false, false));
        description.setFields(fields);
        description.setName("Invoice__c");
        description.setLabel("Invoice");
        description.setLabelPlural("Invoices");
        description.setCustom(true);
        return description;
    }
}
