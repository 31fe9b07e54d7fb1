package org.memberbus.sandbox.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.validation.Validation;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.memberbus.inbound.CommunityEvent;
import org.memberbus.inbound.InboundParser;
import org.memberbus.inbound.WebhookSignature;
import org.memberbus.sandbox.demo.Grade;
import org.memberbus.sandbox.demo.Standing;
import org.memberbus.sandbox.SimulatorHost;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommunitySimulatorTest {

    static final String SECRET = "whsec_community_sandbox";

    SimulatorHost host;
    CommunityApi api;
    WebhookReceiver receiver;
    DemoAssociation demo;

    @BeforeAll
    void start() throws Exception {
        var env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "sandbox.community.webhook-initial-backoff-ms", "50")));
        host = SimulatorHost.start("community", 0, env, CommunitySimulator.class);
        api = new CommunityApi(host.port());
        receiver = new WebhookReceiver();
        demo = DemoAssociation.generate(LocalDate.now());
        var subscribed = api.post("/api/v1/webhook-subscriptions", Map.of("url", receiver.url()));
        assertThat(subscribed.status()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        receiver.close();
        host.close();
    }

    @AfterEach
    void clearFaults() {
        api.delete("/__sandbox/faults");
    }

    DemoMember member(int skip, Predicate<DemoMember> which) {
        return demo.members().stream().filter(which).skip(skip).findFirst().orElseThrow();
    }

    // authentication

    @Test
    void theApiNeedsItsKey() {
        var none = api.call("GET", "/api/v1/accounts/cm_000001", null, Map.of());
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body().path("error").asText()).contains("X-Api-Key");
        var wrong = api.call("GET", "/api/v1/accounts/cm_000001", null, Map.of("X-Api-Key", "guess"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(api.get("/api/v1/accounts/cm_000001").status()).isEqualTo(200);
    }

    // seed

    @Test
    void everyDemoMemberHasAnAccountWithAccessFollowingTheirMembership() {
        var fellow = member(0, m -> m.status() == Standing.ACTIVE && m.level() == Grade.FELLOW);
        var lapsed = member(0, m -> m.status() == Standing.LAPSED);
        var archived = member(0, m -> m.status() == Standing.ARCHIVED);
        var active = member(0, m -> m.status() == Standing.ACTIVE && m.level() == Grade.PROFESSIONAL);

        var account = api.get("/api/v1/accounts/" + fellow.communityId());
        assertThat(account.body().path("crmContactId").asText()).isEqualTo(fellow.crmContactId());
        assertThat(account.body().path("email").asText()).isEqualTo(fellow.email());
        assertThat(account.body().path("accessLevel").asText()).isEqualTo("PREMIUM");
        assertThat(account.body().path("version").asLong()).isEqualTo(1);
        assertThat(account.header("ETag")).isEqualTo("\"1\"");
        assertThat(api.get("/api/v1/accounts/" + active.communityId()).body().path("accessLevel").asText()).isEqualTo("MEMBER");
        assertThat(api.get("/api/v1/accounts/" + lapsed.communityId()).body().path("accessLevel").asText()).isEqualTo("RESTRICTED");
        assertThat(api.get("/api/v1/accounts/" + archived.communityId()).body().path("accessLevel").asText()).isEqualTo("NONE");

        var byCrm = api.get("/api/v1/accounts?crmContactId=" + lapsed.crmContactId());
        assertThat(byCrm.body().path("total").asInt()).isEqualTo(1);
        assertThat(byCrm.body().path("data").get(0).path("id").asText()).isEqualTo(lapsed.communityId());

        long lapsedCount = demo.members().stream().filter(m -> m.status() == Standing.LAPSED).count();
        var page = api.get("/api/v1/accounts?status=LAPSED&page=1&size=10");
        assertThat(page.body().path("total").asLong()).isEqualTo(lapsedCount);
        assertThat(page.body().path("data")).hasSize(10);
        assertThat(api.get("/api/v1/accounts?size=500").status()).isEqualTo(400);

        var certified = member(0, m -> m.certification() != null);
        var badges = api.get("/api/v1/accounts/" + certified.communityId() + "/badges").body().path("data");
        assertThat(badges).hasSize(1);
        assertThat(badges.get(0).path("program").asText()).isEqualTo(certified.certification().program());
        assertThat(badges.get(0).path("expirationDate").asText()).isEqualTo(certified.certification().expires().toString());
        var ce = api.get("/api/v1/accounts/" + certified.communityId() + "/ce").body();
        assertThat(ce.path("earned").asInt()).isEqualTo(certified.certification().ceEarned());
        assertThat(ce.path("required").asInt()).isEqualTo(30);

        var grouped = member(0, m -> !m.activity().groups().isEmpty());
        var groups = api.get("/api/v1/accounts/" + grouped.communityId() + "/groups").body().path("data");
        assertThat(groups.findValuesAsText("group")).containsExactlyInAnyOrderElementsOf(grouped.activity().groups());

        var events = api.get("/api/v1/events").body().path("data");
        assertThat(events.findValuesAsText("crmEventId"))
                .containsAll(demo.events().stream().map(DemoAssociation.DemoEvent::crmId).toList());
        var annual = api.get("/api/v1/events?crmEventId=" + demo.events().get(0).crmId()).body().path("data");
        assertThat(annual).hasSize(1);
        assertThat(annual.get(0).path("id").asText()).isEqualTo(demo.events().get(0).communityId());
        assertThat(annual.get(0).path("capacity").asInt()).isEqualTo(demo.events().get(0).capacity());
    }

    // accounts

    @Test
    void accountsAreCreatedValidatedAndPatched() {
        var created = api.post("/api/v1/accounts", Map.of("crmContactId", "003DM0000009001AAA", "memberNumber", "M009001",
                "firstName", "Nora", "lastName", "Newcomer", "email", "nora.newcomer@example.org",
                "membershipStatus", "ACTIVE", "level", "FELLOW", "membershipEndDate", "2030-01-31"));
        assertThat(created.status()).isEqualTo(201);
        var id = created.body().path("id").asText();
        assertThat(id).startsWith("cm_");
        assertThat(created.header("Location")).isEqualTo("/api/v1/accounts/" + id);
        assertThat(created.body().path("accessLevel").asText()).isEqualTo("PREMIUM");
        assertThat(created.body().path("version").asInt()).isEqualTo(1);
        assertThat(created.body().path("communicationPreferences").path("email").asBoolean()).isTrue();

        var sameEmail = api.post("/api/v1/accounts", Map.of("firstName", "Nora", "lastName", "Again",
                "email", "NORA.newcomer@example.org"));
        assertThat(sameEmail.status()).isEqualTo(409);
        assertThat(sameEmail.body().path("field").asText()).isEqualTo("email");
        var sameContact = api.post("/api/v1/accounts", Map.of("crmContactId", "003DM0000009001AAA",
                "firstName", "Other", "lastName", "Person", "email", "other.person@example.org"));
        assertThat(sameContact.status()).isEqualTo(409);
        assertThat(sameContact.body().path("field").asText()).isEqualTo("crmContactId");

        var noLastName = api.post("/api/v1/accounts", Map.of("firstName", "X", "email", "x@example.org"));
        assertThat(noLastName.status()).isEqualTo(400);
        assertThat(noLastName.body().path("field").asText()).isEqualTo("lastName");
        var badAccess = api.post("/api/v1/accounts", Map.of("firstName", "X", "lastName", "Y",
                "email", "xy@example.org", "accessLevel", "GOLD"));
        assertThat(badAccess.status()).isEqualTo(400);
        assertThat(badAccess.body().path("field").asText()).isEqualTo("accessLevel");
        var badEmail = api.post("/api/v1/accounts", Map.of("firstName", "X", "lastName", "Y", "email", "not-an-email"));
        assertThat(badEmail.body().path("field").asText()).isEqualTo("email");
        var badDate = api.post("/api/v1/accounts", Map.of("firstName", "X", "lastName", "Y", "email", "d@example.org",
                "membershipEndDate", "next tuesday"));
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.body().path("field").asText()).isEqualTo("membershipEndDate");
        assertThat(api.post("/api/v1/accounts", "{not json").status()).isEqualTo(400);

        var patched = api.patch("/api/v1/accounts/" + id, Map.of("phone", "+1-555-0100",
                "communicationPreferences", Map.of("sms", true)));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body().path("phone").asText()).isEqualTo("+1-555-0100");
        assertThat(patched.body().path("communicationPreferences").path("sms").asBoolean()).isTrue();
        assertThat(patched.body().path("communicationPreferences").path("email").asBoolean()).isTrue();
        assertThat(patched.body().path("version").asInt()).isEqualTo(2);
        assertThat(patched.body().path("crmContactId").asText()).isEqualTo("003DM0000009001AAA");

        var stale = api.call("PATCH", "/api/v1/accounts/" + id, Map.of("city", "Oslo"),
                Map.of("X-Api-Key", CommunityApi.KEY, "If-Match", "\"1\""));
        assertThat(stale.status()).isEqualTo(412);
        var current = api.call("PATCH", "/api/v1/accounts/" + id, Map.of("city", "Oslo"),
                Map.of("X-Api-Key", CommunityApi.KEY, "If-Match", "\"2\""));
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.body().path("version").asInt()).isEqualTo(3);

        var readOnly = api.patch("/api/v1/accounts/" + id, Map.of("version", 99));
        assertThat(readOnly.status()).isEqualTo(400);
        assertThat(readOnly.body().path("field").asText()).isEqualTo("version");
        var relink = api.patch("/api/v1/accounts/" + id, Map.of("crmContactId", "003DM0000009999AAA"));
        assertThat(relink.status()).isEqualTo(409);
        assertThat(api.get("/api/v1/accounts/cm_999999").status()).isEqualTo(404);

        // the CRM's own edits are never echoed back as webhooks
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> receiver.callsAbout(id).isEmpty());
    }

    @Test
    void accessStatusAndSuspensionFollowTheCrm() {
        var m = member(1, x -> x.status() == Standing.ACTIVE && x.level() == Grade.PROFESSIONAL);
        var path = "/api/v1/accounts/" + m.communityId();

        var lapsed = api.put(path + "/status", Map.of("status", "LAPSED", "endDate", "2024-12-31"));
        assertThat(lapsed.status()).isEqualTo(200);
        assertThat(lapsed.body().path("membershipStatus").asText()).isEqualTo("LAPSED");
        assertThat(lapsed.body().path("membershipEndDate").asText()).isEqualTo("2024-12-31");
        assertThat(lapsed.body().path("accessLevel").asText()).isEqualTo("MEMBER");
        var restricted = api.put(path + "/access", Map.of("accessLevel", "RESTRICTED"));
        assertThat(restricted.body().path("accessLevel").asText()).isEqualTo("RESTRICTED");
        assertThat(restricted.body().path("version").asInt()).isEqualTo(3);
        var invalid = api.put(path + "/access", Map.of("accessLevel", "SUPER"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().path("field").asText()).isEqualTo("accessLevel");
        assertThat(api.put(path + "/status", Map.of("endDate", "2024-12-31")).body().path("field").asText()).isEqualTo("status");
        api.put(path + "/access", Map.of("accessLevel", "MEMBER"));

        var suspended = api.post(path + "/suspension", Map.of("reason", "spam in forums"));
        assertThat(suspended.status()).isEqualTo(200);
        assertThat(suspended.body().path("suspended").asBoolean()).isTrue();
        assertThat(suspended.body().path("suspension").path("reason").asText()).isEqualTo("spam in forums");
        var post = api.post("/api/v1/activity", Map.of("type", "post.created", "accountId", m.communityId(),
                "data", Map.of("title", "Buy now")));
        assertThat(post.status()).isEqualTo(403);
        var lifted = api.delete(path + "/suspension");
        assertThat(lifted.body().path("suspended").asBoolean()).isFalse();
        assertThat(lifted.body().path("suspension").isNull()).isTrue();
        assertThat(api.post("/api/v1/activity", Map.of("type", "post.created", "accountId", m.communityId(),
                "data", Map.of("title", "Hello again"))).status()).isEqualTo(201);
    }

    // webhooks

    @Test
    void aMembersProfileEditIsSentAsASignedWebhookTheBusCanRead() {
        var m = member(2, x -> x.status() == Standing.ACTIVE);
        var done = api.post("/api/v1/activity", Map.of("type", "member.profile_updated", "accountId", m.communityId(),
                "data", Map.of("phone", "+1-555-7777", "bio", "Data steward", "firstName", m.firstName())));
        assertThat(done.status()).isEqualTo(201);
        var eventId = done.body().path("event").path("id").asText();
        assertThat(eventId).startsWith("evt_");
        assertThat(done.body().path("result").path("version").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/accounts/" + m.communityId()).body().path("phone").asText()).isEqualTo("+1-555-7777");

        await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.callsFor(eventId).isEmpty());
        var call = receiver.callsFor(eventId).get(0);
        assertThat(call.signature()).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThatCode(() -> new WebhookSignature(Clock.systemUTC(), 300).verify(SECRET, call.signature(), call.body()))
                .doesNotThrowAnyException();

        var parser = new InboundParser(JsonMapper.builder().findAndAddModules().build(),
                Validation.buildDefaultValidatorFactory().getValidator());
        var event = parser.parse(call.body(), CommunityEvent.class);
        assertThat(event.type()).isEqualTo("member.profile_updated");
        assertThat(event.account().id()).isEqualTo(m.communityId());
        assertThat(event.account().crmContactId()).isEqualTo(m.crmContactId());
        assertThat(event.memberKey()).isEqualTo(m.crmContactId());
        // only what changed, with the new version
        assertThat(event.data()).containsOnlyKeys("phone", "bio", "version");
        assertThat(event.data()).containsEntry("phone", "+1-555-7777").containsEntry("version", 2);

        var unchanged = api.post("/api/v1/activity", Map.of("type", "member.profile_updated", "accountId", m.communityId(),
                "data", Map.of("phone", "+1-555-7777")));
        assertThat(unchanged.status()).isEqualTo(200);
        assertThat(unchanged.body().path("event").isNull()).isTrue();
        var notTheirs = api.post("/api/v1/activity", Map.of("type", "member.profile_updated", "accountId", m.communityId(),
                "data", Map.of("accessLevel", "PREMIUM")));
        assertThat(notTheirs.status()).isEqualTo(400);
        assertThat(notTheirs.body().path("field").asText()).isEqualTo("accessLevel");
        assertThat(api.post("/api/v1/activity", Map.of("type", "member.teleported", "accountId", m.communityId()))
                .body().path("field").asText()).isEqualTo("type");
    }

    @Test
    void aReceiverThatFailsGetsTheEventAgainUntilItAccepts() {
        var m = member(3, x -> x.status() == Standing.ACTIVE);
        receiver.fail(m.communityId(), 2, 500);
        var done = api.post("/api/v1/activity", Map.of("type", "content.viewed", "accountId", m.communityId(),
                "data", Map.of("contentId", "article-42")));
        var eventId = done.body().path("event").path("id").asText();

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.callsFor(eventId).size() == 3);
        assertThat(receiver.callsFor(eventId)).extracting(WebhookReceiver.Call::answered).containsExactly(500, 500, 200);
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            var log = api.get("/api/v1/webhook-deliveries?eventId=" + eventId).body().path("data");
            assertThat(log).hasSize(1);
            assertThat(log.get(0).path("state").asText()).isEqualTo("DELIVERED");
            assertThat(log.get(0).path("attempts").asInt()).isEqualTo(3);
            assertThat(log.get(0).path("lastStatus").asInt()).isEqualTo(200);
            assertThat(log.get(0).path("url").asText()).isEqualTo(receiver.url());
        });
        // a 4xx is the receiver refusing the event: not retried
        receiver.fail(m.communityId(), 1, 400);
        var refused = api.post("/api/v1/activity", Map.of("type", "content.viewed", "accountId", m.communityId(),
                "data", Map.of("contentId", "article-43"))).body().path("event").path("id").asText();
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(
                api.get("/api/v1/webhook-deliveries?eventId=" + refused).body().path("data").get(0).path("state").asText())
                .isEqualTo("FAILED"));
        assertThat(receiver.callsFor(refused)).hasSize(1);
    }

    @Test
    void aNewPersonsApplicationIsStoredAndAnnouncedWithoutACrmId() {
        var submitted = api.post("/api/v1/applications", Map.of("firstName", "Ines", "lastName", "Applicant",
                "email", "ines.applicant@example.org", "level", "PROFESSIONAL", "employer", "Proseware",
                "phone", "+1-555-1234", "city", "Denver", "country", "US"));
        assertThat(submitted.status()).isEqualTo(201);
        var event = submitted.body().path("event");
        var applicationId = submitted.body().path("result").path("id").asText();
        assertThat(event.path("type").asText()).isEqualTo("membership.application_submitted");
        assertThat(event.path("account").has("crmContactId")).isTrue();
        assertThat(event.path("account").path("crmContactId").isNull()).isTrue();
        assertThat(event.path("data").path("applicationId").asText()).isEqualTo(applicationId);
        assertThat(event.path("data").path("level").asText()).isEqualTo("PROFESSIONAL");
        assertThat(event.path("data").path("employer").asText()).isEqualTo("Proseware");

        var accountId = event.path("account").path("id").asText();
        var account = api.get("/api/v1/accounts/" + accountId).body();
        assertThat(account.path("membershipStatus").asText()).isEqualTo("PENDING");
        assertThat(account.path("accessLevel").asText()).isEqualTo("NONE");
        var application = api.get("/api/v1/applications/" + applicationId).body();
        assertThat(application.path("accountId").asText()).isEqualTo(accountId);
        assertThat(application.path("status").asText()).isEqualTo("SUBMITTED");

        await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.callsFor(event.path("id").asText()).isEmpty());
        // once the CRM has the person, the bus links the account
        var linked = api.patch("/api/v1/accounts/" + accountId, Map.of("crmContactId", "003DM0000009500AAA",
                "membershipStatus", "ACTIVE", "accessLevel", "MEMBER"));
        assertThat(linked.body().path("crmContactId").asText()).isEqualTo("003DM0000009500AAA");

        var incomplete = api.post("/api/v1/applications", Map.of("firstName", "No", "lastName", "Level",
                "email", "no.level@example.org"));
        assertThat(incomplete.status()).isEqualTo(400);
        assertThat(incomplete.body().path("field").asText()).isEqualTo("level");
    }

    // events

    @Test
    void registrationsBeyondCapacityAreWaitlistedAndCheckInIsAnnounced() {
        var created = api.post("/api/v1/events", Map.of("crmEventId", "a03DM0000000099AAA", "name", "Tiny Workshop",
                "date", LocalDate.now().plusDays(10).toString(), "capacity", 1, "memberPrice", 50,
                "nonMemberPrice", 150, "ceuCredits", 2, "published", true));
        assertThat(created.status()).isEqualTo(201);
        var eventId = created.body().path("id").asText();
        assertThat(api.post("/api/v1/events", Map.of("crmEventId", "a03DM0000000099AAA", "name", "Again",
                "date", "2030-01-01", "capacity", 1, "memberPrice", 1, "nonMemberPrice", 1)).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/events", Map.of("name", "No date", "capacity", 1, "memberPrice", 1,
                "nonMemberPrice", 1)).body().path("field").asText()).isEqualTo("date");

        var active = member(4, x -> x.status() == Standing.ACTIVE);
        var lapsed = member(1, x -> x.status() == Standing.LAPSED);
        var first = api.post("/api/v1/activity", Map.of("type", "event.registration_created",
                "accountId", active.communityId(), "data", Map.of("eventId", eventId)));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().path("event").path("data").path("status").asText()).isEqualTo("REGISTERED");
        assertThat(first.body().path("event").path("data").path("crmEventId").asText()).isEqualTo("a03DM0000000099AAA");
        assertThat(first.body().path("result").path("price").decimalValue()).isEqualByComparingTo("50");
        var second = api.post("/api/v1/events/" + eventId + "/registrations", Map.of("accountId", lapsed.communityId()));
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body().path("status").asText()).isEqualTo("WAITLISTED");
        assertThat(second.body().path("price").decimalValue()).isEqualByComparingTo("150");
        assertThat(api.get("/api/v1/events/" + eventId).body().path("waitlisted").asInt()).isEqualTo(1);

        var firstId = first.body().path("result").path("id").asText();
        var secondId = second.body().path("id").asText();
        assertThat(api.put("/api/v1/registrations/" + secondId, Map.of("status", "REGISTERED")).status()).isEqualTo(409);
        assertThat(api.put("/api/v1/registrations/" + firstId, Map.of("status", "CANCELLED")).body()
                .path("status").asText()).isEqualTo("CANCELLED");
        assertThat(api.put("/api/v1/registrations/" + secondId, Map.of("status", "REGISTERED")).body()
                .path("status").asText()).isEqualTo("REGISTERED");

        var checkIn = api.post("/api/v1/activity", Map.of("type", "event.checked_in", "accountId", lapsed.communityId(),
                "data", Map.of("eventId", eventId)));
        assertThat(checkIn.status()).isEqualTo(201);
        assertThat(checkIn.body().path("event").path("data").path("registrationId").asText()).isEqualTo(secondId);
        assertThat(api.get("/api/v1/registrations/" + secondId).body().path("attended").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/events/" + eventId + "/registrations").body().path("data")).hasSize(2);

        var moved = api.put("/api/v1/events/" + eventId, Map.of("crmEventId", "a03DM0000000099AAA",
                "name", "Tiny Workshop (moved)", "date", "2031-02-03", "capacity", 5, "memberPrice", 60,
                "nonMemberPrice", 160, "ceuCredits", 2, "published", true));
        assertThat(moved.body().path("date").asText()).isEqualTo("2031-02-03");
        assertThat(moved.body().path("registered").asInt()).isEqualTo(1);
    }

    // what the CRM syncs onto the portal

    @Test
    void groupsBadgesCeAndContentGrantsAreKeptPerAccount() {
        var m = member(5, x -> x.status() == Standing.ACTIVE && x.certification() == null);
        var id = m.communityId();
        assertThat(api.post("/api/v1/groups/Board%20Members/members", Map.of("accountId", id)).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/groups/Board%20Members/members", Map.of("accountId", id)).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/accounts/" + id + "/groups").body().path("data").findValuesAsText("group"))
                .contains("Board Members");
        assertThat(api.delete("/api/v1/groups/Board%20Members/members/" + id).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/groups/Board%20Members/members/" + id).status()).isEqualTo(404);

        var badge = api.post("/api/v1/accounts/" + id + "/badges", Map.of("program", "Certified Data Steward",
                "awardedDate", "2025-01-10", "expirationDate", "2028-01-10",
                "certificateUrl", "https://community.memberbus.sandbox/certificates/x1"));
        assertThat(badge.status()).isEqualTo(201);
        var renewed = api.post("/api/v1/accounts/" + id + "/badges", Map.of("program", "Certified Data Steward",
                "awardedDate", "2025-01-10", "expirationDate", "2031-01-10"));
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(renewed.body().path("id").asText()).isEqualTo(badge.body().path("id").asText());
        assertThat(api.get("/api/v1/accounts/" + id + "/badges").body().path("data")).hasSize(1);

        assertThat(api.get("/api/v1/accounts/" + id + "/ce").status()).isEqualTo(404);
        var ce = api.put("/api/v1/accounts/" + id + "/ce", Map.of("earned", 12, "required", 30, "periodEnd", "2028-01-10"));
        assertThat(ce.body().path("gap").asInt()).isEqualTo(18);
        assertThat(api.put("/api/v1/accounts/" + id + "/ce", Map.of("earned", -1, "required", 30)).body()
                .path("field").asText()).isEqualTo("earned");

        assertThat(api.post("/api/v1/accounts/" + id + "/content-access/premium-report-2025", null).status()).isEqualTo(201);
        assertThat(api.get("/api/v1/accounts/" + id + "/content-access").body().path("data").findValuesAsText("contentId"))
                .isEqualTo(List.of("premium-report-2025"));
        assertThat(api.delete("/api/v1/accounts/" + id + "/content-access/premium-report-2025").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/accounts/" + id + "/content-access").body().path("data")).isEmpty();
    }

    // faults

    @Test
    void anOutageAnswers503AndARateLimitAnswers429WithRetryAfter() {
        api.post("/__sandbox/faults", Map.of("down", true));
        var down = api.get("/api/v1/accounts/cm_000001");
        assertThat(down.status()).isEqualTo(503);
        assertThat(api.post("/api/v1/activity", Map.of("type", "content.viewed", "accountId", "cm_000001")).status())
                .isEqualTo(503);
        assertThat(api.get("/__sandbox/faults").body().path("down").asBoolean()).isTrue();
        api.delete("/__sandbox/faults");
        assertThat(api.get("/api/v1/accounts/cm_000001").status()).isEqualTo(200);

        api.post("/__sandbox/faults", Map.of("rateLimitNext", 2));
        var limited = api.get("/api/v1/accounts/cm_000001");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("1");
        assertThat(api.get("/api/v1/accounts/cm_000001").status()).isEqualTo(429);
        assertThat(api.get("/api/v1/accounts/cm_000001").status()).isEqualTo(200);

        api.post("/__sandbox/faults", Map.of("errorRate", 1.0));
        assertThat(api.get("/api/v1/accounts/cm_000001").status()).isEqualTo(500);
    }

    // groups with join and creation requests (issue 12)

    @Test
    void aGroupTakingRequestsQueuesJoinRequestsUntilTheAssociationAnswersOnce() {
        var admin = member(20, x -> x.status() == Standing.ACTIVE);
        var asker = member(21, x -> x.status() == Standing.ACTIVE);
        var other = member(22, x -> x.status() == Standing.ACTIVE);
        var defined = api.put("/api/v1/groups/ethics-board", Map.of("title", "Ethics Board", "joinPolicy", "request",
                "admin", admin.communityId()));
        assertThat(defined.status()).isEqualTo(201);
        assertThat(api.put("/api/v1/groups/ethics-board", Map.of("title", "Ethics Board", "joinPolicy", "request",
                "admin", admin.communityId())).status()).as("the same definition again").isEqualTo(200);
        assertThat(api.get("/api/v1/groups/ethics-board/members").body().path("data").get(0).path("role").asText())
                .isEqualTo("admin");
        assertThat(api.put("/api/v1/groups/Ethics%20Board", Map.of("title", "x")).status()).isEqualTo(400);
        // joining directly is refused: the member asks
        assertThat(api.post("/api/v1/activity", Map.of("type", "group.joined", "accountId", asker.communityId(),
                "data", Map.of("group", "ethics-board"))).status()).isEqualTo(409);
        var asked = api.post("/api/v1/groups/ethics-board/join-requests", Map.of("accountId", asker.communityId()));
        assertThat(asked.status()).isEqualTo(201);
        var requestId = asked.body().path("result").path("id").asText();
        var eventId = asked.body().path("event").path("id").asText();
        await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.callsFor(eventId).isEmpty());
        assertThat(api.post("/api/v1/groups/ethics-board/join-requests", Map.of("accountId", asker.communityId())).status())
                .as("asked again while pending").isEqualTo(200);
        assertThat(api.get("/api/v1/group-join-requests?group=ethics-board&status=Pending").body().path("data")).hasSize(1);

        var accepted = api.patch("/api/v1/group-join-requests/" + requestId, Map.of("status", "Accepted"));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.body().path("status").asText()).isEqualTo("Accepted");
        assertThat(api.patch("/api/v1/group-join-requests/" + requestId, Map.of("status", "Accepted")).status())
                .as("the same answer again").isEqualTo(200);
        assertThat(api.patch("/api/v1/group-join-requests/" + requestId, Map.of("status", "Declined")).status())
                .as("a different answer").isEqualTo(409);
        assertThat(api.get("/api/v1/groups/ethics-board/members").body().path("data").findValuesAsText("accountId"))
                .containsExactlyInAnyOrder(admin.communityId(), asker.communityId());

        var declinedId = api.post("/api/v1/groups/ethics-board/join-requests", Map.of("accountId", other.communityId()))
                .body().path("result").path("id").asText();
        var declined = api.patch("/api/v1/group-join-requests/" + declinedId,
                Map.of("status", "Declined", "responseMessage", "membership is Lapsed"));
        assertThat(declined.body().path("responseMessage").asText()).isEqualTo("membership is Lapsed");
        assertThat(api.get("/api/v1/groups/ethics-board").body().path("members").asInt()).isEqualTo(2);
        assertThat(api.patch("/api/v1/group-join-requests/" + declinedId, Map.of("status", "Maybe")).status()).isEqualTo(400);
    }

    @Test
    void aRequestForANewGroupWaitsForApprovalAndEmitsItsWebhook() {
        var asker = member(23, x -> x.status() == Standing.ACTIVE);
        var asked = api.post("/api/v1/group-requests", Map.of("accountId", asker.communityId(), "name", "young-planners",
                "title", "Young Planners", "description", "Event planners in their first five years"));
        assertThat(asked.status()).isEqualTo(201);
        var requestId = asked.body().path("result").path("id").asText();
        assertThat(asked.body().path("event").path("type").asText()).isEqualTo("group.creation_requested");
        assertThat(asked.body().path("event").path("data").path("requestId").asText()).isEqualTo(requestId);
        assertThat(api.post("/api/v1/group-requests", Map.of("accountId", asker.communityId(), "name", "young-planners",
                "title", "Again")).status()).as("the same name while pending").isEqualTo(409);
        assertThat(api.get("/api/v1/groups/young-planners").status()).isEqualTo(404);
        assertThat(api.patch("/api/v1/group-requests/" + requestId, Map.of("status", "Approved")).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/group-requests/" + requestId).body().path("status").asText()).isEqualTo("Approved");
        assertThat(api.put("/api/v1/groups/young-planners", Map.of("title", "Young Planners", "admin", asker.communityId()))
                .status()).isEqualTo(201);
        assertThat(api.get("/api/v1/groups/young-planners").body().path("admin").asText()).isEqualTo(asker.communityId());
    }
}
