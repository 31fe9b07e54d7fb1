package org.memberbus.member.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.memberbus.sandbox.demo.Standing;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The sync API as an operator uses it: a member's ledger entry across systems and the decision
 * log, filtered by member and decision. Member: active, number % 97 == 14 (no other test's).
 */
@SandboxTest
class SyncApiTest {

    @LocalServerPort int port;
    @Autowired PartnerProbe partners;
    final ObjectMapper json = new ObjectMapper();

    @Test
    void aMembersLedgerEntryAndItsDecisionsAfterAProfileEdit() throws Exception {
        var member = DemoAssociation.generate(LocalDate.now()).members().stream()
                .filter(m -> m.number() % 97 == 14 && m.status() == Standing.ACTIVE).findFirst().orElseThrow();
        var bio = "Bio for the sync API, " + UUID.randomUUID();
        partners.communityActivity(member.communityId(), "member.profile_updated", "{\"bio\":\"" + bio + "\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(partners.contact(member.crmContactId()).path("Bio__c").asText()).isEqualTo(bio));

        var entry = get("/api/v1/members/" + member.crmContactId() + "/sync", 200);
        assertThat(entry.path("objectType").asText()).isEqualTo("member");
        assertThat(entry.path("recordId").asText()).isEqualTo(member.crmContactId());
        assertThat(entry.at("/agreed/bio").asText()).isEqualTo(bio);
        assertThat(entry.path("systems")).anySatisfy(s -> {
            assertThat(s.path("system").asText()).isEqualTo("community");
            assertThat(s.path("externalId").asText()).isEqualTo(member.communityId());
        });
        assertThat(entry.path("systems")).anySatisfy(s -> assertThat(s.path("system").asText()).isEqualTo("crm"));
        assertThat(entry.path("recentDecisions")).anySatisfy(d -> assertThat(d.path("field").asText()).isEqualTo("bio"));

        var applied = get("/api/v1/sync/decisions?member=" + member.crmContactId() + "&decision=applied", 200);
        assertThat(applied.path("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(applied.path("items")).allSatisfy(d -> {
            assertThat(d.path("recordId").asText()).isEqualTo(member.crmContactId());
            assertThat(d.path("decision").asText()).isEqualTo("applied");
        }).anySatisfy(d -> {
            assertThat(d.path("field").asText()).isEqualTo("bio");
            assertThat(d.path("system").asText()).isEqualTo("community");
            assertThat(d.path("newValue").asText()).isEqualTo(bio);
        });
        assertThat(get("/api/v1/sync/decisions?member=" + member.crmContactId() + "&decision=crm_wins", 200)
                .path("items")).isEmpty();
    }

    @Test
    void anUnknownMemberA404AWrongFilterA400AndNoCredentialsA401() throws Exception {
        assertThat(get("/api/v1/members/003DM9999999999AAA/sync", 404).path("error").asText()).contains("003DM9999999999AAA");
        assertThat(get("/api/v1/sync/decisions?decision=overwritten", 400).path("error").asText()).contains("overwritten");
        assertThat(get("/api/v1/sync/decisions?size=501", 400).path("error").asText()).contains("size");
        assertThat(new BusClient(port).get("/api/v1/sync/decisions", null).statusCode()).isEqualTo(401);
    }

    private JsonNode get(String path, int status) throws Exception {
        var response = new BusClient(port).get(path, BusClient.OPS);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }
}
