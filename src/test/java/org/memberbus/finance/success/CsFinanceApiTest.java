package org.memberbus.finance.success;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.memberbus.TestUsers;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;
import org.memberbus.sandbox.demo.Standing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The customer-success finance APIs as a CS manager checks them: a member's paid totals and tenure
 * against what the CRM holds (payments recorded there by staff through the Salesforce REST API),
 * and a renewal forecast whose totals are the sums of its breakdowns, with the CRM's count of
 * memberships ending in the period and the renewal-risk API's probabilities. Demo members: numbers
 * with remainder 61 by 97 (no other test takes those).
 */
@SandboxTest
class CsFinanceApiTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final LocalDate TODAY = LocalDate.now();
    static final List<DemoMember> OURS = DemoAssociation.generate(TODAY).members().stream()
            .filter(m -> m.number() % 97 == 61 && m.status() == Standing.ACTIVE
                    && m.endDate().isAfter(TODAY.plusDays(40)) && m.endDate().isBefore(TODAY.plusDays(300)))
            .toList();

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired PartnerProbe partners;
    BusClient bus;

    @BeforeEach
    void healthScored() {
        bus = new BusClient(port);
        // the forecast weights by the health flow's probabilities: wait for its start-up backfill
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
                jdbc.queryForObject("select count(*) from health_job_run where job = 'backfill'", Integer.class) > 0);
    }

    @Test
    void aMembersValueIsWhatTheCrmHoldsLessRefunds() {
        DemoMember m = OURS.get(0);
        // what staff recorded in the CRM beside the demo dues: an event ticket partly refunded, a
        // certification fee refunded in full, a donation, and a pending donation
        payment(m, "Event", 145.00, "Partially Refunded", 45.50, "2026-05-10T09:00:00.000Z");
        payment(m, "Certification", 250.00, "Refunded", 250.00, "2026-06-01T09:00:00.000Z");
        payment(m, "Donation", 20.25, "Succeeded", null, "2026-07-04T09:00:00.000Z");
        payment(m, "Donation", 100.00, "Pending", null, null);

        var response = bus.get("/api/v1/cs-finance/value/" + m.crmContactId(), TestUsers.VIEWER);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode v = read(response.body());

        // the demo dues: one payment at the start of each of the last (up to) three membership years
        int terms = 0;
        for (int year = 0; year < 3 && !m.startDate().minusYears(year).isBefore(m.memberSince()); year++) {
            terms++;
        }
        long dues = terms * m.dues().longValue() * 100;
        assertThat(v.path("currency").asText()).isEqualTo("USD");
        assertThat(v.at("/paid/dues/count").asInt()).isEqualTo(terms);
        assertThat(v.at("/paid/dues/paid").asLong()).isEqualTo(dues);
        assertThat(v.at("/paid/events/net").asLong()).isEqualTo(9_950);        // 145.00 − 45.50
        assertThat(v.at("/paid/certifications/paid").asLong()).isEqualTo(25_000);
        assertThat(v.at("/paid/certifications/net").asLong()).isZero();
        assertThat(v.at("/paid/donations/paid").asLong()).isEqualTo(2_025);    // the pending one not yet
        assertThat(v.at("/refunds/amount").asLong()).isEqualTo(29_550);        // 45.50 + 250.00
        assertThat(v.at("/refunds/count").asInt()).isEqualTo(2);
        assertThat(v.at("/pending/amount").asLong()).isEqualTo(10_000);
        assertThat(v.path("lifetimeValue").asLong()).isEqualTo(dues + 9_950 + 2_025);
        assertThat(v.at("/totals/net").asLong()).isEqualTo(v.path("lifetimeValue").asLong());
        assertThat(v.at("/received/memberSince").asText()).isEqualTo(m.memberSince().toString());
        assertThat(v.at("/received/tenureMonths").asLong()).isEqualTo(ChronoUnit.MONTHS.between(m.memberSince(), TODAY));
        assertThat(v.at("/received/membership/termEnd").asText()).isEqualTo(m.endDate().toString());
    }

    @Test
    void theForecastOfOneDayAndLevelPricesAndWeightsEachRenewal() {
        DemoMember m = OURS.get(1);
        String body = "{\"from\":\"" + m.endDate() + "\",\"to\":\"" + m.endDate() + "\",\"level\":\"" + m.level().name() + "\"}";
        var response = bus.postAs(BusClient.OPS, "/api/v1/cs-finance/forecast", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode f = read(response.body());

        JsonNode line = null;
        long price = m.dues().longValue() * 100; // anniversary terms: a renewal is one term's full dues
        for (JsonNode r : f.path("renewals")) {
            assertThat(r.path("renewalDate").asText()).isEqualTo(m.endDate().toString());
            assertThat(r.path("level").asText()).isEqualTo(m.level().name());
            assertThat(r.path("renewalPrice").asLong()).isEqualTo(price);
            if (r.path("memberId").asText().equals(m.crmContactId())) {
                line = r;
            }
        }
        assertThat(line).as("the member's renewal is in the forecast").isNotNull();
        // the same probability the renewal-risk API gives staff for the membership
        var risk = read(bus.get("/api/v1/cs-sales/renewal/risk/" + m.membershipId(), BusClient.OPS).body());
        assertThat(line.path("probability").asDouble()).isEqualTo(risk.path("probability").asDouble());
        assertThat(line.path("risk").asText()).isEqualTo(risk.path("risk").asText());
        assertThat(line.path("expected").asLong()).isEqualTo(Math.round(price * line.path("probability").asDouble()));
        int members = f.path("members").asInt();
        assertThat(f.path("fullRenewalValue").asLong()).isEqualTo(members * price);
        assertSumsAgree(f);
    }

    @Test
    void theForecastOfAPeriodCountsWhatTheCrmSaysEndsInItAndItsPartsAddUp() {
        LocalDate from = TODAY.plusDays(45);
        LocalDate to = TODAY.plusDays(75);
        String body = "{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            int inCrm = partners.soql("SELECT COUNT() FROM Contact WHERE Membership_Status__c = 'Active'"
                    + " AND Membership_End_Date__c >= " + from + " AND Membership_End_Date__c <= " + to).path("totalSize").asInt();
            JsonNode f = read(bus.postAs(BusClient.OPS, "/api/v1/cs-finance/forecast", body).body());
            assertThat(inCrm).isPositive();
            assertThat(f.path("members").asInt()).isEqualTo(inCrm);
        });
        JsonNode f = read(bus.postAs(BusClient.OPS, "/api/v1/cs-finance/forecast", body).body());
        assertThat(f.at("/period/from").asText()).isEqualTo(from.toString());
        assertThat(f.path("byLevel").size()).isGreaterThan(1);
        assertThat(f.path("riskAdjustedTotal").asLong()).isPositive().isLessThan(f.path("fullRenewalValue").asLong());
        assertSumsAgree(f);
    }

    @Test
    void badPeriodsWrongRolesAndUnknownMembersAreRefusedWithTheirReason() {
        var backwards = bus.postAs(BusClient.OPS, "/api/v1/cs-finance/forecast", "{\"from\":\"2027-03-01\",\"to\":\"2027-01-01\"}");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(read(backwards.body()).path("error").asText()).contains("ends (to 2027-01-01) before it starts");
        var bad = bus.postAs(BusClient.OPS, "/api/v1/cs-finance/forecast", "{\"from\":\"next week\",\"level\":\"gold\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(read(bad.body()).path("error").asText()).contains("from: 'next week' is not an ISO date")
                .contains("to: missing").contains("level: 'gold'");
        var tooLong = bus.postAs(BusClient.OPS, "/api/v1/cs-finance/forecast", "{\"from\":\"2027-01-01\",\"to\":\"2028-06-30\"}");
        assertThat(read(tooLong.body()).path("error").asText()).contains("at most 366");
        assertThat(bus.postAs(BusClient.OPS, "/api/v1/cs-finance/forecast", "not json").statusCode()).isEqualTo(400);

        // asking for a forecast is an operator's (as the other customer-success POSTs); reading a value a viewer's
        assertThat(bus.postAs(TestUsers.VIEWER, "/api/v1/cs-finance/forecast", "{\"from\":\"2027-01-01\",\"to\":\"2027-01-31\"}")
                .statusCode()).isEqualTo(403);
        assertThat(bus.postAs(TestUsers.OPERATOR, "/api/v1/cs-finance/forecast", "{\"from\":\"2027-01-01\",\"to\":\"2027-01-31\"}")
                .statusCode()).isEqualTo(200);
        assertThat(bus.get("/api/v1/cs-finance/value/" + OURS.get(2).crmContactId(), null).statusCode()).isEqualTo(401);

        assertThat(bus.get("/api/v1/cs-finance/value/003DM9999999999AAA", BusClient.OPS).statusCode()).isEqualTo(404);
        var malformed = bus.get("/api/v1/cs-finance/value/x'%20OR%201=1", BusClient.OPS);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(read(malformed.body()).path("error").asText()).contains("member_id");
    }

    @Test
    void bothOperationsAreInTheOpenApiDescription() {
        JsonNode paths = read(bus.get("/api/v1/openapi.json", BusClient.OPS).body()).path("paths");
        assertThat(paths.at("/~1api~1v1~1cs-finance~1value~1{member_id}/get/responses/404").isMissingNode()).isFalse();
        assertThat(paths.at("/~1api~1v1~1cs-finance~1forecast/post/responses/400").isMissingNode()).isFalse();
    }

    /** The breakdowns and the renewals listed each add up to the totals, to the cent. */
    static void assertSumsAgree(JsonNode f) {
        long total = f.path("riskAdjustedTotal").asLong();
        for (String breakdown : List.of("byLevel", "byRisk")) {
            long adjusted = 0;
            long full = 0;
            int members = 0;
            for (JsonNode part : f.path(breakdown)) {
                adjusted += part.path("riskAdjustedTotal").asLong();
                full += part.path("fullRenewalValue").asLong();
                members += part.path("members").asInt();
            }
            assertThat(adjusted).as(breakdown).isEqualTo(total);
            assertThat(full).as(breakdown).isEqualTo(f.path("fullRenewalValue").asLong());
            assertThat(members).as(breakdown).isEqualTo(f.path("members").asInt());
        }
        long listed = 0;
        for (JsonNode r : f.path("renewals")) {
            listed += r.path("expected").asLong();
        }
        assertThat(listed).isEqualTo(total);
        assertThat(f.path("renewals").size()).isEqualTo(f.path("members").asInt());
        assertThat(f.path("atRisk").asLong()).isEqualTo(f.path("fullRenewalValue").asLong() - total);
    }

    private void payment(DemoMember m, String type, double amount, String status, Double refunded, String paidAt) {
        var p = JSON.createObjectNode();
        p.put("Contact__c", m.crmContactId());
        p.put("Amount__c", amount);
        p.put("Currency__c", "USD");
        p.put("Status__c", status);
        p.put("Type__c", type);
        if (refunded != null) {
            p.put("Refunded_Amount__c", refunded);
        }
        if (paidAt != null) {
            p.put("Paid_At__c", paidAt);
        }
        assertThat(partners.createSObject("Payment__c", p.toString())).startsWith("a09");
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
