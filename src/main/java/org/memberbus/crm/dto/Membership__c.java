package org.memberbus.crm.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;
import org.apache.camel.component.salesforce.api.dto.SObjectField;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Salesforce DTO for sObject Membership__c, in the form camel-salesforce generates: A membership period of a contact (Status__c: Pending, Active, Lapsed, Archived).
 * Id, OwnerId, Name and the system fields are inherited. Custom lookups can also be set by
 * external id through the relationship property, e.g. {@code setContact__r(Contact.byMemberNumber("M000001"))}.
 */
public class Membership__c extends AbstractDescribedSObjectBase {

    private static final SObjectDescription DESCRIPTION = createSObjectDescription();

    private String Contact__c;
    private String Level__c;
    private String Status__c;
    private LocalDate Start_Date__c;
    private LocalDate End_Date__c;
    private Double Dues__c;
    private Boolean Auto_Renew__c;
    private Contact Contact__r;

    public Membership__c() {
        getAttributes().setType("Membership__c");
    }

    @JsonProperty("Contact__c")
    public String getContact__c() {
        return Contact__c;
    }

    @JsonProperty("Contact__c")
    public void setContact__c(String Contact__c) {
        this.Contact__c = Contact__c;
    }

    @JsonProperty("Level__c")
    public String getLevel__c() {
        return Level__c;
    }

    @JsonProperty("Level__c")
    public void setLevel__c(String Level__c) {
        this.Level__c = Level__c;
    }

    @JsonProperty("Status__c")
    public String getStatus__c() {
        return Status__c;
    }

    @JsonProperty("Status__c")
    public void setStatus__c(String Status__c) {
        this.Status__c = Status__c;
    }

    @JsonProperty("Start_Date__c")
    public LocalDate getStart_Date__c() {
        return Start_Date__c;
    }

    @JsonProperty("Start_Date__c")
    public void setStart_Date__c(LocalDate Start_Date__c) {
        this.Start_Date__c = Start_Date__c;
    }

    @JsonProperty("End_Date__c")
    public LocalDate getEnd_Date__c() {
        return End_Date__c;
    }

    @JsonProperty("End_Date__c")
    public void setEnd_Date__c(LocalDate End_Date__c) {
        this.End_Date__c = End_Date__c;
    }

    @JsonProperty("Dues__c")
    public Double getDues__c() {
        return Dues__c;
    }

    @JsonProperty("Dues__c")
    public void setDues__c(Double Dues__c) {
        this.Dues__c = Dues__c;
    }

    @JsonProperty("Auto_Renew__c")
    public Boolean getAuto_Renew__c() {
        return Auto_Renew__c;
    }

    @JsonProperty("Auto_Renew__c")
    public void setAuto_Renew__c(Boolean Auto_Renew__c) {
        this.Auto_Renew__c = Auto_Renew__c;
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
        fields.add(createField("Level__c", "Level", "picklist", "xsd:string", 255, false, true, false, false, true, false, false));
        fields.add(createField("Status__c", "Status", "picklist", "xsd:string", 255, false, true, false, false, true, false, false));
        fields.add(createField("Start_Date__c", "Start Date", "date", "xsd:date", 0, false, true, false, false, true, false, false));
        fields.add(createField("End_Date__c", "End Date", "date", "xsd:date", 0, false, true, false, false, true, false, false));
        fields.add(createField("Dues__c", "Dues", "currency", "xsd:double", 0, false, true, false, false, true, false, false));
        fields.add(createField("Auto_Renew__c", "Auto Renew", "boolean", "xsd:boolean", 0, false, true, false, false, true, false, false));
        description.setFields(fields);
        description.setName("Membership__c");
        description.setLabel("Membership");
        description.setLabelPlural("Memberships");
        description.setCustom(true);
        return description;
    }
}
