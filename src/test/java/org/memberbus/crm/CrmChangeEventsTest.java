package org.memberbus.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

/** Change events as the Streaming API delivers them, compound fields (Name, addresses) included. */
class CrmChangeEventsTest {

    final CrmChangeEvents events = new CrmChangeEvents(new ObjectMapper());

    @Test
    void anUpdateOfCompoundFieldsGivesTheirPartsAsFieldsAndKeepsFieldsSetToNull() throws Exception {
        var changes = events.read("""
                {"channel":"/data/ContactChangeEvent","data":{"schema":"s","event":{"replayId":42},"payload":{
                  "ChangeEventHeader":{"entityName":"Contact","changeType":"UPDATE","recordIds":["003DM0000000001AAA"],
                    "commitTimestamp":1795408960092,"changeOrigin":"com/salesforce/api/rest/56.0",
                    "changedFields":["Name.FirstName","MailingAddress.City","Phone","LastModifiedDate"]},
                  "Name":{"FirstName":"Restarted","LastName":"Unchanged"},
                  "MailingAddress":{"City":"Lyon","Country":"France"},
                  "Phone":null,"LastModifiedDate":"2026-11-23T04:42:40Z"}}}""");
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.recordId()).isEqualTo("003DM0000000001AAA");
            assertThat(change.eventId()).isEqualTo("crm:42:003DM0000000001AAA");
            var expected = new HashMap<String, Object>();
            expected.put("FirstName", "Restarted");
            expected.put("MailingCity", "Lyon");
            expected.put("Phone", null);
            expected.put("LastModifiedDate", "2026-11-23T04:42:40Z");
            assertThat(change.fields()).containsExactlyInAnyOrderEntriesOf(expected);
        });
    }

    @Test
    void aCreateGivesEveryFieldSet() throws Exception {
        var changes = events.read("""
                {"data":{"event":{"replayId":7},"payload":{
                  "ChangeEventHeader":{"entityName":"Contact","changeType":"CREATE","recordIds":["003A","003B"],
                    "commitTimestamp":1,"changedFields":[]},
                  "Name":{"FirstName":"Ann","LastName":"Lee","Salutation":null},"Email":"a@example.org","Phone":null}}}""");
        assertThat(changes).hasSize(2).allSatisfy(change -> assertThat(change.fields())
                .containsOnlyKeys("FirstName", "LastName", "Email"));
    }
}
