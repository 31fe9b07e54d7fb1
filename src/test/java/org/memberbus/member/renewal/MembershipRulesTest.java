package org.memberbus.member.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.salesforce.api.dto.SaveSObjectResult;
import org.junit.jupiter.api.Test;
import org.memberbus.crm.dto.Contact;
import org.memberbus.crm.dto.Membership__c;

/** The renewal and lapse rules, without Spring or Camel. */
class MembershipRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final Clock CLOCK = Clock.fixed(TODAY.atTime(10, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    static final LifecycleSettings SETTINGS = new LifecycleSettings(ZoneId.of("UTC"), Period.ofYears(1), 30, 90, 200);
    final MembershipRenewal renewal = new MembershipRenewal(SETTINGS, CLOCK);
    final MembershipLapse lapse = new MembershipLapse(SETTINGS, CLOCK);

    static Map<String, Object> intentEvent(Map<String, Object> metadata) {
        return Map.of("id", "evt_1", "type", "payment_intent.succeeded",
                "data", Map.of("object", Map.of("id", "pi_1", "amount", 29500, "currency", "usd", "metadata", metadata)));
    }

    @Test
    void aPaymentIntentMarkedRenewalIsARenewalPayment() {
        var payment = renewal.payment(intentEvent(Map.of("purpose", "renewal", "crm_contact_id", "003DM0000000017AAA")));
        assertThat(payment).isEqualTo(new RenewalPayment("pi_1", "evt_1", "003DM0000000017AAA", 29500, "usd"));
        assertThat(renewal.payment(intentEvent(Map.of("type", "dues", "crm_contact_id", "003DM0000000017AAA")))).isNull();
        assertThat(renewal.payment(intentEvent(Map.of("purpose", "renewal", "crm_contact_id", "x' OR Id != '")))).isNull();
    }

    @Test
    void aDuesSubscriptionsRenewalInvoiceIsARenewalPaymentButItsFirstInvoiceIsNot() {
        var metadata = Map.of("crm_contact_id", "003DM0000000027AAA", "type", "dues");
        var invoice = Map.<String, Object>of("id", "in_1", "amount_paid", 29500, "currency", "usd",
                "billing_reason", "subscription_cycle",
                "parent", Map.of("type", "subscription_details", "subscription_details",
                        Map.of("subscription", "sub_SBXduesM000027", "metadata", metadata)));
        var event = Map.<String, Object>of("id", "evt_2", "type", "invoice.paid", "data", Map.of("object", invoice));
        assertThat(renewal.payment(event)).isEqualTo(new RenewalPayment("in_1", "evt_2", "003DM0000000027AAA", 29500, "usd"));

        var first = new java.util.HashMap<>(invoice);
        first.put("billing_reason", "subscription_create");
        assertThat(renewal.payment(Map.of("id", "evt_3", "type", "invoice.paid", "data", Map.of("object", first)))).isNull();
        var donation = new java.util.HashMap<>(invoice);
        donation.put("parent", Map.of("subscription_details", Map.of("metadata",
                Map.of("crm_contact_id", "003DM0000000027AAA", "type", "donation"))));
        assertThat(renewal.payment(Map.of("id", "evt_4", "type", "invoice.paid", "data", Map.of("object", donation)))).isNull();
    }

    @Test
    void aRenewalInvoiceGoesOnKafkaUnderItsMember() {
        var invoice = new org.memberbus.inbound.GatewayEvent("evt_5", "invoice.paid", 0, new org.memberbus.inbound.GatewayEvent.Data(
                Map.of("id", "in_1", "customer", "cus_1", "metadata", Map.of(), "parent", Map.of("subscription_details",
                        Map.of("metadata", Map.of("crm_contact_id", "003DM0000000027AAA"))))));
        assertThat(invoice.memberKey()).isEqualTo("003DM0000000027AAA");
        var unknown = new org.memberbus.inbound.GatewayEvent("evt_6", "invoice.paid", 0,
                new org.memberbus.inbound.GatewayEvent.Data(Map.of("id", "in_2", "customer", "cus_2")));
        assertThat(unknown.memberKey()).isEqualTo("gateway:cus_2");
    }

    static Map<String, Object> membership(String status, String end) {
        return Map.of("records", List.of(Map.of("Id", "a01DM0000000017AAA", "Status__c", status, "End_Date__c", end,
                "Contact__r", Map.of("Email", "ada@example.org", "FirstName", "Ada"))));
    }

    final RenewalPayment payment = new RenewalPayment("pi_1", "evt_1", "003DM0000000017AAA", 29500, "usd");

    @Test
    void anActiveMembershipContinuesItsTermEvenPastItsEndDate() {
        var early = renewal.decide(payment, membership("Active", "2026-12-10"), null);
        assertThat(early.newStart()).isEqualTo("2026-12-11");
        assertThat(early.newEnd()).isEqualTo("2027-12-10");
        assertThat(early.reactivated()).isFalse();
        var late = renewal.decide(payment, membership("Active", "2026-11-20"), null);
        assertThat(late.newEnd()).isEqualTo("2027-11-20");
    }

    @Test
    void aLapsedOrArchivedMembershipIsReactivatedFromToday() {
        for (var status : List.of("Lapsed", "Archived")) {
            var decision = renewal.decide(payment, membership(status, "2026-10-01"), null);
            assertThat(decision.newStart()).isEqualTo(TODAY);
            assertThat(decision.newEnd()).isEqualTo("2027-11-22");
            assertThat(decision.reactivated()).isTrue();
            assertThat(decision.previousStatus()).isEqualTo(status);
        }
    }

    @Test
    void aStoredDecisionIsKeptWhateverTheCrmSaysNow() {
        var stored = Map.<String, Object>of("membership_id", "a01DM0000000017AAA", "previous_status", "Active",
                "previous_end", java.sql.Date.valueOf("2026-12-10"), "new_start", java.sql.Date.valueOf("2026-12-11"),
                "new_end", java.sql.Date.valueOf("2027-12-10"), "reactivated", false);
        var decision = renewal.decide(payment, membership("Active", "2027-12-10"), stored);
        assertThat(decision.newEnd()).isEqualTo("2027-12-10");
        assertThat(decision.email()).isEqualTo("ada@example.org");
    }

    @Test
    void noMembershipInTheCrmIsAnError() {
        assertThatThrownBy(() -> renewal.decide(payment, Map.of("records", List.of()), null))
                .hasMessageContaining("003DM0000000017AAA");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCrmUpdateIsTheMembershipAndTheContactRollUps() {
        var decision = renewal.decide(payment, membership("Lapsed", "2026-10-01"), null);
        var records = renewal.crmUpdate(decision);
        assertThat(records).hasSize(2);
        var membership = (Membership__c) records.get(0);
        var contact = (Contact) records.get(1);
        assertThat(membership.getId()).isEqualTo("a01DM0000000017AAA");
        assertThat(membership.getStatus__c()).isEqualTo("Active");
        assertThat(membership.getEnd_Date__c()).isEqualTo("2027-11-22");
        assertThat(contact.getId()).isEqualTo("003DM0000000017AAA");
        assertThat(contact.getMembership_Status__c()).isEqualTo("Active");
        assertThat(contact.getMembership_End_Date__c()).isEqualTo("2027-11-22");

        var confirmation = renewal.confirmation(decision);
        assertThat(confirmation.requestId()).isEqualTo("renewal-confirmation:pi_1");
        assertThat(confirmation.body()).containsEntry("campaign", "renewal-confirmation")
                .containsEntry("crmContactId", "003DM0000000017AAA");
        assertThat((Map<String, Object>) confirmation.body().get("tokens")).containsEntry("reactivated", true)
                .containsEntry("membershipEndDate", "2027-11-22");
    }

    @Test
    void aRefusedRecordFailsTheRenewal() {
        var ok = new SaveSObjectResult();
        ok.setId("a01");
        ok.setSuccess(true);
        var refused = new SaveSObjectResult();
        refused.setId("003");
        refused.setSuccess(false);
        renewal.requireSaved(List.of(ok));
        assertThatThrownBy(() -> renewal.requireSaved(List.of(ok, refused))).isInstanceOf(CrmRefusedException.class)
                .hasMessageContaining("003");
    }

    @Test
    void aNoticeIsKeyedByMemberAndTerm() {
        var notice = renewal.renewalNotice(Map.of("Id", "003DM0000000017AAA", "FirstName", "Ada", "Email", "ada@example.org",
                "Membership_Level__c", "Fellow", "Membership_End_Date__c", "2026-12-10"));
        assertThat(notice.requestId()).isEqualTo("renewal-notice:003DM0000000017AAA:2026-12-10");
        assertThat(notice.body()).containsEntry("campaign", "renewal-notice").containsEntry("email", "ada@example.org");
    }

    // --- lapse ---

    static Map<String, Object> contact(int n, String status, LocalDate end) {
        return Map.of("Id", "003DM%010dAAA".formatted(n), "FirstName", "M" + n, "Email", "m" + n + "@example.org",
                "Membership_Status__c", status, "Membership_End_Date__c", end.toString());
    }

    static Map<String, Object> membershipRow(int n, String status, LocalDate end) {
        return Map.of("Id", "a01DM%010dAAA".formatted(n), "Contact__c", "003DM%010dAAA".formatted(n),
                "Status__c", status, "End_Date__c", end.toString());
    }

    @Test
    void pastTheEndDateIsLapsedAndPastTheGracePeriodArchived() {
        assertThat(lapse.statusOn(TODAY, "Active", TODAY)).isNull();
        assertThat(lapse.statusOn(TODAY, "Active", TODAY.minusDays(1))).isEqualTo("Lapsed");
        assertThat(lapse.statusOn(TODAY, "Active", TODAY.minusDays(90))).isEqualTo("Lapsed");
        assertThat(lapse.statusOn(TODAY, "Active", TODAY.minusDays(91))).isEqualTo("Archived");
        assertThat(lapse.statusOn(TODAY, "Lapsed", TODAY.minusDays(90))).isNull();
        assertThat(lapse.statusOn(TODAY, "Lapsed", TODAY.minusDays(91))).isEqualTo("Archived");
        assertThat(lapse.statusOn(TODAY, "Archived", TODAY.minusDays(400))).isNull();
        assertThat(lapse.statusOn(TODAY, "Pending", TODAY.minusDays(5))).isNull();
    }

    @Test
    void aRunChangesEachRecordWhereItIsBehindAndTellsOnlyTheNewlyLapsed() {
        var run = lapse.plan(
                List.of(contact(1, "Active", TODAY.minusDays(1)), contact(2, "Lapsed", TODAY.minusDays(100)),
                        contact(3, "Active", TODAY.minusDays(2))),
                List.of(membershipRow(1, "Active", TODAY.minusDays(1)), membershipRow(2, "Lapsed", TODAY.minusDays(100)),
                        membershipRow(4, "Active", TODAY.minusDays(3))));
        assertThat(run.changes()).extracting(LapseRun.Change::recordId).containsExactly(
                "003DM0000000001AAA", "a01DM0000000001AAA", "003DM0000000002AAA", "a01DM0000000002AAA",
                "003DM0000000003AAA", "a01DM0000000004AAA");

        var batches = lapse.batches(run);
        assertThat(batches).hasSize(1);
        var results = new java.util.ArrayList<SaveSObjectResult>();
        for (var record : batches.get(0)) {
            var result = new SaveSObjectResult();
            result.setId(record.getId());
            result.setSuccess(!record.getId().equals("003DM0000000003AAA"));
            results.add(result);
        }
        lapse.saved(run, batches.get(0), results);

        var campaigns = lapse.campaigns(run);
        assertThat(campaigns).extracting(CampaignCommand::requestId).containsExactly(
                "lapse-notice:003DM0000000001AAA:" + TODAY.minusDays(1),
                "reactivation:003DM0000000001AAA:" + TODAY.minusDays(1));
        assertThat(lapse.counts(run)).containsEntry("lapsed", 1L).containsEntry("archived", 1L)
                .containsEntry("membershipRecords", 3L).containsEntry("refused", 1L);
        assertThat(run.failures()).containsOnlyKeys("003DM0000000003AAA");
    }

    @Test
    void batchesHoldAtMostTheCollectionSize() {
        var small = new MembershipLapse(new LifecycleSettings(ZoneId.of("UTC"), Period.ofYears(1), 30, 90, 3), CLOCK);
        var contacts = new java.util.ArrayList<Map<String, Object>>();
        for (int n = 1; n <= 7; n++) {
            contacts.add(contact(n, "Active", TODAY.minusDays(1)));
        }
        var batches = small.batches(small.plan(contacts, List.of()));
        assertThat(batches).extracting(List::size).containsExactly(3, 3, 1);
        assertThatThrownBy(() -> new LifecycleSettings(ZoneId.of("UTC"), Period.ofYears(1), 30, 90, 201))
                .hasMessageContaining("collection-size");
    }
}
