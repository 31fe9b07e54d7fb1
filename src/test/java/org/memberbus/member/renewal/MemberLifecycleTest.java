package org.memberbus.member.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.memberbus.sandbox.demo.Standing;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The member lifecycle across the whole bus, seen from the partner systems: renewal notices,
 * renewal payments (one-off and a dues subscription renewing at the gateway), the nightly lapse,
 * archive after the grace period, and reactivation.
 *
 * <p>Members: the demo association's members whose number ends in 7 (no other test uses them),
 * each test its own. The sandbox is shared with other test classes, so nothing here counts on
 * global totals.
 */
@SandboxTest
class MemberLifecycleTest {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final List<DemoMember> SEVENS = DemoAssociation.generate(TODAY).members().stream()
            .filter(m -> m.number() % 10 == 7).toList();
    static final Duration PATIENCE = Duration.ofSeconds(90);

    @LocalServerPort int port;
    @Value("${memberbus.gateway.url}") String gatewayUrl;
    @Autowired PartnerProbe partners;
    @Autowired JdbcTemplate jdbc;
    @Autowired Scheduler scheduler;
    final ObjectMapper json = new ObjectMapper();

    static List<DemoMember> sevens(Predicate<DemoMember> rule) {
        return SEVENS.stream().filter(rule).toList();
    }

    static boolean active(DemoMember m) {
        return m.status() == Standing.ACTIVE;
    }

    /** Active, not expiring soon, without a dues subscription at the gateway (that renews by itself). */
    static final List<DemoMember> STEADY = sevens(m -> active(m) && m.endDate().isAfter(TODAY.plusDays(45))
            && m.number() % 3 != 0);
    static final List<DemoMember> LAPSED = sevens(m -> m.status() == Standing.LAPSED
            && m.endDate().isAfter(TODAY.minusDays(80)));

    BusClient bus() {
        return new BusClient(port);
    }

    GatewayApi gateway() {
        return new GatewayApi(gatewayUrl);
    }

