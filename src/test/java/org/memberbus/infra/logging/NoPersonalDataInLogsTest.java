package org.memberbus.infra.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;
import org.memberbus.sandbox.demo.Standing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole bus's log, captured while members act and a partner refuses what the bus sends with
 * an error text that echoes personal data: no email, name or phone of a member reaches it.
 */
@SandboxTest
@ExtendWith(OutputCaptureExtension.class)
class NoPersonalDataInLogsTest {

    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

    @LocalServerPort int port;
    @Autowired PartnerProbe partners;
    @Autowired JdbcTemplate jdbc;
    final ObjectMapper json = new ObjectMapper();

    @Test
    void membersAndPartnerErrorsLeaveNoPersonalDataInTheLog(CapturedOutput output) throws Exception {
        var demo = DemoAssociation.generate(LocalDate.now());
        var former = demo.members().stream()
                .filter(m -> m.status() == Standing.LAPSED && m.number() % 100 == 77).findFirst().orElseThrow();
        var active = demo.members().stream()
                .filter(m -> m.status() == Standing.ACTIVE && m.number() % 100 == 78).findFirst().orElseThrow();

        // a member edits their profile on the community (flows to the CRM as proposals and writes)
        partners.communityActivity(active.communityId(), "member.profile_updated",
                "{\"bio\":\"Reach me at " + active.email() + " or " + active.phone() + "\"}");

        // a former member applies again with a long email alias: the community takes it (254
        // characters), Salesforce refuses it (80) with an error that echoes the address
        var alias = former.email().replace("@", "+membership.application." + UUID.randomUUID().toString().replace("-", "")
                + ".from.the.community.portal@");
        assertThat(alias.length()).isGreaterThan(80);
        var outcome = partners.communityApplication("""
                {"firstName":"%s","lastName":"%s","email":"%s","level":"STUDENT","employer":"%s","phone":"%s",
                 "city":"%s","country":"%s"}""".formatted(former.firstName(), former.lastName(), alias, former.employer(),
                former.phone(), former.city(), former.country()));
        var applicationId = outcome.at("/result/id").asText();
        var accountId = outcome.at("/event/account/id").asText();
        assertThat(applicationId).startsWith("app_");
        var payment = """
                {"id":"evt_%s","object":"event","type":"payment_intent.succeeded","created":%d,
                 "data":{"object":{"id":"pi_%s","object":"payment_intent","amount":5000,"currency":"usd",
                 "status":"succeeded","customer":null,"metadata":{"purpose":"membership_join","application_id":"%s",
                 "community_account_id":"%s","level":"STUDENT","email":"%s"}}}}""".formatted(UUID.randomUUID(),
                Instant.now().getEpochSecond(), UUID.randomUUID().toString().replace("-", ""), applicationId, accountId, alias);
        assertThat(new BusClient(port).gatewayWebhook(payment).statusCode()).isEqualTo(202);

        // the CRM refused the contact; the bus retried (each attempt logged), then dead-lettered it
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(output.getAll())
                .contains("STRING_TOO_LONG").contains("Dead-lettered from"));

        String log = output.getAll();
        assertThat(log).doesNotContain(alias.substring(0, 30), former.email(), active.email());
        for (DemoMember m : demo.members()) {
            assertThat(log).as("member %d", m.number())
                    .doesNotContain(m.email(), m.firstName() + " " + m.lastName(), m.phone());
        }
        assertThat(EMAIL.matcher(log).results().map(r -> r.group()).toList())
                .as("email addresses in the log").isEmpty();
    }
}
