package org.memberbus.crm.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;
import org.apache.camel.component.salesforce.api.dto.SObjectField;
import java.util.ArrayList;
import java.util.List;

/**
 * Salesforce DTO for sObject Account, in the form camel-salesforce generates: A company members work for.
 * Id, OwnerId, Name and the system fields are inherited. Custom lookups can also be set by
 * external id through the relationship property, e.g. {@code setContact__r(Contact.byMemberNumber("M000001"))}.
 */
public class Account extends AbstractDescribedSObjectBase {

    private static final SObjectDescription DESCRIPTION = createSObjectDescription();

    private String Phone;
    private String Website;

    public Account() {
        getAttributes().setType("Account");
    }

    @JsonProperty("Phone")
    public String getPhone() {
        return Phone;
    }

    @JsonProperty("Phone")
    public void setPhone(String Phone) {
        this.Phone = Phone;
    }

    @JsonProperty("Website")
    public String getWebsite() {
        return Website;
    }

    @JsonProperty("Website")
    public void setWebsite(String Website) {
        this.Website = Website;
    }

    @Override
    public final SObjectDescription description() {
        return DESCRIPTION;
    }

    private static SObjectDescription createSObjectDescription() {
        var description = new SObjectDescription();
        List<SObjectField> fields = new ArrayList<>();
        fields.add(createField("Id", "Record ID", "id", "tns:ID", 18, false, false, false, false, false, false, true));
        fields.add(createField("Name", "Name", "string", "xsd:string", 255, false, false, true, false, false, false, true));
        fields.add(createField("Phone", "Phone", "phone", "xsd:string", 40, false, true, false, false, false, false, false));
        fields.add(createField("Website", "Website", "url", "xsd:string", 255, false, true, false, false, false, false, false));
        description.setFields(fields);
        description.setName("Account");
        description.setLabel("Account");
        description.setLabelPlural("Accounts");
        description.setCustom(false);
        return description;
    }
}
