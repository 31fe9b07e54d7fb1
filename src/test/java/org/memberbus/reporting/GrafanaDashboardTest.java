package org.memberbus.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.Standing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Grafana dashboard shipped in deploy/grafana: well formed for import, every warehouse query
 * runs on the warehouse as it is, and every Prometheus metric it plots is one the bus exports.
 */
@SandboxTest
class GrafanaDashboardTest {

    static final Pattern METRIC = Pattern.compile("\\b(camel_[a-z_]+|memberbus_[a-z_]+)\\b");

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired PlatformTransactionManager transactions;
    @Autowired PartnerProbe partners;

    final JsonNode dashboard;

    GrafanaDashboardTest() throws Exception {
        dashboard = new ObjectMapper().readTree(Path.of("deploy/grafana/memberbus-dashboard.json").toFile());
    }

    @Test
    void theDashboardIsWellFormedForImport() {
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        var inputs = new HashSet<String>();
        dashboard.path("__inputs").forEach(i -> inputs.add("${" + i.path("name").asText() + "}"));
        var ids = new HashSet<Integer>();
        dashboard.path("panels").forEach(panel -> {
            assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
            assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("title").asText()).isNotBlank();
                assertThat(panel.path("targets")).isNotEmpty();
                assertThat(inputs).contains(panel.path("datasource").path("uid").asText());
            }
        });
    }

    @Test
    void everyWarehouseQueryRunsOnTheWarehouse() {
        var readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        int queries = 0;
        for (var panel : dashboard.path("panels")) {
            for (var target : panel.path("targets")) {
                if (!target.has("rawSql")) {
                    continue;
                }
                // Grafana's time-range macro, as it expands it
                var sql = target.path("rawSql").asText().replaceAll("\\$__timeFilter\\(([^)]+)\\)",
                        "$1 BETWEEN now() - interval '30 days' AND now()");
                readOnly.executeWithoutResult(s -> jdbc.queryForList(sql));
                queries++;
            }
        }
        assertThat(queries).isGreaterThanOrEqualTo(5);
    }

    @Test
    void everyPlottedMetricIsExportedByTheBus() {
        Set<String> metrics = new HashSet<>();
        for (var panel : dashboard.path("panels")) {
            for (var target : panel.path("targets")) {
                var matcher = METRIC.matcher(target.path("expr").asText());
                while (matcher.find()) {
                    metrics.add(matcher.group(1));
                }
            }
        }
        assertThat(metrics).contains("camel_exchanges_total", "memberbus_sync_decisions_total");
        // a sync decision, so its counter exists: a demo member edits their bio on the community
        var member = DemoAssociation.generate(LocalDate.now()).members().stream()
                .filter(m -> m.number() % 100 == 48 && m.status() == Standing.ACTIVE).findFirst().orElseThrow();
        partners.communityActivity(member.communityId(), "member.profile_updated",
                "{\"bio\":\"Bio " + UUID.randomUUID() + "\"}");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var exported = new BusClient(port).get("/actuator/prometheus", BusClient.OPS).body();
            for (var metric : metrics) {
                assertThat(exported).as(metric).containsPattern("(?m)^" + metric + "[{ ]");
            }
        });
    }
}
