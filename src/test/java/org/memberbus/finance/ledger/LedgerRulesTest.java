package org.memberbus.finance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** The ledger's rules without the bus: the GL mapping file and the dues schedule. */
class LedgerRulesTest {

    @Test
    void theShippedMappingReadsAndNamesEveryAccount() throws Exception {
        var gl = GlMapping.parse(Files.readString(Path.of("config", "gl-mapping.yaml")), "config/gl-mapping.yaml");
        assertThat(gl.isDues("membership_renewal")).isTrue();
        assertThat(gl.isDues("donation")).isFalse();
        assertThat(gl.duesIncome("PROFESSIONAL")).isEqualTo("4030");
        assertThat(gl.income("event_fee")).isEqualTo("4100");
        assertThat(gl.deferredDues()).isEqualTo("2100");
        assertThat(gl.clearing()).isEqualTo("1100");
        assertThat(gl.disputeFeeCents()).isEqualTo(1500);
        assertThat(gl.closedPeriods()).isEqualTo(GlMapping.ClosedPeriods.MOVE);
    }

    @Test
    void aBadMappingIsRefusedNamingEachMistake() {
        assertThatThrownBy(() -> GlMapping.parse("""
                dues: {purposes: [membership_join], deferred-revenue: "2100", income-by-level: {student: "a b"}}
                income: {membership_join: "4000"}
                gateway: {clearing: "1100", bank: "1000", fees: "5100"}
                refunds: {account: "4900"}
                disputes: {held: "1150", lost: "4900", fee-account: "5110", fee: 15.001}
                closed-periods: later
                """, "test"))
                .hasMessageContaining("dues.income-by-level.student: 'a b' is not an account code")
                .hasMessageContaining("income.membership_join: membership_join is a dues purpose")
                .hasMessageContaining("disputes.fee: 15.001")
                .hasMessageContaining("closed-periods: 'later' is neither move nor hold");
    }

    @Test
    void aMappingEditIsReadAgainAndABadOneKeepsTheMappingInForce() throws Exception {
        var file = Files.createTempFile("gl-mapping", ".yaml");
        String good = Files.readString(Path.of("config", "gl-mapping.yaml"));
        Files.writeString(file, good);
        var mapping = new GlMapping(file.toString());
        assertThat(mapping.holdClosedPeriods()).isFalse();

        Files.writeString(file, good.replace("closed-periods: move", "closed-periods: hold"));
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 2000));
        assertThat(mapping.holdClosedPeriods()).isTrue();

        Files.writeString(file, good.replace("closed-periods: move", "closed-periods: maybe"));
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 4000));
        assertThat(mapping.holdClosedPeriods()).isTrue();
    }

    @Test
    void duesAreSpreadByDaysAndAddUpToTheCent() {
        // 295.00 over a 365-day term from mid-November: 18 days of November, ..., 14 days of November next year
        var shares = DuesSchedule.of(29500, LocalDate.of(2026, 11, 13), LocalDate.of(2027, 11, 12));
        assertThat(shares).hasSize(13);
        assertThat(shares.get(0).month()).isEqualTo(YearMonth.of(2026, 11));
        assertThat(shares.get(0).cents()).isEqualTo(Math.round(29500 * 18 / 365.0)); // 1455
        assertThat(shares.get(1).cents()).isEqualTo(Math.round(29500 * 49 / 365.0) - Math.round(29500 * 18 / 365.0));
        assertThat(shares.stream().mapToLong(DuesSchedule.Share::cents).sum()).isEqualTo(29500);
        assertThat(shares.get(12).month()).isEqualTo(YearMonth.of(2027, 11));
    }

    @Test
    void anAwkwardAmountStillAddsUpAndAOneDayTermIsOneShare() {
        var shares = DuesSchedule.of(10001, LocalDate.of(2027, 1, 31), LocalDate.of(2027, 4, 1));
        assertThat(shares).extracting(DuesSchedule.Share::month)
                .containsExactly(YearMonth.of(2027, 1), YearMonth.of(2027, 2), YearMonth.of(2027, 3), YearMonth.of(2027, 4));
        assertThat(shares.stream().mapToLong(DuesSchedule.Share::cents).sum()).isEqualTo(10001);
        assertThat(DuesSchedule.of(500, LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 1)))
                .containsExactly(new DuesSchedule.Share(YearMonth.of(2027, 1), 500));
        assertThatThrownBy(() -> DuesSchedule.of(500, LocalDate.of(2027, 2, 1), LocalDate.of(2027, 1, 1)))
                .hasMessageContaining("before term_start");
    }
}
