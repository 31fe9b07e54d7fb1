package org.memberbus.crm.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;
import org.apache.camel.component.salesforce.api.dto.SObjectField;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Salesforce DTO for sObject Association_Event__c, in the form camel-salesforce generates: An event the association runs.
 * Id, OwnerId, Name and the system fields are inherited. Custom lookups can also be set by
 * external id through the relationship property, e.g. {@code setContact__r(Contact.byMemberNumber("M000001"))}.
 */
public class Association_Event__c extends AbstractDescribedSObjectBase {

    private static final SObjectDescription DESCRIPTION = createSObjectDescription();

    private LocalDate Start_Date__c;
    private Double Capacity__c;
    private Double Member_Price__c;
    private Double Non_Member_Price__c;
    private Double CEU_Credits__c;
    private String Community_Event_Id__c;
    private String Status__c;

    public Association_Event__c() {
        getAttributes().setType("Association_Event__c");
    }

    /** A reference to an event by its community id, for lookups of related records. */
    public static Association_Event__c byCommunityEventId(String communityEventId) {
        var event = new Association_Event__c();
        event.setCommunity_Event_Id__c(communityEventId);
        return event;
    }

    @JsonProperty("Start_Date__c")
    public LocalDate getStart_Date__c() {
        return Start_Date__c;
    }

    @JsonProperty("Start_Date__c")
    public void setStart_Date__c(LocalDate Start_Date__c) {
        this.Start_Date__c = Start_Date__c;
    }

    @JsonProperty("Capacity__c")
    public Double getCapacity__c() {
        return Capacity__c;
    }

    @JsonProperty("Capacity__c")
    public void setCapacity__c(Double Capacity__c) {
        this.Capacity__c = Capacity__c;
    }

    @JsonProperty("Member_Price__c")
    public Double getMember_Price__c() {
        return Member_Price__c;
    }

    @JsonProperty("Member_Price__c")
    public void setMember_Price__c(Double Member_Price__c) {
        this.Member_Price__c = Member_Price__c;
    }

    @JsonProperty("Non_Member_Price__c")
    public Double getNon_Member_Price__c() {
        return Non_Member_Price__c;
    }

    @JsonProperty("Non_Member_Price__c")
    public void setNon_Member_Price__c(Double Non_Member_Price__c) {
        this.Non_Member_Price__c = Non_Member_Price__c;
    }

    @JsonProperty("CEU_Credits__c")
    public Double getCEU_Credits__c() {
        return CEU_Credits__c;
    }

    @JsonProperty("CEU_Credits__c")
    public void setCEU_Credits__c(Double CEU_Credits__c) {
        this.CEU_Credits__c = CEU_Credits__c;
    }

    @JsonProperty("Community_Event_Id__c")
    public String getCommunity_Event_Id__c() {
        return Community_Event_Id__c;
    }

    @JsonProperty("Community_Event_Id__c")
    public void setCommunity_Event_Id__c(String Community_Event_Id__c) {
        this.Community_Event_Id__c = Community_Event_Id__c;
    }

    @JsonProperty("Status__c")
    public String getStatus__c() {
        return Status__c;
    }

    @JsonProperty("Status__c")
    public void setStatus__c(String Status__c) {
        this.Status__c = Status__c;
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
        fields.add(createField("Start_Date__c", "Start Date", "date", "xsd:date", 0, false, true, false, false, true, false, false));
        fields.add(createField("Capacity__c", "Capacity", "double", "xsd:double", 0, false, true, false, false, true, false, false));
        fields.add(createField("Member_Price__c", "Member Price", "currency", "xsd:double", 0, false, true, false, false, true, false, false));
        fields.add(createField("Non_Member_Price__c", "Non Member Price", "currency", "xsd:double", 0, false, true, false, false, true, false, false));
        fields.add(createField("CEU_Credits__c", "CEU Credits", "double", "xsd:double", 0, false, true, false, false, true, false, false));
        fields.add(createField("Community_Event_Id__c", "Community Event Id", "string", "xsd:string", 64, true, true, false, true, true, false, true));
        fields.add(createField("Status__c", "Status", "picklist", "xsd:string", 255, false, true, false, false, true, false, false));
        description.setFields(fields);
        description.setName("Association_Event__c");
        description.setLabel("Association Event");
        description.setLabelPlural("Association Events");
        description.setCustom(true);
        return description;
    }
}
