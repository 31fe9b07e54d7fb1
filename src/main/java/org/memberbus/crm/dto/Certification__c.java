package org.memberbus.crm.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;
import org.apache.camel.component.salesforce.api.dto.SObjectField;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Salesforce DTO for sObject Certification__c, in the form camel-salesforce generates: A certification a contact holds.
 * Id, OwnerId, Name and the system fields are inherited. Custom lookups can also be set by
 * external id through the relationship property, e.g. {@code setContact__r(Contact.byMemberNumber("M000001"))}.
 */
public class Certification__c extends AbstractDescribedSObjectBase {

    private static final SObjectDescription DESCRIPTION = createSObjectDescription();

    private String Contact__c;
    private String Program__c;
    private String Status__c;
    private LocalDate Awarded_Date__c;
    private LocalDate Expiration_Date__c;
    private Double CE_Required__c;
    private Contact Contact__r;

    // certification (issue 11)
    private String Certification_Key__c;
    private String Badge_Url__c;

    public Certification__c() {
        getAttributes().setType("Certification__c");
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

    @JsonProperty("Awarded_Date__c")
    public LocalDate getAwarded_Date__c() {
        return Awarded_Date__c;
    }

    @JsonProperty("Awarded_Date__c")
    public void setAwarded_Date__c(LocalDate Awarded_Date__c) {
        this.Awarded_Date__c = Awarded_Date__c;
    }

    @JsonProperty("Expiration_Date__c")
    public LocalDate getExpiration_Date__c() {
        return Expiration_Date__c;
    }

    @JsonProperty("Expiration_Date__c")
    public void setExpiration_Date__c(LocalDate Expiration_Date__c) {
        this.Expiration_Date__c = Expiration_Date__c;
    }

    @JsonProperty("CE_Required__c")
    public Double getCE_Required__c() {
        return CE_Required__c;
    }

    @JsonProperty("CE_Required__c")
    public void setCE_Required__c(Double CE_Required__c) {
        this.CE_Required__c = CE_Required__c;
    }

    @JsonProperty("Contact__r")
    public Contact getContact__r() {
        return Contact__r;
    }

    @JsonProperty("Contact__r")
    public void setContact__r(Contact Contact__r) {
        this.Contact__r = Contact__r;
    }

    @JsonProperty("Certification_Key__c")
    public String getCertification_Key__c() {
        return Certification_Key__c;
    }

    @JsonProperty("Certification_Key__c")
    public void setCertification_Key__c(String Certification_Key__c) {
        this.Certification_Key__c = Certification_Key__c;
    }

    @JsonProperty("Badge_Url__c")
    public String getBadge_Url__c() {
        return Badge_Url__c;
    }

    @JsonProperty("Badge_Url__c")
    public void setBadge_Url__c(String Badge_Url__c) {
        this.Badge_Url__c = Badge_Url__c;
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
        fields.add(createField("Awarded_Date__c", "Awarded Date", "date", "xsd:date", 0, false, true, false, false, true, false, false));
        fields.add(createField("Expiration_Date__c", "Expiration Date", "date", "xsd:date", 0, false, true, false, false, true, false, false));
        fields.add(createField("CE_Required__c", "CE Required", "double", "xsd:double", 0, false, true, false, false, true, false, false));
        fields.add(createField("Certification_Key__c", "Certification Key", "string", "xsd:string", 100, true, true, false, true, true, false, true));
        fields.add(createField("Badge_Url__c", "Badge Url", "string", "xsd:string", 255, false, true, false, false, true, false, false));
        description.setFields(fields);
        description.setName("Certification__c");
        description.setLabel("Certification");
        description.setLabelPlural("Certifications");
        description.setCustom(true);
        return description;
    }
}
