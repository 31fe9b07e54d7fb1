package org.memberbus.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SOQL evaluation and the store's save rules, without HTTP. */
class QueryEngineTest {

    private static final SObjectStore.Context CTX = new SObjectStore.Context(SalesforceSettings.INTEGRATION_USER_ID,
            "com/salesforce/api/rest/56.0");

    private ChangeEventLog events;
    private SObjectStore store;
    private QueryEngine engine;
    private ObjectDef contact;
    private ObjectDef membership;
    private String ada;

    @BeforeEach
    void setUp() {
        events = new ChangeEventLog(Duration.ofHours(72), 1000);
        store = new SObjectStore(new OrgSchema(), events);
        engine = new QueryEngine(store, () -> 2);
        contact = store.schema().require("Contact");
        membership = store.schema().require("Membership__c");
        var today = SalesforceTime.today();
        ada = store.write(CTX, txn -> txn.create(contact, Map.of("FirstName", "Ada", "LastName", "Lovelace",
                "Member_Number__c", "M1", "Email", "ada@example.org", "Member_Since__c", today.minusDays(2).toString())));
        store.write(CTX, txn -> txn.create(contact, Map.of("FirstName", "Grace", "LastName", "Hopper",
                "Member_Number__c", "M2", "Email", "grace@navy.mil", "Member_Since__c", today.minusDays(40).toString(),
                "CE_Balance__c", 12)));
        store.write(CTX, txn -> txn.create(contact, Map.of("LastName", "Turing", "Member_Number__c", "M3")));
        store.write(CTX, txn -> txn.create(membership, Map.of("Contact__c", ada, "Status__c", "Active",
                "Dues__c", 295, "End_Date__c", today.plusDays(5).toString())));
    }

    private List<Map<String, Object>> records(String soql) {
        var all = new java.util.ArrayList<Map<String, Object>>();
        @SuppressWarnings("unchecked")
        var page = engine.query(soql, false, "v56.0", null);
        while (true) {
            all.addAll((List<Map<String, Object>>) page.get("records"));
            if ((Boolean) page.get("done")) {
                return all;
            }
            var next = (String) page.get("nextRecordsUrl");
            page = engine.next(next.substring(next.lastIndexOf('/') + 1), "v56.0");
        }
    }

    private List<Object> lastNames(String soql) {
        return records(soql).stream().map(r -> r.get("LastName")).toList();
    }

    @Test
    void filtersSortsAndPages() {
        var first = engine.query("SELECT Id, LastName FROM Contact ORDER BY LastName", false, "v56.0", null);
        assertThat(first.get("totalSize")).isEqualTo(3);
        assertThat(first.get("done")).isEqualTo(false);
        assertThat((String) first.get("nextRecordsUrl")).startsWith("/services/data/v56.0/query/01g").endsWith("-2");
        assertThat(lastNames("SELECT LastName FROM Contact ORDER BY LastName DESC"))
                .containsExactly("Turing", "Lovelace", "Hopper");
        assertThat(lastNames("SELECT LastName FROM Contact WHERE Email LIKE '%example.ORG'")).containsExactly("Lovelace");
        assertThat(lastNames("SELECT LastName FROM Contact WHERE lastname = 'hopper'")).containsExactly("Hopper");
        assertThat(lastNames("SELECT LastName FROM Contact WHERE Member_Number__c IN ('M1','M3') ORDER BY LastName"))
                .containsExactly("Lovelace", "Turing");
        assertThat(lastNames("SELECT LastName FROM Contact WHERE Email != null AND CE_Balance__c > 10"))
                .containsExactly("Hopper");
        assertThat(lastNames("SELECT LastName FROM Contact WHERE FirstName = null")).containsExactly("Turing");
        assertThat(lastNames("SELECT LastName FROM Contact WHERE Member_Since__c = LAST_N_DAYS:7"))
                .containsExactly("Lovelace");
        assertThat(lastNames("SELECT LastName FROM Contact WHERE CreatedDate = TODAY ORDER BY LastName LIMIT 1 OFFSET 1"))
                .containsExactly("Lovelace");
        assertThat(lastNames("SELECT LastName FROM Contact WHERE NOT (Member_Number__c = 'M1' OR Member_Number__c = 'M2')"))
                .containsExactly("Turing");
        assertThat(lastNames("SELECT LastName FROM Contact WHERE SystemModstamp > 2020-01-01T00:00:00Z ORDER BY LastName"))
                .hasSize(3);
        assertThat(lastNames("SELECT LastName FROM Contact WHERE LastModifiedDate < 2020-01-01T00:00:00Z")).isEmpty();
        assertThat(engine.query("SELECT COUNT() FROM Contact WHERE Member_Number__c != 'M1'", false, "v56.0", null))
                .containsEntry("totalSize", 2).containsEntry("records", List.of());
    }

