package org.memberbus.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrmChangeEventsTest {

    final CrmChangeEvents events = new CrmChangeEvents(new ObjectMapper());

    @Test
    void anUpdateCarriesTheChangedFieldsFlattenedAndOneChangePerRecord() throws Exception {
        var message = """
                {"channel":"/data/ContactChangeEvent","data":{"schema":"s1","event":{"replayId":42},
                 "payload":{"ChangeEventHeader":{"entityName":"Contact","changeType":"UPDATE",
                   "changedFields":["Name.FirstName","MailingAddress.City","Membership_Level__c","Bio__c","LastModifiedDate"],
                   "recordIds":["003DM0000000001AAA","003DM0000000002AAA"],"commitTimestamp":1795400000123,
                   "changeOrigin":"com/salesforce/api/rest/56.0"},
                  "Name":{"FirstName":"Grace","LastName":null},"MailingAddress":{"City":"Boston"},
                  "Membership_Level__c":"Fellow","Bio__c":null,"LastModifiedDate":"2026-11-23T10:00:00.123Z",
                  "Phone":"ignored: not in changedFields"}}}""";
        var changes = events.read(message);
        assertThat(changes).extracting(CrmChange::recordId).containsExactly("003DM0000000001AAA", "003DM0000000002AAA");
        var change = changes.get(0);
        assertThat(change.eventId()).isEqualTo("crm:42:003DM0000000001AAA");
        assertThat(change.version()).isEqualTo("2026-11-23T02:13:20.123Z");
        assertThat(change.fields()).containsOnlyKeys("FirstName", "MailingCity", "Membership_Level__c", "Bio__c", "LastModifiedDate")
                .containsEntry("FirstName", "Grace").containsEntry("MailingCity", "Boston")
                .containsEntry("Membership_Level__c", "Fellow").containsEntry("Bio__c", null);
    }

    @Test
    void aCreateCarriesEveryFieldSet() throws Exception {
        var message = """
                {"data":{"event":{"replayId":7},"payload":{"ChangeEventHeader":{"entityName":"Contact",
                  "changeType":"CREATE","changedFields":[],"recordIds":["003DM0000000003AAA"],"commitTimestamp":1},
                  "Name":{"FirstName":"Ada","LastName":"Lovelace"},"Email":"ada@example.org","Phone":null}}}""";
        assertThat(events.read(message).get(0).fields())
                .isEqualTo(Map.of("FirstName", "Ada", "LastName", "Lovelace", "Email", "ada@example.org"));
    }

    @Test
    void aGapEventNamesItsRecordsAndCarriesNoValues() throws Exception {
        var message = """
                {"data":{"event":{"replayId":9},"payload":{"ChangeEventHeader":{"entityName":"Contact",
                  "changeType":"GAP_UPDATE","changedFields":[],"changeOrigin":"","recordIds":["003DM0000000004AAA"],
                  "commitTimestamp":1},"Name":null,"Email":null,"Membership_Level__c":null}}}""";
        var change = events.read(message).get(0);
        assertThat(change.changeType()).isEqualTo("GAP_UPDATE");
        assertThat(change.recordId()).isEqualTo("003DM0000000004AAA");
        assertThat(change.fields()).isEmpty();
    }

    @Test
    void anUndeleteCarriesEveryFieldAndADeleteNone() throws Exception {
        var undelete = """
                {"data":{"event":{"replayId":10},"payload":{"ChangeEventHeader":{"entityName":"Contact",
                  "changeType":"UNDELETE","changedFields":[],"recordIds":["003DM0000000005AAA"],"commitTimestamp":1},
                  "Name":{"LastName":"Back"},"Membership_Status__c":"Active"}}}""";
        assertThat(events.read(undelete).get(0).fields()).isEqualTo(Map.of("LastName", "Back", "Membership_Status__c", "Active"));
        var delete = undelete.replace("UNDELETE", "DELETE");
        assertThat(events.read(delete).get(0).fields()).isEmpty();
    }
}
