package org.memberbus.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.TestUsers;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;
import org.memberbus.sandbox.demo.Grade;
import org.memberbus.sandbox.demo.Standing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the whole-bus tests of content access and engagement share (each subclass is a
 * {@code @SandboxTest}): members acting on the community through its API, the community's questions
 * to the bus with its own credential, and, before each test, the bus's member view caught up with the
 * CRM's change stream (so a timing starts from a quiet view).
 */
abstract class CommunityMembersFlow {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @LocalServerPort int port;
    @Autowired PartnerProbe partners;
    @Autowired JdbcTemplate jdbc;
    @Autowired MemberViews views;
    @Value("${memberbus.salesforce.login-url}") String salesforce;
    @Value("${memberbus.community.url}") String community;
    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Active demo members (not students, not close to renewal) of one test class's own: number % 97 == residue. */
    static List<DemoMember> activeMembers(int residue) {
        return DemoAssociation.generate(TODAY).members().stream()
                .filter(m -> m.number() % 97 == residue && m.status() == Standing.ACTIVE && m.level() != Grade.STUDENT
                        && m.endDate().isAfter(TODAY.plusDays(45)))
                .toList();
    }

    @BeforeEach
    void changeStreamCaughtUp() throws Exception {
        AccessDecisionsFlowTest.caughtUp(jdbc, salesforce, views);
    }

    HttpResponse<String> communityCall(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(community + path))
                .header("X-Api-Key", "community-sandbox-key").header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> communityPost(String path, String body) throws Exception {
        return communityCall("POST", path, body);
    }

    /** The community's answer when it is 200, else null. */
    JsonNode communityGet(String path) throws Exception {
        var answer = communityCall("GET", path, null);
        return answer.statusCode() == 200 ? json.readTree(answer.body()) : null;
    }

    /** A member's action on the community (POST /api/v1/activity): the community's own answer. */
    HttpResponse<String> act(DemoMember member, String type, String dataJson) throws Exception {
        return communityPost("/api/v1/activity", "{\"type\": \"" + type + "\", \"accountId\": \"" + member.communityId()
                + "\", \"data\": " + dataJson + "}");
    }

    /** The bus's one decision for the member, asked as the community asks. */
    JsonNode decision(DemoMember member, String action, String resource) throws Exception {
        var answer = new BusClient(port).postAs(TestUsers.COMMUNITY, "/api/v1/access/decisions", "{\"memberId\": \""
                + member.crmContactId() + "\", \"requests\": [{\"action\": \"" + action + "\", \"resource\": \"" + resource + "\"}]}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body()).path("decisions").get(0);
    }
}