    @Test
    void relationshipFieldsAndDates() {
        var rows = records("SELECT Name, Contact__r.Member_Number__c, Contact__r.Name, Dues__c FROM Membership__c"
                + " WHERE Contact__r.Member_Number__c = 'M1' AND End_Date__c = NEXT_N_DAYS:10");
        assertThat(rows).hasSize(1);
        var row = rows.get(0);
        assertThat(row.get("Name")).isEqualTo("MS-000001");
        assertThat(row.get("Dues__c")).isEqualTo(295.0);
        @SuppressWarnings("unchecked")
        var related = (Map<String, Object>) row.get("Contact__r");
        assertThat(related).containsEntry("Member_Number__c", "M1").containsEntry("Name", "Ada Lovelace");
        assertThat(related.get("attributes")).isEqualTo(Map.of("type", "Contact",
                "url", "/services/data/v56.0/sobjects/Contact/" + ada));
    }

    @Test
    void typeErrorsAreReportedAsSalesforceDoes() {
        assertThatThrownBy(() -> engine.query("SELECT Foo__c FROM Contact", false, "v56.0", null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errorCode()).isEqualTo("INVALID_FIELD"));
        assertThatThrownBy(() -> engine.query("SELECT Id FROM Nothing__c", false, "v56.0", null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errorCode()).isEqualTo("INVALID_TYPE"));
        assertThatThrownBy(() -> engine.query("SELECT Id FROM Contact WHERE CE_Balance__c = '5'", false, "v56.0", null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errorCode()).isEqualTo("INVALID_FIELD"));
        assertThatThrownBy(() -> engine.query("SELECT Id FROM Contact WHERE CreatedDate > 2026-01-01", false, "v56.0", null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errorCode()).isEqualTo("INVALID_FIELD"));
        assertThatThrownBy(() -> engine.query("SELECT Id, Id FROM Contact", false, "v56.0", null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY"));
        assertThatThrownBy(() -> engine.next("01gSB0000000999AAA-2", "v56.0"))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("INVALID_QUERY_LOCATOR"));
    }

    @Test
    void saveRules() {
        assertThatThrownBy(() -> store.write(CTX, txn -> txn.create(contact, Map.of("FirstName", "No"))))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("REQUIRED_FIELD_MISSING");
                    assertThat(e.fields()).containsExactly("LastName");
                });
        assertThatThrownBy(() -> store.write(CTX, txn -> txn.create(contact, Map.of("LastName", "X",
                "Member_Number__c", "m1"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errorCode()).isEqualTo("DUPLICATE_VALUE"));
        assertThatThrownBy(() -> store.write(CTX, txn -> txn.create(membership, Map.of("Contact__c", ada,
                "Status__c", "Frozen"))))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"));
        assertThatThrownBy(() -> store.write(CTX, txn -> txn.create(membership, Map.of("Contact__c",
                "003SB0000009999AAA"))))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("INVALID_CROSS_REFERENCE_KEY"));
        assertThatThrownBy(() -> store.write(CTX, txn -> txn.update(contact, ada, Map.of("CreatedDate",
                "2020-01-01T00:00:00Z"))))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE"));
        assertThatThrownBy(() -> store.write(CTX, txn -> txn.update(contact, ada, Map.of("Nope__c", 1))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errorCode()).isEqualTo("INVALID_FIELD"));
        // a lookup by external id through the relationship
        var id = store.write(CTX, txn -> txn.create(membership, Map.of("Contact__r",
                Map.of("Member_Number__c", "M2"), "Level__c", "Fellow")));
        assertThat(store.get(membership, id)).containsEntry("Contact__c",
                store.findByExternalId(contact, contact.field("Member_Number__c").orElseThrow(), "M2").orElseThrow()
                        .get("Id")).containsEntry("Status__c", "Pending");
    }