    JsonNode runJob(String name) throws Exception {
        var response = bus().postAs(BusClient.OPS, "/api/v1/jobs/" + name + "/run", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var report = json.readTree(response.body());
        assertThat(report.path("job").asText()).isEqualTo(name);
        return report;
    }

    List<JsonNode> triggered(String contactId, String campaign) {
        var list = new ArrayList<JsonNode>();
        partners.campaignsTriggered(contactId).forEach(t -> {
            if (campaign.equals(t.path("campaign").asText())) {
                list.add(t);
            }
        });
        return list;
    }

    JsonNode membership(DemoMember m) {
        return partners.soql("SELECT Id, Status__c, Start_Date__c, End_Date__c FROM Membership__c WHERE Id = '"
                + m.membershipId() + "'").path("records").path(0);
    }

    void assertCrm(DemoMember m, String status, LocalDate end) {
        var contact = partners.contact(m.crmContactId());
        assertThat(contact.path("Membership_Status__c").asText()).isEqualTo(status);
        assertThat(contact.path("Membership_End_Date__c").asText()).isEqualTo(end.toString());
        var membership = membership(m);
        assertThat(membership.path("Status__c").asText()).isEqualTo(status);
        assertThat(membership.path("End_Date__c").asText()).isEqualTo(end.toString());
    }

    void assertCommunity(DemoMember m, String status, String access, LocalDate end) {
        var account = partners.communityAccount(m.communityId());
        assertThat(account.path("membershipStatus").asText()).isEqualTo(status);
        assertThat(account.path("accessLevel").asText()).isEqualTo(access);
        assertThat(account.path("membershipEndDate").asText()).isEqualTo(end.toString());
    }

    /** What staff do in Salesforce: move a membership's end date (the Contact's roll-up and the record). */
    void staffSetsEndDate(DemoMember m, LocalDate end) {
        partners.updateSObject("Contact", m.crmContactId(), "{\"Membership_End_Date__c\":\"" + end + "\"}");
        partners.updateSObject("Membership__c", m.membershipId(), "{\"End_Date__c\":\"" + end + "\"}");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                partners.communityAccount(m.communityId()).path("membershipEndDate").asText()).isEqualTo(end.toString()));
    }

    JsonNode payRenewal(DemoMember m) {
        var intent = gateway().pay(m.gatewayCustomerId(), m.dues().movePointRight(2).longValueExact(),
                Map.of("purpose", "renewal", "crm_contact_id", m.crmContactId(), "member_number", m.memberNumber()));
        assertThat(intent.path("status").asText()).as(intent.toString()).isEqualTo("succeeded");
        return intent;
    }

    @Test
    void anExpiringMemberGetsTheRenewalNoticeOncePerTerm() throws Exception {
        var member = sevens(m -> active(m) && m.expiresWithin(TODAY, 30) && m.number() % 3 != 0).get(0);
        var requestId = "renewal-notice:" + member.crmContactId() + ":" + member.endDate();

        var first = runJob("renewal-notices");
        assertThat(first.path("counts").path("expiring").asLong()).isGreaterThanOrEqualTo(1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(triggered(member.crmContactId(), "renewal-notice"))
                .singleElement().satisfies(t -> {
                    assertThat(t.path("requestId").asText()).isEqualTo(requestId);
                    assertThat(t.at("/tokens/membershipEndDate").asText()).isEqualTo(member.endDate().toString());
                }));

        var second = runJob("renewal-notices");
        assertThat(second.path("counts").path("alreadyNotified").asLong()).isGreaterThanOrEqualTo(1);
        System.out.printf("renewal-notices: first run %s, second run %s%n", first.path("counts"), second.path("counts"));
        assertThat(jdbc.queryForObject("select count(*) from job_run where job = 'renewal-notices'", Integer.class))
                .isGreaterThanOrEqualTo(2);
        assertThat(triggered(member.crmContactId(), "renewal-notice")).hasSize(1);
    }

    @Test
    void aRenewalPaymentExtendsTheMembershipByATermOnceAndConfirmsIt() throws Exception {
        var member = STEADY.get(0);
        var newEnd = member.endDate().plusYears(1);
        var intent = payRenewal(member);
        var paymentId = intent.path("id").asText();

        await().atMost(PATIENCE).untilAsserted(() -> assertCrm(member, "Active", newEnd));
        await().atMost(PATIENCE).untilAsserted(() -> assertCommunity(member, "ACTIVE",
                member.level().name().equals("FELLOW") ? "PREMIUM" : "MEMBER", newEnd));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(triggered(member.crmContactId(), "renewal-confirmation"))
                .singleElement().satisfies(t -> {
                    assertThat(t.path("requestId").asText()).isEqualTo("renewal-confirmation:" + paymentId);
                    assertThat(t.at("/tokens/reactivated").asBoolean()).isFalse();
                    assertThat(t.at("/tokens/membershipEndDate").asText()).isEqualTo(newEnd.toString());
                }));

        // the gateway's event again: refused as a duplicate at the door
        var event = gateway().event("payment_intent.succeeded", paymentId);
        assertThat(event).isNotNull();
        var again = bus().gatewayWebhook(json.writeValueAsString(event));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("duplicate");

        // the same payment under another event id gets through to the flow, which applies it no second time
        var resentId = "evt_resent_" + UUID.randomUUID();
        ((ObjectNode) event).put("id", resentId);
        assertThat(bus().gatewayWebhook(json.writeValueAsString(event)).statusCode()).isEqualTo(202);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from camel_messageprocessed where processorname = 'member-renewal-payments' and messageid = ?",
                Integer.class, resentId)).isEqualTo(1));
        assertCrm(member, "Active", newEnd);
        assertThat(jdbc.queryForObject("select count(*) from membership_renewal where payment_id = ? and applied_at is not null",
                Integer.class, paymentId)).isEqualTo(1);
        assertThat(triggered(member.crmContactId(), "renewal-confirmation")).hasSize(1);
    }

    @Test
    void aMembershipPastItsEndDateIsLapsedRestrictedAndToldInOneRunOfAFewCalls() throws Exception {
        var member = STEADY.get(1);
        var yesterday = TODAY.minusDays(1);
        staffSetsEndDate(member, yesterday);

        long before = partners.salesforceApiCalls();
        var report = runJob("membership-lapse");
        long after = partners.salesforceApiCalls();
        var counts = report.path("counts");
        System.out.printf("membership-lapse: %s; Salesforce API calls measured at the org during the run: %d%n",
                counts, after - before);

        assertThat(counts.path("lapsed").asLong()).isGreaterThanOrEqualTo(1);
        assertCrm(member, "Lapsed", yesterday);
        long records = counts.path("lapsed").asLong() + counts.path("archived").asLong()
                + counts.path("membershipRecords").asLong() + counts.path("refused").asLong();
        // two queries (a page each at this size) and one sObject Collections call per 200 records
        assertThat(counts.path("salesforceCalls").asLong()).isLessThanOrEqualTo(4 + (records + 199) / 200);
        assertThat(after - before).isGreaterThanOrEqualTo(counts.path("salesforceCalls").asLong());

        await().atMost(PATIENCE).untilAsserted(() -> assertCommunity(member, "LAPSED", "RESTRICTED", yesterday));
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(triggered(member.crmContactId(), "lapse-notice")).singleElement().satisfies(t ->
                    assertThat(t.path("requestId").asText()).isEqualTo("lapse-notice:" + member.crmContactId() + ":" + yesterday));
            assertThat(triggered(member.crmContactId(), "reactivation")).hasSize(1);
        });
        assertThat(jdbc.queryForObject("select count(*) from job_run where job = 'membership-lapse'", Integer.class))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void pastTheGracePeriodAMembershipIsArchivedInBoth() throws Exception {
        var active = STEADY.get(2);
        var lapsed = LAPSED.get(1);
        var longAgo = TODAY.minusDays(120);
        var beyondGrace = TODAY.minusDays(100);
        staffSetsEndDate(active, longAgo);
        staffSetsEndDate(lapsed, beyondGrace);

        var report = runJob("membership-lapse");
        assertThat(report.at("/counts/archived").asLong()).isGreaterThanOrEqualTo(2);
        assertCrm(active, "Archived", longAgo);
        assertCrm(lapsed, "Archived", beyondGrace);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertCommunity(active, "ARCHIVED", "NONE", longAgo);
            assertCommunity(lapsed, "ARCHIVED", "NONE", beyondGrace);
        });
        assertThat(triggered(active.crmContactId(), "lapse-notice")).isEmpty();
    }

    @Test
    void aLapsedMemberWhoPaysIsActiveAgainForATermFromToday() throws Exception {
        var member = LAPSED.get(0);
        var newEnd = TODAY.plusYears(1).minusDays(1);
        var intent = payRenewal(member);

        await().atMost(PATIENCE).untilAsserted(() -> assertCrm(member, "Active", newEnd));
        assertThat(membership(member).path("Start_Date__c").asText()).isEqualTo(TODAY.toString());
        await().atMost(PATIENCE).untilAsserted(() -> assertCommunity(member, "ACTIVE",
                member.level().name().equals("FELLOW") ? "PREMIUM" : "MEMBER", newEnd));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(triggered(member.crmContactId(), "renewal-confirmation"))
                .singleElement().satisfies(t -> {
                    assertThat(t.path("requestId").asText()).isEqualTo("renewal-confirmation:" + intent.path("id").asText());
                    assertThat(t.at("/tokens/reactivated").asBoolean()).isTrue();
                }));
    }

    @Test
    void aDuesSubscriptionRenewingAtTheGatewayExtendsTheMembership() throws Exception {
        // the member of ours whose seeded dues subscription renews first (cards of multiples of 30 decline)
        var member = sevens(m -> active(m) && m.number() % 3 == 0 && m.number() % 30 != 0 && m.expiresWithin(TODAY, 30))
                .stream().min(Comparator.comparing(DemoMember::endDate)).orElseThrow();
        var subscription = "sub_SBXdues" + member.memberNumber();
        long renewsAt = member.endDate().atTime(12, 0).toEpochSecond(ZoneOffset.UTC);
        long now = gateway().now();
        if (now < renewsAt + 60) {
            gateway().advanceSeconds(renewsAt + 60 - now);
        }
        var renewals = new ArrayList<String>();
        await().atMost(PATIENCE).untilAsserted(() -> {
            renewals.clear();
            gateway().get("/v1/invoices?limit=100&status=paid&subscription=" + subscription).path("data").forEach(i -> {
                // (the seeded invoice in_SBXdues... is the history of the current term)
                if (i.path("billing_reason").asText().equals("subscription_cycle") && !i.path("id").asText().startsWith("in_SBX")) {
                    renewals.add(i.path("id").asText());
                }
            });
            assertThat(renewals).isNotEmpty();
        });
        var newEnd = member.endDate().plusYears(renewals.size());

        await().atMost(PATIENCE).untilAsserted(() -> assertCrm(member, "Active", newEnd));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                partners.communityAccount(member.communityId()).path("membershipEndDate").asText()).isEqualTo(newEnd.toString()));
        // the confirmation queues behind the renewal notices that the shared sandbox's jobs send to the
        // marketing automation, which takes 100 calls in 20 s: on a loaded machine that takes minutes
        await().atMost(PATIENCE.multipliedBy(3)).untilAsserted(() -> assertThat(triggered(member.crmContactId(), "renewal-confirmation"))
                .extracting(t -> t.path("requestId").asText()).contains("renewal-confirmation:" + renewals.get(0)));
    }

    @Test
    void theNightlyScheduleRunsTheSameJobAndTheApiNeedsAnOperator() throws Exception {
        String runs = "select count(*) from job_run where job = 'membership-lapse'";
        int before = jdbc.queryForObject(runs, Integer.class);
        scheduler.triggerJob(new JobKey("membership-lapse", "memberbus"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.queryForObject(runs, Integer.class)).isGreaterThan(before));

        assertThat(bus().post("/api/v1/jobs/membership-lapse/run", "").statusCode()).isEqualTo(401);
        var unknown = bus().postAs(BusClient.OPS, "/api/v1/jobs/no-such-job/run", "");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("membership-lapse");
    }
}
