package org.memberbus.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memberbus.SandboxTest;
import org.memberbus.TestIssuer;
import org.memberbus.TestUsers;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Each role gets what the README says, in the API and in Jolokia (which Hawtio's console uses),
 * with a password or with a bearer token from an OpenID Connect issuer.
 */
@SandboxTest
class RolesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROUTE = "org.apache.camel:context=memberbus,type=routes,name=\"sync-decisions\"";

    @LocalServerPort int port;

    @Test
    void theApiReadsForViewersAndRepairsForOperators() {
        assertThat(send(get("/api/v1/dead-letters"), null).statusCode()).isEqualTo(401);
        assertThat(send(get("/api/v1/dead-letters"), basic(TestUsers.VIEWER)).statusCode()).isEqualTo(200);
        assertThat(send(get("/api/v1/dead-letters"), basic("viewer:wrong")).statusCode()).isEqualTo(401);

        var unknownJob = post("/api/v1/jobs/no-such-job/run", "");
        assertThat(send(unknownJob, basic(TestUsers.VIEWER)).statusCode()).isEqualTo(403);
        // the operator gets through to the API, which answers that there is no such job
        assertThat(send(unknownJob, basic(TestUsers.OPERATOR)).statusCode()).isEqualTo(404);
        var campaign = post("/api/v1/cs-marketing/campaigns", "{}");
        assertThat(send(campaign, basic(TestUsers.VIEWER)).statusCode()).isEqualTo(403);
        assertThat(send(campaign, basic(TestUsers.OPERATOR)).statusCode()).isEqualTo(400);
    }

    @Test
    void jolokiaReadsForViewersRouteControlForOperatorsAndTheRestForAdmins() throws Exception {
        assertThat(send(get("/actuator/jolokia/read/java.lang:type=Memory/HeapMemoryUsage"), null).statusCode())
                .isEqualTo(401);
        var read = send(get("/actuator/jolokia/read/java.lang:type=Memory/HeapMemoryUsage"), basic(TestUsers.VIEWER));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).path("status").asInt()).isEqualTo(200);
        assertThat(send(get("/actuator/jolokia/version"), basic(TestUsers.VIEWER)).statusCode()).isEqualTo(200);
        assertThat(send(get("/actuator/jolokia/search/org.apache.camel:type=routes,*"), basic(TestUsers.VIEWER))
                .statusCode()).isEqualTo(200);
        // GET exec, also through Hawtio's forward and the "p" parameter form
        assertThat(send(get("/actuator/jolokia/exec/java.lang:type=Memory/gc"), basic(TestUsers.VIEWER)).statusCode())
                .isEqualTo(403);
        assertThat(send(get("/actuator/hawtio/jolokia/exec/java.lang:type=Memory/gc"), basic(TestUsers.VIEWER))
                .statusCode()).isEqualTo(403);
        assertThat(send(get("/actuator/jolokia/?p=" + URLEncoder.encode("/exec/java.lang:type=Memory/gc",
                StandardCharsets.UTF_8)), basic(TestUsers.VIEWER)).statusCode()).isEqualTo(403);

        var viewer = new Console(TestUsers.VIEWER);
        var stop = "{\"type\":\"exec\",\"mbean\":\"" + ROUTE.replace("\"", "\\\"") + "\",\"operation\":\"stop()\"}";
        var start = stop.replace("stop()", "start()");
        var readHeap = "{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"HeapMemoryUsage\"}";
        assertThat(viewer.jolokia("[" + readHeap + "]").statusCode()).isEqualTo(200);
        assertThat(viewer.jolokia(stop).statusCode()).isEqualTo(403);
        // a bulk request is refused when any of its parts is
        assertThat(viewer.jolokia("[" + readHeap + "," + stop + "]").statusCode()).isEqualTo(403);
        assertThat(viewer.jolokia(stop, "/actuator/hawtio/jolokia").statusCode()).isEqualTo(403);
        // what Hawtio's Camel plugin runs to draw the route tree and diagram
        var context = "org.apache.camel:context=memberbus,type=context,name=\\\"memberbus\\\"";
        var routesXml = viewer.jolokia("{\"type\":\"exec\",\"mbean\":\"" + context + "\",\"operation\":\"dumpRoutesAsXml()\"}");
        assertThat(routesXml.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(routesXml.body()).path("value").asText()).contains("sync-decisions");
        assertThat(routeStatus()).isEqualTo("Started");

        var operator = new Console(TestUsers.OPERATOR);
        try {
            var stopped = operator.jolokia(stop);
            assertThat(stopped.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(stopped.body()).path("status").asInt()).isEqualTo(200);
            assertThat(routeStatus()).isEqualTo("Stopped");
        } finally {
            assertThat(JSON.readTree(operator.jolokia(start).body()).path("status").asInt()).isEqualTo(200);
        }
        assertThat(routeStatus()).isEqualTo("Started");

        // writes and any other operation: ADMIN only
        var write = "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":false}";
        var gc = "{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\",\"operation\":\"gc\"}";
        assertThat(operator.jolokia(write).statusCode()).isEqualTo(403);
        assertThat(operator.jolokia(gc).statusCode()).isEqualTo(403);
        var admin = new Console(TestUsers.ADMIN);
        var written = admin.jolokia(write);
        assertThat(written.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(written.body()).path("status").asInt()).isEqualTo(200);
        assertThat(JSON.readTree(admin.jolokia(gc).body()).path("status").asInt()).isEqualTo(200);
    }

    @Test
    void bearerTokensOfTheIssuerCarryTheirRoles() throws Exception {
        var issuer = TestIssuer.get();
        var viewer = "Bearer " + issuer.token("vera", List.of("viewer"));
        var operator = "Bearer " + issuer.token("otto", List.of("OPERATOR", "offline_access"));
        var admin = "Bearer " + issuer.token("ada", List.of("admin"));
        var nobody = "Bearer " + issuer.token("nemo", List.of("offline_access"));

        assertThat(send(get("/api/v1/dead-letters"), viewer).statusCode()).isEqualTo(200);
        assertThat(send(get("/api/v1/dead-letters"), nobody).statusCode()).isEqualTo(403);
        assertThat(send(get("/api/v1/dead-letters"), "Bearer " + issuer.forgedToken("vera", List.of("admin")))
                .statusCode()).isEqualTo(401);
        var unknownJob = post("/api/v1/jobs/no-such-job/run", "");
        assertThat(send(unknownJob, viewer).statusCode()).isEqualTo(403);
        assertThat(send(unknownJob, operator).statusCode()).isEqualTo(404);

        var stop = post("/actuator/jolokia", "{\"type\":\"exec\",\"mbean\":\"" + ROUTE.replace("\"", "\\\"")
                + "\",\"operation\":\"stop\"}");
        assertThat(send(get("/actuator/jolokia/version"), viewer).statusCode()).isEqualTo(200);
        assertThat(send(stop, viewer).statusCode()).isEqualTo(403);
        var write = post("/actuator/jolokia",
                "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":false}");
        assertThat(send(write, operator).statusCode()).isEqualTo(403);
        var written = send(write, admin);
        assertThat(written.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(written.body()).path("status").asInt()).isEqualTo(200);
    }

    @Test
    void afterLoggingInHawtioOpensWithoutAContinueMarker() {
        var browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        var asked = call(browser, HttpRequest.newBuilder(uri("/actuator/hawtio/")).header("Accept", "text/html").GET());
        assertThat(asked.statusCode()).isEqualTo(302);
        assertThat(asked.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        var page = call(browser, HttpRequest.newBuilder(uri("/login")).header("Accept", "text/html").GET());
        var csrf = page.body().replaceAll("(?s).*name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\".*", "$1");
        var form = "username=viewer&password=viewer-pw&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        var login = call(browser, HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(login.statusCode()).isEqualTo(302);
        var target = login.headers().firstValue("Location").orElseThrow();
        assertThat(target).doesNotContain("continue").doesNotContain("error").endsWith("/actuator/hawtio/");
        var console = call(browser, HttpRequest.newBuilder(URI.create(target)).header("Accept", "text/html").GET());
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).containsIgnoringCase("hawtio");
    }

    // --- helpers

    String routeStatus() throws IOException {
        var answer = send(get("/actuator/jolokia/read/" + URLEncoder.encode(ROUTE, StandardCharsets.UTF_8)
                .replace("+", "%20") + "/State"), basic(TestUsers.ADMIN));
        return JSON.readTree(answer.body()).path("value").asText();
    }

    /** A console session: the CSRF cookie from a first read, echoed in the header on POSTs (as Hawtio does). */
    final class Console {
        final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        final String authorization;
        final String token;

        Console(String user) {
            authorization = basic(user);
            var first = call(client, get("/actuator/jolokia/version").header("Authorization", authorization));
            assertThat(first.statusCode()).isEqualTo(200);
            token = ((CookieManager) client.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
        }

        HttpResponse<String> jolokia(String body) {
            return jolokia(body, "/actuator/jolokia");
        }

        HttpResponse<String> jolokia(String body, String path) {
            return call(client, post(path, body).header("Authorization", authorization).header("X-XSRF-TOKEN", token));
        }
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> send(HttpRequest.Builder request, String authorization) {
        var copy = request.copy();   // a request is sent as several users
        if (authorization != null) {
            copy.header("Authorization", authorization);
        }
        return call(HttpClient.newHttpClient(), copy);
    }

    static HttpResponse<String> call(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
