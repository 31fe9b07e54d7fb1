package org.memberbus.reporting.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** config/warehouse.yaml as the ETL reads it: the three SOQL forms of a read, and the Bulk API 2.0 threshold. */
class WarehouseConfigTest {

    @Test
    void theShippedFileParsesWithItsBulkThreshold() throws Exception {
        var extracts = WarehouseConfig.parse(Files.readString(Path.of("config", "warehouse.yaml")), "config/warehouse.yaml");
        assertThat(extracts.bulk()).isEqualTo(new WarehouseConfig.Bulk(10_000, 25_000));
        assertThat(extracts.crm()).extracting(WarehouseConfig.CrmExtract::object)
                .contains("Contact", "Membership__c", "Payment__c");
    }

    @Test
    void aReadCountsFirstAndHasABulkFormWithoutOrder() {
        var yaml = """
                bulk:
                  threshold: 5
                  max-records: 100
                crm:
                  - object: Payment__c
                    table: warehouse.fact_payment
                    key: payment_id
                    where: "Amount__c > 0"
                    columns:
                      status: Status__c
                """;
        var extracts = WarehouseConfig.parse(yaml, "test");
        assertThat(extracts.bulk()).isEqualTo(new WarehouseConfig.Bulk(5, 100));
        var payment = extracts.crm().get(0);
        assertThat(payment.soql("2026-01-01T00:00:00Z")).isEqualTo("SELECT Id, IsDeleted, SystemModstamp, Status__c "
                + "FROM Payment__c WHERE SystemModstamp > 2026-01-01T00:00:00Z AND Amount__c > 0 ORDER BY SystemModstamp, Id");
        assertThat(payment.bulkSoql("2026-01-01T00:00:00Z")).isEqualTo("SELECT Id, IsDeleted, SystemModstamp, Status__c "
                + "FROM Payment__c WHERE SystemModstamp > 2026-01-01T00:00:00Z AND Amount__c > 0");
        assertThat(payment.countSoql(null)).isEqualTo("SELECT COUNT() FROM Payment__c WHERE Amount__c > 0");
        assertThat(payment.countSoql(null)).doesNotContain("ORDER BY");
    }

    @Test
    void aBadBulkSectionIsRefusedWithItsReason() {
        assertThatThrownBy(() -> WarehouseConfig.parse("bulk:\n  threshold: many\ncrm: []\n", "test"))
                .hasMessageContaining("bulk threshold and max-records must be whole numbers");
        assertThatThrownBy(() -> WarehouseConfig.parse("bulk:\n  threshold: 10\n  max-records: 0\ncrm: []\n", "test"))
                .hasMessageContaining("max-records 1 or more");
        // without a bulk section: Salesforce's own advice, 10,000
        assertThat(WarehouseConfig.parse("crm: []\n", "test").bulk().threshold()).isEqualTo(10_000);
    }
}
