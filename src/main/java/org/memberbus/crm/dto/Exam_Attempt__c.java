package org.memberbus.crm.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;
import org.apache.camel.component.salesforce.api.dto.SObjectField;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Salesforce DTO for sObject Exam_Attempt__c, in the form camel-salesforce generates: One sitting of a certification exam and its result.
 * Id, OwnerId, Name and the system fields are inherited. Custom lookups can also be set by
 * external id through the relationship property, e.g. {@code setContact__r(Contact.byMemberNumber("M000001"))}.
 */
public class Exam_Attempt__c extends AbstractDescribedSObjectBase {

    private static final SObjectDescription DESCRIPTION = createSObjectDescription();

    private String Certification_Application__c;
    private String Contact__c;
    private String Exam_Body__c;
    private LocalDate Exam_Date__c;
    private Double Score__c;
    private Boolean Passed__c;
    private String Result_Id__c;
    private Certification_Application__c Certification_Application__r;
    private Contact Contact__r;

    // certification (issue 11)
    private String Exam_Code__c;
    private String Outcome__c;

    public Exam_Attempt__c() {
        getAttributes().setType("Exam_Attempt__c");
    }

    @JsonProperty("Certification_Application__c")
    public String getCertification_Application__c() {
        return Certification_Application__c;
    }

    @JsonProperty("Certification_Application__c")
    public void setCertification_Application__c(String Certification_Application__c) {
        this.Certification_Application__c = Certification_Application__c;
    }

    @JsonProperty("Contact__c")
    public String getContact__c() {
        return Contact__c;
    }

    @JsonProperty("Contact__c")
    public void setContact__c(String Contact__c) {
        this.Contact__c = Contact__c;
    }

    @JsonProperty("Exam_Body__c")
    public String getExam_Body__c() {
        return Exam_Body__c;
    }

    @JsonProperty("Exam_Body__c")
    public void setExam_Body__c(String Exam_Body__c) {
        this.Exam_Body__c = Exam_Body__c;
    }

    @JsonProperty("Exam_Date__c")
    public LocalDate getExam_Date__c() {
        return Exam_Date__c;
    }

    @JsonProperty("Exam_Date__c")
    public void setExam_Date__c(LocalDate Exam_Date__c) {
        this.Exam_Date__c = Exam_Date__c;
    }

    @JsonProperty("Score__c")
    public Double getScore__c() {
        return Score__c;
    }

    @JsonProperty("Score__c")
    public void setScore__c(Double Score__c) {
        this.Score__c = Score__c;
    }

    @JsonProperty("Passed__c")
    public Boolean getPassed__c() {
        return Passed__c;
    }

    @JsonProperty("Passed__c")
    public void setPassed__c(Boolean Passed__c) {
        this.Passed__c = Passed__c;
    }

    @JsonProperty("Result_Id__c")
    public String getResult_Id__c() {
        return Result_Id__c;
    }

    @JsonProperty("Result_Id__c")
    public void setResult_Id__c(String Result_Id__c) {
        this.Result_Id__c = Result_Id__c;
    }

    @JsonProperty("Certification_Application__r")
    public Certification_Application__c getCertification_Application__r() {
        return Certification_Application__r;
    }

    @JsonProperty("Certification_Application__r")
    public void setCertification_Application__r(Certification_Application__c Certification_Application__r) {
        this.Certification_Application__r = Certification_Application__r;
    }

    @JsonProperty("Contact__r")
    public Contact getContact__r() {
        return Contact__r;
    }

    @JsonProperty("Contact__r")
    public void setContact__r(Contact Contact__r) {
        this.Contact__r = Contact__r;
    }

    @JsonProperty("Exam_Code__c")
    public String getExam_Code__c() {
        return Exam_Code__c;
    }

    @JsonProperty("Exam_Code__c")
    public void setExam_Code__c(String Exam_Code__c) {
        this.Exam_Code__c = Exam_Code__c;
    }

    @JsonProperty("Outcome__c")
    public String getOutcome__c() {
        return Outcome__c;
    }

    @JsonProperty("Outcome__c")
    public void setOutcome__c(String Outcome__c) {
        this.Outcome__c = Outcome__c;
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
        fields.add(createField("Certification_Application__c", "Certification Application", "reference", "tns:ID", 18, false, true, false, false, true, false, false));
        fields.add(createField("Contact__c", "Contact", "reference", "tns:ID", 18, false, false, false, false, true, false, false));
        fields.add(createField("Exam_Body__c", "Exam Body", "string", "xsd:string", 120, false, true, false, false, true, false, false));
        fields.add(createField("Exam_Date__c", "Exam Date", "date", "xsd:date", 0, false, true, false, false, true, false, false));
        fields.add(createField("Score__c", "Score", "double", "xsd:double", 0, false, true, false, false, true, false, false));
        fields.add(createField("Passed__c", "Passed", "boolean", "xsd:boolean", 0, false, true, false, false, true, false, false));
        fields.add(createField("Result_Id__c", "Result Id", "string", "xsd:string", 64, true, true, false, true, true, false, true));
        fields.add(createField("Exam_Code__c", "Exam Code", "string", "xsd:string", 32, false, true, false, false, true, false, false));
        fields.add(createField("Outcome__c", "Outcome", "string", "xsd:string", 255, false, true, false, false, true, false, false));
        description.setFields(fields);
        description.setName("Exam_Attempt__c");
        description.setLabel("Exam Attempt");
        description.setLabelPlural("Exam Attempts");
        description.setCustom(true);
        return description;
    }
}
