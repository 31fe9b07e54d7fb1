package org.memberbus.crm.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;
import org.apache.camel.component.salesforce.api.dto.SObjectField;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Salesforce DTO for sObject Task, in the form camel-salesforce generates: A follow-up task for a relationship owner (WhoId: the contact).
 * Id, OwnerId, Name and the system fields are inherited. Custom lookups can also be set by
 * external id through the relationship property, e.g. {@code setContact__r(Contact.byMemberNumber("M000001"))}.
 */
public class Task extends AbstractDescribedSObjectBase {

    private static final SObjectDescription DESCRIPTION = createSObjectDescription();

    private String WhoId;
    private String Subject;
    private String Status;
    private String Priority;
    private LocalDate ActivityDate;
    private String Description;
    private String Bus_Key__c;

    public Task() {
        getAttributes().setType("Task");
    }

    @JsonProperty("WhoId")
    public String getWhoId() {
        return WhoId;
    }

    @JsonProperty("WhoId")
    public void setWhoId(String WhoId) {
        this.WhoId = WhoId;
    }

    @JsonProperty("Subject")
    public String getSubject() {
        return Subject;
    }

    @JsonProperty("Subject")
    public void setSubject(String Subject) {
        this.Subject = Subject;
    }

    @JsonProperty("Status")
    public String getStatus() {
        return Status;
    }

    @JsonProperty("Status")
    public void setStatus(String Status) {
        this.Status = Status;
    }

    @JsonProperty("Priority")
    public String getPriority() {
        return Priority;
    }

    @JsonProperty("Priority")
    public void setPriority(String Priority) {
        this.Priority = Priority;
    }

    @JsonProperty("ActivityDate")
    public LocalDate getActivityDate() {
        return ActivityDate;
    }

    @JsonProperty("ActivityDate")
    public void setActivityDate(LocalDate ActivityDate) {
        this.ActivityDate = ActivityDate;
    }

    @JsonProperty("Description")
    public String getDescription() {
        return Description;
    }

    @JsonProperty("Description")
    public void setDescription(String Description) {
        this.Description = Description;
    }

    @Override
    public final SObjectDescription description() {
        return DESCRIPTION;
    }
    /** The bus's idempotency key (external id, unique): a Task is upserted by it, so a resend finds it. */
    @JsonProperty("Bus_Key__c")
    public String getBus_Key__c() {
        return Bus_Key__c;
    }

    @JsonProperty("Bus_Key__c")
    public void setBus_Key__c(String Bus_Key__c) {
        this.Bus_Key__c = Bus_Key__c;
    }

    private static SObjectDescription createSObjectDescription() {
        var description = new SObjectDescription();
        List<SObjectField> fields = new ArrayList<>();
        fields.add(createField("Id", "Record ID", "id", "tns:ID", 18, false, false, false, false, false, false, true));
        fields.add(createField("WhoId", "WhoId", "reference", "tns:ID", 18, false, true, false, false, false, false, false));
        fields.add(createField("Subject", "Subject", "string", "xsd:string", 255, false, true, false, false, false, false, false));
        fields.add(createField("Status", "Status", "picklist", "xsd:string", 255, false, true, false, false, false, false, false));
        fields.add(createField("Priority", "Priority", "picklist", "xsd:string", 255, false, true, false, false, false, false, false));
        fields.add(createField("ActivityDate", "ActivityDate", "date", "xsd:date", 0, false, true, false, false, false, false, false));
        fields.add(createField("Description", "Description", "textarea", "xsd:string", 32768, false, true, false, false, false, false, false));
        fields.add(createField("Bus_Key__c", "Bus Key", "string", "xsd:string", 255, false, true, false, true, true, false, true));
        description.setFields(fields);
        description.setName("Task");
        description.setLabel("Task");
        description.setLabelPlural("Tasks");
        description.setCustom(false);
        return description;
    }
}
