package org.memberbus.finance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Locale;
import org.memberbus.PartnerProbe;

/** An active demo member as the CRM holds it: its contact id, level (upper case) and membership end. */
record ActiveMember(String id, String level, LocalDate end) {

    /** The first active member whose member number starts so (each test its own prefix). */
    static ActiveMember find(PartnerProbe partners, String numberPrefix) {
        var found = partners.soql("SELECT Id, Membership_Level__c, Membership_End_Date__c FROM Contact WHERE"
                + " Membership_Status__c = 'Active' AND Member_Number__c LIKE '" + numberPrefix + "%'"
                + " ORDER BY Member_Number__c LIMIT 1").at("/records/0");
        assertThat(found.isMissingNode()).as("an active member numbered " + numberPrefix + "...").isFalse();
        return new ActiveMember(found.path("Id").asText(),
                found.path("Membership_Level__c").asText().toUpperCase(Locale.ROOT),
                LocalDate.parse(found.path("Membership_End_Date__c").asText()));
    }
}
