package org.memberbus.member.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cometd.bayeux.server.BayeuxServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.memberbus.KafkaProbe;
import org.memberbus.PartnerProbe;
import org.memberbus.sandbox.demo.Grade;
import org.memberbus.sandbox.demo.Standing;
import org.memberbus.sandbox.SimulatorHost;
import org.memberbus.sandbox.community.CommunitySimulator;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;
import org.memberbus.sandbox.salesforce.SalesforceSimulator;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * The bus stops in the middle of the CRM's change stream and starts again on the same data: every
 * change staff made in Salesforce while it was down reaches the community, and nothing is applied
 * twice. The Salesforce and community simulators run outside the bus, so they keep their state
 * (and Salesforce its retained change events) across the bus's restart, as the real ones would.
 */
class CrmChangeStreamRestartTest {

    static final String CHANNEL = "/data/ContactChangeEvent";
    final Path dataDir = Path.of("target", "restart-sandbox").toAbsolutePath();
    final Map<String, Object> settings = new LinkedHashMap<>(StandaloneBus.freePorts());
    SimulatorHost salesforce;
    SimulatorHost community;
    StandaloneBus bus;

    @AfterEach
    void cleanUp() {
        for (AutoCloseable part : new AutoCloseable[] {bus, community, salesforce}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                // closing the rest matters more
            }
        }
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }

    @Test
    void changesMadeWhileTheBusWasDownReachTheCommunityOnceAndNothingIsRepeated() {
        FileSystemUtils.deleteRecursively(dataDir.toFile());
        salesforce = SimulatorHost.start("salesforce", 0, new StandardEnvironment(), SalesforceSimulator.class);
        community = SimulatorHost.start("community", 0, new StandardEnvironment(), CommunitySimulator.class);
        settings.put("sandbox.simulators.enabled", "false");
        settings.put("sandbox.salesforce.port", salesforce.port());
        settings.put("sandbox.community.port", community.port());
        for (var unused : List.of("sandbox.gateway.port", "sandbox.accounting.port", "sandbox.exams.port",
                "sandbox.exams.sftp-port", "sandbox.marketing.port", "sandbox.webinar.port")) {
            settings.put(unused, StandaloneBus.freePort()); // simulators not started: nothing answers there
        }
        var partners = new PartnerProbe("http://localhost:" + salesforce.port(), "http://localhost:" + community.port(), null);
        var members = DemoAssociation.generate(LocalDate.now()).members().stream()
                .filter(m -> m.status() == Standing.ACTIVE && m.level() != Grade.FELLOW).limit(3).toList();
        DemoMember first = members.get(0), second = members.get(1), third = members.get(2);

        // running: staff change three members' level; the community follows
        bus = StandaloneBus.start(dataDir, settings);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                !salesforce.bean(BayeuxServer.class).getChannel(CHANNEL).getSubscribers().isEmpty());
        for (var m : members) {
            level(partners, m, other(m.level(), 1));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (var m : members) {
                assertThat(partners.communityAccount(m.communityId()).path("level").asText()).isEqualTo(other(m.level(), 1).name());
            }
        });
        bus.close();
        bus = null;
        // down means unsubscribed: camel-salesforce's replay ids are JVM-wide (a static extension), so
        // an event that a closing client in this same JVM still received would be skipped by the next
        // one; a real restart is a new process and replays from the stored id
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var channel = salesforce.bean(BayeuxServer.class).getChannel(CHANNEL); // gone with its last subscriber
            return channel == null || channel.getSubscribers().isEmpty();
        });

        // stopped: more changes, one member's level twice, one change of two fields
        partners.updateSObject("Contact", first.crmContactId(), "{\"FirstName\":\"Restarted\"}");
        level(partners, second, other(second.level(), 2));
        level(partners, second, other(second.level(), 3));
        partners.updateSObject("Contact", third.crmContactId(),
                "{\"FirstName\":\"Resumed\",\"Membership_Level__c\":\"" + title(other(third.level(), 2)) + "\"}");

        // started again on the same data: all of them arrive, in order
        bus = StandaloneBus.start(dataDir, settings);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(partners.communityAccount(first.communityId()).path("firstName").asText()).isEqualTo("Restarted");
            assertThat(partners.communityAccount(second.communityId()).path("level").asText()).isEqualTo(other(second.level(), 3).name());
            var account = partners.communityAccount(third.communityId());
            assertThat(account.path("firstName").asText()).isEqualTo("Resumed");
            assertThat(account.path("level").asText()).isEqualTo(other(third.level(), 2).name());
        });

        // each change decided exactly once: the levels of the first run, and each change made while down
        var jdbc = bus.bean(JdbcTemplate.class);
        assertThat(decided(jdbc, first)).containsOnly(Map.entry("level", 1L), Map.entry("firstName", 1L));
        assertThat(decided(jdbc, second)).containsOnly(Map.entry("level", 3L));
        assertThat(decided(jdbc, third)).containsOnly(Map.entry("level", 2L), Map.entry("firstName", 1L));
        assertThat(applied(jdbc, first, "firstName")).containsExactly("Restarted");
        assertThat(applied(jdbc, second, "level")).containsExactly(title(other(second.level(), 2)), title(other(second.level(), 3)));
        assertThat(applied(jdbc, third, "level")).containsExactly(title(other(third.level(), 2)));
        // and no change event went into Kafka twice
        var events = KafkaProbe.readAll(bus.environment().getProperty("memberbus.kafka.brokers"), "crm.changes").stream()
                .map(r -> KafkaProbe.header(r, "eventId")).toList();
        assertThat(events).doesNotHaveDuplicates().isNotEmpty();
    }

    /** Decisions logged for the member per field (the bus's own echoes decide nothing; bios etc. not counted). */
    private static Map<String, Long> decided(JdbcTemplate jdbc, DemoMember member) {
        return jdbc.queryForList("select field from sync_decision where record_id = ? and field in ('level', 'firstName')",
                String.class, member.crmContactId()).stream().collect(Collectors.groupingBy(f -> f, Collectors.counting()));
    }

    /** The CRM values applied to the field, oldest first. */
    private static List<String> applied(JdbcTemplate jdbc, DemoMember member, String field) {
        return jdbc.queryForList("select new_value from sync_decision where record_id = ? and field = ? and system = 'crm'"
                + " and decision = 'applied' order by decided_at, id", String.class, member.crmContactId(), field);
    }

    private static void level(PartnerProbe partners, DemoMember member, Grade level) {
        partners.updateSObject("Contact", member.crmContactId(), "{\"Membership_Level__c\":\"" + title(level) + "\"}");
    }

    /** Another level than the member's, the k-th after it among the non-fellow levels. */
    private static Grade other(Grade level, int k) {
        var levels = List.of(Grade.STUDENT, Grade.ASSOCIATE, Grade.PROFESSIONAL);
        return levels.get((levels.indexOf(level) + k) % levels.size());
    }

    private static String title(Grade level) {
        return level.name().charAt(0) + level.name().substring(1).toLowerCase();
    }
}
