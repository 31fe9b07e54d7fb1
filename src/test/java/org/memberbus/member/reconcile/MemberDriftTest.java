package org.memberbus.member.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which side moved, field by field, from what the ledger agreed (canonical values). */
class MemberDriftTest {

    @Test
    void valuesBothSystemsHoldAreCaughtUpInTheLedgerAndNotMerged() {
        var crm = Map.<String, Object>of("status", "Active", "level", "Fellow", "bio", "Hi");
        var community = Map.<String, Object>of("status", "Active", "level", "Fellow", "bio", "Hi");
        var drift = MemberDrift.between(crm, community, Map.of("status", "Active", "level", "Professional"),
                MemberDrift.Withheld.NOTHING);
        assertThat(drift.agreedCatchUp()).containsOnly(Map.entry("level", "Fellow"), Map.entry("bio", "Hi"));
        assertThat(drift.drifted()).isFalse();
    }

    @Test
    void aSideThatMovedFromTheAgreedValueIsMergedAsThatSidesChange() {
        var crm = Map.<String, Object>of("status", "Lapsed", "bio", "Old");
        var community = Map.<String, Object>of("status", "Active", "bio", "New");
        var agreed = Map.<String, Object>of("status", "Active", "bio", "Old");
        var drift = MemberDrift.between(crm, community, agreed, MemberDrift.Withheld.NOTHING);
        assertThat(drift.crmChange()).containsOnly(Map.entry("status", "Lapsed"));
        assertThat(drift.communityChange()).containsOnly(Map.entry("bio", "New"));
        assertThat(drift.agreedCatchUp()).isEmpty();
    }

    @Test
    void withoutAnAgreedValueOrWhenBothMovedTheCommunitysRecordIsMergedAgainstTheCrms() {
        var crm = Map.<String, Object>of("status", "Active", "level", "Fellow");
        var community = Map.<String, Object>of("status", "Lapsed", "level", "Student");
        var drift = MemberDrift.between(crm, community, Map.of("level", "Professional"), MemberDrift.Withheld.NOTHING);
        assertThat(drift.communityChange()).containsOnly(Map.entry("status", "Lapsed"), Map.entry("level", "Student"));
        assertThat(drift.crmChange()).isEmpty();
    }

    @Test
    void valuesAreComparedByMeaningAndOnlyFieldsBothSystemsHold() {
        var crm = new HashMap<String, Object>(Map.of("endDate", "2027-01-31", "dues", 150.0, "street", "1 Main St"));
        crm.put("phone", null);
        var community = new HashMap<String, Object>(Map.of("endDate", LocalDate.parse("2027-01-31"),
                "dues", new BigDecimal("150.00"), "avatarUrl", "https://x/y.png"));
        community.put("phone", null);
        var agreed = Map.<String, Object>of("endDate", "2027-01-31", "dues", 150);
        var drift = MemberDrift.between(crm, community, agreed, MemberDrift.Withheld.NOTHING);
        assertThat(drift.drifted()).isFalse();
        assertThat(drift.agreedCatchUp()).isEmpty(); // a null both hold and the ledger lacks is nothing to catch up
    }

    @Test
    void aValueTheLedgerWithheldAlreadyIsNotMergedAgain() {
        var crm = Map.<String, Object>of("firstName", "Ann", "status", "Active");
        var community = Map.<String, Object>of("firstName", "Anne", "status", "Lapsed");
        var agreed = Map.<String, Object>of("firstName", "Ann", "status", "Active");
        var drift = MemberDrift.between(crm, community, agreed,
                (system, field, value) -> system.equals("community") && field.equals("firstName") && value.equals("Anne"));
        assertThat(drift.communityChange()).containsOnly(Map.entry("status", "Lapsed"));
    }
}
