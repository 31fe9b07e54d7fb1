package org.memberbus.crm.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;
import org.apache.camel.component.salesforce.api.dto.SObjectField;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Salesforce DTO for sObject Payment__c, in the form camel-salesforce generates: A payment taken by the gateway (Type__c: Dues, Event, Certification, Donation).
 * Id, OwnerId, Name and the system fields are inherited. Custom lookups can also be set by
 * external id through the relationship property, e.g. {@code setContact__r(Contact.byMemberNumber("M000001"))}.
 */
public class Payment__c extends AbstractDescribedSObjectBase {

    private static final SObjectDescription DESCRIPTION = createSObjectDescription();

    private String Contact__c;
    private Double Amount__c;
    private String Currency__c;
    private String Status__c;
    private String Type__c;
    private String Gateway_Payment_Id__c;
    private ZonedDateTime Paid_At__c;
    private Double Refunded_Amount__c;
    private Contact Contact__r;

    public Payment__c() {
        getAttributes().setType("Payment__c");
    }

    @JsonProperty("Contact__c")
    public String getContact__c() {
        return Contact__c;
    }

    @JsonProperty("Contact__c")
    public void setContact__c(String Contact__c) {
        this.Contact__c = Contact__c;
    }

    @JsonProperty("Amount__c")
    public Double getAmount__c() {
        return Amount__c;
    }

    @JsonProperty("Amount__c")
    public void setAmount__c(Double Amount__c) {
        this.Amount__c = Amount__c;
    }

    @JsonProperty("Currency__c")
    public String getCurrency__c() {
        return Currency__c;
    }

    @JsonProperty("Currency__c")
    public void setCurrency__c(String Currency__c) {
        this.Currency__c = Currency__c;
    }

    @JsonProperty("Status__c")
    public String getStatus__c() {
        return Status__c;
    }

    @JsonProperty("Status__c")
    public void setStatus__c(String Status__c) {
        this.Status__c = Status__c;
    }

    @JsonProperty("Type__c")
    public String getType__c() {
        return Type__c;
    }

    @JsonProperty("Type__c")
    public void setType__c(String Type__c) {
        this.Type__c = Type__c;
    }

    @JsonProperty("Gateway_Payment_Id__c")
    public String getGateway_Payment_Id__c() {
        return Gateway_Payment_Id__c;
    }

    @JsonProperty("Gateway_Payment_Id__c")
    public void setGateway_Payment_Id__c(String Gateway_Payment_Id__c) {
        this.Gateway_Payment_Id__c = Gateway_Payment_Id__c;
    }

    @JsonProperty("Paid_At__c")
    public ZonedDateTime getPaid_At__c() {
        return Paid_At__c;
    }

    @JsonProperty("Paid_At__c")
    public void setPaid_At__c(ZonedDateTime Paid_At__c) {
        this.Paid_At__c = Paid_At__c;
    }

    @JsonProperty("Refunded_Amount__c")
    public Double getRefunded_Amount__c() {
        return Refunded_Amount__c;
    }

    @JsonProperty("Refunded_Amount__c")
    public void setRefunded_Amount__c(Double Refunded_Amount__c) {
        this.Refunded_Amount__c = Refunded_Amount__c;
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
        fields.add(createField("Amount__c", "Amount", "currency", "xsd:double", 0, false, false, false, false, true, false, false));
        fields.add(createField("Currency__c", "Currency", "string", "xsd:string", 3, false, true, false, false, true, false, false));
        fields.add(createField("Status__c", "Status", "picklist", "xsd:string", 255, false, true, false, false, true, false, false));
        fields.add(createField("Type__c", "Type", "picklist", "xsd:string", 255, false, true, false, false, true, false, false));
        fields.add(createField("Gateway_Payment_Id__c", "Gateway Payment Id", "string", "xsd:string", 64, true, true, false, true, true, false, true));
        fields.add(createField("Paid_At__c", "Paid At", "datetime", "xsd:dateTime", 0, false, true, false, false, true, false, false));
        fields.add(createField("Refunded_Amount__c", "Refunded Amount", "currency", "xsd:double", 0, false, true, false, false, true, false, false));
        description.setFields(fields);
        description.setName("Payment__c");
        description.setLabel("Payment");
        description.setLabelPlural("Payments");
        description.setCustom(true);
        return description;
    }
}
