package org.memberbus.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.memberbus.TestUsers;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;
import org.memberbus.sandbox.demo.Standing;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The operations staff's status page, in a real headless Chromium (the system's {@code chromium}
 * and {@code chromium-driver}; .ci/run installs them): a visitor who is not logged in is sent to
 * the login page; a VIEWER logs in and sees the page; after a change on the community and a
 * refused webhook, every figure on the rendered page equals its gauge at {@code /actuator/prometheus}
 * (read from the same snapshot: the page's time equals {@code memberbus_status_as_of_seconds}).
 * Uses an active demo member whose number ends in 57.
 */
@SandboxTest
class SyncStatusPageTest {

    static final DemoMember MEMBER = DemoAssociation.generate(LocalDate.now()).members().stream()
            .filter(m -> m.number() % 100 == 57 && m.status() == Standing.ACTIVE)
            .findFirst().orElseThrow();
    static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static WebDriver browser;

    @LocalServerPort int port;
    @Autowired PartnerProbe partners;
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startBrowser() {
        var chromium = new File(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        var driver = new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
        assertThat(chromium).as("Chromium is needed: apt-get install chromium chromium-driver (.ci/run does)").exists();
        assertThat(driver).as("chromedriver is needed: apt-get install chromium-driver (.ci/run does)").exists();
        var options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1920,1080");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver).usingAnyFreePort().build(),
                options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    void aVisitorNotLoggedInIsSentToTheLoginPage() throws Exception {
        var noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        // a browser asks for HTML (a machine asking for anything gets 401, as on the API)
        var answer = noRedirects.send(HttpRequest.newBuilder(URI.create(url("/ops/status")))
                        .header("Accept", "text/html,application/xhtml+xml").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElse("")).endsWith("/login");

        browser.manage().deleteAllCookies();
        browser.get(url("/ops/status"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        assertThat(browser.findElements(By.name("username"))).isNotEmpty();
        // and the JSON figures: 401 without credentials, any staff role reads them
        var bus = new BusClient(port);
        assertThat(bus.get("/api/v1/status", null).statusCode()).isEqualTo(401);
        for (var user : List.of(TestUsers.VIEWER, TestUsers.OPERATOR, TestUsers.ADMIN)) {
            assertThat(bus.get("/api/v1/status", user).statusCode()).as(user).isEqualTo(200);
            assertThat(bus.get("/ops/status", user).statusCode()).as(user).isEqualTo(200);
        }
        // a user of no staff role (the community's client credential) may not see it
        assertThat(bus.get("/api/v1/status", TestUsers.COMMUNITY).statusCode()).isEqualTo(403);
        assertThat(bus.get("/ops/status", TestUsers.COMMUNITY).statusCode()).isEqualTo(403);
    }

    @Test
    void aViewerSeesThePageAndItsFiguresAreTheMetrics() throws Exception {
        var bus = new BusClient(port);
        // a change on each side's way: the member edits their bio on the community (flows to the CRM) ...
        var bio = "Status " + UUID.randomUUID();
        partners.communityActivity(MEMBER.communityId(), "member.profile_updated", "{\"bio\":\"" + bio + "\"}");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(partners.contact(MEMBER.crmContactId()).path("Bio__c").asText()).isEqualTo(bio));
        // ... and a webhook refused (no signature): quarantined, an error of its kind
        assertThat(bus.post("/webhooks/community", "{\"id\":\"evt_unsigned\"}").statusCode()).isBetween(400, 499);

        login(TestUsers.VIEWER);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            browser.get(url("/ops/status"));
            // the rendered figures, read at once, then the scrape: both within one snapshot's life
            @SuppressWarnings("unchecked")
            var shownFigures = (List<List<String>>) ((JavascriptExecutor) browser).executeScript("""
                    return Array.from(document.querySelectorAll('[data-metric]')).map(e => [e.getAttribute('data-metric'),
                        e.getAttribute('data-labels'), e.tagName.toLowerCase(), e.getAttribute('datetime') || '',
                        e.getAttribute('data-epoch-millis') || '', e.textContent.trim()]);""");
            var metrics = prometheus(bus);
            assertThat(browser.getTitle()).contains("sync status");
            var pageAsOf = shownFigures.stream().filter(f -> f.get(0).equals("memberbus_status_as_of_seconds"))
                    .map(f -> Long.parseLong(f.get(4)) / 1000.0).findFirst().orElseThrow();
            assertThat(value(metrics, "memberbus_status_as_of_seconds", "")).as("the page and the scrape read one snapshot")
                    .isCloseTo(pageAsOf, org.assertj.core.data.Offset.offset(0.002));
            assertThat(shownFigures.size()).isGreaterThan(20);
            // every figure on the rendered page equals its gauge
            for (var figure : shownFigures) {
                var name = figure.get(0);
                var labels = figure.get(1);
                if (name.equals("memberbus_status_as_of_seconds")) {
                    continue;
                }
                double shown = figure.get(2).equals("time") ? Instant.parse(figure.get(3)).getEpochSecond()
                        : Double.parseDouble(figure.get(5));
                assertThat(value(metrics, name, labels)).as(name + "{" + labels + "}").isEqualTo(shown);
            }

            var changes = rowsOf("table-changes");
            assertThat(changes).anySatisfy(row -> {
                assertThat(row.subList(0, 2)).containsExactly("member", "community");
                assertThat(Long.parseLong(row.get(3))).as("community changes in the last hour").isPositive();
            });
            assertThat(rowsOf("table-quarantine")).anySatisfy(row -> assertThat(row.get(0)).isEqualTo("community-webhook-source"));
            assertThat(rowsOf("table-errors")).anySatisfy(row -> assertThat(row.get(1)).isEqualTo("community-webhook-source"));
            assertThat(rowsOf("table-jobs")).anySatisfy(row -> {
                assertThat(row.get(0)).isEqualTo("memberbus/membership-lapse");
                assertThat(row.get(2)).as("next run").isNotBlank().isNotEqualTo("never");
            });
            assertThat(browser.findElements(By.id("salesforce-used"))).as("the API allowance, once /limits was read").isNotEmpty();
            assertThat(rowsOf("table-backlog")).isNotEmpty();
        });
    }

    void login(String user) {
        var nameAndPassword = user.split(":", 2);
        browser.manage().deleteAllCookies();
        browser.get(url("/ops/status"));
        browser.findElement(By.name("username")).sendKeys(nameAndPassword[0]);
        browser.findElement(By.name("password")).sendKeys(nameAndPassword[1]);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(30)).until(() -> !browser.getCurrentUrl().endsWith("/login"));
        assertThat(browser.getCurrentUrl()).as("back to the page asked for, after login").endsWith("/ops/status");
    }

    List<List<String>> rowsOf(String tableId) {
        var rows = new ArrayList<List<String>>();
        for (var row : browser.findElement(By.id(tableId)).findElements(By.cssSelector("tbody tr"))) {
            var cells = row.findElements(By.tagName("td")).stream().map(c -> c.getText().trim()).toList();
            if (!(cells.size() == 1 && cells.get(0).equals("none"))) {
                rows.add(cells);
            }
        }
        return rows;
    }

    /** Prometheus's text format: per metric name, each sample's labels and value. */
    Map<String, List<Map.Entry<Map<String, String>, Double>>> prometheus(BusClient bus) {
        var answer = bus.get("/actuator/prometheus", TestUsers.VIEWER);
        assertThat(answer.statusCode()).isEqualTo(200);
        var samples = new HashMap<String, List<Map.Entry<Map<String, String>, Double>>>();
        answer.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(line -> {
            var m = SAMPLE.matcher(line);
            if (m.matches()) {
                var labels = new HashMap<String, String>();
                if (m.group(2) != null) {
                    var l = LABEL.matcher(m.group(2));
                    while (l.find()) {
                        labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                    }
                }
                samples.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Map.entry(labels, Double.parseDouble(m.group(3))));
            }
        });
        return samples;
    }

    /** The one sample of {@code name} carrying the labels {@code a=b,c=d}. */
    static double value(Map<String, List<Map.Entry<Map<String, String>, Double>>> metrics, String name, String labels) {
        var wanted = new HashMap<String, String>();
        if (labels != null && !labels.isBlank()) {
            for (var pair : labels.split(",")) {
                var kv = pair.split("=", 2);
                wanted.put(kv[0], kv[1]);
            }
        }
        var found = metrics.getOrDefault(name, List.of()).stream()
                .filter(s -> s.getKey().entrySet().containsAll(wanted.entrySet())).toList();
        assertThat(found).as("gauge " + name + "{" + labels + "} at /actuator/prometheus").hasSize(1);
        return found.get(0).getValue();
    }
}