    @Test
    void allOrNoneRollsBackAndPublishesNothing() {
        long before = events.lastReplayId();
        List<java.util.function.Function<SObjectStore.Txn, String>> ops = List.of(
                txn -> txn.create(contact, Map.of("LastName", "Kept?", "Member_Number__c", "M9")),
                txn -> txn.create(contact, Map.of("LastName", "Clash", "Member_Number__c", "M9")));
        var outcomes = store.write(CTX, true, ops);
        assertThat(outcomes.get(0).error().errorCode()).isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
        assertThat(outcomes.get(1).error().errorCode()).isEqualTo("DUPLICATE_VALUE");
        assertThat(records("SELECT Id FROM Contact WHERE Member_Number__c = 'M9'")).isEmpty();
        assertThat(events.lastReplayId()).isEqualTo(before);

        var partial = store.write(CTX, false, ops);
        assertThat(partial.get(0).success()).isTrue();
        assertThat(partial.get(1).error().errorCode()).isEqualTo("DUPLICATE_VALUE");
        assertThat(records("SELECT Id FROM Contact WHERE Member_Number__c = 'M9'")).hasSize(1);
        assertThat(events.lastReplayId()).isEqualTo(before + 1);
    }

    @Test
    void membershipChangesAreRolledUpOntoTheContact() {
        var membershipId = (String) records("SELECT Id FROM Membership__c WHERE Contact__c = '" + ada + "'").get(0)
                .get("Id");
        long before = events.lastReplayId();
        store.write(CTX, txn -> txn.update(membership, membershipId, Map.of("Status__c", "Lapsed")));
        assertThat(store.get(contact, ada)).containsEntry("Membership_Status__c", "Lapsed")
                .containsEntry("Membership_Dues__c", 295.0);
        var contactEvents = events.retained("/data/ContactChangeEvent");
        @SuppressWarnings("unchecked")
        var header = (Map<String, Object>) ((Map<String, Object>) contactEvents.get(contactEvents.size() - 1)
                .get("payload")).get("ChangeEventHeader");
        assertThat(header.get("changedFields")).isEqualTo(List.of("Membership_Status__c", "LastModifiedDate"));
        assertThat(header).containsEntry("sequenceNumber", 2).containsEntry("isTransactionEnd", true);
        assertThat(events.lastReplayId()).isEqualTo(before + 2);
    }

    @Test
    void changeEventsCarryHeaderAndChangedFields() {
        var change = new java.util.LinkedHashMap<String, Object>();
        change.put("LastName", "King");
        change.put("MailingCity", "London");
        change.put("Email", "");
        store.write(CTX, txn -> txn.update(contact, ada, change));
        var last = events.retained("/data/ContactChangeEvent");
        @SuppressWarnings("unchecked")
        var payload = (Map<String, Object>) last.get(last.size() - 1).get("payload");
        @SuppressWarnings("unchecked")
        var header = (Map<String, Object>) payload.get("ChangeEventHeader");
        assertThat(header).containsEntry("entityName", "Contact").containsEntry("changeType", "UPDATE")
                .containsEntry("recordIds", List.of(ada)).containsEntry("commitUser", CTX.userId())
                .containsEntry("changeOrigin", "com/salesforce/api/rest/56.0")
                .containsEntry("isTransactionEnd", true);
        assertThat(header.get("changedFields")).isEqualTo(List.of("Name.LastName", "MailingAddress.City", "Email",
                "LastModifiedDate"));
        assertThat(header.get("nulledFields")).isEqualTo(List.of("Email"));
        assertThat(payload.get("Name")).isEqualTo(Map.of("LastName", "King"));
        assertThat(payload.get("MailingAddress")).isEqualTo(Map.of("City", "London"));
        assertThat(payload).containsEntry("Email", null);
        assertThat((String) payload.get("LastModifiedDate")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        // the all-changes channel carries it too, and a no-op update publishes nothing
        long lastId = events.lastReplayId();
        store.write(CTX, txn -> txn.update(contact, ada, Map.of("LastName", "King")));
        assertThat(events.lastReplayId()).isEqualTo(lastId);
        assertThat(events.retained(ChangeEventLog.ALL_CHANGES)).hasSize(6);
    }
}
