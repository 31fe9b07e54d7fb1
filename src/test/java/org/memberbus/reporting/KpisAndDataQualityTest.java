package org.memberbus.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The executive KPIs against the CRM's own counts, and data-quality failures flagged and resolved. */
@SandboxTest
class KpisAndDataQualityTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired PartnerProbe partners;
    @Autowired JdbcTemplate jdbc;

    BusClient bus() {
        return new BusClient(port);
    }

    JsonNode runEtl() throws Exception {
        var response = bus().postAs(BusClient.OPS, "/api/v1/jobs/warehouse-etl/run?mode=incremental", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    JsonNode get(String path) throws Exception {
        var response = bus().get(path, BusClient.OPS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    long crmCount(String where) {
        return partners.soql("SELECT COUNT() FROM Contact WHERE Member_Number__c != null" + where).path("totalSize").asLong();
    }

    @Test
    void theKpisCountWhatTheCrmHolds() throws Exception {
        long activeBefore = crmCount(" AND Membership_Status__c = 'Active'");
        runEtl();
        long activeAfter = crmCount(" AND Membership_Status__c = 'Active'");
        var kpis = get("/api/v1/kpis");

        assertThat(kpis.path("membersByStatus").path("Active").asLong()).isBetween(activeBefore, activeAfter);
        long byLevel = 0;
        for (var level : kpis.path("activeMembersByLevel")) {
            byLevel += level.asLong();
        }
        assertThat(byLevel).isEqualTo(kpis.path("membersByStatus").path("Active").asLong());
        assertThat(kpis.path("retention12Months").path("eligible").asLong()).isPositive();
        assertThat(kpis.path("revenue").has("netYearToDate")).isTrue();
        assertThat(kpis.path("freshness").has("warehouse.dim_member")).isTrue();
    }

    @Test
    void aDataQualityFailureIsFlaggedAndResolvedOnceFixed() throws Exception {
        var tag = UUID.randomUUID().toString().substring(0, 8);
        var noEmail = partners.createSObject("Contact", """
                {"FirstName":"No","LastName":"Email","Member_Number__c":"DQ1%s","Membership_Status__c":"Active",
                 "Membership_Level__c":"Associate"}""".formatted(tag));
        var email = "twin-" + tag + "@example.org";
        var twinA = partners.createSObject("Contact", """
                {"FirstName":"Twin","LastName":"A","Email":"%s","Member_Number__c":"DQ2%s","Membership_Status__c":"Active",
                 "Membership_Level__c":"Associate"}""".formatted(email, tag));
        var twinB = partners.createSObject("Contact", """
                {"FirstName":"Twin","LastName":"B","Email":"%s","Member_Number__c":"DQ3%s","Membership_Status__c":"Active",
                 "Membership_Level__c":"Associate"}""".formatted(email.toUpperCase(), tag));

        var report = runEtl();
        assertThat(report.path("dataQuality").path("active-member-without-email").path("failing").asLong()).isPositive();
        var open = get("/api/v1/data-quality?limit=1000");
        assertThat(records(open, "active-member-without-email")).contains(noEmail);
        assertThat(records(open, "duplicate-email")).contains(twinA, twinB);

        // staff delete the stray records in the CRM; the next run resolves the flags (an edit would do
        // too, but an edited contact the community does not know sends the member sync looking for it)
        partners.deleteSObject("Contact", noEmail);
        partners.deleteSObject("Contact", twinB);
        runEtl();
        open = get("/api/v1/data-quality?limit=1000");
        assertThat(records(open, "active-member-without-email")).doesNotContain(noEmail);
        assertThat(records(open, "duplicate-email")).doesNotContain(twinA, twinB);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM warehouse.dq_issue WHERE record_id = ? "
                + "AND check_name = 'active-member-without-email' AND resolved_at IS NOT NULL", Long.class, noEmail))
                .isEqualTo(1);
    }

    @Test
    void theOpenApiDescriptionCoversTheReportingEndpoints() throws Exception {
        var paths = get("/api/v1/openapi.json").path("paths");
        assertThat(paths.has("/api/v1/jobs/warehouse-etl/run")).isTrue();
        assertThat(paths.has("/api/v1/warehouse/runs")).isTrue();
        assertThat(paths.has("/api/v1/reports/{id}/download")).isTrue();
        assertThat(paths.has("/api/v1/reports/{id}/run")).isTrue();
        assertThat(paths.has("/api/v1/reports/runs")).isTrue();
        assertThat(paths.has("/api/v1/kpis")).isTrue();
        assertThat(paths.has("/api/v1/data-quality")).isTrue();
    }

    static List<String> records(JsonNode open, String check) {
        var ids = new ArrayList<String>();
        open.path(check).path("records").forEach(r -> ids.add(r.path("recordId").asText()));
        return ids;
    }
}
