package org.memberbus.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The warehouse ETL driven as operators do (POST /api/v1/jobs/warehouse-etl/run), with the CRM
 * changed as staff change it, and the warehouse read as an analyst reads it (SQL on the
 * {@code warehouse} schema).
 */
@SandboxTest
class WarehouseEtlTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired PartnerProbe partners;
    @Autowired JdbcTemplate jdbc;

    JsonNode run(String mode) throws Exception {
        var response = new BusClient(port).postAs(BusClient.OPS, "/api/v1/jobs/warehouse-etl/run?mode=" + mode, "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    long crmCount(String soqlFromWhere) {
        return partners.soql("SELECT COUNT() FROM " + soqlFromWhere).path("totalSize").asLong();
    }

    long warehouseCount(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    @Test
    void aFullRunLoadsTheDemoAssociation() throws Exception {
        long membersBefore = crmCount("Contact WHERE Member_Number__c != null");
        long termsBefore = crmCount("Membership__c");
        assertThat(membersBefore).as("the demo association is seeded").isGreaterThan(100);

        var report = run("full");

        long membersAfter = crmCount("Contact WHERE Member_Number__c != null");
        long termsAfter = crmCount("Membership__c");
        assertThat(warehouseCount("SELECT count(*) FROM warehouse.dim_member WHERE NOT is_deleted"))
                .isBetween(membersBefore, membersAfter);
        assertThat(warehouseCount("SELECT count(*) FROM warehouse.fact_membership_term WHERE NOT is_deleted"))
                .isBetween(termsBefore, termsAfter);
        // members by status and level as the CRM counts them
        long activeFellows = crmCount("Contact WHERE Member_Number__c != null AND Membership_Status__c = 'Active' "
                + "AND Membership_Level__c = 'Fellow'");
        assertThat(warehouseCount("SELECT count(*) FROM warehouse.dim_member m JOIN warehouse.dim_level l "
                + "ON l.level = m.membership_level WHERE NOT m.is_deleted AND m.membership_status = 'Active' "
                + "AND l.rank = 4")).isEqualTo(activeFellows);
        // the GL accounts of the mapping in force
        assertThat(jdbc.queryForObject("SELECT kind FROM warehouse.dim_gl_account WHERE account_code = '2100'",
                String.class)).isEqualTo("liability");

        assertThat(report.path("mode").asText()).isEqualTo("full");
        assertThat(report.path("tables").path("warehouse.dim_member").path("read").asLong())
                .isGreaterThanOrEqualTo(membersBefore);
        var api = report.path("salesforceApi");
        assertThat(api.path("calls").asInt()).isGreaterThanOrEqualTo(4);   // 3 objects + /limits
        assertThat(api.path("dailyMax").asLong()).isPositive();
        assertThat(api.path("withinBudget").asBoolean()).isTrue();
        assertThat(report.path("freshness").path("warehouse.dim_member").path("completeUpTo").asText())
                .isNotBlank();
        assertThat(report.path("freshness").has("warehouse.fact_member_health_daily")).isTrue();
        System.out.printf("Warehouse full run: %s s, %s Salesforce calls (%s %% of the daily allowance), %s%n",
                report.path("seconds"), api.path("calls"), api.path("percentOfDailyMax"), report.path("tables"));
    }

    // A Payment__c, not a Contact: a Contact the community does not know, edited or undeleted,
    // sends the member sync after an account it cannot find (it retries, then dead-letters).
    @Test
    void anEditADeleteAndAnUndeleteAppearAfterTheNextIncrementalRun() throws Exception {
        var tag = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        var id = partners.createSObject("Payment__c", """
                {"Amount__c":120.0,"Type__c":"Donation","Status__c":"Pending","Gateway_Payment_Id__c":"pi_wh_%s"}"""
                .formatted(tag));
        run("incremental");
        assertThat(payment(id)).containsEntry("status", "Pending").containsEntry("is_deleted", false);

        // an edit
        partners.updateSObject("Payment__c", id, "{\"Status__c\":\"Succeeded\",\"Amount__c\":125.5}");
        var report = run("incremental");
        assertThat(payment(id)).containsEntry("status", "Succeeded").containsEntry("amount", new java.math.BigDecimal("125.50"));
        assertThat(jdbc.queryForList("SELECT from_value, to_value FROM warehouse.fact_status_change "
                + "WHERE record_id = ? AND field = 'status' ORDER BY id", id))
                .containsExactly(row(null, "Pending"), row("Pending", "Succeeded"));
        assertThat(report.path("mode").asText()).isEqualTo("incremental");

        // a delete (to the recycle bin), read through queryAll
        partners.deleteSObject("Payment__c", id);
        report = run("incremental");
        assertThat(payment(id)).containsEntry("is_deleted", true);
        assertThat(report.path("tables").path("warehouse.fact_payment").path("markedDeleted").asLong()).isEqualTo(1);

        // an undelete
        partners.salesforceSandbox("undelete/" + id, null);
        run("incremental");
        assertThat(payment(id)).containsEntry("is_deleted", false).containsEntry("status", "Succeeded");
    }

    @Test
    void aModeThatIsNeitherFullNorIncrementalIsRefused() {
        var response = new BusClient(port).postAs(BusClient.OPS, "/api/v1/jobs/warehouse-etl/run?mode=sometimes", "");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("mode must be full or incremental");
    }

    static Map<String, Object> row(String from, String to) {
        var m = new java.util.HashMap<String, Object>();
        m.put("from_value", from);
        m.put("to_value", to);
        return m;
    }

    Map<String, Object> payment(String id) {
        return jdbc.queryForMap("SELECT status, amount, is_deleted FROM warehouse.fact_payment WHERE payment_id = ?", id);
    }
}
